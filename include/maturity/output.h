/*
 * output.h - the terminal views of one scored assessment: a readable text
 * summary (output_text.c) and the stable JSON of docs/json.md
 * (output_json.c, the only module that includes <jansson.h>).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_OUTPUT_H
#define MATURITY_OUTPUT_H

#include <stdio.h>

#include "maturity/error.h"
#include "maturity/report.h"

/**
 * Writes the text summary of `maturity score` to out: organisation, the
 * archetype profile, the roadmap stage, every construct with score, band
 * and coverage, and the recommendations with why each fired. Texts are in
 * as->lang. Returns MT_OK, MT_ERROR_NOMEM or MT_ERROR_FILE_WRITE.
 */
mt_error output_text_score(FILE *out, const mt_assessment *as);

/**
 * Writes the JSON of `maturity score --format json` (schema
 * "maturity/score/1", docs/json.md) to out, ending with a newline.
 * tool_version goes into "tool_version". Returns MT_OK, MT_ERROR_NOMEM or
 * MT_ERROR_FILE_WRITE.
 */
mt_error output_json_score(FILE *out, const mt_assessment *as, const char *tool_version);

/** Rounds a score to the two decimals every view shows. */
double output_round2(double x);

/**
 * Prints s to out, wrapped at width characters (UTF-8 code points, not
 * bytes), every line after the first indented by indent spaces; the first
 * line is assumed to start at column `col`. Ends with a newline.
 */
void output_wrap(FILE *out, const char *s, int col, int indent, int width);

/**
 * Prints s padded with spaces to width characters (UTF-8 code points), or
 * cut to width - 1 of them and a '~' when longer: a column that lines up
 * in a terminal whatever the script.
 */
void output_pad(FILE *out, const char *s, size_t width);

#endif
