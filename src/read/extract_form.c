/* The blank form as a key for reading documents back (extract_form.h): bound with no data,
 * it is the document a person started from. */
#include "extract_form.h"
#include "bind.h"

#include <string.h>

gboolean sb_extract_is_space(gunichar c)
{
    return g_unichar_isspace(c) || c == 0x3000 || c == 0x200B || c == 0x00A0 || c == 0xFEFF;
}

char *sb_extract_fold(const char *text)
{
    GString *out = g_string_new(NULL);
    for (const char *p = text ? text : ""; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!sb_extract_is_space(c))
            g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

static gboolean is_index(const char *part)
{
    return *part && strspn(part, "0123456789") == strlen(part);
}

char *sb_extract_generic_path(const char *path)
{
    char **parts = g_strsplit(path, ".", -1);
    GString *out = g_string_new(NULL);
    for (int i = 0; parts[i]; i++) {
        if (is_index(parts[i]) && i > 0) {
            g_string_append(out, "[]");
            continue;
        }
        if (out->len)
            g_string_append_c(out, '.');
        g_string_append(out, parts[i]);
    }
    g_strfreev(parts);
    return g_string_free(out, FALSE);
}

/* ---- the walk over the blank document ---- */

/* The walk keeps the field last passed and the pieces of fixed text since then, which
 * learn the field after them when it comes. */
typedef struct {
    SbExtractForm *k;
    char *before;       /* anchor of the field last passed, "" at the form's start */
    GPtrArray *pending; /* folded pieces since then */
} Walk;

static void add_place(SbExtractForm *k, char side, const char *anchor, const char *folded)
{
    g_hash_table_add(k->places, g_strdup_printf("%c%s\x1f%s", side, anchor, folded));
}

static void add_piece(GHashTable *set, GString *piece)
{
    char *folded = sb_extract_fold(piece->str);
    if (*folded)
        g_hash_table_add(set, folded);
    else
        g_free(folded);
    g_string_set_size(piece, 0);
}

/* A piece of the form's fixed text, at its place. */
static void add_fixed(Walk *w, GString *piece)
{
    char *folded = sb_extract_fold(piece->str);
    if (*folded) {
        add_place(w->k, '<', w->before, folded);
        g_ptr_array_add(w->pending, g_strdup(folded));
    }
    g_free(folded);
    add_piece(w->k->fixed, piece);
}

/* The walk passes a field or a checkbox. */
static void pass_field(Walk *w, const char *path)
{
    char *anchor = sb_extract_anchor(path);
    for (guint i = 0; i < w->pending->len; i++)
        add_place(w->k, '>', anchor, w->pending->pdata[i]);
    g_ptr_array_set_size(w->pending, 0);
    g_free(w->before);
    w->before = anchor;
}

static void note_field(SbExtractForm *k, const SbNode *f)
{
    char *generic = sb_extract_generic_path(f->as.field.path);
    const char *label = f->as.field.label ? f->as.field.label : f->as.field.path;
    char *shown = f->as.field.placeholder ? g_strdup(f->as.field.placeholder) : g_strdup_printf("（%s）", label);
    if (f->as.field.block)
        g_hash_table_add(k->block, g_strdup(generic));
    if (!g_hash_table_contains(k->prompts, generic)) {
        char *folded = sb_extract_fold(shown);
        g_hash_table_add(k->prompt_texts, g_strdup(folded));
        g_hash_table_insert(k->prompts, g_strdup(generic), folded);
    }
    if (f->as.field.hint && !g_hash_table_contains(k->hints, generic)) {
        char *folded = sb_extract_fold(f->as.field.hint);
        g_hash_table_add(k->prompt_texts, g_strdup(folded));
        g_hash_table_insert(k->hints, g_strdup(generic), folded);
    }
    g_free(shown);
    g_free(generic);
}

/* A paragraph's text between its fields and checkboxes comes in pieces (line breaks and
 * gaps are white space, which folding drops). */
static void note_block(Walk *w, const SbNode *block)
{
    SbExtractForm *k = w->k;
    GString *piece = g_string_new(NULL);
    gboolean after_box = FALSE;
    for (const SbNode *n = block->first_child; n; n = n->next) {
        if (n->type == SB_NODE_TEXT) {
            g_string_append(piece, n->as.text.text);
            continue;
        }
        if ((n->type == SB_NODE_FIELD || n->type == SB_NODE_CHECKBOX) && after_box) {
            GString *option = g_string_new(piece->str);
            add_piece(k->options, option);
            g_string_free(option, TRUE);
        }
        if (n->type == SB_NODE_FIELD || n->type == SB_NODE_CHECKBOX)
            after_box = n->type == SB_NODE_CHECKBOX;
        if (n->type == SB_NODE_FIELD) {
            GString *label = g_string_new(piece->str);
            add_piece(k->labels, label);
            g_string_free(label, TRUE);
            note_field(k, n);
        }
        if (n->type == SB_NODE_FIELD || n->type == SB_NODE_CHECKBOX) {
            add_fixed(w, piece);
            pass_field(w, n->type == SB_NODE_FIELD ? n->as.field.path : n->as.checkbox.path);
        }
    }
    if (after_box) {
        GString *option = g_string_new(piece->str);
        add_piece(k->options, option);
        g_string_free(option, TRUE);
    }
    add_fixed(w, piece);
    g_string_free(piece, TRUE);
}

static void walk(Walk *w, const SbNode *node)
{
    if (node->type == SB_NODE_BLOCK)
        note_block(w, node);
    else if (node->type == SB_NODE_FIELD)
        note_field(w->k, node);
    if (node->type == SB_NODE_FIELD && (!node->parent || node->parent->type != SB_NODE_BLOCK))
        pass_field(w, node->as.field.path);   /* a block field: those in a paragraph are passed there */
    for (const SbNode *c = node->first_child; c; c = c->next)
        walk(w, c);
}

SbExtractForm *sb_extract_form_new(const SbForm *form)
{
    SbExtractForm *k = g_new0(SbExtractForm, 1);
    k->form = form;
    k->fixed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    k->labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    k->options = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    k->prompts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    k->hints = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    k->block = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    k->prompt_texts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    k->places = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    SbDocument *blank = sb_bind(form, NULL);
    Walk w = {k, g_strdup(""), g_ptr_array_new_with_free_func(g_free)};
    walk(&w, blank->root);
    pass_field(&w, "");   /* the pieces after the last field stand before the form's end */
    g_ptr_array_unref(w.pending);
    g_free(w.before);
    sb_document_free(blank);
    return k;
}

void sb_extract_form_free(SbExtractForm *k)
{
    if (!k)
        return;
    g_hash_table_unref(k->fixed);
    g_hash_table_unref(k->places);
    g_hash_table_unref(k->labels);
    g_hash_table_unref(k->options);
    g_hash_table_unref(k->prompts);
    g_hash_table_unref(k->hints);
    g_hash_table_unref(k->block);
    g_hash_table_unref(k->prompt_texts);
    g_free(k);
}

/* Row numbers (序号, "4：") and computed sums and shares change with the data: digits,
 * their signs and the punctuation around a number. */
gboolean sb_extract_is_number_like(const char *folded)
{
    static const char *const marks[] = {"：", "、", "）", "（", "．"};
    const char *p = folded;
    while (*p) {
        gsize n = strspn(p, "0123456789.,%-+:()");
        for (guint i = 0; n == 0 && i < G_N_ELEMENTS(marks); i++)
            if (g_str_has_prefix(p, marks[i]))
                n = strlen(marks[i]);
        if (n == 0)
            return FALSE;
        p += n;
    }
    return g_ascii_isdigit(*folded) || strpbrk(folded, "0123456789") != NULL;
}

gboolean sb_extract_is_prompt(const SbExtractForm *k, const char *generic, const char *folded)
{
    const char *prompt = g_hash_table_lookup(k->prompts, generic);
    const char *hint = g_hash_table_lookup(k->hints, generic);
    return (prompt && strcmp(prompt, folded) == 0) || (hint && strcmp(hint, folded) == 0);
}

gboolean sb_extract_is_form_text(const SbExtractForm *k, const char *folded)
{
    return !*folded || sb_extract_is_number_like(folded) || g_hash_table_contains(k->fixed, folded) ||
           g_hash_table_contains(k->prompt_texts, folded);
}

char *sb_extract_anchor(const char *tag)
{
    if (!tag)
        return g_strdup("");
    const char *eq = strchr(tag, '=');
    char *path = eq ? g_strndup(tag, (gsize)(eq - tag)) : g_strdup(tag);
    if (g_str_has_suffix(path, "[]"))
        path[strlen(path) - 2] = '\0';
    char *generic = sb_extract_generic_path(path);
    g_free(path);
    return generic;
}

static gboolean has_place(const SbExtractForm *k, char side, const char *anchor, const char *folded)
{
    char *key = g_strdup_printf("%c%s\x1f%s", side, anchor ? anchor : "", folded);
    gboolean hit = g_hash_table_contains(k->places, key);
    g_free(key);
    return hit;
}

gboolean sb_extract_is_fixed_at(const SbExtractForm *k, const char *folded, const char *before, const char *after)
{
    return has_place(k, '<', before, folded) || has_place(k, '>', after, folded);
}

gboolean sb_extract_is_form_text_at(const SbExtractForm *k, const char *folded, const char *before,
                                    const char *after)
{
    if (!*folded || sb_extract_is_number_like(folded) || g_hash_table_contains(k->prompt_texts, folded))
        return TRUE;
    return has_place(k, '<', before, folded) || has_place(k, '>', after, folded);
}
