/* Reading documents back: each format's reader finds the fields shenbao marked, and
 * extract.c turns them into data.
 *
 * How fields are marked (the writers and the readers share this):
 *   DOCX  every field is in a bookmark named with its concrete data path
 *         ("participants.2.name"), or with "_sb" + the first 16 hex digits of the tag's
 *         SHA-256 when the tag is longer than 40 characters or holds ASCII punctuation
 *         other than . _ - =; such names map back to their tags as custom properties.
 *         A filled value is plain runs in its bookmark (one bookmark over all the
 *         paragraphs of a block field).  A blank field is a run-level content control,
 *         <w:sdt>, tagged with the path (<w:tag w:val>) and showing placeholder text
 *         (w:showingPlcHdr), the bookmark inside it.  A checkbox is a Word checkbox
 *         control (w14:checkbox, ☐ or ☑) tagged "PATH=OPTION" (one of) or
 *         "PATH[]=OPTION" (any of).  Documents shenbao wrote before held filled values
 *         in controls too, a block field one control per paragraph: consecutive
 *         controls of one tag are one field.  LibreOffice (7.4) drops the tags on saving
 *         but keeps run-level controls, their placeholder and checkbox state, and the
 *         bookmarks: a control without a tag is named by the bookmark that starts in it
 *         or is open where it starts.  docProps/custom.xml carries the property
 *         "shenbao-form" = the form id.
 *   ODT   a filled field is the text between <text:bookmark-start text:name="PATH"/> and
 *         <text:bookmark-end text:name="PATH"/>; a blank field is
 *         <text:placeholder text:placeholder-type="text" text:description="PATH"> (an
 *         inline one inside a <loext:content-control>); a checkbox is "☐" or "☑"
 *         between bookmarks named "PATH=OPTION" / "PATH[]=OPTION", in a LibreOffice
 *         checkbox control.  meta.xml carries <meta:user-defined meta:name="shenbao-form">.
 * In both, the first field of a blank repeatable row may show a hint on adding rows
 * (（复制本行或在下方插入行，最多13行）) in place of its prompt; like a prompt, it is never data.
 * The readers trust none of this blindly: what they find is placed by the form's
 * structure where marks are gone, moved or repeated (extract_place.h); text outside the
 * marks is the form's own only where the blank form shows it (between the same fields).
 * What is not text (an image, a table inside a cell) is reported with its place.
 * Paragraphs of a field come back joined by a blank line, line breaks inside one by a
 * newline (the writers make a paragraph of each non-empty line of a value). */
#ifndef SB_EXTRACT_H
#define SB_EXTRACT_H

#include "sb_zip.h"

/* What a reader cannot read as text where the form has text: reported with its place. */
typedef enum {
    SB_UNREADABLE_NONE = 0,
    SB_UNREADABLE_IMAGE,   /* an image, drawing or embedded object (shenbao writes none) */
    SB_UNREADABLE_TABLE    /* a table inside a table cell (no form has one); its text is
                            * still read, as paragraphs of the cell around it */
} SbUnreadable;

/* One thing a reader found, in document order: a marked field, or text that no mark
 * holds (tag NULL), which extract_place.c places by the form's structure or reports. */
typedef struct {
    char *tag;         /* the data path, or PATH=OPTION / PATH[]=OPTION for a checkbox;
                        * NULL for text outside every field */
    char *text;        /* the text as the document shows it; NULL when there is none */
    gboolean placeholder;  /* the document marks the text as the field's placeholder */
    gboolean checked;  /* checkboxes */
    int para;          /* the paragraph it starts in, 1-based, in document order */
    int last_para;     /* and the one it ends in */
    int cell;          /* the table cell it is in, 1-based in document order; 0 outside tables */
    int row;           /* the table row, likewise */
    int col;           /* the cell's place in its row, 1-based; 0 outside tables */
    int table, table_row;  /* for messages: the table (1-based, in document order) and the
                            * row's place in it; 0 outside tables */
    SbUnreadable unreadable;  /* not text: tag and text are NULL, only the place counts */
    int new_row;       /* the tag was taken from another row for this row, which had no
                        * marks (an inserted row): its row number, else 0 */
} SbExtracted;

void sb_extracted_free(gpointer p);
SbExtracted *sb_extracted_new(const char *tag, int para, int cell, int row);

/* Each fills `fields` (SbExtracted*) in document order and sets *form_id.
 * FALSE with an error when the package is not a document shenbao wrote.  The text
 * they collect, over all fields, is at most the size of the part it comes from. */
gboolean sb_docx_read(SbZipReader *zip, GPtrArray *fields, char **form_id, GError **error);
gboolean sb_odt_read(SbZipReader *zip, GPtrArray *fields, char **form_id, GError **error);

#endif
