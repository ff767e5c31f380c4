/* Diagnostics: compiler-style messages with a file, a line and a column.
 *
 * Every message is given in English and in Chinese with the same conversions in the same
 * order; the language is picked when the message is formatted, so the library never
 * depends on gettext catalogs being installed. */
#ifndef SB_DIAG_H
#define SB_DIAG_H

#include "shenbao/shenbao.h"

struct SbDiagnostic {
    char *file;      /* may be NULL */
    int line, col;   /* 1-based; 0 when there is no position */
    SbSeverity severity;
    char *en, *zh;   /* the message in both languages */
    char *path;      /* the data path at line:col, set by sb_diag_locate; may be NULL */
};

struct SbDiagnostics {
    GPtrArray *items;   /* SbDiagnostic* */
    char *file;         /* the file new messages are about */
    gboolean io_failed; /* a file could not be read at all */
};

void sb_diag_set_file(SbDiagnostics *diags, const char *file);

/* Adds a message.  en and zh are printf formats taking the same arguments. */
void sb_diag_add(SbDiagnostics *diags, SbSeverity severity, int line, int col,
                 const char *en, const char *zh, ...) G_GNUC_PRINTF(5, 7);

#define sb_diag_error(d, line, col, en, zh, ...) \
    sb_diag_add((d), SB_ERROR, (line), (col), (en), (zh), ##__VA_ARGS__)
#define sb_diag_warning(d, line, col, en, zh, ...) \
    sb_diag_add((d), SB_WARNING, (line), (col), (en), (zh), ##__VA_ARGS__)

struct SbValue;
/* Gives the messages from `first` on that are about `file` and have a position the data
 * path of the value there (diag_path.c). */
void sb_diag_locate(SbDiagnostics *diags, guint first, const char *file, const struct SbValue *root);

#endif
