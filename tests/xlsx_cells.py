"""The cells of an XLSX workbook's first sheet as openpyxl reads them, checked against the
same sheet as LibreOffice read it (a CSV that soffice converted), printed as JSON:
{"cells": [[text, ...], ...], "widths": [...], "heights": [...], "merged": ["A1:H1", ...]}.
Numbers are printed as LibreOffice prints them (1, not 1.0).  Exits 1 with the first
difference when the two readers disagree.

usage: xlsx_cells.py BOOK.xlsx SHEET.csv
"""
import csv
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def main():
    book, sheet_csv = sys.argv[1], sys.argv[2]
    ws = openpyxl.load_workbook(book).worksheets[0]
    cells = [[text(c.value) for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row,
                                                                    max_col=ws.max_column)]
    with open(sheet_csv, encoding="utf-8", newline="") as f:
        office = [row for row in csv.reader(f)]
    width = len(cells[0]) if cells else 0
    office = [row + [""] * (width - len(row)) for row in office]
    if office != cells:
        for r, (a, b) in enumerate(zip(cells, office)):
            if a != b:
                print(f"row {r + 1}: openpyxl {a!r}, LibreOffice {b!r}", file=sys.stderr)
                break
        else:
            print(f"openpyxl has {len(cells)} rows, LibreOffice {len(office)}", file=sys.stderr)
        sys.exit(1)
    widths = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(width)]
    heights = [ws.row_dimensions[r + 1].height for r in range(len(cells))]
    print(json.dumps({"cells": cells, "widths": widths, "heights": heights,
                      "merged": sorted(str(m) for m in ws.merged_cells.ranges),
                      "repeat": ws.print_title_rows, "landscape": ws.page_setup.orientation == "landscape"},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
