/* The libFuzzer targets' shared helpers. */
#include "fuzz.h"
#include "sb_config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

SbCatalog *fuzz_catalog(void)
{
    static SbCatalog *cat;
    if (!cat) {
        const char *dir = g_getenv("SHENBAO_SOURCE");
        GError *error = NULL;
        cat = sb_catalog_open(dir && *dir ? dir : SB_SOURCE_DATADIR, &error);
        if (!cat)
            g_error("fuzz: no catalog: %s", error->message);
    }
    return cat;
}

const char *fuzz_file(const char *name, const void *data, size_t size)
{
    static char *dir;
    static GHashTable *paths;
    if (!dir) {
        dir = g_dir_make_tmp("shenbao-fuzz-XXXXXX", NULL);
        paths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        if (!dir)
            g_error("fuzz: no scratch folder");
    }
    char *path = g_hash_table_lookup(paths, name);
    if (!path) {
        path = g_build_filename(dir, name, NULL);
        g_hash_table_insert(paths, g_strdup(name), path);
    }
    if (!g_file_set_contents(path, data, (gssize) size, NULL))
        g_error("fuzz: cannot write %s", path);
    return path;
}

/* Checks and binds data for its form, as render does before writing. */
static void check_and_bind(SbData *data)
{
    SbDiagnostics *diags = sb_diagnostics_new();
    SbForm *form = sb_catalog_form_of(fuzz_catalog(), data, diags, NULL);
    if (form) {
        sb_check(form, data, diags);
        char *text = sb_diagnostics_format(diags);
        g_free(text);
        sb_document_free(sb_bind(form, data));
    }
    sb_diagnostics_free(diags);
}

void fuzz_data(const char *name, const void *data, size_t size)
{
    GBytes *bytes = g_bytes_new_static(data, size);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *loaded = sb_data_load_bytes(bytes, name, diags);
    if (loaded)
        check_and_bind(loaded);
    sb_data_free(loaded);
    sb_diagnostics_free(diags);
    g_bytes_unref(bytes);
}

void fuzz_extract(const char *name, const void *data, size_t size)
{
    const char *path = fuzz_file(name, data, size);
    GError *error = NULL;
    char *yaml = sb_extract(fuzz_catalog(), path, &error);
    g_clear_error(&error);
    if (yaml)
        fuzz_data("extracted.yaml", yaml, strlen(yaml));
    g_free(yaml);
}
