/* Required fields left empty, reported by part of the form.
 *
 * An applicant who has not filled a part in wants one line that says so, not a line per
 * field: the walk collects each missing field with where the data is (the maps on the
 * way to it, the list items it is in), and the report joins those of one part of the
 * form (一、单位情况) and one list item into one message, placed at the key of the deepest
 * map that holds them all (or the start of the data). */
#include "check_internal.h"

#include <string.h>

/* Labels a message names before it says how many more there are. */
#define NAMED_LABELS 10

typedef struct {
    char *key;          /* the part of the form and the list item: what a message joins */
    char *part;         /* 一、单位情况 */
    char *items_en, *items_zh;   /* 参与单位第 3 项, or NULL */
    GPtrArray *labels;  /* char* */
    GPtrArray *maps;    /* SbValue*: the places from the root down, common to all */
} Group;

struct SbMissing {
    GPtrArray *groups;  /* Group*, in the order their first field was found */
    GHashTable *by_key;
};

static void group_free(gpointer p)
{
    Group *g = p;
    g_free(g->key);
    g_free(g->part);
    g_free(g->items_en);
    g_free(g->items_zh);
    g_ptr_array_unref(g->labels);
    g_ptr_array_unref(g->maps);
    g_free(g);
}

SbMissing *sb_missing_new(void)
{
    SbMissing *m = g_new0(SbMissing, 1);
    m->groups = g_ptr_array_new_with_free_func(group_free);
    m->by_key = g_hash_table_new(g_str_hash, g_str_equal);
    return m;
}

void sb_missing_free(SbMissing *m)
{
    if (m == NULL)
        return;
    g_hash_table_destroy(m->by_key);
    g_ptr_array_unref(m->groups);
    g_free(m);
}

/* The maps both have from the root down. */
static void keep_common(GPtrArray *maps, const GPtrArray *other)
{
    guint n = 0;
    while (n < maps->len && n < other->len && maps->pdata[n] == other->pdata[n])
        n++;
    g_ptr_array_set_size(maps, n);
}

void sb_missing_add(SbMissing *m, const char *section, const char *path, const char *label,
                    const SbMissingAt *at)
{
    const char *part = section ? section : "";
    const GPtrArray *maps = at->maps;
    /* outside any list item, a top-level key is a part of its own: 牵头医疗机构 apart
     * from 牵头医疗装备生产企业 */
    const char *end = path + strcspn(path, ".[");
    char *top = g_strndup(path, end - path);
    char *key = g_strdup_printf("%s\x1f%s", part, *at->item_key ? at->item_key : top);
    g_free(top);
    Group *g = g_hash_table_lookup(m->by_key, key);
    if (g == NULL) {
        g = g_new0(Group, 1);
        g->key = key;
        g->part = g_strdup(part);
        g->items_en = *at->items_en ? g_strdup(at->items_en) : NULL;
        g->items_zh = *at->items_zh ? g_strdup(at->items_zh) : NULL;
        g->labels = g_ptr_array_new_with_free_func(g_free);
        g->maps = g_ptr_array_new();
        for (guint i = 0; i < maps->len; i++)
            g_ptr_array_add(g->maps, maps->pdata[i]);
        g_ptr_array_add(m->groups, g);
        g_hash_table_insert(m->by_key, g->key, g);
    } else {
        g_free(key);
        keep_common(g->maps, maps);
    }
    g_ptr_array_add(g->labels, g_strdup(label));
}

static char *join_labels(const GPtrArray *labels, const char *sep, const char *more)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < labels->len && i < NAMED_LABELS; i++)
        g_string_append_printf(s, "%s%s", i ? sep : "", (const char *) labels->pdata[i]);
    if (labels->len > NAMED_LABELS)
        g_string_append(s, more);
    return g_string_free(s, FALSE);
}

static void report_group(const Group *g, SbDiagnostics *diags, const SbValue *root)
{
    const SbValue *at = g->maps->len ? g->maps->pdata[g->maps->len - 1] : root;
    guint n = g->labels->len;
    char *en_labels = join_labels(g->labels, ", ", " …");
    char *zh_labels = join_labels(g->labels, "、", "等");
    char *en_part = g->items_en ? g_strdup_printf("%s (%s)", g->part, g->items_en) : g_strdup(g->part);
    char *zh_part = g->items_zh ? g_strdup_printf("%s（%s）", g->part, g->items_zh) : g_strdup(g->part);
    sb_check_report(diags, SB_ERROR, at,
                    g_strdup_printf("%s%s%u required field%s not filled in: %s", en_part,
                                    *en_part ? ": " : "", n, n == 1 ? " is" : "s are", en_labels),
                    g_strdup_printf("%s%s%u 项必填内容未填写：%s", zh_part, *zh_part ? "：" : "",
                                    n, zh_labels));
    g_free(en_part), g_free(zh_part), g_free(en_labels), g_free(zh_labels);
}

void sb_missing_report(SbMissing *m, SbDiagnostics *diags, const SbValue *root)
{
    for (guint i = 0; i < m->groups->len; i++)
        report_group(m->groups->pdata[i], diags, root);
}
