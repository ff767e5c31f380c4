/* shenbao: official declaration forms from structured data. */
#include "cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"list", cmd_list, "the forms and reference lists, or one list's items"},
    {"blank", cmd_blank, "write a blank form (PDF, DOCX, ODT)"},
    {"render", cmd_render, "write the filled form of a data file (PDF, DOCX, ODT)"},
    {"check", cmd_check, "check a data file without writing anything"},
    {"init", cmd_init, "print a YAML skeleton of a form's data"},
    {"schema", cmd_schema, "print the JSON Schema of a form's data"},
    {"extract", cmd_extract, "read a DOCX or ODT shenbao wrote back into YAML data"},
    {"compile", cmd_compile, "a folder of applications into the summary, the reviews and a report"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: shenbao COMMAND [OPTIONS] …\n       shenbao --version\n\nCommands:\n");
    for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nEvery command takes --datadir DIR: custom forms in DIR/templates, over the installed ones\n"
                 "(also SHENBAO_DATADIR).  'shenbao COMMAND --help' describes a command; man shenbao, the rest.\n"
                 "Exit status: 0 done, 1 data invalid (nothing written), 2 usage or I/O error.\n");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* Fontconfig takes its default language from the locale and prints a warning of its
     * own for one it cannot read (LANG=bogus); the forms are Chinese whatever the locale
     * (fonts.conf assigns zh-cn to every pattern), so it is told so before any thread. */
    g_setenv("FC_LANG", "zh-cn", TRUE);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_DONE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("shenbao %s\n", sb_version());
        return EXIT_DONE;
    }
    for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    cli_error("unknown command '%s' (see 'shenbao --help')", "未知的命令“%s”（见 shenbao --help）", argv[1]);
    return EXIT_USAGE;
}
