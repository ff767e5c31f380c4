/* The small parts of a DOCX package: content types, relationships, settings, the font
 * table and the two footers. */
#include "docx.h"

#define CT_W "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL_OD "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* ---- [Content_Types].xml ---- */

static void override(xmlTextWriterPtr x, const char *part, const char *type)
{
    docx_start(x, "Override");
    docx_attr(x, "PartName", part);
    docx_attr(x, "ContentType", type);
    docx_end(x);
}

static void default_type(xmlTextWriterPtr x, const char *ext, const char *type)
{
    docx_start(x, "Default");
    docx_attr(x, "Extension", ext);
    docx_attr(x, "ContentType", type);
    docx_end(x);
}

void docx_write_content_types(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "Types");
    docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    default_type(x, "rels", "application/vnd.openxmlformats-package.relationships+xml");
    default_type(x, "xml", "application/xml");
    override(x, "/word/document.xml", CT_W "document.main+xml");
    override(x, "/word/styles.xml", CT_W "styles+xml");
    override(x, "/word/settings.xml", CT_W "settings+xml");
    override(x, "/word/fontTable.xml", CT_W "fontTable+xml");
    override(x, "/word/footer1.xml", CT_W "footer+xml");
    override(x, "/word/footer2.xml", CT_W "footer+xml");
    override(x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    override(x, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    override(x, "/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml");
    docx_end(x);
}

/* ---- relationships ---- */

static void relationship(xmlTextWriterPtr x, const char *id, const char *type, const char *target)
{
    docx_start(x, "Relationship");
    docx_attr(x, "Id", id);
    docx_attr(x, "Type", type);
    docx_attr(x, "Target", target);
    docx_end(x);
}

static void relationships_start(xmlTextWriterPtr x)
{
    docx_start(x, "Relationships");
    docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
}

void docx_write_package_rels(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    xmlTextWriterPtr x = xml->x;
    relationships_start(x);
    relationship(x, "rId1", REL_OD "officeDocument", "word/document.xml");
    relationship(x, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                 "docProps/core.xml");
    relationship(x, "rId3", REL_OD "extended-properties", "docProps/app.xml");
    relationship(x, "rId4", REL_OD "custom-properties", "docProps/custom.xml");
    docx_end(x);
}

void docx_write_document_rels(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    xmlTextWriterPtr x = xml->x;
    relationships_start(x);
    relationship(x, "rId1", REL_OD "styles", "styles.xml");
    relationship(x, "rId2", REL_OD "settings", "settings.xml");
    relationship(x, "rId3", REL_OD "fontTable", "fontTable.xml");
    relationship(x, DOCX_RID_FOOTER_ODD, REL_OD "footer", "footer1.xml");
    relationship(x, DOCX_RID_FOOTER_EVEN, REL_OD "footer", "footer2.xml");
    docx_end(x);
}

/* ---- settings.xml ---- */

/* Odd and even footers differ; Chinese punctuation keeps its full width as in the PDF;
 * Word 2013 layout (compatibility mode 15) puts a table's edge on the margin. */
void docx_write_settings(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "w:settings");
    docx_attr(x, "xmlns:w", DOCX_NS_W);
    docx_val_int(x, "w:defaultTabStop", 420);
    docx_empty(x, "w:evenAndOddHeaders");
    docx_val(x, "w:characterSpacingControl", "doNotCompress");
    docx_start(x, "w:compat");
    docx_start(x, "w:compatSetting");
    docx_attr(x, "w:name", "compatibilityMode");
    docx_attr(x, "w:uri", "http://schemas.microsoft.com/office/word");
    docx_attr(x, "w:val", "15");
    docx_end(x);
    docx_end(x);
    docx_start(x, "w:themeFontLang");
    docx_attr(x, "w:val", "en-US");
    docx_attr(x, "w:eastAsia", "zh-CN");
    docx_end(x);
    docx_end(x);
}

/* ---- fontTable.xml ---- */

typedef struct {
    const char *name, *alt;
    const char *charset;      /* 86 = GB2312, 80 = Shift-JIS */
    const char *family, *pitch;
} FontEntry;

/* The alternative names let Word and WPS substitute sensibly where the office font is
 * missing: 仿宋 for 仿宋_GB2312, 楷体 for 楷体_GB2312, 宋体 for 方正小标宋简体. */
static const FontEntry fonts[] = {
    {"Times New Roman", NULL, "00", "roman", "variable"},
    {"宋体", "SimSun", "86", "auto", "variable"},
    {"仿宋_GB2312", "仿宋", "86", "modern", "fixed"},
    {"黑体", "SimHei", "86", "modern", "fixed"},
    {"楷体_GB2312", "楷体", "86", "modern", "fixed"},
    {"方正小标宋简体", "宋体", "86", "auto", "variable"},
    {"MS Gothic", "ＭＳ ゴシック", "80", "modern", "fixed"},
};

void docx_write_font_table(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "w:fonts");
    docx_attr(x, "xmlns:w", DOCX_NS_W);
    for (guint i = 0; i < G_N_ELEMENTS(fonts); i++) {
        docx_start(x, "w:font");
        docx_attr(x, "w:name", fonts[i].name);
        if (fonts[i].alt)
            docx_val(x, "w:altName", fonts[i].alt);
        docx_val(x, "w:charset", fonts[i].charset);
        docx_val(x, "w:family", fonts[i].family);
        docx_val(x, "w:pitch", fonts[i].pitch);
        docx_end(x);
    }
    docx_end(x);
}

/* ---- footers ---- */

static void page_field_char(xmlTextWriterPtr x, const char *type)
{
    docx_start(x, "w:r");
    docx_start(x, "w:fldChar");
    docx_attr(x, "w:fldCharType", type);
    docx_end(x);
    docx_end(x);
}

static void footer_run(xmlTextWriterPtr x, const char *name, const char *text)
{
    docx_start(x, "w:r");
    docx_start(x, "w:rPr");
    docx_fonts(x, SB_FONT_SONG);
    docx_val_int(x, "w:sz", 28);
    docx_val_int(x, "w:szCs", 28);
    docx_end(x);
    docx_start(x, name);
    if (g_str_equal(name, "w:t") || g_str_equal(name, "w:instrText"))
        docx_attr(x, "xml:space", "preserve");
    xmlTextWriterWriteString(x, (const xmlChar *)text);
    docx_end(x);
    docx_end(x);
}

/* "— N —" in 4号 宋体, one character in from the edge of the type area. */
static void write_footer(DocxXml *xml, gboolean even)
{
    xmlTextWriterPtr x = xml->x;
    docx_start(x, "w:ftr");
    docx_attr(x, "xmlns:w", DOCX_NS_W);
    docx_start(x, "w:p");
    docx_start(x, "w:pPr");
    docx_start(x, "w:spacing");
    docx_attr_int(x, "w:line", DOCX_FOOTER_LINE);
    docx_attr(x, "w:lineRule", "exact");
    docx_end(x);
    docx_start(x, "w:ind");
    docx_attr(x, even ? "w:leftChars" : "w:rightChars", "100");
    docx_attr(x, even ? "w:left" : "w:right", "280");
    docx_attr(x, "w:firstLineChars", "0");
    docx_attr(x, "w:firstLine", "0");
    docx_end(x);
    docx_jc(x, even ? SB_ALIGN_LEFT : SB_ALIGN_RIGHT);
    docx_start(x, "w:rPr");
    docx_val_int(x, "w:sz", 28);
    docx_end(x);
    docx_end(x);
    footer_run(x, "w:t", "\u2014 ");
    page_field_char(x, "begin");
    footer_run(x, "w:instrText", " PAGE ");
    page_field_char(x, "separate");
    footer_run(x, "w:t", even ? "2" : "1");
    page_field_char(x, "end");
    footer_run(x, "w:t", " \u2014");
    docx_end(x);
    docx_end(x);
}

void docx_write_footer_odd(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    write_footer(xml, FALSE);
}

void docx_write_footer_even(DocxXml *xml, const SbNode *doc)
{
    (void)doc;
    write_footer(xml, TRUE);
}
