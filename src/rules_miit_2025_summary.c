/* The rules of the 2025 national call for a province's 推荐汇总表 (miit-2025-summary): the
 * projects it recommends, read together. */
#include "lists.h"
#include "rules_units.h"

#include <string.h>

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
            char *key = sb_unit_key(v->text);
            if (*key)
                add_row_unit(units, key, v);
            else
                g_free(key);
        }
    }
    const SbValue *p = sb_rule_filled(row, "participants");
    GPtrArray *parts = sb_units_of(p);
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
        GPtrArray *parts = sb_units_of(at);
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
    char *nos = sb_join_numbers(a->rows, ", "), *nos_zh = sb_join_numbers(a->rows, "、");
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
 * else read from the lists folders the form's own lists come from. */
static GPtrArray *list_names(const SbForm *form, const char *id)
{
    GPtrArray *names = form->lists ? g_hash_table_lookup(form->lists, id) : NULL;
    if (names)
        return g_ptr_array_ref(names);
    names = g_ptr_array_new_with_free_func(g_free);
    if (form->list_dirs == NULL || form->list_dirs[0] == NULL)
        return names;
    char *file = sb_list_file((const char *const *)form->list_dirs, id);
    const char *base = form->list_dirs[g_strv_length(form->list_dirs) - 1];
    char *rng = g_build_filename(base, "list.rng", NULL);
    SbList *list = file ? sb_list_load(file, rng, NULL) : NULL;
    for (guint i = 0; list && i < list->items->len; i++)
        g_ptr_array_add(names, sb_unit_key(((SbListItem *)list->items->pdata[i])->name));
    sb_list_free(list);
    g_free(rng);
    g_free(file);
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
        char *entry = sb_unit_key(entries->pdata[i]);
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
    char *key = sb_unit_key(name->text);
    guint p = prefix_length(key, c->products), s = prefix_length(key, c->scenarios);
    g_free(key);
    if (p == 0 && s == 0)
        return NULL;
    return p >= s ? "重点产品" : "典型场景";
}

static void report_same_category(SbDiagnostics *diags, const char *unit, const char *klass,
                                 const Appearances *a)
{
    char *nos = sb_join_numbers(a->rows, ", "), *nos_zh = sb_join_numbers(a->rows, "、");
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

const SbFormRule sb_rules_miit_2025_summary[] = {
    { "miit-2025-summary", rule_summary_consortium_size },
    { "miit-2025-summary", rule_summary_unit_projects },
    { "miit-2025-summary", rule_summary_same_category },
    { NULL, NULL },
};
