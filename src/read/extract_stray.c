/* Text no mark holds, placed by the form's structure (extract_place.h).
 *
 * What people type does not always stay inside the marks: LibreOffice puts every
 * keystroke after the first behind a field's bookmark end, a second paragraph of an
 * answer may fall outside its control, "Remove Content Control" leaves plain runs, and
 * text is typed beside a control in its cell.  The blank form says which text is its
 * own (labels, option names, notes, prompts); the rest belongs to the field it stands
 * beside in its paragraph, or to the one field of its table cell, or to the block field
 * it follows; what is left is reported, never dropped in silence. */
#include "extract_place.h"

#include <string.h>

typedef struct {
    const SbExtractForm *known;
    GPtrArray *fields;
    SbDiagnostics *diags;
    SbExtracted *region;   /* the field whose paragraphs and cell we are in, or NULL */
    GHashTable *rows;      /* table row -> GPtrArray of the marked fields in it */
    GHashTable *foreign;   /* table rows holding text that is not the form's own -> GArray
                            * of the columns (int) where it is */
    GPtrArray *before;     /* per field: the anchor of the marked field before it, "" for none */
    GPtrArray *after;      /* and of the one after it */
} Stray;

/* How far up an inserted row looks for the row it was inserted below, or copied from. */
#define ROWS_BACK 16

static gboolean is_box(const SbExtracted *e)
{
    return e && e->tag && strchr(e->tag, '=');
}

static gboolean is_text_field(const SbExtracted *e)
{
    return e && e->tag && !is_box(e);
}

static char *generic_of(const SbExtracted *e)
{
    return sb_extract_generic_path(e->tag);
}

/* Is the folded text the form's own where the i-th thing found stands (between the
 * marked fields the blank form shows it between)? */
static gboolean form_text_at(const Stray *s, guint i, const char *folded)
{
    return sb_extract_is_form_text_at(s->known, folded, s->before->pdata[i], s->after->pdata[i]);
}

/* Does the field still show only its prompt (or nothing)?  Spaces typed there (plain
 * ones: a blank form's gaps are ideographic) are the start of its text. */
static gboolean shows_prompt(const SbExtractForm *k, const SbExtracted *e)
{
    if (!e->text || !*e->text)
        return TRUE;
    if (strspn(e->text, " ") == strlen(e->text))
        return FALSE;
    char *folded = sb_extract_fold(e->text);
    char *generic = generic_of(e);
    gboolean only = !*folded || sb_extract_is_prompt(k, generic, folded);
    g_free(generic);
    g_free(folded);
    return only;
}

/* The field gets the text after (or before) its own, a prompt giving way to it. */
static void give(const SbExtractForm *k, SbExtracted *field, const char *text, gboolean after, const char *sep)
{
    if (shows_prompt(k, field)) {
        g_free(field->text);
        field->text = g_strdup(text);
    } else {
        char *joined = after ? g_strconcat(field->text, sep, text, NULL) : g_strconcat(text, sep, field->text, NULL);
        g_free(field->text);
        field->text = joined;
    }
    field->placeholder = FALSE;
}

/* Bytes of `text` whose folded form is the folded `piece` at its end (or start), or -1. */
static gssize match_edge(const char *text, const char *piece, gboolean at_end)
{
    char *folded = sb_extract_fold(text);
    gsize fl = strlen(folded), pl = strlen(piece);
    gboolean hit = pl > 0 && pl <= fl && memcmp(at_end ? folded + fl - pl : folded, piece, pl) == 0;
    g_free(folded);
    if (!hit)
        return -1;
    /* walk the raw text until the piece's bytes have passed, white space not counting */
    gsize seen = 0, len = strlen(text);
    const char *p = at_end ? text + len : text;
    while (seen < pl) {
        const char *c = at_end ? g_utf8_prev_char(p) : p;
        const char *after = g_utf8_next_char(c);
        if (!sb_extract_is_space(g_utf8_get_char(c)))
            seen += (gsize)(after - c);
        p = at_end ? c : after;
    }
    return at_end ? (gssize)(text + len - p) : (gssize)(p - text);
}

/* The text without the longest piece of the form's own text at its end (or start), of
 * those the blank form shows at the i-th thing's place; pieces of one character are too
 * common to be told from what was typed.  The text is folded once and compared with every
 * piece, then cut where the longest one begins. */
static char *strip_form_text(const Stray *s, guint i, const char *text, gboolean at_end)
{
    const SbExtractForm *k = s->known;
    char *folded = sb_extract_fold(text);
    gsize fl = strlen(folded);
    const char *best = NULL;
    GHashTableIter it;
    gpointer piece;
    g_hash_table_iter_init(&it, k->fixed);
    while (g_hash_table_iter_next(&it, &piece, NULL)) {
        gsize pl = strlen(piece);
        if (pl > fl || (best && pl <= strlen(best)) || g_utf8_strlen(piece, -1) < 2)
            continue;
        if (memcmp(at_end ? folded + fl - pl : folded, piece, pl) == 0 && form_text_at(s, i, piece))
            best = piece;
    }
    g_free(folded);
    gssize cut = best ? match_edge(text, best, at_end) : 0;
    gsize len = strlen(text);
    return at_end ? g_strndup(text, len - (gsize)MAX(cut, 0)) : g_strdup(text + MAX(cut, 0));
}

static gboolean is_tick(gunichar c)
{
    return c == 0x2612 || c == 0x2611 || c == 0x2713 || c == 0x2714 || c == 0x221A || c == 0x00D7 || c == 'x' ||
           c == 'X';
}

static void report_outside(Stray *s, const SbExtracted *e)
{
    const char *t = e->text;
    glong n = g_utf8_strlen(t, -1);
    char *head = g_utf8_substring(t, 0, MIN(n, 40));
    char *en = g_strdup_printf("text outside every field of the form: “%s%s”; it is not in the data", head,
                               n > 40 ? "…" : "");
    char *zh = g_strdup_printf("表单字段之外的文字：“%s%s”，未写入数据", head, n > 40 ? "…" : "");
    sb_extract_complain(s->diags, e, NULL, en, zh);
    g_free(en), g_free(zh), g_free(head);
}

/* What is not text where the form has text. */
static void report_unreadable(Stray *s, const SbExtracted *e)
{
    if (e->unreadable == SB_UNREADABLE_IMAGE)
        sb_extract_complain(s->diags, e, NULL,
                            "an image, drawing or object, which the form has no place for: it is not in the data",
                            "图片、图形或嵌入对象，表单中没有它的位置，未写入数据");
    else
        sb_extract_complain(s->diags, e, NULL,
                            "a table inside a table cell, which the form does not have: its text is read as "
                            "paragraphs of the cell; check where it went",
                            "单元格中嵌套的表格（表单中没有）：其文字按该单元格的段落读取，请核对");
}

static SbExtracted *neighbour(Stray *s, guint i, int step, const SbExtracted *e)
{
    if ((step < 0 && i == 0) || (step > 0 && i + 1 >= s->fields->len))
        return NULL;
    SbExtracted *n = s->fields->pdata[i + step];
    if (!n->tag || n->cell != e->cell)
        return NULL;
    return (step < 0 ? n->last_para : n->para) == e->para ? n : NULL;
}

/* A piece of text in a paragraph that also holds fields. */
static gboolean beside_fields(Stray *s, guint i, SbExtracted *prev, SbExtracted *next)
{
    SbExtracted *e = s->fields->pdata[i];
    char *text = g_strdup(e->text);
    if (is_box(prev) && is_tick(g_utf8_get_char(text))) {   /* a tick typed over the box lands behind it */
        prev->checked = TRUE;
        char *rest = g_strdup(g_utf8_next_char(text));
        g_free(text);
        text = rest;
    }
    char *rest = strip_form_text(s, i, text, prev != NULL);
    char *folded = sb_extract_fold(rest);
    gboolean placed = TRUE;
    if (form_text_at(s, i, folded))
        ;   /* the form's own text around the fields */
    else if (is_text_field(prev))
        give(s->known, prev, rest, TRUE, "");
    else if (is_text_field(next))
        give(s->known, next, rest, FALSE, "");
    else
        placed = FALSE;
    g_free(folded), g_free(rest), g_free(text);
    return placed;
}

/* A paragraph of its own: part of the field whose cell or paragraphs it is in. */
static gboolean in_region(Stray *s, SbExtracted *e)
{
    SbExtracted *r = s->region;
    if (!is_text_field(r))
        return FALSE;
    if (e->cell ? r->cell != e->cell : r->cell != 0)
        return FALSE;
    char *generic = generic_of(r);
    gboolean block = g_hash_table_contains(s->known->block, generic);
    g_free(generic);
    if (!block && !e->cell)
        return FALSE;
    give(s->known, r, e->text, TRUE, block ? "\n\n" : "\n");
    r->last_para = e->para;
    return TRUE;
}

static gboolean in_list(const char *tag)
{
    for (const char *p = strchr(tag, '.'); p; p = strchr(p + 1, '.'))
        if (g_ascii_isdigit(p[1]))
            return TRUE;
    return FALSE;
}

/* Typed beside the form's own text in a cell (（可自行增加）): the form's text goes. */
static void without_form_text(Stray *s, guint i, SbExtracted *e)
{
    char *folded = sb_extract_fold(e->text);
    gboolean whole = form_text_at(s, i, folded);
    g_free(folded);
    if (whole)
        return;   /* an option's name, typed as the value */
    char *head = strip_form_text(s, i, e->text, FALSE);
    char *rest = strip_form_text(s, i, head, TRUE);
    g_free(e->text);
    e->text = rest;
    g_free(head);
}

/* The tag `above` (participants.0.name) for the item the row's own fields are of: with
 * participants.1.nature in the row, participants.1.name.  NULL when they are of none. */
static char *tag_in_row(const GPtrArray *row, const char *above)
{
    char *generic = sb_extract_generic_path(above);
    char *last = g_strrstr(generic, "[].");
    char *found = NULL;
    for (guint i = 0; last && !found && row && i < row->len; i++) {
        const SbExtracted *f = row->pdata[i];
        char *g = sb_extract_generic_path(f->tag);
        gsize list_len = (gsize)(last - generic) + 3;
        if (strncmp(g, generic, list_len) == 0) {
            /* f's tag up to the index of that list: as many parts as the generic prefix
             * has, each [] being a part of its own */
            int parts = 1;
            for (const char *c = generic; c < last + 2; c++)
                parts += *c == '.' || (c[0] == '[' && c[1] == ']');
            char **fp = g_strsplit(f->tag, ".", -1);
            if ((int)g_strv_length(fp) > parts) {
                char *saved = fp[parts];
                fp[parts] = NULL;
                char *prefix = g_strjoinv(".", fp);
                fp[parts] = saved;
                found = g_strconcat(prefix, ".", last + 3, NULL);
                g_free(prefix);
            }
            g_strfreev(fp);
        }
        g_free(g);
    }
    g_free(generic);
    return found;
}

/* The length of the tag up to and with its last list index and the dot after it
 * ("projects.0." of "projects.0.lead_hospital.name"), 0 when it is in no list. */
static gsize item_prefix(const char *tag)
{
    gsize end = 0;
    for (const char *p = strchr(tag, '.'); p; p = strchr(p + 1, '.'))
        if (g_ascii_isdigit(p[1])) {
            const char *q = p + 1;
            while (g_ascii_isdigit(*q))
                q++;
            if (*q == '.')
                end = (gsize)(q + 1 - tag);
        }
    return end;
}

/* The text field of the row's fields in that column and table, or NULL. */
static const SbExtracted *field_at(const GPtrArray *row, int col, int table)
{
    for (guint i = 0; row && i < row->len; i++) {
        const SbExtracted *f = row->pdata[i];
        if (f->col == col && f->table == table && is_text_field(f) && in_list(f->tag))
            return f;
    }
    return NULL;
}

/* The form's rows of an item after its first are rows of a list nested in it (a project's
 * 参与医疗机构 under its first row, whose cells span them all): a row inserted right below
 * an item's first row, above such a row, is one of them.  The field of that row below in
 * the cell's place, when it is of a list inside the item of `above`; else NULL. */
static const SbExtracted *nested_below(Stray *s, const SbExtracted *e, const SbExtracted *above)
{
    for (int row = e->row + 1; row <= e->row + ROWS_BACK; row++) {
        GPtrArray *below = g_hash_table_lookup(s->rows, GINT_TO_POINTER(row));
        GArray *cols = g_hash_table_lookup(s->foreign, GINT_TO_POINTER(e->row));
        for (guint i = 0; below && i < cols->len; i++)
            if (!field_at(below, g_array_index(cols, int, i), e->table))
                return NULL;   /* text where such a row has no field: a row of another kind */
        for (guint i = 0; below && i < below->len; i++) {
            const SbExtracted *f = below->pdata[i];
            gsize prefix = item_prefix(above->tag);
            if (f->col == e->col && f->table == e->table && is_text_field(f) && prefix &&
                strncmp(f->tag, above->tag, prefix) == 0 && item_prefix(f->tag) > prefix)
                return f;
        }
        if (below)
            return NULL;   /* only the next row with fields counts */
    }
    return NULL;
}

/* A cell with no mark in a repeatable table: a row inserted with no marks at all
 * ("Insert Row Below"), or a cell whose field was deleted and typed again.  Its field
 * is the one of the row above in the same place (or of a nested list's row below:
 * nested_below), for the item of the row's own fields if it has any; a row with no
 * marks repeats the tags of the row above, so the reader makes a new item of it
 * (extract_place.c), one per row. */
/* The row an unmarked row takes its fields from: of the rows above it in its table, the
 * one with fields in the most of the columns where it has text, the nearest of those:
 * a row of the same kind of the repeat (a project's first row pasted below its
 * 参与医疗机构 rows is like the project's first row, not like the row right above it). */
static GPtrArray *source_row(Stray *s, const SbExtracted *e)
{
    GArray *cols = g_hash_table_lookup(s->foreign, GINT_TO_POINTER(e->row));
    GPtrArray *best = NULL;
    guint best_hits = 0;
    for (int row = e->row - 1; row > 0 && row >= e->row - ROWS_BACK; row--) {
        GPtrArray *above = g_hash_table_lookup(s->rows, GINT_TO_POINTER(row));
        if (!above || ((const SbExtracted *)above->pdata[0])->table != e->table)
            continue;
        guint hits = 0;
        for (guint i = 0; i < cols->len; i++)
            hits += field_at(above, g_array_index(cols, int, i), e->table) != NULL;
        if (!best || hits > best_hits)
            best = above, best_hits = hits;
    }
    return best;
}

static gboolean in_row_cell(Stray *s, guint index, SbExtracted *e)
{
    if (!e->row || !g_hash_table_contains(s->foreign, GINT_TO_POINTER(e->row)))
        return FALSE;   /* a row of the form's own text is the form's */
    GPtrArray *own = g_hash_table_lookup(s->rows, GINT_TO_POINTER(e->row));
    for (guint i = 0; own && i < own->len; i++)
        if (((SbExtracted *)own->pdata[i])->cell == e->cell)
            return FALSE;   /* the cell has a field */
    {
        GPtrArray *above = source_row(s, e);
        for (guint i = 0; above && i < above->len; i++) {
            const SbExtracted *f = above->pdata[i];
            if (f->col == e->col && f->table == e->table && is_text_field(f) && in_list(f->tag)) {
                const SbExtracted *nested = own ? NULL : nested_below(s, e, f);
                f = nested ? nested : f;
                char *tag = own ? tag_in_row(own, f->tag) : NULL;
                e->tag = tag ? tag : g_strdup(f->tag);
                e->new_row = tag ? 0 : e->row;
                without_form_text(s, index, e);
                return TRUE;
            }
        }
    }
    return FALSE;
}

static void attach(Stray *s, guint i)
{
    SbExtracted *e = s->fields->pdata[i];
    char *folded = sb_extract_fold(e->text);
    gboolean form_text = form_text_at(s, i, folded);
    gboolean number = sb_extract_is_number_like(folded);
    gboolean option = g_hash_table_contains(s->known->options, folded);
    g_free(folded);
    /* In a row the form never had, an option's name or a number (a phone, an amount) is a
     * value someone typed where the row above has a field; the form's
     * other text there (（可自行增加）) is still the form's. */
    gboolean in_cell_of_region = s->region && e->cell && s->region->cell == e->cell;
    if (*e->text && (!form_text || option || number) && !in_cell_of_region && in_row_cell(s, i, e)) {
        s->region = e;   /* e is a field now, which later paragraphs of its cell join */
        return;
    }
    SbExtracted *prev = neighbour(s, i, -1, e), *next = neighbour(s, i, +1, e);
    gboolean placed = form_text || ((prev || next) ? beside_fields(s, i, prev, next) : in_region(s, e));
    if (!placed)
        report_outside(s, e);
    if (form_text || !placed)
        s->region = NULL;
    g_clear_pointer(&e->text, g_free);
}

static GHashTable *rows_of(GPtrArray *fields)
{
    GHashTable *rows = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < fields->len; i++) {
        SbExtracted *e = fields->pdata[i];
        if (!e->tag || !e->row)
            continue;
        GPtrArray *row = g_hash_table_lookup(rows, GINT_TO_POINTER(e->row));
        if (!row) {
            row = g_ptr_array_new();
            g_hash_table_insert(rows, GINT_TO_POINTER(e->row), row);
        }
        g_ptr_array_add(row, e);
    }
    return rows;
}

static void add_col(GHashTable *rows, int row, int col)
{
    GArray *cols = g_hash_table_lookup(rows, GINT_TO_POINTER(row));
    if (!cols) {
        cols = g_array_new(FALSE, FALSE, sizeof(int));
        g_hash_table_insert(rows, GINT_TO_POINTER(row), cols);
    }
    if (cols->len < 64)   /* a row of a form has fewer cells */
        g_array_append_val(cols, col);
}

/* Rows holding text that is not the form's own.  A number counts as the form's (a row
 * number, a sum) unless the blank form has no such text there and its row has no marks
 * and no other text of the form's: then it was typed into an inserted row (a phone). */
static GHashTable *foreign_rows(const Stray *s)
{
    GPtrArray *fields = s->fields;
    GHashTable *rows = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_array_unref);
    GHashTable *numbers = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_array_unref);
    GHashTable *form_rows = g_hash_table_new(NULL, NULL);   /* rows with text of the form's */
    for (guint i = 0; i < fields->len; i++) {
        SbExtracted *e = fields->pdata[i];
        if (e->tag || !e->row || !e->text)
            continue;
        char *folded = sb_extract_fold(e->text);
        if (!form_text_at(s, i, folded))
            add_col(rows, e->row, e->col);
        else if (sb_extract_is_number_like(folded) &&
                 !sb_extract_is_fixed_at(s->known, folded, s->before->pdata[i], s->after->pdata[i]))
            add_col(numbers, e->row, e->col);
        else if (*folded)
            g_hash_table_add(form_rows, GINT_TO_POINTER(e->row));
        g_free(folded);
    }
    GHashTableIter it;
    gpointer row, cols;
    g_hash_table_iter_init(&it, numbers);
    while (g_hash_table_iter_next(&it, &row, &cols))
        if (!g_hash_table_contains(form_rows, row) && !g_hash_table_contains(s->rows, row))
            for (guint i = 0; i < ((GArray *)cols)->len; i++)
                add_col(rows, GPOINTER_TO_INT(row), g_array_index((GArray *)cols, int, i));
    g_hash_table_unref(numbers);
    g_hash_table_unref(form_rows);
    return rows;
}

/* The anchor of a marked field, its name cut at 40 characters made whole. */
static char *anchor_of(const Stray *s, const char *tag, guint *tries)
{
    char *whole = sb_extract_untruncated(s->known->form, tag, tries);
    char *anchor = sb_extract_anchor(whole ? whole : tag);
    g_free(whole);
    return anchor;
}

/* Each thing found learns the marked fields around it, as the document had them. */
static void anchors(Stray *s)
{
    guint tries = 0;
    GPtrArray *f = s->fields;
    g_ptr_array_set_size(s->before, (gint)f->len);
    g_ptr_array_set_size(s->after, (gint)f->len);
    char *last = g_strdup("");
    for (guint i = 0; i < f->len; i++) {
        s->before->pdata[i] = g_strdup(last);
        const SbExtracted *e = f->pdata[i];
        if (e->tag) {
            g_free(last);
            last = anchor_of(s, e->tag, &tries);
        }
    }
    g_free(last);
    last = g_strdup("");
    for (guint i = f->len; i-- > 0;) {
        s->after->pdata[i] = g_strdup(last);
        const SbExtracted *e = f->pdata[i];
        if (e->tag) {
            g_free(last);
            last = anchor_of(s, e->tag, &tries);
        }
    }
    g_free(last);
}

/* Zero width spaces are never data: shenbao's ODT puts one at a blank block field's
 * start (see odt_body.c), and converting keeps it. */
static void drop_zero_width_spaces(GPtrArray *fields)
{
    for (guint i = 0; i < fields->len; i++) {
        SbExtracted *e = fields->pdata[i];
        if (!e->text || !strstr(e->text, "\u200B"))
            continue;
        char **parts = g_strsplit(e->text, "\u200B", -1);
        g_free(e->text);
        e->text = g_strjoinv("", parts);
        g_strfreev(parts);
    }
}

void sb_extract_attach_stray(const SbExtractForm *known, GPtrArray *fields, SbDiagnostics *diags)
{
    drop_zero_width_spaces(fields);
    Stray s = {known, fields, diags, NULL, rows_of(fields), NULL, g_ptr_array_new_with_free_func(g_free),
               g_ptr_array_new_with_free_func(g_free)};
    anchors(&s);
    s.foreign = foreign_rows(&s);
    guint tries = 0;
    char *last = g_strdup("");
    for (guint i = 0; i < fields->len; i++) {
        SbExtracted *e = fields->pdata[i];
        /* the field before is also one the reader made of an unmarked cell just now */
        g_free(s.before->pdata[i]);
        s.before->pdata[i] = g_strdup(last);
        if (e->unreadable)
            report_unreadable(&s, e);
        else if (e->tag)
            s.region = e;
        else if (e->text)
            attach(&s, i);
        if (e->tag) {
            g_free(last);
            last = anchor_of(&s, e->tag, &tries);
        }
    }
    g_free(last);
    g_hash_table_unref(s.rows);
    g_hash_table_unref(s.foreign);
    g_ptr_array_unref(s.before);
    g_ptr_array_unref(s.after);
}
