/* Second looks at a paragraph pango has broken into lines: codes, phone numbers, e-mails and
 * URLs kept whole when they fit a line, no lone character on a last line, and a run the
 * rules bind that is wider than its line broken at the least bad place.  Each costs one
 * more layout of the paragraph, and only when the first one shows the fault. */
#include "pdf_lines.h"
#include "pdf_punct.h"
#include "pdf_count.h"
#include "pdf_linecache.h"

#include <string.h>


/* Characters of a Latin token that must not be broken inside when it fits: codes (MA1P3R6W-1),
 * phone numbers, e-mails, URLs, model numbers, dates written with digits. */
static gboolean token_char(gunichar c)
{
    if (c == SB_ZERO_WIDTH_SPACE)
        return TRUE;   /* a break opportunity inside a token (pdf_lines.c, break_at) */
    return c < 0x80 && (g_ascii_isalnum((char)c) || strchr("@._-/:+%#&=?~", (int)c));
}

static void forbid_breaks(PangoAttrList *attrs, int start, int end)
{
    PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
    a->start_index = (guint)start;
    a->end_index = (guint)end;
    pango_attr_list_insert(attrs, a);
}

/* The width of `len` bytes of text at `start` set alone in the paragraph's font.  Text
 * that could not fit `width` even at a fifth of an em a byte is not laid out: a
 * 100,000-letter token costs nothing more. */
static double text_width(PangoLayout *layout, const char *start, int len, double width)
{
    const PangoFontDescription *desc = pango_layout_get_font_description(layout);
    double size = desc ? pango_font_description_get_size(desc) / (double)PANGO_SCALE : 0;
    if (size > 0 && len * size / 5 > width)
        return G_MAXDOUBLE;
    sb_count_probe();
    PangoLayout *probe = pango_layout_new(pango_layout_get_context(layout));
    pango_layout_set_font_description(probe, pango_layout_get_font_description(layout));
    pango_layout_set_text(probe, start, len);
    PangoRectangle logical;
    pango_layout_get_extents(probe, NULL, &logical);
    g_object_unref(probe);
    return logical.width / (double)PANGO_SCALE;
}

/* The token around byte `at`, as [*start, *end). */
static void token_around(const char *text, int at, int *start, int *end)
{
    const char *s = text + at, *e = text + at;
    while (s > text) {
        const char *p = g_utf8_prev_char(s);
        if (!token_char(g_utf8_get_char(p)))
            break;
        s = p;
    }
    while (*e && token_char(g_utf8_get_char(e)))
        e = g_utf8_next_char(e);
    *start = (int)(s - text), *end = (int)(e - text);
}

static gboolean natural_break_after(gunichar c)
{
    return c == '-' || c == '@' || c == '.' || c == '/' || c == '_';
}

/* A token a line break cut: kept whole when it fits a line, however short that leaves the
 * line above (a short line reads better than a phone number cut in a table cell); else it
 * may break only after - @ . / _, each piece
 * between those kept whole where it fits a line (a piece that does not breaks anywhere,
 * as pango's fallback does). */
static gboolean keep_token(PangoLayout *layout, PangoAttrList *attrs, int start, int end, int at, double width)
{
    const char *text = pango_layout_get_text(layout);
    (void)at;
    if (text_width(layout, text + start, end - start, width) <= width) {
        forbid_breaks(attrs, start, end);
        return TRUE;
    }
    gboolean kept = FALSE;
    int piece = start;
    for (const char *p = text + start; p < text + end; p = g_utf8_next_char(p)) {
        const char *next = g_utf8_next_char(p);
        gunichar c = g_utf8_get_char(p);
        /* a piece ends after a natural break, or after the break opportunity that follows it */
        gboolean ends = c == SB_ZERO_WIDTH_SPACE ||
                        (natural_break_after(c) && g_utf8_get_char(next) != SB_ZERO_WIDTH_SPACE);
        if (next < text + end && !ends)
            continue;
        int stop = (int)(next - text);
        if (stop - piece > 1 && text_width(layout, text + piece, stop - piece, width) <= width) {
            forbid_breaks(attrs, piece, stop);
            kept = TRUE;
        }
        piece = stop;
    }
    return kept;
}

/* One pass over the line starts; TRUE when it kept a token whole. */
static gboolean keep_tokens_once(PangoLayout *layout, double width)
{
    const char *text = pango_layout_get_text(layout);
    /* a token kept whole starts a line after the first: that line's room */
    width -= MAX(0, -pango_layout_get_indent(layout)) / (double)PANGO_SCALE;
    PangoAttrList *attrs = NULL;
    gboolean changed = FALSE;
    int n = sb_layout_line_count(layout), done = 0;
    for (int i = 1; i < n; i++) {
        int at = sb_layout_line(layout, i)->start_index;
        if (at <= done || !token_char(g_utf8_get_char(text + at)))
            continue;
        const char *before = g_utf8_prev_char(text + at);
        int start, end;
        if (token_char(g_utf8_get_char(before))) {
            token_around(text, at, &start, &end);
        } else if (*before == ' ' && before > text && token_char(g_utf8_get_char(before - 1))) {
            /* a model number with a space, YG-OCT 3000: one token when its first word
               is short (a long word before a space is a word of its own) */
            int s2, e2;
            token_around(text, (int)(before - 1 - text), &start, &e2);
            token_around(text, at, &s2, &end);
            if (e2 - start > 10)
                continue;
        } else {
            continue;
        }
        if (!attrs)
            attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
        changed = keep_token(layout, attrs, start, end, at, width) || changed;
        done = end;   /* a token over several lines is seen once */
    }
    if (!changed) {   /* nothing to keep together: no second layout */
        if (attrs)
            pango_attr_list_unref(attrs);
        return FALSE;
    }
    sb_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    return TRUE;
}

gboolean sb_lines_keep_tokens(PangoLayout *layout, double width)
{
    /* a token moved down may push the next one onto a line break: a few passes */
    gboolean changed = FALSE;
    for (int pass = 0; pass < 3 && keep_tokens_once(layout, width); pass++)
        changed = TRUE;
    return changed;
}

/* TRUE when the last line holds one character (and the closing marks after it) that the
 * paragraph's wrapping, not a line break of its own, sent there. */
static gboolean lone_last(PangoLayout *layout, const char *text)
{
    int n = sb_layout_line_count(layout);
    if (n < 2)
        return FALSE;
    PangoLayoutLine *last = sb_layout_line(layout, n - 1);
    const char *p = text + last->start_index, *end = p + last->length;
    if (p == text || g_utf8_get_char(g_utf8_prev_char(p)) == SB_LINE_SEPARATOR || p >= end)
        return FALSE;
    gunichar first = g_utf8_get_char(p);
    if (first < 0x2E80 || sb_clreq_no_break_before(first) || sb_clreq_no_break_after(first))
        return FALSE;   /* a Latin word, or marks: not the lone character of Chinese setting */
    for (p = g_utf8_next_char(p); p < end; p = g_utf8_next_char(p))
        if (!sb_clreq_no_break_before(g_utf8_get_char(p)) && !g_unichar_isspace(g_utf8_get_char(p)) &&
            g_utf8_get_char(p) != SB_ZERO_WIDTH_SPACE)
            return FALSE;
    return TRUE;
}

/* Whether a line is wider than the layout: a run no break fits sticks out. */
static gboolean sticks_out(PangoLayout *layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return logical.width > pango_layout_get_width(layout) + PANGO_SCALE / 4;
}

/* The narrowest width at which every line of the layout as it stands still fits its
 * room: down to it pango breaks the paragraph the same way, since each line still holds
 * what it holds and one character more did not fit even the wider room. */
static int lines_fit_from(PangoLayout *layout)
{
    int indent = pango_layout_get_indent(layout), n = sb_layout_line_count(layout), least = 0;
    for (int i = 0; i < n; i++) {
        PangoRectangle logical;
        pango_layout_line_get_extents(sb_layout_line(layout, i), NULL, &logical);
        least = MAX(least, logical.width + (i == 0 ? MAX(indent, 0) : MAX(-indent, 0)));
    }
    return least;
}

/* A width at which the lines are known to fit: widths in [from, to] set the same lines. */
typedef struct {
    int from, to;
} Fits;

/* Whether the layout at its width sets `lines` lines with none sticking out; when it
 * does, *fits is where the same answer holds without laying the paragraph out again. */
static gboolean balanced_at(PangoLayout *layout, int lines, Fits *fits)
{
    if (sb_layout_line_count(layout) > lines || sticks_out(layout))
        return FALSE;
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    /* centring rounds each line's offset: two units of margin for the lines' extent */
    fits->from = MAX(lines_fit_from(layout), logical.width - PANGO_SCALE / 4 + 2);
    fits->to = pango_layout_get_width(layout);
    return TRUE;
}

/* Narrowest width, in Pango units, that still sets the paragraph in `lines` lines with
 * none of them sticking out (a token as wide as the narrower width would be broken anew,
 * and could leave a lone character again).  A bisection; a width where the last lines
 * that fit are known to stand as they are is answered without a layout. */
static int balanced_width(PangoLayout *layout, int lines)
{
    int hi = pango_layout_get_width(layout), lo = hi / lines;
    Fits fits = {1, 0};
    balanced_at(layout, lines, &fits);
    while (hi - lo > PANGO_SCALE / 4) {
        int mid = (lo + hi) / 2;
        gboolean fit = mid >= fits.from && mid <= fits.to;
        if (!fit) {
            sb_layout_set_width(layout, mid);
            fit = balanced_at(layout, lines, &fits);
        }
        if (fit)
            hi = mid;
        else
            lo = mid;
    }
    sb_layout_set_width(layout, hi);
    return hi;
}

double sb_lines_avoid_lone(PangoLayout *layout, gboolean balance)
{
    const char *text = pango_layout_get_text(layout);
    if (!lone_last(layout, text))
        return 0;
    int n = sb_layout_line_count(layout), width = pango_layout_get_width(layout);
    if (balance) {
        /* a centred label: lines of even length, centred in the full width */
        int narrow = balanced_width(layout, n);
        if (!lone_last(layout, text) && sb_layout_line_count(layout) == n)
            return (width - narrow) / 2.0 / PANGO_SCALE;
        sb_layout_set_width(layout, width);
    }
    /* take one more character down to the last line, up to three times (the line above
       may take back what it gave when its marks are compressed) */
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    gboolean better = FALSE;
    for (int attempt = 0; attempt < 3 && !better; attempt++) {
        PangoLayoutLine *last = sb_layout_line(layout, n - 1);
        const char *at = text + last->start_index;
        /* a new list each time: pango keeps the one it was given */
        PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
        forbid_breaks(attrs, (int)(g_utf8_prev_char(at) - text), (int)(g_utf8_next_char(at) - text));
        sb_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
        if (sb_layout_line_count(layout) != n)
            break;
        better = !lone_last(layout, text);
    }
    if (!better)
        sb_layout_set_attributes(layout, old);   /* no better: keep pango's lines */
    pango_attr_list_unref(old);
    return 0;
}

/* ---- the last guard: nothing leaves the box ---- */

typedef struct {
    guint start, end;
} Range;

static gboolean breaks_in_range(PangoAttribute *a, gpointer data)
{
    const Range *r = data;
    return a->klass->type == PANGO_ATTR_ALLOW_BREAKS && a->start_index < r->end && a->end_index > r->start;
}

/* The room of line i, in Pango units. */
static int room_of(PangoLayout *layout, int i)
{
    int width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
    return width - (i == 0 ? MAX(indent, 0) : MAX(-indent, 0));
}

static double line_room(PangoLayout *layout, int i)
{
    return room_of(layout, i) / (double)PANGO_SCALE;
}

/* The first line wider than its room, and in *r the bytes from where it crosses its room
 * to its end; -1 when all lines fit. */
static int overflowing_line(PangoLayout *layout, Range *r)
{
    int indent = pango_layout_get_indent(layout);
    int n = sb_layout_line_count(layout);
    for (int i = 0; i < n; i++) {
        PangoLayoutLine *l = sb_layout_line(layout, i);
        PangoRectangle logical;
        pango_layout_line_get_extents(l, NULL, &logical);
        int room = room_of(layout, i);
        if (logical.width > room + PANGO_SCALE / 4) {
            int index, trailing;
            pango_layout_line_x_to_index(l, room - (i == 0 ? MAX(indent, 0) : 0), &index, &trailing);
            r->start = (guint)index;
            r->end = (guint)(l->start_index + l->length);
            return i;
        }
    }
    return -1;
}

/* ---- where a bound run wider than its line is broken ---- */

#define NO_BREAK (-1)

static gboolean pair_mark(gunichar c)
{
    return c == 0x2026 || c == 0x2014;   /* …… and —— come in pairs */
}

/* How bad a break between a and b (at byte `at`) is, when no break the rules allow fits
 * the line: 1 before a …… or —— pair (a line may then start with it), 2 after the space
 * of a model number written with one (YG-OCT 3000, kept whole as a token), 3 a closing mark
 * at a line's start or an opening one at its end, 4 inside a Latin token too long for
 * the line (0 at its natural points, after - @ . / _), 5 inside a token the line could
 * hold; never between two closing marks nor inside a pair. */
static int break_cost(PangoLayout *layout, const char *text, const char *at, double room)
{
    gunichar a = g_utf8_get_char(g_utf8_prev_char(at)), b = g_utf8_get_char(at);
    if (a == SB_ZERO_WIDTH_SPACE || b == SB_ZERO_WIDTH_SPACE || a == 0xFFFC || b == 0xFFFC || g_unichar_isspace(b))
        return NO_BREAK;   /* a break there already; a shape keeps its neighbours; a line
                              breaks after a space, not before it */
    if (g_unichar_isspace(a))
        return 2;   /* a model number with a space (YG-OCT 3000) parts there */
    if (pair_mark(a) && a == b)
        return NO_BREAK;
    if (pair_mark(b) && g_utf8_get_char(g_utf8_next_char(at)) == b)
        return 1;
    if (sb_clreq_no_break_before(a) && sb_clreq_no_break_before(b))
        return NO_BREAK;
    if (token_char(a) && token_char(b)) {
        int start, end;
        token_around(text, (int)(at - text), &start, &end);
        if (text_width(layout, text + start, end - start, room) <= room)
            return 5;
        return natural_break_after(a) ? 0 : 4;
    }
    return sb_clreq_no_break_after(a) || sb_clreq_no_break_before(b) ? 3 : 0;
}

/* A break opportunity at byte `pos`: a zero-width space, and no rule binding across it. */
static gboolean spans_pos(PangoAttribute *a, gpointer data)
{
    guint pos = GPOINTER_TO_UINT(data);
    return a->klass->type == PANGO_ATTR_ALLOW_BREAKS && a->start_index < pos && a->end_index > pos;
}

static void break_at(PangoLayout *layout, int pos)
{
    GString *text = g_string_new(pango_layout_get_text(layout));
    PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
    guint after = (guint)pos;
    /* after a space pango breaks by itself; elsewhere after a zero-width space */
    if (!g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text->str + pos)))) {
        g_string_insert(text, pos, "\xe2\x80\x8b");
        pango_attr_list_update(attrs, pos, 0, 3);
        after += 3;
    }
    PangoAttrList *removed = pango_attr_list_filter(attrs, spans_pos, GUINT_TO_POINTER(after));
    if (removed) {   /* each rule keeps what it bound on either side */
        GSList *list = pango_attr_list_get_attributes(removed);
        for (GSList *l = list; l; l = l->next) {
            PangoAttribute *a = l->data;
            forbid_breaks(attrs, (int)a->start_index, (int)after);
            forbid_breaks(attrs, (int)after, (int)a->end_index);
            pango_attribute_destroy(a);
        }
        g_slist_free(list);
        pango_attr_list_unref(removed);
    }
    pango_layout_set_text(layout, text->str, (int)text->len);
    sb_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    g_string_free(text, TRUE);
}

/* Line i sticks out from byte `cross` on: the least bad break between its start and
 * there is made a break opportunity (the latest of equal ones, so that the line stays
 * full).  FALSE when every place there is one no rule allows. */
static gboolean break_least_bad(PangoLayout *layout, int i, guint cross, double room)
{
    const char *text = pango_layout_get_text(layout);
    PangoLayoutLine *l = sb_layout_line(layout, i);
    const char *start = text + l->start_index, *stop = text + MIN(cross, (guint)(l->start_index + l->length));
    const char *best = NULL;
    int best_cost = NO_BREAK;
    for (const char *p = g_utf8_next_char(start); p <= stop && *p; p = g_utf8_next_char(p)) {
        int cost = break_cost(layout, text, p, room);
        if (cost != NO_BREAK && (best_cost == NO_BREAK || cost <= best_cost))
            best = p, best_cost = cost;
    }
    if (!best)
        return FALSE;
    break_at(layout, (int)(best - text));
    return TRUE;
}

gboolean sb_lines_no_overflow(PangoLayout *layout)
{
    gboolean changed = FALSE;
    Range r;
    /* first the least bad breaks, one overflowing line at a time; then a halved mark that
       a new break moved into a line's middle is full wide again, and what that pushes
       out is looked at anew */
    for (int pass = 0; pass < 3; pass++) {
        int line, squeezed = -1;
        for (int round = 0; round < 8 && pass < 2 && (line = overflowing_line(layout, &r)) >= 0; round++) {
            /* the marks at the line's ends set half wide, once a line, may let it fit */
            if (line != squeezed && sb_punct_squeeze_line(layout, line)) {
                squeezed = line;
                changed = TRUE;
                continue;
            }
            squeezed = line;
            if (!break_least_bad(layout, line, r.start, line_room(layout, line)))
                break;
            changed = TRUE;
        }
        if (!sb_punct_drop_stray_halves(layout))
            break;
        changed = TRUE;
    }
    for (int round = 0; round < 6 && overflowing_line(layout, &r) >= 0; round++) {
        if (round == 3) {
            /* pango's own rules (UAX #14) still bind the run, “丁： in a column two
               characters wide: break by characters, under the clreq rules left */
            sb_layout_set_wrap(layout, PANGO_WRAP_CHAR);
            changed = TRUE;
            continue;
        }
        /* the rules binding what sticks out: pango may then break it where the room ends */
        PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
        PangoAttrList *removed = pango_attr_list_filter(attrs, breaks_in_range, &r);
        if (!removed) {
            pango_attr_list_unref(attrs);
            break;
        }
        pango_attr_list_unref(removed);
        sb_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
        changed = TRUE;
    }
    return changed;
}
