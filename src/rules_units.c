/* The units the 2025 审查表 and 汇总表 name, as keys the rules compare. */
#include "rules_units.h"

#include <string.h>

/* A unit's name as a key: without white space, so that "江东省 人民医院" and
 * "江东省人民医院" are one unit. */
char *sb_unit_key(const char *name)
{
    GString *s = g_string_new(NULL);
    for (const char *p = name; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c))
            g_string_append_unichar(s, c);
    }
    return g_string_free(s, FALSE);
}

static gboolean sb_is_unit_separator(gunichar c)
{
    return c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ || c == ','
           || c == ';' || c == '\n';
}

gboolean sb_has_unit(const GPtrArray *units, const char *key)
{
    for (guint i = 0; i < units->len; i++)
        if (strcmp(units->pdata[i], key) == 0)
            return TRUE;
    return FALSE;
}

/* The units a 参与单位 text names, separated by 、，； or line breaks: their keys, in order,
 * each once. */
GPtrArray *sb_units_of(const SbValue *v)
{
    GPtrArray *units = g_ptr_array_new_with_free_func(g_free);
    if (v == NULL || !sb_is_scalar(v) || v->text == NULL)
        return units;
    GString *cur = g_string_new(NULL);
    for (const char *p = v->text;; p = g_utf8_next_char(p)) {
        gunichar c = *p ? g_utf8_get_char(p) : 0;
        if (c == 0 || sb_is_unit_separator(c)) {
            if (cur->len > 0 && !sb_has_unit(units, cur->str))
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
char *sb_units_missing(const GPtrArray *a, const GPtrArray *b)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < a->len; i++)
        if (!sb_has_unit(b, a->pdata[i]))
            g_string_append_printf(s, "%s%s", s->len ? "、" : "", (char *)a->pdata[i]);
    return g_string_free(s, s->len == 0);
}

/* "1、4、5" (or "1, 4, 5"): 1-based numbers. */
char *sb_join_numbers(const GArray *numbers, const char *sep)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < numbers->len; i++)
        g_string_append_printf(s, "%s%u", i ? sep : "", g_array_index(numbers, guint, i));
    return g_string_free(s, FALSE);
}

