/* Reading a DOCX back (extract.h): the content controls shenbao marked its fields with,
 * and the form id from the document properties.
 *
 * A control's tag names its field.  Where a program dropped the tags on saving
 * (LibreOffice up to 7.4 does), the bookmark running through the field's controls names
 * it.  A field written over several paragraphs is consecutive controls of one tag. */
#include "docx_read.h"
#include "extract.h"
#include "shenbao/shenbao.h"

#include <string.h>

#define NOT_OURS "not a document shenbao wrote"

/* ---- content controls being read ---- */

typedef struct {
    int depth;              /* of the w:sdt element */
    int para;               /* the paragraph it starts in */
    char *tag;
    char *own_mark;         /* the first bookmark starting inside it */
    char *outer_mark;       /* a bookmark already open where its content starts */
    char *mark_id;          /* not a control: a bookmark of ours outside any, which ends it */
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
} Mark;

typedef struct {
    SbXmlPart part;
    GHashTable *props;      /* custom properties: the tags of "_sb…" bookmarks */
    GPtrArray *open;        /* Sdt*, innermost last */
    GPtrArray *marks;       /* Mark*: bookmarks open at this point */
    GPtrArray *names;       /* local names of the open W elements by depth, NULL for others */
    int text_depth;         /* inside a w:t at that depth, or -1 */
    int para;               /* paragraphs started so far */
    GPtrArray *fields;      /* SbExtracted*: the result */
    SbExtracted *last;      /* the field a control of the same tag continues */
    int last_para;
} Body;

static void string_free(gpointer p)
{
    g_string_free(p, TRUE);
}

static Sdt *sdt_new(int depth, int para)
{
    Sdt *s = g_new0(Sdt, 1);
    s->depth = depth;
    s->para = para;
    s->checked = -1;
    s->paragraphs = g_ptr_array_new_with_free_func(string_free);
    return s;
}

static void sdt_free(gpointer p)
{
    Sdt *s = p;
    g_free(s->tag);
    g_free(s->own_mark);
    g_free(s->outer_mark);
    g_free(s->mark_id);
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

/* Text belongs to every control it sits in (a control may sit inside another). */
static void append_text(Body *b, const char *text)
{
    for (guint i = 0; i < b->open->len; i++) {
        Sdt *s = b->open->pdata[i];
        if (s->in_pr)
            continue;
        if (!s->current) {
            s->current = g_string_new(NULL);
            g_ptr_array_add(s->paragraphs, s->current);
        }
        g_string_append(s->current, text);
    }
}

static void paragraph_boundary(Body *b)
{
    for (guint i = 0; i < b->open->len; i++)
        ((Sdt *)b->open->pdata[i])->current = NULL;
}

/* ---- bookmarks ---- */

/* Bookmarks left open are kept up to this many, so that a hostile part cannot make the
 * walk slow; a real document has a handful open at any point. */
#define MAX_OPEN_MARKS 256

/* Ours are the "_sb…" names custom.xml maps to tags, and names that are tags themselves;
 * Word's own (_GoBack, _Toc…) start with an underscore too. */
static gboolean is_our_mark(Body *b, const char *name)
{
    return name && *name && (name[0] != '_' || g_hash_table_contains(b->props, name));
}

static char *tag_of_mark(Body *b, const char *name);
static void sdt_finish(Body *b);

/* Fields held by bookmarks do not nest: a bookmark or control starting while one is open
 * ends it, should its bookmarkEnd be missing (LibreOffice 7.4, re-saving a bookmark over
 * several paragraphs, starts it again further on and never ends the first). */
static void end_mark_field(Body *b)
{
    Sdt *s = innermost(b);
    if (s && s->mark_id)
        sdt_finish(b);
}

/* A bookmark starting inside a control names the innermost one: LibreOffice wraps a
 * paragraph that begins with a control in a tagless control of its own.  One starting
 * outside any control holds a filled field's plain runs, up to its end. */
static void on_bookmark_start(Body *b)
{
    Mark *m = g_new0(Mark, 1);
    m->id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
    m->name = sb_xml_part_attr(&b->part, DOCX_NS_W, "name");
    if (b->marks->len == MAX_OPEN_MARKS)
        g_ptr_array_remove_index(b->marks, 0);
    g_ptr_array_add(b->marks, m);
    if (is_our_mark(b, m->name))
        end_mark_field(b);
    Sdt *s = innermost(b);
    if (s && !s->in_pr && !s->own_mark && is_our_mark(b, m->name))
        s->own_mark = g_strdup(m->name);
    if (!s && is_our_mark(b, m->name)) {
        s = sdt_new(-1, b->para);
        s->tag = tag_of_mark(b, m->name);
        s->mark_id = g_strdup(m->id ? m->id : "");
        g_ptr_array_add(b->open, s);
    }
}

static void on_bookmark_end(Body *b)
{
    char *id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
    Sdt *s = innermost(b);
    if (s && s->mark_id && g_strcmp0(s->mark_id, id ? id : "") == 0)
        sdt_finish(b);
    for (guint i = b->marks->len; id && i-- > 0;) {
        if (g_strcmp0(((Mark *)b->marks->pdata[i])->id, id) == 0) {
            g_ptr_array_remove_index(b->marks, i);
            break;
        }
    }
    g_free(id);
}

static const char *open_mark(Body *b)
{
    for (guint i = b->marks->len; i-- > 0;) {
        const Mark *m = b->marks->pdata[i];
        if (is_our_mark(b, m->name))
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

static SbExtracted *new_field(const Sdt *s, char *tag)
{
    SbExtracted *e = g_new0(SbExtracted, 1);
    e->tag = tag;
    if (!s->placeholder || s->checkbox) {
        GString *text = g_string_new(NULL);
        join_paragraphs(text, s->paragraphs, NULL);
        e->text = g_string_free(text, FALSE);
    }
    /* a bookmark with nothing in it (LibreOffice collapses a blank field's bookmark
     * beside the control it writes) holds no value */
    if (s->mark_id && e->text && !*e->text)
        g_clear_pointer(&e->text, g_free);
    e->checked = s->checkbox || strchr(tag, '=') ? box_checked(s) : FALSE;
    return e;
}

/* The next paragraph of the last field: a new paragraph after a blank line, or more of
 * the same paragraph when a program split one control in two. */
static void continue_field(Body *b, const Sdt *s)
{
    if (s->placeholder)
        return;
    GString *text = g_string_new(b->last->text);
    join_paragraphs(text, s->paragraphs, s->para != b->last_para ? "\n\n" : "");
    if (!b->last->text && text->len == 0) {   /* still nothing: still no value */
        g_string_free(text, TRUE);
        return;
    }
    g_free(b->last->text);
    b->last->text = g_string_free(text, FALSE);
}

static void sdt_finish(Body *b)
{
    Sdt *s = innermost(b);
    const char *mark = s->own_mark ? s->own_mark : s->outer_mark;
    char *tag = s->tag ? g_strdup(s->tag) : mark && !s->has_inner ? tag_of_mark(b, mark) : NULL;
    if (tag && b->last && !s->checkbox && !strchr(tag, '=') && strcmp(b->last->tag, tag) == 0) {
        continue_field(b, s);
        b->last_para = s->para;
        g_free(tag);
    } else if (tag) {
        b->last = new_field(s, tag);
        b->last_para = s->para;
        g_ptr_array_add(b->fields, b->last);
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
        end_mark_field(b);
        s = innermost(b);
        if (s)
            s->has_inner = TRUE;
        g_ptr_array_add(b->open, sdt_new(depth, b->para));
    } else if (s && depth == s->depth + 1 && w_start(p, "sdtPr")) {
        s->in_pr = !empty;
    } else if (s && depth == s->depth + 1 && w_start(p, "sdtContent")) {
        s->outer_mark = g_strdup(open_mark(b));
    } else if (w_start(p, "p")) {
        b->para++;
        paragraph_boundary(b);
    } else if (w_start(p, "bookmarkStart")) {
        on_bookmark_start(b);
    } else if (w_start(p, "bookmarkEnd")) {
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

static void extracted_free(gpointer p)
{
    SbExtracted *e = p;
    g_free(e->tag);
    g_free(e->text);
    g_free(e);
}

/* Fields go into `fields` only when the whole part could be read. */
static gboolean read_document(SbZipReader *zip, GHashTable *props, GPtrArray *fields, GError **error)
{
    Body b = {.props = props, .open = g_ptr_array_new_with_free_func(sdt_free),
              .marks = g_ptr_array_new_with_free_func(mark_free), .names = g_ptr_array_new(),
              .text_depth = -1, .fields = g_ptr_array_new_with_free_func(extracted_free)};
    gboolean ok = sb_xml_part_open(&b.part, zip, "word/document.xml", error) && walk(&b, error);
    end_mark_field(&b);
    sb_xml_part_close(&b.part);
    if (ok)
        g_ptr_array_extend_and_steal(fields, b.fields);
    else
        g_ptr_array_unref(b.fields);
    g_ptr_array_unref(b.open);
    g_ptr_array_unref(b.marks);
    g_ptr_array_unref(b.names);
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
