/* Reading a document back into data: the format's reader finds the marked fields, this
 * file puts their values back at their paths and writes YAML for the form. */
#include "data.h"
#include "extract.h"
#include "form.h"
#include "value.h"

#include <string.h>
#include <yaml.h>

void sb_extracted_free(gpointer p)
{
    SbExtracted *e = p;
    g_free(e->tag);
    g_free(e->text);
    g_free(e);
}

static gboolean is_index(const char *part)
{
    if (!*part)
        return FALSE;
    for (const char *p = part; *p; p++)
        if (!g_ascii_isdigit(*p))
            return FALSE;
    return TRUE;
}

/* The child of a map or list for one path part, created as a map or list as the next
 * part asks.  List items missing before the index are filled with empty maps. */
static SbValue *child(SbValue *parent, const char *part, gboolean next_is_index, gboolean leaf)
{
    SbValueKind kind = leaf ? SB_VALUE_NULL : next_is_index ? SB_VALUE_LIST : SB_VALUE_MAP;
    if (parent->kind == SB_VALUE_LIST) {
        guint index = (guint)g_ascii_strtoull(part, NULL, 10);
        while (parent->items->len <= index)
            g_ptr_array_add(parent->items, sb_value_new(leaf ? SB_VALUE_NULL : kind, 0, 0));
        return parent->items->pdata[index];
    }
    SbValue *existing = sb_value_map_get(parent, part);
    if (existing)
        return existing;
    SbValue *v = sb_value_new(kind, 0, 0);
    sb_value_map_set(parent, sb_value_new_scalar(SB_VALUE_STRING, part, 0, 0), v);
    return v;
}

/* The value at a concrete path ("participants.2.name"), created empty if absent. */
static SbValue *place(SbValue *root, const char *path)
{
    char **parts = g_strsplit(path, ".", -1);
    SbValue *v = root;
    for (int i = 0; parts[i] && v; i++) {
        if ((v->kind == SB_VALUE_LIST) != is_index(parts[i])) {
            v = NULL;   /* the path doesn't fit what is already there: ignore it */
            break;
        }
        gboolean leaf = parts[i + 1] == NULL;
        v = child(v, parts[i], !leaf && is_index(parts[i + 1]), leaf);
    }
    g_strfreev(parts);
    return v;
}

static void set_text(SbValue *v, const char *text)
{
    if (v->kind != SB_VALUE_NULL && v->kind != SB_VALUE_STRING)
        return;
    g_free(v->text);
    v->kind = SB_VALUE_STRING;
    v->text = g_strdup(text);
}

/* "PATH=OPTION" sets PATH to OPTION; "PATH[]=OPTION" adds OPTION to the list at PATH. */
static void put_checkbox(SbValue *root, const SbExtracted *e)
{
    char *eq = strchr(e->tag, '=');
    if (!e->checked || !eq)
        return;
    char *path = g_strndup(e->tag, eq - e->tag);
    gboolean many = g_str_has_suffix(path, "[]");
    if (many)
        path[strlen(path) - 2] = '\0';
    SbValue *v = place(root, path);
    if (v && many) {
        if (v->kind == SB_VALUE_NULL) {
            v->kind = SB_VALUE_LIST;
            v->items = g_ptr_array_new_with_free_func((GDestroyNotify)sb_value_free);
        }
        if (v->kind == SB_VALUE_LIST)
            g_ptr_array_add(v->items, sb_value_new_scalar(SB_VALUE_STRING, eq + 1, 0, 0));
    } else if (v) {
        set_text(v, eq + 1);
    }
    g_free(path);
}

static SbValue *build_tree(const GPtrArray *fields, const char *form_id)
{
    SbValue *root = sb_value_new(SB_VALUE_MAP, 0, 0);
    sb_value_map_set(root, sb_value_new_scalar(SB_VALUE_STRING, "form", 0, 0),
                     sb_value_new_scalar(SB_VALUE_STRING, form_id, 0, 0));
    for (guint i = 0; i < fields->len; i++) {
        const SbExtracted *e = fields->pdata[i];
        if (strchr(e->tag, '=')) {
            put_checkbox(root, e);
        } else if (e->text) {
            SbValue *v = place(root, e->tag);
            if (v)
                set_text(v, e->text);
        }
    }
    return root;
}

/* ---- YAML output ---- */

/* Text a YAML reader would take for a number, a boolean or null keeps its quotes. */
static yaml_scalar_style_t style_for(const char *text)
{
    if (strchr(text, '\n'))
        return YAML_LITERAL_SCALAR_STYLE;
    static const char *const special[] = {"null", "Null", "NULL", "~", "true", "True", "TRUE",
                                          "false", "False", "FALSE", "yes", "no", "on", "off", ""};
    for (guint i = 0; i < G_N_ELEMENTS(special); i++)
        if (strcmp(text, special[i]) == 0)
            return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    char *end = NULL;
    g_ascii_strtod(text, &end);
    if (end && *end == '\0')
        return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    return YAML_ANY_SCALAR_STYLE;
}

static int emit(yaml_emitter_t *em, yaml_event_t *ev)
{
    return yaml_emitter_emit(em, ev);
}

static void emit_scalar(yaml_emitter_t *em, const char *text, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, -1, 1, 1, style);
    emit(em, &ev);
}

static void emit_value(yaml_emitter_t *em, const SbValue *v)
{
    yaml_event_t ev;
    if (v->kind == SB_VALUE_MAP) {
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        emit(em, &ev);
        for (guint i = 0; i < v->items->len; i++) {
            emit_scalar(em, sb_value_key(v, i), YAML_ANY_SCALAR_STYLE);
            emit_value(em, v->items->pdata[i]);
        }
        yaml_mapping_end_event_initialize(&ev);
        emit(em, &ev);
    } else if (v->kind == SB_VALUE_LIST) {
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        emit(em, &ev);
        for (guint i = 0; i < v->items->len; i++)
            emit_value(em, v->items->pdata[i]);
        yaml_sequence_end_event_initialize(&ev);
        emit(em, &ev);
    } else if (v->kind == SB_VALUE_NULL) {
        emit_scalar(em, "", YAML_PLAIN_SCALAR_STYLE);
    } else {
        emit_scalar(em, v->text, style_for(v->text));
    }
}

static int append_output(void *data, unsigned char *buffer, size_t size)
{
    g_string_append_len(data, (const char *)buffer, (gssize)size);
    return 1;
}

static char *to_yaml(const SbValue *root)
{
    GString *out = g_string_new(NULL);
    yaml_emitter_t em;
    yaml_event_t ev;
    yaml_emitter_initialize(&em);
    yaml_emitter_set_output(&em, append_output, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, -1);
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&em, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&em, &ev);
    emit_value(&em, root);
    yaml_document_end_event_initialize(&ev, 1);
    emit(&em, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(&em, &ev);
    yaml_emitter_delete(&em);
    return g_string_free(out, FALSE);
}

/* ---- the public entry ---- */

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

char *sb_extract(SbCatalog *catalog, const char *path, GError **error)
{
    SbZipReader *zip = sb_zip_reader_open(path, error);
    if (!zip)
        return NULL;
    GPtrArray *fields = g_ptr_array_new_with_free_func(sb_extracted_free);
    char *form_id = NULL, *yaml = NULL;
    if (read_fields(zip, path, fields, &form_id, error) && sb_catalog_form(catalog, form_id, error)) {
        SbValue *root = build_tree(fields, form_id);
        yaml = to_yaml(root);
        sb_value_free(root);
    }
    g_free(form_id);
    g_ptr_array_unref(fields);
    sb_zip_reader_close(zip);
    return yaml;
}
