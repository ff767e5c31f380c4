#include "compileutil.h"

#include "data.h"
#include "yaml_write.h"

#include <string.h>

#include <glib/gstdio.h>

SbValue *cu_load(const char *path)
{
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = sb_data_load(path, diags);
    SbValue *root = NULL;
    if (tu_check(data != NULL, "%s can't be read: %s", path, data ? "" : sb_diagnostics_format(diags))) {
        root = data->root;
        data->root = NULL;
    }
    sb_data_free(data);
    sb_diagnostics_free(diags);
    return root;
}

const char *cu_text(const SbValue *root, const char *path)
{
    const SbValue *v = sb_value_lookup(root, path);
    return v && v->text ? v->text : NULL;
}

/* ---- editing a tree ---- */

static SbValue *key_value(const char *key)
{
    return sb_value_new_scalar(SB_VALUE_STRING, key, 0, 0);
}

/* The map at `path` below root, made where missing. */
static SbValue *map_at(SbValue *root, char **parts, guint n)
{
    SbValue *map = root;
    for (guint i = 0; i < n; i++) {
        SbValue *next = sb_value_map_get(map, parts[i]);
        if (!next) {
            next = sb_value_new(SB_VALUE_MAP, 0, 0);
            sb_value_map_set(map, key_value(parts[i]), next);
        }
        map = next;
    }
    return map;
}

/* Sets the value at a dotted path, replacing what was there (v NULL: removes it). */
static void put_value(SbValue *root, const char *path, SbValue *v)
{
    char **parts = g_strsplit(path, ".", -1);
    guint n = g_strv_length(parts);
    SbValue *map = map_at(root, parts, n - 1);
    for (guint i = 0; i < sb_value_size(map); i++)
        if (strcmp(sb_value_key(map, i), parts[n - 1]) == 0) {
            g_ptr_array_remove_index(map->keys, i);
            g_ptr_array_remove_index(map->items, i);
            break;
        }
    if (v)
        sb_value_map_set(map, key_value(parts[n - 1]), v);
    g_strfreev(parts);
}

static void put(SbValue *root, const char *path, const char *text)
{
    put_value(root, path, text ? sb_value_new_scalar(SB_VALUE_STRING, text, 0, 0) : NULL);
}

/* [name] or [name, code] of an entry */
static const char *item_text(const SbValue *list, guint i)
{
    const SbValue *v = list && list->kind == SB_VALUE_LIST ? sb_value_item(list, i) : NULL;
    return v ? v->text : NULL;
}

/* ---- the batch ---- */

void cu_application_free(gpointer p)
{
    CuApplication *a = p;
    g_free(a->file);
    g_free(a->category);
    sb_value_free(a->data);
    g_free(a);
}

/* The key in a participant of each kind's form for its code. */
static const char *code_key(const CuApplication *a)
{
    return a->category ? "org_code" : "credit_code";
}

void cu_add_participant(CuApplication *a, const char *name, const char *code)
{
    SbValue *list = sb_value_lookup(a->data, "participants");
    SbValue *unit = sb_value_copy(sb_value_item(list, 0));
    put(unit, "name", name);
    put(unit, code_key(a), code);
    g_ptr_array_add(list->items, unit);
}

static void set_participants(CuApplication *a, const SbValue *units)
{
    SbValue *list = sb_value_lookup(a->data, "participants");
    SbValue *first = sb_value_copy(sb_value_item(list, 0));
    g_ptr_array_set_size(list->items, 0);
    for (guint i = 0; i < sb_value_size(units); i++) {
        SbValue *unit = sb_value_copy(first);
        const SbValue *u = sb_value_item(units, i);
        put(unit, "name", item_text(u, 0));
        put(unit, code_key(a), item_text(u, 1));
        g_ptr_array_add(list->items, unit);
    }
    sb_value_free(first);
}

/* Where an entry's values go in an application: entry key, its item (0 the name, 1 the
 * code or phone; -1 the text itself), the data path. */
typedef struct {
    const char *entry;
    int item;
    const char *path;
} Place;

static const Place national[] = {
    { "enterprise", 0, "project.lead_enterprise" }, { "hospital", 0, "project.lead_hospital" },
    { "enterprise", 0, "lead_enterprise.name" }, { "enterprise", 1, "lead_enterprise.credit_code" },
    { "contact", 0, "lead_enterprise.contact.name" }, { "contact", 1, "lead_enterprise.contact.phone" },
    { "hospital", 0, "lead_hospital.name" }, { "hospital", 1, "lead_hospital.org_code" },
    { "equipment", -1, "application.equipment" }, { NULL, 0, NULL },
};

static const Place chongqing[] = {
    { "project", -1, "project.name" }, { "device", -1, "device.name" },
    { "enterprise", 0, "enterprise.name" }, { "enterprise", 1, "enterprise.credit_code" },
    { "contact", 0, "enterprise.contact.name" }, { "contact", 1, "enterprise.contact.phone" },
    { "hospital", 0, "lead_hospital.name" }, { "hospital", 1, "lead_hospital.credit_code" },
    { NULL, 0, NULL },
};

static void place_all(CuApplication *a, const SbValue *e, const Place *places)
{
    for (const Place *p = places; p->entry; p++) {
        const SbValue *v = sb_value_map_get(e, p->entry);
        put(a->data, p->path, p->item < 0 ? (v ? v->text : NULL) : item_text(v, (guint) p->item));
    }
    set_participants(a, sb_value_map_get(e, "participants"));
}

static void make_national(CuApplication *a, const SbValue *e, guint number)
{
    place_all(a, e, national);
    char *name = g_strconcat(cu_text(e, "equipment"), "推广应用项目", NULL);
    put(a->data, "project.name", name);
    /* a 典型场景's core product is registered too (001 二（三）) */
    char *reg = g_strdup_printf("国械注准2024306%04u", number);
    put(a->data, "application.registration_no", reg);
    g_free(reg);
    g_free(name);
}

/* An entry that names no project is the sample as it is. */
static void make_chongqing(CuApplication *a, const SbValue *e)
{
    if (!cu_text(e, "project"))
        return;
    place_all(a, e, chongqing);
    char *leads = g_strdup_printf("%s、%s", cu_text(a->data, "lead_hospital.name"), cu_text(a->data, "enterprise.name"));
    char *parts = cu_participants(a->data);
    put(a->data, "project.lead_units", leads);
    put(a->data, "project.participant_units", parts);
    g_free(parts);
    g_free(leads);
}

GPtrArray *cu_batch_load(void)
{
    g_autofree char *batch_path = tu_data_path("compile/batch.yaml");
    g_autofree char *miit = g_build_filename(tu_source_dir(), "samples", "miit-2025-application.yaml", NULL);
    g_autofree char *cq = g_build_filename(tu_source_dir(), "samples", "cq-2025-application.yaml", NULL);
    SbValue *batch = cu_load(batch_path), *national = cu_load(miit), *chongqing = cu_load(cq);
    GPtrArray *apps = NULL;
    if (batch && national && chongqing) {
        apps = g_ptr_array_new_with_free_func(cu_application_free);
        const SbValue *entries = sb_value_map_get(batch, "applications");
        for (guint i = 0; i < sb_value_size(entries); i++) {
            const SbValue *e = sb_value_item(entries, i);
            gboolean is_cq = g_strcmp0(cu_text(e, "kind"), "cq") == 0;
            CuApplication *a = g_new0(CuApplication, 1);
            a->file = g_strdup(cu_text(e, "file"));
            a->category = g_strdup(cu_text(e, "category"));
            a->data = sb_value_copy(is_cq ? chongqing : national);
            if (is_cq)
                make_chongqing(a, e);
            else
                make_national(a, e, i + 1);
            g_ptr_array_add(apps, a);
        }
    }
    sb_value_free(batch);
    sb_value_free(national);
    sb_value_free(chongqing);
    return apps;
}

CuApplication *cu_find(GPtrArray *batch, const char *prefix)
{
    for (guint i = 0; i < batch->len; i++) {
        CuApplication *a = batch->pdata[i];
        if (g_str_has_prefix(a->file, prefix))
            return a;
    }
    g_error("no application %s… in the batch", prefix);
    return NULL;
}

CuApplication *cu_copy(const CuApplication *a, const char *file)
{
    CuApplication *c = g_new0(CuApplication, 1);
    c->file = g_strdup(file);
    c->category = g_strdup(a->category);
    c->data = sb_value_copy(a->data);
    return c;
}

char *cu_participants(const SbValue *root)
{
    const SbValue *list = sb_value_lookup(root, "participants");
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < sb_value_size(list); i++)
        g_string_append_printf(s, "%s%s", i ? "、" : "", cu_text(sb_value_item(list, i), "name"));
    return g_string_free(s, FALSE);
}

/* ---- writing ---- */

static gboolean write_yaml(const CuApplication *a, const char *path)
{
    g_autofree char *text = sb_yaml_write(a->data, "made for the compile tests", NULL);
    return tu_write_file(path, text, -1);
}

/* JSON through the YAML: the tree the YAML reader sees, as a JSON generator writes it. */
static gboolean write_json(const CuApplication *a, const char *dir, const char *path)
{
    g_autofree char *yaml = g_build_filename(dir, "json-source.yaml", NULL);
    g_autofree char *why = NULL;
    if (!write_yaml(a, yaml))
        return FALSE;
    JsonNode *root = tu_yaml_to_json(yaml, &why);
    g_unlink(yaml);
    if (!tu_check(root != NULL, "%s as JSON: %s", a->file, why ? why : ""))
        return FALSE;
    g_autofree char *text = json_to_string(root, TRUE);
    json_node_unref(root);
    return tu_write_file(path, text, -1);
}

/* A DOCX or ODT as an applicant gets it: `shenbao render` of the YAML. */
static gboolean write_document(const CuApplication *a, const char *format, const char *path)
{
    g_autofree char *work = tu_tmpdir_new();
    g_autofree char *yaml = g_build_filename(work, "application.yaml", NULL);
    g_autofree char *name = g_strconcat("application.", format, NULL);
    g_autofree char *doc = g_build_filename(work, name, NULL);
    gboolean ok = write_yaml(a, yaml);
    if (ok) {
        TuRunOptions opts = { .cwd = work, .timeout_s = 300 };
        g_autoptr(TuResult) r = tu_shenbao(&opts, "render", "application.yaml", "-f", format, "-o", ".", NULL);
        ok = tu_check_exit(r, 0) && tu_copy_file(doc, path);
    }
    tu_rm_rf(work);
    return ok;
}

gboolean cu_write_all(GPtrArray *apps, const char *dir)
{
    gboolean ok = TRUE;
    for (guint i = 0; i < apps->len && ok; i++) {
        const CuApplication *a = apps->pdata[i];
        g_autofree char *path = g_build_filename(dir, a->file, NULL);
        if (g_str_has_suffix(a->file, ".json"))
            ok = write_json(a, dir, path);
        else if (g_str_has_suffix(a->file, ".docx") || g_str_has_suffix(a->file, ".odt"))
            ok = write_document(a, strrchr(a->file, '.') + 1, path);
        else
            ok = write_yaml(a, path);
    }
    return ok;
}
