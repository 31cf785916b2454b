// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Nawat authors
//
// The server-side rules of data/couchdb/, proved against a real PouchDB Server.

import {
  callDbName, check, evaluationDbName, finish, request, securityObject, startServer,
  validateSource,
} from './lib.mjs';

const call = 'c1';
const ranges = {
  'domains.environment': [0, 4, true],
  'merit.innovation': [1, 5, true],
};

function project(code) {
  return {
    _id: `project:${call}:${code}`, type: 'project', schema: 1, call, code,
    title: { en: 'A project' }, assigned: ['somchai', 'malee'],
  };
}

function evaluation(code, evaluator, extra) {
  return {
    _id: `evaluation:${call}:${code}:${evaluator}`, type: 'evaluation', schema: 1,
    project: `project:${call}:${code}`, evaluator, rubric: 'rubric:default:1',
    scores: { 'domains.environment': 3, 'merit.innovation': null },
    comments: { 'domains.environment': 'Clear plan' },
    overall_comment: '', recommendation: null,
    conflict_of_interest: { declared: false, note: '' },
    status: 'draft', updated: '2026-11-23T10:00:00Z',
    ...extra,
  };
}

async function setUp(server) {
  const dbs = [
    [callDbName(call), 'call', [], { call }],
    [evaluationDbName(call, 'somchai'), 'evaluation', ['somchai'], { call, evaluator: 'somchai', ranges }],
    [evaluationDbName(call, 'malee'), 'evaluation', ['malee'], { call, evaluator: 'malee', ranges }],
    // The function as it is in the file, without a config: default ranges.
    [evaluationDbName('c2', 'somchai'), 'evaluation', ['somchai'], null],
  ];
  for (const [db, kind, members, config] of dbs) {
    const created = await request(server, 'PUT', `/${db}`, 'admin');
    const security = await request(server, 'PUT', `/${db}/_security`, 'admin', securityObject(kind, members));
    const design = await request(server, 'PUT', `/${db}/_design/nawat`, 'admin', {
      language: 'javascript', validate_doc_update: validateSource(kind, config),
    });
    if (created.status !== 201 || security.status !== 200 || design.status !== 201)
      throw new Error(`setting up ${db} failed: ${JSON.stringify([created, security, design])}`);
  }
}

function refused(response, status, message) {
  return response.status === status && typeof response.json === 'object' &&
    response.json.error === 'forbidden' && String(response.json.reason).includes(message);
}

async function run(server) {
  const callDb = `/${callDbName(call)}`;
  const mine = `/${evaluationDbName(call, 'somchai')}`;
  const hers = `/${evaluationDbName(call, 'malee')}`;
  let r;

  await setUp(server);

  r = await request(server, 'PUT', `${callDb}/project:${call}:p1`, 'coordinator', project('p1'));
  check(r.status === 201, 'a coordinator writes a project', r);
  r = await request(server, 'PUT', `${callDb}/project:${call}:p2`, 'somchai', project('p2'));
  check(refused(r, 403, 'Only a coordinator may change the documents of a call'),
    'an evaluator writing a project is refused with the function\'s message', r);
  r = await request(server, 'PUT', `${callDb}/project:${call}:p3`, 'coordinator', { ...project('p3'), assigned: 'somchai' });
  check(refused(r, 403, 'must be a list of names'), 'assigned evaluators that are not a list are refused', r);
  r = await request(server, 'PUT', `${callDb}/project:${call}:p2`, 'coordinator', { ...project('p2'), type: 'call' });
  check(refused(r, 403, 'must be "project"'), 'a project with the wrong type is refused', r);
  r = await request(server, 'PUT', `${callDb}/call:${call}`, 'coordinator',
    { _id: `call:${call}`, type: 'call', schema: 1, extensions: ['somchai'] });
  check(refused(r, 403, 'must map evaluator names to ISO 8601 dates'), 'extensions that are a list are refused', r);
  r = await request(server, 'PUT', `${callDb}/call:${call}`, 'coordinator',
    { _id: `call:${call}`, type: 'call', schema: 1, extensions: { somchai: 7 } });
  check(refused(r, 403, 'The extension of somchai'), 'an extension that is not a date is refused', r);
  r = await request(server, 'PUT', `${callDb}/evaluation:${call}:p1:coordinator`, 'coordinator',
    evaluation('p1', 'coordinator'));
  check(refused(r, 403, 'only call, rubric and project documents'),
    'an evaluation is refused in the call database', r);
  r = await request(server, 'GET', `${callDb}/project:${call}:p1`, 'somchai');
  check(r.status === 200 && r.json.code === 'p1', 'an evaluator reads the call database', r);
  r = await request(server, 'GET', `${callDb}/project:${call}:p1`, null);
  check(r.status === 401 || r.status === 403, 'an anonymous read of the call database is refused', r);
  r = await request(server, 'GET', `${callDb}/_all_docs`, null);
  check(r.status === 401 || r.status === 403, 'an anonymous listing of the call database is refused', r);

  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p1:somchai`, 'somchai', evaluation('p1', 'somchai'));
  check(r.status === 201, 'an evaluator writes their own valid evaluation', r);
  const rev = r.json.rev;
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p1:somchai`, 'somchai',
    evaluation('p1', 'somchai', { _rev: rev, scores: { 'domains.environment': 2, 'merit.innovation': 5 } }));
  check(r.status === 201, 'an evaluator updates their own evaluation', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p1:malee`, 'somchai', evaluation('p1', 'malee'));
  check(refused(r, 403, 'You may only write your own evaluations'),
    'an evaluator writing someone else\'s evaluation id is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { evaluator: 'malee' }));
  check(refused(r, 403, 'must be somchai, the writer'), 'an evaluation whose evaluator is not the writer is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { scores: { 'domains.environment': 7 } }));
  check(refused(r, 403, 'must be from 0 to 4, not 7'), 'a score of 7 is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { scores: { 'merit.innovation': 0 } }));
  check(refused(r, 403, 'must be from 1 to 5, not 0'), 'a score below the rubric\'s minimum is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { scores: { 'merit.innovation': 2.5 } }));
  check(refused(r, 403, 'whole number'), 'a fractional score is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { scores: { 'merit.nothing': 2 } }));
  check(refused(r, 403, 'no criterion merit.nothing'), 'a score of an unknown criterion is refused', r);
  // Arrays are what CouchDB's sandbox does not see with instanceof Array.
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { scores: [] }));
  check(refused(r, 403, 'scores of evaluation:c1:p2:somchai must be an object'),
    'an array of scores is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { comments: [] }));
  check(refused(r, 403, 'must be an object'), 'an array of comments is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { conflict_of_interest: [] }));
  check(refused(r, 403, 'conflict of interest'), 'an array as the conflict of interest is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { comments: { 'merit.innovation': 3 } }));
  check(refused(r, 403, 'must be a text'), 'a comment that is not a text is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { recommendation: 'maybe' }));
  check(refused(r, 403, 'The recommendation'), 'an unknown recommendation is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { status: 'final' }));
  check(refused(r, 403, 'must be "draft" or "submitted"'), 'an unknown status is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { conflict_of_interest: { declared: 'no' } }));
  check(refused(r, 403, 'conflict of interest'), 'a malformed conflict of interest is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { status: 'submitted' }));
  check(refused(r, 403, 'missing: merit.innovation'), 'an incomplete submitted evaluation is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', {
      status: 'submitted', scores: { 'domains.environment': 1, 'merit.innovation': 4 },
      conflict_of_interest: { declared: true, note: 'My cousin' },
    }));
  check(refused(r, 403, 'declared conflict of interest'), 'a submitted evaluation with a declared conflict is refused', r);
  r = await request(server, 'PUT', `${mine}/evaluation:${call}:p2:somchai`, 'somchai',
    evaluation('p2', 'somchai', { status: 'submitted', scores: { 'domains.environment': 1, 'merit.innovation': 4 } }));
  check(r.status === 201, 'a complete submitted evaluation is accepted', r);
  r = await request(server, 'PUT', `${mine}/evaluation:c9:p2:somchai`, 'somchai', {
    ...evaluation('p2', 'somchai'), _id: 'evaluation:c9:p2:somchai', project: 'project:c9:p2',
  });
  check(refused(r, 403, 'does not belong to the call c1'), 'an evaluation of another call is refused', r);
  r = await request(server, 'PUT', `${mine}/_design/other`, 'somchai', { validate_doc_update: 'function () {}' });
  check(r.status === 401 || r.status === 403, 'an evaluator cannot replace the design document', r);

  r = await request(server, 'GET', `${hers}/_all_docs`, 'somchai');
  check(r.status === 401 || r.status === 403, 'an evaluator cannot list another evaluator\'s database', r);
  r = await request(server, 'PUT', `${hers}/evaluation:${call}:p1:malee`, 'malee', evaluation('p1', 'malee'));
  check(r.status === 201, 'the other evaluator writes in her own database', r);
  r = await request(server, 'GET', `${hers}/evaluation:${call}:p1:malee`, 'somchai');
  check(r.status === 401 || r.status === 403, 'an evaluator cannot read another evaluator\'s evaluation', r);
  r = await request(server, 'PUT', `${hers}/evaluation:${call}:p2:somchai`, 'somchai', evaluation('p2', 'somchai'));
  check(r.status === 401 || r.status === 403, 'an evaluator cannot write in another evaluator\'s database', r);
  r = await request(server, 'GET', `${mine}/_all_docs`, 'coordinator');
  check(r.status === 200 && r.json.rows.filter((row) => row.id.startsWith('evaluation:')).length === 2,
    'the coordinator reads an evaluator\'s database', r);
  r = await request(server, 'GET', `${mine}/_all_docs`, null);
  check(r.status === 401 || r.status === 403, 'an anonymous read of an evaluation database is refused', r);

  const plain = `/${evaluationDbName('c2', 'somchai')}`;
  r = await request(server, 'PUT', `${plain}/evaluation:c2:p1:somchai`, 'somchai', {
    ...evaluation('p1', 'somchai'), _id: 'evaluation:c2:p1:somchai', project: 'project:c2:p1',
    scores: { 'any.criterion': 5 },
  });
  check(r.status === 201, 'without a rubric any criterion is scored from 0 to 5', r);
  r = await request(server, 'PUT', `${plain}/evaluation:c2:p2:somchai`, 'somchai', {
    ...evaluation('p2', 'somchai'), _id: 'evaluation:c2:p2:somchai', project: 'project:c2:p2',
    scores: { 'any.criterion': 7 },
  });
  check(refused(r, 403, 'must be from 0 to 5, not 7'), 'without a rubric a score of 7 is refused', r);
}

const server = startServer();
try {
  await run(server);
} catch (error) {
  check(false, `the test ran to its end: ${error.message}`);
} finally {
  server.stop();
  finish();
}
