#!/bin/bash
# test-sync-server.sh: nawat-cli sync against a real PouchDB Server, or a
# real Apache CouchDB with --couchdb.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails (never skips) when Node.js or the server's npm packages are missing;
# the CouchDB run is skipped, saying why, where CouchDB is not built (except
# under CI=true, where it fails).

set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
SRC=${NAWAT_SOURCE_ROOT:?NAWAT_SOURCE_ROOT must point to the source tree}
SERVER_SCRIPT=$SRC/tests/server/nawat-test-server

if ! command -v node >/dev/null 2>&1; then
  echo "Bail out! node is not installed: run build-aux/install-deps"
  exit 1
fi
if [ ! -f "$SRC/tests/server/node_modules/pouchdb-server/package.json" ]; then
  echo "Bail out! $SRC/tests/server/node_modules is missing: run build-aux/install-deps"
  exit 1
fi
if ! command -v curl >/dev/null 2>&1; then
  echo "Bail out! curl is not installed: run build-aux/install-deps"
  exit 1
fi
# PouchDB Server lets anonymous clients read members-only databases: publish
# refuses it unless told so.
SERVER_ARGS=()
INSECURE=(--insecure-server)
if [ "${1:-}" = --couchdb ]; then
  "$SERVER_SCRIPT" require couchdb
  case $? in
    0) ;;
    77) exit 0 ;;
    *) exit 1 ;;
  esac
  # Found before HOME changes below.
  NAWAT_COUCHDB=${NAWAT_COUCHDB:-${XDG_CACHE_HOME:-$HOME/.cache}/nawat-couchdb/3.4.3/rel/couchdb}
  export NAWAT_COUCHDB
  SERVER_ARGS=(--couchdb)
  INSECURE=()
fi

harness_start

# Run by the harness on exit, before it removes $T.
cleanup () {
  "$SERVER_SCRIPT" stop "$T/server" >/dev/null 2>&1 || true
}

URL=$("$SERVER_SCRIPT" start "$T/server" "${SERVER_ARGS[@]}") || {
  echo "Bail out! the server did not start"
  exit 1
}
CALL=si-2569
CALL_DB=nawat-$CALL
hex () { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
SOMCHAI_DB=nawat-$CALL-e-$(hex somchai)
MALEE_DB=nawat-$CALL-e-$(hex malee)

# curl_as USER METHOD PATH [BODY]: prints the body, then the status on its own line.
curl_as () {
  local user=$1 method=$2 path=$3
  shift 3
  curl -sS --max-time 10 -u "$user:$user-pw" -H 'Content-Type: application/json' \
    -X "$method" -w '\n%{http_code}\n' "$URL$path" "$@"
}

status_of () { tail -n 1; }
body_of () { sed '$d'; }

# The coordinator imports the demo call (without its evaluations) and a
# server admin publishes it: databases, security objects, design documents.
# Its deadline is moved far ahead, so that the round stays open whatever
# the date the tests run on (the server refuses writes after it).
node -e '
  const d = JSON.parse (require ("fs").readFileSync (process.argv[1], "utf8"));
  const docs = d.docs.filter (x => x.type !== "evaluation");
  docs.filter (x => x.type === "call").forEach (x => x.deadline = "2099-12-31T17:00:00Z");
  process.stdout.write (JSON.stringify ({ docs }));' \
  "$SRC/resources/demo/demo.json" >"$T/call.json"
N_PROJECTS=$(node -e '
  const d = JSON.parse (require ("fs").readFileSync (process.argv[1], "utf8"));
  console.log (d.docs.filter (x => x.type === "project").length);' "$SRC/resources/demo/demo.json")
check "the coordinator imports the call" 0 "$CLI" --store "$T/c0.db" import "$T/call.json"
publish () {
  printf 'admin-pw\n' | "$CLI" --store "$T/c0.db" publish --server "$URL" --call $CALL \
    --user admin --password-stdin "${INSECURE[@]}"
}
check "the call is published" 0 publish

sync_as () {
  local store=$1 user=$2
  printf '%s-pw\n' "$user" | "$CLI" --store "$T/$store.db" sync --server "$URL" --call $CALL \
    --user "$user" --password-stdin
}
stat_of () {
  "$CLI" --store "$T/$1.db" stats | sed -n "s/^$2: //p"
}
evaluate () {
  local store=$1 user=$2 project=$3
  shift 3
  "$CLI" --store "$T/$store.db" evaluate "project:$CALL:$project" --evaluator "$user" "$@"
}
server_score () {
  curl_as "$1" GET "/$2/$3" | body_of | node -e '
    let s = ""; process.stdin.on ("data", c => s += c).on ("end", () =>
      console.log (JSON.parse (s).scores[process.argv[1]]));' "$4"
}

# Two evaluators score offline, then sync.
check "somchai pulls the call" 0 sync_as s1 somchai
grep -q "^Sync: " "$T/out" && pass "a summary line" || fail "a summary line"
[ "$(stat_of s1 Projects)" = "$N_PROJECTS" ] && pass "somchai has the projects" || fail "somchai has the projects"
check "malee pulls the call" 0 sync_as m1 malee
check "somchai scores offline" 0 evaluate s1 somchai p001 --set merit.innovation=4 --set merit.impact=3
check "malee scores offline" 0 evaluate m1 malee p001 --set merit.innovation=2
check "somchai pushes" 0 sync_as s1 somchai
check "malee pushes" 0 sync_as m1 malee
check "the coordinator pulls" 0 sync_as c1 coordinator
[ "$(stat_of c1 Evaluations)" = 2 ] && pass "the coordinator has both evaluations" \
  || fail "the coordinator has both evaluations"
[ "$(stat_of s1 Evaluations)" = 1 ] && pass "somchai has only his own" || fail "somchai has only his own"
st=$(curl_as somchai GET "/$MALEE_DB/_all_docs?include_docs=true" | status_of)
if [ "$st" = 401 ] || [ "$st" = 403 ]; then pass "somchai cannot read malee's evaluations"
else fail "somchai cannot read malee's evaluations (HTTP $st)"; fi
st=$(curl_as malee GET "/$SOMCHAI_DB/evaluation:$CALL:p001:somchai" | status_of)
if [ "$st" = 401 ] || [ "$st" = 403 ]; then pass "malee cannot read somchai's evaluation"
else fail "malee cannot read somchai's evaluation (HTTP $st)"; fi
[ "$(server_score somchai "$SOMCHAI_DB" "evaluation:$CALL:p001:somchai" merit.innovation)" = 4 ] \
  && pass "the server holds somchai's score" || fail "the server holds somchai's score"

# The same evaluator on a second desktop.
EVAL=evaluation:$CALL:p001:somchai
check "somchai's second desktop pulls" 0 sync_as s2 somchai
[ "$(stat_of s2 Evaluations)" = 1 ] && pass "the second desktop has the evaluation" \
  || fail "the second desktop has the evaluation"
check "desktop 1 edits impact" 0 evaluate s1 somchai p001 --set merit.impact=5
check "desktop 2 edits feasibility" 0 evaluate s2 somchai p001 --set merit.feasibility=2
check "desktop 1 syncs" 0 sync_as s1 somchai
check "desktop 2 syncs: different criteria merge" 0 sync_as s2 somchai
grep -q "merged 1" "$T/out" && pass "the summary counts the merge" || fail "the summary counts the merge"
[ "$(server_score somchai "$SOMCHAI_DB" "$EVAL" merit.impact)" = 5 ] \
  && [ "$(server_score somchai "$SOMCHAI_DB" "$EVAL" merit.feasibility)" = 2 ] \
  && pass "the server has both edits" || fail "the server has both edits"
check "conflicts: none" 0 "$CLI" --store "$T/s2.db" conflicts
grep -q "^No conflicts" "$T/out" && pass "no conflict listed" || fail "no conflict listed"

check "desktop 1 sets innovation to 1" 0 evaluate s1 somchai p001 --set merit.innovation=1
check "desktop 2 sets innovation to 5" 0 evaluate s2 somchai p001 --set merit.innovation=5
check "desktop 1 syncs" 0 sync_as s1 somchai
check "desktop 2 syncs: a conflict is left" 1 sync_as s2 somchai
grep -q "conflicts 1" "$T/out" && pass "the summary counts one conflict" || fail "the summary counts one conflict"
check "conflicts lists it" 0 "$CLI" --store "$T/s2.db" conflicts
[ "$(grep -c ': mine ' "$T/out")" = 1 ] && grep -q "scores.merit.innovation: mine 5, server 1" "$T/out" \
  && pass "exactly one conflict, both values kept" || fail "exactly one conflict, both values kept"
[ "$(server_score somchai "$SOMCHAI_DB" "$EVAL" merit.innovation)" = 1 ] \
  && pass "nothing overwritten on the server" || fail "nothing overwritten on the server"
check "resolve needs --keep" 2 "$CLI" --store "$T/s2.db" resolve "$EVAL"
check "resolve keeping mine" 0 "$CLI" --store "$T/s2.db" resolve "$EVAL" --keep mine
check "desktop 2 pushes the resolution" 0 sync_as s2 somchai
[ "$(server_score somchai "$SOMCHAI_DB" "$EVAL" merit.innovation)" = 5 ] \
  && [ "$(server_score somchai "$SOMCHAI_DB" "$EVAL" merit.impact)" = 5 ] \
  && pass "the server has the resolved value" || fail "the server has the resolved value"
check "desktop 1 follows" 0 sync_as s1 somchai
check "desktop 1 has no conflict" 0 "$CLI" --store "$T/s1.db" conflicts
grep -q "^No conflicts" "$T/out" && pass "desktop 1 clean" || fail "desktop 1 clean"

# A coordinator edits and deletes projects; the evaluators follow.
P2=$(curl_as coordinator GET "/$CALL_DB/project:$CALL:p002" | body_of)
P2=$(printf '%s' "$P2" | node -e '
  let s = ""; process.stdin.on ("data", c => s += c).on ("end", () => {
    const d = JSON.parse (s); d.title.en = "Renamed by the coordinator";
    process.stdout.write (JSON.stringify (d)); });')
[ "$(curl_as coordinator PUT "/$CALL_DB/project:$CALL:p002" -d "$P2" | status_of)" = 201 ] \
  && pass "the coordinator renames a project" || fail "the coordinator renames a project"
REV=$(curl_as coordinator GET "/$CALL_DB/project:$CALL:p003" | body_of | node -e '
  let s = ""; process.stdin.on ("data", c => s += c).on ("end", () => console.log (JSON.parse (s)._rev));')
[ "$(curl_as coordinator DELETE "/$CALL_DB/project:$CALL:p003?rev=$REV" | status_of)" = 200 ] \
  && pass "the coordinator deletes a project" || fail "the coordinator deletes a project"
st=$(curl_as somchai PUT "/$CALL_DB/project:$CALL:p999" -d '{"type":"project"}' | status_of)
[ "$st" = 403 ] && pass "an evaluator cannot write a project" || fail "an evaluator cannot write a project (HTTP $st)"
check "somchai syncs" 0 sync_as s1 somchai
check "malee syncs" 0 sync_as m1 malee
for s in s1 m1; do
  [ "$(stat_of $s Projects)" = $((N_PROJECTS - 1)) ] && pass "$s lost the deleted project" \
    || fail "$s lost the deleted project"
  "$CLI" --store "$T/$s.db" export --format json --call $CALL --output "$T/$s.json" >/dev/null 2>&1
  grep -q "Renamed by the coordinator" "$T/$s.json" && pass "$s has the new title" \
    || fail "$s has the new title"
done

# A refused write stays in the outbox with the server's reason.
check "malee scores p005" 0 evaluate m1 malee p005 --set merit.innovation=5
curl_as admin PUT "/$MALEE_DB/_design/block" \
  -d '{"validate_doc_update":"function (d) { if (d._id.indexOf(\"p005\") >= 0) throw ({forbidden: \"Closed for p005.\"}); }"}' >/dev/null
check "the refused edit makes sync exit 1" 1 sync_as m1 malee
grep -q "Closed for p005." "$T/err" && pass "the server's reason is shown" || fail "the server's reason is shown"
[ "$(stat_of m1 'Pending push')" = 1 ] && pass "the edit stays in the outbox" || fail "the edit stays in the outbox"

# Defence in depth (issue 15): documents an admin plants on the server,
# past what validate_doc_update lets an evaluator write (as a replication
# would), are quarantined with the reason by the evaluator's and the
# coordinator's pulls, and reported; never applied.
drop_design () {
  local db=$1 name=$2 rev
  rev=$(curl_as admin GET "/$db/_design/$name" | body_of | node -e '
    let s = ""; process.stdin.on ("data", c => s += c).on ("end", () =>
      console.log (JSON.parse (s)._rev || ""));')
  [ -z "$rev" ] || curl_as admin DELETE "/$db/_design/$name?rev=$rev" >/dev/null
}
# plant DB CODE USER UPDATED SCORE: a draft evaluation with one score.
plant () {
  local db=$1 code=$2 user=$3 updated=$4 score=$5
  curl_as admin PUT "/$db/evaluation:$CALL:$code:$user" -d "{\"type\":\"evaluation\",\"schema\":1,
    \"project\":\"project:$CALL:$code\",\"evaluator\":\"$user\",\"rubric\":\"rubric:default:1\",
    \"scores\":{\"merit.innovation\":$score},\"comments\":{},\"overall_comment\":\"planted\",
    \"recommendation\":null,\"conflict_of_interest\":{\"declared\":false,\"note\":\"\"},
    \"status\":\"draft\",\"updated\":\"$updated\"}" | status_of
}
drop_design "$MALEE_DB" nawat
drop_design "$MALEE_DB" block
drop_design "$CALL_DB" nawat
planted=1
for spec in "$MALEE_DB p001 somchai 2026-01-01T00:00:00Z 1" \
            "$MALEE_DB p002 malee 2026-01-01T00:00:00Z 1" \
            "$MALEE_DB p007 malee 2100-01-01T00:00:00Z 1" \
            "$CALL_DB p004 malee 2026-01-01T00:00:00Z 1" \
            "$MALEE_DB p003 malee 2026-01-01T00:00:00Z 9" \
            "$MALEE_DB p010 malee 2026-01-01T00:00:00Z 1"; do
  st=$(plant $spec)
  [ "$st" = 201 ] || { planted=0; echo "# planting $spec: HTTP $st"; }
done
[ $planted = 1 ] && pass "the admin plants six evaluations" || fail "the admin plants six evaluations"
check "the call's design is published again" 0 publish
check "malee's fresh desktop pulls: the planted ones are refused" 1 sync_as m2 malee
grep -q "quarantined 5" "$T/out" && pass "the summary counts five quarantined" \
  || fail "the summary counts five quarantined"
grep -q "evaluation:$CALL:p001:somchai: Not applied, kept in quarantine: An evaluation by somchai was found in the database of malee" "$T/err" \
  && pass "someone else's evaluation in malee's database is reported" \
  || fail "someone else's evaluation in malee's database is reported"
grep -q "evaluation:$CALL:p002:malee: .*Project “p002” is not assigned to malee" "$T/err" \
  && pass "an unassigned evaluation is reported" || fail "an unassigned evaluation is reported"
grep -q "evaluation:$CALL:p007:malee: .*after malee’s deadline" "$T/err" \
  && pass "an evaluation dated after the deadline is reported" \
  || fail "an evaluation dated after the deadline is reported"
grep -q "evaluation:$CALL:p004:malee: .*no place in the call’s database" "$T/err" \
  && pass "an evaluation in the call's database is reported" \
  || fail "an evaluation in the call's database is reported"
grep -q "evaluation:$CALL:p003:malee: .*merit.innovation" "$T/err" \
  && pass "a score outside the rubric is reported" || fail "a score outside the rubric is reported"
# malee's own p001, pushed earlier, and the valid planted p010.
[ "$(stat_of m2 Evaluations)" = 2 ] && pass "only the valid ones are applied" \
  || fail "only the valid ones are applied ($(stat_of m2 Evaluations))"
check "quarantine lists them" 0 "$CLI" --store "$T/m2.db" quarantine
[ "$(wc -l <"$T/out")" = 5 ] && grep -q "p001:somchai: .*database of malee" "$T/out" \
  && grep -q "p002:malee: .*not assigned" "$T/out" && grep -q "p007:malee: .*deadline" "$T/out" \
  && grep -q "p004:malee: .*call’s database" "$T/out" && grep -q "p003:malee: .*merit.innovation" "$T/out" \
  && pass "the store's quarantine holds the five with their reasons" \
  || fail "the store's quarantine holds the five with their reasons"
check "a later sync has nothing new to refuse" 0 sync_as m2 malee
check "quarantine still lists them" 0 "$CLI" --store "$T/m2.db" quarantine
[ "$(wc -l <"$T/out")" = 5 ] && pass "nothing dropped from the quarantine" \
  || fail "nothing dropped from the quarantine"
check "the coordinator's pull refuses them too" 1 sync_as c2 coordinator
grep -q "quarantined 5" "$T/out" && pass "the coordinator's summary counts five quarantined" \
  || fail "the coordinator's summary counts five quarantined"
grep -q "p001:somchai: .*database of malee" "$T/err" && grep -q "p002:malee: .*not assigned" "$T/err" \
  && pass "the coordinator is told why" || fail "the coordinator is told why"

# A server's answer is read strictly, document by document: an id that a
# NUL would cut short to p001's, an integer beyond ±2^53 (exact on CouchDB,
# rounded on PouchDB) are quarantined, never stored (issue 15).
drop_design "$CALL_DB" nawat
plant_project () {
  local id=$1 budget=$2
  curl_as admin GET "/$CALL_DB/project:$CALL:p001" | body_of | node -e '
    let s = ""; process.stdin.on ("data", c => s += c).on ("end", () => {
      const d = JSON.parse (s);
      delete d._rev;
      d._id = JSON.parse (process.argv[1]);
      d.title = { th: "ปลอม", en: "Planted" };
      process.stdout.write (JSON.stringify (d).replace ("\"budget_thb\":" + d.budget_thb,
                                                        "\"budget_thb\":" + process.argv[2]));
    });' "$id" "$budget" >"$T/planted.json"
  curl_as admin POST "/$CALL_DB" -d @"$T/planted.json" | status_of
}
strict_planted=0
plant_strict () {
  local st
  st=$(plant_project "$1" "$2")
  if [ "$st" = 201 ]; then
    strict_planted=$((strict_planted + 1))
  else
    echo "# the server refuses to store $1 (HTTP $st)"
  fi
}
plant_strict '"project:si-2569:p001\u0000"' 1
plant_strict '"project:si-2569:p301"' -18446744073709551613
[ $strict_planted -ge 1 ] && pass "the admin plants documents json-glib would misread" \
  || fail "the admin plants documents json-glib would misread"
check "a fresh desktop pulls them" 1 sync_as m3 malee
grep -q "quarantined $((5 + strict_planted))" "$T/out" \
  && pass "they are quarantined with the others" || fail "they are quarantined with the others"
grep -q "at byte" "$T/err" && pass "the reason names the byte" || fail "the reason names the byte"
check "search for the planted title" 0 "$CLI" --store "$T/m3.db" search Planted
grep -q "p001" "$T/out" && fail "p001 is not overwritten" || pass "p001 is not overwritten"
[ "$(stat_of m3 Projects)" = "$N_PROJECTS" ] && pass "no planted project is stored" \
  || fail "no planted project is stored ($(stat_of m3 Projects))"

# Wrong password and unreachable server.
badsync () { printf 'wrong\n' | "$CLI" --store "$T/s1.db" sync --server "$URL" --call $CALL --user somchai --password-stdin; }
check "a wrong password exits 1" 1 badsync
grep -q "wrong" "$T/err" "$T/out" && fail "the password is not shown" || pass "the password is not shown"
check "http to a remote host is refused" 2 "$CLI" --store "$T/s1.db" sync --server http://example.org --call $CALL --user somchai --password-stdin

harness_finish
