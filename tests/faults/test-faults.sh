#!/bin/bash
# test-faults.sh: nawat-cli sync through a fault-injecting proxy, and sync
# killed part-way, against a real PouchDB Server.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails (never skips) when Node.js, python3 or the server's npm packages are
# missing.  Knobs: NAWAT_FAULT_SEED (default 2569), NAWAT_FAULT_RATE (0.7),
# NAWAT_FAULT_LONG_STALL (seconds of the stall beyond the client's 60 s
# timeout; 65), NAWAT_FAULT_ROUNDS (30).

set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../cli-harness.sh"
SRC=${NAWAT_SOURCE_ROOT:?NAWAT_SOURCE_ROOT must point to the source tree}
SERVER_SCRIPT=$SRC/tests/server/nawat-test-server
HERE=$SRC/tests/faults
SEED=${NAWAT_FAULT_SEED:-2569}
RATE=${NAWAT_FAULT_RATE:-0.7}
LONG_STALL=${NAWAT_FAULT_LONG_STALL:-65}
MAX_ROUNDS=${NAWAT_FAULT_ROUNDS:-30}

for tool in node python3 curl; do
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
PROXY_PID=
SYNC_PID=

# Run by the harness on exit, before it removes $T.
cleanup () {
  [ -n "$SYNC_PID" ] && kill -KILL "$SYNC_PID" 2>/dev/null
  [ -n "$PROXY_PID" ] && kill -TERM "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null
  "$SERVER_SCRIPT" stop "$T/server" >/dev/null 2>&1 || true
}

URL=$("$SERVER_SCRIPT" start "$T/server") || {
  echo "Bail out! the PouchDB Server did not start"
  exit 1
}
CALL=si-2569
check_store () { python3 "$HERE/store-check.py" "$@"; }

# Set-up talks to the server directly: the coordinator imports the demo call
# (without its evaluations, its deadline moved far ahead so that the round
# stays open whatever the date) and a server admin publishes it.
python3 -c '
import json, sys
d = json.load (open (sys.argv[1], encoding="utf-8"))
docs = [x for x in d["docs"] if x["type"] != "evaluation"]
for x in docs:
    if x["type"] == "call":
        x["deadline"] = "2099-12-31T17:00:00Z"
json.dump ({"docs": docs}, open (sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)' \
  "$SRC/resources/demo/demo.json" "$T/call.json"
check "the coordinator imports the call" 0 "$CLI" --store "$T/c0.db" import "$T/call.json"
# PouchDB Server fails publish's probe of its security: tests only.
publish () {
  printf 'admin-pw\n' | "$CLI" --store "$T/$1.db" publish --server "$URL" --call "$2" \
    --user admin --password-stdin --insecure-server
}
check "the call is published" 0 publish c0 $CALL

# The proxy.
python3 "$HERE/fault-proxy.py" --upstream "$URL" --seed "$SEED" --rate "$RATE" \
  --stall 2 --long-stall "$LONG_STALL" --max-long-stalls 1 \
  --stats "$T/proxy-stats.json" --log "$T/proxy.log" >"$T/proxy-url" 2>"$T/proxy-err" &
PROXY_PID=$!
for ((i = 0; i < 100; i++)); do
  [ -s "$T/proxy-url" ] && break
  sleep 0.1
done
PROXY=$(head -n 1 "$T/proxy-url")
if [ -z "$PROXY" ]; then
  cat "$T/proxy-err"
  echo "Bail out! the fault proxy did not start"
  exit 1
fi

: >"$T/seen-err"
: >"$T/seen-out"
ROUNDS_TOTAL=0
FAILED_ROUNDS=0

# rounds WHAT STORE USER: syncs through the proxy until the CLI exits 0, at
# most MAX_ROUNDS times; every line the user saw is kept for later.
rounds () {
  local what=$1 store=$2 user=$3 i status
  for ((i = 1; i <= MAX_ROUNDS; i++)); do
    status=0
    printf '%s-pw\n' "$user" | "$CLI" --store "$T/$store.db" sync --server "$PROXY" \
      --call $CALL --user "$user" --password-stdin >"$T/out" 2>"$T/err" || status=$?
    cat "$T/err" >>"$T/seen-err"
    cat "$T/out" >>"$T/seen-out"
    ROUNDS_TOTAL=$((ROUNDS_TOTAL + 1))
    if [ "$status" -eq 0 ]; then
      pass "$what: converged in $i round(s)"
      return 0
    fi
    FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
    if [ "$status" -ne 1 ]; then
      echo "# exit status $status"
      fail "$what: a round exits 0 or 1"
      return 1
    fi
  done
  fail "$what: did not converge in $MAX_ROUNDS rounds"
  return 1
}

evaluate () {
  local store=$1 user=$2 project=$3
  shift 3
  "$CLI" --store "$T/$store.db" evaluate "project:$CALL:$project" --evaluator "$user" "$@"
}

# 1. somchai pulls the call through the proxy.
rounds "somchai pulls the call through the faults" s1 somchai
check "somchai's store agrees with the server" 0 check_store agree "$T/s1.db" "$URL" $CALL somchai

# 2. Offline edits, pushed through the proxy: one version each.
FIRST="p001 p002 p003 p004 p005 p006 p007 p009 p010"
SECOND="p002 p005 p009"
ok=1
v=1
for p in $FIRST; do
  evaluate s1 somchai $p --set merit.innovation=$v --set merit.impact=3 \
    --comment "merit.impact=ข้อคิดเห็น $p" >/dev/null 2>"$T/err" || ok=0
  # A second edit before the sync: still one version on the server.
  evaluate s1 somchai $p --set merit.feasibility=2 >/dev/null 2>>"$T/err" || ok=0
  v=$((v % 5 + 1))
done
[ $ok = 1 ] && pass "somchai scores offline" || fail "somchai scores offline"
rounds "somchai pushes through the faults" s1 somchai
check "after the push the store agrees with the server" 0 check_store agree "$T/s1.db" "$URL" $CALL somchai

# 3. The coordinator changes the call on the server; somchai edits again.
P10=$(curl -sS --max-time 10 -u coordinator:coordinator-pw "$URL/nawat-$CALL/project:$CALL:p011" \
  | python3 -c 'import json, sys; d = json.load (sys.stdin); d["title"]["en"] = "Renamed during the faults"; print (json.dumps (d))')
st=$(curl -sS --max-time 10 -u coordinator:coordinator-pw -H 'Content-Type: application/json' \
  -o /dev/null -w '%{http_code}' -X PUT "$URL/nawat-$CALL/project:$CALL:p011" -d "$P10")
[ "$st" = 201 ] && pass "the coordinator renames a project" || fail "the coordinator renames a project (HTTP $st)"
REV=$(curl -sS --max-time 10 -u coordinator:coordinator-pw "$URL/nawat-$CALL/project:$CALL:p040" \
  | python3 -c 'import json, sys; print (json.load (sys.stdin)["_rev"])')
st=$(curl -sS --max-time 10 -u coordinator:coordinator-pw -o /dev/null -w '%{http_code}' \
  -X DELETE "$URL/nawat-$CALL/project:$CALL:p040?rev=$REV")
[ "$st" = 200 ] && pass "the coordinator deletes a project" || fail "the coordinator deletes a project (HTTP $st)"
declare -A GEN
for p in $FIRST; do GEN[$p]=1; done
# Several cycles of offline edits, each synced through the faults.
CYCLES=("$SECOND" "p001 p010" "p003 p004 p005 p006" "p002 p007 p009" "p001 p002 p003 p004 p005 p006 p007 p009 p010")
for c in "${!CYCLES[@]}"; do
  ok=1
  for p in ${CYCLES[$c]}; do
    evaluate s1 somchai $p --set merit.sustainability=$((c % 5 + 1)) \
      --overall-comment "รอบที่ $((c + 2))" >/dev/null 2>"$T/err" || ok=0
    GEN[$p]=$((GEN[$p] + 1))
  done
  [ $ok = 1 ] && pass "cycle $((c + 1)): somchai edits again offline" \
    || fail "cycle $((c + 1)): somchai edits again offline"
  rounds "cycle $((c + 1)): somchai syncs through the faults" s1 somchai
done
check "the store agrees exactly with the server" 0 check_store agree "$T/s1.db" "$URL" $CALL somchai
python3 -c 'import sqlite3, sys; print (sqlite3.connect (sys.argv[1]).execute ("SELECT json FROM projects WHERE id = ?", (sys.argv[2],)).fetchone ()[0])' \
  "$T/s1.db" "project:$CALL:p011" 2>&1 | grep -q "Renamed during the faults" \
  && pass "the renamed project arrived" || fail "the renamed project arrived"

# Every edit pushed once: one revision per synced version.
for p in $FIRST; do
  echo "evaluation:$CALL:$p:somchai ${GEN[$p]}"
done | sort >"$T/expected-generations"
check_store generations "$URL" $CALL somchai >"$T/generations"
if cmp -s "$T/expected-generations" "$T/generations"; then
  pass "every edit was pushed once (revision generations as expected)"
else
  diff "$T/expected-generations" "$T/generations" | sed 's/^/# /'
  fail "every edit was pushed once (revision generations as expected)"
fi

# A second desktop of somchai pulls everything through the faults and agrees.
rounds "a second desktop pulls through the faults" s2 somchai
check "the second desktop agrees with the server" 0 check_store agree "$T/s2.db" "$URL" $CALL somchai

# Every error the user saw was clear: one known sentence per line, with no
# raw error names, JSON, markup or stack traces.
ALLOWED='^nawat-cli: (evaluation:[a-z0-9:-]+: )?(Could not reach the server: |The server failed \(HTTP 5[0-9][0-9]\): |The server sent an invalid answer: (not JSON|its list of changes is not in the form CouchDB uses|its answer to the saved evaluations is not in the form CouchDB uses)$|The server did not store the change: |the server did not answer for this document$)'
grep -Ev "$ALLOWED" "$T/seen-err" | grep -v '^$' >"$T/unknown-errors"
grep -E '[{}<>]|Traceback|CRITICAL|WARNING|\(null\)|^Error|: Error|GLib|Soup|errno' "$T/seen-err" >"$T/raw-errors"
grep -Ev '^(Sync: |Sync failed: )' "$T/seen-out" | grep -v '^$' >"$T/unknown-out"
if [ ! -s "$T/unknown-errors" ] && [ ! -s "$T/raw-errors" ] && [ ! -s "$T/unknown-out" ]; then
  pass "every error line was a clear sentence"
else
  sed 's/^/# unexpected: /' "$T/unknown-errors" "$T/raw-errors" "$T/unknown-out" | sort -u | head -n 20
  fail "every error line was a clear sentence"
fi
grep -c . "$T/seen-err" | sed 's/^/# error lines seen: /'
sort "$T/seen-err" | uniq -c | sort -rn | head -n 15 | cut -c 1-200 | sed 's/^/#   /'

# The faults really happened.
kill -TERM "$PROXY_PID" 2>/dev/null
wait "$PROXY_PID" 2>/dev/null
PROXY_PID=
python3 - "$T/proxy-stats.json" "$ROUNDS_TOTAL" "$FAILED_ROUNDS" >"$T/out" 2>"$T/err" <<'EOF'
import json, sys
s = json.load (open (sys.argv[1]))
f = s["faults"]
print ("# %d rounds, %d failed; %d requests through the proxy" % (int (sys.argv[2]), int (sys.argv[3]), s["requests"]))
print ("# faults: " + ", ".join ("%s %d" % kv for kv in sorted (f.items ())))
need = ["drop-before", "drop-after", "stall", "truncate", "malformed"]
missing = [k for k in need if f[k] == 0]
if f["status-500"] + f["status-502"] + f["status-503"] == 0:
    missing.append ("status-5xx")
if missing:
    print ("# never injected: " + ", ".join (missing))
    sys.exit (1)
EOF
status=$?
cat "$T/out"
[ $status = 0 ] && pass "every kind of fault was injected" || fail "every kind of fault was injected"
[ "$FAILED_ROUNDS" -gt 0 ] && pass "some rounds failed and were run again" \
  || fail "some rounds failed and were run again"

# 4. kill -9 of the CLI part-way, then run again: the same state as an
# uninterrupted sync, and nothing typed is lost.
BIG=big
"$CLI" generate --projects 2000 --evaluators 0 --call $BIG --output "$T/big0.json" >/dev/null
python3 - "$T/big0.json" "$T/big.json" <<'EOF'
import json, sys
d = json.load (open (sys.argv[1], encoding="utf-8"))
for x in d["docs"]:
    if x["type"] == "call":
        x["evaluators"] = ["somchai"]
        x["deadline"] = "2099-12-31T17:00:00Z"
    if x["type"] == "project" and x["code"] <= "p000020":
        x["assigned"] = ["somchai"]
json.dump (d, open (sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
check "the big call is imported" 0 "$CLI" --store "$T/b0.db" import "$T/big.json"
check "the big call is published" 0 publish b0 $BIG

# somchai's desktop already has the call's file and scores offline.
check "the killed desktop imports the call" 0 "$CLI" --store "$T/k.db" import "$T/big.json"
ok=1
for i in $(seq -w 1 20); do
  "$CLI" --store "$T/k.db" evaluate "project:$BIG:p0000$i" --evaluator somchai \
    --set merit.innovation=$((10#$i % 5 + 1)) --comment "merit.impact=บันทึก $i" >/dev/null 2>"$T/err" || ok=0
done
[ $ok = 1 ] && pass "somchai scores 20 projects offline" || fail "somchai scores 20 projects offline"

sync_big () {
  printf 'somchai-pw\n' | "$CLI" --store "$T/$1.db" sync --server "$URL" --call $BIG \
    --user somchai --password-stdin
}
# How long an uninterrupted sync takes here (a throwaway store): the kills
# land between 10 % and 90 % of it, whatever the speed of the machine.
t0=$(date +%s%N)
check "a throwaway sync of the big call" 0 sync_big warm
duration=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# an uninterrupted sync takes $duration ms"
RANDOM=$SEED
killed=0
lingering=0
for k in 1 2 3 4 5; do
  # The CLI itself in the background, so that the kill reaches it: killing
  # a backgrounded function or pipeline leaves its commands running.
  "$CLI" --store "$T/k.db" sync --server "$URL" --call $BIG --user somchai --password-stdin \
    <<<'somchai-pw' >"$T/out" 2>"$T/err" &
  SYNC_PID=$!
  ms=$((duration / 10 + RANDOM % (duration * 8 / 10 + 1)))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
  if kill -KILL "$SYNC_PID" 2>/dev/null; then
    killed=$((killed + 1))
    echo "# kill $k after $ms ms"
  else
    echo "# kill $k after $ms ms: the sync had already ended"
  fi
  wait "$SYNC_PID" 2>/dev/null
  # No process of it goes on (the pattern does not match grep's own).
  if grep -qa -- "$T/k[.]db" /proc/[0-9]*/cmdline 2>/dev/null; then
    lingering=$((lingering + 1))
  fi
  SYNC_PID=
  echo "#   then $(check_store generations "$URL" $BIG somchai 2>/dev/null | wc -l) of 20 evaluations on the server"
done
if [ $killed -ge 1 ] && [ $lingering = 0 ]; then
  pass "the sync was killed part-way $killed times, and stopped each time"
else
  fail "the sync was killed part-way $killed times, and stopped each time ($lingering went on)"
fi
[ "$(check_store integrity "$T/k.db" 2>&1)" = ok ] && pass "the store survived the kills (integrity_check ok)" \
  || fail "the store survived the kills (integrity_check ok)"
check "the sync runs to completion after the kills" 0 sync_big k
check "an uninterrupted sync of the same call" 0 sync_big ref
check "the killed store agrees with the server" 0 check_store agree "$T/k.db" "$URL" $BIG somchai

"$CLI" --store "$T/k.db" stats --json >"$T/k-stats.json" 2>/dev/null
"$CLI" --store "$T/ref.db" stats --json >"$T/ref-stats.json" 2>/dev/null
python3 - "$T/k-stats.json" "$T/ref-stats.json" >"$T/out" 2>&1 <<'EOF'
import json, sys
a, b = (json.load (open (p)) for p in sys.argv[1:3])
keys = ["calls", "projects", "evaluations", "submitted", "drafts", "pending_push"]
print ("# killed: " + ", ".join ("%s %s" % (k, a.get (k)) for k in keys))
print ("# uninterrupted: " + ", ".join ("%s %s" % (k, b.get (k)) for k in keys))
sys.exit (0 if all (a.get (k) == b.get (k) for k in keys) and a["projects"] == 2000 and a["evaluations"] == 20 else 1)
EOF
status=$?
cat "$T/out"
[ $status = 0 ] && pass "the same counts as an uninterrupted sync" || fail "the same counts as an uninterrupted sync"

check_store dump "$T/k.db" >"$T/k-dump"
check_store dump "$T/ref.db" >"$T/ref-dump"
if [ -s "$T/k-dump" ] && cmp -s "$T/k-dump" "$T/ref-dump"; then
  pass "the same documents and revisions as an uninterrupted sync"
else
  diff "$T/k-dump" "$T/ref-dump" | head -n 10 | cut -c 1-200 | sed 's/^/# /'
  fail "the same documents and revisions as an uninterrupted sync"
fi
"$CLI" --store "$T/k.db" export --format json --call $BIG --output "$T/k-export.json" >/dev/null 2>&1
"$CLI" --store "$T/ref.db" export --format json --call $BIG --output "$T/ref-export.json" >/dev/null 2>&1
if [ -s "$T/k-export.json" ] && cmp -s "$T/k-export.json" "$T/ref-export.json"; then
  pass "the same export as an uninterrupted sync"
else
  fail "the same export as an uninterrupted sync"
fi

# Nothing typed is lost: every offline score and comment is on the server, once.
check_store scores "$URL" $BIG somchai merit.innovation >"$T/scores"
for i in $(seq -w 1 20); do
  echo "evaluation:$BIG:p0000$i:somchai $((10#$i % 5 + 1))"
done >"$T/expected-scores"
cmp -s "$T/scores" "$T/expected-scores" && pass "every offline score is on the server" \
  || fail "every offline score is on the server"
check_store generations "$URL" $BIG somchai | awk '$2 != 1' >"$T/out"
[ ! -s "$T/out" ] && [ "$(check_store generations "$URL" $BIG somchai | wc -l)" = 20 ] \
  && pass "each offline edit was pushed once" || fail "each offline edit was pushed once"
n_comments=$(curl -sS --max-time 30 -u admin:admin-pw \
  "$URL/nawat-$BIG-e-$(printf somchai | od -An -tx1 | tr -d ' \n')/_all_docs?include_docs=true" | grep -o 'บันทึก [0-9]*' | sort -u | wc -l)
[ "$n_comments" = 20 ] && pass "every offline comment is on the server" \
  || fail "every offline comment is on the server ($n_comments of 20)"

harness_finish
