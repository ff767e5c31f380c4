/* Tables: fixed column widths, rows that grow with their content, row-span groups kept
 * together, header rows repeated on every page the table continues on, and rows taller
 * than the room left split between lines of their cells. */
#include "pdf.h"

#define HPAD (1.0 * SB_MM)
#define VPAD (1.0 * SB_MM)

typedef struct {
    const SbNode *node;
    int row, rowspan;    /* rows still to draw: from `row`, `rowspan` of them */
    double x, w;         /* from the table's left edge */
    GArray *items;
    guint next;          /* first item not drawn yet */
    gboolean split;      /* drawn in part already: the rest starts at the top */
} Cell;

struct SbTable {
    Flow *flow;
    int n_rows, header_rows;
    double *min_h;       /* per row, the height the form asks for */
    gboolean *caption;   /* per row: one label across the table, （二）牵头医疗机构 */
    GPtrArray *cells;    /* Cell*, by starting row */
};

/* ---- building ---- */

static double *column_edges(const SbNode *table)
{
    int n = table->as.table.n_cols;
    double total = 0, *x = g_new0(double, n + 1);
    for (int i = 0; i < n; i++)
        total += table->as.table.widths[i];
    /* The widths are the form's proportions; the table always spans the type area. */
    for (int i = 0; i < n; i++)
        x[i + 1] = x[i] + table->as.table.widths[i] / total * SB_TYPE_W;
    return x;
}

static Cell *build_cell(Flow *flow, const SbNode *node, int row, const double *edges)
{
    Cell *c = g_new0(Cell, 1);
    int col = node->as.cell.col, span = node->as.cell.colspan;
    c->node = node;
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

static SbTable *table_build(Flow *flow, const SbNode *node)
{
    SbTable *t = g_new0(SbTable, 1);
    t->flow = flow;
    t->cells = g_ptr_array_new_with_free_func(free_cell);
    double *edges = column_edges(node);
    for (const SbNode *row = node->first_child; row; row = row->next)
        t->n_rows++;
    t->min_h = g_new0(double, t->n_rows);
    t->caption = g_new0(gboolean, t->n_rows);
    int r = 0;
    for (const SbNode *row = node->first_child; row; row = row->next, r++) {
        t->min_h[r] = row->as.row.min_height * SB_MM;
        t->caption[r] = is_caption(row, node->as.table.n_cols);
        if (row->as.row.header && r == t->header_rows)
            t->header_rows++;
        for (const SbNode *cell = row->first_child; cell; cell = cell->next) {
            Cell *c = build_cell(flow, cell, r, edges);
            c->rowspan = MIN(c->rowspan, t->n_rows - r);
            g_ptr_array_add(t->cells, c);
        }
    }
    t->header_rows = MAX(t->header_rows, MIN(node->as.table.header_rows, t->n_rows));
    g_free(edges);
    return t;
}

static void table_free(SbTable *t)
{
    g_ptr_array_unref(t->cells);
    g_free(t->min_h);
    g_free(t->caption);
    g_free(t);
}

/* ---- measuring ---- */

static double content_height(const Cell *c)
{
    return sb_items_height(c->items, c->next, c->items->len) + 2 * VPAD;
}

static int last_row(const Cell *c)
{
    return c->row + c->rowspan - 1;
}

/* Heights of rows [from, to): each row fits its one-row cells, and a cell spanning rows
 * that all lie within the range adds what it lacks to its last row. */
static void row_heights(const SbTable *t, int from, int to, double *h)
{
    for (int r = from; r < to; r++)
        h[r] = t->min_h[r];
    for (guint i = 0; i < t->cells->len; i++) {
        const Cell *c = t->cells->pdata[i];
        if (c->row >= from && c->row < to && c->rowspan == 1) {
            double need = content_height(c);
            h[c->row] = MAX(h[c->row], need);
        }
    }
    for (guint i = 0; i < t->cells->len; i++) {
        const Cell *c = t->cells->pdata[i];
        if (c->rowspan == 1 || c->row < from || last_row(c) >= to)
            continue;
        double have = 0;
        for (int r = c->row; r <= last_row(c); r++)
            have += h[r];
        if (content_height(c) > have)
            h[last_row(c)] += content_height(c) - have;
    }
}

static double sum(const double *h, int from, int to)
{
    double s = 0;
    for (int r = from; r < to; r++)
        s += h[r];
    return s;
}

/* The rows from `start` that row spans tie together. */
static int group_end(const SbTable *t, int start)
{
    int end = start + 1;
    gboolean grown = TRUE;
    while (grown) {
        grown = FALSE;
        for (guint i = 0; i < t->cells->len; i++) {
            const Cell *c = t->cells->pdata[i];
            if (c->row >= start && c->row < end && last_row(c) + 1 > end) {
                end = last_row(c) + 1;
                grown = TRUE;
            }
        }
    }
    return end;
}

/* ---- drawing ---- */

static void paint_items(Flow *flow, Cell *c, double x, double y, double room, gboolean keep_state)
{
    double content = content_height(c) - 2 * VPAD;
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

/* Draws rows [from, to) at flow->y with heights h.  A cell reaching below `to`, or whose
 * content did not fit, continues in the next part of the table. */
static void paint_rows(SbTable *t, int from, int to, const double *h, gboolean repeat)
{
    Flow *flow = t->flow;
    double y0 = flow->y;
    for (guint i = 0; i < t->cells->len; i++) {
        Cell *c = t->cells->pdata[i];
        if (c->row < from || c->row >= to)
            continue;
        int last = MIN(last_row(c), to - 1);
        double top = y0 + sum(h, from, c->row), height = sum(h, c->row, last + 1);
        sb_paint_rect(flow->cr, SB_LEFT + c->x, top, c->w, height);
        paint_items(flow, c, SB_LEFT, top, height, repeat);
        if (!repeat && (last_row(c) >= to || c->next < c->items->len)) {
            c->rowspan -= MAX(0, to - c->row);
            c->row = MAX(c->row, to);
            if (c->rowspan < 1) {   /* content left over in a row that ends here */
                c->row = to - 1 < from ? from : to - 1;
                c->rowspan = 1;
            }
            c->split = TRUE;
        }
    }
    flow->y = y0 + sum(h, from, to);
    flow->page_empty = FALSE;
}

static void paint_header(SbTable *t)
{
    if (t->header_rows == 0)
        return;
    double *h = g_new0(double, t->n_rows);
    row_heights(t, 0, t->header_rows, h);
    paint_rows(t, 0, t->header_rows, h, TRUE);
    g_free(h);
}

static double header_height(SbTable *t)
{
    double *h = g_new0(double, t->n_rows);
    row_heights(t, 0, t->header_rows, h);
    double s = sum(h, 0, t->header_rows);
    g_free(h);
    return s;
}

static void continue_on_new_page(SbTable *t)
{
    sb_flow_new_page(t->flow);
    paint_header(t);
    t->flow->page_empty = TRUE;   /* only the header: the page can hold anything */
}

/* The rows of a group that fit in `room`; 0 when not even the first one does. */
static int rows_that_fit(const double *h, int from, int to, double room)
{
    int k = from;
    while (k < to && sum(h, from, k + 1) <= room + SB_EPSILON)
        k++;
    return k - from;
}

/* Cuts row `from` at the room left: every cell of it draws what fits. */
static void paint_cut_row(SbTable *t, int from, double room)
{
    double *h = g_new0(double, t->n_rows);
    h[from] = room;
    paint_rows(t, from, from + 1, h, FALSE);
    g_free(h);
}

/* Places one row group, splitting it when it is taller than the room left. */
/* A caption row needs the first row of what follows beside it on the page. */
static double caption_need(const SbTable *t, int cur, const double *h, int end)
{
    if (!t->caption[cur] || end >= t->n_rows)
        return 0;
    double *next = g_new0(double, t->n_rows);
    row_heights(t, end, group_end(t, end), next);
    double need = next[end];
    g_free(next);
    return need + h[cur];
}

static int place_group(SbTable *t, int cur, double fresh_room)
{
    Flow *flow = t->flow;
    int end = group_end(t, cur);
    double *h = g_new0(double, t->n_rows);
    row_heights(t, cur, end, h);
    double total = sum(h, cur, end), room = sb_flow_room(flow);
    int next = cur;
    if (!flow->page_empty && caption_need(t, cur, h, end) > room + SB_EPSILON) {
        continue_on_new_page(t);
    } else if (total <= room + SB_EPSILON) {
        paint_rows(t, cur, end, h, FALSE);
        next = end;
    } else if (!flow->page_empty && (total <= fresh_room || room < 3 * 12 * 1.45)) {
        continue_on_new_page(t);
    } else {
        int k = rows_that_fit(h, cur, end, room);
        if (k > 0)
            paint_rows(t, cur, cur + k, h, FALSE);
        else
            paint_cut_row(t, cur, room);
        next = cur + k;
        continue_on_new_page(t);
    }
    g_free(h);
    return next;
}

SbTable *sb_table_new(Flow *flow, const SbNode *node)
{
    return table_build(flow, node);
}

void sb_table_free(SbTable *t)
{
    if (t)
        table_free(t);
}

void sb_table_place(SbTable *t)
{
    double fresh_room = SB_TYPE_H - header_height(t);
    paint_header(t);
    int cur = t->header_rows;
    while (cur < t->n_rows)
        cur = place_group(t, cur, fresh_room);
}

double sb_table_lead_height(SbTable *t)
{
    double *h = g_new0(double, t->n_rows);
    int end = t->header_rows < t->n_rows ? group_end(t, t->header_rows) : t->n_rows;
    row_heights(t, 0, end, h);
    double lead = MIN(sum(h, 0, end), SB_TYPE_H / 3);
    g_free(h);
    return lead;
}
