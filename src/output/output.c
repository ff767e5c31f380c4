/* Where a document is written: a file (through a temporary one renamed into place) or
 * memory, both through the stream the format writers write to. */
#include "output.h"
#include "shenbao/shenbao.h"
#include "util.h"

#include <gio/gunixoutputstream.h>

/* A stream's error names no file: say which one could not be written. */
static void report_failure(const char *path, GError *local, GError **error)
{
    if (local && local->domain == SHENBAO_ERROR) {
        g_propagate_error(error, local);
        return;
    }
    g_set_error(error, SHENBAO_ERROR, SB_ERROR_IO, "cannot write %s: %s", path,
                local ? local->message : "the writer failed");
    g_clear_error(&local);
}

gboolean sb_output_file(const char *path, SbWriteFunc write, gconstpointer doc, gpointer extra,
                        GError **error)
{
    int fd = -1;
    /* the folder's own reason when the temporary cannot be made ("Permission denied") */
    char *temp = sb_temp_create(path, &fd, error);
    GOutputStream *out = temp ? g_unix_output_stream_new(fd, TRUE) : NULL;
    gboolean ok = out != NULL;
    if (out) {
        GError *local = NULL;
        ok = write(doc, extra, out, NULL, &local);
        /* Closed even after a failure, so the descriptor is never leaked. */
        gboolean closed = g_output_stream_close(out, NULL, ok ? &local : NULL);
        ok = ok && closed;
        g_object_unref(out);
        if (!ok)
            report_failure(path, local, error);
    }
    ok = ok && sb_commit_file(temp, path, error);
    if (!ok)
        sb_discard_file(temp);
    g_free(temp);
    return ok;
}

GBytes *sb_output_bytes(SbWriteFunc write, gconstpointer doc, gpointer extra, GError **error)
{
    GOutputStream *out = g_memory_output_stream_new_resizable();
    gboolean ok = write(doc, extra, out, NULL, error) && g_output_stream_close(out, NULL, error);
    GBytes *bytes = ok ? g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(out)) : NULL;
    g_object_unref(out);
    return bytes;
}

gboolean sb_output_package(gconstpointer doc, gpointer packager, GOutputStream *out,
                           GCancellable *cancellable, GError **error)
{
    GBytes *bytes = ((const SbPackager *)packager)->make(doc, error);
    gboolean ok = bytes && sb_output_write_bytes(out, bytes, cancellable, error);
    if (bytes)
        g_bytes_unref(bytes);
    return ok;
}

gboolean sb_output_write_bytes(GOutputStream *out, GBytes *bytes, GCancellable *cancellable,
                               GError **error)
{
    gsize len = 0;
    const void *data = g_bytes_get_data(bytes, &len);
    /* Streams of memory or local files never look at the cancellable themselves. */
    if (g_cancellable_set_error_if_cancelled(cancellable, error))
        return FALSE;
    return g_output_stream_write_all(out, data, len, NULL, cancellable, error);
}
