/*
 * error.h - the one error enum of maturity, its messages, and diagnostics.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_ERROR_H
#define MATURITY_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/** Every failure a maturity function can report. Keep MT_ERROR_MAX last. */
typedef enum mt_error {
    MT_OK = 0,
    MT_ERROR_NOMEM,          /**< out of memory */
    MT_ERROR_FILE_OPEN,      /**< a file could not be opened or read */
    MT_ERROR_FILE_WRITE,     /**< a file could not be written, flushed or renamed */
    MT_ERROR_INI_SYNTAX,     /**< an INI file is malformed */
    MT_ERROR_QUESTIONNAIRE,  /**< a questionnaire is invalid */
    MT_ERROR_ANSWERS,        /**< an answers file is invalid */
    MT_ERROR_MISMATCH,       /**< answers belong to another questionnaire */
    MT_ERROR_NOT_FOUND,      /**< a named thing (questionnaire, construct) does not exist */
    MT_ERROR_USAGE,          /**< a command was called wrongly */
    MT_ERROR_PDF,            /**< the PDF library failed */
    MT_ERROR_XLSX,           /**< the XLSX library failed */
    MT_ERROR_FONT,           /**< no usable font was found */
    MT_ERROR_INTERRUPTED,    /**< the user quit or a signal arrived */
    MT_ERROR_INPUT_EOF,      /**< input ended before the questionnaire did */
    MT_ERROR_BRAND,          /**< a brand file is invalid */
    MT_ERROR_NOT_TEXT,       /**< a file that should be text is not (a PDF, a workbook) */
    MT_ERROR_MAX             /* keep last */
} mt_error;

/** A static message for err; clamps unknown values. Do not free. */
const char *mt_strerror(mt_error err);

typedef enum mt_severity { MT_SEV_ERROR, MT_SEV_WARNING, MT_SEV_NOTE } mt_severity;

/** One problem found in a file, with where it is. */
typedef struct mt_diag {
    char *file;      /**< path as given by the user (owned) */
    int line;        /**< 1-based; 0 when the problem has no line */
    mt_severity severity;
    char *message;   /**< owned */
} mt_diag;

/** A growing list of diagnostics: loaders report every problem, not the first. */
typedef struct mt_diags {
    mt_diag *items;
    size_t count;
    size_t capacity;
    size_t errors;   /**< how many have severity MT_SEV_ERROR */
    size_t warnings;
    size_t dropped;  /**< counted but not kept: past MT_DIAGS_MAX */
} mt_diags;

/**
 * Most diagnostics kept in one list: a 16 MB file of broken lines would
 * otherwise take gigabytes and minutes. Later ones are still counted
 * (errors, warnings) and printed as one "N more" line.
 */
#define MT_DIAGS_MAX 500

void mt_diags_init(mt_diags *d);
void mt_diags_free(mt_diags *d);
/** Adds a formatted diagnostic. Out of memory is swallowed (the count still rises). */
void mt_diags_add(mt_diags *d, const char *file, int line, mt_severity sev,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void mt_diags_vadd(mt_diags *d, const char *file, int line, mt_severity sev,
                   const char *fmt, va_list ap);
/** Sorts diagnostics from index `from` on by line, keeping the order of equal lines. */
void mt_diags_sort_from(mt_diags *d, size_t from);
/** Prints every diagnostic as `file:line: error: message`, one per line. */
void mt_diags_print(const mt_diags *d, void *stream /* FILE* */);

#endif
