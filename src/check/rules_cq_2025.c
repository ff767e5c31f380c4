/* The rules of 重庆市创新医疗器械推广应用项目管理办法（试行）(渝卫发〔2025〕55号) for its
 * forms: the 申报书 (cq-2025-application) and the 实施方案 (cq-2025-plan).
 *
 * What the form definitions already say is not said again here: the 申报方向 is one of
 * the 11 of 附件 1 (list="cq-2025-directions"), at most 10 子项目任务 (repeat max="10"),
 * a 子项目任务名称 of at most 20 characters and a 任务内容 of at most 50 (max=). */
#include "check_internal.h"
#include "checkdigit.h"
#include "value_typed.h"

#include <string.h>

/* 第六条（三）: 项目负责人原则上不超过 60 周岁. */
#define CQ_2025_MAX_AGE 60
/* 第二十四条 and 附件 1 三（三）: 项目实施周期原则上不超过3年. */
#define CQ_2025_MAX_YEARS 3

/* ---- what the rules share ---- */

/* The key of a map entry, for messages about a whole part of the data; NULL if absent. */
static const SbValue *key_of(const SbValue *map, const char *key)
{
    if (map == NULL || map->kind != SB_VALUE_MAP)
        return NULL;
    for (guint i = 0; i < sb_value_size(map); i++)
        if (strcmp(sb_value_key(map, i), key) == 0)
            return map->keys->pdata[i];
    return NULL;
}

/* A scalar's text without surrounding white space, or NULL when it is not filled in. */
static char *filled_text(const SbValue *root, const char *path)
{
    const SbValue *v = sb_rule_filled(root, path);
    if (v == NULL || !sb_is_scalar(v) || v->text == NULL)
        return NULL;
    return g_strstrip(g_strdup(v->text));
}

/* A date as people write it (value_typed.c reads it). */
static gboolean parse_date(const SbValue *v, GDate *date)
{
    SbTyped t;
    if (v == NULL || !sb_is_scalar(v) || sb_typed_read(SB_FIELD_DATE, v->text, &t) != SB_TYPED_OK)
        return FALSE;
    g_date_clear(date, 1);
    g_date_set_dmy(date, (GDateDay) t.day, (GDateMonth) t.month, (GDateYear) t.year);
    sb_typed_clear(&t);
    return TRUE;
}

/* In the official style, as the form prints dates. */
static char *format_date(const GDate *d)
{
    return g_strdup_printf("%d年%d月%d日", g_date_get_year(d), g_date_get_month(d),
                           g_date_get_day(d));
}

/* Completed years (周岁) from birth to date. */
static int completed_years(const GDate *birth, const GDate *date)
{
    int years = g_date_get_year(date) - g_date_get_year(birth);
    if (g_date_get_month(date) < g_date_get_month(birth)
        || (g_date_get_month(date) == g_date_get_month(birth)
            && g_date_get_day(date) < g_date_get_day(birth)))
        years--;
    return years;
}

/* The number written by the `n` digits of text from `from` (a 身份证号's birth date). */
static int digits_at(const char *text, int from, int n)
{
    int x = 0;
    for (int i = from; i < from + n; i++)
        x = x * 10 + (text[i] - '0');
    return x;
}

/* ---- cq-2025-application ---- */

/* The application date: the day the 牵头医疗机构 seals its 医疗机构意见, or, while it has
 * not, the day the 生产企业 seals its 生产企业意见.  FALSE when neither is there. */
static gboolean application_date(const SbValue *root, GDate *date)
{
    return parse_date(sb_rule_filled(root, "lead_hospital.sign_date"), date)
        || parse_date(sb_rule_filled(root, "enterprise.sign_date"), date);
}

/* A unit's identity for telling units apart: its 统一社会信用代码, else its name. */
static char *unit_identity(const SbValue *unit, const SbValue **at)
{
    static const char *keys[] = { "credit_code", "name" };
    for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
        char *text = filled_text(unit, keys[i]);
        if (text && *text) {
            *at = sb_value_map_get(unit, keys[i]);
            return text;
        }
        g_free(text);
    }
    return NULL;
}

/* 第六条（一） and 附件 1 三（一）: "1+1+N" — 1家牵头医疗机构 + 1家医疗器械生产研发企业 +
 * N家医疗机构、科研院所、医疗学会、医疗协会等共同参与.  The rule speaks once the data
 * describes the consortium at all: then there is at least one participating unit, and no
 * unit stands in it twice.  That the two leads are named the form's required fields say. */
static void rule_consortium(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    const SbValue *hospital = sb_value_lookup(root, "lead_hospital");
    const SbValue *enterprise = sb_value_lookup(root, "enterprise");
    const SbValue *parts = sb_value_lookup(root, "participants");
    if (!sb_rule_has_content(hospital) && !sb_rule_has_content(enterprise)
        && !sb_rule_has_content(parts))
        return;
    /* the two leads' names are required fields of the form: the walk reports them */

    guint n = 0;
    if (parts && parts->kind == SB_VALUE_LIST)
        for (guint i = 0; i < sb_value_size(parts); i++)
            n += sb_rule_has_content(sb_value_item(parts, i));
    if (n == 0) {
        const SbValue *at = key_of(root, "participants");
        if (at == NULL)
            at = root;
        sb_diag_error(diags, at->line, at->col,
                      "the 1+1+N consortium has no participating unit (participants): N "
                      "medical institutions, research institutes, societies or associations "
                      "take part besides the two leads",
                      "“1+1+N”联合体缺少参与单位（participants）：除牵头医疗机构和生产企业外，"
                      "须有N家医疗机构、科研院所、医疗学会、医疗协会等共同参与");
    }

    /* each unit once: the leads apart, and no participant again a lead or another one */
    const SbValue *at_h = NULL, *at_e = NULL;
    char *id_h = hospital ? unit_identity(hospital, &at_h) : NULL;
    char *id_e = enterprise ? unit_identity(enterprise, &at_e) : NULL;
    if (id_h && id_e && strcmp(id_h, id_e) == 0)
        sb_diag_error(diags, at_e->line, at_e->col,
                      "the manufacturer is the lead hospital again (%s): the 1+1+N consortium "
                      "is led by two different units",
                      "生产企业与牵头医疗机构为同一单位（%s）：“1+1+N”联合体由两家不同单位联合牵头",
                      id_e);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; parts && parts->kind == SB_VALUE_LIST && i < sb_value_size(parts); i++) {
        const SbValue *unit = sb_value_item(parts, i), *at = NULL;
        char *id = unit && unit->kind == SB_VALUE_MAP ? unit_identity(unit, &at) : NULL;
        if (id == NULL)
            continue;
        if ((id_h && strcmp(id, id_h) == 0) || (id_e && strcmp(id, id_e) == 0)) {
            gboolean is_h = id_h && strcmp(id, id_h) == 0;
            sb_check_report(diags, SB_ERROR, at,
                            g_strdup_printf("participating unit %u (%s) is the %s: in the "
                                            "1+1+N consortium a lead does not take part again",
                                            i + 1, id, is_h ? "lead hospital" : "manufacturer"),
                            g_strdup_printf("第 %u 个参与单位（%s）即%s：“1+1+N”联合体中"
                                            "牵头单位不再作为参与单位",
                                            i + 1, id, is_h ? "牵头医疗机构" : "生产企业"));
        } else if (g_hash_table_contains(seen, id)) {
            sb_diag_error(diags, at->line, at->col,
                          "participating unit %u (%s) is listed twice: in the 1+1+N "
                          "consortium each unit takes part once",
                          "第 %u 个参与单位（%s）重复填报：“1+1+N”联合体中每家单位只参与一次",
                          i + 1, id);
        }
        g_hash_table_add(seen, id);
    }
    g_hash_table_destroy(seen);
    g_free(id_h);
    g_free(id_e);
}

/* 附件 1 三（一）: 1家本市医院和1家医疗器械生产企业联合牵头 — the lead hospital is in
 * Chongqing, which its 统一社会信用代码 says in its administrative division code (50…). */
static void rule_lead_hospital_local(const SbForm *form, const SbValue *root,
                                     SbDiagnostics *diags)
{
    (void) form;
    const SbValue *code = sb_rule_filled(root, "lead_hospital.credit_code");
    char *text = filled_text(root, "lead_hospital.credit_code");
    if (text && sb_uscc_valid(text) && strncmp(text + 2, "50", 2) != 0)
        sb_diag_error(diags, code->line, code->col,
                      "the lead hospital must be a Chongqing hospital (1家本市医院): its credit "
                      "code %s is registered in division %.6s, not in Chongqing (50…)",
                      "牵头医疗机构须为本市医院：统一社会信用代码 %s 的登记管理机关行政区划码为 "
                      "%.6s，不属重庆市（50）",
                      text, text + 2);
    g_free(text);
}

/* 第六条（三）: 项目负责人原则上不超过 60 周岁 — on the application date, from the birth
 * date of the 身份证号, else from the 出生年月 (a month: the latest day of it). */
static void rule_leader_age(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    GDate when, birth;
    if (!application_date(root, &when))
        return;
    const SbValue *at = NULL;
    char *text = filled_text(root, "project.leader.id_number");
    char *id = text ? sb_typed_print(SB_FIELD_IDCARD, text) : NULL;   /* full-width digits too */
    g_free(text);
    if (id && sb_idcard_valid(id)) {   /* valid: its birth date is a real date */
        g_date_clear(&birth, 1);
        g_date_set_dmy(&birth, (GDateDay) digits_at(id, 12, 2), (GDateMonth) digits_at(id, 10, 2),
                       (GDateYear) digits_at(id, 6, 4));
        at = sb_value_lookup(root, "project.leader.id_number");
    }
    g_free(id);
    if (at == NULL) {
        const SbValue *v = sb_rule_filled(root, "project.leader.birth");
        SbTyped t;
        if (v == NULL || !sb_is_scalar(v)
            || sb_typed_read(SB_FIELD_YEAR_MONTH, v->text, &t) != SB_TYPED_OK)
            return;
        g_date_clear(&birth, 1);
        g_date_set_dmy(&birth, g_date_get_days_in_month((GDateMonth) t.month, (GDateYear) t.year),
                       (GDateMonth) t.month, (GDateYear) t.year);
        sb_typed_clear(&t);
        at = v;
    }
    int age = completed_years(&birth, &when);
    if (age <= CQ_2025_MAX_AGE)
        return;
    char *b = format_date(&birth), *w = format_date(&when);
    sb_diag_error(diags, at->line, at->col,
                  "the project leader, born %s, is %d on the application date %s; at most "
                  "%d is allowed",
                  "项目负责人（%s出生）至申报日期已满 %d 周岁（%s），超过 %d 周岁",
                  b, age, w, CQ_2025_MAX_AGE);
    g_free(b);
    g_free(w);
}

/* 第六条（三）: 具有相关专业技术高级职称 — of the five 职称 the form names (正高级、副高级、
 * 中级、初级、其他), 正高级 or 副高级.  A value that is none of the five the field's own
 * options report. */
static void rule_leader_title(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    static const char *below[] = { "中级", "初级", "其他" };
    const SbValue *v = sb_rule_filled(root, "project.leader.title");
    char *text = filled_text(root, "project.leader.title");
    for (guint i = 0; text && i < G_N_ELEMENTS(below); i++)
        if (strcmp(text, below[i]) == 0)
            sb_diag_error(diags, v->line, v->col,
                          "the project leader needs a senior professional title (正高级 or "
                          "副高级), not %s",
                          "项目负责人须具有相关专业技术高级职称（正高级或副高级），填写的是“%s”",
                          text);
    g_free(text);
}

/* 第二十四条: 项目实施周期原则上不超过3年 — the 执行期限 ends after it starts and within
 * three years of its start. */
static void rule_period(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    GDate start, end;
    const SbValue *v = sb_rule_filled(root, "project.period.end");
    if (!parse_date(sb_rule_filled(root, "project.period.start"), &start) || !parse_date(v, &end))
        return;
    char *s = format_date(&start), *e = format_date(&end);
    GDate limit = start;
    g_date_add_years(&limit, CQ_2025_MAX_YEARS);
    if (g_date_compare(&end, &start) < 0)
        sb_diag_error(diags, v->line, v->col,
                      "the project period ends (%s) before it starts (%s)",
                      "执行期限的结束日期（%s）早于开始日期（%s）", e, s);
    else if (g_date_compare(&end, &limit) > 0)
        sb_diag_error(diags, v->line, v->col,
                      "the project period %s to %s is longer than %d years",
                      "执行期限 %s 至 %s 超过 %d 年", s, e, CQ_2025_MAX_YEARS);
    g_free(s);
    g_free(e);
}

/* ---- cq-2025-plan ---- */

static gboolean whole_number(const SbValue *v, gint64 *out)
{
    if (v == NULL || !sb_is_scalar(v) || v->text == NULL)
        return FALSE;
    char *end = NULL;
    *out = g_ascii_strtoll(v->text, &end, 10);
    return end != v->text && *g_strstrip(end) == '\0';
}

/* 五（二）3 临床情况: the consortium's products and their cases are part (其中) of the
 * hospital's totals. */
static void rule_clinical_part(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    static const struct { const char *part, *total, *en, *zh; } pairs[] = {
        { "devices_inside", "devices_total", "products of the consortium's manufacturer",
          "联合体内生产企业产品数量" },
        { "cases_inside", "cases_total", "cases done with the consortium's products",
          "联合体内生产企业产品完成病例数" },
    };
    const SbValue *list = sb_value_lookup(root, "clinical");
    for (guint i = 0; list && list->kind == SB_VALUE_LIST && i < sb_value_size(list); i++) {
        const SbValue *row = sb_value_item(list, i);
        for (guint k = 0; row && row->kind == SB_VALUE_MAP && k < G_N_ELEMENTS(pairs); k++) {
            const SbValue *part = sb_value_map_get(row, pairs[k].part);
            gint64 p, t;
            if (!whole_number(part, &p) || !whole_number(sb_value_map_get(row, pairs[k].total), &t)
                || p <= t)
                continue;
            sb_check_report(diags, SB_ERROR, part,
                            g_strdup_printf("row %u of the clinical table: %s (%" G_GINT64_FORMAT
                                            ") exceeds the total (%" G_GINT64_FORMAT ")",
                                            i + 1, pairs[k].en, p, t),
                            g_strdup_printf("临床情况表第 %u 行：%s（%" G_GINT64_FORMAT
                                            "）大于总数量（%" G_GINT64_FORMAT "）",
                                            i + 1, pairs[k].zh, p, t));
        }
    }
}

const SbFormRule sb_rules_cq_2025[] = {
    { "cq-2025-application", rule_consortium },
    { "cq-2025-application", rule_lead_hospital_local },
    { "cq-2025-application", rule_leader_age },
    { "cq-2025-application", rule_leader_title },
    { "cq-2025-application", rule_period },
    { "cq-2025-plan", rule_clinical_part },
    { NULL, NULL },
};
