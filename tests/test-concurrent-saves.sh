#!/bin/bash
# test-concurrent-saves.sh: two nawat-cli processes edit the same evaluation
# at the same time, each a criterion of its own, many times over, and every
# save a process acknowledged (exit 0) must be in the store afterwards.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# NAWAT_RACE_TRIALS sets the number of trials: 150 by default, about half a
# minute here (the old read-then-write path lost a save in 64 of 150).  Under
# AddressSanitizer (ASAN_OPTIONS set, as build-aux/test does) every process
# starts several times slower and 150 trials took two and a half minutes:
# 50 there, which the old path would still fail many times over.

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-harness.sh"
if [ -n "${ASAN_OPTIONS:-}" ]; then
  TRIALS=${NAWAT_RACE_TRIALS:-50}
else
  TRIALS=${NAWAT_RACE_TRIALS:-150}
fi

if ! command -v sqlite3 >/dev/null; then
  echo "1..0 # SKIP the sqlite3 shell is not installed"
  exit 0
fi

harness_start

PROJECT=project:race:p000001
EVALUATOR=evaluator-01
ID=evaluation:race:p000001:$EVALUATOR
S=$T/store.db

# A call of one project whose deadline is far away, with no evaluation yet.
"$CLI" generate --projects 1 --evaluators 2 --seed 1 --call race --output "$T/g.json"
{
  head -n 4 "$T/g.json" | sed '4s/,$//; s/"deadline":"[^"]*"/"deadline":"2100-01-01T00:00:00Z"/'
  echo ']}'
} >"$T/call.json"
"$CLI" --store "$S" import "$T/call.json" >/dev/null

stored () {
  sqlite3 "$S" "SELECT json FROM evaluations WHERE id = '$ID'"
}

# has KEY VALUE: the stored evaluation scores KEY with VALUE.
has () {
  stored | grep -qF "\"$1\":$2"
}

lost=0
refused=0
unexplained=0
for i in $(seq 1 "$TRIALS"); do
  # Values that differ from the previous trial's, so that a save lost now
  # cannot be hidden by one made before.
  a=$((1 + i % 4))
  b=$((4 - i % 4))
  status_a=0
  status_b=0
  "$CLI" --store "$S" evaluate "$PROJECT" --evaluator "$EVALUATOR" \
    --set merit.innovation=$a >"$T/a.out" 2>"$T/a.err" &
  pid_a=$!
  "$CLI" --store "$S" evaluate "$PROJECT" --evaluator "$EVALUATOR" \
    --set merit.impact=$b >"$T/b.out" 2>"$T/b.err" &
  pid_b=$!
  wait $pid_a || status_a=$?
  wait $pid_b || status_b=$?

  for side in a b; do
    if [ $side = a ]; then
      status=$status_a key=merit.innovation value=$a
    else
      status=$status_b key=merit.impact value=$b
    fi
    if [ "$status" -eq 0 ]; then
      if ! has $key $value; then
        lost=$((lost + 1))
        echo "# trial $i: $key=$value was acknowledged and is lost: $(stored)"
      fi
    elif grep -qi 'busy\|locked' "$T/$side.err"; then
      # Refused with the reason: the process reported nothing saved.
      refused=$((refused + 1))
      echo "# trial $i: $key=$value refused: $(cat "$T/$side.err")"
    else
      unexplained=$((unexplained + 1))
      echo "# trial $i: $key=$value exited $status: $(cat "$T/$side.err")"
    fi
  done
done

echo "# $TRIALS trials: $lost acknowledged saves lost, $refused refused as busy," \
  "$unexplained failed otherwise"

if [ "$lost" -eq 0 ]; then
  pass "no acknowledged save lost in $TRIALS trials"
else
  fail "$lost acknowledged saves lost in $TRIALS trials"
fi
if [ "$unexplained" -eq 0 ]; then
  pass "every process succeeded or said the store was busy"
else
  fail "$unexplained processes failed without saying the store was busy"
fi
# The store stays busy for milliseconds and SQLite waits seconds for it.
if [ "$refused" -eq 0 ]; then
  pass "no process gave up on a busy store"
else
  fail "$refused processes gave up on a busy store"
fi

harness_finish
