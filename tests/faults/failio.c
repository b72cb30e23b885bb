/*
 * failio.c - an LD_PRELOAD shim that makes the Nth call of one output
 * function fail, as a full disk or a failing device would, so that the
 * tests can check every write, flush, sync, close and rename point of the
 * tool (the way SQLite's I/O-error tests do).
 *
 * Driven by the environment:
 *   FAILIO_FAIL=NAME:N    fail the Nth counted call of NAME (1-based); NAME
 *                         is one of the functions below, e.g. "fwrite:3"
 *   FAILIO_ERRNO=E        ENOSPC (default), EIO, EDQUOT or EROFS
 *   FAILIO_PERSIST=1      fail every later call of NAME too
 *   FAILIO_PERSIST=all    from that call on, fail every write, flush, sync
 *                         and close of any kind, as a disk that is full
 *                         stays full (opening and renaming still work)
 *   FAILIO_COUNTS=FILE    at exit, append "NAME COUNT" lines for every
 *                         function called, so a test knows how many points
 *                         there are to fail
 *   FAILIO_KILL=NAME:N    instead of failing it, kill the process (SIGKILL,
 *                         which nothing can catch) just before the Nth
 *                         counted call of NAME: a crash or kill -9 at that
 *                         point of a save
 *   FAILIO_STOP=NAME:N    stop the process (SIGSTOP) just before the Nth
 *                         counted call of NAME, so that a test can look at
 *                         the files in the middle of a save, then kill it
 *   FAILIO_NO_TMPFILE=1   open with O_TMPFILE fails with EOPNOTSUPP, as on
 *                         a file system without unnamed files (not counted)
 *   FAILIO_PROGRAM=NAME   only a process whose program name (argv[0]'s last
 *                         part) is NAME counts and fails calls; any other
 *                         leaves them alone and reports no counts. Under
 *                         valgrind the launcher is preloaded too, and its
 *                         own calls must not move the tool's count.
 *
 * Only output is counted: calls on standard input, output and error are
 * never counted nor failed (the tool must still be able to say what went
 * wrong); fopen/open count only when they open for writing, fclose, close
 * and fflush only on what was open for writing, fsync only on files. An
 * open with O_TMPFILE (an unnamed file) counts as "open_tmpfile", the
 * linkat that names it as "linkat".
 *
 * A failed call does what the real one would have done to the process's
 * state as far as that matters for cleanup: fclose and close still release
 * the stream or descriptor (as the real ones do even when they report an
 * error), so the tool's own cleanup is what is tested, not the shim's.
 *
 * SPDX-License-Identifier: MIT
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum fio_fn {
    FIO_WRITE, FIO_FWRITE, FIO_FPUTS, FIO_FPUTC, FIO_FPRINTF, FIO_FFLUSH,
    FIO_FSYNC, FIO_FDATASYNC, FIO_FCLOSE, FIO_CLOSE, FIO_RENAME, FIO_MKSTEMP,
    FIO_FOPEN, FIO_OPEN, FIO_TMPFILE, FIO_OPEN_TMPFILE, FIO_LINKAT, FIO_COUNT
};

static const char *const fio_names[FIO_COUNT] = {
    "write", "fwrite", "fputs", "fputc", "fprintf", "fflush",
    "fsync", "fdatasync", "fclose", "close", "rename", "mkstemp",
    "fopen", "open", "tmpfile", "open_tmpfile", "linkat",
};

static unsigned long fio_calls[FIO_COUNT];
static int fio_target = -1;       /* which function fails */
static unsigned long fio_nth;     /* on which call */
static int fio_persist;           /* 1: NAME keeps failing; 2: every write keeps failing */
static int fio_full;              /* the disk is "full" now */
static int fio_errno = ENOSPC;
static int fio_kill_target = -1;  /* which function is never reached */
static unsigned long fio_kill_nth;
static int fio_stop_target = -1;  /* which function the process stops before */
static unsigned long fio_stop_nth;
static int fio_no_tmpfile;
static int fio_ready;
static int fio_off;               /* another program than FAILIO_PROGRAM */

static int fio_errno_named(const char *s)
{
    if (!s || !*s || strcmp(s, "ENOSPC") == 0)
        return ENOSPC;
    if (strcmp(s, "EIO") == 0)
        return EIO;
    if (strcmp(s, "EDQUOT") == 0)
        return EDQUOT;
    if (strcmp(s, "EROFS") == 0)
        return EROFS;
    return atoi(s) > 0 ? atoi(s) : ENOSPC;
}

/* Parses "NAME:N" into which function and which call; false when spec is
 * missing or names no function. */
static int fio_parse_spec(const char *spec, int *fn, unsigned long *nth)
{
    const char *colon = spec ? strchr(spec, ':') : NULL;
    if (!colon)
        return 0;
    for (int i = 0; i < FIO_COUNT; i++)
        if ((size_t)(colon - spec) == strlen(fio_names[i]) &&
            strncmp(spec, fio_names[i], (size_t)(colon - spec)) == 0)
            *fn = i;
    *nth = strtoul(colon + 1, NULL, 10);
    return *fn >= 0;
}

static void fio_setup(void)
{
    if (fio_ready)
        return;
    fio_ready = 1;
    const char *program = getenv("FAILIO_PROGRAM");
    fio_off = program && *program && strcmp(program, program_invocation_short_name) != 0;
    fio_errno = fio_errno_named(getenv("FAILIO_ERRNO"));
    const char *persist = getenv("FAILIO_PERSIST");
    fio_persist = !persist ? 0 : strcmp(persist, "all") == 0 ? 2 : strcmp(persist, "1") == 0;
    const char *no_tmpfile = getenv("FAILIO_NO_TMPFILE");
    fio_no_tmpfile = no_tmpfile && strcmp(no_tmpfile, "1") == 0;
    fio_parse_spec(getenv("FAILIO_FAIL"), &fio_target, &fio_nth);
    fio_parse_spec(getenv("FAILIO_KILL"), &fio_kill_target, &fio_kill_nth);
    fio_parse_spec(getenv("FAILIO_STOP"), &fio_stop_target, &fio_stop_nth);
}

/* The calls that fill a disk, or find it full. */
static int fio_writes_data(enum fio_fn fn)
{
    return fn <= FIO_CLOSE;
}

/* Counts a call of fn; true when this call is to fail (errno is then set). */
static int fio_fails(enum fio_fn fn)
{
    fio_setup();
    if (fio_off)
        return 0;
    unsigned long n = ++fio_calls[fn];
    if ((int)fn == fio_kill_target && n == fio_kill_nth)
        kill(getpid(), SIGKILL);
    if ((int)fn == fio_stop_target && n == fio_stop_nth)
        kill(getpid(), SIGSTOP);
    int fail = fio_full && fio_writes_data(fn);
    if ((int)fn == fio_target && fio_nth != 0)
        fail = fail || n == fio_nth || (fio_persist == 1 && n > fio_nth);
    if (fail && fio_persist == 2)
        fio_full = 1;
    if (fail)
        errno = fio_errno;
    return fail;
}

static int fio_std_fd(int fd)
{
    return fd >= 0 && fd <= 2;
}

static int fio_std_stream(FILE *fp)
{
    return fp == stdin || fp == stdout || fp == stderr;
}

/* Closing or flushing what was only read cannot lose data, and a memory
 * stream (open_memstream, no descriptor) is no disk: neither is counted. */
static int fio_output_stream(FILE *fp)
{
    return fp && !fio_std_stream(fp) && __fwritable(fp) && fileno(fp) >= 0;
}

static int fio_output_fd(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return !fio_std_fd(fd) && fl >= 0 && (fl & O_ACCMODE) != O_RDONLY;
}

/* fsync matters for files; a folder's fsync is best effort by design. */
static int fio_file_fd(int fd)
{
    struct stat sb;
    return !fio_std_fd(fd) && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int fio_mode_writes(const char *mode)
{
    return mode && (strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+'));
}

/* The next definition of name (libc's, or a sanitizer's interceptor). */
static uintptr_t fio_real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f)
        abort();
    return (uintptr_t)f;
}

/* Through an integer: ISO C has no cast from an object to a function pointer. */
#define REAL(type, name) ((type)fio_real(#name))

ssize_t write(int fd, const void *buf, size_t n)
{
    if (!fio_std_fd(fd) && fio_fails(FIO_WRITE))
        return -1;
    return REAL(ssize_t (*)(int, const void *, size_t), write)(fd, buf, n);
}

size_t fwrite(const void *ptr, size_t size, size_t n, FILE *fp)
{
    if (fio_output_stream(fp) && fio_fails(FIO_FWRITE))
        return 0;
    return REAL(size_t (*)(const void *, size_t, size_t, FILE *), fwrite)(ptr, size, n, fp);
}

int fputs(const char *s, FILE *fp)
{
    if (fio_output_stream(fp) && fio_fails(FIO_FPUTS))
        return EOF;
    return REAL(int (*)(const char *, FILE *), fputs)(s, fp);
}

int fputc(int c, FILE *fp)
{
    if (fio_output_stream(fp) && fio_fails(FIO_FPUTC))
        return EOF;
    return REAL(int (*)(int, FILE *), fputc)(c, fp);
}

int vfprintf(FILE *fp, const char *fmt, va_list ap)
{
    if (fio_output_stream(fp) && fio_fails(FIO_FPRINTF))
        return -1;
    return REAL(int (*)(FILE *, const char *, va_list), vfprintf)(fp, fmt, ap);
}

int fprintf(FILE *fp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(fp, fmt, ap);
    va_end(ap);
    return r;
}

/* Debian builds its libraries with _FORTIFY_SOURCE: libxlsxwriter calls these. */
int __vfprintf_chk(FILE *fp, int flag, const char *fmt, va_list ap);
int __fprintf_chk(FILE *fp, int flag, const char *fmt, ...);

int __vfprintf_chk(FILE *fp, int flag, const char *fmt, va_list ap)
{
    if (fio_output_stream(fp) && fio_fails(FIO_FPRINTF))
        return -1;
    return REAL(int (*)(FILE *, int, const char *, va_list), __vfprintf_chk)(fp, flag, fmt, ap);
}

int __fprintf_chk(FILE *fp, int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = __vfprintf_chk(fp, flag, fmt, ap);
    va_end(ap);
    return r;
}

/* A failed flush loses what was buffered, as a write that failed would. */
int fflush(FILE *fp)
{
    if (fio_output_stream(fp) && fio_fails(FIO_FFLUSH)) {
        __fpurge(fp);
        return EOF;
    }
    return REAL(int (*)(FILE *), fflush)(fp);
}

int fsync(int fd)
{
    if (fio_file_fd(fd) && fio_fails(FIO_FSYNC))
        return -1;
    return REAL(int (*)(int), fsync)(fd);
}

int fdatasync(int fd)
{
    if (fio_file_fd(fd) && fio_fails(FIO_FDATASYNC))
        return -1;
    return REAL(int (*)(int), fdatasync)(fd);
}

/* The stream is released as the real fclose releases it on error, and what
 * was still buffered is lost, as when the last flush finds the disk full. */
int fclose(FILE *fp)
{
    int fail = fio_output_stream(fp) && fio_fails(FIO_FCLOSE);
    int saved = errno;
    if (fail)
        __fpurge(fp);
    int r = REAL(int (*)(FILE *), fclose)(fp);
    if (fail) {
        errno = saved;
        return EOF;
    }
    return r;
}

int close(int fd)
{
    int fail = fio_output_fd(fd) && fio_fails(FIO_CLOSE);
    int saved = errno;
    int r = REAL(int (*)(int), close)(fd);
    if (fail) {
        errno = saved;
        return -1;
    }
    return r;
}

int rename(const char *from, const char *to)
{
    if (fio_fails(FIO_RENAME))
        return -1;
    return REAL(int (*)(const char *, const char *), rename)(from, to);
}

int mkstemp(char *tmpl)
{
    if (fio_fails(FIO_MKSTEMP))
        return -1;
    return REAL(int (*)(char *), mkstemp)(tmpl);
}

FILE *fopen(const char *path, const char *mode)
{
    if (fio_mode_writes(mode) && fio_fails(FIO_FOPEN))
        return NULL;
    return REAL(FILE *(*)(const char *, const char *), fopen)(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    if (fio_mode_writes(mode) && fio_fails(FIO_FOPEN))
        return NULL;
    return REAL(FILE *(*)(const char *, const char *), fopen64)(path, mode);
}

FILE *tmpfile(void)
{
    if (fio_fails(FIO_TMPFILE))
        return NULL;
    return REAL(FILE *(*)(void), tmpfile)();
}

static int fio_open_writes(int flags)
{
    return (flags & (O_WRONLY | O_RDWR | O_CREAT)) != 0;
}

/* Whether an open is to fail (errno set), and how it is counted. */
static int fio_open_fails(int flags)
{
    if ((flags & O_TMPFILE) == O_TMPFILE) {
        fio_setup();
        if (fio_no_tmpfile && !fio_off) {
            errno = EOPNOTSUPP;
            return 1;
        }
        return fio_fails(FIO_OPEN_TMPFILE);
    }
    return fio_open_writes(flags) && fio_fails(FIO_OPEN);
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (fio_open_fails(flags))
        return -1;
    return REAL(int (*)(const char *, int, ...), open)(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (fio_open_fails(flags))
        return -1;
    return REAL(int (*)(const char *, int, ...), open64)(path, flags, mode);
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
    if (fio_fails(FIO_LINKAT))
        return -1;
    return REAL(int (*)(int, const char *, int, const char *, int), linkat)(olddirfd, oldpath,
                                                                          newdirfd, newpath, flags);
}

/* Written with the real functions, after the tool has finished. */
__attribute__((destructor)) static void fio_report(void)
{
    const char *path = getenv("FAILIO_COUNTS");
    fio_setup();
    if (!path || !*path || fio_off)
        return;
    int fd = REAL(int (*)(const char *, int, ...), open)(path, O_WRONLY | O_APPEND | O_CREAT,
                                                         0644);
    if (fd < 0)
        return;
    for (int i = 0; i < FIO_COUNT; i++) {
        char line[64];
        int n = snprintf(line, sizeof line, "%s %lu\n", fio_names[i], fio_calls[i]);
        if (fio_calls[i] && n > 0)
            (void)!REAL(ssize_t (*)(int, const void *, size_t), write)(fd, line, (size_t)n);
    }
    REAL(int (*)(int), close)(fd);
}
