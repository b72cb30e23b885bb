/*
 * test_import.c - import maps and the conversion of CSV rows to answers:
 * labels in every language, the map's own labels, multi-choice cells whose
 * options hold commas, "don't know", dates, bad rows with their row, line
 * and column, missing and ambiguous columns, and file names.
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

#include "maturity/import.h"
#include "maturity/util.h"

/* lk (likert, don't know offered), ch (choice of 3, no don't know), mu
 * (multi of 3 whose labels hold commas), nu (number 0..50), tx (text). */
static const char questionnaire_text[] =
    "[questionnaire]\n"
    "id = unit\n"
    "version = 1.0\n"
    "languages = en he\n"
    "title.en = Unit\n"
    "title.he = יחידה\n"
    "description.en = For tests.\n"
    "description.he = לבדיקות.\n"
    "\n"
    "[scale agree5]\n"
    "points = 5\n"
    "dont_know = yes\n"
    "labels.en = Strongly disagree | Disagree | Neither | Agree | Strongly agree\n"
    "labels.he = מתנגד/ת מאוד | מתנגד/ת | ניטרלי | מסכים/ה | מסכים/ה מאוד\n"
    "\n"
    "[section s]\n"
    "title.en = S\n"
    "title.he = ס\n"
    "\n"
    "[bands level]\n"
    "names = low high\n"
    "from = 0 50\n"
    "labels.en = Low | High\n"
    "labels.he = נמוך | גבוה\n"
    "\n"
    "[construct cap]\n"
    "kind = capability\n"
    "name.en = Capability\n"
    "name.he = יכולת\n"
    "description.en = What it measures.\n"
    "description.he = מה נמדד.\n"
    "bands = level\n"
    "\n"
    "[item lk]\n"
    "section = s\n"
    "type = likert\n"
    "scale = agree5\n"
    "text.en = We plan.\n"
    "text.he = אנחנו מתכננים.\n"
    "loads = cap\n"
    "\n"
    "[item ch]\n"
    "section = s\n"
    "type = choice\n"
    "dont_know = no\n"
    "text.en = Which?\n"
    "text.he = איזה?\n"
    "option.1.en = First\n"
    "option.1.he = ראשון\n"
    "option.1.scores = cap 0\n"
    "option.2.en = Second\n"
    "option.2.he = שני\n"
    "option.2.scores = cap 50\n"
    "option.3.en = Third\n"
    "option.3.he = שלישי\n"
    "option.3.scores = cap 100\n"
    "loads = cap\n"
    "\n"
    "[item mu]\n"
    "section = s\n"
    "type = multi\n"
    "text.en = Where?\n"
    "text.he = איפה?\n"
    "option.1.en = Pages, profiles and site\n"
    "option.1.he = דפים\n"
    "option.1.scores = cap 30\n"
    "option.2.en = Pages\n"
    "option.2.he = עמודים\n"
    "option.2.scores = cap 30\n"
    "option.3.en = Forums\n"
    "option.3.he = פורומים\n"
    "option.3.scores = cap 40\n"
    "loads = cap\n"
    "\n"
    "[item nu]\n"
    "section = s\n"
    "type = number\n"
    "text.en = How many?\n"
    "text.he = כמה?\n"
    "min = 0\n"
    "max = 50\n"
    "bands = 0:0, 10:100\n"
    "loads = cap\n"
    "\n"
    "[item tx]\n"
    "section = s\n"
    "type = text\n"
    "text.en = Anything else?\n"
    "text.he = עוד משהו?\n";

static const char base_map[] =
    "[map]\n"
    "questionnaire = unit\n"
    "separator = comma\n"
    "dont_know = Not sure\n"
    "\n"
    "[meta organisation]\n"
    "column = Organisation\n"
    "\n"
    "[meta respondent]\n"
    "column_number = 2\n"
    "\n"
    "[meta date]\n"
    "column = Timestamp\n"
    "format = dmy\n"
    "\n"
    "[meta assessor]\n"
    "value = Ravid Consulting\n"
    "\n"
    "[item lk]\n"
    "column = We plan.\n"
    "\n"
    "[item ch]\n"
    "column = Which?\n"
    "2 = The second one | 2nd\n"
    "\n"
    "[item mu]\n"
    "column = Where?\n"
    "\n"
    "[item nu]\n"
    "column = How many?\n"
    "\n"
    "[item tx]\n"
    "column = Anything   else?\n"
    "\n"
    "[scale agree5]\n"
    "4 = Mostly agree\n";

static const char header[] = "Organisation,Name,Timestamp,We plan.,Which?,Where?,How many?,Anything else?\n";

typedef struct fixture {
    mt_questionnaire *q;
    mt_import_map *map;
    mt_csv *csv;
    mt_diags d;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    mt_diags_init(&f->d);
    mt_diags qd;
    mt_diags_init(&qd);
    mt_error err = questionnaire_load_string("unit.ini", questionnaire_text,
                                             strlen(questionnaire_text), &f->q, &qd);
    if (err != MT_OK)
        mt_diags_print(&qd, stderr);
    mt_diags_free(&qd);
    *state = f;
    return err == MT_OK ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    csv_free(f->csv);
    import_map_free(f->map);
    questionnaire_free(f->q);
    mt_diags_free(&f->d);
    free(f);
    return 0;
}

/* Loads map and csv (header + rows) and binds them; returns the bind result. */
static mt_error bind_with(fixture *f, const char *map, const char *rows)
{
    assert_int_equal(import_map_load_string("m.ini", map, strlen(map), &f->map, &f->d), MT_OK);
    char *text = mt_asprintf("%s%s", header, rows);
    assert_int_equal(csv_parse("r.csv", text, strlen(text), import_map_delimiter(f->map),
                               &f->csv, &f->d), MT_OK);
    free(text);
    return import_bind(f->map, f->q, f->csv, &f->d);
}

static mt_answers *row_ok(fixture *f, size_t row)
{
    mt_answers *a = NULL;
    mt_error err = import_row(f->map, f->csv, row, &a, &f->d);
    if (err != MT_OK)
        mt_diags_print(&f->d, stderr);
    assert_int_equal(err, MT_OK);
    assert_non_null(a);
    return a;
}

/* The row must fail, with one diagnostic naming where and containing what. */
static void row_bad(fixture *f, size_t row, const char *where, const char *what)
{
    mt_answers *a = (mt_answers *)1;
    size_t before = f->d.count;
    assert_int_equal(import_row(f->map, f->csv, row, &a, &f->d), MT_ERROR_ANSWERS);
    assert_null(a);
    assert_true(f->d.count > before);
    const mt_diag *dg = &f->d.items[before];
    if (!strstr(dg->file, where) || !strstr(dg->message, what))
        fail_msg("got '%s: %s', wanted '%s' and '%s'", dg->file, dg->message, where, what);
}

static long item_index(const fixture *f, const char *id)
{
    return questionnaire_find_item(f->q, id);
}

static const mt_answer *ans(const fixture *f, const mt_answers *a, const char *id)
{
    return &a->items[item_index(f, id)];
}

static void test_labels_in_both_languages_and_numbers(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map,
                               "Org,Dana,30/11/2026 10:15,Strongly agree,Second,Forums,12,\n"
                               "Org,Noa,1/12/2026,מסכים/ה מאוד,שלישי,פורומים,0,\n"
                               "Org,Avi,2026-12-02,2,1,3,7.5,\n"),
                     MT_OK);
    mt_answers *a = row_ok(f, 1);
    assert_int_equal(ans(f, a, "lk")->value, 5);
    assert_int_equal(ans(f, a, "ch")->value, 2);
    assert_int_equal(ans(f, a, "mu")->mask, 4);
    assert_true(ans(f, a, "nu")->number == 12);
    assert_int_equal(ans(f, a, "tx")->state, MT_ANSWER_NONE);
    assert_string_equal(a->meta.organisation, "Org");
    assert_string_equal(a->meta.respondent, "Dana");
    assert_string_equal(a->meta.date, "2026-11-30");
    assert_string_equal(a->meta.assessor, "Ravid Consulting");
    assert_string_equal(a->meta.language, "en");
    answers_free(a);
    a = row_ok(f, 2);
    assert_int_equal(ans(f, a, "lk")->value, 5);
    assert_int_equal(ans(f, a, "ch")->value, 3);
    assert_int_equal(ans(f, a, "mu")->mask, 4);
    assert_string_equal(a->meta.date, "2026-12-01");
    answers_free(a);
    a = row_ok(f, 3);
    assert_int_equal(ans(f, a, "lk")->value, 2);
    assert_int_equal(ans(f, a, "ch")->value, 1);
    assert_int_equal(ans(f, a, "mu")->mask, 4);
    assert_true(ans(f, a, "nu")->number == 7.5);
    assert_string_equal(a->meta.date, "2026-12-02");
    answers_free(a);
}

static void test_case_spaces_and_typographic_quotes(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map,
                               "Org,A,1/1/2026,  strongly   AGREE ,second,forums,1,\n"
                               "Org,B,1/1/2026,Don\xE2\x80\x99t know,First,,,\n"),
                     MT_OK);
    mt_answers *a = row_ok(f, 1);
    assert_int_equal(ans(f, a, "lk")->value, 5);
    assert_int_equal(ans(f, a, "ch")->value, 2);
    answers_free(a);
    a = row_ok(f, 2);
    assert_int_equal(ans(f, a, "lk")->state, MT_ANSWER_DONT_KNOW);
    assert_int_equal(ans(f, a, "mu")->state, MT_ANSWER_NONE);
    assert_int_equal(ans(f, a, "nu")->state, MT_ANSWER_NONE);
    answers_free(a);
}

static void test_map_labels_for_item_and_scale(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map,
                               "Org,A,1/1/2026,Mostly agree,The second one,,,\n"
                               "Org,B,1/1/2026,not sure,2nd,,,\n"),
                     MT_OK);
    mt_answers *a = row_ok(f, 1);
    assert_int_equal(ans(f, a, "lk")->value, 4);
    assert_int_equal(ans(f, a, "ch")->value, 2);
    answers_free(a);
    a = row_ok(f, 2);
    assert_int_equal(ans(f, a, "lk")->state, MT_ANSWER_DONT_KNOW);
    answers_free(a);
}

static void test_multi_options_with_commas_in_their_labels(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map,
                               "Org,A,1/1/2026,,,\"Pages, profiles and site, Forums\",,\n"
                               "Org,B,1/1/2026,,,\"Pages, Pages, profiles and site\",,\n"
                               "Org,C,1/1/2026,,,\"1,3\",,\n"
                               "Org,D,1/1/2026,,,\"Pages, Blogs\",,\n"),
                     MT_OK);
    mt_answers *a = row_ok(f, 1);
    assert_int_equal(ans(f, a, "mu")->mask, 1 | 4);
    answers_free(a);
    a = row_ok(f, 2);
    assert_int_equal(ans(f, a, "mu")->mask, 1 | 2);
    answers_free(a);
    a = row_ok(f, 3);
    assert_int_equal(ans(f, a, "mu")->mask, 1 | 4);
    answers_free(a);
    row_bad(f, 4, "r.csv:row 5 (line 5)", "\"Blogs\" is not an option of item mu");
}

static void test_semicolon_separator_and_delimiter(void **state)
{
    fixture *f = *state;
    static const char map[] =
        "[map]\n"
        "delimiter = semicolon\n"
        "separator = \";\"\n"
        "[item mu]\n"
        "column_number = 1\n";
    assert_int_equal(import_map_load_string("m.ini", map, strlen(map), &f->map, &f->d), MT_OK);
    assert_int_equal(import_map_delimiter(f->map), ';');
    assert_null(import_map_questionnaire(f->map));
    static const char csv[] = "Where?\n\"Forums;Pages, profiles and site\"\n";
    assert_int_equal(csv_parse("r.csv", csv, strlen(csv), ';', &f->csv, &f->d), MT_OK);
    assert_int_equal(import_bind(f->map, f->q, f->csv, &f->d), MT_OK);
    mt_answers *a = row_ok(f, 1);
    assert_int_equal(ans(f, a, "mu")->mask, 1 | 4);
    answers_free(a);
}

static void test_text_answers_keep_commas_quotes_and_lines(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map,
                               "\"Galil Foods, Ltd.\",\"נועה ברק\",1/1/2026,,,,,"
                               "\"Too many channels; \"\"the app\"\", too.\nSecond line.\"\n"),
                     MT_OK);
    mt_answers *a = row_ok(f, 1);
    assert_string_equal(a->meta.organisation, "Galil Foods, Ltd.");
    assert_string_equal(a->meta.respondent, "נועה ברק");
    assert_string_equal(ans(f, a, "tx")->text, "Too many channels; \"the app\", too.\nSecond line.");
    /* and it survives the answers file */
    char *text;
    assert_int_equal(answers_to_string(a, &text), MT_OK);
    mt_answers *back = NULL;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(answers_load_string(f->q, "x.ini", text, strlen(text), &back, &d), MT_OK);
    assert_string_equal(back->items[item_index(f, "tx")].text, ans(f, a, "tx")->text);
    assert_string_equal(back->meta.organisation, "Galil Foods, Ltd.");
    answers_free(back);
    mt_diags_free(&d);
    free(text);
    answers_free(a);
}

static void test_unknown_label_names_row_line_and_column(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map,
                               "\"multi\nline\",A,1/1/2026,Agree,,,,\n"
                               "Org,B,1/1/2026,Sometimes,,,,\n"),
                     MT_OK);
    mt_answers *a = row_ok(f, 1);
    answers_free(a);
    /* row 3 of the sheet starts on line 4, after a two-line field */
    row_bad(f, 2, "r.csv:row 3 (line 4)",
            "column \"We plan.\": \"Sometimes\" is not a label of the scale agree5");
}

static void test_every_problem_in_a_row_is_reported(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map, "Org,A,31/02/2026,Often,Fourth,,99,\n"), MT_OK);
    size_t before = f->d.count;
    mt_answers *a = NULL;
    assert_int_equal(import_row(f->map, f->csv, 1, &a, &f->d), MT_ERROR_ANSWERS);
    assert_null(a);
    assert_int_equal(f->d.count - before, 4);
    assert_non_null(strstr(f->d.items[before].message, "not a date"));
    assert_non_null(strstr(f->d.items[before + 1].message, "\"Often\""));
    assert_non_null(strstr(f->d.items[before + 2].message, "\"Fourth\" is not an option"));
    assert_non_null(strstr(f->d.items[before + 3].message, "outside the range"));
}

static void test_dont_know_where_not_offered(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map, "Org,A,1/1/2026,,Don't know,,,\n"), MT_OK);
    row_bad(f, 1, "row 2", "\"don't know\" is not offered for item ch");
}

static void test_bad_csv_row_and_extra_fields(void **state)
{
    fixture *f = *state;
    assert_int_equal(bind_with(f, base_map,
                               "Org,A\xFF,1/1/2026,,,,,\n"
                               "Org,B,1/1/2026,Agree,,,,,surplus\n"
                               "Org,C,1/1/2026,Agree,,,,,\n"),
                     MT_OK);
    row_bad(f, 1, "r.csv:row 2 (line 2)", "column \"Name\": invalid UTF-8 (line 2)");
    row_bad(f, 2, "r.csv:row 3 (line 3)", "the row has 9 fields but the header names 8");
    /* an empty surplus field, as spreadsheets leave, is harmless */
    mt_answers *a = row_ok(f, 3);
    answers_free(a);
}

static void test_missing_column_is_a_map_error(void **state)
{
    fixture *f = *state;
    static const char map[] =
        "[map]\n"
        "questionnaire = unit\n"
        "[item lk]\n"
        "column = We plan.\n"
        "[item ch]\n"
        "column = Which one?\n"
        "[item nu]\n"
        "column_number = 40\n";
    assert_int_equal(bind_with(f, map, ""), MT_ERROR_ANSWERS);
    assert_int_equal(f->d.errors, 2);
    assert_string_equal(f->d.items[0].file, "m.ini");
    assert_int_equal(f->d.items[0].line, 6);
    assert_non_null(strstr(f->d.items[0].message, "no column \"Which one?\" in the header of r.csv"));
    assert_int_equal(f->d.items[1].line, 8);
    assert_non_null(strstr(f->d.items[1].message, "past the last column"));
}

static void test_ambiguous_column(void **state)
{
    fixture *f = *state;
    static const char map[] = "[item lk]\ncolumn = Q\n";
    assert_int_equal(import_map_load_string("m.ini", map, strlen(map), &f->map, &f->d), MT_OK);
    static const char csv[] = "Q,q \n1,2\n";
    assert_int_equal(csv_parse("r.csv", csv, strlen(csv), ',', &f->csv, &f->d), MT_OK);
    assert_int_equal(import_bind(f->map, f->q, f->csv, &f->d), MT_ERROR_ANSWERS);
    assert_non_null(strstr(f->d.items[0].message, "2 columns \"Q\""));
    assert_non_null(strstr(f->d.items[0].message, "column_number"));
}

static void test_map_checked_against_questionnaire(void **state)
{
    fixture *f = *state;
    static const char map[] =
        "[map]\n"
        "language = fr\n"
        "[item nope]\n"
        "column = We plan.\n"
        "[item ch]\n"
        "column = Which?\n"
        "7 = Seventh\n"
        "[item nu]\n"
        "column = How many?\n"
        "separator = comma\n"
        "[scale nine]\n"
        "1 = One\n";
    assert_int_equal(bind_with(f, map, ""), MT_ERROR_ANSWERS);
    const char *want[] = { "language 'fr'", "no scale 'nine'", "no item 'nope'",
                           "7 is not an option", "only for multi-choice" };
    assert_int_equal(f->d.errors, 5);
    for (size_t i = 0; i < 5; i++)
        if (!strstr(f->d.items[i].message, want[i]))
            fail_msg("diagnostic %zu is '%s', wanted '%s'", i, f->d.items[i].message, want[i]);
}

static void test_map_for_another_questionnaire(void **state)
{
    fixture *f = *state;
    static const char map[] = "[map]\nquestionnaire = other\n[item lk]\ncolumn = We plan.\n";
    assert_int_equal(bind_with(f, map, ""), MT_ERROR_MISMATCH);
    import_map_free(f->map);
    csv_free(f->csv);
    f->map = NULL;
    f->csv = NULL;
    static const char map2[] = "[map]\nversion = 2.0\n[item lk]\ncolumn = We plan.\n";
    assert_int_equal(bind_with(f, map2, ""), MT_ERROR_MISMATCH);
}

static void test_map_syntax_errors_with_lines(void **state)
{
    fixture *f = *state;
    static const char map[] =
        "[map]\n"                     /* 1 */
        "delimiter = colon\n"         /* 2 */
        "colour = red\n"              /* 3 */
        "[meta shoe_size]\n"          /* 4 */
        "column = Shoe\n"             /* 5 */
        "[item lk]\n"                 /* 6 */
        "column = A\n"                /* 7 */
        "column_number = 2\n"         /* 8 */
        "[item ch]\n"                 /* 9 */
        "[meta date]\n"               /* 10 */
        "column = Timestamp\n"        /* 11 */
        "format = ddmmyy\n"           /* 12 */
        "[extra]\n";                  /* 13 */
    mt_import_map *m = NULL;
    assert_int_equal(import_map_load_string("m.ini", map, strlen(map), &m, &f->d),
                     MT_ERROR_ANSWERS);
    assert_null(m);
    const int lines[] = { 2, 3, 4, 6, 9, 12, 13 };
    assert_int_equal(f->d.errors, 7);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(f->d.items[i].line, lines[i]);
}

static void test_map_without_items(void **state)
{
    fixture *f = *state;
    static const char map[] = "[map]\nquestionnaire = unit\n[meta organisation]\ncolumn = Org\n";
    mt_import_map *m = NULL;
    assert_int_equal(import_map_load_string("m.ini", map, strlen(map), &m, &f->d),
                     MT_ERROR_ANSWERS);
    assert_non_null(strstr(f->d.items[0].message, "names no item"));
}

static void test_long_header_on_continuation_lines(void **state)
{
    fixture *f = *state;
    static const char map[] =
        "[item lk]\n"
        "column = When you decide whom to address,\n"
        "    which data do you rely on most?\n";
    assert_int_equal(import_map_load_string("m.ini", map, strlen(map), &f->map, &f->d), MT_OK);
    static const char csv[] =
        "\"When you decide whom to address, which data do you rely on most?\"\n4\n";
    assert_int_equal(csv_parse("r.csv", csv, strlen(csv), ',', &f->csv, &f->d), MT_OK);
    assert_int_equal(import_bind(f->map, f->q, f->csv, &f->d), MT_OK);
    mt_answers *a = row_ok(f, 1);
    assert_int_equal(ans(f, a, "lk")->value, 4);
    answers_free(a);
}

static void test_file_names(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(answers_new(f->q, &a), MT_OK);
    char *name = import_file_name(a, 7);
    assert_string_equal(name, "row7.ini");
    free(name);
    answers_set_meta(a, "organisation", "Galil Foods, Ltd.");
    answers_set_meta(a, "respondent", "../Dana  Levi/");
    name = import_file_name(a, 3);
    assert_string_equal(name, "galil-foods-ltd-dana-levi-row3.ini");
    free(name);
    answers_set_meta(a, "organisation", "מעדני הגליל בע\"מ");
    answers_set_meta(a, "respondent", NULL);
    name = import_file_name(a, 12);
    assert_string_equal(name, "מעדני-הגליל-בע-מ-row12.ini");
    free(name);
    answers_free(a);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_labels_in_both_languages_and_numbers),
        T(test_case_spaces_and_typographic_quotes),
        T(test_map_labels_for_item_and_scale),
        T(test_multi_options_with_commas_in_their_labels),
        T(test_semicolon_separator_and_delimiter),
        T(test_text_answers_keep_commas_quotes_and_lines),
        T(test_unknown_label_names_row_line_and_column),
        T(test_every_problem_in_a_row_is_reported),
        T(test_dont_know_where_not_offered),
        T(test_bad_csv_row_and_extra_fields),
        T(test_missing_column_is_a_map_error),
        T(test_ambiguous_column),
        T(test_map_checked_against_questionnaire),
        T(test_map_for_another_questionnaire),
        T(test_map_syntax_errors_with_lines),
        T(test_map_without_items),
        T(test_long_header_on_continuation_lines),
        T(test_file_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
