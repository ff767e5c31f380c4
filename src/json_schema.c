/* A JSON Schema (draft 2020-12) of a form's data, for editors that complete and check
 * YAML or JSON as it is typed.  It says what the checks say where JSON Schema can say it:
 * keys, kinds, character limits, counts, options, and the patterns of sb_field_pattern.
 * Check digits, real dates and the documents' rules stay with `shenbao check`.
 *
 * Nulls are allowed wherever the checks take an empty value as "not filled in". */
#include "check.h"

#include <json-glib/json-glib.h>

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
    if (nullable)
        json_builder_add_null_value(b);
    json_builder_end_array(b);
}

static gboolean is_number_type(SbFieldType type)
{
    return type == SB_FIELD_INTEGER || type == SB_FIELD_DECIMAL || type == SB_FIELD_PERCENT
        || type == SB_FIELD_MONEY || type == SB_FIELD_YEAR;
}

/* Numbers may be written as numbers or, as YAML and forms often have them, as text
 * ("35%"); the bounds apply to the former and the pattern to the latter. */
static void add_scalar_kind(JsonBuilder *b, const SbFieldDef *f)
{
    gboolean nullable = !f->required;
    if (is_number_type(f->type)) {
        gboolean whole = f->type == SB_FIELD_INTEGER || f->type == SB_FIELD_YEAR;
        add_types(b, whole ? "integer" : "number", "string", nullable);
        double lo = f->has_min ? f->min_value : 0, hi = f->has_max ? f->max_value : 100;
        if (f->has_min || f->type == SB_FIELD_PERCENT)
            add_double(b, "minimum", lo);
        if (f->has_max || f->type == SB_FIELD_PERCENT)
            add_double(b, "maximum", hi);
    } else {
        add_types(b, "string", NULL, nullable);
        if (f->required)
            add_int(b, "minLength", 1);
    }
    const char *pattern = sb_field_pattern(f->type);
    if (pattern)
        add_string(b, "pattern", pattern);
    int limit = f->max_chars > 0 ? f->max_chars : f->advised_chars;
    if (limit > 0)
        add_int(b, "maxLength", limit);
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
        add_types(b, "array", NULL, !f->required);
        if (f->required)
            add_int(b, "minItems", 1);
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
        add_enum(b, options, !f->required);
    } else {
        add_scalar_kind(b, f);
    }
    json_builder_end_object(b);
}

static void add_node(JsonBuilder *b, const SbForm *form, const SbShape *s);

/* The "properties", "required" and "additionalProperties" of a map's schema. */
static void add_members(JsonBuilder *b, const SbForm *form, const SbShape *s, gboolean root)
{
    json_builder_set_member_name(b, "properties");
    json_builder_begin_object(b);
    if (root) {
        json_builder_set_member_name(b, "form");
        json_builder_begin_object(b);
        add_string(b, "title", "表单");
        add_string(b, "const", form->info.id ? form->info.id : "");
        json_builder_end_object(b);
    }
    for (guint i = 0; i < s->children->len; i++) {
        const SbShape *child = g_ptr_array_index(s->children, i);
        json_builder_set_member_name(b, child->key);
        add_node(b, form, child);
    }
    json_builder_end_object(b);

    gboolean any = FALSE;
    for (guint i = 0; i < s->children->len; i++) {
        const SbShape *child = g_ptr_array_index(s->children, i);
        if (!sb_shape_has_required(child))
            continue;
        if (!any) {
            json_builder_set_member_name(b, "required");
            json_builder_begin_array(b);
            any = TRUE;
        }
        json_builder_add_string_value(b, child->key);
    }
    if (any)
        json_builder_end_array(b);

    json_builder_set_member_name(b, "additionalProperties");
    json_builder_add_boolean_value(b, FALSE);
}

static void add_map(JsonBuilder *b, const SbForm *form, const SbShape *s)
{
    json_builder_begin_object(b);
    add_types(b, "object", NULL, !sb_shape_has_required(s));
    add_members(b, form, s, FALSE);
    json_builder_end_object(b);
}

static void add_list(JsonBuilder *b, const SbForm *form, const SbShape *s)
{
    const SbRepeatDef *r = s->repeat;
    json_builder_begin_object(b);
    if (r && r->label)
        add_string(b, "title", r->label);
    add_types(b, "array", NULL, !(r && r->min > 0));
    if (r && r->min > 0)
        add_int(b, "minItems", r->min);
    if (r && r->max > 0)
        add_int(b, "maxItems", r->max);
    json_builder_set_member_name(b, "items");
    json_builder_begin_object(b);
    add_types(b, "object", NULL, FALSE);
    add_members(b, form, s, FALSE);
    json_builder_end_object(b);
    json_builder_end_object(b);
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
    if (form->info.title)
        add_string(b, "title", form->info.title);
    if (form->info.source)
        add_string(b, "description", form->info.source);
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
