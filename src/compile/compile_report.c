/* The report of a compile: every application in the order of the inputs with its
 * verdict — valid (and where it went), invalid (its errors, each located in its own
 * file as `check` prints them) or invalidated by others (which rule, which files) — the
 * files left out of the folders, and a one-line summary. */
#include "compile.h"
#include "compile_output.h"

#include <stdarg.h>

/* Appends one of two formats taking the same arguments, by the locale's language. */
static void say(GString *out, const char *en, const char *zh, ...) G_GNUC_PRINTF(2, 4);

static void say(GString *out, const char *en, const char *zh, ...)
{
    va_list args;
    va_start(args, zh);
    g_string_append_vprintf(out, sb_locale_is_chinese() ? zh : en, args);
    va_end(args);
}

/* The messages, each line indented under its application. */
static void add_messages(GString *out, const SbDiagnostics *diags)
{
    char *text = sb_diagnostics_format(diags);
    char **lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i]; i++)
        if (lines[i][0])
            g_string_append_printf(out, "    %s\n", lines[i]);
    g_strfreev(lines);
    g_free(text);
}

static void add_application(GString *out, const SbApplication *app)
{
    static const char *const words[][2] = {
        [SB_APPLICATION_VALID] = { "valid", "有效" },
        [SB_APPLICATION_INVALID] = { "invalid", "无效" },
        [SB_APPLICATION_INVALIDATED] = { "invalidated by other applications", "因其他申报无效" },
    };
    SbVerdict v = sb_application_verdict(app);
    say(out, "[%s%.0s] %s\n", "[%.0s%s] %s\n", words[v][0], words[v][1], app->file);
    if (app->number > 0) {
        const SbValue *name = sb_value_lookup(app->data->root, "project.name");
        const char *text = name && name->text ? name->text : "";
        say(out, "    no. %u of the %s: %s%s%s\n", "    %2$s第 %1$u 个项目：%3$s%4$s%5$s\n", app->number,
            app->kind->table_name, text, app->review ? " → " : "", app->review ? app->review : "");
    }
    add_messages(out, app->diags);
}

/* "s" after a count other than one, for the English text. */
static const char *plural(guint n)
{
    return n == 1 ? "" : "s";
}

static void add_summary(GString *out, const SbCompileResult *r)
{
    guint n[3] = { 0 };
    for (guint i = 0; i < r->applications->len; i++)
        n[sb_application_verdict(r->applications->pdata[i])]++;
    say(out, "%u application%s: %u valid, %u invalid, %u invalidated by other applications; ",
        "共 %u 份申报材料%.0s：有效 %u 份，无效 %u 份，因其他申报无效 %u 份；", r->applications->len,
        plural(r->applications->len), n[SB_APPLICATION_VALID], n[SB_APPLICATION_INVALID],
        n[SB_APPLICATION_INVALIDATED]);
    if (r->rows[0] == 0 && r->rows[1] == 0) {
        say(out, "no project to compile\n", "没有可汇总的项目\n");
        return;
    }
    say(out, "into %s: ", "写入 %s：", r->dir);
    if (r->rows[0] > 0)
        say(out, "%s of %u project%s and %u 审查表", "%s（%u 个项目%.0s）及审查表 %u 份",
            sb_compile_miit_2025.table_name, r->rows[0], plural(r->rows[0]), r->rows[0]);
    if (r->rows[0] > 0 && r->rows[1] > 0)
        say(out, ", ", "，");
    if (r->rows[1] > 0)
        say(out, "%s of %u project%s", "%s（%u 个项目%.0s）", sb_compile_cq_2025.table_name, r->rows[1],
            plural(r->rows[1]));
    g_string_append_c(out, '\n');
}

char *sb_compile_report_text(const SbCompileResult *r)
{
    GString *out = g_string_new(NULL);
    say(out, "shenbao compile: %u application%s\n\n", "shenbao compile：共 %u 份申报材料%.0s\n\n",
        r->applications->len, plural(r->applications->len));
    for (guint i = 0; i < r->applications->len; i++)
        add_application(out, r->applications->pdata[i]);
    for (guint i = 0; i < r->outputs->len; i++) {
        const SbOutput *o = r->outputs->pdata[i];
        if (o->diags->items->len > 0) {
            say(out, "[compiled] %s.yaml\n", "[汇总所得] %s.yaml\n", o->base);
            add_messages(out, o->diags);
        }
    }
    if (r->skipped->len > 0) {
        say(out, "\nleft out, not data files or documents:\n", "\n未读取（不是数据文件或文档）：\n");
        for (guint i = 0; i < r->skipped->len; i++)
            g_string_append_printf(out, "    %s\n", (char *) r->skipped->pdata[i]);
    }
    g_string_append_c(out, '\n');
    add_summary(out, r);
    return g_string_free(out, FALSE);
}
