/* The document tree: allocation, linking, walking. */
#include "doc.h"
#include "data_load.h"

#include <string.h>

SbNode *sb_node_new(SbNodeType type)
{
    SbNode *n = g_new0(SbNode, 1);
    n->type = type;
    return n;
}

void sb_node_append(SbNode *parent, SbNode *child)
{
    child->parent = parent;
    child->prev = parent->last_child;
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
}

SbNode *sb_text_new(const char *text, gboolean bold)
{
    SbNode *n = sb_node_new(SB_NODE_TEXT);
    n->as.text.text = g_strdup(text);
    n->as.text.bold = bold;
    return n;
}

static void free_payload(SbNode *n)
{
    switch (n->type) {
    case SB_NODE_DOCUMENT:
        g_free(n->as.document.title);
        g_free(n->as.document.subject);
        g_free(n->as.document.form_id);
        g_free(n->as.document.edition);
        g_free(n->as.document.source);
        g_free(n->as.document.issuer);
        g_free(n->as.document.date);
        break;
    case SB_NODE_TABLE:
        g_free(n->as.table.widths);
        break;
    case SB_NODE_FIELD:
        g_free(n->as.field.path);
        g_free(n->as.field.label);
        g_free(n->as.field.placeholder);
        g_free(n->as.field.hint);
        break;
    case SB_NODE_TEXT:
        g_free(n->as.text.text);
        break;
    case SB_NODE_CHECKBOX:
        g_free(n->as.checkbox.path);
        g_free(n->as.checkbox.option);
        break;
    default:
        break;
    }
}

void sb_node_free(SbNode *node)
{
    SbNode *c = node->first_child;
    while (c) {
        SbNode *next = c->next;
        sb_node_free(c);
        c = next;
    }
    free_payload(node);
    g_free(node);
}

static gboolean has_children(const SbNode *n)
{
    return n->first_child != NULL || n->type < SB_NODE_TEXT;
}

void sb_node_walk(SbNode *root, SbVisitFunc visit, gpointer user_data)
{
    if (!visit(root, SB_EVENT_ENTER, user_data))
        return;
    for (SbNode *c = root->first_child; c; c = c->next)
        sb_node_walk(c, visit, user_data);
    if (has_children(root))
        visit(root, SB_EVENT_EXIT, user_data);
}

static void collect_text(const SbNode *n, GString *out)
{
    if (n->type == SB_NODE_TEXT)
        g_string_append(out, n->as.text.text);
    for (const SbNode *c = n->first_child; c; c = c->next)
        collect_text(c, out);
}

char *sb_node_text(const SbNode *node)
{
    GString *out = g_string_new(NULL);
    collect_text(node, out);
    return g_string_free(out, FALSE);
}

void sb_document_free(SbDocument *doc)
{
    if (!doc)
        return;
    sb_node_free(doc->root);
    g_free(doc);
}

static const struct { const char *name; double points; } sizes[] = {
    {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22}, {"小二", 18},
    {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
    {"六号", 7.5},
};

double sb_size_points(const char *name)
{
    if (!name)
        return 0;
    for (guint i = 0; i < G_N_ELEMENTS(sizes); i++)
        if (strcmp(sizes[i].name, name) == 0)
            return sizes[i].points;
    return g_ascii_strtod(name, NULL);
}

SbNode *sb_field_room_style(const SbNode *field)
{
    SbNode *p = sb_node_new(SB_NODE_BLOCK);
    const SbNode *cell = field->parent;
    p->as.block.kind = SB_BLOCK_BODY;
    p->as.block.font = SB_FONT_FANG;
    p->as.block.size = 16;
    if (cell && cell->type == SB_NODE_CELL && cell->parent && cell->parent->parent) {
        const SbNode *table = cell->parent->parent;
        p->as.block.kind = SB_BLOCK_CELL;
        p->as.block.font = table->as.table.font;
        p->as.block.size = table->as.table.size;
    }
    p->as.block.align = SB_ALIGN_JUSTIFY;
    p->as.block.indent = 2;
    return p;
}

/* ---- text XML can carry ---- */

static gboolean text_ok(const char *s)
{
    if (!s)
        return TRUE;
    if (!g_utf8_validate(s, -1, NULL))
        return FALSE;
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        if (!sb_text_char_allowed(g_utf8_get_char(p)))
            return FALSE;
    return TRUE;
}

static void check_strings(const char **bad, const char *const *strings, guint n)
{
    for (guint i = 0; i < n && !*bad; i++)
        if (!text_ok(strings[i]))
            *bad = strings[i];
}

static gboolean check_node(SbNode *n, SbEvent event, gpointer data)
{
    const char **bad = data;
    if (event != SB_EVENT_ENTER)
        return TRUE;
    if (n->type == SB_NODE_TEXT) {
        const char *s[] = {n->as.text.text};
        check_strings(bad, s, G_N_ELEMENTS(s));
    } else if (n->type == SB_NODE_FIELD) {
        const char *s[] = {n->as.field.path, n->as.field.label, n->as.field.placeholder, n->as.field.hint};
        check_strings(bad, s, G_N_ELEMENTS(s));
    } else if (n->type == SB_NODE_CHECKBOX) {
        const char *s[] = {n->as.checkbox.path, n->as.checkbox.option};
        check_strings(bad, s, G_N_ELEMENTS(s));
    } else if (n->type == SB_NODE_DOCUMENT) {
        const char *s[] = {n->as.document.title, n->as.document.subject, n->as.document.form_id,
                           n->as.document.issuer, n->as.document.source, n->as.document.date};
        check_strings(bad, s, G_N_ELEMENTS(s));
    }
    return *bad == NULL;
}

gboolean sb_document_check_text(const SbNode *root, GError **error)
{
    const char *bad = NULL;
    sb_node_walk((SbNode *)root, check_node, &bad);
    if (!bad)
        return TRUE;
    char *shown = g_utf8_make_valid(bad, 40);
    g_set_error(error, SHENBAO_ERROR, SB_ERROR_DATA,
                "text holds a character an XML document cannot carry: \"%s\"", shown);
    g_free(shown);
    return FALSE;
}
