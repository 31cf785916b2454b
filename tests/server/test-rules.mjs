// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Nawat authors
//
// The round's rules as nawat-cli publish writes them into the evaluation
// databases' validate_doc_update, proved against a real server: only
// assigned projects, no scores with a declared conflict of interest,
// nothing after the evaluator's deadline (the server's clock) unless a
// coordinator extended it and published again, a submitted evaluation
// changed only by reopening it, and coordinators writing only to reopen.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  check, evaluationDbName, finish, passwords, publishArgs, request, sourceRoot, startServer,
} from './lib.mjs';

const cli = process.env.NAWAT_CLI;
const demo = JSON.parse(readFileSync(join(sourceRoot, 'resources', 'demo', 'demo.json'), 'utf8')).docs;
const hour = 3600 * 1000;

// A call of three projects: p001 assigned to somchai and malee, p002 to
// malee, p003 to somchai.
function callDocs(callId, deadline, extensions) {
  const call = { ...demo.find((doc) => doc.type === 'call') };
  const assigned = { p001: ['somchai', 'malee'], p002: ['malee'], p003: ['somchai'] };
  call._id = `call:${callId}`;
  call.deadline = deadline;
  call.evaluators = ['somchai', 'malee'];
  if (extensions !== undefined)
    call.extensions = extensions;
  const projects = demo.filter((doc) => doc.type === 'project' && assigned[doc.code])
    .map((doc) => ({ ...doc, _id: `project:${callId}:${doc.code}`, call: callId, assigned: assigned[doc.code] }));
  return [call, ...demo.filter((doc) => doc.type === 'rubric'), ...projects];
}

function nawatCli(store, args, input) {
  const run = spawnSync(cli, ['--store', store, ...args], { input: input ?? '', encoding: 'utf8', timeout: 120000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function importCall(dir, store, callId, deadline, extensions) {
  const file = join(dir, `${callId}.json`);
  writeFileSync(file, JSON.stringify({ docs: callDocs(callId, deadline, extensions) }));
  return nawatCli(store, ['import', file]);
}

function publish(server, store, callId, user) {
  return nawatCli(store, ['publish', '--server', server.url, '--call', callId, '--user', user,
    '--password-stdin', ...publishArgs(server)], passwords[user] + '\n');
}

function refused(response, message) {
  return response.status === 403 && typeof response.json === 'object' &&
    String(response.json.reason).includes(message);
}

class Evaluations {
  constructor(server, callId, scores) {
    this.server = server;
    this.callId = callId;
    this.scores = scores;
    this.revs = {};
  }

  id(code, evaluator) {
    return `evaluation:${this.callId}:${code}:${evaluator}`;
  }

  doc(code, evaluator, extra) {
    return {
      _id: this.id(code, evaluator), type: 'evaluation', schema: 1,
      project: `project:${this.callId}:${code}`, evaluator, rubric: 'rubric:default:1',
      scores: { 'merit.innovation': 3 }, comments: {}, overall_comment: '', recommendation: null,
      conflict_of_interest: { declared: false, note: '' }, status: 'draft',
      updated: new Date().toISOString(), ...extra,
    };
  }

  submitted(code, evaluator, extra) {
    return this.doc(code, evaluator, { scores: { ...this.scores }, status: 'submitted', ...extra });
  }

  // PUT as @user into @evaluator's database, with the last revision seen.
  async put(user, code, evaluator, doc) {
    const id = this.id(code, evaluator);
    const body = this.revs[id] ? { ...doc, _rev: this.revs[id] } : doc;
    const r = await request(this.server, 'PUT', `/${evaluationDbName(this.callId, evaluator)}/${id}`, user, body);
    if (r.status === 201)
      this.revs[id] = r.json.rev;
    return r;
  }

  async remove(user, code, evaluator) {
    const id = this.id(code, evaluator);
    return request(this.server, 'DELETE',
      `/${evaluationDbName(this.callId, evaluator)}/${id}?rev=${this.revs[id]}`, user);
  }
}

// Every criterion of the rubric at its minimum: a complete evaluation.
async function fullScores(server, callId) {
  const r = await request(server, 'GET', `/nawat-${callId}/rubric:default:1`, 'admin');
  const scores = {};
  for (const group of r.json.groups)
    for (const criterion of group.criteria)
      scores[`${group.key}.${criterion.key}`] = criterion.min;
  return scores;
}

async function openRound(server, dir) {
  const store = join(dir, 'open.db');
  const future = new Date(Date.now() + 365 * 24 * hour).toISOString();
  let r;

  r = importCall(dir, store, 'open', future);
  check(r.status === 0, 'a call closing in a year is imported', r);
  r = publish(server, store, 'open', 'admin');
  check(r.status === 0, 'it is published', r);
  const e = new Evaluations(server, 'open', await fullScores(server, 'open'));

  r = await e.put('somchai', 'p001', 'somchai', e.doc('p001', 'somchai'));
  check(r.status === 201, 'an evaluator scores a project assigned to them', r);
  r = await e.put('somchai', 'p002', 'somchai', e.doc('p002', 'somchai'));
  check(refused(r, 'The project p002 is not assigned to somchai'),
    'an evaluator scoring a project not assigned to them is refused', r);

  const conflict = { conflict_of_interest: { declared: true, note: 'My cousin runs it' } };
  r = await e.put('somchai', 'p003', 'somchai', e.doc('p003', 'somchai', conflict));
  check(refused(r, 'declared conflict of interest carries no scores'),
    'scores with a declared conflict of interest are refused', r);
  r = await e.put('somchai', 'p003', 'somchai',
    e.doc('p003', 'somchai', { ...conflict, scores: { 'merit.innovation': null } }));
  check(r.status === 201, 'a declared conflict of interest without scores is accepted', r);
  // The members' types come from the evaluation's table of members.
  r = await e.put('somchai', 'p003', 'somchai',
    e.doc('p003', 'somchai', { ...conflict, scores: { 'merit.innovation': null }, schema: 1.5 }));
  check(refused(r, 'The member schema of evaluation:open:p003:somchai must be of the type integer'),
    'a member of the wrong type is refused', r);
  r = await e.put('somchai', 'p003', 'somchai',
    e.doc('p003', 'somchai', { ...conflict, scores: { 'merit.innovation': null }, site_visit: { done: true } }));
  check(r.status === 201, 'a member the table does not know is accepted', r);

  r = await e.put('somchai', 'p001', 'somchai', e.submitted('p001', 'somchai'));
  check(r.status === 201, 'a complete evaluation is submitted', r);
  r = await e.put('somchai', 'p001', 'somchai', e.submitted('p001', 'somchai'));
  check(r.status === 201, 'a submitted evaluation written again unchanged is accepted', r);
  r = await e.put('somchai', 'p001', 'somchai',
    e.submitted('p001', 'somchai', { overall_comment: 'Second thoughts' }));
  check(refused(r, 'is submitted: it changes only by being reopened'),
    'the overall comment of a submitted evaluation stays as submitted', r);
  r = await e.put('somchai', 'p001', 'somchai',
    e.submitted('p001', 'somchai', { scores: { ...e.scores, 'merit.innovation': 5 } }));
  check(refused(r, 'is submitted: it changes only by being reopened'),
    'a submitted evaluation changed without reopening is refused', r);
  r = await e.put('somchai', 'p001', 'somchai', e.submitted('p001', 'somchai', { status: 'draft' }));
  check(refused(r, 'is submitted: it changes only by being reopened'),
    'a submitted evaluation back to draft without recording the reopening is refused', r);
  r = await e.remove('somchai', 'p001', 'somchai');
  check(refused(r, 'is submitted'), 'a submitted evaluation cannot be deleted', r);
  r = await e.put('somchai', 'p001', 'somchai', e.submitted('p001', 'somchai', {
    status: 'draft', reopened: { by: 'coordinator', at: new Date().toISOString() },
  }));
  check(r.status === 403, 'an evaluator cannot record a reopening by the coordinator', r);

  r = await e.put('coordinator', 'p001', 'somchai',
    e.submitted('p001', 'somchai', { scores: { ...e.scores, 'merit.innovation': 5 } }));
  check(refused(r, 'A coordinator may only reopen a submitted evaluation'),
    'a coordinator changing an evaluator\'s scores is refused', r);
  r = await e.put('coordinator', 'p001', 'somchai', e.submitted('p001', 'somchai', {
    status: 'draft', scores: { ...e.scores, 'merit.innovation': 5 },
    reopened: { by: 'coordinator', at: new Date().toISOString() },
  }));
  check(refused(r, 'A coordinator may only reopen'), 'a coordinator cannot reopen and rescore at once', r);
  r = await e.put('coordinator', 'p001', 'somchai', e.submitted('p001', 'somchai', {
    status: 'draft', reopened: { by: 'coordinator', at: new Date().toISOString() },
  }));
  check(r.status === 201, 'a coordinator reopens a submitted evaluation, recording it', r);
  r = await e.put('coordinator', 'p003', 'somchai', e.doc('p003', 'somchai', conflict));
  check(refused(r, 'A coordinator may only reopen'), 'a coordinator cannot write a new evaluation', r);

  r = await e.put('somchai', 'p001', 'somchai', e.submitted('p001', 'somchai'));
  check(r.status === 201, 'the evaluator submits again', r);
  r = await e.put('somchai', 'p001', 'somchai', e.submitted('p001', 'somchai', {
    status: 'draft', scores: { ...e.scores, 'merit.innovation': 5 },
    reopened: { by: 'somchai', at: new Date().toISOString() },
  }));
  check(r.status === 201, 'the evaluator reopens before the deadline, recording it, and rescores', r);

  // A recusal recorded by the coordinator and published: the server then
  // refuses the recused evaluator's evaluation of the project.
  r = await e.put('malee', 'p001', 'malee', e.doc('p001', 'malee'));
  check(r.status === 201, 'an evaluator scores a project before being recused from it', r);
  r = nawatCli(store, ['recuse', '--call', 'open', '--project', 'p001', '--evaluator', 'malee',
    '--type', 'financial', '--note', 'Holds shares in the organisation']);
  check(r.status === 0, 'the coordinator recuses the evaluator', r);
  r = publish(server, store, 'open', 'admin');
  check(r.status === 0, 'the recusal is published', r);
  r = await e.put('malee', 'p001', 'malee', e.doc('p001', 'malee', { overall_comment: 'More' }));
  check(refused(r, 'The project p001 is not assigned to malee'),
    'the server refuses the recused evaluator\'s evaluation', r);
  r = await e.put('malee', 'p002', 'malee', e.doc('p002', 'malee'));
  check(r.status === 201, 'the recused evaluator still scores the other projects', r);
}

async function lateRound(server, dir) {
  const store = join(dir, 'late.db');
  const past = new Date(Date.now() - hour).toISOString();
  const tomorrow = new Date(Date.now() + 24 * hour).toISOString();
  let r;

  r = importCall(dir, store, 'late', past);
  check(r.status === 0, 'a call whose deadline passed an hour ago is imported', r);
  r = publish(server, store, 'late', 'admin');
  check(r.status === 0, 'it is published', r);
  const e = new Evaluations(server, 'late', await fullScores(server, 'late'));

  r = await e.put('somchai', 'p001', 'somchai', e.doc('p001', 'somchai'));
  check(refused(r, 'The deadline of somchai passed'), 'a write after the deadline is refused', r);
  // A submitted evaluation from before the deadline, restored by the admin.
  r = await e.put('admin', 'p001', 'malee', e.submitted('p001', 'malee'));
  check(r.status === 201, 'a server admin restores malee\'s submitted evaluation', r);
  r = await e.put('malee', 'p001', 'malee', e.submitted('p001', 'malee', {
    status: 'draft', reopened: { by: 'malee', at: new Date().toISOString() },
  }));
  check(refused(r, 'The deadline of malee passed'), 'an evaluator cannot reopen after the deadline', r);
  r = await e.put('coordinator', 'p001', 'malee', e.submitted('p001', 'malee', {
    status: 'draft', reopened: { by: 'coordinator', at: new Date().toISOString() },
  }));
  check(r.status === 201, 'a coordinator reopens after the deadline', r);

  r = importCall(dir, store, 'late', past, { somchai: tomorrow });
  check(r.status === 0, 'the coordinator extends somchai\'s deadline to tomorrow', r);
  r = publish(server, store, 'late', 'coordinator');
  check(r.status === 0 && /[1-9]\d* design documents updated/.test(r.stdout),
    'publishing again updates the rules on the server', r);
  r = await e.put('somchai', 'p001', 'somchai', e.doc('p001', 'somchai'));
  check(r.status === 201, 'the same write is accepted after the extension', r);
  r = await e.put('somchai', 'p002', 'somchai', e.doc('p002', 'somchai'));
  check(refused(r, 'not assigned'), 'the extension does not open unassigned projects', r);
  r = await e.put('malee', 'p001', 'malee', e.submitted('p001', 'malee'));
  check(refused(r, 'The deadline of malee passed'), 'another evaluator\'s deadline stays passed', r);
}

const server = startServer();
try {
  check(typeof cli === 'string' && cli.length > 0, 'NAWAT_CLI names the command line program');
  await openRound(server, server.dir);
  await lateRound(server, server.dir);
} catch (error) {
  check(false, `the test ran to its end: ${error.stack}`);
} finally {
  server.stop();
  finish();
}
