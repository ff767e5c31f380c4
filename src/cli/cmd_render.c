/* shenbao render / blank: the filled or the blank form as files. */
#include "cli.h"

#include <glib/gstdio.h>
#include <string.h>

enum { FORMAT_PDF = 1, FORMAT_DOCX = 2, FORMAT_ODT = 4, FORMAT_ALL = 7 };

static int parse_formats(const char *list)
{
    static const char *const names[] = { "pdf", "docx", "odt", NULL };
    return list ? cli_parse_formats(list, names) : FORMAT_ALL;
}

static gboolean write_one(const SbDocument *doc, SbFonts *fonts, int format, const char *path, GError **error)
{
    if (format == FORMAT_PDF)
        return sb_write_pdf(doc, fonts, path, error);
    if (format == FORMAT_DOCX)
        return sb_write_docx(doc, path, error);
    return sb_write_odt(doc, path, error);
}

/* Writes DIR/BASE.pdf, .docx and .odt as asked; on a failure nothing of this run is left. */
static int write_formats(const SbDocument *doc, SbFonts *fonts, int formats, const char *dir, const char *base)
{
    static const struct { int format; const char *ext; } kinds[] = {
        {FORMAT_PDF, ".pdf"}, {FORMAT_DOCX, ".docx"}, {FORMAT_ODT, ".odt"},
    };
    GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
    GError *error = NULL;
    for (guint i = 0; i < G_N_ELEMENTS(kinds) && !error; i++) {
        if (!(formats & kinds[i].format))
            continue;
        char *name = g_strconcat(base, kinds[i].ext, NULL);
        char *path = g_build_filename(dir, name, NULL);
        if (write_one(doc, fonts, kinds[i].format, path, &error))
            g_ptr_array_add(written, g_strdup(path));
        g_free(path);
        g_free(name);
    }
    if (error) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
        for (guint i = 0; i < written->len; i++)
            g_remove(written->pdata[i]);
    }
    int status = error ? EXIT_USAGE : EXIT_DONE;
    g_ptr_array_unref(written);
    return status;
}

/* What a run writes with: the catalog, and the fonts, opened once at the first PDF. */
typedef struct {
    SbCatalog *cat;
    SbFonts *fonts;
} Writer;

/* Binds and writes the asked formats into DIR, named BASE.<format>. */
static int write_outputs(Writer *w, SbForm *form, SbData *data, int formats, const char *dir, const char *base)
{
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        cli_error("cannot create the folder %s", "无法创建目录 %s", dir);
        return EXIT_USAGE;
    }
    GError *error = NULL;
    if ((formats & FORMAT_PDF) && !w->fonts && !(w->fonts = sb_fonts_open(w->cat, &error))) {
        cli_error("%s", "%s", error->message);
        g_error_free(error);
        return EXIT_USAGE;
    }
    SbDocument *doc = sb_bind(form, data);
    int status = write_formats(doc, w->fonts, formats, dir, base);
    sb_document_free(doc);
    return status;
}

/* What blank and render share: -o DIR, --format LIST, and render's --strict or blank's
 * --all. */
typedef struct {
    char *dir, *format;
    gboolean strict, all;
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

/* Every form of the catalog, blank; the worst status of them. */
static int write_all_blank(Writer *w, const Outputs *o)
{
    int worst = EXIT_DONE;
    for (guint i = 0; i < sb_catalog_size(w->cat); i++) {
        const char *id = sb_catalog_info(w->cat, i)->id;
        SbForm *form = cli_form(w->cat, id);
        int one = form ? write_outputs(w, form, NULL, o->formats, o->dir ? o->dir : ".", id) : EXIT_USAGE;
        worst = MAX(worst, one);
    }
    return worst;
}

int cmd_blank(int argc, char **argv)
{
    Outputs o = {0};
    int status = EXIT_USAGE;
    if (parse_outputs(&argc, &argv, FALSE, "FORM | --all",
                      "Writes the blank form FORM as FORM.pdf, FORM.docx and FORM.odt; with --all, every form.",
                      "'blank' takes one form id, or --all (see 'shenbao list')",
                      "blank 需要一个表单 id，或 --all（见 shenbao list）", &o)) {
        Writer w = {cli_catalog(), NULL};
        if (w.cat && o.all) {
            status = write_all_blank(&w, &o);
        } else if (w.cat) {
            SbForm *form = cli_form(w.cat, argv[1]);
            if (form)
                status = write_outputs(&w, form, NULL, o.formats, o.dir ? o.dir : ".", argv[1]);
        }
        sb_fonts_free(w.fonts);
        sb_catalog_free(w.cat);
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

/* A checked data file waiting to be written. */
typedef struct {
    SbForm *form;
    SbData *data;
    char *base;
} Job;

static void job_free(gpointer p)
{
    Job *j = p;
    sb_data_free(j->data);
    g_free(j->base);
    g_free(j);
}

/* The files written in parallel: each worker takes the next job and writes with fonts of
 * its own (pango's font maps belong to one thread). */
typedef struct {
    SbCatalog *cat;
    const Outputs *o;
    GPtrArray *jobs;
    gint next;
} Batch;

static gpointer write_jobs(gpointer data)
{
    Batch *b = data;
    Writer w = {b->cat, NULL};
    int worst = EXIT_DONE;
    for (gint i; (i = g_atomic_int_add(&b->next, 1)) < (gint)b->jobs->len;) {
        Job *j = b->jobs->pdata[i];
        int one = write_outputs(&w, j->form, j->data, b->o->formats, b->o->dir ? b->o->dir : ".", j->base);
        worst = MAX(worst, one);   /* MAX evaluates its arguments twice: never a call in it */
    }
    sb_fonts_free(w.fonts);
    return GINT_TO_POINTER(worst);
}

/* Writes the jobs on as many threads as there are processors (and jobs). */
static int write_all(SbCatalog *cat, const Outputs *o, GPtrArray *jobs)
{
    Batch b = {cat, o, jobs, 0};
    guint processors = g_get_num_processors();
    guint n = MAX(1, MIN(processors, jobs->len));
    GThread **threads = g_new0(GThread *, n);
    for (guint i = 1; i < n; i++)
        threads[i] = g_thread_new("render", write_jobs, &b);
    int worst = GPOINTER_TO_INT(write_jobs(&b));
    for (guint i = 1; i < n; i++) {
        int one = GPOINTER_TO_INT(g_thread_join(threads[i]));
        worst = MAX(worst, one);
    }
    g_free(threads);
    return worst;
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
    SbCatalog *cat = cli_catalog();
    int status = cat ? EXIT_DONE : EXIT_USAGE;
    GPtrArray *jobs = g_ptr_array_new_with_free_func(job_free);
    for (int i = 1; cat && i < argc; i++) {
        Job *j = g_new0(Job, 1);
        int one;
        j->form = cli_load_checked(cat, argv[i], o.strict, &j->data, &one);
        status = MAX(status, one);
        /* data from standard input is named after its form */
        j->base = strcmp(argv[i], "-") != 0 ? base_name(argv[i])
                : g_strdup(j->form ? sb_form_info(j->form)->id : "-");
        if (j->form)
            g_ptr_array_add(jobs, j);
        else
            job_free(j);
    }
    if (jobs->len > 0) {
        int written = write_all(cat, &o, jobs);
        status = MAX(status, written);
    }
    g_ptr_array_unref(jobs);
    sb_catalog_free(cat);
    outputs_clear(&o);
    return status;
}
