/* validate_doc_update of an evaluation database, nawat-<call-id>-e-<hex of
 * the user name>.
 *
 * Copyright 2026 The Nawat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An evaluator writes only their own evaluation:<call>:<code>:<name>
 * documents, of a valid shape.  nawat-cli publish replaces the null of the
 * config line with {"call": "<call-id>", "evaluator": "<name>",
 * "ranges": {"<group>.<criterion>": [min, max, required], ...}}; without it
 * any "<group>.<criterion>" key is accepted with scores from 0 to 5.
 * Arrays are tested with Array.isArray: in CouchDB's JavaScript sandbox,
 * instanceof Array is false for the arrays of a document.
 */
function (newDoc, oldDoc, userCtx, secObj) {
  var config = null; /* nawat:config */
  var roles = userCtx.roles || [];
  var is_admin = roles.indexOf('_admin') >= 0;
  var key_re = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
  var code_re = /^[a-z0-9][a-z0-9-]*$/;
  var recommendations = { fund: true, 'fund-with-conditions': true, reject: true };
  var id = newDoc._id;
  var parts, owner, project, key, range, score, coi, missing;

  function forbid (message) {
    throw ({ forbidden: message });
  }

  if (id.indexOf('_design/') === 0) {
    if (!is_admin && roles.indexOf('nawat-coordinator') < 0)
      forbid('Only a coordinator may change the design of an evaluation database.');
    return;
  }

  parts = id.split(':');
  if (parts.length !== 4 || parts[0] !== 'evaluation' ||
      !code_re.test(parts[1]) || !code_re.test(parts[2]) || parts[3] === '')
    forbid('An evaluation database holds only evaluation:<call>:<code>:<evaluator> documents, not ' + id + '.');
  owner = parts[3];

  /* Server admins may restore anyone's evaluation; everybody else writes only
   * their own, in their own database. */
  if (!is_admin) {
    if (owner !== userCtx.name)
      forbid('You may only write your own evaluations, not ' + id + '.');
    if (config && config.evaluator && config.evaluator !== userCtx.name)
      forbid('This database holds the evaluations of ' + config.evaluator + '.');
  }
  if (config && config.call && parts[1] !== config.call)
    forbid('The evaluation ' + id + ' does not belong to the call ' + config.call + '.');

  if (newDoc._deleted)
    return;

  if (newDoc.type !== 'evaluation')
    forbid('The type of ' + id + ' must be "evaluation".');
  if (typeof newDoc.schema !== 'number' || newDoc.schema < 1)
    forbid('The schema of ' + id + ' must be a number from 1.');
  if (newDoc.evaluator !== owner || (!is_admin && newDoc.evaluator !== userCtx.name))
    forbid('The evaluator of ' + id + ' must be ' + owner + ', the writer.');
  project = 'project:' + parts[1] + ':' + parts[2];
  if (newDoc.project !== project)
    forbid('The project of ' + id + ' must be ' + project + '.');
  if (typeof newDoc.rubric !== 'string' || newDoc.rubric.indexOf('rubric:') !== 0)
    forbid('The rubric of ' + id + ' must be a rubric id.');
  if (newDoc.status !== 'draft' && newDoc.status !== 'submitted')
    forbid('The status of ' + id + ' must be "draft" or "submitted".');

  if (newDoc.scores !== undefined && newDoc.scores !== null) {
    if (typeof newDoc.scores !== 'object' || Array.isArray (newDoc.scores))
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
    if (typeof newDoc.comments !== 'object' || Array.isArray (newDoc.comments))
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
    if (typeof coi !== 'object' || Array.isArray (coi) || typeof coi.declared !== 'boolean')
      forbid('The conflict of interest of ' + id + ' must be {"declared": true or false, "note": text}.');
    if (coi.note !== undefined && coi.note !== null && typeof coi.note !== 'string')
      forbid('The note on the conflict of interest of ' + id + ' must be a text.');
  }

  if (newDoc.updated !== undefined && newDoc.updated !== null && typeof newDoc.updated !== 'string')
    forbid('The time of the last change of ' + id + ' must be an ISO 8601 text.');

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
