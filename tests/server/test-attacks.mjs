// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Nawat authors
//
// The attacks of issue 15 on a call's databases, as an anonymous client and
// as an evaluator.  Apache CouchDB, the supported server, must refuse every
// one.  PouchDB Server (tests and demos only) lets several through: those
// are asserted as documented in README.md and data/couchdb/README.md, so
// that a change of its behaviour is noticed.

import {
  callDbName, check, evaluationDbName, finish, request, securityObject, startServer,
  validateSource,
} from './lib.mjs';

const call = 'c1';
const callDb = `/${callDbName(call)}`;
const somchaiDb = `/${evaluationDbName(call, 'somchai')}`;
const maleeDb = `/${evaluationDbName(call, 'malee')}`;
const secret = 'A private comment of malee';

function evaluation(code, evaluator) {
  return {
    _id: `evaluation:${call}:${code}:${evaluator}`, type: 'evaluation', schema: 1,
    project: `project:${call}:${code}`, evaluator, rubric: 'rubric:default:1',
    scores: { 'merit.innovation': 2 }, comments: { 'merit.innovation': secret },
    overall_comment: '', recommendation: null,
    conflict_of_interest: { declared: false, note: '' }, status: 'draft', updated: '2026-11-23T10:00:00Z',
  };
}

async function setUp(server) {
  const dbs = [
    [callDb, 'call', [], { call }],
    [somchaiDb, 'evaluation', ['somchai'], { call, evaluator: 'somchai' }],
    [maleeDb, 'evaluation', ['malee'], { call, evaluator: 'malee' }],
  ];
  for (const [db, kind, members, config] of dbs) {
    const created = await request(server, 'PUT', db, 'admin');
    const security = await request(server, 'PUT', `${db}/_security`, 'admin', securityObject(kind, members));
    const design = await request(server, 'PUT', `${db}/_design/nawat`, 'admin', {
      language: 'javascript', validate_doc_update: validateSource(kind, config),
    });
    if (created.status !== 201 || security.status !== 200 || design.status !== 201)
      throw new Error(`setting up ${db} failed: ${JSON.stringify([created, security, design])}`);
  }
  for (const name of ['somchai', 'malee']) {
    const db = name === 'somchai' ? somchaiDb : maleeDb;
    const r = await request(server, 'PUT', `${db}/evaluation:${call}:p1:${name}`, name, evaluation('p1', name));
    if (r.status !== 201)
      throw new Error(`${name} could not write her evaluation: ${JSON.stringify(r)}`);
  }
}

const denied = (r) => r.status === 401 || r.status === 403;
const leaks = (r) => r.status === 200 && JSON.stringify(r.json).includes(secret);

// check() for one attack: refused on CouchDB; on PouchDB Server as
// documented (@pouchdbLets: it goes through there).
function expect(server, what, refused, pouchdbLets, detail) {
  if (server.kind === 'couchdb' || !pouchdbLets)
    return check(refused, `refused: ${what}`, detail);
  return check(!refused, `PouchDB Server lets it through, as documented: ${what}`, detail);
}

async function userDoc(server, name) {
  return request(server, 'GET', `/_users/org.couchdb.user:${name}`, 'admin');
}

async function run(server) {
  const base = server.url.replace('http://', '');
  let r;

  await setUp(server);

  // Reading another evaluator's evaluation.
  const bulk = { docs: [{ id: `evaluation:${call}:p1:malee` }] };
  r = await request(server, 'POST', `${maleeDb}/_bulk_get`, null, bulk);
  expect(server, 'an anonymous _bulk_get reads malee\'s evaluation', !leaks(r), true, r.status);
  r = await request(server, 'POST', `${maleeDb}/_find`, null, { selector: { type: 'evaluation' } });
  expect(server, 'an anonymous _find reads malee\'s evaluation', !leaks(r), true, r.status);
  r = await request(server, 'POST', `${maleeDb}/_bulk_get`, 'somchai', bulk);
  expect(server, 'somchai\'s _bulk_get reads malee\'s evaluation', !leaks(r), true, r.status);
  r = await request(server, 'POST', `${maleeDb}/_find`, 'somchai', { selector: { type: 'evaluation' } });
  expect(server, 'somchai\'s _find reads malee\'s evaluation', !leaks(r), true, r.status);
  r = await request(server, 'GET', `${maleeDb}/evaluation:${call}:p1:malee`, null);
  expect(server, 'an anonymous GET reads malee\'s evaluation', denied(r), false, r.status);
  r = await request(server, 'GET', `${maleeDb}/_changes?include_docs=true`, null);
  expect(server, 'an anonymous _changes reads malee\'s database', denied(r), false, r.status);
  r = await request(server, 'GET', '/_all_dbs', null);
  expect(server, 'an anonymous _all_dbs lists the evaluators\' databases',
    !(r.status === 200 && JSON.stringify(r.json).includes(maleeDb.slice(1))), true, r.status);

  // Evaluators and the call's design and security.
  // CouchDB answers 500 "no_majority" here: every copy of the database
  // refused it.  What matters is that the object stays as it was.
  for (const [db, name] of [[callDb, 'the call database\'s'], [somchaiDb, 'his own database\'s']]) {
    const before = await request(server, 'GET', `${db}/_security`, 'admin');
    r = await request(server, 'PUT', `${db}/_security`, 'somchai',
      { admins: { names: ['somchai'], roles: [] }, members: { names: [], roles: [] } });
    const after = await request(server, 'GET', `${db}/_security`, 'admin');
    expect(server, `an evaluator replaces ${name} _security`,
      r.status >= 400 && JSON.stringify(before.json) === JSON.stringify(after.json), false, r);
  }
  r = await request(server, 'PUT', `${callDb}/_design/evil`, 'somchai', { validate_doc_update: 'function () {}' });
  expect(server, 'an evaluator writes a design document into the call database', denied(r), false, r);
  r = await request(server, 'PUT', `${somchaiDb}/_design/evil`, 'somchai', { validate_doc_update: 'function () {}' });
  expect(server, 'an evaluator writes a design document into his own database', denied(r), false, r);

  // Replication as an evaluator into another evaluator's database and into
  // the call database: by local names, and by URL with his own password.
  const credentials = (db) => ({
    url: `http://${base}${db}`,
    headers: { Authorization: 'Basic ' + Buffer.from('somchai:somchai-pw').toString('base64') },
  });
  const landed = async (db) => (await request(server, 'GET', `${db}/evaluation:${call}:p1:somchai`, 'admin')).status === 200;
  r = await request(server, 'POST', '/_replicate', 'somchai',
    { source: credentials(somchaiDb), target: credentials(maleeDb) });
  expect(server, 'somchai\'s _replicate by URL writes his evaluation into malee\'s database',
    !(await landed(maleeDb)), false, r);
  for (const [target, name] of [[maleeDb, 'malee\'s database'], [callDb, 'the call database']]) {
    r = await request(server, 'POST', '/_replicate', 'somchai', { source: somchaiDb.slice(1), target: target.slice(1) });
    expect(server, `somchai's _replicate by name writes his evaluation into ${name}`, !(await landed(target)),
      true, r);
  }

  // Sign-up and roles.
  r = await request(server, 'PUT', '/_users/org.couchdb.user:eve', null,
    { _id: 'org.couchdb.user:eve', name: 'eve', password: 'eve-pw', roles: [], type: 'user' });
  expect(server, 'an anonymous sign-up', !(r.status === 201 || r.status === 202), true, r);
  r = await request(server, 'PUT', '/_users/org.couchdb.user:mallory', null,
    { _id: 'org.couchdb.user:mallory', name: 'mallory', password: 'x', roles: ['nawat-coordinator'], type: 'user' });
  expect(server, 'an anonymous sign-up as a coordinator', !(r.status === 201 || r.status === 202), false, r);
  const mine = await userDoc(server, 'somchai');
  r = await request(server, 'PUT', '/_users/org.couchdb.user:somchai', 'somchai',
    { ...mine.json, roles: ['nawat-evaluator', 'nawat-coordinator'] });
  const after = await userDoc(server, 'somchai');
  expect(server, 'an evaluator adds the coordinator role to his own user document',
    !after.json.roles.includes('nawat-coordinator'), true, r);
  r = await request(server, 'GET', `${maleeDb}/evaluation:${call}:p1:malee`, 'somchai');
  expect(server, 'somchai then reads malee\'s evaluation', !leaks(r), true, r.status);

  // Last, as on PouchDB Server it leaves later requests unanswered: an
  // unauthenticated DELETE of a database.
  r = await request(server, 'DELETE', maleeDb, null);
  check(denied(r), 'an unauthenticated DELETE of a database is answered 401 or 403', r);
  let after_delete;
  try {
    after_delete = await request(server, 'GET', maleeDb, 'admin', undefined, server.kind === 'pouchdb' ? 3000 : 10000);
  } catch (error) {
    after_delete = { status: 0, error: error.message };
  }
  if (server.kind === 'couchdb')
    check(after_delete.status === 200, 'after it the database is still there and the server answers', after_delete);
  else
    check(after_delete.status === 0, 'PouchDB Server leaves the next request unanswered, as documented', after_delete);
}

const server = startServer();
try {
  await run(server);
} catch (error) {
  check(false, `the test ran to its end: ${error.stack}`);
} finally {
  server.stop();
  finish();
}
