/* A table placed on pages: row groups kept together when short and flowing across a
 * break when tall, rows cut at a page's foot, blank room that is not worth carrying ended
 * short, seal rows kept with what they close, a short last row not left alone. */
#include <math.h>

#include "pdf_table_parts.h"

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
    for (guint i = sb_table_window(t, r); (c = sb_table_cell_before(t, i, r + 1)); i++) {
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
    for (guint i = sb_table_window(t, from); (c = sb_table_cell_before(t, i, from + 1)); i++) {
        if (c->row > from || sb_table_last_row(c) < from)
            continue;
        if (c->side) {   /* a label column ending in this row: left to the cut */
            ends = ends && sb_table_last_row(c) > from;
            continue;
        }
        guint fit = items_fitting(c, room);
        double rest = blank_rest(c, fit);
        if (trim && rest >= 0 && rest < THIN_ROOM)
            g_array_set_size(c->items, fit);
        ends = ends && c->row == from && sb_table_last_row(c) == from && fit >= c->items->len;
    }
    t->h[from] = room;
    sb_table_paint_rows(t, from, from + 1, FALSE, !ends);
    return ends;
}

/* A caption row needs the first row of what follows beside it on the page. */
static double caption_need(SbTable *t, int cur, int end)
{
    if (!t->caption[cur] || end >= t->n_rows)
        return 0;
    double caption = t->h[cur];
    sb_table_row_heights(t, end, sb_table_group_end(t, end));
    double need = t->h[end];
    return need + caption;
}

/* A row holding a seal is not cut: the seal would go whole to the next page and leave an
 * empty stub of its row behind. */
static gboolean cuttable(const SbTable *t, int r)
{
    Cell *c;
    for (guint i = sb_table_window(t, r); (c = sb_table_cell_before(t, i, r + 1)); i++) {
        if (c->row > r || sb_table_last_row(c) < r)
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
    int after = sb_table_group_end(t, start);
    sb_table_row_heights(t, start, after);
    return sb_table_sum(t->h, start, after);
}

/* Forgets the cells that are drawn and lie above row `cur`. */
static void advance_window(SbTable *t, int cur)
{
    while (t->lo < t->cells->len) {
        const Cell *c = t->cells->pdata[t->lo];
        if (sb_table_last_row(c) >= cur || c->next < c->items->len)
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
    double h = sb_table_content_height(c);
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
    for (guint i = sb_table_window(t, r); (c = sb_table_cell_before(t, i, r + 1)); i++)
        if (c->row <= r && sb_table_last_row(c) >= r && (c->side || c->rowspan > 1 || room_to_drop(c, want, 1) < 0))
            return FALSE;
    for (guint i = sb_table_window(t, r); (c = sb_table_cell_before(t, i, r + 1)); i++)
        if (c->row == r)
            g_array_set_size(c->items, c->items->len - (guint)room_to_drop(c, want, 1));
    sb_table_row_heights(t, r, r + 1);
    return TRUE;
}

/* The group cur..end fits the room left but the seal row after it does not.  An opinion's
 * （公章） row never starts a page cut off from what it signs, so part of this group goes
 * along with it, as long as the page stays under about a third empty.  Returns the row to go
 * on from, or -1 when nothing needs to move. */
static int keep_with_seal(SbTable *t, int cur, int end, double room, double fresh_room)
{
    Flow *flow = t->flow;
    double total = sb_table_sum(t->h, cur, end), seal;
    if ((seal = seal_group_height(t, end)) <= 0 || total + seal <= room + SB_EPSILON)
        return -1;
    /* a blank field a line short keeps the opinion on this page */
    if (end - cur == 1 && shorten_room(t, cur, room - seal))
        return -1;
    double third = flow->g.type_h * 0.3;
    if (!flow->page_empty && total <= SHORT_GROUP(t) && total + seal <= fresh_room && room < third) {
        sb_table_continue_on_new_page(t);   /* the whole short group goes along */
        return cur;
    }
    if (end - cur >= 2 && t->h[end - 1] + seal <= fresh_room) {
        sb_table_paint_rows(t, cur, end - 1, FALSE, FALSE);   /* a long group flows on: its last row goes */
        sb_table_continue_on_new_page(t);
        return end - 1;
    }
    /* one row: its last lines go, if at least half as much stays behind (地方政府意见 after
     * the seven lines of 项目建设目标) */
    gboolean thin = leaves_thin_room(t, cur, total - MIN_CUT);
    if (end - cur == 1 && total >= 1.5 * MIN_CUT && cuttable(t, cur) && (thin ? CARRY_ROOM : MIN_CUT) + seal <= fresh_room
        && room - total + MIN_CUT < third) {
        carry_room(t, cur, thin);
        paint_cut_row(t, cur, total - MIN_CUT, FALSE);
        sb_table_continue_on_new_page(t);
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
    int after = sb_table_group_end(t, end);
    if (after != end + 1 || (after < t->n_rows && t->grid[after] == t->grid[end]))
        return -1;
    double moved = t->h[cur];
    sb_table_row_heights(t, end, after);
    double last = t->h[end];
    sb_table_row_heights(t, cur, end);
    if (moved + last <= room + SB_EPSILON || last >= MIN_CUT || moved + last > fresh_room ||
        room >= flow->g.type_h * 0.3)
        return -1;
    sb_table_continue_on_new_page(t);
    return cur;
}

/* Places one row group, splitting it when it is taller than the room left. */
static int place_group(SbTable *t, int cur, double fresh_room)
{
    Flow *flow = t->flow;
    advance_window(t, cur);
    int end = sb_table_group_end(t, cur);
    sb_table_row_heights(t, cur, end);
    double total = sb_table_sum(t->h, cur, end), room = sb_flow_room(flow);
    int next = cur;
    if (!flow->page_empty && caption_need(t, cur, end) > room + SB_EPSILON) {
        sb_table_continue_on_new_page(t);
    } else if (total <= room + SB_EPSILON) {
        next = keep_with_seal(t, cur, end, room, fresh_room);
        if (next < 0)
            next = keep_with_last(t, cur, end, room, fresh_room);
        if (next < 0) {
            sb_table_paint_rows(t, cur, end, FALSE, FALSE);
            next = end;
        }
    } else if (!flow->page_empty && ((total <= SHORT_GROUP(t) && total <= fresh_room) || room < MIN_CUT)) {
        sb_table_continue_on_new_page(t);
    } else {
        /* the rows that fit, then the next row cut at the foot when the room is worth it */
        int k = rows_that_fit(t->h, cur, end, room);
        if (k > 0)
            sb_table_paint_rows(t, cur, cur + k, FALSE, FALSE);
        double left = sb_flow_room(flow);
        /* on an empty page a row taller than the page is cut whatever it holds */
        if (cur + k < end && ((k == 0 && flow->page_empty) || (left >= MIN_CUT && cuttable(t, cur + k))) &&
            cut_at_foot(t, cur + k, end, left))
            k++;   /* the row ended at the foot, its blank room a little short */
        next = cur + k;
        if (next < end)
            sb_table_continue_on_new_page(t);
    }
    return next;
}

void sb_table_place(SbTable *t)
{
    double fresh_room = t->flow->g.type_h - sb_table_header_height(t);
    sb_table_paint_header(t);
    int cur = t->header_rows;
    while (cur < t->n_rows)
        cur = place_group(t, cur, fresh_room);
    while (t->sides->len)   /* a table of its header alone */
        sb_table_draw_side(t, t->sides->pdata[0], t->flow->y, TRUE);
}

double sb_table_seal_lead(SbTable *t)
{
    if (t->header_rows >= t->n_rows)
        return 0;
    double seal = seal_group_height(t, t->header_rows);
    return seal > 0 ? seal + sb_table_header_height(t) : 0;
}

void sb_table_keep_with_seal(SbTable *t, double height)
{
    t->seal_after = height;
}

double sb_table_lead_height(SbTable *t)
{
    int end = t->header_rows < t->n_rows ? sb_table_group_end(t, t->header_rows) : t->n_rows;
    sb_table_row_heights(t, 0, t->header_rows);
    double lead = sb_table_sum(t->h, 0, t->header_rows);
    if (end > t->header_rows) {
        /* a short first group must fit whole; of a long one, its first row or a cut */
        sb_table_row_heights(t, t->header_rows, end);
        double group = sb_table_sum(t->h, t->header_rows, end);
        lead += group <= SHORT_GROUP(t) ? group : MIN(t->h[t->header_rows], MAX(MIN_CUT, SHORT_GROUP(t) / 2));
    }
    return MIN(lead, t->flow->g.type_h / 3);
}
