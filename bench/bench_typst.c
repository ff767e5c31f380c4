/* The same document as Typst source, for the comparison with the Typst compiler.
 *
 * Same page geometry, fonts by role, sizes, alignment, first-line indents and table
 * columns (with their spans), space around paragraphs, lines as tall as pango's (ascender
 * to descender, no extra leading).  Typst names FandolFang by its name-table family,
 * "FandolFang R".  Every string is a Typst string literal, so nothing in the data is read
 * as markup. */
#include "bench.h"
#include "doc.h"

static const char *const families[] = {
    [SB_FONT_SONG] = "(\"Noto Serif CJK SC\",)",
    [SB_FONT_FANG] = "(\"FandolFang R\", \"Noto Serif CJK SC\")",
    [SB_FONT_HEI] = "(\"Noto Sans CJK SC\", \"Noto Serif CJK SC\")",
    [SB_FONT_KAI] = "(\"LXGW WenKai\", \"Noto Serif CJK SC\")",
    [SB_FONT_TITLE] = "(\"Noto Serif CJK SC\",)",
};

static void string_literal(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", out);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

static void paragraph(FILE *out, const SbNode *block)
{
    char *text = bench_block_text(block);
    const SbAlign a = block->as.block.align;
    const double size = block->as.block.size;
    fprintf(out, "#block(width: 100%%, above: %.2fpt, below: %.2fpt)[#set par(justify: %s, first-line-indent: (amount: %.2fpt, all: true));"
            " #set align(%s); #text(font: %s, size: %.2fpt, weight: \"%s\", ",
            block->as.block.space_before, block->as.block.space_after,
            a == SB_ALIGN_JUSTIFY ? "true" : "false", block->as.block.indent * size,
            a == SB_ALIGN_CENTER ? "center" : a == SB_ALIGN_RIGHT ? "right" : "left",
            families[block->as.block.font], size,
            block->as.block.bold || block->as.block.font == SB_FONT_TITLE ? "bold" : "regular");
    string_literal(out, text);
    fputs(" + mark)]\n", out);
    g_free(text);
}

static void blocks(FILE *out, const SbNode *node)
{
    for (const SbNode *c = node->first_child; c; c = c->next) {
        if (c->type == SB_NODE_BLOCK)
            paragraph(out, c);
        else if (c->type == SB_NODE_FIELD || c->type == SB_NODE_SEAL)
            blocks(out, c);
    }
}

static void table(FILE *out, const SbNode *t)
{
    fputs("#table(columns: (", out);
    for (int i = 0; i < t->as.table.n_cols; i++)
        fprintf(out, "%.2fmm, ", t->as.table.widths[i]);
    fputs("), inset: 1mm,\n", out);
    for (const SbNode *row = t->first_child; row; row = row->next)
        for (const SbNode *cell = row->first_child; cell; cell = cell->next) {
            fprintf(out, "table.cell(colspan: %d, rowspan: %d)[\n", MAX(cell->as.cell.colspan, 1),
                    MAX(cell->as.cell.rowspan, 1));
            blocks(out, cell);
            fputs("],\n", out);
        }
    fputs(")\n", out);
}

void typst_write(const SbDocument *doc, FILE *out)
{
    fputs("#let mark = sys.inputs.at(\"mark\", default: \"\")\n"
          "#set page(paper: \"a4\", margin: (top: 37mm, left: 28mm, right: 26mm, bottom: 35mm))\n"
          "#set text(lang: \"zh\", region: \"cn\", top-edge: \"ascender\", bottom-edge: \"descender\")\n"
          "#set par(leading: 0pt, spacing: 0pt)\n", out);
    gboolean first = TRUE;
    for (const SbNode *page = doc->root->first_child; page; page = page->next) {
        if (!first)
            fputs("#pagebreak()\n", out);
        first = FALSE;
        for (const SbNode *item = page->first_child; item; item = item->next) {
            if (item->type == SB_NODE_TABLE)
                table(out, item);
            else if (item->type == SB_NODE_BLOCK)
                paragraph(out, item);
            else if (item->type == SB_NODE_FIELD || item->type == SB_NODE_SEAL)
                blocks(out, item);
            else if (item->type == SB_NODE_SPACE)
                fprintf(out, "#v(%.2fmm)\n", item->as.space.height);
        }
    }
}
