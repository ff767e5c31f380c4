/* The DOCX writer: each part written with xmlTextWriter, then zipped in a fixed order
 * with fixed times, in memory; output.c puts the package in a file or a stream. */
#include "docx.h"
#include "output.h"
#include "sb_zip.h"

static const struct {
    const char *name;
    void (*write)(DocxXml *xml, const SbNode *doc);
} parts[] = {
    {"[Content_Types].xml", docx_write_content_types},
    {"_rels/.rels", docx_write_package_rels},
    {"word/document.xml", docx_write_document},
    {"word/_rels/document.xml.rels", docx_write_document_rels},
    {"word/styles.xml", docx_write_styles},
    {"word/settings.xml", docx_write_settings},
    {"word/fontTable.xml", docx_write_font_table},
    {"word/footer1.xml", docx_write_footer_odd},
    {"word/footer2.xml", docx_write_footer_even},
    {"docProps/core.xml", docx_write_core},
    {"docProps/app.xml", docx_write_app},
    {"docProps/custom.xml", docx_write_custom},
};

static gboolean add_part(SbZipWriter *zw, guint i, const SbNode *doc, GError **error)
{
    DocxXml xml;
    docx_xml_open(&xml);
    parts[i].write(&xml, doc);
    docx_xml_close(&xml);
    gboolean ok = sb_zip_writer_add(zw, parts[i].name, xmlBufferContent(xml.buf),
                                    (gsize)xmlBufferLength(xml.buf), TRUE, error);
    docx_xml_free(&xml);
    return ok;
}

/* The whole package in memory; NULL with an error for text a DOCX can't carry. */
static GBytes *docx_package(gconstpointer document, GError **error)
{
    const SbDocument *doc = document;
    if (!sb_document_check_text(doc->root, error))
        return NULL;
    SbZipWriter *zw = sb_zip_writer_new_memory(error);
    if (!zw)
        return NULL;
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++) {
        if (!add_part(zw, i, doc->root, error)) {
            sb_zip_writer_abort(zw);
            return NULL;
        }
    }
    return sb_zip_writer_finish_bytes(zw, error);
}

static const SbPackager packager = {docx_package};

gboolean sb_write_docx(const SbDocument *doc, const char *path, GError **error)
{
    g_return_val_if_fail(doc != NULL && doc->root != NULL && path != NULL, FALSE);
    return sb_output_file(path, sb_output_package, doc, (gpointer)&packager, error);
}

gboolean sb_write_docx_to_stream(const SbDocument *doc, GOutputStream *stream, GCancellable *cancellable,
                                 GError **error)
{
    g_return_val_if_fail(doc != NULL && doc->root != NULL && G_IS_OUTPUT_STREAM(stream), FALSE);
    return sb_output_package(doc, (gpointer)&packager, stream, cancellable, error);
}

GBytes *sb_write_docx_to_bytes(const SbDocument *doc, GError **error)
{
    g_return_val_if_fail(doc != NULL && doc->root != NULL, NULL);
    return docx_package(doc, error);
}
