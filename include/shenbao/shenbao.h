/* shenbao — official declaration forms from structured data.
 *
 * The public API.  The pipeline is: open a catalog of forms, load data, check it,
 * bind it to its form into a document, write the document as PDF (and, later, DOCX
 * and ODT).  A blank form is a document bound to no data.
 */
#ifndef SHENBAO_H
#define SHENBAO_H

#include <glib.h>

G_BEGIN_DECLS

#define SHENBAO_ERROR (shenbao_error_quark())
GQuark shenbao_error_quark(void);

typedef enum {
    SB_ERROR_IO,        /* a file could not be read or written */
    SB_ERROR_FORM,      /* a form definition is broken */
    SB_ERROR_UNKNOWN,   /* no such form */
    SB_ERROR_FONTS,     /* the bundled fonts are missing */
    SB_ERROR_DATA,      /* the data is invalid (details in the diagnostics) */
    SB_ERROR_STOPPED,   /* a run was stopped on request; it left nothing behind */
} SbErrorCode;

/* ---- diagnostics: compiler-style messages about data ---- */

typedef enum { SB_WARNING, SB_ERROR } SbSeverity;

typedef struct SbDiagnostics SbDiagnostics;

SbDiagnostics *sb_diagnostics_new(void);
void sb_diagnostics_free(SbDiagnostics *diags);
guint sb_diagnostics_count(const SbDiagnostics *diags, SbSeverity severity);
/* All messages, one per line, "file:line:col: error: …", in the language of the locale. */
char *sb_diagnostics_format(const SbDiagnostics *diags);
/* TRUE when a file could not be read at all (missing, unreadable, a folder): an I/O
 * error rather than invalid data. */
gboolean sb_diagnostics_io_failed(const SbDiagnostics *diags);
/* Turns every warning into an error (--strict). */
void sb_diagnostics_make_strict(SbDiagnostics *diags);

/* TRUE when messages should be in Chinese (a zh locale in LC_ALL, LC_MESSAGES or LANG). */
gboolean sb_locale_is_chinese(void);

/* ---- the catalog of forms ---- */

typedef struct SbCatalog SbCatalog;
typedef struct SbForm SbForm;

typedef struct {
    const char *id;        /* miit-2025-application */
    const char *edition;   /* 2025 */
    const char *title;     /* 高端医疗装备推广应用项目申报书（模板） */
    const char *source;    /* the document that published it */
} SbFormInfo;

/* data_dir holds templates/ and fonts/; NULL finds the installed or source tree. */
SbCatalog *sb_catalog_open(const char *data_dir, GError **error);
void sb_catalog_free(SbCatalog *catalog);
guint sb_catalog_size(const SbCatalog *catalog);
const SbFormInfo *sb_catalog_info(const SbCatalog *catalog, guint index);
const char *sb_catalog_data_dir(const SbCatalog *catalog);
/* The form is owned by the catalog. */
SbForm *sb_catalog_form(SbCatalog *catalog, const char *id, GError **error);
/* The id of the catalog's form nearest to a mistyped one (miit-2025-aplication), or NULL
 * when none is near enough to be meant.  Owned by the catalog. */
const char *sb_catalog_nearest_form(const SbCatalog *catalog, const char *id);

/* Reference lists published with the documents (重点产品清单 …). */
typedef struct {
    const char *id;        /* miit-2025-key-products */
    const char *title;     /* 2025年重点产品清单 */
    const char *source;    /* the document and annex */
    guint size;            /* items */
} SbListInfo;

guint sb_catalog_list_count(const SbCatalog *catalog);
const SbListInfo *sb_catalog_list_info(const SbCatalog *catalog, guint index);
/* Item `index` of the list: its name, group (may be NULL) and text.  FALSE past the end
 * or for an unknown list. */
gboolean sb_catalog_list_item(const SbCatalog *catalog, const char *list_id, guint index,
                              const char **name, const char **group, const char **text);

const SbFormInfo *sb_form_info(const SbForm *form);
/* A YAML skeleton of every field with its Chinese label and limits as comments. */
char *sb_form_yaml_skeleton(const SbForm *form);
/* A JSON Schema (draft 2020-12) of the form's data. */
char *sb_form_json_schema(const SbForm *form);

/* ---- data ---- */

typedef struct SbData SbData;

/* Loads YAML (.yaml, .yml) or JSON (.json, or content starting with '{'); path "-" reads
 * standard input (diagnostics call it <stdin>).
 * Returns NULL when the file can't be parsed; the reason is in diags. */
SbData *sb_data_load(const char *path, SbDiagnostics *diags);
void sb_data_free(SbData *data);
/* The `form:` key, or NULL. */
const char *sb_data_form_id(const SbData *data);

/* The form the data's `form:` key names.  A missing key or an unknown id is reported in
 * diags at its position; NULL then, and *unknown tells which of the two it was. */
SbForm *sb_catalog_form_of(SbCatalog *catalog, const SbData *data, SbDiagnostics *diags,
                           gboolean *unknown);

/* Checks data against its form: field types and limits, then the document's rules.
 * Returns TRUE when there is no error (warnings allowed). */
gboolean sb_check(const SbForm *form, const SbData *data, SbDiagnostics *diags);

/* The rules across applications (those of sb_compile) for files each checked on its own:
 * the applications among them are read again and the messages that concern each beside
 * the others are added to diags, with its file.  TRUE when they give no error. */
gboolean sb_check_across(SbCatalog *catalog, const char *const *files, SbDiagnostics *diags);

/* ---- documents ---- */

typedef struct SbDocument SbDocument;

/* Merges data into the form; data NULL gives the blank form. */
SbDocument *sb_bind(const SbForm *form, const SbData *data);
void sb_document_free(SbDocument *doc);

/* ---- writers ---- */

typedef struct SbFonts SbFonts;

/* The bundled fonts of data_dir/fonts through a private fontconfig configuration.  Fonts
 * belong to one thread at a time: to write PDFs in parallel, open fonts in each thread. */
SbFonts *sb_fonts_open(const SbCatalog *catalog, GError **error);
void sb_fonts_free(SbFonts *fonts);

/* Each writes atomically: a temporary file renamed into place, nothing left on failure. */
gboolean sb_write_pdf(const SbDocument *doc, SbFonts *fonts, const char *path, GError **error);
/* WordprocessingML with every field a content control tagged with its data path. */
gboolean sb_write_docx(const SbDocument *doc, const char *path, GError **error);
/* OpenDocument 1.3 text with every field findable again. */
gboolean sb_write_odt(const SbDocument *doc, const char *path, GError **error);

/* ---- reading documents back ---- */

/* Reads a DOCX or ODT that shenbao wrote — possibly edited and re-saved in Word, WPS or
 * LibreOffice since — back into data for its form, as YAML text.  NULL with an error for
 * a file that is not such a document or that looks hostile (zip bombs, path tricks,
 * external entities). */
char *sb_extract(SbCatalog *catalog, const char *path, GError **error);

/* ---- compiling a folder of applications ---- */

/* What a compile writes besides the data files (YAML), which it always writes. */
enum {
    SB_COMPILE_PDF = 1 << 0,
    SB_COMPILE_DOCX = 1 << 1,
    SB_COMPILE_ODT = 1 << 2,
    SB_COMPILE_XLSX = 1 << 3,   /* the summary as a spreadsheet */
    SB_COMPILE_ALL = 15,
};

typedef enum {
    SB_COMPILE_READING,   /* an application is read and checked */
    SB_COMPILE_WRITING,   /* an output file is written */
} SbCompileStage;

/* Called as each file is started: `done` of `total` before it.  Never from two threads
 * at once. */
typedef void (*SbCompileProgress)(SbCompileStage stage, guint done, guint total, const char *file,
                                  gpointer user_data);

typedef struct {
    const char *output_dir;       /* created when missing */
    guint formats;                /* SB_COMPILE_* (0: all) */
    gboolean strict;              /* warnings in an application make it invalid */
    SbCompileProgress progress;   /* may be NULL */
    gpointer progress_data;
    /* may be NULL; another thread (a signal handler's) sets it non-zero with
     * g_atomic_int_set to stop the run: then nothing of it is left in output_dir. */
    const gint *stop;
} SbCompileOptions;

typedef enum {
    SB_APPLICATION_VALID,
    SB_APPLICATION_INVALID,       /* errors of its own */
    SB_APPLICATION_INVALIDATED,   /* valid alone, invalid beside another application */
} SbVerdict;

typedef struct SbCompileResult SbCompileResult;

/* Reads the applications (files, or folders searched for .yaml, .yml, .json, .docx and
 * .odt) of miit-2025-application and cq-2025-application, checks each and the rules
 * across them, and writes into output_dir the 推荐汇总表 of the valid national ones (and
 * the Chongqing 申请表 of the valid Chongqing ones) with their data files and XLSX, a
 * 审查表 of both departments per national project, and a report on every application
 * (检查报告.txt).  Everything is written to temporary files first and renamed at the end;
 * files a previous compile wrote there and this one does not are removed.  NULL with an
 * error (and nothing written) when an input can't be found or is given twice, the folder
 * can't be written, a file there would be replaced that no compile wrote, or the run was
 * stopped (SB_ERROR_STOPPED). */
SbCompileResult *sb_compile(SbCatalog *catalog, const char *const *inputs,
                            const SbCompileOptions *options, GError **error);
void sb_compile_result_free(SbCompileResult *result);
guint sb_compile_count(const SbCompileResult *result, SbVerdict verdict);
/* The report, as written into 检查报告.txt: every application with its verdict and its
 * messages, and a one-line summary at the end, in the language of the locale. */
const char *sb_compile_report(const SbCompileResult *result);

G_END_DECLS

#endif
