/* The parts of a table (pdf_table.c) that its placement on pages (pdf_table_place.c)
 * works with: its cells, its rows' heights and painting. */
#ifndef SB_PDF_TABLE_PARTS_H
#define SB_PDF_TABLE_PARTS_H

#include "pdf.h"

#define HPAD (1.0 * SB_MM)
#define VPAD (1.0 * SB_MM)
/* A row group up to this tall is kept on one page; a taller one flows across the break,
 * its label cell continued, as Word does with a merged cell. */
#define SHORT_GROUP(t) ((t)->flow->g.type_h / 4)
/* The least room worth cutting a row for: three lines of table text. */
#define MIN_CUT (3 * 10.5 * 1.45 + 2 * VPAD)
/* A line of a blank field's room to write in (pdf_text.c add_room). */
#define ROOM_LINE 28.95
/* Blank room left over from a cut row and shorter than this is not carried to the next
 * page, where it would make a row of a thin empty slice: the room ends a little short. */
#define THIN_ROOM (2.5 * ROOM_LINE)
/* Blank room carried over so that the row it makes is worth having: three lines. */
#define CARRY_ROOM (3 * ROOM_LINE + 2 * VPAD)

typedef struct {
    const SbNode *node;
    int first_row;       /* the row the form starts it in: cells stay sorted by it */
    int row, rowspan;    /* rows still to draw: from `row`, `rowspan` of them */
    double x, w;         /* from the table's left edge */
    GArray *items;
    guint next;          /* first item not drawn yet */
    gboolean split;      /* drawn in part already: the rest starts at the top */
    gboolean side;       /* starts in the header and reaches into the body (a label column) */
} Cell;

struct SbTable {
    Flow *flow;
    int n_rows, header_rows;
    double *min_h;       /* per row, the height the form asks for */
    gboolean *caption;   /* per row: one label across the table, （二）牵头医疗机构 */
    GPtrArray *cells;    /* Cell*, by starting row */
    guint n_header_cells;
    guint lo;            /* cells before this one are drawn and behind the row being placed */
    GPtrArray *sides;    /* Cell*, the side cells not drawn to their end yet */
    double side_top;     /* where this page's part of the table, and of its side cells, begins */
    double seal_after;   /* the opinion table after this one, which its last rows keep company */
    double *h;           /* scratch: row heights, n_rows of them */
    double *top;         /* scratch: row tops within a part, n_rows + 1 of them */
    guint *grid;         /* per row, a hash of the columns its cells cover */
};

/* Defined in pdf_table.c, each described there. */
Cell *sb_table_cell_before(const SbTable *t, guint i, int to);
double sb_table_content_height(const Cell *c);
void sb_table_continue_on_new_page(SbTable *t);
void sb_table_draw_side(SbTable *t, Cell *c, double bottom, gboolean last);
int sb_table_group_end(const SbTable *t, int start);
double sb_table_header_height(SbTable *t);
int sb_table_last_row(const Cell *c);
void sb_table_paint_header(SbTable *t);
void sb_table_paint_rows(SbTable *t, int from, int to, gboolean repeat, gboolean cut);
void sb_table_row_heights(SbTable *t, int from, int to);
double sb_table_sum(const double *h, int from, int to);
guint sb_table_window(const SbTable *t, int from);

#endif
