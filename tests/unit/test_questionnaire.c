/*
 * test_questionnaire.c - the questionnaire loader: a valid model, and every
 * error path with the line it is reported on.
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

#include "maturity/questionnaire.h"
#include "maturity/util.h"

/* A small valid questionnaire; line numbers matter to the tests below. */
static const char base[] =
    "[questionnaire]\n"                                    /* 1 */
    "id = t\n"
    "version = 1.0\n"
    "languages = en he\n"
    "title.en = T\n"                                       /* 5 */
    "title.he = ט\n"
    "description.en = D\n"
    "description.he = ד\n"
    "[classification]\n"
    "hybrid_margin = 7\n"                                  /* 10 */
    "[scale s]\n"
    "points = 3\n"
    "dont_know = yes\n"
    "labels.en = lo | mid | hi\n"
    "labels.he = א | ב | ג\n"                              /* 15 */
    "[section one]\n"
    "title.en = One\n"
    "title.he = אחת\n"
    "[bands b]\n"
    "names = low high\n"                                   /* 20 */
    "from = 0 50\n"
    "labels.en = Low | High\n"
    "labels.he = נמוך | גבוה\n"
    "[construct c]\n"
    "kind = barrier\n"                                     /* 25 */
    "bands = b\n"
    "name.en = C\n"
    "name.he = צ\n"
    "description.en = about c\n"
    "description.he = על צ\n"                              /* 30 */
    "[item i1]\n"
    "section = one\n"
    "type = likert\n"
    "scale = s\n"
    "text.en = first\n"                                    /* 35 */
    "    continued\n"
    "text.he = ראשון\n"
    "loads = c\n"
    "[item i2]\n"
    "section = one\n"                                      /* 40 */
    "type = choice\n"
    "text.en = second\n"
    "text.he = שני\n"
    "option.1.en = a\n"
    "option.1.he = א\n"                                    /* 45 */
    "option.1.scores = c 100\n"
    "option.2.en = b\n"
    "option.2.he = ב\n"
    "loads = c 2 reverse\n"
    "[item i3]\n"                                          /* 50 */
    "section = one\n"
    "type = number\n"
    "text.en = third\n"
    "text.he = שלישי\n"
    "min = 0\n"                                            /* 55 */
    "max = 10\n"
    "bands = 0:0, 5:100\n"
    "loads = c 0.5\n"
    "[stage st]\n"
    "name.en = S\n"                                        /* 60 */
    "name.he = ש\n"
    "items = i1 i3\n"
    "threshold = 60\n"
    "[source src]\n"
    "title.en = Src\n"                                     /* 65 */
    "title.he = מקור\n"
    "[rule r]\n"
    "when = c is high and stage = none\n"
    "priority = high\n"
    "horizon = quick_win\n"                                /* 70 */
    "title.en = R\n"
    "title.he = ר\n"
    "text.en = do\n"
    "text.he = עשה\n"
    "source = src\n";                                      /* 75 */

/* base with the first occurrence of `from` replaced by `to`. */
static char *mutate(const char *from, const char *to)
{
    const char *at = strstr(base, from);
    assert_non_null(at);
    size_t head = (size_t)(at - base);
    char *r = mt_asprintf("%.*s%s%s", (int)head, base, to, at + strlen(from));
    assert_non_null(r);
    return r;
}

static mt_error load(const char *text, mt_questionnaire **q, mt_diags *d)
{
    mt_diags_init(d);
    return questionnaire_load_string("t.ini", text, strlen(text), q, d);
}

/* Asserts that loading text fails with a diagnostic containing msg on line. */
static void expect_error(const char *text, int line, const char *msg)
{
    mt_questionnaire *q = NULL;
    mt_diags d;
    mt_error err = load(text, &q, &d);
    bool found = false;
    for (size_t i = 0; i < d.count; i++)
        if (d.items[i].line == line && strstr(d.items[i].message, msg))
            found = true;
    if (!found) {
        mt_diags_print(&d, stderr);
        fail_msg("no error '%s' on line %d", msg, line);
    }
    assert_int_equal(err, MT_ERROR_QUESTIONNAIRE);
    assert_null(q);
    mt_diags_free(&d);
}

static void expect_mutation_error(const char *from, const char *to, int line, const char *msg)
{
    char *text = mutate(from, to);
    expect_error(text, line, msg);
    free(text);
}

static void test_valid_model(void **state)
{
    (void)state;
    mt_questionnaire *q = NULL;
    mt_diags d;
    assert_int_equal(load(base, &q, &d), MT_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    assert_string_equal(q->id, "t");
    assert_int_equal(q->nlangs, 2);
    assert_int_equal(questionnaire_lang_index(q, "he"), 1);
    assert_true(q->hybrid_margin == 7);
    assert_true(q->min_coverage == 50);
    assert_int_equal(q->nitems, 3);
    assert_string_equal(mt_text_get(&q->items[0].text, 0), "first continued");
    assert_string_equal(mt_text_get(&q->items[0].text, 1), "ראשון");
    assert_true(q->items[0].dont_know);
    assert_string_equal(mt_text_get(&q->scales[0].labels[2], 1), "ג");
    const mt_item *i2 = &q->items[1];
    assert_int_equal(i2->type, MT_ITEM_CHOICE);
    assert_int_equal(i2->noptions, 2);
    assert_true(i2->loads[0].reverse);
    assert_true(i2->loads[0].weight == 2);
    assert_int_equal(i2->options[0].nscores, 1);
    assert_true(i2->options[0].scores[0].score == 100);
    assert_int_equal(i2->options[1].nscores, 0);
    assert_true(q->items[2].loads[0].weight == 0.5);
    assert_int_equal(q->items[2].nbands, 2);
    assert_int_equal(q->stages[0].nitems, 2);
    assert_int_equal(q->stages[0].items[1], 2);
    const mt_rule *r = &q->rules[0];
    assert_int_equal(r->nclauses, 2);
    assert_int_equal(r->clauses[0].kind, MT_CLAUSE_BAND);
    assert_int_equal(r->clauses[0].band_mask, 2);
    assert_int_equal(r->clauses[1].kind, MT_CLAUSE_STAGE);
    assert_int_equal(r->clauses[1].stage, -1);
    assert_int_equal(questionnaire_band_of(q, 0, 49.99), 0);
    assert_int_equal(questionnaire_band_of(q, 0, 50), 1);
    assert_int_equal(strlen(q->hash), 16);
    questionnaire_free(q);
    mt_diags_free(&d);
}

static void test_hash_changes_with_content(void **state)
{
    (void)state;
    mt_questionnaire *a = NULL, *b = NULL;
    mt_diags d;
    char *text = mutate("text.en = first", "text.en = First");
    assert_int_equal(load(base, &a, &d), MT_OK);
    mt_diags_free(&d);
    assert_int_equal(load(text, &b, &d), MT_OK);
    mt_diags_free(&d);
    assert_string_not_equal(a->hash, b->hash);
    questionnaire_free(a);
    questionnaire_free(b);
    free(text);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    expect_mutation_error("[section one]\n", "[section one\n", 16, "no closing ']'");
    expect_mutation_error("points = 3\n", "points 3\n", 12, "expected 'key = value'");
    expect_mutation_error("points = 3\n", "= 3\n", 12, "key is missing");
    expect_mutation_error("dont_know = yes\n", "dont_know = yes\nstray\n", 14, "expected");
}

static void test_long_line_names_real_line(void **state)
{
    (void)state;
    char longtext[260];
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    char *to = mt_asprintf("text.en = %s\n", longtext);
    char *text = mutate("text.en = second\n", to);
    expect_error(text, 42, "bytes long, the limit is 198");
    /* Lines after it keep their numbers: break a later line too. */
    char *text2 = mt_asprintf("%s", text);
    free(text);
    char *p = strstr(text2, "min = 0");
    p[4] = '!';   /* "min ! 0": no '=' left on line 55 */
    expect_error(text2, 55, "expected 'key = value'");
    free(text2);
    free(to);
}

static void test_bytes_checked(void **state)
{
    (void)state;
    char *bad = mutate("title.en = One", "title.en = O\xff\xfe");
    expect_error(bad, 17, "not valid UTF-8");
    free(bad);
    /* A NUL byte inside a line. */
    size_t n = strlen(base);
    char *nul = malloc(n + 1);
    memcpy(nul, base, n + 1);
    char *at = strstr(nul, "title.en = One");
    at[10] = '\0';
    mt_questionnaire *q = NULL;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(questionnaire_load_string("t.ini", nul, n, &q, &d), MT_ERROR_QUESTIONNAIRE);
    assert_int_equal(d.items[0].line, 17);
    assert_non_null(strstr(d.items[0].message, "NUL"));
    mt_diags_free(&d);
    free(nul);
}

static void test_bom_and_crlf_accepted(void **state)
{
    (void)state;
    size_t n = strlen(base);
    char *crlf = malloc(2 * n + 4);
    size_t k = 0;
    memcpy(crlf, "\xEF\xBB\xBF", 3);
    k = 3;
    for (size_t i = 0; i < n; i++) {
        if (base[i] == '\n')
            crlf[k++] = '\r';
        crlf[k++] = base[i];
    }
    crlf[k] = '\0';
    mt_questionnaire *q = NULL;
    mt_diags d;
    assert_int_equal(load(crlf, &q, &d), MT_OK);
    assert_string_equal(mt_text_get(&q->items[0].text, 0), "first continued");
    questionnaire_free(q);
    mt_diags_free(&d);
    free(crlf);
}

static void test_unknown_sections_and_keys(void **state)
{
    (void)state;
    expect_mutation_error("[section one]", "[widget one]", 16, "unknown section [widget one]");
    expect_mutation_error("points = 3", "pionts = 3", 12, "unknown key 'pionts'");
    expect_mutation_error("title.en = One", "title.fr = One", 17, "language 'fr' is not declared");
    expect_mutation_error("[scale s]", "[scale]", 11, "needs an id");
    expect_mutation_error("[scale s]", "[scale S!]", 11, "may hold only");
    expect_mutation_error("[classification]", "[classification x]", 9, "takes no id");
}

static void test_duplicates(void **state)
{
    (void)state;
    expect_mutation_error("[item i2]", "[item i1]", 39, "duplicate item id 'i1' (first on line 31)");
    expect_mutation_error("type = likert\n", "type = likert\ntype = choice\n", 34,
                          "duplicate key 'type'");
    expect_mutation_error("loads = c 2 reverse", "loads = c 2 reverse, c 1", 49, "loads on 'c' twice");
}

static void test_missing_texts(void **state)
{
    (void)state;
    expect_mutation_error("text.he = שני\n", "", 42, "has no 'text.he'");
    expect_mutation_error("title.en = R\ntitle.he = ר\n", "", 67, "needs 'title.en'");
    expect_mutation_error("labels.en = lo | mid | hi", "labels.en = lo | hi", 14, "has 2 labels");
    expect_mutation_error("labels.he = א | ב | ג\n", "", 14, "has no 'labels.he'");
}

static void test_loads(void **state)
{
    (void)state;
    expect_mutation_error("loads = c 0.5", "loads = nope 0.5", 58, "unknown construct 'nope'");
    expect_mutation_error("loads = c 0.5", "loads = c 0", 58, "must be above 0");
    expect_mutation_error("loads = c 0.5", "loads = c 11", 58, "at most 10");
    expect_mutation_error("loads = c 0.5", "loads = c x", 58, "neither a weight");
    expect_mutation_error("loads = c 0.5", "loads = c 1 reverse extra", 58, "must be 'construct");
}

static void test_did_you_mean(void **state)
{
    (void)state;
    /* i33 is one edit from i3 and two from i1 and i2: one clear guess. */
    expect_mutation_error("items = i1 i3", "items = i1 i33", 62, "(did you mean 'i3'?)");
    /* i4 is as close to i1 as to i2 and i3: no guess that could mislead. */
    char *t = mutate("items = i1 i3", "items = i1 i4");
    mt_questionnaire *q = NULL;
    mt_diags d;
    assert_int_equal(load(t, &q, &d), MT_ERROR_QUESTIONNAIRE);
    bool named = false;
    for (size_t i = 0; i < d.count; i++) {
        named = named || strstr(d.items[i].message, "unknown item 'i4'");
        assert_null(strstr(d.items[i].message, "did you mean"));
    }
    assert_true(named);
    mt_diags_free(&d);
    free(t);
}

static void test_items(void **state)
{
    (void)state;
    expect_mutation_error("type = likert", "type = slider", 33, "type 'slider'");
    expect_mutation_error("scale = s", "scale = nope", 34, "scale 'nope'");
    expect_mutation_error("section = one\ntype = likert", "section = two\ntype = likert", 32,
                          "section 'two'");
    expect_mutation_error("option.2.en = b\noption.2.he = ב\n", "", 39, "at least two options");
    expect_mutation_error("option.1.scores = c 100", "option.1.scores = c 120", 46, "from 0 to 100");
    expect_mutation_error("max = 10", "max = 0", 56, "must be above 'min'");
    expect_mutation_error("bands = 0:0, 5:100", "bands = 1:0, 5:100", 57, "above 'min'");
    expect_mutation_error("bands = 0:0, 5:100", "bands = 5:0, 1:100", 57, "must rise");
    expect_mutation_error("loads = c\n[item i2]", "loads = c\nrequired = maybe\n[item i2]", 39,
                          "yes or no");
}

static void test_constructs_and_bands(void **state)
{
    (void)state;
    expect_mutation_error("loads = c 0.5", "", 24, "has 2 items loading on it");
    expect_mutation_error("kind = barrier", "kind = vibe", 25, "kind 'vibe'");
    expect_mutation_error("bands = b\n", "bands = z\n", 26, "bands 'z'");
    expect_mutation_error("from = 0 50", "from = 10 50", 21, "start 'from' 0");
    expect_mutation_error("from = 0 50", "from = 0 50 70", 21, "has 3 bounds");
    expect_mutation_error("from = 0 50", "from = 0 0", 21, "must rise");
}

static void test_stages_and_rules(void **state)
{
    (void)state;
    expect_mutation_error("items = i1 i3", "items = i1 i9", 62, "unknown item 'i9'");
    expect_mutation_error("threshold = 60", "threshold = 160", 63, "between 0 and 100");
    expect_mutation_error("c is high", "d is high", 68, "unknown construct 'd'");
    expect_mutation_error("c is high", "c is huge", 68, "no band 'huge'");
    expect_mutation_error("stage = none", "stage = moon", 68, "unknown stage 'moon'");
    expect_mutation_error("stage = none", "c ~ 3", 68, "not an operator");
    expect_mutation_error("stage = none", "c < 300", 68, "score from 0 to 100");
    expect_mutation_error("stage = none", "dominant is c", 68, "not an archetype");
    expect_mutation_error("priority = high", "priority = urgent", 69, "priority 'urgent'");
    expect_mutation_error("horizon = quick_win", "horizon = soon", 70, "horizon 'soon'");
    expect_mutation_error("source = src", "source = nope", 75, "source 'nope'");
}

static void test_all_problems_reported(void **state)
{
    (void)state;
    char *a = mutate("points = 3", "pionts = 3");
    char *b = mt_asprintf("%s", a);
    free(a);
    char *c = strstr(b, "horizon = quick_win");
    memcpy(c, "horizon = quick_wim", 19);
    mt_questionnaire *q = NULL;
    mt_diags d;
    assert_int_equal(load(b, &q, &d), MT_ERROR_QUESTIONNAIRE);
    assert_true(d.errors >= 3);   /* unknown key, missing points, bad horizon */
    for (size_t i = 1; i < d.count; i++)
        assert_true(d.items[i - 1].line <= d.items[i].line);
    mt_diags_free(&d);
    free(b);
}

static void test_file_errors(void **state)
{
    (void)state;
    mt_questionnaire *q = NULL;
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(questionnaire_load_file("/nonexistent/q.ini", &q, &d), MT_ERROR_FILE_OPEN);
    assert_non_null(strstr(d.items[0].message, "cannot open"));
    mt_diags_free(&d);
    mt_diags_init(&d);
    assert_int_equal(questionnaire_load_file("/tmp", &q, &d), MT_ERROR_FILE_OPEN);
    assert_non_null(strstr(d.items[0].message, "folder"));
    mt_diags_free(&d);
    mt_diags_init(&d);
    assert_int_equal(questionnaire_load_string("e.ini", "", 0, &q, &d), MT_ERROR_QUESTIONNAIRE);
    bool found = false;
    for (size_t i = 0; i < d.count; i++)
        found = found || strstr(d.items[i].message, "no [questionnaire]");
    assert_true(found);
    mt_diags_free(&d);
}

/* An answers file loaded as a questionnaire: one error naming it as one,
 * not an error for each of its sections and the missing items. */
static void test_answers_file_named_as_such(void **state)
{
    (void)state;
    static const char answers[] = "; answers\n[meta]\nquestionnaire = unit\nversion = 1.0\n"
                                  "[answers]\nl1 = 3\n[notes]\nl1 = x\n";
    mt_questionnaire *q = (mt_questionnaire *)1;
    mt_diags d;
    assert_int_equal(load(answers, &q, &d), MT_ERROR_QUESTIONNAIRE);
    assert_null(q);
    if (d.count != 1)
        mt_diags_print(&d, stderr);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_string_equal(d.items[0].message, "this is an answers file, not a questionnaire");
    mt_diags_free(&d);

    char dir[] = "/tmp/maturity-test-q-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = mt_asprintf("%s/a.ini", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(answers, fp);
    fclose(fp);
    assert_true(questionnaire_file_is_answers(path));
    /* a questionnaire with a stray [meta] is still a questionnaire */
    fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "%s\n[meta]\nquestionnaire = unit\n[answers]\nl1 = 3\n", base);
    fclose(fp);
    assert_false(questionnaire_file_is_answers(path));
    /* [meta] without a questionnaire id, or no [answers]: no answers file */
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("[meta]\norganisation = x\n[answers]\nl1 = 3\n", fp);
    fclose(fp);
    assert_false(questionnaire_file_is_answers(path));
    assert_false(questionnaire_file_is_answers("/nonexistent/a.ini"));
    unlink(path);
    rmdir(dir);
    free(path);
}

static void test_shipped_questionnaires_load(void **state)
{
    (void)state;
    const char *files[] = { "questionnaires/digital-marketing.ini" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        FILE *fp = fopen(files[i], "r");
        if (!fp)
            continue;   /* run from another folder */
        fclose(fp);
        mt_questionnaire *q = NULL;
        mt_diags d;
        mt_diags_init(&d);
        mt_error err = questionnaire_load_file(files[i], &q, &d);
        if (err)
            mt_diags_print(&d, stderr);
        assert_int_equal(err, MT_OK);
        assert_int_equal(d.warnings, 0);
        assert_true(q->nitems >= 50);
        questionnaire_free(q);
        mt_diags_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_model),
        cmocka_unit_test(test_hash_changes_with_content),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_long_line_names_real_line),
        cmocka_unit_test(test_bytes_checked),
        cmocka_unit_test(test_bom_and_crlf_accepted),
        cmocka_unit_test(test_unknown_sections_and_keys),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_missing_texts),
        cmocka_unit_test(test_loads),
        cmocka_unit_test(test_items),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_constructs_and_bands),
        cmocka_unit_test(test_stages_and_rules),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_answers_file_named_as_such),
        cmocka_unit_test(test_shipped_questionnaires_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
