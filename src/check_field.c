/* One field's value against its type and limits: the pattern of its type, then what a
 * pattern can't say (real dates, check characters, number bounds, the options of a
 * choice or set). */
#include "check_internal.h"

#include <string.h>

#include "checkdigit.h"
#include "util.h"

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

/* ---- patterns ---- */

/* Anchored, and written with [0-9] rather than \d so that the same text means the same
 * thing to PCRE (which may match any Unicode digit with \d) and to a JSON Schema
 * validator. */
#define NUMBER_RE "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"

const char *sb_field_pattern(SbFieldType type)
{
    switch (type) {
    case SB_FIELD_DATE:
        return "^[0-9]{4}(-[0-9]{1,2}-[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)$";
    case SB_FIELD_YEAR_MONTH:
        return "^[0-9]{4}(-[0-9]{1,2}|年[0-9]{1,2}月)$";
    case SB_FIELD_YEAR:
        return "^[0-9]{4}年?$";
    case SB_FIELD_INTEGER:
        return "^[+-]?[0-9]+$";
    case SB_FIELD_DECIMAL:
        return "^[+-]?" NUMBER_RE "$";
    case SB_FIELD_PERCENT:
        return "^[+-]?" NUMBER_RE "[%％]?$";
    case SB_FIELD_MONEY:
        /* a loss is a negative 利润总额; amounts that can't be negative say min-value="0" */
        return "^[+-]?" NUMBER_RE "$";
    case SB_FIELD_PHONE:
        /* a mobile, or a landline with its area code and an optional extension; the
         * country code +86 drops the trunk 0 of the area code */
        return "^((\\+86[- ]?)?1[3-9][0-9]{9}"
               "|0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?"
               "|\\+86[- ]?[1-9][0-9]{1,2}-?[0-9]{7,8}(-[0-9]{1,6})?)$";
    case SB_FIELD_EMAIL:
        return "^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$";
    case SB_FIELD_POSTCODE:
        return "^[0-9]{6}$";
    case SB_FIELD_IDCARD:
        return "^[0-9]{17}[0-9Xx]$";
    case SB_FIELD_USCC:
        return "^[0-9A-HJ-NP-RTUW-Y]{18}$";
    case SB_FIELD_ORGCODE:
        return "^[0-9A-Z]{8}-?[0-9X]$";
    default:
        return NULL;
    }
}

static gboolean matches(SbFieldType type, const char *text)
{
    const char *pattern = sb_field_pattern(type);
    return pattern == NULL || g_regex_match_simple(pattern, text, 0, 0);
}

/* The runs of ASCII digits in text, as numbers: "2025年3月1日" gives 2025, 3, 1. */
static int digit_runs(const char *text, int *out, int max)
{
    int n = 0;
    for (const char *p = text; *p && n < max;) {
        if (g_ascii_isdigit(*p)) {
            int v = 0;
            while (g_ascii_isdigit(*p) && v < 100000)
                v = v * 10 + (*p++ - '0');
            out[n++] = v;
        } else {
            p++;
        }
    }
    return n;
}

/* ---- one field ---- */

typedef struct {
    const SbForm *form;      /* may be NULL: then reference lists are not consulted */
    const SbFieldDef *field;
    const SbValue *value;
    const char *text;        /* the value's text without surrounding white space */
    SbDiagnostics *diags;
} FieldCheck;

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

static void check_date(FieldCheck *fc, int parts)
{
    int n[3] = { 0, 1, 1 };
    digit_runs(fc->text, n, parts);
    if (g_date_valid_dmy((GDateDay) n[2], (GDateMonth) n[1], (GDateYear) n[0]) && n[0] >= 1)
        return;
    sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                  "%s: '%s' is not a real date", "%s不是有效日期：“%s”",
                  fc->field->label, fc->text);
}

/* The value as a number, for types whose pattern already matched. */
static double number_of(const char *text)
{
    char *copy = g_strdup(text);
    char *end = copy + strlen(copy);
    /* a trailing percent sign, half- or full-width */
    if (g_str_has_suffix(copy, "％"))
        end -= strlen("％");
    else if (end > copy && end[-1] == '%')
        end--;
    *end = '\0';
    double v = g_ascii_strtod(copy, NULL);
    g_free(copy);
    return v;
}

static void check_bounds(FieldCheck *fc, double v)
{
    const SbFieldDef *f = fc->field;
    if (f->has_min && v < f->min_value)
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: %s is less than the minimum %g", "%s低于下限：%s（最小为 %g）",
                      f->label, fc->text, f->min_value);
    if (f->has_max && v > f->max_value)
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: %s is more than the maximum %g", "%s超出上限：%s（最大为 %g）",
                      f->label, fc->text, f->max_value);
}

static void check_number(FieldCheck *fc)
{
    const SbFieldDef *f = fc->field;
    if (!matches(f->type, fc->text)) {
        const char *en, *zh;
        switch (f->type) {
        case SB_FIELD_INTEGER: en = "a whole number"; zh = "整数"; break;
        case SB_FIELD_PERCENT: en = "a percentage (0–100, with or without %)"; zh = "百分数（0–100，可带 %）"; break;
        case SB_FIELD_MONEY: en = "an amount in 万元 (a number)"; zh = "以万元计的金额（数字）"; break;
        default: en = "a number"; zh = "数字"; break;
        }
        field_error(fc, g_strdup_printf("%s: '%s' is not %s", f->label, fc->text, en),
                    g_strdup_printf("%s应为%s：“%s”", f->label, zh, fc->text));
        return;
    }
    double v = number_of(fc->text);
    /* a percentage lies between 0 and 100 unless the form sets other bounds */
    if (f->type == SB_FIELD_PERCENT && ((!f->has_min && v < 0) || (!f->has_max && v > 100))) {
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: %s is not a percentage between 0 and 100",
                      "%s应在 0 到 100 之间：%s", f->label, fc->text);
        return;
    }
    check_bounds(fc, v);
}

/* TRUE when the text has the format of its type, else says what it should look like. */
static gboolean check_format(FieldCheck *fc, const char *en, const char *zh)
{
    if (matches(fc->field->type, fc->text))
        return TRUE;
    field_error(fc, g_strdup_printf("%s: '%s' is not %s", fc->field->label, fc->text, en),
                g_strdup_printf("%s格式不正确：“%s”，应为%s", fc->field->label, fc->text, zh));
    return FALSE;
}

/* A code that ends in a check character: what it looks like, and how to check it. */
typedef struct {
    const char *format_en, *format_zh;   /* for check_format */
    const char *check_en;                /* "check character of the …" */
    gboolean (*valid)(const char *code);
    char (*check_char)(const char *code);
} CheckedCode;

static const CheckedCode idcard = {
    "an 18-character citizen ID (17 digits and a check character)",
    " 18 位（17 位数字加 1 位校验码）",
    "check digit of the citizen ID", sb_idcard_valid, sb_idcard_check_char,
};

static const CheckedCode uscc = {
    "an 18-character unified social credit code "
    "(digits and capital letters other than I, O, S, V, Z)",
    " 18 位数字或大写字母（不含 I、O、S、V、Z）",
    "check character of the unified social credit code", sb_uscc_valid, sb_uscc_check_char,
};

static const CheckedCode orgcode = {
    "an organisation code (8 digits or capital letters, a hyphen, a check character)",
    " 8 位数字或大写字母加 1 位校验码（如 12345678-9）",
    "check character of the organisation code", sb_orgcode_valid, sb_orgcode_check_char,
};

/* The format first, then the check character. */
static void check_code(FieldCheck *fc, const CheckedCode *code)
{
    const char *label = fc->field->label;
    if (!check_format(fc, code->format_en, code->format_zh) || code->valid(fc->text))
        return;
    char expected = code->check_char(fc->text);
    field_error(fc, g_strdup_printf("%s: %s is wrong: expected %c", label, code->check_en,
                                    expected),
                g_strdup_printf("%s校验位不正确：应为 %c", label, expected));
}

static void check_idcard(FieldCheck *fc)
{
    const char *t = fc->text;
    /* an ID that fails with the right check character has a birth date that isn't real */
    if (matches(SB_FIELD_IDCARD, t) && !sb_idcard_valid(t)
        && g_ascii_toupper(t[17]) == sb_idcard_check_char(t))
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: the birth date %.8s in the citizen ID is not a real date",
                      "%s中的出生日期 %.8s 不正确", fc->field->label, t + 6);
    else
        check_code(fc, &idcard);
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
static void report_not_option(SbDiagnostics *diags, const SbFieldDef *f,
                              const GPtrArray *options, const SbValue *at, const char *text)
{
    GString *en = g_string_new(NULL), *zh = g_string_new(NULL);
    if (options->len <= 12) {
        char *all = sb_join_options(options, "、");
        g_string_printf(en, "%s: '%s' is not one of %s", f->label, text, all);
        g_string_printf(zh, "%s的值“%s”不在可选项中（%s）", f->label, text, all);
        g_free(all);
    } else {
        g_string_printf(en, "%s: '%s' is not on the list %s", f->label, text, f->list ? f->list : "");
        g_string_printf(zh, "%s的值“%s”不在清单 %s 中", f->label, text, f->list ? f->list : "");
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
        report_not_option(fc->diags, fc->field, options, fc->value, fc->text);
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
                                        sb_kind_zh(v->kind)));
        return;
    }
    if (sb_value_size(v) == 0) {
        if (f->required)
            sb_diag_error(diags, v->line, v->col, "%s: required, but nothing is ticked",
                          "%s为必填项，至少选择一项", f->label);
        return;
    }
    const GPtrArray *options = options_of(form, f);
    for (guint i = 0; i < sb_value_size(v); i++) {
        const SbValue *item = sb_value_item(v, i);
        if (!sb_is_scalar(item)) {
            sb_check_report(diags, SB_ERROR, item,
                            g_strdup_printf("%s: each item should be one option, not a %s",
                                            f->label, sb_value_kind_name(item->kind)),
                            g_strdup_printf("%s的每一项应为一个选项，而不是%s", f->label,
                                            sb_kind_zh(item->kind)));
        } else if (options && options->len > 0 && !sb_among(options, item->text)) {
            report_not_option(diags, f, options, item, item->text);
        }
    }
}

static void check_typed(FieldCheck *fc)
{
    switch (fc->field->type) {
    case SB_FIELD_TEXT:
        break;
    case SB_FIELD_DATE:
        if (check_format(fc, "a date (2025-10-20 or 2025年10月20日)",
                         "日期（如 2025-10-20 或 2025年10月20日）"))
            check_date(fc, 3);
        break;
    case SB_FIELD_YEAR_MONTH:
        if (check_format(fc, "a year and month (1975-06 or 1975年6月)",
                         "年月（如 1975-06 或 1975年6月）"))
            check_date(fc, 2);
        break;
    case SB_FIELD_YEAR:
        if (check_format(fc, "a year (2025)", "年份（如 2025）"))
            check_bounds(fc, number_of(fc->text));
        break;
    case SB_FIELD_INTEGER:
    case SB_FIELD_DECIMAL:
    case SB_FIELD_PERCENT:
    case SB_FIELD_MONEY:
        check_number(fc);
        break;
    case SB_FIELD_PHONE:
        check_format(fc, "a phone number (13812345678, 010-68206378 or 0571-87654321-123)",
                     "电话号码（如 13812345678、010-68206378 或 0571-87654321-123）");
        break;
    case SB_FIELD_EMAIL:
        check_format(fc, "an e-mail address", "电子邮箱地址");
        break;
    case SB_FIELD_POSTCODE:
        check_format(fc, "a postcode of 6 digits", "6 位数字的邮政编码");
        break;
    case SB_FIELD_IDCARD:
        check_idcard(fc);
        break;
    case SB_FIELD_USCC:
        check_code(fc, &uscc);
        break;
    case SB_FIELD_ORGCODE:
        check_code(fc, &orgcode);
        break;
    case SB_FIELD_CHOICE:
        check_choice(fc);
        break;
    case SB_FIELD_SET:
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
                                        sb_kind_zh(value->kind)));
        return;
    }
    if (sb_is_blank(value)) {
        if (field->required)
            sb_diag_error(diags, value->line, value->col, "%s: required, but empty",
                          "%s为必填项，不能为空", field->label);
        return;
    }
    char *text = g_strstrip(g_strdup(value->text ? value->text : ""));
    FieldCheck fc = { form, field, value, text, diags };
    check_length(&fc);
    check_typed(&fc);
    g_free(text);
}

void sb_check_field(const SbFieldDef *field, const SbValue *value, SbDiagnostics *diags)
{
    sb_check_field_in(NULL, field, value, diags);
}
