/* shenbao extract: a DOCX or ODT shenbao wrote, back into YAML data.  Whatever in the
 * document cannot be placed in the data is reported with where it is; then nothing is
 * written and the exit status is 1, unless --lenient asks for the data without it. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static gboolean write_yaml(const char *path, const char *yaml)
{
    GError *error = NULL;
    if (g_file_set_contents(path, yaml, -1, &error))   /* a temporary file renamed into place */
        return TRUE;
    cli_error("%s", "%s", error->message);
    g_error_free(error);
    return FALSE;
}

/* The reports as errors, or as warnings when they do not stop the output. */
static void print_reports(const SbDiagnostics *diags, gboolean lenient)
{
    gboolean zh = sb_locale_is_chinese();
    const char *word = lenient ? (zh ? "警告" : "warning") : (zh ? "错误" : "error");
    for (guint i = 0; i < sb_diagnostics_size(diags); i++) {
        const SbDiagnostic *d = sb_diagnostics_get(diags, i);
        const char *file = sb_diagnostic_file(d);
        fprintf(stderr, "%s%s%s: %s\n", file ? file : "", file ? ": " : "", word,
                sb_diagnostic_message(d, zh ? SB_LANGUAGE_CHINESE : SB_LANGUAGE_ENGLISH));
    }
    if (sb_diagnostics_size(diags) && !lenient)
        cli_error("parts of the document could not be placed in the data (%u): nothing written (--lenient "
                  "writes the data without them)", "文档中有 %u 处内容无法写入数据，未输出（--lenient 可忽略这些内容输出数据）",
                  sb_diagnostics_size(diags));
}

int cmd_extract(int argc, char **argv)
{
    char *out = NULL;
    gboolean lenient = FALSE;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "write the YAML to FILE instead of standard output (- for standard output)", "FILE"},
        {"lenient", 0, 0, G_OPTION_ARG_NONE, &lenient, "write the data even when parts of the document cannot be placed in it (they are reported as warnings)", NULL},
        {NULL},
    };
    if (!cli_parse(entries, "DOCUMENT", "Reads a DOCX or ODT that shenbao wrote — edited and re-saved in Word, WPS "
                   "or LibreOffice since, or not — back into YAML data for its form.", &argc, &argv))
        return EXIT_USAGE;
    if (argc != 2) {
        cli_error("'extract' takes one .docx or .odt file", "extract 需要一个 .docx 或 .odt 文件");
        g_free(out);
        return EXIT_USAGE;
    }
    SbCatalog *cat = cli_catalog();
    GError *error = NULL;
    SbDiagnostics *diags = sb_diagnostics_new();
    char *yaml = cat ? sb_extract_report(cat, argv[1], diags, &error) : NULL;
    int status = EXIT_USAGE;
    if (yaml) {
        print_reports(diags, lenient);
        gboolean to_stdout = !out || strcmp(out, "-") == 0;   /* -o - is standard output */
        if (sb_diagnostics_size(diags) && !lenient)
            status = EXIT_INVALID;
        else
            status = to_stdout ? (fputs(yaml, stdout), EXIT_DONE) : write_yaml(out, yaml) ? EXIT_DONE : EXIT_USAGE;
    } else if (error) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
    }
    sb_diagnostics_free(diags);
    g_free(yaml);
    g_free(out);
    sb_catalog_free(cat);
    return status;
}
