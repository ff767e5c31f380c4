/* Compiling a folder of applications (sb_compile, compile.c): what its parts share.
 *
 *   compile_inputs.c   finding the files, reading and checking each application
 *   compile_rules.c    the rules across applications, and each one's verdict
 *   compile_miit.c     what a miit-2025-application gives: its project for the rules, its
 *   compile_cq.c       row of the summary, its 审查表 (and the Chongqing 申请表's rows)
 *   compile_output.c   the output files: names, temporaries, writing on threads, renaming
 *   compile_report.c   the report on every application */
#ifndef SB_COMPILE_H
#define SB_COMPILE_H

#include "data.h"
#include "diag.h"
#include "form.h"
#include "rules_across.h"

typedef struct SbCompileKind SbCompileKind;

/* One application file and what became of it. */
typedef struct {
    char *file;                 /* as given, or the folder joined with its name */
    SbData *data;               /* NULL when it could not be read */
    SbForm *form;               /* its form when it is an application, else NULL */
    const SbCompileKind *kind;
    SbDiagnostics *diags;       /* its own messages, then those of the rules across */
    GHashTable *paths;          /* a document read back: "line:col" of its YAML -> data path */
    gboolean invalid;           /* errors of its own */
    gboolean invalidated;       /* errors of the rules across applications only */
    guint number;               /* its 序号 in the compiled table; 0 when not in it */
    char *review;               /* the file name (without extension) of its 审查表, or NULL */
} SbApplication;

/* A kind of application and what a compile makes of it. */
struct SbCompileKind {
    const char *application;    /* the form it fills */
    const char *table;          /* the form of the table of all projects */
    const char *table_name;     /* that table's file name: 推荐汇总表 */
    const char *review;         /* the form of a 审查表 per project, or NULL */
    gboolean limits;            /* the 001 limits across applications apply */
    /* the project the rules across applications see */
    SbAcrossProject *(*project)(const SbApplication *app);
    /* its item of the table's `projects` list */
    SbValue *(*row)(const SbApplication *app);
    /* the data of its 审查表 (NULL for a kind without one), with the part written once
     * (*anchor) and referred to again (*alias) as SbYamlShare says */
    SbValue *(*review_data)(const SbApplication *app, const SbValue **anchor, const SbValue **alias);
};

extern const SbCompileKind sb_compile_miit_2025;
extern const SbCompileKind sb_compile_cq_2025;
/* The kind whose application form this is, or NULL. */
const SbCompileKind *sb_compile_kind_of(const char *form_id);

/* Runs work(data) on as many threads as there are processors, but not more than jobs;
 * the calling thread is one of them.  Each takes jobs until none are left. */
void sb_compile_on_threads(GThreadFunc work, gpointer data, guint jobs);

/* ---- compile_inputs.c ---- */

/* The files the inputs name: a file as it is, a folder's data files and documents
 * (.yaml .yml .json .docx .odt, hidden files and office lock files left out, the output
 * folder not entered) by name, depth first.  Names of other files found in folders go to
 * `skipped`.  FALSE with an error when an input is missing or a file is reached twice. */
gboolean sb_compile_collect(const char *const *inputs, const char *output_dir, GPtrArray *files,
                            GPtrArray *skipped, GError **error);
/* Reads and checks one application; never NULL. */
SbApplication *sb_application_read(SbCatalog *catalog, const char *file, gboolean strict);
void sb_application_free(gpointer app);
/* A document's messages point at its fields, not at lines of the YAML it was read into:
 * "participants.2.org_code: …" in place of line:col. */
void sb_application_locate(SbApplication *app);

/* ---- compile_rules.c ---- */

/* Runs the rules across the applications of each kind and sets `invalidated`. */
void sb_compile_check_across(GPtrArray *applications);
SbVerdict sb_application_verdict(const SbApplication *app);

/* ---- what the kinds share (compile_rules.c) ---- */

/* The application's project for the rules, named `name` (may be NULL), without units. */
SbAcrossProject *sb_compile_project_new(const SbApplication *app, const SbValue *name);
/* Adds the units of the `participants` list, each with its code at code_key. */
void sb_compile_add_participants(SbAcrossProject *p, const SbValue *root, const char *code_key);

/* The text at the first of the paths that holds one, or NULL. */
const SbValue *sb_compile_first(const SbValue *root, const char *const *paths);
/* Adds key to map with the text (trimmed) of v, or text; nothing when there is none. */
void sb_compile_put(SbValue *map, const char *key, const SbValue *v);
void sb_compile_put_text(SbValue *map, const char *key, const char *text);
SbValue *sb_compile_map_add(SbValue *map, const char *key);
/* "A、B、C": the names at `key` of the list's items. */
char *sb_compile_join_names(const SbValue *list, const char *key);

/* ---- the result (compile.c) and its report (compile_report.c) ---- */

struct SbCompileResult {
    char *dir;
    GPtrArray *applications;    /* SbApplication*, in the order of the inputs */
    GPtrArray *skipped;         /* files in the folders that are not applications */
    GPtrArray *outputs;         /* SbOutput* (compile_output.h) */
    GPtrArray *written;         /* the names of the files written */
    guint rows[2];              /* projects in the 推荐汇总表 and in the 申请表 */
    char *report;
};

/* The report's text, in the language of the locale. */
char *sb_compile_report_text(const SbCompileResult *result);

#endif
