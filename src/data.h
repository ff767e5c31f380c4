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

#endif
