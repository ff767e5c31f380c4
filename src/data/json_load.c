/* JSON into a value tree.
 *
 * Two passes.  The scanner (json_scan.c) first checks the text against the JSON grammar
 * and the limits, and records where every value and key starts; json-glib then parses
 * and decodes it, seeing only valid JSON within the limits.
 *
 * json-glib keeps no positions, so the tree is built by walking json-glib's nodes and the
 * scanner's tokens side by side: both list values in document order.  Keys come from
 * the parser's "object-member" signal, which also sees the keys a duplicate replaced. */
#include "data_load.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "json_scan.h"

static SbValueKind kind_at(const char *p)
{
    switch (*p) {
    case '{': return SB_VALUE_MAP;
    case '[': return SB_VALUE_LIST;
    case '"': return SB_VALUE_STRING;
    case 't': case 'f': return SB_VALUE_BOOL;
    case 'n': return SB_VALUE_NULL;
    default: return SB_VALUE_NUMBER;
    }
}

static gboolean check_root(const char *text, const GArray *tokens, SbDiagnostics *diags)
{
    const SbJsonToken *root = &g_array_index(tokens, SbJsonToken, 0);
    const char *p = text + root->offset;
    if (*p == '{')
        return TRUE;
    sb_diag_error(diags, root->line, root->col,
                  "the top level must be a map of keys and values, not a %s%.0s",
                  "顶层必须是“键: 值”的映射，不能是%.0s%s", sb_value_kind_name(kind_at(p)),
                  sb_value_kind_zh(kind_at(p)));
    return FALSE;
}

/* ---- json-glib, and the walk that joins its nodes to the tokens ---- */

typedef struct {
    const char *text;
    const SbJsonToken *tokens;
    guint n_tokens;
    GHashTable *names;   /* JsonObject* → GPtrArray of its keys, in file order */
    SbDiagnostics *diags;
} Walk;

static void on_object_member(JsonParser *parser, JsonObject *object, const char *name,
                             gpointer data)
{
    (void)parser;
    GHashTable *names = data;
    GPtrArray *keys = g_hash_table_lookup(names, object);
    if (!keys) {
        keys = g_ptr_array_new_with_free_func(g_free);
        /* Held so that an object a duplicate key frees can't lend its address to a
         * later one. */
        g_hash_table_insert(names, json_object_ref(object), keys);
    }
    g_ptr_array_add(keys, g_strdup(name));
}

static const SbJsonToken *token(const Walk *w, guint index)
{
    return index < w->n_tokens ? &w->tokens[index] : NULL;
}

static void report_mismatch(const Walk *w)
{
    sb_diag_error(w->diags, 0, 0, "JSON parser disagreement (internal error)",
                  "JSON 解析结果不一致（内部错误）");
}

static SbValue *build(const Walk *w, JsonNode *node, guint index);

/* Checks the keys of an object before its values are read: json-glib kept only the
 * last of two equal keys, so the walk would not line up with the tokens. */
static gboolean check_keys(const Walk *w, const GPtrArray *keys, guint index)
{
    GHashTable *first = g_hash_table_new(g_str_hash, g_str_equal);
    guint k = index + 1;
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < keys->len; i++) {
        const SbJsonToken *key = token(w, k), *value = token(w, k + 1);
        if (!key || !value) {
            report_mismatch(w);
            ok = FALSE;
            break;
        }
        const char *name = g_ptr_array_index(keys, i);
        const SbJsonToken *earlier = g_hash_table_lookup(first, name);
        if (earlier) {
            sb_diag_error(w->diags, key->line, key->col,
                          "duplicate key '%s' (first at line %d)",
                          "重复的键“%s”（首次出现在第 %d 行）", name, earlier->line);
            ok = FALSE;
        }
        g_hash_table_insert(first, (gpointer)name, (gpointer)key);
        k = value->next;
    }
    g_hash_table_destroy(first);
    return ok;
}

static SbValue *build_object(const Walk *w, JsonObject *object, guint index)
{
    const SbJsonToken *t = token(w, index);
    SbValue *map = sb_value_new(SB_VALUE_MAP, t->line, t->col);
    const GPtrArray *keys = g_hash_table_lookup(w->names, object);
    if (!keys)
        return map;
    if (!check_keys(w, keys, index)) {
        sb_value_free(map);
        return NULL;
    }
    guint k = index + 1;
    for (guint i = 0; i < keys->len; i++) {
        const char *name = g_ptr_array_index(keys, i);
        const SbJsonToken *key_token = token(w, k);
        JsonNode *member = json_object_get_member(object, name);
        SbValue *value = member ? build(w, member, k + 1) : NULL;
        if (!value) {
            if (!member)
                report_mismatch(w);
            sb_value_free(map);
            return NULL;
        }
        SbValue *key = sb_value_new_scalar(SB_VALUE_STRING, name, key_token->line,
                                           key_token->col);
        sb_value_map_set(map, key, value);
        k = token(w, k + 1)->next;
    }
    return map;
}

static SbValue *build_array(const Walk *w, JsonArray *array, guint index)
{
    const SbJsonToken *t = token(w, index);
    SbValue *list = sb_value_new(SB_VALUE_LIST, t->line, t->col);
    guint k = index + 1;
    for (guint i = 0; i < json_array_get_length(array); i++) {
        SbValue *item = token(w, k) ? build(w, json_array_get_element(array, i), k) : NULL;
        if (!item) {
            if (!token(w, k))
                report_mismatch(w);
            sb_value_free(list);
            return NULL;
        }
        g_ptr_array_add(list->items, item);
        k = token(w, k)->next;
    }
    return list;
}

static SbValue *build_scalar(const Walk *w, JsonNode *node, const SbJsonToken *t)
{
    GType type = json_node_get_value_type(node);
    if (type == G_TYPE_STRING) {
        SbValue *string = sb_value_new_scalar(SB_VALUE_STRING, json_node_get_string(node),
                                              t->line, t->col);
        string->quoted = TRUE;
        return string;
    }
    /* Numbers and booleans keep the text as written: "1.50" stays "1.50". */
    char *text = g_strndup(w->text + t->offset, t->length);
    SbValueKind kind = type == G_TYPE_BOOLEAN ? SB_VALUE_BOOL : SB_VALUE_NUMBER;
    SbValue *value = sb_value_new_scalar(kind, text, t->line, t->col);
    g_free(text);
    return value;
}

static SbValue *build(const Walk *w, JsonNode *node, guint index)
{
    const SbJsonToken *t = token(w, index);
    if (!t) {
        report_mismatch(w);
        return NULL;
    }
    switch (JSON_NODE_TYPE(node)) {
    case JSON_NODE_OBJECT: return build_object(w, json_node_get_object(node), index);
    case JSON_NODE_ARRAY: return build_array(w, json_node_get_array(node), index);
    case JSON_NODE_VALUE: return build_scalar(w, node, t);
    case JSON_NODE_NULL: return sb_value_new_scalar(SB_VALUE_NULL, "null", t->line, t->col);
    }
    report_mismatch(w);
    return NULL;
}

static void report_parser_error(SbDiagnostics *diags, const GError *error)
{
    /* json-glib's messages start with "<data>:line:col: ". */
    int line = 0, col = 0, used = 0;
    const char *message = error->message;
    if (sscanf(message, "<data>:%d:%d: %n", &line, &col, &used) == 2 && used > 0)
        message += used;
    else
        line = col = 0;
    sb_diag_error(diags, line, col, "JSON syntax error: %s", "JSON 语法错误：%s", message);
}

static SbValue *parse(const char *text, gsize len, const GArray *tokens, SbDiagnostics *diags)
{
    GHashTable *names = g_hash_table_new_full(g_direct_hash, g_direct_equal,
                                              (GDestroyNotify)json_object_unref,
                                              (GDestroyNotify)g_ptr_array_unref);
    JsonParser *parser = json_parser_new();
    g_signal_connect(parser, "object-member", G_CALLBACK(on_object_member), names);

    SbValue *root = NULL;
    GError *error = NULL;
    if (json_parser_load_from_data(parser, text, (gssize)len, &error)) {
        Walk w = { text, (const SbJsonToken *)(void *)tokens->data, tokens->len, names,
                   diags };
        root = build(&w, json_parser_get_root(parser), 0);
    } else {
        report_parser_error(diags, error);
        g_error_free(error);
    }
    g_object_unref(parser);
    g_hash_table_destroy(names);
    return root;
}

SbValue *sb_json_load(const char *text, gsize len, SbDiagnostics *diags)
{
    if (!sb_text_check_chars(text, len, diags))
        return NULL;
    /* RFC 8259 lets a parser ignore a byte order mark; json-glib would choke on it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    GArray *tokens = sb_json_scan(text, len, diags);
    if (tokens == NULL)
        return NULL;
    SbValue *root = check_root(text, tokens, diags) ? parse(text, len, tokens, diags) : NULL;
    g_array_free(tokens, TRUE);
    return root;
}
