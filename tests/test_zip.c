/* Zip packages: written reproducibly, read defensively.  A package that would unpack to
 * far more than it weighs (a zip bomb) or that names a path outside itself is refused
 * before anything is read. */
#include "sb_zip.h"
#include "shenbao/shenbao.h"

#include <glib/gstdio.h>
#include <string.h>

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
