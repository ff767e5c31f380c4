/* A program built against an installed libshenbao through pkg-config, using it the way a
 * service would: data from memory, each format to a stream or to bytes, no file paths
 * given to the library.
 *
 *   install-client OUTDIR DATA...   writes OUTDIR/NAME.pdf, .docx and .odt for each DATA
 *
 * Exit status 0 when every file was written, 1 otherwise (with the reason on stderr). */
#include <shenbao/shenbao.h>

#include <stdio.h>
#include <string.h>

static gboolean fail(const char *what, const GError *error)
{
    fprintf(stderr, "install-client: %s: %s\n", what, error ? error->message : "failed");
    return FALSE;
}

/* The name without folder and extension: samples/cq-2025-plan.yaml -> cq-2025-plan. */
static char *base_name(const char *path)
{
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot)
        *dot = '\0';
    return base;
}

static SbDocument *load_and_bind(SbCatalog *cat, const char *path)
{
    g_autoptr(GError) error = NULL;
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, &error)) {
        fail(path, error);
        return NULL;
    }
    g_autoptr(GBytes) bytes = g_bytes_new_take(text, len);
    g_autofree char *name = g_path_get_basename(path);
    g_autoptr(SbDiagnostics) diags = sb_diagnostics_new();
    g_autoptr(SbData) data = sb_data_load_bytes(bytes, name, diags);
    SbForm *form = data ? sb_catalog_form_of(cat, data, diags, NULL) : NULL;
    gboolean ok = form && sb_check(form, data, diags);
    for (guint i = 0; i < sb_diagnostics_size(diags); i++) {
        const SbDiagnostic *d = sb_diagnostics_get(diags, i);
        fprintf(stderr, "%s:%u:%u: %s (%s)\n", sb_diagnostic_file(d), sb_diagnostic_line(d),
                sb_diagnostic_column(d), sb_diagnostic_message(d, SB_LANGUAGE_ENGLISH),
                sb_diagnostic_path(d) ? sb_diagnostic_path(d) : "-");
    }
    return ok ? sb_bind(form, data) : NULL;
}

static gboolean save(const char *dir, const char *base, const char *ext, GBytes *bytes)
{
    g_autofree char *name = g_strconcat(base, ext, NULL);
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autoptr(GError) error = NULL;
    gsize len = 0;
    const char *data = g_bytes_get_data(bytes, &len);
    return g_file_set_contents(path, data, (gssize)len, &error) || fail(path, error);
}

/* PDF to a file's stream, DOCX as bytes, ODT to a stream in memory. */
static gboolean write_all(const SbDocument *doc, SbFonts *fonts, const char *dir, const char *base)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *pdf_name = g_strconcat(base, ".pdf", NULL);
    g_autofree char *pdf_path = g_build_filename(dir, pdf_name, NULL);
    g_autoptr(GFile) pdf_file = g_file_new_for_path(pdf_path);
    g_autoptr(GFileOutputStream) pdf = g_file_replace(pdf_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
    if (!pdf || !sb_write_pdf_to_stream(doc, fonts, G_OUTPUT_STREAM(pdf), NULL, &error) ||
        !g_output_stream_close(G_OUTPUT_STREAM(pdf), NULL, &error))
        return fail(pdf_path, error);

    g_autoptr(GBytes) docx = sb_write_docx_to_bytes(doc, &error);
    if (!docx || !save(dir, base, ".docx", docx))
        return fail("docx", error);

    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable();
    if (!sb_write_odt_to_stream(doc, memory, NULL, &error) || !g_output_stream_close(memory, NULL, &error))
        return fail("odt", error);
    g_autoptr(GBytes) odt = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(memory));
    return save(dir, base, ".odt", odt);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: install-client OUTDIR DATA...\n");
        return 2;
    }
    g_autoptr(GError) error = NULL;
    g_autoptr(SbCatalog) cat = sb_catalog_open(NULL, &error);
    if (!cat)
        return fail("catalog", error) ? 0 : 1;
    g_autoptr(SbFonts) fonts = sb_fonts_open(cat, &error);
    if (!fonts)
        return fail("fonts", error) ? 0 : 1;
    printf("shenbao %s, data in %s\n", sb_version(), sb_catalog_data_dir(cat));
    int status = 0;
    for (int i = 2; i < argc; i++) {
        g_autoptr(SbDocument) doc = load_and_bind(cat, argv[i]);
        g_autofree char *base = base_name(argv[i]);
        if (!doc || !write_all(doc, fonts, argv[1], base))
            status = 1;
    }
    return status;
}
