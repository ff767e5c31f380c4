/* What the 2025 审查表 and 汇总表 rules share: the units a text names. */
#ifndef SB_RULES_UNITS_H
#define SB_RULES_UNITS_H

#include "check_internal.h"

/* 001 二（一）: a consortium has at most 15 units, the two leads included. */
#define MIIT_2025_MAX_UNITS 15

/* A unit's name as a key: without white space, so that "江东省 人民医院" and
 * "江东省人民医院" are one unit. */
char *sb_unit_key(const char *name);
gboolean sb_has_unit(const GPtrArray *units, const char *key);
/* The units a 参与单位 text names, separated by 、，； or line breaks: their keys, in
 * order, each once. */
GPtrArray *sb_units_of(const SbValue *v);
/* The keys of a that b lacks, joined with 、 (NULL when there are none). */
char *sb_units_missing(const GPtrArray *a, const GPtrArray *b);
/* "1、4、5" (or "1, 4, 5"): 1-based numbers. */
char *sb_join_numbers(const GArray *numbers, const char *sep);

#endif
