/*
 * scorer.c - construct scores, coverage, bands, classification, stages.
 * See documentation in header file; the method is in
 * docs/questionnaire-format.md ("How a score is computed").
 *
 * Scores are sums of products of small decimals, so a score that is
 * exactly 40 on paper can come out as 39.999999999. Every score, coverage
 * and margin is therefore snapped to nine decimals before it is compared
 * with a band edge, a threshold or the hybrid margin: far finer than any
 * report shows, and coarse enough to absorb the rounding of doubles.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/scorer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double snap(double x)
{
    return round(x * 1e9) / 1e9;
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* ---------------------------------------------------------- item scores */

static bool likert_score(const mt_questionnaire *q, const mt_item *item, long value,
                         double *out)
{
    int points = questionnaire_item_points(q, item);
    if (points < 2 || value < 1 || value > points)
        return false;
    *out = (double)(value - 1) / (double)(points - 1);
    return true;
}

/* The score of the highest band whose lower bound is not above the value. */
static double number_score(const mt_item *item, double number)
{
    double score = 0;
    for (size_t i = 0; i < item->nbands; i++)
        if (item->bands[i].from <= number)
            score = item->bands[i].score;
    return clamp01(score / 100.0);
}

/* An option's score on a construct; options that do not name it score 0. */
static double option_score(const mt_option *opt, size_t construct)
{
    for (size_t i = 0; i < opt->nscores; i++)
        if (opt->scores[i].construct == construct)
            return opt->scores[i].score;
    return 0;
}

static bool choice_score(const mt_item *item, long value, size_t construct, double *out)
{
    if (value < 1 || (size_t)value > item->noptions)
        return false;
    *out = clamp01(option_score(&item->options[value - 1], construct) / 100.0);
    return true;
}

/* Chosen options add up; several strong options cannot exceed 100. */
static double multi_score(const mt_item *item, uint64_t mask, size_t construct)
{
    double sum = 0;
    for (size_t i = 0; i < item->noptions && i < MT_MAX_OPTIONS; i++)
        if (mask & (UINT64_C(1) << i))
            sum += option_score(&item->options[i], construct);
    return clamp01(sum / 100.0);
}

/* The unreversed 0..1 score of an answer on a construct. */
static bool raw_score(const mt_questionnaire *q, const mt_item *item, const mt_answer *ans,
                      size_t construct, double *out)
{
    if (!ans || ans->state != MT_ANSWER_VALUE)
        return false;
    switch (item->type) {
    case MT_ITEM_LIKERT:
        return likert_score(q, item, ans->value, out);
    case MT_ITEM_NUMBER:
        *out = number_score(item, ans->number);
        return true;
    case MT_ITEM_CHOICE:
        return choice_score(item, ans->value, construct, out);
    case MT_ITEM_MULTI:
        *out = multi_score(item, ans->mask, construct);
        return true;
    case MT_ITEM_TEXT:
        return false;
    }
    return false;
}

static const mt_load *find_load(const mt_item *item, size_t construct)
{
    for (size_t i = 0; i < item->nloads; i++)
        if (item->loads[i].construct == construct)
            return &item->loads[i];
    return NULL;
}

static bool load_score(const mt_questionnaire *q, const mt_item *item, const mt_answer *ans,
                       const mt_load *ld, double *out)
{
    double s;
    if (!raw_score(q, item, ans, ld->construct, &s))
        return false;
    *out = ld->reverse ? 1.0 - s : s;
    return true;
}

bool scorer_item_score(const mt_questionnaire *q, const mt_item *item,
                       const mt_answer *ans, size_t construct, double *out)
{
    const mt_load *ld = find_load(item, construct);
    return ld && load_score(q, item, ans, ld, out);
}

bool scorer_indicator_score(const mt_questionnaire *q, const mt_item *item,
                            const mt_answer *ans, double *out)
{
    switch (item->type) {
    case MT_ITEM_LIKERT:
    case MT_ITEM_NUMBER:
        return raw_score(q, item, ans, 0, out);
    case MT_ITEM_CHOICE:
    case MT_ITEM_MULTI:
        /* An option scores per construct; the format takes the first one
         * the item loads on as its position on the roadmap. */
        return item->nloads > 0 && raw_score(q, item, ans, item->loads[0].construct, out);
    case MT_ITEM_TEXT:
        return false;
    }
    return false;
}

/* ------------------------------------------------------ construct scores */

static void score_construct(const mt_questionnaire *q, const mt_answers *a, size_t c,
                            mt_construct_score *cs)
{
    double total = 0, answered = 0, sum = 0;
    memset(cs, 0, sizeof *cs);
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *item = &q->items[i];
        for (size_t l = 0; l < item->nloads; l++) {
            const mt_load *ld = &item->loads[l];
            if (ld->construct != c)
                continue;
            double s;
            total += ld->weight;
            cs->items++;
            if (a->items[i].state == MT_ANSWER_DONT_KNOW)
                cs->dont_know++;
            if (!load_score(q, item, &a->items[i], ld, &s))
                continue;
            cs->answered++;
            answered += ld->weight;
            sum += ld->weight * s;
        }
    }
    cs->score = answered > 0 ? snap(100.0 * sum / answered) : 0;
    cs->coverage = total > 0 ? snap(100.0 * answered / total) : 0;
    cs->sufficient = total > 0 && answered > 0 && cs->coverage >= q->min_coverage;
    cs->band = cs->sufficient ? questionnaire_band_of(q, c, cs->score) : 0;
}

/* ------------------------------------------------------- classification */

/* Leader and runner-up among archetypes with sufficient data; on equal
 * scores the one first in the questionnaire ranks higher. */
static void classify(const mt_questionnaire *q, mt_result *r)
{
    r->dominant = r->runner_up = -1;
    r->hybrid = false;
    r->margin = 0;   /* a result may be classified again (group.c) */
    for (size_t c = 0; c < q->nconstructs; c++) {
        if (q->constructs[c].kind != MT_KIND_ARCHETYPE || !r->constructs[c].sufficient)
            continue;
        double s = r->constructs[c].score;
        if (r->dominant < 0 || s > r->constructs[r->dominant].score) {
            r->runner_up = r->dominant;
            r->dominant = (long)c;
        } else if (r->runner_up < 0 || s > r->constructs[r->runner_up].score) {
            r->runner_up = (long)c;
        }
    }
    r->classified = r->dominant >= 0;
    if (r->runner_up >= 0) {
        r->margin = snap(r->constructs[r->dominant].score - r->constructs[r->runner_up].score);
        r->hybrid = r->margin < q->hybrid_margin;
    }
}

/* --------------------------------------------------------------- stages */

static void score_stage(const mt_questionnaire *q, const mt_answers *a, size_t s,
                        mt_stage_score *ss)
{
    const mt_stage *st = &q->stages[s];
    double sum = 0;
    size_t answered = 0;
    memset(ss, 0, sizeof *ss);
    for (size_t i = 0; i < st->nitems; i++) {
        size_t it = st->items[i];
        double v;
        if (it < q->nitems && scorer_indicator_score(q, &q->items[it], &a->items[it], &v)) {
            sum += v;
            answered++;
        }
    }
    ss->score = answered ? snap(100.0 * sum / (double)answered) : 0;
    ss->coverage = st->nitems ? snap(100.0 * (double)answered / (double)st->nitems) : 0;
    ss->sufficient = answered > 0 && ss->coverage >= q->min_coverage;
}

/* Stages are cumulative: a met stage after an unmet one is not reached. */
static void score_stages(const mt_questionnaire *q, const mt_answers *a, mt_result *r)
{
    for (size_t s = 0; s < q->nstages; s++)
        score_stage(q, a, s, &r->stages[s]);
    scorer_resolve_stages(q, r);
}

void scorer_resolve_stages(const mt_questionnaire *q, mt_result *r)
{
    bool earlier_reached = true;
    r->stage_reached = -1;
    for (size_t s = 0; s < q->nstages; s++) {
        mt_stage_score *ss = &r->stages[s];
        ss->met = ss->sufficient && snap(ss->score) >= q->stages[s].threshold;
        ss->reached = earlier_reached && ss->met;
        earlier_reached = ss->reached;
        if (ss->reached)
            r->stage_reached = (long)s;
    }
    long next = r->stage_reached + 1;
    r->next_stage = (size_t)next < q->nstages ? next : -1;
}

void scorer_classify(const mt_questionnaire *q, mt_result *r)
{
    classify(q, r);
}

/* ---------------------------------------------------------------- result */

static void count_answers(const mt_questionnaire *q, const mt_answers *a, mt_result *r)
{
    for (size_t i = 0; i < q->nitems; i++) {
        switch (a->items[i].state) {
        case MT_ANSWER_VALUE: r->answered++; break;
        case MT_ANSWER_DONT_KNOW: r->dont_know++; break;
        case MT_ANSWER_NONE: r->unanswered++; break;
        }
    }
}

mt_error scorer_score(const mt_questionnaire *q, const mt_answers *a, mt_result **out)
{
    *out = NULL;
    mt_result *r = calloc(1, sizeof *r);
    if (!r)
        return MT_ERROR_NOMEM;
    r->q = q;
    r->constructs = calloc(q->nconstructs ? q->nconstructs : 1, sizeof *r->constructs);
    r->stages = calloc(q->nstages ? q->nstages : 1, sizeof *r->stages);
    if (!r->constructs || !r->stages) {
        scorer_result_free(r);
        return MT_ERROR_NOMEM;
    }
    for (size_t c = 0; c < q->nconstructs; c++)
        score_construct(q, a, c, &r->constructs[c]);
    classify(q, r);
    score_stages(q, a, r);
    count_answers(q, a, r);
    *out = r;
    return MT_OK;
}

void scorer_result_free(mt_result *r)
{
    if (!r)
        return;
    free(r->constructs);
    free(r->stages);
    free(r);
}

/* ---------------------------------------------------------- explanations */

mt_error scorer_explain(const mt_questionnaire *q, const mt_answers *a, size_t construct,
                        mt_contribution **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (construct >= q->nconstructs)
        return MT_ERROR_NOT_FOUND;
    size_t count = 0;
    double answered = 0;
    for (size_t i = 0; i < q->nitems; i++)
        for (size_t l = 0; l < q->items[i].nloads; l++)
            if (q->items[i].loads[l].construct == construct)
                count++;
    if (!count)
        return MT_OK;
    mt_contribution *list = calloc(count, sizeof *list);
    if (!list)
        return MT_ERROR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *item = &q->items[i];
        for (size_t l = 0; l < item->nloads; l++) {
            const mt_load *ld = &item->loads[l];
            if (ld->construct != construct)
                continue;
            mt_contribution *ct = &list[k++];
            ct->item = i;
            ct->weight = ld->weight;
            ct->reverse = ld->reverse;
            ct->counted = load_score(q, item, &a->items[i], ld, &ct->item_score);
            if (ct->counted)
                answered += ld->weight;
        }
    }
    /* Shares add up to the construct score: each is its weighted part of it. */
    for (size_t j = 0; j < count && answered > 0; j++)
        if (list[j].counted)
            list[j].share = 100.0 * list[j].weight * list[j].item_score / answered;
    *out = list;
    *n = count;
    return MT_OK;
}

mt_error scorer_missing_indicators(const mt_questionnaire *q, const mt_answers *a,
                                   size_t stage, size_t **items, size_t *n)
{
    *items = NULL;
    *n = 0;
    if (stage >= q->nstages)
        return MT_ERROR_NOT_FOUND;
    const mt_stage *st = &q->stages[stage];
    if (!st->nitems)
        return MT_OK;
    size_t *list = malloc(st->nitems * sizeof *list);
    if (!list)
        return MT_ERROR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < st->nitems; i++) {
        size_t it = st->items[i];
        double v;
        bool have = it < q->nitems && scorer_indicator_score(q, &q->items[it], &a->items[it], &v);
        if (!have || snap(100.0 * v) < st->threshold)
            list[k++] = it;
    }
    if (!k) {
        free(list);
        return MT_OK;
    }
    *items = list;
    *n = k;
    return MT_OK;
}
