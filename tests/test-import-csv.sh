#!/bin/bash
# test-import-csv.sh: nawat-cli import of proposals from a CSV file with
# Thai headers, a byte order mark, quoted newlines and one bad row: refused
# as a whole (store unchanged) without --skip-invalid, the good rows
# imported and the bad one written for correction with it; the proposals'
# files of a folder named by project code (--documents).
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
harness_start

dump () {
  sqlite3 "$1" .dump
}

# unchanged NAME: the store is as it was in $T/before.sql.
unchanged () {
  dump "$T/s.db" >"$T/after.sql"
  if cmp -s "$T/before.sql" "$T/after.sql"; then
    pass "$1: the store is unchanged"
  else
    diff "$T/before.sql" "$T/after.sql" | head -20 >"$T/diff" || true
    fail "$1: the store changed" "$T/diff"
  fi
}

cat >"$T/call.json" <<'JSON'
[{"_id": "call:imp", "type": "call", "schema": 1, "title": {"th": "ทดสอบ"}, "rubric": "rubric:default:1"}]
JSON
"$CLI" --store "$T/s.db" import "$T/call.json" >"$T/out" 2>"$T/err" \
  || { fail "the call imports"; harness_finish; }
dump "$T/s.db" >"$T/before.sql"

# The proposals: a byte order mark, CRLF, a quoted newline and a quoted
# comma, and row 4 (the third proposal) with an unknown province.
{ printf '\xEF\xBB\xBF'; printf '%s\r\n' \
  'รหัส,ชื่อโครงการ,หน่วยงาน,จังหวัด,ประเด็น,ภาคี,งบประมาณ,สรุป' \
  'SI-001,น้ำสะอาดเพื่อชุมชน,มูลนิธิน้ำใส,เชียงใหม่,ด้านสุขภาพ,"เทศบาลนครเชียงใหม่ (ภาครัฐ); มหาวิทยาลัยเชียงใหม่ (ภาคการศึกษา)","1,250,000 บาท","บรรทัดแรก' \
  'บรรทัดที่สอง"' \
  'SI-002,ตลาดชุมชนออนไลน์,"บริษัท ก, จำกัด",TH-40,"finance-welfare; tourism-culture",,300000,' \
  'SI-003,โครงการที่ผิด,องค์กร ข,แอตแลนติส,ด้านสุขภาพ,,"หนึ่ง\nสอง",'; } \
  >"$T/proposals.csv"

check "refused without --skip-invalid" 1 "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp
expect "names the row, the column and the reason" "$T/err" \
  "proposals.csv: row 4, column “จังหวัด”: “แอตแลนติส” is not the name or code of a Thai province"
expect "names the budget too" "$T/err" "row 4, column “งบประมาณ”: “หนึ่ง"
expect "says nothing was imported" "$T/err" "1 row is invalid; nothing was imported"
unchanged "refused"

check "import --help" 0 "$CLI" import --help
expect "import --help shows --skip-invalid" "$T/out" "--skip-invalid"
expect "import --help shows the Thai headers" "$T/out" "จังหวัด/province"

check "--call is required" 2 "$CLI" --store "$T/s.db" import "$T/proposals.csv"
check "--skip-invalid needs --skipped" 2 \
  "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp --skip-invalid
check "CSV options on a JSON file" 2 "$CLI" --store "$T/s.db" import "$T/call.json" --call imp
check "an unknown call" 1 "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call nope
expect "says the call is unknown" "$T/err" "the call “nope” is not in the store"
unchanged "usage errors"

check "--dry-run" 0 "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp \
  --skip-invalid --skipped "$T/skipped.csv" --dry-run --save-mapping "$T/mapping.json"
expect "--dry-run counts the projects" "$T/out" "2 projects would be imported"
unchanged "--dry-run"
if [ -e "$T/skipped.csv" ]; then fail "--dry-run writes no skipped rows"; else pass "--dry-run writes no skipped rows"; fi
expect "the mapping is saved" "$T/mapping.json" '"field" : "province"'

# A mapping that leaves the province out is refused as a whole.
sed 's/"province"/"none"/' "$T/mapping.json" >"$T/no-province.json"
check "a mapping without the province" 1 \
  "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp --mapping "$T/no-province.json"
expect "says no column gives it" "$T/err" "no column gives the field “Province”"
echo '{"columns": 3}' >"$T/bad-mapping.json"
check "a broken mapping file" 1 \
  "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp --mapping "$T/bad-mapping.json"
expect "says it is no mapping" "$T/err" "not a column mapping"
unchanged "refused mappings"
# A mapping saved for another spreadsheet, whose budget column was
# "งบประมาณ (บาท)": refused, naming both files and the column, not applied
# to this file's columns.
sed 's/"งบประมาณ"/"งบประมาณ (บาท)"/' "$T/mapping.json" >"$T/other-file.json"
check "a mapping for another file's columns" 1 \
  "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp --mapping "$T/other-file.json" \
  --skip-invalid --skipped "$T/skipped.csv" --save-mapping "$T/resaved.json"
expect "says it is not for this file" "$T/err" \
  "The mapping $T/other-file.json is not for the columns of $T/proposals.csv"
expect "names the missing column" "$T/err" \
  "the mapping names the column “งบประมาณ (บาท)”, which the file does not have"
if [ ! -e "$T/resaved.json" ] && [ ! -e "$T/skipped.csv" ]; then
  pass "no file written"
else
  fail "no file written"
fi
unchanged "a mapping for another file"

check "accepted with --skip-invalid" 0 "$CLI" --store "$T/s.db" import "$T/proposals.csv" \
  --call imp --mapping "$T/mapping.json" --skip-invalid --skipped "$T/skipped.csv"
expect "counts the projects" "$T/out" "imported 2 projects"
expect "counts the skipped row" "$T/out" "skipped 1 row, written to $T/skipped.csv"
ids=$(sqlite3 "$T/s.db" "SELECT group_concat(id, ' ') FROM (SELECT id FROM projects ORDER BY id)")
if [ "$ids" = "project:imp:si-001 project:imp:si-002" ]; then
  pass "the two good rows are stored"
else
  echo "$ids" >"$T/ids"
  fail "the stored projects" "$T/ids"
fi
expect "the quoted newline is kept" <(sqlite3 "$T/s.db" "SELECT json FROM projects") \
  'บรรทัดแรก\nบรรทัดที่สอง'
expect "the skipped file holds the bad row" "$T/skipped.csv" 'SI-003,โครงการที่ผิด,องค์กร ข,แอตแลนติส'
expect "and its reason" "$T/skipped.csv" '“แอตแลนติส” is not the name or code of a Thai province'
if grep -q 'SI-001' "$T/skipped.csv"; then
  fail "the skipped file holds only the bad row" "$T/skipped.csv"
else
  pass "the skipped file holds only the bad row"
fi

# The same rows again are already stored.
dump "$T/s.db" >"$T/before.sql"
check "imported twice" 1 "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp
expect "says the code is stored" "$T/err" "a project with the code “si-001” is already in the store"
unchanged "imported twice"

# TIS-620, as older Thai office software writes it.
printf '%s\n' 'รหัส,ชื่อโครงการ,หน่วยงาน,จังหวัด,ประเด็น' 'SI-101,ป่าชุมชน,วิสาหกิจชุมชน,ลำปาง,ด้านการอนุรักษ์สิ่งแวดล้อม' \
  | iconv -f UTF-8 -t TIS-620 >"$T/tis620.csv"
check "TIS-620" 0 "$CLI" --store "$T/s.db" import "$T/tis620.csv" --call imp
expect "TIS-620 read as Thai" <(sqlite3 "$T/s.db" "SELECT json FROM projects WHERE id = 'project:imp:si-101'") \
  '"th":"ป่าชุมชน"'

# XLSX: a workbook by openpyxl, the proposals in the sheet "ข้อเสนอ" after
# a first sheet of notes; the budget a number cell, row 3 with an unknown
# province.
"$CLI" --store "$T/x.db" import "$T/call.json" >"$T/out" 2>"$T/err" \
  || { fail "the call imports into the XLSX store"; harness_finish; }
if [ -z "${NAWAT_OPENPYXL_PYTHON:-}" ]; then
  fail "no Python with openpyxl (install python3-openpyxl)"
  harness_finish
fi
"$NAWAT_OPENPYXL_PYTHON" - "$T/proposals.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook()
wb.active.title = "หมายเหตุ"
wb.active.append(["ไม่ใช่ข้อเสนอ"])
ws = wb.create_sheet("ข้อเสนอ")
ws.append(["รหัส", "ชื่อโครงการ", "หน่วยงาน", "จังหวัด", "ประเด็น", "งบประมาณ"])
ws.append(["SI-201", "ห้องสมุดชุมชน", "มูลนิธิหนังสือ", "น่าน", "ด้านสุขภาพ", 450000])
ws.append(["SI-202", "โครงการที่ผิด", "องค์กร ค", "แอตแลนติส", "ด้านสุขภาพ", 100000])
ws.append(["SI-203", "เกษตรอินทรีย์", "วิสาหกิจชุมชน", "TH-57", "ด้านการอนุรักษ์สิ่งแวดล้อม", 275000.0])
wb.save(sys.argv[1])
PY
# From here on $T/s.db is the store with the call only.
cp "$T/x.db" "$T/s.db"
dump "$T/s.db" >"$T/before.sql"
check "XLSX refused without --skip-invalid" 1 \
  "$CLI" --store "$T/s.db" import "$T/proposals.xlsx" --call imp --sheet "ข้อเสนอ"
expect "XLSX: names the row, the column and the reason" "$T/err" \
  "proposals.xlsx: row 3, column “จังหวัด”: “แอตแลนติส” is not the name or code of a Thai province"
unchanged "XLSX refused"
check "XLSX: the first sheet holds no proposals" 1 \
  "$CLI" --store "$T/s.db" import "$T/proposals.xlsx" --call imp
check "XLSX: an unknown sheet" 1 \
  "$CLI" --store "$T/s.db" import "$T/proposals.xlsx" --call imp --sheet "ไม่มี"
check "--sheet on a CSV file" 2 \
  "$CLI" --store "$T/s.db" import "$T/proposals.csv" --call imp --sheet "ข้อเสนอ"
unchanged "XLSX usage errors"
check "XLSX accepted with --skip-invalid" 0 "$CLI" --store "$T/s.db" import "$T/proposals.xlsx" \
  --call imp --sheet "ข้อเสนอ" --skip-invalid --skipped "$T/skipped-x.csv"
expect "XLSX: counts the projects" "$T/out" "imported 2 projects"
ids=$(sqlite3 "$T/s.db" "SELECT group_concat(id, ' ') FROM (SELECT id FROM projects ORDER BY id)")
if [ "$ids" = "project:imp:si-201 project:imp:si-203" ]; then
  pass "XLSX: the two good rows are stored"
else
  echo "$ids" >"$T/ids"
  fail "XLSX: the stored projects" "$T/ids"
fi
expect "XLSX: the number cell is the budget" \
  <(sqlite3 "$T/s.db" "SELECT json FROM projects WHERE id = 'project:imp:si-203'") '"budget_thb":275000'
expect "XLSX: the skipped file holds the bad row" "$T/skipped-x.csv" 'SI-202,โครงการที่ผิด'

# --documents DIR: the proposals' files named by project code come along.
cat >"$T/call-doc.json" <<'JSON'
[{"_id": "call:doc", "type": "call", "schema": 1, "title": {"th": "ทดสอบไฟล์"}, "rubric": "rubric:default:1"}]
JSON
check "the call with documents imports" 0 "$CLI" --store "$T/d.db" import "$T/call-doc.json"
printf '%s\n' 'รหัส,ชื่อโครงการ,หน่วยงาน,จังหวัด,ประเด็น' \
  'DOC-1,น้ำสะอาด,มูลนิธิน้ำใส,เชียงใหม่,ด้านสุขภาพ' \
  'DOC-2,ตลาดชุมชน,บริษัท ก,TH-40,tourism-culture' >"$T/doc.csv"
mkdir -p "$T/docs/doc-2"
printf '%%PDF-1.4 ข้อเสนอ DOC-1\n' >"$T/docs/DOC-1.pdf"
printf '%%PDF-1.4 ข้อเสนอ DOC-2\n' >"$T/docs/doc-2/ข้อเสนอฉบับเต็ม.pdf"
printf 'budget' >"$T/docs/doc-2/งบประมาณ.xlsx"
printf '%%PDF-1.4 of no project\n' >"$T/docs/DOC-9.pdf"
dump "$T/d.db" >"$T/d-before.sql"

check "--documents on a JSON file" 2 "$CLI" --store "$T/d.db" import "$T/call-doc.json" --documents "$T/docs"
check "--documents that is no folder" 1 "$CLI" --store "$T/d.db" import "$T/doc.csv" --call doc \
  --documents "$T/doc.csv"
check "a file of no project refuses the import" 1 "$CLI" --store "$T/d.db" import "$T/doc.csv" \
  --call doc --documents "$T/docs"
expect "names the stray file" "$T/err" "DOC-9.pdf: matches the code of no project"
expect "says nothing was imported" "$T/err" "1 file of the documents folder matches no project; nothing was imported"
dump "$T/d.db" >"$T/d-after.sql"
if cmp -s "$T/d-before.sql" "$T/d-after.sql"; then pass "the store is unchanged"; else fail "the store changed"; fi
if [ ! -d "$T/d.blobs" ] || [ -z "$(find "$T/d.blobs" -type f)" ]; then
  pass "no file written"
else
  fail "files were written"
fi

rm "$T/docs/DOC-9.pdf"
check "--dry-run with --documents" 0 "$CLI" --store "$T/d.db" import "$T/doc.csv" --call doc \
  --documents "$T/docs" --dry-run
expect "counts the files" "$T/out" "3 files would be attached"
check "import with --documents" 0 "$CLI" --store "$T/d.db" import "$T/doc.csv" --call doc \
  --documents "$T/docs"
expect "counts the projects" "$T/out" "imported 2 projects"
expect "counts the files" "$T/out" "attached 3 files"
check "the files of DOC-2" 0 "$CLI" --store "$T/d.db" attachments doc:doc-2
expect "lists the Thai PDF, held" "$T/out" "ข้อเสนอฉบับเต็ม.pdf	application/pdf"
expect "lists the spreadsheet" "$T/out" "งบประมาณ.xlsx"
check "the files of DOC-1" 0 "$CLI" --store "$T/d.db" attachments doc:doc-1
expect "lists DOC-1.pdf, held offline" "$T/out" "held offline"

harness_finish
