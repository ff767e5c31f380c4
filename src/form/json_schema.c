/* A JSON Schema (draft 2020-12) of a form's data, for editors that complete and check
 * YAML or JSON as it is typed.  It says what the checks say where JSON Schema can say it:
 * keys, kinds, hard character limits, counts, options, the bounds of numbers, and the
 * patterns of value_typed.c widened to take what people type (full-width digits, spaces
 * around).  Check digits, real dates, the documents' rules and a printed limit (500字以内,
 * a warning of `shenbao check`, here said in the description) stay with `shenbao check`.
 *
 * The schema describes data while it is being filled in: every field may be empty ("" or
 * null), as the `init` skeleton has them, so an editor shows nothing before anything is
 * typed.  Which fields the form needs filled its descriptions say (必填), and
 * `shenbao check` reports what is still missing. */
#include "check.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "value_typed.h"

static void add_types(JsonBuilder *b, const char *first, const char *second, gboolean nullable)
{
    json_builder_set_member_name(b, "type");
    if (second == NULL && !nullable) {
        json_builder_add_string_value(b, first);
        return;
    }
    json_builder_begin_array(b);
    json_builder_add_string_value(b, first);
    if (second)
        json_builder_add_string_value(b, second);
    if (nullable)
        json_builder_add_string_value(b, "null");
    json_builder_end_array(b);
}

static void add_string(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, value);
}

static void add_int(JsonBuilder *b, const char *name, gint64 value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, value);
}

static void add_double(JsonBuilder *b, const char *name, double value)
{
    json_builder_set_member_name(b, name);
    if (value == (double) (gint64) value)
        json_builder_add_int_value(b, (gint64) value);
    else
        json_builder_add_double_value(b, value);
}

/* The allowed values of a choice or set, or NULL when they are not known here. */
static const GPtrArray *options_of(const SbForm *form, const SbFieldDef *f)
{
    if (f->options && f->options->len > 0)
        return f->options;
    if (form->lists && f->list)
        return g_hash_table_lookup(form->lists, f->list);
    return NULL;
}

static void add_enum(JsonBuilder *b, const GPtrArray *options, gboolean nullable)
{
    json_builder_set_member_name(b, "enum");
    json_builder_begin_array(b);
    for (guint i = 0; i < options->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(options, i));
    if (nullable) {   /* not chosen yet */
        json_builder_add_string_value(b, "");
        json_builder_add_null_value(b);
    }
    json_builder_end_array(b);
}

static gboolean is_number_type(SbFieldType type)
{
    return type == SB_FIELD_INTEGER || type == SB_FIELD_DECIMAL || type == SB_FIELD_PERCENT
        || type == SB_FIELD_MONEY || type == SB_FIELD_YEAR;
}

/* Codes and phones of digits alone may come as numbers when a YAML file leaves them
 * unquoted; a year-month as 1976.05 does too. */
static const char *number_kind_of(SbFieldType type)
{
    switch (type) {
    case SB_FIELD_INTEGER: case SB_FIELD_YEAR:
    case SB_FIELD_PHONE: case SB_FIELD_POSTCODE: case SB_FIELD_IDCARD: case SB_FIELD_ORGCODE:
        return "integer";
    case SB_FIELD_DECIMAL: case SB_FIELD_PERCENT: case SB_FIELD_MONEY: case SB_FIELD_YEAR_MONTH:
        return "number";
    default:
        return NULL;
    }
}

/* At most n characters, line breaks not counted (a 字 limit counts characters of text,
 * and the breaks of a block are layout): maxLength would count them. */
static char *length_pattern(int n)
{
    return g_strdup_printf("^[\\n\\r]*(?:[^\\n\\r][\\n\\r]*){0,%d}$", n);
}

/* Numbers may be written as numbers or, as YAML and forms often have them, as text
 * ("35%", "128,650.42"); the bounds apply to the former, the pattern to the latter. */
static void add_scalar_kind(JsonBuilder *b, const SbFieldDef *f)
{
    const char *number = number_kind_of(f->type);
    add_types(b, "string", number, TRUE);
    gboolean percent = f->type == SB_FIELD_PERCENT;
    double lo = f->has_min ? f->min_value : 0, hi = f->has_max ? f->max_value : 100;
    if (is_number_type(f->type) && (f->has_min || percent))
        add_double(b, "minimum", lo);
    if (is_number_type(f->type) && (f->has_max || percent))
        add_double(b, "maximum", hi);
    if (sb_typed_is_typed(f->type)) {
        char *bounded = sb_typed_bounded_pattern(f->type, f->has_min && f->min_value >= 0,
                                                 percent && lo >= 0 && hi <= 100);
        char *pattern = sb_typed_schema_pattern(bounded);
        add_string(b, "pattern", pattern);
        g_free(pattern);
        g_free(bounded);
    } else if (f->max_chars > 0) {
        char *pattern = length_pattern(f->max_chars);
        add_string(b, "pattern", pattern);
        g_free(pattern);
    }
}

static void add_field(JsonBuilder *b, const SbForm *form, const SbFieldDef *f)
{
    json_builder_begin_object(b);
    add_string(b, "title", f->label);
    char *summary = sb_field_summary(form, f);
    add_string(b, "description", summary);
    g_free(summary);

    const GPtrArray *options = options_of(form, f);
    if (f->type == SB_FIELD_SET) {
        add_types(b, "array", NULL, TRUE);
        json_builder_set_member_name(b, "items");
        json_builder_begin_object(b);
        if (options)
            add_enum(b, options, FALSE);
        else
            add_types(b, "string", NULL, FALSE);
        json_builder_end_object(b);
        json_builder_set_member_name(b, "uniqueItems");
        json_builder_add_boolean_value(b, TRUE);
    } else if (f->type == SB_FIELD_CHOICE && options) {
        add_enum(b, options, TRUE);
    } else {
        add_scalar_kind(b, f);
    }
    json_builder_end_object(b);
}

static void add_node(JsonBuilder *b, const SbForm *form, const SbShape *s);

/* ---- the titles of objects: what part of the form they hold ---- */

static void collect_fields(const SbShape *s, GPtrArray *fields)
{
    if (s->kind == SB_SHAPE_FIELD && s->field)
        g_ptr_array_add(fields, (gpointer) s->field);
    for (guint i = 0; i < s->children->len; i++)
        collect_fields(g_ptr_array_index(s->children, i), fields);
}

/* The label prefix all the fields share ("项目负责人" of 项目负责人姓名, 项目负责人性别 …),
 * without a partial number or bracket at its end; NULL when it is shorter than two
 * characters. */
static char *common_label(const GPtrArray *fields)
{
    if (fields->len < 2)
        return NULL;
    const SbFieldDef *first = fields->pdata[0];
    glong n = g_utf8_strlen(first->label, -1);
    for (guint i = 1; i < fields->len; i++) {
        const char *a = first->label, *b = ((const SbFieldDef *) fields->pdata[i])->label;
        glong k = 0;
        while (k < n && *a && g_utf8_get_char(a) == g_utf8_get_char(b))
            a = g_utf8_next_char(a), b = g_utf8_next_char(b), k++;
        n = k;
    }
    char *prefix = g_utf8_substring(first->label, 0, n);
    while (*prefix) {
        gunichar last = g_utf8_get_char(g_utf8_find_prev_char(prefix, prefix + strlen(prefix)));
        if (!g_unichar_isdigit(last) && last != 0xFF08 /* （ */ && last != '(')
            break;
        *g_utf8_find_prev_char(prefix, prefix + strlen(prefix)) = '\0';
    }
    if (g_utf8_strlen(prefix, -1) < 2) {
        g_free(prefix);
        return NULL;
    }
    return prefix;
}

/* The string all the fields have at that offset of SbFieldDef, or NULL. */
static const char *common_part(const GPtrArray *fields, gsize offset)
{
    const char *part = NULL;
    for (guint i = 0; i < fields->len; i++) {
        const char *p = G_STRUCT_MEMBER(const char *, fields->pdata[i], offset);
        if (p == NULL || (part && strcmp(part, p) != 0))
            return NULL;
        part = p;
    }
    return part;
}

/* A heading without its number: 单位情况 of 一、单位情况, 能力建设 of （一）能力建设. */
static char *without_number(const char *heading)
{
    const char *p = heading;
    if (g_str_has_prefix(p, "（"))
        p += strlen("（");
    const char *q = p;
    while (*q && g_utf8_strchr("一二三四五六七八九十", -1, g_utf8_get_char(q)))
        q = g_utf8_next_char(q);
    const char *text = q != p && (g_str_has_prefix(q, "、") || g_str_has_prefix(q, "）"))
                     ? q + strlen("、") : heading;   /* 、 and ） are both three bytes */
    char *title = g_strdup(text);
    if (g_str_has_suffix(title, "。"))   /* a heading that is a sentence: 能力建设方案。 */
        title[strlen(title) - strlen("。")] = '\0';
    return title;
}

/* A Chinese title for a map: the label its fields share, else the part of the form they
 * are all in, else the form's title. */
static char *map_title(const SbForm *form, const SbShape *s)
{
    GPtrArray *fields = g_ptr_array_new();
    collect_fields(s, fields);
    char *title = common_label(fields);
    static const gsize parts[] = {
        G_STRUCT_OFFSET(SbFieldDef, subsection), G_STRUCT_OFFSET(SbFieldDef, section),
        G_STRUCT_OFFSET(SbFieldDef, page),
    };
    for (guint i = 0; title == NULL && i < G_N_ELEMENTS(parts); i++) {
        const char *part = common_part(fields, parts[i]);
        if (part)
            title = without_number(part);
    }
    g_ptr_array_free(fields, TRUE);
    return title ? title : g_strdup(form->info.title ? form->info.title : "");
}

/* What a map holds, in words: its path and the titles of its members. */
static char *map_description(const SbForm *form, const SbShape *s)
{
    GString *d = g_string_new(NULL);
    char *path = s->path && *s->path ? g_strdup(s->path) : NULL;
    if (path)
        g_string_append_printf(d, "%s：", path);
    g_string_append(d, "包括");
    for (guint i = 0; i < s->children->len && i < 12; i++) {
        const SbShape *c = g_ptr_array_index(s->children, i);
        char *t = c->kind == SB_SHAPE_FIELD ? g_strdup(c->field ? c->field->label : c->key)
                : c->kind == SB_SHAPE_LIST && c->repeat && c->repeat->label ? g_strdup(c->repeat->label)
                : map_title(form, c);
        g_string_append_printf(d, "%s%s", i ? "、" : "", t);
        g_free(t);
    }
    if (s->children->len > 12)
        g_string_append(d, "等");
    g_free(path);
    return g_string_free(d, FALSE);
}

static void add_titles(JsonBuilder *b, const SbForm *form, const SbShape *s, const char *title)
{
    char *own = title ? NULL : map_title(form, s);
    add_string(b, "title", title ? title : own);
    char *description = map_description(form, s);
    add_string(b, "description", description);
    g_free(description);
    g_free(own);
}

/* The "properties" and "additionalProperties" of a map's schema.  No "required": the
 * keys of an absent part are as good as empty ones, and those may be. */
static void add_members(JsonBuilder *b, const SbForm *form, const SbShape *s, gboolean root)
{
    json_builder_set_member_name(b, "properties");
    json_builder_begin_object(b);
    if (root) {
        json_builder_set_member_name(b, "form");
        json_builder_begin_object(b);
        add_string(b, "title", "表单");
        add_string(b, "description", "数据所填的表单（shenbao list 列出全部表单）");
        add_string(b, "const", form->info.id ? form->info.id : "");
        json_builder_end_object(b);
    }
    for (guint i = 0; i < s->children->len; i++) {
        const SbShape *child = g_ptr_array_index(s->children, i);
        json_builder_set_member_name(b, child->key);
        add_node(b, form, child);
    }
    json_builder_end_object(b);
    json_builder_set_member_name(b, "additionalProperties");
    json_builder_add_boolean_value(b, FALSE);
}

static void add_map(JsonBuilder *b, const SbForm *form, const SbShape *s)
{
    json_builder_begin_object(b);
    add_titles(b, form, s, NULL);
    add_types(b, "object", NULL, TRUE);
    add_members(b, form, s, FALSE);
    json_builder_end_object(b);
}

static void add_list(JsonBuilder *b, const SbForm *form, const SbShape *s)
{
    const SbRepeatDef *r = s->repeat;
    const char *label = r && r->label ? r->label : NULL;
    char *own = label ? NULL : map_title(form, s);
    json_builder_begin_object(b);
    add_string(b, "title", label ? label : own);
    GString *d = g_string_new("列表，每项一个");
    if (r && r->min > 0)
        g_string_append_printf(d, "，至少 %d 项", r->min);
    if (r && r->max > 0)
        g_string_append_printf(d, "，最多 %d 项", r->max);
    add_string(b, "description", d->str);
    g_string_free(d, TRUE);
    add_types(b, "array", NULL, TRUE);
    if (r && r->min > 0)
        add_int(b, "minItems", r->min);
    if (r && r->max > 0)
        add_int(b, "maxItems", r->max);
    json_builder_set_member_name(b, "items");
    json_builder_begin_object(b);
    char *item = g_strdup_printf("%s（一项）", label ? label : own);
    add_titles(b, form, s, item);
    g_free(item);
    /* an empty item (null, or a map of nothing) is an error of `shenbao check` */
    add_types(b, "object", NULL, TRUE);
    add_members(b, form, s, FALSE);
    json_builder_end_object(b);
    json_builder_end_object(b);
    g_free(own);
}

static void add_node(JsonBuilder *b, const SbForm *form, const SbShape *s)
{
    switch (s->kind) {
    case SB_SHAPE_FIELD:
        if (s->field)
            add_field(b, form, s->field);
        else
            json_builder_add_boolean_value(b, TRUE);
        break;
    case SB_SHAPE_MAP:
        add_map(b, form, s);
        break;
    case SB_SHAPE_LIST:
        add_list(b, form, s);
        break;
    }
}

char *sb_form_json_schema(const SbForm *form)
{
    g_return_val_if_fail(form != NULL, NULL);
    const char *id = form->info.id ? form->info.id : "";
    SbShape *root = sb_shape_new(form);
    JsonBuilder *b = json_builder_new();

    json_builder_begin_object(b);
    add_string(b, "$schema", "https://json-schema.org/draft/2020-12/schema");
    char *uri = g_strconcat("urn:shenbao:form:", id, NULL);
    add_string(b, "$id", uri);
    g_free(uri);
    add_string(b, "title", form->info.title ? form->info.title : id);
    char *description = g_strdup_printf("%s的数据%s%s", form->info.title ? form->info.title : "",
                                        form->info.source ? "，" : "",
                                        form->info.source ? form->info.source : "");
    add_string(b, "description", description);
    g_free(description);
    add_types(b, "object", NULL, FALSE);
    add_members(b, form, root, TRUE);
    json_builder_end_object(b);

    JsonNode *tree = json_builder_get_root(b);
    JsonGenerator *gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    json_generator_set_root(gen, tree);
    char *text = json_generator_to_data(gen, NULL);

    g_object_unref(gen);
    json_node_unref(tree);
    g_object_unref(b);
    sb_shape_free(root);
    return text;
}
