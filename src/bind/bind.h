/* Binding: the form's XML tree and the data become the document tree. */
#ifndef SB_BIND_H
#define SB_BIND_H

#include "doc.h"
#include "form.h"
#include "value.h"

/* Where binding is: the data map fields are looked up in, and its concrete path. */
typedef struct BindScope BindScope;
struct BindScope {
    const SbValue *map;     /* NULL in a blank form or an empty repeat row */
    char *prefix;           /* "participants.2." or "" */
    int index;              /* item number in the enclosing repeat, 0-based, or -1 */
    int span;               /* rows the enclosing repeat makes in all (for rowspan="all") */
    int item_span;          /* rows this item makes, nested repeats included (rowspan="item") */
    BindScope *parent;
};

typedef struct {
    const SbForm *form;
    gboolean blank;         /* no data at all */
} Binder;

/* Inline content of an element (text, fields, checkboxes …) appended to a BLOCK. */
void sb_bind_inline(Binder *b, xmlNode *element, BindScope *scope, SbNode *block);

/* A block-level field: its value as paragraphs styled like `style`. */
SbNode *sb_bind_block_field(Binder *b, xmlNode *field, BindScope *scope, const SbNode *style);

/* The scalar value at a relative path in the scope, or NULL. */
const SbValue *sb_scope_lookup(const BindScope *scope, const char *path);

/* The attribute of an element, or NULL (a libxml2 string: xmlFree it). */
char *sb_xml_attr(xmlNode *node, const char *name);
int sb_xml_int_attr(xmlNode *node, const char *name, int fallback);
gboolean sb_xml_is(xmlNode *node, const char *name);

/* A new paragraph styled for a block element (title, heading, p …) with its attributes
 * applied, or NULL for an element that is not one; the body style; the attributes alone. */
SbNode *sb_bind_styled_block(xmlNode *el);
SbNode *sb_bind_body_style(void);
void sb_bind_apply_attrs(xmlNode *el, SbNode *block);

/* Repeats and groups run `body` over their children, once per item or once. */
typedef void (*RepeatBody)(Binder *b, xmlNode *el, BindScope *scope, gpointer target);
void sb_bind_repeat(Binder *b, xmlNode *el, BindScope *scope, RepeatBody body, gpointer target);
void sb_bind_group(Binder *b, xmlNode *el, BindScope *scope, RepeatBody body, gpointer target);

/* A seal block in the given text style; a table. */
SbNode *sb_bind_seal(Binder *b, xmlNode *el, BindScope *scope, const SbNode *style);
SbNode *sb_bind_table(Binder *b, xmlNode *el, BindScope *scope);

#endif
