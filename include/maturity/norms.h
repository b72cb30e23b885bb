/*
 * norms.h - portfolio norms: how earlier assessments scored, per
 * construct, so that a new score can be placed as a percentile.
 *
 * A norms file keeps no personal data: no names, organisations, roles,
 * dates or answers, only per construct how many results scored each whole
 * point 0..100 (a histogram), their count, mean and standard deviation.
 * With few results the histogram still shows each result's rounded score
 * (not whose): share a norms file of a handful of clients with care.
 *
 * The file is INI (docs/group-statistics.md, "Portfolio norms"):
 *
 *     [norms]
 *     format = 1
 *     questionnaire = digital-marketing
 *     version = 1.0
 *     results = 37
 *
 *     [construct brand]
 *     n = 35
 *     mean = 52.3100
 *     sd = 14.2000
 *     score.12 = 1        ; one result scored 12 (rounded)
 *     score.35 = 2
 *
 * Only results with sufficient data on a construct count in its n.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_NORMS_H
#define MATURITY_NORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "maturity/error.h"
#include "maturity/group.h"
#include "maturity/questionnaire.h"
#include "maturity/scorer.h"

#define MT_NORMS_FORMAT 1
/** Whole points 0..100. */
#define MT_NORMS_POINTS 101

typedef struct mt_norm {
    char *id;             /**< construct id */
    int line;             /**< its [construct] line when loaded, else 0 */
    size_t n;             /**< results with a sufficient score */
    double mean, sd;      /**< of the exact scores; sd sample (n - 1), 0 when n < 2 */
    size_t counts[MT_NORMS_POINTS];  /**< counts[s]: scores that round to s */
    double m2;            /**< private: running sum of squares while building */
} mt_norm;

typedef struct mt_norms {
    char *path;           /**< when loaded */
    char *questionnaire;  /**< id */
    char *version;
    size_t results;       /**< results summarised */
    mt_norm *constructs;  /**< in the questionnaire's order when built */
    size_t nconstructs;
} mt_norms;

/** Empty norms for q's constructs. */
mt_error norms_new(const mt_questionnaire *q, mt_norms **out);
/** Adds one result (r->q must have the norms' questionnaire id; constructs
 *  are matched by id). MT_ERROR_MISMATCH for another questionnaire. */
mt_error norms_add(mt_norms *n, const mt_result *r);
/** Adds every respondent of a finished group, each as one result. */
mt_error norms_add_group(mt_norms *n, const mt_group *g);

/** The file text (caller frees). */
mt_error norms_to_string(const mt_norms *n, char **out);
/** Writes the file atomically. */
mt_error norms_save(const mt_norms *n, const char *path);

/**
 * Loads and checks a norms file; every problem goes to diags with its
 * line. Returns MT_OK, MT_ERROR_FILE_OPEN, MT_ERROR_INI_SYNTAX (not INI,
 * or not valid norms: the diagnostics say which) or MT_ERROR_NOMEM.
 */
mt_error norms_load_file(const char *path, mt_norms **out, mt_diags *diags);
mt_error norms_load_string(const char *name, const char *text, size_t size,
                           mt_norms **out, mt_diags *diags);
void norms_free(mt_norms *n);

/**
 * Whether the norms fit q: another questionnaire id is an error
 * (MT_ERROR_MISMATCH); another version a warning. Both name n->path.
 */
mt_error norms_check(const mt_norms *n, const mt_questionnaire *q, mt_diags *diags);

/** The construct's norm, or NULL. */
const mt_norm *norms_find(const mt_norms *n, const char *construct_id);

/**
 * Percentile rank (0..100) of score against the norm: the share of
 * results below it plus half of those equal, both on whole points:
 * 100 x (below + equal / 2) / n. false when the norm has no results.
 */
bool norms_percentile(const mt_norm *norm, double score, double *out);

#endif
