/* shenbao list: the forms this installation knows. */
#include "cli.h"

#include <stdio.h>

int cmd_list(int argc, char **argv)
{
    if (!cli_parse(NULL, "", "The forms: id, edition, title and the document that published it.", &argc, &argv))
        return EXIT_USAGE;
    if (argc > 1) {
        cli_error("'list' takes no arguments", "list 不带参数");
        return EXIT_USAGE;
    }
    SbCatalog *cat = cli_catalog();
    if (!cat)
        return EXIT_USAGE;
    for (guint i = 0; i < sb_catalog_size(cat); i++) {
        const SbFormInfo *f = sb_catalog_info(cat, i);
        printf("%-24s %s  %s  （%s）\n", f->id, f->edition, f->title, f->source);
    }
    sb_catalog_free(cat);
    return EXIT_DONE;
}
