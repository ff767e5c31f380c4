/* A form definition: parsed, validated against the form schema, its geometry checked,
 * and, when it loads, bound blank and written as DOCX and ODT, and built as fuzz_form_pdf
 * (SB_FUZZ_PDF) as PDF too: the writers and the PDF layout index the table grid the
 * geometry check guards.  The PDF variant runs without leak detection, as pango and
 * fontconfig fill caches per font description that libFuzzer would take for leaks. */
#include "fuzz.h"
#include "form.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *rng;
    static SbFonts *fonts;
    if (!rng) {
        rng = g_build_filename(sb_catalog_data_dir(fuzz_catalog()), "templates", "form.rng", NULL);
#ifdef SB_FUZZ_PDF
        fonts = sb_fonts_open(fuzz_catalog(), NULL);   /* without fonts, no PDF */
#endif
    }
    const char *path = fuzz_file("form.xml", data, size);
    GError *error = NULL;
    SbForm *form = sb_form_load(path, rng, &error);
    g_clear_error(&error);
    if (form) {
        SbDocument *doc = sb_bind(form, NULL);
        GBytes *out[3] = { sb_write_docx_to_bytes(doc, NULL), sb_write_odt_to_bytes(doc, NULL),
                           fonts ? sb_write_pdf_to_bytes(doc, fonts, NULL) : NULL };
        for (guint i = 0; i < G_N_ELEMENTS(out); i++)
            if (out[i])
                g_bytes_unref(out[i]);
        sb_document_free(doc);
        sb_form_free(form);
    }
    return 0;
}
