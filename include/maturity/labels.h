/*
 * labels.h - the tool's own words (headings, units, prompts) per language.
 *
 * Texts about the marketing model come from the questionnaire; the words
 * the tool itself says ("Summary", "Page 3 of 9", "don't know") come from
 * the one table in labels.c, so reports and the prompt never scatter
 * string literals through their drawing code.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_LABELS_H
#define MATURITY_LABELS_H

/**
 * The label `key` in language `lang` ("en", "he", ...); falls back to
 * English, then to the key itself, so a missing label is visible, never NULL.
 */
const char *mt_label(const char *lang, const char *key);

/** true when the language is written right to left. */
int mt_lang_is_rtl(const char *lang);

#endif
