/* The runs of a paragraph: text with its spaces kept, bold and underlined spans, fields,
 * checkboxes, line breaks and blanks.
 *
 * Fields are marked as extract.h says.  A blank field's placeholder sits inside the
 * bookmark pair of its path as well.  An inline one is also inside a LibreOffice content
 * control (loext:content-control, LibreOffice 7.4 on; other programs read its content as
 * if it were not there): typing over the placeholder replaces it, and every later
 * keystroke stays in the control, so between the bookmarks.  Without the control only the
 * first character does, as the bookmark's end stays where the placeholder ended.  A block
 * field has none: its bookmark ends paragraphs further on, and LibreOffice turns Enter in
 * a control into a line break.  A checkbox is LibreOffice's checkbox control, which a
 * click ticks, holding ☐ or ☑ (the PDF draws a tick). */
#include "odt.h"

#include <math.h>
#include <string.h>

#define CHECKED_MARK "\u2611"     /* ☑ */
#define UNCHECKED_MARK "\u2610"   /* ☐ */
#define IDEOGRAPHIC_SPACE "\u3000"

/* ---- text ---- */

static void write_spaces(OdtXml *x, int n)
{
    odt_start(x, "text:s");
    if (n > 1)
        odt_attr_int(x, "text:c", n);
    odt_end(x);
}

/* ODF collapses runs of spaces and drops them at the start of a paragraph, so every
 * space that must survive is a <text:s/> (after a line break too, to be plain).
 * sb_document_check_text has refused text XML cannot hold before anything is written. */
void odt_write_text(OdtBody *b, const char *text)
{
    GString *run = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            p++;
            continue;
        }
        if (c == ' ') {
            int n = (int)strspn(p, " ");
            int literal = b->line_start ? 0 : 1;
            g_string_append_len(run, p, literal);
            odt_text(b->x, run->str);
            g_string_truncate(run, 0);
            if (n > literal)
                write_spaces(b->x, n - literal);
            b->line_start = FALSE;
            p += n;
        } else if (c == '\t' || c == '\n') {
            odt_text(b->x, run->str);
            g_string_truncate(run, 0);
            odt_start(b->x, c == '\t' ? "text:tab" : "text:line-break");
            odt_end(b->x);
            b->line_start = c == '\n';
            p++;
        } else {
            const char *next = g_utf8_next_char(p);
            g_string_append_len(run, p, next - p);
            b->line_start = FALSE;
            p = next;
        }
    }
    odt_text(b->x, run->str);
    g_string_free(run, TRUE);
}

static void start_span(OdtBody *b, int span)
{
    odt_start(b->x, "text:span");
    odt_attr(b->x, "text:style-name", odt_span_style(b->styles, span));
}

/* ---- fields ---- */

/* Concrete paths are unique in a document; should one come twice, the second bookmark
 * is PATH#2 (bookmarks must be unique) and odt_read.c drops the suffix again. */
char *odt_bookmark_name(OdtBody *b, const char *tag)
{
    int used = GPOINTER_TO_INT(g_hash_table_lookup(b->bookmarks, tag));
    g_hash_table_insert(b->bookmarks, g_strdup(tag), GINT_TO_POINTER(used + 1));
    return used == 0 ? g_strdup(tag) : g_strdup_printf("%s#%d", tag, used + 1);
}

void odt_bookmark(OdtBody *b, const char *element, const char *name)
{
    odt_start(b->x, element);
    odt_attr(b->x, "text:name", name);
    odt_end(b->x);
}

static char *repeat_text(const char *unit, int n)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append(s, unit);
    return g_string_free(s, FALSE);
}

static int blank_chars(double width)
{
    return MAX(1, (int)lround(width));
}

/* A blank field is a placeholder, which LibreOffice shades and lets one click to type
 * over.  It shows what the PDF shows there: a field with a width its pattern
 * ("　　年　　月　　日") or an underlined gap of that width, so the lines of the form
 * break where the PDF's do (one character shorter: LibreOffice draws a placeholder
 * between < and >); any other field its placeholder text, or its label in brackets.
 * Only the gap is in a span: text typed over a placeholder takes the span's look, and
 * a filled field with a width is underlined in the PDF too. */
void odt_write_placeholder(OdtBody *b, const SbNode *f)
{
    gboolean gap = f->as.field.width > 0 && !f->as.field.hint;
    const char *label = f->as.field.label ? f->as.field.label : f->as.field.path;
    char *shown = f->as.field.hint ? g_strdup(f->as.field.hint)   /* how to add rows (doc.h) */
                  : f->as.field.placeholder ? g_strdup(f->as.field.placeholder)
                  : gap ? repeat_text(IDEOGRAPHIC_SPACE, blank_chars(f->as.field.width - 1))
                        : g_strdup_printf("（%s）", label);
    if (gap)
        start_span(b, ODT_SPAN_UNDERLINE);
    odt_start(b->x, "text:placeholder");
    odt_attr(b->x, "text:placeholder-type", "text");
    odt_attr(b->x, "text:description", f->as.field.path);
    odt_write_text(b, shown);
    odt_end(b->x);
    if (gap)
        odt_end(b->x);
    g_free(shown);
}

static void write_inline_field(OdtBody *b, const SbNode *f)
{
    char *name = odt_bookmark_name(b, f->as.field.path);
    odt_bookmark(b, "text:bookmark-start", name);
    if (f->as.field.empty) {
        odt_start(b->x, "loext:content-control");
        odt_write_placeholder(b, f);
        odt_end(b->x);
    } else if (f->as.field.width > 0) {
        start_span(b, ODT_SPAN_UNDERLINE);
        odt_write_runs(b, f);
        odt_end(b->x);
    } else {
        odt_write_runs(b, f);
    }
    odt_bookmark(b, "text:bookmark-end", name);
    g_free(name);
}

static void write_checkbox(OdtBody *b, const SbNode *box)
{
    char *tag = g_strdup_printf("%s%s=%s", box->as.checkbox.path, box->as.checkbox.multiple ? "[]" : "",
                                box->as.checkbox.option);
    char *name = odt_bookmark_name(b, tag);
    odt_bookmark(b, "text:bookmark-start", name);
    odt_start(b->x, "loext:content-control");
    odt_attr(b->x, "loext:checkbox", "true");
    odt_attr(b->x, "loext:checked", box->as.checkbox.checked ? "true" : "false");
    odt_attr(b->x, "loext:checked-state", CHECKED_MARK);
    odt_attr(b->x, "loext:unchecked-state", UNCHECKED_MARK);
    odt_write_text(b, box->as.checkbox.checked ? CHECKED_MARK : UNCHECKED_MARK);
    odt_end(b->x);
    odt_bookmark(b, "text:bookmark-end", name);
    g_free(name);
    g_free(tag);
}

static void write_blank(OdtBody *b, const SbNode *blank)
{
    char *gap = repeat_text(IDEOGRAPHIC_SPACE, blank_chars(blank->as.blank.width));
    start_span(b, ODT_SPAN_UNDERLINE);
    odt_write_text(b, gap);
    odt_end(b->x);
    g_free(gap);
}

void odt_write_runs(OdtBody *b, const SbNode *parent)
{
    for (const SbNode *n = parent->first_child; n; n = n->next) {
        switch (n->type) {
        case SB_NODE_TEXT: {   /* a run-in heading keeps its own face (doc.h) */
            int face = n->as.text.run_in ? (int)n->as.text.font : -1;
            gboolean span = n->as.text.bold || face >= 0;
            if (span) {
                odt_start(b->x, "text:span");
                odt_attr(b->x, "text:style-name",
                         odt_face_span_style(b->styles, n->as.text.bold ? ODT_SPAN_BOLD : 0, face));
            }
            odt_write_text(b, n->as.text.text);
            if (span)
                odt_end(b->x);
            break;
        }
        case SB_NODE_FIELD:
            write_inline_field(b, n);
            break;
        case SB_NODE_CHECKBOX:
            write_checkbox(b, n);
            break;
        case SB_NODE_BREAK:
            odt_write_text(b, "\n");
            break;
        case SB_NODE_BLANK:
            write_blank(b, n);
            break;
        default:
            break;
        }
    }
}
