#!/usr/bin/python3
"""The fonts in fonts/ are the ones tools/prepare-font.py writes: glyphs in Unicode order,
every glyph the default shaping features reach mapped in the (3,1) format-4 cmap (so cairo
never walks the whole charmap), those extra code points absent from the format-12 cmap
that shaping reads agreeing with it, and a format-4 subtable that maps by segments
(46 KB for Noto CJK in its own order, 6 KB prepared) and has few of them (FandolFang's
GB2312 needs 4,365, 433 with its short holes filled by empty glyphs that only cairo's
subtable maps).  Prints TAP.

usage: check-fonts-prepared.py FONTS-DIR TOOLS-DIR
"""
import os
import struct
import sys

from fontTools.ttLib import TTFont

MAX_SEGMENTS = 600   # cairo scans them one by one for every new glyph of a PDF
FONTS = ["NotoSerifCJKsc-Regular.ttf", "NotoSerifCJKsc-Bold.ttf", "NotoSansCJKsc-Regular.ttf",
         "FandolFang-Regular.ttf", "LXGWWenKai-Regular.ttf"]


def format4_size(font):
    """The length and segment count of the (3,1) format-4 subtable as stored: what cairo
    copies and scans for each new glyph."""
    raw = font.reader["cmap"]
    count = struct.unpack(">H", raw[2:4])[0]
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", raw[4 + 8 * i:12 + 8 * i])
        if (platform, encoding) == (3, 1) and struct.unpack(">H", raw[offset:offset + 2])[0] == 4:
            length, = struct.unpack(">H", raw[offset + 2:offset + 4])
            return length, struct.unpack(">H", raw[offset + 6:offset + 8])[0] // 2
    return 0, 0


def problems(path, glyph_order):
    font = TTFont(path, lazy=True)
    gid = {name: i for i, name in enumerate(font.getGlyphOrder())}
    bmp = glyph_order.format4_map(font)
    full = next((st.cmap for st in font["cmap"].tables if st.format == 12), None)
    found = []
    firsts, seen = [], set()
    for code in sorted(bmp):
        if full is None or code in full:   # not a code given for cairo alone
            name = bmp[code]
            if name not in seen:
                seen.add(name)
                firsts.append(gid[name])
    if firsts != sorted(firsts):
        found.append("the format-4 glyphs are not in Unicode order")
    if full is None:
        found.append("no format-12 subtable for shaping to read instead of cairo's format-4 one")
    else:
        empty = [c for c, n in bmp.items() if c not in full and not 0xE000 <= c <= 0xF8FF]
        if any(font["glyf"][bmp[c]].numberOfContours != 0 for c in empty):
            found.append("a code point of the format-4 subtable alone maps to a drawn glyph")
        needed = set(glyph_order.reachable_variants(font)) | {n for c, n in full.items() if c > 0xFFFF}
        missing = needed - set(bmp.values())
        if missing:
            found.append("%d reachable glyphs have no format-4 code (e.g. %s)" % (len(missing), sorted(missing)[0]))
        if any(full[c] != n for c, n in bmp.items() if c in full):
            found.append("the format-4 and format-12 cmaps disagree")
    # In Unicode order nearly every segment maps by a delta; only characters that share a
    # glyph need the glyph array (46% of Noto's mappings in its own order, 2% prepared).
    length, segments = format4_size(font)
    if segments > MAX_SEGMENTS:
        found.append("%d format-4 segments, more than %d" % (segments, MAX_SEGMENTS))
    in_array = (length - 16 - 8 * segments) // 2
    if in_array > 0.05 * len(bmp):
        found.append("%d of %d format-4 mappings go through the glyph array" % (in_array, len(bmp)))
    return found


def main(fonts_dir, tools_dir):
    sys.path.insert(0, tools_dir)
    import glyph_order
    print("1..%d" % len(FONTS))
    failed = 0
    for i, name in enumerate(FONTS, 1):
        found = problems(os.path.join(fonts_dir, name), glyph_order)
        failed += bool(found)
        print("%s %d - %s%s" % ("not ok" if found else "ok", i, name, ": " + "; ".join(found) if found else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
