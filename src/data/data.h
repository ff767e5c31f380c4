/* A loaded data file: its value tree and where it came from. */
#ifndef SB_DATA_H
#define SB_DATA_H

#include "shenbao/shenbao.h"
#include "value.h"

/* What diagnostics call the data read from standard input ("-"). */
#define SB_STDIN_NAME "<stdin>"

struct SbData {
    char *file;       /* as given on the command line, for diagnostics */
    SbValue *root;    /* a map */
    char *form_id;    /* the `form:` key, or NULL */
};

/* sb_data_load for text at hand (a document read back into YAML): `file` names it in
 * the diagnostics and, by its extension, says whether it is JSON. */
SbData *sb_data_load_text(const char *file, const char *text, gsize len, SbDiagnostics *diags);

#endif
