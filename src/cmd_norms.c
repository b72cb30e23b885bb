/*
 * cmd_norms.c - `maturity norms build FILES...|DIR -o NORMS.ini [-q Q]`
 * summarises earlier assessments into portfolio norms (norms.h);
 * `maturity norms show NORMS.ini` prints what a norms file holds.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "maturity/commands.h"
#include "maturity/group.h"
#include "maturity/norms.h"

typedef struct norms_args {
    const char *output;
    const char *qpath;
    char **files;
    size_t nfiles;
} norms_args;

static int parse_build_args(int argc, char **argv, norms_args *a)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "questionnaire", required_argument, NULL, 'q' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:q:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case 'q': a->qpath = optarg; break;
        default: return cli_option_error("norms", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("norms", "give the answers files (or folders) to summarise");
    if (!a->output)
        return cli_usage_error("norms", "give the norms file to write with -o NORMS.ini");
    a->files = argv + optind;
    a->nfiles = (size_t)(argc - optind);
    return MT_EXIT_OK;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
        && sa.st_ino == sb.st_ino;
}

/* The norms file must not replace one of the answers it summarises. */
static int check_output(const char *out, char **paths, size_t n, const char *qpath)
{
    for (size_t i = 0; i < n; i++)
        if (same_file(out, paths[i]))
            return cli_usage_error("norms", "'%s' is an input file; choose another output path",
                                   out);
    if (qpath && same_file(out, qpath))
        return cli_usage_error("norms", "'%s' is the questionnaire; choose another output path",
                               out);
    return MT_EXIT_OK;
}

/* The questionnaire given with -q, else the one the first file names. */
static int load_questionnaire(const char *qpath, const char *first, mt_questionnaire **q)
{
    if (qpath)
        return cli_load_questionnaire(qpath, q);
    mt_loaded l;
    int rc = cli_load_assessment(first, NULL, NULL, &l);
    if (rc != MT_EXIT_OK)
        return rc;
    *q = l.q;
    l.q = NULL;
    cli_assessment_free(&l);
    return MT_EXIT_OK;
}

static int write_norms(const mt_questionnaire *q, const mt_group *g, const char *path)
{
    mt_norms *n = NULL;
    mt_error err = norms_new(q, &n);
    if (!err)
        err = norms_add_group(n, g);
    if (!err)
        err = norms_save(n, path);
    if (err)
        fprintf(stderr, "maturity: error: %s was not written: %s\n", path, mt_strerror(err));
    else
        fprintf(stderr, "wrote %s: %zu results, %zu constructs\n", path, n->results,
                n->nconstructs);
    norms_free(n);
    return cli_exit_code(err);
}

static int norms_build(int argc, char **argv)
{
    norms_args a = { 0 };
    int rc = parse_build_args(argc, argv, &a);
    char **paths = NULL;
    size_t n = 0;
    mt_questionnaire *q = NULL;
    mt_group *g = NULL;
    if (rc == MT_EXIT_OK)
        rc = cli_expand_paths(a.files, a.nfiles, &paths, &n);
    if (rc == MT_EXIT_OK)
        rc = check_output(a.output, paths, n, a.qpath);
    if (rc == MT_EXIT_OK)
        rc = load_questionnaire(a.qpath, paths[0], &q);
    if (rc == MT_EXIT_OK)
        rc = cli_load_group(q, paths, n, false, &g);
    if (rc == MT_EXIT_OK)
        rc = write_norms(q, g, a.output);
    group_free(g);
    questionnaire_free(q);
    group_free_paths(paths, n);
    return rc;
}

/* ---------------------------------------------------------------- show */

static void print_norm(const mt_norm *nm)
{
    long lo = -1, hi = -1;
    for (size_t s = 0; s < MT_NORMS_POINTS; s++)
        if (nm->counts[s]) {
            if (lo < 0)
                lo = (long)s;
            hi = (long)s;
        }
    if (!nm->n) {
        printf("%-24s %6zu %8s %8s %5s %5s\n", nm->id, nm->n, "-", "-", "-", "-");
        return;
    }
    printf("%-24s %6zu %8.2f %8.2f %5ld %5ld\n", nm->id, nm->n, nm->mean, nm->sd, lo, hi);
}

static int norms_show(int argc, char **argv)
{
    if (argc != 2)
        return cli_usage_error("norms", "give one norms file to show");
    mt_diags d;
    mt_diags_init(&d);
    mt_norms *n = NULL;
    mt_error err = norms_load_file(argv[1], &n, &d);
    cli_print_diags(&d);
    mt_diags_free(&d);
    if (err)
        return cli_exit_code(err);
    printf("%s: questionnaire %s %s, %zu results\n", argv[1], n->questionnaire, n->version,
           n->results);
    printf("%-24s %6s %8s %8s %5s %5s\n", "construct", "n", "mean", "sd", "min", "max");
    for (size_t c = 0; c < n->nconstructs; c++)
        print_norm(&n->constructs[c]);
    norms_free(n);
    return MT_EXIT_OK;
}

int cmd_norms(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("norms", "give a subcommand: build or show");
    if (strcmp(argv[1], "build") == 0)
        return norms_build(argc - 1, argv + 1);
    if (strcmp(argv[1], "show") == 0)
        return norms_show(argc - 1, argv + 1);
    return cli_usage_error("norms", "'%s' is not a norms subcommand (build, show)", argv[1]);
}
