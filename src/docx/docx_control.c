/* Marking fields (the contract in extract.h): a bookmark named for each field's data path,
 * and content controls tagged with it where the field is to be filled in by hand.
 *
 * A blank field is a run-level control showing its placeholder, and a checkbox is Word's
 * checkbox control, blank or filled: they are what one clicks on.  A filled field is
 * plain runs in its bookmark, which programs reading runs see (python-docx skips the
 * contents of controls).  The bookmark also names a blank field for LibreOffice: up to
 * 7.4 it keeps run-level content controls, their placeholder state and checkbox state,
 * but drops their tags on saving, and it garbles block-level controls. */
#include "docx.h"

#include <string.h>

#define MAX_BOOKMARK_NAME 40

char *docx_checkbox_tag(const SbNode *box)
{
    return g_strdup_printf("%s%s=%s", box->as.checkbox.path, box->as.checkbox.multiple ? "[]" : "",
                           box->as.checkbox.option);
}

/* Lengths count UTF-16 units, as both programs do. */
gboolean docx_tag_is_bookmark_name(const char *tag)
{
    int units = 0;
    if (!tag || !*tag || *tag == '_')
        return FALSE;
    for (const char *p = tag; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c < 0x80 && !g_ascii_isalnum(c) && !strchr("._-=", (int)c))
            return FALSE;
        units += c > 0xFFFF ? 2 : 1;
    }
    return units <= MAX_BOOKMARK_NAME;
}

/* A leading underscore hides the bookmark from Word's bookmark list. */
char *docx_bookmark_name(const char *tag)
{
    if (docx_tag_is_bookmark_name(tag))
        return g_strdup(tag);
    char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, tag, -1);
    char *name = g_strdup_printf("_sb%.16s", sum);
    g_free(sum);
    return name;
}

/* ---- content controls ---- */

void docx_box_props(xmlTextWriterPtr x, const SbNode *block)
{
    docx_start(x, "w:rPr");
    docx_start(x, "w:rFonts");
    docx_attr(x, "w:ascii", "MS Gothic");
    docx_attr(x, "w:eastAsia", "MS Gothic");
    docx_attr(x, "w:hAnsi", "MS Gothic");
    docx_attr(x, "w:hint", "eastAsia");
    docx_end(x);
    if (block->as.block.size != docx_style(block->as.block.kind)->size) {
        docx_val_int(x, "w:sz", (int)(block->as.block.size * 2 + 0.5));
        docx_val_int(x, "w:szCs", (int)(block->as.block.size * 2 + 0.5));
    }
    docx_end(x);
}

static void box_state(xmlTextWriterPtr x, const char *name, const char *code)
{
    docx_start(x, name);
    docx_attr(x, "w14:val", code);
    docx_attr(x, "w14:font", "MS Gothic");
    docx_end(x);
}

/* Word's checkbox: the state here, ☑ (U+2611) or ☐ (U+2610) in the content: a tick, as the
 * PDF draws it. */
static void write_checkbox_props(xmlTextWriterPtr x, const SbNode *box)
{
    docx_start(x, "w14:checkbox");
    docx_start(x, "w14:checked");
    docx_attr(x, "w14:val", box->as.checkbox.checked ? "1" : "0");
    docx_end(x);
    box_state(x, "w14:checkedState", "2611");
    box_state(x, "w14:uncheckedState", "2610");
    docx_end(x);
}

void docx_mark_start(DocxBody *b, const char *tag)
{
    char *name = docx_bookmark_name(tag);
    b->mark_id = b->next_mark++;
    docx_start(b->x, "w:bookmarkStart");
    docx_attr_int(b->x, "w:id", b->mark_id);
    docx_attr(b->x, "w:name", name);
    docx_end(b->x);
    g_free(name);
}

void docx_mark_end(DocxBody *b)
{
    docx_start(b->x, "w:bookmarkEnd");
    docx_attr_int(b->x, "w:id", b->mark_id);
    docx_end(b->x);
}

void docx_control_start(DocxBody *b, const DocxControl *c)
{
    xmlTextWriterPtr x = b->x;
    int id = b->next_id++;
    docx_start(x, "w:sdt");
    docx_start(x, "w:sdtPr");
    if (c->box)
        docx_box_props(x, c->block);
    if (c->alias)
        docx_val(x, "w:alias", c->alias);
    docx_val(x, "w:tag", c->tag);
    docx_val_int(x, "w:id", id);
    if (c->placeholder)
        docx_empty(x, "w:showingPlcHdr");
    if (c->box)
        write_checkbox_props(x, c->box);
    docx_end(x);
    docx_start(x, "w:sdtContent");
    if (c->mark & DOCX_MARK_START)
        docx_mark_start(b, c->tag);
}

void docx_control_end(DocxBody *b, const DocxControl *c)
{
    if (c->mark & DOCX_MARK_END)
        docx_mark_end(b);
    docx_end(b->x);
    docx_end(b->x);
}
