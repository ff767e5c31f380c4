/* The catalog: every form definition under templates/<edition>/, found by id.
 *
 * Listing reads only each definition's root element; a form is loaded and validated in
 * full the first time it is asked for. */
#include "check_internal.h"
#include "data.h"
#include "diag.h"
#include "form.h"
#include "lists.h"
#include "sb_config.h"

#include <libxml/xmlreader.h>
#include <string.h>

typedef struct {
    SbFormInfo info;
    char *file;
    SbForm *form;   /* loaded on demand */
} Entry;

struct SbCatalog {
    char *data_dir;
    char *rng_file;
    GPtrArray *entries;   /* Entry*, sorted by edition then id */
    GPtrArray *lists;     /* SbList*, sorted by id; loaded when first asked for */
};

static gboolean has_templates(const char *dir)
{
    char *rng = g_build_filename(dir, "templates", "form.rng", NULL);
    gboolean ok = g_file_test(rng, G_FILE_TEST_IS_REGULAR);
    g_free(rng);
    return ok;
}

/* An explicit directory, then $SHENBAO_DATADIR, then the installed data, then the source
 * tree the program was built from (so a build runs without being installed). */
static char *find_data_dir(const char *given)
{
    if (given)
        return g_strdup(given);
    const char *env = g_getenv("SHENBAO_DATADIR");
    if (env && *env)
        return g_strdup(env);
    if (has_templates(SB_INSTALLED_DATADIR))
        return g_strdup(SB_INSTALLED_DATADIR);
    return g_strdup(SB_SOURCE_DATADIR);
}

static char *root_attr(xmlTextReader *r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    char *s = g_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* Reads just the root <form> element's attributes. */
static Entry *read_entry(const char *file)
{
    xmlTextReader *r = xmlReaderForFile(file, NULL, XML_PARSE_NONET);
    if (!r)
        return NULL;
    Entry *e = NULL;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (strcmp((const char *)xmlTextReaderConstLocalName(r), "form") == 0) {
            e = g_new0(Entry, 1);
            e->file = g_strdup(file);
            e->info.id = root_attr(r, "id");
            e->info.edition = root_attr(r, "edition");
            e->info.title = root_attr(r, "title");
            e->info.source = root_attr(r, "source");
        }
        break;
    }
    xmlFreeTextReader(r);
    return e;
}

static void free_entry(gpointer p)
{
    Entry *e = p;
    g_free((char *)e->info.id);
    g_free((char *)e->info.edition);
    g_free((char *)e->info.title);
    g_free((char *)e->info.source);
    g_free(e->file);
    sb_form_free(e->form);
    g_free(e);
}

static gint compare_entries(gconstpointer a, gconstpointer b)
{
    const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
    int c = strcmp(x->info.edition, y->info.edition);
    return c ? c : strcmp(x->info.id, y->info.id);
}

static void scan_edition(SbCatalog *cat, const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, ".xml"))
            continue;
        char *file = g_build_filename(dir, name, NULL);
        Entry *e = read_entry(file);
        if (e)
            g_ptr_array_add(cat->entries, e);
        g_free(file);
    }
    g_dir_close(d);
}

/* Editions are the subdirectories of templates/ named by a year; shared pieces and
 * reference lists live in other subdirectories and are not forms. */
static void scan(SbCatalog *cat)
{
    char *top = g_build_filename(cat->data_dir, "templates", NULL);
    GDir *d = g_dir_open(top, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (strlen(name) != 4 || !g_ascii_isdigit(name[0]))
            continue;
        char *dir = g_build_filename(top, name, NULL);
        scan_edition(cat, dir);
        g_free(dir);
    }
    if (d)
        g_dir_close(d);
    g_free(top);
    g_ptr_array_sort(cat->entries, compare_entries);
}

SbCatalog *sb_catalog_open(const char *data_dir, GError **error)
{
    SbCatalog *cat = g_new0(SbCatalog, 1);
    cat->data_dir = find_data_dir(data_dir);
    cat->rng_file = g_build_filename(cat->data_dir, "templates", "form.rng", NULL);
    cat->entries = g_ptr_array_new_with_free_func(free_entry);
    if (!g_file_test(cat->rng_file, G_FILE_TEST_IS_REGULAR)) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "no form definitions in %s (templates/form.rng is missing)",
                    cat->data_dir);
        sb_catalog_free(cat);
        return NULL;
    }
    scan(cat);
    return cat;
}

void sb_catalog_free(SbCatalog *cat)
{
    if (!cat)
        return;
    if (cat->lists)
        g_ptr_array_unref(cat->lists);
    g_ptr_array_unref(cat->entries);
    g_free(cat->rng_file);
    g_free(cat->data_dir);
    g_free(cat);
}

guint sb_catalog_size(const SbCatalog *cat)
{
    return cat->entries->len;
}

const SbFormInfo *sb_catalog_info(const SbCatalog *cat, guint index)
{
    return index < cat->entries->len ? &((Entry *)cat->entries->pdata[index])->info : NULL;
}

const char *sb_catalog_data_dir(const SbCatalog *cat)
{
    return cat->data_dir;
}

SbForm *sb_catalog_form(SbCatalog *cat, const char *id, GError **error)
{
    for (guint i = 0; i < cat->entries->len; i++) {
        Entry *e = cat->entries->pdata[i];
        if (strcmp(e->info.id, id) != 0)
            continue;
        if (!e->form)
            e->form = sb_form_load(e->file, cat->rng_file, error);
        return e->form;
    }
    g_set_error(error, SHENBAO_ERROR, SB_ERROR_UNKNOWN, "unknown form '%s' (see 'shenbao list')", id);
    return NULL;
}

const char *sb_catalog_nearest_form(const SbCatalog *cat, const char *id)
{
    GPtrArray *ids = g_ptr_array_new();
    for (guint i = 0; i < cat->entries->len; i++)
        g_ptr_array_add(ids, (char *)((Entry *)cat->entries->pdata[i])->info.id);
    const char *near = id ? sb_nearest(id, ids) : NULL;
    g_ptr_array_free(ids, TRUE);
    return near;
}

SbForm *sb_catalog_form_of(SbCatalog *cat, const SbData *data, SbDiagnostics *diags, gboolean *unknown)
{
    *unknown = FALSE;
    sb_diag_set_file(diags, data->file);
    const SbValue *key = sb_value_map_get(data->root, "form");
    if (!data->form_id) {
        sb_diag_error(diags, key ? key->line : 1, key ? key->col : 1,
                      "no 'form:' key says which form the data fills (see 'shenbao list')",
                      "缺少指明表单的“form:”键（见 shenbao list）");
        return NULL;
    }
    GError *error = NULL;
    SbForm *form = sb_catalog_form(cat, data->form_id, &error);
    if (!form) {
        *unknown = g_error_matches(error, SHENBAO_ERROR, SB_ERROR_UNKNOWN);
        const char *near = *unknown ? sb_catalog_nearest_form(cat, data->form_id) : NULL;
        if (near)
            sb_diag_error(diags, key->line, key->col, "unknown form '%s'; did you mean '%s'?",
                          "未知的表单“%s”，是否应为“%s”？", data->form_id, near);
        else if (*unknown)
            sb_diag_error(diags, key->line, key->col, "unknown form '%s' (see 'shenbao list')",
                          "未知的表单“%s”（见 shenbao list）", data->form_id);
        else
            sb_diag_error(diags, key->line, key->col, "%s", "%s", error->message);
        g_error_free(error);
    }
    return form;
}

/* ---- reference lists ---- */

static gint compare_lists(gconstpointer a, gconstpointer b)
{
    return strcmp((*(SbList *const *)a)->info.id, (*(SbList *const *)b)->info.id);
}

/* A list that fails to load is left out here; loading a form that uses it reports why. */
static GPtrArray *catalog_lists(const SbCatalog *cat)
{
    SbCatalog *c = (SbCatalog *)cat;
    if (c->lists)
        return c->lists;
    c->lists = g_ptr_array_new_with_free_func((GDestroyNotify)sb_list_free);
    char *dir = g_build_filename(cat->data_dir, "templates", "lists", NULL);
    char *rng = g_build_filename(cat->data_dir, "templates", "list.rng", NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, ".xml"))
            continue;
        char *file = g_build_filename(dir, name, NULL);
        SbList *list = sb_list_load(file, rng, NULL);
        if (list)
            g_ptr_array_add(c->lists, list);
        g_free(file);
    }
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(c->lists, compare_lists);
    g_free(rng);
    g_free(dir);
    return c->lists;
}

guint sb_catalog_list_count(const SbCatalog *cat)
{
    return catalog_lists(cat)->len;
}

const SbListInfo *sb_catalog_list_info(const SbCatalog *cat, guint index)
{
    GPtrArray *lists = catalog_lists(cat);
    return index < lists->len ? &((SbList *)lists->pdata[index])->info : NULL;
}

gboolean sb_catalog_list_item(const SbCatalog *cat, const char *list_id, guint index, const char **name,
                              const char **group, const char **text)
{
    GPtrArray *lists = catalog_lists(cat);
    for (guint i = 0; i < lists->len; i++) {
        SbList *list = lists->pdata[i];
        if (strcmp(list->info.id, list_id) != 0 || index >= list->items->len)
            continue;
        SbListItem *it = list->items->pdata[index];
        *name = it->name;
        *group = it->group;
        *text = it->text;
        return TRUE;
    }
    return FALSE;
}
