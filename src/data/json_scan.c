/* The strict JSON scanner: syntax, nesting depth, escapes and positions.
 *
 * Strict on purpose: json-glib 1.6 accepts comments, single quotes, hex numbers and text
 * after the data, truncates strings at \u0000, turns a lone surrogate into invalid UTF-8,
 * and recurses once per nesting level (a deep file overflows the stack).  With this
 * scanner in front, json-glib only sees valid JSON within the limits. */
#include "json_scan.h"

#include <string.h>

#include "data_load.h"

typedef struct {
    const char *text, *p, *end;
    int line, col;
    SbDiagnostics *diags;
    GArray *tokens;
} Scanner;

#define syntax_error(s, en, zh, ...)                                                   \
    sb_diag_error((s)->diags, (s)->line, (s)->col, "JSON syntax error: " en,           \
                  "JSON 语法错误：" zh, ##__VA_ARGS__)


static void step(Scanner *s)
{
    char c = *s->p;
    if (c == '\n' || (c == '\r' && (s->p + 1 >= s->end || s->p[1] != '\n'))) {
        s->line++;
        s->col = 1;
    } else {
        s->col++;
    }
    s->p += MAX(1, g_utf8_skip[(guchar)c]);
    if (s->p > s->end)
        s->p = s->end;
}

static void skip_space(Scanner *s)
{
    while (s->p < s->end && *s->p && strchr(" \t\r\n", *s->p))
        step(s);
}

static gboolean at(const Scanner *s, char c)
{
    return s->p < s->end && *s->p == c;
}

static void report_unexpected(Scanner *s)
{
    if (s->p >= s->end) {
        syntax_error(s, "unexpected end of the file", "文件意外结束");
        return;
    }
    gunichar c = g_utf8_get_char_validated(s->p, s->end - s->p);
    char shown[16] = "";
    if (c > 0x10FFFF)
        g_snprintf(shown, sizeof shown, "0x%02X", (guint)(guchar)*s->p);
    else if (g_unichar_iscntrl(c))
        g_snprintf(shown, sizeof shown, "U+%04X", c);
    else
        g_unichar_to_utf8(c, shown);
    syntax_error(s, "unexpected character '%s'", "意外的字符“%s”", shown);
}

static gboolean expect(Scanner *s, char c)
{
    if (!at(s, c)) {
        report_unexpected(s);
        return FALSE;
    }
    step(s);
    return TRUE;
}

static guint add_token(Scanner *s)
{
    if (s->tokens->len >= SB_DATA_MAX_NODES) {
        sb_diag_error(s->diags, s->line, s->col, "too many values (more than %d)",
                      "值太多（超过 %d 个）", SB_DATA_MAX_NODES);
        return G_MAXUINT;
    }
    SbJsonToken t = { s->line, s->col, (gsize)(s->p - s->text), 0, 0 };
    g_array_append_val(s->tokens, t);
    return s->tokens->len - 1;
}

static void end_token(Scanner *s, guint index)
{
    SbJsonToken *t = &g_array_index(s->tokens, SbJsonToken, index);
    t->length = (gsize)(s->p - s->text) - t->offset;
    t->next = s->tokens->len;
}

static int read_hex4(const Scanner *s, const char *p)
{
    if (s->end - p < 4)
        return -1;
    int value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = g_ascii_xdigit_value(p[i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

/* \uXXXX, with the scanner on the 'u'; a high surrogate must have its low half next. */
static gboolean scan_unicode_escape(Scanner *s, int line, int col)
{
    int unit = read_hex4(s, s->p + 1);
    if (unit < 0) {
        syntax_error(s, "invalid \\u escape", "无效的 \\u 转义");
        return FALSE;
    }
    gunichar c = (gunichar)unit;
    gsize used = 5;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
        int low = s->end - s->p >= 7 && s->p[5] == '\\' && s->p[6] == 'u'
                      ? read_hex4(s, s->p + 7) : -1;
        if (low >= 0xDC00 && low <= 0xDFFF) {
            c = 0x10000 + (((gunichar)unit - 0xD800) << 10) + ((gunichar)low - 0xDC00);
            used = 11;
        }
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
        sb_diag_error(s->diags, line, col, "JSON syntax error: unpaired surrogate \\u%04X",
                      "JSON 语法错误：不成对的代理项 \\u%04X", (guint)unit);
        return FALSE;
    }
    if (!sb_text_char_allowed(c)) {
        sb_diag_error(s->diags, line, col, "control character U+%04X is not allowed",
                      "不允许的控制字符 U+%04X", c);
        return FALSE;
    }
    for (gsize i = 0; i < used; i++)
        step(s);
    return TRUE;
}

/* An escape, with the scanner on the backslash. */
static gboolean scan_escape(Scanner *s)
{
    int line = s->line, col = s->col;
    step(s);
    if (s->p >= s->end)
        return TRUE;   /* the caller reports the unterminated string */
    char c = *s->p;
    if (c == 'u')
        return scan_unicode_escape(s, line, col);
    if (c == 'b' || c == 'f') {
        sb_diag_error(s->diags, line, col, "control character U+%04X is not allowed",
                      "不允许的控制字符 U+%04X", c == 'b' ? 8u : 12u);
        return FALSE;
    }
    if (c == '\0' || !strchr("\"\\/nrt", c)) {
        s->line = line;
        s->col = col;
        syntax_error(s, "invalid escape '\\%c'", "无效的转义“\\%c”", c);
        return FALSE;
    }
    step(s);
    return TRUE;
}

static gboolean scan_string(Scanner *s)
{
    int line = s->line, col = s->col;
    step(s);
    for (;;) {
        if (s->p >= s->end) {
            sb_diag_error(s->diags, line, col, "JSON syntax error: unterminated string",
                          "JSON 语法错误：字符串没有结束");
            return FALSE;
        }
        guchar c = (guchar)*s->p;
        if (c == '"') {
            step(s);
            return TRUE;
        }
        if (c < 0x20) {
            syntax_error(s, "control character U+%04X must be escaped in a string",
                         "字符串中的控制字符 U+%04X 必须转义", (guint)c);
            return FALSE;
        }
        if (c == '\\') {
            if (!scan_escape(s))
                return FALSE;
        } else {
            step(s);
        }
    }
}

static void skip_digits(Scanner *s)
{
    while (s->p < s->end && g_ascii_isdigit(*s->p))
        step(s);
}

static gboolean digit_here(const Scanner *s)
{
    return s->p < s->end && g_ascii_isdigit(*s->p);
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static gboolean number_syntax(Scanner *s)
{
    if (at(s, '-'))
        step(s);
    if (at(s, '0'))
        step(s);
    else if (digit_here(s))
        skip_digits(s);
    else
        return FALSE;
    if (at(s, '.')) {
        step(s);
        if (!digit_here(s))
            return FALSE;
        skip_digits(s);
    }
    if (at(s, 'e') || at(s, 'E')) {
        step(s);
        if (at(s, '+') || at(s, '-'))
            step(s);
        if (!digit_here(s))
            return FALSE;
        skip_digits(s);
    }
    /* "01" or "1.2.3" would otherwise fail later with a less helpful message. */
    return s->p >= s->end || !(g_ascii_isalnum(*s->p) || (*s->p && strchr(".+-", *s->p)));
}

static gboolean scan_number(Scanner *s)
{
    int line = s->line, col = s->col;
    if (number_syntax(s))
        return TRUE;
    sb_diag_error(s->diags, line, col, "JSON syntax error: invalid number",
                  "JSON 语法错误：无效的数字");
    return FALSE;
}

static gboolean scan_word(Scanner *s)
{
    static const char *const words[] = { "true", "false", "null" };
    for (guint i = 0; i < G_N_ELEMENTS(words); i++) {
        gsize n = strlen(words[i]);
        if ((gsize)(s->end - s->p) >= n && memcmp(s->p, words[i], n) == 0) {
            for (gsize j = 0; j < n; j++)
                step(s);
            return TRUE;
        }
    }
    report_unexpected(s);
    return FALSE;
}

static gboolean scan_value(Scanner *s, int depth);

static gboolean check_depth(Scanner *s, int depth)
{
    if (depth <= SB_DATA_MAX_DEPTH)
        return TRUE;
    sb_diag_error(s->diags, s->line, s->col, "nesting is too deep (more than %d levels)",
                  "嵌套过深（超过 %d 层）", SB_DATA_MAX_DEPTH);
    return FALSE;
}

/* A key, a colon and the value, which is at level `depth`. */
static gboolean scan_member(Scanner *s, int depth)
{
    skip_space(s);
    if (!at(s, '"')) {
        if (s->p >= s->end)
            report_unexpected(s);
        else
            syntax_error(s, "expected a key in double quotes", "应为双引号括起的键");
        return FALSE;
    }
    guint key = add_token(s);
    if (key == G_MAXUINT || !scan_string(s))
        return FALSE;
    end_token(s, key);
    skip_space(s);
    return expect(s, ':') && scan_value(s, depth);
}

/* An object or an array, with the scanner on its opening bracket: items (members or
 * values, at the next level) separated by commas, up to the closing bracket. */
static gboolean scan_container(Scanner *s, int depth, char close,
                               gboolean (*scan_item)(Scanner *s, int depth))
{
    if (!check_depth(s, depth))
        return FALSE;
    step(s);
    skip_space(s);
    if (at(s, close)) {
        step(s);
        return TRUE;
    }
    for (;;) {
        if (!scan_item(s, depth + 1))
            return FALSE;
        skip_space(s);
        if (at(s, close)) {
            step(s);
            return TRUE;
        }
        if (!expect(s, ','))
            return FALSE;
    }
}

/* A value at container level `depth` (the top-level value is at 1). */
static gboolean scan_value(Scanner *s, int depth)
{
    skip_space(s);
    if (s->p >= s->end) {
        report_unexpected(s);
        return FALSE;
    }
    guint index = add_token(s);
    if (index == G_MAXUINT)
        return FALSE;
    gboolean ok;
    char c = *s->p;
    if (c == '{')
        ok = scan_container(s, depth, '}', scan_member);
    else if (c == '[')
        ok = scan_container(s, depth, ']', scan_value);
    else if (c == '"')
        ok = scan_string(s);
    else if (c == '-' || g_ascii_isdigit(c))
        ok = scan_number(s);
    else
        ok = scan_word(s);
    if (ok)
        end_token(s, index);
    return ok;
}

static gboolean scan_document(Scanner *s)
{
    skip_space(s);
    if (s->p >= s->end) {
        sb_diag_error(s->diags, 1, 1, "the file holds no data", "文件中没有数据");
        return FALSE;
    }
    if (!scan_value(s, 1))
        return FALSE;
    skip_space(s);
    if (s->p < s->end) {
        syntax_error(s, "unexpected text after the end of the data", "数据结束后还有多余的内容");
        return FALSE;
    }
    return TRUE;
}

GArray *sb_json_scan(const char *text, gsize len, SbDiagnostics *diags)
{
    Scanner s = { text, text, text + len, 1, 1, diags,
                  g_array_new(FALSE, FALSE, sizeof(SbJsonToken)) };
    if (scan_document(&s))
        return s.tokens;
    g_array_free(s.tokens, TRUE);
    return NULL;
}
