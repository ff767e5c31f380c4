/* The catalog: every form definition under templates/<edition>/, found by id.
 *
 * The data folder's templates are the bottom layer; folders added over it (custom forms)
 * add forms and lists or replace those with the same id.  Listing reads only each
 * definition's root element; a form is loaded and validated in full the first time it is
 * asked for. */
#include "check_internal.h"
#include "data.h"
#include "diag.h"
#include "form.h"
#include "lists.h"
#include "datadir.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <libxml/xmlreader.h>
#include <string.h>

typedef struct {
    SbFormInfo info;
    char *file;
    SbForm *form;   /* loaded on demand */
} Entry;

struct SbCatalog {
    char *data_dir;       /* the base: the installed data, or the folder the caller gave */
    char *rng_file;       /* the form language is the base's */
    char **layers;        /* templates folders, the highest layer first, the base's last */
    GPtrArray *entries;   /* Entry*, sorted by edition then id */
    GPtrArray *shadowed;  /* Entry* replaced by a higher layer, kept: its form may be in use */
    GPtrArray *lists;     /* SbList*, sorted by id; loaded when first asked for */
    GPtrArray *retired;   /* earlier `lists` arrays, kept for the SbListInfo handed out */
    /* Loading a form or the lists on demand, from any thread.  A pthread mutex, not a
     * GMutex: GLib's is a bare futex that ThreadSanitizer (tools/tsan) cannot see. */
    pthread_mutex_t lock;
};

static gboolean has_templates(const char *dir)
{
    char *rng = g_build_filename(dir, "templates", "form.rng", NULL);
    gboolean ok = g_file_test(rng, G_FILE_TEST_IS_REGULAR);
    g_free(rng);
    return ok;
}

static char *root_attr(xmlTextReader *r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    char *s = g_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* A definition whose root can't be read still gets an entry, named by its file, so that
 * asking for it reports what is wrong (file:line) instead of "unknown form". */
static Entry *unreadable_entry(const char *file, const char *edition)
{
    Entry *e = g_new0(Entry, 1);
    char *base = g_path_get_basename(file);
    base[strlen(base) - strlen(".xml")] = '\0';
    e->file = g_strdup(file);
    e->info.id = base;
    e->info.edition = g_strdup(edition);
    e->info.title = g_strdup("");
    e->info.source = g_strdup("");
    return e;
}

/* Reads just the root <form> element's attributes. */
static Entry *read_entry(const char *file, const char *edition)
{
    xmlTextReader *r = xmlReaderForFile(file, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    Entry *e = NULL;
    while (r && xmlTextReaderRead(r) == 1) {
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
    return e ? e : unreadable_entry(file, edition);
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

/* Adds an entry; one of a lower layer with the same id steps aside. */
static void add_entry(SbCatalog *cat, Entry *e)
{
    for (guint i = 0; i < cat->entries->len; i++) {
        Entry *old = cat->entries->pdata[i];
        if (strcmp(old->info.id, e->info.id) == 0) {
            g_ptr_array_add(cat->shadowed, old);
            cat->entries->pdata[i] = e;
            return;
        }
    }
    g_ptr_array_add(cat->entries, e);
}

static void scan_edition(SbCatalog *cat, const char *dir, const char *edition)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".xml") && strlen(name) > strlen(".xml"))
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    /* In name order, so that two files of one layer claiming one id resolve alike everywhere. */
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    for (guint i = 0; i < names->len; i++) {
        char *file = g_build_filename(dir, names->pdata[i], NULL);
        add_entry(cat, read_entry(file, edition));
        g_free(file);
    }
    g_ptr_array_unref(names);
}

/* Editions are the subdirectories of templates/ named by a year; shared pieces and
 * reference lists live in other subdirectories and are not forms. */
static void scan(SbCatalog *cat, const char *templates)
{
    GDir *d = g_dir_open(templates, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (strlen(name) != 4 || !g_ascii_isdigit(name[0]))
            continue;
        char *dir = g_build_filename(templates, name, NULL);
        scan_edition(cat, dir, name);
        g_free(dir);
    }
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(cat->entries, compare_entries);
}

/* Puts a templates folder on top of the layers and reads its forms. */
static void push_layer(SbCatalog *cat, const char *templates)
{
    guint n = cat->layers ? g_strv_length(cat->layers) : 0;
    char **layers = g_new0(char *, n + 2);
    layers[0] = g_strdup(templates);
    for (guint i = 0; i < n; i++)
        layers[i + 1] = cat->layers[i];
    g_free(cat->layers);
    cat->layers = layers;
    scan(cat, templates);
    if (cat->lists) {   /* listed again with the new layer when next asked for */
        g_ptr_array_add(cat->retired, cat->lists);
        cat->lists = NULL;
    }
}

gboolean sb_catalog_add_folder(SbCatalog *cat, const char *folder, GError **error)
{
    g_return_val_if_fail(cat != NULL && folder != NULL, FALSE);
    char *templates = g_build_filename(folder, "templates", NULL);
    gboolean ok = g_file_test(templates, G_FILE_TEST_IS_DIR);
    if (ok)
        push_layer(cat, templates);
    else
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "no forms in %s (it has no templates folder)", folder);
    g_free(templates);
    return ok;
}

/* The folders of $SHENBAO_DATADIR, the first one on top. */
static gboolean add_env_folders(SbCatalog *cat, GError **error)
{
    const char *env = g_getenv("SHENBAO_DATADIR");
    char **folders = g_strsplit(env ? env : "", G_SEARCHPATH_SEPARATOR_S, -1);
    gboolean ok = TRUE;
    for (int i = (int)g_strv_length(folders) - 1; ok && i >= 0; i--) {
        if (*folders[i] && !sb_catalog_add_folder(cat, folders[i], error)) {
            g_prefix_error(error, "SHENBAO_DATADIR: ");
            ok = FALSE;
        }
    }
    g_strfreev(folders);
    return ok;
}

/* libxml2's messages that no parser context catches would go to stderr: a library
 * prints nothing there, and every error that matters reaches shenbao's own. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void) ctx;
    (void) msg;
}

/* libxml2 must be set up once before threads use it; a catalog comes before any XML.
 * Threads started later take the quiet handler as their default; this one is set now. */
static void init_libxml(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        xmlInitParser();
        xmlThrDefSetGenericErrorFunc(NULL, quiet);
        g_once_init_leave(&done, 1);
    }
    xmlSetGenericErrorFunc(NULL, quiet);
}

SbCatalog *sb_catalog_open(const char *data_dir, GError **error)
{
    init_libxml();
    SbCatalog *cat = g_new0(SbCatalog, 1);
    pthread_mutex_init(&cat->lock, NULL);
    cat->data_dir = data_dir ? g_strdup(data_dir) : sb_default_data_dir();
    cat->rng_file = g_build_filename(cat->data_dir, "templates", "form.rng", NULL);
    cat->entries = g_ptr_array_new_with_free_func(free_entry);
    cat->shadowed = g_ptr_array_new_with_free_func(free_entry);
    cat->retired = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    if (!has_templates(cat->data_dir)) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "no form definitions in %s (templates/form.rng is missing)",
                    cat->data_dir);
        sb_catalog_free(cat);
        return NULL;
    }
    char *templates = g_build_filename(cat->data_dir, "templates", NULL);
    push_layer(cat, templates);
    g_free(templates);
    if (!data_dir && !add_env_folders(cat, error)) {
        sb_catalog_free(cat);
        return NULL;
    }
    return cat;
}

void sb_catalog_free(SbCatalog *cat)
{
    if (!cat)
        return;
    if (cat->lists)
        g_ptr_array_unref(cat->lists);
    g_ptr_array_unref(cat->retired);
    g_ptr_array_unref(cat->entries);
    g_ptr_array_unref(cat->shadowed);
    g_strfreev(cat->layers);
    g_free(cat->rng_file);
    g_free(cat->data_dir);
    pthread_mutex_destroy(&cat->lock);
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
        /* one load per form, whichever thread asks first; the others wait for it */
        pthread_mutex_lock(&cat->lock);
        if (!e->form)
            e->form = sb_form_load_layered(e->file, cat->rng_file, (const char *const *)cat->layers, error);
        SbForm *form = e->form;
        pthread_mutex_unlock(&cat->lock);
        return form;
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

/* The form of the data's `form:` key; *unknown tells an id that names no form apart from
 * a missing key or a broken definition. */
static SbForm *form_of(SbCatalog *cat, const SbData *data, SbDiagnostics *diags, gboolean *unknown)
{
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

SbForm *sb_catalog_form_of(SbCatalog *cat, const SbData *data, SbDiagnostics *diags, gboolean *unknown)
{
    g_return_val_if_fail(cat != NULL && data != NULL, NULL);
    gboolean no_such_form = FALSE;
    sb_diag_set_file(diags, data->file);
    guint first = diags ? diags->items->len : 0;
    SbForm *form = form_of(cat, data, diags, &no_such_form);
    sb_diag_locate(diags, first, data->file, data->root);
    if (unknown)
        *unknown = no_such_form;
    return form;
}

/* ---- reference lists ---- */

static gint compare_lists(gconstpointer a, gconstpointer b)
{
    return strcmp((*(SbList *const *)a)->info.id, (*(SbList *const *)b)->info.id);
}

/* Adds a list; one of a lower layer with the same id steps aside. */
static void add_list(GPtrArray *lists, SbList *list)
{
    for (guint i = 0; i < lists->len; i++) {
        SbList *old = lists->pdata[i];
        if (strcmp(old->info.id, list->info.id) == 0) {
            sb_list_free(old);
            lists->pdata[i] = list;
            return;
        }
    }
    g_ptr_array_add(lists, list);
}

static void scan_lists(GPtrArray *lists, const char *templates, const char *rng)
{
    char *dir = g_build_filename(templates, "lists", NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, ".xml"))
            continue;
        char *file = g_build_filename(dir, name, NULL);
        SbList *list = sb_list_load(file, rng, NULL);
        if (list)
            add_list(lists, list);
        g_free(file);
    }
    if (d)
        g_dir_close(d);
    g_free(dir);
}

/* Every layer's lists, the higher ones over the lower.  A list that fails to load is left
 * out here; loading a form that uses it reports why. */
static GPtrArray *catalog_lists(const SbCatalog *cat)
{
    SbCatalog *c = (SbCatalog *)cat;
    pthread_mutex_lock(&c->lock);
    if (!c->lists) {
        GPtrArray *lists = g_ptr_array_new_with_free_func((GDestroyNotify)sb_list_free);
        char *rng = g_build_filename(cat->data_dir, "templates", "list.rng", NULL);
        for (int i = (int)g_strv_length(cat->layers) - 1; i >= 0; i--)
            scan_lists(lists, cat->layers[i], rng);
        g_ptr_array_sort(lists, compare_lists);
        g_free(rng);
        c->lists = lists;
    }
    GPtrArray *lists = c->lists;
    pthread_mutex_unlock(&c->lock);
    return lists;
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
