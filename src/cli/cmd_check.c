/* shenbao check: the diagnostics of data files, nothing written. */
#include "cli.h"

#include <string.h>

/* Several applications: the rules across them too — but for standard input, which can't
 * be read twice. */
static int check_across(SbCatalog *cat, int argc, char **argv)
{
    GPtrArray *files = g_ptr_array_new();
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-") != 0)
            g_ptr_array_add(files, argv[i]);
    g_ptr_array_add(files, NULL);
    SbDiagnostics *diags = sb_diagnostics_new();
    sb_check_across(cat, (const char *const *) files->pdata, diags);
    int status = cli_report(diags, FALSE);
    sb_diagnostics_free(diags);
    g_ptr_array_unref(files);
    return status;
}

int cmd_check(int argc, char **argv)
{
    gboolean strict = FALSE;
    GOptionEntry entries[] = {
        {"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "treat warnings as errors", NULL},
        {NULL},
    };
    if (!cli_parse(entries, "DATA…", "Checks each DATA against its form: required fields, types, limits, "
                   "check digits and the rules of the form's document; several applications also against the "
                   "rules across applications (a unit in at most 3 projects and one consortium per category, "
                   "no project twice).  DATA - reads standard input.", &argc, &argv))
        return EXIT_USAGE;
    if (argc < 2) {
        cli_error("'check' takes one or more data files", "check 需要一个或多个数据文件");
        return EXIT_USAGE;
    }
    if (!cli_stdin_once(argc, argv))
        return EXIT_USAGE;
    SbCatalog *cat = cli_catalog();
    if (!cat)
        return EXIT_USAGE;
    int status = EXIT_DONE;
    for (int i = 1; i < argc; i++) {   /* the worst status of all the files */
        SbData *data = NULL;
        int one;
        cli_load_checked(cat, argv[i], strict, &data, &one);
        status = MAX(status, one);
        sb_data_free(data);
    }
    if (argc > 2) {
        int across = check_across(cat, argc, argv);
        status = MAX(status, across);
    }
    sb_catalog_free(cat);
    return status;
}
