/* What the reader knows of a form before it reads a document: the blank form as shenbao
 * writes it gives the fixed text (labels, option names, notes) that is never data, each
 * field's prompt, and which fields hold paragraphs. */
#ifndef SB_EXTRACT_FORM_H
#define SB_EXTRACT_FORM_H

#include "form.h"

typedef struct {
    const SbForm *form;
    GHashTable *fixed;         /* folded text pieces between fields -> TRUE */
    GHashTable *places;        /* where each piece stands: "<" + the field before it + US +
                                * piece, and ">" + the field after it + US + piece (fields by
                                * their generic path, "" at either end of the form) -> TRUE */
    GHashTable *labels;        /* folded pieces that stand right before a field -> TRUE */
    GHashTable *options;       /* folded pieces that follow a checkbox: option names, which
                                * people also type as values */
    GHashTable *prompts;       /* generic path -> folded prompt the blank form shows */
    GHashTable *hints;         /* generic path -> folded hint on how to add rows (doc.h) */
    GHashTable *prompt_texts;  /* the folded prompts -> TRUE */
    GHashTable *block;         /* generic paths of fields that hold paragraphs -> TRUE */
} SbExtractForm;

SbExtractForm *sb_extract_form_new(const SbForm *form);
void sb_extract_form_free(SbExtractForm *known);

/* Text without any white space (U+3000, zero width and no-break spaces too): how pieces
 * of text are compared, since programs move spaces around.  Free it. */
char *sb_extract_fold(const char *text);
gboolean sb_extract_is_space(gunichar c);

/* "participants.2.name" -> "participants[].name": the path as the form declares it. */
char *sb_extract_generic_path(const char *path);

/* Is the folded text a row number or a computed number (digits with their signs and
 * the punctuation around them)? */
gboolean sb_extract_is_number_like(const char *folded);

/* Does the field of this generic path show only its prompt, or the hint on adding rows
 * that the blank form shows in one of its rows? */
gboolean sb_extract_is_prompt(const SbExtractForm *known, const char *generic, const char *folded);

/* Is the folded text the form's own (fixed text, a prompt, a row number, a computed
 * number) anywhere in the form? */
gboolean sb_extract_is_form_text(const SbExtractForm *known, const char *folded);

/* The field a tag names, as an anchor for places: "participants[].nature" for
 * "participants.2.nature=民营企业" or "participants.2.nature[]=…".  Free it. */
char *sb_extract_anchor(const char *tag);

/* Is the folded text the form's own text at this place: a row number, a computed number
 * or a prompt, or a piece of fixed text the blank form shows right after the field
 * `before` or right before the field `after` (anchors; NULL for either end)?  Text equal
 * to a label of another part of the form is not the form's here. */
gboolean sb_extract_is_form_text_at(const SbExtractForm *known, const char *folded, const char *before,
                                    const char *after);

/* Is the folded text a piece of fixed text the blank form shows there (not counting
 * numbers and prompts)? */
gboolean sb_extract_is_fixed_at(const SbExtractForm *known, const char *folded, const char *before,
                                const char *after);

#endif
