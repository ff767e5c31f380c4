/* The PDF writer: a cairo PDF surface, the flow of the document over it, metadata and
 * an outline, streamed to a GOutputStream as cairo makes it (output.c puts the stream
 * in a file or in memory). */
#include "output.h"
#include "pdf.h"
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

/* Where cairo's output goes.  The first failure of the stream is kept and the rest of
 * the output dropped, but cairo is told all went well: cairo 1.16 can fail an assertion
 * when its stream breaks in the middle of a page. */
typedef struct {
    GOutputStream *out;
    GCancellable *cancellable;
    GError *error;
} Sink;

static cairo_status_t write_chunk(void *closure, const unsigned char *data, unsigned int length)
{
    Sink *sink = closure;
    /* Streams of memory or local files never look at the cancellable themselves. */
    if (!sink->error && !g_cancellable_set_error_if_cancelled(sink->cancellable, &sink->error))
        g_output_stream_write_all(sink->out, data, length, NULL, sink->cancellable, &sink->error);
    return CAIRO_STATUS_SUCCESS;
}

static gboolean write_pdf(gconstpointer document, gpointer fonts_p, GOutputStream *out,
                          GCancellable *cancellable, GError **error)
{
    const SbDocument *doc = document;
    SbFonts *fonts = fonts_p;
    Sink sink = {out, cancellable, NULL};
    SbGeometry g = sb_geometry(FALSE);
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_chunk, &sink, g.page_w, g.page_h);
    set_metadata(surface, doc->root);
    Flow flow = {.fonts = fonts, .g = g, .surface = surface, .cr = cairo_create(surface), .page = 1,
                 .y = g.top, .page_empty = TRUE};
    sb_text_install_shapes(fonts->context);
    sb_flow_document(&flow, doc->root);
    cairo_destroy(flow.cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (sink.error) {
        g_propagate_error(error, sink.error);
        return FALSE;
    }
    if (status != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "the PDF could not be made: %s",
                    cairo_status_to_string(status));
        return FALSE;
    }
    return TRUE;
}

gboolean sb_write_pdf(const SbDocument *doc, SbFonts *fonts, const char *path, GError **error)
{
    g_return_val_if_fail(doc != NULL && fonts != NULL && path != NULL, FALSE);
    return sb_output_file(path, write_pdf, doc, fonts, error);
}

gboolean sb_write_pdf_to_stream(const SbDocument *doc, SbFonts *fonts, GOutputStream *stream,
                                GCancellable *cancellable, GError **error)
{
    g_return_val_if_fail(doc != NULL && fonts != NULL && G_IS_OUTPUT_STREAM(stream), FALSE);
    return write_pdf(doc, fonts, stream, cancellable, error);
}

GBytes *sb_write_pdf_to_bytes(const SbDocument *doc, SbFonts *fonts, GError **error)
{
    g_return_val_if_fail(doc != NULL && fonts != NULL, NULL);
    return sb_output_bytes(write_pdf, doc, fonts, error);
}
