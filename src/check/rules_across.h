/* The rules that span projects (001 二（二）): each unit leads or joins at most 3
 * projects; a unit in two or more consortia of one category (重点产品 or 典型场景) makes
 * all of those applications invalid; and a project is submitted once.
 *
 * They run over projects from anywhere: the applications of a compile (each project its
 * own file and messages) or the rows of a hand-typed 推荐汇总表 (one file for all). */
#ifndef SB_RULES_ACROSS_H
#define SB_RULES_ACROSS_H

#include "rules_units.h"

/* 001 二（二）: 每个单位最多牵头或参与申报3个推广应用项目. */
#define MIIT_2025_MAX_PROJECTS 3

typedef struct {
    char *label_en, *label_zh;   /* how messages about other projects name it */
    const SbValue *at;           /* where a message about the whole project goes */
    char *name;                  /* the project's name as written, or NULL */
    char *product;               /* the product or scenario it puts to use, or NULL */
    const char *category;        /* "重点产品", "典型场景", or NULL when unknown */
    GPtrArray *units;            /* SbUnitMention*, as the project names them */
    SbDiagnostics *diags;        /* where its messages go (projects may share one) */
    guint errors;                /* messages the rules gave it */
} SbAcrossProject;

SbAcrossProject *sb_across_project_new(const char *label_en, const char *label_zh,
                                       const SbValue *at, SbDiagnostics *diags);
void sb_across_project_free(gpointer p);
/* Adds a unit; one without a name or code is left out. */
void sb_across_add_unit(SbAcrossProject *p, const SbValue *name, const SbValue *code,
                        SbUnitRole role);

typedef struct {
    gboolean limits;   /* the 001 limits on units (3 projects, one consortium per category) */
    gboolean once;     /* one message per finding, at its last project, rather than one for
                          every project it concerns (a summary's rows share one file) */
} SbAcrossRules;

/* Runs the rules over the projects, in their order. */
void sb_across_check(GPtrArray *projects, const SbAcrossRules *rules);

#endif
