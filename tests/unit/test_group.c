/*
 * test_group.c - group statistics: descriptive statistics, agreement,
 * hotspots, roles, alpha, the group result, loading and its errors.
 *
 * The expected numbers for the twelve respondents in tests/data/group/
 * were printed by tests/reference/group_reference.py (Python's statistics
 * module on the reference scorer's scores); the small cases are worked
 * out by hand in the comments.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "maturity/group.h"
#include "maturity/util.h"

#define MODEL "tests/data/group-model.ini"
#define EPS 1e-6

enum { A, B, BAR };   /* construct indexes in group-model.ini */
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

static mt_answers *answers_from(const mt_questionnaire *q, const char *body)
{
    char *text = mt_asprintf("[meta]\nquestionnaire = group-model\nversion = 1.0\n%s", body);
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *a = NULL;
    mt_error err = answers_load_string(q, "test.ini", text, strlen(text), &a, &d);
    if (err != MT_OK)
        mt_diags_print(&d, stderr);
    assert_int_equal(err, MT_OK);
    mt_diags_free(&d);
    free(text);
    return a;
}

static void add_answers(mt_group *g, mt_answers *a)
{
    mt_result *r = NULL;
    assert_int_equal(scorer_score(g->q, a, &r), MT_OK);
    assert_int_equal(group_add(g, a, r), MT_OK);
    scorer_result_free(r);
}

static void add(mt_group *g, const char *body)
{
    mt_answers *a = answers_from(g->q, body);
    add_answers(g, a);
    answers_free(a);
}

static bool fired(const mt_group *g, const char *rule)
{
    for (size_t i = 0; i < g->recs->count; i++)
        if (strcmp(g->q->rules[g->recs->items[i].rule].id, rule) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------ describe */

static void test_describe(void **state)
{
    (void)state;
    /* statistics.stdev([3,1,4,1,5,9,2,6]) = 2.748376144;
     * quantiles(..., method="inclusive") = [1.75, 3.5, 5.25] */
    double v[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
    mt_group_stat st = { .insufficient = 2 };
    group_describe(v, 8, &st);
    assert_int_equal(st.n, 8);
    assert_int_equal(st.insufficient, 2);
    assert_float_equal(st.mean, 3.875, EPS);
    assert_float_equal(st.sd, 2.748376144, EPS);
    assert_float_equal(st.median, 3.5, EPS);
    assert_float_equal(st.q1, 1.75, EPS);
    assert_float_equal(st.q3, 5.25, EPS);
    assert_float_equal(st.min, 1, EPS);
    assert_float_equal(st.max, 9, EPS);

    double one[] = { 42 };
    group_describe(one, 1, &st);
    assert_float_equal(st.sd, 0, EPS);
    assert_float_equal(st.q1, 42, EPS);
    assert_float_equal(st.q3, 42, EPS);

    group_describe(NULL, 0, &st);
    assert_int_equal(st.n, 0);
    assert_float_equal(st.mean, 0, EPS);
}

/* ------------------------------------------------------------ identical */

static const char same_answers[] =
    "role = Marketing\n"
    "[answers]\n"
    "a1 = 4\na2 = 4\na3 = 5\nb1 = 2\nb2 = 3\nch = 2\nx1 = 5\nx2 = 4\nx3 = 1\nn1 = 30\n";

/* Four people who answered alike: agreement is maximal (1) everywhere,
 * nothing to discuss, and the group's result is each person's result. */
static void test_identical(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    for (int i = 0; i < 4; i++)
        add(g, same_answers);
    assert_int_equal(group_finish(g), MT_OK);

    assert_int_equal(g->n, 4);
    assert_int_equal(g->nhotspots, 0);
    for (size_t c = 0; c < q->nconstructs; c++) {
        const mt_group_construct *gc = &g->constructs[c];
        assert_true(gc->has_agreement);
        assert_float_equal(gc->agreement, 1.0, EPS);
        assert_float_equal(gc->rwg_j, 1.0, EPS);
        assert_float_equal(gc->stat.sd, 0, EPS);
        assert_float_equal(gc->stat.min, gc->stat.max, EPS);
        assert_int_equal(gc->alpha_status, MT_ALPHA_TOO_FEW);   /* 4 < 10 */
        assert_float_equal(g->result->constructs[c].score,
                           g->members[0].result.constructs[c].score, EPS);
    }
    /* arch_a = (0.75 + 0.75 + 1) / 3 = 83.33; arch_b = (0.25 + 0.5 + 0.5) / 3 = 41.67;
     * bar = (1 + 0.75 + (1 - 0)) / 3 = 91.67 */
    assert_float_equal(g->result->constructs[A].score, 250.0 / 3, EPS);
    assert_float_equal(g->result->constructs[B].score, 125.0 / 3, EPS);
    assert_float_equal(g->result->constructs[BAR].score, 275.0 / 3, EPS);
    assert_int_equal(g->result->dominant, A);
    assert_true(fired(g, "bar-high"));
    assert_true(fired(g, "lead-a"));
    assert_false(fired(g, "lead-b"));
    for (size_t i = 0; i < q->nitems; i++)
        assert_false(g->items[i].rated && g->items[i].dispersion > 0);
    assert_int_equal(g->items[I_A3].counts[4], 4);
    assert_float_equal(g->items[I_A3].agreement, 1.0, EPS);
    assert_string_equal(g->organisation ? g->organisation : "(none)", "(none)");
    group_free(g);
    questionnaire_free(q);
}

/* ------------------------------------------------------------- opposed */

static const char low_answers[] =
    "[answers]\n"
    "a1 = 1\na2 = 1\na3 = 1\nb1 = 1\nb2 = 1\nch = 3\nx1 = 1\nx2 = 1\nx3 = 1\n";
static const char high_answers[] =
    "[answers]\n"
    "a1 = 5\na2 = 5\na3 = 5\nb1 = 5\nb2 = 5\nch = 1\nx1 = 5\nx2 = 5\nx3 = 5\n";

/* Two at one end, two at the other. Each likert item: answers 1,1,5,5,
 * sample variance ((4+4+4+4) / 3) = 16/3, against the uniform 5-point
 * variance (25 - 1) / 12 = 2: dispersion 8/3, agreement 0. The choice
 * item: options 3,3,1,1: Gini-Simpson 1 - (1/4 + 1/4) = 1/2, normalised
 * by 3/2: 0.75. */
static void test_opposed(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    add(g, low_answers);
    add(g, high_answers);
    add(g, low_answers);
    add(g, high_answers);
    assert_int_equal(group_finish(g), MT_OK);

    for (size_t c = 0; c < q->nconstructs; c++) {
        assert_true(g->constructs[c].has_agreement);
        assert_float_equal(g->constructs[c].agreement, 0, EPS);
        assert_float_equal(g->constructs[c].rwg_j, 0, EPS);
        assert_int_equal(g->constructs[c].agreement_items, 3);
    }
    /* arch_a scores 0, 100, 0, 100: mean 50, stdev 57.735026919,
     * quartiles (inclusive) 0 and 100 */
    const mt_group_stat *st = &g->constructs[A].stat;
    assert_float_equal(st->mean, 50, EPS);
    assert_float_equal(st->sd, 57.735026919, EPS);
    assert_float_equal(st->median, 50, EPS);
    assert_float_equal(st->q1, 0, EPS);
    assert_float_equal(st->q3, 100, EPS);

    /* hotspots: the eight likert items (8/3), in questionnaire order, then ch */
    assert_int_equal(g->nhotspots, 9);
    const size_t order[] = { I_A1, I_A2, I_A3, I_B1, I_B2, I_X1, I_X2, I_X3, I_CH };
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(g->hotspots[i], order[i]);
    const mt_group_item *x1 = &g->items[I_X1];
    assert_float_equal(x1->dispersion, 8.0 / 3, EPS);
    assert_float_equal(x1->agreement, 0, EPS);
    assert_int_equal(x1->counts[0], 2);
    assert_int_equal(x1->counts[4], 2);
    assert_int_equal(x1->counts[2], 0);
    assert_float_equal(x1->mean, 3, EPS);
    assert_float_equal(x1->median, 3, EPS);
    assert_float_equal(g->items[I_CH].dispersion, 0.75, EPS);
    assert_int_equal(g->items[I_N1].unanswered, 4);
    assert_false(g->items[I_N1].rated);
    group_free(g);
    questionnaire_free(q);
}

/* ---------------------------------------- docs/group-statistics.md */

/* The worked example of the docs, number for number. */
static void test_docs_example(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    add(g, "[answers]\na1 = 4\na2 = 4\na3 = 5\n");
    add(g, "[answers]\na1 = 5\na2 = 4\na3 = 4\n");
    add(g, "[answers]\na1 = 2\na2 = 4\na3 = 3\n");
    add(g, "[answers]\na1 = 3\na2 = 4\na3 = 2\n");
    assert_int_equal(group_finish(g), MT_OK);
    const mt_group_construct *a = &g->constructs[A];
    assert_int_equal(a->stat.n, 4);
    assert_float_equal(a->stat.mean, 200.0 / 3, EPS);
    assert_float_equal(a->stat.median, 200.0 / 3, EPS);
    assert_float_equal(a->stat.sd, 19.245008973, EPS);
    assert_float_equal(a->stat.q1, 50, EPS);
    assert_float_equal(a->stat.q3, 250.0 / 3, EPS);
    assert_float_equal(g->items[I_A1].dispersion, 5.0 / 6, EPS);
    assert_float_equal(g->items[I_A2].dispersion, 0, EPS);
    assert_float_equal(a->agreement, 4.0 / 9, EPS);
    assert_float_equal(a->rwg_j, 12.0 / 17, EPS);   /* 3 x 4/9 / (3 x 4/9 + 5/9) */
    assert_int_equal(g->nhotspots, 2);
    assert_int_equal(g->hotspots[0], I_A1);
    assert_int_equal(g->hotspots[1], I_A3);
    assert_int_equal(a->alpha_status, MT_ALPHA_TOO_FEW);
    assert_int_equal(a->alpha_n, 4);
    /* nothing else was answered: the other constructs are unknown */
    assert_int_equal(g->constructs[B].stat.n, 0);
    assert_int_equal(g->constructs[B].stat.insufficient, 4);
    assert_false(g->result->constructs[B].sufficient);
    assert_false(g->constructs[B].has_agreement);
    assert_int_equal(g->result->dominant, A);
    group_free(g);
    questionnaire_free(q);
}

/* ------------------------------------------------ the reference group */

static mt_group *load_reference(const mt_group_options *opt)
{
    mt_questionnaire *q = load_model();
    char *arg = "tests/data/group";
    char **paths = NULL;
    size_t n = 0;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(group_expand_paths(&arg, 1, &paths, &n, &d), MT_OK);
    assert_int_equal(n, 12);
    mt_group *g = NULL;
    mt_error err = group_load_files(q, paths, n, opt, &g, &d);
    if (err)
        mt_diags_print(&d, stderr);
    assert_int_equal(err, MT_OK);
    assert_int_equal(d.errors, 0);
    mt_diags_free(&d);
    group_free_paths(paths, n);
    return g;
}

static void free_reference(mt_group *g)
{
    mt_questionnaire *q = (mt_questionnaire *)g->q;
    group_free(g);
    questionnaire_free(q);
}

static void assert_stat(const mt_group_stat *st, size_t n, size_t insufficient, double mean,
                        double sd, double median, double q1, double q3, double min, double max)
{
    assert_int_equal(st->n, n);
    assert_int_equal(st->insufficient, insufficient);
    assert_float_equal(st->mean, mean, EPS);
    assert_float_equal(st->sd, sd, EPS);
    assert_float_equal(st->median, median, EPS);
    assert_float_equal(st->q1, q1, EPS);
    assert_float_equal(st->q3, q3, EPS);
    assert_float_equal(st->min, min, EPS);
    assert_float_equal(st->max, max, EPS);
}

static void test_reference_constructs(void **state)
{
    (void)state;
    mt_group *g = load_reference(NULL);
    assert_int_equal(g->n, 12);
    assert_stat(&g->constructs[A].stat, 11, 1, 68.939393939, 16.704502508, 75.0,
                54.166666667, 83.333333333, 41.666666667, 91.666666667);
    assert_stat(&g->constructs[B].stat, 12, 0, 53.472222222, 31.674307956, 50.0,
                33.333333333, 85.416666667, 8.333333333, 100.0);
    assert_stat(&g->constructs[BAR].stat, 12, 0, 44.444444444, 31.045204361, 33.333333333,
                22.916666667, 75.0, 8.333333333, 100.0);

    assert_float_equal(g->constructs[A].agreement, 0.625505051, EPS);
    assert_float_equal(g->constructs[A].rwg_j, 0.833632488, EPS);
    assert_float_equal(g->constructs[B].agreement, 0.186111111, EPS);
    assert_float_equal(g->constructs[B].rwg_j, 0.406882591, EPS);
    assert_float_equal(g->constructs[BAR].agreement, 0, EPS);
    assert_float_equal(g->constructs[BAR].rwg_j, 0, EPS);
    assert_int_equal(g->constructs[B].agreement_items, 3);   /* b1, b2 and ch */

    assert_int_equal(g->constructs[A].alpha_status, MT_ALPHA_OK);
    assert_float_equal(g->constructs[A].alpha, 0.638009050, EPS);
    assert_int_equal(g->constructs[A].alpha_n, 11);
    assert_float_equal(g->constructs[B].alpha, 0.957044674, EPS);
    assert_int_equal(g->constructs[B].alpha_n, 11);
    assert_int_equal(g->constructs[BAR].alpha_status, MT_ALPHA_OK);
    assert_float_equal(g->constructs[BAR].alpha, 0.363852556, EPS);  /* x3 reversed */
    assert_int_equal(g->constructs[BAR].alpha_n, 10);
    assert_int_equal(g->constructs[BAR].alpha_items, 3);
    assert_string_equal(g->organisation, "Fixture Ltd");
    assert_string_equal(g->date_first, "2026-01-12");
    assert_string_equal(g->date_last, "2026-03-18");
    free_reference(g);
}

static void test_reference_items(void **state)
{
    (void)state;
    mt_group *g = load_reference(NULL);
    const mt_group_item *x1 = &g->items[I_X1];
    assert_int_equal(x1->n, 12);
    assert_int_equal(x1->counts[0], 6);
    assert_int_equal(x1->counts[4], 6);
    assert_float_equal(x1->sd, 2.088931871, EPS);
    assert_float_equal(x1->dispersion, 2.181818182, EPS);
    const mt_group_item *b2 = &g->items[I_B2];
    assert_int_equal(b2->dont_know, 1);
    assert_float_equal(b2->mean, 3.0, EPS);
    assert_float_equal(b2->sd, 1.341640786, EPS);
    assert_float_equal(b2->dispersion, 0.9, EPS);
    assert_float_equal(g->items[I_A1].median, 4.0, EPS);
    assert_float_equal(g->items[I_A1].agreement, 1 - 0.527272727, EPS);
    assert_int_equal(g->items[I_CH].counts[1], 6);
    assert_float_equal(g->items[I_CH].dispersion, 0.916666667, EPS);
    assert_float_equal(g->items[I_N1].mean, 46.363636364, EPS);
    assert_float_equal(g->items[I_N1].sd, 19.376649490, EPS);
    assert_float_equal(g->items[I_N1].median, 45.0, EPS);
    assert_int_equal(g->items[I_T1].n, 0);

    const size_t order[] = { I_X1, I_X3, I_CH, I_B2, I_B1, I_A1, I_A3, I_X2, I_A2 };
    assert_int_equal(g->nhotspots, 9);
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(g->hotspots[i], order[i]);
    free_reference(g);
}

static void test_reference_result(void **state)
{
    (void)state;
    mt_group *g = load_reference(NULL);
    const mt_result *r = g->result;
    assert_float_equal(r->constructs[A].score, 68.939393939, EPS);
    assert_float_equal(r->constructs[A].coverage, 94.444444444, EPS);
    assert_float_equal(r->constructs[B].coverage, 97.222222222, EPS);
    assert_true(r->constructs[BAR].sufficient);
    assert_int_equal(r->constructs[BAR].band, 1);   /* moderate */
    assert_float_equal(r->stages[0].score, 59.375, EPS);
    assert_float_equal(r->stages[1].score, 52.777777778, EPS);
    assert_true(r->stages[0].reached);
    assert_false(r->stages[1].met);
    assert_int_equal(r->dominant, A);
    assert_int_equal(r->runner_up, B);
    assert_false(r->hybrid);
    assert_int_equal(r->stage_reached, 0);
    assert_int_equal(r->next_stage, 1);
    /* totals: 12 x 11 items */
    assert_int_equal(r->answered + r->dont_know + r->unanswered, 12 * 11);
    /* recommendations: next-s2, then lead-a */
    assert_int_equal(g->recs->count, 2);
    assert_string_equal(g->q->rules[g->recs->items[0].rule].id, "next-s2");
    assert_string_equal(g->q->rules[g->recs->items[1].rule].id, "lead-a");
    /* members: anonymised, with their own results */
    const char *dominants = "aabbaaabaaba";
    for (size_t i = 0; i < g->n; i++) {
        char want[24];
        snprintf(want, sizeof want, "R%zu", i + 1);
        assert_string_equal(g->members[i].label, want);
        assert_int_equal(g->members[i].result.dominant, dominants[i] == 'a' ? A : B);
    }
    assert_false(g->members[7].result.constructs[A].sufficient);
    free_reference(g);
}

static void test_reference_roles(void **state)
{
    (void)state;
    mt_group *g = load_reference(NULL);
    /* Marketing / marketing / MARKETING, Sales / SALES / sales,
     * Management, and one respondent without a role (last) */
    assert_int_equal(g->nroles, 4);
    assert_string_equal(g->roles[0].name, "Marketing");
    assert_string_equal(g->roles[1].name, "Sales");
    assert_string_equal(g->roles[2].name, "Management");
    assert_null(g->roles[3].name);
    const size_t n[] = { 4, 4, 3, 1 };
    const double a[] = { 79.166666667, 47.222222222, 69.444444444, 91.666666667 };
    const double b[] = { 29.166666667, 91.666666667, 50.0, 8.333333333 };
    for (size_t r = 0; r < 4; r++) {
        assert_int_equal(g->roles[r].n, n[r]);
        assert_float_equal(g->roles[r].constructs[A].mean, a[r], EPS);
        assert_float_equal(g->roles[r].constructs[B].mean, b[r], EPS);
    }
    assert_int_equal(g->roles[1].constructs[A].n, 3);
    assert_int_equal(g->roles[1].result->dominant, B);
    assert_int_equal(g->roles[1].result->stage_reached, 1);
    assert_int_equal(g->roles[1].result->next_stage, -1);
    assert_float_equal(g->roles[1].result->constructs[A].coverage, 83.333333333, EPS);
    assert_int_equal(g->roles[0].result->dominant, A);
    assert_int_equal(g->members[5].role, 3);
    assert_int_equal(g->members[10].role, 1);
    free_reference(g);
}

static void test_names(void **state)
{
    (void)state;
    mt_group_options opt = { .names = true };
    mt_group *g = load_reference(&opt);
    assert_string_equal(g->members[0].label, "Person 1");
    assert_string_equal(g->members[11].label, "Person 12");
    free_reference(g);
}

static void count_progress(size_t done, size_t total, void *user)
{
    size_t *calls = user;
    assert_int_equal(done, *calls + 1);
    assert_int_equal(total, 12);
    (*calls)++;
}

static void test_progress(void **state)
{
    (void)state;
    size_t calls = 0;
    mt_group_options opt = { .progress = count_progress, .progress_user = &calls };
    mt_group *g = load_reference(&opt);
    assert_int_equal(calls, 12);
    free_reference(g);
}

/* --------------------------------------------------------------- roles */

static void test_roles_trimmed(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    const char *roles[] = { "  Sales\t", NULL, "sales", " ", "SALES ", "Marketing" };
    for (size_t i = 0; i < 6; i++) {
        mt_answers *a = answers_from(q, same_answers);
        free(a->meta.role);
        a->meta.role = mt_strdup(roles[i]);
        add_answers(g, a);
        answers_free(a);
    }
    assert_int_equal(group_finish(g), MT_OK);
    assert_int_equal(g->nroles, 3);
    assert_string_equal(g->roles[0].name, "Sales");
    assert_int_equal(g->roles[0].n, 3);
    assert_string_equal(g->roles[1].name, "Marketing");
    assert_int_equal(g->roles[1].n, 1);
    assert_null(g->roles[2].name);
    assert_int_equal(g->roles[2].n, 2);
    const long want[] = { 0, 2, 0, 2, 0, 1 };
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(g->members[i].role, want[i]);
    group_free(g);
    questionnaire_free(q);
}

/* ------------------------------------------------------------- loading */

static char *temp_dir(void)
{
    char *dir = mt_strdup("/tmp/mt-group-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static char *write_file(const char *dir, const char *name, const char *text)
{
    char *path = mt_asprintf("%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static const char good_file[] =
    "[meta]\nquestionnaire = group-model\nversion = 1.0\n[answers]\na1 = 3\n";
static const char other_version[] =
    "[meta]\nquestionnaire = group-model\nversion = 2.0\n[answers]\na1 = 3\n";
static const char other_id[] =
    "[meta]\nquestionnaire = something-else\nversion = 1.0\n[answers]\nzz = 3\n";

static bool has_error(const mt_diags *d, const char *file, const char *needle)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == MT_SEV_ERROR && strcmp(d->items[i].file, file) == 0
            && strstr(d->items[i].message, needle))
            return true;
    return false;
}

/* A file of another version and one of another questionnaire: the load
 * fails, and each odd file is named; the good files are not. */
static void test_mismatch(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    char *dir = temp_dir();
    char *paths[4] = {
        write_file(dir, "a.ini", good_file),
        write_file(dir, "b.ini", other_version),
        write_file(dir, "c.ini", good_file),
        write_file(dir, "d.ini", other_id),
    };
    mt_diags d;
    mt_diags_init(&d);
    mt_group *g = (mt_group *)1;
    assert_int_equal(group_load_files(q, paths, 4, NULL, &g, &d), MT_ERROR_MISMATCH);
    assert_null(g);
    assert_int_equal(d.errors, 2);
    assert_true(has_error(&d, paths[1], "version 2.0"));
    assert_true(has_error(&d, paths[1], "'group-model' version 1.0"));
    assert_true(has_error(&d, paths[3], "'something-else'"));
    assert_false(has_error(&d, paths[0], ""));
    mt_diags_free(&d);
    for (int i = 0; i < 4; i++) {
        unlink(paths[i]);
        free(paths[i]);
    }
    rmdir(dir);
    free(dir);
    questionnaire_free(q);
}

static void test_bad_answers(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    char *dir = temp_dir();
    char *paths[2] = {
        write_file(dir, "good.ini", good_file),
        write_file(dir, "bad.ini", "[meta]\nquestionnaire = group-model\nversion = 1.0\n"
                                   "[answers]\na1 = 9\n"),
    };
    mt_diags d;
    mt_diags_init(&d);
    mt_group *g = NULL;
    assert_int_equal(group_load_files(q, paths, 2, NULL, &g, &d), MT_ERROR_ANSWERS);
    assert_null(g);
    assert_true(d.errors >= 1);
    assert_string_equal(d.items[0].file, paths[1]);
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(group_load_files(q, paths, 0, NULL, &g, &d), MT_ERROR_USAGE);
    mt_diags_free(&d);
    for (int i = 0; i < 2; i++) {
        unlink(paths[i]);
        free(paths[i]);
    }
    rmdir(dir);
    free(dir);
    questionnaire_free(q);
}

static void test_expand_paths(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *files[] = {
        write_file(dir, "b.ini", good_file), write_file(dir, "a.ini", good_file),
        write_file(dir, "notes.txt", "x"), write_file(dir, ".hidden.ini", good_file),
    };
    char *empty = temp_dir();
    char *args[] = { dir, files[2], "/nonexistent/x.ini", empty };
    char **paths = NULL;
    size_t n = 0;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(group_expand_paths(args, 2, &paths, &n, &d), MT_OK);
    assert_int_equal(n, 3);
    assert_string_equal(paths[0], files[1]);   /* a.ini before b.ini */
    assert_string_equal(paths[1], files[0]);
    assert_string_equal(paths[2], files[2]);   /* a file is kept as given */
    group_free_paths(paths, n);
    assert_int_equal(d.errors, 0);

    assert_int_equal(group_expand_paths(args + 2, 2, &paths, &n, &d), MT_ERROR_FILE_OPEN);
    assert_null(paths);
    assert_int_equal(d.errors, 2);
    assert_string_equal(d.items[0].file, "/nonexistent/x.ini");
    assert_string_equal(d.items[1].file, empty);
    assert_non_null(strstr(d.items[1].message, "no *.ini"));
    mt_diags_free(&d);
    for (int i = 0; i < 4; i++) {
        unlink(files[i]);
        free(files[i]);
    }
    rmdir(dir);
    rmdir(empty);
    free(dir);
    free(empty);
}

/* No respondents through the API: nothing known, nothing fires on data. */
static void test_empty_group(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    assert_int_equal(group_finish(g), MT_OK);
    assert_int_equal(group_finish(g), MT_ERROR_USAGE);   /* once */
    assert_int_equal(g->n, 0);
    assert_int_equal(g->nroles, 0);
    assert_int_equal(g->nhotspots, 0);
    for (size_t c = 0; c < q->nconstructs; c++) {
        assert_int_equal(g->constructs[c].stat.n, 0);
        assert_false(g->result->constructs[c].sufficient);
        assert_false(g->constructs[c].has_agreement);
    }
    assert_int_equal(g->result->dominant, -1);
    assert_int_equal(g->result->stage_reached, -1);
    assert_true(fired(g, "start"));   /* stage = none holds without data */
    assert_false(fired(g, "bar-high"));
    group_free(g);
    questionnaire_free(q);
}

/* --------------------------------------------------------------- scale */

/* 10,000 respondents, a1 cycling 1..5 and everything else alike: a1 has
 * 2,000 answers on each point, the uniform spread itself; its sample
 * variance is the population variance 2 x 10000 / 9999, so its dispersion
 * is 10000 / 9999. arch_a's median is the middle of the cycle. */
static void test_ten_thousand(void **state)
{
    (void)state;
    mt_questionnaire *q = load_model();
    mt_group *g = NULL;
    assert_int_equal(group_new(q, NULL, &g), MT_OK);
    mt_answers *a = answers_from(q, same_answers);
    for (long i = 0; i < 10000; i++) {
        a->items[I_A1].value = 1 + i % 5;
        add_answers(g, a);
    }
    answers_free(a);
    assert_int_equal(group_finish(g), MT_OK);
    assert_int_equal(g->n, 10000);
    for (size_t p = 0; p < 5; p++)
        assert_int_equal(g->items[I_A1].counts[p], 2000);
    assert_float_equal(g->items[I_A1].dispersion, 10000.0 / 9999.0, EPS);
    assert_int_equal(g->nhotspots, 1);
    assert_int_equal(g->hotspots[0], I_A1);
    /* arch_a = ((a1 - 1) / 4 + 0.75 + 1) / 3 x 100: a1 = 3 gives 75 */
    assert_float_equal(g->constructs[A].stat.median, 75, EPS);
    assert_int_equal(g->constructs[A].alpha_status, MT_ALPHA_OK);
    assert_int_equal(g->constructs[B].alpha_status, MT_ALPHA_NO_VARIANCE);
    group_free(g);
    questionnaire_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_identical),
        cmocka_unit_test(test_opposed),
        cmocka_unit_test(test_docs_example),
        cmocka_unit_test(test_reference_constructs),
        cmocka_unit_test(test_reference_items),
        cmocka_unit_test(test_reference_result),
        cmocka_unit_test(test_reference_roles),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_roles_trimmed),
        cmocka_unit_test(test_mismatch),
        cmocka_unit_test(test_bad_answers),
        cmocka_unit_test(test_expand_paths),
        cmocka_unit_test(test_empty_group),
        cmocka_unit_test(test_ten_thousand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
