/* Reference lists (templates/lists/<id>.xml): the items a choice field may take. */
#ifndef SB_LISTS_H
#define SB_LISTS_H

#include "shenbao/shenbao.h"

typedef struct {
    char *name;    /* the value a field takes: 光子计数探测器CT */
    char *group;   /* 诊断检验类, or NULL */
    char *text;    /* 指标要求, or "" */
} SbListItem;

typedef struct {
    SbListInfo info;
    GPtrArray *items;   /* SbListItem* */
} SbList;

/* Loads and validates a list against templates/list.rng; errors name file:line. */
SbList *sb_list_load(const char *file, const char *rng_file, GError **error);
void sb_list_free(SbList *list);

/* The list file of an id in the first of the templates folders whose lists/ has it, or
 * NULL when none has. */
char *sb_list_file(const char *const *templates_dirs, const char *id);

#endif
