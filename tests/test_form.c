/* Loading form definitions: broken ones are refused with file:line, good ones index
 * their fields and bind into the expected tree. */
#include "bind.h"
#include "form.h"

#include <glib/gstdio.h>
#include <string.h>

static char *rng_file;
static char *tmp_dir;

static char *write_form(const char *name, const char *xml)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    g_assert_true(g_file_set_contents(path, xml, -1, NULL));
    return path;
}

/* Loading must fail with a message naming file:line. */
static void expect_error(const char *name, const char *xml, int line, const char *words)
{
    char *path = write_form(name, xml);
    GError *error = NULL;
    SbForm *form = sb_form_load(path, rng_file, &error);
    g_assert_null(form);
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_FORM);
    char *where = g_strdup_printf("%s:%d:", path, line);
    if (!strstr(error->message, where) || !strstr(error->message, words))
        g_error("expected '%s' and '%s' in: %s", where, words, error->message);
    g_free(where);
    g_error_free(error);
    g_free(path);
}

#define HEAD "<form xmlns='urn:shenbao:form:1' id='t' edition='2025' title='测试' source='测试'>\n"

static void test_not_well_formed(void)
{
    expect_error("broken.xml", HEAD "<page>\n<p>正文</page>\n</form>\n", 3, "mismatch");
}

static void test_unknown_element(void)
{
    expect_error("unknown.xml", HEAD "<page>\n<p>正文</p>\n<paragraph>错</paragraph>\n</page>\n</form>\n", 4,
                 "paragraph");
}

static void test_missing_attribute(void)
{
    expect_error("noattr.xml", HEAD "<page>\n<p><field path='a.b'/></p>\n</page>\n</form>\n", 3, "field");
}

static void test_duplicate_path(void)
{
    expect_error("dup.xml", HEAD "<page>\n<p><field path='a' label='甲'/></p>\n<p><field path='a' label='乙'/></p>\n"
                 "</page>\n</form>\n", 4, "used twice");
}

static void test_missing_include(void)
{
    expect_error("incl.xml", "<form xmlns='urn:shenbao:form:1' xmlns:xi='http://www.w3.org/2001/XInclude' "
                 "id='t' edition='2025' title='测试' source='测试'>\n<page>\n<xi:include href='nowhere.xml'/>\n"
                 "</page>\n</form>\n", 3, "nowhere.xml");
}

static const char *const good_form =
    HEAD
    "<page>\n"
    "<table widths='20 20 20 20'>\n"
    " <row><cell rowspan='2'>甲</cell><cell colspan='2'>乙</cell><cell><field path='x' label='丙' type='phone'/></cell></row>\n"
    " <row><cell>丁</cell><cell><checks path='kind' label='性质'><option>一</option><option>二</option></checks></cell>"
    "<cell>戊</cell></row>\n"
    " <repeat path='items' label='条目' max='3' blank='2'>\n"
    "  <row><cell><counter/></cell><cell colspan='3'><field path='name' label='名称' max='10'/></cell></row>\n"
    " </repeat>\n"
    "</table>\n"
    "</page>\n"
    "</form>\n";

static SbForm *load_good(void)
{
    char *path = write_form("good.xml", good_form);
    GError *error = NULL;
    SbForm *form = sb_form_load(path, rng_file, &error);
    g_assert_no_error(error);
    g_free(path);
    return form;
}

static void test_index(void)
{
    SbForm *form = load_good();
    g_assert_cmpuint(form->fields->len, ==, 3);
    const SbFieldDef *x = sb_form_field(form, "x");
    g_assert_nonnull(x);
    g_assert_cmpint(x->type, ==, SB_FIELD_PHONE);
    const SbFieldDef *kind = sb_form_field(form, "kind");
    g_assert_cmpint(kind->type, ==, SB_FIELD_CHOICE);
    g_assert_cmpuint(kind->options->len, ==, 2);
    const SbFieldDef *name = sb_form_field(form, "items[].name");
    g_assert_nonnull(name);
    g_assert_cmpint(name->max_chars, ==, 10);
    g_assert_nonnull(name->repeat);
    g_assert_cmpint(name->repeat->max, ==, 3);
    sb_form_free(form);
}

/* Grid columns come out right around row spans; a blank form shows `blank` rows. */
static void test_bind_blank_grid(void)
{
    SbForm *form = load_good();
    SbDocument *doc = sb_bind(form, NULL);
    SbNode *table = doc->root->first_child->first_child;
    g_assert_cmpint(table->type, ==, SB_NODE_TABLE);
    SbNode *row2 = table->first_child->next;
    g_assert_cmpint(row2->first_child->as.cell.col, ==, 1);   /* column 0 is covered */
    g_assert_cmpint(row2->last_child->as.cell.col, ==, 3);
    int rows = 0;
    for (SbNode *r = table->first_child; r; r = r->next)
        rows++;
    g_assert_cmpint(rows, ==, 4);
    char *counter = sb_node_text(table->last_child->first_child);
    g_assert_cmpstr(counter, ==, "2");
    g_free(counter);
    sb_document_free(doc);
    sb_form_free(form);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    rng_file = g_build_filename(g_getenv("SHENBAO_DATADIR"), "templates", "form.rng", NULL);
    tmp_dir = g_dir_make_tmp("shenbao-form-XXXXXX", NULL);
    g_test_add_func("/form/error/not-well-formed", test_not_well_formed);
    g_test_add_func("/form/error/unknown-element", test_unknown_element);
    g_test_add_func("/form/error/missing-attribute", test_missing_attribute);
    g_test_add_func("/form/error/duplicate-path", test_duplicate_path);
    g_test_add_func("/form/error/missing-include", test_missing_include);
    g_test_add_func("/form/index", test_index);
    g_test_add_func("/form/bind-blank-grid", test_bind_blank_grid);
    int rc = g_test_run();
    GDir *d = g_dir_open(tmp_dir, 0, NULL);
    const char *n;
    while ((n = g_dir_read_name(d))) {
        char *p = g_build_filename(tmp_dir, n, NULL);
        g_remove(p);
        g_free(p);
    }
    g_dir_close(d);
    g_rmdir(tmp_dir);
    return rc;
}
