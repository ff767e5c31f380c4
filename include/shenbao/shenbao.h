/* shenbao — official declaration forms from structured data.
 *
 * The public API of libshenbao.  The pipeline: open a catalog of forms, load data, check
 * it against its form, bind it to the form into a document, write the document as PDF,
 * DOCX or ODT — to a file, a GOutputStream or GBytes.  A blank form is a document bound
 * to no data.  The documentation comments below are the API reference; the overview
 * (ownership, threads, data folders) is doc/api-overview.md.
 */
#ifndef SHENBAO_H
#define SHENBAO_H

#include <gio/gio.h>
#include <glib.h>

G_BEGIN_DECLS

/* Marks the functions the shared library exports; everything else in it is hidden. */
#if defined(__GNUC__)
#define SB_API __attribute__((visibility("default"))) extern
#else
#define SB_API extern
#endif

/**
 * sb_version:
 *
 * The version of the library, "0.1.0".
 *
 * Thread safety: any thread.
 *
 * Returns: (transfer none): a static string.
 */
SB_API const char *sb_version(void);

/**
 * SHENBAO_ERROR:
 *
 * The error domain of shenbao's errors; the codes are #SbErrorCode.
 */
#define SHENBAO_ERROR (shenbao_error_quark())

/**
 * shenbao_error_quark:
 *
 * Thread safety: any thread.
 *
 * Returns: the #GQuark of %SHENBAO_ERROR.
 */
SB_API GQuark shenbao_error_quark(void);

/**
 * SbErrorCode:
 * @SB_ERROR_IO: a file could not be read or written, or a folder holds no forms
 * @SB_ERROR_FORM: a form definition or reference list is broken (the message names
 *   file:line)
 * @SB_ERROR_UNKNOWN: no form has that id
 * @SB_ERROR_FONTS: the fonts are missing or their configuration can't be loaded
 * @SB_ERROR_DATA: the data can't be written (details in the message or the diagnostics)
 * @SB_ERROR_STOPPED: a run was stopped on request (a signal); it left nothing behind
 *
 * The codes of %SHENBAO_ERROR.
 */
typedef enum {
    SB_ERROR_IO,
    SB_ERROR_FORM,
    SB_ERROR_UNKNOWN,
    SB_ERROR_FONTS,
    SB_ERROR_DATA,
    SB_ERROR_STOPPED,
} SbErrorCode;

/* ---- diagnostics: compiler-style messages about data ---- */

/**
 * SbSeverity:
 * @SB_WARNING: the data may still be written (a length over what a form advises)
 * @SB_ERROR: the data is invalid; nothing should be written
 *
 * How bad a diagnostic is.
 */
typedef enum { SB_WARNING, SB_ERROR } SbSeverity;

/**
 * SbLanguage:
 * @SB_LANGUAGE_ENGLISH: English
 * @SB_LANGUAGE_CHINESE: Simplified Chinese
 *
 * The languages every diagnostic is written in.
 */
typedef enum { SB_LANGUAGE_ENGLISH, SB_LANGUAGE_CHINESE } SbLanguage;

/**
 * SbDiagnostics:
 *
 * A list of messages about data files: where (file, line, column, data path), how bad
 * and what, in English and Chinese.  Loading and checking append to it.  It belongs to
 * one thread at a time.
 */
typedef struct SbDiagnostics SbDiagnostics;

/**
 * SbDiagnostic:
 *
 * One message of an #SbDiagnostics, owned by the list.
 */
typedef struct SbDiagnostic SbDiagnostic;

/**
 * sb_diagnostics_new:
 *
 * Thread safety: any thread.
 *
 * Returns: (transfer full): an empty list; free it with sb_diagnostics_free().
 */
SB_API SbDiagnostics *sb_diagnostics_new(void);

/**
 * sb_diagnostics_free:
 * @diags: (nullable) (transfer full): a list, or %NULL
 *
 * Frees the list and every message in it.
 *
 * Thread safety: the list's thread.
 */
SB_API void sb_diagnostics_free(SbDiagnostics *diags);

/**
 * sb_diagnostics_size:
 * @diags: a list
 *
 * Thread safety: the list's thread.
 *
 * Returns: how many messages the list holds, of any severity.
 */
SB_API guint sb_diagnostics_size(const SbDiagnostics *diags);

/**
 * sb_diagnostics_get:
 * @diags: a list
 * @index: from 0 to sb_diagnostics_size() - 1
 *
 * The messages are in the order they were found; those of one sb_check() call in the
 * order of the data.
 *
 * Thread safety: the list's thread.
 *
 * Returns: (transfer none) (nullable): message @index, owned by the list and valid until
 *   it is freed; %NULL past the end.
 */
SB_API const SbDiagnostic *sb_diagnostics_get(const SbDiagnostics *diags, guint index);

/**
 * sb_diagnostics_count:
 * @diags: a list
 * @severity: which messages to count
 *
 * Thread safety: the list's thread.
 *
 * Returns: the number of messages of that severity.
 */
SB_API guint sb_diagnostics_count(const SbDiagnostics *diags, SbSeverity severity);

/**
 * sb_diagnostics_format:
 * @diags: a list
 *
 * All messages, one a line, as a compiler writes them: "file:line:col: error: …", in
 * Chinese when sb_locale_is_chinese() says so, else in English.
 *
 * Thread safety: the list's thread.
 *
 * Returns: (transfer full): the text ("" for an empty list); free it with g_free().
 */
SB_API char *sb_diagnostics_format(const SbDiagnostics *diags);

/**
 * sb_diagnostics_io_failed:
 * @diags: a list
 *
 * Thread safety: the list's thread.
 *
 * Returns: %TRUE when a file could not be read at all (missing, unreadable, a folder):
 *   an I/O error rather than invalid data.
 */
SB_API gboolean sb_diagnostics_io_failed(const SbDiagnostics *diags);

/**
 * sb_diagnostics_make_strict:
 * @diags: a list
 *
 * Turns every warning already in the list into an error (the command line's --strict).
 *
 * Thread safety: the list's thread.
 */
SB_API void sb_diagnostics_make_strict(SbDiagnostics *diags);

/**
 * sb_diagnostic_severity:
 * @diag: a message
 *
 * Thread safety: its list's thread.
 *
 * Returns: how bad it is.
 */
SB_API SbSeverity sb_diagnostic_severity(const SbDiagnostic *diag);

/**
 * sb_diagnostic_file:
 * @diag: a message
 *
 * Thread safety: its list's thread.
 *
 * Returns: (transfer none) (nullable): the data file it is about, as it was named to
 *   sb_data_load() or sb_data_load_bytes(); %NULL when it has none.  Owned by the message.
 */
SB_API const char *sb_diagnostic_file(const SbDiagnostic *diag);

/**
 * sb_diagnostic_line:
 * @diag: a message
 *
 * Thread safety: its list's thread.
 *
 * Returns: the line it is about, from 1; 0 when it is about the whole file.
 */
SB_API guint sb_diagnostic_line(const SbDiagnostic *diag);

/**
 * sb_diagnostic_column:
 * @diag: a message
 *
 * Thread safety: its list's thread.
 *
 * Returns: the column, from 1, counted in characters; 0 when there is none.
 */
SB_API guint sb_diagnostic_column(const SbDiagnostic *diag);

/**
 * sb_diagnostic_path:
 * @diag: a message
 *
 * The data path of the value at the message's position, with list items numbered from
 * 0: "participants[1].name".  A message about a map, or about a key that is the first
 * of its map, has the map's path.
 *
 * Thread safety: its list's thread.
 *
 * Returns: (transfer none) (nullable): the path, owned by the message; %NULL when the
 *   position is no value's (a syntax error) or the message is about the whole file.
 */
SB_API const char *sb_diagnostic_path(const SbDiagnostic *diag);

/**
 * sb_diagnostic_message:
 * @diag: a message
 * @language: which of its two texts
 *
 * The text alone, without position or severity: "统一社会信用代码校验位不正确：应为 D".
 *
 * Thread safety: its list's thread.
 *
 * Returns: (transfer none): the text, owned by the message.
 */
SB_API const char *sb_diagnostic_message(const SbDiagnostic *diag, SbLanguage language);

/**
 * sb_locale_is_chinese:
 *
 * Reads LC_ALL, LC_MESSAGES and LANG as setlocale() does.
 *
 * Thread safety: any thread (it reads the environment).
 *
 * Returns: %TRUE when messages should be in Chinese (a zh locale).
 */
SB_API gboolean sb_locale_is_chinese(void);

/* ---- the catalog of forms ---- */

/**
 * SbCatalog:
 *
 * The forms and reference lists of a data folder, with custom folders layered over it.
 * It owns the forms it returns.  A catalog and its forms belong to one thread at a time,
 * except that sb_bind(), sb_fonts_open() and sb_catalog_data_dir() only read them and
 * may run in several threads at once.
 */
typedef struct SbCatalog SbCatalog;

/**
 * SbForm:
 *
 * A form definition, owned by its #SbCatalog and valid until the catalog is freed.
 */
typedef struct SbForm SbForm;

/**
 * SbFormInfo:
 * @id: the form's id, "miit-2025-application"
 * @edition: the year of its edition, "2025"
 * @title: its title, "高端医疗装备推广应用项目申报书（模板）"
 * @source: the document that published it
 *
 * What a catalog lists of a form.  Owned by the catalog.
 */
typedef struct {
    const char *id;
    const char *edition;
    const char *title;
    const char *source;
} SbFormInfo;

/**
 * sb_catalog_open:
 * @data_dir: (nullable) (type filename): a data folder holding templates/ and fonts/,
 *   or %NULL for the installed data
 * @error: return location for an error (%SB_ERROR_IO)
 *
 * Opens the forms of a data folder.  With %NULL, the installed data is found beside the
 * library (share/shenbao relative to its lib folder, so a moved installation works), and
 * the folders named by the environment variable SHENBAO_DATADIR (separated by ':', the
 * first on top) are layered over it as by sb_catalog_add_folder().  An explicit folder
 * is opened alone.  Only each definition's root element is read here.
 *
 * Thread safety: any thread; the catalog belongs to the calling thread.
 *
 * Returns: (transfer full) (nullable): the catalog, to free with sb_catalog_free(); %NULL
 *   with @error set when the folder (or one in SHENBAO_DATADIR) holds no forms.
 */
SB_API SbCatalog *sb_catalog_open(const char *data_dir, GError **error);

/**
 * sb_catalog_add_folder:
 * @catalog: a catalog
 * @folder: (type filename): a folder laid out like the data folder: templates/YEAR/
 *   for forms, templates/lists/ for reference lists
 * @error: return location for an error (%SB_ERROR_IO)
 *
 * Layers a folder of custom forms over the catalog: its forms and lists add to those
 * already there, and replace those with the same id.  Forms are validated against the
 * data folder's templates/form.rng, and fonts always come from the data folder.  Forms
 * the catalog has already returned keep the lists they were loaded with.
 *
 * Thread safety: the catalog's thread.
 *
 * Returns: %TRUE, or %FALSE with @error set when the folder has no templates/ folder.
 */
SB_API gboolean sb_catalog_add_folder(SbCatalog *catalog, const char *folder, GError **error);

/**
 * sb_catalog_free:
 * @catalog: (nullable) (transfer full): a catalog, or %NULL
 *
 * Frees the catalog and its forms; documents bound from them stay valid.
 *
 * Thread safety: the catalog's thread, with no sb_bind() on its forms running.
 */
SB_API void sb_catalog_free(SbCatalog *catalog);

/**
 * sb_catalog_size:
 * @catalog: a catalog
 *
 * Thread safety: the catalog's thread.
 *
 * Returns: the number of forms, custom ones included.
 */
SB_API guint sb_catalog_size(const SbCatalog *catalog);

/**
 * sb_catalog_info:
 * @catalog: a catalog
 * @index: from 0 to sb_catalog_size() - 1; forms are sorted by edition, then id
 *
 * Thread safety: the catalog's thread.
 *
 * Returns: (transfer none) (nullable): form @index, owned by the catalog; %NULL past the
 *   end.
 */
SB_API const SbFormInfo *sb_catalog_info(const SbCatalog *catalog, guint index);

/**
 * sb_catalog_data_dir:
 * @catalog: a catalog
 *
 * Thread safety: any thread (the folder never changes).
 *
 * Returns: (transfer none) (type filename): the data folder the catalog was opened on
 *   (the one whose fonts are used), owned by the catalog.
 */
SB_API const char *sb_catalog_data_dir(const SbCatalog *catalog);

/**
 * sb_catalog_form:
 * @catalog: a catalog
 * @id: a form id, "miit-2025-application"
 * @error: return location for an error (%SB_ERROR_UNKNOWN, %SB_ERROR_FORM)
 *
 * The form with that id, loaded and validated the first time it is asked for.
 *
 * Thread safety: any thread, several at once: the first call for a form loads it
 *   under the catalog's lock and the others wait for it; not while sb_catalog_add_folder()
 *   or sb_catalog_free() runs.
 *
 * Returns: (transfer none) (nullable): the form, owned by the catalog; %NULL with
 *   @error set for an unknown id or a broken definition.
 */
SB_API SbForm *sb_catalog_form(SbCatalog *catalog, const char *id, GError **error);

/**
 * sb_catalog_nearest_form:
 * @catalog: a catalog
 * @id: a form id that names no form, "miit-2025-aplication"
 *
 * For "did you mean" suggestions.
 *
 * Thread safety: the catalog's thread.
 *
 * Returns: (transfer none) (nullable): the id of the catalog's form nearest to @id, owned
 *   by the catalog; %NULL when none is near enough to be meant.
 */
SB_API const char *sb_catalog_nearest_form(const SbCatalog *catalog, const char *id);

/**
 * SbListInfo:
 * @id: the list's id, "miit-2025-key-products"
 * @title: its title, "2025年重点产品清单"
 * @source: the document and annex that published it
 * @size: the number of items
 *
 * A reference list published with the documents (重点产品清单 …), whose items choice
 * fields take.  Owned by the catalog.
 */
typedef struct {
    const char *id;
    const char *title;
    const char *source;
    guint size;
} SbListInfo;

/**
 * sb_catalog_list_count:
 * @catalog: a catalog
 *
 * Reads the lists the first time it is called.
 *
 * Thread safety: any thread, several at once (the lists are read once, under the
 *   catalog's lock); not while sb_catalog_add_folder() or sb_catalog_free() runs.
 *
 * Returns: the number of reference lists.
 */
SB_API guint sb_catalog_list_count(const SbCatalog *catalog);

/**
 * sb_catalog_list_info:
 * @catalog: a catalog
 * @index: from 0 to sb_catalog_list_count() - 1; lists are sorted by id
 *
 * Thread safety: any thread, several at once (the lists are read once, under the
 *   catalog's lock); not while sb_catalog_add_folder() or sb_catalog_free() runs.
 *
 * Returns: (transfer none) (nullable): list @index, owned by the catalog; %NULL past the
 *   end.
 */
SB_API const SbListInfo *sb_catalog_list_info(const SbCatalog *catalog, guint index);

/**
 * sb_catalog_list_item:
 * @catalog: a catalog
 * @list_id: a list id
 * @index: the item, from 0
 * @name: (out) (transfer none): the value a field takes, "光子计数探测器CT"
 * @group: (out) (transfer none) (nullable): its group, "诊断检验类", or %NULL
 * @text: (out) (transfer none): its text (指标要求), or ""
 *
 * One item of a list.  The strings are owned by the catalog.
 *
 * Thread safety: any thread, several at once (the lists are read once, under the
 *   catalog's lock); not while sb_catalog_add_folder() or sb_catalog_free() runs.
 *
 * Returns: %TRUE, or %FALSE past the end or for an unknown list (the outputs are then
 *   left alone).
 */
SB_API gboolean sb_catalog_list_item(const SbCatalog *catalog, const char *list_id, guint index,
                                     const char **name, const char **group, const char **text);

/**
 * sb_form_info:
 * @form: a form
 *
 * Thread safety: the catalog's thread, or any thread while only sb_bind() runs.
 *
 * Returns: (transfer none): its id, edition, title and source, owned by the form.
 */
SB_API const SbFormInfo *sb_form_info(const SbForm *form);

/**
 * sb_form_yaml_skeleton:
 * @form: a form
 *
 * A YAML skeleton of every field, with its Chinese label and limits as comments: what
 * `shenbao init` prints.
 *
 * Thread safety: the catalog's thread.
 *
 * Returns: (transfer full): the YAML text; free it with g_free().
 */
SB_API char *sb_form_yaml_skeleton(const SbForm *form);

/**
 * sb_form_json_schema:
 * @form: a form
 *
 * The JSON Schema (draft 2020-12) of the form's data, which agrees with sb_check().
 *
 * Thread safety: the catalog's thread.
 *
 * Returns: (transfer full): the schema as JSON text; free it with g_free().
 */
SB_API char *sb_form_json_schema(const SbForm *form);

/* ---- data ---- */

/**
 * SbData:
 *
 * A loaded data file: the values of one application, each with its position.  Immutable
 * once loaded: several threads may read it at once.
 */
typedef struct SbData SbData;

/**
 * sb_data_load:
 * @path: (type filename): a YAML or JSON file, at most 8 MiB; "-" reads standard input
 * @diags: where the reasons go when it can't be loaded
 *
 * Loads YAML (.yaml, .yml) or JSON (.json, or any other name whose content starts with
 * '{').  Hostile input is refused with a message: deep nesting, alias bombs, invalid
 * UTF-8, control characters.  Messages name the file as @path gives it (standard input
 * as `<stdin>`).
 *
 * Thread safety: any thread, with @diags belonging to it.
 *
 * Returns: (transfer full) (nullable): the data, to free with sb_data_free(); %NULL when
 *   the file can't be read or parsed, with the reason in @diags.
 */
SB_API SbData *sb_data_load(const char *path, SbDiagnostics *diags);

/**
 * sb_data_load_bytes:
 * @bytes: the text of a YAML or JSON document, at most 8 MiB
 * @name: (nullable): the name messages give the data, "upload.yaml"; its extension picks
 *   the format as in sb_data_load().  %NULL: no name, the format by content
 * @diags: where the reasons go when it can't be loaded
 *
 * Loads data from memory, with the same checks as sb_data_load().  @bytes is not kept.
 *
 * Thread safety: any thread, with @diags belonging to it.
 *
 * Returns: (transfer full) (nullable): the data, to free with sb_data_free(); %NULL when
 *   it can't be parsed, with the reason in @diags.
 */
SB_API SbData *sb_data_load_bytes(GBytes *bytes, const char *name, SbDiagnostics *diags);

/**
 * sb_data_free:
 * @data: (nullable) (transfer full): data, or %NULL
 *
 * Documents bound from the data stay valid.
 *
 * Thread safety: any thread, once no other thread uses the data.
 */
SB_API void sb_data_free(SbData *data);

/**
 * sb_data_form_id:
 * @data: (nullable): data
 *
 * Thread safety: any thread.
 *
 * Returns: (transfer none) (nullable): the value of its `form:` key, owned by the data;
 *   %NULL when it has none.
 */
SB_API const char *sb_data_form_id(const SbData *data);

/**
 * sb_catalog_form_of:
 * @catalog: a catalog
 * @data: data
 * @diags: where a missing `form:` key or an unknown id is reported, at its position
 * @unknown: (out) (optional): %TRUE when the id names no form (rather than the key
 *   missing, or the form being broken)
 *
 * The form the data's `form:` key names.
 *
 * Thread safety: any thread, as sb_catalog_form(), with @diags belonging to it.
 *
 * Returns: (transfer none) (nullable): the form, owned by the catalog; %NULL when the
 *   key is missing or names no loadable form.
 */
SB_API SbForm *sb_catalog_form_of(SbCatalog *catalog, const SbData *data, SbDiagnostics *diags,
                                  gboolean *unknown);

/**
 * sb_check:
 * @form: the data's form
 * @data: data
 * @diags: where the messages go
 *
 * Checks data against its form: keys, field types and limits, check digits, row counts,
 * then the rules of the form's document.  Appends its messages to @diags in the order of
 * the data, each with its data path.
 *
 * Thread safety: the catalog's thread, with @diags belonging to it.
 *
 * Returns: %TRUE when it found no error (warnings allowed).
 */
SB_API gboolean sb_check(const SbForm *form, const SbData *data, SbDiagnostics *diags);

/**
 * sb_check_across:
 * @catalog: the catalog the files' forms come from
 * @files: (array zero-terminated=1): data files each already checked on its own with
 *   sb_check()
 * @diags: where the messages go, each with its file
 *
 * The rules across applications (those of sb_compile()): the applications among @files
 * are read again and what concerns each beside the others is added to @diags — a unit in
 * more than three projects or in two consortia of one category, a project given twice.
 *
 * Thread safety: the catalog's thread, with @diags belonging to it.
 *
 * Returns: %TRUE when they give no error.
 */
SB_API gboolean sb_check_across(SbCatalog *catalog, const char *const *files, SbDiagnostics *diags);

/* ---- documents ---- */

/**
 * SbDocument:
 *
 * A form with its data merged in: what the writers write.  It holds copies of all it
 * needs, so it outlives its form and data, and it is immutable: several threads may
 * write it at once.
 */
typedef struct SbDocument SbDocument;

/**
 * sb_bind:
 * @form: a form
 * @data: (nullable): data for the form (checked with sb_check() first), or %NULL for the
 *   blank form
 *
 * Merges data into the form.
 *
 * Thread safety: any thread; sb_bind() calls on forms of one catalog may run at once,
 *   while nothing else uses the catalog.
 *
 * Returns: (transfer full): the document, to free with sb_document_free().
 */
SB_API SbDocument *sb_bind(const SbForm *form, const SbData *data);

/**
 * sb_document_free:
 * @doc: (nullable) (transfer full): a document, or %NULL
 *
 * Thread safety: any thread, once no writer uses it.
 */
SB_API void sb_document_free(SbDocument *doc);

/* ---- writers ---- */

/**
 * SbFonts:
 *
 * The data folder's fonts, seen through a private fontconfig configuration: output never
 * depends on the fonts a machine has.  Fonts belong to one thread at a time; to write
 * PDFs in parallel, open fonts in each thread.
 */
typedef struct SbFonts SbFonts;

/**
 * sb_fonts_open:
 * @catalog: the catalog whose data folder has the fonts
 * @error: return location for an error (%SB_ERROR_FONTS)
 *
 * Opens the fonts a PDF is typeset with.  Opening takes a lock of its own (it makes its
 * configuration fontconfig's current one), so threads may open fonts at once.
 *
 * Thread safety: any thread (it reads only the catalog's data folder); the fonts belong
 *   to the calling thread.
 *
 * Returns: (transfer full) (nullable): the fonts, to free with sb_fonts_free(); %NULL
 *   with @error set when a font file is missing.
 */
SB_API SbFonts *sb_fonts_open(const SbCatalog *catalog, GError **error);

/**
 * sb_fonts_free:
 * @fonts: (nullable) (transfer full): fonts, or %NULL
 *
 * Thread safety: the fonts' thread.
 */
SB_API void sb_fonts_free(SbFonts *fonts);

/**
 * sb_write_pdf:
 * @doc: a document
 * @fonts: fonts from sb_fonts_open()
 * @path: (type filename): the file to write
 * @error: return location for an error (%SB_ERROR_IO)
 *
 * Writes the print-ready PDF: A4, fonts embedded as subsets, an outline, fixed metadata
 * dates, so the same document gives the same bytes.  The file is written to a temporary
 * file beside @path and renamed into place: a failure leaves nothing behind and leaves
 * an existing @path as it was.
 *
 * Thread safety: the fonts' thread.
 *
 * Returns: %TRUE when the file is in place.
 */
SB_API gboolean sb_write_pdf(const SbDocument *doc, SbFonts *fonts, const char *path, GError **error);

/**
 * sb_write_pdf_to_stream:
 * @doc: a document
 * @fonts: fonts from sb_fonts_open()
 * @stream: where the PDF goes; left open
 * @cancellable: (nullable): stops the writing to @stream
 * @error: return location for an error: the stream's own (%G_IO_ERROR) when writing to
 *   it fails
 *
 * Writes the same bytes as sb_write_pdf(), as they are made.  On a failure the stream
 * may have received part of them.
 *
 * Thread safety: the fonts' thread; the stream must not be used meanwhile.
 *
 * Returns: %TRUE when the whole PDF was written.
 */
SB_API gboolean sb_write_pdf_to_stream(const SbDocument *doc, SbFonts *fonts, GOutputStream *stream,
                                       GCancellable *cancellable, GError **error);

/**
 * sb_write_pdf_to_bytes:
 * @doc: a document
 * @fonts: fonts from sb_fonts_open()
 * @error: return location for an error
 *
 * Thread safety: the fonts' thread.
 *
 * Returns: (transfer full) (nullable): the bytes sb_write_pdf() writes, to release with
 *   g_bytes_unref(); %NULL with @error set on a failure.
 */
SB_API GBytes *sb_write_pdf_to_bytes(const SbDocument *doc, SbFonts *fonts, GError **error);

/**
 * sb_write_docx:
 * @doc: a document
 * @path: (type filename): the file to write
 * @error: return location for an error (%SB_ERROR_IO, or %SB_ERROR_DATA for text a DOCX
 *   can't carry)
 *
 * Writes WordprocessingML with every field a content control tagged with its data path,
 * reproducibly (fixed zip times and order).  Atomic like sb_write_pdf().
 *
 * Thread safety: any thread.
 *
 * Returns: %TRUE when the file is in place.
 */
SB_API gboolean sb_write_docx(const SbDocument *doc, const char *path, GError **error);

/**
 * sb_write_docx_to_stream:
 * @doc: a document
 * @stream: where the DOCX goes; left open
 * @cancellable: (nullable): stops the writing to @stream
 * @error: return location for an error (%SB_ERROR_DATA, or the stream's own)
 *
 * Writes the same bytes as sb_write_docx().  The package is built in memory first, so
 * an error in the document reaches the stream as no bytes at all.
 *
 * Thread safety: any thread; the stream must not be used meanwhile.
 *
 * Returns: %TRUE when the whole document was written.
 */
SB_API gboolean sb_write_docx_to_stream(const SbDocument *doc, GOutputStream *stream,
                                        GCancellable *cancellable, GError **error);

/**
 * sb_write_docx_to_bytes:
 * @doc: a document
 * @error: return location for an error (%SB_ERROR_DATA)
 *
 * Thread safety: any thread.
 *
 * Returns: (transfer full) (nullable): the bytes sb_write_docx() writes, to release with
 *   g_bytes_unref(); %NULL with @error set on a failure.
 */
SB_API GBytes *sb_write_docx_to_bytes(const SbDocument *doc, GError **error);

/**
 * sb_write_odt:
 * @doc: a document
 * @path: (type filename): the file to write
 * @error: return location for an error (%SB_ERROR_IO, or %SB_ERROR_DATA for text an ODT
 *   can't carry)
 *
 * Writes OpenDocument 1.3 text with every field findable again, reproducibly, `mimetype`
 * stored first.  Atomic like sb_write_pdf().
 *
 * Thread safety: any thread.
 *
 * Returns: %TRUE when the file is in place.
 */
SB_API gboolean sb_write_odt(const SbDocument *doc, const char *path, GError **error);

/**
 * sb_write_odt_to_stream:
 * @doc: a document
 * @stream: where the ODT goes; left open
 * @cancellable: (nullable): stops the writing to @stream
 * @error: return location for an error (%SB_ERROR_DATA, or the stream's own)
 *
 * Writes the same bytes as sb_write_odt(), built in memory first like
 * sb_write_docx_to_stream().
 *
 * Thread safety: any thread; the stream must not be used meanwhile.
 *
 * Returns: %TRUE when the whole document was written.
 */
SB_API gboolean sb_write_odt_to_stream(const SbDocument *doc, GOutputStream *stream,
                                       GCancellable *cancellable, GError **error);

/**
 * sb_write_odt_to_bytes:
 * @doc: a document
 * @error: return location for an error (%SB_ERROR_DATA)
 *
 * Thread safety: any thread.
 *
 * Returns: (transfer full) (nullable): the bytes sb_write_odt() writes, to release with
 *   g_bytes_unref(); %NULL with @error set on a failure.
 */
SB_API GBytes *sb_write_odt_to_bytes(const SbDocument *doc, GError **error);

/* ---- reading documents back ---- */

/**
 * sb_extract:
 * @catalog: the catalog that has the document's form
 * @path: (type filename): a DOCX or ODT that shenbao wrote, possibly edited and re-saved
 *   in Word, WPS or LibreOffice since
 * @error: return location for an error (%SB_ERROR_IO, %SB_ERROR_UNKNOWN)
 *
 * Reads the document back into data for its form.  Zip bombs, path tricks and external
 * entities are refused.  What cannot be placed in the data is left out without a word:
 * sb_extract_report() says what it was.
 *
 * Thread safety: the catalog's thread.
 *
 * Returns: (transfer full) (nullable): the data as YAML text, to free with g_free();
 *   %NULL with @error set for a file that is not such a document or looks hostile.
 */
SB_API char *sb_extract(SbCatalog *catalog, const char *path, GError **error);

/**
 * sb_extract_report:
 * @catalog: the catalog that has the document's form
 * @path: (type filename): a DOCX or ODT that shenbao wrote, possibly edited since
 * @diags: (nullable): the list that gets an error for each thing in the document that
 *   could not be placed in the data (text outside every field, a list item beyond the
 *   form's maximum, two ticks in a one-choice group, a mark that is no data path of the
 *   form …), saying where in the document it is; owned by the caller
 * @error: return location for an error (%SB_ERROR_IO, %SB_ERROR_UNKNOWN)
 *
 * sb_extract(), telling what it left out.  The data it returns holds everything that
 * could be placed.
 *
 * Thread safety: the catalog's thread; @diags is not shared with another thread meanwhile.
 *
 * Returns: (transfer full) (nullable): the data as YAML text, to free with g_free();
 *   %NULL with @error set for a file that is not such a document or looks hostile.
 */
SB_API char *sb_extract_report(SbCatalog *catalog, const char *path, SbDiagnostics *diags, GError **error);

/* g_autoptr() for every type the caller owns.  SbForm, SbDiagnostic and the info structs
 * belong to their catalog or list and have none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SbDiagnostics, sb_diagnostics_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SbCatalog, sb_catalog_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SbData, sb_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SbDocument, sb_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SbFonts, sb_fonts_free)

/* ---- compiling a folder of applications ---- */

/**
 * SbCompileFormat:
 * @SB_COMPILE_PDF: PDF files
 * @SB_COMPILE_DOCX: DOCX files
 * @SB_COMPILE_ODT: ODT files
 * @SB_COMPILE_XLSX: the summary as a spreadsheet
 * @SB_COMPILE_ALL: all of them
 *
 * What a compile writes besides the data files (YAML), which it always writes.
 */
typedef enum {
    SB_COMPILE_PDF = 1 << 0,
    SB_COMPILE_DOCX = 1 << 1,
    SB_COMPILE_ODT = 1 << 2,
    SB_COMPILE_XLSX = 1 << 3,
    SB_COMPILE_ALL = 15,
} SbCompileFormat;

/**
 * SbCompileStage:
 * @SB_COMPILE_READING: an application is read and checked
 * @SB_COMPILE_WRITING: an output file is written
 *
 * What a compile is doing when it calls its #SbCompileProgress.
 */
typedef enum {
    SB_COMPILE_READING,
    SB_COMPILE_WRITING,
} SbCompileStage;

/**
 * SbCompileProgress:
 * @stage: what is being done
 * @done: how many files of this stage are finished
 * @total: how many there are
 * @file: the file being started
 * @user_data: the options' @progress_data
 *
 * Called as each file is started; never from two threads at once.
 */
typedef void (*SbCompileProgress)(SbCompileStage stage, guint done, guint total, const char *file,
                                  gpointer user_data);

/**
 * SbCompileOptions:
 * @output_dir: the folder written into, created when missing
 * @formats: #SbCompileFormat flags; 0 means all
 * @strict: warnings in an application make it invalid
 * @progress: (nullable): called as each file is started
 * @progress_data: passed to @progress
 * @stop: (nullable): another thread (a signal handler's) sets it non-zero with
 *   g_atomic_int_set() to stop the run; then nothing of it is left in @output_dir
 * @force: replace files in @output_dir that no compile wrote, or that were changed since
 *   the last compile wrote them (the folder's record, .shenbao-files, tells)
 *
 * How sb_compile() runs.  The caller owns it and its strings.
 */
typedef struct {
    const char *output_dir;
    guint formats;
    gboolean strict;
    SbCompileProgress progress;
    gpointer progress_data;
    const gint *stop;
    gboolean force;
} SbCompileOptions;

/**
 * SbVerdict:
 * @SB_APPLICATION_VALID: valid
 * @SB_APPLICATION_INVALID: it has errors of its own
 * @SB_APPLICATION_INVALIDATED: valid alone, invalid beside another application
 *
 * What a compile made of one application.
 */
typedef enum {
    SB_APPLICATION_VALID,
    SB_APPLICATION_INVALID,
    SB_APPLICATION_INVALIDATED,
} SbVerdict;

/**
 * SbCompileResult:
 *
 * What a compile did: the verdict on every application and the report.
 */
typedef struct SbCompileResult SbCompileResult;

/**
 * sb_compile:
 * @catalog: the catalog
 * @inputs: (array zero-terminated=1): files, or folders searched for .yaml, .yml, .json,
 *   .docx and .odt
 * @options: how to run; @options->output_dir is required
 * @error: a #GError, or %NULL
 *
 * Reads the applications of miit-2025-application and cq-2025-application, checks each
 * and the rules across them, and writes into the output folder the 推荐汇总表 of the valid
 * national ones (and the Chongqing 申请表 of the valid Chongqing ones) with their data
 * files and XLSX, a 审查表 of both departments per national project, and a report on every
 * application (检查报告.txt).  Everything is written to temporary files first and renamed
 * at the end; files a previous compile wrote there and this one does not are removed.
 *
 * Thread safety: the catalog's thread; it renders on several threads of its own.
 *
 * Returns: (transfer full) (nullable): the result, to free with sb_compile_result_free();
 *   %NULL with @error set, and nothing written, when an input can't be found or is given
 *   twice, the folder can't be written, a file there would be replaced that no compile
 *   wrote, or the run was stopped (%SB_ERROR_STOPPED).
 */
SB_API SbCompileResult *sb_compile(SbCatalog *catalog, const char *const *inputs,
                                   const SbCompileOptions *options, GError **error);

/**
 * sb_compile_result_free:
 * @result: (nullable) (transfer full): a result, or %NULL
 *
 * Thread safety: any thread.
 */
SB_API void sb_compile_result_free(SbCompileResult *result);

/**
 * sb_compile_count:
 * @result: a result
 * @verdict: a verdict
 *
 * Thread safety: any thread.
 *
 * Returns: how many applications got @verdict.
 */
SB_API guint sb_compile_count(const SbCompileResult *result, SbVerdict verdict);

/**
 * sb_compile_report:
 * @result: a result
 *
 * The report, as written into 检查报告.txt: every application with its verdict and its
 * messages, and a one-line summary at the end, in the language of the locale.
 *
 * Thread safety: any thread.
 *
 * Returns: (transfer none): the text, owned by @result.
 */
SB_API const char *sb_compile_report(const SbCompileResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(SbCompileResult, sb_compile_result_free)

/**
 * SbFileSet:
 *
 * Files written into one folder together, as one change: each is written to a temporary
 * file beside its name, and only when all of them are written are they renamed into
 * place (each synced, then the folder), so a failure or a signal leaves the folder as it
 * was.  The folder keeps a record, `.shenbao-files`, of what shenbao last wrote there
 * (each file's SHA-256 and what it was made from); a file already there is replaced only
 * when it is still exactly what the record says it wrote from the same source, unless
 * the set was made with force.
 */
typedef struct SbFileSet SbFileSet;

/**
 * SbFileSetWriteFunc:
 * @stream: the temporary file; the caller closes it
 * @user_data: what sb_file_set_write() was given
 * @error: return location for an error
 *
 * Writes one file's content.
 *
 * Returns: %TRUE when all of it was written.
 */
typedef gboolean (*SbFileSetWriteFunc)(GOutputStream *stream, gpointer user_data, GError **error);

/**
 * sb_file_set_new:
 * @dir: (type filename): the folder; made (with its parents) by sb_file_set_commit()
 * @force: replace files already there even when shenbao did not write them, or they
 *   were changed since
 *
 * Thread safety: any thread; the set then belongs to it, except for sb_file_set_write().
 *
 * Returns: (transfer full): an empty set, to end with sb_file_set_free().
 */
SB_API SbFileSet *sb_file_set_new(const char *dir, gboolean force);

/**
 * sb_file_set_add:
 * @set: a set
 * @name: the file's name in the folder (no folder part)
 * @source: what the file is made from, as the record keeps it (an input's path, a form
 *   id); a file is replaced without force only by a run from the same source
 * @error: return location for an error (%SB_ERROR_IO)
 *
 * Claims a name before anything is written.  It fails when another file of the set has
 * the same name (as a case-blind file system sees it), and, without force, when a file of
 * that name is there that the record does not show as shenbao's last output from @source
 * (a DOCX edited since, a file shenbao never wrote); the message says why it is kept.
 *
 * Thread safety: the set's thread.
 *
 * Returns: %TRUE when the name is the set's.
 */
SB_API gboolean sb_file_set_add(SbFileSet *set, const char *name, const char *source, GError **error);

/**
 * sb_file_set_write:
 * @set: a set
 * @name: a name sb_file_set_add() claimed
 * @write: (scope call): writes the content
 * @user_data: for @write
 * @error: return location for an error (%SB_ERROR_IO "cannot write DIR/NAME: reason",
 *   or @write's own of %SHENBAO_ERROR)
 *
 * Writes the file's content to its temporary file, and syncs it.
 *
 * Thread safety: any thread, several at once for different names, while the set's own
 * thread waits for them.
 *
 * Returns: %TRUE when the content is written.
 */
SB_API gboolean sb_file_set_write(SbFileSet *set, const char *name, SbFileSetWriteFunc write,
                                  gpointer user_data, GError **error);

/**
 * sb_file_set_commit:
 * @set: a set whose every name is written
 * @error: return location for an error (%SB_ERROR_IO)
 *
 * Renames every file into place, syncs the folder and updates the record.
 *
 * Thread safety: the set's thread.
 *
 * Returns: %TRUE when all the files are in place and recorded.
 */
SB_API gboolean sb_file_set_commit(SbFileSet *set, GError **error);

/**
 * sb_file_set_free:
 * @set: (nullable) (transfer full): a set, or %NULL
 *
 * Removes the temporary files of a set not committed.
 *
 * Thread safety: the set's thread.
 */
SB_API void sb_file_set_free(SbFileSet *set);

/**
 * sb_discard_temporaries:
 *
 * Removes every temporary file the library is writing, in any thread, for a program that
 * is about to end on a signal.  From then on the library makes and renames no file: a
 * thread that tries waits for the end.
 *
 * Thread safety: any thread but a signal handler (a thread of the program's that waits
 * for its signals, as sigwait() does).
 */
SB_API void sb_discard_temporaries(void);

G_END_DECLS

#endif
