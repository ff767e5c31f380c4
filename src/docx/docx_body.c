/* word/document.xml: the walk over the tree's pages and blocks.  Paragraphs name their
 * style and carry only what differs from it; seals, spaces and empty block fields keep
 * the room the PDF gives them, so a printed blank form has the same places to write in. */
#include "docx.h"

/* ---- paragraphs ---- */

/* Space before the first paragraph of a page is dropped, as the PDF drops it. */
static void write_spacing(xmlTextWriterPtr x, const SbNode *block, const DocxStyle *s, int line, gboolean top)
{
    double before = top ? 0 : block->as.block.space_before, after = block->as.block.space_after;
    int style_line = docx_line_twips(s->kind, s->size);
    if (before == s->before && after == s->after && line == style_line)
        return;
    docx_start(x, "w:spacing");
    docx_attr_int(x, "w:before", docx_twips_pt(before));
    docx_attr_int(x, "w:after", docx_twips_pt(after));
    docx_attr_int(x, "w:line", line);
    docx_attr(x, "w:lineRule", "exact");
    docx_end(x);
}

static void write_indent(xmlTextWriterPtr x, const SbNode *block, const DocxStyle *s, int left)
{
    double indent = block->as.block.indent;
    if (indent == s->indent && left == 0)
        return;
    docx_start(x, "w:ind");
    if (left > 0)
        docx_attr_int(x, "w:left", left);
    docx_attr_int(x, "w:firstLineChars", (int)(indent * 100));
    docx_attr_int(x, "w:firstLine", docx_twips_pt(indent * block->as.block.size));
    docx_end(x);
}

/* Level 1 is outline level 0 in WordprocessingML; 9 is body text. */
static void write_outline(xmlTextWriterPtr x, const SbNode *block, const DocxStyle *s)
{
    int level = block->as.block.outline;
    if (level != s->outline)
        docx_val_int(x, "w:outlineLvl", level > 0 ? level - 1 : 9);
}

void docx_paragraph_start(DocxBody *b, const SbNode *block, const DocxParaExtra *extra)
{
    xmlTextWriterPtr x = b->x;
    const DocxStyle *s = docx_style(block->as.block.kind);
    int line = extra && extra->exact ? extra->exact : docx_line_twips(block->as.block.kind, block->as.block.size);
    docx_start(x, "w:p");
    docx_start(x, "w:pPr");
    docx_val(x, "w:pStyle", s->id);
    gboolean keep = block->as.block.keep_with_next || b->keep_rows;
    if (keep != s->keep_next)
        docx_val(x, "w:keepNext", keep ? "1" : "0");
    if (b->page_break)
        docx_empty(x, "w:pageBreakBefore");
    write_spacing(x, block, s, line, b->page_top);
    b->page_break = b->page_top = FALSE;
    write_indent(x, block, s, extra ? extra->left : 0);
    if (block->as.block.align != s->align)
        docx_jc(x, block->as.block.align);
    write_outline(x, block, s);
    docx_run_props(x, block, 0);
    docx_end(x);
}

static void write_paragraph(DocxBody *b, const SbNode *block, const DocxParaExtra *extra)
{
    docx_paragraph_start(b, block, extra);
    docx_runs(b, block);
    docx_end(b->x);
}

/* Exact line heights stop at 1584 pt in Word. */
void docx_spacer(DocxBody *b, int height)
{
    xmlTextWriterPtr x = b->x;
    docx_start(x, "w:p");
    docx_start(x, "w:pPr");
    if (b->page_break)
        docx_empty(x, "w:pageBreakBefore");
    b->page_break = b->page_top = FALSE;
    docx_start(x, "w:spacing");
    docx_attr(x, "w:before", "0");
    docx_attr(x, "w:after", "0");
    docx_attr_int(x, "w:line", CLAMP(height, 20, 31680));
    docx_attr(x, "w:lineRule", "exact");
    docx_end(x);
    docx_end(x);
    docx_end(x);
}

/* ---- seals ---- */

/* The heading at the top left, the lines (负责人签字（章）：, 年 月 日) at the bottom, 45%
 * of the width in, and empty room between them: seal.height in all, for a 42 mm seal. */
static void write_seal(DocxBody *b, const SbNode *seal, int width)
{
    const SbNode *line = seal->first_child;
    int room = docx_twips_mm(seal->as.seal.height);
    if (seal->as.seal.has_heading && line) {
        write_paragraph(b, line, NULL);
        room -= docx_line_twips(line->as.block.kind, line->as.block.size);
        line = line->next;
    }
    for (const SbNode *l = line; l; l = l->next)
        room -= docx_line_twips(l->as.block.kind, l->as.block.size);
    if (room > 0)
        docx_spacer(b, room);
    DocxParaExtra extra = {.left = width * 45 / 100};
    for (; line; line = line->next)
        write_paragraph(b, line, &extra);
}

/* ---- block fields ---- */

/* `lines` lines of room at the body pitch, as the PDF leaves them, the first holding the
 * field's control with its placeholder text (or room to click on). */
static void write_room(DocxBody *b, const SbNode *field)
{
    SbNode *style = sb_field_room_style(field);
    DocxParaExtra extra = {.exact = DOCX_BODY_LINE};
    const char *placeholder = field->as.field.placeholder;
    DocxControl c = {field->as.field.path, field->as.field.label, TRUE, NULL, style, DOCX_MARK_WHOLE};
    int lines = MAX(field->as.field.lines, 1);
    for (int i = 0; i < lines; i++) {
        docx_paragraph_start(b, style, &extra);
        if (i == 0) {
            docx_control_start(b, &c);
            docx_text_run(b, style, placeholder ? placeholder : "\u3000\u3000", DOCX_RUN_PLACEHOLDER);
            docx_control_end(b, &c);
        }
        docx_end(b->x);
    }
    sb_node_free(style);
}

/* A filled block field is its paragraphs as they are, one bookmark from the head of the
 * first to the end of the last (docx.h): no control, so that python-docx's
 * paragraph.text shows them, and none that LibreOffice could garble. */
static void write_block_field(DocxBody *b, const SbNode *field)
{
    if (field->as.field.empty || !field->first_child) {
        write_room(b, field);
        return;
    }
    const SbNode *first = NULL, *last = NULL;
    for (const SbNode *p = field->first_child; p; p = p->next) {
        if (p->type != SB_NODE_BLOCK)
            continue;
        if (!first)
            first = p;
        last = p;
    }
    for (const SbNode *p = first; p; p = p->next) {
        if (p->type != SB_NODE_BLOCK)
            continue;
        docx_paragraph_start(b, p, NULL);
        if (p == first)
            docx_mark_start(b, field->as.field.path);
        docx_runs(b, p);
        if (p == last)
            docx_mark_end(b);
        docx_end(b->x);
    }
}

/* ---- the walk ---- */

void docx_block_node(DocxBody *b, const SbNode *node, int width)
{
    switch (node->type) {
    case SB_NODE_BLOCK:
        write_paragraph(b, node, NULL);
        break;
    case SB_NODE_TABLE:
        /* A page break cannot sit on a table, and Word joins tables that touch into one,
         * whose second header row would then not repeat: a 1 pt line carries the break
         * or keeps the tables apart. */
        if (b->page_break || (node->prev && node->prev->type == SB_NODE_TABLE))
            docx_spacer(b, 20);
        b->page_top = FALSE;
        docx_table(b, node);
        break;
    case SB_NODE_SEAL:
        write_seal(b, node, width);
        break;
    case SB_NODE_SPACE:
        /* room at the top of a page is dropped, as in the PDF */
        if (!b->page_top || b->page_break)
            docx_spacer(b, b->page_top ? 20 : docx_twips_mm(node->as.space.height));
        break;
    case SB_NODE_FIELD:
        write_block_field(b, node);
        break;
    default:
        break;
    }
}

/* The section properties of pages set upright or, for a wide table, on their side. */
static void write_section(xmlTextWriterPtr x, gboolean landscape)
{
    docx_start(x, "w:sectPr");
    docx_start(x, "w:footerReference");
    docx_attr(x, "w:type", "default");
    docx_attr(x, "r:id", DOCX_RID_FOOTER_ODD);
    docx_end(x);
    docx_start(x, "w:footerReference");
    docx_attr(x, "w:type", "even");
    docx_attr(x, "r:id", DOCX_RID_FOOTER_EVEN);
    docx_end(x);
    docx_start(x, "w:pgSz");
    docx_attr_int(x, "w:w", landscape ? DOCX_PAGE_H : DOCX_PAGE_W);
    docx_attr_int(x, "w:h", landscape ? DOCX_PAGE_W : DOCX_PAGE_H);
    if (landscape)
        docx_attr(x, "w:orient", "landscape");
    docx_end(x);
    docx_start(x, "w:pgMar");
    docx_attr_int(x, "w:top", landscape ? DOCX_LANDSCAPE_MARGIN_TOP : DOCX_MARGIN_TOP);
    docx_attr_int(x, "w:right", landscape ? DOCX_LANDSCAPE_MARGIN_RIGHT : DOCX_MARGIN_RIGHT);
    docx_attr_int(x, "w:bottom", landscape ? DOCX_LANDSCAPE_MARGIN_BOTTOM : DOCX_MARGIN_BOTTOM);
    docx_attr_int(x, "w:left", landscape ? DOCX_LANDSCAPE_MARGIN_LEFT : DOCX_MARGIN_LEFT);
    docx_attr_int(x, "w:header", 851);
    /* the page number as far below the type area as on upright pages */
    docx_attr_int(x, "w:footer",
                  landscape ? DOCX_FOOTER - (DOCX_MARGIN_BOTTOM - DOCX_LANDSCAPE_MARGIN_BOTTOM) : DOCX_FOOTER);
    docx_attr(x, "w:gutter", "0");
    docx_end(x);
    docx_end(x);
}

/* Pages turn on their side in a section of their own: a paragraph carrying the section
 * properties ends the pages before the turn (and starts a new page itself). */
static void end_section(DocxBody *b, gboolean landscape)
{
    docx_start(b->x, "w:p");
    docx_start(b->x, "w:pPr");
    write_section(b->x, landscape);
    docx_end(b->x);
    docx_end(b->x);
}

static gboolean write_body(DocxBody *b, const SbNode *doc)
{
    const SbNode *last = NULL;
    gboolean landscape = doc->first_child && doc->first_child->as.page.landscape, turned = FALSE;
    for (const SbNode *page = doc->first_child; page; page = page->next) {
        if (page->as.page.landscape != landscape) {
            end_section(b, landscape);
            landscape = page->as.page.landscape;
            turned = TRUE;
        }
        b->page_break = page != doc->first_child && !turned;
        b->page_top = TRUE;
        turned = FALSE;
        b->type_w = landscape ? DOCX_LANDSCAPE_TYPE_W : DOCX_TYPE_W;
        for (const SbNode *c = page->first_child; c; c = c->next) {
            docx_block_node(b, c, b->type_w);
            last = c;
        }
    }
    /* Word wants a paragraph between a table and the end of the document. */
    if (!last || last->type == SB_NODE_TABLE)
        docx_spacer(b, 20);
    return landscape;   /* of the last section, which the body's own properties describe */
}

void docx_write_document(DocxXml *xml, const SbNode *doc)
{
    DocxBody b = {.x = xml->x, .next_id = 1, .next_mark = 1};
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "w:document");
    docx_attr(x, "xmlns:w", DOCX_NS_W);
    docx_attr(x, "xmlns:r", DOCX_NS_R);
    docx_attr(x, "xmlns:mc", DOCX_NS_MC);
    docx_attr(x, "xmlns:w14", DOCX_NS_W14);
    docx_attr(x, "mc:Ignorable", "w14");
    docx_start(x, "w:body");
    write_section(x, write_body(&b, doc));
    docx_end(x);
    docx_end(x);
}
