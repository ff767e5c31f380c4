/* A guarded xmlReader over one XML part of a zip package. */
#include "xml_part.h"
#include "shenbao/shenbao.h"

#include <string.h>

static void on_parse_error(void *data, const char *msg, xmlParserSeverities severity,
                           xmlTextReaderLocatorPtr locator)
{
    SbXmlPart *p = data;
    (void)locator;
    if (!p->problem && (severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR))
        p->problem = g_strstrip(g_strdup(msg));
}

/* XML_PARSE_NONET and none of NOENT, DTDLOAD or DTDATTR: nothing outside the part is
 * ever fetched and no entity is expanded. */
gboolean sb_xml_part_open(SbXmlPart *p, SbZipReader *zip, const char *name, GError **error)
{
    memset(p, 0, sizeof *p);
    p->name = name;
    p->bytes = sb_zip_reader_read(zip, name, error);
    if (!p->bytes)
        return FALSE;
    gsize len;
    const char *data = g_bytes_get_data(p->bytes, &len);
    p->reader = len <= G_MAXINT ? xmlReaderForMemory(data, (int)len, name, NULL, XML_PARSE_NONET) : NULL;
    if (!p->reader) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s cannot be read", name);
        sb_xml_part_close(p);
        return FALSE;
    }
    xmlTextReaderSetErrorHandler(p->reader, on_parse_error, p);
    return TRUE;
}

void sb_xml_part_close(SbXmlPart *p)
{
    if (p->reader)
        xmlFreeTextReader(p->reader);
    p->reader = NULL;
    g_clear_pointer(&p->bytes, g_bytes_unref);
    g_clear_pointer(&p->problem, g_free);
}

int sb_xml_part_next(SbXmlPart *p, GError **error)
{
    int r = xmlTextReaderRead(p->reader);
    if (r == 1) {
        int type = xmlTextReaderNodeType(p->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO,
                        "%s declares a DOCTYPE or entities: refusing to read it", p->name);
            return -1;
        }
    } else if (r < 0) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s is damaged: %s", p->name,
                    p->problem ? p->problem : "not well-formed XML");
    }
    return r;
}

gboolean sb_xml_part_is(const SbXmlPart *p, const char *ns, const char *name, gboolean end)
{
    int type = xmlTextReaderNodeType(p->reader);
    if (type != (end ? XML_READER_TYPE_END_ELEMENT : XML_READER_TYPE_ELEMENT))
        return FALSE;
    const char *uri = (const char *)xmlTextReaderConstNamespaceUri(p->reader);
    const char *local = (const char *)xmlTextReaderConstLocalName(p->reader);
    return uri && local && strcmp(uri, ns) == 0 && strcmp(local, name) == 0;
}

char *sb_xml_part_attr(const SbXmlPart *p, const char *ns, const char *name)
{
    xmlChar *v = ns ? xmlTextReaderGetAttributeNs(p->reader, (const xmlChar *)name, (const xmlChar *)ns)
                    : xmlTextReaderGetAttribute(p->reader, (const xmlChar *)name);
    char *s = g_strdup((const char *)v);
    xmlFree(v);
    return s;
}

gboolean sb_xml_part_at_text(const SbXmlPart *p)
{
    int type = xmlTextReaderNodeType(p->reader);
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}
