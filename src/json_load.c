/* JSON into a value tree.
 *
 * Two passes.  A scanner first checks the text against the JSON grammar (RFC 8259) and
 * records where every value and key starts; json-glib then parses and decodes it.
 * The scanner is strict on purpose: json-glib 1.6 accepts comments, single quotes, hex
 * numbers and text after the data, truncates strings at \u0000, turns a lone surrogate
 * into invalid UTF-8, and recurses once per nesting level (a deep file overflows the
 * stack).  With the scanner in front, json-glib only sees valid JSON within the limits.
 *
 * json-glib keeps no positions, so the tree is built by walking json-glib's nodes and the
 * scanner's tokens side by side: both list values in document order.  Keys come from
 * the parser's "object-member" signal, which also sees the keys a duplicate replaced. */
#include "data_load.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* Where a value or key starts; tokens are in document order. */
typedef struct {
    int line, col;
    gsize offset, length;   /* the token's text, for numbers */
    guint next;             /* the token after this value and everything inside it */
} Token;

typedef struct {
    const char *text, *p, *end;
    int line, col;
    SbDiagnostics *diags;
    GArray *tokens;
} Scanner;

#define syntax_error(s, en, zh, ...)                                                   \
    sb_diag_error((s)->diags, (s)->line, (s)->col, "JSON syntax error: " en,           \
                  "JSON 语法错误：" zh, ##__VA_ARGS__)

/* ---- the scanner ---- */

static void step(Scanner *s)
{
    char c = *s->p;
    if (c == '\n' || (c == '\r' && (s->p + 1 >= s->end || s->p[1] != '\n'))) {
        s->line++;
        s->col = 1;
    } else {
        s->col++;
    }
    s->p += MAX(1, g_utf8_skip[(guchar)c]);
    if (s->p > s->end)
        s->p = s->end;
}

static void skip_space(Scanner *s)
{
    while (s->p < s->end && *s->p && strchr(" \t\r\n", *s->p))
        step(s);
}

static gboolean at(const Scanner *s, char c)
{
    return s->p < s->end && *s->p == c;
}

static void report_unexpected(Scanner *s)
{
    if (s->p >= s->end) {
        syntax_error(s, "unexpected end of the file", "文件意外结束");
        return;
    }
    gunichar c = g_utf8_get_char_validated(s->p, s->end - s->p);
    char shown[16] = "";
    if (c > 0x10FFFF)
        g_snprintf(shown, sizeof shown, "0x%02X", (guint)(guchar)*s->p);
    else if (g_unichar_iscntrl(c))
        g_snprintf(shown, sizeof shown, "U+%04X", c);
    else
        g_unichar_to_utf8(c, shown);
    syntax_error(s, "unexpected character '%s'", "意外的字符“%s”", shown);
}

static gboolean expect(Scanner *s, char c)
{
    if (!at(s, c)) {
        report_unexpected(s);
        return FALSE;
    }
    step(s);
    return TRUE;
}

static guint add_token(Scanner *s)
{
    if (s->tokens->len >= SB_DATA_MAX_NODES) {
        sb_diag_error(s->diags, s->line, s->col, "too many values (more than %d)",
                      "值太多（超过 %d 个）", SB_DATA_MAX_NODES);
        return G_MAXUINT;
    }
    Token t = { s->line, s->col, (gsize)(s->p - s->text), 0, 0 };
    g_array_append_val(s->tokens, t);
    return s->tokens->len - 1;
}

static void end_token(Scanner *s, guint index)
{
    Token *t = &g_array_index(s->tokens, Token, index);
    t->length = (gsize)(s->p - s->text) - t->offset;
    t->next = s->tokens->len;
}

static int read_hex4(const Scanner *s, const char *p)
{
    if (s->end - p < 4)
        return -1;
    int value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = g_ascii_xdigit_value(p[i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

/* \uXXXX, with the scanner on the 'u'; a high surrogate must have its low half next. */
static gboolean scan_unicode_escape(Scanner *s, int line, int col)
{
    int unit = read_hex4(s, s->p + 1);
    if (unit < 0) {
        syntax_error(s, "invalid \\u escape", "无效的 \\u 转义");
        return FALSE;
    }
    gunichar c = (gunichar)unit;
    gsize used = 5;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
        int low = s->end - s->p >= 7 && s->p[5] == '\\' && s->p[6] == 'u'
                      ? read_hex4(s, s->p + 7) : -1;
        if (low >= 0xDC00 && low <= 0xDFFF) {
            c = 0x10000 + (((gunichar)unit - 0xD800) << 10) + ((gunichar)low - 0xDC00);
            used = 11;
        }
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
        sb_diag_error(s->diags, line, col, "JSON syntax error: unpaired surrogate \\u%04X",
                      "JSON 语法错误：不成对的代理项 \\u%04X", (guint)unit);
        return FALSE;
    }
    if (!sb_text_char_allowed(c)) {
        sb_diag_error(s->diags, line, col, "control character U+%04X is not allowed",
                      "不允许的控制字符 U+%04X", c);
        return FALSE;
    }
    for (gsize i = 0; i < used; i++)
        step(s);
    return TRUE;
}

/* An escape, with the scanner on the backslash. */
static gboolean scan_escape(Scanner *s)
{
    int line = s->line, col = s->col;
    step(s);
    if (s->p >= s->end)
        return TRUE;   /* the caller reports the unterminated string */
    char c = *s->p;
    if (c == 'u')
        return scan_unicode_escape(s, line, col);
    if (c == 'b' || c == 'f') {
        sb_diag_error(s->diags, line, col, "control character U+%04X is not allowed",
                      "不允许的控制字符 U+%04X", c == 'b' ? 8u : 12u);
        return FALSE;
    }
    if (c == '\0' || !strchr("\"\\/nrt", c)) {
        s->line = line;
        s->col = col;
        syntax_error(s, "invalid escape '\\%c'", "无效的转义“\\%c”", c);
        return FALSE;
    }
    step(s);
    return TRUE;
}

static gboolean scan_string(Scanner *s)
{
    int line = s->line, col = s->col;
    step(s);
    for (;;) {
        if (s->p >= s->end) {
            sb_diag_error(s->diags, line, col, "JSON syntax error: unterminated string",
                          "JSON 语法错误：字符串没有结束");
            return FALSE;
        }
        guchar c = (guchar)*s->p;
        if (c == '"') {
            step(s);
            return TRUE;
        }
        if (c < 0x20) {
            syntax_error(s, "control character U+%04X must be escaped in a string",
                         "字符串中的控制字符 U+%04X 必须转义", (guint)c);
            return FALSE;
        }
        if (c == '\\') {
            if (!scan_escape(s))
                return FALSE;
        } else {
            step(s);
        }
    }
}

static void skip_digits(Scanner *s)
{
    while (s->p < s->end && g_ascii_isdigit(*s->p))
        step(s);
}

static gboolean digit_here(const Scanner *s)
{
    return s->p < s->end && g_ascii_isdigit(*s->p);
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static gboolean number_syntax(Scanner *s)
{
    if (at(s, '-'))
        step(s);
    if (at(s, '0'))
        step(s);
    else if (digit_here(s))
        skip_digits(s);
    else
        return FALSE;
    if (at(s, '.')) {
        step(s);
        if (!digit_here(s))
            return FALSE;
        skip_digits(s);
    }
    if (at(s, 'e') || at(s, 'E')) {
        step(s);
        if (at(s, '+') || at(s, '-'))
            step(s);
        if (!digit_here(s))
            return FALSE;
        skip_digits(s);
    }
    /* "01" or "1.2.3" would otherwise fail later with a less helpful message. */
    return s->p >= s->end || !(g_ascii_isalnum(*s->p) || (*s->p && strchr(".+-", *s->p)));
}

static gboolean scan_number(Scanner *s)
{
    int line = s->line, col = s->col;
    if (number_syntax(s))
        return TRUE;
    sb_diag_error(s->diags, line, col, "JSON syntax error: invalid number",
                  "JSON 语法错误：无效的数字");
    return FALSE;
}

static gboolean scan_word(Scanner *s)
{
    static const char *const words[] = { "true", "false", "null" };
    for (guint i = 0; i < G_N_ELEMENTS(words); i++) {
        gsize n = strlen(words[i]);
        if ((gsize)(s->end - s->p) >= n && memcmp(s->p, words[i], n) == 0) {
            for (gsize j = 0; j < n; j++)
                step(s);
            return TRUE;
        }
    }
    report_unexpected(s);
    return FALSE;
}

static gboolean scan_value(Scanner *s, int depth);

static gboolean check_depth(Scanner *s, int depth)
{
    if (depth <= SB_DATA_MAX_DEPTH)
        return TRUE;
    sb_diag_error(s->diags, s->line, s->col, "nesting is too deep (more than %d levels)",
                  "嵌套过深（超过 %d 层）", SB_DATA_MAX_DEPTH);
    return FALSE;
}

static gboolean scan_member(Scanner *s, int depth)
{
    skip_space(s);
    if (!at(s, '"')) {
        if (s->p >= s->end)
            report_unexpected(s);
        else
            syntax_error(s, "expected a key in double quotes", "应为双引号括起的键");
        return FALSE;
    }
    guint key = add_token(s);
    if (key == G_MAXUINT || !scan_string(s))
        return FALSE;
    end_token(s, key);
    skip_space(s);
    return expect(s, ':') && scan_value(s, depth + 1);
}

static gboolean scan_object(Scanner *s, int depth)
{
    if (!check_depth(s, depth))
        return FALSE;
    step(s);
    skip_space(s);
    if (at(s, '}')) {
        step(s);
        return TRUE;
    }
    for (;;) {
        if (!scan_member(s, depth))
            return FALSE;
        skip_space(s);
        if (at(s, '}')) {
            step(s);
            return TRUE;
        }
        if (!expect(s, ','))
            return FALSE;
    }
}

static gboolean scan_array(Scanner *s, int depth)
{
    if (!check_depth(s, depth))
        return FALSE;
    step(s);
    skip_space(s);
    if (at(s, ']')) {
        step(s);
        return TRUE;
    }
    for (;;) {
        if (!scan_value(s, depth + 1))
            return FALSE;
        skip_space(s);
        if (at(s, ']')) {
            step(s);
            return TRUE;
        }
        if (!expect(s, ','))
            return FALSE;
    }
}

/* A value at container level `depth` (the top-level value is at 1). */
static gboolean scan_value(Scanner *s, int depth)
{
    skip_space(s);
    if (s->p >= s->end) {
        report_unexpected(s);
        return FALSE;
    }
    guint index = add_token(s);
    if (index == G_MAXUINT)
        return FALSE;
    gboolean ok;
    char c = *s->p;
    if (c == '{')
        ok = scan_object(s, depth);
    else if (c == '[')
        ok = scan_array(s, depth);
    else if (c == '"')
        ok = scan_string(s);
    else if (c == '-' || g_ascii_isdigit(c))
        ok = scan_number(s);
    else
        ok = scan_word(s);
    if (ok)
        end_token(s, index);
    return ok;
}

static gboolean scan_document(Scanner *s)
{
    skip_space(s);
    if (s->p >= s->end) {
        sb_diag_error(s->diags, 1, 1, "the file holds no data", "文件中没有数据");
        return FALSE;
    }
    if (!scan_value(s, 1))
        return FALSE;
    skip_space(s);
    if (s->p < s->end) {
        syntax_error(s, "unexpected text after the end of the data", "数据结束后还有多余的内容");
        return FALSE;
    }
    return TRUE;
}

static const char *kind_at(const char *p)
{
    switch (*p) {
    case '{': return sb_value_kind_name(SB_VALUE_MAP);
    case '[': return sb_value_kind_name(SB_VALUE_LIST);
    case '"': return sb_value_kind_name(SB_VALUE_STRING);
    case 't': case 'f': return sb_value_kind_name(SB_VALUE_BOOL);
    case 'n': return sb_value_kind_name(SB_VALUE_NULL);
    default: return sb_value_kind_name(SB_VALUE_NUMBER);
    }
}

static gboolean check_root(Scanner *s)
{
    const Token *root = &g_array_index(s->tokens, Token, 0);
    const char *p = s->text + root->offset;
    if (*p == '{')
        return TRUE;
    sb_diag_error(s->diags, root->line, root->col,
                  "the top level must be a map of keys and values, not a %s",
                  "顶层必须是“键: 值”的映射，不能是 %s", kind_at(p));
    return FALSE;
}

/* ---- json-glib, and the walk that joins its nodes to the tokens ---- */

typedef struct {
    const char *text;
    const Token *tokens;
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

static const Token *token(const Walk *w, guint index)
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
        const Token *key = token(w, k), *value = token(w, k + 1);
        if (!key || !value) {
            report_mismatch(w);
            ok = FALSE;
            break;
        }
        const char *name = g_ptr_array_index(keys, i);
        const Token *earlier = g_hash_table_lookup(first, name);
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
    const Token *t = token(w, index);
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
        const Token *key_token = token(w, k);
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
    const Token *t = token(w, index);
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

static SbValue *build_scalar(const Walk *w, JsonNode *node, const Token *t)
{
    GType type = json_node_get_value_type(node);
    if (type == G_TYPE_STRING)
        return sb_value_new_scalar(SB_VALUE_STRING, json_node_get_string(node), t->line,
                                   t->col);
    /* Numbers and booleans keep the text as written: "1.50" stays "1.50". */
    char *text = g_strndup(w->text + t->offset, t->length);
    SbValueKind kind = type == G_TYPE_BOOLEAN ? SB_VALUE_BOOL : SB_VALUE_NUMBER;
    SbValue *value = sb_value_new_scalar(kind, text, t->line, t->col);
    g_free(text);
    return value;
}

static SbValue *build(const Walk *w, JsonNode *node, guint index)
{
    const Token *t = token(w, index);
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

static SbValue *parse(const char *text, gsize len, const Scanner *s, SbDiagnostics *diags)
{
    GHashTable *names = g_hash_table_new_full(g_direct_hash, g_direct_equal,
                                              (GDestroyNotify)json_object_unref,
                                              (GDestroyNotify)g_ptr_array_unref);
    JsonParser *parser = json_parser_new();
    g_signal_connect(parser, "object-member", G_CALLBACK(on_object_member), names);

    SbValue *root = NULL;
    GError *error = NULL;
    if (json_parser_load_from_data(parser, text, (gssize)len, &error)) {
        Walk w = { text, (const Token *)(void *)s->tokens->data, s->tokens->len, names,
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
    Scanner s = { text, text, text + len, 1, 1, diags, g_array_new(FALSE, FALSE, sizeof(Token)) };
    SbValue *root = NULL;
    if (scan_document(&s) && check_root(&s))
        root = parse(text, len, &s, diags);
    g_array_free(s.tokens, TRUE);
    return root;
}
