/* Structure-aware document input: the fuzzer's bytes are XML parts, and the harness
 * zips them into a package over the parts of a real blank document, so that the
 * mutations reach the XML readers instead of dying in the zip reader.
 *
 * The input is a sequence of parts separated by form feeds ('\f', which XML 1.0 never
 * holds): each part is its entry name, a line end, and its content.  A part that names an
 * entry of the blank document replaces it; any other is added. */
#include "fuzz_parts.h"
#include "sb_zip.h"

#include <string.h>
#include <zip.h>

typedef struct {
    char *name;
    GBytes *data;
} Part;

static void part_free(gpointer p)
{
    Part *part = p;
    g_free(part->name);
    g_bytes_unref(part->data);
    g_free(part);
}

/* The entries of the blank miit-2025-application in that format, in their order. */
static GPtrArray *blank_parts(gboolean odt)
{
    GError *error = NULL;
    SbForm *form = sb_catalog_form(fuzz_catalog(), "miit-2025-application", &error);
    if (!form)
        g_error("fuzz: %s", error->message);
    SbDocument *doc = sb_bind(form, NULL);
    GBytes *package = odt ? sb_write_odt_to_bytes(doc, &error) : sb_write_docx_to_bytes(doc, &error);
    sb_document_free(doc);
    if (!package)
        g_error("fuzz: %s", error->message);
    gsize len = 0;
    const void *bytes = g_bytes_get_data(package, &len);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!zip)
        g_error("fuzz: the blank document does not open");
    GPtrArray *parts = g_ptr_array_new_with_free_func(part_free);
    for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); i++) {
        zip_stat_t st;
        zip_stat_index(zip, (zip_uint64_t) i, 0, &st);
        zip_file_t *f = zip_fopen_index(zip, (zip_uint64_t) i, 0);
        char *content = g_malloc(st.size + 1);
        zip_int64_t got = zip_fread(f, content, st.size);
        zip_fclose(f);
        Part *p = g_new0(Part, 1);
        p->name = g_strdup(st.name);
        p->data = g_bytes_new_take(content, got > 0 ? (gsize) got : 0);
        g_ptr_array_add(parts, p);
    }
    zip_discard(zip);
    zip_error_fini(&ze);
    g_bytes_unref(package);
    return parts;
}

/* Puts a part in place of the blank's of the same name, or after them. */
static void put_part(GPtrArray *parts, const char *name, gsize name_len, const void *data, gsize len)
{
    Part *p = g_new0(Part, 1);
    p->name = g_strndup(name, name_len);
    p->data = g_bytes_new(data, len);
    for (guint i = 0; i < parts->len; i++)
        if (strcmp(((Part *) parts->pdata[i])->name, p->name) == 0) {
            part_free(parts->pdata[i]);
            parts->pdata[i] = p;
            return;
        }
    g_ptr_array_add(parts, p);
}

static GBytes *zip_parts(GPtrArray *parts)
{
    SbZipWriter *zw = sb_zip_writer_new_memory(NULL);
    for (guint i = 0; zw && i < parts->len; i++) {
        const Part *p = parts->pdata[i];
        gsize len = 0;
        const void *data = g_bytes_get_data(p->data, &len);
        /* a name the writer refuses is left out, as a real package could not hold it */
        sb_zip_writer_add(zw, p->name, data, len, strcmp(p->name, "mimetype") != 0, NULL);
    }
    return zw ? sb_zip_writer_finish_bytes(zw, NULL) : NULL;
}

void fuzz_parts(gboolean odt, const uint8_t *data, size_t size)
{
    static GPtrArray *blank[2];
    if (!blank[odt])
        blank[odt] = blank_parts(odt);
    GPtrArray *parts = g_ptr_array_new_with_free_func(part_free);
    for (guint i = 0; i < blank[odt]->len; i++) {
        const Part *b = blank[odt]->pdata[i];
        Part *p = g_new0(Part, 1);
        p->name = g_strdup(b->name);
        p->data = g_bytes_ref(b->data);
        g_ptr_array_add(parts, p);
    }
    const char *at = (const char *) data, *end = at + size;
    while (at < end) {
        const char *stop = memchr(at, '\f', (size_t) (end - at));
        stop = stop ? stop : end;
        const char *eol = memchr(at, '\n', (size_t) (stop - at));
        if (eol && eol > at)
            put_part(parts, at, (gsize) (eol - at), eol + 1, (gsize) (stop - eol - 1));
        at = stop + 1;
    }
    GBytes *package = zip_parts(parts);
    if (package) {
        gsize len = 0;
        const void *bytes = g_bytes_get_data(package, &len);
        fuzz_extract(odt ? "parts.odt" : "parts.docx", bytes, len);
        g_bytes_unref(package);
    }
    g_ptr_array_unref(parts);
}
