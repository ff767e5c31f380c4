/* Binding inline content: text runs, fields, checkbox groups, counters, blanks. */
#include "bind.h"
#include "value_typed.h"

#include <libxml/tree.h>
#include <string.h>

char *sb_xml_attr(xmlNode *node, const char *name)
{
    return (char *)xmlGetProp(node, (const xmlChar *)name);
}

int sb_xml_int_attr(xmlNode *el, const char *name, int fallback)
{
    char *v = sb_xml_attr(el, name);
    int n = v ? atoi(v) : fallback;
    xmlFree(v);
    return n;
}

gboolean sb_xml_is(xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

const SbValue *sb_scope_lookup(const BindScope *scope, const char *path)
{
    if (!scope || !scope->map)
        return NULL;
    return sb_value_lookup(scope->map, path);
}

/* Template text is indented XML: white space that contains a line break is layout of the
 * file, not of the form, so it goes; other spaces (and U+3000) are kept. */
static char *fold_template_text(const char *text)
{
    GString *out = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        if (g_ascii_isspace(*p)) {
            const char *q = p;
            gboolean newline = FALSE;
            while (*q && g_ascii_isspace(*q))
                newline |= (*q++ == '\n');
            if (!newline)
                g_string_append_len(out, p, q - p);
            p = q;
        } else {
            g_string_append_c(out, *p++);
        }
    }
    return g_string_free(out, FALSE);
}

static void append_text(SbNode *parent, const char *text, gboolean bold)
{
    if (*text)
        sb_node_append(parent, sb_text_new(text, bold));
}

/* A value's text with its line breaks as BREAK nodes. */
static void append_value_text(SbNode *parent, const char *text)
{
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (i > 0)
            sb_node_append(parent, sb_node_new(SB_NODE_BREAK));
        g_strchomp(lines[i]);
        append_text(parent, lines[i], FALSE);
    }
    g_strfreev(lines);
}

static char *concrete_path(const BindScope *scope, const char *path)
{
    return g_strconcat(scope ? scope->prefix : "", path, NULL);
}

static gboolean value_is_empty(const SbValue *v)
{
    return !v || v->kind == SB_VALUE_NULL || v->kind == SB_VALUE_MAP || v->kind == SB_VALUE_LIST ||
           (v->text && *v->text == '\0');
}

static SbNode *new_field(xmlNode *el, BindScope *scope, const char *path_attr)
{
    SbNode *f = sb_node_new(SB_NODE_FIELD);
    char *path = sb_xml_attr(el, path_attr);
    char *label = sb_xml_attr(el, "label");
    char *placeholder = sb_xml_attr(el, "placeholder");
    char *width = sb_xml_attr(el, "width");
    char *lines = sb_xml_attr(el, "lines");
    f->as.field.path = concrete_path(scope, path);
    f->as.field.label = g_strdup(label);
    f->as.field.placeholder = g_strdup(placeholder);
    f->as.field.width = width ? g_ascii_strtod(width, NULL) : 0;
    f->as.field.lines = lines ? atoi(lines) : 0;
    xmlFree(path), xmlFree(label), xmlFree(placeholder), xmlFree(width), xmlFree(lines);
    return f;
}

static void bind_field(xmlNode *el, BindScope *scope, SbNode *block)
{
    SbNode *f = new_field(el, scope, "path");
    char *path = sb_xml_attr(el, "path");
    const SbValue *v = sb_scope_lookup(scope, path);
    xmlFree(path);
    f->as.field.empty = value_is_empty(v);
    if (!f->as.field.empty) {
        char *shown = sb_typed_shown(el, v->text);   /* a typed value in its official style */
        append_value_text(f, shown);
        g_free(shown);
    }
    sb_node_append(block, f);
}

static gboolean option_checked(const SbValue *v, const char *option)
{
    if (!v)
        return FALSE;
    if (v->kind == SB_VALUE_LIST) {
        for (guint i = 0; i < v->items->len; i++) {
            const SbValue *item = v->items->pdata[i];
            if (item->text && strcmp(item->text, option) == 0)
                return TRUE;
        }
        return FALSE;
    }
    return v->text && strcmp(v->text, option) == 0;
}

/* "其他" with an `other` field: its text follows the option in full-width brackets. */
static void bind_other(xmlNode *el, BindScope *scope, SbNode *block)
{
    char *other = sb_xml_attr(el, "other");
    if (!other)
        return;
    const SbValue *v = sb_scope_lookup(scope, other);
    if (!value_is_empty(v)) {
        SbNode *f = new_field(el, scope, "other");
        append_value_text(f, v->text);
        append_text(block, "（", FALSE);
        sb_node_append(block, f);
        append_text(block, "）", FALSE);
    }
    xmlFree(other);
}

static void bind_checks(xmlNode *el, BindScope *scope, SbNode *block)
{
    char *path = sb_xml_attr(el, "path");
    char *type = sb_xml_attr(el, "type");
    const SbValue *v = sb_scope_lookup(scope, path);
    gboolean first = TRUE;
    for (xmlNode *o = el->children; o; o = o->next) {
        if (!sb_xml_is(o, "option"))
            continue;
        char *label = (char *)xmlNodeGetContent(o);
        if (!first)
            append_text(block, "\u3000", FALSE);   /* an ideographic space between options */
        first = FALSE;
        SbNode *box = sb_node_new(SB_NODE_CHECKBOX);
        box->as.checkbox.path = concrete_path(scope, path);
        box->as.checkbox.option = g_strdup(label);
        box->as.checkbox.checked = option_checked(v, label);
        box->as.checkbox.multiple = type && strcmp(type, "many") == 0;
        sb_node_append(block, box);
        append_text(block, label, FALSE);
        xmlFree(label);
    }
    bind_other(el, scope, block);
    xmlFree(path);
    xmlFree(type);
}

static void bind_counter(BindScope *scope, SbNode *block)
{
    char *n = g_strdup_printf("%d", scope ? scope->index + 1 : 1);
    append_text(block, n, FALSE);
    g_free(n);
}

/* ---- computed values ---- */

/* A number as people write it (1,200, full-width digits): the one reading of value_typed.c. */
static gboolean parse_number(const SbValue *v, double *out)
{
    SbTyped t;
    if (!v || !v->text || v->kind == SB_VALUE_MAP || v->kind == SB_VALUE_LIST
        || sb_typed_read(SB_FIELD_DECIMAL, v->text, &t) != SB_TYPED_OK)
        return FALSE;
    *out = t.number;
    sb_typed_clear(&t);
    return TRUE;
}

/* The number an expression stands for: a field ("total"), the sum of a field over a
 * list's items ("clinical[].total"), or with count the number of items. */
static gboolean evaluate(const BindScope *scope, const char *expr, gboolean count, double *out)
{
    const char *mark = strstr(expr, "[]");
    char *list_path = mark ? g_strndup(expr, mark - expr) : g_strdup(expr);
    const SbValue *v = sb_scope_lookup(scope, list_path);
    gboolean ok = FALSE;
    if (count || mark) {
        ok = v && v->kind == SB_VALUE_LIST;
        *out = ok && count ? v->items->len : 0;
        const char *field = mark && mark[2] == '.' ? mark + 3 : NULL;
        for (guint i = 0; ok && !count && field && i < v->items->len; i++) {
            double x;
            if (parse_number(sb_value_lookup(v->items->pdata[i], field), &x))
                *out += x;
        }
    } else {
        ok = parse_number(v, out);
    }
    g_free(list_path);
    return ok;
}

static char *format_number(double x, int digits)
{
    if (digits < 0)
        digits = x == (double)(gint64)x ? 0 : 2;
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    char *format = g_strdup_printf("%%.%df", digits);
    g_ascii_formatd(buf, sizeof buf, format, x);
    g_free(format);
    return g_strdup(buf);
}

/* Nothing is shown until every operand is there: a blank form stays blank. */
static char *compute(xmlNode *el, const BindScope *scope)
{
    char *op = sb_xml_attr(el, "op"), *of = sb_xml_attr(el, "of"), *over = sb_xml_attr(el, "over");
    char *digits = sb_xml_attr(el, "digits");
    double a = 0, b = 0;
    char *text = NULL;
    if (strcmp(op, "percent") == 0) {
        if (over && evaluate(scope, of, FALSE, &a) && evaluate(scope, over, FALSE, &b) && b != 0) {
            char *n = format_number(100 * a / b, digits ? atoi(digits) : 1);
            text = g_strconcat(n, "%", NULL);
            g_free(n);
        }
    } else if (evaluate(scope, of, strcmp(op, "count") == 0, &a)) {
        text = format_number(a, digits ? atoi(digits) : -1);
    }
    xmlFree(op), xmlFree(of), xmlFree(over), xmlFree(digits);
    return text;
}

static void bind_compute(xmlNode *el, BindScope *scope, SbNode *block)
{
    char *text = compute(el, scope);
    if (text)
        append_text(block, text, FALSE);
    g_free(text);
}

static void bind_blank(xmlNode *el, SbNode *block)
{
    char *width = sb_xml_attr(el, "width");
    SbNode *gap = sb_node_new(SB_NODE_BLANK);
    gap->as.blank.width = width ? g_ascii_strtod(width, NULL) : 4;
    xmlFree(width);
    sb_node_append(block, gap);
}

static void bind_inline_node(Binder *b, xmlNode *n, BindScope *scope, SbNode *block)
{
    (void)b;
    if (n->type == XML_TEXT_NODE) {
        char *t = fold_template_text((const char *)n->content);
        append_text(block, t, FALSE);
        g_free(t);
    } else if (sb_xml_is(n, "field")) {
        bind_field(n, scope, block);
    } else if (sb_xml_is(n, "checks")) {
        bind_checks(n, scope, block);
    } else if (sb_xml_is(n, "counter")) {
        bind_counter(scope, block);
    } else if (sb_xml_is(n, "compute")) {
        bind_compute(n, scope, block);
    } else if (sb_xml_is(n, "br")) {
        sb_node_append(block, sb_node_new(SB_NODE_BREAK));
    } else if (sb_xml_is(n, "blank")) {
        bind_blank(n, block);
    } else if (sb_xml_is(n, "b")) {
        char *t = (char *)xmlNodeGetContent(n);
        char *folded = fold_template_text(t);
        append_text(block, folded, TRUE);
        g_free(folded);
        xmlFree(t);
    }
}

/* Leading and trailing spaces of a paragraph come from the XML's layout. */
static void trim_ends(SbNode *block)
{
    SbNode *first = block->first_child, *last = block->last_child;
    if (first && first->type == SB_NODE_TEXT)
        g_strchug(first->as.text.text);
    if (last && last->type == SB_NODE_TEXT)
        g_strchomp(last->as.text.text);
}

void sb_bind_inline(Binder *b, xmlNode *element, BindScope *scope, SbNode *block)
{
    for (xmlNode *n = element->children; n; n = n->next)
        bind_inline_node(b, n, scope, block);
    trim_ends(block);
}

static SbNode *copy_style(const SbNode *style)
{
    SbNode *p = sb_node_new(SB_NODE_BLOCK);
    p->as.block = style->as.block;
    p->as.block.outline = 0;
    p->as.block.keep_with_next = FALSE;
    return p;
}

/* Each non-empty line of the value is a paragraph: Chinese prose is not hard-wrapped,
 * so a line break in the data is the writer's paragraph break. */
SbNode *sb_bind_block_field(Binder *b, xmlNode *el, BindScope *scope, const SbNode *style)
{
    (void)b;
    SbNode *f = new_field(el, scope, "path");
    f->as.field.block = TRUE;
    char *path = sb_xml_attr(el, "path");
    const SbValue *v = sb_scope_lookup(scope, path);
    xmlFree(path);
    f->as.field.empty = value_is_empty(v);
    if (f->as.field.empty)
        return f;
    char **lines = g_strsplit(v->text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        g_strstrip(lines[i]);
        if (!*lines[i])
            continue;
        SbNode *p = copy_style(style);
        append_text(p, lines[i], FALSE);
        sb_node_append(f, p);
    }
    g_strfreev(lines);
    return f;
}
