/* The ODT writer's shared pieces.
 *
 *   odt_xml.c        XML through xmlTextWriter into memory; lengths written the same in
 *                    every locale
 *   odt_autostyle.c  automatic styles: one per distinct set of properties, named in order
 *                    of first use so the same tree gives the same names
 *   odt_look.c       how a paragraph looks (font by role, size, indent, spacing) and the
 *                    named paragraph style of each block kind
 *   odt_styles.c     styles.xml: fonts, named styles, A4 page, footer page numbers
 *   odt_body.c       content.xml: pages, paragraphs, block fields, seals
 *   odt_inline.c     runs: text and its spaces, spans, fields, checkboxes, blanks
 *   odt_table.c      tables: columns, header rows, spans and covered cells
 *   odt_writer.c     meta.xml, settings.xml, the manifest and the zip package
 *
 * Fields are marked as extract.h says, so odt_read.c and odt_read_fields.c find them
 * again. */
#ifndef SB_ODT_H
#define SB_ODT_H

#include <libxml/xmlwriter.h>
#include "doc.h"

#define ODT_MEDIA_TYPE "application/vnd.oasis.opendocument.text"

/* GB/T 9704 geometry, as the PDF has it: A4, top 37 mm, binding (left) 28 mm, type area
 * 156 × 225 mm; the page number about 7 mm below the type area. */
#define ODT_TYPE_W_MM 156.0
#define ODT_TYPE_H_MM 225.0
#define ODT_PT_PER_MM (72.0 / 25.4)
/* Room for handwriting per line of an empty block field, as the PDF leaves it. */
#define ODT_ROOM_PITCH 28.95
/* Cell padding, as the PDF's. */
#define ODT_CELL_HPAD_MM 1.0
#define ODT_CELL_VPAD_MM 1.0

/* ---- XML into memory (odt_xml.c) ---- */

typedef struct {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    gboolean document;   /* a whole part, not a fragment */
    gsize skip;          /* a fragment's text starts after the XML declaration */
    gboolean failed;     /* some write failed: the part is not to be used */
} OdtXml;

/* A document part (with the XML declaration) or a fragment to be spliced into one. */
OdtXml *odt_xml_new(gboolean document);
/* The text written; NULL when a write failed.  Frees x. */
char *odt_xml_finish(OdtXml *x, gsize *len);
/* What a fragment writer wrote since it was made or last taken from, its elements all
 * ended; the writer stays open for the next fragment.  NULL after a failure. */
char *odt_xml_take(OdtXml *x);
void odt_xml_free(OdtXml *x);

void odt_start(OdtXml *x, const char *name);
void odt_end(OdtXml *x);
void odt_attr(OdtXml *x, const char *name, const char *value);
void odt_attr_int(OdtXml *x, const char *name, long value);
/* A length such as "28.95pt": at most three decimals, no trailing zeros, '.' always. */
void odt_attr_len(OdtXml *x, const char *name, double value, const char *unit);
char *odt_len(double value, const char *unit);
void odt_text(OdtXml *x, const char *text);
/* An element with text and no attributes. */
void odt_element(OdtXml *x, const char *name, const char *text);
/* Text splices an already written fragment in. */
void odt_raw(OdtXml *x, const char *xml);
/* The xmlns attributes of the document parts. */
void odt_namespaces(OdtXml *x);

/* ---- automatic styles (odt_autostyle.c) ---- */

typedef struct OdtStyles OdtStyles;

OdtStyles *odt_styles_new(void);
void odt_styles_free(OdtStyles *s);
/* Starts the properties of an automatic style: write its *-properties elements into the
 * returned fragment, then call odt_style_end. */
OdtXml *odt_style_begin(OdtStyles *s);
/* The name of the automatic style of `family` with those properties, made on first use
 * as prefix + number.  With no properties written, returns `parent` itself. */
const char *odt_style_end(OdtStyles *s, const char *family, const char *parent, const char *prefix);
/* The next style made by odt_style_end starts the master page `master` (a static
 * string): the first paragraph or table of a sheet set the other way up. */
void odt_style_set_master(OdtStyles *s, const char *master);
/* The master pages of upright sheets and of sheets on their side (odt_styles.c). */
#define ODT_MASTER_UPRIGHT "Standard"
#define ODT_MASTER_ON_SIDE "Landscape"
#define ODT_LANDSCAPE_TYPE_W_MM 225.0
/* Every automatic style made so far, in order of first use. */
void odt_styles_write(const OdtStyles *s, OdtXml *x);

/* ---- how paragraphs look (odt_look.c) ---- */

typedef struct {
    SbFontRole font;
    double size;           /* points */
    SbAlign align;
    double indent;         /* first-line indent, points */
    double margin_left;    /* points */
    double before, after;  /* points */
    double pitch;          /* fixed line height, points */
    gboolean bold, keep_with_next, page_break;
} OdtLook;

OdtLook odt_look_of_block(const SbNode *block);
/* How the named paragraph style of a block kind looks. */
OdtLook odt_kind_look(SbBlockKind kind);
/* The paragraph style for a look: the kind's named style when they agree, else an
 * automatic style holding what differs. */
const char *odt_paragraph_style(OdtStyles *s, SbBlockKind kind, const OdtLook *look);
/* The named paragraph style of every block kind, for styles.xml. */
void odt_write_named_styles(OdtXml *x);
/* Fonts by role: the face declared for Chinese text and the one for Latin text. */
const char *odt_asian_font(SbFontRole role);
const char *odt_latin_font(SbFontRole role);
void odt_write_font_faces(OdtXml *x);

/* Text styles of spans. */
typedef enum { ODT_SPAN_BOLD = 1, ODT_SPAN_UNDERLINE = 2 } OdtSpan;
const char *odt_span_style(OdtStyles *s, int span);
const char *odt_face_span_style(OdtStyles *s, int span, int face);

/* ---- the parts ---- */

/* With `landscape`, also the master page of sheets on their side. */
char *odt_styles_xml(gboolean landscape, gsize *len);          /* odt_styles.c */
char *odt_content_xml(const SbDocument *doc, gsize *len);      /* odt_body.c */

/* ---- content.xml internals (odt_body.c, odt_inline.c, odt_table.c) ---- */

typedef struct {
    OdtXml *x;             /* the body, spliced into content.xml after the styles */
    OdtStyles *styles;
    gboolean page_break;   /* the next page-level paragraph or table starts a page */
    const char *master;    /* …and with it this master page (a turn of the sheet), or NULL */
    gboolean line_start;   /* nothing written yet on this line: spaces need <text:s/> */
    double width;          /* points available to the current paragraphs */
    const SbNode *table;   /* the table being written, for its cells' text style */
    int n_tables;
    GHashTable *bookmarks; /* names used so far → times used */
} OdtBody;

/* Runs inside a paragraph (odt_inline.c). */
void odt_write_text(OdtBody *b, const char *text);
void odt_write_runs(OdtBody *b, const SbNode *parent);
/* The bookmark name of a field's tag, unique in the document. */
char *odt_bookmark_name(OdtBody *b, const char *tag);
void odt_bookmark(OdtBody *b, const char *element, const char *name);
/* What a blank field shows, as a <text:placeholder> naming its path. */
void odt_write_placeholder(OdtBody *b, const SbNode *field);

/* Writes one block-level node: BLOCK, TABLE, SEAL, SPACE, block FIELD. */
void odt_write_block_node(OdtBody *b, const SbNode *node);
void odt_write_table(OdtBody *b, const SbNode *table);
/* An empty paragraph (an empty cell keeps the height of a line of its text). */
void odt_write_empty_paragraph(OdtBody *b, SbBlockKind kind, const OdtLook *look);

#endif
