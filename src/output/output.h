/* Where a document is written: every format writes to a GOutputStream, and these put
 * that stream in a file, atomically, or in memory. */
#ifndef SB_OUTPUT_H
#define SB_OUTPUT_H

#include <gio/gio.h>

/* Writes a whole document to `out`; the stream's errors are passed on as they are. */
typedef gboolean (*SbWriteFunc)(gconstpointer doc, gpointer extra, GOutputStream *out,
                                GCancellable *cancellable, GError **error);

/* Writes to a temporary file beside `path` and renames it into place; on any failure
 * nothing is left and an existing `path` is untouched.  Stream errors become
 * SB_ERROR_IO "cannot write PATH: …"; shenbao's own errors pass as they are. */
gboolean sb_output_file(const char *path, SbWriteFunc write, gconstpointer doc, gpointer extra,
                        GError **error);
/* What the writer writes, in memory; NULL with its error. */
GBytes *sb_output_bytes(SbWriteFunc write, gconstpointer doc, gpointer extra, GError **error);
/* A format whose whole output is made in memory first (DOCX, ODT: zip packages). */
typedef struct {
    GBytes *(*make)(gconstpointer doc, GError **error);
} SbPackager;
/* An SbWriteFunc for such a format: `extra` is its SbPackager. */
gboolean sb_output_package(gconstpointer doc, gpointer packager, GOutputStream *out,
                           GCancellable *cancellable, GError **error);

/* Writes all of `bytes` to `out`. */
gboolean sb_output_write_bytes(GOutputStream *out, GBytes *bytes, GCancellable *cancellable,
                               GError **error);

#endif
