#!/usr/bin/python3
"""An opinion that is a table of its own (two seal rows, as the 2022 省 opinions) after a
table of 20 to 60 rows: it starts a page only when keeping it with the rows before would
leave that page more than 60 mm (over a quarter) empty, and whenever it does start one,
the page before is full to within that.  Before the lookahead it started a page alone for
15 of the 41 lengths; now for 2, where no row can go along without emptying the page.

    check-opinion-keep.py SHENBAO DATADIR OUT_DIR
"""
import os
import shutil
import subprocess
import sys

import fitz  # PyMuPDF
import yaml

MM = 72 / 25.4
FOOT = (37 + 225) * MM


def opinion_starts_page(pdf):
    """(starts a page, mm left empty on the page before) for the first opinion row."""
    doc = fitz.open(pdf)
    for page in doc:
        words = [w for w in page.get_text("words") if "甲部门意见" in w[4]]
        if not words:
            continue
        rects = [it[1] for d in page.get_drawings() for it in d["items"] if it[0] == "re" and it[1].width > 12]
        top = min(r.y0 for r in rects)
        starts = any(abs(r.y0 - top) < 1 and r.y0 < words[0][1] < r.y1 for r in rects)
        if not starts or page.number == 0:
            return False, 0
        prev = doc[page.number - 1]
        bottom = max(it[1].y1 for d in prev.get_drawings() for it in d["items"] if it[0] == "re")
        return True, (FOOT - bottom) / MM
    sys.exit(f"{pdf}: no opinion")


def main():
    shenbao, datadir, out = sys.argv[1:]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    alone, failed = [], 0
    for n in range(20, 61):
        data = os.path.join(out, f"rows{n}.yaml")
        yaml.safe_dump({"form": "opinion-keep", "rows": [{"text": f"第{i}行的内容"} for i in range(1, n + 1)]},
                       open(data, "w", encoding="utf-8"), allow_unicode=True)
        r = subprocess.run([shenbao, "render", data, "--datadir", datadir, "-f", "pdf", "-o", out],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(r.stderr)
        starts, empty = opinion_starts_page(data[:-5] + ".pdf")
        if starts:
            alone.append(n)
            if empty < 60:
                failed += 1
                print(f"FAIL: with {n} rows the opinion starts a page, the page before {empty:.0f} mm short of full")
    print(f"the opinion starts a page alone with {alone} rows (of 20 to 60)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
