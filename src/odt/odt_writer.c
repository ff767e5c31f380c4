/* The ODT writer: the package around content.xml and styles.xml — meta.xml,
 * settings.xml, the manifest — zipped with `mimetype` first and stored, as ODF requires
 * so that a file's type can be read at a fixed offset. */
#include "odt.h"
#include "output.h"
#include "sb_zip.h"
#include "sb_config.h"

#include <string.h>

#define MANIFEST_NS "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

typedef struct {
    const char *name;
    char *xml;
    gsize len;
} Part;

static void meta_element(OdtXml *x, const char *name, const char *text)
{
    if (text && *text)
        odt_element(x, name, text);
}

/* The date is the document's own (fixed per edition, or SOURCE_DATE_EPOCH), never the
 * time of writing: the same input gives the same bytes. */
static char *meta_xml(const SbNode *doc, gsize *len)
{
    OdtXml *x = odt_xml_new(TRUE);
    odt_start(x, "office:document-meta");
    odt_namespaces(x);
    odt_attr(x, "office:version", "1.3");
    odt_start(x, "office:meta");
    odt_element(x, "meta:generator", "shenbao/" SB_VERSION);
    meta_element(x, "dc:title", doc->as.document.title);
    meta_element(x, "dc:subject", doc->as.document.subject);
    meta_element(x, "dc:description", doc->as.document.source);
    meta_element(x, "meta:keyword", doc->as.document.form_id);
    meta_element(x, "meta:initial-creator", doc->as.document.issuer);
    meta_element(x, "meta:creation-date", doc->as.document.date);
    meta_element(x, "dc:date", doc->as.document.date);
    odt_start(x, "meta:user-defined");
    odt_attr(x, "meta:name", "shenbao-form");
    odt_text(x, doc->as.document.form_id ? doc->as.document.form_id : "");
    odt_end(x);
    odt_end(x);
    odt_end(x);
    return odt_xml_finish(x, len);
}

static void config_item(OdtXml *x, const char *name, const char *type, const char *value)
{
    odt_start(x, "config:config-item");
    odt_attr(x, "config:name", name);
    odt_attr(x, "config:type", type);
    odt_text(x, value);
    odt_end(x);
}

/* Layout independent of the printer, so every machine breaks the pages alike; and, as in
 * the PDF, no space before a paragraph at the top of a page. */
static char *settings_xml(gsize *len)
{
    OdtXml *x = odt_xml_new(TRUE);
    odt_start(x, "office:document-settings");
    odt_namespaces(x);
    odt_attr(x, "office:version", "1.3");
    odt_start(x, "office:settings");
    odt_start(x, "config:config-item-set");
    odt_attr(x, "config:name", "ooo:configuration-settings");
    config_item(x, "PrinterIndependentLayout", "string", "high-resolution");
    config_item(x, "AddParaTableSpacingAtStart", "boolean", "false");
    odt_end(x);
    odt_end(x);
    odt_end(x);
    return odt_xml_finish(x, len);
}

static void file_entry(OdtXml *x, const char *path, const char *media_type, gboolean root)
{
    odt_start(x, "manifest:file-entry");
    odt_attr(x, "manifest:full-path", path);
    if (root)
        odt_attr(x, "manifest:version", "1.3");
    odt_attr(x, "manifest:media-type", media_type);
    odt_end(x);
}

static char *manifest_xml(const Part *parts, guint n, gsize *len)
{
    OdtXml *x = odt_xml_new(TRUE);
    odt_start(x, "manifest:manifest");
    odt_attr(x, "xmlns:manifest", MANIFEST_NS);
    odt_attr(x, "manifest:version", "1.3");
    file_entry(x, "/", ODT_MEDIA_TYPE, TRUE);
    for (guint i = 0; i < n; i++)
        file_entry(x, parts[i].name, "text/xml", FALSE);
    odt_end(x);
    return odt_xml_finish(x, len);
}

static GBytes *zip_parts(const Part *parts, guint n, GError **error)
{
    SbZipWriter *zw = sb_zip_writer_new_memory(error);
    if (!zw)
        return NULL;
    gboolean ok = sb_zip_writer_add(zw, "mimetype", ODT_MEDIA_TYPE, strlen(ODT_MEDIA_TYPE), FALSE, error);
    for (guint i = 0; ok && i < n; i++)
        ok = sb_zip_writer_add(zw, parts[i].name, parts[i].xml, parts[i].len, TRUE, error);
    if (!ok) {
        sb_zip_writer_abort(zw);
        return NULL;
    }
    return sb_zip_writer_finish_bytes(zw, error);
}

/* The whole package in memory; NULL with an error for text an ODT can't carry. */
static GBytes *odt_package(gconstpointer document, GError **error)
{
    const SbDocument *doc = document;
    if (!sb_document_check_text(doc->root, error))
        return NULL;
    Part parts[5] = {{"content.xml"}, {"styles.xml"}, {"meta.xml"}, {"settings.xml"}, {"META-INF/manifest.xml"}};
    parts[0].xml = odt_content_xml(doc, &parts[0].len);
    gboolean landscape = FALSE;   /* a sheet on its side needs its master page */
    for (const SbNode *page = doc->root->first_child; page; page = page->next)
        landscape = landscape || page->as.page.landscape;
    parts[1].xml = odt_styles_xml(landscape, &parts[1].len);
    parts[2].xml = meta_xml(doc->root, &parts[2].len);
    parts[3].xml = settings_xml(&parts[3].len);
    parts[4].xml = manifest_xml(parts, 4, &parts[4].len);
    gboolean ok = TRUE;
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++)
        ok = ok && parts[i].xml != NULL;
    if (!ok)
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "the ODT could not be made: the XML writer failed");
    GBytes *bytes = ok ? zip_parts(parts, G_N_ELEMENTS(parts), error) : NULL;
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++)
        g_free(parts[i].xml);
    return bytes;
}

static const SbPackager packager = {odt_package};

gboolean sb_write_odt(const SbDocument *doc, const char *path, GError **error)
{
    g_return_val_if_fail(doc != NULL && doc->root != NULL && path != NULL, FALSE);
    return sb_output_file(path, sb_output_package, doc, (gpointer)&packager, error);
}

gboolean sb_write_odt_to_stream(const SbDocument *doc, GOutputStream *stream, GCancellable *cancellable,
                                GError **error)
{
    g_return_val_if_fail(doc != NULL && doc->root != NULL && G_IS_OUTPUT_STREAM(stream), FALSE);
    return sb_output_package(doc, (gpointer)&packager, stream, cancellable, error);
}

GBytes *sb_write_odt_to_bytes(const SbDocument *doc, GError **error)
{
    g_return_val_if_fail(doc != NULL && doc->root != NULL, NULL);
    return odt_package(doc, error);
}
