#!/usr/bin/python3
"""The label cell beside a table's header and rows (项目核心团队人员信息 of the Chongqing
申报书) in every format, for the blank form, the sample and a sample with many people:

  PDF   on every page the team table is on, one cell in the label column runs from the top
        of that page's header row to the foot of the table's last person row there; the
        label is drawn once, and the 注 row below spans the whole table;
  DOCX  the header row (w:tblHeader) starts a vertical merge that every person row continues
        and the 注 row does not; the person rows are not all kept with the next one;
  ODT   the header row's first cell spans the header and every person row, which hold
        covered cells in its column.

    check-side-label.py SHENBAO SAMPLES_DIR OUT_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import zipfile

import fitz  # PyMuPDF
import yaml

FORM = "cq-2025-application"
LABEL = "项目核心团队人员信息"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr[:2000]}")


def cell_of(rects, x, y):
    best = None
    for r in rects:
        if r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1 and (best is None or r.get_area() < best.get_area()):
            best = r
    return best


def check_pdf(path, people):
    doc = fitz.open(path)
    pages, labels = 0, 0
    for page in doc:
        words = page.get_text("words")
        ids = [w for w in words if w[4] == "分担任务"]
        if not ids:
            continue
        pages += 1
        rects = [it[1] for d in page.get_drawings() for it in d["items"] if it[0] == "re" and it[1].width > 12]
        head = cell_of(rects, (ids[0][0] + ids[0][2]) / 2, (ids[0][1] + ids[0][3]) / 2)
        name = next(w for w in words if w[4] == "姓名" and head.y0 < (w[1] + w[3]) / 2 < head.y1)
        name_cell = cell_of(rects, (name[0] + name[2]) / 2, (name[1] + name[3]) / 2)
        # the 姓名 column from the header down, cell under cell: the table's foot on this page
        foot = name_cell.y1
        while True:
            below = [r for r in rects if abs(r.x0 - name_cell.x0) < 0.5 and abs(r.x1 - name_cell.x1) < 0.5
                     and abs(r.y0 - foot) < 0.5]
            if not below:
                break
            foot = below[0].y1
        side = [r for r in rects if abs(r.x1 - name_cell.x0) < 0.5 and abs(r.y0 - head.y0) < 0.5]
        if len(side) != 1 or abs(side[0].y1 - foot) > 0.5:
            fail(f"{path} p.{page.number + 1}: no label cell from the header's top ({head.y0:.1f}) "
                 f"to the table's foot ({foot:.1f}): {[tuple(round(v, 1) for v in r) for r in side]}")
            continue
        text = page.get_textbox(side[0]).replace("\n", "")
        labels += LABEL in text
    if pages == 0:
        fail(f"{path}: no team table")
    if labels != 1:
        fail(f"{path}: the label is drawn {labels} times, not once")
    if people > 20 and pages < 2:
        fail(f"{path}: {people} people on {pages} page")


def docx_team_rows(path):
    import xml.etree.ElementTree as ET
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    for tbl in root.iter(W + "tbl"):
        text = "".join(t.text or "" for t in tbl.iter(W + "t"))
        if LABEL in text and "分担任务" in text:
            return tbl.findall(W + "tr")
    return []


def check_docx(path, people):
    rows = docx_team_rows(path)
    if not rows:
        return fail(f"{path}: no team table")
    merges = []
    for tr in rows:
        tc = tr.find(W + "tc")
        vm = tc.find(f"{W}tcPr/{W}vMerge")
        merges.append(None if vm is None else vm.get(W + "val", "continue"))
    header = rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    want = ["restart"] + ["continue"] * (len(rows) - 2) + [None]
    if not header or merges != want or len(rows) != people + 3:
        fail(f"{path}: header {header}, merges {merges}, {len(rows)} rows for {people} people")
    kept = [any(True for _ in tr.iter(W + "keepNext")) for tr in rows[1:-2]]
    if len(kept) > 1 and all(kept):
        fail(f"{path}: every person row is kept with the next one")


def check_odt(path, people):
    content = zipfile.ZipFile(path).read("content.xml").decode()
    start = content.index(LABEL)
    table = content[content.rindex("<table:table ", 0, start):content.index("</table:table>", start)]
    rows = re.findall(r"<table:table-row\b.*?</table:table-row>", table, re.S)
    first = re.match(r"<table:table-row[^>]*>\s*<table:table-cell([^>]*)>", rows[0])
    span = re.search(r'number-rows-spanned="(\d+)"', first.group(1)) if first else None
    covered = [re.match(r"<table:table-row[^>]*>\s*<table:covered-table-cell", r) is not None for r in rows[1:]]
    in_header = "table:table-header-rows" in table[:table.index(LABEL)]
    if not in_header or not span or int(span.group(1)) != people + 2 or covered != [True] * (people + 1) + [False]:
        fail(f"{path}: in header {in_header}, span {span and span.group(1)}, covered {covered}")


def main():
    shenbao, samples, out = sys.argv[1:]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    sample = os.path.join(samples, FORM + ".yaml")
    data = yaml.safe_load(open(sample, encoding="utf-8"))
    many = dict(data, team=[dict(p) for p in data["team"] * 5])
    many_path = os.path.join(out, "many.yaml")
    yaml.safe_dump(many, open(many_path, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
    cases = [("blank", None, 3), ("sample", sample, len(data["team"])), ("many", many_path, len(many["team"]))]
    for name, src, people in cases:
        d = os.path.join(out, name)
        for fmt in ("pdf", "docx", "odt"):
            run([shenbao, "blank", FORM, "-f", fmt, "-o", d] if src is None else
                [shenbao, "render", src, "-f", fmt, "-o", d])
        base = os.path.join(d, FORM if src is None else os.path.basename(src)[:-5])
        check_pdf(base + ".pdf", people)
        check_docx(base + ".docx", people)
        check_odt(base + ".odt", people)
        print(f"{name}: {people} people checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
