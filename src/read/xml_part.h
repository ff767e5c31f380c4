/* Reading one XML part of a zip package (DOCX, ODT) defensively: streamed with xmlReader,
 * no network, no entity substitution, no DTD loading, and a part with a DOCTYPE or an
 * entity reference refused outright, since no part Word, LibreOffice or shenbao writes
 * has one and an internal subset is where entity tricks live. */
#ifndef SB_XML_PART_H
#define SB_XML_PART_H

#include <libxml/xmlreader.h>
#include "sb_zip.h"

typedef struct {
    xmlTextReaderPtr reader;
    GBytes *bytes;          /* the part's text, which the reader reads from */
    const char *name;
    char *problem;          /* the parser's first complaint */
} SbXmlPart;

/* Reads the part `name` of the package and starts streaming it. */
gboolean sb_xml_part_open(SbXmlPart *p, SbZipReader *zip, const char *name, GError **error);
void sb_xml_part_close(SbXmlPart *p);
/* The next node: 1, or 0 at the end, or -1 with an error. */
int sb_xml_part_next(SbXmlPart *p, GError **error);
/* Is the current node the element ns:name (its start, or its end with `end`)? */
gboolean sb_xml_part_is(const SbXmlPart *p, const char *ns, const char *name, gboolean end);
/* An attribute of the current element (ns NULL: an unqualified one), or NULL. */
char *sb_xml_part_attr(const SbXmlPart *p, const char *ns, const char *name);
/* Is the current node text (or white space, or CDATA)? */
gboolean sb_xml_part_at_text(const SbXmlPart *p);

#endif
