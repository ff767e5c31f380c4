/* Wording the checks' messages: both languages at once, kind names, paths as people
 * write them, lists of options and the nearest one to a typo. */
#include "check_internal.h"

#include "util.h"

/* The two formats take both texts; "%.0s" consumes the other language's text and prints
 * nothing, so the arguments stay the same and in the same order, as sb_diag_add
 * requires. */
void sb_check_report(SbDiagnostics *diags, SbSeverity severity, const SbValue *at,
                     char *en, char *zh)
{
    int line = at ? at->line : 0, col = at ? at->col : 0;
    sb_diag_add(diags, severity, line, col, "%s%.0s", "%.0s%s", en, zh);
    g_free(en);
    g_free(zh);
}

char *sb_plain_path(const char *path)
{
    GString *s = g_string_new(NULL);
    for (const char *p = path; *p; p++)
        if (!(p[0] == '[' && p[1] == ']'))
            g_string_append_c(s, *p);
        else
            p++;
    return g_string_free(s, FALSE);
}

char *sb_join_options(const GPtrArray *options, const char *sep)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < options->len; i++) {
        if (i)
            g_string_append(s, sep);
        g_string_append(s, g_ptr_array_index(options, i));
    }
    return g_string_free(s, FALSE);
}

/* Near enough: at most max(2, a third of the word's length) edits away, and fewer edits
 * than the word has characters (two short words that share nothing are not a typo). */
const char *sb_nearest(const char *word, const GPtrArray *candidates)
{
    guint length = (guint) sb_char_count(word);
    guint limit = MIN(MAX(2, length / 3), length ? length - 1 : 0);
    const char *best = NULL;
    guint best_distance = G_MAXUINT;
    for (guint i = 0; i < candidates->len; i++) {
        const char *c = g_ptr_array_index(candidates, i);
        guint d = sb_edit_distance(word, c);
        if (d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    return best_distance <= limit ? best : NULL;
}
