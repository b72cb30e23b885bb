/*
 * util.h - small helpers shared by every module: checked allocation,
 * strings, growing arrays, UTF-8.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_UTIL_H
#define MATURITY_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** strdup that returns NULL for NULL. Caller frees. */
char *mt_strdup(const char *s);
/** Duplicates the first n bytes of s and terminates them. Caller frees. */
char *mt_strndup(const char *s, size_t n);

/**
 * The last part of a file or folder path, for a report to name an input
 * by: "/home/ana/clients/acme-2025.ini" gives "acme-2025.ini", "old/" gives
 * "old". A report handed to a client must not show where the consultant
 * keeps files. Caller frees; NULL when out of memory.
 */
char *mt_path_label(const char *path);
/** printf into a new string. Caller frees; NULL when out of memory. */
char *mt_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Appends sep (when *dst is not empty) and src to *dst, reallocating. false on no memory. */
bool mt_str_append(char **dst, const char *sep, const char *src);

/** Grows *array (element size elem) so that it can hold need elements. */
bool mt_grow(void **array, size_t *capacity, size_t need, size_t elem);

/** Number of UTF-8 characters (code points) in s. Invalid bytes count one each. */
size_t mt_utf8_len(const char *s);
/** true when s is valid UTF-8 (no overlongs, no surrogates). */
bool mt_utf8_valid(const char *s, size_t n);
/** Byte offset of the start of the code point that contains offset i. */
size_t mt_utf8_floor(const char *s, size_t i);

/**
 * Text from people (names, notes, free-text answers, brand and CSV cells)
 * made safe to lay out and draw, for a view that shows characters and
 * nothing else (the PDF report):
 *  - the white-space controls (tab, line feed, vertical tab, form feed,
 *    carriage return, U+0085, U+2028, U+2029) become a space: a caller
 *    that keeps line breaks splits the text at '\n' first;
 *  - every other C0 control, DEL, C1 control (U+0080..U+009F) and byte
 *    that is not valid UTF-8 becomes replacement ("" drops them): no
 *    control code reaches the view, and the reader sees that something
 *    unprintable was there;
 *  - the bidi embeddings, overrides and isolates (U+202A..U+202E,
 *    U+2066..U+2069) are removed: the view sets each paragraph's direction
 *    itself, and an override in a name could reverse the text around it.
 *    The marks LRM, RLM and ALM (U+200E, U+200F, U+061C) are kept: they
 *    only lend a direction to the neutral characters beside them.
 * Reads n bytes of s or up to its NUL. Applying it twice changes nothing
 * more (when replacement is itself clean). Caller frees; NULL when out of
 * memory.
 */
char *mt_text_clean(const char *s, size_t n, const char *replacement);

/** Strict number parsing: whole string, no trailing junk. */
bool mt_parse_double(const char *s, double *out);
bool mt_parse_int(const char *s, long *out);

/** 64-bit FNV-1a of a byte range, for the questionnaire content hash. */
uint64_t mt_fnv1a64(const void *data, size_t n, uint64_t seed);
#define MT_FNV_SEED UINT64_C(0xcbf29ce484222325)

/**
 * The candidate closest to word, for a "did you mean" hint: the smallest
 * Damerau-Levenshtein distance (a character inserted, deleted, replaced, or
 * two neighbours swapped: "reprot" is one from "report"), counted in
 * characters, ASCII case ignored. NULL when even the closest needs more
 * edits than a slip of the fingers (none for a word of one or two
 * characters, one up to four, two up to eight, three beyond), when two
 * candidates are equally close (either guess could mislead), or when word
 * or the candidates are longer than MT_SUGGEST_MAX characters. NULL
 * entries of candidates are skipped. Returns an element of candidates.
 */
const char *mt_suggest(const char *word, const char *const *candidates, size_t n);
#define MT_SUGGEST_MAX 64

/** true when id is a valid identifier: [a-z0-9_-]+, starting with a letter or digit. */
bool mt_valid_id(const char *id);

#endif
