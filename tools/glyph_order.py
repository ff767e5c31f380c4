"""Renumbers a font's glyphs in Unicode order, and lets cairo map every glyph it may
draw back to a character through the format-4 cmap.

Why (cairo 1.16, measured): for every glyph a PDF uses for the first time, cairo looks its
character up backwards in the (3,1) format-4 cmap subtable, copying the whole subtable
and scanning its segments.  In Noto CJK's own glyph order that subtable is 46 KB of
thousands of segments; in Unicode order it shrinks to a few hundred segments.  A glyph the
format-4 subtable does not have (a supplementary-plane character, a `locl` variant such as
the digits Latin runs use) makes cairo walk the font's whole charmap through FreeType,
~45,000 steps.  So every such glyph that the default shaping features can reach is also
given a Private Use code point, in the (3,1) subtable only: HarfBuzz, FreeType and
fontconfig read the format-12 subtable, which stays as it was, so no text ever maps to
those code points, and cairo takes a glyph's character from the text it was drawn for
whenever that is a single character, so the PDF's text layer does not change.

A font that has no format-12 subtable (FandolFang) is given one, with its whole mapping,
so that the (3,1) format-4 subtable is cairo's alone.  cairo scans that subtable's segments
one by one, after copying it, for every new glyph of every PDF; a character set with many
holes (GB2312 in Unicode order) needs thousands of segments.  So short holes between the
code points of the format-4 subtable are filled, in that subtable alone, with empty glyphs
placed where the missing characters would be: the glyphs on either side then share one
segment (FandolFang: 90 segments instead of 4,351), as long as the font has room for them.

The GSUB, GPOS and GDEF tables keep every rule: coverage tables are sorted again by the new
glyph ids and the records that run parallel to them move with their glyphs.  A subtable
kind this module does not know stops the conversion rather than being written wrong.
"""
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from fontTools.ttLib.tables._g_l_y_f import Glyph

PUA_FIRST, PUA_LAST = 0xE000, 0xF8FF
MAX_HOLE = 16        # the longest run of missing code points filled with empty glyphs
MAX_GLYPHS = 65535

# Features HarfBuzz applies to horizontal CJK and Latin text by default.
DEFAULT_FEATURES = {"ccmp", "locl", "rlig", "rclt", "calt", "clig", "liga"}

# Subtables whose records run parallel to a coverage: (table, lookup type, format) ->
# [(coverage attribute, path to the parallel list)].  Coverages not named here are sets.
PARALLEL = {
    ("GPOS", 1, 2): [("Coverage", ("Value",))],
    ("GPOS", 2, 1): [("Coverage", ("PairSet",))],
    ("GPOS", 3, 1): [("Coverage", ("EntryExitRecord",))],
    ("GPOS", 4, 1): [("MarkCoverage", ("MarkArray", "MarkRecord")),
                     ("BaseCoverage", ("BaseArray", "BaseRecord"))],
    ("GPOS", 5, 1): [("MarkCoverage", ("MarkArray", "MarkRecord")),
                     ("LigatureCoverage", ("LigatureArray", "LigatureAttach"))],
    ("GPOS", 6, 1): [("Mark1Coverage", ("Mark1Array", "MarkRecord")),
                     ("Mark2Coverage", ("Mark2Array", "Mark2Record"))],
}
# Subtables that hold only glyph sets, class definitions or name-keyed mappings
# (fontTools writes those sorted itself).
SETS_ONLY = {
    ("GSUB", 1, None), ("GSUB", 2, None), ("GSUB", 3, None), ("GSUB", 4, None),
    ("GSUB", 5, 3), ("GSUB", 6, 3), ("GPOS", 1, 1), ("GPOS", 2, 2), ("GPOS", 7, 3), ("GPOS", 8, 3),
}


def subtables(table, tag):
    """(kind, subtable) of every lookup subtable, extensions unwrapped."""
    for lookup in table.LookupList.Lookup:
        for st in lookup.SubTable:
            kind = lookup.LookupType
            if (tag, kind) in (("GSUB", 7), ("GPOS", 9)):
                kind, st = st.ExtensionLookupType, st.ExtSubTable
            fmt = getattr(st, "Format", None) if tag == "GPOS" or kind >= 5 else None
            yield (tag, kind, fmt), st


def follow(obj, path):
    for attr in path:
        obj = getattr(obj, attr)
    return obj


def reorder_layout(font, gid):
    """Sorts every coverage of GSUB, GPOS and GDEF by the new ids gid[name]."""
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for key, st in subtables(font[tag].table, tag):
            if key in PARALLEL:
                for cov_attr, path in PARALLEL[key]:
                    sort_parallel(st, cov_attr, path, gid)
            elif key not in SETS_ONLY:
                raise SystemExit("glyph_order: %s lookup type %d format %s is not handled" % key)
            sort_sets(st, gid)
            if key == ("GPOS", 2, 1):
                for pair_set in st.PairSet:
                    pair_set.PairValueRecord.sort(key=lambda r: gid[r.SecondGlyph])
    if "GDEF" in font:
        gdef = font["GDEF"].table
        for attr, path in (("LigCaretList", ("LigGlyph",)), ("AttachList", ("AttachPoint",))):
            if getattr(gdef, attr, None):
                sort_parallel(getattr(gdef, attr), "Coverage", path, gid)
        sets = getattr(gdef, "MarkGlyphSetsDef", None)
        for cov in (sets.Coverage if sets else []):
            cov.glyphs.sort(key=gid.__getitem__)


def sort_parallel(st, cov_attr, path, gid):
    cov = getattr(st, cov_attr)
    records = follow(st, path)
    pairs = sorted(zip(cov.glyphs, records), key=lambda p: gid[p[0]])
    cov.glyphs = [g for g, _ in pairs]
    records[:] = [r for _, r in pairs]


def sort_sets(obj, gid, seen=None):
    """Sorts every Coverage reachable from obj whose glyphs are still out of order; the
    parallel ones were sorted already, so only sets are left to change."""
    seen = seen if seen is not None else set()
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, otTables.Coverage):
        obj.glyphs.sort(key=gid.__getitem__)
        return
    if isinstance(obj, list):
        for item in obj:
            sort_sets(item, gid, seen)
    elif isinstance(obj, otTables.BaseTable):
        for value in vars(obj).values():
            if isinstance(value, (list, otTables.BaseTable)):
                sort_sets(value, gid, seen)


def language_features(table):
    """The features of the language systems shenbao's text is shaped with: Simplified
    Chinese where a script has it, the script's default (pango shapes a Latin run of a
    Chinese paragraph as English, which takes the default) and the font's default."""
    indices = set()
    for record in table.ScriptList.ScriptRecord:
        systems = [record.Script.DefaultLangSys] + [
            r.LangSys for r in record.Script.LangSysRecord if r.LangSysTag == "ZHS "]
        for system in systems:
            if system is not None:
                indices.update(system.FeatureIndex)
    return indices


def reachable_variants(font):
    """Glyphs the default features of those language systems can substitute in (single,
    multiple, ligature and context substitutions, nested lookups followed)."""
    if "GSUB" not in font:
        return []
    table = font["GSUB"].table
    lookups = set()
    for index in language_features(table):
        record = table.FeatureList.FeatureRecord[index]
        if record.FeatureTag in DEFAULT_FEATURES:
            lookups.update(record.Feature.LookupListIndex)
    pending, out = list(lookups), []
    while pending:
        lookup = table.LookupList.Lookup[pending.pop()]
        for st in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:
                kind, st = st.ExtensionLookupType, st.ExtSubTable
            if kind == 1:
                out.extend(st.mapping.values())
            elif kind == 2:
                out.extend(g for seq in st.mapping.values() for g in seq)
            elif kind == 4:
                out.extend(lig.LigGlyph for ligs in st.ligatures.values() for lig in ligs)
            elif kind in (5, 6):
                records = getattr(st, "SubstLookupRecord", None) or getattr(st, "LookupRecord", None) or []
                for rec in records:
                    if rec.LookupListIndex not in lookups:
                        lookups.add(rec.LookupListIndex)
                        pending.append(rec.LookupListIndex)
    return out


def unicode_order(font):
    """The new glyph order: .notdef, the glyphs of the format-4 subtable by code point with
    the short holes between them filled by new empty glyphs, then those that get a Private
    Use code point, then the rest as they were.  Returns (order, the Private Use glyphs,
    {code point: empty glyph} of the filled holes)."""
    old = font.getGlyphOrder()
    bmp, full = format4_map(font), font.getBestCmap()
    order, placed, holes = [old[0]], {old[0]}, {}
    names_taken = set(old)
    room = MAX_GLYPHS - len(old) if any(st.format == 12 for st in font["cmap"].tables) else 0

    def place(name):
        if name not in placed:
            placed.add(name)
            order.append(name)
            return True
        return False

    previous = None
    for code in sorted(bmp):
        missing = code - previous - 1 if previous is not None else 0
        if 0 < missing <= min(MAX_HOLE, room) and bmp[code] not in placed:
            names = {hole: "hole%04X" % hole for hole in range(previous + 1, code)}
            if names_taken.isdisjoint(names.values()):
                holes.update(names)
                for name in names.values():
                    place(name)
                room -= missing
        place(bmp[code])
        previous = code
    pua = [name for name in reachable_variants(font) + [full[c] for c in sorted(full) if c > 0xFFFF]
           if name not in placed and place(name)]
    for name in old:
        place(name)
    return order, pua, holes


def format4_map(font):
    for st in font["cmap"].tables:
        if (st.platformID, st.platEncID) == (3, 1) and st.format == 4:
            return st.cmap
    return {}


def add_format12(font):
    """Gives a font with a (3,1) format-4 subtable and no format-12 one a (3,10) format-12
    subtable of its whole mapping, which HarfBuzz, FreeType and fontconfig prefer."""
    cmap = font["cmap"]
    if any(st.format == 12 for st in cmap.tables) or not format4_map(font):
        return
    table = CmapSubtable.newSubtable(12)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = dict(font.getBestCmap())
    cmap.tables.append(table)
    cmap.tables.sort(key=lambda st: (st.platformID, st.platEncID, st.language))


def add_empty_glyphs(font, names):
    """Outline-less glyphs of no advance, for the filled holes."""
    for name in names:
        font["glyf"].glyphs[name] = Glyph()
        for tag in ("hmtx", "vmtx"):
            if tag in font:
                font[tag].metrics[name] = (0, 0)


def give_private_codes(font, pua, holes):
    """Maps the glyphs of pua to Private Use code points no subtable uses, and the empty
    glyphs of the holes to their code points, in the (3,1) format-4 subtable alone, and only
    when a format-12 subtable is there for everything else to read.  Returns how many
    Private Use codes it gave."""
    cmap = font["cmap"]
    if not any(st.format == 12 for st in cmap.tables):
        return 0
    taken = {c for st in cmap.tables for c in st.cmap}
    free = [c for c in range(PUA_FIRST, PUA_LAST + 1) if c not in taken]
    extra = dict(zip(free, pua))
    extra.update(holes)
    for st in cmap.tables:
        if (st.platformID, st.platEncID) == (3, 1) and st.format == 4:
            st.cmap = dict(st.cmap)   # no longer shared with (0,3)
            st.cmap.update(extra)
    return len(extra) - len(holes)


def renumber(font):
    """Renumbers font (TrueType outlines) in place; returns (the new order, how many Private
    Use codes, how many empty glyphs fill holes)."""
    for tag in font.keys():
        if tag != "GlyphOrder":
            font[tag]   # decompile everything while the old ids still hold
    add_format12(font)
    order, pua, holes = unicode_order(font)
    gid = {name: i for i, name in enumerate(order)}
    reorder_layout(font, gid)
    add_empty_glyphs(font, holes.values())
    font.setGlyphOrder(order)
    font["post"].formatType = 3.0   # glyph names: nothing shenbao draws with reads them
    font["glyf"].glyphOrder = order
    return order, give_private_codes(font, pua, holes), len(holes)
