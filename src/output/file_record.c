/* The record of what shenbao last wrote into a folder: reading, judging, writing. */
#include "file_record.h"
#include "shenbao/shenbao.h"
#include "util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define RECORD_MAX (4 << 20)
#define OLD_COMPILE_LIST ".shenbao-compile"
#define COMPILE_SOURCE "shenbao compile"

static void recorded_free(gpointer p)
{
    SbRecorded *r = p;
    g_free(r->sha);
    g_free(r->source);
    g_free(r);
}

/* Tabs and line ends would break the record's lines; nothing shenbao names has them. */
static char *record_text(const char *s)
{
    char *t = g_strdup(s ? s : "");
    for (char *p = t; *p; p++)
        if ((unsigned char) *p < 0x20)
            *p = '?';
    return t;
}

void sb_record_set(GHashTable *record, const char *name, const char *sha, const char *source)
{
    SbRecorded *r = g_new0(SbRecorded, 1);
    r->sha = g_strdup(sha);
    r->source = record_text(source);
    g_hash_table_replace(record, g_strdup(name), r);
}

/* The names an older compile listed: its files, without checksums. */
static void read_old_compile_list(GHashTable *record, const char *dir)
{
    char *path = g_build_filename(dir, OLD_COMPILE_LIST, NULL), *text = NULL;
    if (sb_read_file(path, RECORD_MAX, &text, NULL, NULL)) {
        char **lines = g_strsplit(text, "\n", -1);
        for (guint i = 0; lines[i]; i++)
            if (lines[i][0] && lines[i][0] != '#' && lines[i][0] != '.' && !strchr(lines[i], '/')
                && !g_hash_table_contains(record, lines[i]))
                sb_record_set(record, lines[i], NULL, COMPILE_SOURCE);
        g_strfreev(lines);
    }
    g_free(text);
    g_free(path);
}

GHashTable *sb_record_read(const char *dir)
{
    GHashTable *record = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, recorded_free);
    char *path = g_build_filename(dir, SB_RECORD_NAME, NULL), *text = NULL;
    if (sb_read_file(path, RECORD_MAX, &text, NULL, NULL)) {
        char **lines = g_strsplit(text, "\n", -1);
        for (guint i = 0; lines[i]; i++) {
            char **f = lines[i][0] == '#' ? NULL : g_strsplit(lines[i], "\t", 3);
            /* never a name outside the folder */
            if (f && g_strv_length(f) == 3 && strlen(f[0]) == 64 && f[1][0] && f[1][0] != '.'
                && !strchr(f[1], '/'))
                sb_record_set(record, f[1], f[0], f[2]);
            g_strfreev(f);
        }
        g_strfreev(lines);
    }
    read_old_compile_list(record, dir);
    g_free(text);
    g_free(path);
    return record;
}

char *sb_record_file_sha(const char *path)
{
    GMappedFile *m = g_mapped_file_new(path, FALSE, NULL);
    if (!m)
        return NULL;
    char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *) g_mapped_file_get_contents(m),
                                            g_mapped_file_get_length(m));
    g_mapped_file_unref(m);
    return sha;
}

char *sb_record_why_kept(GHashTable *record, const char *dir, const char *name, const char *source)
{
    char *path = g_build_filename(dir, name, NULL);
    const SbRecorded *r = g_hash_table_lookup(record, name);
    char *src = record_text(source), *why = NULL;
    if (!r) {
        why = g_strdup_printf("%s is there already and shenbao did not write it", path);
    } else if (strcmp(r->source, src) != 0) {
        why = g_strdup_printf("%s is there already, written by shenbao from %s", path, r->source);
    } else if (r->sha) {
        char *sha = sb_record_file_sha(path);
        if (g_strcmp0(sha, r->sha) != 0)
            why = g_strdup_printf("%s was changed since shenbao wrote it", path);
        g_free(sha);
    }
    g_free(src);
    g_free(path);
    return why;
}

gboolean sb_record_write(GHashTable *record, const char *dir, GError **error)
{
    GString *s = g_string_new("# what shenbao last wrote into this folder: SHA-256, name, made from.  A file that\n"
                              "# no longer has its checksum here is kept by the next run unless it is forced.\n");
    GList *names = g_list_sort(g_hash_table_get_keys(record), (GCompareFunc) strcmp);
    for (GList *l = names; l; l = l->next) {
        char *path = g_build_filename(dir, l->data, NULL);
        const SbRecorded *r = g_hash_table_lookup(record, l->data);
        if (r->sha && g_file_test(path, G_FILE_TEST_IS_REGULAR))
            g_string_append_printf(s, "%s\t%s\t%s\n", r->sha, (char *) l->data, r->source);
        g_free(path);
    }
    g_list_free(names);
    char *path = g_build_filename(dir, SB_RECORD_NAME, NULL);
    int fd = -1;
    char *temp = sb_temp_create(path, &fd, error);
    gboolean ok = temp != NULL;
    if (ok) {
        ok = write(fd, s->str, s->len) == (gssize) s->len;
        int saved = errno;
        close(fd);
        if (!ok)
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", path, g_strerror(saved));
        if (ok)
            ok = sb_commit_file(temp, path, error);
        else
            sb_discard_file(temp);
    }
    if (ok) {   /* the older compile's list is in the record now */
        char *old = g_build_filename(dir, OLD_COMPILE_LIST, NULL);
        g_unlink(old);
        g_free(old);
    }
    g_free(temp);
    g_free(path);
    g_string_free(s, TRUE);
    return ok;
}
