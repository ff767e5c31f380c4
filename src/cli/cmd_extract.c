/* shenbao extract: a DOCX or ODT shenbao wrote, back into YAML data. */
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

int cmd_extract(int argc, char **argv)
{
    char *out = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "write the YAML to FILE instead of standard output (- for standard output)", "FILE"},
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
    char *yaml = cat ? sb_extract(cat, argv[1], &error) : NULL;
    int status = EXIT_USAGE;
    if (yaml) {
        gboolean to_stdout = !out || strcmp(out, "-") == 0;   /* -o - is standard output */
        status = to_stdout ? (fputs(yaml, stdout), EXIT_DONE) : write_yaml(out, yaml) ? EXIT_DONE : EXIT_USAGE;
    } else if (error) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
    }
    g_free(yaml);
    g_free(out);
    sb_catalog_free(cat);
    return status;
}
