/* The units the 2025 forms name, as the rules compare them: by their codes where the
 * data gives them, else by their names with the differences of typing taken out. */
#include "rules_units.h"

#include <string.h>

/* Brackets of every shape read as ( and ): 【江东】 and (江东) are typed for one name. */
static gunichar plain_bracket(gunichar c)
{
    switch (c) {
    case '[': case '{': case 0x3010 /* 【 */: case 0x3014 /* 〔 */: case 0x3016 /* 〖 */:
        return '(';
    case ']': case '}': case 0x3011 /* 】 */: case 0x3015 /* 〕 */: case 0x3017 /* 〗 */:
        return ')';
    default:
        return c;
    }
}

char *sb_unit_key(const char *name)
{
    /* NFKC makes full-width Latin letters, digits, brackets and spaces ordinary ones */
    char *folded = g_utf8_normalize(name, -1, G_NORMALIZE_NFKC);
    GString *s = g_string_new(NULL);
    for (const char *p = folded ? folded : ""; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeType t = g_unichar_type(c);
        if (g_unichar_isspace(c) || t == G_UNICODE_SPACE_SEPARATOR || t == G_UNICODE_FORMAT)
            continue;
        c = plain_bracket(c);
        g_string_append_unichar(s, c < 0x80 ? (gunichar) g_ascii_tolower((char) c) : c);
    }
    g_free(folded);
    return g_string_free(s, FALSE);
}

char *sb_unit_code_key(const char *code)
{
    if (code == NULL)
        return NULL;
    GString *s = g_string_new(NULL);
    gboolean shaped = TRUE;   /* letters and digits, with hyphens and spaces between */
    for (const char *p = code; *p && shaped; p++)
        if (g_ascii_isalnum(*p))
            g_string_append_c(s, g_ascii_toupper(*p));
        else
            shaped = *p == '-' || g_ascii_isspace(*p);
    /* GB 32100: the 统一社会信用代码's characters 9 to 17 are the organisation's code */
    if (shaped && s->len == 18)
        g_string_erase(g_string_truncate(s, 17), 0, 8);
    return g_string_free(s, !shaped || s->len != 9);
}

static gboolean is_unit_separator(gunichar c)
{
    return c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ || c == ','
           || c == ';' || c == '\n';
}

gboolean sb_has_unit(const GPtrArray *names, const char *name)
{
    char *key = sb_unit_key(name);
    gboolean found = FALSE;
    for (guint i = 0; i < names->len && !found; i++) {
        char *other = sb_unit_key(names->pdata[i]);
        found = strcmp(other, key) == 0;
        g_free(other);
    }
    g_free(key);
    return found;
}

static void add_unit_name(GPtrArray *names, GString *cur)
{
    char *name = g_strstrip(g_strdup(cur->str));
    char *key = sb_unit_key(name);
    if (*key && !sb_has_unit(names, name))
        g_ptr_array_add(names, name);
    else
        g_free(name);
    g_free(key);
    g_string_truncate(cur, 0);
}

GPtrArray *sb_units_of(const SbValue *v)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    if (v == NULL || !sb_is_scalar(v) || v->text == NULL)
        return names;
    GString *cur = g_string_new(NULL);
    for (const char *p = v->text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (is_unit_separator(c))
            add_unit_name(names, cur);
        else
            g_string_append_unichar(cur, c);
    }
    add_unit_name(names, cur);
    g_string_free(cur, TRUE);
    return names;
}

char *sb_units_missing(const GPtrArray *a, const GPtrArray *b)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < a->len; i++)
        if (!sb_has_unit(b, a->pdata[i]))
            g_string_append_printf(s, "%s%s", s->len ? "、" : "", (char *) a->pdata[i]);
    return g_string_free(s, s->len == 0);
}

/* ---- telling units apart across projects ---- */

SbUnitMention *sb_unit_mention_new(const char *name, const char *code, SbUnitRole role,
                                   const SbValue *at)
{
    SbUnitMention *m = g_new0(SbUnitMention, 1);
    m->name = name ? g_strstrip(g_strdup(name)) : NULL;
    m->code = code ? g_strstrip(g_strdup(code)) : NULL;
    m->role = role;
    m->at = at;
    return m;
}

void sb_unit_mention_free(gpointer p)
{
    SbUnitMention *m = p;
    g_free(m->name);
    g_free(m->code);
    g_free(m);
}

/* Numbers handed out by key: the first mention of a key makes a new unit. */
typedef struct {
    GHashTable *by_code;        /* code key -> unit number + 1 */
    GHashTable *named_by_code;  /* name key -> unit number + 1, or 0 when two codes share it */
    GHashTable *by_name;        /* name key -> unit number + 1, for mentions without a code */
    guint units;
} Numbering;

static guint number_of(Numbering *n, GHashTable *table, char *key)
{
    guint unit = GPOINTER_TO_UINT(g_hash_table_lookup(table, key));
    if (unit == 0) {
        unit = ++n->units;
        g_hash_table_insert(table, key, GUINT_TO_POINTER(unit));
    } else {
        g_free(key);
    }
    return unit - 1;
}

/* A name is the name of one coded unit, or of none when two coded units share it. */
static void note_coded_name(Numbering *n, const SbUnitMention *m)
{
    if (m->name == NULL)
        return;
    char *key = sb_unit_key(m->name);
    gpointer had = NULL;
    gboolean seen = g_hash_table_lookup_extended(n->named_by_code, key, NULL, &had);
    if (seen && GPOINTER_TO_UINT(had) != m->unit + 1)
        g_hash_table_replace(n->named_by_code, key, GUINT_TO_POINTER(0));
    else if (!seen)
        g_hash_table_insert(n->named_by_code, key, GUINT_TO_POINTER(m->unit + 1));
    else
        g_free(key);
}

guint sb_units_identify(GPtrArray *mentions)
{
    Numbering n = {
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        0,
    };
    /* first the mentions with a code, so that a name can be matched to a coded unit */
    for (guint i = 0; i < mentions->len; i++) {
        SbUnitMention *m = mentions->pdata[i];
        char *code = sb_unit_code_key(m->code);
        m->by_code = code != NULL;
        if (code) {
            m->unit = number_of(&n, n.by_code, code);
            note_coded_name(&n, m);
        }
    }
    for (guint i = 0; i < mentions->len; i++) {
        SbUnitMention *m = mentions->pdata[i];
        if (m->by_code)
            continue;
        char *key = sb_unit_key(m->name ? m->name : "");
        guint coded = GPOINTER_TO_UINT(g_hash_table_lookup(n.named_by_code, key));
        if (coded > 0) {
            m->unit = coded - 1;
            g_free(key);
        } else {
            m->unit = number_of(&n, n.by_name, key);
        }
    }
    g_hash_table_destroy(n.by_code);
    g_hash_table_destroy(n.named_by_code);
    g_hash_table_destroy(n.by_name);
    return n.units;
}
