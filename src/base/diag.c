/* Diagnostics: a list of bilingual messages, formatted in the locale's language. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

static void diagnostic_free(gpointer p)
{
    SbDiagnostic *d = p;
    g_free(d->file);
    g_free(d->en);
    g_free(d->zh);
    g_free(d->path);
    g_free(d);
}

gboolean sb_diagnostics_io_failed(const SbDiagnostics *diags)
{
    return diags->io_failed;
}

SbDiagnostics *sb_diagnostics_new(void)
{
    SbDiagnostics *diags = g_new0(SbDiagnostics, 1);
    diags->items = g_ptr_array_new_with_free_func(diagnostic_free);
    return diags;
}

void sb_diagnostics_free(SbDiagnostics *diags)
{
    if (!diags)
        return;
    g_ptr_array_unref(diags->items);
    g_free(diags->file);
    g_free(diags);
}

void sb_diag_set_file(SbDiagnostics *diags, const char *file)
{
    if (!diags)
        return;
    g_free(diags->file);
    diags->file = g_strdup(file);
}

void sb_diag_add(SbDiagnostics *diags, SbSeverity severity, int line, int col,
                 const char *en, const char *zh, ...)
{
    /* Loaders may run without a list when only the result matters. */
    if (!diags)
        return;
    SbDiagnostic *d = g_new0(SbDiagnostic, 1);
    d->file = g_strdup(diags->file);
    d->line = line;
    d->col = col;
    d->severity = severity;

    va_list args, copy;
    va_start(args, zh);
    va_copy(copy, args);
    d->en = g_strdup_vprintf(en, args);
    d->zh = g_strdup_vprintf(zh, copy);
    va_end(copy);
    va_end(args);

    g_ptr_array_add(diags->items, d);
}

guint sb_diagnostics_count(const SbDiagnostics *diags, SbSeverity severity)
{
    guint n = 0;
    for (guint i = 0; diags && i < diags->items->len; i++) {
        const SbDiagnostic *d = g_ptr_array_index(diags->items, i);
        n += d->severity == severity;
    }
    return n;
}

void sb_diagnostics_make_strict(SbDiagnostics *diags)
{
    for (guint i = 0; diags && i < diags->items->len; i++) {
        SbDiagnostic *d = g_ptr_array_index(diags->items, i);
        d->severity = SB_ERROR;
    }
}

gboolean sb_locale_is_chinese(void)
{
    /* The precedence setlocale() itself uses for message catalogs. */
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (guint i = 0; i < G_N_ELEMENTS(vars); i++) {
        const char *value = g_getenv(vars[i]);
        if (value && *value)
            return g_str_has_prefix(value, "zh");
    }
    return FALSE;
}

/* "file:line:col: ", with the parts that are unknown left out. */
static void append_location(GString *out, const SbDiagnostic *d)
{
    gsize start = out->len;
    if (d->file)
        g_string_append_printf(out, "%s:", d->file);
    if (d->line > 0) {
        g_string_append_printf(out, "%d:", d->line);
        if (d->col > 0)
            g_string_append_printf(out, "%d:", d->col);
    }
    if (out->len > start)
        g_string_append_c(out, ' ');
}

char *sb_diagnostics_format(const SbDiagnostics *diags)
{
    gboolean zh = sb_locale_is_chinese();
    GString *out = g_string_new(NULL);
    for (guint i = 0; diags && i < diags->items->len; i++) {
        const SbDiagnostic *d = g_ptr_array_index(diags->items, i);
        const char *word = d->severity == SB_ERROR ? (zh ? "错误" : "error")
                                                   : (zh ? "警告" : "warning");
        append_location(out, d);
        g_string_append_printf(out, "%s: %s\n", word, zh ? d->zh : d->en);
    }
    return g_string_free(out, FALSE);
}
