#!/bin/bash
# run-fuzzer.sh FUZZER CORPUS SECONDS: runs a libFuzzer target for SECONDS
# over the committed CORPUS, which it leaves as it is (new inputs go to a
# scratch directory), says how much it ran, and fails on a crash, a leak,
# undefined behaviour or a broken round trip, printing the input found.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

fuzzer=${1:?the fuzz target}
corpus=${2:?the corpus directory}
seconds=${3:-60}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/new"

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1}

status=0
"$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$scratch/" "$scratch/new" "$corpus" >"$scratch/log" 2>&1 || status=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/log" | tail -1)
name=$(basename "$fuzzer")
inputs=$(find "$corpus" -type f | wc -l)

if [ "$status" -ne 0 ]; then
  tail -n 60 "$scratch/log"
  for found in "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-*; do
    [ -f "$found" ] || continue
    echo "input that failed ($found), in base64; add it to $corpus once fixed:"
    base64 "$found"
  done
  echo "$name: FAILED after ${runs:-?} runs in at most $seconds s (exit $status)"
  exit 1
fi

echo "$name: ran ${runs:-?} inputs in $seconds s from a corpus of $inputs files: no crash"
