// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Nawat authors
//
// nawat-cli publish against a real server: the probe of the server's
// security, the databases, their security objects and design documents,
// the documents and the projects' files, and a second run that changes
// nothing.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

import {
  callDbName, check, evaluationDbName, finish, passwords, publishArgs, request, securityObject,
  sourceRoot, startServer,
} from './lib.mjs';

const cli = process.env.NAWAT_CLI;
const demo = JSON.parse(readFileSync(join(sourceRoot, 'resources', 'demo', 'demo.json'), 'utf8')).docs;
const call = demo.find((doc) => doc.type === 'call');
// Open until 2099: the server refuses evaluations after the deadline.
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

// The call's publish state as nawat-cli calls --json reports it.
function publishState(store) {
  const r = nawatCli(store, ['calls', '--json']);
  check(r.status === 0, 'nawat-cli calls lists the calls', r);
  return JSON.parse(r.stdout).find((c) => c.id === callId);
}

function publish(server, store, user, args) {
  return nawatCli(store, ['publish', '--server', server.url, '--call', callId, '--user', user,
    '--password-stdin', ...(args ?? publishArgs(server))], passwords[user]);
}

// The probe before publishing: CouchDB passes it; PouchDB Server answers
// anonymous clients and is refused unless told --insecure-server.
async function probe(server, store) {
  let r;

  if (server.kind === 'couchdb') {
    r = publish(server, store, 'admin', []);
    check(r.status === 0 && r.stdout.includes('Server: Apache CouchDB 3.4.3') &&
      !r.stderr.includes('Warning'),
    'Apache CouchDB is identified and passes the probe without --insecure-server', r);
    return r;
  }

  r = publish(server, store, 'admin', []);
  check(r.status === 1 && r.stderr.includes('PouchDB Server 4.2.0 does not keep') &&
    r.stderr.includes('anonymous _bulk_get of the members-only database nawat-si-2569 is answered') &&
    r.stderr.includes('anonymous _find') && r.stderr.includes('anonymous _all_dbs') &&
    r.stderr.includes('--insecure-server'),
  'PouchDB Server is refused, with every finding and the way out', r);
  r = await request(server, 'GET', `/${callDbName(callId)}/_all_docs`, 'admin');
  check(r.status === 200 && r.json.rows.length === 0, 'nothing was uploaded to the refused server', r);
  r = await request(server, 'GET', `/${callDbName(callId)}/_security`, 'admin');
  check(r.status === 200 && r.json.members && r.json.members.roles.includes('nawat-evaluator'),
    'the call database probed was made members-only first', r);
  r = publish(server, store, 'admin', ['--insecure-server']);
  check(r.status === 0 && r.stdout.includes('Server: PouchDB Server 4.2.0') &&
    r.stderr.includes('Warning: an anonymous _bulk_get') && r.stderr.includes('--insecure-server'),
  'with --insecure-server PouchDB Server is published to, with a warning', r);
  return r;
}

// Every document's revision and every security object, by database.
async function snapshot(server, dbs) {
  const state = {};
  for (const db of dbs) {
    const docs = await request(server, 'GET', `/${db}/_all_docs`, 'admin');
    const security = await request(server, 'GET', `/${db}/_security`, 'admin');
    state[db] = {
      revs: Object.fromEntries(docs.json.rows.map((row) => [row.id, row.value.rev])),
      security: security.json,
    };
  }
  return state;
}

function sameFields(local, remote) {
  return Object.keys(local).every((key) => key === '_rev' ||
    JSON.stringify(local[key]) === JSON.stringify(remote[key]));
}

async function run(server, dir) {
  const store = join(dir, 'store.db');
  const callDb = callDbName(callId);
  const evaluationDbs = evaluators.map((name) => evaluationDbName(callId, name));
  let r;

  check(typeof cli === 'string' && cli.length > 0, 'NAWAT_CLI names the command line program');
  writeFileSync(join(dir, 'demo.json'), JSON.stringify({ docs: demo }));
  r = nawatCli(store, ['import', join(dir, 'demo.json')]);
  check(r.status === 0, 'the demo call is imported', r);

  r = publish(server, store, 'coordinator');
  check(r.status === 1 && r.stderr.includes('only a server admin may create it'),
    'a coordinator cannot create the databases', r);
  r = publish(server, store, 'somchai');
  check(r.status === 1, 'an evaluator cannot publish', r);
  check(publishState(store).published === null, 'a refused publish records nothing', publishState(store));

  r = await probe(server, store);
  check(r.status === 0 && r.stdout.includes(`${projects.length + 2} of ${projects.length + 2} documents uploaded`),
    'the first publish uploads the call, the rubric and every project', r);

  r = await request(server, 'GET', '/_all_dbs', 'admin');
  check([callDb, ...evaluationDbs].every((db) => r.json.includes(db)),
    'the call database and one evaluation database per evaluator exist', { expected: [callDb, ...evaluationDbs], got: r.json });

  r = await request(server, 'GET', `/${callDb}/_security`, 'admin');
  check(JSON.stringify(r.json) === JSON.stringify(securityObject('call', [])),
    'the call database has its security object', r);
  for (const name of evaluators) {
    r = await request(server, 'GET', `/${evaluationDbName(callId, name)}/_security`, 'admin');
    check(r.status === 200 && JSON.stringify(r.json) === JSON.stringify(securityObject('evaluation', [name])),
      `the evaluation database of ${name} has its security object`, r);
    r = await request(server, 'GET', `/${evaluationDbName(callId, name)}/_design/nawat`, 'admin');
    check(r.status === 200 && r.json.validate_doc_update.includes(`"evaluator":"${name}"`) &&
      r.json.validate_doc_update.includes('"merit.innovation":[1,5,true]'),
      `the evaluation database of ${name} has its design document with the rubric's ranges`, r.status);
  }
  r = await request(server, 'GET', `/${callDb}/_design/nawat`, 'admin');
  check(r.status === 200 && r.json.validate_doc_update.includes(`"call":"${callId}"`),
    'the call database has its design document', r.status);

  r = await request(server, 'GET', `/${callDb}/_all_docs?include_docs=true`, 'coordinator');
  const remote = Object.fromEntries(r.json.rows.map((row) => [row.id, row.doc]));
  check(remote[call._id] && sameFields(call, remote[call._id]), 'the call is on the server as in the store',
    remote[call._id]);
  check(remote[call.rubric] && remote[call.rubric].type === 'rubric' && remote[call.rubric].groups.length === 3,
    'the call\'s rubric is on the server', remote[call.rubric]);
  const differing = projects.filter((p) => !remote[p._id] || !sameFields(p, remote[p._id])).map((p) => p._id);
  check(differing.length === 0, 'every project is on the server with its assignments', differing);
  check(!Object.keys(remote).some((id) => id.startsWith('evaluation:')), 'no evaluation is published');
  let state = publishState(store);
  check(state.published !== null && state.server === server.url && state.rev === remote[call._id]._rev &&
    state.changed === false,
  'the publish is recorded with the server and the call\'s revision there, unchanged since', state);

  const before = await snapshot(server, [callDb, ...evaluationDbs]);
  r = publish(server, store, 'coordinator');
  check(r.status === 0 && r.stdout.includes('nothing changed'), 'a second publish says nothing changed', r);
  const after = await snapshot(server, [callDb, ...evaluationDbs]);
  check(JSON.stringify(before) === JSON.stringify(after),
    'after a second publish every revision and security object is the same', { before, after });

  // The deployment README.md recommends: no anonymous request at all.
  if (server.kind === 'couchdb') {
    const setting = '/_node/_local/_config/chttpd/require_valid_user';
    r = await request(server, 'PUT', setting, 'admin', 'true');
    check(r.status === 200, 'CouchDB is set to require a valid user', r);
    r = await request(server, 'GET', '/', null);
    check(r.status === 401, 'an anonymous GET / is then refused', r.status);
    r = publish(server, store, 'coordinator');
    check(r.status === 0 && r.stdout.includes('nothing changed'),
      'publish passes the probe of a server that requires a valid user', r);
    r = await request(server, 'PUT', setting, 'admin', 'false');
    check(r.status === 200, 'CouchDB is set back to its default', r);

    // A CouchDB set up to list its databases to anyone fails the probe.
    const listing = '/_node/_local/_config/chttpd/admin_only_all_dbs';
    r = await request(server, 'PUT', listing, 'admin', 'false');
    check(r.status === 200, 'CouchDB is set to list its databases to anyone', r);
    r = publish(server, store, 'coordinator');
    check(r.status === 1 && r.stderr.includes('Apache CouchDB 3.4.3 does not keep') &&
      r.stderr.includes('anonymous _all_dbs lists every database') && !r.stderr.includes('_bulk_get'),
    'publish refuses a CouchDB that lists its databases to anonymous clients', r);
    r = await request(server, 'PUT', listing, 'admin', 'true');
    check(r.status === 200, 'CouchDB is set back to admins only', r);
  }

  // One project changed in the store: only that one is uploaded again.
  const changed = { ...projects[0], title: { th: 'ชื่อใหม่', en: 'A new title' } };
  writeFileSync(join(dir, 'changed.json'), JSON.stringify({ docs: [changed] }));
  r = nawatCli(store, ['import', join(dir, 'changed.json')]);
  check(r.status === 0, 'a changed project is imported', r);
  check(publishState(store).changed === true, 'the call is changed since published', publishState(store));
  r = nawatCli(store, ['calls']);
  check(r.status === 0 && r.stdout.includes(`${callId}\t`) && r.stdout.includes('Published on ') &&
    r.stdout.includes('Changed since published: publish again'), 'nawat-cli calls says to publish again', r);
  r = publish(server, store, 'coordinator');
  check(r.status === 0 && r.stdout.includes(`1 of ${projects.length + 2} documents uploaded`),
    'a publish after one change uploads one document', r);
  const third = await snapshot(server, [callDb, ...evaluationDbs]);
  const changedIds = Object.keys(third[callDb].revs).filter((id) => third[callDb].revs[id] !== after[callDb].revs[id]);
  check(JSON.stringify(changedIds) === JSON.stringify([changed._id]), 'only the changed project has a new revision',
    changedIds);
  state = publishState(store);
  check(state.published !== null && state.changed === false && state.rev === third[callDb].revs[call._id],
    'publishing again clears the change', state);

  await runFiles(server, dir, store, callDb);

  // The published rules hold: the rubric's ranges, the evaluator's own database.
  const project = projects.find((p) => (p.assigned || []).includes('somchai'));
  const evaluation = {
    _id: `evaluation:${callId}:${project.code}:somchai`, type: 'evaluation', schema: 1,
    project: project._id, evaluator: 'somchai', rubric: call.rubric,
    scores: { 'domains.environment': 4, 'merit.innovation': 5 }, comments: {},
    overall_comment: '', recommendation: null, conflict_of_interest: { declared: false, note: '' },
    status: 'draft', updated: '2026-11-23T10:00:00Z',
  };
  const own = `/${evaluationDbName(callId, 'somchai')}/${encodeURIComponent(evaluation._id)}`;
  r = await request(server, 'PUT', own, 'somchai', { ...evaluation, scores: { 'merit.innovation': 0 } });
  check(r.status === 403 && String(r.json.reason).includes('from 1 to 5'),
    'the published evaluation database refuses a score below the rubric\'s minimum', r);
  r = await request(server, 'PUT', own, 'somchai', evaluation);
  check(r.status === 201, 'the published evaluation database takes a valid evaluation of its owner', r);
  r = await request(server, 'GET', `/${evaluationDbName(callId, 'malee')}/_all_docs`, 'somchai');
  check(r.status === 401 || r.status === 403, 'an evaluator cannot read another evaluator\'s published database', r);
  r = await request(server, 'GET', `/${callDb}/${encodeURIComponent(project._id)}`, 'somchai');
  check(r.status === 200, 'an evaluator reads the published call', r.status);
}

// CouchDB's digest of @bytes: "md5-" and the Base64 of their MD5.
function digestOf(bytes) {
  return 'md5-' + createHash('md5').update(bytes).digest('base64');
}

// @method @path as @user with raw bytes in and out: an attachment's.
function rawRequest(server, method, path, user, body, contentType) {
  const headers = { Authorization: 'Basic ' + Buffer.from(`${user}:${passwords[user]}`).toString('base64') };
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = body.length;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(server.url + path, { method, headers, agent: false, timeout: 30000 }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode, bytes: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer`)));
    req.on('error', reject);
    req.end(body);
  });
}

function getBytes(server, path, user) {
  return rawRequest(server, 'GET', path, user);
}

// The projects' files go up with publish: each as it is, once; a file
// damaged in the store stops publish, naming it; a file detached in the
// store leaves the server with the next publish.
async function runFiles(server, dir, store, callDb) {
  const make = process.env.NAWAT_MAKE_TEST_PDF;
  const files = [
    { project: projects[1], name: 'ข้อเสนอโครงการ.pdf', pages: 3, text: 'ข้อเสนอโครงการป่าชุมชน' },
    { project: projects[1], name: 'งบประมาณ.pdf', pages: 1, text: 'งบประมาณโครงการ' },
    { project: projects[2], name: 'proposal.pdf', pages: 2, text: 'โครงการน้ำสะอาด' },
  ];
  let r;

  check(typeof make === 'string' && make.length > 0, 'NAWAT_MAKE_TEST_PDF names the PDF maker');
  for (const f of files) {
    f.path = join(dir, f.name);
    r = spawnSync(make, [f.path, String(f.pages), f.text], { encoding: 'utf8' });
    check(r.status === 0, `the PDF ${f.name} is made`, r);
    f.bytes = readFileSync(f.path);
    r = nawatCli(store, ['attach', f.project._id, f.path]);
    check(r.status === 0, `${f.name} is attached to ${f.project.code} in the store`, r);
  }
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);

  r = publish(server, store, 'coordinator');
  check(r.status === 0 && r.stdout.includes('3 of 3 files uploaded') &&
    r.stdout.includes('0 removed from the server'),
  'publish uploads the three files', r);
  for (const f of files) {
    const path = `/${callDb}/${encodeURIComponent(f.project._id)}/${encodeURIComponent(f.name)}`;
    const got = await getBytes(server, path, 'somchai');
    check(got.status === 200 && got.bytes.equals(f.bytes) && digestOf(got.bytes) === digestOf(f.bytes),
      `an evaluator GETs ${f.name} from the server, byte for byte`, { status: got.status, length: got.bytes.length });
    r = await request(server, 'GET', `/${callDb}/${encodeURIComponent(f.project._id)}`, 'somchai');
    const stub = r.json._attachments && r.json._attachments[f.name];
    check(stub && stub.digest === digestOf(f.bytes) && stub.length === f.bytes.length &&
      stub.content_type === 'application/pdf',
    `the project on the server describes ${f.name} with its digest and length`, stub);
  }
  check(total > 0, 'the files have contents', total);

  const before = await snapshot(server, [callDb]);
  r = publish(server, store, 'coordinator');
  check(r.status === 0 && r.stdout.includes('nothing changed') && r.stdout.includes('3 files'),
    'a second publish uploads nothing', r);
  const after = await snapshot(server, [callDb]);
  check(JSON.stringify(before) === JSON.stringify(after), 'and changes no revision', { before, after });

  // The call database's rules: an evaluator changes no project's files, a
  // request nawat-cli never sends.  PouchDB Server enforces no security
  // (PLATFORM.md): CouchDB only.
  if (server.kind === 'couchdb') {
    const doc = `/${callDb}/${encodeURIComponent(projects[1]._id)}`;
    r = await request(server, 'GET', doc, 'coordinator');
    const rev = r.json._rev;
    r = await rawRequest(server, 'PUT', `${doc}/forged.pdf?rev=${rev}`, 'somchai',
      Buffer.from('%PDF-1.4 forged'), 'application/pdf');
    check(r.status === 403 && r.bytes.toString().includes('Only a coordinator'),
      'CouchDB refuses an evaluator\'s PUT of a file to a project', { status: r.status, body: r.bytes.toString() });
    r = await rawRequest(server, 'DELETE', `${doc}/${encodeURIComponent(files[0].name)}?rev=${rev}`, 'somchai');
    check(r.status === 403, 'CouchDB refuses an evaluator\'s removal of a project\'s file',
      { status: r.status, body: r.bytes.toString() });
    r = await request(server, 'GET', doc, 'coordinator');
    check(r.json._rev === rev && Object.keys(r.json._attachments).length === 2,
      'the project and its files are as published', r.json);
  }

  // Damaged in the store: publish stops, naming the project and the file.
  const blobs = store.replace(/\.db$/, '.blobs');
  const replaced = join(dir, 'replaced.pdf');
  r = spawnSync(make, [replaced, '1', 'ฉบับแก้ไข'], { encoding: 'utf8' });
  check(r.status === 0, 'a second version of a PDF is made', r);
  r = nawatCli(store, ['attach', projects[2]._id, replaced]);
  check(r.status === 0, 'it is attached', r);
  const sha = createHash('sha256').update(readFileSync(replaced)).digest('hex');
  const blob = join(blobs, sha.slice(0, 2), sha);
  const sound = readFileSync(blob);
  const damaged = Buffer.from(sound);
  damaged[10] ^= 0xff;
  writeFileSync(blob, damaged);
  r = publish(server, store, 'coordinator');
  check(r.status === 1 && r.stderr.includes('replaced.pdf') && r.stderr.includes(projects[2].code) &&
    r.stderr.includes('damaged'),
  'publish stops at a damaged file, naming the project and the file', r);
  r = await getBytes(server, `/${callDb}/${encodeURIComponent(projects[2]._id)}/replaced.pdf`, 'admin');
  check(r.status === 404, 'the damaged file is not on the server', r.status);
  // Found damaged, the contents were dropped from the store: the
  // coordinator attaches the file again.
  check(!existsSync(blob), 'the damaged contents are dropped from the store', blob);
  r = nawatCli(store, ['attach', projects[2]._id, replaced]);
  check(r.status === 0, 'the file is attached again', r);
  check(readFileSync(blob).equals(sound), 'its contents are sound again', blob);
  r = publish(server, store, 'coordinator');
  check(r.status === 0 && r.stdout.includes('1 of 4 files uploaded'),
    'mended, it is uploaded, and only it', r);
  r = await getBytes(server, `/${callDb}/${encodeURIComponent(projects[2]._id)}/replaced.pdf`, 'somchai');
  check(r.status === 200 && r.bytes.equals(sound), 'the server has it, byte for byte', r.status);

  // Detached in the store: the next publish removes it from the server.
  r = nawatCli(store, ['detach', projects[2]._id, 'replaced.pdf']);
  check(r.status === 0, 'a file is detached in the store', r);
  r = publish(server, store, 'coordinator');
  check(r.status === 0 && r.stdout.includes('0 of 3 files uploaded') &&
    r.stdout.includes('1 removed from the server'),
  'publish removes the detached file from the server and uploads nothing', r);
  r = await getBytes(server, `/${callDb}/${encodeURIComponent(projects[2]._id)}/replaced.pdf`, 'somchai');
  check(r.status === 404, 'the server no longer has the detached file', r.status);
  r = await request(server, 'GET', `/${callDb}/${encodeURIComponent(projects[2]._id)}`, 'somchai');
  check(r.status === 200 && JSON.stringify(Object.keys(r.json._attachments)) === '["proposal.pdf"]',
    'the project on the server keeps its other file', r.json);
  r = await getBytes(server, `/${callDb}/${encodeURIComponent(projects[2]._id)}/proposal.pdf`, 'somchai');
  check(r.status === 200 && r.bytes.equals(files[2].bytes), 'and its contents', r.status);
  r = publish(server, store, 'coordinator');
  check(r.status === 0 && r.stdout.includes('nothing changed'), 'publishing again changes nothing', r);
}

// A call larger than one batch goes up page by page, and once only.
async function runLarge(server, dir) {
  const store = join(dir, 'large.db');
  const file = join(dir, 'large.json');
  const n = 1234;
  let r;

  r = nawatCli(store, ['generate', '--projects', String(n), '--evaluators', '2', '--call', 'large',
    '--output', file]);
  check(r.status === 0, 'a large synthetic call is generated', r);
  r = nawatCli(store, ['import', file]);
  check(r.status === 0, 'the large call is imported', r);
  r = nawatCli(store, ['publish', '--server', server.url, '--call', 'large', '--user', 'admin',
    '--password-stdin', ...publishArgs(server)], passwords.admin);
  check(r.status === 0 && r.stdout.includes(`${n + 2} of ${n + 2} documents uploaded`),
    'every project of a call larger than a batch is uploaded', r);
  // The projects, the call, the rubric and the design document.
  r = await request(server, 'GET', `/${callDbName('large')}/_all_docs?limit=0`, 'admin');
  check(r.status === 200 && r.json.total_rows === n + 3, 'the server holds every project of the large call', r);
  r = nawatCli(store, ['publish', '--server', server.url, '--call', 'large', '--user', 'coordinator',
    '--password-stdin', ...publishArgs(server)], passwords.coordinator);
  check(r.status === 0 && r.stdout.includes(`${n + 2} documents were already up to date`),
    'publishing the large call again changes nothing', r);
}

const server = startServer();
try {
  await run(server, server.dir);
  await runLarge(server, server.dir);
} catch (error) {
  check(false, `the test ran to its end: ${error.stack}`);
} finally {
  server.stop();
  finish();
}
