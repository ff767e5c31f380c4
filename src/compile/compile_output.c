/* Writing a compile's files: names, the checks before anything is written, the files
 * themselves on one thread per processor into a temporary folder inside the output
 * folder, then the renames into place and the removal of what the previous compile
 * wrote and this one does not.  What a compile wrote is kept in the folder's record of
 * shenbao's outputs (.shenbao-files, file_record.h), with checksums, so that the next one
 * knows which files are its own and which were changed since. */
#include "compile_output.h"

#include "file_record.h"
#include "util.h"
#include "xlsx.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define COMPILE_SOURCE "shenbao compile"
#define STAGING ".shenbao-compile-XXXXXX"
#define NAME_CHARS 40   /* of a project's name in a file name */

SbOutput *sb_output_new(SbForm *form, const char *base, const SbValue *root, const char *comment,
                        const SbYamlShare *share, gboolean spreadsheet)
{
    SbOutput *o = g_new0(SbOutput, 1);
    o->base = g_strdup(base);
    o->form = form;
    o->spreadsheet = spreadsheet;
    o->yaml = sb_yaml_write(root, comment, share);
    o->diags = sb_diagnostics_new();
    char *file = g_strconcat(base, ".yaml", NULL);
    o->data = sb_data_load_text(file, o->yaml, strlen(o->yaml), o->diags);
    if (o->data)
        sb_check(form, o->data, o->diags);
    g_free(file);
    return o;
}

void sb_output_free(gpointer p)
{
    SbOutput *o = p;
    g_free(o->base);
    g_free(o->yaml);
    sb_data_free(o->data);
    sb_diagnostics_free(o->diags);
    g_free(o);
}

char *sb_output_project_base(const char *what, guint number, guint count, const char *name)
{
    GString *s = g_string_new(NULL);
    guint chars = 0;
    for (const char *p = name ? name : ""; *p && chars < NAME_CHARS; p = g_utf8_next_char(p), chars++) {
        gunichar c = g_utf8_get_char(p);
        /* what Windows refuses in a name, and white space, which a shell splits at */
        if (g_unichar_iscntrl(c) || g_unichar_isspace(c) || (c < 128 && strchr("/\\:*?\"<>|", (int) c)))
            c = '_';
        g_string_append_unichar(s, c);
    }
    while (s->len && (s->str[s->len - 1] == '.' || s->str[s->len - 1] == '_'))
        g_string_truncate(s, s->len - 1);
    int digits = count >= 1000 ? 4 : count >= 100 ? 3 : 2;
    char *base = g_strdup_printf("%s-%0*u-%s", what, digits, number, s->len ? s->str : "项目");
    g_string_free(s, TRUE);
    return base;
}

/* ---- the names ---- */

static const struct {
    guint format;   /* 0: always */
    const char *ext;
} extensions[] = {
    { 0, ".yaml" }, { SB_COMPILE_PDF, ".pdf" }, { SB_COMPILE_DOCX, ".docx" },
    { SB_COMPILE_ODT, ".odt" }, { SB_COMPILE_XLSX, ".xlsx" },
};

static gboolean wanted(const SbOutputPlan *plan, const SbOutput *o, guint k)
{
    guint f = extensions[k].format;
    if (f == SB_COMPILE_XLSX && !o->spreadsheet)
        return FALSE;
    return f == 0 || (plan->formats & f);
}

/* Every file of the plan: each output's, then the report. */
static GPtrArray *plan_names(const SbOutputPlan *plan)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < plan->outputs->len; i++) {
        const SbOutput *o = plan->outputs->pdata[i];
        for (guint k = 0; k < G_N_ELEMENTS(extensions); k++)
            if (wanted(plan, o, k))
                g_ptr_array_add(names, g_strconcat(o->base, extensions[k].ext, NULL));
    }
    g_ptr_array_add(names, g_strdup(SB_COMPILE_REPORT));
    return names;
}

/* The names the previous compile into dir wrote, from the folder's record. */
static GHashTable *previous_names(GHashTable *record)
{
    GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTableIter it;
    gpointer name, value;
    g_hash_table_iter_init(&it, record);
    while (g_hash_table_iter_next(&it, &name, &value))
        if (strcmp(((SbRecorded *) value)->source, COMPILE_SOURCE) == 0)
            g_hash_table_add(names, g_strdup(name));
    return names;
}

/* No two names alike to a case-blind file system, and, unless forced, no file replaced
 * that is not a previous compile's, unchanged since. */
static gboolean check_names(const char *dir, GPtrArray *names, GHashTable *record, gboolean force,
                            GError **error)
{
    GHashTable *folded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    gboolean ok = TRUE;
    for (guint i = 0; i < names->len && ok; i++) {
        const char *name = names->pdata[i];
        char *nfc = g_utf8_normalize(name, -1, G_NORMALIZE_NFC), *key = g_utf8_casefold(nfc, -1);
        g_free(nfc);
        const char *other = g_hash_table_lookup(folded, key);
        char *path = g_build_filename(dir, name, NULL);
        char *why = NULL;
        if (other) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "two files would be named alike: %s and %s",
                        other, name);
            ok = FALSE;
        } else if (!force && g_file_test(path, G_FILE_TEST_EXISTS) && !g_hash_table_contains(record, name)) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s is there already and no compile wrote "
                        "it: move it away, compile into another folder, or give --force", path);
            ok = FALSE;
        } else if (!force && g_file_test(path, G_FILE_TEST_EXISTS)
                   && (why = sb_record_why_kept(record, dir, name, COMPILE_SOURCE))) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: kept (--force replaces it)", why);
            ok = FALSE;
        }
        g_free(why);
        g_hash_table_insert(folded, key, (gpointer) name);
        g_free(path);
    }
    g_hash_table_destroy(folded);
    return ok;
}

/* ---- writing ---- */

/* One run: the documents are taken in turn by the threads, each with fonts of its own. */
typedef struct {
    SbCatalog *catalog;
    const SbOutputPlan *plan;
    const char *staging;
    guint total;          /* files */
    gint next;            /* the next output to take */
    guint done;           /* files started */
    GMutex lock;          /* done, progress, error */
    GError *error;
    gint failed;
} Run;

static gboolean stopped(Run *r)
{
    return g_atomic_int_get(&r->failed) || (r->plan->stop && g_atomic_int_get(r->plan->stop));
}

static void started(Run *r, const char *name)
{
    g_mutex_lock(&r->lock);
    if (r->plan->progress)
        r->plan->progress(SB_COMPILE_WRITING, r->done, r->total, name, r->plan->progress_data);
    r->done++;
    g_mutex_unlock(&r->lock);
}

static void failed(Run *r, GError *error)
{
    g_mutex_lock(&r->lock);
    if (r->error == NULL)
        r->error = error;
    else
        g_error_free(error);
    g_atomic_int_set(&r->failed, 1);
    g_mutex_unlock(&r->lock);
}

static gboolean write_text(Run *r, const char *name, const char *text)
{
    started(r, name);
    char *path = g_build_filename(r->staging, name, NULL);
    GError *error = NULL;
    gboolean ok = g_file_set_contents(path, text, -1, &error);
    if (!ok)
        failed(r, error);
    g_free(path);
    return ok;
}

static gboolean write_format(const SbDocument *doc, SbFonts *fonts, guint format, const char *path,
                             GError **error)
{
    switch (format) {
    case SB_COMPILE_PDF: return sb_write_pdf(doc, fonts, path, error);
    case SB_COMPILE_DOCX: return sb_write_docx(doc, path, error);
    case SB_COMPILE_ODT: return sb_write_odt(doc, path, error);
    default: return sb_write_xlsx(doc, path, error);
    }
}

static void write_documents(Run *r, const SbOutput *o, SbFonts **fonts)
{
    if (o->data == NULL) {   /* its own data file did not read back: never write it blank */
        failed(r, g_error_new(SHENBAO_ERROR, SB_ERROR_DATA, "%s.yaml does not read back", o->base));
        return;
    }
    SbDocument *doc = NULL;
    for (guint k = 1; k < G_N_ELEMENTS(extensions) && !stopped(r); k++) {
        if (!wanted(r->plan, o, k))
            continue;
        char *name = g_strconcat(o->base, extensions[k].ext, NULL);
        char *path = g_build_filename(r->staging, name, NULL);
        GError *error = NULL;
        started(r, name);
        if (extensions[k].format == SB_COMPILE_PDF && !*fonts)
            *fonts = sb_fonts_open(r->catalog, &error);
        if (!doc)
            doc = sb_bind(o->form, o->data);
        if (error || !write_format(doc, *fonts, extensions[k].format, path, &error))
            failed(r, error);
        g_free(path);
        g_free(name);
    }
    sb_document_free(doc);
}

static gpointer worker(gpointer data)
{
    Run *r = data;
    SbFonts *fonts = NULL;   /* pango's font maps belong to one thread */
    for (gint i; !stopped(r) && (i = g_atomic_int_add(&r->next, 1)) < (gint) r->plan->outputs->len;)
        write_documents(r, r->plan->outputs->pdata[i], &fonts);
    sb_fonts_free(fonts);
    return NULL;
}

static void write_all(Run *r)
{
    const SbOutputPlan *plan = r->plan;
    for (guint i = 0; i < plan->outputs->len && !stopped(r); i++) {
        const SbOutput *o = plan->outputs->pdata[i];
        char *name = g_strconcat(o->base, ".yaml", NULL);
        write_text(r, name, o->yaml);
        g_free(name);
    }
    if (!stopped(r))
        write_text(r, SB_COMPILE_REPORT, plan->report);
    sb_compile_on_threads(worker, r, plan->outputs->len);
}

/* ---- into place ---- */

/* Empties and removes the temporary folder: only this run has written into it. */
static void remove_staging(const char *staging)
{
    GDir *dir = g_dir_open(staging, 0, NULL);
    for (const char *n; dir && (n = g_dir_read_name(dir));) {
        char *path = g_build_filename(staging, n, NULL);
        g_unlink(path);
        g_free(path);
    }
    if (dir)
        g_dir_close(dir);
    g_rmdir(staging);
}

/* The record with what this compile put in place; what it removed drops out. */
static gboolean write_record(const char *dir, GPtrArray *renamed, GError **error)
{
    GHashTable *record = sb_record_read(dir);
    for (guint i = 0; i < renamed->len; i++) {
        char *path = g_build_filename(dir, renamed->pdata[i], NULL);
        char *sha = sb_record_file_sha(path);
        if (sha)
            sb_record_set(record, renamed->pdata[i], sha, COMPILE_SOURCE);
        g_free(sha);
        g_free(path);
    }
    gboolean ok = sb_record_write(record, dir, error);
    g_hash_table_destroy(record);
    return ok;
}

/* Renames the new files into place, then removes the previous compile's that are not
 * among them. */
static gboolean commit(const char *dir, const char *staging, GPtrArray *names, GHashTable *previous,
                       GPtrArray *written, GError **error)
{
    gboolean ok = TRUE;
    GPtrArray *renamed = g_ptr_array_new();
    for (guint i = 0; i < names->len && ok; i++) {
        char *from = g_build_filename(staging, names->pdata[i], NULL);
        char *to = g_build_filename(dir, names->pdata[i], NULL);
        sb_sync_path(from);   /* a crash after the rename must not leave an empty file */
        ok = g_rename(from, to) == 0;
        if (!ok)
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", to, g_strerror(errno));
        else
            g_ptr_array_add(written, g_strdup(names->pdata[i]));
        if (ok)
            g_ptr_array_add(renamed, names->pdata[i]);
        g_free(from);
        g_free(to);
    }
    if (renamed->len > 0) {
        char *any = g_build_filename(dir, names->pdata[0], NULL);
        sb_sync_folder_of(any);
        g_free(any);
    }
    GHashTableIter it;
    gpointer old;
    g_hash_table_iter_init(&it, previous);
    while (ok && g_hash_table_iter_next(&it, &old, NULL)) {
        char *path = g_build_filename(dir, old, NULL);
        if (!g_ptr_array_find_with_equal_func(names, old, g_str_equal, NULL)
            && g_file_test(path, G_FILE_TEST_IS_REGULAR))
            g_unlink(path);
        g_free(path);
    }
    /* a failed rename leaves the old files, still in the record, as well */
    if (!ok)
        g_hash_table_iter_init(&it, previous);
    while (!ok && g_hash_table_iter_next(&it, &old, NULL))
        if (!g_ptr_array_find_with_equal_func(written, old, g_str_equal, NULL))
            g_ptr_array_add(written, g_strdup(old));
    gboolean recorded = write_record(dir, renamed, ok ? error : NULL);
    g_ptr_array_free(renamed, TRUE);
    return recorded && ok;
}

gboolean sb_output_write(SbCatalog *catalog, const SbOutputPlan *plan, GPtrArray *written,
                         GError **error)
{
    GPtrArray *names = plan_names(plan);
    GHashTable *record = sb_record_read(plan->dir);
    GHashTable *previous = previous_names(record);
    gboolean made = !g_file_test(plan->dir, G_FILE_TEST_EXISTS);
    char *staging = NULL;
    gboolean ok = check_names(plan->dir, names, record, plan->force, error);
    g_hash_table_destroy(record);
    if (ok && g_mkdir_with_parents(plan->dir, 0777) != 0) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot create the folder %s: %s", plan->dir,
                    g_strerror(errno));
        ok = made = FALSE;
    }
    if (ok) {
        staging = g_build_filename(plan->dir, STAGING, NULL);
        ok = g_mkdtemp(staging) != NULL;
        if (!ok)
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write into %s: %s", plan->dir,
                        g_strerror(errno));
    }
    if (ok) {
        Run r = { .catalog = catalog, .plan = plan, .staging = staging, .total = names->len };
        g_mutex_init(&r.lock);
        write_all(&r);
        g_mutex_clear(&r.lock);
        ok = !stopped(&r);
        if (r.error)
            g_propagate_error(error, r.error);
        else if (!ok)
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_STOPPED, "stopped: nothing was written into %s",
                        plan->dir);
        ok = ok && commit(plan->dir, staging, names, previous, written, error);
        remove_staging(staging);
    }
    if (!ok && made)
        g_rmdir(plan->dir);   /* only when empty: a folder this run made and left unused */
    g_free(staging);
    g_hash_table_destroy(previous);
    g_ptr_array_unref(names);
    return ok;
}
