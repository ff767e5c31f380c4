/* The data path of a message: found from its position, since every value of the tree
 * keeps the line and column it was read at.  Checks and rules report at a value (or at a
 * key, for unknown keys), so the position says which value a message is about without
 * each of them having to say so. */
#include "diag.h"
#include "value.h"

#include <string.h>

typedef struct {
    GHashTable *values;   /* "line:col" -> path of the value there (the outermost one; "" the root) */
    GHashTable *keys;     /* "line:col" -> path of the entry whose key is there */
} Positions;

static void remember(GHashTable *table, const SbValue *at, const char *path)
{
    char *where = g_strdup_printf("%d:%d", at->line, at->col);
    if (g_hash_table_contains(table, where))
        g_free(where);   /* a map and its first entry share a position: the map keeps it */
    else
        g_hash_table_insert(table, where, g_strdup(path));
}

static void collect(Positions *p, const SbValue *v, const char *path)
{
    remember(p->values, v, path);   /* the root's "" stands for the whole file */
    for (guint i = 0; i < sb_value_size(v); i++) {
        char *child;
        if (v->kind == SB_VALUE_MAP) {
            const char *key = sb_value_key(v, i);
            child = *path ? g_strconcat(path, ".", key, NULL) : g_strdup(key);
            remember(p->keys, v->keys->pdata[i], child);
        } else {
            child = g_strdup_printf("%s[%u]", path, i);
        }
        collect(p, sb_value_item(v, i), child);
        g_free(child);
    }
}

void sb_diag_locate(SbDiagnostics *diags, guint first, const char *file, const SbValue *root)
{
    if (!diags || !root)
        return;
    Positions p = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
                   g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    collect(&p, root, "");
    for (guint i = first; i < diags->items->len; i++) {
        SbDiagnostic *d = diags->items->pdata[i];
        if (d->path || d->line <= 0 || g_strcmp0(d->file, file) != 0)
            continue;
        char *where = g_strdup_printf("%d:%d", d->line, d->col);
        const char *path = g_hash_table_lookup(p.values, where);
        if (!path)
            path = g_hash_table_lookup(p.keys, where);
        d->path = path && *path ? g_strdup(path) : NULL;
        g_free(where);
    }
    g_hash_table_destroy(p.values);
    g_hash_table_destroy(p.keys);
}
