/* The files a compile writes into its folder, and how: all of them into a temporary
 * folder inside it first, on one thread per processor, then renamed into place at the
 * end; a failure or a stop before that leaves the folder as it was. */
#ifndef SB_COMPILE_OUTPUT_H
#define SB_COMPILE_OUTPUT_H

#include "compile.h"
#include "yaml_write.h"

/* One compiled form: its data file, and the documents bound from that file's own text,
 * so that rendering the data file by hand gives the same documents. */
typedef struct {
    char *base;             /* the file name without its extension */
    SbForm *form;
    char *yaml;             /* the data file */
    SbData *data;           /* read back from it */
    SbDiagnostics *diags;   /* checking it against its form */
    gboolean spreadsheet;   /* also written as XLSX */
} SbOutput;

SbOutput *sb_output_new(SbForm *form, const char *base, const SbValue *root, const char *comment,
                        const SbYamlShare *share, gboolean spreadsheet);
void sb_output_free(gpointer output);

/* The name a person finds a project's file by: "审查表-03-光子计数探测器CT推广应用项目",
 * the number of its row in the table, the name shortened and without characters file
 * systems refuse. */
char *sb_output_project_base(const char *what, guint number, guint count, const char *name);

typedef struct {
    const char *dir;
    guint formats;            /* SB_COMPILE_* */
    GPtrArray *outputs;       /* SbOutput* */
    const char *report;       /* the report's text */
    SbCompileProgress progress;
    gpointer progress_data;
    const gint *stop;
    gboolean force;           /* replace files no compile wrote, or changed since */
} SbOutputPlan;

/* The report's file name. */
#define SB_COMPILE_REPORT "检查报告.txt"

/* Writes everything the plan holds.  Before anything is written it checks that no two
 * files share a name (as a case-blind file system sees them) and that no file there
 * would be replaced that no compile wrote or that was changed since (the folder's record
 * of what shenbao wrote, file_record.h), unless the plan is forced.  Files the previous compile wrote and this
 * one does not are removed once the new ones are in place.  `written` gets the names. */
gboolean sb_output_write(SbCatalog *catalog, const SbOutputPlan *plan, GPtrArray *written,
                         GError **error);

#endif
