/* The spreadsheet writer: a document's tables as one worksheet of an XLSX workbook
 * (through libxlsxwriter), the way secretariats pass a 汇总表 around — the form's title,
 * its header rows, one row per table row with the merged cells of the form, the notes
 * below, columns as wide as their text and rows as tall as their wrapped lines. */
#ifndef SB_XLSX_H
#define SB_XLSX_H

#include "doc.h"

typedef enum {
    SB_SHEET_ANNEX,    /* 附件 5 */
    SB_SHEET_TITLE,    /* the form's title and subtitle */
    SB_SHEET_TEXT,     /* notes and other paragraphs, across the sheet */
    SB_SHEET_HEADER,   /* a table's header rows */
    SB_SHEET_BODY,     /* the other table cells */
} SbSheetStyle;

typedef struct {
    guint row, col, rows, cols;   /* 0-based place and spans */
    char *text;                   /* lines separated by \n */
    gboolean number;              /* a counter (序号): written as a number */
    SbSheetStyle style;
    SbAlign align;
    SbVAlign valign;
} SbSheetCell;

typedef struct {
    char *name;                   /* the worksheet's name */
    guint n_rows, n_cols;
    GPtrArray *cells;             /* SbSheetCell*, by row then column */
    double *widths;               /* n_cols, in Excel's units (widths of a digit) */
    double *heights;              /* n_rows, points */
    gint header_first, header_last;   /* the first table's header rows, or -1 */
} SbSheet;

/* The cells, widths and heights of the document's sheet (xlsx_layout.c). */
SbSheet *sb_sheet_layout(const SbDocument *doc);
void sb_sheet_free(SbSheet *sheet);

/* Writes the sheet atomically, byte for byte the same for the same document. */
gboolean sb_write_xlsx(const SbDocument *doc, const char *path, GError **error);

#endif
