#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# Runs a test (test-a11y) with a session bus and an accessibility bus of its
# own: a fresh XDG_RUNTIME_DIR holds the accessibility bus's address, so
# that two runs on one machine never talk to each other's registry
# (PLATFORM.md, "Accessibility bus").  The display comes from outside
# (xvfb-run).

set -uo pipefail

runtime=$(mktemp -d "${TMPDIR:-/tmp}/nawat-a11y-run.XXXXXX")
trap 'rm -rf "$runtime"' EXIT
chmod 700 "$runtime"

export XDG_RUNTIME_DIR=$runtime
export GTK_A11Y=atspi
unset NO_AT_BRIDGE

if ! command -v dbus-run-session >/dev/null; then
  echo "Bail out! dbus-run-session is missing: install dbus (build-aux/install-deps)"
  exit 1
fi

dbus-run-session -- "$@"
