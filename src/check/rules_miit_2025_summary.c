/* The rules of the 2025 national call for a province's 推荐汇总表 (miit-2025-summary): the
 * projects it recommends, read together.  A summary typed by hand names its units only
 * by name and says each project's category in its 备注; the rules across projects are
 * those a compile applies to the applications themselves (rules_across.c). */
#include "rules_across.h"

#include <string.h>

static const SbValue *summary_rows(const SbValue *root)
{
    const SbValue *rows = sb_value_lookup(root, "projects");
    return rows && rows->kind == SB_VALUE_LIST ? rows : NULL;
}

static const char *row_name(const SbValue *row)
{
    const SbValue *v = sb_rule_filled(row, "name");
    return v && sb_is_scalar(v) ? v->text : NULL;
}

/* The units a row names: the two leads, then each participant. */
static void add_row_units(SbAcrossProject *p, const SbValue *row)
{
    sb_across_add_unit(p, sb_rule_filled(row, "lead_enterprise"), NULL, SB_ROLE_LEAD_ENTERPRISE);
    sb_across_add_unit(p, sb_rule_filled(row, "lead_hospital"), NULL, SB_ROLE_LEAD_HOSPITAL);
    const SbValue *at = sb_rule_filled(row, "participants");
    GPtrArray *names = sb_units_of(at);
    for (guint i = 0; i < names->len; i++)
        g_ptr_array_add(p->units, sb_unit_mention_new(names->pdata[i], NULL, SB_ROLE_PARTICIPANT, at));
    g_ptr_array_unref(names);
}

/* 001 二（一）: at most 15 units in each recommended project's consortium, each unit
 * counted once however often the row names it. */
static void rule_summary_consortium_size(const SbForm *form, const SbValue *root,
                                         SbDiagnostics *diags)
{
    (void) form;
    const SbValue *rows = summary_rows(root);
    for (guint i = 0; rows && i < sb_value_size(rows); i++) {
        const SbValue *row = sb_value_item(rows, i);
        const SbValue *at = row && row->kind == SB_VALUE_MAP ? sb_rule_filled(row, "participants") : NULL;
        if (at == NULL)
            continue;
        SbAcrossProject *p = sb_across_project_new(NULL, NULL, at, diags);
        add_row_units(p, row);
        guint units = sb_units_identify(p->units);
        if (units > MIIT_2025_MAX_UNITS)
            sb_diag_error(diags, at->line, at->col,
                          "project %u: the consortium has %u units (the lead enterprise, the "
                          "lead hospital and the participants); at most %d are allowed",
                          "第 %u 个项目的联合体单位过多：共 %u 个（牵头医疗装备生产企业、"
                          "牵头医疗机构及参与单位），最多 %d 个",
                          i + 1, units, MIIT_2025_MAX_UNITS);
        sb_across_project_free(p);
    }
}

/* A row's category, as its 备注 says it: 重点产品 or 典型场景 (not both). */
static const char *row_category(const SbValue *row)
{
    const SbValue *v = sb_rule_filled(row, "remark");
    if (v == NULL || !sb_is_scalar(v))
        return NULL;
    gboolean key = strstr(v->text, "重点产品") != NULL, scene = strstr(v->text, "典型场景") != NULL;
    return key == scene ? NULL : key ? "重点产品" : "典型场景";
}

static SbAcrossProject *row_project(const SbValue *row, guint number, SbDiagnostics *diags)
{
    const char *name = row_name(row);
    char *en = g_strdup_printf("no. %u%s%s%s", number, name ? " (" : "", name ? name : "", name ? ")" : "");
    char *zh = g_strdup_printf("第 %u 个项目%s%s%s", number, name ? "（" : "", name ? name : "",
                               name ? "）" : "");
    SbAcrossProject *p = sb_across_project_new(en, zh, row, diags);
    g_free(en);
    g_free(zh);
    p->name = g_strdup(name);
    p->category = row_category(row);
    add_row_units(p, row);
    return p;
}

/* 001 二（二）, across the rows: no unit in more than 3 projects or in two consortia of one
 * category, and no project twice.  A row whose 备注 gives no category is left out of the
 * category rule, and said so. */
static void rule_summary_across(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    const SbValue *rows = summary_rows(root);
    GPtrArray *projects = g_ptr_array_new_with_free_func(sb_across_project_free);
    for (guint i = 0; rows && i < sb_value_size(rows); i++) {
        const SbValue *row = sb_value_item(rows, i);
        if (row == NULL || row->kind != SB_VALUE_MAP || !sb_rule_has_content(row))
            continue;
        SbAcrossProject *p = row_project(row, i + 1, diags);
        if (p->category == NULL)
            sb_diag_warning(diags, row->line, row->col,
                            "project %u: its 备注 (remark) does not say its category, 重点产品 or "
                            "典型场景, so the rule on units in two consortia of one category "
                            "leaves it out",
                            "第 %u 个项目的备注未注明类别（重点产品或典型场景），不参与"
                            "“同一单位在同一类别项目中参加2个及以上联合体”的检查", i + 1);
        g_ptr_array_add(projects, p);
    }
    SbAcrossRules rules = { .limits = TRUE, .once = TRUE };
    sb_across_check(projects, &rules);
    g_ptr_array_unref(projects);
}

const SbFormRule sb_rules_miit_2025_summary[] = {
    { "miit-2025-summary", rule_summary_consortium_size },
    { "miit-2025-summary", rule_summary_across },
    { NULL, NULL },
};
