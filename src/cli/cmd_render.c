/* shenbao render / blank: the filled or the blank form as files. */
#include "cli.h"

#include <glib/gstdio.h>
#include <string.h>

static int parse_formats(const char *list)
{
    static const char *const names[] = { "pdf", "docx", "odt", NULL };
    return list ? cli_parse_formats(list, names) : CLI_ALL_FORMATS;
}

/* What blank and render share: -o DIR, --format LIST, --force, and render's --strict or
 * blank's --all. */
typedef struct {
    char *dir, *format;
    gboolean strict, all, force;
    int formats;
} Outputs;

static void outputs_clear(Outputs *o)
{
    g_free(o->dir);
    g_free(o->format);
}

/* Parses a command's options and its arguments (one, or with many at least one); FALSE
 * (after saying why) on a usage error. */
static gboolean parse_outputs(int *argc, char ***argv, gboolean render, const char *args, const char *summary,
                              const char *one_en, const char *one_zh, Outputs *o)
{
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->dir, "write into DIR (default: the current folder)", "DIR"},
        {"format", 'f', 0, G_OPTION_ARG_STRING, &o->format, "formats to write (default: pdf,docx,odt)", "LIST"},
        {render ? "strict" : "all", 0, 0, G_OPTION_ARG_NONE, render ? &o->strict : &o->all,
         render ? "treat warnings as errors" : "write every form of the catalog", NULL},
        {"force", 0, 0, G_OPTION_ARG_NONE, &o->force,
         "replace files in DIR that shenbao did not write, or that were changed since", NULL},
        {NULL},
    };
    if (!cli_parse(entries, args, summary, argc, argv) || !(o->formats = parse_formats(o->format)))
        return FALSE;
    if (render ? *argc < 2 : *argc != (o->all ? 1 : 2)) {
        cli_error("%s%.0s", "%.0s%s", one_en, one_zh);   /* each format prints its own text */
        return FALSE;
    }
    return TRUE;
}

static CliJob *blank_job(SbCatalog *cat, const char *id)
{
    SbForm *form = cli_form(cat, id);
    CliJob *j = form ? g_new0(CliJob, 1) : NULL;
    if (j) {
        j->form = form;
        j->base = g_strdup(id);
        j->source = g_strconcat("blank ", id, NULL);
    }
    return j;
}

int cmd_blank(int argc, char **argv)
{
    Outputs o = {0};
    int status = EXIT_USAGE;
    if (parse_outputs(&argc, &argv, FALSE, "FORM | --all",
                      "Writes the blank form FORM as FORM.pdf, FORM.docx and FORM.odt; with --all, every form.",
                      "'blank' takes one form id, or --all (see 'shenbao list')",
                      "blank 需要一个表单 id，或 --all（见 shenbao list）", &o)) {
        cli_catch_signals(NULL);
        SbCatalog *cat = cli_catalog();
        GPtrArray *jobs = g_ptr_array_new_with_free_func(cli_job_free);
        gboolean ok = cat != NULL;
        for (guint i = 0; ok && i < (o.all ? sb_catalog_size(cat) : 1); i++) {
            CliJob *j = blank_job(cat, o.all ? sb_catalog_info(cat, i)->id : argv[1]);
            ok = j != NULL;
            if (j)
                g_ptr_array_add(jobs, j);
        }
        if (ok)
            status = cli_write_jobs(cat, jobs, o.formats, o.dir ? o.dir : ".", o.force);
        g_ptr_array_unref(jobs);
        sb_catalog_free(cat);
    }
    outputs_clear(&o);
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

/* What the output folder's record says a file was made from: the data file's full
 * path, so that another file of the same name elsewhere is not taken for it. */
static char *source_of(const char *arg, const SbForm *form)
{
    if (strcmp(arg, "-") == 0)
        return g_strconcat("standard input, form ", sb_form_info(form)->id, NULL);
    return g_canonicalize_filename(arg, NULL);
}

/* Several data files render in one run (a secretariat's folder of applications): each is
 * checked on its own, the valid ones are written in parallel, and the exit status is the
 * worst of them. */
int cmd_render(int argc, char **argv)
{
    Outputs o = {0};
    if (!parse_outputs(&argc, &argv, TRUE, "DATA…", "Checks each DATA (YAML or JSON) and writes its form, filled, "
                       "as DATA.pdf, DATA.docx and DATA.odt.\nThe form is the one DATA's `form:` key names; "
                       "DATA - reads standard input and writes FORM.pdf ….",
                       "'render' takes one or more data files", "render 需要一个或多个数据文件", &o)) {
        outputs_clear(&o);
        return EXIT_USAGE;
    }
    if (!cli_stdin_once(argc, argv)) {
        outputs_clear(&o);
        return EXIT_USAGE;
    }
    cli_catch_signals(NULL);
    SbCatalog *cat = cli_catalog();
    int status = cat ? EXIT_DONE : EXIT_USAGE;
    GPtrArray *jobs = g_ptr_array_new_with_free_func(cli_job_free);
    for (int i = 1; cat && i < argc; i++) {
        CliJob *j = g_new0(CliJob, 1);
        int one;
        j->form = cli_load_checked(cat, argv[i], o.strict, &j->data, &one);
        status = MAX(status, one);
        if (!j->form) {
            cli_job_free(j);
            continue;
        }
        /* data from standard input is named after its form */
        j->base = strcmp(argv[i], "-") != 0 ? base_name(argv[i]) : g_strdup(sb_form_info(j->form)->id);
        j->source = source_of(argv[i], j->form);
        g_ptr_array_add(jobs, j);
    }
    if (jobs->len > 0) {
        int written = cli_write_jobs(cat, jobs, o.formats, o.dir ? o.dir : ".", o.force);
        status = MAX(status, written);
    }
    g_ptr_array_unref(jobs);
    sb_catalog_free(cat);
    outputs_clear(&o);
    return status;
}
