/* Loading form definitions: broken ones are refused with file:line, good ones index
 * their fields and bind into the expected tree. */
#include "bind.h"
#include "data.h"
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

static const char *const computed_form =
    HEAD
    "<page>\n"
    "<table widths='40 40 40 36'>\n"
    " <group path='hospital'>\n"
    "  <row><cell>名称</cell><cell colspan='3'><field path='name' label='名称'/></cell></row>\n"
    " </group>\n"
    " <repeat path='clinical' label='临床情况' blank='2'>\n"
    "  <row><cell><field path='unit' label='医疗机构'/></cell><cell><field path='total' label='总数' type='integer'/></cell>"
    "<cell><field path='inside' label='联合体内' type='integer'/></cell>"
    "<cell><compute op='percent' of='inside' over='total'/></cell></row>\n"
    " </repeat>\n"
    " <row><cell>合计</cell><cell><compute op='sum' of='clinical[].total'/></cell>"
    "<cell><compute op='sum' of='clinical[].inside'/></cell>"
    "<cell><compute op='percent' of='clinical[].inside' over='clinical[].total' digits='2'/></cell></row>\n"
    " <row><cell>单位数</cell><cell colspan='3'><compute op='count' of='clinical'/></cell></row>\n"
    "</table>\n"
    "</page>\n"
    "</form>\n";

static const char *const computed_data =
    "form: t\n"
    "hospital:\n  name: 江东省人民医院\n"
    "clinical:\n"
    "  - {unit: 甲院, total: 8, inside: 6}\n"
    "  - {unit: 乙院, total: 4, inside: 1}\n"
    "  - {unit: 丙院, total: 0, inside: 0}\n";

/* The texts of a table's rows, cells separated by '|'. */
static GPtrArray *row_texts(const SbNode *table)
{
    GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
    for (const SbNode *r = table->first_child; r; r = r->next) {
        GString *line = g_string_new(NULL);
        for (const SbNode *c = r->first_child; c; c = c->next) {
            char *t = sb_node_text(c);
            g_string_append_printf(line, "%s%s", c == r->first_child ? "" : "|", t);
            g_free(t);
        }
        g_ptr_array_add(rows, g_string_free(line, FALSE));
    }
    return rows;
}

static void test_group_and_compute(void)
{
    char *path = write_form("computed.xml", computed_form);
    char *data_path = write_form("computed.yaml", computed_data);
    GError *error = NULL;
    SbForm *form = sb_form_load(path, rng_file, &error);
    g_assert_no_error(error);
    g_assert_nonnull(sb_form_field(form, "hospital.name"));
    g_assert_nonnull(sb_form_field(form, "clinical[].inside"));
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = sb_data_load(data_path, diags);
    g_assert_nonnull(data);
    g_assert_true(sb_check(form, data, diags));
    SbDocument *doc = sb_bind(form, data);
    GPtrArray *rows = row_texts(doc->root->first_child->first_child);
    g_assert_cmpuint(rows->len, ==, 6);
    g_assert_cmpstr(rows->pdata[0], ==, "名称|江东省人民医院");
    g_assert_cmpstr(rows->pdata[1], ==, "甲院|8|6|75.0%");
    g_assert_cmpstr(rows->pdata[2], ==, "乙院|4|1|25.0%");
    g_assert_cmpstr(rows->pdata[3], ==, "丙院|0|0|");   /* no share of nothing */
    g_assert_cmpstr(rows->pdata[4], ==, "合计|12|7|58.33%");
    g_assert_cmpstr(rows->pdata[5], ==, "单位数|3");
    g_ptr_array_unref(rows);
    sb_document_free(doc);
    /* blank: two empty rows, and nothing computed */
    doc = sb_bind(form, NULL);
    rows = row_texts(doc->root->first_child->first_child);
    g_assert_cmpuint(rows->len, ==, 5);
    g_assert_cmpstr(rows->pdata[3], ==, "合计|||");
    g_ptr_array_unref(rows);
    sb_document_free(doc);
    sb_data_free(data);
    sb_diagnostics_free(diags);
    sb_form_free(form);
    g_free(data_path);
    g_free(path);
}

static const char *const span_form =
    HEAD
    "<page>\n"
    "<table widths='30 126'>\n"
    " <repeat path='holders' label='股东' blank='3'>\n"
    "  <row><cell rowspan='all'>主要股东</cell><cell><counter/>：<field path='name' label='名称'/></cell></row>\n"
    " </repeat>\n"
    " <row><cell>其后</cell><cell>一行</cell></row>\n"
    "</table>\n"
    "</page>\n"
    "</form>\n";

/* rowspan="all" spans the rows the repeat makes, however many there are. */
static void expect_span(SbForm *form, const char *yaml, int rows, int span)
{
    SbData *data = NULL;
    SbDiagnostics *diags = sb_diagnostics_new();
    if (yaml) {
        char *path = write_form("span.yaml", yaml);
        data = sb_data_load(path, diags);
        g_assert_nonnull(data);
        g_free(path);
    }
    SbDocument *doc = sb_bind(form, data);
    SbNode *table = doc->root->first_child->first_child;
    SbNode *first = table->first_child;
    g_assert_cmpint(first->first_child->as.cell.rowspan, ==, span);
    int n = 0;
    for (SbNode *r = first; r; r = r->next, n++)
        if (n > 0 && n < rows)   /* the repeat's later rows leave column 0 to the span */
            g_assert_cmpint(r->first_child->as.cell.col, ==, 1);
    g_assert_cmpint(n, ==, rows + 1);
    g_assert_cmpint(table->last_child->first_child->as.cell.col, ==, 0);
    sb_document_free(doc);
    sb_data_free(data);
    sb_diagnostics_free(diags);
}

static void test_rowspan_all(void)
{
    char *path = write_form("span.xml", span_form);
    GError *error = NULL;
    SbForm *form = sb_form_load(path, rng_file, &error);
    g_assert_no_error(error);
    expect_span(form, NULL, 3, 3);                                      /* blank: blank='3' */
    expect_span(form, "form: t\nholders:\n  - name: 甲\n  - name: 乙\n", 2, 2);
    expect_span(form, "form: t\nholders: []\n", 1, 1);                 /* filled, no items */
    sb_form_free(form);
    g_free(path);
}

static const char *const item_form =
    HEAD
    "<page>\n"
    "<table widths='30 60 66'>\n"
    " <repeat path='projects' label='项目' blank='2'>\n"
    "  <row><cell rowspan='item'><field path='name' label='项目'/></cell><cell>牵头</cell>"
    "<cell><field path='lead' label='牵头单位'/></cell></row>\n"
    "  <repeat path='members' label='参与单位' blank='1'>\n"
    "   <row><cell>参与</cell><cell><field path='name' label='参与单位'/></cell></row>\n"
    "  </repeat>\n"
    " </repeat>\n"
    "</table>\n"
    "</page>\n"
    "</form>\n";

/* rowspan="item" spans the rows of its own item, nested repeats included. */
static void test_rowspan_item(void)
{
    char *path = write_form("item.xml", item_form);
    char *data_path = write_form("item.yaml", "form: t\nprojects:\n"
                                 "  - {name: 甲, lead: 甲院, members: [{name: 乙院}, {name: 丙院}]}\n"
                                 "  - {name: 丁, lead: 丁院}\n");
    GError *error = NULL;
    SbForm *form = sb_form_load(path, rng_file, &error);
    g_assert_no_error(error);
    SbDiagnostics *diags = sb_diagnostics_new();
    SbData *data = sb_data_load(data_path, diags);
    g_assert_nonnull(data);
    SbDocument *doc = sb_bind(form, data);
    SbNode *table = doc->root->first_child->first_child;
    GPtrArray *rows = row_texts(table);
    /* 甲: its row and two members; 丁: its row and the one empty member row a filled
     * form keeps */
    g_assert_cmpuint(rows->len, ==, 5);
    g_assert_cmpint(table->first_child->first_child->as.cell.rowspan, ==, 3);
    g_assert_cmpint(table->first_child->next->first_child->as.cell.col, ==, 1);
    g_assert_cmpint(table->first_child->next->next->next->first_child->as.cell.rowspan, ==, 2);
    g_assert_cmpstr(rows->pdata[3], ==, "丁|牵头|丁院");
    g_ptr_array_unref(rows);
    sb_document_free(doc);
    sb_data_free(data);
    sb_diagnostics_free(diags);
    sb_form_free(form);
    g_free(data_path);
    g_free(path);
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
    g_test_add_func("/form/group-and-compute", test_group_and_compute);
    g_test_add_func("/form/rowspan-all", test_rowspan_all);
    g_test_add_func("/form/rowspan-item", test_rowspan_item);
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
