/* The data value tree: what a YAML or JSON file holds, each value with its position.
 *
 * Scalars keep the text as written ("0123" stays "0123"); the checks decide what a
 * scalar means for the field it fills.  Maps keep their keys in file order. */
#ifndef SB_VALUE_H
#define SB_VALUE_H

#include <glib.h>

typedef enum {
    SB_VALUE_NULL,     /* ~, null, an empty YAML value */
    SB_VALUE_STRING,   /* a quoted scalar, or a plain YAML scalar that is not a number/bool */
    SB_VALUE_NUMBER,   /* a JSON number or a plain YAML scalar that reads as one */
    SB_VALUE_BOOL,     /* true/false */
    SB_VALUE_MAP,
    SB_VALUE_LIST,
} SbValueKind;

typedef struct SbValue SbValue;
struct SbValue {
    SbValueKind kind;
    int line, col;        /* 1-based position of the value's first character */
    gboolean quoted;      /* a quoted scalar: its text starts one column after col */
    char *text;           /* scalars: the text, valid UTF-8; NULL for maps and lists */
    GPtrArray *keys;      /* maps: SbValue* (STRING) keys, with their own positions */
    GPtrArray *items;     /* maps: the values, parallel to keys; lists: the items */
};

SbValue *sb_value_new(SbValueKind kind, int line, int col);
SbValue *sb_value_new_scalar(SbValueKind kind, const char *text, int line, int col);
void sb_value_free(SbValue *value);
/* A deep copy with the same positions (YAML aliases are expanded this way). */
SbValue *sb_value_copy(const SbValue *value);

/* Map operations.  map_set appends (callers check for duplicate keys first). */
void sb_value_map_set(SbValue *map, SbValue *key, SbValue *value);
SbValue *sb_value_map_get(const SbValue *map, const char *key);
/* The value at a dot-separated path of map keys, or NULL. */
SbValue *sb_value_lookup(const SbValue *root, const char *path);

guint sb_value_size(const SbValue *value);   /* items of a map or list */
SbValue *sb_value_item(const SbValue *value, guint i);
const char *sb_value_key(const SbValue *map, guint i);
const char *sb_value_kind_name(SbValueKind kind);  /* "string", "map", … */
const char *sb_value_kind_zh(SbValueKind kind);    /* 字符串, 键值映射, … */

#endif
