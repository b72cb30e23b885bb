/*
 * cmd_assess.c - `maturity assess`: the interactive questionnaire.
 *
 * Finds the questionnaire, chooses the answers file (never overwriting one
 * without --resume or a confirmation, and checking first that it can be
 * created), asks the [meta] details a new file needs, saves it at once
 * and after every answer, walks the questions (prompt.c), and at
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

#include "maturity/atomic.h"
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
    bool bidi;               /* --bidi, or MATURITY_BIDI=1 */
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
           OPT_BRAND, OPT_PAPER, OPT_BIDI };
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
        { "bidi", no_argument, NULL, OPT_BIDI },
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
        case OPT_BIDI: a->bidi = true; break;
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

/* r, o or c in either case, or the Hebrew letter on the same key (ר, ם,
 * ב), as the questions take s, b and q; 0 for anything else. */
static char existing_key(const char *value)
{
    static const struct { char latin; const char *hebrew; } keys[] = {
        { 'r', "ר" }, { 'o', "ם" }, { 'c', "ב" },
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        bool latin = (value[0] | 0x20) == keys[i].latin && value[1] == '\0';
        if (latin || strcmp(value, keys[i].hebrew) == 0)
            return keys[i].latin;
    }
    return 0;
}

/* The file must be creatable where it is to go (its folder exists and
 * takes new files) before anything is asked: found out after the intro
 * and the details, the person would have typed them for nothing. */
static int check_can_create(const assess *s)
{
    mt_atomic probe;
    if (mt_atomic_begin_path(&probe, s->path) == MT_OK) {
        mt_atomic_abort(&probe);
        return MT_EXIT_OK;
    }
    int why = errno;
    fprintf(stderr, "%s: error: cannot create the answers file: %s\n", s->path,
            why ? strerror(why) : mt_strerror(MT_ERROR_FILE_WRITE));
    return MT_EXIT_OUTPUT;
}

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
        char c = existing_key(value);
        free(value);
        if (c) {
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

#define COMMAND_WORDS 16

/* A command to print for copying, one shell-quoted word each. */
typedef struct command {
    char *words[COMMAND_WORDS];
    size_t n;
} command;

static void append_arg(command *cmd, const char *arg)
{
    if (cmd->n < COMMAND_WORDS)
        cmd->words[cmd->n++] = cli_shell_quote(arg);
}

static void command_free(command *cmd)
{
    for (size_t i = 0; i < cmd->n; i++)
        free(cmd->words[i]);
    cmd->n = 0;
}

static bool is_option(const char *word)
{
    return word && word[0] == '-';
}

/* Columns word i needs on its line: an option with its value stays
 * together ("--pdf FILE") when they fit on one line. */
static size_t room_for(const command *cmd, size_t i)
{
    size_t need = mt_utf8_len(cmd->words[i] ? cmd->words[i] : "");
    if (is_option(cmd->words[i]) && i + 1 < cmd->n && cmd->words[i + 1] &&
        !is_option(cmd->words[i + 1]))
        need += 1 + mt_utf8_len(cmd->words[i + 1]);
    return need;
}

#define COMMAND_INDENT 2
#define CONTINUATION_INDENT 6

/*
 * Prints a command on lines of its own, never wrapped inside a word (a
 * terminal that wraps "acme-bikes-" / "co.xlsx" breaks copying). Through
 * a pipe it is one line. On a terminal too narrow for it, it is cut
 * between words with a final backslash, which the shell reads as one
 * line; a word longer than the terminal stays whole on its own line.
 */
static void print_command(const command *cmd)
{
    size_t width = term_is_tty(stdout) ? (size_t)term_width(stdout) : (size_t)-1;
    size_t col = COMMAND_INDENT;
    printf("%*s", COMMAND_INDENT, "");
    for (size_t i = 0; i < cmd->n; i++) {
        const char *word = cmd->words[i] ? cmd->words[i] : "";
        size_t len = mt_utf8_len(word);
        if (i > 0 && col + 1 + room_for(cmd, i) + 2 > width) {
            printf(" \\\n%*s", CONTINUATION_INDENT, "");
            col = CONTINUATION_INDENT;
        } else if (i > 0) {
            putchar(' ');
            col++;
        }
        fputs(word, stdout);
        col += len;
    }
    putchar('\n');
}

/* The exact command that continues these answers. */
static void resume_command(const assess *s, command *cmd)
{
    append_arg(cmd, program_invocation_name);
    append_arg(cmd, "assess");
    append_arg(cmd, "--resume");
    append_arg(cmd, "-o");
    append_arg(cmd, s->path);
    if (s->args.qarg) {
        append_arg(cmd, "-q");
        append_arg(cmd, s->args.qarg);
    }
    if (s->args.bidi)   /* the same terminal needs it again (MATURITY_BIDI stays set) */
        append_arg(cmd, "--bidi");
}

/* A label holding "%s" for the counts (prompt_counts) and the path. */
static void say_counts(const assess *s, const char *key)
{
    char *counts = prompt_counts(s->a, &s->popt);
    char *what = mt_asprintf(L(s, key), counts ? counts : "", s->path);
    prompt_say(stdout, &s->popt, what ? what : "", 0);
    free(what);
    free(counts);
}

static void print_resume_hint(const assess *s, const char *what_key)
{
    command cmd = { .n = 0 };
    resume_command(s, &cmd);
    fputc('\n', stdout);
    say_counts(s, what_key);
    prompt_say(stdout, &s->popt, L(s, "prompt.resume_with"), 0);
    print_command(&cmd);
    fflush(stdout);
    command_free(&cmd);
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
        prompt_say(stdout, &s->popt, L(s, "prompt.nothing_saved"), 0);
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
    command cmd = { .n = 0 };
    append_arg(&cmd, program_invocation_name);
    append_arg(&cmd, "report");
    append_arg(&cmd, s->path);
    append_arg(&cmd, "--pdf");
    append_arg(&cmd, pdf ? pdf : "report.pdf");
    append_arg(&cmd, "--xlsx");
    append_arg(&cmd, xlsx ? xlsx : "report.xlsx");
    fputc('\n', stdout);
    prompt_say(stdout, &s->popt, L(s, "prompt.reports_with"), 0);
    print_command(&cmd);
    command_free(&cmd);
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
        int why = errno;
        fprintf(stderr, "%s: error: cannot write the answers file: %s\n", s->path,
                err == MT_ERROR_FILE_WRITE && why ? strerror(why) : mt_strerror(err));
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

static void print_resuming(const assess *s)
{
    prompt_print_welcome(s->q, stdout, &s->popt);
    char *counts = prompt_counts(s->a, &s->popt);
    char *text = mt_asprintf(L(s, "prompt.resuming"), s->path, counts ? counts : "");
    fputc('\n', stdout);
    prompt_say(stdout, &s->popt, text ? text : "", 0);
    size_t skipped = prompt_count_skipped(s->a);
    if (skipped) {
        char *later = mt_asprintf(L(s, skipped == 1 ? "prompt.resuming_skipped_one"
                                                    : "prompt.resuming_skipped"), skipped);
        prompt_say(stdout, &s->popt, later ? later : "", 0);
        free(later);
    }
    free(text);
    free(counts);
}

/* The details typed before an existing file was chosen for resuming are
 * new values, as a flag's would be: never dropped without a word. */
static int resume_keeping(assess *s, const char *typed_org)
{
    char *org = mt_strdup(typed_org);
    int rc = typed_org && !org ? MT_EXIT_SOFTWARE : resume_existing(s);
    if (rc == MT_EXIT_OK && org && *org && !answers_set_meta(s->a, "organisation", org))
        rc = MT_EXIT_SOFTWARE;
    free(org);
    if (rc == MT_EXIT_OK)
        print_resuming(s);
    return rc;
}

/* The path exists: resume it (the file's details kept, a flag's or a typed
 * organisation replacing its own), overwrite it, or stop. */
static int on_existing(assess *s, const char *typed_org, bool *resumed, mt_error *stop)
{
    enum existing choice;
    *stop = ask_existing(s, &choice);
    if (*stop != MT_OK)
        return MT_EXIT_OK;
    if (choice == EXISTING_CANCEL)
        *stop = MT_ERROR_INTERRUPTED;
    if (choice != EXISTING_RESUME)
        return MT_EXIT_OK;
    *resumed = true;
    return resume_keeping(s, typed_org);
}

static int check_path(assess *s)
{
    int rc = check_not_questionnaire(s);
    return rc == MT_EXIT_OK ? check_can_create(s) : rc;
}

/* With -o: the file is checked, and an existing one resumed or
 * overwritten, before the intro and before any detail is asked. */
static int start_with_output(assess *s, mt_error *stop)
{
    s->path = mt_strdup(s->args.output);
    if (!s->path)
        return MT_EXIT_SOFTWARE;
    int rc = check_path(s);
    bool resumed = false;
    if (rc == MT_EXIT_OK && is_file(s->path))
        rc = on_existing(s, NULL, &resumed, stop);
    if (rc != MT_EXIT_OK || resumed || *stop != MT_OK)
        return rc;
    rc = new_answers(s);
    if (rc != MT_EXIT_OK)
        return rc;
    prompt_print_welcome(s->q, stdout, &s->popt);
    if (!s->args.org || !s->args.respondent || !s->args.role)
        fputc('\n', stdout);
    *stop = ask_all_meta(s);
    return MT_EXIT_OK;
}

/* Without -o the name is proposed from the organisation, so that is asked
 * first; the respondent and role only once the file is known to be new
 * (or to be overwritten). */
static int start_asking_name(assess *s, mt_error *stop)
{
    int rc = new_answers(s);
    if (rc != MT_EXIT_OK)
        return rc;
    prompt_print_welcome(s->q, stdout, &s->popt);
    fputc('\n', stdout);
    *stop = ask_meta(s, "organisation", s->args.org, "prompt.meta_organisation");
    if (*stop == MT_OK)
        *stop = ask_file_name(s);
    if (*stop != MT_OK)
        return MT_EXIT_OK;
    rc = check_path(s);
    bool resumed = false;
    if (rc == MT_EXIT_OK && is_file(s->path)) {
        char *typed = s->args.org ? NULL : mt_strdup(s->a->meta.organisation);
        rc = on_existing(s, typed, &resumed, stop);
        free(typed);
    }
    if (rc != MT_EXIT_OK || resumed || *stop != MT_OK)
        return rc;
    *stop = ask_meta(s, "respondent", s->args.respondent, "prompt.meta_respondent");
    if (*stop == MT_OK)
        *stop = ask_meta(s, "role", s->args.role, "prompt.meta_role");
    return MT_EXIT_OK;
}

static int start_resume(assess *s)
{
    s->path = mt_strdup(s->args.output);
    int rc = s->path ? check_not_questionnaire(s) : MT_EXIT_SOFTWARE;
    if (rc == MT_EXIT_OK)
        rc = resume_existing(s);
    if (rc == MT_EXIT_OK)
        rc = check_can_create(s);
    if (rc == MT_EXIT_OK)
        print_resuming(s);
    return rc;
}

static int run_session(assess *s)
{
    mt_error stop = MT_OK;
    int rc = s->args.resume   ? start_resume(s)
             : s->args.output ? start_with_output(s, &stop)
                              : start_asking_name(s, &stop);
    if (rc != MT_EXIT_OK)
        return rc;
    if (stop == MT_OK)
        rc = save_now(s);
    if (rc != MT_EXIT_OK)
        return rc;
    if (stop == MT_OK) {
        printf("\n");
        char *where = mt_asprintf(L(s, "prompt.saving_to"), s->path);
        prompt_say(stdout, &s->popt, where ? where : "", 0);
        free(where);
        s->popt.save_path = s->path;
        stop = prompt_run(s->q, s->a, stdin, stdout, &s->popt);
    }
    term_signals_restore();
    return stop == MT_OK ? finish(s) : report_stop(s, stop);
}

/* --bidi, or MATURITY_BIDI=1 for a terminal that never does bidi. */
static bool wants_bidi(const assess_args *a)
{
    const char *env = getenv("MATURITY_BIDI");
    return a->bidi || (env && strcmp(env, "1") == 0);
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
    s.popt.bidi = wants_bidi(&s.args);
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
