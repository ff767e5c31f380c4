/* Data checks: field types and limits (sb_check_field), the data's shape against a form
 * (unknown keys, kinds, list counts, required fields), the documents' rules, and the YAML
 * skeleton and JSON Schema printed from a form.
 *
 * Most tests build a small form by hand, so they say exactly what they exercise; the
 * last ones load the real template of miit-2025-application. */
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "checkdigit.h"
#include "data.h"
#include "diag.h"
#include "value_typed.h"

/* ---- a form made by hand ---- */

typedef struct {
    SbForm form;
    const char *section;   /* the part of the form fields made now are in */
} TestForm;

static TestForm *tf_new(const char *id)
{
    TestForm *tf = g_new0(TestForm, 1);
    tf->form.info.id = id;
    tf->form.info.title = "测试表单";
    tf->form.fields = g_ptr_array_new();
    tf->form.repeats = g_ptr_array_new();
    tf->form.by_path = g_hash_table_new(g_str_hash, g_str_equal);
    tf->form.lists = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
    return tf;
}

static SbFieldDef *field_new(const char *path, const char *label, SbFieldType type)
{
    SbFieldDef *f = g_new0(SbFieldDef, 1);
    f->path = g_strdup(path);
    const char *dot = strrchr(path, '.');
    f->key = g_strdup(dot ? dot + 1 : path);
    f->label = g_strdup(label);
    f->type = type;
    f->options = g_ptr_array_new_with_free_func(g_free);
    return f;
}

static void field_free(SbFieldDef *f)
{
    g_free(f->path);
    g_free(f->key);
    g_free(f->label);
    g_free(f->list);
    g_ptr_array_unref(f->options);
    g_free(f);
}

static void field_options(SbFieldDef *f, const char *const *options)
{
    for (guint i = 0; options[i]; i++)
        g_ptr_array_add(f->options, g_strdup(options[i]));
}

static SbFieldDef *tf_field(TestForm *tf, const char *path, const char *label, SbFieldType type)
{
    SbFieldDef *f = field_new(path, label, type);
    f->section = (char *) tf->section;
    g_ptr_array_add(tf->form.fields, f);
    g_hash_table_insert(tf->form.by_path, f->path, f);
    return f;
}

static SbRepeatDef *tf_repeat(TestForm *tf, const char *path, const char *label, int min, int max)
{
    SbRepeatDef *r = g_new0(SbRepeatDef, 1);
    r->path = g_strdup(path);
    r->label = g_strdup(label);
    r->min = min;
    r->max = max;
    g_ptr_array_add(tf->form.repeats, r);
    return r;
}

static void tf_list(TestForm *tf, const char *id, const char *const *entries)
{
    GPtrArray *list = g_ptr_array_new();
    for (guint i = 0; entries[i]; i++)
        g_ptr_array_add(list, (char *) entries[i]);
    g_hash_table_insert(tf->form.lists, (char *) id, list);
}

static void tf_free(TestForm *tf)
{
    for (guint i = 0; i < tf->form.fields->len; i++)
        field_free(g_ptr_array_index(tf->form.fields, i));
    for (guint i = 0; i < tf->form.repeats->len; i++) {
        SbRepeatDef *r = g_ptr_array_index(tf->form.repeats, i);
        g_free(r->path);
        g_free(r->label);
        g_free(r);
    }
    g_ptr_array_unref(tf->form.fields);
    g_ptr_array_unref(tf->form.repeats);
    g_hash_table_destroy(tf->form.by_path);
    g_hash_table_destroy(tf->form.lists);
    g_free(tf);
}

/* A form shaped like part of the 2025 application. */
static TestForm *application_form(void)
{
    TestForm *tf = tf_new("miit-2025-application");
    tf->section = "高端医疗装备推广应用项目申报书";
    tf_field(tf, "project.name", "项目名称", SB_FIELD_TEXT)->required = TRUE;
    tf->section = "一、单位情况";
    tf_field(tf, "lead_enterprise.name", "单位名称", SB_FIELD_TEXT)->required = TRUE;
    tf_field(tf, "lead_enterprise.credit_code", "统一社会信用代码", SB_FIELD_USCC);
    tf_field(tf, "lead_enterprise.phone", "联系电话", SB_FIELD_PHONE);
    tf_field(tf, "lead_enterprise.leader.name", "项目负责人姓名", SB_FIELD_TEXT);
    tf_field(tf, "lead_enterprise.leader.id_number", "身份证号", SB_FIELD_IDCARD);
    static const char *const natures[] = { "事业单位", "国有企业", "民营企业", "外资企业", "其他", NULL };
    field_options(tf_field(tf, "lead_enterprise.nature", "单位性质", SB_FIELD_CHOICE), natures);
    for (int y = 2022; y <= 2024; y++) {
        char path[64], label[64];
        g_snprintf(path, sizeof path, "lead_enterprise.finance.y%d.revenue", y);
        g_snprintf(label, sizeof label, "%d年营业收入（万元）", y);
        tf_field(tf, path, label, SB_FIELD_MONEY);
    }
    tf_field(tf, "lead_hospital.name", "单位名称", SB_FIELD_TEXT);
    tf_field(tf, "lead_hospital.org_code", "组织机构代码", SB_FIELD_ORGCODE);
    tf_field(tf, "participants[].name", "单位名称", SB_FIELD_TEXT)->required = TRUE;
    tf_field(tf, "participants[].phone", "电话", SB_FIELD_PHONE);
    tf_repeat(tf, "participants", "参与单位", 0, 13);
    tf->section = "二、推广应用项目情况";
    tf_field(tf, "application.equipment", "推广应用的医疗装备/典型场景名称", SB_FIELD_TEXT);
    tf_field(tf, "application.registration_no", "注册证号", SB_FIELD_TEXT);
    tf_field(tf, "application.content", "推广应用内容", SB_FIELD_TEXT)->advised_chars = 500;
    tf->section = "七、人才团队";
    tf_field(tf, "team[].name", "姓名", SB_FIELD_TEXT);
    tf_repeat(tf, "team", "主要人员", 1, 50);
    return tf;
}

/* ---- loading data ---- */

/* Writes text to a temporary file and loads it as the CLI would. */
static SbData *load_text(const char *text, const char *suffix, SbDiagnostics *diags)
{
    char *name = g_strconcat("shenbao-check-XXXXXX", suffix, NULL);
    char *path = NULL;
    GError *error = NULL;
    int fd = g_file_open_tmp(name, &path, &error);
    g_assert_no_error(error);
    close(fd);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    SbData *data = sb_data_load(path, diags);
    g_unlink(path);
    g_free(path);
    g_free(name);
    return data;
}

static SbData *load_yaml(const char *text)
{
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = load_text(text, ".yaml", diags);
    if (data == NULL) {
        char *all = sb_diagnostics_format(diags);
        g_error("test data did not load: %s", all);
    }
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    return data;
}

/* ---- looking at messages ---- */

static const SbDiagnostic *diag_at(const SbDiagnostics *diags, guint i)
{
    g_assert_cmpuint(i, <, diags->items->len);
    return g_ptr_array_index(diags->items, i);
}

static void dump(const SbDiagnostics *diags)
{
    for (guint i = 0; i < diags->items->len; i++) {
        const SbDiagnostic *d = g_ptr_array_index(diags->items, i);
        g_test_message("%d:%d: %s | %s", d->line, d->col, d->en, d->zh);
    }
}

/* Message i is of this severity, at this line (col 0: any) and holds both texts. */
static void assert_diag(const SbDiagnostics *diags, guint i, SbSeverity severity, int line,
                        int col, const char *en, const char *zh)
{
    const SbDiagnostic *d = diag_at(diags, i);
    g_assert_cmpint(d->severity, ==, severity);
    g_assert_cmpint(d->line, ==, line);
    if (col)
        g_assert_cmpint(d->col, ==, col);
    if (en && !strstr(d->en, en))
        g_error("message %u: '%s' does not hold '%s'", i, d->en, en);
    if (zh && !strstr(d->zh, zh))
        g_error("message %u: '%s' does not hold '%s'", i, d->zh, zh);
}

/* Checks a text against a field and returns the messages. */
static SbDiagnostics *check_text(const SbFieldDef *f, const char *text)
{
    SbDiagnostics *diags = sb_diagnostics_new();
    SbValue *v = sb_value_new_scalar(SB_VALUE_STRING, text, 3, 9);
    sb_check_field(f, v, diags);
    sb_value_free(v);
    dump(diags);
    return diags;
}

static void assert_ok(SbFieldType type, const char *text)
{
    SbFieldDef *f = field_new("x", "字段", type);
    SbDiagnostics *diags = check_text(f, text);
    if (diags->items->len)
        g_error("'%s' as %d: unexpected '%s'", text, type, diag_at(diags, 0)->en);
    sb_diagnostics_free(diags);
    field_free(f);
}

static void assert_bad(SbFieldType type, const char *text)
{
    SbFieldDef *f = field_new("x", "字段", type);
    SbDiagnostics *diags = check_text(f, text);
    if (sb_diagnostics_count(diags, SB_ERROR) != 1)
        g_error("'%s' as %d: expected one error, got %u", text, type, diags->items->len);
    assert_diag(diags, 0, SB_ERROR, 3, 9, "字段", "字段");
    sb_diagnostics_free(diags);
    field_free(f);
}

static char *repeat_text(const char *unit, guint n)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < n; i++)
        g_string_append(s, unit);
    return g_string_free(s, FALSE);
}

/* ---- fields ---- */

static void test_field_text_limit(void)
{
    SbFieldDef *f = field_new("lead_enterprise.name", "单位名称", SB_FIELD_TEXT);
    f->max_chars = 500;
    char *long_text = repeat_text("医", 523);
    SbDiagnostics *diags = check_text(f, long_text);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 9, "单位名称: 523 characters, 23 over the limit of 500",
                NULL);
    g_assert_cmpstr(diag_at(diags, 0)->zh, ==, "单位名称超出字数限制：523 字，超出 23 字（限 500 字）");
    sb_diagnostics_free(diags);
    g_free(long_text);

    /* exactly at the limit, and line breaks of a block don't count */
    char *at_limit = repeat_text("医", 500);
    diags = check_text(f, at_limit);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    char *with_breaks = g_strconcat(at_limit, "\n\n", NULL);
    diags = check_text(f, with_breaks);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    g_free(with_breaks);
    g_free(at_limit);
    field_free(f);
}

static void test_field_text_advise(void)
{
    SbFieldDef *f = field_new("application.content", "推广应用内容", SB_FIELD_TEXT);
    f->advised_chars = 300;
    char *text = repeat_text("a", 301);
    SbDiagnostics *diags = check_text(f, text);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_WARNING, 3, 9, "推广应用内容: 301 characters, 1 over", "（300字以内）");
    g_assert_cmpuint(sb_diagnostics_count(diags, SB_ERROR), ==, 0);
    sb_diagnostics_free(diags);
    g_free(text);
    field_free(f);
}

static void test_field_required(void)
{
    SbFieldDef *f = field_new("project.name", "项目名称", SB_FIELD_TEXT);
    SbValue *null = sb_value_new_scalar(SB_VALUE_NULL, "", 4, 7);
    SbDiagnostics *diags = sb_diagnostics_new();
    sb_check_field(f, null, diags);
    g_assert_cmpuint(diags->items->len, ==, 0);   /* empty is fine when not required */

    /* a required one too: the walk of the data collects those (test_shape_required) */
    f->required = TRUE;
    sb_check_field(f, null, diags);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    sb_value_free(null);

    diags = check_text(f, "  \t");
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    field_free(f);
}

static void test_field_not_scalar(void)
{
    SbFieldDef *f = field_new("lead_enterprise.phone", "联系电话", SB_FIELD_PHONE);
    SbValue *map = sb_value_new(SB_VALUE_MAP, 6, 3);
    SbDiagnostics *diags = sb_diagnostics_new();
    sb_check_field(f, map, diags);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 6, 3, "联系电话: expected a single value, not a map",
                "联系电话应为单个值，而不是键值映射");
    sb_diagnostics_free(diags);
    sb_value_free(map);
    field_free(f);
}

static void test_field_dates(void)
{
    assert_ok(SB_FIELD_DATE, "2025-10-20");
    assert_ok(SB_FIELD_DATE, "2025-1-5");
    assert_ok(SB_FIELD_DATE, "2025年3月1日");
    assert_ok(SB_FIELD_DATE, "2024-02-29");
    assert_bad(SB_FIELD_DATE, "2025-02-29");
    assert_bad(SB_FIELD_DATE, "2025-13-01");
    assert_ok(SB_FIELD_DATE, "2025/10/20");
    assert_ok(SB_FIELD_DATE, "２０２５．１０．２０\u3000");
    assert_bad(SB_FIELD_DATE, "2025/10-20");
    assert_bad(SB_FIELD_DATE, "2025年3月");
    assert_bad(SB_FIELD_DATE, "next week");

    assert_ok(SB_FIELD_YEAR_MONTH, "1975-06");
    assert_ok(SB_FIELD_YEAR_MONTH, "1975年6月");
    assert_bad(SB_FIELD_YEAR_MONTH, "1975-13");
    assert_bad(SB_FIELD_YEAR_MONTH, "1975-06-01");
    assert_bad(SB_FIELD_YEAR_MONTH, "75-06");

    assert_ok(SB_FIELD_YEAR, "2025");
    assert_ok(SB_FIELD_YEAR, "2025年");
    assert_bad(SB_FIELD_YEAR, "25");

    SbFieldDef *f = field_new("project.date", "填报日期", SB_FIELD_DATE);
    SbDiagnostics *diags = check_text(f, "2025-02-30");
    assert_diag(diags, 0, SB_ERROR, 3, 9, "填报日期: '2025-02-30' is not a real date",
                "填报日期不是有效日期");
    sb_diagnostics_free(diags);
    field_free(f);
}

static void test_field_numbers(void)
{
    assert_ok(SB_FIELD_INTEGER, "1200");
    assert_ok(SB_FIELD_INTEGER, "-3");
    assert_bad(SB_FIELD_INTEGER, "1.5");
    assert_bad(SB_FIELD_INTEGER, "一千");
    assert_ok(SB_FIELD_DECIMAL, "3.25");
    assert_ok(SB_FIELD_DECIMAL, ".5");
    assert_bad(SB_FIELD_DECIMAL, "3.2.5");
    assert_ok(SB_FIELD_PERCENT, "35");
    assert_ok(SB_FIELD_PERCENT, "35.5%");
    assert_ok(SB_FIELD_PERCENT, "100％");
    assert_bad(SB_FIELD_PERCENT, "120");
    assert_bad(SB_FIELD_PERCENT, "-1%");
    assert_bad(SB_FIELD_PERCENT, "35 %%");
    assert_ok(SB_FIELD_MONEY, "1234.56");
    assert_ok(SB_FIELD_MONEY, "-12.5");   /* a loss; the form bounds what can't be negative */
    assert_ok(SB_FIELD_MONEY, "1,234");
    assert_ok(SB_FIELD_MONEY, "12万元");
    assert_bad(SB_FIELD_MONEY, "12,34");
    assert_bad(SB_FIELD_MONEY, "12元");

    SbFieldDef *f = field_new("lead_hospital.beds", "床位数", SB_FIELD_INTEGER);
    f->has_min = TRUE;
    f->min_value = 0;
    f->has_max = TRUE;
    f->max_value = 10000;
    SbDiagnostics *diags = check_text(f, "-5");
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 9, "床位数: -5 is less than the minimum 0", "床位数低于下限");
    sb_diagnostics_free(diags);
    diags = check_text(f, "20000");
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 9, "床位数: 20000 is more than the maximum 10000",
                "床位数超出上限：20000（最大为 10000）");
    sb_diagnostics_free(diags);
    field_free(f);

    f = field_new("ratio", "持股比例", SB_FIELD_PERCENT);
    diags = check_text(f, "120%");
    assert_diag(diags, 0, SB_ERROR, 3, 9, "持股比例: 120% is not a percentage between 0 and 100",
                "持股比例应在 0 到 100 之间");
    sb_diagnostics_free(diags);
    field_free(f);

    f = field_new("beds", "床位数", SB_FIELD_INTEGER);
    SbValue *number = sb_value_new_scalar(SB_VALUE_NUMBER, "800", 2, 8);
    diags = sb_diagnostics_new();
    sb_check_field(f, number, diags);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    sb_value_free(number);
    field_free(f);
}

static void test_field_phone(void)
{
    const char *good[] = { "13812345678", "+86 13812345678", "+8613812345678", "010-68206378",
                           "01068206378", "0571-87654321", "0571-8765432-123", "+86-10-68206378",
                           "010—68791230", "010 68206378", "139-5120-6837", "0513 8512 6688",
                           "(0513)85126688", "010-68206378转123", "400-820-8820",
                           "０５１３－８５１２６６８８", "0513-85126688\u3000" };
    const char *bad[] = { "12812345678", "1381234567", "138123456789", "10-68206378",
                          "010-123456", "phone", "68206378", "010-68206378转" };
    for (guint i = 0; i < G_N_ELEMENTS(good); i++)
        assert_ok(SB_FIELD_PHONE, good[i]);
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
        assert_bad(SB_FIELD_PHONE, bad[i]);

    SbFieldDef *f = field_new("lead_enterprise.phone", "联系电话", SB_FIELD_PHONE);
    SbDiagnostics *diags = check_text(f, "12345");
    assert_diag(diags, 0, SB_ERROR, 3, 9, "联系电话: '12345' is not a phone number with its area code",
                "联系电话格式不正确：“12345”，应为带区号的电话号码");
    sb_diagnostics_free(diags);
    field_free(f);
}

static void test_field_email_postcode(void)
{
    assert_ok(SB_FIELD_EMAIL, "zhang.san@example.com.cn");
    assert_ok(SB_FIELD_EMAIL, "a+b@mail-1.example.org");
    assert_bad(SB_FIELD_EMAIL, "zhang.san@example");
    assert_bad(SB_FIELD_EMAIL, "@example.com");
    assert_ok(SB_FIELD_EMAIL, "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ");
    /* a character no address holds is pointed at: the value starts at column 9 */
    SbFieldDef *f = field_new("x", "邮箱", SB_FIELD_EMAIL);
    SbDiagnostics *diags = check_text(f, "zhang san@example.com");
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 14, "邮箱: ' ' cannot stand in an e-mail address (character 6",
                "邮箱中有不能出现在邮箱地址中的字符“ ”（第 6 个字符");
    sb_diagnostics_free(diags);
    diags = check_text(f, "lin@jdsph。org.cn");
    assert_diag(diags, 0, SB_ERROR, 3, 18, NULL, "字符“。”（第 10 个字符");
    sb_diagnostics_free(diags);
    field_free(f);
    assert_ok(SB_FIELD_POSTCODE, "100044");
    assert_bad(SB_FIELD_POSTCODE, "10004");
    assert_bad(SB_FIELD_POSTCODE, "1000444");
    assert_bad(SB_FIELD_POSTCODE, "10004A");
}

static void test_field_idcard(void)
{
    SbFieldDef *f = field_new("team[].id_number", "身份证号", SB_FIELD_IDCARD);
    SbDiagnostics *diags = check_text(f, "11010519491231002X");
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    diags = check_text(f, "11010519491231002x");
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);

    diags = check_text(f, "110105194912310021");
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 9, "check digit of the citizen ID is wrong: expected X", NULL);
    g_assert_cmpstr(diag_at(diags, 0)->zh, ==, "身份证号校验位不正确：应为 X");
    sb_diagnostics_free(diags);

    /* 30 February with the check digit that would fit it */
    char id[19];
    g_snprintf(id, sizeof id, "11010519490230002%c", sb_idcard_check_char("11010519490230002"));
    diags = check_text(f, id);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 9, "the birth date 19490230", "身份证号中的出生日期 19490230 不正确");
    sb_diagnostics_free(diags);

    diags = check_text(f, "1101051949123100");
    assert_diag(diags, 0, SB_ERROR, 3, 9, "not an 18-character citizen ID", "身份证号格式不正确");
    sb_diagnostics_free(diags);
    field_free(f);
}

static void test_field_codes(void)
{
    SbFieldDef *f = field_new("lead_enterprise.credit_code", "统一社会信用代码", SB_FIELD_USCC);
    SbDiagnostics *diags = check_text(f, "91350100M000100Y43");
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    diags = check_text(f, "91350100M000100Y44");
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 9, "expected 3", NULL);
    g_assert_cmpstr(diag_at(diags, 0)->zh, ==, "统一社会信用代码校验位不正确：应为 3");
    sb_diagnostics_free(diags);
    diags = check_text(f, "91350100O000100Y43");
    assert_diag(diags, 0, SB_ERROR, 3, 9, "not an 18-character unified social credit code",
                "统一社会信用代码格式不正确");
    sb_diagnostics_free(diags);
    field_free(f);

    f = field_new("lead_hospital.org_code", "组织机构代码", SB_FIELD_ORGCODE);
    diags = check_text(f, "D2143569-X");
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    diags = check_text(f, "D2143569X");
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    diags = check_text(f, "D2143569-1");
    g_assert_cmpuint(diags->items->len, ==, 1);
    g_assert_cmpstr(diag_at(diags, 0)->zh, ==, "组织机构代码校验位不正确：应为 X");
    sb_diagnostics_free(diags);
    diags = check_text(f, "D214356-9X");
    assert_diag(diags, 0, SB_ERROR, 3, 9, "not an organisation code", "组织机构代码格式不正确");
    sb_diagnostics_free(diags);
    field_free(f);
}

static void test_field_choice(void)
{
    static const char *const natures[] = { "事业单位", "国有企业", "民营企业", NULL };
    SbFieldDef *f = field_new("lead_enterprise.nature", "单位性质", SB_FIELD_CHOICE);
    field_options(f, natures);
    SbDiagnostics *diags = check_text(f, "民营企业");
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);

    diags = check_text(f, "合资企业");
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 3, 9,
                "单位性质: '合资企业' is not one of 事业单位、国有企业、民营企业",
                "单位性质的值“合资企业”不在可选项中（事业单位、国有企业、民营企业）");
    sb_diagnostics_free(diags);

    diags = check_text(f, "民营企");
    assert_diag(diags, 0, SB_ERROR, 3, 9, "did you mean '民营企业'?", "是否应为“民营企业”？");
    sb_diagnostics_free(diags);
    field_free(f);
}

static void test_field_choice_list(void)
{
    TestForm *tf = tf_new("t");
    static const char *const products[] = { "流式细胞分析仪", "无液氮超导磁共振系统", "光子计数探测器 CT", NULL };
    tf_list(tf, "key-products", products);
    SbFieldDef *f = tf_field(tf, "application.equipment", "推广应用的医疗装备", SB_FIELD_CHOICE);
    f->list = g_strdup("key-products");

    SbDiagnostics *diags = sb_diagnostics_new();
    SbValue *good = sb_value_new_scalar(SB_VALUE_STRING, "流式细胞分析仪", 2, 14);
    SbValue *bad = sb_value_new_scalar(SB_VALUE_STRING, "流式细胞分析", 2, 14);
    sb_check_field_in(&tf->form, f, good, diags);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_check_field_in(&tf->form, f, bad, diags);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 2, 14, "is not one of", "是否应为“流式细胞分析仪”");

    /* without the form, or when the list isn't loaded, anything goes */
    sb_check_field(f, bad, diags);
    g_free(f->list);
    f->list = g_strdup("missing-list");
    sb_check_field_in(&tf->form, f, bad, diags);
    g_assert_cmpuint(diags->items->len, ==, 1);

    sb_value_free(good);
    sb_value_free(bad);
    sb_diagnostics_free(diags);
    tf_free(tf);
}

static void test_field_set(void)
{
    static const char *const options[] = { "诊断", "治疗", "康复", NULL };
    SbFieldDef *f = field_new("scope", "应用领域", SB_FIELD_SET);
    field_options(f, options);
    SbValue *list = sb_value_new(SB_VALUE_LIST, 5, 8);
    g_ptr_array_add(list->items, sb_value_new_scalar(SB_VALUE_STRING, "诊断", 5, 9));
    g_ptr_array_add(list->items, sb_value_new_scalar(SB_VALUE_STRING, "预防", 5, 15));
    SbDiagnostics *diags = sb_diagnostics_new();
    sb_check_field(f, list, diags);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 5, 15, "'预防' is not one of 诊断、治疗、康复", "应用领域的值“预防”");

    SbValue *scalar = sb_value_new_scalar(SB_VALUE_STRING, "诊断", 7, 8);
    sb_check_field(f, scalar, diags);
    g_assert_cmpuint(diags->items->len, ==, 2);
    assert_diag(diags, 1, SB_ERROR, 7, 8, "expected a list of the options ticked, not a string",
                "应用领域应为所选项的列表");

    f->required = TRUE;   /* nothing ticked: the walk collects it */
    SbValue *empty = sb_value_new(SB_VALUE_LIST, 9, 8);
    sb_check_field(f, empty, diags);
    g_assert_cmpuint(diags->items->len, ==, 2);

    sb_value_free(list);
    sb_value_free(scalar);
    sb_value_free(empty);
    sb_diagnostics_free(diags);
    field_free(f);
}

/* ---- shape ---- */

/* Runs sb_check on YAML text against a form; returns the messages. */
static SbDiagnostics *check_yaml(TestForm *tf, const char *yaml, gboolean *ok)
{
    SbData *data = load_yaml(yaml);
    SbDiagnostics *diags = sb_diagnostics_new();
    gboolean clean = sb_check(&tf->form, data, diags);
    if (ok)
        *ok = clean;
    g_assert_cmpint(clean, ==, sb_diagnostics_count(diags, SB_ERROR) == 0);
    dump(diags);
    sb_data_free(data);
    return diags;
}

static void test_shape_clean(void)
{
    TestForm *tf = application_form();
    gboolean ok = FALSE;
    SbDiagnostics *diags = check_yaml(tf,
        "form: miit-2025-application\n"
        "project:\n"
        "  name: 流式细胞分析仪推广应用项目\n"
        "lead_enterprise:\n"
        "  name: 某某医疗科技有限公司\n"
        "  credit_code: 91350100M000100Y43\n"
        "  phone: 010-68206378\n"
        "  nature: 民营企业\n"
        "  leader: {name: 张三, id_number: 11010519491231002X}\n"
        "participants:\n"
        "  - name: 某某大学附属医院\n"
        "    phone: 13812345678\n"
        "team:\n"
        "  - name: 李四\n", &ok);
    g_assert_true(ok);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    tf_free(tf);
}

static void test_shape_unknown_key(void)
{
    TestForm *tf = application_form();
    gboolean ok = TRUE;
    SbDiagnostics *diags = check_yaml(tf,
        "form: miit-2025-application\n"
        "project:\n"
        "  name: 项目\n"
        "lead_enterprise:\n"
        "  nmae: 某某医疗科技有限公司\n"
        "  credit_cod: 91350100M000100Y43\n"
        "  zzzzzz: 1\n"
        "team:\n"
        "  - name: 李四\n"
        "    gendr: 男\n", &ok);
    g_assert_false(ok);
    /* the missing required 单位名称 is reported at the key of its map, line 4 */
    g_assert_cmpuint(diags->items->len, ==, 5);
    assert_diag(diags, 0, SB_ERROR, 4, 1, NULL, NULL);
    g_assert_cmpstr(diag_at(diags, 0)->en, ==, "一、单位情况: 1 required field is not filled in: 单位名称");
    g_assert_cmpstr(diag_at(diags, 0)->zh, ==, "一、单位情况：1 项必填内容未填写：单位名称");
    assert_diag(diags, 1, SB_ERROR, 5, 3, NULL, NULL);
    g_assert_cmpstr(diag_at(diags, 1)->en, ==, "unknown key 'nmae'; did you mean 'name'?");
    g_assert_cmpstr(diag_at(diags, 1)->zh, ==, "未知的键“nmae”，是否应为“name”？");
    assert_diag(diags, 2, SB_ERROR, 6, 3, "did you mean 'credit_code'?", NULL);
    assert_diag(diags, 3, SB_ERROR, 7, 3, "unknown key 'zzzzzz'; the keys here are: name, credit_code",
                "此处可用的键");
    /* the team item's key, with the item's own keys as candidates */
    assert_diag(diags, 4, SB_ERROR, 10, 5, "unknown key 'gendr'", NULL);
    g_assert_null(strstr(diag_at(diags, 4)->en, "did you mean"));
    sb_diagnostics_free(diags);
    tf_free(tf);
}

static void test_shape_kinds(void)
{
    TestForm *tf = application_form();
    SbDiagnostics *diags = check_yaml(tf,
        "project:\n"
        "  name: 项目\n"
        "lead_enterprise: 某某医疗科技有限公司\n"
        "participants:\n"
        "  name: 某某医院\n"
        "team:\n"
        "  - 李四\n", NULL);
    g_assert_cmpuint(diags->items->len, ==, 3);
    assert_diag(diags, 0, SB_ERROR, 3, 18, "'lead_enterprise' should be a map of keys, not a string",
                "“lead_enterprise”应为键值映射，而不是字符串");
    assert_diag(diags, 1, SB_ERROR, 5, 3, "参与单位 (participants) should be a list, not a map",
                "参与单位（participants）应为列表，而不是键值映射");
    assert_diag(diags, 2, SB_ERROR, 7, 5, "each item of 主要人员 (team) should be a map", NULL);
    sb_diagnostics_free(diags);
    tf_free(tf);
}

static void test_shape_repeat_counts(void)
{
    TestForm *tf = application_form();
    GString *yaml = g_string_new("project:\n  name: 项目\nlead_enterprise:\n  name: 企业\nparticipants:\n");
    for (int i = 1; i <= 14; i++)
        g_string_append_printf(yaml, "  - name: 参与单位%d\n", i);
    g_string_append(yaml, "team: []\n");
    SbDiagnostics *diags = check_yaml(tf, yaml->str, NULL);
    g_assert_cmpuint(diags->items->len, ==, 2);
    /* at the list: its first item, line 6 */
    assert_diag(diags, 0, SB_ERROR, 6, 0, "too many 参与单位: 14, at most 13", NULL);
    g_assert_cmpstr(diag_at(diags, 0)->zh, ==, "参与单位过多：14 个，最多 13 个");
    /* no item at all of a list the form needs: missing, with the fields of its part */
    assert_diag(diags, 1, SB_ERROR, 20, 1, "七、人才团队: 1 required field is not filled in: 主要人员（至少 1 项）",
                "七、人才团队：1 项必填内容未填写：主要人员（至少 1 项）");
    sb_diagnostics_free(diags);
    g_string_free(yaml, TRUE);
    tf_free(tf);
}

static void test_shape_required(void)
{
    TestForm *tf = application_form();
    tf->section = "一、单位情况";
    tf_field(tf, "lead_enterprise.leader.phone", "项目负责人联系电话", SB_FIELD_PHONE)->required = TRUE;
    SbDiagnostics *diags = check_yaml(tf,
        "form: miit-2025-application\n"
        "lead_enterprise:\n"
        "  phone: 010-68206378\n"
        "  leader:\n"
        "    name: 王五\n"
        "    phone: \"\u3000\"\n"
        "participants:\n"
        "  - phone: 13812345678\n"
        "  - name: ~\n"
        "  - phone: \"\"\n"
        "  -\n"
        "team:\n"
        "  - name: 李四\n", NULL);
    dump(diags);
    g_assert_cmpuint(diags->items->len, ==, 6);
    /* project is absent: its required name is missing at the start of the data */
    assert_diag(diags, 0, SB_ERROR, 1, 1, "高端医疗装备推广应用项目申报书: 1 required field is not filled in: 项目名称",
                "高端医疗装备推广应用项目申报书：1 项必填内容未填写：项目名称");
    /* one message for the part, at the key of the map that holds both */
    assert_diag(diags, 1, SB_ERROR, 2, 1, "一、单位情况: 2 required fields are not filled in: 单位名称, 项目负责人联系电话",
                "一、单位情况：2 项必填内容未填写：单位名称、项目负责人联系电话");
    /* a list item reports at its own position */
    assert_diag(diags, 2, SB_ERROR, 8, 5, "一、单位情况 (参与单位 no. 1): 1 required field is not filled in: 单位名称",
                "一、单位情况（参与单位第 1 项）：1 项必填内容未填写：单位名称");
    /* an item of nothing is an error of its own */
    assert_diag(diags, 3, SB_ERROR, 9, 5, "item 2 of 参与单位 (participants) is empty", "参与单位（participants）的第 2 项是空的");
    assert_diag(diags, 4, SB_ERROR, 10, 5, "item 3 of 参与单位", NULL);
    assert_diag(diags, 5, SB_ERROR, 11, 4, "item 4 of 参与单位", NULL);
    sb_diagnostics_free(diags);
    tf_free(tf);
}

/* Many missing fields of a part: the message names ten and says how many. */
static void test_shape_required_many(void)
{
    TestForm *tf = tf_new("many");
    tf->section = "一、单位情况";
    for (int i = 0; i < 14; i++) {
        char *path = g_strdup_printf("unit.f%d", i), *label = g_strdup_printf("项%d", i);
        tf_field(tf, path, label, SB_FIELD_TEXT)->required = TRUE;
        g_free(path), g_free(label);
    }
    SbDiagnostics *diags = check_yaml(tf, "form: many\nunit:\n  f3: 有\n", NULL);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 2, 1, "一、单位情况: 13 required fields are not filled in: 项0, 项1, 项2, 项4,", NULL);
    g_assert_true(g_str_has_suffix(diag_at(diags, 0)->zh, "项9、项10等"));
    sb_diagnostics_free(diags);
    tf_free(tf);
}

static void test_shape_values_in_order(void)
{
    TestForm *tf = application_form();
    SbDiagnostics *diags = check_yaml(tf,
        "form: miit-2025-application\n"
        "project: {name: 项目}\n"
        "lead_enterprise:\n"
        "  name: 某某医疗科技有限公司\n"
        "  credit_code: 91350100M000100Y44\n"
        "  leader:\n"
        "    id_number: \"110105194912310021\"\n"
        "  nature: 合资\n"
        "participants:\n"
        "  - name: 甲\n"
        "    phone: 12345\n"
        "  - name: 乙\n"
        "    phone: \"010-1234\"\n"
        "team:\n"
        "  - name: 李四\n", NULL);
    g_assert_cmpuint(diags->items->len, ==, 5);
    assert_diag(diags, 0, SB_ERROR, 5, 16, "expected 3", "统一社会信用代码校验位不正确：应为 3");
    assert_diag(diags, 1, SB_ERROR, 7, 16, "expected X", "身份证号校验位不正确：应为 X");
    assert_diag(diags, 2, SB_ERROR, 8, 11, "单位性质: '合资' is not one of", NULL);
    assert_diag(diags, 3, SB_ERROR, 11, 12, "电话: '12345' is not a phone number", NULL);
    assert_diag(diags, 4, SB_ERROR, 13, 12, "电话: '010-1234' is not a phone number", NULL);
    sb_diagnostics_free(diags);
    tf_free(tf);
}

static void test_shape_form_key(void)
{
    TestForm *tf = application_form();
    SbDiagnostics *diags = check_yaml(tf,
        "form: miit-2022-base\n"
        "project: {name: 项目}\n"
        "lead_enterprise: {name: 企业}\n"
        "team: [{name: 李四}]\n", NULL);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 1, 7, "the data names the form 'miit-2022-base', not 'miit-2025-application'",
                NULL);
    sb_diagnostics_free(diags);

    /* sb_check_shape alone says nothing about values */
    SbData *data = load_yaml("project: {name: 项目}\nlead_enterprise: {name: 企业, phone: 1}\n"
                             "team: [{name: 李四}]\nbogus: 1\n");
    diags = sb_diagnostics_new();
    sb_check_shape(&tf->form, data->root, diags);
    dump(diags);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 4, 1, "unknown key 'bogus'", NULL);
    sb_diagnostics_free(diags);
    sb_data_free(data);
    tf_free(tf);
}

/* ---- rules ---- */

static void test_rule_consortium(void)
{
    TestForm *tf = application_form();
    /* no maximum on the repeat here, so the document's 15 is what stops 14 participants */
    ((SbRepeatDef *) g_ptr_array_index(tf->form.repeats, 0))->max = 0;
    GString *yaml = g_string_new("project: {name: 项目}\nlead_enterprise: {name: 企业}\n"
                                 "team: [{name: 李四}]\nparticipants:\n");
    for (int i = 1; i <= 14; i++)
        g_string_append_printf(yaml, "  - name: 参与单位%d\n", i);
    SbDiagnostics *diags = check_yaml(tf, yaml->str, NULL);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 5, 0, "the consortium has 16 units",
                "联合体单位过多：共 16 个（牵头医疗装备生产企业、牵头医疗机构及 14 个参与单位），最多 15 个");
    sb_diagnostics_free(diags);

    /* 13 participants make 15 units: allowed */
    g_string_assign(yaml, "project: {name: 项目}\nlead_enterprise: {name: 企业}\n"
                          "team: [{name: 李四}]\nparticipants:\n");
    for (int i = 1; i <= 13; i++)
        g_string_append_printf(yaml, "  - name: 参与单位%d\n", i);
    diags = check_yaml(tf, yaml->str, NULL);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);

    /* with the template's maximum of 13 the repeat says it once, the rule stays quiet */
    ((SbRepeatDef *) g_ptr_array_index(tf->form.repeats, 0))->max = 13;
    g_string_append(yaml, "  - name: 参与单位14\n");
    diags = check_yaml(tf, yaml->str, NULL);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 5, 0, "too many 参与单位", NULL);
    sb_diagnostics_free(diags);
    g_string_free(yaml, TRUE);
    tf_free(tf);
}

static void test_rule_registration(void)
{
    TestForm *tf = application_form();
    static const char *const products[] = { "流式细胞分析仪", "电子胃肠内窥镜", NULL };
    tf_list(tf, "miit-2025-key-products", products);
    const char *base = "project: {name: 项目}\nlead_enterprise: {name: 企业}\nteam: [{name: 李四}]\n";

    char *yaml = g_strconcat(base, "application:\n  equipment: 电子胃肠内窥镜\n  registration_no:\n", NULL);
    SbDiagnostics *diags = check_yaml(tf, yaml, NULL);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 6, 19, "needs the registration number (注册证号)",
                "重点产品类项目须填写产品的医疗器械注册证号（application.registration_no）");
    sb_diagnostics_free(diags);
    g_free(yaml);

    yaml = g_strconcat(base, "application:\n  equipment: 电子胃肠内窥镜\n  registration_no: 国械注准20233061234\n", NULL);
    diags = check_yaml(tf, yaml, NULL);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    g_free(yaml);

    /* a typical scenario project needs none */
    yaml = g_strconcat(base, "application:\n  equipment: 数字化手术室\n", NULL);
    diags = check_yaml(tf, yaml, NULL);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    g_free(yaml);

    /* the data may say so itself */
    tf_field(tf, "project.category", "项目类别", SB_FIELD_TEXT);
    diags = check_yaml(tf, "project: {name: 项目, category: 重点产品}\nlead_enterprise: {name: 企业}\n"
                           "team: [{name: 李四}]\napplication:\n  equipment: 某某设备\n", NULL);
    g_assert_cmpuint(diags->items->len, ==, 1);
    assert_diag(diags, 0, SB_ERROR, 5, 3, "registration number", NULL);
    sb_diagnostics_free(diags);
    tf_free(tf);
}

static void test_rules_other_forms(void)
{
    TestForm *tf = application_form();
    tf->form.info.id = "miit-2022-base";
    ((SbRepeatDef *) g_ptr_array_index(tf->form.repeats, 0))->max = 0;
    GString *yaml = g_string_new("project: {name: 项目}\nlead_enterprise: {name: 企业, finance: {y2022: {revenue: 1}}}\n"
                                 "team: [{name: 李四}]\nparticipants:\n");
    for (int i = 1; i <= 20; i++)
        g_string_append_printf(yaml, "  - name: 参与单位%d\n", i);
    SbData *data = load_yaml(yaml->str);
    SbDiagnostics *diags = sb_diagnostics_new();
    sb_check_rules(&tf->form, data->root, diags);
    g_assert_cmpuint(diags->items->len, ==, 0);
    sb_diagnostics_free(diags);
    sb_data_free(data);
    g_string_free(yaml, TRUE);
    tf_free(tf);
}

/* ---- skeleton and schema of a hand-made form ---- */

static void test_skeleton_small(void)
{
    TestForm *tf = application_form();
    ((SbRepeatDef *) g_ptr_array_index(tf->form.repeats, 1))->min = 2;   /* two example items */
    char *yaml = sb_form_yaml_skeleton(&tf->form);
    g_test_message("%s", yaml);
    /* the line a YAML language server reads, to find the schema `shenbao schema` prints */
    g_assert_true(g_str_has_prefix(yaml, "# yaml-language-server: $schema=miit-2025-application.schema.json\n# 测试表单\n"));
    g_assert_nonnull(strstr(yaml, "\nform: miit-2025-application\n"));
    g_assert_nonnull(strstr(yaml, "  # 统一社会信用代码（18位，GB 32100）\n  credit_code: \"\"\n"));
    g_assert_nonnull(strstr(yaml, "# 单位性质（单选：事业单位 / 国有企业 / 民营企业 / 外资企业 / 其他）\n"));
    g_assert_nonnull(strstr(yaml, "# 推广应用内容（文本，500字以内）\n  content: |\n"));
    g_assert_nonnull(strstr(yaml, "# 项目名称（文本，必填）\n"));
    g_assert_nonnull(strstr(yaml, "# 参与单位（列表，每项一个，最多 13 项）\nparticipants:\n  -\n    # 单位名称"));
    /* two items for a minimum of two */
    const char *team = strstr(yaml, "team:\n");
    g_assert_nonnull(team);
    g_assert_nonnull(strstr(team, "  -\n    # 姓名（文本）\n    name: \"\"\n  -\n    # 姓名（文本）\n    name: \"\"\n"));

    SbData *data = load_yaml(yaml);
    g_assert_cmpstr(sb_data_form_id(data), ==, "miit-2025-application");
    SbDiagnostics *diags = sb_diagnostics_new();
    sb_check(&tf->form, data, diags);
    dump(diags);
    /* only what is left empty: 项目名称, 单位名称, the example item of a list that needs
     * none; the two items the team needs are places to fill in, with nothing required */
    g_assert_cmpuint(diags->items->len, ==, 3);
    assert_diag(diags, 0, SB_ERROR, diag_at(diags, 0)->line, 0, "1 required field is not filled in: 项目名称", NULL);
    assert_diag(diags, 1, SB_ERROR, diag_at(diags, 1)->line, 0, "1 required field is not filled in: 单位名称", NULL);
    assert_diag(diags, 2, SB_ERROR, diag_at(diags, 2)->line, 0, "item 1 of 参与单位 (participants) is empty", NULL);
    sb_diagnostics_free(diags);
    sb_data_free(data);
    g_free(yaml);
    tf_free(tf);
}

/* The schema's pattern of a field is its type's, widened for what people type. */
static void expect_schema_pattern(JsonObject *field, SbFieldType type)
{
    char *wide = sb_typed_schema_pattern(sb_typed_pattern(type));
    g_assert_cmpstr(json_object_get_string_member(field, "pattern"), ==, wide);
    g_free(wide);
}

static JsonObject *object_at(JsonObject *o, const char *const *keys)
{
    for (guint i = 0; keys[i]; i++) {
        g_assert_true(json_object_has_member(o, keys[i]));
        o = json_object_get_object_member(o, keys[i]);
        g_assert_nonnull(o);
    }
    return o;
}

static void test_schema_small(void)
{
    TestForm *tf = application_form();
    char *text = sb_form_json_schema(&tf->form);
    char *again = sb_form_json_schema(&tf->form);
    g_assert_cmpstr(text, ==, again);   /* stable */
    g_free(again);

    JsonParser *parser = json_parser_new();
    GError *error = NULL;
    g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
    g_assert_no_error(error);
    JsonObject *root = json_node_get_object(json_parser_get_root(parser));
    g_assert_cmpstr(json_object_get_string_member(root, "$schema"), ==,
                    "https://json-schema.org/draft/2020-12/schema");
    g_assert_cmpstr(json_object_get_string_member(root, "$id"), ==, "urn:shenbao:form:miit-2025-application");
    g_assert_cmpstr(json_object_get_string_member(root, "title"), ==, "测试表单");
    g_assert_false(json_object_get_boolean_member(root, "additionalProperties"));

    JsonObject *props = json_object_get_object_member(root, "properties");
    GList *names = json_object_get_members(props);
    g_assert_cmpstr(names->data, ==, "form");   /* document order, form first */
    g_assert_cmpstr(names->next->data, ==, "project");
    g_list_free(names);
    g_assert_cmpstr(json_object_get_string_member(object_at(props, (const char *[]) { "form", NULL }), "const"),
                    ==, "miit-2025-application");

    JsonObject *uscc = object_at(props, (const char *[]) { "lead_enterprise", "properties", "credit_code", NULL });
    g_assert_cmpstr(json_object_get_string_member(uscc, "title"), ==, "统一社会信用代码");
    expect_schema_pattern(uscc, SB_FIELD_USCC);
    JsonObject *le = object_at(props, (const char *[]) { "lead_enterprise", NULL });
    g_assert_false(json_object_get_boolean_member(le, "additionalProperties"));
    /* no key is required: every field may be empty while the data is being filled in */
    g_assert_false(json_object_has_member(le, "required"));
    g_assert_cmpstr(json_object_get_string_member(le, "title"), ==, "单位情况");
    g_assert_true(g_str_has_prefix(json_object_get_string_member(le, "description"),
                                   "lead_enterprise：包括单位名称、统一社会信用代码"));

    JsonObject *nature = object_at(le, (const char *[]) { "properties", "nature", NULL });
    JsonArray *options = json_object_get_array_member(nature, "enum");
    g_assert_cmpuint(json_array_get_length(options), ==, 7);   /* five options, "" and null */
    g_assert_cmpstr(json_array_get_string_element(options, 2), ==, "民营企业");

    JsonObject *content = object_at(props, (const char *[]) { "application", "properties", "content", NULL });
    /* a printed limit is a warning: said, not enforced */
    g_assert_false(json_object_has_member(content, "maxLength"));
    g_assert_false(json_object_has_member(content, "pattern"));
    g_assert_nonnull(strstr(json_object_get_string_member(content, "description"), "500字以内"));

    JsonObject *parts = object_at(props, (const char *[]) { "participants", NULL });
    g_assert_cmpstr(json_object_get_string_member(parts, "title"), ==, "参与单位");
    g_assert_cmpint(json_object_get_int_member(parts, "maxItems"), ==, 13);
    g_assert_false(json_object_has_member(parts, "minItems"));
    JsonObject *item = object_at(parts, (const char *[]) { "items", NULL });
    g_assert_false(json_object_get_boolean_member(item, "additionalProperties"));
    g_assert_true(json_object_has_member(object_at(item, (const char *[]) { "properties", NULL }), "phone"));
    JsonObject *team = object_at(props, (const char *[]) { "team", NULL });
    g_assert_cmpint(json_object_get_int_member(team, "minItems"), ==, 1);

    g_object_unref(parser);
    g_free(text);
    tf_free(tf);
}

/* ---- the real template ---- */

static SbForm *load_template(void)
{
    const char *root = g_getenv("SHENBAO_DATADIR");
    char *file = g_build_filename(root ? root : ".", "templates", "2025", "miit-2025-application.xml", NULL);
    char *rng = g_build_filename(root ? root : ".", "templates", "form.rng", NULL);
    SbForm *form = NULL;
    if (!g_file_test(file, G_FILE_TEST_EXISTS)) {
        g_test_skip("templates/2025/miit-2025-application.xml is not there yet");
    } else {
        GError *error = NULL;
        form = sb_form_load(file, rng, &error);
        g_assert_no_error(error);
        g_assert_nonnull(form);
    }
    g_free(file);
    g_free(rng);
    return form;
}

static void test_template_skeleton(void)
{
    SbForm *form = load_template();
    if (form == NULL)
        return;
    char *yaml = sb_form_yaml_skeleton(form);
    g_assert_nonnull(strstr(yaml, "\nform: miit-2025-application\n"));
    g_assert_nonnull(strstr(yaml, "# 统一社会信用代码（18位，GB 32100，必填）\n  credit_code: \"\"\n"));
    g_assert_nonnull(strstr(yaml, "# 组织机构代码（9位，GB 11714，如 12345678-9，必填）\n  org_code: \"\"\n"));
    g_assert_nonnull(strstr(yaml, "# 联系人传真（电话"));
    g_assert_null(strstr(yaml, "# 联系人传真（电话，如 13951206837 或 0513-85126688，必填"));
    g_assert_nonnull(strstr(yaml, "\nparticipants:\n  -\n"));

    /* every field of the form is in the skeleton, under its key */
    for (guint i = 0; i < form->fields->len; i++) {
        const SbFieldDef *f = g_ptr_array_index(form->fields, i);
        char *key = g_strdup_printf(" %s: ", f->key);
        char *label = g_strdup_printf("# %s（", f->label);
        if (!strstr(yaml, key) || !strstr(yaml, label))
            g_error("%s is not in the skeleton", f->path);
        g_free(key);
        g_free(label);
    }

    SbData *data = load_yaml(yaml);
    SbDiagnostics *diags = sb_diagnostics_new();
    g_assert_false(sb_check(form, data, diags));
    dump(diags);
    /* what is left empty, and nothing else: required fields by part, example list items */
    guint missing = 0;
    for (guint i = 0; i < diags->items->len; i++) {
        const SbDiagnostic *d = diag_at(diags, i);
        g_assert_cmpint(d->severity, ==, SB_ERROR);
        gboolean is_missing = strstr(d->zh, "项必填内容未填写") != NULL;
        if (!is_missing && !strstr(d->zh, "项是空的"))
            g_error("the skeleton gives '%s'", d->zh);
        missing += is_missing;
    }
    g_assert_cmpuint(missing, >=, 5);
    g_assert_cmpuint(diags->items->len, <, 40);
    sb_diagnostics_free(diags);
    sb_data_free(data);
    g_free(yaml);
    sb_form_free(form);
}

static void test_template_schema(void)
{
    SbForm *form = load_template();
    if (form == NULL)
        return;
    char *text = sb_form_json_schema(form);
    JsonParser *parser = json_parser_new();
    g_assert_true(json_parser_load_from_data(parser, text, -1, NULL));
    JsonObject *props = json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)),
                                                      "properties");
    JsonObject *id = object_at(props, (const char *[]) { "lead_enterprise", "properties", "leader",
                                                          "properties", "id_number", NULL });
    expect_schema_pattern(id, SB_FIELD_IDCARD);
    JsonObject *parts = object_at(props, (const char *[]) { "participants", NULL });
    g_assert_cmpint(json_object_get_int_member(parts, "maxItems"), ==, 13);
    JsonObject *org = object_at(parts, (const char *[]) { "items", "properties", "org_code", NULL });
    expect_schema_pattern(org, SB_FIELD_ORGCODE);
    g_object_unref(parser);
    g_free(text);
    sb_form_free(form);
}

/* Leaves out the messages about required fields not filled in. */
static void drop_missing(SbDiagnostics *diags)
{
    for (guint i = diags->items->len; i-- > 0;)
        if (strstr(diag_at(diags, i)->zh, "项必填内容未填写"))
            g_ptr_array_remove_index(diags->items, i);
}

static void test_template_bad_data(void)
{
    SbForm *form = load_template();
    if (form == NULL)
        return;
    SbData *data = load_yaml(
        "form: miit-2025-application\n"
        "lead_enterprise:\n"
        "  name: 某某医疗科技有限公司\n"
        "  credit_code: 91110108MA01C3K7XD\n"
        "  leader:\n"
        "    name: 张三\n"
        "    id_number: \"110108198003154216\"\n"
        "  finance:\n"
        "    y2022: {revenue: 1200, total_profit: -30}\n"
        "    y2024: {revenue: 1500}\n"
        "participants:\n"
        "  - nmae: 某某医院\n");
    SbDiagnostics *diags = sb_diagnostics_new();
    g_assert_false(sb_check(form, data, diags));
    dump(diags);
    drop_missing(diags);   /* the fields the data leaves out: the shape tests look at those */
    g_assert_cmpuint(diags->items->len, ==, 3);
    assert_diag(diags, 0, SB_ERROR, 4, 16, NULL, "统一社会信用代码校验位不正确：应为 C");
    assert_diag(diags, 1, SB_ERROR, 7, 16, NULL, "本单位项目负责人身份证号校验位不正确：应为 5");
    assert_diag(diags, 2, SB_ERROR, 12, 5, "unknown key 'nmae'; did you mean 'name'?", NULL);
    sb_diagnostics_free(diags);
    sb_data_free(data);
    sb_form_free(form);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/check/field/text-limit", test_field_text_limit);
    g_test_add_func("/check/field/text-advise", test_field_text_advise);
    g_test_add_func("/check/field/required", test_field_required);
    g_test_add_func("/check/field/not-scalar", test_field_not_scalar);
    g_test_add_func("/check/field/dates", test_field_dates);
    g_test_add_func("/check/field/numbers", test_field_numbers);
    g_test_add_func("/check/field/phone", test_field_phone);
    g_test_add_func("/check/field/email-postcode", test_field_email_postcode);
    g_test_add_func("/check/field/idcard", test_field_idcard);
    g_test_add_func("/check/field/codes", test_field_codes);
    g_test_add_func("/check/field/choice", test_field_choice);
    g_test_add_func("/check/field/choice-list", test_field_choice_list);
    g_test_add_func("/check/field/set", test_field_set);
    g_test_add_func("/check/shape/clean", test_shape_clean);
    g_test_add_func("/check/shape/unknown-key", test_shape_unknown_key);
    g_test_add_func("/check/shape/kinds", test_shape_kinds);
    g_test_add_func("/check/shape/repeat-counts", test_shape_repeat_counts);
    g_test_add_func("/check/shape/required", test_shape_required);
    g_test_add_func("/check/shape/required-many", test_shape_required_many);
    g_test_add_func("/check/shape/values-in-order", test_shape_values_in_order);
    g_test_add_func("/check/shape/form-key", test_shape_form_key);
    g_test_add_func("/check/rules/consortium", test_rule_consortium);
    g_test_add_func("/check/rules/registration", test_rule_registration);
    g_test_add_func("/check/rules/other-forms", test_rules_other_forms);
    g_test_add_func("/check/skeleton/small", test_skeleton_small);
    g_test_add_func("/check/schema/small", test_schema_small);
    g_test_add_func("/check/template/skeleton", test_template_skeleton);
    g_test_add_func("/check/template/schema", test_template_schema);
    g_test_add_func("/check/template/bad-data", test_template_bad_data);
    return g_test_run();
}
