/* Reading a document back into data: the format's reader finds what is marked and what
 * is not (extract.h), extract_stray.c and extract_place.c put it back at the form's data
 * paths, and yaml_write.c writes it. */
#include "data.h"
#include "diag.h"
#include "extract.h"
#include "extract_place.h"
#include "form.h"
#include "value.h"
#include "yaml_write.h"

#include <string.h>

void sb_extracted_free(gpointer p)
{
    SbExtracted *e = p;
    g_free(e->tag);
    g_free(e->text);
    g_free(e);
}

SbExtracted *sb_extracted_new(const char *tag, int para, int cell, int row)
{
    SbExtracted *e = g_new0(SbExtracted, 1);
    e->tag = g_strdup(tag);
    e->para = e->last_para = para;
    e->cell = cell;
    e->row = row;
    return e;
}

/* LibreOffice renames the bookmarks of a copied row "NAME Copy 1" (in an ODT) or
 * "NAME_Copy_1" (in a DOCX): they mark the same field of another item. */
static void untag_copies(GPtrArray *fields)
{
    for (guint i = 0; i < fields->len; i++) {
        SbExtracted *e = fields->pdata[i];
        char *copy = e->tag ? g_strrstr(e->tag, " Copy ") : NULL;
        copy = copy ? copy : e->tag ? g_strrstr(e->tag, "_Copy_") : NULL;
        if (copy && copy[6] && strspn(copy + 6, "0123456789") == strlen(copy + 6))
            *copy = '\0';
    }
}

static gboolean read_fields(SbZipReader *zip, const char *path, GPtrArray *fields, char **form_id,
                            GError **error)
{
    if (sb_zip_reader_has(zip, "word/document.xml"))
        return sb_docx_read(zip, fields, form_id, error);
    if (sb_zip_reader_has(zip, "mimetype"))
        return sb_odt_read(zip, fields, form_id, error);
    g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "%s is neither a DOCX nor an ODT document", path);
    return FALSE;
}

char *sb_extract_report(SbCatalog *catalog, const char *path, SbDiagnostics *diags, GError **error)
{
    SbZipReader *zip = sb_zip_reader_open(path, error);
    if (!zip)
        return NULL;
    GPtrArray *fields = g_ptr_array_new_with_free_func(sb_extracted_free);
    char *form_id = NULL, *yaml = NULL;
    SbForm *form = NULL;
    if (read_fields(zip, path, fields, &form_id, error) && (form = sb_catalog_form(catalog, form_id, error))) {
        if (diags)
            sb_diag_set_file(diags, path);
        SbExtractForm *known = sb_extract_form_new(form);
        untag_copies(fields);
        sb_extract_attach_stray(known, fields, diags);
        SbValue *root = sb_extract_place(known, fields, diags);
        yaml = sb_yaml_write(root, NULL, NULL);
        sb_value_free(root);
        sb_extract_form_free(known);
    }
    g_free(form_id);
    g_ptr_array_unref(fields);
    sb_zip_reader_close(zip);
    return yaml;
}

char *sb_extract(SbCatalog *catalog, const char *path, GError **error)
{
    return sb_extract_report(catalog, path, NULL, error);
}
