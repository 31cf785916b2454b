#!/bin/bash
# test-remind.sh: nawat-cli remind on a generated call with assignments
# and some submitted evaluations: the outstanding work as CSV matches what
# the call's documents say (read here on their own), and the reminders
# name each evaluator's outstanding projects and deadline, in English
# (Common Era) and Thai (Buddhist Era).
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
harness_start

S="$T/s.db"

check "remind --help" 0 "$CLI" remind --help
expect "remind --help shows --outstanding" "$T/out" "--outstanding"
check "--help lists remind" 0 "$CLI" --help
expect "the command list has remind" "$T/out" "remind"
check "remind without --call" 2 "$CLI" --store "$S" remind
check "remind --lang fr" 2 "$CLI" --store "$S" remind --call rem --lang fr
check "remind with an argument" 2 "$CLI" --store "$S" remind --call rem extra

# 17:00 in Thailand on 15 January 2027.
check "generate" 0 "$CLI" generate --projects 24 --evaluators 4 --seed 9 --call rem \
  --deadline 2027-01-15T10:00:00Z --output "$T/rem.json"
check "import" 0 "$CLI" --store "$S" import "$T/rem.json"

check "an unknown call" 1 "$CLI" --store "$S" remind --call nothing
check "an unknown evaluator" 1 "$CLI" --store "$S" remind --call rem --evaluator nobody
expect "the reason names the evaluator" "$T/err" "nobody is not an evaluator of call “rem”"

# What is outstanding, from the documents themselves: each evaluator
# assigned to a project whose evaluation is missing or a draft without a
# declared conflict of interest.
python3 - "$T/rem.json" >"$T/expected" <<'PY'
import json, sys
docs = json.load(open(sys.argv[1]))["docs"]
status = {(d["project"], d["evaluator"]):
          "conflict" if d["conflict_of_interest"]["declared"] else d["status"]
          for d in docs if d["type"] == "evaluation"}
rows = []
for d in docs:
    if d["type"] != "project":
        continue
    for e in d.get("assigned", []):
        s = status.get((d["_id"], e))
        if s not in ("submitted", "conflict"):
            rows.append((e, d["code"], d["title"]["en"], "Draft" if s else "Not started"))
for r in sorted(rows):
    print("\t".join(r))
PY
if [ "$(grep -c 'Not started' "$T/expected")" -gt 0 ] && [ "$(grep -c 'Draft' "$T/expected")" -gt 0 ] &&
   grep -q '"declared":true' "$T/rem.json"; then
  pass "the call has evaluations not started, drafts and declared conflicts"
else
  fail "the call lacks a kind of outstanding evaluation" "$T/expected"
fi

check "remind --outstanding" 0 "$CLI" --store "$S" remind --call rem --lang en --outstanding "$T/out.csv"
python3 - "$T/out.csv" >"$T/got" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["evaluator", "code", "title", "status"], rows[0]
for r in sorted(tuple(r) for r in rows[1:]):
    print("\t".join(r))
PY
if cmp -s "$T/expected" "$T/got"; then
  pass "the CSV holds exactly the outstanding work"
else
  diff "$T/expected" "$T/got" | head -20 >"$T/diff" || true
  fail "the CSV differs from the documents" "$T/diff"
fi

# The same table as XLSX, by the file's extension or by --format, read
# back with openpyxl cell by cell against the CSV; in Thai too.
check "remind --outstanding FILE.xlsx" 0 "$CLI" --store "$S" remind --call rem --lang en --outstanding "$T/out.xlsx"
check "remind --outstanding --format xlsx" 0 "$CLI" --store "$S" remind --call rem --lang th \
  --outstanding "$T/out-th.table" --format xlsx
check "remind --outstanding in Thai as CSV" 0 "$CLI" --store "$S" remind --call rem --lang th \
  --outstanding "$T/out-th.csv"
# openpyxl reads a workbook by the name's extension only.
cp "$T/out-th.table" "$T/out-th.xlsx"
if [ -n "${NAWAT_OPENPYXL_PYTHON:-}" ]; then
  check "the xlsx has the csv's cells" 0 "$NAWAT_OPENPYXL_PYTHON" "$(dirname "$0")/compare-xlsx-csv.py" \
    "$T/out.xlsx" "$T/out.csv"
  check "the Thai xlsx has the Thai csv's cells" 0 "$NAWAT_OPENPYXL_PYTHON" \
    "$(dirname "$0")/compare-xlsx-csv.py" "$T/out-th.xlsx" "$T/out-th.csv"
  expect "the Thai table holds Thai statuses" "$T/out-th.csv" "ยังไม่เริ่ม"
else
  fail "no Python with openpyxl to read the xlsx (python3-openpyxl)"
fi
check "--format pdf" 2 "$CLI" --store "$S" remind --call rem --outstanding "$T/x.pdf" --format pdf
check "--format without --outstanding" 2 "$CLI" --store "$S" remind --call rem --format xlsx
if [ -e "$T/x.pdf" ]; then fail "a refused format wrote a file"; else pass "a refused format writes nothing"; fi

# Per project: the same rows, ordered by project then evaluator, as CSV
# and XLSX; printed, each project with its evaluators who have not
# submitted.
check "remind --by-project --evaluator" 2 "$CLI" --store "$S" remind --call rem --by-project --evaluator evaluator-01
check "remind --by-project --outstanding CSV" 0 "$CLI" --store "$S" remind --call rem --lang en --by-project \
  --outstanding "$T/by-project.csv"
python3 - "$T/by-project.csv" >"$T/got-by-project" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["code", "title", "evaluator", "status"], rows[0]
assert rows[1:] == sorted(rows[1:], key=lambda r: (r[0], r[2])), "not ordered by project and evaluator"
for r in sorted((r[2], r[0], r[1], r[3]) for r in rows[1:]):
    print("\t".join(r))
PY
if cmp -s "$T/expected" "$T/got-by-project"; then
  pass "the per-project CSV holds exactly the outstanding work"
else
  diff "$T/expected" "$T/got-by-project" | head -20 >"$T/diff" || true
  fail "the per-project CSV differs from the documents" "$T/diff"
fi
check "remind --by-project --outstanding XLSX" 0 "$CLI" --store "$S" remind --call rem --lang en --by-project \
  --outstanding "$T/by-project.xlsx"
if [ -n "${NAWAT_OPENPYXL_PYTHON:-}" ]; then
  check "the per-project xlsx has the csv's cells" 0 "$NAWAT_OPENPYXL_PYTHON" \
    "$(dirname "$0")/compare-xlsx-csv.py" "$T/by-project.xlsx" "$T/by-project.csv"
fi
check "remind --by-project" 0 "$CLI" --store "$S" remind --call rem --lang en --by-project
first_code=$(sed -n 2p "$T/by-project.csv" | cut -d, -f1)
expect "a project with outstanding work is printed" "$T/out" "$first_code "
for e in $(awk -F'\t' -v c="$first_code" '$2 == c { print $1 }' "$T/expected"); do
  expect "$first_code lists $e" "$T/out" "  - $e ("
done
if [ "$(grep -c '^  - ' "$T/out")" -eq "$(wc -l <"$T/expected")" ]; then
  pass "one printed line per outstanding evaluation"
else
  fail "the printed lines are not one per outstanding evaluation" "$T/out"
fi

check "remind in English" 0 "$CLI" --store "$S" remind --call rem --lang en
for e in $(cut -f1 "$T/expected" | sort -u); do
  expect "a reminder to $e" "$T/out" "Dear $e,"
done
first=$(head -1 "$T/expected")
expect "the reminder lists an outstanding project" "$T/out" "- $(cut -f2 <<<"$first") $(cut -f3 <<<"$first") ("
expect "the deadline in the Common Era" "$T/out" "by 15 January 2027 at 17:00, Thailand time."

e2_codes=$(awk -F'\t' '$1 == "evaluator-02" { print $2 }' "$T/expected")
check "remind one evaluator in Thai" 0 "$CLI" --store "$S" remind --call rem --evaluator evaluator-02 --lang th
expect "the Thai greeting" "$T/out" "เรียน evaluator-02"
expect "the deadline in the Buddhist Era" "$T/out" "15 มกราคม 2570 เวลา 17:00 น."
if grep -q "evaluator-01" "$T/out"; then
  fail "another evaluator's reminder is printed"
else
  pass "only the evaluator asked for"
fi
for code in $e2_codes; do
  expect "evaluator-02's $code is listed" "$T/out" "- $code "
done

harness_finish
