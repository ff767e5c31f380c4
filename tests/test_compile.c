/* `shenbao compile` of a province's folder: the sixteen applications of
 * tests/data/compile/batch.yaml (YAML, JSON, DOCX and ODT mixed, one DOCX re-saved by
 * LibreOffice, units shared between them,
 * with and without codes, typed differently) compiled once; then each output is read
 * back and held against the applications it came from.  The rules across applications
 * have their failing cases in test_compile_rules.c. */
#include "compileutil.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

static GPtrArray *batch;     /* CuApplication*, in the order of their file names */
static char *scratch;        /* in/ holds the batch, out/ what compile wrote */
static TuResult *run;        /* shenbao compile in -o out */

static char *out_path(const char *name)
{
    return g_build_filename(scratch, "out", name, NULL);
}

static SbValue *out_load(const char *name)
{
    g_autofree char *path = out_path(name);
    return cu_load(path);
}

/* The national applications, in the summary's order. */
static GPtrArray *national(void)
{
    GPtrArray *apps = g_ptr_array_new();
    for (guint i = 0; i < batch->len; i++)
        if (((CuApplication *) batch->pdata[i])->category)
            g_ptr_array_add(apps, batch->pdata[i]);
    return apps;
}

/* The file a project's 审查表 is written to, by its number: "审查表-03-…". */
static char *review_base(guint number)
{
    g_autofree char *prefix = g_strdup_printf("审查表-%02u-", number);
    g_autofree char *dir = g_build_filename(scratch, "out", NULL);
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    for (guint i = 0; names && i < names->len; i++)
        if (g_str_has_prefix(names->pdata[i], prefix) && g_str_has_suffix(names->pdata[i], ".yaml"))
            return g_strndup(names->pdata[i], strlen(names->pdata[i]) - strlen(".yaml"));
    return NULL;
}

static gboolean check_text(const char *what, const char *have, const char *want)
{
    return tu_check(g_strcmp0(have, want) == 0, "%s is '%s', the application says '%s'", what,
                    have ? have : "(none)", want ? want : "(none)");
}

/* ---- the run ---- */

static void test_exit_and_report(void)
{
    if (!tu_check_exit(run, 0))
        return;
    g_autofree char *path = out_path("检查报告.txt");
    g_autofree char *report = NULL;
    tu_check(g_file_get_contents(path, &report, NULL, NULL) && g_str_equal(report, run->out),
             "检查报告.txt holds what compile printed");
    for (guint i = 0; i < batch->len; i++) {
        const CuApplication *a = batch->pdata[i];
        g_autofree char *line = g_strdup_printf("[valid] in/%s\n", a->file);
        tu_check(strstr(run->out, line) != NULL, "the report says %s is valid:\n%s", a->file, run->out);
    }
    tu_check(strstr(run->out, "16 applications: 16 valid, 0 invalid, 0 invalidated") != NULL
             && strstr(run->out, "推荐汇总表 of 14 projects and 14 审查表") != NULL
             && strstr(run->out, "申请表 of 2 projects") != NULL,
             "the report ends with a one-line summary:\n%s", run->out);
    tu_check(run->err_len == 0, "no progress is shown when stderr is not a terminal: %s", run->err);
}

static void test_files(void)
{
    g_autofree char *dir = g_build_filename(scratch, "out", NULL);
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func(g_free);
    static const char *const exts[] = { ".yaml", ".pdf", ".docx", ".odt" };
    for (guint i = 0; i < G_N_ELEMENTS(exts); i++) {
        g_ptr_array_add(want, g_strconcat("推荐汇总表", exts[i], NULL));
        g_ptr_array_add(want, g_strconcat("申请表", exts[i], NULL));
    }
    g_ptr_array_add(want, g_strdup("推荐汇总表.xlsx"));
    g_ptr_array_add(want, g_strdup("申请表.xlsx"));
    g_ptr_array_add(want, g_strdup("检查报告.txt"));
    g_ptr_array_add(want, g_strdup(".shenbao-files"));
    for (guint n = 1; n <= 14; n++) {
        g_autofree char *base = review_base(n);
        if (!tu_check(base != NULL, "project %u has a 审查表", n))
            continue;
        for (guint i = 0; i < G_N_ELEMENTS(exts); i++)
            g_ptr_array_add(want, g_strconcat(base, exts[i], NULL));
    }
    g_autofree char *have = tu_names_join(names);
    tu_check(names && names->len == want->len, "out holds %u files, not %u: %s", names ? names->len : 0,
             want->len, have);
    for (guint i = 0; i < want->len; i++)
        tu_check(g_ptr_array_find_with_equal_func(names, want->pdata[i], g_str_equal, NULL),
                 "out lacks %s: %s", (char *) want->pdata[i], have);
}

/* Each row is one application, in the order of the files, every value its own. */
static void test_summary(void)
{
    g_autoptr(GPtrArray) apps = national();
    SbValue *summary = out_load("推荐汇总表.yaml");
    const SbValue *rows = sb_value_lookup(summary, "projects");
    if (!tu_check(sb_value_size(rows) == apps->len, "the summary has %u rows for %u projects",
                  sb_value_size(rows), apps->len)) {
        sb_value_free(summary);
        return;
    }
    for (guint i = 0; i < apps->len; i++) {
        const CuApplication *a = apps->pdata[i];
        const SbValue *row = sb_value_item(rows, i);
        g_autofree char *parts = cu_participants(a->data);
        g_autofree char *what = g_strdup_printf("row %u (%s)", i + 1, a->file);
        check_text(what, cu_text(row, "name"), cu_text(a->data, "project.name"));
        check_text(what, cu_text(row, "lead_enterprise"), cu_text(a->data, "lead_enterprise.name"));
        check_text(what, cu_text(row, "lead_hospital"), cu_text(a->data, "lead_hospital.name"));
        check_text(what, cu_text(row, "participants"), parts);
        check_text(what, cu_text(row, "contact"), cu_text(a->data, "lead_enterprise.contact.name"));
        check_text(what, cu_text(row, "phone"), cu_text(a->data, "lead_enterprise.contact.phone"));
        check_text(what, cu_text(row, "remark"), a->category);
    }
    sb_value_free(summary);
}

/* Both departments' tables name the project as its application does; the opinions are
 * left to fill. */
static void test_reviews(void)
{
    g_autoptr(GPtrArray) apps = national();
    for (guint i = 0; i < apps->len; i++) {
        const CuApplication *a = apps->pdata[i];
        g_autofree char *base = review_base(i + 1);
        g_autofree char *name = g_strconcat(base ? base : "none", ".yaml", NULL);
        SbValue *review = base ? out_load(name) : NULL;
        if (!tu_check(review != NULL, "project %u (%s) has its 审查表", i + 1, a->file))
            continue;
        g_autofree char *parts = cu_participants(a->data);
        static const char *const groups[] = { "industry", "health" };
        for (guint g = 0; g < G_N_ELEMENTS(groups); g++) {
            g_autofree char *what = g_strdup_printf("%s: %s.project", name, groups[g]);
            g_autofree char *p = g_strdup_printf("%s.project.", groups[g]);
            g_autofree char *k_name = g_strconcat(p, "name", NULL), *k_ent = g_strconcat(p, "lead_enterprise", NULL);
            g_autofree char *k_hos = g_strconcat(p, "lead_hospital", NULL), *k_par = g_strconcat(p, "participants", NULL);
            g_autofree char *k_op = g_strdup_printf("%s.opinion", groups[g]);
            check_text(what, cu_text(review, k_name), cu_text(a->data, "project.name"));
            check_text(what, cu_text(review, k_ent), cu_text(a->data, "lead_enterprise.name"));
            check_text(what, cu_text(review, k_hos), cu_text(a->data, "lead_hospital.name"));
            check_text(what, cu_text(review, k_par), parts);
            const SbValue *opinion = sb_value_lookup(review, k_op);
            tu_check(opinion && opinion->kind == SB_VALUE_NULL, "%s: %s is left to fill", name, k_op);
        }
        tu_check(strstr(name, cu_text(a->data, "project.name")) != NULL, "%s is named for its project", name);
        sb_value_free(review);
    }
}

/* The Chongqing applications are the 申请表's projects, lead hospital first, then every
 * participating unit. */
static void test_request(void)
{
    SbValue *request = out_load("申请表.yaml");
    const SbValue *rows = sb_value_lookup(request, "projects");
    guint n = 0;
    for (guint i = 0; i < batch->len; i++) {
        const CuApplication *a = batch->pdata[i];
        if (a->category)
            continue;
        const SbValue *row = sb_value_item(rows, n++);
        g_autofree char *what = g_strdup_printf("申请表 row %u (%s)", n, a->file);
        check_text(what, cu_text(row, "name"), cu_text(a->data, "project.name"));
        check_text(what, cu_text(row, "enterprise.name"), cu_text(a->data, "enterprise.name"));
        check_text(what, cu_text(row, "enterprise.model"), cu_text(a->data, "device.name"));
        check_text(what, cu_text(row, "enterprise.contact"), cu_text(a->data, "enterprise.contact.name"));
        check_text(what, cu_text(row, "lead_hospital.name"), cu_text(a->data, "lead_hospital.name"));
        check_text(what, cu_text(row, "lead_hospital.phone"), cu_text(a->data, "lead_hospital.contact.phone"));
        const SbValue *hospitals = sb_value_lookup(row, "hospitals"), *parts = sb_value_lookup(a->data, "participants");
        tu_check(sb_value_size(hospitals) == sb_value_size(parts), "%s: %u units for %u participants", what,
                 sb_value_size(hospitals), sb_value_size(parts));
        for (guint k = 0; k < sb_value_size(hospitals) && k < sb_value_size(parts); k++)
            check_text(what, cu_text(sb_value_item(hospitals, k), "name"), cu_text(sb_value_item(parts, k), "name"));
    }
    tu_check(sb_value_size(rows) == n, "the 申请表 has %u projects for %u applications", sb_value_size(rows), n);
    sb_value_free(request);
}

/* What the data files say is what the PDFs print. */
static gboolean check_pdf_holds(const char *pdf, const char *what, const char *value)
{
    g_autofree char *path = out_path(pdf), *why = NULL;
    g_autofree char *text = tu_pdftotext(path, TU_TEXT_RAW, &why);
    g_autofree char *folded = text ? tu_fold_pdf_text(text) : NULL, *want = tu_fold(value);
    return tu_check(folded && strstr(folded, want), "%s does not print %s '%s' %s", pdf, what, value,
                    why ? why : "");
}

static void test_pdf_text(void)
{
    if (!tu_require_tool("pdftotext"))
        return;
    g_autoptr(GPtrArray) apps = national();
    static const char *const paths[] = { "project.name", "lead_enterprise.name", "lead_hospital.name",
                                         "lead_enterprise.contact.name", "lead_enterprise.contact.phone" };
    for (guint i = 0; i < apps->len; i++) {
        const CuApplication *a = apps->pdata[i];
        g_autofree char *base = review_base(i + 1);
        g_autofree char *review = g_strconcat(base ? base : "none", ".pdf", NULL);
        const SbValue *parts = sb_value_lookup(a->data, "participants");
        for (guint k = 0; k < G_N_ELEMENTS(paths); k++) {
            check_pdf_holds("推荐汇总表.pdf", paths[k], cu_text(a->data, paths[k]));
            if (k < 3)
                check_pdf_holds(review, paths[k], cu_text(a->data, paths[k]));
        }
        for (guint k = 0; k < sb_value_size(parts); k++) {
            check_pdf_holds("推荐汇总表.pdf", "participant", cu_text(sb_value_item(parts, k), "name"));
            check_pdf_holds(review, "participant", cu_text(sb_value_item(parts, k), "name"));
        }
        check_pdf_holds("推荐汇总表.pdf", "category", a->category);
    }
}

/* ---- the spreadsheets ---- */

/* The cells openpyxl reads, after checking that LibreOffice reads the same ones. */
static JsonObject *sheet_of(const char *xlsx)
{
    if (!g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) || !tu_require_tool("soffice")) {
        tu_skip("/usr/bin/python3 or soffice is missing: the spreadsheet is not read back");
        return NULL;
    }
    g_autofree char *path = out_path(xlsx), *csv_dir = g_build_filename(scratch, "csv", NULL);
    g_autofree char *profile = g_strdup_printf("-env:UserInstallation=file://%s/lo-profile", scratch);
    const char *convert[] = { "soffice", "--headless", profile, "--convert-to",
                              "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", csv_dir, path, NULL };
    TuRunOptions opts = { .timeout_s = 300 };
    g_autoptr(TuResult) lo = tu_run(convert, &opts);
    g_autofree char *stem = g_strndup(xlsx, strlen(xlsx) - strlen(".xlsx"));
    g_autofree char *csv_name = g_strconcat(stem, ".csv", NULL);
    g_autofree char *csv = g_build_filename(csv_dir, csv_name, NULL);
    if (!tu_check(lo->exited && g_file_test(csv, G_FILE_TEST_EXISTS), "LibreOffice cannot open %s: %s", xlsx,
                  lo->err))
        return NULL;
    g_autofree char *script = g_build_filename(tu_source_dir(), "tests", "xlsx_cells.py", NULL);
    const char *read[] = { "/usr/bin/python3", script, path, csv, NULL };
    g_autoptr(TuResult) py = tu_run(read, &opts);
    if (py->exited && py->status != 0 && strstr(py->err, "No module named 'openpyxl'")) {
        tu_skip("python3-openpyxl is not installed");
        return NULL;
    }
    if (!tu_check(py->exited && py->status == 0, "openpyxl and LibreOffice read %s differently: %s", xlsx, py->err))
        return NULL;
    JsonNode *node = json_from_string(py->out, NULL);
    JsonObject *sheet = node ? json_object_ref(json_node_get_object(node)) : NULL;
    if (node)
        json_node_unref(node);
    return sheet;
}

static const char *cell(JsonObject *sheet, guint row, guint col)
{
    JsonArray *rows = json_object_get_array_member(sheet, "cells");
    if (row >= json_array_get_length(rows))
        return NULL;
    JsonArray *r = json_array_get_array_element(rows, row);
    return col < json_array_get_length(r) ? json_array_get_string_element(r, col) : NULL;
}

/* The units a narrow character takes in Excel's widths, a Chinese one two. */
static double units(const char *text)
{
    double u = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        u += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
    return u;
}

/* The title, the header row, one row per project with the summary's values, the note;
 * each column as wide as its text (up to a limit past which the rows wrap and grow). */
static void test_summary_xlsx(void)
{
    JsonObject *sheet = sheet_of("推荐汇总表.xlsx");
    if (!sheet)
        return;
    static const char *const header[] = { "序号", "推广应用项目名称", "牵头医疗装备生产企业", "牵头医疗机构",
                                          "参与单位", "申报主体联系人", "联系电话", "备注" };
    static const char *const keys[] = { NULL, "name", "lead_enterprise", "lead_hospital", "participants",
                                        "contact", "phone", "remark" };
    tu_check(g_strcmp0(cell(sheet, 1, 0), "高端医疗装备推广应用项目推荐汇总表") == 0, "the title is on row 2");
    for (guint c = 0; c < G_N_ELEMENTS(header); c++)
        tu_check(g_strcmp0(cell(sheet, 2, c), header[c]) == 0, "header %u is '%s', not '%s'", c + 1,
                 cell(sheet, 2, c), header[c]);
    SbValue *summary = out_load("推荐汇总表.yaml");
    const SbValue *rows = sb_value_lookup(summary, "projects");
    JsonArray *widths = json_object_get_array_member(sheet, "widths");
    JsonArray *heights = json_object_get_array_member(sheet, "heights");
    for (guint i = 0; i < sb_value_size(rows); i++)
        for (guint c = 0; c < G_N_ELEMENTS(keys); c++) {
            g_autofree char *number = g_strdup_printf("%u", i + 1);
            const char *want = keys[c] ? cu_text(sb_value_item(rows, i), keys[c]) : number;
            const char *have = cell(sheet, 3 + i, c);
            tu_check(g_strcmp0(have, want) == 0, "row %u column %u is '%s', not '%s'", i + 1, c + 1, have, want);
            double width = json_array_get_double_element(widths, c), need = have ? units(have) : 0;
            double lines = ceil(need / (width - 1)), height = json_array_get_double_element(heights, 3 + i);
            tu_check(width >= MIN(need, 40), "column %u (%.1f) is narrower than '%s'", c + 1, width, have);
            tu_check(height >= lines * 13, "row %u (%.1f pt) is too low for %.0f lines of '%s'", i + 4, height,
                     lines, have);
        }
    tu_check(g_strcmp0(cell(sheet, 3 + sb_value_size(rows), 0), "注：本表由地方工业和信息化主管部门统一填报") == 0,
             "the note follows the projects");
    tu_check(g_strcmp0(json_object_get_string_member(sheet, "repeat"), "$3:$3") == 0,
             "the header row is printed on every page");
    sb_value_free(summary);
    json_object_unref(sheet);
}

/* The 申请表's two header rows and each project's cells merged over its hospitals. */
static void test_request_xlsx(void)
{
    JsonObject *sheet = sheet_of("申请表.xlsx");
    if (!sheet)
        return;
    JsonArray *merged = json_object_get_array_member(sheet, "merged");
    gboolean spans = FALSE, header = FALSE;
    for (guint i = 0; i < json_array_get_length(merged); i++) {
        spans = spans || g_str_equal(json_array_get_string_element(merged, i), "B5:B10");
        header = header || g_str_equal(json_array_get_string_element(merged, i), "C3:F3");
    }
    tu_check(spans && header, "the project's name spans its 6 rows and 牵头企业 its 4 columns");
    tu_check(g_strcmp0(cell(sheet, 4, 9), "牵头") == 0 && g_strcmp0(cell(sheet, 5, 9), "参与") == 0,
             "备注 marks the lead and the participating units");
    json_object_unref(sheet);
}

/* Both workbooks pass Microsoft's Open XML SDK validator. */
static void test_xlsx_valid(void)
{
    g_autofree char *validator = tu_ooxml_validator();
    static const char *const books[] = { "推荐汇总表.xlsx", "申请表.xlsx" };
    for (guint i = 0; validator && i < G_N_ELEMENTS(books); i++) {
        g_autofree char *path = out_path(books[i]);
        const char *argv[] = { validator, path, NULL };
        g_autoptr(TuResult) r = tu_run(argv, NULL);
        /* the validator exits 0 whatever it finds: its verdict is in what it prints */
        tu_check(r->exited && (strstr(r->out, "\"ok\": true") || strstr(r->out, "\"ok\":true")),
                 "the Open XML SDK validator rejects %s:\n%s", books[i], r->out);
    }
}

/* ---- again, and by hand ---- */

/* A second run into the same folder replaces every file with the same bytes. */
static void test_rerun_same_bytes(void)
{
    g_autofree char *out = g_build_filename(scratch, "out", NULL);
    g_autofree char *first = g_build_filename(scratch, "first", NULL);
    g_autoptr(GPtrArray) names = tu_dir_names(out);
    g_mkdir(first, 0700);
    for (guint i = 0; names && i < names->len; i++) {
        g_autofree char *a = g_build_filename(out, names->pdata[i], NULL), *b = g_build_filename(first, names->pdata[i], NULL);
        tu_copy_file(a, b);
    }
    TuRunOptions opts = { .cwd = scratch, .timeout_s = 600 };
    g_autoptr(TuResult) again = tu_shenbao(&opts, "compile", "in", "-o", "out", NULL);
    if (!tu_check_exit(again, 0))
        return;
    g_autoptr(GPtrArray) now = tu_dir_names(out);
    tu_check(now && names && now->len == names->len, "the second run writes the same files");
    for (guint i = 0; names && i < names->len; i++) {
        g_autofree char *a = g_build_filename(out, names->pdata[i], NULL), *b = g_build_filename(first, names->pdata[i], NULL);
        g_autofree char *why = NULL;
        tu_check(tu_files_equal(a, b, &why), "%s differs from the first run's: %s", (char *) names->pdata[i], why);
    }
    tu_rm_rf(first);
}

/* The compiled data files are forms' data like any other: check passes them, and
 * rendering one by hand gives the documents compile wrote. */
static void test_by_hand(void)
{
    TuRunOptions opts = { .cwd = scratch, .timeout_s = 300 };
    g_autofree char *review = review_base(3);
    g_autofree char *review_yaml = g_strdup_printf("out/%s.yaml", review);
    g_autoptr(TuResult) check = tu_shenbao(&opts, "check", "--strict", "out/推荐汇总表.yaml", "out/申请表.yaml",
                                           review_yaml, NULL);
    tu_check_exit(check, 0);
    g_autoptr(TuResult) render = tu_shenbao(&opts, "render", "out/推荐汇总表.yaml", review_yaml, "-o", "hand", NULL);
    if (!tu_check_exit(render, 0))
        return;
    g_autofree char *review_pdf = g_strdup_printf("%s.pdf", review), *review_docx = g_strdup_printf("%s.docx", review);
    const char *const names[] = { "推荐汇总表.pdf", "推荐汇总表.docx", "推荐汇总表.odt", review_pdf, review_docx };
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *a = out_path(names[i]), *b = g_build_filename(scratch, "hand", names[i], NULL);
        g_autofree char *why = NULL;
        tu_check(tu_files_equal(a, b, &why), "%s rendered by hand differs from the compiled one: %s", names[i], why);
    }
}

/* An applicant types into the DOCX in LibreOffice and saves it as DOCX again: the file
 * compile gets is LibreOffice's, not shenbao's.  Without soffice the batch keeps the
 * file shenbao wrote, and says so. */
static void resave_in_libreoffice(const char *in, const char *name)
{
    g_autofree char *soffice = g_find_program_in_path("soffice");
    if (!soffice) {
        g_printerr("soffice is missing: %s is compiled as shenbao wrote it\n", name);
        return;
    }
    g_autofree char *path = g_build_filename(in, name, NULL), *dir = g_build_filename(scratch, "resaved", NULL);
    g_autofree char *profile = g_strdup_printf("-env:UserInstallation=file://%s/lo-profile", scratch);
    const char *argv[] = { soffice, "--headless", profile, "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir,
                           path, NULL };
    TuRunOptions opts = { .timeout_s = 300 };
    g_autoptr(TuResult) r = tu_run(argv, &opts);
    g_autofree char *resaved = g_build_filename(dir, name, NULL);
    if (!r->exited || !g_file_test(resaved, G_FILE_TEST_EXISTS) || g_rename(resaved, path) != 0)
        g_error("LibreOffice could not re-save %s: %s", name, r->err);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    batch = cu_batch_load();
    scratch = tu_tmpdir_new();
    g_autofree char *in = g_build_filename(scratch, "in", NULL);
    g_mkdir(in, 0700);
    if (!batch || !cu_write_all(batch, in))
        g_error("the batch could not be written into %s", in);
    resave_in_libreoffice(in, cu_find(batch, "06-")->file);
    TuRunOptions opts = { .cwd = scratch, .timeout_s = 600 };
    run = tu_shenbao(&opts, "compile", "in", "-o", "out", NULL);

    g_test_add_func("/compile/batch/exit-and-report", test_exit_and_report);
    g_test_add_func("/compile/batch/files", test_files);
    g_test_add_func("/compile/batch/summary", test_summary);
    g_test_add_func("/compile/batch/reviews", test_reviews);
    g_test_add_func("/compile/batch/request", test_request);
    g_test_add_func("/compile/batch/pdf-text", test_pdf_text);
    g_test_add_func("/compile/batch/summary-xlsx", test_summary_xlsx);
    g_test_add_func("/compile/batch/request-xlsx", test_request_xlsx);
    g_test_add_func("/compile/batch/xlsx-valid", test_xlsx_valid);
    g_test_add_func("/compile/batch/by-hand", test_by_hand);
    g_test_add_func("/compile/batch/rerun-same-bytes", test_rerun_same_bytes);
    int status = g_test_run();
    tu_result_free(run);
    tu_rm_rf(scratch);
    g_free(scratch);
    g_ptr_array_unref(batch);
    return status;
}
