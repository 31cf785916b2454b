#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# Reads an XLSX export back with openpyxl and compares it with the CSV
# export of the same store (tests/test-export.c): the same header, the same
# rows, each cell of the type its column has (numbers as numbers, booleans
# as booleans, text as text); a bold, frozen header row, number formats on
# the numeric columns, wide title columns.  The outstanding work of
# nawat-cli remind (tests/test-remind.sh) goes through the same table code
# and is compared the same way.
#
# Usage: compare-xlsx-csv.py FILE.xlsx FILE.csv

import csv
import re
import sys

import openpyxl

# The numbers of the CSV have at most four decimals.
EPSILON = 5e-5
# A CSV text cell that a spreadsheet would run has a leading ' (OWASP); the
# workbook's text cell needs none.
FORMULA_STARTS = "=+-@\t\r"
FORMATS = {"composite": "0.00", "completeness": "0.00", "budget_thb": "#,##0"}

problems = []


def problem(message):
    problems.append(message)


def unescape(text):
    """ECMA-376's _xHHHH_ escapes (a carriage return is _x000D_), which
    Excel reads and openpyxl 3.0 leaves as they are."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def same_cell(name, xlsx, text):
    if text == "":
        return xlsx is None or xlsx == ""
    if isinstance(xlsx, bool):
        return text == ("true" if xlsx else "false")
    if isinstance(xlsx, (int, float)):
        try:
            return abs(float(text) - xlsx) <= EPSILON
        except ValueError:
            return False
    if not isinstance(xlsx, str):
        return False
    xlsx = unescape(xlsx)
    if xlsx and xlsx[0] in FORMULA_STARTS:
        return text == "'" + xlsx
    return text == xlsx


def main(xlsx_path, csv_path):
    with open(csv_path, encoding="utf-8", newline="") as f:
        records = list(csv.reader(f))
    workbook = openpyxl.load_workbook(xlsx_path)
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows()]

    if len(rows) != len(records):
        problem(f"{len(rows)} rows in the workbook, {len(records)} in the CSV")
    header = records[0]
    if [c.value for c in rows[0]] != header:
        problem(f"header {[c.value for c in rows[0]]} != {header}")
    if sheet.freeze_panes != "A2":
        problem(f"frozen panes at {sheet.freeze_panes}, not below the header (A2)")
    if not all(c.font.b for c in rows[0]):
        problem("the header row is not bold")

    numbers = set()
    for r, (row, record) in enumerate(zip(rows[1:], records[1:]), start=2):
        if len(record) != len(header):
            problem(f"CSV row {r} has {len(record)} fields")
        for c, name in enumerate(header):
            cell = row[c] if c < len(row) else None
            value = cell.value if cell is not None else None
            text = record[c] if c < len(record) else ""
            if not same_cell(name, value, text):
                problem(f"row {r} column {name}: workbook {value!r}, CSV {text!r}")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                numbers.add(name)
                wanted = FORMATS.get(name)
                if wanted and cell.number_format != wanted:
                    problem(f"row {r} column {name}: format {cell.number_format!r}, not {wanted!r}")
            if name in FORMATS and value is not None and not isinstance(value, (int, float)):
                problem(f"row {r} column {name}: {value!r} is not a number")

    for c, name in enumerate(header):
        if name == "title" or name.startswith("title_"):
            letter = openpyxl.utils.get_column_letter(c + 1)
            width = sheet.column_dimensions[letter].width
            if width is None or width < 30:
                problem(f"column {name} is {width} wide")

    for p in problems:
        print(p)
    print(f"# {len(rows)} rows, numeric columns: {', '.join(sorted(numbers)) or 'none'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
