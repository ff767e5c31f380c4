/* The data value tree. */
#include "value.h"

#include <string.h>

static void value_free_func(gpointer p)
{
    sb_value_free(p);
}

SbValue *sb_value_new(SbValueKind kind, int line, int col)
{
    SbValue *value = g_new0(SbValue, 1);
    value->kind = kind;
    value->line = line;
    value->col = col;
    if (kind == SB_VALUE_MAP)
        value->keys = g_ptr_array_new_with_free_func(value_free_func);
    if (kind == SB_VALUE_MAP || kind == SB_VALUE_LIST)
        value->items = g_ptr_array_new_with_free_func(value_free_func);
    return value;
}

SbValue *sb_value_new_scalar(SbValueKind kind, const char *text, int line, int col)
{
    g_return_val_if_fail(kind != SB_VALUE_MAP && kind != SB_VALUE_LIST, NULL);
    SbValue *value = sb_value_new(kind, line, col);
    value->text = g_strdup(text ? text : "");
    return value;
}

void sb_value_free(SbValue *value)
{
    if (!value)
        return;
    g_free(value->text);
    if (value->keys)
        g_ptr_array_unref(value->keys);
    if (value->items)
        g_ptr_array_unref(value->items);
    g_free(value);
}

SbValue *sb_value_copy(const SbValue *value)
{
    if (!value)
        return NULL;
    SbValue *copy = sb_value_new(value->kind, value->line, value->col);
    copy->text = g_strdup(value->text);
    copy->quoted = value->quoted;
    for (guint i = 0; value->keys && i < value->keys->len; i++)
        g_ptr_array_add(copy->keys, sb_value_copy(g_ptr_array_index(value->keys, i)));
    for (guint i = 0; value->items && i < value->items->len; i++)
        g_ptr_array_add(copy->items, sb_value_copy(g_ptr_array_index(value->items, i)));
    return copy;
}

void sb_value_map_set(SbValue *map, SbValue *key, SbValue *value)
{
    g_return_if_fail(map && map->kind == SB_VALUE_MAP);
    g_ptr_array_add(map->keys, key);
    g_ptr_array_add(map->items, value);
}

SbValue *sb_value_map_get(const SbValue *map, const char *key)
{
    if (!map || map->kind != SB_VALUE_MAP || !key)
        return NULL;
    for (guint i = 0; i < map->keys->len; i++) {
        const SbValue *k = g_ptr_array_index(map->keys, i);
        if (strcmp(k->text, key) == 0)
            return g_ptr_array_index(map->items, i);
    }
    return NULL;
}

SbValue *sb_value_lookup(const SbValue *root, const char *path)
{
    if (!root || !path)
        return NULL;
    char **parts = g_strsplit(path, ".", -1);
    const SbValue *value = root;
    for (guint i = 0; parts[i] && value; i++)
        value = sb_value_map_get(value, parts[i]);
    g_strfreev(parts);
    return (SbValue *)value;
}

guint sb_value_size(const SbValue *value)
{
    return value && value->items ? value->items->len : 0;
}

SbValue *sb_value_item(const SbValue *value, guint i)
{
    if (i >= sb_value_size(value))
        return NULL;
    return g_ptr_array_index(value->items, i);
}

const char *sb_value_key(const SbValue *map, guint i)
{
    if (!map || map->kind != SB_VALUE_MAP || i >= map->keys->len)
        return NULL;
    const SbValue *key = g_ptr_array_index(map->keys, i);
    return key->text;
}

const char *sb_value_kind_name(SbValueKind kind)
{
    switch (kind) {
    case SB_VALUE_NULL: return "null";
    case SB_VALUE_STRING: return "string";
    case SB_VALUE_NUMBER: return "number";
    case SB_VALUE_BOOL: return "boolean";
    case SB_VALUE_MAP: return "map";
    case SB_VALUE_LIST: return "list";
    }
    return "unknown";
}

const char *sb_value_kind_zh(SbValueKind kind)
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
