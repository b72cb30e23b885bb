/*
 * group.h - a group of scored respondents: per-construct statistics,
 * agreement, discussion hotspots, a breakdown by role, internal
 * consistency, and the group's own result and recommendations.
 *
 * What each number is and how to read it: docs/group-statistics.md.
 *
 * Building a group: group_load_files() does everything (one call for the
 * command line). Or, for answers already in memory: group_new(), then
 * group_add() for each respondent, then group_finish(). Only what the
 * statistics need is copied from each respondent (construct and stage
 * scores, item answer counts, a few sums for Cronbach's alpha), so the
 * answers can be freed right after group_add(); memory grows linearly
 * with the respondents and nothing is kept per respondent of the
 * questionnaire itself.
 *
 * Every field below is valid after group_finish() and until group_free().
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_GROUP_H
#define MATURITY_GROUP_H

#include <stdbool.h>
#include <stddef.h>

#include "maturity/answers.h"
#include "maturity/error.h"
#include "maturity/questionnaire.h"
#include "maturity/recommender.h"
#include "maturity/scorer.h"

/** Cronbach's alpha is computed only from this many complete cases on. */
#define MT_GROUP_ALPHA_MIN 10
/** An agreement (r_wg) of this or more is conventionally read as agreement. */
#define MT_GROUP_AGREEMENT 0.7
/** Hotspots that fit on one slide; a suggestion for views, not a limit. */
#define MT_GROUP_HOTSPOTS_SHOWN 5
/**
 * Privacy: views show a role on its own (its scores, its answers to a
 * hotspot) only when it has at least this many respondents. Smaller roles
 * are counted together as "other roles"; when those are still fewer, the
 * next smallest role joins them, so that no one's answers can be worked
 * out from the group's totals; and when that leaves nothing apart from the
 * whole group, nothing is shown by role. Respondents are never shown with
 * their role unless they are named (--names). docs/group-statistics.md.
 */
#define MT_GROUP_ROLE_MIN 3

/**
 * Descriptive statistics of one construct's scores (0..100) over the
 * respondents who have sufficient data on it; the others are counted in
 * `insufficient` and left out, as the scorer leaves out what it does not
 * know. All zero when n is 0.
 */
typedef struct mt_group_stat {
    size_t n;             /**< respondents with a sufficient score */
    size_t insufficient;  /**< respondents without one */
    double mean;
    double sd;            /**< sample standard deviation (n - 1); 0 when n < 2 */
    double median;
    double q1, q3;        /**< quartiles, linear interpolation (Excel QUARTILE.INC) */
    double min, max;
} mt_group_stat;

/** Why alpha is or is not there. */
typedef enum mt_alpha_status {
    MT_ALPHA_OK,
    MT_ALPHA_TOO_FEW,     /**< fewer than MT_GROUP_ALPHA_MIN complete cases */
    MT_ALPHA_ONE_ITEM,    /**< fewer than two scored items load on the construct */
    MT_ALPHA_NO_VARIANCE  /**< every complete case has the same total */
} mt_alpha_status;

/** One construct across the group. */
typedef struct mt_group_construct {
    mt_group_stat stat;
    /**
     * Agreement: r_wg against a uniform null, on the item level, averaged:
     * 1 - mean over the construct's likert and choice items of
     * (observed variance of the item's answers / variance if answers were
     * spread uniformly over its points or options), clamped to 0..1.
     * 1 = everyone gave the same answers; 0 = as spread as random answers
     * or more. has_agreement is false when no item had two answers.
     */
    bool has_agreement;
    double agreement;
    /** James, Demaree and Wolf's multi-item r_wg(J) from the same mean
     *  variance ratio; it rises with the number of items J. 0..1. */
    double rwg_j;
    size_t agreement_items; /**< J: the items that entered agreement */
    /**
     * Cronbach's alpha on the items loading on the construct (each item's
     * 0..1 score, reverse-keyed items reversed, weights ignored), over the
     * complete cases: respondents who answered every one of them with a
     * value. Meaningful only when alpha_status is MT_ALPHA_OK; can be
     * negative.
     */
    mt_alpha_status alpha_status;
    double alpha;
    size_t alpha_n;       /**< complete cases */
    size_t alpha_items;   /**< k */
} mt_group_construct;

/** One item across the group: how the answers are spread. */
typedef struct mt_group_item {
    size_t item;          /**< index into q->items */
    size_t n;             /**< answered with a value */
    size_t dont_know;
    size_t unanswered;
    /**
     * Answers per point (likert: counts[0] is point 1) or per option
     * (choice: counts[0] is option 1); ncounts is the points or options.
     * NULL for multi, number and text items.
     */
    size_t *counts;
    size_t ncounts;
    /** Likert: in scale points (1..points). Number: in the item's unit.
     *  Choice, multi, text: 0. sd is the sample standard deviation. */
    double mean, sd, median, min, max;
    /**
     * Disagreement, for likert and choice items with n >= 2 (rated):
     * likert: observed variance / variance of a uniform answer over the
     * points (0 = all the same, 1 = as spread as random, up to 2 and
     * beyond when the room splits into two camps at the ends);
     * choice: the normalised Gini-Simpson index (0 = one option for all,
     * 1 = spread evenly over every option).
     */
    bool rated;
    double dispersion;
    double agreement;     /**< r_wg of the item: 1 - dispersion, clamped to 0..1 */
} mt_group_item;

/** Respondents grouped by [meta] role: trimmed, compared ignoring ASCII case. */
typedef struct mt_group_role {
    char *name;           /**< as first written, trimmed; NULL: respondents who gave no role */
    size_t n;             /**< respondents */
    mt_group_stat *constructs;  /**< q->nconstructs */
    mt_result *result;    /**< the role's own result, built like the group's */
} mt_group_role;

/** One respondent. */
typedef struct mt_group_member {
    /** "R1".."Rn" in the order added; the respondent's name ([meta]
     *  respondent) instead when names were asked for and one is given. */
    char *label;
    long role;            /**< index into g->roles */
    /** The respondent's own result (scores, bands, dominant, stage). Its
     *  arrays belong to the group: never pass it to scorer_result_free(). */
    mt_result result;
} mt_group_member;

typedef struct mt_group_options {
    bool names;           /**< label respondents by name instead of R1..Rn */
    /** Called after each file group_load_files() reads; may be NULL. */
    void (*progress)(size_t done, size_t total, void *user);
    void *progress_user;
} mt_group_options;

typedef struct mt_group {
    const mt_questionnaire *q;    /**< not owned */
    size_t n;                     /**< respondents */
    mt_group_member *members;     /**< n, in the order added */

    mt_group_construct *constructs;  /**< q->nconstructs */
    mt_group_item *items;            /**< q->nitems, parallel to q->items */
    /** Indexes into items of the rated items with any disagreement
     *  (dispersion > 0), most disagreement first (then more answers, then
     *  questionnaire order). Views show the first few. */
    size_t *hotspots;
    size_t nhotspots;

    mt_group_role *roles;         /**< in order of first appearance; no-role last */
    size_t nroles;

    /**
     * The group's result, for every view and rule that reads an mt_result:
     * each construct's score is the mean of the respondents' sufficient
     * scores (stat.mean), its coverage the mean coverage, and it is
     * sufficient when some respondent has a score and the mean coverage
     * reaches q->min_coverage. Stages likewise; classification and stages
     * reached follow the scorer's rules. answered, dont_know and
     * unanswered (and each construct's answered and dont_know) are totals
     * over the respondents; `items` stays per respondent.
     */
    mt_result *result;
    mt_recommendations *recs;     /**< the rules the group result fires */

    char *organisation;           /**< shared by every respondent, else NULL */
    char *date_first, *date_last; /**< earliest and latest [meta] date, NULL when none */

    /* private: built by group_add(), used by group_finish() */
    struct mt_group_build *build;
} mt_group;

/** An empty group for q. opt may be NULL. */
mt_error group_new(const mt_questionnaire *q, const mt_group_options *opt, mt_group **out);
/**
 * Adds one respondent: a's answers (for item spread and alpha) and r, its
 * result (scorer_score() of a). Both must be for g->q. Nothing of a or r
 * is kept.
 */
mt_error group_add(mt_group *g, const mt_answers *a, const mt_result *r);
/** Computes every statistic, the group result and its recommendations. Once. */
mt_error group_finish(mt_group *g);
void group_free(mt_group *g);

/**
 * Loads, scores and adds every answers file in paths, then finishes the
 * group. Every file must use q's id and version; every problem of every
 * file goes to diags (file:line), a file of another questionnaire named
 * as such. Returns MT_OK, MT_ERROR_USAGE (no files), MT_ERROR_MISMATCH,
 * MT_ERROR_ANSWERS, MT_ERROR_FILE_OPEN or MT_ERROR_NOMEM; *out is NULL on
 * error.
 */
mt_error group_load_files(const mt_questionnaire *q, char *const *paths, size_t npaths,
                          const mt_group_options *opt, mt_group **out, mt_diags *diags);

/**
 * Expands command-line arguments into answers files: a folder gives its
 * *.ini files (sorted by name, not recursive), a file is kept as it is.
 * A folder without *.ini files or an argument that does not exist is an
 * error in diags (MT_ERROR_FILE_OPEN); one file named twice (however
 * spelled, or also inside a folder given) is MT_ERROR_USAGE, as it would
 * count twice. Free the list with group_free_paths().
 */
mt_error group_expand_paths(char *const *args, size_t nargs, char ***paths, size_t *npaths,
                            mt_diags *diags);
void group_free_paths(char **paths, size_t npaths);

/** group_member_answer(): no answer, or "don't know". */
#define MT_GROUP_ANSWER_NONE 0
#define MT_GROUP_ANSWER_DK (-1)

/**
 * How respondent `member` answered item `item`, for views that break an
 * item's answers down (by role, say): MT_GROUP_ANSWER_NONE,
 * MT_GROUP_ANSWER_DK, or for likert and choice items the point or option
 * chosen, 1..ncounts (other items answered with a value give 1). Valid
 * after group_finish(); out-of-range arguments give MT_GROUP_ANSWER_NONE.
 */
int group_member_answer(const mt_group *g, size_t member, size_t item);

/**
 * Descriptive statistics of n values into *out (sorts the values in
 * place). out->insufficient is left as the caller set it.
 */
void group_describe(double *values, size_t n, mt_group_stat *out);

#endif
