/* What the DOCX reader (docx_read.c) keeps while it walks document.xml: the content
 * controls open, the bookmarks open (docx_read_marks.c) and the fields found so far
 * (docx_read_fields.c). */
#ifndef SB_DOCX_READ_BODY_H
#define SB_DOCX_READ_BODY_H

#include "docx_read.h"
#include "extract.h"

typedef struct {
    int depth;              /* of the w:sdt element */
    int para, cell, row, col;   /* where it starts */
    int table, table_row;
    char *tag;
    char *alias;            /* w:alias: a path where LibreOffice made the control from an ODT */
    char *own_mark;         /* the first bookmark starting inside it */
    char *outer_mark;       /* a bookmark already open where its content starts */
    gboolean in_pr;         /* inside its w:sdtPr */
    gboolean has_inner;     /* holds other controls: a wrapper, not a field, unless tagged */
    gboolean placeholder;   /* w:showingPlcHdr */
    gboolean checkbox;      /* w14:checkbox */
    int checked;            /* w14:checked, -1 when missing */
    GPtrArray *paragraphs;  /* GString* per paragraph of its content */
    GString *current;       /* the paragraph text goes into, NULL between paragraphs */
} Sdt;

typedef struct {
    char *id, *name;
    int cell;               /* the table cell it started in */
    int para;               /* and the paragraph */
    guint fields;           /* how many things were found before it */
} Mark;

typedef struct {
    SbXmlPart part;
    GHashTable *props;      /* custom properties: the tags of "_sb…" bookmarks */
    GPtrArray *open;        /* Sdt*, innermost last */
    GPtrArray *marks;       /* Mark*: bookmarks open at this point */
    GHashTable *mark_names; /* the names of the bookmarks started so far */
    GHashTable *repeats;    /* id of a bookmark start that repeated a name -> the name */
    GPtrArray *names;       /* local names of the open W elements by depth, NULL for others */
    int text_depth;         /* inside a w:t at that depth, or -1 */
    int para;               /* paragraphs started so far */
    int cell, row;          /* the table cell and row we are in, numbered in document order; 0 outside */
    int cells, rows;        /* started so far */
    int col;                /* the cell's place in its row */
    int table, table_row;   /* the table we are in (0 outside) and the row's place in it */
    int tables;             /* started so far */
    GPtrArray *fields;      /* SbExtracted*: the result */
    SbExtracted *last;      /* the field a control of the same tag continues */
    GString *last_text;     /* its text, moved into it when another field starts */
    int last_para;
    int nested;             /* tables open inside a table cell: their cells are the outer cell's */
    int skip_depth;         /* >= 0: inside an image or object, whose text is not read */
    GString *stray;         /* text outside every control, in the current paragraph */
    int stray_para;
} Body;

static inline Sdt *docx_read_innermost(const Body *b)
{
    return b->open->len ? b->open->pdata[b->open->len - 1] : NULL;
}

/* Where something found starts: at the control s, or here when s is NULL. */
static inline void docx_read_locate(SbExtracted *e, const Body *b, const Sdt *s)
{
    e->cell = s ? s->cell : b->cell;
    e->row = s ? s->row : b->row;
    e->col = e->cell ? (s ? s->col : b->col) : 0;
    e->table = e->cell ? (s ? s->table : b->table) : 0;
    e->table_row = e->cell ? (s ? s->table_row : b->table_row) : 0;
}

/* ---- bookmarks (docx_read_marks.c) ---- */

void docx_read_mark_free(gpointer p);
/* w:bookmarkStart and w:bookmarkEnd at the reader's node. */
void docx_read_mark_start(Body *b);
void docx_read_mark_end(Body *b);
/* The name of the innermost of our bookmarks open here, or NULL. */
const char *docx_read_open_mark(const Body *b);
/* The tag a bookmark of ours names; free it. */
char *docx_read_tag_of_mark(const Body *b, const char *name);

/* ---- fields (docx_read_fields.c) ---- */

/* The last field's text, moved into it. */
void docx_read_field_settle(Body *b);
/* Text outside every control in this paragraph ends here. */
void docx_read_field_flush_stray(Body *b);
/* A bookmark of ours over nothing. */
void docx_read_field_empty(Body *b, const Mark *m);
/* The text a wrapper control holds, as stray text. */
void docx_read_field_orphan(Body *b, Sdt *s);
/* The innermost control ends: a field, more of the last one, or stray text. */
void docx_read_field_finish(Body *b);
/* Something that is not text (an image, a nested table) found here. */
void docx_read_field_unreadable(Body *b, SbUnreadable kind);

#endif
