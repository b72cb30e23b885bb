/*
 * atomic.c - write beside the target, then rename into place.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdbool.h>

#include "maturity/util.h"

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

static void reset(mt_atomic *a)
{
    free(a->target);
    free(a->tmp_path);
    memset(a, 0, sizeof *a);
}

mt_error mt_atomic_begin(mt_atomic *a, const char *target)
{
    memset(a, 0, sizeof *a);
    a->target = mt_strdup(target);
    a->tmp_path = tmp_template(target);
    if (!a->target || !a->tmp_path) {
        reset(a);
        return MT_ERROR_NOMEM;
    }
    int fd = mkstemp(a->tmp_path);
    if (fd < 0) {
        reset(a);
        return MT_ERROR_FILE_WRITE;
    }
    /* mkstemp creates 0600; a report or answers file should be as readable
     * as any file the user creates, so apply the umask to 0666. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    a->fp = fdopen(fd, "wb");
    if (!a->fp) {
        close(fd);
        unlink(a->tmp_path);
        reset(a);
        return MT_ERROR_FILE_WRITE;
    }
    return MT_OK;
}

mt_error mt_atomic_begin_path(mt_atomic *a, const char *target)
{
    mt_error err = mt_atomic_begin(a, target);
    if (err)
        return err;
    if (fclose(a->fp) != 0) {
        a->fp = NULL;
        mt_atomic_abort(a);
        return MT_ERROR_FILE_WRITE;
    }
    a->fp = NULL;
    return MT_OK;
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

mt_error mt_atomic_commit(mt_atomic *a)
{
    if (!a->tmp_path)
        return MT_ERROR_FILE_WRITE;
    bool failed = false;
    if (a->fp) {
        failed = fflush(a->fp) != 0 || ferror(a->fp) || fsync(fileno(a->fp)) != 0;
        failed = (fclose(a->fp) != 0) || failed;
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
    if (a->fp) {
        fclose(a->fp);
        a->fp = NULL;
    }
    if (a->tmp_path) {
        int saved = errno;
        unlink(a->tmp_path);
        errno = saved;
    }
    reset(a);
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
