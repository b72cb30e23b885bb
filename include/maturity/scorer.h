/*
 * scorer.h - construct scores, bands, classification and roadmap stage.
 *
 * Scoring method (docs/scoring.md): every answered item gives a score in
 * 0..1 on each construct it loads on (reversed when reverse-keyed); the
 * construct score is 100 x the weighted mean over answered items. "Don't
 * know" and unanswered items are left out, never counted as zero; coverage
 * is the answered share of the construct's total weight.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_SCORER_H
#define MATURITY_SCORER_H

#include <stdbool.h>
#include <stddef.h>

#include "maturity/answers.h"
#include "maturity/questionnaire.h"

typedef struct mt_construct_score {
    double score;        /**< 0..100; 0 when nothing was answered */
    double coverage;     /**< 0..100: answered weight / total weight */
    bool sufficient;     /**< coverage >= q->min_coverage */
    size_t band;         /**< band index (meaningful only when sufficient) */
    size_t answered;     /**< items answered (with a value) */
    size_t dont_know;    /**< items answered "don't know" */
    size_t items;        /**< items loading on it */
} mt_construct_score;

typedef struct mt_stage_score {
    double score;        /**< 0..100: mean indicator score */
    double coverage;     /**< 0..100: answered share of indicators */
    bool sufficient;
    bool met;            /**< score >= threshold and sufficient (own stage only) */
    bool reached;        /**< met and every earlier stage reached */
} mt_stage_score;

typedef struct mt_result {
    const mt_questionnaire *q;    /**< not owned */
    mt_construct_score *constructs; /**< q->nconstructs */
    mt_stage_score *stages;         /**< q->nstages */
    /* classification among the archetypes */
    bool classified;     /**< at least one archetype has sufficient data */
    long dominant;       /**< construct index of the leader, -1 if none */
    long runner_up;      /**< construct index of the second, -1 if none */
    bool hybrid;         /**< leader - runner_up < q->hybrid_margin */
    double margin;       /**< leader - runner_up */
    long stage_reached;  /**< index of the highest stage reached, -1 for none */
    long next_stage;     /**< stage_reached + 1, or -1 when every stage is reached */
    size_t answered, dont_know, unanswered;
} mt_result;

/** One item's part in one construct score, for `maturity explain`. */
typedef struct mt_contribution {
    size_t item;
    double weight;
    bool reverse;
    bool counted;        /**< answered with a value */
    double item_score;   /**< 0..1, after reverse keying */
    double share;        /**< points this item adds to the 0..100 score */
} mt_contribution;

mt_error scorer_score(const mt_questionnaire *q, const mt_answers *a, mt_result **out);
void scorer_result_free(mt_result *r);

/**
 * The item's score on a construct (0..1, reverse keying applied), or false
 * when the answer does not count (none, don't know, text, or the item does
 * not load on it).
 */
bool scorer_item_score(const mt_questionnaire *q, const mt_item *item,
                       const mt_answer *ans, size_t construct, double *out);
/** The item's indicator score (0..1) for roadmap stages: its unreversed score. */
bool scorer_indicator_score(const mt_questionnaire *q, const mt_item *item,
                            const mt_answer *ans, double *out);

/**
 * Sets the classification (classified, dominant, runner_up, hybrid, margin)
 * from r->constructs, by the rules scorer_score() uses. For results whose
 * construct scores come from elsewhere, e.g. a group's means (group.h).
 */
void scorer_classify(const mt_questionnaire *q, mt_result *r);
/**
 * Sets each stage's met and reached, r->stage_reached and r->next_stage
 * from the stages' score and sufficient, by the rules scorer_score() uses.
 */
void scorer_resolve_stages(const mt_questionnaire *q, mt_result *r);

/** Contributions of every item loading on construct. Caller frees *out. */
mt_error scorer_explain(const mt_questionnaire *q, const mt_answers *a, size_t construct,
                        mt_contribution **out, size_t *n);

/** Indicator items of stage s that are below its threshold or unanswered. Caller frees. */
mt_error scorer_missing_indicators(const mt_questionnaire *q, const mt_answers *a,
                                   size_t stage, size_t **items, size_t *n);

#endif
