/* Typed values: one pattern per type for what people write, and the official style each
 * prints in (value_typed.h says which). */
#include "value_typed.h"

#include <string.h>

/* Patterns are written on folded text, in the syntax ECMAScript and PCRE share, with
 * [0-9] rather than \d (which PCRE may take for any Unicode digit). */
#define ANCHORED(body) "^(?:" body ")$"

#define WHOLE "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
#define DECIMAL "[+-]?(?:" WHOLE "(?:\\.[0-9]*)?|\\.[0-9]+)"
/* The area codes of China's numbering plan: 010 and 02X have three digits, all others
 * four; written after +86 without the trunk 0. */
#define AREA "(?:10|2[0-9]|[3-9][0-9]{2})"
#define INTL "(?:\\+|00)86[- ]?"

static const char *const patterns[] = {
    [SB_FIELD_DATE] = ANCHORED("[0-9]{4}(?:-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2}"
                               "|\\.[0-9]{1,2}\\.[0-9]{1,2}| ?年 ?[0-9]{1,2} ?月 ?[0-9]{1,2} ?日)"),
    [SB_FIELD_YEAR_MONTH] = ANCHORED("[0-9]{4}(?:-[0-9]{1,2}|/[0-9]{1,2}|\\.[0-9]{1,2}"
                                     "| ?年 ?[0-9]{1,2} ?月)"),
    [SB_FIELD_YEAR] = ANCHORED("[0-9]{4}(?: ?年)?"),
    [SB_FIELD_INTEGER] = ANCHORED("[+-]?" WHOLE),
    [SB_FIELD_DECIMAL] = ANCHORED(DECIMAL),
    [SB_FIELD_MONEY] = ANCHORED(DECIMAL "(?: ?万元?)?"),
    [SB_FIELD_PERCENT] = ANCHORED("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+) ?%?"),
    /* a mobile; a 400 or 800 number; a landline with its area code (in brackets, or after
     * +86) and an extension after 转 or a hyphen — the only capturing group */
    [SB_FIELD_PHONE] = ANCHORED("(?:" INTL ")?1[3-9][0-9](?:[- ]?[0-9]){8}"
                                "|[48]00(?:[- ]?[0-9]){7}"
                                "|(?:" INTL AREA "|\\(0" AREA "\\)|0" AREA ")[- ]?[0-9]{3,4}[- ]?[0-9]{4}"
                                "(?:(?: ?转 ?|-)([0-9]{1,6}))?"),
    [SB_FIELD_EMAIL] = ANCHORED("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
    [SB_FIELD_POSTCODE] = ANCHORED("[0-9]{6}"),
    [SB_FIELD_IDCARD] = ANCHORED("[0-9]{17}[0-9Xx]"),
    /* GB 32100 leaves out I, O, S, V and Z */
    [SB_FIELD_USCC] = ANCHORED("[0-9A-HJ-NP-RTUW-Ya-hj-np-rtuw-y]{18}"),
    [SB_FIELD_ORGCODE] = ANCHORED("[0-9A-Za-z]{8}-?[0-9Xx]"),
};

#define PERCENT_0_100 ANCHORED("\\+?0*(?:100(?:\\.0*)?|[0-9]{1,2}(?:\\.[0-9]*)?|\\.[0-9]+) ?%?")

gboolean sb_typed_is_typed(SbFieldType type)
{
    return type < G_N_ELEMENTS(patterns) && patterns[type] != NULL;
}

const char *sb_typed_pattern(SbFieldType type)
{
    return sb_typed_is_typed(type) ? patterns[type] : NULL;
}

char *sb_typed_bounded_pattern(SbFieldType type, gboolean unsigned_only, gboolean percent_range)
{
    const char *p = sb_typed_pattern(type);
    if (p == NULL)
        return NULL;
    if (type == SB_FIELD_PERCENT && percent_range)
        return g_strdup(PERCENT_0_100);
    const char *sign = strstr(p, "[+-]?");
    gboolean number = type == SB_FIELD_INTEGER || type == SB_FIELD_DECIMAL
                   || type == SB_FIELD_MONEY || type == SB_FIELD_PERCENT;
    if (!unsigned_only || !number || sign == NULL)
        return g_strdup(p);
    return g_strdup_printf("%.*s\\+?%s", (int) (sign - p), p, sign + strlen("[+-]?"));
}

/* Each pattern compiled once; matching a GRegex is safe from several threads. */
static GRegex *regex_of(SbFieldType type)
{
    static gsize compiled[G_N_ELEMENTS(patterns)];
    if (g_once_init_enter(&compiled[type])) {
        GRegex *re = g_regex_new(patterns[type], G_REGEX_OPTIMIZE, 0, NULL);
        g_assert(re != NULL);
        g_once_init_leave(&compiled[type], (gsize) re);
    }
    return (GRegex *) compiled[type];
}

/* ---- reading each type ---- */

/* The runs of digits in text, as numbers: "2025年3月1日" gives 2025, 3, 1. */
static int digit_runs(const char *text, int *out, int max)
{
    int n = 0;
    for (const char *p = text; *p && n < max;) {
        if (g_ascii_isdigit(*p)) {
            int v = 0;
            while (g_ascii_isdigit(*p) && v < 100000)
                v = v * 10 + (*p++ - '0');
            out[n++] = v;
        } else {
            p++;
        }
    }
    return n;
}

static SbTypedStatus read_date(SbFieldType type, const char *text, SbTyped *out)
{
    int n[3] = { 0, 1, 1 };
    digit_runs(text, n, 3);
    if (n[0] < 1 || !g_date_valid_dmy(type == SB_FIELD_DATE ? n[2] : 1, n[1], n[0]))
        return SB_TYPED_UNREAL;
    out->year = n[0];
    if (type == SB_FIELD_YEAR) {
        out->text = g_strdup_printf("%d", n[0]);
    } else if (type == SB_FIELD_YEAR_MONTH) {
        out->month = n[1];
        out->text = g_strdup_printf("%d年%d月", n[0], n[1]);
    } else {
        out->month = n[1];
        out->day = n[2];
        out->text = g_strdup_printf("%d年%d月%d日", n[0], n[1], n[2]);
    }
    return SB_TYPED_OK;
}

/* A number as typed without what only dresses it: separators, a plus sign, a unit, the
 * % sign; the digits themselves stay ("15.20" stays "15.20"). */
static SbTypedStatus read_number(const char *text, gboolean percent, SbTyped *out)
{
    GString *s = g_string_new(NULL);
    for (const char *p = text; *p; p++)
        if (g_ascii_isdigit(*p) || *p == '.' || *p == '-')
            g_string_append_c(s, *p);
    gboolean negative = s->str[0] == '-';
    const char *digits = s->str + negative;
    while (digits[0] == '0' && g_ascii_isdigit(digits[1]))   /* 007 is 7 */
        digits++;
    out->text = g_strdup_printf("%s%s%s", negative ? "-" : "", digits[0] == '.' ? "0" : "",
                                digits);
    if (g_str_has_suffix(out->text, "."))
        out->text[strlen(out->text) - 1] = '\0';
    out->number = g_ascii_strtod(out->text, NULL);
    g_string_free(s, TRUE);
    if (percent) {
        char *with_sign = g_strconcat(out->text, "%", NULL);
        g_free(out->text);
        out->text = with_sign;
    }
    return SB_TYPED_OK;
}

static char *only_digits(const char *text, gssize len)
{
    GString *s = g_string_new(NULL);
    for (gssize i = 0; text[i] && (len < 0 || i < len); i++)
        if (g_ascii_isdigit(text[i]))
            g_string_append_c(s, text[i]);
    return g_string_free(s, FALSE);
}

static SbTypedStatus read_phone(GMatchInfo *match, const char *text, SbTyped *out)
{
    int ext_start = -1, ext_end = -1;
    g_match_info_fetch_pos(match, 1, &ext_start, &ext_end);
    char *ext = ext_start >= 0 ? g_strndup(text + ext_start, ext_end - ext_start) : NULL;
    char *digits = only_digits(text, ext_start);   /* the number before its extension */
    gboolean intl = text[0] == '+' || g_str_has_prefix(text, "0086");
    const char *d = digits + (intl ? strlen(text[0] == '+' ? "86" : "0086") : 0);
    if (d[0] == '1' && d[1] >= '3') {   /* a mobile; 10 is Beijing's area code */
        out->text = g_strdup(d);
    } else if (!intl && (g_str_has_prefix(d, "400") || g_str_has_prefix(d, "800"))) {
        out->text = g_strdup_printf("%.3s-%.3s-%s", d, d + 3, d + 6);
    } else {
        char *national = intl ? g_strconcat("0", d, NULL) : g_strdup(d);
        int area = national[1] == '1' || national[1] == '2' ? 3 : 4;
        out->text = g_strdup_printf("%.*s-%s%s%s", area, national, national + area,
                                    ext ? "转" : "", ext ? ext : "");
        g_free(national);
    }
    g_free(ext);
    g_free(digits);
    return SB_TYPED_OK;
}

static SbTypedStatus read_code(SbFieldType type, const char *text, SbTyped *out)
{
    char *upper = g_ascii_strup(text, -1);
    if (type == SB_FIELD_ORGCODE && strchr(upper, '-') == NULL) {
        out->text = g_strdup_printf("%.8s-%s", upper, upper + 8);
        g_free(upper);
    } else {
        out->text = upper;
    }
    return SB_TYPED_OK;
}

SbTypedStatus sb_typed_read(SbFieldType type, const char *text, SbTyped *out)
{
    memset(out, 0, sizeof *out);
    if (!sb_typed_is_typed(type) || text == NULL)
        return SB_TYPED_MALFORMED;
    char *folded = sb_typed_fold(text, NULL);
    GMatchInfo *match = NULL;
    SbTypedStatus status = SB_TYPED_MALFORMED;
    if (g_regex_match(regex_of(type), folded, 0, &match)) {
        switch (type) {
        case SB_FIELD_DATE: case SB_FIELD_YEAR_MONTH: case SB_FIELD_YEAR:
            status = read_date(type, folded, out);
            break;
        case SB_FIELD_INTEGER: case SB_FIELD_DECIMAL: case SB_FIELD_MONEY: case SB_FIELD_PERCENT:
            status = read_number(folded, type == SB_FIELD_PERCENT, out);
            break;
        case SB_FIELD_PHONE:
            status = read_phone(match, folded, out);
            break;
        case SB_FIELD_IDCARD: case SB_FIELD_USCC: case SB_FIELD_ORGCODE:
            status = read_code(type, folded, out);
            break;
        default:   /* e-mail, postcode: folded is all */
            out->text = g_strdup(folded);
            status = SB_TYPED_OK;
            break;
        }
    }
    g_match_info_free(match);
    g_free(folded);
    return status;
}

void sb_typed_clear(SbTyped *typed)
{
    g_free(typed->text);
    memset(typed, 0, sizeof *typed);
}

char *sb_typed_print(SbFieldType type, const char *text)
{
    SbTyped t;
    if (sb_typed_read(type, text, &t) != SB_TYPED_OK)
        return NULL;
    return t.text;
}

/* TRUE when the form prints the % sign itself: right after the field (比例：____%), or in
 * the heading its label repeats (资产负债率（%）). */
static gboolean form_prints_percent(xmlNode *field)
{
    xmlNode *next = field->next;
    const char *t = next && next->type == XML_TEXT_NODE ? (const char *) next->content : "";
    xmlChar *label = xmlGetProp(field, (const xmlChar *) "label");
    gboolean in_label = label && (strstr((char *) label, "%") || strstr((char *) label, "％"));
    xmlFree(label);
    return in_label || g_str_has_prefix(t, "%") || g_str_has_prefix(t, "％");
}

char *sb_typed_shown(xmlNode *field, const char *text)
{
    xmlChar *type_name = xmlGetProp(field, (const xmlChar *) "type");
    SbFieldType type = sb_field_type_of((const char *) type_name);
    xmlFree(type_name);
    char *printed = sb_typed_is_typed(type) ? sb_typed_print(type, text) : NULL;
    if (printed == NULL)
        return g_strdup(text);
    if (type == SB_FIELD_PERCENT && form_prints_percent(field))
        printed[strlen(printed) - 1] = '\0';
    return printed;
}
