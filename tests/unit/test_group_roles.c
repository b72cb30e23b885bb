/*
 * test_group_roles.c - which roles a view may show (group_roles.h): roles
 * of at least MT_GROUP_ROLE_MIN on their own, the smaller ones as "other
 * roles", the smallest role joining them while they are too few, nothing
 * when only the whole group would be left; and "other roles"' own
 * statistics, worked out by hand in the comments.
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

#include "maturity/group_roles.h"
#include "maturity/util.h"

#define MODEL "tests/data/group-model.ini"
#define EPS 1e-6

enum { A, B, BAR };   /* construct indexes in group-model.ini */

static mt_questionnaire *load_model(void)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    assert_int_equal(questionnaire_load_file(MODEL, &q, &d), MT_OK);
    mt_diags_free(&d);
    return q;
}

/* One respondent with this role (NULL: none) and the same answer to
 * a1..a3, so that their Archetype A score is (answer - 1) * 25. */
static void add(mt_group *g, const char *role, int a)
{
    char *text = mt_asprintf("[meta]\nquestionnaire = group-model\nversion = 1.0\n%s%s%s"
                             "[answers]\na1 = %d\na2 = %d\na3 = %d\nb1 = 3\nb2 = 3\n",
                             role ? "role = " : "", role ? role : "", role ? "\n" : "", a, a, a);
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *ans = NULL;
    assert_int_equal(answers_load_string(g->q, "test.ini", text, strlen(text), &ans, &d), MT_OK);
    mt_result *r = NULL;
    assert_int_equal(scorer_score(g->q, ans, &r), MT_OK);
    assert_int_equal(group_add(g, ans, r), MT_OK);
    scorer_result_free(r);
    answers_free(ans);
    mt_diags_free(&d);
    free(text);
}

typedef struct member {
    const char *role;
    int a;
} member;

static mt_group *group_of(const mt_questionnaire *q, const member *m, size_t n)
{
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    for (size_t i = 0; i < n; i++)
        add(g, m[i].role, m[i].a);
    assert_int_equal(group_finish(g), MT_OK);
    return g;
}

/* A chief executive alone, two auditors, three in Sales, four in
 * Marketing: Sales and Marketing on their own, the executive and the
 * auditors as "other roles" (3). */
static void test_small_roles_merged(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    static const member m[] = {
        { "CEO", 5 }, { "Audit", 4 }, { "audit ", 2 }, { "Sales", 3 }, { "Marketing", 4 },
        { "Sales", 2 }, { "Marketing", 4 }, { "Marketing", 5 }, { "Sales", 1 }, { "Marketing", 5 },
    };
    mt_group *g = group_of(q, m, sizeof m / sizeof m[0]);
    mt_role_view v;
    assert_int_equal(group_roles_view(g, &v), MT_OK);
    assert_true(v.shown);
    assert_int_equal(v.ncols, 3);
    assert_string_equal(g->roles[v.cols[0].role].name, "Sales");
    assert_int_equal(v.cols[0].n, 3);
    assert_string_equal(g->roles[v.cols[1].role].name, "Marketing");
    assert_int_equal(v.cols[1].n, 4);
    assert_int_equal(v.cols[2].role, MT_ROLE_OTHER);
    assert_int_equal(v.cols[2].n, 3);
    assert_int_equal(v.other_n, 3);
    assert_int_equal(v.small_roles, 2);
    assert_int_equal(v.joined, 0);
    assert_int_equal(v.hidden, 0);
    /* Archetype A of the other roles: 100, 75 and 25, mean 66.67 */
    assert_int_equal(v.cols[2].stats[A].n, 3);
    assert_float_equal(v.cols[2].stats[A].mean, 200.0 / 3, EPS);
    assert_float_equal(v.cols[2].stats[A].median, 75, EPS);
    assert_float_equal(v.cols[2].result->constructs[A].score, 200.0 / 3, EPS);
    assert_true(v.cols[2].result->constructs[A].sufficient);
    /* a role's own column is the group's statistics of that role */
    assert_ptr_equal(v.cols[0].stats, g->roles[v.cols[0].role].constructs);
    assert_int_equal(group_roles_col_of(g, &v, 0), 2);
    assert_int_equal(group_roles_col_of(g, &v, 2), 2);
    assert_int_equal(group_roles_col_of(g, &v, 3), 0);
    assert_int_equal(group_roles_col_of(g, &v, 4), 1);
    assert_int_equal(group_roles_col_of(g, &v, 99), -1);
    group_roles_view_free(&v);
    group_free(g);
    questionnaire_free(q);
}

/* One executive is too few even as "other roles": the smallest role
 * shown (Sales, 3) joins them, so "other roles" are 4 and Marketing (5)
 * stays on its own; Sales is no longer a column. */
static void test_smallest_joins(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    static const member m[] = {
        { "Marketing", 5 }, { "CEO", 5 }, { "Sales", 1 }, { "Sales", 1 }, { "Sales", 1 },
        { "Marketing", 5 }, { "Marketing", 5 }, { "Marketing", 5 }, { "Marketing", 5 },
    };
    mt_group *g = group_of(q, m, sizeof m / sizeof m[0]);
    mt_role_view v;
    assert_int_equal(group_roles_view(g, &v), MT_OK);
    assert_true(v.shown);
    assert_int_equal(v.ncols, 2);
    assert_string_equal(g->roles[v.cols[0].role].name, "Marketing");
    assert_int_equal(v.cols[1].role, MT_ROLE_OTHER);
    assert_int_equal(v.other_n, 4);
    assert_int_equal(v.small_roles, 1);
    assert_int_equal(v.joined, 1);
    /* 100 and three times 0: 25 */
    assert_float_equal(v.cols[1].stats[A].mean, 25, EPS);
    assert_int_equal(group_roles_col_of(g, &v, 2), 1);
    group_roles_view_free(&v);
    group_free(g);
    questionnaire_free(q);
}

/* Two roles of two: "other roles" would be the whole room again. */
static void test_only_the_whole_group(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    static const member m[] = { { "CEO", 5 }, { "CEO", 4 }, { "Audit", 2 }, { "Audit", 1 } };
    mt_group *g = group_of(q, m, 4);
    mt_role_view v;
    assert_int_equal(group_roles_view(g, &v), MT_OK);
    assert_false(v.shown);
    assert_int_equal(v.ncols, 1);
    assert_int_equal(v.cols[0].role, MT_ROLE_OTHER);
    group_roles_view_free(&v);
    group_free(g);
    questionnaire_free(q);
}

/* Two people in all: too few for any column; no role given by anyone:
 * nothing to show by role either. */
static void test_too_few_or_no_roles(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    static const member two[] = { { "CEO", 5 }, { "Audit", 2 } };
    mt_group *g = group_of(q, two, 2);
    mt_role_view v;
    assert_int_equal(group_roles_view(g, &v), MT_OK);
    assert_false(v.shown);
    assert_int_equal(v.ncols, 0);
    assert_int_equal(v.hidden, 2);
    assert_int_equal(v.other_n, 0);
    assert_int_equal(group_roles_col_of(g, &v, 0), -1);
    group_roles_view_free(&v);
    group_free(g);

    static const member none[] = { { NULL, 5 }, { NULL, 2 }, { NULL, 3 } };
    g = group_of(q, none, 3);
    assert_int_equal(group_roles_view(g, &v), MT_OK);
    assert_false(v.shown);
    assert_int_equal(v.ncols, 1);
    assert_null(g->roles[v.cols[0].role].name);
    group_roles_view_free(&v);
    group_free(g);
    questionnaire_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_roles_merged),
        cmocka_unit_test(test_smallest_joins),
        cmocka_unit_test(test_only_the_whole_group),
        cmocka_unit_test(test_too_few_or_no_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
