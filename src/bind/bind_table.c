/* Binding tables: rows, cells placed on the grid around row spans, repeated rows. */
#include "bind.h"

#include <string.h>

typedef struct {
    SbNode *table;
    int *busy;        /* per grid column: rows still covered by a row span above */
    SbNode *style;    /* a BLOCK holding the table's text style */
    int rows;         /* rows bound so far: the first header_rows are the header */
    GPtrArray *rest;  /* cells with rowspan="rest" whose span is still open */
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

/* A paragraph inside a cell takes the table's text style; its own attributes override. */
static SbNode *cell_paragraph(Binder *b, xmlNode *el, BindScope *scope, const SbNode *style)
{
    SbNode *p = sb_node_new(SB_NODE_BLOCK);
    p->as.block = style->as.block;
    if (sb_xml_is(el, "note"))
        p->as.block.size = MIN(style->as.block.size, 10.5);
    sb_bind_apply_attrs(el, p);
    sb_bind_inline(b, el, scope, p);
    return p;
}

static void bind_cell_blocks(Binder *b, xmlNode *el, BindScope *scope, SbNode *cell, const SbNode *style)
{
    for (xmlNode *c = el->children; c; c = c->next) {
        if (sb_xml_is(c, "seal")) {
            sb_node_append(cell, sb_bind_seal(b, c, scope, style));
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
    sb_bind_apply_attrs(el, style);
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

/* rowspan="rest" while the table is bound: its rows are counted when it is complete. */
#define REST_OF_TABLE (G_MAXINT / 4)

/* A row whose first cell spans every column (a 注 across the table) ends the open
 * rowspan="rest" spans above it: the label column stops short of it. */
static gboolean spans_every_column(xmlNode *row, int n_cols)
{
    for (xmlNode *c = row->children; c; c = c->next)
        if (sb_xml_is(c, "cell"))
            return sb_xml_int_attr(c, "colspan", 1) >= n_cols;
    return FALSE;
}

/* Ends the open rest spans before the row about to be bound.  A rest span's columns count
 * down from REST_OF_TABLE one per row bound, so what they lack of it is the rows it covers. */
static void end_rest_spans(TableState *t)
{
    for (guint i = 0; i < t->rest->len; i++) {
        SbNode *cell = t->rest->pdata[i];
        cell->as.cell.rowspan = REST_OF_TABLE - t->busy[cell->as.cell.col];
        for (int k = 0; k < cell->as.cell.colspan; k++)
            t->busy[cell->as.cell.col + k] = 0;
    }
    g_ptr_array_set_size(t->rest, 0);
}

/* A cell's row span; rowspan="all" spans every row of its repeat, "item" every row of
 * the repeat's current item, "rest" every row from its own to the table's last. */
static int cell_rowspan(xmlNode *el, const BindScope *scope)
{
    char *v = sb_xml_attr(el, "rowspan");
    int span = !v                       ? 1
               : strcmp(v, "all") == 0  ? MAX(scope ? scope->span : 1, 1)
               : strcmp(v, "item") == 0 ? MAX(scope ? scope->item_span : 1, 1)
               : strcmp(v, "rest") == 0 ? REST_OF_TABLE
                                        : atoi(v);
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
    cell->as.cell.colspan = sb_xml_int_attr(el, "colspan", 1);
    cell->as.cell.rowspan = cell_rowspan(el, scope);
    cell->as.cell.valign = SB_VALIGN_MIDDLE;
    char *valign = sb_xml_attr(el, "valign");
    if (valign)
        cell->as.cell.valign = strcmp(valign, "top") == 0 ? SB_VALIGN_TOP
                             : strcmp(valign, "bottom") == 0 ? SB_VALIGN_BOTTOM : SB_VALIGN_MIDDLE;
    xmlFree(valign);
    place_cell(t, cell, col);
    if (cell->as.cell.rowspan >= REST_OF_TABLE)
        g_ptr_array_add(t->rest, cell);
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
    if (t->rest->len && spans_every_column(el, t->table->as.table.n_cols))
        end_rest_spans(t);
    int col = 0;
    for (xmlNode *c = el->children; c; c = c->next)
        if (sb_xml_is(c, "cell") && !spanned_by_all(c, scope))
            sb_node_append(row, bind_cell(b, c, scope, t, &col));
    for (int i = 0; i < t->table->as.table.n_cols; i++)
        if (t->busy[i] > 0)
            t->busy[i]--;
    sb_node_append(t->table, row);
}

static SbNode *first_field(SbNode *node)
{
    for (SbNode *c = node->first_child; c; c = c->next) {
        SbNode *f = c->type == SB_NODE_FIELD ? c : first_field(c);
        if (f)
            return f;
    }
    return NULL;
}

/* The first inline field of the row's widest cell holding one: the hint reads on as few
 * lines as the row allows. */
static SbNode *widest_field(const SbNode *table, SbNode *row)
{
    SbNode *best = NULL;
    double best_width = 0;
    for (SbNode *cell = row->first_child; cell; cell = cell->next) {
        SbNode *f = first_field(cell);
        double w = 0;
        for (int i = 0; i < cell->as.cell.colspan; i++)
            w += table->as.table.widths[cell->as.cell.col + i];
        if (f && !f->as.field.block && w > best_width)
            best = f, best_width = w;
    }
    return best;
}

/* A repeat whose items are one row each can grow by copying a row or inserting one
 * below, which the reader takes as a new item: a field of its last row tells how, up to
 * the form's maximum (DOCX and ODT show it while the field is empty; the PDF has no use
 * for it).  Not when the rows shown already reach the maximum. */
static void hint_added_rows(xmlNode *el, SbNode *table, SbNode *before)
{
    int rows = 0, items = 0;
    for (xmlNode *c = el->children; c; c = c->next)
        rows += c->type == XML_ELEMENT_NODE ? (sb_xml_is(c, "row") ? 1 : 2) : 0;
    for (SbNode *r = before ? before->next : table->first_child; r; r = r->next)
        items++;
    int max = sb_xml_int_attr(el, "max", 0);
    SbNode *f = rows == 1 && items > 0 ? widest_field(table, table->last_child) : NULL;
    if (!f || f->as.field.hint || (max > 0 && items >= max))
        return;
    f->as.field.hint = max > 0 ? g_strdup_printf("（复制本行或在下方插入行，最多%d行）", max)
                               : g_strdup("（复制本行或在下方插入行）");
}

static void table_row_body(Binder *b, xmlNode *el, BindScope *scope, gpointer target)
{
    TableState *t = target;
    if (sb_xml_is(el, "row")) {
        bind_row(b, el, scope, t);
    } else if (sb_xml_is(el, "repeat")) {
        SbNode *before = t->table->last_child;
        sb_bind_repeat(b, el, scope, table_row_body, t);
        hint_added_rows(el, t->table, before);
    }
    else if (sb_xml_is(el, "group"))
        sb_bind_group(b, el, scope, table_row_body, t);
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
    table->as.table.header_rows = sb_xml_int_attr(el, "header-rows", 0);
    g_strfreev(parts);
    xmlFree(widths);
    return table;
}

SbNode *sb_bind_table(Binder *b, xmlNode *el, BindScope *scope)
{
    TableState t = {new_table(el), NULL, sb_node_new(SB_NODE_BLOCK), 0, g_ptr_array_new()};
    t.busy = g_new0(int, t.table->as.table.n_cols);
    t.style->as.block.kind = SB_BLOCK_CELL;
    t.style->as.block.font = SB_FONT_SONG;
    t.style->as.block.size = 12;
    sb_bind_apply_attrs(el, t.style);
    t.table->as.table.font = t.style->as.block.font;
    t.table->as.table.size = t.style->as.block.size;
    for (xmlNode *c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            table_row_body(b, c, scope, &t);
    int r = 0;
    for (SbNode *row = t.table->first_child; row; row = row->next, r++)
        for (SbNode *cell = row->first_child; cell; cell = cell->next)
            if (cell->as.cell.rowspan >= REST_OF_TABLE)
                cell->as.cell.rowspan = t.rows - r;
    g_free(t.busy);
    g_ptr_array_unref(t.rest);
    sb_node_free(t.style);
    return t.table;
}

