/*
 * recommender.h - which recommendation rules fire, why, in what order.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_RECOMMENDER_H
#define MATURITY_RECOMMENDER_H

#include <stddef.h>

#include "maturity/scorer.h"

/** One reason a rule fired: a construct's score and band, or a stage or archetype fact. */
typedef struct mt_reason {
    mt_clause_kind kind;
    long construct;      /**< -1 when the clause is about a stage */
    double score;        /**< SCORE and BAND: the construct's score */
    size_t band;         /**< SCORE and BAND: its band */
    long stage;          /**< STAGE, NEXT_STAGE: the result's stage (-1 none) */
} mt_reason;

typedef struct mt_recommendation {
    size_t rule;         /**< index into q->rules */
    mt_reason *reasons;  /**< one per clause */
    size_t nreasons;
} mt_recommendation;

typedef struct mt_recommendations {
    mt_recommendation *items;  /**< ordered: priority, then horizon, then file order */
    size_t count;
} mt_recommendations;

mt_error recommender_run(const mt_questionnaire *q, const mt_result *r, mt_recommendations **out);
void recommender_free(mt_recommendations *recs);

/**
 * Writes a one-line explanation of why rec fired, in language lang, e.g.
 * "Data obsession 72 (high)". Caller frees.
 */
char *recommender_why(const mt_questionnaire *q, const mt_result *r,
                      const mt_recommendation *rec, int lang);

#endif
