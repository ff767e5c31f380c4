/* XML helpers for the DOCX parts: thin names over xmlTextWriter (which does all the
 * escaping), unit conversions, and a check that the tree's text can be written at all. */
#include "docx.h"
#include "shenbao/shenbao.h"

#include <libxml/chvalid.h>
#include <math.h>

int docx_twips_mm(double mm)
{
    return (int)lround(mm * 1440 / 25.4);
}

int docx_twips_pt(double pt)
{
    return (int)lround(pt * 20);
}

void docx_xml_open(DocxXml *xml)
{
    xml->buf = xmlBufferCreate();
    xml->x = xmlNewTextWriterMemory(xml->buf, 0);
    xmlTextWriterStartDocument(xml->x, "1.0", "UTF-8", "yes");
}

void docx_xml_close(DocxXml *xml)
{
    xmlTextWriterEndDocument(xml->x);
    xmlFreeTextWriter(xml->x);   /* flushes into the buffer */
    xml->x = NULL;
}

void docx_xml_free(DocxXml *xml)
{
    if (xml->x)
        xmlFreeTextWriter(xml->x);
    if (xml->buf)
        xmlBufferFree(xml->buf);
    xml->x = NULL;
    xml->buf = NULL;
}

void docx_start(xmlTextWriterPtr x, const char *name)
{
    xmlTextWriterStartElement(x, (const xmlChar *)name);
}

void docx_end(xmlTextWriterPtr x)
{
    xmlTextWriterEndElement(x);
}

void docx_attr(xmlTextWriterPtr x, const char *name, const char *value)
{
    xmlTextWriterWriteAttribute(x, (const xmlChar *)name, (const xmlChar *)value);
}

void docx_attr_int(xmlTextWriterPtr x, const char *name, int value)
{
    char s[16];
    g_snprintf(s, sizeof s, "%d", value);
    docx_attr(x, name, s);
}

void docx_val(xmlTextWriterPtr x, const char *name, const char *value)
{
    docx_start(x, name);
    docx_attr(x, "w:val", value);
    docx_end(x);
}

void docx_val_int(xmlTextWriterPtr x, const char *name, int value)
{
    docx_start(x, name);
    docx_attr_int(x, "w:val", value);
    docx_end(x);
}

void docx_empty(xmlTextWriterPtr x, const char *name)
{
    docx_start(x, name);
    docx_end(x);
}

void docx_text_element(xmlTextWriterPtr x, const char *name, const char *text)
{
    docx_start(x, name);
    xmlTextWriterWriteString(x, (const xmlChar *)text);
    docx_end(x);
}

/* ---- text XML can carry ---- */

static gboolean xml_text_ok(const char *s)
{
    if (!s)
        return TRUE;
    if (!g_utf8_validate(s, -1, NULL))
        return FALSE;
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        if (!xmlIsCharQ(g_utf8_get_char(p)))
            return FALSE;
    return TRUE;
}

typedef struct {
    const char *bad;   /* the first string that cannot be written */
} TextCheck;

static void check_string(TextCheck *tc, const char *s)
{
    if (!tc->bad && !xml_text_ok(s))
        tc->bad = s;
}

static gboolean check_node(SbNode *n, SbEvent event, gpointer data)
{
    TextCheck *tc = data;
    if (event != SB_EVENT_ENTER)
        return TRUE;
    if (n->type == SB_NODE_TEXT) {
        check_string(tc, n->as.text.text);
    } else if (n->type == SB_NODE_FIELD) {
        check_string(tc, n->as.field.path);
        check_string(tc, n->as.field.label);
        check_string(tc, n->as.field.placeholder);
    } else if (n->type == SB_NODE_CHECKBOX) {
        check_string(tc, n->as.checkbox.path);
        check_string(tc, n->as.checkbox.option);
    } else if (n->type == SB_NODE_DOCUMENT) {
        check_string(tc, n->as.document.title);
        check_string(tc, n->as.document.subject);
        check_string(tc, n->as.document.form_id);
        check_string(tc, n->as.document.issuer);
        check_string(tc, n->as.document.source);
        check_string(tc, n->as.document.date);
    }
    return tc->bad == NULL;
}

gboolean docx_check_text(const SbNode *doc, GError **error)
{
    TextCheck tc = {NULL};
    sb_node_walk((SbNode *)doc, check_node, &tc);
    if (tc.bad) {
        char *shown = g_utf8_make_valid(tc.bad, 40);
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_DATA,
                    "text holds a control character a DOCX cannot carry: \"%s\"", shown);
        g_free(shown);
        return FALSE;
    }
    return TRUE;
}
