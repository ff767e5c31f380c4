/* One baseline for every glyph of a line, whatever face it came from (pdf_baseline.c). */
#ifndef SB_PDF_BASELINE_H
#define SB_PDF_BASELINE_H

#include <pango/pango.h>

/* Puts every run of the layout's lines on the line's baseline.  Call it once the lines are
 * final: any change to the layout lays its lines out anew. */
void sb_baseline_share(PangoLayout *layout);

#endif
