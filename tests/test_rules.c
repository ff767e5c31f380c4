/* The documents' rules, one failing data file each: the files in tests/data/rules.
 *
 * Each file's first line says what it must produce:
 *     # expect: LINE:COL 联合体单位过多
 * an error at that position whose Chinese message holds the text.  A second line
 *     # expect-en: consortium has
 * may name words of the English message too.  The file must give no other error but
 * the required fields it leaves out. */
#include "data.h"
#include "diag.h"
#include "form.h"

#include <locale.h>
#include <string.h>

static SbCatalog *catalog;

typedef struct {
    int line, col;
    char *zh, *en;
} Expect;

static gboolean read_expect(const char *file, Expect *e)
{
    char *text = NULL;
    if (!g_file_get_contents(file, &text, NULL, NULL))
        return FALSE;
    char **lines = g_strsplit(text, "\n", 3);
    gboolean ok = lines[0] && sscanf(lines[0], "# expect: %d:%d", &e->line, &e->col) == 2;
    if (ok) {
        const char *words = strchr(lines[0] + strlen("# expect: "), ' ');
        e->zh = g_strstrip(g_strdup(words ? words : ""));
        e->en = lines[1] && g_str_has_prefix(lines[1], "# expect-en: ")
                    ? g_strstrip(g_strdup(lines[1] + strlen("# expect-en: ")))
                    : NULL;
    }
    g_strfreev(lines);
    g_free(text);
    return ok;
}

static void test_rule_file(gconstpointer data)
{
    const char *file = data;
    Expect e = {0};
    if (!read_expect(file, &e))
        g_error("%s: the first line must be '# expect: LINE:COL words'", file);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *d = sb_data_load(file, diags);
    g_assert_nonnull(d);
    gboolean unknown = FALSE;
    SbForm *form = sb_catalog_form_of(catalog, d, diags, &unknown);
    g_assert_nonnull(form);
    g_assert_false(sb_check(form, d, diags));
    guint errors = 0, matched = 0;
    for (guint i = 0; i < diags->items->len; i++) {
        SbDiagnostic *m = diags->items->pdata[i];
        /* the files hold what their rule needs, not every required field */
        if (m->severity != SB_ERROR || strstr(m->zh, "项必填内容未填写"))
            continue;
        errors++;
        gboolean here = m->line == e.line && m->col == e.col && strstr(m->zh, e.zh) &&
                        (!e.en || strstr(m->en, e.en));
        matched += here;
        if (!here)
            g_test_message("other error %d:%d %s", m->line, m->col, m->zh);
    }
    if (matched != 1 || errors != 1) {
        char *all = sb_diagnostics_format(diags);
        g_error("%s: expected exactly one error at %d:%d with '%s'%s%s, got:\n%s", file, e.line, e.col, e.zh,
                e.en ? " / " : "", e.en ? e.en : "", all);
    }
    sb_data_free(d);
    sb_diagnostics_free(diags);
    g_free(e.zh);
    g_free(e.en);
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    g_test_init(&argc, &argv, NULL);
    GError *error = NULL;
    catalog = sb_catalog_open(g_getenv("SHENBAO_DATADIR"), &error);
    g_assert_no_error(error);
    char *dir = g_build_filename(g_getenv("SHENBAO_SOURCE"), "tests", "data", "rules", NULL);
    GDir *d = g_dir_open(dir, 0, &error);
    g_assert_no_error(error);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".yaml"))
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    g_ptr_array_sort(names, by_name);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_strconcat("/rules/", (char *)names->pdata[i], NULL);
        g_test_add_data_func_full(path, g_build_filename(dir, names->pdata[i], NULL), test_rule_file, g_free);
        g_free(path);
    }
    int rc = g_test_run();
    g_ptr_array_unref(names);
    g_free(dir);
    sb_catalog_free(catalog);
    return rc;
}
