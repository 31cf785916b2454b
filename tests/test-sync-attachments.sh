#!/bin/bash
# test-sync-attachments.sh: the coordinator attaches Thai PDFs to projects
# and publishes the call; nawat-cli sync pulls the projects' files from a
# real PouchDB Server, or a real Apache CouchDB with --couchdb: checked
# against their digests, resumed after a network cut without fetching
# again what is complete, fetched again when damaged on disk, and refused
# from a server whose bytes do not match their digest (file-proxy.py); a
# file damaged in the coordinator's store is refused by publish.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
SRC=${NAWAT_SOURCE_ROOT:?NAWAT_SOURCE_ROOT must point to the source tree}
SERVER_SCRIPT=$SRC/tests/server/nawat-test-server
MAKE_PDF=${NAWAT_MAKE_TEST_PDF:?NAWAT_MAKE_TEST_PDF must point to make-test-pdf}

for tool in node curl python3; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "Bail out! $tool is not installed: run build-aux/install-deps"
    exit 1
  fi
done
if [ ! -f "$SRC/tests/server/node_modules/pouchdb-server/package.json" ]; then
  echo "Bail out! $SRC/tests/server/node_modules is missing: run build-aux/install-deps"
  exit 1
fi
# --ui RUNNER TEST: at the end, the evaluator's store is opened offline in
# the window by TEST (test-ui-documents) on a display of its own (RUNNER,
# run-own-display.sh).
UI_RUNNER=
UI_TEST=
if [ "${1:-}" = --ui ]; then
  UI_RUNNER=${2:?--ui takes the display runner and the UI test}
  UI_TEST=${3:?--ui takes the display runner and the UI test}
  shift 3
fi
SERVER_ARGS=()
INSECURE=(--insecure-server)
if [ "${1:-}" = --couchdb ]; then
  "$SERVER_SCRIPT" require couchdb
  case $? in
    0) ;;
    77) exit 0 ;;
    *) exit 1 ;;
  esac
  NAWAT_COUCHDB=${NAWAT_COUCHDB:-${XDG_CACHE_HOME:-$HOME/.cache}/nawat-couchdb/3.4.3/rel/couchdb}
  export NAWAT_COUCHDB
  SERVER_ARGS=(--couchdb)
  INSECURE=()
fi

harness_start
. "$(dirname "${BASH_SOURCE[0]}")/file-proxy-harness.sh"
start_server "${SERVER_ARGS[@]}"

write_open_call "$T/call.json"
check "the coordinator imports the call" 0 "$CLI" --store "$T/c0.db" import "$T/call.json"
publish () {
  printf 'admin-pw\n' | "$CLI" --store "$T/c0.db" publish --server "$URL" --call $CALL \
    --user admin --password-stdin "${INSECURE[@]}"
}
check "the call is published" 0 publish

# attach_on_server PROJECT NAME FILE: the coordinator attaches FILE to the
# project's document on the server, inline in Base64, as any CouchDB tool may.
attach_on_server () {
  local id=project:$CALL:$1
  curl -sS --max-time 60 -u coordinator:coordinator-pw "$URL/$CALL_DB/$id" >"$T/doc.json"
  node -e '
    const fs = require ("fs");
    const d = JSON.parse (fs.readFileSync (process.argv[1], "utf8"));
    d._attachments = d._attachments || {};
    d._attachments[process.argv[2]] = { content_type: "application/pdf",
      data: fs.readFileSync (process.argv[3]).toString ("base64") };
    fs.writeFileSync (process.argv[1], JSON.stringify (d));' "$T/doc.json" "$2" "$3"
  curl -sS --max-time 60 -u coordinator:coordinator-pw -H 'Content-Type: application/json' \
    -X PUT --data-binary "@$T/doc.json" -o /dev/null -w '%{http_code}' "$URL/$CALL_DB/$id"
}

# Eight projects with a PDF each (Thai text, some 300 kB); p002 and p003
# carry the same contents under other names: fetched once.
mkdir -p "$T/pdf"
ok=1
for i in 1 2 4 5 6 7 8; do
  "$MAKE_PDF" "$T/pdf/p00$i.pdf" 3 "ข้อเสนอโครงการ p00$i หน้า %u" 300000 || ok=0
done
cp "$T/pdf/p002.pdf" "$T/pdf/p003.pdf"
# The coordinator attaches them in the store, each under its name, and
# publishes the call again: publish uploads the files.
for i in 1 2 3 4 5 6 7 8; do
  mkdir -p "$T/named/$i"
  cp "$T/pdf/p00$i.pdf" "$T/named/$i/ข้อเสนอ p00$i.pdf"
  "$CLI" --store "$T/c0.db" attach "project:$CALL:p00$i" "$T/named/$i/ข้อเสนอ p00$i.pdf" \
    >/dev/null || ok=0
done
[ $ok = 1 ] && pass "the coordinator attaches a PDF to eight projects" \
  || fail "the coordinator attaches a PDF to eight projects"
check "publish uploads the files" 0 publish
expect "the eight go up" "$T/out" "8 of 8 files uploaded"
N_FILES=7

sync_via () {
  printf 'somchai-pw\n' | "$CLI" --store "$T/s1.db" sync --server "$PROXY" --call $CALL \
    --user somchai --password-stdin
}
# held_count [DISTINCT]: the projects whose file is held; the distinct
# contents held with an argument (p003's are p002's).
held_count () {
  local n=0 i
  for i in 1 2 3 4 5 6 7 8; do
    [ $# -gt 0 ] && [ $i = 3 ] && continue
    "$CLI" --store "$T/s1.db" attachments "project:$CALL:p00$i" | grep -q "held offline$" \
      && n=$((n + 1))
  done
  echo $n
}

# 1. The network is cut in the middle of the third file and after.
start_proxy "$T/log1" --cut-from 3 --cut-at 100000
check "a sync cut mid-download fails" 1 sync_via
expect "it says the network failed" "$T/out" "Sync failed"
grep -q "^Files: " "$T/out" && pass "the CLI tells the files' bytes" \
  || fail "the CLI tells the files' bytes"
HELD=$(held_count distinct)
[ "$HELD" -ge 1 ] && [ "$HELD" -lt $N_FILES ] && pass "some files complete, not all ($HELD)" \
  || fail "some files complete, not all ($HELD)"
BLOBS=$T/s1.blobs
if [ -z "$(find "$BLOBS" -maxdepth 1 -name '.tmp-*')" ]; then pass "nothing half-written in place"
else fail "nothing half-written in place"; fi
PARTS=$(find "$BLOBS" -maxdepth 1 -name '.part-*' | wc -l)
[ "$PARTS" -ge 1 ] && pass "the cut downloads are kept aside ($PARTS)" \
  || fail "the cut downloads are kept aside"

# 2. The network is back: the rest only.
start_proxy "$T/log2"
check "the next sync completes" 0 sync_via
expect "the CLI tells the files' bytes" "$T/out" "Files: "
# What was complete is never asked for again: one request per file lacking.
N2=$(wc -l <"$T/log2")
[ "$N2" -eq $((N_FILES - HELD)) ] && pass "$N2 requests for the $((N_FILES - HELD)) files lacking" \
  || fail "$N2 requests for the $((N_FILES - HELD)) files lacking" "$T/log1" "$T/log2"
if [ "${1:-}" = --couchdb ]; then
  grep -q ' 206 bytes=' "$T/log2" && pass "CouchDB resumes with a Range request" \
    || fail "CouchDB resumes with a Range request" "$T/log2"
fi
[ "$(held_count)" = 8 ] && pass "every file held offline" || fail "every file held offline"

# Every file's bytes are the server's.
same=1
for i in 1 2 3 4 5 6 7 8; do
  rm -rf "$T/x"
  "$CLI" --store "$T/s1.db" attachments "project:$CALL:p00$i" --extract "$T/x" >/dev/null 2>&1 || same=0
  cmp -s "$T/pdf/p00$i.pdf" "$T/x/ข้อเสนอ p00$i.pdf" || same=0
done
[ $same = 1 ] && pass "every extracted file is the same as the one attached" \
  || fail "every extracted file is the same as the one attached"
[ "$(find "$BLOBS" -mindepth 2 -type f | wc -l)" = $N_FILES ] \
  && pass "the same contents are kept once" || fail "the same contents are kept once"
[ -z "$(find "$BLOBS" -maxdepth 1 -name '.part-*')" ] && pass "no partial download left" \
  || fail "no partial download left"

# 3. A file damaged on disk: refused on reading, fetched again.
sha=$(sha256sum "$T/pdf/p004.pdf" | cut -d' ' -f1)
printf 'X' | dd of="$BLOBS/${sha:0:2}/$sha" bs=1 seek=1000 conv=notrunc status=none
check "a damaged file is refused" 1 "$CLI" --store "$T/s1.db" attachments "project:$CALL:p004" \
  --extract "$T/damaged"
expect "it says it is damaged" "$T/err" "is damaged in the store"
start_proxy "$T/log3"
check "the next sync fetches it again" 0 sync_via
[ "$(wc -l <"$T/log3")" = 1 ] && grep -q "p004" "$T/log3" && pass "that file alone" \
  || fail "that file alone" "$T/log3"
rm -rf "$T/x"
"$CLI" --store "$T/s1.db" attachments "project:$CALL:p004" --extract "$T/x" >/dev/null 2>&1
cmp -s "$T/pdf/p004.pdf" "$T/x/ข้อเสนอ p004.pdf" && pass "the file is whole again" \
  || fail "the file is whole again"

# 4. A server whose bytes do not match the digest it gives.
"$MAKE_PDF" "$T/pdf/extra.pdf" 2 "ภาคผนวก %u" 200000
[ "$(attach_on_server p005 "ภาคผนวก.pdf" "$T/pdf/extra.pdf")" = 201 ] \
  && pass "a second file for p005" || fail "a second file for p005"
LIE=$(node -e 'process.stdout.write (encodeURIComponent (process.argv[1]))' "ภาคผนวก.pdf")
start_proxy "$T/log4" --lie "$LIE"
check "a sync from a lying server finishes with a problem" 1 sync_via
expect "the file is refused" "$T/err" "do not match its digest"
expect "the summary counts it" "$T/out" "files refused 1"
"$CLI" --store "$T/s1.db" attachments "project:$CALL:p005" >"$T/out" 2>&1
expect "the file is not held" "$T/out" "not held"
[ "$(find "$BLOBS" -mindepth 2 -type f | wc -l)" = $N_FILES ] \
  && [ -z "$(find "$BLOBS" -maxdepth 1 -name '.part-*' -o -maxdepth 1 -name '.tmp-*')" ] \
  && pass "nothing of it written" || fail "nothing of it written"
start_proxy "$T/log5"
check "an honest server's copy is taken" 0 sync_via
rm -rf "$T/x"
"$CLI" --store "$T/s1.db" attachments "project:$CALL:p005" --extract "$T/x" >/dev/null 2>&1
cmp -s "$T/pdf/extra.pdf" "$T/x/ภาคผนวก.pdf" && pass "the second file is the one attached" \
  || fail "the second file is the one attached"

# 5. The coordinator removes a project's file and publishes: its
# contents go from the evaluator's store too.
check "the coordinator detaches p001's file" 0 \
  "$CLI" --store "$T/c0.db" detach "project:$CALL:p001" "ข้อเสนอ p001.pdf"
check "publish removes it from the server" 0 publish
# It also removes p005's second file, which another tool put on the
# server: the coordinator's store says what a project carries.
expect "says so" "$T/out" "2 removed from the server"
check "a sync after the drop" 0 sync_via
sha=$(sha256sum "$T/pdf/p001.pdf" | cut -d' ' -f1)
[ ! -e "$BLOBS/${sha:0:2}/$sha" ] && pass "the dropped file's contents are gone" \
  || fail "the dropped file's contents are gone"

# 5b. A file damaged in the coordinator's store: publish refuses it,
# naming it, and forgets its contents; attached again, it goes up.
"$MAKE_PDF" "$T/pdf/annex.pdf" 1 "ภาคผนวก ข %u"
mkdir -p "$T/named/annex"
cp "$T/pdf/annex.pdf" "$T/named/annex/ภาคผนวก ข.pdf"
check "the coordinator attaches an annex to p004" 0 \
  "$CLI" --store "$T/c0.db" attach "project:$CALL:p004" "$T/named/annex/ภาคผนวก ข.pdf"
sha=$(sha256sum "$T/pdf/annex.pdf" | cut -d' ' -f1)
printf 'X' | dd of="$T/c0.blobs/${sha:0:2}/$sha" bs=1 seek=100 conv=notrunc status=none
check "publish refuses the damaged annex" 1 publish
expect "it names the annex" "$T/err" "Cannot publish the file “ภาคผนวก ข.pdf”"
"$CLI" --store "$T/c0.db" attachments "project:$CALL:p004" >"$T/out" 2>&1
grep "^ภาคผนวก ข.pdf" "$T/out" | grep -q "not held$" \
  && pass "its damaged contents are forgotten" || fail "its damaged contents are forgotten" "$T/out"
check "attached again" 0 \
  "$CLI" --store "$T/c0.db" attach "project:$CALL:p004" "$T/named/annex/ภาคผนวก ข.pdf"
check "publish uploads it" 0 publish
expect "that file alone" "$T/out" "1 of 8 files uploaded"

# 6. With --ui: the server stops, and the evaluator's store is opened in
# the window: the PDF pulled is read offline, paged by keyboard, a Thai
# word is found in it and its pages' pixels are checked (test-documents.c).
if [ -n "$UI_TEST" ]; then
  "$SERVER_SCRIPT" stop "$T/server" >/dev/null 2>&1
  check "the PDF pulled is read offline in the window" 0 \
    env NAWAT_TEST_SYNCED_STORE="$T/s1.db" NAWAT_TEST_SYNCED_PROJECT="project:$CALL:p002" \
    NAWAT_TEST_SYNCED_FILE="ข้อเสนอ p002.pdf" \
    bash "$UI_RUNNER" "$UI_TEST" -p /nawat/ui/documents/synced
  expect "and says its test passed" "$T/out" "/nawat/ui/documents/synced"
fi

harness_finish
