/*
 * test_assess_pty.c - `maturity assess` on a real pseudo-terminal, as a
 * person would use it: answering, help, invalid entries, back and change,
 * skip and return, don't know, quit and resume, Ctrl-C and resume,
 * SIGTERM and SIGHUP, kill -9 and resume, colour and NO_COLOR, wrapping
 * to the terminal's width in Hebrew, the proposed file name, an existing
 * file never overwritten without asking and asked about before anything
 * else, and commands printed for copying never cut inside a word. Every
 * flow checks the answers file, not only the screen.
 *
 * The binary comes from $MATURITY (set by scripts/run-tests.sh); the tests
 * run from the project root.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "maturity/answers.h"
#include "maturity/questionnaire.h"
#include "maturity/util.h"

#define FIXTURE "tests/data/prompt-small.ini"
#define WAIT_MS 15000   /* generous: sanitizer builds are slow */

enum { L1, L2, P1, C1, M1, N1, T1, NITEMS };

typedef struct session {
    pid_t pid;
    int master;
    char *screen;        /* everything the terminal showed */
    size_t len, cap;
    size_t mark;         /* wait_for looks after this point */
    bool closed;
    int status;
} session;

typedef struct fixture {
    char binary[PATH_MAX];
    char questionnaire[PATH_MAX];
    char dir[64];
    char answers[128];
    mt_questionnaire *q;
    session s;
} fixture;

static int setup(void **state)
{
    const char *bin = getenv("MATURITY");
    if (!bin) {
        print_message("MATURITY is not set; run through scripts/run-tests.sh\n");
        return -1;
    }
    fixture *f = calloc(1, sizeof *f);
    if (!f || !realpath(bin, f->binary) || !realpath(FIXTURE, f->questionnaire))
        return -1;
    strcpy(f->dir, "/tmp/test-assess-pty-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->answers, sizeof f->answers, "%s/answers.ini", f->dir);
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = questionnaire_load_file(f->questionnaire, &f->q, &d);
    mt_diags_free(&d);
    if (err != MT_OK)
        return -1;
    f->s.pid = -1;
    f->s.master = -1;
    *state = f;
    return 0;
}

static void remove_dir(const char *dir)
{
    char *cmd = mt_asprintf("rm -rf '%s'", dir);
    if (cmd && system(cmd) != 0)
        print_message("could not remove %s\n", dir);
    free(cmd);
}

static void session_end(session *s)
{
    if (s->pid > 0 && !s->closed) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
    }
    if (s->master >= 0)
        close(s->master);
    free(s->screen);
    memset(s, 0, sizeof *s);
    s->pid = -1;
    s->master = -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    session_end(&f->s);
    questionnaire_free(f->q);
    remove_dir(f->dir);
    free(f);
    return 0;
}

/* ---- driving the terminal ----------------------------------------------- */

/* Starts the binary on a new pseudo-terminal of cols columns. args ends
 * with NULL; env holds "NAME=value" settings (or "NAME" to unset) and NULL. */
static void session_start(fixture *f, int cols, const char *cwd, const char *const *env,
                          const char *const *args)
{
    session *s = &f->s;
    memset(s, 0, sizeof *s);
    const char *argv[32] = { f->binary, "assess" };
    size_t n = 2;
    for (size_t i = 0; args[i] && n < 31; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    struct winsize ws = { .ws_row = 50, .ws_col = (unsigned short)cols };
    s->pid = forkpty(&s->master, NULL, NULL, &ws);
    assert_true(s->pid >= 0);
    if (s->pid == 0) {
        unsetenv("NO_COLOR");
        unsetenv("COLUMNS");
        setenv("TERM", "xterm", 1);
        setenv("SOURCE_DATE_EPOCH", "1700000000", 1);   /* date 2023-11-14 */
        for (size_t i = 0; env && env[i]; i++) {
            const char *eq = strchr(env[i], '=');
            if (!eq) {
                unsetenv(env[i]);
                continue;
            }
            char *name = mt_strndup(env[i], (size_t)(eq - env[i]));
            setenv(name, eq + 1, 1);
        }
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        execv(f->binary, (char *const *)argv);
        _exit(127);
    }
}

/* Reads what the terminal shows for up to ms; false when nothing came. */
static bool pump(session *s, int ms)
{
    if (s->closed)
        return false;
    struct pollfd p = { .fd = s->master, .events = POLLIN };
    if (poll(&p, 1, ms) <= 0)
        return false;
    char buf[4096];
    ssize_t n = read(s->master, buf, sizeof buf);
    if (n <= 0) {
        if (n < 0 && errno == EINTR)
            return false;
        s->closed = true;   /* EIO once the child has gone */
        return false;
    }
    if (s->len + (size_t)n + 1 > s->cap) {
        s->cap = (s->len + (size_t)n + 1) * 2;
        s->screen = realloc(s->screen, s->cap);
        assert_non_null(s->screen);
    }
    memcpy(s->screen + s->len, buf, (size_t)n);
    s->len += (size_t)n;
    s->screen[s->len] = '\0';
    return true;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Waits until text shows after the mark, then moves the mark past it. */
static void wait_for(session *s, const char *text)
{
    long end = now_ms() + WAIT_MS;
    for (;;) {
        const char *hit = s->screen ? strstr(s->screen + s->mark, text) : NULL;
        if (hit) {
            s->mark = (size_t)(hit - s->screen) + strlen(text);
            return;
        }
        if (s->closed || now_ms() > end) {
            print_message("waited for \"%s\"; the screen after the mark was:\n%s\n", text,
                          s->screen ? s->screen + s->mark : "");
            fail();
        }
        pump(s, 50);
    }
}

/* Waits for the prompt, then types a line and Enter (the terminal's \r). */
static void answer(session *s, const char *line)
{
    wait_for(s, "> ");
    char *typed = mt_asprintf("%s\r", line);
    assert_int_equal(write(s->master, typed, strlen(typed)), (ssize_t)strlen(typed));
    free(typed);
}

static void type_line(session *s, const char *line)
{
    char *typed = mt_asprintf("%s\r", line);
    assert_int_equal(write(s->master, typed, strlen(typed)), (ssize_t)strlen(typed));
    free(typed);
}

/* Reads until the child has gone; returns its exit code (128 + signal). */
static int session_wait(session *s)
{
    long end = now_ms() + WAIT_MS;
    while (!s->closed && now_ms() < end)
        pump(s, 50);
    int status = 0;
    assert_int_equal(waitpid(s->pid, &status, 0), s->pid);
    s->closed = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void session_restart(fixture *f)
{
    session_end(&f->s);
}

/* The screen with commands cut for a narrow terminal joined back as the
 * shell reads them: " \\", the line end and the next line's indent go. */
static char *joined(const char *screen)
{
    char *r = mt_strdup(screen);
    assert_non_null(r);
    char *o = r;
    for (const char *p = screen; *p;) {
        if (strncmp(p, " \\\r\n", 4) == 0) {
            p += 4;
            p += strspn(p, " ");
            *o++ = ' ';
            continue;
        }
        *o++ = *p++;
    }
    *o = '\0';
    return r;
}

/* ---- checking the answers file --------------------------------------------- */

static mt_answers *load_answers(const fixture *f, const char *path)
{
    mt_answers *a = NULL;
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = answers_load_file(f->q, path, &a, &d);
    mt_diags_print(&d, stderr);
    mt_diags_free(&d);
    assert_int_equal(err, MT_OK);
    return a;
}

static void assert_value(const mt_answers *a, size_t item, long value)
{
    assert_int_equal(a->items[item].state, MT_ANSWER_VALUE);
    assert_int_equal(a->items[item].value, value);
}

static const char *const meta_args[] = { "--org", "Northwind", "--respondent", "Dana",
                                         "--role", "Head of marketing" };

/* assess -q FIXTURE -o answers --org ... plus extra (NULL-terminated). */
static void start_default(fixture *f, const char *const *env, const char *extra)
{
    const char *args[16] = { "-q", f->questionnaire, "-o", f->answers };
    size_t n = 4;
    for (size_t i = 0; i < 6; i++)
        args[n++] = meta_args[i];
    if (extra)
        args[n++] = extra;
    args[n] = NULL;
    session_start(f, 80, NULL, env, args);
}

static void start_resume(fixture *f)
{
    const char *args[] = { "--resume", "-o", f->answers, "-q", f->questionnaire, NULL };
    session_start(f, 80, NULL, NULL, args);
}

/* Answers c1..t1 (the second section). */
static void answer_rest(session *s)
{
    answer(s, "2");
    answer(s, "1,2");
    answer(s, "5");
    answer(s, "done");
}

/* ---- flows ----------------------------------------------------------------- */

static void test_answering_help_invalid_back_dont_know(void **state)
{
    fixture *f = *state;
    start_default(f, NULL, NULL);
    session *s = &f->s;
    wait_for(s, "Question 1 of 7");
    answer(s, "?");
    wait_for(s, "Think of the last twelve months");
    answer(s, "4");
    wait_for(s, "Question 2 of 7");
    answer(s, "7");
    wait_for(s, "There is no point 7 on this scale: type a number from 1 to 5.");
    answer(s, "b");
    wait_for(s, "Question 1 of 7");
    wait_for(s, "Current answer: 4 Agree (Enter keeps it)");
    answer(s, "");
    wait_for(s, "Question 2 of 7");
    answer(s, "0");
    wait_for(s, "Question 3 of 7");
    answer(s, "3");
    answer_rest(s);
    wait_for(s, "Summary");
    wait_for(s, "report");
    assert_int_equal(session_wait(s), 0);
    assert_non_null(strstr(s->screen, "\033[1m"));   /* bold on a terminal */
    mt_answers *a = load_answers(f, f->answers);
    assert_value(a, L1, 4);
    assert_int_equal(a->items[L2].state, MT_ANSWER_DONT_KNOW);
    assert_value(a, P1, 3);
    assert_value(a, C1, 2);
    assert_int_equal(a->items[M1].mask, 0x3);
    assert_true(a->items[N1].number == 5);
    assert_string_equal(a->items[T1].text, "done");
    assert_string_equal(a->meta.organisation, "Northwind");
    assert_string_equal(a->meta.role, "Head of marketing");
    assert_string_equal(a->meta.language, "en");
    assert_string_equal(a->meta.date, "2023-11-14");
    answers_free(a);
}

static void test_skip_and_return(void **state)
{
    fixture *f = *state;
    start_default(f, NULL, NULL);
    session *s = &f->s;
    wait_for(s, "Question 1 of 7");
    answer(s, "s");
    wait_for(s, "Question 2 of 7");
    answer(s, "2");
    answer(s, "1");
    answer_rest(s);
    wait_for(s, "1 question still unanswered; here it is once more");
    wait_for(s, "Question 1 of 7");
    answer(s, "5");
    wait_for(s, "Summary");
    assert_int_equal(session_wait(s), 0);
    mt_answers *a = load_answers(f, f->answers);
    assert_value(a, L1, 5);
    assert_value(a, L2, 2);
    answers_free(a);
}

static void test_quit_and_resume(void **state)
{
    fixture *f = *state;
    start_default(f, NULL, NULL);
    session *s = &f->s;
    answer(s, "4");
    answer(s, "2");
    wait_for(s, "Question 3 of 7");
    answer(s, "q");
    wait_for(s, "Stopped: 2 of 7 questions answered");
    wait_for(s, "To continue where you left off:");
    assert_int_equal(session_wait(s), 6);
    char *command = mt_asprintf("assess --resume -o %s -q %s", f->answers, f->questionnaire);
    char *screen = joined(s->screen);
    assert_non_null(strstr(screen, command));
    free(screen);
    free(command);
    mt_answers *a = load_answers(f, f->answers);
    assert_value(a, L1, 4);
    assert_value(a, L2, 2);
    assert_int_equal(a->items[P1].state, MT_ANSWER_NONE);
    answers_free(a);

    session_restart(f);
    start_resume(f);
    s = &f->s;
    wait_for(s, "Resuming");
    wait_for(s, "2 of 7 questions answered");
    wait_for(s, "Question ");
    assert_memory_equal(s->screen + s->mark, "3 of 7", 6);   /* the first unanswered */
    answer(s, "1");
    answer_rest(s);
    wait_for(s, "Summary");
    assert_int_equal(session_wait(s), 0);
    a = load_answers(f, f->answers);
    assert_value(a, L1, 4);
    assert_value(a, L2, 2);
    assert_value(a, P1, 1);
    assert_string_equal(a->items[T1].text, "done");
    assert_string_equal(a->meta.respondent, "Dana");
    answers_free(a);
}

static void test_ctrl_c_and_resume(void **state)
{
    fixture *f = *state;
    start_default(f, NULL, NULL);
    session *s = &f->s;
    answer(s, "5");
    wait_for(s, "Question 2 of 7");
    wait_for(s, "> ");
    assert_int_equal(write(s->master, "\003", 1), 1);   /* Ctrl-C */
    wait_for(s, "Interrupted: 1 of 7 questions answered");
    wait_for(s, "--resume");
    assert_int_equal(session_wait(s), 6);
    /* the terminal is left clean: attributes reset after the last output */
    const char *last_escape = NULL;
    for (const char *p = s->screen; (p = strstr(p, "\033[")); p++)
        last_escape = p;
    if (last_escape)
        assert_memory_equal(last_escape, "\033[0m", 4);

    session_restart(f);
    start_resume(f);
    s = &f->s;
    wait_for(s, "Question 2 of 7");
    answer(s, "3");
    answer(s, "2");
    answer_rest(s);
    wait_for(s, "Summary");
    assert_int_equal(session_wait(s), 0);
    mt_answers *a = load_answers(f, f->answers);
    assert_value(a, L1, 5);
    assert_value(a, L2, 3);
    answers_free(a);
}

static void signal_at_prompt(fixture *f, int sig)
{
    start_default(f, NULL, NULL);
    session *s = &f->s;
    answer(s, "4");
    answer(s, "-");
    wait_for(s, "Question 3 of 7");
    wait_for(s, "> ");
    kill(s->pid, sig);
    wait_for(s, "Interrupted: 1 of 7 questions answered, 1 don't know");
    assert_int_equal(session_wait(s), 6);
    mt_answers *a = load_answers(f, f->answers);
    assert_value(a, L1, 4);
    assert_int_equal(a->items[L2].state, MT_ANSWER_DONT_KNOW);
    answers_free(a);
}

static void test_sigterm(void **state)
{
    signal_at_prompt(*state, SIGTERM);
}

static void test_sighup(void **state)
{
    signal_at_prompt(*state, SIGHUP);
}

static void test_kill_9_then_resume(void **state)
{
    fixture *f = *state;
    start_default(f, NULL, NULL);
    session *s = &f->s;
    answer(s, "3");
    answer(s, "4");
    answer(s, "1");
    answer(s, "3");
    wait_for(s, "Question 5 of 7");
    wait_for(s, "> ");
    kill(s->pid, SIGKILL);
    assert_int_equal(session_wait(s), 128 + SIGKILL);
    mt_answers *a = load_answers(f, f->answers);
    assert_value(a, L1, 3);
    assert_value(a, L2, 4);
    assert_value(a, P1, 1);
    assert_value(a, C1, 3);
    assert_int_equal(a->items[M1].state, MT_ANSWER_NONE);
    answers_free(a);
    /* no temporary file left beside it */
    char *cmd = mt_asprintf("test $(ls -A '%s' | wc -l) -eq 1", f->dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);

    session_restart(f);
    start_resume(f);
    s = &f->s;
    wait_for(s, "4 of 7 questions answered");
    wait_for(s, "Question 5 of 7");
    answer(s, "4");
    answer(s, "0");
    answer(s, "fine");
    wait_for(s, "Summary");
    assert_int_equal(session_wait(s), 0);
    a = load_answers(f, f->answers);
    assert_value(a, L1, 3);
    assert_value(a, C1, 3);
    assert_int_equal(a->items[M1].mask, 0x8);
    assert_true(a->items[N1].number == 0);
    answers_free(a);
}

static void test_no_color(void **state)
{
    fixture *f = *state;
    const char *const env[] = { "NO_COLOR=1", NULL };
    start_default(f, env, NULL);
    session *s = &f->s;
    wait_for(s, "Question 1 of 7");
    answer(s, "q");
    assert_int_equal(session_wait(s), 6);
    assert_null(strstr(s->screen, "\033["));
}

/* Lines on screen hold at most cols characters (UTF-8), though more bytes. */
static void test_hebrew_wraps_to_terminal_width(void **state)
{
    fixture *f = *state;
    const char *args[16] = { "-q", f->questionnaire, "-o", f->answers, "--lang", "he" };
    size_t n = 6;
    for (size_t i = 0; i < 6; i++)
        args[n++] = meta_args[i];
    args[n] = NULL;
    session_start(f, 40, NULL, NULL, args);
    session *s = &f->s;
    wait_for(s, "שאלה 1 מתוך 7");
    answer(s, "?");
    wait_for(s, "חשבו על");
    answer(s, "q");
    wait_for(s, "הופסק");
    assert_int_equal(session_wait(s), 6);
    assert_non_null(strstr(s->screen, "אנחנו מתכננים את השיווק"));
    bool longer_in_bytes = false;
    char *copy = mt_strdup(s->screen);
    char *command = strstr(copy, "כדי להמשיך");
    assert_non_null(command);
    *command = '\0';   /* a command's word longer than the terminal is kept whole */
    char *save = NULL;
    for (char *line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        /* leave out colour attributes, which take no columns */
        char plain[1024];
        size_t k = 0;
        for (const char *p = line; *p && k < sizeof plain - 1; p++) {
            if (*p == '\033') {
                while (*p && *p != 'm')
                    p++;
                if (!*p)
                    break;
                continue;
            }
            plain[k++] = *p;
        }
        plain[k] = '\0';
        assert_in_range(mt_utf8_len(plain), 0, 40);
        if (strlen(plain) > 40)
            longer_in_bytes = true;
    }
    free(copy);
    assert_true(longer_in_bytes);
    mt_answers *a = load_answers(f, f->answers);
    assert_string_equal(a->meta.language, "he");
    answers_free(a);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char *buf = calloc(1, 65536);
    size_t n = fread(buf, 1, 65535, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void test_existing_file_never_overwritten_silently(void **state)
{
    fixture *f = *state;
    write_file(f->answers, "[meta]\nquestionnaire = prompt-small\nversion = 1.0\n\n[answers]\nl1 = 2\n");
    char *before = read_file(f->answers);
    start_default(f, NULL, NULL);
    session *s = &f->s;
    wait_for(s, "already exists");
    type_line(s, "x");
    wait_for(s, "already exists");   /* asked again */
    type_line(s, "c");
    assert_int_equal(session_wait(s), 6);
    char *after = read_file(f->answers);
    assert_string_equal(before, after);
    free(after);

    /* r resumes it instead */
    session_restart(f);
    start_default(f, NULL, NULL);
    s = &f->s;
    wait_for(s, "already exists");
    type_line(s, "r");
    wait_for(s, "Question 2 of 7");
    answer(s, "q");
    assert_int_equal(session_wait(s), 6);
    mt_answers *a = load_answers(f, f->answers);
    assert_value(a, L1, 2);
    answers_free(a);
    free(before);
}

static void test_proposed_file_name(void **state)
{
    fixture *f = *state;
    const char *args[] = { "-q", f->questionnaire, NULL };
    for (int round = 0; round < 2; round++) {
        session_start(f, 80, f->dir, NULL, args);
        session *s = &f->s;
        wait_for(s, "Organisation");
        type_line(s, "Acme & Sons Ltd");
        wait_for(s, round ? "[acme-sons-ltd-2023-11-14-2.ini]" : "[acme-sons-ltd-2023-11-14.ini]");
        type_line(s, "");
        wait_for(s, "Your name");
        type_line(s, "Ravid");
        wait_for(s, "Your role");
        type_line(s, "");
        answer(s, "4");
        answer(s, "q");
        assert_int_equal(session_wait(s), 6);
        session_restart(f);
    }
    char path[256];
    snprintf(path, sizeof path, "%s/acme-sons-ltd-2023-11-14.ini", f->dir);
    mt_answers *a = load_answers(f, path);
    assert_string_equal(a->meta.organisation, "Acme & Sons Ltd");
    assert_string_equal(a->meta.respondent, "Ravid");
    assert_value(a, L1, 4);
    answers_free(a);
    snprintf(path, sizeof path, "%s/acme-sons-ltd-2023-11-14-2.ini", f->dir);
    a = load_answers(f, path);
    assert_value(a, L1, 4);
    answers_free(a);
}

/* With -o naming a file that exists, that is the first question: before
 * the intro and the details, which a resumed file already has. */
static void test_existing_file_asked_about_first(void **state)
{
    fixture *f = *state;
    write_file(f->answers, "[meta]\nquestionnaire = prompt-small\nversion = 1.0\n"
                           "organisation = Old Org\nrespondent = Old Name\n\n[answers]\nl1 = 2\n");
    const char *args[] = { "-q", f->questionnaire, "-o", f->answers, NULL };
    session_start(f, 80, NULL, NULL, args);
    session *s = &f->s;
    wait_for(s, "already exists");
    assert_null(strstr(s->screen, "Organisation"));
    assert_null(strstr(s->screen, "Small test assessment"));
    type_line(s, "r");
    wait_for(s, "Resuming");
    wait_for(s, "Question 2 of 7");
    answer(s, "q");
    assert_int_equal(session_wait(s), 6);
    assert_null(strstr(s->screen, "Your name"));
    mt_answers *a = load_answers(f, f->answers);
    assert_string_equal(a->meta.organisation, "Old Org");
    assert_string_equal(a->meta.respondent, "Old Name");
    assert_value(a, L1, 2);
    answers_free(a);
}

/* On a narrow terminal the report command is cut between words with a
 * backslash, never inside a word, and reads back whole. */
static void test_commands_never_cut_inside_a_word(void **state)
{
    fixture *f = *state;
    const char *args[16] = { "-q", f->questionnaire, "-o", f->answers };
    size_t n = 4;
    for (size_t i = 0; i < 6; i++)
        args[n++] = meta_args[i];
    args[n] = NULL;
    session_start(f, 50, NULL, NULL, args);
    session *s = &f->s;
    answer(s, "4");
    answer(s, "2");
    answer(s, "3");
    answer_rest(s);
    wait_for(s, "Write the PDF report");
    assert_int_equal(session_wait(s), 0);
    const char *start = strstr(s->screen, "Write the PDF report");
    start = strchr(start, '\n') + 1;
    size_t lines = 0;
    char *copy = mt_strdup(start);
    char *save = NULL;
    for (char *line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        lines++;
        size_t len = mt_utf8_len(line);
        bool one_word = !strchr(line + strspn(line, " "), ' ') ||
                        (strlen(line) > 2 && strcmp(line + strlen(line) - 2, " \\") == 0 &&
                         !memchr(line + strspn(line, " "), ' ',
                                 strlen(line) - strspn(line, " ") - 2));
        if (!one_word)
            assert_in_range(len, 0, 50);
    }
    free(copy);
    assert_true(lines >= 3);
    char *pdf = mt_strdup(f->answers);
    strcpy(pdf + strlen(pdf) - 4, ".pdf");
    char *want = mt_asprintf("%s report %s --pdf %s --xlsx", f->binary, f->answers, pdf);
    char *screen = joined(s->screen);
    assert_non_null(strstr(screen, want));
    free(screen);
    free(want);
    free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_answering_help_invalid_back_dont_know, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_and_return, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quit_and_resume, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ctrl_c_and_resume, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigterm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sighup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_9_then_resume, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_color, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hebrew_wraps_to_terminal_width, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_file_never_overwritten_silently, setup, teardown),
        cmocka_unit_test_setup_teardown(test_proposed_file_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_file_asked_about_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commands_never_cut_inside_a_word, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
