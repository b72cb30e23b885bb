/*
 * test_bidi.c - logical-to-visual reordering of one line.
 *
 * Expected visual strings are worked out by the Unicode bidi algorithm by
 * hand: in a right-to-left paragraph the line is reversed, left-to-right
 * runs (Latin words, numbers) keep their own order, and brackets in
 * right-to-left runs are mirrored.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "maturity/bidi.h"

/* Hebrew letters used below, by name, so the expectations can be read. */
#define DALET "\xD7\x93"
#define VAV "\xD7\x95"
#define HET "\xD7\x97"
#define SHIN "\xD7\xA9"
#define LAMED "\xD7\x9C"
#define FINAL_MEM "\xD7\x9D"

static char *visual(const char *logical, bool rtl)
{
    char *out = NULL;
    assert_int_equal(bidi_visual_line(logical, rtl, &out), MT_OK);
    assert_non_null(out);
    return out;
}

static void expect_visual(const char *logical, bool rtl, const char *expected)
{
    char *out = visual(logical, rtl);
    assert_string_equal(out, expected);
    free(out);
}

static void test_latin_is_unchanged(void **state)
{
    (void)state;
    expect_visual("Digital marketing maturity (2026): 95%", false,
                  "Digital marketing maturity (2026): 95%");
    expect_visual("", false, "");
    expect_visual("", true, "");
}

static void test_hebrew_word_is_reversed(void **state)
{
    (void)state;
    /* shalom: shin lamed vav final-mem, drawn left to right from its end;
     * the final form stays what it is */
    expect_visual(SHIN LAMED VAV FINAL_MEM, true, FINAL_MEM VAV LAMED SHIN);
}

static void test_word_order_in_rtl_line(void **state)
{
    (void)state;
    /* two Hebrew words: the first typed ends up on the right */
    expect_visual(DALET VAV HET " " SHIN LAMED VAV FINAL_MEM, true,
                  FINAL_MEM VAV LAMED SHIN " " HET VAV DALET);
}

static void test_mixed_run_with_brackets_and_number(void **state)
{
    (void)state;
    /* "report (Report) 2024" in Hebrew: the number and the Latin word keep
     * their order, the brackets are mirrored so they still enclose it */
    expect_visual(DALET VAV HET " (Report) 2024", true, "2024 (Report) " HET VAV DALET);
}

static void test_percent_stays_with_number(void **state)
{
    (void)state;
    expect_visual(SHIN LAMED VAV FINAL_MEM " 95%", true, "95% " FINAL_MEM VAV LAMED SHIN);
}

static void test_hebrew_name_in_english_line(void **state)
{
    (void)state;
    /* an English report naming a Hebrew organisation */
    expect_visual("Organisation: " SHIN LAMED VAV FINAL_MEM, false,
                  "Organisation: " FINAL_MEM VAV LAMED SHIN);
}

static void test_latin_line_in_rtl_paragraph_keeps_words(void **state)
{
    (void)state;
    /* a label that fell back to English in a Hebrew report stays readable */
    expect_visual("Ravid Consulting", true, "Ravid Consulting");
}

static void test_has_rtl(void **state)
{
    (void)state;
    assert_true(bidi_has_rtl("abc " SHIN));
    assert_false(bidi_has_rtl("abc (123)"));
    assert_false(bidi_has_rtl(""));
}

static void test_length_is_kept(void **state)
{
    (void)state;
    /* reordering moves characters, never adds or drops one */
    const char *in = "12 " DALET VAV HET " abc " SHIN LAMED VAV FINAL_MEM " [x]";
    char *out = visual(in, true);
    assert_int_equal(strlen(out), strlen(in));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latin_is_unchanged),
        cmocka_unit_test(test_hebrew_word_is_reversed),
        cmocka_unit_test(test_word_order_in_rtl_line),
        cmocka_unit_test(test_mixed_run_with_brackets_and_number),
        cmocka_unit_test(test_percent_stays_with_number),
        cmocka_unit_test(test_hebrew_name_in_english_line),
        cmocka_unit_test(test_latin_line_in_rtl_paragraph_keeps_words),
        cmocka_unit_test(test_has_rtl),
        cmocka_unit_test(test_length_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
