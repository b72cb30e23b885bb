/*
 * test_group_answers.c - group_member_answer(): how each respondent of a
 * group answered each item, which the views break down by role (the
 * hotspots' answers per role, under MT_GROUP_ROLE_MIN).
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "maturity/group.h"
#include "maturity/util.h"

#define MODEL "tests/data/group-model.ini"

enum { I_A1, I_A2, I_A3, I_B1, I_B2, I_CH, I_X1, I_X2, I_X3, I_N1, I_T1 };

static mt_questionnaire *load_model(void)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    assert_int_equal(questionnaire_load_file(MODEL, &q, &d), MT_OK);
    mt_diags_free(&d);
    return q;
}

static void add(mt_group *g, const char *body)
{
    char *text = mt_asprintf("[meta]\nquestionnaire = group-model\nversion = 1.0\n%s", body);
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *a = NULL;
    assert_int_equal(answers_load_string(g->q, "t.ini", text, strlen(text), &a, &d), MT_OK);
    mt_result *r = NULL;
    assert_int_equal(scorer_score(g->q, a, &r), MT_OK);
    assert_int_equal(group_add(g, a, r), MT_OK);
    scorer_result_free(r);
    answers_free(a);
    mt_diags_free(&d);
    free(text);
}

/* Each respondent's point, option, don't know or nothing, item by item. */
static void test_codes(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    add(g, "role = Sales\n[answers]\na1 = 5\na2 = dk\nch = 3\nn1 = 12.5\nt1 = words\n");
    add(g, "role = Marketing\n[answers]\na1 = 1\nch = 1\nb1 = dk\n");
    assert_int_equal(group_finish(g), MT_OK);

    assert_int_equal(group_member_answer(g, 0, I_A1), 5);
    assert_int_equal(group_member_answer(g, 0, I_A2), MT_GROUP_ANSWER_DK);
    assert_int_equal(group_member_answer(g, 0, I_A3), MT_GROUP_ANSWER_NONE);
    assert_int_equal(group_member_answer(g, 0, I_CH), 3);
    assert_int_equal(group_member_answer(g, 0, I_N1), 1);   /* answered, not a point */
    assert_int_equal(group_member_answer(g, 0, I_T1), 1);
    assert_int_equal(group_member_answer(g, 1, I_A1), 1);
    assert_int_equal(group_member_answer(g, 1, I_CH), 1);
    assert_int_equal(group_member_answer(g, 1, I_B1), MT_GROUP_ANSWER_DK);
    assert_int_equal(group_member_answer(g, 1, I_N1), MT_GROUP_ANSWER_NONE);
    /* out of range: nothing, never a read past the end */
    assert_int_equal(group_member_answer(g, 2, I_A1), MT_GROUP_ANSWER_NONE);
    assert_int_equal(group_member_answer(g, 0, q->nitems), MT_GROUP_ANSWER_NONE);
    assert_int_equal(group_member_answer(NULL, 0, 0), MT_GROUP_ANSWER_NONE);

    /* the codes agree with the item's counts over the whole group */
    size_t fives = 0;
    for (size_t m = 0; m < g->n; m++)
        fives += group_member_answer(g, m, I_A1) == 5;
    assert_int_equal(fives, g->items[I_A1].counts[4]);
    group_free(g);
    questionnaire_free(q);
}

/* Enough respondents that the per-member arrays grow several times. */
static void test_many(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    for (int i = 0; i < 100; i++) {
        char body[64];
        snprintf(body, sizeof body, "[answers]\na1 = %d\nch = %d\n", i % 5 + 1, i % 3 + 1);
        add(g, body);
    }
    assert_int_equal(group_finish(g), MT_OK);
    for (size_t m = 0; m < g->n; m++) {
        assert_int_equal(group_member_answer(g, m, I_A1), (int)(m % 5 + 1));
        assert_int_equal(group_member_answer(g, m, I_CH), (int)(m % 3 + 1));
        assert_int_equal(group_member_answer(g, m, I_X1), MT_GROUP_ANSWER_NONE);
    }
    group_free(g);
    questionnaire_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
