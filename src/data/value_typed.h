/* Typed values: a field's value read in the ways people write it, and printed in the one
 * official style of its type.
 *
 * Reading folds what a keyboard or an input method adds — full-width digits, letters and
 * punctuation (０５１３－８５１２６６８８), other dashes, U+3000 and no-break spaces, white space
 * around the value — and then matches one pattern per type.  The same pattern, widened to
 * take the unfolded characters (sb_typed_schema_pattern), is what the JSON Schema says, so
 * an editor and `shenbao check` accept the same texts.  Free text is never folded.
 *
 * The official style (GB/T 9704 for dates: Arabic digits, no zero padding):
 *   date        2025年10月20日      from 2025-10-20, 2025/10/20, 2025.10.20, 2025年10月20日
 *   year-month  1976年5月           from 1976-05, 1976/5, 1976.05, 1976年5月
 *   year        2025               (the form prints 年 after it)
 *   numbers     128650.42          without thousands separators, a + or 万元; the digits
 *                                  after the point as typed
 *   percent     32.5%              32.5 where the form prints the % sign: right after the
 *                                  field (比例：____%) or in its heading (资产负债率（%）)
 *   phone       13951206837        a mobile: eleven digits
 *               0513-85126688      a landline: area code, hyphen, number; +86 gives the
 *               010-68206378转123  trunk 0 back; an extension after 转
 *               400-820-8820       a 400 or 800 number in its 3-3-4 groups
 *   codes       upper case; an organisation code with its hyphen: 46600123-2 */
#ifndef SB_VALUE_TYPED_H
#define SB_VALUE_TYPED_H

#include "form.h"

typedef enum {
    SB_TYPED_OK,
    SB_TYPED_MALFORMED,   /* not written as a value of the type */
    SB_TYPED_UNREAL,      /* written so, but no such date (2025-02-30) */
} SbTypedStatus;

typedef struct {
    char *text;              /* the official style, as sb_typed_print gives it */
    int year, month, day;    /* dates, year-months (day 0), years (month 0) */
    double number;           /* numbers and percentages */
} SbTyped;

/* Reads text as a value of the type.  On SB_TYPED_OK *out holds it (free it with
 * sb_typed_clear); otherwise *out is left empty.  Text and choice types are not typed:
 * SB_TYPED_MALFORMED. */
SbTypedStatus sb_typed_read(SbFieldType type, const char *text, SbTyped *out);
void sb_typed_clear(SbTyped *typed);

/* The official style of text read as the type, or NULL when it does not read. */
char *sb_typed_print(SbFieldType type, const char *text);

/* What the <field> element shows for text: a typed value that reads in its official
 * style, anything else (free text above all) as it is. */
char *sb_typed_shown(xmlNode *field, const char *text);

/* TRUE for the types read by sb_typed_read (all but text, choice and set). */
gboolean sb_typed_is_typed(SbFieldType type);

/* ---- what reading does first (value_fold.c) ---- */

/* The text with full-width forms, dashes and spaces folded to ASCII, white space around
 * it removed.  *lead, when given, is the number of characters removed in front. */
char *sb_typed_fold(const char *text, int *lead);

/* The pattern a folded value of the type must match, anchored; NULL for untyped types.
 * `unsigned_only` leaves out the minus sign of a number (min-value="0"); `percent_range`
 * keeps a percentage within 0–100. */
const char *sb_typed_pattern(SbFieldType type);
char *sb_typed_bounded_pattern(SbFieldType type, gboolean unsigned_only, gboolean percent_range);

/* A pattern for the unfolded text, for the JSON Schema: every character the fold maps to
 * one of the pattern's also matches, white space may surround the value, and an empty or
 * blank text matches too (a field not yet filled in).  ECMAScript and PCRE read it alike. */
char *sb_typed_schema_pattern(const char *folded_pattern);

#endif
