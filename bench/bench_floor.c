/* The floor of the PDF stage: the least pango and cairo must do for the same text.
 *
 * Every paragraph of the document tree is laid out once with pango (same fonts, size,
 * width, justification and first-line indent as its block asks) and drawn once with cairo
 * on a PDF surface, paginated by height alone.  No punctuation fitting, no table rules,
 * no outline: whatever shenbao's PDF stage costs above this is its own work. */
#include "bench.h"
#include "doc.h"
#include "fonts.h"
#include "pdf.h"

#include <cairo-pdf.h>

/* The portrait sheet shenbao sets its pages on (pdf.h sb_geometry). */
#define SB_PAGE_W (210 * SB_MM)
#define SB_PAGE_H (297 * SB_MM)
#define SB_LEFT (28 * SB_MM)
#define SB_TOP (37 * SB_MM)
#define SB_TYPE_W (156 * SB_MM)
#define SB_BOTTOM (SB_TOP + 225 * SB_MM)

typedef struct {
    SbFonts *fonts;
    cairo_t *cr;
    double y;
    FloorStats stats;
} Floor;

static void collect(const SbNode *n, GString *out)
{
    if (n->type == SB_NODE_TEXT)
        g_string_append(out, n->as.text.text);
    else if (n->type == SB_NODE_BREAK)
        g_string_append_c(out, '\n');
    for (const SbNode *c = n->first_child; c; c = c->next)
        collect(c, out);
}

char *bench_block_text(const SbNode *block)
{
    GString *out = g_string_new(NULL);
    collect(block, out);
    return g_string_free(out, FALSE);
}

/* The text width a block gets: its cell's columns less the cell padding, or the type area. */
static double block_width(const SbNode *block)
{
    const SbNode *cell = block->parent;
    while (cell && cell->type != SB_NODE_CELL)
        cell = cell->parent;
    if (!cell)
        return SB_TYPE_W;
    const SbNode *table = cell->parent->parent;
    double mm = 0;
    for (int c = cell->as.cell.col; c < cell->as.cell.col + cell->as.cell.colspan && c < table->as.table.n_cols; c++)
        mm += table->as.table.widths[c];
    return MAX(mm - 2.0, 4.0) * SB_MM;
}

static void new_page(Floor *f)
{
    cairo_show_page(f->cr);
    f->stats.pages++;
    f->y = SB_TOP;
}

static void paragraph(Floor *f, const SbNode *block)
{
    char *text = bench_block_text(block);
    if (!*text) {
        g_free(text);
        return;
    }
    const double size = block->as.block.size;
    PangoLayout *layout = pango_layout_new(f->fonts->context);
    PangoFontDescription *desc = sb_fonts_describe(block->as.block.font, size, block->as.block.bold);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout, (int)(block_width(block) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(layout, (int)(block->as.block.indent * size * PANGO_SCALE));
    const SbAlign align = block->as.block.align;
    pango_layout_set_justify(layout, align == SB_ALIGN_JUSTIFY);
    pango_layout_set_alignment(layout, align == SB_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                               : align == SB_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout, text, -1);
    int w, h;
    pango_layout_get_size(layout, &w, &h);
    double height = (double)h / PANGO_SCALE;
    if (f->y + height > SB_BOTTOM && f->y > SB_TOP)
        new_page(f);
    cairo_move_to(f->cr, SB_LEFT, f->y);
    pango_cairo_show_layout(f->cr, layout);
    f->y += height;
    f->stats.paragraphs++;
    f->stats.lines += pango_layout_get_line_count(layout);
    g_object_unref(layout);
    g_free(text);
}

static gboolean visit(SbNode *node, SbEvent event, gpointer data)
{
    Floor *f = data;
    if (event != SB_EVENT_ENTER)
        return TRUE;
    if (node->type == SB_NODE_PAGE && f->y > SB_TOP)
        new_page(f);
    if (node->type == SB_NODE_BLOCK) {
        paragraph(f, node);
        return FALSE;   /* its runs are in its text */
    }
    return TRUE;
}

gboolean floor_write_pdf(const SbDocument *doc, SbFonts *fonts, const char *path, FloorStats *stats)
{
    cairo_surface_t *surface = cairo_pdf_surface_create(path, SB_PAGE_W, SB_PAGE_H);
    Floor f = {fonts, cairo_create(surface), SB_TOP, {0, 0, 1}};
    sb_node_walk(doc->root, visit, &f);
    cairo_destroy(f.cr);
    cairo_surface_finish(surface);
    gboolean ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    if (stats)
        *stats = f.stats;
    return ok;
}
