/* Putting what a reader found back at the form's data paths: stray text placed by the
 * form's structure (extract_stray.c), fields at their paths with their list items
 * renumbered in document order (extract_place.c).  Whatever cannot be placed is
 * reported to `diags` (may be NULL) as an error saying where in the document it was. */
#ifndef SB_EXTRACT_PLACE_H
#define SB_EXTRACT_PLACE_H

#include "extract.h"
#include "extract_form.h"
#include "value.h"

/* Gives untagged pieces of text to the field they belong to, drops the form's own text,
 * reports the rest; the pieces it placed or dropped get text NULL. */
void sb_extract_attach_stray(const SbExtractForm *known, GPtrArray *fields, SbDiagnostics *diags);

/* The data tree, starting with `form: ID`. */
SbValue *sb_extract_place(const SbExtractForm *known, const GPtrArray *fields, SbDiagnostics *diags);

/* The whole tag a bookmark name cut at 40 characters stands for (LibreOffice cuts them so
 * when it saves a DOCX): the one field or option of the form whose tag it begins; NULL
 * when it is not such a name or begins none or several.  *tries counts the look-ups,
 * which stop after a thousand.  Free it. */
char *sb_extract_untruncated(const SbForm *form, const char *tag, guint *tries);

/* An error about what was found at e's place; path may be NULL. */
void sb_extract_complain(SbDiagnostics *diags, const SbExtracted *e, const char *path, const char *en,
                       const char *zh);

#endif
