/* How often the PDF writer has pango lay paragraphs out: the benchmark prints it against
 * the floor program's one layout per paragraph (bench-render); nothing else reads it.
 *
 * A layout is counted where the writer changes a PangoLayout it reads afterwards (pango
 * lays the whole paragraph out again at the next read), through the wrappers below.  The
 * counters are process-wide and atomic: the batch renders on several threads. */
#ifndef SB_PDF_COUNT_H
#define SB_PDF_COUNT_H

#include <pango/pango.h>

typedef struct {
    guint paragraphs;   /* paragraphs laid out (sb_text_items) */
    guint layouts;      /* full layouts of those paragraphs */
    guint probes;       /* small layouts of a token's width (pdf_lines.c) */
} SbLayoutCounts;

/* The counts since the process started; subtract two snapshots to count a stretch. */
SbLayoutCounts sb_layout_counts(void);

void sb_count_paragraph(void);
void sb_count_layout(void);
void sb_count_probe(void);

/* pango's setters, counting a layout when the setting changed the layout. */
void sb_layout_set_attributes(PangoLayout *layout, PangoAttrList *attrs);
void sb_layout_set_width(PangoLayout *layout, int width);
void sb_layout_set_justify(PangoLayout *layout, gboolean justify);
void sb_layout_set_wrap(PangoLayout *layout, PangoWrapMode wrap);

#endif
