/*
 * test_baseline.c - comparing a result with a baseline: deltas worked out
 * by hand below (never taken from the scorer), directions, tolerance,
 * stage steps, rules gone and new, versions and a mismatch.
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

#include "maturity/baseline.h"
#include "maturity/group.h"
#include "maturity/util.h"

#define EPS 1e-6

enum { A, B, BAR };

/* One side: a questionnaire, answers, their result and recommendations. */
typedef struct side {
    mt_questionnaire *q;
    mt_answers *a;
    mt_result *r;
    mt_recommendations *recs;
    mt_snapshot snap;
} side;

static mt_questionnaire *load_q(const char *path)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    assert_int_equal(questionnaire_load_file(path, &q, &d), MT_OK);
    mt_diags_free(&d);
    return q;
}

static void side_load(side *s, const char *qpath, const char *answers)
{
    memset(s, 0, sizeof *s);
    s->q = load_q(qpath);
    char *text = mt_asprintf("[meta]\nquestionnaire = %s\nversion = %s\n[answers]\n%s", s->q->id,
                             s->q->version, answers);
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = answers_load_string(s->q, "test.ini", text, strlen(text), &s->a, &d);
    if (err)
        mt_diags_print(&d, stderr);
    assert_int_equal(err, MT_OK);
    mt_diags_free(&d);
    free(text);
    assert_int_equal(scorer_score(s->q, s->a, &s->r), MT_OK);
    assert_int_equal(recommender_run(s->q, s->r, &s->recs), MT_OK);
    s->snap = (mt_snapshot){ .q = s->q, .result = s->r, .recs = s->recs };
}

static void side_free(side *s)
{
    recommender_free(s->recs);
    scorer_result_free(s->r);
    answers_free(s->a);
    questionnaire_free(s->q);
}

#define V1 "tests/data/group-model.ini"
#define V2 "tests/data/group-model-v2.ini"

/* Baseline, by hand (likert (v - 1) / 4; x3 reversed):
 *   arch_a = (0.25 + 0.25 + 0.5) / 3         = 33.333...
 *   arch_b = (0.75 + 0.75 + 1 (ch option 1)) / 3 = 83.333...
 *   bar    = (0.75 + 0.75 + (1 - 0.25)) / 3  = 75 (high)
 *   s1 = (0.25 + 0.75) / 2 = 50 >= 50: reached; s2 = (0.25 + 1 + 0) / 3 = 41.7
 *   rules: bar-high, next-s2, lead-b */
static const char baseline_answers[] =
    "a1 = 2\na2 = 2\na3 = 3\nb1 = 4\nb2 = 4\nch = 1\nx1 = 4\nx2 = 4\nx3 = 2\nn1 = 20\n";
/* Current, by hand:
 *   arch_a = (0.75 + 1 + 0.75) / 3           = 83.333...  (+50)
 *   arch_b = (0.75 + 0.5 + 0.5 (option 2)) / 3 = 58.333... (-25)
 *   bar    = (0.25 + 0.5 + (1 - 0.75)) / 3   = 33.333...  (-41.667, high -> low)
 *   s1 = 75 reached; s2 = (0.75 + 0.5 + 1 (n1 60 >= 50)) / 3 = 75 >= 60: reached
 *   rules: lead-a only (every stage reached, bar low) */
static const char current_answers[] =
    "a1 = 4\na2 = 5\na3 = 4\nb1 = 4\nb2 = 3\nch = 2\nx1 = 2\nx2 = 3\nx3 = 4\nn1 = 60\n";

static bool has_rule(const mt_questionnaire *q, const size_t *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(q->rules[list[i]].id, id) == 0)
            return true;
    return false;
}

static void test_deltas(void **state)
{
    (void)state;
    side base, cur;
    side_load(&base, V1, baseline_answers);
    side_load(&cur, V1, current_answers);
    mt_diags d;
    mt_diags_init(&d);
    mt_baseline *b = NULL;
    assert_int_equal(baseline_compare(&cur.snap, &base.snap, -1, &b, &d), MT_OK);
    assert_int_equal(d.count, 0);
    assert_float_equal(b->tolerance, MT_BASELINE_TOLERANCE, EPS);
    assert_int_equal(b->nconstructs, 3);

    const mt_construct_change *a = &b->constructs[A];
    assert_string_equal(a->id, "arch_a");
    assert_float_equal(a->baseline, 100.0 / 3, EPS);
    assert_float_equal(a->current, 250.0 / 3, EPS);
    assert_float_equal(a->delta, 50, EPS);
    assert_int_equal(a->direction, MT_DIR_UP);
    assert_int_equal(a->sense, MT_SENSE_NEUTRAL);   /* an archetype is no better or worse */
    assert_true(a->band_changed);                    /* low -> high */

    const mt_construct_change *bb = &b->constructs[B];
    assert_float_equal(bb->delta, -25, EPS);
    assert_int_equal(bb->direction, MT_DIR_DOWN);
    assert_true(bb->band_changed);                   /* high -> moderate */

    const mt_construct_change *x = &b->constructs[BAR];
    assert_float_equal(x->delta, 100.0 / 3 - 75, EPS);
    assert_int_equal(x->direction, MT_DIR_DOWN);
    assert_int_equal(x->sense, MT_SENSE_BETTER);     /* a barrier went down */

    assert_int_equal(b->base_stage, 0);
    assert_int_equal(b->stage, 1);
    assert_int_equal(b->stage_steps, 1);
    assert_int_equal(b->stage_direction, MT_DIR_UP);

    assert_int_equal(b->ngone, 3);
    assert_string_equal(base.q->rules[b->gone[0]].id, "bar-high");   /* baseline's order */
    assert_string_equal(base.q->rules[b->gone[1]].id, "next-s2");
    assert_string_equal(base.q->rules[b->gone[2]].id, "lead-b");
    assert_int_equal(b->nadded, 1);
    assert_string_equal(cur.q->rules[b->added[0]].id, "lead-a");
    assert_int_equal(b->nkept, 0);
    baseline_free(b);

    /* the other way round: everything flips */
    assert_int_equal(baseline_compare(&base.snap, &cur.snap, -1, &b, &d), MT_OK);
    assert_float_equal(b->constructs[A].delta, -50, EPS);
    assert_int_equal(b->constructs[BAR].sense, MT_SENSE_WORSE);
    assert_int_equal(b->stage_steps, -1);
    assert_int_equal(b->stage_direction, MT_DIR_DOWN);
    assert_int_equal(b->ngone, 1);
    assert_int_equal(b->nadded, 3);
    baseline_free(b);

    /* against itself: all the same, every rule kept */
    assert_int_equal(baseline_compare(&cur.snap, &cur.snap, 0, &b, &d), MT_OK);
    for (size_t c = 0; c < 3; c++) {
        assert_int_equal(b->constructs[c].direction, MT_DIR_SAME);
        assert_float_equal(b->constructs[c].delta, 0, EPS);
        assert_false(b->constructs[c].band_changed);
    }
    assert_int_equal(b->stage_direction, MT_DIR_SAME);
    assert_int_equal(b->nkept, cur.recs->count);
    assert_int_equal(b->ngone + b->nadded, 0);
    baseline_free(b);
    mt_diags_free(&d);
    side_free(&base);
    side_free(&cur);
}

/* A change of exactly the tolerance is "same"; one beyond it is not. */
static void test_tolerance(void **state)
{
    (void)state;
    side base, cur;
    side_load(&base, V1, baseline_answers);
    side_load(&cur, V1, current_answers);
    mt_diags d;
    mt_diags_init(&d);
    mt_baseline *b = NULL;
    assert_int_equal(baseline_compare(&cur.snap, &base.snap, 25, &b, &d), MT_OK);
    assert_int_equal(b->constructs[A].direction, MT_DIR_UP);     /* 50 > 25 */
    assert_int_equal(b->constructs[B].direction, MT_DIR_SAME);   /* |-25| <= 25 */
    assert_int_equal(b->constructs[B].sense, MT_SENSE_NEUTRAL);
    assert_float_equal(b->constructs[B].delta, -25, EPS);
    baseline_free(b);
    mt_diags_free(&d);
    side_free(&base);
    side_free(&cur);
}

/* a1 and a2 "don't know": arch_a has a third of its weight answered,
 * under min_coverage 50, so its change is unknown, not a drop. */
static void test_insufficient(void **state)
{
    (void)state;
    side base, cur;
    side_load(&base, V1, baseline_answers);
    side_load(&cur, V1, "a1 = dk\na2 = dk\na3 = 4\nb1 = 4\nb2 = 3\nch = 2\n");
    mt_diags d;
    mt_diags_init(&d);
    mt_baseline *b = NULL;
    assert_int_equal(baseline_compare(&cur.snap, &base.snap, -1, &b, &d), MT_OK);
    assert_int_equal(b->constructs[A].direction, MT_DIR_UNKNOWN);
    assert_float_equal(b->constructs[A].delta, 0, EPS);
    assert_float_equal(b->constructs[A].current, 0, EPS);
    assert_false(b->constructs[A].has_current);    /* the 0 is no score */
    assert_true(b->constructs[A].has_baseline);    /* the baseline's still shows */
    assert_int_equal(b->constructs[BAR].direction, MT_DIR_UNKNOWN);   /* nothing answered */
    assert_true(b->constructs[B].has_current && b->constructs[B].has_baseline);
    /* s1: a1 unanswered, b1 0.75: coverage 50, score 75: reached; as before */
    assert_int_equal(b->stage_direction, MT_DIR_SAME);
    baseline_free(b);
    mt_diags_free(&d);
    side_free(&base);
    side_free(&cur);
}

/* Version 1.1 renamed bar to risk and s2 to s2b: matched by id, a warning. */
static void test_versions(void **state)
{
    (void)state;
    side base, cur;
    side_load(&base, V1, current_answers);    /* reached s2 */
    side_load(&cur, V2, baseline_answers);    /* reached s1 */
    mt_diags d;
    mt_diags_init(&d);
    mt_baseline *b = NULL;
    base.snap.source = "old.ini";
    assert_int_equal(baseline_compare(&cur.snap, &base.snap, -1, &b, &d), MT_OK);
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.errors, 0);
    assert_non_null(strstr(d.items[0].message, "version 1.0"));
    assert_string_equal(d.items[0].file, "old.ini");
    assert_int_equal(b->nconstructs, 4);
    assert_string_equal(b->constructs[2].id, "risk");
    assert_int_equal(b->constructs[2].direction, MT_DIR_NEW);
    assert_int_equal(b->constructs[2].base_construct, -1);
    assert_float_equal(b->constructs[2].current, 75, EPS);
    assert_true(b->constructs[2].has_current);
    assert_false(b->constructs[2].has_baseline);   /* new: nothing then */
    assert_string_equal(b->constructs[3].id, "bar");
    assert_int_equal(b->constructs[3].direction, MT_DIR_GONE);
    assert_int_equal(b->constructs[3].construct, -1);
    assert_float_equal(b->constructs[3].baseline, 100.0 / 3, EPS);
    assert_true(b->constructs[3].has_baseline);
    assert_false(b->constructs[3].has_current);    /* gone: nothing now */
    assert_float_equal(b->constructs[A].delta, -50, EPS);
    /* the baseline reached s2, which version 1.1 no longer has */
    assert_int_equal(b->base_stage, 1);
    assert_int_equal(b->base_stage_now, -2);
    assert_int_equal(b->stage_direction, MT_DIR_UNKNOWN);
    /* rules by id: risk-high and next-s2b are new; lead-a gone; lead-b new */
    assert_true(has_rule(cur.q, b->added, b->nadded, "risk-high"));
    assert_true(has_rule(cur.q, b->added, b->nadded, "next-s2b"));
    assert_true(has_rule(cur.q, b->added, b->nadded, "lead-b"));
    assert_true(has_rule(base.q, b->gone, b->ngone, "lead-a"));
    assert_int_equal(b->ngone, 1);
    baseline_free(b);
    mt_diags_free(&d);
    side_free(&base);
    side_free(&cur);
}

static void test_mismatch(void **state)
{
    (void)state;
    side base, cur;
    side_load(&base, "tests/data/cli-base.ini", "w1 = 4\nw2 = 5\nw3 = 2\nw4 = 1\nw5 = 3\n");
    side_load(&cur, V1, current_answers);
    mt_diags d;
    mt_diags_init(&d);
    mt_baseline *b = (mt_baseline *)1;
    assert_int_equal(baseline_compare(&cur.snap, &base.snap, -1, &b, &d), MT_ERROR_MISMATCH);
    assert_null(b);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].file, "tests/data/cli-base.ini");
    assert_non_null(strstr(d.items[0].message, "'cli-base'"));
    mt_diags_free(&d);

    /* the answers file the baseline came from is named, with its line,
     * not the questionnaire found for it */
    base.snap.source = "old.ini";
    base.snap.source_line = 4;
    mt_diags_init(&d);
    assert_int_equal(baseline_compare(&cur.snap, &base.snap, -1, &b, &d), MT_ERROR_MISMATCH);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].file, "old.ini");
    assert_int_equal(d.items[0].line, 4);
    mt_diags_free(&d);

    /* the same check before anything is loaded, from the id alone */
    mt_diags_init(&d);
    assert_int_equal(baseline_check_questionnaire("old.ini", 4, "cli-base", cur.q, &d),
                     MT_ERROR_MISMATCH);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].file, "old.ini");
    assert_int_equal(d.items[0].line, 4);
    assert_non_null(strstr(d.items[0].message, "the baseline uses questionnaire 'cli-base'"));
    mt_diags_free(&d);
    mt_diags_init(&d);
    assert_int_equal(baseline_check_questionnaire("old.ini", 4, cur.q->id, cur.q, &d), MT_OK);
    assert_int_equal(d.count, 0);
    mt_diags_free(&d);
    side_free(&base);
    side_free(&cur);
}

/* A group as the current side: its means against one baseline respondent.
 * The group numbers are group_reference.py's: arch_a 68.939393939, arch_b
 * 53.472222222, bar 44.444444444. */
static void test_group_against_baseline(void **state)
{
    (void)state;
    side base;
    side_load(&base, V1, baseline_answers);
    char *arg = "tests/data/group";
    char **paths = NULL;
    size_t n = 0;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(group_expand_paths(&arg, 1, &paths, &n, &d), MT_OK);
    mt_group *g = NULL;
    assert_int_equal(group_load_files(base.q, paths, n, NULL, &g, &d), MT_OK);
    mt_snapshot now = { .q = g->q, .result = g->result, .recs = g->recs };
    mt_baseline *b = NULL;
    assert_int_equal(baseline_compare(&now, &base.snap, -1, &b, &d), MT_OK);
    assert_float_equal(b->constructs[A].delta, 68.939393939 - 100.0 / 3, EPS);
    assert_float_equal(b->constructs[B].delta, 53.472222222 - 250.0 / 3, EPS);
    assert_float_equal(b->constructs[BAR].delta, 44.444444444 - 75, EPS);
    assert_int_equal(b->constructs[BAR].sense, MT_SENSE_BETTER);
    assert_int_equal(b->stage_direction, MT_DIR_SAME);   /* s1 on both */
    assert_true(has_rule(base.q, b->kept, b->nkept, "next-s2"));
    assert_true(has_rule(base.q, b->added, b->nadded, "lead-a"));
    assert_true(has_rule(base.q, b->gone, b->ngone, "bar-high"));
    baseline_free(b);
    group_free(g);
    group_free_paths(paths, n);
    mt_diags_free(&d);
    side_free(&base);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(mt_direction_name(MT_DIR_UP), "up");
    assert_string_equal(mt_direction_name(MT_DIR_GONE), "gone");
    assert_string_equal(mt_direction_name((mt_direction)99), "unknown");
    assert_string_equal(mt_sense_name(MT_SENSE_WORSE), "worse");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deltas),
        cmocka_unit_test(test_tolerance),
        cmocka_unit_test(test_insufficient),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_mismatch),
        cmocka_unit_test(test_group_against_baseline),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
