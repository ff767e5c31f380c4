/* Punctuation fitting on windows of a paragraph: the loose lines are tried on a layout of a
 * few lines of its text at a time, so that a paragraph of any length costs one layout of
 * it plus work in proportion to its lines. */
#ifndef SB_PDF_FITWIN_H
#define SB_PDF_FITWIN_H

#include <pango/pango.h>

/* Fits the loose lines of `layout` as sb_punct_fit_lines does, trying each on a window of
 * the text around it, then lays the paragraph out once with the marks kept half wide.
 * FALSE, the layout as it was, when the paragraph cannot be tried that way or its lines
 * then differ from the windows' (the caller then tries on the whole paragraph). */
gboolean sb_fit_windows(PangoLayout *layout, double size);

#endif
