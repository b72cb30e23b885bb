/*
 * measure.c - runs a command several times and prints its wall time and
 * peak memory, for `make bench`.
 *
 *   measure RUNS STDOUT-FILE -- COMMAND [ARG...]
 *
 * Prints one line: "median_ms min_ms max_ms cpu_ms peak_rss_kib exit_code".
 * The wall time is taken with the monotonic clock around fork and wait;
 * cpu_ms is the median user + system time wait4 reports, which a busy
 * machine disturbs less than the wall time; the peak resident set is the
 * largest ru_maxrss of the runs. The command's standard output goes to STDOUT-FILE (so its size is
 * the size of what it prints), its standard error to STDOUT-FILE.err. The
 * first failing run stops the runs and gives its exit code.
 *
 * SPDX-License-Identifier: MIT
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 101

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* In the child: standard output and error to their files, then exec. */
static void exec_child(char **cmd, const char *out, const char *err)
{
    int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fo < 0 || fe < 0 || dup2(fo, STDOUT_FILENO) < 0 || dup2(fe, STDERR_FILENO) < 0)
        _exit(126);
    close(fo);
    close(fe);
    execvp(cmd[0], cmd);
    _exit(127);
}

static double timeval_ms(struct timeval tv)
{
    return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

/* One run: its wall and CPU time and peak RSS; returns the exit code. */
static int run_once(char **cmd, const char *out, const char *err, double *ms, double *cpu_ms,
                    long *rss_kib)
{
    double start = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        return 125;
    if (pid == 0)
        exec_child(cmd, out, err);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    if (wait4(pid, &status, 0, &ru) < 0)
        return 125;
    *ms = now_ms() - start;
    *cpu_ms = timeval_ms(ru.ru_utime) + timeval_ms(ru.ru_stime);
    *rss_kib = ru.ru_maxrss;   /* Linux: KiB */
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v and returns its median. */
static double median(double *v, long n)
{
    qsort(v, (size_t)n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    if (argc < 5 || strcmp(argv[3], "--") != 0 || runs < 1 || runs > MAX_RUNS) {
        fputs("usage: measure RUNS STDOUT-FILE -- COMMAND [ARG...]\n", stderr);
        return 2;
    }
    size_t errlen = strlen(argv[2]) + 5;
    char *err = malloc(errlen);
    if (!err)
        return 1;
    snprintf(err, errlen, "%s.err", argv[2]);
    double times[MAX_RUNS], cpu[MAX_RUNS];
    long peak = 0;
    int code = 0;
    long done = 0;
    for (; done < runs && code == 0; done++) {
        long rss = 0;
        code = run_once(argv + 4, argv[2], err, &times[done], &cpu[done], &rss);
        if (rss > peak)
            peak = rss;
    }
    free(err);
    qsort(times, (size_t)done, sizeof *times, compare_doubles);
    printf("%.1f %.1f %.1f %.1f %ld %d\n", median(times, done), times[0], times[done - 1],
           median(cpu, done), peak, code);
    return 0;
}
