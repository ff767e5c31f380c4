/* Tables: fixed column widths, rows that grow with their content, row-span groups, header
 * rows painted again on every page the table continues on, and rows taller than the room
 * left painted in parts, split between lines of their cells.  A cell starting in the
 * header and spanning rows below it (a label column, 项目核心团队人员信息) is drawn page by
 * page beside the header and the rows there; it ties no rows together.  Where the rows go
 * on pages is pdf_table_place.c's. */
#include <math.h>

#include "pdf_table_parts.h"

/* Cells are sorted by the row the form starts them in, so the cells that may touch rows
 * before `to` are the ones from a start index while first_row < to.  Every loop over cells
 * starts at the header's cells or at `lo`, so placing a table costs what its rows hold,
 * not rows × cells. */
Cell *sb_table_cell_before(const SbTable *t, guint i, int to)
{
    if (i >= t->cells->len)
        return NULL;
    Cell *c = t->cells->pdata[i];
    return c->first_row < to ? c : NULL;
}

/* ---- building ---- */

static double *column_edges(const SbNode *table, double type_w)
{
    int n = table->as.table.n_cols;
    double total = 0, *x = g_new0(double, n + 1);
    for (int i = 0; i < n; i++)
        total += table->as.table.widths[i];
    /* The widths are the form's proportions; the table always spans the type area. */
    for (int i = 0; i < n; i++)
        x[i + 1] = x[i] + table->as.table.widths[i] / total * type_w;
    return x;
}

static Cell *build_cell(Flow *flow, const SbNode *node, int row, const double *edges)
{
    Cell *c = g_new0(Cell, 1);
    int col = node->as.cell.col, span = node->as.cell.colspan;
    c->node = node;
    c->first_row = row;
    c->row = row;
    c->rowspan = node->as.cell.rowspan;
    c->x = edges[col];
    c->w = edges[col + span] - edges[col];
    c->items = sb_items_new();
    sb_flow_items(flow->fonts, node, c->w - 2 * HPAD, c->items);
    return c;
}

static void free_cell(gpointer p)
{
    Cell *c = p;
    sb_items_free(c->items);
    g_free(c);
}

static gboolean holds_data(const SbNode *n)
{
    if (n->type == SB_NODE_FIELD || n->type == SB_NODE_CHECKBOX)
        return TRUE;
    for (const SbNode *c = n->first_child; c; c = c->next)
        if (holds_data(c))
            return TRUE;
    return FALSE;
}

/* A row of one cell across the whole table holding only form text: a caption for what
 * follows, which must not be left alone at the foot of a page. */
static gboolean is_caption(const SbNode *row, int n_cols)
{
    const SbNode *cell = row->first_child;
    return cell && !cell->next && cell->as.cell.colspan == n_cols && cell->as.cell.rowspan == 1 &&
           !holds_data(cell);
}

SbTable *sb_table_new(Flow *flow, const SbNode *node)
{
    SbTable *t = g_new0(SbTable, 1);
    t->flow = flow;
    t->cells = g_ptr_array_new_with_free_func(free_cell);
    double *edges = column_edges(node, flow->g.type_w);
    for (const SbNode *row = node->first_child; row; row = row->next)
        t->n_rows++;
    t->min_h = g_new0(double, t->n_rows);
    t->caption = g_new0(gboolean, t->n_rows);
    t->h = g_new0(double, t->n_rows + 1);
    t->top = g_new0(double, t->n_rows + 1);
    t->grid = g_new0(guint, t->n_rows);
    int r = 0;
    for (const SbNode *row = node->first_child; row; row = row->next, r++) {
        t->min_h[r] = row->as.row.min_height * SB_MM;
        t->caption[r] = is_caption(row, node->as.table.n_cols);
        if (row->as.row.header && r == t->header_rows)
            t->header_rows++;
        for (const SbNode *cell = row->first_child; cell; cell = cell->next) {
            Cell *c = build_cell(flow, cell, r, edges);
            c->rowspan = MIN(c->rowspan, t->n_rows - r);
            /* a sum does not depend on the order the cells come in */
            guint edge = (guint)cell->as.cell.col * 131u + (guint)cell->as.cell.colspan * 7u + 1u;
            for (int k = r; k < r + c->rowspan; k++)
                t->grid[k] += edge * edge;
            g_ptr_array_add(t->cells, c);
        }
    }
    t->header_rows = MAX(t->header_rows, MIN(node->as.table.header_rows, t->n_rows));
    t->sides = g_ptr_array_new();
    while (t->n_header_cells < t->cells->len &&
           ((Cell *)t->cells->pdata[t->n_header_cells])->first_row < t->header_rows) {
        Cell *c = t->cells->pdata[t->n_header_cells++];
        /* a label cell beside the header and the rows below it: drawn page by page from the
         * header's top to the table's foot on that page, not repeated with the header */
        if (c->row + c->rowspan > t->header_rows) {
            c->side = TRUE;
            g_ptr_array_add(t->sides, c);
        }
    }
    t->lo = t->n_header_cells;
    g_free(edges);
    return t;
}

static void table_free(SbTable *t)
{
    g_ptr_array_unref(t->sides);
    g_ptr_array_unref(t->cells);
    g_free(t->min_h);
    g_free(t->caption);
    g_free(t->h);
    g_free(t->top);
    g_free(t->grid);
    g_free(t);
}

/* ---- measuring ---- */

double sb_table_content_height(const Cell *c)
{
    return sb_items_height(c->items, c->next, c->items->len) + 2 * VPAD;
}

int sb_table_last_row(const Cell *c)
{
    return c->row + c->rowspan - 1;
}

/* The first cell index of rows from `from` on: the header's cells, or the body's window. */
guint sb_table_window(const SbTable *t, int from)
{
    return from < t->header_rows ? 0 : t->lo;
}

double sb_table_sum(const double *h, int from, int to)
{
    double s = 0;
    for (int r = from; r < to; r++)
        s += h[r];
    return s;
}

/* A side cell ending in rows [from, to), placed from the current position, gets its last row
 * made tall enough for what it has left to draw: it is drawn from this page's header on. */
static void side_heights(SbTable *t, int from, int to)
{
    if (from < t->header_rows)
        return;
    for (guint i = 0; i < t->sides->len; i++) {
        const Cell *c = t->sides->pdata[i];
        int last = sb_table_last_row(c);
        if (last < from || last >= to)
            continue;
        double have = t->flow->y - t->side_top + sb_table_sum(t->h, from, last + 1);
        if (sb_table_content_height(c) > have)
            t->h[last] += sb_table_content_height(c) - have;
    }
}

/* Heights of rows [from, to) into t->h: each row fits its one-row cells, and a cell
 * spanning rows that all lie within the range adds what it lacks to its last row. */
void sb_table_row_heights(SbTable *t, int from, int to)
{
    double *h = t->h;
    for (int r = from; r < to; r++)
        h[r] = t->min_h[r];
    Cell *c;
    for (guint i = sb_table_window(t, from); (c = sb_table_cell_before(t, i, to)); i++)
        if (c->row >= from && c->row < to && c->rowspan == 1)
            h[c->row] = MAX(h[c->row], sb_table_content_height(c));
    for (guint i = sb_table_window(t, from); (c = sb_table_cell_before(t, i, to)); i++) {
        if (c->rowspan == 1 || c->row < from || sb_table_last_row(c) >= to)
            continue;
        double have = 0;
        for (int r = c->row; r <= sb_table_last_row(c); r++)
            have += h[r];
        if (sb_table_content_height(c) > have)
            h[sb_table_last_row(c)] += sb_table_content_height(c) - have;
    }
    side_heights(t, from, to);
}


/* The rows from `start` that row spans tie together.  One pass: cells come in the order of
 * their first row, and a cell continued from an earlier part starts at `start`. */
int sb_table_group_end(const SbTable *t, int start)
{
    int end = start + 1;
    Cell *c;
    for (guint i = sb_table_window(t, start); (c = sb_table_cell_before(t, i, end)); i++)
        if (c->row >= start && c->row < end && sb_table_last_row(c) + 1 > end)
            end = sb_table_last_row(c) + 1;
    return end;
}

/* ---- drawing ---- */

static void paint_items(Flow *flow, Cell *c, double x, double y, double room, gboolean keep_state)
{
    double content = sb_table_content_height(c) - 2 * VPAD;
    gboolean whole = content <= room - 2 * VPAD + SB_EPSILON;
    double top = y + VPAD;
    if (whole && !c->split) {
        SbVAlign v = c->node->as.cell.valign;
        double slack = room - 2 * VPAD - content;
        top += v == SB_VALIGN_MIDDLE ? slack / 2 : v == SB_VALIGN_BOTTOM ? slack : 0;
    }
    double limit = y + room - VPAD + SB_EPSILON;
    guint i = c->next;
    for (; i < c->items->len; i++) {
        const SbItem *it = &g_array_index(c->items, SbItem, i);
        /* never lose content: an item taller than a whole page is drawn anyway */
        if (top + it->height > limit && !(i == c->next && flow->page_empty))
            break;
        if (it->kind == SB_ITEM_LINE)
            sb_paint_line(flow->cr, it, x + c->x + HPAD, top);
        else if (it->kind == SB_ITEM_SEAL)
            sb_paint_seal(flow, it, x + c->x + HPAD, top);
        top += it->height;
    }
    if (!keep_state)
        c->next = i;
}

/* Draws a side cell's part on this page, from the header's top to `bottom`: its label, or
 * what is left of it, and its border.  `last`: the cell ends here. */
void sb_table_draw_side(SbTable *t, Cell *c, double bottom, gboolean last)
{
    Flow *flow = t->flow;
    double height = bottom - t->side_top;
    sb_paint_rect(flow->cr, flow->g.left + c->x, t->side_top, c->w, height);
    paint_items(flow, c, flow->g.left, t->side_top, height, FALSE);
    c->split = TRUE;
    if (last)
        g_ptr_array_remove(t->sides, c);
}

/* Draws rows [from, to) at flow->y with the heights in t->h.  A cell reaching below `to`,
 * or whose content did not fit, continues in the next part of the table; after a `cut`
 * (one row cut at the foot of a page) every cell of the row continues in that row. */
void sb_table_paint_rows(SbTable *t, int from, int to, gboolean repeat, gboolean cut)
{
    Flow *flow = t->flow;
    double *top = t->top;
    top[from] = flow->y;
    for (int r = from; r < to; r++)
        top[r + 1] = top[r] + t->h[r];
    Cell *c;
    for (guint i = sb_table_window(t, from); (c = sb_table_cell_before(t, i, to)); i++) {
        if (c->row < from || c->row >= to || c->side)
            continue;
        int last = MIN(sb_table_last_row(c), to - 1);
        double y = top[c->row], height = top[last + 1] - top[c->row];
        sb_paint_rect(flow->cr, flow->g.left + c->x, y, c->w, height);
        paint_items(flow, c, flow->g.left, y, height, repeat);
        if (!repeat && cut && (sb_table_last_row(c) >= to || c->next < c->items->len)) {
            c->split = TRUE;
        } else if (!repeat && (sb_table_last_row(c) >= to || c->next < c->items->len)) {
            c->rowspan -= MAX(0, to - c->row);
            c->row = MAX(c->row, to);
            if (c->rowspan < 1) {   /* content left over in a row that ends here */
                c->row = to - 1 < from ? from : to - 1;
                c->rowspan = 1;
            }
            c->split = TRUE;
        }
    }
    flow->y = top[to];
    flow->page_empty = FALSE;
    /* a side cell whose last row is drawn now ends here, unless that row was cut */
    for (guint i = 0; !repeat && i < t->sides->len;) {
        c = t->sides->pdata[i];
        if (sb_table_last_row(c) < to && !(cut && sb_table_last_row(c) == to - 1))
            sb_table_draw_side(t, c, sb_table_last_row(c) >= from ? top[sb_table_last_row(c) + 1] : flow->y, TRUE);
        else
            i++;
    }
}

void sb_table_paint_header(SbTable *t)
{
    if (t->header_rows == 0)
        return;
    t->side_top = t->flow->y;
    sb_table_row_heights(t, 0, t->header_rows);
    sb_table_paint_rows(t, 0, t->header_rows, TRUE, FALSE);
}

double sb_table_header_height(SbTable *t)
{
    sb_table_row_heights(t, 0, t->header_rows);
    return sb_table_sum(t->h, 0, t->header_rows);
}

void sb_table_continue_on_new_page(SbTable *t)
{
    for (guint i = 0; i < t->sides->len; i++)   /* side cells go on beside the next header */
        sb_table_draw_side(t, t->sides->pdata[i], t->flow->y, FALSE);
    sb_flow_new_page(t->flow);
    sb_table_paint_header(t);
    t->flow->page_empty = TRUE;   /* only the header: the page can hold anything */
}

void sb_table_free(SbTable *t)
{
    if (t)
        table_free(t);
}
