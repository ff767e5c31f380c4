/* The DOCX writer's shared pieces: page geometry in twips, XML helpers over
 * xmlTextWriter, paragraph styles by block kind, and the writers of each part.
 *
 * The package is WordprocessingML (ECMA-376 transitional).  Every field is in a bookmark
 * named for its data path, and every blank field and checkbox is a content control tagged
 * with it, as extract.h describes, so that a filled document can be read back (by scripts
 * too) and a blank one filled in by hand. */
#ifndef SB_DOCX_H
#define SB_DOCX_H

#include <libxml/xmlwriter.h>
#include "doc.h"

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DOCX_NS_W14 "http://schemas.microsoft.com/office/word/2010/wordml"

/* GB/T 9704 on A4, as the PDF: top 37 mm, binding (left) 28 mm, type area 156 × 225 mm.
 * The right and bottom margins are what is left, rounded so that the type area is
 * exactly 156 mm (8844 twips) wide: tables are scaled to that width. */
#define DOCX_PAGE_W 11906
#define DOCX_PAGE_H 16838
#define DOCX_MARGIN_TOP 2098
#define DOCX_MARGIN_LEFT 1587
#define DOCX_MARGIN_RIGHT 1475
#define DOCX_MARGIN_BOTTOM 1984
#define DOCX_TYPE_W (DOCX_PAGE_W - DOCX_MARGIN_LEFT - DOCX_MARGIN_RIGHT)
/* A landscape section (a wide table), as the PDF sets it: 37 mm binding margin at the left,
 * 28 mm at the top, a type area of 225 × 156 mm. */
#define DOCX_LANDSCAPE_MARGIN_TOP 1587
#define DOCX_LANDSCAPE_MARGIN_LEFT 2098
#define DOCX_LANDSCAPE_MARGIN_RIGHT 1984
#define DOCX_LANDSCAPE_MARGIN_BOTTOM 1474
#define DOCX_LANDSCAPE_TYPE_W (DOCX_PAGE_H - DOCX_LANDSCAPE_MARGIN_LEFT - DOCX_LANDSCAPE_MARGIN_RIGHT)
/* The page number's line is 20 pt tall and starts 7 mm below the type area:
 * 35 mm - 7 mm - 20 pt from the bottom edge of the page. */
#define DOCX_FOOTER_LINE 400
#define DOCX_FOOTER 1187
/* The footers' relationship ids, which the section properties refer to. */
#define DOCX_RID_FOOTER_ODD "rId4"
#define DOCX_RID_FOOTER_EVEN "rId5"

/* The type area's height, and the pitch of 三号 body text: 28.95 pt, 22 lines a page. */
#define DOCX_TYPE_H (DOCX_PAGE_H - DOCX_MARGIN_TOP - DOCX_MARGIN_BOTTOM)
#define DOCX_BODY_LINE 579

/* Cell padding, as the PDF's tables: 1 mm all round. */
#define DOCX_CELL_HPAD 57
#define DOCX_CELL_VPAD 57

int docx_twips_mm(double mm);
int docx_twips_pt(double pt);

/* ---- XML over xmlTextWriter: qualified names are written as they are ("w:p") ---- */

typedef struct {
    xmlBufferPtr buf;
    xmlTextWriterPtr x;
} DocxXml;

/* A new part: the XML declaration written, ready for the root element. */
void docx_xml_open(DocxXml *xml);
/* Ends the document; the bytes stay in xml->buf until docx_xml_free. */
void docx_xml_close(DocxXml *xml);
void docx_xml_free(DocxXml *xml);

void docx_start(xmlTextWriterPtr x, const char *name);
void docx_end(xmlTextWriterPtr x);
void docx_attr(xmlTextWriterPtr x, const char *name, const char *value);
void docx_attr_int(xmlTextWriterPtr x, const char *name, int value);
/* <name w:val="value"/> */
void docx_val(xmlTextWriterPtr x, const char *name, const char *value);
void docx_val_int(xmlTextWriterPtr x, const char *name, int value);
/* <name/> */
void docx_empty(xmlTextWriterPtr x, const char *name);
/* A whole element holding text: <name>text</name>. */
void docx_text_element(xmlTextWriterPtr x, const char *name, const char *text);

/* FALSE with an error when a string of the tree holds a character XML cannot carry. */

/* ---- styles ---- */

/* What a named paragraph style sets; paragraphs write only what differs. */
typedef struct {
    SbBlockKind kind;
    const char *id, *name;
    SbFontRole font;
    double size;              /* points */
    SbAlign align;
    double indent;            /* first-line indent in characters */
    int outline;              /* 1-3, 0 = body text */
    gboolean keep_next;
    double before, after;     /* points */
} DocxStyle;

const DocxStyle *docx_style(SbBlockKind kind);
/* The exact line pitch of a paragraph, in twips: 28.95 pt for 三号 body text. */
int docx_line_twips(SbBlockKind kind, double size);
/* The font Chinese offices have for a role (its w:eastAsia name). */
const char *docx_font_name(SbFontRole role);
/* <w:rFonts> for a role, Times New Roman for Latin text. */
void docx_fonts(xmlTextWriterPtr x, SbFontRole role);
/* <w:jc> for an alignment. */
void docx_jc(xmlTextWriterPtr x, SbAlign align);

/* ---- parts: each writes one part whole; those that need nothing of the tree ignore it ---- */

void docx_write_styles(DocxXml *xml, const SbNode *doc);
void docx_write_content_types(DocxXml *xml, const SbNode *doc);
void docx_write_package_rels(DocxXml *xml, const SbNode *doc);
void docx_write_document_rels(DocxXml *xml, const SbNode *doc);
void docx_write_settings(DocxXml *xml, const SbNode *doc);
void docx_write_font_table(DocxXml *xml, const SbNode *doc);
/* The page number, "— N —": odd pages at the right, even pages at the left. */
void docx_write_footer_odd(DocxXml *xml, const SbNode *doc);
void docx_write_footer_even(DocxXml *xml, const SbNode *doc);
void docx_write_core(DocxXml *xml, const SbNode *doc);
void docx_write_app(DocxXml *xml, const SbNode *doc);
void docx_write_custom(DocxXml *xml, const SbNode *doc);
void docx_write_document(DocxXml *xml, const SbNode *doc);

/* ---- how fields are marked (extract.h) ---- */

/* "PATH=OPTION" for a one-of group, "PATH[]=OPTION" for an any-of group. */
char *docx_checkbox_tag(const SbNode *box);
/* TRUE when a tag can itself name the field's bookmark: Word and LibreOffice keep
 * bookmark names of up to 40 characters, and LibreOffice rewrites ASCII punctuation
 * other than . _ - = in them. */
gboolean docx_tag_is_bookmark_name(const char *tag);
/* The bookmark name for a tag: the tag, or "_sb" and a hash of it, which
 * docProps/custom.xml maps back to the tag. */
char *docx_bookmark_name(const char *tag);

/* ---- the body ---- */

typedef struct {
    xmlTextWriterPtr x;
    int next_id;              /* content control ids: 1, 2, 3 … in document order */
    int next_mark;            /* bookmark ids: 1, 2, 3 … in document order */
    int mark_id;              /* the id of the field bookmark still open */
    gboolean keep_rows;       /* in a table row that a merged cell ties to the next */
    gboolean page_break;      /* the next paragraph at the top level starts a page */
    gboolean page_top;        /* it is the first of its page: no space before it */
    int type_w;               /* twips: the type width of the page being written */
} DocxBody;

/* Extra paragraph properties that do not come from the block itself. */
typedef struct {
    int left;                 /* left indent, twips */
    int exact;                /* exact line height in twips, 0 = the block's pitch */
} DocxParaExtra;

/* A block-level node (BLOCK, SEAL, SPACE, block FIELD, TABLE) in a box `width` twips wide. */
void docx_block_node(DocxBody *b, const SbNode *node, int width);
/* <w:p> with its properties; the caller writes the runs and ends it. */
void docx_paragraph_start(DocxBody *b, const SbNode *block, const DocxParaExtra *extra);
/* A paragraph holding nothing, `height` twips tall; it carries a pending page break. */
void docx_spacer(DocxBody *b, int height);

/* Run properties beyond the paragraph's style. */
enum { DOCX_RUN_BOLD = 1, DOCX_RUN_UNDERLINE = 2, DOCX_RUN_PLACEHOLDER = 4 };
/* <w:rPr> for a run of `block` (or its paragraph mark): what differs from its style. */
void docx_run_props(xmlTextWriterPtr x, const SbNode *block, int flags);
/* The inline content of a BLOCK: text, fields, checkboxes, breaks, blanks. */
void docx_runs(DocxBody *b, const SbNode *block);
/* One run of text in `block`; tabs and line breaks become <w:tab/> and <w:br/>. */
void docx_text_run(DocxBody *b, const SbNode *block, const char *text, int flags);

/* A run-level content control.  A field's bookmark starts in its first control and
 * ends in its last: a block field has one control per paragraph. */
enum { DOCX_MARK_START = 1, DOCX_MARK_END = 2, DOCX_MARK_WHOLE = 3 };
typedef struct {
    const char *tag, *alias;
    gboolean placeholder;     /* showing placeholder text: the field is empty */
    const SbNode *box;        /* a CHECKBOX: Word's checkbox control */
    const SbNode *block;      /* the paragraph, for the checkbox's size */
    int mark;                 /* DOCX_MARK_*: where the field's bookmark starts and ends */
} DocxControl;
void docx_control_start(DocxBody *b, const DocxControl *c);
void docx_control_end(DocxBody *b, const DocxControl *c);
/* A filled field is plain runs between these, with no control around them: programs
 * that read runs (python-docx's paragraph.text) skip what is inside a control. */
void docx_mark_start(DocxBody *b, const char *tag);
void docx_mark_end(DocxBody *b);
/* The font and size of a checkbox's ☑ / ☐. */
void docx_box_props(xmlTextWriterPtr x, const SbNode *block);

void docx_table(DocxBody *b, const SbNode *table);

#endif
