/* Punctuation fitting on windows of a paragraph (pdf_fitwin.h).  pango breaks lines one
 * after the other, each as full as it can be, so the lines of a few lines of text laid
 * out alone, from a line start of the paragraph, are the paragraph's own, except the last
 * one or two, which the window's end cuts short.  Each loose line is tried on such a
 * window, which then slides on; the paragraph is laid out again once, and its lines
 * checked against the windows'. */
#include "pdf_fitwin.h"
#include "pdf_linecache.h"
#include "pdf_count.h"
#include "pdf_punct.h"

#include <string.h>

/* Lines of text in a window; a window too short for its first line grows. */
#define WINDOW_LINES 8

typedef struct {
    PangoLayout *para;
    const char *text;
    guint len;
    GPtrArray *attrs;   /* the paragraph's attributes by start, copies owned here */
    GArray *kept;       /* byte offsets of the marks kept half wide, ascending */
    GArray *ends;       /* the byte where each line ends, as the windows set them */
    double width, indent, size;
} Fit;

/* A paragraph of a few windows' lines or fewer is cheaper tried whole: a window is a
 * layout of its own.  Paragraph separators start a paragraph, and its indent, anew: such
 * text is tried whole too. */
static gboolean windowable(PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);
    return sb_layout_line_count(layout) > 2 * WINDOW_LINES && pango_layout_get_attributes(layout) && pango_layout_get_width(layout) > 0 && !strpbrk(text, "\n\r") && !strstr(text, "\xe2\x80\xa9") &&
           pango_layout_get_ellipsize(layout) == PANGO_ELLIPSIZE_NONE;
}

/* The attributes over [base, stop), shifted to start at base, with the marks kept half
 * wide there. */
static PangoAttrList *window_attrs(const Fit *f, guint base, guint stop)
{
    PangoAttrList *clipped = pango_attr_list_new();
    for (guint i = 0; i < f->attrs->len; i++) {
        PangoAttribute *a = f->attrs->pdata[i];
        if (a->start_index >= stop)
            break;
        if (a->end_index <= base)
            continue;
        PangoAttribute *c = pango_attribute_copy(a);
        c->start_index = MAX(a->start_index, base) - base;
        c->end_index = a->end_index == G_MAXUINT ? G_MAXUINT : MIN(a->end_index, stop) - base;
        pango_attr_list_insert(clipped, c);   /* in order: at the end */
    }
    GArray *kept = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint k = 0; k < f->kept->len; k++) {
        guint at = g_array_index(f->kept, guint, k);
        if (at >= base && at < stop) {
            at -= base;
            g_array_append_val(kept, at);
        }
    }
    PangoAttrList *attrs = sb_attrs_with_halts(clipped, f->text + base, kept);
    g_array_free(kept, TRUE);
    pango_attr_list_unref(clipped);
    return attrs;
}

/* The text [base, stop) laid out as the paragraph's lines from base on are. */
static PangoLayout *window_new(const Fit *f, guint base, guint stop)
{
    PangoLayout *w = pango_layout_new(pango_layout_get_context(f->para));
    pango_layout_set_font_description(w, pango_layout_get_font_description(f->para));
    int width = pango_layout_get_width(f->para), indent = pango_layout_get_indent(f->para);
    if (base > 0) {   /* a line after the first: the room of such a line */
        width += MIN(indent, 0);
        indent = 0;
    }
    pango_layout_set_width(w, width);
    pango_layout_set_indent(w, indent);
    pango_layout_set_wrap(w, pango_layout_get_wrap(f->para));
    pango_layout_set_alignment(w, pango_layout_get_alignment(f->para));
    pango_layout_set_auto_dir(w, pango_layout_get_auto_dir(f->para));
    pango_layout_set_justify(w, FALSE);
    PangoTabArray *tabs = pango_layout_get_tabs(f->para);
    if (tabs) {
        pango_layout_set_tabs(w, tabs);
        pango_tab_array_free(tabs);
    }
    pango_layout_set_text(w, f->text + base, (int)(stop - base));
    PangoAttrList *attrs = window_attrs(f, base, stop);
    pango_layout_set_attributes(w, attrs);
    pango_attr_list_unref(attrs);
    return w;
}

static int end_of(PangoLayout *layout, int i)
{
    PangoLayoutLine *l = sb_layout_line(layout, i);
    return l->start_index + l->length;
}

/* The slack of a window's line j reckoned as the whole-paragraph trials reckon it. */
static double slack_of(const Fit *f, PangoLayout *w, int j, gboolean first)
{
    PangoRectangle logical;
    pango_layout_line_get_extents(sb_layout_line(w, j), NULL, &logical);
    return f->width - (first ? f->indent : 0) - logical.width / (double)PANGO_SCALE;
}

/* Tries the lines of one window from `base`; returns where the next window starts, or
 * `base` when this one was too short for a single line it could answer for. */
static guint fit_window(Fit *f, guint base, guint stop)
{
    PangoLayout *w = window_new(f, base, stop);
    const char *wt = pango_layout_get_text(w);
    gboolean at_end = stop >= f->len;
    guint next = base;
    for (int j = 0; j < sb_layout_line_count(w); j++) {
        int n = sb_layout_line_count(w);
        /* the window's last line, cut short by its end, is tried in the next window; so
           is a run of marks that reaches into it */
        int last_start = sb_layout_line(w, n - 1)->start_index;
        if (!at_end && j + 1 >= n)
            break;
        if (j + 1 < n && slack_of(f, w, j, base == 0 && j == 0) >= 0.6 * f->size) {
            const char *until = sb_punct_carried_run_end(wt + end_of(w, j));
            if (until && !at_end && until >= wt + last_start)
                break;
            if (until)
                sb_punct_try_line(w, j, until, f->kept, base);
        }
        int end = (int)base + end_of(w, j);
        g_array_append_val(f->ends, end);
        next = (guint)end;
    }
    if (at_end && (guint)sb_layout_line_count(w) > 0)
        next = f->len;
    g_object_unref(w);
    return next;
}

/* The byte `span` bytes after base, on a character's start, or the text's end. */
static guint stop_after(const Fit *f, guint base, guint span)
{
    guint stop = base + span;
    if (stop >= f->len)
        return f->len;
    while (stop < f->len && (f->text[stop] & 0xC0) == 0x80)
        stop++;
    return stop;
}

static guint longest_line(PangoLayout *layout)
{
    guint most = 1;
    for (int i = 0; i < sb_layout_line_count(layout); i++)
        most = MAX(most, (guint)sb_layout_line(layout, i)->length);
    return most;
}

/* Whether the layout's lines end where the windows ended them. */
static gboolean same_ends(PangoLayout *layout, const GArray *ends)
{
    if ((guint)sb_layout_line_count(layout) != ends->len)
        return FALSE;
    for (guint i = 0; i < ends->len; i++)
        if (end_of(layout, (int)i) != g_array_index(ends, int, i))
            return FALSE;
    return TRUE;
}

static void attrs_free(gpointer a)
{
    pango_attribute_destroy(a);
}

static gboolean fit(Fit *f)
{
    guint span = WINDOW_LINES * longest_line(f->para), base = 0;
    while (base < f->len) {
        guint next = fit_window(f, base, stop_after(f, base, span));
        if (next == base) {
            if (base + span >= f->len)
                return FALSE;   /* the whole text answered nothing: not for windows */
            span *= 2;
        }
        base = next;
    }
    if (f->kept->len == 0)
        return same_ends(f->para, f->ends);
    PangoAttrList *old = pango_attr_list_ref(pango_layout_get_attributes(f->para));
    PangoAttrList *attrs = sb_attrs_with_halts(old, f->text, f->kept);
    sb_layout_set_attributes(f->para, attrs);
    pango_attr_list_unref(attrs);
    gboolean same = same_ends(f->para, f->ends);
    if (!same)
        sb_layout_set_attributes(f->para, old);
    pango_attr_list_unref(old);
    return same;
}

gboolean sb_fit_windows(PangoLayout *layout, double size)
{
    if (!windowable(layout))
        return FALSE;
    Fit f = {layout, pango_layout_get_text(layout), (guint)strlen(pango_layout_get_text(layout)),
             g_ptr_array_new_with_free_func(attrs_free), g_array_new(FALSE, FALSE, sizeof(guint)),
             g_array_new(FALSE, FALSE, sizeof(int)), pango_layout_get_width(layout) / (double)PANGO_SCALE,
             pango_layout_get_indent(layout) / (double)PANGO_SCALE, size};
    GSList *list = pango_attr_list_get_attributes(pango_layout_get_attributes(layout));
    for (GSList *l = list; l; l = l->next)
        g_ptr_array_add(f.attrs, l->data);
    g_slist_free(list);
    gboolean done = fit(&f);
    if (!done)
        g_debug("punctuation fitting: the windows differ from the paragraph, tried whole");
    g_ptr_array_unref(f.attrs);
    g_array_free(f.kept, TRUE);
    g_array_free(f.ends, TRUE);
    return done;
}
