/*
 * atomic.h - write a file so that the old one survives any failure.
 *
 * The new content goes to a temporary file in the target's folder; commit
 * flushes, syncs and renames it into place. On failure or abort the
 * temporary file is removed and the previous file is untouched.
 *
 * begin (a stream) makes the temporary file unnamed where Linux allows it
 * (O_TMPFILE): a process killed while writing leaves nothing behind.
 * Commit links it in as the target when there was none, or under a
 * temporary name that is at once renamed over the old target: a kill -9
 * between those two calls leaves the complete new file as
 * .NAME.tmp-XXXXXX beside the intact old one. Where O_TMPFILE is missing
 * (some file systems, no /proc), and for begin_path, the temporary file is
 * named (mkstemp) from the start, and a kill -9 during the write leaves
 * it. The new file's mode is that of any file the user creates: 0666
 * less the umask.
 *
 * A target that is not a regular file is never replaced by the rename:
 * "-" is standard output, an existing device, pipe or socket (/dev/null,
 * a FIFO) is written directly, and a folder is an error (EISDIR). A
 * symbolic link to a file is followed: the file it names is replaced and
 * the link kept. For the libraries that write by name (begin_path), the
 * temporary file of a direct target lives in $TMPDIR (or /tmp) and commit
 * copies it out. A direct write cannot be undone: what reached a pipe
 * before a failure stays there.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_ATOMIC_H
#define MATURITY_ATOMIC_H

#include <stdio.h>

#include "maturity/error.h"

typedef struct mt_atomic {
    char *target;     /**< final path */
    char *tmp_path;   /**< temporary file beside it */
    FILE *fp;         /**< open for writing on tmp_path (stdout or the device when direct) */
    int direct;       /**< not a regular file: written in place, never renamed over */
    int unnamed;      /**< fp is an unnamed file (O_TMPFILE), tmp_path NULL until commit */
} mt_atomic;

/**
 * Creates the temporary file (or opens a direct target). On error nothing
 * is left behind and errno says why (EISDIR for a folder).
 */
mt_error mt_atomic_begin(mt_atomic *a, const char *target);
/**
 * For libraries that write by file name (libharu, libxlsxwriter): creates the
 * temporary file, closes it, and leaves a->tmp_path for the library to write.
 */
mt_error mt_atomic_begin_path(mt_atomic *a, const char *target);
/** Flushes, fsyncs, closes and renames into place; aborts on any failure. */
mt_error mt_atomic_commit(mt_atomic *a);
/** Removes the temporary file; safe to call after commit or twice. */
void mt_atomic_abort(mt_atomic *a);

/** Writes a whole buffer to path atomically. */
mt_error mt_atomic_write(const char *path, const void *data, size_t size);

#endif
