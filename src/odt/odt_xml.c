/* XML for the ODT parts, written with xmlTextWriter into memory so that escaping is
 * libxml2's.  Every call records a failure instead of returning it: a part is checked
 * once, when it is finished. */
#include "odt.h"

#include <string.h>

static const struct { const char *prefix, *uri; } namespaces[] = {
    {"office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
    {"style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
    {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
    {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
    {"fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
    {"svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"},
    {"meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
    {"config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0"},
    {"dc", "http://purl.org/dc/elements/1.1/"},
    {"xlink", "http://www.w3.org/1999/xlink"},
    /* LibreOffice's extensions: its content controls (odt_inline.c) */
    {"loext", "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"},
};

OdtXml *odt_xml_new(gboolean document)
{
    OdtXml *x = g_new0(OdtXml, 1);
    x->buf = xmlBufferCreate();
    x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
    x->failed = x->w == NULL;
    x->document = document;
    /* A fragment starts as a document too: only a writer that knows its encoding writes
     * Chinese in attributes as it is rather than as character references.  The
     * declaration is cut off again when the fragment is finished. */
    if (!x->failed)
        x->failed = xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0 || xmlTextWriterFlush(x->w) < 0;
    if (!x->failed && !document)
        x->skip = (gsize)xmlBufferLength(x->buf);
    return x;
}

void odt_xml_free(OdtXml *x)
{
    if (!x)
        return;
    if (x->w)
        xmlFreeTextWriter(x->w);
    if (x->buf)
        xmlBufferFree(x->buf);
    g_free(x);
}

char *odt_xml_finish(OdtXml *x, gsize *len)
{
    /* A fragment is only flushed: ending a document would add a newline. */
    if (!x->failed && x->document)
        x->failed = xmlTextWriterEndDocument(x->w) < 0;
    if (!x->failed)
        x->failed = xmlTextWriterFlush(x->w) < 0;
    char *out = NULL;
    if (!x->failed) {
        gsize n = (gsize)xmlBufferLength(x->buf) - x->skip;
        out = g_strndup((const char *)xmlBufferContent(x->buf) + x->skip, n);
        if (len)
            *len = n;
    }
    odt_xml_free(x);
    return out;
}

char *odt_xml_take(OdtXml *x)
{
    if (!x->failed)
        x->failed = xmlTextWriterFlush(x->w) < 0;
    if (x->failed)
        return NULL;
    const char *text = (const char *)xmlBufferContent(x->buf) + x->skip;
    char *out = g_strndup(text, (gsize)xmlBufferLength(x->buf) - x->skip);
    x->skip = (gsize)xmlBufferLength(x->buf);
    if (x->skip > 64 * 1024) {   /* keep the buffer small: it grows by every fragment */
        xmlBufferEmpty(x->buf);
        x->skip = 0;
    }
    return out;
}

static void check(OdtXml *x, int rc)
{
    if (rc < 0)
        x->failed = TRUE;
}

void odt_start(OdtXml *x, const char *name)
{
    if (!x->failed)
        check(x, xmlTextWriterStartElement(x->w, (const xmlChar *)name));
}

void odt_end(OdtXml *x)
{
    if (!x->failed)
        check(x, xmlTextWriterEndElement(x->w));
}

void odt_attr(OdtXml *x, const char *name, const char *value)
{
    if (!value)   /* a style that could not be made */
        x->failed = TRUE;
    if (!x->failed)
        check(x, xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name, (const xmlChar *)value));
}

void odt_attr_int(OdtXml *x, const char *name, long value)
{
    char buf[32];
    g_snprintf(buf, sizeof buf, "%ld", value);
    odt_attr(x, name, buf);
}

/* "%.3f" through g_ascii_formatd: a decimal point whatever LC_NUMERIC says, and no
 * "-0" to make two equal lengths different strings. */
char *odt_len(double value, const char *unit)
{
    /* Thousandths, rounded half away from zero, without trailing zeros.  Integer
     * formatting: this runs for every length of every paragraph and cell, and printing
     * a double cost a quarter of the ODT writer. */
    gint64 milli = (gint64)(value * 1000 + (value < 0 ? -0.5 : 0.5));
    const char *sign = milli < 0 ? "-" : "";
    guint64 m = milli < 0 ? (guint64)-milli : (guint64)milli;
    guint frac = (guint)(m % 1000);
    if (frac == 0)
        return g_strdup_printf("%s%" G_GUINT64_FORMAT "%s", sign, m / 1000, unit);
    int digits = frac % 100 == 0 ? 1 : frac % 10 == 0 ? 2 : 3;
    guint shown = digits == 1 ? frac / 100 : digits == 2 ? frac / 10 : frac;
    return g_strdup_printf("%s%" G_GUINT64_FORMAT ".%0*u%s", sign, m / 1000, digits, shown, unit);
}

void odt_attr_len(OdtXml *x, const char *name, double value, const char *unit)
{
    char *s = odt_len(value, unit);
    odt_attr(x, name, s);
    g_free(s);
}

void odt_text(OdtXml *x, const char *text)
{
    if (!x->failed && *text)
        check(x, xmlTextWriterWriteString(x->w, (const xmlChar *)text));
}

void odt_element(OdtXml *x, const char *name, const char *text)
{
    odt_start(x, name);
    odt_text(x, text);
    odt_end(x);
}

void odt_raw(OdtXml *x, const char *xml)
{
    if (!x->failed && *xml)
        check(x, xmlTextWriterWriteRaw(x->w, (const xmlChar *)xml));
}

void odt_namespaces(OdtXml *x)
{
    for (guint i = 0; i < G_N_ELEMENTS(namespaces); i++) {
        char *name = g_strconcat("xmlns:", namespaces[i].prefix, NULL);
        odt_attr(x, name, namespaces[i].uri);
        g_free(name);
    }
}
