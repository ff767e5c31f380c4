/* What the data says twice, said the same way, on every form: a person's 身份证号 and their
 * 出生年月 and 性别, births before today, the shares of a list within 100%, and an R&D
 * share that is what the R&D spending over the revenue makes.
 *
 * The rules find their fields by the form's own paths: a person is a map with an idcard
 * field (id_number, or legal_rep_id beside legal_rep_gender), a birth is a date or
 * year-month field named birth, a share is a percent field named ratio in a list. */
#include "check_internal.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "checkdigit.h"
#include "value_typed.h"

/* ---- the data's maps at a path of the form ---- */

typedef void (*MapFn)(const SbForm *form, const SbFieldDef *f, const SbValue *map,
                      SbDiagnostics *diags);

/* Calls fn with every map of the data at the parent path of f ("team[]" gives each
 * item of team, "lead_hospital.leader" the one map). */
static void each_parent(const SbForm *form, const SbFieldDef *f, const SbValue *v,
                        const char *path, MapFn fn, SbDiagnostics *diags)
{
    if (v == NULL)
        return;
    const char *dot = strchr(path, '.');
    if (dot == NULL) {   /* path is the key itself: v holds it */
        if (v->kind == SB_VALUE_MAP)
            fn(form, f, v, diags);
        return;
    }
    char *segment = g_strndup(path, dot - path);
    gboolean list = g_str_has_suffix(segment, "[]");
    if (list)
        segment[strlen(segment) - 2] = '\0';
    const SbValue *child = sb_value_map_get(v, segment);
    if (list && child && child->kind == SB_VALUE_LIST) {
        for (guint i = 0; i < sb_value_size(child); i++)
            each_parent(form, f, sb_value_item(child, i), dot + 1, fn, diags);
    } else if (!list) {
        each_parent(form, f, child, dot + 1, fn, diags);
    }
    g_free(segment);
}

static void each_field_of_type(const SbForm *form, const SbValue *root, SbFieldType type,
                               const char *key, MapFn fn, SbDiagnostics *diags)
{
    for (guint i = 0; form->fields && i < form->fields->len; i++) {
        const SbFieldDef *f = g_ptr_array_index(form->fields, i);
        if (f->type == type && (key == NULL || strcmp(f->key, key) == 0))
            each_parent(form, f, root, f->path, fn, diags);
    }
}

/* A scalar of the map read as the type; FALSE when it is not there or does not read. */
static gboolean read_member(const SbValue *map, const char *key, SbFieldType type, SbTyped *out,
                            const SbValue **at)
{
    const SbValue *v = sb_value_map_get(map, key);
    *at = v;
    memset(out, 0, sizeof *out);
    return v && sb_is_scalar(v) && sb_typed_read(type, v->text, out) == SB_TYPED_OK;
}

/* ---- a person: the 身份证号 against 出生年月 and 性别 ---- */

/* The sibling key of an idcard key: id_number → birth, legal_rep_id → legal_rep_birth. */
static char *person_key(const char *id_key, const char *what)
{
    if (strcmp(id_key, "id_number") == 0)
        return g_strdup(what);
    if (g_str_has_suffix(id_key, "_id"))
        return g_strdup_printf("%.*s_%s", (int) strlen(id_key) - 3, id_key, what);
    return NULL;
}

static const SbFieldDef *sibling(const SbForm *form, const SbFieldDef *f, const char *key)
{
    if (key == NULL)
        return NULL;
    char *path = g_strdup_printf("%.*s%s", (int) (strlen(f->path) - strlen(f->key)), f->path, key);
    const SbFieldDef *s = sb_form_field(form, path);
    g_free(path);
    return s;
}

static void check_birth_against_id(const SbFieldDef *birth, const SbValue *map, const char *id,
                                   SbDiagnostics *diags)
{
    SbTyped b;
    const SbValue *at;
    if (!read_member(map, birth->key, birth->type, &b, &at))
        return;
    char year[5] = { 0 }, month[3] = { 0 }, day[3] = { 0 };
    memcpy(year, id + 6, 4), memcpy(month, id + 10, 2), memcpy(day, id + 12, 2);
    int iy = atoi(year), im = atoi(month), id_day = atoi(day);
    gboolean same = b.year == iy && b.month == im && (birth->type != SB_FIELD_DATE || b.day == id_day);
    if (!same)
        sb_diag_error(diags, at->line, at->col,
                      "%s %s differs from the birth date in the citizen ID, %d年%d月%d日",
                      "%s“%s”与身份证号中的出生日期 %d年%d月%d日 不符",
                      birth->label, b.text, iy, im, id_day);
    sb_typed_clear(&b);
}

static void check_gender_against_id(const SbFieldDef *gender, const SbValue *map, const char *id,
                                    SbDiagnostics *diags)
{
    const SbValue *v = sb_value_map_get(map, gender->key);
    if (v == NULL || !sb_is_scalar(v) || sb_is_blank(v))
        return;
    char *text = g_strstrip(g_strdup(v->text));
    /* GB 11643: the 17th digit is odd for a man, even for a woman */
    gboolean man = (id[16] - '0') % 2 == 1;
    const char *by_id = man ? "男" : "女";
    if ((strcmp(text, "男") == 0 || strcmp(text, "女") == 0) && strcmp(text, by_id) != 0)
        sb_check_report(diags, SB_ERROR, v,
                        g_strdup_printf("%s %s differs from the citizen ID, which is a %s's (%s)",
                                        gender->label, text, man ? "man" : "woman", by_id),
                        g_strdup_printf("%s“%s”与身份证号不符：身份证号的第 17 位表明为%s性",
                                        gender->label, text, by_id));
    g_free(text);
}

static void check_person(const SbForm *form, const SbFieldDef *f, const SbValue *map,
                         SbDiagnostics *diags)
{
    SbTyped id;
    const SbValue *at;
    if (!read_member(map, f->key, SB_FIELD_IDCARD, &id, &at))
        return;
    if (sb_idcard_valid(id.text)) {   /* a wrong one the field's own check reports */
        char *birth_key = person_key(f->key, "birth"), *gender_key = person_key(f->key, "gender");
        const SbFieldDef *birth = sibling(form, f, birth_key);
        const SbFieldDef *gender = sibling(form, f, gender_key);
        if (birth && (birth->type == SB_FIELD_YEAR_MONTH || birth->type == SB_FIELD_DATE))
            check_birth_against_id(birth, map, id.text, diags);
        if (gender)
            check_gender_against_id(gender, map, id.text, diags);
        g_free(birth_key);
        g_free(gender_key);
    }
    sb_typed_clear(&id);
}

static void rule_person(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    each_field_of_type(form, root, SB_FIELD_IDCARD, NULL, check_person, diags);
}

/* ---- births before today ---- */

static void check_birth(const SbForm *form, const SbFieldDef *f, const SbValue *map,
                        SbDiagnostics *diags)
{
    (void) form;
    SbTyped b;
    const SbValue *at;
    if (!read_member(map, f->key, f->type, &b, &at))
        return;
    GDate today;
    g_date_clear(&today, 1);
    g_date_set_time_t(&today, time(NULL));
    int y = g_date_get_year(&today), m = g_date_get_month(&today), d = g_date_get_day(&today);
    /* a year-month is in the future only from the month after this one */
    gboolean future = b.year > y || (b.year == y && b.month > m)
                   || (b.year == y && b.month == m && b.day > d);
    if (future)
        sb_diag_error(diags, at->line, at->col, "%s %s is in the future", "%s“%s”晚于今天",
                      f->label, b.text);
    sb_typed_clear(&b);
}

static void rule_births(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    each_field_of_type(form, root, SB_FIELD_YEAR_MONTH, "birth", check_birth, diags);
    each_field_of_type(form, root, SB_FIELD_DATE, "birth", check_birth, diags);
}

/* ---- shares ---- */

/* The shares of a list's items (持股比例 of the 主要股东) add up to at most 100%: fn gets
 * the map that holds the list. */
static void check_shares(const SbForm *form, const SbFieldDef *f, const SbValue *holder,
                         SbDiagnostics *diags)
{
    (void) form;
    const char *dot = strrchr(f->repeat->path, '.');
    const SbValue *list = sb_value_map_get(holder, dot ? dot + 1 : f->repeat->path);
    if (list == NULL || list->kind != SB_VALUE_LIST)
        return;
    double sum = 0;
    for (guint i = 0; i < sb_value_size(list); i++) {
        SbTyped share = { 0 };
        const SbValue *at;
        const SbValue *item = sb_value_item(list, i);
        if (item->kind == SB_VALUE_MAP && read_member(item, f->key, SB_FIELD_PERCENT, &share, &at))
            sum += share.number;
        sb_typed_clear(&share);
    }
    const char *what = f->repeat->label ? f->repeat->label : f->repeat->path;
    if (sum > 100.005)
        sb_check_report(diags, SB_ERROR, list,
                        g_strdup_printf("the %s of %s add up to %.2f%%, more than 100%%",
                                        f->label, what, sum),
                        g_strdup_printf("%s中的%s合计 %.2f%%，超过 100%%", what, f->label, sum));
}

static void rule_shares(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    for (guint i = 0; form->fields && i < form->fields->len; i++) {
        const SbFieldDef *f = g_ptr_array_index(form->fields, i);
        if (f->type == SB_FIELD_PERCENT && strcmp(f->key, "ratio") == 0 && f->repeat)
            each_parent(form, f, root, f->repeat->path, check_shares, diags);
    }
}

/* ---- the R&D share ---- */

/* The decimals written after the point. */
static int decimals_of(const char *text)
{
    const char *dot = strchr(text, '.');
    int n = 0;
    for (const char *p = dot ? dot + 1 : ""; g_ascii_isdigit(*p); p++)
        n++;
    return n;
}

/* 研发投入占比 is the R&D spending over the revenue of the year, rounded as written. */
static void check_rd_share(const SbForm *form, const SbFieldDef *f, const SbValue *map,
                           SbDiagnostics *diags)
{
    (void) form;
    SbTyped ratio, spend, revenue;
    const SbValue *at, *unused;
    gboolean ok = read_member(map, f->key, SB_FIELD_PERCENT, &ratio, &at);
    ok = read_member(map, "rd_spend", SB_FIELD_MONEY, &spend, &unused) && ok;
    ok = read_member(map, "revenue", SB_FIELD_MONEY, &revenue, &unused) && ok;
    if (ok && revenue.number > 0) {
        double share = 100 * spend.number / revenue.number;
        double tolerance = 0.5 * pow(10, -decimals_of(ratio.text)) + 0.01;
        if (fabs(share - ratio.number) > tolerance)
            sb_diag_error(diags, at->line, at->col,
                          "%s %s is not what the R&D spending (%s 万元) over the revenue (%s 万元) makes: %.1f%%",
                          "%s“%s”与研发投入（%s 万元）占营业收入（%s 万元）的比例 %.1f%% 不符",
                          f->label, ratio.text, spend.text, revenue.text, share);
    }
    sb_typed_clear(&ratio);
    sb_typed_clear(&spend);
    sb_typed_clear(&revenue);
}

static void rule_rd_share(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    each_field_of_type(form, root, SB_FIELD_PERCENT, "rd_ratio", check_rd_share, diags);
}

/* Rules of every form: form_id NULL. */
const SbFormRule sb_rules_consistency[] = {
    { NULL, rule_person },
    { NULL, rule_births },
    { NULL, rule_shares },
    { NULL, rule_rd_share },
    { NULL, NULL },
};
