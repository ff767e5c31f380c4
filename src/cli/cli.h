/* The shenbao command line: one file per command, all through the public API. */
#ifndef SB_CLI_H
#define SB_CLI_H

#include <shenbao/shenbao.h>

enum { EXIT_DONE = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

int cmd_list(int argc, char **argv);
int cmd_blank(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_compile(int argc, char **argv);

/* "shenbao: error: …" on stderr, in Chinese under a zh locale. */
void cli_error(const char *en, const char *zh, ...) G_GNUC_PRINTF(1, 3);

/* Parses a command's options; prints usage and returns FALSE on a bad option.
 * `args` is the text after the command name in the usage line. */
gboolean cli_parse(GOptionEntry *entries, const char *args, const char *summary,
                   int *argc, char ***argv);

/* "pdf,docx" -> a mask with bit i for names[i] (NULL-terminated); 0, after saying why,
 * for a name that is not among them. */
int cli_parse_formats(const char *list, const char *const *names);

/* The catalog and one of its forms, or NULL after printing why. */
SbCatalog *cli_catalog(void);

/* The form with that id, or NULL after printing why. */
SbForm *cli_form(SbCatalog *cat, const char *id);

/* Loads and checks DATA; returns its form when it may be written, else NULL with the exit
 * status in *status (the diagnostics are printed either way). */
SbForm *cli_load_checked(SbCatalog *cat, const char *file, gboolean strict, SbData **data, int *status);

/* FALSE (after saying why) when "-", standard input, is among the arguments twice. */
gboolean cli_stdin_once(int argc, char **argv);

/* Prints the diagnostics; returns the exit status they mean. */
int cli_report(SbDiagnostics *diags, gboolean strict);

#endif
