/* Tables: fixed column widths, rows that grow with their content, row-span groups kept
 * together, header rows repeated on every page the table continues on, and rows taller
 * than the room left split between lines of their cells.  A cell starting in the header
 * and spanning rows below it (a label column, 项目核心团队人员信息) is drawn page by page
 * beside the header and the rows there; it ties no rows together. */
#include <math.h>

#include "pdf.h"

#define HPAD (1.0 * SB_MM)
#define VPAD (1.0 * SB_MM)
/* A row group up to this tall is kept on one page; a taller one flows across the break,
 * its label cell continued, as Word does with a merged cell. */
#define SHORT_GROUP(t) ((t)->flow->g.type_h / 4)
/* The least room worth cutting a row for: three lines of table text. */
#define MIN_CUT (3 * 10.5 * 1.45 + 2 * VPAD)
/* A line of a blank field's room to write in (pdf_text.c add_room). */
#define ROOM_LINE 28.95
/* Blank room left over from a cut row and shorter than this is not carried to the next
 * page, where it would make a row of a thin empty slice: the room ends a little short. */
#define THIN_ROOM (2.5 * ROOM_LINE)
/* Blank room carried over so that the row it makes is worth having: three lines. */
#define CARRY_ROOM (3 * ROOM_LINE + 2 * VPAD)

typedef struct {
    const SbNode *node;
    int first_row;       /* the row the form starts it in: cells stay sorted by it */
    int row, rowspan;    /* rows still to draw: from `row`, `rowspan` of them */
    double x, w;         /* from the table's left edge */
    GArray *items;
    guint next;          /* first item not drawn yet */
    gboolean split;      /* drawn in part already: the rest starts at the top */
    gboolean side;       /* starts in the header and reaches into the body (a label column) */
} Cell;

struct SbTable {
    Flow *flow;
    int n_rows, header_rows;
    double *min_h;       /* per row, the height the form asks for */
    gboolean *caption;   /* per row: one label across the table, （二）牵头医疗机构 */
    GPtrArray *cells;    /* Cell*, by starting row */
    guint n_header_cells;
    guint lo;            /* cells before this one are drawn and behind the row being placed */
    GPtrArray *sides;    /* Cell*, the side cells not drawn to their end yet */
    double side_top;     /* where this page's part of the table, and of its side cells, begins */
    double seal_after;   /* the opinion table after this one, which its last rows keep company */
    double *h;           /* scratch: row heights, n_rows of them */
    double *top;         /* scratch: row tops within a part, n_rows + 1 of them */
    guint *grid;         /* per row, a hash of the columns its cells cover */
};

/* Cells are sorted by the row the form starts them in, so the cells that may touch rows
 * before `to` are the ones from a start index while first_row < to.  Every loop over cells
 * starts at the header's cells or at `lo`, so placing a table costs what its rows hold,
 * not rows × cells. */
static Cell *cell_before(const SbTable *t, guint i, int to)
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

static SbTable *table_build(Flow *flow, const SbNode *node)
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

static double content_height(const Cell *c)
{
    return sb_items_height(c->items, c->next, c->items->len) + 2 * VPAD;
}

static int last_row(const Cell *c)
{
    return c->row + c->rowspan - 1;
}

/* The first cell index of rows from `from` on: the header's cells, or the body's window. */
static guint window(const SbTable *t, int from)
{
    return from < t->header_rows ? 0 : t->lo;
}

static double sum(const double *h, int from, int to)
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
        int last = last_row(c);
        if (last < from || last >= to)
            continue;
        double have = t->flow->y - t->side_top + sum(t->h, from, last + 1);
        if (content_height(c) > have)
            t->h[last] += content_height(c) - have;
    }
}

/* Heights of rows [from, to) into t->h: each row fits its one-row cells, and a cell
 * spanning rows that all lie within the range adds what it lacks to its last row. */
static void row_heights(SbTable *t, int from, int to)
{
    double *h = t->h;
    for (int r = from; r < to; r++)
        h[r] = t->min_h[r];
    Cell *c;
    for (guint i = window(t, from); (c = cell_before(t, i, to)); i++)
        if (c->row >= from && c->row < to && c->rowspan == 1)
            h[c->row] = MAX(h[c->row], content_height(c));
    for (guint i = window(t, from); (c = cell_before(t, i, to)); i++) {
        if (c->rowspan == 1 || c->row < from || last_row(c) >= to)
            continue;
        double have = 0;
        for (int r = c->row; r <= last_row(c); r++)
            have += h[r];
        if (content_height(c) > have)
            h[last_row(c)] += content_height(c) - have;
    }
    side_heights(t, from, to);
}


/* The rows from `start` that row spans tie together.  One pass: cells come in the order of
 * their first row, and a cell continued from an earlier part starts at `start`. */
static int group_end(const SbTable *t, int start)
{
    int end = start + 1;
    Cell *c;
    for (guint i = window(t, start); (c = cell_before(t, i, end)); i++)
        if (c->row >= start && c->row < end && last_row(c) + 1 > end)
            end = last_row(c) + 1;
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

/* Draws a side cell's part on this page, from the header's top to `bottom`: its label, or
 * what is left of it, and its border.  `last`: the cell ends here. */
static void draw_side(SbTable *t, Cell *c, double bottom, gboolean last)
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
static void paint_rows(SbTable *t, int from, int to, gboolean repeat, gboolean cut)
{
    Flow *flow = t->flow;
    double *top = t->top;
    top[from] = flow->y;
    for (int r = from; r < to; r++)
        top[r + 1] = top[r] + t->h[r];
    Cell *c;
    for (guint i = window(t, from); (c = cell_before(t, i, to)); i++) {
        if (c->row < from || c->row >= to || c->side)
            continue;
        int last = MIN(last_row(c), to - 1);
        double y = top[c->row], height = top[last + 1] - top[c->row];
        sb_paint_rect(flow->cr, flow->g.left + c->x, y, c->w, height);
        paint_items(flow, c, flow->g.left, y, height, repeat);
        if (!repeat && cut && (last_row(c) >= to || c->next < c->items->len)) {
            c->split = TRUE;
        } else if (!repeat && (last_row(c) >= to || c->next < c->items->len)) {
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
        if (last_row(c) < to && !(cut && last_row(c) == to - 1))
            draw_side(t, c, last_row(c) >= from ? top[last_row(c) + 1] : flow->y, TRUE);
        else
            i++;
    }
}

static void paint_header(SbTable *t)
{
    if (t->header_rows == 0)
        return;
    t->side_top = t->flow->y;
    row_heights(t, 0, t->header_rows);
    paint_rows(t, 0, t->header_rows, TRUE, FALSE);
}

static double header_height(SbTable *t)
{
    row_heights(t, 0, t->header_rows);
    return sum(t->h, 0, t->header_rows);
}

static void continue_on_new_page(SbTable *t)
{
    for (guint i = 0; i < t->sides->len; i++)   /* side cells go on beside the next header */
        draw_side(t, t->sides->pdata[i], t->flow->y, FALSE);
    sb_flow_new_page(t->flow);
    paint_header(t);
    t->flow->page_empty = TRUE;   /* only the header: the page can hold anything */
}

/* The rows of a group that fit in `room`; 0 when not even the first one does. */
static int rows_that_fit(const double *h, int from, int to, double room)
{
    int k = from;
    double s = 0;
    while (k < to && s + h[k] <= room + SB_EPSILON)
        s += h[k++];
    return k - from;
}

/* The first item of cell c, from its next one, that does not fit in `room`. */
static guint items_fitting(const Cell *c, double room)
{
    double top = VPAD, limit = room - VPAD + SB_EPSILON;
    guint i = c->next;
    for (; i < c->items->len; i++) {
        double h = g_array_index(c->items, SbItem, i).height;
        if (top + h > limit)
            break;
        top += h;
    }
    return i;
}

/* The height of the items of cell c from `from` on when they are all blank room (gaps),
 * or -1 when text or a seal is among them. */
static double blank_rest(const Cell *c, guint from)
{
    double h = 0;
    for (guint i = from; i < c->items->len; i++) {
        const SbItem *it = &g_array_index(c->items, SbItem, i);
        if (it->kind != SB_ITEM_GAP)
            return -1;
        h += it->height;
    }
    return h;
}

/* Whether cutting row r at `room` leaves a cell a thin slice of blank room to carry over. */
static gboolean leaves_thin_room(const SbTable *t, int r, double room)
{
    Cell *c;
    for (guint i = window(t, r); (c = cell_before(t, i, r + 1)); i++) {
        if (c->row != r || c->side)
            continue;
        double rest = blank_rest(c, items_fitting(c, room));
        if (rest > 0 && rest < THIN_ROOM)
            return TRUE;
    }
    return FALSE;
}

/* Cuts row `from` at the room left: every cell of it draws what fits.  With `trim`, a
 * cell left with only a thin slice of blank room ends here instead, and when every cell
 * of the row ends here the row does: returns TRUE, nothing of it goes on. */
static gboolean paint_cut_row(SbTable *t, int from, double room, gboolean trim)
{
    gboolean ends = trim;
    Cell *c;
    for (guint i = window(t, from); (c = cell_before(t, i, from + 1)); i++) {
        if (c->row > from || last_row(c) < from)
            continue;
        if (c->side) {   /* a label column ending in this row: left to the cut */
            ends = ends && last_row(c) > from;
            continue;
        }
        guint fit = items_fitting(c, room);
        double rest = blank_rest(c, fit);
        if (trim && rest >= 0 && rest < THIN_ROOM)
            g_array_set_size(c->items, fit);
        ends = ends && c->row == from && last_row(c) == from && fit >= c->items->len;
    }
    t->h[from] = room;
    paint_rows(t, from, from + 1, FALSE, !ends);
    return ends;
}

/* A caption row needs the first row of what follows beside it on the page. */
static double caption_need(SbTable *t, int cur, int end)
{
    if (!t->caption[cur] || end >= t->n_rows)
        return 0;
    double caption = t->h[cur];
    row_heights(t, end, group_end(t, end));
    double need = t->h[end];
    return need + caption;
}

/* A row holding a seal is not cut: the seal would go whole to the next page and leave an
 * empty stub of its row behind. */
static gboolean cuttable(const SbTable *t, int r)
{
    Cell *c;
    for (guint i = window(t, r); (c = cell_before(t, i, r + 1)); i++) {
        if (c->row > r || last_row(c) < r)
            continue;
        for (guint k = c->next; k < c->items->len; k++)
            if (g_array_index(c->items, SbItem, k).kind == SB_ITEM_SEAL)
                return FALSE;
    }
    return TRUE;
}

/* The height of the group starting at row `start` when it holds a seal, else 0: an
 * opinion's （公章） row keeps the group before it on its page, so it never stands alone at
 * the top of the next one, cut off from what it signs. */
static double seal_group_height(SbTable *t, int start)
{
    if (start >= t->n_rows)
        return t->seal_after;
    if (cuttable(t, start))
        return 0;
    int after = group_end(t, start);
    row_heights(t, start, after);
    return sum(t->h, start, after);
}

/* Forgets the cells that are drawn and lie above row `cur`. */
static void advance_window(SbTable *t, int cur)
{
    while (t->lo < t->cells->len) {
        const Cell *c = t->cells->pdata[t->lo];
        if (last_row(c) >= cur || c->next < c->items->len)
            break;
        t->lo++;
    }
}

/* Blank room is elastic: when row r is cut leaving a thin slice of its room for the next
 * page (`thin`), the row it makes there is drawn three lines tall, worth having. */
static void carry_room(SbTable *t, int r, gboolean thin)
{
    if (thin)
        t->min_h[r] = MAX(t->min_h[r], CARRY_ROOM);
}

/* The trailing lines of blank room of a cell, at most `most` of them, that go when its
 * content is to be no taller than `want`; -1 when dropping them is not enough. */
static int room_to_drop(const Cell *c, double want, int most)
{
    double h = content_height(c);
    guint n = c->items->len;
    int k = 0;
    while (h > want + SB_EPSILON && k < most && n > c->next) {
        const SbItem *it = &g_array_index(c->items, SbItem, n - 1);
        if (it->kind != SB_ITEM_GAP || fabs(it->height - ROOM_LINE) > SB_EPSILON)
            break;
        h -= it->height;
        n--;
        k++;
    }
    return h > want + SB_EPSILON ? -1 : k;
}

/* Room is elastic: row r, a row of its own, is made no taller than `want` by ending the
 * blank room of its cells a line early, when that is enough.  Returns whether it was. */
static gboolean shorten_room(SbTable *t, int r, double want)
{
    if (t->min_h[r] > want + SB_EPSILON)
        return FALSE;
    Cell *c;
    for (guint i = window(t, r); (c = cell_before(t, i, r + 1)); i++)
        if (c->row <= r && last_row(c) >= r && (c->side || c->rowspan > 1 || room_to_drop(c, want, 1) < 0))
            return FALSE;
    for (guint i = window(t, r); (c = cell_before(t, i, r + 1)); i++)
        if (c->row == r)
            g_array_set_size(c->items, c->items->len - (guint)room_to_drop(c, want, 1));
    row_heights(t, r, r + 1);
    return TRUE;
}

/* The group cur..end fits the room left but the seal row after it does not.  An opinion's
 * （公章） row never starts a page cut off from what it signs, so part of this group goes
 * along with it, as long as the page stays under about a third empty.  Returns the row to go
 * on from, or -1 when nothing needs to move. */
static int keep_with_seal(SbTable *t, int cur, int end, double room, double fresh_room)
{
    Flow *flow = t->flow;
    double total = sum(t->h, cur, end), seal;
    if ((seal = seal_group_height(t, end)) <= 0 || total + seal <= room + SB_EPSILON)
        return -1;
    /* a blank field a line short keeps the opinion on this page */
    if (end - cur == 1 && shorten_room(t, cur, room - seal))
        return -1;
    double third = flow->g.type_h * 0.3;
    if (!flow->page_empty && total <= SHORT_GROUP(t) && total + seal <= fresh_room && room < third) {
        continue_on_new_page(t);   /* the whole short group goes along */
        return cur;
    }
    if (end - cur >= 2 && t->h[end - 1] + seal <= fresh_room) {
        paint_rows(t, cur, end - 1, FALSE, FALSE);   /* a long group flows on: its last row goes */
        continue_on_new_page(t);
        return end - 1;
    }
    /* one row: its last lines go, if at least half as much stays behind (地方政府意见 after
     * the seven lines of 项目建设目标) */
    gboolean thin = leaves_thin_room(t, cur, total - MIN_CUT);
    if (end - cur == 1 && total >= 1.5 * MIN_CUT && cuttable(t, cur) && (thin ? CARRY_ROOM : MIN_CUT) + seal <= fresh_room
        && room - total + MIN_CUT < third) {
        carry_room(t, cur, thin);
        paint_cut_row(t, cur, total - MIN_CUT, FALSE);
        continue_on_new_page(t);
        return cur;
    }
    return -1;
}

/* Cuts row r of a group ending at `end` at the foot of the page, `left` below it.  Blank
 * room too thin to be worth a row on the next page ends here, unless an opinion's seal row
 * follows and needs company there: then what goes along is made three lines tall.
 * Returns TRUE when the row ends on this page. */
static gboolean cut_at_foot(SbTable *t, int r, int end, double left)
{
    gboolean thin = leaves_thin_room(t, r, left);
    if (thin && (r + 1 < end || seal_group_height(t, end) <= 0))
        return paint_cut_row(t, r, left, TRUE);
    carry_room(t, r, thin);
    return paint_cut_row(t, r, left, FALSE);
}

/* The one-row group cur..end fits the room left but the row after it does not, and that
 * row is short and ends its run of rows of one grid (the table's last row, 资产负债率 the
 * last of the financial rows): it would stand alone at the top of the next page, under
 * the repeated header.  Like a paragraph's last line it takes the row before along, as
 * long as the page stays under about a third empty.  Returns the row to go on from, or -1
 * when nothing needs to move. */
static int keep_with_last(SbTable *t, int cur, int end, double room, double fresh_room)
{
    Flow *flow = t->flow;
    if (flow->page_empty || end - cur != 1 || end >= t->n_rows || t->grid[end] != t->grid[cur])
        return -1;
    int after = group_end(t, end);
    if (after != end + 1 || (after < t->n_rows && t->grid[after] == t->grid[end]))
        return -1;
    double moved = t->h[cur];
    row_heights(t, end, after);
    double last = t->h[end];
    row_heights(t, cur, end);
    if (moved + last <= room + SB_EPSILON || last >= MIN_CUT || moved + last > fresh_room ||
        room >= flow->g.type_h * 0.3)
        return -1;
    continue_on_new_page(t);
    return cur;
}

/* Places one row group, splitting it when it is taller than the room left. */
static int place_group(SbTable *t, int cur, double fresh_room)
{
    Flow *flow = t->flow;
    advance_window(t, cur);
    int end = group_end(t, cur);
    row_heights(t, cur, end);
    double total = sum(t->h, cur, end), room = sb_flow_room(flow);
    int next = cur;
    if (!flow->page_empty && caption_need(t, cur, end) > room + SB_EPSILON) {
        continue_on_new_page(t);
    } else if (total <= room + SB_EPSILON) {
        next = keep_with_seal(t, cur, end, room, fresh_room);
        if (next < 0)
            next = keep_with_last(t, cur, end, room, fresh_room);
        if (next < 0) {
            paint_rows(t, cur, end, FALSE, FALSE);
            next = end;
        }
    } else if (!flow->page_empty && ((total <= SHORT_GROUP(t) && total <= fresh_room) || room < MIN_CUT)) {
        continue_on_new_page(t);
    } else {
        /* the rows that fit, then the next row cut at the foot when the room is worth it */
        int k = rows_that_fit(t->h, cur, end, room);
        if (k > 0)
            paint_rows(t, cur, cur + k, FALSE, FALSE);
        double left = sb_flow_room(flow);
        /* on an empty page a row taller than the page is cut whatever it holds */
        if (cur + k < end && ((k == 0 && flow->page_empty) || (left >= MIN_CUT && cuttable(t, cur + k))) &&
            cut_at_foot(t, cur + k, end, left))
            k++;   /* the row ended at the foot, its blank room a little short */
        next = cur + k;
        if (next < end)
            continue_on_new_page(t);
    }
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
    double fresh_room = t->flow->g.type_h - header_height(t);
    paint_header(t);
    int cur = t->header_rows;
    while (cur < t->n_rows)
        cur = place_group(t, cur, fresh_room);
    while (t->sides->len)   /* a table of its header alone */
        draw_side(t, t->sides->pdata[0], t->flow->y, TRUE);
}

double sb_table_seal_lead(SbTable *t)
{
    if (t->header_rows >= t->n_rows)
        return 0;
    double seal = seal_group_height(t, t->header_rows);
    return seal > 0 ? seal + header_height(t) : 0;
}

void sb_table_keep_with_seal(SbTable *t, double height)
{
    t->seal_after = height;
}

double sb_table_lead_height(SbTable *t)
{
    int end = t->header_rows < t->n_rows ? group_end(t, t->header_rows) : t->n_rows;
    row_heights(t, 0, t->header_rows);
    double lead = sum(t->h, 0, t->header_rows);
    if (end > t->header_rows) {
        /* a short first group must fit whole; of a long one, its first row or a cut */
        row_heights(t, t->header_rows, end);
        double group = sum(t->h, t->header_rows, end);
        lead += group <= SHORT_GROUP(t) ? group : MIN(t->h[t->header_rows], MAX(MIN_CUT, SHORT_GROUP(t) / 2));
    }
    return MIN(lead, t->flow->g.type_h / 3);
}
