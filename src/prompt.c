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

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

/* prompt_wrap with a hanging indent for the lines after the first. */
static void wrap_hanging(FILE *out, const char *text, int width, int indent, size_t hang)
{
    const char *p = text ? text : "";
    width = clamp_width(out, width);
    do {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        wrap_paragraph(out, p, n, width, indent, hang);
        p = nl ? nl + 1 : NULL;
    } while (p);
}

void prompt_wrap(FILE *out, const char *text, int width, int indent)
{
    wrap_hanging(out, text, width, indent, 0);
}

static void say(const struct walk *w, const char *sgr, const char *text, int indent)
{
    if (sgr)
        attr(w->out, w->opt, sgr);
    prompt_wrap(w->out, text, width_of(w), indent);
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

static bool answered(const mt_answer *ans)
{
    return ans->state != MT_ANSWER_NONE;
}

static size_t count_answered(const mt_answers *a)
{
    return answers_count(a, MT_ANSWER_VALUE) + answers_count(a, MT_ANSWER_DONT_KNOW);
}

static mt_error save(const struct walk *w)
{
    if (!w->opt->save_path)
        return MT_OK;
    mt_error err = answers_save(w->a, w->opt->save_path);
    if (err != MT_OK) {
        attr(w->out, w->opt, SGR_WARN);
        fprintf(w->out, L(w->opt, "prompt.save_failed"), w->opt->save_path, mt_strerror(err));
        fputc('\n', w->out);
        attr(w->out, w->opt, SGR_RESET);
    }
    return err;
}

/* Replaces the answer in slot with value's content, keeping slot's note. */
static void put_answer(mt_answer *slot, const mt_answer *value)
{
    answers_clear(slot);
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

static void show_progress(const struct walk *w, size_t index)
{
    const mt_questionnaire *q = w->q;
    size_t done = count_answered(w->a);
    size_t filled = q->nitems ? done * BAR_CELLS / q->nitems : 0;
    unsigned percent = q->nitems ? (unsigned)(done * 100 / q->nitems) : 0;
    char *where = mt_asprintf(L(w->opt, "prompt.position"), index + 1, q->nitems);
    const char *title = T(w, &q->sections[q->items[index].section].title);
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
    if (fits) {
        fputs("  ", w->out);
        put_clean(w->out, row, strlen(row));
        fputc('\n', w->out);
    }
    free(row);
    return fits;
}

static void show_numbered(const struct walk *w, size_t number, const char *label)
{
    char *cell = mt_asprintf("%zu %s", number, label);
    size_t hang = mt_utf8_len(cell ? cell : "") - mt_utf8_len(label);
    wrap_hanging(w->out, cell ? cell : label, width_of(w), 2, hang);
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

static void show_keys(const struct walk *w, const mt_item *item)
{
    const char *key = w->final_round && item->required ? "prompt.keys_required" : "prompt.keys";
    say(w, SGR_DIM, L(w->opt, key), 0);
}

static void show_item(struct walk *w, size_t index)
{
    const mt_item *item = &w->q->items[index];
    show_section(w, item->section);
    show_progress(w, index);
    say(w, SGR_BOLD, T(w, &item->text), 0);
    if (item->required)
        say(w, SGR_DIM, L(w->opt, "prompt.required"), 2);
    show_answer_space(w, item);
    show_dont_know(w, item);
    show_current(w, item, &w->a->items[index]);
    show_keys(w, item);
}

static void show_help(const struct walk *w, const mt_item *item)
{
    if (mt_text_empty(&item->help))
        say(w, SGR_DIM, L(w->opt, "prompt.no_help"), 2);
    else
        say(w, NULL, T(w, &item->help), 2);
    say(w, SGR_DIM, L(w->opt, "prompt.keys_help"), 2);
}

static void hint(const struct walk *w, const char *text)
{
    say(w, SGR_WARN, text, 2);
}

/* The short hint after an entry that is not an answer to this item. */
static void hint_for(const struct walk *w, const mt_item *item)
{
    char *lo = NULL, *hi = NULL, *text = NULL;
    int points = questionnaire_item_points(w->q, item);
    switch (item->type) {
    case MT_ITEM_LIKERT:
        text = mt_asprintf(L(w->opt, "prompt.hint_scale"), points);
        break;
    case MT_ITEM_CHOICE:
        text = mt_asprintf(L(w->opt, "prompt.hint_choice"), points);
        break;
    case MT_ITEM_MULTI:
        text = mt_asprintf(L(w->opt, "prompt.hint_multi"), points);
        break;
    case MT_ITEM_NUMBER:
        lo = format_number(item->min);
        hi = format_number(item->max);
        text = mt_asprintf(L(w->opt, "prompt.hint_number"), lo ? lo : "", hi ? hi : "");
        break;
    case MT_ITEM_TEXT:
        text = mt_strdup(L(w->opt, "prompt.hint_text"));
        break;
    }
    hint(w, text ? text : "");
    free(text);
    free(lo);
    free(hi);
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

static bool is_key(const char *line, char key)
{
    return (line[0] == key || line[0] == (char)(key - 'a' + 'A')) && line[1] == '\0';
}

/* Parses line as an answer. false after printing a hint. */
static bool parse_entry(const struct walk *w, const mt_item *item, const char *line,
                        mt_answer *out)
{
    memset(out, 0, sizeof *out);
    bool dk = strcmp(line, "-") == 0 || (zero_is_dont_know(item) && strcmp(line, "0") == 0);
    if (dk) {
        if (!item->dont_know) {
            hint(w, L(w->opt, "prompt.hint_no_dont_know"));
            return false;
        }
        out->state = MT_ANSWER_DONT_KNOW;
        return true;
    }
    if (!mt_utf8_valid(line, strlen(line))) {
        hint(w, L(w->opt, "prompt.hint_utf8"));
        return false;
    }
    if (item->type == MT_ITEM_TEXT) {
        out->state = MT_ANSWER_VALUE;
        out->text = mt_strdup(line);
        return out->text != NULL;
    }
    char why[160];
    if (!answers_parse_value(w->q, item, line, out, why, sizeof why)) {
        answers_clear(out);
        hint_for(w, item);
        return false;
    }
    return true;
}

static enum step on_skip(struct walk *w, const mt_item *item, mt_answer *slot, mt_error *err)
{
    if (w->final_round && item->required) {
        hint(w, L(w->opt, "prompt.hint_required"));
        return STEP_STOP;   /* caller asks again */
    }
    if (answered(slot)) {
        answers_clear(slot);
        *err = save(w);
        if (*err != MT_OK)
            return STEP_STOP;
    }
    say(w, SGR_DIM, L(w->opt, "prompt.skipped"), 2);
    return STEP_NEXT;
}

/*
 * Asks item index until it gets a step. On STEP_STOP, *err says why the
 * walk ends (MT_OK with a STEP_STOP means: ask the same item again).
 */
static enum step ask_item(struct walk *w, size_t index, bool first, mt_error *err)
{
    const mt_item *item = &w->q->items[index];
    mt_answer *slot = &w->a->items[index];
    show_item(w, index);
    for (;;) {
        *err = read_entry(w);
        if (*err != MT_OK)
            return STEP_STOP;
        const char *line = w->line;
        if (line[0] == '\0') {
            if (answered(slot))
                return STEP_NEXT;
            hint(w, L(w->opt, w->final_round && item->required ? "prompt.hint_required"
                                                                 : "prompt.hint_empty"));
        } else if (is_key(line, 'q')) {
            *err = MT_ERROR_INTERRUPTED;
            return STEP_STOP;
        } else if (strcmp(line, "?") == 0) {
            show_help(w, item);
        } else if (is_key(line, 'b')) {
            if (!first)
                return STEP_BACK;
            hint(w, L(w->opt, "prompt.hint_first"));
        } else if (is_key(line, 's')) {
            enum step s = on_skip(w, item, slot, err);
            if (s == STEP_NEXT || *err != MT_OK)
                return s;
        } else {
            mt_answer value;
            if (!parse_entry(w, item, line, &value))
                continue;
            put_answer(slot, &value);
            *err = save(w);
            return *err == MT_OK ? STEP_NEXT : STEP_STOP;
        }
    }
}

/* --- the walk ----------------------------------------------------------- */

static size_t next_unanswered(const struct walk *w, const size_t *order, size_t n, size_t pos)
{
    while (pos < n && answered(&w->a->items[order[pos]]))
        pos++;
    return pos;
}

static mt_error walk_order(struct walk *w, const size_t *order, size_t n)
{
    size_t pos = next_unanswered(w, order, n, 0);
    while (pos < n) {
        mt_error err = MT_OK;
        enum step s = ask_item(w, order[pos], pos == 0, &err);
        if (s == STEP_STOP)
            return err;
        if (s == STEP_BACK)
            pos--;
        else
            pos = next_unanswered(w, order, n, pos + 1);
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
    sayf(w, SGR_BOLD, "prompt.again", n);
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
    put_clean(out, question, strlen(question));
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
    say(&w, NULL, L(opt, "prompt.keys_help"), 2);
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
    return mt_asprintf("%s %.0f (%s)", T(w, &w->q->constructs[c].name), cs->score,
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
