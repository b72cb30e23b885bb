/*
 * report.h - what every report view reads: one scored assessment, or a
 * group of them (with an optional follow-up and portfolio norms).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_REPORT_H
#define MATURITY_REPORT_H

#include <stdbool.h>

#include "maturity/answers.h"
#include "maturity/baseline.h"
#include "maturity/group.h"
#include "maturity/norms.h"
#include "maturity/recommender.h"
#include "maturity/scorer.h"

/** A scored assessment: the model, the answers, the result and the recommendations. */
typedef struct mt_assessment {
    const mt_questionnaire *q;
    const mt_answers *answers;
    const mt_result *result;
    const mt_recommendations *recs;
    int lang;            /**< index into q->languages */
    const char *lang_code;
    /**
     * Follow-up, with --baseline: the comparison of this result (current
     * side) with an earlier one, or NULL for no follow-up section.
     * baseline_q is the baseline's questionnaire (its version may differ):
     * baseline->gone and GONE constructs index into it. baseline_label
     * is the --baseline argument as given (a file, a folder, or files
     * separated by commas), baseline_date its [meta] date or the range of
     * dates ("2024-05-02 – 2024-06-30"), baseline_respondents how many
     * answers files it holds; the strings may be NULL. None is owned.
     */
    const mt_baseline *baseline;
    const mt_questionnaire *baseline_q;
    const char *baseline_label;
    const char *baseline_date;
    size_t baseline_respondents;  /**< 1 for one answers file; 0 when unknown */
    /** Portfolio norms, with --norms, or NULL: each construct score gets its
     *  percentile (norms_percentile()); the view names norms->path and
     *  norms->results. Checked against q (norms_check()) by the caller. */
    const mt_norms *norms;
} mt_assessment;

/**
 * A group report: several respondents of one questionnaire (group.h).
 * Everything is borrowed from the caller and must outlive the write.
 */
typedef struct mt_group_view {
    const mt_questionnaire *q;
    const mt_group *group;            /**< finished: group_finish() or group_load_files() */
    const mt_recommendations *recs;   /**< the group result's rules, normally group->recs */
    int lang;                         /**< index into q->languages */
    const char *lang_code;
    /** --names was given: group->members[i].label already carries the
     *  names; views say that the report names its respondents. */
    bool names;
    /** Follow-up, as in mt_assessment: the group result (group->result,
     *  group->recs) compared with a baseline that may be one respondent or
     *  an earlier group. NULL for none. */
    const mt_baseline *baseline;
    const mt_questionnaire *baseline_q;
    const char *baseline_label;
    const char *baseline_date;
    size_t baseline_respondents;
    /** Portfolio norms for the group's construct means, or NULL. */
    const mt_norms *norms;
} mt_group_view;

/** Options common to both report formats. */
typedef struct mt_report_options {
    const char *brand_path;   /**< --brand BRAND.ini or NULL */
    const char *paper;        /**< "a4" (default) or "letter" */
    const char *tool_version;
} mt_report_options;

/** Writes the PDF report to path (atomically). Implemented in report_pdf.c. */
mt_error report_pdf_write(const mt_assessment *as, const mt_report_options *opt,
                          const char *path, mt_diags *diags);
/** Writes the XLSX workbook to path (atomically). Implemented in report_xlsx.c. */
mt_error report_xlsx_write(const mt_assessment *as, const mt_report_options *opt,
                           const char *path, mt_diags *diags);

/** Writes the group PDF report to path (atomically). Implemented in report_pdf.c. */
mt_error report_group_pdf_write(const mt_group_view *gv, const mt_report_options *opt,
                                const char *path, mt_diags *diags);
/**
 * Writes the group XLSX workbook to path (atomically): a row per
 * respondent per construct, the group statistics, the hotspots, charts,
 * and the follow-up and norms when given. Implemented in the group
 * workbook module (report_xlsx_group.c or report_xlsx.c).
 */
mt_error report_group_xlsx_write(const mt_group_view *gv, const mt_report_options *opt,
                                 const char *path, mt_diags *diags);

#endif
