/*
 * commands.h - the subcommands, each in its own cmd_*.c, and what they share.
 *
 * Every cmd_* parses its own options (getopt_long), returns an exit code
 * from enum mt_exit, and never calls exit() itself.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_COMMANDS_H
#define MATURITY_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "maturity/cli.h"
#include "maturity/report.h"

int cmd_assess(int argc, char **argv);        /* cmd_assess.c */
int cmd_score(int argc, char **argv);         /* cmd_score.c */
int cmd_explain(int argc, char **argv);       /* cmd_explain.c */
int cmd_report(int argc, char **argv);        /* cmd_report.c */
int cmd_lint(int argc, char **argv);          /* cmd_lint.c */
int cmd_questionnaires(int argc, char **argv);/* cmd_questionnaires.c */
int cmd_norms(int argc, char **argv);         /* cmd_norms.c */
int cmd_import(int argc, char **argv);         /* cmd_import.c */
int cmd_template(int argc, char **argv);       /* cmd_template.c */

/** The tool's version string. */
extern const char mt_version[];

/**
 * Finds the questionnaire file for id: first the project's questionnaires/
 * folder (beside the binary's folder, then the current folder), then
 * $XDG_DATA_HOME/maturity, then the installed share folder. Caller frees *path.
 */
mt_error cli_find_questionnaire(const char *id, char **path);

/** Folders searched for questionnaires, in order; NULL-terminated, caller frees each and the array. */
char **cli_questionnaire_dirs(void);

/** Everything loaded for one answers file. Free with cli_assessment_free(). */
typedef struct mt_loaded {
    mt_questionnaire *q;
    mt_answers *answers;
    mt_result *result;
    mt_recommendations *recs;
    mt_assessment as;
} mt_loaded;

/**
 * Loads an answers file, its questionnaire (qpath, or found by the id in
 * its [meta]), scores it and runs the rules. lang may be NULL (the answers'
 * language, then the questionnaire's default). Diagnostics are printed to
 * stderr. Returns an exit code.
 */
int cli_load_assessment(const char *answers_path, const char *qpath, const char *lang,
                        mt_loaded *out);
void cli_assessment_free(mt_loaded *l);

/**
 * Resolves a -q argument into a questionnaire file: an existing file, or
 * anything that looks like a path (a '/', ".ini", not a valid id), is
 * taken as it is; otherwise it is an id, searched for as
 * cli_find_questionnaire() does. When nothing is found, says so on stderr
 * as "maturity CMD: ..." (cmd may be NULL) with the folders searched.
 * Caller frees *path. Returns an exit code.
 */
int cli_resolve_questionnaire(const char *cmd, const char *arg, char **path);

/**
 * Finds and loads the questionnaire an answers file names in its [meta]
 * (id and version), printing what went wrong to stderr. For a group, the
 * first file's questionnaire is the group's. Returns an exit code.
 */
int cli_load_questionnaire_for(const char *answers_path, mt_questionnaire **out);

/**
 * A group_load_files() progress callback: one line on stderr, updated each
 * percent, for runs of 200 files or more. Give it only when stderr is a
 * terminal.
 */
void cli_show_progress(size_t done, size_t total, void *user);

/** group_expand_paths(), printing what went wrong to stderr. Returns an exit code. */
int cli_expand_paths(char *const *args, size_t nargs, char ***paths, size_t *npaths);

/**
 * Loads, scores and gathers answers files into a finished group of q
 * (group_load_files()), every file checked against q's id and version;
 * progress on stderr when it is a terminal; problems printed to stderr.
 * names: label respondents by name. Returns an exit code.
 */
int cli_load_group(const mt_questionnaire *q, char **paths, size_t npaths, bool names,
                   mt_group **out);

/** Loads a questionnaire, printing diagnostics to stderr. Returns an exit code. */
int cli_load_questionnaire(const char *path, mt_questionnaire **out);

/**
 * Writes the reports asked for (pdf_path and/or xlsx_path may be NULL),
 * printing what was written, or the error, to stderr. Used by `report` and
 * by `assess --pdf/--xlsx`. Returns an exit code. Implemented in cmd_report.c.
 */
int cli_write_reports(const mt_assessment *as, const mt_report_options *opt,
                      const char *pdf_path, const char *xlsx_path);

/** Prints diagnostics to stderr, then a summary line when there were errors. */
void cli_print_diags(const mt_diags *d);

/** The *.ini files in dir, sorted; NULL-terminated, caller frees each and the array. */
char **cli_questionnaire_files(const char *dir);
/** Frees a NULL-terminated array of strings. */
void cli_free_strings(char **list);
/** arg quoted for a POSIX shell when it needs it, for a command to copy. Caller frees. */
char *cli_shell_quote(const char *arg);

/**
 * Prints "maturity CMD: message" and a hint to run `maturity CMD --help`
 * to stderr; returns MT_EXIT_USAGE.
 */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Reports the option getopt_long rejected (c is '?' or ':'); returns MT_EXIT_USAGE. */
int cli_option_error(const char *cmd, int c, char **argv);

#endif
