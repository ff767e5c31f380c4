/* Automatic styles: each distinct set of properties becomes one style, named in the
 * order it is first asked for.  The properties are written with the XML writer like
 * everything else, and that text is also the key that finds the style again.  One writer
 * serves every style of a document: a writer per paragraph cost more than the style. */
#include "odt.h"

typedef struct {
    char *family, *parent, *name;
    const char *master;   /* the master page it starts, or NULL */
    char *props;     /* the *-properties elements */
} AutoStyle;

struct OdtStyles {
    GPtrArray *order;       /* AutoStyle*, in order of first use */
    GHashTable *by_key;     /* family|parent|props → AutoStyle* (owned by order) */
    GHashTable *counters;   /* prefix → last number used */
    OdtXml *scratch;        /* the properties being written, reused from style to style */
    const char *master;     /* the master page the next style starts, or NULL */
};

void odt_style_set_master(OdtStyles *s, const char *master)
{
    s->master = master;
}

static void auto_style_free(gpointer p)
{
    AutoStyle *a = p;
    g_free(a->family);
    g_free(a->parent);
    g_free(a->name);
    g_free(a->props);
    g_free(a);
}

OdtStyles *odt_styles_new(void)
{
    OdtStyles *s = g_new0(OdtStyles, 1);
    s->order = g_ptr_array_new_with_free_func(auto_style_free);
    s->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s->counters = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return s;
}

void odt_styles_free(OdtStyles *s)
{
    if (!s)
        return;
    odt_xml_free(s->scratch);
    g_hash_table_unref(s->by_key);
    g_hash_table_unref(s->counters);
    g_ptr_array_unref(s->order);
    g_free(s);
}

OdtXml *odt_style_begin(OdtStyles *s)
{
    if (s->scratch && s->scratch->failed)
        g_clear_pointer(&s->scratch, odt_xml_free);   /* a failure stays with its style */
    if (!s->scratch)
        s->scratch = odt_xml_new(FALSE);
    return s->scratch;
}

static char *next_name(OdtStyles *s, const char *prefix)
{
    int n = GPOINTER_TO_INT(g_hash_table_lookup(s->counters, prefix)) + 1;
    g_hash_table_insert(s->counters, g_strdup(prefix), GINT_TO_POINTER(n));
    return g_strdup_printf("%s%d", prefix, n);
}

const char *odt_style_end(OdtStyles *s, const char *family, const char *parent, const char *prefix)
{
    char *props = odt_xml_take(s->scratch);
    const char *master = s->master;
    s->master = NULL;
    if ((!props || !*props) && !master) {
        g_free(props);
        return parent;
    }
    if (!props)
        props = g_strdup("");
    char *key = g_strjoin("|", family, parent ? parent : "", master ? master : "", props, NULL);
    AutoStyle *a = g_hash_table_lookup(s->by_key, key);
    if (a) {
        g_free(key);
        g_free(props);
        return a->name;
    }
    a = g_new0(AutoStyle, 1);
    a->family = g_strdup(family);
    a->parent = g_strdup(parent);
    a->name = next_name(s, prefix);
    a->master = master;
    a->props = props;
    g_ptr_array_add(s->order, a);
    g_hash_table_insert(s->by_key, key, a);
    return a->name;
}

void odt_styles_write(const OdtStyles *s, OdtXml *x)
{
    for (guint i = 0; i < s->order->len; i++) {
        const AutoStyle *a = s->order->pdata[i];
        odt_start(x, "style:style");
        odt_attr(x, "style:name", a->name);
        odt_attr(x, "style:family", a->family);
        if (a->parent)
            odt_attr(x, "style:parent-style-name", a->parent);
        if (a->master)
            odt_attr(x, "style:master-page-name", a->master);
        odt_raw(x, a->props);
        odt_end(x);
    }
}
