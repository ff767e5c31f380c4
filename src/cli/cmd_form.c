/* shenbao init / schema: what a form's data looks like. */
#include "cli.h"

#include <stdio.h>

typedef char *(*Describe)(const SbForm *form);

static int describe(int argc, char **argv, const char *summary, Describe fn)
{
    if (!cli_parse(NULL, "FORM", summary, &argc, &argv))
        return EXIT_USAGE;
    if (argc != 2) {
        cli_error("one form id is needed (see 'shenbao list')", "需要一个表单 id（见 shenbao list）");
        return EXIT_USAGE;
    }
    SbCatalog *cat = cli_catalog();
    if (!cat)
        return EXIT_USAGE;
    SbForm *form = cli_form(cat, argv[1]);
    if (form) {
        char *text = fn(form);
        fputs(text, stdout);
        g_free(text);
    }
    sb_catalog_free(cat);
    return form ? EXIT_DONE : EXIT_USAGE;
}

int cmd_init(int argc, char **argv)
{
    return describe(argc, argv, "Prints a YAML skeleton of every field of FORM, with its Chinese label and "
                    "limits as comments.", sb_form_yaml_skeleton);
}

int cmd_schema(int argc, char **argv)
{
    return describe(argc, argv, "Prints the JSON Schema (draft 2020-12) of FORM's data.", sb_form_json_schema);
}
