/* The speed benchmark: a command, not a test.  CPU time throughout (the machine is shared),
 * medians of --runs runs, ratios against the floor program and, when it is installed,
 * the Typst compiler from npm.
 *
 *   bench-render [--runs N] [--program SHENBAO] [--baseline OLD] [--sample DATA] [--keep]
 *   bench-render --zip      the zip level table (size against time) for DOCX and ODT
 *
 * Rows: the sample as a whole `shenbao render` process in all three formats (and its peak
 * memory); the PDF stage in one process against the floor program on the same text
 * (bench_floor.c); Typst on a comparable document (bench_typst.c), one document as a whole
 * process and a batch of 20; shenbao's batch of 20 (CPU per PDF); the batch of 20 in all
 * formats on one core and on two (taskset), wall time.  With --baseline, an older build's
 * `shenbao` renders the same sample as a whole process too, and the row gives today's
 * whole process against it. */
#include "bench.h"
#include "bench_proc.h"
#include "pdf_count.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#define BATCH 20

static char *program = SB_PROGRAM, *sample = SB_SAMPLE, *baseline;
static int runs = 11;
static gboolean keep;


static void row(const char *what, double ms, const char *unit)
{
    printf("  %-44s %9.1f %s\n", what, ms, unit);
}

static void ratio_row(const char *what, double ms, const char *against, double ratio)
{
    printf("  %-44s %9.1f ms   %s %.2f\n", what, ms, against, ratio);
}

/* ---- in one process: shenbao's writers and the floor ---- */

typedef struct {
    double pdf, docx, odt, floor;
    FloorStats stats;
    SbLayoutCounts counts;   /* of one PDF */
} Stages;

static void fail(const char *what, GError *error)
{
    fprintf(stderr, "bench: %s: %s\n", what, error ? error->message : "failed (run ./setup)");
    exit(2);
}

static Stages in_process(SbForm *form, SbData *data, SbFonts *fonts, const char *dir)
{
    char *pdf = g_build_filename(dir, "stage.pdf", NULL), *docx = g_build_filename(dir, "stage.docx", NULL);
    char *odt = g_build_filename(dir, "stage.odt", NULL), *floor = g_build_filename(dir, "floor.pdf", NULL);
    double *t[4] = {g_new(double, runs), g_new(double, runs), g_new(double, runs), g_new(double, runs)};
    Stages s = {0};
    SbDocument *doc = sb_bind(form, data);
    GError *error = NULL;
    for (int i = -1; i < runs; i++) {   /* run -1 warms the font caches */
        SbLayoutCounts c0 = sb_layout_counts();
        double t0 = thread_cpu_ms();
        if (!sb_write_pdf(doc, fonts, pdf, &error))
            fail("pdf", error);
        double t1 = thread_cpu_ms();
        SbLayoutCounts c1 = sb_layout_counts();
        s.counts = (SbLayoutCounts){c1.paragraphs - c0.paragraphs, c1.layouts - c0.layouts, c1.probes - c0.probes};
        if (!sb_write_docx(doc, docx, &error))
            fail("docx", error);
        double t2 = thread_cpu_ms();
        if (!sb_write_odt(doc, odt, &error))
            fail("odt", error);
        double t3 = thread_cpu_ms();
        if (!floor_write_pdf(doc, fonts, floor, &s.stats))
            fail("floor", NULL);
        double t4 = thread_cpu_ms();
        if (i >= 0)
            t[0][i] = t1 - t0, t[1][i] = t2 - t1, t[2][i] = t3 - t2, t[3][i] = t4 - t3;
    }
    s.pdf = median(t[0], runs), s.docx = median(t[1], runs), s.odt = median(t[2], runs);
    s.floor = median(t[3], runs);
    sb_document_free(doc);
    if (!keep)
        g_remove(pdf), g_remove(docx), g_remove(odt), g_remove(floor);
    g_free(pdf), g_free(docx), g_free(odt), g_free(floor);
    for (int i = 0; i < 4; i++)
        g_free(t[i]);
    return s;
}

/* ---- whole processes ---- */

/* The median CPU of `runs` runs of argv; *peak_kib (may be NULL) the largest peak RSS,
 * *wall the median wall time. */
static double process_cpu(char **argv, int n, double *wall, long *peak_kib)
{
    double *cpu = g_new(double, n), *w = g_new(double, n);
    long peak = 0;
    for (int i = 0; i < n; i++) {
        ProcTimes pt;
        if (!proc_run(argv, &pt)) {
            fprintf(stderr, "bench: %s failed\n", argv[0]);
            exit(2);
        }
        cpu[i] = pt.cpu_ms, w[i] = pt.wall_ms, peak = MAX(peak, pt.peak_kib);
    }
    double m = median(cpu, n);
    if (wall)
        *wall = median(w, n);
    if (peak_kib)
        *peak_kib = peak;
    g_free(cpu), g_free(w);
    return m;
}

/* The median CPU of n runs of now and of old (into *old_ms), taken by turns so that a
 * change in the machine's load falls on both alike; *peak_kib now's largest peak RSS. */
static double paired_cpu(char **now, char **old, int n, double *old_ms, long *peak_kib)
{
    double *a = g_new(double, n), *b = g_new(double, n);
    long peak = 0;
    for (int i = 0; i < n; i++) {
        ProcTimes pa, pb;
        if (!proc_run(now, &pa) || !proc_run(old, &pb)) {
            fprintf(stderr, "bench: %s or %s failed\n", now[0], old[0]);
            exit(2);
        }
        a[i] = pa.cpu_ms, b[i] = pb.cpu_ms, peak = MAX(peak, pa.peak_kib);
    }
    double m = median(a, n);
    *old_ms = median(b, n);
    *peak_kib = peak;
    g_free(a), g_free(b);
    return m;
}

/* BATCH copies of the sample in dir/batch, as argv entries appended to args. */
static void add_batch(GPtrArray *args, const char *dir)
{
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(sample, &text, &len, NULL))
        fail(sample, NULL);
    char *sub = g_build_filename(dir, "batch", NULL);
    g_mkdir_with_parents(sub, 0755);
    for (int i = 0; i < BATCH; i++) {
        char *name = g_strdup_printf("%s/app-%02d.yaml", sub, i);
        g_file_set_contents(name, text, len, NULL);
        g_ptr_array_add(args, name);
    }
    g_free(sub);
    g_free(text);
}

static GPtrArray *program_args(const char *bin, const char *cores, const char *formats, const char *out)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    if (cores) {
        g_ptr_array_add(a, g_strdup("taskset"));
        g_ptr_array_add(a, g_strdup("-c"));
        g_ptr_array_add(a, g_strdup(cores));
    }
    g_ptr_array_add(a, g_strdup(bin));
    g_ptr_array_add(a, g_strdup("render"));
    g_ptr_array_add(a, g_strdup("-f"));
    g_ptr_array_add(a, g_strdup(formats));
    g_ptr_array_add(a, g_strdup("-o"));
    g_ptr_array_add(a, g_strdup(out));
    return a;
}

static GPtrArray *render_args(const char *cores, const char *formats, const char *out)
{
    return program_args(program, cores, formats, out);
}

static double run_args(GPtrArray *a, int n, double *wall, long *peak)
{
    g_ptr_array_add(a, NULL);
    double cpu = process_cpu((char **)a->pdata, n, wall, peak);
    g_ptr_array_unref(a);
    return cpu;
}

/* ---- Typst ---- */

static char *typst_module(void)
{
    const char *env = g_getenv("TYPST_TS_MODULE");
    char *dir = env ? g_strdup(env)
        : g_build_filename(g_get_user_cache_dir(), "shenbao", "typst", "node_modules", "@myriaddreamin",
                           "typst-ts-node-compiler", NULL);
    char *pkg = g_build_filename(dir, "package.json", NULL);
    gboolean found = g_file_test(pkg, G_FILE_TEST_EXISTS) && g_find_program_in_path("node");
    g_free(pkg);
    if (!found)
        g_clear_pointer(&dir, g_free);
    return dir;
}

typedef struct {
    double one, per_pdf;
} TypstTimes;

static gboolean typst(const SbDocument *doc, const char *fonts_dir, const char *dir, TypstTimes *tt)
{
    char *module = typst_module();
    if (!module)
        return FALSE;
    char *typ = g_build_filename(dir, "doc.typ", NULL), *pdf = g_build_filename(dir, "typst.pdf", NULL);
    FILE *f = fopen(typ, "w");
    typst_write(doc, f);
    fclose(f);
    char *script = g_build_filename(SB_BENCH_DIR, "typst-bench.mjs", NULL);
    char batch[16];
    snprintf(batch, sizeof batch, "%d", BATCH);
    char *one[] = {"node", script, module, (char *)fonts_dir, typ, "1", pdf, NULL};
    char *many[] = {"node", script, module, (char *)fonts_dir, typ, batch, pdf, NULL};
    tt->one = process_cpu(one, runs, NULL, NULL);
    tt->per_pdf = process_cpu(many, 3, NULL, NULL) / BATCH;
    g_free(script), g_free(typ), g_free(pdf), g_free(module);
    return TRUE;
}

/* ---- the report ---- */

static void report(SbCatalog *cat, SbForm *form, SbData *data, const char *dir)
{
    SbFonts *fonts = sb_fonts_open(cat, NULL);
    if (!fonts)
        fail("fonts", NULL);
    double load[3];
    getloadavg(load, 3);
    printf("shenbao benchmark: CPU time, medians of %d runs (load average %.2f)\n", runs, load[0]);
    printf("sample %s\n", sample);

    char *out = g_build_filename(dir, "out", NULL);
    long peak = 0;
    GPtrArray *a = render_args(NULL, "pdf,docx,odt", out);
    g_ptr_array_add(a, g_strdup(sample));
    double whole, before = 0;
    if (baseline) {
        /* a folder of its own: an older build may not rewrite files it finds there */
        char *old_out = g_build_filename(dir, "baseline", NULL);
        GPtrArray *b = program_args(baseline, NULL, "pdf,docx,odt", old_out);
        g_ptr_array_add(b, g_strdup(sample));
        g_ptr_array_add(a, NULL), g_ptr_array_add(b, NULL);
        whole = paired_cpu((char **)a->pdata, (char **)b->pdata, runs, &before, &peak);
        g_ptr_array_unref(a), g_ptr_array_unref(b);
        g_free(old_out);
    } else {
        whole = run_args(a, runs, NULL, &peak);
    }

    Stages s = in_process(form, data, fonts, dir);
    SbDocument *doc = sb_bind(form, data);
    char *fonts_dir = g_build_filename(sb_catalog_data_dir(cat), "fonts", NULL);
    TypstTimes tt = {0};
    gboolean have_typst = typst(doc, fonts_dir, dir, &tt);

    a = render_args(NULL, "pdf", out);
    add_batch(a, dir);
    double batch_pdf = run_args(a, 3, NULL, NULL) / BATCH;
    double wall1, wall2;
    a = render_args("0", "pdf,docx,odt", out);
    add_batch(a, dir);
    run_args(a, 3, &wall1, NULL);
    a = render_args("0,1", "pdf,docx,odt", out);
    add_batch(a, dir);
    run_args(a, 3, &wall2, NULL);

    row("sample, whole process, PDF+DOCX+ODT", whole, "ms");
    if (baseline)
        ratio_row("  baseline build, whole process", before, "now/baseline", whole / before);
    if (have_typst)
        ratio_row("  Typst, one document, whole process", tt.one, "shenbao/Typst", whole / tt.one);
    row("peak memory of that process", peak / 1024.0, "MiB");
    row("PDF stage, in one process", s.pdf, "ms");
    ratio_row("  floor program, same text", s.floor, "PDF/floor", s.pdf / s.floor);
    printf("  %-44s %d paragraphs, %d lines, %d pages\n", "  floor drew", s.stats.paragraphs, s.stats.lines,
           s.stats.pages);
    /* the floor lays each paragraph out once */
    printf("  %-44s %9.2f      floor 1.00 (%u layouts, %u token probes, %u paragraphs)\n",
           "  layouts per paragraph", s.counts.paragraphs ? (double)s.counts.layouts / s.counts.paragraphs : 0,
           s.counts.layouts, s.counts.probes, s.counts.paragraphs);
    row("DOCX stage, in one process", s.docx, "ms");
    row("ODT stage, in one process", s.odt, "ms");
    row("batch of 20, CPU per PDF", batch_pdf, "ms");
    if (have_typst)
        ratio_row("  Typst batch of 20, CPU per PDF", tt.per_pdf, "shenbao/Typst", batch_pdf / tt.per_pdf);
    else
        printf("  (Typst: @myriaddreamin/typst-ts-node-compiler not installed; see bench/README)\n");
    row("batch of 20, all formats, 1 core, wall", wall1, "ms");
    ratio_row("batch of 20, all formats, 2 cores, wall", wall2, "speed-up", wall1 / wall2);

    sb_document_free(doc);
    g_free(fonts_dir);
    g_free(out);
    sb_fonts_free(fonts);
}

int main(int argc, char **argv)
{
    gboolean zip = FALSE;
    GOptionEntry entries[] = {
        {"runs", 'n', 0, G_OPTION_ARG_INT, &runs, "runs per median (default 11)", "N"},
        {"program", 'p', 0, G_OPTION_ARG_FILENAME, &program, "the shenbao program to time", "PATH"},
        {"baseline", 'b', 0, G_OPTION_ARG_FILENAME, &baseline, "an older shenbao program to time against", "PATH"},
        {"sample", 's', 0, G_OPTION_ARG_FILENAME, &sample, "the data file to render", "DATA"},
        {"keep", 0, 0, G_OPTION_ARG_NONE, &keep, "keep the outputs (PDFs, the Typst document) and say where", NULL},
        {"zip", 0, 0, G_OPTION_ARG_NONE, &zip, "print the zip level table instead", NULL},
        {NULL},
    };
    GOptionContext *ctx = g_option_context_new("- shenbao's speed against its floor and Typst");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, NULL) || runs < 1)
        return 2;
    g_option_context_free(ctx);

    SbCatalog *cat = sb_catalog_open(NULL, NULL);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = cat ? sb_data_load(sample, diags) : NULL;
    SbForm *form = data ? sb_catalog_form(cat, sb_data_form_id(data), NULL) : NULL;
    if (!form)
        fail(sample, NULL);
    char *dir = g_dir_make_tmp("shenbao-bench-XXXXXX", NULL);
    if (zip)
        zip_levels(form, data, dir);
    else
        report(cat, form, data, dir);
    if (keep)
        printf("outputs kept in %s\n", dir);
    else
        proc_remove_tree(dir);
    g_free(dir);
    sb_data_free(data);
    sb_diagnostics_free(diags);
    sb_catalog_free(cat);
    return 0;
}
