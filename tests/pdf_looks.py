#!/usr/bin/python3
"""Measures how shenbao's PDFs are set, from their glyph positions and drawn rules.

    pdf_looks.py SHENBAO SAMPLES_DIR OUT_DIR [--keep] [--only FORM]

Writes every blank form, every sample and a hard variant of every sample (every free-text
field at its limit or long, dense punctuation, long Latin tokens, e-mails and URLs, rare
characters, lists at their maximum), then counts in each PDF:

  cell      glyphs crossing a drawn cell border
  area      glyphs outside the type area (page numbers aside)
  clreq     lines starting with a mark no line may start with, or ending with one no line
            may end with
  bound     such lines where no setting could avoid it: the run the rules bind across the
            break (marks, …… pairs, a code that fits the cell and must stay whole) is wider
            than the cell, so breaking a rule is the only way to stay inside it
  lone      paragraphs in cells whose last line is one lone character
  token     codes, phones, e-mails, URLs broken across lines though the cell holds them
  empty     pages more than a third empty that do not end before a new part
  widow     a paragraph's last line alone at the top of a page, or its first line alone
            at the foot of one
  squeeze   a mark set half wide in the middle of a line with no mark beside it
  gap       a justified line whose slack went into a space (YG-OCT   3000)
  whole     values of a sample that its form's grid was made to hold on one line (WHOLE)
            and that do not stand on one line
  spaced    a justified line whose slack went between the letters or digits of a Latin
            run (1 3 . 0 %): Chinese setting spreads it between Chinese characters
  baseline  a glyph whose origin stands more than 0.1 pt off the baseline of the glyphs of
            its size beside it on the line (a fallback font's rare character set higher)
  option    the label of a checkbox group's option (IVD仪器与试剂), four to ten characters,
            broken over two lines after its box (OPTIONS)
  seal      a row holding a seal (（公章）) as the first row of a page, cut off from what it
            signs: the last row of the table it signs, or an opinion that is a table of its
            own (the 2022 省 opinions, the 2025 申报单位意见); not an opinion whose cell holds
            text of its own above the seal
  stub      a table row at the top of a page, continued from the page before, holding no
            glyph and less than two and a half lines of room to write in (29 pt a line): a
            thin slice of a blank field's room carried over from the row above
  lonerow   a table's short row (under three lines) alone at the top of a page, under the header rows repeated there,
            when it ends its run of rows of one grid (the table's last row, or the last of
            its rows of one column layout: 资产负债率) and the page before ends with a row of
            that grid (not a row cut at the foot of the page before and going on)

Prints the counts and the first cases of each; exits 1 when a count that must be zero
is not (HARD_STRICT below).
"""
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys

import fitz  # PyMuPDF
import yaml

MM = 72 / 25.4
# the type area: (left, top, width, height) of an upright sheet and of one on its side
UPRIGHT = (28 * MM, 37 * MM, 156 * MM, 225 * MM)
ON_SIDE = (37 * MM, 28 * MM, 225 * MM, 156 * MM)
TOL = 0.35

NO_START = set("、，。．；：？！”’」』）］〕】｝〉》〗…％—～·・／,.;:?!%)]")
NO_END = set("“‘「『（［〔【｛〈《〖(［")
CLOSING = set("、，。．；：？！”’」』）］〕】｝〉》〗%％")
TOKEN = re.compile(r"[A-Za-z0-9@._\-/:+%#]")


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0x20000 <= o <= 0x3FFFF or 0xF900 <= o <= 0xFAFF


# ---- reading a page ----


class Page:
    def __init__(self, page):
        self.number = page.number + 1
        self.width, self.height = page.rect.width, page.rect.height
        left, top, w, h = ON_SIDE if self.width > self.height else UPRIGHT
        self.left, self.top, self.right, self.foot, self.type_h = left, top, left + w, top + h, h
        BOTTOM = self.foot
        self.cells = []
        self.blanks = []
        self.boxes = []
        self.bottom = 0.0   # lowest drawn thing of the type area
        for d in page.get_drawings():
            for it in d["items"]:
                if it[0] == "re":
                    r = it[1]
                    if r.width > 12 and r.height > 8:   # checkboxes are smaller
                        self.cells.append((r.x0, r.y0, r.x1, r.y1))
                    else:
                        self.boxes.append((r.x0, r.x1, r.y1))
                    self.bottom = max(self.bottom, min(r.y1, BOTTOM))
                elif it[0] == "l":
                    self.bottom = max(self.bottom, min(max(it[1].y, it[2].y), BOTTOM))
                    if abs(it[1].y - it[2].y) < 0.1:   # a blank to write on, drawn as a rule
                        self.blanks.append((min(it[1].x, it[2].x), max(it[1].x, it[2].x), it[1].y))
        self.chars = []
        # spaces only where the text has them (MuPDF would add them for wide gaps)
        raw = page.get_text("rawdict", flags=fitz.TEXTFLAGS_RAWDICT | fitz.TEXT_INHIBIT_SPACES)
        for block in raw["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    space = False
                    for ch in span["chars"]:
                        if ch["c"].isspace():
                            space = ch["c"] == " "   # 年　月　日 keeps its full-width spaces
                            continue
                        x0, y0, x1, y1 = ch["bbox"]
                        self.chars.append({"c": ch["c"], "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                                           "base": ch["origin"][1], "size": span["size"], "w": x1 - x0,
                                           "after_space": space})
                        space = False
        self.number_chars = [c for c in self.chars if c["base"] > BOTTOM + 3 * MM]   # page numbers
        self.chars = [c for c in self.chars if c["base"] <= BOTTOM + 3 * MM]
        for c in self.chars:
            self.bottom = max(self.bottom, c["y1"])
            c["cell"] = self.cell_of(c)
        self.lines = self.group_lines()

    def cell_of(self, c):
        """The smallest cell holding the glyph's centre, or None outside tables."""
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["y0"] + c["y1"]) / 2
        best = None
        for r in self.cells:
            if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]:
                if best is None or (r[2] - r[0]) * (r[3] - r[1]) < (best[2] - best[0]) * (best[3] - best[1]):
                    best = r
        return best

    def group_lines(self):
        # one line per cell and baseline; glyphs of a fallback font (rare characters) may
        # stand a point off the line's baseline and still belong to that line
        groups, last = {}, {}
        for c in sorted(self.chars, key=lambda c: c["base"]):
            key = last.get(c["cell"])
            if key is None or c["base"] - key[1] >= 0.15 * c["size"]:
                key = last[c["cell"]] = (c["cell"], c["base"])
                groups[key] = []
            groups[key].append(c)
        lines = []
        for (cell, base), chars in groups.items():
            chars.sort(key=lambda c: c["x0"])
            lines.append({"cell": cell, "base": base, "chars": chars, "size": max(c["size"] for c in chars),
                          "text": "".join(c["c"] for c in chars), "x0": chars[0]["x0"], "x1": chars[-1]["x1"]})
        lines.sort(key=lambda l: (l["base"], l["x0"]))
        for l in lines:
            set_advances(l)
        return lines


def set_advances(line):
    """Glyph boxes from where the next glyph starts: the PDF's widths are the font's, but
    compressed punctuation (halt) is positioned half wide.  A full-width closing mark has
    its ink in its left half and an opening mark in its right half (a compressed opening
    mark is drawn half an em left): that ink is what may meet a border."""
    chars = line["chars"]
    for c, d in zip(chars, chars[1:]):
        advance = d["x0"] - c["x0"]
        if 0 < advance < c["x1"] - c["x0"]:
            c["x1"] = c["x0"] + advance
    for c in chars:
        half = c["size"] / 2
        if c["c"] in CLOSING and ord(c["c"]) > 0x2000:
            c["x1"] = min(c["x1"], c["x0"] + half)
        elif c["c"] in NO_END and ord(c["c"]) > 0x2000:
            c["x0"], c["x1"] = c["x0"] + half, c["x0"] + 2 * half
    line["x1"] = chars[-1]["x1"]


def paragraphs(lines):
    """Runs of lines of one cell at one pitch: what a paragraph looks like from outside."""
    by_cell = {}
    for l in lines:
        by_cell.setdefault(l["cell"], []).append(l)
    for cell, ls in by_cell.items():
        ls.sort(key=lambda l: l["base"])
        run = [ls[0]]
        for prev, l in zip(ls, ls[1:]):
            if 0 < l["base"] - prev["base"] < 1.7 * max(l["size"], prev["size"]) and abs(l["size"] - prev["size"]) < 0.1:
                run.append(l)
            else:
                yield cell, run
                run = [l]
        yield cell, run


# ---- the checks ----


def check_cells(page, out):
    for c in page.chars:
        cy = (c["y0"] + c["y1"]) / 2
        for r in page.cells:
            if not (r[1] + 1 < cy < r[3] - 1):
                continue
            for x in (r[0], r[2]):
                if c["x0"] < x - TOL and c["x1"] > x + TOL:
                    out.append(f"p.{page.number}: '{c['c']}' crosses the border at x={x:.1f}")
                    break


def check_area(page, out):
    for c in page.chars:
        if c["x0"] < page.left - TOL or c["x1"] > page.right + TOL or c["y1"] < page.top - 2 or c["base"] > page.foot + 1:
            out.append(f"p.{page.number}: '{c['c']}' outside the type area at ({c['x0']:.1f}, {c['base']:.1f})")


def after_blank(page, line):
    """The line starts with a blank to write on (a drawn rule), not with its first glyph."""
    x, base = line["x0"], line["base"]
    return any(x1 <= x + 1 and x1 > x - 3 * line["size"] and abs(y - base) < line["size"] for x0, x1, y in page.blanks)


def natural_width(c):
    """The least room a glyph can take: a mark that compression may halve (，。（） and
    the like, not ！？…) half an em."""
    if c["c"] in "，、；：。）》」』”’】〕（《「『“‘【〔〈〉":
        return c["size"] / 2
    return c["w"]


def bound_width(chars, at, room):
    """The width of the run that the rules bind across the break before chars[at]: no
    line may start with a closing mark or end with an opening one, and a code, phone or
    e-mail that fits the room is not broken.  Every other break counts as allowed, so that
    the run is the least any setting could make of it."""
    tokens = []   # (first, last) of each Latin token that fits the room: kept whole
    i = 0
    while i < len(chars):
        j = i
        # a model number with a space (YG-OCT 3000) is one token, as for the token count
        while j + 1 < len(chars) and TOKEN.match(chars[i]["c"]) and TOKEN.match(chars[j + 1]["c"]):
            j += 1
        if j > i and sum(natural_width(c) for c in chars[i:j + 1]) <= room:
            tokens.append((i, j))
        i = j + 1

    def bound(k):   # no break before chars[k]
        a, b = chars[k - 1]["c"], chars[k]["c"]
        return b in NO_START or a in NO_END or any(i < k <= j for i, j in tokens)
    first, last = at - 1, at
    while first > 0 and bound(first):
        first -= 1
    while last + 1 < len(chars) and bound(last + 1):
        last += 1
    return sum(natural_width(c) for c in chars[first:last + 1])


def check_clreq(page, out, forced):
    for cell, run in paragraphs(page.lines):
        room = (cell[2] - cell[0] - 2 * MM) if cell else page.right - page.left
        chars = [c for l in run for c in l["chars"]]
        starts = [0]
        for l in run:
            starts.append(starts[-1] + len(l["chars"]))
        for k, l in enumerate(run):
            t = l["text"]
            if k == 0 and (t.startswith("——") or t.startswith("……")):
                continue   # a paragraph may start with a dash or an ellipsis
            bad_start = t[0] in NO_START and not after_blank(page, l)
            bad_end = t[-1] in NO_END
            if not (bad_start or bad_end):
                continue
            # a break no rule allows is the only way to stay inside the cell when the run
            # the rules bind across it is wider than the cell: counted apart
            at = starts[k] if bad_start else starts[k + 1]
            if 0 < at < len(chars) and bound_width(chars, at, room) > room + 0.01:
                forced.append(f"p.{page.number}: line '{t}', the run it breaks is wider than {room:.0f} pt")
            else:
                out.append(f"p.{page.number}: line '{t}'")


def lone(text):
    body = text.rstrip("".join(CLOSING))
    return len(body) == 1 and is_han(body)


def check_lone(page, out):
    for cell, run in paragraphs(page.lines):
        if cell is None or len(run) < 2:
            continue
        last = run[-1]
        blank_after = any(x0 > last["x1"] - 1 and abs(y - last["base"]) < last["size"] for x0, x1, y in page.blanks)
        if lone(last["text"]) and not blank_after and (cell[2] - cell[0]) > 3.2 * last["size"]:
            out.append(f"p.{page.number}: '{''.join(l['text'] for l in run)}' leaves '{run[-1]['text']}' alone")


def check_tokens(page, out):
    for cell, run in paragraphs(page.lines):
        room = (cell[2] - cell[0] - 2 * MM) if cell else page.right - page.left
        for k, (a, b) in enumerate(zip(run, run[1:])):
            if not (TOKEN.match(a["text"][-1]) and re.match(r"[A-Za-z0-9]", b["text"][0])):
                continue
            i = len(a["chars"])
            while i > 0 and TOKEN.match(a["chars"][i - 1]["c"]):
                i -= 1
            # the token goes on over every following line that is all token
            tail = []
            for c in run[k + 1:]:
                j = 0
                while j < len(c["chars"]) and TOKEN.match(c["chars"][j]["c"]):
                    j += 1
                tail += c["chars"][:j]
                if j < len(c["chars"]):
                    break
            part = a["chars"][i:] + tail
            width = sum(c["x1"] - c["x0"] for c in part)
            head = sum(c["x1"] - c["x0"] for c in a["chars"][i:])
            # kept whole when it fits, however short the line above is left;
            # i == 0: the token had the whole line already
            if width <= room - 1 and i > 0:
                out.append(f"p.{page.number}: '{''.join(c['c'] for c in part)}' broken, {width:.0f} pt in {room:.0f} pt")


FULL_CLOSE = set("，、；：。）》」』”’】〕")
FULL_OPEN = set("（《「『“‘【〔")
MARKS = FULL_CLOSE | FULL_OPEN


def check_squeeze(page, out):
    """A mark set half wide in the middle of a line with no mark beside it: compression is
    for adjacent marks and line ends only."""
    for l in page.lines:
        cs = l["chars"]
        for k in range(1, len(cs) - 1):
            c, prev, nxt = cs[k], cs[k - 1], cs[k + 1]
            # a closing mark before ！ or ？ gives its blank half to it (〕！), as before a mark
            if prev["c"] in MARKS or nxt["c"] in MARKS | set("！？") or abs(c["size"] - nxt["size"]) > 0.1:
                continue
            half = 0.25 * c["size"]
            if c["c"] in FULL_CLOSE and nxt["x0"] - c["x0"] < c["size"] - half:
                out.append(f"p.{page.number}: '{prev['c']}{c['c']}{nxt['c']}' in '{l['text'][:20]}'")
            elif c["c"] in FULL_OPEN and c["x0"] - prev["x0"] < prev["w"] - half and prev["w"] > 0.9 * prev["size"]:
                out.append(f"p.{page.number}: '{prev['c']}{c['c']}{nxt['c']}' in '{l['text'][:20]}'")


def shape_between(page, x0, x1, base, size):
    """A checkbox or a blank to write on drawn in the gap: not a gap of the text."""
    return any(x0 - 1 < a and b < x1 + 1 for a, b, y in page.blanks + page.boxes if abs(y - base) < size)


def check_gaps(page, out):
    """A justified line whose slack went into a space: a space wider than 0.75 of a
    character (a space is a quarter) in a line that reaches its right edge."""
    for l in page.lines:
        cs = l["chars"]
        right = l["cell"][2] - 1 * MM if l["cell"] else page.right
        if l["x1"] < right - l["size"]:
            continue   # not a justified line: a last line, a centred or a right-aligned one
        for a, b in zip(cs, cs[1:]):
            x0, x1 = a["x0"] + a["w"], b["x0"]
            if b["after_space"] and x1 - x0 > 0.75 * a["size"] and not shape_between(page, x0, x1, l["base"], l["size"]):
                out.append(f"p.{page.number}: '{l['text'][:24]}' gap after '{a['c']}'")
                break


LATIN = re.compile(r"[A-Za-z0-9@._\-/:+%#]")


def check_spaced(page, out):
    """Letters or digits of one run standing apart: a gap of more than a twentieth of an em
    between two glyphs of a Latin run (their boxes are the font's advances)."""
    for l in page.lines:
        cs = l["chars"]
        for a, b in zip(cs, cs[1:]):
            if LATIN.match(a["c"]) and LATIN.match(b["c"]) and not b["after_space"] and abs(a["size"] - b["size"]) < 0.1 \
                    and b["x0"] - a["x1"] > 0.05 * a["size"]:
                out.append(f"p.{page.number}: '{l['text'][:24]}' spaced at '{a['c']}{b['c']}'")
                break


def body_lines(page):
    return [l for l in page.lines if l["cell"] is None]


def check_widows(pages, out):
    for p, q in zip(pages, pages[1:]):
        a, b = body_lines(p), body_lines(q)
        if not a or not b or q.lines[0]["cell"] is not None or p.lines[-1]["cell"] is not None:
            continue
        last, first = a[-1], b[0]
        size = last["size"]
        LEFT, RIGHT = p.left, p.right
        full = last["x1"] > RIGHT - 1.2 * size and last["x0"] < LEFT + 0.5 * size and abs(first["size"] - size) < 0.1
        starts = first["x0"] > LEFT + 1.5 * size
        # a line with no Chinese character between its first and last is set ragged, as
        # justification leaves it (a URL cut at its natural points): short, it is not a
        # paragraph's last line when the next line goes on, not indented
        ragged = not any(ord(c) >= 0x80 and not c.isspace() for c in first["text"][1:-1])
        cut = ragged and len(b) > 1 and b[1]["x0"] < LEFT + 0.5 * size
        if full and not starts and not cut and first["x1"] < RIGHT - 1.2 * size and len(b) > 1 and b[1]["base"] - first["base"] > 1.7 * size:
            out.append(f"p.{q.number}: '{first['text']}' alone at the top")
        if last["x0"] > LEFT + 1.5 * size and last["x1"] > RIGHT - 1.2 * size and not starts and abs(first["size"] - size) < 0.1 \
                and first["x0"] < LEFT + 0.5 * size and len(a) > 1 and last["base"] - a[-2]["base"] > 1.7 * size:
            out.append(f"p.{p.number}: '{last['text']}' alone at the foot")


def check_baseline(page, out):
    for l in page.lines:
        for a, b in zip(l["chars"], l["chars"][1:]):
            if abs(a["size"] - b["size"]) < 0.01 and abs(a["base"] - b["base"]) > 0.1:
                out.append(f"p.{page.number}: '{a['c']}{b['c']}' {b['base'] - a['base']:+.2f} pt in '{l['text'][:30]}'")


def signs_text(page, cell):
    """Whether a cell holds text of its own above its seal (at least 50 mm at its foot): an
    opinion that is not short, whose seal is not cut off from what it signs."""
    return any(c["cell"] == cell and c["y1"] < cell[3] - 52 * MM for c in page.chars)


def check_seal(page, out):
    tops = [r[1] for r in page.cells]
    if not tops:
        return
    first = min(tops)
    for c in page.chars:
        if c["c"] != "章":
            continue
        cy = (c["y0"] + c["y1"]) / 2
        for r in page.cells:
            if r[1] < cy < r[3] and r[1] - first < 1 and r[0] - c["x0"] < 0 and not signs_text(page, r):
                out.append(f"p.{page.number}: a seal row is the page's first row")
                return


ROOM_LINE = 28.95   # one line of room to write in, as the PDF writer sets it
TABLE_LINE = 10.5 * 1.45 + 2 * MM / 3   # a line of table text, its share of the padding


def table_rows(page):
    """The page's table rows from the drawn cells: (top, bottom, edges, text) in order,
    `edges` the left and right sides of the cells covering the row."""
    tops = sorted({round(r[1], 1) for r in page.cells})
    rows = []
    for top in tops:
        starting = [r for r in page.cells if abs(r[1] - top) < 0.5]
        bottom = min(r[3] for r in starting)
        cover = [r for r in page.cells if r[1] < top + 0.5 and r[3] > bottom - 0.5]
        edges = tuple(sorted({round(x) for r in cover for x in (r[0], r[2])}))
        text = "".join(c["c"] for c in sorted(page.chars, key=lambda c: (c["base"], c["x0"]))
                       if top < (c["y0"] + c["y1"]) / 2 < bottom)
        rows.append((top, bottom, edges, text))
    return rows


def ends_with_table(page, rows):
    """The page's last drawn thing is a table row: its table may go on on the next page."""
    return rows and not any(l["cell"] is None and l["base"] > rows[-1][1] for l in page.lines)


def check_rows(pages, stubs, lonely):
    for p, q in zip(pages, pages[1:]):
        above, rows = table_rows(p), table_rows(q)
        if not rows or abs(rows[0][0] - q.top) > 1 or not ends_with_table(p, above):
            continue
        top, bottom, edges, text = rows[0]
        if not text and bottom - top < 2.5 * ROOM_LINE:
            stubs.append(f"p.{q.number}: an empty row {bottom - top:.0f} pt tall at the top")
        seen = {r[3] for r in above if r[3]}
        k = 0
        while k < len(rows) and rows[k][3] in seen and (k == 0 or abs(rows[k][0] - rows[k - 1][1]) < 0.5):
            k += 1   # the header rows repeated
        if k >= len(rows) or (k > 0 and abs(rows[k][0] - rows[k - 1][1]) > 0.5):
            continue
        row = rows[k]
        below = [r for r in rows if abs(r[0] - row[1]) < 0.5]
        # a row ending at the very foot of the page before was cut there: it goes on here
        cut = abs(above[-1][1] - p.foot) < 1
        # a short row, like a paragraph's last line: a tall one is worth its page
        short = row[1] - row[0] < 3 * TABLE_LINE
        if short and (not below or below[0][2] != row[2]) and above[-1][2] == row[2] and not cut:
            lonely.append(f"p.{q.number}: row '{row[3][:12]}' alone at the top")


def check_empty(doc, pages, out, blank):
    """A blank form leaves room to write in that the PDF does not show: there a page
    counts as empty when two thirds of it are."""
    parts = {entry[2] for entry in doc.get_toc() if entry[0] == 1}
    for p in pages[:-1]:
        if p.number + 1 in parts:
            continue
        if p.bottom < p.top + p.type_h * (1 / 3 if blank else 2 / 3):
            out.append(f"p.{p.number}: ends {(p.foot - p.bottom) / MM:.0f} mm above the foot")


CHECKS = ["cell", "area", "clreq", "bound", "lone", "token", "empty", "widow", "squeeze", "gap", "spaced", "whole", "baseline",
          "seal", "option", "stub", "lonerow"]
# The hard variants put runs that clreq binds together (“丁：（戊）”。……) and 50-letter
# tokens into narrow columns.  There a line still never starts or ends with a forbidden mark
# unless the run the rules bind is wider than the cell (bound, counted and shown apart);
# no slack goes into a space or between the letters of a Latin run, no code, phone or
# e-mail that fits is broken, and every glyph stands on its line's baseline, on any data
# (clreq, gap, spaced, token, baseline).
HARD_STRICT = ["cell", "area", "clreq", "empty", "widow", "squeeze", "gap", "spaced", "token", "baseline", "option"]
# No blank form or sample starts a page with a seal row.  In the hard variants an opinion
# holding a page of text, or following one, can only be kept with its seal by cutting its
# text or leaving a page empty: there it is counted, and required only where the opinions
# are short rows at the end of the table they sign (the Chongqing 参与单位 tables).
SEAL_KEPT = ["cq-2025-application"]


def required(pdf, check):
    name = os.path.basename(pdf)
    if check == "seal" and name.startswith("hard-"):
        return any(form in name for form in SEAL_KEPT)
    return not name.startswith("hard-") or check in HARD_STRICT


# Values of the samples that the official grid gives room on one line: the 2025 申报表's
# phone, fax, e-mail, credit code and ID columns were set so that these stay whole.
WHOLE = {"miit-2025-application.pdf": ["91320594MA1N7K2Q8D", "0513-85126688", "13951206837", "0513-85126690",
                                       "320106197209180429", "xuqingyan@jdsph.org.cn", "0513-83718200",
                                       "0513-83718266", "0513-85126701", "13805130276",
                                       "MA1P3R6W-1", "0513-87263510", "MA20KDL4-1", "320113197501090440"]}


def check_whole(path, pages, out):
    if os.path.basename(os.path.dirname(path)) == "blank":
        return
    texts = [l["text"] for p in pages for l in p.lines]
    for value in WHOLE.get(os.path.basename(path), []):
        if not any(value in t for t in texts):
            out.append(f"'{value}' not on one line")


# The options of the forms' checkbox groups that a line can hold: each is one unit, set on
# one line with its box.
def form_options():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates")
    found = set()
    for folder, _, files in os.walk(root):
        for f in files:
            if f.endswith(".xml"):
                with open(os.path.join(folder, f), encoding="utf-8") as x:
                    found.update(o for o in re.findall(r"<option>([^<]*)</option>", x.read())
                                 if 4 <= len(o) <= 10)
    return sorted(found)


OPTIONS = form_options()


def check_options(path, pages, out):
    """An option's label that starts right after a checkbox on one line of a cell and ends
    on the next line of that cell."""
    for p in pages:
        by_cell = {}
        for l in p.lines:
            by_cell.setdefault(l["cell"], []).append(l)
        for lines in by_cell.values():
            for a, b in zip(lines, lines[1:]):
                joined = a["text"] + b["text"]
                for o in OPTIONS:
                    at = joined.find(o)
                    while at != -1:
                        if at < len(a["text"]) < at + len(o) and after_box(p, a, a["chars"][at]):
                            out.append(f"p{p.number}: option '{o}' broken over two lines")
                        at = joined.find(o, at + 1)


def after_box(page, line, first):
    """Whether a checkbox is drawn just before glyph `first` of `line`."""
    return any(abs(x1 - first["x0"]) < 0.5 * line["size"] and line["base"] - line["size"] < y1 <= line["base"] + 0.3 * line["size"]
               for x0, x1, y1 in page.boxes)


def measure(path):
    doc = fitz.open(path)
    pages = [Page(p) for p in doc]
    found = {k: [] for k in CHECKS}
    for p in pages:
        check_cells(p, found["cell"])
        check_area(p, found["area"])
        check_clreq(p, found["clreq"], found["bound"])
        check_lone(p, found["lone"])
        check_tokens(p, found["token"])
        check_squeeze(p, found["squeeze"])
        check_gaps(p, found["gap"])
        check_spaced(p, found["spaced"])
        check_baseline(p, found["baseline"])
        check_seal(p, found["seal"])
    check_empty(doc, pages, found["empty"], os.path.basename(os.path.dirname(path)) == "blank")
    check_widows(pages, found["widow"])
    check_rows(pages, found["stub"], found["lonerow"])
    check_whole(path, pages, found["whole"])
    check_options(path, pages, found["option"])
    doc.close()
    return len(pages), found


# ---- hard data ----

# rare characters of names that the bundled fonts have (Ext-A and late URO)
RARE = "䶮龘䲜㐀鿏堃喆赟犇珺玥旻曌垚燚瑄"
TOKENS = ["xuqingyan.zhang@jiangdong-photonics-medical.org.cn", "https://www.jdsph.org.cn/xm/2025/shenbao/index.html",
          "YG-OCT3000-PRO-X2", "91320600MA1P3R6W1X", "0513-85126690-8012", "Supercalifragilisticexpialidociousnessandsoforth",
          "ISO13485:2016/YY0505-2012", "2025-10-20T08:30:00Z", "YG-OCT 3000", "探测器CT 3台"]
DENSE = ["（“甲”）、", "《乙》；", "——丙，", "“丁：（戊）”。", "【己】、", "〔庚〕！", "……辛？", "壬（癸）。"]


def hard_text(rnd, n):
    parts, length = [], 0
    while length < n:
        k = rnd.random()
        if k < 0.25:
            s = rnd.choice(DENSE)
        elif k < 0.4:
            s = rnd.choice(TOKENS)
        elif k < 0.5:
            s = "".join(rnd.choice(RARE) for _ in range(rnd.randint(1, 3)))
        else:
            s = "".join(rnd.choice("医疗装备推广应用项目单位技术临床研究中心有限公司") for _ in range(rnd.randint(2, 9)))
        parts.append(s)
        length += len(s)
    # a paragraph may start with …… or ——, which the measurement could not tell from a line
    # start inside the paragraph: the text starts with a character
    text = ("甲" + "".join(parts))[:n]
    return text.rstrip("（“《【〔") or "甲"


def limit_of(schema):
    d = schema.get("description", "")
    m = re.search(r"限 ?(\d+) ?字", d) or re.search(r"(\d+) ?字以内", d)
    return int(m.group(1)) if m else None


def is_free_text(schema):
    return schema.get("description", "").startswith("文本") and "enum" not in schema and \
        ("pattern" not in schema or limit_of(schema))


def harden(value, schema, rnd, counter, grow):
    """The value made hard where the schema says it is free text; lists filled up."""
    if isinstance(value, dict) and "properties" in schema:
        return {k: harden(v, schema["properties"].get(k, {}), rnd, counter, grow) for k, v in value.items()}
    if isinstance(value, list) and "items" in schema and value:
        cap = schema.get("maxItems") or len(value) + 4
        items = [value[i % len(value)] for i in range(max(len(value), min(cap, 12) if grow else 0))]
        return [harden(v, schema["items"], rnd, counter, grow) for v in items]
    if isinstance(value, str) and is_free_text(schema):
        if value in counter[1]:   # equal values stay equal: rules compare them
            return counter[1][value]
        counter[0] += 1
        limit = limit_of(schema)
        n = limit if limit else max(12, min(3 * len(value), 1500))
        paragraphs = [hard_text(rnd, max(4, n // 3)) for _ in range(3)] if "\n" in value.strip() and not limit else [hard_text(rnd, n)]
        # a number keeps every unit name apart, so the cross-unit rules have nothing to say
        tag = f"第{counter[0]}号"
        counter[1][value] = "\n\n".join(paragraphs)[: (limit or 10**6) - len(tag)] + tag
        return counter[1][value]
    return value


def hard_variant(shenbao, sample, out_dir):
    """Writes and renders the hard variant; lists are filled up by repeating their items
    unless that repeats what the form's rules want unique (unit codes)."""
    data = yaml.safe_load(open(sample, encoding="utf-8"))
    schema = json.loads(subprocess.run([shenbao, "schema", data["form"]], capture_output=True, text=True, check=True).stdout)
    path = os.path.join(out_dir, "hard-" + os.path.basename(sample))
    for grow in (True, False):
        hard = harden(data, schema, random.Random(10), [0, {}], grow)
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(hard, f, allow_unicode=True, sort_keys=False, width=10**6)
        cmd = [shenbao, "render", path, "-f", "pdf", "-o", out_dir]
        if not grow:
            run(cmd)
        elif subprocess.run(cmd, capture_output=True).returncode == 0:
            break
    return path


# ---- main ----


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"pdf_looks: {' '.join(cmd)} failed:\n{r.stderr[:2000]}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    if only in args:
        args.remove(only)
    shenbao, samples, out = args
    shutil.rmtree(out, ignore_errors=True)   # shenbao keeps outputs it did not write last
    os.makedirs(out, exist_ok=True)
    forms = sorted(f[:-5] for f in os.listdir(samples) if f.endswith(".yaml"))
    if only:
        forms = [f for f in forms if f == only]
    pdfs = []
    for form in forms:
        blank_dir = os.path.join(out, "blank")
        run([shenbao, "blank", form, "-f", "pdf", "-o", blank_dir])
        pdfs.append(os.path.join(blank_dir, form + ".pdf"))
        sample = os.path.join(samples, form + ".yaml")
        run([shenbao, "render", sample, "-f", "pdf", "-o", out])
        pdfs.append(os.path.join(out, form + ".pdf"))
        hard = hard_variant(shenbao, sample, out)
        pdfs.append(hard[:-5] + ".pdf")
    totals = {k: 0 for k in CHECKS}
    failed = 0
    # one process per PDF: PyMuPDF 1.21 fails opening documents after some outlines were read
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, max_tasks_per_child=1) as pool:
        results = list(pool.map(measure, pdfs))
    for pdf, (n, found) in zip(pdfs, results):
        counts = " ".join(f"{k} {len(found[k])}" for k in CHECKS)
        print(f"{os.path.relpath(pdf, out):40s} {n:4d} pages  {counts}")
        for k in CHECKS:
            totals[k] += len(found[k])
            if required(pdf, k):
                failed += len(found[k])
            for case in found[k][:3]:
                print(f"    {k}: {case}")
    print("total: " + " ".join(f"{k} {totals[k]}" for k in CHECKS))
    print("must be zero: every count of the blank forms and samples, and "
          + ", ".join(HARD_STRICT) + " of the hard variants (their other counts are reported); "
          + "seal of the hard variants only for " + ", ".join(SEAL_KEPT))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
