/* The rendering benchmark: the sample rendered N times in one process (documents per
 * second, median time per document, peak memory), then whole `shenbao render` processes
 * timed one after another.  Every render writes all three formats, PDF, DOCX and ODT.  Targets of the finished product: one application in every
 * format under 100 ms as a process, 50 applications per second on two cores. */
#include <shenbao/shenbao.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One application in every format: bind, then PDF, DOCX and ODT. */
static double render_once(SbForm *form, SbData *data, SbFonts *fonts, const char *out)
{
    gint64 start = g_get_monotonic_time();
    SbDocument *doc = sb_bind(form, data);
    GError *error = NULL;
    char *docx = g_strconcat(out, ".docx", NULL), *odt = g_strconcat(out, ".odt", NULL);
    if (!sb_write_pdf(doc, fonts, out, &error) || !sb_write_docx(doc, docx, &error) ||
        !sb_write_odt(doc, odt, &error)) {
        fprintf(stderr, "bench: %s\n", error->message);
        exit(2);
    }
    g_remove(docx), g_remove(odt);
    g_free(docx), g_free(odt);
    sb_document_free(doc);
    return (g_get_monotonic_time() - start) / 1000.0;
}

static void in_process(const char *sample, int n, const char *out)
{
    SbCatalog *cat = sb_catalog_open(NULL, NULL);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = sb_data_load(sample, diags);
    SbForm *form = data ? sb_catalog_form(cat, sb_data_form_id(data), NULL) : NULL;
    SbFonts *fonts = sb_fonts_open(cat, NULL);
    if (!form || !fonts) {
        fprintf(stderr, "bench: cannot load %s or the fonts (run ./setup)\n", sample);
        exit(2);
    }
    double first = render_once(form, data, fonts, out);   /* pays for loading the fonts */
    double *t = g_new(double, n);
    gint64 start = g_get_monotonic_time();
    for (int i = 0; i < n; i++)
        t[i] = render_once(form, data, fonts, out);
    double total = (g_get_monotonic_time() - start) / 1e6;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("in one process, %d renders of %s:\n", n, sample);
    printf("  first render      %8.1f ms (font loading included)\n", first);
    printf("  median render     %8.1f ms\n", median(t, n));
    printf("  documents/second  %8.1f on one core (target 50 on two: ratio %.2f)\n", n / total,
           n / total * 2 / 50);
    printf("  peak memory       %8.1f MiB\n", ru.ru_maxrss / 1024.0);
    g_free(t);
    sb_fonts_free(fonts);
    sb_data_free(data);
    sb_diagnostics_free(diags);
    sb_catalog_free(cat);
}

/* Two threads, each with fonts of its own, share n renders: applications per second on
 * two cores, as a batch `shenbao render` runs them. */
typedef struct {
    SbCatalog *cat;
    SbForm *form;
    SbData *data;
    const char *out;
    int n;          /* renders to share after each thread's first */
    gint next;
} Shared;

static gpointer render_share(gpointer p)
{
    Shared *s = p;
    SbFonts *fonts = sb_fonts_open(s->cat, NULL);
    char *out = g_strdup_printf("%s.%p.pdf", s->out, (void *)g_thread_self());
    render_once(s->form, s->data, fonts, out);   /* warm this thread's caches first */
    while (g_atomic_int_add(&s->next, 1) < s->n)
        render_once(s->form, s->data, fonts, out);
    g_remove(out);
    g_free(out);
    sb_fonts_free(fonts);
    return NULL;
}

static void two_threads(const char *sample, int n, const char *out)
{
    SbCatalog *cat = sb_catalog_open(NULL, NULL);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = sb_data_load(sample, diags);
    Shared s = {cat, sb_catalog_form(cat, sb_data_form_id(data), NULL), data, out, n, 0};
    gint64 start = g_get_monotonic_time();
    GThread *a = g_thread_new("a", render_share, &s), *b = g_thread_new("b", render_share, &s);
    g_thread_join(a);
    g_thread_join(b);
    double total = (g_get_monotonic_time() - start) / 1e6;
    printf("two threads, %d renders (each thread's first included):\n", n + 2);
    printf("  documents/second  %8.1f on two cores (target 50: ratio %.2f)\n", (n + 2) / total,
           (n + 2) / total / 50);
    sb_data_free(data);
    sb_diagnostics_free(diags);
    sb_catalog_free(cat);
}

static void whole_process(const char *shenbao, const char *sample, int n, const char *dir)
{
    double *t = g_new(double, n);
    char *argv[] = {(char *)shenbao, "render", (char *)sample, "-o", (char *)dir, NULL};
    for (int i = 0; i < n; i++) {
        gint64 start = g_get_monotonic_time();
        int status = 0;
        if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL) ||
            !g_spawn_check_wait_status(status, NULL)) {
            fprintf(stderr, "bench: %s render failed\n", shenbao);
            exit(2);
        }
        t[i] = (g_get_monotonic_time() - start) / 1000.0;
    }
    double m = median(t, n);
    printf("whole process, %d runs of `shenbao render`:\n", n);
    printf("  median            %8.1f ms (target 100 ms: ratio %.2f)\n", m, m / 100);
    g_free(t);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20;
    const char *sample = argc > 2 ? argv[2] : SB_SAMPLE;
    char *dir = g_dir_make_tmp("shenbao-bench-XXXXXX", NULL);
    char *out = g_build_filename(dir, "bench.pdf", NULL);
    in_process(sample, n > 0 ? n : 20, out);
    two_threads(sample, n > 0 ? n : 20, out);
    whole_process(SB_PROGRAM, sample, 10, dir);
    char *sample_pdf = g_build_filename(dir, "miit-2025-application.pdf", NULL);
    g_remove(out), g_remove(sample_pdf), g_rmdir(dir);
    g_free(sample_pdf), g_free(out), g_free(dir);
    return 0;
}
