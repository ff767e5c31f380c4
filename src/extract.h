/* Reading documents back: each format's reader finds the fields shenbao marked, and
 * extract.c turns them into data.
 *
 * How fields are marked (the writers and the readers share this):
 *   DOCX  every field is a content control, <w:sdt>, whose <w:tag w:val> is the field's
 *         concrete data path ("participants.2.name"); block fields are block-level
 *         controls holding paragraphs.  A checkbox is a Word checkbox control
 *         (w14:checkbox) tagged "PATH=OPTION" (one of) or "PATH[]=OPTION" (any of).
 *         A blank field's control shows placeholder text (w:showingPlcHdr).
 *         docProps/custom.xml carries the property "shenbao-form" = the form id.
 *   ODT   a filled field is the text between <text:bookmark-start text:name="PATH"/> and
 *         <text:bookmark-end text:name="PATH"/>; a blank field is
 *         <text:placeholder text:placeholder-type="text" text:description="PATH">;
 *         a checkbox is "☐" or "☒" between bookmarks named "PATH=OPTION" / "PATH[]=OPTION".
 *         meta.xml carries <meta:user-defined meta:name="shenbao-form">.
 * Paragraphs of a block field come back joined by a blank line, line breaks inside an
 * inline field by a newline. */
#ifndef SB_EXTRACT_H
#define SB_EXTRACT_H

#include "sb_zip.h"

typedef struct {
    char *tag;         /* the data path, or PATH=OPTION / PATH[]=OPTION for a checkbox */
    char *text;        /* the field's text; NULL for a blank field showing its placeholder */
    gboolean checked;  /* checkboxes */
} SbExtracted;

void sb_extracted_free(gpointer p);

/* Each fills `fields` (SbExtracted*) in document order and sets *form_id.
 * FALSE with an error when the package is not a document shenbao wrote. */
gboolean sb_docx_read(SbZipReader *zip, GPtrArray *fields, char **form_id, GError **error);
gboolean sb_odt_read(SbZipReader *zip, GPtrArray *fields, char **form_id, GError **error);

#endif
