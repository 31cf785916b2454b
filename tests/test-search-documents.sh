#!/bin/bash
# test-search-documents.sh: nawat-cli search --documents: a Thai word
# (three characters or more, and two) that only a project's PDF holds is
# found with the option, naming the project and the file, and not without
# it; a damaged PDF beside it changes nothing.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
harness_start

S="$T/proposals.db"

cat >"$T/call.json" <<'JSON'
[{"_id": "call:c1", "type": "call", "schema": 1, "title": {"th": "ทุนนวัตกรรมสังคม"},
  "year_be": 2569, "rubric": "rubric:default:1", "deadline": "2099-12-31T17:00:00Z",
  "evaluators": ["somchai"]},
 {"_id": "project:c1:p1", "type": "project", "schema": 1, "call": "c1", "code": "p1",
  "title": {"th": "ป่าชุมชน"}, "organisation": "วิสาหกิจ", "province": "TH-50",
  "domains": ["environment"]},
 {"_id": "project:c1:p2", "type": "project", "schema": 1, "call": "c1", "code": "p2",
  "title": {"th": "ป่าชายเลน"}, "organisation": "วิสาหกิจ", "province": "TH-90",
  "domains": ["environment"]}]
JSON
check "import" 0 "$CLI" --store "$S" import "$T/call.json"

mkdir -p "$T/in"
"$NAWAT_MAKE_TEST_PDF" "$T/in/ข้อเสนอ.pdf" 2 "เครื่องสีข้าวพลังงานแสงอาทิตย์ หน้า %u"
printf '%%PDF-1.4\n%% broken\n' >"$T/in/broken.pdf"
check "attach the PDF" 0 "$CLI" --store "$S" attach c1:p1 "$T/in/ข้อเสนอ.pdf"
check "attach a damaged PDF" 0 "$CLI" --store "$S" attach c1:p2 "$T/in/broken.pdf"

check "search --help shows --documents" 0 "$CLI" search --help
expect "search --help names the option" "$T/out" "--documents"

check "search without the option" 0 "$CLI" --store "$S" search "สีข้าว"
if [ ! -s "$T/out" ]; then pass "not found without --documents"; else fail "found without --documents" "$T/out"; fi

check "search --documents" 0 "$CLI" --store "$S" search --documents "สีข้าว"
if [ "$(cat "$T/out")" = "$(printf 'project:c1:p1\tข้อเสนอ.pdf')" ]; then
  pass "names the project and the file"
else
  fail "search --documents" "$T/out"
fi

check "search --documents, two characters" 0 "$CLI" --store "$S" search --documents "ข้"
if [ "$(cat "$T/out")" = "$(printf 'project:c1:p1\tข้อเสนอ.pdf')" ]; then
  pass "finds a two-character Thai word in the file"
else
  fail "search --documents, two characters" "$T/out"
fi

check "search --documents, a title" 0 "$CLI" --store "$S" search --documents "ป่าชายเลน"
if [ "$(cat "$T/out")" = "project:c1:p2" ]; then
  pass "a title match has no file"
else
  fail "search --documents, a title" "$T/out"
fi

check "search --documents, nothing" 0 "$CLI" --store "$S" search --documents "zzqqxx"
if [ ! -s "$T/out" ]; then pass "nothing found"; else fail "found something" "$T/out"; fi

harness_finish
