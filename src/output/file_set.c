/* Files written into one folder as one change: names claimed first (two alike, or a file
 * there that shenbao's record does not show as its own last output, stop the run before
 * anything is written), contents written to temporaries beside their names, then all
 * renamed at once and the record updated.
 *
 * The record, .shenbao-files, has one line per file: its SHA-256, its name and what it
 * was made from, separated by tabs.  A file that still has the recorded checksum is the
 * one shenbao wrote; any other is someone's work, and is kept unless the run is forced. */
#include "shenbao/shenbao.h"
#include "file_record.h"
#include "util.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char *name, *source;
    char *temp;      /* written, not yet renamed */
    char *sha;       /* of what was written */
    gboolean done;   /* renamed into place */
} Entry;

struct SbFileSet {
    char *dir;
    gboolean force, made_dir;
    GPtrArray *entries;     /* Entry*, in the order claimed */
    GHashTable *by_name;    /* name -> Entry* */
    GHashTable *by_key;     /* name as a case-blind file system sees it -> Entry* */
    GMutex lock;            /* what sb_file_set_write changes: temp, sha, made_dir */
};

static void entry_free(gpointer p)
{
    Entry *e = p;
    if (e->temp && !e->done)
        sb_discard_file(e->temp);
    g_free(e->name);
    g_free(e->source);
    g_free(e->temp);
    g_free(e->sha);
    g_free(e);
}

SbFileSet *sb_file_set_new(const char *dir, gboolean force)
{
    SbFileSet *set = g_new0(SbFileSet, 1);
    set->dir = g_strdup(dir);
    set->force = force;
    set->entries = g_ptr_array_new_with_free_func(entry_free);
    set->by_name = g_hash_table_new(g_str_hash, g_str_equal);
    set->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_mutex_init(&set->lock);
    return set;
}

void sb_file_set_free(SbFileSet *set)
{
    if (!set)
        return;
    gboolean committed = TRUE;
    for (guint i = 0; i < set->entries->len; i++)
        committed &= ((Entry *) set->entries->pdata[i])->done;
    g_ptr_array_unref(set->entries);
    if (set->made_dir && !committed)
        g_rmdir(set->dir);   /* only when empty: a folder this run made and left unused */
    g_hash_table_destroy(set->by_name);
    g_hash_table_destroy(set->by_key);
    g_mutex_clear(&set->lock);
    g_free(set->dir);
    g_free(set);
}

static gboolean good_name(const char *name)
{
    if (!name || !*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")
        || g_str_has_prefix(name, SB_RECORD_NAME) || g_str_has_prefix(name, ".shenbao-compile")
        || !g_utf8_validate(name, -1, NULL))
        return FALSE;
    for (const char *p = name; *p; p++)
        if ((unsigned char) *p < 0x20)
            return FALSE;
    return TRUE;
}

gboolean sb_file_set_add(SbFileSet *set, const char *name, const char *source, GError **error)
{
    char *path = g_build_filename(set->dir, name ? name : "", NULL);
    char *nfc = good_name(name) ? g_utf8_normalize(name, -1, G_NORMALIZE_NFC) : NULL;
    char *key = nfc ? g_utf8_casefold(nfc, -1) : NULL;
    const Entry *other = key ? g_hash_table_lookup(set->by_key, key) : NULL;
    GStatBuf st;
    gboolean exists = g_lstat(path, &st) == 0;
    gboolean ok = FALSE;
    if (!key) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: not a name shenbao writes", path);
    } else if (other) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s would be written twice: from %s and from %s "
                    "(give the inputs different names, or write them into different folders)",
                    path, other->source, source);
    } else if (exists && !S_ISREG(st.st_mode)) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s is there already and is not a plain file: kept", path);
    } else {
        GHashTable *record = exists && !set->force ? sb_record_read(set->dir) : NULL;
        char *why = record ? sb_record_why_kept(record, set->dir, name, source) : NULL;
        if (why)
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: kept (--force replaces it)", why);
        ok = why == NULL;
        g_free(why);
        if (record)
            g_hash_table_destroy(record);
    }
    if (ok) {
        Entry *e = g_new0(Entry, 1);
        e->name = g_strdup(name);
        e->source = g_strdup(source);
        g_ptr_array_add(set->entries, e);
        g_hash_table_insert(set->by_name, e->name, e);
        g_hash_table_insert(set->by_key, key, e);
        key = NULL;
    }
    g_free(key);
    g_free(nfc);
    g_free(path);
    return ok;
}

/* The folder, made once when missing. */
static gboolean make_dir(SbFileSet *set, GError **error)
{
    g_mutex_lock(&set->lock);
    gboolean ok = TRUE;
    if (!g_file_test(set->dir, G_FILE_TEST_IS_DIR)) {
        ok = g_mkdir_with_parents(set->dir, 0777) == 0;
        int saved = errno;
        if (ok)
            set->made_dir = TRUE;
        else
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot create the folder %s: %s", set->dir,
                        g_strerror(saved));
    }
    g_mutex_unlock(&set->lock);
    return ok;
}

/* A stream's error names no file: say which one could not be written. */
static void name_failure(const char *path, GError *local, GError **error)
{
    if (local && local->domain == SHENBAO_ERROR)
        g_propagate_error(error, local);
    else {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", path,
                    local ? local->message : "the writer failed");
        g_clear_error(&local);
    }
}

gboolean sb_file_set_write(SbFileSet *set, const char *name, SbFileSetWriteFunc write, gpointer user_data,
                           GError **error)
{
    g_mutex_lock(&set->lock);
    Entry *e = g_hash_table_lookup(set->by_name, name);
    g_mutex_unlock(&set->lock);
    g_return_val_if_fail(e != NULL && e->temp == NULL, FALSE);
    if (!make_dir(set, error))
        return FALSE;
    char *path = g_build_filename(set->dir, name, NULL);
    int fd = -1;
    char *temp = sb_temp_create(path, &fd, error);
    gboolean ok = temp != NULL;
    if (ok) {
        GOutputStream *out = g_unix_output_stream_new(fd, FALSE);
        GError *local = NULL;
        ok = write(out, user_data, &local) && g_output_stream_close(out, NULL, &local);
        g_object_unref(out);
        /* synced now, on the writer's thread, so that the renames at the end are quick */
        if (ok && fsync(fd) != 0) {
            g_set_error(&local, G_IO_ERROR, g_io_error_from_errno(errno), "%s", g_strerror(errno));
            ok = FALSE;
        }
        close(fd);
        if (!ok)
            name_failure(path, local, error);
    }
    char *sha = ok ? sb_record_file_sha(temp) : NULL;
    if (ok && sha) {
        g_mutex_lock(&set->lock);
        e->temp = temp;
        e->sha = sha;
        g_mutex_unlock(&set->lock);
    } else {
        if (ok)
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot read back %s", temp);
        sb_discard_file(temp);
        g_free(temp);
        ok = FALSE;
    }
    g_free(path);
    return ok;
}

/* The record with this set's files that went into place in it. */
static gboolean write_record(SbFileSet *set, GError **error)
{
    GHashTable *record = sb_record_read(set->dir);
    for (guint i = 0; i < set->entries->len; i++) {
        const Entry *e = set->entries->pdata[i];
        if (e->done)
            sb_record_set(record, e->name, e->sha, e->source);
    }
    gboolean ok = sb_record_write(record, set->dir, error);
    g_hash_table_destroy(record);
    return ok;
}

gboolean sb_file_set_commit(SbFileSet *set, GError **error)
{
    for (guint i = 0; i < set->entries->len; i++)
        g_return_val_if_fail(((Entry *) set->entries->pdata[i])->temp != NULL, FALSE);
    gboolean ok = TRUE, any_done = FALSE;
    for (guint i = 0; i < set->entries->len && ok; i++) {
        Entry *e = set->entries->pdata[i];
        char *path = g_build_filename(set->dir, e->name, NULL);
        ok = e->done = sb_rename_temp(e->temp, path, error);
        any_done |= ok;
        g_free(path);
    }
    if (any_done) {
        char *any = g_build_filename(set->dir, SB_RECORD_NAME, NULL);
        sb_sync_folder_of(any);
        g_free(any);
    }
    /* what did go into place is recorded even when a later rename failed */
    gboolean recorded = !any_done || write_record(set, ok ? error : NULL);
    return ok && recorded;
}
