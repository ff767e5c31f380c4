/* Check digits of citizen IDs (GB 11643), unified social credit codes (GB 32100) and
 * organisation codes (GB 11714).
 *
 * The good numbers are the standards' published examples and numbers whose check
 * characters were worked out by hand from the weights; the bad ones change one thing
 * each. */
#include <string.h>

#include "checkdigit.h"

/* ---- citizen ID ---- */

static void test_idcard_published(void)
{
    /* The example of GB 11643-1999: 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10
     * +1·5+0·8+0·4+2·2 = 167, 167 mod 11 = 2, and position 2 of "10X98765432" is X. */
    g_assert_true(sb_idcard_valid("11010519491231002X"));
    g_assert_cmpint(sb_idcard_check_char("11010519491231002"), ==, 'X');
}

static void test_idcard_computed(void)
{
    g_assert_cmpint(sb_idcard_check_char("44030419900101001"), ==, '1');
    g_assert_true(sb_idcard_valid("440304199001010011"));
    g_assert_cmpint(sb_idcard_check_char("32010619850615123"), ==, '1');
    g_assert_true(sb_idcard_valid("320106198506151231"));
}

static void test_idcard_lowercase_x(void)
{
    g_assert_true(sb_idcard_valid("11010519491231002x"));
}

static void test_idcard_wrong_check(void)
{
    g_assert_false(sb_idcard_valid("110105194912310021"));
    g_assert_false(sb_idcard_valid("440304199001010012"));
    g_assert_false(sb_idcard_valid("44030419900101001X"));
}

static void test_idcard_wrong_length(void)
{
    g_assert_false(sb_idcard_valid("11010519491231002"));
    g_assert_false(sb_idcard_valid("11010519491231002X0"));
    g_assert_false(sb_idcard_valid(""));
    g_assert_false(sb_idcard_valid(NULL));
    /* the old 15-digit IDs carry no check digit and are not accepted */
    g_assert_false(sb_idcard_valid("110105491231002"));
}

static void test_idcard_bad_characters(void)
{
    g_assert_false(sb_idcard_valid("1101051949123100AX"));
    g_assert_false(sb_idcard_valid("11010519491231002Y"));
    g_assert_false(sb_idcard_valid("11010519491231 02X"));
    g_assert_cmpint(sb_idcard_check_char("1101051949123100A"), ==, 0);
    g_assert_cmpint(sb_idcard_check_char("110105"), ==, 0);
}

/* A valid check character on an ID whose birth date is wrong. */
static char *id_with_birth(const char *birth)
{
    char first17[18];
    g_snprintf(first17, sizeof first17, "110105%s002", birth);
    char check = sb_idcard_check_char(first17);
    g_assert_cmpint(check, !=, 0);
    return g_strdup_printf("%s%c", first17, check);
}

static void test_idcard_impossible_birth(void)
{
    const char *births[] = {
        "19490230",  /* 30 February */
        "19491301",  /* month 13 */
        "19490000",  /* month and day 0 */
        "18991231",  /* before 1900 */
        "19000229",  /* 1900 was not a leap year */
        "29991231",  /* in the future */
    };
    for (guint i = 0; i < G_N_ELEMENTS(births); i++) {
        char *id = id_with_birth(births[i]);
        g_test_message("birth %s: %s", births[i], id);
        g_assert_false(sb_idcard_valid(id));
        g_free(id);
    }
    char *leap = id_with_birth("20000229");
    g_assert_true(sb_idcard_valid(leap));
    g_free(leap);
}

/* ---- unified social credit code ---- */

static void test_uscc_published(void)
{
    /* The example of GB 32100-2015; its organisation code part, M000100Y4, is itself a
     * valid GB 11714 code. */
    g_assert_true(sb_uscc_valid("91350100M000100Y43"));
    g_assert_cmpint(sb_uscc_check_char("91350100M000100Y4"), ==, '3');
    g_assert_true(sb_orgcode_valid("M000100Y4"));
}

static void test_uscc_computed(void)
{
    g_assert_cmpint(sb_uscc_check_char("91110000MA01ABCD2"), ==, 'Q');
    g_assert_true(sb_uscc_valid("91110000MA01ABCD2Q"));
}

static void test_uscc_wrong_check(void)
{
    g_assert_false(sb_uscc_valid("91350100M000100Y44"));
    g_assert_false(sb_uscc_valid("91350100M000100Y4A"));
    g_assert_false(sb_uscc_valid("91110000MA01ABCD2R"));
}

static void test_uscc_wrong_length(void)
{
    g_assert_false(sb_uscc_valid("91350100M000100Y4"));
    g_assert_false(sb_uscc_valid("91350100M000100Y433"));
    g_assert_false(sb_uscc_valid(""));
    g_assert_false(sb_uscc_valid(NULL));
}

static void test_uscc_bad_characters(void)
{
    /* I, O, Z, S and V are not in the code's alphabet, nor lower case */
    const char *bad[] = { "91350100I000100Y43", "91350100O000100Y43", "91350100Z000100Y43",
                          "91350100S000100Y43", "91350100V000100Y43", "91350100m000100y43",
                          "9135010-M000100Y43" };
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
        g_assert_false(sb_uscc_valid(bad[i]));
    g_assert_cmpint(sb_uscc_check_char("91350100I000100Y4"), ==, 0);
}

/* ---- organisation code ---- */

static void test_orgcode_published(void)
{
    /* The example of GB 11714-1997: D·3+2·7+1·9+4·10+3·5+5·8+6·4+9·2 = 13·3+14+9+40+15
     * +40+24+18 = 199, 199 mod 11 = 1, 11 − 1 = 10, written X. */
    g_assert_true(sb_orgcode_valid("D2143569-X"));
    g_assert_true(sb_orgcode_valid("D2143569X"));
    g_assert_cmpint(sb_orgcode_check_char("D2143569"), ==, 'X');
}

static void test_orgcode_computed(void)
{
    /* a sum divisible by 11 gives 11, written 0 */
    g_assert_cmpint(sb_orgcode_check_char("00000000"), ==, '0');
    g_assert_true(sb_orgcode_valid("00000000-0"));
    g_assert_cmpint(sb_orgcode_check_char("12345678"), ==, '8');
    g_assert_true(sb_orgcode_valid("12345678-8"));
    g_assert_true(sb_orgcode_valid("123456788"));
    g_assert_cmpint(sb_orgcode_check_char("57200013"), ==, '7');
    g_assert_true(sb_orgcode_valid("57200013-7"));
}

static void test_orgcode_wrong(void)
{
    g_assert_false(sb_orgcode_valid("D2143569-1"));
    g_assert_false(sb_orgcode_valid("12345678-9"));
    g_assert_false(sb_orgcode_valid("12345678"));         /* no check character */
    g_assert_false(sb_orgcode_valid("12345678-"));
    g_assert_false(sb_orgcode_valid("1234567-88"));       /* hyphen in the wrong place */
    g_assert_false(sb_orgcode_valid("12345678--8"));
    g_assert_false(sb_orgcode_valid("d2143569-X"));       /* lower case */
    g_assert_false(sb_orgcode_valid("D2143569-x"));
    g_assert_false(sb_orgcode_valid(NULL));
    g_assert_cmpint(sb_orgcode_check_char("1234567"), ==, 0);
    g_assert_cmpint(sb_orgcode_check_char("1234567-"), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/checkdigit/idcard/published", test_idcard_published);
    g_test_add_func("/checkdigit/idcard/computed", test_idcard_computed);
    g_test_add_func("/checkdigit/idcard/lowercase-x", test_idcard_lowercase_x);
    g_test_add_func("/checkdigit/idcard/wrong-check", test_idcard_wrong_check);
    g_test_add_func("/checkdigit/idcard/wrong-length", test_idcard_wrong_length);
    g_test_add_func("/checkdigit/idcard/bad-characters", test_idcard_bad_characters);
    g_test_add_func("/checkdigit/idcard/impossible-birth", test_idcard_impossible_birth);
    g_test_add_func("/checkdigit/uscc/published", test_uscc_published);
    g_test_add_func("/checkdigit/uscc/computed", test_uscc_computed);
    g_test_add_func("/checkdigit/uscc/wrong-check", test_uscc_wrong_check);
    g_test_add_func("/checkdigit/uscc/wrong-length", test_uscc_wrong_length);
    g_test_add_func("/checkdigit/uscc/bad-characters", test_uscc_bad_characters);
    g_test_add_func("/checkdigit/orgcode/published", test_orgcode_published);
    g_test_add_func("/checkdigit/orgcode/computed", test_orgcode_computed);
    g_test_add_func("/checkdigit/orgcode/wrong", test_orgcode_wrong);
    return g_test_run();
}
