/*
 * cmd_lint.c - `maturity lint FILE...`: checks questionnaires and reports
 * every problem, compiler style, on standard error.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>

#include "maturity/commands.h"

static void print_summary(const char *path, const mt_questionnaire *q, size_t warnings)
{
    printf("%s: ok: %s %s: %zu items, %zu constructs, %zu stages, %zu rules, languages",
           path, q->id, q->version, q->nitems, q->nconstructs, q->nstages, q->nrules);
    for (size_t i = 0; i < q->nlangs; i++)
        printf(" %s", q->languages[i]);
    if (warnings)
        printf(" (%zu warning%s)", warnings, warnings == 1 ? "" : "s");
    putchar('\n');
}

/* An answers file given to lint: what checks it instead. */
static void add_answers_hint(mt_diags *d, const char *path)
{
    char *quoted = cli_shell_quote(path);
    mt_diags_add(d, path, 0, MT_SEV_NOTE, "lint checks questionnaires; to check answers, run: "
                 "maturity score %s", quoted ? quoted : path);
    free(quoted);
}

static int lint_file(const char *path)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    mt_error err = questionnaire_load_file(path, &q, &d);
    if (err == MT_ERROR_QUESTIONNAIRE && questionnaire_file_is_answers(path))
        add_answers_hint(&d, path);
    cli_print_diags(&d);
    if (err == MT_OK && d.errors == 0)
        print_summary(path, q, d.warnings);
    else if (d.count == 0)
        fprintf(stderr, "%s: error: %s\n", path, mt_strerror(err));
    int rc = err == MT_OK && d.errors ? MT_EXIT_INVALID : cli_exit_code(err);
    questionnaire_free(q);
    mt_diags_free(&d);
    return rc;
}

/* The worst outcome wins: an unreadable file (3) over an invalid one (1). */
static int worse(int a, int b)
{
    return a > b ? a : b;
}

int cmd_lint(int argc, char **argv)
{
    static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1)
        return cli_option_error("lint", c, argv);
    if (optind >= argc)
        return cli_usage_error("lint", "give at least one questionnaire file");
    int rc = MT_EXIT_OK;
    for (int i = optind; i < argc; i++)
        rc = worse(rc, lint_file(argv[i]));
    return rc;
}
