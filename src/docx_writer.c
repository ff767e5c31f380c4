/* The DOCX writer: each part written with xmlTextWriter, then zipped in a fixed order
 * with fixed times, to a temporary file renamed into place. */
#include "docx.h"
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

gboolean sb_write_docx(const SbDocument *doc, const char *path, GError **error)
{
    g_return_val_if_fail(doc != NULL && doc->root != NULL, FALSE);
    if (!sb_document_check_text(doc->root, error))
        return FALSE;
    SbZipWriter *zw = sb_zip_writer_new(path, error);
    if (!zw)
        return FALSE;
    for (guint i = 0; i < G_N_ELEMENTS(parts); i++) {
        if (!add_part(zw, i, doc->root, error)) {
            sb_zip_writer_abort(zw);
            return FALSE;
        }
    }
    return sb_zip_writer_finish(zw, error);
}
