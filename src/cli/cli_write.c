/* Writing the documents of a run (render's inputs, blank's forms) into one folder through
 * an SbFileSet: every name claimed first, then the documents written on one thread per
 * processor, then all of them renamed into place at once. */
#include "cli.h"

#include <string.h>

static const struct {
    int format;
    const char *ext;
} kinds[] = { { CLI_PDF, ".pdf" }, { CLI_DOCX, ".docx" }, { CLI_ODT, ".odt" } };

void cli_job_free(gpointer p)
{
    CliJob *j = p;
    sb_data_free(j->data);
    g_free(j->base);
    g_free(j->source);
    g_free(j);
}

/* Claims every name of every job; FALSE after saying what stands in the way of each. */
static gboolean claim_names(SbFileSet *set, GPtrArray *jobs, int formats)
{
    gboolean ok = TRUE;
    for (guint i = 0; i < jobs->len; i++) {
        const CliJob *j = jobs->pdata[i];
        for (guint k = 0; k < G_N_ELEMENTS(kinds); k++) {
            if (!(formats & kinds[k].format))
                continue;
            char *name = g_strconcat(j->base, kinds[k].ext, NULL);
            GError *error = NULL;
            if (!sb_file_set_add(set, name, j->source, &error)) {
                cli_error("%s", "%s", error->message);
                g_error_free(error);
                ok = FALSE;
            }
            g_free(name);
        }
    }
    return ok;
}

/* One document in one format, as SbFileSetWriteFunc wants it. */
typedef struct {
    const SbDocument *doc;
    SbFonts *fonts;
    int format;
} Piece;

static gboolean write_piece(GOutputStream *out, gpointer data, GError **error)
{
    const Piece *p = data;
    if (p->format == CLI_PDF)
        return sb_write_pdf_to_stream(p->doc, p->fonts, out, NULL, error);
    if (p->format == CLI_DOCX)
        return sb_write_docx_to_stream(p->doc, out, NULL, error);
    return sb_write_odt_to_stream(p->doc, out, NULL, error);
}

/* The run, shared by its threads. */
typedef struct {
    SbCatalog *cat;
    SbFileSet *set;
    GPtrArray *jobs;
    int formats;
    gint next;
    GMutex lock;
    GError *error;   /* the first failure; the others stop at their next file */
} Run;

static gboolean failed(Run *r, GError *error)
{
    g_mutex_lock(&r->lock);
    gboolean first = r->error == NULL;
    if (first)
        r->error = error;
    else if (error)
        g_error_free(error);
    g_mutex_unlock(&r->lock);
    return first;
}

static gboolean stopped(Run *r)
{
    g_mutex_lock(&r->lock);
    gboolean stop = r->error != NULL;
    g_mutex_unlock(&r->lock);
    return stop;
}

static void write_job(Run *r, const CliJob *j, SbFonts **fonts)
{
    GError *error = NULL;
    if ((r->formats & CLI_PDF) && !*fonts && !(*fonts = sb_fonts_open(r->cat, &error))) {
        failed(r, error);
        return;
    }
    SbDocument *doc = sb_bind(j->form, j->data);
    for (guint k = 0; k < G_N_ELEMENTS(kinds) && !stopped(r); k++) {
        if (!(r->formats & kinds[k].format))
            continue;
        char *name = g_strconcat(j->base, kinds[k].ext, NULL);
        Piece piece = { doc, *fonts, kinds[k].format };
        if (!sb_file_set_write(r->set, name, write_piece, &piece, &error))
            failed(r, error);
        error = NULL;
        g_free(name);
    }
    sb_document_free(doc);
}

/* Each worker takes the next job and writes with fonts of its own (pango's font maps
 * belong to one thread). */
static gpointer worker(gpointer data)
{
    Run *r = data;
    SbFonts *fonts = NULL;
    for (gint i; !stopped(r) && (i = g_atomic_int_add(&r->next, 1)) < (gint) r->jobs->len;)
        write_job(r, r->jobs->pdata[i], &fonts);
    sb_fonts_free(fonts);
    return NULL;
}

static void write_on_threads(Run *r)
{
    guint n = MAX(1, MIN(g_get_num_processors(), r->jobs->len));
    GThread **threads = g_new0(GThread *, n);
    for (guint i = 1; i < n; i++)
        threads[i] = g_thread_new("render", worker, r);
    worker(r);
    for (guint i = 1; i < n; i++)
        g_thread_join(threads[i]);
    g_free(threads);
}

int cli_write_jobs(SbCatalog *cat, GPtrArray *jobs, int formats, const char *dir, gboolean force)
{
    SbFileSet *set = sb_file_set_new(dir, force);
    int status = EXIT_USAGE;
    if (claim_names(set, jobs, formats)) {
        Run r = { .cat = cat, .set = set, .jobs = jobs, .formats = formats };
        g_mutex_init(&r.lock);
        write_on_threads(&r);
        g_mutex_clear(&r.lock);
        if (!r.error)
            sb_file_set_commit(set, &r.error);
        if (r.error) {
            cli_error("%s", "%s", r.error->message);
            g_error_free(r.error);
        } else {
            status = EXIT_DONE;
        }
    }
    sb_file_set_free(set);   /* a failed run's temporaries go with it */
    return status;
}
