/*
 * import.c - the import map and the conversion of CSV rows to answer sets.
 * See documentation in header file; the map format is docs/import-format.md.
 *
 * Answers written by a web form are compared with the labels they may
 * stand for after normalising both: white space trimmed and collapsed,
 * ASCII letters in lower case, typographic quotes made straight. Forms and
 * spreadsheets change exactly these things (a Mac keyboard types "Don’t
 * know"), and none of them changes what a person chose.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/import.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/inifile.h"
#include "maturity/labels.h"
#include "maturity/util.h"

/* ------------------------------------------------------------ the map file */

typedef struct map_key {
    char *key;
    char *value;
    int line;
} map_key;

typedef struct map_section {
    char *kind;          /* "map", "meta", "item", "scale" */
    char *id;            /* NULL for [map] */
    int line;
    map_key *keys;
    size_t nkeys, cap;
} map_section;

/* A label a cell may hold and the value it stands for. */
#define VALUE_DONT_KNOW (-1L)
typedef struct label {
    char *norm;          /* normalised */
    long value;          /* a scale point or option number */
} label;

typedef struct labels {
    label *v;
    size_t n, cap;
} labels;

typedef enum date_order { DATE_YMD, DATE_DMY, DATE_MDY } date_order;

typedef struct target {
    const map_section *sec;
    bool is_meta;
    const char *field;   /* meta field name */
    long item;           /* index into q->items once bound */
    const map_key *column;        /* header text */
    const map_key *column_number;
    const map_key *value;         /* a fixed meta value */
    long col;            /* bound column (0-based), -1 for a fixed value */
    date_order order;    /* [meta date] */
    char *separator;     /* multi: normalised and trimmed */
    labels accepted;     /* bound: every label, in the order they are tried */
    labels dont_know;    /* bound: the labels meaning "don't know" */
} target;

struct mt_import_map {
    char *name;
    map_section *secs;
    size_t nsecs, cap;
    map_section *current;
    bool nomem;
    size_t errors;
    mt_diags *diags;
    /* [map] */
    const char *questionnaire;
    const char *version;
    const char *language;
    char delim;
    const map_key *separator;
    const map_key *dont_know;
    target *targets;
    size_t ntargets;
    /* bound */
    const mt_questionnaire *q;
    const mt_csv *csv;
    int lang;            /* default [meta] language */
    /* the header's cells normalised once: a wide header (thousands of
     * columns) against every mapped column would otherwise take minutes */
    char **header_norms;
    size_t nheader;
};

static void map_error(mt_import_map *m, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void map_error(mt_import_map *m, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mt_diags_vadd(m->diags, m->name, line, MT_SEV_ERROR, fmt, ap);
    va_end(ap);
    m->errors++;
}

/* Room for a "did you mean" after a message. */
typedef struct near_hint {
    char text[64 + MT_SUGGEST_MAX * 4];
} near_hint;

/* "; did you mean 'x'?" when word is a slip for one of candidates, else "". */
static const char *near(near_hint *h, const char *word, const char *const *candidates, size_t n)
{
    const char *found = mt_suggest(word, candidates, n);
    h->text[0] = '\0';
    if (found)
        snprintf(h->text, sizeof h->text, "; did you mean '%s'?", found);
    return h->text;
}

#define NEAR(h, word, list) near(h, word, list, sizeof list / sizeof list[0])

static void on_section(void *user, const char *section, int line)
{
    mt_import_map *m = user;
    if (!mt_grow((void **)&m->secs, &m->cap, m->nsecs + 1, sizeof *m->secs)) {
        m->nomem = true;
        m->current = NULL;
        return;
    }
    map_section *s = &m->secs[m->nsecs];
    memset(s, 0, sizeof *s);
    s->line = line;
    size_t kind_len = strcspn(section, " \t");
    const char *id = section + kind_len;
    while (*id == ' ' || *id == '\t')
        id++;
    s->kind = mt_strndup(section, kind_len);
    s->id = *id ? mt_strdup(id) : NULL;
    if (!s->kind || (*id && !s->id)) {
        free(s->kind);
        free(s->id);
        m->nomem = true;
        m->current = NULL;
        return;
    }
    m->nsecs++;
    m->current = s;
}

static int on_key(void *user, const char *section, const char *key, const char *value,
                  int line, int continuation)
{
    (void)section;
    mt_import_map *m = user;
    map_section *s = m->current;
    if (!s) {
        map_error(m, line, "'%s' is outside any section: start with [map]", key);
        return 1;
    }
    if (continuation && s->nkeys) {
        if (!mt_str_append(&s->keys[s->nkeys - 1].value, " ", value))
            m->nomem = true;
        return 1;
    }
    for (size_t i = 0; i < s->nkeys; i++) {
        if (strcmp(s->keys[i].key, key) == 0) {
            map_error(m, line, "duplicate key '%s' (first set on line %d)", key,
                      s->keys[i].line);
            return 1;
        }
    }
    if (!mt_grow((void **)&s->keys, &s->cap, s->nkeys + 1, sizeof *s->keys)) {
        m->nomem = true;
        return 1;
    }
    map_key *k = &s->keys[s->nkeys];
    k->key = mt_strdup(key);
    k->value = mt_strdup(value);
    k->line = line;
    if (!k->key || !k->value) {
        free(k->key);
        free(k->value);
        m->nomem = true;
        return 1;
    }
    s->nkeys++;
    return 1;
}

static const map_key *find_key(const map_section *s, const char *key)
{
    for (size_t i = 0; i < s->nkeys; i++)
        if (strcmp(s->keys[i].key, key) == 0)
            return &s->keys[i];
    return NULL;
}

/* ------------------------------------------------------------ normalising */

static bool is_hspace(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* The length of a typographic character at s that stands for a plain one,
 * and that character in *plain; 0 when there is none at s. */
static size_t typographic(const char *s, char *plain)
{
    static const struct { const char *utf8; char plain; } subs[] = {
        { "\xE2\x80\x98", '\'' }, { "\xE2\x80\x99", '\'' },   /* ‘ ’ */
        { "\xE2\x80\x9C", '"' }, { "\xE2\x80\x9D", '"' },     /* “ ” */
        { "\xC2\xA0", ' ' },                                  /* no-break space */
        { "\xD7\xB3", '\'' },                                 /* Hebrew geresh */
    };
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        size_t n = strlen(subs[i].utf8);
        if (strncmp(s, subs[i].utf8, n) == 0) {
            *plain = subs[i].plain;
            return n;
        }
    }
    return 0;
}

/* s with white space trimmed and collapsed and typographic quotes made
 * straight, ASCII letters in lower case when lower. With keep_newlines, a
 * line break stays (a multi-choice cell may list options one per line);
 * otherwise it is white space like any other. Caller frees. */
static char *fold(const char *s, bool keep_newlines, bool lower)
{
    char *r = malloc(strlen(s) + 1);
    if (!r)
        return NULL;
    size_t n = 0;
    bool space = false;
    for (const char *p = s; *p;) {
        char c = *p;
        size_t len = typographic(p, &c);
        p += len ? len : 1;
        if (c == '\n' && keep_newlines) {
            while (n > 0 && r[n - 1] == ' ')
                n--;
            r[n++] = '\n';
            space = false;
            continue;
        }
        if (is_hspace((unsigned char)c) || c == '\n') {
            space = n > 0 && r[n - 1] != '\n';
            continue;
        }
        if (space)
            r[n++] = ' ';
        space = false;
        r[n++] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    while (n > 0 && (r[n - 1] == ' ' || r[n - 1] == '\n'))
        n--;
    r[n] = '\0';
    return r;
}

/* The form labels are compared in. */
static char *normalise(const char *s, bool keep_newlines)
{
    return fold(s, keep_newlines, true);
}

static void labels_free(labels *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].norm);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static bool labels_add(labels *l, const char *text, long value)
{
    char *norm = normalise(text, false);
    if (!norm)
        return false;
    if (!*norm) {
        free(norm);
        return true;
    }
    if (!mt_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v)) {
        free(norm);
        return false;
    }
    l->v[l->n].norm = norm;
    l->v[l->n].value = value;
    l->n++;
    return true;
}

/* Adds every '|'-separated label of list, each standing for value. */
static bool labels_add_list(labels *l, const char *list, long value)
{
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, "|");
        char *one = mt_strndup(p, len);
        bool ok = one && labels_add(l, one, value);
        free(one);
        if (!ok)
            return false;
        if (!p[len])
            return true;
        p += len + 1;
    }
}

static const label *labels_find(const labels *l, const char *norm)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].norm, norm) == 0)
            return &l->v[i];
    return NULL;
}

/* -------------------------------------------------------- map structure */

static const char *const meta_fields[] = {
    "organisation", "respondent", "role", "date", "language", "assessor",
};

static bool known_meta(const char *field)
{
    for (size_t i = 0; i < sizeof meta_fields / sizeof meta_fields[0]; i++)
        if (strcmp(field, meta_fields[i]) == 0)
            return true;
    return false;
}

/* A key naming a value: digits only, "1" to "64". */
static bool value_key(const char *key, long *out)
{
    if (!*key || strlen(key) > 2)
        return false;
    for (const char *p = key; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return mt_parse_int(key, out) && *out >= 1 && *out <= MT_MAX_OPTIONS;
}

static bool parse_delimiter(const char *v, char *out)
{
    static const struct { const char *name; char c; } names[] = {
        { "comma", ',' }, { ",", ',' }, { "semicolon", ';' }, { "tab", '\t' },
        { "pipe", '|' },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(v, names[i].name) == 0) {
            *out = names[i].c;
            return true;
        }
    }
    return false;
}

/* A multi-choice separator: a name, or a literal in double quotes. */
static char *parse_separator(const char *v)
{
    static const struct { const char *name; const char *sep; } names[] = {
        { "comma", "," }, { "semicolon", ";" }, { "pipe", "|" }, { "newline", "\n" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(v, names[i].name) == 0)
            return mt_strdup(names[i].sep);
    size_t n = strlen(v);
    if (n < 3 || v[0] != '"' || v[n - 1] != '"')
        return NULL;
    char *lit = mt_strndup(v + 1, n - 2);
    if (!lit)
        return NULL;
    char *norm = normalise(lit, true);
    free(lit);
    if (norm && !*norm) {
        free(norm);
        return NULL;   /* only white space: it would match between any two words */
    }
    return norm;
}

static bool parse_date_order(const char *v, date_order *out)
{
    if (strcmp(v, "ymd") == 0)
        *out = DATE_YMD;
    else if (strcmp(v, "dmy") == 0)
        *out = DATE_DMY;
    else if (strcmp(v, "mdy") == 0)
        *out = DATE_MDY;
    else
        return false;
    return true;
}

static void check_map_section(mt_import_map *m, const map_section *s)
{
    static const char *const keys[] = {
        "questionnaire", "version", "language", "delimiter", "separator", "dont_know",
    };
    static const char *const delimiters[] = { "comma", "semicolon", "tab", "pipe" };
    static const char *const separators[] = { "comma", "semicolon", "pipe", "newline" };
    near_hint h;
    for (size_t i = 0; i < s->nkeys; i++) {
        const map_key *k = &s->keys[i];
        if (strcmp(k->key, "questionnaire") == 0) {
            m->questionnaire = k->value;
        } else if (strcmp(k->key, "version") == 0) {
            m->version = k->value;
        } else if (strcmp(k->key, "language") == 0) {
            m->language = k->value;
        } else if (strcmp(k->key, "delimiter") == 0) {
            if (!parse_delimiter(k->value, &m->delim))
                map_error(m, k->line, "delimiter '%s' is not comma, semicolon, tab or pipe%s",
                          k->value, NEAR(&h, k->value, delimiters));
        } else if (strcmp(k->key, "separator") == 0) {
            char *sep = parse_separator(k->value);
            if (!sep)
                map_error(m, k->line, "separator '%s' is not comma, semicolon, pipe, newline "
                          "or a text in double quotes such as \", \"%s", k->value,
                          NEAR(&h, k->value, separators));
            free(sep);
            m->separator = k;
        } else if (strcmp(k->key, "dont_know") == 0) {
            m->dont_know = k;
        } else {
            map_error(m, k->line, "unknown key '%s' in [map] (questionnaire, version, "
                      "language, delimiter, separator, dont_know)%s", k->key,
                      NEAR(&h, k->key, keys));
        }
    }
}

static bool add_target(mt_import_map *m, const map_section *s, bool is_meta, size_t *cap)
{
    if (!mt_grow((void **)&m->targets, cap, m->ntargets + 1, sizeof *m->targets))
        return false;
    target *t = &m->targets[m->ntargets++];
    memset(t, 0, sizeof *t);
    t->sec = s;
    t->is_meta = is_meta;
    t->field = s->id;
    t->item = -1;
    t->col = -1;
    return true;
}

/* Where a target's answers come from: exactly one of column, column_number
 * and (for [meta] only) value. */
static void check_source(mt_import_map *m, target *t)
{
    const map_section *s = t->sec;
    t->column = find_key(s, "column");
    t->column_number = find_key(s, "column_number");
    t->value = t->is_meta ? find_key(s, "value") : NULL;
    int given = (t->column != NULL) + (t->column_number != NULL) + (t->value != NULL);
    if (given == 0)
        map_error(m, s->line, "[%s %s] names no column: give column = HEADER TEXT or "
                  "column_number = N%s", s->kind, s->id, t->is_meta ? " (or value = TEXT)" : "");
    else if (given > 1)
        map_error(m, s->line, "[%s %s] gives more than one of column, column_number%s",
                  s->kind, s->id, t->is_meta ? " and value" : "");
    long n;
    if (t->column_number && (!mt_parse_int(t->column_number->value, &n) || n < 1 ||
                             n > (long)MT_CSV_MAX_FIELDS))
        map_error(m, t->column_number->line, "column_number '%s' is not a column number 1..%u",
                  t->column_number->value, MT_CSV_MAX_FIELDS);
    if (t->column && !*t->column->value)
        map_error(m, t->column->line, "column is empty: give the header text");
}

static void check_meta_section(mt_import_map *m, target *t)
{
    static const char *const keys[] = { "column", "column_number", "value", "format" };
    static const char *const orders[] = { "ymd", "dmy", "mdy" };
    const map_section *s = t->sec;
    bool is_date = strcmp(s->id, "date") == 0;
    near_hint h;
    if (!known_meta(s->id))
        map_error(m, s->line, "unknown meta field '%s' (organisation, respondent, role, date, "
                  "language, assessor)%s", s->id, NEAR(&h, s->id, meta_fields));
    check_source(m, t);
    for (size_t i = 0; i < s->nkeys; i++) {
        const map_key *k = &s->keys[i];
        if (strcmp(k->key, "column") == 0 || strcmp(k->key, "column_number") == 0 ||
            strcmp(k->key, "value") == 0)
            continue;
        if (strcmp(k->key, "format") == 0 && is_date) {
            if (!parse_date_order(k->value, &t->order))
                map_error(m, k->line, "date format '%s' is not ymd, dmy or mdy%s", k->value,
                          NEAR(&h, k->value, orders));
            continue;
        }
        map_error(m, k->line, "unknown key '%s' in [meta %s] (column, column_number, value%s)%s",
                  k->key, s->id, is_date ? ", format" : "",
                  near(&h, k->key, keys, is_date ? 4 : 3));
    }
}

static void check_item_section(mt_import_map *m, target *t)
{
    static const char *const keys[] = { "column", "column_number", "separator", "dont_know" };
    static const char *const separators[] = { "comma", "semicolon", "pipe", "newline" };
    const map_section *s = t->sec;
    near_hint h;
    check_source(m, t);
    for (size_t i = 0; i < s->nkeys; i++) {
        const map_key *k = &s->keys[i];
        long n;
        if (strcmp(k->key, "column") == 0 || strcmp(k->key, "column_number") == 0 ||
            strcmp(k->key, "dont_know") == 0 || value_key(k->key, &n))
            continue;
        if (strcmp(k->key, "separator") == 0) {
            free(t->separator);
            t->separator = parse_separator(k->value);
            if (!t->separator)
                map_error(m, k->line, "separator '%s' is not comma, semicolon, pipe, newline "
                          "or a text in double quotes such as \", \"%s", k->value,
                          NEAR(&h, k->value, separators));
            continue;
        }
        map_error(m, k->line, "unknown key '%s' in [item %s] (column, column_number, "
                  "separator, dont_know, or a value number such as 5 = LABEL | LABEL)%s",
                  k->key, s->id, NEAR(&h, k->key, keys));
    }
}

static void check_scale_section(mt_import_map *m, const map_section *s)
{
    for (size_t i = 0; i < s->nkeys; i++) {
        long n;
        if (!value_key(s->keys[i].key, &n))
            map_error(m, s->keys[i].line, "unknown key '%s' in [scale %s] (a scale point "
                      "such as 5 = LABEL | LABEL)", s->keys[i].key, s->id);
    }
}

static bool duplicate_section(mt_import_map *m, size_t i)
{
    const map_section *s = &m->secs[i];
    for (size_t j = 0; j < i; j++) {
        const map_section *o = &m->secs[j];
        if (strcmp(o->kind, s->kind) == 0 &&
            ((!o->id && !s->id) || (o->id && s->id && strcmp(o->id, s->id) == 0))) {
            map_error(m, s->line, "[%s%s%s] is given twice (first on line %d)", s->kind,
                      s->id ? " " : "", s->id ? s->id : "", o->line);
            return true;
        }
    }
    return false;
}

static void check_structure(mt_import_map *m)
{
    size_t cap = 0, items = 0;
    for (size_t i = 0; i < m->nsecs && !m->nomem; i++) {
        map_section *s = &m->secs[i];
        bool wants_id = strcmp(s->kind, "map") != 0;
        if (duplicate_section(m, i))
            continue;
        if (strcmp(s->kind, "map") == 0 && s->id) {
            map_error(m, s->line, "[map] takes no name");
        } else if (wants_id && !s->id &&
                   (!strcmp(s->kind, "meta") || !strcmp(s->kind, "item") ||
                    !strcmp(s->kind, "scale"))) {
            map_error(m, s->line, "[%s] needs a name, e.g. [%s %s]", s->kind, s->kind,
                      strcmp(s->kind, "meta") == 0 ? "organisation" : "ID");
        } else if (strcmp(s->kind, "map") == 0) {
            check_map_section(m, s);
        } else if (strcmp(s->kind, "meta") == 0 || strcmp(s->kind, "item") == 0) {
            bool is_meta = s->kind[1] == 'e';
            if (!add_target(m, s, is_meta, &cap)) {
                m->nomem = true;
                return;
            }
            target *t = &m->targets[m->ntargets - 1];
            if (is_meta)
                check_meta_section(m, t);
            else {
                check_item_section(m, t);
                items++;
            }
        } else if (strcmp(s->kind, "scale") == 0) {
            check_scale_section(m, s);
        } else {
            static const char *const kinds[] = { "map", "meta", "item", "scale" };
            near_hint h;
            map_error(m, s->line, "unknown section [%s] (map, meta, item, scale)%s", s->kind,
                      NEAR(&h, s->kind, kinds));
        }
    }
    if (!m->nomem && items == 0)
        map_error(m, 0, "the map names no item: add an [item ID] section with the column "
                  "that holds its answers");
}

mt_error import_map_load_string(const char *name, const char *text, size_t size,
                                mt_import_map **out, mt_diags *diags)
{
    *out = NULL;
    mt_import_map *m = calloc(1, sizeof *m);
    if (!m || !(m->name = mt_strdup(name ? name : ""))) {
        free(m);
        return MT_ERROR_NOMEM;
    }
    m->diags = diags;
    m->delim = ',';
    mt_ini_callbacks cb = { .on_key = on_key, .on_section = on_section, .user = m };
    mt_error err = mt_ini_parse_buffer(name, text, size, &cb, diags);
    if (err == MT_OK && !m->nomem)
        check_structure(m);
    if (err == MT_OK && m->nomem)
        err = MT_ERROR_NOMEM;
    if (err == MT_OK && m->errors)
        err = MT_ERROR_ANSWERS;
    m->diags = NULL;
    if (err != MT_OK) {
        import_map_free(m);
        return err;
    }
    *out = m;
    return MT_OK;
}

mt_error import_map_load_file(const char *path, mt_import_map **out, mt_diags *diags)
{
    *out = NULL;
    char *text;
    size_t size;
    mt_error err = mt_read_file(path, MT_IMPORT_MAX_MAP, &text, &size, diags);
    if (err != MT_OK)
        return err;
    err = import_map_load_string(path, text, size, out, diags);
    free(text);
    return err;
}

static void free_header_norms(mt_import_map *m)
{
    for (size_t c = 0; c < m->nheader; c++)
        free(m->header_norms[c]);
    free(m->header_norms);
    m->header_norms = NULL;
    m->nheader = 0;
}

void import_map_free(mt_import_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->ntargets; i++) {
        free(m->targets[i].separator);
        labels_free(&m->targets[i].accepted);
        labels_free(&m->targets[i].dont_know);
    }
    free(m->targets);
    free_header_norms(m);
    for (size_t i = 0; i < m->nsecs; i++) {
        for (size_t k = 0; k < m->secs[i].nkeys; k++) {
            free(m->secs[i].keys[k].key);
            free(m->secs[i].keys[k].value);
        }
        free(m->secs[i].keys);
        free(m->secs[i].kind);
        free(m->secs[i].id);
    }
    free(m->secs);
    free(m->name);
    free(m);
}

const char *import_map_questionnaire(const mt_import_map *m)
{
    return m->questionnaire;
}

char import_map_delimiter(const mt_import_map *m)
{
    return m->delim;
}

/* ---------------------------------------------------------------- binding */

static const map_section *find_section(const mt_import_map *m, const char *kind, const char *id)
{
    for (size_t i = 0; i < m->nsecs; i++)
        if (strcmp(m->secs[i].kind, kind) == 0 && m->secs[i].id &&
            strcmp(m->secs[i].id, id) == 0)
            return &m->secs[i];
    return NULL;
}

/* The "N = LABEL | LABEL" keys of a section, checked against max. */
static bool add_value_keys(mt_import_map *m, const map_section *s, long max, const char *what,
                           labels *to)
{
    for (size_t i = 0; s && i < s->nkeys; i++) {
        long n;
        if (!value_key(s->keys[i].key, &n))
            continue;
        if (n > max) {
            map_error(m, s->keys[i].line, "%ld is not %s 1..%ld", n, what, max);
            continue;
        }
        if (!labels_add_list(to, s->keys[i].value, n))
            return false;
    }
    return true;
}

/* Every label the item's answers may be written as, in the order tried:
 * the map's own for the item, then for its scale, then the
 * questionnaire's labels in each of its languages. */
static bool bind_labels(mt_import_map *m, target *t, const mt_item *item)
{
    const mt_questionnaire *q = m->q;
    labels *l = &t->accepted;
    if (item->type == MT_ITEM_LIKERT) {
        const mt_scale *sc = &q->scales[item->scale];
        if (!add_value_keys(m, t->sec, sc->points, "a point of the scale", l) ||
            !add_value_keys(m, find_section(m, "scale", sc->id), sc->points,
                            "a point of the scale", l))
            return false;
        for (size_t lang = 0; lang < q->nlangs; lang++)
            for (int p = 0; p < sc->points; p++)
                if (sc->labels[p].v[lang] && !labels_add(l, sc->labels[p].v[lang], p + 1))
                    return false;
        return true;
    }
    if (item->type == MT_ITEM_CHOICE || item->type == MT_ITEM_MULTI) {
        if (!add_value_keys(m, t->sec, (long)item->noptions, "an option of the item", l))
            return false;
        for (size_t lang = 0; lang < q->nlangs; lang++)
            for (size_t o = 0; o < item->noptions; o++)
                if (item->options[o].label.v[lang] &&
                    !labels_add(l, item->options[o].label.v[lang], (long)o + 1))
                    return false;
        return true;
    }
    for (size_t i = 0; i < t->sec->nkeys; i++) {
        long n;
        if (value_key(t->sec->keys[i].key, &n))
            map_error(m, t->sec->keys[i].line, "item %s is a %s item: its answers have no "
                      "labels to map", item->id, mt_item_type_name(item->type));
    }
    return true;
}

/* "Don't know": the item's own labels, else the map's, and always the
 * tool's own words in each language and "dk". */
static bool bind_dont_know(mt_import_map *m, target *t)
{
    labels *l = &t->dont_know;
    const map_key *own = find_key(t->sec, "dont_know");
    if (!own)
        own = m->dont_know;
    if (own && !labels_add_list(l, own->value, VALUE_DONT_KNOW))
        return false;
    if (!labels_add(l, MT_DONT_KNOW, VALUE_DONT_KNOW))
        return false;
    for (size_t i = 0; i < m->q->nlangs; i++)
        if (!labels_add(l, mt_label(m->q->languages[i], "common.dont_know"), VALUE_DONT_KNOW))
            return false;
    return true;
}

/* The item of q nearest to a mistyped id, as near() says it. */
static const char *near_item(near_hint *h, const mt_questionnaire *q, const char *id)
{
    const char **ids = calloc(q->nitems + 1, sizeof *ids);
    for (size_t i = 0; ids && i < q->nitems; i++)
        ids[i] = q->items[i].id;
    near(h, id, ids, ids ? q->nitems : 0);
    free(ids);
    return h->text;
}

static const char *near_scale(near_hint *h, const mt_questionnaire *q, const char *id)
{
    const char **ids = calloc(q->nscales + 1, sizeof *ids);
    for (size_t i = 0; ids && i < q->nscales; i++)
        ids[i] = q->scales[i].id;
    near(h, id, ids, ids ? q->nscales : 0);
    free(ids);
    return h->text;
}

static bool bind_item(mt_import_map *m, target *t)
{
    long i = questionnaire_find_item(m->q, t->sec->id);
    if (i < 0) {
        near_hint h;
        map_error(m, t->sec->line, "questionnaire %s has no item '%s'%s", m->q->id, t->sec->id,
                  near_item(&h, m->q, t->sec->id));
        return true;
    }
    t->item = i;
    const mt_item *item = &m->q->items[i];
    const map_key *sep = find_key(t->sec, "separator");
    if (sep && item->type != MT_ITEM_MULTI)
        map_error(m, sep->line, "separator is only for multi-choice items; %s is a %s item",
                  item->id, mt_item_type_name(item->type));
    if (item->type == MT_ITEM_MULTI && !t->separator) {
        t->separator = m->separator ? parse_separator(m->separator->value) : mt_strdup(",");
        if (!t->separator)
            return false;
    }
    return bind_labels(m, t, item) && bind_dont_know(m, t);
}

static void bind_scales(mt_import_map *m)
{
    for (size_t i = 0; i < m->nsecs; i++) {
        const map_section *s = &m->secs[i];
        if (strcmp(s->kind, "scale") != 0 || !s->id)
            continue;
        bool found = false;
        for (size_t k = 0; k < m->q->nscales; k++)
            found = found || strcmp(m->q->scales[k].id, s->id) == 0;
        near_hint h;
        if (!found)
            map_error(m, s->line, "questionnaire %s has no scale '%s'%s", m->q->id, s->id,
                      near_scale(&h, m->q, s->id));
    }
}

/* A header for messages: the first 40 characters of its text. */
static char *short_header(const char *text)
{
    char *norm = fold(text, false, false);
    if (!norm)
        return NULL;
    if (mt_utf8_len(norm) <= 40)
        return norm;
    size_t cut = 0;
    for (size_t chars = 0; chars < 40 && norm[cut]; chars++) {
        cut++;
        while (((unsigned char)norm[cut] & 0xC0) == 0x80)
            cut++;
    }
    char *r = mt_asprintf("%.*s...", (int)cut, norm);
    free(norm);
    return r;
}

/* The header nearest to a column that is not there, as it is written in
 * the CSV: '; did you mean "Organisation"?', or "" (also without memory:
 * the hint is a courtesy). Headers are compared as cells are. */
static const char *near_column(near_hint *h, const mt_import_map *m, const char *want)
{
    const mt_csv_row *header = &m->csv->rows[0];
    char **norms = m->header_norms;
    h->text[0] = '\0';
    const char *found = mt_suggest(want, (const char *const *)norms, m->nheader);
    for (size_t c = 0; found && c < m->nheader; c++) {
        if (norms[c] != found)
            continue;
        char *shown = short_header(header->fields[c]);
        if (shown)
            snprintf(h->text, sizeof h->text, "; did you mean \"%s\"?", shown);
        free(shown);
    }
    return h->text;
}

static bool normalise_header(mt_import_map *m)
{
    free_header_norms(m);
    const mt_csv_row *header = &m->csv->rows[0];
    m->header_norms = calloc(header->nfields + 1, sizeof *m->header_norms);
    if (!m->header_norms)
        return false;
    m->nheader = header->nfields;
    for (size_t c = 0; c < header->nfields; c++)
        if (!(m->header_norms[c] = normalise(header->fields[c], false)))
            return false;
    return true;
}

static bool bind_column(mt_import_map *m, target *t)
{
    const mt_csv_row *header = &m->csv->rows[0];
    if (t->column_number) {
        long n = 0;
        mt_parse_int(t->column_number->value, &n);
        if ((size_t)n > header->nfields)
            map_error(m, t->column_number->line, "column_number %ld is past the last column "
                      "of %s (it has %zu)", n, m->csv->name, header->nfields);
        t->col = n - 1;
        return true;
    }
    if (!t->column)
        return true;
    char *want = normalise(t->column->value, false);
    if (!want)
        return false;
    size_t found = 0;
    for (size_t c = 0; c < m->nheader; c++)
        if (strcmp(m->header_norms[c], want) == 0 && found++ == 0)
            t->col = (long)c;
    near_hint h;
    if (found == 0)
        map_error(m, t->column->line, "no column \"%s\" in the header of %s%s",
                  t->column->value, m->csv->name, near_column(&h, m, want));
    else if (found > 1)
        map_error(m, t->column->line, "the header of %s has %zu columns \"%s\": give "
                  "column_number instead", m->csv->name, found, t->column->value);
    free(want);
    return true;
}

static bool bind_identity(mt_import_map *m, mt_diags *diags, mt_error *err)
{
    const mt_questionnaire *q = m->q;
    if (m->questionnaire && strcmp(m->questionnaire, q->id) != 0) {
        mt_diags_add(diags, m->name, 0, MT_SEV_ERROR, "the map is for questionnaire '%s', "
                     "not '%s' (%s)", m->questionnaire, q->id, q->path ? q->path : "");
        *err = MT_ERROR_MISMATCH;
        return false;
    }
    if (m->version && strcmp(m->version, q->version) != 0) {
        mt_diags_add(diags, m->name, 0, MT_SEV_ERROR, "the map is for version %s of %s, "
                     "not version %s", m->version, q->id, q->version);
        *err = MT_ERROR_MISMATCH;
        return false;
    }
    m->lang = 0;
    if (m->language) {
        int l = questionnaire_lang_index(q, m->language);
        if (l < 0)
            map_error(m, 0, "language '%s' is not a language of questionnaire %s",
                      m->language, q->id);
        else
            m->lang = l;
    }
    return true;
}

mt_error import_bind(mt_import_map *m, const mt_questionnaire *q, const mt_csv *csv,
                     mt_diags *diags)
{
    m->q = q;
    m->csv = csv;
    m->diags = diags;
    m->errors = 0;
    mt_error err = MT_OK;
    bool ok = bind_identity(m, diags, &err);
    if (!ok) {
        m->diags = NULL;
        return err;
    }
    bind_scales(m);
    ok = normalise_header(m);
    for (size_t i = 0; ok && i < m->ntargets; i++) {
        target *t = &m->targets[i];
        ok = (t->is_meta || bind_item(m, t)) && bind_column(m, t);
    }
    m->diags = NULL;
    if (!ok)
        return MT_ERROR_NOMEM;
    return m->errors ? MT_ERROR_ANSWERS : MT_OK;
}

/* ------------------------------------------------------------------- rows */

typedef struct row_ctx {
    const mt_import_map *m;
    const mt_csv_row *r;
    char *where;         /* "file.csv:row N (line L)" */
    mt_diags *diags;
    size_t errors;
    bool nomem;
} row_ctx;

static char *column_name(const mt_import_map *m, long col)
{
    const mt_csv_row *header = &m->csv->rows[0];
    const char *text = col >= 0 ? csv_field(header, (size_t)col) : "";
    char *shown = short_header(text);
    char *r = NULL;
    if (shown && *shown)
        r = mt_asprintf("column \"%s\"", shown);
    else if (shown)
        r = mt_asprintf("column %ld", col + 1);
    free(shown);
    return r;
}

static void row_error(row_ctx *c, long col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void row_error(row_ctx *c, long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *name = col >= 0 ? column_name(c->m, col) : mt_strdup("");
    if (!name) {
        c->nomem = true;
        return;
    }
    mt_diags_add(c->diags, c->where, 0, MT_SEV_ERROR, "%s%s%s", name, *name ? ": " : "", msg);
    free(name);
    c->errors++;
}

/* A cell as shown in a message: on one line, at most 60 characters. */
static void quote_cell(const char *cell, char *buf, size_t size)
{
    char *shown = short_header(cell);
    snprintf(buf, size, "%s", shown ? shown : "");
    free(shown);
}

static const char *item_kind(const mt_item *item)
{
    return item->type == MT_ITEM_LIKERT ? "a label of the scale" : "an option of the item";
}

/* What the item's answers may be, for a message: a scale's labels in the
 * first language, or the range of option numbers. Caller frees. */
static char *value_hint(const mt_questionnaire *q, const mt_item *item)
{
    long max = questionnaire_item_points(q, item);
    if (item->type != MT_ITEM_LIKERT)
        return mt_asprintf("item %s: an option's text or its number 1..%ld", item->id, max);
    char *r = mt_asprintf("item %s: ", item->id);
    const mt_scale *sc = &q->scales[item->scale];
    for (int p = 0; r && p < sc->points; p++)
        if (!mt_str_append(&r, p ? " | " : "", mt_text_get(&sc->labels[p], 0))) {
            free(r);
            r = NULL;
        }
    char *tail = r ? mt_asprintf("%s, or 1..%ld", r, max) : NULL;
    free(r);
    return tail;
}

/* A whole number from 1 to max, written with digits only. */
static bool small_number(const char *s, long max, long *out)
{
    if (!*s || strlen(s) > 3)
        return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return mt_parse_int(s, out) && *out >= 1 && *out <= max;
}

static bool one_value(const target *t, const mt_item *item, long max, const char *norm,
                      long *out)
{
    (void)item;
    const label *l = labels_find(&t->accepted, norm);
    if (l) {
        *out = l->value;
        return true;
    }
    return small_number(norm, max, out);
}

/* The longest label that norm starts with, ending at the end of norm or
 * at the separator: an option label may itself hold a comma. */
static size_t match_option(const target *t, const char *s, long max, long *value)
{
    size_t best = 0;
    size_t seplen = strlen(t->separator);
    for (size_t i = 0; i < t->accepted.n; i++) {
        const char *l = t->accepted.v[i].norm;
        size_t n = strlen(l);
        if (n <= best || strncmp(s, l, n) != 0)
            continue;
        const char *rest = s + n;
        while (*rest == ' ')
            rest++;
        if (*rest && strncmp(rest, t->separator, seplen) != 0)
            continue;
        best = n;
        *value = t->accepted.v[i].value;
    }
    if (best)
        return best;
    size_t n = strcspn(s, t->separator);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    char *piece = mt_strndup(s, n);
    bool ok = piece && small_number(piece, max, value);
    free(piece);
    return ok ? n : 0;
}

static bool parse_multi_cell(row_ctx *c, const target *t, const mt_item *item,
                             const char *cell, const char *norm, uint64_t *mask)
{
    long max = (long)item->noptions;
    size_t seplen = strlen(t->separator);
    const char *s = norm;
    *mask = 0;
    while (*s) {
        long v = 0;
        size_t n = match_option(t, s, max, &v);
        if (n == 0) {
            /* the same text before lower-casing: the offsets are the same */
            char *as_typed = fold(cell, true, false);
            size_t len = strcspn(s, t->separator);
            char *piece = as_typed ? mt_strndup(as_typed + (s - norm), len) : NULL;
            free(as_typed);
            char shown[256];
            quote_cell(piece ? piece : "", shown, sizeof shown);
            free(piece);
            row_error(c, t->col, "\"%s\" is not an option of item %s", shown, item->id);
            return false;
        }
        *mask |= UINT64_C(1) << (v - 1);
        s += n;
        while (*s == ' ')
            s++;
        if (strncmp(s, t->separator, seplen) == 0)
            s += seplen;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    return true;
}

static bool parse_item_cell(row_ctx *c, const target *t, const mt_item *item, const char *cell,
                            mt_answer *ans)
{
    char shown[256];
    char *norm = normalise(cell, item->type == MT_ITEM_MULTI);
    if (!norm) {
        c->nomem = true;
        return false;
    }
    bool ok = true;
    long v = 0;
    if (!*norm) {
        ans->state = MT_ANSWER_NONE;
    } else if (item->type != MT_ITEM_TEXT && labels_find(&t->dont_know, norm)) {
        if (!(ok = item->dont_know))
            row_error(c, t->col, "\"don't know\" is not offered for item %s", item->id);
        ans->state = MT_ANSWER_DONT_KNOW;
    } else if (item->type == MT_ITEM_LIKERT || item->type == MT_ITEM_CHOICE) {
        long max = questionnaire_item_points(c->m->q, item);
        if ((ok = one_value(t, item, max, norm, &v))) {
            ans->state = MT_ANSWER_VALUE;
            ans->value = v;
        } else {
            quote_cell(cell, shown, sizeof shown);
            char *hint = value_hint(c->m->q, item);
            row_error(c, t->col, "\"%s\" is not %s %s (%s)", shown, item_kind(item),
                      item->type == MT_ITEM_LIKERT ? c->m->q->scales[item->scale].id : item->id,
                      hint ? hint : "");
            free(hint);
        }
    } else if (item->type == MT_ITEM_MULTI) {
        if ((ok = parse_multi_cell(c, t, item, cell, norm, &ans->mask)))
            ans->state = MT_ANSWER_VALUE;
    } else if (item->type == MT_ITEM_NUMBER) {
        char why[256];
        if (!(ok = answers_parse_value(c->m->q, item, norm, ans, why, sizeof why)))
            row_error(c, t->col, "item %s: %s", item->id, why);
    } else {
        free(ans->text);
        ans->text = mt_strdup(cell);
        ans->state = MT_ANSWER_VALUE;
        ok = ans->text != NULL;
        c->nomem = c->nomem || !ok;
    }
    free(norm);
    return ok;
}

static int days_in_month(int y, int mo)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mo == 2 && leap ? 29 : days[mo - 1];
}

/* The first three numbers of a timestamp such as "2024/11/30 10:15:22",
 * "30/11/2024 10:15" or "2024-11-30T10:15:22Z", as YYYY-MM-DD. A first
 * number of four digits is always a year. */
static bool parse_date(const char *s, date_order order, char out[16])
{
    long part[3];
    int width[3];
    const char *p = s;
    while (*p == ' ')
        p++;
    for (int i = 0; i < 3; i++) {
        if (i > 0) {
            if (*p != '/' && *p != '-' && *p != '.')
                return false;
            p++;
        }
        const char *start = p;
        part[i] = 0;
        while (isdigit((unsigned char)*p) && p - start < 4)
            part[i] = part[i] * 10 + (*p++ - '0');
        width[i] = (int)(p - start);
        if (width[i] == 0 || isdigit((unsigned char)*p))
            return false;
    }
    long y, mo, d;
    if (width[0] == 4 || order == DATE_YMD) {
        y = part[0], mo = part[1], d = part[2];
    } else if (order == DATE_DMY) {
        d = part[0], mo = part[1], y = part[2];
    } else {
        mo = part[0], d = part[1], y = part[2];
    }
    if (y < 100)
        y += 2000;
    if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month((int)y, (int)mo))
        return false;
    snprintf(out, 16, "%04d-%02d-%02d", (int)y % 10000, (int)mo % 100, (int)d % 100);
    return true;
}

static const char *date_order_name(date_order o)
{
    return o == DATE_DMY ? "dmy" : o == DATE_MDY ? "mdy" : "ymd";
}

static char *trimmed(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return mt_strndup(s, n);
}

static void take_meta(row_ctx *c, const target *t, const char *cell, mt_answers *a)
{
    char *v = trimmed(cell);
    char date[16];
    char shown[256];
    if (!v) {
        c->nomem = true;
        return;
    }
    if (!*v) {
        free(v);
        return;
    }
    const char *value = v;
    if (strcmp(t->field, "date") == 0) {
        if (!parse_date(v, t->order, date)) {
            quote_cell(v, shown, sizeof shown);
            row_error(c, t->col, "\"%s\" is not a date (read as %s; set format in [meta date])",
                      shown, date_order_name(t->order));
        }
        value = date;
    } else if (strcmp(t->field, "language") == 0 &&
               questionnaire_lang_index(c->m->q, v) < 0) {
        quote_cell(v, shown, sizeof shown);
        row_error(c, t->col, "\"%s\" is not a language of questionnaire %s", shown,
                  c->m->q->id);
    }
    if (!c->errors && !answers_set_meta(a, t->field, value))
        c->nomem = true;
    free(v);
}

static void fill_row(row_ctx *c, mt_answers *a)
{
    const mt_import_map *m = c->m;
    if (!answers_set_meta(a, "language", m->q->languages[m->lang])) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i < m->ntargets && !c->nomem; i++) {
        const target *t = &m->targets[i];
        const char *cell = t->value ? t->value->value : csv_field(c->r, (size_t)t->col);
        if (t->is_meta)
            take_meta(c, t, cell, a);
        else
            parse_item_cell(c, t, &m->q->items[t->item], cell, &a->items[t->item]);
    }
    size_t width = m->csv->rows[0].nfields;
    for (size_t col = width; col < c->r->nfields; col++) {
        if (*c->r->fields[col]) {
            row_error(c, -1, "the row has %zu fields but the header names %zu columns "
                      "(a comma in an answer needs the answer in double quotes)",
                      c->r->nfields, width);
            break;
        }
    }
}

/* Writes a and reads it back: what is imported must load as any answers file. */
static void check_round_trip(row_ctx *c, const mt_answers *a)
{
    char *text;
    if (answers_to_string(a, &text) != MT_OK) {
        c->nomem = true;
        return;
    }
    mt_diags d;
    mt_diags_init(&d);
    mt_answers *back = NULL;
    mt_error err = answers_load_string(c->m->q, c->where, text, strlen(text), &back, &d);
    if (err == MT_ERROR_NOMEM)
        c->nomem = true;
    else if (err != MT_OK || d.errors)
        row_error(c, -1, "the answers do not load back: %s",
                  d.count ? d.items[0].message : mt_strerror(err));
    answers_free(back);
    mt_diags_free(&d);
    free(text);
}

mt_error import_row(const mt_import_map *m, const mt_csv *csv, size_t row,
                    mt_answers **out, mt_diags *diags)
{
    *out = NULL;
    const mt_csv_row *r = &csv->rows[row];
    row_ctx c = { .m = m, .r = r, .diags = diags };
    c.where = mt_asprintf("%s:row %zu (line %d)", csv->name, r->row, r->line);
    if (!c.where)
        return MT_ERROR_NOMEM;
    mt_answers *a = NULL;
    size_t want = csv->rows[0].nfields;
    if (r->error) {
        row_error(&c, r->error_col, "%s (line %d)", r->error, r->error_line);
    } else if (r->nfields < want) {
        /* every exporter writes every column; a short row is a cut file */
        row_error(&c, -1, "the row has %zu fields and the header %zu: is the file cut short?",
                  r->nfields, want);
    } else if (answers_new(m->q, &a) != MT_OK) {
        c.nomem = true;
    } else {
        fill_row(&c, a);
        if (!c.errors && !c.nomem)
            check_round_trip(&c, a);
    }
    free(c.where);
    if (c.nomem || c.errors) {
        answers_free(a);
        return c.nomem ? MT_ERROR_NOMEM : MT_ERROR_ANSWERS;
    }
    *out = a;
    return MT_OK;
}

/* ------------------------------------------------------------ file names */

/* Letters and digits of any script kept (ASCII in lower case), anything
 * else one '-'; at most about 40 bytes, cut at a character boundary. */
static bool append_slug(char **out, const char *s)
{
    char buf[64];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n < 40;) {
        if (*p < 0x80 && isalnum(*p)) {
            buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
            p++;
        } else if (*p >= 0xC0) {
            size_t len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
            size_t k = 1;
            while (k < len && (p[k] & 0xC0) == 0x80)
                k++;
            bool punct = len == 2 && p[0] == 0xC2;   /* Latin-1 punctuation, no-break space */
            if (k != len || punct) {
                p += k;
                if (n > 0 && buf[n - 1] != '-')
                    buf[n++] = '-';
                continue;
            }
            memcpy(buf + n, p, len);
            n += len;
            p += len;
        } else {
            p++;
            if (n > 0 && buf[n - 1] != '-')
                buf[n++] = '-';
        }
    }
    while (n > 0 && buf[n - 1] == '-')
        n--;
    buf[n] = '\0';
    if (!n)
        return true;
    return mt_str_append(out, "", buf) && mt_str_append(out, "", "-");
}

char *import_file_name(const mt_answers *a, size_t row_number)
{
    char *name = mt_strdup("");
    if (!name)
        return NULL;
    char num[32];
    snprintf(num, sizeof num, "row%zu.ini", row_number);
    if (!append_slug(&name, a->meta.organisation ? a->meta.organisation : "") ||
        !append_slug(&name, a->meta.respondent ? a->meta.respondent : "") ||
        !mt_str_append(&name, "", num)) {
        free(name);
        return NULL;
    }
    return name;
}
