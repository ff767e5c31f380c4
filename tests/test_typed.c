/* Typed values: every way of writing each type that is accepted, what it prints as, what
 * is refused; and the JSON Schema's widened patterns taking exactly the texts that
 * reading takes. */
#include <string.h>

#include "value_typed.h"

typedef struct {
    SbFieldType type;
    const char *typed;     /* as written */
    const char *printed;   /* the official style; NULL: refused */
} Case;

static const Case cases[] = {
    /* dates: - / . 年月日, full-width digits and separators, spaces around */
    { SB_FIELD_DATE, "2025-10-20", "2025年10月20日" },
    { SB_FIELD_DATE, "2025/10/20", "2025年10月20日" },
    { SB_FIELD_DATE, "2025.10.20", "2025年10月20日" },
    { SB_FIELD_DATE, "2025年10月20日", "2025年10月20日" },
    { SB_FIELD_DATE, "2025-3-1", "2025年3月1日" },
    { SB_FIELD_DATE, "2025年03月01日", "2025年3月1日" },
    { SB_FIELD_DATE, "２０２５－１０－２０", "2025年10月20日" },
    { SB_FIELD_DATE, "２０２５年１０月２０日\u3000", "2025年10月20日" },
    { SB_FIELD_DATE, " 2025 年 10 月 20 日 ", "2025年10月20日" },
    { SB_FIELD_DATE, "2025–10–20", "2025年10月20日" },
    { SB_FIELD_DATE, "2025-10/20", NULL },
    { SB_FIELD_DATE, "2025-10", NULL },
    { SB_FIELD_DATE, "20251020", NULL },
    { SB_FIELD_DATE, "2025年10月", NULL },
    /* year-months */
    { SB_FIELD_YEAR_MONTH, "1976-05", "1976年5月" },
    { SB_FIELD_YEAR_MONTH, "1976/5", "1976年5月" },
    { SB_FIELD_YEAR_MONTH, "1976.05", "1976年5月" },
    { SB_FIELD_YEAR_MONTH, "1976.10", "1976年10月" },
    { SB_FIELD_YEAR_MONTH, "1976年5月", "1976年5月" },
    { SB_FIELD_YEAR_MONTH, "１９７６年５月", "1976年5月" },
    { SB_FIELD_YEAR_MONTH, "1976-05-12", NULL },
    { SB_FIELD_YEAR_MONTH, "76-05", NULL },
    /* years: the form prints 年 after the field */
    { SB_FIELD_YEAR, "2024", "2024" },
    { SB_FIELD_YEAR, "2024年", "2024" },
    { SB_FIELD_YEAR, "２０２４", "2024" },
    { SB_FIELD_YEAR, "24", NULL },
    /* numbers: thousands separators, signs, full-width, the digits after the point kept */
    { SB_FIELD_MONEY, "128650.42", "128650.42" },
    { SB_FIELD_MONEY, "128,650.42", "128650.42" },
    { SB_FIELD_MONEY, "1,234,567", "1234567" },
    { SB_FIELD_MONEY, "１２８，６５０．４２", "128650.42" },
    { SB_FIELD_MONEY, "15.20", "15.20" },
    { SB_FIELD_MONEY, "-320.5", "-320.5" },
    { SB_FIELD_MONEY, "+320.5", "320.5" },
    { SB_FIELD_MONEY, "－320.5", "-320.5" },
    { SB_FIELD_MONEY, ".5", "0.5" },
    { SB_FIELD_MONEY, "128650.42万元", "128650.42" },
    { SB_FIELD_MONEY, "12,86,50", NULL },
    { SB_FIELD_MONEY, "1 000", NULL },
    { SB_FIELD_MONEY, "128650.42元", NULL },
    { SB_FIELD_MONEY, "三十万", NULL },
    { SB_FIELD_INTEGER, "4,300", "4300" },
    { SB_FIELD_INTEGER, "007", "7" },
    { SB_FIELD_INTEGER, "4300.5", NULL },
    { SB_FIELD_DECIMAL, "3.14", "3.14" },
    /* percentages */
    { SB_FIELD_PERCENT, "32.5", "32.5%" },
    { SB_FIELD_PERCENT, "32.5%", "32.5%" },
    { SB_FIELD_PERCENT, "32.5 %", "32.5%" },
    { SB_FIELD_PERCENT, "３２．５％", "32.5%" },
    { SB_FIELD_PERCENT, "15.20", "15.20%" },
    { SB_FIELD_PERCENT, "32.5%%", NULL },
    /* phones */
    { SB_FIELD_PHONE, "13951206837", "13951206837" },
    { SB_FIELD_PHONE, "139-5120-6837", "13951206837" },
    { SB_FIELD_PHONE, "139 5120 6837", "13951206837" },
    { SB_FIELD_PHONE, "+86 139 5120 6837", "13951206837" },
    { SB_FIELD_PHONE, "+86-13951206837", "13951206837" },
    { SB_FIELD_PHONE, "008613951206837", "13951206837" },
    { SB_FIELD_PHONE, "0513-85126688", "0513-85126688" },
    { SB_FIELD_PHONE, "0513 8512 6688", "0513-85126688" },
    { SB_FIELD_PHONE, "(0513)85126688", "0513-85126688" },
    { SB_FIELD_PHONE, "（0513）8512-6688", "0513-85126688" },
    { SB_FIELD_PHONE, "051385126688", "0513-85126688" },
    { SB_FIELD_PHONE, "01068206378", "010-68206378" },
    { SB_FIELD_PHONE, "010-68206378转123", "010-68206378转123" },
    { SB_FIELD_PHONE, "010-68206378 转 123", "010-68206378转123" },
    { SB_FIELD_PHONE, "0571-87654321-123", "0571-87654321转123" },
    { SB_FIELD_PHONE, "+86 10 6820 6378", "010-68206378" },
    { SB_FIELD_PHONE, "+86 513 8512 6688", "0513-85126688" },
    { SB_FIELD_PHONE, "0571-8765432", "0571-8765432" },
    { SB_FIELD_PHONE, "400-820-8820", "400-820-8820" },
    { SB_FIELD_PHONE, "4008208820", "400-820-8820" },
    { SB_FIELD_PHONE, "800 820 8820", "800-820-8820" },
    { SB_FIELD_PHONE, "０５１３－８５１２６６８８", "0513-85126688" },
    { SB_FIELD_PHONE, "0513-85126688\u3000", "0513-85126688" },
    { SB_FIELD_PHONE, "12951206837", NULL },
    { SB_FIELD_PHONE, "1395120683", NULL },
    { SB_FIELD_PHONE, "85126688", NULL },
    { SB_FIELD_PHONE, "0513-851266", NULL },
    { SB_FIELD_PHONE, "0513--85126688", NULL },
    { SB_FIELD_PHONE, "010-68206378转", NULL },
    /* e-mail, postcode, codes */
    { SB_FIELD_EMAIL, "linxiaoyuan@jdyaoying-med.com.cn", "linxiaoyuan@jdyaoying-med.com.cn" },
    { SB_FIELD_EMAIL, "ｌｉｎ＠ｊｄ．ｃｏｍ", "lin@jd.com" },
    { SB_FIELD_EMAIL, "lin@jd。com", NULL },
    { SB_FIELD_POSTCODE, "２２６０００", "226000" },
    { SB_FIELD_POSTCODE, "22600", NULL },
    { SB_FIELD_IDCARD, "32010219760512031x", "32010219760512031X" },
    { SB_FIELD_IDCARD, "３２０１０２１９７６０５１２０３１８", "320102197605120318" },
    { SB_FIELD_USCC, "91320594ma1n7k2q8d", "91320594MA1N7K2Q8D" },
    { SB_FIELD_USCC, "９１３２０５９４ＭＡ１Ｎ７Ｋ２Ｑ８Ｄ", "91320594MA1N7K2Q8D" },
    { SB_FIELD_USCC, "91320594MA1N7K2Q8O", NULL },
    { SB_FIELD_ORGCODE, "466001232", "46600123-2" },
    { SB_FIELD_ORGCODE, "46600123－2", "46600123-2" },
    { SB_FIELD_ORGCODE, "ma1p3r6w-1", "MA1P3R6W-1" },
};

static void test_print(void)
{
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        const Case *c = &cases[i];
        char *printed = sb_typed_print(c->type, c->typed);
        if (g_strcmp0(printed, c->printed) != 0)
            g_error("%s '%s' prints as '%s', expected '%s'", sb_field_type_name(c->type), c->typed,
                    printed ? printed : "(refused)", c->printed ? c->printed : "(refused)");
        /* the official style reads back as itself */
        if (printed) {
            char *again = sb_typed_print(c->type, printed);
            g_assert_cmpstr(again, ==, printed);
            g_free(again);
        }
        g_free(printed);
    }
}

static void test_unreal_dates(void)
{
    static const struct { SbFieldType type; const char *text; } unreal[] = {
        { SB_FIELD_DATE, "2025-02-30" }, { SB_FIELD_DATE, "2025年13月1日" },
        { SB_FIELD_DATE, "2023/2/29" }, { SB_FIELD_YEAR_MONTH, "1976-13" },
        { SB_FIELD_YEAR_MONTH, "1976.0" }, { SB_FIELD_DATE, "0000-01-01" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(unreal); i++) {
        SbTyped t;
        g_assert_cmpint(sb_typed_read(unreal[i].type, unreal[i].text, &t), ==, SB_TYPED_UNREAL);
        g_assert_null(t.text);
    }
    SbTyped t;
    g_assert_cmpint(sb_typed_read(SB_FIELD_DATE, "2024/2/29", &t), ==, SB_TYPED_OK);
    g_assert_cmpint(t.year, ==, 2024);
    g_assert_cmpint(t.month, ==, 2);
    g_assert_cmpint(t.day, ==, 29);
    sb_typed_clear(&t);
    g_assert_cmpint(sb_typed_read(SB_FIELD_PERCENT, "３２．５％", &t), ==, SB_TYPED_OK);
    g_assert_cmpfloat(t.number, ==, 32.5);
    sb_typed_clear(&t);
}

static void test_fold(void)
{
    int lead = -1;
    char *f = sb_typed_fold("\u3000 ０５１３－８５１２\u00A0６６８８ \u3000", &lead);
    g_assert_cmpstr(f, ==, "0513-8512 6688");
    g_assert_cmpint(lead, ==, 2);
    g_free(f);
}

static gboolean schema_takes(const char *schema_pattern, const char *text)
{
    return g_regex_match_simple(schema_pattern, text, 0, 0);
}

/* The schema's pattern takes a text exactly when the fold and the pattern do, and takes
 * blank texts (a field not filled in yet). */
static void test_schema_patterns(void)
{
    static const char *const extra[] = { "", " ", "\u3000", "\t", "x", "－", "2025 -10-20", NULL };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        const Case *c = &cases[i];
        char *schema = sb_typed_schema_pattern(sb_typed_pattern(c->type));
        g_assert_nonnull(schema);
        gboolean reads = c->printed != NULL;
        if (schema_takes(schema, c->typed) != reads)
            g_error("%s: the schema pattern %s '%s'; reading %s it\n%s", sb_field_type_name(c->type),
                    reads ? "refuses" : "takes", c->typed, reads ? "takes" : "refuses", schema);
        for (guint k = 0; extra[k]; k++) {
            char *folded = sb_typed_fold(extra[k], NULL);
            gboolean blank = *folded == '\0';
            gboolean matched = g_regex_match_simple(sb_typed_pattern(c->type), folded, 0, 0);
            g_assert_cmpint(schema_takes(schema, extra[k]), ==, blank || matched);
            g_free(folded);
        }
        g_free(schema);
    }
}

/* Bounded patterns: a percentage within 0–100, an amount without a minus sign. */
static void test_bounded_patterns(void)
{
    char *pct = sb_typed_bounded_pattern(SB_FIELD_PERCENT, TRUE, TRUE);
    static const struct { const char *text; gboolean in; } percents[] = {
        { "0", TRUE }, { "32.5", TRUE }, { "32.5%", TRUE }, { "100", TRUE }, { "100.00", TRUE },
        { "0100", TRUE }, { ".5", TRUE }, { "100.5", FALSE }, { "150", FALSE }, { "-5", FALSE },
        { "1000", FALSE },
    };
    for (guint i = 0; i < G_N_ELEMENTS(percents); i++) {
        gboolean in = g_regex_match_simple(pct, percents[i].text, 0, 0);
        SbTyped t;
        g_assert_cmpint(sb_typed_read(SB_FIELD_PERCENT, percents[i].text, &t), ==, SB_TYPED_OK);
        if (in != percents[i].in || in != (t.number >= 0 && t.number <= 100))
            g_error("percent '%s': bounded pattern %s", percents[i].text, in ? "takes it" : "refuses it");
        sb_typed_clear(&t);
    }
    g_free(pct);
    char *money = sb_typed_bounded_pattern(SB_FIELD_MONEY, TRUE, FALSE);
    g_assert_true(g_regex_match_simple(money, "128,650.42", 0, 0));
    g_assert_true(g_regex_match_simple(money, "+5", 0, 0));
    g_assert_false(g_regex_match_simple(money, "-5", 0, 0));
    g_free(money);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/typed/print", test_print);
    g_test_add_func("/typed/unreal-dates", test_unreal_dates);
    g_test_add_func("/typed/fold", test_fold);
    g_test_add_func("/typed/schema-patterns", test_schema_patterns);
    g_test_add_func("/typed/bounded-patterns", test_bounded_patterns);
    return g_test_run();
}
