/*
 * test_roundtrip.c - what is saved reads back the same: regressions found
 * by the fuzz targets (tests/fuzz/), kept here as plain unit tests.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/answers.h"
#include "maturity/questionnaire.h"
#include "maturity/util.h"


static mt_questionnaire *load_base(void)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    /* run from the repository root, as scripts/run-tests.sh does */
    assert_int_equal(questionnaire_load_file("tests/bad/base-questionnaire.ini", &q, &d), MT_OK);
    mt_diags_free(&d);
    return q;
}

static size_t text_item(const mt_questionnaire *q)
{
    for (size_t i = 0; i < q->nitems; i++)
        if (q->items[i].type == MT_ITEM_TEXT)
            return i;
    fail_msg("the questionnaire has no text item");
    return 0;
}

/* Saves text as the text answer and as a note, loads it back, compares. */
static void assert_survives(const char *text)
{
    mt_questionnaire *q = load_base();
    size_t t = text_item(q);
    mt_answers *a = NULL;
    assert_int_equal(answers_new(q, &a), MT_OK);
    a->items[t].state = MT_ANSWER_VALUE;
    a->items[t].text = mt_strdup(text);
    a->items[0].note = mt_strdup(text);
    char *saved = NULL;
    assert_int_equal(answers_to_string(a, &saved), MT_OK);
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *b = NULL;
    assert_int_equal(answers_load_string(q, "saved.ini", saved, strlen(saved), &b, &d), MT_OK);
    assert_string_equal(b->items[t].text, text);
    assert_string_equal(b->items[0].note, text);
    answers_free(a);
    answers_free(b);
    mt_diags_free(&d);
    free(saved);
    questionnaire_free(q);
}

/* A word longer than a line used to come back with a space inside it. */
static void test_long_word(void **state)
{
    (void)state;
    char word[1200];
    memset(word, 'x', 450);
    word[450] = '\0';
    assert_survives(word);
    strcpy(word, "see https://example.org/");
    for (int i = 0; i < 40; i++)
        strcat(word, "segment-");
    strcat(word, " and more");
    assert_survives(word);
}

/* Backslashes where the line is cut: an escaped backslash is no join mark. */
static void test_backslashes_at_the_cut(void **state)
{
    (void)state;
    char text[1200];
    for (int shift = 0; shift < 4; shift++) {
        memset(text, 'a', (size_t)shift);
        memset(text + shift, '\\', 400);
        text[shift + 400] = '\0';
        assert_survives(text);
    }
    strcpy(text, "C:\\temp\\");
    assert_survives(text);
}

/* Hebrew: a long word is cut at a character boundary and joined again. */
static void test_long_hebrew_word(void **state)
{
    (void)state;
    char text[2000] = "";
    for (int i = 0; i < 120; i++)
        strcat(text, "ש");
    assert_survives(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_backslashes_at_the_cut),
        cmocka_unit_test(test_long_hebrew_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
