/* Tables: a fixed grid scaled to the type area, merged cells as gridSpan and vMerge.
 *
 * The tree holds only the cells that start somewhere; a cell with rowspan > 1 covers the
 * same grid columns in the rows below, and WordprocessingML wants an empty continuation
 * cell there.  Every cell's width is the exact sum of its grid columns, so Word and WPS
 * lay the table out alike. */
#include "docx.h"

typedef struct {
    int n_cols;
    int *edges;        /* n_cols + 1 column edges in twips, 0 … the type width */
    int *covered;      /* per column: rows below still covered by the cell above */
    int *start;        /* per covered column: the covering cell's first column */
    int *span;         /* per covered column: the covering cell's colspan */
    SbVAlign *valign;  /* per covered column: the covering cell's alignment */
    gboolean *beside;  /* per covered column: the covering cell starts in a header row */
    gboolean header;   /* the row being written is a header row */
    SbNode *style;     /* a BLOCK with the table's text style, for empty cells */
} Grid;

/* The form's widths are proportions: rounding cumulative edges keeps the sum exact. */
static int *grid_edges(const SbNode *table, int type_w)
{
    int n = table->as.table.n_cols;
    double total = 0, sum = 0;
    for (int i = 0; i < n; i++)
        total += MAX(table->as.table.widths[i], 0);
    int *edges = g_new0(int, n + 1);
    for (int i = 0; i < n; i++) {
        sum += total > 0 ? MAX(table->as.table.widths[i], 0) : 1;
        edges[i + 1] = (int)(sum / (total > 0 ? total : n) * type_w + 0.5);
    }
    return edges;
}

static Grid *grid_new(const SbNode *table, int type_w)
{
    Grid *g = g_new0(Grid, 1);
    g->n_cols = MAX(table->as.table.n_cols, 1);
    g->edges = table->as.table.n_cols > 0 ? grid_edges(table, type_w) : g_new0(int, 2);
    if (table->as.table.n_cols == 0)
        g->edges[1] = type_w;
    g->covered = g_new0(int, g->n_cols);
    g->start = g_new0(int, g->n_cols);
    g->span = g_new0(int, g->n_cols);
    g->valign = g_new0(SbVAlign, g->n_cols);
    g->beside = g_new0(gboolean, g->n_cols);
    g->style = sb_node_new(SB_NODE_BLOCK);
    g->style->as.block.kind = SB_BLOCK_CELL;
    g->style->as.block.font = table->as.table.font;
    g->style->as.block.size = table->as.table.size;
    g->style->as.block.align = docx_style(SB_BLOCK_CELL)->align;
    return g;
}

static void grid_free(Grid *g)
{
    g_free(g->edges);
    g_free(g->covered);
    g_free(g->start);
    g_free(g->span);
    g_free(g->valign);
    g_free(g->beside);
    sb_node_free(g->style);
    g_free(g);
}

/* ---- table properties ---- */

static void width_element(xmlTextWriterPtr x, const char *name, int twips)
{
    docx_start(x, name);
    docx_attr_int(x, "w:w", twips);
    docx_attr(x, "w:type", "dxa");
    docx_end(x);
}

/* Single 0.5 pt lines all round, as the printed forms have. */
static void write_borders(xmlTextWriterPtr x)
{
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
    docx_start(x, "w:tblBorders");
    for (guint i = 0; i < G_N_ELEMENTS(sides); i++) {
        docx_start(x, sides[i]);
        docx_attr(x, "w:val", "single");
        docx_attr(x, "w:sz", "4");
        docx_attr(x, "w:space", "0");
        docx_attr(x, "w:color", "auto");
        docx_end(x);
    }
    docx_end(x);
}

static void write_table_props(xmlTextWriterPtr x, int type_w)
{
    docx_start(x, "w:tblPr");
    width_element(x, "w:tblW", type_w);
    width_element(x, "w:tblInd", 0);
    write_borders(x);
    docx_start(x, "w:tblLayout");
    docx_attr(x, "w:type", "fixed");
    docx_end(x);
    docx_start(x, "w:tblCellMar");
    width_element(x, "w:top", DOCX_CELL_VPAD);
    width_element(x, "w:left", DOCX_CELL_HPAD);
    width_element(x, "w:bottom", DOCX_CELL_VPAD);
    width_element(x, "w:right", DOCX_CELL_HPAD);
    docx_end(x);
    docx_end(x);
}

static void write_grid(xmlTextWriterPtr x, const Grid *g)
{
    docx_start(x, "w:tblGrid");
    for (int i = 0; i < g->n_cols; i++) {
        docx_start(x, "w:gridCol");
        docx_attr_int(x, "w:w", g->edges[i + 1] - g->edges[i]);
        docx_end(x);
    }
    docx_end(x);
}

/* ---- cells ---- */

static void write_cell_props(xmlTextWriterPtr x, const Grid *g, int col, int span, const char *merge,
                             SbVAlign valign)
{
    static const char *const valigns[] = {"top", "center", "bottom"};
    docx_start(x, "w:tcPr");
    width_element(x, "w:tcW", g->edges[col + span] - g->edges[col]);
    if (span > 1)
        docx_val_int(x, "w:gridSpan", span);
    if (merge) {
        docx_start(x, "w:vMerge");
        if (*merge)
            docx_attr(x, "w:val", merge);
        docx_end(x);
    }
    docx_val(x, "w:vAlign", valigns[valign]);
    docx_end(x);
}

static void empty_paragraph(DocxBody *b, const Grid *g)
{
    docx_paragraph_start(b, g->style, NULL);
    docx_end(b->x);
}

/* A cell of the grid no tree cell reaches: empty, so every row fills the grid. */
static void write_filler(DocxBody *b, const Grid *g, int col)
{
    docx_start(b->x, "w:tc");
    write_cell_props(b->x, g, col, 1, NULL, SB_VALIGN_TOP);
    empty_paragraph(b, g);
    docx_end(b->x);
}

/* The part of a row-spanning cell in a row below its first. */
static int write_continuation(DocxBody *b, Grid *g, int col)
{
    int span = g->start[col] + g->span[col] - col;
    docx_start(b->x, "w:tc");
    write_cell_props(b->x, g, col, span, "", g->valign[col]);
    empty_paragraph(b, g);
    docx_end(b->x);
    for (int i = col; i < col + span; i++)
        g->covered[i]--;
    return span;
}

/* How many columns from `col` the cell may take: its colspan, cut short by the grid's
 * end or by a column a cell above still covers. */
static int usable_span(const Grid *g, const SbNode *cell, int col)
{
    int want = MAX(cell->as.cell.colspan, 1), span = 0;
    while (span < want && col + span < g->n_cols && g->covered[col + span] == 0)
        span++;
    return MAX(span, 1);
}

static void cover(Grid *g, const SbNode *cell, int col, int span)
{
    for (int i = col; i < col + span; i++) {
        g->covered[i] = cell->as.cell.rowspan - 1;
        g->start[i] = col;
        g->span[i] = span;
        g->valign[i] = cell->as.cell.valign;
        g->beside[i] = g->header;
    }
}

static int write_cell(DocxBody *b, Grid *g, const SbNode *cell, int col)
{
    int span = usable_span(g, cell, col);
    gboolean merged = cell->as.cell.rowspan > 1;
    docx_start(b->x, "w:tc");
    write_cell_props(b->x, g, col, span, merged ? "restart" : NULL, cell->as.cell.valign);
    int width = g->edges[col + span] - g->edges[col] - 2 * DOCX_CELL_HPAD;
    for (const SbNode *c = cell->first_child; c; c = c->next)
        docx_block_node(b, c, width);
    if (!cell->first_child)
        empty_paragraph(b, g);
    docx_end(b->x);
    if (merged)
        cover(g, cell, col, span);
    return span;
}

/* ---- rows ---- */

/* A row of prose (a filled block field) may be taller than a page, so it may split, as
 * tall rows do in the PDF.  Any other row holds a few lines of values, the room left for
 * writing by hand or for a seal, and moves to the next page whole, as the PDF moves a row
 * that fits on a fresh page. */
static gboolean row_may_split(const SbNode *row)
{
    for (const SbNode *cell = row->first_child; cell; cell = cell->next) {
        for (const SbNode *c = cell->first_child; c; c = c->next) {
            if (c->type != SB_NODE_FIELD)
                continue;
            if (!c->as.field.empty || c->as.field.lines * DOCX_BODY_LINE > DOCX_TYPE_H / 2)
                return TRUE;
        }
    }
    return FALSE;
}

static void write_row_props(xmlTextWriterPtr x, const SbNode *row)
{
    gboolean whole = !row_may_split(row);
    if (row->as.row.min_height <= 0 && !row->as.row.header && !whole)
        return;
    docx_start(x, "w:trPr");
    if (whole)
        docx_empty(x, "w:cantSplit");
    if (row->as.row.min_height > 0) {
        docx_start(x, "w:trHeight");
        docx_attr_int(x, "w:val", docx_twips_mm(row->as.row.min_height));
        docx_attr(x, "w:hRule", "atLeast");
        docx_end(x);
    }
    if (row->as.row.header)
        docx_empty(x, "w:tblHeader");
    docx_end(x);
}

/* Does a merged cell run on into the next row?  Such rows stay together on a page, as
 * the PDF keeps row-span groups: in Word, "keep with next" on a row's paragraphs.  A label
 * column starting in the header (项目核心团队人员信息) ties the header to the first row
 * only: the rows beside it flow across pages, as in the PDF. */
static gboolean ties_next(const Grid *g, const SbNode *row)
{
    for (int i = 0; i < g->n_cols; i++)
        if (g->covered[i] > 1 && !g->beside[i])
            return TRUE;
    for (const SbNode *cell = row->first_child; cell; cell = cell->next)
        if (cell->as.cell.rowspan > 1)
            return TRUE;
    return FALSE;
}

/* Walks the grid's columns left to right: covered columns get continuation cells, the
 * tree's cells go where they start, and gaps get empty cells. */
static void write_row(DocxBody *b, Grid *g, const SbNode *row)
{
    docx_start(b->x, "w:tr");
    write_row_props(b->x, row);
    g->header = row->as.row.header;
    b->keep_rows = ties_next(g, row);
    const SbNode *cell = row->first_child;
    int col = 0;
    while (col < g->n_cols) {
        if (g->covered[col] > 0) {
            col += write_continuation(b, g, col);
        } else if (cell && cell->as.cell.col <= col) {
            col += write_cell(b, g, cell, col);
            cell = cell->next;
        } else {
            write_filler(b, g, col);
            col++;
        }
    }
    b->keep_rows = FALSE;
    docx_end(b->x);
}

void docx_table(DocxBody *b, const SbNode *table)
{
    Grid *g = grid_new(table, b->type_w);
    docx_start(b->x, "w:tbl");
    write_table_props(b->x, b->type_w);
    write_grid(b->x, g);
    for (const SbNode *row = table->first_child; row; row = row->next)
        if (row->type == SB_NODE_ROW)
            write_row(b, g, row);
    docx_end(b->x);
    grid_free(g);
}
