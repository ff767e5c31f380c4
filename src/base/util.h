/* Small shared helpers: bounded file reading, atomic writing, character counting. */
#ifndef SB_UTIL_H
#define SB_UTIL_H

#include <glib.h>

/* Reads a whole file, refusing one larger than max_bytes (SHENBAO_ERROR / SB_ERROR_IO). */
gboolean sb_read_file(const char *path, gsize max_bytes, char **contents, gsize *length,
                      GError **error);

/* A temporary file beside `path` for an atomic write; sb_commit_file renames it into
 * place, sb_discard_file removes it.  A failed write never leaves a partial file. */
char *sb_temp_path(const char *path);
gboolean sb_commit_file(const char *temp_path, const char *path, GError **error);
void sb_discard_file(const char *temp_path);
/* The same temporary, open: its descriptor in *fd; NULL with "cannot write PATH: reason"
 * when the folder refuses it. */
char *sb_temp_create(const char *path, int *fd, GError **error);
/* Renames a temporary into place without syncing (the caller has); the error names path
 * and the reason. */
gboolean sb_rename_temp(const char *temp_path, const char *path, GError **error);
/* fsync of a file by its path. */
void sb_sync_path(const char *path);
/* fsync of the folder holding path, so that renames into it survive a crash. */
void sb_sync_folder_of(const char *path);

/* Characters (字) of UTF-8 text, as the forms count them: one per code point. */
glong sb_char_count(const char *text);

/* Levenshtein distance in characters, for "did you mean" suggestions. */
guint sb_edit_distance(const char *a, const char *b);

#endif
