/* What a compile makes of a Chongqing application (cq-2025-application): the project the
 * rules across applications see (004 sets no limits across projects, so only a project
 * submitted twice counts) and its entry of the 申请表 (附件 2): the project, its 牵头企业
 * and its medical institutions, the lead hospital first, then each participating unit. */
#include "compile.h"

static SbAcrossProject *cq_project(const SbApplication *app)
{
    const SbValue *root = app->data->root;
    SbAcrossProject *p = sb_compile_project_new(app, sb_rule_filled(root, "project.name"));
    const SbValue *product = sb_rule_filled(root, "device.name");
    p->product = product && sb_is_scalar(product) ? g_strdup(product->text) : NULL;
    sb_across_add_unit(p, sb_rule_filled(root, "enterprise.name"),
                       sb_rule_filled(root, "enterprise.credit_code"), SB_ROLE_LEAD_ENTERPRISE);
    sb_across_add_unit(p, sb_rule_filled(root, "lead_hospital.name"),
                       sb_rule_filled(root, "lead_hospital.credit_code"), SB_ROLE_LEAD_HOSPITAL);
    sb_compile_add_participants(p, root, "credit_code");
    return p;
}

/* name, contact and phone of a unit: its 项目联系人 */
static void put_unit(SbValue *map, const SbValue *unit)
{
    sb_compile_put(map, "name", sb_rule_filled(unit, "name"));
    sb_compile_put(map, "contact", sb_rule_filled(unit, "contact.name"));
    sb_compile_put(map, "phone", sb_rule_filled(unit, "contact.phone"));
}

/* The 型号 column takes the product's name as registered (产品名称), which carries its
 * model: the application has no field of its own for the model. */
static SbValue *cq_row(const SbApplication *app)
{
    const SbValue *root = app->data->root;
    SbValue *row = sb_value_new(SB_VALUE_MAP, 0, 0);
    sb_compile_put(row, "name", sb_rule_filled(root, "project.name"));
    SbValue *enterprise = sb_compile_map_add(row, "enterprise");
    sb_compile_put(enterprise, "model", sb_rule_filled(root, "device.name"));
    put_unit(enterprise, sb_value_lookup(root, "enterprise"));
    put_unit(sb_compile_map_add(row, "lead_hospital"), sb_value_lookup(root, "lead_hospital"));
    const SbValue *parts = sb_value_lookup(root, "participants");
    SbValue *hospitals = sb_value_new(SB_VALUE_LIST, 0, 0);
    for (guint i = 0; parts && parts->kind == SB_VALUE_LIST && i < sb_value_size(parts); i++) {
        SbValue *h = sb_value_new(SB_VALUE_MAP, 0, 0);
        put_unit(h, sb_value_item(parts, i));
        if (sb_value_size(h) > 0)
            g_ptr_array_add(hospitals->items, h);
        else
            sb_value_free(h);
    }
    if (sb_value_size(hospitals) > 0)
        sb_value_map_set(row, sb_value_new_scalar(SB_VALUE_STRING, "hospitals", 0, 0), hospitals);
    else
        sb_value_free(hospitals);
    return row;
}

const SbCompileKind sb_compile_cq_2025 = {
    .application = "cq-2025-application",
    .table = "cq-2025-request",
    .table_name = "申请表",
    .review = NULL,
    .limits = FALSE,
    .project = cq_project,
    .row = cq_row,
    .review_data = NULL,
};
