/* Laying a document out on a worksheet's grid: the tables' cells where the form puts
 * them, paragraphs as rows across the sheet, and the sizes that make every text fit. */
#include "xlsx.h"

#include <math.h>
#include <string.h>

/* Excel measures widths in digits of its default font (Calibri 11, 7 pixels); a Chinese
 * character of 11 pt 宋体 takes about 2.1 of them, a Latin one 1.1. */
#define WIDE_UNITS 2.1
#define NARROW_UNITS 1.1
#define PADDING 1.5           /* a cell's margins */
#define MIN_WIDTH 6.0
#define MAX_WIDTH 44.0        /* wider text wraps */
#define LINE_POINTS 14.5      /* a line of 11 pt 宋体 */

static double text_units(const char *line, gsize len)
{
    double units = 0;
    for (const char *p = line; p < line + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        units += g_unichar_iswide(c) || g_unichar_iswide_cjk(c) ? WIDE_UNITS : NARROW_UNITS;
    }
    return units;
}

/* The width of the widest line. */
static double widest_line(const char *text)
{
    double widest = 0;
    for (const char *line = text;;) {
        const char *end = strchr(line, '\n');
        gsize len = end ? (gsize) (end - line) : strlen(line);
        widest = MAX(widest, text_units(line, len));
        if (!end)
            return widest;
        line = end + 1;
    }
}

/* The lines text takes in a cell of that width once wrapped. */
static guint wrapped_lines(const char *text, double width)
{
    double room = MAX(width - PADDING, 1);
    guint lines = 0;
    for (const char *line = text;;) {
        const char *end = strchr(line, '\n');
        gsize len = end ? (gsize) (end - line) : strlen(line);
        lines += MAX(1, (guint) ceil(text_units(line, len) / room - 1e-9));
        if (!end)
            return lines;
        line = end + 1;
    }
}

/* ---- the text of a cell ---- */

typedef struct {
    GString *text;
    gboolean has_field;
} Gather;

/* A break inside a field is a line of the value; one in a label (推广应用<br/>项目名称)
 * only fits the printed column, so the sheet leaves it out. */
static void gather(const SbNode *n, Gather *g, gboolean in_field)
{
    switch (n->type) {
    case SB_NODE_TEXT:
        g_string_append(g->text, n->as.text.text);
        return;
    case SB_NODE_BREAK:
        if (in_field)
            g_string_append_c(g->text, '\n');
        return;
    case SB_NODE_CHECKBOX:
        g_string_append(g->text, n->as.checkbox.checked ? "☑" : "☐");
        return;
    case SB_NODE_FIELD:
        g->has_field = TRUE;
        in_field = TRUE;
        break;
    case SB_NODE_BLOCK:
        if (g->text->len && g->text->str[g->text->len - 1] != '\n')
            g_string_append_c(g->text, '\n');
        break;
    default:
        break;
    }
    for (const SbNode *c = n->first_child; c; c = c->next)
        gather(c, g, in_field);
}

static gboolean all_digits(const char *s)
{
    gsize n = 0;
    for (; s[n]; n++)
        if (!g_ascii_isdigit(s[n]))
            return FALSE;
    return n > 0 && n < 10;
}

/* ---- placing cells ---- */

typedef struct {
    SbSheet *sheet;
    guint row;          /* the next free row */
    GArray *heights;    /* points per row so far */
} Layout;

static SbSheetCell *add_cell(Layout *l, guint row, guint col, guint rows, guint cols, const SbNode *n,
                             SbSheetStyle style)
{
    Gather g = { g_string_new(NULL), FALSE };
    gather(n, &g, FALSE);
    SbSheetCell *c = g_new0(SbSheetCell, 1);
    c->row = row, c->col = col, c->rows = MAX(rows, 1), c->cols = MAX(cols, 1);
    c->number = !g.has_field && all_digits(g.text->str);
    c->text = g_string_free(g.text, FALSE);
    c->style = style;
    c->align = SB_ALIGN_LEFT;
    c->valign = SB_VALIGN_MIDDLE;
    g_ptr_array_add(l->sheet->cells, c);
    return c;
}

static void end_rows(Layout *l, guint rows, double height)
{
    for (guint i = 0; i < rows; i++)
        g_array_append_val(l->heights, height);
    l->row += rows;
}

static void place_block(Layout *l, const SbNode *block)
{
    SbBlockKind kind = block->type == SB_NODE_BLOCK ? block->as.block.kind : SB_BLOCK_BODY;
    SbSheetStyle style = kind == SB_BLOCK_ANNEX ? SB_SHEET_ANNEX
                       : kind == SB_BLOCK_TITLE || kind == SB_BLOCK_SUBTITLE ? SB_SHEET_TITLE
                       : SB_SHEET_TEXT;
    SbSheetCell *c = add_cell(l, l->row, 0, 1, l->sheet->n_cols, block, style);
    c->align = style == SB_SHEET_TITLE ? SB_ALIGN_CENTER : SB_ALIGN_LEFT;
    end_rows(l, 1, style == SB_SHEET_TITLE ? 30 : 20);
}

/* The rows of a table; the first table with header rows gives the rows a printed sheet
 * repeats on every page. */
static void place_table(Layout *l, const SbNode *table)
{
    gboolean takes_header = l->sheet->header_first < 0;
    for (const SbNode *row = table->first_child; row; row = row->next) {
        gboolean header = row->as.row.header;
        if (header && takes_header) {
            if (l->sheet->header_first < 0)
                l->sheet->header_first = (gint) l->row;
            l->sheet->header_last = (gint) l->row;
        }
        for (const SbNode *cell = row->first_child; cell; cell = cell->next) {
            SbSheetCell *c = add_cell(l, l->row, (guint) cell->as.cell.col, (guint) cell->as.cell.rowspan,
                                      (guint) cell->as.cell.colspan, cell,
                                      header ? SB_SHEET_HEADER : SB_SHEET_BODY);
            c->align = header ? SB_ALIGN_CENTER : cell->as.cell.align;
            c->valign = cell->as.cell.valign;
        }
        end_rows(l, 1, 0);
    }
}

/* The pages one after another, a blank row between two. */
static void place_document(Layout *l, const SbNode *doc)
{
    for (const SbNode *page = doc->first_child; page; page = page->next) {
        if (page != doc->first_child)
            end_rows(l, 1, 15);
        for (const SbNode *n = page->first_child; n; n = n->next) {
            if (n->type == SB_NODE_TABLE)
                place_table(l, n);
            else if (n->type == SB_NODE_BLOCK || n->type == SB_NODE_FIELD)
                place_block(l, n);
        }
    }
}

/* ---- sizes ---- */

static guint widest_table(const SbNode *doc)
{
    guint cols = 1;
    for (const SbNode *page = doc->first_child; page; page = page->next)
        for (const SbNode *n = page->first_child; n; n = n->next)
            if (n->type == SB_NODE_TABLE)
                cols = MAX(cols, (guint) n->as.table.n_cols);
    return cols;
}

static double span_width(const SbSheet *s, const SbSheetCell *c)
{
    double w = 0;
    for (guint i = c->col; i < c->col + c->cols && i < s->n_cols; i++)
        w += s->widths[i];
    return w;
}

/* Each column as wide as its widest one-column cell, within bounds; then each row as
 * tall as its tallest cell, a cell over several rows making its last row taller. */
static void size_grid(SbSheet *s, GArray *heights)
{
    for (guint i = 0; i < s->n_cols; i++)
        s->widths[i] = MIN_WIDTH;
    for (guint i = 0; i < s->cells->len; i++) {
        const SbSheetCell *c = s->cells->pdata[i];
        if (c->cols == 1 && c->style >= SB_SHEET_HEADER)
            s->widths[c->col] = MAX(s->widths[c->col], MIN(widest_line(c->text) + PADDING, MAX_WIDTH));
    }
    double *h = (double *) heights->data;
    for (int pass = 0; pass < 2; pass++)   /* one-row cells first */
        for (guint i = 0; i < s->cells->len; i++) {
            const SbSheetCell *c = s->cells->pdata[i];
            if ((c->rows == 1) != (pass == 0) || c->style < SB_SHEET_TEXT)
                continue;
            double need = wrapped_lines(c->text, span_width(s, c)) * LINE_POINTS + 4, have = 0;
            for (guint r = c->row; r < c->row + c->rows; r++)
                have += h[r];
            if (need > have)
                h[c->row + c->rows - 1] += need - have;
        }
    for (guint r = 0; r < s->n_rows; r++)
        if (h[r] <= 0)
            h[r] = LINE_POINTS + 4;   /* a row no cell starts in */
    s->heights = g_memdup2(h, sizeof(double) * s->n_rows);
}

static char *sheet_name(const SbNode *doc)
{
    const char *title = doc->as.document.title ? doc->as.document.title : "Sheet1";
    GString *s = g_string_new(NULL);
    /* Excel's names: at most 31 characters, none of []:*?/\ */
    for (const char *p = title; *p && g_utf8_strlen(s->str, -1) < 31; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!strchr("[]:*?/\\", (int) (c < 128 ? c : 'x')))
            g_string_append_unichar(s, c);
    }
    return g_string_free(s, FALSE);
}

SbSheet *sb_sheet_layout(const SbDocument *doc)
{
    SbSheet *s = g_new0(SbSheet, 1);
    s->name = sheet_name(doc->root);
    s->n_cols = widest_table(doc->root);
    s->cells = g_ptr_array_new();
    s->widths = g_new0(double, s->n_cols);
    s->header_first = s->header_last = -1;
    Layout l = { s, 0, g_array_new(FALSE, TRUE, sizeof(double)) };
    place_document(&l, doc->root);
    s->n_rows = l.row;
    size_grid(s, l.heights);
    g_array_unref(l.heights);
    return s;
}

void sb_sheet_free(SbSheet *s)
{
    if (!s)
        return;
    for (guint i = 0; i < s->cells->len; i++) {
        SbSheetCell *c = s->cells->pdata[i];
        g_free(c->text);
        g_free(c);
    }
    g_ptr_array_unref(s->cells);
    g_free(s->widths);
    g_free(s->heights);
    g_free(s->name);
    g_free(s);
}
