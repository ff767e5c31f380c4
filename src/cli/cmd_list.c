/* shenbao list: the forms and reference lists this installation knows, or one list's
 * items. */
#include "cli.h"

#include <stdio.h>

static void print_forms(const SbCatalog *cat)
{
    for (guint i = 0; i < sb_catalog_size(cat); i++) {
        const SbFormInfo *f = sb_catalog_info(cat, i);
        printf("%-24s %s  %s  %s\n", f->id, f->edition, f->title, f->source);
    }
}

static void print_lists(const SbCatalog *cat)
{
    if (sb_catalog_list_count(cat) == 0)
        return;
    printf("\n%s\n", sb_locale_is_chinese() ? "参考清单（shenbao list 清单id 列出条目）：" :
                                               "Reference lists ('shenbao list ID' prints the items):");
    for (guint i = 0; i < sb_catalog_list_count(cat); i++) {
        const SbListInfo *l = sb_catalog_list_info(cat, i);
        printf("%-24s %s  %u 项  %s\n", l->id, l->title, l->size, l->source);
    }
}

/* One item a line: number, group, name, then its text indented below. */
static gboolean print_items(const SbCatalog *cat, const char *id)
{
    const char *name, *group, *text;
    guint i = 0;
    for (; sb_catalog_list_item(cat, id, i, &name, &group, &text); i++) {
        printf("%2u. %s%s%s\n", i + 1, group ? group : "", group ? "　" : "", name);
        if (text && *text)
            printf("    %s\n", text);
    }
    return i > 0;
}

/* The ids alone, one a line, for scripts and shell completion. */
static void print_ids(const SbCatalog *cat, gboolean forms, gboolean lists)
{
    for (guint i = 0; forms && i < sb_catalog_size(cat); i++)
        printf("%s\n", sb_catalog_info(cat, i)->id);
    for (guint i = 0; lists && i < sb_catalog_list_count(cat); i++)
        printf("%s\n", sb_catalog_list_info(cat, i)->id);
}

int cmd_list(int argc, char **argv)
{
    gboolean forms = FALSE, lists = FALSE;
    GOptionEntry entries[] = {
        {"forms", 0, 0, G_OPTION_ARG_NONE, &forms, "print only the form ids, one a line", NULL},
        {"lists", 0, 0, G_OPTION_ARG_NONE, &lists, "print only the list ids, one a line", NULL},
        {NULL},
    };
    if (!cli_parse(entries, "[LIST]", "The forms (id, edition, title, source document) and the reference lists; "
                   "with a list id, that list's items.", &argc, &argv))
        return EXIT_USAGE;
    if (argc > 2 || (argc == 2 && (forms || lists))) {
        cli_error("'list' takes at most one list id, or --forms and --lists", "list 最多带一个清单 id，或 --forms、--lists");
        return EXIT_USAGE;
    }
    SbCatalog *cat = cli_catalog();
    if (!cat)
        return EXIT_USAGE;
    int status = EXIT_DONE;
    if (forms || lists) {
        print_ids(cat, forms, lists);
    } else if (argc == 2) {
        if (!print_items(cat, argv[1])) {
            cli_error("unknown list '%s' (see 'shenbao list')", "未知的清单“%s”（见 shenbao list）", argv[1]);
            status = EXIT_USAGE;
        }
    } else {
        print_forms(cat);
        print_lists(cat);
    }
    sb_catalog_free(cat);
    return status;
}
