/* Zip packages: written reproducibly, read defensively.  A package that would unpack to
 * far more than it weighs (a zip bomb) or that names a path outside itself is refused
 * before anything is read. */
#include "sb_zip.h"
#include "shenbao/shenbao.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>

static char *dir;

static char *path_of(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

/* A package of one entry of `size` bytes of `fill`. */
static char *write_package(const char *file, const char *entry, gsize size, char fill, gboolean compress)
{
    char *path = path_of(file);
    char *data = g_malloc(size);
    memset(data, fill, size);
    GError *error = NULL;
    SbZipWriter *zw = sb_zip_writer_new(path, &error);
    g_assert_no_error(error);
    g_assert_true(sb_zip_writer_add(zw, entry, data, size, compress, &error));
    g_assert_true(sb_zip_writer_finish(zw, &error));
    g_free(data);
    return path;
}

static void expect_refused(const char *path, const char *words)
{
    GError *error = NULL;
    SbZipReader *zr = sb_zip_reader_open(path, &error);
    g_assert_null(zr);
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    if (!strstr(error->message, words))
        g_error("expected '%s' in: %s", words, error->message);
    g_error_free(error);
}

static void test_reads_back(void)
{
    char *path = write_package("ok.zip", "word/document.xml", 1000, 'x', TRUE);
    GError *error = NULL;
    SbZipReader *zr = sb_zip_reader_open(path, &error);
    g_assert_no_error(error);
    g_assert_true(sb_zip_reader_has(zr, "word/document.xml"));
    GBytes *bytes = sb_zip_reader_read(zr, "word/document.xml", &error);
    g_assert_no_error(error);
    g_assert_cmpuint(g_bytes_get_size(bytes), ==, 1000);
    g_assert_null(sb_zip_reader_read(zr, "missing.xml", &error));
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_clear_error(&error);
    g_bytes_unref(bytes);
    sb_zip_reader_close(zr);
    g_free(path);
}

/* Two writes of the same content are the same bytes: fixed times, fixed order. */
static void test_reproducible(void)
{
    char *a = write_package("a.zip", "content.xml", 5000, 'a', TRUE);
    char *b = write_package("b.zip", "content.xml", 5000, 'a', TRUE);
    char *x = NULL, *y = NULL;
    gsize nx, ny;
    g_assert_true(g_file_get_contents(a, &x, &nx, NULL));
    g_assert_true(g_file_get_contents(b, &y, &ny, NULL));
    g_assert_cmpmem(x, nx, y, ny);
    g_free(x), g_free(y), g_free(a), g_free(b);
}

/* 4 MiB of zeros deflate to a few KiB: a ratio no document has. */
static void test_bomb_refused(void)
{
    char *path = write_package("bomb.docx", "word/document.xml", 4 * 1024 * 1024, '\0', TRUE);
    expect_refused(path, "unpacks to more");
    g_free(path);
}

/* More than an entry may hold, even stored. */
static void test_huge_entry_refused(void)
{
    char *path = write_package("huge.docx", "word/document.xml", SB_ZIP_MAX_ENTRY_BYTES + 1, ' ', FALSE);
    expect_refused(path, "unpacks to more");
    g_free(path);
}

static void test_unsafe_names_refused(void)
{
    const char *names[] = {"../evil.xml", "/etc/passwd", "word\\document.xml", "a/../../b.xml", "C:/x.xml"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        char *file = g_strdup_printf("unsafe-%u.zip", i);
        char *path = write_package(file, names[i], 10, 'x', TRUE);
        expect_refused(path, "unsafe name");
        g_free(path);
        g_free(file);
    }
}

/* Replaces every `from` in the file with `to` of the same length. */
static void patch_file(const char *path, const void *from, const void *to, gsize len)
{
    char *data = NULL;
    gsize size = 0;
    guint hits = 0;
    g_assert_true(g_file_get_contents(path, &data, &size, NULL));
    for (gsize i = 0; i + len <= size; i++)
        if (memcmp(data + i, from, len) == 0) {
            memcpy(data + i, to, len);
            hits++;
        }
    g_assert_cmpuint(hits, >, 0);
    g_assert_true(g_file_set_contents(path, data, (gssize) size, NULL));
    g_free(data);
}

/* Two entries named word/document.xml: shenbao would read one and Word the other. */
static void test_duplicate_names_refused(void)
{
    char *path = path_of("twice.docx");
    GError *error = NULL;
    SbZipWriter *zw = sb_zip_writer_new(path, &error);
    g_assert_true(sb_zip_writer_add(zw, "word/document.xml", "<a/>", 4, TRUE, &error));
    g_assert_true(sb_zip_writer_add(zw, "word/documenX.xml", "<b/>", 4, TRUE, &error));
    g_assert_true(sb_zip_writer_finish(zw, &error));
    patch_file(path, "documenX", "document", 8);
    expect_refused(path, "there twice");
    g_free(path);
}

/* 8 MiB of zeros whose headers say 1000 bytes: the check before reading passes, and
 * reading stops at the ratio counted on what really inflates. */
static void test_lying_size_refused(void)
{
    gsize size = 8 * 1024 * 1024;
    char *path = write_package("liar.docx", "word/document.xml", size, '\0', TRUE);
    guint32 real = GUINT32_TO_LE((guint32) size), claimed = GUINT32_TO_LE(1000);
    patch_file(path, &real, &claimed, 4);
    GError *error = NULL;
    SbZipReader *zr = sb_zip_reader_open(path, &error);
    g_assert_no_error(error);
    g_assert_null(sb_zip_reader_read(zr, "word/document.xml", &error));
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_assert_nonnull(strstr(error->message, "unpacks to more"));
    g_error_free(error);
    sb_zip_reader_close(zr);
    g_free(path);
}

/* Each entry under every limit (1 MiB of zeros: under the size the ratio is checked
 * from), but all of them together over the total.  libzip writes the package straight
 * from one buffer, so the test holds one entry in memory. */
static void test_total_counted_as_read(void)
{
    char *path = path_of("many.zip");
    gsize size = SB_ZIP_RATIO_FROM;
    guint n = SB_ZIP_MAX_TOTAL_BYTES / size + 1;
    char *data = g_malloc0(size);
    int code = 0;
    zip_t *zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    g_assert_nonnull(zip);
    for (guint i = 0; i < n; i++) {
        char name[32];
        g_snprintf(name, sizeof name, "part%u.xml", i);
        zip_source_t *src = zip_source_buffer(zip, data, size, 0);
        zip_int64_t index = zip_file_add(zip, name, src, 0);
        g_assert_cmpint(index, >=, 0);
    }
    g_assert_cmpint(zip_close(zip), ==, 0);
    g_free(data);
    /* the declared sizes say 10 bytes each, so only reading can catch the total */
    guint32 real = GUINT32_TO_LE((guint32) size), claimed = GUINT32_TO_LE(10);
    patch_file(path, &real, &claimed, 4);
    GError *error = NULL;
    SbZipReader *zr = sb_zip_reader_open(path, &error);
    g_assert_no_error(error);
    GBytes *last = NULL;
    for (guint i = 0; i < n; i++) {
        char name[32];
        g_snprintf(name, sizeof name, "part%u.xml", i);
        if (last)
            g_bytes_unref(last);
        last = sb_zip_reader_read(zr, name, i + 1 < n ? NULL : &error);
        g_assert_true(i + 1 == n || last != NULL);
    }
    g_assert_null(last);
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_error_free(error);
    sb_zip_reader_close(zr);
    g_unlink(path);
    g_free(path);
}

static void test_not_a_zip(void)
{
    char *path = path_of("text.docx");
    g_assert_true(g_file_set_contents(path, "not a zip at all", -1, NULL));
    expect_refused(path, "not a document shenbao can read");
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    dir = g_dir_make_tmp("shenbao-zip-XXXXXX", NULL);
    g_test_add_func("/zip/reads-back", test_reads_back);
    g_test_add_func("/zip/reproducible", test_reproducible);
    g_test_add_func("/zip/bomb-refused", test_bomb_refused);
    g_test_add_func("/zip/huge-entry-refused", test_huge_entry_refused);
    g_test_add_func("/zip/unsafe-names-refused", test_unsafe_names_refused);
    g_test_add_func("/zip/not-a-zip", test_not_a_zip);
    g_test_add_func("/zip/duplicate-names-refused", test_duplicate_names_refused);
    g_test_add_func("/zip/lying-size-refused", test_lying_size_refused);
    g_test_add_func("/zip/total-counted-as-read", test_total_counted_as_read);
    int rc = g_test_run();
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name(d))) {
        char *p = path_of(n);
        g_remove(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(dir);
    g_free(dir);
    return rc;
}
