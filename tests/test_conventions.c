/* End-to-end tests of the command line's conventions: -V, blank --all, list --forms and
 * --lists, format names in any case, and folders of custom forms given with --datadir or
 * SHENBAO_DATADIR. */
#include "testutil.h"

#include <string.h>

#include <glib/gstdio.h>

#define EXIT_USAGE 2

/* The test environment points SHENBAO_DATADIR at the source tree; these runs say what
 * they layer themselves. */
static const char *const no_datadir[] = { "SHENBAO_DATADIR", NULL };
static const TuRunOptions plain = { .env = no_datadir };

static char **output_lines(const TuResult *r)
{
    g_autofree char *text = g_strchomp(g_strdup(r->out));
    return g_strsplit(text, "\n", -1);
}

/* The ids of `shenbao list`'s rows, forms first: the first word of each line before the
 * blank line, and of each line after the heading that follows it. */
static void listed_ids(GPtrArray *forms, GPtrArray *lists)
{
    g_autoptr(TuResult) r = tu_shenbao(&plain, "list", NULL);
    g_assert_true(tu_check_exit(r, 0));
    g_auto(GStrv) lines = output_lines(r);
    GPtrArray *into = forms;
    for (guint i = 0; lines[i]; i++) {
        if (!*lines[i]) {
            into = lists;
            i++;   /* the heading */
            continue;
        }
        g_autofree char *id = g_strndup(lines[i], strcspn(lines[i], " "));
        g_ptr_array_add(into, g_steal_pointer(&id));
    }
}

static void check_lines(const TuResult *r, const GPtrArray *want, const char *what)
{
    g_auto(GStrv) lines = output_lines(r);
    gboolean same = g_strv_length(lines) == want->len;
    for (guint i = 0; same && i < want->len; i++)
        same = g_str_equal(lines[i], want->pdata[i]);
    g_autofree char *got = g_strjoinv(" ", lines);
    tu_check(same, "%s printed [%s]", what, got);
}

static void test_version(void)
{
    const char *const flags[] = { "-V", "--version" };
    for (guint i = 0; i < G_N_ELEMENTS(flags); i++) {
        g_autoptr(TuResult) r = tu_shenbao(&plain, flags[i], NULL);
        if (tu_check_exit(r, 0))
            tu_check(g_regex_match_simple("^shenbao [0-9]+\\.[0-9]+\\.[0-9]+\n$", r->out, 0, 0),
                     "`shenbao %s` printed \"%s\"", flags[i], r->out);
    }
}

static void test_list_ids(void)
{
    g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func(g_free);
    listed_ids(forms, lists);
    tu_check(forms->len == 9 && lists->len >= 3, "`shenbao list` shows %u forms and %u lists", forms->len, lists->len);

    g_autoptr(TuResult) f = tu_shenbao(&plain, "list", "--forms", NULL);
    if (tu_check_exit(f, 0))
        check_lines(f, forms, "`list --forms`");
    g_autoptr(TuResult) l = tu_shenbao(&plain, "list", "--lists", NULL);
    if (tu_check_exit(l, 0))
        check_lines(l, lists, "`list --lists`");
    g_autoptr(TuResult) both = tu_shenbao(&plain, "list", "--forms", "miit-2025-scenarios", NULL);
    tu_check_exit(both, EXIT_USAGE);
}

/* blank --all writes every form, in the formats asked for, named in any case. */
static void test_blank_all(void)
{
    g_autofree char *dir = tu_tmpdir_new();
    g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func(g_free);
    listed_ids(forms, lists);
    const char *args[] = { "blank", "--all", "--format", "PDF,Docx", "-o", dir, NULL };
    g_autoptr(TuResult) r = tu_shenbao_argv(&plain, args);
    if (tu_check_exit(r, 0)) {
        g_autoptr(GPtrArray) names = tu_dir_names(dir);
        guint record = 0;   /* .shenbao-files, the record of what shenbao wrote there */
        if (g_ptr_array_find_with_equal_func(names, ".shenbao-files", g_str_equal, &record))
            g_ptr_array_remove_index(names, record);
        g_autofree char *have = tu_names_join(names);
        tu_check(names->len == forms->len * 2, "blank --all wrote %s", have);
        for (guint i = 0; i < forms->len; i++) {
            g_autofree char *pdf = g_strconcat(forms->pdata[i], ".pdf", NULL);
            g_autofree char *docx = g_strconcat(forms->pdata[i], ".docx", NULL);
            tu_check(g_ptr_array_find_with_equal_func(names, pdf, g_str_equal, NULL) &&
                     g_ptr_array_find_with_equal_func(names, docx, g_str_equal, NULL),
                     "blank --all wrote no %s and %s: %s", pdf, docx, have);
        }
    }
    tu_rm_rf(dir);
}

static void test_blank_all_refuses_form(void)
{
    g_autofree char *dir = tu_tmpdir_new();
    const char *args[] = { "blank", "--all", "cq-2025-plan", "-o", dir, NULL };
    g_autoptr(TuResult) r = tu_shenbao_argv(&plain, args);
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    if (tu_check_exit(r, EXIT_USAGE))
        tu_check(names->len == 0 && strstr(r->err, "--all"), "blank --all FORM: %s", r->err);
    const char *bad[] = { "blank", "cq-2025-plan", "--format", "pdf,rtf", "-o", dir, NULL };
    g_autoptr(TuResult) b = tu_shenbao_argv(&plain, bad);
    if (tu_check_exit(b, EXIT_USAGE))
        tu_check(strstr(b->err, "rtf") != NULL, "an unknown format is named: %s", b->err);
    tu_rm_rf(dir);
}

/* ---- custom forms ---- */

static const char custom_form[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<form xmlns=\"urn:shenbao:form:1\" id=\"%s\" edition=\"2099\" title=\"%s\" source=\"测试\">\n"
    "  <page><title>%s</title>\n"
    "    <table widths=\"40 116\"><row><cell>名称</cell><cell><field path=\"name\" label=\"名称\"/></cell></row></table>\n"
    "  </page>\n"
    "</form>\n";

/* DIR/templates/2099/ID.xml, a form of one field titled TITLE. */
static void write_form(const char *dir, const char *id, const char *title)
{
    g_autofree char *edition = g_build_filename(dir, "templates", "2099", NULL);
    g_autofree char *name = g_strconcat(id, ".xml", NULL);
    g_autofree char *path = g_build_filename(edition, name, NULL);
    g_autofree char *text = g_strdup_printf(custom_form, id, title, title);
    g_mkdir_with_parents(edition, 0700);
    g_assert_true(tu_write_file(path, text, -1));
}

static gboolean lists_form(const TuResult *r, const char *id, const char *title)
{
    g_auto(GStrv) lines = output_lines(r);
    for (guint i = 0; lines[i]; i++)
        if (g_str_has_prefix(lines[i], id) && lines[i][strlen(id)] == ' ' && strstr(lines[i], title))
            return TRUE;
    return FALSE;
}

/* Two folders: the first given wins; both add to the installed forms. */
static void test_datadir_layers(void)
{
    g_autofree char *root = tu_tmpdir_new();
    g_autofree char *first = g_build_filename(root, "first", NULL);
    g_autofree char *second = g_build_filename(root, "second", NULL);
    write_form(first, "test-mine", "第一层的表");
    write_form(second, "test-mine", "第二层的表");
    write_form(second, "test-other", "另一张表");
    write_form(second, "cq-2025-plan", "替换的实施方案");

    const char *args[] = { "list", "--datadir", first, "--datadir", second, NULL };
    g_autoptr(TuResult) r = tu_shenbao_argv(&plain, args);
    if (tu_check_exit(r, 0)) {
        tu_check(lists_form(r, "test-mine", "第一层的表") && !strstr(r->out, "第二层的表"),
                 "the first --datadir is on top: %s", r->out);
        tu_check(lists_form(r, "test-other", "另一张表") && lists_form(r, "miit-2025-review", "审查表") &&
                 lists_form(r, "cq-2025-plan", "替换的实施方案"),
                 "the folders add to and replace the installed forms: %s", r->out);
    }

    /* The environment's folders, under the option's. */
    g_autofree char *setting = g_strdup_printf("SHENBAO_DATADIR=%s", second);
    const char *const env[] = { setting, NULL };
    TuRunOptions with_env = { .env = env };
    const char *blank[] = { "blank", "test-mine", "--datadir", first, "-o", root, "--format", "odt", NULL };
    g_autoptr(TuResult) b = tu_shenbao_argv(&with_env, blank);
    g_autofree char *odt = g_build_filename(root, "test-mine.odt", NULL);
    if (tu_check_exit(b, 0))
        tu_check(g_file_test(odt, G_FILE_TEST_IS_REGULAR), "blank of a custom form wrote no %s", odt);
    g_autoptr(TuResult) other = tu_shenbao(&with_env, "init", "test-other", NULL);
    if (tu_check_exit(other, 0))
        tu_check(strstr(other->out, "form: test-other") != NULL, "init of a form from SHENBAO_DATADIR: %s", other->out);
    tu_rm_rf(root);
}

/* A folder that is not one is a usage error that names it, from the option or the
 * environment alike. */
static void test_datadir_missing(void)
{
    g_autoptr(TuResult) r = tu_shenbao(&plain, "list", "--datadir", "/nonexistent/forms", NULL);
    if (tu_check_exit(r, EXIT_USAGE))
        tu_check(strstr(r->err, "/nonexistent/forms") != NULL, "the missing folder is named: %s", r->err);
    const char *const env[] = { "SHENBAO_DATADIR=/nonexistent/env-forms", NULL };
    TuRunOptions bad_env = { .env = env };
    g_autoptr(TuResult) e = tu_shenbao(&bad_env, "list", NULL);
    if (tu_check_exit(e, EXIT_USAGE))
        tu_check(strstr(e->err, "SHENBAO_DATADIR") && strstr(e->err, "/nonexistent/env-forms"),
                 "the variable and its folder are named: %s", e->err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/conventions/version", test_version);
    g_test_add_func("/conventions/list-ids", test_list_ids);
    g_test_add_func("/conventions/blank-all", test_blank_all);
    g_test_add_func("/conventions/blank-all-refuses-form", test_blank_all_refuses_form);
    g_test_add_func("/conventions/datadir/layers", test_datadir_layers);
    g_test_add_func("/conventions/datadir/missing", test_datadir_missing);
    return g_test_run();
}
