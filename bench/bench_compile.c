/* The compile benchmark: N applications (200 unless told) made from the sample — each
 * its own project with its own units and codes, one in four a DOCX, the rest YAML — compiled by
 * whole `shenbao compile` processes into the 推荐汇总表 and N 审查表 in every format.
 * Prints the median of the runs in seconds and applications per second, and the number
 * of processors the run had.
 *
 *   build/bench/bench-compile [N] [RUNS] */
#include <shenbao/shenbao.h>

#include "checkdigit.h"
#include "data.h"
#include "yaml_write.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static void rename_unit(SbValue *unit, const char *key, guint n)
{
    SbValue *name = sb_value_map_get(unit, key);
    if (name && name->text) {
        char *text = g_strdup_printf("%s（%03u）", name->text, n);
        g_free(name->text);
        name->text = text;
    }
}

/* A code of its own for unit k of application n: the 组织机构代码 "5nnnkkkk-c", or the
 * 统一社会信用代码 that holds it. */
static void set_code(SbValue *unit, const char *key, guint n, guint k, gboolean uscc)
{
    SbValue *v = sb_value_map_get(unit, key);
    if (v == NULL)
        return;
    char body[10];
    g_snprintf(body, sizeof body, "5%03u%04u", n % 1000, k);
    body[8] = sb_orgcode_check_char(body);
    body[9] = '\0';
    char *code = uscc ? g_strdup_printf("91320594%s ", body) : g_strdup_printf("%.8s-%c", body, body[8]);
    if (uscc)
        code[17] = sb_uscc_check_char(code);
    g_free(v->text);
    v->text = code;
}

/* Application n: the sample with its project and every unit named and coded apart. */
static SbValue *application(const SbValue *sample, guint n)
{
    SbValue *app = sb_value_copy(sample);
    static const char *const names[] = { "project.name", "project.lead_enterprise", "project.lead_hospital" };
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        char *parent = g_strndup(names[i], strrchr(names[i], '.') - names[i]);
        rename_unit(sb_value_lookup(app, parent), strrchr(names[i], '.') + 1, n);
        g_free(parent);
    }
    rename_unit(sb_value_lookup(app, "lead_enterprise"), "name", n);
    rename_unit(sb_value_lookup(app, "lead_hospital"), "name", n);
    set_code(sb_value_lookup(app, "lead_enterprise"), "credit_code", n, 0, TRUE);
    set_code(sb_value_lookup(app, "lead_hospital"), "org_code", n, 1, FALSE);
    SbValue *parts = sb_value_lookup(app, "participants");
    for (guint i = 0; i < sb_value_size(parts); i++) {
        rename_unit(sb_value_item(parts, i), "name", n);
        set_code(sb_value_item(parts, i), "org_code", n, i + 2, FALSE);
    }
    return app;
}

static void make_inputs(const char *sample_path, const char *dir, guint count)
{
    SbCatalog *cat = sb_catalog_open(NULL, NULL);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *sample = sb_data_load(sample_path, diags);
    SbForm *form = sample && cat ? sb_catalog_form(cat, sb_data_form_id(sample), NULL) : NULL;
    if (!form) {
        fprintf(stderr, "bench: cannot load %s (run ./setup)\n", sample_path);
        exit(2);
    }
    for (guint n = 1; n <= count; n++) {
        SbValue *app = application(sample->root, n);
        char *yaml = sb_yaml_write(app, NULL, NULL);
        char *name = g_strdup_printf("%03u.%s", n, n % 4 == 0 ? "docx" : "yaml");
        char *path = g_build_filename(dir, name, NULL);
        if (n % 4 == 0) {
            SbDiagnostics *d = sb_diagnostics_new();
            SbData *data = sb_data_load_text(name, yaml, strlen(yaml), d);
            SbDocument *doc = sb_bind(form, data);
            sb_write_docx(doc, path, NULL);
            sb_document_free(doc);
            sb_data_free(data);
            sb_diagnostics_free(d);
        } else {
            g_file_set_contents(path, yaml, -1, NULL);
        }
        g_free(path);
        g_free(name);
        g_free(yaml);
        sb_value_free(app);
    }
    sb_data_free(sample);
    sb_diagnostics_free(diags);
    sb_catalog_free(cat);
}

static double seconds(const struct timeval *t)
{
    return t->tv_sec + t->tv_usec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    guint count = argc > 1 ? (guint) atoi(argv[1]) : 200, runs = argc > 2 ? (guint) atoi(argv[2]) : 3;
    count = count ? count : 200;
    runs = runs ? runs : 3;
    char *dir = g_dir_make_tmp("shenbao-bench-compile-XXXXXX", NULL);
    char *in = g_build_filename(dir, "in", NULL), *out = g_build_filename(dir, "out", NULL);
    g_mkdir(in, 0700);
    make_inputs(SB_SAMPLE, in, count);
    double *t = g_new(double, runs), cpu = 0;
    char *argv_c[] = { (char *) SB_PROGRAM, "compile", in, "-o", out, NULL };
    for (guint i = 0; i < runs; i++) {
        gint64 start = g_get_monotonic_time();
        struct rusage before, after;
        getrusage(RUSAGE_CHILDREN, &before);
        int status = 0;
        char *report = NULL;
        if (!g_spawn_sync(NULL, argv_c, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &report, NULL, &status, NULL)
            || !g_spawn_check_wait_status(status, NULL)) {
            fprintf(stderr, "bench: shenbao compile failed:\n%s", report ? report : "");
            exit(2);
        }
        t[i] = (g_get_monotonic_time() - start) / 1e6;
        getrusage(RUSAGE_CHILDREN, &after);
        cpu += seconds(&after.ru_utime) + seconds(&after.ru_stime) - seconds(&before.ru_utime)
               - seconds(&before.ru_stime);
        g_free(report);
    }
    qsort(t, runs, sizeof *t, compare_doubles);
    double m = t[runs / 2];
    printf("shenbao compile of %u applications (%u DOCX, the rest YAML) into the 推荐汇总表 and %u 审查表,\n"
           "every format, %u runs on %u processors:\n", count, count / 4, count, runs, g_get_num_processors());
    printf("  median             %8.2f s\n", m);
    printf("  applications/second %7.1f\n", count / m);
    /* the machine may be shared: the processor time a run took says what the wall time
     * would be on two free cores */
    printf("  processor time     %8.2f s a run (%.1f applications per processor-second)\n", cpu / runs,
           count / (cpu / runs));
    if (g_getenv("SB_BENCH_KEEP")) { printf("  inputs kept in     %s\n", in); return 0; }
    char *rm[] = { "rm", "-rf", dir, NULL };
    g_spawn_sync(NULL, rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    g_free(t), g_free(in), g_free(out), g_free(dir);
    return 0;
}
