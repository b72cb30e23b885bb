/*
 * import.h - turns the rows of a web-form CSV export into answer sets.
 *
 * A map file (docs/import-format.md) says which column holds which item
 * or [meta] field, by header text or by column number, and how the
 * answers written in the form ("Strongly agree", an option's label, a
 * list of ticked options, "Don't know") become values. By default every
 * label the questionnaire itself gives, in any of its languages, is
 * understood, so a form built from the questionnaire's own texts needs
 * little more than the columns.
 *
 * Use: import_map_load_file, then import_bind against the questionnaire
 * and the CSV's header, then import_row for each data row.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_IMPORT_H
#define MATURITY_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "maturity/answers.h"
#include "maturity/csv.h"
#include "maturity/error.h"
#include "maturity/questionnaire.h"

/** Largest map file. */
#define MT_IMPORT_MAX_MAP (1024u * 1024u)

typedef struct mt_import_map mt_import_map;

/**
 * Reads a map and checks its syntax and structure (unknown sections or
 * keys, a column given twice or not at all, a bad delimiter). Every
 * problem goes to diags as `file:line: ...`. Returns MT_OK (*out set; free
 * with import_map_free), MT_ERROR_INI_SYNTAX or MT_ERROR_ANSWERS when the
 * map is invalid, MT_ERROR_FILE_OPEN, MT_ERROR_NOMEM.
 */
mt_error import_map_load_file(const char *path, mt_import_map **out, mt_diags *diags);
/** The same from memory; name is used in messages. */
mt_error import_map_load_string(const char *name, const char *text, size_t size,
                                mt_import_map **out, mt_diags *diags);
void import_map_free(mt_import_map *m);

/** The questionnaire id the map names in [map] questionnaire, or NULL. Do not free. */
const char *import_map_questionnaire(const mt_import_map *m);
/** The field delimiter of the CSV the map is for (',' by default). */
char import_map_delimiter(const mt_import_map *m);

/**
 * Checks the map against the questionnaire (items, scales, options and
 * languages exist; the version matches when the map names one) and finds
 * each mapped column in header (the CSV's first row): a header text that
 * is missing or appears twice, or a column number past the last column, is
 * an error. q and header must outlive the map's use. Returns MT_OK,
 * MT_ERROR_ANSWERS (problems in diags), MT_ERROR_MISMATCH (another version
 * of the questionnaire) or MT_ERROR_NOMEM.
 */
mt_error import_bind(mt_import_map *m, const mt_questionnaire *q, const mt_csv *csv,
                     mt_diags *diags);

/**
 * Turns data row `row` (an index into csv->rows, at least 1) into a new
 * answer set for the bound questionnaire. Every problem in the row goes to
 * diags as `file.csv:row N (line L): column "...": what is wrong`; an
 * answer set is made only when there is none. The result is checked by
 * writing and reading it back, so what import_row returns always loads.
 * Returns MT_OK (*out set), MT_ERROR_ANSWERS (the row is bad) or
 * MT_ERROR_NOMEM.
 */
mt_error import_row(const mt_import_map *m, const mt_csv *csv, size_t row,
                    mt_answers **out, mt_diags *diags);

/**
 * The file name for an imported answer set: organisation and respondent
 * made safe for a file name (letters and digits of any script kept,
 * everything else a '-'), then "row" and the row number, e.g.
 * "northwind-outdoor-dana-levi-row3.ini"; "row3.ini" when both are empty.
 * Caller frees; NULL when out of memory.
 */
char *import_file_name(const mt_answers *a, size_t row_number);

#endif
