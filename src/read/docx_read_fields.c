/* The fields of a DOCX being read (docx_read_body.h): a control's paragraphs joined, a
 * field continued over several controls or paragraphs, text outside every control kept
 * as untagged pieces, in document order. */
#include "docx_read_body.h"

#include <string.h>

/* Paragraphs come back joined by a blank line; empty ones (room left to write in) go. */
static void join_paragraphs(GString *out, const GPtrArray *paragraphs, const char *first_separator)
{
    for (guint i = 0; i < paragraphs->len; i++) {
        const GString *para = paragraphs->pdata[i];
        if (para->len == 0)
            continue;
        if (out->len)
            g_string_append(out, first_separator ? first_separator : "\n\n");
        first_separator = NULL;
        g_string_append_len(out, para->str, (gssize)para->len);
    }
}

/* A checkbox's state is w14:checked; a program that dropped it left ☒ or ☐ behind. */
static gboolean box_checked(const Sdt *s)
{
    if (s->checked >= 0)
        return s->checked;
    for (guint i = 0; i < s->paragraphs->len; i++) {
        const char *t = ((GString *)s->paragraphs->pdata[i])->str;
        if (strstr(t, "\u2612") || strstr(t, "\u2611"))
            return TRUE;
    }
    return FALSE;
}

void docx_read_field_settle(Body *b)
{
    if (b->last)
        b->last->last_para = MAX(b->last_para, b->last->para);
    if (b->last && b->last_text) {
        g_free(b->last->text);
        b->last->text = b->last_text->len ? g_strdup(b->last_text->str) : NULL;
    }
    if (b->last_text)
        g_string_set_size(b->last_text, 0);
    b->last = NULL;
}

static void add_field(Body *b, SbExtracted *e, const char *text)
{
    docx_read_field_settle(b);
    g_string_assign(b->last_text, text ? text : "");
    b->last = e;
    g_ptr_array_add(b->fields, e);
}

/* Does a piece tagged `tag` continue the last field?  Checkboxes never do. */
static gboolean continues(const Body *b, const char *tag)
{
    return b->last && b->last->tag && tag && !strchr(tag, '=') && strcmp(b->last->tag, tag) == 0;
}

/* Stray text of a paragraph ends here: inside one of our bookmarks it is that field's
 * (its control was removed), else it is untagged. */
void docx_read_field_flush_stray(Body *b)
{
    if (b->stray->len == 0)
        return;
    const char *mark = docx_read_open_mark(b);
    char *tag = mark ? docx_read_tag_of_mark(b, mark) : NULL;
    if (continues(b, tag)) {
        if (b->last_text->len)
            g_string_append(b->last_text, b->stray_para != b->last_para ? "\n\n" : "");
        g_string_append(b->last_text, b->stray->str);
        b->last_para = b->stray_para;
        g_free(tag);
    } else {
        SbExtracted *e = sb_extracted_new(NULL, b->stray_para, 0, 0);
        docx_read_locate(e, b, NULL);
        e->tag = tag;
        e->checked = tag && strchr(tag, '=') && (strstr(b->stray->str, "\u2612") || strstr(b->stray->str, "\u2611"));
        add_field(b, e, b->stray->str);
        b->last_para = b->stray_para;
        if (!tag)   /* untagged text is never continued */
            docx_read_field_settle(b);
    }
    g_string_set_size(b->stray, 0);
}

/* A field whose bookmark holds nothing: text typed beside it is placed by its place. */
void docx_read_field_empty(Body *b, const Mark *m)
{
    SbExtracted *e = sb_extracted_new(NULL, b->para, 0, 0);
    docx_read_locate(e, b, NULL);
    e->tag = docx_read_tag_of_mark(b, m->name);
    add_field(b, e, "");
    b->last_para = b->para;
    docx_read_field_settle(b);
}

static void new_field(Body *b, const Sdt *s, char *tag)
{
    SbExtracted *e = sb_extracted_new(NULL, s->para, 0, 0);
    docx_read_locate(e, b, s);
    e->tag = tag;
    e->placeholder = s->placeholder && !s->checkbox;
    GString *text = g_string_new(NULL);
    join_paragraphs(text, s->paragraphs, NULL);
    e->checked = s->checkbox || strchr(tag, '=') ? box_checked(s) : FALSE;
    add_field(b, e, text->str);
    g_string_free(text, TRUE);
}

/* The next paragraph of the last field: a new paragraph after a blank line, or more of the
 * same paragraph when a program split one control in two. */
static void continue_field(Body *b, const Sdt *s)
{
    if (s->placeholder && b->last->placeholder)
        return;
    if (b->last->placeholder) {   /* typed after its placeholder: the placeholder goes */
        g_string_set_size(b->last_text, 0);
        b->last->placeholder = FALSE;
    }
    join_paragraphs(b->last_text, s->paragraphs, s->para != b->last_para ? "\n\n" : "");
}

/* Text of a control that names no field (a wrapper LibreOffice added) is stray text;
 * the control keeps none of it. */
void docx_read_field_orphan(Body *b, Sdt *s)
{
    GString *text = g_string_new(NULL);
    join_paragraphs(text, s->paragraphs, NULL);
    if (text->len) {
        SbExtracted *e = sb_extracted_new(NULL, s->para, 0, 0);
        docx_read_locate(e, b, s);
        add_field(b, e, text->str);
        docx_read_field_settle(b);
    }
    g_string_free(text, TRUE);
    g_ptr_array_set_size(s->paragraphs, 0);
    s->current = NULL;
}

/* shenbao's aliases are labels; a control LibreOffice made from an ODT placeholder has
 * the field's path there, which is plain ASCII. */
static char *path_alias(const Sdt *s)
{
    if (!s->alias || !*s->alias)
        return NULL;
    for (const char *p = s->alias; *p; p++)
        if ((unsigned char)*p >= 0x80 || g_ascii_isspace(*p))
            return NULL;
    return g_strdup(s->alias);
}

void docx_read_field_finish(Body *b)
{
    Sdt *s = docx_read_innermost(b);
    const char *mark = s->own_mark ? s->own_mark : s->outer_mark;
    char *tag = s->tag ? g_strdup(s->tag) : s->has_inner ? NULL : mark ? docx_read_tag_of_mark(b, mark) : path_alias(s);
    if (tag && !s->checkbox && continues(b, tag)) {
        continue_field(b, s);
        b->last_para = b->para;
        g_free(tag);
    } else if (tag) {
        new_field(b, s, tag);
        b->last_para = b->para;
    } else {
        docx_read_field_orphan(b, s);
    }
    g_ptr_array_set_size(b->open, b->open->len - 1);
}


void docx_read_field_unreadable(Body *b, SbUnreadable kind)
{
    docx_read_field_flush_stray(b);
    SbExtracted *e = sb_extracted_new(NULL, b->para, 0, 0);
    docx_read_locate(e, b, NULL);
    e->unreadable = kind;
    g_ptr_array_add(b->fields, e);
}
