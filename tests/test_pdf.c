/* End-to-end tests of the PDFs: the rendered sample and the blank form, read back with
 * poppler-utils and qpdf. */
#include "testutil.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

/* ---- the two PDFs, each made once and shared by the tests ---- */

typedef struct {
    const char *kind;     /* "sample" or "blank" */
    gboolean tried;
    char *dir;
    char *pdf;
    char *skip;           /* why it can't be made yet */
    char *failure;        /* why making it failed */
    char *text[2];        /* pdftotext output by TuTextMode, once read */
} Rendered;

static Rendered sample_pdf = { .kind = "sample" };
static Rendered blank_pdf = { .kind = "blank" };

/* Renders kind into dir; returns the PDF's path or NULL with *failure or *skip set. */
static char *render_into(const char *kind, const char *dir, char **failure, char **skip)
{
    g_autofree char *sample = tu_sample_path();
    TuRunOptions opts = { .timeout_s = 300 };
    g_autoptr(TuResult) r = NULL;
    if (g_str_equal(kind, "blank")) {
        r = tu_shenbao(&opts, "blank", TU_FORM, "-o", dir, NULL);
    } else if (g_file_test(sample, G_FILE_TEST_IS_REGULAR)) {
        r = tu_shenbao(&opts, "render", sample, "-o", dir, NULL);
    } else {
        *skip = g_strdup_printf("the sample %s is not there yet", sample);
        return NULL;
    }
    char *pdf = g_build_filename(dir, TU_FORM ".pdf", NULL);
    if (r->exited && r->status == 0 && g_file_test(pdf, G_FILE_TEST_IS_REGULAR))
        return pdf;
    g_autofree char *what = tu_result_describe(r);
    *failure = g_strdup_printf("no %s: %s", pdf, what);
    g_free(pdf);
    return NULL;
}

/* The PDF of kind, made on first use; NULL when the test was failed or skipped. */
static const char *get_pdf(Rendered *r)
{
    if (!r->tried) {
        r->tried = TRUE;
        r->dir = tu_tmpdir_new();
        r->pdf = render_into(r->kind, r->dir, &r->failure, &r->skip);
    }
    if (r->skip)
        tu_skip("%s", r->skip);
    else if (r->failure)
        tu_check(FALSE, "rendering the %s failed: %s", r->kind, r->failure);
    return r->pdf;
}

static const char *get_text(Rendered *r, TuTextMode mode)
{
    if (!get_pdf(r))
        return NULL;
    if (!r->text[mode]) {
        g_autofree char *why = NULL;
        r->text[mode] = tu_pdftotext(r->pdf, mode, &why);
        tu_check(r->text[mode] != NULL, "pdftotext cannot read %s: %s", r->pdf, why);
    }
    return r->text[mode];
}

static void rendered_clear(Rendered *r)
{
    tu_rm_rf(r->dir);
    g_free(r->dir);
    g_free(r->pdf);
    g_free(r->skip);
    g_free(r->failure);
    g_free(r->text[TU_TEXT_DEFAULT]);
    g_free(r->text[TU_TEXT_RAW]);
}

static Rendered *rendered_of(gconstpointer data)
{
    return g_str_equal(data, "blank") ? &blank_pdf : &sample_pdf;
}

/* ---- reporting many misses at once ---- */

#define MAX_REPORTED 40

typedef struct {
    GString *text;
    guint count;
} Misses;

static void miss(Misses *m, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void miss(Misses *m, const char *fmt, ...)
{
    if (!m->text)
        m->text = g_string_new(NULL);
    if (++m->count > MAX_REPORTED)
        return;
    va_list ap;
    va_start(ap, fmt);
    g_string_append(m->text, "\n  ");
    g_string_append_vprintf(m->text, fmt, ap);
    va_end(ap);
}

static void misses_report(Misses *m, const char *what)
{
    tu_check(m->count == 0, "%u %s:%s%s", m->count, what, m->text ? m->text->str : "",
             m->count > MAX_REPORTED ? "\n  …" : "");
    if (m->text)
        g_string_free(m->text, TRUE);
}

/* ---- every value of the sample is in the text ---- */

/* Raw text: in default mode pdftotext interleaves the lines of neighbouring table cells,
 * which would split values that wrap inside a narrow cell. */
static void test_sample_values(void)
{
    const char *text = get_text(&sample_pdf, TU_TEXT_RAW);
    if (!text)
        return;
    g_autofree char *sample = tu_sample_path();
    g_autofree char *why = NULL;
    g_autoptr(GPtrArray) scalars = tu_yaml_scalars(sample, &why);
    if (!tu_check(scalars != NULL, "cannot read the sample: %s", why))
        return;
    g_autofree char *folded = tu_fold_pdf_text(text);
    Misses m = { 0 };
    guint checked = 0;
    for (guint i = 0; i < scalars->len; i++) {
        const TuScalar *s = scalars->pdata[i];
        if (g_str_equal(s->path, "form") || s->kind == TU_SCALAR_NULL ||
            s->kind == TU_SCALAR_BOOL)
            continue;
        g_autofree char *value = tu_fold(s->text);
        if (!*value)
            continue;
        checked++;
        if (!strstr(folded, value))
            miss(&m, "%s: \"%.80s\"", s->path, s->text);
    }
    tu_check(checked > 0, "the sample has no values to look for");
    misses_report(&m, "values of the sample are not in the PDF's text");
}

/* ---- every label of the form is in the text ---- */

static void check_labels(Rendered *r, gboolean skip_repeats)
{
    xmlDoc *doc = tu_template_load();
    if (!doc)
        return;
    const char *text = get_text(r, TU_TEXT_RAW);
    if (text) {
        g_autoptr(GPtrArray) labels = tu_template_labels(doc, skip_repeats);
        g_autofree char *folded = tu_fold_pdf_text(text);
        Misses m = { 0 };
        for (guint i = 0; i < labels->len; i++)
            if (!strstr(folded, labels->pdata[i]))
                miss(&m, "\"%s\"", (const char *)labels->pdata[i]);
        tu_check(labels->len > 0, "the template has no labels");
        g_autofree char *what = g_strdup_printf("labels of the template are not in the %s PDF",
                                                r->kind);
        misses_report(&m, what);
    }
    xmlFreeDoc(doc);
}

static void test_blank_labels(void)
{
    check_labels(&blank_pdf, FALSE);
}

static void test_sample_labels(void)
{
    check_labels(&sample_pdf, TRUE);
}

/* ---- line breaking (clreq) ---- */

static const char start_prohibited[] = "，。、；：？！）》」』”’〕】〉…%·—～,.;:?!)";
static const char end_prohibited[] = "（《「『“‘〔【〈(";

static gboolean in_set(const char *set, gunichar c)
{
    char buf[8] = { 0 };
    g_unichar_to_utf8(c, buf);
    return strstr(set, buf) != NULL;
}

/* The line without leading and trailing whitespace (including U+3000 and form feeds). */
static char *trim(const char *line)
{
    const char *start = line;
    while (*start && g_unichar_isspace(g_utf8_get_char(start)))
        start = g_utf8_next_char(start);
    const char *end = start + strlen(start);
    while (end > start) {
        const char *prev = g_utf8_prev_char(end);
        if (!g_unichar_isspace(g_utf8_get_char(prev)))
            break;
        end = prev;
    }
    return g_strndup(start, end - start);
}

/* Inline elements that leave a gap in a blank form (and may in a filled one). */
static gboolean is_inline_gap(xmlNode *node)
{
    return tu_is_named(node, "field") || tu_is_named(node, "checks") || tu_is_named(node, "blank");
}

/* Text right after (after = TRUE) or right before an inline field: pdftotext's default
 * mode cuts a line at the wide gap of a field, so "比例：____%" comes out as a line "%".
 * Such fragments are not line starts or ends of the typesetting. */
static void collect_gap_texts(xmlNode *node, gboolean after, GPtrArray *texts)
{
    for (; node; node = node->next) {
        gboolean text = node->type == XML_TEXT_NODE;
        xmlNode *neighbour = after ? node->prev : node->next;
        if (text && neighbour && is_inline_gap(neighbour))
            tu_add_folded(texts, (const char *)node->content);
        if (node->type == XML_ELEMENT_NODE)
            collect_gap_texts(node->children, after, texts);
    }
}

static gboolean is_gap_fragment(const char *line, GPtrArray *texts, gboolean after)
{
    g_autofree char *folded = tu_fold(line);
    gsize n = strlen(folded);
    for (guint i = 0; i < texts->len; i++) {
        const char *t = texts->pdata[i];
        gsize m = strlen(t), k = MIN(n, m);
        if (after ? strncmp(folded, t, k) == 0 : strcmp(folded + n - k, t + m - k) == 0)
            return TRUE;
    }
    return FALSE;
}

typedef struct {
    GPtrArray *after, *before;   /* folded texts next to inline fields */
} GapTexts;

static void check_line(const char *line, guint number, const GapTexts *gaps, Misses *m)
{
    gunichar first = g_utf8_get_char(line);
    gunichar last = g_utf8_get_char(g_utf8_prev_char(line + strlen(line)));
    if (in_set(start_prohibited, first) && !is_gap_fragment(line, gaps->after, TRUE))
        miss(m, "line %u starts with closing punctuation: \"%s\"", number, line);
    if (in_set(end_prohibited, last) && !is_gap_fragment(line, gaps->before, FALSE))
        miss(m, "line %u ends with opening punctuation: \"%s\"", number, line);
}

/* Default mode: each table cell's lines are lines of their own there. */
static void check_line_breaks(Rendered *r)
{
    xmlDoc *doc = tu_template_load();
    if (!doc)
        return;
    const char *text = get_text(r, TU_TEXT_DEFAULT);
    if (text) {
        GapTexts gaps = { g_ptr_array_new_with_free_func(g_free),
                          g_ptr_array_new_with_free_func(g_free) };
        collect_gap_texts(xmlDocGetRootElement(doc), TRUE, gaps.after);
        collect_gap_texts(xmlDocGetRootElement(doc), FALSE, gaps.before);
        g_autofree char *valid = g_utf8_make_valid(text, -1);
        g_auto(GStrv) lines = g_strsplit(valid, "\n", -1);
        Misses m = { 0 };
        for (guint i = 0; lines[i]; i++) {
            g_autofree char *line = trim(lines[i]);
            if (*line && !tu_is_page_number(line))
                check_line(line, i + 1, &gaps, &m);
        }
        g_autofree char *what = g_strdup_printf("line-breaking faults in the %s PDF", r->kind);
        misses_report(&m, what);
        g_ptr_array_free(gaps.after, TRUE);
        g_ptr_array_free(gaps.before, TRUE);
    }
    xmlFreeDoc(doc);
}

static void test_line_breaks(gconstpointer data)
{
    check_line_breaks(rendered_of(data));
}

/* ---- structure: qpdf, fonts, metadata, page size, outline ---- */

static void test_qpdf_check(gconstpointer data)
{
    Rendered *r = rendered_of(data);
    if (!tu_require_tool("qpdf") || !get_pdf(r))
        return;
    const char *argv[] = { "qpdf", "--check", r->pdf, NULL };
    g_autoptr(TuResult) q = tu_run(argv, NULL);
    if (tu_check_exit(q, 0))
        tu_check(strstr(q->out, "No syntax or stream encoding errors") != NULL,
                 "qpdf --check did not confirm the file:\n%s", q->out);
}

/* A pdffonts row ends "emb sub uni object-number generation". */
static void check_font_row(const char *row, Misses *m, guint *fonts)
{
    g_auto(GStrv) cols = g_strsplit_set(row, " \t", -1);
    GPtrArray *tokens = g_ptr_array_new();
    for (char **c = cols; *c; c++)
        if (**c)
            g_ptr_array_add(tokens, *c);
    if (tokens->len >= 6) {
        const char *emb = tokens->pdata[tokens->len - 5];
        (*fonts)++;
        if (!g_str_equal(emb, "yes"))
            miss(m, "not embedded: %s", row);
    }
    g_ptr_array_free(tokens, TRUE);
}

static void test_fonts_embedded(gconstpointer data)
{
    Rendered *r = rendered_of(data);
    if (!tu_require_tool("pdffonts") || !get_pdf(r))
        return;
    const char *argv[] = { "pdffonts", r->pdf, NULL };
    g_autoptr(TuResult) f = tu_run(argv, NULL);
    if (!tu_check_exit(f, 0))
        return;
    g_auto(GStrv) rows = g_strsplit(f->out, "\n", -1);
    Misses m = { 0 };
    guint fonts = 0;
    for (guint i = 2; i < g_strv_length(rows); i++)
        if (*rows[i])
            check_font_row(rows[i], &m, &fonts);
    tu_check(fonts > 0, "pdffonts lists no fonts:\n%s", f->out);
    misses_report(&m, "fonts are not embedded");
}

static void test_reproducible(gconstpointer data)
{
    Rendered *r = rendered_of(data);
    if (!get_pdf(r))
        return;
    /* a second later, into another directory: neither may show in the bytes */
    g_usleep(1100 * 1000);
    g_autofree char *dir = tu_tmpdir_new();
    g_autofree char *failure = NULL, *skip = NULL, *why = NULL;
    g_autofree char *again = render_into(r->kind, dir, &failure, &skip);
    if (tu_check(again != NULL, "rendering the %s again failed: %s", r->kind, failure)) {
        gboolean same = tu_files_equal(r->pdf, again, &why);
        tu_check(same, "two renders differ: %s", why);
    }
    tu_rm_rf(dir);
}

/* The value of "Key:   value" in pdfinfo's output, or NULL. */
static char *info_value(const char *info, const char *key)
{
    g_auto(GStrv) lines = g_strsplit(info, "\n", -1);
    g_autofree char *prefix = g_strdup_printf("%s:", key);
    for (char **l = lines; *l; l++)
        if (g_str_has_prefix(*l, prefix))
            return trim(*l + strlen(prefix));
    return NULL;
}

static TuResult *pdfinfo(const char *pdf, const char *first, const char *last)
{
    const char *plain[] = { "pdfinfo", pdf, NULL };
    const char *pages[] = { "pdfinfo", "-f", first, "-l", last, pdf, NULL };
    TuResult *r = tu_run(first ? pages : plain, NULL);
    if (tu_check_exit(r, 0))
        return r;
    tu_result_free(r);
    return NULL;
}

static void test_title(gconstpointer data)
{
    Rendered *r = rendered_of(data);
    if (!tu_require_tool("pdfinfo"))
        return;
    xmlDoc *doc = tu_template_load();
    if (!doc)
        return;
    g_autofree char *want = tu_template_attr(doc, "title");
    xmlFreeDoc(doc);
    g_autoptr(TuResult) info = get_pdf(r) ? pdfinfo(r->pdf, NULL, NULL) : NULL;
    if (!info)
        return;
    g_autofree char *title = info_value(info->out, "Title");
    tu_check(want && title && g_str_equal(title, want), "the PDF's Title is \"%s\", not \"%s\"",
             title ? title : "(none)", want ? want : "(no title in the template)");
}

static gboolean is_a4(const char *line)
{
    const char *size = strstr(line, "size:");
    double w = 0, h = 0;
    if (!size || sscanf(size, "size: %lf x %lf", &w, &h) != 2)
        return FALSE;
    return lround(w) == 595 && lround(h) == 842;
}

static void test_a4(gconstpointer data)
{
    Rendered *r = rendered_of(data);
    if (!tu_require_tool("pdfinfo") || !get_pdf(r))
        return;
    g_autoptr(TuResult) info = pdfinfo(r->pdf, NULL, NULL);
    g_autofree char *pages = info ? info_value(info->out, "Pages") : NULL;
    if (!tu_check(pages && atoi(pages) > 0, "pdfinfo shows no pages"))
        return;
    g_autoptr(TuResult) sizes = pdfinfo(r->pdf, "1", pages);
    if (!sizes)
        return;
    g_auto(GStrv) lines = g_strsplit(sizes->out, "\n", -1);
    Misses m = { 0 };
    guint seen = 0;
    for (char **l = lines; *l; l++) {
        if (!g_str_has_prefix(*l, "Page ") || !strstr(*l, "size:"))
            continue;
        seen++;
        if (!is_a4(*l))
            miss(&m, "%s", *l);
    }
    tu_check(seen == (guint)atoi(pages), "pdfinfo listed %u page sizes for %s pages", seen, pages);
    misses_report(&m, "pages are not A4 (595 x 842 pt)");
}

/* ---- the outline ---- */

static void collect_outline_titles(JsonArray *items, GPtrArray *titles)
{
    for (guint i = 0; items && i < json_array_get_length(items); i++) {
        JsonNode *n = json_array_get_element(items, i);
        if (!JSON_NODE_HOLDS_OBJECT(n))
            continue;
        JsonObject *o = json_node_get_object(n);
        const char *title = json_object_get_string_member_with_default(o, "title", "");
        g_ptr_array_add(titles, tu_fold(title));
        JsonNode *kids = json_object_get_member(o, "kids");
        if (kids && JSON_NODE_HOLDS_ARRAY(kids))
            collect_outline_titles(json_node_get_array(kids), titles);
    }
}

/* The outline's titles (folded) by qpdf --json; NULL when the test was failed or skipped. */
static GPtrArray *outline_titles(const char *pdf)
{
    const char *argv[] = { "qpdf", "--json=2", "--json-key=outlines", pdf, NULL };
    g_autoptr(TuResult) q = tu_run(argv, NULL);
    if (q->exited && q->status == 2 && strstr(q->err, "json")) {
        tu_skip("this qpdf cannot print the outline as JSON: %s", q->err);
        return NULL;
    }
    if (!tu_check_exit(q, 0))
        return NULL;
    g_autoptr(JsonParser) parser = json_parser_new();
    if (!tu_check(json_parser_load_from_data(parser, q->out, q->out_len, NULL),
                  "qpdf printed no JSON"))
        return NULL;
    JsonNode *root = json_parser_get_root(parser);
    JsonObject *o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    JsonNode *outlines = o ? json_object_get_member(o, "outlines") : NULL;
    if (!tu_check(outlines && JSON_NODE_HOLDS_ARRAY(outlines), "qpdf's JSON has no outlines"))
        return NULL;
    GPtrArray *titles = g_ptr_array_new_with_free_func(g_free);
    collect_outline_titles(json_node_get_array(outlines), titles);
    return titles;
}

/* The text of a <title>: its text and <b> children, folded. */
static char *title_text(xmlNode *title)
{
    GString *s = g_string_new(NULL);
    for (xmlNode *c = title->children; c; c = c->next) {
        xmlNode *t = tu_is_named(c, "b") ? c->children : c;
        if (t && t->type == XML_TEXT_NODE)
            g_string_append(s, (const char *)t->content);
    }
    g_autofree char *raw = g_string_free(s, FALSE);
    return tu_fold(raw);
}

static gboolean outline_excluded(xmlNode *node)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)"outline");
    gboolean excluded = v && (xmlStrEqual(v, (const xmlChar *)"false") ||
                              xmlStrEqual(v, (const xmlChar *)"0"));
    xmlFree(v);
    return excluded;
}

static void collect_titles(xmlNode *node, GPtrArray *titles)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (tu_is_named(node, "title") && !outline_excluded(node)) {
            char *t = title_text(node);
            if (*t)
                g_ptr_array_add(titles, t);
            else
                g_free(t);
        }
        collect_titles(node->children, titles);
    }
}

static void test_outline(gconstpointer data)
{
    Rendered *r = rendered_of(data);
    if (!tu_require_tool("qpdf"))
        return;
    xmlDoc *doc = tu_template_load();
    if (!doc)
        return;
    g_autoptr(GPtrArray) outline = get_pdf(r) ? outline_titles(r->pdf) : NULL;
    if (outline && tu_check(outline->len > 0, "the %s PDF has no outline", r->kind)) {
        g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func(g_free);
        collect_titles(xmlDocGetRootElement(doc), titles);
        Misses m = { 0 };
        for (guint i = 0; i < titles->len; i++)
            if (!g_ptr_array_find_with_equal_func(outline, titles->pdata[i], g_str_equal, NULL))
                miss(&m, "\"%s\"", (const char *)titles->pdata[i]);
        misses_report(&m, "titles of the form are not in the outline");
    }
    xmlFreeDoc(doc);
}

/* ---- registration ---- */

static void add_both(const char *name, GTestDataFunc func)
{
    static const char *const kinds[] = { "sample", "blank" };
    for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
        g_autofree char *path = g_strdup_printf("/pdf/%s/%s", kinds[i], name);
        g_test_add_data_func(path, kinds[i], func);
    }
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    g_test_init(&argc, &argv, NULL);
    /* a failed case reports and the others still run */
    g_test_set_nonfatal_assertions();

    g_test_add_func("/pdf/sample/values", test_sample_values);
    g_test_add_func("/pdf/sample/labels", test_sample_labels);
    g_test_add_func("/pdf/blank/labels", test_blank_labels);
    add_both("line-breaks", test_line_breaks);
    add_both("qpdf-check", test_qpdf_check);
    add_both("fonts-embedded", test_fonts_embedded);
    add_both("reproducible", test_reproducible);
    add_both("title", test_title);
    add_both("a4", test_a4);
    add_both("outline", test_outline);

    int status = g_test_run();
    rendered_clear(&sample_pdf);
    rendered_clear(&blank_pdf);
    return status;
}
