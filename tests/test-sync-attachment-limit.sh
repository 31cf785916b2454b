#!/bin/bash
# test-sync-attachment-limit.sh: a file over the limit per file, put on a
# real PouchDB Server by another tool (nawat-cli attach refuses it), is
# refused by nawat-cli sync with the file, its project and the limit in
# the message, without a byte of it asked for, now or at the next sync;
# a file of another project within the limit arrives whole.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
SRC=${NAWAT_SOURCE_ROOT:?NAWAT_SOURCE_ROOT must point to the source tree}
MAKE_PDF=${NAWAT_MAKE_TEST_PDF:?NAWAT_MAKE_TEST_PDF must point to make-test-pdf}
# The limit per file, as nawat-store-attachments.h sets it.
LIMIT_MB=50

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

harness_start
. "$(dirname "${BASH_SOURCE[0]}")/file-proxy-harness.sh"
start_server

write_open_call "$T/call.json"
check "the coordinator imports the call" 0 "$CLI" --store "$T/c0.db" import "$T/call.json"
publish () {
  printf 'admin-pw\n' | "$CLI" --store "$T/c0.db" publish --server "$URL" --call $CALL \
    --user admin --password-stdin --insecure-server
}
check "the call is published" 0 publish

# put_on_server PROJECT NAME FILE: FILE attached to the project's document
# on the server as CouchDB's own API takes one file ("PUT /db/doc/name"),
# past nawat-cli; prints the HTTP status.
put_on_server () {
  local id=project:$CALL:$1 rev name
  rev=$(curl -sS --max-time 60 -u coordinator:coordinator-pw "$URL/$CALL_DB/$id" \
    | node -e 'process.stdout.write (JSON.parse (require ("fs").readFileSync (0, "utf8"))._rev)')
  name=$(node -e 'process.stdout.write (encodeURIComponent (process.argv[1]))' "$2")
  curl -sS --max-time 120 -u coordinator:coordinator-pw -H 'Content-Type: application/pdf' \
    -X PUT --data-binary "@$3" -o /dev/null -w '%{http_code}' \
    "$URL/$CALL_DB/$id/$name?rev=$rev"
}

# One byte over the limit on p001 (nawat-cli attach would refuse it); a
# PDF with Thai text on p002.
BIG_NAME="ข้อเสนอฉบับเต็ม.pdf"
mkdir -p "$T/in"
head -c $((LIMIT_MB * 1024 * 1024 + 1)) /dev/urandom >"$T/in/big.pdf"
"$MAKE_PDF" "$T/in/small.pdf" 2 "ข้อเสนอโครงการ p002 หน้า %u" 100000
check "nawat-cli attach refuses the big file" 1 \
  "$CLI" --store "$T/c0.db" attach "project:$CALL:p001" "$T/in/big.pdf"
expect "with the limit in the message" "$T/err" "over the limit of $LIMIT_MB MB per file"
[ "$(put_on_server p001 "$BIG_NAME" "$T/in/big.pdf")" = 201 ] \
  && pass "another tool puts the big file on p001" || fail "another tool puts the big file on p001"
[ "$(put_on_server p002 "ภาคผนวก.pdf" "$T/in/small.pdf")" = 201 ] \
  && pass "and a PDF on p002" || fail "and a PDF on p002"

sync_via () {
  printf 'somchai-pw\n' | "$CLI" --store "$T/s1.db" sync --server "$PROXY" --call $CALL \
    --user somchai --password-stdin
}
BLOBS=$T/s1.blobs
BIG_URL=$(node -e 'process.stdout.write (encodeURIComponent (process.argv[1]))' "$BIG_NAME")

# 1. The first sync: the PDF arrives, the big file is refused unasked.
start_proxy "$T/log1"
check "a sync with a file over the limit finishes with a problem" 1 sync_via
expect "names the project and the file" "$T/err" "project:$CALL:p001/$BIG_NAME: "
expect "says the limit" "$T/err" "over the limit of $LIMIT_MB MB per file: not kept offline"
expect "the summary counts it" "$T/out" "files refused 1"
# The bytes told leave it out: all that was to come came.
grep -qE '^Files: (.+) of \1$' "$T/out" && pass "the bytes told leave the big file out" \
  || fail "the bytes told leave the big file out"
if grep -q "$BIG_URL" "$T/log1"; then
  fail "the big file is never asked for" "$T/log1"
else
  pass "the big file is never asked for"
fi
[ "$(wc -l <"$T/log1")" = 1 ] && grep -q "p002" "$T/log1" && pass "one request: the PDF's" \
  || fail "one request: the PDF's" "$T/log1"

"$CLI" --store "$T/s1.db" attachments "project:$CALL:p002" >"$T/list" 2>&1
DIGEST=$(python3 -c 'import base64, hashlib, sys
print("md5-" + base64.b64encode(hashlib.md5(open(sys.argv[1], "rb").read()).digest()).decode())' \
  "$T/in/small.pdf")
expect "the PDF is held with its digest" "$T/list" \
  "ภาคผนวก.pdf	application/pdf	$(stat -c %s "$T/in/small.pdf")	$DIGEST	held offline"
"$CLI" --store "$T/s1.db" attachments "project:$CALL:p002" --extract "$T/x" >/dev/null 2>&1
cmp -s "$T/in/small.pdf" "$T/x/ภาคผนวก.pdf" && pass "the PDF written out is the one put" \
  || fail "the PDF written out is the one put"
"$CLI" --store "$T/s1.db" attachments "project:$CALL:p001" >"$T/list" 2>&1
expect "the big file is listed, not held" "$T/list" \
  "$BIG_NAME	application/pdf	$(stat -c %s "$T/in/big.pdf")	"
expect "as not held" "$T/list" "not held"
[ "$(find "$BLOBS" -type f | wc -l)" = 1 ] && pass "one file in the store's files: the PDF" \
  || fail "one file in the store's files: the PDF" <(find "$BLOBS" -type f)
[ -z "$(find "$BLOBS" -name '.part-*' -o -name '.tmp-*')" ] \
  && pass "nothing of the big file, whole or in part" \
  || fail "nothing of the big file, whole or in part" <(find "$BLOBS" -type f)

# 2. The next sync refuses it again, still without asking for it.
start_proxy "$T/log2"
check "the next sync refuses it again" 1 sync_via
expect "saying why" "$T/err" "project:$CALL:p001/$BIG_NAME: "
[ ! -s "$T/log2" ] && pass "no file asked for" || fail "no file asked for" "$T/log2"
[ "$(find "$BLOBS" -type f | wc -l)" = 1 ] && pass "still the PDF alone" \
  || fail "still the PDF alone" <(find "$BLOBS" -type f)

harness_finish
