/*
 * error.c - error messages and diagnostics.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/util.h"

static const char *const error_messages[] = {
    [MT_OK] = "No error.",
    [MT_ERROR_NOMEM] = "Out of memory.",
    [MT_ERROR_FILE_OPEN] = "The file could not be opened or read.",
    [MT_ERROR_FILE_WRITE] = "The file could not be written.",
    [MT_ERROR_INI_SYNTAX] = "The file is not valid INI.",
    [MT_ERROR_QUESTIONNAIRE] = "The questionnaire is invalid.",
    [MT_ERROR_ANSWERS] = "The answers file is invalid.",
    [MT_ERROR_MISMATCH] = "The answers belong to another questionnaire or version.",
    [MT_ERROR_NOT_FOUND] = "Not found.",
    [MT_ERROR_USAGE] = "Wrong usage.",
    [MT_ERROR_PDF] = "The PDF report could not be produced.",
    [MT_ERROR_XLSX] = "The XLSX workbook could not be produced.",
    [MT_ERROR_FONT] = "No usable font was found.",
    [MT_ERROR_INTERRUPTED] = "Interrupted.",
    [MT_ERROR_INPUT_EOF] = "Input ended before the questionnaire was finished.",
    [MT_ERROR_BRAND] = "The brand file is invalid.",
    [MT_ERROR_NOT_TEXT] = "The file is not a text file.",
    [MT_ERROR_MAX] = "Unknown error number.",
};

_Static_assert(sizeof error_messages / sizeof error_messages[0] == MT_ERROR_MAX + 1,
               "error_messages must have one entry per mt_error");

const char *mt_strerror(mt_error err)
{
    if ((int)err < 0 || err >= MT_ERROR_MAX)
        return error_messages[MT_ERROR_MAX];
    return error_messages[err];
}

void mt_diags_init(mt_diags *d)
{
    memset(d, 0, sizeof *d);
}

void mt_diags_free(mt_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    mt_diags_init(d);
}

void mt_diags_vadd(mt_diags *d, const char *file, int line, mt_severity sev,
                   const char *fmt, va_list ap)
{
    if (sev == MT_SEV_ERROR)
        d->errors++;
    else if (sev == MT_SEV_WARNING)
        d->warnings++;
    if (d->count >= MT_DIAGS_MAX) {
        d->dropped++;
        return;
    }
    if (!mt_grow((void **)&d->items, &d->capacity, d->count + 1, sizeof *d->items))
        return;
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        return;
    mt_diag *dg = &d->items[d->count];
    dg->file = mt_strdup(file ? file : "");
    dg->line = line;
    dg->severity = sev;
    dg->message = msg;
    if (!dg->file) {
        free(msg);
        return;
    }
    d->count++;
}

void mt_diags_add(mt_diags *d, const char *file, int line, mt_severity sev,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mt_diags_vadd(d, file, line, sev, fmt, ap);
    va_end(ap);
}

void mt_diags_sort_from(mt_diags *d, size_t from)
{
    /* Insertion sort: stable, and lists are short. */
    for (size_t i = from + 1; i < d->count; i++) {
        mt_diag cur = d->items[i];
        size_t j = i;
        while (j > from && d->items[j - 1].line > cur.line) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = cur;
    }
}

static const char *severity_name(mt_severity s)
{
    switch (s) {
    case MT_SEV_ERROR: return "error";
    case MT_SEV_WARNING: return "warning";
    default: return "note";
    }
}

/* Messages quote what files hold: a control character (C0, DEL, or C1 as
 * UTF-8) is printed as '?', so that no escape sequence from a file reaches
 * the terminal. Returns a new string, or NULL when out of memory. */
static char *clean_copy(const char *s)
{
    char *r = malloc(strlen(s) + 1);
    if (!r)
        return NULL;
    char *o = r;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            *o++ = '?';
            p++;
        } else {
            *o++ = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
        }
    }
    *o = '\0';
    return r;
}

/* One write per line: standard error is unbuffered. */
static void print_one(FILE *out, const mt_diag *dg)
{
    char *file = clean_copy(dg->file[0] ? dg->file : "maturity");
    char *msg = clean_copy(dg->message);
    if (!file || !msg)
        fprintf(out, "maturity: %s: (out of memory)\n", severity_name(dg->severity));
    else if (dg->line > 0)
        fprintf(out, "%s:%d: %s: %s\n", file, dg->line, severity_name(dg->severity), msg);
    else
        fprintf(out, "%s: %s: %s\n", file, severity_name(dg->severity), msg);
    free(file);
    free(msg);
}

void mt_diags_print(const mt_diags *d, void *stream)
{
    FILE *out = stream;
    for (size_t i = 0; i < d->count; i++)
        print_one(out, &d->items[i]);
    if (d->dropped)
        fprintf(out, "maturity: note: %zu more problems not shown\n", d->dropped);
}
