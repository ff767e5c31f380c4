/* Binding: the form's pages and blocks with the data merged in become the document tree.
 * Styles are in bind_style.c, tables in bind_table.c, inline content in bind_inline.c. */
#include "bind.h"
#include "data.h"

#include <string.h>

/* ---- seals ---- */

SbNode *sb_bind_seal(Binder *b, xmlNode *el, BindScope *scope, const SbNode *cell_style)
{
    SbNode *seal = sb_node_new(SB_NODE_SEAL);
    char *height = sb_xml_attr(el, "height");
    char *heading = sb_xml_attr(el, "heading");
    char *align = sb_xml_attr(el, "align");
    SbAlign lines = align && strcmp(align, "left") == 0 ? SB_ALIGN_LEFT : SB_ALIGN_RIGHT;
    seal->as.seal.height = height ? g_ascii_strtod(height, NULL) : 50;
    if (heading) {
        SbNode *h = sb_node_new(SB_NODE_BLOCK);
        h->as.block = cell_style->as.block;
        h->as.block.align = SB_ALIGN_LEFT;
        sb_node_append(h, sb_text_new(heading, FALSE));
        sb_node_append(seal, h);
        seal->as.seal.has_heading = TRUE;
    }
    for (xmlNode *l = el->children; l; l = l->next) {
        if (!sb_xml_is(l, "line"))
            continue;
        SbNode *p = sb_node_new(SB_NODE_BLOCK);
        p->as.block = cell_style->as.block;
        p->as.block.align = lines;
        sb_bind_inline(b, l, scope, p);
        sb_node_append(seal, p);
    }
    xmlFree(height), xmlFree(heading), xmlFree(align);
    return seal;
}

/* ---- repeats and groups ---- */

/* The items a repeat shows: one per item of its list; with none, `blank` empty ones in a
 * blank form and one in a filled form, so that the form's own rows and labels stay. */
static int repeat_count(const Binder *b, xmlNode *el, const SbValue *list)
{
    int blank = sb_xml_int_attr(el, "blank", 1);
    if (list && list->kind == SB_VALUE_LIST && list->items->len > 0)
        return (int)list->items->len;
    return b->blank ? blank : MIN(blank, 1);
}

/* The scope of item i of a repeat (prefix to be freed by the caller). */
static BindScope item_scope(const BindScope *scope, const SbValue *list, const char *path, int i)
{
    BindScope item = {NULL, NULL, i, 1, 1, (BindScope *)scope};
    if (list && list->kind == SB_VALUE_LIST && i < (int)list->items->len &&
        ((SbValue *)list->items->pdata[i])->kind == SB_VALUE_MAP)
        item.map = list->items->pdata[i];
    item.prefix = g_strdup_printf("%s%s.%d.", scope ? scope->prefix : "", path, i);
    return item;
}

/* The scope of a group's content (prefix to be freed by the caller). */
static BindScope group_scope(xmlNode *el, const BindScope *scope)
{
    char *path = sb_xml_attr(el, "path");
    const SbValue *v = sb_scope_lookup(scope, path);
    BindScope inner = *scope;
    inner.map = v && v->kind == SB_VALUE_MAP ? v : NULL;
    inner.prefix = g_strconcat(scope->prefix, path, ".", NULL);
    inner.parent = (BindScope *)scope;
    xmlFree(path);
    return inner;
}

static int repeat_rows(Binder *b, xmlNode *el, const BindScope *scope);

/* Table rows the children of `parent` make under `scope`, repeats and groups included. */
static int rows_in(Binder *b, xmlNode *parent, const BindScope *scope)
{
    int n = 0;
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (sb_xml_is(c, "row")) {
            n++;
        } else if (sb_xml_is(c, "repeat")) {
            n += repeat_rows(b, c, scope);
        } else if (sb_xml_is(c, "group")) {
            BindScope inner = group_scope(c, scope);
            n += rows_in(b, c, &inner);
            g_free(inner.prefix);
        }
    }
    return n;
}

static int repeat_rows(Binder *b, xmlNode *el, const BindScope *scope)
{
    char *path = sb_xml_attr(el, "path");
    const SbValue *list = sb_scope_lookup(scope, path);
    int n = 0, count = repeat_count(b, el, list);
    for (int i = 0; i < count; i++) {
        BindScope item = item_scope(scope, list, path, i);
        n += rows_in(b, el, &item);
        g_free(item.prefix);
    }
    xmlFree(path);
    return n;
}

/* Runs body once per item shown.  Each item knows the rows the whole repeat makes and
 * the rows it makes itself, for cells that span them (rowspan="all" and "item"). */
void sb_bind_repeat(Binder *b, xmlNode *el, BindScope *scope, RepeatBody body, gpointer target)
{
    char *path = sb_xml_attr(el, "path");
    const SbValue *list = sb_scope_lookup(scope, path);
    int count = repeat_count(b, el, list), span = repeat_rows(b, el, scope);
    for (int i = 0; i < count; i++) {
        BindScope item = item_scope(scope, list, path, i);
        item.span = span;
        item.item_span = rows_in(b, el, &item);
        for (xmlNode *c = el->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                body(b, c, &item, target);
        g_free(item.prefix);
    }
    xmlFree(path);
}

/* Runs body once over the group's children, under its path. */
void sb_bind_group(Binder *b, xmlNode *el, BindScope *scope, RepeatBody body, gpointer target)
{
    BindScope inner = group_scope(el, scope);
    for (xmlNode *c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            body(b, c, &inner, target);
    g_free(inner.prefix);
}

/* ---- pages and blocks ---- */

typedef struct {
    SbNode *doc;
    SbNode *page;
} PageState;

static void bind_block(Binder *b, xmlNode *el, BindScope *scope, gpointer target);

static gboolean is_run_in_heading(xmlNode *el)
{
    while (el && el->type != XML_ELEMENT_NODE)
        el = el->prev;
    if (!el || !sb_xml_is(el, "heading"))
        return FALSE;
    char *v = sb_xml_attr(el, "run-in");
    gboolean yes = v && strcmp(v, "true") == 0;
    xmlFree(v);
    return yes;
}

/* A run-in heading, "（一）项目目标。说明…": the heading block just added to the page
 * becomes the first runs of paragraph `p`, in the heading's font, and gives it its outline
 * level. */
static void run_in(PageState *ps, SbNode *p)
{
    SbNode *h = ps->page->last_child;
    if (!h || h->type != SB_NODE_BLOCK || !h->first_child)
        return;
    ps->page->last_child = h->prev;
    if (h->prev)
        h->prev->next = NULL;
    else
        ps->page->first_child = NULL;
    for (SbNode *n = h->first_child; n; n = n->next) {
        n->parent = p;
        if (n->type == SB_NODE_TEXT) {
            n->as.text.run_in = TRUE;
            n->as.text.font = h->as.block.font;
            n->as.text.bold = n->as.text.bold || h->as.block.bold;
        }
    }
    h->last_child->next = p->first_child;
    if (p->first_child)
        p->first_child->prev = h->last_child;
    else
        p->last_child = h->last_child;
    p->first_child = h->first_child;
    h->first_child = h->last_child = NULL;
    p->as.block.outline = h->as.block.outline;
    sb_node_free(h);
}

static void add_to_page(PageState *ps, SbNode *node)
{
    sb_node_append(ps->page, node);
}

static void new_page(PageState *ps)
{
    gboolean landscape = ps->page && ps->page->as.page.landscape;   /* a pagebreak keeps it */
    ps->page = sb_node_new(SB_NODE_PAGE);
    ps->page->as.page.landscape = landscape;
    sb_node_append(ps->doc, ps->page);
}

static void bind_block(Binder *b, xmlNode *el, BindScope *scope, gpointer target)
{
    PageState *ps = target;
    SbNode *styled = sb_bind_styled_block(el);
    if (styled) {
        sb_bind_inline(b, el, scope, styled);
        if (sb_xml_is(el, "p") && is_run_in_heading(el->prev))
            run_in(ps, styled);
        add_to_page(ps, styled);
    } else if (sb_xml_is(el, "table")) {
        add_to_page(ps, sb_bind_table(b, el, scope));
    } else if (sb_xml_is(el, "field")) {
        SbNode *style = sb_bind_body_style();
        add_to_page(ps, sb_bind_block_field(b, el, scope, style));
        sb_node_free(style);
    } else if (sb_xml_is(el, "seal")) {
        SbNode *style = sb_bind_body_style();
        add_to_page(ps, sb_bind_seal(b, el, scope, style));
        sb_node_free(style);
    } else if (sb_xml_is(el, "space")) {
        SbNode *sp = sb_node_new(SB_NODE_SPACE);
        char *h = sb_xml_attr(el, "height");
        sp->as.space.height = g_ascii_strtod(h, NULL);
        xmlFree(h);
        add_to_page(ps, sp);
    } else if (sb_xml_is(el, "pagebreak")) {
        new_page(ps);
    } else if (sb_xml_is(el, "repeat")) {
        sb_bind_repeat(b, el, scope, bind_block, ps);
    } else if (sb_xml_is(el, "group")) {
        sb_bind_group(b, el, scope, bind_block, ps);
    }
}

static char *xml_root_attr(const SbForm *form, const char *name)
{
    char *v = sb_xml_attr(xmlDocGetRootElement(form->doc), name);
    char *s = g_strdup(v);
    xmlFree(v);
    return s;
}

/* The date the PDF metadata carries: SOURCE_DATE_EPOCH when set, else a fixed date of the
 * form's edition, so the same input always gives the same bytes. */
static char *document_date(const SbForm *form)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        GDateTime *t = g_date_time_new_from_unix_utc(g_ascii_strtoll(epoch, NULL, 10));
        if (t) {
            char *s = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
            g_date_time_unref(t);
            return s;
        }
    }
    return g_strdup_printf("%.4s-01-01T00:00:00Z", form->info.edition);
}

static SbNode *new_document(const SbForm *form, const SbData *data)
{
    SbNode *doc = sb_node_new(SB_NODE_DOCUMENT);
    doc->as.document.title = g_strdup(form->info.title);
    doc->as.document.form_id = g_strdup(form->info.id);
    doc->as.document.edition = g_strdup(form->info.edition);
    doc->as.document.source = g_strdup(form->info.source);
    doc->as.document.issuer = xml_root_attr(form, "issuer");
    doc->as.document.date = document_date(form);
    const SbValue *name = data ? sb_value_lookup(data->root, "project.name") : NULL;
    if (name && name->text)
        doc->as.document.subject = g_strdup(name->text);
    return doc;
}

SbDocument *sb_bind(const SbForm *form, const SbData *data)
{
    Binder b = {form, data == NULL};
    BindScope root = {data ? data->root : NULL, "", -1, 1, 1, NULL};
    PageState ps = {new_document(form, data), NULL};
    for (xmlNode *pg = xmlDocGetRootElement(form->doc)->children; pg; pg = pg->next) {
        if (!sb_xml_is(pg, "page"))
            continue;
        new_page(&ps);
        char *orientation = sb_xml_attr(pg, "orientation");
        ps.page->as.page.landscape = orientation && strcmp(orientation, "landscape") == 0;
        xmlFree(orientation);
        for (xmlNode *el = pg->children; el; el = el->next)
            if (el->type == XML_ELEMENT_NODE)
                bind_block(&b, el, &root, &ps);
    }
    SbDocument *doc = g_new0(SbDocument, 1);
    doc->root = ps.doc;
    return doc;
}
