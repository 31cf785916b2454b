#!/bin/bash
# check-po.sh SOURCE-ROOT: every translatable string of the files named in
# po/POTFILES.in has a Thai translation in po/th.po, none fuzzy, and every
# file with translatable strings is named there.
#
# Copyright 2026 The Nawat authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

root=${1:?usage: check-po.sh SOURCE-ROOT}
cd "$root" || exit 1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
status=0

grep -v '^#' po/POTFILES.in | sed '/^$/d' >"$T/files"
# The keywords of meson's glib preset.
xgettext --from-code=UTF-8 --add-comments=TRANSLATORS --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 -f "$T/files" -o "$T/nawat.pot" || exit 1
msgmerge --quiet --no-fuzzy-matching po/th.po "$T/nawat.pot" -o "$T/th.po" || exit 1
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$T/th.po" 2>&1) || {
  echo "$stats"
  exit 1
}
echo "# th.po: $stats"
if grep -Eq 'fuzzy|untranslated' <<<"$stats"; then
  echo "po/th.po is incomplete; the strings without a Thai translation:"
  { msgattrib --untranslated "$T/th.po"; msgattrib --only-fuzzy "$T/th.po"; } \
    | grep '^msgid "..*"' | head -50
  status=1
fi

# A source file with a translatable string that POTFILES.in does not name.
for f in $(git ls-files 'src/*.c' 'resources/*.ui' 2>/dev/null); do
  grep -qx "$f" "$T/files" && continue
  if grep -Eq '(^|[^A-Za-z_])(_|N_|C_|NC_)\s*\("|translatable="yes"' "$f"; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

# A Latin mnemonic in parentheses, "(_F)", shows as a literal "(F)" beside
# Thai text: a Thai label takes its mnemonic on a Thai letter, or none.
if grep -nE '^msgstr .*\(_[A-Za-z]\)' po/th.po; then
  echo "po/th.po: Latin mnemonics in parentheses (above); put the _ on a Thai letter"
  status=1
fi

[ $status = 0 ] && echo "ok: po/th.po translates every string"
exit $status
