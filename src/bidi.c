/*
 * bidi.c - line reordering with fribidi.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/bidi.h"

#include <fribidi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/util.h"

/* fribidi counts in FriBidiStrIndex (an int); a line is far shorter, but a
 * caller's mistake must not overflow the buffers below. */
#define MAX_LINE_BYTES (1u << 20)

static FriBidiChar *to_unicode(const char *s, size_t n, FriBidiStrIndex *len)
{
    FriBidiChar *u = calloc(n + 1, sizeof *u);
    if (!u)
        return NULL;
    *len = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, s, (FriBidiStrIndex)n, u);
    return u;
}

bool bidi_has_rtl(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_LINE_BYTES)
        return false;
    FriBidiStrIndex len = 0;
    FriBidiChar *u = to_unicode(s, n, &len);
    if (!u)
        return false;
    bool found = false;
    for (FriBidiStrIndex i = 0; i < len && !found; i++)
        found = FRIBIDI_IS_RTL(fribidi_get_bidi_type(u[i])) != 0;
    free(u);
    return found;
}

static mt_error reorder(const char *logical, size_t n, bool rtl, char **out)
{
    FriBidiStrIndex len = 0;
    FriBidiChar *u = to_unicode(logical, n, &len);
    FriBidiChar *visual = calloc(n + 1, sizeof *visual);
    /* Each code point takes at most 4 bytes in UTF-8. */
    char *utf8 = malloc((size_t)len * 4 + 1);
    if (!u || !visual || !utf8) {
        free(u);
        free(visual);
        free(utf8);
        return MT_ERROR_NOMEM;
    }
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    mt_error err = MT_OK;
    if (!fribidi_log2vis(u, len, &base, visual, NULL, NULL, NULL)) {
        err = MT_ERROR_NOMEM;   /* fribidi fails only when it cannot allocate */
    } else {
        FriBidiStrIndex bytes = fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, visual, len, utf8);
        utf8[bytes] = '\0';
    }
    free(u);
    free(visual);
    if (err) {
        free(utf8);
        return err;
    }
    *out = utf8;
    return MT_OK;
}

mt_error bidi_visual_line(const char *logical, bool rtl, char **out)
{
    *out = NULL;
    size_t n = strlen(logical);
    /* Plain left-to-right text needs no work, and is not worth a round trip
     * through UTF-32 that could only change it. */
    if (n == 0 || n > MAX_LINE_BYTES || (!rtl && !bidi_has_rtl(logical))) {
        *out = mt_strdup(logical);
        return *out ? MT_OK : MT_ERROR_NOMEM;
    }
    return reorder(logical, n, rtl, out);
}
