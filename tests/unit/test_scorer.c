/*
 * test_scorer.c - construct scores, coverage, bands, classification and
 * roadmap stages, each expected value worked out by hand in the comments.
 *
 * Item scores (docs/questionnaire-format.md): a likert answer v on a
 * 5-point scale scores (v - 1) / 4, so 1..5 give 0, .25, .5, .75, 1;
 * reversed, 1 - s. A construct's score is 100 x sum(w s) / sum(w) over
 * the items answered with a value; its coverage 100 x sum(w answered) /
 * sum(w all).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "maturity/answers.h"
#include "maturity/scorer.h"
#include "maturity/util.h"

#define CONSTRUCT(id, kind) \
    "[construct " id "]\nkind = " kind "\nname.en = " id "\ndescription.en = " id \
    "\nbands = level\n"
#define LIKERT(id, loads) \
    "[item " id "]\nsection = s\ntype = likert\nscale = agree5\ntext.en = " id \
    "\nloads = " loads "\n"
#define INDICATOR(id) \
    "[item " id "]\nsection = s\ntype = likert\nscale = agree5\ntext.en = " id "\n"

#define HEADER(margin) \
    "[questionnaire]\nid = t\nversion = 1\nlanguages = en\ntitle.en = T\n" \
    "description.en = D\n" \
    "[classification]\nhybrid_margin = " margin "\nmin_coverage = 50\n" \
    "[scale agree5]\npoints = 5\ndont_know = yes\nlabels.en = 1 | 2 | 3 | 4 | 5\n" \
    "[section s]\ntitle.en = S\n" \
    "[bands level]\nnames = low moderate high\nfrom = 0 40 70\n" \
    "labels.en = Low | Moderate | High\n"

/*
 * The main fixture. hybrid_margin 25, min_coverage 50, bands low 0 /
 * moderate 40 / high 70.
 * - arch_a, arch_b, arch_c: archetypes, three likert items each, weight 1.
 * - bar (barrier): r1 (w 1), r2 (w 1, reverse), r3 (w 2): total weight 4.
 * - cap: ch (choice: 1 scores 0, 2 scores 50, 3 names nothing), mu
 *   (multi: 60, 60, 30), nu (number: 0:0, 10:50, 50:100), weight 1 each.
 * - edge: e1, e2 (choice: 10, 70, 69.8) and e3 (likert), weight 0.1 each.
 * - stages s1 (i1 i2 i5, threshold 50) and s2 (i3 i4, threshold 50).
 */
static const char main_text[] =
    HEADER("25")
    CONSTRUCT("arch_a", "archetype")
    CONSTRUCT("arch_b", "archetype")
    CONSTRUCT("arch_c", "archetype")
    CONSTRUCT("bar", "barrier")
    CONSTRUCT("cap", "capability")
    CONSTRUCT("edge", "index")
    LIKERT("a1", "arch_a") LIKERT("a2", "arch_a") LIKERT("a3", "arch_a")
    LIKERT("b1", "arch_b") LIKERT("b2", "arch_b") LIKERT("b3", "arch_b")
    LIKERT("c1", "arch_c") LIKERT("c2", "arch_c") LIKERT("c3", "arch_c")
    LIKERT("r1", "bar") LIKERT("r2", "bar 1 reverse") LIKERT("r3", "bar 2")
    "[item ch]\nsection = s\ntype = choice\ntext.en = ch\n"
    "option.1.en = o1\noption.1.scores = cap 0\n"
    "option.2.en = o2\noption.2.scores = cap 50\n"
    "option.3.en = o3\n"
    "loads = cap\n"
    "[item mu]\nsection = s\ntype = multi\ntext.en = mu\n"
    "option.1.en = o1\noption.1.scores = cap 60\n"
    "option.2.en = o2\noption.2.scores = cap 60\n"
    "option.3.en = o3\noption.3.scores = cap 30\n"
    "loads = cap\n"
    "[item nu]\nsection = s\ntype = number\ntext.en = nu\nmin = 0\nmax = 100\n"
    "bands = 0:0, 10:50, 50:100\nloads = cap\n"
    "[item e1]\nsection = s\ntype = choice\ntext.en = e1\n"
    "option.1.en = o1\noption.1.scores = edge 10\n"
    "option.2.en = o2\noption.2.scores = edge 70\n"
    "option.3.en = o3\noption.3.scores = edge 69.8\n"
    "loads = edge 0.1\n"
    "[item e2]\nsection = s\ntype = choice\ntext.en = e2\n"
    "option.1.en = o1\noption.1.scores = edge 10\n"
    "option.2.en = o2\noption.2.scores = edge 70\n"
    "option.3.en = o3\noption.3.scores = edge 69.8\n"
    "loads = edge 0.1\n"
    LIKERT("e3", "edge 0.1")
    INDICATOR("i1") INDICATOR("i2") INDICATOR("i3") INDICATOR("i4") INDICATOR("i5")
    "[item tx]\nsection = s\ntype = text\ntext.en = tx\n"
    "[stage s1]\nname.en = Stage one\ndescription.en = First.\nitems = i1 i2 i5\nthreshold = 50\n"
    "[stage s2]\nname.en = Stage two\ndescription.en = Second.\nitems = i3 i4\nthreshold = 50\n";

typedef struct fixture {
    mt_questionnaire *q;
    mt_answers *a;
    mt_result *r;
} fixture;

static mt_questionnaire *load_questionnaire(const char *text)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    mt_error err = questionnaire_load_string("t.ini", text, strlen(text), &q, &d);
    if (err)
        mt_diags_print(&d, stderr);
    mt_diags_free(&d);
    assert_int_equal(err, MT_OK);
    return q;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->q = load_questionnaire(main_text);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    scorer_result_free(f->r);
    answers_free(f->a);
    questionnaire_free(f->q);
    free(f);
    return 0;
}

/* Loads `answers` (the lines of an [answers] section) and scores them. */
static void score(fixture *f, const char *answers)
{
    scorer_result_free(f->r);
    answers_free(f->a);
    f->r = NULL;
    f->a = NULL;
    char *text = mt_asprintf("[meta]\nquestionnaire = %s\nversion = %s\n[answers]\n%s",
                             f->q->id, f->q->version, answers);
    assert_non_null(text);
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = answers_load_string(f->q, "a.ini", text, strlen(text), &f->a, &d);
    if (err)
        mt_diags_print(&d, stderr);
    mt_diags_free(&d);
    free(text);
    assert_int_equal(err, MT_OK);
    assert_int_equal(scorer_score(f->q, f->a, &f->r), MT_OK);
}

static size_t construct(const fixture *f, const char *id)
{
    long c = questionnaire_find_construct(f->q, id);
    assert_true(c >= 0);
    return (size_t)c;
}

static const mt_construct_score *cs(const fixture *f, const char *id)
{
    return &f->r->constructs[construct(f, id)];
}

static const char *band_id(const fixture *f, const char *id)
{
    const mt_construct_score *s = cs(f, id);
    assert_true(s->sufficient);
    return questionnaire_band(f->q, construct(f, id), s->band)->id;
}

static const mt_item *item(const fixture *f, const char *id)
{
    long i = questionnaire_find_item(f->q, id);
    assert_true(i >= 0);
    return &f->q->items[i];
}

static const mt_answer *answer(const fixture *f, const char *id)
{
    return &f->a->items[questionnaire_find_item(f->q, id)];
}

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-6)

/* ------------------------------------------------------------ constructs */

static void test_reverse_keying(void **state)
{
    fixture *f = *state;
    /* r1 = 4: 0.75. r2 = 2: 0.25, reversed 0.75. r3 = 5: 1, weight 2.
     * bar = 100 x (0.75 + 0.75 + 2 x 1) / 4 = 87.5, high. */
    score(f, "r1 = 4\nr2 = 2\nr3 = 5\n");
    assert_near(cs(f, "bar")->score, 87.5);
    assert_near(cs(f, "bar")->coverage, 100);
    assert_string_equal(band_id(f, "bar"), "high");
    double s;
    assert_true(scorer_item_score(f->q, item(f, "r2"), answer(f, "r2"), construct(f, "bar"), &s));
    assert_near(s, 0.75);
    /* as an indicator the same answer counts unreversed: 0.25 */
    assert_true(scorer_indicator_score(f->q, item(f, "r2"), answer(f, "r2"), &s));
    assert_near(s, 0.25);
    /* r2 = 5 reversed is 0: bar = 100 x (0.75 + 0 + 2) / 4 = 68.75, moderate */
    score(f, "r1 = 4\nr2 = 5\nr3 = 5\n");
    assert_near(cs(f, "bar")->score, 68.75);
    assert_string_equal(band_id(f, "bar"), "moderate");
}

static void test_dont_know_and_unanswered_are_left_out(void **state)
{
    fixture *f = *state;
    /* r1 don't know, r2 unanswered, r3 = 3 (0.5, weight 2):
     * bar = 100 x (2 x 0.5) / 2 = 50, not 100 x 1 / 4 = 25.
     * Coverage = 100 x 2 / 4 = 50: exactly min_coverage, so sufficient. */
    score(f, "r1 = dk\nr3 = 3\n");
    const mt_construct_score *b = cs(f, "bar");
    assert_near(b->score, 50);
    assert_near(b->coverage, 50);
    assert_true(b->sufficient);
    assert_string_equal(band_id(f, "bar"), "moderate");
    assert_int_equal(b->items, 3);
    assert_int_equal(b->answered, 1);
    assert_int_equal(b->dont_know, 1);
    double s;
    assert_false(scorer_item_score(f->q, item(f, "r1"), answer(f, "r1"), construct(f, "bar"), &s));
    assert_false(scorer_item_score(f->q, item(f, "r2"), answer(f, "r2"), construct(f, "bar"), &s));
}

static void test_coverage_threshold(void **state)
{
    fixture *f = *state;
    /* Only r1 = 5: score 100 but coverage 100 x 1 / 4 = 25 < 50. */
    score(f, "r1 = 5\n");
    assert_near(cs(f, "bar")->score, 100);
    assert_near(cs(f, "bar")->coverage, 25);
    assert_false(cs(f, "bar")->sufficient);
    /* r1 and r2 (weights 1 + 1 = 2 of 4): coverage 50, sufficient.
     * r1 = 5: 1; r2 = 1: 0 reversed 1. Score 100. */
    score(f, "r1 = 5\nr2 = 1\n");
    assert_near(cs(f, "bar")->coverage, 50);
    assert_true(cs(f, "bar")->sufficient);
    /* Nothing answered: score 0, coverage 0, insufficient. */
    score(f, "");
    assert_near(cs(f, "bar")->score, 0);
    assert_near(cs(f, "bar")->coverage, 0);
    assert_false(cs(f, "bar")->sufficient);
    /* Everything "don't know" is no better. */
    score(f, "r1 = dk\nr2 = dk\nr3 = dk\n");
    assert_false(cs(f, "bar")->sufficient);
    assert_int_equal(cs(f, "bar")->dont_know, 3);
}

static void test_weights(void **state)
{
    fixture *f = *state;
    /* r1 = 1 (0, w 1), r3 = 5 (1, w 2): 100 x 2 / 3 = 66.67; coverage 75. */
    score(f, "r1 = 1\nr3 = 5\n");
    assert_near(cs(f, "bar")->score, 200.0 / 3.0);
    assert_near(cs(f, "bar")->coverage, 75);
    assert_string_equal(band_id(f, "bar"), "moderate");
    /* swapped, r1 = 5 (1, w 1), r3 = 1 (0, w 2): 100 x 1 / 3 = 33.33, low */
    score(f, "r1 = 5\nr3 = 1\n");
    assert_near(cs(f, "bar")->score, 100.0 / 3.0);
    assert_string_equal(band_id(f, "bar"), "low");
}

static void test_choice_multi_number(void **state)
{
    fixture *f = *state;
    /* ch = 2: 0.5. mu = 1,2: 60 + 60 = 120, capped at 100: 1. nu = 30: the
     * highest band from <= 30 is 10: 50, so 0.5.
     * cap = 100 x (0.5 + 1 + 0.5) / 3 = 66.67 */
    score(f, "ch = 2\nmu = 1,2\nnu = 30\n");
    assert_near(cs(f, "cap")->score, 200.0 / 3.0);
    size_t cap = construct(f, "cap");
    double s;
    assert_true(scorer_item_score(f->q, item(f, "mu"), answer(f, "mu"), cap, &s));
    assert_near(s, 1.0);
    assert_true(scorer_item_score(f->q, item(f, "nu"), answer(f, "nu"), cap, &s));
    assert_near(s, 0.5);
    /* An item does not score on a construct it does not load on. */
    assert_false(scorer_item_score(f->q, item(f, "mu"), answer(f, "mu"),
                                   construct(f, "bar"), &s));
    /* ch = 3 names no construct: 0. mu = 3: 0.3. nu = 10: at the band edge,
     * 50: 0.5. cap = 100 x (0 + 0.3 + 0.5) / 3 = 26.67 */
    score(f, "ch = 3\nmu = 3\nnu = 10\n");
    assert_near(cs(f, "cap")->score, 80.0 / 3.0);
    /* mu = none is answered: 0, counted. nu = 9.99: band 0: 0. nu weight
     * counts. ch = 1: 0. cap = 0 with coverage 100. */
    score(f, "ch = 1\nmu = none\nnu = 9.99\n");
    assert_near(cs(f, "cap")->score, 0);
    assert_near(cs(f, "cap")->coverage, 100);
    assert_true(cs(f, "cap")->sufficient);
    /* nu = 100: band 50: 1. mu = 1,3: 90: 0.9. Only those two:
     * cap = 100 x (1 + 0.9) / 2 = 95; coverage 2/3 = 66.67 */
    score(f, "mu = 1,3\nnu = 100\n");
    assert_near(cs(f, "cap")->score, 95);
    assert_near(cs(f, "cap")->coverage, 200.0 / 3.0);
    /* a text item is never scored */
    score(f, "tx = hello\n");
    assert_false(scorer_item_score(f->q, item(f, "tx"), answer(f, "tx"), cap, &s));
    assert_false(scorer_indicator_score(f->q, item(f, "tx"), answer(f, "tx"), &s));
}

static void test_bands_at_exact_boundaries(void **state)
{
    fixture *f = *state;
    /* edge: e1, e2, e3 weigh 0.1 each; e3 unanswered, coverage 66.67.
     * e1 = e2 = 2: 100 x (0.1 x 0.7 + 0.1 x 0.7) / 0.2 = 70 exactly on
     * paper; in doubles 69.99999999999999. It is the high band's edge and
     * must be high. */
    score(f, "e1 = 2\ne2 = 2\n");
    assert_near(cs(f, "edge")->score, 70);
    assert_true(cs(f, "edge")->score >= 70);
    assert_string_equal(band_id(f, "edge"), "high");
    /* e1 = 1, e2 = 2: 100 x (0.01 + 0.07) / 0.2 = 40, moderate's edge. */
    score(f, "e1 = 1\ne2 = 2\n");
    assert_true(cs(f, "edge")->score >= 40);
    assert_string_equal(band_id(f, "edge"), "moderate");
    /* e1 = 1, e2 = 3: (10 + 69.8) / 2 = 39.9, just below: low. */
    score(f, "e1 = 1\ne2 = 3\n");
    assert_near(cs(f, "edge")->score, 39.9);
    assert_string_equal(band_id(f, "edge"), "low");
    /* e1 = e2 = 3: 69.8, just below high: moderate. */
    score(f, "e1 = 3\ne2 = 3\n");
    assert_string_equal(band_id(f, "edge"), "moderate");
    /* e1 = e2 = 1: 10: low; 0 is low too (the first band starts at 0). */
    score(f, "e1 = 1\ne2 = 1\n");
    assert_string_equal(band_id(f, "edge"), "low");
    /* bar at 100: high */
    score(f, "r1 = 5\nr2 = 1\nr3 = 5\n");
    assert_near(cs(f, "bar")->score, 100);
    assert_string_equal(band_id(f, "bar"), "high");
}

/* -------------------------------------------------------- classification */

static void test_clear_dominant(void **state)
{
    fixture *f = *state;
    /* a = 4,4,4: 75. b = 4,3,3: (0.75 + 0.5 + 0.5) / 3 = 58.33. c = 2,2,2: 25.
     * Margin 75 - 58.33 = 16.67 < 25: a hybrid. */
    score(f, "a1 = 4\na2 = 4\na3 = 4\nb1 = 4\nb2 = 3\nb3 = 3\nc1 = 2\nc2 = 2\nc3 = 2\n");
    assert_true(f->r->classified);
    assert_int_equal(f->r->dominant, construct(f, "arch_a"));
    assert_int_equal(f->r->runner_up, construct(f, "arch_b"));
    assert_near(f->r->margin, 75 - 175.0 / 3.0);
    assert_true(f->r->hybrid);
    /* b = 3,3,3: 50. Margin 75 - 50 = 25: not under the margin, so clear. */
    score(f, "a1 = 4\na2 = 4\na3 = 4\nb1 = 3\nb2 = 3\nb3 = 3\nc1 = 2\nc2 = 2\nc3 = 2\n");
    assert_int_equal(f->r->dominant, construct(f, "arch_a"));
    assert_near(f->r->margin, 25);
    assert_false(f->r->hybrid);
    /* c leads with 5,5,5: 100; a second at 75; margin 25: clear. */
    score(f, "a1 = 4\na2 = 4\na3 = 4\nb1 = 3\nb2 = 3\nb3 = 3\nc1 = 5\nc2 = 5\nc3 = 5\n");
    assert_int_equal(f->r->dominant, construct(f, "arch_c"));
    assert_int_equal(f->r->runner_up, construct(f, "arch_a"));
    assert_false(f->r->hybrid);
}

static void test_ties_follow_questionnaire_order(void **state)
{
    fixture *f = *state;
    /* a = b = 50 (3,3,3 each): a first in the file leads; margin 0: hybrid. */
    score(f, "a1 = 3\na2 = 3\na3 = 3\nb1 = 3\nb2 = 3\nb3 = 3\nc1 = 1\nc2 = 1\nc3 = 1\n");
    assert_int_equal(f->r->dominant, construct(f, "arch_a"));
    assert_int_equal(f->r->runner_up, construct(f, "arch_b"));
    assert_near(f->r->margin, 0);
    assert_true(f->r->hybrid);
    /* b = c = 75 ahead of a = 50: b leads, c is runner-up. */
    score(f, "a1 = 3\na2 = 3\na3 = 3\nb1 = 4\nb2 = 4\nb3 = 4\nc1 = 4\nc2 = 4\nc3 = 4\n");
    assert_int_equal(f->r->dominant, construct(f, "arch_b"));
    assert_int_equal(f->r->runner_up, construct(f, "arch_c"));
    /* a = 75 leads, b = c = 25 tie for second: b, first in the file. */
    score(f, "a1 = 4\na2 = 4\na3 = 4\nb1 = 2\nb2 = 2\nb3 = 2\nc1 = 2\nc2 = 2\nc3 = 2\n");
    assert_int_equal(f->r->runner_up, construct(f, "arch_b"));
}

static void test_classification_needs_sufficient_data(void **state)
{
    fixture *f = *state;
    /* c1 = 5 alone: c scores 100 on coverage 33.33, insufficient, so it is
     * not classified. a = 50, b = 25: a leads, b second, margin 25. */
    score(f, "a1 = 3\na2 = 3\na3 = 3\nb1 = 2\nb2 = 2\nb3 = 2\nc1 = 5\n");
    assert_false(cs(f, "arch_c")->sufficient);
    assert_int_equal(f->r->dominant, construct(f, "arch_a"));
    assert_int_equal(f->r->runner_up, construct(f, "arch_b"));
    /* Only a has data: a leader, no runner-up, no hybrid. */
    score(f, "a1 = 3\na2 = 3\n");
    assert_true(f->r->classified);
    assert_int_equal(f->r->dominant, construct(f, "arch_a"));
    assert_int_equal(f->r->runner_up, -1);
    assert_false(f->r->hybrid);
    /* No archetype has data: not classified. */
    score(f, "r1 = 3\n");
    assert_false(f->r->classified);
    assert_int_equal(f->r->dominant, -1);
    assert_int_equal(f->r->runner_up, -1);
    assert_false(f->r->hybrid);
}

static void test_classify_again(void **state)
{
    fixture *f = *state;
    /* a = b = 50: a hybrid. Then scores set from elsewhere (a group's
     * means): a 90, b 40, c 10: margin 50, no longer a hybrid. */
    score(f, "a1 = 3\na2 = 3\na3 = 3\nb1 = 3\nb2 = 3\nb3 = 3\nc1 = 1\nc2 = 1\nc3 = 1\n");
    assert_true(f->r->hybrid);
    f->r->constructs[construct(f, "arch_a")].score = 90;
    f->r->constructs[construct(f, "arch_b")].score = 40;
    f->r->constructs[construct(f, "arch_c")].score = 10;
    scorer_classify(f->q, f->r);
    assert_int_equal(f->r->dominant, construct(f, "arch_a"));
    assert_near(f->r->margin, 50);
    assert_false(f->r->hybrid);
    /* only one archetype left with data: no runner-up, margin and hybrid reset */
    f->r->constructs[construct(f, "arch_b")].sufficient = false;
    f->r->constructs[construct(f, "arch_c")].sufficient = false;
    scorer_classify(f->q, f->r);
    assert_int_equal(f->r->runner_up, -1);
    assert_false(f->r->hybrid);
    assert_near(f->r->margin, 0);
}

static void test_resolve_stages_again(void **state)
{
    fixture *f = *state;
    score(f, "");
    assert_int_equal(f->r->stage_reached, -1);
    /* stage scores set from elsewhere: s1 60 (met), s2 50 (exactly met) */
    f->r->stages[0] = (mt_stage_score){ .score = 60, .coverage = 100, .sufficient = true };
    f->r->stages[1] = (mt_stage_score){ .score = 50, .coverage = 100, .sufficient = true };
    scorer_resolve_stages(f->q, f->r);
    assert_true(f->r->stages[1].reached);
    assert_int_equal(f->r->stage_reached, 1);
    assert_int_equal(f->r->next_stage, -1);
    /* s1 without sufficient data: nothing reached, s2 met but not reached */
    f->r->stages[0].sufficient = false;
    scorer_resolve_stages(f->q, f->r);
    assert_false(f->r->stages[0].met);
    assert_true(f->r->stages[1].met);
    assert_false(f->r->stages[1].reached);
    assert_int_equal(f->r->stage_reached, -1);
    assert_int_equal(f->r->next_stage, 0);
}

/* ---------------------------------------------------------------- stages */

static void test_stage_gating(void **state)
{
    fixture *f = *state;
    /* s1: i1 = i2 = i5 = 1: 0 < 50, not met. s2: i3 = i4 = 5: 100, met.
     * Cumulative: s2 is met but not reached. */
    score(f, "i1 = 1\ni2 = 1\ni5 = 1\ni3 = 5\ni4 = 5\n");
    assert_false(f->r->stages[0].met);
    assert_true(f->r->stages[1].met);
    assert_false(f->r->stages[1].reached);
    assert_int_equal(f->r->stage_reached, -1);
    assert_int_equal(f->r->next_stage, 0);
    /* s1: 3,3,3: 50 = threshold: met. s2: 1, 2: (0 + 0.25) / 2 = 12.5. */
    score(f, "i1 = 3\ni2 = 3\ni5 = 3\ni3 = 1\ni4 = 2\n");
    assert_near(f->r->stages[0].score, 50);
    assert_true(f->r->stages[0].reached);
    assert_near(f->r->stages[1].score, 12.5);
    assert_false(f->r->stages[1].met);
    assert_int_equal(f->r->stage_reached, 0);
    assert_int_equal(f->r->next_stage, 1);
    /* both met: every stage reached, nothing next. */
    score(f, "i1 = 4\ni2 = 4\ni5 = 4\ni3 = 4\ni4 = 3\n");
    assert_int_equal(f->r->stage_reached, 1);
    assert_int_equal(f->r->next_stage, -1);
}

static void test_stage_coverage(void **state)
{
    fixture *f = *state;
    /* s1: only i1 answered (5): score 100, coverage 100 x 1/3 = 33.33 < 50:
     * insufficient, so not met, whatever the score. */
    score(f, "i1 = 5\ni2 = dk\ni3 = 5\ni4 = 5\n");
    assert_near(f->r->stages[0].score, 100);
    assert_near(f->r->stages[0].coverage, 100.0 / 3.0);
    assert_false(f->r->stages[0].sufficient);
    assert_false(f->r->stages[0].met);
    assert_int_equal(f->r->stage_reached, -1);
    /* s2 with i3 only: coverage 50, sufficient; score 100: met. */
    score(f, "i3 = 5\n");
    assert_true(f->r->stages[1].sufficient);
    assert_true(f->r->stages[1].met);
    /* nothing: score 0, coverage 0 */
    score(f, "");
    assert_near(f->r->stages[0].score, 0);
    assert_near(f->r->stages[0].coverage, 0);
    assert_false(f->r->stages[0].sufficient);
}

static void test_missing_indicators(void **state)
{
    fixture *f = *state;
    /* s1 threshold 50: i1 = 3 scores 50, not below; i2 unanswered; i5 = 2
     * scores 25 < 50. Missing: i2 and i5, in the stage's order. */
    score(f, "i1 = 3\ni5 = 2\n");
    size_t *items = NULL, n = 0;
    assert_int_equal(scorer_missing_indicators(f->q, f->a, 0, &items, &n), MT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(items[0], questionnaire_find_item(f->q, "i2"));
    assert_int_equal(items[1], questionnaire_find_item(f->q, "i5"));
    free(items);
    /* s2: i3 = dk counts as missing; i4 = 4 (75) does not. */
    score(f, "i3 = dk\ni4 = 4\n");
    assert_int_equal(scorer_missing_indicators(f->q, f->a, 1, &items, &n), MT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0], questionnaire_find_item(f->q, "i3"));
    free(items);
    /* nothing missing: n 0 and no list */
    score(f, "i3 = 5\ni4 = 5\n");
    assert_int_equal(scorer_missing_indicators(f->q, f->a, 1, &items, &n), MT_OK);
    assert_int_equal(n, 0);
    assert_null(items);
    assert_int_equal(scorer_missing_indicators(f->q, f->a, 2, &items, &n), MT_ERROR_NOT_FOUND);
}

/* A choice item's indicator score is its score on the first construct its
 * `loads` names. */
static void test_choice_indicator(void **state)
{
    (void)state;
    static const char text[] =
        HEADER("5")
        CONSTRUCT("x", "capability")
        CONSTRUCT("y", "capability")
        "[item q1]\nsection = s\ntype = choice\ntext.en = q1\n"
        "option.1.en = o1\noption.1.scores = x 90, y 20\n"
        "option.2.en = o2\noption.2.scores = x 10, y 80\n"
        "loads = y, x\n"
        LIKERT("q2", "x, y") LIKERT("q3", "x, y")
        "[stage st]\nname.en = St\ndescription.en = St.\nitems = q1\nthreshold = 50\n";
    fixture f = { .q = load_questionnaire(text) };
    /* q1 = 1: y scores 20 (x's 90 does not count): stage 20, not met. */
    score(&f, "q1 = 1\n");
    assert_near(f.r->stages[0].score, 20);
    assert_false(f.r->stages[0].met);
    /* q1 = 2: y 80: met. */
    score(&f, "q1 = 2\n");
    assert_near(f.r->stages[0].score, 80);
    assert_true(f.r->stages[0].met);
    scorer_result_free(f.r);
    answers_free(f.a);
    questionnaire_free(f.q);
}

/* ------------------------------------------------------- counts, explain */

static void test_counts(void **state)
{
    fixture *f = *state;
    /* 24 items: 3 answered (a1, mu, tx), 2 don't know, 19 unanswered. */
    assert_int_equal(f->q->nitems, 24);
    score(f, "a1 = 3\nmu = none\ntx = words\nr1 = dk\nnu = dk\n");
    assert_int_equal(f->r->answered, 3);
    assert_int_equal(f->r->dont_know, 2);
    assert_int_equal(f->r->unanswered, 19);
}

static void test_explain(void **state)
{
    fixture *f = *state;
    /* As in test_reverse_keying but r1 don't know: r2 = 2 (0.75 after
     * reversing, w 1), r3 = 5 (1, w 2). bar = 100 x 2.75 / 3 = 91.67.
     * Shares: r2 100 x 0.75 / 3 = 25, r3 100 x 2 / 3 = 66.67; sum 91.67. */
    score(f, "r1 = dk\nr2 = 2\nr3 = 5\n");
    mt_contribution *c = NULL;
    size_t n = 0;
    assert_int_equal(scorer_explain(f->q, f->a, construct(f, "bar"), &c, &n), MT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(c[0].item, questionnaire_find_item(f->q, "r1"));
    assert_false(c[0].counted);
    assert_near(c[0].share, 0);
    assert_true(c[1].reverse);
    assert_true(c[1].counted);
    assert_near(c[1].item_score, 0.75);
    assert_near(c[1].share, 25);
    assert_near(c[2].weight, 2);
    assert_near(c[2].share, 200.0 / 3.0);
    assert_near(c[0].share + c[1].share + c[2].share, cs(f, "bar")->score);
    free(c);
    assert_int_equal(scorer_explain(f->q, f->a, f->q->nconstructs, &c, &n), MT_ERROR_NOT_FOUND);
}

/* ---------------------------------------------------------------- guards */

/* A model no loader would accept (a construct without items, a stage
 * without indicators, min_coverage 0) must still score without dividing
 * by zero or calling nothing sufficient data. */
static void test_empty_model_guards(void **state)
{
    (void)state;
    mt_band band = { .id = "all", .min = 0 };
    mt_bandset bs = { .id = "b", .bands = &band, .nbands = 1 };
    mt_construct con = { .id = "lonely", .kind = MT_KIND_ARCHETYPE };
    mt_stage st = { .id = "empty", .threshold = 0 };
    mt_questionnaire q = {
        .id = "g", .version = "1", .min_coverage = 0, .hybrid_margin = 5,
        .bandsets = &bs, .nbandsets = 1, .constructs = &con, .nconstructs = 1,
        .stages = &st, .nstages = 1,
    };
    mt_answers *a = NULL;
    assert_int_equal(answers_new(&q, &a), MT_OK);
    mt_result *r = NULL;
    assert_int_equal(scorer_score(&q, a, &r), MT_OK);
    assert_false(isnan(r->constructs[0].score));
    assert_true(r->constructs[0].score == 0);
    assert_true(r->constructs[0].coverage == 0);
    assert_false(r->constructs[0].sufficient);
    assert_false(r->classified);
    assert_true(r->stages[0].score == 0);
    assert_false(r->stages[0].met);
    assert_int_equal(r->stage_reached, -1);
    assert_int_equal(r->next_stage, 0);
    mt_contribution *c = (mt_contribution *)1;
    size_t n = 1;
    assert_int_equal(scorer_explain(&q, a, 0, &c, &n), MT_OK);
    assert_int_equal(n, 0);
    assert_null(c);
    size_t *items = (size_t *)1;
    assert_int_equal(scorer_missing_indicators(&q, a, 0, &items, &n), MT_OK);
    assert_int_equal(n, 0);
    scorer_result_free(r);
    answers_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reverse_keying),
        cmocka_unit_test(test_dont_know_and_unanswered_are_left_out),
        cmocka_unit_test(test_coverage_threshold),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_choice_multi_number),
        cmocka_unit_test(test_bands_at_exact_boundaries),
        cmocka_unit_test(test_clear_dominant),
        cmocka_unit_test(test_ties_follow_questionnaire_order),
        cmocka_unit_test(test_classification_needs_sufficient_data),
        cmocka_unit_test(test_classify_again),
        cmocka_unit_test(test_resolve_stages_again),
        cmocka_unit_test(test_stage_gating),
        cmocka_unit_test(test_stage_coverage),
        cmocka_unit_test(test_missing_indicators),
        cmocka_unit_test(test_choice_indicator),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_empty_model_guards),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
