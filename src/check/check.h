/* Checking data against a form.  sb_check() (public) runs all of these. */
#ifndef SB_CHECK_H
#define SB_CHECK_H

#include "diag.h"
#include "form.h"
#include "value.h"

/* Field types and limits for one scalar value. */
void sb_check_field(const SbFieldDef *field, const SbValue *value, SbDiagnostics *diags);

/* Keys the form doesn't know, each with the nearest known key; missing required fields;
 * list counts against their repeat's min and max. */
void sb_check_shape(const SbForm *form, const SbValue *root, SbDiagnostics *diags);

/* Rules of the documents that span fields (FORMS.md), per form id. */
void sb_check_rules(const SbForm *form, const SbValue *root, SbDiagnostics *diags);

/* sb_check_field with the form at hand, so that a field whose options come from a
 * reference list (list="…") is checked against the form's loaded lists. */
void sb_check_field_in(const SbForm *form, const SbFieldDef *field, const SbValue *value,
                       SbDiagnostics *diags);

/* The data's shape, derived from the form's field and repeat paths: a tree of maps,
 * lists (repeats, whose items are maps) and fields, children in document order.  The
 * checks walk it against the data; the YAML skeleton and the JSON Schema are printed
 * from it. */
typedef enum { SB_SHAPE_MAP, SB_SHAPE_LIST, SB_SHAPE_FIELD } SbShapeKind;

typedef struct SbShape SbShape;
struct SbShape {
    SbShapeKind kind;
    char *key;                  /* NULL for the root */
    char *path;                 /* "participants[].name"; "" for the root */
    const SbFieldDef *field;    /* FIELD */
    const SbRepeatDef *repeat;  /* LIST, NULL if the form declares no <repeat> for it */
    GPtrArray *children;        /* MAP, and LIST (the keys of an item): SbShape* */
    GHashTable *by_key;         /* key -> SbShape* of children */
    SbFieldDef *owned;          /* a field made here for a <checks other="…"> path */
};

SbShape *sb_shape_new(const SbForm *form);
void sb_shape_free(SbShape *shape);
const SbShape *sb_shape_child(const SbShape *shape, const char *key);

/* The field's type and limits in words, as the skeleton comments and the schema
 * descriptions give them: "文本，500字以内", "18位，GB 32100". */
char *sb_field_summary(const SbForm *form, const SbFieldDef *field);

#endif
