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

/* From pdf_punct.c: where the run a clreq rule carried to a line start ends (NULL when
 * none), and one trial of halving it; the kept marks' offsets plus `base` go to `kept_at`. */
const char *sb_punct_carried_run_end(const char *start);
gboolean sb_punct_try_line(PangoLayout *layout, int i, const char *until, GArray *kept_at, guint base);

#endif
