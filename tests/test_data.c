/* Loading data: helpers, diagnostics, the value tree, YAML and JSON, limits. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "data_load.h"
#include "diag.h"
#include "util.h"
#include "value.h"

/* ---- helpers ---- */

static char *write_temp(const char *tmpl, const char *content, gssize len)
{
    char *path = NULL;
    GError *error = NULL;
    int fd = g_file_open_tmp(tmpl, &path, &error);
    g_assert_no_error(error);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_file_set_contents(path, content, len, &error);
    g_assert_no_error(error);
    return path;
}

static const SbDiagnostic *diag_at(const SbDiagnostics *diags, guint i)
{
    g_assert_cmpuint(diags->items->len, >, i);
    return g_ptr_array_index(diags->items, i);
}

/* Asserts exactly one error, at line:col, whose English text contains `part`. */
static void assert_one_error(const SbDiagnostics *diags, int line, int col, const char *part)
{
    if (diags->items->len != 1) {
        char *all = sb_diagnostics_format(diags);
        g_test_message("diagnostics:\n%s", all);
        g_free(all);
    }
    g_assert_cmpuint(diags->items->len, ==, 1);
    const SbDiagnostic *d = diag_at(diags, 0);
    g_assert_cmpint(d->severity, ==, SB_ERROR);
    g_assert_cmpstr(strstr(d->en, part) ? part : d->en, ==, part);
    g_assert_cmpint(d->line, ==, line);
    g_assert_cmpint(d->col, ==, col);
    g_assert_nonnull(d->zh);
    g_assert_cmpstr(d->zh, !=, "");
}

static SbValue *load_yaml(const char *text, SbDiagnostics *diags)
{
    return sb_yaml_load(text, strlen(text), diags);
}

static SbValue *load_json(const char *text, SbDiagnostics *diags)
{
    return sb_json_load(text, strlen(text), diags);
}

static void assert_scalar(const SbValue *v, SbValueKind kind, const char *text, int line,
                          int col)
{
    g_assert_nonnull(v);
    g_assert_cmpstr(sb_value_kind_name(v->kind), ==, sb_value_kind_name(kind));
    g_assert_cmpstr(v->text, ==, text);
    g_assert_cmpint(v->line, ==, line);
    g_assert_cmpint(v->col, ==, col);
}

/* ---- util ---- */

static void test_util_read_file(void)
{
    char *path = write_temp("sbtest-XXXXXX.txt", "0123456789", 10);
    char *text = NULL;
    gsize len = 0;
    GError *error = NULL;
    g_assert_true(sb_read_file(path, 10, &text, &len, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(len, ==, 10);
    g_assert_cmpstr(text, ==, "0123456789");
    g_free(text);

    text = NULL;
    g_assert_false(sb_read_file(path, 9, &text, &len, &error));
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_assert_nonnull(strstr(error->message, path));
    g_assert_nonnull(strstr(error->message, "9 bytes"));
    g_assert_null(text);
    g_clear_error(&error);

    g_assert_false(sb_read_file("/nonexistent/shenbao.yaml", 10, &text, &len, &error));
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_clear_error(&error);
    g_assert_false(sb_read_file("/dev/zero", 10, &text, &len, &error));
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_clear_error(&error);

    g_unlink(path);
    g_free(path);
}

static void test_util_temp_commit(void)
{
    char *dir = g_dir_make_tmp("sbtest-XXXXXX", NULL);
    g_assert_nonnull(dir);
    char *path = g_build_filename(dir, "out.pdf", NULL);

    char *temp = sb_temp_path(path);
    char *temp_dir = g_path_get_dirname(temp);
    g_assert_cmpstr(temp_dir, ==, dir);
    g_assert_true(g_str_has_prefix(temp, path));
    g_assert_true(g_str_has_suffix(temp, ".tmp"));
    g_assert_true(g_file_test(temp, G_FILE_TEST_EXISTS));
    char *other = sb_temp_path(path);
    g_assert_cmpstr(other, !=, temp);
    sb_discard_file(other);
    g_assert_false(g_file_test(other, G_FILE_TEST_EXISTS));

    GError *error = NULL;
    g_file_set_contents(temp, "done", -1, &error);
    g_assert_no_error(error);
    g_assert_true(sb_commit_file(temp, path, &error));
    g_assert_no_error(error);
    g_assert_false(g_file_test(temp, G_FILE_TEST_EXISTS));
    char *text = NULL;
    g_file_get_contents(path, &text, NULL, &error);
    g_assert_cmpstr(text, ==, "done");

    /* A failed commit leaves neither the temporary file nor a target. */
    char *bad_target = g_build_filename(dir, "missing", "out.pdf", NULL);
    char *temp2 = sb_temp_path(path);
    g_assert_false(sb_commit_file(temp2, bad_target, &error));
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_clear_error(&error);
    g_assert_false(g_file_test(temp2, G_FILE_TEST_EXISTS));

    g_unlink(path);
    g_rmdir(dir);
    g_free(text);
    g_free(temp2);
    g_free(bad_target);
    g_free(other);
    g_free(temp_dir);
    g_free(temp);
    g_free(path);
    g_free(dir);
}

static void test_util_chars(void)
{
    g_assert_cmpint(sb_char_count("高端医疗装备"), ==, 6);
    g_assert_cmpint(sb_char_count("ab𠮷"), ==, 3);
    g_assert_cmpint(sb_char_count(""), ==, 0);
    g_assert_cmpint(sb_char_count(NULL), ==, 0);

    g_assert_cmpuint(sb_edit_distance("kitten", "sitting"), ==, 3);
    g_assert_cmpuint(sb_edit_distance("", "abc"), ==, 3);
    g_assert_cmpuint(sb_edit_distance("same", "same"), ==, 0);
    g_assert_cmpuint(sb_edit_distance("申报单位", "申报部门"), ==, 2);
    g_assert_cmpuint(sb_edit_distance("𠮷野家", "吉野家"), ==, 1);
}

/* ---- values ---- */

static void test_value_tree(void)
{
    SbValue *root = sb_value_new(SB_VALUE_MAP, 1, 1);
    SbValue *inner = sb_value_new(SB_VALUE_MAP, 2, 3);
    sb_value_map_set(inner, sb_value_new_scalar(SB_VALUE_STRING, "name", 3, 5),
                     sb_value_new_scalar(SB_VALUE_STRING, "张三", 3, 11));
    sb_value_map_set(root, sb_value_new_scalar(SB_VALUE_STRING, "contact", 2, 1), inner);
    SbValue *list = sb_value_new(SB_VALUE_LIST, 4, 1);
    g_ptr_array_add(list->items, sb_value_new_scalar(SB_VALUE_NUMBER, "0123", 4, 3));
    sb_value_map_set(root, sb_value_new_scalar(SB_VALUE_STRING, "codes", 4, 1), list);

    g_assert_cmpuint(sb_value_size(root), ==, 2);
    g_assert_cmpstr(sb_value_key(root, 1), ==, "codes");
    g_assert_null(sb_value_key(root, 2));
    g_assert_null(sb_value_key(list, 0));
    g_assert_true(sb_value_map_get(root, "contact") == inner);
    g_assert_null(sb_value_map_get(root, "nope"));
    assert_scalar(sb_value_lookup(root, "contact.name"), SB_VALUE_STRING, "张三", 3, 11);
    g_assert_null(sb_value_lookup(root, "contact.name.more"));
    g_assert_null(sb_value_lookup(root, "codes.x"));
    assert_scalar(sb_value_item(list, 0), SB_VALUE_NUMBER, "0123", 4, 3);
    g_assert_null(sb_value_item(list, 1));
    g_assert_cmpstr(sb_value_kind_name(SB_VALUE_LIST), ==, "list");

    SbValue *copy = sb_value_copy(root);
    sb_value_free(root);
    assert_scalar(sb_value_lookup(copy, "contact.name"), SB_VALUE_STRING, "张三", 3, 11);
    assert_scalar(sb_value_item(sb_value_map_get(copy, "codes"), 0), SB_VALUE_NUMBER, "0123",
                  4, 3);
    sb_value_free(copy);
}

/* ---- diagnostics ---- */

static SbDiagnostics *sample_diagnostics(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    sb_diag_set_file(d, "data.yaml");
    sb_diag_error(d, 12, 7, "bad check digit in '%s'", "“%s”的校验位不正确", "id");
    sb_diag_warning(d, 3, 1, "field %d is long", "第 %d 个字段过长", 5);
    sb_diag_error(d, 0, 0, "file is larger than %d MiB", "文件大于 %d MiB", 8);
    sb_diag_set_file(d, NULL);
    sb_diag_error(d, 4, 2, "no file", "没有文件");
    return d;
}

static void with_locale(const char *lc_all, const char *expected)
{
    char *saved = g_strdup(g_getenv("LC_ALL"));
    g_setenv("LC_ALL", lc_all, TRUE);
    SbDiagnostics *d = sample_diagnostics();
    char *text = sb_diagnostics_format(d);
    g_assert_cmpstr(text, ==, expected);
    g_free(text);
    sb_diagnostics_free(d);
    if (saved)
        g_setenv("LC_ALL", saved, TRUE);
    else
        g_unsetenv("LC_ALL");
    g_free(saved);
}

static void test_diag_format_en(void)
{
    with_locale("C.UTF-8",
                "data.yaml:12:7: error: bad check digit in 'id'\n"
                "data.yaml:3:1: warning: field 5 is long\n"
                "data.yaml: error: file is larger than 8 MiB\n"
                "4:2: error: no file\n");
}

static void test_diag_format_zh(void)
{
    with_locale("zh_CN.UTF-8",
                "data.yaml:12:7: 错误: “id”的校验位不正确\n"
                "data.yaml:3:1: 警告: 第 5 个字段过长\n"
                "data.yaml: 错误: 文件大于 8 MiB\n"
                "4:2: 错误: 没有文件\n");
}

static void test_diag_counts_strict(void)
{
    SbDiagnostics *d = sample_diagnostics();
    g_assert_cmpuint(sb_diagnostics_count(d, SB_ERROR), ==, 3);
    g_assert_cmpuint(sb_diagnostics_count(d, SB_WARNING), ==, 1);
    sb_diagnostics_make_strict(d);
    g_assert_cmpuint(sb_diagnostics_count(d, SB_ERROR), ==, 4);
    g_assert_cmpuint(sb_diagnostics_count(d, SB_WARNING), ==, 0);
    sb_diagnostics_free(d);

    SbDiagnostics *empty = sb_diagnostics_new();
    char *text = sb_diagnostics_format(empty);
    g_assert_cmpstr(text, ==, "");
    g_free(text);
    sb_diagnostics_free(empty);
}

static void test_diag_locale(void)
{
    const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    char *saved[3];
    for (int i = 0; i < 3; i++) {
        saved[i] = g_strdup(g_getenv(names[i]));
        g_unsetenv(names[i]);
    }
    g_assert_false(sb_locale_is_chinese());
    g_setenv("LANG", "zh_CN.UTF-8", TRUE);
    g_assert_true(sb_locale_is_chinese());
    g_setenv("LC_MESSAGES", "en_US.UTF-8", TRUE);
    g_assert_false(sb_locale_is_chinese());
    g_setenv("LC_ALL", "", TRUE);   /* empty counts as unset */
    g_assert_false(sb_locale_is_chinese());
    g_setenv("LC_ALL", "zh_TW", TRUE);
    g_assert_true(sb_locale_is_chinese());
    for (int i = 0; i < 3; i++) {
        if (saved[i])
            g_setenv(names[i], saved[i], TRUE);
        else
            g_unsetenv(names[i]);
        g_free(saved[i]);
    }
}

/* ---- YAML ---- */

static const char good_yaml[] =
    "# 申报书\n"
    "form: miit-2025-application\n"
    "单位名称: 北京某某医疗科技有限公司\n"
    "contact:\n"
    "  name: \"张三\"\n"
    "  phone: '010-12345678'\n"
    "budget: 1500.50\n"
    "code: 0123\n"
    "agree: true\n"
    "note:\n"
    "members:\n"
    "  - 李四\n"
    "  - {name: 王五, age: 40}\n";

static void test_yaml_good(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    SbValue *root = load_yaml(good_yaml, d);
    g_assert_nonnull(root);
    g_assert_cmpuint(d->items->len, ==, 0);
    g_assert_cmpint(root->kind, ==, SB_VALUE_MAP);
    g_assert_cmpuint(sb_value_size(root), ==, 8);
    g_assert_cmpstr(sb_value_key(root, 0), ==, "form");
    g_assert_cmpstr(sb_value_key(root, 1), ==, "单位名称");

    assert_scalar(root->keys->pdata[1], SB_VALUE_STRING, "单位名称", 3, 1);
    /* Four Chinese characters, a colon and a space: the value is at column 7. */
    assert_scalar(sb_value_map_get(root, "单位名称"), SB_VALUE_STRING,
                  "北京某某医疗科技有限公司", 3, 7);
    assert_scalar(sb_value_map_get(root, "form"), SB_VALUE_STRING, "miit-2025-application",
                  2, 7);
    SbValue *contact = sb_value_map_get(root, "contact");
    g_assert_cmpint(contact->kind, ==, SB_VALUE_MAP);
    g_assert_cmpint(contact->line, ==, 5);
    g_assert_cmpint(contact->col, ==, 3);
    assert_scalar(sb_value_lookup(root, "contact.name"), SB_VALUE_STRING, "张三", 5, 9);
    assert_scalar(sb_value_lookup(root, "contact.phone"), SB_VALUE_STRING, "010-12345678", 6,
                  10);
    assert_scalar(sb_value_map_get(root, "budget"), SB_VALUE_NUMBER, "1500.50", 7, 9);
    assert_scalar(sb_value_map_get(root, "code"), SB_VALUE_STRING, "0123", 8, 7);
    assert_scalar(sb_value_map_get(root, "agree"), SB_VALUE_BOOL, "true", 9, 8);
    g_assert_cmpint(sb_value_map_get(root, "note")->kind, ==, SB_VALUE_NULL);

    SbValue *members = sb_value_map_get(root, "members");
    g_assert_cmpint(members->kind, ==, SB_VALUE_LIST);
    g_assert_cmpuint(sb_value_size(members), ==, 2);
    assert_scalar(sb_value_item(members, 0), SB_VALUE_STRING, "李四", 12, 5);
    SbValue *second = sb_value_item(members, 1);
    g_assert_cmpint(second->line, ==, 13);
    g_assert_cmpint(second->col, ==, 5);
    assert_scalar(sb_value_map_get(second, "name"), SB_VALUE_STRING, "王五", 13, 12);
    assert_scalar(sb_value_map_get(second, "age"), SB_VALUE_NUMBER, "40", 13, 21);

    sb_value_free(root);
    sb_diagnostics_free(d);
}

static void test_yaml_scalars(void)
{
    static const struct {
        const char *text;
        SbValueKind kind;
    } cases[] = {
        { "~", SB_VALUE_NULL },          { "null", SB_VALUE_NULL },
        { "''", SB_VALUE_STRING },       { "\"null\"", SB_VALUE_STRING },
        { "true", SB_VALUE_BOOL },       { "false", SB_VALUE_BOOL },
        { "yes", SB_VALUE_STRING },      { "'true'", SB_VALUE_STRING },
        { "42", SB_VALUE_NUMBER },       { "-3.5e2", SB_VALUE_NUMBER },
        { "+7", SB_VALUE_NUMBER },       { "0", SB_VALUE_NUMBER },
        { "1_000", SB_VALUE_STRING },    { ".5", SB_VALUE_STRING },
        { "'42'", SB_VALUE_STRING },     { "!!str 42", SB_VALUE_STRING },
        { "|\n  42\n", SB_VALUE_STRING }, { "2025-01-31", SB_VALUE_STRING },
        { "110101199003071234", SB_VALUE_NUMBER },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *text = g_strdup_printf("v: %s\n", cases[i].text);
        SbDiagnostics *d = sb_diagnostics_new();
        SbValue *root = load_yaml(text, d);
        g_assert_nonnull(root);
        SbValue *v = sb_value_map_get(root, "v");
        g_test_message("%s", text);
        g_assert_cmpstr(sb_value_kind_name(v->kind), ==, sb_value_kind_name(cases[i].kind));
        sb_value_free(root);
        sb_diagnostics_free(d);
        g_free(text);
    }
}

static void test_yaml_alias(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    SbValue *root = load_yaml("base: &who\n  name: 张三\n  phone: '123'\n"
                              "leader: *who\n", d);
    g_assert_nonnull(root);
    SbValue *leader = sb_value_map_get(root, "leader");
    g_assert_cmpint(leader->kind, ==, SB_VALUE_MAP);
    g_assert_cmpint(leader->line, ==, 4);
    g_assert_cmpint(leader->col, ==, 9);
    g_assert_true(leader != sb_value_map_get(root, "base"));
    assert_scalar(sb_value_lookup(root, "leader.name"), SB_VALUE_STRING, "张三", 2, 9);
    sb_value_free(root);
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_yaml("a: *nowhere\n", d));
    assert_one_error(d, 1, 4, "unknown anchor 'nowhere'");
    sb_diagnostics_free(d);
}

static void test_yaml_alias_bomb(void)
{
    GString *text = g_string_new("a0: &a0 [lol]\n");
    for (int i = 1; i <= 10; i++) {
        g_string_append_printf(text, "a%d: &a%d [", i, i);
        for (int j = 0; j < 9; j++)
            g_string_append_printf(text, "%s*a%d", j ? ", " : "", i - 1);
        g_string_append(text, "]\n");
    }
    SbDiagnostics *d = sb_diagnostics_new();
    gint64 start = g_get_monotonic_time();
    SbValue *root = load_yaml(text->str, d);
    gint64 elapsed = g_get_monotonic_time() - start;
    g_assert_null(root);
    g_assert_cmpuint(d->items->len, ==, 1);
    const SbDiagnostic *e = diag_at(d, 0);
    g_assert_cmpstr(e->en, ==, "too many values (YAML alias expansion?)");
    /* After a5 the tree holds 141170 values and one copy of a5 is 125479 more, so the
     * first alias of a6 (line 7, column 10) is refused before anything is copied. */
    g_assert_cmpint(e->line, ==, 7);
    g_assert_cmpint(e->col, ==, 10);
    g_assert_cmpint(elapsed, <, 2 * G_USEC_PER_SEC);
    sb_diagnostics_free(d);
    g_string_free(text, TRUE);

    /* Plain values count too, and the message then doesn't blame aliases. */
    text = g_string_new(NULL);
    for (int i = 0; i < SB_DATA_MAX_NODES / 2 + 1; i++)
        g_string_append_printf(text, "k%d: 1\n", i);
    d = sb_diagnostics_new();
    g_assert_null(load_yaml(text->str, d));
    /* The root map is the first value, so the last one that fits is key k99999. */
    assert_one_error(d, SB_DATA_MAX_NODES / 2, 9, "too many values (more than 200000)");
    sb_diagnostics_free(d);
    g_string_free(text, TRUE);
}

static void test_yaml_deep(void)
{
    GString *text = g_string_new("a: ");
    for (int i = 0; i < 100000; i++)
        g_string_append_c(text, '[');
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_yaml(text->str, d));
    /* The map is level 1, so the 64th bracket (column 67) is level 65. */
    assert_one_error(d, 1, 67, "nesting is too deep");
    sb_diagnostics_free(d);
    g_string_free(text, TRUE);

    /* An alias can't make a tree deeper than the limit either. */
    text = g_string_new("deep: &d ");
    for (int i = 0; i < 60; i++)
        g_string_append_c(text, '[');
    for (int i = 0; i < 60; i++)
        g_string_append_c(text, ']');
    g_string_append(text, "\nx: [[[[[[*d]]]]]]\n");
    d = sb_diagnostics_new();
    g_assert_null(load_yaml(text->str, d));
    assert_one_error(d, 2, 10, "nesting is too deep");
    sb_diagnostics_free(d);
    g_string_free(text, TRUE);
}

static void test_yaml_duplicate_key(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_yaml("a: 1\nb:\n  x: 1\n  x: 2\n", d));
    assert_one_error(d, 4, 3, "duplicate key 'x' (first at line 3)");
    g_assert_cmpstr(diag_at(d, 0)->zh, ==, "重复的键“x”（首次出现在第 3 行）");
    sb_diagnostics_free(d);
}

static void test_yaml_bad_keys(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_yaml("a: 1\n? [x, y]\n: 2\n", d));
    assert_one_error(d, 2, 3, "a key must be a plain value, not a list");
    sb_diagnostics_free(d);
}

static void test_yaml_root(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_yaml("- a\n- b\n", d));
    assert_one_error(d, 1, 1, "the top level must be a map of keys and values, not a list");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_yaml("just text\n", d));
    assert_one_error(d, 1, 1, "not a string");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_yaml("# only a comment\n", d));
    assert_one_error(d, 1, 1, "the file holds no data");
    sb_diagnostics_free(d);
}

static void test_yaml_syntax_error(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_yaml("a: 1\nb: [1, 2\nc: 3\n", d));
    g_assert_cmpuint(d->items->len, ==, 1);
    const SbDiagnostic *e = diag_at(d, 0);
    g_assert_true(g_str_has_prefix(e->en, "YAML syntax error: "));
    g_assert_true(g_str_has_prefix(e->zh, "YAML 语法错误："));
    g_assert_cmpint(e->line, ==, 3);
    g_assert_cmpint(e->col, >=, 1);
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_yaml("a: 1\n  b: 2\n", d));
    e = diag_at(d, 0);
    g_assert_true(g_str_has_prefix(e->en, "YAML syntax error: "));
    g_assert_cmpint(e->line, ==, 2);
    g_assert_cmpint(e->col, ==, 4);
    sb_diagnostics_free(d);
}

/* The mistakes of a file written by hand, said in plain words at the line they are on. */
static void test_yaml_plain_words(void)
{
    static const struct {
        const char *yaml;
        int line, col;
        const char *en, *zh;
    } cases[] = {
        { "form: x\nproject:\n  name：光子\n  date: 2025-10-20\n", 3, 7,
          "the key 'name' is followed by a full-width colon '：'", "键“name”后面是全角冒号“：”，应为半角冒号“:”加一个空格" },
        { "form: x\nproject:\n\tname: 光子\n", 3, 1,
          "a tab is used for indentation", "用了制表符（Tab）缩进：YAML 只能用空格缩进" },
        { "form: x\nproject:\n  name:光子\n  date: 2025-10-20\n", 3, 8,
          "the key 'name' needs a space after its ':'", "键“name”的冒号“:”后面缺少空格" },
        { "form：x\n", 1, 5, "full-width colon", "全角冒号" },
        { "form: x\nteam:\n  - name: 李四\n    gender：男\n", 4, 11, "the key 'gender'", "键“gender”" },
        /* libyaml's own words, put plainly */
        { "a: 1\n  b: 2\n", 2, 4, "a 'key: value' cannot start here", "此处不能出现“键: 值”" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        SbDiagnostics *d = sb_diagnostics_new();
        g_assert_null(load_yaml(cases[i].yaml, d));
        g_assert_cmpuint(d->items->len, ==, 1);
        const SbDiagnostic *e = diag_at(d, 0);
        if (e->line != cases[i].line || e->col != cases[i].col || !strstr(e->en, cases[i].en)
            || !strstr(e->zh, cases[i].zh))
            g_error("case %u: %d:%d %s | %s", i, e->line, e->col, e->en, e->zh);
        g_assert_null(strstr(e->zh, "mapping values"));
        sb_diagnostics_free(d);
    }
    /* a colon in a value, and a web address, are no mistakes */
    SbDiagnostics *d = sb_diagnostics_new();
    SbValue *v = load_yaml("a: 时间：10:30\nb: |\n  http://example.com\n  说明：无\n", d);
    g_assert_nonnull(v);
    g_assert_cmpuint(d->items->len, ==, 0);
    sb_value_free(v);
    sb_diagnostics_free(d);
}

static void test_yaml_documents(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_yaml("a: 1\n---\nb: 2\n", d));
    assert_one_error(d, 2, 1, "more than one YAML document");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    SbValue *root = load_yaml("---\na: 1\n...\n", d);
    g_assert_nonnull(root);
    g_assert_cmpuint(d->items->len, ==, 0);
    sb_value_free(root);
    sb_diagnostics_free(d);
}

static void test_yaml_escaped_control(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_yaml("a: ok\nb: \"bell\\a\"\n", d));
    assert_one_error(d, 2, 4, "control character U+0007 is not allowed");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    SbValue *root = load_yaml("a: \"line\\nbreak\\ttab\"\n", d);
    assert_scalar(sb_value_map_get(root, "a"), SB_VALUE_STRING, "line\nbreak\ttab", 1, 4);
    sb_value_free(root);
    sb_diagnostics_free(d);
}

/* ---- JSON ---- */

static const char good_json[] =
    "{\n"
    "  \"form\": \"miit-2025-application\",\n"
    "  \"单位名称\": \"北京某某医疗科技有限公司\",\n"
    "  \"contact\": {\"name\": \"张\\u4e09\", \"phone\": \"010-12345678\"},\n"
    "  \"budget\": 1500.50,\n"
    "  \"big\": 12345678901234567890123,\n"
    "  \"exp\": -1.5E+3,\n"
    "  \"agree\": false,\n"
    "  \"note\": null,\n"
    "  \"members\": [\"李四\", {\"name\": \"王五\"}, [], {}]\n"
    "}\n";

static void test_json_good(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    SbValue *root = load_json(good_json, d);
    g_assert_nonnull(root);
    g_assert_cmpuint(d->items->len, ==, 0);
    g_assert_cmpint(root->line, ==, 1);
    g_assert_cmpint(root->col, ==, 1);
    g_assert_cmpuint(sb_value_size(root), ==, 9);
    g_assert_cmpstr(sb_value_key(root, 1), ==, "单位名称");
    assert_scalar(root->keys->pdata[1], SB_VALUE_STRING, "单位名称", 3, 3);
    /* `  "单位名称": ` is 10 characters, so the value's quote is at column 11. */
    assert_scalar(sb_value_map_get(root, "单位名称"), SB_VALUE_STRING,
                  "北京某某医疗科技有限公司", 3, 11);
    assert_scalar(sb_value_map_get(root, "form"), SB_VALUE_STRING, "miit-2025-application",
                  2, 11);
    SbValue *contact = sb_value_map_get(root, "contact");
    g_assert_cmpint(contact->line, ==, 4);
    g_assert_cmpint(contact->col, ==, 14);
    assert_scalar(sb_value_lookup(root, "contact.name"), SB_VALUE_STRING, "张三", 4, 23);
    assert_scalar(sb_value_lookup(root, "contact.phone"), SB_VALUE_STRING, "010-12345678",
                  4, 43);
    assert_scalar(sb_value_map_get(root, "budget"), SB_VALUE_NUMBER, "1500.50", 5, 13);
    assert_scalar(sb_value_map_get(root, "big"), SB_VALUE_NUMBER,
                  "12345678901234567890123", 6, 10);
    assert_scalar(sb_value_map_get(root, "exp"), SB_VALUE_NUMBER, "-1.5E+3", 7, 10);
    assert_scalar(sb_value_map_get(root, "agree"), SB_VALUE_BOOL, "false", 8, 12);
    assert_scalar(sb_value_map_get(root, "note"), SB_VALUE_NULL, "null", 9, 11);

    SbValue *members = sb_value_map_get(root, "members");
    g_assert_cmpuint(sb_value_size(members), ==, 4);
    assert_scalar(sb_value_item(members, 0), SB_VALUE_STRING, "李四", 10, 15);
    SbValue *second = sb_value_item(members, 1);
    g_assert_cmpint(second->col, ==, 21);
    assert_scalar(sb_value_map_get(second, "name"), SB_VALUE_STRING, "王五", 10, 30);
    g_assert_cmpint(sb_value_item(members, 2)->kind, ==, SB_VALUE_LIST);
    g_assert_cmpint(sb_value_item(members, 2)->col, ==, 37);
    g_assert_cmpint(sb_value_item(members, 3)->kind, ==, SB_VALUE_MAP);
    g_assert_cmpint(sb_value_item(members, 3)->col, ==, 41);
    sb_value_free(root);
    sb_diagnostics_free(d);
}

static void test_json_surrogates(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    SbValue *root = load_json("{\"name\": \"\\ud842\\udfb7野家\", \"\\u0041\": 1}", d);
    g_assert_nonnull(root);
    assert_scalar(sb_value_map_get(root, "name"), SB_VALUE_STRING, "𠮷野家", 1, 10);
    g_assert_cmpstr(sb_value_key(root, 1), ==, "A");
    sb_value_free(root);
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_json("{\"a\": \"x\\ud842y\"}", d));
    assert_one_error(d, 1, 9, "unpaired surrogate \\uD842");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_json("{\"a\":\n \"\\udfb7\"}", d));
    assert_one_error(d, 2, 3, "unpaired surrogate \\uDFB7");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_json("{\"a\": \"\\ud842\\u0041\"}", d));
    assert_one_error(d, 1, 8, "unpaired surrogate");
    sb_diagnostics_free(d);
}

static void test_json_escaped_control(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_json("{\"a\": \"x\\u0000y\"}", d));
    assert_one_error(d, 1, 9, "control character U+0000 is not allowed");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_json("{\"a\": \"x\\by\"}", d));
    assert_one_error(d, 1, 9, "control character U+0008 is not allowed");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_json("{\"a\": \"tab\there\"}", d));
    assert_one_error(d, 1, 11, "control character U+0009 must be escaped");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    SbValue *root = load_json("{\"a\": \"x\\ty\\n\\\"\\\\\\/\"}", d);
    assert_scalar(sb_value_map_get(root, "a"), SB_VALUE_STRING, "x\ty\n\"\\/", 1, 7);
    sb_value_free(root);
    sb_diagnostics_free(d);
}

static void test_json_deep(void)
{
    GString *text = g_string_new(NULL);
    for (int i = 0; i < 100000; i++)
        g_string_append_c(text, '[');
    for (int i = 0; i < 100000; i++)
        g_string_append_c(text, ']');
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(sb_json_load(text->str, text->len, d));
    assert_one_error(d, 1, 65, "nesting is too deep (more than 64 levels)");
    sb_diagnostics_free(d);
    g_string_free(text, TRUE);

    /* 64 levels are fine. */
    text = g_string_new("{\"a\":");
    for (int i = 0; i < 63; i++)
        g_string_append_c(text, '[');
    for (int i = 0; i < 63; i++)
        g_string_append_c(text, ']');
    g_string_append_c(text, '}');
    d = sb_diagnostics_new();
    SbValue *root = load_json(text->str, d);
    g_assert_nonnull(root);
    sb_value_free(root);
    sb_diagnostics_free(d);
    g_string_free(text, TRUE);
}

static void test_json_duplicate_key(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_json("{\"a\": {\"x\": 1},\n \"b\": 2,\n \"a\": [3]}", d));
    assert_one_error(d, 3, 2, "duplicate key 'a' (first at line 1)");
    sb_diagnostics_free(d);

    /* Equal after decoding. */
    d = sb_diagnostics_new();
    g_assert_null(load_json("{\"o\": {\"k\": 1, \"\\u006b\": 2}}", d));
    assert_one_error(d, 1, 16, "duplicate key 'k' (first at line 1)");
    sb_diagnostics_free(d);
}

static void test_json_root(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(load_json("[1, 2]", d));
    assert_one_error(d, 1, 1, "the top level must be a map of keys and values, not a list");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_null(load_json("  \n", d));
    assert_one_error(d, 1, 1, "the file holds no data");
    sb_diagnostics_free(d);
}

static void test_json_syntax_errors(void)
{
    static const struct {
        const char *text;
        int line, col;
        const char *message;
    } cases[] = {
        { "{\"a\": 1,\n \"b\": }", 2, 7, "unexpected character '}'" },
        { "{\"a\": 1,}", 1, 9, "expected a key in double quotes" },
        { "{\"a\" 1}", 1, 6, "unexpected character '1'" },
        { "{\"a\": 01}", 1, 7, "invalid number" },
        { "{\"a\": 1.}", 1, 7, "invalid number" },
        { "{\"a\": 0x10}", 1, 7, "invalid number" },
        { "{\"a\": +1}", 1, 7, "unexpected character '+'" },
        { "{\"a\": tru}", 1, 7, "unexpected character 't'" },
        { "{'a': 1}", 1, 2, "expected a key in double quotes" },
        { "/* c */ {\"a\": 1}", 1, 1, "unexpected character '/'" },
        { "{\"a\": 1}\n{\"b\": 2}", 2, 1, "unexpected text after the end of the data" },
        { "{\"a\": \"x\\q\"}", 1, 9, "invalid escape '\\q'" },
        { "{\"a\": \"x\\u12G4\"}", 1, 10, "invalid \\u escape" },
        { "{\"a\": \"open", 1, 7, "unterminated string" },
        { "{\"a\": [1, 2", 1, 12, "unexpected end of the file" },
        { "{\"名\": 值}", 1, 7, "unexpected character '值'" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_test_message("%s", cases[i].text);
        SbDiagnostics *d = sb_diagnostics_new();
        g_assert_null(load_json(cases[i].text, d));
        assert_one_error(d, cases[i].line, cases[i].col, cases[i].message);
        g_assert_true(g_str_has_prefix(diag_at(d, 0)->en, "JSON syntax error: "));
        g_assert_true(g_str_has_prefix(diag_at(d, 0)->zh, "JSON 语法错误："));
        sb_diagnostics_free(d);
    }
}

/* ---- characters ---- */

static void test_text_invalid_utf8(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    const char text[] = "a: 1\nb: 中文\xff\n";
    g_assert_false(sb_text_check_chars(text, sizeof text - 1, d));
    assert_one_error(d, 2, 6, "not valid UTF-8 (byte 0xFF)");
    sb_diagnostics_free(d);

    /* GBK, as a Chinese editor may save it. */
    d = sb_diagnostics_new();
    const char gbk[] = "name: \xd5\xc5\xc8\xfd\n";
    g_assert_null(sb_yaml_load(gbk, sizeof gbk - 1, d));
    assert_one_error(d, 1, 7, "not valid UTF-8");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    const char utf16[] = "\xff\xfe{\0}\0";
    g_assert_false(sb_text_check_chars(utf16, sizeof utf16 - 1, d));
    assert_one_error(d, 1, 1, "UTF-16");
    sb_diagnostics_free(d);
}

static void test_text_control_chars(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    const char text[] = "a: 1\r\nb: 名字\x01x\n";
    g_assert_false(sb_text_check_chars(text, sizeof text - 1, d));
    assert_one_error(d, 2, 6, "control character U+0001 is not allowed");
    g_assert_cmpstr(diag_at(d, 0)->zh, ==, "不允许的控制字符 U+0001");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    const char nul[] = "a: 1\nbb: x\0y\n";
    g_assert_false(sb_text_check_chars(nul, sizeof nul - 1, d));
    assert_one_error(d, 2, 6, "control character U+0000");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    g_assert_false(sb_text_check_chars("x: \xef\xbf\xbf", 6, d));
    assert_one_error(d, 1, 4, "U+FFFF");
    sb_diagnostics_free(d);

    d = sb_diagnostics_new();
    const char fine[] = "\xef\xbb\xbf" "a:\tb\r\nc: d\re\n";
    g_assert_true(sb_text_check_chars(fine, sizeof fine - 1, d));
    g_assert_cmpuint(d->items->len, ==, 0);
    sb_diagnostics_free(d);
}

static void test_text_bom(void)
{
    SbDiagnostics *d = sb_diagnostics_new();
    SbValue *root = load_yaml("\xef\xbb\xbf" "a: 1\n", d);
    assert_scalar(sb_value_map_get(root, "a"), SB_VALUE_NUMBER, "1", 1, 4);
    sb_value_free(root);
    root = load_json("\xef\xbb\xbf" "{\"a\": 1}", d);
    assert_scalar(sb_value_map_get(root, "a"), SB_VALUE_NUMBER, "1", 1, 7);
    sb_value_free(root);
    g_assert_cmpuint(d->items->len, ==, 0);

    g_assert_false(sb_text_check_chars("\xef\xbb\xbf" "ab\x02", 6, d));
    assert_one_error(d, 1, 3, "U+0002");
    sb_diagnostics_free(d);
}

/* ---- sb_data_load ---- */

static void test_data_too_large(void)
{
    gsize size = 9 * 1024 * 1024;
    char *big = g_malloc(size);
    memset(big, 'x', size);
    memcpy(big, "a: ", 3);
    char *path = write_temp("sbtest-XXXXXX.yaml", big, (gssize)size);
    g_free(big);

    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(sb_data_load(path, d));
    assert_one_error(d, 0, 0, "file is larger than 8 MiB");
    g_assert_cmpstr(diag_at(d, 0)->file, ==, path);
    sb_diagnostics_free(d);
    g_unlink(path);
    g_free(path);
}

static void test_data_load_files(void)
{
    char *yaml = write_temp("sbtest-XXXXXX.yaml", good_yaml, -1);
    char *json = write_temp("sbtest-XXXXXX.JSON", good_json, -1);
    char *sniffed = write_temp("sbtest-XXXXXX.data", good_json, -1);
    const char *paths[] = { yaml, json, sniffed };
    for (guint i = 0; i < G_N_ELEMENTS(paths); i++) {
        SbDiagnostics *d = sb_diagnostics_new();
        SbData *data = sb_data_load(paths[i], d);
        g_assert_nonnull(data);
        g_assert_cmpuint(d->items->len, ==, 0);
        g_assert_cmpstr(sb_data_form_id(data), ==, "miit-2025-application");
        g_assert_cmpstr(data->file, ==, paths[i]);
        assert_scalar(sb_value_lookup(data->root, "contact.name"), SB_VALUE_STRING, "张三",
                      i == 0 ? 5 : 4, i == 0 ? 9 : 23);
        sb_data_free(data);
        sb_diagnostics_free(d);
        g_unlink(paths[i]);
        g_free((char *)paths[i]);
    }
}

static void test_data_errors_name_file(void)
{
    char *path = write_temp("sbtest-XXXXXX.yml", "form: [1]\n", -1);
    SbDiagnostics *d = sb_diagnostics_new();
    g_assert_null(sb_data_load(path, d));
    assert_one_error(d, 1, 7, "'form' must be the id of a form (a string), not a list");
    char *text = sb_diagnostics_format(d);
    char *expected = g_strdup_printf("%s:1:7: error: %s\n", path, diag_at(d, 0)->en);
    g_assert_cmpstr(text, ==, expected);
    g_free(expected);
    g_free(text);
    sb_diagnostics_free(d);
    g_unlink(path);
    g_free(path);

    path = write_temp("sbtest-XXXXXX.yaml", "a: 1\n\x07: 2\n", -1);
    d = sb_diagnostics_new();
    g_assert_null(sb_data_load(path, d));
    assert_one_error(d, 2, 1, "control character U+0007");
    g_assert_cmpstr(diag_at(d, 0)->file, ==, path);
    sb_diagnostics_free(d);
    g_unlink(path);
    g_free(path);

    d = sb_diagnostics_new();
    g_assert_null(sb_data_load("/nonexistent/data.yaml", d));
    assert_one_error(d, 0, 0, "cannot open the file");
    sb_diagnostics_free(d);

    path = write_temp("sbtest-XXXXXX.yaml", "", 0);
    d = sb_diagnostics_new();
    SbData *data = sb_data_load(path, d);
    g_assert_null(data);
    assert_one_error(d, 1, 1, "the file holds no data");
    sb_diagnostics_free(d);
    g_unlink(path);
    g_free(path);

    path = write_temp("sbtest-XXXXXX.yaml", "title: 无表单\n", -1);
    d = sb_diagnostics_new();
    data = sb_data_load(path, d);
    g_assert_nonnull(data);
    g_assert_null(sb_data_form_id(data));
    sb_data_free(data);
    sb_diagnostics_free(d);
    g_unlink(path);
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/util/read-file", test_util_read_file);
    g_test_add_func("/util/temp-commit", test_util_temp_commit);
    g_test_add_func("/util/chars", test_util_chars);
    g_test_add_func("/value/tree", test_value_tree);
    g_test_add_func("/diag/format-en", test_diag_format_en);
    g_test_add_func("/diag/format-zh", test_diag_format_zh);
    g_test_add_func("/diag/counts-strict", test_diag_counts_strict);
    g_test_add_func("/diag/locale", test_diag_locale);
    g_test_add_func("/yaml/good", test_yaml_good);
    g_test_add_func("/yaml/scalars", test_yaml_scalars);
    g_test_add_func("/yaml/alias", test_yaml_alias);
    g_test_add_func("/yaml/alias-bomb", test_yaml_alias_bomb);
    g_test_add_func("/yaml/deep", test_yaml_deep);
    g_test_add_func("/yaml/duplicate-key", test_yaml_duplicate_key);
    g_test_add_func("/yaml/bad-keys", test_yaml_bad_keys);
    g_test_add_func("/yaml/root", test_yaml_root);
    g_test_add_func("/yaml/syntax-error", test_yaml_syntax_error);
    g_test_add_func("/yaml/plain-words", test_yaml_plain_words);
    g_test_add_func("/yaml/documents", test_yaml_documents);
    g_test_add_func("/yaml/escaped-control", test_yaml_escaped_control);
    g_test_add_func("/json/good", test_json_good);
    g_test_add_func("/json/surrogates", test_json_surrogates);
    g_test_add_func("/json/escaped-control", test_json_escaped_control);
    g_test_add_func("/json/deep", test_json_deep);
    g_test_add_func("/json/duplicate-key", test_json_duplicate_key);
    g_test_add_func("/json/root", test_json_root);
    g_test_add_func("/json/syntax-errors", test_json_syntax_errors);
    g_test_add_func("/text/invalid-utf8", test_text_invalid_utf8);
    g_test_add_func("/text/control-chars", test_text_control_chars);
    g_test_add_func("/text/bom", test_text_bom);
    g_test_add_func("/data/too-large", test_data_too_large);
    g_test_add_func("/data/load-files", test_data_load_files);
    g_test_add_func("/data/errors-name-file", test_data_errors_name_file);
    return g_test_run();
}
