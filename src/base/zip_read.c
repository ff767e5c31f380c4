/* Reading zip packages defensively: names and sizes are checked before any entry is
 * read, and reading stops at the limit whatever an entry's header claims. */
#include "sb_zip.h"
#include "shenbao/shenbao.h"

#include <string.h>
#include <zip.h>

struct SbZipReader {
    zip_t *zip;
    char *path;
    guint64 inflated;   /* bytes really unpacked so far, whatever the headers declared */
};

static gboolean bad_name(const char *name)
{
    if (!name || !*name || name[0] == '/' || strchr(name, '\\') || !g_utf8_validate(name, -1, NULL))
        return TRUE;
    char **parts = g_strsplit(name, "/", -1);
    gboolean bad = FALSE;
    for (int i = 0; parts[i]; i++)
        bad |= strcmp(parts[i], "..") == 0 || (i == 0 && strchr(parts[i], ':'));
    g_strfreev(parts);
    return bad;
}

static gboolean check_entries(SbZipReader *zr, GError **error)
{
    zip_int64_t n = zip_get_num_entries(zr->zip, 0);
    if (n > SB_ZIP_MAX_ENTRIES) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: too many entries (%" G_GINT64_FORMAT ")", zr->path,
                    (gint64)n);
        return FALSE;
    }
    zip_uint64_t total = 0;
    /* Readers disagree on which of two entries of one name counts (libzip takes the
     * first, others the last), and OPC names are compared without case. */
    g_autoptr(GHashTable) names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(zr->zip, (zip_uint64_t)i, 0, &st) != 0 || bad_name(st.name)) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: refusing an entry with an unsafe name", zr->path);
            return FALSE;
        }
        char *folded = g_ascii_strdown(st.name, -1);
        if (!g_hash_table_add(names, folded)) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: the entry %s is there twice", zr->path, st.name);
            return FALSE;
        }
        total += st.size;
        gboolean ratio_bad = st.size > SB_ZIP_RATIO_FROM && st.size / MAX(st.comp_size, 1) > SB_ZIP_MAX_RATIO;
        if (st.size > SB_ZIP_MAX_ENTRY_BYTES || total > SB_ZIP_MAX_TOTAL_BYTES || ratio_bad) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: %s unpacks to more than shenbao reads", zr->path,
                        st.name);
            return FALSE;
        }
    }
    return TRUE;
}

SbZipReader *sb_zip_reader_open(const char *path, GError **error)
{
    /* libzip says only "Operation not supported" of a folder */
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s is a folder, not a DOCX or ODT document", path);
        return NULL;
    }
    int code = 0;
    zip_t *zip = zip_open(path, ZIP_RDONLY, &code);
    if (!zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s is not a document shenbao can read (%s)", path,
                    zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return NULL;
    }
    SbZipReader *zr = g_new0(SbZipReader, 1);
    zr->zip = zip;
    zr->path = g_strdup(path);
    if (!check_entries(zr, error)) {
        sb_zip_reader_close(zr);
        return NULL;
    }
    return zr;
}

void sb_zip_reader_close(SbZipReader *zr)
{
    if (!zr)
        return;
    zip_discard(zr->zip);
    g_free(zr->path);
    g_free(zr);
}

gboolean sb_zip_reader_has(SbZipReader *zr, const char *name)
{
    return zip_name_locate(zr->zip, name, 0) >= 0;
}

/* The limits again, on what really came out: the headers may have lied. */
static gboolean over_limits(const SbZipReader *zr, guint64 entry, guint64 packed)
{
    return entry > SB_ZIP_MAX_ENTRY_BYTES || zr->inflated + entry > SB_ZIP_MAX_TOTAL_BYTES
        || (entry > SB_ZIP_RATIO_FROM && entry / MAX(packed, 1) > SB_ZIP_MAX_RATIO);
}

GBytes *sb_zip_reader_read(SbZipReader *zr, const char *name, GError **error)
{
    zip_stat_t st;
    zip_file_t *f = zip_stat(zr->zip, name, 0, &st) == 0 ? zip_fopen(zr->zip, name, 0) : NULL;
    if (!f) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: %s is missing", zr->path, name);
        return NULL;
    }
    guint64 packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    GByteArray *buf = g_byte_array_new();
    guint8 chunk[65536];
    zip_int64_t got;
    gboolean too_large = FALSE;
    while ((got = zip_fread(f, chunk, sizeof chunk)) > 0) {
        if (over_limits(zr, buf->len + (guint64)got, packed)) {
            too_large = TRUE;
            break;
        }
        g_byte_array_append(buf, chunk, (guint)got);
    }
    zr->inflated += buf->len;
    zip_fclose(f);
    if (too_large || got < 0) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: %s %s", zr->path, name,
                    too_large ? "unpacks to more than shenbao reads" : "is damaged");
        g_byte_array_unref(buf);
        return NULL;
    }
    return g_byte_array_free_to_bytes(buf);
}
