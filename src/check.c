/* Checking data against its form.
 *
 * The form's field paths describe the data's shape (SbShape): maps of keys, lists of
 * repeated items, fields.  sb_check walks the data and that shape side by side, in the
 * data's order, so every message lands on the line it is about: unknown keys, values of
 * the wrong kind, list counts, missing required fields, and each field's type and limits.
 * Then the documents' own rules (FORMS.md) run per form id. */
#include "check.h"

#include <string.h>

#include "checkdigit.h"
#include "data.h"
#include "util.h"

/* ---- messages ---- */

/* Adds a message whose English and Chinese texts are already formatted.  The two formats
 * take both texts; "%.0s" consumes the other language's text and prints nothing, so the
 * arguments stay the same and in the same order, as sb_diag_add requires. */
static void report(SbDiagnostics *diags, SbSeverity severity, const SbValue *at,
                   char *en, char *zh)
{
    int line = at ? at->line : 0, col = at ? at->col : 0;
    sb_diag_add(diags, severity, line, col, "%s%.0s", "%.0s%s", en, zh);
    g_free(en);
    g_free(zh);
}

static const char *kind_zh(SbValueKind kind)
{
    switch (kind) {
    case SB_VALUE_NULL: return "空值";
    case SB_VALUE_STRING: return "字符串";
    case SB_VALUE_NUMBER: return "数字";
    case SB_VALUE_BOOL: return "布尔值";
    case SB_VALUE_MAP: return "键值映射";
    case SB_VALUE_LIST: return "列表";
    }
    return "值";
}

static const char *kind_en(SbValueKind kind)
{
    switch (kind) {
    case SB_VALUE_NULL: return "null";
    case SB_VALUE_STRING: return "string";
    case SB_VALUE_NUMBER: return "number";
    case SB_VALUE_BOOL: return "boolean";
    case SB_VALUE_MAP: return "map";
    case SB_VALUE_LIST: return "list";
    }
    return "value";
}

static gboolean is_scalar(const SbValue *v)
{
    return v->kind == SB_VALUE_STRING || v->kind == SB_VALUE_NUMBER || v->kind == SB_VALUE_BOOL;
}

/* Null, or a string of nothing but white space: a field left blank. */
static gboolean is_blank(const SbValue *v)
{
    if (v->kind == SB_VALUE_NULL)
        return TRUE;
    if (!is_scalar(v) || v->text == NULL)
        return FALSE;
    for (const char *p = v->text; *p; p = g_utf8_next_char(p))
        if (!g_unichar_isspace(g_utf8_get_char(p)))
            return FALSE;
    return TRUE;
}

/* "a[].b.c" as people write it in the data: "a.b.c". */
static char *plain_path(const char *path)
{
    GString *s = g_string_new(NULL);
    for (const char *p = path; *p; p++)
        if (!(p[0] == '[' && p[1] == ']'))
            g_string_append_c(s, *p);
        else
            p++;
    return g_string_free(s, FALSE);
}

static char *join_options(const GPtrArray *options, const char *sep)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < options->len; i++) {
        if (i)
            g_string_append(s, sep);
        g_string_append(s, g_ptr_array_index(options, i));
    }
    return g_string_free(s, FALSE);
}

/* The candidate nearest to word, or NULL when none is near enough to be a likely typo:
 * at most max(2, a third of the word's length) edits away, and fewer edits than the
 * word has characters (two short words that share nothing are not a typo). */
static const char *nearest(const char *word, const GPtrArray *candidates)
{
    guint length = (guint) sb_char_count(word);
    guint limit = MIN(MAX(2, length / 3), length ? length - 1 : 0);
    const char *best = NULL;
    guint best_distance = G_MAXUINT;
    for (guint i = 0; i < candidates->len; i++) {
        const char *c = g_ptr_array_index(candidates, i);
        guint d = sb_edit_distance(word, c);
        if (d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    return best_distance <= limit ? best : NULL;
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
    report(fc->diags, SB_ERROR, fc->value, en, zh);
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

static void check_idcard(FieldCheck *fc)
{
    const char *t = fc->text;
    const char *label = fc->field->label;
    if (!matches(SB_FIELD_IDCARD, t)) {
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: '%s' is not an 18-character citizen ID (17 digits and a check character)",
                      "%s格式不正确：“%s”，应为 18 位（17 位数字加 1 位校验码）", label, t);
        return;
    }
    if (!sb_idcard_valid(t) && g_ascii_toupper(t[17]) == sb_idcard_check_char(t)) {
        /* the check character is right, so the birth date must be what's wrong */
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: the birth date %.8s in the citizen ID is not a real date",
                      "%s中的出生日期 %.8s 不正确", label, t + 6);
        return;
    }
    if (!sb_idcard_valid(t))
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: check digit of the citizen ID is wrong: expected %c",
                      "%s校验位不正确：应为 %c", label, sb_idcard_check_char(t));
}

static void check_uscc(FieldCheck *fc)
{
    const char *t = fc->text;
    const char *label = fc->field->label;
    if (!matches(SB_FIELD_USCC, t)) {
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: '%s' is not an 18-character unified social credit code "
                      "(digits and capital letters other than I, O, S, V, Z)",
                      "%s格式不正确：“%s”，应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
                      label, t);
        return;
    }
    if (!sb_uscc_valid(t))
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: check character of the unified social credit code is wrong: expected %c",
                      "%s校验位不正确：应为 %c", label, sb_uscc_check_char(t));
}

static void check_orgcode(FieldCheck *fc)
{
    const char *t = fc->text;
    const char *label = fc->field->label;
    if (!matches(SB_FIELD_ORGCODE, t)) {
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: '%s' is not an organisation code (8 digits or capital letters, "
                      "a hyphen, a check character)",
                      "%s格式不正确：“%s”，应为 8 位数字或大写字母加 1 位校验码（如 12345678-9）",
                      label, t);
        return;
    }
    if (!sb_orgcode_valid(t))
        sb_diag_error(fc->diags, fc->value->line, fc->value->col,
                      "%s: check character of the organisation code is wrong: expected %c",
                      "%s校验位不正确：应为 %c", label, sb_orgcode_check_char(t));
}

static void check_format(FieldCheck *fc, const char *en, const char *zh)
{
    if (matches(fc->field->type, fc->text))
        return;
    field_error(fc, g_strdup_printf("%s: '%s' is not %s", fc->field->label, fc->text, en),
                g_strdup_printf("%s格式不正确：“%s”，应为%s", fc->field->label, fc->text, zh));
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

static gboolean among(const GPtrArray *options, const char *text)
{
    for (guint i = 0; i < options->len; i++)
        if (strcmp(g_ptr_array_index(options, i), text) == 0)
            return TRUE;
    return FALSE;
}

/* A value not among the options: name them all when there are few, else the list; and
 * the nearest one when it looks like a typo. */
static void report_not_option(SbDiagnostics *diags, const SbFieldDef *f,
                              const GPtrArray *options, const SbValue *at, const char *text)
{
    GString *en = g_string_new(NULL), *zh = g_string_new(NULL);
    if (options->len <= 12) {
        char *all = join_options(options, "、");
        g_string_printf(en, "%s: '%s' is not one of %s", f->label, text, all);
        g_string_printf(zh, "%s的值“%s”不在可选项中（%s）", f->label, text, all);
        g_free(all);
    } else {
        g_string_printf(en, "%s: '%s' is not on the list %s", f->label, text, f->list ? f->list : "");
        g_string_printf(zh, "%s的值“%s”不在清单 %s 中", f->label, text, f->list ? f->list : "");
    }
    const char *near = nearest(text, options);
    if (near) {
        g_string_append_printf(en, "; did you mean '%s'?", near);
        g_string_append_printf(zh, "，是否应为“%s”？", near);
    }
    report(diags, SB_ERROR, at, g_string_free(en, FALSE), g_string_free(zh, FALSE));
}

static void check_choice(FieldCheck *fc)
{
    const GPtrArray *options = options_of(fc->form, fc->field);
    if (options && options->len > 0 && !among(options, fc->text))
        report_not_option(fc->diags, fc->field, options, fc->value, fc->text);
}

/* A set is a list of options; null or an empty list is an empty set. */
static void check_set(const SbForm *form, const SbFieldDef *f, const SbValue *v,
                      SbDiagnostics *diags)
{
    if (v->kind != SB_VALUE_LIST && v->kind != SB_VALUE_NULL) {
        report(diags, SB_ERROR, v,
               g_strdup_printf("%s: expected a list of the options ticked, not a %s",
                               f->label, kind_en(v->kind)),
               g_strdup_printf("%s应为所选项的列表，而不是%s", f->label, kind_zh(v->kind)));
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
        if (!is_scalar(item)) {
            report(diags, SB_ERROR, item,
                   g_strdup_printf("%s: each item should be one option, not a %s",
                                   f->label, kind_en(item->kind)),
                   g_strdup_printf("%s的每一项应为一个选项，而不是%s", f->label,
                                   kind_zh(item->kind)));
        } else if (options && options->len > 0 && !among(options, item->text)) {
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
        if (matches(SB_FIELD_DATE, fc->text))
            check_date(fc, 3);
        else
            check_format(fc, "a date (2025-10-20 or 2025年10月20日)", "日期（如 2025-10-20 或 2025年10月20日）");
        break;
    case SB_FIELD_YEAR_MONTH:
        if (matches(SB_FIELD_YEAR_MONTH, fc->text))
            check_date(fc, 2);
        else
            check_format(fc, "a year and month (1975-06 or 1975年6月)", "年月（如 1975-06 或 1975年6月）");
        break;
    case SB_FIELD_YEAR:
        if (matches(SB_FIELD_YEAR, fc->text))
            check_bounds(fc, number_of(fc->text));
        else
            check_format(fc, "a year (2025)", "年份（如 2025）");
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
        check_uscc(fc);
        break;
    case SB_FIELD_ORGCODE:
        check_orgcode(fc);
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
        report(diags, SB_ERROR, value,
               g_strdup_printf("%s: expected a single value, not a %s", field->label,
                               kind_en(value->kind)),
               g_strdup_printf("%s应为单个值，而不是%s", field->label, kind_zh(value->kind)));
        return;
    }
    if (is_blank(value)) {
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

/* ---- the data's shape ---- */

static SbShape *shape_new(SbShapeKind kind, const char *key, const char *path)
{
    SbShape *s = g_new0(SbShape, 1);
    s->kind = kind;
    s->key = g_strdup(key);
    s->path = g_strdup(path);
    s->children = g_ptr_array_new_with_free_func((GDestroyNotify) sb_shape_free);
    s->by_key = g_hash_table_new(g_str_hash, g_str_equal);
    return s;
}

static void owned_field_free(SbFieldDef *f)
{
    if (f == NULL)
        return;
    g_free(f->path);
    g_free(f->key);
    g_free(f->label);
    g_ptr_array_unref(f->options);
    g_free(f);
}

void sb_shape_free(SbShape *shape)
{
    if (shape == NULL)
        return;
    g_ptr_array_unref(shape->children);
    g_hash_table_destroy(shape->by_key);
    owned_field_free(shape->owned);
    g_free(shape->key);
    g_free(shape->path);
    g_free(shape);
}

const SbShape *sb_shape_child(const SbShape *shape, const char *key)
{
    return shape && key ? g_hash_table_lookup(shape->by_key, key) : NULL;
}

/* The node of a full path, made along the way: every segment but the last is a map, or
 * a list when it ends in "[]"; the last is of kind `leaf`.  NULL when the path crosses
 * a node of another kind (a broken form; its loader reports those). */
static SbShape *shape_insert(SbShape *root, const char *path, SbShapeKind leaf)
{
    char **segments = g_strsplit(path, ".", -1);
    GString *prefix = g_string_new(NULL);
    SbShape *node = root;
    for (guint i = 0; node && segments[i]; i++) {
        const char *seg = segments[i];
        gboolean last = segments[i + 1] == NULL;
        gboolean list = g_str_has_suffix(seg, "[]");
        char *key = g_strndup(seg, strlen(seg) - (list ? 2 : 0));
        SbShapeKind kind = last ? leaf : list ? SB_SHAPE_LIST : SB_SHAPE_MAP;
        g_string_append_printf(prefix, "%s%s", i ? "." : "", seg);
        SbShape *child = g_hash_table_lookup(node->by_key, key);
        if (child == NULL) {
            child = shape_new(kind, key, prefix->str);
            g_ptr_array_add(node->children, child);
            g_hash_table_insert(node->by_key, child->key, child);
        } else if (child->kind != kind) {
            child = NULL;
        }
        g_free(key);
        node = child;
    }
    g_string_free(prefix, TRUE);
    g_strfreev(segments);
    return node;
}

/* A <checks other="…"> names a text key for what 其他 stands for; the form's index
 * may not list it as a field, so the shape makes one. */
static void shape_add_other(SbShape *root, const SbForm *form, const SbFieldDef *f)
{
    const char *other = f->node ? sb_form_attr(form, f->node, "other") : NULL;
    if (other == NULL)
        return;
    char *path = f->repeat ? g_strconcat(f->repeat->path, "[].", other, NULL) : g_strdup(other);
    SbShape *leaf = shape_insert(root, path, SB_SHAPE_FIELD);
    if (leaf && leaf->field == NULL) {
        SbFieldDef *def = g_new0(SbFieldDef, 1);
        def->path = g_strdup(path);
        def->key = g_strdup(leaf->key);
        def->label = g_strdup_printf("%s（其他）", f->label);
        def->type = SB_FIELD_TEXT;
        def->options = g_ptr_array_new();
        def->repeat = f->repeat;
        leaf->owned = def;
        leaf->field = def;
    }
    g_free(path);
}

SbShape *sb_shape_new(const SbForm *form)
{
    SbShape *root = shape_new(SB_SHAPE_MAP, NULL, "");
    for (guint i = 0; form->fields && i < form->fields->len; i++) {
        const SbFieldDef *f = g_ptr_array_index(form->fields, i);
        SbShape *leaf = shape_insert(root, f->path, SB_SHAPE_FIELD);
        if (leaf && (leaf->field == NULL || leaf->field == leaf->owned))
            leaf->field = f;
        if (f->type == SB_FIELD_CHOICE || f->type == SB_FIELD_SET)
            shape_add_other(root, form, f);
    }
    /* Lists already made by their fields' paths get their counts; a repeat with no
     * fields still gets its (empty) list. */
    for (guint i = 0; form->repeats && i < form->repeats->len; i++) {
        const SbRepeatDef *r = g_ptr_array_index(form->repeats, i);
        SbShape *list = shape_insert(root, r->path, SB_SHAPE_LIST);
        if (list)
            list->repeat = r;
    }
    return root;
}

gboolean sb_shape_has_required(const SbShape *shape)
{
    if (shape->kind == SB_SHAPE_FIELD)
        return shape->field && shape->field->required;
    if (shape->kind == SB_SHAPE_LIST)
        return shape->repeat && shape->repeat->min > 0;
    for (guint i = 0; i < shape->children->len; i++)
        if (sb_shape_has_required(g_ptr_array_index(shape->children, i)))
            return TRUE;
    return FALSE;
}

/* ---- walking the data along the shape ---- */

typedef struct {
    const SbForm *form;
    const SbShape *root;
    SbDiagnostics *diags;
    gboolean fields;     /* check each field's value too, not just the shape */
} Walk;

static void walk_node(Walk *w, const SbShape *shape, const SbValue *value);

/* How a map or list is named: by its repeat's label where it has one, and its path. */
static char *shape_title(const SbShape *s, gboolean zh)
{
    char *path = plain_path(s->path);
    char *title;
    if (s->kind == SB_SHAPE_LIST && s->repeat && s->repeat->label)
        title = g_strdup_printf(zh ? "%s（%s）" : "%s (%s)", s->repeat->label, path);
    else
        title = g_strdup_printf(zh ? "“%s”" : "'%s'", path);
    g_free(path);
    return title;
}

static void report_kind(Walk *w, const SbShape *s, const SbValue *v)
{
    gboolean list = s->kind == SB_SHAPE_LIST;
    char *en = shape_title(s, FALSE), *zh = shape_title(s, TRUE);
    report(w->diags, SB_ERROR, v,
           g_strdup_printf("%s should be %s, not a %s", en, list ? "a list" : "a map of keys",
                           kind_en(v->kind)),
           g_strdup_printf("%s应为%s，而不是%s", zh, list ? "列表" : "键值映射", kind_zh(v->kind)));
    g_free(en);
    g_free(zh);
}

static void check_count(Walk *w, const SbShape *s, guint n, const SbValue *at)
{
    const SbRepeatDef *r = s->repeat;
    if (r == NULL)
        return;
    const char *label = r->label ? r->label : s->key;
    if (r->max > 0 && n > (guint) r->max)
        sb_diag_error(w->diags, at->line, at->col, "too many %s: %u, at most %d",
                      "%s过多：%u 个，最多 %d 个", label, n, r->max);
    else if (n < (guint) r->min)
        sb_diag_error(w->diags, at->line, at->col, "too few %s: %u, at least %d",
                      "%s过少：%u 个，至少 %d 个", label, n, r->min);
}

static void report_missing_field(Walk *w, const SbFieldDef *f, const SbValue *at)
{
    char *path = plain_path(f->path);
    sb_diag_error(w->diags, at->line, at->col, "missing required field %s (%s)",
                  "缺少必填项：%s（%s）", f->label, path);
    g_free(path);
}

/* What an absent key leaves missing: its required fields, and its lists that need
 * items; all reported at the map that should have held it. */
static void report_absent(Walk *w, const SbShape *s, const SbValue *at)
{
    switch (s->kind) {
    case SB_SHAPE_FIELD:
        if (s->field && s->field->required)
            report_missing_field(w, s->field, at);
        break;
    case SB_SHAPE_LIST:
        check_count(w, s, 0, at);
        break;
    case SB_SHAPE_MAP:
        for (guint i = 0; i < s->children->len; i++)
            report_absent(w, g_ptr_array_index(s->children, i), at);
        break;
    }
}

static void report_unknown_key(Walk *w, const SbShape *s, const SbValue *key)
{
    GPtrArray *known = g_ptr_array_new();
    if (s == w->root)
        g_ptr_array_add(known, "form");
    for (guint i = 0; i < s->children->len; i++)
        g_ptr_array_add(known, ((SbShape *) g_ptr_array_index(s->children, i))->key);

    const char *near = nearest(key->text, known);
    if (near) {
        sb_diag_error(w->diags, key->line, key->col, "unknown key '%s'; did you mean '%s'?",
                      "未知的键“%s”，是否应为“%s”？", key->text, near);
    } else if (known->len > 0 && known->len <= 12) {
        char *all = join_options(known, ", ");
        sb_diag_error(w->diags, key->line, key->col, "unknown key '%s'; the keys here are: %s",
                      "未知的键“%s”；此处可用的键：%s", key->text, all);
        g_free(all);
    } else {
        sb_diag_error(w->diags, key->line, key->col, "unknown key '%s'", "未知的键“%s”",
                      key->text);
    }
    g_ptr_array_free(known, TRUE);
}

static void check_form_key(Walk *w, const SbValue *v)
{
    const char *id = w->form->info.id;
    if (!is_scalar(v) || id == NULL || strcmp(v->text, id) == 0)
        return;
    sb_diag_error(w->diags, v->line, v->col, "the data names the form '%s', not '%s'",
                  "数据所填的表单为“%s”，而不是“%s”", v->text, id);
}

static void walk_map(Walk *w, const SbShape *s, const SbValue *map)
{
    if (map->kind == SB_VALUE_NULL) {
        /* `lead_enterprise:` with nothing under it: an empty map */
        report_absent(w, s, map);
        return;
    }
    if (map->kind != SB_VALUE_MAP) {
        report_kind(w, s, map);
        return;
    }
    for (guint i = 0; i < s->children->len; i++) {
        const SbShape *child = g_ptr_array_index(s->children, i);
        if (sb_value_map_get(map, child->key) == NULL)
            report_absent(w, child, map);
    }
    for (guint i = 0; i < sb_value_size(map); i++) {
        const SbValue *key = g_ptr_array_index(map->keys, i);
        const SbValue *value = sb_value_item(map, i);
        const SbShape *child = sb_shape_child(s, key->text);
        if (child)
            walk_node(w, child, value);
        else if (s == w->root && strcmp(key->text, "form") == 0)
            check_form_key(w, value);
        else
            report_unknown_key(w, s, key);
    }
}

static void walk_list(Walk *w, const SbShape *s, const SbValue *list)
{
    if (list->kind == SB_VALUE_NULL) {
        check_count(w, s, 0, list);
        return;
    }
    if (list->kind != SB_VALUE_LIST) {
        report_kind(w, s, list);
        return;
    }
    check_count(w, s, sb_value_size(list), list);
    for (guint i = 0; i < sb_value_size(list); i++) {
        const SbValue *item = sb_value_item(list, i);
        if (item->kind == SB_VALUE_MAP || item->kind == SB_VALUE_NULL) {
            walk_map(w, s, item);
        } else {
            char *en = shape_title(s, FALSE), *zh = shape_title(s, TRUE);
            report(w->diags, SB_ERROR, item,
                   g_strdup_printf("each item of %s should be a map of keys, not a %s", en,
                                   kind_en(item->kind)),
                   g_strdup_printf("%s的每一项应为键值映射，而不是%s", zh, kind_zh(item->kind)));
            g_free(en);
            g_free(zh);
        }
    }
}

static void walk_node(Walk *w, const SbShape *s, const SbValue *value)
{
    switch (s->kind) {
    case SB_SHAPE_FIELD:
        if (w->fields)
            sb_check_field_in(w->form, s->field, value, w->diags);
        break;
    case SB_SHAPE_MAP:
        walk_map(w, s, value);
        break;
    case SB_SHAPE_LIST:
        walk_list(w, s, value);
        break;
    }
}

static void walk(const SbForm *form, const SbValue *root, SbDiagnostics *diags, gboolean fields)
{
    if (root == NULL)
        return;
    SbShape *shape = sb_shape_new(form);
    Walk w = { form, shape, diags, fields };
    if (root->kind == SB_VALUE_MAP)
        walk_map(&w, shape, root);
    else
        sb_diag_error(diags, root->line, root->col,
                      "the data should be a map of keys, starting with form: %s",
                      "数据应为键值映射，以 form: %s 开头",
                      form->info.id ? form->info.id : "");
    sb_shape_free(shape);
}

void sb_check_shape(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    walk(form, root, diags, FALSE);
}

/* ---- the documents' rules ---- */

/* The value at a dot path when it holds something, or NULL. */
static const SbValue *filled(const SbValue *root, const char *path)
{
    const SbValue *v = sb_value_lookup(root, path);
    return v && !is_blank(v) ? v : NULL;
}

/* TRUE when any scalar below v is filled in. */
static gboolean has_content(const SbValue *v)
{
    if (v == NULL)
        return FALSE;
    if (v->kind == SB_VALUE_MAP || v->kind == SB_VALUE_LIST) {
        for (guint i = 0; i < sb_value_size(v); i++)
            if (has_content(sb_value_item(v, i)))
                return TRUE;
        return FALSE;
    }
    return !is_blank(v);
}

static const SbRepeatDef *repeat_at(const SbForm *form, const char *path)
{
    for (guint i = 0; form->repeats && i < form->repeats->len; i++) {
        const SbRepeatDef *r = g_ptr_array_index(form->repeats, i);
        if (strcmp(r->path, path) == 0)
            return r;
    }
    return NULL;
}

/* 001 二（一）: a consortium has at most 15 units, the two leads included. */
#define MIIT_2025_MAX_UNITS 15

static void rule_consortium_size(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    const SbValue *parts = sb_value_lookup(root, "participants");
    if (parts == NULL || parts->kind != SB_VALUE_LIST)
        return;
    guint n = sb_value_size(parts);
    guint units = 2 + n;
    const SbRepeatDef *r = repeat_at(form, "participants");
    /* the repeat's own maximum has said it already */
    if (units <= MIIT_2025_MAX_UNITS || (r && r->max > 0 && n > (guint) r->max))
        return;
    sb_diag_error(diags, parts->line, parts->col,
                  "the consortium has %u units (the lead enterprise, the lead hospital and "
                  "%u participants); at most %d are allowed",
                  "联合体单位过多：共 %u 个（牵头医疗装备生产企业、牵头医疗机构及 %u 个参与单位），"
                  "最多 %d 个", units, n, MIIT_2025_MAX_UNITS);
}

/* 001 二（三）: the product of a 重点产品 project must be registered.  The rule fires only
 * when the data itself says the project is one: its category, or equipment named on the
 * key product list. */
static gboolean is_key_product_project(const SbForm *form, const SbValue *root)
{
    static const char *category_paths[] = { "project.category", "application.category" };
    for (guint i = 0; i < G_N_ELEMENTS(category_paths); i++) {
        const SbValue *c = filled(root, category_paths[i]);
        if (c && is_scalar(c) && strstr(c->text, "重点产品"))
            return TRUE;
    }
    const SbValue *equipment = filled(root, "application.equipment");
    const GPtrArray *list = form->lists
        ? g_hash_table_lookup(form->lists, "miit-2025-key-products") : NULL;
    if (equipment == NULL || !is_scalar(equipment) || list == NULL)
        return FALSE;
    char *name = g_strstrip(g_strdup(equipment->text));
    gboolean on_list = among(list, name);
    g_free(name);
    return on_list;
}

static void rule_registration_no(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    if (!is_key_product_project(form, root) || filled(root, "application.registration_no"))
        return;
    const SbValue *at = sb_value_lookup(root, "application.registration_no");
    if (at == NULL)
        at = sb_value_lookup(root, "application");
    if (at == NULL)
        at = root;
    sb_diag_error(diags, at->line, at->col,
                  "a 重点产品 project needs the registration number (注册证号) of its product: "
                  "%s is empty",
                  "重点产品类项目须填写产品的医疗器械注册证号（%s）",
                  "application.registration_no");
}

/* 001 附件 3: the lead enterprise's finances cover the last three years, 2022–2024.  Once
 * any figure is given, the years without one are named together at the finance map. */
static void rule_finance_years(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    const SbValue *finance = sb_value_lookup(root, "lead_enterprise.finance");
    if (finance == NULL || finance->kind != SB_VALUE_MAP || !has_content(finance))
        return;
    GString *en = g_string_new(NULL), *zh = g_string_new(NULL);
    for (int year = 2022; year <= 2024; year++) {
        char key[8];
        g_snprintf(key, sizeof key, "y%d", year);
        if (has_content(sb_value_map_get(finance, key)))
            continue;
        g_string_append_printf(en, "%s%d", en->len ? ", " : "", year);
        g_string_append_printf(zh, "%s%d", zh->len ? "、" : "", year);
    }
    if (en->len > 0)
        report(diags, SB_ERROR, finance,
               g_strdup_printf("the finances of the lead enterprise (lead_enterprise.finance) "
                               "lack %s; the form asks for 2022, 2023 and 2024", en->str),
               g_strdup_printf("牵头医疗装备生产企业财务状况（lead_enterprise.finance）缺少 %s 年的数据，"
                               "应填写 2022、2023、2024 三年", zh->str));
    g_string_free(en, TRUE);
    g_string_free(zh, TRUE);
}

typedef void (*Rule)(const SbForm *form, const SbValue *root, SbDiagnostics *diags);

/* Each form's rules, in the order they report.  A new form adds its rows here. */
static const struct {
    const char *form_id;
    Rule rule;
} rules[] = {
    { "miit-2025-application", rule_consortium_size },
    { "miit-2025-application", rule_registration_no },
    { "miit-2025-application", rule_finance_years },
};

void sb_check_rules(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    if (form->info.id == NULL || root == NULL || root->kind != SB_VALUE_MAP)
        return;
    for (guint i = 0; i < G_N_ELEMENTS(rules); i++)
        if (strcmp(rules[i].form_id, form->info.id) == 0)
            rules[i].rule(form, root, diags);
}

/* ---- all of it ---- */

static gint by_position(gconstpointer a, gconstpointer b)
{
    const SbDiagnostic *x = *(SbDiagnostic *const *) a, *y = *(SbDiagnostic *const *) b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* The messages from `first` on, in the order of the data (stable, so messages about one
 * spot keep the order they were found in). */
static void sort_from(SbDiagnostics *diags, guint first)
{
    guint n = diags->items->len - first;
    if (n < 2)
        return;
    GPtrArray *tail = g_ptr_array_sized_new(n);
    for (guint i = first; i < diags->items->len; i++)
        g_ptr_array_add(tail, g_ptr_array_index(diags->items, i));
    g_ptr_array_sort(tail, by_position);
    for (guint i = 0; i < n; i++)
        g_ptr_array_index(diags->items, first + i) = g_ptr_array_index(tail, i);
    g_ptr_array_free(tail, TRUE);
}

gboolean sb_check(const SbForm *form, const SbData *data, SbDiagnostics *diags)
{
    g_return_val_if_fail(form != NULL && data != NULL && diags != NULL, FALSE);
    if (data->file)
        sb_diag_set_file(diags, data->file);
    guint first = diags->items->len;
    guint errors = sb_diagnostics_count(diags, SB_ERROR);
    walk(form, data->root, diags, TRUE);
    sb_check_rules(form, data->root, diags);
    sort_from(diags, first);
    return sb_diagnostics_count(diags, SB_ERROR) == errors;
}
