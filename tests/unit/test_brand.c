/*
 * test_brand.c - the --brand file: every field, every error with its line.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "maturity/brand.h"
#include "maturity/cli.h"
#include "maturity/util.h"

/* A folder with a PNG, a JPEG and a text file posing as a logo. */
static char folder[64];
static char brand_name[128];   /* where the brand "file" lives, for resolving the logo */

static void write_file(const char *name, const void *data, size_t n)
{
    char *path = mt_asprintf("%s/%s", folder, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    fclose(fp);
    free(path);
}

static int setup(void **state)
{
    (void)state;
    strcpy(folder, "/tmp/test-brand-XXXXXX");
    if (!mkdtemp(folder))
        return -1;
    static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0 };
    /* start of image, an APP0 segment, then the frame header: 80 x 240, 3 components */
    static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0,
                                          1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 17, 8,
                                          0, 80, 0, 240, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 };
    /* a JPEG start with no frame header after it */
    static const unsigned char bad_jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F' };
    write_file("logo.png", png, sizeof png);
    write_file("logo.jpg", jpeg, sizeof jpeg);
    write_file("bad.jpg", bad_jpeg, sizeof bad_jpeg);
    write_file("logo.txt", "not a picture", 13);
    snprintf(brand_name, sizeof brand_name, "%s/brand.ini", folder);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const files[] = { "logo.png", "logo.jpg", "bad.jpg", "logo.txt",
                                         "brand.ini" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *path = mt_asprintf("%s/%s", folder, files[i]);
        unlink(path);
        free(path);
    }
    rmdir(folder);
    return 0;
}

static mt_error load(const char *text, mt_brand **b, mt_diags *d)
{
    mt_diags_init(d);
    return brand_load_string(brand_name, text, strlen(text), b, d);
}

/* The first error must be on `line` and mention `words`. */
static void expect_error(const char *text, mt_error expected, int line, const char *words)
{
    mt_brand *b = NULL;
    mt_diags d;
    mt_error err = load(text, &b, &d);
    assert_int_equal(err, expected);
    assert_null(b);
    assert_true(d.errors >= 1);
    size_t i = 0;
    while (i < d.count && d.items[i].severity != MT_SEV_ERROR)
        i++;
    assert_true(i < d.count);
    assert_int_equal(d.items[i].line, line);
    if (!strstr(d.items[i].message, words))
        fail_msg("message '%s' does not mention '%s'", d.items[i].message, words);
    mt_diags_free(&d);
}

static void test_full_brand(void **state)
{
    (void)state;
    mt_brand *b = NULL;
    mt_diags d;
    mt_error err = load("; a comment\n"
                        "[brand]\n"
                        "consultant = Ravid Consulting\n"
                        "consultant.he = \xD7\xA8\xD7\x91\xD7\x99\xD7\x93\n"
                        "contact = dana@example.com\n"
                        "logo = logo.png\n"
                        "colour = #1f5C99\n", &b, &d);
    assert_int_equal(err, MT_OK);
    assert_non_null(b);
    assert_int_equal(d.errors, 0);
    assert_string_equal(brand_text_get(&b->consultant, "en"), "Ravid Consulting");
    assert_string_equal(brand_text_get(&b->consultant, "he"), "\xD7\xA8\xD7\x91\xD7\x99\xD7\x93");
    assert_string_equal(brand_text_get(&b->consultant, "fr"), "Ravid Consulting");
    assert_string_equal(brand_text_get(&b->contact, "he"), "dana@example.com");
    assert_true(b->has_colour);
    assert_int_equal(b->colour[0], 0x1f);
    assert_int_equal(b->colour[1], 0x5c);
    assert_int_equal(b->colour[2], 0x99);
    char *logo = mt_asprintf("%s/logo.png", folder);
    assert_string_equal(b->logo, logo);
    assert_int_equal(b->logo_format, MT_LOGO_PNG);
    free(logo);
    brand_free(b);
    mt_diags_free(&d);
}

static void test_empty_brand_is_valid(void **state)
{
    (void)state;
    mt_brand *b = NULL;
    mt_diags d;
    assert_int_equal(load("[brand]\n", &b, &d), MT_OK);
    assert_null(brand_text_get(&b->consultant, "en"));
    assert_null(b->logo);
    assert_false(b->has_colour);
    brand_free(b);
    mt_diags_free(&d);
}

static void test_jpeg_logo_and_american_spelling(void **state)
{
    (void)state;
    mt_brand *b = NULL;
    mt_diags d;
    assert_int_equal(load("[brand]\nlogo = logo.jpg\ncolor = #000000\n", &b, &d), MT_OK);
    assert_int_equal(b->logo_format, MT_LOGO_JPEG);
    assert_true(b->has_colour);
    brand_free(b);
    mt_diags_free(&d);
}

static void test_escapes_and_continuation(void **state)
{
    (void)state;
    mt_brand *b = NULL;
    mt_diags d;
    assert_int_equal(load("[brand]\n"
                          "contact = 12 Harbour Road\\nHaifa \\; Israel\n"
                          "consultant = Ravid\n"
                          "    Consulting Group\n", &b, &d), MT_OK);
    assert_string_equal(brand_text_get(&b->contact, NULL), "12 Harbour Road\nHaifa ; Israel");
    assert_string_equal(brand_text_get(&b->consultant, NULL), "Ravid Consulting Group");
    brand_free(b);
    mt_diags_free(&d);
}

static void test_only_translation_is_used_as_fallback(void **state)
{
    (void)state;
    mt_brand *b = NULL;
    mt_diags d;
    assert_int_equal(load("[brand]\nconsultant.he = \xD7\x90\n", &b, &d), MT_OK);
    assert_string_equal(brand_text_get(&b->consultant, "en"), "\xD7\x90");
    brand_free(b);
    mt_diags_free(&d);
}

static void test_bad_colour(void **state)
{
    (void)state;
    expect_error("[brand]\nconsultant = X\ncolour = blue\n", MT_ERROR_BRAND, 3, "#RRGGBB");
    expect_error("[brand]\ncolour = #12345\n", MT_ERROR_BRAND, 2, "#RRGGBB");
    expect_error("[brand]\ncolour = #12345G\n", MT_ERROR_BRAND, 2, "#RRGGBB");
}

static void test_light_colour_warns(void **state)
{
    (void)state;
    mt_brand *b = NULL;
    mt_diags d;
    assert_int_equal(load("[brand]\ncolour = #FAFAF0\n", &b, &d), MT_OK);
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_non_null(strstr(d.items[0].message, "light"));
    brand_free(b);
    mt_diags_free(&d);
}

static void test_unknown_key_and_section(void **state)
{
    (void)state;
    expect_error("[brand]\nconsultant = X\nslogan = Y\n", MT_ERROR_BRAND, 3, "slogan");
    expect_error("[brand]\nconsultant = X\n\n[colours]\nmain = #000000\n", MT_ERROR_BRAND,
                 4, "[colours]");
    expect_error("[brand]\nconsultant.HE = X\n", MT_ERROR_BRAND, 2, "language");
}

static void test_duplicate_key(void **state)
{
    (void)state;
    expect_error("[brand]\nconsultant = X\nconsultant = Y\n", MT_ERROR_BRAND, 3, "twice");
    expect_error("[brand]\ncontact.he = X\ncontact.he = Y\n", MT_ERROR_BRAND, 3, "twice");
    expect_error("[brand]\nlogo = logo.png\nlogo = logo.jpg\n", MT_ERROR_BRAND, 3, "twice");
}

static void test_missing_logo(void **state)
{
    (void)state;
    expect_error("[brand]\nconsultant = X\nlogo = nowhere.png\n", MT_ERROR_FILE_OPEN, 3,
                 "nowhere.png");
}

static void test_logo_not_a_picture(void **state)
{
    (void)state;
    expect_error("[brand]\nlogo = logo.txt\n", MT_ERROR_BRAND, 2, "neither a PNG nor a JPEG");
}

static void test_jpeg_without_frame_is_damaged(void **state)
{
    (void)state;
    expect_error("[brand]\nconsultant = X\nlogo = bad.jpg\n", MT_ERROR_BRAND, 3,
                 "damaged JPEG");
}

static void test_logo_relative_to_brand_file(void **state)
{
    (void)state;
    /* the same logo name, looked up beside another brand file, is not found */
    mt_brand *b = NULL;
    mt_diags d;
    mt_diags_init(&d);
    const char *text = "[brand]\nlogo = logo.png\n";
    assert_int_equal(brand_load_string("/nonexistent-folder/brand.ini", text, strlen(text), &b, &d),
                     MT_ERROR_FILE_OPEN);
    assert_non_null(strstr(d.items[0].message, "/nonexistent-folder/logo.png"));
    mt_diags_free(&d);
}

static void test_load_file(void **state)
{
    (void)state;
    const char *text = "[brand]\nconsultant = From a file\nlogo = logo.png\n";
    write_file("brand.ini", text, strlen(text));
    mt_brand *b = NULL;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(brand_load_file(brand_name, &b, &d), MT_OK);
    assert_string_equal(brand_text_get(&b->consultant, "en"), "From a file");
    assert_int_equal(b->logo_format, MT_LOGO_PNG);
    brand_free(b);
    assert_int_equal(brand_load_file("/nonexistent-folder/brand.ini", &b, &d), MT_ERROR_FILE_OPEN);
    assert_null(b);
    assert_true(d.errors >= 1);
    mt_diags_free(&d);
}

static void test_syntax_error_has_line(void **state)
{
    (void)state;
    mt_brand *b = NULL;
    mt_diags d;
    assert_int_equal(load("[brand]\nconsultant = X\nthis line has no equals sign\n", &b, &d),
                     MT_ERROR_BRAND);
    assert_null(b);
    assert_true(d.errors >= 1);
    assert_int_equal(d.items[0].line, 3);
    mt_diags_free(&d);
}

/* Whatever is wrong in a brand file, the closing line of a command that
 * could not use it names the brand file, not INI, and the exit is 1; a
 * logo that cannot be read stays a missing input. */
static void test_every_problem_is_a_brand_error(void **state)
{
    (void)state;
    assert_non_null(strstr(mt_strerror(MT_ERROR_BRAND), "brand file"));
    assert_null(strstr(mt_strerror(MT_ERROR_BRAND), "INI"));
    assert_int_equal(cli_exit_code(MT_ERROR_BRAND), MT_EXIT_INVALID);
    expect_error("[brand\n", MT_ERROR_BRAND, 1, "closing ']'");
    expect_error("[brand]\ncolour = #1G5C9\n", MT_ERROR_BRAND, 2, "#RRGGBB");
    /* a syntax error and a bad colour: still the brand file */
    expect_error("[brand]\ncolour = red\nbroken line\n", MT_ERROR_BRAND, 3, "key = value");
    expect_error("[brand]\ncolour = red\nlogo = nowhere.png\n", MT_ERROR_FILE_OPEN, 2, "#RRGGBB");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_brand),
        cmocka_unit_test(test_empty_brand_is_valid),
        cmocka_unit_test(test_jpeg_logo_and_american_spelling),
        cmocka_unit_test(test_escapes_and_continuation),
        cmocka_unit_test(test_only_translation_is_used_as_fallback),
        cmocka_unit_test(test_bad_colour),
        cmocka_unit_test(test_light_colour_warns),
        cmocka_unit_test(test_unknown_key_and_section),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_missing_logo),
        cmocka_unit_test(test_logo_not_a_picture),
        cmocka_unit_test(test_jpeg_without_frame_is_damaged),
        cmocka_unit_test(test_logo_relative_to_brand_file),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_syntax_error_has_line),
        cmocka_unit_test(test_every_problem_is_a_brand_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
