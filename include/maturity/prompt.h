/*
 * prompt.h - the interactive questionnaire: one question at a time, typed
 * answers (type, then Enter), back, skip, help, save and quit.
 *
 * The walk takes its streams as arguments, so the same code serves a
 * terminal, a pipe (`maturity assess < answers.txt`) and scripted tests.
 * Every word it says comes from the questionnaire or from the prompt.*
 * labels (labels.c).
 *
 * Keys, each followed by Enter (s, b and q also as the Hebrew letters on
 * the same keys: ד, נ and /):
 *   a value   the answer: 1..points on a scale, an option number, several
 *             option numbers such as 1,3 or 1 3 (multi; a repeated one
 *             counts once; "none" for none of them), a number in range
 *             (a trailing % is allowed), or free text
 *   0 or -    don't know, where the item allows it (0 only on scales and
 *             option lists, where it is never a value; - or dk elsewhere)
 *   s         skip for now: left unanswered, marked skipped, and asked
 *             again at the end (of this session or a resumed one)
 *   b         back to the previous question; Enter keeps its answer
 *   ?         the item's help text and the keys that apply to it
 *   q         save and quit
 *   Enter     keeps the current answer (when there is one); on an optional
 *             free-text question without one, leaves it unanswered (as s)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_PROMPT_H
#define MATURITY_PROMPT_H

#include <stdbool.h>
#include <stdio.h>

#include "maturity/answers.h"
#include "maturity/error.h"
#include "maturity/questionnaire.h"
#include "maturity/recommender.h"
#include "maturity/scorer.h"

typedef struct mt_prompt_options {
    int lang;                 /**< index into q->languages for the questionnaire's texts */
    const char *lang_code;    /**< for the tool's own words (mt_label) */
    const char *save_path;    /**< answers saved here after every answer; NULL: not saved */
    int width;                /**< columns to wrap to; 0: MT_TERM_DEFAULT_WIDTH */
    bool colour;              /**< bold and colour (ANSI); only on a terminal, never with NO_COLOR */
    bool echo;                /**< repeat each line read, for input that is not a terminal */
    bool bidi;                /**< right-to-left languages: each wrapped line reordered for
                                   display (bidi.h) and right-aligned, for terminals that do
                                   no bidi themselves (xterm, tmux); off: logical order */
} mt_prompt_options;

/**
 * Walks the questionnaire from its first item neither answered nor
 * skipped (mt_answer.skipped) to the end, then offers the items still
 * unanswered once more. Every change is saved with
 * answers_save() to opt->save_path as soon as it is made.
 *
 * Returns MT_OK when every item has been offered (skipped ones may remain
 * unanswered; a required item is not let go in the second round),
 * MT_ERROR_INTERRUPTED on `q` or a signal (term_signal_caught() tells
 * which), MT_ERROR_INPUT_EOF when input ended first, MT_ERROR_FILE_WRITE
 * when saving failed (the previous file is intact), MT_ERROR_NOMEM.
 */
mt_error prompt_run(const mt_questionnaire *q, mt_answers *a, FILE *in, FILE *out,
                    const mt_prompt_options *opt);

/**
 * Asks one line of free text: prints question (with hint_default shown as
 * the value Enter keeps, when not NULL) and reads the answer. *value is a
 * new string (caller frees): what was typed, or a copy of hint_default (or
 * "") on an empty line. Returns MT_OK, MT_ERROR_INTERRUPTED,
 * MT_ERROR_INPUT_EOF or MT_ERROR_NOMEM.
 */
mt_error prompt_ask_line(FILE *in, FILE *out, const mt_prompt_options *opt,
                         const char *question, const char *hint_default, char **value);

/** Prints the questionnaire's title and description and the keys, before the first question. */
void prompt_print_welcome(const mt_questionnaire *q, FILE *out, const mt_prompt_options *opt);

/**
 * Prints the short summary at the end: dominant archetype (or hybrid),
 * stage reached and next, the top barriers, the counts of answers and
 * don't-knows, and the first recommendations. recs may be NULL.
 */
void prompt_print_summary(const mt_questionnaire *q, const mt_answers *a, const mt_result *r,
                          const mt_recommendations *recs, FILE *out,
                          const mt_prompt_options *opt);

/**
 * Writes text wrapped to width columns (counting UTF-8 characters, not
 * bytes), every line starting with indent spaces. Control characters in
 * text are dropped, so no text can become a terminal escape sequence.
 */
void prompt_wrap(FILE *out, const char *text, int width, int indent);

/** prompt_wrap to opt->width (0: the terminal's), reordered and right-aligned with opt->bidi. */
void prompt_say(FILE *out, const mt_prompt_options *opt, const char *text, int indent);

/**
 * "47 of 69 questions answered, 2 don't know" (no don't-know part when
 * there is none): answered means given a value, as in the summary, score
 * and reports. Caller frees; NULL when out of memory.
 */
char *prompt_counts(const mt_answers *a, const mt_prompt_options *opt);

/** Items unanswered and skipped for later. */
size_t prompt_count_skipped(const mt_answers *a);

#endif
