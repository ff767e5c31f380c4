/* Hostile input and unlucky runs: each case runs the shenbao program under a fixed memory
 * limit (ulimit -v of 1 GiB) and a time limit, and must end with a clear message and exit
 * 1 or 2, leaving no file behind and removing none, or be handled as documented.
 *
 * Form definitions with broken table geometry, zips that lie about their sizes or hold
 * one entry twice, and the files of a batch run (names that collide, a failed run after a
 * good one, signals, outputs edited since shenbao wrote them, folders that cannot be
 * written) are here.  Each test makes its own scratch folder. */
#include "testutil.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MEMORY_KIB "1048576"   /* ulimit -v: 1 GiB */
#define TIME_S 60

typedef struct {
    char *root;   /* the scratch folder: the commands run here */
    char *out;    /* root/out */
} Scratch;

static void scratch_init(Scratch *s)
{
    s->root = tu_tmpdir_new();
    s->out = g_build_filename(s->root, "out", NULL);
}

static void scratch_clear(Scratch *s)
{
    tu_rm_rf(s->root);
    g_free(s->root);
    g_free(s->out);
}

/* Runs shenbao in the scratch folder under the memory limit; args NULL-terminated. */
static TuResult *run_limited(const Scratch *s, const char *const *env, const char *const *args)
{
    const char *bin = g_getenv("SHENBAO_BIN");
    g_assert_nonnull(bin);   /* set by meson test */
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, "/bin/sh");
    g_ptr_array_add(argv, "-c");
    g_ptr_array_add(argv, "ulimit -v " MEMORY_KIB " && exec \"$0\" \"$@\"");
    g_ptr_array_add(argv, (gpointer) bin);
    for (guint i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer) args[i]);
    g_ptr_array_add(argv, NULL);
    TuRunOptions opts = { .cwd = s->root, .env = env, .timeout_s = TIME_S };
    TuResult *r = tu_run((const char *const *) argv->pdata, &opts);
    g_ptr_array_unref(argv);
    return r;
}

static gboolean write_in(const Scratch *s, const char *name, const char *text)
{
    g_autofree char *path = g_build_filename(s->root, name, NULL);
    g_autofree char *dir = g_path_get_dirname(path);
    g_mkdir_with_parents(dir, 0700);
    return tu_write_file(path, text, -1);
}

G_GNUC_UNUSED static char *read_in(const Scratch *s, const char *name)
{
    g_autofree char *path = g_build_filename(s->root, name, NULL);
    char *text = NULL;
    return g_file_get_contents(path, &text, NULL, NULL) ? text : NULL;
}

/* The folder holds exactly these names (NULL-terminated; none: empty or missing). */
static gboolean check_holds(const char *dir, const char *const *want, const char *why)
{
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    GString *expected = g_string_new(NULL);
    for (guint i = 0; want[i]; i++)
        g_string_append_printf(expected, "%s%s", i ? ", " : "", want[i]);
    g_autofree char *got = names ? tu_names_join(names) : g_strdup("(empty)");
    gboolean ok = g_strcmp0(got, expected->len ? expected->str : "(empty)") == 0;
    tu_check(ok, "%s: %s holds %s, expected %s", why, dir, got, expected->len ? expected->str : "(empty)");
    g_string_free(expected, TRUE);
    return ok;
}

/* Exit status, a message holding `words` on stderr, and no crash. */
static gboolean check_refused(const TuResult *r, int status, const char *words)
{
    if (!tu_check_exit(r, status))
        return FALSE;
    g_autofree char *what = tu_result_describe(r);
    return tu_check(strstr(r->err, words) != NULL, "expected '%s' in the message: %s", words, what);
}

/* ---- form definitions with broken table geometry ---- */

#define FORM_HEAD "<?xml version='1.0' encoding='UTF-8'?>\n" \
    "<form xmlns='urn:shenbao:form:1' id='bad-grid' edition='2099' title='表' source='测试'>\n" \
    "<page>\n<title>表</title>\n"
#define FORM_TAIL "</page>\n</form>\n"

/* Writes data/templates/2099/bad-grid.xml (the table starting on line 5) and runs
 * blank with it; the form must be refused at `line` with `words`, nothing written. */
static void expect_bad_grid(const char *table, int line, const char *words)
{
    Scratch s;
    scratch_init(&s);
    g_autofree char *form = g_strconcat(FORM_HEAD, table, FORM_TAIL, NULL);
    const char *args[] = { "blank", "--datadir", "data", "bad-grid", "-o", "out", NULL };
    if (write_in(&s, "data/templates/2099/bad-grid.xml", form)) {
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        g_autofree char *where = g_strdup_printf("bad-grid.xml:%d: ", line);
        const char *const none[] = { NULL };
        if (check_refused(r, 2, words))
            tu_check(strstr(r->err, where) != NULL, "expected the place %s in: %s", where, r->err);
        check_holds(s.out, none, "a refused form writes nothing");
    }
    scratch_clear(&s);
}

static void test_grid_too_many_cells(void)
{
    expect_bad_grid("<table widths='50 106'>\n<row><cell>甲</cell><cell>乙</cell></row>\n"
                    "<row><cell>丙</cell><cell>丁</cell><cell>戊</cell></row>\n</table>\n",
                    7, "no column left");
}

static void test_grid_rowspans_fill_every_column(void)
{
    expect_bad_grid("<table widths='50 106'>\n<row><cell rowspan='2'>甲</cell><cell rowspan='2'>乙</cell></row>\n"
                    "<row><cell>丙</cell></row>\n</table>\n", 7, "no column left");
}

static void test_grid_span_past_the_edge(void)
{
    expect_bad_grid("<table widths='50 106'>\n<row><cell>甲</cell><cell colspan='2'>乙</cell></row>\n</table>\n",
                    6, "columns");
}

static void test_grid_row_short(void)
{
    expect_bad_grid("<table widths='50 50 56'>\n<row><cell>甲</cell><cell>乙</cell><cell>丙</cell></row>\n"
                    "<row><cell colspan='2'>丁</cell></row>\n</table>\n", 7, "fills 2 of the table's 3 columns");
}

/* rowspan="all" beside a repeat covers every item's row; a second cell there has no room. */
static void test_grid_rowspan_all_in_repeat(void)
{
    expect_bad_grid("<table widths='50 106'>\n<repeat path='a' label='甲' blank='1'>\n"
                    "<row><cell rowspan='all'>甲</cell><cell><field path='x' label='乙'/></cell></row>\n"
                    "<row><cell>丙</cell><cell>丁</cell></row>\n</repeat>\n</table>\n", 8, "no column left");
}

static void test_grid_huge_rowspan(void)
{
    expect_bad_grid("<table widths='50 106'>\n<row><cell rowspan='4294967297'>甲</cell><cell>乙</cell></row>\n"
                    "</table>\n", 6, "rowspan");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hostile/grid/too-many-cells", test_grid_too_many_cells);
    g_test_add_func("/hostile/grid/rowspans-fill-every-column", test_grid_rowspans_fill_every_column);
    g_test_add_func("/hostile/grid/span-past-the-edge", test_grid_span_past_the_edge);
    g_test_add_func("/hostile/grid/row-short", test_grid_row_short);
    g_test_add_func("/hostile/grid/rowspan-all-in-repeat", test_grid_rowspan_all_in_repeat);
    g_test_add_func("/hostile/grid/huge-rowspan", test_grid_huge_rowspan);
    return g_test_run();
}
