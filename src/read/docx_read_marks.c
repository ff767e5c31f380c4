/* The bookmarks of a DOCX being read (docx_read_body.h): which are open, which of them
 * are ours, and what LibreOffice does to them (repeated starts, lost ends, bookmarks
 * collapsed over nothing). */
#include "docx_read_body.h"

#include <string.h>

void docx_read_mark_free(gpointer p)
{
    Mark *m = p;
    g_free(m->id);
    g_free(m->name);
    g_free(m);
}

/* Bookmarks left open are kept up to this many, so that a hostile part cannot make the
 * walk slow; a real document has a handful open at any point. */
#define MAX_OPEN_MARKS 256
#define MAX_MARK_NAMES 100000

/* Ours are the "_sb…" names custom.xml maps to tags, and names that are tags themselves;
 * Word's own (_GoBack, _Toc…) start with an underscore too. */
static gboolean is_our_mark(const Body *b, const char *name)
{
    return name && *name && (name[0] != '_' || g_hash_table_contains(b->props, name));
}

/* A bookmark starting inside a control names the innermost one: LibreOffice wraps a
 * paragraph that begins with a control in a tagless control of its own. */
void docx_read_mark_start(Body *b)
{
    char *name = sb_xml_part_attr(&b->part, DOCX_NS_W, "name");
    if (!name || g_hash_table_contains(b->mark_names, name)) {
        /* A name is one bookmark.  LibreOffice, saving an ODT's bookmark over several
         * paragraphs, starts it again and ends the repeat: that end is the bookmark's. */
        char *id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
        if (id && name && g_hash_table_size(b->repeats) < MAX_MARK_NAMES)
            g_hash_table_insert(b->repeats, id, name);
        else
            g_free(id), g_free(name);
        return;
    }
    if (g_hash_table_size(b->mark_names) < MAX_MARK_NAMES)
        g_hash_table_add(b->mark_names, g_strdup(name));
    Mark *m = g_new0(Mark, 1);
    m->id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
    m->name = name;
    m->cell = b->cell;
    m->para = b->para;
    m->fields = b->fields->len;
    if (b->marks->len == MAX_OPEN_MARKS)
        g_ptr_array_remove_index(b->marks, 0);
    g_ptr_array_add(b->marks, m);
    Sdt *s = docx_read_innermost(b);
    if (s && !s->in_pr && !s->own_mark && is_our_mark(b, m->name))
        s->own_mark = g_strdup(m->name);
}

void docx_read_mark_end(Body *b)
{
    char *id = sb_xml_part_attr(&b->part, DOCX_NS_W, "id");
    const char *repeated = id ? g_hash_table_lookup(b->repeats, id) : NULL;
    for (guint i = b->marks->len; id && i-- > 0;) {
        const Mark *m = b->marks->pdata[i];
        if (repeated ? strcmp(m->name, repeated) == 0 : g_strcmp0(m->id, id) == 0) {
            if (!docx_read_innermost(b) && m->fields == b->fields->len && m->para == b->para && is_our_mark(b, m->name))
                docx_read_field_empty(b, m);   /* LibreOffice collapses a bookmark over nothing */
            g_ptr_array_remove_index(b->marks, i);
            break;
        }
    }
    g_free(id);
}

/* The innermost of our bookmarks open here.  No field runs from one table cell into
 * another, so a bookmark whose end a program lost names nothing past its cell. */
const char *docx_read_open_mark(const Body *b)
{
    for (guint i = b->marks->len; i-- > 0;) {
        const Mark *m = b->marks->pdata[i];
        if (is_our_mark(b, m->name) && m->cell == b->cell)
            return m->name;
    }
    return NULL;
}

char *docx_read_tag_of_mark(const Body *b, const char *name)
{
    const char *tag = g_hash_table_lookup(b->props, name);
    return g_strdup(tag ? tag : name);
}

