/*
 * csv.c - an RFC 4180 CSV reader with row and line numbers.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/inifile.h"
#include "maturity/util.h"

typedef struct parser {
    const char *name;
    const unsigned char *p, *end;
    char delim;
    int line;             /* the line p is on */
    size_t rowno;         /* the number the next row gets */
    mt_csv *t;
    mt_csv_row row;       /* the row being read */
    size_t row_cap;
    size_t row_bytes;
    char *buf;            /* the field being read */
    size_t len, cap;
    int field_line;       /* where the field started */
    bool nomem;
} parser;

/* Offset of the first byte that does not start a valid UTF-8 sequence
 * (overlongs, surrogates and code points past U+10FFFF are invalid), or n
 * when all is valid. */
static size_t utf8_first_invalid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (i + need >= n)
            return i;   /* cut short by the end of the field */
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= need; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return i;
        i += need + 1;
    }
    return n;
}

/* Records the row's first problem; later ones add nothing a person needs. */
static void row_fail(parser *ps, long col, int line, const char *msg)
{
    if (ps->row.error)
        return;
    ps->row.error = mt_strdup(msg);
    if (!ps->row.error)
        ps->nomem = true;
    ps->row.error_col = col;
    ps->row.error_line = line;
}

static long current_col(const parser *ps)
{
    return (long)ps->row.nfields;
}

static void field_add(parser *ps, unsigned char c)
{
    if (c == '\0') {
        row_fail(ps, current_col(ps), ps->line, "contains a NUL byte");
        return;
    }
    if (ps->len >= MT_CSV_MAX_FIELD) {
        row_fail(ps, current_col(ps), ps->field_line,
                 "the field is longer than the limit of 65536 bytes");
        return;
    }
    if (ps->row_bytes >= MT_CSV_MAX_ROW) {
        row_fail(ps, -1, ps->row.line, "the row is longer than the limit of 1 MiB");
        return;
    }
    if (ps->len + 1 >= ps->cap &&
        !mt_grow((void **)&ps->buf, &ps->cap, ps->len + 2, 1)) {
        ps->nomem = true;
        return;
    }
    ps->buf[ps->len++] = (char)c;
    ps->row_bytes++;
}

/* The line of the field's byte at offset off: its start line plus the line
 * breaks before it (every break in a field is stored as one \n). */
static int line_at(const parser *ps, size_t off)
{
    int line = ps->field_line;
    for (size_t i = 0; i < off; i++)
        if (ps->buf[i] == '\n')
            line++;
    return line;
}

static void field_finish(parser *ps)
{
    size_t bad = utf8_first_invalid((const unsigned char *)ps->buf, ps->len);
    if (bad < ps->len)
        row_fail(ps, current_col(ps), line_at(ps, bad), "invalid UTF-8");
    if (ps->row.nfields >= MT_CSV_MAX_FIELDS) {
        row_fail(ps, -1, ps->row.line, "the row has more than the limit of 4096 fields");
        ps->len = 0;
        return;
    }
    char *f = mt_strndup(ps->buf ? ps->buf : "", ps->len);
    if (!f || !mt_grow((void **)&ps->row.fields, &ps->row_cap, ps->row.nfields + 1,
                       sizeof *ps->row.fields)) {
        free(f);
        ps->nomem = true;
        return;
    }
    ps->row.fields[ps->row.nfields++] = f;
    ps->len = 0;
}

/* Consumes one line end (CRLF, LF or a lone CR) at p, if there is one. */
static bool take_line_end(parser *ps)
{
    if (ps->p < ps->end && *ps->p == '\r') {
        ps->p++;
        if (ps->p < ps->end && *ps->p == '\n')
            ps->p++;
        ps->line++;
        return true;
    }
    if (ps->p < ps->end && *ps->p == '\n') {
        ps->p++;
        ps->line++;
        return true;
    }
    return false;
}

static bool at_field_end(const parser *ps)
{
    return ps->p >= ps->end || *ps->p == (unsigned char)ps->delim || *ps->p == '\r' ||
           *ps->p == '\n';
}

/* A quoted field, from its opening quote. Returns false when it never closes. */
static bool read_quoted(parser *ps)
{
    ps->p++;
    for (;;) {
        if (ps->p >= ps->end)
            return false;
        unsigned char c = *ps->p;
        if (c == '"') {
            if (ps->p + 1 < ps->end && ps->p[1] == '"') {
                field_add(ps, '"');
                ps->p += 2;
                continue;
            }
            ps->p++;
            break;
        }
        if (c == '\r' || c == '\n') {
            take_line_end(ps);
            field_add(ps, '\n');
            continue;
        }
        field_add(ps, c);
        ps->p++;
    }
    if (!at_field_end(ps)) {
        row_fail(ps, current_col(ps), ps->line,
                 "text after the closing quote (a quote inside a quoted field is written \"\")");
        while (!at_field_end(ps))
            ps->p++;
    }
    return true;
}

static void read_unquoted(parser *ps)
{
    while (!at_field_end(ps))
        field_add(ps, *ps->p++);
}

static void row_reset(parser *ps)
{
    memset(&ps->row, 0, sizeof ps->row);
    ps->row_cap = 0;
    ps->row_bytes = 0;
    ps->row.error_col = -1;
}

static void row_free(mt_csv_row *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i]);
    free(r->fields);
    free(r->error);
}

static bool row_push(parser *ps, size_t *cap)
{
    mt_csv *t = ps->t;
    if (!mt_grow((void **)&t->rows, cap, t->nrows + 1, sizeof *t->rows)) {
        row_free(&ps->row);
        return false;
    }
    t->rows[t->nrows++] = ps->row;
    row_reset(ps);
    return true;
}

/* Reads one record from p. Returns false when a quoted field never closes. */
static bool read_record(parser *ps)
{
    row_reset(ps);
    ps->row.row = ps->rowno++;
    ps->row.line = ps->line;
    for (;;) {
        ps->field_line = ps->line;
        ps->len = 0;
        if (ps->p < ps->end && *ps->p == '"') {
            if (!read_quoted(ps))
                return false;
        } else {
            read_unquoted(ps);
        }
        field_finish(ps);
        if (ps->p < ps->end && *ps->p == (unsigned char)ps->delim) {
            ps->p++;
            continue;
        }
        take_line_end(ps);
        return true;
    }
}

static bool skip_blank_line(parser *ps)
{
    if (ps->p < ps->end && (*ps->p == '\r' || *ps->p == '\n'))
        return take_line_end(ps);
    return false;
}

static mt_error parse_all(parser *ps, mt_diags *diags)
{
    size_t cap = 0;
    while (ps->p < ps->end && !ps->nomem) {
        if (skip_blank_line(ps))
            continue;
        if (!read_record(ps)) {
            mt_diags_add(diags, ps->name, ps->field_line, MT_SEV_ERROR,
                         "row %zu: the quoted field that starts here is never closed "
                         "(a quote inside a quoted field is written \"\")", ps->row.row);
            row_free(&ps->row);
            return MT_ERROR_ANSWERS;
        }
        if (!row_push(ps, &cap))
            return MT_ERROR_NOMEM;
    }
    if (ps->nomem)
        return MT_ERROR_NOMEM;
    if (ps->t->nrows == 0) {
        mt_diags_add(diags, ps->name, 0, MT_SEV_ERROR,
                     "the file is empty: a header row naming the columns is expected");
        return MT_ERROR_ANSWERS;
    }
    return MT_OK;
}

mt_error csv_parse(const char *name, const char *text, size_t size, char delim,
                   mt_csv **out, mt_diags *diags)
{
    *out = NULL;
    mt_csv *t = calloc(1, sizeof *t);
    if (!t || !(t->name = mt_strdup(name ? name : ""))) {
        free(t);
        return MT_ERROR_NOMEM;
    }
    parser ps = {
        .name = t->name,
        .p = (const unsigned char *)text,
        .end = (const unsigned char *)text + size,
        .delim = delim,
        .line = 1,
        .rowno = 1,
        .t = t,
    };
    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.p += 3;
    mt_error err = parse_all(&ps, diags);
    free(ps.buf);
    if (err != MT_OK) {
        csv_free(t);
        return err;
    }
    *out = t;
    return MT_OK;
}

mt_error csv_load_file(const char *path, char delim, mt_csv **out, mt_diags *diags)
{
    *out = NULL;
    char *text;
    size_t size;
    mt_error err = mt_read_file(path, MT_CSV_MAX_FILE, &text, &size, diags);
    if (err != MT_OK)
        return err;
    err = csv_parse(path, text, size, delim, out, diags);
    free(text);
    return err;
}

void csv_free(mt_csv *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows; i++)
        row_free(&t->rows[i]);
    free(t->rows);
    free(t->name);
    free(t);
}

const char *csv_field(const mt_csv_row *r, size_t col)
{
    return col < r->nfields ? r->fields[col] : "";
}
