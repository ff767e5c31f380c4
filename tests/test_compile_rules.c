/* `shenbao compile` when applications break the rules across applications (001 二（一）
 * （二）), one failing folder per rule, each message naming the files; and what compile
 * does with bad inputs, a folder it must not overwrite, a re-run with fewer applications,
 * an interruption and a terminal. */
#include "compileutil.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#define EXIT_INVALID 1
#define EXIT_USAGE 2

static GPtrArray *batch;

/* A folder of applications: root/in holds them, compile writes root/out. */
typedef struct {
    char *root, *in, *out;
    GPtrArray *apps;
} Case;

static void case_init(Case *c)
{
    c->root = tu_tmpdir_new();
    c->in = g_build_filename(c->root, "in", NULL);
    c->out = g_build_filename(c->root, "out", NULL);
    c->apps = g_ptr_array_new_with_free_func(cu_application_free);
    g_mkdir(c->in, 0700);
}

static void case_clear(Case *c)
{
    tu_rm_rf(c->root);
    g_free(c->root);
    g_free(c->in);
    g_free(c->out);
    g_ptr_array_unref(c->apps);
}

/* A copy of the batch's entry `prefix` under its own name. */
static CuApplication *take(Case *c, const char *prefix)
{
    const CuApplication *a = cu_find(batch, prefix);
    CuApplication *copy = cu_copy(a, a->file);
    g_ptr_array_add(c->apps, copy);
    return copy;
}

static TuResult *compile(Case *c)
{
    if (!cu_write_all(c->apps, c->in))
        return NULL;
    TuRunOptions opts = { .cwd = c->root, .timeout_s = 600 };
    return tu_shenbao(&opts, "compile", "in", "-o", "out", NULL);
}

/* The report's part about one application: from its "[…] in/FILE" line to the next. */
static char *entry_of(const char *report, const char *file)
{
    g_autofree char *tail = g_strdup_printf("] in/%s\n", file);
    const char *at = strstr(report, tail);
    if (!at)
        return NULL;
    while (at > report && at[-1] != '\n')
        at--;
    const char *end = strstr(at + 1, "\n[");
    const char *blank = strstr(at + 1, "\n\n");
    if (!end || (blank && blank < end))
        end = blank;
    return end ? g_strndup(at, end - at + 1) : g_strdup(at);
}

/* The application's entry says `verdict` and holds each of the words. */
static gboolean check_entry(const TuResult *r, const char *file, const char *verdict, const char *const *words)
{
    g_autofree char *entry = entry_of(r->out, file);
    if (!tu_check(entry != NULL, "the report has no entry for %s:\n%s", file, r->out))
        return FALSE;
    g_autofree char *head = g_strdup_printf("[%s] in/%s", verdict, file);
    gboolean ok = tu_check(g_str_has_prefix(entry, head), "%s is not '%s':\n%s", file, verdict, entry);
    for (guint i = 0; words && words[i]; i++)
        ok = tu_check(strstr(entry, words[i]) != NULL, "the entry of %s lacks '%s':\n%s", file, words[i], entry)
             && ok;
    return ok;
}

static gboolean check_no_summary(const Case *c)
{
    g_autofree char *summary = g_build_filename(c->out, "推荐汇总表.yaml", NULL);
    g_autofree char *report = g_build_filename(c->out, "检查报告.txt", NULL);
    return tu_check(!g_file_test(summary, G_FILE_TEST_EXISTS) && g_file_test(report, G_FILE_TEST_EXISTS),
                    "with no valid application only the report is written");
}

/* ---- the rules ---- */

/* One unit, with its code, in four projects — two of each category: every one of them
 * is told the other three, and the category rule speaks too. */
static void test_unit_projects(void)
{
    Case c;
    case_init(&c);
    const char *prefixes[] = { "01-", "02-", "11-", "12-" };
    for (guint i = 0; i < G_N_ELEMENTS(prefixes); i++)
        cu_add_participant(take(&c, prefixes[i]), "江东省脑科医院", "46611111-6");
    g_autoptr(TuResult) r = compile(&c);
    if (r && tu_check_exit(r, EXIT_INVALID)) {
        for (guint i = 0; i < c.apps->len; i++) {
            const CuApplication *a = c.apps->pdata[i];
            GString *others = g_string_new(NULL);
            for (guint k = 0; k < c.apps->len; k++)
                if (k != i)
                    g_string_append_printf(others, "%sin/%s", others->len ? ", " : "",
                                           ((CuApplication *) c.apps->pdata[k])->file);
            g_autofree char *sentence = g_strdup_printf("leads or joins 4 projects: this one and %s", others->str);
            const char *words[] = { sentence, "organisation code 46611111-6", "consortia of one category", NULL };
            check_entry(r, a->file, "invalidated by other applications", words);
            g_string_free(others, TRUE);
        }
        check_no_summary(&c);
    }
    case_clear(&c);
}

/* Two 重点产品 consortia with one unit, typed differently, named without its code in one
 * (itself invalid for that, the other invalidated by it). */
static void test_same_category_by_name(void)
{
    Case c;
    case_init(&c);
    take(&c, "01-");
    CuApplication *b = cu_copy(cu_find(batch, "03-"), "03-无液氮超导磁共振系统.yaml");
    g_ptr_array_add(c.apps, b);
    cu_add_participant(b, "江东大学(医学院)", NULL);
    take(&c, "11-");   /* a 典型场景 project with the same unit stays valid */
    g_autoptr(TuResult) r = compile(&c);
    if (r && tu_check_exit(r, EXIT_INVALID)) {
        const CuApplication *a = c.apps->pdata[0], *ok = c.apps->pdata[2];
        g_autofree char *names_b = g_strdup_printf("this one and in/%s", b->file);
        g_autofree char *names_a = g_strdup_printf("this one and in/%s", a->file);
        const char *words_a[] = { "'江东大学（医学院）' is in 2 consortia of one category (key product)", names_b,
                                  "one unit by its organisation code 46700037-0, and by its name where no code is "
                                  "given, written '江东大学（医学院）', '江东大学(医学院)'", NULL };
        const char *words_b[] = { "组织机构代码", "'江东大学(医学院)' is in 2 consortia", names_a, NULL };
        check_entry(r, a->file, "invalidated by other applications", words_a);
        check_entry(r, b->file, "invalid", words_b);
        check_entry(r, ok->file, "valid", NULL);
        g_autofree char *summary_path = g_build_filename(c.out, "推荐汇总表.yaml", NULL);
        SbValue *summary = cu_load(summary_path);
        const SbValue *rows = sb_value_lookup(summary, "projects");
        tu_check(sb_value_size(rows) == 1 && g_strcmp0(cu_text(sb_value_item(rows, 0), "name"),
                                                       cu_text(ok->data, "project.name")) == 0,
                 "the summary holds the valid project only");
        sb_value_free(summary);
        /* `check` of several applications applies the same rules */
        g_autofree char *file_a = g_strdup_printf("in/%s", a->file), *file_b = g_strdup_printf("in/%s", b->file);
        g_autofree char *file_ok = g_strdup_printf("in/%s", ok->file);
        TuRunOptions opts = { .cwd = c.root };
        g_autoptr(TuResult) check = tu_shenbao(&opts, "check", file_a, file_b, file_ok, NULL);
        if (tu_check_exit(check, EXIT_INVALID))
            tu_check(tu_has_located_error(check->err, file_a, 0) && tu_has_located_error(check->err, file_b, 0)
                     && !strstr(check->err, file_ok) && strstr(check->err, names_a),
                     "check tells both applications, and only them:\n%s", check->err);
    }
    case_clear(&c);
}

/* Two 典型场景 consortia with one unit under two names: its organisation code says it is
 * one, and a code inside a 统一社会信用代码 counts as the unit's code too. */
static void test_same_category_by_code(void)
{
    Case c;
    case_init(&c);
    CuApplication *a = take(&c, "11-"), *b = take(&c, "13-");
    cu_add_participant(b, "澄州市妇幼保健中心", "46623456-2");
    cu_add_participant(a, "江东影联科技发展有限公司", "MA1N7K2Q-8");
    cu_add_participant(b, "江东曜影医疗科技股份有限公司", "MA1N7K2Q-8");
    g_autoptr(TuResult) r = compile(&c);
    if (r && tu_check_exit(r, EXIT_INVALID)) {
        const char *words_a[] = { "'澄州市妇幼保健院' is in 2 consortia of one category (typical scenario)",
                                  "one unit by its organisation code 46623456-2, written '澄州市妇幼保健院', "
                                  "'澄州市妇幼保健中心'", "organisation code MA1N7K2Q-8", NULL };
        check_entry(r, a->file, "invalidated by other applications", words_a);
        check_entry(r, b->file, "invalidated by other applications", NULL);
        check_no_summary(&c);
    }
    case_clear(&c);
}

/* One application sent twice, as its YAML and as the DOCX made from it. */
static void test_same_project_twice(void)
{
    Case c;
    case_init(&c);
    CuApplication *a = take(&c, "01-");
    g_ptr_array_add(c.apps, cu_copy(a, "01-再次报送.docx"));
    g_autoptr(TuResult) r = compile(&c);
    if (r && tu_check_exit(r, EXIT_INVALID)) {
        const char *words_docx[] = { "in/01-再次报送.docx: error: project.name: this project is also submitted as "
                                     "in/01-光子计数探测器CT.yaml (the same name)", NULL };
        const char *words_yaml[] = { "also submitted as in/01-再次报送.docx", NULL };
        check_entry(r, "01-再次报送.docx", "invalidated by other applications", words_docx);
        check_entry(r, a->file, "invalidated by other applications", words_yaml);
        tu_check(strstr(r->out, "consortia of one category") == NULL,
                 "the copies' units do not count twice:\n%s", r->out);
        check_no_summary(&c);
    }
    case_clear(&c);
}

/* 15 units at most: fourteen participants and the two leads are too many; the error is
 * located in the file, the others compile. */
static void test_consortium_size(void)
{
    Case c;
    case_init(&c);
    CuApplication *a = take(&c, "04-");
    for (guint i = 0; i < 12; i++) {
        g_autofree char *name = g_strdup_printf("江东协作单位%02u", i + 1);
        cu_add_participant(a, name, NULL);
    }
    CuApplication *b = take(&c, "05-");
    g_autoptr(TuResult) r = compile(&c);
    if (r && tu_check_exit(r, EXIT_INVALID)) {
        g_autofree char *entry = entry_of(r->out, a->file);
        g_autofree char *prefix = g_strdup_printf("    in/%s", a->file);   /* indented under its entry */
        tu_check(entry && strstr(entry, "14") && tu_has_located_error(entry, prefix, 0),
                 "the entry of %s has a located error about its 14 participants:\n%s", a->file, entry);
        check_entry(r, a->file, "invalid", NULL);
        check_entry(r, b->file, "valid", NULL);
    }
    case_clear(&c);
}

/* ---- inputs ---- */

/* Bad files are invalid applications, each with its reason; the rest compile. */
static void test_bad_inputs(void)
{
    Case c;
    case_init(&c);
    CuApplication *app = take(&c, "01-"), *doc = take(&c, "09-");
    g_autofree char *summary = g_build_filename(tu_source_dir(), "samples", "miit-2025-summary.yaml", NULL);
    g_autofree char *summary_in = g_build_filename(c.in, "summary.yaml", NULL);
    g_autofree char *fake = g_build_filename(c.in, "scan.docx", NULL);
    g_autofree char *broken = g_build_filename(c.in, "broken.json", NULL);
    g_autofree char *notes = g_build_filename(c.in, "notes.txt", NULL);
    g_autofree char *lock = g_build_filename(c.in, "~$09-电子胃肠内窥镜.docx", NULL);
    tu_copy_file(summary, summary_in);
    tu_write_file(fake, "PK\003\004 not a document", -1);
    tu_write_file(broken, "{\"form\": \"miit-2025-application\", \"project\": ", -1);
    tu_write_file(notes, "a secretariat's notes", -1);
    tu_write_file(lock, "Word's lock file", -1);
    g_autoptr(TuResult) r = compile(&c);
    if (r && tu_check_exit(r, EXIT_INVALID)) {
        const char *not_app[] = { "in/summary.yaml:", "not an application", NULL };
        const char *not_doc[] = { "cannot read the document", NULL };
        const char *syntax[] = { "in/broken.json:1:", NULL };
        check_entry(r, "summary.yaml", "invalid", not_app);
        check_entry(r, "scan.docx", "invalid", not_doc);
        check_entry(r, "broken.json", "invalid", syntax);
        check_entry(r, app->file, "valid", NULL);
        check_entry(r, doc->file, "valid", NULL);
        tu_check(strstr(r->out, "not data files or documents:\n    in/notes.txt\n") != NULL
                 && strstr(r->out, "~$") == NULL, "notes.txt is left out, Word's lock file unseen:\n%s", r->out);
    }
    case_clear(&c);
}

/* A DOCX's own error is placed at its field, there being no line to point at. */
static void test_document_error_located(void)
{
    if (!g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)) {
        tu_skip("/usr/bin/python3 is missing");
        return;
    }
    Case c;
    case_init(&c);
    take(&c, "09-");
    if (!cu_write_all(c.apps, c.in))
        return case_clear(&c);
    /* an applicant types a code with a wrong check character into the document */
    const char *script = "import sys, zipfile\n"
                         "src, dst = sys.argv[1], sys.argv[2]\n"
                         "with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as b:\n"
                         "    for i in a.infolist():\n"
                         "        data = a.read(i.filename)\n"
                         "        if i.filename == 'word/document.xml':\n"
                         "            assert b'46633333-3' in data\n"
                         "            data = data.replace(b'46633333-3', b'46633333-4')\n"
                         "        b.writestr(i, data)\n";
    g_autofree char *docx = g_build_filename(c.in, ((CuApplication *) c.apps->pdata[0])->file, NULL);
    g_autofree char *edited = g_build_filename(c.root, "edited.docx", NULL);
    const char *argv[] = { "/usr/bin/python3", "-c", script, docx, edited, NULL };
    g_autoptr(TuResult) py = tu_run(argv, NULL);
    if (tu_check(py->exited && py->status == 0, "the DOCX could not be edited: %s", py->err)) {
        g_rename(edited, docx);
        TuRunOptions opts = { .cwd = c.root, .timeout_s = 300 };
        g_autoptr(TuResult) r = tu_shenbao(&opts, "compile", "in", "-o", "out", NULL);
        g_autofree char *want = g_strdup_printf("in/%s: error: participants.0.org_code: ",
                                                ((CuApplication *) c.apps->pdata[0])->file);
        if (tu_check_exit(r, EXIT_INVALID))
            tu_check(strstr(r->out, want) != NULL, "the error names the field: %s\n%s", want, r->out);
    }
    case_clear(&c);
}

/* Nothing is written, nothing removed, when an input is missing or reached twice, or
 * a file of the folder would be replaced that no compile wrote. */
static void test_refused_before_writing(void)
{
    Case c;
    case_init(&c);
    take(&c, "01-");
    cu_write_all(c.apps, c.in);
    TuRunOptions opts = { .cwd = c.root, .timeout_s = 300 };
    g_autoptr(TuResult) missing = tu_shenbao(&opts, "compile", "in", "in/nothing.yaml", "-o", "out", NULL);
    g_autoptr(TuResult) twice = tu_shenbao(&opts, "compile", "in", "in/01-光子计数探测器CT.yaml", "-o", "out", NULL);
    if (tu_check_exit(missing, EXIT_USAGE) && tu_check_exit(twice, EXIT_USAGE))
        tu_check(!g_file_test(c.out, G_FILE_TEST_EXISTS) && strstr(twice->err, "given twice"),
                 "refused inputs write nothing: %s", twice->err);
    g_mkdir(c.out, 0700);
    g_autofree char *theirs = g_build_filename(c.out, "推荐汇总表.pdf", NULL);
    tu_write_file(theirs, "a secretariat's own file", -1);
    g_autoptr(TuResult) foreign = tu_shenbao(&opts, "compile", "in", "-o", "out", NULL);
    g_autofree char *kept = NULL;
    g_autoptr(GPtrArray) names = tu_dir_names(c.out);
    if (tu_check_exit(foreign, EXIT_USAGE))
        tu_check(g_file_get_contents(theirs, &kept, NULL, NULL) && g_str_equal(kept, "a secretariat's own file")
                 && names->len == 1 && strstr(foreign->err, "no compile wrote"),
                 "a file no compile wrote is neither replaced nor joined by others: %s", foreign->err);
    case_clear(&c);
}

/* A second compile with one application fewer removes that one's files and leaves the
 * folder's other files alone; the output folder inside the input folder is not read. */
static void test_rerun_fewer(void)
{
    Case c;
    case_init(&c);
    take(&c, "01-");
    take(&c, "11-");
    cu_write_all(c.apps, c.in);
    TuRunOptions opts = { .cwd = c.root, .timeout_s = 300 };
    g_autoptr(TuResult) first = tu_shenbao(&opts, "compile", "in", "-o", "in/out", NULL);
    g_autofree char *notes = g_build_filename(c.in, "out", "notes.txt", NULL);
    g_autofree char *second = g_build_filename(c.in, "out", "审查表-02-数字化手术室推广应用项目.pdf", NULL);
    g_autofree char *gone = g_build_filename(c.in, "11-数字化手术室.yaml", NULL);
    if (tu_check_exit(first, 0))
        tu_check(g_file_test(second, G_FILE_TEST_EXISTS), "two 审查表 are written");
    tu_write_file(notes, "kept", -1);
    g_unlink(gone);
    g_autoptr(TuResult) again = tu_shenbao(&opts, "compile", "in", "-o", "in/out", NULL);
    if (tu_check_exit(again, 0))
        tu_check(!g_file_test(second, G_FILE_TEST_EXISTS) && g_file_test(notes, G_FILE_TEST_EXISTS)
                 && strstr(again->out, "shenbao compile: 1 application\n") && strstr(again->out, "[valid] in/01-"),
                 "the withdrawn project's files are gone, notes.txt is kept, in/out is not read:\n%s", again->out);
    case_clear(&c);
}

/* ---- interrupted, and on a terminal ---- */

/* Interrupted while it writes, compile removes its temporaries and leaves the previous
 * compile's files as they were. */
static void test_interrupted(void)
{
    Case c;
    case_init(&c);
    for (guint i = 0; i < batch->len; i++)
        if (((CuApplication *) batch->pdata[i])->category)
            g_ptr_array_add(c.apps, cu_copy(batch->pdata[i], ((CuApplication *) batch->pdata[i])->file));
    cu_write_all(c.apps, c.in);
    TuRunOptions opts = { .cwd = c.root, .timeout_s = 600 };
    g_autoptr(TuResult) first = tu_shenbao(&opts, "compile", "in", "-o", "out", "-f", "pdf", NULL);
    tu_check_exit(first, 0);
    g_autofree char *before = g_build_filename(c.out, "推荐汇总表.yaml", NULL);
    g_autofree char *kept = g_build_filename(c.root, "kept.yaml", NULL);
    tu_copy_file(before, kept);
    g_autoptr(GPtrArray) names_before = tu_dir_names(c.out);
    /* the second run writes more, so that the signal finds it writing */
    g_autofree char *bin = g_strdup(g_getenv("SHENBAO_BIN"));
    const char *argv[] = { bin, "compile", "in", "-o", "out", NULL };
    GPid pid;
    GError *error = NULL;
    if (!tu_check(g_spawn_async(c.root, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                NULL, NULL, &pid, &error), "compile could not start"))
        return case_clear(&c);
    gboolean staging = FALSE;
    for (guint tries = 0; tries < 10000 && !staging; tries++) {   /* 20 s at most */
        g_autoptr(GPtrArray) now = tu_dir_names(c.out);
        for (guint i = 0; now && i < now->len; i++)
            staging = staging || g_str_has_prefix(now->pdata[i], ".shenbao-compile-");
        if (!staging)
            g_usleep(2000);
    }
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    g_spawn_close_pid(pid);
    g_autoptr(GPtrArray) names_after = tu_dir_names(c.out);
    g_autofree char *after = tu_names_join(names_after), *was = tu_names_join(names_before);
    g_autofree char *why = NULL;
    tu_check(staging, "the second run was seen writing");
    tu_check(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT, "compile ends by the interrupt (status %d)", status);
    tu_check(g_str_equal(after, was), "the folder holds what it held before: [%s], not [%s]", was, after);
    tu_check(tu_files_equal(before, kept, &why), "the previous summary is untouched: %s", why);
    case_clear(&c);
}

/* On a terminal, compile shows which file of how many it is at. */
static void test_progress_on_terminal(void)
{
    if (!tu_require_tool("script"))
        return;
    Case c;
    case_init(&c);
    take(&c, "01-");
    take(&c, "11-");
    cu_write_all(c.apps, c.in);
    g_autofree char *command = g_strdup_printf("'%s' compile in -o out -f pdf", g_getenv("SHENBAO_BIN"));
    const char *argv[] = { "script", "-qec", command, "/dev/null", NULL };
    TuRunOptions opts = { .cwd = c.root, .timeout_s = 300 };
    g_autoptr(TuResult) r = tu_run(argv, &opts);
    if (tu_check_exit(r, 0))
        tu_check(strstr(r->out, "reading 1/2 in/01-光子计数探测器CT.yaml") && strstr(r->out, "writing ")
                 && strstr(r->out, "2 applications: 2 valid"),
                 "the terminal shows the progress and the summary:\n%s", r->out);
    case_clear(&c);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    batch = cu_batch_load();
    if (!batch)
        g_error("tests/data/compile/batch.yaml or the samples can't be read");
    g_test_add_func("/compile/rules/unit-in-four-projects", test_unit_projects);
    g_test_add_func("/compile/rules/same-category-by-name", test_same_category_by_name);
    g_test_add_func("/compile/rules/same-category-by-code", test_same_category_by_code);
    g_test_add_func("/compile/rules/same-project-twice", test_same_project_twice);
    g_test_add_func("/compile/rules/consortium-size", test_consortium_size);
    g_test_add_func("/compile/inputs/bad", test_bad_inputs);
    g_test_add_func("/compile/inputs/document-error-located", test_document_error_located);
    g_test_add_func("/compile/inputs/refused-before-writing", test_refused_before_writing);
    g_test_add_func("/compile/output/rerun-fewer", test_rerun_fewer);
    g_test_add_func("/compile/output/interrupted", test_interrupted);
    g_test_add_func("/compile/output/progress-on-terminal", test_progress_on_terminal);
    int status = g_test_run();
    g_ptr_array_unref(batch);
    return status;
}
