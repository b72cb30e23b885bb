/*
 * test_answers.c - the answers loader (every error path, with its line),
 * value parsing and formatting, and the save/load round trip.
 *
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "maturity/answers.h"
#include "maturity/util.h"

/* A questionnaire with one item of every type: l1 (likert, don't know
 * offered), l2 (likert on a scale without don't know), ch (choice of 3,
 * no don't know), mu (multi of 4), nu (number 0..50), tx (text). */
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
    "labels.en = a | b | c | d | e\n"
    "labels.he = א | ב | ג | ד | ה\n"
    "\n"
    "[scale yesno]\n"
    "points = 2\n"
    "dont_know = no\n"
    "labels.en = no | yes\n"
    "labels.he = לא | כן\n"
    "\n"
    "[section s]\n"
    "title.en = S\n"
    "title.he = ס\n"
    "\n"
    "[bands level]\n"
    "names = low moderate high\n"
    "from = 0 40 70\n"
    "labels.en = Low | Moderate | High\n"
    "labels.he = נמוך | בינוני | גבוה\n"
    "\n"
    "[construct cap]\n"
    "kind = capability\n"
    "name.en = Capability\n"
    "name.he = יכולת\n"
    "description.en = A capability.\n"
    "description.he = יכולת.\n"
    "bands = level\n"
    "\n"
    "[item l1]\n"
    "section = s\n"
    "type = likert\n"
    "scale = agree5\n"
    "text.en = L1\n"
    "text.he = ל1\n"
    "loads = cap\n"
    "\n"
    "[item l2]\n"
    "section = s\n"
    "type = likert\n"
    "scale = yesno\n"
    "text.en = L2\n"
    "text.he = ל2\n"
    "loads = cap\n"
    "\n"
    "[item ch]\n"
    "section = s\n"
    "type = choice\n"
    "dont_know = no\n"
    "text.en = Choose\n"
    "text.he = בחר\n"
    "option.1.en = one\n"
    "option.1.he = אחת\n"
    "option.1.scores = cap 0\n"
    "option.2.en = two\n"
    "option.2.he = שתיים\n"
    "option.2.scores = cap 50\n"
    "option.3.en = three\n"
    "option.3.he = שלוש\n"
    "option.3.scores = cap 100\n"
    "loads = cap\n"
    "\n"
    "[item mu]\n"
    "section = s\n"
    "type = multi\n"
    "text.en = Several\n"
    "text.he = כמה\n"
    "option.1.en = one\n"
    "option.1.he = אחת\n"
    "option.1.scores = cap 25\n"
    "option.2.en = two\n"
    "option.2.he = שתיים\n"
    "option.2.scores = cap 25\n"
    "option.3.en = three\n"
    "option.3.he = שלוש\n"
    "option.3.scores = cap 25\n"
    "option.4.en = four\n"
    "option.4.he = ארבע\n"
    "option.4.scores = cap 25\n"
    "loads = cap\n"
    "\n"
    "[item nu]\n"
    "section = s\n"
    "type = number\n"
    "text.en = How many\n"
    "text.he = כמה\n"
    "min = 0\n"
    "max = 50\n"
    "bands = 0:0, 10:50, 20:100\n"
    "loads = cap\n"
    "\n"
    "[item tx]\n"
    "section = s\n"
    "type = text\n"
    "text.en = Anything else\n"
    "text.he = עוד משהו\n";

enum { L1, L2, CH, MU, NU, TX };

typedef struct fixture {
    mt_questionnaire *q;
    mt_diags diags;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    mt_diags_init(&f->diags);
    mt_error err = questionnaire_load_string("unit.ini", questionnaire_text,
                                             strlen(questionnaire_text), &f->q, &f->diags);
    if (err != MT_OK)
        mt_diags_print(&f->diags, stderr);
    assert_int_equal(err, MT_OK);
    assert_int_equal(f->q->nitems, 6);
    mt_diags_free(&f->diags);
    mt_diags_init(&f->diags);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    questionnaire_free(f->q);
    mt_diags_free(&f->diags);
    free(f);
    return 0;
}

/* The header every valid answers file starts with (lines 1-3). */
#define META "[meta]\nquestionnaire = unit\nversion = 1.0\n"

static mt_error load(fixture *f, const char *text, mt_answers **out)
{
    mt_diags_free(&f->diags);
    mt_diags_init(&f->diags);
    return answers_load_string(f->q, "a.ini", text, strlen(text), out, &f->diags);
}

/* The diagnostic on line `line` of severity sev whose message contains
 * `part`; fails the test when there is none. */
static void expect_diag(const fixture *f, int line, mt_severity sev, const char *part)
{
    for (size_t i = 0; i < f->diags.count; i++) {
        const mt_diag *d = &f->diags.items[i];
        if (d->line == line && d->severity == sev && strstr(d->message, part)
            && strcmp(d->file, "a.ini") == 0)
            return;
    }
    mt_diags_print(&f->diags, stderr);
    fail_msg("no diagnostic at line %d containing '%s'", line, part);
}

/* Loads text, which must fail with err and exactly one error, on line. */
static void expect_one_error(fixture *f, const char *text, mt_error err, int line,
                             const char *part)
{
    mt_answers *a = (mt_answers *)1;
    assert_int_equal(load(f, text, &a), err);
    assert_null(a);
    if (f->diags.errors != 1)
        mt_diags_print(&f->diags, stderr);
    assert_int_equal(f->diags.errors, 1);
    expect_diag(f, line, MT_SEV_ERROR, part);
}

/* ------------------------------------------------------------ loading */

static void test_load_every_type(void **state)
{
    fixture *f = *state;
    const char *text =
        "; a comment\n"
        "[meta]\n"
        "questionnaire = unit\n"
        "version = 1.0\n"
        "organisation = Levi \\& Sons\\; Ltd \\#1\n"
        "respondent = דנה לוי\n"
        "date = 2026-03-01\n"
        "language = he\n"
        "\n"
        "[answers]\n"
        "l1 = 4\n"                                  /* line 11 */
        "l2 = 1\n"
        "ch = 3\n"
        "mu = 1, 3,4\n"
        "nu = 12.5\n"
        "tx = first\\nsecond \\\\ third\n"          /* line 16 */
        "\n"
        "[notes]\n"
        "l1 = A note that goes on\n"
        "    over two lines.\n";
    mt_answers *a = NULL;
    assert_int_equal(load(f, text, &a), MT_OK);
    assert_int_equal(f->diags.errors, 0);
    assert_string_equal(a->meta.questionnaire, "unit");
    /* "\&" is no escape and stays as written; "\;" and "\#" are. */
    assert_string_equal(a->meta.organisation, "Levi \\& Sons; Ltd #1");
    assert_string_equal(a->meta.respondent, "דנה לוי");
    assert_string_equal(a->meta.language, "he");
    assert_null(a->meta.role);
    assert_int_equal(a->items[L1].state, MT_ANSWER_VALUE);
    assert_int_equal(a->items[L1].value, 4);
    assert_int_equal(a->items[L1].line, 11);
    assert_int_equal(a->items[L2].value, 1);
    assert_int_equal(a->items[CH].value, 3);
    /* options 1, 3 and 4: bits 0, 2 and 3 = 1 + 4 + 8 = 13 */
    assert_int_equal(a->items[MU].mask, 13);
    assert_true(a->items[NU].number == 12.5);
    assert_string_equal(a->items[TX].text, "first\nsecond \\ third");
    assert_int_equal(a->items[TX].line, 16);
    assert_string_equal(a->items[L1].note, "A note that goes on over two lines.");
    assert_int_equal(answers_count(a, MT_ANSWER_VALUE), 6);
    assert_int_equal(answers_count(a, MT_ANSWER_NONE), 0);
    answers_free(a);
}

static void test_load_dont_know_and_none(void **state)
{
    fixture *f = *state;
    const char *text = META
        "[answers]\n"
        "l1 = dk\n"
        "mu = none\n"
        "nu = -\n"
        "tx = DK\n";
    mt_answers *a = NULL;
    assert_int_equal(load(f, text, &a), MT_OK);
    assert_int_equal(a->items[L1].state, MT_ANSWER_DONT_KNOW);
    /* "none" is an answer: none of the options, not "not answered". */
    assert_int_equal(a->items[MU].state, MT_ANSWER_VALUE);
    assert_int_equal(a->items[MU].mask, 0);
    assert_int_equal(a->items[NU].state, MT_ANSWER_DONT_KNOW);
    assert_int_equal(a->items[TX].state, MT_ANSWER_DONT_KNOW);
    assert_int_equal(a->items[L2].state, MT_ANSWER_NONE);
    assert_int_equal(answers_count(a, MT_ANSWER_DONT_KNOW), 3);
    assert_int_equal(answers_count(a, MT_ANSWER_NONE), 2);
    answers_free(a);
}

static void test_load_crlf_and_bom(void **state)
{
    /* A file saved by a Windows editor: byte-order mark, CRLF line ends. */
    fixture *f = *state;
    const char *text = "\xEF\xBB\xBF[meta]\r\nquestionnaire = unit\r\nversion = 1.0\r\n"
                       "[answers]\r\nl1 = 2\r\ntx = two\r\n    lines\r\n";
    mt_answers *a = NULL;
    assert_int_equal(load(f, text, &a), MT_OK);
    assert_int_equal(a->items[L1].value, 2);
    assert_int_equal(a->items[L1].line, 5);
    assert_string_equal(a->items[TX].text, "two lines");
    answers_free(a);
}

static void test_error_unknown_section(void **state)
{
    expect_one_error(*state, META "[answer]\nl1 = 3\n", MT_ERROR_ANSWERS, 4,
                     "unknown section [answer]");
}

static void test_error_key_outside_section(void **state)
{
    expect_one_error(*state, "l1 = 3\n" META, MT_ERROR_ANSWERS, 1, "outside any section");
}

static void test_error_unknown_meta_key(void **state)
{
    expect_one_error(*state, META "company = X\n", MT_ERROR_ANSWERS, 4,
                     "unknown key 'company'");
}

static void test_error_duplicate_meta_key(void **state)
{
    expect_one_error(*state, META "role = a\nrole = b\n", MT_ERROR_ANSWERS, 5,
                     "given twice in [meta] (first on line 4)");
}

static void test_error_unknown_item(void **state)
{
    expect_one_error(*state, META "[answers]\nzz = 3\n", MT_ERROR_ANSWERS, 5,
                     "unknown item 'zz'");
}

static void test_error_unknown_item_in_notes(void **state)
{
    expect_one_error(*state, META "[notes]\nzz = hello\n", MT_ERROR_ANSWERS, 5,
                     "unknown item 'zz' in [notes]");
}

static void test_error_duplicate_answer(void **state)
{
    expect_one_error(*state, META "[answers]\nl1 = 3\nl2 = 1\nl1 = 4\n", MT_ERROR_ANSWERS, 7,
                     "duplicate answer for item 'l1' (first on line 5)");
}

static void test_error_duplicate_answer_in_second_section(void **state)
{
    /* A second [answers] section does not hide the duplicate. */
    expect_one_error(*state, META "[answers]\nl1 = 3\n[answers]\nl1 = 4\n", MT_ERROR_ANSWERS, 7,
                     "duplicate answer");
}

static void test_error_duplicate_note(void **state)
{
    expect_one_error(*state, META "[notes]\nl1 = a\nl1 = b\n", MT_ERROR_ANSWERS, 6,
                     "duplicate note for item 'l1'");
}

static void test_error_likert_out_of_range(void **state)
{
    expect_one_error(*state, META "[answers]\nl1 = 6\n", MT_ERROR_ANSWERS, 5,
                     "'6' is not a point 1..5");
    expect_one_error(*state, META "[answers]\nl1 = 0\n", MT_ERROR_ANSWERS, 5,
                     "'0' is not a point 1..5");
    expect_one_error(*state, META "[answers]\nl2 = 3\n", MT_ERROR_ANSWERS, 5,
                     "'3' is not a point 1..2");
}

static void test_error_likert_wrong_type(void **state)
{
    expect_one_error(*state, META "[answers]\nl1 = agree\n", MT_ERROR_ANSWERS, 5,
                     "'agree' is not a point");
    expect_one_error(*state, META "[answers]\nl1 = 2.5\n", MT_ERROR_ANSWERS, 5,
                     "'2.5' is not a point");
    expect_one_error(*state, META "[answers]\nl1 = +3\n", MT_ERROR_ANSWERS, 5,
                     "'+3' is not a point");
}

/* An empty value is no answer, for every type: a blank template loads. */
static void test_empty_answer_is_unanswered(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(load(f, META "[answers]\nl1 =\nl2 =\nch =\nmu =\nnu =\ntx =\n", &a),
                     MT_OK);
    assert_int_equal(f->diags.count, 0);
    assert_int_equal(answers_count(a, MT_ANSWER_NONE), 6);
    answers_free(a);
    /* an empty line still counts as given: a second value is a duplicate */
    expect_one_error(f, META "[answers]\nl1 =\nl1 = 2\n", MT_ERROR_ANSWERS, 6,
                     "duplicate answer for item 'l1'");
}

static void test_error_dont_know_not_offered(void **state)
{
    expect_one_error(*state, META "[answers]\nl2 = dk\n", MT_ERROR_ANSWERS, 5,
                     "\"don't know\" is not offered");
    expect_one_error(*state, META "[answers]\nch = -\n", MT_ERROR_ANSWERS, 5,
                     "\"don't know\" is not offered");
}

static void test_error_choice_out_of_range(void **state)
{
    expect_one_error(*state, META "[answers]\nch = 4\n", MT_ERROR_ANSWERS, 5,
                     "'4' is not an option 1..3");
}

static void test_error_multi_malformed(void **state)
{
    expect_one_error(*state, META "[answers]\nmu = 1,2,1\n", MT_ERROR_ANSWERS, 5,
                     "option 1 is chosen twice");
    expect_one_error(*state, META "[answers]\nmu = 1,5\n", MT_ERROR_ANSWERS, 5,
                     "'5' is not an option 1..4");
    expect_one_error(*state, META "[answers]\nmu = 1,,2\n", MT_ERROR_ANSWERS, 5,
                     "empty entry");
    expect_one_error(*state, META "[answers]\nmu = 1;2\n", MT_ERROR_ANSWERS, 5,
                     "'1;2' is not an option");
    expect_one_error(*state, META "[answers]\nmu = 2,\n", MT_ERROR_ANSWERS, 5,
                     "empty entry");
}

static void test_error_number(void **state)
{
    expect_one_error(*state, META "[answers]\nnu = 51\n", MT_ERROR_ANSWERS, 5,
                     "51 is outside the range 0..50");
    expect_one_error(*state, META "[answers]\nnu = -0.5\n", MT_ERROR_ANSWERS, 5,
                     "outside the range");
    expect_one_error(*state, META "[answers]\nnu = 1e1\n", MT_ERROR_ANSWERS, 5,
                     "'1e1' is not a number");
    expect_one_error(*state, META "[answers]\nnu = 12,5\n", MT_ERROR_ANSWERS, 5,
                     "'12,5' is not a number");
    expect_one_error(*state, META "[answers]\nnu = many\n", MT_ERROR_ANSWERS, 5,
                     "'many' is not a number");
}

static void test_error_questionnaire_missing(void **state)
{
    expect_one_error(*state, "[meta]\nversion = 1.0\n[answers]\nl1 = 3\n", MT_ERROR_MISMATCH, 1,
                     "[meta] questionnaire is missing");
}

static void test_error_questionnaire_other(void **state)
{
    expect_one_error(*state, "[meta]\nversion = 1.0\nquestionnaire = other\n",
                     MT_ERROR_MISMATCH, 3, "for questionnaire other, not unit");
}

static void test_error_version_missing(void **state)
{
    expect_one_error(*state, "\n[meta]\nquestionnaire = unit\n", MT_ERROR_MISMATCH, 2,
                     "[meta] version is missing");
}

static void test_error_version_other(void **state)
{
    expect_one_error(*state, "[meta]\nquestionnaire = unit\nversion = 1.1\n",
                     MT_ERROR_MISMATCH, 3, "questionnaire version 1.1, not 1.0");
}

static void test_error_no_meta_at_all(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(load(f, "[answers]\nl1 = 3\n", &a), MT_ERROR_MISMATCH);
    assert_null(a);
    assert_int_equal(f->diags.errors, 2);   /* id and version */
    expect_diag(f, 1, MT_SEV_ERROR, "questionnaire is missing");
    expect_diag(f, 1, MT_SEV_ERROR, "version is missing");
}

/* A file with no section and no key holds no answers: invalid (exit 1),
 * not answers for another questionnaire (exit 4). */
static void test_error_empty_file(void **state)
{
    fixture *f = *state;
    expect_one_error(f, "", MT_ERROR_ANSWERS, 1, "the file is empty");
    expect_diag(f, 1, MT_SEV_ERROR, "[meta]");
    expect_one_error(f, "\xEF\xBB\xBF\n  \n\t\n", MT_ERROR_ANSWERS, 1, "the file is empty");
    expect_one_error(f, "; answers to come\n\n# later\n", MT_ERROR_ANSWERS, 1,
                     "only comments and blank lines");
    /* a file of broken lines: those are the errors, there is no second one */
    expect_one_error(f, "; x\nnot an ini line\n", MT_ERROR_ANSWERS, 2, "expected 'key = value'");
    /* one section, even an empty one, makes it an answers file without its id */
    mt_answers *a = NULL;
    assert_int_equal(load(f, "; x\n[answers]\n", &a), MT_ERROR_MISMATCH);
    assert_null(a);
    expect_diag(f, 1, MT_SEV_ERROR, "questionnaire is missing");
}

static void test_error_ini_syntax(void **state)
{
    expect_one_error(*state, META "[answers]\nl1 3\n", MT_ERROR_ANSWERS, 5, "");
}

static void test_error_overlong_line(void **state)
{
    char text[400];
    char note[220];
    memset(note, 'x', sizeof note - 1);
    note[sizeof note - 1] = '\0';
    snprintf(text, sizeof text, META "[notes]\nl1 = %s\nl1 = y\n", note);
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(load(f, text, &a), MT_ERROR_ANSWERS);
    assert_null(a);
    /* The long line is reported on its own line, and the next key is read
     * (no duplicate note, since the long one never counted). */
    expect_diag(f, 5, MT_SEV_ERROR, "");
    assert_int_equal(f->diags.errors, 1);
}

static void test_hash_mismatch_is_a_warning(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(load(f, META "hash = 0000000000000000\n[answers]\nl1 = 3\n", &a), MT_OK);
    assert_non_null(a);
    assert_int_equal(f->diags.errors, 0);
    assert_int_equal(f->diags.warnings, 1);
    expect_diag(f, 4, MT_SEV_WARNING, "questionnaire has changed");
    answers_free(a);
}

static void test_matching_hash_says_nothing(void **state)
{
    fixture *f = *state;
    char text[200];
    snprintf(text, sizeof text, META "hash = %s\n", f->q->hash);
    mt_answers *a = NULL;
    assert_int_equal(load(f, text, &a), MT_OK);
    assert_int_equal(f->diags.count, 0);
    answers_free(a);
}

static void test_bad_date_is_a_warning(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(load(f, META "date = 1/3/2026\n", &a), MT_OK);
    assert_int_equal(f->diags.warnings, 1);
    expect_diag(f, 4, MT_SEV_WARNING, "date '1/3/2026' is not in the form YYYY-MM-DD");
    answers_free(a);
    assert_int_equal(load(f, META "date = 2026-13-01\n", &a), MT_OK);
    expect_diag(f, 4, MT_SEV_WARNING, "YYYY-MM-DD");
    answers_free(a);
}

static void test_unknown_language_is_a_warning(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(load(f, META "language = fr\n", &a), MT_OK);
    assert_int_equal(f->diags.errors, 0);
    assert_int_equal(f->diags.warnings, 1);
    expect_diag(f, 4, MT_SEV_WARNING, "language 'fr'");
    answers_free(a);
}

static void test_every_problem_is_reported(void **state)
{
    fixture *f = *state;
    const char *text =
        "[meta]\n"
        "questionnaire = unit\n"
        "date = 2024-02-30x\n"     /* 3: a warning */
        "colour = blue\n"          /* 4: unknown key */
        "[answers]\n"
        "l1 = 9\n"                 /* 6: out of range */
        "nope = 1\n"               /* 7: unknown item */
        "mu = 2,2\n"               /* 8: twice */
        "l2 = dk\n"                /* 9: not offered */
        "[extra]\n"                /* 10: unknown section */
        "k = v\n"
        "[notes]\n"
        "ch = fine\n";
    mt_answers *a = NULL;
    assert_int_equal(load(f, text, &a), MT_ERROR_MISMATCH);
    assert_null(a);
    assert_int_equal(f->diags.errors, 7);
    assert_int_equal(f->diags.warnings, 1);
    expect_diag(f, 1, MT_SEV_ERROR, "version is missing");
    expect_diag(f, 3, MT_SEV_WARNING, "2024-02-30x");
    expect_diag(f, 4, MT_SEV_ERROR, "colour");
    expect_diag(f, 6, MT_SEV_ERROR, "'9'");
    expect_diag(f, 7, MT_SEV_ERROR, "nope");
    expect_diag(f, 8, MT_SEV_ERROR, "twice");
    expect_diag(f, 10, MT_SEV_ERROR, "[extra]");
    expect_diag(f, 9, MT_SEV_ERROR, "not offered");
}

/* Answers for another questionnaire or version: that one error, none for
 * the items this questionnaire lacks, and no warning about its hash; the
 * reader's own line errors stay, since they are the file's whatever the
 * questionnaire. */
static void test_other_questionnaire_is_the_only_error(void **state)
{
    fixture *f = *state;
    static const char *const texts[] = {
        "[meta]\nquestionnaire = other\nversion = 1.0\nhash = 0123456789abcdef\n"
        "[answers]\ngoal = 2\nreach = 4\nl1 = 9\n[notes]\ngoal = x\n",
        "[meta]\nquestionnaire = unit\nversion = 9.9\nhash = 0123456789abcdef\n"
        "[answers]\ngoal = 2\nreach = 4\nl1 = 9\n[progress]\nskipped = goal\n",
    };
    static const int line[] = { 2, 3 };
    static const char *const said[] = { "for questionnaire other, not unit",
                                        "for questionnaire version 9.9, not 1.0" };
    for (size_t i = 0; i < 2; i++) {
        mt_answers *a = (mt_answers *)1;
        assert_int_equal(load(f, texts[i], &a), MT_ERROR_MISMATCH);
        assert_null(a);
        if (f->diags.count != 1)
            mt_diags_print(&f->diags, stderr);
        assert_int_equal(f->diags.count, 1);
        assert_int_equal(f->diags.warnings, 0);
        expect_diag(f, line[i], MT_SEV_ERROR, said[i]);
    }
    mt_answers *a = NULL;
    assert_int_equal(load(f, "[meta]\nquestionnaire = other\nversion = 1.0\n[answers]\n"
                             "not a pair\nnope = 1\n", &a), MT_ERROR_MISMATCH);
    assert_int_equal(f->diags.errors, 2);
    expect_diag(f, 2, MT_SEV_ERROR, "for questionnaire other");
    expect_diag(f, 5, MT_SEV_ERROR, "expected 'key = value'");
}

/* Diagnostics come in the order of the file's lines, warnings among the
 * errors, whichever pass found them. */
static void test_diagnostics_in_line_order(void **state)
{
    fixture *f = *state;
    const char *text = META
        "date = 2026-13-01\n"     /* 4: a warning, found after the entries */
        "[answers]\n"
        "l1 = 9\n"                /* 6 */
        "not a pair\n"            /* 7: found by the INI reader, first */
        "nope = 1\n";             /* 8 */
    mt_answers *a = NULL;
    assert_int_equal(load(f, text, &a), MT_ERROR_ANSWERS);
    assert_int_equal(f->diags.count, 4);
    int want[] = { 4, 6, 7, 8 };
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(f->diags.items[i].line, want[i]);
    assert_int_equal(f->diags.items[0].severity, MT_SEV_WARNING);
}

/* [progress] skipped: read, written back, and dropped once answered. */
static void test_progress_skipped(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(load(f, META "[answers]\nch = 2\n[progress]\nskipped = l1, nu ch\n", &a),
                     MT_OK);
    assert_int_equal(f->diags.count, 0);
    assert_true(a->items[L1].skipped);
    assert_true(a->items[NU].skipped);
    assert_false(a->items[CH].skipped);   /* answered after the skip */
    assert_false(a->items[MU].skipped);
    assert_int_equal(answers_count(a, MT_ANSWER_VALUE), 1);   /* never a score */
    char *s = NULL;
    assert_int_equal(answers_to_string(a, &s), MT_OK);
    assert_non_null(strstr(s, "\n[progress]\nskipped = l1 nu\n"));
    answers_free(a);
    assert_int_equal(load(f, s, &a), MT_OK);
    assert_true(a->items[L1].skipped && a->items[NU].skipped);
    free(s);
    /* nothing skipped: no [progress] at all */
    a->items[L1].skipped = a->items[NU].skipped = false;
    assert_int_equal(answers_to_string(a, &s), MT_OK);
    assert_null(strstr(s, "[progress]"));
    free(s);
    answers_free(a);
    expect_one_error(f, META "[progress]\nskipped = l1 zz\n", MT_ERROR_ANSWERS, 5,
                     "unknown item 'zz' in [progress]");
    expect_one_error(f, META "[progress]\nreached = l1\n", MT_ERROR_ANSWERS, 5,
                     "unknown key 'reached' in [progress]");
}

static void test_load_file_missing(void **state)
{
    fixture *f = *state;
    mt_answers *a = (mt_answers *)1;
    assert_int_equal(answers_load_file(f->q, "/nonexistent/answers.ini", &a, &f->diags),
                     MT_ERROR_FILE_OPEN);
    assert_null(a);
    assert_true(f->diags.errors >= 1);
}

/* ---------------------------------------------------- parse and format */

static void test_parse_value(void **state)
{
    fixture *f = *state;
    mt_answer ans = { 0 };
    char why[128];
    assert_true(answers_parse_value(f->q, &f->q->items[L1], "  3 ", &ans, why, sizeof why));
    assert_int_equal(ans.state, MT_ANSWER_VALUE);
    assert_int_equal(ans.value, 3);
    assert_true(answers_parse_value(f->q, &f->q->items[L1], "Dk", &ans, why, sizeof why));
    assert_int_equal(ans.state, MT_ANSWER_DONT_KNOW);
    /* a failure leaves the answer as it was */
    assert_false(answers_parse_value(f->q, &f->q->items[L1], "7", &ans, why, sizeof why));
    assert_int_equal(ans.state, MT_ANSWER_DONT_KNOW);
    assert_non_null(strstr(why, "1..5"));
    /* text replaces text without leaking; the note is kept */
    ans.note = mt_strdup("keep me");
    assert_true(answers_parse_value(f->q, &f->q->items[TX], "one", &ans, why, sizeof why));
    assert_true(answers_parse_value(f->q, &f->q->items[TX], "two\\; three", &ans, why,
                                    sizeof why));
    assert_string_equal(ans.text, "two; three");
    assert_string_equal(ans.note, "keep me");
    answers_clear(&ans);
    assert_int_equal(ans.state, MT_ANSWER_NONE);
    assert_null(ans.text);
    assert_string_equal(ans.note, "keep me");
    free(ans.note);
}

static void test_format_value(void **state)
{
    fixture *f = *state;
    mt_answer ans = { .state = MT_ANSWER_VALUE, .mask = 1 | 4 | 8 };
    char *s = answers_format_value(f->q, &f->q->items[MU], &ans);
    assert_string_equal(s, "1,3,4");
    free(s);
    ans.mask = 0;
    s = answers_format_value(f->q, &f->q->items[MU], &ans);
    assert_string_equal(s, "none");
    free(s);
    ans.number = 2.5;
    s = answers_format_value(f->q, &f->q->items[NU], &ans);
    assert_string_equal(s, "2.5");
    free(s);
    ans.number = 0.1;
    s = answers_format_value(f->q, &f->q->items[NU], &ans);
    assert_string_equal(s, "0.1");
    free(s);
    /* whole numbers without decimals or exponents */
    ans.number = 60;
    s = answers_format_value(f->q, &f->q->items[NU], &ans);
    assert_string_equal(s, "60");
    free(s);
    ans.number = 1000000;
    s = answers_format_value(f->q, &f->q->items[NU], &ans);
    assert_string_equal(s, "1000000");
    free(s);
    ans.number = -0.25;
    s = answers_format_value(f->q, &f->q->items[NU], &ans);
    assert_string_equal(s, "-0.25");
    free(s);
    ans.state = MT_ANSWER_DONT_KNOW;
    s = answers_format_value(f->q, &f->q->items[L1], &ans);
    assert_string_equal(s, "dk");
    free(s);
    ans.state = MT_ANSWER_NONE;
    s = answers_format_value(f->q, &f->q->items[L1], &ans);
    assert_string_equal(s, "");
    free(s);
}

static void test_set_meta(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(answers_new(f->q, &a), MT_OK);
    assert_string_equal(a->meta.questionnaire, "unit");
    assert_string_equal(a->meta.version, "1.0");
    assert_string_equal(a->meta.hash, f->q->hash);
    assert_true(answers_set_meta(a, "role", "CMO"));
    assert_string_equal(a->meta.role, "CMO");
    assert_true(answers_set_meta(a, "role", NULL));
    assert_null(a->meta.role);
    assert_false(answers_set_meta(a, "colour", "blue"));
    assert_int_equal(answers_count(a, MT_ANSWER_NONE), 6);
    answers_free(a);
}

/* ------------------------------------------------------------ round trip */

/* Every line of s is at most MT_INI_MAX_LINE bytes and valid UTF-8. */
static void assert_lines_fit(const char *s)
{
    while (*s) {
        size_t len = strcspn(s, "\n");
        if (len > 198)
            fail_msg("line of %zu bytes: %.60s...", len, s);
        assert_true(mt_utf8_valid(s, len));
        s += len + (s[len] ? 1 : 0);
    }
}

/* A note of exactly 1000 characters: Hebrew and Latin words, syntax
 * characters, spaces; every word short enough to wrap at a space. */
static char *long_note(void)
{
    static const char *const words[] = {
        "שלום", "עולם;", "#hash", "a=b", "=SUM(A1)", "+1", "-2", "@home", "back\\slash",
        "מילה", "word", "x;y", "סוף.",
    };
    char *s = mt_strdup("");
    size_t chars = 0;
    for (size_t i = 0; chars < 1000; i++) {
        const char *w = words[i % (sizeof words / sizeof words[0])];
        assert_true(mt_str_append(&s, " ", w));
        chars = mt_utf8_len(s);
    }
    /* trim to exactly 1000 characters, at a character boundary */
    size_t byte = 0;
    for (size_t c = 0; c < 1000; c++) {
        byte++;
        while (((unsigned char)s[byte] & 0xC0) == 0x80)
            byte++;
    }
    s[byte] = '\0';
    while (byte > 0 && s[byte - 1] == ' ')
        s[--byte] = 'z';   /* a trailing space would not survive INI trimming */
    assert_int_equal(mt_utf8_len(s), 1000);
    return s;
}

static mt_answers *sample_answers(const fixture *f)
{
    mt_answers *a = NULL;
    assert_int_equal(answers_new(f->q, &a), MT_OK);
    assert_true(answers_set_meta(a, "organisation", "=HYPERLINK(\"x\") & Co; #1 \\ \"ש\""));
    assert_true(answers_set_meta(a, "respondent", "דנה לוי-כהן"));
    assert_true(answers_set_meta(a, "role", "+Head of marketing"));
    assert_true(answers_set_meta(a, "date", "2026-11-30"));
    assert_true(answers_set_meta(a, "language", "he"));
    assert_true(answers_set_meta(a, "assessor", "@consultant -x"));
    a->items[L1] = (mt_answer){ .state = MT_ANSWER_VALUE, .value = 5 };
    a->items[L2] = (mt_answer){ .state = MT_ANSWER_VALUE, .value = 2 };
    a->items[CH] = (mt_answer){ .state = MT_ANSWER_VALUE, .value = 2 };
    a->items[MU] = (mt_answer){ .state = MT_ANSWER_VALUE, .mask = 2 | 8 };
    a->items[NU] = (mt_answer){ .state = MT_ANSWER_DONT_KNOW };
    a->items[TX] = (mt_answer){ .state = MT_ANSWER_VALUE,
                                .text = mt_strdup("line one\nline two; a = b # not a comment") };
    a->items[L1].note = long_note();
    a->items[CH].note = mt_strdup("-starts with a dash ; then a comment-like part");
    return a;
}

static void assert_same_answers(const mt_answers *x, const mt_answers *y)
{
    assert_string_equal(x->meta.organisation, y->meta.organisation);
    assert_string_equal(x->meta.respondent, y->meta.respondent);
    assert_string_equal(x->meta.role, y->meta.role);
    assert_string_equal(x->meta.date, y->meta.date);
    assert_string_equal(x->meta.language, y->meta.language);
    assert_string_equal(x->meta.assessor, y->meta.assessor);
    for (size_t i = 0; i < x->q->nitems; i++) {
        const mt_answer *p = &x->items[i], *r = &y->items[i];
        assert_int_equal(p->state, r->state);
        assert_int_equal(p->value, r->value);
        assert_int_equal(p->mask, r->mask);
        assert_true(p->number == r->number);
        if (p->text || r->text)
            assert_string_equal(p->text, r->text);
        if (p->note || r->note)
            assert_string_equal(p->note, r->note);
    }
}

static void test_round_trip(void **state)
{
    fixture *f = *state;
    mt_answers *a = sample_answers(f);
    char *s = NULL;
    assert_int_equal(answers_to_string(a, &s), MT_OK);
    assert_lines_fit(s);
    /* the long note was continued on indented lines */
    assert_non_null(strstr(s, "\n    "));
    /* hash is the questionnaire's */
    char want[64];
    snprintf(want, sizeof want, "hash = %s\n", f->q->hash);
    assert_non_null(strstr(s, want));
    /* answers are in questionnaire order, with dk and the multi list */
    const char *l1 = strstr(s, "\nl1 = 5\n"), *mu = strstr(s, "\nmu = 2,4\n");
    const char *nu = strstr(s, "\nnu = dk\n");
    assert_non_null(l1);
    assert_non_null(mu);
    assert_non_null(nu);
    assert_true(l1 < mu && mu < nu);

    mt_answers *b = NULL;
    mt_diags_free(&f->diags);
    mt_diags_init(&f->diags);
    mt_error err = answers_load_string(f->q, "rt.ini", s, strlen(s), &b, &f->diags);
    if (err)
        mt_diags_print(&f->diags, stderr);
    assert_int_equal(err, MT_OK);
    assert_int_equal(f->diags.count, 0);
    assert_same_answers(a, b);

    /* saving what was loaded gives the same file */
    char *s2 = NULL;
    assert_int_equal(answers_to_string(b, &s2), MT_OK);
    assert_string_equal(s, s2);
    free(s);
    free(s2);
    answers_free(a);
    answers_free(b);
}

static void test_control_characters_become_spaces(void **state)
{
    fixture *f = *state;
    mt_answers *a = NULL;
    assert_int_equal(answers_new(f->q, &a), MT_OK);
    a->items[TX] = (mt_answer){ .state = MT_ANSWER_VALUE, .text = mt_strdup("a\tb\x01" "c\r\nd") };
    char *s = NULL;
    assert_int_equal(answers_to_string(a, &s), MT_OK);
    assert_non_null(strstr(s, "\ntx = a b c\\nd\n"));
    mt_answers *b = NULL;
    assert_int_equal(answers_load_string(f->q, "cc.ini", s, strlen(s), &b, &f->diags), MT_OK);
    assert_string_equal(b->items[TX].text, "a b c\nd");
    free(s);
    answers_free(a);
    answers_free(b);
}

static void test_long_word_stays_within_lines(void **state)
{
    /* 400 Hebrew letters (800 bytes) without a space: it cannot be split
     * at a space, so it is split between characters; lines stay short and
     * valid UTF-8, and only the joining spaces are added. */
    fixture *f = *state;
    char *word = mt_strdup("");
    for (int i = 0; i < 400; i++)
        assert_true(mt_str_append(&word, "", "ש"));
    mt_answers *a = NULL;
    assert_int_equal(answers_new(f->q, &a), MT_OK);
    a->items[L1].note = word;
    char *s = NULL;
    assert_int_equal(answers_to_string(a, &s), MT_OK);
    assert_lines_fit(s);
    mt_answers *b = NULL;
    assert_int_equal(answers_load_string(f->q, "lw.ini", s, strlen(s), &b, &f->diags), MT_OK);
    const char *note = b->items[L1].note;
    size_t letters = 0;
    for (const char *p = note; *p; p++) {
        if (*p == ' ')
            continue;
        assert_memory_equal(p, "ש", 2);
        p++;
        letters++;
    }
    assert_int_equal(letters, 400);
    free(s);
    answers_free(a);
    answers_free(b);
}

static void test_escape_at_forced_split(void **state)
{
    /* 300 semicolons: each is written "\;", and a split must never fall
     * between a backslash and its character. */
    fixture *f = *state;
    char semis[301];
    memset(semis, ';', 300);
    semis[300] = '\0';
    mt_answers *a = NULL;
    assert_int_equal(answers_new(f->q, &a), MT_OK);
    a->items[L1].note = mt_strdup(semis);
    char *s = NULL;
    assert_int_equal(answers_to_string(a, &s), MT_OK);
    assert_lines_fit(s);
    mt_answers *b = NULL;
    assert_int_equal(answers_load_string(f->q, "es.ini", s, strlen(s), &b, &f->diags), MT_OK);
    size_t n = 0;
    for (const char *p = b->items[L1].note; *p; p++) {
        assert_true(*p == ';' || *p == ' ');
        n += *p == ';';
    }
    assert_int_equal(n, 300);
    free(s);
    answers_free(a);
    answers_free(b);
}

/* ---------------------------------------------------------- saving files */

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void test_save_is_atomic_and_clean(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/maturity-test-answers-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/answers.ini", dir);

    mt_answers *a = sample_answers(f);
    assert_int_equal(answers_save(a, path), MT_OK);
    assert_int_equal(count_entries(dir), 1);   /* no temporary file left */

    /* saving again replaces the file in place, still with nothing beside it */
    a->items[L1].value = 2;
    assert_int_equal(answers_save(a, path), MT_OK);
    assert_int_equal(count_entries(dir), 1);

    mt_answers *b = NULL;
    assert_int_equal(answers_load_file(f->q, path, &b, &f->diags), MT_OK);
    assert_string_equal(b->path, path);
    assert_int_equal(b->items[L1].value, 2);
    assert_same_answers(a, b);

    char *id = NULL, *version = NULL;
    assert_int_equal(answers_peek_questionnaire(path, &id, &version, &f->diags), MT_OK);
    assert_string_equal(id, "unit");
    assert_string_equal(version, "1.0");
    free(id);
    free(version);

    /* a folder that does not exist: an error, and nothing is created */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing/answers.ini", dir);
    assert_int_equal(answers_save(a, bad), MT_ERROR_FILE_WRITE);
    assert_int_equal(count_entries(dir), 1);

    answers_free(a);
    answers_free(b);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* Peeking at an empty file says so, on line 1, rather than "no id". */
static void test_peek_empty(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/maturity-test-peek-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/a.ini", dir);
    static const char *const texts[] = { "", "; only a comment\n", "garbage\n" };
    static const char *const said[] = { "the file is empty", "only comments", "expected" };
    for (size_t i = 0; i < 3; i++) {
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(texts[i], fp);
        fclose(fp);
        mt_diags_free(&f->diags);
        mt_diags_init(&f->diags);
        char *id = (char *)1, *version = (char *)1;
        assert_int_equal(answers_peek_questionnaire(path, &id, &version, &f->diags),
                         MT_ERROR_ANSWERS);
        assert_null(id);
        assert_null(version);
        assert_int_equal(f->diags.errors, 1);
        assert_int_equal(f->diags.items[0].line, 1);
        assert_non_null(strstr(f->diags.items[0].message, said[i]));
    }
    unlink(path);
    rmdir(dir);
}

/* The line of [meta] questionnaire, for a message about the file given
 * (a baseline of another questionnaire). */
static void test_peek_line(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/maturity-test-peek-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/a.ini", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("; answers\n[meta]\nversion = 1.0\n\nquestionnaire = other\n[answers]\nl1 = 3\n", fp);
    fclose(fp);
    char *id = NULL, *version = NULL;
    int line = -1;
    assert_int_equal(answers_peek_questionnaire_at(path, &id, &version, &line, &f->diags), MT_OK);
    assert_string_equal(id, "other");
    assert_string_equal(version, "1.0");
    assert_int_equal(line, 5);
    free(id);
    free(version);
    unlink(path);
    rmdir(dir);
}

static void test_peek_without_id(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/maturity-test-peek-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/a.ini", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("[meta]\nversion = 1.0\n", fp);
    fclose(fp);
    char *id = (char *)1, *version = (char *)1;
    assert_int_equal(answers_peek_questionnaire(path, &id, &version, &f->diags),
                     MT_ERROR_ANSWERS);
    assert_null(id);
    assert_null(version);
    assert_true(f->diags.errors >= 1);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_every_type),
        cmocka_unit_test(test_load_dont_know_and_none),
        cmocka_unit_test(test_load_crlf_and_bom),
        cmocka_unit_test(test_error_unknown_section),
        cmocka_unit_test(test_error_key_outside_section),
        cmocka_unit_test(test_error_unknown_meta_key),
        cmocka_unit_test(test_error_duplicate_meta_key),
        cmocka_unit_test(test_error_unknown_item),
        cmocka_unit_test(test_error_unknown_item_in_notes),
        cmocka_unit_test(test_error_duplicate_answer),
        cmocka_unit_test(test_error_duplicate_answer_in_second_section),
        cmocka_unit_test(test_error_duplicate_note),
        cmocka_unit_test(test_error_likert_out_of_range),
        cmocka_unit_test(test_error_likert_wrong_type),
        cmocka_unit_test(test_empty_answer_is_unanswered),
        cmocka_unit_test(test_error_dont_know_not_offered),
        cmocka_unit_test(test_error_choice_out_of_range),
        cmocka_unit_test(test_error_multi_malformed),
        cmocka_unit_test(test_error_number),
        cmocka_unit_test(test_error_questionnaire_missing),
        cmocka_unit_test(test_error_questionnaire_other),
        cmocka_unit_test(test_error_version_missing),
        cmocka_unit_test(test_error_version_other),
        cmocka_unit_test(test_error_no_meta_at_all),
        cmocka_unit_test(test_error_empty_file),
        cmocka_unit_test(test_error_ini_syntax),
        cmocka_unit_test(test_error_overlong_line),
        cmocka_unit_test(test_hash_mismatch_is_a_warning),
        cmocka_unit_test(test_matching_hash_says_nothing),
        cmocka_unit_test(test_bad_date_is_a_warning),
        cmocka_unit_test(test_unknown_language_is_a_warning),
        cmocka_unit_test(test_every_problem_is_reported),
        cmocka_unit_test(test_other_questionnaire_is_the_only_error),
        cmocka_unit_test(test_diagnostics_in_line_order),
        cmocka_unit_test(test_progress_skipped),
        cmocka_unit_test(test_load_file_missing),
        cmocka_unit_test(test_parse_value),
        cmocka_unit_test(test_format_value),
        cmocka_unit_test(test_set_meta),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_control_characters_become_spaces),
        cmocka_unit_test(test_long_word_stays_within_lines),
        cmocka_unit_test(test_escape_at_forced_split),
        cmocka_unit_test(test_save_is_atomic_and_clean),
        cmocka_unit_test(test_peek_empty),
        cmocka_unit_test(test_peek_line),
        cmocka_unit_test(test_peek_without_id),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
