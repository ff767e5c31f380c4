/* Fields back at their data paths (extract_place.h).
 *
 * A tag is trusted only as far as the form allows: it must be a data path of the form
 * (so a control tagged "form" or "x.y" changes nothing), and list indices are not taken
 * literally.  Each list item the document shows becomes the next item of its list, in
 * document order: an item is known by its index in the tag, and a second field with a
 * tag already read starts a new item (Word copies a row with its tags and bookmarks).
 * So items are never padded out to an index, nor can a list pass the form's maximum;
 * an item beyond it is reported. */
#include "extract_place.h"
#include "diag.h"

#include <string.h>

void sb_extract_complain(SbDiagnostics *diags, const SbExtracted *e, const char *path, const char *en, const char *zh)
{
    if (!diags)
        return;
    GString *where_en = g_string_new(NULL), *where_zh = g_string_new(NULL);
    g_string_printf(where_en, "paragraph %d", e->para);
    g_string_printf(where_zh, "第%d段", e->para);
    if (e->table) {
        g_string_append_printf(where_en, " (table %d, row %d, column %d)", e->table, e->table_row, e->col);
        g_string_append_printf(where_zh, "（第%d个表格第%d行第%d列）", e->table, e->table_row, e->col);
    }
    /* One message in two languages that share no arguments: formatted here, then set. */
    char *zh_text = g_strdup_printf("%s：%s", where_zh->str, zh);
    sb_diag_add(diags, SB_ERROR, 0, 0, "%s: %s", "%s: %s", where_en->str, en);
    SbDiagnostic *d = g_ptr_array_index(diags->items, diags->items->len - 1);
    g_free(d->zh);
    d->zh = zh_text;
    d->path = g_strdup(path);
    g_string_free(where_en, TRUE);
    g_string_free(where_zh, TRUE);
}

/* A short quote of the text for a message. */
static char *quote(const char *text)
{
    const char *t = text ? text : "";
    glong n = g_utf8_strlen(t, -1);
    char *head = g_utf8_substring(t, 0, MIN(n, 40));
    char *q = g_strdup_printf("“%s%s”", head, n > 40 ? "…" : "");
    g_free(head);
    return q;
}

typedef struct {
    const SbExtractForm *known;
    SbValue *root;
    SbDiagnostics *diags;
    GHashTable *generation;  /* item id -> how many times its tags came again */
    GHashTable *seen;        /* instance key of a field -> TRUE */
    GHashTable *new_index;   /* instance key of an item -> its new index + 1 */
    GHashTable *counts;      /* concrete path of a list, new indices -> items so far */
    GHashTable *dropped;     /* instance keys of items reported beyond the maximum */
    guint tries;             /* names cut at 40 characters looked up so far */
    int new_row;             /* the inserted row whose item is being read, 0 for none */
} Placer;

/* A tag taken apart: PATH, or PATH=OPTION, or PATH[]=OPTION. */
typedef struct {
    char *path, *option;
    gboolean box, many;
    char **parts;
} Tag;

static void tag_parse(Tag *t, const char *tag)
{
    const char *eq = strchr(tag, '=');
    t->box = eq != NULL;
    t->path = eq ? g_strndup(tag, eq - tag) : g_strdup(tag);
    t->option = eq ? g_strdup(eq + 1) : NULL;
    t->many = g_str_has_suffix(t->path, "[]");
    if (t->many)
        t->path[strlen(t->path) - 2] = '\0';
    t->parts = g_strsplit(t->path, ".", -1);
}

static void tag_clear(Tag *t)
{
    g_free(t->path);
    g_free(t->option);
    g_strfreev(t->parts);
}

static gboolean is_index(const char *part)
{
    return *part && strspn(part, "0123456789") == strlen(part);
}

static gboolean has_option(const SbFieldDef *def, const char *option)
{
    for (guint i = 0; i < def->options->len; i++)
        if (strcmp(def->options->pdata[i], option) == 0)
            return TRUE;
    return FALSE;
}

/* The field the tag names, or NULL after reporting why it names none. */
static const SbFieldDef *field_of(Placer *p, const SbExtracted *e, const Tag *t)
{
    char *generic = sb_extract_generic_path(t->path);
    const SbFieldDef *def = is_index(t->parts[0]) ? NULL : sb_form_field(p->known->form, generic);
    g_free(generic);
    const char *form_id = p->known->form->info.id;
    if (!def || (t->box && (def->type == SB_FIELD_SET) != t->many)) {
        char *en = g_strdup_printf("the field marked “%s” is not a field of the form %s: not applied", e->tag, form_id);
        char *zh = g_strdup_printf("标记为“%s”的内容不是表单 %s 的字段，未采用", e->tag, form_id);
        sb_extract_complain(p->diags, e, e->tag, en, zh);
        g_free(en), g_free(zh);
        return NULL;
    }
    if (t->box && def->options->len && !has_option(def, t->option)) {
        char *en = g_strdup_printf("“%s” is not an option of %s: not applied", t->option, t->path);
        char *zh = g_strdup_printf("“%s”不是 %s 的选项，未采用", t->option, t->path);
        sb_extract_complain(p->diags, e, t->path, en, zh);
        g_free(en), g_free(zh);
        return NULL;
    }
    return def;
}

/* The instance key of the field: its path with each list index as INDEX~GENERATION,
 * the generation counting how often that item's tags came again. */
static char *instance_key(Placer *p, const Tag *t, GPtrArray *items)
{
    GString *key = g_string_new(NULL);
    g_ptr_array_set_size(items, 0);
    for (int i = 0; t->parts[i]; i++) {
        if (is_index(t->parts[i])) {
            char *id = g_strdup_printf("%s#%s", key->str, t->parts[i]);
            int gen = GPOINTER_TO_INT(g_hash_table_lookup(p->generation, id));
            g_string_append_printf(key, ".%s~%d", t->parts[i], gen);
            g_ptr_array_add(items, id);
            g_ptr_array_add(items, g_strdup(key->str));
        } else {
            g_string_append_printf(key, ".%s", t->parts[i]);
        }
    }
    if (t->box)
        g_string_append_printf(key, "=%s", t->option);
    return g_string_free(key, FALSE);
}

/* A tag read before starts a new item of its innermost list, and so does the first
 * field of each inserted row (its tags come from another row: extract_stray.c), even
 * where that row had no value in the place. */
static char *fresh_instance(Placer *p, const SbExtracted *e, const Tag *t, GPtrArray *items)
{
    char *key = instance_key(p, t, items);
    gboolean row_starts = e->new_row && e->new_row != p->new_row;
    p->new_row = e->new_row;
    if ((!g_hash_table_contains(p->seen, key) && !row_starts) || items->len == 0)
        return key;
    const char *innermost = items->pdata[items->len - 2];
    int gen = GPOINTER_TO_INT(g_hash_table_lookup(p->generation, innermost));
    g_hash_table_insert(p->generation, g_strdup(innermost), GINT_TO_POINTER(gen + 1));
    g_free(key);
    return instance_key(p, t, items);
}

static const SbRepeatDef *repeat_of(const SbForm *form, const char *list_path)
{
    char *generic = sb_extract_generic_path(list_path);
    const SbRepeatDef *found = NULL;
    for (guint i = 0; !found && i < form->repeats->len; i++) {
        const SbRepeatDef *r = form->repeats->pdata[i];
        if (strcmp(r->path, generic) == 0)
            found = r;
    }
    g_free(generic);
    return found;
}

/* The concrete path with the items renumbered, or NULL when an item passes its list's
 * maximum (reported once per item). */
static char *renumbered(Placer *p, const SbExtracted *e, const Tag *t, GPtrArray *items)
{
    GString *path = g_string_new(NULL);
    guint level = 0;
    for (int i = 0; t->parts[i]; i++) {
        if (!is_index(t->parts[i])) {
            g_string_append_printf(path, "%s%s", path->len ? "." : "", t->parts[i]);
            continue;
        }
        const char *item = items->pdata[level * 2 + 1];
        level++;
        int index = GPOINTER_TO_INT(g_hash_table_lookup(p->new_index, item)) - 1;
        if (index < 0) {
            int count = GPOINTER_TO_INT(g_hash_table_lookup(p->counts, path->str));
            const SbRepeatDef *r = repeat_of(p->known->form, path->str);
            if (r && r->max > 0 && count >= r->max) {
                if (!g_hash_table_contains(p->dropped, item)) {
                    char *en = g_strdup_printf("a %s item beyond the form's maximum of %d: not applied",
                                               r->label ? r->label : r->path, r->max);
                    char *zh = g_strdup_printf("%s超过表单规定的最多 %d 项，未采用", r->label ? r->label : r->path, r->max);
                    sb_extract_complain(p->diags, e, path->str, en, zh);
                    g_free(en), g_free(zh);
                    g_hash_table_add(p->dropped, g_strdup(item));
                }
                g_string_free(path, TRUE);
                return NULL;
            }
            index = count;
            g_hash_table_insert(p->counts, g_strdup(path->str), GINT_TO_POINTER(count + 1));
            g_hash_table_insert(p->new_index, g_strdup(item), GINT_TO_POINTER(index + 1));
        }
        g_string_append_printf(path, ".%d", index);
    }
    return g_string_free(path, FALSE);
}

/* ---- the value tree ---- */

/* The value at a concrete path, created as maps and lists as its parts ask. */
static SbValue *place(SbValue *root, const char *path)
{
    char **parts = g_strsplit(path, ".", -1);
    SbValue *v = root;
    for (int i = 0; parts[i] && v; i++) {
        gboolean leaf = parts[i + 1] == NULL;
        SbValueKind kind = leaf ? SB_VALUE_NULL : is_index(parts[i + 1]) ? SB_VALUE_LIST : SB_VALUE_MAP;
        if (v->kind == SB_VALUE_LIST) {
            guint index = (guint)g_ascii_strtoull(parts[i], NULL, 10);
            if (index == v->items->len)   /* items come in order: renumbered() */
                g_ptr_array_add(v->items, sb_value_new(kind, 0, 0));
            v = index < v->items->len ? v->items->pdata[index] : NULL;
        } else if (v->kind == SB_VALUE_MAP) {
            SbValue *existing = sb_value_map_get(v, parts[i]);
            if (!existing) {
                existing = sb_value_new(kind, 0, 0);
                sb_value_map_set(v, sb_value_new_scalar(SB_VALUE_STRING, parts[i], 0, 0), existing);
            }
            v = existing;
        } else {
            v = NULL;
        }
    }
    g_strfreev(parts);
    return v;
}

static void report_second(Placer *p, const SbExtracted *e, const char *path, const char *had, const char *text)
{
    char *q1 = quote(had), *q2 = quote(text);
    char *en = g_strdup_printf("a second value %s for %s, which already has %s: not applied", q2, path, q1);
    char *zh = g_strdup_printf("%s 已有 %s，又出现 %s，未采用", path, q1, q2);
    sb_extract_complain(p->diags, e, path, en, zh);
    g_free(en), g_free(zh), g_free(q1), g_free(q2);
}

static void put_text(Placer *p, const SbExtracted *e, const char *path, const char *text)
{
    SbValue *v = place(p->root, path);
    if (!v)
        return;
    if (v->kind == SB_VALUE_STRING && strcmp(v->text, text) != 0) {
        report_second(p, e, path, v->text, text);
    } else if (v->kind == SB_VALUE_NULL) {
        v->kind = SB_VALUE_STRING;
        v->text = g_strdup(text);
    }
}

static void put_box(Placer *p, const SbExtracted *e, const Tag *t, const char *path)
{
    SbValue *v = place(p->root, path);
    if (v && t->many) {
        if (v->kind == SB_VALUE_NULL) {
            v->kind = SB_VALUE_LIST;
            v->items = g_ptr_array_new_with_free_func((GDestroyNotify)sb_value_free);
        }
        for (guint i = 0; v->kind == SB_VALUE_LIST && i < v->items->len; i++)
            if (strcmp(((SbValue *)v->items->pdata[i])->text, t->option) == 0)
                return;
        if (v->kind == SB_VALUE_LIST)
            g_ptr_array_add(v->items, sb_value_new_scalar(SB_VALUE_STRING, t->option, 0, 0));
    } else if (v && v->kind == SB_VALUE_STRING && strcmp(v->text, t->option) != 0) {
        char *en = g_strdup_printf("two boxes ticked in the one-choice group %s: “%s” and “%s”; “%s” is kept", path,
                                   v->text, t->option, v->text);
        char *zh = g_strdup_printf("单选项 %s 勾选了两项：“%s”和“%s”，保留“%s”", path, v->text, t->option, v->text);
        sb_extract_complain(p->diags, e, path, en, zh);
        g_free(en), g_free(zh);
    } else if (v && v->kind == SB_VALUE_NULL) {
        v->kind = SB_VALUE_STRING;
        v->text = g_strdup(t->option);
    }
}

/* A field that is not a block of paragraphs has lines, not paragraphs: Enter pressed in
 * it is a line break, as Shift+Enter is ("a\n\nb" would print an empty line). */
static char *one_line_breaks(const char *text)
{
    GString *out = g_string_new(NULL);
    for (const char *c = text; *c; c++)
        if (*c != '\n' || out->len == 0 || out->str[out->len - 1] != '\n')
            g_string_append_c(out, *c);
    return g_string_free(out, FALSE);
}

/* The field's value, or NULL when it shows nothing but its prompt: a prompt is never
 * data, whether the document still marks it as one or not. */
static char *value_text(Placer *p, const SbExtracted *e, const Tag *t)
{
    if (!e->text)
        return NULL;
    char *folded = sb_extract_fold(e->text);
    char *generic = sb_extract_generic_path(t->path);
    gboolean blank = !*folded || sb_extract_is_prompt(p->known, generic, folded);
    gboolean block = g_hash_table_contains(p->known->block, generic);
    g_free(generic);
    g_free(folded);
    if (blank)
        return NULL;
    return block ? g_strdup(e->text) : one_line_breaks(e->text);
}

#define MAX_UNTRUNCATE 1000

/* The candidate's [] filled with the tag's indices, in order. */
static char *concrete(const char *generic, const char *tag)
{
    char **parts = g_strsplit(tag, ".", -1);
    GString *out = g_string_new(NULL);
    int next = 0;
    for (const char *g = generic; *g; g++) {
        if (g[0] == '[' && g[1] == ']') {
            while (parts[next] && !is_index(parts[next]))
                next++;
            g_string_append_printf(out, ".%s", parts[next] ? parts[next++] : "0");
            g++;
        } else {
            g_string_append_c(out, *g);
        }
    }
    g_strfreev(parts);
    return g_string_free(out, FALSE);
}

/* Word allows bookmark names of 40 characters, and LibreOffice cuts longer ones there
 * when it saves a DOCX: such a name stands for the one field whose tag it begins. */
char *sb_extract_untruncated(const SbForm *form, const char *tag, guint *tries)
{
    if (g_utf8_strlen(tag, -1) != 40 || (*tries)++ >= MAX_UNTRUNCATE)
        return NULL;   /* a form has a few such paths; a document with thousands is not ours */
    char *generic = sb_extract_generic_path(tag);
    char *found = NULL;
    int hits = 0;
    for (guint i = 0; i < form->fields->len && hits < 2; i++) {
        const SbFieldDef *def = form->fields->pdata[i];
        gboolean set = def->type == SB_FIELD_SET;
        for (guint j = 0; j <= def->options->len && hits < 2; j++) {
            char *candidate = j == 0 ? g_strdup(def->path)
                                     : g_strdup_printf("%s%s=%s", def->path, set ? "[]" : "", (char *)def->options->pdata[j - 1]);
            if (g_str_has_prefix(candidate, generic) && strcmp(candidate, generic) != 0 && hits++ == 0)
                found = concrete(candidate, tag);
            g_free(candidate);
        }
    }
    g_free(generic);
    if (hits != 1)
        g_clear_pointer(&found, g_free);
    return found;
}

static void place_field(Placer *p, const SbExtracted *orig, GPtrArray *items)
{
    char *whole = sb_extract_untruncated(p->known->form, orig->tag, &p->tries);
    SbExtracted copy = *orig;
    if (whole)
        copy.tag = whole;
    const SbExtracted *e = &copy;
    Tag t;
    tag_parse(&t, e->tag);
    const SbFieldDef *def = field_of(p, e, &t);
    char *key = def ? fresh_instance(p, e, &t, items) : NULL;
    char *text = def && !t.box ? value_text(p, e, &t) : NULL;
    if (key)
        g_hash_table_add(p->seen, key);
    char *path = (t.box ? e->checked : text != NULL) && key ? renumbered(p, e, &t, items) : NULL;
    if (path && t.box)
        put_box(p, e, &t, path);
    else if (path)
        put_text(p, e, path, text);
    g_free(path);
    g_free(text);
    tag_clear(&t);
    g_free(whole);
}

SbValue *sb_extract_place(const SbExtractForm *known, const GPtrArray *fields, SbDiagnostics *diags)
{
    Placer p = {known, sb_value_new(SB_VALUE_MAP, 0, 0), diags,
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    sb_value_map_set(p.root, sb_value_new_scalar(SB_VALUE_STRING, "form", 0, 0),
                     sb_value_new_scalar(SB_VALUE_STRING, known->form->info.id, 0, 0));
    GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < fields->len; i++) {
        const SbExtracted *e = fields->pdata[i];
        if (e->tag)
            place_field(&p, e, items);
    }
    g_ptr_array_unref(items);
    g_hash_table_unref(p.generation);
    g_hash_table_unref(p.seen);
    g_hash_table_unref(p.new_index);
    g_hash_table_unref(p.counts);
    g_hash_table_unref(p.dropped);
    return p.root;
}
