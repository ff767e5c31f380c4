/* The document properties of a DOCX: custom.xml (the form id, the tags of "_sb…"
 * bookmarks) and the keywords of core.xml. */
#include "docx_read.h"

#include <string.h>

#define NS_CP "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

/* Picks out an element whose text is wanted, and names it. */
typedef gboolean (*PickFunc)(const SbXmlPart *p, char **key);

/* key -> text (stripped) of each element `pick` picks out. */
static gboolean collect(SbXmlPart *p, PickFunc pick, GHashTable *out, GError **error)
{
    int r, inside = -1;
    char *key = NULL;
    GString *text = g_string_new(NULL);
    while ((r = sb_xml_part_next(p, error)) == 1) {
        int type = xmlTextReaderNodeType(p->reader);
        int depth = xmlTextReaderDepth(p->reader);
        if (type == XML_READER_TYPE_ELEMENT && inside < 0 && !xmlTextReaderIsEmptyElement(p->reader) &&
            pick(p, &key)) {
            inside = depth;
            g_string_truncate(text, 0);
        } else if (type == XML_READER_TYPE_END_ELEMENT && depth == inside) {
            g_hash_table_replace(out, key, g_strstrip(g_strdup(text->str)));
            key = NULL;
            inside = -1;
        } else if (inside >= 0 && sb_xml_part_at_text(p)) {
            g_string_append(text, (const char *)xmlTextReaderConstValue(p->reader));
        }
    }
    g_free(key);
    g_string_free(text, TRUE);
    return r == 0;
}

static gboolean read_part(SbZipReader *zip, const char *name, PickFunc pick, GHashTable *out, GError **error)
{
    if (!sb_zip_reader_has(zip, name))
        return TRUE;
    SbXmlPart p;
    gboolean ok = sb_xml_part_open(&p, zip, name, error) && collect(&p, pick, out, error);
    sb_xml_part_close(&p);
    return ok;
}

static gboolean custom_property(const SbXmlPart *p, char **key)
{
    const char *local = (const char *)xmlTextReaderConstLocalName(p->reader);
    if (!local || strcmp(local, "property") != 0)
        return FALSE;
    *key = sb_xml_part_attr(p, NULL, "name");
    return *key != NULL;
}

GHashTable *docx_read_custom(SbZipReader *zip, GError **error)
{
    GHashTable *props = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (!read_part(zip, "docProps/custom.xml", custom_property, props, error)) {
        g_hash_table_unref(props);
        return NULL;
    }
    return props;
}

static gboolean keywords(const SbXmlPart *p, char **key)
{
    if (!sb_xml_part_is(p, NS_CP, "keywords", FALSE))
        return FALSE;
    *key = g_strdup("keywords");
    return TRUE;
}

gboolean docx_read_keywords(SbZipReader *zip, char **out, GError **error)
{
    GHashTable *found = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    gboolean ok = read_part(zip, "docProps/core.xml", keywords, found, error);
    *out = ok ? g_strdup(g_hash_table_lookup(found, "keywords")) : NULL;
    g_hash_table_unref(found);
    return ok;
}
