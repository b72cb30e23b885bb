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

static int write_one(report_writer write, const mt_assessment *as,
                     const mt_report_options *opt, const char *path)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = write(as, opt, path, &d);
    mt_diags_print(&d, stderr);
    mt_diags_free(&d);
    if (err != MT_OK) {
        fprintf(stderr, "maturity: error: %s was not written: %s\n", path, mt_strerror(err));
        return cli_exit_code(err);
    }
    fprintf(stderr, "wrote %s\n", strcmp(path, "-") == 0 ? "standard output" : path);
    return MT_EXIT_OK;
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

int cmd_report(int argc, char **argv)
{
    report_args a = { 0 };
    int rc = parse_args(argc, argv, &a);
    if (rc == MT_EXIT_OK)
        rc = check_args(&a);
    if (rc != MT_EXIT_OK)
        return rc;
    mt_loaded l;
    rc = cli_load_assessment(a.answers, a.qpath, a.lang, &l);
    if (rc != MT_EXIT_OK)
        return rc;
    /* the questionnaire found by id is an input too */
    if (a.pdf)
        rc = check_output(a.pdf, &a, l.q->path);
    if (rc == MT_EXIT_OK && a.xlsx)
        rc = check_output(a.xlsx, &a, l.q->path);
    mt_report_options opt = {
        .brand_path = a.brand,
        .paper = a.paper ? a.paper : "a4",
        .tool_version = mt_version,
    };
    if (rc == MT_EXIT_OK)
        rc = cli_write_reports(&l.as, &opt, a.pdf, a.xlsx);
    cli_assessment_free(&l);
    return rc;
}
