/* Loading a form definition: parse, resolve XIncludes, validate against the RelaxNG
 * schema, then index the fields and repeats.  The XML tree is kept: binding walks it. */
#include "form.h"
#include "form_geometry.h"

#include "lists.h"
#include "xml_read.h"
#include <string.h>

const char *sb_form_attr(const SbForm *form, xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (!v)
        return NULL;
    const char *s = g_string_chunk_insert_const(form->strings, (const char *)v);
    xmlFree(v);
    return s;
}

static gboolean is_element(xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int attr_int(const SbForm *form, xmlNode *node, const char *name, int fallback)
{
    const char *v = sb_form_attr(form, node, name);
    return v ? atoi(v) : fallback;
}

static const char *const type_names[] = {
    [SB_FIELD_TEXT] = "text", [SB_FIELD_DATE] = "date", [SB_FIELD_YEAR_MONTH] = "year-month",
    [SB_FIELD_YEAR] = "year", [SB_FIELD_INTEGER] = "integer", [SB_FIELD_DECIMAL] = "decimal",
    [SB_FIELD_PERCENT] = "percent", [SB_FIELD_MONEY] = "money", [SB_FIELD_PHONE] = "phone",
    [SB_FIELD_EMAIL] = "email", [SB_FIELD_POSTCODE] = "postcode", [SB_FIELD_IDCARD] = "idcard",
    [SB_FIELD_USCC] = "uscc", [SB_FIELD_ORGCODE] = "orgcode", [SB_FIELD_CHOICE] = "choice",
    [SB_FIELD_SET] = "set",
};

const char *sb_field_type_name(SbFieldType type)
{
    return type_names[type];
}

SbFieldType sb_field_type_of(const char *name)
{
    for (guint i = 0; i < G_N_ELEMENTS(type_names); i++)
        if (name && strcmp(type_names[i], name) == 0)
            return (SbFieldType)i;
    return SB_FIELD_TEXT;
}

/* Where indexing is: the path prefix of the enclosing repeats and groups
 * ("participants[].contact."), the innermost repeat, and the part of the form the
 * document order has reached (one for the whole walk). */
typedef struct {
    const char *prefix;
    SbRepeatDef *repeat;
    const char **section;   /* the page's title, the part (or NULL), the part of it (or NULL) */
} Scope;

static char *full_path(SbForm *form, const Scope *scope, const char *path)
{
    char *joined = g_strconcat(scope->prefix, path, NULL);
    char *s = g_string_chunk_insert_const(form->strings, joined);
    g_free(joined);
    return s;
}

static void add_options(SbForm *form, SbFieldDef *f, xmlNode *node)
{
    for (xmlNode *c = node->children; c; c = c->next) {
        if (!is_element(c, "option"))
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        g_ptr_array_add(f->options, g_string_chunk_insert_const(form->strings, (char *)t));
        xmlFree(t);
    }
}

/* A form with required="all" needs every field filled but those marked
 * required="false"; otherwise only those marked required="true". */
static gboolean is_required(const SbForm *form, xmlNode *node)
{
    const char *v = sb_form_attr(form, node, "required");
    if (v == NULL)
        return form->all_required;
    return strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

static void index_field(SbForm *form, xmlNode *node, const Scope *scope)
{
    SbFieldDef *f = g_new0(SbFieldDef, 1);
    const char *path = sb_form_attr(form, node, "path");
    f->path = full_path(form, scope, path);
    const char *dot = strrchr(path, '.');
    f->key = g_string_chunk_insert_const(form->strings, dot ? dot + 1 : path);
    f->label = (char *)sb_form_attr(form, node, "label");
    f->options = g_ptr_array_new();
    add_options(form, f, node);
    if (is_element(node, "checks")) {
        const char *t = sb_form_attr(form, node, "type");
        f->type = t && strcmp(t, "many") == 0 ? SB_FIELD_SET : SB_FIELD_CHOICE;
    } else {
        f->type = sb_field_type_of(sb_form_attr(form, node, "type"));
        if (f->options->len > 0 || sb_form_attr(form, node, "list"))
            f->type = SB_FIELD_CHOICE;
    }
    f->max_chars = attr_int(form, node, "max", 0);
    f->advised_chars = attr_int(form, node, "advise", 0);
    const char *v;
    if ((v = sb_form_attr(form, node, "min-value")))
        f->has_min = TRUE, f->min_value = g_ascii_strtod(v, NULL);
    if ((v = sb_form_attr(form, node, "max-value")))
        f->has_max = TRUE, f->max_value = g_ascii_strtod(v, NULL);
    f->required = is_required(form, node);
    f->page = (char *)scope->section[0];
    f->section = (char *)(scope->section[1] ? scope->section[1] : scope->section[0]);
    f->subsection = (char *)scope->section[2];
    f->placeholder = (char *)sb_form_attr(form, node, "placeholder");
    f->list = (char *)sb_form_attr(form, node, "list");
    f->repeat = scope->repeat;
    f->node = node;
    g_ptr_array_add(form->fields, f);
    g_hash_table_insert(form->by_path, f->path, f);
}

/* A checkbox group's "other" attribute names a text field for what "其他" means. */
static void index_other(SbForm *form, xmlNode *node, const Scope *scope)
{
    SbFieldDef *f = g_new0(SbFieldDef, 1);
    const char *path = sb_form_attr(form, node, "other");
    f->path = full_path(form, scope, path);
    const char *dot = strrchr(path, '.');
    f->key = g_string_chunk_insert_const(form->strings, dot ? dot + 1 : path);
    char *label = g_strconcat(sb_form_attr(form, node, "label"), "（其他）", NULL);
    f->label = g_string_chunk_insert_const(form->strings, label);
    g_free(label);
    f->options = g_ptr_array_new();
    f->type = SB_FIELD_TEXT;
    f->repeat = scope->repeat;
    f->node = node;
    g_ptr_array_add(form->fields, f);
    g_hash_table_insert(form->by_path, f->path, f);
}

static SbRepeatDef *index_repeat(SbForm *form, xmlNode *node, const Scope *scope)
{
    SbRepeatDef *r = g_new0(SbRepeatDef, 1);
    r->path = full_path(form, scope, sb_form_attr(form, node, "path"));
    r->label = (char *)sb_form_attr(form, node, "label");
    r->min = attr_int(form, node, "min", 0);
    r->max = attr_int(form, node, "max", 0);
    r->blank = attr_int(form, node, "blank", 1);
    r->parent = scope->repeat;
    r->node = node;
    g_ptr_array_add(form->repeats, r);
    return r;
}

/* The element's text without any white space (the XML's indentation). */
static const char *element_text(SbForm *form, xmlNode *node)
{
    xmlChar *t = xmlNodeGetContent(node);
    GString *s = g_string_new(NULL);
    for (const char *p = (const char *)t; *p; p = g_utf8_next_char(p))
        if (!g_unichar_isspace(g_utf8_get_char(p)))
            g_string_append_unichar(s, g_utf8_get_char(p));
    xmlFree(t);
    const char *text = g_string_chunk_insert_const(form->strings, s->str);
    g_string_free(s, TRUE);
    return text;
}

/* The text after a Chinese number at p (一二三…), or NULL when p holds none. */
static const char *after_number(const char *p)
{
    const char *start = p;
    while (*p && g_utf8_strchr("一二三四五六七八九十", -1, g_utf8_get_char(p)))
        p = g_utf8_next_char(p);
    return p != start ? p : NULL;
}

/* 1 for a part's heading "一、…", 2 for a subpart's "（一）…", else 0. */
static int heading_level(const char *text)
{
    const char *p = after_number(text);
    if (p && g_str_has_prefix(p, "、"))
        return 1;
    p = g_str_has_prefix(text, "（") ? after_number(text + strlen("（")) : NULL;
    return p && g_str_has_prefix(p, "）") ? 2 : 0;
}

/* The text of a table row of one cell, or NULL. */
static const char *single_cell_text(SbForm *form, xmlNode *row)
{
    xmlNode *cell = NULL;
    for (xmlNode *c = row->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (cell || !is_element(c, "cell"))
            return NULL;
        cell = c;
    }
    return cell ? element_text(form, cell) : NULL;
}

/* The parts the form's own headings make: a page's title, a heading, a numbered row
 * across a table (一、单位情况, （一）牵头医疗装备生产企业).  Missing fields are reported
 * by part, and the JSON Schema names its objects after them. */
static void note_section(SbForm *form, xmlNode *n, const Scope *scope)
{
    const char **part = scope->section;
    if (is_element(n, "title")) {
        part[0] = element_text(form, n);
        part[1] = part[2] = NULL;
        return;
    }
    const char *text = NULL;
    int level = 0;
    if (is_element(n, "heading"))
        level = attr_int(form, n, "level", 0), text = element_text(form, n);
    else if (is_element(n, "row") && (text = single_cell_text(form, n)))
        level = heading_level(text);
    if (level == 1)
        part[1] = text, part[2] = NULL;
    else if (level == 2)
        part[2] = text;
}

static void index_node(SbForm *form, xmlNode *node, const Scope *scope)
{
    for (xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        note_section(form, n, scope);
        if (is_element(n, "field") || is_element(n, "checks")) {
            index_field(form, n, scope);
            if (is_element(n, "checks") && xmlHasProp(n, (const xmlChar *)"other"))
                index_other(form, n, scope);
        } else if (is_element(n, "repeat")) {
            SbRepeatDef *r = index_repeat(form, n, scope);
            char *prefix = g_strconcat(r->path, "[].", NULL);
            Scope inner = {g_string_chunk_insert_const(form->strings, prefix), r, scope->section};
            g_free(prefix);
            index_node(form, n->children, &inner);
        } else if (is_element(n, "group")) {
            char *prefix = g_strconcat(scope->prefix, sb_form_attr(form, n, "path"), ".", NULL);
            Scope inner = {g_string_chunk_insert_const(form->strings, prefix), scope->repeat, scope->section};
            g_free(prefix);
            index_node(form, n->children, &inner);
        } else {
            index_node(form, n->children, scope);
        }
    }
}

/* Two fields may not claim one path: the data could not say which it fills. */
static gboolean check_unique_paths(SbForm *form, GString *errors)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < form->fields->len; i++) {
        SbFieldDef *f = form->fields->pdata[i];
        SbFieldDef *other = g_hash_table_lookup(seen, f->path);
        if (other)
            g_string_append_printf(errors, "%s:%ld: the path '%s' is used twice (first at line %ld)\n",
                                   form->file, xmlGetLineNo(f->node), f->path, xmlGetLineNo(other->node));
        g_hash_table_insert(seen, f->path, f);
    }
    g_hash_table_destroy(seen);
    return errors->len == 0;
}

/* The item names of one list, kept in the form's string chunk. */
static GPtrArray *read_list(SbForm *form, const char *list_rng, const char *id, const SbFieldDef *f,
                            GString *errors)
{
    char *file = sb_list_file((const char *const *)form->list_dirs, id);
    if (!file) {
        char *where = g_strjoinv("/lists, ", form->list_dirs);
        g_string_append_printf(errors, "%s:%ld: no reference list '%s' in %s/lists\n", form->file,
                               xmlGetLineNo(f->node), id, where);
        g_free(where);
        return NULL;
    }
    GError *error = NULL;
    SbList *list = sb_list_load(file, list_rng, &error);
    g_free(file);
    if (!list) {
        g_string_append_printf(errors, "%s\n", error->message);
        g_error_free(error);
        return NULL;
    }
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < list->items->len; i++) {
        SbListItem *it = list->items->pdata[i];
        g_ptr_array_add(names, g_string_chunk_insert_const(form->strings, it->name));
    }
    g_hash_table_insert(form->lists, g_strdup(id), names);
    g_hash_table_insert(form->list_titles, g_strdup(id),
                        g_strdup(list->info.title ? list->info.title : id));
    sb_list_free(list);
    return names;
}

static void free_field(gpointer p)
{
    SbFieldDef *f = p;
    g_ptr_array_unref(f->options);
    g_free(f);
}

static SbForm *form_new(const char *file)
{
    SbForm *form = g_new0(SbForm, 1);
    form->strings = g_string_chunk_new(4096);
    form->file = g_strdup(file);
    form->fields = g_ptr_array_new_with_free_func(free_field);
    form->repeats = g_ptr_array_new_with_free_func(g_free);
    form->by_path = g_hash_table_new(g_str_hash, g_str_equal);
    form->lists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
    form->list_titles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return form;
}

/* Every reference list a field names is loaded once; the field's options are the names
 * of all its lists' items, and form->lists maps both each list id and the field's whole
 * list attribute to those names. */
static gboolean load_lists(SbForm *form, const char *rng_file, GString *errors)
{
    char *templates = g_path_get_dirname(rng_file);
    char *list_rng = g_build_filename(templates, "list.rng", NULL);   /* the schema's own */
    for (guint i = 0; i < form->fields->len; i++) {
        SbFieldDef *f = form->fields->pdata[i];
        if (!f->list)
            continue;
        GPtrArray *all = g_ptr_array_new();
        char **ids = g_strsplit(f->list, " ", -1);
        for (int k = 0; ids[k]; k++) {
            if (!*ids[k])
                continue;
            GPtrArray *names = g_hash_table_lookup(form->lists, ids[k]);
            if (!names && !(names = read_list(form, list_rng, ids[k], f, errors)))
                continue;
            for (guint j = 0; j < names->len; j++)
                g_ptr_array_add(all, names->pdata[j]);
        }
        g_strfreev(ids);
        for (guint j = 0; j < all->len; j++)
            g_ptr_array_add(f->options, all->pdata[j]);
        g_hash_table_replace(form->lists, g_strdup(f->list), all);
    }
    g_free(list_rng);
    g_free(templates);
    return errors->len == 0;
}

SbForm *sb_form_load(const char *file, const char *rng_file, GError **error)
{
    char *templates = g_path_get_dirname(rng_file);
    const char *const dirs[] = {templates, NULL};
    SbForm *form = sb_form_load_layered(file, rng_file, dirs, error);
    g_free(templates);
    return form;
}

SbForm *sb_form_load_layered(const char *file, const char *rng_file, const char *const *list_dirs,
                             GError **error)
{
    GString *errors = g_string_new(NULL);
    xmlDoc *doc = sb_xml_read_valid(file, rng_file, errors);
    SbForm *form = NULL;
    if (doc) {
        form = form_new(file);
        form->doc = doc;
        form->list_dirs = g_strdupv((char **)list_dirs);
        xmlNode *root = xmlDocGetRootElement(doc);
        form->info.id = sb_form_attr(form, root, "id");
        form->info.edition = sb_form_attr(form, root, "edition");
        form->info.title = sb_form_attr(form, root, "title");
        form->info.source = sb_form_attr(form, root, "source");
        form->all_required = g_strcmp0(sb_form_attr(form, root, "required"), "all") == 0;
        const char *section[3] = {form->info.title, NULL, NULL};
        Scope top = {"", NULL, section};
        index_node(form, root->children, &top);
        if (!sb_form_check_geometry(file, doc, errors) || !check_unique_paths(form, errors)
            || !load_lists(form, rng_file, errors)) {
            sb_form_free(form);
            form = NULL;
        }
    }
    if (!form)
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_FORM, "%s", g_strchomp(errors->str));
    g_string_free(errors, TRUE);
    return form;
}

void sb_form_free(SbForm *form)
{
    if (!form)
        return;
    xmlFreeDoc(form->doc);
    g_ptr_array_unref(form->fields);
    g_ptr_array_unref(form->repeats);
    g_hash_table_destroy(form->by_path);
    g_hash_table_destroy(form->lists);
    g_hash_table_destroy(form->list_titles);
    g_string_chunk_free(form->strings);
    g_strfreev(form->list_dirs);
    g_free(form->file);
    g_free(form);
}

char *sb_form_lists_title(const SbForm *form, const char *list_attr)
{
    GString *s = g_string_new(NULL);
    char **ids = g_strsplit(list_attr ? list_attr : "", " ", -1);
    for (guint i = 0; ids[i]; i++) {
        const char *title = form && form->list_titles ? g_hash_table_lookup(form->list_titles, ids[i]) : NULL;
        if (*ids[i])
            g_string_append_printf(s, "《%s》", title ? title : ids[i]);
    }
    g_strfreev(ids);
    return g_string_free(s, FALSE);
}

const SbFieldDef *sb_form_field(const SbForm *form, const char *full_path)
{
    return g_hash_table_lookup(form->by_path, full_path);
}

const SbFormInfo *sb_form_info(const SbForm *form)
{
    return &form->info;
}
