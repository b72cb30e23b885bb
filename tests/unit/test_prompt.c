/*
 * test_prompt.c - the questionnaire walk driven by scripted streams:
 * answers of every type, don't know, invalid entries, back, skip and the
 * second round, required items, help, quit, end of input, saving after
 * every answer, resuming, wrapping by characters, colour, control
 * characters, Hebrew, the summary, and signals during the wait.
 *
 * Items of tests/data/prompt-small.ini, in order: l1 l2 (likert 1-5, don't
 * know), p1 (likert 1-3, no don't know, required), c1 (choice of 3), m1
 * (multi of 4), n1 (number 0-500), t1 (text, no don't know).
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "maturity/answers.h"
#include "maturity/prompt.h"
#include "maturity/questionnaire.h"
#include "maturity/recommender.h"
#include "maturity/scorer.h"
#include "maturity/term.h"
#include "maturity/util.h"

#define FIXTURE "tests/data/prompt-small.ini"

enum { L1, L2, P1, C1, M1, N1, T1, NITEMS };

/* The rest of the questionnaire answered, from c1 on. */
#define REST "3\n1,3\n12\nnothing\n"

typedef struct fixture {
    mt_questionnaire *q;
    mt_answers *a;
    char dir[64];
    char *save_path;
    char *out;
    size_t outlen;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    mt_diags d;
    mt_diags_init(&d);
    assert_int_equal(questionnaire_load_file(FIXTURE, &f->q, &d), MT_OK);
    mt_diags_free(&d);
    assert_int_equal(f->q->nitems, NITEMS);
    assert_int_equal(answers_new(f->q, &f->a), MT_OK);
    strcpy(f->dir, "/tmp/test-prompt-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->save_path = mt_asprintf("%s/answers.ini", f->dir);
    term_signal_reset();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->save_path);
    rmdir(f->dir);
    free(f->save_path);
    free(f->out);
    answers_free(f->a);
    questionnaire_free(f->q);
    free(f);
    return 0;
}

static mt_prompt_options options(const fixture *f, const char *lang, int width, bool save)
{
    mt_prompt_options o = { 0 };
    o.lang = questionnaire_lang_index(f->q, lang);
    o.lang_code = lang;
    o.width = width;
    o.save_path = save ? f->save_path : NULL;
    return o;
}

/* Runs the walk on input; the transcript goes to f->out. */
static mt_error run_with(fixture *f, const char *input, const mt_prompt_options *o)
{
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    assert_non_null(in);
    free(f->out);
    f->out = NULL;
    FILE *out = open_memstream(&f->out, &f->outlen);
    assert_non_null(out);
    mt_error err = prompt_run(f->q, f->a, in, out, o);
    fclose(out);
    fclose(in);
    return err;
}

static mt_error run(fixture *f, const char *input)
{
    mt_prompt_options o = options(f, "en", 80, true);
    return run_with(f, input, &o);
}

static size_t count_of(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static mt_answers *load_saved(const fixture *f)
{
    mt_answers *a = NULL;
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = answers_load_file(f->q, f->save_path, &a, &d);
    mt_diags_free(&d);
    assert_int_equal(err, MT_OK);
    return a;
}

static void assert_value(const mt_answers *a, size_t item, long value)
{
    assert_int_equal(a->items[item].state, MT_ANSWER_VALUE);
    assert_int_equal(a->items[item].value, value);
}

static void assert_state(const mt_answers *a, size_t item, mt_answer_state state)
{
    assert_int_equal(a->items[item].state, state);
}

/* ---- answering ----------------------------------------------------------- */

static void test_answers_every_type(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "4\n2\n2\n3\n1,3\n12.5\nWe run a newsletter.\n"), MT_OK);
    assert_value(f->a, L1, 4);
    assert_value(f->a, L2, 2);
    assert_value(f->a, P1, 2);
    assert_value(f->a, C1, 3);
    assert_int_equal(f->a->items[M1].state, MT_ANSWER_VALUE);
    assert_int_equal(f->a->items[M1].mask, 0x5);
    assert_int_equal(f->a->items[N1].state, MT_ANSWER_VALUE);
    assert_true(f->a->items[N1].number == 12.5);
    assert_string_equal(f->a->items[T1].text, "We run a newsletter.");
    /* and the file holds the same */
    mt_answers *saved = load_saved(f);
    assert_value(saved, L1, 4);
    assert_int_equal(saved->items[M1].mask, 0x5);
    assert_string_equal(saved->items[T1].text, "We run a newsletter.");
    answers_free(saved);
}

static void test_multi_none(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "4\n2\n2\n3\nnone\n12\nx\n"), MT_OK);
    assert_int_equal(f->a->items[M1].state, MT_ANSWER_VALUE);
    assert_int_equal(f->a->items[M1].mask, 0);
}

static void test_dont_know_spellings(void **state)
{
    fixture *f = *state;
    /* l1 0, l2 -, p1 refuses both, c1 0, m1 -, n1 0 is a number, t1 refuses - */
    assert_int_equal(run(f, "0\n-\n0\n-\n1\n0\n-\n0\n-\ntext\n"), MT_OK);
    assert_state(f->a, L1, MT_ANSWER_DONT_KNOW);
    assert_state(f->a, L2, MT_ANSWER_DONT_KNOW);
    assert_value(f->a, P1, 1);
    assert_state(f->a, C1, MT_ANSWER_DONT_KNOW);
    assert_state(f->a, M1, MT_ANSWER_DONT_KNOW);
    assert_int_equal(f->a->items[N1].state, MT_ANSWER_VALUE);
    assert_true(f->a->items[N1].number == 0);
    assert_string_equal(f->a->items[T1].text, "text");
    assert_int_equal(count_of(f->out, "has no \"don't know\""), 3);
    mt_answers *saved = load_saved(f);
    assert_state(saved, L1, MT_ANSWER_DONT_KNOW);
    assert_state(saved, M1, MT_ANSWER_DONT_KNOW);
    answers_free(saved);
}

static void test_invalid_entries_hint_and_ask_again(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "6\nabc\n\n3.5\n3\n2\n2\n9\n3\n1,7\n1,3\n501\nlots\n12\nx\n"), MT_OK);
    assert_value(f->a, L1, 3);
    /* each hint says what was wrong with the entry, then what to type */
    assert_int_equal(count_of(f->out, "type a number from 1 to 5."), 3);
    assert_int_equal(count_of(f->out, "There is no point 6 on this scale"), 1);
    assert_int_equal(count_of(f->out, "\"abc\" is not a point on the scale"), 1);
    assert_int_equal(count_of(f->out, "\"3.5\" is not a point on the scale"), 1);
    assert_int_equal(count_of(f->out, "no answer yet for Enter to keep: type an answer, or s"), 1);
    assert_int_equal(count_of(f->out, "There is no option 9: type an option number from 1 to 3."), 1);
    assert_int_equal(count_of(f->out, "There is no option 7: the options go from 1 to 4"), 1);
    assert_int_equal(count_of(f->out, "501 is outside the range: type a number from 0 to 500."), 1);
    assert_int_equal(count_of(f->out, "\"lots\" is not a number"), 1);
    /* and every hint ends with the keys that apply to the question */
    assert_int_equal(count_of(f->out, "  0 or - don't know · s skip for now · ? help · q save and quit\n"), 4);
    /* the same question each time: l1 was shown once, then asked again */
    assert_int_equal(count_of(f->out, "Question 1 of 7"), 1);
    assert_int_equal(count_of(f->out, "\n> "), 15);
}

/* ---- back, skip, help ----------------------------------------------------- */

static void test_back_shows_current_answer_enter_keeps(void **state)
{
    fixture *f = *state;
    /* l1=4; at l2 back; Enter keeps 4; l2=5; at p1 back to l2, back to l1, change to 2 */
    assert_int_equal(run(f, "4\nb\n\n5\nb\nb\n2\n3\n" REST), MT_OK);
    assert_value(f->a, L1, 2);
    assert_value(f->a, L2, 5);
    assert_value(f->a, P1, 3);
    assert_int_equal(count_of(f->out, "Current answer: 4 Agree (Enter keeps it)"), 2);
    assert_int_equal(count_of(f->out, "Current answer: 5 Strongly agree"), 1);
    mt_answers *saved = load_saved(f);
    assert_value(saved, L1, 2);
    answers_free(saved);
}

static void test_back_at_first_question(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "b\n4\n2\n2\n" REST), MT_OK);
    assert_int_equal(count_of(f->out, "This is the first question"), 1);
    assert_value(f->a, L1, 4);
}

static void test_skip_then_second_round(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "s\n2\n2\ns\n1,3\n12\nx\n4\n1\n"), MT_OK);
    assert_int_equal(count_of(f->out, "2 questions still unanswered"), 1);
    assert_value(f->a, L1, 4);
    assert_value(f->a, C1, 1);
    /* in the second round l1 is shown once more: twice in all */
    assert_int_equal(count_of(f->out, "Question 1 of 7"), 2);
}

static void test_skip_again_leaves_unanswered(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "s\n2\n2\n" REST "s\n"), MT_OK);
    assert_state(f->a, L1, MT_ANSWER_NONE);
    mt_answers *saved = load_saved(f);
    assert_state(saved, L1, MT_ANSWER_NONE);
    assert_value(saved, L2, 2);
    answers_free(saved);
}

static void test_required_item_not_let_go_in_second_round(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "4\n2\ns\n" REST "s\n\n1\n"), MT_OK);
    assert_value(f->a, P1, 1);
    assert_int_equal(count_of(f->out, "This question is required"), 2);
}

static void test_skip_clears_an_answer(void **state)
{
    fixture *f = *state;
    /* l1=4, at l2 back, s on l1 clears it; then on to l2 */
    assert_int_equal(run(f, "4\nb\ns\n2\n2\n" REST "s\n"), MT_OK);
    assert_state(f->a, L1, MT_ANSWER_NONE);
    mt_answers *saved = load_saved(f);
    assert_state(saved, L1, MT_ANSWER_NONE);
    answers_free(saved);
}

static void test_help_shows_item_help(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "?\n4\n?\n2\n2\n" REST), MT_OK);
    assert_int_equal(count_of(f->out, "Think of the last twelve months"), 1);
    assert_int_equal(count_of(f->out, "There is no help text for this question."), 1);
    assert_value(f->a, L1, 4);
}

static void test_section_intro_once(void **state)
{
    fixture *f = *state;
    /* at c1 go back into the first section and come forward again */
    assert_int_equal(run(f, "4\n2\n2\nb\nb\n\n\n" REST), MT_OK);
    assert_int_equal(count_of(f->out, "A few questions about how you plan"), 1);
    assert_int_equal(count_of(f->out, "Now about the channels"), 1);
    assert_true(count_of(f->out, "Planning\n") >= 2);   /* the heading is shown again */
}

/* ---- quit, end of input, saving -------------------------------------------- */

static void test_quit_keeps_answers_on_disk(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "4\n-\nq\n"), MT_ERROR_INTERRUPTED);
    assert_int_equal(term_signal_caught(), 0);
    mt_answers *saved = load_saved(f);
    assert_value(saved, L1, 4);
    assert_state(saved, L2, MT_ANSWER_DONT_KNOW);
    for (size_t i = P1; i < NITEMS; i++)
        assert_state(saved, i, MT_ANSWER_NONE);
    answers_free(saved);
}

static void test_end_of_input(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "4\n2"), MT_ERROR_INPUT_EOF);   /* a last line without newline counts */
    mt_answers *saved = load_saved(f);
    assert_value(saved, L1, 4);
    assert_value(saved, L2, 2);
    assert_state(saved, P1, MT_ANSWER_NONE);
    answers_free(saved);
}

/* A reader that, before handing out each line, records how many answers
 * the file on disk holds: proof that every answer is saved as given. */
typedef struct spy {
    const fixture *f;
    const char *const *lines;
    size_t next, offset;
    long on_disk[16];
} spy;

static long answers_on_disk(const fixture *f)
{
    if (access(f->save_path, F_OK) != 0)
        return -1;
    mt_answers *a = load_saved(f);
    long n = (long)(answers_count(a, MT_ANSWER_VALUE) + answers_count(a, MT_ANSWER_DONT_KNOW));
    answers_free(a);
    return n;
}

/* An unbuffered stream reads a byte at a time: look at the file when a
 * new line is about to start. */
static ssize_t spy_read(void *cookie, char *buf, size_t size)
{
    spy *s = cookie;
    const char *line = s->lines[s->next];
    if (!line || !size)
        return 0;
    if (s->offset == 0)
        s->on_disk[s->next] = answers_on_disk(s->f);
    buf[0] = line[s->offset++];
    if (!line[s->offset]) {
        s->next++;
        s->offset = 0;
    }
    return 1;
}

static void test_saved_after_every_answer(void **state)
{
    fixture *f = *state;
    static const char *const lines[] = { "4\n", "x\n", "-\n", "b\n", "\n", "q\n", NULL };
    spy s = { .f = f, .lines = lines };
    cookie_io_functions_t io = { .read = spy_read };
    FILE *in = fopencookie(&s, "r", io);
    assert_non_null(in);
    setvbuf(in, NULL, _IONBF, 0);   /* one read per line, so the spy sees each */
    FILE *out = open_memstream(&f->out, &f->outlen);
    mt_prompt_options o = options(f, "en", 80, true);
    assert_int_equal(prompt_run(f->q, f->a, in, out, &o), MT_ERROR_INTERRUPTED);
    fclose(out);
    fclose(in);
    /* before: nothing; after 4: one; after x (invalid): one; after -: two;
     * back and Enter change nothing */
    long want[] = { -1, 1, 1, 2, 2, 2 };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(s.on_disk[i], want[i]);
}

static void test_save_failure_stops(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "en", 80, false);
    o.save_path = "/nonexistent-folder-for-test/answers.ini";
    assert_int_equal(run_with(f, "4\n2\n", &o), MT_ERROR_FILE_WRITE);
    assert_non_null(strstr(f->out, "Could not save the answers to /nonexistent-folder-for-test"));
}

static void test_resume_starts_at_first_unanswered(void **state)
{
    fixture *f = *state;
    f->a->items[L1].state = MT_ANSWER_VALUE;
    f->a->items[L1].value = 1;
    f->a->items[L2].state = MT_ANSWER_DONT_KNOW;
    f->a->items[C1].state = MT_ANSWER_VALUE;   /* answered after a skip last time */
    f->a->items[C1].value = 2;
    assert_int_equal(run(f, "3\n1,3\n12\nx\n"), MT_OK);
    const char *first = strstr(f->out, "Question ");
    assert_non_null(first);
    assert_memory_equal(first, "Question 3 of 7", 15);
    assert_int_equal(count_of(f->out, "Question 4 of 7"), 0);
    assert_value(f->a, L1, 1);
    assert_value(f->a, C1, 2);
    assert_value(f->a, P1, 3);
}

/* ---- the screen -------------------------------------------------------------- */

static void assert_lines_fit(const char *text, size_t width, bool *had_long_bytes)
{
    char *copy = mt_strdup(text);
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "> ", 2) == 0)
            continue;   /* an echo of what was typed */
        assert_in_range(mt_utf8_len(line), 0, width);
        if (strlen(line) > width)
            *had_long_bytes = true;
    }
    free(copy);
}

static void test_wraps_by_characters_hebrew(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "he", 36, false);
    assert_int_equal(run_with(f, "?\n4\n2\n2\n" REST, &o), MT_OK);
    bool long_bytes = false;
    assert_lines_fit(f->out, 36, &long_bytes);
    assert_true(long_bytes);   /* Hebrew lines are longer in bytes: counting them would cut short */
    assert_non_null(strstr(f->out, "שאלה 1 מתוך 7"));
    assert_non_null(strstr(f->out, "אנחנו מתכננים את השיווק"));
    assert_non_null(strstr(f->out, "חשבו על שנים-עשר החודשים"));
    assert_null(strstr(f->out, "Question"));
}

static void test_wrap_cuts_long_words(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    prompt_wrap(out, "short אבגדהוזחטיכלמנסעפצקרשתאבגדהוזחטיכלמנסעפצקרשת end", 24, 2);
    fclose(out);
    bool ignored = false;
    assert_lines_fit(buf, 24, &ignored);
    assert_true(count_of(buf, "\n") >= 3);
    assert_true(mt_utf8_valid(buf, len));   /* never cut inside a character */
    free(buf);
}

static void test_option_labels_hang_under_their_text(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "en", 20, false);
    assert_int_equal(run_with(f, "q\n", &o), MT_ERROR_INTERRUPTED);
    /* too narrow for the scale on one line: one point a line, and the
     * label's second line starts under its first word, not under the number */
    assert_non_null(strstr(f->out, "\n  1 Strongly\n    disagree\n"));
    assert_non_null(strstr(f->out, "\n  4 Agree\n"));
}

static void test_no_escapes_without_colour(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "en", 80, false);
    assert_int_equal(run_with(f, "4\n2\n2\n" REST, &o), MT_OK);
    assert_null(strchr(f->out, '\033'));
    answers_free(f->a);
    assert_int_equal(answers_new(f->q, &f->a), MT_OK);
    o.colour = true;
    assert_int_equal(run_with(f, "4\n2\n2\n" REST, &o), MT_OK);
    assert_non_null(strstr(f->out, "\033[1m"));
    /* it ends with the attributes reset */
    const char *last = f->out;
    for (const char *p = f->out; (p = strstr(p, "\033[")); p++)
        last = p;
    assert_memory_equal(last, "\033[0m", 4);
}

static void test_controls_never_reach_the_screen(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "en", 80, true);
    o.echo = false;
    assert_int_equal(run_with(f, "4\n2\n2\n3\n1\n1\n\033[2Jred\033]0;x\a\n", &o), MT_OK);
    assert_null(strchr(f->a->items[T1].text, '\033'));
    assert_null(strchr(f->a->items[T1].text, '\a'));
    assert_null(strchr(f->out, '\033'));
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    prompt_wrap(out, "a\033[31mb\xc2\x9b" "c", 80, 0);
    fclose(out);
    assert_string_equal(buf, "a[31mbc\n");
    free(buf);
}

static void test_echo_for_pipes(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "en", 80, false);
    o.echo = true;
    assert_int_equal(run_with(f, "4\n2\n2\n" REST, &o), MT_OK);
    assert_non_null(strstr(f->out, "> 4\n"));
    assert_non_null(strstr(f->out, "> 1,3\n"));
}

static void test_shows_whether_dont_know_is_offered(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "4\n2\n2\n" REST), MT_OK);
    assert_int_equal(count_of(f->out, "0 / - don't know"), 4);   /* l1 l2 c1 m1 */
    assert_int_equal(count_of(f->out, "  - don't know"), 1);     /* n1: 0 is a number */
    assert_int_equal(count_of(f->out, "No \"don't know\" on this question."), 2);  /* p1 t1 */
    assert_int_equal(count_of(f->out, "(required)"), 1);
    assert_non_null(strstr(f->out, "1 Strongly disagree · 2 Disagree"));
    assert_non_null(strstr(f->out, "A number from 0 to 500 people"));
}

/* ---- keys and hints per item ---------------------------------------------------- */

/* The text between the n-th occurrence of from (1-based) and the next "> ". */
static char *after(const char *text, const char *from, size_t n)
{
    const char *p = text;
    for (size_t i = 0; i < n && p; i++) {
        p = strstr(p, from);
        if (p && i + 1 < n)
            p += strlen(from);
    }
    assert_non_null(p);
    const char *end = strstr(p, "\n> ");
    return mt_strndup(p, end ? (size_t)(end - p) : strlen(p));
}

static void test_keys_depend_on_the_item(void **state)
{
    fixture *f = *state;
    /* ? on l1 (first, scale), p1 (no don't know), n1 (number), t1 (text);
     * then skip p1 and see it required at the end */
    assert_int_equal(run(f, "?\n4\n2\n?\ns\n3\n1\n?\n12\n?\nx\n?\n2\n"), MT_OK);
    char *l1 = after(f->out, "Keys, then Enter:", 1);
    assert_non_null(strstr(l1, "0 or - don't know"));
    assert_null(strstr(l1, "b back"));              /* nothing before the first question */
    assert_null(strstr(l1, "Enter alone"));         /* no answer to keep yet */
    char *p1 = after(f->out, "Keys, then Enter:", 2);
    assert_null(strstr(p1, "don't know"));           /* not offered */
    assert_non_null(strstr(p1, "b back"));
    char *n1 = after(f->out, "Keys, then Enter:", 3);
    assert_non_null(strstr(n1, "- don't know (0 is a value here)"));
    assert_null(strstr(n1, "0 or -"));
    char *t1 = after(f->out, "Keys, then Enter:", 4);
    assert_non_null(strstr(t1, "Enter alone leaves it unanswered"));
    char *again = after(f->out, "Keys, then Enter:", 5);   /* p1, required, at the end */
    assert_non_null(strstr(again, "this question needs an answer"));
    assert_null(strstr(again, "s skip"));
    /* the line under each question: 0 is a value on n1, so nothing about 0 */
    assert_non_null(strstr(f->out, "  - don't know\n"));
    assert_int_equal(count_of(f->out, "0 or -"), 1);
    assert_value(f->a, P1, 2);
    free(l1);
    free(p1);
    free(n1);
    free(t1);
    free(again);
}

static void test_hebrew_keyboard_letters_are_keys(void **state)
{
    fixture *f = *state;
    /* ד skips l1, נ goes back from l2 to l1, / saves and quits */
    assert_int_equal(run(f, "\xd7\x93\n\xd7\xa0\n4\n2\n/\n"), MT_ERROR_INTERRUPTED);
    assert_int_equal(count_of(f->out, "Skipped for now"), 1);
    assert_int_equal(count_of(f->out, "Question 1 of 7"), 2);
    assert_value(f->a, L1, 4);
    assert_value(f->a, L2, 2);
    assert_state(f->a, P1, MT_ANSWER_NONE);
    /* in Hebrew the keys say so, and a hint names them */
    answers_free(f->a);
    assert_int_equal(answers_new(f->q, &f->a), MT_OK);
    mt_prompt_options o = options(f, "he", 80, false);
    assert_int_equal(run_with(f, "x\nq\n", &o), MT_ERROR_INTERRUPTED);
    assert_non_null(strstr(f->out, "0 או - לא יודע/ת · s (ד) דילוג בינתיים · ? עזרה · q (/) שמירה ויציאה"));
}

static void test_several_options_as_people_type_them(void **state)
{
    fixture *f = *state;
    static const char *const forms[] = { "1 3", "1; 3", "1, 3,3", " 3 ,1 ", "1,,3" };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        answers_free(f->a);
        assert_int_equal(answers_new(f->q, &f->a), MT_OK);
        char *input = mt_asprintf("4\n2\n2\n3\n%s\n12\nx\n", forms[i]);
        assert_int_equal(run(f, input), MT_OK);
        free(input);
        assert_int_equal(f->a->items[M1].state, MT_ANSWER_VALUE);
        assert_int_equal(f->a->items[M1].mask, 0x5);
    }
    mt_answers *saved = load_saved(f);
    assert_int_equal(saved->items[M1].mask, 0x5);
    answers_free(saved);
    answers_free(f->a);
    assert_int_equal(answers_new(f->q, &f->a), MT_OK);
    assert_int_equal(run(f, "4\n2\n2\n3\n1 x\n1,5\n;\n2\n12\nx\n"), MT_OK);
    assert_non_null(strstr(f->out, "\"x\" is not an option number: type numbers from 1 to 4"));
    assert_non_null(strstr(f->out, "There is no option 5: the options go from 1 to 4"));
    assert_non_null(strstr(f->out, "\";\" is not an option number"));
    assert_int_equal(f->a->items[M1].mask, 0x2);
}

static void test_percent_sign_on_numbers(void **state)
{
    fixture *f = *state;
    assert_int_equal(run(f, "4\n2\n2\n3\n1\n12.5%\nx\n"), MT_OK);
    assert_true(f->a->items[N1].number == 12.5);
    answers_free(f->a);
    assert_int_equal(answers_new(f->q, &f->a), MT_OK);
    assert_int_equal(run(f, "4\n2\n2\n3\n1\n7 %\nx\n"), MT_OK);
    assert_true(f->a->items[N1].number == 7);
    assert_int_equal(count_of(f->out, "is not a number"), 0);
}

static void test_enter_on_optional_text_leaves_it(void **state)
{
    fixture *f = *state;
    /* Enter on t1 leaves it; at the end Enter leaves it again: done */
    assert_int_equal(run(f, "4\n2\n2\n3\n1\n12\n\n\n"), MT_OK);
    assert_state(f->a, T1, MT_ANSWER_NONE);
    assert_int_equal(count_of(f->out, "Left unanswered: asked again at the end."), 1);
    assert_int_equal(count_of(f->out, "Left unanswered.\n"), 1);
    assert_int_equal(count_of(f->out, "no answer yet for Enter to keep"), 0);
    /* a scale still wants an answer or a key */
    answers_free(f->a);
    assert_int_equal(answers_new(f->q, &f->a), MT_OK);
    assert_int_equal(run(f, "\n4\n2\n2\n" REST), MT_OK);
    assert_int_equal(count_of(f->out, "no answer yet for Enter to keep"), 1);
}

static void test_skipped_kept_for_the_end_of_a_resumed_session(void **state)
{
    fixture *f = *state;
    /* skip l1 and p1, answer l2 and c1, quit at m1 */
    assert_int_equal(run(f, "s\n2\ns\n3\nq\n"), MT_ERROR_INTERRUPTED);
    mt_answers *saved = load_saved(f);
    assert_true(saved->items[L1].skipped);
    assert_true(saved->items[P1].skipped);
    assert_false(saved->items[M1].skipped);
    /* resumed: on at m1, where the person was, then l1 and p1 at the end */
    answers_free(f->a);
    f->a = saved;
    assert_int_equal(run(f, "1,3\n12\nx\n5\n1\n"), MT_OK);
    const char *first = strstr(f->out, "Question ");
    assert_non_null(first);
    assert_memory_equal(first, "Question 5 of 7", 15);
    const char *again = strstr(f->out, "2 questions still unanswered");
    assert_non_null(again);
    assert_non_null(strstr(again, "Question 1 of 7"));
    assert_non_null(strstr(again, "Question 3 of 7"));
    assert_value(f->a, L1, 5);
    assert_value(f->a, P1, 1);
    assert_false(f->a->items[L1].skipped);   /* answered: no longer skipped */
    mt_answers *done = load_saved(f);
    assert_false(done->items[L1].skipped || done->items[P1].skipped);
    answers_free(done);
}

static void test_counts_say_answered_of_values_only(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "en", 80, false);
    assert_int_equal(run(f, "4\n-\nq\n"), MT_ERROR_INTERRUPTED);
    char *c = prompt_counts(f->a, &o);
    assert_string_equal(c, "1 of 7 questions answered, 1 don't know");
    free(c);
    answers_clear(&f->a->items[L2]);
    c = prompt_counts(f->a, &o);
    assert_string_equal(c, "1 of 7 questions answered");
    free(c);
}

/* The lines the walk printed that hold needle. */
static char *line_with(const char *text, const char *needle)
{
    const char *hit = strstr(text, needle);
    if (!hit)
        return NULL;
    const char *start = hit;
    while (start > text && start[-1] != '\n')
        start--;
    const char *end = strchr(hit, '\n');
    return mt_strndup(start, end ? (size_t)(end - start) : strlen(start));
}

static void test_bidi_reorders_and_right_aligns(void **state)
{
    fixture *f = *state;
    mt_prompt_options o = options(f, "he", 40, false);
    o.bidi = true;
    assert_int_equal(run_with(f, "q\n", &o), MT_ERROR_INTERRUPTED);
    /* "שאלה 1 מתוך 7 · תכנון" in visual order, ending at column 40 */
    char *line = line_with(f->out, "ןונכת · 7 ךותמ 1 הלאש");
    assert_non_null(line);
    assert_int_equal(mt_utf8_len(line), 40);
    assert_int_equal(line[0], ' ');
    free(line);
    assert_null(strstr(f->out, "שאלה 1 מתוך 7"));
    /* an indented line keeps its indent as the right margin */
    line = line_with(f->out, "דואמ ת/דגנתמ 1");
    assert_non_null(line);
    assert_int_equal(mt_utf8_len(line), 38);
    free(line);
    /* every line still fits */
    bool ignored = false;
    assert_lines_fit(f->out, 40, &ignored);
    /* without it: logical order, as a terminal that does bidi wants it */
    o.bidi = false;
    assert_int_equal(run_with(f, "q\n", &o), MT_ERROR_INTERRUPTED);
    assert_non_null(strstr(f->out, "\nשאלה 1 מתוך 7 · תכנון"));
    /* and a left-to-right language is never touched */
    mt_prompt_options en = options(f, "en", 40, false);
    en.bidi = true;
    assert_int_equal(run_with(f, "q\n", &en), MT_ERROR_INTERRUPTED);
    assert_non_null(strstr(f->out, "\nQuestion 1 of 7 · Planning"));
}

/* ---- summary and meta ---------------------------------------------------------- */

static void test_summary(void **state)
{
    fixture *f = *state;
    /* a seller: agrees with changing the plan, sales goal, digital channels */
    assert_int_equal(run(f, "1\n5\n1\n2\n1,2\n30\n-\nx\n"), MT_OK);
    mt_result *r = NULL;
    mt_recommendations *recs = NULL;
    assert_int_equal(scorer_score(f->q, f->a, &r), MT_OK);
    assert_int_equal(recommender_run(f->q, r, &recs), MT_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    mt_prompt_options o = options(f, "en", 80, false);
    prompt_print_summary(f->q, f->a, r, recs, out, &o);
    fclose(out);
    assert_non_null(strstr(buf, "Dominant archetype: Seller"));
    assert_non_null(strstr(buf, "Top barriers: Rigid planning"));
    /* l2 agreed fully: both stages reached (foundations: p1 0 and n1 100 make 50) */
    assert_non_null(strstr(buf, "Stage: Agility"));
    assert_non_null(strstr(buf, "Next stage: Every stage reached"));
    assert_non_null(strstr(buf, "Answered: 7 of 7 · don't know: 0 · unanswered: 0"));
    assert_non_null(strstr(buf, "Build on your sales strength"));
    free(buf);
    /* a half point rounds up, as in the reports (printf's %.0f would give 62) */
    for (size_t c = 0; c < f->q->nconstructs; c++)
        r->constructs[c].score = 62.5;
    out = open_memstream(&buf, &len);
    prompt_print_summary(f->q, f->a, r, recs, out, &o);
    fclose(out);
    assert_non_null(strstr(buf, " 63 ("));
    assert_null(strstr(buf, " 62 ("));
    free(buf);
    recommender_free(recs);
    scorer_result_free(r);
}

static void test_ask_line(void **state)
{
    fixture *f = *state;
    FILE *in = fmemopen((void *)"  Northwind Ltd  \n\n", 19, "r");
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    mt_prompt_options o = options(f, "en", 80, false);
    char *value = NULL;
    assert_int_equal(prompt_ask_line(in, out, &o, "Organisation", NULL, &value), MT_OK);
    assert_string_equal(value, "Northwind Ltd");
    free(value);
    assert_int_equal(prompt_ask_line(in, out, &o, "File", "x.ini", &value), MT_OK);
    assert_string_equal(value, "x.ini");   /* Enter takes the proposal */
    free(value);
    assert_int_equal(prompt_ask_line(in, out, &o, "Role", NULL, &value), MT_ERROR_INPUT_EOF);
    assert_null(value);
    fclose(out);
    fclose(in);
    assert_non_null(strstr(buf, "File [x.ini]: "));
    free(buf);
}

/* ---- signals ----------------------------------------------------------------- */

/* A signal that arrives before the wait starts is not lost: the wait
 * returns at once instead of blocking until the next line. */
static void test_signal_before_wait_is_seen(void **state)
{
    fixture *f = *state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    FILE *in = fdopen(fds[0], "r");
    setvbuf(in, NULL, _IONBF, 0);
    term_signals_install();
    raise(SIGTERM);   /* blocked: pending until the wait */
    assert_int_equal(term_signal_caught(), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    mt_prompt_options o = options(f, "en", 80, true);
    assert_int_equal(prompt_run(f->q, f->a, in, out, &o), MT_ERROR_INTERRUPTED);
    assert_int_equal(term_signal_caught(), SIGTERM);
    term_signals_restore();
    term_signal_reset();
    fclose(out);
    free(buf);
    fclose(in);
    close(fds[1]);
}

static void test_signal_between_answers(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], "4\n", 2), 2);
    FILE *in = fdopen(fds[0], "r");
    setvbuf(in, NULL, _IONBF, 0);
    term_signals_install();
    char *line = NULL;
    size_t cap = 0;
    assert_int_equal(term_read_line(in, &line, &cap), MT_OK);
    assert_string_equal(line, "4");
    raise(SIGHUP);
    assert_int_equal(term_read_line(in, &line, &cap), MT_ERROR_INTERRUPTED);
    assert_int_equal(term_signal_caught(), SIGHUP);
    term_signals_restore();
    term_signal_reset();
    free(line);
    fclose(in);
    close(fds[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_answers_every_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multi_none, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dont_know_spellings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_entries_hint_and_ask_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_shows_current_answer_enter_keeps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_at_first_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_then_second_round, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_again_leaves_unanswered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_required_item_not_let_go_in_second_round, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_clears_an_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_shows_item_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_section_intro_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quit_keeps_answers_on_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_of_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_saved_after_every_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_failure_stops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume_starts_at_first_unanswered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wraps_by_characters_hebrew, setup, teardown),
        cmocka_unit_test(test_wrap_cuts_long_words),
        cmocka_unit_test_setup_teardown(test_option_labels_hang_under_their_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_escapes_without_colour, setup, teardown),
        cmocka_unit_test_setup_teardown(test_controls_never_reach_the_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_echo_for_pipes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shows_whether_dont_know_is_offered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keys_depend_on_the_item, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hebrew_keyboard_letters_are_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_options_as_people_type_them, setup, teardown),
        cmocka_unit_test_setup_teardown(test_percent_sign_on_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enter_on_optional_text_leaves_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skipped_kept_for_the_end_of_a_resumed_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_say_answered_of_values_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bidi_reorders_and_right_aligns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ask_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signal_before_wait_is_seen, setup, teardown),
        cmocka_unit_test(test_signal_between_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
