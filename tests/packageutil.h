/* Helpers for the tests that open the DOCX and ODT packages through the library. */
#ifndef SB_PACKAGEUTIL_H
#define SB_PACKAGEUTIL_H

#include <glib.h>
#include <libxml/tree.h>

/* One part of a package, parsed (the test fails when it can't be). */
xmlDoc *tu_package_xml(const char *package, const char *part);

/* The extracted fields (SbExtracted*) by tag; the test fails on a tag read twice. */
GHashTable *tu_fields_by_tag(GPtrArray *fields);

/* Drops what the readers found outside every mark, and the text of fields still marked
 * as showing their placeholder. */
void tu_marked_fields_only(GPtrArray *fields);

#endif
