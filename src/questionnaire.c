/*
 * questionnaire.c - loads and validates a questionnaire file.
 * See documentation in header file; the format is docs/questionnaire-format.md.
 *
 * Loading runs in two passes. The first collects every section and key as
 * raw text (so that ids may be used before they are defined); the second
 * builds the model, each builder "taking" the keys it understands. Keys
 * nobody took are unknown keys. Every problem is reported, not the first.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/questionnaire.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/inifile.h"
#include "maturity/util.h"

/* ---- raw sections ----------------------------------------------------- */

typedef struct raw_kv {
    char *key;
    char *value;
    int line;
    bool taken;
} raw_kv;

typedef struct raw_section {
    char *kind;
    char *id;        /* NULL for [questionnaire] and [classification] */
    int line;
    raw_kv *kvs;
    size_t nkvs, cap;
} raw_section;

typedef struct loader {
    const char *name;
    mt_diags *diags;
    raw_section *secs;
    size_t nsecs, cap;
    raw_section *current;  /* NULL before the first section */
    bool nomem;
    mt_questionnaire *q;
} loader;

static void err_at(loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void err_at(loader *ld, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mt_diags_vadd(ld->diags, ld->name, line, MT_SEV_ERROR, fmt, ap);
    va_end(ap);
}

static void warn_at(loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn_at(loader *ld, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mt_diags_vadd(ld->diags, ld->name, line, MT_SEV_WARNING, fmt, ap);
    va_end(ap);
}

static void on_section(void *user, const char *section, int line)
{
    loader *ld = user;
    if (!mt_grow((void **)&ld->secs, &ld->cap, ld->nsecs + 1, sizeof *ld->secs)) {
        ld->nomem = true;
        return;
    }
    raw_section *s = &ld->secs[ld->nsecs];
    while (*section == ' ' || *section == '\t')
        section++;
    const char *sp = strpbrk(section, " \t");
    if (sp) {
        const char *id = sp;
        while (*id == ' ' || *id == '\t')
            id++;
        s->kind = mt_strndup(section, (size_t)(sp - section));
        s->id = mt_strdup(id);
        if (s->id)   /* trailing blanks before ']' */
            for (size_t n = strlen(s->id); n && (s->id[n - 1] == ' ' || s->id[n - 1] == '\t'); n--)
                s->id[n - 1] = '\0';
    } else {
        s->kind = mt_strdup(section);
    }
    s->line = line;
    if (!s->kind || (sp && !s->id)) {
        free(s->kind);
        free(s->id);
        ld->nomem = true;
        return;
    }
    ld->nsecs++;
    ld->current = s;
}

static int on_key(void *user, const char *section, const char *key, const char *value,
                  int line, int continuation)
{
    (void)section;
    loader *ld = user;
    raw_section *s = ld->current;
    if (!s) {
        err_at(ld, line, "'%s' is outside any section: start with [questionnaire]", key);
        return 1;
    }
    if (continuation && s->nkvs) {
        raw_kv *kv = &s->kvs[s->nkvs - 1];
        if (!mt_str_append(&kv->value, " ", value))
            ld->nomem = true;
        return 1;
    }
    for (size_t i = 0; i < s->nkvs; i++) {
        if (strcmp(s->kvs[i].key, key) == 0) {
            err_at(ld, line, "duplicate key '%s' (first set on line %d)", key, s->kvs[i].line);
            return 1;
        }
    }
    if (!mt_grow((void **)&s->kvs, &s->cap, s->nkvs + 1, sizeof *s->kvs)) {
        ld->nomem = true;
        return 1;
    }
    raw_kv *kv = &s->kvs[s->nkvs];
    kv->key = mt_strdup(key);
    kv->value = mt_strdup(value);
    kv->line = line;
    if (!kv->key || !kv->value) {
        free(kv->key);
        free(kv->value);
        ld->nomem = true;
        return 1;
    }
    s->nkvs++;
    return 1;
}

static void raw_free(loader *ld)
{
    for (size_t i = 0; i < ld->nsecs; i++) {
        raw_section *s = &ld->secs[i];
        for (size_t k = 0; k < s->nkvs; k++) {
            free(s->kvs[k].key);
            free(s->kvs[k].value);
        }
        free(s->kvs);
        free(s->kind);
        free(s->id);
    }
    free(ld->secs);
}

static void free_text(mt_text *t)
{
    for (size_t i = 0; i < MT_MAX_LANGS; i++) {
        free(t->v[i]);
        t->v[i] = NULL;
    }
}

/* ---- taking keys -------------------------------------------------------- */

static raw_kv *take(raw_section *s, const char *key)
{
    for (size_t i = 0; i < s->nkvs; i++) {
        if (strcmp(s->kvs[i].key, key) == 0) {
            s->kvs[i].taken = true;
            return &s->kvs[i];
        }
    }
    return NULL;
}

static const char *sec_label(raw_section *s, char *buf, size_t n)
{
    if (s->id)
        snprintf(buf, n, "[%s %s]", s->kind, s->id);
    else
        snprintf(buf, n, "[%s]", s->kind);
    return buf;
}

static raw_kv *take_required(loader *ld, raw_section *s, const char *key)
{
    raw_kv *kv = take(s, key);
    if (!kv) {
        char b[128];
        err_at(ld, s->line, "%s needs '%s'", sec_label(s, b, sizeof b), key);
    }
    return kv;
}

/*
 * Takes every "base.LANG" key into t. A text given in one language must be
 * given in all of them; `required` means it must be given at all.
 */
static void take_text(loader *ld, raw_section *s, const char *base, mt_text *t, bool required)
{
    size_t blen = strlen(base);
    int first_line = 0;
    for (size_t i = 0; i < s->nkvs; i++) {
        raw_kv *kv = &s->kvs[i];
        if (strncmp(kv->key, base, blen) != 0 || kv->key[blen] != '.')
            continue;
        const char *lang = kv->key + blen + 1;
        /* option.N.scores shares the prefix of the option's texts. */
        if (strchr(lang, '.') || strcmp(lang, "scores") == 0)
            continue;
        kv->taken = true;
        int li = questionnaire_lang_index(ld->q, lang);
        if (li < 0) {
            err_at(ld, kv->line, "'%s': language '%s' is not declared in [questionnaire] languages",
                   kv->key, lang);
            continue;
        }
        if (!*kv->value) {
            err_at(ld, kv->line, "'%s' is empty", kv->key);
            continue;
        }
        free(t->v[li]);
        t->v[li] = mt_strdup(kv->value);
        if (!t->v[li])
            ld->nomem = true;
        if (!first_line)
            first_line = kv->line;
    }
    char b[128];
    if (mt_text_empty(t)) {
        if (required)
            err_at(ld, s->line, "%s needs '%s.%s'", sec_label(s, b, sizeof b), base,
                   ld->q->nlangs ? ld->q->languages[0] : "en");
        return;
    }
    for (size_t li = 0; li < ld->q->nlangs; li++)
        if (!t->v[li])
            err_at(ld, first_line, "%s has no '%s.%s': every declared language needs every text",
                   sec_label(s, b, sizeof b), base, ld->q->languages[li]);
}

static bool parse_yes_no(loader *ld, raw_kv *kv, bool *out)
{
    if (strcmp(kv->value, "yes") == 0 || strcmp(kv->value, "true") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(kv->value, "no") == 0 || strcmp(kv->value, "false") == 0) {
        *out = false;
        return true;
    }
    err_at(ld, kv->line, "'%s' must be yes or no, not '%s'", kv->key, kv->value);
    return false;
}

static bool parse_number(loader *ld, raw_kv *kv, double lo, double hi, double *out)
{
    double v;
    if (!mt_parse_double(kv->value, &v)) {
        err_at(ld, kv->line, "'%s' must be a number, not '%s'", kv->key, kv->value);
        return false;
    }
    if (v < lo || v > hi) {
        err_at(ld, kv->line, "'%s' must be between %g and %g, not %g", kv->key, lo, hi, v);
        return false;
    }
    *out = v;
    return true;
}

/* Splits s at sep into trimmed, newly allocated pieces; empty pieces kept. */
static char **split(const char *s, char sep, size_t *n)
{
    size_t count = 1;
    for (const char *p = s; *p; p++)
        if (*p == sep)
            count++;
    char **parts = calloc(count, sizeof *parts);
    if (!parts)
        return NULL;
    const char *start = s;
    for (size_t i = 0; i < count; i++) {
        const char *end = strchr(start, sep);
        if (!end)
            end = start + strlen(start);
        while (start < end && (*start == ' ' || *start == '\t'))
            start++;
        const char *e = end;
        while (e > start && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        parts[i] = mt_strndup(start, (size_t)(e - start));
        start = *end ? end + 1 : end;
    }
    *n = count;
    return parts;
}

static void free_parts(char **parts, size_t n)
{
    if (!parts)
        return;
    for (size_t i = 0; i < n; i++)
        free(parts[i]);
    free(parts);
}

/* Splits on runs of white space; no empty pieces. */
static char **split_words(const char *s, size_t *n)
{
    size_t count = 0;
    char **parts = NULL;
    size_t cap = 0;
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if (!mt_grow((void **)&parts, &cap, count + 1, sizeof *parts)) {
            free_parts(parts, count);
            return NULL;
        }
        parts[count++] = mt_strndup(p, (size_t)(e - p));
        p = e;
    }
    if (!parts)
        parts = calloc(1, sizeof *parts);
    *n = count;
    return parts;
}

/* ---- did you mean ------------------------------------------------------ */

/* " (did you mean 'x'?)" for the closest construct or item id, or "". */
static const char *hint_for(const char *word, const char *const *ids, size_t n, char *buf,
                            size_t len)
{
    const char *best = mt_suggest(word, ids, n);
    if (!best)
        return "";
    snprintf(buf, len, " (did you mean '%s'?)", best);
    return buf;
}

/* The ids of an array of model entries, for a did-you-mean hint: the
 * entries differ in type but all hold their id as a `char *` member, so
 * the walk goes by the entry's size from the first entry's id. */
static const char *hint_among(const char *word, char *const *first_id, size_t count,
                              size_t stride, char *buf, size_t len)
{
    const char *ids[1024];
    size_t n = count < 1024 ? count : 1024;
    for (size_t i = 0; i < n; i++)
        ids[i] = *(char *const *)((const char *)first_id + i * stride);
    return hint_for(word, ids, n, buf, len);
}

#define HINT_AMONG(word, array, count, buf, len) \
    ((count) ? hint_among((word), &(array)[0].id, (count), sizeof(array)[0], (buf), (len)) : "")

static const char *construct_hint(const mt_questionnaire *q, const char *word, char *buf,
                                  size_t len)
{
    return HINT_AMONG(word, q->constructs, q->nconstructs, buf, len);
}

static const char *item_hint(const mt_questionnaire *q, const char *word, char *buf, size_t len)
{
    return HINT_AMONG(word, q->items, q->nitems, buf, len);
}

/* ---- lookups ------------------------------------------------------------ */

/* The index of the entry whose id is `id`, or -1; walked like hint_among.
 * An entry whose id is not yet set (while loading) matches nothing. */
static long index_of_id(char *const *first_id, size_t count, size_t stride, const char *id)
{
    for (size_t i = 0; i < count; i++) {
        const char *entry_id = *(char *const *)((const char *)first_id + i * stride);
        if (entry_id && strcmp(entry_id, id) == 0)
            return (long)i;
    }
    return -1;
}

#define INDEX_OF_ID(array, count, id) \
    ((count) ? index_of_id(&(array)[0].id, (count), sizeof(array)[0], (id)) : -1L)

static long find_scale(const mt_questionnaire *q, const char *id)
{
    return INDEX_OF_ID(q->scales, q->nscales, id);
}

static long find_section(const mt_questionnaire *q, const char *id)
{
    return INDEX_OF_ID(q->sections, q->nsections, id);
}

static long find_bandset(const mt_questionnaire *q, const char *id)
{
    return INDEX_OF_ID(q->bandsets, q->nbandsets, id);
}

static long find_source(const mt_questionnaire *q, const char *id)
{
    return INDEX_OF_ID(q->sources, q->nsources, id);
}

static long find_band(const mt_bandset *bs, const char *id)
{
    return INDEX_OF_ID(bs->bands, bs->nbands, id);
}

/* ---- [questionnaire] and [classification] ------------------------------ */

static bool valid_lang_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (i >= 2 && (s[i] == '-' || s[i] == '_'))))
            return false;
    return true;
}

static void build_languages(loader *ld, raw_section *s)
{
    mt_questionnaire *q = ld->q;
    raw_kv *kv = take_required(ld, s, "languages");
    if (!kv)
        return;
    size_t n = 0;
    char **codes = split_words(kv->value, &n);
    if (!codes) {
        ld->nomem = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!valid_lang_code(codes[i])) {
            err_at(ld, kv->line, "'%s' is not a language code such as en or he", codes[i]);
        } else if (questionnaire_lang_index(q, codes[i]) >= 0) {
            err_at(ld, kv->line, "language '%s' is declared twice", codes[i]);
        } else if (q->nlangs == MT_MAX_LANGS) {
            err_at(ld, kv->line, "at most %d languages are supported", MT_MAX_LANGS);
        } else {
            q->languages[q->nlangs++] = codes[i];
            codes[i] = NULL;
        }
    }
    free_parts(codes, n);
    if (q->nlangs == 0)
        err_at(ld, kv->line, "'languages' names no language");
}

static void build_header(loader *ld, raw_section *s)
{
    mt_questionnaire *q = ld->q;
    build_languages(ld, s);
    raw_kv *kv = take_required(ld, s, "id");
    if (kv) {
        if (!mt_valid_id(kv->value))
            err_at(ld, kv->line, "questionnaire id '%s' may hold only a-z, 0-9, '_' and '-'",
                   kv->value);
        q->id = mt_strdup(kv->value);
    }
    kv = take_required(ld, s, "version");
    if (kv) {
        if (!*kv->value || strpbrk(kv->value, " \t"))
            err_at(ld, kv->line, "version '%s' must be one word such as 1.0", kv->value);
        q->version = mt_strdup(kv->value);
    }
    if ((kv = take(s, "minutes"))) {
        double m;
        if (parse_number(ld, kv, 1, 600, &m))
            q->minutes = (int)m;
    }
    if ((kv = take(s, "short_form")))
        parse_yes_no(ld, kv, &q->short_form);
    take_text(ld, s, "title", &q->title, true);
    take_text(ld, s, "description", &q->description, true);
}

static void build_classification(loader *ld, raw_section *s)
{
    raw_kv *kv;
    if ((kv = take(s, "hybrid_margin")))
        parse_number(ld, kv, 0, 100, &ld->q->hybrid_margin);
    if ((kv = take(s, "min_coverage")))
        parse_number(ld, kv, 0, 100, &ld->q->min_coverage);
}

/* ---- scales, sections, bands, constructs -------------------------------- */

/* Takes "base.LANG" pipe lists of exactly n labels into labels[0..n). */
static void take_label_list(loader *ld, raw_section *s, const char *base, mt_text *labels,
                            size_t n)
{
    mt_text joined = { { 0 } };
    take_text(ld, s, base, &joined, true);
    for (size_t li = 0; li < ld->q->nlangs; li++) {
        if (!joined.v[li])
            continue;
        size_t count = 0;
        char **parts = split(joined.v[li], '|', &count);
        if (!parts) {
            ld->nomem = true;
            break;
        }
        char key[64];
        snprintf(key, sizeof key, "%s.%s", base, ld->q->languages[li]);
        raw_kv *kv = take(s, key);
        int line = kv ? kv->line : s->line;
        if (count != n) {
            err_at(ld, line, "'%s' has %zu labels separated by '|', %zu are needed", key, count, n);
        } else {
            for (size_t i = 0; i < n; i++) {
                if (!*parts[i])
                    err_at(ld, line, "'%s': label %zu is empty", key, i + 1);
                labels[i].v[li] = parts[i];
                parts[i] = NULL;
            }
        }
        free_parts(parts, count);
    }
    free_text(&joined);
}

static void build_scale(loader *ld, raw_section *s, mt_scale *sc)
{
    raw_kv *kv = take_required(ld, s, "points");
    double pts = 0;
    if (kv && parse_number(ld, kv, 2, 11, &pts) && pts != floor(pts)) {
        err_at(ld, kv->line, "'points' must be a whole number");
        pts = 0;
    }
    sc->points = (int)pts;
    if ((kv = take(s, "dont_know")))
        parse_yes_no(ld, kv, &sc->dont_know);
    if (sc->points <= 0) {
        take(s, "labels");
        return;
    }
    sc->labels = calloc((size_t)sc->points, sizeof *sc->labels);
    if (!sc->labels) {
        ld->nomem = true;
        return;
    }
    take_label_list(ld, s, "labels", sc->labels, (size_t)sc->points);
}

static void build_section(loader *ld, raw_section *s, mt_section *sec)
{
    take_text(ld, s, "title", &sec->title, true);
    take_text(ld, s, "intro", &sec->intro, false);
}

static void build_bandset(loader *ld, raw_section *s, mt_bandset *bs)
{
    raw_kv *names = take_required(ld, s, "names");
    raw_kv *from = take_required(ld, s, "from");
    if (!names || !from) {
        mt_text ignored = { { 0 } };
        take_text(ld, s, "labels", &ignored, false);
        free_text(&ignored);
        return;
    }
    size_t nn = 0, nf = 0;
    char **ids = split_words(names->value, &nn);
    char **fs = split_words(from->value, &nf);
    if (!ids || !fs) {
        ld->nomem = true;
    } else if (nn == 0 || nn > 32) {
        err_at(ld, names->line, "'names' needs between 1 and 32 band names");
    } else if (nn != nf) {
        err_at(ld, from->line, "'from' has %zu bounds but 'names' has %zu bands", nf, nn);
    } else if ((bs->bands = calloc(nn, sizeof *bs->bands))) {
        bs->nbands = nn;
        for (size_t i = 0; i < nn; i++) {
            if (!mt_valid_id(ids[i]))
                err_at(ld, names->line, "band name '%s' may hold only a-z, 0-9, '_' and '-'", ids[i]);
            for (size_t k = 0; k < i; k++)
                if (strcmp(bs->bands[k].id, ids[i]) == 0)
                    err_at(ld, names->line, "band '%s' is named twice", ids[i]);
            bs->bands[i].id = ids[i];
            ids[i] = NULL;
            double v = 0;
            if (!mt_parse_double(fs[i], &v) || v < 0 || v > 100)
                err_at(ld, from->line, "'from' bound '%s' must be a number from 0 to 100", fs[i]);
            else if (i == 0 && v != 0)
                err_at(ld, from->line, "the first band must start 'from' 0");
            else if (i > 0 && v <= bs->bands[i - 1].min)
                err_at(ld, from->line, "'from' bounds must rise: %s is not above %g", fs[i],
                       bs->bands[i - 1].min);
            bs->bands[i].min = v;
        }
        mt_text *labels = calloc(nn, sizeof *labels);
        if (labels) {
            take_label_list(ld, s, "labels", labels, nn);
            for (size_t i = 0; i < nn; i++)
                bs->bands[i].label = labels[i];
            free(labels);
        } else {
            ld->nomem = true;
        }
    } else {
        ld->nomem = true;
    }
    free_parts(ids, nn);
    free_parts(fs, nf);
}

static const char *const kind_names[] = { "archetype", "barrier", "capability", "index" };
static const char *const item_type_names[] = { "likert", "choice", "multi", "number", "text" };
static const char *const priority_names[] = { "high", "medium", "low" };
static const char *const horizon_names[] = { "quick_win", "90_days", "12_months" };

static long name_index(const char *const *names, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], value) == 0)
            return (long)i;
    return -1;
}

static void build_construct(loader *ld, raw_section *s, mt_construct *c)
{
    raw_kv *kv = take_required(ld, s, "kind");
    if (kv) {
        long k = name_index(kind_names, 4, kv->value);
        if (k < 0)
            err_at(ld, kv->line, "kind '%s' must be archetype, barrier, capability or index",
                   kv->value);
        c->kind = k < 0 ? MT_KIND_CAPABILITY : (mt_construct_kind)k;
    }
    kv = take_required(ld, s, "bands");
    if (kv) {
        long b = find_bandset(ld->q, kv->value);
        if (b < 0)
            err_at(ld, kv->line, "bands '%s' is not a [bands] section", kv->value);
        c->bandset = b < 0 ? 0 : (size_t)b;
    }
    if (strcmp(c->id, "stage") == 0 || strcmp(c->id, "next_stage") == 0 ||
        strcmp(c->id, "dominant") == 0)
        err_at(ld, s->line, "'%s' is a word of the rule language and cannot be a construct id",
               c->id);
    take_text(ld, s, "name", &c->name, true);
    take_text(ld, s, "description", &c->description, true);
    take_text(ld, s, "detail", &c->detail, false);
}

/* ---- items ----------------------------------------------------------- */

/* "construct [weight] [reverse], ..." */
static void parse_loads(loader *ld, raw_kv *kv, mt_item *it)
{
    size_t n = 0;
    char **parts = split(kv->value, ',', &n);
    if (!parts || !(it->loads = calloc(n, sizeof *it->loads))) {
        free_parts(parts, n);
        ld->nomem = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t nw = 0;
        char **w = split_words(parts[i], &nw);
        if (!w) {
            ld->nomem = true;
            break;
        }
        mt_load load = { .weight = 1 };
        bool ok = nw >= 1 && nw <= 3;
        long c = ok ? questionnaire_find_construct(ld->q, w[0]) : -1;
        if (!ok) {
            err_at(ld, kv->line, "'loads' entry '%s' must be 'construct [weight] [reverse]'", parts[i]);
        } else if (c < 0) {
            char hint[96];
            err_at(ld, kv->line, "item '%s' loads on unknown construct '%s'%s", it->id, w[0],
                   construct_hint(ld->q, w[0], hint, sizeof hint));
            ok = false;
        }
        for (size_t k = 1; ok && k < nw; k++) {
            if (strcmp(w[k], "reverse") == 0) {
                load.reverse = true;
            } else if (k == 1 && mt_parse_double(w[k], &load.weight)) {
                if (load.weight <= 0 || load.weight > 10) {
                    err_at(ld, kv->line, "weight %s of '%s' must be above 0 and at most 10",
                           w[k], w[0]);
                    ok = false;
                }
            } else {
                err_at(ld, kv->line, "'%s' in 'loads' is neither a weight nor 'reverse'", w[k]);
                ok = false;
            }
        }
        for (size_t k = 0; ok && k < it->nloads; k++)
            if (it->loads[k].construct == (size_t)c) {
                err_at(ld, kv->line, "item '%s' loads on '%s' twice", it->id, w[0]);
                ok = false;
            }
        if (ok) {
            load.construct = (size_t)c;
            it->loads[it->nloads++] = load;
        }
        free_parts(w, nw);
    }
    free_parts(parts, n);
}

/* "construct score, ..." for one option */
static void parse_option_scores(loader *ld, raw_kv *kv, mt_item *it, mt_option *opt)
{
    size_t n = 0;
    char **parts = split(kv->value, ',', &n);
    if (!parts || !(opt->scores = calloc(n, sizeof *opt->scores))) {
        free_parts(parts, n);
        ld->nomem = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t nw = 0;
        char **w = split_words(parts[i], &nw);
        double v = 0;
        long c = (w && nw == 2) ? questionnaire_find_construct(ld->q, w[0]) : -1;
        if (!w) {
            ld->nomem = true;
        } else if (nw != 2 || !mt_parse_double(w[1], &v)) {
            err_at(ld, kv->line, "'%s' entry '%s' must be 'construct score'", kv->key, parts[i]);
        } else if (c < 0) {
            char hint[96];
            err_at(ld, kv->line, "item '%s' scores unknown construct '%s'%s", it->id, w[0],
                   construct_hint(ld->q, w[0], hint, sizeof hint));
        } else if (v < 0 || v > 100) {
            err_at(ld, kv->line, "option score %s must be from 0 to 100", w[1]);
        } else {
            opt->scores[opt->nscores].construct = (size_t)c;
            opt->scores[opt->nscores].score = v;
            opt->nscores++;
        }
        free_parts(w, nw);
    }
    free_parts(parts, n);
}

/* option.N.LANG and option.N.scores, N = 1.. with no gaps */
static void build_options(loader *ld, raw_section *s, mt_item *it)
{
    long max = 0;
    for (size_t i = 0; i < s->nkvs; i++) {
        const char *k = s->kvs[i].key;
        if (strncmp(k, "option.", 7) != 0)
            continue;
        long n = strtol(k + 7, NULL, 10);
        if (n < 1 || n > MT_MAX_OPTIONS) {
            s->kvs[i].taken = true;
            err_at(ld, s->kvs[i].line, "'%s': options are numbered 1 to %d", k, MT_MAX_OPTIONS);
            continue;
        }
        if (n > max)
            max = n;
    }
    if (max < 2) {
        err_at(ld, s->line, "%s item '%s' needs at least two options (option.1.%s, option.2.%s, ...)",
               item_type_names[it->type], it->id, ld->q->nlangs ? ld->q->languages[0] : "en",
               ld->q->nlangs ? ld->q->languages[0] : "en");
        if (max < 1)
            return;
    }
    it->options = calloc((size_t)max, sizeof *it->options);
    if (!it->options) {
        ld->nomem = true;
        return;
    }
    it->noptions = (size_t)max;
    for (long n = 1; n <= max; n++) {
        char base[32], key[48];
        snprintf(base, sizeof base, "option.%ld", n);
        mt_option *opt = &it->options[n - 1];
        take_text(ld, s, base, &opt->label, false);
        snprintf(key, sizeof key, "%s.scores", base);
        raw_kv *kv = take(s, key);
        if (mt_text_empty(&opt->label))
            err_at(ld, s->line, "item '%s' has no label for option %ld", it->id, n);
        if (kv)
            parse_option_scores(ld, kv, it, opt);
    }
}

static void build_number_bands(loader *ld, raw_kv *kv, mt_item *it)
{
    size_t n = 0;
    char **parts = split(kv->value, ',', &n);
    if (!parts || !(it->bands = calloc(n, sizeof *it->bands))) {
        free_parts(parts, n);
        ld->nomem = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *colon = strchr(parts[i], ':');
        double from, score;
        if (colon)
            *colon = '\0';
        if (!colon || !mt_parse_double(parts[i], &from) || !mt_parse_double(colon + 1, &score)) {
            err_at(ld, kv->line, "'bands' entries must be 'from:score', e.g. 0:0, 3:50");
            break;
        }
        if (score < 0 || score > 100)
            err_at(ld, kv->line, "band score %g must be from 0 to 100", score);
        if (i > 0 && from <= it->bands[i - 1].from)
            err_at(ld, kv->line, "'bands' must rise: %g is not above %g", from,
                   it->bands[i - 1].from);
        it->bands[it->nbands].from = from;
        it->bands[it->nbands].score = score;
        it->nbands++;
    }
    free_parts(parts, n);
}

static void build_number(loader *ld, raw_section *s, mt_item *it)
{
    raw_kv *mn = take_required(ld, s, "min");
    raw_kv *mx = take_required(ld, s, "max");
    bool ok = mn && mx && parse_number(ld, mn, -1e12, 1e12, &it->min) &&
              parse_number(ld, mx, -1e12, 1e12, &it->max);
    if (ok && it->min >= it->max)
        err_at(ld, mx->line, "'max' (%g) must be above 'min' (%g)", it->max, it->min);
    take_text(ld, s, "unit", &it->unit, false);
    raw_kv *kv = take(s, "bands");
    if (kv)
        build_number_bands(ld, kv, it);
    if (it->nloads && !kv)
        err_at(ld, s->line, "number item '%s' loads on constructs but has no 'bands'", it->id);
    if (ok && it->nbands && it->bands[0].from > it->min)
        err_at(ld, kv->line, "the first band starts at %g, above 'min' %g: every value needs a score",
               it->bands[0].from, it->min);
}

static void build_item_type(loader *ld, raw_section *s, mt_item *it)
{
    raw_kv *kv = take_required(ld, s, "type");
    long t = kv ? name_index(item_type_names, 5, kv->value) : 0;
    if (kv && t < 0)
        err_at(ld, kv->line, "type '%s' must be likert, choice, multi, number or text", kv->value);
    it->type = t < 0 ? MT_ITEM_TEXT : (mt_item_type)t;
    it->dont_know = true;
    if (it->type == MT_ITEM_LIKERT) {
        kv = take_required(ld, s, "scale");
        long sc = kv ? find_scale(ld->q, kv->value) : -1;
        if (kv && sc < 0)
            err_at(ld, kv->line, "scale '%s' is not a [scale] section", kv->value);
        it->scale = sc < 0 ? 0 : (size_t)sc;
        it->dont_know = sc >= 0 && ld->q->scales[sc].dont_know;
        if ((kv = take(s, "dont_know")))
            err_at(ld, kv->line, "likert items take 'dont_know' from their scale");
    } else if ((kv = take(s, "dont_know"))) {
        parse_yes_no(ld, kv, &it->dont_know);
    }
}

static void build_item(loader *ld, raw_section *s, mt_item *it)
{
    build_item_type(ld, s, it);
    raw_kv *kv = take_required(ld, s, "section");
    long sec = kv ? find_section(ld->q, kv->value) : -1;
    if (kv && sec < 0)
        err_at(ld, kv->line, "section '%s' is not a [section] section", kv->value);
    it->section = sec < 0 ? 0 : (size_t)sec;
    if ((kv = take(s, "required")))
        parse_yes_no(ld, kv, &it->required);
    take_text(ld, s, "text", &it->text, true);
    take_text(ld, s, "help", &it->help, false);
    if ((kv = take(s, "loads"))) {
        if (it->type == MT_ITEM_TEXT)
            err_at(ld, kv->line, "text item '%s' cannot load on constructs: text is never scored",
                   it->id);
        else
            parse_loads(ld, kv, it);
    } else if (it->type == MT_ITEM_CHOICE || it->type == MT_ITEM_MULTI) {
        err_at(ld, s->line, "%s item '%s' needs 'loads'", item_type_names[it->type], it->id);
    }
    if (it->type == MT_ITEM_CHOICE || it->type == MT_ITEM_MULTI)
        build_options(ld, s, it);
    if (it->type == MT_ITEM_NUMBER)
        build_number(ld, s, it);
}

/* ---- stages, sources, rules ------------------------------------------ */

static void build_stage(loader *ld, raw_section *s, mt_stage *st)
{
    take_text(ld, s, "name", &st->name, true);
    take_text(ld, s, "description", &st->description, false);
    raw_kv *kv = take_required(ld, s, "threshold");
    if (kv)
        parse_number(ld, kv, 0, 100, &st->threshold);
    kv = take_required(ld, s, "items");
    if (!kv)
        return;
    size_t n = 0;
    char **ids = split_words(kv->value, &n);
    if (!ids || !(st->items = calloc(n ? n : 1, sizeof *st->items))) {
        free_parts(ids, n);
        ld->nomem = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        long it = questionnaire_find_item(ld->q, ids[i]);
        if (it < 0) {
            char hint[96];
            err_at(ld, kv->line, "stage '%s' names unknown item '%s'%s", st->id, ids[i],
                   item_hint(ld->q, ids[i], hint, sizeof hint));
            continue;
        }
        const mt_item *item = &ld->q->items[it];
        if (item->type == MT_ITEM_TEXT ||
            ((item->type == MT_ITEM_CHOICE || item->type == MT_ITEM_MULTI) && !item->nloads) ||
            (item->type == MT_ITEM_NUMBER && !item->nbands)) {
            err_at(ld, kv->line, "item '%s' cannot indicate a stage: it has no score", ids[i]);
            continue;
        }
        st->items[st->nitems++] = (size_t)it;
    }
    if (n == 0)
        err_at(ld, kv->line, "stage '%s' names no indicator items", st->id);
    free_parts(ids, n);
}

static void build_source(loader *ld, raw_section *s, mt_source *src)
{
    take_text(ld, s, "title", &src->title, true);
    take_text(ld, s, "note", &src->note, false);
}

static bool parse_op(const char *s, mt_op *op)
{
    static const char *const ops[] = { "<", "<=", ">", ">=", "=", "!=" };
    long i = name_index(ops, 6, s);
    if (i < 0)
        return false;
    *op = (mt_op)i;
    return true;
}

/* A stage id or "none" (-1). */
static bool parse_stage_ref(loader *ld, int line, const char *s, int *out)
{
    if (strcmp(s, "none") == 0) {
        *out = -1;
        return true;
    }
    long st = questionnaire_find_stage(ld->q, s);
    if (st < 0) {
        err_at(ld, line, "unknown stage '%s' in condition", s);
        return false;
    }
    *out = (int)st;
    return true;
}

static bool parse_band_clause(loader *ld, int line, size_t c, const char *bands, mt_clause *cl)
{
    const mt_bandset *bs = &ld->q->bandsets[ld->q->constructs[c].bandset];
    size_t n = 0;
    char **names = split(bands, '|', &n);
    bool ok = names != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        long b = find_band(bs, names[i]);
        if (b < 0) {
            err_at(ld, line, "construct '%s' has no band '%s' (its bands are [bands %s])",
                   ld->q->constructs[c].id, names[i], bs->id);
            ok = false;
        } else {
            cl->band_mask |= UINT32_C(1) << b;
        }
    }
    free_parts(names, n);
    cl->kind = MT_CLAUSE_BAND;
    cl->construct = c;
    return ok;
}

static bool parse_dominant_clause(loader *ld, int line, const char *what, mt_clause *cl)
{
    if (strcmp(what, "hybrid") == 0) {
        cl->kind = MT_CLAUSE_HYBRID;
        return true;
    }
    long c = questionnaire_find_construct(ld->q, what);
    if (c < 0 || ld->q->constructs[c].kind != MT_KIND_ARCHETYPE) {
        err_at(ld, line, "'dominant is %s': '%s' is not an archetype construct", what, what);
        return false;
    }
    cl->kind = MT_CLAUSE_DOMINANT;
    cl->construct = (size_t)c;
    return true;
}

static bool parse_clause(loader *ld, int line, char **w, size_t n, mt_clause *cl)
{
    if (n != 3) {
        err_at(ld, line, "condition clause must be 'subject operator value', e.g. 'engagement < 40'");
        return false;
    }
    bool is = strcmp(w[1], "is") == 0;
    if (strcmp(w[0], "dominant") == 0) {
        if (!is)
            err_at(ld, line, "write 'dominant is ARCHETYPE' or 'dominant is hybrid'");
        return is && parse_dominant_clause(ld, line, w[2], cl);
    }
    if (strcmp(w[0], "stage") == 0 || strcmp(w[0], "next_stage") == 0) {
        bool next = w[0][0] == 'n';
        cl->kind = next ? MT_CLAUSE_NEXT_STAGE : MT_CLAUSE_STAGE;
        cl->op = MT_OP_EQ;
        if (!is && (next || !parse_op(w[1], &cl->op))) {
            err_at(ld, line, "'%s %s': unknown operator", w[0], w[1]);
            return false;
        }
        return parse_stage_ref(ld, line, w[2], &cl->stage);
    }
    long c = questionnaire_find_construct(ld->q, w[0]);
    if (c < 0) {
        char hint[96];
        err_at(ld, line, "condition names unknown construct '%s'%s", w[0],
               construct_hint(ld->q, w[0], hint, sizeof hint));
        return false;
    }
    if (is)
        return parse_band_clause(ld, line, (size_t)c, w[2], cl);
    cl->kind = MT_CLAUSE_SCORE;
    cl->construct = (size_t)c;
    if (!parse_op(w[1], &cl->op)) {
        err_at(ld, line, "'%s' is not an operator: use < <= > >= = != or is", w[1]);
        return false;
    }
    if (!mt_parse_double(w[2], &cl->value) || cl->value < 0 || cl->value > 100) {
        err_at(ld, line, "'%s' must be a score from 0 to 100", w[2]);
        return false;
    }
    return true;
}

static void parse_condition(loader *ld, raw_kv *kv, mt_rule *r)
{
    size_t n = 0;
    char **w = split_words(kv->value, &n);
    if (!w || !(r->clauses = calloc(n / 2 + 1, sizeof *r->clauses))) {
        free_parts(w, n);
        ld->nomem = true;
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && strcmp(w[i], "and") != 0)
            continue;
        if (parse_clause(ld, kv->line, w + start, i - start, &r->clauses[r->nclauses]))
            r->nclauses++;
        start = i + 1;
    }
    free_parts(w, n);
}

static void build_rule(loader *ld, raw_section *s, mt_rule *r)
{
    raw_kv *kv = take_required(ld, s, "when");
    if (kv)
        parse_condition(ld, kv, r);
    if ((kv = take_required(ld, s, "priority"))) {
        long p = name_index(priority_names, 3, kv->value);
        if (p < 0)
            err_at(ld, kv->line, "priority '%s' must be high, medium or low", kv->value);
        r->priority = p < 0 ? MT_PRIORITY_LOW : (mt_priority)p;
    }
    if ((kv = take_required(ld, s, "horizon"))) {
        long h = name_index(horizon_names, 3, kv->value);
        if (h < 0)
            err_at(ld, kv->line, "horizon '%s' must be quick_win, 90_days or 12_months", kv->value);
        r->horizon = h < 0 ? MT_HORIZON_12_MONTHS : (mt_horizon)h;
    }
    if ((kv = take_required(ld, s, "source"))) {
        long src = find_source(ld->q, kv->value);
        if (src < 0)
            err_at(ld, kv->line, "source '%s' is not a [source] section", kv->value);
        r->source = src < 0 ? 0 : (size_t)src;
    }
    take_text(ld, s, "title", &r->title, true);
    take_text(ld, s, "text", &r->text, true);
}

/* ---- the whole file ---------------------------------------------------- */

static const char *const section_kinds[] = {
    "questionnaire", "classification", "scale", "section", "item",
    "bands", "construct", "stage", "source", "rule",
};
#define N_SECTION_KINDS (sizeof section_kinds / sizeof section_kinds[0])

static bool kind_has_id(const char *kind)
{
    return strcmp(kind, "questionnaire") != 0 && strcmp(kind, "classification") != 0;
}

static size_t count_kind(const loader *ld, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < ld->nsecs; i++)
        if (strcmp(ld->secs[i].kind, kind) == 0 && ld->secs[i].id)
            n++;
    return n;
}

/* Section headers: known kind, id present where needed, ids unique and valid. */
static void check_section_headers(loader *ld)
{
    for (size_t i = 0; i < ld->nsecs; i++) {
        raw_section *s = &ld->secs[i];
        if (name_index(section_kinds, N_SECTION_KINDS, s->kind) < 0) {
            err_at(ld, s->line, "unknown section [%s%s%s]", s->kind, s->id ? " " : "",
                   s->id ? s->id : "");
            continue;
        }
        if (!kind_has_id(s->kind)) {
            if (s->id)
                err_at(ld, s->line, "[%s] takes no id", s->kind);
            for (size_t k = 0; k < i; k++)
                if (strcmp(ld->secs[k].kind, s->kind) == 0)
                    err_at(ld, s->line, "[%s] appears twice (first on line %d)", s->kind,
                           ld->secs[k].line);
            continue;
        }
        if (!s->id) {
            err_at(ld, s->line, "[%s] needs an id, e.g. [%s my-id]", s->kind, s->kind);
            continue;
        }
        if (!mt_valid_id(s->id))
            err_at(ld, s->line, "id '%s' may hold only a-z, 0-9, '_' and '-'", s->id);
        for (size_t k = 0; k < i; k++)
            if (strcmp(ld->secs[k].kind, s->kind) == 0 && ld->secs[k].id &&
                strcmp(ld->secs[k].id, s->id) == 0) {
                err_at(ld, s->line, "duplicate %s id '%s' (first on line %d)", s->kind, s->id,
                       ld->secs[k].line);
                break;
            }
    }
}

static raw_section *find_raw(loader *ld, const char *kind)
{
    for (size_t i = 0; i < ld->nsecs; i++)
        if (strcmp(ld->secs[i].kind, kind) == 0)
            return &ld->secs[i];
    return NULL;
}

/* Builds every section of one kind, in file order, into arr[0..count). */
#define BUILD_ALL(ld, kindname, arr, count, fn)                              \
    do {                                                                     \
        size_t n_ = count_kind((ld), (kindname));                            \
        (arr) = calloc(n_ ? n_ : 1, sizeof *(arr));                          \
        if (!(arr)) {                                                        \
            (ld)->nomem = true;                                              \
            break;                                                           \
        }                                                                    \
        for (size_t i_ = 0; i_ < (ld)->nsecs; i_++) {                        \
            raw_section *s_ = &(ld)->secs[i_];                               \
            if (strcmp(s_->kind, (kindname)) != 0 || !s_->id)                \
                continue;                                                    \
            (arr)[(count)].id = mt_strdup(s_->id);                           \
            (arr)[(count)].line = s_->line;                                  \
            if (!(arr)[(count)].id)                                          \
                (ld)->nomem = true;                                          \
            (count)++;                                                       \
            fn((ld), s_, &(arr)[(count) - 1]);                               \
        }                                                                    \
    } while (0)

static bool item_loads_on(const mt_item *it, size_t c)
{
    for (size_t k = 0; k < it->nloads; k++)
        if (it->loads[k].construct == c)
            return true;
    return false;
}

static bool item_is_indicator(const mt_questionnaire *q, size_t item)
{
    for (size_t s = 0; s < q->nstages; s++)
        for (size_t k = 0; k < q->stages[s].nitems; k++)
            if (q->stages[s].items[k] == item)
                return true;
    return false;
}

static void check_constructs_have_items(loader *ld)
{
    const mt_questionnaire *q = ld->q;
    for (size_t c = 0; c < q->nconstructs; c++) {
        size_t n = 0;
        for (size_t i = 0; i < q->nitems; i++)
            n += item_loads_on(&q->items[i], c);
        if (n < 3)
            err_at(ld, q->constructs[c].line,
                   "construct '%s' has %zu item%s loading on it: at least 3 are needed for a "
                   "score to mean something", q->constructs[c].id, n, n == 1 ? "" : "s");
    }
}

static void check_items(loader *ld)
{
    const mt_questionnaire *q = ld->q;
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *it = &q->items[i];
        for (size_t o = 0; o < it->noptions; o++)
            for (size_t k = 0; k < it->options[o].nscores; k++)
                if (!item_loads_on(it, it->options[o].scores[k].construct))
                    err_at(ld, it->line, "option %zu of '%s' scores '%s', which is not in its 'loads'",
                           o + 1, it->id, q->constructs[it->options[o].scores[k].construct].id);
        if (it->type != MT_ITEM_TEXT && !it->nloads && !item_is_indicator(q, i))
            warn_at(ld, it->line, "item '%s' neither loads on a construct nor indicates a stage",
                    it->id);
        if (i > 0 && it->section < q->items[i - 1].section)
            warn_at(ld, it->line, "item '%s' of section '%s' comes after items of a later section: "
                    "items are asked in file order", it->id, q->sections[it->section].id);
    }
    if (q->nitems == 0)
        err_at(ld, 0, "the questionnaire has no items");
}

static void check_unknown_keys(loader *ld)
{
    for (size_t i = 0; i < ld->nsecs; i++) {
        raw_section *s = &ld->secs[i];
        if (name_index(section_kinds, N_SECTION_KINDS, s->kind) < 0)
            continue;
        for (size_t k = 0; k < s->nkvs; k++) {
            char b[128];
            if (!s->kvs[k].taken)
                err_at(ld, s->kvs[k].line, "unknown key '%s' in %s", s->kvs[k].key,
                       sec_label(s, b, sizeof b));
        }
    }
}

static void build_model(loader *ld)
{
    mt_questionnaire *q = ld->q;
    q->hybrid_margin = 5;
    q->min_coverage = 50;
    check_section_headers(ld);
    raw_section *head = find_raw(ld, "questionnaire");
    if (head) {
        build_header(ld, head);
    } else {
        err_at(ld, 1, "the file has no [questionnaire] section");
    }
    if (q->nlangs == 0)   /* keep checking the rest in the default language */
        q->languages[q->nlangs++] = mt_strdup("en");
    raw_section *cls = find_raw(ld, "classification");
    if (cls)
        build_classification(ld, cls);
    BUILD_ALL(ld, "bands", q->bandsets, q->nbandsets, build_bandset);
    BUILD_ALL(ld, "construct", q->constructs, q->nconstructs, build_construct);
    BUILD_ALL(ld, "scale", q->scales, q->nscales, build_scale);
    BUILD_ALL(ld, "section", q->sections, q->nsections, build_section);
    BUILD_ALL(ld, "item", q->items, q->nitems, build_item);
    BUILD_ALL(ld, "stage", q->stages, q->nstages, build_stage);
    BUILD_ALL(ld, "source", q->sources, q->nsources, build_source);
    BUILD_ALL(ld, "rule", q->rules, q->nrules, build_rule);
    check_constructs_have_items(ld);
    check_items(ld);
    check_unknown_keys(ld);
}

/* ---- an answers file where a questionnaire was expected ------------------ */

/* [meta] naming a questionnaire, [answers], and none of a questionnaire's
 * own sections: an answers file. Its [meta] section, or NULL. */
static const raw_section *answers_shape(loader *ld)
{
    raw_section *meta = find_raw(ld, "meta");
    if (!meta || !find_raw(ld, "answers") || find_raw(ld, "questionnaire") ||
        find_raw(ld, "item"))
        return NULL;
    for (size_t k = 0; k < meta->nkvs; k++)
        if (strcmp(meta->kvs[k].key, "questionnaire") == 0)
            return meta;
    return NULL;
}

bool questionnaire_file_is_answers(const char *path)
{
    char *text = NULL;
    size_t size = 0;
    mt_diags scratch;
    mt_diags_init(&scratch);
    loader ld = { .name = path, .diags = &scratch };
    mt_ini_callbacks cb = { .on_key = on_key, .on_section = on_section, .user = &ld };
    bool answers = mt_read_file(path, MT_MAX_INPUT_FILE, &text, &size, &scratch) == MT_OK &&
                   mt_ini_parse_buffer(path, text, size, &cb, &scratch) != MT_ERROR_NOMEM &&
                   !ld.nomem && answers_shape(&ld);
    raw_free(&ld);
    free(text);
    mt_diags_free(&scratch);
    return answers;
}

mt_error questionnaire_load_string(const char *name, const char *text, size_t size,
                                   mt_questionnaire **out, mt_diags *diags)
{
    *out = NULL;
    mt_questionnaire *q = calloc(1, sizeof *q);
    if (!q)
        return MT_ERROR_NOMEM;
    q->path = mt_strdup(name);
    snprintf(q->hash, sizeof q->hash, "%016llx",
             (unsigned long long)mt_fnv1a64(text, size, MT_FNV_SEED));
    loader ld = { .name = name, .diags = diags, .q = q };
    size_t errors_before = diags->errors;
    size_t first_diag = diags->count;
    mt_ini_callbacks cb = { .on_key = on_key, .on_section = on_section, .user = &ld };
    mt_error err = mt_ini_parse_buffer(name, text, size, &cb, diags);
    const raw_section *meta = err != MT_ERROR_NOMEM && !ld.nomem ? answers_shape(&ld) : NULL;
    if (meta)   /* one message, not one for each of its sections */
        err_at(&ld, meta->line, "this is an answers file, not a questionnaire");
    else if (err != MT_ERROR_NOMEM && !ld.nomem)
        build_model(&ld);
    raw_free(&ld);
    mt_diags_sort_from(diags, first_diag);
    if (err == MT_ERROR_NOMEM || ld.nomem || !q->path) {
        questionnaire_free(q);
        return MT_ERROR_NOMEM;
    }
    if (diags->errors > errors_before) {
        questionnaire_free(q);
        return MT_ERROR_QUESTIONNAIRE;
    }
    *out = q;
    return MT_OK;
}

mt_error questionnaire_load_file(const char *path, mt_questionnaire **out, mt_diags *diags)
{
    char *text = NULL;
    size_t size = 0;
    *out = NULL;
    mt_error err = mt_read_file(path, MT_MAX_INPUT_FILE, &text, &size, diags);
    if (err)
        return err;
    err = questionnaire_load_string(path, text, size, out, diags);
    free(text);
    return err;
}

/* ---- freeing ----------------------------------------------------------- */

static void free_item(mt_item *it)
{
    free(it->id);
    free_text(&it->text);
    free_text(&it->help);
    free_text(&it->unit);
    for (size_t o = 0; o < it->noptions; o++) {
        free_text(&it->options[o].label);
        free(it->options[o].scores);
    }
    free(it->options);
    free(it->bands);
    free(it->loads);
}

void questionnaire_free(mt_questionnaire *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->nscales; i++) {
        free(q->scales[i].id);
        for (int p = 0; q->scales[i].labels && p < q->scales[i].points; p++)
            free_text(&q->scales[i].labels[p]);
        free(q->scales[i].labels);
    }
    for (size_t i = 0; i < q->nsections; i++) {
        free(q->sections[i].id);
        free_text(&q->sections[i].title);
        free_text(&q->sections[i].intro);
    }
    for (size_t i = 0; i < q->nitems; i++)
        free_item(&q->items[i]);
    for (size_t i = 0; i < q->nbandsets; i++) {
        for (size_t b = 0; b < q->bandsets[i].nbands; b++) {
            free(q->bandsets[i].bands[b].id);
            free_text(&q->bandsets[i].bands[b].label);
        }
        free(q->bandsets[i].bands);
        free(q->bandsets[i].id);
    }
    for (size_t i = 0; i < q->nconstructs; i++) {
        free(q->constructs[i].id);
        free_text(&q->constructs[i].name);
        free_text(&q->constructs[i].description);
        free_text(&q->constructs[i].detail);
    }
    for (size_t i = 0; i < q->nstages; i++) {
        free(q->stages[i].id);
        free_text(&q->stages[i].name);
        free_text(&q->stages[i].description);
        free(q->stages[i].items);
    }
    for (size_t i = 0; i < q->nsources; i++) {
        free(q->sources[i].id);
        free_text(&q->sources[i].title);
        free_text(&q->sources[i].note);
    }
    for (size_t i = 0; i < q->nrules; i++) {
        free(q->rules[i].id);
        free(q->rules[i].clauses);
        free_text(&q->rules[i].title);
        free_text(&q->rules[i].text);
    }
    free(q->scales);
    free(q->sections);
    free(q->items);
    free(q->bandsets);
    free(q->constructs);
    free(q->stages);
    free(q->sources);
    free(q->rules);
    for (size_t i = 0; i < q->nlangs; i++)
        free(q->languages[i]);
    free_text(&q->title);
    free_text(&q->description);
    free(q->id);
    free(q->version);
    free(q->path);
    free(q);
}

/* ---- queries ------------------------------------------------------------- */

int questionnaire_lang_index(const mt_questionnaire *q, const char *code)
{
    if (!code)
        return -1;
    for (size_t i = 0; i < q->nlangs; i++)
        if (strcmp(q->languages[i], code) == 0)
            return (int)i;
    return -1;
}

const char *mt_text_get(const mt_text *t, int lang)
{
    if (lang >= 0 && lang < MT_MAX_LANGS && t->v[lang])
        return t->v[lang];
    if (t->v[0])
        return t->v[0];
    return "";
}

bool mt_text_empty(const mt_text *t)
{
    for (size_t i = 0; i < MT_MAX_LANGS; i++)
        if (t->v[i])
            return false;
    return true;
}

long questionnaire_find_item(const mt_questionnaire *q, const char *id)
{
    return INDEX_OF_ID(q->items, q->nitems, id);
}

long questionnaire_find_construct(const mt_questionnaire *q, const char *id)
{
    return INDEX_OF_ID(q->constructs, q->nconstructs, id);
}

long questionnaire_find_stage(const mt_questionnaire *q, const char *id)
{
    return INDEX_OF_ID(q->stages, q->nstages, id);
}

size_t questionnaire_band_of(const mt_questionnaire *q, size_t construct, double score)
{
    const mt_bandset *bs = &q->bandsets[q->constructs[construct].bandset];
    size_t band = 0;
    for (size_t b = 0; b < bs->nbands; b++)
        if (score >= bs->bands[b].min)
            band = b;
    return band;
}

const mt_band *questionnaire_band(const mt_questionnaire *q, size_t construct, size_t band)
{
    const mt_bandset *bs = &q->bandsets[q->constructs[construct].bandset];
    return band < bs->nbands ? &bs->bands[band] : NULL;
}

const char *mt_item_type_name(mt_item_type t)
{
    return (size_t)t < 5 ? item_type_names[t] : "?";
}

const char *mt_kind_name(mt_construct_kind k)
{
    return (size_t)k < 4 ? kind_names[k] : "?";
}

const char *mt_priority_name(mt_priority p)
{
    return (size_t)p < 3 ? priority_names[p] : "?";
}

const char *mt_horizon_name(mt_horizon h)
{
    return (size_t)h < 3 ? horizon_names[h] : "?";
}

int questionnaire_item_points(const mt_questionnaire *q, const mt_item *item)
{
    if (item->type == MT_ITEM_LIKERT)
        return q->nscales ? q->scales[item->scale].points : 0;
    if (item->type == MT_ITEM_CHOICE || item->type == MT_ITEM_MULTI)
        return (int)item->noptions;
    return 0;
}
