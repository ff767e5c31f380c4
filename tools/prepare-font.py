#!/usr/bin/python3
"""Prepares one face of a font for shenbao's PDFs: TrueType outlines (cff-to-truetype.py
says why), glyphs renumbered in Unicode order with every glyph cairo may draw reachable
from the format-4 cmap (glyph_order.py says why), then checks what it wrote: the file read
back maps every character to the same glyph, has the same advances, and every GSUB, GPOS
and GDEF rule, with all coverages in glyph-id order.

usage: prepare-font.py SOURCE FACE-INDEX OUTPUT
"""
import importlib.util
import os
import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import glyph_order  # noqa: E402


def load_converter():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cff-to-truetype.py")
    spec = importlib.util.spec_from_file_location("cff_to_truetype", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def flat(obj, key, skip=()):
    """A comparable form of layout data, glyphs named by key(name): coverages as sets,
    everything else as it stands; attributes in skip left out."""
    if isinstance(obj, otTables.Coverage):
        return ("cov", tuple(sorted(key(g) for g in obj.glyphs)))
    if isinstance(obj, str):
        return key(obj) if key(obj) is not None else obj
    if isinstance(obj, dict):
        return tuple(sorted((flat(k, key), flat(v, key)) for k, v in obj.items()))
    if isinstance(obj, (list, tuple)):
        return tuple(flat(v, key) for v in obj)
    if isinstance(obj, (otTables.ValueRecord, otTables.BaseTable)):
        return tuple((attr, flat(value, key)) for attr, value in sorted(vars(obj).items())
                     if not attr.startswith("_") and attr not in skip
                     and not attr.startswith("ValueFormat") and not attr.endswith("Count"))
    return obj


def record_form(kind, record, key):
    if kind == ("GPOS", 2, 1):   # a PairSet: its pairs as a set
        return tuple(sorted(flat(r, key) for r in record.PairValueRecord))
    return flat(record, key)


def layout_form(font, key):
    """Every GSUB and GPOS subtable, in lookup order, with the records that run parallel
    to a coverage keyed by their glyph, and GDEF: the same before and after renumbering."""
    form = []
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for kind, st in glyph_order.subtables(font[tag].table, tag):
            entry, skip = [kind], {"Format"}
            for cov_attr, path in glyph_order.PARALLEL.get(kind, []):
                cov, records = getattr(st, cov_attr), glyph_order.follow(st, path)
                entry.append(tuple(sorted((key(g), record_form(kind, r, key)) for g, r in zip(cov.glyphs, records))))
                skip.update((cov_attr, path[0]))
            entry.append(flat(st, key, skip))
            form.append(tuple(entry))
    if "GDEF" in font:
        form.append(flat(font["GDEF"].table, key))
    return form


def coverages_sorted(font):
    gid = {name: i for i, name in enumerate(font.getGlyphOrder())}
    bad = []

    def walk(obj, seen):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, otTables.Coverage):
            ids = [gid[g] for g in obj.glyphs]
            if ids != sorted(ids):
                bad.append(obj)
        elif isinstance(obj, list):
            for item in obj:
                walk(item, seen)
        elif isinstance(obj, otTables.BaseTable):
            for value in vars(obj).values():
                walk(value, seen)

    for tag in ("GSUB", "GPOS", "GDEF"):
        if tag in font:
            walk(font[tag].table, set())
    return not bad


def check(prepared, before, source_maps, order, output):
    """The written file against the font as it was: before is the layout_form of the
    font in its old order, source_maps its best and its (3,1) format-4 mappings."""
    back = TTFont(output)
    back_order = back.getGlyphOrder()
    if len(back_order) != len(order):
        return "glyph count changed"
    as_old = {name: order[i] for i, name in enumerate(back_order)}   # read-back name -> old name
    best, format4 = source_maps
    if {c: as_old[n] for c, n in back.getBestCmap().items()} != best:
        return "characters map to other glyphs"
    back4 = glyph_order.format4_map(back)
    if any(as_old.get(back4.get(c)) != name for c, name in format4.items()):
        return "the format-4 subtable maps characters to other glyphs"
    for st_new, st_old in zip(back["cmap"].tables, prepared["cmap"].tables):
        if {c: as_old[n] for c, n in st_new.cmap.items()} != st_old.cmap:
            return "cmap (%d,%d) maps characters differently" % (st_old.platformID, st_old.platEncID)
    for tag in ("hmtx", "vmtx"):
        if tag in prepared and any(back[tag][n] != prepared[tag][as_old[n]] for n in back_order):
            return "%s advances differ" % tag
    if layout_form(back, as_old.get) != before:
        return "layout rules differ"
    if not coverages_sorted(back):
        return "a coverage table is out of glyph-id order"
    return None


def main(source, index, output):
    # the source's own dates: a preparation made elsewhere or later writes the same file,
    # and the PDFs that embed its subsets (with their head table) stay the same
    font = TTFont(source, fontNumber=int(index), recalcTimestamp=False)
    if "CFF " in font:
        load_converter().convert(font)
    names = set(font.getGlyphOrder())
    before = layout_form(font, lambda n: n if n in names else None)
    source_maps = (dict(font.getBestCmap()), dict(glyph_order.format4_map(font)))
    order, private, holes = glyph_order.renumber(font)
    font.save(output)
    problem = check(font, before, source_maps, order, output)
    if problem:
        sys.exit("prepare-font: %s: %s" % (output, problem))
    print("%s: %d glyphs in Unicode order, %d with a Private Use code for cairo, %d empty ones filling holes" % (
        os.path.basename(output).removesuffix(".part"), len(order), private, holes))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
