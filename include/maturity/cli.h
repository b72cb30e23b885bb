/*
 * cli.h - the command line: dispatch to commands, exit codes.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_CLI_H
#define MATURITY_CLI_H

#include <stddef.h>

#include "maturity/error.h"

/** Exit codes, documented in README.md, --help and docs/errors.md. */
enum mt_exit {
    MT_EXIT_OK = 0,
    MT_EXIT_INVALID = 1,     /**< lint found problems; input files are invalid */
    MT_EXIT_USAGE = 2,       /**< wrong command-line use */
    MT_EXIT_NOINPUT = 3,     /**< a file could not be found or read */
    MT_EXIT_MISMATCH = 4,    /**< answers do not match the questionnaire */
    MT_EXIT_OUTPUT = 5,      /**< a report or answers file could not be written */
    MT_EXIT_INTERRUPTED = 6, /**< the questionnaire was quit or interrupted; answers saved */
    MT_EXIT_SOFTWARE = 70    /**< internal error (out of memory, library failure) */
};

/** Runs the tool; returns the exit code. */
int cli_main(int argc, char **argv);

/** Longest long-option name cli_command_options() gives, with its NUL. */
#define CLI_OPTION_MAX 32

/**
 * The long options (without "--") that the help of command cmd names, and
 * "help", for a "did you mean": at most max, copied into buf. 0 for an
 * unknown command.
 */
size_t cli_command_options(const char *cmd, char buf[][CLI_OPTION_MAX], size_t max);

/** Maps an error to its exit code. */
int cli_exit_code(mt_error err);

#endif
