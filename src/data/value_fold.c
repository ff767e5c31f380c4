/* Folding a typed value to the ASCII its pattern is written in, and widening a pattern so
 * that it takes the unfolded text: the two are built from one table, so a text folds into
 * a pattern exactly when the widened pattern takes it as typed. */
#include "value_typed.h"

#include <string.h>

/* White space: the ASCII kinds and every Unicode space separator (U+3000 among them),
 * and the line and paragraph separators: what g_unichar_isspace calls space and a data
 * file can hold. */
static gboolean is_space(gunichar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000;
}

/* Dashes an input method or a word processor puts for a hyphen-minus. */
static gboolean is_dash(gunichar c)
{
    return (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* What a character stands for in a typed value. */
static gunichar fold_char(gunichar c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)   /* full-width forms of ASCII ！ to ～ */
        return c - 0xFEE0;
    if (c != '\n' && c != '\t' && c != '\r' && is_space(c))
        return ' ';
    if (is_dash(c))
        return '-';
    return c;
}

char *sb_typed_fold(const char *text, int *lead)
{
    GString *out = g_string_new(NULL);
    int skipped = 0;
    for (const char *p = text ? text : ""; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (out->len == 0 && is_space(c)) {
            skipped++;
            continue;
        }
        g_string_append_unichar(out, fold_char(c));
    }
    while (out->len > 0 && g_ascii_isspace(out->str[out->len - 1]))
        g_string_truncate(out, out->len - 1);
    if (lead)
        *lead = skipped;
    return g_string_free(out, FALSE);
}

/* ---- widening ---- */

/* The characters other than c that fold to c, as UTF-8 (empty for most). */
static void append_alternates(GString *out, char c)
{
    if (c > 0x20 && c < 0x7F)
        g_string_append_unichar(out, (gunichar) c + 0xFEE0);
    if (c == ' ') {
        static const gunichar spaces[] = { 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 };
        for (guint i = 0; i < G_N_ELEMENTS(spaces); i++)
            g_string_append_unichar(out, spaces[i]);
        g_string_append(out, "\u2000-\u200A");
    }
    if (c == '-')
        g_string_append(out, "\u2010-\u2015\u2212");
}

static void append_class_char(GString *out, char c)
{
    if (strchr("\\]-[^", c))
        g_string_append_c(out, '\\');
    g_string_append_c(out, c);
}

/* A literal character outside a class: itself, or a class of it and its alternates. */
static void append_literal(GString *out, char c, gboolean escaped)
{
    GString *alts = g_string_new(NULL);
    append_alternates(alts, c);
    if (alts->len == 0) {
        if (escaped)
            g_string_append_c(out, '\\');
        g_string_append_c(out, c);
    } else {
        g_string_append_c(out, '[');
        append_class_char(out, c);
        g_string_append_len(out, alts->str, alts->len);
        g_string_append_c(out, ']');
    }
    g_string_free(alts, TRUE);
}

/* A class [...] starting at p (after the '['); returns the position after its ']'.  Each
 * item keeps its text and gains its alternates; a range of printable ASCII gains the
 * same range of full-width forms. */
static const char *widen_class(GString *out, const char *p)
{
    g_string_append_c(out, '[');
    GString *extra = g_string_new(NULL);
    while (*p && *p != ']') {
        char c = *p == '\\' ? *++p : *p;
        if (p[1] == '-' && p[2] && p[2] != ']') {
            char last = p[2];
            append_class_char(out, c);
            g_string_append_c(out, '-');
            append_class_char(out, last);
            if (c > 0x20 && last < 0x7F) {
                g_string_append_unichar(extra, (gunichar) c + 0xFEE0);
                g_string_append_c(extra, '-');
                g_string_append_unichar(extra, (gunichar) last + 0xFEE0);
            }
            p += 3;
        } else {
            append_class_char(out, c);
            append_alternates(extra, c);
            p++;
        }
    }
    g_string_append_len(out, extra->str, extra->len);
    g_string_append_c(out, ']');
    g_string_free(extra, TRUE);
    return *p ? p + 1 : p;
}

/* The body of an anchored "^(?:…)$" pattern, widened. */
static char *widen(const char *p, const char *end)
{
    GString *out = g_string_new(NULL);
    while (p < end) {
        if (*p == '[') {
            p = widen_class(out, p + 1);
        } else if (*p == '\\') {
            append_literal(out, p[1], TRUE);
            p += 2;
        } else if (*p == '{') {            /* a count: copied as it is */
            const char *close = strchr(p, '}');
            g_string_append_len(out, p, close - p + 1);
            p = close + 1;
        } else if (g_str_has_prefix(p, "(?:")) {
            g_string_append(out, "(?:");
            p += 3;
        } else if (strchr("()|?*+.^$", *p) || (guchar) *p >= 0x80) {
            g_string_append_c(out, *p++);   /* syntax, and the bytes of 年, 月, 转 … */
        } else {
            append_literal(out, *p++, FALSE);
        }
    }
    return g_string_free(out, FALSE);
}

#define SPACES "[\t\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*"

char *sb_typed_schema_pattern(const char *folded_pattern)
{
    g_return_val_if_fail(g_str_has_prefix(folded_pattern, "^(?:")
                         && g_str_has_suffix(folded_pattern, ")$"), NULL);
    const char *body = folded_pattern + 4;
    const char *end = folded_pattern + strlen(folded_pattern) - 2;
    char *wide = widen(body, end);
    char *pattern = g_strconcat("^" SPACES "(?:", wide, ")?" SPACES "$", NULL);
    g_free(wide);
    return pattern;
}
