/* The document tree: a form with its data merged in, ready for any writer.
 *
 * Layout-independent and complete: writers look nothing up in the form or the data.
 * Shaped like cmark's node tree — one struct with a type tag and a union of per-type
 * payloads, linked to parent, children and siblings.
 *
 *   DOCUMENT
 *     PAGE                    starts a new sheet
 *       BLOCK                 a paragraph: TEXT, FIELD, CHECKBOX, BREAK, BLANK children
 *       TABLE
 *         ROW
 *           CELL              BLOCK / SEAL / FIELD(block) children
 *       SEAL                  room for a seal; BLOCK children sit at its bottom
 *       FIELD (block)         a field holding paragraphs: BLOCK children
 *       SPACE                 vertical room
 *
 * An inline FIELD holds the TEXT and BREAK runs of its value, or nothing when empty
 * (writers then show its placeholder or an underlined gap of `width` characters). */
#ifndef SB_DOC_H
#define SB_DOC_H

#include <glib.h>
#include "shenbao/shenbao.h"

typedef enum {
    SB_NODE_DOCUMENT,
    SB_NODE_PAGE,
    SB_NODE_BLOCK,
    SB_NODE_TABLE,
    SB_NODE_ROW,
    SB_NODE_CELL,
    SB_NODE_SEAL,
    SB_NODE_SPACE,
    SB_NODE_FIELD,
    SB_NODE_TEXT,
    SB_NODE_CHECKBOX,
    SB_NODE_BREAK,
    SB_NODE_BLANK,
} SbNodeType;

typedef enum { SB_FONT_SONG, SB_FONT_FANG, SB_FONT_HEI, SB_FONT_KAI, SB_FONT_TITLE } SbFontRole;
typedef enum { SB_ALIGN_LEFT, SB_ALIGN_CENTER, SB_ALIGN_RIGHT, SB_ALIGN_JUSTIFY } SbAlign;
typedef enum { SB_VALIGN_TOP, SB_VALIGN_MIDDLE, SB_VALIGN_BOTTOM } SbVAlign;

/* What a paragraph is, for writers that keep named styles (DOCX, ODT). */
typedef enum {
    SB_BLOCK_BODY, SB_BLOCK_ANNEX, SB_BLOCK_TITLE, SB_BLOCK_SUBTITLE,
    SB_BLOCK_HEADING1, SB_BLOCK_HEADING2, SB_BLOCK_HEADING3,
    SB_BLOCK_NOTE, SB_BLOCK_CELL,
} SbBlockKind;

typedef struct SbNode SbNode;

struct SbNode {
    SbNodeType type;
    SbNode *parent, *first_child, *last_child, *prev, *next;
    union {
        struct {
            char *title, *subject, *form_id, *edition, *source, *issuer;
            char *date;          /* ISO date the document is fixed to (metadata), or NULL */
        } document;
        struct {
            SbBlockKind kind;
            SbFontRole font;
            double size;         /* points */
            SbAlign align;
            double indent;       /* first-line indent in characters */
            gboolean bold;
            int outline;         /* outline level (1 = top), 0 = not in the outline */
            gboolean keep_with_next;
            double space_before, space_after;   /* points */
        } block;
        struct {
            gboolean landscape;  /* the sheet lies on its side (wide tables) */
        } page;
        struct {
            int n_cols;
            double *widths;      /* mm, n_cols of them */
            int header_rows;     /* repeated on continuation pages */
            SbFontRole font;
            double size;
        } table;
        struct {
            double min_height;   /* mm, 0 = content height */
            gboolean header;
        } row;
        struct {
            int col;             /* first grid column, 0-based */
            int colspan, rowspan;
            SbAlign align;
            SbVAlign valign;
        } cell;
        struct {
            double height;       /* mm */
            gboolean has_heading;   /* the first BLOCK is a heading at the top left */
        } seal;
        struct {
            double height;       /* mm */
        } space;
        struct {
            char *path;          /* concrete data path: participants.3.name */
            char *label;
            char *placeholder;   /* shown in a blank form, may be NULL */
            char *hint;          /* how to add rows, shown instead by DOCX and ODT when empty
                                  * (the first field of a repeatable table's last row), or NULL */
            gboolean empty;      /* no value: children are absent */
            gboolean block;      /* holds BLOCKs rather than inline runs */
            double width;        /* underlined width in characters, 0 = none */
            int lines;           /* blank lines of room when empty */
        } field;
        struct {
            char *text;
            gboolean bold;
            gboolean run_in;     /* a heading set at the start of its paragraph, in `font` */
            SbFontRole font;
        } text;
        struct {
            char *path;          /* data path of the group */
            char *option;        /* the option it stands for; its label follows as TEXT */
            gboolean checked;
            gboolean multiple;   /* part of an any-of group */
        } checkbox;
        struct {
            double width;        /* characters */
        } blank;
    } as;
};

SbNode *sb_node_new(SbNodeType type);
void sb_node_append(SbNode *parent, SbNode *child);
void sb_node_free(SbNode *node);   /* frees the subtree */
SbNode *sb_text_new(const char *text, gboolean bold);

/* Walks a subtree as ENTER/EXIT events (leaves get ENTER only). */
typedef enum { SB_EVENT_ENTER, SB_EVENT_EXIT } SbEvent;
typedef gboolean (*SbVisitFunc)(SbNode *node, SbEvent event, gpointer user_data);
void sb_node_walk(SbNode *root, SbVisitFunc visit, gpointer user_data);

/* All the text of a subtree, concatenated (for outline titles and tests). */
char *sb_node_text(const SbNode *node);

struct SbDocument {
    SbNode *root;
};

/* TRUE when every string of the tree is text an XML document can carry (the characters
 * the data loader lets through); otherwise FALSE with an error quoting the string.  The
 * DOCX and ODT writers refuse such a tree rather than drop characters. */
gboolean sb_document_check_text(const SbNode *root, GError **error);

/* The paragraph style of an empty block field, which has no paragraphs to take it from:
 * the table's text style in a cell, the body style (三号仿宋) elsewhere, justified with a
 * two-character indent as binding sets its values.  Free with sb_node_free. */
SbNode *sb_field_room_style(const SbNode *field);

/* Chinese size names: "三号" -> 16.  Returns 0 for an unknown name. */
double sb_size_points(const char *name);

#endif
