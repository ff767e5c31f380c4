/* Paragraph styles by block kind and fonts by role, and word/styles.xml.
 *
 * The styles hold GB/T 9704's defaults (the ones binding gives each kind of block), so a
 * paragraph carries direct formatting only where the form asks for something else, and
 * changing a style in Word changes every paragraph of that kind. */
#include "docx.h"

/* The names Chinese offices have on their machines; Latin text is Times New Roman. */
static const char *const font_names[] = {
    [SB_FONT_SONG] = "宋体",
    [SB_FONT_FANG] = "仿宋_GB2312",
    [SB_FONT_HEI] = "黑体",
    [SB_FONT_KAI] = "楷体_GB2312",
    [SB_FONT_TITLE] = "方正小标宋简体",
};

/* Word's built-in names for Title, Subtitle and the headings, so Word, WPS and
 * LibreOffice treat them as such.  The title is outline level 1 and the headings
 * 一、（一） levels 2 and 3, as in the PDF's outline; a third-level heading sits below them
 * in the navigation pane. */
static const DocxStyle styles[] = {
    {SB_BLOCK_BODY, "Body", "Body", SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, 0, FALSE, 0, 0},
    {SB_BLOCK_ANNEX, "Annex", "Annex", SB_FONT_HEI, 16, SB_ALIGN_LEFT, 0, 0, TRUE, 0, 14},
    {SB_BLOCK_TITLE, "Title", "Title", SB_FONT_TITLE, 22, SB_ALIGN_CENTER, 0, 1, TRUE, 12, 18},
    {SB_BLOCK_SUBTITLE, "Subtitle", "Subtitle", SB_FONT_KAI, 16, SB_ALIGN_CENTER, 0, 0, TRUE, 0, 12},
    {SB_BLOCK_HEADING1, "Heading1", "heading 1", SB_FONT_HEI, 16, SB_ALIGN_LEFT, 2, 2, TRUE, 6, 0},
    {SB_BLOCK_HEADING2, "Heading2", "heading 2", SB_FONT_KAI, 16, SB_ALIGN_LEFT, 2, 3, TRUE, 3, 0},
    {SB_BLOCK_HEADING3, "Heading3", "heading 3", SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, 4, TRUE, 0, 0},
    {SB_BLOCK_NOTE, "Note", "Note", SB_FONT_FANG, 12, SB_ALIGN_JUSTIFY, 0, 0, FALSE, 3, 3},
    {SB_BLOCK_CELL, "Cell", "Cell", SB_FONT_SONG, 10.5, SB_ALIGN_LEFT, 0, 0, FALSE, 0, 0},
};

const DocxStyle *docx_style(SbBlockKind kind)
{
    for (guint i = 0; i < G_N_ELEMENTS(styles); i++)
        if (styles[i].kind == kind)
            return &styles[i];
    return &styles[0];
}

/* The PDF's pitches: table text 1.45 lines, titles 1.5, notes 1.6, and 28.95 pt for 三号
 * body text (22 lines on a 225 mm type area). */
int docx_line_twips(SbBlockKind kind, double size)
{
    switch (kind) {
    case SB_BLOCK_CELL:
        return docx_twips_pt(size * 1.45);
    case SB_BLOCK_TITLE:
    case SB_BLOCK_SUBTITLE:
        return docx_twips_pt(size * 1.5);
    case SB_BLOCK_NOTE:
        return docx_twips_pt(size * 1.6);
    default:
        return docx_twips_pt(size * 28.95 / 16);
    }
}

const char *docx_font_name(SbFontRole role)
{
    return role < G_N_ELEMENTS(font_names) ? font_names[role] : font_names[SB_FONT_SONG];
}

/* w:hint makes the punctuation Chinese and Latin share (“ ” — …) take the Chinese font. */
void docx_fonts(xmlTextWriterPtr x, SbFontRole role)
{
    docx_start(x, "w:rFonts");
    docx_attr(x, "w:ascii", "Times New Roman");
    docx_attr(x, "w:eastAsia", docx_font_name(role));
    docx_attr(x, "w:hAnsi", "Times New Roman");
    docx_attr(x, "w:cs", "Times New Roman");
    docx_attr(x, "w:hint", "eastAsia");
    docx_end(x);
}

void docx_jc(xmlTextWriterPtr x, SbAlign align)
{
    static const char *const names[] = {
        [SB_ALIGN_LEFT] = "left", [SB_ALIGN_CENTER] = "center",
        [SB_ALIGN_RIGHT] = "right", [SB_ALIGN_JUSTIFY] = "both",
    };
    docx_val(x, "w:jc", names[align]);
}

/* ---- styles.xml ---- */

static void write_size(xmlTextWriterPtr x, double points)
{
    docx_val_int(x, "w:sz", (int)(points * 2 + 0.5));
    docx_val_int(x, "w:szCs", (int)(points * 2 + 0.5));
}

static void write_doc_defaults(xmlTextWriterPtr x)
{
    docx_start(x, "w:docDefaults");
    docx_start(x, "w:rPrDefault");
    docx_start(x, "w:rPr");
    docx_fonts(x, SB_FONT_FANG);
    write_size(x, 16);
    docx_start(x, "w:lang");
    docx_attr(x, "w:val", "en-US");
    docx_attr(x, "w:eastAsia", "zh-CN");
    docx_attr(x, "w:bidi", "ar-SA");
    docx_end(x);
    docx_end(x);
    docx_end(x);
    /* No extra space between Chinese and Latin text or digits, as in the PDF. */
    docx_start(x, "w:pPrDefault");
    docx_start(x, "w:pPr");
    docx_val(x, "w:autoSpaceDE", "0");
    docx_val(x, "w:autoSpaceDN", "0");
    docx_start(x, "w:spacing");
    docx_attr(x, "w:before", "0");
    docx_attr(x, "w:after", "0");
    docx_end(x);
    docx_end(x);
    docx_end(x);
    docx_end(x);
}

static void style_start(xmlTextWriterPtr x, const char *type, const char *id, const char *name,
                        gboolean is_default)
{
    docx_start(x, "w:style");
    docx_attr(x, "w:type", type);
    if (is_default)
        docx_attr(x, "w:default", "1");
    docx_attr(x, "w:styleId", id);
    docx_val(x, "w:name", name);
}

static void write_spacing(xmlTextWriterPtr x, double before, double after, int line)
{
    docx_start(x, "w:spacing");
    docx_attr_int(x, "w:before", docx_twips_pt(before));
    docx_attr_int(x, "w:after", docx_twips_pt(after));
    docx_attr_int(x, "w:line", line);
    docx_attr(x, "w:lineRule", "exact");
    docx_end(x);
}

static void write_paragraph_style(xmlTextWriterPtr x, const DocxStyle *s)
{
    style_start(x, "paragraph", s->id, s->name, FALSE);
    docx_val(x, "w:basedOn", "Normal");
    docx_val(x, "w:next", s->kind == SB_BLOCK_CELL ? "Cell" : "Body");
    docx_empty(x, "w:qFormat");
    docx_start(x, "w:pPr");
    if (s->keep_next)
        docx_empty(x, "w:keepNext");
    write_spacing(x, s->before, s->after, docx_line_twips(s->kind, s->size));
    docx_start(x, "w:ind");
    docx_attr_int(x, "w:firstLineChars", (int)(s->indent * 100));
    docx_attr_int(x, "w:firstLine", docx_twips_pt(s->indent * s->size));
    docx_end(x);
    docx_jc(x, s->align);
    if (s->outline > 0)
        docx_val_int(x, "w:outlineLvl", s->outline - 1);
    docx_end(x);
    docx_start(x, "w:rPr");
    docx_fonts(x, s->font);
    write_size(x, s->size);
    docx_end(x);
    docx_end(x);
}

static void write_base_styles(xmlTextWriterPtr x)
{
    style_start(x, "paragraph", "Normal", "Normal", TRUE);
    docx_empty(x, "w:qFormat");
    docx_start(x, "w:pPr");
    /* LibreOffice hangs a full-width mark at the end of a line wholly past the margin
     * and does not draw it there.  Up to 7.4 at least it reads w:overflowPunct the
     * wrong way round (its own "false" comes back as hanging), so "1" is what stops it;
     * Word reads "1" as its default, which lets such a mark overflow the margin. */
    docx_val(x, "w:overflowPunct", "1");
    docx_jc(x, SB_ALIGN_JUSTIFY);
    docx_end(x);
    docx_end(x);

    style_start(x, "character", "DefaultParagraphFont", "Default Paragraph Font", TRUE);
    docx_val_int(x, "w:uiPriority", 1);
    docx_empty(x, "w:semiHidden");
    docx_empty(x, "w:unhideWhenUsed");
    docx_end(x);

    style_start(x, "table", "TableNormal", "Normal Table", TRUE);
    docx_val_int(x, "w:uiPriority", 99);
    docx_empty(x, "w:semiHidden");
    docx_empty(x, "w:unhideWhenUsed");
    docx_start(x, "w:tblPr");
    docx_start(x, "w:tblInd");
    docx_attr(x, "w:w", "0");
    docx_attr(x, "w:type", "dxa");
    docx_end(x);
    docx_end(x);
    docx_end(x);
}

/* Word shows a content control's placeholder in this style. */
static void write_placeholder_style(xmlTextWriterPtr x)
{
    style_start(x, "character", "PlaceholderText", "Placeholder Text", FALSE);
    docx_val(x, "w:basedOn", "DefaultParagraphFont");
    docx_val_int(x, "w:uiPriority", 99);
    docx_empty(x, "w:semiHidden");
    docx_start(x, "w:rPr");
    docx_val(x, "w:color", "808080");
    docx_end(x);
    docx_end(x);
}

void docx_write_styles(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "w:styles");
    docx_attr(x, "xmlns:w", DOCX_NS_W);
    write_doc_defaults(x);
    write_base_styles(x);
    for (guint i = 0; i < G_N_ELEMENTS(styles); i++)
        write_paragraph_style(x, &styles[i]);
    write_placeholder_style(x);
    docx_end(x);
}
