/* What a compile makes of a 2025 national application (miit-2025-application): the
 * project the rules across applications see, its row of the 推荐汇总表 (附件 5) and its
 * 审查表 (附件 4), every value taken from the application as written. */
#include "compile.h"

#include <string.h>

static const char *const enterprise_paths[] = { "lead_enterprise.name", "project.lead_enterprise", NULL };
static const char *const hospital_paths[] = { "lead_hospital.name", "project.lead_hospital", NULL };
static const char *const name_paths[] = { "project.name", NULL };

/* 重点产品 or 典型场景: the list the product or scenario it declares (推广应用的医疗装备/典型
 * 场景名称) is on. */
static const char *category(const SbApplication *app, const SbValue **product)
{
    static const struct { const char *list, *category; } lists[] = {
        { "miit-2025-key-products", "重点产品" },
        { "miit-2025-scenarios", "典型场景" },
    };
    const SbValue *v = sb_rule_filled(app->data->root, "application.equipment");
    *product = v && sb_is_scalar(v) ? v : NULL;
    if (*product == NULL || app->form == NULL || app->form->lists == NULL)
        return NULL;
    char *text = g_strstrip(g_strdup(v->text));
    const char *found = NULL;
    for (guint i = 0; i < G_N_ELEMENTS(lists) && !found; i++) {
        const GPtrArray *names = g_hash_table_lookup(app->form->lists, lists[i].list);
        if (names && sb_among(names, text))
            found = lists[i].category;
    }
    g_free(text);
    return found;
}

static SbAcrossProject *miit_project(const SbApplication *app)
{
    const SbValue *root = app->data->root, *product = NULL;
    SbAcrossProject *p = sb_compile_project_new(app, sb_compile_first(root, name_paths));
    p->category = category(app, &product);
    p->product = product ? g_strdup(product->text) : NULL;
    sb_across_add_unit(p, sb_compile_first(root, enterprise_paths),
                       sb_rule_filled(root, "lead_enterprise.credit_code"), SB_ROLE_LEAD_ENTERPRISE);
    sb_across_add_unit(p, sb_compile_first(root, hospital_paths),
                       sb_rule_filled(root, "lead_hospital.org_code"), SB_ROLE_LEAD_HOSPITAL);
    sb_compile_add_participants(p, root, "org_code");
    return p;
}

/* 申报主体联系人 and 联系电话: the lead enterprise's contact, or the lead hospital's when
 * the enterprise names none — both from the same unit. */
static void put_contact(SbValue *row, const SbValue *root)
{
    static const char *const units[] = { "lead_enterprise", "lead_hospital" };
    for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
        char *name = g_strconcat(units[i], ".contact.name", NULL);
        char *phone = g_strconcat(units[i], ".contact.phone", NULL);
        const SbValue *who = sb_rule_filled(root, name);
        if (who) {
            sb_compile_put(row, "contact", who);
            sb_compile_put(row, "phone", sb_rule_filled(root, phone));
        }
        g_free(name);
        g_free(phone);
        if (who)
            return;
    }
}

/* The project's units as the 汇总表 and the 审查表 print them. */
static void put_units(SbValue *map, const SbValue *root)
{
    sb_compile_put(map, "name", sb_compile_first(root, name_paths));
    sb_compile_put(map, "lead_enterprise", sb_compile_first(root, enterprise_paths));
    sb_compile_put(map, "lead_hospital", sb_compile_first(root, hospital_paths));
    char *parts = sb_compile_join_names(sb_value_lookup(root, "participants"), "name");
    sb_compile_put_text(map, "participants", parts);
    g_free(parts);
}

static SbValue *miit_row(const SbApplication *app)
{
    SbValue *row = sb_value_new(SB_VALUE_MAP, 0, 0);
    put_units(row, app->data->root);
    put_contact(row, app->data->root);
    const SbValue *product = NULL;
    sb_compile_put_text(row, "remark", category(app, &product));
    return row;
}

/* Both departments' tables name the project alike: the health table's project is
 * written as an alias of the industry one's, and each opinion is left to its department. */
static SbValue *miit_review(const SbApplication *app, const SbValue **anchor, const SbValue **alias)
{
    SbValue *root = sb_value_new(SB_VALUE_MAP, 0, 0);
    sb_compile_put_text(root, "form", "miit-2025-review");
    static const char *const groups[] = { "industry", "health" };
    for (guint i = 0; i < G_N_ELEMENTS(groups); i++) {
        SbValue *group = sb_compile_map_add(root, groups[i]);
        SbValue *project = sb_compile_map_add(group, "project");
        put_units(project, app->data->root);
        sb_value_map_set(group, sb_value_new_scalar(SB_VALUE_STRING, "opinion", 0, 0),
                         sb_value_new(SB_VALUE_NULL, 0, 0));
        *(i == 0 ? anchor : alias) = project;
    }
    return root;
}

const SbCompileKind sb_compile_miit_2025 = {
    .application = "miit-2025-application",
    .table = "miit-2025-summary",
    .table_name = "推荐汇总表",
    .review = "miit-2025-review",
    .limits = TRUE,
    .project = miit_project,
    .row = miit_row,
    .review_data = miit_review,
};
