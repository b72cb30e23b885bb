/*
 * test_core.c - the error table, UTF-8 and number helpers, atomic writes.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maturity/atomic.h"
#include "maturity/error.h"
#include "maturity/labels.h"
#include "maturity/util.h"

static void test_strerror_table(void **state)
{
    (void)state;
    for (int e = MT_OK; e < MT_ERROR_MAX; e++) {
        const char *m = mt_strerror((mt_error)e);
        assert_non_null(m);
        assert_string_not_equal(m, "Unknown error number.");
    }
    assert_string_equal(mt_strerror(MT_ERROR_MAX), "Unknown error number.");
    assert_string_equal(mt_strerror((mt_error)-1), "Unknown error number.");
    assert_string_equal(mt_strerror((mt_error)9999), "Unknown error number.");
}

static void test_diags_sorted_and_counted(void **state)
{
    (void)state;
    mt_diags d;
    mt_diags_init(&d);
    mt_diags_add(&d, "f", 9, MT_SEV_ERROR, "third %d", 3);
    mt_diags_add(&d, "f", 2, MT_SEV_WARNING, "first");
    mt_diags_add(&d, "f", 9, MT_SEV_ERROR, "fourth");
    mt_diags_add(&d, "f", 5, MT_SEV_ERROR, "second");
    mt_diags_sort_from(&d, 0);
    assert_int_equal(d.errors, 3);
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].message, "first");
    assert_string_equal(d.items[1].message, "second");
    assert_string_equal(d.items[2].message, "third 3");
    assert_string_equal(d.items[3].message, "fourth");
    mt_diags_free(&d);
}

static void test_utf8(void **state)
{
    (void)state;
    assert_int_equal(mt_utf8_len("abc"), 3);
    assert_int_equal(mt_utf8_len("שלום"), 4);
    assert_int_equal(mt_utf8_len("a—b"), 3);
    assert_true(mt_utf8_valid("שלום 😀", strlen("שלום 😀")));
    assert_false(mt_utf8_valid("\xff", 1));
    assert_false(mt_utf8_valid("\xc0\xaf", 2));           /* overlong '/' */
    assert_false(mt_utf8_valid("\xed\xa0\x80", 3));       /* surrogate */
    assert_false(mt_utf8_valid("\xd7", 1));               /* truncated */
    const char *s = "אב";
    assert_int_equal(mt_utf8_floor(s, 1), 0);
    assert_int_equal(mt_utf8_floor(s, 3), 2);
}

static void test_numbers(void **state)
{
    (void)state;
    double v;
    long l;
    assert_true(mt_parse_double("12.5", &v) && v == 12.5);
    assert_true(mt_parse_double("-3", &v) && v == -3);
    assert_false(mt_parse_double("", &v));
    assert_false(mt_parse_double("12abc", &v));
    assert_false(mt_parse_double("nan", &v));
    assert_false(mt_parse_double("inf", &v));
    assert_false(mt_parse_double("0x10", &v));
    assert_false(mt_parse_double("1e999", &v));
    assert_true(mt_parse_int("42", &l) && l == 42);
    assert_false(mt_parse_int("4.2", &l));
    assert_false(mt_parse_int("99999999999999999999999", &l));
}

static void test_ids(void **state)
{
    (void)state;
    assert_true(mt_valid_id("data_obsession"));
    assert_true(mt_valid_id("a-1"));
    assert_false(mt_valid_id("A"));
    assert_false(mt_valid_id("-a"));
    assert_false(mt_valid_id(""));
    assert_false(mt_valid_id("a b"));
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' || strlen(e->d_name) > 2)
            n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void test_atomic_write_replaces_whole_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/mt-atomic-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = mt_asprintf("%s/out.txt", dir);
    assert_int_equal(mt_atomic_write(path, "old", 3), MT_OK);
    assert_int_equal(mt_atomic_write(path, "new!", 4), MT_OK);
    FILE *fp = fopen(path, "r");
    char buf[16] = { 0 };
    assert_int_equal(fread(buf, 1, sizeof buf, fp), 4);
    fclose(fp);
    assert_string_equal(buf, "new!");
    assert_int_equal(count_entries(dir), 1);   /* no temporary file left */

    /* Aborting leaves the previous file as it was, and nothing else. */
    mt_atomic a;
    assert_int_equal(mt_atomic_begin(&a, path), MT_OK);
    fputs("half", a.fp);
    mt_atomic_abort(&a);
    fp = fopen(path, "r");
    memset(buf, 0, sizeof buf);
    assert_int_equal(fread(buf, 1, sizeof buf, fp), 4);
    fclose(fp);
    assert_string_equal(buf, "new!");
    assert_int_equal(count_entries(dir), 1);

    /* A folder that does not exist: an error, nothing created. */
    char *missing = mt_asprintf("%s/no/such/file", dir);
    assert_int_equal(mt_atomic_write(missing, "x", 1), MT_ERROR_FILE_WRITE);
    unlink(path);
    rmdir(dir);
    free(missing);
    free(path);
}

static void test_labels(void **state)
{
    (void)state;
    assert_string_equal(mt_label("en", "common.hybrid"), "Hybrid");
    assert_string_equal(mt_label("he", "common.hybrid"), "היברידי");
    assert_string_equal(mt_label("fr", "common.hybrid"), "Hybrid");   /* falls back */
    assert_string_equal(mt_label("en", "no.such.key"), "no.such.key");
    assert_true(mt_lang_is_rtl("he"));
    assert_true(mt_lang_is_rtl("he-IL"));
    assert_false(mt_lang_is_rtl("en"));
    assert_false(mt_lang_is_rtl("hex"));
}

static void check_label(const char *path, const char *want)
{
    char *got = mt_path_label(path);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* a report names an input by its last part, never by where it is kept */
static void test_path_label(void **state)
{
    (void)state;
    check_label("/root/consulting/norms.ini", "norms.ini");
    check_label("acme-2025.ini", "acme-2025.ini");
    check_label("workshops/2025-03/", "2025-03");
    check_label("old//", "old");
    check_label("/", "/");
    check_label("", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_table),
        cmocka_unit_test(test_diags_sorted_and_counted),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_atomic_write_replaces_whole_file),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_path_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
