/* Check digits of Chinese identification numbers.
 *
 * Each standard defines a weighted sum of the leading characters and maps it to one
 * check character.  The *_check_char functions compute that character from the leading
 * part; the *_valid functions compare it with the one written. */
#include "checkdigit.h"

#include <string.h>
#include <time.h>

/* ---- GB 11643-1999: citizen ID ---- */

/* The weight of position i (0-based) is 2^(17-i) mod 11 with 1-based positions. */
static const int idcard_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char idcard_checks[] = "10X98765432";

static gboolean all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
    return TRUE;
}

char sb_idcard_check_char(const char *first17)
{
    if (first17 == NULL || strlen(first17) < 17 || !all_digits(first17, 17))
        return 0;
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (first17[i] - '0') * idcard_weights[i];
    return idcard_checks[sum % 11];
}

/* Positions 7–14 hold the birth date, YYYYMMDD: it must exist and lie between 1900 and
 * today (a date in the future is a typing error, not a baby). */
static gboolean idcard_birth_valid(const char *id)
{
    int year = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
    int month = (id[10] - '0') * 10 + (id[11] - '0');
    int day = (id[12] - '0') * 10 + (id[13] - '0');
    if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31)
        return FALSE;
    if (!g_date_valid_dmy((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return FALSE;

    GDate birth, today;
    g_date_clear(&birth, 1);
    g_date_clear(&today, 1);
    g_date_set_dmy(&birth, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    g_date_set_time_t(&today, time(NULL));
    return g_date_compare(&birth, &today) <= 0;
}

gboolean sb_idcard_valid(const char *id)
{
    if (id == NULL || strlen(id) != 18 || !all_digits(id, 17))
        return FALSE;
    if (!idcard_birth_valid(id))
        return FALSE;
    /* People write the check character X in lower case often enough to accept it. */
    return g_ascii_toupper(id[17]) == sb_idcard_check_char(id);
}

/* ---- GB 32100-2015: unified social credit code ---- */

/* The 31 characters of the code, in value order: no I, O, Z, S or V. */
static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int uscc_value(char c)
{
    const char *p = c ? strchr(uscc_chars, c) : NULL;
    return p ? (int) (p - uscc_chars) : -1;
}

char sb_uscc_check_char(const char *first17)
{
    if (first17 == NULL || strlen(first17) < 17)
        return 0;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = uscc_value(first17[i]);
        if (v < 0)
            return 0;
        sum += v * uscc_weights[i];
    }
    return uscc_chars[(31 - sum % 31) % 31];
}

gboolean sb_uscc_valid(const char *code)
{
    if (code == NULL || strlen(code) != 18 || uscc_value(code[17]) < 0)
        return FALSE;
    char expected = sb_uscc_check_char(code);
    return expected != 0 && expected == code[17];
}

/* ---- GB 11714-1997: organisation code ---- */

static const int orgcode_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

/* Digits count as themselves, capital letters A–Z as 10–35. */
static int orgcode_value(char c)
{
    if (g_ascii_isdigit(c))
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return -1;
}

char sb_orgcode_check_char(const char *first8)
{
    if (first8 == NULL || strlen(first8) < 8)
        return 0;
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        int v = orgcode_value(first8[i]);
        if (v < 0)
            return 0;
        sum += v * orgcode_weights[i];
    }
    int c = 11 - sum % 11;
    if (c == 10)
        return 'X';
    if (c == 11)
        return '0';
    return (char) ('0' + c);
}

gboolean sb_orgcode_valid(const char *code)
{
    if (code == NULL)
        return FALSE;
    size_t n = strlen(code);
    char check;
    if (n == 10 && code[8] == '-')
        check = code[9];
    else if (n == 9)
        check = code[8];
    else
        return FALSE;
    char expected = sb_orgcode_check_char(code);
    return expected != 0 && expected == check;
}
