/* Runs of another face on one baseline.
 *
 * pango (1.50) lines up the runs of a line by the OpenType BASE table of their faces: for
 * Chinese text, by the bottom of the ideographic character face (icfb), taken from the
 * line's first run.  The faces behind the roles disagree about where that is: FandolFang
 * (仿宋) puts it 5/1000 em under the baseline, Noto Serif CJK (the fallback for the rare
 * characters FandolFang lacks) 78/1000, LXGW WenKai (楷体) gives none and harfbuzz guesses
 * one.  So a rare character in 仿宋 text stood 0.073 em (1.2 pt at 三号) above its
 * neighbours, and the 仿宋 text after a 楷体 run-in heading 0.24 pt below it.  The official
 * forms set all their faces on one baseline, as Word and LibreOffice do; the shift pango
 * chose is each run's y_offset, cleared here.  No attribute of shenbao's asks for a shift
 * of its own (no rise, no baseline-shift), so nothing else is lost. */
#include "pdf_baseline.h"

void sb_baseline_share(PangoLayout *layout)
{
    /* pango_layout_get_lines (not _readonly) tells pango the runs may change, so it no
     * longer caches the lines' extents and measures them with the runs as they are now */
    for (GSList *l = pango_layout_get_lines(layout); l; l = l->next)
        for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r; r = r->next)
            ((PangoGlyphItem *) r->data)->y_offset = 0;
}
