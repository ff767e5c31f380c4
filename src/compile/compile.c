/* sb_compile: a folder of applications into the tables and 审查表 a secretariat sends on.
 *
 *   inputs ─► read and check each ─► rules across them ─► the valid ones, numbered
 *          ─► the 推荐汇总表 / 申请表 data, one 审查表 data per national project
 *          ─► data files, documents, spreadsheet and report, written together
 *
 * Nothing is written before every application has been read, so a problem with the
 * inputs (a missing file, one given twice) or with the folder leaves it untouched. */
#include "compile.h"
#include "compile_output.h"

#include <string.h>

void sb_compile_on_threads(GThreadFunc work, gpointer data, guint jobs)
{
    guint n = MAX(1, MIN(g_get_num_processors(), jobs));
    GThread **threads = g_new0(GThread *, n);
    for (guint i = 1; i < n; i++)
        threads[i] = g_thread_new("compile", work, data);
    work(data);   /* this thread is one of them */
    for (guint i = 1; i < n; i++)
        g_thread_join(threads[i]);
    g_free(threads);
}

static gboolean stop_asked(const SbCompileOptions *o)
{
    return o->stop && g_atomic_int_get(o->stop);
}

/* The applications are read on one thread per processor; each lands at its own index,
 * so the order is the inputs' whatever thread read it. */
typedef struct {
    SbCatalog *catalog;
    GPtrArray *files;
    const SbCompileOptions *options;
    SbApplication **apps;
    gint next;
    guint started;
    GMutex lock;
} Reading;

static gpointer read_some(gpointer data)
{
    Reading *r = data;
    for (gint i; !stop_asked(r->options) && (i = g_atomic_int_add(&r->next, 1)) < (gint) r->files->len;) {
        g_mutex_lock(&r->lock);
        if (r->options->progress)
            r->options->progress(SB_COMPILE_READING, r->started, r->files->len, r->files->pdata[i],
                                 r->options->progress_data);
        r->started++;
        g_mutex_unlock(&r->lock);
        r->apps[i] = sb_application_read(r->catalog, r->files->pdata[i], r->options->strict);
    }
    return NULL;
}

/* Every form is loaded first: the threads then only look forms up, whatever form a file
 * names. */
static gboolean read_all(SbCatalog *catalog, GPtrArray *files, const SbCompileOptions *o,
                         SbCompileResult *r, GError **error)
{
    for (guint i = 0; i < sb_catalog_size(catalog); i++)
        if (!sb_catalog_form(catalog, sb_catalog_info(catalog, i)->id, error))
            return FALSE;
    Reading rd = { catalog, files, o, g_new0(SbApplication *, MAX(files->len, 1)), 0, 0, {0} };
    g_mutex_init(&rd.lock);
    sb_compile_on_threads(read_some, &rd, files->len);
    g_mutex_clear(&rd.lock);
    for (guint i = 0; i < files->len; i++)
        if (rd.apps[i])
            g_ptr_array_add(r->applications, rd.apps[i]);
    g_free(rd.apps);
    if (r->applications->len < files->len) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_STOPPED, "stopped: nothing was written into %s",
                    o->output_dir);
        return FALSE;
    }
    return TRUE;
}

static SbValue *new_table(const char *form_id)
{
    SbValue *root = sb_value_new(SB_VALUE_MAP, 0, 0);
    sb_compile_put_text(root, "form", form_id);
    sb_value_map_set(root, sb_value_new_scalar(SB_VALUE_STRING, "projects", 0, 0),
                     sb_value_new(SB_VALUE_LIST, 0, 0));
    return root;
}

static void add_review(SbCatalog *catalog, SbCompileResult *r, SbApplication *app, guint count)
{
    const SbValue *anchor = NULL, *alias = NULL;
    SbValue *data = app->kind->review_data(app, &anchor, &alias);
    const SbValue *name = sb_value_lookup(data, "industry.project.name");
    app->review = sb_output_project_base("审查表", app->number, count, name ? name->text : NULL);
    SbForm *form = sb_catalog_form(catalog, app->kind->review, NULL);
    SbYamlShare share = { anchor, alias, "project" };
    char *comment = g_strdup_printf("%s — no. %u, from %s\nthe departments' opinions (opinion) and "
                                    "seals are left to fill", form->info.title, app->number, app->file);
    g_ptr_array_add(r->outputs, sb_output_new(form, app->review, data, comment, &share, FALSE));
    g_free(comment);
    sb_value_free(data);
}

/* The valid applications of a kind, numbered in the order of the inputs, into its table
 * and their 审查表. */
static void add_kind(SbCatalog *catalog, SbCompileResult *r, const SbCompileKind *kind, guint slot)
{
    GPtrArray *valid = g_ptr_array_new();
    for (guint i = 0; i < r->applications->len; i++) {
        SbApplication *app = r->applications->pdata[i];
        if (app->kind == kind && sb_application_verdict(app) == SB_APPLICATION_VALID)
            g_ptr_array_add(valid, app);
    }
    r->rows[slot] = valid->len;
    if (valid->len == 0) {
        g_ptr_array_unref(valid);
        return;
    }
    SbValue *table = new_table(kind->table);
    SbValue *rows = sb_value_map_get(table, "projects");
    for (guint i = 0; i < valid->len; i++) {
        SbApplication *app = valid->pdata[i];
        app->number = i + 1;
        g_ptr_array_add(rows->items, kind->row(app));
    }
    SbForm *form = sb_catalog_form(catalog, kind->table, NULL);
    char *comment = g_strdup_printf("%s — compiled by shenbao from the applications found valid: %u of %u "
                                    "(%s says which)", form->info.title, valid->len,
                                    r->applications->len, SB_COMPILE_REPORT);
    g_ptr_array_add(r->outputs, sb_output_new(form, kind->table_name, table, comment, NULL, TRUE));
    g_free(comment);
    sb_value_free(table);
    for (guint i = 0; kind->review && i < valid->len; i++)
        add_review(catalog, r, valid->pdata[i], valid->len);
    g_ptr_array_unref(valid);
}

static SbCompileResult *result_new(const char *dir)
{
    SbCompileResult *r = g_new0(SbCompileResult, 1);
    r->dir = g_strdup(dir);
    r->applications = g_ptr_array_new_with_free_func(sb_application_free);
    r->skipped = g_ptr_array_new_with_free_func(g_free);
    r->outputs = g_ptr_array_new_with_free_func(sb_output_free);
    r->written = g_ptr_array_new_with_free_func(g_free);
    return r;
}

void sb_compile_result_free(SbCompileResult *r)
{
    if (!r)
        return;
    g_ptr_array_unref(r->applications);
    g_ptr_array_unref(r->skipped);
    g_ptr_array_unref(r->outputs);
    g_ptr_array_unref(r->written);
    g_free(r->dir);
    g_free(r->report);
    g_free(r);
}

SbCompileResult *sb_compile(SbCatalog *catalog, const char *const *inputs,
                            const SbCompileOptions *options, GError **error)
{
    g_return_val_if_fail(catalog && inputs && options && options->output_dir, NULL);
    SbCompileResult *r = result_new(options->output_dir);
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    gboolean ok = sb_compile_collect(inputs, options->output_dir, files, r->skipped, error);
    if (ok && files->len == 0) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "no application files (.yaml, .yml, .json, "
                    ".docx, .odt) in the inputs");
        ok = FALSE;
    }
    ok = ok && read_all(catalog, files, options, r, error);
    g_ptr_array_unref(files);
    if (ok) {
        sb_compile_check_across(r->applications);
        for (guint i = 0; i < r->applications->len; i++)
            sb_application_locate(r->applications->pdata[i]);
        add_kind(catalog, r, &sb_compile_miit_2025, 0);
        add_kind(catalog, r, &sb_compile_cq_2025, 1);
        r->report = sb_compile_report_text(r);
        SbOutputPlan plan = {
            options->output_dir, options->formats ? options->formats : SB_COMPILE_ALL, r->outputs,
            r->report, options->progress, options->progress_data, options->stop, options->force,
        };
        ok = sb_output_write(catalog, &plan, r->written, error);
    }
    if (!ok) {
        sb_compile_result_free(r);
        return NULL;
    }
    return r;
}

guint sb_compile_count(const SbCompileResult *r, SbVerdict verdict)
{
    guint n = 0;
    for (guint i = 0; r && i < r->applications->len; i++)
        n += sb_application_verdict(r->applications->pdata[i]) == verdict;
    return n;
}

const char *sb_compile_report(const SbCompileResult *r)
{
    return r ? r->report : NULL;
}
