/* Binding blocks: pages, titles, headings, paragraphs, tables, repeats, seals.
 * Styles by element follow GB/T 9704: annex label 三号黑体, title 二号小标宋, headings
 * 一、黑体 （一）楷体 1.仿宋, body 三号仿宋 with a two-character indent. */
#include "bind.h"
#include "data.h"

#include <string.h>

typedef struct {
    SbBlockKind kind;
    SbFontRole font;
    double size;
    SbAlign align;
    double indent;
    int outline;
    gboolean keep_with_next;
    double space_before, space_after;
} BlockStyle;

static const struct { const char *element; BlockStyle style; } block_styles[] = {
    {"annex", {SB_BLOCK_ANNEX, SB_FONT_HEI, 16, SB_ALIGN_LEFT, 0, 0, TRUE, 0, 14}},
    {"title", {SB_BLOCK_TITLE, SB_FONT_TITLE, 22, SB_ALIGN_CENTER, 0, 1, TRUE, 12, 18}},
    {"subtitle", {SB_BLOCK_SUBTITLE, SB_FONT_KAI, 16, SB_ALIGN_CENTER, 0, 0, TRUE, 0, 12}},
    {"p", {SB_BLOCK_BODY, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, 0, FALSE, 0, 0}},
    {"note", {SB_BLOCK_NOTE, SB_FONT_FANG, 12, SB_ALIGN_JUSTIFY, 0, 0, FALSE, 3, 3}},
};

static const BlockStyle heading_styles[] = {
    {SB_BLOCK_HEADING1, SB_FONT_HEI, 16, SB_ALIGN_LEFT, 2, 2, TRUE, 6, 0},
    {SB_BLOCK_HEADING2, SB_FONT_KAI, 16, SB_ALIGN_LEFT, 2, 3, TRUE, 3, 0},
    {SB_BLOCK_HEADING3, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, 0, TRUE, 0, 0},
};

static SbNode *block_from_style(const BlockStyle *s)
{
    SbNode *p = sb_node_new(SB_NODE_BLOCK);
    p->as.block.kind = s->kind;
    p->as.block.font = s->font;
    p->as.block.size = s->size;
    p->as.block.align = s->align;
    p->as.block.indent = s->indent;
    p->as.block.outline = s->outline;
    p->as.block.keep_with_next = s->keep_with_next;
    p->as.block.space_before = s->space_before;
    p->as.block.space_after = s->space_after;
    return p;
}

static const char *const role_names[] = {"song", "fang", "hei", "kai", "title"};

static gboolean parse_role(const char *name, SbFontRole *role)
{
    for (guint i = 0; name && i < G_N_ELEMENTS(role_names); i++)
        if (strcmp(name, role_names[i]) == 0) {
            *role = (SbFontRole)i;
            return TRUE;
        }
    return FALSE;
}

static gboolean parse_align(const char *name, SbAlign *align)
{
    static const char *const names[] = {"left", "center", "right", "justify"};
    for (guint i = 0; name && i < G_N_ELEMENTS(names); i++)
        if (strcmp(name, names[i]) == 0) {
            *align = (SbAlign)i;
            return TRUE;
        }
    return FALSE;
}

/* role, size, align, indent, bold and outline attributes override the defaults. */
static void apply_attrs(xmlNode *el, SbNode *p)
{
    char *v;
    if ((v = sb_xml_attr(el, "role")))
        parse_role(v, &p->as.block.font), xmlFree(v);
    if ((v = sb_xml_attr(el, "size")))
        p->as.block.size = sb_size_points(v), xmlFree(v);
    if ((v = sb_xml_attr(el, "align")))
        parse_align(v, &p->as.block.align), xmlFree(v);
    if ((v = sb_xml_attr(el, "indent")))
        p->as.block.indent = g_ascii_strtod(v, NULL), xmlFree(v);
    if ((v = sb_xml_attr(el, "bold")))
        p->as.block.bold = strcmp(v, "true") == 0, xmlFree(v);
    if ((v = sb_xml_attr(el, "outline")))
        p->as.block.outline = strcmp(v, "false") == 0 ? 0 : p->as.block.outline, xmlFree(v);
    if ((v = sb_xml_attr(el, "space-before")))
        p->as.block.space_before = g_ascii_strtod(v, NULL) * 72 / 25.4, xmlFree(v);
}

static SbNode *bind_paragraph(Binder *b, xmlNode *el, BindScope *scope, const BlockStyle *s)
{
    SbNode *p = block_from_style(s);
    apply_attrs(el, p);
    sb_bind_inline(b, el, scope, p);
    return p;
}

static const BlockStyle *style_for(xmlNode *el)
{
    if (sb_xml_is(el, "heading")) {
        char *level = sb_xml_attr(el, "level");
        int i = CLAMP(atoi(level), 1, 3) - 1;
        xmlFree(level);
        return &heading_styles[i];
    }
    for (guint i = 0; i < G_N_ELEMENTS(block_styles); i++)
        if (sb_xml_is(el, block_styles[i].element))
            return &block_styles[i].style;
    return NULL;
}

/* ---- seals ---- */

static SbNode *bind_seal(Binder *b, xmlNode *el, BindScope *scope, const SbNode *cell_style)
{
    SbNode *seal = sb_node_new(SB_NODE_SEAL);
    char *height = sb_xml_attr(el, "height");
    char *heading = sb_xml_attr(el, "heading");
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
        p->as.block.align = SB_ALIGN_LEFT;
        sb_bind_inline(b, l, scope, p);
        sb_node_append(seal, p);
    }
    xmlFree(height), xmlFree(heading);
    return seal;
}

/* ---- tables ---- */

typedef struct {
    SbNode *table;
    int *busy;        /* per grid column: rows still covered by a row span above */
    SbNode *style;    /* a BLOCK holding the table's text style */
    int rows;         /* rows bound so far: the first header_rows are the header */
} TableState;

static gboolean has_field(xmlNode *el)
{
    for (xmlNode *c = el->children; c; c = c->next)
        if (sb_xml_is(c, "field") || sb_xml_is(c, "checks") || has_field(c))
            return TRUE;
    return FALSE;
}

/* A field with lines of room is a block of paragraphs (推广应用内容); any other field in a
 * cell is inline, part of the cell's one paragraph. */
static gboolean is_block_field(xmlNode *el)
{
    return sb_xml_is(el, "field") && xmlHasProp(el, (const xmlChar *)"lines");
}

static gboolean has_block_children(xmlNode *el)
{
    for (xmlNode *c = el->children; c; c = c->next)
        if (sb_xml_is(c, "p") || sb_xml_is(c, "note") || sb_xml_is(c, "seal") || is_block_field(c))
            return TRUE;
    return FALSE;
}

static int int_attr(xmlNode *el, const char *name, int fallback)
{
    char *v = sb_xml_attr(el, name);
    int n = v ? atoi(v) : fallback;
    xmlFree(v);
    return n;
}

/* A paragraph inside a cell takes the table's text style; its own attributes override. */
static SbNode *cell_paragraph(Binder *b, xmlNode *el, BindScope *scope, const SbNode *style)
{
    SbNode *p = sb_node_new(SB_NODE_BLOCK);
    p->as.block = style->as.block;
    if (sb_xml_is(el, "note"))
        p->as.block.size = MIN(style->as.block.size, 10.5);
    apply_attrs(el, p);
    sb_bind_inline(b, el, scope, p);
    return p;
}

static void bind_cell_blocks(Binder *b, xmlNode *el, BindScope *scope, SbNode *cell, const SbNode *style)
{
    for (xmlNode *c = el->children; c; c = c->next) {
        if (sb_xml_is(c, "seal")) {
            sb_node_append(cell, bind_seal(b, c, scope, style));
        } else if (is_block_field(c)) {
            SbNode *body = cell_paragraph(b, c, scope, style);   /* style only: no inline content */
            body->as.block.align = SB_ALIGN_JUSTIFY;
            body->as.block.indent = 2;
            sb_node_append(cell, sb_bind_block_field(b, c, scope, body));
            sb_node_free(body);
        } else if (sb_xml_is(c, "p") || sb_xml_is(c, "note")) {
            sb_node_append(cell, cell_paragraph(b, c, scope, style));
        }
    }
}

static SbNode *cell_style(xmlNode *el, const TableState *t)
{
    SbNode *style = sb_node_new(SB_NODE_BLOCK);
    style->as.block = t->style->as.block;
    /* Labels are centred as on the printed form; cells holding data read from the left. */
    style->as.block.align = has_field(el) ? SB_ALIGN_LEFT : SB_ALIGN_CENTER;
    apply_attrs(el, style);
    return style;
}

static void place_cell(TableState *t, SbNode *cell, int *col)
{
    int n_cols = t->table->as.table.n_cols;
    while (*col < n_cols && t->busy[*col] > 0)
        (*col)++;
    cell->as.cell.col = *col;
    int span = MIN(cell->as.cell.colspan, n_cols - *col);
    cell->as.cell.colspan = MAX(span, 1);
    for (int i = 0; i < cell->as.cell.colspan && *col + i < n_cols; i++)
        t->busy[*col + i] = cell->as.cell.rowspan;
    *col += cell->as.cell.colspan;
}

static double cell_width(const TableState *t, const SbNode *cell)
{
    double w = 0;
    for (int i = 0; i < cell->as.cell.colspan; i++)
        w += t->table->as.table.widths[cell->as.cell.col + i];
    return w;
}

/* Text that runs over several lines of a wide cell is justified, as the printed forms set
 * their long 评价条款 and as filled-in answers read best; the estimate counts characters
 * against the cell's room. */
static void justify_long_label(SbNode *block, double width_mm)
{
    if (block->as.block.align == SB_ALIGN_RIGHT || block->as.block.align == SB_ALIGN_JUSTIFY)
        return;
    char *text = sb_node_text(block);
    double per_line = (width_mm - 2) * 72 / 25.4 / block->as.block.size;
    /* narrow label columns (本单位项目负责人) stay centred whatever their length */
    if (per_line >= 12 && g_utf8_strlen(text, -1) > per_line + 0.5)
        block->as.block.align = SB_ALIGN_JUSTIFY;
    g_free(text);
}

/* A cell's row span; rowspan="all" spans every row of its repeat. */
static int cell_rowspan(xmlNode *el, const BindScope *scope)
{
    char *v = sb_xml_attr(el, "rowspan");
    int span = !v ? 1 : strcmp(v, "all") == 0 ? MAX(scope ? scope->span : 1, 1) : atoi(v);
    xmlFree(v);
    return span;
}

/* A rowspan="all" cell is drawn with the repeat's first item only: later rows leave its
 * columns to the span. */
static gboolean spanned_by_all(xmlNode *el, const BindScope *scope)
{
    char *v = sb_xml_attr(el, "rowspan");
    gboolean later = v && strcmp(v, "all") == 0 && scope && scope->index > 0;
    xmlFree(v);
    return later;
}

static SbNode *bind_cell(Binder *b, xmlNode *el, BindScope *scope, TableState *t, int *col)
{
    SbNode *cell = sb_node_new(SB_NODE_CELL);
    cell->as.cell.colspan = int_attr(el, "colspan", 1);
    cell->as.cell.rowspan = cell_rowspan(el, scope);
    cell->as.cell.valign = SB_VALIGN_MIDDLE;
    char *valign = sb_xml_attr(el, "valign");
    if (valign)
        cell->as.cell.valign = strcmp(valign, "top") == 0 ? SB_VALIGN_TOP
                             : strcmp(valign, "bottom") == 0 ? SB_VALIGN_BOTTOM : SB_VALIGN_MIDDLE;
    xmlFree(valign);
    place_cell(t, cell, col);
    SbNode *style = cell_style(el, t);
    cell->as.cell.align = style->as.block.align;
    if (has_block_children(el)) {
        bind_cell_blocks(b, el, scope, cell, style);
        sb_node_free(style);
    } else {
        sb_bind_inline(b, el, scope, style);
        if (!xmlHasProp(el, (const xmlChar *)"align"))
            justify_long_label(style, cell_width(t, cell));
        sb_node_append(cell, style);
    }
    return cell;
}

static void bind_row(Binder *b, xmlNode *el, BindScope *scope, TableState *t)
{
    SbNode *row = sb_node_new(SB_NODE_ROW);
    gboolean header = t->rows++ < t->table->as.table.header_rows;
    char *height = sb_xml_attr(el, "height");
    row->as.row.min_height = height ? g_ascii_strtod(height, NULL) : 0;
    row->as.row.header = header;
    xmlFree(height);
    int col = 0;
    for (xmlNode *c = el->children; c; c = c->next)
        if (sb_xml_is(c, "cell") && !spanned_by_all(c, scope))
            sb_node_append(row, bind_cell(b, c, scope, t, &col));
    for (int i = 0; i < t->table->as.table.n_cols; i++)
        if (t->busy[i] > 0)
            t->busy[i]--;
    sb_node_append(t->table, row);
}

typedef void (*RepeatBody)(Binder *b, xmlNode *el, BindScope *scope, gpointer target);

static int element_children(xmlNode *el, const char *name)
{
    int n = 0;
    for (xmlNode *c = el->children; c; c = c->next)
        n += sb_xml_is(c, name);
    return n;
}

/* Runs body once per item of the repeat's list.  With no items it shows `blank` empty
 * items in a blank form and one in a filled form, so the form's own rows and labels stay. */
static void bind_repeat(Binder *b, xmlNode *el, BindScope *scope, RepeatBody body, gpointer target)
{
    char *path = sb_xml_attr(el, "path");
    const SbValue *list = sb_scope_lookup(scope, path);
    gboolean have = list && list->kind == SB_VALUE_LIST && list->items->len > 0;
    int blank = int_attr(el, "blank", 1);
    int count = have ? (int)list->items->len : (b->blank ? blank : MIN(blank, 1));
    int span = count * element_children(el, "row");
    for (int i = 0; i < count; i++) {
        BindScope item = {NULL, NULL, i, span, scope};
        if (have && ((SbValue *)list->items->pdata[i])->kind == SB_VALUE_MAP)
            item.map = list->items->pdata[i];
        item.prefix = g_strdup_printf("%s%s.%d.", scope ? scope->prefix : "", path, i);
        for (xmlNode *c = el->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                body(b, c, &item, target);
        g_free(item.prefix);
    }
    xmlFree(path);
}

/* Runs body once over the group's children, under its path. */
static void bind_group(Binder *b, xmlNode *el, BindScope *scope, RepeatBody body, gpointer target)
{
    char *path = sb_xml_attr(el, "path");
    const SbValue *v = sb_scope_lookup(scope, path);
    BindScope inner = {v && v->kind == SB_VALUE_MAP ? v : NULL, NULL, scope->index, scope->span, scope};
    inner.prefix = g_strconcat(scope->prefix, path, ".", NULL);
    for (xmlNode *c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            body(b, c, &inner, target);
    g_free(inner.prefix);
    xmlFree(path);
}

static void table_row_body(Binder *b, xmlNode *el, BindScope *scope, gpointer target)
{
    TableState *t = target;
    if (sb_xml_is(el, "row"))
        bind_row(b, el, scope, t);
    else if (sb_xml_is(el, "repeat"))
        bind_repeat(b, el, scope, table_row_body, t);
    else if (sb_xml_is(el, "group"))
        bind_group(b, el, scope, table_row_body, t);
}

static SbNode *new_table(xmlNode *el)
{
    SbNode *table = sb_node_new(SB_NODE_TABLE);
    char *widths = sb_xml_attr(el, "widths");
    char **parts = g_strsplit_set(g_strstrip(widths), " \t\n", -1);
    GArray *w = g_array_new(FALSE, FALSE, sizeof(double));
    for (int i = 0; parts[i]; i++)
        if (*parts[i]) {
            double mm = g_ascii_strtod(parts[i], NULL);
            g_array_append_val(w, mm);
        }
    table->as.table.n_cols = (int)w->len;
    table->as.table.widths = (double *)g_array_free(w, FALSE);
    table->as.table.header_rows = int_attr(el, "header-rows", 0);
    g_strfreev(parts);
    xmlFree(widths);
    return table;
}

static SbNode *bind_table(Binder *b, xmlNode *el, BindScope *scope)
{
    TableState t = {new_table(el), NULL, sb_node_new(SB_NODE_BLOCK), 0};
    t.busy = g_new0(int, t.table->as.table.n_cols);
    t.style->as.block.kind = SB_BLOCK_CELL;
    t.style->as.block.font = SB_FONT_SONG;
    t.style->as.block.size = 12;
    apply_attrs(el, t.style);
    t.table->as.table.font = t.style->as.block.font;
    t.table->as.table.size = t.style->as.block.size;
    for (xmlNode *c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            table_row_body(b, c, scope, &t);
    g_free(t.busy);
    sb_node_free(t.style);
    return t.table;
}

/* ---- pages and blocks ---- */

typedef struct {
    SbNode *doc;
    SbNode *page;
} PageState;

static void bind_block(Binder *b, xmlNode *el, BindScope *scope, gpointer target);

static void add_to_page(PageState *ps, SbNode *node)
{
    sb_node_append(ps->page, node);
}

static void new_page(PageState *ps)
{
    ps->page = sb_node_new(SB_NODE_PAGE);
    sb_node_append(ps->doc, ps->page);
}

static SbNode *body_style(void)
{
    return block_from_style(&block_styles[3].style);
}

static void bind_block(Binder *b, xmlNode *el, BindScope *scope, gpointer target)
{
    PageState *ps = target;
    const BlockStyle *s = style_for(el);
    if (s) {
        add_to_page(ps, bind_paragraph(b, el, scope, s));
    } else if (sb_xml_is(el, "table")) {
        add_to_page(ps, bind_table(b, el, scope));
    } else if (sb_xml_is(el, "field")) {
        SbNode *style = body_style();
        add_to_page(ps, sb_bind_block_field(b, el, scope, style));
        sb_node_free(style);
    } else if (sb_xml_is(el, "seal")) {
        SbNode *style = body_style();
        add_to_page(ps, bind_seal(b, el, scope, style));
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
        bind_repeat(b, el, scope, bind_block, ps);
    } else if (sb_xml_is(el, "group")) {
        bind_group(b, el, scope, bind_block, ps);
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
    BindScope root = {data ? data->root : NULL, "", -1, 1, NULL};
    PageState ps = {new_document(form, data), NULL};
    for (xmlNode *pg = xmlDocGetRootElement(form->doc)->children; pg; pg = pg->next) {
        if (!sb_xml_is(pg, "page"))
            continue;
        new_page(&ps);
        for (xmlNode *el = pg->children; el; el = el->next)
            if (el->type == XML_ELEMENT_NODE)
                bind_block(&b, el, &root, &ps);
    }
    SbDocument *doc = g_new0(SbDocument, 1);
    doc->root = ps.doc;
    return doc;
}
