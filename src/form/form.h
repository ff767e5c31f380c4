/* A loaded form definition: the validated XML tree of templates/<edition>/<id>.xml plus
 * an index of its fields and repeats, which is the schema of the form's data. */
#ifndef SB_FORM_H
#define SB_FORM_H

#include <libxml/tree.h>
#include "shenbao/shenbao.h"

typedef enum {
    SB_FIELD_TEXT, SB_FIELD_DATE, SB_FIELD_YEAR_MONTH, SB_FIELD_YEAR,
    SB_FIELD_INTEGER, SB_FIELD_DECIMAL, SB_FIELD_PERCENT, SB_FIELD_MONEY,
    SB_FIELD_PHONE, SB_FIELD_EMAIL, SB_FIELD_POSTCODE,
    SB_FIELD_IDCARD, SB_FIELD_USCC, SB_FIELD_ORGCODE,
    SB_FIELD_CHOICE,     /* one of options (a <field> with <option>s or a list=, or <checks type="one">) */
    SB_FIELD_SET,        /* any of options (<checks type="many">): a list of strings */
} SbFieldType;

typedef struct SbRepeatDef SbRepeatDef;

typedef struct {
    char *path;          /* full path, repeats marked with []: "participants[].name" */
    char *key;           /* the last key: "name" */
    char *label;         /* Chinese label: 单位名称 */
    SbFieldType type;
    int max_chars;       /* hard limit, 0 = none */
    int advised_chars;   /* printed limit (500字以内), 0 = none */
    gboolean has_min, has_max;
    double min_value, max_value;
    gboolean required;
    char *page;          /* the title of its page */
    char *section;       /* the part of the form it is in: 一、单位情况, or the page's title */
    char *subsection;    /* and the part of that: （一）牵头医疗装备生产企业, or NULL */
    char *placeholder;   /* may be NULL */
    char *list;          /* reference list id, may be NULL */
    GPtrArray *options;  /* char*: allowed values of a choice or set; empty otherwise */
    SbRepeatDef *repeat; /* innermost enclosing repeat, or NULL */
    xmlNode *node;       /* the <field> or <checks> element */
} SbFieldDef;

struct SbRepeatDef {
    char *path;          /* full path of the list: "participants" or "a[].b" */
    char *label;
    int min, max;        /* max 0 = unbounded */
    int blank;           /* items shown in a blank form */
    SbRepeatDef *parent;
    xmlNode *node;
};

struct SbForm {
    SbFormInfo info;     /* strings owned by doc/strings below */
    char *file;          /* the definition's path */
    xmlDoc *doc;         /* XIncludes resolved, validated */
    GPtrArray *fields;   /* SbFieldDef*, in document order */
    GPtrArray *repeats;  /* SbRepeatDef*, in document order */
    GHashTable *by_path; /* full path -> SbFieldDef* */
    gboolean all_required; /* <form required="all">: fields are required unless they say not */
    GHashTable *lists;   /* list id -> GPtrArray* of char* entries (shared reference lists) */
    GHashTable *list_titles; /* list id -> its title (2025年重点产品清单) */
    char **list_dirs;    /* the templates folders its lists are looked up in, first wins */
    GStringChunk *strings;
};

/* Loads and validates a definition against templates/form.rng.  Errors name file:line.
 * Its reference lists are read from the lists folder beside the schema. */
SbForm *sb_form_load(const char *file, const char *rng_file, GError **error);
/* The same, with its lists looked up in list_dirs/lists (templates folders, the first
 * that has a list wins): a catalog's layers. */
SbForm *sb_form_load_layered(const char *file, const char *rng_file, const char *const *list_dirs,
                             GError **error);
void sb_form_free(SbForm *form);

const SbFieldDef *sb_form_field(const SbForm *form, const char *full_path);
const char *sb_field_type_name(SbFieldType type);  /* "text", "idcard", … */
SbFieldType sb_field_type_of(const char *name);    /* the reverse; text for an unknown name */

/* The titles of the lists a list= attribute names, as people cite them:
 * 《2025年重点产品清单》《2025年典型场景清单》.  Free it. */
char *sb_form_lists_title(const SbForm *form, const char *list_attr);

/* The element's attribute as a string, or NULL (owned by the form's string chunk). */
const char *sb_form_attr(const SbForm *form, xmlNode *node, const char *name);

#endif
