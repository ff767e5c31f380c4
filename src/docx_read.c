/* Reading a DOCX back (extract.h): the content controls shenbao marked its fields with,
 * and the form id from the document properties.
 *
 * A control's tag names its field.  Where a program dropped the tags on saving
 * (LibreOffice up to 7.4 does), the bookmark running through the field's controls names
 * it; where the control itself is gone ("Remove Content Control"), text inside the
 * field's bookmark still names it.  A field written over several paragraphs is
 * consecutive controls of one tag.  Text outside every control and bookmark comes back
 * untagged, for extract_place.c to place by the form's structure or report.
 *
 * Each character of the part goes to one place only (the innermost control), so the
 * text collected is never more than the part itself. */
#include "docx_read.h"
#include "extract.h"
#include "shenbao/shenbao.h"

#include <string.h>

#define NOT_OURS "not a document shenbao wrote"

/* ---- content controls being read ---- */

typedef struct {
    int depth;              /* of the w:sdt element */
    int para, cell, row, col;   /* where it starts */
    char *tag;
    char *alias;            /* w:alias: a path where LibreOffice made the control from an ODT */
    char *own_mark;         /* the first bookmark starting inside it */
    char *outer_mark;       /* a bookmark already open where its content starts */
    gboolean in_pr;         /* inside its w:sdtPr */
    gboolean has_inner;     /* holds other controls: a wrapper, not a field, unless tagged */
    gboolean placeholder;   /* w:showingPlcHdr */
    gboolean checkbox;      /* w14:checkbox */
    int checked;            /* w14:checked, -1 when missing */
    GPtrArray *paragraphs;  /* GString* per paragraph of its content */
    GString *current;       /* the paragraph text goes into, NULL between paragraphs */
} Sdt;

typedef struct {
    char *id, *name;
    int cell;               /* the table cell it started in */
    int para;               /* and the paragraph */
    guint fields;           /* how many things were found before it */
} Mark;

typedef struct {
    SbXmlPart part;
    GHashTable *props;      /* custom properties: the tags of "_sb…" bookmarks */
    GPtrArray *open;        /* Sdt*, innermost last */
    GPtrArray *marks;       /* Mark*: bookmarks open at this point */
    GHashTable *mark_names; /* the names of the bookmarks started so far */
    GHashTable *repeats;    /* id of a bookmark start that repeated a name -> the name */
    GPtrArray *names;       /* local names of the open W elements by depth, NULL for others */
    int text_depth;         /* inside a w:t at that depth, or -1 */
    int para;               /* paragraphs started so far */
    int cell, row;          /* the table cell and row we are in, numbered in document order; 0 outside */
    int cells, rows;        /* started so far */
    int col;                /* the cell's place in its row */
    GPtrArray *fields;      /* SbExtracted*: the result */
    SbExtracted *last;      /* the field a control of the same tag continues */
    GString *last_text;     /* its text, moved into it when another field starts */
    int last_para;
    GString *stray;         /* text outside every control, in the current paragraph */
    int stray_para;
} Body;

static void string_free(gpointer p)
{
    g_string_free(p, TRUE);
}

static Sdt *sdt_new(int depth, const Body *b)
{
    Sdt *s = g_new0(Sdt, 1);
    s->depth = depth;
    s->para = b->para;
    s->cell = b->cell;
    s->row = b->row;
    s->col = b->col;
    s->checked = -1;
    s->paragraphs = g_ptr_array_new_with_free_func(string_free);
    return s;
}

static void sdt_free(gpointer p)
{
    Sdt *s = p;
    g_free(s->tag);
    g_free(s->alias);
    g_free(s->own_mark);
    g_free(s->outer_mark);
    g_ptr_array_unref(s->paragraphs);
    g_free(s);
}

static void mark_free(gpointer p)
{
    Mark *m = p;
    g_free(m->id);
    g_free(m->name);
    g_free(m);
}

static Sdt *innermost(Body *b)
{
    return b->open->len ? b->open->pdata[b->open->len - 1] : NULL;
}

static void flush_stray(Body *b);

/* A control that holds others and names no field of its own: LibreOffice wraps a
 * paragraph that begins with a control in one.  Text in it is outside the fields. */
static gboolean is_wrapper(const Sdt *s)
{
    return s->has_inner && !s->tag;
}

/* Text belongs to the innermost control it sits in; outside every control it is stray
 * text of the paragraph. */
static void append_text(Body *b, const char *text)
{
    Sdt *s = innermost(b);
    if (s && s->in_pr)
        return;
    if (!s || is_wrapper(s)) {
        if (b->stray->len == 0)
            b->stray_para = b->para;
        g_string_append(b->stray, text);
        return;
    }
    if (!s->current) {
        s->current = g_string_new(NULL);
        g_ptr_array_add(s->paragraphs, s->current);
    }
    g_string_append(s->current, text);
}

static void paragraph_boundary(Body *b)
{
    flush_stray(b);
    for (guint i = 0; i < b->open->len; i++)
        ((Sdt *)b->open->pdata[i])->current = NULL;
}

/* ---- bookmarks ---- */

/* Bookmarks left open are kept up to this many, so that a hostile part cannot make the
 * walk slow; a real document has a handful open at any point. */
#define MAX_OPEN_MARKS 256
#define MAX_MARK_NAMES 100000

/* Ours are the "_sb…" names custom.xml maps to tags, and names that are tags themselves;
 * Word's own (_GoBack, _Toc…) start with an underscore too. */
static gboolean is_our_mark(Body *b, const char *name)
{
    return name && *name && (name[0] != '_' || g_hash_table_contains(b->props, name));
}

/* A bookmark starting inside a control names the innermost one: LibreOffice wraps a
 * paragraph that begins with a control in a tagless control of its own. */
static void on_bookmark_start(Body *b)
{
    char *name = sb_xml_part_attr(&b->part, DOCX_NS_W, "name");
    if (!name || g_hash_table_contains(b->mark_names, name)) {
        /* A name is one bookmark.  LibreOffice, saving an ODT's bookmark over several
         * paragraphs, starts it again and ends the repeat: that end is the bookmark's. */
        char *id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
        if (id && name && g_hash_table_size(b->repeats) < MAX_MARK_NAMES)
            g_hash_table_insert(b->repeats, id, name);
        else
            g_free(id), g_free(name);
        return;
    }
    if (g_hash_table_size(b->mark_names) < MAX_MARK_NAMES)
        g_hash_table_add(b->mark_names, g_strdup(name));
    Mark *m = g_new0(Mark, 1);
    m->id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
    m->name = name;
    m->cell = b->cell;
    m->para = b->para;
    m->fields = b->fields->len;
    if (b->marks->len == MAX_OPEN_MARKS)
        g_ptr_array_remove_index(b->marks, 0);
    g_ptr_array_add(b->marks, m);
    Sdt *s = innermost(b);
    if (s && !s->in_pr && !s->own_mark && is_our_mark(b, m->name))
        s->own_mark = g_strdup(m->name);
}

static void empty_field(Body *b, const Mark *m);

static void on_bookmark_end(Body *b)
{
    char *id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
    const char *repeated = id ? g_hash_table_lookup(b->repeats, id) : NULL;
    for (guint i = b->marks->len; id && i-- > 0;) {
        const Mark *m = b->marks->pdata[i];
        if (repeated ? strcmp(m->name, repeated) == 0 : g_strcmp0(m->id, id) == 0) {
            if (!innermost(b) && m->fields == b->fields->len && m->para == b->para && is_our_mark(b, m->name))
                empty_field(b, m);   /* LibreOffice collapses a bookmark over nothing */
            g_ptr_array_remove_index(b->marks, i);
            break;
        }
    }
    g_free(id);
}

/* The innermost of our bookmarks open here.  No field runs from one table cell into
 * another, so a bookmark whose end a program lost names nothing past its cell. */
static const char *open_mark(Body *b)
{
    for (guint i = b->marks->len; i-- > 0;) {
        const Mark *m = b->marks->pdata[i];
        if (is_our_mark(b, m->name) && m->cell == b->cell)
            return m->name;
    }
    return NULL;
}

static char *tag_of_mark(Body *b, const char *name)
{
    const char *tag = g_hash_table_lookup(b->props, name);
    return g_strdup(tag ? tag : name);
}

/* ---- finishing a control ---- */

/* Paragraphs come back joined by a blank line; empty ones (room left to write in) go. */
static void join_paragraphs(GString *out, const GPtrArray *paragraphs, const char *first_separator)
{
    for (guint i = 0; i < paragraphs->len; i++) {
        const GString *para = paragraphs->pdata[i];
        if (para->len == 0)
            continue;
        if (out->len)
            g_string_append(out, first_separator ? first_separator : "\n\n");
        first_separator = NULL;
        g_string_append_len(out, para->str, (gssize)para->len);
    }
}

/* A checkbox's state is w14:checked; a program that dropped it left ☒ or ☐ behind. */
static gboolean box_checked(const Sdt *s)
{
    if (s->checked >= 0)
        return s->checked;
    for (guint i = 0; i < s->paragraphs->len; i++) {
        const char *t = ((GString *)s->paragraphs->pdata[i])->str;
        if (strstr(t, "\u2612") || strstr(t, "\u2611"))
            return TRUE;
    }
    return FALSE;
}

static void settle_last(Body *b)
{
    if (b->last)
        b->last->last_para = MAX(b->last_para, b->last->para);
    if (b->last && b->last_text) {
        g_free(b->last->text);
        b->last->text = b->last_text->len ? g_strdup(b->last_text->str) : NULL;
    }
    if (b->last_text)
        g_string_set_size(b->last_text, 0);
    b->last = NULL;
}

static void add_field(Body *b, SbExtracted *e, const char *text)
{
    settle_last(b);
    g_string_assign(b->last_text, text ? text : "");
    b->last = e;
    g_ptr_array_add(b->fields, e);
}

/* Does a piece tagged `tag` continue the last field?  Checkboxes never do. */
static gboolean continues(const Body *b, const char *tag)
{
    return b->last && b->last->tag && tag && !strchr(tag, '=') && strcmp(b->last->tag, tag) == 0;
}

/* Stray text of a paragraph ends here: inside one of our bookmarks it is that field's
 * (its control was removed), else it is untagged. */
static void flush_stray(Body *b)
{
    if (b->stray->len == 0)
        return;
    const char *mark = open_mark(b);
    char *tag = mark ? tag_of_mark(b, mark) : NULL;
    if (continues(b, tag)) {
        if (b->last_text->len)
            g_string_append(b->last_text, b->stray_para != b->last_para ? "\n\n" : "");
        g_string_append(b->last_text, b->stray->str);
        b->last_para = b->stray_para;
        g_free(tag);
    } else {
        SbExtracted *e = sb_extracted_new(NULL, b->stray_para, b->cell, b->row);
        e->col = b->cell ? b->col : 0;
        e->tag = tag;
        e->checked = tag && strchr(tag, '=') && (strstr(b->stray->str, "\u2612") || strstr(b->stray->str, "\u2611"));
        add_field(b, e, b->stray->str);
        b->last_para = b->stray_para;
        if (!tag)   /* untagged text is never continued */
            settle_last(b);
    }
    g_string_set_size(b->stray, 0);
}

/* A field whose bookmark holds nothing: text typed beside it is placed by its place. */
static void empty_field(Body *b, const Mark *m)
{
    SbExtracted *e = sb_extracted_new(NULL, b->para, b->cell, b->row);
    e->col = b->cell ? b->col : 0;
    e->tag = tag_of_mark(b, m->name);
    add_field(b, e, "");
    b->last_para = b->para;
    settle_last(b);
}

static void new_field(Body *b, const Sdt *s, char *tag)
{
    SbExtracted *e = sb_extracted_new(NULL, s->para, s->cell, s->row);
    e->col = s->cell ? s->col : 0;
    e->tag = tag;
    e->placeholder = s->placeholder && !s->checkbox;
    GString *text = g_string_new(NULL);
    join_paragraphs(text, s->paragraphs, NULL);
    e->checked = s->checkbox || strchr(tag, '=') ? box_checked(s) : FALSE;
    add_field(b, e, text->str);
    g_string_free(text, TRUE);
}

/* The next paragraph of the last field: a new paragraph after a blank line, or more of the
 * same paragraph when a program split one control in two. */
static void continue_field(Body *b, const Sdt *s)
{
    if (s->placeholder && b->last->placeholder)
        return;
    if (b->last->placeholder) {   /* typed after its placeholder: the placeholder goes */
        g_string_set_size(b->last_text, 0);
        b->last->placeholder = FALSE;
    }
    join_paragraphs(b->last_text, s->paragraphs, s->para != b->last_para ? "\n\n" : "");
}

/* Text of a control that names no field (a wrapper LibreOffice added) is stray text;
 * the control keeps none of it. */
static void orphan_text(Body *b, Sdt *s)
{
    GString *text = g_string_new(NULL);
    join_paragraphs(text, s->paragraphs, NULL);
    if (text->len) {
        SbExtracted *e = sb_extracted_new(NULL, s->para, s->cell, s->row);
        e->col = s->cell ? s->col : 0;
        add_field(b, e, text->str);
        settle_last(b);
    }
    g_string_free(text, TRUE);
    g_ptr_array_set_size(s->paragraphs, 0);
    s->current = NULL;
}

/* shenbao's aliases are labels; a control LibreOffice made from an ODT placeholder has
 * the field's path there, which is plain ASCII. */
static char *path_alias(const Sdt *s)
{
    if (!s->alias || !*s->alias)
        return NULL;
    for (const char *p = s->alias; *p; p++)
        if ((unsigned char)*p >= 0x80 || g_ascii_isspace(*p))
            return NULL;
    return g_strdup(s->alias);
}

static void sdt_finish(Body *b)
{
    Sdt *s = innermost(b);
    const char *mark = s->own_mark ? s->own_mark : s->outer_mark;
    char *tag = s->tag ? g_strdup(s->tag) : s->has_inner ? NULL : mark ? tag_of_mark(b, mark) : path_alias(s);
    if (tag && !s->checkbox && continues(b, tag)) {
        continue_field(b, s);
        b->last_para = b->para;
        g_free(tag);
    } else if (tag) {
        new_field(b, s, tag);
        b->last_para = b->para;
    } else {
        orphan_text(b, s);
    }
    g_ptr_array_set_size(b->open, b->open->len - 1);
}

/* ---- the walk over document.xml ---- */

static gboolean parent_is(Body *b, int depth, const char *name)
{
    const char *parent = depth > 0 && (guint)depth <= b->names->len ? b->names->pdata[depth - 1] : NULL;
    return parent && strcmp(parent, name) == 0;
}

static gboolean w_start(const SbXmlPart *p, const char *name)
{
    return sb_xml_part_is(p, DOCX_NS_W, name, FALSE);
}

static gboolean w_end(const SbXmlPart *p, const char *name)
{
    return sb_xml_part_is(p, DOCX_NS_W, name, TRUE);
}

/* An on/off property: present means on unless its val says 0, false or off. */
static gboolean on_off(const SbXmlPart *p, const char *ns)
{
    char *v = sb_xml_part_attr(p, ns, "val");
    gboolean on = !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
    g_free(v);
    return on;
}

static void on_sdt_property(Body *b, Sdt *s)
{
    SbXmlPart *p = &b->part;
    if (w_start(p, "tag")) {
        g_free(s->tag);
        s->tag = sb_xml_part_attr(p, DOCX_NS_W, "val");
    } else if (w_start(p, "alias")) {
        g_free(s->alias);
        s->alias = sb_xml_part_attr(p, DOCX_NS_W, "val");
    } else if (w_start(p, "showingPlcHdr")) {
        s->placeholder = on_off(p, DOCX_NS_W);
    } else if (sb_xml_part_is(p, DOCX_NS_W14, "checkbox", FALSE)) {
        s->checkbox = TRUE;
    } else if (sb_xml_part_is(p, DOCX_NS_W14, "checked", FALSE)) {
        s->checked = on_off(p, DOCX_NS_W14);
    }
}

/* A line break inside a paragraph is a newline; page and column breaks are layout. */
static void on_break(Body *b)
{
    char *type = sb_xml_part_attr(&b->part, DOCX_NS_W, "type");
    if (!type || strcmp(type, "textWrapping") == 0)
        append_text(b, "\n");
    g_free(type);
}

static void on_start(Body *b, int depth)
{
    SbXmlPart *p = &b->part;
    gboolean empty = xmlTextReaderIsEmptyElement(p->reader);
    Sdt *s = innermost(b);
    if (s && s->in_pr) {
        on_sdt_property(b, s);
    } else if (w_start(p, "sdt") && !empty) {
        flush_stray(b);
        if (s && !s->has_inner && !s->tag)
            orphan_text(b, s);   /* what it held so far was outside the fields too */
        if (s)
            s->has_inner = TRUE;
        g_ptr_array_add(b->open, sdt_new(depth, b));
    } else if (s && depth == s->depth + 1 && w_start(p, "sdtPr")) {
        s->in_pr = !empty;
    } else if (s && depth == s->depth + 1 && w_start(p, "sdtContent")) {
        s->outer_mark = g_strdup(open_mark(b));
    } else if (w_start(p, "p")) {
        paragraph_boundary(b);
        b->para++;
    } else if (w_start(p, "tc")) {
        paragraph_boundary(b);
        b->cell = ++b->cells;
        b->col++;
    } else if (w_start(p, "tr")) {
        b->row = ++b->rows;
        b->col = 0;
    } else if (w_start(p, "bookmarkStart")) {
        flush_stray(b);
        on_bookmark_start(b);
    } else if (w_start(p, "bookmarkEnd")) {
        flush_stray(b);
        on_bookmark_end(b);
    } else if (w_start(p, "t") && parent_is(b, depth, "r") && !empty) {
        b->text_depth = depth;
    } else if (w_start(p, "tab") && parent_is(b, depth, "r")) {
        append_text(b, "\t");
    } else if ((w_start(p, "br") || w_start(p, "cr")) && parent_is(b, depth, "r")) {
        on_break(b);
    }
}

static void on_end(Body *b, int depth)
{
    SbXmlPart *p = &b->part;
    Sdt *s = innermost(b);
    if (depth == b->text_depth) {
        b->text_depth = -1;
    } else if (s && depth == s->depth + 1 && w_end(p, "sdtPr")) {
        s->in_pr = FALSE;
    } else if (s && depth == s->depth && w_end(p, "sdt")) {
        sdt_finish(b);
    } else if (w_end(p, "p")) {
        paragraph_boundary(b);
    } else if (w_end(p, "tc")) {
        paragraph_boundary(b);
        b->cell = 0;
    } else if (w_end(p, "tbl")) {
        b->col = 0;
        b->row = 0;
    }
}

/* Keeps the local names of the open W elements, for "is the parent a run?": w:tab in a
 * run is a tab, in w:tabs a tab stop. */
static void track_name(Body *b, int depth)
{
    const char *uri = (const char *)xmlTextReaderConstNamespaceUri(b->part.reader);
    const char *local = (const char *)xmlTextReaderConstLocalName(b->part.reader);
    g_ptr_array_set_size(b->names, depth);
    g_ptr_array_add(b->names, uri && strcmp(uri, DOCX_NS_W) == 0 ? (gpointer)local : NULL);
}

static gboolean walk(Body *b, GError **error)
{
    int r;
    while ((r = sb_xml_part_next(&b->part, error)) == 1) {
        int type = xmlTextReaderNodeType(b->part.reader);
        int depth = xmlTextReaderDepth(b->part.reader);
        if (type == XML_READER_TYPE_ELEMENT) {
            track_name(b, depth);
            on_start(b, depth);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            on_end(b, depth);
        } else if (b->text_depth >= 0 && sb_xml_part_at_text(&b->part)) {
            append_text(b, (const char *)xmlTextReaderConstValue(b->part.reader));
        }
    }
    return r == 0;
}

/* Fields go into `fields` only when the whole part could be read. */
static gboolean read_document(SbZipReader *zip, GHashTable *props, GPtrArray *fields, GError **error)
{
    Body b = {.props = props, .open = g_ptr_array_new_with_free_func(sdt_free),
              .marks = g_ptr_array_new_with_free_func(mark_free), .names = g_ptr_array_new(),
              .text_depth = -1, .fields = g_ptr_array_new_with_free_func(sb_extracted_free),
              .last_text = g_string_new(NULL), .stray = g_string_new(NULL),
              .mark_names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
              .repeats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    gboolean ok = sb_xml_part_open(&b.part, zip, "word/document.xml", error) && walk(&b, error);
    sb_xml_part_close(&b.part);
    flush_stray(&b);
    settle_last(&b);
    if (ok)
        g_ptr_array_extend_and_steal(fields, b.fields);
    else
        g_ptr_array_unref(b.fields);
    g_ptr_array_unref(b.open);
    g_ptr_array_unref(b.marks);
    g_ptr_array_unref(b.names);
    g_string_free(b.last_text, TRUE);
    g_string_free(b.stray, TRUE);
    g_hash_table_unref(b.mark_names);
    g_hash_table_unref(b.repeats);
    return ok;
}

/* ---- the package ---- */

/* "shenbao-form" in docProps/custom.xml; cp:keywords in core.xml when a program dropped
 * the custom properties on saving. */
static char *form_id_of(SbZipReader *zip, GHashTable *props, GError **error)
{
    const char *id = g_hash_table_lookup(props, "shenbao-form");
    if (id && *id)
        return g_strdup(id);
    char *keywords = NULL;
    if (!docx_read_keywords(zip, &keywords, error))
        return NULL;
    if (!keywords || !*keywords) {
        g_free(keywords);
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, NOT_OURS ": it names no shenbao form");
        return NULL;
    }
    return keywords;
}

gboolean sb_docx_read(SbZipReader *zip, GPtrArray *fields, char **form_id, GError **error)
{
    *form_id = NULL;
    if (!sb_zip_reader_has(zip, "word/document.xml")) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, NOT_OURS ": it has no word/document.xml");
        return FALSE;
    }
    GHashTable *props = docx_read_custom(zip, error);
    if (!props)
        return FALSE;
    char *id = form_id_of(zip, props, error);
    gboolean ok = id && read_document(zip, props, fields, error);
    g_hash_table_unref(props);
    if (ok)
        *form_id = id;
    else
        g_free(id);
    return ok;
}
