/*
 * test_recommender.c - every clause kind and operator, insufficient data,
 * the order of recommendations, their reasons and the one-line "why".
 *
 * Likert answers on the 5-point scale score (v - 1) / 4: 1..5 give 0,
 * 25, 50, 75, 100 (x 100). Every construct here has three items of
 * weight 1, so its score is the mean of the three.
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

#include "maturity/answers.h"
#include "maturity/recommender.h"
#include "maturity/scorer.h"
#include "maturity/util.h"

#define CONSTRUCT(id, kind, en, he) \
    "[construct " id "]\nkind = " kind "\nname.en = " en "\nname.he = " he \
    "\ndescription.en = " en "\ndescription.he = " he "\nbands = level\n"
#define LIKERT(id, loads) \
    "[item " id "]\nsection = s\ntype = likert\nscale = agree5\ntext.en = " id \
    "\ntext.he = " id "\nloads = " loads "\n"
#define INDICATOR(id) \
    "[item " id "]\nsection = s\ntype = likert\nscale = agree5\ntext.en = " id \
    "\ntext.he = " id "\n"
#define STAGE(id, item, en, he) \
    "[stage " id "]\nname.en = " en "\nname.he = " he "\ndescription.en = " en \
    "\ndescription.he = " he "\nitems = " item "\nthreshold = 50\n"
#define RULE(id, when, priority, horizon) \
    "[rule " id "]\nwhen = " when "\npriority = " priority "\nhorizon = " horizon \
    "\ntitle.en = " id "\ntitle.he = " id "\ntext.en = Do " id "\ntext.he = " id \
    "\nsource = src\n"

#define HEADER \
    "[questionnaire]\nid = rec\nversion = 1\nlanguages = en he\ntitle.en = T\n" \
    "title.he = ש\ndescription.en = D\ndescription.he = ת\n" \
    "[classification]\nhybrid_margin = 10\nmin_coverage = 50\n" \
    "[scale agree5]\npoints = 5\ndont_know = yes\nlabels.en = 1 | 2 | 3 | 4 | 5\n" \
    "labels.he = 1 | 2 | 3 | 4 | 5\n" \
    "[section s]\ntitle.en = S\ntitle.he = ס\n" \
    "[bands level]\nnames = low moderate high\nfrom = 0 40 70\n" \
    "labels.en = Low | Moderate | High\nlabels.he = נמוך | בינוני | גבוה\n" \
    "[source src]\ntitle.en = A source\ntitle.he = מקור\n"

#define MODEL \
    CONSTRUCT("arch_a", "archetype", "Brand", "מותג") \
    CONSTRUCT("arch_b", "archetype", "Trust", "אמון") \
    CONSTRUCT("x", "barrier", "Fear", "פחד") \
    CONSTRUCT("y", "capability", "Skill", "מיומנות") \
    LIKERT("a1", "arch_a") LIKERT("a2", "arch_a") LIKERT("a3", "arch_a") \
    LIKERT("b1", "arch_b") LIKERT("b2", "arch_b") LIKERT("b3", "arch_b") \
    LIKERT("x1", "x") LIKERT("x2", "x") LIKERT("x3", "x") \
    LIKERT("y1", "y") LIKERT("y2", "y") LIKERT("y3", "y") \
    INDICATOR("i1") INDICATOR("i2") INDICATOR("i3") \
    STAGE("s1", "i1", "Stage one", "שלב ראשון") \
    STAGE("s2", "i2", "Stage two", "שלב שני") \
    STAGE("s3", "i3", "Stage three", "שלב שלישי")

/* One rule per clause kind and operator, all high/quick_win so that file
 * order decides their order. In pieces: C compilers need not take string
 * literals over 4095 bytes. */
static const char *const clauses_text[] = {
    HEADER, MODEL,
    RULE("x-lt", "x < 50", "high", "quick_win"),
    RULE("x-le", "x <= 50", "high", "quick_win"),
    RULE("x-gt", "x > 50", "high", "quick_win"),
    RULE("x-ge", "x >= 50", "high", "quick_win"),
    RULE("x-eq", "x = 50", "high", "quick_win"),
    RULE("x-ne", "x != 50", "high", "quick_win"),
    RULE("x-band", "x is moderate", "high", "quick_win"),
    RULE("x-bands", "x is low|high", "high", "quick_win"),
    RULE("st-lt", "stage < s2", "high", "quick_win"),
    RULE("st-le", "stage <= s1", "high", "quick_win"),
    RULE("st-gt", "stage > s1", "high", "quick_win"),
    RULE("st-ge", "stage >= s1", "high", "quick_win"),
    RULE("st-none", "stage = none", "high", "quick_win"),
    RULE("st-ne", "stage != s3", "high", "quick_win"),
    RULE("st-is", "stage is s1", "high", "quick_win"),
    RULE("nx-s2", "next_stage is s2", "high", "quick_win"),
    RULE("nx-none", "next_stage is none", "high", "quick_win"),
    RULE("dom-a", "dominant is arch_a", "high", "quick_win"),
    RULE("dom-b", "dominant is arch_b", "high", "quick_win"),
    RULE("hyb", "dominant is hybrid", "high", "quick_win"),
    RULE("y-ge", "y >= 0", "high", "quick_win"),
    RULE("y-ne", "y != 50", "high", "quick_win"),
    RULE("y-band", "y is low|moderate|high", "high", "quick_win"),
    RULE("all3", "dominant is arch_a and x is moderate and stage >= s1", "high", "quick_win"),
    RULE("all3-fails", "dominant is arch_a and x > 50 and stage >= s1", "high", "quick_win"),
    RULE("twice", "x >= 40 and x is moderate", "high", "quick_win"),
    NULL
};

/* Every rule holds whenever x has data; priorities and horizons mixed up. */
static const char *const order_text[] = {
    HEADER, MODEL,
    RULE("r0", "x >= 0", "low", "quick_win"),
    RULE("r1", "x >= 0", "high", "12_months"),
    RULE("r2", "x >= 0", "medium", "90_days"),
    RULE("r3", "x >= 0", "high", "quick_win"),
    RULE("r4", "x >= 0", "high", "12_months"),
    RULE("r5", "x >= 0", "medium", "quick_win"),
    RULE("r6", "x >= 0", "low", "quick_win"),
    RULE("r7", "x >= 0", "high", "90_days"),
    NULL
};

typedef struct fixture {
    mt_questionnaire *q;
    mt_answers *a;
    mt_result *r;
    mt_recommendations *recs;
} fixture;

static mt_questionnaire *load_questionnaire(const char *const *parts)
{
    char *text = mt_strdup("");
    for (size_t i = 0; parts[i]; i++)
        assert_true(mt_str_append(&text, "", parts[i]));
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    mt_error err = questionnaire_load_string("rec.ini", text, strlen(text), &q, &d);
    if (err)
        mt_diags_print(&d, stderr);
    mt_diags_free(&d);
    free(text);
    assert_int_equal(err, MT_OK);
    return q;
}

static void release(fixture *f)
{
    recommender_free(f->recs);
    scorer_result_free(f->r);
    answers_free(f->a);
    f->recs = NULL;
    f->r = NULL;
    f->a = NULL;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->q = load_questionnaire(clauses_text);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    release(f);
    questionnaire_free(f->q);
    free(f);
    return 0;
}

/* Loads `answers` (lines of an [answers] section), scores and recommends. */
static void run(fixture *f, const char *answers)
{
    release(f);
    char *text = mt_asprintf("[meta]\nquestionnaire = rec\nversion = 1\n[answers]\n%s", answers);
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
    assert_int_equal(recommender_run(f->q, f->r, &f->recs), MT_OK);
}

static const mt_recommendation *find(const fixture *f, const char *rule)
{
    for (size_t i = 0; i < f->recs->count; i++)
        if (strcmp(f->q->rules[f->recs->items[i].rule].id, rule) == 0)
            return &f->recs->items[i];
    return NULL;
}

/* Checks which rules fired: `expected` lists exactly those, in order. */
static void expect_fired(const fixture *f, const char *const *expected, size_t n)
{
    char got[1024] = "";
    for (size_t i = 0; i < f->recs->count; i++) {
        strcat(got, " ");
        strcat(got, f->q->rules[f->recs->items[i].rule].id);
    }
    char want[1024] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(want, " ");
        strcat(want, expected[i]);
    }
    assert_string_equal(got, want);
}

#define EXPECT_FIRED(f, ...) do { \
        static const char *const list_[] = { __VA_ARGS__ }; \
        expect_fired((f), list_, sizeof list_ / sizeof list_[0]); \
    } while (0)

static char *why(const fixture *f, const char *rule, const char *lang)
{
    const mt_recommendation *rec = find(f, rule);
    assert_non_null(rec);
    char *s = recommender_why(f->q, f->r, rec, questionnaire_lang_index(f->q, lang));
    assert_non_null(s);
    return s;
}

/* ----------------------------------------------------------- clauses */

static void test_clauses_clear_leader_middle_stage(void **state)
{
    fixture *f = *state;
    /* x = 3,3,3: 50, moderate. a = 4,4,4: 75; b = 3,3,3: 50; margin 25:
     * a leads, no hybrid. y not answered: insufficient. Stages: i1 = 5
     * (s1 met, reached), i2 = 1 (s2 not met), i3 = 5 (met, not reached):
     * reached s1 (0), next s2 (1). */
    run(f, "x1 = 3\nx2 = 3\nx3 = 3\na1 = 4\na2 = 4\na3 = 4\nb1 = 3\nb2 = 3\nb3 = 3\n"
           "i1 = 5\ni2 = 1\ni3 = 5\n");
    assert_int_equal(f->r->stage_reached, 0);
    assert_int_equal(f->r->next_stage, 1);
    assert_false(f->r->hybrid);
    /* x-le, x-ge, x-eq hold at 50; x-lt, x-gt, x-ne do not. Band moderate.
     * stage 0: < 1, <= 0, >= 0, != 2 and "is s1" hold; > 0 and = none do
     * not. next is s2. a leads alone. y has no data: no y rule fires. */
    EXPECT_FIRED(f, "x-le", "x-ge", "x-eq", "x-band",
                 "st-lt", "st-le", "st-ge", "st-ne", "st-is", "nx-s2",
                 "dom-a", "all3", "twice");
}

static void test_clauses_hybrid_no_stage(void **state)
{
    fixture *f = *state;
    /* x = 1,1,1: 0, low. a = 50; b = 4,3,3: (75 + 50 + 50) / 3 = 58.33:
     * b leads, a second, margin 8.33 < 10: hybrid. y = 3,3,3: 50.
     * i1 = 1: s1 not met, nothing reached (-1); next s1 (0). */
    run(f, "x1 = 1\nx2 = 1\nx3 = 1\na1 = 3\na2 = 3\na3 = 3\nb1 = 4\nb2 = 3\nb3 = 3\n"
           "y1 = 3\ny2 = 3\ny3 = 3\ni1 = 1\ni2 = 5\ni3 = 5\n");
    assert_true(f->r->hybrid);
    assert_int_equal(f->r->stage_reached, -1);
    /* x: <, <=, != hold; low is in low|high. stage -1: < s2, <= s1, = none,
     * != s3. dominant is arch_a holds too: a is the hybrid's runner-up.
     * y = 50: >= 0 and a band hold; != 50 does not. */
    EXPECT_FIRED(f, "x-lt", "x-le", "x-ne", "x-bands",
                 "st-lt", "st-le", "st-none", "st-ne",
                 "dom-a", "dom-b", "hyb", "y-ge", "y-band");
}

static void test_clauses_every_stage_reached(void **state)
{
    fixture *f = *state;
    /* x = 5,5,5: 100, high. a = b = 0 (1,1,1): a tie, a first, margin 0:
     * hybrid. Every stage reached: stage 2, next none. */
    run(f, "x1 = 5\nx2 = 5\nx3 = 5\na1 = 1\na2 = 1\na3 = 1\nb1 = 1\nb2 = 1\nb3 = 1\n"
           "i1 = 5\ni2 = 5\ni3 = 5\n");
    assert_int_equal(f->r->stage_reached, 2);
    assert_int_equal(f->r->next_stage, -1);
    assert_int_equal(f->r->dominant, questionnaire_find_construct(f->q, "arch_a"));
    /* x: >, >=, != hold; high in low|high. stage 2: > s1, >= s1.
     * next none. all3-fails: a leads, x 100 > 50, stage >= s1: fires. */
    EXPECT_FIRED(f, "x-gt", "x-ge", "x-ne", "x-bands", "st-gt", "st-ge", "nx-none",
                 "dom-a", "dom-b", "hyb", "all3-fails");
}

static void test_insufficient_data_never_holds(void **state)
{
    fixture *f = *state;
    /* x1 = 3 only: x = 50 on coverage 33.33 < 50. None of the x rules, even
     * "x != 50" or "x < 50", may fire on a score it does not trust. No
     * archetype has data: no dominant rule. No indicator: stage none. */
    run(f, "x1 = 3\n");
    assert_false(f->r->constructs[questionnaire_find_construct(f->q, "x")].sufficient);
    EXPECT_FIRED(f, "st-lt", "st-le", "st-none", "st-ne");
}

/* --------------------------------------------------------------- order */

static void test_order_priority_horizon_file(void **state)
{
    (void)state;
    fixture f = { .q = load_questionnaire(order_text) };
    run(&f, "x1 = 3\nx2 = 3\nx3 = 3\n");
    /* high: r3 (quick win), r7 (90 days), r1 and r4 (12 months, file order);
     * medium: r5 (quick win), r2 (90 days); low: r0, r6 (quick win). */
    EXPECT_FIRED(&f, "r3", "r7", "r1", "r4", "r5", "r2", "r0", "r6");
    release(&f);
    questionnaire_free(f.q);
}

/* ------------------------------------------------------------- reasons */

static void test_reasons_per_clause(void **state)
{
    fixture *f = *state;
    run(f, "x1 = 3\nx2 = 3\nx3 = 3\na1 = 4\na2 = 4\na3 = 4\nb1 = 3\nb2 = 3\nb3 = 3\n"
           "i1 = 5\ni2 = 1\n");
    const mt_recommendation *rec = find(f, "all3");
    assert_non_null(rec);
    assert_int_equal(rec->nreasons, 3);
    /* dominant is arch_a: a at 75 */
    assert_int_equal(rec->reasons[0].kind, MT_CLAUSE_DOMINANT);
    assert_int_equal(rec->reasons[0].construct, questionnaire_find_construct(f->q, "arch_a"));
    assert_true(rec->reasons[0].score == 75);
    /* x is moderate: 50, band 1 */
    assert_int_equal(rec->reasons[1].kind, MT_CLAUSE_BAND);
    assert_int_equal(rec->reasons[1].construct, questionnaire_find_construct(f->q, "x"));
    assert_true(rec->reasons[1].score == 50);
    assert_int_equal(rec->reasons[1].band, 1);
    /* stage >= s1: reached s1 */
    assert_int_equal(rec->reasons[2].kind, MT_CLAUSE_STAGE);
    assert_int_equal(rec->reasons[2].construct, -1);
    assert_int_equal(rec->reasons[2].stage, 0);
    /* next_stage is s2: the next stage, 1 */
    rec = find(f, "nx-s2");
    assert_non_null(rec);
    assert_int_equal(rec->nreasons, 1);
    assert_int_equal(rec->reasons[0].kind, MT_CLAUSE_NEXT_STAGE);
    assert_int_equal(rec->reasons[0].stage, 1);
    /* a score clause: x-eq */
    rec = find(f, "x-eq");
    assert_non_null(rec);
    assert_int_equal(rec->reasons[0].kind, MT_CLAUSE_SCORE);
    assert_true(rec->reasons[0].score == 50);
}

/* ----------------------------------------------------------------- why */

static void test_why_in_english_and_hebrew(void **state)
{
    fixture *f = *state;
    /* a = 4,4,3: 66.67 shows as 67. */
    run(f, "x1 = 3\nx2 = 3\nx3 = 3\na1 = 4\na2 = 4\na3 = 3\nb1 = 2\nb2 = 2\nb3 = 2\n"
           "i1 = 5\ni2 = 1\n");
    char *s = why(f, "all3", "en");
    assert_string_equal(s, "dominant archetype: Brand 67; Fear 50 (Moderate); "
                           "stage reached: Stage one");
    free(s);
    s = why(f, "all3", "he");
    assert_string_equal(s, "ארכיטיפ דומיננטי: מותג 67; פחד 50 (בינוני); "
                           "השלב שהושג: שלב ראשון");
    free(s);
    s = why(f, "nx-s2", "en");
    assert_string_equal(s, "next stage: Stage two");
    free(s);
    /* two clauses on one construct are said once */
    s = why(f, "twice", "en");
    assert_string_equal(s, "Fear 50 (Moderate)");
    free(s);
}

static void test_why_hybrid_and_no_stage(void **state)
{
    fixture *f = *state;
    /* b = 58.33 leads a = 50: hybrid; nothing reached. */
    run(f, "x1 = 1\nx2 = 1\nx3 = 1\na1 = 3\na2 = 3\na3 = 3\nb1 = 4\nb2 = 3\nb3 = 3\n"
           "i1 = 1\n");
    char *s = why(f, "hyb", "en");
    assert_string_equal(s, "hybrid profile: Trust 58, Brand 50");
    free(s);
    /* a fired as the hybrid's runner-up: it is not called dominant */
    s = why(f, "dom-a", "en");
    assert_string_equal(s, "hybrid profile: Trust 58, Brand 50");
    free(s);
    s = why(f, "dom-b", "he");
    assert_string_equal(s, "ארכיטיפ דומיננטי: אמון 58");
    free(s);
    s = why(f, "st-none", "en");
    assert_string_equal(s, "No stage reached yet");
    free(s);
    s = why(f, "st-none", "he");
    assert_string_equal(s, "טרם הושג שלב");
    free(s);
    s = why(f, "x-bands", "he");
    assert_string_equal(s, "פחד 0 (נמוך)");
    free(s);
}

static void test_why_every_stage_reached(void **state)
{
    fixture *f = *state;
    run(f, "i1 = 5\ni2 = 5\ni3 = 5\n");
    char *s = why(f, "nx-none", "en");
    assert_string_equal(s, "Every stage reached");
    free(s);
    s = why(f, "st-gt", "en");
    assert_string_equal(s, "stage reached: Stage three");
    free(s);
}

static void test_no_rules_fire_on_no_answers(void **state)
{
    fixture *f = *state;
    run(f, "");
    /* only stage clauses can hold without data: stage -1 < s2, <= s1,
     * = none, != s3 */
    EXPECT_FIRED(f, "st-lt", "st-le", "st-none", "st-ne");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clauses_clear_leader_middle_stage),
        cmocka_unit_test(test_clauses_hybrid_no_stage),
        cmocka_unit_test(test_clauses_every_stage_reached),
        cmocka_unit_test(test_insufficient_data_never_holds),
        cmocka_unit_test(test_order_priority_horizon_file),
        cmocka_unit_test(test_reasons_per_clause),
        cmocka_unit_test(test_why_in_english_and_hebrew),
        cmocka_unit_test(test_why_hybrid_and_no_stage),
        cmocka_unit_test(test_why_every_stage_reached),
        cmocka_unit_test(test_no_rules_fire_on_no_answers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
