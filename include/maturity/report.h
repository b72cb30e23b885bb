/*
 * report.h - what every report view reads: one scored assessment.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_REPORT_H
#define MATURITY_REPORT_H

#include "maturity/answers.h"
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
} mt_assessment;

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

#endif
