/* Checking data against its form: the whole run.
 *
 * The walk of the data along the form's shape (check_shape.c) reports unknown keys,
 * values of the wrong kind, list counts, missing required fields, and each field's type
 * and limits (check_field.c).  Then the documents' own rules (check_rules.c) run per form
 * id, and the messages are put in the order of the data. */
#include "check_internal.h"

#include "data.h"

static gint by_position(gconstpointer a, gconstpointer b)
{
    const SbDiagnostic *x = *(SbDiagnostic *const *) a, *y = *(SbDiagnostic *const *) b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* The messages from `first` on, in the order of the data (stable, so messages about one
 * spot keep the order they were found in). */
static void sort_from(SbDiagnostics *diags, guint first)
{
    guint n = diags->items->len - first;
    if (n < 2)
        return;
    GPtrArray *tail = g_ptr_array_sized_new(n);
    for (guint i = first; i < diags->items->len; i++)
        g_ptr_array_add(tail, g_ptr_array_index(diags->items, i));
    g_ptr_array_sort(tail, by_position);
    for (guint i = 0; i < n; i++)
        g_ptr_array_index(diags->items, first + i) = g_ptr_array_index(tail, i);
    g_ptr_array_free(tail, TRUE);
}

gboolean sb_check(const SbForm *form, const SbData *data, SbDiagnostics *diags)
{
    g_return_val_if_fail(form != NULL && data != NULL && diags != NULL, FALSE);
    sb_diag_set_file(diags, data->file);
    guint first = diags->items->len;
    guint errors = sb_diagnostics_count(diags, SB_ERROR);
    sb_check_walk(form, data->root, diags, TRUE);
    sb_check_rules(form, data->root, diags);
    sort_from(diags, first);
    sb_diag_locate(diags, first, data->file, data->root);
    return sb_diagnostics_count(diags, SB_ERROR) == errors;
}
