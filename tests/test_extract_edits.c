/* The DOCX edited as Word and WPS write their edits, read back (tests/extract_edits.py):
 * each scenario asserts every typed value is back under its data path and each edit that
 * cannot be placed is reported. */
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
    int rc = g_test_run();
    g_strfreev(names);
    tu_result_free(list);
    tu_rm_rf(dir);
    g_free(dir), g_free(script);
    return rc;
}
