#include "testutil.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xinclude.h>
#include <yaml.h>

#define TU_DEFAULT_TIMEOUT_S 120
#define TU_DESCRIBE_MAX 3000

/* ---- failing and skipping ---- */

gboolean tu_check(gboolean ok, const char *fmt, ...)
{
    if (ok)
        return TRUE;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* the TAP line takes one line; stderr has the whole story */
    g_printerr("FAIL %s: %s\n", g_test_get_path(), msg);
    g_autofree char *first = g_strndup(msg, strcspn(msg, "\n"));
    g_test_fail_printf("%s%s", first, strchr(msg, '\n') ? " (details on stderr)" : "");
    g_free(msg);
    return FALSE;
}

void tu_skip(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_printerr("SKIP %s: %s\n", g_test_get_path(), msg);
    g_strdelimit(msg, "\n", ' ');
    g_test_skip(msg);
    g_free(msg);
}

gboolean tu_require_tool(const char *program)
{
    g_autofree char *found = g_find_program_in_path(program);
    if (found)
        return TRUE;
    tu_skip("%s is not installed, so this check cannot run", program);
    return FALSE;
}

char *tu_ooxml_validator(void)
{
    char *validator = g_build_filename(g_get_user_cache_dir(), "shenbao", "ooxml-validator", "node_modules",
                                       "@xarsh", "ooxml-validator-linux-x64", "ooxml-validator", NULL);
    if (g_file_test(validator, G_FILE_TEST_IS_EXECUTABLE))
        return validator;
    tu_skip("the Open XML SDK validator is not installed (./setup installs it): %s", validator);
    g_free(validator);
    return NULL;
}

/* ---- running commands ---- */

typedef struct {
    gboolean done;
    GBytes *out, *err;
    GError *error;
} Communication;

static void communicated(GObject *source, GAsyncResult *res, gpointer data)
{
    Communication *c = data;
    g_subprocess_communicate_finish(G_SUBPROCESS(source), res, &c->out, &c->err, &c->error);
    c->done = TRUE;
}

static void waited(GObject *source, GAsyncResult *res, gpointer data)
{
    gboolean *done = data;
    g_subprocess_wait_finish(G_SUBPROCESS(source), res, NULL);
    *done = TRUE;
}

static gboolean expire(gpointer data)
{
    *(gboolean *)data = TRUE;
    return G_SOURCE_REMOVE;
}

/* Iterates ctx until *done or the deadline flag is raised; TRUE when done. */
static gboolean iterate_until(GMainContext *ctx, const gboolean *done, const gboolean *expired)
{
    while (!*done && !*expired)
        g_main_context_iteration(ctx, TRUE);
    return *done;
}

static void bytes_into(GBytes *bytes, char **text, gsize *len)
{
    gsize n = 0;
    const char *data = bytes ? g_bytes_get_data(bytes, &n) : NULL;
    *text = g_malloc(n + 1);
    if (n)
        memcpy(*text, data, n);
    (*text)[n] = '\0';
    *len = n;
}

static GSubprocessLauncher *make_launcher(const TuRunOptions *opts)
{
    GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
    if (!opts)
        return l;
    if (opts->cwd)
        g_subprocess_launcher_set_cwd(l, opts->cwd);
    for (const char *const *e = opts->env; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq) {
            g_autofree char *name = g_strndup(*e, eq - *e);
            g_subprocess_launcher_setenv(l, name, eq + 1, TRUE);
        } else {
            g_subprocess_launcher_unsetenv(l, *e);
        }
    }
    return l;
}

static void collect_status(TuResult *r, GSubprocess *sp)
{
    if (g_subprocess_get_if_exited(sp)) {
        r->exited = TRUE;
        r->status = g_subprocess_get_exit_status(sp);
    } else if (g_subprocess_get_if_signaled(sp)) {
        r->signaled = TRUE;
        r->signal = g_subprocess_get_term_sig(sp);
    }
}

/* Runs the started process to its end, killing it at the deadline. */
static void finish(TuResult *r, GSubprocess *sp, GMainContext *ctx, guint timeout_s)
{
    Communication c = { 0 };
    gboolean expired = FALSE, exited = FALSE;
    GSource *timer = g_timeout_source_new_seconds(timeout_s);
    g_source_set_callback(timer, expire, &expired, NULL);
    g_source_attach(timer, ctx);

    GBytes *no_input = g_bytes_new_static("", 0);
    g_subprocess_communicate_async(sp, no_input, NULL, communicated, &c);
    g_bytes_unref(no_input);
    if (!iterate_until(ctx, &c.done, &expired)) {
        r->timed_out = TRUE;
        g_subprocess_force_exit(sp);
        expired = FALSE;
        iterate_until(ctx, &c.done, &expired);
    }
    g_subprocess_wait_async(sp, NULL, waited, &exited);
    if (!iterate_until(ctx, &exited, &expired)) {
        r->timed_out = TRUE;
        g_subprocess_force_exit(sp);
        expired = FALSE;
        iterate_until(ctx, &exited, &expired);
    }
    g_source_destroy(timer);
    g_source_unref(timer);

    bytes_into(c.out, &r->out, &r->out_len);
    bytes_into(c.err, &r->err, &r->err_len);
    g_clear_pointer(&c.out, g_bytes_unref);
    g_clear_pointer(&c.err, g_bytes_unref);
    g_clear_error(&c.error);
    collect_status(r, sp);
}

TuResult *tu_run(const char *const *argv, const TuRunOptions *opts)
{
    TuResult *r = g_new0(TuResult, 1);
    r->command = g_strjoinv(" ", (char **)argv);
    guint timeout_s = opts && opts->timeout_s ? opts->timeout_s : TU_DEFAULT_TIMEOUT_S;

    GSubprocessLauncher *launcher = make_launcher(opts);
    GMainContext *ctx = g_main_context_new();
    g_main_context_push_thread_default(ctx);
    gint64 start = g_get_monotonic_time();

    GError *error = NULL;
    GSubprocess *sp = g_subprocess_launcher_spawnv(launcher, argv, &error);
    if (sp) {
        r->spawned = TRUE;
        finish(r, sp, ctx, timeout_s);
        g_object_unref(sp);
    } else {
        r->out = g_strdup("");
        r->err = g_strdup(error->message);
        r->err_len = strlen(r->err);
        g_error_free(error);
    }
    r->seconds = (g_get_monotonic_time() - start) / 1e6;

    g_main_context_pop_thread_default(ctx);
    g_main_context_unref(ctx);
    g_object_unref(launcher);
    return r;
}

TuResult *tu_shenbao_argv(const TuRunOptions *opts, const char *const *args)
{
    const char *bin = g_getenv("SHENBAO_BIN");
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)(bin ? bin : "shenbao"));
    for (const char *const *a = args; *a; a++)
        g_ptr_array_add(argv, (gpointer)*a);
    g_ptr_array_add(argv, NULL);
    TuResult *r = tu_run((const char *const *)argv->pdata, opts);
    g_ptr_array_free(argv, TRUE);
    return r;
}

TuResult *tu_shenbao(const TuRunOptions *opts, ...)
{
    GPtrArray *args = g_ptr_array_new();
    va_list ap;
    va_start(ap, opts);
    for (const char *a = va_arg(ap, const char *); a; a = va_arg(ap, const char *))
        g_ptr_array_add(args, (gpointer)a);
    va_end(ap);
    g_ptr_array_add(args, NULL);
    TuResult *r = tu_shenbao_argv(opts, (const char *const *)args->pdata);
    g_ptr_array_free(args, TRUE);
    return r;
}

void tu_result_free(TuResult *r)
{
    if (!r)
        return;
    g_free(r->out);
    g_free(r->err);
    g_free(r->command);
    g_free(r);
}

/* At most TU_DESCRIBE_MAX bytes of output, made valid UTF-8 for the test log. */
static char *excerpt(const char *text, gsize len)
{
    gsize n = MIN(len, TU_DESCRIBE_MAX);
    g_autofree char *valid = g_utf8_make_valid(text, n);
    return g_strdup_printf("%s%s", valid, len > n ? " […]" : "");
}

char *tu_result_describe(const TuResult *r)
{
    g_autofree char *how = NULL;
    if (!r->spawned)
        how = g_strdup("could not be started");
    else if (r->timed_out)
        how = g_strdup("timed out and was killed");
    else if (r->signaled)
        how = g_strdup_printf("was killed by signal %d (%s)", r->signal, g_strsignal(r->signal));
    else
        how = g_strdup_printf("exited with status %d", r->status);
    g_autofree char *out = excerpt(r->out, r->out_len);
    g_autofree char *err = excerpt(r->err, r->err_len);
    return g_strdup_printf("`%s` %s after %.2f s\n--- stdout:\n%s\n--- stderr:\n%s", r->command,
                           how, r->seconds, out, err);
}

/* Text on stderr that means the program went wrong whatever its exit status. */
static const char *const crash_marks[] = {
    "Sanitizer", "runtime error:", "-CRITICAL **", "-WARNING **", "-ERROR **", NULL,
};

gboolean tu_check_no_crash(const TuResult *r)
{
    g_autofree char *what = tu_result_describe(r);
    if (!tu_check(r->spawned && !r->timed_out && r->exited, "%s", what))
        return FALSE;
    for (const char *const *m = crash_marks; *m; m++)
        if (!tu_check(strstr(r->err, *m) == NULL, "stderr reports \"%s\": %s", *m, what))
            return FALSE;
    return TRUE;
}

gboolean tu_check_exit(const TuResult *r, int expected)
{
    if (!tu_check_no_crash(r))
        return FALSE;
    g_autofree char *what = tu_result_describe(r);
    return tu_check(r->status == expected, "expected exit status %d: %s", expected, what);
}

/* ---- paths ---- */

const char *tu_source_dir(void)
{
    const char *dir = g_getenv("SHENBAO_SOURCE");
    return dir ? dir : "..";
}

char *tu_data_path(const char *name)
{
    return g_build_filename(tu_source_dir(), "tests", "data", name, NULL);
}

char *tu_template_path(void)
{
    return g_build_filename(tu_source_dir(), "templates", "2025", TU_FORM ".xml", NULL);
}

char *tu_sample_path(void)
{
    return g_build_filename(tu_source_dir(), "samples", TU_FORM ".yaml", NULL);
}

gboolean tu_require_file(const char *path, const char *what)
{
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    tu_skip("%s (%s) is not there yet, so this check cannot run", what, path);
    return FALSE;
}

/* ---- files and directories ---- */

char *tu_tmpdir_new(void)
{
    GError *error = NULL;
    char *dir = g_dir_make_tmp("shenbao-e2e-XXXXXX", &error);
    if (!dir)
        g_error("cannot make a temporary directory: %s", error->message);
    return dir;
}

void tu_rm_rf(const char *path)
{
    GStatBuf st;
    if (!path || g_lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        GDir *dir = g_dir_open(path, 0, NULL);
        const char *name;
        while (dir && (name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            tu_rm_rf(child);
        }
        if (dir)
            g_dir_close(dir);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *tu_dir_names(const char *path)
{
    GDir *dir = g_dir_open(path, 0, NULL);
    if (!dir)
        return NULL;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(dir)))
        g_ptr_array_add(names, g_strdup(name));
    g_dir_close(dir);
    g_ptr_array_sort(names, compare_names);
    return names;
}

char *tu_names_join(const GPtrArray *names)
{
    if (!names)
        return g_strdup("(unreadable)");
    if (names->len == 0)
        return g_strdup("(empty)");
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < names->len; i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", (const char *)names->pdata[i]);
    return g_string_free(s, FALSE);
}

gboolean tu_write_file(const char *path, const char *data, gssize len)
{
    GError *error = NULL;
    if (g_file_set_contents(path, data, len, &error))
        return TRUE;
    tu_check(FALSE, "cannot write %s: %s", path, error->message);
    g_error_free(error);
    return FALSE;
}

gboolean tu_copy_file(const char *from, const char *to)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    GError *error = NULL;
    if (!g_file_get_contents(from, &data, &len, &error)) {
        tu_check(FALSE, "cannot read %s: %s", from, error->message);
        g_error_free(error);
        return FALSE;
    }
    return tu_write_file(to, data, len);
}

gboolean tu_files_equal(const char *a, const char *b, char **why)
{
    g_autofree char *da = NULL, *db = NULL;
    gsize la = 0, lb = 0;
    if (!g_file_get_contents(a, &da, &la, NULL) || !g_file_get_contents(b, &db, &lb, NULL)) {
        *why = g_strdup_printf("cannot read %s or %s", a, b);
        return FALSE;
    }
    gsize i = 0;
    while (i < la && i < lb && da[i] == db[i])
        i++;
    if (i == la && i == lb)
        return TRUE;
    *why = g_strdup_printf("%s (%zu bytes) and %s (%zu bytes) first differ at byte %zu", a, la,
                           b, lb, i);
    return FALSE;
}

/* ---- text ---- */

char *tu_fold(const char *text)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    GString *s = g_string_new(NULL);
    for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c))
            g_string_append_unichar(s, c);
    }
    return g_string_free(s, FALSE);
}

char *tu_pdftotext(const char *pdf, TuTextMode mode, char **why)
{
    const char *plain[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    const char *raw[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
    g_autoptr(TuResult) r = tu_run(mode == TU_TEXT_RAW ? raw : plain, NULL);
    if (!r->exited || r->status != 0) {
        *why = tu_result_describe(r);
        return NULL;
    }
    return g_steal_pointer(&r->out);
}

gboolean tu_is_page_number(const char *line)
{
    return g_regex_match_simple("^\\s*—\\s*[0-9]+\\s*—\\s*$", line, 0, 0);
}

char *tu_fold_pdf_text(const char *text)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    g_auto(GStrv) lines = g_strsplit_set(valid, "\n\f", -1);
    GString *kept = g_string_new(NULL);
    for (char **l = lines; *l; l++)
        if (!tu_is_page_number(*l))
            g_string_append(kept, *l);
    g_autofree char *joined = g_string_free(kept, FALSE);
    return tu_fold(joined);
}

/* Parses "LINE:COL: " at p; returns the rest or NULL. */
static const char *parse_position(const char *p, int *line, int *col)
{
    char *end;
    long l = strtol(p, &end, 10);
    if (end == p || *end != ':')
        return NULL;
    p = end + 1;
    long c = strtol(p, &end, 10);
    if (end == p || *end != ':' || end[1] != ' ')
        return NULL;
    *line = (int)l;
    *col = (int)c;
    return end + 2;
}

static gboolean is_located_error(const char *text, const char *prefix, int want_line)
{
    gsize plen = strlen(prefix);
    if (strncmp(text, prefix, plen) != 0 || text[plen] != ':')
        return FALSE;
    int line = 0, col = 0;
    const char *rest = parse_position(text + plen + 1, &line, &col);
    if (!rest || line < 1 || col < 1 || (want_line && line != want_line))
        return FALSE;
    return g_str_has_prefix(rest, "error") || g_str_has_prefix(rest, "错误");
}

char *tu_find_located_error(const char *err, const char *prefix, int line)
{
    g_auto(GStrv) lines = g_strsplit(err, "\n", -1);
    for (char **l = lines; *l; l++)
        if (is_located_error(*l, prefix, line))
            return g_strdup(*l);
    return NULL;
}

gboolean tu_has_located_error(const char *err, const char *prefix, int line)
{
    g_autofree char *found = tu_find_located_error(err, prefix, line);
    return found != NULL;
}

char *tu_find_file_error(const char *err, const char *name)
{
    g_auto(GStrv) lines = g_strsplit(err, "\n", -1);
    for (char **l = lines; *l; l++)
        if (strstr(*l, name) && (strstr(*l, "error") || strstr(*l, "错误")))
            return g_strdup(*l);
    return NULL;
}

/* ---- the template ---- */

xmlDoc *tu_xml_load(const char *path)
{
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!tu_check(doc != NULL, "%s is not well-formed XML", path))
        return NULL;
    if (!tu_check(xmlXIncludeProcessFlags(doc, XML_PARSE_NONET) >= 0,
                  "the XIncludes of %s cannot be resolved", path)) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

xmlDoc *tu_template_load(void)
{
    g_autofree char *path = tu_template_path();
    if (!tu_require_file(path, "the template"))
        return NULL;
    return tu_xml_load(path);
}

char *tu_template_attr(xmlDoc *doc, const char *name)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlChar *value = root ? xmlGetProp(root, (const xmlChar *)name) : NULL;
    char *copy = value ? g_strdup((const char *)value) : NULL;
    xmlFree(value);
    return copy;
}

/* ---- YAML ---- */

typedef struct {
    yaml_document_t doc;
    gboolean loaded;
} YamlFile;

static gboolean yaml_file_load(YamlFile *y, const char *path, char **why)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    GError *error = NULL;
    if (!g_file_get_contents(path, &text, &len, &error)) {
        *why = g_strdup(error->message);
        g_error_free(error);
        return FALSE;
    }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    y->loaded = yaml_parser_load(&parser, &y->doc) && yaml_document_get_root_node(&y->doc);
    if (!y->loaded)
        *why = g_strdup_printf("%s:%zu:%zu: %s", path, parser.problem_mark.line + 1,
                               parser.problem_mark.column + 1,
                               parser.problem ? parser.problem : "no document");
    yaml_parser_delete(&parser);
    return y->loaded;
}

static void yaml_file_clear(YamlFile *y)
{
    if (y->loaded)
        yaml_document_delete(&y->doc);
    y->loaded = FALSE;
}

static gboolean matches(const char *pattern, const char *text)
{
    return g_regex_match_simple(pattern, text, 0, 0);
}

static TuScalarKind resolve_scalar(const yaml_node_t *node)
{
    const char *v = (const char *)node->data.scalar.value;
    if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return TU_SCALAR_STRING;
    if (matches("^(|~|null|Null|NULL)$", v))
        return TU_SCALAR_NULL;
    if (matches("^(true|True|TRUE|false|False|FALSE)$", v))
        return TU_SCALAR_BOOL;
    if (matches("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", v) ||
        matches("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$", v))
        return TU_SCALAR_NUMBER;
    return TU_SCALAR_STRING;
}

static JsonNode *scalar_to_json(const yaml_node_t *node)
{
    const char *v = (const char *)node->data.scalar.value;
    JsonNode *j = json_node_alloc();
    switch (resolve_scalar(node)) {
    case TU_SCALAR_NULL:
        return json_node_init_null(j);
    case TU_SCALAR_BOOL:
        return json_node_init_boolean(j, v[0] == 't' || v[0] == 'T');
    case TU_SCALAR_NUMBER:
        if (matches("^[-+]?[0-9]+$", v))
            return json_node_init_int(j, g_ascii_strtoll(v, NULL, 10));
        if (g_str_has_prefix(v, "0x") || g_str_has_prefix(v, "0o"))
            return json_node_init_int(j, g_ascii_strtoll(v + 2, NULL, v[1] == 'x' ? 16 : 8));
        return json_node_init_double(j, g_ascii_strtod(v, NULL));
    case TU_SCALAR_STRING:
        break;
    }
    return json_node_init_string(j, v);
}

static JsonNode *yaml_node_to_json(yaml_document_t *doc, yaml_node_t *node, int depth)
{
    if (!node || depth > 200)
        return json_node_init_null(json_node_alloc());
    if (node->type == YAML_SCALAR_NODE)
        return scalar_to_json(node);
    if (node->type == YAML_SEQUENCE_NODE) {
        JsonArray *array = json_array_new();
        for (yaml_node_item_t *i = node->data.sequence.items.start;
             i < node->data.sequence.items.top; i++)
            json_array_add_element(array,
                                   yaml_node_to_json(doc, yaml_document_get_node(doc, *i), depth + 1));
        return json_node_init_array(json_node_alloc(), array);
    }
    JsonObject *object = json_object_new();
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
         p++) {
        yaml_node_t *key = yaml_document_get_node(doc, p->key);
        if (key && key->type == YAML_SCALAR_NODE)
            json_object_set_member(object, (const char *)key->data.scalar.value,
                                   yaml_node_to_json(doc, yaml_document_get_node(doc, p->value),
                                                     depth + 1));
    }
    JsonNode *j = json_node_init_object(json_node_alloc(), object);
    json_object_unref(object);
    return j;
}

JsonNode *tu_yaml_to_json(const char *path, char **why)
{
    YamlFile y = { 0 };
    if (!yaml_file_load(&y, path, why))
        return NULL;
    JsonNode *root = yaml_node_to_json(&y.doc, yaml_document_get_root_node(&y.doc), 0);
    yaml_file_clear(&y);
    return root;
}

static void scalar_free(gpointer data)
{
    TuScalar *s = data;
    g_free(s->path);
    g_free(s->text);
    g_free(s);
}

static void collect_scalars(yaml_document_t *doc, yaml_node_t *node, const char *path,
                            GPtrArray *out, int depth)
{
    if (!node || depth > 200)
        return;
    if (node->type == YAML_SCALAR_NODE) {
        TuScalar *s = g_new0(TuScalar, 1);
        s->path = g_strdup(path);
        s->text = g_strdup((const char *)node->data.scalar.value);
        s->kind = resolve_scalar(node);
        g_ptr_array_add(out, s);
    } else if (node->type == YAML_SEQUENCE_NODE) {
        int n = 0;
        for (yaml_node_item_t *i = node->data.sequence.items.start;
             i < node->data.sequence.items.top; i++, n++) {
            g_autofree char *sub = g_strdup_printf("%s[%d]", path, n);
            collect_scalars(doc, yaml_document_get_node(doc, *i), sub, out, depth + 1);
        }
    } else {
        for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
             p < node->data.mapping.pairs.top; p++) {
            yaml_node_t *key = yaml_document_get_node(doc, p->key);
            const char *name = key && key->type == YAML_SCALAR_NODE
                                   ? (const char *)key->data.scalar.value : "?";
            g_autofree char *sub = *path ? g_strdup_printf("%s.%s", path, name) : g_strdup(name);
            collect_scalars(doc, yaml_document_get_node(doc, p->value), sub, out, depth + 1);
        }
    }
}

GPtrArray *tu_yaml_scalars(const char *path, char **why)
{
    YamlFile y = { 0 };
    if (!yaml_file_load(&y, path, why))
        return NULL;
    GPtrArray *out = g_ptr_array_new_with_free_func(scalar_free);
    collect_scalars(&y.doc, yaml_document_get_root_node(&y.doc), "", out, 0);
    yaml_file_clear(&y);
    return out;
}

/* ---- the labels of a form ---- */

static const char *const label_elements[] = { "annex", "title", "subtitle", "heading", "p",
                                              "note", "cell", "line", "b", NULL };

gboolean tu_is_named(xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, (const xmlChar *)name);
}

static gboolean holds_labels(xmlNode *node)
{
    if (g_strv_contains(label_elements, (const char *)node->name))
        return TRUE;
    /* options of a checkbox group are printed beside their boxes */
    return tu_is_named(node, "option") && tu_is_named(node->parent, "checks");
}

void tu_add_folded(GPtrArray *labels, const char *text)
{
    char *folded = tu_fold(text);
    if (*folded)
        g_ptr_array_add(labels, folded);
    else
        g_free(folded);
}

/* Text nodes of label-holding elements; with skip_repeats, not those inside a repeat
 * (a filled form shows a repeat's rows only for the items the data has). */
static void collect_labels(xmlNode *node, gboolean skip_repeats, GPtrArray *labels)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (skip_repeats && tu_is_named(node, "repeat"))
            continue;
        if (holds_labels(node))
            for (xmlNode *t = node->children; t; t = t->next)
                if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE)
                    tu_add_folded(labels, (const char *)t->content);
        if (tu_is_named(node, "seal")) {
            xmlChar *heading = xmlGetProp(node, (const xmlChar *)"heading");
            if (heading)
                tu_add_folded(labels, (const char *)heading);
            xmlFree(heading);
        }
        collect_labels(node->children, skip_repeats, labels);
    }
}

GPtrArray *tu_template_labels(xmlDoc *doc, gboolean skip_repeats)
{
    GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
    collect_labels(xmlDocGetRootElement(doc), skip_repeats, labels);
    return labels;
}
