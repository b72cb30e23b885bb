/*
 * cmd_assess.c - `maturity assess`: the interactive questionnaire.
 *
 * Finds the questionnaire, asks the [meta] details, chooses the answers
 * file (never overwriting one without --resume or a confirmation), saves
 * it at once and after every answer, walks the questions (prompt.c), and at
 * the end prints a summary and either writes the reports or tells the
 * command that does. A quit, a signal or the end of input leaves every
 * answer given on disk and prints the exact command that resumes.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "maturity/commands.h"
#include "maturity/labels.h"
#include "maturity/prompt.h"
#include "maturity/term.h"
#include "maturity/util.h"

#define DEFAULT_QUESTIONNAIRE "digital-marketing"
#define SLUG_MAX_BYTES 40

typedef struct assess_args {
    const char *qarg;        /* -q: a file, or an id to search for */
    const char *output;      /* -o */
    const char *lang;
    const char *org, *respondent, *role;
    const char *pdf, *xlsx, *brand, *paper;
    bool resume;
} assess_args;

typedef struct assess {
    assess_args args;
    mt_questionnaire *q;
    mt_answers *a;
    char *path;              /* the answers file */
    bool saved;              /* the answers file has been written this session */
    mt_prompt_options popt;
} assess;

static const char *L(const assess *s, const char *key)
{
    return mt_label(s->popt.lang_code, key);
}

/* ---- options ---------------------------------------------------------- */

static int parse_args(int argc, char **argv, assess_args *a)
{
    enum { OPT_LANG = 256, OPT_ORG, OPT_RESPONDENT, OPT_ROLE, OPT_RESUME, OPT_PDF, OPT_XLSX,
           OPT_BRAND, OPT_PAPER };
    static const struct option longopts[] = {
        { "questionnaire", required_argument, NULL, 'q' },
        { "output", required_argument, NULL, 'o' },
        { "lang", required_argument, NULL, OPT_LANG },
        { "org", required_argument, NULL, OPT_ORG },
        { "respondent", required_argument, NULL, OPT_RESPONDENT },
        { "role", required_argument, NULL, OPT_ROLE },
        { "resume", no_argument, NULL, OPT_RESUME },
        { "pdf", required_argument, NULL, OPT_PDF },
        { "xlsx", required_argument, NULL, OPT_XLSX },
        { "brand", required_argument, NULL, OPT_BRAND },
        { "paper", required_argument, NULL, OPT_PAPER },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":q:o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': a->qarg = optarg; break;
        case 'o': a->output = optarg; break;
        case OPT_LANG: a->lang = optarg; break;
        case OPT_ORG: a->org = optarg; break;
        case OPT_RESPONDENT: a->respondent = optarg; break;
        case OPT_ROLE: a->role = optarg; break;
        case OPT_RESUME: a->resume = true; break;
        case OPT_PDF: a->pdf = optarg; break;
        case OPT_XLSX: a->xlsx = optarg; break;
        case OPT_BRAND: a->brand = optarg; break;
        case OPT_PAPER: a->paper = optarg; break;
        default: return cli_option_error("assess", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("assess", "unexpected argument '%s'", argv[optind]);
    if (a->resume && !a->output)
        return cli_usage_error("assess", "--resume needs the answers file: -o ANSWERS.ini");
    return MT_EXIT_OK;
}

/* ---- the questionnaire and the language -------------------------------- */

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* -q names a file or an id; without it, the default questionnaire. */
static int find_questionnaire(const char *arg, char **path)
{
    return cli_resolve_questionnaire("assess", arg ? arg : DEFAULT_QUESTIONNAIRE, path);
}

static int load_questionnaire(assess *s)
{
    char *path = NULL;
    int rc = find_questionnaire(s->args.qarg, &path);
    if (rc == MT_EXIT_OK)
        rc = cli_load_questionnaire(path, &s->q);
    free(path);
    return rc;
}

/* --lang, else the language the answers were given in, else the default. */
static int choose_language(assess *s)
{
    const char *want = s->args.lang;
    if (!want && s->a && s->a->meta.language && *s->a->meta.language)
        want = s->a->meta.language;
    int i = want ? questionnaire_lang_index(s->q, want) : 0;
    if (i < 0 && s->args.lang) {
        fprintf(stderr, "maturity assess: unknown language '%s'; %s declares:", want, s->q->id);
        for (size_t k = 0; k < s->q->nlangs; k++)
            fprintf(stderr, " %s", s->q->languages[k]);
        fputc('\n', stderr);
        return MT_EXIT_USAGE;
    }
    s->popt.lang = i < 0 ? 0 : i;
    s->popt.lang_code = s->q->languages[s->popt.lang];
    return MT_EXIT_OK;
}

/* ---- meta --------------------------------------------------------------- */

/* Today as YYYY-MM-DD; SOURCE_DATE_EPOCH, when set, stands for now so
 * that scripted runs give the same file. */
static void today(char out[11])
{
    time_t now = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    long v;
    if (epoch && mt_parse_int(epoch, &v) && v >= 0)
        now = (time_t)v;
    struct tm tm;
    if (!(epoch ? gmtime_r(&now, &tm) : localtime_r(&now, &tm)) ||
        !strftime(out, 11, "%Y-%m-%d", &tm))
        strcpy(out, "1970-01-01");
}

static bool set_meta(assess *s, const char *field, const char *value)
{
    if (!value)
        return true;
    if (!answers_set_meta(s->a, field, value)) {
        fprintf(stderr, "maturity assess: out of memory\n");
        return false;
    }
    return true;
}

static bool apply_meta_flags(assess *s)
{
    return set_meta(s, "organisation", s->args.org) &&
           set_meta(s, "respondent", s->args.respondent) &&
           set_meta(s, "role", s->args.role) &&
           set_meta(s, "language", s->popt.lang_code);
}

/* Asks one [meta] field unless a flag gave it. */
static mt_error ask_meta(assess *s, const char *field, const char *flag, const char *label)
{
    if (flag)
        return MT_OK;
    char *value = NULL;
    mt_error err = prompt_ask_line(stdin, stdout, &s->popt, L(s, label), NULL, &value);
    if (err == MT_OK && *value && !answers_set_meta(s->a, field, value))
        err = MT_ERROR_NOMEM;
    free(value);
    return err;
}

static mt_error ask_all_meta(assess *s)
{
    mt_error err = ask_meta(s, "organisation", s->args.org, "prompt.meta_organisation");
    if (err == MT_OK)
        err = ask_meta(s, "respondent", s->args.respondent, "prompt.meta_respondent");
    if (err == MT_OK)
        err = ask_meta(s, "role", s->args.role, "prompt.meta_role");
    return err;
}

/* ---- the answers file ---------------------------------------------------- */

/* A file-name part from the organisation: letters and digits (any script)
 * kept, the rest turned into single dashes. */
static char *slug(const char *org)
{
    char *r = calloc(SLUG_MAX_BYTES + 1, 1);
    if (!r)
        return NULL;
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(org ? org : ""); *p; p++) {
        bool keep = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p >= 0x80;
        char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : (char)*p;
        if (*p >= 'A' && *p <= 'Z')
            keep = true;
        if (!keep && (n == 0 || r[n - 1] == '-'))
            continue;
        if (n == SLUG_MAX_BYTES)
            break;
        r[n++] = keep ? c : '-';
    }
    n = mt_utf8_floor(r, n);   /* never end inside a character cut by the limit */
    while (n > 0 && r[n - 1] == '-')
        n--;
    r[n] = '\0';
    if (!n) {
        free(r);
        return mt_strdup("assessment");
    }
    return r;
}

/* organisation-date.ini, with -2, -3... when that file exists already. */
static char *propose_name(const mt_answers *a)
{
    char *base = slug(a->meta.organisation);
    if (!base)
        return NULL;
    char *name = mt_asprintf("%s-%s.ini", base, a->meta.date ? a->meta.date : "");
    for (int i = 2; name && is_file(name) && i < 1000; i++) {
        free(name);
        name = mt_asprintf("%s-%s-%d.ini", base, a->meta.date ? a->meta.date : "", i);
    }
    free(base);
    return name;
}

static mt_error ask_file_name(assess *s)
{
    if (s->args.output) {
        s->path = mt_strdup(s->args.output);
        return s->path ? MT_OK : MT_ERROR_NOMEM;
    }
    char *proposed = propose_name(s->a);
    if (!proposed)
        return MT_ERROR_NOMEM;
    mt_error err = prompt_ask_line(stdin, stdout, &s->popt, L(s, "prompt.meta_file"), proposed,
                                   &s->path);
    free(proposed);
    return err;
}

/* true when both paths name one existing file, however they are spelled. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* The answers must never land on the questionnaire they answer. */
static int check_not_questionnaire(const assess *s)
{
    if (!same_file(s->path, s->q->path))
        return MT_EXIT_OK;
    return cli_usage_error("assess", "'%s' is the questionnaire; choose another answers file",
                           s->path);
}

enum existing { EXISTING_RESUME, EXISTING_OVERWRITE, EXISTING_CANCEL };

/* The path exists: resume it, overwrite it, or stop. */
static mt_error ask_existing(assess *s, enum existing *choice)
{
    for (;;) {
        char *question = mt_asprintf(L(s, "prompt.exists"), s->path);
        char *value = NULL;
        mt_error err = question ? prompt_ask_line(stdin, stdout, &s->popt, question, NULL, &value)
                                : MT_ERROR_NOMEM;
        free(question);
        if (err != MT_OK)
            return err;
        char c = (char)(value[0] | 0x20);
        bool one = value[0] && !value[1];
        free(value);
        if (one && (c == 'r' || c == 'o' || c == 'c')) {
            *choice = c == 'r' ? EXISTING_RESUME : c == 'o' ? EXISTING_OVERWRITE : EXISTING_CANCEL;
            return MT_OK;
        }
    }
}

/* ---- loading for --resume ------------------------------------------------ */

static int load_for_resume(assess *s, const char *qpath)
{
    mt_loaded l;
    int rc = cli_load_assessment(s->path, qpath, s->args.lang, &l);
    if (rc != MT_EXIT_OK)
        return rc;
    /* keep the model and the answers; the scores are made again at the end */
    questionnaire_free(s->q);
    s->q = l.q;
    s->a = l.answers;
    l.q = NULL;
    l.answers = NULL;
    cli_assessment_free(&l);
    return MT_EXIT_OK;
}

static int resume_existing(assess *s)
{
    if (!is_file(s->path)) {
        fprintf(stderr, "%s: error: there is no answers file to resume here\n", s->path);
        return MT_EXIT_NOINPUT;
    }
    char *qpath = NULL;
    if (s->args.qarg && find_questionnaire(s->args.qarg, &qpath) != MT_EXIT_OK)
        return MT_EXIT_NOINPUT;
    answers_free(s->a);
    s->a = NULL;
    int rc = load_for_resume(s, qpath);
    free(qpath);
    if (rc == MT_EXIT_OK)
        rc = choose_language(s);
    if (rc == MT_EXIT_OK && !apply_meta_flags(s))
        rc = MT_EXIT_SOFTWARE;
    return rc;
}

/* ---- messages ------------------------------------------------------------ */

/* Quotes an argument for a POSIX shell when it needs it. */
static char *shell_quote(const char *arg)
{
    if (*arg && strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                            "0123456789._/-+=:,@") == strlen(arg))
        return mt_strdup(arg);
    char *r = mt_strdup("'");
    for (const char *p = arg; r && *p; p++) {
        char one[2] = { *p, '\0' };
        if (!mt_str_append(&r, NULL, *p == '\'' ? "'\\''" : one)) {
            free(r);
            r = NULL;
        }
    }
    if (r && !mt_str_append(&r, NULL, "'")) {
        free(r);
        r = NULL;
    }
    return r;
}

static void append_arg(char **cmd, const char *arg)
{
    char *quoted = shell_quote(arg);
    if (quoted)
        mt_str_append(cmd, " ", quoted);
    free(quoted);
}

/* The exact command that continues these answers. */
static char *resume_command(const assess *s)
{
    char *cmd = NULL;
    append_arg(&cmd, program_invocation_name);
    append_arg(&cmd, "assess");
    append_arg(&cmd, "--resume");
    append_arg(&cmd, "-o");
    append_arg(&cmd, s->path);
    if (s->args.qarg) {
        append_arg(&cmd, "-q");
        append_arg(&cmd, s->args.qarg);
    }
    return cmd;
}

static void print_resume_hint(const assess *s, const char *what_key)
{
    FILE *out = stdout;
    size_t done = answers_count(s->a, MT_ANSWER_VALUE) + answers_count(s->a, MT_ANSWER_DONT_KNOW);
    char *what = mt_asprintf(L(s, what_key), done, s->q->nitems, s->path);
    char *cmd = resume_command(s);
    fputc('\n', out);
    prompt_wrap(out, what ? what : "", s->popt.width, 0);
    prompt_wrap(out, L(s, "prompt.resume_with"), s->popt.width, 0);
    fprintf(out, "  %s\n", cmd ? cmd : "");
    fflush(out);
    free(what);
    free(cmd);
}

/* How the walk ended, told to the person; returns the exit code. */
static int report_stop(const assess *s, mt_error err)
{
    if (err == MT_ERROR_FILE_WRITE) {
        fprintf(stderr, "%s: error: the answers could not be saved\n", s->path);
        return MT_EXIT_OUTPUT;
    }
    if (err == MT_ERROR_NOMEM) {
        fprintf(stderr, "maturity assess: out of memory\n");
        return MT_EXIT_SOFTWARE;
    }
    if (!s->saved) {
        fputc('\n', stdout);
        prompt_wrap(stdout, L(s, "prompt.nothing_saved"), s->popt.width, 0);
        return MT_EXIT_INTERRUPTED;
    }
    const char *key = err == MT_ERROR_INPUT_EOF ? "prompt.eof"
                      : term_signal_caught()   ? "prompt.interrupted"
                                               : "prompt.stopped";
    print_resume_hint(s, key);
    return MT_EXIT_INTERRUPTED;
}

/* ---- the end --------------------------------------------------------------- */

static char *replace_ext(const char *path, const char *ext)
{
    size_t n = strlen(path);
    if (n > 4 && strcmp(path + n - 4, ".ini") == 0)
        n -= 4;
    char *base = mt_strndup(path, n);
    char *r = base ? mt_asprintf("%s%s", base, ext) : NULL;
    free(base);
    return r;
}

static void print_report_command(const assess *s)
{
    char *pdf = replace_ext(s->path, ".pdf"), *xlsx = replace_ext(s->path, ".xlsx");
    char *cmd = NULL;
    append_arg(&cmd, program_invocation_name);
    append_arg(&cmd, "report");
    append_arg(&cmd, s->path);
    append_arg(&cmd, "--pdf");
    append_arg(&cmd, pdf ? pdf : "report.pdf");
    append_arg(&cmd, "--xlsx");
    append_arg(&cmd, xlsx ? xlsx : "report.xlsx");
    fputc('\n', stdout);
    prompt_wrap(stdout, L(s, "prompt.reports_with"), s->popt.width, 0);
    printf("  %s\n", cmd ? cmd : "");
    free(cmd);
    free(pdf);
    free(xlsx);
}

static int finish(assess *s)
{
    mt_result *r = NULL;
    mt_recommendations *recs = NULL;
    mt_error err = scorer_score(s->q, s->a, &r);
    if (err == MT_OK)
        err = recommender_run(s->q, r, &recs);
    int rc = cli_exit_code(err);
    if (err == MT_OK) {
        prompt_print_summary(s->q, s->a, r, recs, stdout, &s->popt);
        if (s->args.pdf || s->args.xlsx) {
            mt_assessment as = { .q = s->q, .answers = s->a, .result = r, .recs = recs,
                                 .lang = s->popt.lang, .lang_code = s->popt.lang_code };
            mt_report_options ro = { .brand_path = s->args.brand,
                                     .paper = s->args.paper ? s->args.paper : "a4",
                                     .tool_version = mt_version };
            fflush(stdout);
            rc = cli_write_reports(&as, &ro, s->args.pdf, s->args.xlsx);
        } else {
            print_report_command(s);
        }
    } else {
        fprintf(stderr, "maturity assess: scoring failed: %s\n", mt_strerror(err));
    }
    recommender_free(recs);
    scorer_result_free(r);
    return rc;
}

/* ---- the session ---------------------------------------------------------- */

static int save_now(assess *s)
{
    mt_error err = answers_save(s->a, s->path);
    if (err != MT_OK) {
        fprintf(stderr, "%s: error: cannot write the answers file: %s\n", s->path,
                mt_strerror(err));
        return MT_EXIT_OUTPUT;
    }
    s->saved = true;
    return MT_EXIT_OK;
}

static int new_answers(assess *s)
{
    char date[11];
    today(date);
    if (answers_new(s->q, &s->a) != MT_OK || !set_meta(s, "date", date) ||
        !apply_meta_flags(s))
        return MT_EXIT_SOFTWARE;
    return MT_EXIT_OK;
}

/* Meta questions, then the file: a new one, or an existing one resumed or
 * overwritten only when the person says so. */
static int start_new(assess *s, mt_error *stop)
{
    int rc = new_answers(s);
    if (rc != MT_EXIT_OK)
        return rc;
    prompt_print_welcome(s->q, stdout, &s->popt);
    bool asks = !s->args.org || !s->args.respondent || !s->args.role || !s->args.output;
    if (asks)
        fputc('\n', stdout);
    *stop = ask_all_meta(s);
    if (*stop == MT_OK)
        *stop = ask_file_name(s);
    if (*stop != MT_OK)
        return MT_EXIT_OK;
    int rc_path = check_not_questionnaire(s);
    if (rc_path != MT_EXIT_OK || !is_file(s->path))
        return rc_path;
    enum existing choice;
    *stop = ask_existing(s, &choice);
    if (*stop != MT_OK)
        return MT_EXIT_OK;
    if (choice == EXISTING_RESUME)
        return resume_existing(s);
    if (choice == EXISTING_CANCEL)
        *stop = MT_ERROR_INTERRUPTED;
    return MT_EXIT_OK;
}

static void print_resuming(const assess *s)
{
    prompt_print_welcome(s->q, stdout, &s->popt);
    size_t done = answers_count(s->a, MT_ANSWER_VALUE) + answers_count(s->a, MT_ANSWER_DONT_KNOW);
    char *text = mt_asprintf(L(s, "prompt.resuming"), s->path, done, s->q->nitems);
    fputc('\n', stdout);
    prompt_wrap(stdout, text ? text : "", s->popt.width, 0);
    free(text);
}

static int run_session(assess *s)
{
    mt_error stop = MT_OK;
    int rc;
    if (s->args.resume) {
        s->path = mt_strdup(s->args.output);
        rc = s->path ? check_not_questionnaire(s) : MT_EXIT_SOFTWARE;
        if (rc == MT_EXIT_OK)
            rc = resume_existing(s);
        if (rc == MT_EXIT_OK)
            print_resuming(s);
    } else {
        rc = start_new(s, &stop);
    }
    if (rc != MT_EXIT_OK)
        return rc;
    if (stop == MT_OK)
        rc = save_now(s);
    if (rc != MT_EXIT_OK)
        return rc;
    if (stop == MT_OK) {
        printf("\n");
        char *where = mt_asprintf(L(s, "prompt.saving_to"), s->path);
        prompt_wrap(stdout, where ? where : "", s->popt.width, 0);
        free(where);
        s->popt.save_path = s->path;
        stop = prompt_run(s->q, s->a, stdin, stdout, &s->popt);
    }
    term_signals_restore();
    return stop == MT_OK ? finish(s) : report_stop(s, stop);
}

int cmd_assess(int argc, char **argv)
{
    assess s = { 0 };
    int rc = parse_args(argc, argv, &s.args);
    if (rc != MT_EXIT_OK)
        return rc;
    /* Unbuffered: the signal-aware wait looks at the descriptor, so no
     * line may sit unseen in a stdio buffer (a questionnaire is short). */
    setvbuf(stdin, NULL, _IONBF, 0);
    s.popt.colour = term_use_colour(stdout);
    s.popt.echo = !term_is_tty(stdin);
    s.popt.width = 0;   /* asked of the terminal at each question */
    rc = load_questionnaire(&s);
    if (rc == MT_EXIT_OK)
        rc = choose_language(&s);
    if (rc == MT_EXIT_OK) {
        term_signals_install();
        rc = run_session(&s);
        term_signals_restore();
    }
    answers_free(s.a);
    questionnaire_free(s.q);
    free(s.path);
    return rc;
}
