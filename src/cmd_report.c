/*
 * cmd_report.c - `maturity report ANSWERS.ini... | DIR [--pdf FILE]
 * [--xlsx FILE] [--lang L] [--names] [--baseline OLD] [--norms NORMS.ini]
 * [--brand BRAND.ini] [--paper a4|letter] [-q Q]`, and cli_write_reports(),
 * which `assess --pdf/--xlsx` uses too.
 *
 * One answers file is an individual report; several, or a folder, a group
 * report (group.h). --baseline adds a follow-up against earlier answers
 * (one file, a folder, or files separated by commas: an earlier group),
 * --norms each score's percentile in a portfolio (norms.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maturity/commands.h"
#include "maturity/util.h"

typedef struct report_args {
    char **inputs;           /* answers files and folders, as given */
    size_t ninputs;
    const char *answers;     /* the first input */
    const char *baseline;    /* --baseline: a file, a folder, or files joined by commas */
    const char *norms;
    bool names;
    const char *qpath;
    const char *lang;
    const char *pdf;
    const char *xlsx;
    const char *brand;
    const char *paper;
} report_args;

typedef mt_error (*report_writer)(const mt_assessment *as, const mt_report_options *opt,
                                  const char *path, mt_diags *diags);

static int parse_args(int argc, char **argv, report_args *a)
{
    enum { OPT_PAPER = 256, OPT_BASELINE, OPT_NORMS, OPT_NAMES };
    static const struct option longopts[] = {
        { "baseline", required_argument, NULL, OPT_BASELINE },
        { "norms", required_argument, NULL, OPT_NORMS },
        { "names", no_argument, NULL, OPT_NAMES },
        { "pdf", required_argument, NULL, 'p' },
        { "xlsx", required_argument, NULL, 'x' },
        { "lang", required_argument, NULL, 'l' },
        { "brand", required_argument, NULL, 'b' },
        { "paper", required_argument, NULL, OPT_PAPER },
        { "questionnaire", required_argument, NULL, 'q' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":p:x:l:b:q:", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': a->pdf = optarg; break;
        case 'x': a->xlsx = optarg; break;
        case 'l': a->lang = optarg; break;
        case 'b': a->brand = optarg; break;
        case 'q': a->qpath = optarg; break;
        case OPT_PAPER: a->paper = optarg; break;
        case OPT_BASELINE: a->baseline = optarg; break;
        case OPT_NORMS: a->norms = optarg; break;
        case OPT_NAMES: a->names = true; break;
        default: return cli_option_error("report", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("report", "give an answers file, several, or a folder of them");
    a->inputs = argv + optind;
    a->ninputs = (size_t)(argc - optind);
    a->answers = a->inputs[0];
    return MT_EXIT_OK;
}

/* true when both paths name one existing file (however they are spelled). */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!a || !b)
        return false;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static bool is_folder(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A device such as /dev/null can take both reports; only files collide. */
static bool is_device(const char *path)
{
    struct stat sb;
    return path && stat(path, &sb) == 0 && (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode));
}

/* An output that would overwrite an input, or a folder, is refused before anything runs. */
static int check_output(const char *out, const report_args *a, const char *qpath)
{
    if (is_folder(out))
        return cli_usage_error("report", "'%s' is a folder; give the name of the file to write",
                               out);
    const char *inputs[] = { qpath, a->brand, a->norms, a->baseline };
    bool taken = false;
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        taken = taken || same_file(out, inputs[i]);
    for (size_t i = 0; i < a->ninputs; i++)
        taken = taken || same_file(out, a->inputs[i]);
    if (taken)
        return cli_usage_error("report", "'%s' is an input file; choose another output path",
                               out);
    return MT_EXIT_OK;
}

static int check_args(const report_args *a)
{
    if (!a->pdf && !a->xlsx)
        return cli_usage_error("report", "give --pdf FILE, --xlsx FILE or both");
    if ((a->pdf && !*a->pdf) || (a->xlsx && !*a->xlsx))
        return cli_usage_error("report", "an output file name is empty");
    if (a->paper && strcmp(a->paper, "a4") != 0 && strcmp(a->paper, "letter") != 0)
        return cli_usage_error("report", "unknown paper size '%s' (a4 or letter)", a->paper);
    /* "-" is standard output (see atomic.h); a PDF or zip file is no text for a terminal */
    if (((a->pdf && strcmp(a->pdf, "-") == 0) || (a->xlsx && strcmp(a->xlsx, "-") == 0)) &&
        isatty(STDOUT_FILENO))
        return cli_usage_error("report", "standard output is a terminal; redirect it to a file "
                                         "or a pipe to write a report to '-'");
    if (same_file(a->pdf, a->xlsx) && !is_device(a->pdf))
        return cli_usage_error("report", "--pdf and --xlsx name the same file '%s'", a->pdf);
    int rc = MT_EXIT_OK;
    if (a->pdf)
        rc = check_output(a->pdf, a, a->qpath);
    if (rc == MT_EXIT_OK && a->xlsx)
        rc = check_output(a->xlsx, a, a->qpath);
    return rc;
}

/* What a writer said, and the outcome. A failure is said once: when the
 * writer gave its reason as `PATH: error: ...`, no second line repeats that
 * PATH was not written. '-' is named as standard output. */
static int say_outcome(mt_error err, const mt_diags *d, const char *path)
{
    const char *shown = strcmp(path, "-") == 0 ? "standard output" : path;
    bool explained = false;
    mt_diags named;
    mt_diags_init(&named);
    for (size_t i = 0; i < d->count; i++) {
        const mt_diag *g = &d->items[i];
        bool about_path = g->file && strcmp(g->file, path) == 0;
        explained = explained || (about_path && g->severity == MT_SEV_ERROR);
        mt_diags_add(&named, about_path ? shown : g->file, g->line, g->severity, "%s",
                     g->message);
    }
    mt_diags_print(&named, stderr);
    mt_diags_free(&named);
    if (err != MT_OK && !explained)
        fprintf(stderr, "maturity: error: %s was not written: %s\n", shown, mt_strerror(err));
    else if (err == MT_OK)
        fprintf(stderr, "wrote %s\n", shown);
    return cli_exit_code(err);
}

static int write_one(report_writer write, const mt_assessment *as,
                     const mt_report_options *opt, const char *path)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = write(as, opt, path, &d);
    int rc = say_outcome(err, &d, path);
    mt_diags_free(&d);
    return rc;
}

int cli_write_reports(const mt_assessment *as, const mt_report_options *opt,
                      const char *pdf_path, const char *xlsx_path)
{
    int rc = MT_EXIT_OK, one;
    /* both are attempted: a failed PDF should not cost the workbook */
    if (pdf_path && (one = write_one(report_pdf_write, as, opt, pdf_path)) != MT_EXIT_OK)
        rc = one;
    if (xlsx_path && (one = write_one(report_xlsx_write, as, opt, xlsx_path)) != MT_EXIT_OK)
        rc = rc == MT_EXIT_OK ? one : rc;
    return rc;
}

/* ---- follow-up and norms ---------------------------------------------- */

/* What --baseline loaded: always read as a group (one file is a group of
 * one, whose result is that file's result), so one path serves both. */
typedef struct followup {
    mt_questionnaire *q;
    mt_group *group;
    mt_baseline *cmp;
    char *date;
    char *label;   /* the baseline's file names, without their folders */
    char *first;   /* the first of its files, whose [meta] chose its questionnaire */
    int first_line;/* where that [meta] names the questionnaire */
} followup;

static void followup_free(followup *f)
{
    baseline_free(f->cmp);
    group_free(f->group);
    questionnaire_free(f->q);
    free(f->date);
    free(f->label);
    free(f->first);
    memset(f, 0, sizeof *f);
}

/* "a.ini,b.ini" into its parts; empty parts are a usage error. */
static int split_commas(const char *arg, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    for (const char *s = arg;; ) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        if (len == 0) {
            cli_free_strings(*out);
            *out = NULL;
            return cli_usage_error("report", "--baseline '%s' has an empty file name", arg);
        }
        char *part = mt_strndup(s, len);
        if (!part || !mt_grow((void **)out, &cap, *n + 2, sizeof **out)) {
            free(part);
            cli_free_strings(*out);
            *out = NULL;
            return MT_EXIT_SOFTWARE;
        }
        (*out)[(*n)++] = part;
        (*out)[*n] = NULL;
        if (!comma)
            return MT_EXIT_OK;
        s = comma + 1;
    }
}

/* The [meta] date of one respondent, or the range of a group's dates. */
static char *date_range(const mt_group *g)
{
    if (!g->date_first)
        return NULL;
    if (!g->date_last || strcmp(g->date_first, g->date_last) == 0)
        return mt_strdup(g->date_first);
    return mt_asprintf("%s \xE2\x80\x93 %s", g->date_first, g->date_last);
}

static int compare_with(const mt_snapshot *current, followup *f)
{
    mt_snapshot base = { .q = f->q, .result = f->group->result, .recs = f->group->recs,
                         .source = f->first, .source_line = f->first_line };
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = baseline_compare(current, &base, -1.0, &f->cmp, &d);
    cli_print_diags(&d);
    if (err != MT_OK && d.errors == 0)
        fprintf(stderr, "maturity: error: the baseline cannot be compared: %s\n",
                mt_strerror(err));
    mt_diags_free(&d);
    return cli_exit_code(err);
}

/* A baseline for another questionnaire is refused at once, naming its
 * file: loading it with its own questionnaire first would only end in the
 * same refusal, named after a questionnaire file the user never gave. */
static int refuse_other(const char *first, int line, const char *id,
                        const mt_questionnaire *current)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = baseline_check_questionnaire(first, line, id, current, &d);
    cli_print_diags(&d);
    mt_diags_free(&d);
    return cli_exit_code(err);
}

/* The current questionnaire when the baseline names its id and version
 * (so -q serves both), else the one the baseline names: it may be an
 * earlier version. */
static int baseline_questionnaire(followup *f, const mt_questionnaire *current)
{
    char *id = NULL, *version = NULL;
    mt_diags d;
    mt_diags_init(&d);
    bool named = answers_peek_questionnaire_at(f->first, &id, &version, &f->first_line, &d) ==
                     MT_OK && id;
    mt_diags_free(&d);
    int rc;
    if (named && strcmp(id, current->id) != 0)
        rc = refuse_other(f->first, f->first_line, id, current);
    else if (named && (!version || strcmp(version, current->version) == 0))
        rc = cli_load_questionnaire(current->path, &f->q);
    else
        rc = cli_load_questionnaire_for(f->first, &f->q);
    free(id);
    free(version);
    return rc;
}

/* "acme-2025.ini" for "/home/ana/clients/acme-2025.ini": the report goes
 * to the client, who has no business with the consultant's folders. */
static char *files_label(char **parts, size_t n)
{
    char *label = mt_strdup("");
    for (size_t i = 0; label && i < n; i++) {
        char *name = mt_path_label(parts[i]);
        char *joined = name ? mt_asprintf("%s%s%s", label, i ? ", " : "", name) : NULL;
        free(name);
        free(label);
        label = joined;
    }
    return label;
}

static int load_followup(const char *arg, const mt_snapshot *current, followup *f)
{
    char **args = NULL, **paths = NULL;
    size_t nargs = 0, npaths = 0;
    int rc = split_commas(arg, &args, &nargs);
    if (rc == MT_EXIT_OK && !(f->label = files_label(args, nargs)))
        rc = MT_EXIT_SOFTWARE;
    if (rc == MT_EXIT_OK)
        rc = cli_expand_paths(args, nargs, &paths, &npaths);
    cli_free_strings(args);
    if (rc == MT_EXIT_OK && !(f->first = mt_strdup(paths[0])))
        rc = MT_EXIT_SOFTWARE;
    if (rc == MT_EXIT_OK)
        rc = baseline_questionnaire(f, current->q);
    if (rc == MT_EXIT_OK)
        rc = cli_load_group(f->q, paths, npaths, false, &f->group);
    if (rc == MT_EXIT_OK)
        rc = compare_with(current, f);
    if (rc == MT_EXIT_OK)
        f->date = date_range(f->group);
    group_free_paths(paths, npaths);
    return rc;
}

static int load_norms(const char *path, const mt_questionnaire *q, mt_norms **out)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = norms_load_file(path, out, &d);
    if (err == MT_OK)
        err = norms_check(*out, q, &d);
    cli_print_diags(&d);
    if (err != MT_OK && d.errors == 0)
        fprintf(stderr, "%s: error: %s\n", path, mt_strerror(err));
    mt_diags_free(&d);
    if (err != MT_OK) {
        norms_free(*out);
        *out = NULL;
    }
    return cli_exit_code(err);
}

/* Follow-up and norms, as asked for, for a result of q. */
static int load_extras(const report_args *a, const mt_snapshot *current, followup *f,
                       mt_norms **norms)
{
    int rc = MT_EXIT_OK;
    if (a->baseline)
        rc = load_followup(a->baseline, current, f);
    if (rc == MT_EXIT_OK && a->norms)
        rc = load_norms(a->norms, current->q, norms);
    return rc;
}

static mt_report_options report_options(const report_args *a)
{
    mt_report_options opt = {
        .brand_path = a->brand,
        .paper = a->paper ? a->paper : "a4",
        .tool_version = mt_version,
    };
    return opt;
}

/* ---- one respondent ------------------------------------------------------ */

static int report_one(const report_args *a)
{
    mt_loaded l;
    int rc = cli_load_assessment(a->answers, a->qpath, a->lang, &l);
    if (rc != MT_EXIT_OK)
        return rc;
    /* the questionnaire found by id is an input too */
    if (a->pdf)
        rc = check_output(a->pdf, a, l.q->path);
    if (rc == MT_EXIT_OK && a->xlsx)
        rc = check_output(a->xlsx, a, l.q->path);
    followup f = { 0 };
    mt_norms *norms = NULL;
    mt_snapshot current = { .q = l.q, .result = l.result, .recs = l.recs };
    if (rc == MT_EXIT_OK)
        rc = load_extras(a, &current, &f, &norms);
    if (rc == MT_EXIT_OK) {
        if (f.cmp) {
            l.as.baseline = f.cmp;
            l.as.baseline_q = f.q;
            l.as.baseline_label = f.label;
            l.as.baseline_date = f.date;
            l.as.baseline_respondents = f.group->n;
        }
        l.as.norms = norms;
        mt_report_options opt = report_options(a);
        rc = cli_write_reports(&l.as, &opt, a->pdf, a->xlsx);
    }
    norms_free(norms);
    followup_free(&f);
    cli_assessment_free(&l);
    return rc;
}

/* ---- a group -------------------------------------------------------------- */

/* The report's language: --lang, else the questionnaire's default (the
 * respondents may have answered in different languages). */
static int group_language(const mt_questionnaire *q, const char *lang, int *out)
{
    *out = 0;
    if (!lang)
        return MT_EXIT_OK;
    *out = questionnaire_lang_index(q, lang);
    if (*out >= 0)
        return MT_EXIT_OK;
    fprintf(stderr, "maturity: unknown language '%s': %s declares", lang, q->id);
    for (size_t i = 0; i < q->nlangs; i++)
        fprintf(stderr, "%s %s", i ? "," : "", q->languages[i]);
    fputc('\n', stderr);
    return MT_EXIT_USAGE;
}

/* -q, else the questionnaire the first file names; every file is then
 * checked against it. */
static int group_questionnaire(const report_args *a, char **paths, mt_questionnaire **q)
{
    if (!a->qpath)
        return cli_load_questionnaire_for(paths[0], q);
    char *path = NULL;
    int rc = cli_resolve_questionnaire("report", a->qpath, &path);
    if (rc == MT_EXIT_OK)
        rc = cli_load_questionnaire(path, q);
    free(path);
    return rc;
}

typedef mt_error (*group_writer)(const mt_group_view *gv, const mt_report_options *opt,
                                 const char *path, mt_diags *diags);

static int write_group_one(group_writer write, const mt_group_view *gv,
                           const mt_report_options *opt, const char *path)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = write(gv, opt, path, &d);
    int rc = say_outcome(err, &d, path);
    mt_diags_free(&d);
    return rc;
}

static int write_group_reports(const report_args *a, const mt_group_view *gv)
{
    mt_report_options opt = report_options(a);
    int rc = MT_EXIT_OK;
    int one;
    /* both are attempted: a failed PDF should not cost the workbook */
    if (a->pdf)
        rc = write_group_one(report_group_pdf_write, gv, &opt, a->pdf);
    if (a->xlsx && (one = write_group_one(report_group_xlsx_write, gv, &opt, a->xlsx)) != MT_EXIT_OK)
        rc = rc == MT_EXIT_OK ? one : rc;
    return rc;
}

static int report_group(const report_args *a, char **paths, size_t npaths)
{
    mt_questionnaire *q = NULL;
    mt_group *g = NULL;
    followup f = { 0 };
    mt_norms *norms = NULL;
    int li = 0;
    int rc = group_questionnaire(a, paths, &q);
    if (rc == MT_EXIT_OK && a->pdf)
        rc = check_output(a->pdf, a, q->path);
    if (rc == MT_EXIT_OK && a->xlsx)
        rc = check_output(a->xlsx, a, q->path);
    if (rc == MT_EXIT_OK)
        rc = group_language(q, a->lang, &li);
    if (rc == MT_EXIT_OK)
        rc = cli_load_group(q, paths, npaths, a->names, &g);
    if (rc == MT_EXIT_OK) {
        mt_snapshot current = { .q = q, .result = g->result, .recs = g->recs };
        rc = load_extras(a, &current, &f, &norms);
    }
    if (rc == MT_EXIT_OK) {
        mt_group_view gv = {
            .q = q, .group = g, .recs = g->recs, .lang = li, .lang_code = q->languages[li],
            .names = a->names, .baseline = f.cmp, .baseline_q = f.q,
            .baseline_label = f.label, .baseline_date = f.date,
            .baseline_respondents = f.group ? f.group->n : 0, .norms = norms,
        };
        rc = write_group_reports(a, &gv);
    }
    norms_free(norms);
    followup_free(&f);
    group_free(g);
    questionnaire_free(q);
    return rc;
}

/* An expanded answers file may not be overwritten either. */
static int check_outputs_against(const report_args *a, char **paths, size_t npaths)
{
    for (size_t i = 0; i < npaths; i++)
        if (same_file(a->pdf, paths[i]) || same_file(a->xlsx, paths[i]))
            return cli_usage_error("report", "'%s' is an input file; choose another output path",
                                   paths[i]);
    return MT_EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
    report_args a = { 0 };
    int rc = parse_args(argc, argv, &a);
    if (rc == MT_EXIT_OK)
        rc = check_args(&a);
    if (rc != MT_EXIT_OK)
        return rc;
    char **paths = NULL;
    size_t npaths = 0;
    rc = cli_expand_paths(a.inputs, a.ninputs, &paths, &npaths);
    if (rc == MT_EXIT_OK)
        rc = check_outputs_against(&a, paths, npaths);
    /* one file is one respondent's report; several, or a folder, a group's */
    bool group = npaths > 1 || (a.ninputs == 1 && is_folder(a.inputs[0]));
    if (rc == MT_EXIT_OK)
        rc = group ? report_group(&a, paths, npaths) : report_one(&a);
    group_free_paths(paths, npaths);
    return rc;
}
