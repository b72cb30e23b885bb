/*
 * baseline.h - what changed since an earlier assessment: each construct's
 * change with its direction, the roadmap stage change, and the
 * recommendations that no longer fire and the new ones.
 *
 * Either side may be one respondent's result (scorer_score()) or a
 * group's (group.h: g->result and g->recs). The two may come from
 * different versions of the same questionnaire: constructs, stages and
 * rules are matched by id, so a construct added or dropped in between is
 * reported as such. How to read it: docs/group-statistics.md ("Follow-up").
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_BASELINE_H
#define MATURITY_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "maturity/error.h"
#include "maturity/questionnaire.h"
#include "maturity/recommender.h"
#include "maturity/scorer.h"

/**
 * Default tolerance, in score points (0..100): a change this small or
 * smaller is "same". One answer moved by one step on a 5-point item of a
 * twelve-item construct moves its score by about 2 points.
 */
#define MT_BASELINE_TOLERANCE 2.0

/** One side of the comparison. recs may be NULL (no rule comparison). */
typedef struct mt_snapshot {
    const mt_questionnaire *q;
    const mt_result *result;
    const mt_recommendations *recs;
    const char *source;   /**< the answers file it is from, for messages; NULL: q->path */
    int source_line;      /**< the line of its [meta] questionnaire; 0 when not known */
} mt_snapshot;

typedef enum mt_direction {
    MT_DIR_SAME,      /**< |delta| <= tolerance */
    MT_DIR_UP,
    MT_DIR_DOWN,
    MT_DIR_UNKNOWN,   /**< one side has insufficient data: no delta */
    MT_DIR_NEW,       /**< the construct is not in the baseline's questionnaire */
    MT_DIR_GONE       /**< the construct is only in the baseline's questionnaire */
} mt_direction;

/** Whether a change is good news: barriers are better lower, capabilities
 *  and indexes better higher; an archetype profile is neither. */
typedef enum mt_sense {
    MT_SENSE_NEUTRAL,
    MT_SENSE_BETTER,
    MT_SENSE_WORSE
} mt_sense;

typedef struct mt_construct_change {
    const char *id;          /**< the construct id (points into a questionnaire) */
    long construct;          /**< index in the current questionnaire, -1 when GONE */
    long base_construct;     /**< index in the baseline's questionnaire, -1 when NEW */
    double current, baseline;/**< scores (0 when that side has none) */
    bool has_current;        /**< the construct is scored now, on enough answers */
    bool has_baseline;       /**< it was scored then, on enough answers */
    double delta;            /**< current - baseline; 0 unless UP, DOWN or SAME */
    mt_direction direction;
    mt_sense sense;
    bool band_changed;       /**< both sufficient and the band names differ */
} mt_construct_change;

typedef struct mt_baseline {
    double tolerance;
    mt_construct_change *constructs;  /**< current constructs in order, then GONE ones */
    size_t nconstructs;

    /** Stages reached, as indexes into each side's questionnaire (-1 none). */
    long stage, base_stage;
    /** The baseline's stage mapped into the current questionnaire by id:
     *  -1 none; -2 when that stage no longer exists. */
    long base_stage_now;
    /** Steps moved on the roadmap (stage - base_stage_now); valid unless
     *  base_stage_now is -2. */
    long stage_steps;
    mt_direction stage_direction;   /**< SAME, UP, DOWN, or UNKNOWN (-2 above) */

    /** Rules by index into each questionnaire's rules, in each side's
     *  recommendation order: fired before and not now, fired now and not
     *  before, fired on both sides (current indexes). */
    size_t *gone;   size_t ngone;
    size_t *added;  size_t nadded;
    size_t *kept;   size_t nkept;
} mt_baseline;

/**
 * Compares current with baseline. tolerance < 0 means MT_BASELINE_TOLERANCE.
 * The questionnaire ids must match (else MT_ERROR_MISMATCH and an error in
 * diags); different versions give a warning and are compared by id.
 * Free *out with baseline_free().
 */
mt_error baseline_compare(const mt_snapshot *current, const mt_snapshot *baseline,
                          double tolerance, mt_baseline **out, mt_diags *diags);

/**
 * Whether a baseline whose answers name questionnaire base_id can be
 * compared with an assessment made with current: MT_ERROR_MISMATCH, with
 * an error naming file (and line, when not 0), when the ids differ.
 * baseline_compare checks this too; a caller that knows the baseline's id
 * before loading it can refuse it first.
 */
mt_error baseline_check_questionnaire(const char *file, int line, const char *base_id,
                                      const mt_questionnaire *current, mt_diags *diags);
void baseline_free(mt_baseline *b);

/** Stable names for files and JSON: "same", "up", "down", "unknown", "new", "gone". */
const char *mt_direction_name(mt_direction d);
/** "neutral", "better", "worse". */
const char *mt_sense_name(mt_sense s);

#endif
