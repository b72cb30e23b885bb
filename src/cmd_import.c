/*
 * cmd_import.c - `maturity import RESPONSES.csv --map MAP.ini -o DIR
 * [--skip-bad] [--force] [--dry-run] [-q QUESTIONNAIRE]`: one answers file
 * per respondent of a web-form export.
 *
 * Every row is converted and checked before anything is written, so a bad
 * row (without --skip-bad) or a file that is already there (without
 * --force) leaves the folder as it was. The names of the files written go
 * to standard output, one a line, so they can be piped on; what happened
 * goes to standard error.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "maturity/commands.h"
#include "maturity/csv.h"
#include "maturity/import.h"
#include "maturity/util.h"

typedef struct import_args {
    const char *csv;
    const char *map;
    const char *dir;
    const char *qarg;
    bool skip_bad;
    bool force;
    bool dry_run;
} import_args;

/* One good row, ready to be written. */
typedef struct pending {
    mt_answers *answers;
    char *path;
} pending;

typedef struct import_run {
    import_args args;
    mt_import_map *map;
    mt_questionnaire *q;
    mt_csv *csv;
    pending *good;
    size_t ngood, cap;
    size_t bad, empty;
} import_run;

static int parse_args(int argc, char **argv, import_args *a)
{
    enum { OPT_SKIP_BAD = 256, OPT_FORCE, OPT_DRY_RUN };
    static const struct option longopts[] = {
        { "map", required_argument, NULL, 'm' },
        { "output", required_argument, NULL, 'o' },
        { "questionnaire", required_argument, NULL, 'q' },
        { "skip-bad", no_argument, NULL, OPT_SKIP_BAD },
        { "force", no_argument, NULL, OPT_FORCE },
        { "dry-run", no_argument, NULL, OPT_DRY_RUN },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":m:o:q:", longopts, NULL)) != -1) {
        switch (c) {
        case 'm': a->map = optarg; break;
        case 'o': a->dir = optarg; break;
        case 'q': a->qarg = optarg; break;
        case OPT_SKIP_BAD: a->skip_bad = true; break;
        case OPT_FORCE: a->force = true; break;
        case OPT_DRY_RUN: a->dry_run = true; break;
        default: return cli_option_error("import", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("import", "give the CSV file of responses");
    if (argc - optind > 1)
        return cli_usage_error("import", "give one CSV file, not %d", argc - optind);
    a->csv = argv[optind];
    if (!a->map)
        return cli_usage_error("import", "give the map with --map MAP.ini "
                               "(docs/import-format.md)");
    if (!a->dir && !a->dry_run)
        return cli_usage_error("import", "give the folder for the answer files with -o DIR");
    return MT_EXIT_OK;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* -q names a file or an id; without it, the map names the id. */
static int load_questionnaire(import_run *r)
{
    const char *arg = r->args.qarg ? r->args.qarg : import_map_questionnaire(r->map);
    if (!arg) {
        fprintf(stderr, "maturity import: %s names no questionnaire: add questionnaire = ID "
                        "to its [map] section or give -q\n", r->args.map);
        return MT_EXIT_USAGE;
    }
    char *path = NULL;
    int rc = cli_resolve_questionnaire("import", arg, &path);
    if (rc == MT_EXIT_OK)
        rc = cli_load_questionnaire(path, &r->q);
    free(path);
    return rc;
}

/* Loads the map, the questionnaire and the CSV, and binds them. */
static int load_inputs(import_run *r)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = import_map_load_file(r->args.map, &r->map, &d);
    cli_print_diags(&d);
    mt_diags_free(&d);
    if (err != MT_OK)
        return cli_exit_code(err);
    int rc = load_questionnaire(r);
    if (rc != MT_EXIT_OK)
        return rc;
    mt_diags_init(&d);
    err = csv_load_file(r->args.csv, import_map_delimiter(r->map), &r->csv, &d);
    if (err == MT_OK)
        err = import_bind(r->map, r->q, r->csv, &d);
    cli_print_diags(&d);
    mt_diags_free(&d);
    return cli_exit_code(err);
}

/* A row with nothing in any field: a spreadsheet's trailing ",,,,". */
static bool row_is_empty(const mt_csv_row *row)
{
    if (row->error)
        return false;
    for (size_t i = 0; i < row->nfields; i++)
        for (const char *p = row->fields[i]; *p; p++)
            if (*p != ' ' && *p != '\t' && *p != '\n')
                return false;
    return true;
}

static int keep_good(import_run *r, mt_answers *a, size_t row_number)
{
    char *name = import_file_name(a, row_number);
    char *path = name ? mt_asprintf("%s/%s", r->args.dir ? r->args.dir : ".", name) : NULL;
    free(name);
    if (!path || !mt_grow((void **)&r->good, &r->cap, r->ngood + 1, sizeof *r->good)) {
        free(path);
        answers_free(a);
        return MT_EXIT_SOFTWARE;
    }
    r->good[r->ngood].answers = a;
    r->good[r->ngood].path = path;
    r->ngood++;
    return MT_EXIT_OK;
}

static int convert_rows(import_run *r)
{
    for (size_t i = 1; i < r->csv->nrows; i++) {
        const mt_csv_row *row = &r->csv->rows[i];
        if (row_is_empty(row)) {
            r->empty++;
            continue;
        }
        mt_diags d;
        mt_diags_init(&d);
        mt_answers *a = NULL;
        mt_error err = import_row(r->map, r->csv, i, &a, &d);
        mt_diags_print(&d, stderr);
        mt_diags_free(&d);
        if (err == MT_ERROR_NOMEM)
            return MT_EXIT_SOFTWARE;
        if (err != MT_OK) {
            r->bad++;
            continue;
        }
        int rc = keep_good(r, a, row->row);
        if (rc != MT_EXIT_OK)
            return rc;
    }
    return MT_EXIT_OK;
}

/* The folder is made when it is missing (not its parents: a typo in a
 * parent should not grow a new tree). */
static int prepare_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return MT_EXIT_OK;
        fprintf(stderr, "maturity import: error: %s is not a folder\n", dir);
        return MT_EXIT_OUTPUT;
    }
    if (mkdir(dir, 0777) != 0) {
        fprintf(stderr, "maturity import: error: cannot make the folder %s: %s\n", dir,
                strerror(errno));
        return MT_EXIT_OUTPUT;
    }
    return MT_EXIT_OK;
}

/* Every target is checked before the first is written. */
static int check_targets(const import_run *r)
{
    size_t taken = 0;
    for (size_t i = 0; i < r->ngood; i++) {
        if (exists(r->good[i].path)) {
            fprintf(stderr, "maturity import: error: %s already exists\n", r->good[i].path);
            taken++;
        }
    }
    if (taken) {
        fprintf(stderr, "maturity import: %zu answer file%s already there; nothing written "
                        "(give --force to overwrite, or another -o folder)\n", taken,
                taken == 1 ? " is" : "s are");
        return MT_EXIT_OUTPUT;
    }
    return MT_EXIT_OK;
}

static int write_all(const import_run *r)
{
    for (size_t i = 0; i < r->ngood; i++) {
        mt_error err = answers_save(r->good[i].answers, r->good[i].path);
        if (err != MT_OK) {
            fprintf(stderr, "maturity import: error: %s was not written: %s (%zu of %zu "
                            "written before it)\n", r->good[i].path, mt_strerror(err), i,
                    r->ngood);
            return cli_exit_code(err);
        }
        printf("%s\n", r->good[i].path);
    }
    return MT_EXIT_OK;
}

static void print_summary(const import_run *r, bool written)
{
    size_t rows = r->csv->nrows - 1;
    fprintf(stderr, "%s: %zu row%s: %zu good, %zu bad", r->args.csv, rows, rows == 1 ? "" : "s",
            r->ngood, r->bad);
    if (r->empty)
        fprintf(stderr, ", %zu empty", r->empty);
    if (!written)
        fprintf(stderr, "; nothing written\n");
    else if (r->bad)
        fprintf(stderr, "; wrote %zu answer file%s to %s, skipped %zu bad row%s\n", r->ngood,
                r->ngood == 1 ? "" : "s", r->args.dir, r->bad, r->bad == 1 ? "" : "s");
    else
        fprintf(stderr, "; wrote %zu answer file%s to %s\n", r->ngood, r->ngood == 1 ? "" : "s",
                r->args.dir);
}

static int finish(import_run *r)
{
    if (r->bad && !r->args.skip_bad) {
        print_summary(r, false);
        fprintf(stderr, "maturity import: fix the rows above, or give --skip-bad to write the "
                        "good rows only\n");
        return MT_EXIT_INVALID;
    }
    if (r->args.dry_run) {
        print_summary(r, false);
        return r->bad ? MT_EXIT_INVALID : MT_EXIT_OK;
    }
    if (r->ngood == 0) {
        print_summary(r, false);
        return r->bad ? MT_EXIT_INVALID : MT_EXIT_OK;
    }
    int rc = prepare_dir(r->args.dir);
    if (rc == MT_EXIT_OK && !r->args.force)
        rc = check_targets(r);
    if (rc == MT_EXIT_OK)
        rc = write_all(r);
    if (rc == MT_EXIT_OK)
        print_summary(r, true);
    return rc;
}

static void run_free(import_run *r)
{
    for (size_t i = 0; i < r->ngood; i++) {
        answers_free(r->good[i].answers);
        free(r->good[i].path);
    }
    free(r->good);
    csv_free(r->csv);
    questionnaire_free(r->q);
    import_map_free(r->map);
}

int cmd_import(int argc, char **argv)
{
    import_run r = { 0 };
    int rc = parse_args(argc, argv, &r.args);
    if (rc == MT_EXIT_OK)
        rc = load_inputs(&r);
    if (rc == MT_EXIT_OK)
        rc = convert_rows(&r);
    if (rc == MT_EXIT_OK)
        rc = finish(&r);
    run_free(&r);
    return rc;
}
