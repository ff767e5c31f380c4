/* The rules across applications in a compile: each kind's applications become projects
 * (compile_miit.c, compile_cq.c), the rules (rules_across.c) tell each application what
 * it breaks beside which other files, and an application valid on its own but not beside
 * the others is `invalidated`.  Every application that could be read takes part, valid
 * or not: the documents count what was submitted. */
#include "compile.h"

#include <string.h>

const SbCompileKind *sb_compile_kind_of(const char *form_id)
{
    static const SbCompileKind *const kinds[] = { &sb_compile_miit_2025, &sb_compile_cq_2025 };
    for (guint i = 0; form_id && i < G_N_ELEMENTS(kinds); i++)
        if (strcmp(kinds[i]->application, form_id) == 0)
            return kinds[i];
    return NULL;
}

SbVerdict sb_application_verdict(const SbApplication *app)
{
    return app->invalid ? SB_APPLICATION_INVALID
         : app->invalidated ? SB_APPLICATION_INVALIDATED : SB_APPLICATION_VALID;
}

static void check_kind(GPtrArray *applications, const SbCompileKind *kind)
{
    GPtrArray *projects = g_ptr_array_new_with_free_func(sb_across_project_free);
    GPtrArray *owners = g_ptr_array_new();
    for (guint i = 0; i < applications->len; i++) {
        SbApplication *app = applications->pdata[i];
        if (app->kind != kind || app->data == NULL)
            continue;
        g_ptr_array_add(projects, kind->project(app));
        g_ptr_array_add(owners, app);
    }
    SbAcrossRules rules = { .limits = kind->limits, .once = FALSE };
    sb_across_check(projects, &rules);
    for (guint i = 0; i < projects->len; i++) {
        SbAcrossProject *p = projects->pdata[i];
        SbApplication *app = owners->pdata[i];
        app->invalidated = p->errors > 0 && !app->invalid;
    }
    g_ptr_array_unref(owners);
    g_ptr_array_unref(projects);
}

void sb_compile_check_across(GPtrArray *applications)
{
    check_kind(applications, &sb_compile_miit_2025);
    check_kind(applications, &sb_compile_cq_2025);
}

/* `shenbao check` of several files: the applications among them read again, and the
 * messages of the rules across them, the ones after each application's own. */
gboolean sb_check_across(SbCatalog *catalog, const char *const *files, SbDiagnostics *diags)
{
    GPtrArray *apps = g_ptr_array_new_with_free_func(sb_application_free);
    GArray *own = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; files[i]; i++) {
        SbApplication *app = sb_application_read(catalog, files[i], FALSE);
        g_ptr_array_add(apps, app);
        g_array_append_val(own, app->diags->items->len);
    }
    sb_compile_check_across(apps);
    guint errors = sb_diagnostics_count(diags, SB_ERROR);
    for (guint i = 0; i < apps->len; i++) {
        SbApplication *app = apps->pdata[i];
        sb_application_locate(app);
        for (guint k = g_array_index(own, guint, i); k < app->diags->items->len; k++) {
            const SbDiagnostic *d = app->diags->items->pdata[k];
            sb_diag_set_file(diags, d->file);
            sb_diag_add(diags, d->severity, d->line, d->col, "%s%.0s", "%.0s%s", d->en, d->zh);
        }
    }
    g_array_unref(own);
    g_ptr_array_unref(apps);
    return sb_diagnostics_count(diags, SB_ERROR) == errors;
}

/* ---- what the kinds share ---- */

SbAcrossProject *sb_compile_project_new(const SbApplication *app, const SbValue *name)
{
    SbAcrossProject *p = sb_across_project_new(app->file, app->file, app->data->root, app->diags);
    if (name && sb_is_scalar(name)) {
        p->name = g_strdup(name->text);
        p->at = name;
    }
    return p;
}

void sb_compile_add_participants(SbAcrossProject *p, const SbValue *root, const char *code_key)
{
    const SbValue *parts = sb_value_lookup(root, "participants");
    for (guint i = 0; parts && parts->kind == SB_VALUE_LIST && i < sb_value_size(parts); i++) {
        const SbValue *unit = sb_value_item(parts, i);
        sb_across_add_unit(p, sb_rule_filled(unit, "name"), sb_rule_filled(unit, code_key), SB_ROLE_PARTICIPANT);
    }
}

const SbValue *sb_compile_first(const SbValue *root, const char *const *paths)
{
    for (guint i = 0; paths[i]; i++) {
        const SbValue *v = sb_rule_filled(root, paths[i]);
        if (v && sb_is_scalar(v))
            return v;
    }
    return NULL;
}

void sb_compile_put_text(SbValue *map, const char *key, const char *text)
{
    if (text == NULL)
        return;
    char *trimmed = g_strstrip(g_strdup(text));
    if (*trimmed)
        sb_value_map_set(map, sb_value_new_scalar(SB_VALUE_STRING, key, 0, 0),
                         sb_value_new_scalar(SB_VALUE_STRING, trimmed, 0, 0));
    g_free(trimmed);
}

void sb_compile_put(SbValue *map, const char *key, const SbValue *v)
{
    if (v && sb_is_scalar(v))
        sb_compile_put_text(map, key, v->text);
}

SbValue *sb_compile_map_add(SbValue *map, const char *key)
{
    SbValue *v = sb_value_new(SB_VALUE_MAP, 0, 0);
    sb_value_map_set(map, sb_value_new_scalar(SB_VALUE_STRING, key, 0, 0), v);
    return v;
}

char *sb_compile_join_names(const SbValue *list, const char *key)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; list && list->kind == SB_VALUE_LIST && i < sb_value_size(list); i++) {
        const SbValue *name = sb_rule_filled(sb_value_item(list, i), key);
        if (name && sb_is_scalar(name)) {
            char *text = g_strstrip(g_strdup(name->text));
            g_string_append_printf(s, "%s%s", s->len ? "、" : "", text);
            g_free(text);
        }
    }
    return g_string_free(s, s->len == 0);
}
