/*
 * test_atomic.c - atomic writes and the targets that must not be renamed
 * over: standard output ("-"), devices, pipes, folders, symbolic links.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maturity/atomic.h"
#include "maturity/util.h"

/* Entries of dir other than . and .., hidden ones included. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[256];
    memset(buf, 0, sizeof buf);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* A scratch folder per test, also used as $TMPDIR so that scratch files of
 * direct targets can be seen to be cleaned up. */
typedef struct fixture {
    char dir[64];
    char *old_tmpdir;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/mt-atomic-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    const char *t = getenv("TMPDIR");
    f->old_tmpdir = t ? mt_strdup(t) : NULL;
    setenv("TMPDIR", f->dir, 1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char *cmd = mt_asprintf("rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", f->dir);
    free(cmd);
    if (f->old_tmpdir)
        setenv("TMPDIR", f->old_tmpdir, 1);
    else
        unsetenv("TMPDIR");
    free(f->old_tmpdir);
    free(f);
    return 0;
}

/* Points standard output at path while fn runs; returns what fn returned. */
static mt_error with_stdout_to(const char *path, mt_error (*fn)(void))
{
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, STDOUT_FILENO);
    close(fd);
    mt_error err = fn();
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    return err;
}

static mt_error write_dash_stream(void)
{
    mt_atomic a;
    mt_error err = mt_atomic_begin(&a, "-");
    if (err)
        return err;
    assert_ptr_equal(a.fp, stdout);
    assert_null(a.tmp_path);
    fputs("to stdout", a.fp);
    return mt_atomic_commit(&a);
}

static mt_error write_dash_by_name(void)
{
    mt_atomic a;
    mt_error err = mt_atomic_begin_path(&a, "-");
    if (err)
        return err;
    assert_non_null(a.tmp_path);
    write_file(a.tmp_path, "by name");   /* as libharu and libxlsxwriter do */
    return mt_atomic_commit(&a);
}

static void test_dash_is_standard_output(void **state)
{
    fixture *f = *state;
    char *out = mt_asprintf("%s/captured", f->dir);
    assert_int_equal(with_stdout_to(out, write_dash_stream), MT_OK);
    assert_string_equal(read_all(out), "to stdout");
    assert_int_equal(with_stdout_to(out, write_dash_by_name), MT_OK);
    assert_string_equal(read_all(out), "by name");
    /* no file called "-", and the scratch file is gone from $TMPDIR */
    assert_int_equal(access("-", F_OK), -1);
    assert_int_equal(count_entries(f->dir), 1);
    free(out);
}

static void test_device_written_directly(void **state)
{
    fixture *f = *state;
    assert_int_equal(mt_atomic_write("/dev/null", "nothing", 7), MT_OK);
    mt_atomic a;
    assert_int_equal(mt_atomic_begin_path(&a, "/dev/null"), MT_OK);
    write_file(a.tmp_path, "pdf bytes");
    assert_int_equal(mt_atomic_commit(&a), MT_OK);
    struct stat sb;
    assert_int_equal(stat("/dev/null", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));   /* still the device, not a file renamed over it */
    assert_int_equal(count_entries(f->dir), 0);
    /* /dev/full fails every write: that is an error, not a silent success */
    assert_int_equal(mt_atomic_write("/dev/full", "x", 1), MT_ERROR_FILE_WRITE);
}

static void test_pipe_written_directly(void **state)
{
    fixture *f = *state;
    char *fifo = mt_asprintf("%s/fifo", f->dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* a reader first, so that opening the FIFO for writing does not block */
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    assert_int_equal(mt_atomic_write(fifo, "through the pipe", 16), MT_OK);
    char buf[32] = { 0 };
    assert_int_equal(read(rd, buf, sizeof buf), 16);
    assert_string_equal(buf, "through the pipe");
    close(rd);
    struct stat sb;
    assert_int_equal(lstat(fifo, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    assert_int_equal(count_entries(f->dir), 1);   /* no temporary file beside it */
    free(fifo);
}

static void test_folder_is_an_error(void **state)
{
    fixture *f = *state;
    char *sub = mt_asprintf("%s/reports", f->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    mt_atomic a;
    errno = 0;
    assert_int_equal(mt_atomic_begin(&a, sub), MT_ERROR_FILE_WRITE);
    assert_int_equal(errno, EISDIR);
    assert_null(a.tmp_path);
    errno = 0;
    assert_int_equal(mt_atomic_begin_path(&a, sub), MT_ERROR_FILE_WRITE);
    assert_int_equal(errno, EISDIR);
    assert_int_equal(mt_atomic_write(sub, "x", 1), MT_ERROR_FILE_WRITE);
    struct stat sb;
    assert_int_equal(stat(sub, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    assert_int_equal(count_entries(sub), 0);
    assert_int_equal(count_entries(f->dir), 1);
    free(sub);
}

static void test_symlink_keeps_link(void **state)
{
    fixture *f = *state;
    char *sub = mt_asprintf("%s/real", f->dir);
    char *real = mt_asprintf("%s/real/answers.ini", f->dir);
    char *link = mt_asprintf("%s/link.ini", f->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file(real, "old");
    assert_int_equal(symlink(real, link), 0);
    assert_int_equal(mt_atomic_write(link, "new", 3), MT_OK);
    struct stat sb;
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_string_equal(read_all(real), "new");
    assert_int_equal(count_entries(sub), 1);     /* the temporary file was beside the real one */
    assert_int_equal(count_entries(f->dir), 2);
    free(sub);
    free(real);
    free(link);
}

static void test_regular_file_replaced_and_cleaned(void **state)
{
    fixture *f = *state;
    char *path = mt_asprintf("%s/report.pdf", f->dir);
    write_file(path, "previous");
    mt_atomic a;
    assert_int_equal(mt_atomic_begin_path(&a, path), MT_OK);
    assert_int_equal(a.direct, 0);
    assert_int_equal(strncmp(a.tmp_path, f->dir, strlen(f->dir)), 0);
    write_file(a.tmp_path, "half");
    mt_atomic_abort(&a);
    mt_atomic_abort(&a);   /* twice is safe */
    assert_string_equal(read_all(path), "previous");
    assert_int_equal(count_entries(f->dir), 1);
    assert_int_equal(mt_atomic_write(path, "next", 4), MT_OK);
    assert_string_equal(read_all(path), "next");
    assert_int_equal(count_entries(f->dir), 1);
    /* the new file is as readable as any other the user creates */
    struct stat sb;
    mode_t mask = umask(022);
    assert_int_equal(mt_atomic_write(path, "mode", 4), MT_OK);
    umask(mask);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0644);
    free(path);
}

/* A stream is written to an unnamed file: until commit nothing but the old
 * file is in the folder, so a process killed while writing leaves nothing;
 * commit links it in (directly when there was no file, through a renamed
 * temporary name when there was) and abort drops it. */
static void test_stream_is_unnamed_until_commit(void **state)
{
    fixture *f = *state;
    char *path = mt_asprintf("%s/answers.ini", f->dir);
    mt_atomic a;
    assert_int_equal(mt_atomic_begin(&a, path), MT_OK);
    if (!a.unnamed) {
        mt_atomic_abort(&a);
        free(path);
        skip();   /* a file system without O_TMPFILE: the named file is tested above */
    }
    assert_null(a.tmp_path);
    fputs("first", a.fp);
    fflush(a.fp);
    assert_int_equal(count_entries(f->dir), 0);   /* a new file: not there yet */
    assert_int_equal(mt_atomic_commit(&a), MT_OK);
    assert_string_equal(read_all(path), "first");
    assert_int_equal(count_entries(f->dir), 1);

    assert_int_equal(mt_atomic_begin(&a, path), MT_OK);
    fputs("second, half written", a.fp);
    fflush(a.fp);
    assert_int_equal(count_entries(f->dir), 1);   /* only the old file */
    mt_atomic_abort(&a);
    assert_string_equal(read_all(path), "first");
    assert_int_equal(count_entries(f->dir), 1);

    assert_int_equal(mt_atomic_begin(&a, path), MT_OK);
    fputs("third", a.fp);
    assert_int_equal(mt_atomic_commit(&a), MT_OK);
    assert_string_equal(read_all(path), "third");
    assert_int_equal(count_entries(f->dir), 1);   /* the temporary name was renamed away */
    free(path);
}

/* The new file gets 0666 less the umask, new or replacing, named or not. */
static void test_mode_follows_umask(void **state)
{
    fixture *f = *state;
    char *path = mt_asprintf("%s/report.pdf", f->dir);
    static const mode_t masks[] = { 022, 027, 077, 002 };
    for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
        mode_t old = umask(masks[i]);
        mt_error err = mt_atomic_write(path, "x", 1);
        if (i % 2)   /* replacing the file just made */
            err = err ? err : mt_atomic_write(path, "y", 1);
        mt_atomic a;
        mt_error err2 = mt_atomic_begin_path(&a, path);
        umask(old);
        assert_int_equal(err, MT_OK);
        struct stat sb;
        assert_int_equal(stat(path, &sb), 0);
        assert_int_equal(sb.st_mode & 0777, 0666 & ~masks[i]);
        assert_int_equal(err2, MT_OK);
        assert_int_equal(stat(a.tmp_path, &sb), 0);   /* the file a library writes by name */
        assert_int_equal(sb.st_mode & 0777, 0666 & ~masks[i]);
        mt_atomic_abort(&a);
        assert_int_equal(unlink(path), 0);   /* the next round creates it afresh */
    }
    assert_int_equal(count_entries(f->dir), 0);
    free(path);
}

static void test_missing_folder(void **state)
{
    fixture *f = *state;
    char *path = mt_asprintf("%s/no/such/report.pdf", f->dir);
    mt_atomic a;
    assert_int_equal(mt_atomic_begin_path(&a, path), MT_ERROR_FILE_WRITE);
    assert_int_equal(errno, ENOENT);
    assert_null(a.target);
    assert_int_equal(count_entries(f->dir), 0);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dash_is_standard_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_written_directly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pipe_written_directly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_keeps_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regular_file_replaced_and_cleaned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stream_is_unnamed_until_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mode_follows_umask, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
