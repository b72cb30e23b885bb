/*
 * cmd_import.c - `maturity import RESPONSES.csv --map MAP.ini -o DIR
 * [--skip-bad] [--skip-existing] [--force] [--dry-run] [-q QUESTIONNAIRE]`:
 * one answers file per respondent of a web-form export.
 *
 * Every row is converted and checked before anything is written, so a bad
 * row (without --skip-bad) or a file that is already there (without
 * --skip-existing or --force) leaves the folder as it was. The names of
 * the files written go to standard output, one a line, so they can be
 * piped on; what happened goes to standard error.
 *
 * --skip-existing is for a form that goes on collecting: the export is
 * imported again and only the rows not imported yet are written. A row is
 * recognised by what it holds, not by its number or its file's name: a
 * form owner who deletes a row renumbers every row below it, so a row is
 * already imported when the folder has a file with exactly the text the
 * row converts to, whatever that file is called.
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
#include "maturity/inifile.h"
#include "maturity/util.h"

/* An answers file larger than this is no import of one row. */
#define MAX_IMPORTED_FILE (4u * 1024u * 1024u)

typedef struct import_args {
    const char *csv;
    const char *map;
    const char *dir;
    const char *qarg;
    bool skip_bad;
    bool skip_existing;
    bool force;
    bool dry_run;
} import_args;

/* Where a good row stands against the folder (--skip-existing). */
typedef enum row_state {
    ROW_NEW,        /* not imported yet: written */
    ROW_IMPORTED,   /* a file in the folder holds exactly this row */
    ROW_CHANGED     /* its file is there with other text: left as it is */
} row_state;

/* One good row, ready to be written. */
typedef struct pending {
    mt_answers *answers;
    char *path;
    size_t row;          /* as a spreadsheet numbers it */
    row_state state;
} pending;

/* An answers file already in the folder, by its content. */
typedef struct existing {
    char *path;
    uint64_t hash;
    size_t size;
    bool used;           /* a file stands for one row only */
} existing;

typedef struct import_run {
    import_args args;
    mt_import_map *map;
    mt_questionnaire *q;
    mt_csv *csv;
    pending *good;
    size_t ngood, cap;
    size_t bad, empty;
    char *dir;           /* -o without trailing slashes */
    size_t imported, changed;
} import_run;

static int parse_args(int argc, char **argv, import_args *a)
{
    enum { OPT_SKIP_BAD = 256, OPT_SKIP_EXISTING, OPT_FORCE, OPT_DRY_RUN };
    static const struct option longopts[] = {
        { "map", required_argument, NULL, 'm' },
        { "output", required_argument, NULL, 'o' },
        { "questionnaire", required_argument, NULL, 'q' },
        { "skip-bad", no_argument, NULL, OPT_SKIP_BAD },
        { "skip-existing", no_argument, NULL, OPT_SKIP_EXISTING },
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
        case OPT_SKIP_EXISTING: a->skip_existing = true; break;
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
    if (a->dir && !*a->dir)
        return cli_usage_error("import", "the folder given with -o is empty");
    if (a->skip_existing && !a->dir)
        return cli_usage_error("import", "--skip-existing needs the folder: -o DIR");
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

/* dir as given, without the slashes at its end ("ws/" is "ws"; "/" stays),
 * so that the paths printed read ws/name.ini, not ws//name.ini. */
static char *plain_dir(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return mt_strndup(dir, n);
}

static char *path_in(const char *dir, const char *name)
{
    return mt_asprintf("%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", name);
}

static int keep_good(import_run *r, mt_answers *a, size_t row_number)
{
    char *name = import_file_name(a, row_number);
    char *path = name ? path_in(r->dir ? r->dir : ".", name) : NULL;
    free(name);
    if (!path || !mt_grow((void **)&r->good, &r->cap, r->ngood + 1, sizeof *r->good)) {
        free(path);
        answers_free(a);
        return MT_EXIT_SOFTWARE;
    }
    r->good[r->ngood].answers = a;
    r->good[r->ngood].path = path;
    r->good[r->ngood].row = row_number;
    r->good[r->ngood].state = ROW_NEW;
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
                        "(give --skip-existing to write only the rows not imported yet, "
                        "--force to overwrite, or another -o folder)\n", taken,
                taken == 1 ? " is" : "s are");
        return MT_EXIT_OUTPUT;
    }
    return MT_EXIT_OK;
}

/* ---- --skip-existing: what the folder already holds --------------------- */

static void existing_free(existing *ex, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ex[i].path);
    free(ex);
}

/* Reads path; false when it cannot be read (then it holds no row). */
static bool read_text(const char *path, char **text, size_t *size)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = mt_read_file(path, MAX_IMPORTED_FILE, text, size, &d);
    mt_diags_free(&d);
    return err == MT_OK;
}

/* The *.ini files in dir, each by the hash and size of its text; none when
 * dir is not there yet. A file that cannot be read stands for no row. */
static int read_existing(const char *dir, existing **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char **files = cli_questionnaire_files(dir);
    size_t cap = 0;
    for (size_t i = 0; files && files[i]; i++) {
        char *text;
        size_t size;
        if (!read_text(files[i], &text, &size))
            continue;
        uint64_t hash = mt_fnv1a64(text, size, MT_FNV_SEED);
        free(text);
        char *path = mt_strdup(files[i]);
        if (!path || !mt_grow((void **)out, &cap, *n + 1, sizeof **out)) {
            free(path);
            cli_free_strings(files);
            return MT_EXIT_SOFTWARE;
        }
        (*out)[(*n)++] = (existing){ .path = path, .hash = hash, .size = size };
    }
    cli_free_strings(files);
    return MT_EXIT_OK;
}

/* true when e holds exactly text: the hash picks it, the bytes decide. */
static bool holds(const existing *e, uint64_t hash, const char *text, size_t size)
{
    if (e->used || e->hash != hash || e->size != size)
        return false;
    char *have;
    size_t n;
    if (!read_text(e->path, &have, &n))
        return false;
    bool same = n == size && memcmp(have, text, n) == 0;
    free(have);
    return same;
}

/* The unused file that holds text: the row's own file first, then any. */
static existing *find_holder(existing *ex, size_t n, const char *own, const char *text)
{
    size_t size = strlen(text);
    uint64_t hash = mt_fnv1a64(text, size, MT_FNV_SEED);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ex[i].path, own) == 0 && holds(&ex[i], hash, text, size))
            return &ex[i];
    for (size_t i = 0; i < n; i++)
        if (holds(&ex[i], hash, text, size))
            return &ex[i];
    return NULL;
}

/* Marks each good row new, imported (a file holds it) or changed (its own
 * file holds something else). */
static int classify_rows(import_run *r)
{
    existing *ex;
    size_t nex;
    int rc = read_existing(r->dir, &ex, &nex);
    for (size_t i = 0; rc == MT_EXIT_OK && i < r->ngood; i++) {
        pending *g = &r->good[i];
        char *text;
        if (answers_to_string(g->answers, &text) != MT_OK) {
            rc = MT_EXIT_SOFTWARE;
            break;
        }
        existing *holder = find_holder(ex, nex, g->path, text);
        free(text);
        if (holder) {
            holder->used = true;
            g->state = ROW_IMPORTED;
            r->imported++;
        } else if (exists(g->path)) {
            g->state = ROW_CHANGED;
            r->changed++;
        }
    }
    existing_free(ex, nex);
    return rc;
}

/* A row whose file holds other answers is the respondent's edit, or
 * another row after rows moved: either way not ours to overwrite. */
static void warn_changed(const import_run *r)
{
    for (size_t i = 0; i < r->ngood; i++)
        if (r->good[i].state == ROW_CHANGED && !r->args.force)
            fprintf(stderr, "maturity import: warning: %s is there and differs from row "
                            "%zu (edited since, or the rows moved); left as it is "
                            "(--force overwrites it)\n",
                    r->good[i].path, r->good[i].row);
}

/* ---- writing ------------------------------------------------------------ */

static bool to_write(const import_run *r, const pending *g)
{
    return g->state == ROW_NEW || (g->state == ROW_CHANGED && r->args.force);
}

static size_t count_to_write(const import_run *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->ngood; i++)
        n += to_write(r, &r->good[i]);
    return n;
}

static int write_all(const import_run *r)
{
    size_t done = 0, total = count_to_write(r);
    for (size_t i = 0; i < r->ngood; i++) {
        if (!to_write(r, &r->good[i]))
            continue;
        mt_error err = answers_save(r->good[i].answers, r->good[i].path);
        if (err != MT_OK) {
            fprintf(stderr, "maturity import: error: %s was not written: %s (%zu of %zu "
                            "written before it)\n", r->good[i].path, mt_strerror(err), done,
                    total);
            return cli_exit_code(err);
        }
        printf("%s\n", r->good[i].path);
        done++;
    }
    return MT_EXIT_OK;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* "; 3 new, 4 already imported, 1 changed (left as it is)" */
static void print_states(const import_run *r)
{
    size_t fresh = r->ngood - r->imported - r->changed;
    fprintf(stderr, "; %zu new, %zu already imported", fresh, r->imported);
    if (r->changed)
        fprintf(stderr, ", %zu changed (%s)", r->changed,
                r->args.force ? "overwritten" : r->changed == 1 ? "left as it is"
                                                                  : "left as they are");
}

static void print_summary(const import_run *r, bool written)
{
    size_t rows = r->csv->nrows - 1;
    fprintf(stderr, "%s: %zu row%s: %zu good, %zu bad", r->args.csv, rows, plural(rows),
            r->ngood, r->bad);
    if (r->empty)
        fprintf(stderr, ", %zu empty", r->empty);
    if (r->args.skip_existing)
        print_states(r);
    size_t n = count_to_write(r);
    if (!written || n == 0)
        fprintf(stderr, "; nothing written");
    else
        fprintf(stderr, "; wrote %zu answer file%s to %s", n, plural(n), r->dir);
    if (written && r->bad)
        fprintf(stderr, ", skipped %zu bad row%s", r->bad, plural(r->bad));
    fputc('\n', stderr);
}

static int finish(import_run *r)
{
    if (r->bad && !r->args.skip_bad) {
        print_summary(r, false);
        fprintf(stderr, "maturity import: fix the rows above, or give --skip-bad to write the "
                        "good rows only\n");
        return MT_EXIT_INVALID;
    }
    int rc = MT_EXIT_OK;
    if (r->args.skip_existing)
        rc = classify_rows(r);
    if (rc != MT_EXIT_OK)
        return rc;
    warn_changed(r);
    if (r->args.dry_run || r->ngood == 0) {
        print_summary(r, false);
        return r->bad ? MT_EXIT_INVALID : MT_EXIT_OK;
    }
    rc = prepare_dir(r->dir);
    if (rc == MT_EXIT_OK && !r->args.force && !r->args.skip_existing)
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
    free(r->dir);
    csv_free(r->csv);
    questionnaire_free(r->q);
    import_map_free(r->map);
}

int cmd_import(int argc, char **argv)
{
    import_run r = { 0 };
    int rc = parse_args(argc, argv, &r.args);
    if (rc == MT_EXIT_OK && r.args.dir && !(r.dir = plain_dir(r.args.dir)))
        rc = MT_EXIT_SOFTWARE;
    if (rc == MT_EXIT_OK)
        rc = load_inputs(&r);
    if (rc == MT_EXIT_OK)
        rc = convert_rows(&r);
    if (rc == MT_EXIT_OK)
        rc = finish(&r);
    run_free(&r);
    return rc;
}
