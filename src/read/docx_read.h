/* Reading a DOCX back: the document properties (docx_read_props.c); the fields are read
 * in docx_read.c with docx_read_marks.c and docx_read_fields.c (docx_read_body.h). */
#ifndef SB_DOCX_READ_H
#define SB_DOCX_READ_H

#include "xml_part.h"

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_W14 "http://schemas.microsoft.com/office/word/2010/wordml"

/* docProps/custom.xml as property name -> text; empty when the part is missing. */
GHashTable *docx_read_custom(SbZipReader *zip, GError **error);
/* cp:keywords of docProps/core.xml, or NULL. */
gboolean docx_read_keywords(SbZipReader *zip, char **keywords, GError **error);

#endif
