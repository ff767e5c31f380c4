/* shenbao render / blank: the filled or the blank form as files. */
#include "cli.h"

#include <glib/gstdio.h>
#include <string.h>

/* Binds and writes DIR/BASE.pdf. */
static int write_outputs(SbCatalog *cat, SbForm *form, SbData *data, const char *dir, const char *base)
{
    GError *error = NULL;
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        cli_error("cannot create the folder %s", "无法创建目录 %s", dir);
        return EXIT_USAGE;
    }
    SbFonts *fonts = sb_fonts_open(cat, &error);
    if (!fonts) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
        return EXIT_USAGE;
    }
    SbDocument *doc = sb_bind(form, data);
    char *name = g_strconcat(base, ".pdf", NULL);
    char *path = g_build_filename(dir, name, NULL);
    int status = EXIT_DONE;
    if (!sb_write_pdf(doc, fonts, path, &error)) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
        status = EXIT_USAGE;
    }
    g_free(path);
    g_free(name);
    sb_document_free(doc);
    sb_fonts_free(fonts);
    return status;
}

int cmd_blank(int argc, char **argv)
{
    char *dir = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &dir, "write into DIR (default: the current folder)", "DIR"},
        {NULL},
    };
    if (!cli_parse(entries, "FORM", "Writes the blank form FORM as FORM.pdf.", &argc, &argv))
        return EXIT_USAGE;
    if (argc != 2) {
        cli_error("'blank' takes one form id (see 'shenbao list')", "blank 需要一个表单 id（见 shenbao list）");
        g_free(dir);
        return EXIT_USAGE;
    }
    SbCatalog *cat = cli_catalog();
    SbForm *form = cat ? cli_form(cat, argv[1]) : NULL;
    int status = form ? write_outputs(cat, form, NULL, dir ? dir : ".", argv[1]) : EXIT_USAGE;
    sb_catalog_free(cat);
    g_free(dir);
    return status;
}

/* DATA's file name without its folder and extension. */
static char *base_name(const char *path)
{
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    return base;
}

int cmd_render(int argc, char **argv)
{
    char *dir = NULL;
    gboolean strict = FALSE;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &dir, "write into DIR (default: the current folder)", "DIR"},
        {"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "treat warnings as errors", NULL},
        {NULL},
    };
    if (!cli_parse(entries, "DATA", "Checks DATA (YAML or JSON) and writes its form, filled, as DATA.pdf.\n"
                   "The form is the one DATA's `form:` key names.", &argc, &argv))
        return EXIT_USAGE;
    if (argc != 2) {
        cli_error("'render' takes one data file", "render 需要一个数据文件");
        g_free(dir);
        return EXIT_USAGE;
    }
    SbCatalog *cat = cli_catalog();
    int status = EXIT_USAGE;
    SbData *data = NULL;
    SbForm *form = cat ? cli_load_checked(cat, argv[1], strict, &data, &status) : NULL;
    if (form) {
        char *base = base_name(argv[1]);
        status = write_outputs(cat, form, data, dir ? dir : ".", base);
        g_free(base);
    }
    sb_data_free(data);
    sb_catalog_free(cat);
    g_free(dir);
    return status;
}
