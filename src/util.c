/*
 * util.c - allocation, strings, UTF-8 and number helpers.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *mt_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

char *mt_strndup(const char *s, size_t n)
{
    char *r = malloc(n + 1);
    if (!r)
        return NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

char *mt_path_label(const char *path)
{
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    if (start == end)   /* "/" alone */
        return mt_strndup(path, end);
    return mt_strndup(path + start, end - start);
}

char *mt_asprintf(const char *fmt, ...)
{
    va_list ap;
    char *r = NULL;
    va_start(ap, fmt);
    int n = vasprintf(&r, fmt, ap);
    va_end(ap);
    return n < 0 ? NULL : r;
}

bool mt_str_append(char **dst, const char *sep, const char *src)
{
    size_t old = *dst ? strlen(*dst) : 0;
    size_t seplen = (old && sep) ? strlen(sep) : 0;
    size_t add = strlen(src);
    char *r = realloc(*dst, old + seplen + add + 1);
    if (!r)
        return false;
    memcpy(r + old, sep, seplen);
    memcpy(r + old + seplen, src, add + 1);
    *dst = r;
    return true;
}

bool mt_grow(void **array, size_t *capacity, size_t need, size_t elem)
{
    if (need <= *capacity)
        return true;
    size_t cap = *capacity ? *capacity : 8;
    while (cap < need) {
        if (cap > ((size_t)-1) / 2 / elem)
            return false;
        cap *= 2;
    }
    void *r = realloc(*array, cap * elem);
    if (!r)
        return false;
    memset((char *)r + *capacity * elem, 0, (cap - *capacity) * elem);
    *array = r;
    *capacity = cap;
    return true;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    unsigned cp;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) { len = 2; cp = s[0] & 0x1F; }
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) { len = 3; cp = s[0] & 0x0F; }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4) { len = 4; cp = s[0] & 0x07; }
    else return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;   /* overlong or beyond Unicode */
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;   /* surrogate */
    return len;
}

bool mt_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t len = utf8_seq_len(p + i, n - i);
        if (!len)
            return false;
        i += len;
    }
    return true;
}

size_t mt_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, count = 0;
    while (i < n) {
        size_t len = utf8_seq_len(p + i, n - i);
        i += len ? len : 1;
        count++;
    }
    return count;
}

size_t mt_utf8_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* What mt_text_clean does with one code point. */
enum clean_action { KEEP, TO_SPACE, REPLACE, DROP };

static enum clean_action clean_action_of(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' || cp == 0x85 ||
        cp == 0x2028 || cp == 0x2029)
        return TO_SPACE;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return REPLACE;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return DROP;
    return KEEP;
}

static uint32_t decode(const unsigned char *s, size_t len)
{
    static const unsigned char lead_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
    uint32_t cp = s[0] & lead_mask[len];
    for (size_t k = 1; k < len; k++)
        cp = (cp << 6) | (s[k] & 0x3F);
    return cp;
}

char *mt_text_clean(const char *s, size_t n, const char *replacement)
{
    const unsigned char *p = (const unsigned char *)s;
    n = strnlen(s, n);
    size_t rlen = strlen(replacement);
    /* at worst every byte is a control that becomes the replacement */
    if (rlen > 1 && n > (SIZE_MAX - 1) / rlen)
        return NULL;
    char *out = malloc(n * (rlen > 1 ? rlen : 1) + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_seq_len(p + i, n - i);
        enum clean_action act = len ? clean_action_of(decode(p + i, len)) : REPLACE;
        if (!len)
            len = 1;
        if (act == KEEP) {
            memcpy(out + o, s + i, len);
            o += len;
        } else if (act == TO_SPACE) {
            out[o++] = ' ';
        } else if (act == REPLACE) {
            memcpy(out + o, replacement, rlen);
            o += rlen;
        }
        i += len;
    }
    out[o] = '\0';
    return out;
}

bool mt_parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return false;
    /* strtod takes "inf", "nan" and hex floats; a person never means those. */
    for (const char *p = s; *p; p++)
        if (!strchr("0123456789.-+eE", *p))
            return false;
    *out = v;
    return true;
}

bool mt_parse_int(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

uint64_t mt_fnv1a64(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

bool mt_valid_id(const char *id)
{
    if (!id || !*id)
        return false;
    for (const char *p = id; *p; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return id[0] != '-' && id[0] != '_';
}

/* ---- did you mean ------------------------------------------------------ */

/* s as code points, ASCII letters in lower case (an invalid byte stands for
 * itself, above the Unicode range so it matches no character); the count,
 * or SIZE_MAX when s has more than max. */
static size_t folded_code_points(const char *s, uint32_t *out, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, count = 0;
    static const unsigned char lead_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
    while (i < n) {
        if (count == max)
            return SIZE_MAX;
        size_t len = utf8_seq_len(p + i, n - i);
        uint32_t cp;
        if (len == 0) {
            cp = 0x110000u + p[i];
            len = 1;
        } else {
            cp = p[i] & lead_mask[len];
            for (size_t k = 1; k < len; k++)
                cp = (cp << 6) | (p[i + k] & 0x3F);
            if (cp >= 'A' && cp <= 'Z')
                cp += 'a' - 'A';
        }
        out[count++] = cp;
        i += len;
    }
    return count;
}

static size_t min_of(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Damerau-Levenshtein distance in its "optimal string alignment" form: a
 * swap of neighbours counts one, and no part is edited twice, which is
 * what a typing slip is. Both lengths are at most MT_SUGGEST_MAX. */
static size_t edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t rows[3][MT_SUGGEST_MAX + 1];
    size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t d = min_of(prev[j] + 1, cur[j - 1] + 1);
            d = min_of(d, prev[j - 1] + (a[i - 1] != b[j - 1]));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d = min_of(d, before[j - 2] + 1);
            cur[j] = d;
        }
        size_t *spare = before;
        before = prev;
        prev = cur;
        cur = spare;
    }
    return prev[nb];
}

/* How many edits still look like a slip on a word of len characters: on a
 * short word one edit already makes another word. */
static size_t slip_limit(size_t len)
{
    return len <= 2 ? 0 : len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

const char *mt_suggest(const char *word, const char *const *candidates, size_t n)
{
    uint32_t w[MT_SUGGEST_MAX], c[MT_SUGGEST_MAX];
    if (!word || !candidates)
        return NULL;
    size_t nw = folded_code_points(word, w, MT_SUGGEST_MAX);
    if (nw == 0 || nw == SIZE_MAX)
        return NULL;
    size_t limit = slip_limit(nw), best_d = SIZE_MAX;
    const char *best = NULL;
    bool tie = false;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i])
            continue;
        size_t nc = folded_code_points(candidates[i], c, MT_SUGGEST_MAX);
        if (nc == SIZE_MAX || (nc > nw ? nc - nw : nw - nc) > limit)
            continue;
        size_t d = edit_distance(w, nw, c, nc);
        if (d > limit || d > best_d)
            continue;
        if (d < best_d) {
            best = candidates[i];
            best_d = d;
            tie = false;
        } else if (strcmp(candidates[i], best) != 0) {
            tie = true;   /* the same name listed twice is no tie */
        }
    }
    return tie ? NULL : best;
}
