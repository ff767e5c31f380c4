/* Chinese punctuation: where lines may not break (clreq), and compression (标点挤压). */
#ifndef SB_PDF_PUNCT_H
#define SB_PDF_PUNCT_H

#include <pango/pango.h>

/* Marks no line may start with, and marks no line may end with. */
gboolean sb_clreq_no_break_before(gunichar c);
gboolean sb_clreq_no_break_after(gunichar c);

/* Two full-width marks side by side (）：, 。” …) are set with one of them half wide, as
 * clreq asks of adjacent punctuation. */
void sb_punct_compress_pairs(const char *text, PangoAttrList *attrs);

/* A justified line that lost its last characters to a clreq rule (a closing mark may not
 * start the next line, so the character before it came down too) would be spread wide.
 * Such a line gets its punctuation set half wide when that lets it keep those characters. */
void sb_punct_fit_lines(PangoLayout *layout, double size);

/* clreq's one rule for line ends: in a justified paragraph a closing mark that ends a line
 * is set half wide, its blank half given to the line's spacing, unless that would change
 * where the lines break (the mark would then stand halved mid-line). */
void sb_punct_line_ends(PangoLayout *layout);

/* Justification as Chinese typesetting spreads it: when pango's spreading would put slack
 * into a space ("YG-OCT   3000") or between the letters and digits of a Latin run
 * ("1 3 . 0 %"), pango's justification is turned off and each wrapped line gets all of
 * its slack as letter spacing on its Chinese characters and marks.  A line with none of
 * those (a URL cut at its natural points) is set as it is, ragged; so is a paragraph that
 * is one Latin token.  Lines that the spacing would break anew (checkboxes) keep pango's
 * justification over what one spacing unit under leaves. */
void sb_punct_spread_slack(PangoLayout *layout);

#endif
