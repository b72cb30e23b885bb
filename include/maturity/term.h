/*
 * term.h - the terminal around the interactive questionnaire: whether a
 * stream is a terminal, its width, whether to use colour, and the signals
 * that end a session cleanly (SIGINT, SIGTERM, SIGHUP).
 *
 * The questionnaire reads whole lines (canonical mode), so the terminal
 * settings are never changed; "restoring" the terminal means ending any
 * colour attribute and the line being typed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_TERM_H
#define MATURITY_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "maturity/error.h"

/** Fallback width when neither the terminal nor $COLUMNS tells. */
#define MT_TERM_DEFAULT_WIDTH 80

/** true when f is open on a terminal. */
bool term_is_tty(FILE *f);

/**
 * Columns of the terminal out is on (TIOCGWINSZ), else $COLUMNS when it is
 * a positive number, else MT_TERM_DEFAULT_WIDTH. Asked again each time, so
 * a resized window is followed.
 */
int term_width(FILE *out);

/** true when colour and bold help: out is a terminal, $NO_COLOR is unset or empty, $TERM is not "dumb". */
bool term_use_colour(FILE *out);

/**
 * Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the
 * signal, without SA_RESTART, and blocks those signals outside
 * term_read_line's wait, so a signal is seen while waiting for input and
 * never half-way through saving. Pair with term_signals_restore().
 */
void term_signals_install(void);
/** Puts back the previous handlers and signal mask. Safe to call twice. */
void term_signals_restore(void);
/** The signal that arrived since term_signals_install, or 0. */
int term_signal_caught(void);
/** Forgets a caught signal (tests). */
void term_signal_reset(void);

/**
 * Reads one line from in into *line (growing it, as getline does), without
 * its line end. Returns MT_OK, MT_ERROR_INPUT_EOF at end of input or on a
 * read error, MT_ERROR_INTERRUPTED when a signal arrived (before or while
 * waiting), MT_ERROR_NOMEM.
 * With signals installed and in open on a file descriptor, in must be
 * unbuffered (setvbuf _IONBF before its first read): the wait looks at the
 * descriptor, and would not see lines already sitting in a stdio buffer.
 */
mt_error term_read_line(FILE *in, char **line, size_t *cap);

#endif
