// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Nawat authors
//
// Helpers for the tests against a real server: start and stop one (PouchDB
// Server, or Apache CouchDB when NAWAT_TEST_SERVER=couchdb), HTTP calls as a
// given user, the design documents of data/couchdb/.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const sourceRoot = process.env.NAWAT_SOURCE_ROOT || join(here, '..', '..');

export const passwords = {
  admin: 'admin-pw',
  coordinator: 'coordinator-pw',
  somchai: 'somchai-pw',
  malee: 'malee-pw',
};

let failures = 0;
let count = 0;

export function check(ok, what, detail) {
  count++;
  if (ok) {
    console.log(`ok ${count} - ${what}`);
  } else {
    failures++;
    console.log(`not ok ${count} - ${what}`);
    if (detail !== undefined)
      console.log(`# ${JSON.stringify(detail)}`);
  }
  return ok;
}

export function finish() {
  console.log(`1..${count}`);
  process.exitCode = failures > 0 || count === 0 ? 1 : 0;
}

// 'pouchdb' or 'couchdb'.
export const serverKind = process.env.NAWAT_TEST_SERVER === 'couchdb' ? 'couchdb' : 'pouchdb';

export function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'nawat-server-'));
  const script = join(here, 'nawat-test-server');
  const args = ['start', join(dir, 'server'), ...(serverKind === 'couchdb' ? ['--couchdb'] : [])];
  const url = execFileSync(script, args, { encoding: 'utf8' }).trim();
  console.log(`# ${serverKind === 'couchdb' ? 'Apache CouchDB' : 'PouchDB Server'} at ${url}`);
  return {
    url,
    dir,
    kind: serverKind,
    stop() {
      execFileSync(script, ['stop', join(dir, 'server')]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// What nawat-cli publish needs on @server beside the usual options: PouchDB
// Server lets anonymous clients read members-only databases, and publish
// refuses it without --insecure-server.
export function publishArgs(server) {
  return server.kind === 'pouchdb' ? ['--insecure-server'] : [];
}

// Every request authenticates (anonymous only when user is null), uses a new
// connection (a kept-alive one may have been closed by the server meanwhile)
// and has a timeout: PouchDB Server leaves some unauthenticated requests
// unanswered.
export function request(server, method, path, user, body, timeout = 10000) {
  const headers = { Accept: 'application/json' };
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  if (user !== null)
    headers.Authorization = 'Basic ' + Buffer.from(`${user}:${passwords[user]}`).toString('base64');
  if (data !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = data.length;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(server.url + path, { method, headers, agent: false, timeout }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeout / 1000} s`)));
    req.on('error', reject);
    req.end(data);
  });
}

export function callDbName(call) {
  return `nawat-${call}`;
}

export function evaluationDbName(call, user) {
  return `nawat-${call}-e-${Buffer.from(user, 'utf8').toString('hex')}`;
}

// The validate function of data/couchdb/NAME-validate.js as publish installs
// it: from its first line "function" on, with the config filled in.
export function validateSource(name, config) {
  const text = readFileSync(join(sourceRoot, 'data', 'couchdb', `${name}-validate.js`), 'utf8');
  const start = text.search(/^function/m);
  const marker = 'var config = null; /* nawat:config */';
  if (start < 0 || !text.includes(marker))
    throw new Error(`${name}-validate.js has no function or no config line`);
  return text.slice(start).replace(marker,
    `var config = ${config === null ? 'null' : JSON.stringify(config)}; /* nawat:config */`);
}

export function securityObject(name, members) {
  const object = JSON.parse(readFileSync(join(sourceRoot, 'data', 'couchdb', `${name}-security.json`), 'utf8'));
  object.members.names.push(...members);
  return object;
}
