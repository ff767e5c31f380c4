/* The strict JSON scanner that json_load.c runs before json-glib: it checks the text
 * against the JSON grammar (RFC 8259) and the data limits, and records where every value
 * and key starts, which json-glib does not keep. */
#ifndef SB_JSON_SCAN_H
#define SB_JSON_SCAN_H

#include "diag.h"

/* Where a value or key starts; tokens are in document order. */
typedef struct {
    int line, col;
    gsize offset, length;   /* the token's text, for numbers */
    guint next;             /* the token after this value and everything inside it */
} SbJsonToken;

/* The tokens of the text (SbJsonToken, the top-level value first), or NULL with the
 * error in diags. */
GArray *sb_json_scan(const char *text, gsize len, SbDiagnostics *diags);

#endif
