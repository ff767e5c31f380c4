/* Loading a data file: read it within limits, check its characters, parse it. */
#include "data.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "data_load.h"
#include "util.h"

typedef enum { FORMAT_YAML, FORMAT_JSON } Format;

/* By extension; otherwise by content, since JSON is also YAML but reads better as JSON. */
static Format guess_format(const char *path, const char *text, gsize len)
{
    char *lower = g_ascii_strdown(path ? path : "", -1);
    gboolean json = g_str_has_suffix(lower, ".json");
    gboolean yaml = g_str_has_suffix(lower, ".yaml") || g_str_has_suffix(lower, ".yml");
    g_free(lower);
    if (json || yaml)
        return json ? FORMAT_JSON : FORMAT_YAML;

    gsize i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && g_ascii_isspace(text[i]))
        i++;
    return i < len && text[i] == '{' ? FORMAT_JSON : FORMAT_YAML;
}

/* sb_read_file's message is English only; the common causes get both languages. */
static void report_read_error(const char *path, const GError *error, SbDiagnostics *diags)
{
    GStatBuf st;
    diags->io_failed = g_stat(path, &st) != 0 || !g_file_test(path, G_FILE_TEST_IS_REGULAR);
    if (g_stat(path, &st) != 0)
        sb_diag_error(diags, 0, 0, "cannot open the file: %s", "无法打开文件：%s",
                      g_strerror(errno));
    else if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
        sb_diag_error(diags, 0, 0, "not a regular file", "不是普通文件");
    else if ((guint64)st.st_size > SB_DATA_MAX_BYTES)
        sb_diag_error(diags, 0, 0, "file is larger than %d MiB", "文件大于 %d MiB",
                      SB_DATA_MAX_BYTES / (1024 * 1024));
    else
        sb_diag_error(diags, 0, 0, "%s", "%s", error->message);
}

/* Standard input, within the same limit as a file. */
static gboolean read_stdin(char **text, gsize *len, SbDiagnostics *diags)
{
    GString *s = g_string_new(NULL);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0 && s->len <= SB_DATA_MAX_BYTES)
        g_string_append_len(s, buf, n);
    gboolean failed = ferror(stdin) != 0;
    if (failed || s->len > SB_DATA_MAX_BYTES) {
        diags->io_failed = failed;
        if (failed)
            sb_diag_error(diags, 0, 0, "cannot read standard input: %s", "无法读取标准输入：%s",
                          g_strerror(errno));
        else
            sb_diag_error(diags, 0, 0, "the data is larger than %d MiB", "数据大于 %d MiB",
                          SB_DATA_MAX_BYTES / (1024 * 1024));
        g_string_free(s, TRUE);
        return FALSE;
    }
    *len = s->len;
    *text = g_string_free(s, FALSE);
    return TRUE;
}

static gboolean read_data(const char *path, char **text, gsize *len, SbDiagnostics *diags)
{
    if (strcmp(path, "-") == 0)
        return read_stdin(text, len, diags);
    GError *error = NULL;
    if (sb_read_file(path, SB_DATA_MAX_BYTES, text, len, &error))
        return TRUE;
    report_read_error(path, error, diags);
    g_error_free(error);
    return FALSE;
}

/* The loaders check this too; the rest of the library relies on it. */
static gboolean check_root(const SbValue *root, SbDiagnostics *diags)
{
    if (root->kind == SB_VALUE_MAP)
        return TRUE;
    sb_diag_error(diags, root->line, root->col,
                  "the top level must be a map of keys and values, not a %s%.0s",
                  "顶层必须是“键: 值”的映射，不能是%.0s%s", sb_value_kind_name(root->kind),
                  sb_value_kind_zh(root->kind));
    return FALSE;
}

/* The `form:` key names the form the data fills. */
static gboolean read_form_id(SbData *data, SbDiagnostics *diags)
{
    const SbValue *form = sb_value_map_get(data->root, "form");
    if (!form)
        return TRUE;
    if (form->kind != SB_VALUE_STRING) {
        sb_diag_error(diags, form->line, form->col,
                      "'form' must be the id of a form (a string), not a %s%.0s",
                      "“form”必须是表单编号（字符串），不能是%.0s%s",
                      sb_value_kind_name(form->kind), sb_value_kind_zh(form->kind));
        return FALSE;
    }
    data->form_id = g_strdup(form->text);
    return TRUE;
}

/* Parses text (NUL-terminated after len) named `file` in messages, which may be NULL. */
SbData *sb_data_load_text(const char *file, const char *text, gsize len, SbDiagnostics *diags)
{
    sb_diag_set_file(diags, file);
    SbValue *root = NULL;
    if (sb_text_check_chars(text, len, diags)) {
        if (guess_format(file, text, len) == FORMAT_JSON)
            root = sb_json_load(text, len, diags);
        else
            root = sb_yaml_load(text, len, diags);
    }
    if (!root)
        return NULL;

    SbData *data = g_new0(SbData, 1);
    data->file = g_strdup(file);
    data->root = root;
    guint first = diags ? diags->items->len : 0;
    if (!check_root(root, diags) || !read_form_id(data, diags)) {
        sb_diag_locate(diags, first, file, root);
        sb_data_free(data);
        return NULL;
    }
    return data;
}

SbData *sb_data_load(const char *path, SbDiagnostics *diags)
{
    g_return_val_if_fail(path != NULL, NULL);
    /* "-" is standard input, named as compilers name it */
    const char *name = strcmp(path, "-") == 0 ? SB_STDIN_NAME : path;
    sb_diag_set_file(diags, name);

    char *text = NULL;
    gsize len = 0;
    if (!read_data(path, &text, &len, diags))
        return NULL;
    SbData *data = sb_data_load_text(name, text, len, diags);
    g_free(text);
    return data;
}

SbData *sb_data_load_bytes(GBytes *bytes, const char *name, SbDiagnostics *diags)
{
    g_return_val_if_fail(bytes != NULL, NULL);
    sb_diag_set_file(diags, name);
    gsize len = 0;
    const char *content = g_bytes_get_data(bytes, &len);
    if (len > SB_DATA_MAX_BYTES) {
        sb_diag_error(diags, 0, 0, "the data is larger than %d MiB", "数据大于 %d MiB",
                      SB_DATA_MAX_BYTES / (1024 * 1024));
        return NULL;
    }
    /* The loaders read a terminated copy, as they read a file's contents. */
    char *text = g_malloc(len + 1);
    if (len)
        memcpy(text, content, len);
    text[len] = '\0';
    SbData *data = sb_data_load_text(name, text, len, diags);
    g_free(text);
    return data;
}

void sb_data_free(SbData *data)
{
    if (!data)
        return;
    g_free(data->file);
    sb_value_free(data->root);
    g_free(data->form_id);
    g_free(data);
}

const char *sb_data_form_id(const SbData *data)
{
    return data ? data->form_id : NULL;
}
