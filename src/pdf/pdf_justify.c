/* Justification as Chinese typesetting spreads it, done on the glyphs of lines already
 * broken: pango's own justification puts a line's slack into its spaces ("YG-OCT   3000")
 * or between every glyph (the letters of an e-mail), and letter spacing set through
 * attributes makes pango break the paragraph anew.  Widening glyph advances once the
 * lines are fixed changes no break. */
#include "pdf_justify.h"
#include "pdf_punct.h"
#include "pdf_count.h"
#include "pdf_linecache.h"


/* Chinese characters, marks and shapes (checkboxes, blanks): a gap beside one of them may
 * take slack.  Latin letters, digits, the marks between them and spaces take none. */
static gboolean takes_slack(gunichar c)
{
    return c >= 0x80 && !g_unichar_isspace(c) && c != SB_ZERO_WIDTH_SPACE && c != SB_LINE_SEPARATOR;
}

static gboolean blank(gunichar c)
{
    return g_unichar_isspace(c) || c == SB_LINE_SEPARATOR;
}

/* Whether the gap between the character before byte `at` and the one at `at` takes a
 * share of the slack: neither side a space, one side Chinese.  A zero-width space (a
 * break opportunity of the layout) stands for nothing: its gap is the one around it. */
static gboolean gap_takes_slack(const char *text, const char *at)
{
    gunichar b = g_utf8_get_char(at);
    if (b == SB_ZERO_WIDTH_SPACE || at == text)
        return FALSE;
    const char *p = g_utf8_prev_char(at);
    while (p > text && g_utf8_get_char(p) == SB_ZERO_WIDTH_SPACE)
        p = g_utf8_prev_char(p);
    gunichar a = g_utf8_get_char(p);
    if (a == SB_ZERO_WIDTH_SPACE || blank(a) || blank(b))
        return FALSE;
    return takes_slack(a) || takes_slack(b);
}

/* The end of line l's visible text: without trailing spaces and line separator. */
static const char *visible_end(const char *text, PangoLayoutLine *l)
{
    const char *start = text + l->start_index, *e = start + l->length;
    while (e > start && blank(g_utf8_get_char(g_utf8_prev_char(e))))
        e = g_utf8_prev_char(e);
    return e;
}

/* Whether line i is one the paragraph wrapped: not its last, nor one ended by a break. */
static gboolean wrapped(PangoLayout *layout, int i)
{
    if (i + 1 >= sb_layout_line_count(layout))
        return FALSE;
    const char *text = pango_layout_get_text(layout);
    const char *next = text + sb_layout_line(layout, i + 1)->start_index;
    gunichar before = g_utf8_get_char(g_utf8_prev_char(next));
    return next > text && before != SB_LINE_SEPARATOR && before != '\n';
}

/* Calls `gap` for the last glyph of every cluster of the line that a slack-taking gap
 * follows; returns how many there are.  Right-to-left runs are left as they are. */
typedef void (*GapFunc)(PangoGlyphInfo *glyph, int k, gpointer data);

static int each_gap(PangoLayoutLine *line, const char *text, const char *end, GapFunc gap, gpointer data)
{
    int k = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        if (run->item->analysis.level % 2)
            continue;
        PangoGlyphItemIter it;
        for (gboolean ok = pango_glyph_item_iter_init_start(&it, run, text); ok;
             ok = pango_glyph_item_iter_next_cluster(&it)) {
            const char *after = text + it.end_index;
            if (after >= end || !gap_takes_slack(text, after) || it.end_glyph <= it.start_glyph)
                continue;
            if (gap)
                gap(&run->glyphs->glyphs[it.end_glyph - 1], k, data);
            k++;
        }
    }
    return k;
}

typedef struct {
    int slack, gaps;
} Share;

/* Gap k gets its part of the slack; rounding is spread along the line, not piled at
 * one end. */
static void widen(PangoGlyphInfo *glyph, int k, gpointer data)
{
    const Share *s = data;
    long long before = (long long)s->slack * k / s->gaps, upto = (long long)s->slack * (k + 1) / s->gaps;
    glyph->geometry.width += (int)(upto - before);
}

static void justify_line(PangoLayout *layout, int i)
{
    const char *text = pango_layout_get_text(layout);
    /* the line as one to change: pango then measures it anew rather than from a cache */
    PangoLayoutLine *line = pango_layout_get_line(layout, i);
    const char *end = visible_end(text, line);
    int width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
    /* the layout is one Pango unit wider than its box (even rounding of pango's own
       justification); the line fills the box */
    int room = width - 1 - (i == 0 ? MAX(indent, 0) : MAX(-indent, 0));
    PangoRectangle logical;
    pango_layout_line_get_extents(line, NULL, &logical);
    Share share = {room - logical.width, each_gap(line, text, end, NULL, NULL)};
    if (share.slack <= 0 || share.gaps == 0)
        return;   /* full already, or all Latin (a URL cut at its natural points): ragged */
    each_gap(line, text, end, widen, &share);
}

void sb_justify_lines(PangoLayout *layout)
{
    sb_layout_set_justify(layout, FALSE);   /* a no-op when it already was */
    int n = sb_layout_line_count(layout);
    for (int i = 0; i + 1 < n; i++)
        if (wrapped(layout, i))
            justify_line(layout, i);
}
