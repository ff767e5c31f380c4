/* Every form of the catalog in every format: the blank form carries every label of its
 * definition (PDF, DOCX and ODT), the form's sample checks clean and every value of it is
 * in the rendered PDF, DOCX and ODT. */
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
    int rc = g_test_run();
    tu_rm_rf(out_dir);
    g_free(out_dir);
    sb_catalog_free(catalog);
    return rc;
}
