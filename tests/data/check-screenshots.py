#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# The screenshots of the AppStream metainfo are published from this
# repository: every image URL must name a PNG that exists in data/screenshots
# (appstreamcli validate --no-net cannot fetch them to check).
#
# Usage: check-screenshots.py METAINFO SOURCE-ROOT

import os
import sys
import xml.etree.ElementTree as ET

PREFIX = "https://raw.githubusercontent.com/nawat/nawat/main/"


def main():
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} METAINFO SOURCE-ROOT", file=sys.stderr)
        return 2
    metainfo, root = sys.argv[1], sys.argv[2]
    problems = []
    component = ET.parse(metainfo).getroot()
    screenshots = component.findall("./screenshots/screenshot")
    if not screenshots:
        problems.append("no screenshots")
    defaults = [s for s in screenshots if s.get("type") == "default"]
    if len(defaults) != 1:
        problems.append(f"{len(defaults)} default screenshots, expected 1")
    for shot in screenshots:
        images = shot.findall("image")
        if not images:
            problems.append("a screenshot without an image")
        if shot.find("caption") is None:
            problems.append("a screenshot without a caption")
        for image in images:
            url = (image.text or "").strip()
            if not url.startswith(PREFIX):
                problems.append(f"{url}: not published from this repository ({PREFIX})")
                continue
            path = url[len(PREFIX):]
            full = os.path.join(root, path)
            if not path.startswith("data/screenshots/") or not path.endswith(".png"):
                problems.append(f"{url}: not a PNG under data/screenshots/")
            elif not os.path.isfile(full):
                problems.append(f"{url}: {path} does not exist")
            else:
                with open(full, "rb") as f:
                    if f.read(8) != b"\x89PNG\r\n\x1a\n":
                        problems.append(f"{path} is not a PNG image")

    for p in problems:
        print(f"{metainfo}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"{metainfo}: {len(screenshots)} screenshots ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
