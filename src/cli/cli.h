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

/* Takes SIGINT, SIGTERM and SIGHUP on a thread of its own; call it before any other
 * thread starts.  With stop, the first signal sets *stop to its number (the run stops and
 * returns) and a second ends the process; without, the first ends it. */
void cli_catch_signals(gint *stop);
/* Ends the process by sig's default action, after removing every temporary file the
 * library is writing, so that a shell sees it was interrupted and nothing is left. */
void cli_end_by_signal(int sig) G_GNUC_NORETURN;

/* One document to write: its form, its data (NULL: blank), the file name without the
 * extension, and what it is made from (as the output folder's record keeps it). */
typedef struct {
    SbForm *form;
    SbData *data;
    char *base;
    char *source;
} CliJob;

void cli_job_free(gpointer job);

enum { CLI_PDF = 1, CLI_DOCX = 2, CLI_ODT = 4, CLI_ALL_FORMATS = 7 };

/* Writes every job's formats (CLI_* flags) into dir, in parallel, as one change: names
 * that collide, or files there that are not shenbao's last output of the same input
 * (unless force), stop it before anything is written, and a failure leaves the folder
 * as it was.  Returns the exit status, after saying what went wrong. */
int cli_write_jobs(SbCatalog *cat, GPtrArray *jobs, int formats, const char *dir, gboolean force);

#endif
