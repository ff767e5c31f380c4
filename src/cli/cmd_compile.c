/* shenbao compile: a folder of applications into the 推荐汇总表, the 审查表 and a report.
 *
 * Interrupting it (Ctrl-C, SIGTERM, SIGHUP) leaves the output folder as it was: the
 * signals are taken by a thread of their own, which asks the library to stop; the
 * library removes its temporaries and returns, and the process then ends by the same
 * signal.  A second signal ends it at once. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static gint stop_signal;   /* the signal that asked to stop, 0 until one did */

/* "[12/200] apps/x.yaml" on one line of the terminal, rewritten as the run goes. */
static void show_progress(SbCompileStage stage, guint done, guint total, const char *file, gpointer data)
{
    (void) data;
    gboolean zh = sb_locale_is_chinese();
    const char *what = stage == SB_COMPILE_READING ? (zh ? "读取" : "reading") : (zh ? "写入" : "writing");
    glong chars = g_utf8_strlen(file, -1);
    const char *tail = chars > 50 ? g_utf8_offset_to_pointer(file, chars - 49) : file;
    fprintf(stderr, "\r\033[K%s %u/%u %s%s", what, done + 1, total, tail != file ? "…" : "", tail);
    fflush(stderr);
}

typedef struct {
    char *dir, *format;
    gboolean strict, force;
} Options;

static gboolean parse(int *argc, char ***argv, Options *o, guint *formats)
{
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->dir, "write into DIR (needed)", "DIR"},
        {"format", 'f', 0, G_OPTION_ARG_STRING, &o->format, "formats to write besides the data files "
         "(default: pdf,docx,odt,xlsx)", "LIST"},
        {"strict", 0, 0, G_OPTION_ARG_NONE, &o->strict, "treat warnings as errors", NULL},
        {"force", 0, 0, G_OPTION_ARG_NONE, &o->force,
         "replace files in DIR that no compile wrote, or that were changed since", NULL},
        {NULL},
    };
    static const char *const names[] = { "pdf", "docx", "odt", "xlsx", NULL };
    if (!cli_parse(entries, "INPUT… -o DIR", "Reads the applications INPUT (files, or folders of .yaml, .yml, "
                   ".json, .docx and .odt), checks each and the rules across them, and writes into DIR the "
                   "推荐汇总表 of the valid ones (PDF, DOCX, ODT, XLSX and its data file), the 审查表 of both "
                   "departments for each project, the Chongqing 申请表 of Chongqing applications, and a "
                   "report of every application (also in DIR/检查报告.txt).", argc, argv))
        return FALSE;
    *formats = o->format ? (guint) cli_parse_formats(o->format, names) : SB_COMPILE_ALL;
    if (*formats == 0)
        return FALSE;
    if (*argc < 2 || o->dir == NULL) {
        cli_error("'compile' takes one or more applications or folders and -o DIR",
                  "compile 需要一个或多个申报材料或目录，以及 -o 目录");
        return FALSE;
    }
    return TRUE;
}

int cmd_compile(int argc, char **argv)
{
    Options o = {0};
    guint formats = 0;
    int status = EXIT_USAGE;
    SbCatalog *cat = parse(&argc, &argv, &o, &formats) ? cli_catalog() : NULL;
    if (cat) {
        cli_catch_signals(&stop_signal);
        SbCompileOptions opts = { o.dir, formats, o.strict, isatty(STDERR_FILENO) ? show_progress : NULL, NULL,
                                  &stop_signal, o.force };
        GError *error = NULL;
        SbCompileResult *r = sb_compile(cat, (const char *const *) argv + 1, &opts, &error);
        if (opts.progress)
            fputs("\r\033[K", stderr);
        if (r) {
            fputs(sb_compile_report(r), stdout);
            gboolean all_valid = sb_compile_count(r, SB_APPLICATION_INVALID) == 0
                                 && sb_compile_count(r, SB_APPLICATION_INVALIDATED) == 0;
            status = all_valid ? EXIT_DONE : EXIT_INVALID;
        } else {
            cli_error("%s", "%s", error->message);
            if (g_error_matches(error, SHENBAO_ERROR, SB_ERROR_STOPPED))
                cli_end_by_signal(g_atomic_int_get(&stop_signal));
            g_error_free(error);
        }
        sb_compile_result_free(r);
        sb_catalog_free(cat);
    }
    g_free(o.dir);
    g_free(o.format);
    return status;
}
