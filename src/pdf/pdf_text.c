/* Paragraph layout with pango, for Chinese: clreq line breaking, justification, long
 * tokens broken without hyphens, checkboxes and blanks as shapes. */
#include "pdf_text.h"
#include "pdf_punct.h"
#include "pdf_justify.h"
#include "pdf_lines.h"
#include "pdf_baseline.h"
#include "pdf_count.h"
#include "pdf_linecache.h"

#include <math.h>
#include <string.h>

#define OBJECT_CHAR "\xef\xbf\xbc"   /* U+FFFC: stands in the text where a shape is drawn */

enum { SHAPE_BOX = 1, SHAPE_CHECKED, SHAPE_BLANK };

typedef struct {
    GString *text;
    PangoAttrList *attrs;
    double size;
} Builder;

/* ---- building the text and its attributes ---- */

static void add_attr(Builder *b, PangoAttribute *a, gsize start, gsize end)
{
    a->start_index = (guint)start;
    a->end_index = (guint)end;
    pango_attr_list_insert(b->attrs, a);
}

static void add_shape(Builder *b, int kind, double width_em)
{
    double em = b->size * PANGO_SCALE;
    PangoRectangle logical = {0, (int)lround(-0.88 * em), (int)lround(width_em * em), (int)lround(em)};
    gsize start = b->text->len;
    g_string_append(b->text, OBJECT_CHAR);
    add_attr(b, pango_attr_shape_new_with_data(&logical, &logical, GINT_TO_POINTER(kind), NULL, NULL),
             start, b->text->len);
}

static void add_text(Builder *b, const SbNode *t)
{
    gsize start = b->text->len;
    g_string_append(b->text, t->as.text.text);
    if (t->as.text.run_in) {   /* a run-in heading: its own face (楷体) in the paragraph */
        PangoFontDescription *desc = sb_fonts_describe(t->as.text.font, b->size, t->as.text.bold);
        add_attr(b, pango_attr_font_desc_new(desc), start, b->text->len);
        pango_font_description_free(desc);
    }
    if (t->as.text.bold)
        add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, b->text->len);
}

static void add_runs(Builder *b, const SbNode *parent);

static void add_field(Builder *b, const SbNode *f)
{
    if (f->as.field.empty) {
        if (f->as.field.width > 0 && f->as.field.placeholder) {
            /* a printed pattern to write into, "　　年　　月　　日" */
            gsize start = b->text->len;
            g_string_append(b->text, f->as.field.placeholder);
            add_attr(b, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, b->text->len);
        } else if (f->as.field.width > 0) {
            add_shape(b, SHAPE_BLANK, f->as.field.width);
        } else if (f->as.field.placeholder) {
            gsize start = b->text->len;
            g_string_append(b->text, f->as.field.placeholder);
            add_attr(b, pango_attr_foreground_new(0x7000, 0x7000, 0x7000), start, b->text->len);
        }
        return;
    }
    gsize start = b->text->len;
    add_runs(b, f);
    if (f->as.field.width > 0)
        add_attr(b, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, b->text->len);
}

/* An option of a checkbox group: its box and the label after it.  A short label is one
 * unit, as on the official forms (IVD仪器与试剂, never IVD仪器 / 与试剂): the box and the
 * label stay on one line.  A label too long for its cell breaks all the same: the overflow
 * pass (pdf_lines.c) drops allow-breaks ranges over a line wider than its cell. */
#define OPTION_WHOLE_CHARS 10

static const SbNode *add_option(Builder *b, const SbNode *box)
{
    gsize start = b->text->len;
    add_shape(b, box->as.checkbox.checked ? SHAPE_CHECKED : SHAPE_BOX, 1.15);
    const SbNode *label = box->next;
    if (!label || label->type != SB_NODE_TEXT)
        return box;
    add_text(b, label);
    if (g_utf8_strlen(label->as.text.text, -1) <= OPTION_WHOLE_CHARS)
        add_attr(b, pango_attr_allow_breaks_new(FALSE), start, b->text->len);
    return label;
}

static void add_runs(Builder *b, const SbNode *parent)
{
    for (const SbNode *n = parent->first_child; n; n = n->next) {
        switch (n->type) {
        case SB_NODE_TEXT:
            add_text(b, n);
            break;
        case SB_NODE_FIELD:
            add_field(b, n);
            break;
        case SB_NODE_CHECKBOX:
            n = add_option(b, n);
            break;
        case SB_NODE_BREAK:
            g_string_append(b->text, "\xe2\x80\xa8");   /* U+2028 LINE SEPARATOR */
            break;
        case SB_NODE_BLANK:
            add_shape(b, SHAPE_BLANK, n->as.blank.width);
            break;
        default:
            break;
        }
    }
}

/* ---- clreq line breaking ---- */

/* allow-breaks off removes the breaks strictly inside its range, so it covers the two
 * characters around the forbidden break.  That also holds when pango falls back to
 * breaking an over-long token between letters.
 *
 * pango 1.50 finds the characters of each allow-breaks range by counting from the
 * paragraph's start, so one range per mark costs marks × length: a 20,000-character
 * paragraph spent most of its time there.  A long paragraph therefore gets a range only
 * where it changes something: where pango's own rules (UAX #14) would break, or inside a
 * word so wide that pango may fall back to breaking between its characters.  Short
 * paragraphs keep a range at every mark; they cost little, and a centred label is
 * balanced to widths far narrower than the one it was built for. */
#define CLREQ_FILTER_BYTES 2048

typedef struct {
    PangoLogAttr *log;   /* pango's own breaks, before any attribute */
    int *word_start;     /* per boundary: the last break at or before it */
    int *word_end;       /* per boundary: the first break at or after it */
    int *shapes;         /* shapes before each boundary (their width is not known here) */
    double wide_chars;   /* a word of this many characters may not fit half the line */
} Breaks;

static gboolean breaks_at(const Breaks *k, int i)
{
    return k->log[i].is_line_break || k->log[i].is_mandatory_break;
}

static void breaks_init(Breaks *k, const char *s, int len, int n, double size, double width)
{
    k->log = g_new(PangoLogAttr, n + 1);
    pango_get_log_attrs(s, len, -1, pango_language_from_string("zh-cn"), k->log, n + 1);
    k->word_start = g_new(int, n + 1);
    k->word_end = g_new(int, n + 1);
    k->shapes = g_new(int, n + 1);
    k->wide_chars = width / 2 / size;
    int at = 0, count = 0;
    const char *p = s;
    for (int i = 0; i <= n; i++) {
        if (i == 0 || i == n || breaks_at(k, i))
            at = i;
        k->word_start[i] = at;
        k->shapes[i] = count;
        if (i < n) {
            count += g_utf8_get_char(p) == 0xFFFC;
            p = g_utf8_next_char(p);
        }
    }
    for (int i = n; i >= 0; i--) {
        if (i == 0 || i == n || breaks_at(k, i))
            at = i;
        k->word_end[i] = at;
    }
}

/* Whether forbidding the break at boundary i (before character i) changes the layout. */
static gboolean break_matters(const Breaks *k, int i)
{
    if (!k->log || breaks_at(k, i))
        return TRUE;
    int start = k->word_start[i], end = k->word_end[i];
    return end - start >= k->wide_chars || k->shapes[end] > k->shapes[start];
}

static void breaks_clear(Breaks *k)
{
    g_free(k->log);
    g_free(k->word_start);
    g_free(k->word_end);
    g_free(k->shapes);
}

static void add_clreq_attrs(Builder *b, double width)
{
    const char *s = b->text->str;
    Breaks k = {0};
    if (b->text->len > CLREQ_FILTER_BYTES && width > 0)
        breaks_init(&k, s, (int)b->text->len, (int)g_utf8_strlen(s, (gssize)b->text->len), b->size, width);
    const char *prev = NULL;
    int i = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p), i++) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (prev && sb_clreq_no_break_before(c) && break_matters(&k, i))
            add_attr(b, pango_attr_allow_breaks_new(FALSE), prev - s, next - s);
        if (sb_clreq_no_break_after(c) && *next && break_matters(&k, i + 1))
            add_attr(b, pango_attr_allow_breaks_new(FALSE), p - s, g_utf8_next_char(next) - s);
        prev = p;
    }
    breaks_clear(&k);
}

/* ---- long runs ---- */

/* pango breaks an item that does not fit a line by shaping its rest again, so a long run
 * of one script and style (a 20,000-letter token) costs its length squared.  Item
 * boundaries every CHUNK characters of such a run keep each reshaping short; a no-op
 * attribute (fallback on, the default) over every other chunk makes them. */
#define CHUNK 256

static void add_chunk_attrs(Builder *b)
{
    const char *s = b->text->str;
    glong n = g_utf8_strlen(s, (gssize)b->text->len);
    if (n <= 2 * CHUNK)
        return;
    const char *p = s;
    for (glong i = 0; *p; i++) {
        const char *start = p;
        for (int k = 0; k < CHUNK && *p; k++)
            p = g_utf8_next_char(p);
        if (i % 2)
            add_attr(b, pango_attr_fallback_new(TRUE), start - s, p - s);
    }
}

/* ---- layout ---- */

double sb_line_pitch(const SbNode *block)
{
    double size = block->as.block.size;
    switch (block->as.block.kind) {
    case SB_BLOCK_CELL:
        return size * 1.45;
    case SB_BLOCK_TITLE:
    case SB_BLOCK_SUBTITLE:
        return size * 1.5;
    case SB_BLOCK_NOTE:
        return size * 1.6;
    default:
        return size * 28.95 / 16;
    }
}

static PangoAlignment pango_align(SbAlign a)
{
    return a == SB_ALIGN_CENTER ? PANGO_ALIGN_CENTER : a == SB_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

static PangoLayout *make_layout(SbFonts *fonts, const SbNode *block, double width)
{
    const double size = block->as.block.size;
    Builder b = {g_string_new(NULL), pango_attr_list_new(), size};
    add_runs(&b, block);
    sb_clreq_quote_breaks(b.text, b.attrs);
    add_attr(&b, pango_attr_insert_hyphens_new(FALSE), 0, G_MAXUINT);
    add_clreq_attrs(&b, width);
    b.attrs = sb_punct_compress_pairs(b.text->str, b.attrs);   /* takes the list, returns a new one */
    add_chunk_attrs(&b);
    PangoLayout *layout = pango_layout_new(fonts->context);
    PangoFontDescription *desc = sb_fonts_describe(block->as.block.font, size, block->as.block.bold);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    /* One Pango unit wider than the box: pdf_justify.c fills each line to the box itself. */
    pango_layout_set_width(layout, (int)floor(width * PANGO_SCALE) + 1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, pango_align(block->as.block.align));
    /* justification is done on the glyphs once the lines are fixed (pdf_justify.c) */
    pango_layout_set_justify(layout, FALSE);
    pango_layout_set_indent(layout, (int)lround(block->as.block.indent * size * PANGO_SCALE));
    pango_layout_set_text(layout, b.text->str, (int)b.text->len);
    pango_layout_set_attributes(layout, b.attrs);
    pango_attr_list_unref(b.attrs);
    g_string_free(b.text, TRUE);
    return layout;
}

GArray *sb_items_new(void)
{
    return g_array_new(FALSE, TRUE, sizeof(SbItem));
}

void sb_items_free(GArray *items)
{
    for (guint i = 0; i < items->len; i++) {
        SbItem *it = &g_array_index(items, SbItem, i);
        if (it->layout)
            g_object_unref(it->layout);
    }
    g_array_free(items, TRUE);
}

double sb_items_height(const GArray *items, guint from, guint to)
{
    double h = 0;
    for (guint i = from; i < to && i < items->len; i++)
        h += g_array_index(items, SbItem, i).height;
    return h;
}

static void add_gap(GArray *items, double height, gboolean keep)
{
    if (height <= 0)
        return;
    SbItem gap = {.kind = SB_ITEM_GAP, .height = height, .keep_with_next = keep};
    g_array_append_val(items, gap);
}

/* Each line sits centred in its pitch, so lines of one size always stand the same
 * distance apart whatever fallback font a character came from. */
void sb_text_items(SbFonts *fonts, const SbNode *block, double width, GArray *items)
{
    PangoLayout *layout = make_layout(fonts, block, width);
    sb_count_paragraph();
    sb_count_layout();   /* pango lays it out at the first look */
    if (block->as.block.align == SB_ALIGN_JUSTIFY)
        sb_punct_fit_lines(layout, block->as.block.size);
    sb_lines_keep_tokens(layout, width);
    double shift = sb_lines_avoid_lone(layout, block->as.block.align == SB_ALIGN_CENTER);
    if (sb_lines_no_overflow(layout) && shift == 0) {
        /* the lines broken anew where a run stuck out may leave a lone last character */
        shift = sb_lines_avoid_lone(layout, block->as.block.align == SB_ALIGN_CENTER);
        sb_lines_no_overflow(layout);
    }
    /* lines broken anew may cut a token the first lines kept whole */
    if (shift == 0 && sb_lines_keep_tokens(layout, width))
        sb_lines_no_overflow(layout);
    if (block->as.block.align == SB_ALIGN_JUSTIFY) {
        sb_punct_line_ends(layout);
        sb_justify_lines(layout);
    }
    sb_baseline_share(layout);
    double pitch = sb_line_pitch(block);
    gboolean keep = block->as.block.keep_with_next;
    add_gap(items, block->as.block.space_before, TRUE);
    PangoLayoutIter *iter = pango_layout_get_iter(layout);
    int n = sb_layout_line_count(layout), i = 0;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        double top = logical.y / (double)PANGO_SCALE, h = logical.height / (double)PANGO_SCALE;
        double baseline = pango_layout_iter_get_baseline(iter) / (double)PANGO_SCALE;
        SbItem it = {
            .kind = SB_ITEM_LINE, .height = MAX(pitch, h), .layout = g_object_ref(layout),
            .line = i, .x = shift + logical.x / (double)PANGO_SCALE,
            .baseline = (MAX(pitch, h) - h) / 2 + (baseline - top), .node = block,
            /* headings stay with what follows; a paragraph leaves no single first line
               at the foot of a page (orphan) nor a single last line at the top (widow) */
            .keep_with_next = keep || (i == 0 && n > 1) || (i == n - 2 && n > 2),
        };
        g_array_append_val(items, it);
        i++;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_object_unref(layout);
    add_gap(items, block->as.block.space_after, keep);
}

static void add_seal(const SbNode *seal, double width, GArray *items)
{
    SbItem it = {.kind = SB_ITEM_SEAL, .height = seal->as.seal.height * 72 / 25.4, .node = seal, .width = width};
    g_array_append_val(items, it);
}

/* An empty block field shows its placeholder, if it has one, in grey. */
static void add_placeholder(SbFonts *fonts, const SbNode *field, double width, GArray *items)
{
    SbNode *style = sb_field_room_style(field);
    SbNode copy = *field;   /* alone: the paragraph must not run on into its siblings */
    copy.next = copy.prev = NULL;
    copy.parent = style;
    style->first_child = style->last_child = &copy;
    guint first = items->len;
    sb_text_items(fonts, style, width, items);
    for (guint i = first; i < items->len; i++)
        g_array_index(items, SbItem, i).node = field;   /* the style block goes now */
    style->first_child = style->last_child = NULL;
    sb_node_free(style);
}

/* Empty block fields leave their lines of room for writing by hand. */
static void add_room(SbFonts *fonts, const SbNode *field, double width, GArray *items)
{
    if (!field->as.field.empty)
        return;
    int lines = field->as.field.lines;
    if (field->as.field.placeholder) {
        add_placeholder(fonts, field, width, items);
        lines--;
    }
    /* one item a line: a row cut at the foot of a page fills the page with room to write
     * in, rather than sending all of it to the next one (and the seal rows after it) */
    for (int i = 0; i < lines; i++)
        add_gap(items, 28.95, FALSE);
}

void sb_node_items(SbFonts *fonts, const SbNode *c, double width, GArray *items)
{
    if (c->type == SB_NODE_BLOCK) {
        sb_text_items(fonts, c, width, items);
    } else if (c->type == SB_NODE_SEAL) {
        add_seal(c, width, items);
    } else if (c->type == SB_NODE_SPACE) {
        add_gap(items, c->as.space.height * 72 / 25.4, FALSE);
    } else if (c->type == SB_NODE_FIELD && c->as.field.block) {
        sb_flow_items(fonts, c, width, items);
        add_room(fonts, c, width, items);
    }
}

void sb_flow_items(SbFonts *fonts, const SbNode *node, double width, GArray *items)
{
    for (const SbNode *c = node->first_child; c; c = c->next)
        sb_node_items(fonts, c, width, items);
}

void sb_paint_line(cairo_t *cr, const SbItem *item, double x, double y)
{
    PangoLayoutLine *line = sb_layout_line(item->layout, item->line);
    cairo_move_to(cr, x + item->x, y + item->baseline);
    pango_cairo_show_layout_line(cr, line);
}

/* ---- shapes: checkboxes and blanks ---- */

static void draw_shape(cairo_t *cr, PangoAttrShape *attr, gboolean do_path, gpointer data)
{
    (void)data;
    if (do_path)
        return;
    double x, y;
    cairo_get_current_point(cr, &x, &y);
    double em = attr->logical_rect.height / (double)PANGO_SCALE;
    double w = attr->logical_rect.width / (double)PANGO_SCALE;
    int kind = GPOINTER_TO_INT(attr->data);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    if (kind == SHAPE_BLANK) {
        cairo_set_line_width(cr, 0.6);
        cairo_move_to(cr, x, y + 0.15 * em);
        cairo_line_to(cr, x + w, y + 0.15 * em);
        cairo_stroke(cr);
    } else {
        double side = 0.78 * em, left = x + 0.12 * em, top = y - 0.74 * em;
        cairo_set_line_width(cr, 0.07 * em);
        cairo_rectangle(cr, left, top, side, side);
        cairo_stroke(cr);
        if (kind == SHAPE_CHECKED) {
            cairo_set_line_width(cr, 0.1 * em);
            cairo_move_to(cr, left + 0.18 * side, top + 0.52 * side);
            cairo_line_to(cr, left + 0.42 * side, top + 0.78 * side);
            cairo_line_to(cr, left + 0.85 * side, top + 0.2 * side);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
}

void sb_text_install_shapes(PangoContext *context)
{
    pango_cairo_context_set_shape_renderer(context, draw_shape, NULL, NULL);
}
