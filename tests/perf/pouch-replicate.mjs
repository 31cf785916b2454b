// pouch-replicate.mjs
//
// Copyright 2026 The Nawat authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PouchDB's own replicator pulling one database of a CouchDB-compatible
// server into an in-memory PouchDB (pouchdb-adapter-memory): the reference
// the sync benchmark (bench-sync.c) measures Nawat's pull against.
//
//   node pouch-replicate.mjs URL DB USER PASSWORD [BATCH_SIZE [BATCHES_LIMIT]]
//
// Prints one line: "pouchdb SECONDS DOCS_WRITTEN DOC_COUNT".

import { createRequire } from 'node:module';

// The packages live with the test server's.
const require = createRequire(new URL('../server/package.json', import.meta.url));
const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));

const [url, db, user, password, batchSize, batchesLimit] = process.argv.slice(2);
if (!url || !db || !user || password === undefined) {
  console.error('usage: pouch-replicate.mjs URL DB USER PASSWORD [BATCH_SIZE [BATCHES_LIMIT]]');
  process.exit(2);
}

const remote = new PouchDB(`${url}/${encodeURIComponent(db)}`, {
  auth: { username: user, password },
  skip_setup: true,
});
const local = new PouchDB('pull', { adapter: 'memory' });

const options = {};
if (batchSize) options.batch_size = Number(batchSize);
if (batchesLimit) options.batches_limit = Number(batchesLimit);

const start = process.hrtime.bigint();
const result = await PouchDB.replicate(remote, local, options);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const info = await local.info();

if (!result.ok) {
  console.error('replication failed', JSON.stringify(result.errors));
  process.exit(1);
}
console.log(`pouchdb ${seconds.toFixed(3)} ${result.docs_written} ${info.doc_count}`);
