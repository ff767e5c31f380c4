/* The rules that span projects: units are told apart (rules_units.c), copies of one
 * project are found, then each unit's projects are counted, all and per category.  A
 * finding concerns several projects; each of them is told which rule, which unit, how
 * it was recognised and which other projects are involved. */
#include "rules_across.h"

#include <string.h>

SbAcrossProject *sb_across_project_new(const char *label_en, const char *label_zh,
                                       const SbValue *at, SbDiagnostics *diags)
{
    SbAcrossProject *p = g_new0(SbAcrossProject, 1);
    p->label_en = g_strdup(label_en);
    p->label_zh = g_strdup(label_zh);
    p->at = at;
    p->diags = diags;
    p->units = g_ptr_array_new_with_free_func(sb_unit_mention_free);
    return p;
}

void sb_across_project_free(gpointer data)
{
    SbAcrossProject *p = data;
    g_free(p->label_en);
    g_free(p->label_zh);
    g_free(p->name);
    g_free(p->product);
    g_ptr_array_unref(p->units);
    g_free(p);
}

static const char *filled(const SbValue *v)
{
    if (v == NULL || !sb_is_scalar(v) || v->text == NULL)
        return NULL;
    for (const char *s = v->text; *s; s = g_utf8_next_char(s))
        if (!g_unichar_isspace(g_utf8_get_char(s)))
            return v->text;
    return NULL;
}

void sb_across_add_unit(SbAcrossProject *p, const SbValue *name, const SbValue *code,
                        SbUnitRole role)
{
    const char *n = filled(name), *c = filled(code);
    if (n || c)
        g_ptr_array_add(p->units, sb_unit_mention_new(n, c, role, n ? name : code));
}

/* ---- one project submitted more than once ---- */

/* Copies of a project share a group: the index of the first of them. */
static guint group_of(const guint *group, guint i)
{
    while (group[i] != i)
        i = group[i];
    return i;
}

static void join(guint *group, guint a, guint b)
{
    a = group_of(group, a);
    b = group_of(group, b);
    group[MAX(a, b)] = MIN(a, b);
}

static const SbUnitMention *lead(const SbAcrossProject *p, SbUnitRole role)
{
    for (guint i = 0; i < p->units->len; i++) {
        const SbUnitMention *m = p->units->pdata[i];
        if (m->role == role)
            return m;
    }
    return NULL;
}

/* Its two leads and its product, when it names all three: two projects with the same
 * ones are one project under two names. */
static char *signature(const SbAcrossProject *p)
{
    const SbUnitMention *e = lead(p, SB_ROLE_LEAD_ENTERPRISE), *h = lead(p, SB_ROLE_LEAD_HOSPITAL);
    if (e == NULL || h == NULL || p->product == NULL)
        return NULL;
    char *product = sb_unit_key(p->product);
    char *s = g_strdup_printf("%u\x1f%u\x1f%s", e->unit, h->unit, product);
    g_free(product);
    return s;
}

/* Groups the projects by key (NULL keys stay apart): a project joins the first with its key. */
static void group_by(GPtrArray *projects, guint *group, char *(*key_of)(const SbAcrossProject *))
{
    GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < projects->len; i++) {
        char *key = key_of(projects->pdata[i]);
        gpointer had;
        if (key && g_hash_table_lookup_extended(first, key, NULL, &had))
            join(group, GPOINTER_TO_UINT(had), i);
        if (key && !g_hash_table_contains(first, key))
            g_hash_table_insert(first, key, GUINT_TO_POINTER(i));
        else
            g_free(key);
    }
    g_hash_table_destroy(first);
}

static char *name_key(const SbAcrossProject *p)
{
    return p->name ? sb_unit_key(p->name) : NULL;
}

/* ---- wording ---- */

/* The labels of the projects other than `self`, joined. */
static char *others(GPtrArray *members, const SbAcrossProject *self, gboolean zh)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < members->len; i++) {
        const SbAcrossProject *p = members->pdata[i];
        if (p != self)
            g_string_append_printf(s, "%s%s", s->len ? (zh ? "、" : ", ") : "",
                                   zh ? p->label_zh : p->label_en);
    }
    return g_string_free(s, FALSE);
}

/* How the mentions were recognised as one unit: by a code, by the name, or both. */
static void describe_identity(const GPtrArray *mentions, char **en, char **zh)
{
    const SbUnitMention *coded = NULL;
    guint named = 0;
    GPtrArray *spellings = g_ptr_array_new();
    for (guint i = 0; i < mentions->len; i++) {
        const SbUnitMention *m = mentions->pdata[i];
        if (m->by_code && !coded)
            coded = m;
        named += !m->by_code;
        if (m->name && !g_ptr_array_find_with_equal_func(spellings, m->name, g_str_equal, NULL))
            g_ptr_array_add(spellings, m->name);
    }
    char *code = coded ? sb_unit_code_key(coded->code) : NULL;
    g_ptr_array_add(spellings, NULL);
    char *written_en = g_strjoinv("', '", (char **) spellings->pdata);
    char *written_zh = g_strjoinv("”“", (char **) spellings->pdata);
    gboolean several = spellings->len > 2;
    if (code)
        *en = g_strdup_printf("one unit by its organisation code %.8s-%s%s", code, code + 8,
                              named ? ", and by its name where no code is given" : "");
    else
        *en = g_strdup("one unit by its name");
    *zh = code ? g_strdup_printf("按统一社会信用代码/组织机构代码（主体标识码 %.8s-%s）%s认定为同一单位",
                                 code, code + 8, named ? "及未填代码处的单位名称" : "")
               : g_strdup("按单位名称认定为同一单位");
    if (several) {
        char *e = *en, *z = *zh;
        *en = g_strdup_printf("%s, written '%s'", e, written_en);
        *zh = g_strdup_printf("%s，写法有“%s”", z, written_zh);
        g_free(e);
        g_free(z);
    }
    g_free(written_en);
    g_free(written_zh);
    g_free(code);
    g_ptr_array_unref(spellings);
}

/* ---- findings ---- */

typedef enum { FINDING_COPIES, FINDING_PROJECTS, FINDING_CATEGORY } FindingKind;

/* One breach of a rule: the projects it concerns, each with the place to tell it at. */
typedef struct {
    FindingKind kind;
    GPtrArray *members;    /* SbAcrossProject*, in order */
    GPtrArray *places;     /* SbUnitMention* (units) or NULL (copies), parallel */
    guint count;           /* distinct projects (copies of one count once) */
    const char *category;
    gboolean same_name;    /* copies: all share one name */
} Finding;

/* The copies of one project: each is told the others. */
static void word_copies(const Finding *f, const char *o_en, const char *o_zh, char **en, char **zh)
{
    *en = g_strdup_printf("this project is also submitted as %s (%s): a project is submitted once", o_en,
                          f->same_name ? "the same name" : "the same lead units and product");
    *zh = g_strdup_printf("本项目与%s为同一项目（%s），同一项目重复申报", o_zh,
                          f->same_name ? "项目名称相同" : "牵头单位及推广应用的产品或场景相同");
}

/* A unit in too many projects, or in two consortia of one category. */
static void word_unit(const Finding *f, const SbUnitMention *place, const char *o_en, const char *o_zh,
                      char **en, char **zh)
{
    char *id_en, *id_zh;
    describe_identity(f->places, &id_en, &id_zh);
    const char *unit = place->name ? place->name : place->code;
    if (f->kind == FINDING_PROJECTS) {
        *en = g_strdup_printf("the unit '%s' leads or joins %u projects: this one and %s; a unit may "
                              "lead or join at most %d (%s)", unit, f->count, o_en, MIIT_2025_MAX_PROJECTS,
                              id_en);
        *zh = g_strdup_printf("单位“%s”牵头或参与了 %u 个推广应用项目：本项目及%s，每个单位最多"
                              "牵头或参与申报 %d 个推广应用项目（%s）", unit, f->count, o_zh,
                              MIIT_2025_MAX_PROJECTS, id_zh);
    } else {
        gboolean key = strcmp(f->category, "重点产品") == 0;
        *en = g_strdup_printf("the unit '%s' is in %u consortia of one category (%s): this one and %s; a "
                              "unit in two or more consortia of one category makes all their applications "
                              "invalid (%s)", unit, f->count, key ? "key product" : "typical scenario", o_en,
                              id_en);
        *zh = g_strdup_printf("单位“%s”在同一类别（%s类）中参加了 %u 个联合体：本项目及%s，同一单位"
                              "在同一类别项目申报中参加2个及以上联合体的，相关申报均视为无效（%s）", unit,
                              f->category, f->count, o_zh, id_zh);
    }
    g_free(id_en);
    g_free(id_zh);
}

/* Tells one project of a finding, at its place (the whole project's for copies). */
static void say(const Finding *f, SbAcrossProject *self, const SbUnitMention *place)
{
    char *o_en = others(f->members, self, FALSE), *o_zh = others(f->members, self, TRUE);
    char *en, *zh;
    if (f->kind == FINDING_COPIES)
        word_copies(f, o_en, o_zh, &en, &zh);
    else
        word_unit(f, place, o_en, o_zh, &en, &zh);
    sb_check_report(self->diags, SB_ERROR, place ? place->at : self->at, en, zh);
    self->errors++;
    g_free(o_en);
    g_free(o_zh);
}

static void report(Finding *f, const SbAcrossRules *rules)
{
    for (guint i = rules->once ? f->members->len - 1 : 0; i < f->members->len; i++)
        say(f, f->members->pdata[i], f->places->pdata[i]);
}

static void finding_init(Finding *f, FindingKind kind)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->members = g_ptr_array_new();
    f->places = g_ptr_array_new();
}

static void finding_clear(Finding *f)
{
    g_ptr_array_unref(f->members);
    g_ptr_array_unref(f->places);
}

static void check_copies(GPtrArray *projects, const guint *group, const SbAcrossRules *rules)
{
    for (guint g = 0; g < projects->len; g++) {
        if (group[g] != g)
            continue;
        Finding f;
        finding_init(&f, FINDING_COPIES);
        char *first = name_key(projects->pdata[g]);
        f.same_name = first != NULL;
        for (guint i = g; i < projects->len; i++) {
            if (group_of(group, i) != g)
                continue;
            char *key = name_key(projects->pdata[i]);
            f.same_name = f.same_name && key && strcmp(key, first) == 0;
            g_free(key);
            g_ptr_array_add(f.members, projects->pdata[i]);
            g_ptr_array_add(f.places, NULL);
        }
        if (f.members->len > 1)
            report(&f, rules);
        g_free(first);
        finding_clear(&f);
    }
}

/* Where one unit appears: each project naming it, with its first mention there. */
typedef struct {
    GPtrArray *projects;   /* indexes as pointers + 1 */
    GPtrArray *mentions;
} Appearances;

static Appearances *appearances_of(GPtrArray *projects, guint units)
{
    Appearances *a = g_new0(Appearances, units);
    for (guint u = 0; u < units; u++) {
        a[u].projects = g_ptr_array_new();
        a[u].mentions = g_ptr_array_new();
    }
    for (guint i = 0; i < projects->len; i++) {
        const SbAcrossProject *p = projects->pdata[i];
        for (guint k = 0; k < p->units->len; k++) {
            SbUnitMention *m = p->units->pdata[k];
            Appearances *u = &a[m->unit];
            guint last = u->projects->len ? GPOINTER_TO_UINT(u->projects->pdata[u->projects->len - 1]) : 0;
            if (last == i + 1)
                continue;   /* named twice in one project: one appearance */
            g_ptr_array_add(u->projects, GUINT_TO_POINTER(i + 1));
            g_ptr_array_add(u->mentions, m);
        }
    }
    return a;
}

/* The finding of one unit over the projects of a category (NULL: all of them); it
 * counts when the unit is in more than `most` projects. */
static void check_unit(GPtrArray *projects, const guint *group, const Appearances *a,
                       const char *category, guint most, const SbAcrossRules *rules)
{
    Finding f;
    finding_init(&f, category ? FINDING_CATEGORY : FINDING_PROJECTS);
    f.category = category;
    GHashTable *groups = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint k = 0; k < a->projects->len; k++) {
        guint i = GPOINTER_TO_UINT(a->projects->pdata[k]) - 1;
        SbAcrossProject *p = projects->pdata[i];
        if (category && (p->category == NULL || strcmp(p->category, category) != 0))
            continue;
        g_hash_table_add(groups, GUINT_TO_POINTER(group_of(group, i) + 1));
        g_ptr_array_add(f.members, p);
        g_ptr_array_add(f.places, a->mentions->pdata[k]);
    }
    f.count = g_hash_table_size(groups);
    if (f.count > most)
        report(&f, rules);
    g_hash_table_destroy(groups);
    finding_clear(&f);
}

void sb_across_check(GPtrArray *projects, const SbAcrossRules *rules)
{
    GPtrArray *all = g_ptr_array_new();
    for (guint i = 0; i < projects->len; i++) {
        const SbAcrossProject *p = projects->pdata[i];
        for (guint k = 0; k < p->units->len; k++)
            g_ptr_array_add(all, p->units->pdata[k]);
    }
    guint units = sb_units_identify(all);
    g_ptr_array_unref(all);

    guint *group = g_new(guint, MAX(projects->len, 1));
    for (guint i = 0; i < projects->len; i++)
        group[i] = i;
    group_by(projects, group, name_key);
    group_by(projects, group, signature);
    check_copies(projects, group, rules);

    if (rules->limits) {
        static const char *const categories[] = { "重点产品", "典型场景" };
        Appearances *a = appearances_of(projects, units);
        for (guint u = 0; u < units; u++) {
            check_unit(projects, group, &a[u], NULL, MIIT_2025_MAX_PROJECTS, rules);
            for (guint c = 0; c < G_N_ELEMENTS(categories); c++)
                check_unit(projects, group, &a[u], categories[c], 1, rules);
            g_ptr_array_unref(a[u].projects);
            g_ptr_array_unref(a[u].mentions);
        }
        g_free(a);
    }
    g_free(group);
}
