/* The lines of a layout as an array (pdf_linecache.h), kept on the layout and made again
 * when the layout changes: pango bumps its serial whenever it throws its lines away. */
#include "pdf_linecache.h"

typedef struct {
    guint serial;
    GPtrArray *lines;   /* PangoLayoutLine*, owned by the layout */
} LineCache;

static void cache_free(gpointer p)
{
    LineCache *c = p;
    g_ptr_array_unref(c->lines);
    g_free(c);
}

static GPtrArray *lines_of(PangoLayout *layout)
{
    static gsize key;   /* a GQuark, made once whichever thread comes first */
    if (g_once_init_enter(&key))
        g_once_init_leave(&key, g_quark_from_static_string("sb-line-cache"));
    LineCache *c = g_object_get_qdata(G_OBJECT(layout), key);
    GSList *list = pango_layout_get_lines_readonly(layout);   /* lays it out if it changed */
    guint serial = pango_layout_get_serial(layout);
    if (c && c->serial == serial)
        return c->lines;
    if (!c) {
        c = g_new0(LineCache, 1);
        c->lines = g_ptr_array_new();
        g_object_set_qdata_full(G_OBJECT(layout), key, c, cache_free);
    }
    g_ptr_array_set_size(c->lines, 0);
    for (GSList *l = list; l; l = l->next)
        g_ptr_array_add(c->lines, l->data);
    c->serial = serial;
    return c->lines;
}

PangoLayoutLine *sb_layout_line(PangoLayout *layout, int i)
{
    GPtrArray *lines = lines_of(layout);
    return i >= 0 && (guint)i < lines->len ? lines->pdata[i] : NULL;
}

int sb_layout_line_count(PangoLayout *layout)
{
    return (int)lines_of(layout)->len;
}
