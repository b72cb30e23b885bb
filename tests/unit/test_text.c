/*
 * test_text.c - mt_text_clean: what free text from people may bring into
 * a drawn view (control codes, bidi overrides, broken UTF-8) and what it
 * leaves there.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "maturity/util.h"

#define FFFD "\xEF\xBF\xBD"

/* Cleans all of s with the replacement rep and compares with want. */
static void expect_clean(const char *s, const char *rep, const char *want)
{
    char *got = mt_text_clean(s, strlen(s), rep);
    assert_non_null(got);
    assert_string_equal(got, want);
    /* a second pass finds nothing more to do */
    char *again = mt_text_clean(got, strlen(got), rep);
    assert_non_null(again);
    assert_string_equal(again, got);
    free(again);
    free(got);
}

static void test_plain_text_unchanged(void **state)
{
    (void)state;
    expect_clean("", FFFD, "");
    expect_clean("Northwind Outdoor ) Tj ET BT (x\\y", FFFD, "Northwind Outdoor ) Tj ET BT (x\\y");
    /* Hebrew, accents, emoji, NBSP, zero-width joiner: all kept */
    expect_clean("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D caf\xC3\xA9 \xF0\x9F\x98\x80\xC2\xA0x\xE2\x80\x8Dy",
                 FFFD,
                 "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D caf\xC3\xA9 \xF0\x9F\x98\x80\xC2\xA0x\xE2\x80\x8Dy");
}

static void test_white_space_controls_become_spaces(void **state)
{
    (void)state;
    expect_clean("a\tb\nc\rd\ve\ff", FFFD, "a b c d e f");
    /* NEL, line separator, paragraph separator */
    expect_clean("a\xC2\x85" "b\xE2\x80\xA8" "c\xE2\x80\xA9" "d", FFFD, "a b c d");
}

static void test_other_controls_replaced(void **state)
{
    (void)state;
    /* an OSC title sequence and a colour sequence: ESC and BEL replaced,
     * the printable rest kept */
    expect_clean("Evil\x1b]0;pwned\x07 \x1b[31mRED", FFFD, "Evil" FFFD "]0;pwned" FFFD " " FFFD "[31mRED");
    expect_clean("\x01\x08\x0e\x1f\x7f", "?", "?????");
    /* C1 controls as UTF-8: U+0080, U+009B (CSI), U+009F */
    expect_clean("a\xC2\x80" "b\xC2\x9B" "31m\xC2\x9F", "?", "a?b?31m?");
    /* U+00A0 and U+00FF are characters, not controls */
    expect_clean("\xC2\xA0\xC3\xBF", "?", "\xC2\xA0\xC3\xBF");
    expect_clean("bell\x07here", "", "bellhere");
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    /* a lone continuation byte, a truncated sequence, an overlong '/', a surrogate */
    expect_clean("a\x80" "b\xC3", "?", "a?b?");
    expect_clean("\xC0\xAF|\xED\xA0\x80", "?", "??|???");
    expect_clean("x\xFFy", FFFD, "x" FFFD "y");
}

static void test_bidi_overrides_removed_marks_kept(void **state)
{
    (void)state;
    /* RLO ... PDF around a reversed file name: the override goes, the text stays */
    expect_clean("invoice\xE2\x80\xAEtxt.exe\xE2\x80\xAC", FFFD, "invoicetxt.exe");
    /* LRE RLE PDF LRO RLO, then LRI RLI FSI PDI */
    expect_clean("a\xE2\x80\xAA" "b\xE2\x80\xAB" "c\xE2\x80\xAC" "d\xE2\x80\xAD" "e\xE2\x80\xAE"
                 "f\xE2\x81\xA6" "g\xE2\x81\xA7" "h\xE2\x81\xA8" "i\xE2\x81\xA9" "j",
                 FFFD, "abcdefghij");
    /* LRM, RLM, ALM stay */
    expect_clean("x\xE2\x80\x8Ey\xE2\x80\x8Fz\xD8\x9C", FFFD, "x\xE2\x80\x8Ey\xE2\x80\x8Fz\xD8\x9C");
    /* the neighbours of the range stay: U+2029 is a space, U+202F and U+2065 are kept */
    expect_clean("\xE2\x80\xAF|\xE2\x81\xA5", FFFD, "\xE2\x80\xAF|\xE2\x81\xA5");
}

static void test_length_bounds_the_input(void **state)
{
    (void)state;
    char *got = mt_text_clean("abc\x01" "def", 4, "?");
    assert_non_null(got);
    assert_string_equal(got, "abc?");
    free(got);
    /* a sequence cut by the length is invalid there, not read past it */
    got = mt_text_clean("\xD7\xA9", 1, "?");
    assert_non_null(got);
    assert_string_equal(got, "?");
    free(got);
    /* a NUL ends the text early */
    got = mt_text_clean("ab\0cd", 5, "?");
    assert_non_null(got);
    assert_string_equal(got, "ab");
    free(got);
    /* every byte a control: the replacement, three bytes each, fits */
    got = mt_text_clean("\x01\x02\x03\x04\x05\x06\x07\x08", 8, FFFD);
    assert_non_null(got);
    assert_int_equal(strlen(got), 24);
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_white_space_controls_become_spaces),
        cmocka_unit_test(test_other_controls_replaced),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_bidi_overrides_removed_marks_kept),
        cmocka_unit_test(test_length_bounds_the_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
