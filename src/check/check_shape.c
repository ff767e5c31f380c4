/* The data's shape, and the walk of the data along it.
 *
 * The form's field paths describe the data's shape (SbShape): maps of keys, lists of
 * repeated items, fields.  The walk goes through the data and that shape side by side, in
 * the data's order, so every message lands on the line it is about: unknown keys, values
 * of the wrong kind, list counts, missing required fields, and each field's value. */
#include "check_internal.h"
#include "data_load.h"

#include <string.h>

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

/* ---- walking the data along the shape ---- */

typedef struct {
    const SbForm *form;
    const SbShape *root;
    SbDiagnostics *diags;
    gboolean fields;     /* check each field's value too, not just the shape */
    SbMissing *missing;  /* required fields not filled in */
    GPtrArray *maps;     /* SbValue*: where the walk is, from the root down: the key of each
                          * map it went into, each list item (a message goes to the last) */
    GString *item_key, *items_en, *items_zh;   /* the list items the walk is in */
} Walk;

static void walk_node(Walk *w, const SbShape *shape, const SbValue *value);
static void walk_members(Walk *w, const SbShape *s, const SbValue *map);

/* How a map or list is named: by its repeat's label where it has one, and its path. */
static char *shape_title(const SbShape *s, gboolean zh)
{
    char *path = sb_plain_path(s->path);
    char *title;
    if (s->kind == SB_SHAPE_LIST && s->repeat && s->repeat->label)
        title = g_strdup_printf(zh ? "%s（%s）" : "%s (%s)", s->repeat->label, path);
    else
        title = g_strdup_printf(zh ? "“%s”" : "'%s'", path);
    g_free(path);
    return title;
}

/* `name:光子` or `name：光子` under a key read as text, where a map was meant. */
static gboolean report_key_mistake(Walk *w, const SbValue *v)
{
    int col;
    char *en, *zh;
    if (v->kind != SB_VALUE_STRING || v->quoted
        || !sb_yaml_key_mistake(v->text, strlen(v->text), &col, &en, &zh))
        return FALSE;
    sb_diag_error(w->diags, v->line, v->col + col - 1, "%s%.0s", "%.0s%s", en, zh);
    g_free(en);
    g_free(zh);
    return TRUE;
}

static void report_kind(Walk *w, const SbShape *s, const SbValue *v)
{
    if (report_key_mistake(w, v))
        return;
    gboolean list = s->kind == SB_SHAPE_LIST;
    char *en = shape_title(s, FALSE), *zh = shape_title(s, TRUE);
    sb_check_report(w->diags, SB_ERROR, v,
                    g_strdup_printf("%s should be %s, not a %s", en,
                                    list ? "a list" : "a map of keys",
                                    sb_value_kind_name(v->kind)),
                    g_strdup_printf("%s应为%s，而不是%s", zh, list ? "列表" : "键值映射",
                                    sb_value_kind_zh(v->kind)));
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

static void add_missing(Walk *w, const char *section, const char *path, const char *label)
{
    SbMissingAt at = { w->maps, w->item_key->str, w->items_en->str, w->items_zh->str };
    sb_missing_add(w->missing, section, path, label, &at);
}

static void add_missing_field(Walk *w, const SbFieldDef *f)
{
    add_missing(w, f->section, f->path, f->label ? f->label : f->key);
}

/* The first field of a list's items, for the part of the form the list is in. */
static const SbFieldDef *first_field(const SbShape *s)
{
    if (s->kind == SB_SHAPE_FIELD)
        return s->field;
    for (guint i = 0; i < s->children->len; i++) {
        const SbFieldDef *f = first_field(g_ptr_array_index(s->children, i));
        if (f)
            return f;
    }
    return NULL;
}

/* A list with no items: missing like a field when the form needs some. */
static void report_no_items(Walk *w, const SbShape *s, const SbValue *at)
{
    const SbRepeatDef *r = s->repeat;
    if (r == NULL || r->min <= 0) {
        check_count(w, s, 0, at);
        return;
    }
    const SbFieldDef *f = first_field(s);
    char *label = g_strdup_printf("%s（至少 %d 项）", r->label ? r->label : s->key, r->min);
    add_missing(w, f ? f->section : NULL, r->path, label);
    g_free(label);
}

/* What an absent key leaves missing: its required fields, and its lists that need
 * items; all reported at the map that should have held it. */
static void report_absent(Walk *w, const SbShape *s, const SbValue *at)
{
    switch (s->kind) {
    case SB_SHAPE_FIELD:
        if (s->field && s->field->required)
            add_missing_field(w, s->field);
        break;
    case SB_SHAPE_LIST:
        report_no_items(w, s, at);
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

    const char *near = sb_nearest(key->text, known);
    if (near) {
        sb_diag_error(w->diags, key->line, key->col, "unknown key '%s'; did you mean '%s'?",
                      "未知的键“%s”，是否应为“%s”？", key->text, near);
    } else if (known->len > 0 && known->len <= 12) {
        char *all = sb_join_options(known, ", ");
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
    if (!sb_is_scalar(v) || id == NULL || strcmp(v->text, id) == 0)
        return;
    sb_diag_error(w->diags, v->line, v->col, "the data names the form '%s', not '%s'",
                  "数据所填的表单为“%s”，而不是“%s”", v->text, id);
}

static void walk_map(Walk *w, const SbShape *s, const SbValue *map)
{
    if (map->kind != SB_VALUE_MAP && map->kind != SB_VALUE_NULL) {
        report_kind(w, s, map);
        return;
    }
    if (map->kind == SB_VALUE_NULL)   /* `lead_enterprise:` with nothing under it: an empty map */
        report_absent(w, s, map);
    else
        walk_members(w, s, map);
}

static void walk_members(Walk *w, const SbShape *s, const SbValue *map)
{
    for (guint i = 0; i < s->children->len; i++) {
        const SbShape *child = g_ptr_array_index(s->children, i);
        if (sb_value_map_get(map, child->key) == NULL)
            report_absent(w, child, map);
    }
    for (guint i = 0; i < sb_value_size(map); i++) {
        const SbValue *key = g_ptr_array_index(map->keys, i);
        const SbValue *value = sb_value_item(map, i);
        const SbShape *child = sb_shape_child(s, key->text);
        if (child) {
            g_ptr_array_add(w->maps, (gpointer) key);
            walk_node(w, child, value);
            g_ptr_array_set_size(w->maps, w->maps->len - 1);
        }
        else if (s == w->root && strcmp(key->text, "form") == 0)
            check_form_key(w, value);
        else
            report_unknown_key(w, s, key);
    }
}

/* A list item with nothing in it would print as an empty numbered row. */
static void report_empty_item(Walk *w, const SbShape *s, const SbValue *item, guint i)
{
    char *en = shape_title(s, FALSE), *zh = shape_title(s, TRUE);
    sb_check_report(w->diags, SB_ERROR, item,
                    g_strdup_printf("item %u of %s is empty: fill it in or remove it", i + 1, en),
                    g_strdup_printf("%s的第 %u 项是空的：请填写，或删去这一项", zh, i + 1));
    g_free(en);
    g_free(zh);
}

/* The walk inside item i of a list knows it is there, for the missing fields it finds. */
static void walk_item(Walk *w, const SbShape *s, const SbValue *item, guint i)
{
    gsize key_len = w->item_key->len, en_len = w->items_en->len, zh_len = w->items_zh->len;
    const char *label = s->repeat && s->repeat->label ? s->repeat->label : s->key;
    g_string_append_printf(w->item_key, "%s%s#%u", key_len ? "/" : "", s->path, i);
    g_string_append_printf(w->items_en, "%s%s no. %u", en_len ? ", " : "", label, i + 1);
    g_string_append_printf(w->items_zh, "%s%s第 %u 项", zh_len ? "，" : "", label, i + 1);
    g_ptr_array_add(w->maps, (gpointer) item);
    walk_map(w, s, item);
    g_ptr_array_set_size(w->maps, w->maps->len - 1);
    g_string_truncate(w->item_key, key_len);
    g_string_truncate(w->items_en, en_len);
    g_string_truncate(w->items_zh, zh_len);
}

static void walk_list(Walk *w, const SbShape *s, const SbValue *list)
{
    if (list->kind == SB_VALUE_NULL || (list->kind == SB_VALUE_LIST && sb_value_size(list) == 0)) {
        report_no_items(w, s, list);   /* at the list's key */
        return;
    }
    if (list->kind != SB_VALUE_LIST) {
        report_kind(w, s, list);
        return;
    }
    check_count(w, s, sb_value_size(list), list);
    for (guint i = 0; i < sb_value_size(list); i++) {
        const SbValue *item = sb_value_item(list, i);
        /* the items a form needs are places to fill in: what they lack is missing */
        gboolean needed = s->repeat && i < (guint) s->repeat->min;
        if ((item->kind == SB_VALUE_MAP || item->kind == SB_VALUE_NULL)
            && !sb_rule_has_content(item) && !needed) {
            report_empty_item(w, s, item, i);
        } else if (item->kind == SB_VALUE_MAP || item->kind == SB_VALUE_NULL) {
            walk_item(w, s, item, i);
        } else {
            char *en = shape_title(s, FALSE), *zh = shape_title(s, TRUE);
            sb_check_report(w->diags, SB_ERROR, item,
                            g_strdup_printf("each item of %s should be a map of keys, not a %s",
                                            en, sb_value_kind_name(item->kind)),
                            g_strdup_printf("%s的每一项应为键值映射，而不是%s", zh,
                                            sb_value_kind_zh(item->kind)));
            g_free(en);
            g_free(zh);
        }
    }
}

/* Nothing filled in: blank, or for a set nothing ticked. */
static gboolean is_unfilled(const SbFieldDef *f, const SbValue *v)
{
    if (f->type == SB_FIELD_SET && v->kind == SB_VALUE_LIST)
        return sb_value_size(v) == 0;
    return sb_is_blank(v);
}

static void walk_node(Walk *w, const SbShape *s, const SbValue *value)
{
    switch (s->kind) {
    case SB_SHAPE_FIELD:
        if (s->field && s->field->required && is_unfilled(s->field, value))
            add_missing_field(w, s->field);
        else if (w->fields)
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

void sb_check_walk(const SbForm *form, const SbValue *root, SbDiagnostics *diags,
                   gboolean fields)
{
    if (root == NULL)
        return;
    SbShape *shape = sb_shape_new(form);
    Walk w = { form, shape, diags, fields, sb_missing_new(), g_ptr_array_new(),
               g_string_new(NULL), g_string_new(NULL), g_string_new(NULL) };
    if (root->kind == SB_VALUE_MAP) {
        g_ptr_array_add(w.maps, (gpointer) root);
        walk_map(&w, shape, root);
        sb_missing_report(w.missing, diags, root);
    } else
        sb_diag_error(diags, root->line, root->col,
                      "the data should be a map of keys, starting with form: %s",
                      "数据应为键值映射，以 form: %s 开头",
                      form->info.id ? form->info.id : "");
    sb_missing_free(w.missing);
    g_ptr_array_unref(w.maps);
    g_string_free(w.item_key, TRUE);
    g_string_free(w.items_en, TRUE);
    g_string_free(w.items_zh, TRUE);
    sb_shape_free(shape);
}

void sb_check_shape(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    sb_check_walk(form, root, diags, FALSE);
}
