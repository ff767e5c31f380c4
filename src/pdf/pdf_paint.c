/* Drawing what is not a line of text: cell borders, page numbers, seal blocks. */
#include "pdf.h"

void sb_paint_rect(cairo_t *cr, double x, double y, double w, double h)
{
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* "— 7 —" in 4号 宋体, 7 mm below the type area; odd pages at the right, even pages at the
 * left, one character in from the edge of the type area. */
void sb_paint_page_number(Flow *flow)
{
    const double size = 14;
    char *text = g_strdup_printf("\u2014 %d \u2014", flow->page);
    PangoLayout *layout = pango_layout_new(flow->fonts->context);
    PangoFontDescription *desc = sb_fonts_describe(SB_FONT_SONG, size, FALSE);
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_text(layout, text, -1);
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    double w = logical.width / (double)PANGO_SCALE;
    const SbGeometry *g = &flow->g;
    double x = flow->page % 2 ? g->left + g->type_w - size - w : g->left + size;
    cairo_move_to(flow->cr, x, g->top + g->type_h + 7 * SB_MM);
    pango_cairo_show_layout(flow->cr, layout);
    pango_font_description_free(desc);
    g_object_unref(layout);
    g_free(text);
}

/* A seal block is room for a 42 mm seal: its heading at the top left, its lines
 * (负责人签字（章）：, 单位公章：, 年 月 日) stacked at the bottom of the right half. */
void sb_paint_seal(Flow *flow, const SbItem *item, double x, double y)
{
    const SbNode *seal = item->node;
    const SbNode *first = seal->first_child;
    if (seal->as.seal.has_heading && first) {
        GArray *items = sb_items_new();
        sb_text_items(flow->fonts, first, item->width, items);
        double top = y;
        for (guint i = 0; i < items->len; i++) {
            const SbItem *it = &g_array_index(items, SbItem, i);
            if (it->kind == SB_ITEM_LINE)
                sb_paint_line(flow->cr, it, x, top);
            top += it->height;
        }
        sb_items_free(items);
        first = first->next;
    }
    double column = item->width * 0.45;
    GArray *lines = sb_items_new();
    for (const SbNode *b = first; b; b = b->next)
        sb_text_items(flow->fonts, b, item->width - column, lines);
    double top = y + item->height - sb_items_height(lines, 0, lines->len);
    for (guint i = 0; i < lines->len; i++) {
        const SbItem *it = &g_array_index(lines, SbItem, i);
        if (it->kind == SB_ITEM_LINE)
            sb_paint_line(flow->cr, it, x + column, top);
        top += it->height;
    }
    sb_items_free(lines);
}
