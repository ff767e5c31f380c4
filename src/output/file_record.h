/* The record an output folder keeps of what shenbao last wrote into it (.shenbao-files):
 * one line per file, its SHA-256, its name and what it was made from.  Every command that
 * writes into a folder (render, blank, compile) reads it to tell its own last outputs from
 * files people made or changed, and updates it after writing. */
#ifndef SB_FILE_RECORD_H
#define SB_FILE_RECORD_H

#include <glib.h>

#define SB_RECORD_NAME ".shenbao-files"

typedef struct {
    char *sha;       /* hex SHA-256 of what was written; NULL for an older compile's list */
    char *source;    /* what it was made from */
} SbRecorded;

/* name -> SbRecorded*: the folder's record, empty when there is none.  The list an older
 * shenbao compile kept (.shenbao-compile) is read as well, as files compile wrote. */
GHashTable *sb_record_read(const char *dir);

/* The SHA-256 of a file, or NULL when it cannot be read. */
char *sb_record_file_sha(const char *path);

/* NULL when the file dir/name (which is there) is shenbao's last output from source,
 * still unchanged; otherwise why it is to be kept, naming the file. */
char *sb_record_why_kept(GHashTable *record, const char *dir, const char *name, const char *source);

/* Adds or replaces name's line. */
void sb_record_set(GHashTable *record, const char *name, const char *sha, const char *source);

/* Writes the record into dir (atomically, synced), leaving out files no longer there. */
gboolean sb_record_write(GHashTable *record, const char *dir, GError **error);

#endif
