#!/usr/bin/python3
"""Rewrites one face of an OpenType/CFF font (or font collection) with TrueType outlines.

shenbao embeds subsets of very large CJK fonts in its PDFs.  cairo's CFF subsetter reads a
font's whole CFF table (tens of megabytes for Noto CJK) every time it starts a subset,
while its TrueType subsetter reads only the glyphs it needs, so TrueType outlines make
every render several times cheaper.  The curves are converted to quadratic splines within
one font unit, which no print can show; names, metrics and layout tables are kept.

usage: cff-to-truetype.py SOURCE FACE-INDEX OUTPUT
(setup uses it through prepare-font.py, which also renumbers the glyphs)
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERROR = 1.0  # font units


def truetype_glyphs(font):
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    return glyf


def truetype_maxp(maxp):
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1


def convert(font):
    """Gives font TrueType outlines in place of its CFF ones."""
    font["glyf"] = truetype_glyphs(font)
    font["loca"] = newTable("loca")
    truetype_maxp(font["maxp"])
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["post"].formatType = 3.0  # glyph names are not needed
    font["head"].indexToLocFormat = 1
    font.sfntVersion = "\x00\x01\x00\x00"


def main(source, index, output):
    font = TTFont(source, fontNumber=int(index))
    convert(font)
    font.save(output)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
