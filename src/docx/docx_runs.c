/* Inline content: text runs, fields as run-level content controls, checkboxes as Word
 * checkbox controls, line breaks and blanks to write in. */
#include "docx.h"

#include <string.h>

#define IDEOGRAPHIC_SPACE "\u3000"
#define BOX_CHECKED "\u2611"     /* ☑, the PDF's tick */
#define BOX_EMPTY "\u2610"       /* ☐ */

/* The run's properties where they differ from its paragraph style's; `face` is the run's
 * font role (a run-in heading's own face) or the block's. */
static void run_props(xmlTextWriterPtr x, const SbNode *block, SbFontRole face, int flags)
{
    const DocxStyle *s = docx_style(block->as.block.kind);
    gboolean font = face != s->font;
    gboolean size = block->as.block.size != s->size;
    gboolean bold = block->as.block.bold || (flags & DOCX_RUN_BOLD);
    if (!font && !size && !bold && !flags)
        return;
    docx_start(x, "w:rPr");
    if (flags & DOCX_RUN_PLACEHOLDER)
        docx_val(x, "w:rStyle", "PlaceholderText");
    if (font)
        docx_fonts(x, face);
    if (bold) {
        docx_empty(x, "w:b");
        docx_empty(x, "w:bCs");
    }
    if (size) {
        docx_val_int(x, "w:sz", (int)(block->as.block.size * 2 + 0.5));
        docx_val_int(x, "w:szCs", (int)(block->as.block.size * 2 + 0.5));
    }
    if (flags & DOCX_RUN_UNDERLINE)
        docx_val(x, "w:u", "single");
    docx_end(x);
}

void docx_run_props(xmlTextWriterPtr x, const SbNode *block, int flags)
{
    run_props(x, block, block->as.block.font, flags);
}

static void write_t(xmlTextWriterPtr x, const char *text, gsize len)
{
    if (len == 0)
        return;
    docx_start(x, "w:t");
    docx_attr(x, "xml:space", "preserve");
    char *part = g_strndup(text, len);
    xmlTextWriterWriteString(x, (const xmlChar *)part);
    g_free(part);
    docx_end(x);
}

static void face_run(DocxBody *b, const SbNode *block, SbFontRole face, const char *text, int flags)
{
    xmlTextWriterPtr x = b->x;
    docx_start(x, "w:r");
    run_props(x, block, face, flags);
    const char *p = text;
    for (const char *q = text;; q++) {
        if (*q != '\t' && *q != '\n' && *q)
            continue;
        write_t(x, p, (gsize)(q - p));
        if (!*q)
            break;
        docx_empty(x, *q == '\t' ? "w:tab" : "w:br");
        p = q + 1;
    }
    docx_end(x);
}

void docx_text_run(DocxBody *b, const SbNode *block, const char *text, int flags)
{
    face_run(b, block, block->as.block.font, text, flags);
}

static void write_break(DocxBody *b)
{
    docx_start(b->x, "w:r");
    docx_empty(b->x, "w:br");
    docx_end(b->x);
}

/* Room to write in by hand: ideographic spaces, underlined, `width` characters long. */
static char *gap(double width)
{
    int n = MAX((int)(width + 0.5), 1);
    GString *s = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append(s, IDEOGRAPHIC_SPACE);
    return g_string_free(s, FALSE);
}

static void write_gap(DocxBody *b, const SbNode *block, double width)
{
    char *text = gap(width);
    docx_text_run(b, block, text, DOCX_RUN_UNDERLINE);
    g_free(text);
}

/* ---- fields ---- */

/* What an empty field shows, as the PDF prints it: a printed pattern to write into
 * ("　　年　　月　　日") or an underlined gap when it has a width, its placeholder in grey
 * otherwise.  A field with neither keeps two ideographic spaces, so there is something
 * to click on in Word.  A field with a hint (doc.h) shows the hint. */
static void write_empty_field(DocxBody *b, const SbNode *block, const SbNode *f)
{
    const char *placeholder = f->as.field.placeholder;
    if (f->as.field.hint)   /* how to add rows, in place of the gap or prompt */
        docx_text_run(b, block, f->as.field.hint, DOCX_RUN_PLACEHOLDER);
    else if (f->as.field.width > 0 && placeholder)
        docx_text_run(b, block, placeholder, DOCX_RUN_UNDERLINE);
    else if (f->as.field.width > 0)
        write_gap(b, block, f->as.field.width);
    else if (placeholder)
        docx_text_run(b, block, placeholder, DOCX_RUN_PLACEHOLDER);
    else
        docx_text_run(b, block, IDEOGRAPHIC_SPACE IDEOGRAPHIC_SPACE, DOCX_RUN_PLACEHOLDER);
}

/* A blank field is a control showing its placeholder, which Word and LibreOffice
 * replace on the first keystroke; a filled one is plain runs in its bookmark, which
 * every program reading runs sees (docx.h). */
static void write_field(DocxBody *b, const SbNode *block, const SbNode *f)
{
    if (f->as.field.empty) {
        DocxControl c = {f->as.field.path, f->as.field.label, TRUE, NULL, block, DOCX_MARK_WHOLE};
        docx_control_start(b, &c);
        write_empty_field(b, block, f);
        docx_control_end(b, &c);
        return;
    }
    int under = f->as.field.width > 0 ? DOCX_RUN_UNDERLINE : 0;
    docx_mark_start(b, f->as.field.path);
    for (const SbNode *n = f->first_child; n; n = n->next) {
        if (n->type == SB_NODE_TEXT)
            docx_text_run(b, block, n->as.text.text, under | (n->as.text.bold ? DOCX_RUN_BOLD : 0));
        else if (n->type == SB_NODE_BREAK)
            write_break(b);
    }
    docx_mark_end(b);
}

/* The tag says which option of which group the box stands for. */
static void write_checkbox(DocxBody *b, const SbNode *block, const SbNode *box)
{
    char *tag = docx_checkbox_tag(box);
    DocxControl c = {tag, box->as.checkbox.option, FALSE, box, block, DOCX_MARK_WHOLE};
    docx_control_start(b, &c);
    docx_start(b->x, "w:r");
    docx_box_props(b->x, block);
    docx_text_element(b->x, "w:t", box->as.checkbox.checked ? BOX_CHECKED : BOX_EMPTY);
    docx_end(b->x);
    docx_control_end(b, &c);
    g_free(tag);
}

void docx_runs(DocxBody *b, const SbNode *block)
{
    for (const SbNode *n = block->first_child; n; n = n->next) {
        switch (n->type) {
        case SB_NODE_TEXT:   /* a run-in heading keeps its own face (doc.h) */
            face_run(b, block, n->as.text.run_in ? n->as.text.font : block->as.block.font,
                     n->as.text.text, n->as.text.bold ? DOCX_RUN_BOLD : 0);
            break;
        case SB_NODE_FIELD:
            write_field(b, block, n);
            break;
        case SB_NODE_CHECKBOX:
            write_checkbox(b, block, n);
            break;
        case SB_NODE_BREAK:
            write_break(b);
            break;
        case SB_NODE_BLANK:
            write_gap(b, block, n->as.blank.width);
            break;
        default:
            break;
        }
    }
}
