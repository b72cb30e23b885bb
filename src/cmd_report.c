/*
 * cmd_report.c - `maturity report ANSWERS.ini [--pdf FILE] [--xlsx FILE]
 * [--lang L] [--brand BRAND.ini] [--paper a4|letter] [-q Q]`, and
 * cli_write_reports(), which `assess --pdf/--xlsx` uses too.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "maturity/commands.h"

typedef struct report_args {
    const char *answers;
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
    enum { OPT_PAPER = 256 };
    static const struct option longopts[] = {
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
        default: return cli_option_error("report", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("report", "give an answers file");
    if (argc - optind > 1)
        return cli_usage_error("report", "give one answers file, not %d", argc - optind);
    a->answers = argv[optind];
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

/* An output that would overwrite an input is refused before anything runs. */
static int check_output(const char *out, const report_args *a, const char *qpath)
{
    const char *inputs[] = { a->answers, qpath, a->brand };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        if (same_file(out, inputs[i]))
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
    if (same_file(a->pdf, a->xlsx))
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
    fprintf(stderr, "wrote %s\n", path);
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
