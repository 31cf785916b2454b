#!/bin/bash
# test-import.sh: each file of tests/import/ is an import that must be
# refused, with exit status 1 and a message naming the document, the member
# and the byte offset of the problem, and leave the store exactly as it was.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
CASES=$(cd "$(dirname "${BASH_SOURCE[0]}")/import" && pwd)
harness_start

# Every table and index of the store, as SQL text.
dump () {
  sqlite3 "$1" .dump
}

# The store every case is imported into: a call, two projects, an evaluation.
"$CLI" --store "$T/base.db" import "$CASES/base.json" >"$T/out" 2>"$T/err" \
  || { fail "the base file imports" "$T/err"; echo "1..$n"; exit 1; }
pass "the base file imports"

# case FILE MESSAGE: importing FILE exits 1, says MESSAGE (a fixed string)
# on stderr, and leaves the store unchanged.
case_ () {
  local name=$1 message=$2
  rm -f "$T"/s.db*
  cp "$T/base.db" "$T/s.db"
  dump "$T/s.db" >"$T/before.sql"
  check "$name: refused" 1 "$CLI" --store "$T/s.db" import "$CASES/$name.json"
  expect "$name: says “$message”" "$T/err" "$message"
  dump "$T/s.db" >"$T/after.sql"
  if cmp -s "$T/before.sql" "$T/after.sql"; then
    pass "$name: the store is unchanged"
  else
    diff "$T/before.sql" "$T/after.sql" | head -20 >"$T/diff" || true
    fail "$name: the store changed" "$T/diff"
  fi
}

# Strings
case_ nul-in-id "document 1: _id: at byte 30: a text may not contain the NUL character"
case_ nul-in-text "project:imp:p000003: title.en: at byte 123: a text may not contain the NUL"
case_ lone-surrogate "project:imp:p000003: x-note: at byte 246: an unpaired surrogate (\\ud800)"
case_ lone-low-surrogate-in-key "project:imp:p000003: at byte 238: an unpaired surrogate (\\udc00)"
case_ raw-control-character \
  "project:imp:p000003: title.en: at byte 123: the control character U+0009 must be escaped"
case_ invalid-utf8 "project:imp:p000003: title.en: at byte 124: byte 0xFF is not valid UTF-8"

# Numbers
case_ negative-integer-overflow \
  "project:imp:p000003: budget_thb: at byte 249: the integer -18446744073709551613 is outside"
case_ positive-integer-overflow \
  "project:imp:p000003: budget_thb: at byte 249: the integer 18446744073709551619 is outside"
case_ integer-beyond-2-53 "x-count: at byte 246: the integer 9007199254740993 is outside the range"
case_ double-overflow "project:imp:p000003: x-size: at byte 245: the number 1e400 is too large"
case_ fractional-score \
  "evaluation:imp:p000002:ann: scores.merit.innovation: 3.0000000001 is not a whole number"

# Exactly RFC 8259
case_ hex-number "project:imp:p000003: duration_months: at byte 254: “0x3” is not a JSON number"
case_ leading-zero "project:imp:p000003: duration_months: at byte 254: “03” is not a JSON number"
case_ plus-sign "project:imp:p000003: duration_months: at byte 254: unexpected character “+”"
case_ single-quotes "project:imp:p000003: organisation: at byte 151: unexpected character “'”"
case_ trailing-comma "project:imp:p000003: at byte 235: expected a member name in quotes"
case_ comment "project:imp:p000003: at byte 234: expected “,” or “}”"
case_ nan "project:imp:p000003: x-value: at byte 246: unexpected character “N”"
case_ infinity "project:imp:p000003: x-value: at byte 246: “-Infinity” is not a JSON number"

# Names given twice
case_ duplicate-score \
  "evaluation:imp:p000002:ann: scores.merit.innovation: at byte 193: the member is given twice"
case_ duplicate-id-member "project:imp:p000003: _id: at byte 33: the member is given twice"
case_ duplicate-id-in-file \
  "project:imp:p000003: _id: at byte 236: the document is given twice in the file (first at byte 2)"

# CouchDB's reserved members
case_ deleted "project:imp:p000003: _deleted: a deleted document cannot be imported"
case_ unknown-underscore-member \
  "project:imp:p000003: _private: unknown member: names starting with “_” are reserved by CouchDB"

# References, checked against the file and the store together
case_ dangling-call \
  "project:nowhere:p000003: call: at byte 2: the call “call:nowhere” is neither in the file nor in the store"
case_ dangling-project \
  "evaluation:imp:p000009:ann: project: at byte 2: the project “project:imp:p000009” is neither"
case_ dangling-rubric "call:imp2: rubric: at byte 2: the rubric “rubric:missing:1” is neither"
case_ evaluator-not-in-call \
  "evaluation:imp:p000003:carl: evaluator: at byte 237: “carl” is not one of the evaluators of call:imp"
case_ evaluator-not-assigned \
  "evaluation:imp:p000002:ben: evaluator: at byte 2: “ben” is not assigned to project:imp:p000002"

# Every file of the folder is a case above.
for file in "$CASES"/*.json; do
  name=$(basename "$file" .json)
  if [ "$name" != base ] && ! grep -q "^case_ $name " "${BASH_SOURCE[0]}"; then
    fail "tests/import/$name.json has no case in test-import.sh"
  fi
done

harness_finish
