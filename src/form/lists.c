/* Reference lists: loading templates/lists/<id>.xml. */
#include "lists.h"
#include "xml_read.h"

#include <string.h>

static char *attr(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static void free_item(gpointer p)
{
    SbListItem *it = p;
    g_free(it->name);
    g_free(it->group);
    g_free(it->text);
    g_free(it);
}

static SbListItem *read_item(xmlNode *n)
{
    SbListItem *it = g_new0(SbListItem, 1);
    it->name = attr(n, "name");
    it->group = attr(n, "group");
    xmlChar *text = xmlNodeGetContent(n);
    it->text = g_strstrip(g_strdup((const char *)text));
    xmlFree(text);
    return it;
}

SbList *sb_list_load(const char *file, const char *rng_file, GError **error)
{
    GString *errors = g_string_new(NULL);
    xmlDoc *doc = sb_xml_read_valid(file, rng_file, errors);
    if (!doc) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_FORM, "%s", g_strchomp(errors->str));
        g_string_free(errors, TRUE);
        return NULL;
    }
    g_string_free(errors, TRUE);
    xmlNode *root = xmlDocGetRootElement(doc);
    SbList *list = g_new0(SbList, 1);
    list->info.id = attr(root, "id");
    list->info.title = attr(root, "title");
    list->info.source = attr(root, "source");
    list->items = g_ptr_array_new_with_free_func(free_item);
    for (xmlNode *n = root->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "item") == 0)
            g_ptr_array_add(list->items, read_item(n));
    list->info.size = list->items->len;
    xmlFreeDoc(doc);
    return list;
}

void sb_list_free(SbList *list)
{
    if (!list)
        return;
    g_free((char *)list->info.id);
    g_free((char *)list->info.title);
    g_free((char *)list->info.source);
    g_ptr_array_unref(list->items);
    g_free(list);
}

char *sb_list_file(const char *const *templates_dirs, const char *id)
{
    char *name = g_strconcat(id, ".xml", NULL);
    char *found = NULL;
    for (guint i = 0; templates_dirs[i] && !found; i++) {
        char *file = g_build_filename(templates_dirs[i], "lists", name, NULL);
        if (g_file_test(file, G_FILE_TEST_IS_REGULAR))
            found = file;
        else
            g_free(file);
    }
    g_free(name);
    return found;
}
