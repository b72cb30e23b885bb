/*
 * brand.c - the --brand file.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/brand.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "maturity/inifile.h"
#include "maturity/util.h"

#define SECTION "brand"

/* Parser state: what has been read, and the lines keys were on, for
 * errors about duplicates. */
struct brand_parse {
    mt_brand *brand;
    const char *name;
    mt_diags *diags;
    char *last_key;         /* for continuation lines */
    bool in_brand;          /* inside [brand] */
    bool bad_section;       /* inside some other section: its keys are ignored */
    int logo_line, colour_line;
    char *logo_raw;
    char *colour_raw;
    bool nomem;
};

/* Undoes the escapes documented for free text: \; \# \n \\ . */
static char *unescape(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    if (!out)
        return NULL;
    char *o = out;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            *o++ = *s;
            continue;
        }
        s++;
        *o++ = *s == 'n' ? '\n' : *s;
    }
    *o = '\0';
    return out;
}

static bool valid_lang(const char *lang)
{
    size_t n = strlen(lang);
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)lang[i]) && lang[i] != '-')
            return false;
    return true;
}

/* The slot a key's value goes into, or NULL (with a diagnostic) when the
 * key is unknown or repeated. */
static char **text_slot(struct brand_parse *p, mt_brand_text *t, const char *key,
                        const char *lang, int line)
{
    if (!lang)
        return t->text ? NULL : &t->text;
    if (!valid_lang(lang)) {
        mt_diags_add(p->diags, p->name, line, MT_SEV_ERROR,
                     "'%s' is not a language code (e.g. %s.he)", lang, key);
        return NULL;
    }
    for (size_t i = 0; i < t->nlangs; i++)
        if (strcmp(t->lang[i], lang) == 0)
            return NULL;
    if (t->nlangs == MT_BRAND_LANGS) {
        mt_diags_add(p->diags, p->name, line, MT_SEV_ERROR,
                     "too many languages for %s (at most %d)", key, MT_BRAND_LANGS);
        return NULL;
    }
    t->lang[t->nlangs] = mt_strdup(lang);
    if (!t->lang[t->nlangs]) {
        p->nomem = true;
        return NULL;
    }
    return &t->value[t->nlangs++];
}

/* Splits "contact.he" into base "contact" and language "he". */
static mt_brand_text *text_field(mt_brand *b, const char *key, char *base, size_t size,
                                 const char **lang)
{
    const char *dot = strchr(key, '.');
    size_t n = dot ? (size_t)(dot - key) : strlen(key);
    if (n >= size)
        return NULL;
    memcpy(base, key, n);
    base[n] = '\0';
    *lang = dot ? dot + 1 : NULL;
    if (strcmp(base, "consultant") == 0)
        return &b->consultant;
    if (strcmp(base, "contact") == 0)
        return &b->contact;
    return NULL;
}

static char **slot_for_key(struct brand_parse *p, const char *key, int line)
{
    if (strcmp(key, "logo") == 0) {
        p->logo_line = line;
        return &p->logo_raw;
    }
    if (strcmp(key, "colour") == 0 || strcmp(key, "color") == 0) {
        p->colour_line = line;
        return &p->colour_raw;
    }
    char base[MT_INI_MAX_NAME + 1];
    const char *lang = NULL;
    mt_brand_text *t = text_field(p->brand, key, base, sizeof base, &lang);
    if (!t) {
        mt_diags_add(p->diags, p->name, line, MT_SEV_ERROR,
                     "unknown key '%s' (a brand file has consultant, contact, logo and colour)",
                     key);
        return NULL;
    }
    char **slot = text_slot(p, t, base, lang, line);
    if (!slot && !p->nomem && (!lang || valid_lang(lang)))
        mt_diags_add(p->diags, p->name, line, MT_SEV_ERROR, "'%s' is given twice", key);
    return slot;
}

static int append_continuation(struct brand_parse *p, const char *key, const char *value)
{
    if (!p->last_key || strcmp(p->last_key, key) != 0)
        return 1;
    char **slot = NULL;
    if (strcmp(key, "logo") == 0)
        slot = &p->logo_raw;
    else if (strcmp(key, "colour") == 0 || strcmp(key, "color") == 0)
        slot = &p->colour_raw;
    else {
        char base[MT_INI_MAX_NAME + 1];
        const char *lang = NULL;
        mt_brand_text *t = text_field(p->brand, key, base, sizeof base, &lang);
        if (!t)
            return 1;
        if (!lang)
            slot = &t->text;
        for (size_t i = 0; lang && i < t->nlangs; i++)
            if (strcmp(t->lang[i], lang) == 0)
                slot = &t->value[i];
    }
    if (slot && *slot && !mt_str_append(slot, " ", value))
        p->nomem = true;
    return 1;
}

static int on_key(void *user, const char *section, const char *key, const char *value,
                  int line, int continuation)
{
    struct brand_parse *p = user;
    (void)section;
    if (!p->in_brand)
        return 1;   /* the section was already reported */
    if (continuation)
        return append_continuation(p, key, value);
    free(p->last_key);
    p->last_key = NULL;
    char **slot = slot_for_key(p, key, line);
    if (!slot)
        return 1;
    if (*slot) {
        mt_diags_add(p->diags, p->name, line, MT_SEV_ERROR, "'%s' is given twice", key);
        return 1;
    }
    *slot = mt_strdup(value);
    p->last_key = mt_strdup(key);
    if (!*slot || !p->last_key)
        p->nomem = true;
    return 1;
}

static void on_section(void *user, const char *section, int line)
{
    struct brand_parse *p = user;
    p->in_brand = strcmp(section, SECTION) == 0;
    if (!p->in_brand)
        mt_diags_add(p->diags, p->name, line, MT_SEV_ERROR,
                     "unknown section [%s]; a brand file has one section, [%s]", section,
                     SECTION);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Light colours vanish on white paper; say so, but let the consultant decide. */
static void check_colour(struct brand_parse *p)
{
    const char *s = p->colour_raw;
    if (!s)
        return;
    bool ok = s[0] == '#' && strlen(s) == 7;
    for (int i = 0; ok && i < 3; i++) {
        int hi = hex_digit(s[1 + 2 * i]), lo = hex_digit(s[2 + 2 * i]);
        ok = hi >= 0 && lo >= 0;
        if (ok)
            p->brand->colour[i] = (unsigned char)(hi * 16 + lo);
    }
    if (!ok) {
        mt_diags_add(p->diags, p->name, p->colour_line, MT_SEV_ERROR,
                     "colour '%s' is not of the form #RRGGBB (e.g. #1F5C99)", s);
        return;
    }
    p->brand->has_colour = true;
    const unsigned char *c = p->brand->colour;
    double luma = (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255.0;
    if (luma > 0.8)
        mt_diags_add(p->diags, p->name, p->colour_line, MT_SEV_WARNING,
                     "colour %s is very light: headings and charts in it will be hard to read "
                     "on white paper", s);
}

static char *resolve_beside(const char *brand_path, const char *rel)
{
    if (rel[0] == '/')
        return mt_strdup(rel);
    const char *slash = strrchr(brand_path, '/');
    if (!slash)
        return mt_strdup(rel);
    return mt_asprintf("%.*s/%s", (int)(slash - brand_path), brand_path, rel);
}

static mt_logo_format sniff_logo(FILE *fp)
{
    unsigned char head[8] = { 0 };
    size_t n = fread(head, 1, sizeof head, fp);
    static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    if (n == 8 && memcmp(head, png, 8) == 0)
        return MT_LOGO_PNG;
    if (n >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
        return MT_LOGO_JPEG;
    return MT_LOGO_NONE;
}

static bool is_sof_marker(int m)
{
    /* start-of-frame markers, which carry the size; C4, C8 and CC are not */
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Walks a JPEG's segments up to its frame header: the PDF library takes the
 * picture's size from there and embeds whatever follows unchecked, so a
 * file without a sane frame header would give a broken report. */
static bool jpeg_has_frame(FILE *fp)
{
    if (fseek(fp, 2, SEEK_SET) != 0)
        return false;
    for (int segments = 0; segments < 1000; segments++) {
        int ff = fgetc(fp), marker = fgetc(fp);
        while (marker == 0xFF)
            marker = fgetc(fp);   /* fill bytes */
        if (ff != 0xFF || marker == EOF || marker == 0xD9 || marker == 0xDA)
            return false;         /* end of image or scan before any frame */
        int hi = fgetc(fp), lo = fgetc(fp);
        if (hi == EOF || lo == EOF || hi * 256 + lo < 2)
            return false;
        long len = hi * 256 + lo;
        if (is_sof_marker(marker)) {
            unsigned char f[6];
            if (len < 8 || fread(f, 1, sizeof f, fp) != sizeof f)
                return false;
            int height = f[1] * 256 + f[2], width = f[3] * 256 + f[4], comps = f[5];
            return height > 0 && width > 0 && (comps == 1 || comps == 3 || comps == 4);
        }
        if (fseek(fp, len - 2, SEEK_CUR) != 0)
            return false;
    }
    return false;
}

/* The logo is checked now, so that a wrong path is reported against its
 * line in the brand file rather than as a failure deep in the PDF writer. */
static mt_error check_logo(struct brand_parse *p)
{
    if (!p->logo_raw || !p->logo_raw[0])
        return MT_OK;
    mt_brand *b = p->brand;
    b->logo = resolve_beside(p->name, p->logo_raw);
    if (!b->logo)
        return MT_ERROR_NOMEM;
    struct stat st;
    /* a named pipe or a device would block or never end: not opened at all */
    bool regular = stat(b->logo, &st) != 0 || S_ISREG(st.st_mode);
    FILE *fp = regular ? fopen(b->logo, "rb") : NULL;
    if (!regular)
        errno = EINVAL;
    if (!fp || fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        mt_diags_add(p->diags, p->name, p->logo_line, MT_SEV_ERROR, "logo %s cannot be read: %s",
                     b->logo, fp || !regular ? "not a regular file" : strerror(errno));
        if (fp)
            fclose(fp);
        return MT_ERROR_FILE_OPEN;
    }
    b->logo_format = sniff_logo(fp);
    bool damaged = b->logo_format == MT_LOGO_JPEG && !jpeg_has_frame(fp);
    fclose(fp);
    if (damaged) {
        mt_diags_add(p->diags, p->name, p->logo_line, MT_SEV_ERROR,
                     "logo %s is a damaged JPEG file (no frame header with its size)", b->logo);
        return MT_ERROR_BRAND;
    }
    if (b->logo_format == MT_LOGO_NONE) {
        mt_diags_add(p->diags, p->name, p->logo_line, MT_SEV_ERROR,
                     "logo %s is neither a PNG nor a JPEG file", b->logo);
        return MT_ERROR_BRAND;
    }
    if ((unsigned long long)st.st_size > MT_BRAND_MAX_LOGO) {
        mt_diags_add(p->diags, p->name, p->logo_line, MT_SEV_ERROR,
                     "logo %s is %lld bytes; at most %u are accepted, so that the report stays "
                     "small enough to send", b->logo, (long long)st.st_size, MT_BRAND_MAX_LOGO);
        return MT_ERROR_BRAND;
    }
    return MT_OK;
}

static bool unescape_text(mt_brand_text *t)
{
    char **all[1 + MT_BRAND_LANGS];
    size_t n = 0;
    all[n++] = &t->text;
    for (size_t i = 0; i < t->nlangs; i++)
        all[n++] = &t->value[i];
    for (size_t i = 0; i < n; i++) {
        if (!*all[i])
            continue;
        char *u = unescape(*all[i]);
        if (!u)
            return false;
        free(*all[i]);
        *all[i] = u;
    }
    return true;
}

/* A logo that cannot be read is a missing input (exit 3); anything else
 * wrong, from a broken line to a bad colour, makes the brand file invalid:
 * MT_ERROR_BRAND, whose message names the brand file, not "INI". */
static mt_error finish(struct brand_parse *p, mt_error parse_err, size_t errors_before)
{
    if (p->nomem || !unescape_text(&p->brand->consultant) || !unescape_text(&p->brand->contact))
        return MT_ERROR_NOMEM;
    check_colour(p);
    mt_error err = check_logo(p);
    if (err == MT_ERROR_NOMEM)
        return err;
    if (parse_err)
        return MT_ERROR_BRAND;
    if (err)
        return err;
    return p->diags->errors > errors_before ? MT_ERROR_BRAND : MT_OK;
}

mt_error brand_load_string(const char *name, const char *text, size_t size, mt_brand **out,
                           mt_diags *diags)
{
    *out = NULL;
    mt_brand *b = calloc(1, sizeof *b);
    if (!b)
        return MT_ERROR_NOMEM;
    b->path = mt_strdup(name);
    struct brand_parse p = { .brand = b, .name = name, .diags = diags };
    mt_ini_callbacks cb = { .on_key = on_key, .on_section = on_section, .user = &p };
    size_t errors_before = diags->errors;
    mt_error err = b->path ? mt_ini_parse_buffer(name, text, size, &cb, diags) : MT_ERROR_NOMEM;
    if (err != MT_ERROR_NOMEM)
        err = finish(&p, err, errors_before);
    free(p.last_key);
    free(p.logo_raw);
    free(p.colour_raw);
    if (err) {
        brand_free(b);
        return err;
    }
    *out = b;
    return MT_OK;
}

mt_error brand_load_file(const char *path, mt_brand **out, mt_diags *diags)
{
    char *text = NULL;
    size_t size = 0;
    *out = NULL;
    mt_error err = mt_read_file(path, MT_BRAND_MAX_FILE, &text, &size, diags);
    if (err)
        return err;
    err = brand_load_string(path, text, size, out, diags);
    free(text);
    return err;
}

static void text_free(mt_brand_text *t)
{
    free(t->text);
    for (size_t i = 0; i < t->nlangs; i++) {
        free(t->lang[i]);
        free(t->value[i]);
    }
}

void brand_free(mt_brand *b)
{
    if (!b)
        return;
    free(b->path);
    text_free(&b->consultant);
    text_free(&b->contact);
    free(b->logo);
    free(b);
}

const char *brand_text_get(const mt_brand_text *t, const char *lang)
{
    for (size_t i = 0; lang && i < t->nlangs; i++)
        if (strcmp(t->lang[i], lang) == 0 && t->value[i] && t->value[i][0])
            return t->value[i];
    if (t->text && t->text[0])
        return t->text;
    for (size_t i = 0; i < t->nlangs; i++)
        if (t->value[i] && t->value[i][0])
            return t->value[i];
    return NULL;
}
