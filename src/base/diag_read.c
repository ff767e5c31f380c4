/* Reading diagnostics one by one, for callers that show them their own way. */
#include "diag.h"

guint sb_diagnostics_size(const SbDiagnostics *diags)
{
    g_return_val_if_fail(diags != NULL, 0);
    return diags->items->len;
}

const SbDiagnostic *sb_diagnostics_get(const SbDiagnostics *diags, guint index)
{
    g_return_val_if_fail(diags != NULL, NULL);
    return index < diags->items->len ? diags->items->pdata[index] : NULL;
}

SbSeverity sb_diagnostic_severity(const SbDiagnostic *diag)
{
    return diag->severity;
}

const char *sb_diagnostic_file(const SbDiagnostic *diag)
{
    return diag->file;
}

guint sb_diagnostic_line(const SbDiagnostic *diag)
{
    return diag->line > 0 ? (guint)diag->line : 0;
}

guint sb_diagnostic_column(const SbDiagnostic *diag)
{
    return diag->line > 0 && diag->col > 0 ? (guint)diag->col : 0;
}

const char *sb_diagnostic_path(const SbDiagnostic *diag)
{
    return diag->path;
}

const char *sb_diagnostic_message(const SbDiagnostic *diag, SbLanguage language)
{
    return language == SB_LANGUAGE_CHINESE ? diag->zh : diag->en;
}
