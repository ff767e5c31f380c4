/* How a paragraph looks in the ODT, and the named style of each block kind.
 *
 * The named styles carry what most paragraphs of a kind look like (bind.c's styles per
 * element), so a secretariat can restyle every heading at once; a paragraph that differs
 * gets an automatic style holding only the difference.  Line heights are fixed at the
 * PDF's pitches (28.95 pt for 三号 body text). */
#include "odt.h"
#include "pdf_text.h"

#include <string.h>

/* ---- fonts by role ---- */

/* Each face lists the names offices have for it (LibreOffice reads a comma-separated
 * svg:font-family as alternatives).  LibreOffice on Linux checks only the first name
 * itself: when that one is missing it asks fontconfig, which answers every unknown name
 * with the default sans face, so 仿宋 and 宋体 would all come out in one sans face.  So
 * the first name is one fontconfig resolves to the right kind of face -- SimSun (宋体's
 * own English name, a serif to fontconfig) or the Noto CJK and LXGW faces most Linux
 * systems have -- and the office names follow, which LibreOffice on Windows finds in
 * turn.  Word and WPS take the DOCX, which keeps the office names alone. */
static const struct { const char *name, *family, *generic; } faces[] = {
    {"宋体", "SimSun, 宋体", "roman"},
    {"仿宋_GB2312", "'Noto Serif CJK SC', 仿宋_GB2312, 仿宋, FangSong", "roman"},
    {"黑体", "黑体, SimHei", "swiss"},
    {"楷体_GB2312", "'LXGW WenKai', 楷体_GB2312, 楷体, KaiTi", "script"},
    {"方正小标宋简体", "'Noto Serif CJK SC', 方正小标宋简体, 方正小标宋_GBK", "roman"},
    {"Times New Roman", "'Times New Roman'", "roman"},
    {"Arial", "Arial", "swiss"},
};

const char *odt_asian_font(SbFontRole role)
{
    static const char *const names[] = {"宋体", "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"};
    return role < G_N_ELEMENTS(names) ? names[role] : names[0];
}

/* Digits and Latin letters in official documents are set in Times New Roman, or Arial
 * beside 黑体. */
const char *odt_latin_font(SbFontRole role)
{
    return role == SB_FONT_HEI ? "Arial" : "Times New Roman";
}

void odt_write_font_faces(OdtXml *x)
{
    odt_start(x, "office:font-face-decls");
    for (guint i = 0; i < G_N_ELEMENTS(faces); i++) {
        odt_start(x, "style:font-face");
        odt_attr(x, "style:name", faces[i].name);
        odt_attr(x, "svg:font-family", faces[i].family);
        odt_attr(x, "style:font-family-generic", faces[i].generic);
        odt_attr(x, "style:font-pitch", "variable");
        odt_end(x);
    }
    odt_end(x);
}

/* ---- named styles per block kind ---- */

static const struct {
    const char *name, *display;
    SbBlockKind kind;
    SbFontRole font;
    double size;
    SbAlign align;
    double indent;     /* characters */
    gboolean keep;
    double before, after;
} kinds[] = {
    {"Body", "正文", SB_BLOCK_BODY, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, FALSE, 0, 0},
    {"Annex", "附件标识", SB_BLOCK_ANNEX, SB_FONT_HEI, 16, SB_ALIGN_LEFT, 0, TRUE, 0, 14},
    {"Title", "文件标题", SB_BLOCK_TITLE, SB_FONT_TITLE, 22, SB_ALIGN_CENTER, 0, TRUE, 12, 18},
    {"Subtitle", "副标题", SB_BLOCK_SUBTITLE, SB_FONT_KAI, 16, SB_ALIGN_CENTER, 0, TRUE, 0, 12},
    {"Heading1", "一级标题", SB_BLOCK_HEADING1, SB_FONT_HEI, 16, SB_ALIGN_LEFT, 2, TRUE, 6, 0},
    {"Heading2", "二级标题", SB_BLOCK_HEADING2, SB_FONT_KAI, 16, SB_ALIGN_LEFT, 2, TRUE, 3, 0},
    {"Heading3", "三级标题", SB_BLOCK_HEADING3, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, TRUE, 0, 0},
    {"Note", "注释", SB_BLOCK_NOTE, SB_FONT_FANG, 12, SB_ALIGN_JUSTIFY, 0, FALSE, 3, 3},
    {"Cell", "表格文字", SB_BLOCK_CELL, SB_FONT_SONG, 10.5, SB_ALIGN_LEFT, 0, FALSE, 0, 0},
};

static guint kind_index(SbBlockKind kind)
{
    for (guint i = 0; i < G_N_ELEMENTS(kinds); i++)
        if (kinds[i].kind == kind)
            return i;
    return 0;
}

static const char *kind_style(SbBlockKind kind)
{
    return kinds[kind_index(kind)].name;
}

OdtLook odt_look_of_block(const SbNode *block)
{
    OdtLook look = {
        .font = block->as.block.font, .size = block->as.block.size, .align = block->as.block.align,
        .indent = block->as.block.indent * block->as.block.size,
        .before = block->as.block.space_before, .after = block->as.block.space_after,
        .pitch = sb_line_pitch(block), .bold = block->as.block.bold,
        .keep_with_next = block->as.block.keep_with_next,
    };
    return look;
}

OdtLook odt_kind_look(SbBlockKind kind)
{
    guint i = kind_index(kind);
    SbNode block = {.type = SB_NODE_BLOCK};
    block.as.block.kind = kind;
    block.as.block.font = kinds[i].font;
    block.as.block.size = kinds[i].size;
    block.as.block.align = kinds[i].align;
    block.as.block.indent = kinds[i].indent;
    block.as.block.keep_with_next = kinds[i].keep;
    block.as.block.space_before = kinds[i].before;
    block.as.block.space_after = kinds[i].after;
    return odt_look_of_block(&block);
}

/* ---- writing a look as properties ---- */

typedef struct {
    const char *name;
    char *value;
} Prop;

static void add(GArray *props, const char *name, char *value)
{
    Prop p = {name, value};
    g_array_append_val(props, p);
}

static const char *align_value(SbAlign a)
{
    return a == SB_ALIGN_CENTER ? "center" : a == SB_ALIGN_RIGHT ? "end" : a == SB_ALIGN_JUSTIFY ? "justify" : "start";
}

static void paragraph_props(const OdtLook *l, GArray *props)
{
    add(props, "fo:margin-left", odt_len(l->margin_left, "pt"));
    add(props, "fo:margin-top", odt_len(l->before, "pt"));
    add(props, "fo:margin-bottom", odt_len(l->after, "pt"));
    add(props, "fo:line-height", odt_len(l->pitch, "pt"));
    add(props, "fo:text-align", g_strdup(align_value(l->align)));
    add(props, "fo:text-indent", odt_len(l->indent, "pt"));
    add(props, "fo:keep-with-next", g_strdup(l->keep_with_next ? "always" : "auto"));
    add(props, "fo:break-before", g_strdup(l->page_break ? "page" : "auto"));
}

static void text_props(const OdtLook *l, GArray *props)
{
    const char *weight = l->bold ? "bold" : "normal";
    /* 小标宋 is a heavy face; the serif that stands in for it is drawn bold, as the PDF
     * draws the title in Noto Serif CJK SC Bold. */
    const char *asian_weight = l->bold || l->font == SB_FONT_TITLE ? "bold" : "normal";
    add(props, "style:font-name", g_strdup(odt_latin_font(l->font)));
    add(props, "fo:font-size", odt_len(l->size, "pt"));
    add(props, "fo:font-weight", g_strdup(weight));
    add(props, "style:font-name-asian", g_strdup(odt_asian_font(l->font)));
    add(props, "style:font-size-asian", odt_len(l->size, "pt"));
    add(props, "style:font-weight-asian", g_strdup(asian_weight));
}

static void clear_props(GArray *props)
{
    for (guint i = 0; i < props->len; i++)
        g_free(g_array_index(props, Prop, i).value);
    g_array_set_size(props, 0);
}

typedef void (*PropsFunc)(const OdtLook *l, GArray *props);

/* One *-properties element with the props of `look` that `base` does not have; nothing
 * when they agree. */
static void write_diff(OdtXml *x, const char *element, PropsFunc f, const OdtLook *look, const OdtLook *base)
{
    GArray *mine = g_array_new(FALSE, FALSE, sizeof(Prop)), *theirs = g_array_new(FALSE, FALSE, sizeof(Prop));
    f(look, mine);
    if (base)
        f(base, theirs);
    gboolean started = FALSE;
    for (guint i = 0; i < mine->len; i++) {
        const Prop *p = &g_array_index(mine, Prop, i);
        if (base && strcmp(p->value, g_array_index(theirs, Prop, i).value) == 0)
            continue;
        if (!started)
            odt_start(x, element);
        started = TRUE;
        odt_attr(x, p->name, p->value);
    }
    if (started)
        odt_end(x);
    clear_props(mine);
    clear_props(theirs);
    g_array_free(mine, TRUE);
    g_array_free(theirs, TRUE);
}

/* The properties of `look` that differ from `base` (all of them when base is NULL). */
static void write_look(OdtXml *x, const OdtLook *look, const OdtLook *base)
{
    write_diff(x, "style:paragraph-properties", paragraph_props, look, base);
    write_diff(x, "style:text-properties", text_props, look, base);
}

const char *odt_paragraph_style(OdtStyles *s, SbBlockKind kind, const OdtLook *look)
{
    OdtLook base = odt_kind_look(kind);
    write_look(odt_style_begin(s), look, &base);
    return odt_style_end(s, "paragraph", kind_style(kind), "P");
}

const char *odt_span_style(OdtStyles *s, int span)
{
    return odt_face_span_style(s, span, -1);
}

/* A span in `face` (a run-in heading's own face), or in the paragraph's when face < 0. */
const char *odt_face_span_style(OdtStyles *s, int span, int face)
{
    OdtXml *x = odt_style_begin(s);
    odt_start(x, "style:text-properties");
    if (face >= 0) {
        odt_attr(x, "style:font-name", odt_latin_font((SbFontRole)face));
        odt_attr(x, "style:font-name-asian", odt_asian_font((SbFontRole)face));
    }
    if (span & ODT_SPAN_BOLD) {
        odt_attr(x, "fo:font-weight", "bold");
        odt_attr(x, "style:font-weight-asian", "bold");
    }
    if (span & ODT_SPAN_UNDERLINE) {
        odt_attr(x, "style:text-underline-style", "solid");
        odt_attr(x, "style:text-underline-width", "auto");
        odt_attr(x, "style:text-underline-color", "font-color");
    }
    odt_end(x);
    return odt_style_end(s, "text", NULL, "T");
}

/* The named paragraph styles, each complete, under the default paragraph style. */
void odt_write_named_styles(OdtXml *x)
{
    for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
        OdtLook look = odt_kind_look(kinds[i].kind);
        odt_start(x, "style:style");
        odt_attr(x, "style:name", kinds[i].name);
        odt_attr(x, "style:display-name", kinds[i].display);
        odt_attr(x, "style:family", "paragraph");
        odt_attr(x, "style:parent-style-name", "Standard");
        odt_attr(x, "style:class", kinds[i].kind == SB_BLOCK_CELL ? "extra" : "text");
        write_look(x, &look, NULL);
        odt_end(x);
    }
}
