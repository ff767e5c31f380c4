/* YAML into a value tree, from libyaml's event stream.
 *
 * Aliases are expanded by copying the anchored subtree.  Each anchor remembers how many
 * values its subtree holds and how deep it goes, so an alias that would pass the node
 * or depth limit is refused before anything is copied: an alias bomb fails at once
 * instead of after filling memory. */
#include "data_load.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define TAG_STR "tag:yaml.org,2002:str"

typedef struct {
    const SbValue *value;   /* inside the tree being built */
    guint nodes;            /* values in the subtree, keys included */
    int height;             /* levels of containers, 0 for a scalar */
} Anchor;

typedef struct {
    yaml_parser_t parser;
    const char *text;
    gsize len;
    SbDiagnostics *diags;
    GHashTable *anchors;    /* name → Anchor* */
    guint nodes;            /* values created so far */
    int deepest;            /* deepest container level reached so far */
} Loader;

static int line_of(const yaml_mark_t *mark) { return (int)mark->line + 1; }
static int col_of(const yaml_mark_t *mark) { return (int)mark->column + 1; }

/* The first line up to `last` that shows a mistake of writing keys, reported in plain
 * words: the cause of most syntax errors of a file written by hand, and seldom on the
 * line libyaml stops at. */
static gboolean report_key_mistake(Loader *l, int last)
{
    const char *p = l->text, *end = l->text + l->len;
    for (int line = 1; p < end && line <= last; line++) {
        const char *eol = memchr(p, '\n', end - p);
        gsize n = eol ? (gsize) (eol - p) : (gsize) (end - p);
        int col;
        char *en, *zh;
        if (sb_yaml_key_mistake(p, n, &col, &en, &zh)) {
            sb_diag_error(l->diags, line, col, "YAML syntax error: %s%.0s", "YAML 语法错误：%.0s%s", en, zh);
            g_free(en);
            g_free(zh);
            return TRUE;
        }
        p = eol ? eol + 1 : end;
    }
    return FALSE;
}

static void report_syntax(Loader *l)
{
    const yaml_parser_t *p = &l->parser;
    const char *problem = p->problem ? p->problem : "unknown problem";
    int line, col;
    if (p->error == YAML_MEMORY_ERROR) {
        sb_diag_error(l->diags, 0, 0, "out of memory while reading YAML",
                      "读取 YAML 时内存不足");
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        /* The reader knows only the byte offset. */
        sb_text_position(l->text, l->len, p->problem_offset, &line, &col);
    } else {
        line = line_of(&p->problem_mark);
        col = col_of(&p->problem_mark);
    }
    const char *en, *zh;
    if (p->error != YAML_READER_ERROR && report_key_mistake(l, line))
        return;
    if (sb_yaml_plain_problem(p->problem, &en, &zh))
        sb_diag_error(l->diags, line, col, "YAML syntax error: %s%.0s", "YAML 语法错误：%.0s%s", en, zh);
    else if (p->context)
        sb_diag_error(l->diags, line, col, "YAML syntax error: %s (%s at line %d)",
                      "YAML 语法错误：%s（%s，第 %d 行）", problem, p->context,
                      line_of(&p->context_mark));
    else
        sb_diag_error(l->diags, line, col, "YAML syntax error: %s", "YAML 语法错误：%s",
                      problem);
}

static gboolean next_event(Loader *l, yaml_event_t *event)
{
    if (yaml_parser_parse(&l->parser, event))
        return TRUE;
    report_syntax(l);
    return FALSE;
}

static void report_too_many(Loader *l, int line, int col)
{
    sb_diag_error(l->diags, line, col, "too many values (more than %d)", "值太多（超过 %d 个）",
                  SB_DATA_MAX_NODES);
}

static void report_too_deep(Loader *l, int line, int col)
{
    sb_diag_error(l->diags, line, col, "nesting is too deep (more than %d levels)",
                  "嵌套过深（超过 %d 层）", SB_DATA_MAX_DEPTH);
}

/* libyaml's parser already enforces the grammar; this guards the loader's assumptions. */
static void report_unexpected(Loader *l, const yaml_event_t *event)
{
    sb_diag_error(l->diags, line_of(&event->start_mark), col_of(&event->start_mark),
                  "YAML syntax error: unexpected event %d", "YAML 语法错误：意外的事件 %d",
                  (int)event->type);
}

static gboolean count_node(Loader *l, int line, int col)
{
    if (l->nodes >= SB_DATA_MAX_NODES) {
        report_too_many(l, line, col);
        return FALSE;
    }
    l->nodes++;
    return TRUE;
}

static gboolean is_one_of(const char *text, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(text, *words) == 0)
            return TRUE;
    return FALSE;
}

/* JSON's number syntax with an optional sign in front: "0123" and "1_000" stay text. */
static gboolean is_number(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    if (*s == '0')
        s++;
    else if (g_ascii_isdigit(*s))
        while (g_ascii_isdigit(*s))
            s++;
    else
        return FALSE;
    if (*s == '.') {
        s++;
        if (!g_ascii_isdigit(*s))
            return FALSE;
        while (g_ascii_isdigit(*s))
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+')
            s++;
        if (!g_ascii_isdigit(*s))
            return FALSE;
        while (g_ascii_isdigit(*s))
            s++;
    }
    return *s == '\0';
}

static SbValueKind plain_kind(const char *text)
{
    static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
    static const char *const bools[] = { "true", "True", "TRUE",
                                         "false", "False", "FALSE", NULL };
    if (is_one_of(text, nulls))
        return SB_VALUE_NULL;
    if (is_one_of(text, bools))
        return SB_VALUE_BOOL;
    return is_number(text) ? SB_VALUE_NUMBER : SB_VALUE_STRING;
}

static SbValueKind scalar_kind(const yaml_event_t *event)
{
    const char *tag = (const char *)event->data.scalar.tag;
    if (event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return SB_VALUE_STRING;
    /* "!!str 123" and "! 123" ask for text. */
    if (tag && (strcmp(tag, TAG_STR) == 0 || strcmp(tag, "!") == 0))
        return SB_VALUE_STRING;
    return plain_kind((const char *)event->data.scalar.value);
}

static SbValue *load_scalar(Loader *l, const yaml_event_t *event)
{
    int line = line_of(&event->start_mark), col = col_of(&event->start_mark);
    const char *text = (const char *)event->data.scalar.value;
    /* Only double-quoted escapes can make characters the raw-text check didn't see. */
    if (event->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
        && !sb_text_check_scalar(text, event->data.scalar.length, line, col, l->diags))
        return NULL;
    if (!count_node(l, line, col))
        return NULL;
    SbValue *value = sb_value_new_scalar(scalar_kind(event), text, line, col);
    value->quoted = event->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE
                 || event->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    return value;
}

static SbValue *load_node(Loader *l, yaml_event_t *event, int depth);

static SbValue *load_sequence(Loader *l, const yaml_event_t *start, int depth)
{
    SbValue *list = sb_value_new(SB_VALUE_LIST, line_of(&start->start_mark),
                                 col_of(&start->start_mark));
    for (;;) {
        yaml_event_t event;
        if (!next_event(l, &event))
            break;
        if (event.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&event);
            return list;
        }
        SbValue *item = load_node(l, &event, depth + 1);
        if (!item)
            break;
        g_ptr_array_add(list->items, item);
    }
    sb_value_free(list);
    return NULL;
}

static SbValue *load_key(Loader *l, yaml_event_t *event, int depth)
{
    int line = line_of(&event->start_mark), col = col_of(&event->start_mark);
    SbValue *key = load_node(l, event, depth);
    if (!key)
        return NULL;
    if (key->kind == SB_VALUE_MAP || key->kind == SB_VALUE_LIST) {
        sb_diag_error(l->diags, line, col, "a key must be a plain value, not a %s%.0s",
                      "键必须是简单的值，不能是%.0s%s", sb_value_kind_name(key->kind),
                      sb_value_kind_zh(key->kind));
        sb_value_free(key);
        return NULL;
    }
    /* "1:" or "true:" name a field all the same. */
    key->kind = SB_VALUE_STRING;
    return key;
}

static gboolean check_duplicate(Loader *l, GHashTable *seen, const SbValue *key)
{
    const SbValue *first = g_hash_table_lookup(seen, key->text);
    if (first) {
        sb_diag_error(l->diags, key->line, key->col, "duplicate key '%s' (first at line %d)",
                      "重复的键“%s”（首次出现在第 %d 行）", key->text, first->line);
        return FALSE;
    }
    g_hash_table_insert(seen, key->text, (gpointer)key);
    return TRUE;
}

/* One key and its value; FALSE at the end of the mapping or on an error (*failed). */
static gboolean load_member(Loader *l, SbValue *map, GHashTable *seen, int depth,
                            gboolean *failed)
{
    yaml_event_t event;
    *failed = TRUE;
    if (!next_event(l, &event))
        return FALSE;
    if (event.type == YAML_MAPPING_END_EVENT) {
        yaml_event_delete(&event);
        *failed = FALSE;
        return FALSE;
    }
    SbValue *key = load_key(l, &event, depth + 1);
    if (!key)
        return FALSE;
    if (!check_duplicate(l, seen, key)) {
        sb_value_free(key);
        return FALSE;
    }
    SbValue *value = NULL;
    if (next_event(l, &event))
        value = load_node(l, &event, depth + 1);
    /* The key joins the map even without a value: `seen` points into it. */
    sb_value_map_set(map, key, value);
    return value != NULL;
}

static SbValue *load_mapping(Loader *l, const yaml_event_t *start, int depth)
{
    SbValue *map = sb_value_new(SB_VALUE_MAP, line_of(&start->start_mark),
                                col_of(&start->start_mark));
    /* A hash keeps the duplicate check linear for maps with many keys. */
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    gboolean failed = FALSE;
    while (load_member(l, map, seen, depth, &failed))
        ;
    g_hash_table_destroy(seen);
    if (failed) {
        sb_value_free(map);
        return NULL;
    }
    return map;
}

static SbValue *load_alias(Loader *l, const yaml_event_t *event, int depth)
{
    int line = line_of(&event->start_mark), col = col_of(&event->start_mark);
    const char *name = (const char *)event->data.alias.anchor;
    const Anchor *anchor = g_hash_table_lookup(l->anchors, name);
    if (!anchor) {
        sb_diag_error(l->diags, line, col, "unknown anchor '%s'", "未定义的锚点“%s”", name);
        return NULL;
    }
    if (anchor->height > 0 && depth + anchor->height - 1 > SB_DATA_MAX_DEPTH) {
        report_too_deep(l, line, col);
        return NULL;
    }
    if (anchor->nodes > SB_DATA_MAX_NODES - l->nodes) {
        sb_diag_error(l->diags, line, col, "too many values (YAML alias expansion?)",
                      "值太多（YAML 别名展开？）");
        return NULL;
    }
    l->nodes += anchor->nodes;
    if (anchor->height > 0)
        l->deepest = MAX(l->deepest, depth + anchor->height - 1);
    /* Inner values keep the positions of their text; the copy itself sits at the alias. */
    SbValue *copy = sb_value_copy(anchor->value);
    copy->line = line;
    copy->col = col;
    return copy;
}

static const char *anchor_of(const yaml_event_t *event)
{
    switch (event->type) {
    case YAML_SCALAR_EVENT: return (const char *)event->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT: return (const char *)event->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT: return (const char *)event->data.mapping_start.anchor;
    default: return NULL;
    }
}

static gboolean is_container_start(const yaml_event_t *event)
{
    return event->type == YAML_SEQUENCE_START_EVENT || event->type == YAML_MAPPING_START_EVENT;
}

static SbValue *load_any(Loader *l, const yaml_event_t *event, int depth)
{
    int line = line_of(&event->start_mark), col = col_of(&event->start_mark);
    if (is_container_start(event)) {
        if (depth > SB_DATA_MAX_DEPTH) {
            report_too_deep(l, line, col);
            return NULL;
        }
        if (!count_node(l, line, col))
            return NULL;
        l->deepest = MAX(l->deepest, depth);
    }
    switch (event->type) {
    case YAML_ALIAS_EVENT: return load_alias(l, event, depth);
    case YAML_SCALAR_EVENT: return load_scalar(l, event);
    case YAML_SEQUENCE_START_EVENT: return load_sequence(l, event, depth);
    case YAML_MAPPING_START_EVENT: return load_mapping(l, event, depth);
    default:
        report_unexpected(l, event);
        return NULL;
    }
}

/* Loads the node that `event` starts, at container level `depth`; deletes the event. */
static SbValue *load_node(Loader *l, yaml_event_t *event, int depth)
{
    char *anchor_name = g_strdup(anchor_of(event));
    guint nodes_before = l->nodes;
    int deepest_before = l->deepest;
    l->deepest = depth - 1;

    SbValue *value = load_any(l, event, depth);
    yaml_event_delete(event);

    if (value && anchor_name) {
        Anchor *anchor = g_new(Anchor, 1);
        anchor->value = value;
        anchor->nodes = l->nodes - nodes_before;
        anchor->height = l->deepest - (depth - 1);
        /* A later anchor of the same name takes over, as YAML says. */
        g_hash_table_replace(l->anchors, anchor_name, anchor);
        anchor_name = NULL;
    }
    g_free(anchor_name);
    l->deepest = MAX(l->deepest, deepest_before);
    return value;
}

static gboolean expect(Loader *l, yaml_event_type_t type)
{
    yaml_event_t event;
    if (!next_event(l, &event))
        return FALSE;
    gboolean ok = event.type == type;
    if (!ok)
        report_unexpected(l, &event);
    yaml_event_delete(&event);
    return ok;
}

static SbValue *load_document(Loader *l)
{
    yaml_event_t event;
    if (!next_event(l, &event))
        return NULL;
    if (event.type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&event);
        sb_diag_error(l->diags, 1, 1, "the file holds no data", "文件中没有数据");
        return NULL;
    }
    if (event.type != YAML_DOCUMENT_START_EVENT) {
        report_unexpected(l, &event);
        yaml_event_delete(&event);
        return NULL;
    }
    yaml_event_delete(&event);
    if (!next_event(l, &event))
        return NULL;
    SbValue *root = load_node(l, &event, 1);
    if (root && !expect(l, YAML_DOCUMENT_END_EVENT)) {
        sb_value_free(root);
        return NULL;
    }
    return root;
}

static gboolean check_single_document(Loader *l)
{
    yaml_event_t event;
    if (!next_event(l, &event))
        return FALSE;
    gboolean single = event.type == YAML_STREAM_END_EVENT;
    if (!single)
        sb_diag_error(l->diags, line_of(&event.start_mark), col_of(&event.start_mark),
                      "more than one YAML document in the file", "文件中有多个 YAML 文档");
    yaml_event_delete(&event);
    return single;
}

static gboolean check_root(Loader *l, const SbValue *root)
{
    if (root->kind == SB_VALUE_MAP)
        return TRUE;
    /* `form：miit-2025-application` reads as one string */
    if (root->kind == SB_VALUE_STRING && report_key_mistake(l, G_MAXINT))
        return FALSE;
    sb_diag_error(l->diags, root->line, root->col,
                  "the top level must be a map of keys and values, not a %s%.0s",
                  "顶层必须是“键: 值”的映射，不能是%.0s%s", sb_value_kind_name(root->kind),
                  sb_value_kind_zh(root->kind));
    return FALSE;
}

static void free_anchor(gpointer p)
{
    g_free(p);
}

SbValue *sb_yaml_load(const char *text, gsize len, SbDiagnostics *diags)
{
    if (!sb_text_check_chars(text, len, diags))
        return NULL;
    Loader l = { .text = text, .len = len, .diags = diags };
    if (!yaml_parser_initialize(&l.parser)) {
        sb_diag_error(diags, 0, 0, "out of memory while reading YAML", "读取 YAML 时内存不足");
        return NULL;
    }
    yaml_parser_set_input_string(&l.parser, (const unsigned char *)text, len);
    l.anchors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_anchor);

    SbValue *root = NULL;
    if (expect(&l, YAML_STREAM_START_EVENT))
        root = load_document(&l);
    if (root && (!check_single_document(&l) || !check_root(&l, root))) {
        sb_value_free(root);
        root = NULL;
    }

    g_hash_table_destroy(l.anchors);
    yaml_parser_delete(&l.parser);
    return root;
}
