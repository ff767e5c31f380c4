/* The documents' own rules (FORMS.md): rules that span fields, run per form id.
 *
 * Each document's rules live in their own file, rules_<doc>.c, which exports them as an
 * array of SbFormRule; the table below lists those arrays. */
#include "check_internal.h"

#include <string.h>

/* The documents whose rules run, in the order they report: one line a document.  The
 * list is read twice below, once to declare each array and once to make the table. */
#define DOCUMENTS(RULES) \
    RULES(sb_rules_miit_2022) \
    RULES(sb_rules_miit_2025) \
    RULES(sb_rules_miit_2025_review) \
    RULES(sb_rules_miit_2025_summary) \
    RULES(sb_rules_cq_2025) \
    RULES(sb_rules_consistency)

#define DECLARE(rules) extern const SbFormRule rules[];
DOCUMENTS(DECLARE)
#undef DECLARE

#define ENTRY(rules) rules,
static const SbFormRule *const documents[] = { DOCUMENTS(ENTRY) };
#undef ENTRY

void sb_check_rules(const SbForm *form, const SbValue *root, SbDiagnostics *diags)
{
    if (form->info.id == NULL || root == NULL || root->kind != SB_VALUE_MAP)
        return;
    for (guint i = 0; i < G_N_ELEMENTS(documents); i++)
        for (const SbFormRule *r = documents[i]; r->rule; r++)
            if (r->form_id == NULL || strcmp(r->form_id, form->info.id) == 0)
                r->rule(form, root, diags);
}

/* ---- what the rules share ---- */

const SbValue *sb_rule_filled(const SbValue *root, const char *path)
{
    const SbValue *v = sb_value_lookup(root, path);
    return v && !sb_is_blank(v) ? v : NULL;
}

gboolean sb_rule_has_content(const SbValue *v)
{
    if (v == NULL)
        return FALSE;
    if (v->kind == SB_VALUE_MAP || v->kind == SB_VALUE_LIST) {
        for (guint i = 0; i < sb_value_size(v); i++)
            if (sb_rule_has_content(sb_value_item(v, i)))
                return TRUE;
        return FALSE;
    }
    return !sb_is_blank(v);
}

const SbRepeatDef *sb_rule_repeat_at(const SbForm *form, const char *path)
{
    for (guint i = 0; form->repeats && i < form->repeats->len; i++) {
        const SbRepeatDef *r = g_ptr_array_index(form->repeats, i);
        if (strcmp(r->path, path) == 0)
            return r;
    }
    return NULL;
}
