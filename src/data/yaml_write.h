/* Writing a value tree as a YAML data file, the way a person writes one. */
#ifndef SB_YAML_WRITE_H
#define SB_YAML_WRITE_H

#include "value.h"

/* A part of the tree written once and referred to again: `alias` is written as *name,
 * an alias of `anchor` (&name), which must come first and hold the same values. */
typedef struct {
    const SbValue *anchor, *alias;
    const char *name;
} SbYamlShare;

/* Block style, keys in their order; text a YAML reader would take for a number, a
 * boolean or null is quoted, text of several lines is a literal block.  `comment` (may
 * be NULL) opens the file, each of its lines a # comment; `share` may be NULL. */
char *sb_yaml_write(const SbValue *root, const char *comment, const SbYamlShare *share);

#endif
