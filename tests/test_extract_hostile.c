/* Hostile documents given to `shenbao extract`: each is read or refused within 1 GB of
 * address space and a few seconds, with a clear message and exit status 1 or 2, and what
 * it writes is bounded by the size of the input.
 *
 * Rows of the hostile-input table this answers: nested content controls (text was copied
 * into every open control), tags with huge list indices (the list was padded out to the
 * index), more list items than the form allows, a control tagged "form" or with a path
 * the form does not have, an ODT with 90,000 bookmarks (matched by a linear search), and
 * bookmarks left open around a lot of text. */
#include "testutil.h"
#include "sb_zip.h"

#include <glib/gstdio.h>
#include <string.h>

#define FORM_ID "miit-2025-application"
#define SECONDS 15.0   /* the machine may be shared; a regression takes minutes */

static char *dir;

static char *temp_path(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

/* ---- packages ---- */

static void add(SbZipWriter *zw, const char *name, const char *content, gboolean compress)
{
    GError *error = NULL;
    g_assert_true(sb_zip_writer_add(zw, name, content, strlen(content), compress, &error));
    g_assert_no_error(error);
}

/* A DOCX whose body is `body`, saying it is of FORM_ID. */
static char *make_docx(const char *file, const char *body)
{
    char *path = temp_path(file);
    GError *error = NULL;
    SbZipWriter *zw = sb_zip_writer_new(path, &error);
    g_assert_no_error(error);
    char *document = g_strconcat("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                                 "wordprocessingml/2006/main\"><w:body>", body, "</w:body></w:document>", NULL);
    add(zw, "word/document.xml", document, TRUE);
    add(zw, "docProps/custom.xml",
        "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"shenbao-form\">"
        "<vt:lpwstr>" FORM_ID "</vt:lpwstr></property></Properties>", TRUE);
    g_assert_true(sb_zip_writer_finish(zw, &error));
    g_assert_no_error(error);
    g_free(document);
    return path;
}

/* An ODT whose office:text is `body`, saying it is of FORM_ID. */
static char *make_odt(const char *file, const char *body)
{
    char *path = temp_path(file);
    GError *error = NULL;
    SbZipWriter *zw = sb_zip_writer_new(path, &error);
    g_assert_no_error(error);
    add(zw, "mimetype", "application/vnd.oasis.opendocument.text", FALSE);
    add(zw, "meta.xml",
        "<?xml version=\"1.0\"?><office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta>"
        "<meta:user-defined meta:name=\"shenbao-form\">" FORM_ID "</meta:user-defined></office:meta>"
        "</office:document-meta>", TRUE);
    char *content = g_strconcat("<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:"
                                "opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:"
                                "text:1.0\"><office:body><office:text>", body,
                                "</office:text></office:body></office:document-content>", NULL);
    add(zw, "content.xml", content, TRUE);
    g_assert_true(sb_zip_writer_finish(zw, &error));
    g_assert_no_error(error);
    g_free(content);
    return path;
}

static char *control(const char *tag, const char *text)
{
    return g_strdup_printf("<w:p><w:sdt><w:sdtPr><w:tag w:val=\"%s\"/></w:sdtPr><w:sdtContent><w:r><w:t>%s</w:t>"
                           "</w:r></w:sdtContent></w:sdt></w:p>", tag, text);
}

/* ---- running extract within bounds ---- */

typedef struct {
    TuResult *r;
    char *out;          /* the YAML it was asked to write */
    gsize out_len;      /* its size, 0 when it was not written */
} Run;

/* `shenbao extract DOC -o OUT [--lenient]` under `ulimit -v` of 1 GB. */
static Run extract(const char *doc, gboolean lenient)
{
    Run run = {NULL, g_strconcat(doc, ".yaml", NULL), 0};
    const char *bin = g_getenv("SHENBAO_BIN");
    g_assert_nonnull(bin);
    const char *argv[] = {"/bin/sh", "-c", "ulimit -v 1048576 && exec \"$@\"", "sh", bin, "extract", doc, "-o",
                          run.out, lenient ? "--lenient" : NULL, NULL};
    TuRunOptions opts = {.timeout_s = 60};
    run.r = tu_run(argv, &opts);
    char *text = NULL;
    if (g_file_get_contents(run.out, &text, &run.out_len, NULL))
        g_free(text);
    g_test_message("%s: exit %d in %.2f s, %" G_GSIZE_FORMAT " bytes written\n%s", doc, run.r->status,
                   run.r->seconds, run.out_len, run.r->err);
    g_assert_true(tu_check_no_crash(run.r));
    if (run.r->seconds > SECONDS)
        g_error("%s took %.1f s", doc, run.r->seconds);
    return run;
}

static void run_clear(Run *run)
{
    g_remove(run->out);
    g_free(run->out);
    tu_result_free(run->r);
}

static char *read_text(const char *path)
{
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    return text;
}

static void assert_err_has(const Run *run, const char *what)
{
    if (!strstr(run->r->err, what))
        g_error("expected \"%s\" in the messages: %s", what, run->r->err);
}

/* ---- DOCX ---- */

/* 100 controls one inside the other, 600 KB of text in the innermost: the text is read
 * once, not once per control. */
static void test_nested_controls(void)
{
    GString *body = g_string_new(NULL);
    for (int i = 0; i < 100; i++)
        g_string_append(body, "<w:sdt><w:sdtPr><w:tag w:val=\"project.name\"/></w:sdtPr><w:sdtContent>");
    g_string_append(body, "<w:p><w:r><w:t>");
    for (int i = 0; i < 60000; i++)
        g_string_append(body, "江北医疗0");
    g_string_append(body, "</w:t></w:r></w:p>");
    for (int i = 0; i < 100; i++)
        g_string_append(body, "</w:sdtContent></w:sdt>");
    char *doc = make_docx("nested.docx", body->str);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 0));
    gsize text_bytes = 60000 * strlen("江北医疗0");
    if (run.out_len > text_bytes + 4096)
        g_error("%" G_GSIZE_FORMAT " bytes of YAML from %" G_GSIZE_FORMAT " bytes of text", run.out_len, text_bytes);
    g_assert_cmpuint(run.out_len, >, text_bytes);
    run_clear(&run);
    g_string_free(body, TRUE);
    g_free(doc);
}

/* A list index is the order of an item, not a number to pad the list out to. */
static void test_huge_indices(void)
{
    char *a = control("participants.10000000.name", "甲单位");
    char *b = control("participants.4294967295.name", "乙单位");
    char *c = control("participants.99999999999999999999999999.name", "丙单位");
    char *body = g_strconcat(a, b, c, NULL);
    char *doc = make_docx("indices.docx", body);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 0));
    g_assert_cmpuint(run.out_len, <, 400);
    char *yaml = read_text(run.out);
    g_assert_nonnull(strstr(yaml, "participants:\n- name: 甲单位\n- name: 乙单位\n- name: 丙单位\n"));
    g_free(yaml);
    run_clear(&run);
    g_free(a), g_free(b), g_free(c), g_free(body), g_free(doc);
}

/* A path the form does not have, a list index where it has none: reported, not applied. */
static void test_unknown_paths(void)
{
    char *a = control("projects.10000000.name", "甲");
    char *b = control("project.4294967295", "乙");
    char *c = control("project.name", "项目");
    char *body = g_strconcat(a, b, c, NULL);
    char *doc = make_docx("unknown.docx", body);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 1));
    g_assert_cmpuint(run.out_len, ==, 0);   /* nothing written */
    assert_err_has(&run, "paragraph 1: the field marked “projects.10000000.name” is not a field of the form");
    assert_err_has(&run, "paragraph 2: the field marked “project.4294967295” is not a field of the form");
    run_clear(&run);
    run = extract(doc, TRUE);
    g_assert_true(tu_check_exit(run.r, 0));
    char *yaml = read_text(run.out);
    g_assert_cmpstr(yaml, ==, "form: " FORM_ID "\nproject:\n  name: 项目\n");
    g_free(yaml);
    run_clear(&run);
    g_free(a), g_free(b), g_free(c), g_free(body), g_free(doc);
}

/* A report says where in the document: the paragraph, and the table, row and column. */
static void test_report_place(void)
{
    char *c = control("nothing.here", "甲");
    char *body = g_strconcat("<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc>"
                             "<w:tc>", c, "</w:tc></w:tr></w:tbl>", NULL);
    char *doc = make_docx("place.docx", body);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 1));
    assert_err_has(&run, "place.docx: error: paragraph 5 (table 1, row 2, column 3): the field marked “nothing.here”");
    run_clear(&run);
    g_free(c), g_free(body), g_free(doc);
}

/* A control tagged "form" does not change the form id. */
static void test_tag_form(void)
{
    char *a = control("form", "miit-2022-base");
    char *doc = make_docx("form-tag.docx", a);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 1));
    assert_err_has(&run, "the field marked “form” is not a field of the form " FORM_ID ": not applied");
    run_clear(&run);
    run = extract(doc, TRUE);
    g_assert_true(tu_check_exit(run.r, 0));
    char *yaml = read_text(run.out);
    g_assert_cmpstr(yaml, ==, "form: " FORM_ID "\n");
    g_free(yaml);
    run_clear(&run);
    g_free(a), g_free(doc);
}

/* 参与单位 has at most 13 items: a 14th is reported and left out. */
static void test_beyond_maximum(void)
{
    GString *body = g_string_new(NULL);
    for (int i = 0; i < 14; i++) {
        char *tag = g_strdup_printf("participants.%d.name", i * 7);
        char *text = g_strdup_printf("单位%d", i + 1);
        char *c = control(tag, text);
        g_string_append(body, c);
        g_free(tag), g_free(text), g_free(c);
    }
    char *doc = make_docx("maximum.docx", body->str);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 1));
    assert_err_has(&run, "paragraph 14: a 参与单位 item beyond the form's maximum of 13: not applied");
    run_clear(&run);
    run = extract(doc, TRUE);
    g_assert_true(tu_check_exit(run.r, 0));
    char *yaml = read_text(run.out);
    g_assert_nonnull(strstr(yaml, "- name: 单位13\n"));
    g_assert_null(strstr(yaml, "单位14"));
    g_free(yaml);
    run_clear(&run);
    g_string_free(body, TRUE);
    g_free(doc);
}

/* 90,000 bookmarks in a DOCX, opened and closed in reverse order around a field. */
static void test_docx_bookmarks(void)
{
    GString *body = g_string_new("<w:p>");
    for (int i = 0; i < 90000; i++)
        g_string_append_printf(body, "<w:bookmarkStart w:id=\"%d\" w:name=\"b%d\"/>", i, i);
    g_string_append(body, "<w:sdt><w:sdtPr><w:tag w:val=\"project.name\"/></w:sdtPr><w:sdtContent><w:r><w:t>项目"
                          "</w:t></w:r></w:sdtContent></w:sdt>");
    for (int i = 90000; i-- > 0;)
        g_string_append_printf(body, "<w:bookmarkEnd w:id=\"%d\"/>", i);
    g_string_append(body, "</w:p>");
    char *doc = make_docx("bookmarks.docx", body->str);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 0));
    char *yaml = read_text(run.out);
    g_assert_cmpstr(yaml, ==, "form: " FORM_ID "\nproject:\n  name: 项目\n");
    g_free(yaml);
    run_clear(&run);
    g_string_free(body, TRUE);
    g_free(doc);
}

/* ---- ODT ---- */

/* 90,000 bookmarks of one field opened, then closed in the order they were opened or in
 * the reverse order: read in bounded time, and they name no value. */
static void many_bookmarks(gboolean reversed)
{
    GString *body = g_string_new("<text:p>");
    for (int i = 0; i < 90000; i++)
        g_string_append_printf(body, "<text:bookmark-start text:name=\"project.name#%d\"/>", i + 2);
    for (int k = 0; k < 90000; k++)
        g_string_append_printf(body, "<text:bookmark-end text:name=\"project.name#%d\"/>",
                               (reversed ? 90000 - 1 - k : k) + 2);
    g_string_append(body, "</text:p>");
    char *doc = make_odt(reversed ? "bookmarks-reversed.odt" : "bookmarks.odt", body->str);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 0));
    char *yaml = read_text(run.out);
    g_assert_cmpstr(yaml, ==, "form: " FORM_ID "\n");
    g_free(yaml);
    run_clear(&run);
    g_string_free(body, TRUE);
    g_free(doc);
}

static void test_many_bookmarks(void)
{
    many_bookmarks(FALSE);
}

static void test_many_bookmarks_reversed(void)
{
    many_bookmarks(TRUE);
}

/* 1000 bookmarks left open around 39 KB of text: refused, not copied 1000 times. */
static void test_open_bookmarks_text(void)
{
    GString *body = g_string_new("<text:p>");
    for (int i = 0; i < 1000; i++)
        g_string_append_printf(body, "<text:bookmark-start text:name=\"project.name#%d\"/>", i + 2);
    for (int i = 0; i < 3000; i++)
        g_string_append(body, "江北医疗0");
    g_string_append(body, "</text:p>");
    char *doc = make_odt("open-bookmarks.odt", body->str);
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 2));
    g_assert_cmpuint(run.out_len, ==, 0);
    assert_err_has(&run, "content.xml has more fields or field text than a document of its size can hold");
    run_clear(&run);
    g_string_free(body, TRUE);
    g_free(doc);
}

/* Not hostile, but made the same way: Enter pressed inside a one-line field in an ODT
 * (its bookmark now spans two paragraphs) is a line break of its value, not an empty
 * line; in a block field it is a new paragraph. */
static void test_enter_in_one_line_field(void)
{
    char *doc = make_odt("enter.odt",
                         "<text:p><text:bookmark-start text:name=\"project.name\"/>第一行</text:p>"
                         "<text:p>第二行<text:bookmark-end text:name=\"project.name\"/></text:p>"
                         "<text:p><text:bookmark-start text:name=\"plan.objective\"/>第一段</text:p>"
                         "<text:p>第二段<text:bookmark-end text:name=\"plan.objective\"/></text:p>");
    Run run = extract(doc, FALSE);
    g_assert_true(tu_check_exit(run.r, 0));
    char *yaml = read_text(run.out);
    g_assert_cmpstr(yaml, ==, "form: " FORM_ID "\nproject:\n  name: |-\n    第一行\n    第二行\nplan:\n  objective: |-\n"
                              "    第一段\n\n    第二段\n");
    g_free(yaml);
    run_clear(&run);
    g_free(doc);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    dir = tu_tmpdir_new();
    g_test_add_func("/extract-hostile/docx/nested-controls", test_nested_controls);
    g_test_add_func("/extract-hostile/docx/huge-indices", test_huge_indices);
    g_test_add_func("/extract-hostile/docx/unknown-paths", test_unknown_paths);
    g_test_add_func("/extract-hostile/docx/tag-form", test_tag_form);
    g_test_add_func("/extract-hostile/docx/report-place", test_report_place);
    g_test_add_func("/extract-hostile/docx/beyond-maximum", test_beyond_maximum);
    g_test_add_func("/extract-hostile/docx/90000-bookmarks", test_docx_bookmarks);
    g_test_add_func("/extract-hostile/odt/90000-bookmarks", test_many_bookmarks);
    g_test_add_func("/extract-hostile/odt/90000-bookmarks-closed-in-reverse", test_many_bookmarks_reversed);
    g_test_add_func("/extract-hostile/odt/open-bookmarks-around-text", test_open_bookmarks_text);
    g_test_add_func("/extract-hostile/odt/enter-in-one-line-field", test_enter_in_one_line_field);
    int rc = g_test_run();
    tu_rm_rf(dir);
    g_free(dir);
    return rc;
}
