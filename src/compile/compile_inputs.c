/* The inputs of a compile: the files that the arguments name, then each one read (a data
 * file, or a DOCX or ODT read back through sb_extract) and checked on its own. */
#include "compile.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* ---- finding the files ---- */

static gboolean is_input_name(const char *name)
{
    static const char *const kinds[] = { ".yaml", ".yml", ".json", ".docx", ".odt" };
    char *lower = g_ascii_strdown(name, -1);
    gboolean found = FALSE;
    for (guint i = 0; i < G_N_ELEMENTS(kinds) && !found; i++)
        found = g_str_has_suffix(lower, kinds[i]);
    g_free(lower);
    return found;
}

typedef struct {
    GHashTable *seen;       /* "device:inode" -> the path it was reached by */
    char *output;           /* "device:inode" of the output folder, or NULL */
    GPtrArray *files, *skipped;
} Walk;

static char *identity(const GStatBuf *st)
{
    return g_strdup_printf("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) st->st_dev,
                           (guint64) st->st_ino);
}

/* FALSE with an error when the file was reached before by another path. */
static gboolean first_visit(Walk *w, const char *path, const GStatBuf *st, GError **error)
{
    char *id = identity(st);
    const char *before = g_hash_table_lookup(w->seen, id);
    if (before) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO,
                    "%s is given twice (also as %s): each application is compiled once", path, before);
        g_free(id);
        return FALSE;
    }
    g_hash_table_insert(w->seen, id, g_strdup(path));
    return TRUE;
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static gboolean walk(Walk *w, const char *path, gboolean named, guint depth, GError **error);

static gboolean walk_folder(Walk *w, const char *path, guint depth, GError **error)
{
    GDir *dir = g_dir_open(path, 0, error);
    if (!dir)
        return FALSE;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *n; (n = g_dir_read_name(dir));)
        /* hidden files, and the lock files Word (~$x.docx) and LibreOffice (.~lock) leave */
        if (n[0] != '.' && !g_str_has_prefix(n, "~$"))
            g_ptr_array_add(names, g_strdup(n));
    g_dir_close(dir);
    g_ptr_array_sort(names, by_name);
    gboolean ok = TRUE;
    for (guint i = 0; i < names->len && ok; i++) {
        char *child = g_build_filename(path, names->pdata[i], NULL);
        ok = walk(w, child, FALSE, depth + 1, error);
        g_free(child);
    }
    g_ptr_array_unref(names);
    return ok;
}

/* A file named on the command line is read whatever its name; in a folder, only data
 * files and documents are. */
static gboolean walk(Walk *w, const char *path, gboolean named, guint depth, GError **error)
{
    GStatBuf st;
    if (g_stat(path, &st) != 0) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot read %s: %s", path, g_strerror(errno));
        return FALSE;
    }
    gboolean folder = S_ISDIR(st.st_mode);
    char *id = identity(&st);
    gboolean output = folder && w->output && strcmp(id, w->output) == 0;
    g_free(id);
    if (output)
        return TRUE;   /* a previous compile's files are not applications */
    if (!folder && !named && (!S_ISREG(st.st_mode) || !is_input_name(path))) {
        g_ptr_array_add(w->skipped, g_strdup(path));
        return TRUE;
    }
    if (!first_visit(w, path, &st, error))
        return FALSE;
    if (!folder) {
        g_ptr_array_add(w->files, g_strdup(path));
        return TRUE;
    }
    if (depth > 32) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s: folders nested too deep", path);
        return FALSE;
    }
    return walk_folder(w, path, depth, error);
}

gboolean sb_compile_collect(const char *const *inputs, const char *output_dir, GPtrArray *files,
                            GPtrArray *skipped, GError **error)
{
    GStatBuf st;
    Walk w = { g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
               output_dir && g_stat(output_dir, &st) == 0 ? identity(&st) : NULL, files, skipped };
    gboolean ok = TRUE;
    for (guint i = 0; inputs[i] && ok; i++)
        ok = walk(&w, inputs[i], TRUE, 0, error);
    g_hash_table_destroy(w.seen);
    g_free(w.output);
    return ok;
}

/* ---- reading one application ---- */

static gboolean is_document(const char *file)
{
    char *lower = g_ascii_strdown(file, -1);
    gboolean named = g_str_has_suffix(lower, ".docx") || g_str_has_suffix(lower, ".odt");
    g_free(lower);
    if (named)
        return TRUE;
    if (!g_file_test(file, G_FILE_TEST_IS_REGULAR))
        return FALSE;   /* a pipe or a device is never opened to look at it */
    char head[4] = {0};
    FILE *f = g_fopen(file, "rb");
    gboolean zip = f && fread(head, 1, 4, f) == 4 && memcmp(head, "PK\x03\x04", 4) == 0;
    if (f)
        fclose(f);
    return zip;
}

/* Where each value and key below a document's root is in its YAML: "line:col" -> its
 * data path (a key's place names its entry). */
static void index_paths(GHashTable *paths, const SbValue *v, const char *path)
{
    for (guint i = 0; i < sb_value_size(v); i++) {
        char *child = v->kind == SB_VALUE_MAP
            ? g_strdup_printf("%s%s%s", path, *path ? "." : "", sb_value_key(v, i))
            : g_strdup_printf("%s%s%u", path, *path ? "." : "", i);
        const SbValue *at[] = { v->kind == SB_VALUE_MAP ? v->keys->pdata[i] : NULL, sb_value_item(v, i) };
        for (guint k = 0; k < G_N_ELEMENTS(at); k++) {
            char *place = at[k] ? g_strdup_printf("%d:%d", at[k]->line, at[k]->col) : NULL;
            /* a map starts where its first key does: the place names the map */
            if (place && !g_hash_table_contains(paths, place))
                g_hash_table_insert(paths, place, g_strdup(child));
            else
                g_free(place);
        }
        index_paths(paths, sb_value_item(v, i), child);
        g_free(child);
    }
}

/* A DOCX or ODT shenbao wrote, read back into its data. */
static SbData *read_document(SbCatalog *catalog, SbApplication *app)
{
    GError *error = NULL;
    char *yaml = sb_extract(catalog, app->file, &error);
    sb_diag_set_file(app->diags, app->file);
    if (!yaml) {
        sb_diag_error(app->diags, 0, 0, "cannot read the document: %s", "无法读取文档：%s", error->message);
        g_error_free(error);
        return NULL;
    }
    SbData *data = sb_data_load_text(app->file, yaml, strlen(yaml), app->diags);
    g_free(yaml);
    if (data) {
        app->paths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        index_paths(app->paths, data->root, "");
    }
    return data;
}

SbApplication *sb_application_read(SbCatalog *catalog, const char *file, gboolean strict)
{
    SbApplication *app = g_new0(SbApplication, 1);
    app->file = g_strdup(file);
    app->diags = sb_diagnostics_new();
    app->data = is_document(file) ? read_document(catalog, app) : sb_data_load(file, app->diags);
    gboolean unknown = FALSE;
    SbForm *form = app->data ? sb_catalog_form_of(catalog, app->data, app->diags, &unknown) : NULL;
    app->kind = form ? sb_compile_kind_of(form->info.id) : NULL;
    if (form && !app->kind) {
        const SbValue *key = sb_value_map_get(app->data->root, "form");
        sb_diag_error(app->diags, key ? key->line : 0, key ? key->col : 0,
                      "this is a %s (%s), not an application: compile reads miit-2025-application "
                      "and cq-2025-application",
                      "这是%s（%s），不是申报书：compile 读取 miit-2025-application 和 "
                      "cq-2025-application", form->info.title, form->info.id);
    } else if (form) {
        app->form = form;
        sb_check(form, app->data, app->diags);
    }
    if (strict)
        sb_diagnostics_make_strict(app->diags);
    app->invalid = app->form == NULL || sb_diagnostics_count(app->diags, SB_ERROR) > 0;
    return app;
}

void sb_application_free(gpointer p)
{
    SbApplication *app = p;
    g_free(app->file);
    g_free(app->review);
    sb_data_free(app->data);
    sb_diagnostics_free(app->diags);
    if (app->paths)
        g_hash_table_destroy(app->paths);
    g_free(app);
}

void sb_application_locate(SbApplication *app)
{
    for (guint i = 0; app->paths && i < app->diags->items->len; i++) {
        SbDiagnostic *d = app->diags->items->pdata[i];
        char *at = g_strdup_printf("%d:%d", d->line, d->col);
        const char *path = g_hash_table_lookup(app->paths, at);
        g_free(at);
        /* a line of the YAML the document was read into means nothing to its reader */
        d->line = d->col = 0;
        if (path == NULL)
            continue;
        char *en = g_strdup_printf("%s: %s", path, d->en), *zh = g_strdup_printf("%s：%s", path, d->zh);
        g_free(d->en);
        g_free(d->zh);
        d->en = en, d->zh = zh;
    }
}
