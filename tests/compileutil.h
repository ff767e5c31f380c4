/* Folders of applications for the compile tests: the entries of tests/data/compile/
 * batch.yaml, each the sample application with its project and units replaced, written
 * as YAML, JSON, DOCX or ODT (rendered from the YAML by shenbao) as its file name says. */
#ifndef SB_COMPILEUTIL_H
#define SB_COMPILEUTIL_H

#include "testutil.h"
#include "value.h"

typedef struct {
    char *file;          /* its name in the folder: 01-光子计数探测器CT.yaml */
    SbValue *data;       /* the application */
    char *category;      /* 重点产品 or 典型场景; NULL for a Chongqing application */
} CuApplication;

/* The batch, in its order; NULL (test failed) when the files can't be read. */
GPtrArray *cu_batch_load(void);
void cu_application_free(gpointer a);
/* The entry whose file name starts with prefix ("03-"). */
CuApplication *cu_find(GPtrArray *batch, const char *prefix);
/* A copy under another file name (and so another format). */
CuApplication *cu_copy(const CuApplication *a, const char *file);
/* Adds a participating unit (code NULL: none). */
void cu_add_participant(CuApplication *a, const char *name, const char *code);

/* Writes each into dir; FALSE (test failed) when one can't be. */
gboolean cu_write_all(GPtrArray *apps, const char *dir);

/* The text at a dotted path ("lead_enterprise.contact.name"), or NULL. */
const char *cu_text(const SbValue *root, const char *path);
/* "A、B": the participants' names, as the summary joins them. */
char *cu_participants(const SbValue *root);

/* A data file loaded (test failed when it can't be); free with sb_value_free. */
SbValue *cu_load(const char *path);

#endif
