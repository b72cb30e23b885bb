/*
 * answers.h - one respondent's answers to a questionnaire: load, validate, save.
 *
 * The file format is documented in docs/answers-format.md. Saving is atomic
 * (temporary file in the same folder, flushed, synced, renamed), so a crash
 * leaves either the old file or the new one, never a half-written one.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_ANSWERS_H
#define MATURITY_ANSWERS_H

#include <stdbool.h>
#include <stdint.h>

#include "maturity/error.h"
#include "maturity/questionnaire.h"

/** Spelling of "don't know" in a file ("-" is accepted too). */
#define MT_DONT_KNOW "dk"

typedef enum mt_answer_state {
    MT_ANSWER_NONE = 0,   /**< not answered (or skipped) */
    MT_ANSWER_DONT_KNOW,
    MT_ANSWER_VALUE
} mt_answer_state;

typedef struct mt_answer {
    mt_answer_state state;
    long value;          /**< likert: 1..points; choice: option 1..n */
    uint64_t mask;       /**< multi: bit i-1 set when option i is chosen; 0 = none of them */
    double number;       /**< number items */
    char *text;          /**< text items (owned) */
    char *note;          /**< optional note on any item (owned) */
    int line;            /**< where it was read; 0 when given interactively */
    bool skipped;        /**< unanswered, skipped for later at the prompt: a resumed
                              session asks it at the end ([progress] skipped) */
} mt_answer;

typedef struct mt_meta {
    char *questionnaire; /**< questionnaire id */
    char *version;
    char *hash;
    char *organisation;
    char *respondent;
    char *role;
    char *date;          /**< YYYY-MM-DD */
    char *language;
    char *assessor;
} mt_meta;

typedef struct mt_answers {
    char *path;          /**< where it was loaded from or is saved to; may be NULL */
    const mt_questionnaire *q;   /**< not owned */
    mt_meta meta;
    mt_answer *items;    /**< q->nitems entries, parallel to q->items */
} mt_answers;

/** A fresh, empty answer set for q, meta filled with q's id, version and hash. */
mt_error answers_new(const mt_questionnaire *q, mt_answers **out);
void answers_free(mt_answers *a);

/**
 * Loads answers and validates them against q. Every problem goes to diags
 * (unknown item, wrong type, out of range, questionnaire id or version
 * mismatch: errors; a hash mismatch: a warning). Answers that name another
 * questionnaire id, or another version, get that one error and no other
 * check against q (the reader's own line errors stay).
 * Returns MT_OK, MT_ERROR_ANSWERS, MT_ERROR_MISMATCH, MT_ERROR_FILE_OPEN,
 * MT_ERROR_NOT_TEXT or MT_ERROR_NOMEM.
 */
mt_error answers_load_file(const mt_questionnaire *q, const char *path,
                           mt_answers **out, mt_diags *diags);
mt_error answers_load_string(const mt_questionnaire *q, const char *name,
                             const char *text, size_t size,
                             mt_answers **out, mt_diags *diags);

/**
 * Reads only the [meta] questionnaire id and version of an answers file, so
 * that the right questionnaire can be found before loading. Caller frees both.
 * *version is NULL when the file gives none; a missing id is an error.
 */
mt_error answers_peek_questionnaire(const char *path, char **id, char **version,
                                    mt_diags *diags);
/** The same, and *line: where [meta] names the questionnaire (0 on an error). */
mt_error answers_peek_questionnaire_at(const char *path, char **id, char **version, int *line,
                                       mt_diags *diags);

/** Writes a to path atomically. */
mt_error answers_save(const mt_answers *a, const char *path);
/** Serialises to a new string (caller frees). */
mt_error answers_to_string(const mt_answers *a, char **out);

/** Sets a meta field by name ("organisation", ...); false for an unknown name. */
bool answers_set_meta(mt_answers *a, const char *field, const char *value);

/** Clears one answer (keeps its note and its skipped mark). */
void answers_clear(mt_answer *ans);

/**
 * Parses value as an answer to item, as written in a file or typed at the
 * prompt. On failure returns false and writes a short reason to why.
 * On success out's state, value, mask, number and text are replaced (the
 * old text is freed, so out must be zeroed or hold an answer); its note
 * and line are kept. On failure out is left as it was.
 */
bool answers_parse_value(const mt_questionnaire *q, const mt_item *item,
                         const char *value, mt_answer *out, char *why, size_t whylen);
/** Formats an answer as it is written in a file. Caller frees. */
char *answers_format_value(const mt_questionnaire *q, const mt_item *item,
                           const mt_answer *ans);

/** Counts. */
size_t answers_count(const mt_answers *a, mt_answer_state state);

#endif
