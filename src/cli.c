/*
 * cli.c - the command line: a table of commands (as git's), help, version,
 * exit codes, and a checked flush of standard output.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/cli.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "maturity/commands.h"
#include "maturity/util.h"

#ifndef MT_VERSION
#define MT_VERSION "unknown"
#endif

const char mt_version[] = MT_VERSION;

struct mt_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;     /* the command's --help, after its summary */
    int interactive;       /* talks with a person: keep the default SIGPIPE */
};

static const struct mt_command commands[] = {
    { "assess", cmd_assess, "answer a questionnaire in the terminal",
      "Usage: maturity assess [-q QUESTIONNAIRE] [-o ANSWERS.ini] [--lang L] [--bidi]\n"
      "                       [--org NAME] [--respondent NAME] [--role ROLE] [--resume]\n"
      "                       [--pdf FILE] [--xlsx FILE] [--brand BRAND.ini] [--paper a4|letter]\n"
      "\n"
      "Asks every question of the questionnaire and saves each answer to the\n"
      "answers file as soon as it is given. Not on a terminal, answers are read\n"
      "line by line from standard input.\n"
      "\n"
      "  -q, --questionnaire Q     a questionnaire file or id (default: digital-marketing)\n"
      "  -o, --output FILE         the answers file (default: proposed from organisation and date)\n"
      "      --lang L              language of the questions (e.g. en, he)\n"
      "      --org, --respondent, --role TEXT\n"
      "                            fill these details instead of asking\n"
      "      --resume              continue the -o file where it was left; the questions\n"
      "                            skipped for later come at the end\n"
      "      --bidi                Hebrew on a terminal without bidi (xterm, tmux): lines\n"
      "                            reordered and right-aligned (also MATURITY_BIDI=1)\n"
      "      --pdf FILE, --xlsx FILE, --brand FILE, --paper SIZE\n"
      "                            write the reports at the end (as 'maturity report')\n"
      "\n"
      "Keys, then Enter: a value; - don't know (0 too on scales and option lists);\n"
      "s skip for now; b back; ? help; q save and quit.\n",
      1 },
    { "score", cmd_score, "score an answers file (text or JSON)",
      "Usage: maturity score ANSWERS.ini [-q QUESTIONNAIRE] [--format text|json] [--lang L]\n"
      "\n"
      "Scores every construct, classifies the archetype profile, finds the roadmap\n"
      "stage and lists the recommendations that fire, with why each fired.\n"
      "\n"
      "  -q, --questionnaire Q     a questionnaire file or id (default: the one the answers name)\n"
      "  -f, --format FORMAT       text (default) or json (docs/json.md)\n"
      "  -l, --lang L              language of the texts (default: the answers' language)\n",
      0 },
    { "explain", cmd_explain, "show how each score is computed, item by item",
      "Usage: maturity explain ANSWERS.ini [CONSTRUCT] [-q QUESTIONNAIRE] [--lang L]\n"
      "\n"
      "For every construct (or only CONSTRUCT), lists each item that loads on it:\n"
      "its answer, weight, reverse keying, item score and the points it adds, then\n"
      "the totals, the coverage and the score, so the arithmetic can be checked by\n"
      "hand. CONSTRUCT is an id, or the start of only one id: 'fear' for\n"
      "fear_of_change.\n"
      "\n"
      "  -q, --questionnaire Q     a questionnaire file or id (default: the one the answers name)\n"
      "  -l, --lang L              language of the texts\n",
      0 },
    { "report", cmd_report, "write the PDF report and/or the XLSX workbook",
      "Usage: maturity report ANSWERS.ini... | DIR [--pdf FILE] [--xlsx FILE] [--lang L]\n"
      "                       [--names] [--baseline OLD] [--norms NORMS.ini]\n"
      "                       [--brand BRAND.ini] [--paper a4|letter] [-q QUESTIONNAIRE]\n"
      "\n"
      "Writes the report formats asked for (at least one). Each file is written to\n"
      "a temporary file and renamed into place, so a failure leaves the old one.\n"
      "One answers file gives the individual report; several, or a folder, a group\n"
      "report: statistics, agreement, hotspots, roles, profiles.\n"
      "\n"
      "  -p, --pdf FILE            the PDF report\n"
      "  -x, --xlsx FILE           the XLSX workbook\n"
      "  -l, --lang L              report language (default: the answers' language)\n"
      "  -b, --brand FILE          consultant branding: name, contact, logo, colour\n"
      "      --paper SIZE          a4 (default) or letter\n"
      "      --names               a group: respondents by name, not R1..Rn\n"
      "      --baseline OLD        a follow-up against earlier answers: a file, a folder,\n"
      "                            or files separated by commas\n"
      "      --norms NORMS.ini     percentiles against a portfolio ('maturity norms build')\n"
      "  -q, --questionnaire Q     a questionnaire file or id (default: the one the answers name)\n",
      0 },
    { "norms", cmd_norms, "build portfolio norms from earlier assessments",
      "Usage: maturity norms build FILES...|DIR -o NORMS.ini [-q QUESTIONNAIRE]\n"
      "       maturity norms show NORMS.ini\n"
      "\n"
      "build summarises answers files (a folder gives its *.ini files) into a norms\n"
      "file: per construct, how many results scored each whole point, their count,\n"
      "mean and standard deviation. No names, organisations, roles or dates are\n"
      "written. Every file must use the same questionnaire and version. show prints\n"
      "what a norms file holds. See docs/group-statistics.md.\n"
      "\n"
      "  -o, --output FILE         the norms file to write (atomically)\n"
      "  -q, --questionnaire FILE  the questionnaire (default: the one the first file names)\n",
      0 },
    { "template", cmd_template, "write a blank answers file to fill in by hand",
      "Usage: maturity template [-q QUESTIONNAIRE] [-o FILE] [--lang L] [--force]\n"
      "\n"
      "Writes an answers file with the [meta] keys to fill in and every item of\n"
      "the questionnaire as an empty 'id =' line, its question, type and allowed\n"
      "values in a comment above it. An empty value is not answered, so the file\n"
      "loads with 'maturity score' as it is and after any part of it is filled in\n"
      "(docs/answers-format.md).\n"
      "\n"
      "  -q, --questionnaire Q     a questionnaire file or id (default: digital-marketing)\n"
      "  -o, --output FILE         the file to write (default: standard output)\n"
      "      --lang L              language of the comments (default: the questionnaire's first)\n"
      "      --force               replace FILE when it exists\n",
      0 },
    { "lint", cmd_lint, "check questionnaire files",
      "Usage: maturity lint FILE...\n"
      "\n"
      "Loads each questionnaire and reports every problem as file:line: error: ...\n"
      "Exits 1 when any file has an error; otherwise prints a one-line summary per\n"
      "file (items, constructs, stages, rules, languages).\n",
      0 },
    { "questionnaires", cmd_questionnaires, "list the questionnaires that can be found",
      "Usage: maturity questionnaires\n"
      "\n"
      "Lists the questionnaires found (id, version, title, languages, path), in the\n"
      "order they are searched: the project's questionnaires/ folder beside the\n"
      "binary, ./questionnaires, $XDG_DATA_HOME/maturity (default\n"
      "~/.local/share/maturity), then the installed share folder.\n",
      0 },
    { "import", cmd_import, "turn a web-form CSV export into answer files",
      "Usage: maturity import RESPONSES.csv --map MAP.ini -o DIR [--skip-bad]\n"
      "                       [--skip-existing] [--force] [--dry-run] [-q QUESTIONNAIRE]\n"
      "\n"
      "Writes one answers file per row of a CSV export (Google Forms, Microsoft\n"
      "Forms, Typeform, LimeSurvey) into DIR, named from the organisation, the\n"
      "respondent and the row number. The map says which column is which item or\n"
      "detail and how the form's labels become answers (docs/import-format.md).\n"
      "Every row is checked first: a bad row is reported with its row and line,\n"
      "and nothing is written unless --skip-bad is given. The files written are\n"
      "listed on standard output.\n"
      "\n"
      "  -m, --map FILE            the import map\n"
      "  -o, --output DIR          the folder for the answer files (made if missing)\n"
      "  -q, --questionnaire Q     a questionnaire file or id (default: the map's)\n"
      "      --skip-bad            write the good rows and skip the bad ones\n"
      "      --skip-existing       write only the rows not imported yet: a row is\n"
      "                            imported when DIR has a file with exactly its text\n"
      "                            (whatever its name); no file there is changed\n"
      "      --force               overwrite answer files that are already there\n"
      "      --dry-run             check every row, write nothing\n",
      0 },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char exit_codes_help[] =
    "Exit codes:\n"
    "  0   success\n"
    "  1   invalid input: lint found problems, or a file is not valid\n"
    "  2   wrong command-line use\n"
    "  3   a file could not be found or read\n"
    "  4   the answers do not match the questionnaire (id or version)\n"
    "  5   a report or answers file could not be written\n"
    "  6   the questionnaire was quit or interrupted; answers saved\n"
    "  70  internal error (out of memory, library failure)\n";

int cli_exit_code(mt_error err)
{
    switch (err) {
    case MT_OK: return MT_EXIT_OK;
    case MT_ERROR_INI_SYNTAX:
    case MT_ERROR_QUESTIONNAIRE:
    case MT_ERROR_ANSWERS:
    case MT_ERROR_BRAND:
    case MT_ERROR_NOT_TEXT: return MT_EXIT_INVALID;
    case MT_ERROR_USAGE: return MT_EXIT_USAGE;
    case MT_ERROR_FILE_OPEN:
    case MT_ERROR_NOT_FOUND: return MT_EXIT_NOINPUT;
    case MT_ERROR_MISMATCH: return MT_EXIT_MISMATCH;
    case MT_ERROR_FILE_WRITE:
    case MT_ERROR_PDF:
    case MT_ERROR_XLSX:
    case MT_ERROR_FONT: return MT_EXIT_OUTPUT;
    case MT_ERROR_INTERRUPTED:
    case MT_ERROR_INPUT_EOF: return MT_EXIT_INTERRUPTED;
    case MT_ERROR_NOMEM:
    default: return MT_EXIT_SOFTWARE;
    }
}

static void print_help(FILE *out)
{
    fputs("Usage: maturity COMMAND [ARGS...]\n"
          "       maturity help COMMAND | COMMAND --help\n"
          "       maturity --version\n"
          "\n"
          "Assesses an organisation's digital-marketing maturity: a questionnaire,\n"
          "scores against archetypes and barriers, a roadmap stage, recommendations,\n"
          "and a PDF report and XLSX workbook.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-15s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help      show this help\n"
          "  -V, --version   print the version\n"
          "\n",
          out);
    fputs(exit_codes_help, out);
}

static const struct mt_command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_command_help(const struct mt_command *c)
{
    printf("maturity %s - %s\n\n%s\n%s", c->name, c->summary, c->usage, exit_codes_help);
}

/* The command names, and "help", for a "did you mean". */
static const char *suggest_command(const char *name)
{
    const char *names[NCOMMANDS + 1];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i].name;
    names[NCOMMANDS] = "help";
    return mt_suggest(name, names, NCOMMANDS + 1);
}

static int unknown_command(const char *name)
{
    const char *near = suggest_command(name);
    if (near)
        fprintf(stderr, "maturity: '%s' is not a command; did you mean '%s'? "
                        "See 'maturity --help'.\n", name, near);
    else
        fprintf(stderr, "maturity: '%s' is not a command. See 'maturity --help'.\n", name);
    return MT_EXIT_USAGE;
}

/* The long options a command's help names ("--pdf FILE, --xlsx FILE" gives
 * pdf and xlsx), and help: what a person can be pointed to. At most max;
 * each is a copy in the caller's buf. */
static size_t documented_options(const struct mt_command *c, char buf[][CLI_OPTION_MAX],
                                 size_t max)
{
    size_t n = 0;
    snprintf(buf[n++], CLI_OPTION_MAX, "help");
    for (const char *p = strstr(c->usage, "--"); p && n < max; p = strstr(p, "--")) {
        p += 2;
        size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-");
        if (len == 0 || len >= CLI_OPTION_MAX)
            continue;
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++)
            seen = strlen(buf[i]) == len && strncmp(buf[i], p, len) == 0;
        if (!seen)
            snprintf(buf[n++], CLI_OPTION_MAX, "%.*s", (int)len, p);
        p += len;
    }
    return n;
}

size_t cli_command_options(const char *cmd, char buf[][CLI_OPTION_MAX], size_t max)
{
    const struct mt_command *c = find_command(cmd);
    return c && max > 0 ? documented_options(c, buf, max) : 0;
}

static int help_command(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stdout);
        return MT_EXIT_OK;
    }
    if (argc > 2)
        return cli_usage_error("help", "give one command name");
    const struct mt_command *c = find_command(argv[1]);
    if (!c)
        return unknown_command(argv[1]);
    print_command_help(c);
    return MT_EXIT_OK;
}

/* true when the command's arguments ask for its help (before any "--"). */
static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

static int run_command(const struct mt_command *c, int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        print_command_help(c);
        return MT_EXIT_OK;
    }
    /* the interactive questionnaire keeps the default: it handles its own signals */
    if (c->interactive)
        signal(SIGPIPE, SIG_DFL);
    optind = 0;   /* glibc: a full reset of getopt for the command's own argv */
    return c->run(argc, argv);
}

static int unknown_option(const char *arg)
{
    static const char *const options[] = { "--help", "--version" };
    const char *near = mt_suggest(arg, options, 2);
    if (near)
        fprintf(stderr, "maturity: unknown option '%s'; did you mean '%s'? "
                        "See 'maturity --help'.\n", arg, near);
    else
        fprintf(stderr, "maturity: unknown option '%s'. See 'maturity --help'.\n", arg);
    return MT_EXIT_USAGE;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs("Usage: maturity COMMAND [ARGS...]\n", stderr);
        fputs("Try 'maturity --help' for the commands.\n", stderr);
        return MT_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_help(stdout);
        return MT_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("maturity %s\n", mt_version);
        return MT_EXIT_OK;
    }
    if (strcmp(name, "help") == 0)
        return help_command(argc - 1, argv + 1);
    if (name[0] == '-')
        return unknown_option(name);
    const struct mt_command *c = find_command(name);
    if (!c)
        return unknown_command(name);
    return run_command(c, argc - 1, argv + 1);
}

/* true when standard output is a pipe or socket whose reader has closed it
 * (the error of an earlier write may no longer be in errno). */
static int reader_gone(void)
{
    struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };
    return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

/* Output that never reached its reader is a failure (exit 5). A reader
 * that went away (`| head`) gets no message: it chose to stop reading. */
static int finish_stdout(int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return rc;
    int saved = errno;
    if (rc == MT_EXIT_OK)
        rc = MT_EXIT_OUTPUT;
    if (saved == EPIPE || reader_gone())
        return rc;
    fprintf(stderr, "maturity: error writing to standard output: %s\n",
            saved ? strerror(saved) : "write failed");
    return rc;
}

int cli_main(int argc, char **argv)
{
    /* Writers to a closed pipe see EPIPE instead of dying; the final flush
     * turns it into a quiet exit. */
    signal(SIGPIPE, SIG_IGN);
    int rc = dispatch(argc, argv);
    return finish_stdout(rc);
}
