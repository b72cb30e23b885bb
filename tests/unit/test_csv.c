/*
 * test_csv.c - the CSV reader: quoting, line ends, BOM, row and line
 * numbers, and the per-row problems (invalid UTF-8, NUL, size limits).
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "maturity/csv.h"

static mt_csv *parse_delim(const char *text, size_t size, char delim)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_csv *t = NULL;
    mt_error err = csv_parse("t.csv", text, size, delim, &t, &d);
    assert_int_equal(err, MT_OK);
    assert_int_equal(d.errors, 0);
    mt_diags_free(&d);
    return t;
}

static mt_csv *parse(const char *text)
{
    return parse_delim(text, strlen(text), ',');
}

static void assert_row(const mt_csv *t, size_t i, size_t n, ...)
{
    assert_true(i < t->nrows);
    const mt_csv_row *r = &t->rows[i];
    assert_null(r->error);
    assert_int_equal(r->nfields, n);
    va_list ap;
    va_start(ap, n);
    for (size_t k = 0; k < n; k++)
        assert_string_equal(r->fields[k], va_arg(ap, const char *));
    va_end(ap);
}

static void test_plain_rows(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b,c\n1,2,3\n");
    assert_int_equal(t->nrows, 2);
    assert_row(t, 0, 3, "a", "b", "c");
    assert_row(t, 1, 3, "1", "2", "3");
    assert_int_equal(t->rows[0].row, 1);
    assert_int_equal(t->rows[1].row, 2);
    assert_int_equal(t->rows[1].line, 2);
    csv_free(t);
}

static void test_quoted_commas_and_quotes(void **state)
{
    (void)state;
    mt_csv *t = parse("name,answer\n\"Galil Foods, Ltd.\",\"She said \"\"yes\"\", twice\"\n");
    assert_row(t, 1, 2, "Galil Foods, Ltd.", "She said \"yes\", twice");
    csv_free(t);
}

static void test_newlines_inside_quotes_keep_line_numbers(void **state)
{
    (void)state;
    mt_csv *t = parse("h1,h2\n\"one\ntwo\r\nthree\",x\nnext,row\n");
    assert_int_equal(t->nrows, 3);
    assert_row(t, 1, 2, "one\ntwo\nthree", "x");
    assert_int_equal(t->rows[1].line, 2);
    /* the record after a three-line field starts on line 5 */
    assert_int_equal(t->rows[2].row, 3);
    assert_int_equal(t->rows[2].line, 5);
    csv_free(t);
}

static void test_crlf_and_no_final_newline(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b\r\n1,2\r\n3,4");
    assert_int_equal(t->nrows, 3);
    assert_row(t, 1, 2, "1", "2");
    assert_row(t, 2, 2, "3", "4");
    assert_int_equal(t->rows[2].line, 3);
    csv_free(t);
}

static void test_lone_cr_line_ends(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b\r1,2\r");
    assert_int_equal(t->nrows, 2);
    assert_row(t, 1, 2, "1", "2");
    csv_free(t);
}

static void test_bom_is_skipped(void **state)
{
    (void)state;
    mt_csv *t = parse("\xEF\xBB\xBFTimestamp,Q1\n1,2\n");
    assert_row(t, 0, 2, "Timestamp", "Q1");
    csv_free(t);
}

static void test_empty_fields_and_blank_lines(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b,c\n\n,,\n\"\",x,\n\n");
    assert_int_equal(t->nrows, 3);
    assert_row(t, 1, 3, "", "", "");
    assert_int_equal(t->rows[1].line, 3);
    assert_row(t, 2, 3, "", "x", "");
    csv_free(t);
}

static void test_hebrew_fields(void **state)
{
    (void)state;
    mt_csv *t = parse("ארגון,תפקיד\n\"מעדני הגליל, בע\"\"מ\",מנהלת שיווק\n");
    assert_row(t, 0, 2, "ארגון", "תפקיד");
    assert_row(t, 1, 2, "מעדני הגליל, בע\"מ", "מנהלת שיווק");
    csv_free(t);
}

static void test_other_delimiters(void **state)
{
    (void)state;
    const char semi[] = "a;b\n\"x;y\";2\n";
    mt_csv *t = parse_delim(semi, strlen(semi), ';');
    assert_row(t, 1, 2, "x;y", "2");
    csv_free(t);
    const char tab[] = "a\tb\nx,y\t2\n";
    t = parse_delim(tab, strlen(tab), '\t');
    assert_row(t, 1, 2, "x,y", "2");
    csv_free(t);
}

static void test_stray_quote_in_unquoted_field_is_kept(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b\n5\" screen,2\n");
    assert_row(t, 1, 2, "5\" screen", "2");
    csv_free(t);
}

static void test_invalid_utf8_marks_the_row_with_its_line(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b\ngood,row\n\"multi\nline\",bad\xC3(\nafter,ok\n");
    assert_int_equal(t->nrows, 4);
    assert_null(t->rows[1].error);
    const mt_csv_row *r = &t->rows[2];
    assert_non_null(r->error);
    assert_non_null(strstr(r->error, "UTF-8"));
    assert_int_equal(r->row, 3);
    assert_int_equal(r->line, 3);
    assert_int_equal(r->error_col, 1);
    assert_int_equal(r->error_line, 4);
    /* reading went on */
    assert_row(t, 3, 2, "after", "ok");
    csv_free(t);
}

static void test_overlong_and_surrogate_utf8_are_invalid(void **state)
{
    (void)state;
    mt_csv *t = parse("a\n\xC0\xAF\n\xED\xA0\x80\n\xF4\x90\x80\x80\nok\xE2\x82\n");
    assert_int_equal(t->nrows, 5);
    for (size_t i = 1; i < 5; i++)
        assert_non_null(t->rows[i].error);
    csv_free(t);
}

static void test_nul_byte_marks_the_row(void **state)
{
    (void)state;
    const char text[] = "a,b\nx,y\0z\nok,ok\n";
    mt_csv *t = parse_delim(text, sizeof text - 1, ',');
    assert_int_equal(t->nrows, 3);
    assert_non_null(t->rows[1].error);
    assert_non_null(strstr(t->rows[1].error, "NUL"));
    assert_int_equal(t->rows[1].error_col, 1);
    assert_int_equal(t->rows[1].error_line, 2);
    assert_null(t->rows[2].error);
    csv_free(t);
}

static void test_text_after_closing_quote(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b\n\"x\"y,2\n3,4\n");
    assert_non_null(t->rows[1].error);
    assert_non_null(strstr(t->rows[1].error, "closing quote"));
    assert_int_equal(t->rows[1].error_col, 0);
    assert_row(t, 2, 2, "3", "4");
    csv_free(t);
}

static void test_field_too_long(void **state)
{
    (void)state;
    size_t n = MT_CSV_MAX_FIELD + 10;
    char *text = malloc(n + 32);
    assert_non_null(text);
    strcpy(text, "a,b\nx,");
    size_t len = strlen(text);
    memset(text + len, 'z', n);
    len += n;
    memcpy(text + len, "\nok,ok\n", 8);
    len += 7;
    mt_csv *t = parse_delim(text, len, ',');
    free(text);
    assert_int_equal(t->nrows, 3);
    assert_non_null(t->rows[1].error);
    assert_non_null(strstr(t->rows[1].error, "longer than"));
    assert_int_equal(t->rows[1].error_col, 1);
    assert_null(t->rows[2].error);
    csv_free(t);
}

static void test_too_many_fields(void **state)
{
    (void)state;
    size_t n = MT_CSV_MAX_FIELDS + 5;
    char *text = malloc(2 * n + 16);
    assert_non_null(text);
    size_t len = 0;
    text[len++] = 'a';
    text[len++] = '\n';
    for (size_t i = 0; i < n; i++) {
        text[len++] = 'x';
        text[len++] = ',';
    }
    text[len++] = '\n';
    mt_csv *t = parse_delim(text, len, ',');
    free(text);
    assert_int_equal(t->nrows, 2);
    assert_non_null(t->rows[1].error);
    assert_int_equal(t->rows[1].error_col, -1);
    assert_non_null(strstr(t->rows[1].error, "fields"));
    csv_free(t);
}

static void test_unclosed_quote_is_a_file_error(void **state)
{
    (void)state;
    mt_diags d;
    mt_diags_init(&d);
    mt_csv *t = (mt_csv *)1;
    const char text[] = "a,b\n1,2\n3,\"never\nclosed\n";
    mt_error err = csv_parse("t.csv", text, strlen(text), ',', &t, &d);
    assert_int_equal(err, MT_ERROR_ANSWERS);
    assert_null(t);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].message, "row 3"));
    assert_non_null(strstr(d.items[0].message, "never closed"));
    mt_diags_free(&d);
}

static void test_empty_file_is_an_error(void **state)
{
    (void)state;
    mt_diags d;
    mt_diags_init(&d);
    mt_csv *t = NULL;
    assert_int_equal(csv_parse("t.csv", "\xEF\xBB\xBF\n\n", 5, ',', &t, &d), MT_ERROR_ANSWERS);
    assert_null(t);
    assert_non_null(strstr(d.items[0].message, "header"));
    mt_diags_free(&d);
}

static void test_missing_file(void **state)
{
    (void)state;
    mt_diags d;
    mt_diags_init(&d);
    mt_csv *t = NULL;
    assert_int_equal(csv_load_file("/nonexistent/x.csv", ',', &t, &d), MT_ERROR_FILE_OPEN);
    assert_null(t);
    assert_int_equal(d.errors, 1);
    mt_diags_free(&d);
}

static void test_csv_field_past_the_end(void **state)
{
    (void)state;
    mt_csv *t = parse("a,b,c\n1\n");
    assert_string_equal(csv_field(&t->rows[1], 0), "1");
    assert_string_equal(csv_field(&t->rows[1], 2), "");
    csv_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_rows),
        cmocka_unit_test(test_quoted_commas_and_quotes),
        cmocka_unit_test(test_newlines_inside_quotes_keep_line_numbers),
        cmocka_unit_test(test_crlf_and_no_final_newline),
        cmocka_unit_test(test_lone_cr_line_ends),
        cmocka_unit_test(test_bom_is_skipped),
        cmocka_unit_test(test_empty_fields_and_blank_lines),
        cmocka_unit_test(test_hebrew_fields),
        cmocka_unit_test(test_other_delimiters),
        cmocka_unit_test(test_stray_quote_in_unquoted_field_is_kept),
        cmocka_unit_test(test_invalid_utf8_marks_the_row_with_its_line),
        cmocka_unit_test(test_overlong_and_surrogate_utf8_are_invalid),
        cmocka_unit_test(test_nul_byte_marks_the_row),
        cmocka_unit_test(test_text_after_closing_quote),
        cmocka_unit_test(test_field_too_long),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_unclosed_quote_is_a_file_error),
        cmocka_unit_test(test_empty_file_is_an_error),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_csv_field_past_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
