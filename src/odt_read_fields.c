/* The fields of content.xml, as extract.h marks them: the text between a bookmark's
 * start and end, a placeholder standing for a blank field, a checkbox mark between
 * bookmarks named PATH=OPTION.
 *
 * LibreOffice, re-saving, may add xml:id to bookmarks, split or merge spans, turn runs of
 * spaces into <text:s/>, insert soft page breaks, and collapse an empty bookmark pair
 * into one <text:bookmark/>; none of that changes what is read here.  Text that is not
 * the document's own (comments, tracked deletions, footnotes) is skipped. */
#include "odt_read.h"
#include "shenbao/shenbao.h"

#include <string.h>

/* Bookmarks left open copy every later character into each of them: the collected text
 * and the number of fields are bounded, so a hostile file cannot make that explode. */
#define MAX_FIELDS 100000
#define MAX_TEXT_BYTES SB_ZIP_MAX_ENTRY_BYTES

typedef struct {
    char *name;             /* the bookmark's name */
    char *tag;              /* the name without a #N suffix (see odt_body.c) */
    GString *text;
    gboolean placeholder;   /* a placeholder still stands inside: the field is blank */
    gboolean pending_para;  /* a paragraph ended inside: the next text starts a new one */
} Entry;

typedef struct {
    GPtrArray *entries;     /* Entry*, in document order */
    GPtrArray *open;        /* the entries whose end has not come yet */
    int skip_depth;         /* >= 0: inside an element whose text is not read */
    gboolean line_start;    /* ODF drops white space at the start of a paragraph ... */
    gboolean last_space;    /* ... and collapses runs of it */
    gsize collected;        /* bytes of text collected so far, over all fields */
    gboolean too_much;      /* a limit was passed: the document is refused */
} Walk;

static void entry_free(gpointer p)
{
    Entry *e = p;
    g_free(e->name);
    g_free(e->tag);
    g_string_free(e->text, TRUE);
    g_free(e);
}

/* "PATH#2" → "PATH": a second bookmark of one path carries a suffix. */
static char *strip_suffix(const char *name)
{
    const char *hash = strrchr(name, '#');
    if (!hash || hash[1] < '1' || hash[1] > '9' || strspn(hash + 1, "0123456789") != strlen(hash + 1))
        return g_strdup(name);
    return g_strndup(name, hash - name);
}

static Entry *add_entry(Walk *w, const char *name, gboolean open)
{
    if (w->entries->len >= MAX_FIELDS) {
        w->too_much = TRUE;
        return NULL;
    }
    Entry *e = g_new0(Entry, 1);
    e->name = g_strdup(name);
    e->tag = strip_suffix(name);
    e->text = g_string_new(NULL);
    g_ptr_array_add(w->entries, e);
    if (open)
        g_ptr_array_add(w->open, e);
    return e;
}

static Entry *find_open(Walk *w, const char *name, gboolean by_tag)
{
    for (guint i = w->open->len; i-- > 0;) {
        Entry *e = w->open->pdata[i];
        if (strcmp(by_tag ? e->tag : e->name, name) == 0)
            return e;
    }
    return NULL;
}

/* ---- text ---- */

static void append(Walk *w, const char *text, gssize len)
{
    gsize n = len < 0 ? strlen(text) : (gsize)len;
    w->collected += (n + 2) * w->open->len;
    if (w->collected > MAX_TEXT_BYTES) {
        w->too_much = TRUE;
        return;
    }
    for (guint i = 0; i < w->open->len; i++) {
        Entry *e = w->open->pdata[i];
        if (e->pending_para && e->text->len > 0)
            g_string_append(e->text, "\n\n");
        e->pending_para = FALSE;
        g_string_append_len(e->text, text, len);
    }
}

static gboolean odf_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Character data, with its white space collapsed (followed even where no field is open,
 * since a run of spaces may begin before a bookmark and end after it). */
static void append_chars(Walk *w, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        if (!odf_space(*p)) {
            w->line_start = w->last_space = FALSE;
            continue;
        }
        append(w, run, p - run);
        if (!w->line_start && !w->last_space)
            append(w, " ", 1);
        w->last_space = TRUE;
        run = p + 1;
    }
    append(w, run, -1);
}

/* Text from elements (<text:s/>, <text:tab/>, <text:line-break/>) is never collapsed.
 * A space after a line break counts (LibreOffice writes one there as it is). */
static void append_special(Walk *w, const char *text)
{
    append(w, text, -1);
    w->line_start = FALSE;
    w->last_space = text[0] == ' ';
}

static void end_paragraph(Walk *w)
{
    for (guint i = 0; i < w->open->len; i++)
        ((Entry *)w->open->pdata[i])->pending_para = TRUE;
    w->line_start = TRUE;
    w->last_space = FALSE;
}

/* ---- elements ---- */

static void on_bookmark(Walk *w, SbXmlPart *p, const char *kind)
{
    char *name = sb_xml_part_attr(p, ODT_NS_TEXT, "name");
    if (!name || name[0] == '_') {   /* the office's own (_Toc…, _GoBack), never a data path */
        g_free(name);
        return;
    }
    if (strcmp(kind, "bookmark-start") == 0) {
        add_entry(w, name, TRUE);
    } else if (strcmp(kind, "bookmark-end") == 0) {
        Entry *e = find_open(w, name, FALSE);
        if (e)
            g_ptr_array_remove(w->open, e);
    } else {
        add_entry(w, name, FALSE);   /* an empty field, collapsed */
    }
    g_free(name);
}

/* A placeholder inside its field's bookmarks marks the field blank; one standing alone
 * is a blank field by itself. */
static void on_placeholder(Walk *w, SbXmlPart *p)
{
    char *description = sb_xml_part_attr(p, ODT_NS_TEXT, "description");
    char *tag = description ? strip_suffix(description) : NULL;
    if (tag) {
        Entry *e = find_open(w, tag, TRUE);
        if (!e)
            e = add_entry(w, tag, FALSE);
        if (e)
            e->placeholder = TRUE;
    }
    g_free(tag);
    g_free(description);
}

static void on_spaces(Walk *w, SbXmlPart *p)
{
    char *c = sb_xml_part_attr(p, ODT_NS_TEXT, "c");
    long n = c ? CLAMP(strtol(c, NULL, 10), 1, 10000) : 1;
    g_free(c);
    GString *s = g_string_new(NULL);
    for (long i = 0; i < n; i++)
        g_string_append_c(s, ' ');
    append_special(w, s->str);
    g_string_free(s, TRUE);
}

/* Elements whose text is not the document's. */
static gboolean skipped(SbXmlPart *p)
{
    return sb_xml_part_is(p, ODT_NS_OFFICE, "annotation", FALSE) || sb_xml_part_is(p, ODT_NS_TEXT, "tracked-changes", FALSE) ||
           sb_xml_part_is(p, ODT_NS_TEXT, "note", FALSE) || sb_xml_part_is(p, ODT_NS_TEXT, "placeholder", FALSE) ||
           sb_xml_part_is(p, ODT_NS_TEXT, "ruby-text", FALSE);
}

static void on_element(Walk *w, SbXmlPart *p)
{
    const char *local = (const char *)xmlTextReaderConstLocalName(p->reader);
    const char *uri = (const char *)xmlTextReaderConstNamespaceUri(p->reader);
    gboolean text_ns = uri && strcmp(uri, ODT_NS_TEXT) == 0;
    if (text_ns && (strcmp(local, "bookmark-start") == 0 || strcmp(local, "bookmark-end") == 0 || strcmp(local, "bookmark") == 0))
        on_bookmark(w, p, local);
    else if (text_ns && strcmp(local, "placeholder") == 0)
        on_placeholder(w, p);
    else if (text_ns && strcmp(local, "s") == 0)
        on_spaces(w, p);
    else if (text_ns && strcmp(local, "tab") == 0)
        append_special(w, "\t");
    else if (text_ns && strcmp(local, "line-break") == 0)
        append_special(w, "\n");
    else if (text_ns && (strcmp(local, "p") == 0 || strcmp(local, "h") == 0) && xmlTextReaderIsEmptyElement(p->reader))
        end_paragraph(w);
    if (skipped(p) && !xmlTextReaderIsEmptyElement(p->reader))
        w->skip_depth = xmlTextReaderDepth(p->reader);
}

static void on_node(Walk *w, SbXmlPart *p)
{
    int type = xmlTextReaderNodeType(p->reader);
    if (w->skip_depth >= 0) {
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(p->reader) == w->skip_depth)
            w->skip_depth = -1;
        return;
    }
    if (type == XML_READER_TYPE_ELEMENT) {
        on_element(w, p);
    } else if (sb_xml_part_is(p, ODT_NS_TEXT, "p", TRUE) || sb_xml_part_is(p, ODT_NS_TEXT, "h", TRUE)) {
        end_paragraph(w);
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) {
        append_chars(w, (const char *)xmlTextReaderConstValue(p->reader));
    }
}

/* ---- results ---- */

static gboolean is_space_at(const char *p)
{
    gunichar c = g_utf8_get_char(p);
    return c == 0x3000 || c == 0x200B || (c < 0x80 && g_ascii_isspace((int)c));
}

/* Ends trimmed of white space, the ideographic space of underlined gaps included. */
static char *trimmed(const GString *text)
{
    const char *start = text->str, *end = text->str + text->len;
    while (start < end && is_space_at(start))
        start = g_utf8_next_char(start);
    while (end > start) {
        const char *prev = g_utf8_prev_char(end);
        if (!is_space_at(prev))
            break;
        end = prev;
    }
    return g_strndup(start, end - start);
}

/* Anything marked in a checkbox other than the empty box counts as a tick: ☒, ☑, ✓, √, X. */
static gboolean ticked(const char *mark)
{
    for (const char *p = mark; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c != 0x2610 && c != 0x25A1 && !is_space_at(p))
            return TRUE;
    }
    return FALSE;
}

static SbExtracted *result(const Entry *e)
{
    SbExtracted *x = g_new0(SbExtracted, 1);
    x->tag = g_strdup(e->tag);
    char *text = trimmed(e->text);
    if (strchr(e->tag, '='))
        x->checked = ticked(text);
    if (e->placeholder || !*text)
        g_free(text);
    else
        x->text = text;
    return x;
}

gboolean odt_read_fields(SbZipReader *zip, GPtrArray *fields, GError **error)
{
    SbXmlPart p;
    if (!sb_xml_part_open(&p, zip, "content.xml", error))
        return FALSE;
    Walk w = {g_ptr_array_new_with_free_func(entry_free), g_ptr_array_new(), -1, TRUE, FALSE};
    int r = 0;
    while (!w.too_much && (r = sb_xml_part_next(&p, error)) == 1)
        on_node(&w, &p);
    sb_xml_part_close(&p);
    if (w.too_much) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "content.xml has more fields or field text than shenbao reads");
        r = -1;
    }
    for (guint i = 0; r == 0 && i < w.entries->len; i++)
        g_ptr_array_add(fields, result(w.entries->pdata[i]));
    g_ptr_array_unref(w.open);
    g_ptr_array_unref(w.entries);
    return r == 0;
}
