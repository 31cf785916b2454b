#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# Checks the structure of the Flatpak manifest, since the GNOME runtime cannot
# be downloaded to build it for real: identity, runtime, sandbox permissions,
# the modules and that every local file the manifest names exists.
#
# Usage: check-flatpak.py MANIFEST SOURCE-ROOT

import json
import os
import re
import sys

APP_ID = "io.github.nawat.Nawat"
OLDEST_RUNTIME = 46
FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}
BUILDSYSTEMS = {"meson", "cmake", "cmake-ninja", "autotools", "simple", "qmake"}

problems = []


def problem(message):
    problems.append(message)


def check_identity(manifest):
    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id != APP_ID:
        problem(f"app-id is {app_id!r}, expected {APP_ID!r}")
    if manifest.get("runtime") != "org.gnome.Platform":
        problem(f"runtime is {manifest.get('runtime')!r}, expected 'org.gnome.Platform'")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problem(f"sdk is {manifest.get('sdk')!r}, expected 'org.gnome.Sdk'")
    version = manifest.get("runtime-version")
    if not isinstance(version, str) or not re.fullmatch(r"[0-9]+", version):
        problem(f"runtime-version {version!r} is not a stable GNOME version such as '47'")
    elif int(version) < OLDEST_RUNTIME:
        problem(f"runtime-version {version} is older than {OLDEST_RUNTIME}")
    if manifest.get("command") != "nawat":
        problem(f"command is {manifest.get('command')!r}, expected 'nawat'")


def check_finish_args(manifest):
    args = manifest.get("finish-args")
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        problem("finish-args is not a list of strings")
        return
    if len(args) != len(set(args)):
        problem("finish-args has duplicates")
    for arg in args:
        if arg.startswith("--filesystem="):
            problem(f"finish-args grants file system access ({arg}): use the portals")
        elif arg not in FINISH_ARGS:
            problem(f"finish-args has {arg!r}, which the application does not need")
    for arg in sorted(FINISH_ARGS - set(args)):
        problem(f"finish-args lacks {arg!r}")


def check_local_path(base, path, what):
    if os.path.isabs(path):
        problem(f"{what}: {path!r} is an absolute path")
        return None
    full = os.path.normpath(os.path.join(base, path))
    if not os.path.exists(full):
        problem(f"{what}: {path!r} does not exist")
        return None
    return full


def check_sources(base, module, name):
    sources = module.get("sources", [])
    if not isinstance(sources, list):
        problem(f"module {name}: sources is not a list")
        return []
    for i, source in enumerate(sources):
        what = f"module {name}: source {i}"
        if isinstance(source, str):
            check_local_path(base, source, what)
            continue
        if not isinstance(source, dict) or "type" not in source:
            problem(f"{what} has no type")
            continue
        if "path" in source:
            check_local_path(base, source["path"], what)
        for path in source.get("paths", []):
            check_local_path(base, path, what)
        if source["type"] in ("archive", "file") and "url" in source:
            if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                problem(f"{what}: a download without a sha256")
        if source["type"] == "git" and "url" in source:
            if not (source.get("commit") or source.get("tag")):
                problem(f"{what}: a git source without a commit or tag")
    return sources


def check_modules(base, modules, root, top=True):
    if not isinstance(modules, list) or not modules:
        problem("modules is not a non-empty list")
        return
    for module in modules:
        if isinstance(module, str):
            full = check_local_path(base, module, "module file")
            if full:
                with open(full, encoding="utf-8") as f:
                    check_modules(os.path.dirname(full), [json.load(f)], root, False)
            continue
        if not isinstance(module, dict) or not module.get("name"):
            problem("a module without a name")
            continue
        name = module["name"]
        buildsystem = module.get("buildsystem", "autotools")
        if buildsystem not in BUILDSYSTEMS:
            problem(f"module {name}: unknown buildsystem {buildsystem!r}")
        check_sources(base, module, name)
        if module.get("modules"):
            check_modules(base, module["modules"], root, False)

    if not top:
        return
    last = modules[-1]
    if not isinstance(last, dict) or last.get("name") != "nawat":
        problem("the last module is not 'nawat'")
        return
    if last.get("buildsystem") != "meson":
        problem("module nawat is not built with meson")
    dirs = [s for s in last.get("sources", [])
            if isinstance(s, dict) and s.get("type") == "dir"]
    if len(dirs) != 1:
        problem("module nawat does not have exactly one 'dir' source")
        return
    path = os.path.normpath(os.path.join(base, dirs[0].get("path", "")))
    if not os.path.exists(path) or not os.path.samefile(path, root):
        problem(f"module nawat builds {dirs[0].get('path')!r}, not the repository root")


def check_application_files(root):
    """The files Flatpak exports under the application id must exist."""
    for path in (
        "meson.build",
        f"data/{APP_ID}.desktop.in",
        f"data/{APP_ID}.metainfo.xml.in",
        f"data/{APP_ID}.gschema.xml",
        f"data/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"data/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
    ):
        if not os.path.isfile(os.path.join(root, path)):
            problem(f"{path} is missing")
    with open(os.path.join(root, "src", "ui", "meson.build"), encoding="utf-8") as f:
        if not re.search(r"executable\(\s*'nawat'", f.read()):
            problem("no executable 'nawat' in src/ui/meson.build for the command")


def main():
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} MANIFEST SOURCE-ROOT", file=sys.stderr)
        return 2
    manifest_path, root = sys.argv[1], os.path.abspath(sys.argv[2])
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{manifest_path}: {e}", file=sys.stderr)
        return 1
    if not isinstance(manifest, dict):
        print(f"{manifest_path}: not a JSON object", file=sys.stderr)
        return 1

    base = os.path.dirname(os.path.abspath(manifest_path))
    check_identity(manifest)
    check_finish_args(manifest)
    check_modules(base, manifest.get("modules"), root)
    check_application_files(root)

    for p in problems:
        print(f"{manifest_path}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"{manifest_path}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
