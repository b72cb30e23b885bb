/*
 * cmd_score.c - `maturity score ANSWERS.ini [-q Q] [--format text|json] [--lang L]`.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>

#include "maturity/commands.h"
#include "maturity/output.h"

typedef struct score_args {
    const char *answers;
    const char *qpath;
    const char *lang;
    int json;
} score_args;

static int parse_format(const char *value, int *json)
{
    if (strcmp(value, "text") == 0)
        *json = 0;
    else if (strcmp(value, "json") == 0)
        *json = 1;
    else
        return cli_usage_error("score", "unknown format '%s' (text or json)", value);
    return MT_EXIT_OK;
}

static int parse_args(int argc, char **argv, score_args *a)
{
    static const struct option longopts[] = {
        { "questionnaire", required_argument, NULL, 'q' },
        { "format", required_argument, NULL, 'f' },
        { "lang", required_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    int c, rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":q:f:l:", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': a->qpath = optarg; break;
        case 'l': a->lang = optarg; break;
        case 'f':
            if ((rc = parse_format(optarg, &a->json)) != MT_EXIT_OK)
                return rc;
            break;
        default: return cli_option_error("score", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("score", "give an answers file");
    if (argc - optind > 1)
        return cli_usage_error("score", "give one answers file, not %d", argc - optind);
    a->answers = argv[optind];
    return MT_EXIT_OK;
}

int cmd_score(int argc, char **argv)
{
    score_args a = { 0 };
    int rc = parse_args(argc, argv, &a);
    if (rc != MT_EXIT_OK)
        return rc;
    mt_loaded l;
    rc = cli_load_assessment(a.answers, a.qpath, a.lang, &l);
    if (rc != MT_EXIT_OK)
        return rc;
    mt_error err = a.json ? output_json_score(stdout, &l.as, mt_version)
                          : output_text_score(stdout, &l.as);
    cli_assessment_free(&l);
    /* a failed write to stdout is reported once, by cli_main's final flush */
    if (err == MT_ERROR_FILE_WRITE)
        return MT_EXIT_OUTPUT;
    if (err != MT_OK)
        fprintf(stderr, "maturity: error: %s\n", mt_strerror(err));
    return cli_exit_code(err);
}
