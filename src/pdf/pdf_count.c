/* Counting paragraph layouts for the benchmark (pdf_count.h). */
#include "pdf_count.h"

static gint paragraphs, layouts, probes;

SbLayoutCounts sb_layout_counts(void)
{
    return (SbLayoutCounts){(guint)g_atomic_int_get(&paragraphs), (guint)g_atomic_int_get(&layouts),
                            (guint)g_atomic_int_get(&probes)};
}

void sb_count_paragraph(void)
{
    g_atomic_int_inc(&paragraphs);
}

void sb_count_layout(void)
{
    g_atomic_int_inc(&layouts);
}

void sb_count_probe(void)
{
    g_atomic_int_inc(&probes);
}

/* pango bumps a layout's serial whenever a change throws its lines away. */
static void count_change(PangoLayout *layout, guint serial)
{
    if (pango_layout_get_serial(layout) != serial)
        sb_count_layout();
}

void sb_layout_set_attributes(PangoLayout *layout, PangoAttrList *attrs)
{
    guint serial = pango_layout_get_serial(layout);
    pango_layout_set_attributes(layout, attrs);
    count_change(layout, serial);
}

void sb_layout_set_width(PangoLayout *layout, int width)
{
    guint serial = pango_layout_get_serial(layout);
    pango_layout_set_width(layout, width);
    count_change(layout, serial);
}

void sb_layout_set_justify(PangoLayout *layout, gboolean justify)
{
    guint serial = pango_layout_get_serial(layout);
    pango_layout_set_justify(layout, justify);
    count_change(layout, serial);
}

void sb_layout_set_wrap(PangoLayout *layout, PangoWrapMode wrap)
{
    guint serial = pango_layout_get_serial(layout);
    pango_layout_set_wrap(layout, wrap);
    count_change(layout, serial);
}
