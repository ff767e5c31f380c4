/* The zip level table: the sample's DOCX and ODT, their entries read back and written
 * again at every deflate level, with the package's size and the CPU the writing took
 * (median of 11).  What zip_write.c's level is chosen from. */
#include "bench_proc.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <zip.h>

#define ZIP_RUNS 11

typedef struct {
    GPtrArray *names;
    GPtrArray *data;   /* GBytes */
} Entries;

static Entries read_entries(const char *path)
{
    Entries e = {g_ptr_array_new_with_free_func(g_free), g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref)};
    zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
    for (zip_int64_t i = 0; z && i < zip_get_num_entries(z, 0); i++) {
        zip_stat_t st;
        zip_stat_index(z, i, 0, &st);
        zip_file_t *f = zip_fopen_index(z, i, 0);
        char *buf = g_malloc(st.size + 1);
        zip_fread(f, buf, st.size);
        zip_fclose(f);
        g_ptr_array_add(e.names, g_strdup(st.name));
        g_ptr_array_add(e.data, g_bytes_new_take(buf, st.size));
    }
    if (z)
        zip_discard(z);
    return e;
}


/* Writes the entries at `level` (0 stores them); returns the CPU time, *size the bytes. */
static double write_at(const Entries *e, const char *path, int level, goffset *size)
{
    double start = thread_cpu_ms();
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    for (guint i = 0; i < e->names->len; i++) {
        gsize len;
        const void *d = g_bytes_get_data(e->data->pdata[i], &len);
        zip_source_t *src = zip_source_buffer(z, d, len, 0);
        zip_int64_t idx = zip_file_add(z, e->names->pdata[i], src, ZIP_FL_ENC_UTF_8);
        gboolean store = level == 0 || g_str_equal(e->names->pdata[i], "mimetype");
        zip_set_file_compression(z, idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : level);
    }
    zip_close(z);
    double t = thread_cpu_ms() - start;
    GStatBuf st;
    *size = g_stat(path, &st) == 0 ? st.st_size : 0;
    return t;
}

static void table(const char *kind, const char *path, const char *dir)
{
    Entries e = read_entries(path);
    char *out = g_build_filename(dir, "level.zip", NULL);
    gsize raw = 0;
    for (guint i = 0; i < e.data->len; i++)
        raw += g_bytes_get_size(e.data->pdata[i]);
    printf("%s: %u entries, %zu bytes of XML\n  level     bytes    ms (CPU, median of %d)\n", kind,
           e.names->len, raw, ZIP_RUNS);
    for (int level = 0; level <= 9; level++) {
        double t[ZIP_RUNS];
        goffset size = 0;
        for (int r = 0; r < ZIP_RUNS; r++)
            t[r] = write_at(&e, out, level, &size);
        printf("  %5d %9ld %6.2f\n", level, (long)size, median(t, ZIP_RUNS));
    }
    g_remove(out);
    g_free(out);
    g_ptr_array_unref(e.names);
    g_ptr_array_unref(e.data);
}

void zip_levels(SbForm *form, SbData *data, const char *dir)
{
    SbDocument *doc = sb_bind(form, data);
    char *docx = g_build_filename(dir, "z.docx", NULL), *odt = g_build_filename(dir, "z.odt", NULL);
    GError *error = NULL;
    if (!sb_write_docx(doc, docx, &error) || !sb_write_odt(doc, odt, &error)) {
        fprintf(stderr, "bench: %s\n", error->message);
        g_error_free(error);
    } else {
        table("DOCX", docx, dir);
        table("ODT", odt, dir);
    }
    g_remove(docx), g_remove(odt);
    g_free(docx), g_free(odt);
    sb_document_free(doc);
}
