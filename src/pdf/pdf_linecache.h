/* A paragraph's lines by index in constant time.  pango keeps a layout's lines in a list,
 * so reaching line i walks i links, and a pass over the lines of a long paragraph by
 * index (a 100,000-letter run is 2000 lines) would cost the square of its lines. */
#ifndef SB_PDF_LINECACHE_H
#define SB_PDF_LINECACHE_H

#include <pango/pango.h>

/* Line i of the layout as it stands (owned by the layout, valid until it changes). */
PangoLayoutLine *sb_layout_line(PangoLayout *layout, int i);
int sb_layout_line_count(PangoLayout *layout);

#endif
