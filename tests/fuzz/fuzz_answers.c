/*
 * fuzz_answers.c - libFuzzer target: the answers loader against the
 * default questionnaire, then scoring, the rules, and the round trip:
 * answers that loaded, written out, must load again with the same answers,
 * notes and details (free text as a file can hold it: see normalise()).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdbool.h>
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

/* Free text as a file can hold it: control characters are written as
 * spaces, and a run of spaces where a long line is cut reads back as one
 * (INI trims the ends of lines). Everything else must survive. */
static char *normalise(const char *s)
{
    char *r = malloc(s ? strlen(s) + 1 : 1);
    if (!r)
        abort();
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        unsigned char c = *p;
        if (c == '\r' || c == '\t' || c == 0x7f || (c < 0x20 && c != '\n'))
            c = ' ';
        if (c == ' ' && (n == 0 || r[n - 1] == ' '))
            continue;
        r[n++] = (char)c;
    }
    while (n > 0 && r[n - 1] == ' ')
        n--;
    r[n] = '\0';
    return r;
}

static bool same_text(const char *x, const char *y)
{
    char *a = normalise(x), *b = normalise(y);
    bool same = strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

static bool same_answer(const mt_answer *x, const mt_answer *y)
{
    if (x->state != y->state || !same_text(x->note, y->note))
        return false;
    if (x->state != MT_ANSWER_VALUE)
        return true;
    double tol = 1e-9 * (fabs(x->number) > 1 ? fabs(x->number) : 1);
    return x->value == y->value && x->mask == y->mask && fabs(x->number - y->number) <= tol &&
           same_text(x->text, y->text);
}

static bool same_meta(const mt_meta *x, const mt_meta *y)
{
    const char *const xs[] = { x->organisation, x->respondent, x->role, x->date, x->language,
                               x->assessor };
    const char *const ys[] = { y->organisation, y->respondent, y->role, y->date, y->language,
                               y->assessor };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        if (!same_text(xs[i], ys[i]))
            return false;
    return true;
}

static void fail_round_trip(const mt_diags *d, const char *saved, const char *what)
{
    mt_diags_print(d, stderr);
    fprintf(stderr, "fuzz: answers do not survive a save and load (%s):\n%s\n", what, saved);
    abort();
}

static void check_round_trip(const mt_answers *a)
{
    char *saved = NULL;
    if (answers_to_string(a, &saved) != MT_OK)
        return;
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *back = NULL;
    mt_error err = answers_load_string(model, "saved.ini", saved, strlen(saved), &back, &d);
    if (err != MT_OK && err != MT_ERROR_NOMEM)
        fail_round_trip(&d, saved, "the saved file does not load");
    if (err == MT_OK && !same_meta(&a->meta, &back->meta))
        fail_round_trip(&d, saved, "[meta] changed");
    for (size_t i = 0; err == MT_OK && i < model->nitems; i++)
        if (!same_answer(&a->items[i], &back->items[i]))
            fail_round_trip(&d, saved, model->items[i].id);
    answers_free(back);
    mt_diags_free(&d);
    free(saved);
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
