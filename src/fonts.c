/*
 * fonts.c - DejaVu Sans through fontconfig.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/util.h"

/* Fontconfig substitutes freely (a request for a missing family yields
 * whatever is installed), so the match must be checked: the family must be
 * ours, the weight what was asked, and the file TrueType, which is what
 * libharu can embed. */
static bool match_is_family(FcPattern *match, const char *family)
{
    FcChar8 *name = NULL;
    for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (strcmp((const char *)name, family) == 0)
            return true;
    return false;
}

static bool match_is_usable(FcPattern *match, int weight)
{
    int got_weight = 0, slant = 0;
    FcChar8 *format = NULL;
    if (!match_is_family(match, MT_FONT_FAMILY))
        return false;
    if (FcPatternGetInteger(match, FC_WEIGHT, 0, &got_weight) != FcResultMatch)
        return false;
    if (weight >= FC_WEIGHT_BOLD ? got_weight < FC_WEIGHT_BOLD : got_weight >= FC_WEIGHT_BOLD)
        return false;
    if (FcPatternGetInteger(match, FC_SLANT, 0, &slant) == FcResultMatch && slant != FC_SLANT_ROMAN)
        return false;
    if (FcPatternGetString(match, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
        strcmp((const char *)format, "TrueType") != 0)
        return false;
    return true;
}

/* The path of the font file for one weight, or NULL when none fits. */
static char *find_one(FcConfig *config, int weight)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return NULL;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)MT_FONT_FAMILY);
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
    FcConfigSubstitute(config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern *match = FcFontMatch(config, pat, &result);
    FcPatternDestroy(pat);
    char *path = NULL;
    FcChar8 *file = NULL;
    if (match && match_is_usable(match, weight) &&
        FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
        path = mt_strdup((const char *)file);
    if (match)
        FcPatternDestroy(match);
    return path;
}

static void report_missing(mt_diags *diags, const char *what)
{
    mt_diags_add(diags, NULL, 0, MT_SEV_ERROR,
                 "the font %s was not found; the PDF report needs it for Latin and Hebrew "
                 "text (on Debian: apt-get install %s)", what, MT_FONT_PACKAGE);
}

mt_error fonts_find(mt_fonts *out, mt_diags *diags)
{
    memset(out, 0, sizeof *out);
    /* A private configuration, destroyed afterwards, so that nothing of
     * fontconfig stays alive (or leaks) after the report is written. */
    FcConfig *config = FcInitLoadConfigAndFonts();
    if (!config) {
        report_missing(diags, MT_FONT_FAMILY);
        return MT_ERROR_FONT;
    }
    out->regular = find_one(config, FC_WEIGHT_REGULAR);
    out->bold = find_one(config, FC_WEIGHT_BOLD);
    FcConfigDestroy(config);
    if (out->regular && out->bold)
        return MT_OK;
    report_missing(diags, out->regular ? MT_FONT_FAMILY " Bold" : MT_FONT_FAMILY);
    fonts_free(out);
    return MT_ERROR_FONT;
}

void fonts_free(mt_fonts *f)
{
    if (!f)
        return;
    free(f->regular);
    free(f->bold);
    f->regular = NULL;
    f->bold = NULL;
}
