/* Chinese punctuation in the PDF: the clreq line-breaking classes and punctuation
 * compression with the OpenType "halt" feature (half-width alternates), which Noto CJK and
 * Fandol carry.  halt is applied to chosen marks only: applied everywhere it would make
 * every comma half wide. */
#include "pdf_punct.h"

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

/* Of two adjacent marks the one whose blank half faces the other is halved: the first
 * unless both open (（“: the second). */
void sb_punct_compress_pairs(const char *text, PangoAttrList *attrs)
{
    const char *prev = NULL;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (prev && compressible(c) && compressible(g_utf8_get_char(prev))) {
            gboolean both_open = sb_clreq_no_break_after(c) && sb_clreq_no_break_after(g_utf8_get_char(prev));
            add_halt(attrs, text, both_open ? p : prev);
        }
        prev = p;
    }
}

/* ---- fitting loose lines ---- */

/* Where the run of characters a clreq rule carried to the start of a line ends: past a
 * leading opening mark and its neighbour, or past one character and the closing marks
 * that forbade the break before them.  NULL when the line did not start that way. */
static const char *carried_run_end(const char *start)
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
    PangoLayoutLine *l = pango_layout_get_line_readonly(layout, i);
    return l->start_index + l->length;
}

/* The room a line leaves unfilled before justification spreads it. */
static double slack(PangoLayout *layout, int i, double width)
{
    PangoLayoutLine *l = pango_layout_get_line_readonly(layout, i);
    PangoRectangle logical;
    pango_layout_line_get_extents(l, NULL, &logical);
    double indent = i == 0 ? pango_layout_get_indent(layout) / (double)PANGO_SCALE : 0;
    return width - indent - logical.width / (double)PANGO_SCALE;
}

/* Halves the marks of the carried run, which would end line i; keeps that when the line
 * then ends later, else puts the attributes back.  Only the run's marks: a mark squeezed
 * in the middle of a line, among full-width ones, is what clreq asks never to see.  TRUE
 * when kept. */
static gboolean try_line(PangoLayout *layout, PangoLayout *plain, int i, const char *until)
{
    const char *text = pango_layout_get_text(layout);
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    PangoAttrList *attrs = pango_attr_list_copy(old);
    int halved = 0;
    for (const char *p = text + line_end(plain, i); p < until; p = g_utf8_next_char(p))
        if (compressible(g_utf8_get_char(p)) && !sb_clreq_no_break_after(g_utf8_get_char(p)))
            add_halt(attrs, text, p), halved++;
    int before = line_end(plain, i);
    pango_layout_set_attributes(plain, attrs);
    /* kept when the line now ends with the run: its halved marks end the line */
    gboolean kept = halved > 0 && line_end(plain, i) > before && text + line_end(plain, i) == until;
    pango_layout_set_attributes(kept ? layout : plain, kept ? attrs : old);
    pango_attr_list_unref(attrs);
    pango_attr_list_unref(old);
    return kept;
}

void sb_punct_fit_lines(PangoLayout *layout, double size)
{
    if (pango_layout_get_line_count(layout) < 2)   /* a last line is never spread */
        return;
    /* Breaking does not depend on justification; the unjustified copy shows the slack. */
    PangoLayout *plain = pango_layout_copy(layout);
    pango_layout_set_justify(plain, FALSE);
    double width = pango_layout_get_width(layout) / (double)PANGO_SCALE;
    const char *text = pango_layout_get_text(layout);
    for (int i = 0; i + 1 < pango_layout_get_line_count(plain); i++) {
        if (slack(plain, i, width) < 0.6 * size)
            continue;
        const char *until = carried_run_end(text + line_end(plain, i));
        if (until)
            try_line(layout, plain, i, until);
    }
    g_object_unref(plain);
}

/* ---- line ends ---- */

static gboolean halted_at(PangoAttrList *attrs, guint index)
{
    gboolean found = FALSE;
    PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
    do {
        int start, end;
        pango_attr_iterator_range(it, &start, &end);
        if ((guint)start <= index && index < (guint)end) {
            PangoAttribute *a = pango_attr_iterator_get(it, PANGO_ATTR_FONT_FEATURES);
            found = a && strstr(((PangoAttrFontFeatures *)a)->features, "halt");
            break;
        }
    } while (pango_attr_iterator_next(it));
    pango_attr_iterator_destroy(it);
    return found;
}

/* The closing mark that ends line i, or NULL. */
static const char *end_mark(PangoLayout *layout, int i)
{
    const char *text = pango_layout_get_text(layout);
    PangoLayoutLine *l = pango_layout_get_line_readonly(layout, i);
    if (l->length == 0)
        return NULL;
    const char *last = g_utf8_prev_char(text + l->start_index + l->length);
    gunichar c = g_utf8_get_char(last);
    return compressible(c) && !sb_clreq_no_break_after(c) ? last : NULL;
}

void sb_punct_line_ends(PangoLayout *layout)
{
    int n = pango_layout_get_line_count(layout);
    const char *text = pango_layout_get_text(layout);
    PangoAttrList *attrs = NULL;
    for (int i = 0; i + 1 < n; i++) {   /* a last line is not justified: its end stays */
        const char *mark = end_mark(layout, i);
        if (!mark || halted_at(pango_layout_get_attributes(layout), (guint)(mark - text)))
            continue;
        if (!attrs)
            attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
        add_halt(attrs, text, mark);
    }
    if (!attrs)
        return;
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    int *ends = g_new(int, n);
    for (int i = 0; i < n; i++)
        ends[i] = line_end(layout, i);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    /* the half ems freed must not pull a character up: then a halved mark would stand in
       the middle of a line.  Lines as before, or the marks as before. */
    gboolean same = pango_layout_get_line_count(layout) == n;
    for (int i = 0; same && i < n; i++)
        same = line_end(layout, i) == ends[i];
    if (!same)
        pango_layout_set_attributes(layout, old);
    pango_attr_list_unref(old);
    g_free(ends);
}

/* ---- justification over characters ---- */

#define LINE_SEPARATOR 0x2028

/* Characters that take a share of a justified line's slack: Chinese characters and marks.
 * Latin letters, digits, the marks between them and spaces take none, so that a number
 * (13.0%) or a code is never spaced out and a space never swallows the slack. */
static gboolean takes_slack(gunichar c)
{
    return c >= 0x80 && !g_unichar_isspace(c);
}

/* Line i as [*start, *end) without its trailing spaces and line separator. */
static void line_text(PangoLayout *layout, int i, const char **start, const char **end)
{
    const char *text = pango_layout_get_text(layout);
    PangoLayoutLine *l = pango_layout_get_line_readonly(layout, i);
    const char *e = text + l->start_index + l->length;
    while (e > text + l->start_index) {
        gunichar c = g_utf8_get_char(g_utf8_prev_char(e));
        if (!g_unichar_isspace(c) && c != LINE_SEPARATOR)
            break;
        e = g_utf8_prev_char(e);
    }
    *start = text + l->start_index, *end = e;
}

/* Whether pango would justify line i: a line the paragraph wrapped, not its last one
 * nor one ended by a line break. */
static gboolean wrapped(PangoLayout *layout, int i)
{
    if (i + 1 >= pango_layout_get_line_count(layout))
        return FALSE;
    const char *text = pango_layout_get_text(layout);
    const char *next = text + pango_layout_get_line_readonly(layout, i + 1)->start_index;
    gunichar before = g_utf8_get_char(g_utf8_prev_char(next));
    return next > text && before != LINE_SEPARATOR && before != '\n';
}

/* Whether pango's justification would put slack where it does not belong in line i: into
 * a space, or between the letters of a Latin word or the digits of a number. */
static gboolean needs_spreading(PangoLayout *layout, int i)
{
    const char *p, *end;
    line_text(layout, i, &p, &end);
    gunichar prev = 0;
    for (; p < end; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == ' ' || (prev && !takes_slack(prev) && !takes_slack(c)))
            return TRUE;
        prev = c;
    }
    return FALSE;
}

/* Letter spacing `spacing` (Pango units) on the characters of line i that take slack, all
 * but its last character: pango drops the spacing after a line's last character but
 * counts it when it fits the line, so spacing there would leave slack over.  A line
 * with no such character (a Latin line) gets none: it is set as it is. */
static void space_line(PangoLayout *layout, PangoAttrList *attrs, int i, int spacing)
{
    const char *text = pango_layout_get_text(layout), *p, *end;
    line_text(layout, i, &p, &end);
    if (p < end)
        end = g_utf8_prev_char(end), p = g_utf8_next_char(p);
    while (p < end) {
        while (p < end && !takes_slack(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        const char *run = p;
        while (p < end && takes_slack(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (p > run) {
            PangoAttribute *a = pango_attr_letter_spacing_new(spacing);
            a->start_index = (guint)(run - text);
            a->end_index = (guint)(p - text);
            pango_attr_list_insert(attrs, a);
        }
    }
}

static int natural_width(PangoLayout *layout, int i)
{
    PangoRectangle logical;
    pango_layout_line_get_extents(pango_layout_get_line_readonly(layout, i), NULL, &logical);
    return logical.width;
}

/* The first line that does not end where it did, or -1. */
static int moved_line(PangoLayout *layout, const int *ends, int n)
{
    int count = pango_layout_get_line_count(layout);
    for (int i = 0; i < n; i++)
        if (i >= count || line_end(layout, i) != ends[i])
            return i;
    return count == n ? -1 : n;
}

/* Sets the letter spacing of each line that needs it; -1 when the lines stayed as they
 * were, else the first line that moved (attributes as before). */
static int try_spacing(PangoLayout *layout, PangoAttrList *old, const int *spacing, const int *ends, int n)
{
    PangoAttrList *attrs = pango_attr_list_copy(old);
    for (int i = 0; i < n; i++)
        if (spacing[i] > 0)
            space_line(layout, attrs, i, spacing[i]);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    int moved = moved_line(layout, ends, n);
    if (moved >= 0)
        pango_layout_set_attributes(layout, old);
    return moved;
}

static gboolean apply_spacing(PangoLayout *layout, PangoAttrList *old, const int *spacing, const int *ends, int n)
{
    return try_spacing(layout, old, spacing, ends, n) < 0;
}

/* A paragraph of one Latin token (an e-mail, a URL cut at its natural points): no
 * character a Chinese typesetter would space out, no space between words. */
static gboolean one_token(const char *text)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        if (takes_slack(g_utf8_get_char(p)) || *p == ' ')
            return FALSE;
    return TRUE;
}

void sb_punct_spread_slack(PangoLayout *layout)
{
    if (one_token(pango_layout_get_text(layout))) {
        pango_layout_set_justify(layout, FALSE);   /* its pieces are set as they are */
        return;
    }
    int n = pango_layout_get_line_count(layout);
    gboolean any = FALSE;
    for (int i = 0; i + 1 < n && !any; i++)
        any = wrapped(layout, i) && needs_spreading(layout, i);
    if (!any)
        return;
    /* pango's justification is the whole layout's: it is off, and every wrapped line is
       spread here, so that no slack is left for pango to put into a space or a word */
    int width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
    pango_layout_set_justify(layout, FALSE);   /* the lines' natural widths */
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(layout));
    int *ends = g_new(int, n), *slack_of = g_new0(int, n), *trial = g_new0(int, n), *base = g_new0(int, n);
    for (int i = 0; i < n; i++) {
        ends[i] = line_end(layout, i);
        if (!wrapped(layout, i))
            continue;
        int room = width - 1 - (i == 0 ? MAX(indent, 0) : MAX(-indent, 0));
        base[i] = natural_width(layout, i);
        slack_of[i] = room - base[i];
        const char *p, *end;
        line_text(layout, i, &p, &end);
        glong chars = g_utf8_strlen(p, end - p);
        /* a trial at half the slack shared by every character: how much one unit of
           spacing widens the line is then measured, not guessed */
        if (chars >= 2 && slack_of[i] > 0)
            trial[i] = MAX(1, slack_of[i] / (int)chars / 2);
    }
    gboolean spread = FALSE;
    if (apply_spacing(layout, old, trial, ends, n)) {
        int *spacing = g_new0(int, n), *under = g_new0(int, n);
        for (int i = 0; i < n; i++) {
            int grown = trial[i] > 0 ? natural_width(layout, i) - base[i] : 0;
            /* the whole slack, now that what one unit of spacing widens the line by is
               measured; one unit under, which pango's fitting needs */
            if (grown > 0)
                spacing[i] = (int)((double)slack_of[i] * trial[i] / grown) - 1;
            /* a line pango fits otherwise (checkboxes): one spacing under, the rest left
               to pango's own justification */
            if (grown > 0)
                under[i] = (int)(slack_of[i] / ((double)grown / trial[i] + 1)) - 1;
        }
        /* a line the whole slack breaks anew (checkboxes, a rounding) takes one spacing
           under instead, pango's justification spreading its rest; then the next one */
        gboolean short_of = FALSE;
        int moved;
        for (int round = 0; round < 4 && (moved = try_spacing(layout, old, spacing, ends, n)) >= 0; round++) {
            if (moved >= n || spacing[moved] == under[moved])
                break;
            spacing[moved] = under[moved];
            short_of = TRUE;
        }
        spread = moved < 0 && !short_of;
        if (moved >= 0)
            apply_spacing(layout, old, under, ends, n);
        g_free(spacing), g_free(under);
    }
    if (!spread)
        pango_layout_set_justify(layout, TRUE);
    pango_attr_list_unref(old);
    g_free(ends), g_free(slack_of), g_free(trial), g_free(base);
}
