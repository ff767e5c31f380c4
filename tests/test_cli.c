/* End-to-end tests of the shenbao command line: usage, exit statuses, diagnostics, and
 * bad data that must be refused without a crash and without writing anything. */
#include "testutil.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/tree.h>

#define EXIT_INVALID 1
#define EXIT_USAGE 2
#define NO_EXIT (-1)

static const char *const commands[] = { "list", "blank", "render", "check", "init", "schema",
                                        "compile", NULL };

/* ---- a scratch area: tmp/in holds the input, tmp/out receives output ---- */

typedef struct {
    char *root, *in, *out;
} Scratch;

static void scratch_init(Scratch *s)
{
    s->root = tu_tmpdir_new();
    s->in = g_build_filename(s->root, "in", NULL);
    s->out = g_build_filename(s->root, "out", NULL);
    g_mkdir(s->in, 0700);
    g_mkdir(s->out, 0700);
}

static void scratch_clear(Scratch *s)
{
    tu_rm_rf(s->root);
    g_free(s->root);
    g_free(s->in);
    g_free(s->out);
}

/* The documents in a folder: the record shenbao keeps of what it wrote there aside. */
static GPtrArray *document_names(const char *dir)
{
    GPtrArray *names = tu_dir_names(dir);
    for (guint i = names ? names->len : 0; i > 0; i--)
        if (strcmp(names->pdata[i - 1], ".shenbao-files") == 0)
            g_ptr_array_remove_index(names, i - 1);
    return names;
}

static gboolean check_dir_holds(const char *dir, const char *const *expected, const char *why)
{
    g_autoptr(GPtrArray) names = document_names(dir);
    g_autofree char *have = tu_names_join(names);
    gboolean ok = names != NULL && names->len == g_strv_length((char **)expected);
    for (guint i = 0; ok && i < names->len; i++)
        ok = g_strv_contains(expected, names->pdata[i]);
    g_autofree char *want = g_strjoinv(", ", (char **)expected);
    return tu_check(ok, "%s: %s should hold [%s] but holds [%s]", why, dir, want, have);
}

static gboolean check_dir_empty(const char *dir, const char *why)
{
    const char *const none[] = { NULL };
    return check_dir_holds(dir, none, why);
}

/* ---- usage and --help ---- */

static void test_help_main(void)
{
    g_autoptr(TuResult) r = tu_shenbao(NULL, "--help", NULL);
    if (!tu_check_exit(r, 0))
        return;
    g_autofree char *lower = g_utf8_strdown(r->out, -1);
    tu_check(strstr(lower, "usage") != NULL, "`shenbao --help` prints no usage on stdout");
    for (const char *const *c = commands; *c; c++)
        tu_check(strstr(r->out, *c) != NULL, "`shenbao --help` does not mention `%s`", *c);
}

static void test_help_command(gconstpointer data)
{
    const char *command = data;
    g_autoptr(TuResult) r = tu_shenbao(NULL, command, "--help", NULL);
    if (!tu_check_exit(r, 0))
        return;
    g_autofree char *lower = g_utf8_strdown(r->out, -1);
    g_autofree char *what = tu_result_describe(r);
    tu_check(strstr(lower, "usage") != NULL && strstr(r->out, command) != NULL,
             "expected a usage line naming `%s` on stdout: %s", command, what);
    tu_check(r->err_len == 0, "--help should write nothing on stderr: %s", what);
}

static void test_usage_no_command(void)
{
    g_autoptr(TuResult) r = tu_shenbao(NULL, NULL);
    tu_check_exit(r, EXIT_USAGE);
}

static void test_usage_unknown_command(void)
{
    g_autoptr(TuResult) r = tu_shenbao(NULL, "frobnicate", NULL);
    if (!tu_check_exit(r, EXIT_USAGE))
        return;
    g_autofree char *what = tu_result_describe(r);
    tu_check(strstr(r->err, "frobnicate") != NULL, "stderr should name the command: %s", what);
}

static void test_usage_unknown_global_option(void)
{
    g_autoptr(TuResult) r = tu_shenbao(NULL, "--frobnicate", "list", NULL);
    tu_check_exit(r, EXIT_USAGE);
}

/* The arguments that make a command valid apart from the option under test. */
static GPtrArray *valid_args(const char *command, const char *sample)
{
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, (gpointer)command);
    gboolean data = g_str_equal(command, "render") || g_str_equal(command, "check") || g_str_equal(command, "compile");
    if (data)
        g_ptr_array_add(args, (gpointer)sample);
    else if (!g_str_equal(command, "list"))
        g_ptr_array_add(args, (gpointer)TU_FORM);
    if (g_str_equal(command, "render") || g_str_equal(command, "blank") || g_str_equal(command, "compile")) {
        g_ptr_array_add(args, (gpointer)"-o");
        g_ptr_array_add(args, (gpointer)"out");
    }
    return args;
}

static void test_usage_unknown_option(gconstpointer data)
{
    const char *command = data;
    g_autofree char *sample = tu_sample_path();
    Scratch s;
    scratch_init(&s);
    GPtrArray *args = valid_args(command, sample);
    g_ptr_array_add(args, (gpointer)"--frobnicate");
    g_ptr_array_add(args, NULL);
    TuRunOptions opts = { .cwd = s.root };
    g_autoptr(TuResult) r = tu_shenbao_argv(&opts, (const char *const *)args->pdata);
    if (tu_check_exit(r, EXIT_USAGE))
        check_dir_empty(s.out, "a usage error writes nothing");
    g_ptr_array_free(args, TRUE);
    scratch_clear(&s);
}

static void test_usage_missing_argument(gconstpointer data)
{
    const char *command = data;
    g_autoptr(TuResult) r = tu_shenbao(NULL, command, NULL);
    tu_check_exit(r, EXIT_USAGE);
}

static void test_usage_option_without_value(void)
{
    g_autofree char *sample = tu_sample_path();
    g_autoptr(TuResult) r = tu_shenbao(NULL, "render", sample, "-o", NULL);
    tu_check_exit(r, EXIT_USAGE);
}

/* ---- list, init, schema ---- */

static void test_list(void)
{
    xmlDoc *doc = tu_template_load();
    if (!doc)
        return;
    g_autoptr(TuResult) r = tu_shenbao(NULL, "list", NULL);
    if (tu_check_exit(r, 0)) {
        const char *attrs[] = { "id", "edition", "title", "source" };
        g_autofree char *out = tu_fold(r->out);
        for (guint i = 0; i < G_N_ELEMENTS(attrs); i++) {
            g_autofree char *value = tu_template_attr(doc, attrs[i]);
            g_autofree char *folded = tu_fold(value ? value : "");
            tu_check(value && strstr(out, folded), "`shenbao list` lacks the form's %s \"%s\":\n%s",
                     attrs[i], value ? value : "(none in the template)", r->out);
        }
    }
    xmlFreeDoc(doc);
}

static void test_init(void)
{
    g_autoptr(TuResult) r = tu_shenbao(NULL, "init", TU_FORM, NULL);
    if (!tu_check_exit(r, 0))
        return;
    Scratch s;
    scratch_init(&s);
    g_autofree char *path = g_build_filename(s.in, "skeleton.yaml", NULL);
    g_autofree char *why = NULL;
    JsonNode *root = NULL;
    if (tu_write_file(path, r->out, r->out_len))
        root = tu_yaml_to_json(path, &why);
    if (tu_check(root != NULL, "`init` does not print YAML: %s", why ? why : "")) {
        JsonObject *o = JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
        const char *form = o && json_object_has_member(o, "form")
                               ? json_object_get_string_member_with_default(o, "form", "")
                               : "";
        tu_check(g_str_equal(form, TU_FORM), "the skeleton's form: key is \"%s\"", form);
        tu_check(o && json_object_has_member(o, "lead_enterprise"),
                 "the skeleton has no lead_enterprise key:\n%s", r->out);
    }
    g_clear_pointer(&root, json_node_unref);
    scratch_clear(&s);
}

static void test_schema(void)
{
    g_autoptr(TuResult) r = tu_shenbao(NULL, "schema", TU_FORM, NULL);
    if (!tu_check_exit(r, 0))
        return;
    g_autoptr(JsonParser) parser = json_parser_new();
    GError *error = NULL;
    gboolean parsed = json_parser_load_from_data(parser, r->out, r->out_len, &error);
    if (!tu_check(parsed, "`schema` does not print JSON: %s", error ? error->message : "")) {
        g_clear_error(&error);
        return;
    }
    JsonNode *root = json_parser_get_root(parser);
    JsonObject *o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    tu_check(o && json_object_has_member(o, "$schema"), "the schema has no $schema");
    JsonNode *props = o ? json_object_get_member(o, "properties") : NULL;
    JsonObject *p = props && JSON_NODE_HOLDS_OBJECT(props) ? json_node_get_object(props) : NULL;
    tu_check(p && json_object_has_member(p, "form") && json_object_has_member(p, "lead_enterprise"),
             "the schema's properties lack form or lead_enterprise");
}

/* ---- bad data ---- */

typedef enum {
    LOC_LINES,   /* file:LINE:COL with LINE one of BadCase.lines */
    LOC_ANY,     /* file:LINE:COL with any position */
    LOC_FILE,    /* a line naming the file and holding "error" (no position to give) */
} Located;

typedef struct {
    const char *name;             /* /cli/bad/<name> */
    const char *fixture;          /* in tests/data/bad, or NULL with generate */
    char *(*generate)(gsize *len);
    const char *file_name;        /* the name the input is copied under */
    int exit_status;
    int alt_exit_status;          /* another acceptable status, or NO_EXIT */
    Located located;
    int lines[4];                 /* acceptable lines, 0-terminated */
    const char *mention;          /* text the error line must hold, or NULL */
    double max_seconds;           /* 0: no limit beyond the run timeout */
} BadCase;

static char *generate_deep_json(gsize *len)
{
    const int depth = 100000;
    GString *s = g_string_new("{\n  \"form\": \"miit-2025-application\",\n  \"deep\": ");
    for (int i = 0; i < depth; i++)
        g_string_append_c(s, '[');
    for (int i = 0; i < depth; i++)
        g_string_append_c(s, ']');
    g_string_append(s, "\n}\n");
    *len = s->len;
    return g_string_free(s, FALSE);
}

static char *generate_deep_yaml(gsize *len)
{
    const int depth = 100000;
    GString *s = g_string_new("form: miit-2025-application\ndeep: ");
    for (int i = 0; i < depth; i++)
        g_string_append_c(s, '[');
    for (int i = 0; i < depth; i++)
        g_string_append_c(s, ']');
    g_string_append_c(s, '\n');
    *len = s->len;
    return g_string_free(s, FALSE);
}

/* More values than the loader takes (200000), in well under its size limit. */
static char *generate_many_values(gsize *len)
{
    const int count = 250000;
    GString *s = g_string_new("{\n  \"form\": \"miit-2025-application\",\n  \"many\": [0");
    for (int i = 1; i < count; i++)
        g_string_append(s, ",0");
    g_string_append(s, "]\n}\n");
    *len = s->len;
    return g_string_free(s, FALSE);
}

/* 40 MB: a valid start, then a long comment. */
static char *generate_huge(gsize *len)
{
    const gsize size = 40u * 1000u * 1000u;
    GString *s = g_string_sized_new(size + 64);
    g_string_append(s, "form: miit-2025-application\n# ");
    while (s->len < size)
        g_string_append(s, "填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充\n# ");
    g_string_append_c(s, '\n');
    *len = s->len;
    return g_string_free(s, FALSE);
}

/* unknown-key.yaml with CRLF line ends: line numbers must not double. */
static char *generate_crlf(gsize *len)
{
    g_autofree char *path = tu_data_path("bad/unknown-key.yaml");
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        text = g_strdup("");
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    char *joined = g_strjoinv("\r\n", lines);
    *len = strlen(joined);
    return joined;
}

/* A NUL byte inside a value on line 3. */
static char *generate_nul(gsize *len)
{
    static const char text[] = "form: miit-2025-application\nlead_enterprise:\n  name: 某某\0医疗\n";
    *len = sizeof text - 1;
    return g_memdup2(text, sizeof text - 1);
}

static const BadCase bad_cases[] = {
    { "yaml-syntax", "yaml-syntax.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL, 0 },
    { "json-syntax", "json-syntax.json", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 5 }, NULL, 0 },
    { "invalid-utf8-yaml", "invalid-utf8.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL, 0 },
    { "invalid-utf8-json", "invalid-utf8.json", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL, 0 },
    { "control-u0001", "control-u0001.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL, 0 },
    { "control-u000b", "control-u000b.json", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL, 0 },
    { "control-escaped-yaml", "control-escaped.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 },
      NULL, 0 },
    { "control-escaped-json", "control-escaped.json", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 },
      NULL, 0 },
    { "noncharacter-escaped-json", "noncharacter-escaped.json", NULL, NULL, 1, NO_EXIT,
      LOC_LINES, { 4 }, NULL, 0 },
    { "nul-byte", NULL, generate_nul, "nul-byte.yaml", 1, NO_EXIT, LOC_LINES, { 3 }, NULL, 0 },
    { "wrong-type-map", "wrong-type-map.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL, 0 },
    { "wrong-type-list", "wrong-type-list.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL,
      0 },
    { "wrong-type-scalar", "wrong-type-scalar.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 3 },
      NULL, 0 },
    { "wrong-type-json", "wrong-type.json", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 }, NULL, 0 },
    { "uscc-check-digit", "bad-uscc.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 5 }, NULL, 0 },
    { "idcard-check-digit", "bad-idcard.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 7 }, NULL, 0 },
    { "orgcode-check-digit", "bad-orgcode.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 6 }, NULL,
      0 },
    /* The list's key, its start or its 14th item are all fair places to point at. */
    { "too-many-participants", "too-many-participants.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES,
      { 3, 4, 17 }, "13", 0 },
    { "unknown-key", "unknown-key.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 3 },
      "lead_enterprise", 0 },
    { "unknown-key-crlf", NULL, generate_crlf, "crlf.yaml", 1, NO_EXIT, LOC_LINES, { 3 },
      "lead_enterprise", 0 },
    { "unknown-nested-key", "unknown-nested-key.yaml", NULL, NULL, 1, NO_EXIT, LOC_LINES, { 4 },
      "nmae", 0 },
    { "alias-bomb", "alias-bomb.yaml", NULL, NULL, 1, NO_EXIT, LOC_ANY, { 0 }, NULL, 20 },
    { "deep-json", NULL, generate_deep_json, "deep.json", 1, NO_EXIT, LOC_LINES, { 3 }, NULL, 20 },
    { "deep-yaml", NULL, generate_deep_yaml, "deep.yaml", 1, NO_EXIT, LOC_LINES, { 2 }, NULL, 20 },
    { "too-many-values", NULL, generate_many_values, "many.json", 1, NO_EXIT, LOC_LINES, { 3 },
      NULL, 20 },
    /* Over the loader's size limit: refused as invalid data or as unreadable. */
    { "huge-file", NULL, generate_huge, "huge.yaml", 1, 2, LOC_FILE, { 0 }, NULL, 20 },
    { "unknown-form", "unknown-form.yaml", NULL, NULL, 2, NO_EXIT, LOC_LINES, { 3 },
      "miit-2099-nothing", 0 },
    { "no-form-key", "no-form-key.yaml", NULL, NULL, 1, NO_EXIT, LOC_FILE, { 0 }, "form", 0 },
    { "not-a-map", "not-a-map.yaml", NULL, NULL, 1, NO_EXIT, LOC_FILE, { 0 }, NULL, 0 },
    { "empty-file", "empty.yaml", NULL, NULL, 1, NO_EXIT, LOC_FILE, { 0 }, NULL, 0 },
};

/* The input bytes, from the fixture or the generator; NULL (test skipped) when missing. */
static char *bad_input(const BadCase *c, gsize *len)
{
    if (c->generate)
        return c->generate(len);
    g_autofree char *rel = g_build_filename("bad", c->fixture, NULL);
    g_autofree char *path = tu_data_path(rel);
    char *data = NULL;
    if (!tu_require_file(path, "the fixture"))
        return NULL;
    g_file_get_contents(path, &data, len, NULL);
    return data;
}

static char *find_error_line(const BadCase *c, const char *err, const char *prefix)
{
    if (c->located == LOC_FILE)
        return tu_find_file_error(err, prefix);
    if (c->located == LOC_ANY)
        return tu_find_located_error(err, prefix, 0);
    for (const int *l = c->lines; *l; l++) {
        char *found = tu_find_located_error(err, prefix, *l);
        if (found)
            return found;
    }
    return NULL;
}

static char *describe_location(const BadCase *c, const char *prefix)
{
    if (c->located == LOC_FILE)
        return g_strdup_printf("an error naming %s", prefix);
    if (c->located == LOC_ANY)
        return g_strdup_printf("%s:LINE:COL: error: …", prefix);
    GString *s = g_string_new(NULL);
    for (const int *l = c->lines; *l; l++)
        g_string_append_printf(s, "%s%s:%d:COL: error: …", s->len ? " or " : "", prefix, *l);
    return g_string_free(s, FALSE);
}

static gboolean check_bad_status(const BadCase *c, const TuResult *r)
{
    if (!tu_check_no_crash(r))
        return FALSE;
    g_autofree char *what = tu_result_describe(r);
    gboolean ok = r->status == c->exit_status || r->status == c->alt_exit_status;
    if (!tu_check(ok, "expected exit status %d: %s", c->exit_status, what))
        return FALSE;
    return tu_check(c->max_seconds == 0 || r->seconds <= c->max_seconds,
                    "took %.1f s, more than %.0f s: %s", r->seconds, c->max_seconds, what);
}

static void check_bad_message(const BadCase *c, const TuResult *r, const char *prefix)
{
    g_autofree char *line = find_error_line(c, r->err, prefix);
    g_autofree char *want = describe_location(c, prefix);
    g_autofree char *what = tu_result_describe(r);
    if (!tu_check(line != NULL, "expected `%s` on stderr: %s", want, what))
        return;
    tu_check(!c->mention || strstr(line, c->mention), "the message should mention \"%s\": %s",
             c->mention, line);
}

static void check_input_untouched(const Scratch *s, const char *name, const char *data, gsize len)
{
    const char *const only[] = { name, NULL };
    check_dir_holds(s->in, only, "the input's directory gains nothing");
    g_autofree char *path = g_build_filename(s->in, name, NULL);
    g_autofree char *now = NULL;
    gsize now_len = 0;
    gboolean same = g_file_get_contents(path, &now, &now_len, NULL) && now_len == len &&
                    memcmp(now, data, len) == 0;
    tu_check(same, "the input %s was changed", path);
}

static void run_bad(const BadCase *c, const Scratch *s, const char *rel, const char *data,
                    gsize len, const char *const *args)
{
    TuRunOptions opts = { .cwd = s->root };
    g_autoptr(TuResult) r = tu_shenbao_argv(&opts, args);
    if (check_bad_status(c, r))
        check_bad_message(c, r, rel);
    check_dir_empty(s->out, "invalid data writes no file");
    check_input_untouched(s, c->file_name ? c->file_name : c->fixture, data, len);
    const char *const dirs[] = { "in", "out", NULL };
    check_dir_holds(s->root, dirs, "nothing is written beside the output directory");
}

static void test_bad(gconstpointer data)
{
    const BadCase *c = data;
    gsize len = 0;
    g_autofree char *input = bad_input(c, &len);
    if (!input)
        return;
    Scratch s;
    scratch_init(&s);
    const char *name = c->file_name ? c->file_name : c->fixture;
    g_autofree char *rel = g_build_filename("in", name, NULL);
    g_autofree char *path = g_build_filename(s.root, rel, NULL);
    if (tu_write_file(path, input, len)) {
        const char *render[] = { "render", rel, "-o", "out", NULL };
        const char *check[] = { "check", rel, NULL };
        run_bad(c, &s, rel, input, len, render);
        run_bad(c, &s, rel, input, len, check);
    }
    scratch_clear(&s);
}

static void expect_missing_file(const Scratch *s, const char *const *args)
{
    TuRunOptions opts = { .cwd = s->root };
    g_autoptr(TuResult) r = tu_shenbao_argv(&opts, args);
    g_autofree char *what = tu_result_describe(r);
    if (tu_check_exit(r, EXIT_USAGE))
        tu_check(strstr(r->err, "in/missing.yaml") != NULL,
                 "the message should name the missing file: %s", what);
    check_dir_empty(s->out, "a missing input writes nothing");
    check_dir_empty(s->in, "a missing input creates nothing");
}

static void test_bad_missing_file(void)
{
    Scratch s;
    scratch_init(&s);
    const char *render[] = { "render", "in/missing.yaml", "-o", "out", NULL };
    const char *check[] = { "check", "in/missing.yaml", NULL };
    expect_missing_file(&s, render);
    expect_missing_file(&s, check);
    scratch_clear(&s);
}

static void test_bad_directory_as_data(void)
{
    Scratch s;
    scratch_init(&s);
    TuRunOptions opts = { .cwd = s.root };
    g_autoptr(TuResult) r = tu_shenbao(&opts, "render", "in", "-o", "out", NULL);
    tu_check_exit(r, EXIT_USAGE);
    check_dir_empty(s.out, "an unreadable input writes nothing");
    scratch_clear(&s);
}

static void test_bad_unknown_form_command(gconstpointer data)
{
    const char *command = data;
    Scratch s;
    scratch_init(&s);
    TuRunOptions opts = { .cwd = s.root };
    g_autoptr(TuResult) r = g_str_equal(command, "blank")
        ? tu_shenbao(&opts, command, "miit-2099-nothing", "-o", "out", NULL)
        : tu_shenbao(&opts, command, "miit-2099-nothing", NULL);
    g_autofree char *what = tu_result_describe(r);
    if (tu_check_exit(r, EXIT_USAGE))
        tu_check(strstr(r->err, "miit-2099-nothing") != NULL,
                 "the message should name the unknown form: %s", what);
    tu_check(r->out_len == 0, "nothing should be printed on stdout: %s", what);
    check_dir_empty(s.out, "an unknown form writes nothing");
    scratch_clear(&s);
}

static void test_bad_output_dir_is_file(void)
{
    g_autofree char *sample = tu_sample_path();
    if (!tu_require_file(sample, "the sample"))
        return;
    Scratch s;
    scratch_init(&s);
    g_autofree char *file = g_build_filename(s.root, "plain-file", NULL);
    tu_write_file(file, "x", 1);
    TuRunOptions opts = { .cwd = s.root };
    g_autoptr(TuResult) r = tu_shenbao(&opts, "render", sample, "-o", "plain-file", NULL);
    tu_check_exit(r, EXIT_USAGE);
    g_autofree char *now = NULL;
    g_file_get_contents(file, &now, NULL, NULL);
    tu_check(now && g_str_equal(now, "x"), "the file given as output directory was changed");
    const char *const left[] = { "in", "out", "plain-file", NULL };
    check_dir_holds(s.root, left, "a failed render leaves nothing behind");
    scratch_clear(&s);
}

/* ---- checking and rendering good data ---- */

static void test_check_sample(void)
{
    g_autofree char *sample = tu_sample_path();
    if (!tu_require_file(sample, "the sample"))
        return;
    g_autoptr(TuResult) r = tu_shenbao(NULL, "check", sample, NULL);
    tu_check_exit(r, 0);
}

static void test_check_sample_strict(void)
{
    g_autofree char *sample = tu_sample_path();
    if (!tu_require_file(sample, "the sample"))
        return;
    g_autoptr(TuResult) r = tu_shenbao(NULL, "check", "--strict", sample, NULL);
    tu_check_exit(r, 0);
}

/* A sample read as a JSON tree; NULL (test failed or skipped) when it can't be. */
static JsonNode *sample_json_of(const char *sample)
{
    if (!tu_require_file(sample, "the sample"))
        return NULL;
    g_autofree char *why = NULL;
    JsonNode *root = tu_yaml_to_json(sample, &why);
    if (tu_check(root && JSON_NODE_HOLDS_OBJECT(root), "the sample is not a YAML map: %s",
                 why ? why : ""))
        return root;
    g_clear_pointer(&root, json_node_unref);
    return NULL;
}

static JsonNode *sample_json(void)
{
    g_autofree char *sample = tu_sample_path();
    return sample_json_of(sample);
}

static gboolean write_json(const Scratch *s, const char *name, JsonNode *root)
{
    g_autofree char *text = json_to_string(root, TRUE);
    g_autofree char *path = g_build_filename(s->in, name, NULL);
    return tu_write_file(path, text, -1);
}

/* The sample as JSON in s->in/<name>. */
static gboolean write_sample_json(const Scratch *s, const char *name)
{
    JsonNode *root = sample_json();
    gboolean ok = root && write_json(s, name, root);
    g_clear_pointer(&root, json_node_unref);
    return ok;
}

static void test_check_sample_json(void)
{
    Scratch s;
    scratch_init(&s);
    if (write_sample_json(&s, "sample.json")) {
        TuRunOptions opts = { .cwd = s.root };
        g_autoptr(TuResult) r = tu_shenbao(&opts, "check", "in/sample.json", NULL);
        tu_check_exit(r, 0);
    }
    scratch_clear(&s);
}

static void test_render_output_name(void)
{
    g_autofree char *sample = tu_sample_path();
    if (!tu_require_file(sample, "the sample"))
        return;
    Scratch s;
    scratch_init(&s);
    g_autofree char *copy = g_build_filename(s.in, "我的申报.yaml", NULL);
    if (tu_copy_file(sample, copy)) {
        TuRunOptions opts = { .cwd = s.root, .timeout_s = 300 };
        g_autoptr(TuResult) r = tu_shenbao(&opts, "render", "in/我的申报.yaml", "-o", "out", NULL);
        const char *const want[] = { "我的申报.docx", "我的申报.odt", "我的申报.pdf", NULL };
        if (tu_check_exit(r, 0))
            check_dir_holds(s.out, want, "render names the output after the data file");
    }
    scratch_clear(&s);
}

static void test_render_json(void)
{
    Scratch s;
    scratch_init(&s);
    if (write_sample_json(&s, "application.json")) {
        TuRunOptions opts = { .cwd = s.root, .timeout_s = 300 };
        g_autoptr(TuResult) r =
            tu_shenbao(&opts, "render", "in/application.json", "-o", "out", NULL);
        const char *const want[] = { "application.docx", "application.odt", "application.pdf", NULL };
        if (tu_check_exit(r, 0))
            check_dir_holds(s.out, want, "render names the output after the data file");
    }
    scratch_clear(&s);
}

static void test_blank_output_name(void)
{
    Scratch s;
    scratch_init(&s);
    TuRunOptions opts = { .cwd = s.root, .timeout_s = 300 };
    g_autoptr(TuResult) r = tu_shenbao(&opts, "blank", TU_FORM, "-o", "out", NULL);
    const char *const want[] = { TU_FORM ".docx", TU_FORM ".odt", TU_FORM ".pdf", NULL };
    if (tu_check_exit(r, 0))
        check_dir_holds(s.out, want, "blank names the output after the form");
    scratch_clear(&s);
}

/* Several files in one run: each valid one is written, an invalid one is not, and the exit
 * status is the worst of them. */
static void test_render_many(void)
{
    g_autofree char *sample = tu_sample_path();
    g_autofree char *bad = tu_data_path("bad/bad-uscc.yaml");
    if (!tu_require_file(sample, "the sample") || !tu_require_file(bad, "a bad data file"))
        return;
    Scratch s;
    scratch_init(&s);
    g_autofree char *a = g_build_filename(s.in, "a.yaml", NULL);
    g_autofree char *b = g_build_filename(s.in, "b.yaml", NULL);
    g_autofree char *c = g_build_filename(s.in, "c.yaml", NULL);
    if (tu_copy_file(sample, a) && tu_copy_file(bad, b) && tu_copy_file(sample, c)) {
        TuRunOptions opts = { .cwd = s.root, .timeout_s = 300 };
        g_autoptr(TuResult) r = tu_shenbao(&opts, "render", "in/a.yaml", "in/b.yaml", "in/c.yaml", "--format", "pdf",
                                           "-o", "out", NULL);
        const char *const want[] = { "a.pdf", "c.pdf", NULL };
        if (tu_check_exit(r, 1)) {
            check_dir_holds(s.out, want, "the valid files are written, the invalid one is not");
            tu_check(tu_has_located_error(r->err, "in/b.yaml", 0), "the invalid file is named: %s", r->err);
        }
    }
    scratch_clear(&s);
}

/* --format picks the formats; an unknown one is a usage error that writes nothing. */
static void test_blank_formats(void)
{
    Scratch s;
    scratch_init(&s);
    TuRunOptions opts = { .cwd = s.root, .timeout_s = 300 };
    g_autoptr(TuResult) r = tu_shenbao(&opts, "blank", TU_FORM, "--format", "odt,pdf", "-o", "out", NULL);
    const char *const want[] = { TU_FORM ".odt", TU_FORM ".pdf", NULL };
    if (tu_check_exit(r, 0))
        check_dir_holds(s.out, want, "--format odt,pdf writes those two");
    g_autoptr(TuResult) bad = tu_shenbao(&opts, "blank", TU_FORM, "--format", "pdf,rtf", "-o", "out2", NULL);
    g_autofree char *out2 = g_build_filename(s.root, "out2", NULL);
    if (tu_check_exit(bad, 2))
        tu_check(strstr(bad->err, "rtf") != NULL && !g_file_test(out2, G_FILE_TEST_EXISTS),
                 "an unknown format is named and nothing is written: %s", bad->err);
    scratch_clear(&s);
}

/* ---- a length warning, and --strict ----
 *
 * Exceeding a length printed on a form ("20字以内") is the warning --strict turns into an
 * error.  The shipped forms need not have such a limit, so these tests run against a
 * private data directory holding one small form that has. */

#define ADVISE_FORM "e2e-advise"
#define ADVISE_LINE 3   /* the line of the long value in long.yaml */

static const char advise_form[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<form xmlns=\"urn:shenbao:form:1\" id=\"" ADVISE_FORM "\" edition=\"2099\"\n"
    "      title=\"长度提示测试表\" source=\"端到端测试\">\n"
    "  <page>\n"
    "    <title>长度提示测试表</title>\n"
    "    <table widths=\"40 116\">\n"
    "      <row><cell>项目简介（20字以内）</cell>"
    "<cell><field path=\"summary\" label=\"项目简介\" advise=\"20\"/></cell></row>\n"
    "    </table>\n"
    "  </page>\n"
    "</form>\n";

static const char long_data[] =
    "# The summary on line 3 has 30 characters; the form asks for at most 20.\n"
    "form: " ADVISE_FORM "\n"
    "summary: 这是一段超过了表格上所印字数要求的项目简介文字内容共计三十字\n";

/* s->root/data: the project's schema and fonts with the one extra form (editions are
 * directories named by a year); in/long.yaml. */
static gboolean make_advise_setup(const Scratch *s)
{
    g_autofree char *templates = g_build_filename(s->root, "data", "templates", NULL);
    g_autofree char *edition = g_build_filename(templates, "2099", NULL);
    g_autofree char *lists = g_build_filename(templates, "lists", NULL);
    g_autofree char *rng_from = g_build_filename(tu_source_dir(), "templates", "form.rng", NULL);
    g_autofree char *rng_to = g_build_filename(templates, "form.rng", NULL);
    g_autofree char *fonts_from = g_build_filename(tu_source_dir(), "fonts", NULL);
    g_autofree char *fonts_to = g_build_filename(s->root, "data", "fonts", NULL);
    g_autofree char *form = g_build_filename(edition, ADVISE_FORM ".xml", NULL);
    g_autofree char *data = g_build_filename(s->in, "long.yaml", NULL);
    if (!tu_require_file(rng_from, "the form schema"))
        return FALSE;
    g_mkdir_with_parents(edition, 0700);
    g_mkdir_with_parents(lists, 0700);
    return tu_check(symlink(fonts_from, fonts_to) == 0, "cannot link %s", fonts_to) &&
           tu_copy_file(rng_from, rng_to) && tu_write_file(form, advise_form, -1) &&
           tu_write_file(data, long_data, -1);
}

static TuResult *run_advise(const Scratch *s, const char *const *args)
{
    g_autofree char *datadir = g_build_filename(s->root, "data", NULL);
    g_autofree char *setting = g_strdup_printf("SHENBAO_DATADIR=%s", datadir);
    const char *const env[] = { setting, NULL };
    TuRunOptions opts = { .cwd = s->root, .env = env, .timeout_s = 300 };
    return tu_shenbao_argv(&opts, args);
}

static void test_check_length_warning(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "check", "in/long.yaml", NULL };
    g_autoptr(TuResult) r = make_advise_setup(&s) ? run_advise(&s, args) : NULL;
    if (r && tu_check_exit(r, 0)) {
        g_autofree char *what = tu_result_describe(r);
        g_autofree char *prefix = g_strdup_printf("in/long.yaml:%d:", ADVISE_LINE);
        tu_check(strstr(r->err, prefix) && strstr(r->err, "warning"),
                 "expected a warning at %sCOL: %s", prefix, what);
        tu_check(!tu_has_located_error(r->err, "in/long.yaml", 0),
                 "a length over the advice is a warning, not an error: %s", what);
    }
    scratch_clear(&s);
}

static void test_check_strict_warning(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "check", "--strict", "in/long.yaml", NULL };
    g_autoptr(TuResult) r = make_advise_setup(&s) ? run_advise(&s, args) : NULL;
    if (r && tu_check_exit(r, EXIT_INVALID)) {
        g_autofree char *what = tu_result_describe(r);
        tu_check(tu_has_located_error(r->err, "in/long.yaml", ADVISE_LINE),
                 "expected in/long.yaml:%d:COL: error: …: %s", ADVISE_LINE, what);
    }
    scratch_clear(&s);
}

static void test_render_length_warning(void)
{
    Scratch s;
    scratch_init(&s);
    const char *args[] = { "render", "in/long.yaml", "-o", "out", NULL };
    g_autoptr(TuResult) r = make_advise_setup(&s) ? run_advise(&s, args) : NULL;
    const char *const want[] = { "long.docx", "long.odt", "long.pdf", NULL };
    if (r && tu_check_exit(r, 0))
        check_dir_holds(s.out, want, "a warning does not stop output");
    scratch_clear(&s);
}

/* ---- the language of messages ---- */

static TuResult *check_unknown_key(const Scratch *s, const char *const *env)
{
    g_autofree char *fixture = tu_data_path("bad/unknown-key.yaml");
    g_autofree char *copy = g_build_filename(s->in, "unknown-key.yaml", NULL);
    if (!tu_require_file(fixture, "the fixture") || !tu_copy_file(fixture, copy))
        return NULL;
    TuRunOptions opts = { .cwd = s->root, .env = env };
    TuResult *r = tu_shenbao(&opts, "check", "in/unknown-key.yaml", NULL);
    if (tu_check_exit(r, EXIT_INVALID))
        return r;
    tu_result_free(r);
    return NULL;
}

static void expect_language(const char *const *env, gboolean chinese)
{
    Scratch s;
    scratch_init(&s);
    g_autoptr(TuResult) r = check_unknown_key(&s, env);
    if (r) {
        g_autofree char *line = tu_find_located_error(r->err, "in/unknown-key.yaml", 3);
        g_autofree char *what = tu_result_describe(r);
        const char *word = chinese ? ": 错误" : ": error";
        tu_check(line && strstr(line, word), "expected in/unknown-key.yaml:3:COL%s: …: %s", word,
                 what);
        tu_check(chinese || !strstr(r->err, "错误"), "English messages hold 错误: %s", what);
    }
    scratch_clear(&s);
}

static void test_locale_english(void)
{
    const char *const env[] = { "LC_ALL=C.UTF-8", "LANG=C.UTF-8", NULL };
    expect_language(env, FALSE);
}

static void test_locale_chinese_lc_all(void)
{
    const char *const env[] = { "LC_ALL=zh_CN.UTF-8", NULL };
    expect_language(env, TRUE);
}

static void test_locale_chinese_lang(void)
{
    const char *const env[] = { "LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG=zh_CN.UTF-8", NULL };
    expect_language(env, TRUE);
}

static void test_locale_lc_all_wins(void)
{
    const char *const env[] = { "LC_ALL=C.UTF-8", "LC_MESSAGES=zh_CN.UTF-8", "LANG=zh_CN.UTF-8",
                                NULL };
    expect_language(env, FALSE);
}

/* ---- registration ---- */

static void add_per_command(const char *prefix, GTestDataFunc func, gboolean with_list)
{
    for (const char *const *c = commands; *c; c++) {
        if (!with_list && g_str_equal(*c, "list"))
            continue;
        g_autofree char *path = g_strdup_printf("%s/%s", prefix, *c);
        g_test_add_data_func(path, *c, func);
    }
}

/* ---- standard input and output ---- */

/* shenbao with standard input from a file, through the shell. */
static TuResult *shenbao_stdin(const char *cwd, const char *input, const char *args)
{
    g_autofree char *cmd = g_strdup_printf("exec \"$SHENBAO_BIN\" %s < '%s'", args, input);
    const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
    TuRunOptions opts = { .cwd = cwd };
    return tu_run(argv, &opts);
}

static void test_stdin_check(void)
{
    g_autofree char *sample = tu_sample_path();
    g_autoptr(TuResult) ok = shenbao_stdin(NULL, sample, "check --strict -");
    tu_check_exit(ok, 0);
    g_autofree char *bad = tu_data_path("bad/unknown-key.yaml");
    g_autoptr(TuResult) r = shenbao_stdin(NULL, bad, "check -");
    tu_check_exit(r, EXIT_INVALID);
    tu_check(g_str_has_prefix(r->err, "<stdin>:"), "messages about standard input say so: %s", r->err);
    /* standard input is read once */
    g_autoptr(TuResult) twice = shenbao_stdin(NULL, sample, "check - -");
    tu_check_exit(twice, EXIT_USAGE);
}

static void test_stdin_render(void)
{
    g_autofree char *sample = tu_sample_path();
    Scratch s;
    scratch_init(&s);
    g_autoptr(TuResult) r = shenbao_stdin(s.root, sample, "render - -o out --format pdf,odt");
    if (tu_check_exit(r, 0)) {
        g_autoptr(GPtrArray) names = document_names(s.out);
        g_autofree char *joined = tu_names_join(names);
        tu_check(g_str_equal(joined, TU_FORM ".odt, " TU_FORM ".pdf"),
                 "data from standard input is written under its form's id: %s", joined);
    }
    scratch_clear(&s);
}

static void test_extract_stdout(void)
{
    g_autofree char *sample = tu_sample_path();
    Scratch s;
    scratch_init(&s);
    g_autoptr(TuResult) r = tu_shenbao(NULL, "render", sample, "--format", "docx", "-o", s.out, NULL);
    tu_check_exit(r, 0);
    g_autofree char *docx = g_build_filename(s.out, TU_FORM ".docx", NULL);
    TuRunOptions opts = { .cwd = s.root };
    g_autoptr(TuResult) x = tu_shenbao(&opts, "extract", docx, "-o", "-", NULL);
    if (tu_check_exit(x, 0))
        tu_check(g_str_has_prefix(x->out, "form: " TU_FORM "\n"), "-o - writes the YAML to standard output: %.80s", x->out);
    tu_check(!g_file_test(g_build_filename(s.root, "-", NULL), G_FILE_TEST_EXISTS), "no file named '-' is written");
    scratch_clear(&s);
}

/* ---- what people get wrong, said so they can act on it ---- */

static void test_unknown_form_nearest(void)
{
    g_autoptr(TuResult) r = tu_shenbao(NULL, "init", "miit-2025-aplication", NULL);
    tu_check_exit(r, EXIT_USAGE);
    tu_check(strstr(r->err, "did you mean 'miit-2025-application'?") != NULL, "the nearest form: %s", r->err);
    Scratch s;
    scratch_init(&s);
    g_autofree char *data = g_build_filename(s.in, "typo.yaml", NULL);
    tu_write_file(data, "form: cq-2025-plna\n", -1);
    const char *env[] = { "LC_ALL=zh_CN.UTF-8", NULL };
    TuRunOptions opts = { .env = env };
    g_autoptr(TuResult) c = tu_shenbao(&opts, "check", data, NULL);
    tu_check_exit(c, EXIT_USAGE);
    tu_check(strstr(c->err, "typo.yaml:1:7: 错误: 未知的表单“cq-2025-plna”，是否应为“cq-2025-plan”？") != NULL,
             "at the form key, in Chinese: %s", c->err);
    scratch_clear(&s);
}

/* Every form's empty skeleton fails check, saying what is missing by part of the form,
 * and no more than that. */
static void test_empty_skeletons(void)
{
    static const char *const forms[] = {
        "miit-2025-application", "miit-2025-review", "miit-2025-summary", "miit-2022-clinical",
        "miit-2022-base", "cq-2025-request", "cq-2025-application", "cq-2025-plan", "cq-2025-index",
    };
    Scratch s;
    scratch_init(&s);
    for (guint i = 0; i < G_N_ELEMENTS(forms); i++) {
        g_autoptr(TuResult) init = tu_shenbao(NULL, "init", forms[i], NULL);
        tu_check_exit(init, 0);
        g_autofree char *file = g_strdup_printf("%s/%s.yaml", s.in, forms[i]);
        tu_write_file(file, init->out, -1);
        g_autoptr(TuResult) r = tu_shenbao(NULL, "check", file, NULL);
        tu_check_exit(r, EXIT_INVALID);
        g_auto(GStrv) lines = g_strsplit(g_strchomp(r->err), "\n", -1);
        guint missing = 0;
        for (guint k = 0; lines[k]; k++) {
            gboolean is_missing = strstr(lines[k], "required field") != NULL;
            missing += is_missing;
            tu_check(is_missing || strstr(lines[k], "is empty: fill it in") != NULL,
                     "%s: the empty skeleton gives only what is missing: %s", forms[i], lines[k]);
        }
        tu_check(missing > 0 && g_strv_length(lines) < 40, "%s: %u lines, %u of missing fields", forms[i],
                 g_strv_length(lines), missing);
        g_autoptr(TuResult) blank = tu_shenbao(NULL, "blank", forms[i], "--format", "docx", "-o", s.out, NULL);
        tu_check_exit(blank, 0);   /* a blank form is no data: nothing is required of it */
    }
    scratch_clear(&s);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    g_test_init(&argc, &argv, NULL);
    /* a failed case reports and the others still run */
    g_test_set_nonfatal_assertions();

    g_test_add_func("/cli/help/main", test_help_main);
    add_per_command("/cli/help", test_help_command, TRUE);
    g_test_add_func("/cli/usage/no-command", test_usage_no_command);
    g_test_add_func("/cli/usage/unknown-command", test_usage_unknown_command);
    g_test_add_func("/cli/usage/unknown-global-option", test_usage_unknown_global_option);
    add_per_command("/cli/usage/unknown-option", test_usage_unknown_option, TRUE);
    add_per_command("/cli/usage/missing-argument", test_usage_missing_argument, FALSE);
    g_test_add_func("/cli/usage/option-without-value", test_usage_option_without_value);

    g_test_add_func("/cli/list", test_list);
    g_test_add_func("/cli/init", test_init);
    g_test_add_func("/cli/schema", test_schema);

    for (guint i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
        g_autofree char *path = g_strdup_printf("/cli/bad/%s", bad_cases[i].name);
        g_test_add_data_func(path, &bad_cases[i], test_bad);
    }
    g_test_add_func("/cli/bad/missing-file", test_bad_missing_file);
    g_test_add_func("/cli/bad/directory-as-data", test_bad_directory_as_data);
    g_test_add_data_func("/cli/bad/unknown-form/blank", "blank", test_bad_unknown_form_command);
    g_test_add_data_func("/cli/bad/unknown-form/init", "init", test_bad_unknown_form_command);
    g_test_add_data_func("/cli/bad/unknown-form/schema", "schema", test_bad_unknown_form_command);
    g_test_add_func("/cli/bad/output-dir-is-file", test_bad_output_dir_is_file);

    g_test_add_func("/cli/check/sample", test_check_sample);
    g_test_add_func("/cli/check/empty-skeletons", test_empty_skeletons);
    g_test_add_func("/cli/stdin/check", test_stdin_check);
    g_test_add_func("/cli/stdin/render", test_stdin_render);
    g_test_add_func("/cli/extract/stdout", test_extract_stdout);
    g_test_add_func("/cli/bad/unknown-form/nearest", test_unknown_form_nearest);
    g_test_add_func("/cli/check/sample-strict", test_check_sample_strict);
    g_test_add_func("/cli/check/sample-json", test_check_sample_json);
    g_test_add_func("/cli/check/length-warning", test_check_length_warning);
    g_test_add_func("/cli/check/strict-turns-warning-into-error", test_check_strict_warning);
    g_test_add_func("/cli/render/output-name", test_render_output_name);
    g_test_add_func("/cli/render/json", test_render_json);
    g_test_add_func("/cli/render/length-warning", test_render_length_warning);
    g_test_add_func("/cli/blank/output-name", test_blank_output_name);
    g_test_add_func("/cli/blank/formats", test_blank_formats);
    g_test_add_func("/cli/render/many", test_render_many);

    g_test_add_func("/cli/locale/english", test_locale_english);
    g_test_add_func("/cli/locale/chinese-lc-all", test_locale_chinese_lc_all);
    g_test_add_func("/cli/locale/chinese-lang", test_locale_chinese_lang);
    g_test_add_func("/cli/locale/lc-all-wins", test_locale_lc_all_wins);

    return g_test_run();
}
