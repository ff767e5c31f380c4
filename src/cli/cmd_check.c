/* shenbao check: the diagnostics of a data file, nothing written. */
#include "cli.h"

int cmd_check(int argc, char **argv)
{
    gboolean strict = FALSE;
    GOptionEntry entries[] = {
        {"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "treat warnings as errors", NULL},
        {NULL},
    };
    if (!cli_parse(entries, "DATA", "Checks DATA against its form: types, limits, check digits and the "
                   "rules of the form's document.", &argc, &argv))
        return EXIT_USAGE;
    if (argc != 2) {
        cli_error("'check' takes one data file", "check 需要一个数据文件");
        return EXIT_USAGE;
    }
    SbCatalog *cat = cli_catalog();
    if (!cat)
        return EXIT_USAGE;
    SbData *data = NULL;
    int status;
    cli_load_checked(cat, argv[1], strict, &data, &status);
    sb_data_free(data);
    sb_catalog_free(cat);
    return status;
}
