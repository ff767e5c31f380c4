/* Paragraphs as lines: the measuring half of the PDF writer.
 *
 * A paragraph becomes a run of items, one per line plus the space around it.  The page
 * and table layout only ever stack items, so a paragraph splits between any two lines. */
#ifndef SB_PDF_TEXT_H
#define SB_PDF_TEXT_H

#include "fonts.h"

typedef enum {
    SB_ITEM_LINE,    /* one line of a paragraph */
    SB_ITEM_GAP,     /* vertical space; dropped at the top of a page */
    SB_ITEM_SEAL,    /* a seal block, never split */
    SB_ITEM_TABLE,   /* a table, placed by pdf_table.c; its height is what must fit with
                        the item before it (header and first row group) */
} SbItemKind;

typedef struct SbTable SbTable;

typedef struct {
    SbItemKind kind;
    double height;            /* points */
    PangoLayout *layout;      /* LINE: the paragraph (one reference per item) */
    int line;                 /* LINE: the line's index in the layout */
    double x;                 /* LINE: the line's left edge from the box's left */
    double baseline;          /* LINE: from the item's top */
    const SbNode *node;       /* LINE: the paragraph; SEAL: the seal */
    gboolean keep_with_next;  /* the page may not break right after this item */
    double width;             /* SEAL: the box width */
    SbTable *table;           /* TABLE: laid out, owned by whoever owns the item list */
} SbItem;

/* A growable list of items; frees the layout references with it. */
GArray *sb_items_new(void);
void sb_items_free(GArray *items);
double sb_items_height(const GArray *items, guint from, guint to);

/* Appends the lines of a BLOCK laid out `width` points wide. */
void sb_text_items(SbFonts *fonts, const SbNode *block, double width, GArray *items);

/* Appends the items of one block-level node (BLOCK, SEAL, SPACE, block FIELD). */
void sb_node_items(SbFonts *fonts, const SbNode *node, double width, GArray *items);

/* Appends the items of every block below `node` (cells, block fields, seals). */
void sb_flow_items(SbFonts *fonts, const SbNode *node, double width, GArray *items);

/* Draws the item's line with its baseline at y + item->baseline. */
void sb_paint_line(cairo_t *cr, const SbItem *item, double x, double y);

/* Makes the context draw checkboxes and blanks (shape attributes) as vector marks. */
void sb_text_install_shapes(PangoContext *context);

/* The line pitch of a paragraph: 28.95 pt for 三号 body text as in GB/T 9704. */
double sb_line_pitch(const SbNode *block);

#endif
