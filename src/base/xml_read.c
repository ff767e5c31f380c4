/* Reading the project's own XML (form definitions, reference lists): XIncludes resolved,
 * validated against a RelaxNG schema, every error as "file:line: message". */
#include "xml_read.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xinclude.h>

/* Collects libxml2's structured errors as "file:line: message" lines. */
static void collect_error(void *data, const xmlError *err)
{
    GString *out = data;
    if (out->len > 4000)   /* the first errors are the useful ones */
        return;
    char *msg = g_strchomp(g_strdup(err->message ? err->message : "error"));
    g_string_append_printf(out, "%s:%d: %s\n", err->file ? err->file : "?", err->line, msg);
    g_free(msg);
}

static gboolean validate(xmlDoc *doc, const char *rng_file, GString *errors)
{
    xmlRelaxNGParserCtxt *pctx = xmlRelaxNGNewParserCtxt(rng_file);
    xmlRelaxNGSetParserStructuredErrors(pctx, (xmlStructuredErrorFunc)collect_error, errors);
    xmlRelaxNG *schema = xmlRelaxNGParse(pctx);
    xmlRelaxNGFreeParserCtxt(pctx);
    if (!schema) {
        g_string_append_printf(errors, "%s: the form schema could not be read\n", rng_file);
        return FALSE;
    }
    xmlRelaxNGValidCtxt *vctx = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(vctx, (xmlStructuredErrorFunc)collect_error, errors);
    int rc = xmlRelaxNGValidateDoc(vctx, doc);
    xmlRelaxNGFreeValidCtxt(vctx);
    xmlRelaxNGFree(schema);
    return rc == 0;
}

static xmlDoc *read_file(const char *file, GString *errors)
{
    xmlSetStructuredErrorFunc(errors, (xmlStructuredErrorFunc)collect_error);
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
    xmlDoc *doc = xmlReadFile(file, NULL, opts);
    if (doc && xmlXIncludeProcessFlags(doc, opts | XML_PARSE_NOXINCNODE) < 0) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc && errors->len == 0)
        g_string_append_printf(errors, "%s: cannot be read\n", file);
    return doc;
}

xmlDoc *sb_xml_read_valid(const char *file, const char *rng_file, GString *errors)
{
    xmlDoc *doc = read_file(file, errors);
    if (doc && !validate(doc, rng_file, errors)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}
