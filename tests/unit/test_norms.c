/*
 * test_norms.c - portfolio norms: building from results, the file round
 * trip, percentiles worked out by hand, and every loader error with its
 * line.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "maturity/norms.h"
#include "maturity/util.h"

#define EPS 1e-6
#define MODEL "tests/data/group-model.ini"

static mt_questionnaire *load_q(const char *path)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    assert_int_equal(questionnaire_load_file(path, &q, &d), MT_OK);
    mt_diags_free(&d);
    return q;
}

/* The twelve respondents of tests/data/group/ as norms. Their scores
 * (tests/reference/score.py), rounded to whole points:
 *   arch_a: 83 83 50 50 75 92 83 (r08 insufficient) 58 67 42 75   n = 11
 *   bar:    17 33 33 83 75 8 42 33 75 8 100 25                     n = 12 */
static mt_norms *reference_norms(mt_questionnaire *q)
{
    char *arg = "tests/data/group";
    char **paths = NULL;
    size_t n = 0;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(group_expand_paths(&arg, 1, &paths, &n, &d), MT_OK);
    mt_group *g = NULL;
    assert_int_equal(group_load_files(q, paths, n, NULL, &g, &d), MT_OK);
    mt_norms *norms = NULL;
    assert_int_equal(norms_new(q, &norms), MT_OK);
    assert_int_equal(norms_add_group(norms, g), MT_OK);
    group_free(g);
    group_free_paths(paths, n);
    mt_diags_free(&d);
    return norms;
}

static void test_build(void **state)
{
    (void)state;
    mt_questionnaire *q = load_q(MODEL);
    mt_norms *n = reference_norms(q);
    assert_int_equal(n->results, 12);
    assert_string_equal(n->questionnaire, "group-model");
    const mt_norm *a = norms_find(n, "arch_a");
    assert_non_null(a);
    assert_int_equal(a->n, 11);
    /* mean and sd as the group statistics (group_reference.py) */
    assert_float_equal(a->mean, 68.939393939, EPS);
    assert_float_equal(a->sd, 16.704502508, EPS);
    const size_t at[] = { 42, 50, 58, 67, 75, 83, 92 };
    const size_t count[] = { 1, 2, 1, 1, 2, 3, 1 };
    size_t total = 0;
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(a->counts[at[i]], count[i]);
    for (size_t s = 0; s < MT_NORMS_POINTS; s++)
        total += a->counts[s];
    assert_int_equal(total, 11);
    const mt_norm *bar = norms_find(n, "bar");
    assert_int_equal(bar->n, 12);
    assert_int_equal(bar->counts[8], 2);
    assert_int_equal(bar->counts[33], 3);
    assert_int_equal(bar->counts[100], 1);
    assert_null(norms_find(n, "nothing"));
    norms_free(n);
    questionnaire_free(q);
}

/* Percentile rank = 100 x (below + equal / 2) / n on whole points.
 * arch_a: 75 has 42 50 50 58 67 below (5) and two equal: 6 / 11;
 * 83.3 rounds to 83: 7 below, 3 equal: 8.5 / 11. */
static void test_percentile(void **state)
{
    (void)state;
    mt_questionnaire *q = load_q(MODEL);
    mt_norms *n = reference_norms(q);
    const mt_norm *a = norms_find(n, "arch_a");
    double p;
    assert_true(norms_percentile(a, 75, &p));
    assert_float_equal(p, 600.0 / 11, EPS);
    assert_true(norms_percentile(a, 83.3, &p));
    assert_float_equal(p, 850.0 / 11, EPS);
    assert_true(norms_percentile(a, 74.5, &p));   /* rounds up to 75 */
    assert_float_equal(p, 600.0 / 11, EPS);
    assert_true(norms_percentile(a, 30, &p));
    assert_float_equal(p, 0, EPS);
    assert_true(norms_percentile(a, 99, &p));
    assert_float_equal(p, 100, EPS);
    assert_true(norms_percentile(a, 92, &p));     /* 10 below, 1 equal */
    assert_float_equal(p, 1050.0 / 11, EPS);
    mt_norm empty = { .id = "x" };
    assert_false(norms_percentile(&empty, 50, &p));
    assert_false(norms_percentile(NULL, 50, &p));
    norms_free(n);
    questionnaire_free(q);
}

static void test_round_trip(void **state)
{
    (void)state;
    mt_questionnaire *q = load_q(MODEL);
    mt_norms *n = reference_norms(q);
    char dir[] = "/tmp/mt-norms-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = mt_asprintf("%s/norms.ini", dir);
    assert_int_equal(norms_save(n, path), MT_OK);

    mt_diags d;
    mt_diags_init(&d);
    mt_norms *back = NULL;
    mt_error err = norms_load_file(path, &back, &d);
    if (err)
        mt_diags_print(&d, stderr);
    assert_int_equal(err, MT_OK);
    assert_int_equal(d.count, 0);
    assert_string_equal(back->path, path);
    assert_string_equal(back->version, "1.0");
    assert_int_equal(back->results, 12);
    assert_int_equal(back->nconstructs, 3);
    for (size_t c = 0; c < 3; c++) {
        assert_string_equal(back->constructs[c].id, n->constructs[c].id);
        assert_int_equal(back->constructs[c].n, n->constructs[c].n);
        assert_float_equal(back->constructs[c].mean, n->constructs[c].mean, 1e-4);
        assert_float_equal(back->constructs[c].sd, n->constructs[c].sd, 1e-4);
        assert_memory_equal(back->constructs[c].counts, n->constructs[c].counts,
                            sizeof n->constructs[c].counts);
        assert_true(back->constructs[c].line > 0);
    }
    /* nothing personal is written */
    char *text = NULL;
    assert_int_equal(norms_to_string(n, &text), MT_OK);
    assert_null(strstr(text, "Person"));
    assert_null(strstr(text, "Fixture"));
    assert_null(strstr(text, "2026-"));
    assert_non_null(strstr(text, "\n[construct arch_a]\nn = 11\nmean = 68.9394\n"));
    assert_non_null(strstr(text, "score.83 = 3\n"));
    free(text);

    assert_int_equal(norms_check(back, q, &d), MT_OK);
    assert_int_equal(d.count, 0);
    mt_questionnaire *v2 = load_q("tests/data/group-model-v2.ini");
    assert_int_equal(norms_check(back, v2, &d), MT_OK);
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].file, path);
    mt_questionnaire *other = load_q("tests/data/cli-base.ini");
    assert_int_equal(norms_check(back, other, &d), MT_ERROR_MISMATCH);
    assert_int_equal(d.errors, 1);

    mt_diags_free(&d);
    norms_free(back);
    norms_free(n);
    questionnaire_free(v2);
    questionnaire_free(other);
    questionnaire_free(q);
    unlink(path);
    rmdir(dir);
    free(path);
}

static void test_add_mismatch(void **state)
{
    (void)state;
    mt_questionnaire *q = load_q(MODEL);
    mt_questionnaire *other = load_q("tests/data/cli-base.ini");
    mt_norms *n = NULL;
    assert_int_equal(norms_new(q, &n), MT_OK);
    mt_answers *a = NULL;
    assert_int_equal(answers_new(other, &a), MT_OK);
    mt_result *r = NULL;
    assert_int_equal(scorer_score(other, a, &r), MT_OK);
    assert_int_equal(norms_add(n, r), MT_ERROR_MISMATCH);
    assert_int_equal(n->results, 0);
    scorer_result_free(r);
    answers_free(a);
    norms_free(n);
    questionnaire_free(other);
    questionnaire_free(q);
}

/* ------------------------------------------------------------- errors */

static const char head[] =
    "[norms]\nformat = 1\nquestionnaire = group-model\nversion = 1.0\nresults = 3\n";

/* Loads text, expects failure, and an error at line whose message has needle. */
static void expect_error(const char *text, int line, const char *needle)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_norms *n = (mt_norms *)1;
    mt_error err = norms_load_string("bad.ini", text, strlen(text), &n, &d);
    assert_int_not_equal(err, MT_OK);
    assert_null(n);
    bool found = false;
    for (size_t i = 0; i < d.count; i++)
        if (d.items[i].line == line && strstr(d.items[i].message, needle)
            && strcmp(d.items[i].file, "bad.ini") == 0)
            found = true;
    if (!found)
        mt_diags_print(&d, stderr);
    assert_true(found);
    mt_diags_free(&d);
}

static void test_load_errors(void **state)
{
    (void)state;
    char *t;
    /* line 6 is [construct a], 7 its n */
    t = mt_asprintf("%s[construct a]\nn = 3\nscore.10 = 1\nscore.20 = 1\n", head);
    expect_error(t, 7, "add up to 2");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 1\nscore.101 = 1\n", head);
    expect_error(t, 8, "0..100");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 1\nscore.x = 1\n", head);
    expect_error(t, 8, "whole number");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 1\nscore.5 = 0\n", head);
    expect_error(t, 8, "one or more");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 1\nscore.5 = 1\nscore.5 = 1\n", head);
    expect_error(t, 9, "twice");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 4\nscore.5 = 4\n", head);
    expect_error(t, 6, "more than the 3");
    free(t);
    t = mt_asprintf("%s[construct a]\nscore.5 = 1\n", head);
    expect_error(t, 6, "has no n");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 1\nscore.5 = 1\n[construct a]\nn = 0\n", head);
    expect_error(t, 9, "given twice (first at line 6)");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 1\nmean = 120\nscore.5 = 1\n", head);
    expect_error(t, 8, "mean");
    free(t);
    t = mt_asprintf("%s[construct a]\nn = 1\ncolour = red\n", head);
    expect_error(t, 8, "unknown key 'colour'");
    free(t);
    t = mt_asprintf("%s[people]\nname = Dana\n", head);
    expect_error(t, 6, "unknown section [people]");
    free(t);
    t = mt_asprintf("%s[construct Bad Id]\nn = 0\n", head);
    expect_error(t, 6, "not a valid construct id");
    free(t);
    expect_error("[norms]\nformat = 2\nquestionnaire = q\nversion = 1\nresults = 0\n", 2,
                 "format '2'");
    expect_error("[norms]\nformat = 1\nversion = 1\nresults = 0\n", 1, "has no questionnaire");
    expect_error("[norms]\nformat = 1\nquestionnaire = q\nversion = 1\nresults = -1\n", 5,
                 "whole number");
    expect_error("[construct a]\nn = 0\n", 1, "no [norms] section");
    expect_error("a = 1\n", 1, "outside any section");
    expect_error("[norms\n", 1, "");
}

static void test_load_minimal(void **state)
{
    (void)state;
    const char *text = "[norms]\nformat = 1\nquestionnaire = q\nversion = 1\nresults = 0\n";
    mt_diags d;
    mt_diags_init(&d);
    mt_norms *n = NULL;
    assert_int_equal(norms_load_string("ok.ini", text, strlen(text), &n, &d), MT_OK);
    assert_int_equal(n->nconstructs, 0);
    assert_int_equal(n->results, 0);
    norms_free(n);
    mt_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_percentile),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_add_mismatch),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_minimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
