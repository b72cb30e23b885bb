/*
 * atomic.c - write beside the target, then rename into place; write
 * standard output, devices and pipes directly.
 * See documentation in header file.
 *
 * A stream is written to an unnamed file (Linux O_TMPFILE) in the target's
 * folder, which the kernel frees by itself when the process dies, however
 * it dies; commit gives it a name only once it is complete and synced. A
 * file system without O_TMPFILE (or a system without /proc) gets a named
 * temporary file from mkstemp instead, as do the libraries that write by
 * name.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "maturity/util.h"

/* What the target is, which decides how it is written. */
enum target_kind { TARGET_FILE, TARGET_STDOUT, TARGET_DEVICE, TARGET_FOLDER };

static enum target_kind target_kind(const char *target)
{
    if (strcmp(target, "-") == 0)
        return TARGET_STDOUT;
    struct stat sb;
    if (stat(target, &sb) != 0 || S_ISREG(sb.st_mode))
        return TARGET_FILE;   /* a new file, or one to replace */
    return S_ISDIR(sb.st_mode) ? TARGET_FOLDER : TARGET_DEVICE;
}

/* A symbolic link to a file: replace the file it names and keep the link,
 * as an editor saving through the link would. Anything else: the path. */
static char *resolve_target(const char *target)
{
    struct stat sb;
    if (lstat(target, &sb) == 0 && S_ISLNK(sb.st_mode)) {
        char *real = realpath(target, NULL);
        if (real)
            return real;
    }
    return mt_strdup(target);
}

/* The temporary file must live in the target's folder: rename() is atomic
 * only within one file system. The leading dot keeps it out of listings. */
static char *tmp_template(const char *target)
{
    char *copy = mt_strdup(target);
    if (!copy)
        return NULL;
    char *copy2 = mt_strdup(target);
    if (!copy2) {
        free(copy);
        return NULL;
    }
    char *r = mt_asprintf("%s/.%s.tmp-XXXXXX", dirname(copy), basename(copy2));
    free(copy);
    free(copy2);
    return r;
}

/* A direct target's scratch file for a library that writes by name: the
 * target's folder (/dev, or wherever "-" is run) may not be writable. */
static char *scratch_template(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    return mt_asprintf("%s/.maturity.tmp-XXXXXX", dir);
}

static void reset(mt_atomic *a)
{
    int saved = errno;
    free(a->target);
    free(a->tmp_path);
    memset(a, 0, sizeof *a);
    errno = saved;
}

/* mkstemp creates 0600; a report or answers file should be as readable
 * as any file the user creates, so apply the umask to 0666. */
static void set_default_mode(int fd)
{
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
}

/* The magic link through which an unnamed file can be given a name
 * without privileges (open(2), O_TMPFILE). */
static void proc_fd_path(int fd, char *buf, size_t size)
{
    snprintf(buf, size, "/proc/self/fd/%d", fd);
}

/* The errors that mean "no O_TMPFILE here", rather than "cannot write
 * here": a file system without it, a kernel older than 3.11 (which takes
 * the flag for O_DIRECTORY), a C library or emulator that rejects it. */
static bool tmpfile_unsupported(int err)
{
    return err == EOPNOTSUPP || err == EISDIR || err == EINVAL || err == ENOSYS || err == ENOENT;
}

/* An unnamed file in the target's folder, opened as a->fp; 1 when there
 * is one, 0 when the folder cannot have one (the caller falls back to
 * mkstemp), -1 on an error that a named file would meet too. The mode
 * is 0666 less the umask (or the folder's default ACL), as for any new
 * file. */
static int create_unnamed(mt_atomic *a)
{
    char *copy = mt_strdup(a->target);
    if (!copy) {
        errno = ENOMEM;
        return -1;
    }
    int fd = open(dirname(copy), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    free(copy);
    if (fd < 0)
        return tmpfile_unsupported(errno) ? 0 : -1;
    char proc[40];
    proc_fd_path(fd, proc, sizeof proc);
    if (access(proc, F_OK) != 0) {   /* no /proc: it could never be linked in */
        close(fd);
        return 0;
    }
    a->fp = fdopen(fd, "wb");
    if (!a->fp) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    a->unnamed = 1;
    return 1;
}

static mt_error create_tmp(mt_atomic *a, bool keep_open)
{
    if (keep_open) {
        int r = create_unnamed(a);
        if (r > 0) {
            free(a->tmp_path);   /* the name is chosen when it is needed */
            a->tmp_path = NULL;
            return MT_OK;
        }
        if (r < 0) {
            reset(a);
            return MT_ERROR_FILE_WRITE;
        }
    }
    int fd = mkstemp(a->tmp_path);
    if (fd < 0) {
        reset(a);
        return MT_ERROR_FILE_WRITE;
    }
    set_default_mode(fd);
    if (!keep_open) {
        if (close(fd) == 0)
            return MT_OK;
    } else if ((a->fp = fdopen(fd, "wb")) != NULL) {
        return MT_OK;
    } else {
        close(fd);
    }
    int saved = errno;
    unlink(a->tmp_path);
    errno = saved;
    reset(a);
    return MT_ERROR_FILE_WRITE;
}

/* Sets up a->target, and a->tmp_path for the kinds that need one. */
static mt_error prepare(mt_atomic *a, const char *target, bool by_name, enum target_kind *kind)
{
    memset(a, 0, sizeof *a);
    *kind = target_kind(target);
    if (*kind == TARGET_FOLDER) {
        errno = EISDIR;
        return MT_ERROR_FILE_WRITE;
    }
    a->direct = *kind != TARGET_FILE;
    a->target = a->direct ? mt_strdup(target) : resolve_target(target);
    if (*kind == TARGET_FILE)
        a->tmp_path = a->target ? tmp_template(a->target) : NULL;
    else if (by_name)
        a->tmp_path = scratch_template();
    if (!a->target || (!a->tmp_path && (*kind == TARGET_FILE || by_name))) {
        reset(a);
        errno = ENOMEM;
        return MT_ERROR_NOMEM;
    }
    return MT_OK;
}

mt_error mt_atomic_begin(mt_atomic *a, const char *target)
{
    enum target_kind kind;
    mt_error err = prepare(a, target, false, &kind);
    if (err)
        return err;
    if (kind == TARGET_FILE)
        return create_tmp(a, true);
    a->fp = kind == TARGET_STDOUT ? stdout : fopen(target, "wb");
    if (!a->fp) {
        reset(a);
        return MT_ERROR_FILE_WRITE;
    }
    return MT_OK;
}

mt_error mt_atomic_begin_path(mt_atomic *a, const char *target)
{
    enum target_kind kind;
    mt_error err = prepare(a, target, true, &kind);
    if (err)
        return err;
    return create_tmp(a, false);
}

static int sync_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    close(fd);
    return r;
}

/* Syncing the folder makes the rename itself durable. Some file systems
 * refuse fsync on a folder; that is not a failure of the write. */
static void sync_parent(const char *target)
{
    char *copy = mt_strdup(target);
    if (!copy)
        return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    free(copy);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Flushes and closes the stream; false when any of it failed. Standard
 * output is flushed, not closed: the command may print more. */
static bool finish_stream(FILE *fp, bool sync)
{
    bool ok = fflush(fp) == 0 && !ferror(fp);
    if (ok && sync)
        ok = fsync(fileno(fp)) == 0;
    if (fp == stdout)
        return ok;
    return fclose(fp) == 0 && ok;
}

/* Copies the scratch file a library wrote to the direct target. */
static bool copy_out(const char *from, const mt_atomic *a)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return false;
    FILE *out = strcmp(a->target, "-") == 0 ? stdout : fopen(a->target, "wb");
    bool ok = out != NULL;
    char buf[64 * 1024];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in);
    fclose(in);
    if (out)
        ok = finish_stream(out, false) && ok;
    return ok;
}

static mt_error commit_direct(mt_atomic *a)
{
    bool ok;
    if (a->fp) {
        ok = finish_stream(a->fp, false);
        a->fp = NULL;
    } else {
        ok = copy_out(a->tmp_path, a);
    }
    int saved = errno;
    if (a->tmp_path)
        unlink(a->tmp_path);
    /* the caller reports this failure; the final check of standard output
     * in cli.c need not report it a second time */
    if (!ok && strcmp(a->target, "-") == 0) {
        __fpurge(stdout);   /* what did not get out will not get out later */
        clearerr(stdout);
    }
    errno = saved;
    reset(a);
    return ok ? MT_OK : MT_ERROR_FILE_WRITE;
}

/* Six characters for a temporary name; a name taken already is simply
 * tried again, so they need to be unpredictable rather than unique. */
static void random_suffix(char *x)
{
    static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static uint64_t counter;
    unsigned char r[6];
    if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t v = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
                     ((uint64_t)getpid() << 12) ^ (++counter * UINT64_C(0x9E3779B97F4A7C15));
        for (size_t i = 0; i < sizeof r; i++, v >>= 8)
            r[i] = (unsigned char)v;
    }
    for (size_t i = 0; i < sizeof r; i++)
        x[i] = chars[r[i] % (sizeof chars - 1)];
}

/* Gives the unnamed file fd the name of a fresh temporary file beside the
 * target (linkat never replaces a name; one taken is tried again). The
 * name is left in a->tmp_path, for the rename and for cleaning up. */
static bool link_as_tmp(mt_atomic *a, const char *proc)
{
    a->tmp_path = tmp_template(a->target);
    if (!a->tmp_path) {
        errno = ENOMEM;
        return false;
    }
    char *x = a->tmp_path + strlen(a->tmp_path) - 6;
    for (int tries = 0; tries < 100; tries++) {
        random_suffix(x);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, a->tmp_path, AT_SYMLINK_FOLLOW) == 0)
            return true;
        if (errno != EEXIST)
            break;
    }
    free(a->tmp_path);   /* nothing was linked: nothing to remove */
    a->tmp_path = NULL;
    return false;
}

/* Puts the complete, synced unnamed file in place. A new target is linked
 * in directly: it appears whole or not at all. An existing one cannot be
 * replaced by a link, so the file is linked under a temporary name and
 * renamed over it; between those two calls (microseconds) a kill -9 leaves
 * the complete new file under the temporary name, and the old one intact. */
static bool link_into_place(mt_atomic *a, int fd)
{
    char proc[40];
    proc_fd_path(fd, proc, sizeof proc);
    struct stat sb;
    if (lstat(a->target, &sb) != 0 && errno == ENOENT) {
        if (linkat(AT_FDCWD, proc, AT_FDCWD, a->target, AT_SYMLINK_FOLLOW) == 0)
            return true;
        if (errno != EEXIST)
            return false;   /* else it was made meanwhile: replace it */
    }
    if (!link_as_tmp(a, proc))
        return false;
    if (rename(a->tmp_path, a->target) == 0)
        return true;
    int saved = errno;
    unlink(a->tmp_path);
    errno = saved;
    return false;
}

/* Flushes and syncs the unnamed file, names it, and only then closes it:
 * the name is given through the open descriptor. After fsync, close(2)
 * has nothing more to say about the data, so its result does not decide. */
static mt_error commit_unnamed(mt_atomic *a)
{
    FILE *fp = a->fp;
    a->fp = NULL;
    bool ok = fflush(fp) == 0 && !ferror(fp) && fsync(fileno(fp)) == 0 &&
              link_into_place(a, fileno(fp));
    int saved = errno;
    fclose(fp);
    if (ok)
        sync_parent(a->target);
    errno = saved;
    reset(a);   /* the temporary name was renamed into place, or removed */
    return ok ? MT_OK : MT_ERROR_FILE_WRITE;
}

mt_error mt_atomic_commit(mt_atomic *a)
{
    if (a->direct)
        return commit_direct(a);
    if (a->unnamed && a->fp)
        return commit_unnamed(a);
    if (!a->tmp_path)
        return MT_ERROR_FILE_WRITE;
    bool failed;
    if (a->fp) {
        failed = !finish_stream(a->fp, true);
        a->fp = NULL;
    } else {
        failed = sync_path(a->tmp_path) != 0;
    }
    if (failed || rename(a->tmp_path, a->target) != 0) {
        mt_atomic_abort(a);
        return MT_ERROR_FILE_WRITE;
    }
    sync_parent(a->target);
    reset(a);
    return MT_OK;
}

void mt_atomic_abort(mt_atomic *a)
{
    int saved = errno;
    if (a->fp && a->fp != stdout) {
        fclose(a->fp);
    } else if (a->fp) {
        /* what is still buffered is dropped; the caller reports the failure */
        __fpurge(stdout);
        clearerr(stdout);
    }
    a->fp = NULL;
    if (a->tmp_path)
        unlink(a->tmp_path);
    reset(a);
    errno = saved;
}

mt_error mt_atomic_write(const char *path, const void *data, size_t size)
{
    mt_atomic a;
    mt_error err = mt_atomic_begin(&a, path);
    if (err)
        return err;
    if (size && fwrite(data, 1, size, a.fp) != size) {
        mt_atomic_abort(&a);
        return MT_ERROR_FILE_WRITE;
    }
    return mt_atomic_commit(&a);
}
