/*
 * test_limits.c - limits that keep hostile input bounded: the number of
 * diagnostics kept, reading a named pipe no one writes to, and one file
 * given twice to a command that counts files.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maturity/error.h"
#include "maturity/group.h"
#include "maturity/inifile.h"
#include "maturity/util.h"

static void test_diags_capped_but_counted(void **state)
{
    (void)state;
    mt_diags d;
    mt_diags_init(&d);
    for (int i = 0; i < MT_DIAGS_MAX + 250; i++)
        mt_diags_add(&d, "f.ini", i + 1, i % 2 ? MT_SEV_WARNING : MT_SEV_ERROR, "line %d", i);
    assert_int_equal(d.count, MT_DIAGS_MAX);
    assert_int_equal(d.dropped, 250);
    assert_int_equal(d.errors + d.warnings, MT_DIAGS_MAX + 250);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    mt_diags_print(&d, fp);
    fclose(fp);
    assert_non_null(strstr(buf, "f.ini:1: error: line 0\n"));
    assert_non_null(strstr(buf, "maturity: note: 250 more problems not shown\n"));
    assert_null(strstr(buf, "line 600"));
    free(buf);
    mt_diags_free(&d);
    assert_int_equal(d.dropped, 0);
}

static void on_alarm(int sig)
{
    (void)sig;
    fail_msg("reading a named pipe without a writer did not return");
}

static void test_fifo_without_writer_reads_empty(void **state)
{
    (void)state;
    char dir[] = "/tmp/mt-limits-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *fifo = mt_asprintf("%s/fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    signal(SIGALRM, on_alarm);
    alarm(5);
    mt_diags d;
    mt_diags_init(&d);
    char *text = NULL;
    size_t size = 99;
    assert_int_equal(mt_read_file(fifo, 1024, &text, &size, &d), MT_OK);
    alarm(0);
    assert_int_equal(size, 0);
    assert_string_equal(text, "");
    free(text);
    mt_diags_free(&d);
    unlink(fifo);
    rmdir(dir);
    free(fifo);
}

static void test_same_file_twice_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/mt-limits-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *a = mt_asprintf("%s/a.ini", dir);
    char *b = mt_asprintf("%s/b.ini", dir);
    char *a2 = mt_asprintf("%s/./a.ini", dir);
    FILE *fp = fopen(a, "w");
    fclose(fp);
    fp = fopen(b, "w");
    fclose(fp);
    mt_diags d;
    mt_diags_init(&d);
    char **paths = NULL;
    size_t n = 0;
    char *distinct[] = { a, b };
    assert_int_equal(group_expand_paths(distinct, 2, &paths, &n, &d), MT_OK);
    assert_int_equal(n, 2);
    group_free_paths(paths, n);
    char *twice[] = { a, b, a2 };
    assert_int_equal(group_expand_paths(twice, 3, &paths, &n, &d), MT_ERROR_USAGE);
    assert_null(paths);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "given twice"));
    char *folder_and_file[] = { dir, b };
    assert_int_equal(group_expand_paths(folder_and_file, 2, &paths, &n, &d), MT_ERROR_USAGE);
    mt_diags_free(&d);
    unlink(a);
    unlink(b);
    rmdir(dir);
    free(a);
    free(b);
    free(a2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diags_capped_but_counted),
        cmocka_unit_test(test_fifo_without_writer_reads_empty),
        cmocka_unit_test(test_same_file_twice_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
