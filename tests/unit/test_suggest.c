/*
 * test_suggest.c - mt_suggest(), the "did you mean" helper: the slips it
 * catches (a swap, a letter missing, extra or wrong, case), the words it
 * leaves alone (too far, too short, two equally close), characters counted
 * as characters, and inputs at and past its limits.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "maturity/util.h"

#define N(a) (sizeof a / sizeof a[0])

static const char *const commands[] = {
    "assess", "score", "explain", "report", "norms", "lint", "questionnaires", "import", "help",
};

static const char *const report_options[] = {
    "baseline", "norms", "names", "pdf", "xlsx", "lang", "brand", "paper", "questionnaire", "help",
};

static const char *const map_keys[] = { "column", "column_number", "separator", "dont_know" };

static void test_swapped_neighbours(void **state)
{
    (void)state;
    assert_string_equal(mt_suggest("reprot", commands, N(commands)), "report");
    assert_string_equal(mt_suggest("pfd", report_options, N(report_options)), "pdf");
    assert_string_equal(mt_suggest("trust_valeu", (const char *const[]){ "trust_value",
                                   "trust_vague_ness", "value_trust" }, 3), "trust_value");
}

static void test_missing_extra_and_wrong_letters(void **state)
{
    (void)state;
    assert_string_equal(mt_suggest("colum", map_keys, N(map_keys)), "column");
    assert_string_equal(mt_suggest("columnn", map_keys, N(map_keys)), "column");
    assert_string_equal(mt_suggest("colunm_nmber", map_keys, N(map_keys)), "column_number");
    assert_string_equal(mt_suggest("expalin", commands, N(commands)), "explain");
    assert_string_equal(mt_suggest("questionaire", report_options, N(report_options)),
                        "questionnaire");
    assert_string_equal(mt_suggest("xlxs", report_options, N(report_options)), "xlsx");
}

static void test_case_is_ignored(void **state)
{
    (void)state;
    assert_string_equal(mt_suggest("REPORT", commands, N(commands)), "report");
    assert_string_equal(mt_suggest("Pdf", report_options, N(report_options)), "pdf");
}

static void test_far_words_get_nothing(void **state)
{
    (void)state;
    assert_null(mt_suggest("frobnicate", commands, N(commands)));
    assert_null(mt_suggest("rep", commands, N(commands)));      /* three letters missing */
    assert_null(mt_suggest("colour", map_keys, N(map_keys)));   /* two edits on six letters is */
    assert_string_equal(mt_suggest("colmun", map_keys, N(map_keys)), "column");   /* ...one is */
    assert_null(mt_suggest("zzzzzzzzzzzz", report_options, N(report_options)));
}

static void test_short_words_need_an_exact_match(void **state)
{
    (void)state;
    static const char *const langs[] = { "en", "he" };
    assert_null(mt_suggest("hw", langs, N(langs)));     /* one edit on two letters */
    assert_null(mt_suggest("x", langs, N(langs)));
    assert_string_equal(mt_suggest("HE", langs, N(langs)), "he");
    /* three letters: one edit is allowed, two are not */
    assert_string_equal(mt_suggest("pdd", report_options, N(report_options)), "pdf");
    assert_null(mt_suggest("pxx", report_options, N(report_options)));
}

static void test_a_tie_suggests_nothing(void **state)
{
    (void)state;
    static const char *const items[] = { "ch_11", "ch_12", "ch_21" };
    assert_null(mt_suggest("ch_13", items, N(items)));          /* ch_11 and ch_12 are one off */
    assert_string_equal(mt_suggest("ch_221", items, N(items)), "ch_21");
    static const char *const twice[] = { "report", "report" };
    assert_string_equal(mt_suggest("reprot", twice, N(twice)), "report");   /* no tie */
    /* the closer of two wins even when the other is within reach */
    static const char *const near[] = { "baselines", "baseline" };
    assert_string_equal(mt_suggest("baselin", near, N(near)), "baseline");
}

static void test_characters_not_bytes(void **state)
{
    (void)state;
    /* two Hebrew letters are four bytes: counted in bytes, one edit would pass */
    static const char *const he[] = { "אב", "שלום" };
    assert_null(mt_suggest("אג", he, N(he)));
    assert_string_equal(mt_suggest("שלוס", he, N(he)), "שלום");
    assert_string_equal(mt_suggest("לשום", he, N(he)), "שלום");   /* a swap is one edit */
    /* a two-byte letter for another is one edit, not two */
    static const char *const accents[] = { "caf\xC3\xA9" };
    assert_string_equal(mt_suggest("caf\xC3\xA8", accents, 1), "caf\xC3\xA9");
}

static void test_edges(void **state)
{
    (void)state;
    assert_null(mt_suggest(NULL, commands, N(commands)));
    assert_null(mt_suggest("report", NULL, 3));
    assert_null(mt_suggest("", commands, N(commands)));
    assert_null(mt_suggest("reprot", commands, 0));
    static const char *const holes[] = { NULL, "", "report", NULL };
    assert_string_equal(mt_suggest("reprot", holes, N(holes)), "report");
    assert_string_equal(mt_suggest("report", commands, N(commands)), "report");
    /* invalid UTF-8 is compared byte by byte and does not crash */
    static const char *const bad[] = { "re\xFFport" };
    assert_string_equal(mt_suggest("re\xFEport", bad, 1), "re\xFFport");

    char at_limit[MT_SUGGEST_MAX + 1], past[MT_SUGGEST_MAX + 2], other[MT_SUGGEST_MAX + 1];
    memset(at_limit, 'a', MT_SUGGEST_MAX);
    at_limit[MT_SUGGEST_MAX] = '\0';
    memcpy(other, at_limit, sizeof other);
    other[10] = 'b';
    memset(past, 'a', MT_SUGGEST_MAX + 1);
    past[MT_SUGGEST_MAX + 1] = '\0';
    const char *const longs[] = { other, past };
    assert_ptr_equal(mt_suggest(at_limit, longs, 2), other);   /* the longer one is skipped */
    assert_null(mt_suggest(past, longs, 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_swapped_neighbours),
        cmocka_unit_test(test_missing_extra_and_wrong_letters),
        cmocka_unit_test(test_case_is_ignored),
        cmocka_unit_test(test_far_words_get_nothing),
        cmocka_unit_test(test_short_words_need_an_exact_match),
        cmocka_unit_test(test_a_tie_suggests_nothing),
        cmocka_unit_test(test_characters_not_bytes),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
