/* Chinese punctuation in the PDF: the clreq line-breaking classes and punctuation
 * compression with the OpenType "halt" feature (half-width alternates), which Noto CJK and
 * Fandol carry.  halt is applied to chosen marks only: applied everywhere it would make
 * every comma half wide. */
#include "pdf_punct.h"
#include "pdf_count.h"
#include "pdf_linecache.h"
#include "pdf_fitwin.h"

#include <string.h>

/* Marks pango (UAX #14) lets start a line although clreq forbids it. */
gboolean sb_clreq_no_break_before(gunichar c)
{
    return c == 0x2014 || c == 0x2015 || c == 0xFF5E || c == 0x00B7 || c == 0x30FB || c == 0xFF0F ||
           c == 0x2026 || c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A ||
           c == 0xFF1F || c == 0xFF01 || c == 0xFF09 || c == 0x300B || c == 0x300D || c == 0x300F ||
           c == 0x201D || c == 0x2019 || c == 0x3015 || c == 0x3011 || c == 0x3009 || c == 0xFF05 ||
           c == 0x3017 || c == 0xFF3D || c == 0xFF5D || c == ')' || c == ',' || c == '.' ||
           c == ';' || c == ':' || c == '?' || c == '!' || c == '%' || c == ']';
}

/* Opening marks that may not end a line. */
gboolean sb_clreq_no_break_after(gunichar c)
{
    return c == 0xFF08 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0x201C || c == 0x2018 ||
           c == 0x3014 || c == 0x3010 || c == 0x3008 || c == 0x3016 || c == 0xFF3B || c == 0xFF5B ||
           c == 0xFF0F || c == '(' || c == '[';
}

/* Marks that may be set half wide: their glyphs sit in one half of the em. */
static gboolean compressible(gunichar c)
{
    static const gunichar marks[] = {
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A,           /* ，。、；： */
        0xFF08, 0xFF09, 0x300A, 0x300B, 0x300C, 0x300D,   /* （）《》「」 */
        0x300E, 0x300F, 0x201C, 0x201D, 0x2018, 0x2019,   /* 『』“”‘’ */
        0x3010, 0x3011, 0x3014, 0x3015, 0x3008, 0x3009,   /* 【】〔〕〈〉 */
    };
    for (guint i = 0; i < G_N_ELEMENTS(marks); i++)
        if (marks[i] == c)
            return TRUE;
    return FALSE;
}

static void add_halt(PangoAttrList *attrs, const char *text, const char *at)
{
    PangoAttribute *a = pango_attr_font_features_new("halt 1");
    a->start_index = (guint)(at - text);
    a->end_index = (guint)(g_utf8_next_char(at) - text);
    pango_attr_list_insert(attrs, a);
}

PangoAttrList *sb_attrs_with_halts(PangoAttrList *attrs, const char *text, const GArray *at)
{
    PangoAttrList *out = pango_attr_list_new();
    GSList *list = attrs ? pango_attr_list_get_attributes(attrs) : NULL;   /* by start, copies */
    guint k = 0;
    for (GSList *l = list; l; l = l->next) {
        PangoAttribute *a = l->data;
        for (; k < at->len && g_array_index(at, guint, k) < a->start_index; k++)
            add_halt(out, text, text + g_array_index(at, guint, k));
        pango_attr_list_insert(out, a);   /* at the end: no walk over the list */
    }
    for (; k < at->len; k++)
        add_halt(out, text, text + g_array_index(at, guint, k));
    g_slist_free(list);
    return out;
}

static void halt_here(GArray *at, const char *text, const char *p)
{
    guint i = (guint)(p - text);
    g_array_append_val(at, i);
}

/* Of two adjacent marks the one whose blank half faces the other is halved: the first
 * unless both open (（“: the second). */
PangoAttrList *sb_punct_compress_pairs(const char *text, PangoAttrList *attrs)
{
    GArray *at = g_array_new(FALSE, FALSE, sizeof(guint));
    const char *prev = NULL;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == SB_ZERO_WIDTH_SPACE)
            continue;   /* a break opportunity between two marks: still adjacent */
        gunichar before = prev ? g_utf8_get_char(prev) : 0;
        if (prev && (c == 0xFF01 || c == 0xFF1F) && compressible(before) && !sb_clreq_no_break_after(before)) {
            halt_here(at, text, prev);   /* 〕！: the closing mark gives its blank half */
        } else if (prev && compressible(c) && compressible(before)) {
            gboolean both_open = sb_clreq_no_break_after(c) && sb_clreq_no_break_after(g_utf8_get_char(prev));
            halt_here(at, text, both_open ? p : prev);
        }
        prev = p;
    }
    /* the marks come in order, a pair's second after the first: offsets ascend */
    PangoAttrList *out = sb_attrs_with_halts(attrs, text, at);
    pango_attr_list_unref(attrs);
    g_array_free(at, TRUE);
    return out;
}

/* ---- break opportunities around quotation marks ---- */

/* pango (UAX #14, rule LB19) allows no break on either side of “ ” ‘ ’, which clreq
 * allows before an opening and after a closing quotation mark: 91320600MA1P3R6W1X“丁：
 * is one unbreakable run.  A zero-width space gives the break back.  It is in the
 * layout only: pango draws no glyph for it, so the PDF's text does not have it. */
static gboolean opening_quote(gunichar c)
{
    return c == 0x201C || c == 0x2018;
}

static gboolean closing_quote(gunichar c)
{
    return c == 0x201D || c == 0x2019;
}

/* Whether c leaves a break beside it to the layout's own rules: a space, a line break, a
 * shape (an attribute over it would grow over the inserted space), nothing. */
static gboolean no_quote_break(gunichar c)
{
    return c == 0 || g_unichar_isspace(c) || c == 0x2028 || c == 0xFFFC || c == SB_ZERO_WIDTH_SPACE;
}

static gboolean latin(gunichar c)
{
    return c < 0x80 && g_ascii_isalnum((char)c);
}

/* Whether a break is wanted between a and b, one of them the quotation mark: none where
 * clreq forbids it, nor in a Latin word (don’t: Latin on both sides of the mark). */
static gboolean quote_break(gunichar a, gunichar b, gunichar outside, gunichar inside)
{
    if (no_quote_break(a) || no_quote_break(b) || sb_clreq_no_break_after(a) || sb_clreq_no_break_before(b))
        return FALSE;
    return !(latin(outside) && latin(inside));
}

void sb_clreq_quote_breaks(GString *text, PangoAttrList *attrs)
{
    GArray *at = g_array_new(FALSE, FALSE, sizeof(gsize));
    gunichar before = 0;
    for (const char *p = text->str; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        gunichar after = g_utf8_get_char(next);
        gsize here = (gsize)(p - text->str), there = (gsize)(next - text->str);
        if (opening_quote(c) && quote_break(before, c, before, after))
            g_array_append_val(at, here);
        /* ”“: one break between them */
        if (closing_quote(c) && quote_break(c, after, after, before) && !opening_quote(after))
            g_array_append_val(at, there);
        before = c;
    }
    for (guint i = at->len; i-- > 0;) {   /* from the end: the positions before hold */
        gsize pos = g_array_index(at, gsize, i);
        g_string_insert(text, (gssize)pos, "\xe2\x80\x8b");
        pango_attr_list_update(attrs, (int)pos, 0, 3);
    }
    g_array_free(at, TRUE);
}

/* ---- fitting loose lines ---- */

/* Where the run of characters a clreq rule carried to the start of a line ends: past a
 * leading opening mark and its neighbour, or past one character and the closing marks
 * that forbade the break before them.  NULL when the line did not start that way. */
const char *sb_punct_carried_run_end(const char *start)
{
    gunichar first = g_utf8_get_char(start);
    const char *p = g_utf8_next_char(start);
    if (sb_clreq_no_break_after(first))
        return *p ? g_utf8_next_char(p) : NULL;
    const char *end = NULL;
    for (; *p && sb_clreq_no_break_before(g_utf8_get_char(p)); p = g_utf8_next_char(p))
        end = g_utf8_next_char(p);
    return end;
}

static int line_end(PangoLayout *layout, int i)
{
    PangoLayoutLine *l = sb_layout_line(layout, i);
    return l->start_index + l->length;
}

/* The room a line leaves unfilled before justification spreads it. */
static double slack(PangoLayout *layout, int i, double width)
{
    PangoLayoutLine *l = sb_layout_line(layout, i);
    PangoRectangle logical;
    pango_layout_line_get_extents(l, NULL, &logical);
    double indent = i == 0 ? pango_layout_get_indent(layout) / (double)PANGO_SCALE : 0;
    return width - indent - logical.width / (double)PANGO_SCALE;
}

/* Halves the marks of the carried run, which would end line i; keeps that when the line
 * then ends later, else puts the attributes back.  Only the run's marks: a mark squeezed
 * in the middle of a line, among full-width ones, is what clreq asks never to see.  TRUE
 * when kept; then the halved marks' byte offsets, plus `base`, go to `kept_at` if given. */
gboolean sb_punct_try_line(PangoLayout *layout, int i, const char *until, GArray *kept_at, guint base)
{
    const char *text = pango_layout_get_text(layout);
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    PangoAttrList *attrs = pango_attr_list_copy(old);
    int halved = 0;
    guint had = kept_at ? kept_at->len : 0;
    for (const char *p = text + line_end(layout, i); p < until; p = g_utf8_next_char(p))
        if (compressible(g_utf8_get_char(p)) && !sb_clreq_no_break_after(g_utf8_get_char(p))) {
            add_halt(attrs, text, p), halved++;
            if (kept_at) {
                guint at = base + (guint)(p - text);
                g_array_append_val(kept_at, at);
            }
        }
    int before = line_end(layout, i);
    sb_layout_set_attributes(layout, attrs);
    /* kept when the line now ends with the run: its halved marks end the line */
    gboolean kept = halved > 0 && line_end(layout, i) > before && text + line_end(layout, i) == until;
    if (!kept) {
        sb_layout_set_attributes(layout, old);
        if (kept_at)
            g_array_set_size(kept_at, had);
    }
    pango_attr_list_unref(attrs);
    pango_attr_list_unref(old);
    return kept;
}

/* Whether some line but the last starts with a carried run: only then can fitting
 * change anything. */
static gboolean any_carried_run(PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);
    int n = sb_layout_line_count(layout);
    for (int i = 0; i + 1 < n; i++)
        if (sb_punct_carried_run_end(text + line_end(layout, i)))
            return TRUE;
    return FALSE;
}

/* The trials on the whole paragraph, each a layout of all of it: what the window trials
 * (pdf_fitwin.c) fall back to. */
static void fit_whole(PangoLayout *layout, double size)
{
    double width = pango_layout_get_width(layout) / (double)PANGO_SCALE;
    const char *text = pango_layout_get_text(layout);
    for (int i = 0; i + 1 < sb_layout_line_count(layout); i++) {
        if (slack(layout, i, width) < 0.6 * size)
            continue;
        const char *until = sb_punct_carried_run_end(text + line_end(layout, i));
        if (until)
            sb_punct_try_line(layout, i, until, NULL, 0);
    }
}

/* The layout is not justified by pango (pdf_justify.c spreads the lines once they are
 * fixed), so its own lines show their slack: the trials need no copy of it.  The trials
 * are made on a window of a few lines (pdf_fitwin.c), the paragraph laid out again once
 * with what they kept. */
void sb_punct_fit_lines(PangoLayout *layout, double size)
{
    if (sb_layout_line_count(layout) < 2 || !any_carried_run(layout))
        return;   /* a last line is never spread */
    if (!sb_fit_windows(layout, size))
        fit_whole(layout, size);
}

/* ---- line ends ---- */

/* Whether a halt covers each of the ascending byte offsets `at`: one walk of the
 * attributes for all of them. */
static void halted_many(PangoAttrList *attrs, const guint *at, guint n, gboolean *halted)
{
    PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
    guint k = 0;
    do {
        int start, end;
        pango_attr_iterator_range(it, &start, &end);
        PangoAttribute *a = NULL;
        for (; k < n && at[k] < (guint)end; k++) {
            if (!a)
                a = pango_attr_iterator_get(it, PANGO_ATTR_FONT_FEATURES);
            halted[k] = at[k] >= (guint)start && a && strstr(((PangoAttrFontFeatures *)a)->features, "halt");
        }
    } while (k < n && pango_attr_iterator_next(it));
    for (; k < n; k++)
        halted[k] = FALSE;
    pango_attr_iterator_destroy(it);
}

static gboolean halted_at(PangoAttrList *attrs, guint index)
{
    gboolean halted;
    halted_many(attrs, &index, 1, &halted);
    return halted;
}

/* The closing mark that ends line i, or NULL. */
static const char *end_mark(PangoLayout *layout, int i)
{
    const char *text = pango_layout_get_text(layout);
    PangoLayoutLine *l = sb_layout_line(layout, i);
    const char *start = text + l->start_index, *last = start + l->length;
    if (last > start && g_utf8_get_char(g_utf8_prev_char(last)) == SB_ZERO_WIDTH_SPACE)
        last = g_utf8_prev_char(last);   /* the break opportunity after ” */
    if (last == start)
        return NULL;
    last = g_utf8_prev_char(last);
    gunichar c = g_utf8_get_char(last);
    return compressible(c) && !sb_clreq_no_break_after(c) ? last : NULL;
}

/* The closing marks ending the lines but the last that no halt covers yet, ascending. */
static GArray *unhalted_end_marks(PangoLayout *layout)
{
    int n = sb_layout_line_count(layout);
    const char *text = pango_layout_get_text(layout);
    GArray *marks = g_array_new(FALSE, FALSE, sizeof(guint));
    for (int i = 0; i + 1 < n; i++) {   /* a last line is not justified: its end stays */
        const char *mark = end_mark(layout, i);
        if (mark)
            halt_here(marks, text, mark);
    }
    gboolean *halted = g_new(gboolean, MAX(marks->len, 1));
    halted_many(pango_layout_get_attributes(layout), (const guint *)(void *)marks->data, marks->len, halted);
    guint kept = 0;
    for (guint k = 0; k < marks->len; k++)
        if (!halted[k])
            g_array_index(marks, guint, kept++) = g_array_index(marks, guint, k);
    g_array_set_size(marks, kept);
    g_free(halted);
    return marks;
}

void sb_punct_line_ends(PangoLayout *layout)
{
    int n = sb_layout_line_count(layout);
    const char *text = pango_layout_get_text(layout);
    GArray *marks = unhalted_end_marks(layout);
    if (marks->len == 0) {
        g_array_free(marks, TRUE);
        return;
    }
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    PangoAttrList *attrs = sb_attrs_with_halts(old, text, marks);
    g_array_free(marks, TRUE);
    int *ends = g_new(int, n);
    for (int i = 0; i < n; i++)
        ends[i] = line_end(layout, i);
    sb_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    /* the half ems freed must not pull a character up: then a halved mark would stand in
       the middle of a line.  Lines as before, or the marks as before. */
    gboolean same = sb_layout_line_count(layout) == n;
    for (int i = 0; same && i < n; i++)
        same = line_end(layout, i) == ends[i];
    if (!same)
        sb_layout_set_attributes(layout, old);
    pango_attr_list_unref(old);
    g_free(ends);
}

/* ---- a line too wide for its run ---- */

/* The marks at the ends of line i that may be set half wide there: an opening mark that
 * starts it, the closing marks that end it.  Each is added to `attrs`; how many. */
static int halve_line_ends(PangoLayout *layout, PangoAttrList *attrs, int i, const char **first, const char **last)
{
    const char *text = pango_layout_get_text(layout);
    PangoLayoutLine *l = sb_layout_line(layout, i);
    const char *start = text + l->start_index, *end = start + l->length;
    PangoAttrList *now = pango_layout_get_attributes(layout);
    int n = 0;
    *first = *last = NULL;
    gunichar c = g_utf8_get_char(start);
    if (start < end && compressible(c) && sb_clreq_no_break_after(c) && !halted_at(now, (guint)(start - text)))
        add_halt(attrs, text, start), n++, *first = start;
    for (const char *p = end; p > start;) {
        p = g_utf8_prev_char(p);
        c = g_utf8_get_char(p);
        if (c == SB_ZERO_WIDTH_SPACE)
            continue;
        if (!compressible(c) || sb_clreq_no_break_after(c))
            break;
        if (!halted_at(now, (guint)(p - text)))
            add_halt(attrs, text, p), n++;
        if (!*last)
            *last = p;   /* the line's last mark: it must go on ending the line */
    }
    return n;
}

static gboolean line_starts_at(PangoLayout *layout, const char *at)
{
    const char *text = pango_layout_get_text(layout);
    for (int i = 0; i < sb_layout_line_count(layout); i++)
        if (text + sb_layout_line(layout, i)->start_index == at)
            return TRUE;
    return FALSE;
}

gboolean sb_punct_squeeze_line(PangoLayout *layout, int i)
{
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    PangoAttrList *attrs = pango_attr_list_copy(old);
    const char *first, *last;
    if (halve_line_ends(layout, attrs, i, &first, &last) == 0) {
        pango_attr_list_unref(attrs);
        pango_attr_list_unref(old);
        return FALSE;
    }
    PangoRectangle before;
    pango_layout_line_get_extents(sb_layout_line(layout, i), NULL, &before);
    int start = sb_layout_line(layout, i)->start_index;
    sb_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    /* kept when the line still starts and ends with its halved marks: halved in the middle
       of a line a mark is what clreq asks never to see */
    const char *after_last = last ? g_utf8_next_char(last) : NULL;
    while (after_last && g_utf8_get_char(after_last) == SB_ZERO_WIDTH_SPACE)
        after_last = g_utf8_next_char(after_last);   /* the break opportunity after ” */
    gboolean kept = i < sb_layout_line_count(layout) &&
                    sb_layout_line(layout, i)->start_index == start &&
                    (!first || line_starts_at(layout, first)) &&
                    (!after_last || !*after_last || line_starts_at(layout, after_last));
    if (kept) {
        PangoRectangle after;
        pango_layout_line_get_extents(sb_layout_line(layout, i), NULL, &after);
        kept = after.width < before.width;
    }
    if (!kept)
        sb_layout_set_attributes(layout, old);
    pango_attr_list_unref(old);
    return kept;
}

/* ---- halved marks that lines broken anew left in the middle of a line ---- */

typedef struct {
    PangoLayout *layout;
    const char *text;
} Squeeze;

static gboolean mark_beside(gunichar c)
{
    return compressible(c) || c == 0xFF01 || c == 0xFF1F;
}

static const char *skip_breaks(const char *p)
{
    while (*p && g_utf8_get_char(p) == SB_ZERO_WIDTH_SPACE)
        p = g_utf8_next_char(p);
    return p;
}

/* A halved mark that stands in the middle of a line, no mark beside it. */
static gboolean stray_halt(PangoAttribute *a, gpointer data)
{
    const Squeeze *s = data;
    if (a->klass->type != PANGO_ATTR_FONT_FEATURES || !strstr(((PangoAttrFontFeatures *)a)->features, "halt"))
        return FALSE;
    const char *at = s->text + a->start_index;
    if (!*at)
        return FALSE;
    const char *next = skip_breaks(g_utf8_next_char(at)), *prev = at;
    while (prev > s->text && g_utf8_get_char(prev = g_utf8_prev_char(prev)) == SB_ZERO_WIDTH_SPACE)
        ;
    if (!*next || (prev != at && mark_beside(g_utf8_get_char(prev))) || mark_beside(g_utf8_get_char(next)))
        return FALSE;
    return !line_starts_at(s->layout, at) && !line_starts_at(s->layout, next);
}

gboolean sb_punct_drop_stray_halves(PangoLayout *layout)
{
    PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
    Squeeze s = {layout, pango_layout_get_text(layout)};
    PangoAttrList *removed = pango_attr_list_filter(attrs, stray_halt, &s);
    if (removed) {
        sb_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(removed);
    }
    pango_attr_list_unref(attrs);
    return removed != NULL;
}
