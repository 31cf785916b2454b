#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# Checks the rules of the source tree that README.md's "Architecture" states:
#  - src/core/ includes no GTK, GDK, GSK or libadwaita header, and nothing
#    from src/ui/ or src/cli/;
#  - src/cli/ includes nothing from src/ui/ and no toolkit header (it links
#    the core only), and src/ui/ nothing from src/cli/; neither includes a
#    -private.h header of the core;
#  - src/core/nawat-core.h includes every public header of the core (every
#    header under src/core/ but the -private.h ones) and nothing else;
#  - every .c and .h file under src/ is named in a meson.build under src/,
#    and every tests/**/test-NAME.{c,sh,mjs} and every other tests/**/*.sh
#    (a harness the tests source) in its folder's meson.build, so that no
#    file silently stays out of the build or the suite;
#  - resources/ui/ mirrors src/ui/: each template NAME.ui lies in the folder
#    that holds its widget's NAME.c (resources/ui/dashboard/ for
#    src/ui/dashboard/);
#  - only the store (src/core/store/) uses SQLite: no other file under src/
#    includes <sqlite3.h> or names anything of SQLite's (sqlite3_*(),
#    SQLITE_*), and only the store's files include its internal header
#    (nawat-store-internal-private.h).
#
# Usage: check-layout.py SOURCE-ROOT

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
TOOLKIT = re.compile(r'^(gtk|gdk|gsk)/|^adwaita\.h$')

SQLITE_NAME = re.compile(r'\b(sqlite3(?:_\w+)?|SQLITE_\w+)\b')
STORE_FOLDER = 'src/core/store'
STORE_INTERNAL = 'nawat-store-internal-private.h'

problems = []


def files_under(root, folder, endings):
    found = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
        dirnames[:] = sorted(d for d in dirnames if d != 'node_modules')
        for name in sorted(filenames):
            if name.endswith(endings):
                found.append(os.path.join(dirpath, name))
    return found


def includes(path):
    with open(path, encoding='utf-8') as f:
        text = COMMENT.sub('', f.read())
    return [(kind, name) for kind, name in INCLUDE.findall(text)]


def rel(root, path):
    return os.path.relpath(path, root)


def check_includes(root, folder, forbidden_folders, forbid_toolkit):
    # A quoted include is resolved by its file name (the faces and the core
    # have no file names in common: nawat-cli.c, nawat-window.h, ...) or by
    # a folder in its path ("../cli/x.h", "ui/x.h").
    forbidden = {}
    folders = {os.path.basename(other): other for other in forbidden_folders}
    for other in forbidden_folders:
        for path in files_under(root, other, ('.h', '.c')):
            forbidden[os.path.basename(path)] = other
    for path in files_under(root, folder, ('.c', '.h')):
        for kind, name in includes(path):
            if forbid_toolkit and kind == '<' and TOOLKIT.search(name):
                problems.append(f'{rel(root, path)} includes <{name}>: '
                                f'{folder}/ never includes GTK, GDK or libadwaita')
            if kind != '"':
                continue
            owner = forbidden.get(os.path.basename(name))
            for part in name.split('/')[:-1]:
                owner = folders.get(part, owner)
            if owner:
                problems.append(f'{rel(root, path)} includes "{name}" from '
                                f'{owner}/: {folder}/ may not')


def check_public_only(root, folder):
    private = {os.path.basename(path) for path in files_under(root, 'src/core', ('-private.h',))}
    for path in files_under(root, folder, ('.c', '.h')):
        for kind, name in includes(path):
            if kind == '"' and os.path.basename(name) in private:
                problems.append(f'{rel(root, path)} includes "{name}": '
                                f'{folder}/ uses the public headers of src/core/ only')


def check_umbrella(root):
    umbrella = os.path.join(root, 'src', 'core', 'nawat-core.h')
    public = set()
    for path in files_under(root, 'src/core', ('.h',)):
        name = os.path.basename(path)
        if not name.endswith('-private.h') and name != 'nawat-core.h':
            public.add(name)
    included = {os.path.basename(name) for kind, name in includes(umbrella) if kind == '"'}
    for name in sorted(public - included):
        problems.append(f'src/core/nawat-core.h does not include the public header {name}')
    for name in sorted(included - public):
        problems.append(f'src/core/nawat-core.h includes {name}, '
                        'which is not a public header of src/core/')


def meson_text(root, folder):
    text = ''
    for path in files_under(root, folder, ('meson.build',)):
        with open(path, encoding='utf-8') as f:
            text += f.read()
    return text


def check_listed(root):
    listed = meson_text(root, 'src')
    for path in files_under(root, 'src', ('.c', '.h')):
        name = os.path.basename(path)
        if not re.search(r"['/]" + re.escape(name) + "'", listed):
            problems.append(f'{rel(root, path)} is not listed in a meson.build under src/')
    for path in files_under(root, 'tests', ('.c', '.sh', '.mjs')):
        build = os.path.join(os.path.dirname(path), 'meson.build')
        text = open(build, encoding='utf-8').read() if os.path.exists(build) else ''
        match = re.fullmatch(r'test-(.+)\.(c|sh|mjs)', os.path.basename(path))
        if not match:
            # A script the tests run or source (a harness) is named too.
            name = os.path.basename(path)
            if name.endswith('.sh') and f"'{name}'" not in text:
                problems.append(f'{rel(root, path)} is not named in {rel(root, build)}')
            continue
        if f"'{match.group(1)}'" not in text and f"'{match.group(0)}'" not in text:
            problems.append(f'{rel(root, path)} is not registered in {rel(root, build)}')


def check_mirrored(root):
    for path in files_under(root, 'resources/ui', ('.ui',)):
        name = os.path.relpath(path, os.path.join(root, 'resources', 'ui'))
        source = os.path.join(root, 'src', 'ui', name[:-len('.ui')] + '.c')
        if not os.path.exists(source):
            problems.append(f'{rel(root, path)} has no widget at {rel(root, source)}: '
                            'resources/ui/ mirrors src/ui/')


def check_store(root):
    for path in files_under(root, 'src', ('.c', '.h')):
        name = rel(root, path)
        if name.startswith(STORE_FOLDER + '/'):
            continue
        with open(path, encoding='utf-8') as f:
            names = set(SQLITE_NAME.findall(COMMENT.sub('', f.read())))
        for kind, included in includes(path):
            if kind == '"' and os.path.basename(included) == STORE_INTERNAL:
                problems.append(f'{name} includes "{included}": only the files of '
                                f'{STORE_FOLDER}/ do')
            if kind == '<' and included == 'sqlite3.h':
                problems.append(f'{name} includes <sqlite3.h>: only {STORE_FOLDER}/ uses '
                                'SQLite; read through the store')
        for found in sorted(names):
            problems.append(f'{name} uses {found}: only {STORE_FOLDER}/ uses SQLite; '
                            'read through the store')


def main():
    if len(sys.argv) != 2:
        print('usage: check-layout.py SOURCE-ROOT', file=sys.stderr)
        return 2
    root = sys.argv[1]
    check_includes(root, 'src/core', ['src/ui', 'src/cli'], forbid_toolkit=True)
    check_includes(root, 'src/cli', ['src/ui'], forbid_toolkit=True)
    check_includes(root, 'src/ui', ['src/cli'], forbid_toolkit=False)
    check_public_only(root, 'src/ui')
    check_public_only(root, 'src/cli')
    check_umbrella(root)
    check_listed(root)
    check_mirrored(root)
    check_store(root)
    for p in problems:
        print(p)
    if problems:
        print(f'{len(problems)} layout problem(s): see README.md, "Architecture"')
        return 1
    print('layout: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
