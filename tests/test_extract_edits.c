/* The DOCX edited as Word and WPS write their edits, read back (tests/extract_edits.py),
 * and the blank and filled DOCX and ODT edited in LibreOffice through UNO, key by key,
 * saved in both formats (tests/extract_uno.py): each scenario asserts every typed value
 * is back under its data path and each edit that cannot be placed is reported. */
#include "testutil.h"

#include <string.h>

static char *dir;
static char *script;

static void run_scenario(gconstpointer data)
{
    const char *name = data;
    const char *argv[] = {"/usr/bin/python3", script, g_getenv("SHENBAO_BIN"), dir, name, NULL};
    TuResult *r = tu_run(argv, NULL);
    if (r->exited && r->status != 0 && strstr(r->err, "No module named")) {
        tu_skip("a Python module the scenarios need is missing: %s", r->err);
    } else if (!r->exited || r->status != 0) {
        g_error("%s\n%s", r->out, r->err);
    }
    tu_result_free(r);
}

/* All LibreOffice scenarios in one soffice process. */
static void test_libreoffice(void)
{
    char *uno = g_build_filename(tu_source_dir(), "tests", "extract_uno.py", NULL);
    char *work = g_build_filename(dir, "uno", NULL);
    g_mkdir_with_parents(work, 0755);
    const char *argv[] = {"/usr/bin/python3", uno, g_getenv("SHENBAO_BIN"), work, NULL};
    TuRunOptions opts = {.timeout_s = 600};
    TuResult *r = tu_run(argv, &opts);
    g_test_message("%s", r->out);
    if (r->exited && r->status == 77)
        tu_skip("%s", r->out);
    else if (!r->exited || r->status != 0)
        g_error("LibreOffice scenarios failed:\n%s\n%s", r->out, r->err);
    tu_result_free(r);
    g_free(work), g_free(uno);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)) {
        g_test_skip("/usr/bin/python3 is missing");
        return 0;
    }
    dir = tu_tmpdir_new();
    script = g_build_filename(tu_source_dir(), "tests", "extract_edits.py", NULL);
    const char *list_argv[] = {"/usr/bin/python3", script, "-", "-", "list", NULL};
    TuResult *list = tu_run(list_argv, NULL);
    if (!list->exited || list->status != 0)
        g_error("cannot list the scenarios: %s", list->err);
    char **names = g_strsplit(g_strstrip(list->out), "\n", -1);
    for (int i = 0; names[i]; i++) {
        char *path = g_strdup_printf("/extract-edits/as-word-writes-it/%s", names[i]);
        g_test_add_data_func(path, names[i], run_scenario);
        g_free(path);
    }
    g_test_add_func("/extract-edits/libreoffice-uno", test_libreoffice);
    int rc = g_test_run();
    g_strfreev(names);
    tu_result_free(list);
    tu_rm_rf(dir);
    g_free(dir), g_free(script);
    return rc;
}
