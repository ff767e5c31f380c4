/* The DOCX writer and reader, through the real pipeline: the 2025 申报书 template bound
 * to its sample and to no data, written, checked against the ECMA-376 schemas, parsed
 * back, and read back — also after LibreOffice has re-saved it, where LibreOffice is
 * installed.  Bad packages are refused. */
#include "packageutil.h"
#include "testutil.h"
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdarg.h>
#include <string.h>

#include "data.h"
#include "doc.h"
#include "extract.h"
#include "sb_zip.h"
#include "shenbao/shenbao.h"

#define FORM_ID "miit-2025-application"
#define TYPE_WIDTH 8844

static const char *const xml_parts[] = {
    "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
    "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
    "word/footer2.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml",
};

/* Written once in main: the sample and the blank template. */
static struct {
    char *dir;
    SbCatalog *catalog;
    SbForm *form;
    SbData *data;
    SbDocument *sample, *blank;
    char *sample_docx, *blank_docx;
} w;

/* ---- helpers ---- */

static char *temp_path(const char *name)
{
    return g_build_filename(w.dir, name, NULL);
}

/* The fields of a DOCX, or NULL with the reason in *error. */
static GPtrArray *read_fields(const char *path, char **form_id, GError **error)
{
    SbZipReader *zip = sb_zip_reader_open(path, error);
    if (!zip)
        return NULL;
    GPtrArray *fields = g_ptr_array_new_with_free_func(sb_extracted_free);
    gboolean ok = sb_docx_read(zip, fields, form_id, error);
    sb_zip_reader_close(zip);
    tu_marked_fields_only(fields);
    if (!ok)
        g_clear_pointer(&fields, g_ptr_array_unref);
    return fields;
}

static xmlXPathContext *xpath_for(xmlDoc *doc)
{
    static const char *const ns[][2] = {
        {"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
        {"w14", "http://schemas.microsoft.com/office/word/2010/wordml"},
        {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
        {"cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
        {"dc", "http://purl.org/dc/elements/1.1/"},
        {"dcterms", "http://purl.org/dc/terms/"},
        {"xsi", "http://www.w3.org/2001/XMLSchema-instance"},
        {"cus", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"},
        {"vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"},
    };
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    for (guint i = 0; i < G_N_ELEMENTS(ns); i++)
        xmlXPathRegisterNs(ctx, (const xmlChar *)ns[i][0], (const xmlChar *)ns[i][1]);
    return ctx;
}

static char *xp_string(xmlXPathContext *ctx, const char *expr)
{
    char *full = g_strdup_printf("string(%s)", expr);
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)full, ctx);
    g_assert_nonnull(o);
    char *s = g_strdup((const char *)o->stringval);
    xmlXPathFreeObject(o);
    g_free(full);
    return s;
}

static int xp_count(xmlXPathContext *ctx, const char *expr)
{
    char *full = g_strdup_printf("count(%s)", expr);
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)full, ctx);
    g_assert_nonnull(o);
    int n = (int)o->floatval;
    xmlXPathFreeObject(o);
    g_free(full);
    return n;
}

static void assert_xp(xmlXPathContext *ctx, const char *expr, const char *expected)
{
    char *got = xp_string(ctx, expr);
    if (g_strcmp0(got, expected) != 0)
        g_error("%s is \"%s\", expected \"%s\"", expr, got, expected);
    g_free(got);
}

/* Lines stripped, empty ones dropped: a value as the document shows it, whether it was
 * written as paragraphs (joined by a blank line) or as lines. */
static char *normalize(const char *text)
{
    char **lines = g_strsplit(text, "\n", -1);
    GString *out = g_string_new(NULL);
    for (int i = 0; lines[i]; i++) {
        g_strstrip(lines[i]);
        if (!*lines[i])
            continue;
        if (out->len)
            g_string_append_c(out, '\n');
        g_string_append(out, lines[i]);
    }
    g_strfreev(lines);
    return g_string_free(out, FALSE);
}

/* ---- schema validation, after markup-compatibility preprocessing ---- */

static const char *schemas_dir(void)
{
    static char *dir;
    if (!dir) {
        const char *source = g_getenv("SHENBAO_SOURCE");
        dir = g_build_filename(source ? source : ".", "..", "shared", "schemas", NULL);
    }
    return dir;
}

/* Drops the elements and attributes of every namespace in mc:Ignorable (here w14), and
 * the attribute itself, as ECMA-376 Part 3 consumers do: the ECMA XSDs do not model it. */
static gboolean ignorable(GPtrArray *uris, xmlNs *ns)
{
    return ns && g_ptr_array_find_with_equal_func(uris, ns->href, g_str_equal, NULL);
}

static void drop_namespaces(xmlNode *node, GPtrArray *uris)
{
    xmlNode *c = node->children;
    while (c) {
        xmlNode *next = c->next;
        if (c->type == XML_ELEMENT_NODE && ignorable(uris, c->ns)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (c->type == XML_ELEMENT_NODE) {
            drop_namespaces(c, uris);
        }
        c = next;
    }
    xmlAttr *a = node->type == XML_ELEMENT_NODE ? node->properties : NULL;
    while (a) {
        xmlAttr *next = a->next;
        if (ignorable(uris, a->ns))
            xmlRemoveProp(a);
        a = next;
    }
}

static void mce_preprocess(xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    const xmlChar *mc = (const xmlChar *)"http://schemas.openxmlformats.org/markup-compatibility/2006";
    xmlChar *ignorable = xmlGetNsProp(root, (const xmlChar *)"Ignorable", mc);
    if (!ignorable)
        return;
    char **prefixes = g_strsplit((const char *)ignorable, " ", -1);
    GPtrArray *uris = g_ptr_array_new();
    for (int i = 0; prefixes[i]; i++) {
        xmlNs *ns = *prefixes[i] ? xmlSearchNs(doc, root, (const xmlChar *)prefixes[i]) : NULL;
        if (ns)
            g_ptr_array_add(uris, (gpointer)ns->href);
    }
    xmlAttr *attr = xmlHasNsProp(root, (const xmlChar *)"Ignorable", mc);
    xmlRemoveProp(attr);
    drop_namespaces(root, uris);
    g_ptr_array_unref(uris);
    g_strfreev(prefixes);
    xmlFree(ignorable);
}

/* Writes every XML part of a DOCX, preprocessed, into dir; returns the file names. */
static GPtrArray *unpack_for_schema(const char *docx, const char *dir)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    g_mkdir_with_parents(dir, 0700);
    for (guint i = 0; i < G_N_ELEMENTS(xml_parts); i++) {
        xmlDoc *doc = tu_package_xml(docx, xml_parts[i]);
        mce_preprocess(doc);
        char *flat = g_strdelimit(g_strdup(xml_parts[i]), "/[]", '_');
        char *file = g_build_filename(dir, flat, NULL);
        g_assert_cmpint(xmlSaveFileEnc(file, doc, "UTF-8"), >, 0);
        g_ptr_array_add(files, file);
        g_free(flat);
        xmlFreeDoc(doc);
    }
    return files;
}

/* xmllint's first complaints, without the warning every run prints. */
static char *first_errors(const char *err)
{
    char **lines = g_strsplit(err, "\n", -1);
    GString *out = g_string_new(NULL);
    for (int i = 0, n = 0; lines[i] && n < 10; i++) {
        if (strstr(lines[i], "parser warning") || strstr(lines[i], " validates"))
            continue;
        g_string_append_printf(out, "%.400s\n", lines[i]);
        n++;
    }
    g_strfreev(lines);
    return g_string_free(out, FALSE);
}

static void validate_with_xmllint(const char *docx, const char *label)
{
    char *xmllint = g_find_program_in_path("xmllint");
    char *xsd = g_build_filename(schemas_dir(), "ooxml", "docx-transitional.xsd", NULL);
    char *catalog = g_build_filename(schemas_dir(), "ooxml", "catalog.xml", NULL);
    char *dir = temp_path(label);
    GPtrArray *files = unpack_for_schema(docx, dir);
    GPtrArray *argv = g_ptr_array_new();
    const char *head[] = {xmllint, "--nonet", "--noout", "--schema", xsd};
    for (guint i = 0; i < G_N_ELEMENTS(head); i++)
        g_ptr_array_add(argv, (gpointer)head[i]);
    for (guint i = 0; i < files->len; i++)
        g_ptr_array_add(argv, files->pdata[i]);
    g_ptr_array_add(argv, NULL);
    char **env = g_environ_setenv(g_get_environ(), "XML_CATALOG_FILES", catalog, TRUE);
    char *out = NULL, *err = NULL;
    int status = 0;
    GError *error = NULL;
    g_spawn_sync(NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error(error);
    if (!g_spawn_check_wait_status(status, NULL))
        g_error("%s does not validate against the ECMA-376 transitional schemas:\n%s", label, first_errors(err));
    for (guint i = 0; i < files->len; i++) {
        char *line = g_strdup_printf("%s validates", (char *)files->pdata[i]);
        g_assert_nonnull(strstr(err, line));
        g_free(line);
    }
    g_strfreev(env);
    g_free(out), g_free(err);
    g_ptr_array_unref(argv);
    g_ptr_array_unref(files);
    g_free(dir), g_free(xsd), g_free(catalog), g_free(xmllint);
}

static void test_schema_valid(void)
{
    char *xsd = g_build_filename(schemas_dir(), "ooxml", "docx-transitional.xsd", NULL);
    gboolean have = g_file_test(xsd, G_FILE_TEST_EXISTS);
    g_free(xsd);
    if (!have) {
        g_printerr("SKIP: %s is not there: the DOCX parts are not checked against the ECMA-376 schemas\n",
                   schemas_dir());
        g_test_skip("no ../shared/schemas beside the source tree");
        return;
    }
    char *xmllint = g_find_program_in_path("xmllint");
    if (!xmllint) {
        g_printerr("SKIP: xmllint is not installed (apt-get install libxml2-utils)\n");
        g_test_skip("xmllint is not installed");
        return;
    }
    g_free(xmllint);
    validate_with_xmllint(w.sample_docx, "schema-sample");
    validate_with_xmllint(w.blank_docx, "schema-blank");
}

/* ---- byte-identical output ---- */

static void assert_same_bytes(const char *a, const char *b)
{
    char *da, *db;
    gsize la, lb;
    g_assert_true(g_file_get_contents(a, &da, &la, NULL));
    g_assert_true(g_file_get_contents(b, &db, &lb, NULL));
    g_assert_cmpmem(da, la, db, lb);
    g_free(da), g_free(db);
}

static void test_reproducible(void)
{
    SbDocument *docs[] = {w.sample, w.blank};
    const char *first[] = {w.sample_docx, w.blank_docx};
    for (guint i = 0; i < G_N_ELEMENTS(docs); i++) {
        char *again = temp_path(i ? "blank-again.docx" : "sample-again.docx");
        GError *error = NULL;
        g_assert_true(sb_write_docx(docs[i], again, &error));
        g_assert_no_error(error);
        assert_same_bytes(first[i], again);
        g_free(again);
    }
}

/* ---- what the parts say ---- */

static void test_package_parts(void)
{
    xmlDoc *doc = tu_package_xml(w.sample_docx, "word/document.xml");
    xmlXPathContext *x = xpath_for(doc);
    assert_xp(x, "//w:sectPr/w:pgSz/@w:w", "11906");
    assert_xp(x, "//w:sectPr/w:pgSz/@w:h", "16838");
    assert_xp(x, "//w:sectPr/w:pgMar/@w:top", "2098");
    assert_xp(x, "//w:sectPr/w:pgMar/@w:left", "1587");
    g_assert_cmpint(xp_count(x, "//w:sectPr/w:footerReference[@w:type='default' or @w:type='even']"), ==, 2);
    g_assert_cmpint(xp_count(x, "//@w:rsidR | //@w:rsidRDefault | //@w:rsidP"), ==, 0);
    /* every PAGE of the tree after the first starts a page */
    int pages = 0;
    for (SbNode *p = w.sample->root->first_child; p; p = p->next)
        pages++;
    g_assert_cmpint(xp_count(x, "//w:pageBreakBefore"), ==, pages - 1);
    /* content controls: tagged, labelled, ids 1, 2, 3 …; in the filled sample only its
     * checkboxes and its empty fields are controls, its values are plain runs */
    int n = xp_count(x, "//w:sdt");
    g_assert_cmpint(n, ==, xp_count(x, "//w:sdt[w:sdtPr/w14:checkbox or w:sdtPr/w:showingPlcHdr]"));
    g_assert_cmpint(xp_count(x, "//w:sdt/w:sdtPr[w:tag and w:id]"), ==, n);
    for (int i = 1; i <= n; i++) {
        char *expr = g_strdup_printf("(//w:sdt/w:sdtPr/w:id)[%d]/@w:val", i);
        char *want = g_strdup_printf("%d", i);
        assert_xp(x, expr, want);
        g_free(expr), g_free(want);
    }
    g_assert_cmpint(xp_count(x, "//w:sdtPr[w14:checkbox/w14:checked/@w14:val='1']"), ==, 1);
    assert_xp(x, "//w:sdtPr[w14:checkbox/w14:checked/@w14:val='1']/w:tag/@w:val",
              "lead_enterprise.nature=民营企业");
    assert_xp(x, "//w:sdtPr[w14:checkbox][1]/w14:checkbox/w14:checkedState/@w14:val", "2611");
    /* bookmarks: ids 1, 2, 3 …, each ended; a filled field is runs straight in its
     * paragraph between its bookmark's ends */
    int marks = xp_count(x, "//w:bookmarkStart");
    g_assert_cmpint(marks, >, 300);
    g_assert_cmpint(xp_count(x, "//w:bookmarkEnd"), ==, marks);
    for (int i = 1; i <= marks; i += 37) {
        char *expr = g_strdup_printf("(//w:bookmarkStart)[%d]/@w:id", i);
        char *want = g_strdup_printf("%d", i);
        assert_xp(x, expr, want);
        g_free(expr), g_free(want);
    }
    assert_xp(x, "//w:p/w:bookmarkStart[@w:name='lead_enterprise.name']/following-sibling::w:r[1]/w:t",
              "江东曜影医疗科技股份有限公司");
    /* a block field: its paragraphs, one bookmark from the first to the last */
    g_assert_cmpint(xp_count(x, "//w:sdt[w:sdtPr/w:tag/@w:val='application.content']"), ==, 0);
    g_assert_cmpint(xp_count(x, "//w:p[w:bookmarkEnd/@w:id = //w:bookmarkStart[@w:name='application.content']/@w:id]"
                                "/preceding-sibling::w:p[w:bookmarkStart/@w:name='application.content']"), ==, 1);
    g_assert_cmpint(xp_count(x, "//w:bookmarkStart[@w:name='application.content']"), ==, 1);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);

    doc = tu_package_xml(w.sample_docx, "word/styles.xml");
    x = xpath_for(doc);
    const char *ids[] = {"Body", "Annex", "Title", "Subtitle", "Heading1", "Heading2", "Heading3", "Note", "Cell"};
    for (guint i = 0; i < G_N_ELEMENTS(ids); i++) {
        char *expr = g_strdup_printf("//w:style[@w:styleId='%s']", ids[i]);
        g_assert_cmpint(xp_count(x, expr), ==, 1);
        g_free(expr);
    }
    assert_xp(x, "//w:style[@w:styleId='Body']/w:pPr/w:spacing/@w:line", "579");
    assert_xp(x, "//w:style[@w:styleId='Body']/w:pPr/w:spacing/@w:lineRule", "exact");
    assert_xp(x, "//w:style[@w:styleId='Body']/w:pPr/w:ind/@w:firstLineChars", "200");
    assert_xp(x, "//w:style[@w:styleId='Body']/w:rPr/w:rFonts/@w:eastAsia", "仿宋_GB2312");
    assert_xp(x, "//w:style[@w:styleId='Body']/w:rPr/w:rFonts/@w:ascii", "Times New Roman");
    assert_xp(x, "//w:style[@w:styleId='Body']/w:rPr/w:sz/@w:val", "32");
    assert_xp(x, "//w:style[@w:styleId='Title']/w:rPr/w:rFonts/@w:eastAsia", "方正小标宋简体");
    assert_xp(x, "//w:style[@w:styleId='Annex']/w:rPr/w:rFonts/@w:eastAsia", "黑体");
    assert_xp(x, "//w:style[@w:styleId='Heading2']/w:rPr/w:rFonts/@w:eastAsia", "楷体_GB2312");
    assert_xp(x, "//w:style[@w:styleId='Cell']/w:rPr/w:rFonts/@w:eastAsia", "宋体");
    assert_xp(x, "//w:style[@w:styleId='Heading1']/w:pPr/w:outlineLvl/@w:val", "1");
    assert_xp(x, "//w:style[@w:styleId='Title']/w:pPr/w:outlineLvl/@w:val", "0");
    /* no space between Chinese and Latin text (Word); no mark hung past the margin, by
     * the value LibreOffice 7.4 reads that way (docx_styles.c) */
    assert_xp(x, "//w:docDefaults/w:pPrDefault/w:pPr/w:autoSpaceDE/@w:val", "0");
    assert_xp(x, "//w:docDefaults/w:pPrDefault/w:pPr/w:autoSpaceDN/@w:val", "0");
    assert_xp(x, "//w:style[@w:styleId='Normal']/w:pPr/w:overflowPunct/@w:val", "1");
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);

    doc = tu_package_xml(w.sample_docx, "word/fontTable.xml");
    x = xpath_for(doc);
    assert_xp(x, "//w:font[@w:name='仿宋_GB2312']/w:altName/@w:val", "仿宋");
    assert_xp(x, "//w:font[@w:name='楷体_GB2312']/w:altName/@w:val", "楷体");
    assert_xp(x, "//w:font[@w:name='方正小标宋简体']/w:altName/@w:val", "宋体");
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);

    doc = tu_package_xml(w.sample_docx, "word/settings.xml");
    x = xpath_for(doc);
    g_assert_cmpint(xp_count(x, "//w:evenAndOddHeaders"), ==, 1);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);

    const char *footers[][2] = {{"word/footer1.xml", "right"}, {"word/footer2.xml", "left"}};
    for (guint i = 0; i < G_N_ELEMENTS(footers); i++) {
        doc = tu_package_xml(w.sample_docx, footers[i][0]);
        x = xpath_for(doc);
        assert_xp(x, "//w:p/w:pPr/w:jc/@w:val", footers[i][1]);
        assert_xp(x, "normalize-space(//w:instrText)", "PAGE");
        assert_xp(x, "(//w:r/w:rPr/w:sz/@w:val)[1]", "28");
        assert_xp(x, "(//w:t)[1]", "\u2014 ");
        xmlXPathFreeContext(x);
        xmlFreeDoc(doc);
    }

    doc = tu_package_xml(w.sample_docx, "docProps/core.xml");
    x = xpath_for(doc);
    assert_xp(x, "//dc:title", w.sample->root->as.document.title);
    assert_xp(x, "//cp:keywords", FORM_ID);
    assert_xp(x, "//dcterms:created/@xsi:type", "dcterms:W3CDTF");
    assert_xp(x, "//dcterms:modified", w.sample->root->as.document.date);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);

    doc = tu_package_xml(w.sample_docx, "docProps/custom.xml");
    x = xpath_for(doc);
    assert_xp(x, "//cus:property[@name='shenbao-form']/vt:lpwstr", FORM_ID);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);
}

/* ---- tables: gridSpan and vMerge against the grid ---- */

static int int_attr(xmlNode *n, const char *name, int fallback)
{
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name,
                              (const xmlChar *)"http://schemas.openxmlformats.org/wordprocessingml/2006/main");
    int i = v ? atoi((const char *)v) : fallback;
    xmlFree(v);
    return i;
}

static xmlNode *child(xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

typedef struct {
    int start, span;
} Placed;

/* One row against the grid; `above` holds where each column's cell started in the row
 * above, for checking that a vMerge continuation sits under a cell of the same span. */
static void check_row(xmlNode *tr, const int *widths, int n_cols, Placed *above, gboolean first, int *merges)
{
    Placed *here = g_new0(Placed, n_cols);
    int col = 0;
    for (xmlNode *tc = tr->children; tc; tc = tc->next) {
        if (tc->type != XML_ELEMENT_NODE || strcmp((const char *)tc->name, "tc") != 0)
            continue;
        xmlNode *pr = child(tc, "tcPr");
        int span = child(pr, "gridSpan") ? int_attr(child(pr, "gridSpan"), "val", 1) : 1;
        g_assert_cmpint(col + span, <=, n_cols);
        int sum = 0;
        for (int i = col; i < col + span; i++)
            sum += widths[i];
        g_assert_cmpint(int_attr(child(pr, "tcW"), "w", -1), ==, sum);
        xmlNode *vmerge = child(pr, "vMerge");
        xmlChar *val = vmerge ? xmlGetNsProp(vmerge, (const xmlChar *)"val", vmerge->ns->href) : NULL;
        if (vmerge && !val) {
            g_assert_false(first);
            g_assert_cmpint(above[col].start, ==, col);
            g_assert_cmpint(above[col].span, ==, span);
            (*merges)++;
        }
        xmlFree(val);
        for (int i = col; i < col + span; i++)
            here[i] = (Placed){col, span};
        col += span;
    }
    g_assert_cmpint(col, ==, n_cols);
    memcpy(above, here, sizeof(Placed) * (gsize)n_cols);
    g_free(here);
}

static int check_table(xmlNode *tbl, int *merges)
{
    xmlNode *grid = child(tbl, "tblGrid");
    GArray *widths = g_array_new(FALSE, FALSE, sizeof(int));
    int total = 0;
    for (xmlNode *c = grid->children; c; c = c->next) {
        int wdt = int_attr(c, "w", 0);
        g_assert_cmpint(wdt, >, 0);
        g_array_append_val(widths, wdt);
        total += wdt;
    }
    g_assert_cmpint(total, ==, TYPE_WIDTH);
    int n_cols = (int)widths->len;
    Placed *above = g_new0(Placed, n_cols);
    int rows = 0;
    for (xmlNode *tr = tbl->children; tr; tr = tr->next)
        if (tr->type == XML_ELEMENT_NODE && strcmp((const char *)tr->name, "tr") == 0)
            check_row(tr, (int *)widths->data, n_cols, above, rows++ == 0, merges);
    g_free(above);
    g_array_free(widths, TRUE);
    return rows;
}

/* `prose_rows`: the rows holding filled block fields, the only ones that may split. */
static void check_grids(const char *docx, int prose_rows)
{
    xmlDoc *doc = tu_package_xml(docx, "word/document.xml");
    xmlXPathContext *x = xpath_for(doc);
    xmlXPathObject *tables = xmlXPathEvalExpression((const xmlChar *)"//w:tbl", x);
    g_assert_nonnull(tables->nodesetval);
    int merges = 0;
    for (int i = 0; i < tables->nodesetval->nodeNr; i++)
        g_assert_cmpint(check_table(tables->nodesetval->nodeTab[i], &merges), >, 0);
    g_assert_cmpint(tables->nodesetval->nodeNr, ==, 5);
    g_assert_cmpint(merges, >, 10);
    g_assert_cmpint(xp_count(x, "//w:tc/w:tcPr/w:vMerge[@w:val='restart']"), >, 5);
    g_assert_cmpint(xp_count(x, "//w:tbl/w:tblPr/w:tblLayout[@w:type='fixed']"), ==, 5);
    g_assert_cmpint(xp_count(x, "//w:tr[w:trPr/w:tblHeader]"), >, 0);
    /* rows of prose may split across pages; rows of values, of room and seals move whole */
    g_assert_cmpint(xp_count(x, "//w:tr[not(w:trPr/w:cantSplit)]"), ==, prose_rows);
    g_assert_cmpint(xp_count(x, "//w:tr[not(w:trPr/w:cantSplit)][.//w:bookmarkStart[@w:name='application.goals']]"), ==,
                    prose_rows > 0);
    g_assert_cmpint(xp_count(x, "//w:tr[w:trPr/w:cantSplit][.//w:t[contains(., '单位公章')]]"), ==, 3);
    xmlXPathFreeObject(tables);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);
}

static void test_table_grid(void)
{
    check_grids(w.sample_docx, 2);
    check_grids(w.blank_docx, 0);
}

/* ---- reading back ---- */

typedef struct {
    GHashTable *fields;
    int values, boxes;
} SampleCheck;

/* A data value is a field's text, or the option of a checkbox group that is ticked. */
static void check_scalar(SampleCheck *sc, const char *path, const SbValue *v)
{
    sc->values++;
    const SbExtracted *e = g_hash_table_lookup(sc->fields, path);
    if (e) {
        char *want = normalize(v->text), *got = e->text ? normalize(e->text) : g_strdup("(placeholder)");
        if (strcmp(want, got) != 0)
            g_error("%s reads back as \"%s\", the sample has \"%s\"", path, got, want);
        g_free(want), g_free(got);
        return;
    }
    char *one = g_strdup_printf("%s=%s", path, v->text);
    char *any = g_strdup_printf("%s[]=%s", path, v->text);
    e = g_hash_table_lookup(sc->fields, one);
    if (!e)
        e = g_hash_table_lookup(sc->fields, any);
    if (!e || !e->checked)
        g_error("%s (%s) does not read back", path, v->text);
    sc->boxes++;
    g_free(one), g_free(any);
}

static void check_value(SampleCheck *sc, const char *path, const SbValue *v)
{
    if (v->kind == SB_VALUE_MAP) {
        for (guint i = 0; i < sb_value_size(v); i++) {
            const char *key = sb_value_key(v, i);
            if (!*path && strcmp(key, "form") == 0)
                continue;
            char *sub = *path ? g_strdup_printf("%s.%s", path, key) : g_strdup(key);
            check_value(sc, sub, sb_value_item(v, i));
            g_free(sub);
        }
    } else if (v->kind == SB_VALUE_LIST) {
        for (guint i = 0; i < sb_value_size(v); i++) {
            char *sub = g_strdup_printf("%s.%u", path, i);
            check_value(sc, sub, sb_value_item(v, i));
            g_free(sub);
        }
    } else if (v->kind != SB_VALUE_NULL) {
        check_scalar(sc, path, v);
    }
}

static int checked_boxes(GPtrArray *fields)
{
    int n = 0;
    for (guint i = 0; i < fields->len; i++) {
        SbExtracted *e = fields->pdata[i];
        n += strchr(e->tag, '=') && e->checked;
    }
    return n;
}

static void check_sample_fields(GPtrArray *fields)
{
    SampleCheck sc = {tu_fields_by_tag(fields), 0, 0};
    check_value(&sc, "", w.data->root);
    g_assert_cmpint(sc.values, >, 200);
    g_assert_cmpint(checked_boxes(fields), ==, sc.boxes);
    /* a field of paragraphs comes back with a blank line between them */
    const SbExtracted *content = g_hash_table_lookup(sc.fields, "application.content");
    g_assert_nonnull(content);
    g_assert_nonnull(strstr(content->text, "。\n\n推广应用内容主要包括"));
    const SbExtracted *name = g_hash_table_lookup(sc.fields, "lead_enterprise.name");
    g_assert_cmpstr(name->text, ==, "江东曜影医疗科技股份有限公司");
    g_hash_table_unref(sc.fields);
}

static void test_read_sample(void)
{
    GError *error = NULL;
    char *form_id = NULL;
    GPtrArray *fields = read_fields(w.sample_docx, &form_id, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(form_id, ==, FORM_ID);
    check_sample_fields(fields);
    g_ptr_array_unref(fields);
    g_free(form_id);
}

static gboolean collect_paths(SbNode *n, SbEvent event, gpointer data)
{
    if (event == SB_EVENT_ENTER && n->type == SB_NODE_FIELD)
        g_ptr_array_add(data, n->as.field.path);
    return TRUE;
}

static void check_blank_fields(GPtrArray *fields)
{
    GHashTable *t = tu_fields_by_tag(fields);
    GPtrArray *paths = g_ptr_array_new();
    sb_node_walk(w.blank->root, collect_paths, paths);
    g_assert_cmpuint(paths->len, >, 150);
    for (guint i = 0; i < paths->len; i++) {
        const SbExtracted *e = g_hash_table_lookup(t, paths->pdata[i]);
        if (!e)
            g_error("the blank field %s does not read back", (char *)paths->pdata[i]);
        g_assert_null(e->text);
    }
    g_assert_cmpint(checked_boxes(fields), ==, 0);
    g_ptr_array_unref(paths);
    g_hash_table_unref(t);
}

static void test_read_blank(void)
{
    GError *error = NULL;
    char *form_id = NULL;
    GPtrArray *fields = read_fields(w.blank_docx, &form_id, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(form_id, ==, FORM_ID);
    check_blank_fields(fields);
    g_ptr_array_unref(fields);
    g_free(form_id);
}

/* ---- LibreOffice re-saves it ---- */

static char *resave(const char *soffice, const char *docx, const char *outdir)
{
    char *profile = g_strdup_printf("-env:UserInstallation=file://%s/lo-profile", w.dir);
    const char *argv[] = {soffice, "--headless", profile, "--convert-to", "docx:MS Word 2007 XML",
                          docx, "--outdir", outdir, NULL};
    int status = 0;
    char *out = NULL, *err = NULL;
    GError *error = NULL;
    g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error(error);
    char *base = g_path_get_basename(docx);
    char *result = g_build_filename(outdir, base, NULL);
    if (!g_spawn_check_wait_status(status, NULL) || !g_file_test(result, G_FILE_TEST_EXISTS))
        g_error("soffice could not convert %s: %s%s", docx, out, err);
    g_free(base), g_free(profile), g_free(out), g_free(err);
    return result;
}

static void test_libreoffice_resave(void)
{
    char *soffice = g_find_program_in_path("soffice");
    if (!soffice) {
        g_printerr("SKIP: soffice is not installed: re-saving in LibreOffice is not checked\n");
        g_test_skip("soffice is not installed");
        return;
    }
    char *outdir = temp_path("resaved");
    g_mkdir_with_parents(outdir, 0700);
    GError *error = NULL;
    char *form_id = NULL;
    char *sample = resave(soffice, w.sample_docx, outdir);
    GPtrArray *fields = read_fields(sample, &form_id, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(form_id, ==, FORM_ID);
    check_sample_fields(fields);
    g_ptr_array_unref(fields);
    g_free(form_id);

    char *blank = resave(soffice, w.blank_docx, outdir);
    fields = read_fields(blank, &form_id, &error);
    g_assert_no_error(error);
    check_blank_fields(fields);
    g_ptr_array_unref(fields);
    g_free(form_id);
    g_free(sample), g_free(blank), g_free(outdir), g_free(soffice);
}

/* ---- bad packages ---- */

#define CUSTOM_OK                                                                                        \
    "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
    "custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">" \
    "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"shenbao-form\">"         \
    "<vt:lpwstr>" FORM_ID "</vt:lpwstr></property></Properties>"
#define DOCUMENT_OK                                                                                      \
    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/" \
    "2006/main\"><w:body><w:p><w:sdt><w:sdtPr><w:tag w:val=\"a.b\"/></w:sdtPr><w:sdtContent><w:r>"      \
    "<w:t>x</w:t></w:r></w:sdtContent></w:sdt></w:p></w:body></w:document>"

/* A zip of (name, content) pairs, NULL-terminated. */
static char *make_zip(const char *file, ...)
{
    char *path = temp_path(file);
    GError *error = NULL;
    SbZipWriter *zw = sb_zip_writer_new(path, &error);
    g_assert_no_error(error);
    va_list ap;
    va_start(ap, file);
    const char *name;
    while ((name = va_arg(ap, const char *))) {
        const char *content = va_arg(ap, const char *);
        g_assert_true(sb_zip_writer_add(zw, name, content, strlen(content), TRUE, &error));
    }
    va_end(ap);
    g_assert_true(sb_zip_writer_finish(zw, &error));
    g_assert_no_error(error);
    return path;
}

static void assert_refused(const char *path, const char *why)
{
    GError *error = NULL;
    char *form_id = NULL;
    GPtrArray *fields = read_fields(path, &form_id, &error);
    g_assert_null(fields);
    g_assert_null(form_id);
    g_assert_nonnull(error);
    if (!strstr(error->message, why))
        g_error("%s was refused with \"%s\", expected a message with \"%s\"", path, error->message, why);
    g_error_free(error);
}

static void test_bad_packages(void)
{
    char *ok = make_zip("ok.docx", "word/document.xml", DOCUMENT_OK, "docProps/custom.xml", CUSTOM_OK, NULL);
    GError *error = NULL;
    char *form_id = NULL;
    GPtrArray *fields = read_fields(ok, &form_id, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(fields->len, ==, 1);
    g_assert_cmpstr(((SbExtracted *)fields->pdata[0])->text, ==, "x");
    g_ptr_array_unref(fields);
    g_free(form_id);

    char *no_document = make_zip("no-document.docx", "docProps/custom.xml", CUSTOM_OK, NULL);
    assert_refused(no_document, "not a document shenbao wrote");

    char *no_form = make_zip("no-form.docx", "word/document.xml", DOCUMENT_OK, NULL);
    assert_refused(no_form, "not a document shenbao wrote");

    char *entity = make_zip("entity.docx", "docProps/custom.xml", CUSTOM_OK, "word/document.xml",
                            "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                            "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>", NULL);
    assert_refused(entity, "DOCTYPE");

    char *bomb = make_zip("laughs.docx", "word/document.xml", DOCUMENT_OK, "docProps/custom.xml",
                          "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\">"
                          "<!ENTITY b \"&a;&a;&a;&a;\">]><p>&b;</p>", NULL);
    assert_refused(bomb, "DOCTYPE");

    char *broken = make_zip("broken.docx", "docProps/custom.xml", CUSTOM_OK, "word/document.xml",
                            "<w:document xmlns:w=\"x\"><w:body>", NULL);
    assert_refused(broken, "damaged");

    char *evil = make_zip("evil.docx", "word/document.xml", DOCUMENT_OK, "docProps/custom.xml", CUSTOM_OK,
                          "../evil", "x", NULL);
    error = NULL;
    SbZipReader *zip = sb_zip_reader_open(evil, &error);
    g_assert_null(zip);
    g_assert_nonnull(error);
    g_assert_nonnull(strstr(error->message, "unsafe name"));
    g_error_free(error);

    g_free(ok), g_free(no_document), g_free(no_form), g_free(entity), g_free(bomb), g_free(broken), g_free(evil);
}

/* Text XML cannot carry is refused before anything is written. */
static void test_control_characters(void)
{
    SbDocument doc = {sb_node_new(SB_NODE_DOCUMENT)};
    doc.root->as.document.form_id = g_strdup("x");
    SbNode *page = sb_node_new(SB_NODE_PAGE), *p = sb_node_new(SB_NODE_BLOCK);
    sb_node_append(doc.root, page);
    sb_node_append(page, p);
    sb_node_append(p, sb_text_new("bell \a here", FALSE));
    char *path = temp_path("control.docx");
    GError *error = NULL;
    g_assert_false(sb_write_docx(&doc, path, &error));
    g_assert_nonnull(error);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    g_error_free(error);
    g_free(path);
    sb_node_free(doc.root);
}

/* ---- set-up ---- */

static gboolean write_documents(void)
{
    GError *error = NULL;
    w.catalog = sb_catalog_open(g_getenv("SHENBAO_DATADIR"), &error);
    if (w.catalog)
        w.form = sb_catalog_form(w.catalog, FORM_ID, &error);
    if (!w.form) {
        g_printerr("test_docx: %s\n", error->message);
        return FALSE;
    }
    const char *source = g_getenv("SHENBAO_SOURCE");
    char *sample = g_build_filename(source ? source : ".", "samples", FORM_ID ".yaml", NULL);
    SbDiagnostics *diags = sb_diagnostics_new();
    w.data = sb_data_load(sample, diags);
    if (!w.data) {
        char *msg = sb_diagnostics_format(diags);
        g_printerr("test_docx: %s\n", msg);
        return FALSE;
    }
    sb_diagnostics_free(diags);
    g_free(sample);
    w.sample = sb_bind(w.form, w.data);
    w.blank = sb_bind(w.form, NULL);
    w.dir = g_dir_make_tmp("shenbao-docx-XXXXXX", &error);
    w.sample_docx = temp_path("sample.docx");
    w.blank_docx = temp_path("blank.docx");
    if (!w.dir || !sb_write_docx(w.sample, w.sample_docx, &error) || !sb_write_docx(w.blank, w.blank_docx, &error)) {
        g_printerr("test_docx: %s\n", error->message);
        return FALSE;
    }
    return TRUE;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!write_documents())
        return 1;
    g_test_add_func("/docx/schema-valid", test_schema_valid);
    g_test_add_func("/docx/reproducible", test_reproducible);
    g_test_add_func("/docx/package-parts", test_package_parts);
    g_test_add_func("/docx/table-grid", test_table_grid);
    g_test_add_func("/docx/read-sample", test_read_sample);
    g_test_add_func("/docx/read-blank", test_read_blank);
    g_test_add_func("/docx/libreoffice-resave", test_libreoffice_resave);
    g_test_add_func("/docx/bad-packages", test_bad_packages);
    g_test_add_func("/docx/control-characters", test_control_characters);
    int rc = g_test_run();
    tu_rm_rf(w.dir);
    g_free(w.dir), g_free(w.sample_docx), g_free(w.blank_docx);
    sb_document_free(w.sample);
    sb_document_free(w.blank);
    sb_data_free(w.data);
    sb_catalog_free(w.catalog);
    return rc;
}
