/* Tables: column widths scaled to the type area, header rows that repeat on every page,
 * rows that may split, and merged cells.
 *
 * The tree holds only the cells that exist; ODF wants every grid position of every row,
 * the ones a merged cell covers as <table:covered-table-cell>.  So the grid is rebuilt
 * here: a cell spanning columns covers the rest of its row's positions, and one spanning
 * rows covers the same columns in the rows below. */
#include "odt.h"

/* ---- styles ---- */

static const char *table_style(OdtBody *b)
{
    OdtXml *x = odt_style_begin(b->styles);
    odt_start(x, "style:table-properties");
    odt_attr_len(x, "style:width", b->width / ODT_PT_PER_MM, "mm");
    odt_attr(x, "table:align", "margins");
    odt_attr(x, "table:border-model", "collapsing");
    odt_attr(x, "style:may-break-between-rows", "true");
    if (b->page_break)
        odt_attr(x, "fo:break-before", "page");
    b->page_break = FALSE;
    odt_end(x);
    odt_style_set_master(b->styles, b->master);
    b->master = NULL;
    return odt_style_end(b->styles, "table", NULL, "Tab");
}

static const char *column_style(OdtBody *b, double mm)
{
    OdtXml *x = odt_style_begin(b->styles);
    odt_start(x, "style:table-column-properties");
    odt_attr_len(x, "style:column-width", mm, "mm");
    char *rel = g_strdup_printf("%ld*", (long)(mm * 100 + 0.5));
    odt_attr(x, "style:rel-column-width", rel);
    g_free(rel);
    odt_end(x);
    return odt_style_end(b->styles, "table-column", NULL, "Col");
}

/* A row of prose (a filled block field, or a large room for one) may be taller than a
 * page, so it may split across pages as tall rows do in the PDF.  Any other row holds a
 * few lines of values or a seal and moves to the next page whole, as the PDF moves a
 * row that fits on a fresh page.  (LibreOffice still splits a row that is taller than a
 * whole page, so nothing is ever cut off.) */
static gboolean row_may_split(const SbNode *row)
{
    const double half_page = ODT_TYPE_H_MM * ODT_PT_PER_MM / 2;
    for (const SbNode *cell = row->first_child; cell; cell = cell->next)
        for (const SbNode *c = cell->first_child; c; c = c->next)
            if (c->type == SB_NODE_FIELD && c->as.field.block &&
                (!c->as.field.empty || c->as.field.lines * ODT_ROOM_PITCH > half_page))
                return TRUE;
    return FALSE;
}

static const char *row_style(OdtBody *b, const SbNode *row)
{
    OdtXml *x = odt_style_begin(b->styles);
    odt_start(x, "style:table-row-properties");
    if (row->as.row.min_height > 0)
        odt_attr_len(x, "style:min-row-height", row->as.row.min_height, "mm");
    odt_attr(x, "fo:keep-together", row_may_split(row) ? "auto" : "always");
    odt_end(x);
    return odt_style_end(b->styles, "table-row", NULL, "Row");
}

static const char *cell_style(OdtBody *b, SbVAlign valign)
{
    OdtXml *x = odt_style_begin(b->styles);
    odt_start(x, "style:table-cell-properties");
    odt_attr(x, "style:vertical-align", valign == SB_VALIGN_TOP ? "top" : valign == SB_VALIGN_BOTTOM ? "bottom" : "middle");
    odt_attr(x, "fo:border", "0.5pt solid #000000");
    odt_attr_len(x, "fo:padding-left", ODT_CELL_HPAD_MM, "mm");
    odt_attr_len(x, "fo:padding-right", ODT_CELL_HPAD_MM, "mm");
    odt_attr_len(x, "fo:padding-top", ODT_CELL_VPAD_MM, "mm");
    odt_attr_len(x, "fo:padding-bottom", ODT_CELL_VPAD_MM, "mm");
    odt_end(x);
    return odt_style_end(b->styles, "table-cell", NULL, "Cell");
}

/* ---- the grid ---- */

typedef struct {
    const SbNode *node;
    double *widths;    /* mm per column, summing to the type width */
    int n_cols, n_rows, header_rows;
    int *busy;         /* per column: rows below the current one that a cell above covers */
    gboolean *covered; /* per column: the current row's position is covered */
} Grid;

/* The widths are the form's proportions; the table always spans the type area. */
static double *scaled_widths(const SbNode *table, double type_w_mm)
{
    int n = table->as.table.n_cols;
    double total = 0, *w = g_new0(double, n);
    for (int i = 0; i < n; i++)
        total += table->as.table.widths[i];
    for (int i = 0; i < n; i++)
        w[i] = total > 0 ? table->as.table.widths[i] / total * type_w_mm : type_w_mm / n;
    return w;
}

/* Leading rows marked as header, and at least as many as the table asks for. */
static int count_header_rows(const SbNode *table, int n_rows)
{
    int h = 0;
    for (const SbNode *r = table->first_child; r && r->as.row.header; r = r->next)
        h++;
    return MAX(h, MIN(table->as.table.header_rows, n_rows));
}

static const SbNode *cell_at(const SbNode *row, int col)
{
    for (const SbNode *c = row->first_child; c; c = c->next)
        if (c->type == SB_NODE_CELL && c->as.cell.col == col)
            return c;
    return NULL;
}

static void write_covered(OdtXml *x)
{
    odt_start(x, "table:covered-table-cell");
    odt_end(x);
}

/* ---- cells and rows ---- */

static OdtLook cell_text_look(const SbNode *table, SbAlign align)
{
    SbNode style = {.type = SB_NODE_BLOCK};
    style.as.block.kind = SB_BLOCK_CELL;
    style.as.block.font = table->as.table.font;
    style.as.block.size = table->as.table.size;
    style.as.block.align = align;
    return odt_look_of_block(&style);
}

static void write_cell(OdtBody *b, const Grid *g, const SbNode *cell, int col, int cols, int rows)
{
    double mm = 0;
    for (int i = col; i < col + cols; i++)
        mm += g->widths[i];
    odt_start(b->x, "table:table-cell");
    odt_attr(b->x, "table:style-name", cell_style(b, cell ? cell->as.cell.valign : SB_VALIGN_MIDDLE));
    if (cols > 1)
        odt_attr_int(b->x, "table:number-columns-spanned", cols);
    if (rows > 1)
        odt_attr_int(b->x, "table:number-rows-spanned", rows);
    double saved = b->width;
    b->width = (mm - 2 * ODT_CELL_HPAD_MM) * ODT_PT_PER_MM;
    if (cell && cell->first_child) {
        for (const SbNode *n = cell->first_child; n; n = n->next)
            odt_write_block_node(b, n);
    } else {
        OdtLook look = cell_text_look(g->node, cell ? cell->as.cell.align : SB_ALIGN_LEFT);
        odt_write_empty_paragraph(b, SB_BLOCK_CELL, &look);
    }
    b->width = saved;
    odt_end(b->x);
}

/* How many columns a cell at `col` may span: as many as it asks for, short of the grid's
 * edge and of positions a cell above already covers. */
static int usable_span(const Grid *g, int col, int want)
{
    int span = 1;
    while (span < want && col + span < g->n_cols && !g->covered[col + span])
        span++;
    return span;
}

static void write_row(OdtBody *b, Grid *g, const SbNode *row, int r)
{
    for (int c = 0; c < g->n_cols; c++) {
        g->covered[c] = g->busy[c] > 0;
        if (g->busy[c] > 0)
            g->busy[c]--;
    }
    odt_start(b->x, "table:table-row");
    odt_attr(b->x, "table:style-name", row_style(b, row));
    /* A header cell may reach into the body (the label column beside the header and the
     * people, 项目核心团队人员信息): LibreOffice draws it on every page beside the repeated
     * header, as Word draws a merged cell that starts in a header row. */
    int c = 0;
    while (c < g->n_cols) {
        const SbNode *cell = cell_at(row, c);
        if (g->covered[c]) {
            write_covered(b->x);
            c++;
            continue;
        }
        int cols = cell ? usable_span(g, c, cell->as.cell.colspan) : 1;
        int rows = cell ? CLAMP(cell->as.cell.rowspan, 1, g->n_rows - r) : 1;
        write_cell(b, g, cell, c, cols, rows);
        for (int i = c; i < c + cols; i++)
            g->busy[i] = MAX(g->busy[i], rows - 1);
        for (int i = 1; i < cols; i++)
            write_covered(b->x);
        c += cols;
    }
    odt_end(b->x);
}

void odt_write_table(OdtBody *b, const SbNode *table)
{
    Grid g = {.node = table, .n_cols = table->as.table.n_cols};
    for (const SbNode *r = table->first_child; r; r = r->next)
        g.n_rows++;
    if (g.n_cols <= 0 || g.n_rows == 0)   /* ODF has no empty tables; there is nothing to show */
        return;
    g.widths = scaled_widths(table, b->width / ODT_PT_PER_MM);
    g.header_rows = count_header_rows(table, g.n_rows);
    g.busy = g_new0(int, g.n_cols);
    g.covered = g_new0(gboolean, g.n_cols);

    const SbNode *saved_table = b->table;
    b->table = table;
    odt_start(b->x, "table:table");
    char *name = g_strdup_printf("Table%d", ++b->n_tables);
    odt_attr(b->x, "table:name", name);
    odt_attr(b->x, "table:style-name", table_style(b));
    for (int i = 0; i < g.n_cols; i++) {
        odt_start(b->x, "table:table-column");
        odt_attr(b->x, "table:style-name", column_style(b, g.widths[i]));
        odt_end(b->x);
    }
    int r = 0;
    for (const SbNode *row = table->first_child; row; row = row->next, r++) {
        if (r == 0 && g.header_rows > 0)
            odt_start(b->x, "table:table-header-rows");
        write_row(b, &g, row, r);
        if (r == g.header_rows - 1)
            odt_end(b->x);
    }
    odt_end(b->x);
    b->table = saved_table;
    g_free(name);
    g_free(g.widths);
    g_free(g.busy);
    g_free(g.covered);
}
