/* The JSON Schema and `shenbao check` agree: every sample, every `init` skeleton, every bad
 * data file and every rule file of the tests, the typed values written every accepted way
 * (tests/data/typed) and written wrong (tests/data/typed-bad), is validated by ajv (JSON
 * Schema 2020-12, installed by ./setup) against its form's schema, and the verdict is held
 * against check's.
 *
 * The schema is never stricter than check.  Where check refuses what the schema takes,
 * the file must be one JSON Schema cannot speak of: the fields a skeleton leaves empty
 * (the schema lets an editor show nothing before anything is typed), check characters,
 * characters XML cannot carry, and the documents' rules across fields — each listed
 * below with its reason; anything else must fail in both. */
#include "testutil.h"

#include <json-glib/json-glib.h>
#include <string.h>

static char *dir;
static char *ajv_dir;

typedef enum { SAMPLE, SKELETON, BAD, RULE, TYPED_BAD } Kind;

typedef struct {
    char *name;      /* e.g. bad/unknown-key.yaml */
    char *file;      /* the data as check reads it */
    char *json;      /* the data as JSON, for ajv */
    char *form;
    Kind kind;
    char *refused;   /* TYPED_BAD: the value the schema must refuse, "# schema-refuses: /a/b" */
} Entry;

/* Files check refuses that the schema takes, and why JSON Schema cannot say it. */
static const struct { const char *name, *why; } cannot_say[] = {
    { "bad/bad-idcard.yaml", "a check digit" },
    { "bad/bad-orgcode.yaml", "a check character" },
    { "bad/bad-uscc.yaml", "a check character" },
    { "bad/control-escaped.yaml", "a control character XML cannot carry, written as an escape" },
    { "bad/control-escaped.json", "a control character XML cannot carry, written as an escape" },
    { "bad/noncharacter-escaped.json", "a noncharacter XML cannot carry, written as an escape" },
    { "bad/control-u000b.json", "a control character XML cannot carry" },
};

/* Rule files whose rule is a field's own limit, which the schema says too; the others
 * are rules across fields. */
static const char *const schema_says_rule[] = {
    "rules/cq-2025-application-direction.yaml",       /* one of the 申报方向 */
    "rules/cq-2025-application-subtask-count.yaml",   /* at most 10 子项目任务 */
    "rules/cq-2025-application-subtask-name.yaml",    /* at most 20 characters */
    "rules/cq-2025-application-subtask-content.yaml", /* at most 50 characters */
    "rules/miit-2025-application-not-on-list.yaml",   /* on the 2025 lists */
};

/* Files that are no data of a form to validate: what check says of them the loader
 * tests look at. */
static const char *const not_data[] = {
    "bad/alias-bomb.yaml",   /* a converter that expands aliases would fill memory */
};

static gboolean listed(const char *name, const char *const *names, guint n)
{
    for (guint i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return TRUE;
    return FALSE;
}

static const char *cannot_say_why(const char *name)
{
    for (guint i = 0; i < G_N_ELEMENTS(cannot_say); i++)
        if (strcmp(cannot_say[i].name, name) == 0)
            return cannot_say[i].why;
    return NULL;
}

static void entry_free(gpointer p)
{
    Entry *e = p;
    g_free(e->name), g_free(e->file), g_free(e->json), g_free(e->form), g_free(e->refused);
    g_free(e);
}

/* The data as a JSON node: JSON as it is, YAML converted as an editor reads it. */
static JsonNode *data_node(const char *file)
{
    if (g_str_has_suffix(file, ".json")) {
        JsonParser *p = json_parser_new();
        JsonNode *node = json_parser_load_from_file(p, file, NULL)
            ? json_node_copy(json_parser_get_root(p)) : NULL;
        g_object_unref(p);
        return node;
    }
    char *why = NULL;
    JsonNode *node = tu_yaml_to_json(file, &why);
    g_free(why);
    return node;
}

/* The instance path its first line names: "# schema-refuses: /lead_enterprise/phone". */
static char *refused_path(const char *file)
{
    char *text = NULL;
    g_assert_true(g_file_get_contents(file, &text, NULL, NULL));
    const char *tag = "# schema-refuses: ";
    if (!g_str_has_prefix(text, tag))
        g_error("%s: the first line must be '%s/PATH'", file, tag);
    char *path = g_strndup(text + strlen(tag), strcspn(text + strlen(tag), "\n"));
    g_free(text);
    return path;
}

/* An entry for the file when it is data naming a form, else NULL. */
static Entry *entry_new(const char *name, const char *file, Kind kind)
{
    if (listed(name, not_data, G_N_ELEMENTS(not_data)))
        return NULL;
    JsonNode *node = data_node(file);
    if (node == NULL)
        return NULL;
    Entry *e = NULL;
    JsonObject *o = JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
    const char *form = o && json_object_has_member(o, "form") &&
                       JSON_NODE_HOLDS_VALUE(json_object_get_member(o, "form"))
                       ? json_object_get_string_member(o, "form") : NULL;
    char *schema = form ? g_strdup_printf("%s/%s.schema.json", dir, form) : NULL;
    if (schema && g_file_test(schema, G_FILE_TEST_EXISTS)) {
        e = g_new0(Entry, 1);
        e->name = g_strdup(name);
        e->file = g_strdup(file);
        e->form = g_strdup(form);
        e->kind = kind;
        e->refused = kind == TYPED_BAD ? refused_path(file) : NULL;
        char *flat = g_strdelimit(g_strdup(name), "/", '_');
        e->json = g_strdup_printf("%s/json/%s.json", dir, flat);
        g_free(flat);
        char *text = json_to_string(node, FALSE);
        g_assert_true(tu_write_file(e->json, text, -1));
        g_free(text);
    }
    g_free(schema);
    json_node_unref(node);
    return e;
}

static void add_folder(GPtrArray *entries, const char *folder, const char *prefix, Kind kind)
{
    GPtrArray *names = tu_dir_names(folder);
    for (guint i = 0; names && i < names->len; i++) {
        const char *n = names->pdata[i];
        if (!g_str_has_suffix(n, ".yaml") && !g_str_has_suffix(n, ".json"))
            continue;
        char *name = g_strconcat(prefix, n, NULL);
        char *file = g_build_filename(folder, n, NULL);
        Entry *e = entry_new(name, file, kind);
        if (e)
            g_ptr_array_add(entries, e);
        g_free(name), g_free(file);
    }
    if (names)
        g_ptr_array_unref(names);
}

/* The form ids: one sample each. */
static GPtrArray *form_ids(void)
{
    char *samples = g_build_filename(tu_source_dir(), "samples", NULL);
    GPtrArray *names = tu_dir_names(samples);
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < names->len; i++)
        if (g_str_has_suffix(names->pdata[i], ".yaml"))
            g_ptr_array_add(ids, g_strndup(names->pdata[i], strlen(names->pdata[i]) - 5));
    g_ptr_array_unref(names);
    g_free(samples);
    return ids;
}

/* Writes each form's schema and skeleton into dir. */
static void write_schemas_and_skeletons(const GPtrArray *ids)
{
    for (guint i = 0; i < ids->len; i++) {
        const char *id = ids->pdata[i];
        static const char *const what[] = { "schema", "init" };
        for (guint k = 0; k < G_N_ELEMENTS(what); k++) {
            TuResult *r = tu_shenbao(NULL, what[k], id, NULL);
            g_assert_true(tu_check_exit(r, 0));
            char *file = g_strdup_printf("%s/%s.%s", dir, id, k == 0 ? "schema.json" : "init.yaml");
            g_assert_true(tu_write_file(file, r->out, -1));
            g_free(file);
            tu_result_free(r);
        }
    }
}

/* ajv's verdicts: name → "valid", or "invalid\t…". */
static GHashTable *run_ajv(const GPtrArray *entries)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_array(b);
    for (guint i = 0; i < entries->len; i++) {
        const Entry *e = entries->pdata[i];
        char *schema = g_strdup_printf("%s/%s.schema.json", dir, e->form);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name"), json_builder_add_string_value(b, e->name);
        json_builder_set_member_name(b, "schema"), json_builder_add_string_value(b, schema);
        json_builder_set_member_name(b, "data"), json_builder_add_string_value(b, e->json);
        json_builder_end_object(b);
        g_free(schema);
    }
    json_builder_end_array(b);
    JsonNode *root = json_builder_get_root(b);
    char *manifest = g_build_filename(dir, "manifest.json", NULL);
    char *text = json_to_string(root, TRUE);
    g_assert_true(tu_write_file(manifest, text, -1));
    char *script = g_build_filename(tu_source_dir(), "tests", "ajv-validate.js", NULL);
    const char *argv[] = { "node", script, ajv_dir, manifest, NULL };
    TuResult *r = tu_run(argv, NULL);
    if (!tu_check_exit(r, 0))
        g_error("ajv failed: %s", r->err);
    GHashTable *verdicts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char **lines = g_strsplit(r->out, "\n", -1);
    for (guint i = 0; lines[i]; i++) {
        char *tab = strchr(lines[i], '\t');
        if (tab)
            g_hash_table_insert(verdicts, g_strndup(lines[i], tab - lines[i]), g_strdup(tab + 1));
    }
    g_strfreev(lines);
    tu_result_free(r);
    g_free(script), g_free(text), g_free(manifest);
    json_node_unref(root);
    g_object_unref(b);
    return verdicts;
}

/* TRUE when check's only complaints are fields and list items left empty. */
static gboolean only_unfilled(const char *err)
{
    char **lines = g_strsplit(err, "\n", -1);
    gboolean only = TRUE;
    for (guint i = 0; lines[i] && only; i++)
        only = !*lines[i] || strstr(lines[i], "required field") || strstr(lines[i], "is empty: fill it in");
    g_strfreev(lines);
    return only;
}

/* Why the schema may take what check refuses, or NULL when it may not. */
static const char *may_differ(const Entry *e, const char *check_err)
{
    switch (e->kind) {
    case SKELETON:
        return only_unfilled(check_err) ? "fields left empty" : NULL;
    case RULE:
        return listed(e->name, schema_says_rule, G_N_ELEMENTS(schema_says_rule))
            ? NULL : "a rule across fields";
    case TYPED_BAD:
        return NULL;
    default:
        return cannot_say_why(e->name);
    }
}

/* A value written wrong: the schema refuses that very value, and check says more than
 * what the file leaves empty. */
static gboolean typed_bad_refused(const Entry *e, const char *verdict, const char *check_err)
{
    char *expected = g_strdup_printf("invalid\t%s ", e->refused);
    gboolean ok = g_str_has_prefix(verdict, expected);
    if (!ok)
        g_test_message("%s: the schema should refuse %s, it says: %s", e->name, e->refused, verdict);
    if (only_unfilled(check_err)) {
        g_test_message("%s: check does not refuse the value: %s", e->name, check_err);
        ok = FALSE;
    }
    g_free(expected);
    return ok;
}

/* Every schema of an object, a list or a field has a Chinese title and a description. */
static guint untitled(JsonNode *node, const char *where)
{
    if (!JSON_NODE_HOLDS_OBJECT(node))
        return 0;
    JsonObject *o = json_node_get_object(node);
    guint n = 0;
    if (json_object_has_member(o, "type") || json_object_has_member(o, "enum")
        || json_object_has_member(o, "const")) {
        const char *title = json_object_has_member(o, "title") ? json_object_get_string_member(o, "title") : NULL;
        const char *d = json_object_has_member(o, "description") ? json_object_get_string_member(o, "description") : NULL;
        gboolean chinese = FALSE;
        for (const char *p = title ? title : ""; *p && !chinese; p = g_utf8_next_char(p))
            chinese = g_utf8_get_char(p) >= 0x4E00 && g_utf8_get_char(p) <= 0x9FFF;
        if (!chinese || !d || !*d) {
            g_test_message("%s: no Chinese title and description", where);
            n++;
        }
    }
    static const char *const members[] = { "properties", "items" };
    for (guint k = 0; k < G_N_ELEMENTS(members); k++) {
        if (!json_object_has_member(o, members[k]))
            continue;
        JsonNode *m = json_object_get_member(o, members[k]);
        if (k == 1) {
            char *sub = g_strconcat(where, "[]", NULL);
            n += untitled(m, sub);
            g_free(sub);
            continue;
        }
        GList *names = json_object_get_members(json_node_get_object(m));
        for (GList *l = names; l; l = l->next) {
            char *sub = g_strconcat(where, "/", (char *) l->data, NULL);
            n += untitled(json_object_get_member(json_node_get_object(m), l->data), sub);
            g_free(sub);
        }
        g_list_free(names);
    }
    return n;
}

static void test_titles(void)
{
    GPtrArray *ids = form_ids();
    guint missing = 0;
    for (guint i = 0; i < ids->len; i++) {
        TuResult *r = tu_shenbao(NULL, "schema", ids->pdata[i], NULL);
        g_assert_true(tu_check_exit(r, 0));
        JsonParser *p = json_parser_new();
        g_assert_true(json_parser_load_from_data(p, r->out, -1, NULL));
        missing += untitled(json_parser_get_root(p), ids->pdata[i]);
        g_object_unref(p);
        tu_result_free(r);
    }
    if (missing)
        g_error("%u schemas without a Chinese title and description (see the messages above)", missing);
    g_ptr_array_unref(ids);
}

static void test_agreement(void)
{
    char *ajv = g_build_filename(ajv_dir, "node_modules", "ajv", "dist", "2020.js", NULL);
    gboolean have = g_file_test(ajv, G_FILE_TEST_EXISTS);
    g_free(ajv);
    if (!have) {
        tu_skip("ajv is not installed (./setup installs it): %s", ajv_dir);
        return;
    }
    if (!tu_require_tool("node"))
        return;
    GPtrArray *ids = form_ids();
    g_assert_cmpuint(ids->len, ==, 9);
    write_schemas_and_skeletons(ids);
    GPtrArray *entries = g_ptr_array_new_with_free_func(entry_free);
    char *samples = g_build_filename(tu_source_dir(), "samples", NULL);
    char *bad = g_build_filename(tu_source_dir(), "tests", "data", "bad", NULL);
    char *rules = g_build_filename(tu_source_dir(), "tests", "data", "rules", NULL);
    char *typed = g_build_filename(tu_source_dir(), "tests", "data", "typed", NULL);
    char *typed_bad = g_build_filename(tu_source_dir(), "tests", "data", "typed-bad", NULL);
    add_folder(entries, samples, "samples/", SAMPLE);
    for (guint i = 0; i < ids->len; i++) {
        char *name = g_strdup_printf("init/%s.yaml", (char *) ids->pdata[i]);
        char *file = g_strdup_printf("%s/%s.init.yaml", dir, (char *) ids->pdata[i]);
        g_ptr_array_add(entries, entry_new(name, file, SKELETON));
        g_free(name), g_free(file);
    }
    add_folder(entries, bad, "bad/", BAD);
    add_folder(entries, rules, "rules/", RULE);
    add_folder(entries, typed, "typed/", SAMPLE);
    add_folder(entries, typed_bad, "typed-bad/", TYPED_BAD);

    GHashTable *verdicts = run_ajv(entries);
    guint agree = 0, differ = 0, failures = 0;
    for (guint i = 0; i < entries->len; i++) {
        const Entry *e = entries->pdata[i];
        const char *verdict = g_hash_table_lookup(verdicts, e->name);
        g_assert_nonnull(verdict);
        gboolean schema_ok = g_str_has_prefix(verdict, "valid");
        TuResult *r = tu_shenbao(NULL, "check", e->file, NULL);
        gboolean check_ok = r->exited && r->status == 0;
        g_test_message("%s: schema %s, check %s", e->name, verdict, check_ok ? "valid" : "invalid");
        const char *why = may_differ(e, r->err);
        if (schema_ok == check_ok) {
            agree++;
            if (why && e->kind != RULE && e->kind != SKELETON) {
                g_test_message("%s: listed as one JSON Schema cannot say, but the schema refuses it: %s",
                               e->name, verdict);
                failures++;
            }
        } else if (!schema_ok) {
            g_test_message("%s: the schema refuses what check takes: %s", e->name, verdict);
            failures++;
        } else if (why) {
            differ++;
        } else {
            g_test_message("%s: check refuses it and the schema takes it:\n%s", e->name, r->err);
            failures++;
        }
        if (e->kind == TYPED_BAD && !typed_bad_refused(e, verdict, r->err))
            failures++;
        if (e->kind == SAMPLE && !(schema_ok && check_ok)) {
            g_test_message("%s: a sample must be valid in both (%s)", e->name, verdict);
            failures++;
        }
        tu_result_free(r);
    }
    g_test_message("%u files: %u verdicts agree, %u differ as listed", entries->len, agree, differ);
    if (failures)
        g_error("%u files where the schema and check disagree (see the messages above)", failures);
    g_hash_table_destroy(verdicts);
    g_ptr_array_unref(entries);
    g_ptr_array_unref(ids);
    g_free(samples), g_free(bad), g_free(rules), g_free(typed), g_free(typed_bad);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    dir = tu_tmpdir_new();
    char *json = g_build_filename(dir, "json", NULL);
    g_mkdir_with_parents(json, 0755);
    g_free(json);
    ajv_dir = g_build_filename(g_get_user_cache_dir(), "shenbao", "ajv", NULL);
    g_test_add_func("/schema/agreement", test_agreement);
    g_test_add_func("/schema/titles", test_titles);
    int rc = g_test_run();
    tu_rm_rf(dir);
    g_free(dir), g_free(ajv_dir);
    return rc;
}
