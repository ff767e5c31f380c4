/* The PDF writer: a cairo PDF surface, the flow of the document over it, metadata and
 * an outline, written to a temporary file and renamed into place. */
#include "pdf.h"
#include "util.h"
#include "sb_config.h"

static void set_metadata(cairo_surface_t *surface, const SbNode *doc)
{
    const char *date = doc->as.document.date;
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc->as.document.title);
    if (doc->as.document.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, doc->as.document.subject);
    if (doc->as.document.issuer)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc->as.document.issuer);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, doc->as.document.form_id);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "shenbao " SB_VERSION);
    /* Fixed dates: the same input gives the same bytes. */
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static gboolean draw(const SbDocument *doc, SbFonts *fonts, const char *file, GError **error)
{
    cairo_surface_t *surface = cairo_pdf_surface_create(file, SB_PAGE_W, SB_PAGE_H);
    set_metadata(surface, doc->root);
    Flow flow = {.fonts = fonts, .surface = surface, .cr = cairo_create(surface), .page = 1,
                 .y = SB_TOP, .page_empty = TRUE};
    sb_text_install_shapes(fonts->context);
    sb_flow_document(&flow, doc->root);
    cairo_destroy(flow.cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", file,
                    cairo_status_to_string(status));
        return FALSE;
    }
    return TRUE;
}

gboolean sb_write_pdf(const SbDocument *doc, SbFonts *fonts, const char *path, GError **error)
{
    char *temp = sb_temp_path(path);
    if (!temp) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot create a file beside %s", path);
        return FALSE;
    }
    gboolean ok = draw(doc, fonts, temp, error) && sb_commit_file(temp, path, error);
    if (!ok)
        sb_discard_file(temp);
    g_free(temp);
    return ok;
}
