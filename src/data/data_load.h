/* Reading data files into a value tree.
 *
 * Limits that keep hostile input harmless: file size (SB_DATA_MAX_BYTES), nesting depth
 * (SB_DATA_MAX_DEPTH), number of values (SB_DATA_MAX_NODES, which also stops YAML alias
 * expansion bombs: aliases are expanded by copying and every copy counts).  Invalid UTF-8
 * and control characters XML can't carry are errors with their line and column. */
#ifndef SB_DATA_LOAD_H
#define SB_DATA_LOAD_H

#include "diag.h"
#include "value.h"

#define SB_DATA_MAX_BYTES (8 * 1024 * 1024)
#define SB_DATA_MAX_DEPTH 64
#define SB_DATA_MAX_NODES 200000

/* Each returns the root or NULL with an error in diags (positions in that file). */
SbValue *sb_yaml_load(const char *text, gsize len, SbDiagnostics *diags);
SbValue *sb_json_load(const char *text, gsize len, SbDiagnostics *diags);

/* The mistake a line of YAML shows where a key should start: a tab in its indentation, a
 * full-width colon after the key (name：…), no space after the colon (name:…).  FALSE
 * when it shows none; else *col (1-based, in characters of the line) and the message in
 * both languages (free them). */
gboolean sb_yaml_key_mistake(const char *line, gsize len, int *col, char **en, char **zh);
/* libyaml's description of a syntax error in plain words; FALSE for one it has no words for. */
gboolean sb_yaml_plain_problem(const char *problem, const char **en, const char **zh);

/* Checks text for invalid UTF-8 and for control characters other than tab, LF, CR;
 * reports the first offence with its position.  Returns TRUE when clean. */
gboolean sb_text_check_chars(const char *text, gsize len, SbDiagnostics *diags);

/* FALSE for the characters sb_text_check_chars refuses. */
gboolean sb_text_char_allowed(gunichar c);
/* The same check for a decoded string (escapes can produce any character); an offence
 * is reported at line:col, the position of the string. */
gboolean sb_text_check_scalar(const char *text, gsize len, int line, int col,
                              SbDiagnostics *diags);
/* The 1-based line and column (in characters) of a byte offset.  A line ends at LF, or
 * at a CR not followed by LF; a leading byte order mark takes no column. */
void sb_text_position(const char *text, gsize len, gsize offset, int *line, int *col);

#endif
