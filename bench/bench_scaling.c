/* The scaling benchmark: a command, not a test.  Time per unit of output for inputs that
 * grow, so that any superlinear part of the PDF layout shows as a rising column.
 *
 *   bench-scaling [--runs N] [--big] [--only answers|rows|latin|chinese]
 *
 * Series (CPU time of binding and writing the PDF in this process, medians of --runs;
 * data the loader refuses, such as 100,000 rows past its 8 MiB limit, is skipped, saying so):
 *   answers   the sample with every multi-paragraph answer's paragraphs repeated ×1 … ×16:
 *             time per page
 *   rows      a summary (推荐汇总表) of 100 … 8000 projects (100,000 with --big): time per row
 *   latin     one answer holding a Latin run of 100 … 100,000 characters: time per 1000
 *             characters
 *   chinese   the sample whose 推广应用内容 is one paragraph of 1000 … 20,000 Chinese
 *             characters with their punctuation: time per 1000 characters
 * Each series ends with its largest per-unit time over its smallest. */
#include "bench_proc.h"

#include <shenbao/shenbao.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int runs = 3;
static gboolean big;
static char *only;   /* one series by name, or all */


static void fail(const char *what)
{
    fprintf(stderr, "bench-scaling: %s failed (run ./setup)\n", what);
    exit(2);
}

/* The pages of a PDF cairo wrote: its page objects. */
static int count_pages(const char *path)
{
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL))
        fail(path);
    int pages = 0;
    const char *end = text + len;
    for (const char *p = text; (p = memmem(p, end - p, "/Type /Page", 11)) && p + 11 < end; p++)
        if (p[11] != 's')
            pages++;
    g_free(text);
    return pages;
}

typedef struct {
    SbCatalog *cat;
    SbFonts *fonts;
    char *pdf;
} Bench;

/* Median CPU milliseconds of binding and writing the data in `yaml`; *pages its pages.
 * -1 when the data loader refuses it (its size limits). */
static double time_yaml(Bench *b, const GString *yaml, int *pages)
{
    GBytes *bytes = g_bytes_new(yaml->str, yaml->len);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = sb_data_load_bytes(bytes, "bench.yaml", diags);
    SbForm *form = data ? sb_catalog_form_of(b->cat, data, diags, NULL) : NULL;
    if (!form) {
        char *why = sb_diagnostics_format(diags);
        fprintf(stderr, "bench-scaling: the generated data is refused: %.200s\n", why ? why : "");
        g_free(why);
        sb_data_free(data);
        sb_diagnostics_free(diags);
        g_bytes_unref(bytes);
        return -1;
    }
    double *t = g_new(double, runs);
    for (int i = 0; i < runs; i++) {
        double start = thread_cpu_ms();
        SbDocument *doc = sb_bind(form, data);
        if (!sb_write_pdf(doc, b->fonts, b->pdf, NULL))
            fail("writing the PDF");
        sb_document_free(doc);
        t[i] = thread_cpu_ms() - start;
    }
    double m = median(t, runs);
    *pages = count_pages(b->pdf);
    g_free(t);
    sb_data_free(data);
    sb_diagnostics_free(diags);
    g_bytes_unref(bytes);
    return m;
}

/* A series of inputs: each row shows the time per unit and the marginal time per unit
 * (what the units added since the previous row cost), which leaves out what every
 * document pays once (fonts, the form's fixed pages).  Linear means a flat marginal. */
typedef struct {
    const char *unit;
    double lo, hi, ms, units;
    int rows;
} Series;

static void series_start(Series *s, const char *title, const char *unit)
{
    *s = (Series){.unit = unit};
    printf("%s\n  %8s %7s %10s %12s %12s\n", title, "n", "pages", "ms", unit, "marginal");
}

static void series_row(Series *s, int n, int pages, double units, double ms)
{
    printf("  %8d %7d %10.1f %12.4f", n, pages, ms, ms / units);
    if (s->rows > 0 && units > s->units) {
        double marginal = (ms - s->ms) / (units - s->units);
        printf(" %12.4f", marginal);
        s->lo = s->lo == 0 ? marginal : MIN(s->lo, marginal);
        s->hi = MAX(s->hi, marginal);
    }
    printf("\n");
    s->ms = ms, s->units = units, s->rows++;
}

static void series_end(const Series *s)
{
    printf("  largest / smallest marginal %s: %.2f\n\n", s->unit, s->hi / s->lo);
}

/* ---- answers ×k ---- */

/* The sample with the lines of every block scalar (`key: |`) repeated k times, a blank
 * line between the copies: each answer gets k times its paragraphs. */
static GString *repeat_answers(const char *sample, int k)
{
    GString *out = g_string_new(NULL);
    char **lines = g_strsplit(sample, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        g_string_append_printf(out, "%s\n", lines[i]);
        if (!g_str_has_suffix(lines[i], ": |"))
            continue;
        int indent = (int)strspn(lines[i], " ") + 2, j = i + 1;
        while (lines[j] && (lines[j][0] == 0 || (int)strspn(lines[j], " ") >= indent))
            j++;
        while (j > i + 1 && lines[j - 1][0] == 0)
            j--;
        for (int copy = 0; copy < k; copy++) {
            if (copy > 0)
                g_string_append(out, "\n");
            for (int l = i + 1; l < j; l++)
                g_string_append_printf(out, "%s\n", lines[l]);
        }
        i = j - 1;
    }
    g_strfreev(lines);
    return out;
}

static void answers(Bench *b, const char *sample_path)
{
    char *sample = NULL;
    if (!g_file_get_contents(sample_path, &sample, NULL, NULL))
        fail(sample_path);
    Series ser;
    series_start(&ser, "answers: the sample, each answer's paragraphs ×n", "ms/page");
    for (int k = 1; k <= 16; k *= 2) {
        GString *yaml = repeat_answers(sample, k);
        int pages;
        double ms = time_yaml(b, yaml, &pages);
        series_row(&ser, k, pages, pages, ms);
        g_string_free(yaml, TRUE);
    }
    series_end(&ser);
    g_free(sample);
}

/* ---- table rows ---- */

static GString *summary(int n)
{
    GString *y = g_string_new("form: miit-2025-summary\nprojects:\n");
    for (int i = 0; i < n; i++)
        g_string_append_printf(y,
                               "  - name: 推广应用项目%d\n    lead_enterprise: 江东医疗科技有限公司%d\n"
                               "    lead_hospital: 江东省人民医院%d\n    participants: 澄州市中心医院%d\n"
                               "    contact: 顾一鸣\n    phone: \"0513-85126701\"\n    remark: 重点产品\n",
                               i, i, i, i);
    return y;
}

static void rows(Bench *b)
{
    Series ser;
    series_start(&ser, "rows: a summary of n projects", "ms/row");
    int sizes[] = {100, 500, 2000, 8000, 100000};
    for (guint i = 0; i < G_N_ELEMENTS(sizes) - (big ? 0 : 1); i++) {
        GString *yaml = summary(sizes[i]);
        int pages;
        double ms = time_yaml(b, yaml, &pages);
        if (ms >= 0)
            series_row(&ser, sizes[i], pages, sizes[i], ms);
        g_string_free(yaml, TRUE);
    }
    series_end(&ser);
}

/* ---- a long Latin run ---- */

static GString *latin(int n)
{
    GString *y = g_string_new("form: miit-2022-base\nplan:\n  overview: ");
    for (int i = 0; i < n; i++)
        g_string_append_c(y, "abcdefghijklmnopqrstuvwxyz"[(i * 7) % 26]);
    g_string_append(y, "\n");
    return y;
}

static void latin_runs(Bench *b)
{
    Series ser;
    series_start(&ser, "latin: one answer holding a Latin run of n characters", "ms/1000ch");
    int sizes[] = {100, 1000, 10000, 20000, 100000};
    for (guint i = 0; i < G_N_ELEMENTS(sizes); i++) {
        GString *yaml = latin(sizes[i]);
        int pages;
        double ms = time_yaml(b, yaml, &pages);
        series_row(&ser, sizes[i], pages, sizes[i] / 1000.0, ms);
        g_string_free(yaml, TRUE);
    }
    series_end(&ser);
}

/* ---- one long Chinese paragraph ---- */

/* n characters of ordinary Chinese prose, its phrases in a fixed pseudo-random order so
 * that the marks fall anywhere on a line: ，。、；：“”（）《》 all occur. */
static GString *chinese_text(int n)
{
    static const char *phrases[] = {
        "本项目以国产医疗装备推广应用为核心，", "建立覆盖省级医院、地市级医院和县域医院的三级应用网络；",
        "开展“多中心临床评价”（含低剂量成像）：", "形成扫描规范和质控规范。",
        "推动《重点产品清单》所列产品在全省的应用，", "二是围绕临床反馈开展性能改进、迭代升级；",
    };
    GString *s = g_string_new(NULL);
    guint32 seed = 7;
    for (int chars = 0; chars < n;) {
        seed = seed * 1103515245u + 12345u;
        const char *p = phrases[(seed >> 16) % G_N_ELEMENTS(phrases)];
        for (; *p && chars < n; p = g_utf8_next_char(p), chars++)
            g_string_append_len(s, p, g_utf8_next_char(p) - p);
    }
    return s;
}

/* The sample with the first answer under `application:` (its 推广应用内容) replaced by
 * one paragraph of n characters. */
static GString *one_paragraph(const char *sample, int n)
{
    GString *out = g_string_new(NULL), *text = chinese_text(n);
    char **lines = g_strsplit(sample, "\n", -1);
    gboolean in_application = FALSE, done = FALSE;
    for (int i = 0; lines[i]; i++) {
        if (lines[i + 1] || lines[i][0])
            g_string_append_printf(out, "%s\n", lines[i]);
        if (lines[i][0] && lines[i][0] != ' ')
            in_application = strcmp(lines[i], "application:") == 0;
        if (done || !in_application || strcmp(lines[i], "  content: |") != 0)
            continue;
        g_string_append_printf(out, "    %s\n", text->str);
        while (lines[i + 1] && (lines[i + 1][0] == 0 || g_str_has_prefix(lines[i + 1], "    ")))
            i++;   /* the sample's own paragraphs go */
        done = TRUE;
    }
    g_strfreev(lines);
    g_string_free(text, TRUE);
    return out;
}

static void chinese_paragraph(Bench *b, const char *sample_path)
{
    char *sample = NULL;
    if (!g_file_get_contents(sample_path, &sample, NULL, NULL))
        fail(sample_path);
    Series ser;
    series_start(&ser, "chinese: one paragraph of n Chinese characters", "ms/1000ch");
    int sizes[] = {1000, 2000, 5000, 10000, 20000};
    for (guint i = 0; i < G_N_ELEMENTS(sizes); i++) {
        GString *yaml = one_paragraph(sample, sizes[i]);
        int pages;
        double ms = time_yaml(b, yaml, &pages);
        if (ms >= 0)
            series_row(&ser, sizes[i], pages, sizes[i] / 1000.0, ms);
        g_string_free(yaml, TRUE);
    }
    series_end(&ser);
    g_free(sample);
}

int main(int argc, char **argv)
{
    GOptionEntry entries[] = {
        {"runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs per input (median)", "N"},
        {"big", 0, 0, G_OPTION_ARG_NONE, &big, "also a summary of 100,000 projects", NULL},
        {"only", 0, 0, G_OPTION_ARG_STRING, &only, "one series: answers, rows, latin or chinese", "NAME"},
        {NULL},
    };
    GOptionContext *ctx = g_option_context_new("- time per page, row and character as inputs grow");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, NULL))
        return 2;
    g_option_context_free(ctx);
    runs = MAX(runs, 1);
    Bench b = {sb_catalog_open(NULL, NULL), NULL, NULL};
    b.fonts = b.cat ? sb_fonts_open(b.cat, NULL) : NULL;
    if (!b.fonts)
        fail("opening the fonts");
    char *dir = g_dir_make_tmp("bench-scaling-XXXXXX", NULL);
    b.pdf = g_build_filename(dir, "out.pdf", NULL);
    printf("shenbao scaling: CPU ms of bind + PDF, medians of %d runs\n\n", runs);
#define WANTED(name) (!only || strcmp(only, name) == 0)
    if (WANTED("answers"))
        answers(&b, SB_SAMPLE);
    if (WANTED("rows"))
        rows(&b);
    if (WANTED("latin"))
        latin_runs(&b);
    if (WANTED("chinese"))
        chinese_paragraph(&b, SB_SAMPLE);
    g_remove(b.pdf);
    g_rmdir(dir);
    g_free(b.pdf), g_free(dir);
    sb_fonts_free(b.fonts);
    sb_catalog_free(b.cat);
    return 0;
}
