/* Check digits of Chinese identification numbers. */
#ifndef SB_CHECKDIGIT_H
#define SB_CHECKDIGIT_H

#include <glib.h>

/* 18-character citizen ID (GB 11643-1999): 17 digits and a check character 0-9 or X.
 * Also checks that the birth date in it is a real date. */
gboolean sb_idcard_valid(const char *id);

/* 18-character unified social credit code (GB 32100-2015), check character last. */
gboolean sb_uscc_valid(const char *code);

/* Organisation code (GB 11714-1997): 8 characters and a check character, written with
 * or without the hyphen ("12345678-9" or "123456789"). */
gboolean sb_orgcode_valid(const char *code);

/* The check character each would expect for the first 17 / 17 / 8 characters, or 0. */
char sb_idcard_check_char(const char *first17);
char sb_uscc_check_char(const char *first17);
char sb_orgcode_check_char(const char *first8);

#endif
