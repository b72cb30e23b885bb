/*
 * test_inifile.c - the reader every loader shares: a file that is not text
 * (a PDF, a workbook, UTF-16, another encoding, binary data) is told apart
 * from text with a few stray bad bytes, and refused in one diagnostic.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "maturity/error.h"
#include "maturity/inifile.h"
#include "maturity/util.h"

static const char answers[] =
    "[meta]\nquestionnaire = digital-marketing\nversion = 1.0\n"
    "organisation = Société Générale\nrespondent = שרה לוי\n"
    "[answers]\nmeasured_on = 2\nfunnel_focus = 4\n";

/* n bytes: text repeated, so that a sample is made of many lines. */
static char *repeat(const char *text, size_t n)
{
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    size_t len = strlen(text);
    for (size_t i = 0; i < n; i++)
        buf[i] = text[i % len];
    buf[n] = '\0';
    return buf;
}

static void expect_reason(const char *data, size_t size, const char *part)
{
    const char *why = mt_not_text_reason(data, size);
    if (!why || !strstr(why, part))
        fail_msg("expected '%s', got '%s'", part, why ? why : "(text)");
}

static void test_text_is_text(void **state)
{
    (void)state;
    assert_null(mt_not_text_reason("", 0));
    assert_null(mt_not_text_reason(answers, strlen(answers)));
    char *many = repeat(answers, 3 * MT_SNIFF_BYTES);
    assert_null(mt_not_text_reason(many, 3 * MT_SNIFF_BYTES));
    /* a byte-order mark, CRLF, tabs and the ESC of hostile text are text */
    static const char odd[] = "\xEF\xBB\xBF[meta]\r\norganisation =\tEvil \x1b[31mRED\r\n";
    assert_null(mt_not_text_reason(odd, sizeof odd - 1));
    /* a sample cut in the middle of a character is not a bad byte */
    assert_null(mt_not_text_reason("name = \xD7\xA9\xD7", 10));
    free(many);
}

/* Stray bad bytes, on fewer than MT_SNIFF_FEW_PIECES lines, are the line
 * checks' to name; on more lines, and more than the valid non-ASCII ones,
 * the file is not text. A long line counts in parts of 256 bytes. */
static void test_stray_bytes_are_left_to_the_lines(void **state)
{
    (void)state;
    char *text = repeat("[answers]\nl1 = 3\nnote = plain ascii words\n", 4000);
    size_t line = 0, bad = 0;
    for (size_t i = 0; i < 4000 && bad < MT_SNIFF_FEW_PIECES - 1; i++)
        if (text[i] == '\n' && ++line % 10 == 0)
            text[i - 1] = bad++ % 2 ? '\0' : '\xFF';
    assert_null(mt_not_text_reason(text, 4000));
    /* one line more: stray no more */
    for (size_t i = 3000; i < 4000; i++)
        if (text[i] == '\n') {
            text[i - 1] = '\0';
            break;
        }
    expect_reason(text, 4000, "this is not a text file (it looks like binary data)");
    free(text);
    /* UTF-8 text beyond ASCII (Hebrew, accents) outweighs as many bad lines */
    text = repeat(answers, 4000);
    line = bad = 0;
    for (size_t i = 0; i < 4000 && bad < MT_SNIFF_FEW_PIECES + 2; i++)
        if (text[i] == '\n' && ++line % 8 == 0)
            text[i - 1] = (bad++, '\xC3');
    assert_null(mt_not_text_reason(text, 4000));
    free(text);
    /* a lead byte whose line ends before its character does is bad */
    text = repeat("note = caf\xC3\n", 4000);
    expect_reason(text, 4000, "another encoding");
    free(text);
    /* a block of NULs on one line, as a crash can leave: the line's to name */
    text = repeat(answers, 3000);
    memset(text + 2000, 0, 1000);
    assert_null(mt_not_text_reason(text, 3000));
    free(text);
    /* but bad bytes all along a few long lines (a CSV row) are not stray */
    text = repeat("Soci\xE9t\xE9 G\xE9n\xE9rale,", 8000);
    text[2999] = text[5999] = '\n';
    expect_reason(text, 8000, "another encoding");
    free(text);
}

static void test_signatures(void **state)
{
    (void)state;
    static const char pdf[] = "%PDF-1.4\n%\xB7\xBE\xAD\xAA\n1 0 obj\n<<\n/Type /Catalog\n";
    expect_reason(pdf, sizeof pdf - 1, "this is not a text file (it looks like a PDF document)");
    static const char xlsx[] = "PK\x03\x04\x14\0\0\0\x08\0\0\0!\0[Content_Types].xml"
                               "\x8d\x90PK\x03\x04\x14\0\0\0xl/workbook.xml";
    expect_reason(xlsx, sizeof xlsx - 1, "(it looks like an XLSX workbook)");
    static const char docx[] = "PK\x03\x04\x14\0\0\0\x08\0word/document.xml";
    expect_reason(docx, sizeof docx - 1, "(it looks like a DOCX document)");
    static const char zip[] = "PK\x03\x04\x14\0\0\0\x08\0answers.ini";
    expect_reason(zip, sizeof zip - 1, "(it looks like an XLSX workbook or other ZIP file)");
    expect_reason("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, "a PNG image");
    expect_reason("\xFF\xD8\xFF\xE0\0\x10JFIF", 10, "a JPEG image");
    expect_reason("\x1F\x8B\x08\0", 4, "a gzip-compressed file");
    expect_reason("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, ".xls or .doc");
    /* a signature needs all its bytes */
    assert_null(mt_not_text_reason("%PDF", 4));
}

static void test_encodings(void **state)
{
    (void)state;
    static const char bom16[] = "\xFF\xFE[\0m\0e\0t\0a\0]\0";
    expect_reason(bom16, sizeof bom16 - 1, "it looks like UTF-16 text): save it as UTF-8");
    /* UTF-16 without a mark: a NUL in every other byte */
    char le[400];
    for (size_t i = 0; i < sizeof le; i += 2) {
        le[i] = "[answers]\nl1 = 3\n"[i / 2 % 17];
        le[i + 1] = '\0';
    }
    expect_reason(le, sizeof le, "UTF-16");
    /* Windows-1252: bad bytes in many lines, and no control codes */
    char *latin = repeat("organisation = Soci\xE9t\xE9 G\xE9n\xE9rale\n", 2000);
    expect_reason(latin, 2000, "(it looks like text in another encoding, such as Windows-1252");
    free(latin);
}

static void test_binary(void **state)
{
    (void)state;
    char zeros[4096] = { 0 };
    expect_reason(zeros, sizeof zeros, "this is not a text file (it is almost all NUL bytes)");
    char bytes[4096];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (char)(i * 7 % 256);
    expect_reason(bytes, sizeof bytes, "this is not a text file (it looks like binary data)");
    /* without NUL bytes: mostly invalid UTF-8, with control codes */
    for (size_t i = 0; i < sizeof bytes; i++)
        if (!bytes[i])
            bytes[i] = 1;
    expect_reason(bytes, sizeof bytes, "(it looks like binary data)");
    /* only the first MT_SNIFF_BYTES count */
    char *late = repeat(answers, 2 * MT_SNIFF_BYTES);
    memset(late + MT_SNIFF_BYTES, 0, MT_SNIFF_BYTES);
    assert_null(mt_not_text_reason(late, 2 * MT_SNIFF_BYTES));
    free(late);
}

static char *write_temp(char *dir, const char *data, size_t n)
{
    assert_non_null(mkdtemp(dir));
    char *path = mt_asprintf("%s/f", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    fclose(fp);
    return path;
}

/* The reader gives one diagnostic for the whole file and MT_ERROR_NOT_TEXT
 * (exit 1); before its size: a large PDF is named a PDF. */
static void test_read_file_refuses_one_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/maturity-test-ini-XXXXXX";
    size_t n = 200000;
    char *pdf = repeat("%PDF-1.4\n\x9c\xff\x01 stream\n", n);
    char *path = write_temp(dir, pdf, n);
    char *text = (char *)1;
    size_t size = 1;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(mt_read_file(path, 64 * 1024, &text, &size, &d), MT_ERROR_NOT_TEXT);
    assert_null(text);
    assert_int_equal(size, 0);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 0);
    assert_string_equal(d.items[0].file, path);
    assert_string_equal(d.items[0].message,
                        "this is not a text file (it looks like a PDF document)");
    assert_string_equal(mt_strerror(MT_ERROR_NOT_TEXT), "The file is not a text file.");
    mt_diags_free(&d);
    /* read as bytes (the fuzz corpus), it is read whole */
    mt_diags_init(&d);
    assert_int_equal(mt_read_bytes(path, 1024 * 1024, &text, &size, &d), MT_OK);
    assert_int_equal(size, n);
    assert_memory_equal(text, pdf, n);
    assert_int_equal(d.count, 0);
    free(text);
    mt_diags_free(&d);
    unlink(path);
    rmdir(dir);
    free(path);
    free(pdf);
}

/* A limit under a mebibyte is said in KiB, not as "0 MiB". */
static void test_size_limit_in_kib(void **state)
{
    (void)state;
    char dir[] = "/tmp/maturity-test-ini-XXXXXX";
    char *big = repeat(answers, 70 * 1024);
    char *path = write_temp(dir, big, 70 * 1024);
    char *text = NULL;
    size_t size = 0;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(mt_read_file(path, 64 * 1024, &text, &size, &d), MT_ERROR_FILE_OPEN);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].message, "file is larger than 64 KiB"));
    mt_diags_free(&d);
    mt_diags_init(&d);
    assert_int_equal(mt_read_file(path, 1024 * 1024, &text, &size, &d), MT_OK);
    assert_int_equal(size, 70 * 1024);
    free(text);
    mt_diags_free(&d);
    unlink(path);
    rmdir(dir);
    free(path);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_is_text),
        cmocka_unit_test(test_stray_bytes_are_left_to_the_lines),
        cmocka_unit_test(test_signatures),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_read_file_refuses_one_line),
        cmocka_unit_test(test_size_limit_in_kib),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
