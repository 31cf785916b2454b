/* validate_doc_update of an evaluation database, nawat-<call-id>-e-<hex of
 * the user name>.
 *
 * Copyright 2026 The Nawat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An evaluator writes only their own evaluation:<call>:<code>:<name>
 * documents, of a valid shape, within the round's rules (DESIGN.md; the
 * client's side of them is src/core/model/nawat-round.c): only of a project
 * assigned to them, no scores while they declare a conflict of interest,
 * nothing after their deadline (the later of the call's deadline and their
 * extension, by the server's clock), and a submitted evaluation changes only
 * by being reopened, which "reopened" records.  A coordinator writes here
 * only to reopen a submitted evaluation, at any time.
 *
 * nawat-cli publish replaces the null of the config line with
 * {"call": "<call-id>", "evaluator": "<name>",
 *  "ranges": {"<group>.<criterion>": [min, max, required], ...},
 *  "assigned": ["<project code>", ...],
 *  "deadline": "<ISO 8601>" or null, "extension": "<ISO 8601>" or null,
 *  "fields": {"<member>": "string" | "integer" | "boolean" | "object", ...},
 *  "bounds": {"<member>": [min, max], ...},
 *  "sealed": ["<member>", ...]},
 * "fields", "bounds" and "sealed" from the table of the evaluation's members
 * (src/core/model/nawat-evaluation-fields.c): each member's JSON type, the
 * range of an integer member, and what a submitted evaluation keeps until it
 * is reopened.
 * Without it any "<group>.<criterion>" key is accepted with scores from 0 to
 * 5, for any project and at any time, members are not checked against
 * "fields", the bounds are those of default_bounds, and a submitted
 * evaluation keeps the members of default_sealed.  Arrays are tested with Array.isArray:
 * in CouchDB's JavaScript sandbox, instanceof Array is false for the arrays
 * of a document.
 */
function (newDoc, oldDoc, userCtx, secObj) {
  var config = null; /* nawat:config */
  var roles = userCtx.roles || [];
  var is_admin = roles.indexOf('_admin') >= 0;
  var is_coordinator = roles.indexOf('nawat-coordinator') >= 0;
  var key_re = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
  var code_re = /^[a-z0-9][a-z0-9-]*$/;
  var recommendations = { fund: true, 'fund-with-conditions': true, reject: true };
  var conflict_types = { 'same-organisation': true, 'partner-organisation': true,
                         collaborator: true, personal: true, financial: true, other: true };
  var id = newDoc._id;
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  var default_sealed = ['project', 'evaluator', 'rubric', 'scores', 'comments',
                        'overall_comment', 'recommendation', 'confidence',
                        'conflict_of_interest', 'conflict_answered'];
  var default_bounds = { confidence: [1, 3] };
  var bounds = config && config.bounds ? config.bounds : default_bounds;
  var sealed = config && Array.isArray(config.sealed) ? config.sealed : default_sealed;
  var types = config && config.fields ? config.fields : null;
  var parts, owner, project, key, range, score, coi, missing, closes, reopened, value;

  function forbid (message) {
    throw ({ forbidden: message });
  }

  /* Equal as JSON values, whatever the order of members; a member that is
   * null counts as absent. */
  function same (a, b) {
    var k;

    if (a === undefined)
      a = null;
    if (b === undefined)
      b = null;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
      return a === b;
    if (Array.isArray(a) !== Array.isArray(b))
      return false;
    for (k in a)
      if (!same(a[k], b[k]))
        return false;
    for (k in b)
      if (!(k in a) && !same(null, b[k]))
        return false;
    return true;
  }

  /* What a submitted evaluation keeps while it stays submitted. */
  function same_content () {
    var i;

    for (i = 0; i < sealed.length; i++)
      if (!same(newDoc[sealed[i]], old[sealed[i]]))
        return false;
    return true;
  }

  /* @value is of the JSON type @type of the table of members. */
  function has_type (value, type) {
    if (type === 'integer')
      return typeof value === 'number' && Math.floor(value) === value;
    if (type === 'object')
      return typeof value === 'object' && !Array.isArray(value);
    return typeof value === type;
  }

  /* This write records a new reopening by @name. */
  function reopens_as (name) {
    var r = newDoc.reopened;

    return r !== undefined && r !== null && typeof r === 'object' && r.by === name &&
      typeof r.at === 'string' && !same(r, old ? old.reopened : null);
  }

  /* The end of the evaluator's round in milliseconds since 1970, or null
   * when it never closes. */
  function closing_time () {
    var deadline, extension;

    if (!config || config.deadline === undefined || config.deadline === null)
      return null;
    deadline = Date.parse(config.deadline);
    if (isNaN(deadline))
      forbid('The deadline of this call, ' + config.deadline + ', cannot be read.');
    extension = config.extension ? Date.parse(config.extension) : NaN;
    return isNaN(extension) || extension < deadline ? deadline : extension;
  }

  if (id.indexOf('_design/') === 0) {
    if (!is_admin && !is_coordinator)
      forbid('Only a coordinator may change the design of an evaluation database.');
    return;
  }

  parts = id.split(':');
  if (parts.length !== 4 || parts[0] !== 'evaluation' ||
      !code_re.test(parts[1]) || !code_re.test(parts[2]) || parts[3] === '')
    forbid('An evaluation database holds only evaluation:<call>:<code>:<evaluator> documents, not ' + id + '.');
  owner = parts[3];
  if (config && config.call && parts[1] !== config.call)
    forbid('The evaluation ' + id + ' does not belong to the call ' + config.call + '.');

  /* Server admins may restore anyone's evaluation as it was; a coordinator
   * may reopen one; everybody else writes only their own, in their own
   * database, within the round's rules. */
  if (!is_admin && owner !== userCtx.name) {
    if (!is_coordinator)
      forbid('You may only write your own evaluations, not ' + id + '.');
    if (newDoc._deleted || !old || old.status !== 'submitted' || newDoc.status !== 'draft' ||
        !reopens_as(userCtx.name) || !same_content())
      forbid('A coordinator may only reopen a submitted evaluation, recording "reopened", not otherwise change ' + id + '.');
  } else if (!is_admin) {
    if (config && config.evaluator && config.evaluator !== userCtx.name)
      forbid('This database holds the evaluations of ' + config.evaluator + '.');
    closes = closing_time();
    if (closes !== null && new Date().getTime() > closes)
      forbid('The deadline of ' + owner + ' passed on ' + new Date(closes).toISOString() +
             ': ' + id + ' can no longer change.');
    if (old && old.status === 'submitted' && !reopens_as(owner) &&
        (newDoc._deleted || newDoc.status !== 'submitted' || !same_content()))
      forbid('The evaluation ' + id + ' is submitted: it changes only by being reopened, recording "reopened".');
    if (!newDoc._deleted && config && Array.isArray(config.assigned) &&
        config.assigned.indexOf(parts[2]) < 0)
      forbid('The project ' + parts[2] + ' is not assigned to ' + owner + '.');
  }

  if (newDoc._deleted)
    return;

  if (newDoc.type !== 'evaluation')
    forbid('The type of ' + id + ' must be "evaluation".');
  if (typeof newDoc.schema !== 'number' || newDoc.schema < 1)
    forbid('The schema of ' + id + ' must be a number from 1.');
  if (newDoc.evaluator !== owner)
    forbid('The evaluator of ' + id + ' must be ' + owner + ', the writer.');
  project = 'project:' + parts[1] + ':' + parts[2];
  if (newDoc.project !== project)
    forbid('The project of ' + id + ' must be ' + project + '.');
  if (typeof newDoc.rubric !== 'string' || newDoc.rubric.indexOf('rubric:') !== 0)
    forbid('The rubric of ' + id + ' must be a rubric id.');
  if (newDoc.status !== 'draft' && newDoc.status !== 'submitted')
    forbid('The status of ' + id + ' must be "draft" or "submitted".');

  if (newDoc.scores !== undefined && newDoc.scores !== null) {
    if (typeof newDoc.scores !== 'object' || Array.isArray(newDoc.scores))
      forbid('The scores of ' + id + ' must be an object.');
    for (key in newDoc.scores) {
      score = newDoc.scores[key];
      if (!key_re.test(key))
        forbid('The score key "' + key + '" must read <group>.<criterion>.');
      range = config && config.ranges ? config.ranges[key] : [0, 5, false];
      if (!range)
        forbid('The rubric has no criterion ' + key + '.');
      if (score === null)
        continue;
      if (typeof score !== 'number' || Math.floor(score) !== score)
        forbid('The score of ' + key + ' must be a whole number or null.');
      if (score < range[0] || score > range[1])
        forbid('The score of ' + key + ' must be from ' + range[0] + ' to ' + range[1] + ', not ' + score + '.');
    }
  }

  if (newDoc.comments !== undefined && newDoc.comments !== null) {
    if (typeof newDoc.comments !== 'object' || Array.isArray(newDoc.comments))
      forbid('The comments of ' + id + ' must be an object.');
    for (key in newDoc.comments) {
      if (!key_re.test(key))
        forbid('The comment key "' + key + '" must read <group>.<criterion>.');
      if (newDoc.comments[key] !== null && typeof newDoc.comments[key] !== 'string')
        forbid('The comment on ' + key + ' must be a text.');
    }
  }

  if (newDoc.overall_comment !== undefined && newDoc.overall_comment !== null &&
      typeof newDoc.overall_comment !== 'string')
    forbid('The overall comment of ' + id + ' must be a text.');

  if (newDoc.recommendation !== undefined && newDoc.recommendation !== null &&
      !recommendations[newDoc.recommendation])
    forbid('The recommendation of ' + id + ' must be "fund", "fund-with-conditions", "reject" or null.');

  coi = newDoc.conflict_of_interest;
  if (coi !== undefined && coi !== null) {
    if (typeof coi !== 'object' || Array.isArray(coi) || typeof coi.declared !== 'boolean')
      forbid('The conflict of interest of ' + id + ' must be {"declared": true or false, "note": text}.');
    if (coi.note !== undefined && coi.note !== null && typeof coi.note !== 'string')
      forbid('The note on the conflict of interest of ' + id + ' must be a text.');
    if (coi.type !== undefined && coi.type !== null && !conflict_types[coi.type])
      forbid('The type of the conflict of interest of ' + id + ' must be "same-organisation", ' +
             '"partner-organisation", "collaborator", "personal", "financial", "other" or null.');
  }

  if (newDoc.updated !== undefined && newDoc.updated !== null && typeof newDoc.updated !== 'string')
    forbid('The time of the last change of ' + id + ' must be an ISO 8601 text.');

  reopened = newDoc.reopened;
  if (reopened !== undefined && reopened !== null &&
      (typeof reopened !== 'object' || Array.isArray(reopened) ||
       typeof reopened.by !== 'string' || typeof reopened.at !== 'string'))
    forbid('The reopening of ' + id + ' must be {"by": name, "at": ISO 8601 text}.');
  if (!is_admin && reopened && !same(reopened, old ? old.reopened : null) &&
      reopened.by !== userCtx.name)
    forbid('The reopening of ' + id + ' must name its writer, ' + userCtx.name + '.');

  /* Every other member the table knows, null or of its type. */
  if (types)
    for (key in types) {
      value = newDoc[key];
      if (value !== undefined && value !== null && !has_type(value, types[key]))
        forbid('The member ' + key + ' of ' + id + ' must be of the type ' + types[key] + ' or null.');
    }
  for (key in bounds) {
    value = newDoc[key];
    if (value !== undefined && value !== null &&
        (typeof value !== 'number' || Math.floor(value) !== value ||
         value < bounds[key][0] || value > bounds[key][1]))
      forbid('The member ' + key + ' of ' + id + ' must be a whole number from ' + bounds[key][0] +
             ' to ' + bounds[key][1] + ' or null, not ' + JSON.stringify(value) + '.');
  }

  if (coi && coi.declared && newDoc.scores)
    for (key in newDoc.scores)
      if (newDoc.scores[key] !== null)
        forbid('An evaluation with a declared conflict of interest carries no scores: ' + id + '.');

  if (newDoc.status === 'submitted') {
    if (coi && coi.declared)
      forbid('An evaluation with a declared conflict of interest cannot be submitted.');
    if (config && config.ranges) {
      missing = [];
      for (key in config.ranges)
        if (config.ranges[key][2] && (!newDoc.scores || typeof newDoc.scores[key] !== 'number'))
          missing.push(key);
      if (missing.length > 0)
        forbid('A submitted evaluation scores every required criterion; missing: ' + missing.join(', ') + '.');
    }
  }
}
