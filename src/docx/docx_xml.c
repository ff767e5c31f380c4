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
