/* The laid-out sheet (xlsx_layout.c) into a workbook through libxlsxwriter: fonts and
 * borders by style, merged cells, the printed page (A4, the header rows on every page,
 * as wide as one page), and fixed document properties so the same document gives the
 * same bytes. */
#include "xlsx.h"

#include "shenbao/shenbao.h"
#include "util.h"

#include <xlsxwriter.h>

/* The font Chinese offices have for table text (宋体), and the title's size (三号). */
#define SHEET_FONT "宋体"
#define BODY_POINTS 11
#define TITLE_POINTS 16

typedef struct {
    lxw_workbook *book;
    lxw_format *formats[5][4][3];   /* style × align × valign, made when first needed */
} Formats;

static uint8_t horizontal(SbAlign a)
{
    switch (a) {
    case SB_ALIGN_CENTER: return LXW_ALIGN_CENTER;
    case SB_ALIGN_RIGHT: return LXW_ALIGN_RIGHT;
    case SB_ALIGN_JUSTIFY: return LXW_ALIGN_JUSTIFY;
    default: return LXW_ALIGN_LEFT;
    }
}

static uint8_t vertical(SbVAlign a)
{
    return a == SB_VALIGN_TOP ? LXW_ALIGN_VERTICAL_TOP
         : a == SB_VALIGN_BOTTOM ? LXW_ALIGN_VERTICAL_BOTTOM : LXW_ALIGN_VERTICAL_CENTER;
}

static lxw_format *format_for(Formats *f, const SbSheetCell *c)
{
    lxw_format **slot = &f->formats[c->style][c->align][c->valign];
    if (*slot)
        return *slot;
    lxw_format *fmt = workbook_add_format(f->book);
    format_set_font_name(fmt, SHEET_FONT);
    format_set_font_size(fmt, c->style == SB_SHEET_TITLE ? TITLE_POINTS : BODY_POINTS);
    if (c->style == SB_SHEET_TITLE || c->style == SB_SHEET_HEADER)
        format_set_bold(fmt);
    if (c->style >= SB_SHEET_HEADER)
        format_set_border(fmt, LXW_BORDER_THIN);
    format_set_align(fmt, horizontal(c->align));
    format_set_align(fmt, vertical(c->valign));
    format_set_text_wrap(fmt);
    return *slot = fmt;
}

static lxw_error write_cell(lxw_worksheet *ws, Formats *f, const SbSheetCell *c)
{
    lxw_format *fmt = format_for(f, c);
    lxw_error e = LXW_NO_ERROR;
    if (c->rows > 1 || c->cols > 1)
        e = worksheet_merge_range(ws, c->row, (lxw_col_t) c->col, c->row + c->rows - 1,
                                  (lxw_col_t) (c->col + c->cols - 1), c->number ? "" : c->text, fmt);
    else if (!c->number)
        e = worksheet_write_string(ws, c->row, (lxw_col_t) c->col, c->text, fmt);
    if (e == LXW_NO_ERROR && c->number)
        e = worksheet_write_number(ws, c->row, (lxw_col_t) c->col, g_ascii_strtod(c->text, NULL), fmt);
    return e;
}

/* A4 (paper 9), as wide as one page, landscape when the columns would not fit upright. */
static void set_printing(lxw_worksheet *ws, const SbSheet *s)
{
    double width = 0;
    for (guint i = 0; i < s->n_cols; i++)
        width += s->widths[i];
    worksheet_set_paper(ws, 9);
    if (width > 100)
        worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_set_footer(ws, "&C— &P —");
    if (s->header_first >= 0) {
        worksheet_repeat_rows(ws, (lxw_row_t) s->header_first, (lxw_row_t) s->header_last);
        worksheet_freeze_panes(ws, (lxw_row_t) s->header_last + 1, 0);
    }
    /* a single header row can sort and filter what is below it */
    if (s->header_first >= 0 && s->header_first == s->header_last && s->n_cols > 1)
        worksheet_autofilter(ws, (lxw_row_t) s->header_last, 0, (lxw_row_t) s->header_last,
                             (lxw_col_t) (s->n_cols - 1));
}

/* The document's own date (fixed per edition, or SOURCE_DATE_EPOCH): never the time of
 * writing. */
static time_t document_time(const SbNode *doc)
{
    GDateTime *t = doc->as.document.date ? g_date_time_new_from_iso8601(doc->as.document.date, NULL) : NULL;
    time_t when = t ? (time_t) g_date_time_to_unix(t) : 315532800;   /* 1980-01-01 */
    if (t)
        g_date_time_unref(t);
    return when;
}

static lxw_error write_sheet(lxw_workbook *book, const SbDocument *doc, const SbSheet *s)
{
    lxw_doc_properties props = {
        .title = doc->root->as.document.title,
        .subject = doc->root->as.document.subject,
        .created = document_time(doc->root),
    };
    lxw_error e = workbook_set_properties(book, &props);
    lxw_worksheet *ws = workbook_add_worksheet(book, s->name);
    if (ws == NULL)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (guint i = 0; e == LXW_NO_ERROR && i < s->n_cols; i++)
        e = worksheet_set_column(ws, (lxw_col_t) i, (lxw_col_t) i, s->widths[i], NULL);
    for (guint r = 0; e == LXW_NO_ERROR && r < s->n_rows; r++)
        e = worksheet_set_row(ws, r, s->heights[r], NULL);
    Formats f = { book, {{{0}}} };
    for (guint i = 0; e == LXW_NO_ERROR && i < s->cells->len; i++)
        e = write_cell(ws, &f, s->cells->pdata[i]);
    set_printing(ws, s);
    return e;
}

gboolean sb_write_xlsx(const SbDocument *doc, const char *path, GError **error)
{
    char *tmp = sb_temp_path(path);
    SbSheet *s = sb_sheet_layout(doc);
    lxw_workbook *book = workbook_new(tmp);
    lxw_error e = book ? write_sheet(book, doc, s) : LXW_ERROR_CREATING_XLSX_FILE;
    /* closing writes the file, and frees the workbook even after an error */
    lxw_error closed = book ? workbook_close(book) : LXW_NO_ERROR;
    if (e == LXW_NO_ERROR)
        e = closed;
    sb_sheet_free(s);
    gboolean ok = e == LXW_NO_ERROR;
    if (!ok)
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", path, lxw_strerror(e));
    ok = ok && sb_commit_file(tmp, path, error);
    if (!ok)
        sb_discard_file(tmp);
    g_free(tmp);
    return ok;
}
