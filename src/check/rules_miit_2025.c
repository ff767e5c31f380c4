/* The rules of the 2025 national call (工信厅联通装函〔2025〕391号) for its application
 * form, miit-2025-application.  The 审查表 and the 汇总表 have theirs in
 * rules_miit_2025_review.c and rules_miit_2025_summary.c. */
#include "rules_units.h"

#include <string.h>

static void rule_consortium_size(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    const SbValue *parts = sb_value_lookup(root, "participants");
    if (parts == NULL || parts->kind != SB_VALUE_LIST)
        return;
    guint n = sb_value_size(parts);
    guint units = 2 + n;
    const SbRepeatDef *r = sb_rule_repeat_at(form, "participants");
    /* the repeat's own maximum has said it already */
    if (units <= MIIT_2025_MAX_UNITS || (r && r->max > 0 && n > (guint) r->max))
        return;
    sb_diag_error(diags, parts->line, parts->col,
                  "the consortium has %u units (the lead enterprise, the lead hospital and "
                  "%u participants); at most %d are allowed",
                  "联合体单位过多：共 %u 个（牵头医疗装备生产企业、牵头医疗机构及 %u 个参与单位），"
                  "最多 %d 个", units, n, MIIT_2025_MAX_UNITS);
}

/* 001 二（三）: the product of a 重点产品 project must be registered.  The rule fires only
 * when the data itself says the project is one: its category, or equipment named on the
 * key product list. */
static gboolean is_key_product_project(const SbForm *form, const SbValue *root)
{
    static const char *category_paths[] = { "project.category", "application.category" };
    for (guint i = 0; i < G_N_ELEMENTS(category_paths); i++) {
        const SbValue *c = sb_rule_filled(root, category_paths[i]);
        if (c && sb_is_scalar(c) && strstr(c->text, "重点产品"))
            return TRUE;
    }
    const SbValue *equipment = sb_rule_filled(root, "application.equipment");
    const GPtrArray *list = form->lists
        ? g_hash_table_lookup(form->lists, "miit-2025-key-products") : NULL;
    if (equipment == NULL || !sb_is_scalar(equipment) || list == NULL)
        return FALSE;
    char *name = g_strstrip(g_strdup(equipment->text));
    gboolean on_list = sb_among(list, name);
    g_free(name);
    return on_list;
}

static void rule_registration_no(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    if (!is_key_product_project(form, root)
        || sb_rule_filled(root, "application.registration_no"))
        return;
    const SbValue *at = sb_value_lookup(root, "application.registration_no");
    if (at == NULL)
        at = sb_value_lookup(root, "application");
    if (at == NULL)
        at = root;
    sb_diag_error(diags, at->line, at->col,
                  "a 重点产品 project needs the registration number (注册证号) of its product: "
                  "%s is empty",
                  "重点产品类项目须填写产品的医疗器械注册证号（%s）",
                  "application.registration_no");
}

const SbFormRule sb_rules_miit_2025[] = {
    { "miit-2025-application", rule_consortium_size },
    { "miit-2025-application", rule_registration_no },
    { NULL, NULL },
};
