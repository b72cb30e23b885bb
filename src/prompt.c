/*
 * prompt.c - the interactive questionnaire walk.
 * See documentation in header file.
 *
 * The walk keeps a position in an order of items: the questionnaire's
 * order first, then the items left unanswered. Moving on goes to the next
 * unanswered item, so `b` and Enter lead back to where the person was, and
 * a resumed session starts at the first unanswered item.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/prompt.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "maturity/bidi.h"
#include "maturity/labels.h"
#include "maturity/term.h"
#include "maturity/util.h"

/* ANSI attributes; used only when opt->colour is set. */
#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_ACCENT "\033[36m"
#define SGR_WARN "\033[33m"
#define SGR_RESET "\033[0m"

#define BAR_CELLS 20
#define MAX_WIDTH 100   /* longer lines are hard to read, even on a wide terminal */
#define MIN_WIDTH 20

struct walk {
    const mt_questionnaire *q;
    mt_answers *a;
    FILE *in, *out;
    const mt_prompt_options *opt;
    char *line;
    size_t cap;
    bool *intro_shown;     /* per section: its intro was shown this session */
    long shown_section;    /* the section whose heading is on screen, -1 none */
    bool final_round;      /* offering the unanswered items again */
};

enum step { STEP_NEXT, STEP_BACK, STEP_STOP };

/* --- output helpers ----------------------------------------------------- */

static const char *L(const mt_prompt_options *opt, const char *key)
{
    return mt_label(opt->lang_code, key);
}

static const char *T(const struct walk *w, const mt_text *t)
{
    return mt_text_get(t, w->opt->lang);
}

/* The width to wrap to: the option, else the terminal's now (it may have
 * been resized since the last question), within readable bounds. */
static int clamp_width(FILE *out, int asked)
{
    int width = asked > 0 ? asked : term_width(out);
    if (width > MAX_WIDTH)
        width = MAX_WIDTH;
    return width < MIN_WIDTH ? MIN_WIDTH : width;
}

static int width_of(const struct walk *w)
{
    return clamp_width(w->out, w->opt->width);
}

static void attr(FILE *out, const mt_prompt_options *opt, const char *sgr)
{
    if (opt->colour)
        fputs(sgr, out);
}

/* Right-to-left text is put in visual order only when asked (--bidi) and
 * only in a right-to-left language: a terminal that does bidi itself
 * (VTE, Konsole, mlterm) would turn reordered text back to front. */
static bool visual_of(const mt_prompt_options *opt)
{
    return opt && opt->bidi && opt->lang_code && mt_lang_is_rtl(opt->lang_code);
}

/* The column a visual line ends at: the terminal's right edge (or the
 * width asked for), not the narrower width text is wrapped to. */
static int right_edge(FILE *out, const mt_prompt_options *opt)
{
    return opt && opt->width > 0 ? opt->width : term_width(out);
}

/* Control characters (C0, DEL, C1) would let a text move the cursor or
 * change colours; they are never written. Returns bytes of the sequence. */
static size_t control_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x20 || c == 0x7f)
        return 1;
    if (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)
        return 2;
    return 0;
}

static void put_clean(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t skip = control_len(s + i);
        if (skip) {
            i += skip;
            continue;
        }
        fputc(s[i], out);
        i++;
    }
}

/* Characters of s[0..n), counting UTF-8 code points and not controls. */
static size_t chars_in(const char *s, size_t n)
{
    char *copy = mt_strndup(s, n);
    if (!copy)
        return n;
    size_t len = mt_utf8_len(copy);
    free(copy);
    return len;
}

/* Byte length of the longest prefix of s holding at most max characters. */
static size_t bytes_for_chars(const char *s, size_t n, size_t max)
{
    size_t i = 0, count = 0;
    while (i < n && count < max) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        count++;
    }
    return i;
}

static void indent_to(FILE *out, int indent)
{
    for (int i = 0; i < indent; i++)
        fputc(' ', out);
}

/* Starts an output line: continuation lines are indented hang columns
 * more, which count as used room. Returns the column after the indent. */
static size_t start_line(FILE *out, int indent, size_t hang, bool first)
{
    indent_to(out, indent + (first ? 0 : (int)hang));
    return first ? 0 : hang;
}

/* Writes one paragraph (no newlines inside) wrapped at width; lines after
 * the first are indented hang more (a numbered option's label). */
static void wrap_paragraph(FILE *out, const char *p, size_t n, int width, int indent,
                           size_t hang)
{
    size_t room = (size_t)(width - indent > 10 ? width - indent : 10);
    if (hang > room / 2)
        hang = room / 2;
    size_t col = 0, i = 0;
    bool line_started = false, first = true;
    while (i < n) {
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        size_t start = i;
        while (i < n && p[i] != ' ' && p[i] != '\t')
            i++;
        size_t wlen = i - start;
        if (!wlen)
            break;
        size_t wchars = chars_in(p + start, wlen);
        if (line_started && col + 1 + wchars > room) {
            fputc('\n', out);
            line_started = false;
        }
        if (!line_started) {
            col = start_line(out, indent, hang, first);
            line_started = true;
            first = false;
        } else {
            fputc(' ', out);
            col++;
        }
        /* A word longer than a whole line is cut at a character boundary. */
        while (wchars > room - col) {
            size_t fit = room - col;
            size_t take = bytes_for_chars(p + start, wlen, fit);
            put_clean(out, p + start, take);
            fputc('\n', out);
            col = start_line(out, indent, hang, false);
            start += take;
            wlen -= take;
            wchars -= fit;
        }
        put_clean(out, p + start, wlen);
        col += wchars;
    }
    fputc('\n', out);
}

/* Writes one line, already wrapped and cleaned, in visual order and
 * right-aligned so that it ends indent columns before edge: the indent
 * becomes the right margin, as on a right-to-left page. */
static void put_visual_line(FILE *out, const char *line, size_t n, int edge)
{
    size_t indent = strspn(line, " ");
    if (indent > n)
        indent = n;
    char *logical = mt_strndup(line + indent, n - indent);
    char *visual = NULL;
    if (logical && bidi_visual_line(logical, true, &visual) != MT_OK)
        visual = NULL;
    const char *shown = visual ? visual : logical ? logical : "";
    size_t used = indent + mt_utf8_len(shown);
    for (size_t col = used; col < (size_t)edge; col++)
        fputc(' ', out);
    fputs(shown, out);
    fputc('\n', out);
    free(visual);
    free(logical);
}

static void put_visual_lines(FILE *out, const char *text, int edge)
{
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        put_visual_line(out, p, n, edge);
        p += n + (nl ? 1 : 0);
    }
}

static void wrap_logical(FILE *out, const char *text, int width, int indent, size_t hang)
{
    const char *p = text ? text : "";
    do {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        wrap_paragraph(out, p, n, width, indent, hang);
        p = nl ? nl + 1 : NULL;
    } while (p);
}

/* prompt_wrap with a hanging indent for the lines after the first. The
 * lines are wrapped in logical order first, then reordered one by one:
 * reordering first would put the wrong words on each line. */
static void wrap_hanging(FILE *out, const mt_prompt_options *opt, const char *text, int width,
                         int indent, size_t hang)
{
    width = clamp_width(out, width);
    if (!visual_of(opt)) {
        wrap_logical(out, text, width, indent, hang);
        return;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        wrap_logical(out, text, width, indent, hang);
        return;
    }
    wrap_logical(mem, text, width, indent, hang);
    if (fclose(mem) == 0)
        put_visual_lines(out, buf, right_edge(out, opt));
    free(buf);
}

void prompt_wrap(FILE *out, const char *text, int width, int indent)
{
    wrap_hanging(out, NULL, text, width, indent, 0);
}

void prompt_say(FILE *out, const mt_prompt_options *opt, const char *text, int indent)
{
    wrap_hanging(out, opt, text, opt->width, indent, 0);
}

static void say(const struct walk *w, const char *sgr, const char *text, int indent)
{
    if (sgr)
        attr(w->out, w->opt, sgr);
    wrap_hanging(w->out, w->opt, text, width_of(w), indent, 0);
    if (sgr)
        attr(w->out, w->opt, SGR_RESET);
}

/* Prints a label that holds printf conversions, formatted, wrapped. */
static void sayf(const struct walk *w, const char *sgr, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    char *text = NULL;
    if (vasprintf(&text, L(w->opt, key), ap) < 0)
        text = NULL;
    va_end(ap);
    say(w, sgr, text ? text : key, 0);
    free(text);
}

/* --- answers ------------------------------------------------------------ */

/* Given an answer of any kind, "don't know" included: the walk moves on.
 * (The counts shown to the person say "answered" only of values.) */
static bool answered(const mt_answer *ans)
{
    return ans->state != MT_ANSWER_NONE;
}

/* Questions given a value or a "don't know": how far the walk has come. */
static size_t count_given(const mt_answers *a)
{
    return answers_count(a, MT_ANSWER_VALUE) + answers_count(a, MT_ANSWER_DONT_KNOW);
}

char *prompt_counts(const mt_answers *a, const mt_prompt_options *opt)
{
    size_t values = answers_count(a, MT_ANSWER_VALUE);
    size_t dont_know = answers_count(a, MT_ANSWER_DONT_KNOW);
    if (!dont_know)
        return mt_asprintf(L(opt, "prompt.counts"), values, a->q->nitems);
    return mt_asprintf(L(opt, "prompt.counts_dk"), values, a->q->nitems, dont_know);
}

size_t prompt_count_skipped(const mt_answers *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->q->nitems; i++)
        if (a->items[i].skipped && !answered(&a->items[i]))
            n++;
    return n;
}

static mt_error save(const struct walk *w)
{
    if (!w->opt->save_path)
        return MT_OK;
    mt_error err = answers_save(w->a, w->opt->save_path);
    if (err != MT_OK) {
        char *text = mt_asprintf(L(w->opt, "prompt.save_failed"), w->opt->save_path,
                                 mt_strerror(err));
        say(w, SGR_WARN, text ? text : w->opt->save_path, 0);
        free(text);
    }
    return err;
}

/* Replaces the answer in slot with value's content, keeping slot's note.
 * An answer ends a skip. */
static void put_answer(mt_answer *slot, const mt_answer *value)
{
    answers_clear(slot);
    slot->skipped = false;
    slot->state = value->state;
    slot->value = value->value;
    slot->mask = value->mask;
    slot->number = value->number;
    slot->text = value->text;
    slot->line = 0;
}

static char *format_number(double v)
{
    return mt_asprintf("%g", v);
}

/* The answer as the person sees it: "4 Agree", "1,3 Email, Print", "12 people". */
static char *describe_answer(const struct walk *w, const mt_item *item, const mt_answer *ans)
{
    if (ans->state == MT_ANSWER_DONT_KNOW)
        return mt_strdup(L(w->opt, "common.dont_know"));
    switch (item->type) {
    case MT_ITEM_LIKERT: {
        const mt_scale *sc = &w->q->scales[item->scale];
        const char *label = ans->value >= 1 && ans->value <= sc->points
                                ? T(w, &sc->labels[ans->value - 1]) : "";
        return mt_asprintf("%ld %s", ans->value, label);
    }
    case MT_ITEM_CHOICE: {
        const char *label = ans->value >= 1 && (size_t)ans->value <= item->noptions
                                ? T(w, &item->options[ans->value - 1].label) : "";
        return mt_asprintf("%ld %s", ans->value, label);
    }
    case MT_ITEM_MULTI: {
        if (!ans->mask)
            return mt_strdup(L(w->opt, "prompt.multi_none"));
        char *nums = NULL, *names = NULL;
        for (size_t i = 0; i < item->noptions && i < MT_MAX_OPTIONS; i++) {
            if (!(ans->mask & (UINT64_C(1) << i)))
                continue;
            char num[24];
            snprintf(num, sizeof num, "%zu", i + 1);
            mt_str_append(&nums, ",", num);
            mt_str_append(&names, ", ", T(w, &item->options[i].label));
        }
        char *r = mt_asprintf("%s %s", nums ? nums : "", names ? names : "");
        free(nums);
        free(names);
        return r;
    }
    case MT_ITEM_NUMBER: {
        char *num = format_number(ans->number);
        char *r = mt_asprintf("%s %s", num ? num : "", T(w, &item->unit));
        free(num);
        return r;
    }
    case MT_ITEM_TEXT:
        return mt_strdup(ans->text ? ans->text : "");
    }
    return mt_strdup("");
}

/* --- showing a question ------------------------------------------------- */

static void show_section(struct walk *w, size_t section)
{
    if (w->shown_section == (long)section)
        return;
    const mt_section *sec = &w->q->sections[section];
    fputc('\n', w->out);
    say(w, SGR_BOLD SGR_ACCENT, T(w, &sec->title), 0);
    if (!w->intro_shown[section] && !mt_text_empty(&sec->intro))
        say(w, NULL, T(w, &sec->intro), 0);
    w->intro_shown[section] = true;
    w->shown_section = (long)section;
}

/* "[████░░░░] 40%": how far the walk has come. */
static char *progress_bar(const struct walk *w)
{
    const mt_questionnaire *q = w->q;
    size_t done = count_given(w->a);
    size_t filled = q->nitems ? done * BAR_CELLS / q->nitems : 0;
    unsigned percent = q->nitems ? (unsigned)(done * 100 / q->nitems) : 0;
    char *bar = mt_strdup("[");
    for (size_t i = 0; bar && i < BAR_CELLS; i++)
        if (!mt_str_append(&bar, "", i < filled ? "█" : "░")) {
            free(bar);
            bar = NULL;
        }
    char *r = bar ? mt_asprintf("%s] %u%%", bar, percent) : NULL;
    free(bar);
    return r;
}

/* With --bidi the heading and the bar are two right-aligned lines: a bar
 * inside a reordered line would run the wrong way. */
static void show_progress_visual(const struct walk *w, const char *where, const char *title)
{
    char *head = mt_asprintf("%s · %s", where, title);
    char *bar = progress_bar(w);
    fputc('\n', w->out);
    say(w, SGR_BOLD, head ? head : where, 0);
    say(w, SGR_ACCENT, bar ? bar : "", 0);
    free(head);
    free(bar);
}

static void show_progress(const struct walk *w, size_t index)
{
    const mt_questionnaire *q = w->q;
    size_t done = count_given(w->a);
    size_t filled = q->nitems ? done * BAR_CELLS / q->nitems : 0;
    unsigned percent = q->nitems ? (unsigned)(done * 100 / q->nitems) : 0;
    char *where = mt_asprintf(L(w->opt, "prompt.position"), index + 1, q->nitems);
    const char *title = T(w, &q->sections[q->items[index].section].title);
    if (visual_of(w->opt)) {
        show_progress_visual(w, where ? where : "", title);
        free(where);
        return;
    }
    size_t head = mt_utf8_len(where ? where : "") + 3 + mt_utf8_len(title);
    fputc('\n', w->out);
    attr(w->out, w->opt, SGR_BOLD);
    fputs(where ? where : "", w->out);
    attr(w->out, w->opt, SGR_RESET);
    fputs(" · ", w->out);
    put_clean(w->out, title, strlen(title));
    /* The bar goes on the same line when it fits, else on its own. */
    if (head + 2 + BAR_CELLS + 2 + 5 > (size_t)width_of(w))
        fputc('\n', w->out);
    else
        fputs("  ", w->out);
    attr(w->out, w->opt, SGR_ACCENT);
    fputc('[', w->out);
    for (size_t i = 0; i < BAR_CELLS; i++)
        fputs(i < filled ? "█" : "░", w->out);
    fputc(']', w->out);
    attr(w->out, w->opt, SGR_RESET);
    fprintf(w->out, " %u%%\n", percent);
    free(where);
}

/* "1 Strongly disagree · 2 Disagree ..." on one line when it fits. */
static bool show_scale_compact(const struct walk *w, const mt_scale *sc)
{
    char *row = NULL;
    for (int i = 0; i < sc->points; i++) {
        char *cell = mt_asprintf("%d %s", i + 1, T(w, &sc->labels[i]));
        bool ok = cell && mt_str_append(&row, " · ", cell);
        free(cell);
        if (!ok) {
            free(row);
            return false;
        }
    }
    bool fits = row && (int)mt_utf8_len(row) + 2 <= width_of(w);
    if (fits)
        say(w, NULL, row, 2);
    free(row);
    return fits;
}

static void show_numbered(const struct walk *w, size_t number, const char *label)
{
    char *cell = mt_asprintf("%zu %s", number, label);
    size_t hang = mt_utf8_len(cell ? cell : "") - mt_utf8_len(label);
    wrap_hanging(w->out, w->opt, cell ? cell : label, width_of(w), 2, hang);
    free(cell);
}

static void show_answer_space(const struct walk *w, const mt_item *item)
{
    const mt_questionnaire *q = w->q;
    switch (item->type) {
    case MT_ITEM_LIKERT: {
        const mt_scale *sc = &q->scales[item->scale];
        if (!show_scale_compact(w, sc))
            for (int i = 0; i < sc->points; i++)
                show_numbered(w, (size_t)i + 1, T(w, &sc->labels[i]));
        break;
    }
    case MT_ITEM_CHOICE:
    case MT_ITEM_MULTI:
        for (size_t i = 0; i < item->noptions; i++)
            show_numbered(w, i + 1, T(w, &item->options[i].label));
        if (item->type == MT_ITEM_MULTI)
            say(w, SGR_DIM, L(w->opt, "prompt.multi_how"), 2);
        break;
    case MT_ITEM_NUMBER: {
        char *lo = format_number(item->min), *hi = format_number(item->max);
        char *range = mt_asprintf(L(w->opt, "prompt.number_how"), lo ? lo : "", hi ? hi : "",
                                  T(w, &item->unit));
        say(w, SGR_DIM, range ? range : "", 2);
        free(range);
        free(lo);
        free(hi);
        break;
    }
    case MT_ITEM_TEXT:
        say(w, SGR_DIM, L(w->opt, "prompt.text_how"), 2);
        break;
    }
}

static bool zero_is_dont_know(const mt_item *item)
{
    return item->type == MT_ITEM_LIKERT || item->type == MT_ITEM_CHOICE ||
           item->type == MT_ITEM_MULTI;
}

/* An optional free-text question: Enter alone on it leaves it unanswered. */
static bool enter_skips(const struct walk *w, const mt_item *item, const mt_answer *ans)
{
    return item->type == MT_ITEM_TEXT && !answered(ans) && !(w->final_round && item->required);
}

static void show_dont_know(const struct walk *w, const mt_item *item)
{
    if (!item->dont_know) {
        say(w, SGR_DIM, L(w->opt, "prompt.no_dont_know"), 2);
        return;
    }
    const char *keys = zero_is_dont_know(item) ? "0 / -" : "-";
    char *row = mt_asprintf("%s  %s", keys, L(w->opt, "common.dont_know"));
    say(w, NULL, row ? row : "", 2);
    free(row);
}

static void show_current(const struct walk *w, const mt_item *item, const mt_answer *ans)
{
    if (!answered(ans))
        return;
    char *desc = describe_answer(w, item, ans);
    attr(w->out, w->opt, SGR_ACCENT);
    sayf(w, NULL, "prompt.current", desc ? desc : "");
    attr(w->out, w->opt, SGR_RESET);
    free(desc);
}

static bool add_key(char **keys, const struct walk *w, const char *key)
{
    return mt_str_append(keys, " · ", L(w->opt, key));
}

/* How many keys to name: under the question (its "don't know" is on the
 * line above), after a hint (with "don't know"), in the help (all). */
enum keys_shown { KEYS_QUESTION, KEYS_HINT, KEYS_HELP };

/*
 * The keys that apply to this item now, joined with " · ". Every key
 * depends on the item: "0" is "don't know" only where it is never a
 * value, there is no "back" on the first question, no "skip" for a
 * required one at the end, and Enter keeps an answer only where there is
 * one.
 */
static char *item_keys(const struct walk *w, const mt_item *item, const mt_answer *ans,
                       bool first, enum keys_shown shown)
{
    char *keys = NULL;
    bool ok = true;
    if (shown == KEYS_HELP)
        ok = add_key(&keys, w, "prompt.key_answer");
    if (ok && shown != KEYS_QUESTION && item->dont_know)
        ok = add_key(&keys, w, zero_is_dont_know(item) ? "prompt.key_dk_zero" : "prompt.key_dk");
    if (ok)
        ok = add_key(&keys, w, w->final_round && item->required ? "prompt.key_required"
                                                                : "prompt.key_skip");
    if (ok && !first)
        ok = add_key(&keys, w, "prompt.key_back");
    if (ok)
        ok = add_key(&keys, w, "prompt.key_help") && add_key(&keys, w, "prompt.key_quit");
    if (ok && answered(ans))
        ok = add_key(&keys, w, "prompt.key_keep");
    else if (ok && enter_skips(w, item, ans))
        ok = add_key(&keys, w, "prompt.key_leave");
    if (!ok) {
        free(keys);
        return NULL;
    }
    return keys;
}

static void show_keys(const struct walk *w, const mt_item *item, const mt_answer *ans,
                      bool first, enum keys_shown shown)
{
    char *keys = item_keys(w, item, ans, first, shown);
    char *line = keys && shown == KEYS_HELP ? mt_asprintf(L(w->opt, "prompt.keys_then"), keys)
                                            : NULL;
    say(w, SGR_DIM, line ? line : keys ? keys : "", shown == KEYS_QUESTION ? 0 : 2);
    free(line);
    free(keys);
}

static void show_item(struct walk *w, size_t index, bool first)
{
    const mt_item *item = &w->q->items[index];
    const mt_answer *ans = &w->a->items[index];
    show_section(w, item->section);
    show_progress(w, index);
    say(w, SGR_BOLD, T(w, &item->text), 0);
    if (item->required)
        say(w, SGR_DIM, L(w->opt, "prompt.required"), 2);
    show_answer_space(w, item);
    show_dont_know(w, item);
    show_current(w, item, ans);
    show_keys(w, item, ans, first, KEYS_QUESTION);
}

static void show_help(const struct walk *w, const mt_item *item, const mt_answer *ans,
                      bool first)
{
    if (mt_text_empty(&item->help))
        say(w, SGR_DIM, L(w->opt, "prompt.no_help"), 2);
    else
        say(w, NULL, T(w, &item->help), 2);
    show_keys(w, item, ans, first, KEYS_HELP);
}

/* The question being asked, for the hints: they end with its keys. */
typedef struct asking {
    const mt_item *item;
    const mt_answer *ans;
    bool first;
} asking;

/* A hint: what was wrong with the entry and what to type, then the keys
 * that apply to the question. */
static void hint(const struct walk *w, const asking *at, const char *text)
{
    say(w, SGR_WARN, text, 2);
    if (at)
        show_keys(w, at->item, at->ans, at->first, KEYS_HINT);
}

static void hintf(const struct walk *w, const asking *at, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    char *text = NULL;
    if (vasprintf(&text, L(w->opt, key), ap) < 0)
        text = NULL;
    va_end(ap);
    hint(w, at, text ? text : key);
    free(text);
}

/* --- reading an entry --------------------------------------------------- */

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    size_t start = strspn(s, " \t");
    memmove(s, s + start, n - start + 1);
}

static void drop_controls(char *s)
{
    char *dst = s;
    for (const char *p = s; *p;) {
        size_t skip = control_len(p);
        if (skip) {
            p += skip;
            continue;
        }
        *dst++ = *p++;
    }
    *dst = '\0';
}

static mt_error read_entry(struct walk *w)
{
    attr(w->out, w->opt, SGR_BOLD);
    fputs("> ", w->out);
    attr(w->out, w->opt, SGR_RESET);
    fflush(w->out);
    mt_error err = term_read_line(w->in, &w->line, &w->cap);
    if (err != MT_OK) {
        fputc('\n', w->out);
        return err;
    }
    drop_controls(w->line);   /* first: the echo must not replay escape sequences */
    if (w->opt->echo)
        fprintf(w->out, "%s\n", w->line);
    trim(w->line);
    return MT_OK;
}

/* A key in either case, or the Hebrew letter on the same physical key (the
 * Israeli layout), so that nobody has to switch keyboards: s is ד, b is
 * נ, q is /. ? is ? on both. */
static bool is_key(const char *line, char key)
{
    static const struct { char latin; const char *hebrew; } same_key[] = {
        { 's', "ד" }, { 'b', "נ" }, { 'q', "/" },
    };
    if ((line[0] == key || line[0] == (char)(key - 'a' + 'A')) && line[1] == '\0')
        return true;
    for (size_t i = 0; i < sizeof same_key / sizeof same_key[0]; i++)
        if (same_key[i].latin == key && strcmp(line, same_key[i].hebrew) == 0)
            return true;
    return false;
}

static bool all_digits(const char *s)
{
    return *s && strspn(s, "0123456789") == strlen(s);
}

/* Digits, a point and a minus only: a number the answers format reads, or
 * one out of range; anything else is no number at all. */
static bool looks_like_number(const char *s)
{
    double ignored;
    return *s && strspn(s, "0123456789.-") == strlen(s) && mt_parse_double(s, &ignored);
}

/* "12.5%" and "12.5 %": a share is often typed with its sign. */
static void strip_percent(char *s)
{
    size_t n = strlen(s);
    if (!n || s[n - 1] != '%')
        return;
    s[--n] = '\0';
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
}

/* The hint for an entry that is no answer to the item: what was wrong
 * with it (no number, or one out of range) and what to type. */
static void hint_for(const struct walk *w, const asking *at, const char *entry)
{
    const mt_item *item = at->item;
    int points = questionnaire_item_points(w->q, item);
    bool in_form = all_digits(entry);
    switch (item->type) {
    case MT_ITEM_LIKERT:
        hintf(w, at, in_form ? "prompt.hint_scale_range" : "prompt.hint_scale_nan", entry, points);
        break;
    case MT_ITEM_CHOICE:
        hintf(w, at, in_form ? "prompt.hint_choice_range" : "prompt.hint_choice_nan", entry,
              points);
        break;
    case MT_ITEM_MULTI:
        hintf(w, at, in_form ? "prompt.hint_multi_range" : "prompt.hint_multi_nan", entry, points);
        break;
    case MT_ITEM_NUMBER: {
        char *lo = format_number(item->min), *hi = format_number(item->max);
        hintf(w, at, looks_like_number(entry) ? "prompt.hint_number_range" : "prompt.hint_number_nan",
              entry, lo ? lo : "", hi ? hi : "");
        free(lo);
        free(hi);
        break;
    }
    case MT_ITEM_TEXT:
        hint(w, at, L(w->opt, "prompt.hint_utf8"));
        break;
    }
}

static char *mask_to_list(uint64_t mask)
{
    char *list = mt_strdup("");
    for (unsigned i = 0; list && i < MT_MAX_OPTIONS; i++) {
        if (!(mask & (UINT64_C(1) << i)))
            continue;
        char num[8];
        snprintf(num, sizeof num, "%u", i + 1);
        if (!mt_str_append(&list, ",", num)) {
            free(list);
            list = NULL;
        }
    }
    return list;
}

/* Several options as people type them: "1,3", "1 3", "1; 3", "1, 3,3" (a
 * repeated option counts once). *list is the form the answers file takes,
 * "1,3"; false after a hint that names the entry that is no option. */
static bool multi_list(const struct walk *w, const asking *at, const char *line, char **list)
{
    static const char separators[] = " \t,;";
    long options = (long)at->item->noptions;
    uint64_t mask = 0;
    *list = NULL;
    for (const char *p = line + strspn(line, separators); *p;) {
        size_t len = strcspn(p, separators);
        char *token = mt_strndup(p, len);
        if (!token)
            return false;
        long n = 0;
        bool number = all_digits(token) && len <= 9 && mt_parse_int(token, &n);
        if (!number || n < 1 || n > options || n > MT_MAX_OPTIONS) {
            hint_for(w, at, token);
            free(token);
            return false;
        }
        free(token);
        mask |= UINT64_C(1) << (n - 1);
        p += len;
        p += strspn(p, separators);
    }
    if (!mask) {
        hint_for(w, at, line);   /* separators only */
        return false;
    }
    *list = mask_to_list(mask);
    return *list != NULL;
}

static bool is_dont_know_entry(const mt_item *item, const char *line)
{
    return strcmp(line, "-") == 0 || strcasecmp(line, MT_DONT_KNOW) == 0 ||
           (zero_is_dont_know(item) && strcmp(line, "0") == 0);
}

/* The entry in the form answers_parse_value() takes, or NULL after a hint. */
static char *entry_value(const struct walk *w, const asking *at, char *line)
{
    if (at->item->type == MT_ITEM_MULTI && strcasecmp(line, "none") != 0) {
        char *list = NULL;
        return multi_list(w, at, line, &list) ? list : NULL;
    }
    if (at->item->type == MT_ITEM_NUMBER)
        strip_percent(line);
    return mt_strdup(line);
}

/* Parses line as an answer. false after printing a hint. */
static bool parse_entry(const struct walk *w, const asking *at, char *line, mt_answer *out)
{
    const mt_item *item = at->item;
    memset(out, 0, sizeof *out);
    if (is_dont_know_entry(item, line)) {
        if (!item->dont_know) {
            hint(w, at, L(w->opt, "prompt.hint_no_dont_know"));
            return false;
        }
        out->state = MT_ANSWER_DONT_KNOW;
        return true;
    }
    if (!mt_utf8_valid(line, strlen(line))) {
        hint(w, at, L(w->opt, "prompt.hint_utf8"));
        return false;
    }
    if (item->type == MT_ITEM_TEXT) {
        out->state = MT_ANSWER_VALUE;
        out->text = mt_strdup(line);
        return out->text != NULL;
    }
    char *value = entry_value(w, at, line);
    if (!value)
        return false;
    char why[160];
    bool ok = answers_parse_value(w->q, item, value, out, why, sizeof why);
    if (!ok) {
        answers_clear(out);
        hint_for(w, at, value);
    }
    free(value);
    return ok;
}

/* s, or Enter on an optional text: left unanswered and marked skipped, so
 * that it is asked at the end, in this session or a resumed one. */
static enum step on_skip(struct walk *w, const asking *at, mt_answer *slot, const char *said,
                         mt_error *err)
{
    if (w->final_round && at->item->required) {
        hint(w, at, L(w->opt, "prompt.hint_required"));
        return STEP_STOP;   /* caller asks again */
    }
    answers_clear(slot);
    slot->skipped = true;
    *err = save(w);
    if (*err != MT_OK)
        return STEP_STOP;
    say(w, SGR_DIM, L(w->opt, w->final_round ? "prompt.left_unanswered" : said), 2);
    return STEP_NEXT;
}

/* Enter alone: keeps an answer, leaves an optional text unanswered, else a hint. */
static enum step on_enter(struct walk *w, const asking *at, mt_answer *slot, mt_error *err)
{
    if (answered(slot))
        return STEP_NEXT;
    if (enter_skips(w, at->item, slot))
        return on_skip(w, at, slot, "prompt.left_empty", err);
    bool required = w->final_round && at->item->required;
    hint(w, at, L(w->opt, required ? "prompt.hint_required" : "prompt.hint_empty"));
    return STEP_STOP;
}

/*
 * Asks item index until it gets a step. On STEP_STOP, *err says why the
 * walk ends (MT_OK with a STEP_STOP means: ask the same item again).
 */
static enum step ask_item(struct walk *w, size_t index, bool first, mt_error *err)
{
    const mt_item *item = &w->q->items[index];
    mt_answer *slot = &w->a->items[index];
    asking at = { .item = item, .ans = slot, .first = first };
    show_item(w, index, first);
    for (;;) {
        *err = read_entry(w);
        if (*err != MT_OK)
            return STEP_STOP;
        char *line = w->line;
        enum step s = STEP_STOP;
        if (line[0] == '\0') {
            s = on_enter(w, &at, slot, err);
        } else if (is_key(line, 'q')) {
            *err = MT_ERROR_INTERRUPTED;
            return STEP_STOP;
        } else if (strcmp(line, "?") == 0) {
            show_help(w, item, slot, first);
        } else if (is_key(line, 'b')) {
            if (!first)
                return STEP_BACK;
            hint(w, &at, L(w->opt, "prompt.hint_first"));
        } else if (is_key(line, 's')) {
            s = on_skip(w, &at, slot, "prompt.skipped", err);
        } else {
            mt_answer value;
            if (!parse_entry(w, &at, line, &value))
                continue;
            put_answer(slot, &value);
            *err = save(w);
            return *err == MT_OK ? STEP_NEXT : STEP_STOP;
        }
        if (s == STEP_NEXT || *err != MT_OK)
            return s;
    }
}

/* --- the walk ----------------------------------------------------------- */

/* In the first round an item skipped for later waits for the end, also
 * one skipped in an earlier session; at the end every unanswered one is
 * asked. */
static bool pending(const struct walk *w, size_t item)
{
    const mt_answer *ans = &w->a->items[item];
    return !answered(ans) && (w->final_round || !ans->skipped);
}

static size_t next_pending(const struct walk *w, const size_t *order, size_t n, size_t pos)
{
    while (pos < n && !pending(w, order[pos]))
        pos++;
    return pos;
}

static mt_error walk_order(struct walk *w, const size_t *order, size_t n)
{
    size_t pos = next_pending(w, order, n, 0);
    while (pos < n) {
        mt_error err = MT_OK;
        enum step s = ask_item(w, order[pos], pos == 0, &err);
        if (s == STEP_STOP)
            return err;
        if (s == STEP_BACK)
            pos--;
        else
            pos = next_pending(w, order, n, pos + 1);
    }
    return MT_OK;
}

/* Items still unanswered after the first round, in questionnaire order. */
static size_t collect_unanswered(const struct walk *w, size_t *order)
{
    size_t n = 0;
    for (size_t i = 0; i < w->q->nitems; i++)
        if (!answered(&w->a->items[i]))
            order[n++] = i;
    return n;
}

static mt_error final_round(struct walk *w, size_t *order)
{
    size_t n = collect_unanswered(w, order);
    if (!n)
        return MT_OK;
    w->final_round = true;
    w->shown_section = -1;
    fputc('\n', w->out);
    sayf(w, SGR_BOLD, n == 1 ? "prompt.again_one" : "prompt.again", n);
    return walk_order(w, order, n);
}

mt_error prompt_run(const mt_questionnaire *q, mt_answers *a, FILE *in, FILE *out,
                    const mt_prompt_options *opt)
{
    struct walk w = { .q = q, .a = a, .in = in, .out = out, .opt = opt, .shown_section = -1 };
    size_t *order = calloc(q->nitems ? q->nitems : 1, sizeof *order);
    w.intro_shown = calloc(q->nsections ? q->nsections : 1, sizeof *w.intro_shown);
    mt_error err = MT_ERROR_NOMEM;
    if (order && w.intro_shown) {
        for (size_t i = 0; i < q->nitems; i++)
            order[i] = i;
        err = walk_order(&w, order, q->nitems);
        if (err == MT_OK)
            err = final_round(&w, order);
    }
    attr(out, opt, SGR_RESET);
    fflush(out);
    free(order);
    free(w.intro_shown);
    free(w.line);
    return err;
}

/* --- meta questions, welcome, summary ----------------------------------- */

mt_error prompt_ask_line(FILE *in, FILE *out, const mt_prompt_options *opt,
                         const char *question, const char *hint_default, char **value)
{
    char *line = NULL;
    size_t cap = 0;
    *value = NULL;
    attr(out, opt, SGR_BOLD);
    char *visual = NULL;
    /* left-aligned even with --bidi: the answer is typed after it */
    if (visual_of(opt) && bidi_visual_line(question, true, &visual) == MT_OK && visual)
        question = visual;
    put_clean(out, question, strlen(question));
    free(visual);
    attr(out, opt, SGR_RESET);
    if (hint_default && *hint_default) {
        fputs(" [", out);
        put_clean(out, hint_default, strlen(hint_default));
        fputc(']', out);
    }
    fputs(": ", out);
    fflush(out);
    mt_error err = term_read_line(in, &line, &cap);
    if (err != MT_OK) {
        fputc('\n', out);
        free(line);
        return err;
    }
    drop_controls(line);   /* first: the echo must not replay escape sequences */
    if (opt->echo)
        fprintf(out, "%s\n", line);
    trim(line);
    if (!line[0]) {
        free(line);
        line = mt_strdup(hint_default ? hint_default : "");
    }
    *value = line;
    return line ? MT_OK : MT_ERROR_NOMEM;
}

void prompt_print_welcome(const mt_questionnaire *q, FILE *out, const mt_prompt_options *opt)
{
    struct walk w = { .q = q, .out = out, .opt = opt };
    fputc('\n', out);
    say(&w, SGR_BOLD, T(&w, &q->title), 0);
    say(&w, NULL, T(&w, &q->description), 0);
    if (q->minutes > 0)
        sayf(&w, SGR_DIM, "prompt.length_minutes", q->nitems, q->minutes);
    else
        sayf(&w, SGR_DIM, "prompt.length", q->nitems);
    fputc('\n', out);
    say(&w, NULL, L(opt, "prompt.how"), 0);
    say(&w, NULL, L(opt, "prompt.keys_welcome"), 2);
    fflush(out);
}

static void summary_row(const struct walk *w, const char *key, const char *value)
{
    char *row = mt_asprintf("%s: %s", L(w->opt, key), value);
    say(w, NULL, row ? row : value, 2);
    free(row);
}

static char *construct_with_score(const struct walk *w, const mt_result *r, long c)
{
    const mt_construct_score *cs = &r->constructs[c];
    const mt_band *band = questionnaire_band(w->q, (size_t)c, cs->band);
    /* lround, as the reports round: printf's %.0f would make 62.5 a 62 there */
    return mt_asprintf("%s %ld (%s)", T(w, &w->q->constructs[c].name), lround(cs->score),
                       band ? T(w, &band->label) : "");
}

static void summary_archetype(const struct walk *w, const mt_result *r)
{
    char *value = NULL;
    if (!r->classified || r->dominant < 0) {
        value = mt_strdup(L(w->opt, "common.insufficient"));
    } else if (r->hybrid && r->runner_up >= 0) {
        char *first = construct_with_score(w, r, r->dominant);
        char *second = construct_with_score(w, r, r->runner_up);
        value = mt_asprintf(L(w->opt, "prompt.summary_hybrid"), L(w->opt, "common.hybrid"),
                            first ? first : "", second ? second : "");
        free(first);
        free(second);
    } else {
        value = construct_with_score(w, r, r->dominant);
    }
    summary_row(w, "common.dominant", value ? value : "");
    free(value);
}

static void summary_stage(const struct walk *w, const mt_result *r)
{
    if (w->q->nstages == 0)   /* a short form may have no roadmap at all */
        return;
    const char *reached = r->stage_reached >= 0
                              ? T(w, &w->q->stages[r->stage_reached].name)
                              : L(w->opt, "common.stage_none");
    summary_row(w, "common.stage", reached);
    const char *next = r->next_stage >= 0 ? T(w, &w->q->stages[r->next_stage].name)
                                          : L(w->opt, "common.all_stages");
    summary_row(w, "common.next_stage", next);
}

/* The barriers with enough data, worst first, at most three. */
static void summary_barriers(const struct walk *w, const mt_result *r)
{
    enum { TOP = 3 };
    long top[TOP];
    size_t n = 0;
    for (size_t c = 0; c < w->q->nconstructs; c++) {
        if (w->q->constructs[c].kind != MT_KIND_BARRIER || !r->constructs[c].sufficient)
            continue;
        size_t at = n;   /* insertion into the sorted top list */
        while (at > 0 && r->constructs[top[at - 1]].score < r->constructs[c].score)
            at--;
        if (at >= TOP)
            continue;
        size_t keep = (n < TOP ? n : TOP - 1) - at;
        memmove(&top[at + 1], &top[at], keep * sizeof *top);
        top[at] = (long)c;
        if (n < TOP)
            n++;
    }
    char *value = NULL;
    for (size_t i = 0; i < n; i++) {
        char *one = construct_with_score(w, r, top[i]);
        if (one)
            mt_str_append(&value, "; ", one);
        free(one);
    }
    summary_row(w, "prompt.summary_barriers", value ? value : L(w->opt, "common.insufficient"));
    free(value);
}

static void summary_recommendations(const struct walk *w, const mt_recommendations *recs)
{
    if (!recs || !recs->count)
        return;
    char *head = mt_asprintf(L(w->opt, "prompt.summary_recs"), recs->count);
    say(w, NULL, head ? head : "", 2);
    free(head);
    for (size_t i = 0; i < recs->count && i < 3; i++) {
        char *row = mt_asprintf("%zu. %s", i + 1, T(w, &w->q->rules[recs->items[i].rule].title));
        say(w, NULL, row ? row : "", 4);
        free(row);
    }
}

void prompt_print_summary(const mt_questionnaire *q, const mt_answers *a, const mt_result *r,
                          const mt_recommendations *recs, FILE *out,
                          const mt_prompt_options *opt)
{
    struct walk w = { .q = q, .a = (mt_answers *)a, .out = out, .opt = opt };
    fputc('\n', out);
    say(&w, SGR_BOLD SGR_ACCENT, L(opt, "prompt.summary"), 0);
    summary_archetype(&w, r);
    summary_stage(&w, r);
    summary_barriers(&w, r);
    char *counts = mt_asprintf(L(opt, "prompt.summary_counts"),
                               answers_count(a, MT_ANSWER_VALUE), q->nitems,
                               answers_count(a, MT_ANSWER_DONT_KNOW),
                               answers_count(a, MT_ANSWER_NONE));
    say(&w, NULL, counts ? counts : "", 2);
    free(counts);
    summary_recommendations(&w, recs);
    fflush(out);
}
