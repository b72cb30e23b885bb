/*
 * fuzz_answers.c - libFuzzer target: the answers loader against the
 * default questionnaire, then scoring, the rules, and the round trip:
 * answers that loaded, written out, must load again and write out the same.
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

static mt_questionnaire *model;

static void score(const mt_answers *a)
{
    mt_result *r = NULL;
    if (scorer_score(model, a, &r) != MT_OK)
        return;
    mt_recommendations *recs = NULL;
    if (recommender_run(model, r, &recs) == MT_OK)
        recommender_free(recs);
    scorer_result_free(r);
}

static void fail_round_trip(const mt_diags *d, const char *first, const char *second)
{
    mt_diags_print(d, stderr);
    fprintf(stderr, "fuzz: answers do not survive a save and load:\n%s\n----\n%s\n",
            first, second ? second : "(did not load)");
    abort();
}

static void check_round_trip(const mt_answers *a)
{
    char *first = NULL, *second = NULL;
    if (answers_to_string(a, &first) != MT_OK)
        return;
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *back = NULL;
    mt_error err = answers_load_string(model, "saved.ini", first, strlen(first), &back, &d);
    if (err == MT_OK && answers_to_string(back, &second) == MT_OK &&
        strcmp(first, second) != 0)
        fail_round_trip(&d, first, second);
    if (err != MT_OK && err != MT_ERROR_NOMEM)
        fail_round_trip(&d, first, NULL);
    answers_free(back);
    mt_diags_free(&d);
    free(first);
    free(second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model)
        model = fuzz_load_questionnaire("questionnaires/digital-marketing.ini");
    char *text = fuzz_copy(data, size);
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *a = NULL;
    if (answers_load_string(model, "fuzz.ini", text, size, &a, &d) == MT_OK) {
        score(a);
        check_round_trip(a);
        answers_free(a);
    }
    mt_diags_free(&d);
    free(text);
    return 0;
}
