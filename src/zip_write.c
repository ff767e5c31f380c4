/* Writing zip packages with libzip, reproducibly: fixed entry times, entries in the
 * order they were added, written beside the target and renamed into place. */
#include "sb_zip.h"
#include "util.h"
#include "shenbao/shenbao.h"

#include <zip.h>

/* 1980-01-01 00:00:00 in MS-DOS date and time fields: no time zone can shift it. */
#define FIXED_DOS_DATE ((0 << 9) | (1 << 5) | 1)
#define FIXED_DOS_TIME 0

struct SbZipWriter {
    zip_t *zip;
    char *path, *temp;
};

static void set_zip_error(GError **error, const char *path, zip_error_t *ze)
{
    g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", path, zip_error_strerror(ze));
}

SbZipWriter *sb_zip_writer_new(const char *path, GError **error)
{
    SbZipWriter *zw = g_new0(SbZipWriter, 1);
    zw->path = g_strdup(path);
    zw->temp = sb_temp_path(path);
    int code = 0;
    zw->zip = zip_open(zw->temp, ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!zw->zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        set_zip_error(error, path, &ze);
        zip_error_fini(&ze);
        sb_zip_writer_abort(zw);
        return NULL;
    }
    return zw;
}

gboolean sb_zip_writer_add(SbZipWriter *zw, const char *name, const void *data, gsize len,
                           gboolean compress, GError **error)
{
    void *copy = g_memdup2(data, len ? len : 1);
    zip_source_t *src = zip_source_buffer(zw->zip, copy, len, 1);
    if (!src) {
        g_free(copy);
        set_zip_error(error, zw->path, zip_get_error(zw->zip));
        return FALSE;
    }
    zip_int64_t idx = zip_file_add(zw->zip, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        set_zip_error(error, zw->path, zip_get_error(zw->zip));
        return FALSE;
    }
    zip_set_file_compression(zw->zip, (zip_uint64_t)idx, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 9);
    zip_file_set_dostime(zw->zip, (zip_uint64_t)idx, FIXED_DOS_TIME, FIXED_DOS_DATE, 0);
    return TRUE;
}

gboolean sb_zip_writer_finish(SbZipWriter *zw, GError **error)
{
    gboolean ok = zip_close(zw->zip) == 0;
    if (!ok) {
        set_zip_error(error, zw->path, zip_get_error(zw->zip));
        zip_discard(zw->zip);
    }
    zw->zip = NULL;
    ok = ok && sb_commit_file(zw->temp, zw->path, error);
    if (!ok)
        sb_discard_file(zw->temp);
    g_free(zw->temp);
    g_free(zw->path);
    g_free(zw);
    return ok;
}

void sb_zip_writer_abort(SbZipWriter *zw)
{
    if (!zw)
        return;
    if (zw->zip)
        zip_discard(zw->zip);
    sb_discard_file(zw->temp);
    g_free(zw->temp);
    g_free(zw->path);
    g_free(zw);
}
