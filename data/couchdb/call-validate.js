/* validate_doc_update of a call database, nawat-<call-id>.
 *
 * Copyright 2026 The Nawat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only coordinators (and server admins) write the call, its rubric and its
 * projects; evaluators read them.  nawat-cli publish replaces the null of the
 * config line with {"call": "<call-id>"}.  Arrays are tested with
 * Array.isArray: in CouchDB's JavaScript sandbox, instanceof Array is false
 * for the arrays of a document.
 */
function (newDoc, oldDoc, userCtx, secObj) {
  var config = null; /* nawat:config */
  var roles = userCtx.roles || [];
  var id = newDoc._id;
  var types = { call: true, rubric: true, project: true };
  var parts, type, name;

  function forbid (message) {
    throw ({ forbidden: message });
  }

  if (roles.indexOf('_admin') < 0 && roles.indexOf('nawat-coordinator') < 0)
    forbid('Only a coordinator may change the documents of a call.');

  if (id.indexOf('_design/') === 0 || newDoc._deleted)
    return;

  parts = id.split(':');
  type = parts[0];
  if (!types[type])
    forbid('A call database holds only call, rubric and project documents, not ' + id + '.');
  if (newDoc.type !== type)
    forbid('The type of ' + id + ' must be "' + type + '".');
  if (typeof newDoc.schema !== 'number' || newDoc.schema < 1)
    forbid('The schema of ' + id + ' must be a number from 1.');

  if (config && config.call) {
    if (type === 'call' && id !== 'call:' + config.call)
      forbid('This database holds the call ' + config.call + ', not ' + id + '.');
    if (type === 'project' && (parts[1] !== config.call || newDoc.call !== config.call))
      forbid('The project ' + id + ' does not belong to the call ' + config.call + '.');
  }
  if (type === 'call' && newDoc.extensions !== undefined && newDoc.extensions !== null) {
    if (typeof newDoc.extensions !== 'object' || Array.isArray(newDoc.extensions))
      forbid('The extensions of ' + id + ' must map evaluator names to ISO 8601 dates.');
    for (name in newDoc.extensions)
      if (typeof newDoc.extensions[name] !== 'string')
        forbid('The extension of ' + name + ' in ' + id + ' must be an ISO 8601 date.');
  }
  if (type === 'project') {
    if (parts.length !== 3 || !/^[a-z0-9][a-z0-9-]*$/.test(parts[2]) || newDoc.code !== parts[2])
      forbid('A project id reads project:<call>:<code>, with the code in the document.');
    if (newDoc.assigned !== undefined && !Array.isArray(newDoc.assigned))
      forbid('The assigned evaluators of ' + id + ' must be a list of names.');
  }
}
