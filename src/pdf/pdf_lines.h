/* Corrections to the lines pango chose for a paragraph (pdf_lines.c). */
#ifndef SB_PDF_LINES_H
#define SB_PDF_LINES_H

#include <pango/pango.h>

/* Tokens (codes, phones, e-mails, URLs) that a line break cut although they fit `width`
 * points are kept whole.  TRUE when the layout changed. */
gboolean sb_lines_keep_tokens(PangoLayout *layout, double width);

/* A last line holding one lone character gets company: with `balance` (centred labels) the
 * lines are set to even lengths in a narrower width, and the return value is how far
 * right (points) the narrower layout must be drawn to stay centred; otherwise one more
 * character comes down from the line above and 0 is returned.  Nothing changes when
 * neither helps. */
double sb_lines_avoid_lone(PangoLayout *layout, gboolean balance);

/* A line that is still wider than the layout (a run the rules bind, a token longer than a
 * line) is made to fit: first its end marks set half wide, then a break at the least bad
 * place of the run (before a …… pair, at a model number's space, a mark rule, inside a
 * token too long for the line), never between two closing marks nor inside a pair; only
 * when none fits do the break rules over it go, so that pango may break it anywhere: a
 * character sticking out of its cell is worse than a mark at a line's start.  A break
 * added is a zero-width space in the layout's text (not drawn, not in the PDF's text).
 * TRUE when the layout changed. */
gboolean sb_lines_no_overflow(PangoLayout *layout);

#endif
