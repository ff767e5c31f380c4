/* The document properties: docProps/core.xml (title, subject, form id as keywords, fixed
 * dates), app.xml, and custom.xml with the form id that reading a document back needs. */
#include "docx.h"
#include "sb_config.h"

void docx_write_core(DocxXml *xml, const SbNode *doc)
{
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "cp:coreProperties");
    docx_attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    docx_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    docx_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
    docx_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    if (doc->as.document.title)
        docx_text_element(x, "dc:title", doc->as.document.title);
    if (doc->as.document.subject)
        docx_text_element(x, "dc:subject", doc->as.document.subject);
    if (doc->as.document.issuer)
        docx_text_element(x, "dc:creator", doc->as.document.issuer);
    docx_text_element(x, "cp:keywords", doc->as.document.form_id);
    if (doc->as.document.source)
        docx_text_element(x, "dc:description", doc->as.document.source);
    /* Fixed dates from the tree: the same input gives the same bytes. */
    const char *names[] = {"dcterms:created", "dcterms:modified"};
    for (guint i = 0; doc->as.document.date && i < G_N_ELEMENTS(names); i++) {
        docx_start(x, names[i]);
        docx_attr(x, "xsi:type", "dcterms:W3CDTF");
        xmlTextWriterWriteString(x, (const xmlChar *)doc->as.document.date);
        docx_end(x);
    }
    docx_end(x);
}

void docx_write_app(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "Properties");
    docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
    docx_text_element(x, "Application", "shenbao " SB_VERSION);
    docx_text_element(x, "DocSecurity", "0");
    docx_end(x);
}

static void string_property(xmlTextWriterPtr x, int pid, const char *name, const char *value)
{
    docx_start(x, "property");
    docx_attr(x, "fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
    docx_attr_int(x, "pid", pid);
    docx_attr(x, "name", name);
    docx_text_element(x, "vt:lpwstr", value);
    docx_end(x);
}

typedef struct {
    xmlTextWriterPtr x;
    int pid;
    GHashTable *seen;
} LongTags;

/* Takes tag. */
static void long_tag(LongTags *lt, char *tag)
{
    if (docx_tag_is_bookmark_name(tag) || g_hash_table_contains(lt->seen, tag)) {
        g_free(tag);
        return;
    }
    g_hash_table_add(lt->seen, tag);
    char *name = docx_bookmark_name(tag);
    string_property(lt->x, lt->pid++, name, tag);
    g_free(name);
}

static gboolean visit_tag(SbNode *n, SbEvent event, gpointer data)
{
    if (event != SB_EVENT_ENTER)
        return TRUE;
    if (n->type == SB_NODE_FIELD)
        long_tag(data, g_strdup(n->as.field.path));
    else if (n->type == SB_NODE_CHECKBOX)
        long_tag(data, docx_checkbox_tag(n));
    return TRUE;
}

/* "shenbao-form" names the form a document was made from: reading it back needs it.
 * Tags that cannot name their bookmark themselves follow, under the bookmark's name. */
void docx_write_custom(DocxXml *xml, const SbNode *doc)
{
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "Properties");
    docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties");
    docx_attr(x, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
    string_property(x, 2, "shenbao-form", doc->as.document.form_id);
    LongTags lt = {x, 3, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    sb_node_walk((SbNode *)doc, visit_tag, &lt);
    g_hash_table_unref(lt.seen);
    docx_end(x);
}
