/* Zip packages (DOCX, ODT): writing them byte-for-byte reproducibly, reading them
 * defensively. */
#ifndef SB_ZIP_H
#define SB_ZIP_H

#include <glib.h>

/* ---- writing ---- */

typedef struct SbZipWriter SbZipWriter;

/* Entries keep the order they are added in and all carry the same fixed time, so the
 * same content gives the same bytes.  The package is built in memory. */
SbZipWriter *sb_zip_writer_new_memory(GError **error);
/* The same, for sb_zip_writer_finish to write to `path`. */
SbZipWriter *sb_zip_writer_new(const char *path, GError **error);
/* Takes a copy of data.  compress FALSE stores the entry (ODT's mimetype must be). */
gboolean sb_zip_writer_add(SbZipWriter *zw, const char *name, const void *data, gsize len,
                           gboolean compress, GError **error);
/* Each ends the writer.  _bytes returns the package; the other writes it to the path
 * given to sb_zip_writer_new, through a temporary file beside it renamed into place. */
GBytes *sb_zip_writer_finish_bytes(SbZipWriter *zw, GError **error);
gboolean sb_zip_writer_finish(SbZipWriter *zw, GError **error);
void sb_zip_writer_abort(SbZipWriter *zw);

/* ---- reading ---- */

/* Limits against zip bombs and path tricks. */
#define SB_ZIP_MAX_ENTRIES 2000
#define SB_ZIP_MAX_ENTRY_BYTES (64 * 1024 * 1024)
#define SB_ZIP_MAX_TOTAL_BYTES (256 * 1024 * 1024)
#define SB_ZIP_MAX_RATIO 200     /* uncompressed / compressed, for entries over 1 MiB */
#define SB_ZIP_RATIO_FROM (1024 * 1024)

typedef struct SbZipReader SbZipReader;

/* Opens a package and checks every entry's name and sizes before anything is read:
 * absolute names, "..", backslashes, names that are not UTF-8 and names there twice
 * (ignoring ASCII case) are refused, and so are packages whose declared sizes pass the
 * limits. */
SbZipReader *sb_zip_reader_open(const char *path, GError **error);
void sb_zip_reader_close(SbZipReader *zr);
gboolean sb_zip_reader_has(SbZipReader *zr, const char *name);
/* Reads one entry whole, stopping at the limits whatever the header claimed: the entry's
 * size and ratio, and the total of every entry this reader has unpacked, are counted in
 * the bytes that really inflate.  Returns NULL with an error when it is missing or too
 * large. */
GBytes *sb_zip_reader_read(SbZipReader *zr, const char *name, GError **error);

#endif
