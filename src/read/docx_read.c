/* Reading a DOCX back (extract.h): the walk over document.xml, the text of each
 * content control, and the form id from the document properties; the bookmarks are
 * followed in docx_read_marks.c and the fields made in docx_read_fields.c.
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
#include "docx_read_body.h"
#include "shenbao/shenbao.h"

#include <string.h>

#define NOT_OURS "not a document shenbao wrote"

/* ---- content controls being read ---- */

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
    s->table = b->table;
    s->table_row = b->table_row;
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
    Sdt *s = docx_read_innermost(b);
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
    docx_read_field_flush_stray(b);
    for (guint i = 0; i < b->open->len; i++)
        ((Sdt *)b->open->pdata[i])->current = NULL;
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
    Sdt *s = docx_read_innermost(b);
    if (s && s->in_pr) {
        on_sdt_property(b, s);
    } else if (w_start(p, "sdt") && !empty) {
        docx_read_field_flush_stray(b);
        if (s && !s->has_inner && !s->tag)
            docx_read_field_orphan(b, s);   /* what it held so far was outside the fields too */
        if (s)
            s->has_inner = TRUE;
        g_ptr_array_add(b->open, sdt_new(depth, b));
    } else if (s && depth == s->depth + 1 && w_start(p, "sdtPr")) {
        s->in_pr = !empty;
    } else if (s && depth == s->depth + 1 && w_start(p, "sdtContent")) {
        s->outer_mark = g_strdup(docx_read_open_mark(b));
    } else if (w_start(p, "p")) {
        paragraph_boundary(b);
        b->para++;
    } else if (b->nested && (w_start(p, "tc") || w_start(p, "tr"))) {
        ;   /* a cell of a nested table is part of the outer one */
    } else if (w_start(p, "tbl") && b->cell) {
        docx_read_field_unreadable(b, SB_UNREADABLE_TABLE);
        b->nested++;
    } else if ((w_start(p, "drawing") || w_start(p, "pict") || w_start(p, "object")) && !empty) {
        docx_read_field_unreadable(b, SB_UNREADABLE_IMAGE);
        b->skip_depth = depth;   /* a text box inside is not the form's text either */
    } else if (w_start(p, "tc")) {
        paragraph_boundary(b);
        b->cell = ++b->cells;
        b->col++;
    } else if (w_start(p, "tbl")) {
        b->table = ++b->tables;
        b->table_row = 0;
    } else if (w_start(p, "tr")) {
        b->row = ++b->rows;
        b->table_row++;
        b->col = 0;
    } else if (w_start(p, "bookmarkStart")) {
        docx_read_field_flush_stray(b);
        docx_read_mark_start(b);
    } else if (w_start(p, "bookmarkEnd")) {
        docx_read_field_flush_stray(b);
        docx_read_mark_end(b);
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
    Sdt *s = docx_read_innermost(b);
    if (depth == b->text_depth) {
        b->text_depth = -1;
    } else if (s && depth == s->depth + 1 && w_end(p, "sdtPr")) {
        s->in_pr = FALSE;
    } else if (s && depth == s->depth && w_end(p, "sdt")) {
        docx_read_field_finish(b);
    } else if (w_end(p, "p")) {
        paragraph_boundary(b);
    } else if (b->nested && w_end(p, "tc")) {
        paragraph_boundary(b);
    } else if (b->nested && w_end(p, "tbl")) {
        b->nested--;
    } else if (w_end(p, "tc")) {
        paragraph_boundary(b);
        b->cell = 0;
    } else if (w_end(p, "tbl")) {
        b->col = 0;
        b->table = 0;
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
        if (b->skip_depth >= 0) {
            if (type == XML_READER_TYPE_END_ELEMENT && depth == b->skip_depth)
                b->skip_depth = -1;
            continue;
        }
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
              .marks = g_ptr_array_new_with_free_func(docx_read_mark_free), .names = g_ptr_array_new(),
              .text_depth = -1, .skip_depth = -1, .fields = g_ptr_array_new_with_free_func(sb_extracted_free),
              .last_text = g_string_new(NULL), .stray = g_string_new(NULL),
              .mark_names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
              .repeats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    gboolean ok = sb_xml_part_open(&b.part, zip, "word/document.xml", error) && walk(&b, error);
    sb_xml_part_close(&b.part);
    docx_read_field_flush_stray(&b);
    docx_read_field_settle(&b);
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
