/* The rules of the 2025 national call (工信厅联通装函〔2025〕391号) for its forms: the
 * application (miit-2025-application), the two 审查表 of a project (miit-2025-review) and
 * the province's 推荐汇总表 (miit-2025-summary). */
#include "check_internal.h"
#include "lists.h"

#include <string.h>

/* 001 二（一）: a consortium has at most 15 units, the two leads included. */
#define MIIT_2025_MAX_UNITS 15

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

/* 001 附件 3: the lead enterprise's finances cover the last three years, 2022–2024.  Once
 * any figure is given, the years without one are named together at the finance map. */
static void rule_finance_years(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    (void) form;
    const SbValue *finance = sb_value_lookup(root, "lead_enterprise.finance");
    if (finance == NULL || finance->kind != SB_VALUE_MAP || !sb_rule_has_content(finance))
        return;
    GString *en = g_string_new(NULL), *zh = g_string_new(NULL);
    for (int year = 2022; year <= 2024; year++) {
        char key[8];
        g_snprintf(key, sizeof key, "y%d", year);
        if (sb_rule_has_content(sb_value_map_get(finance, key)))
            continue;
        g_string_append_printf(en, "%s%d", en->len ? ", " : "", year);
        g_string_append_printf(zh, "%s%d", zh->len ? "、" : "", year);
    }
    if (en->len > 0)
        sb_check_report(diags, SB_ERROR, finance,
                        g_strdup_printf("the finances of the lead enterprise "
                                        "(lead_enterprise.finance) lack %s; the form asks "
                                        "for 2022, 2023 and 2024", en->str),
                        g_strdup_printf("牵头医疗装备生产企业财务状况（lead_enterprise.finance）"
                                        "缺少 %s 年的数据，应填写 2022、2023、2024 三年",
                                        zh->str));
    g_string_free(en, TRUE);
    g_string_free(zh, TRUE);
}

/* ---- units named in the 审查表 and the 汇总表 ---- */

/* A unit's name as a key: without white space, so that "江东省 人民医院" and
 * "江东省人民医院" are one unit. */
static char *unit_key(const char *name)
{
    GString *s = g_string_new(NULL);
    for (const char *p = name; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c))
            g_string_append_unichar(s, c);
    }
    return g_string_free(s, FALSE);
}

static gboolean is_unit_separator(gunichar c)
{
    return c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ || c == ','
           || c == ';' || c == '\n';
}

static gboolean has_unit(const GPtrArray *units, const char *key)
{
    for (guint i = 0; i < units->len; i++)
        if (strcmp(units->pdata[i], key) == 0)
            return TRUE;
    return FALSE;
}

/* The units a 参与单位 text names, separated by 、，； or line breaks: their keys, in order,
 * each once. */
static GPtrArray *units_of(const SbValue *v)
{
    GPtrArray *units = g_ptr_array_new_with_free_func(g_free);
    if (v == NULL || !sb_is_scalar(v) || v->text == NULL)
        return units;
    GString *cur = g_string_new(NULL);
    for (const char *p = v->text;; p = g_utf8_next_char(p)) {
        gunichar c = *p ? g_utf8_get_char(p) : 0;
        if (c == 0 || is_unit_separator(c)) {
            if (cur->len > 0 && !has_unit(units, cur->str))
                g_ptr_array_add(units, g_strdup(cur->str));
            g_string_truncate(cur, 0);
            if (c == 0)
                break;
        } else if (!g_unichar_isspace(c)) {
            g_string_append_unichar(cur, c);
        }
    }
    g_string_free(cur, TRUE);
    return units;
}

/* The keys of a that b lacks, joined with 、 (NULL when there are none). */
static char *units_missing(const GPtrArray *a, const GPtrArray *b)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < a->len; i++)
        if (!has_unit(b, a->pdata[i]))
            g_string_append_printf(s, "%s%s", s->len ? "、" : "", (char *)a->pdata[i]);
    return g_string_free(s, s->len == 0);
}

/* "1、4、5" (or "1, 4, 5"): 1-based numbers. */
static char *join_numbers(const GArray *numbers, const char *sep)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < numbers->len; i++)
        g_string_append_printf(s, "%s%u", i ? sep : "", g_array_index(numbers, guint, i));
    return g_string_free(s, FALSE);
}

/* ---- miit-2025-review: the two 审查表 of one project ---- */

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
    return units_of(v);
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
        char *missing = first ? units_missing(first, units) : NULL;
        char *extra = first ? units_missing(units, first) : NULL;
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
        char *ka = unit_key(a->text), *kb = unit_key(b->text);
        if (strcmp(ka, kb) != 0)
            sb_check_report(diags, SB_ERROR, b,
                            g_strdup_printf("health.project.%s '%s' differs from "
                                            "industry.project.%s '%s': the two tables of a "
                                            "data file are of one project",
                                            items[i].key, kb, items[i].key, ka),
                            g_strdup_printf("卫生健康主管部门审查表的%s“%s”与工业和信息化"
                                            "主管部门审查表的“%s”不一致，两张审查表应为同一项目",
                                            items[i].zh, kb, ka));
        g_free(ka);
        g_free(kb);
    }
    const SbValue *at = NULL;
    GPtrArray *ua = review_participants(root, "industry", NULL);
    GPtrArray *ub = review_participants(root, "health", &at);
    if (at && ua->len > 0) {
        char *missing = units_missing(ua, ub), *extra = units_missing(ub, ua);
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

/* ---- miit-2025-summary: the projects a province recommends ---- */

typedef struct {
    char *key;
    const SbValue *at;   /* where the row names it */
} RowUnit;

static void free_row_unit(gpointer p)
{
    RowUnit *u = p;
    g_free(u->key);
    g_free(u);
}

static void add_row_unit(GPtrArray *row, char *key, const SbValue *at)
{
    for (guint i = 0; i < row->len; i++)
        if (strcmp(((RowUnit *)row->pdata[i])->key, key) == 0) {
            g_free(key);
            return;
        }
    RowUnit *u = g_new(RowUnit, 1);
    u->key = key;
    u->at = at;
    g_ptr_array_add(row, u);
}

/* The units a row names, each once: the two leads, then the participants. */
static GPtrArray *row_units(const SbValue *row)
{
    GPtrArray *units = g_ptr_array_new_with_free_func(free_row_unit);
    static const char *leads[] = { "lead_enterprise", "lead_hospital" };
    for (guint i = 0; i < G_N_ELEMENTS(leads); i++) {
        const SbValue *v = sb_rule_filled(row, leads[i]);
        if (v && sb_is_scalar(v)) {
            char *key = unit_key(v->text);
            if (*key)
                add_row_unit(units, key, v);
            else
                g_free(key);
        }
    }
    const SbValue *p = sb_rule_filled(row, "participants");
    GPtrArray *parts = units_of(p);
    for (guint i = 0; i < parts->len; i++)
        add_row_unit(units, g_strdup(parts->pdata[i]), p);
    g_ptr_array_unref(parts);
    return units;
}

static const SbValue *summary_rows(const SbValue *root)
{
    const SbValue *rows = sb_value_lookup(root, "projects");
    return rows && rows->kind == SB_VALUE_LIST ? rows : NULL;
}

/* 001 二（一）: at most 15 units in each recommended project's consortium. */
static void rule_summary_consortium_size(const SbForm *form, const SbValue *root,
                                         SbDiagnostics *diags)
{
    (void) form;
    const SbValue *rows = summary_rows(root);
    for (guint i = 0; rows && i < sb_value_size(rows); i++) {
        const SbValue *at = sb_rule_filled(sb_value_item(rows, i), "participants");
        GPtrArray *parts = units_of(at);
        guint units_n = 2 + parts->len;
        if (at && units_n > MIIT_2025_MAX_UNITS)
            sb_diag_error(diags, at->line, at->col,
                          "project %u: the consortium has %u units (the lead enterprise, the "
                          "lead hospital and %u participants); at most %d are allowed",
                          "第 %u 个项目的联合体单位过多：共 %u 个（牵头医疗装备生产企业、"
                          "牵头医疗机构及 %u 个参与单位），最多 %d 个",
                          i + 1, units_n, parts->len, MIIT_2025_MAX_UNITS);
        g_ptr_array_unref(parts);
    }
}

/* Where a unit appears: the rows (1-based) and the place of its n-th appearance. */
typedef struct {
    GArray *rows;
    const SbValue *at;
} Appearances;

static void free_appearances(gpointer p)
{
    Appearances *a = p;
    g_array_unref(a->rows);
    g_free(a);
}

/* Counts, over the rows whose number `pick` gives a class (NULL: not counted), each unit's
 * rows per class; `nth` is the appearance whose place an error names.  Calls report for
 * each unit of a class with at least nth rows, in the order they reach it. */
typedef const char *(*RowClass)(const SbValue *row, gpointer data);
typedef void (*Report)(SbDiagnostics *diags, const char *unit, const char *klass,
                       const Appearances *a);

static void count_appearances(const SbValue *rows, RowClass pick, gpointer data, guint nth,
                              Report report, SbDiagnostics *diags)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_appearances);
    GPtrArray *order = g_ptr_array_new_with_free_func(g_free);   /* "class\x1funit" */
    for (guint i = 0; i < sb_value_size(rows); i++) {
        const SbValue *row = sb_value_item(rows, i);
        const char *klass = row && row->kind == SB_VALUE_MAP ? pick(row, data) : NULL;
        if (!klass)
            continue;
        GPtrArray *units = row_units(row);
        for (guint k = 0; k < units->len; k++) {
            RowUnit *u = units->pdata[k];
            char *id = g_strconcat(klass, "\x1f", u->key, NULL);
            Appearances *a = g_hash_table_lookup(seen, id);
            if (!a) {
                a = g_new0(Appearances, 1);
                a->rows = g_array_new(FALSE, FALSE, sizeof(guint));
                g_hash_table_insert(seen, g_strdup(id), a);
            }
            guint n = i + 1;
            g_array_append_val(a->rows, n);
            if (a->rows->len == nth) {
                a->at = u->at;
                g_ptr_array_add(order, g_strdup(id));
            }
            g_free(id);
        }
        g_ptr_array_unref(units);
    }
    for (guint i = 0; i < order->len; i++) {
        const char *id = order->pdata[i];
        const char *sep = strchr(id, '\x1f');
        char *klass = g_strndup(id, sep - id);
        report(diags, sep + 1, klass, g_hash_table_lookup(seen, id));
        g_free(klass);
    }
    g_ptr_array_unref(order);
    g_hash_table_destroy(seen);
}

/* 001 二（二）: a unit leads or joins at most 3 projects. */
#define MIIT_2025_MAX_PROJECTS 3

static const char *any_row(const SbValue *row, gpointer data)
{
    (void) row, (void) data;
    return "";
}

static void report_too_many_projects(SbDiagnostics *diags, const char *unit, const char *klass,
                                     const Appearances *a)
{
    (void) klass;
    char *nos = join_numbers(a->rows, ", "), *nos_zh = join_numbers(a->rows, "、");
    sb_check_report(diags, SB_ERROR, a->at,
                    g_strdup_printf("the unit '%s' leads or joins %u projects (nos. %s); a unit "
                                    "may lead or join at most %d", unit, a->rows->len, nos,
                                    MIIT_2025_MAX_PROJECTS),
                    g_strdup_printf("单位“%s”牵头或参与了 %u 个推广应用项目（第 %s 个），每个单位"
                                    "最多牵头或参与申报 %d 个推广应用项目", unit, a->rows->len,
                                    nos_zh, MIIT_2025_MAX_PROJECTS));
    g_free(nos);
    g_free(nos_zh);
}

static void rule_summary_unit_projects(const SbForm *form, const SbValue *root,
                                       SbDiagnostics *diags)
{
    (void) form;
    const SbValue *rows = summary_rows(root);
    if (rows)
        count_appearances(rows, any_row, NULL, MIIT_2025_MAX_PROJECTS + 1,
                          report_too_many_projects, diags);
}

/* The names on a reference list: the form's own copy when a field of it names the list,
 * else read from templates/lists beside the form's edition folder. */
static GPtrArray *list_names(const SbForm *form, const char *id)
{
    GPtrArray *names = form->lists ? g_hash_table_lookup(form->lists, id) : NULL;
    if (names)
        return g_ptr_array_ref(names);
    names = g_ptr_array_new_with_free_func(g_free);
    if (form->file == NULL)
        return names;
    char *edition = g_path_get_dirname(form->file);
    char *templates = g_path_get_dirname(edition);
    char *file = sb_list_file(templates, id);
    char *rng = g_build_filename(templates, "list.rng", NULL);
    SbList *list = file ? sb_list_load(file, rng, NULL) : NULL;
    for (guint i = 0; list && i < list->items->len; i++)
        g_ptr_array_add(names, unit_key(((SbListItem *)list->items->pdata[i])->name));
    sb_list_free(list);
    g_free(rng);
    g_free(file);
    g_free(templates);
    g_free(edition);
    return names;
}

/* A project's category from its name, "（具体产品或场景名称）推广应用项目" (附件 3's
 * cover): the list whose entry begins the name, the longest such entry winning; an
 * entry's trailing （…） may be left out (中医智能诊疗设备（中医四诊仪）). */
typedef struct {
    GPtrArray *products, *scenarios;
} Categories;

static guint prefix_length(const char *name, const GPtrArray *entries)
{
    guint best = 0;
    for (guint i = 0; i < entries->len; i++) {
        char *entry = unit_key(entries->pdata[i]);
        char *paren = strstr(entry, "（");
        if (g_str_has_prefix(name, entry))
            best = MAX(best, (guint) strlen(entry));
        else if (paren && paren > entry && g_str_has_suffix(entry, "）")
                 && strncmp(name, entry, paren - entry) == 0)
            best = MAX(best, (guint) (paren - entry));
        g_free(entry);
    }
    return best;
}

static const char *row_category(const SbValue *row, gpointer data)
{
    const Categories *c = data;
    const SbValue *name = sb_rule_filled(row, "name");
    if (!name || !sb_is_scalar(name))
        return NULL;
    char *key = unit_key(name->text);
    guint p = prefix_length(key, c->products), s = prefix_length(key, c->scenarios);
    g_free(key);
    if (p == 0 && s == 0)
        return NULL;
    return p >= s ? "重点产品" : "典型场景";
}

static void report_same_category(SbDiagnostics *diags, const char *unit, const char *klass,
                                 const Appearances *a)
{
    char *nos = join_numbers(a->rows, ", "), *nos_zh = join_numbers(a->rows, "、");
    sb_check_report(diags, SB_ERROR, a->at,
                    g_strdup_printf("the unit '%s' is in %u consortia of one category (%s: nos. "
                                    "%s); a unit in two or more consortia of one category makes "
                                    "all their applications invalid", unit, a->rows->len,
                                    strcmp(klass, "重点产品") == 0 ? "key product" : "typical scenario",
                                    nos),
                    g_strdup_printf("单位“%s”在同一类别（%s类）的第 %s 个项目中参加了 %u 个联合体，"
                                    "同一单位在同一类别项目申报中参加2个及以上联合体的，相关申报"
                                    "均视为无效", unit, klass, nos_zh, a->rows->len));
    g_free(nos);
    g_free(nos_zh);
}

/* 001 二（二）: a unit in two or more consortia of one category (重点产品 or 典型场景)
 * makes all those applications invalid. */
static void rule_summary_same_category(const SbForm *form, const SbValue *root,
                                       SbDiagnostics *diags)
{
    const SbValue *rows = summary_rows(root);
    if (!rows)
        return;
    Categories c = { list_names(form, "miit-2025-key-products"),
                     list_names(form, "miit-2025-scenarios") };
    count_appearances(rows, row_category, &c, 2, report_same_category, diags);
    g_ptr_array_unref(c.products);
    g_ptr_array_unref(c.scenarios);
}

const SbFormRule sb_rules_miit_2025[] = {
    { "miit-2025-application", rule_consortium_size },
    { "miit-2025-application", rule_registration_no },
    { "miit-2025-application", rule_finance_years },
    { "miit-2025-review", rule_review_consortium_size },
    { "miit-2025-review", rule_review_same_project },
    { "miit-2025-summary", rule_summary_consortium_size },
    { "miit-2025-summary", rule_summary_unit_projects },
    { "miit-2025-summary", rule_summary_same_category },
    { NULL, NULL },
};
