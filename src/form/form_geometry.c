/* The geometry of a form's tables, checked when the form is loaded: every row's cells,
 * with the columns that row spans from above keep busy, fill the table's columns exactly,
 * and no cell reaches past the last one.  Binding and every writer place cells on that
 * grid by index, so a definition that breaks it must never get that far.
 *
 * The check lays each table out the way binding does, without any data: every repeat as a
 * blank form shows it (no item for blank="0"), then with one item and with two (so that
 * rowspan="all" and "item", and spans that run from one item into the next, are seen as
 * data makes them). */
#include "form_geometry.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 64        /* no official form comes near; keeps the grid small */
#define MAX_ROWSPAN 10000     /* a written-out span, as opposed to "all" or "item" */

typedef struct {
    const char *file;
    GString *errors;
    int n_cols;
    int *busy;                /* per column: rows still covered by a span from above */
    gboolean *rest;           /* per column: covered by a rowspan="rest" span */
    int items;                /* items every repeat shows in this pass */
} Grid;

typedef struct {
    int span;                 /* rows the enclosing repeat makes (rowspan="all") */
    int item_span;            /* rows the current item makes (rowspan="item") */
    int index;                /* the current item */
} Scope;

static gboolean is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *) n->name, name) == 0;
}

/* "file:line: " for a node, with the file it came from when it was included. */
static void locate(const Grid *g, const xmlNode *n)
{
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    const char *file = base ? (const char *) base : g->file;
    if (g_str_has_prefix(file, "file://"))
        file += strlen("file://");
    g_string_append_printf(g->errors, "%s:%ld: ", file, xmlGetLineNo(n));
    xmlFree(base);
}

/* Items a repeat shows in this pass, as bind.c counts them: pass 0 is a blank form's
 * first item (none for blank="0"), passes 1 and 2 that many items of data (never more
 * than the repeat's max, which checking holds data to). */
static int repeat_items(const Grid *g, xmlNode *el)
{
    xmlChar *blank = xmlGetProp(el, (const xmlChar *) "blank"), *max = xmlGetProp(el, (const xmlChar *) "max");
    int n = g->items;
    if (n == 0)
        n = blank && atoi((const char *) blank) == 0 ? 0 : 1;
    if (max && atoi((const char *) max) > 0 && atoi((const char *) max) < n)
        n = atoi((const char *) max);
    xmlFree(blank);
    xmlFree(max);
    return n;
}

/* Rows the children of parent make in this pass, as bind.c counts them. */
static int rows_in(const Grid *g, xmlNode *parent)
{
    int n = 0;
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (is_element(c, "row"))
            n++;
        else if (is_element(c, "repeat"))
            n += repeat_items(g, c) * rows_in(g, c);
        else if (is_element(c, "group"))
            n += rows_in(g, c);
    }
    return n;
}

/* A cell's row span in this pass, or 0 (after saying why) for one shenbao cannot use. */
static int cell_rowspan(Grid *g, xmlNode *cell, const Scope *s)
{
    xmlChar *v = xmlGetProp(cell, (const xmlChar *) "rowspan");
    int span = 1;
    if (v && strcmp((const char *) v, "all") == 0)
        span = MAX(s ? s->span : 1, 1);
    else if (v && strcmp((const char *) v, "item") == 0)
        span = MAX(s ? s->item_span : 1, 1);
    else if (v && strcmp((const char *) v, "rest") == 0)
        span = MAX_ROWSPAN;   /* to the table's end, however many rows it makes */
    else if (v) {
        char *end = NULL;
        long n = strtol((const char *) v, &end, 10);
        span = n >= 1 && n <= MAX_ROWSPAN && end && !*end ? (int) n : 0;
        if (!span) {
            locate(g, cell);
            g_string_append_printf(g->errors, "rowspan '%s' is not a number of rows from 1 to %d\n",
                                   (const char *) v, MAX_ROWSPAN);
        }
    }
    xmlFree(v);
    return span;
}

static int cell_colspan(Grid *g, xmlNode *cell)
{
    xmlChar *v = xmlGetProp(cell, (const xmlChar *) "colspan");
    char *end = NULL;
    long n = v ? strtol((const char *) v, &end, 10) : 1;
    gboolean bad = n < 1 || n > g->n_cols || (v && *end);
    if (bad) {
        locate(g, cell);
        g_string_append_printf(g->errors, "colspan '%s' is more than the table's %d columns\n",
                               (const char *) v, g->n_cols);
    }
    xmlFree(v);
    return bad ? 0 : (int) n;
}

/* A rowspan="all" cell is bound with the repeat's first item only. */
static gboolean skipped(xmlNode *cell, const Scope *s)
{
    xmlChar *v = xmlGetProp(cell, (const xmlChar *) "rowspan");
    gboolean later = v && strcmp((const char *) v, "all") == 0 && s && s->index > 0;
    xmlFree(v);
    return later;
}

/* A row whose first cell spans every column (a 注 across the table) ends the rowspan="rest"
 * spans above it, as binding does. */
static void end_rest_spans(Grid *g, xmlNode *row)
{
    for (xmlNode *c = row->children; c; c = c->next) {
        if (!is_element(c, "cell"))
            continue;
        xmlChar *v = xmlGetProp(c, (const xmlChar *) "colspan");
        gboolean across = v && atoi((const char *) v) >= g->n_cols;
        xmlFree(v);
        for (int i = 0; across && i < g->n_cols; i++)
            if (g->rest[i])
                g->busy[i] = 0, g->rest[i] = FALSE;
        return;
    }
}

static gboolean is_rest(xmlNode *cell)
{
    xmlChar *v = xmlGetProp(cell, (const xmlChar *) "rowspan");
    gboolean rest = v && strcmp((const char *) v, "rest") == 0;
    xmlFree(v);
    return rest;
}

/* Places one row's cells; FALSE after the first fault, which is enough to fix. */
static gboolean place_row(Grid *g, xmlNode *row, const Scope *s)
{
    int col = 0;
    gboolean ok = TRUE;
    end_rest_spans(g, row);
    for (xmlNode *c = row->children; c && ok; c = c->next) {
        if (!is_element(c, "cell") || skipped(c, s))
            continue;
        int colspan = cell_colspan(g, c), rowspan = cell_rowspan(g, c, s);
        while (col < g->n_cols && g->busy[col] > 0)
            col++;
        ok = colspan > 0 && rowspan > 0;
        if (ok && col + colspan > g->n_cols) {
            locate(g, c);
            g_string_append_printf(g->errors, col >= g->n_cols
                                   ? "this cell has no column left: the row's cells and the spans from rows "
                                     "above fill the table's %d columns before it\n"
                                   : "this cell reaches past the table's %d columns\n", g->n_cols);
            ok = FALSE;
        }
        for (int i = 0; ok && i < colspan; i++)
            g->busy[col + i] = rowspan, g->rest[col + i] = is_rest(c);
        col += colspan;
    }
    while (ok && col < g->n_cols && g->busy[col] > 0)
        col++;
    if (ok && col < g->n_cols) {
        locate(g, row);
        g_string_append_printf(g->errors, "this row fills %d of the table's %d columns\n", col, g->n_cols);
        ok = FALSE;
    }
    for (int i = 0; i < g->n_cols; i++)
        if (g->busy[i] > 0)
            g->busy[i]--;
    return ok;
}

static gboolean place_rows(Grid *g, xmlNode *parent, const Scope *s);

static gboolean place_repeat(Grid *g, xmlNode *el)
{
    int items = repeat_items(g, el), per_item = rows_in(g, el);
    gboolean ok = TRUE;
    for (int i = 0; i < items && ok; i++) {
        Scope item = { items * per_item, per_item, i };
        ok = place_rows(g, el, &item);
    }
    return ok;
}

static gboolean place_rows(Grid *g, xmlNode *parent, const Scope *s)
{
    gboolean ok = TRUE;
    for (xmlNode *c = parent->children; c && ok; c = c->next) {
        if (is_element(c, "row"))
            ok = place_row(g, c, s);
        else if (is_element(c, "repeat"))
            ok = place_repeat(g, c);
        else if (is_element(c, "group"))
            ok = place_rows(g, c, s);
    }
    return ok;
}

/* The table's column count from its widths, or 0 after saying why. */
static int table_columns(Grid *g, xmlNode *table)
{
    xmlChar *v = xmlGetProp(table, (const xmlChar *) "widths");
    char **parts = g_strsplit_set(v ? (const char *) v : "", " \t\r\n", -1);
    int n = 0;
    gboolean ok = TRUE;
    for (int i = 0; parts[i] && ok; i++) {
        if (!*parts[i])
            continue;
        double mm = g_ascii_strtod(parts[i], NULL);
        ok = mm > 0 && mm < 1000 && ++n <= MAX_COLUMNS;
    }
    if (!ok || n == 0) {
        locate(g, table);
        g_string_append_printf(g->errors, "a table needs 1 to %d column widths, each more than 0 mm\n",
                               MAX_COLUMNS);
        n = 0;
    }
    g_strfreev(parts);
    xmlFree(v);
    return n;
}

static void check_table(const char *file, xmlNode *table, GString *errors)
{
    Grid g = { file, errors, 0, NULL, NULL, 0 };
    g.n_cols = table_columns(&g, table);
    if (!g.n_cols)
        return;
    g.busy = g_new0(int, g.n_cols);
    g.rest = g_new0(gboolean, g.n_cols);
    gboolean ok = TRUE;
    for (g.items = 0; g.items <= 2 && ok; g.items++) {
        memset(g.busy, 0, sizeof(int) * (gsize) g.n_cols);
        memset(g.rest, 0, sizeof(gboolean) * (gsize) g.n_cols);
        ok = place_rows(&g, table, NULL);
    }
    g_free(g.busy);
    g_free(g.rest);
}

static void check_tree(const char *file, xmlNode *n, GString *errors)
{
    for (; n; n = n->next) {
        if (is_element(n, "table"))
            check_table(file, n, errors);
        else if (n->type == XML_ELEMENT_NODE)
            check_tree(file, n->children, errors);
    }
}

gboolean sb_form_check_geometry(const char *file, xmlDoc *doc, GString *errors)
{
    gsize before = errors->len;
    check_tree(file, xmlDocGetRootElement(doc), errors);
    return errors->len == before;
}
