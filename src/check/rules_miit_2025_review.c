/* The rules of the 2025 national call for the two 审查表 of one project (miit-2025-review). */
#include "rules_units.h"

#include <string.h>

/* The 审查表 of each department, as the data's groups name them. */
static const struct {
    const char *group;
    const char *en, *zh;
} review_tables[] = {
    { "industry", "the 工业和信息化 department's table", "工业和信息化主管部门审查表" },
    { "health", "the 卫生健康 department's table", "卫生健康主管部门审查表" },
};

static GPtrArray *review_participants(const SbValue *root, const char *group, const SbValue **at)
{
    char *path = g_strconcat(group, ".project.participants", NULL);
    const SbValue *v = sb_rule_filled(root, path);
    g_free(path);
    if (at)
        *at = v;
    return sb_units_of(v);
}

/* 001 二（一）: at most 15 units, in each table.  A second table naming the same
 * participants as the first is not reported twice. */
static void rule_review_consortium_size(const SbForm *form, const SbValue *root,
                                        SbDiagnostics *diags)
{
    (void) form;
    GPtrArray *first = NULL;
    for (guint t = 0; t < G_N_ELEMENTS(review_tables); t++) {
        const SbValue *at = NULL;
        GPtrArray *units = review_participants(root, review_tables[t].group, &at);
        guint units_n = 2 + units->len;
        char *missing = first ? sb_units_missing(first, units) : NULL;
        char *extra = first ? sb_units_missing(units, first) : NULL;
        gboolean said = first && !missing && !extra && first->len > 0;
        if (at && units_n > MIIT_2025_MAX_UNITS && !said)
            sb_check_report(diags, SB_ERROR, at,
                            g_strdup_printf("%s: the consortium has %u units (the lead "
                                            "enterprise, the lead hospital and %u participants);"
                                            " at most %d are allowed", review_tables[t].en,
                                            units_n, units->len, MIIT_2025_MAX_UNITS),
                            g_strdup_printf("%s：联合体单位过多：共 %u 个（牵头医疗装备生产企业、"
                                            "牵头医疗机构及 %u 个参与单位），最多 %d 个",
                                            review_tables[t].zh, units_n, units->len,
                                            MIIT_2025_MAX_UNITS));
        g_free(missing);
        g_free(extra);
        if (first)
            g_ptr_array_unref(units);
        else
            first = units;
    }
    g_ptr_array_unref(first);
}

/* 001 附件 4 注: each project has a table from each department; a data file is one
 * project, so both tables name the same project, leads and participants. */
static void rule_review_same_project(const SbForm *form, const SbValue *root,
                                     SbDiagnostics *diags)
{
    (void) form;
    static const struct { const char *key, *zh; } items[] = {
        { "name", "申报项目名称" },
        { "lead_enterprise", "牵头医疗装备生产企业" },
        { "lead_hospital", "牵头医疗机构" },
    };
    const SbValue *industry = sb_value_lookup(root, "industry.project");
    const SbValue *health = sb_value_lookup(root, "health.project");
    if (industry == NULL || health == NULL || industry->kind != SB_VALUE_MAP
        || health->kind != SB_VALUE_MAP)
        return;
    for (guint i = 0; i < G_N_ELEMENTS(items); i++) {
        const SbValue *a = sb_rule_filled(industry, items[i].key);
        const SbValue *b = sb_rule_filled(health, items[i].key);
        if (!a || !b || !sb_is_scalar(a) || !sb_is_scalar(b))
            continue;
        char *ka = sb_unit_key(a->text), *kb = sb_unit_key(b->text);
        if (strcmp(ka, kb) != 0)
            sb_check_report(diags, SB_ERROR, b,
                            g_strdup_printf("health.project.%s '%s' differs from "
                                            "industry.project.%s '%s': the two tables of a "
                                            "data file are of one project",
                                            items[i].key, b->text, items[i].key, a->text),
                            g_strdup_printf("卫生健康主管部门审查表的%s“%s”与工业和信息化"
                                            "主管部门审查表的“%s”不一致，两张审查表应为同一项目",
                                            items[i].zh, b->text, a->text));
        g_free(ka);
        g_free(kb);
    }
    const SbValue *at = NULL;
    GPtrArray *ua = review_participants(root, "industry", NULL);
    GPtrArray *ub = review_participants(root, "health", &at);
    if (at && ua->len > 0) {
        char *missing = sb_units_missing(ua, ub), *extra = sb_units_missing(ub, ua);
        if (missing || extra)
            sb_check_report(diags, SB_ERROR, at,
                            g_strdup_printf("health.project.participants differs from "
                                            "industry.project.participants (%s%s%s%s%s): the "
                                            "two tables of a data file are of one project",
                                            missing ? "lacks " : "", missing ? missing : "",
                                            missing && extra ? "; " : "",
                                            extra ? "adds " : "", extra ? extra : ""),
                            g_strdup_printf("卫生健康主管部门审查表的参与单位与工业和信息化"
                                            "主管部门审查表的不一致（%s%s%s%s%s），两张审查表"
                                            "应为同一项目",
                                            missing ? "缺少：" : "", missing ? missing : "",
                                            missing && extra ? "；" : "",
                                            extra ? "多出：" : "", extra ? extra : ""));
        g_free(missing);
        g_free(extra);
    }
    g_ptr_array_unref(ua);
    g_ptr_array_unref(ub);
}

const SbFormRule sb_rules_miit_2025_review[] = {
    { "miit-2025-review", rule_review_consortium_size },
    { "miit-2025-review", rule_review_same_project },
    { NULL, NULL },
};
