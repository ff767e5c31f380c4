/* styles.xml: the fonts, the default and named paragraph styles, the A4 page and the
 * master page whose footer carries the page number. */
#include "odt.h"

/* GB/T 9704: top 37 mm, binding 28 mm, type area 156 × 225 mm, so right 26 mm and bottom
 * 35 mm.  The footer sits inside the bottom margin: its spacing keeps the number about
 * 7 mm below the type area, and spacing + footer + page margin add up to the 35 mm. */
#define PAGE_W_MM 210.0
#define PAGE_H_MM 297.0
#define MARGIN_TOP_MM 37.0
#define MARGIN_LEFT_MM 28.0
#define MARGIN_RIGHT_MM (PAGE_W_MM - MARGIN_LEFT_MM - ODT_TYPE_W_MM)
#define MARGIN_BOTTOM_MM (PAGE_H_MM - MARGIN_TOP_MM - ODT_TYPE_H_MM)
#define FOOTER_SPACING_MM 7.0
#define FOOTER_HEIGHT_MM 6.0

/* 4号 宋体, the dashes included: they would otherwise take the Latin face. */
#define NUMBER_SIZE 14.0

static void write_default_style(OdtXml *x)
{
    odt_start(x, "style:default-style");
    odt_attr(x, "style:family", "paragraph");
    odt_start(x, "style:paragraph-properties");
    /* Chinese line breaking: no line starts with closing punctuation (clreq).  Like the
     * PDF, no punctuation hangs into the margin and no space is added between Chinese
     * and Latin text (LibreOffice does both unless told). */
    odt_attr(x, "style:line-break", "strict");
    odt_attr(x, "style:punctuation-wrap", "simple");
    odt_attr(x, "style:text-autospace", "none");
    odt_attr(x, "style:writing-mode", "lr-tb");
    odt_end(x);
    odt_start(x, "style:text-properties");
    odt_attr(x, "style:font-name", odt_latin_font(SB_FONT_SONG));
    odt_attr(x, "fo:font-size", "12pt");
    odt_attr(x, "fo:language", "en");
    odt_attr(x, "fo:country", "US");
    odt_attr(x, "style:font-name-asian", odt_asian_font(SB_FONT_SONG));
    odt_attr(x, "style:font-size-asian", "12pt");
    odt_attr(x, "style:language-asian", "zh");
    odt_attr(x, "style:country-asian", "CN");
    odt_attr(x, "fo:hyphenate", "false");
    odt_end(x);
    odt_end(x);

    odt_start(x, "style:style");
    odt_attr(x, "style:name", "Standard");
    odt_attr(x, "style:family", "paragraph");
    odt_attr(x, "style:class", "text");
    odt_end(x);
}

/* Odd pages carry the number at the right, even pages at the left, one character in
 * from the edge of the type area. */
static void write_number_style(OdtXml *x, const char *name, const char *display, gboolean odd)
{
    odt_start(x, "style:style");
    odt_attr(x, "style:name", name);
    odt_attr(x, "style:display-name", display);
    odt_attr(x, "style:family", "paragraph");
    odt_attr(x, "style:parent-style-name", "Standard");
    odt_attr(x, "style:class", "extra");
    odt_start(x, "style:paragraph-properties");
    odt_attr(x, "fo:text-align", odd ? "end" : "start");
    odt_attr_len(x, odd ? "fo:margin-right" : "fo:margin-left", NUMBER_SIZE, "pt");
    odt_attr(x, "fo:text-indent", "0pt");
    odt_end(x);
    odt_start(x, "style:text-properties");
    odt_attr(x, "style:font-name", odt_asian_font(SB_FONT_SONG));
    odt_attr_len(x, "fo:font-size", NUMBER_SIZE, "pt");
    odt_attr(x, "style:font-name-asian", odt_asian_font(SB_FONT_SONG));
    odt_attr_len(x, "style:font-size-asian", NUMBER_SIZE, "pt");
    odt_end(x);
    odt_end(x);
}

/* Headings (text:h) belong to the outline list.  Without an outline style of its own,
 * LibreOffice's default one replaces the headings' indent with the list's; levels that
 * number nothing and add no indent leave the paragraph styles in charge. */
static void write_outline_style(OdtXml *x)
{
    odt_start(x, "text:outline-style");
    odt_attr(x, "style:name", "Outline");
    for (int level = 1; level <= 10; level++) {
        odt_start(x, "text:outline-level-style");
        odt_attr_int(x, "text:level", level);
        odt_attr(x, "style:num-format", "");
        odt_start(x, "style:list-level-properties");
        odt_attr(x, "text:list-level-position-and-space-mode", "label-width-and-position");
        odt_attr(x, "text:space-before", "0pt");
        odt_attr(x, "text:min-label-width", "0pt");
        odt_end(x);
        odt_end(x);
    }
    odt_end(x);
}

/* Upright (A4) or on its side (A4L: a type area of 225 × 156 mm, binding margin 37 mm at
 * the left, 28 mm at the top, as the PDF sets a wide table). */
static void write_page_layout(OdtXml *x, gboolean landscape)
{
    double w = landscape ? PAGE_H_MM : PAGE_W_MM, h = landscape ? PAGE_W_MM : PAGE_H_MM;
    double top = landscape ? 28.0 : MARGIN_TOP_MM, left = landscape ? 37.0 : MARGIN_LEFT_MM;
    double type_w = landscape ? ODT_LANDSCAPE_TYPE_W_MM : ODT_TYPE_W_MM;
    double bottom = h - top - (landscape ? ODT_TYPE_W_MM : ODT_TYPE_H_MM);
    odt_start(x, "style:page-layout");
    odt_attr(x, "style:name", landscape ? "A4L" : "A4");
    odt_start(x, "style:page-layout-properties");
    odt_attr_len(x, "fo:page-width", w, "mm");
    odt_attr_len(x, "fo:page-height", h, "mm");
    odt_attr(x, "style:print-orientation", landscape ? "landscape" : "portrait");
    odt_attr_len(x, "fo:margin-top", top, "mm");
    odt_attr_len(x, "fo:margin-bottom", bottom - FOOTER_SPACING_MM - FOOTER_HEIGHT_MM, "mm");
    odt_attr_len(x, "fo:margin-left", left, "mm");
    odt_attr_len(x, "fo:margin-right", w - left - type_w, "mm");
    odt_attr(x, "style:writing-mode", "lr-tb");
    odt_end(x);
    odt_start(x, "style:footer-style");
    odt_start(x, "style:header-footer-properties");
    odt_attr_len(x, "fo:min-height", FOOTER_HEIGHT_MM, "mm");
    odt_attr_len(x, "fo:margin-top", FOOTER_SPACING_MM, "mm");
    odt_attr(x, "style:dynamic-spacing", "false");
    odt_end(x);
    odt_end(x);
    odt_end(x);
}

static void write_number(OdtXml *x, const char *element, const char *style)
{
    odt_start(x, element);
    odt_start(x, "text:p");
    odt_attr(x, "text:style-name", style);
    odt_text(x, "\u2014 ");
    odt_start(x, "text:page-number");
    odt_attr(x, "text:select-page", "current");
    odt_end(x);
    odt_text(x, " \u2014");
    odt_end(x);
    odt_end(x);
}

/* The master page is called Standard: the one LibreOffice gives a document's first page. */
static void write_master_page(OdtXml *x, gboolean landscape)
{
    odt_start(x, "office:master-styles");
    for (int side = 0; side < (landscape ? 2 : 1); side++) {
        odt_start(x, "style:master-page");
        odt_attr(x, "style:name", side ? ODT_MASTER_ON_SIDE : ODT_MASTER_UPRIGHT);
        odt_attr(x, "style:page-layout-name", side ? "A4L" : "A4");
        write_number(x, "style:footer", "PageNumberOdd");
        write_number(x, "style:footer-left", "PageNumberEven");
        odt_end(x);
    }
    odt_end(x);
}

char *odt_styles_xml(gboolean landscape, gsize *len)
{
    OdtXml *x = odt_xml_new(TRUE);
    odt_start(x, "office:document-styles");
    odt_namespaces(x);
    odt_attr(x, "office:version", "1.3");
    odt_write_font_faces(x);
    odt_start(x, "office:styles");
    write_default_style(x);
    odt_write_named_styles(x);
    write_number_style(x, "PageNumberOdd", "页码（单页）", TRUE);
    write_number_style(x, "PageNumberEven", "页码（双页）", FALSE);
    write_outline_style(x);
    odt_end(x);
    odt_start(x, "office:automatic-styles");
    write_page_layout(x, FALSE);
    if (landscape)
        write_page_layout(x, TRUE);
    odt_end(x);
    write_master_page(x, landscape);
    odt_end(x);
    return odt_xml_finish(x, len);
}
