/* Plain words for the mistakes people make writing YAML by hand, which libyaml reports
 * in its own terms ("mapping values are not allowed in this context"): a tab in the
 * indentation, a full-width colon after a key, no space after the colon. */
#include "data_load.h"

#include <string.h>

#define FULLWIDTH_COLON "\xEF\xBC\x9A"   /* ： */

static gboolean is_key_char(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '-';
}

static int column_of(const char *line, const char *p)
{
    return (int) g_utf8_pointer_to_offset(line, p) + 1;
}

gboolean sb_yaml_key_mistake(const char *line, gsize len, int *col, char **en, char **zh)
{
    const char *end = line + len, *p = line;
    while (p < end && (*p == ' ' || *p == '\t')) {
        if (*p == '\t') {
            *col = column_of(line, p);
            *en = g_strdup("a tab is used for indentation; YAML indents with spaces only");
            *zh = g_strdup("用了制表符（Tab）缩进：YAML 只能用空格缩进");
            return TRUE;
        }
        p++;
    }
    if (end - p >= 2 && p[0] == '-' && p[1] == ' ')   /* a list item's first key */
        p += 2;
    const char *key = p;
    if (p >= end || !(g_ascii_isalpha(*p) || *p == '_'))
        return FALSE;
    while (p < end && is_key_char(*p))
        p++;
    char *name = g_strndup(key, p - key);
    const char *after = p;
    while (after < end && *after == ' ')
        after++;
    gboolean found = FALSE;
    if ((gsize) (end - after) >= strlen(FULLWIDTH_COLON) && g_str_has_prefix(after, FULLWIDTH_COLON)) {
        *col = column_of(line, after);
        *en = g_strdup_printf("the key '%s' is followed by a full-width colon '：'; write a "
                              "half-width ':' and a space", name);
        *zh = g_strdup_printf("键“%s”后面是全角冒号“：”，应为半角冒号“:”加一个空格", name);
        found = TRUE;
    } else if (p + 1 < end && p[0] == ':' && p[1] != ' ' && p[1] != '\n' && p[1] != '\r'
               && p[1] != '/' && p[1] != ':') {   /* http://… is not a key */
        *col = column_of(line, p + 1);
        *en = g_strdup_printf("the key '%s' needs a space after its ':'", name);
        *zh = g_strdup_printf("键“%s”的冒号“:”后面缺少空格", name);
        found = TRUE;
    }
    g_free(name);
    return found;
}

/* libyaml's words for a syntax error, and ours. */
static const struct {
    const char *problem, *en, *zh;
} problems[] = {
    { "mapping values are not allowed in this context",
      "a 'key: value' cannot start here (check the indentation and the colon of this line and "
      "the one above)", "此处不能出现“键: 值”（请检查这一行和上一行的缩进与冒号）" },
    { "could not find expected ':'",
      "a key is not followed by ':' and a space", "键的后面缺少半角冒号“:”和空格" },
    { "did not find expected key",
      "this line is not indented like the keys around it", "这一行的缩进与周围的键不一致" },
    { "did not find expected '-' indicator",
      "a list item should start with '- ', indented like the items above it",
      "列表的每一项应以“- ”开头，并与上面的项对齐" },
    { "block sequence entries are not allowed in this context",
      "a list cannot start here (check the indentation, and the colon of the line above)",
      "此处不能开始列表（请检查缩进和上一行的冒号）" },
    { "found character that cannot start any token",
      "a character that cannot stand here (a tab, or a mark such as @ or ` at the start of a value: "
      "put the value in quotes)", "有不能出现在此处的字符（制表符，或值开头的 @、` 等：请给值加引号）" },
    { "found unexpected end of stream",
      "the file ends inside a quoted value or a bracket: a closing quote or bracket is missing",
      "文件在引号或括号内结束：缺少右引号或右括号" },
    { "found unknown escape character",
      "a backslash in a double-quoted value starts no known escape: write \\\\ or use single quotes",
      "双引号中的反斜杠“\\”后不是有效的转义：请写成 \\\\ 或改用单引号" },
    { "did not find expected node content",
      "a value is missing here", "此处缺少值" },
    { "found undefined tag handle",
      "a value starts with '!': put it in quotes", "值以“!”开头：请给值加引号" },
    { "found unexpected ':'",
      "a colon cannot stand here: put the value in quotes", "此处不能出现冒号：请给值加引号" },
};

gboolean sb_yaml_plain_problem(const char *problem, const char **en, const char **zh)
{
    for (guint i = 0; problem && i < G_N_ELEMENTS(problems); i++)
        if (strcmp(problems[i].problem, problem) == 0) {
            *en = problems[i].en;
            *zh = problems[i].zh;
            return TRUE;
        }
    return FALSE;
}
