/* Chinese punctuation: where lines may not break (clreq), and compression (标点挤压). */
#ifndef SB_PDF_PUNCT_H
#define SB_PDF_PUNCT_H

#include <pango/pango.h>

/* A zero-width space: a break opportunity of the layout that is not in the text. */
#define SB_ZERO_WIDTH_SPACE 0x200B
/* U+2028, the line break shenbao puts into a paragraph's text for a <br/>. */
#define SB_LINE_SEPARATOR 0x2028

/* Marks no line may start with, and marks no line may end with. */
gboolean sb_clreq_no_break_before(gunichar c);
gboolean sb_clreq_no_break_after(gunichar c);

/* Inserts a zero-width space where clreq allows a break beside a quotation mark and pango
 * does not (before “ after Latin text, after ” before a character), moving the attributes
 * after it. */
void sb_clreq_quote_breaks(GString *text, PangoAttrList *attrs);

/* Two full-width marks side by side (）：, 。” …) are set with one of them half wide, as
 * clreq asks of adjacent punctuation.  Takes `attrs` and returns the list with the halts,
 * built in order. */
PangoAttrList *sb_punct_compress_pairs(const char *text, PangoAttrList *attrs);

/* A new list: `attrs` (not changed, may be NULL) with a halt over each character at the
 * ascending byte offsets `at` (guint) of `text`, placed as pango_attr_list_insert would
 * place them, the list built in order. */
PangoAttrList *sb_attrs_with_halts(PangoAttrList *attrs, const char *text, const GArray *at);

/* Where the run a clreq rule carried to a line start ends (NULL when none); one trial of
 * setting its marks half wide so that line i keeps it (TRUE when kept; the kept marks'
 * byte offsets plus `base` then go to `kept_at`, if given).  Shared by the trials on the
 * whole paragraph and on windows of it (pdf_fitwin.c). */
const char *sb_punct_carried_run_end(const char *start);
gboolean sb_punct_try_line(PangoLayout *layout, int i, const char *until, GArray *kept_at, guint base);

/* A justified line that lost its last characters to a clreq rule (a closing mark may not
 * start the next line, so the character before it came down too) would be spread wide.
 * Such a line gets its punctuation set half wide when that lets it keep those characters. */
void sb_punct_fit_lines(PangoLayout *layout, double size);

/* clreq's one rule for line ends: in a justified paragraph a closing mark that ends a line
 * is set half wide, its blank half given to the line's spacing, unless that would change
 * where the lines break (the mark would then stand halved mid-line). */
void sb_punct_line_ends(PangoLayout *layout);

/* Line i is wider than its room (a run no break fits): the opening mark that starts it and
 * the closing marks that end it are set half wide, as clreq allows at a line's ends.
 * Kept, and TRUE, when that narrows the line and each halved mark still stands at a
 * line's end. */
gboolean sb_punct_squeeze_line(PangoLayout *layout, int i);

/* A mark halved at a line's end that lines broken anew moved into the middle of a line,
 * no mark beside it, is set full wide again.  TRUE when the layout changed. */
gboolean sb_punct_drop_stray_halves(PangoLayout *layout);

#endif
