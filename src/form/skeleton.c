/* The YAML skeleton of a form's data: every key in the order the form asks for it, each
 * under a comment with its Chinese label, type and limits, all values empty.  An
 * applicant copies it and fills it in; as it stands it loads and checks clean apart from
 * the required fields it leaves empty. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* ---- the words for a field's type and limits ---- */

static const char *type_words(SbFieldType type)
{
    switch (type) {
    case SB_FIELD_TEXT: return "文本";
    case SB_FIELD_DATE: return "日期，如 2025年10月20日 或 2025-10-20";
    case SB_FIELD_YEAR_MONTH: return "年月，如 1976年5月 或 1976-05";
    case SB_FIELD_YEAR: return "年份，如 2025";
    case SB_FIELD_INTEGER: return "整数";
    case SB_FIELD_DECIMAL: return "数字";
    case SB_FIELD_PERCENT: return "百分比，如 32.5";
    case SB_FIELD_MONEY: return "金额，万元";
    case SB_FIELD_PHONE: return "电话，如 13951206837 或 0513-85126688";
    case SB_FIELD_EMAIL: return "电子邮箱";
    case SB_FIELD_POSTCODE: return "6位邮政编码";
    case SB_FIELD_IDCARD: return "18位，GB 11643";
    case SB_FIELD_USCC: return "18位，GB 32100";
    case SB_FIELD_ORGCODE: return "9位，GB 11714，如 12345678-9";
    case SB_FIELD_CHOICE: return "单选";
    case SB_FIELD_SET: return "多选，填所选项的列表";
    }
    return "";
}

char *sb_field_summary(const SbForm *form, const SbFieldDef *f)
{
    GString *s = g_string_new(type_words(f->type));
    /* "营业收入（万元）" says its unit already */
    if (f->type == SB_FIELD_MONEY && f->label && strstr(f->label, "万元"))
        g_string_assign(s, "金额");
    if (f->type == SB_FIELD_CHOICE || f->type == SB_FIELD_SET) {
        if (f->options && f->options->len > 0) {
            g_string_append(s, "：");
            for (guint i = 0; i < f->options->len; i++)
                g_string_append_printf(s, "%s%s", i ? " / " : "",
                                       (const char *) g_ptr_array_index(f->options, i));
        } else if (f->list) {
            gboolean loaded = form && form->lists && g_hash_table_lookup(form->lists, f->list);
            g_string_append_printf(s, "，%s清单 %s", loaded ? "见" : "参照", f->list);
        }
    }
    if (f->max_chars > 0)
        g_string_append_printf(s, "，限 %d 字", f->max_chars);
    if (f->advised_chars > 0)
        g_string_append_printf(s, "，%d字以内", f->advised_chars);
    if (f->type == SB_FIELD_PERCENT && !f->has_min && !f->has_max)
        g_string_append(s, "，0–100");
    if (f->has_min)
        g_string_append_printf(s, "，不小于 %g", f->min_value);
    if (f->has_max)
        g_string_append_printf(s, "，不大于 %g", f->max_value);
    if (f->required)
        g_string_append(s, "，必填");
    return g_string_free(s, FALSE);
}

/* ---- the skeleton ---- */

/* Comments hold labels and options on one line each. */
static void append_comment(GString *out, int indent, const char *text)
{
    g_string_append_printf(out, "%*s# ", indent, "");
    for (const char *p = text; *p; p++)
        g_string_append_c(out, *p == '\n' || *p == '\r' ? ' ' : *p);
    g_string_append_c(out, '\n');
}

/* Text meant to run to paragraphs gets a block scalar, so it can be written as it
 * should read, line breaks and all. */
static gboolean is_long_text(const SbForm *form, const SbFieldDef *f)
{
    if (f->type != SB_FIELD_TEXT)
        return FALSE;
    if (f->max_chars >= 100 || f->advised_chars >= 100)
        return TRUE;
    const char *lines = f->node ? sb_form_attr(form, f->node, "lines") : NULL;
    return lines && atoi(lines) >= 2;
}

static void emit_node(GString *out, const SbForm *form, const SbShape *s, int indent);

static void emit_field(GString *out, const SbForm *form, const SbShape *s, int indent)
{
    const SbFieldDef *f = s->field;
    char *summary = sb_field_summary(form, f);
    char *comment = g_strdup_printf("%s（%s）", f->label, summary);
    append_comment(out, indent, comment);
    g_free(comment);
    g_free(summary);

    const char *empty = f->type == SB_FIELD_SET ? "[]" : is_long_text(form, f) ? "|" : "\"\"";
    g_string_append_printf(out, "%*s%s: %s\n", indent, "", s->key, empty);
}

static void emit_children(GString *out, const SbForm *form, const SbShape *s, int indent)
{
    for (guint i = 0; i < s->children->len; i++)
        emit_node(out, form, g_ptr_array_index(s->children, i), indent);
}

/* A list gets as many example items as it must have, and at least one to show the
 * keys of an item. */
static void emit_list(GString *out, const SbForm *form, const SbShape *s, int indent)
{
    const SbRepeatDef *r = s->repeat;
    GString *about = g_string_new(r && r->label ? r->label : s->key);
    g_string_append(about, "（列表，每项一个");
    if (r && r->min > 0)
        g_string_append_printf(about, "，至少 %d 项", r->min);
    if (r && r->max > 0)
        g_string_append_printf(about, "，最多 %d 项", r->max);
    g_string_append(about, "）");
    append_comment(out, indent, about->str);
    g_string_free(about, TRUE);

    if (s->children->len == 0) {
        g_string_append_printf(out, "%*s%s: []\n", indent, "", s->key);
        return;
    }
    g_string_append_printf(out, "%*s%s:\n", indent, "", s->key);
    int items = MAX(1, r ? r->min : 0);
    for (int i = 0; i < items; i++) {
        g_string_append_printf(out, "%*s-\n", indent + 2, "");
        emit_children(out, form, s, indent + 4);
    }
}

static void emit_node(GString *out, const SbForm *form, const SbShape *s, int indent)
{
    switch (s->kind) {
    case SB_SHAPE_FIELD:
        if (s->field)
            emit_field(out, form, s, indent);
        break;
    case SB_SHAPE_MAP:
        g_string_append_printf(out, "%*s%s:\n", indent, "", s->key);
        emit_children(out, form, s, indent + 2);
        break;
    case SB_SHAPE_LIST:
        emit_list(out, form, s, indent);
        break;
    }
}

char *sb_form_yaml_skeleton(const SbForm *form)
{
    g_return_val_if_fail(form != NULL, NULL);
    GString *out = g_string_new(NULL);
    /* an editor with a YAML language server checks the file against the schema named
     * here: `shenbao schema FORM > FORM.schema.json` beside it */
    g_string_append_printf(out, "# yaml-language-server: $schema=%s.schema.json\n",
                           form->info.id ? form->info.id : "");
    if (form->info.title)
        append_comment(out, 0, form->info.title);
    append_comment(out, 0, "以 # 开头的行是说明。填写各项的值；必填项不可留空。");
    g_string_append_printf(out, "form: %s\n", form->info.id ? form->info.id : "");

    SbShape *root = sb_shape_new(form);
    for (guint i = 0; i < root->children->len; i++) {
        g_string_append_c(out, '\n');
        emit_node(out, form, g_ptr_array_index(root->children, i), 0);
    }
    sb_shape_free(root);
    return g_string_free(out, FALSE);
}
