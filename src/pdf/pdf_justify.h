/* Justification of a paragraph's wrapped lines over its Chinese characters (pdf_justify.c). */
#ifndef SB_PDF_JUSTIFY_H
#define SB_PDF_JUSTIFY_H

#include <pango/pango.h>

/* Spreads each wrapped line's slack over the gaps beside its Chinese characters, marks and
 * shapes, by widening glyph advances: never into a space, never between the letters or
 * digits of a Latin run, and without moving a line break.  A line with no such gap (a URL
 * cut at its natural points) stays ragged.  pango's own justification is turned off.
 * Call it last: any later change to the layout lays it out anew and drops the spreading. */
void sb_justify_lines(PangoLayout *layout);

#endif
