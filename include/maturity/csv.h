/*
 * csv.h - reads a CSV export (RFC 4180) into rows of fields.
 *
 * Web forms (Google Forms, Microsoft Forms, Typeform, LimeSurvey) export
 * one row per respondent. This reader takes quoted fields with doubled
 * quotes, delimiters and line breaks inside quotes, CRLF, LF or CR line
 * ends and a UTF-8 byte-order mark. Blank lines between records are
 * skipped. A quote inside an unquoted field is kept as it is.
 *
 * Rows are numbered as a spreadsheet numbers them (the header is row 1),
 * so that "row 7" is the row a person sees when opening the file; `line`
 * is the line of the file the row starts on, which differs once a quoted
 * field holds a line break.
 *
 * A problem inside one row (invalid UTF-8, a NUL byte, a field or row over
 * the size limits, text after a closing quote) marks that row bad, and
 * reading goes on with the next row, so that a caller can skip bad rows.
 * A quoted field that never closes swallows the rest of the file: that is
 * an error for the whole file.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_CSV_H
#define MATURITY_CSV_H

#include <stddef.h>

#include "maturity/error.h"

/** Longest field, in bytes (a long free-text answer fits easily). */
#define MT_CSV_MAX_FIELD (64u * 1024u)
/** Most fields in one row (LimeSurvey exports a column per sub-question). */
#define MT_CSV_MAX_FIELDS 4096u
/** Longest row, in bytes, all fields together. */
#define MT_CSV_MAX_ROW (1024u * 1024u)
/** Largest CSV file read (some 10,000 respondents of a long questionnaire fit). */
#define MT_CSV_MAX_FILE (256u * 1024u * 1024u)

typedef struct mt_csv_row {
    char **fields;     /**< nfields NUL-terminated UTF-8 strings (owned); line breaks as \n */
    size_t nfields;
    size_t row;        /**< 1-based, as a spreadsheet counts: the header is row 1 */
    int line;          /**< the line of the file the row starts on */
    /* The first problem found in the row, or NULL when it is good. */
    char *error;       /**< e.g. "invalid UTF-8" (owned); fields may then be partial */
    long error_col;    /**< 0-based column of the problem, -1 when it is about the whole row */
    int error_line;    /**< the line of the file the problem is on */
} mt_csv_row;

typedef struct mt_csv {
    char *name;        /**< the file name used in messages (owned) */
    mt_csv_row *rows;  /**< every row, the header first */
    size_t nrows;
} mt_csv;

/**
 * Parses size bytes of CSV text named name (for messages), with fields
 * separated by delim (',' ';' or '\t'). Returns MT_OK (*out set, free with
 * csv_free; rows may carry an error), MT_ERROR_ANSWERS when the file as a
 * whole cannot be read as CSV (an unclosed quote, no rows at all; added to
 * diags as `name:line: ...`), or MT_ERROR_NOMEM.
 */
mt_error csv_parse(const char *name, const char *text, size_t size, char delim,
                   mt_csv **out, mt_diags *diags);

/** Reads path (at most MT_CSV_MAX_FILE bytes) and parses it; MT_ERROR_FILE_OPEN when unreadable. */
mt_error csv_load_file(const char *path, char delim, mt_csv **out, mt_diags *diags);

void csv_free(mt_csv *t);

/** Field col (0-based) of row r, or "" when the row is shorter. Never NULL. */
const char *csv_field(const mt_csv_row *r, size_t col);

#endif
