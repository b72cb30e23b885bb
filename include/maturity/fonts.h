/*
 * fonts.h - find the TrueType fonts the PDF report embeds.
 *
 * The only module that includes fontconfig. The report needs one family
 * that covers Latin and Hebrew in a regular and a bold weight: DejaVu Sans
 * (Debian package fonts-dejavu-core). Fontconfig always offers *some*
 * font for any request, so the match is accepted only when it really is
 * that family and a TrueType file libharu can embed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_FONTS_H
#define MATURITY_FONTS_H

#include "maturity/error.h"

/** Paths of the two font files (owned; free with fonts_free). */
typedef struct mt_fonts {
    char *regular;
    char *bold;
} mt_fonts;

/** The family the report is set in, and the Debian package that ships it. */
#define MT_FONT_FAMILY "DejaVu Sans"
#define MT_FONT_PACKAGE "fonts-dejavu-core"

/**
 * Finds DejaVu Sans and DejaVu Sans Bold. On failure returns MT_ERROR_FONT
 * (or MT_ERROR_NOMEM) with a diagnostic that names the missing font and
 * the package to install; *out is then empty.
 */
mt_error fonts_find(mt_fonts *out, mt_diags *diags);
/** Frees the paths; safe on an empty or already freed mt_fonts. */
void fonts_free(mt_fonts *f);

#endif
