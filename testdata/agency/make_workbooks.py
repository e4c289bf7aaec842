#!/usr/bin/env python3
"""The example's annex and long table as workbooks (testdata/agency/*.xlsx), for the JS
tests of `Assignments.fromExcel` / `Units.fromExcel`: each CSV under a merged title row and
a blank row (CSV row r = sheet row r + 2); the points columns as numbers on odd rows and as
text with a decimal comma on even rows. An example, not official data. Needs openpyxl."""

import csv
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def workbook_of(csv_name: str, out_name: str, sheet: str, numeric=()) -> None:
    with open(HERE / csv_name, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.cell(row=1, column=1, value="VÍ DỤ (không phải số liệu chính thức)")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell == "":
                continue
            value = cell
            if r > 0 and rows[0][c] in numeric:
                value = float(cell) if r % 2 else cell.replace(".", ",")
            ws.cell(row=r + 3, column=c + 1, value=value)
    wb.save(HERE / out_name)


if __name__ == "__main__":
    workbook_of("assignments_district.csv", "assignments_district.xlsx", "Phụ lục")
    workbook_of(
        "scorecards_district.csv",
        "scorecards_district.xlsx",
        "Điểm",
        ("year", "points", "self_assessed", "appraised"),
    )
