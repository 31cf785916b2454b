#!/bin/bash
# bench-sync-attachments.sh: the first pull of a call of N projects with a
# generated PDF of SIZE bytes each (default 200 and 2 MB) from a real
# PouchDB Server, side by side in one run:
#   - nawat-cli sync into an empty store (documents, then the files);
#   - bench-files-pull, the same round as the window runs it, for the
#     longest main-loop gap (target: under 50 ms);
#   - curl fetching the same files, one GET each, 3 at a time (as Nawat)
#     and one after the other;
#   - the replication protocol's ways: each project with its files
#     (GET /db/doc?attachments=true, multipart/related) and the whole
#     _changes feed with the files inline in Base64 (attachments=true).
# Wall and processor seconds, peak memory, load average.
#
#   bench-sync-attachments.sh BENCH-FILES-PULL [N [SIZE]]
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

PULL=${1:?usage: bench-sync-attachments.sh BENCH-FILES-PULL [N [SIZE]]}
N=${2:-200}
SIZE=${3:-2000000}
CLI=${NAWAT_CLI:?NAWAT_CLI must point to nawat-cli}
SRC=${NAWAT_SOURCE_ROOT:?}
MAKE_PDF=${NAWAT_MAKE_TEST_PDF:?}
SERVER_SCRIPT=$SRC/tests/server/nawat-test-server
CALL=bench
DB=nawat-$CALL
T=$(mktemp -d)
cleanup () {
  "$SERVER_SCRIPT" stop "$T/server" >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home
mkdir -p "$HOME"

URL=$("$SERVER_SCRIPT" start "$T/server")
AUTH=admin:admin-pw
"$CLI" generate --projects "$N" --evaluators 0 --call $CALL --output "$T/call.json" >/dev/null
"$CLI" --store "$T/c0.db" import "$T/call.json" >/dev/null
printf 'admin-pw\n' | "$CLI" --store "$T/c0.db" publish --server "$URL" --call $CALL \
  --user admin --password-stdin --insecure-server >/dev/null 2>&1

# A PDF of about SIZE bytes per project, with its code in Thai text,
# attached inline as any CouchDB tool may.
curl -sS -u $AUTH "$URL/$DB/_all_docs?startkey=%22project:%22&endkey=%22project:%EF%BF%BF%22" \
  | node -e 'let s = ""; process.stdin.on ("data", c => s += c).on ("end", () =>
      JSON.parse (s).rows.forEach (r => console.log (r.id)));' >"$T/ids"
mkdir -p "$T/pdf"
i=0
while read -r id; do
  i=$((i + 1))
  "$MAKE_PDF" "$T/pdf/$i.pdf" 4 "ข้อเสนอโครงการ $id หน้า %u" "$SIZE"
done <"$T/ids"
node - "$URL" "$DB" "$T/ids" "$T/pdf" <<'JS'
const [url, db, idsFile, dir] = process.argv.slice (2);
const fs = require ("fs");
const auth = "Basic " + Buffer.from ("admin:admin-pw").toString ("base64");
(async () => {
  const ids = fs.readFileSync (idsFile, "utf8").split ("\n").filter (x => x);
  for (let i = 0; i < ids.length; i++) {
    const u = url + "/" + db + "/" + encodeURIComponent (ids[i]);
    const doc = await (await fetch (u, { headers: { authorization: auth } })).json ();
    doc._attachments = { "ข้อเสนอฉบับเต็ม.pdf": { content_type: "application/pdf",
      data: fs.readFileSync (dir + "/" + (i + 1) + ".pdf").toString ("base64") } };
    const r = await fetch (u, { method: "PUT", body: JSON.stringify (doc),
      headers: { authorization: auth, "content-type": "application/json" } });
    if (r.status !== 201) throw new Error (ids[i] + ": " + r.status);
  }
}) ().catch (e => { console.error (e); process.exit (1); });
JS
TOTAL=$(du -cb "$T"/pdf/*.pdf | tail -1 | cut -f1)
SERVER_PID=$(cat "$T/server/pid")
server_cpu () {
  awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$SERVER_PID/stat"
}

# run NAME COMMAND...: wall, processor seconds and peak memory of COMMAND,
# with the server's processor time meanwhile.
declare -A WALL
run () {
  local name=$1 before after
  shift
  sync
  before=$(server_cpu)
  /usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" >"$T/run.out" 2>"$T/run.err" || {
    echo "$name failed:"; cat "$T/run.err"; exit 1; }
  after=$(server_cpu)
  read -r wall user sys peak <"$T/time"
  WALL[$name]=$wall
  printf '  %-44s %7.2f s %7.1f MB/s %8.1f MiB peak; cpu %6.2f s + server %6.2f s\n' \
    "$name" "$wall" "$(echo "$TOTAL / 1048576 / $wall" | bc -l)" "$(echo "$peak / 1024" | bc -l)" \
    "$(echo "$user + $sys" | bc -l)" "$(echo "$after - $before" | bc -l)"
}

echo "# $N projects, $(printf %.1f "$(echo "$TOTAL / 1048576" | bc -l)") MiB of PDF, PouchDB Server;" \
  "load average $(cut -d' ' -f1 /proc/loadavg)"
run "nawat-cli sync (first pull, documents + files)" \
  sh -c "printf 'admin-pw\n' | '$CLI' --store '$T/s1.db' sync --server '$URL' --call $CALL --user admin --password-stdin"
held=$(find "$T/s1.blobs" -mindepth 2 -type f | wc -l)
[ "$held" = "$N" ] || { echo "nawat holds $held files, not $N"; exit 1; }

# The same files with curl.
: >"$T/curl.cfg"
i=0
while read -r id; do
  i=$((i + 1))
  printf 'url = "%s/%s/%s/%s"\noutput = "%s/c/%d.pdf"\n' "$URL" "$DB" \
    "$(node -e 'process.stdout.write (encodeURIComponent (process.argv[1]))' "$id")" \
    "$(node -e 'process.stdout.write (encodeURIComponent (process.argv[1]))' "ข้อเสนอฉบับเต็ม.pdf")" \
    "$T" "$i" >>"$T/curl.cfg"
done <"$T/ids"
mkdir -p "$T/c"
run "curl, one GET per file, 3 at a time" curl -sS -u $AUTH --parallel --parallel-max 3 -K "$T/curl.cfg"
rm -rf "$T/c"; mkdir -p "$T/c"
run "curl, one GET per file, one after the other" curl -sS -u $AUTH -K "$T/curl.cfg"
cmp -s "$T/pdf/1.pdf" "$T/c/1.pdf" || { echo "curl's copy differs"; exit 1; }

# The replication protocol's ways.
sed -e 's|\(url = "[^"]*/[^"/]*/[^"/]*\)/[^"]*"|\1?attachments=true"|' "$T/curl.cfg" >"$T/multipart.cfg"
rm -rf "$T/c"; mkdir -p "$T/c"
run "curl, each project with its files (multipart)" curl -sS -u $AUTH -H 'Accept: multipart/related' \
  --parallel --parallel-max 3 -K "$T/multipart.cfg"
head -c 300 "$T/c/1.pdf" | grep -q "multipart\|--" || true
run "curl, _changes with the files in Base64" curl -sS -u $AUTH -o "$T/changes.json" \
  "$URL/$DB/_changes?include_docs=true&attachments=true"

# The round as the window runs it, into another empty store.
read -r wall cpu peak gap p99 busy bytes < <("$PULL" "$URL" $CALL admin admin-pw "$T/s2.db")
printf '  %-44s %7.2f s %7.1f MB/s %8.1f MiB peak; cpu %6.2f s\n' \
  "NawatSync in its thread, 1 ms main-loop tick" "$wall" \
  "$(echo "$TOTAL / 1048576 / $wall" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "$cpu"
echo "  main loop: longest gap $gap ms, p99 $p99 ms (target < 50 ms); main thread's own work"
echo "    between two ticks: longest $busy ms; $bytes bytes of files"
printf '  nawat / curl (3 at a time): %.2f×; nawat / curl (one at a time): %.2f×\n' \
  "$(echo "${WALL["nawat-cli sync (first pull, documents + files)"]} / ${WALL["curl, one GET per file, 3 at a time"]}" | bc -l)" \
  "$(echo "${WALL["nawat-cli sync (first pull, documents + files)"]} / ${WALL["curl, one GET per file, one after the other"]}" | bc -l)"
echo "# load average at the end $(cut -d' ' -f1 /proc/loadavg)"
