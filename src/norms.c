/*
 * norms.c - build, save, load portfolio norms; percentiles against them.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/norms.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/atomic.h"
#include "maturity/inifile.h"
#include "maturity/util.h"

/* ---------------------------------------------------------------- build */

static mt_norms *norms_alloc(size_t nconstructs)
{
    mt_norms *n = calloc(1, sizeof *n);
    if (n && !(n->constructs = calloc(nconstructs + 1, sizeof *n->constructs))) {
        free(n);
        return NULL;
    }
    return n;
}

mt_error norms_new(const mt_questionnaire *q, mt_norms **out)
{
    *out = NULL;
    mt_norms *n = norms_alloc(q->nconstructs);
    if (!n)
        return MT_ERROR_NOMEM;
    n->questionnaire = mt_strdup(q->id);
    n->version = mt_strdup(q->version);
    bool ok = n->questionnaire && n->version;
    for (size_t c = 0; ok && c < q->nconstructs; c++) {
        ok = (n->constructs[c].id = mt_strdup(q->constructs[c].id)) != NULL;
        n->nconstructs++;
    }
    if (!ok) {
        norms_free(n);
        return MT_ERROR_NOMEM;
    }
    *out = n;
    return MT_OK;
}

/* Whole points, halves up: 72.5 counts as 73. */
static size_t whole_point(double score)
{
    double p = floor(score + 0.5);
    return p < 0 ? 0 : p > 100 ? 100 : (size_t)p;
}

/* Mean and sum of squares are kept running (Welford) so that adding
 * results one by one needs no list of scores. */
static void norm_add_score(mt_norm *nm, double score)
{
    nm->n++;
    double d = score - nm->mean;
    nm->mean += d / (double)nm->n;
    nm->m2 += d * (score - nm->mean);
    nm->sd = nm->n > 1 ? sqrt(nm->m2 / (double)(nm->n - 1)) : 0;
    nm->counts[whole_point(score)]++;
}

static mt_norm *find_norm(const mt_norms *n, const char *id)
{
    for (size_t c = 0; c < n->nconstructs; c++)
        if (strcmp(n->constructs[c].id, id) == 0)
            return &n->constructs[c];
    return NULL;
}

mt_error norms_add(mt_norms *n, const mt_result *r)
{
    const mt_questionnaire *q = r->q;
    if (strcmp(q->id, n->questionnaire) != 0)
        return MT_ERROR_MISMATCH;
    for (size_t c = 0; c < q->nconstructs; c++) {
        mt_norm *nm = find_norm(n, q->constructs[c].id);
        if (nm && r->constructs[c].sufficient)
            norm_add_score(nm, r->constructs[c].score);
    }
    n->results++;
    return MT_OK;
}

mt_error norms_add_group(mt_norms *n, const mt_group *g)
{
    for (size_t i = 0; i < g->n; i++) {
        mt_error err = norms_add(n, &g->members[i].result);
        if (err)
            return err;
    }
    return MT_OK;
}

/* ----------------------------------------------------------------- save */

static void write_norm(FILE *fp, const mt_norm *nm)
{
    fprintf(fp, "\n[construct %s]\nn = %zu\nmean = %.4f\nsd = %.4f\n", nm->id, nm->n, nm->mean,
            nm->sd);
    for (size_t s = 0; s < MT_NORMS_POINTS; s++)
        if (nm->counts[s])
            fprintf(fp, "score.%zu = %zu\n", s, nm->counts[s]);
}

mt_error norms_to_string(const mt_norms *n, char **out)
{
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return MT_ERROR_NOMEM;
    fputs("; Portfolio norms for maturity: per construct, how many earlier results\n"
          "; scored each whole point (score.N = how many). No names, organisations,\n"
          "; dates or answers. See docs/group-statistics.md.\n", fp);
    fprintf(fp, "[norms]\nformat = %d\nquestionnaire = %s\nversion = %s\nresults = %zu\n",
            MT_NORMS_FORMAT, n->questionnaire, n->version, n->results);
    for (size_t c = 0; c < n->nconstructs; c++)
        write_norm(fp, &n->constructs[c]);
    if (fclose(fp) != 0) {
        free(buf);
        return MT_ERROR_NOMEM;
    }
    *out = buf;
    return MT_OK;
}

mt_error norms_save(const mt_norms *n, const char *path)
{
    char *text = NULL;
    mt_error err = norms_to_string(n, &text);
    if (!err)
        err = mt_atomic_write(path, text, strlen(text));
    free(text);
    return err;
}

/* ----------------------------------------------------------------- load */

typedef struct loader {
    const char *name;
    mt_diags *diags;
    mt_norms *n;
    size_t cap;
    mt_norm *cur;          /* the [construct] being read, or NULL */
    int cur_n_line;        /* where its n was given */
    bool in_norms;
    int norms_line;
    int line_of[5];        /* [norms] keys: format, questionnaire, version, results */
    bool nomem;
    bool skip_section;     /* an unknown or duplicate section: its keys are not checked */
} loader;

enum { K_FORMAT, K_QUESTIONNAIRE, K_VERSION, K_RESULTS };

static void problem(loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(loader *ld, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mt_diags_vadd(ld->diags, ld->name, line, MT_SEV_ERROR, fmt, ap);
    va_end(ap);
}

static bool parse_count(const char *value, size_t *out)
{
    long v;
    if (!mt_parse_int(value, &v) || v < 0)
        return false;
    *out = (size_t)v;
    return true;
}

/* The checks that need a whole construct: its counts add up to its n. */
static void finish_construct(loader *ld)
{
    mt_norm *nm = ld->cur;
    if (!nm)
        return;
    size_t sum = 0;
    for (size_t s = 0; s < MT_NORMS_POINTS; s++)
        sum += nm->counts[s];
    if (!ld->cur_n_line)
        problem(ld, nm->line, "[construct %s] has no n", nm->id);
    else if (sum != nm->n)
        problem(ld, ld->cur_n_line, "n is %zu, but the score.N counts add up to %zu", nm->n,
                sum);
    ld->cur = NULL;
}

static void start_construct(loader *ld, const char *id, int line)
{
    if (!mt_valid_id(id)) {
        problem(ld, line, "'%s' is not a valid construct id", id);
        ld->skip_section = true;
        return;
    }
    for (size_t c = 0; c < ld->n->nconstructs; c++)
        if (strcmp(ld->n->constructs[c].id, id) == 0) {
            problem(ld, line, "construct '%s' is given twice (first at line %d)", id,
                    ld->n->constructs[c].line);
            ld->skip_section = true;
            return;
        }
    if (!mt_grow((void **)&ld->n->constructs, &ld->cap, ld->n->nconstructs + 1,
                 sizeof *ld->n->constructs)) {
        ld->nomem = true;
        return;
    }
    mt_norm *nm = &ld->n->constructs[ld->n->nconstructs];
    memset(nm, 0, sizeof *nm);
    if (!(nm->id = mt_strdup(id))) {
        ld->nomem = true;
        return;
    }
    nm->line = line;
    ld->n->nconstructs++;
    ld->cur = nm;
    ld->cur_n_line = 0;
}

static void on_section(void *user, const char *section, int line)
{
    loader *ld = user;
    finish_construct(ld);
    ld->in_norms = false;
    ld->skip_section = false;
    if (strcmp(section, "norms") == 0) {
        if (ld->norms_line) {
            problem(ld, line, "[norms] is given twice (first at line %d)", ld->norms_line);
            ld->skip_section = true;
            return;
        }
        ld->in_norms = true;
        ld->norms_line = line;
    } else if (strncmp(section, "construct ", 10) == 0) {
        start_construct(ld, section + 10, line);
    } else {
        problem(ld, line, "unknown section [%s]: a norms file has [norms] and "
                          "[construct ID] sections", section);
        ld->skip_section = true;
    }
}

static void norms_key(loader *ld, const char *key, const char *value, int line)
{
    static const char *const keys[] = { "format", "questionnaire", "version", "results" };
    int k = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(key, keys[i]) == 0)
            k = i;
    if (k < 0) {
        problem(ld, line, "unknown key '%s' in [norms]", key);
        return;
    }
    if (ld->line_of[k]) {
        problem(ld, line, "'%s' is given twice (first at line %d)", key, ld->line_of[k]);
        return;
    }
    ld->line_of[k] = line;
    mt_norms *n = ld->n;
    long format;
    if (k == K_FORMAT && (!mt_parse_int(value, &format) || format != MT_NORMS_FORMAT))
        problem(ld, line, "format '%s' is not one this version reads (%d)", value,
                MT_NORMS_FORMAT);
    else if (k == K_QUESTIONNAIRE && !mt_valid_id(value))
        problem(ld, line, "'%s' is not a valid questionnaire id", value);
    else if (k == K_QUESTIONNAIRE && !(n->questionnaire = mt_strdup(value)))
        ld->nomem = true;
    else if (k == K_VERSION && !*value)
        problem(ld, line, "version is empty");
    else if (k == K_VERSION && !(n->version = mt_strdup(value)))
        ld->nomem = true;
    else if (k == K_RESULTS && !parse_count(value, &n->results))
        problem(ld, line, "results must be a whole number, not '%s'", value);
}

/* score.N = COUNT */
static void score_key(loader *ld, const char *key, const char *value, int line)
{
    long point;
    size_t count;
    mt_norm *nm = ld->cur;
    if (!mt_parse_int(key + 6, &point) || point < 0 || point >= MT_NORMS_POINTS) {
        problem(ld, line, "'%s': the score must be a whole number 0..100", key);
        return;
    }
    if (nm->counts[point]) {
        problem(ld, line, "'%s' is given twice", key);
        return;
    }
    if (!parse_count(value, &count) || count == 0)
        problem(ld, line, "'%s' must count one or more results, not '%s'", key, value);
    else
        nm->counts[point] = count;
}

static void construct_key(loader *ld, const char *key, const char *value, int line)
{
    mt_norm *nm = ld->cur;
    double v;
    if (strncmp(key, "score.", 6) == 0) {
        score_key(ld, key, value, line);
    } else if (strcmp(key, "n") == 0) {
        if (!parse_count(value, &nm->n))
            problem(ld, line, "n must be a whole number, not '%s'", value);
        ld->cur_n_line = line;
    } else if (strcmp(key, "mean") == 0) {
        if (!mt_parse_double(value, &v) || v < 0 || v > 100)
            problem(ld, line, "mean must be a number 0..100, not '%s'", value);
        nm->mean = v;
    } else if (strcmp(key, "sd") == 0) {
        if (!mt_parse_double(value, &v) || v < 0 || v > 100)
            problem(ld, line, "sd must be a number 0..100, not '%s'", value);
        nm->sd = v;
    } else {
        problem(ld, line, "unknown key '%s' in [construct %s]", key, nm->id);
    }
}

static int on_key(void *user, const char *section, const char *key, const char *value,
                  int line, int continuation)
{
    loader *ld = user;
    (void)section;
    if (ld->nomem || ld->skip_section)
        return 1;
    if (continuation)
        problem(ld, line, "a norms value fits on one line: '%s' does not continue", key);
    else if (ld->in_norms)
        norms_key(ld, key, value, line);
    else if (ld->cur)
        construct_key(ld, key, value, line);
    else
        problem(ld, line, "'%s' is outside any section", key);
    return 1;
}

static void check_whole(loader *ld)
{
    static const char *const keys[] = { "format", "questionnaire", "version", "results" };
    if (!ld->norms_line) {
        problem(ld, 1, "no [norms] section: this is not a norms file");
        return;
    }
    for (int k = 0; k < 4; k++)
        if (!ld->line_of[k])
            problem(ld, ld->norms_line, "[norms] has no %s", keys[k]);
    for (size_t c = 0; c < ld->n->nconstructs; c++)
        if (ld->n->constructs[c].n > ld->n->results)
            problem(ld, ld->n->constructs[c].line,
                    "construct '%s' counts %zu results, more than the %zu summarised",
                    ld->n->constructs[c].id, ld->n->constructs[c].n, ld->n->results);
}

mt_error norms_load_string(const char *name, const char *text, size_t size,
                           mt_norms **out, mt_diags *diags)
{
    *out = NULL;
    loader ld = { .name = name, .diags = diags };
    if (!(ld.n = calloc(1, sizeof *ld.n)))
        return MT_ERROR_NOMEM;
    size_t errors_before = diags->errors;
    mt_ini_callbacks cb = { on_key, on_section, &ld };
    mt_error err = mt_ini_parse_buffer(name, text, size, &cb, diags);
    finish_construct(&ld);
    if (err == MT_OK && !ld.nomem)
        check_whole(&ld);
    if (ld.nomem)
        err = MT_ERROR_NOMEM;
    else if (err == MT_OK && diags->errors > errors_before)
        err = MT_ERROR_INI_SYNTAX;
    if (err == MT_OK && !(ld.n->path = mt_strdup(name)))
        err = MT_ERROR_NOMEM;
    if (err) {
        norms_free(ld.n);
        return err;
    }
    *out = ld.n;
    return MT_OK;
}

mt_error norms_load_file(const char *path, mt_norms **out, mt_diags *diags)
{
    char *text = NULL;
    size_t size = 0;
    *out = NULL;
    mt_error err = mt_read_file(path, MT_MAX_INPUT_FILE, &text, &size, diags);
    if (!err)
        err = norms_load_string(path, text, size, out, diags);
    free(text);
    return err;
}

void norms_free(mt_norms *n)
{
    if (!n)
        return;
    for (size_t c = 0; c < n->nconstructs; c++)
        free(n->constructs[c].id);
    free(n->constructs);
    free(n->path);
    free(n->questionnaire);
    free(n->version);
    free(n);
}

/* ----------------------------------------------------------------- use */

mt_error norms_check(const mt_norms *n, const mt_questionnaire *q, mt_diags *diags)
{
    const char *where = n->path ? n->path : "norms";
    if (strcmp(n->questionnaire, q->id) != 0) {
        mt_diags_add(diags, where, 0, MT_SEV_ERROR,
                     "these norms are for questionnaire '%s', not '%s'", n->questionnaire,
                     q->id);
        return MT_ERROR_MISMATCH;
    }
    if (strcmp(n->version, q->version) != 0)
        mt_diags_add(diags, where, 0, MT_SEV_WARNING,
                     "these norms are for version %s of '%s', the assessment uses %s: "
                     "constructs are matched by id",
                     n->version, q->id, q->version);
    return MT_OK;
}

const mt_norm *norms_find(const mt_norms *n, const char *construct_id)
{
    return find_norm(n, construct_id);
}

bool norms_percentile(const mt_norm *norm, double score, double *out)
{
    if (!norm || !norm->n)
        return false;
    size_t at = whole_point(score), below = 0;
    for (size_t s = 0; s < at; s++)
        below += norm->counts[s];
    *out = 100.0 * ((double)below + (double)norm->counts[at] / 2.0) / (double)norm->n;
    return true;
}
