/* Character checks on raw data text.
 *
 * Everything a data file holds may end up in XML (DOCX, ODT), which can't carry most
 * C0 control characters nor U+FFFE/U+FFFF.  Refusing them here, with a position, beats
 * writing a document that a word processor then declines to open. */
#include "data_load.h"

#include <string.h>

#define BOM "\xEF\xBB\xBF"

typedef struct {
    int line, col;
} Position;

gboolean sb_text_char_allowed(gunichar c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r';
    return c != 0xFFFE && c != 0xFFFF;
}

static gsize bom_length(const char *text, gsize len)
{
    return len >= 3 && memcmp(text, BOM, 3) == 0 ? 3 : 0;
}

/* Moves past the character at p; CRLF counts as one line break. */
static void advance(Position *pos, const char *p, const char *end)
{
    gboolean is_break = *p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n'));
    if (is_break) {
        pos->line++;
        pos->col = 1;
    } else {
        pos->col++;
    }
}

void sb_text_position(const char *text, gsize len, gsize offset, int *line, int *col)
{
    Position pos = { 1, 1 };
    const char *end = text + len;
    const char *stop = text + MIN(offset, len);
    const char *p = text + bom_length(text, len);
    while (p < stop) {
        advance(&pos, p, end);
        /* Not g_utf8_next_char: the text before offset need not be valid. */
        p += MAX(1, g_utf8_skip[(guchar)*p]);
    }
    *line = pos.line;
    *col = pos.col;
}

static void report_char(SbDiagnostics *diags, int line, int col, gunichar c)
{
    sb_diag_error(diags, line, col, "control character U+%04X is not allowed",
                  "不允许的控制字符 U+%04X", c);
}

static gboolean looks_like_utf16(const char *text, gsize len)
{
    return len >= 2 && ((guchar)text[0] == 0xFF || (guchar)text[0] == 0xFE)
           && ((guchar)text[1] == 0xFF || (guchar)text[1] == 0xFE) && text[0] != text[1];
}

gboolean sb_text_check_chars(const char *text, gsize len, SbDiagnostics *diags)
{
    if (looks_like_utf16(text, len)) {
        sb_diag_error(diags, 1, 1, "the file is UTF-16; save it as UTF-8",
                      "文件是 UTF-16 编码，请另存为 UTF-8");
        return FALSE;
    }
    const char *valid_end = NULL;
    gboolean valid = g_utf8_validate_len(text, len, &valid_end);

    Position pos = { 1, 1 };
    const char *end = text + len;
    for (const char *p = text + bom_length(text, len); p < valid_end; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!sb_text_char_allowed(c)) {
            report_char(diags, pos.line, pos.col, c);
            return FALSE;
        }
        advance(&pos, p, end);
    }
    if (valid)
        return TRUE;
    /* g_utf8_validate_len stops at a NUL byte too: that one is a control character. */
    if (*valid_end == '\0')
        report_char(diags, pos.line, pos.col, 0);
    else
        sb_diag_error(diags, pos.line, pos.col,
                      "the file is not valid UTF-8 (byte 0x%02X); save it as UTF-8",
                      "文件不是有效的 UTF-8 编码（字节 0x%02X），请另存为 UTF-8",
                      (guchar)*valid_end);
    return FALSE;
}

gboolean sb_text_check_scalar(const char *text, gsize len, int line, int col,
                              SbDiagnostics *diags)
{
    const char *valid_end = NULL;
    gboolean valid = g_utf8_validate_len(text, len, &valid_end);
    for (const char *p = text; p < valid_end; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!sb_text_char_allowed(c)) {
            report_char(diags, line, col, c);
            return FALSE;
        }
    }
    if (valid)
        return TRUE;
    if (*valid_end == '\0')
        report_char(diags, line, col, 0);
    else
        sb_diag_error(diags, line, col, "invalid UTF-8 in a string", "字符串中有无效的 UTF-8");
    return FALSE;
}
