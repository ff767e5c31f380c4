/* The public API as a program that links libshenbao sees it: only the installed header
 * and the exported functions (and the tests' own helpers for temporary folders).  Data
 * from memory, diagnostics one by one with their data paths, the three writers to a
 * file, a stream and bytes giving the same bytes, stream failures, folders of custom
 * forms layered over the installed ones, g_autoptr. */
#include <shenbao/shenbao.h>

#include "testutil.h"

#include <malloc.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

static const char *source_dir(void)
{
    const char *dir = g_getenv("SHENBAO_SOURCE");
    g_assert_nonnull(dir);
    return dir;
}

static char *sample_text(const char *form, gsize *len)
{
    g_autofree char *name = g_strconcat(form, ".yaml", NULL);
    g_autofree char *path = g_build_filename(source_dir(), "samples", name, NULL);
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, len, NULL));
    return text;
}

/* The installed data as sb_catalog_open(NULL) finds it (main() clears SHENBAO_DATADIR). */
static SbCatalog *open_catalog(void)
{
    g_autoptr(GError) error = NULL;
    SbCatalog *cat = sb_catalog_open(NULL, &error);
    g_assert_no_error(error);
    return cat;
}

/* The text with `from` (which must be there, once) replaced by `to`. */
static char *replace_once(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    g_assert_nonnull(at);
    g_assert_null(strstr(at + 1, from));
    return g_strdup_printf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static const SbDiagnostic *find_error(const SbDiagnostics *diags, const char *path)
{
    for (guint i = 0; i < sb_diagnostics_size(diags); i++) {
        const SbDiagnostic *d = sb_diagnostics_get(diags, i);
        if (sb_diagnostic_severity(d) == SB_ERROR && g_strcmp0(sb_diagnostic_path(d), path) == 0)
            return d;
    }
    g_autofree char *all = sb_diagnostics_format(diags);
    g_error("no error at the path %s among:\n%s", path, all);
}

static void test_version(void)
{
    g_assert_cmpstr(sb_version(), ==, SB_EXPECTED_VERSION);
}

/* ---- data from memory, diagnostics one by one ---- */

static void test_load_bytes_yaml(void)
{
    g_autoptr(SbCatalog) cat = open_catalog();
    gsize len;
    g_autofree char *text = sample_text("miit-2025-application", &len);
    /* The check character of this credit code is D; C is wrong. */
    g_autofree char *bad = replace_once(text, "\"91320594MA1N7K2Q8D\"", "\"91320594MA1N7K2Q8C\"");
    g_autoptr(GBytes) bytes = g_bytes_new(bad, strlen(bad));
    g_autoptr(SbDiagnostics) diags = sb_diagnostics_new();
    g_autoptr(SbData) data = sb_data_load_bytes(bytes, "upload.yaml", diags);
    g_assert_nonnull(data);
    g_assert_cmpstr(sb_data_form_id(data), ==, "miit-2025-application");
    SbForm *form = sb_catalog_form_of(cat, data, diags, NULL);
    g_assert_nonnull(form);
    g_assert_false(sb_check(form, data, diags));

    const SbDiagnostic *d = find_error(diags, "lead_enterprise.credit_code");
    g_assert_cmpstr(sb_diagnostic_file(d), ==, "upload.yaml");
    /* credit_code: "91320594MA1N7K2Q8C" — the value starts at column 16 of its line. */
    const char *line_start = strstr(bad, "  credit_code: \"91320594MA1N7K2Q8C\"");
    guint line = 1;
    for (const char *p = bad; p < line_start; p++)
        line += *p == '\n';
    g_assert_cmpuint(sb_diagnostic_line(d), ==, line);
    g_assert_cmpuint(sb_diagnostic_column(d), ==, 16);
    g_assert_nonnull(strstr(sb_diagnostic_message(d, SB_LANGUAGE_CHINESE), "统一社会信用代码"));
    g_assert_nonnull(strstr(sb_diagnostic_message(d, SB_LANGUAGE_ENGLISH), "check character"));
    g_assert_null(strstr(sb_diagnostic_message(d, SB_LANGUAGE_ENGLISH), "upload.yaml"));
    g_assert_null(sb_diagnostics_get(diags, sb_diagnostics_size(diags)));
}

/* Paths number list items from 0; a key that is not first in its map has its own path;
 * a value of the wrong kind has the path it stands at. */
static void test_diagnostic_paths(void)
{
    g_autoptr(SbCatalog) cat = open_catalog();
    gsize len;
    g_autofree char *text = sample_text("miit-2025-application", &len);
    g_autofree char *typo = replace_once(text, "      ratio: 15.20\n", "      ratoi: 15.20\n");
    g_autofree char *listed = replace_once(typo, "  legal_rep: 孙怀瑾\n", "  legal_rep:\n    - 孙怀瑾\n");
    g_autoptr(GBytes) bytes = g_bytes_new_static(listed, strlen(listed));
    g_autoptr(SbDiagnostics) diags = sb_diagnostics_new();
    g_autoptr(SbData) data = sb_data_load_bytes(bytes, NULL, diags);
    g_assert_nonnull(data);
    SbForm *form = sb_catalog_form_of(cat, data, diags, NULL);
    g_assert_false(sb_check(form, data, diags));
    const SbDiagnostic *unknown = find_error(diags, "lead_enterprise.shareholders[1].ratoi");
    g_assert_nonnull(strstr(sb_diagnostic_message(unknown, SB_LANGUAGE_ENGLISH), "ratoi"));
    g_assert_null(sb_diagnostic_file(unknown));
    const SbDiagnostic *kind = find_error(diags, "lead_enterprise.legal_rep");
    g_assert_nonnull(strstr(sb_diagnostic_message(kind, SB_LANGUAGE_ENGLISH), "list"));
}

/* No name: JSON is recognised by its content; a syntax error has a position, no path. */
static void test_load_bytes_json_and_errors(void)
{
    const char json[] = "{\"form\": \"miit-2025-review\", \"x\": [1, 2,]}";
    g_autoptr(GBytes) bytes = g_bytes_new_static(json, sizeof json - 1);
    g_autoptr(SbDiagnostics) diags = sb_diagnostics_new();
    g_assert_null(sb_data_load_bytes(bytes, NULL, diags));
    g_assert_cmpuint(sb_diagnostics_size(diags), ==, 1);
    const SbDiagnostic *d = sb_diagnostics_get(diags, 0);
    g_assert_cmpuint(sb_diagnostic_line(d), ==, 1);
    g_assert_cmpuint(sb_diagnostic_column(d), >, 30);
    g_assert_null(sb_diagnostic_path(d));
    g_assert_false(sb_diagnostics_io_failed(diags));

    /* Over the size limit: refused before it is parsed. */
    gsize big = 8 * 1024 * 1024 + 1;
    char *huge = g_malloc(big);
    memset(huge, 'a', big);
    g_autoptr(GBytes) too_big = g_bytes_new_take(huge, big);
    g_autoptr(SbDiagnostics) diags2 = sb_diagnostics_new();
    g_assert_null(sb_data_load_bytes(too_big, "big.yaml", diags2));
    g_assert_cmpuint(sb_diagnostics_count(diags2, SB_ERROR), ==, 1);
    g_assert_cmpstr(sb_diagnostic_file(sb_diagnostics_get(diags2, 0)), ==, "big.yaml");

    /* A NUL in the middle is a control character like any other, with its position. */
    const char nul[] = "form: miit-2025-review\nname: a\0b\n";
    g_autoptr(GBytes) with_nul = g_bytes_new_static(nul, sizeof nul - 1);
    g_autoptr(SbDiagnostics) diags3 = sb_diagnostics_new();
    g_assert_null(sb_data_load_bytes(with_nul, "nul.yaml", diags3));
    g_assert_cmpuint(sb_diagnostic_line(sb_diagnostics_get(diags3, 0)), ==, 2);
}

/* ---- writers: a file, a stream and bytes are the same bytes ---- */

typedef struct {
    SbCatalog *cat;
    SbFonts *fonts;
    SbDocument *doc;
    char *dir;
} Written;

static void written_init(Written *w, const char *form_id)
{
    w->cat = open_catalog();
    g_autoptr(GError) error = NULL;
    w->fonts = sb_fonts_open(w->cat, &error);
    g_assert_no_error(error);
    gsize len;
    g_autofree char *text = sample_text(form_id, &len);
    g_autoptr(GBytes) bytes = g_bytes_new_take(g_steal_pointer(&text), len);
    g_autoptr(SbDiagnostics) diags = sb_diagnostics_new();
    g_autoptr(SbData) data = sb_data_load_bytes(bytes, "sample.yaml", diags);
    SbForm *form = sb_catalog_form_of(w->cat, data, diags, NULL);
    g_assert_true(sb_check(form, data, diags));
    w->doc = sb_bind(form, data);
    w->dir = tu_tmpdir_new();
}

static void written_clear(Written *w)
{
    tu_rm_rf(w->dir);
    g_free(w->dir);
    sb_document_free(w->doc);
    sb_fonts_free(w->fonts);
    sb_catalog_free(w->cat);
}

static GBytes *read_back(const char *path)
{
    char *text = NULL;
    gsize len = 0;
    g_assert_true(g_file_get_contents(path, &text, &len, NULL));
    return g_bytes_new_take(text, len);
}

static GBytes *stream_output(Written *w, const char *format)
{
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable();
    g_autoptr(GError) error = NULL;
    gboolean ok = g_str_equal(format, "pdf") ? sb_write_pdf_to_stream(w->doc, w->fonts, out, NULL, &error)
                : g_str_equal(format, "docx") ? sb_write_docx_to_stream(w->doc, out, NULL, &error)
                : sb_write_odt_to_stream(w->doc, out, NULL, &error);
    g_assert_no_error(error);
    g_assert_true(ok);
    g_assert_true(g_output_stream_close(out, NULL, NULL));
    return g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(out));
}

static void test_writers_agree(void)
{
    Written w = {0};
    written_init(&w, "cq-2025-plan");
    static const char *const formats[] = {"pdf", "docx", "odt"};
    static const char *const magic[] = {"%PDF-", "PK\x03\x04", "PK\x03\x04"};
    for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
        g_autofree char *name = g_strconcat("plan.", formats[i], NULL);
        g_autofree char *path = g_build_filename(w.dir, name, NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;
        gboolean ok;
        if (i == 0) {
            ok = sb_write_pdf(w.doc, w.fonts, path, &error);
            bytes = sb_write_pdf_to_bytes(w.doc, w.fonts, &error);
        } else if (i == 1) {
            ok = sb_write_docx(w.doc, path, &error);
            bytes = sb_write_docx_to_bytes(w.doc, &error);
        } else {
            ok = sb_write_odt(w.doc, path, &error);
            bytes = sb_write_odt_to_bytes(w.doc, &error);
        }
        g_assert_no_error(error);
        g_assert_true(ok);
        g_autoptr(GBytes) file = read_back(path);
        g_autoptr(GBytes) streamed = stream_output(&w, formats[i]);
        g_assert_cmpuint(g_bytes_get_size(bytes), >, 1000);
        g_assert_true(memcmp(g_bytes_get_data(bytes, NULL), magic[i], strlen(magic[i])) == 0);
        g_assert_true(g_bytes_equal(bytes, file));
        g_assert_true(g_bytes_equal(bytes, streamed));
    }
    /* Only the three files: no temporary left beside them. */
    GDir *d = g_dir_open(w.dir, 0, NULL);
    guint n = 0;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    g_assert_cmpuint(n, ==, 3);
    written_clear(&w);
}

/* A stream with room for 2000 bytes: the writers report the stream's own error. */
static void test_stream_failure(void)
{
    Written w = {0};
    written_init(&w, "miit-2025-review");
    char room[2000];
    for (guint i = 0; i < 3; i++) {
        g_autoptr(GOutputStream) out = g_memory_output_stream_new(room, sizeof room, NULL, NULL);
        g_autoptr(GError) error = NULL;
        gboolean ok = i == 0 ? sb_write_pdf_to_stream(w.doc, w.fonts, out, NULL, &error)
                    : i == 1 ? sb_write_docx_to_stream(w.doc, out, NULL, &error)
                    : sb_write_odt_to_stream(w.doc, out, NULL, &error);
        g_assert_false(ok);
        g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    }
    /* Cancelled before it starts: nothing is written. */
    g_autoptr(GCancellable) cancel = g_cancellable_new();
    g_cancellable_cancel(cancel);
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable();
    g_autoptr(GError) error = NULL;
    g_assert_false(sb_write_odt_to_stream(w.doc, out, cancel, &error));
    g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint(g_memory_output_stream_get_data_size(G_MEMORY_OUTPUT_STREAM(out)), ==, 0);

    /* A file that can't be made: an error naming it, and no file. */
    g_autofree char *nowhere = g_build_filename(w.dir, "missing", "x.pdf", NULL);
    g_autoptr(GError) error2 = NULL;
    g_assert_false(sb_write_pdf(w.doc, w.fonts, nowhere, &error2));
    g_assert_error(error2, SHENBAO_ERROR, SB_ERROR_IO);
    g_assert_nonnull(strstr(error2->message, nowhere));
    written_clear(&w);
}

/* ---- folders of custom forms ---- */

static const char custom_form[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<form xmlns=\"urn:shenbao:form:1\" id=\"%s\" edition=\"2099\" title=\"%s\" source=\"自定义\">\n"
    "  <page>\n"
    "    <title>%s</title>\n"
    "    <table widths=\"40 116\">\n"
    "      <row><cell>方向</cell><cell><field path=\"direction\" label=\"申报方向\" list=\"cq-2025-directions\"/></cell></row>\n"
    "      <row><cell>联系人</cell><cell><field path=\"contact\" label=\"联系人\" required=\"true\"/></cell></row>\n"
    "    </table>\n"
    "  </page>\n"
    "</form>\n";

static const char custom_list[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<list xmlns=\"urn:shenbao:list:1\" id=\"cq-2025-directions\" title=\"改过的方向\" source=\"自定义\">\n"
    "  <item name=\"只此一项\"/>\n"
    "</list>\n";

static void write_text(const char *dir, const char *name, const char *text)
{
    g_assert_cmpint(g_mkdir_with_parents(dir, 0700), ==, 0);
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
}

/* A folder with a new form, a form replacing miit-2025-review, and a list replacing the
 * Chongqing directions. */
static char *make_custom_folder(void)
{
    char *root = tu_tmpdir_new();
    g_autofree char *edition = g_build_filename(root, "templates", "2099", NULL);
    g_autofree char *lists = g_build_filename(root, "templates", "lists", NULL);
    g_autofree char *mine = g_strdup_printf(custom_form, "my-form", "我的表", "我的表");
    g_autofree char *review = g_strdup_printf(custom_form, "miit-2025-review", "改过的审查表", "改过的审查表");
    write_text(edition, "my-form.xml", mine);
    write_text(edition, "review.xml", review);
    write_text(lists, "cq-2025-directions.xml", custom_list);
    return root;
}

static const SbFormInfo *info_of(const SbCatalog *cat, const char *id)
{
    for (guint i = 0; i < sb_catalog_size(cat); i++)
        if (g_str_equal(sb_catalog_info(cat, i)->id, id))
            return sb_catalog_info(cat, i);
    return NULL;
}

static void check_layered(SbCatalog *cat, guint installed)
{
    g_assert_cmpuint(sb_catalog_size(cat), ==, installed + 1);
    g_assert_cmpstr(info_of(cat, "my-form")->title, ==, "我的表");
    g_assert_cmpstr(info_of(cat, "miit-2025-review")->title, ==, "改过的审查表");
    const char *name, *group, *text;
    g_assert_true(sb_catalog_list_item(cat, "cq-2025-directions", 0, &name, &group, &text));
    g_assert_cmpstr(name, ==, "只此一项");
    g_assert_false(sb_catalog_list_item(cat, "cq-2025-directions", 1, &name, &group, &text));

    /* The new form's field takes its values from the replaced list. */
    g_autoptr(GError) error = NULL;
    SbForm *form = sb_catalog_form(cat, "my-form", &error);
    g_assert_no_error(error);
    const char good[] = "form: my-form\ndirection: 只此一项\ncontact: 顾一鸣\n";
    const char bad[] = "form: my-form\ndirection: 医学影像\n";
    g_autoptr(GBytes) good_bytes = g_bytes_new_static(good, sizeof good - 1);
    g_autoptr(GBytes) bad_bytes = g_bytes_new_static(bad, sizeof bad - 1);
    g_autoptr(SbDiagnostics) diags = sb_diagnostics_new();
    g_autoptr(SbData) good_data = sb_data_load_bytes(good_bytes, "good.yaml", diags);
    g_autoptr(SbData) bad_data = sb_data_load_bytes(bad_bytes, "bad.yaml", diags);
    g_assert_true(sb_check(form, good_data, diags));
    g_assert_false(sb_check(form, bad_data, diags));
    g_assert_nonnull(find_error(diags, "direction"));
    /* The missing field is reported at the top-level map: about the whole file. */
    const SbDiagnostic *missing = find_error(diags, NULL);
    g_assert_nonnull(strstr(sb_diagnostic_message(missing, SB_LANGUAGE_ENGLISH), "联系人"));
    g_assert_cmpstr(sb_diagnostic_file(missing), ==, "bad.yaml");
    g_autoptr(SbDocument) doc = sb_bind(form, good_data);
    g_autoptr(GBytes) docx = sb_write_docx_to_bytes(doc, &error);
    g_assert_no_error(error);
}

static void test_custom_folder(void)
{
    g_autoptr(SbCatalog) plain = open_catalog();
    guint installed = sb_catalog_size(plain);
    g_autofree char *folder = make_custom_folder();

    g_autoptr(SbCatalog) cat = open_catalog();
    g_autoptr(GError) error = NULL;
    g_assert_true(sb_catalog_add_folder(cat, folder, &error));
    g_assert_no_error(error);
    check_layered(cat, installed);

    g_assert_false(sb_catalog_add_folder(cat, "/nonexistent-shenbao-folder", &error));
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    tu_rm_rf(folder);
}

/* The same through SHENBAO_DATADIR, in processes of their own; first of all the tests,
 * since setenv() is for a program that has no threads yet. */
static void test_custom_folder_env(void)
{
    g_autofree char *folder = make_custom_folder();
    g_autofree char *both = g_strdup_printf("%s:%s/nowhere", folder, folder);
    const char *const settings[] = {folder, both};
    for (guint i = 0; i < G_N_ELEMENTS(settings); i++) {
        g_setenv("SHENBAO_TEST_FOLDERS", settings[i], TRUE);
        g_test_trap_subprocess("/api/catalog/env/child", 0, G_TEST_SUBPROCESS_DEFAULT);
        g_test_trap_assert_passed();
        g_test_trap_assert_stdout(i == 0 ? "*layered*" : "*refused*");
    }
    tu_rm_rf(folder);
}

/* SHENBAO_DATADIR set to $SHENBAO_TEST_FOLDERS before any thread. */
static void test_custom_folder_env_child(void)
{
    if (!g_test_subprocess())
        return;   /* run by test_custom_folder_env */
    g_setenv("SHENBAO_DATADIR", g_getenv("SHENBAO_TEST_FOLDERS"), TRUE);
    g_autoptr(GError) error = NULL;
    g_autoptr(SbCatalog) cat = sb_catalog_open(NULL, &error);
    if (!cat) {
        g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
        g_assert_nonnull(strstr(error->message, "SHENBAO_DATADIR"));
        g_print("refused\n");
        return;
    }
    g_setenv("SHENBAO_DATADIR", "", TRUE);
    g_autoptr(SbCatalog) plain = sb_catalog_open(NULL, &error);
    check_layered(cat, sb_catalog_size(plain));
    g_print("layered\n");
}

/* ---- the library from several threads, and what it keeps ---- */

#define THREADS 8

typedef struct {
    SbCatalog *cat;
    const char *id;
    GCond go;
    GMutex lock;
    gboolean started;
} Race;

static gpointer ask_form(gpointer data)
{
    Race *r = data;
    g_mutex_lock(&r->lock);
    while (!r->started)
        g_cond_wait(&r->go, &r->lock);
    g_mutex_unlock(&r->lock);
    g_autoptr(GError) error = NULL;
    SbForm *form = sb_catalog_form(r->cat, r->id, &error);
    g_assert_no_error(error);
    guint lists = sb_catalog_list_count(r->cat);
    g_assert_cmpuint(lists, >, 0);
    return form;
}

/* Threads asking for one form at once get the one form: loaded once, nothing leaked (run
 * by tools/tsan under ThreadSanitizer, which reports the race the lock prevents). */
static void test_catalog_form_threads(void)
{
    g_autoptr(SbCatalog) cat = open_catalog();
    Race r = { cat, "miit-2025-application" };
    g_cond_init(&r.go);
    g_mutex_init(&r.lock);
    GThread *threads[THREADS];
    for (guint i = 0; i < THREADS; i++)
        threads[i] = g_thread_new("form", ask_form, &r);
    g_mutex_lock(&r.lock);
    r.started = TRUE;
    g_cond_broadcast(&r.go);
    g_mutex_unlock(&r.lock);
    gpointer first = g_thread_join(threads[0]);
    for (guint i = 1; i < THREADS; i++)
        g_assert_true(g_thread_join(threads[i]) == first);
    g_assert_true(sb_catalog_form(cat, "miit-2025-application", NULL) == first);
    g_cond_clear(&r.go);
    g_mutex_clear(&r.lock);
}

static gsize heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/* Opening and freeing the fonts again and again holds no more memory than once: the
 * configuration's reference is dropped with the fonts. */
static void test_fonts_open_free(void)
{
    g_autoptr(SbCatalog) cat = open_catalog();
    g_autoptr(GError) error = NULL;
    for (guint i = 0; i < 2; i++)   /* what pango and fontconfig set up once */
        sb_fonts_free(sb_fonts_open(cat, &error));
    g_assert_no_error(error);
    gsize before = heap_in_use();
    for (guint i = 0; i < 41; i++) {
        SbFonts *fonts = sb_fonts_open(cat, &error);
        g_assert_no_error(error);
        sb_fonts_free(fonts);
    }
    gssize grown = (gssize) heap_in_use() - (gssize) before;
    g_test_message("41 opens and frees: the heap grew by %" G_GSSIZE_FORMAT " bytes", grown);
    g_assert_cmpint(grown, <, 41 * 1024);   /* it leaked 8.5 KB each */
}

/* ---- files written into a folder as one change ---- */

static gboolean write_hello(GOutputStream *out, gpointer data, GError **error)
{
    return g_output_stream_write_all(out, data, strlen(data), NULL, NULL, error);
}

static guint temporaries_in(const char *dir)
{
    g_autoptr(GPtrArray) names = tu_dir_names(dir);
    guint n = 0;
    for (guint i = 0; names && i < names->len; i++)
        n += g_str_has_suffix(names->pdata[i], ".tmp");
    return n;
}

static void test_file_set(void)
{
    g_autofree char *dir = tu_tmpdir_new();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *a = g_build_filename(out, "a.txt", NULL);
    g_autoptr(GError) error = NULL;
    SbFileSet *set = sb_file_set_new(out, FALSE);
    g_assert_true(sb_file_set_add(set, "a.txt", "one", &error));
    g_assert_false(sb_file_set_add(set, "A.TXT", "two", &error));   /* alike to a case-blind system */
    g_assert_error(error, SHENBAO_ERROR, SB_ERROR_IO);
    g_assert_nonnull(strstr(error->message, "written twice"));
    g_clear_error(&error);
    g_assert_true(sb_file_set_write(set, "a.txt", write_hello, "hello", &error));
    g_assert_false(g_file_test(a, G_FILE_TEST_EXISTS));   /* nothing in place before the commit */
    g_assert_cmpuint(temporaries_in(out), ==, 1);
    g_assert_true(sb_file_set_commit(set, &error));
    sb_file_set_free(set);
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(a, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "hello");
    g_assert_cmpuint(temporaries_in(out), ==, 0);

    set = sb_file_set_new(out, FALSE);   /* unchanged, from the same source: replaced */
    g_assert_true(sb_file_set_add(set, "a.txt", "one", &error));
    sb_file_set_free(set);
    set = sb_file_set_new(out, FALSE);   /* another source's: kept */
    g_assert_false(sb_file_set_add(set, "a.txt", "two", &error));
    g_clear_error(&error);
    sb_file_set_free(set);
    g_assert_true(g_file_set_contents(a, "edited", -1, NULL));
    set = sb_file_set_new(out, FALSE);   /* changed since: kept */
    g_assert_false(sb_file_set_add(set, "a.txt", "one", &error));
    g_assert_nonnull(strstr(error->message, "changed since"));
    g_clear_error(&error);
    sb_file_set_free(set);
    set = sb_file_set_new(out, TRUE);   /* forced */
    g_assert_true(sb_file_set_add(set, "a.txt", "one", &error));
    g_assert_true(sb_file_set_write(set, "a.txt", write_hello, "again", &error));
    sb_file_set_free(set);   /* not committed: the temporary goes, the file stays */
    g_clear_pointer(&text, g_free);
    g_assert_true(g_file_get_contents(a, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "edited");
    g_assert_cmpuint(temporaries_in(out), ==, 0);
    tu_rm_rf(dir);
}

/* What a program ending on a signal calls: every temporary of every set goes (in a child
 * process, as the library makes no file after it). */
static void test_discard_temporaries(void)
{
    if (g_test_subprocess()) {
        g_autofree char *dir = tu_tmpdir_new();
        SbFileSet *set = sb_file_set_new(dir, FALSE);
        g_assert_true(sb_file_set_add(set, "a.txt", "one", NULL));
        g_assert_true(sb_file_set_write(set, "a.txt", write_hello, "hello", NULL));
        g_assert_cmpuint(temporaries_in(dir), ==, 1);
        sb_discard_temporaries();
        g_assert_cmpuint(temporaries_in(dir), ==, 0);
        g_rmdir(dir);
        _exit(0);
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* The test environment points it at the source tree; these tests layer their own. */
    if (!g_test_subprocess())
        g_unsetenv("SHENBAO_DATADIR");
    g_test_add_func("/api/catalog/env", test_custom_folder_env);
    g_test_add_func("/api/catalog/env/child", test_custom_folder_env_child);
    g_test_add_func("/api/version", test_version);
    g_test_add_func("/api/threads/catalog-form", test_catalog_form_threads);
    g_test_add_func("/api/fonts/open-free", test_fonts_open_free);
    g_test_add_func("/api/file-set/one-change", test_file_set);
    g_test_add_func("/api/file-set/discard-temporaries", test_discard_temporaries);
    g_test_add_func("/api/load-bytes/yaml", test_load_bytes_yaml);
    g_test_add_func("/api/load-bytes/json-and-errors", test_load_bytes_json_and_errors);
    g_test_add_func("/api/diagnostics/paths", test_diagnostic_paths);
    g_test_add_func("/api/write/agree", test_writers_agree);
    g_test_add_func("/api/write/stream-failure", test_stream_failure);
    g_test_add_func("/api/catalog/custom-folder", test_custom_folder);
    return g_test_run();
}
