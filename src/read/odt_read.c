/* Reading an ODT back: the package must say it is OpenDocument text, meta.xml must name
 * the shenbao form it was made from, and content.xml holds the fields (odt_read_fields.c).
 *
 * Every part is streamed with xml_part.h's reader: no network, no entity substitution,
 * no DTD loading, and a part with a DOCTYPE is refused outright. */
#include "odt_read.h"
#include "shenbao/shenbao.h"

#include <string.h>

#define NOT_OURS "not a document shenbao wrote"

static const char *const media_types[] = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
};

static gboolean check_media_type(SbZipReader *zip, GError **error)
{
    if (!sb_zip_reader_has(zip, "mimetype")) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, NOT_OURS ": it has no mimetype, so it is no OpenDocument file");
        return FALSE;
    }
    GBytes *bytes = sb_zip_reader_read(zip, "mimetype", error);
    if (!bytes)
        return FALSE;
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    gboolean ok = FALSE;
    for (guint i = 0; i < G_N_ELEMENTS(media_types); i++)
        ok |= len == strlen(media_types[i]) && memcmp(data, media_types[i], len) == 0;
    g_bytes_unref(bytes);
    if (!ok)
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, NOT_OURS ": it is not an OpenDocument text");
    return ok;
}

/* The <meta:user-defined> properties of meta.xml: "shenbao-form", the form id, and the
 * tags of "_sb…" bookmarks, which LibreOffice carries over from a DOCX's custom.xml. */
static gboolean read_props(SbZipReader *zip, GHashTable *props, GError **error)
{
    if (!sb_zip_reader_has(zip, "meta.xml"))
        return TRUE;
    SbXmlPart p;
    if (!sb_xml_part_open(&p, zip, "meta.xml", error))
        return FALSE;
    int r = 0;
    while ((r = sb_xml_part_next(&p, error)) == 1) {
        if (!sb_xml_part_is(&p, ODT_NS_META, "user-defined", FALSE))
            continue;
        char *name = sb_xml_part_attr(&p, ODT_NS_META, "name");
        xmlChar *v = name ? xmlTextReaderReadString(p.reader) : NULL;
        if (name && !g_hash_table_contains(props, name))
            g_hash_table_insert(props, g_strdup(name), g_strstrip(g_strdup(v ? (const char *)v : "")));
        xmlFree(v);
        g_free(name);
    }
    sb_xml_part_close(&p);
    return r >= 0;
}

gboolean sb_odt_read(SbZipReader *zip, GPtrArray *fields, char **form_id, GError **error)
{
    *form_id = NULL;
    if (!check_media_type(zip, error))
        return FALSE;
    GHashTable *props = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    gboolean ok = read_props(zip, props, error);
    const char *id = g_hash_table_lookup(props, "shenbao-form");
    if (ok && (!id || !*id)) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, NOT_OURS ": it names no shenbao form");
        ok = FALSE;
    } else if (ok && !sb_zip_reader_has(zip, "content.xml")) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, NOT_OURS ": it has no content.xml");
        ok = FALSE;
    }
    ok = ok && odt_read_fields(zip, props, fields, error);
    if (ok)
        *form_id = g_strdup(id);
    g_hash_table_unref(props);
    return ok;
}
