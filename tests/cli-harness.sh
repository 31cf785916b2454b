# cli-harness.sh: what the shell tests of nawat-cli share; sourced, not run.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourcing it sets CLI (the nawat-cli under test, from NAWAT_CLI) and
# LC_ALL. harness_start then makes the test's temporary folder T, removed
# on exit (after the test's own cleanup function, when it has one), with
# HOME and XDG_DATA_HOME inside it. The checks print TAP: pass, fail,
# check (a command's exit status) and expect (a fixed string in a file);
# harness_finish prints the plan and gives the test's exit status.

CLI=${NAWAT_CLI:?NAWAT_CLI must point to the nawat-cli binary}
export LC_ALL=C.UTF-8

n=0
failed=0

harness_exit () {
  if declare -F cleanup >/dev/null; then
    cleanup
  fi
  rm -rf "$T"
}

# harness_start: the temporary folder T, its HOME and XDG_DATA_HOME.
harness_start () {
  T=$(mktemp -d)
  trap harness_exit EXIT
  export HOME="$T/home" XDG_DATA_HOME="$T/home/share"
  mkdir -p "$HOME"
}

pass () {
  n=$((n + 1))
  echo "ok $n - $1"
}

# fail DESCRIPTION [FILE...]: a failed check, followed by the first lines
# of each FILE that is not empty (by default the last command's $T/out and
# $T/err) as TAP comments.
fail () {
  local what=$1 f
  shift
  [ $# -gt 0 ] || set -- "$T/out" "$T/err"
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $what"
  for f in "$@"; do
    if [ -s "$f" ]; then
      sed -n '1,40s/^/#   /p' "$f"
    fi
  done
  return 0
}

# check DESCRIPTION EXPECTED-STATUS COMMAND...: runs COMMAND, keeping its
# output in $T/out and $T/err, and checks its exit status.
check () {
  local what=$1 expected=$2 status=0
  shift 2
  "$@" >"$T/out" 2>"$T/err" || status=$?
  if [ "$status" -eq "$expected" ]; then
    pass "$what (exit $status)"
  else
    fail "$what: exit $status, expected $expected"
  fi
}

# expect DESCRIPTION FILE PATTERN: FILE contains the fixed string PATTERN.
expect () {
  if grep -qF -- "$3" "$2"; then
    pass "$1"
  else
    fail "$1: “$3” not found" "$2"
  fi
}

# harness_finish: the plan, and the test's exit status.
harness_finish () {
  echo "1..$n"
  if [ "$failed" -ne 0 ]; then
    echo "# $failed of $n checks failed"
    exit 1
  fi
  echo "# all $n checks passed"
  exit 0
}
