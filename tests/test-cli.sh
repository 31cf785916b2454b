#!/bin/bash
# test-cli.sh: drives nawat-cli as a script would.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
harness_start

stats_json () {
  "$CLI" --store "$1" stats --json
}

# json_field JSON NAME: the integer NAME of a flat JSON object.
json_field () {
  sed -n "s/.*\"$2\": *\([0-9][0-9]*\).*/\1/p" <<<"$1"
}

S="$T/store.db"

# Help and usage errors.
check "--help" 0 "$CLI" --help
for cmd in generate import assign evaluate extend recuse reopen search export stats quarantine; do
  expect "--help lists $cmd" "$T/out" "$cmd"
done
check "generate --help" 0 "$CLI" generate --help
expect "generate --help shows --projects" "$T/out" "--projects"
check "evaluate --help" 0 "$CLI" evaluate --help
expect "evaluate --help shows --submit" "$T/out" "--submit"
check "no command" 2 "$CLI"
check "unknown command" 2 "$CLI" --store "$S" frobnicate
check "unknown global option" 2 "$CLI" --frobnicate stats
check "unknown command option" 2 "$CLI" --store "$S" stats --frobnicate
check "generate without --projects" 2 "$CLI" generate --output "$T/x.json"
check "generate with a bad number" 2 "$CLI" generate --projects many --output "$T/x.json"
check "import without a file" 2 "$CLI" --store "$S" import
check "export --format xls" 2 "$CLI" --store "$S" export --format xls --output "$T/x.pdf"
check "export --report project without --project" 2 "$CLI" --store "$S" export --format pdf --report project --output "$T/x.pdf"
check "export --report project as csv" 2 "$CLI" --store "$S" export --format csv --report project --project p1 --output "$T/x.csv"
check "export --lang fr" 2 "$CLI" --store "$S" export --format pdf --lang fr --output "$T/x.pdf"
check "export --evaluator with the portfolio" 2 "$CLI" --store "$S" export --format pdf --evaluator somchai --output "$T/x.pdf"
check "evaluate without --evaluator" 2 "$CLI" --store "$S" evaluate project:c:p1

# generate: the same seed gives the same bytes, another seed others.
check "generate" 0 "$CLI" generate --projects 60 --evaluators 6 --seed 11 --call gen --output "$T/a.json"
check "generate again" 0 "$CLI" generate --projects 60 --evaluators 6 --seed 11 --call gen --output "$T/b.json"
if cmp -s "$T/a.json" "$T/b.json"; then pass "same seed, same bytes"; else fail "same seed, different bytes"; fi
check "generate another seed" 0 "$CLI" generate --projects 60 --evaluators 6 --seed 12 --call gen --output "$T/c.json"
if cmp -s "$T/a.json" "$T/c.json"; then fail "another seed, same bytes"; else pass "another seed, other bytes"; fi
check "generate to standard output" 0 "$CLI" generate --projects 60 --evaluators 6 --seed 11 --call gen --output -
if cmp -s "$T/a.json" "$T/out"; then pass "standard output has the same bytes"; else fail "standard output differs"; fi

# One document per line: count them.
docs=$(grep -c '^{"_id"' "$T/a.json" || true)
projects=$(grep -c '"type":"project"' "$T/a.json" || true)
evaluations=$(grep -c '"type":"evaluation"' "$T/a.json" || true)
submitted=$(grep '"type":"evaluation"' "$T/a.json" | grep -c '"status":"submitted"' || true)
if [ "$projects" -eq 60 ] && [ "$evaluations" -gt 0 ]; then
  pass "generated 60 projects and $evaluations evaluations"
else
  fail "generated $projects projects and $evaluations evaluations"
fi

# import
check "import" 0 "$CLI" --store "$S" import "$T/a.json"
expect "import reports the count" "$T/out" "imported $docs documents"
check "stats --json" 0 stats_json "$S"
stats=$(cat "$T/out")
if [ "$(json_field "$stats" calls)" = 1 ] &&
   [ "$(json_field "$stats" projects)" = 60 ] &&
   [ "$(json_field "$stats" evaluations)" = "$evaluations" ] &&
   [ "$(json_field "$stats" submitted)" = "$submitted" ] &&
   [ "$(json_field "$stats" drafts)" = $((evaluations - submitted)) ] &&
   [ "$(json_field "$stats" pending_push)" = 0 ]; then
  pass "stats count what was imported"
else
  fail "stats: $stats (expected 60 projects, $evaluations evaluations, $submitted submitted)"
fi
check "stats" 0 "$CLI" --store "$S" stats
expect "plain stats" "$T/out" "60"

# A file with one invalid score among valid documents: nothing is imported.
"$CLI" generate --projects 20 --evaluators 4 --seed 5 --call broken --output "$T/broken.json"
sed '0,/"merit\.innovation":[0-9]/s//"merit.innovation":7/' "$T/broken.json" >"$T/broken2.json"
bad_id=$(grep '"merit.innovation":7' "$T/broken2.json" | sed 's/^{"_id":"\([^"]*\)".*/\1/')
if [ -n "$bad_id" ]; then pass "broken file made ($bad_id)"; else fail "no score to break"; fi
check "import a broken file" 1 "$CLI" --store "$S" import "$T/broken2.json"
expect "the problem names the document" "$T/err" "$bad_id"
expect "the problem names the field" "$T/err" "merit.innovation"
expect "the problem gives the reason" "$T/err" "7"
expect "the problem gives the maximum" "$T/err" "5"
check "stats after the broken import" 0 stats_json "$S"
if [ "$(cat "$T/out")" = "$stats" ]; then pass "store unchanged"; else fail "store changed: $(cat "$T/out")"; fi
printf '{"docs": [' >"$T/garbage.json"
check "import malformed JSON" 1 "$CLI" --store "$S" import "$T/garbage.json"
check "import a missing file" 1 "$CLI" --store "$S" import "$T/missing.json"

# A hand-written project with a unique Thai title.
cat >"$T/mine.json" <<'EOF'
[
{"_id": "call:cli", "type": "call", "schema": 1, "title": {"th": "ทุนทดสอบ", "en": "Test call"},
 "year_be": 2569, "rubric": "rubric:default:1", "deadline": "2099-12-31T17:00:00Z",
 "evaluators": ["somchai", "malee"]},
{"_id": "project:cli:kampong", "type": "project", "schema": 1, "call": "cli", "code": "kampong",
 "title": {"th": "การท่องเที่ยวโดยชุมชนบ้านแม่กำปอง", "en": "Mae Kampong community tourism"},
 "summary": {"th": "ที่พักแบบโฮมสเตย์และป่าชุมชน", "en": "Homestays and a community forest"},
 "organisation": "วิสาหกิจชุมชนบ้านแม่กำปอง", "province": "TH-50", "reach": "community",
 "domains": ["tourism-culture", "environment"],
 "partners": [{"name": "มหาวิทยาลัยเชียงใหม่", "sector": "academia"},
              {"name": "องค์การบริหารส่วนตำบลห้วยแก้ว", "sector": "government"}],
 "budget_thb": 800000, "duration_months": 18, "submitted": "2026-03-01T09:00:00Z",
 "assigned": ["somchai", "malee"]}
]
EOF
check "import a JSON array" 0 "$CLI" --store "$S" import "$T/mine.json"
expect "import reports 2" "$T/out" "imported 2 documents"

# search
check "search a Thai substring" 0 "$CLI" --store "$S" search "แม่กำปอง"
if [ "$(head -n 1 "$T/out")" = "project:cli:kampong" ]; then pass "Thai search finds it first"; else fail "Thai search" "$T/out"; fi
check "search a Thai word inside a title" 0 "$CLI" --store "$S" search "ท่องเที่ยวโดยชุมชน" --limit 100
expect "Thai word search finds it" "$T/out" "project:cli:kampong"
check "search English" 0 "$CLI" --store "$S" search kampong
expect "English search finds it" "$T/out" "project:cli:kampong"
check "search --limit" 0 "$CLI" --store "$S" search "จังหวัด" --limit 3
if [ "$(wc -l <"$T/out")" -le 3 ]; then pass "--limit is respected"; else fail "--limit ignored" "$T/out"; fi
check "search nothing found" 0 "$CLI" --store "$S" search "zzqqxxnotthere"
if [ ! -s "$T/out" ]; then pass "no match prints nothing"; else fail "unexpected match" "$T/out"; fi

# evaluate
P=project:cli:kampong
check "evaluate an unknown key" 1 "$CLI" --store "$S" evaluate "$P" --evaluator somchai --set merit.charm=3
expect "unknown key named" "$T/err" "merit.charm"
check "evaluate out of range" 1 "$CLI" --store "$S" evaluate "$P" --evaluator somchai --set merit.innovation=6
expect "out of range explained" "$T/err" "merit.innovation"
check "evaluate not a number" 1 "$CLI" --store "$S" evaluate "$P" --evaluator somchai --set merit.innovation=four
check "evaluate a comment on an unknown key" 1 "$CLI" --store "$S" evaluate "$P" --evaluator somchai --comment merit.charm=nice
check "evaluate a bad recommendation" 1 "$CLI" --store "$S" evaluate "$P" --evaluator somchai --recommendation maybe
check "evaluate an unknown project" 1 "$CLI" --store "$S" evaluate project:cli:nope --evaluator somchai --set merit.innovation=3

# Evaluator names that import refuses are refused here too: saved, they
# broke the JSON and PDF exports of the whole call.
long_name=$(head -c 5000 /dev/zero | tr '\0' x)
check "evaluator name with a space" 1 "$CLI" --store "$S" evaluate "$P" --evaluator "som chai" \
  --set merit.innovation=3
expect "a space is explained" "$T/err" "“som chai” is not a user name"
check "evaluator name with a quote" 1 "$CLI" --store "$S" evaluate "$P" --evaluator 'som"chai' \
  --set merit.innovation=3
expect "a quote is explained" "$T/err" "is not a user name: use printable ASCII"
check "evaluator name of 5,000 characters" 1 "$CLI" --store "$S" evaluate "$P" \
  --evaluator "$long_name" --set merit.innovation=3
expect "the length is explained" "$T/err" "The evaluator name is 5000 bytes long"
check "export JSON after refused names" 0 "$CLI" --store "$S" export --format json \
  --report portfolio --call cli --output "$T/names.json"
if grep -qF -e 'som chai' -e 'som\"chai' -e "${long_name:0:100}" "$T/names.json"; then
  fail "a refused evaluator name was saved" "$T/names.json"
else
  pass "no refused evaluator name was saved"
fi
check "evaluate a draft" 0 "$CLI" --store "$S" evaluate "$P" --evaluator somchai \
  --set merit.innovation=4 --comment "merit.innovation=ใหม่, และ \"น่าสนใจ\""
expect "draft reported" "$T/out" "draft"
expect "completeness reported" "$T/out" "1/19"
check "submit an incomplete evaluation" 1 "$CLI" --store "$S" evaluate "$P" --evaluator somchai --submit
expect "missing keys listed" "$T/err" "merit.impact"
expect "missing domain listed" "$T/err" "domains.environment"
check "stats after the draft" 0 stats_json "$S"
before=$(cat "$T/out")
sets=()
for k in environment food-water-energy government-education finance-welfare \
         sustainable-agriculture urbanization health disaster-management; do
  sets+=(--set "domains.$k=1")
done
sets+=(--set domains.tourism-culture=4)
for k in government academia private civil-society environment; do
  sets+=(--set "helix.$k=2")
done
for k in impact feasibility sustainability participation; do
  sets+=(--set "merit.$k=3")
done
check "score everything and submit" 0 "$CLI" --store "$S" evaluate "$P" --evaluator somchai \
  "${sets[@]}" --recommendation fund --submit
expect "submitted reported" "$T/out" "submitted"
# domains max 1, helix 0.5, merit (0.75 + 4 × 0.5) / 5 = 0.55: 20 + 10 + 33 = 63.
expect "composite reported" "$T/out" "composite 63.00"
check "stats after submit" 0 stats_json "$S"
after=$(cat "$T/out")
if [ "$(json_field "$after" submitted)" = $(($(json_field "$before" submitted) + 1)) ] &&
   [ "$(json_field "$after" pending_push)" -ge 1 ] &&
   [ "$(json_field "$after" evaluations)" = "$(json_field "$before" evaluations)" ]; then
  pass "stats show the submission"
else
  fail "stats after submit: $after (before: $before)"
fi
check "conflict of interest blocks scoring" 1 "$CLI" --store "$S" evaluate "$P" --evaluator malee \
  --conflict-of-interest "ญาติของผู้เสนอ" --set merit.innovation=3
check "declare a conflict of interest" 0 "$CLI" --store "$S" evaluate "$P" --evaluator malee \
  --conflict-of-interest "ญาติของผู้เสนอ"
check "a conflicted evaluation cannot be submitted" 1 "$CLI" --store "$S" evaluate "$P" --evaluator malee --submit

# export
check "export json" 0 "$CLI" --store "$S" export --format json --report portfolio --call cli --output "$T/p.json"
expect "json has the call" "$T/p.json" '"call":{"_id":"call:cli"'
expect "json has the project" "$T/p.json" '"_id":"project:cli:kampong"'
expect "json has the composite mean" "$T/p.json" '"composite_mean":63'
expect "json keeps the Thai title" "$T/p.json" "การท่องเที่ยวโดยชุมชนบ้านแม่กำปอง"
if command -v python3 >/dev/null; then
  check "json parses" 0 python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/p.json"
fi
check "export csv" 0 "$CLI" --store "$S" export --format csv --call cli --output "$T/p.csv"
expect "csv header" "$T/p.csv" "project_id,code,title_th,title_en,province,province_th,province_en,region,reach,budget_thb,primary_domain,evaluator,status,recommendation,confidence,conflict_of_interest,conflict_type,completeness,composite,domains.environment"
expect "csv row" "$T/p.csv" "project:cli:kampong,kampong,การท่องเที่ยวโดยชุมชนบ้านแม่กำปอง,Mae Kampong community tourism,TH-50,เชียงใหม่,Chiang Mai,north,community,800000,tourism-culture,somchai,submitted,fund,,false,,1,63,"
if [ "$(grep -c $'\r$' "$T/p.csv")" -eq "$(wc -l <"$T/p.csv")" ]; then pass "csv lines end in CRLF"; else fail "csv line ends"; fi
check "export xlsx" 0 "$CLI" --store "$S" export --format xlsx --report portfolio --call cli --output "$T/p.xlsx"
if [ -n "${NAWAT_OPENPYXL_PYTHON:-}" ]; then
  check "xlsx has the csv's cells" 0 "$NAWAT_OPENPYXL_PYTHON" "$(dirname "$0")/compare-xlsx-csv.py" "$T/p.xlsx" "$T/p.csv"
else
  fail "no Python with openpyxl to read the xlsx (python3-openpyxl)"
fi
check "export with several calls needs --call" 1 "$CLI" --store "$S" export --format csv --output "$T/q.csv"
echo "old contents" >"$T/q.csv"
check "export an unknown call" 1 "$CLI" --store "$S" export --format csv --call nope --output "$T/q.csv"
if [ "$(cat "$T/q.csv")" = "old contents" ]; then pass "a failed export leaves the old file"; else fail "a failed export replaced the file"; fi
check "generate with a bad call id" 1 "$CLI" generate --projects 3 --call "Bad Id" --output "$T/q.csv"
if [ "$(cat "$T/q.csv")" = "old contents" ]; then pass "a failed generate leaves the old file"; else fail "a failed generate replaced the file"; fi
# A failed export to a new path leaves no file (it left an empty one).
for format in csv json pdf xlsx; do
  check "export $format of an unknown call to a new file" 1 \
    "$CLI" --store "$S" export --format $format --call nope --output "$T/new.$format"
  if [ -e "$T/new.$format" ]; then
    fail "a failed $format export left a file of $(stat -c %s "$T/new.$format") bytes"
  else
    pass "a failed $format export leaves no file"
  fi
done
check "generate with a bad call id to a new file" 1 "$CLI" generate --projects 3 --call "Bad Id" --output "$T/new.json"
if [ -e "$T/new.json" ]; then fail "a failed generate left a file"; else pass "a failed generate leaves no file"; fi
if ls -A "$T" | grep -q '\.part$'; then fail "an export left its temporary file"; else pass "no temporary file left"; fi
check "export the generated call" 0 "$CLI" --store "$S" export --format csv --call gen --output "$T/gen.csv"
rows=$(($(wc -l <"$T/gen.csv") - 1))
if [ "$rows" -eq "$evaluations" ]; then pass "csv has a row per evaluation ($rows)"; else fail "csv has $rows rows for $evaluations evaluations"; fi

# PDF reports (issue 6)
check "export pdf portfolio in Thai" 0 "$CLI" --store "$S" export --format pdf --call gen --lang th --output "$T/gen.pdf"
check "export pdf project in English" 0 "$CLI" --store "$S" export --format pdf --report project --call cli --project kampong --lang en --output "$T/kampong.pdf"
check "export pdf evaluator's own view" 0 "$CLI" --store "$S" export --format pdf --report project --call cli --project project:cli:kampong --evaluator somchai --lang th --output "$T/own.pdf"
check "export pdf to standard output" 0 "$CLI" --store "$S" export --format pdf --report project --call cli --project kampong --output -
if [ "$(head -c 5 "$T/out")" = "%PDF-" ]; then pass "standard output has a PDF"; else fail "standard output is not a PDF"; fi
echo "old contents" >"$T/q.pdf"
check "export pdf of an unknown project" 1 "$CLI" --store "$S" export --format pdf --report project --call cli --project nope --output "$T/q.pdf"
if [ "$(cat "$T/q.pdf")" = "old contents" ]; then pass "a failed pdf export leaves the old file"; else fail "a failed pdf export replaced the file"; fi
if command -v pdftotext >/dev/null && command -v pdffonts >/dev/null; then
  pdftotext -raw -enc UTF-8 "$T/gen.pdf" "$T/gen.txt"
  expect "pdf portfolio has a Thai domain name" "$T/gen.txt" "ด้านการอนุรักษ์สิ่งแวดล้อม"
  expect "pdf portfolio has Thai page numbers" "$T/gen.txt" "หน้า 1 จาก"
  expect "pdf portfolio has a contents" "$T/gen.txt" "สารบัญ"
  pdftotext -raw -enc UTF-8 "$T/kampong.pdf" "$T/kampong.txt"
  expect "pdf project has its title" "$T/kampong.txt" "Mae Kampong community tourism"
  expect "pdf project has English page numbers" "$T/kampong.txt" "Page 1 of"
  pdffonts "$T/gen.pdf" >"$T/fonts.txt"
  if [ "$(tail -n +3 "$T/fonts.txt" | awk '$(NF-4) != "yes"' | wc -l)" -eq 0 ] && [ "$(tail -n +3 "$T/fonts.txt" | wc -l)" -gt 0 ]; then
    pass "pdf fonts are embedded"
  else
    fail "pdf fonts not embedded" "$T/fonts.txt"
  fi
fi

# A file that is not a store is refused and left alone.
printf 'not a database at all, just text\n' >"$T/foreign.db"
cp "$T/foreign.db" "$T/foreign.orig"
check "a foreign file is refused" 1 "$CLI" --store "$T/foreign.db" stats
if cmp -s "$T/foreign.db" "$T/foreign.orig"; then pass "the foreign file is untouched"; else fail "the foreign file changed"; fi

# The default store lives under XDG_DATA_HOME.
check "default store" 0 "$CLI" stats --json
if [ -f "$XDG_DATA_HOME/nawat/demo.db" ]; then pass "default store under XDG_DATA_HOME"; else fail "no default store in $XDG_DATA_HOME/nawat"; fi

# stats: agreement between the evaluators of a call (issue 6).
check "stats --json --call gen" 0 "$CLI" --store "$S" stats --json --call gen
cp "$T/out" "$T/stats-gen.json"
check "export gen for the agreement check" 0 "$CLI" --store "$S" export --format json --call gen --output "$T/gen.json"
if command -v python3 >/dev/null; then
  # Recomputes the composite's figures from the exported evaluations with
  # the textbook formulas (pairwise sums, no shortcuts) and compares.
  check "stats agreement agrees with the export" 0 python3 - "$T/stats-gen.json" "$T/gen.json" <<'PY'
import json, math, statistics, sys
stats = json.load(open(sys.argv[1]))
export = json.load(open(sys.argv[2]))
agreement = stats["agreement"]
fields = {"n", "mean", "median", "sd", "alpha_interval", "alpha_ordinal", "icc_1_1",
          "projects_rated_twice", "reason"}
assert set(agreement["composite"]) == fields, agreement["composite"]
keys = [k for p in export["projects"] for e in p["evaluations"] for k in e["scores"]]
assert sorted(agreement["criteria"]) == sorted(set(keys)), sorted(agreement["criteria"])
for key, value in agreement["criteria"].items():
    assert set(value) == fields, (key, value)
units = [[e["composite"] for e in p["evaluations"]
          if e["status"] == "submitted" and e["composite"] is not None]
         for p in export["projects"]]
values = [v for u in units for v in u]
c = agreement["composite"]
close = lambda a, b: abs(a - b) <= 1e-4 * max(1, abs(b))
assert c["n"] == len(values), (c["n"], len(values))
assert close(c["mean"], statistics.mean(values)), c
assert close(c["median"], statistics.median(values)), c
assert close(c["sd"], statistics.stdev(values)), c
pairable = [u for u in units if len(u) >= 2]
assert c["projects_rated_twice"] == len(pairable) >= 5, c
assert c["reason"] is None, c
n = sum(len(u) for u in pairable)
d_o = sum(sum((a - b) ** 2 for i, a in enumerate(u) for j, b in enumerate(u) if i != j) / (len(u) - 1)
          for u in pairable) / n
flat = [v for u in pairable for v in u]
d_e = sum((a - b) ** 2 for a in flat for b in flat) / (n * (n - 1))
assert close(c["alpha_interval"], 1 - d_o / d_e), (c, 1 - d_o / d_e)
rated = [u for u in units if u]
N = sum(len(u) for u in rated)
grand = sum(map(sum, rated)) / N
msb = sum(len(u) * (sum(u) / len(u) - grand) ** 2 for u in rated) / (len(rated) - 1)
msw = sum((v - sum(u) / len(u)) ** 2 for u in rated for v in u) / (N - len(rated))
k0 = (N - sum(len(u) ** 2 for u in rated) / N) / (len(rated) - 1)
assert close(c["icc_1_1"], (msb - msw) / (msb + (k0 - 1) * msw)), c
PY
fi
check "stats --json with several calls" 0 "$CLI" --store "$S" stats --json
if grep -q '"agreement"' "$T/out"; then fail "agreement without --call on several calls"; else pass "no agreement without --call on several calls"; fi
check "stats of an unknown call" 1 "$CLI" --store "$S" stats --json --call nope
# One evaluator per project: nothing to agree on, so null.
"$CLI" generate --projects 12 --evaluators 1 --seed 4 --call solo --output "$T/solo.json" >/dev/null
"$CLI" --store "$T/solo.db" import "$T/solo.json" >/dev/null
check "stats of a call with one evaluator" 0 "$CLI" --store "$T/solo.db" stats --json
expect "alpha is null with one rating per project" "$T/out" '"alpha_interval": null, "alpha_ordinal": null, "icc_1_1": null, "projects_rated_twice": 0'
expect "and says why" "$T/out" '"reason": "Not enough data yet: agreement needs 5 projects with two or more evaluations (so far: 0)."'
check "plain stats of a call with one evaluator" 0 "$CLI" --store "$T/solo.db" stats
expect "plain stats say why there is no agreement" "$T/out" "Not enough data yet: agreement needs 5 projects"
check "plain stats with agreement" 0 "$CLI" --store "$S" stats --call gen
expect "plain stats show the ICC" "$T/out" "ICC(1,1)"

# The round's rules (issue 15), in a store of their own.
R="$T/rules.db"
cat >"$T/rules.json" <<'EOF'
[
{"_id": "call:rules", "type": "call", "schema": 1, "title": {"en": "Rules"},
 "rubric": "rubric:default:1", "deadline": "2099-12-31T17:00:00Z",
 "evaluators": ["somchai", "malee", "ananda"]},
{"_id": "project:rules:p1", "type": "project", "schema": 1, "call": "rules", "code": "p1",
 "title": {"en": "One"},
 "organisation": "Org", "province": "TH-50", "reach": "community", "domains": ["health"],
 "partners": [], "budget_thb": 100000, "duration_months": 12, "submitted": "2026-03-01T09:00:00Z", "assigned": ["somchai", "malee"]},
{"_id": "project:rules:p2", "type": "project", "schema": 1, "call": "rules", "code": "p2",
 "title": {"en": "Two"},
 "organisation": "Org", "province": "TH-50", "reach": "community", "domains": ["health"],
 "partners": [], "budget_thb": 100000, "duration_months": 12, "submitted": "2026-03-01T09:00:00Z", "assigned": ["somchai"]}
]
EOF
check "import the rules call" 0 "$CLI" --store "$R" import "$T/rules.json"
rules_eval () {
  local project=$1 user=$2
  shift 2
  "$CLI" --store "$R" evaluate "project:rules:$project" --evaluator "$user" "$@"
}
pending () { json_field "$("$CLI" --store "$R" stats --json)" pending_push; }

check "an unassigned evaluator is refused" 1 rules_eval p1 ananda --set merit.innovation=3
expect "the reason says it is not assigned" "$T/err" "Project “p1” is not assigned to ananda"
check "an evaluator outside the call is refused" 1 rules_eval p1 stranger --set merit.innovation=3
expect "the reason says who is not in the call" "$T/err" "stranger is not an evaluator of call “rules”"
check "a name import refuses is refused" 1 rules_eval p1 "some one" --set merit.innovation=3
if [ "$(pending)" = 0 ]; then pass "nothing saved for the refused evaluators"; else fail "refused writes were saved"; fi

check "somchai scores p2" 0 rules_eval p2 somchai --set merit.innovation=3
check "a conflict declared over scores is refused" 1 rules_eval p2 somchai --conflict-of-interest "My cousin"
expect "the reason names the conflict rule" "$T/err" "conflict of interest is declared, so the evaluation can carry no scores"

check "somchai submits p1" 0 rules_eval p1 somchai "${sets[@]}" --set merit.innovation=4 --recommendation fund --submit
check "a submitted evaluation does not change" 1 rules_eval p1 somchai --set merit.innovation=1
expect "the reason says to reopen it" "$T/err" "The evaluation is submitted: reopen it to change it"
check "submitting it again changes nothing" 0 rules_eval p1 somchai --submit
check "--reopen with other changes is a usage error" 2 rules_eval p1 somchai --reopen --set merit.innovation=1
check "reopen with nothing to reopen" 1 rules_eval p2 somchai --reopen
expect "a draft has nothing to reopen" "$T/err" "nothing to reopen"
check "somchai reopens p1 before the deadline" 0 rules_eval p1 somchai --reopen
expect "reopened as a draft" "$T/out" "draft"
check "the reopened draft changes" 0 rules_eval p1 somchai --set merit.innovation=2 --submit
expect "and is submitted again" "$T/out" "submitted"

# The coordinator moves the call's deadline into the past.
check "extend needs --until" 2 "$CLI" --store "$R" extend --call rules
check "extend refuses a date that is not one" 2 "$CLI" --store "$R" extend --call rules --until tomorrow
check "extend an unknown call" 1 "$CLI" --store "$R" extend --call nope --until 2030-01-01T00:00:00Z
check "extend for someone outside the call" 1 "$CLI" --store "$R" extend --call rules --evaluator stranger --until 2030-01-01T00:00:00Z
check "the coordinator closes the round" 0 "$CLI" --store "$R" extend --call rules --until 2020-01-01T07:00:00+07:00
expect "the new deadline, in UTC" "$T/out" "call:rules: the deadline is 2020-01-01T00:00:00Z"
expect "publish is named" "$T/out" "publish --call rules"
before_pending=$(pending)
check "a submitted evaluation after the deadline does not change" 1 rules_eval p1 somchai --set merit.innovation=5
expect "the reason gives the deadline" "$T/err" "The deadline passed on 2020-01-01 00:00 UTC; ask the coordinator for an extension"
check "a draft after the deadline does not change" 1 rules_eval p2 somchai --set merit.impact=2
check "nor does a new evaluation" 1 rules_eval p1 malee --overall-comment "late"
check "the evaluator cannot reopen after the deadline" 1 rules_eval p1 somchai --reopen
expect "reopening late names the deadline" "$T/err" "The deadline passed on"
if [ "$(pending)" = "$before_pending" ]; then pass "nothing queued for push after the deadline"
else fail "after the deadline: pending $(pending), was $before_pending"; fi
check "export the closed call" 0 "$CLI" --store "$R" export --format json --call rules --output "$T/rules-out.json"
expect "the submitted score stayed" "$T/rules-out.json" '"merit.innovation":2'
expect "the evaluation stayed submitted" "$T/rules-out.json" '"status":"submitted"'

# The coordinator reopens it, at any time; the evaluator gets an extension.
check "reopen needs --by" 2 "$CLI" --store "$R" reopen evaluation:rules:p1:somchai
check "reopen an unknown evaluation" 1 "$CLI" --store "$R" reopen evaluation:rules:p9:somchai --by boss
check "the coordinator reopens after the deadline" 0 "$CLI" --store "$R" reopen evaluation:rules:p1:somchai --by boss
expect "the reopening is reported" "$T/out" "reopened by boss"
check "reopening a draft is refused" 1 "$CLI" --store "$R" reopen evaluation:rules:p1:somchai --by boss
check "still closed for somchai" 1 rules_eval p1 somchai --set merit.innovation=5
check "the coordinator extends somchai's deadline" 0 "$CLI" --store "$R" extend --call rules --evaluator somchai --until 2099-01-01T00:00:00Z
expect "the extension is reported" "$T/out" "somchai’s deadline is 2099-01-01T00:00:00Z"
check "the extension makes the change possible again" 0 rules_eval p1 somchai --set merit.innovation=5 --submit
expect "submitted once more" "$T/out" "submitted"
check "the extension is somchai's alone" 1 rules_eval p1 malee --overall-comment "late"
check "export after the extension" 0 "$CLI" --store "$R" export --format json --call rules --output "$T/rules-out.json"
expect "the new score is stored" "$T/rules-out.json" '"merit.innovation":5'
if command -v python3 >/dev/null; then
  python3 -c 'import sqlite3, sys
print (sqlite3.connect (sys.argv[1]).execute ("SELECT json FROM evaluations WHERE id = ?",
                                              (sys.argv[2],)).fetchone ()[0])' \
    "$R" evaluation:rules:p1:somchai >"$T/stored.json"
  expect "the reopening is recorded in the evaluation" "$T/stored.json" '"reopened":{"by":"boss","at":"'
fi
expect "the extension is recorded in the call" "$T/rules-out.json" '"extensions":{"somchai":"2099-01-01T00:00:00Z"}'

check "quarantine of a store that never synced" 0 "$CLI" --store "$R" quarantine
expect "an empty quarantine says so" "$T/out" "No document in quarantine."
check "quarantine takes no arguments" 2 "$CLI" --store "$R" quarantine everything

# generate --deadline: generated calls stay open unless told otherwise.
check "generate with the default deadline" 0 "$CLI" generate --projects 2 --output "$T/d1.json"
expect "the default deadline is far ahead" "$T/d1.json" '"deadline":"2099-12-31T17:00:00Z"'
check "generate --deadline" 0 "$CLI" generate --projects 2 --deadline 2030-06-30T17:00:00Z --output "$T/d2.json"
expect "the given deadline is written" "$T/d2.json" '"deadline":"2030-06-30T17:00:00Z"'
check "generate --deadline with a bad date" 2 "$CLI" generate --projects 2 --deadline soon --output "$T/d3.json"
check "generate --help shows --deadline" 0 "$CLI" generate --help
expect "--deadline in the help" "$T/out" "--deadline"
expect "--theme in the help" "$T/out" "--theme"

# generate --theme: the call's yearly theme, one of the four keys.
check "generate --theme" 0 "$CLI" generate --projects 2 --call themed --theme regional-scaling --output "$T/t1.json"
expect "the theme is written" "$T/t1.json" '"theme":"regional-scaling"'
check "generate --theme with an unknown key" 2 "$CLI" generate --projects 2 --theme prosperity --output "$T/t2.json"
if [ -e "$T/t2.json" ]; then fail "a refused --theme left a file"; else pass "a refused --theme leaves no file"; fi
TS="$T/theme.db"
check "import the themed call" 0 "$CLI" --store "$TS" import "$T/t1.json"
check "export the themed call as JSON" 0 "$CLI" --store "$TS" export --format json --call themed --output "$T/t1-export.json"
expect "the export carries the theme" "$T/t1-export.json" '"theme":"regional-scaling"'

# assign (issue 18): a generated call, then one whose rules bind.
A="$T/assign.db"
check "generate a call to assign" 0 "$CLI" generate --projects 40 --evaluators 6 --seed 5 --call asg --output "$T/asg.json"
check "import it" 0 "$CLI" --store "$A" import "$T/asg.json"
check "assign --help" 0 "$CLI" assign --help
expect "assign --help shows --per-project" "$T/out" "--per-project"
check "assign without --per-project" 2 "$CLI" --store "$A" assign --call asg
check "assign with --per-project 0" 2 "$CLI" --store "$A" assign --call asg --per-project 0
check "assign an unknown call" 1 "$CLI" --store "$A" assign --call nope --per-project 2
check "assign --dry-run --json" 0 "$CLI" --store "$A" assign --call asg --per-project 3 --dry-run --json
cp "$T/out" "$T/asg-1.json"
expect "the assignment is keyed by project id" "$T/asg-1.json" '"project:asg:p000001" : ['
# 40 projects × 3 = 120 = 6 × 20: every load is 20.
if [ "$(grep -c '"evaluator-0[1-6]" : 20' "$T/asg-1.json")" = 6 ]; then
  pass "the loads are balanced"
else
  fail "the loads are not 20 each" "$T/asg-1.json"
fi
check "assign --dry-run --json again" 0 "$CLI" --store "$A" assign --call asg --per-project 3 --dry-run --json
if cmp -s "$T/out" "$T/asg-1.json"; then pass "the same input, the same assignment"; else fail "another assignment"; fi
check "assign more than there are evaluators" 1 "$CLI" --store "$A" assign --call asg --per-project 7
expect "the reason names a project" "$T/err" "Project p000001 has only"
check "assign with too small a --max-load" 1 "$CLI" --store "$A" assign --call asg --per-project 3 --max-load 19
expect "the reason is the capacity" "$T/err" "can take 114 assignments at most"
check "assign" 0 "$CLI" --store "$A" assign --call asg --per-project 3
expect "the report gives the loads" "$T/out" "evaluator-06             20"
check "export after assign" 0 "$CLI" --store "$A" export --format json --output "$T/asg-export.json"
if python3 -c 'import json, sys
d = json.load (open (sys.argv[1]))
a = json.load (open (sys.argv[2]))["assignment"]
p = {x["_id"]: x["assigned"] for x in d["projects"]}
sys.exit (0 if p == a else 1)' "$T/asg-export.json" "$T/asg-1.json"; then
  pass "the export carries the stored assignment"
else
  fail "the export's assigned differ from the assignment"
fi

B="$T/assign-rules.db"
cat >"$T/assign-rules.json" <<'EOF'
[
{"_id": "call:ar", "type": "call", "schema": 1, "title": {"en": "Assign"},
 "rubric": "rubric:default:1", "deadline": "2099-12-31T17:00:00Z",
 "evaluators": ["a1", "a2", "a3", "a4"],
 "evaluator_profiles": {
   "a1": {"organisation": "มูลนิธิ ก", "domains": ["health"]},
   "a2": {"organisation": "Org B", "domains": ["environment"]},
   "a3": {"domains": ["health", "environment"]},
   "a4": {"domains": ["government-education"], "max_load": 1}}},
{"_id": "project:ar:q1", "type": "project", "schema": 1, "call": "ar", "code": "q1",
 "title": {"en": "One"}, "organisation": " มูลนิธิ ก ", "province": "TH-50", "domains": ["health"]},
{"_id": "project:ar:q2", "type": "project", "schema": 1, "call": "ar", "code": "q2",
 "title": {"en": "Two"}, "organisation": "Org", "province": "TH-50", "domains": ["environment"],
 "partners": [{"name": "ORG B", "sector": "private"}]},
{"_id": "project:ar:q3", "type": "project", "schema": 1, "call": "ar", "code": "q3",
 "title": {"en": "Three"}, "organisation": "Org", "province": "TH-50", "domains": ["health"],
 "assigned": ["a3"]},
{"_id": "project:ar:q4", "type": "project", "schema": 1, "call": "ar", "code": "q4",
 "title": {"en": "Four"}, "organisation": "Org", "province": "TH-50", "domains": ["government-education"]}
]
EOF
check "import the assign rules call" 0 "$CLI" --store "$B" import "$T/assign-rules.json"
check "a3 declares a conflict on q3" 0 "$CLI" --store "$B" evaluate project:ar:q3 --evaluator a3 --conflict-of-interest "My sister"
check "assign one each" 0 "$CLI" --store "$B" assign --call ar --per-project 1 --json
# q1: not a1 (same organisation); q2: not a2 (a partner); q3: not a3
# (conflict); one project each (balance); the most matched domains:
# a3 on q2, a1 on q3, a4 on q4, which leaves a2 for q1.
for pair in q1=a2 q2=a3 q3=a1 q4=a4; do
  if python3 -c 'import json, sys
p, e = sys.argv[1].split ("=")
sys.exit (0 if json.load (open (sys.argv[2]))["assignment"]["project:ar:" + p] == [e] else 1)' "$pair" "$T/out"; then
    pass "assigned $pair"
  else
    fail "not assigned $pair" "$T/out"
  fi
done
check "assign four each cannot keep the rules" 1 "$CLI" --store "$B" assign --call ar --per-project 4
expect "the reason names q1" "$T/err" "Project q1 has only 3 evaluators"

# stats and export --weight-confidence (issue 18): each evaluation weighs its
# evaluator's confidence (low 1, medium 2, high 3) in its project's mean.
# Composites 100 (low) and 40 (high) for wa: 70 plain, 55 weighted;
# 50 (high) and 80 (low) for wb: 65 plain, 57.5 weighted; the order flips.
W="$T/weight.db"
weight_evaluation () { # code evaluator domains helix merit confidence
  local scores="" key i level
  i=0
  for key in domains.environment domains.food-water-energy domains.government-education \
             domains.finance-welfare domains.sustainable-agriculture domains.urbanization \
             domains.health domains.tourism-culture domains.disaster-management \
             helix.government helix.academia helix.private helix.civil-society helix.environment \
             merit.innovation merit.impact merit.feasibility merit.sustainability merit.participation; do
    if [ $i -lt 9 ]; then level=$3; elif [ $i -lt 14 ]; then level=$4; else level=$5; fi
    scores="$scores${scores:+,}\"$key\":$level"
    i=$((i + 1))
  done
  printf ',{"_id":"evaluation:cw:%s:%s","type":"evaluation","schema":1,"project":"project:cw:%s","evaluator":"%s","rubric":"rubric:default:1","scores":{%s},"comments":{},"overall_comment":"","recommendation":"fund","conflict_of_interest":{"declared":false},"status":"submitted","updated":"2026-08-01T10:00:00Z","confidence":%s}' \
    "$1" "$2" "$1" "$2" "$scores" "$6"
}
weight_project () { # code
  printf ',{"_id":"project:cw:%s","type":"project","schema":1,"call":"cw","code":"%s","title":{"en":"Project %s"},"summary":{"en":"Summary"},"organisation":"Org","province":"TH-50","reach":"community","domains":["health"],"partners":[],"budget_thb":100000,"duration_months":12,"submitted":"2026-03-01T09:00:00Z","assigned":["wx","wy"]}' "$1" "$1" "$1"
}
{
  printf '{"docs":[{"_id":"call:cw","type":"call","schema":1,"title":{"en":"Weights"},"year_be":2569,"rubric":"rubric:default:1","deadline":"2026-12-31T17:00:00Z","evaluators":["wx","wy"]}'
  weight_project wa
  weight_project wb
  weight_evaluation wa wx 4 4 5 1
  weight_evaluation wa wy 1 1 3 3
  weight_evaluation wb wx 2 2 3 3
  weight_evaluation wb wy 2 2 5 1
  printf ']}\n'
} >"$T/weight.json"
check "import the weights' call" 0 "$CLI" --store "$W" import "$T/weight.json"
check "stats --json unweighted" 0 "$CLI" --store "$W" stats --json --call cw
expect "unweighted: wa first at 70" "$T/out" '"weight_confidence": false, "ranking": [{"project": "project:cw:wa", "rank": 1, "tied": false, "mean": 70, "n": 2}, {"project": "project:cw:wb", "rank": 2, "tied": false, "mean": 65, "n": 2}]'
check "stats --json --weight-confidence" 0 "$CLI" --store "$W" stats --json --call cw --weight-confidence
expect "weighted: wb first at 57.5" "$T/out" '"weight_confidence": true, "ranking": [{"project": "project:cw:wb", "rank": 1, "tied": false, "mean": 57.5, "n": 2}, {"project": "project:cw:wa", "rank": 2, "tied": false, "mean": 55, "n": 2}]'
check "stats --weight-confidence" 0 "$CLI" --store "$W" stats --call cw --weight-confidence
expect "the plain output says it is weighted" "$T/out" "each evaluation weighted by its evaluator’s confidence"
expect "and ranks wb first" "$T/out" "1. project:cw:wb: 57.5 (2 evaluations)"
check "export json --weight-confidence" 0 "$CLI" --store "$W" export --format json --call cw --weight-confidence --output "$T/weight-out.json"
expect "the portfolio says it is weighted" "$T/weight-out.json" '"weight_confidence":true'
expect "and its mean is weighted" "$T/weight-out.json" '"composite_mean":57.5'
check "export csv" 0 "$CLI" --store "$W" export --format csv --call cw --output "$T/weight.csv"
expect "each evaluation's confidence" "$T/weight.csv" ",wy,submitted,fund,3,false,,"
if command -v pdftotext >/dev/null; then
  check "export pdf --weight-confidence" 0 "$CLI" --store "$W" export --format pdf --call cw --lang en --weight-confidence --output "$T/weight.pdf"
  pdftotext -raw -enc UTF-8 "$T/weight.pdf" - | tr '\n' ' ' >"$T/weight.txt"
  expect "the pdf says it is weighted" "$T/weight.txt" "weighted by its evaluator's confidence"
  check "export pdf unweighted" 0 "$CLI" --store "$W" export --format pdf --call cw --lang en --output "$T/plain.pdf"
  pdftotext -raw -enc UTF-8 "$T/plain.pdf" - | tr '\n' ' ' >"$T/plain.txt"
  if grep -q "weighted by its evaluator" "$T/plain.txt"; then fail "an unweighted pdf says it is weighted"; else pass "an unweighted pdf says nothing of weights"; fi
fi

# recuse (issue 18): a coordinator takes an evaluator off a project for a
# typed conflict of interest; assign keeps them off it.
check "recuse without --type" 2 "$CLI" --store "$W" recuse --call cw --project wa --evaluator wx
check "recuse with an unknown type" 2 "$CLI" --store "$W" recuse --call cw --project wa --evaluator wx --type rival
check "recuse someone not in the call" 1 "$CLI" --store "$W" recuse --call cw --project wa --evaluator nobody --type personal
expect "says who is not in the call" "$T/err" "nobody is not one of the evaluators of call:cw"
check "recuse an unknown project" 1 "$CLI" --store "$W" recuse --call cw --project zz --evaluator wx --type personal
check "recuse wx from wa" 0 "$CLI" --store "$W" recuse --call cw --project wa --evaluator wx --type personal
check "recuse again, another type" 0 "$CLI" --store "$W" recuse --call cw --project wa --evaluator wx --type financial --note "board member"
expect "says so" "$T/out" "project:cw:wa: wx recused (financial)"
check "export json after the recusal" 0 "$CLI" --store "$W" export --format json --call cw --output "$T/recused.json"
expect "wx is no longer assigned to wa" "$T/recused.json" '"code":"wa","title":{"en":"Project wa"},"domains":["health"],"province":"TH-50","reach":"community","budget_thb":100000,"assigned":["wy"]'
expect "the recusal is recorded with its type" "$T/recused.json" '"recusals":[{"evaluator":"wx","type":"financial","note":"board member"}]'
check "assign after the recusal" 0 "$CLI" --store "$W" assign --call cw --per-project 1 --json
tr -d ' \n' <"$T/out" >"$T/assign-recused.json"
expect "assign keeps wx off wa" "$T/assign-recused.json" '"project:cw:wa":["wy"]'

harness_finish
