/*
 * bidi.h - logical to visual order for one line of text.
 *
 * The only module that includes fribidi. The PDF library draws glyphs left
 * to right and knows nothing of bidirectional text, so every line is
 * wrapped first (in logical order, the order it was typed) and then
 * reordered here for display. Reordering before wrapping would put the
 * wrong words on each line.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_BIDI_H
#define MATURITY_BIDI_H

#include <stdbool.h>

#include "maturity/error.h"

/**
 * Reorders one already-wrapped line of UTF-8 text (no line breaks) into
 * visual order, left to right, for a paragraph whose base direction is
 * right to left when rtl is true, left to right otherwise. Mirrored
 * characters such as brackets are swapped in right-to-left runs. A line
 * with no right-to-left characters in a left-to-right paragraph comes back
 * unchanged. *out is a new string the caller frees.
 * Returns MT_OK, or MT_ERROR_NOMEM.
 */
mt_error bidi_visual_line(const char *logical, bool rtl, char **out);

/** true when s contains a right-to-left letter (Hebrew, Arabic, ...). */
bool bidi_has_rtl(const char *s);

#endif
