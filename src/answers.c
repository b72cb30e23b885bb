/*
 * answers.c - one respondent's answers: load, validate, save.
 * See documentation in header file; the format is docs/answers-format.md.
 *
 * Loading happens in two passes. The INI reader's callbacks only collect
 * the entries (joining continuation lines), so that a value is complete
 * before it is checked; the second pass checks every entry against the
 * questionnaire and reports each problem with its line, never stopping
 * at the first.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/answers.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "maturity/atomic.h"
#include "maturity/inifile.h"
#include "maturity/util.h"

/* Values longer than this are continued on indented lines when saved, so
 * that every line stays well under the reader's MT_INI_MAX_LINE. */
#define WRAP_AT 150
#define CONTINUATION_INDENT "    "

/* ------------------------------------------------------------ meta fields */

typedef struct meta_field {
    const char *name;
    size_t offset;
} meta_field;

static const meta_field meta_fields[] = {
    { "questionnaire", offsetof(mt_meta, questionnaire) },
    { "version", offsetof(mt_meta, version) },
    { "hash", offsetof(mt_meta, hash) },
    { "organisation", offsetof(mt_meta, organisation) },
    { "respondent", offsetof(mt_meta, respondent) },
    { "role", offsetof(mt_meta, role) },
    { "date", offsetof(mt_meta, date) },
    { "language", offsetof(mt_meta, language) },
    { "assessor", offsetof(mt_meta, assessor) },
};
#define NMETA (sizeof meta_fields / sizeof meta_fields[0])

static char **meta_slot(mt_meta *m, size_t i)
{
    return (char **)((char *)m + meta_fields[i].offset);
}

static const char *meta_get(const mt_meta *m, size_t i)
{
    return *(char *const *)((const char *)m + meta_fields[i].offset);
}

static long meta_index(const char *name)
{
    for (size_t i = 0; i < NMETA; i++)
        if (strcmp(meta_fields[i].name, name) == 0)
            return (long)i;
    return -1;
}

static void meta_free(mt_meta *m)
{
    for (size_t i = 0; i < NMETA; i++) {
        free(*meta_slot(m, i));
        *meta_slot(m, i) = NULL;
    }
}

/* --------------------------------------------------------- new and free */

mt_error answers_new(const mt_questionnaire *q, mt_answers **out)
{
    *out = NULL;
    mt_answers *a = calloc(1, sizeof *a);
    if (!a)
        return MT_ERROR_NOMEM;
    a->q = q;
    a->items = calloc(q->nitems ? q->nitems : 1, sizeof *a->items);
    a->meta.questionnaire = mt_strdup(q->id ? q->id : "");
    a->meta.version = mt_strdup(q->version ? q->version : "");
    a->meta.hash = mt_strdup(q->hash);
    if (!a->items || !a->meta.questionnaire || !a->meta.version || !a->meta.hash) {
        answers_free(a);
        return MT_ERROR_NOMEM;
    }
    *out = a;
    return MT_OK;
}

void answers_free(mt_answers *a)
{
    if (!a)
        return;
    if (a->items) {
        for (size_t i = 0; i < a->q->nitems; i++) {
            free(a->items[i].text);
            free(a->items[i].note);
        }
    }
    free(a->items);
    meta_free(&a->meta);
    free(a->path);
    free(a);
}

bool answers_set_meta(mt_answers *a, const char *field, const char *value)
{
    long i = meta_index(field);
    if (i < 0)
        return false;
    char *copy = NULL;
    if (value && !(copy = mt_strdup(value)))
        return false;
    char **slot = meta_slot(&a->meta, (size_t)i);
    free(*slot);
    *slot = copy;
    return true;
}

void answers_clear(mt_answer *ans)
{
    free(ans->text);
    ans->text = NULL;
    ans->state = MT_ANSWER_NONE;
    ans->value = 0;
    ans->mask = 0;
    ans->number = 0;
    ans->line = 0;
}

size_t answers_count(const mt_answers *a, mt_answer_state state)
{
    size_t n = 0;
    for (size_t i = 0; i < a->q->nitems; i++)
        if (a->items[i].state == state)
            n++;
    return n;
}

/* ------------------------------------------------------------ escapes */

/* Undoes the escapes of docs/answers-format.md: \; \# \n \\. Any other
 * backslash is kept as written, so a hand-written "C:\temp" survives. */
static char *unescape(const char *s)
{
    char *r = malloc(strlen(s) + 1);
    if (!r)
        return NULL;
    char *o = r;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' && (p[1] == ';' || p[1] == '#' || p[1] == '\\')) {
            *o++ = *++p;
        } else if (*p == '\\' && p[1] == 'n') {
            *o++ = '\n';
            p++;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return r;
}

/* The escaped form of free text, on one logical line: INI syntax
 * characters escaped, line breaks as \n, other control characters as
 * spaces (a tab or a stray carriage return means nothing in a report). */
static char *escape(const char *s)
{
    size_t n = strlen(s);
    char *r = malloc(2 * n + 1);
    if (!r)
        return NULL;
    char *o = r;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\r' && p[1] == '\n')
            continue;
        if (c == '\\' || c == ';' || c == '#') {
            *o++ = '\\';
            *o++ = (char)c;
        } else if (c == '\n') {
            *o++ = '\\';
            *o++ = 'n';
        } else if (c < 0x20 || c == 0x7f) {
            *o++ = ' ';
        } else {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    return r;
}

/* ------------------------------------------------------ value parsing */

static void set_why(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_why(char *why, size_t whylen, const char *fmt, ...)
{
    if (!why || !whylen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
}

static char *trimmed_copy(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return mt_strndup(s, n);
}

/* A whole number written with digits only: no sign, no spaces. */
static bool parse_count(const char *s, long *out)
{
    if (!*s || strlen(s) > 9)
        return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return mt_parse_int(s, out);
}

/* A decimal as the format allows it: optional minus, digits, optional
 * point and digits. No exponent, no thousands separators, no "inf". */
static bool parse_decimal(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    if (*p || digits == 0)
        return false;
    return mt_parse_double(s, out);
}

static bool parse_point(const char *v, long max, const char *what, long *out,
                        char *why, size_t whylen)
{
    long n;
    if (!parse_count(v, &n) || n < 1 || n > max) {
        set_why(why, whylen, "'%s' is not %s 1..%ld", v, what, max);
        return false;
    }
    *out = n;
    return true;
}

static bool parse_multi(const mt_item *item, const char *v, uint64_t *mask,
                        char *why, size_t whylen)
{
    *mask = 0;
    if (strcmp(v, "none") == 0)
        return true;
    long max = item->noptions < MT_MAX_OPTIONS ? (long)item->noptions : MT_MAX_OPTIONS;
    const char *p = v;
    for (;;) {
        size_t len = strcspn(p, ",");
        char *part = mt_strndup(p, len);
        if (!part) {
            set_why(why, whylen, "out of memory");
            return false;
        }
        char *t = trimmed_copy(part);
        free(part);
        if (!t) {
            set_why(why, whylen, "out of memory");
            return false;
        }
        long n;
        bool ok = parse_count(t, &n) && n >= 1 && n <= max;
        if (!ok) {
            if (*t)
                set_why(why, whylen, "'%s' is not an option 1..%ld", t, max);
            else
                set_why(why, whylen, "empty entry in the list of options '%s'", v);
        } else if (*mask & (UINT64_C(1) << (n - 1))) {
            set_why(why, whylen, "option %ld is chosen twice", n);
            ok = false;
        }
        free(t);
        if (!ok)
            return false;
        *mask |= UINT64_C(1) << (n - 1);
        if (!p[len])
            return true;
        p += len + 1;
    }
}

static bool parse_number_value(const mt_item *item, const char *v, double *out,
                               char *why, size_t whylen)
{
    double d;
    if (!parse_decimal(v, &d)) {
        set_why(why, whylen, "'%s' is not a number (write digits with a decimal point, "
                "e.g. 12 or 2.5)", v);
        return false;
    }
    if (d < item->min || d > item->max) {
        set_why(why, whylen, "%s is outside the range %g..%g", v, item->min, item->max);
        return false;
    }
    *out = d;
    return true;
}

static bool is_dont_know(const char *v)
{
    return strcasecmp(v, MT_DONT_KNOW) == 0 || strcmp(v, "-") == 0;
}

/* Fills everything but the note; the text is built before out is touched,
 * so a failure leaves out as it was. */
static bool parse_trimmed(const mt_questionnaire *q, const mt_item *item, const char *v,
                          mt_answer *out, char *why, size_t whylen)
{
    mt_answer tmp = { .state = MT_ANSWER_VALUE };
    if (is_dont_know(v)) {
        if (!item->dont_know) {
            set_why(why, whylen, "\"don't know\" is not offered for this item");
            return false;
        }
        tmp.state = MT_ANSWER_DONT_KNOW;
    } else if (!*v) {
        /* An empty value is no answer, for every type: a blank template
         * (`maturity template`) loads with its `id =` lines unfilled. */
        tmp.state = MT_ANSWER_NONE;
    } else {
        bool ok = true;
        switch (item->type) {
        case MT_ITEM_LIKERT:
            ok = parse_point(v, questionnaire_item_points(q, item), "a point", &tmp.value,
                             why, whylen);
            break;
        case MT_ITEM_CHOICE:
            ok = parse_point(v, (long)item->noptions, "an option", &tmp.value, why, whylen);
            break;
        case MT_ITEM_MULTI:
            ok = parse_multi(item, v, &tmp.mask, why, whylen);
            break;
        case MT_ITEM_NUMBER:
            ok = parse_number_value(item, v, &tmp.number, why, whylen);
            break;
        case MT_ITEM_TEXT:
            tmp.text = unescape(v);
            if (!tmp.text) {
                set_why(why, whylen, "out of memory");
                ok = false;
            }
            break;
        }
        if (!ok)
            return false;
    }
    free(out->text);
    out->text = tmp.text;
    out->state = tmp.state;
    out->value = tmp.value;
    out->mask = tmp.mask;
    out->number = tmp.number;
    return true;
}

bool answers_parse_value(const mt_questionnaire *q, const mt_item *item,
                         const char *value, mt_answer *out, char *why, size_t whylen)
{
    char *v = trimmed_copy(value ? value : "");
    if (!v) {
        set_why(why, whylen, "out of memory");
        return false;
    }
    bool ok = parse_trimmed(q, item, v, out, why, whylen);
    free(v);
    return ok;
}

/* ------------------------------------------------------ value writing */

/* The shortest plain decimal that reads back as the same double; never
 * an exponent, which the reader does not take. */
static char *format_number(double d)
{
    char buf[400];
    for (int decimals = 0; decimals <= 17; decimals++) {
        snprintf(buf, sizeof buf, "%.*f", decimals, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    return mt_strdup(buf);
}

static char *format_multi(const mt_item *item, uint64_t mask)
{
    if (!mask)
        return mt_strdup("none");
    char *r = mt_strdup("");
    for (size_t i = 0; r && i < item->noptions && i < MT_MAX_OPTIONS; i++) {
        if (!(mask & (UINT64_C(1) << i)))
            continue;
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        if (!mt_str_append(&r, ",", num)) {
            free(r);
            r = NULL;
        }
    }
    return r;
}

char *answers_format_value(const mt_questionnaire *q, const mt_item *item,
                           const mt_answer *ans)
{
    (void)q;
    if (ans->state == MT_ANSWER_NONE)
        return mt_strdup("");
    if (ans->state == MT_ANSWER_DONT_KNOW)
        return mt_strdup(MT_DONT_KNOW);
    switch (item->type) {
    case MT_ITEM_LIKERT:
    case MT_ITEM_CHOICE:
        return mt_asprintf("%ld", ans->value);
    case MT_ITEM_MULTI:
        return format_multi(item, ans->mask);
    case MT_ITEM_NUMBER:
        return format_number(ans->number);
    case MT_ITEM_TEXT:
        return escape(ans->text ? ans->text : "");
    }
    return mt_strdup("");
}

/* ------------------------------------------------------------ loading */

/* One key as read, its continuation lines already joined. */
typedef struct entry {
    char *section;
    char *key;
    char *value;
    int line;
} entry;

typedef struct load_state {
    const char *name;
    entry *entries;
    size_t nentries, cap;
    int meta_section_line;    /* first [meta] header, for "missing" messages */
    bool saw_any;             /* a section header or a key: the file is not empty */
    bool nomem;
    mt_diags *diags;
} load_state;

static const char *const known_sections[] = { "meta", "answers", "notes", "progress" };

static bool is_known_section(const char *s)
{
    for (size_t i = 0; i < sizeof known_sections / sizeof known_sections[0]; i++)
        if (strcmp(s, known_sections[i]) == 0)
            return true;
    return false;
}

static void on_section(void *user, const char *section, int line)
{
    load_state *st = user;
    st->saw_any = true;
    if (strcmp(section, "meta") == 0 && !st->meta_section_line)
        st->meta_section_line = line;
    if (!is_known_section(section))
        mt_diags_add(st->diags, st->name, line, MT_SEV_ERROR,
                     "unknown section [%s] (expected [meta], [answers], [notes] or [progress])",
                     section);
}

/* true when s ends with a backslash that escapes nothing: the writer's mark
 * for a line cut inside a word (\\ is an escaped backslash, not a mark). */
static bool ends_with_join_mark(const char *s)
{
    size_t n = strlen(s), run = 0;
    while (run < n && s[n - 1 - run] == '\\')
        run++;
    return run % 2 == 1;
}

static int append_continuation(load_state *st, const char *value)
{
    if (!st->nentries || !*value)
        return 1;
    entry *e = &st->entries[st->nentries - 1];
    const char *sep = " ";
    if (ends_with_join_mark(e->value)) {
        e->value[strlen(e->value) - 1] = '\0';
        sep = "";   /* the word goes on: no space */
    }
    if (!mt_str_append(&e->value, sep, value)) {
        st->nomem = true;
        return 0;
    }
    return 1;
}

static int on_key(void *user, const char *section, const char *key, const char *value,
                  int line, int continuation)
{
    load_state *st = user;
    st->saw_any = true;
    if (!*section) {
        mt_diags_add(st->diags, st->name, line, MT_SEV_ERROR,
                     "'%s' is outside any section (put it under [meta], [answers] or [notes])",
                     key);
        return 1;
    }
    if (!is_known_section(section))
        return 1;   /* the section header was already reported */
    if (continuation)
        return append_continuation(st, value);
    if (!mt_grow((void **)&st->entries, &st->cap, st->nentries + 1, sizeof *st->entries)) {
        st->nomem = true;
        return 0;
    }
    entry *e = &st->entries[st->nentries];
    e->section = mt_strdup(section);
    e->key = mt_strdup(key);
    e->value = mt_strdup(value);
    e->line = line;
    st->nentries++;
    if (!e->section || !e->key || !e->value) {
        st->nomem = true;
        return 0;
    }
    return 1;
}

static void entries_free(load_state *st)
{
    for (size_t i = 0; i < st->nentries; i++) {
        free(st->entries[i].section);
        free(st->entries[i].key);
        free(st->entries[i].value);
    }
    free(st->entries);
    st->entries = NULL;
    st->nentries = st->cap = 0;
}

static mt_error collect_entries(const char *name, const char *text, size_t size,
                                load_state *st, mt_diags *diags)
{
    memset(st, 0, sizeof *st);
    st->name = name;
    st->diags = diags;
    mt_ini_callbacks cb = { .on_key = on_key, .on_section = on_section, .user = st };
    mt_error err = mt_ini_parse_buffer(name, text, size, &cb, diags);
    if (err == MT_ERROR_NOMEM || st->nomem)
        return MT_ERROR_NOMEM;
    return err;
}

/* true when text is nothing but white space (after a byte-order mark). */
static bool is_blank(const char *text, size_t size)
{
    size_t i = size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < size && strchr(" \t\r\n", text[i]) && text[i])
        i++;
    return i == size;
}

/* A file without a single section or key holds no answers at all: that
 * is a bad input (exit 1), not answers for another questionnaire (exit 4).
 * When its lines were broken, the reader has already said why; else the
 * file is empty, or only comments. Returns true (and reports) for such a
 * file. */
static bool reject_empty(const load_state *st, const char *name, const char *text,
                         size_t size, mt_diags *diags, size_t errors_before)
{
    if (st->saw_any)
        return false;
    if (diags->errors == errors_before)
        mt_diags_add(diags, name, 1, MT_SEV_ERROR,
                     "%s: an answers file names its questionnaire in [meta] "
                     "(questionnaire = ID, version = V) and holds its answers in [answers]",
                     is_blank(text, size) ? "the file is empty"
                                          : "the file holds only comments and blank lines");
    return true;
}

/* The checks of the second pass, with where they report to. */
typedef struct checker {
    const char *name;
    const mt_questionnaire *q;
    mt_answers *a;
    mt_diags *diags;
    int *meta_line;       /* NMETA: line of each meta field, 0 when absent */
    int *answer_line;     /* q->nitems: line of the answer, 0 when absent */
    int *note_line;       /* q->nitems */
    int skipped_line;     /* where [progress] skipped was read, 0 when absent */
    int first_meta_line;  /* where [meta] was seen, for "missing" messages */
    bool nomem;
    bool mismatch;
} checker;

static void check_error(checker *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void check_error(checker *c, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mt_diags_vadd(c->diags, c->name, line, MT_SEV_ERROR, fmt, ap);
    va_end(ap);
}

static void check_warning(checker *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void check_warning(checker *c, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mt_diags_vadd(c->diags, c->name, line, MT_SEV_WARNING, fmt, ap);
    va_end(ap);
}

static void take_meta(checker *c, const entry *e)
{
    long i = meta_index(e->key);
    if (i < 0) {
        check_error(c, e->line, "unknown key '%s' in [meta]", e->key);
        return;
    }
    if (c->meta_line[i]) {
        check_error(c, e->line, "'%s' is given twice in [meta] (first on line %d)",
                    e->key, c->meta_line[i]);
        return;
    }
    c->meta_line[i] = e->line;
    char *v = unescape(e->value);
    if (!v) {
        c->nomem = true;
        return;
    }
    char **slot = meta_slot(&c->a->meta, (size_t)i);
    free(*slot);
    *slot = v;
}

/* The item named by key, or -1 after reporting it. */
static long item_for_key(checker *c, const entry *e, const char *section)
{
    long idx = questionnaire_find_item(c->q, e->key);
    if (idx >= 0)
        return idx;
    const char *ids[1024];
    size_t n = c->q->nitems < 1024 ? c->q->nitems : 1024;
    for (size_t i = 0; i < n; i++)
        ids[i] = c->q->items[i].id;
    const char *best = mt_suggest(e->key, ids, n);
    char hint[96] = "";
    if (best)
        snprintf(hint, sizeof hint, "; did you mean '%s'?", best);
    check_error(c, e->line, "unknown item '%s' in [%s]: questionnaire %s has no such item%s",
                e->key, section, c->q->id ? c->q->id : "", hint);
    return idx;
}

static void take_answer(checker *c, const entry *e)
{
    long idx = item_for_key(c, e, "answers");
    if (idx < 0)
        return;
    if (c->answer_line[idx]) {
        check_error(c, e->line, "duplicate answer for item '%s' (first on line %d)",
                    e->key, c->answer_line[idx]);
        return;
    }
    c->answer_line[idx] = e->line;
    const mt_item *item = &c->q->items[idx];
    mt_answer *ans = &c->a->items[idx];
    char why[200];
    if (!answers_parse_value(c->q, item, e->value, ans, why, sizeof why)) {
        if (strcmp(why, "out of memory") == 0)
            c->nomem = true;
        else
            check_error(c, e->line, "item '%s' (%s): %s", e->key,
                        mt_item_type_name(item->type), why);
        return;
    }
    ans->line = e->line;
}

static void take_note(checker *c, const entry *e)
{
    long idx = item_for_key(c, e, "notes");
    if (idx < 0)
        return;
    if (c->note_line[idx]) {
        check_error(c, e->line, "duplicate note for item '%s' (first on line %d)",
                    e->key, c->note_line[idx]);
        return;
    }
    c->note_line[idx] = e->line;
    if (!*e->value)
        return;
    char *v = unescape(e->value);
    if (!v) {
        c->nomem = true;
        return;
    }
    free(c->a->items[idx].note);
    c->a->items[idx].note = v;
}

/* [progress] skipped = id id ...: the items skipped for later, which a
 * resumed session asks at the end. Bookkeeping of the prompt only: it
 * never changes a score. */
static void take_progress(checker *c, const entry *e)
{
    if (strcmp(e->key, "skipped") != 0) {
        check_error(c, e->line, "unknown key '%s' in [progress] (expected skipped)", e->key);
        return;
    }
    if (c->skipped_line) {
        check_error(c, e->line, "'skipped' is given twice in [progress] (first on line %d)",
                    c->skipped_line);
        return;
    }
    c->skipped_line = e->line;
    static const char separators[] = " \t,";
    for (const char *p = e->value + strspn(e->value, separators); *p;) {
        size_t len = strcspn(p, separators);
        char *id = mt_strndup(p, len);
        if (!id) {
            c->nomem = true;
            return;
        }
        long idx = questionnaire_find_item(c->q, id);
        if (idx < 0)
            check_error(c, e->line, "unknown item '%s' in [progress] skipped: "
                        "questionnaire %s has no such item", id, c->q->id ? c->q->id : "");
        else
            c->a->items[idx].skipped = true;
        free(id);
        p += len;
        p += strspn(p, separators);
    }
}

/* An answer given after a skip wins over the skipped mark. */
static void drop_answered_skips(mt_answers *a)
{
    for (size_t i = 0; i < a->q->nitems; i++)
        if (a->items[i].state != MT_ANSWER_NONE)
            a->items[i].skipped = false;
}

static bool valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++) {
        bool digit = isdigit((unsigned char)s[i]) != 0;
        if ((shape[i] == 'd') != digit || (shape[i] == '-' && s[i] != '-'))
            return false;
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* The questionnaire id and version decide whether the answers belong to
 * q at all; the hash only tells that the file has changed since. */
static void check_identity(checker *c, size_t field, const char *want, const char *what)
{
    long i = (long)field;
    const char *have = meta_get(&c->a->meta, field);
    int line = c->meta_line[i] ? c->meta_line[i] : (c->first_meta_line ? c->first_meta_line : 1);
    if (!c->meta_line[i] || !have || !*have) {
        check_error(c, line, "[meta] %s is missing: the answers must name the %s (%s)",
                    meta_fields[field].name, what, want);
        c->mismatch = true;
    } else if (strcmp(have, want) != 0) {
        check_error(c, line, "these answers are for %s %s, not %s", what, have, want);
        c->mismatch = true;
    }
}

static void check_meta(checker *c)
{
    const mt_meta *m = &c->a->meta;
    check_identity(c, (size_t)meta_index("questionnaire"), c->q->id ? c->q->id : "",
                   "questionnaire");
    check_identity(c, (size_t)meta_index("version"), c->q->version ? c->q->version : "",
                   "questionnaire version");
    long h = meta_index("hash");
    if (m->hash && *m->hash && strcmp(m->hash, c->q->hash) != 0)
        check_warning(c, c->meta_line[h],
                      "the questionnaire has changed since these answers were given "
                      "(hash %s, now %s): check that the questions still mean the same",
                      m->hash, c->q->hash);
    long d = meta_index("date");
    if (m->date && *m->date && !valid_date(m->date))
        check_warning(c, c->meta_line[d], "date '%s' is not in the form YYYY-MM-DD", m->date);
    long l = meta_index("language");
    if (m->language && *m->language && questionnaire_lang_index(c->q, m->language) < 0)
        check_warning(c, c->meta_line[l],
                      "language '%s' is not one of the questionnaire's languages",
                      m->language);
}

static void check_entries(checker *c, const load_state *st)
{
    for (size_t i = 0; i < st->nentries && !c->nomem; i++) {
        const entry *e = &st->entries[i];
        if (strcmp(e->section, "meta") == 0)
            take_meta(c, e);
        else if (strcmp(e->section, "answers") == 0)
            take_answer(c, e);
        else if (strcmp(e->section, "progress") == 0)
            take_progress(c, e);
        else
            take_note(c, e);
    }
}

/* The first entry of [meta] with key, or NULL. */
static const entry *meta_entry(const load_state *st, const char *key)
{
    for (size_t i = 0; i < st->nentries; i++)
        if (strcmp(st->entries[i].section, "meta") == 0 && strcmp(st->entries[i].key, key) == 0)
            return &st->entries[i];
    return NULL;
}

/* Whether [meta] key names something other than want: reported, at its
 * line. An empty or missing value is no mismatch here (check_meta says
 * what is missing). */
static bool names_other(const load_state *st, const char *key, const char *want,
                        const char *what, mt_diags *diags, bool *nomem)
{
    const entry *e = meta_entry(st, key);
    if (!e || !*e->value)
        return false;
    char *have = unescape(e->value);
    if (!have) {
        *nomem = true;
        return false;
    }
    bool other = strcmp(have, want) != 0;
    if (other)
        mt_diags_add(diags, st->name, e->line, MT_SEV_ERROR,
                     "these answers are for %s %s, not %s", what, have, want);
    free(have);
    return other;
}

/* Answers for another questionnaire, or another version of it, are named
 * as such and nothing more is checked: against this questionnaire every
 * answer would be an unknown item and its hash a change, burying the one
 * error that matters. The version is compared only when the id matches. */
static bool for_other_questionnaire(const load_state *st, const mt_questionnaire *q,
                                    mt_diags *diags, bool *nomem)
{
    const char *id = q->id ? q->id : "", *version = q->version ? q->version : "";
    if (names_other(st, "questionnaire", id, "questionnaire", diags, nomem))
        return true;
    return !*nomem && names_other(st, "version", version, "questionnaire version", diags, nomem);
}

/* answers_new fills meta from q; a loaded file must speak for itself. */
static void forget_meta(mt_answers *a)
{
    meta_free(&a->meta);
}

mt_error answers_load_string(const mt_questionnaire *q, const char *name,
                             const char *text, size_t size,
                             mt_answers **out, mt_diags *diags)
{
    *out = NULL;
    size_t errors_before = diags->errors;
    size_t first_diag = diags->count;
    load_state st;
    mt_error err = collect_entries(name, text, size, &st, diags);
    if (err != MT_ERROR_NOMEM && reject_empty(&st, name, text, size, diags, errors_before)) {
        entries_free(&st);
        mt_diags_sort_from(diags, first_diag);
        return MT_ERROR_ANSWERS;
    }
    bool nomem = false;
    if (err != MT_ERROR_NOMEM && for_other_questionnaire(&st, q, diags, &nomem)) {
        entries_free(&st);
        mt_diags_sort_from(diags, first_diag);
        return MT_ERROR_MISMATCH;
    }
    if (nomem)
        err = MT_ERROR_NOMEM;
    mt_answers *a = NULL;
    if (err != MT_ERROR_NOMEM)
        err = answers_new(q, &a);
    checker c = {
        .name = name, .q = q, .a = a, .diags = diags,
        .meta_line = calloc(NMETA, sizeof(int)),
        .answer_line = calloc(q->nitems + 1, sizeof(int)),
        .note_line = calloc(q->nitems + 1, sizeof(int)),
        .first_meta_line = st.meta_section_line,
    };
    if (!err && (!c.meta_line || !c.answer_line || !c.note_line))
        err = MT_ERROR_NOMEM;
    if (!err) {
        forget_meta(a);
        check_entries(&c, &st);
        drop_answered_skips(a);
        if (!c.nomem)
            check_meta(&c);
        if (c.nomem)
            err = MT_ERROR_NOMEM;
        else if (c.mismatch)
            err = MT_ERROR_MISMATCH;
        else if (diags->errors > errors_before)
            err = MT_ERROR_ANSWERS;
    }
    free(c.meta_line);
    free(c.answer_line);
    free(c.note_line);
    entries_free(&st);
    /* The reader's and the checks' findings, in the order of the file. */
    mt_diags_sort_from(diags, first_diag);
    if (err) {
        answers_free(a);
        return err;
    }
    *out = a;
    return MT_OK;
}

mt_error answers_load_file(const mt_questionnaire *q, const char *path,
                           mt_answers **out, mt_diags *diags)
{
    *out = NULL;
    char *text = NULL;
    size_t size = 0;
    mt_error err = mt_read_file(path, MT_MAX_INPUT_FILE, &text, &size, diags);
    if (err)
        return err;
    err = answers_load_string(q, path, text, size, out, diags);
    free(text);
    if (err)
        return err;
    (*out)->path = mt_strdup(path);
    if (!(*out)->path) {
        answers_free(*out);
        *out = NULL;
        return MT_ERROR_NOMEM;
    }
    return MT_OK;
}

/* Copies diagnostics from one list to another. */
static void diags_move(mt_diags *to, mt_diags *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const mt_diag *d = &from->items[i];
        mt_diags_add(to, d->file, d->line, d->severity, "%s", d->message);
    }
    mt_diags_free(from);
}

static const char *peek_raw(const load_state *st, const char *key)
{
    const entry *e = meta_entry(st, key);
    return e ? e->value : NULL;
}

static char *peek_value(const load_state *st, const char *key)
{
    const char *v = peek_raw(st, key);
    return v ? unescape(v) : NULL;
}

static bool peek_has(const load_state *st, const char *key)
{
    return peek_raw(st, key) != NULL;
}

/* Where the section after [meta] starts, or size. A section header is a
 * line that starts with '[' (an indented line continues a value), so the
 * text before it holds every entry of [meta] whole: a group of thousands
 * of files is peeked at a dozen lines each instead of being parsed twice. */
static size_t meta_prefix_len(const char *text, size_t size)
{
    bool in_meta = false;
    size_t i = size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < size) {
        const char *nl = memchr(text + i, '\n', size - i);
        size_t next = nl ? (size_t)(nl - text) + 1 : size;
        if (text[i] == '[') {
            if (in_meta)
                return i;
            in_meta = next - i >= 6 && memcmp(text + i, "[meta]", 6) == 0;
        }
        i = next;
    }
    return size;
}

mt_error answers_peek_questionnaire(const char *path, char **id, char **version,
                                    mt_diags *diags)
{
    int line;
    return answers_peek_questionnaire_at(path, id, version, &line, diags);
}

mt_error answers_peek_questionnaire_at(const char *path, char **id, char **version, int *line,
                                       mt_diags *diags)
{
    *id = *version = NULL;
    *line = 0;
    char *text = NULL;
    size_t size = 0;
    mt_error err = mt_read_file(path, MT_MAX_INPUT_FILE, &text, &size, diags);
    if (err)
        return err;
    /* The full load that follows reports the file's problems; here they
     * matter only when they hide the questionnaire id. */
    mt_diags scratch;
    mt_diags_init(&scratch);
    load_state st;
    size_t prefix = meta_prefix_len(text, size);
    err = collect_entries(path, text, prefix, &st, &scratch);
    if (prefix < size && err != MT_ERROR_NOMEM &&
        !(peek_has(&st, "questionnaire") && peek_has(&st, "version"))) {
        /* not all in the first [meta]: read the whole file, as a load would */
        entries_free(&st);
        mt_diags_free(&scratch);
        mt_diags_init(&scratch);
        err = collect_entries(path, text, size, &st, &scratch);
    }
    bool empty = err != MT_ERROR_NOMEM && !st.saw_any;
    if (empty) {
        size_t errors_before = diags->errors;
        diags_move(diags, &scratch);   /* the broken lines, when there are any */
        reject_empty(&st, path, text, size, diags, errors_before);
        err = MT_ERROR_ANSWERS;
    }
    free(text);
    if (err != MT_ERROR_NOMEM && !empty) {
        err = MT_OK;
        *id = peek_value(&st, "questionnaire");
        *version = peek_value(&st, "version");
        const entry *e = meta_entry(&st, "questionnaire");
        *line = e ? e->line : 0;
        if (!*id || !**id) {
            diags_move(diags, &scratch);
            mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                         "[meta] questionnaire is missing: cannot tell which questionnaire "
                         "these answers are for");
            err = MT_ERROR_ANSWERS;
        }
    }
    entries_free(&st);
    mt_diags_free(&scratch);
    if (err) {
        free(*id);
        free(*version);
        *id = *version = NULL;
    }
    return err;
}

/* ------------------------------------------------------------- saving */

/* Where to end the next chunk of an escaped value no longer than limit:
 * at a space when there is one (the reader joins continuation lines with
 * one space, so the text reads back the same), else at a character
 * boundary that does not split an escape. *skip is the number of spaces
 * the split consumes. */
static size_t chunk_end(const char *s, size_t len, size_t limit, size_t *skip)
{
    *skip = 0;
    if (len <= limit)
        return len;
    size_t best = 0;
    for (size_t i = limit; i > 0; i--) {
        if (s[i] != ' ' || s[i - 1] == ' ')
            continue;
        size_t run = 1;
        while (s[i + run] == ' ')
            run++;
        if (run == 1) {
            *skip = 1;
            return i;
        }
        if (!best) {
            best = i;
            *skip = run;
        }
    }
    if (best)
        return best;   /* only runs of spaces: the run reads back as one */
    size_t end = mt_utf8_floor(s, limit);
    size_t backslashes = 0;
    for (size_t i = end; i > 0 && s[i - 1] == '\\'; i--)
        backslashes++;
    if (backslashes % 2)
        end--;   /* keep an escape's two characters together */
    return end ? end : limit;
}

/* Appends "key = value" to *out, continued on indented lines when long. */
static bool write_pair(char **out, const char *key, const char *escaped)
{
    const char *s = escaped;
    while (*s == ' ')
        s++;
    size_t len = strlen(s);
    while (len > 0 && s[len - 1] == ' ')
        len--;
    size_t first_limit = WRAP_AT;
    size_t prefix = strlen(key) + 3;
    if (prefix + first_limit > MT_INI_MAX_LINE)
        first_limit = MT_INI_MAX_LINE - prefix;
    char *line = mt_asprintf("%s =%s", key, len ? " " : "");
    bool ok = line != NULL;
    size_t limit = first_limit;
    size_t pos = 0;
    while (ok && pos < len) {
        size_t skip;
        size_t n = chunk_end(s + pos, len - pos, limit, &skip);
        char *chunk = mt_strndup(s + pos, n);
        ok = chunk && mt_str_append(&line, "", chunk);
        free(chunk);
        /* cut inside a word: a final backslash says "no space here" */
        if (ok && skip == 0 && pos + n < len)
            ok = mt_str_append(&line, "", "\\");
        pos += n + skip;
        if (ok && pos < len)
            ok = mt_str_append(&line, "", "\n" CONTINUATION_INDENT);
        limit = WRAP_AT;
    }
    ok = ok && mt_str_append(&line, "", "\n") && mt_str_append(out, "", line);
    free(line);
    return ok;
}

static bool write_text_pair(char **out, const char *key, const char *text)
{
    char *e = escape(text ? text : "");
    bool ok = e && write_pair(out, key, e);
    free(e);
    return ok;
}

static bool write_meta(char **out, const mt_answers *a)
{
    bool ok = mt_str_append(out, "", "[meta]\n");
    for (size_t i = 0; ok && i < NMETA; i++) {
        const char *v = meta_get(&a->meta, i);
        if (strcmp(meta_fields[i].name, "questionnaire") == 0)
            v = a->q->id;
        else if (strcmp(meta_fields[i].name, "version") == 0)
            v = a->q->version;
        else if (strcmp(meta_fields[i].name, "hash") == 0)
            v = a->q->hash;
        ok = write_text_pair(out, meta_fields[i].name, v);
    }
    return ok;
}

static bool write_answers(char **out, const mt_answers *a)
{
    bool ok = mt_str_append(out, "", "\n[answers]\n");
    for (size_t i = 0; ok && i < a->q->nitems; i++) {
        const mt_answer *ans = &a->items[i];
        if (ans->state == MT_ANSWER_NONE)
            continue;
        char *v = answers_format_value(a->q, &a->q->items[i], ans);
        ok = v && write_pair(out, a->q->items[i].id, v);
        free(v);
    }
    return ok;
}

static bool write_notes(char **out, const mt_answers *a)
{
    bool ok = mt_str_append(out, "", "\n[notes]\n");
    for (size_t i = 0; ok && i < a->q->nitems; i++) {
        const char *note = a->items[i].note;
        if (note && *note)
            ok = write_text_pair(out, a->q->items[i].id, note);
    }
    return ok;
}

/* [progress] only when something is skipped for later: a finished file
 * stays as short as before. */
static bool write_progress(char **out, const mt_answers *a)
{
    char *ids = NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < a->q->nitems; i++)
        if (a->items[i].skipped && a->items[i].state == MT_ANSWER_NONE)
            ok = mt_str_append(&ids, " ", a->q->items[i].id);
    if (ok && ids)
        ok = mt_str_append(out, "", "\n[progress]\n") && write_pair(out, "skipped", ids);
    free(ids);
    return ok;
}

mt_error answers_to_string(const mt_answers *a, char **out)
{
    *out = NULL;
    char *s = mt_strdup("");
    bool ok = s && write_meta(&s, a) && write_answers(&s, a) && write_notes(&s, a) &&
              write_progress(&s, a);
    if (!ok) {
        free(s);
        return MT_ERROR_NOMEM;
    }
    *out = s;
    return MT_OK;
}

mt_error answers_save(const mt_answers *a, const char *path)
{
    char *s;
    mt_error err = answers_to_string(a, &s);
    if (err)
        return err;
    err = mt_atomic_write(path, s, strlen(s));
    free(s);
    return err;
}
