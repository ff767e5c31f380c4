/* The PDF writer's shared state: where on which page the next thing goes.
 *
 * GB/T 9704 geometry: A4, top margin 37 mm, binding margin 28 mm, type area 156 × 225 mm,
 * page number 7 mm below the type area. */
#ifndef SB_PDF_H
#define SB_PDF_H

#include <cairo-pdf.h>
#include "pdf_text.h"

#define SB_MM (72.0 / 25.4)
/* Rounding slack: a line that overhangs the type area by less than this still fits. */
#define SB_EPSILON 0.01

/* A sheet and its type area, in points.  Portrait: A4 with the GB/T 9704 margins.
 * Landscape (a wide table): the sheet on its side, a type area of 225 × 156 mm, the
 * binding margin of 37 mm at the left and the page number 7 mm below the type area. */
typedef struct {
    double page_w, page_h, left, top, type_w, type_h;
} SbGeometry;

SbGeometry sb_geometry(gboolean landscape);

typedef struct {
    SbFonts *fonts;
    SbGeometry g;           /* of the sheet being drawn */
    cairo_surface_t *surface;
    cairo_t *cr;
    int page;               /* 1-based number of the page being drawn */
    double y;               /* where the next item's top goes */
    gboolean page_empty;    /* nothing drawn on this page yet */
    int outline[4];         /* the last outline entry of each level, for nesting */
} Flow;

/* Draws the whole document, starting on the surface's first page. */
void sb_flow_document(Flow *flow, const SbNode *doc);

/* Finishes the page (its number) and starts the next. */
void sb_flow_new_page(Flow *flow);
/* Room left on the page below y. */
double sb_flow_room(const Flow *flow);

/* A table laid out (its cells measured) and ready to be placed. */
SbTable *sb_table_new(Flow *flow, const SbNode *table);
void sb_table_free(SbTable *table);
/* The height a table needs before its first body row may start a page (header + first group). */
double sb_table_lead_height(SbTable *table);
/* The height of the opinion a table starts with (its header and a first group holding a
 * seal), or 0 when it starts with anything else. */
double sb_table_seal_lead(SbTable *table);
/* The table is followed by an opinion table needing `height` (gaps between included): its
 * last rows go along with that opinion rather than leave it alone at the top of a page. */
void sb_table_keep_with_seal(SbTable *table, double height);
/* Draws the table from flow->y on, over as many pages as it needs (once). */
void sb_table_place(SbTable *table);

/* Painting helpers. */
void sb_paint_page_number(Flow *flow);
void sb_paint_seal(Flow *flow, const SbItem *item, double x, double y);
void sb_paint_rect(cairo_t *cr, double x, double y, double w, double h);

#endif
