/* Flowing the document down the pages: blocks become items, items are placed with a
 * look-ahead so that a heading never ends a page and a table never starts on its last
 * line. */
#include "pdf.h"

void sb_flow_new_page(Flow *flow)
{
    sb_paint_page_number(flow);
    cairo_show_page(flow->cr);
    flow->page++;
    flow->y = SB_TOP;
    flow->page_empty = TRUE;
}

double sb_flow_room(const Flow *flow)
{
    return SB_BOTTOM - flow->y;
}

/* Items of one document page; a table stands as one item whose height is what must fit
 * together with the heading before it. */
typedef struct {
    GArray *items;
    GPtrArray *tables;   /* per item: the laid-out SbTable or NULL */
} PageItems;

static void add_table_item(Flow *flow, PageItems *pi, const SbNode *node)
{
    SbTable *table = sb_table_new(flow, node);
    SbItem it = {.kind = SB_ITEM_GAP, .height = sb_table_lead_height(table), .node = node};
    g_array_append_val(pi->items, it);
    while (pi->tables->len < pi->items->len - 1)
        g_ptr_array_add(pi->tables, NULL);
    g_ptr_array_add(pi->tables, table);
}

static void collect(Flow *flow, const SbNode *page, PageItems *pi)
{
    for (const SbNode *c = page->first_child; c; c = c->next) {
        if (c->type == SB_NODE_TABLE) {
            add_table_item(flow, pi, c);
        } else {
            sb_node_items(flow->fonts, c, SB_TYPE_W, pi->items);
        }
    }
    while (pi->tables->len < pi->items->len)
        g_ptr_array_add(pi->tables, NULL);
}

/* Height of item i and every item it must stay with. */
static double chain_height(const GArray *items, guint i)
{
    double h = 0;
    for (; i < items->len; i++) {
        const SbItem *it = &g_array_index(items, SbItem, i);
        h += it->height;
        if (!it->keep_with_next)
            break;
    }
    return h;
}

static void add_outline(Flow *flow, const SbItem *it)
{
    if (it->kind != SB_ITEM_LINE || it->line != 0 || it->node->type != SB_NODE_BLOCK)
        return;
    int level = it->node->as.block.outline;
    if (level < 1 || level > 3)
        return;
    char *title = sb_node_text(it->node);
    char *link = g_strdup_printf("page=%d pos=[%.2f %.2f]", flow->page, SB_LEFT, flow->y);
    int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : flow->outline[level - 1];
    flow->outline[level] = cairo_pdf_surface_add_outline(flow->surface, parent, g_strstrip(title), link,
                                                         level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    for (int l = level + 1; l < 4; l++)
        flow->outline[l] = flow->outline[level];
    g_free(link);
    g_free(title);
}

static void place_item(Flow *flow, const SbItem *it)
{
    if (it->kind == SB_ITEM_LINE) {
        add_outline(flow, it);
        sb_paint_line(flow->cr, it, SB_LEFT, flow->y);
    } else if (it->kind == SB_ITEM_SEAL) {
        sb_paint_seal(flow, it, SB_LEFT, flow->y);
    }
    flow->y += it->height;
    flow->page_empty = FALSE;
}

static void place_items(Flow *flow, PageItems *pi)
{
    for (guint i = 0; i < pi->items->len; i++) {
        const SbItem *it = &g_array_index(pi->items, SbItem, i);
        SbTable *table = pi->tables->pdata[i];
        if (it->kind == SB_ITEM_GAP && !table && flow->page_empty)
            continue;   /* space before something is not wanted at the top of a page */
        if (!flow->page_empty && chain_height(pi->items, i) > sb_flow_room(flow) + SB_EPSILON &&
            chain_height(pi->items, i) <= SB_TYPE_H)
            sb_flow_new_page(flow);
        else if (!flow->page_empty && it->height > sb_flow_room(flow) + SB_EPSILON && !table)
            sb_flow_new_page(flow);
        if (table) {
            sb_table_place(table);
            flow->page_empty = FALSE;
        } else {
            place_item(flow, it);
        }
    }
}

/* Each PAGE node of the document starts a new sheet. */
void sb_flow_document(Flow *flow, const SbNode *doc)
{
    for (const SbNode *page = doc->first_child; page; page = page->next) {
        if (!flow->page_empty)
            sb_flow_new_page(flow);
        PageItems pi = {sb_items_new(), g_ptr_array_new_with_free_func((GDestroyNotify)sb_table_free)};
        collect(flow, page, &pi);
        place_items(flow, &pi);
        sb_items_free(pi.items);
        g_ptr_array_unref(pi.tables);
    }
    sb_paint_page_number(flow);
}
