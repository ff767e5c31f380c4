/* Flowing the document down the pages: blocks become items, items are placed with a
 * look-ahead so that a heading never ends a page and a table never starts on its last
 * line. */
#include "pdf.h"

SbGeometry sb_geometry(gboolean landscape)
{
    if (landscape)
        return (SbGeometry){297 * SB_MM, 210 * SB_MM, 37 * SB_MM, 28 * SB_MM, 225 * SB_MM, 156 * SB_MM};
    return (SbGeometry){210 * SB_MM, 297 * SB_MM, 28 * SB_MM, 37 * SB_MM, 156 * SB_MM, 225 * SB_MM};
}

void sb_flow_new_page(Flow *flow)
{
    sb_paint_page_number(flow);
    cairo_show_page(flow->cr);
    flow->page++;
    flow->y = flow->g.top;
    flow->page_empty = TRUE;
}

double sb_flow_room(const Flow *flow)
{
    return flow->g.top + flow->g.type_h - flow->y;
}

/* A table followed, across spaces only, by an opinion table (the 2022 省 opinions after the
 * 地方政府基本信息表) keeps its last rows with it. */
static void keep_tables_with_opinions(GArray *items)
{
    for (guint i = 0; i < items->len; i++) {
        SbItem *it = &g_array_index(items, SbItem, i);
        if (it->kind != SB_ITEM_TABLE)
            continue;
        double gaps = 0;
        guint k = i + 1;
        for (; k < items->len && g_array_index(items, SbItem, k).kind == SB_ITEM_GAP; k++)
            gaps += g_array_index(items, SbItem, k).height;
        const SbItem *next = k < items->len ? &g_array_index(items, SbItem, k) : NULL;
        double seal = next && next->kind == SB_ITEM_TABLE ? sb_table_seal_lead(next->table) : 0;
        if (seal > 0)
            sb_table_keep_with_seal(it->table, gaps + seal);
    }
}

/* The items of one document page: its blocks' lines and spaces, and its tables. */
static GArray *collect(Flow *flow, const SbNode *page)
{
    GArray *items = sb_items_new();
    for (const SbNode *c = page->first_child; c; c = c->next) {
        if (c->type == SB_NODE_TABLE) {
            SbItem it = {.kind = SB_ITEM_TABLE, .node = c, .table = sb_table_new(flow, c)};
            it.height = sb_table_lead_height(it.table);
            g_array_append_val(items, it);
        } else {
            sb_node_items(flow->fonts, c, flow->g.type_w, items);
        }
    }
    keep_tables_with_opinions(items);
    return items;
}

static void free_items(GArray *items)
{
    for (guint i = 0; i < items->len; i++)
        sb_table_free(g_array_index(items, SbItem, i).table);
    sb_items_free(items);
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

/* A paragraph's text, or only its run-in heading's when it starts with one. */
static char *outline_title(const SbNode *block)
{
    const SbNode *n = block->first_child;
    if (!n || n->type != SB_NODE_TEXT || !n->as.text.run_in)
        return sb_node_text(block);
    GString *s = g_string_new(NULL);
    for (; n && n->type == SB_NODE_TEXT && n->as.text.run_in; n = n->next)
        g_string_append(s, n->as.text.text);
    return g_string_free(s, FALSE);
}

static void add_outline(Flow *flow, const SbItem *it)
{
    if (it->kind != SB_ITEM_LINE || it->line != 0 || it->node->type != SB_NODE_BLOCK)
        return;
    int level = it->node->as.block.outline;
    if (level < 1 || level > 3)
        return;
    char *title = outline_title(it->node);
    char *link = g_strdup_printf("page=%d pos=[%.2f %.2f]", flow->page, flow->g.left, flow->y);
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
        sb_paint_line(flow->cr, it, flow->g.left, flow->y);
    } else if (it->kind == SB_ITEM_SEAL) {
        sb_paint_seal(flow, it, flow->g.left, flow->y);
    }
    flow->y += it->height;
    flow->page_empty = FALSE;
}

static void place_items(Flow *flow, GArray *items)
{
    for (guint i = 0; i < items->len; i++) {
        const SbItem *it = &g_array_index(items, SbItem, i);
        gboolean table = it->kind == SB_ITEM_TABLE;
        if (it->kind == SB_ITEM_GAP && flow->page_empty)
            continue;   /* space before something is not wanted at the top of a page */
        if (!flow->page_empty && chain_height(items, i) > sb_flow_room(flow) + SB_EPSILON &&
            chain_height(items, i) <= flow->g.type_h)
            sb_flow_new_page(flow);
        else if (!flow->page_empty && it->height > sb_flow_room(flow) + SB_EPSILON && !table)
            sb_flow_new_page(flow);
        if (table) {
            sb_table_place(it->table);
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
        /* nothing is drawn on the new sheet yet: it may still change its size */
        flow->g = sb_geometry(page->as.page.landscape);
        cairo_pdf_surface_set_size(flow->surface, flow->g.page_w, flow->g.page_h);
        flow->y = flow->g.top;
        GArray *items = collect(flow, page);
        place_items(flow, items);
        free_items(items);
    }
    sb_paint_page_number(flow);
}
