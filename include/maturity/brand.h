/*
 * brand.h - a consultant's brand for the reports: name, contact, logo, colour.
 *
 * Read from the INI file given with --brand; the format is documented in
 * docs/brand-format.md. Every problem is reported as `file:line: message`.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_BRAND_H
#define MATURITY_BRAND_H

#include <stdbool.h>
#include <stddef.h>

#include "maturity/error.h"

/** Languages a brand text may be given in besides its plain value. */
#define MT_BRAND_LANGS 8
/** Largest logo file accepted: a report must stay small enough to e-mail. */
#define MT_BRAND_MAX_LOGO (1024u * 1024u)
/** Largest brand file. */
#define MT_BRAND_MAX_FILE (64u * 1024u)

/** A text with an optional translation per language (`key.LANG`). */
typedef struct mt_brand_text {
    char *text;                    /**< the plain `key = ...` value, or NULL */
    char *lang[MT_BRAND_LANGS];    /**< language codes of the translations */
    char *value[MT_BRAND_LANGS];   /**< the translations */
    size_t nlangs;
} mt_brand_text;

typedef enum mt_logo_format { MT_LOGO_NONE = 0, MT_LOGO_PNG, MT_LOGO_JPEG } mt_logo_format;

typedef struct mt_brand {
    char *path;                /**< the brand file, as given */
    mt_brand_text consultant;  /**< who prepared the report */
    mt_brand_text contact;     /**< one or more lines (`\n` in the file) */
    char *logo;                /**< path of the logo, resolved against the brand file's folder; NULL for none */
    mt_logo_format logo_format;
    bool has_colour;
    unsigned char colour[3];   /**< red, green, blue */
} mt_brand;

/**
 * Loads and checks a brand file: unknown sections or keys, a colour that
 * is not #RRGGBB, a logo that is missing or is not a PNG or JPEG file.
 * Every problem goes to diags. Returns MT_OK (*out set; free with
 * brand_free), MT_ERROR_FILE_OPEN (the brand file or its logo cannot be
 * read), MT_ERROR_BRAND (the file is invalid, from a broken line to a bad
 * colour or a logo that is no picture) or MT_ERROR_NOMEM.
 */
mt_error brand_load_file(const char *path, mt_brand **out, mt_diags *diags);
/** The same from memory; a relative logo path is resolved against the folder of name. */
mt_error brand_load_string(const char *name, const char *text, size_t size,
                           mt_brand **out, mt_diags *diags);
void brand_free(mt_brand *b);

/** The text in language lang, else the plain value, else the first translation; NULL when none. */
const char *brand_text_get(const mt_brand_text *t, const char *lang);

#endif
