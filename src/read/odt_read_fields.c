/* The fields of content.xml, as extract.h marks them: the text between a bookmark's
 * start and end, a placeholder standing for a blank field, a checkbox mark between
 * bookmarks named PATH=OPTION.
 *
 * LibreOffice, re-saving, may add xml:id to bookmarks, split or merge spans, turn runs of
 * spaces into <text:s/>, insert soft page breaks, and collapse an empty bookmark pair
 * into one <text:bookmark/>; none of that changes what is read here.  Text that is not
 * the document's own (comments, tracked deletions, footnotes) is skipped.  Text outside
 * every bookmark comes back untagged, a piece per paragraph, for extract_place.c to
 * place by the form's structure (LibreOffice puts what is typed after the first
 * keystroke of a field behind the bookmark's end) or report.
 *
 * Bookmarks are matched through a table of the open ones by name, so each start and end
 * costs the same however many there are; text inside several open bookmarks goes to
 * each, and all of it together may not exceed the size of content.xml. */
#include "odt_read.h"
#include "shenbao/shenbao.h"

#include <string.h>

/* Bookmarks left open copy every later character into each of them: the collected text
 * and the number of fields are bounded, so a hostile file cannot make that explode. */
#define MAX_FIELDS 100000

typedef struct {
    char *name;             /* the bookmark's name; NULL for text outside every bookmark */
    char *tag;              /* the name without a #N suffix (see odt_body.c) */
    int para, cell, row, col;   /* where it starts */
    int table, table_row;
    int last_para;          /* where its text ends */
    GList *link;            /* its place in Walk.open while open */
    GList *tag_link;        /* and in the queue of its tag in Walk.open_tags */
    GString *text;
    gboolean placeholder;   /* a placeholder still stands inside: the field is blank */
    int state;              /* 1: the checkbox control it is in says ticked; -1: the mark decides */
    gboolean pending_para;  /* a paragraph ended inside: the next text starts a new one */
    SbUnreadable unreadable;  /* not text found here (then name and text are empty) */
} Entry;

typedef struct {
    GPtrArray *entries;     /* Entry*, in document order */
    GQueue open;            /* the entries whose end has not come yet, oldest first */
    GHashTable *open_names; /* name -> GQueue of its open entries; tag -> likewise */
    GHashTable *open_tags;
    Entry *stray;           /* text of this paragraph outside every bookmark, or NULL */
    int para;               /* paragraphs started so far */
    int cell, row;          /* the table cell and row we are in, numbered in document order; 0 outside */
    int cells, rows;        /* started so far */
    int col;                /* the cell's place in its row, covered cells counted */
    int table, table_row;   /* the table we are in (0 outside) and the row's place in it */
    int tables;             /* started so far */
    int nested;             /* tables open inside a table cell: their cells are the outer cell's */
    gsize limit;            /* the size of content.xml */
    int box_state;          /* inside a LibreOffice checkbox control saying ticked: 1; else -1 */
    int box_depth;          /* the depth of that control */
    GHashTable *props;      /* "_sb…" bookmark names -> tags */
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

static void queue_free(gpointer p)
{
    g_queue_free(p);
}

/* Adds e to the queue of `key`; its place there, to take it out at once. */
static GList *index_add(GHashTable *index, const char *key, Entry *e)
{
    GQueue *q = g_hash_table_lookup(index, key);
    if (!q) {
        q = g_queue_new();
        g_hash_table_insert(index, (gpointer)key, q);
    }
    g_queue_push_tail(q, e);
    return q->tail;
}

/* The latest open entry of that name, removed from the index when `take`. */
static Entry *index_find(GHashTable *index, const char *key, gboolean take)
{
    GQueue *q = g_hash_table_lookup(index, key);
    if (!q || g_queue_is_empty(q))
        return NULL;
    Entry *e = take ? g_queue_pop_tail(q) : g_queue_peek_tail(q);
    if (take && g_queue_is_empty(q))
        g_hash_table_remove(index, key);
    return e;
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
    e->tag = name ? strip_suffix(name) : NULL;
    e->para = w->para;
    e->cell = w->cell;
    e->row = w->row;
    e->col = w->cell ? w->col : 0;
    e->table = w->cell ? w->table : 0;
    e->table_row = w->cell ? w->table_row : 0;
    e->text = g_string_new(NULL);
    e->state = w->box_state;
    g_ptr_array_add(w->entries, e);
    if (open) {
        g_queue_push_tail(&w->open, e);
        e->link = w->open.tail;
        index_add(w->open_names, e->name, e);
        e->tag_link = index_add(w->open_tags, e->tag, e);
    }
    return e;
}

/* The bookmark's end: it is no longer open.  Among entries of one tag the end closes the
 * latest; the tag index keeps the others. */
static void close_entry(Walk *w, const char *name)
{
    Entry *e = index_find(w->open_names, name, TRUE);
    if (!e)
        return;
    GQueue *q = g_hash_table_lookup(w->open_tags, e->tag);
    if (q && e->tag_link) {
        g_queue_delete_link(q, e->tag_link);
        e->tag_link = NULL;
        if (g_queue_is_empty(q))
            g_hash_table_remove(w->open_tags, e->tag);
    }
    g_queue_delete_link(&w->open, e->link);
    e->link = NULL;
}

/* Text outside every bookmark ends here. */
static void end_stray(Walk *w)
{
    w->stray = NULL;
}

/* ---- text ---- */

static void add_text(Walk *w, Entry *e, const char *text, gsize n)
{
    if (e->pending_para && e->text->len > 0)
        g_string_append(e->text, "\n\n");
    e->pending_para = FALSE;
    e->last_para = w->para;
    g_string_append_len(e->text, text, (gssize)n);
}

static void append(Walk *w, const char *text, gssize len)
{
    gsize n = len < 0 ? strlen(text) : (gsize)len;
    if (n == 0)
        return;
    w->collected += n * MAX(w->open.length, 1);
    if (w->collected > w->limit) {
        w->too_much = TRUE;
        return;
    }
    if (w->open.length == 0) {
        if (!w->stray)
            w->stray = add_entry(w, NULL, FALSE);
        if (w->stray)
            add_text(w, w->stray, text, n);
        return;
    }
    for (GList *l = w->open.head; l; l = l->next)
        add_text(w, l->data, text, n);
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
    end_stray(w);
    for (GList *l = w->open.head; l; l = l->next)
        ((Entry *)l->data)->pending_para = TRUE;
    w->line_start = TRUE;
    w->last_space = FALSE;
}

/* ---- elements ---- */

static void on_bookmark(Walk *w, SbXmlPart *p, const char *kind)
{
    char *name = sb_xml_part_attr(p, ODT_NS_TEXT, "name");
    const char *tag = name && name[0] == '_' ? g_hash_table_lookup(w->props, name) : NULL;
    if (tag) {   /* a DOCX's "_sb…" bookmark, converted */
        g_free(name);
        name = g_strdup(tag);
    } else if (!name || name[0] == '_') {   /* the office's own (_Toc…, _GoBack), never a data path */
        g_free(name);
        return;
    }
    end_stray(w);
    if (strcmp(kind, "bookmark-start") == 0) {
        add_entry(w, name, TRUE);
    } else if (strcmp(kind, "bookmark-end") == 0) {
        close_entry(w, name);
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
        end_stray(w);
        Entry *e = index_find(w->open_tags, tag, FALSE);
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
    return sb_xml_part_is(p, ODT_NS_DRAW, "frame", FALSE) || sb_xml_part_is(p, ODT_NS_OFFICE, "annotation", FALSE) || sb_xml_part_is(p, ODT_NS_TEXT, "tracked-changes", FALSE) ||
           sb_xml_part_is(p, ODT_NS_TEXT, "note", FALSE) || sb_xml_part_is(p, ODT_NS_TEXT, "placeholder", FALSE) ||
           sb_xml_part_is(p, ODT_NS_TEXT, "ruby-text", FALSE);
}

/* Something that is not text, at this place. */
static void add_unreadable(Walk *w, SbUnreadable kind)
{
    end_stray(w);
    Entry *e = add_entry(w, NULL, FALSE);
    if (e)
        e->unreadable = kind;
}

static void start_table(Walk *w)
{
    if (w->cell) {   /* a table in a cell: its cells are the outer cell's */
        add_unreadable(w, SB_UNREADABLE_TABLE);
        w->nested++;
        return;
    }
    w->table = ++w->tables;
    w->table_row = 0;
}

static void start_row(Walk *w)
{
    w->row = ++w->rows;
    w->table_row++;
    w->col = 0;
}

static void start_cell(Walk *w)
{
    end_paragraph(w);
    w->cell = ++w->cells;
    w->col++;
}

static void start_paragraph(Walk *w, SbXmlPart *p)
{
    end_paragraph(w);
    w->para++;
    if (xmlTextReaderIsEmptyElement(p->reader))
        end_paragraph(w);
}

/* A checkbox is a LibreOffice checkbox control, <loext:content-control loext:checkbox>:
 * loext:checked="true" ticks it whatever mark it shows (setting the state through the
 * API leaves ☐ standing); without it the mark decides (LibreOffice leaves the attribute
 * out when the box is not ticked). */
static void on_content_control(Walk *w, SbXmlPart *p)
{
    char *box = sb_xml_part_attr(p, ODT_NS_LOEXT, "checkbox");
    char *checked = sb_xml_part_attr(p, ODT_NS_LOEXT, "checked");
    if (g_strcmp0(box, "true") == 0 && !xmlTextReaderIsEmptyElement(p->reader)) {
        w->box_state = g_strcmp0(checked, "true") == 0 ? 1 : -1;
        w->box_depth = xmlTextReaderDepth(p->reader);
    }
    g_free(box);
    g_free(checked);
}

static void on_element(Walk *w, SbXmlPart *p)
{
    const char *local = (const char *)xmlTextReaderConstLocalName(p->reader);
    const char *uri = (const char *)xmlTextReaderConstNamespaceUri(p->reader);
    gboolean text_ns = uri && strcmp(uri, ODT_NS_TEXT) == 0;
    if (uri && strcmp(uri, ODT_NS_LOEXT) == 0 && strcmp(local, "content-control") == 0)
        on_content_control(w, p);
    else if (text_ns && (strcmp(local, "bookmark-start") == 0 || strcmp(local, "bookmark-end") == 0 || strcmp(local, "bookmark") == 0))
        on_bookmark(w, p, local);
    else if (text_ns && strcmp(local, "placeholder") == 0)
        on_placeholder(w, p);
    else if (text_ns && strcmp(local, "s") == 0)
        on_spaces(w, p);
    else if (text_ns && strcmp(local, "tab") == 0)
        append_special(w, "\t");
    else if (text_ns && strcmp(local, "line-break") == 0)
        append_special(w, "\n");
    else if (text_ns && (strcmp(local, "p") == 0 || strcmp(local, "h") == 0))
        start_paragraph(w, p);
    else if (w->nested && uri && strcmp(uri, ODT_NS_TABLE) == 0 && strcmp(local, "table") != 0)
        ;   /* rows and cells of a nested table */
    else if (uri && strcmp(uri, ODT_NS_DRAW) == 0 && strcmp(local, "frame") == 0)
        add_unreadable(w, SB_UNREADABLE_IMAGE);
    else if (uri && strcmp(uri, ODT_NS_TABLE) == 0 && strcmp(local, "table-cell") == 0)
        start_cell(w);
    else if (uri && strcmp(uri, ODT_NS_TABLE) == 0 && strcmp(local, "covered-table-cell") == 0)
        w->col++;
    else if (uri && strcmp(uri, ODT_NS_TABLE) == 0 && strcmp(local, "table-row") == 0)
        start_row(w);
    else if (uri && strcmp(uri, ODT_NS_TABLE) == 0 && strcmp(local, "table") == 0)
        start_table(w);
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
    } else if (w->nested && sb_xml_part_is(p, ODT_NS_TABLE, "table-cell", TRUE)) {
        end_paragraph(w);
    } else if (w->nested && sb_xml_part_is(p, ODT_NS_TABLE, "table", TRUE)) {
        w->nested--;
    } else if (sb_xml_part_is(p, ODT_NS_TABLE, "table-cell", TRUE)) {
        end_paragraph(w);
        w->cell = 0;
    } else if (sb_xml_part_is(p, ODT_NS_TABLE, "table", TRUE)) {
        w->row = 0;
        w->table = 0;
    } else if (sb_xml_part_is(p, ODT_NS_LOEXT, "content-control", TRUE) && xmlTextReaderDepth(p->reader) == w->box_depth) {
        w->box_state = -1;
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

/* The text as it stands, without the zero width spaces the writer put at bookmarks. */
static char *without_zwsp(const GString *text)
{
    GString *out = g_string_sized_new(text->len);
    for (const char *p = text->str; *p; p = g_utf8_next_char(p))
        if (g_utf8_get_char(p) != 0x200B)
            g_string_append_unichar(out, g_utf8_get_char(p));
    return g_string_free(out, FALSE);
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
    SbExtracted *x = sb_extracted_new(e->tag, e->para, e->cell, e->row);
    x->col = e->col;
    x->table = e->table;
    x->table_row = e->table_row;
    x->last_para = MAX(e->last_para, e->para);
    char *text = without_zwsp(e->text);
    if (e->tag && strchr(e->tag, '='))
        x->checked = e->state >= 0 ? e->state : ticked(text);
    x->placeholder = e->placeholder;
    x->unreadable = e->unreadable;
    if (!*text)
        g_free(text);
    else
        x->text = text;
    return x;
}

gboolean odt_read_fields(SbZipReader *zip, GHashTable *props, GPtrArray *fields, GError **error)
{
    SbXmlPart p;
    if (!sb_xml_part_open(&p, zip, "content.xml", error))
        return FALSE;
    Walk w = {.entries = g_ptr_array_new_with_free_func(entry_free), .skip_depth = -1,
              .open_names = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, queue_free),
              .open_tags = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, queue_free),
              .line_start = TRUE, .limit = g_bytes_get_size(p.bytes), .props = props, .box_state = -1};
    g_queue_init(&w.open);
    int r = 0;
    while (!w.too_much && (r = sb_xml_part_next(&p, error)) == 1)
        on_node(&w, &p);
    sb_xml_part_close(&p);
    if (w.too_much) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO,
                    "content.xml has more fields or field text than a document of its size can hold "
                    "(bookmarks left open or nested): refusing to read it");
        r = -1;
    }
    for (guint i = 0; r == 0 && i < w.entries->len; i++)
        g_ptr_array_add(fields, result(w.entries->pdata[i]));
    g_queue_clear(&w.open);
    g_hash_table_unref(w.open_names);
    g_hash_table_unref(w.open_tags);
    g_ptr_array_unref(w.entries);
    return r == 0;
}
