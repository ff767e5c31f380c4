/* The rules of 高端医疗装备应用示范基地管理办法（试行）（征求意见稿） (2022) for its
 * 临床应用示范申报书, miit-2022-clinical.
 *
 * 第六条（一）: 临床应用示范由医疗机构牵头，采取“1+N+N”联合体方式申报，即 1 家牵头医疗
 * 机构+N 家医疗装备企业+N 家联合医疗机构.  The form holds the one lead hospital as a map
 * (lead_hospital) and the two N as lists (enterprises, hospitals); the rules below say
 * what the form's shape cannot: that each N has a unit, that no unit is counted twice,
 * and that the hospital leading the consortium is the one that applies (the lead
 * hospital's name is a required field of the form).
 *
 * The consortium is judged once the data has begun to describe it — any of its three
 * parts holds something — so that an empty skeleton (shenbao init) checks clean. */
#include "check_internal.h"

#include <string.h>

#define CLINICAL "miit-2022-clinical"

/* The document's own words for the consortium, quoted in the Chinese messages. */
#define ZH_1NN "临床应用示范采取“1+N+N”联合体方式申报，即 1 家牵头医疗机构+N 家医疗装备企业+N 家联合医疗机构"
#define EN_1NN "a clinical application demonstration is applied for by a 1+N+N consortium: " \
               "1 lead hospital + N medical equipment enterprises + N partner hospitals"

static gboolean consortium_begun(const SbValue *root)
{
    return sb_rule_has_content(sb_value_lookup(root, "lead_hospital"))
        || sb_rule_has_content(sb_value_lookup(root, "enterprises"))
        || sb_rule_has_content(sb_value_lookup(root, "hospitals"));
}

/* The items of a list that hold something; -1 when the value is there but is not a list
 * (the shape check has said so). */
static int filled_items(const SbValue *list)
{
    if (list == NULL || list->kind == SB_VALUE_NULL)
        return 0;
    if (list->kind != SB_VALUE_LIST)
        return -1;
    int n = 0;
    for (guint i = 0; i < sb_value_size(list); i++)
        n += sb_rule_has_content(sb_value_item(list, i));
    return n;
}

/* Where a message about a part of the data goes: the part itself, or the map that should
 * hold it. */
static const SbValue *position_of(const SbValue *root, const char *path)
{
    const SbValue *v = sb_value_lookup(root, path);
    return v ? v : root;
}

/* One part of the N + N: at least one unit of the kind. */
static void need_units(const SbValue *root, SbDiagnostics *diags, const char *path,
                       const char *en_kind, const char *zh_kind)
{
    if (!consortium_begun(root) || filled_items(sb_value_lookup(root, path)) != 0)
        return;
    sb_check_report(diags, SB_ERROR, position_of(root, path),
                    g_strdup_printf("the consortium needs at least one %s (%s); " EN_1NN,
                                    en_kind, path),
                    g_strdup_printf("联合体至少应有 1 家%s（%s）：" ZH_1NN, zh_kind, path));
}

/* N 家医疗装备企业 */
static void rule_enterprises(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    need_units(root, diags, "enterprises", "medical equipment enterprise", "医疗装备企业");
}

/* N 家联合医疗机构 */
static void rule_partner_hospitals(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    need_units(root, diags, "hospitals", "partner hospital", "联合医疗机构");
}

/* A unit's name as compared: without any white space, so that "江东省 人民医院" and
 * "江东省人民医院" are one unit. */
static char *unit_key(const SbValue *name)
{
    GString *s = g_string_new(NULL);
    for (const char *p = name->text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c))
            g_string_append_unichar(s, c);
    }
    return g_string_free(s, FALSE);
}

/* Where in the consortium a unit is listed. */
typedef struct {
    const char *path, *en, *zh;
} Where;

typedef struct {
    GHashTable *seen;   /* unit key → where it was first listed */
    SbDiagnostics *diags;
} Units;

static void list_unit(Units *u, const SbValue *name, const Where *where)
{
    if (name == NULL || !sb_is_scalar(name) || sb_is_blank(name))
        return;
    char *key = unit_key(name);
    const Where *first = g_hash_table_lookup(u->seen, key);
    if (first) {
        sb_check_report(u->diags, SB_ERROR, name,
                        g_strdup_printf("%s is listed twice in the consortium: already as %s; "
                                        "each unit counts once in 1+N+N", name->text, first->en),
                        g_strdup_printf("联合体单位重复：“%s”已列为%s，每家单位在“1+N+N”联合体"
                                        "中只计一次", name->text, first->zh));
        g_free(key);
        return;
    }
    g_hash_table_insert(u->seen, key, (gpointer) where);
}

/* Each unit is one of the 1+N+N: the lead hospital is not also a partner hospital, and no
 * enterprise or partner hospital is listed twice. */
static void rule_distinct_units(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    Units u = { g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), diags };
    static const Where lead_where = { "lead_hospital", "the lead hospital", "牵头医疗机构" };
    static const Where lists[] = {
        { "hospitals", "a partner hospital", "联合医疗机构" },
        { "enterprises", "an enterprise", "医疗装备企业" },
    };
    const SbValue *lead = sb_value_lookup(root, lead_where.path);
    if (lead && lead->kind == SB_VALUE_MAP)
        list_unit(&u, sb_value_map_get(lead, "name"), &lead_where);
    for (guint k = 0; k < G_N_ELEMENTS(lists); k++) {
        const SbValue *list = sb_value_lookup(root, lists[k].path);
        if (list == NULL || list->kind != SB_VALUE_LIST)
            continue;
        for (guint i = 0; i < sb_value_size(list); i++) {
            const SbValue *item = sb_value_item(list, i);
            if (item->kind == SB_VALUE_MAP)
                list_unit(&u, sb_value_map_get(item, "name"), &lists[k]);
        }
    }
    g_hash_table_destroy(u.seen);
}

/* 由医疗机构牵头: the 申报单位 on the cover is the lead hospital. */
static void rule_applicant(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    const SbValue *applicant = sb_rule_filled(root, "project.applicant");
    const SbValue *lead = sb_rule_filled(root, "lead_hospital.name");
    if (applicant == NULL || lead == NULL || !sb_is_scalar(applicant) || !sb_is_scalar(lead))
        return;
    char *a = unit_key(applicant), *b = unit_key(lead);
    if (strcmp(a, b) != 0)
        sb_diag_error(diags, applicant->line, applicant->col,
                      "the applicant (%s) is not the lead hospital (%s): the consortium is "
                      "led by a hospital, which applies",
                      "申报单位“%s”与牵头医疗机构“%s”不一致：临床应用示范由医疗机构牵头申报",
                      applicant->text, lead->text);
    g_free(a);
    g_free(b);
}

const SbFormRule sb_rules_miit_2022[] = {
    { CLINICAL, rule_enterprises },
    { CLINICAL, rule_partner_hospitals },
    { CLINICAL, rule_distinct_units },
    { CLINICAL, rule_applicant },
    { NULL, NULL },
};
