/* Reading the project's own XML files against their schemas. */
#ifndef SB_XML_READ_H
#define SB_XML_READ_H

#include <glib.h>
#include <libxml/tree.h>

/* Parses `file` (no network), resolves XIncludes and validates it against `rng_file`.
 * NULL with "file:line: message" lines appended to errors when anything is wrong. */
xmlDoc *sb_xml_read_valid(const char *file, const char *rng_file, GString *errors);

#endif
