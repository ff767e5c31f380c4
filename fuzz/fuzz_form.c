/* A form definition: parsed, validated against the form schema, its geometry checked,
 * and, when it loads, bound blank and written as DOCX and ODT (the writers index the
 * table grid the geometry check guards). */
#include "fuzz.h"
#include "form.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *rng;
    if (!rng)
        rng = g_build_filename(sb_catalog_data_dir(fuzz_catalog()), "templates", "form.rng", NULL);
    const char *path = fuzz_file("form.xml", data, size);
    GError *error = NULL;
    SbForm *form = sb_form_load(path, rng, &error);
    g_clear_error(&error);
    if (form) {
        SbDocument *doc = sb_bind(form, NULL);
        GBytes *docx = sb_write_docx_to_bytes(doc, NULL), *odt = sb_write_odt_to_bytes(doc, NULL);
        if (docx)
            g_bytes_unref(docx);
        if (odt)
            g_bytes_unref(odt);
        sb_document_free(doc);
        sb_form_free(form);
    }
    return 0;
}
