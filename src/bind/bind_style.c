/* Paragraph styles by element.  They follow GB/T 9704: annex label 三号黑体, title 二号
 * 小标宋, headings 一、黑体 （一）楷体 1.仿宋, body 三号仿宋 with a two-character indent;
 * an element's role, size, align, indent, bold and outline attributes override them. */
#include "bind.h"

#include <string.h>

typedef struct {
    SbBlockKind kind;
    SbFontRole font;
    double size;
    SbAlign align;
    double indent;
    int outline;
    gboolean keep_with_next;
    double space_before, space_after;
} BlockStyle;

static const struct { const char *element; BlockStyle style; } block_styles[] = {
    {"annex", {SB_BLOCK_ANNEX, SB_FONT_HEI, 16, SB_ALIGN_LEFT, 0, 0, TRUE, 0, 14}},
    {"title", {SB_BLOCK_TITLE, SB_FONT_TITLE, 22, SB_ALIGN_CENTER, 0, 1, TRUE, 12, 18}},
    {"subtitle", {SB_BLOCK_SUBTITLE, SB_FONT_KAI, 16, SB_ALIGN_CENTER, 0, 0, TRUE, 0, 12}},
    {"p", {SB_BLOCK_BODY, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, 0, FALSE, 0, 0}},
    {"note", {SB_BLOCK_NOTE, SB_FONT_FANG, 12, SB_ALIGN_JUSTIFY, 0, 0, FALSE, 3, 3}},
};

static const BlockStyle heading_styles[] = {
    {SB_BLOCK_HEADING1, SB_FONT_HEI, 16, SB_ALIGN_LEFT, 2, 2, TRUE, 6, 0},
    {SB_BLOCK_HEADING2, SB_FONT_KAI, 16, SB_ALIGN_LEFT, 2, 3, TRUE, 3, 0},
    {SB_BLOCK_HEADING3, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY, 2, 0, TRUE, 0, 0},
};

static SbNode *block_from_style(const BlockStyle *s)
{
    SbNode *p = sb_node_new(SB_NODE_BLOCK);
    p->as.block.kind = s->kind;
    p->as.block.font = s->font;
    p->as.block.size = s->size;
    p->as.block.align = s->align;
    p->as.block.indent = s->indent;
    p->as.block.outline = s->outline;
    p->as.block.keep_with_next = s->keep_with_next;
    p->as.block.space_before = s->space_before;
    p->as.block.space_after = s->space_after;
    return p;
}

static const char *const role_names[] = {"song", "fang", "hei", "kai", "title"};

static gboolean parse_role(const char *name, SbFontRole *role)
{
    for (guint i = 0; name && i < G_N_ELEMENTS(role_names); i++)
        if (strcmp(name, role_names[i]) == 0) {
            *role = (SbFontRole)i;
            return TRUE;
        }
    return FALSE;
}

static gboolean parse_align(const char *name, SbAlign *align)
{
    static const char *const names[] = {"left", "center", "right", "justify"};
    for (guint i = 0; name && i < G_N_ELEMENTS(names); i++)
        if (strcmp(name, names[i]) == 0) {
            *align = (SbAlign)i;
            return TRUE;
        }
    return FALSE;
}

/* role, size, align, indent, bold and outline attributes override the defaults. */
void sb_bind_apply_attrs(xmlNode *el, SbNode *p)
{
    char *v;
    if ((v = sb_xml_attr(el, "role")))
        parse_role(v, &p->as.block.font), xmlFree(v);
    if ((v = sb_xml_attr(el, "size")))
        p->as.block.size = sb_size_points(v), xmlFree(v);
    if ((v = sb_xml_attr(el, "align")))
        parse_align(v, &p->as.block.align), xmlFree(v);
    if ((v = sb_xml_attr(el, "indent")))
        p->as.block.indent = g_ascii_strtod(v, NULL), xmlFree(v);
    if ((v = sb_xml_attr(el, "bold")))
        p->as.block.bold = strcmp(v, "true") == 0, xmlFree(v);
    if ((v = sb_xml_attr(el, "outline")))
        p->as.block.outline = strcmp(v, "false") == 0 ? 0 : p->as.block.outline, xmlFree(v);
    if ((v = sb_xml_attr(el, "space-before")))
        p->as.block.space_before = g_ascii_strtod(v, NULL) * 72 / 25.4, xmlFree(v);
}

static const BlockStyle *style_for(xmlNode *el)
{
    if (sb_xml_is(el, "heading")) {
        char *level = sb_xml_attr(el, "level");
        int i = CLAMP(atoi(level), 1, 3) - 1;
        xmlFree(level);
        return &heading_styles[i];
    }
    for (guint i = 0; i < G_N_ELEMENTS(block_styles); i++)
        if (sb_xml_is(el, block_styles[i].element))
            return &block_styles[i].style;
    return NULL;
}

SbNode *sb_bind_styled_block(xmlNode *el)
{
    const BlockStyle *s = style_for(el);
    if (!s)
        return NULL;
    SbNode *p = block_from_style(s);
    sb_bind_apply_attrs(el, p);
    return p;
}

SbNode *sb_bind_body_style(void)
{
    return block_from_style(&block_styles[3].style);
}
