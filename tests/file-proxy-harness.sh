# file-proxy-harness.sh: what the tests of the projects' files share,
# sourced after cli-harness.sh's harness_start: the test server started
# (URL) and stopped at the end, file-proxy.py (tests/faults) started and
# stopped in front of it, and the demo call (CALL, on the server in
# CALL_DB) without its evaluations, open until 2099, to publish.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

SERVER_SCRIPT=$SRC/tests/server/nawat-test-server
PROXY_SCRIPT=$SRC/tests/faults/file-proxy.py
PROXY_PID=
PROXY=
URL=
CALL=si-2569
CALL_DB=nawat-$CALL

stop_proxy () {
  if [ -n "$PROXY_PID" ]; then
    kill "$PROXY_PID" 2>/dev/null
    wait "$PROXY_PID" 2>/dev/null
    PROXY_PID=
  fi
}

# Run by cli-harness.sh on exit.
cleanup () {
  stop_proxy
  "$SERVER_SCRIPT" stop "$T/server" >/dev/null 2>&1 || true
}

# start_server [ARGS...]: the test server in $T/server (ARGS as
# nawat-test-server start takes them), its address in URL.
start_server () {
  URL=$("$SERVER_SCRIPT" start "$T/server" "$@") || {
    echo "Bail out! the server did not start"
    exit 1
  }
}

# start_proxy LOG [ARGS...]: the proxy in front of the server at URL, its
# address in PROXY; it logs every request for a file to LOG.
start_proxy () {
  local log=$1
  shift
  stop_proxy
  : >"$log"
  # The shell truncates proxy-url in the proxy's process, maybe after the
  # wait below has read the previous proxy's address: removed first.
  rm -f "$T/proxy-url"
  python3 "$PROXY_SCRIPT" --upstream "$URL" --log "$log" "$@" >"$T/proxy-url" 2>"$T/proxy-err" &
  PROXY_PID=$!
  for _ in $(seq 100); do
    [ -s "$T/proxy-url" ] && break
    sleep 0.1
  done
  PROXY=$(head -n 1 "$T/proxy-url")
  [ -n "$PROXY" ] || { cat "$T/proxy-err"; echo "Bail out! the proxy did not start"; exit 1; }
}

# write_open_call FILE: the demo data's call, rubric and projects, with no
# evaluations and a deadline to come, for nawat-cli import.
write_open_call () {
  node -e '
    const d = JSON.parse (require ("fs").readFileSync (process.argv[1], "utf8"));
    const docs = d.docs.filter (x => x.type !== "evaluation");
    docs.filter (x => x.type === "call").forEach (x => x.deadline = "2099-12-31T17:00:00Z");
    process.stdout.write (JSON.stringify ({ docs }));' \
    "$SRC/resources/demo/demo.json" >"$1"
}
