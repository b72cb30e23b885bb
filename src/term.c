/*
 * term.c - terminal facts and clean ends on signals.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "maturity/util.h"

static volatile sig_atomic_t caught_signal;

static const int handled_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NHANDLED (sizeof handled_signals / sizeof handled_signals[0])

static struct sigaction old_actions[NHANDLED];
static sigset_t old_mask;     /* the mask before install: used while waiting */
static int installed;

bool term_is_tty(FILE *f)
{
    int fd = f ? fileno(f) : -1;
    return fd >= 0 && isatty(fd);
}

int term_width(FILE *out)
{
    int fd = out ? fileno(out) : -1;
    struct winsize ws;
    if (fd >= 0 && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    long cols;
    const char *env = getenv("COLUMNS");
    if (env && mt_parse_int(env, &cols) && cols > 0 && cols < 10000)
        return (int)cols;
    return MT_TERM_DEFAULT_WIDTH;
}

bool term_use_colour(FILE *out)
{
    const char *no_colour = getenv("NO_COLOR");
    if (no_colour && *no_colour)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return term_is_tty(out);
}

static void record_signal(int sig)
{
    caught_signal = sig;
}

void term_signals_install(void)
{
    if (installed)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = record_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   /* no SA_RESTART: a blocked read must return EINTR */
    sigset_t block;
    sigemptyset(&block);
    for (size_t i = 0; i < NHANDLED; i++) {
        sigaction(handled_signals[i], &sa, &old_actions[i]);
        sigaddset(&block, handled_signals[i]);
    }
    /* Blocked except inside ppoll(): a signal that arrives between the flag
     * check and the wait is delivered by the wait itself, never lost. */
    sigprocmask(SIG_BLOCK, &block, &old_mask);
    installed = 1;
}

void term_signals_restore(void)
{
    if (!installed)
        return;
    /* Unblock first while our handler is still in place, so a pending
     * signal is recorded rather than killing the process mid-cleanup. */
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    for (size_t i = 0; i < NHANDLED; i++)
        sigaction(handled_signals[i], &old_actions[i], NULL);
    installed = 0;
}

int term_signal_caught(void)
{
    return caught_signal;
}

void term_signal_reset(void)
{
    caught_signal = 0;
}

/* Waits until fd has input or a signal arrives. Returns false on a signal. */
static bool wait_for_input(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    for (;;) {
        if (caught_signal)
            return false;
        int n = ppoll(&pfd, 1, NULL, &old_mask);
        if (n > 0)
            return true;
        if (n < 0 && errno != EINTR)
            return true;   /* let the read itself report the problem */
    }
}

static void strip_line_end(char *line, ssize_t *n)
{
    while (*n > 0 && (line[*n - 1] == '\n' || line[*n - 1] == '\r'))
        line[--*n] = '\0';
}

mt_error term_read_line(FILE *in, char **line, size_t *cap)
{
    int fd = fileno(in);
    for (;;) {
        if (caught_signal)
            return MT_ERROR_INTERRUPTED;
        if (installed && fd >= 0 && !wait_for_input(fd))
            return MT_ERROR_INTERRUPTED;
        errno = 0;
        ssize_t n = getline(line, cap, in);
        if (n >= 0) {
            strip_line_end(*line, &n);
            return MT_OK;
        }
        if (errno == ENOMEM)
            return MT_ERROR_NOMEM;
        if (ferror(in) && errno == EINTR) {
            clearerr(in);
            continue;   /* a signal we do not handle (e.g. SIGWINCH), or ours: checked above */
        }
        return MT_ERROR_INPUT_EOF;
    }
}
