/* The units of a consortium as the 2025 rules compare them: one unit is one legal person,
 * however its name is typed.  The 审查表, the 汇总表 and the rules across applications
 * (rules_across.c) share these. */
#ifndef SB_RULES_UNITS_H
#define SB_RULES_UNITS_H

#include "check_internal.h"

/* 001 二（一）: a consortium has at most 15 units, the two leads included. */
#define MIIT_2025_MAX_UNITS 15

/* A unit's name as a key: the same for names that differ only in the width of their
 * characters (ＡＢＣ, （）), in the kind of their brackets (【】〔〕[]), in white space,
 * or in the case of Latin letters — so "江东大学（医学院）" and "江东大学 (医学院)" are one
 * unit. */
char *sb_unit_key(const char *name);
/* The 9-character organisation code (主体标识码) in a 统一社会信用代码 (characters 9 to 17)
 * or a 组织机构代码 ("46600123-2"), upper case without the hyphen; NULL for a text that is
 * neither shape.  The same legal person has the same one in both. */
char *sb_unit_code_key(const char *code);

/* The units a 参与单位 text names, separated by 、，；,; or line breaks: their names as
 * written (trimmed), in order, each unit once. */
GPtrArray *sb_units_of(const SbValue *v);
/* TRUE when one of the names is the unit `name` (compared by sb_unit_key). */
gboolean sb_has_unit(const GPtrArray *names, const char *name);
/* The names of a whose unit b lacks, joined with 、 (NULL when there are none). */
char *sb_units_missing(const GPtrArray *a, const GPtrArray *b);

/* ---- telling units apart across projects ---- */

typedef enum { SB_ROLE_LEAD_ENTERPRISE, SB_ROLE_LEAD_HOSPITAL, SB_ROLE_PARTICIPANT } SbUnitRole;

/* A unit as one project names it. */
typedef struct {
    char *name;          /* as written, may be NULL when only a code is given */
    char *code;          /* its 统一社会信用代码 or 组织机构代码 as written, or NULL */
    SbUnitRole role;
    const SbValue *at;   /* where the project names it */
    /* set by sb_units_identify */
    guint unit;          /* the unit it is: mentions with the same number are one unit */
    gboolean by_code;    /* it was matched through its code, not its name */
} SbUnitMention;

SbUnitMention *sb_unit_mention_new(const char *name, const char *code, SbUnitRole role,
                                   const SbValue *at);
void sb_unit_mention_free(gpointer p);

/* Numbers the units of the mentions: mentions whose codes name one organisation are one
 * unit; a mention without a code is the unit of the same name (sb_unit_key) — the unit
 * with a code when exactly one such unit has that name, else the unit of the other
 * mentions without a code of that name.  Returns how many units there are. */
guint sb_units_identify(GPtrArray *mentions);

#endif
