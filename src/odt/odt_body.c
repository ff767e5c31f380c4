/* content.xml: the tree's pages, paragraphs, block fields and seals (the runs inside
 * paragraphs are odt_inline.c's).
 *
 * The body is written first into a fragment, asking for automatic styles as it goes;
 * content.xml is then those styles followed by the body. */
#include "odt.h"

#include <math.h>

#define ZERO_WIDTH_SPACE "\u200B"

/* ---- paragraphs ---- */

/* The first paragraph or table of a page after the first starts a new page, and like
 * the PDF it leaves out the space above it there. */
static const char *paragraph_style(OdtBody *b, SbBlockKind kind, OdtLook look)
{
    look.page_break = b->page_break;
    if (look.page_break)
        look.before = 0;
    b->page_break = FALSE;
    odt_style_set_master(b->styles, b->master);
    b->master = NULL;
    return odt_paragraph_style(b->styles, kind, &look);
}

/* A paragraph of the tree; marks, when given, open or close a field's bookmark at its
 * start or end. */
static void write_paragraph(OdtBody *b, const SbNode *block, const OdtLook *look, const char *start_mark,
                            const char *end_mark)
{
    const char *style = paragraph_style(b, block->as.block.kind, *look);
    int outline = block->as.block.outline;
    odt_start(b->x, outline > 0 ? "text:h" : "text:p");
    odt_attr(b->x, "text:style-name", style);
    if (outline > 0)
        odt_attr_int(b->x, "text:outline-level", outline);
    b->line_start = TRUE;
    if (start_mark)
        odt_bookmark(b, "text:bookmark-start", start_mark);
    odt_write_runs(b, block);
    if (end_mark)
        odt_bookmark(b, "text:bookmark-end", end_mark);
    odt_end(b->x);
}

static void write_block(OdtBody *b, const SbNode *block)
{
    OdtLook look = odt_look_of_block(block);
    write_paragraph(b, block, &look, NULL, NULL);
}

void odt_write_empty_paragraph(OdtBody *b, SbBlockKind kind, const OdtLook *look)
{
    odt_start(b->x, "text:p");
    odt_attr(b->x, "text:style-name", paragraph_style(b, kind, *look));
    odt_end(b->x);
}

/* An empty paragraph exactly `height` points tall: a fixed line height holds the room. */
static void write_spacer(OdtBody *b, SbBlockKind kind, OdtLook look, double height)
{
    look.pitch = height;
    look.before = look.after = 0;
    look.keep_with_next = FALSE;
    odt_write_empty_paragraph(b, kind, &look);
}

/* ---- block fields ---- */

/* The paragraph style an empty block field has no paragraph to take it from: the body
 * text, or in a table the cell text set justified with a two-character indent. */
static OdtLook empty_field_look(const OdtBody *b, SbBlockKind kind)
{
    SbNode style = {.type = SB_NODE_BLOCK};
    OdtLook base = odt_kind_look(kind);
    style.as.block.kind = kind;
    style.as.block.font = b->table ? b->table->as.table.font : base.font;
    style.as.block.size = b->table ? b->table->as.table.size : base.size;
    style.as.block.align = SB_ALIGN_JUSTIFY;
    style.as.block.indent = 2;
    return odt_look_of_block(&style);
}

/* The placeholder, then empty paragraphs up to the field's room for writing; the
 * bookmark spans them all, so whatever is written there is the field's text.  A zero
 * width space stands between the bookmark's start and the placeholder: LibreOffice
 * moves a bookmark's start past text typed right at it, unless the bookmark ends in
 * the same paragraph, and the reader drops that space again. */
static void write_empty_block_field(OdtBody *b, const SbNode *f, const char *name)
{
    SbBlockKind kind = b->table ? SB_BLOCK_CELL : SB_BLOCK_BODY;
    OdtLook look = empty_field_look(b, kind);
    int n = MAX(1, (int)lround(f->as.field.lines * ODT_ROOM_PITCH / look.pitch));
    for (int i = 0; i < n; i++) {
        odt_start(b->x, "text:p");
        odt_attr(b->x, "text:style-name", paragraph_style(b, kind, look));
        b->line_start = TRUE;
        if (i == 0) {
            odt_bookmark(b, "text:bookmark-start", name);
            odt_write_text(b, ZERO_WIDTH_SPACE);
            odt_write_placeholder(b, f);
        }
        if (i == n - 1)
            odt_bookmark(b, "text:bookmark-end", name);
        odt_end(b->x);
    }
}

static void write_block_field(OdtBody *b, const SbNode *f)
{
    char *name = odt_bookmark_name(b, f->as.field.path);
    if (f->as.field.empty || !f->first_child) {
        write_empty_block_field(b, f, name);
        g_free(name);
        return;
    }
    for (const SbNode *p = f->first_child; p; p = p->next) {
        OdtLook look = odt_look_of_block(p);
        write_paragraph(b, p, &look, p == f->first_child ? name : NULL, p == f->last_child ? name : NULL);
    }
    g_free(name);
}

/* ---- seals ---- */

/* A seal block is seal.height tall: its heading at the top, its lines (负责人签字（章）：,
 * 单位公章：, 年 月 日) at the bottom, 45% in from the left as the PDF draws them. */
static void write_seal(OdtBody *b, const SbNode *seal)
{
    const SbNode *first = seal->first_child;
    double room = seal->as.seal.height * ODT_PT_PER_MM;
    if (seal->as.seal.has_heading && first) {
        OdtLook look = odt_look_of_block(first);
        write_paragraph(b, first, &look, NULL, NULL);
        room -= look.pitch + look.before + look.after;
        first = first->next;
    }
    for (const SbNode *l = first; l; l = l->next) {
        OdtLook look = odt_look_of_block(l);
        room -= look.pitch + look.before + look.after;
    }
    if (!first) {
        if (room > 0)
            write_spacer(b, SB_BLOCK_CELL, odt_kind_look(SB_BLOCK_CELL), room);
        return;
    }
    for (const SbNode *l = first; l; l = l->next) {
        OdtLook look = odt_look_of_block(l);
        look.margin_left = b->width * 0.45;
        look.indent = 0;
        if (l == first)
            look.before += MAX(room, 0);
        write_paragraph(b, l, &look, NULL, NULL);
    }
}

/* ---- the body ---- */

void odt_write_block_node(OdtBody *b, const SbNode *node)
{
    switch (node->type) {
    case SB_NODE_BLOCK:
        write_block(b, node);
        break;
    case SB_NODE_TABLE:
        odt_write_table(b, node);
        break;
    case SB_NODE_SEAL:
        write_seal(b, node);
        break;
    case SB_NODE_SPACE:
        write_spacer(b, SB_BLOCK_BODY, odt_kind_look(SB_BLOCK_BODY), node->as.space.height * ODT_PT_PER_MM);
        break;
    case SB_NODE_FIELD:
        if (node->as.field.block)
            write_block_field(b, node);
        break;
    default:
        break;
    }
}

static char *write_body(const SbDocument *doc, OdtStyles *styles)
{
    OdtBody b = {
        .x = odt_xml_new(FALSE), .styles = styles, .width = ODT_TYPE_W_MM * ODT_PT_PER_MM,
        .bookmarks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
    };
    gboolean landscape = FALSE;
    for (const SbNode *page = doc->root->first_child; page; page = page->next) {
        if (page != doc->root->first_child)
            b.page_break = TRUE;
        if (page->as.page.landscape != landscape) {   /* the sheet turns: a master page */
            landscape = page->as.page.landscape;
            b.master = landscape ? ODT_MASTER_ON_SIDE : ODT_MASTER_UPRIGHT;
        }
        b.width = (landscape ? ODT_LANDSCAPE_TYPE_W_MM : ODT_TYPE_W_MM) * ODT_PT_PER_MM;
        for (const SbNode *n = page->first_child; n; n = n->next)
            odt_write_block_node(&b, n);
    }
    g_hash_table_unref(b.bookmarks);
    return odt_xml_finish(b.x, NULL);
}

char *odt_content_xml(const SbDocument *doc, gsize *len)
{
    OdtStyles *styles = odt_styles_new();
    char *body = write_body(doc, styles);
    if (!body) {
        odt_styles_free(styles);
        return NULL;
    }
    OdtXml *x = odt_xml_new(TRUE);
    odt_start(x, "office:document-content");
    odt_namespaces(x);
    odt_attr(x, "office:version", "1.3");
    odt_write_font_faces(x);
    odt_start(x, "office:automatic-styles");
    odt_styles_write(styles, x);
    odt_end(x);
    odt_start(x, "office:body");
    odt_start(x, "office:text");
    odt_raw(x, body);
    odt_end(x);
    odt_end(x);
    odt_end(x);
    g_free(body);
    odt_styles_free(styles);
    return odt_xml_finish(x, len);
}
