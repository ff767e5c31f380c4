/* What every command shares: option parsing, error messages, the catalog, reporting. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *en, const char *zh, ...)
{
    va_list args;
    va_start(args, zh);
    char *msg = g_strdup_vprintf(sb_locale_is_chinese() ? zh : en, args);
    va_end(args);
    fprintf(stderr, "shenbao: %s: %s\n", sb_locale_is_chinese() ? "错误" : "error", msg);
    g_free(msg);
}

/* --datadir DIR, which every command takes: folders of custom forms, the first on top. */
static char **data_folders;

static void free_data_folders(void)
{
    g_strfreev(data_folders);
    data_folders = NULL;
}

gboolean cli_parse(GOptionEntry *entries, const char *args, const char *summary,
                   int *argc, char ***argv)
{
    GOptionEntry common[] = {
        {"datadir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &data_folders,
         "also read forms and lists from DIR/templates, over the installed ones (repeatable)", "DIR"},
        {NULL},
    };
    GOptionContext *ctx = g_option_context_new(args);
    g_option_context_set_summary(ctx, summary);
    g_option_context_set_description(ctx, "SHENBAO_DATADIR, a list of folders separated by ':', adds custom forms "
                                     "as --datadir does.\nSee shenbao(1) and the command's own man page.");
    if (entries)
        g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_add_main_entries(ctx, common, NULL);
    atexit(free_data_folders);
    GError *error = NULL;
    gboolean ok = g_option_context_parse(ctx, argc, argv, &error);
    if (!ok) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
    }
    g_option_context_free(ctx);
    return ok;
}

/* "pdf,docx" -> a mask of the names' bits, names in any case ("PDF,Docx"); 0 (with a
 * message) for an unknown name. */
int cli_parse_formats(const char *list, const char *const *names)
{
    int mask = 0;
    char **parts = g_strsplit(list, ",", -1);
    for (int i = 0; parts[i]; i++) {
        char *n = g_strstrip(parts[i]);
        int bit = -1;
        for (int k = 0; names[k] && bit < 0; k++)
            if (g_ascii_strcasecmp(n, names[k]) == 0)
                bit = k;
        if (bit < 0) {
            char *known = g_strjoinv(", ", (char **) names), *known_zh = g_strjoinv("、", (char **) names);
            cli_error("unknown format '%s' (%s)", "未知的格式“%s”（%s）", n, sb_locale_is_chinese() ? known_zh : known);
            g_free(known);
            g_free(known_zh);
            mask = 0;
            break;
        }
        mask |= 1 << bit;
    }
    g_strfreev(parts);
    return mask;
}

/* The installed forms with SHENBAO_DATADIR's folders over them, then --datadir's over
 * those: the first one given ends on top. */
SbCatalog *cli_catalog(void)
{
    GError *error = NULL;
    SbCatalog *cat = sb_catalog_open(NULL, &error);
    guint n = data_folders ? g_strv_length(data_folders) : 0;
    for (guint i = n; cat && i > 0; i--) {
        if (!sb_catalog_add_folder(cat, data_folders[i - 1], &error)) {
            sb_catalog_free(cat);
            cat = NULL;
        }
    }
    if (!cat) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
    }
    return cat;
}

gboolean cli_stdin_once(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++)
        n += strcmp(argv[i], "-") == 0;
    if (n > 1)
        cli_error("standard input ('-') can be read only once", "标准输入（-）只能读取一次");
    return n <= 1;
}

int cli_report(SbDiagnostics *diags, gboolean strict)
{
    if (strict)
        sb_diagnostics_make_strict(diags);
    char *text = sb_diagnostics_format(diags);
    fputs(text, stderr);
    g_free(text);
    return sb_diagnostics_count(diags, SB_ERROR) > 0 ? EXIT_INVALID : EXIT_DONE;
}

SbForm *cli_form(SbCatalog *cat, const char *id)
{
    GError *error = NULL;
    SbForm *form = sb_catalog_form(cat, id, &error);
    if (!form) {
        const char *near = sb_catalog_nearest_form(cat, id);
        if (near && g_error_matches(error, SHENBAO_ERROR, SB_ERROR_UNKNOWN))
            cli_error("unknown form '%s'; did you mean '%s'?", "未知的表单“%s”，是否应为“%s”？", id, near);
        else if (g_error_matches(error, SHENBAO_ERROR, SB_ERROR_UNKNOWN))
            cli_error("unknown form '%s' (see 'shenbao list')", "未知的表单“%s”（见 shenbao list）", id);
        else
            cli_error("%s", "%s", error->message);
        g_error_free(error);
    }
    return form;
}

/* Loads and checks DATA; on success returns its form, else the exit status in *status. */
SbForm *cli_load_checked(SbCatalog *cat, const char *file, gboolean strict, SbData **data, int *status)
{
    SbDiagnostics *diags = sb_diagnostics_new();
    SbForm *form = NULL;
    gboolean unknown = FALSE;
    *data = sb_data_load(file, diags);
    if (*data)
        form = sb_catalog_form_of(cat, *data, diags, &unknown);
    if (form)
        sb_check(form, *data, diags);
    *status = cli_report(diags, strict);
    /* A file that can't be read or names no known form is a usage error, not bad data. */
    if (sb_diagnostics_io_failed(diags) || unknown)
        *status = EXIT_USAGE;
    else if (!form)
        *status = EXIT_INVALID;
    sb_diagnostics_free(diags);
    if (*status != EXIT_DONE) {
        sb_data_free(*data);
        *data = NULL;
        form = NULL;
    }
    return form;
}
