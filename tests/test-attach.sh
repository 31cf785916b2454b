#!/bin/bash
# test-attach.sh: nawat-cli attach and attachments: a project's files
# attached (Thai names too), listed with their digests and whether the
# store holds them, written out identical; refused, changing nothing,
# for a missing project, an unreadable file, a file over the limit; a
# damaged file refused on the way out; detach.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
harness_start

S="$T/proposals.db"
BLOBS="$T/proposals.blobs"

# digest FILE: CouchDB's digest of FILE, computed here on its own.
digest () {
  python3 -c 'import base64, hashlib, sys
print("md5-" + base64.b64encode(hashlib.md5(open(sys.argv[1], "rb").read()).digest()).decode())' "$1"
}

count_blobs () {
  if [ -d "$BLOBS" ]; then find "$BLOBS" -type f | wc -l; else echo 0; fi
}

check "--help" 0 "$CLI" --help
expect "--help lists attach" "$T/out" "attach "
expect "--help lists attachments" "$T/out" "attachments "
check "attach --help" 0 "$CLI" attach --help
expect "attach --help names the limit" "$T/out" "50 MB"
check "attachments --help" 0 "$CLI" attachments --help
expect "attachments --help shows --extract" "$T/out" "--extract"
check "attach without a file" 2 "$CLI" --store "$S" attach c1:p1
check "attachments without a project" 2 "$CLI" --store "$S" attachments

cat >"$T/call.json" <<'EOF'
[{"_id": "call:c1", "type": "call", "schema": 1, "title": {"th": "ทุนนวัตกรรมสังคม"},
  "year_be": 2569, "rubric": "rubric:default:1", "deadline": "2099-12-31T17:00:00Z",
  "evaluators": ["somchai"]},
 {"_id": "project:c1:p1", "type": "project", "schema": 1, "call": "c1", "code": "p1",
  "title": {"th": "ป่าชุมชน"}, "organisation": "วิสาหกิจ", "province": "TH-50",
  "domains": ["environment"]},
 {"_id": "project:c1:p2", "type": "project", "schema": 1, "call": "c1", "code": "p2",
  "title": {"th": "ป่าชายเลน"}, "organisation": "วิสาหกิจ", "province": "TH-90",
  "domains": ["environment"],
  "_attachments": {"far.pdf": {"content_type": "application/pdf", "revpos": 1,
    "digest": "md5-XrY7u+Ae7tCTyyK7j1rNww==", "length": 11, "stub": true}}}]
EOF
check "import" 0 "$CLI" --store "$S" import "$T/call.json"

mkdir -p "$T/in"
THAI="$T/in/ข้อเสนอโครงการ ฉบับเต็ม.pdf"
printf '%%PDF-1.4\n%% ข้อเสนอโครงการป่าชุมชน\n' >"$THAI"
head -c 3000 /dev/urandom >"$T/in/แผนที่.png"
truncate -s $((50 * 1024 * 1024 + 1)) "$T/in/big.pdf"
touch "$T/in/locked.pdf"
chmod 000 "$T/in/locked.pdf"

# Refused, changing nothing.
check "attach to a missing project" 1 "$CLI" --store "$S" attach c1:nope "$THAI"
expect "names the project" "$T/err" "project:c1:nope"
check "attach a missing file" 1 "$CLI" --store "$S" attach c1:p1 "$T/in/missing.pdf"
expect "says it cannot read it" "$T/err" "Cannot read"
if [ "$(id -u)" -ne 0 ]; then
  check "attach an unreadable file" 1 "$CLI" --store "$S" attach c1:p1 "$T/in/locked.pdf"
  expect "says it cannot read it" "$T/err" "locked.pdf"
fi
check "attach a file over the limit" 1 "$CLI" --store "$S" attach c1:p1 "$THAI" "$T/in/big.pdf"
expect "names the limit in MB" "$T/err" "over the limit of 50 MB per file"
check "list after the refusals" 0 "$CLI" --store "$S" attachments c1:p1
if [ ! -s "$T/out" ]; then pass "no file attached"; else fail "a refused attach left files"; fi
if [ "$(count_blobs)" -eq 0 ]; then pass "nothing written"; else fail "contents written"; fi

# Attached, listed, written out.
check "attach two files" 0 "$CLI" --store "$S" attach project:c1:p1 "$THAI" "$T/in/แผนที่.png"
expect "says the Thai file is attached" "$T/out" \
  "project:c1:p1: attached “ข้อเสนอโครงการ ฉบับเต็ม.pdf” (application/pdf,"
check "attachments" 0 "$CLI" --store "$S" attachments c1:p1
cp "$T/out" "$T/list"
expect "lists the PDF with its digest" "$T/list" \
  "ข้อเสนอโครงการ ฉบับเต็ม.pdf	application/pdf	$(stat -c %s "$THAI")	$(digest "$THAI")	held offline"
expect "lists the image" "$T/list" \
  "แผนที่.png	image/png	3000	$(digest "$T/in/แผนที่.png")	held offline"
if [ "$(count_blobs)" -eq 2 ]; then pass "two files of contents"; else fail "$(count_blobs) files of contents"; fi

check "extract" 0 "$CLI" --store "$S" attachments c1:p1 --extract "$T/out-dir"
for f in "ข้อเสนอโครงการ ฉบับเต็ม.pdf" "แผนที่.png"; do
  if cmp -s "$T/in/$f" "$T/out-dir/$f"; then pass "$f written out identical"; else fail "$f differs"; fi
done

# A stub whose contents never came.
check "attachments of a pulled project" 0 "$CLI" --store "$S" attachments c1:p2
expect "is not held" "$T/out" "far.pdf	application/pdf	11	md5-XrY7u+Ae7tCTyyK7j1rNww==	not held"
check "extract what is not held" 1 "$CLI" --store "$S" attachments c1:p2 --extract "$T/far"
expect "says it is not held" "$T/err" "far.pdf"

# Damaged on disk: refused, and no copy written.
sha=$(sha256sum "$THAI" | cut -d' ' -f1)
printf 'X' | dd of="$BLOBS/${sha:0:2}/$sha" bs=1 seek=3 conv=notrunc status=none
check "extract a damaged file" 1 "$CLI" --store "$S" attachments c1:p1 --extract "$T/damaged"
expect "says it is damaged" "$T/err" "is damaged in the store"
if [ ! -e "$T/damaged/ข้อเสนอโครงการ ฉบับเต็ม.pdf" ]; then
  pass "no damaged copy written"
else
  fail "a damaged copy was written"
fi
if cmp -s "$T/in/แผนที่.png" "$T/damaged/แผนที่.png"; then
  pass "the sound file is still written"
else
  fail "the sound file is missing"
fi

# detach: a name the project lacks is refused, naming it, and nothing
# changes; then the image is removed, and its contents with it.
check "detach --help" 0 "$CLI" detach --help
check "detach without a name" 2 "$CLI" --store "$S" detach c1:p1
check "detach a name the project lacks" 1 "$CLI" --store "$S" detach c1:p1 "แผนที่.png" "ไม่มี.pdf"
expect "names the missing file" "$T/err" "no file named “ไม่มี.pdf”"
check "attachments after the refusal" 0 "$CLI" --store "$S" attachments c1:p1
expect "the image is still there" "$T/out" "แผนที่.png	image/png"
check "detach the image" 0 "$CLI" --store "$S" detach c1:p1 "แผนที่.png"
expect "says it is removed" "$T/out" "project:c1:p1: removed “แผนที่.png”"
check "attachments after detach" 0 "$CLI" --store "$S" attachments c1:p1
if grep -q "แผนที่.png" "$T/out"; then fail "the image is still listed"; else pass "the image is gone"; fi
expect "the PDF stays" "$T/out" "ข้อเสนอโครงการ ฉบับเต็ม.pdf	application/pdf"
# The PDF's damaged contents were forgotten when read (the next sync
# fetches them again): with the image's gone, no contents are left.
expect "the damaged PDF is not held" "$T/out" "not held"
if [ "$(count_blobs)" -eq 0 ]; then pass "its contents went"; else fail "$(count_blobs) files of contents"; fi

harness_finish
