/* Small shared helpers: bounded file reading, atomic writing, character counting. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "shenbao/shenbao.h"

G_DEFINE_QUARK(shenbao-error-quark, shenbao_error)

static void set_too_large(GError **error, const char *path, gsize max_bytes)
{
    char *limit = g_format_size_full(max_bytes, G_FORMAT_SIZE_IEC_UNITS);
    g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s is larger than the limit of %s",
                path, limit);
    g_free(limit);
}

gboolean sb_read_file(const char *path, gsize max_bytes, char **contents, gsize *length,
                      GError **error)
{
    GStatBuf st;
    if (g_stat(path, &st) != 0) {
        int saved = errno;
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot read %s: %s", path,
                    g_strerror(saved));
        return FALSE;
    }
    /* A device or a pipe has no size to check and may never end (/dev/zero). */
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot read %s: not a regular file",
                    path);
        return FALSE;
    }
    if ((guint64)st.st_size > max_bytes) {
        set_too_large(error, path, max_bytes);
        return FALSE;
    }

    GError *local = NULL;
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, &local)) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot read %s: %s", path,
                    local->message);
        g_error_free(local);
        return FALSE;
    }
    /* The file may have grown between the check and the read. */
    if (len > max_bytes) {
        g_free(text);
        set_too_large(error, path, max_bytes);
        return FALSE;
    }
    *contents = text;
    if (length)
        *length = len;
    return TRUE;
}

/* Every temporary file the library has made and not yet renamed or removed, so that a
 * program ending on a signal can remove them (sb_discard_temporaries).  The lock is held
 * across making, renaming and removing one, so a temporary is either in place or gone. */
static GMutex temps_lock;
static GHashTable *temps;

static void temps_add(const char *path)
{
    if (!temps)
        temps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_add(temps, g_strdup(path));
}

static void temps_forget(const char *path)
{
    if (temps)
        g_hash_table_remove(temps, path);
}

char *sb_temp_path(const char *path)
{
    return sb_temp_create(path, NULL, NULL);
}

char *sb_temp_create(const char *path, int *fd_out, GError **error)
{
    char *tmpl = g_strconcat(path, ".XXXXXX.tmp", NULL);
    /* Creating the file reserves the name against a concurrent writer; 0666 lets the
     * umask give the result the permissions of any other new file. */
    g_mutex_lock(&temps_lock);
    int fd = g_mkstemp_full(tmpl, O_RDWR | O_CLOEXEC, 0666);
    int saved = errno;
    if (fd >= 0)
        temps_add(tmpl);
    g_mutex_unlock(&temps_lock);
    if (fd < 0 && fd_out) {
        /* the folder's own reason, not that of a later open of a name never made */
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", path, g_strerror(saved));
        g_free(tmpl);
        return NULL;
    }
    if (fd_out)
        *fd_out = fd;
    else if (fd >= 0)
        close(fd);
    return tmpl;
}

/* So that a crash right after the rename can't leave an empty file in place. */
static void sync_file(const char *path)
{
    int fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return;
    (void)fsync(fd);
    close(fd);
}

void sb_sync_path(const char *path)
{
    sync_file(path);
}

void sb_sync_folder_of(const char *path)
{
    char *dir = g_path_get_dirname(path);
    int fd = g_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    g_free(dir);
}

gboolean sb_rename_temp(const char *temp_path, const char *path, GError **error)
{
    g_mutex_lock(&temps_lock);
    gboolean ok = g_rename(temp_path, path) == 0;
    int saved = errno;
    if (ok)
        temps_forget(temp_path);
    g_mutex_unlock(&temps_lock);
    if (!ok)
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", path, g_strerror(saved));
    return ok;
}

gboolean sb_commit_file(const char *temp_path, const char *path, GError **error)
{
    sync_file(temp_path);
    if (!sb_rename_temp(temp_path, path, error)) {
        sb_discard_file(temp_path);
        return FALSE;
    }
    /* the rename itself is durable only once the folder is */
    sb_sync_folder_of(path);
    return TRUE;
}

void sb_discard_file(const char *temp_path)
{
    if (!temp_path)
        return;
    g_mutex_lock(&temps_lock);
    (void)g_unlink(temp_path);
    temps_forget(temp_path);
    g_mutex_unlock(&temps_lock);
}

void sb_discard_temporaries(void)
{
    /* Held for good: the process is about to end, and no temporary may be made or
     * renamed between this and its end. */
    g_mutex_lock(&temps_lock);
    GHashTableIter it;
    gpointer path;
    if (temps) {
        g_hash_table_iter_init(&it, temps);
        while (g_hash_table_iter_next(&it, &path, NULL))
            (void)g_unlink(path);
    }
}

glong sb_char_count(const char *text)
{
    return text ? g_utf8_strlen(text, -1) : 0;
}

guint sb_edit_distance(const char *a, const char *b)
{
    glong na = 0, nb = 0;
    gunichar *ua = g_utf8_to_ucs4_fast(a ? a : "", -1, &na);
    gunichar *ub = g_utf8_to_ucs4_fast(b ? b : "", -1, &nb);
    /* Two rows of the classic table are enough: each row needs only the one above. */
    guint *prev = g_new(guint, nb + 1);
    guint *cur = g_new(guint, nb + 1);
    for (glong j = 0; j <= nb; j++)
        prev[j] = (guint)j;
    for (glong i = 1; i <= na; i++) {
        cur[0] = (guint)i;
        for (glong j = 1; j <= nb; j++) {
            guint subst = prev[j - 1] + (ua[i - 1] != ub[j - 1]);
            guint del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = MIN(subst, MIN(del, ins));
        }
        guint *swap = prev;
        prev = cur;
        cur = swap;
    }
    guint result = prev[nb];
    g_free(prev);
    g_free(cur);
    g_free(ua);
    g_free(ub);
    return result;
}
