/* One field's value against its type and limits: its length, then its type read as
 * people write it (value_typed.c), then what reading can't say (check characters, number
 * bounds, the options of a choice or set). */
#include "check_internal.h"

#include <string.h>

#include "checkdigit.h"
#include "util.h"
#include "value_typed.h"

/* ---- what a value holds ---- */

gboolean sb_is_scalar(const SbValue *v)
{
    return v->kind == SB_VALUE_STRING || v->kind == SB_VALUE_NUMBER || v->kind == SB_VALUE_BOOL;
}

gboolean sb_is_blank(const SbValue *v)
{
    if (v->kind == SB_VALUE_NULL)
        return TRUE;
    if (!sb_is_scalar(v) || v->text == NULL)
        return FALSE;
    for (const char *p = v->text; *p; p = g_utf8_next_char(p))
        if (!g_unichar_isspace(g_utf8_get_char(p)))
            return FALSE;
    return TRUE;
}

gboolean sb_among(const GPtrArray *options, const char *text)
{
    for (guint i = 0; i < options->len; i++)
        if (strcmp(g_ptr_array_index(options, i), text) == 0)
            return TRUE;
    return FALSE;
}

/* ---- one field ---- */

typedef struct {
    const SbForm *form;      /* may be NULL: then reference lists are not consulted */
    const SbFieldDef *field;
    const SbValue *value;
    const char *text;        /* the value's text without surrounding white space */
    char *shown;             /* the text as messages quote it: a long one cut short */
    SbTyped typed;           /* a typed value, read */
    SbDiagnostics *diags;
} FieldCheck;

/* A value as a message quotes it: in full up to 60 characters, else its start and how
 * long it is, so that a pasted page does not fill the screen. */
static char *excerpt(const char *text)
{
    glong n = g_utf8_strlen(text, -1);
    if (n <= 60)
        return g_strdup(text);
    char *start = g_utf8_substring(text, 0, 40);
    char *shown = g_strdup_printf("%s…（%ld 字）", start, n);
    g_free(start);
    return shown;
}

static void field_error(FieldCheck *fc, char *en, char *zh)
{
    sb_check_report(fc->diags, SB_ERROR, fc->value, en, zh);
}

/* Characters as the form counts them: the line breaks of a block of text are layout,
 * not 字. */
static glong text_chars(const char *text)
{
    GString *s = g_string_new(NULL);
    for (const char *p = text; *p; p++)
        if (*p != '\n' && *p != '\r')
            g_string_append_c(s, *p);
    glong n = sb_char_count(s->str);
    g_string_free(s, TRUE);
    return n;
}

static void check_length(FieldCheck *fc)
{
    const SbFieldDef *f = fc->field;
    if (f->max_chars <= 0 && f->advised_chars <= 0)
        return;
    glong n = text_chars(fc->value->text);
    if (f->max_chars > 0 && n > f->max_chars) {
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: %ld characters, %ld over the limit of %d",
                      "%s超出字数限制：%ld 字，超出 %ld 字（限 %d 字）",
                      f->label, n, n - f->max_chars, f->max_chars);
    } else if (f->advised_chars > 0 && n > f->advised_chars) {
        sb_diag_warning(fc->diags, fc->value->line, fc->value->col,
                        "%s: %ld characters, %ld over the form's limit of %d",
                        "%s超出字数要求：%ld 字，超出 %ld 字（%d字以内）",
                        f->label, n, n - f->advised_chars, f->advised_chars);
    }
}

static void check_bounds(FieldCheck *fc, double v)
{
    const SbFieldDef *f = fc->field;
    if (f->has_min && v < f->min_value)
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: %s is less than the minimum %g", "%s低于下限：%s（最小为 %g）",
                      f->label, fc->shown, f->min_value);
    if (f->has_max && v > f->max_value)
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: %s is more than the maximum %g", "%s超出上限：%s（最大为 %g）",
                      f->label, fc->shown, f->max_value);
}

static void check_number(FieldCheck *fc)
{
    const SbFieldDef *f = fc->field;
    double v = fc->typed.number;
    /* a percentage lies between 0 and 100 unless the form sets other bounds */
    if (f->type == SB_FIELD_PERCENT && ((!f->has_min && v < 0) || (!f->has_max && v > 100))) {
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: %s is not a percentage between 0 and 100",
                      "%s应在 0 到 100 之间：%s", f->label, fc->shown);
        return;
    }
    check_bounds(fc, v);
}

/* A code that ends in a check character: how to check it. */
typedef struct {
    const char *check_en;                /* "check character of the …" */
    gboolean (*valid)(const char *code);
    char (*check_char)(const char *code);
} CheckedCode;

static const CheckedCode idcard = {
    "check digit of the citizen ID", sb_idcard_valid, sb_idcard_check_char,
};
static const CheckedCode uscc = {
    "check character of the unified social credit code", sb_uscc_valid, sb_uscc_check_char,
};
static const CheckedCode orgcode = {
    "check character of the organisation code", sb_orgcode_valid, sb_orgcode_check_char,
};

static void check_code(FieldCheck *fc, const CheckedCode *code)
{
    const char *label = fc->field->label, *t = fc->typed.text;
    if (code->valid(t))
        return;
    char expected = code->check_char(t);
    /* an ID that fails with the right check character has a birth date that isn't real */
    if (code == &idcard && t[17] == expected)
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: the birth date %.8s in the citizen ID is not a real date",
                      "%s中的出生日期 %.8s 不正确", label, t + 6);
    else
        field_error(fc, g_strdup_printf("%s: %s is wrong: expected %c", label, code->check_en,
                                        expected),
                    g_strdup_printf("%s校验位不正确：应为 %c", label, expected));
}

/* The allowed values of a choice or set: its own options, else its reference list if
 * the form has it loaded, else NULL (anything goes). */
static const GPtrArray *options_of(const SbForm *form, const SbFieldDef *f)
{
    if (f->options && f->options->len > 0)
        return f->options;
    if (form && form->lists && f->list)
        return g_hash_table_lookup(form->lists, f->list);
    return NULL;
}

/* A value not among the options: name them all when there are few, else the list; and
 * the nearest one when it looks like a typo. */
static void report_not_option(const SbForm *form, SbDiagnostics *diags, const SbFieldDef *f,
                              const GPtrArray *options, const SbValue *at, const char *text)
{
    GString *en = g_string_new(NULL), *zh = g_string_new(NULL);
    if (options->len <= 12) {
        char *all = sb_join_options(options, "、");
        g_string_printf(en, "%s: '%s' is not one of %s", f->label, text, all);
        g_string_printf(zh, "%s的值“%s”不在可选项中（%s）", f->label, text, all);
        g_free(all);
    } else {
        char *lists = sb_form_lists_title(form, f->list);
        g_string_printf(en, "%s: '%s' is not on %s", f->label, text, lists);
        g_string_printf(zh, "%s的值“%s”不在%s中", f->label, text, lists);
        g_free(lists);
    }
    const char *near = sb_nearest(text, options);
    if (near) {
        g_string_append_printf(en, "; did you mean '%s'?", near);
        g_string_append_printf(zh, "，是否应为“%s”？", near);
    }
    sb_check_report(diags, SB_ERROR, at, g_string_free(en, FALSE), g_string_free(zh, FALSE));
}

static void check_choice(FieldCheck *fc)
{
    const GPtrArray *options = options_of(fc->form, fc->field);
    if (options && options->len > 0 && !sb_among(options, fc->text))
        report_not_option(fc->form, fc->diags, fc->field, options, fc->value, fc->text);
}

/* A set is a list of options; null or an empty list is an empty set. */
static void check_set(const SbForm *form, const SbFieldDef *f, const SbValue *v,
                      SbDiagnostics *diags)
{
    if (v->kind != SB_VALUE_LIST && v->kind != SB_VALUE_NULL) {
        sb_check_report(diags, SB_ERROR, v,
                        g_strdup_printf("%s: expected a list of the options ticked, not a %s",
                                        f->label, sb_value_kind_name(v->kind)),
                        g_strdup_printf("%s应为所选项的列表，而不是%s", f->label,
                                        sb_value_kind_zh(v->kind)));
        return;
    }
    if (sb_value_size(v) == 0)
        return;   /* nothing ticked: the walk collects it when it is required */
    const GPtrArray *options = options_of(form, f);
    for (guint i = 0; i < sb_value_size(v); i++) {
        const SbValue *item = sb_value_item(v, i);
        if (!sb_is_scalar(item)) {
            sb_check_report(diags, SB_ERROR, item,
                            g_strdup_printf("%s: each item should be one option, not a %s",
                                            f->label, sb_value_kind_name(item->kind)),
                            g_strdup_printf("%s的每一项应为一个选项，而不是%s", f->label,
                                            sb_value_kind_zh(item->kind)));
        } else if (options && options->len > 0 && !sb_among(options, item->text)) {
            report_not_option(form, diags, f, options, item, item->text);
        }
    }
}

/* How a value of each type is written, for the message that says it is not. */
static void format_words(SbFieldType type, const char **en, const char **zh)
{
    switch (type) {
    case SB_FIELD_DATE:
        *en = "a date (2025年10月20日, 2025-10-20, 2025/10/20 or 2025.10.20)";
        *zh = "日期（如 2025年10月20日、2025-10-20、2025/10/20 或 2025.10.20）";
        break;
    case SB_FIELD_YEAR_MONTH:
        *en = "a year and month (1976年5月, 1976-05, 1976/5 or 1976.05)";
        *zh = "年月（如 1976年5月、1976-05、1976/5 或 1976.05）";
        break;
    case SB_FIELD_YEAR: *en = "a year (2025)"; *zh = "年份（如 2025）"; break;
    case SB_FIELD_INTEGER: *en = "a whole number (4300 or 4,300)"; *zh = "整数（如 4300 或 4,300）"; break;
    case SB_FIELD_PERCENT:
        *en = "a percentage (32.5 or 32.5%)"; *zh = "百分数（如 32.5 或 32.5%）";
        break;
    case SB_FIELD_MONEY:
        *en = "an amount in 万元 (128650.42 or 128,650.42)";
        *zh = "以万元计的金额（如 128650.42 或 128,650.42）";
        break;
    case SB_FIELD_PHONE:
        *en = "a phone number with its area code (13951206837, 0513-85126688, (0513)85126688, "
              "010-68206378转123 or 400-820-8820)";
        *zh = "带区号的电话号码（如 13951206837、0513-85126688、(0513)85126688、010-68206378转123 "
              "或 400-820-8820）";
        break;
    case SB_FIELD_EMAIL: *en = "an e-mail address (name@example.com)"; *zh = "电子邮箱地址（如 name@example.com）"; break;
    case SB_FIELD_POSTCODE: *en = "a postcode of 6 digits"; *zh = "6 位数字的邮政编码"; break;
    case SB_FIELD_IDCARD:
        *en = "an 18-character citizen ID (17 digits and a check character)";
        *zh = " 18 位身份证号（17 位数字加 1 位校验码）";
        break;
    case SB_FIELD_USCC:
        *en = "an 18-character unified social credit code (digits and letters other than I, O, S, V, Z)";
        *zh = " 18 位统一社会信用代码（数字或字母，不含 I、O、S、V、Z）";
        break;
    case SB_FIELD_ORGCODE:
        *en = "an organisation code (8 digits or letters, a hyphen, a check character: 12345678-9)";
        *zh = " 8 位数字或字母加 1 位校验码（如 12345678-9）";
        break;
    default: *en = "a number"; *zh = "数字"; break;
    }
}

/* The first character of an e-mail address that no address may hold (a full stop 。, a
 * comma, a space …), pointed at; FALSE when every character may stand in one. */
static gboolean report_email_char(FieldCheck *fc)
{
    int lead = 0;
    char *folded = sb_typed_fold(fc->value->text, &lead);
    int index = 0;
    const char *p = folded;
    for (; *p; p = g_utf8_next_char(p), index++) {
        gunichar c = g_utf8_get_char(p);
        if (c >= 0x80 || !(g_ascii_isalnum(c) || strchr("._%+-@", (int) c)))
            break;
    }
    gboolean found = *p != '\0';
    if (found) {
        char bad[8] = { 0 };
        g_unichar_to_utf8(g_utf8_get_char(p), bad);
        /* on the value's line, after an opening quote */
        int col = fc->value->col + (fc->value->quoted ? 1 : 0) + lead + index;
        sb_diag_error(fc->diags, fc->value->line, col,
                      "%s: '%s' cannot stand in an e-mail address (character %d of '%s')",
                      "%s中有不能出现在邮箱地址中的字符“%s”（第 %d 个字符：%s）",
                      fc->field->label, bad, index + 1, fc->shown);
    }
    g_free(folded);
    return found;
}

/* A typed value that does not read: how it should be written. */
static void report_malformed(FieldCheck *fc)
{
    const SbFieldDef *f = fc->field;
    if (f->type == SB_FIELD_EMAIL && report_email_char(fc))
        return;
    const char *en, *zh;
    format_words(f->type, &en, &zh);
    field_error(fc, g_strdup_printf("%s: '%s' is not %s", f->label, fc->shown, en),
                g_strdup_printf("%s格式不正确：“%s”，应为%s", f->label, fc->shown, zh));
}

static void check_typed(FieldCheck *fc)
{
    const SbFieldDef *f = fc->field;
    switch (sb_typed_read(f->type, fc->text, &fc->typed)) {
    case SB_TYPED_MALFORMED:
        report_malformed(fc);
        return;
    case SB_TYPED_UNREAL:
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: '%s' is not a real date", "%s不是有效日期：“%s”", f->label, fc->shown);
        return;
    case SB_TYPED_OK:
        break;
    }
    switch (f->type) {
    case SB_FIELD_YEAR:
        check_bounds(fc, fc->typed.year);
        break;
    case SB_FIELD_INTEGER: case SB_FIELD_DECIMAL: case SB_FIELD_PERCENT: case SB_FIELD_MONEY:
        check_number(fc);
        break;
    case SB_FIELD_IDCARD:
        check_code(fc, &idcard);
        break;
    case SB_FIELD_USCC:
        check_code(fc, &uscc);
        break;
    case SB_FIELD_ORGCODE:
        check_code(fc, &orgcode);
        break;
    default:
        break;
    }
}

void sb_check_field_in(const SbForm *form, const SbFieldDef *field, const SbValue *value,
                       SbDiagnostics *diags)
{
    if (field == NULL || value == NULL)
        return;
    if (field->type == SB_FIELD_SET) {
        check_set(form, field, value, diags);
        return;
    }
    if (value->kind == SB_VALUE_MAP || value->kind == SB_VALUE_LIST) {
        sb_check_report(diags, SB_ERROR, value,
                        g_strdup_printf("%s: expected a single value, not a %s", field->label,
                                        sb_value_kind_name(value->kind)),
                        g_strdup_printf("%s应为单个值，而不是%s", field->label,
                                        sb_value_kind_zh(value->kind)));
        return;
    }
    /* an empty field is not checked here: the walk collects the required ones */
    if (sb_is_blank(value))
        return;
    char *text = g_strstrip(g_strdup(value->text ? value->text : ""));
    FieldCheck fc = { form, field, value, text, excerpt(text), { 0 }, diags };
    check_length(&fc);
    if (field->type == SB_FIELD_CHOICE)
        check_choice(&fc);
    else if (sb_typed_is_typed(field->type))
        check_typed(&fc);
    sb_typed_clear(&fc.typed);
    g_free(fc.shown);
    g_free(text);
}

void sb_check_field(const SbFieldDef *field, const SbValue *value, SbDiagnostics *diags)
{
    sb_check_field_in(NULL, field, value, diags);
}
