/* What the check files share among themselves; the rest of the library uses check.h. */
#ifndef SB_CHECK_INTERNAL_H
#define SB_CHECK_INTERNAL_H

#include "check.h"

/* ---- check_report.c: wording the messages ---- */

/* Adds a message whose English and Chinese texts are already formatted; takes both. */
void sb_check_report(SbDiagnostics *diags, SbSeverity severity, const SbValue *at,
                     char *en, char *zh);
/* "a[].b.c" as people write it in the data: "a.b.c". */
char *sb_plain_path(const char *path);
char *sb_join_options(const GPtrArray *options, const char *sep);
/* The candidate nearest to word, or NULL when none is near enough to be a likely typo. */
const char *sb_nearest(const char *word, const GPtrArray *candidates);

/* ---- check_field.c: what a value holds ---- */

gboolean sb_is_scalar(const SbValue *v);
/* Null, or a string of nothing but white space: a field left blank. */
gboolean sb_is_blank(const SbValue *v);
/* TRUE when text is one of the options. */
gboolean sb_among(const GPtrArray *options, const char *text);

/* ---- check_missing.c: required fields left empty, one message a part of the form ---- */

typedef struct SbMissing SbMissing;
SbMissing *sb_missing_new(void);
void sb_missing_free(SbMissing *missing);
/* Where in the data a missing field is: the places from the root down to the map that
 * holds (or should hold) it — the keys of the maps, the list items; `item_key` names the list items it is in
 * ("participants#2") and items_en / items_zh say them in words (参与单位第 3 项), all ""
 * outside lists. */
typedef struct {
    const GPtrArray *maps;
    const char *item_key, *items_en, *items_zh;
} SbMissingAt;

/* A required field, or a required list, not filled in: its part of the form (NULL for
 * none), its path and the label the message names it by. */
void sb_missing_add(SbMissing *missing, const char *section, const char *path,
                    const char *label, const SbMissingAt *at);
void sb_missing_report(SbMissing *missing, SbDiagnostics *diags, const SbValue *root);

/* ---- check_shape.c ---- */

/* Walks the data along the form's shape; `fields` checks each field's value too. */
void sb_check_walk(const SbForm *form, const SbValue *root, SbDiagnostics *diags,
                   gboolean fields);

/* ---- check_rules.c: the documents' rules ---- */

typedef void (*SbRule)(const SbForm *form, const SbValue *root, SbDiagnostics *diags);

/* One rule of a document and the form it applies to (NULL: every form).  Each
 * rules_<doc>.c exports an array of these, in the order they report, ended by
 * { NULL, NULL }. */
typedef struct {
    const char *form_id;
    SbRule rule;
} SbFormRule;

/* The value at a dot path when it holds something, or NULL. */
const SbValue *sb_rule_filled(const SbValue *root, const char *path);
/* TRUE when any scalar below v is filled in. */
gboolean sb_rule_has_content(const SbValue *v);
/* The form's <repeat> at path, or NULL. */
const SbRepeatDef *sb_rule_repeat_at(const SbForm *form, const char *path);

#endif
