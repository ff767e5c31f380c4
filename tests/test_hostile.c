/* Hostile input and unlucky runs: each case runs the shenbao program under a fixed memory
 * limit (ulimit -v of 1 GiB) and a time limit, and must end with a clear message and exit
 * 1 or 2, leaving no file behind and removing none, or be handled as documented.
 *
 * Form definitions with broken table geometry, zips that lie about their sizes or hold
 * one entry twice, and the files of a batch run (names that collide, a failed run after a
 * good one, signals, outputs edited since shenbao wrote them, folders that cannot be
 * written) are here, and inputs that grow (a summary of 8000 rows, a Latin run of 20,000
 * letters, answers of sixteen times their paragraphs), whose cost must grow linearly.  Each test makes its own scratch folder. */
#include "testutil.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* ---- inputs that grow: cost must grow linearly ---- */

/* A summary of `rows` projects, each unit named once, and one 参与单位 holding `latin`
 * letters of one word (no break opportunity) in its first row. */
static char *summary_yaml(int rows, int latin)
{
    GString *y = g_string_new("form: miit-2025-summary\nprojects:\n");
    for (int i = 0; i < rows; i++) {
        g_string_append_printf(y, "  - name: 第%d号推广应用项目\n    lead_enterprise: 江东第%d医疗科技有限公司\n"
                               "    lead_hospital: 江东第%d人民医院\n    contact: 顾一鸣\n"
                               "    phone: \"0513-85126701\"\n    participants: ", i + 1, i + 1, i + 1);
        if (i == 0 && latin > 0)
            for (int k = 0; k < latin; k++)
                g_string_append_c(y, "abcdefghij"[k % 10]);
        else
            g_string_append_printf(y, "江东第%d大学", i + 1);
        g_string_append_c(y, '\n');
    }
    return g_string_free(y, FALSE);
}

/* Seconds of a PDF render of the summary, or -1 when it failed. */
static double render_seconds(int rows, int latin)
{
    Scratch s;
    scratch_init(&s);
    g_autofree char *yaml = summary_yaml(rows, latin);
    double seconds = -1;
    if (write_in(&s, "x.yaml", yaml)) {
        const char *args[] = { "render", "x.yaml", "-f", "pdf", "-o", "out", NULL };
        gint64 start = g_get_monotonic_time();
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        if (tu_check_exit(r, 0))
            seconds = (g_get_monotonic_time() - start) / 1e6;
    }
    scratch_clear(&s);
    return seconds;
}

/* Eight times the input costs about eight times as much (the fixed cost of a run makes it
 * less); a quadratic layout would cost 64 times.  The bound leaves room for a loaded
 * machine. */
static void expect_linear(int small_rows, int large_rows, int small_latin, int large_latin,
                          const char *what)
{
    double small = render_seconds(small_rows, small_latin);
    double large = render_seconds(large_rows, large_latin);
    if (small > 0 && large > 0)
        tu_check(large / small < 20, "%s: %.2f s against %.2f s, %.1f times for 8 times the input",
                 what, large, small, large / small);
}

/* Seconds of a PDF render of the x.yaml that the command `make` writes in a scratch folder
 * (the sample grown by a Python script), or -1 when either fails. */
static double render_made_seconds(Scratch *s, const char *const *make)
{
    TuRunOptions here = { .cwd = s->root };
    g_autoptr(TuResult) p = tu_run(make, &here);
    double seconds = -1;
    if (tu_check_exit(p, 0)) {
        const char *args[] = { "render", "x.yaml", "-f", "pdf", "-o", "out", NULL };
        gint64 start = g_get_monotonic_time();
        g_autoptr(TuResult) r = run_limited(s, NULL, args);
        if (tu_check_exit(r, 0))
            seconds = (g_get_monotonic_time() - start) / 1e6;
    }
    scratch_clear(s);
    return seconds;
}

/* Seconds of a PDF render of the sample application with every answer of several lines
 * given `k` times its paragraphs (PyYAML writes the variant), or -1 when it failed. */
static double answers_seconds(int k)
{
    Scratch s;
    scratch_init(&s);
    g_autofree char *sample = tu_sample_path();
    g_autofree char *k_text = g_strdup_printf("%d", k);
    const char *make[] = { "/usr/bin/python3", "-c",
        "import sys, yaml\n"
        "def grow(v, k):\n"
        "    if isinstance(v, dict): return {a: grow(b, k) for a, b in v.items()}\n"
        "    if isinstance(v, list): return [grow(b, k) for b in v]\n"
        "    if isinstance(v, str) and '\\n' in v.strip(): return '\\n\\n'.join([v.strip()] * k)\n"
        "    return v\n"
        "data = grow(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), int(sys.argv[2]))\n"
        "open('x.yaml', 'w', encoding='utf-8').write(yaml.safe_dump(data, allow_unicode=True))\n",
        sample, k_text, NULL };
    return render_made_seconds(&s, make);
}

/* Answers of sixteen times their paragraphs (about 340 pages) against twice: eight times the
 * paragraphs cost about four times as much (tables and the rest stay as they are); the
 * superlinear code took about 25 times. */
static void test_long_answers_linear(void)
{
    double small = answers_seconds(2), large = answers_seconds(16);
    if (small > 0 && large > 0)
        tu_check(large / small < 12, "answers of 16 against 2 times their paragraphs: %.2f s against %.2f s, %.1f times",
                 large, small, large / small);
}

/* Seconds of a PDF render of the sample application whose 推广应用内容 is one paragraph of
 * `chars` Chinese characters with their punctuation (，。、；：“”（）《》), or -1. */
static double paragraph_seconds(int chars)
{
    Scratch s;
    scratch_init(&s);
    g_autofree char *sample = tu_sample_path();
    g_autofree char *n_text = g_strdup_printf("%d", chars);
    const char *make[] = { "/usr/bin/python3", "-c",
        "import sys, yaml\n"
        "ph = ['本项目以国产医疗装备推广应用为核心，', '建立覆盖省级医院、地市级医院和县域医院的三级应用网络；',\n"
        "      '开展“多中心临床评价”（含低剂量成像）：', '形成扫描规范和质控规范。',\n"
        "      '推动《重点产品清单》所列产品在全省的应用，', '二是围绕临床反馈开展性能改进、迭代升级；']\n"
        "n, text, seed = int(sys.argv[2]), '', 7\n"
        "while len(text) < n:\n"
        "    seed = (seed * 1103515245 + 12345) % 2**32\n"
        "    text += ph[(seed >> 16) % len(ph)]\n"
        "data = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
        "data['application']['content'] = text[:n]\n"
        "open('x.yaml', 'w', encoding='utf-8').write(yaml.safe_dump(data, allow_unicode=True))\n",
        sample, n_text, NULL };
    return render_made_seconds(&s, make);
}

/* One paragraph of 16,000 characters against 2,000: eight times the text costs at most
 * about eight times as much (the rest of the form stays); punctuation fitting that lays
 * the whole paragraph out again for each loose line took about 60 times. */
static void test_long_paragraph_linear(void)
{
    double small = paragraph_seconds(2000), large = paragraph_seconds(16000);
    if (small > 0 && large > 0)
        tu_check(large / small < 20, "one paragraph of 16,000 against 2,000 characters: %.2f s against %.2f s, %.1f times",
                 large, small, large / small);
}

static void test_summary_rows_linear(void)
{
    expect_linear(1000, 8000, 0, 0, "a summary of 8000 rows against 1000");
}

static void test_latin_run_linear(void)
{
    expect_linear(1, 1, 2500, 20000, "a Latin run of 20,000 letters against 2,500");
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

/* A blank form shows no item of a blank="0" repeat: the span meant for its row then
 * reaches the row after it, which has no room left. */
static void test_grid_empty_repeat(void)
{
    expect_bad_grid("<table widths='50 106'>\n<row><cell rowspan='2'>甲</cell><cell>乙</cell></row>\n"
                    "<repeat path='a' label='甲' blank='0' max='1'>\n<row><cell><field path='x' label='丙'/></cell></row>\n"
                    "</repeat>\n<row><cell>丁</cell><cell>戊</cell></row>\n</table>\n", 10, "no column left");
}

/* rowspan="rest" ends only above a row whose first cell spans every column (a 注 across
 * the table, which the team table of the Chongqing 申报书 has): a row of two cells after it
 * has no room. */
static void test_grid_rest_ends_at_a_row_across(void)
{
    expect_bad_grid("<table widths='50 106'>\n<row><cell rowspan='rest'>甲</cell><cell>乙</cell></row>\n"
                    "<row><cell colspan='2'>注</cell></row>\n<row><cell>丙</cell><cell>丁</cell></row>\n"
                    "<row><cell rowspan='rest'>戊</cell><cell>己</cell></row>\n"
                    "<row><cell>庚</cell><cell>辛</cell></row>\n</table>\n", 10, "no column left");
}

static void test_grid_huge_rowspan(void)
{
    expect_bad_grid("<table widths='50 106'>\n<row><cell rowspan='4294967297'>甲</cell><cell>乙</cell></row>\n"
                    "</table>\n", 6, "rowspan");
}


/* ---- the files of a run ---- */

/* The sample rendered into out: the folder's documents (the record aside). */
static GPtrArray *documents_in(const char *dir)
{
    GPtrArray *names = tu_dir_names(dir);
    if (!names)
        names = g_ptr_array_new_with_free_func(g_free);
    for (guint i = names->len; i > 0; i--)
        if (strcmp(names->pdata[i - 1], ".shenbao-files") == 0)
            g_ptr_array_remove_index(names, i - 1);
    return names;
}

static gboolean copy_sample(const Scratch *s, const char *name)
{
    g_autofree char *sample = tu_sample_path();
    g_autofree char *to = g_build_filename(s->root, name, NULL);
    g_autofree char *dir = g_path_get_dirname(to);
    g_mkdir_with_parents(dir, 0700);
    return tu_copy_file(sample, to);
}

static gboolean render_ok(const Scratch *s, const char *const *args)
{
    g_autoptr(TuResult) r = run_limited(s, NULL, args);
    return tu_check_exit(r, 0);
}

/* a/x.yaml and b/x.yaml in one run would both be out/x.*: refused before anything is
 * written, whichever thread would have come first. */
static void test_batch_names_collide(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "render", "a/x.yaml", "b/x.yaml", "-o", "out", NULL };
    if (copy_sample(&s, "a/x.yaml") && copy_sample(&s, "b/x.yaml")) {
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        const char *const none[] = { NULL };
        check_refused(r, 2, "would be written twice");
        tu_check(strstr(r->err, "a/x.yaml") && strstr(r->err, "b/x.yaml"), "both inputs named: %s", r->err);
        check_holds(s.out, none, "nothing is written");
    }
    scratch_clear(&s);
}

/* Names a case-blind file system takes for one are the same name. */
static void test_batch_names_collide_by_case(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "render", "X.yaml", "a/x.yaml", "-o", "out", "--format", "pdf", NULL };
    if (copy_sample(&s, "X.yaml") && copy_sample(&s, "a/x.yaml")) {
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        const char *const none[] = { NULL };
        check_refused(r, 2, "would be written twice");
        check_holds(s.out, none, "nothing is written");
    }
    scratch_clear(&s);
}

/* Every file of a folder, name and content, to compare before and after. */
static GHashTable *snapshot(const char *dir)
{
    GHashTable *files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    for (guint i = 0; names && i < names->len; i++) {
        g_autofree char *path = g_build_filename(dir, names->pdata[i], NULL);
        char *text = NULL;
        gsize len = 0;
        if (g_file_get_contents(path, &text, &len, NULL)) {
            g_hash_table_insert(files, g_strdup(names->pdata[i]),
                                g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *) text, len));
            g_free(text);
        } else {
            g_hash_table_insert(files, g_strdup(names->pdata[i]), g_strdup("(not a file)"));
        }
    }
    return files;
}

static gboolean check_unchanged(GHashTable *before, const char *dir, const char *why)
{
    g_autoptr(GHashTable) after = snapshot(dir);
    gboolean ok = g_hash_table_size(before) == g_hash_table_size(after);
    GHashTableIter it;
    gpointer name, sum;
    g_hash_table_iter_init(&it, before);
    while (ok && g_hash_table_iter_next(&it, &name, &sum))
        ok = g_strcmp0(g_hash_table_lookup(after, name), sum) == 0;
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    g_autofree char *joined = names ? tu_names_join(names) : g_strdup("(none)");
    return tu_check(ok, "%s: %s changed (now %s)", why, dir, joined);
}

/* A good run, then one that fails (its DOCX name is taken by a folder): the first run's
 * PDF, DOCX and ODT are all still there, unchanged, and nothing else is. */
static void test_failed_run_keeps_earlier_outputs(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "render", "x.yaml", "y.yaml", "-o", "out", NULL };
    if (copy_sample(&s, "x.yaml") && copy_sample(&s, "y.yaml") && render_ok(&s, args)) {
        g_autofree char *blocker = g_build_filename(s.out, "y.docx", NULL);
        g_unlink(blocker);
        g_mkdir(blocker, 0700);
        g_autoptr(GHashTable) before = snapshot(s.out);
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        check_refused(r, 2, "y.docx");
        check_unchanged(before, s.out, "a failed run");
    }
    scratch_clear(&s);
}

/* A folder that cannot be written: the system's reason, and nothing left. */
static void test_unwritable_folder(void)
{
    Scratch s;
    scratch_init(&s);
    if (!g_file_test("/sys/kernel", G_FILE_TEST_IS_DIR)) {
        tu_skip("no /sys/kernel, a folder nobody can write");
    } else {
        const char *args[] = { "blank", TU_FORM, "-f", "docx", "-o", "/sys/kernel", NULL };
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        check_refused(r, 2, "cannot write /sys/kernel/" TU_FORM ".docx: ");
        tu_check(strstr(r->err, "Permission denied") || strstr(r->err, "Read-only"),
                 "the reason is given: %s", r->err);
    }
    scratch_clear(&s);
}

/* An output edited since shenbao wrote it is kept, with a message, and replaced with
 * --force; one it did not write at all is kept too; an unchanged one is replaced. */
static void test_edited_output_kept(void)
{
    Scratch s;
    scratch_init(&s);
    const char *docx_only[] = { "render", "x.yaml", "-o", "out", "-f", "docx", NULL };
    const char *args[] = { "render", "x.yaml", "-o", "out", "-f", "docx,odt", NULL };
    const char *forced[] = { "render", "x.yaml", "-o", "out", "-f", "docx,odt", "--force", NULL };
    if (copy_sample(&s, "x.yaml") && render_ok(&s, docx_only) && render_ok(&s, docx_only)) {
        g_autofree char *docx = g_build_filename(s.out, "x.docx", NULL);
        g_autofree char *odt = g_build_filename(s.out, "x.odt", NULL);
        tu_write_file(docx, "edited in Word", -1);
        tu_write_file(odt, "not shenbao's", -1);
        g_autoptr(GHashTable) before = snapshot(s.out);
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        if (check_refused(r, 2, "x.docx was changed since shenbao wrote it: kept"))
            tu_check(strstr(r->err, "--force") && strstr(r->err, "x.odt is there already and shenbao did not write it"),
                     "both files are named, and --force: %s", r->err);
        check_unchanged(before, s.out, "outputs not shenbao's are kept");
        g_autoptr(TuResult) f = run_limited(&s, NULL, forced);
        g_autofree char *text = NULL;
        if (tu_check_exit(f, 0) && g_file_get_contents(docx, &text, NULL, NULL))
            tu_check(g_str_has_prefix(text, "PK"), "--force replaced the edited DOCX");
    }
    scratch_clear(&s);
}

/* The same name written from another input is not that input's last output. */
static void test_output_of_another_input_kept(void)
{
    Scratch s;
    scratch_init(&s);
    const char *first[] = { "render", "a/x.yaml", "-o", "out", "-f", "pdf", NULL };
    const char *second[] = { "render", "b/x.yaml", "-o", "out", "-f", "pdf", NULL };
    if (copy_sample(&s, "a/x.yaml") && copy_sample(&s, "b/x.yaml") && render_ok(&s, first)) {
        g_autoptr(TuResult) r = run_limited(&s, NULL, second);
        check_refused(r, 2, "written by shenbao from ");
    }
    scratch_clear(&s);
}

/* compile keeps the same record: a 审查表 filled in by hand since is kept, --force
 * replaces it, and a folder an older compile listed is read as compile's. */
static void test_compile_edited_output_kept(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "compile", "x.yaml", "-o", "out", "-f", "docx", NULL };
    const char *forced[] = { "compile", "x.yaml", "-o", "out", "-f", "docx", "--force", NULL };
    if (copy_sample(&s, "x.yaml") && render_ok(&s, args) && render_ok(&s, args)) {
        g_autofree char *summary = g_build_filename(s.out, "推荐汇总表.docx", NULL);
        tu_write_file(summary, "filled in by hand", -1);
        g_autoptr(GHashTable) before = snapshot(s.out);
        g_autoptr(TuResult) r = run_limited(&s, NULL, args);
        check_refused(r, 2, "推荐汇总表.docx was changed since shenbao wrote it: kept");
        check_unchanged(before, s.out, "a compile that would replace an edited file");
        g_autoptr(TuResult) f = run_limited(&s, NULL, forced);
        g_autofree char *text = NULL;
        if (tu_check_exit(f, 0) && g_file_get_contents(summary, &text, NULL, NULL))
            tu_check(g_str_has_prefix(text, "PK"), "--force replaced the edited 推荐汇总表");
    }
    scratch_clear(&s);
}

/* No *.tmp left in a folder. */
static gboolean check_no_temporaries(const char *dir, const char *why)
{
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    for (guint i = 0; names && i < names->len; i++)
        if (g_str_has_suffix(names->pdata[i], ".tmp"))
            return tu_check(FALSE, "%s: %s is left in %s", why, (char *) names->pdata[i], dir);
    return TRUE;
}

static gboolean has_temporary(const char *dir)
{
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    for (guint i = 0; names && i < names->len; i++)
        if (g_str_has_suffix(names->pdata[i], ".tmp"))
            return TRUE;
    return FALSE;
}

/* A signal while the documents are being written (a temporary is there): the process
 * ends by that signal, and leaves no temporary and no document. */
static void expect_signal_cleans_up(int sig)
{
    Scratch s;
    scratch_init(&s);
    g_autofree char *sample = tu_sample_path();
    const char *argv[] = { g_getenv("SHENBAO_BIN"), "render", sample, sample, sample, "-o", "out", NULL };
    g_autofree char *a = g_build_filename(s.root, "a.yaml", NULL), *b = g_build_filename(s.root, "b.yaml", NULL);
    argv[3] = a;
    argv[4] = b;
    GPid pid = 0;
    GError *error = NULL;
    if (copy_sample(&s, "a.yaml") && copy_sample(&s, "b.yaml")
        && tu_check(g_spawn_async(s.root, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error),
                    "cannot start shenbao: %s", error ? error->message : "")) {
        gint64 until = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;
        while (!has_temporary(s.out) && g_get_monotonic_time() < until && waitpid(pid, NULL, WNOHANG) == 0)
            g_usleep(2000);
        gboolean caught = has_temporary(s.out);
        kill(pid, sig);
        int status = 0;
        waitpid(pid, &status, 0);
        g_spawn_close_pid(pid);
        if (tu_check(caught, "no temporary file was seen while shenbao wrote"))
            tu_check(WIFSIGNALED(status) && WTERMSIG(status) == sig, "ended by signal %d (status %#x)", sig, status);
        const char *const none[] = { NULL };
        check_no_temporaries(s.out, "a signal");
        g_autoptr(GPtrArray) docs = documents_in(s.out);
        tu_check(docs->len == 0, "a stopped run writes no document (%u there)", docs->len);
        (void) none;
    }
    g_clear_error(&error);
    scratch_clear(&s);
}

static void test_sigint_cleans_up(void)
{
    expect_signal_cleans_up(SIGINT);
}

static void test_sigterm_cleans_up(void)
{
    expect_signal_cleans_up(SIGTERM);
}

static void test_sighup_cleans_up(void)
{
    expect_signal_cleans_up(SIGHUP);
}

/* ---- documents read back ---- */

static void test_extract_folder(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "extract", "d.docx", "-o", "x.yaml", NULL };
    g_autofree char *dir = g_build_filename(s.root, "d.docx", NULL);
    g_mkdir(dir, 0700);
    g_autoptr(TuResult) r = run_limited(&s, NULL, args);
    check_refused(r, 2, "d.docx is a folder");
    g_autofree char *out = g_build_filename(s.root, "x.yaml", NULL);
    tu_check(!g_file_test(out, G_FILE_TEST_EXISTS), "no output is written");
    scratch_clear(&s);
}

/* Renders the sample's DOCX into the scratch folder, runs `python` there to make `doc` of it,
 * and expects extract to refuse `doc` with `status` and `words`, writing nothing. */
static void expect_extract_refused(const char *doc, const char *python, int status, const char *words)
{
    Scratch s;
    scratch_init(&s);
    g_autofree char *sample = tu_sample_path();
    const char *render[] = { "render", sample, "-o", ".", "-f", "docx", NULL };
    const char *args[] = { "extract", doc, "-o", "x.yaml", NULL };
    const char *make[] = { "/usr/bin/python3", "-W", "ignore", "-c", python, NULL };
    TuRunOptions here = { .cwd = s.root };
    if (render_ok(&s, render)) {
        g_autoptr(TuResult) p = tu_run(make, &here);
        g_autoptr(TuResult) r = tu_check_exit(p, 0) ? run_limited(&s, NULL, args) : NULL;
        if (r)
            check_refused(r, status, words);
        g_autofree char *out = g_build_filename(s.root, "x.yaml", NULL);
        tu_check(!g_file_test(out, G_FILE_TEST_EXISTS), "no output is written");
    }
    scratch_clear(&s);
}

/* A DOCX holding word/document.xml twice: Python's zipfile appends a second one. */
static void test_extract_duplicate_entry(void)
{
    expect_extract_refused(TU_FORM ".docx",
        "import zipfile; zipfile.ZipFile('" TU_FORM ".docx', 'a').writestr('word/document.xml', '<w:document/>')",
        2, "there twice");
}

/* A DOCX whose word/document.xml declares 1000 bytes and inflates to 30 MB (under the entry
 * limit, over the ratio): refused while reading, counted in what really inflates, within the
 * memory limit. */
static void test_extract_lying_size(void)
{
    expect_extract_refused("liar.docx",
        "import struct, zipfile\n"
        "src = zipfile.ZipFile('" TU_FORM ".docx')\n"
        "out = zipfile.ZipFile('liar.docx', 'w', zipfile.ZIP_DEFLATED)\n"
        "size = 30 * 1000 * 1000 + 7\n"
        "for i in src.infolist():\n"
        "    data = src.read(i.filename)\n"
        "    if i.filename == 'word/document.xml':\n"
        "        data = data.replace(b'<w:body>', b'<w:body>' + b' ' * (size - len(data)), 1)\n"
        "    out.writestr(i.filename, data)\n"
        "out.close()\n"
        "raw = open('liar.docx', 'rb').read()\n"
        "real = struct.pack('<I', size)\n"
        "assert raw.count(real) == 2\n"
        "open('liar.docx', 'wb').write(raw.replace(real, struct.pack('<I', 1000)))\n",
        2, "unpacks to more than shenbao reads");
}

/* ---- libraries that print ---- */

/* With no cache folder it can write, fontconfig said "No writable cache directories" on
 * stderr; shenbao gives it one of its own, and prints nothing. */
static void test_no_library_prints(void)
{
    Scratch s;
    scratch_init(&s);
    const char *env[] = { "XDG_CACHE_HOME=/proc/no-cache", "HOME=/proc/no-home", NULL };
    const char *args[] = { "blank", TU_FORM, "-f", "pdf", "-o", "out", NULL };
    g_autoptr(TuResult) r = run_limited(&s, env, args);
    if (tu_check_exit(r, 0))
        tu_check(r->err_len == 0, "nothing on stderr, got: %s", r->err);
    scratch_clear(&s);
}

/* A locale fontconfig cannot read made it print "ignoring …: not a valid language tag". */
static void test_no_library_prints_bad_locale(void)
{
    Scratch s;
    scratch_init(&s);
    const char *env[] = { "LC_ALL=bogus@@", "LANG=bogus@@", "FC_LANG", NULL };
    const char *args[] = { "blank", TU_FORM, "-f", "pdf", "-o", "out", NULL };
    g_autoptr(TuResult) r = run_limited(&s, env, args);
    if (tu_check_exit(r, 0))
        tu_check(r->err_len == 0, "nothing on stderr, got: %s", r->err);
    scratch_clear(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hostile/size/summary-rows-linear", test_summary_rows_linear);
    g_test_add_func("/hostile/size/latin-run-linear", test_latin_run_linear);
    g_test_add_func("/hostile/size/long-answers-linear", test_long_answers_linear);
    g_test_add_func("/hostile/size/long-paragraph-linear", test_long_paragraph_linear);
    g_test_add_func("/hostile/grid/too-many-cells", test_grid_too_many_cells);
    g_test_add_func("/hostile/grid/rowspans-fill-every-column", test_grid_rowspans_fill_every_column);
    g_test_add_func("/hostile/grid/span-past-the-edge", test_grid_span_past_the_edge);
    g_test_add_func("/hostile/grid/row-short", test_grid_row_short);
    g_test_add_func("/hostile/grid/rowspan-all-in-repeat", test_grid_rowspan_all_in_repeat);
    g_test_add_func("/hostile/grid/huge-rowspan", test_grid_huge_rowspan);
    g_test_add_func("/hostile/grid/empty-repeat", test_grid_empty_repeat);
    g_test_add_func("/hostile/grid/rest-ends-at-a-row-across", test_grid_rest_ends_at_a_row_across);
    g_test_add_func("/hostile/files/batch-names-collide", test_batch_names_collide);
    g_test_add_func("/hostile/files/batch-names-collide-by-case", test_batch_names_collide_by_case);
    g_test_add_func("/hostile/files/failed-run-keeps-earlier-outputs", test_failed_run_keeps_earlier_outputs);
    g_test_add_func("/hostile/files/unwritable-folder", test_unwritable_folder);
    g_test_add_func("/hostile/files/edited-output-kept", test_edited_output_kept);
    g_test_add_func("/hostile/files/output-of-another-input-kept", test_output_of_another_input_kept);
    g_test_add_func("/hostile/files/compile-edited-output-kept", test_compile_edited_output_kept);
    g_test_add_func("/hostile/files/sigint-cleans-up", test_sigint_cleans_up);
    g_test_add_func("/hostile/files/sigterm-cleans-up", test_sigterm_cleans_up);
    g_test_add_func("/hostile/files/sighup-cleans-up", test_sighup_cleans_up);
    g_test_add_func("/hostile/zip/extract-folder", test_extract_folder);
    g_test_add_func("/hostile/zip/extract-duplicate-entry", test_extract_duplicate_entry);
    g_test_add_func("/hostile/zip/extract-lying-size", test_extract_lying_size);
    g_test_add_func("/hostile/library/prints-nothing", test_no_library_prints);
    g_test_add_func("/hostile/library/prints-nothing-for-a-bad-locale", test_no_library_prints_bad_locale);
    return g_test_run();
}
