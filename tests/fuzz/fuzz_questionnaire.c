/*
 * fuzz_questionnaire.c - libFuzzer target: the questionnaire loader, and
 * what the tool does next with a questionnaire that loads: a fresh answer
 * set, scoring it, the rules, and writing and reading the answers back.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "maturity/answers.h"
#include "maturity/recommender.h"
#include "maturity/scorer.h"

/* An empty answer set saved for a questionnaire that loaded must load back:
 * otherwise `assess` would write a file the tool then refuses. */
static void check_round_trip(const mt_questionnaire *q, const mt_answers *a)
{
    char *text = NULL;
    if (answers_to_string(a, &text) != MT_OK)
        return;   /* out of memory only */
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *back = NULL;
    mt_error err = answers_load_string(q, "round-trip.ini", text, strlen(text), &back, &d);
    if (err != MT_OK && err != MT_ERROR_NOMEM) {
        mt_diags_print(&d, stderr);
        fprintf(stderr, "fuzz: answers saved for this questionnaire do not load:\n%s", text);
        abort();
    }
    answers_free(back);
    mt_diags_free(&d);
    free(text);
}

static void use_model(const mt_questionnaire *q)
{
    mt_answers *a = NULL;
    if (answers_new(q, &a) != MT_OK)
        return;
    mt_result *r = NULL;
    if (scorer_score(q, a, &r) == MT_OK) {
        mt_recommendations *recs = NULL;
        if (recommender_run(q, r, &recs) == MT_OK)
            recommender_free(recs);
        scorer_result_free(r);
    }
    check_round_trip(q, a);
    answers_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_copy(data, size);
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    if (questionnaire_load_string("fuzz.ini", text, size, &q, &d) == MT_OK) {
        use_model(q);
        questionnaire_free(q);
    }
    mt_diags_free(&d);
    free(text);
    return 0;
}
