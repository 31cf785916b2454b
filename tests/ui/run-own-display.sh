#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# Runs a UI test on an X server of its own.  The input focus and the
# pointer belong to the display: with two tests' windows on one display,
# one window takes the focus from the other (there is no window manager),
# so Tab, keys and clicks would land in the wrong test.  Xvfb picks a free
# display number itself (-displayfd), so runs side by side never collide.
# Without auto-repeat (-r): a key a test holds down while the application
# is slow to answer (as under AddressSanitizer) would otherwise type itself
# again, and Ctrl+N held while its dialog opens typed an "n" into it.

set -uo pipefail

dir=$(mktemp -d "${TMPDIR:-/tmp}/nawat-display.XXXXXX")
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -r 3>"$dir/display" 2>"$dir/log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT

# The number arrives with a newline once the server accepts connections.
for _ in $(seq 300); do
  [[ $(tail -c1 "$dir/display" 2>/dev/null) == "" && -s $dir/display ]] && break
  kill -0 "$xvfb" 2>/dev/null || break
  sleep 0.1
done
if [[ ! -s $dir/display ]]; then
  echo "Bail out! Xvfb did not start: $(tr '\n' ' ' <"$dir/log")"
  exit 1
fi
export DISPLAY=":$(head -n1 "$dir/display")"

"$@"
