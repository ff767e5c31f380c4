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

#endif
