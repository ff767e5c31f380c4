/* Second looks at a paragraph pango has broken into lines: codes, phone numbers, e-mails and
 * URLs kept whole when they fit a line, and no lone character on a last line.  Each costs
 * one more layout of the paragraph, and only when the first one shows the fault. */
#include "pdf_lines.h"
#include "pdf_punct.h"

#include <string.h>

#define LINE_SEPARATOR 0x2028

/* Characters of a Latin token that must not be broken inside when it fits: codes (MA1P3R6W-1),
 * phone numbers, e-mails, URLs, model numbers, dates written with digits. */
static gboolean token_char(gunichar c)
{
    return c < 0x80 && (g_ascii_isalnum((char)c) || strchr("@._-/:+%#&=?~", (int)c));
}

static int line_count(PangoLayout *layout)
{
    return pango_layout_get_line_count(layout);
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
        if (next < text + end && !natural_break_after(g_utf8_get_char(p)))
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
    int n = line_count(layout), done = 0;
    for (int i = 1; i < n; i++) {
        int at = pango_layout_get_line_readonly(layout, i)->start_index;
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
    pango_layout_set_attributes(layout, attrs);
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
    int n = line_count(layout);
    if (n < 2)
        return FALSE;
    PangoLayoutLine *last = pango_layout_get_line_readonly(layout, n - 1);
    const char *p = text + last->start_index, *end = p + last->length;
    if (p == text || g_utf8_get_char(g_utf8_prev_char(p)) == LINE_SEPARATOR || p >= end)
        return FALSE;
    gunichar first = g_utf8_get_char(p);
    if (first < 0x2E80 || sb_clreq_no_break_before(first) || sb_clreq_no_break_after(first))
        return FALSE;   /* a Latin word, or marks: not the lone character of Chinese setting */
    for (p = g_utf8_next_char(p); p < end; p = g_utf8_next_char(p))
        if (!sb_clreq_no_break_before(g_utf8_get_char(p)) && !g_unichar_isspace(g_utf8_get_char(p)))
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

/* Narrowest width, in Pango units, that still sets the paragraph in `lines` lines with
 * none of them sticking out (a token as wide as the narrower width would be broken anew,
 * and could leave a lone character again). */
static int balanced_width(PangoLayout *layout, int lines)
{
    int hi = pango_layout_get_width(layout), lo = hi / lines;
    while (hi - lo > PANGO_SCALE / 4) {
        int mid = (lo + hi) / 2;
        pango_layout_set_width(layout, mid);
        if (line_count(layout) > lines || sticks_out(layout))
            lo = mid;
        else
            hi = mid;
    }
    pango_layout_set_width(layout, hi);
    return hi;
}

double sb_lines_avoid_lone(PangoLayout *layout, gboolean balance)
{
    const char *text = pango_layout_get_text(layout);
    if (!lone_last(layout, text))
        return 0;
    int n = line_count(layout), width = pango_layout_get_width(layout);
    if (balance) {
        /* a centred label: lines of even length, centred in the full width */
        int narrow = balanced_width(layout, n);
        if (!lone_last(layout, text) && line_count(layout) == n)
            return (width - narrow) / 2.0 / PANGO_SCALE;
        pango_layout_set_width(layout, width);
    }
    /* take one more character down to the last line, up to three times (the line above
       may take back what it gave when its marks are compressed) */
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    gboolean better = FALSE;
    for (int attempt = 0; attempt < 3 && !better; attempt++) {
        PangoLayoutLine *last = pango_layout_get_line_readonly(layout, n - 1);
        const char *at = text + last->start_index;
        /* a new list each time: pango keeps the one it was given */
        PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
        forbid_breaks(attrs, (int)(g_utf8_prev_char(at) - text), (int)(g_utf8_next_char(at) - text));
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
        if (line_count(layout) != n)
            break;
        better = !lone_last(layout, text);
    }
    if (!better)
        pango_layout_set_attributes(layout, old);   /* no better: keep pango's lines */
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

/* The first line wider than its room: the bytes from where it crosses its room to its end;
 * FALSE when all lines fit. */
static gboolean overflowing_line(PangoLayout *layout, Range *r)
{
    int width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
    int n = line_count(layout);
    for (int i = 0; i < n; i++) {
        PangoLayoutLine *l = pango_layout_get_line_readonly(layout, i);
        PangoRectangle logical;
        pango_layout_line_get_extents(l, NULL, &logical);
        int room = width - (i == 0 ? MAX(indent, 0) : MAX(-indent, 0));
        if (logical.width > room + PANGO_SCALE / 4) {
            int index, trailing;
            pango_layout_line_x_to_index(l, room - (i == 0 ? MAX(indent, 0) : 0), &index, &trailing);
            r->start = (guint)index;
            r->end = (guint)(l->start_index + l->length);
            return TRUE;
        }
    }
    return FALSE;
}

gboolean sb_lines_no_overflow(PangoLayout *layout)
{
    gboolean changed = FALSE;
    Range r;
    for (int round = 0; round < 6 && overflowing_line(layout, &r); round++) {
        if (round == 3) {
            /* pango's own rules (UAX #14) still bind the run, “丁： in a column two
               characters wide: break by characters, under the clreq rules left */
            pango_layout_set_wrap(layout, PANGO_WRAP_CHAR);
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
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
        changed = TRUE;
    }
    return changed;
}
