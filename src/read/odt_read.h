/* Reading an ODT back: the package and its form (odt_read.c) and the walk over
 * content.xml that collects the fields (odt_read_fields.c), each part through the
 * guarded reader of xml_part.h. */
#ifndef SB_ODT_READ_H
#define SB_ODT_READ_H

#include "extract.h"
#include "xml_part.h"

#define ODT_NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define ODT_NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define ODT_NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define ODT_NS_LOEXT "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
#define ODT_NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define ODT_NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"

/* Collects the fields of content.xml into `fields` (SbExtracted*), in document order;
 * `props` (meta.xml's user-defined properties) maps "_sb…" bookmark names to tags. */
gboolean odt_read_fields(SbZipReader *zip, GHashTable *props, GPtrArray *fields, GError **error);

#endif
