/* Every form of the catalog in every format: the blank form carries every label of its
 * definition (PDF, DOCX and ODT), the form's sample checks clean and every value of it is
 * in the rendered PDF, DOCX and ODT; typed values print in their official style. */
#include "packageutil.h"
#include "shenbao/shenbao.h"
#include "testutil.h"

#include <libxml/parser.h>
#include <string.h>

static SbCatalog *catalog;
static char *out_dir;

/* The text of one XML part of a package, all its text nodes concatenated. */
static char *package_text(const char *file, const char *part)
{
    xmlDoc *doc = tu_package_xml(file, part);
    xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));
    char *copy = g_strdup((const char *)text);
    xmlFree(text);
    xmlFreeDoc(doc);
    return copy;
}

/* The folded text of a written file, by its format. */
static char *folded_text(const char *file)
{
    char *text = NULL, *why = NULL;
    if (g_str_has_suffix(file, ".pdf"))
        text = tu_pdftotext(file, TU_TEXT_RAW, &why);
    else if (g_str_has_suffix(file, ".docx"))
        text = package_text(file, "word/document.xml");
    else
        text = package_text(file, "content.xml");
    if (!text)
        g_error("%s: %s", file, why);
    char *folded = tu_fold_pdf_text(text);
    g_free(text);
    return folded;
}

static char *written(const char *sub, const char *base, const char *ext)
{
    char *name = g_strconcat(base, ext, NULL);
    char *path = g_build_filename(out_dir, sub, name, NULL);
    g_free(name);
    return path;
}

static void expect_all(const char *file, GPtrArray *needles, const char *what)
{
    char *folded = folded_text(file);
    guint missing = 0;
    for (guint i = 0; i < needles->len; i++)
        if (!strstr(folded, needles->pdata[i])) {
            g_test_message("%s lacks %s \"%s\"", file, what, (char *)needles->pdata[i]);
            missing++;
        }
    if (missing)
        g_error("%s: %u %s missing (see the messages above)", file, missing, what);
    g_free(folded);
}

static void test_blank_labels(gconstpointer data)
{
    const SbFormInfo *info = data;
    char *template = g_strdup_printf("%s/templates/%s/%s.xml", tu_source_dir(), info->edition, info->id);
    xmlDoc *doc = tu_xml_load(template);
    g_assert_nonnull(doc);
    GPtrArray *labels = tu_template_labels(doc, FALSE);
    g_assert_cmpuint(labels->len, >, 10);
    char *sub = g_strconcat("blank-", info->id, NULL);
    char *dir = g_build_filename(out_dir, sub, NULL);
    TuResult *r = tu_shenbao(NULL, "blank", info->id, "-o", dir, NULL);
    g_assert_true(tu_check_exit(r, 0));
    static const char *const exts[] = {".pdf", ".docx", ".odt"};
    for (guint i = 0; i < G_N_ELEMENTS(exts); i++) {
        char *file = written(sub, info->id, exts[i]);
        expect_all(file, labels, "labels");
        g_free(file);
    }
    tu_result_free(r);
    g_free(dir), g_free(sub);
    g_ptr_array_unref(labels);
    xmlFreeDoc(doc);
    g_free(template);
}

static GPtrArray *sample_values(const char *sample)
{
    char *why = NULL;
    GPtrArray *scalars = tu_yaml_scalars(sample, &why);
    g_assert_nonnull(scalars);
    GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < scalars->len; i++) {
        const TuScalar *s = scalars->pdata[i];
        if (strcmp(s->path, "form") != 0)
            tu_add_folded(values, s->text);
    }
    g_ptr_array_unref(scalars);
    return values;
}

static void test_sample_values(gconstpointer data)
{
    const SbFormInfo *info = data;
    char *sample = g_strdup_printf("%s/samples/%s.yaml", tu_source_dir(), info->id);
    g_assert_true(g_file_test(sample, G_FILE_TEST_IS_REGULAR));
    char *sub = g_strconcat("sample-", info->id, NULL);
    char *dir = g_build_filename(out_dir, sub, NULL);
    TuResult *r = tu_shenbao(NULL, "render", sample, "--strict", "-o", dir, NULL);
    g_assert_true(tu_check_exit(r, 0));
    GPtrArray *values = sample_values(sample);
    g_assert_cmpuint(values->len, >, 5);
    static const char *const exts[] = {".pdf", ".docx", ".odt"};
    for (guint i = 0; i < G_N_ELEMENTS(exts); i++) {
        char *file = written(sub, info->id, exts[i]);
        expect_all(file, values, "values");
        g_free(file);
    }
    g_ptr_array_unref(values);
    tu_result_free(r);
    g_free(dir), g_free(sub), g_free(sample);
}

/* Typed values as people write them print in the one official style in every format:
 * tests/data/typed holds samples so written, with what each must show and must not. */
typedef struct {
    const char *form;
    const char *const *printed;   /* NULL-terminated */
    const char *const *typed;     /* as written, never shown */
} TypedCase;

static const char *const application_printed[] = {
    "2025年10月20日", "1976年5月", "1972年9月", "0513-85126688", "13951206837", "0513-85126690",
    "0513-85126701", "13805130276", "0513-83718266", "0513-86627015转801", "0513-83284102转12",
    "比例：32.56%出资形式", "128650.42", "312480.55", "91320594MA1N7K2Q8D", "320102197605120318",
    "46600123-2", "46600911-1", "4300", NULL,
};
static const char *const application_typed[] = {
    "2025/10/20", "1976.05", "1972年09月", "139-5120", "8512-6688", "０５１３", "+86", "(0513)",
    "32.56%%", "128,650.42", "３１２４８０", "ma1n7k2q8d", "466001232", "4,300", "83284102-12",
    "38.62%", NULL,
};
static const char *const cq_printed[] = {
    "2026年7月1日", "2029年6月30日", "2026年5月18日", "2016年3月22日", "2023年", "2024年",
    "renhr@ygmed.cn", "3260", "023-68297315", "13883527416", NULL,
};
static const char *const cq_typed[] = {
    "2026.7.1", "２０２９", "2026/05/18", "2016年03月", "2023年年", "２０２４", "ｒｅｎｈｒ",
    "3,260", "+86", "138-8352", NULL,
};
static const TypedCase typed_cases[] = {
    { "miit-2025-application", application_printed, application_typed },
    { "cq-2025-application", cq_printed, cq_typed },
};

static void test_typed_values(gconstpointer data)
{
    const TypedCase *c = data;
    char *name = g_strconcat(c->form, ".yaml", NULL);
    char *file = g_build_filename(tu_source_dir(), "tests", "data", "typed", name, NULL);
    char *sub = g_strconcat("typed-", c->form, NULL);
    char *dir = g_build_filename(out_dir, sub, NULL);
    TuResult *r = tu_shenbao(NULL, "render", file, "--strict", "-o", dir, NULL);
    g_assert_true(tu_check_exit(r, 0));
    GPtrArray *wanted = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; c->printed[i]; i++)
        tu_add_folded(wanted, c->printed[i]);
    static const char *const exts[] = {".pdf", ".docx", ".odt"};
    for (guint i = 0; i < G_N_ELEMENTS(exts); i++) {
        char *out = written(sub, c->form, exts[i]);
        expect_all(out, wanted, "values in the official style");
        char *folded = folded_text(out);
        for (guint k = 0; c->typed[k]; k++) {
            char *t = tu_fold(c->typed[k]);
            if (strstr(folded, t))
                g_error("%s still shows \"%s\" as it was typed", out, c->typed[k]);
            g_free(t);
        }
        g_free(folded);
        g_free(out);
    }
    g_ptr_array_unref(wanted);
    tu_result_free(r);
    g_free(dir), g_free(sub), g_free(file), g_free(name);
}

/* The XML of one part of a package, as text. */
static char *package_xml(const char *file, const char *part)
{
    xmlDoc *doc = tu_package_xml(file, part);
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpMemory(doc, &mem, &len);
    char *copy = g_strndup((const char *)mem, (gsize)len);
    xmlFree(mem);
    xmlFreeDoc(doc);
    return copy;
}

/* A wide table's form (the 推荐汇总表) lies on its side in every format: the PDF's pages,
 * the DOCX's section, the ODT's master page; an upright form (the 审查表) does not. */
static void test_landscape(void)
{
    char *dir = g_build_filename(out_dir, "landscape", NULL);
    TuResult *r = tu_shenbao(NULL, "blank", "miit-2025-summary", "-o", dir, NULL);
    g_assert_true(tu_check_exit(r, 0));
    tu_result_free(r);
    r = tu_shenbao(NULL, "blank", "miit-2025-review", "-o", dir, NULL);
    g_assert_true(tu_check_exit(r, 0));
    tu_result_free(r);
    static const char *const forms[] = {"miit-2025-summary", "miit-2025-review"};
    for (guint i = 0; i < G_N_ELEMENTS(forms); i++) {
        gboolean wide = i == 0;
        char *base = g_build_filename(dir, forms[i], NULL);
        char *pdf = g_strconcat(base, ".pdf", NULL), *docx = g_strconcat(base, ".docx", NULL);
        char *odt = g_strconcat(base, ".odt", NULL), *bytes = NULL;
        gsize len = 0;
        g_assert_true(g_file_get_contents(pdf, &bytes, &len, NULL));
        const char *on_side = "/MediaBox [ 0 0 841.8", *upright = "/MediaBox [ 0 0 595.2";
        g_assert_true(memmem(bytes, len, wide ? on_side : upright, 20) != NULL);   /* binary: no strstr */
        g_assert_null(memmem(bytes, len, wide ? upright : on_side, 20));
        char *document = package_xml(docx, "word/document.xml");
        g_assert_cmpint(strstr(document, "w:orient=\"landscape\"") != NULL, ==, wide);
        char *styles = package_xml(odt, "styles.xml"), *content = package_xml(odt, "content.xml");
        g_assert_cmpint(strstr(styles, "style:print-orientation=\"landscape\"") != NULL, ==, wide);
        g_assert_cmpint(strstr(content, "style:master-page-name=\"Landscape\"") != NULL, ==, wide);
        g_free(document), g_free(styles), g_free(content), g_free(bytes);
        g_free(base), g_free(pdf), g_free(docx), g_free(odt);
    }
    g_free(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    GError *error = NULL;
    catalog = sb_catalog_open(g_getenv("SHENBAO_DATADIR"), &error);
    g_assert_no_error(error);
    g_assert_cmpuint(sb_catalog_size(catalog), ==, 9);   /* the nine forms of FORMS.md */
    out_dir = tu_tmpdir_new();
    for (guint i = 0; i < sb_catalog_size(catalog); i++) {
        const SbFormInfo *info = sb_catalog_info(catalog, i);
        char *blank = g_strconcat("/forms/", info->id, "/blank-labels", NULL);
        char *sample = g_strconcat("/forms/", info->id, "/sample-values", NULL);
        g_test_add_data_func(blank, info, test_blank_labels);
        g_test_add_data_func(sample, info, test_sample_values);
        g_free(blank), g_free(sample);
    }
    for (guint i = 0; i < G_N_ELEMENTS(typed_cases); i++) {
        char *path = g_strconcat("/forms/", typed_cases[i].form, "/typed-values", NULL);
        g_test_add_data_func(path, &typed_cases[i], test_typed_values);
        g_free(path);
    }
    g_test_add_func("/forms/landscape", test_landscape);
    int rc = g_test_run();
    tu_rm_rf(out_dir);
    g_free(out_dir);
    sb_catalog_free(catalog);
    return rc;
}
