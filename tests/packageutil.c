/* Helpers for the tests that open the DOCX and ODT packages through the library. */
#include "packageutil.h"
#include "extract.h"

#include <libxml/parser.h>

xmlDoc *tu_package_xml(const char *package, const char *part)
{
    GError *error = NULL;
    SbZipReader *zip = sb_zip_reader_open(package, &error);
    g_assert_no_error(error);
    GBytes *bytes = sb_zip_reader_read(zip, part, &error);
    g_assert_no_error(error);
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    xmlDoc *doc = xmlReadMemory(data, (int)len, part, NULL, XML_PARSE_NONET);
    g_assert_nonnull(doc);
    g_bytes_unref(bytes);
    sb_zip_reader_close(zip);
    return doc;
}

GHashTable *tu_fields_by_tag(GPtrArray *fields)
{
    GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < fields->len; i++) {
        SbExtracted *e = fields->pdata[i];
        if (g_hash_table_contains(t, e->tag))
            g_error("tag %s is read twice", e->tag);
        g_hash_table_insert(t, e->tag, e);
    }
    return t;
}

/* What a reader found, as the marks alone give it: untagged text (which extract places
 * by the form's structure) left out, and a field still marked as showing its
 * placeholder without text. */
void tu_marked_fields_only(GPtrArray *fields)
{
    for (guint i = fields->len; i-- > 0;) {
        SbExtracted *e = fields->pdata[i];
        if (!e->tag)
            g_ptr_array_remove_index(fields, i);
        else if (e->placeholder)
            g_clear_pointer(&e->text, g_free);
    }
}
