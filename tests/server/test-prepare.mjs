// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Nawat authors
//
// nawat-cli server prepare against a real server: a server admin creates
// a call's databases and their security objects once, and nothing else;
// then the coordinator publishes with their own account, which alone could
// not create them.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  callDbName, check, evaluationDbName, finish, passwords, publishArgs, request, securityObject,
  sourceRoot, startServer,
} from './lib.mjs';

const cli = process.env.NAWAT_CLI;
const demo = JSON.parse(readFileSync(join(sourceRoot, 'resources', 'demo', 'demo.json'), 'utf8')).docs
  .filter((doc) => doc.type !== 'evaluation');
const call = demo.find((doc) => doc.type === 'call');
call.deadline = '2099-12-31T17:00:00Z';
const callId = call._id.slice('call:'.length);
const projects = demo.filter((doc) => doc.type === 'project');
const evaluators = [...new Set([...call.evaluators, ...projects.flatMap((p) => p.assigned || [])])].sort();

function nawatCli(store, args, password) {
  const run = spawnSync(cli, ['--store', store, ...args], {
    input: password === undefined ? '' : password + '\n',
    encoding: 'utf8',
    timeout: 120000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function prepare(server, store, user, args) {
  return nawatCli(store, ['server', 'prepare', '--server', server.url, '--call', callId, '--user', user,
    '--password-stdin', ...(args ?? publishArgs(server))], passwords[user]);
}

function publish(server, store, user) {
  return nawatCli(store, ['publish', '--server', server.url, '--call', callId, '--user', user,
    '--password-stdin', ...publishArgs(server)], passwords[user]);
}

async function run(server, dir) {
  const store = join(dir, 'store.db');
  const dbs = [callDbName(callId), ...evaluators.map((name) => evaluationDbName(callId, name))];
  let r;

  check(typeof cli === 'string' && cli.length > 0, 'NAWAT_CLI names the command line program');
  writeFileSync(join(dir, 'demo.json'), JSON.stringify({ docs: demo }));
  r = nawatCli(store, ['import', join(dir, 'demo.json')]);
  check(r.status === 0, 'the demo call is imported', r);

  r = nawatCli(store, ['server']);
  check(r.status === 2 && r.stderr.includes('prepare'), 'server without a subcommand is a usage error', r);
  r = nawatCli(store, ['server', 'prepare', '--call', callId]);
  check(r.status === 2, 'server prepare needs --server and --user', r);

  r = publish(server, store, 'coordinator');
  check(r.status === 1 && r.stderr.includes('only a server admin may create it') &&
    r.stderr.includes(`nawat-cli server prepare --call ${callId}`),
  'a coordinator cannot publish a new call, and is told what the admin runs', r);
  r = prepare(server, store, 'coordinator');
  check(r.status === 1 && r.stderr.includes('needs a server admin'), 'a coordinator cannot prepare', r);
  r = await request(server, 'GET', '/_all_dbs', 'admin');
  check(!dbs.some((db) => r.json.includes(db)), 'refused, nothing was created', r.json);

  if (server.kind === 'pouchdb') {
    r = prepare(server, store, 'admin', []);
    check(r.status === 1 && r.stderr.includes('--insecure-server'),
      'PouchDB Server is refused without --insecure-server', r);
  }

  // The probe that refused PouchDB Server above needed the call database,
  // made members-only before anything else.
  const created = server.kind === 'pouchdb' ? dbs.length - 1 : dbs.length;
  r = prepare(server, store, 'admin');
  check(r.status === 0 && r.stdout.includes(`${created} of ${dbs.length} databases created`) &&
    r.stdout.includes(`nawat-cli publish --call ${callId}`),
  'the admin prepares the call: every database created', r);
  r = await request(server, 'GET', '/_all_dbs', 'admin');
  check(dbs.every((db) => r.json.includes(db)), 'the call database and each evaluator\'s exist',
    { expected: dbs, got: r.json });
  for (const name of evaluators) {
    r = await request(server, 'GET', `/${evaluationDbName(callId, name)}/_security`, 'admin');
    check(r.status === 200 && JSON.stringify(r.json) === JSON.stringify(securityObject('evaluation', [name])),
      `the evaluation database of ${name} has its security object`, r);
  }
  r = await request(server, 'GET', `/${callDbName(callId)}/_security`, 'admin');
  check(JSON.stringify(r.json) === JSON.stringify(securityObject('call', [])),
    'the call database has its security object', r);
  r = await request(server, 'GET', `/${callDbName(callId)}/_all_docs`, 'admin');
  check(r.status === 200 && r.json.rows.length === 0, 'prepare uploads no document and no design', r);

  r = prepare(server, store, 'admin');
  check(r.status === 0 && r.stdout.includes('nothing changed'), 'preparing again changes nothing', r);

  r = publish(server, store, 'coordinator');
  check(r.status === 0 &&
    r.stdout.includes(`${projects.length + 2} of ${projects.length + 2} documents uploaded`) &&
    r.stdout.includes(`0 of ${dbs.length} databases created`),
  'then the coordinator publishes the call with their own account', r);
  r = await request(server, 'GET', `/${evaluationDbName(callId, evaluators[0])}/_design/nawat`, 'admin');
  check(r.status === 200 && r.json.validate_doc_update.includes(`"evaluator":"${evaluators[0]}"`),
    'the coordinator\'s publish wrote the evaluation databases\' rules', r.status);
}

const server = startServer();
try {
  await run(server, server.dir);
} catch (error) {
  check(false, `the test ran to its end: ${error.stack}`);
} finally {
  server.stop();
  finish();
}
