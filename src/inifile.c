/*
 * inifile.c - INI files through inih, with real line numbers and no silent cuts.
 * See documentation in header file.
 *
 * inih reads lines through a reader function we give it. Ours validates
 * each line before inih sees it: a line inih would cut, misread or reject
 * gets a diagnostic naming its real line, and inih is handed a comment in
 * its place, so parsing goes on, every problem is reported, and the line
 * numbers of the lines after it stay right.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/inifile.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maturity/util.h"

typedef struct reader_state {
    const char *name;
    const char *text;
    size_t size;
    size_t pos;
    int line;                 /* number of the line last handed to inih */
    bool continuation;        /* that line continues the previous key */
    bool have_key;            /* a key was seen in the current section (inih's prev_name) */
    bool syntax_error;
    const mt_ini_callbacks *cb;
    mt_diags *diags;
} reader_state;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void syntax(reader_state *st, const char *msg)
{
    mt_diags_add(st->diags, st->name, st->line, MT_SEV_ERROR, "%s", msg);
    st->syntax_error = true;
}

/* Where inih would see an inline comment: ';' after white space. */
static const char *comment_start(const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p == ';' && p > s && is_blank(p[-1]))
            return p;
    return s + strlen(s);
}

/* Checks "[name]" and tells the caller about the new section. */
static bool check_section(reader_state *st, const char *start)
{
    const char *close = strchr(start, ']');
    if (!close) {
        syntax(st, "section header has no closing ']'");
        return false;
    }
    size_t len = (size_t)(close - start - 1);
    if (len > MT_INI_MAX_NAME) {
        syntax(st, "section name is longer than 48 bytes");
        return false;
    }
    char *sec = mt_strndup(start + 1, len);
    if (!sec)
        return false;
    st->have_key = false;
    if (st->cb->on_section)
        st->cb->on_section(st->cb->user, sec, st->line);
    free(sec);
    return true;
}

/* Checks "key = value" (inih also takes ':'). */
static bool check_key(reader_state *st, const char *start)
{
    const char *end = comment_start(start);
    size_t i = strcspn(start, "=:");
    if (start + i >= end) {
        syntax(st, "expected 'key = value' or '[section]'");
        return false;
    }
    size_t keylen = i;
    while (keylen > 0 && is_blank(start[keylen - 1]))
        keylen--;
    if (keylen == 0) {
        syntax(st, "a key is missing before '='");
        return false;
    }
    if (keylen > MT_INI_MAX_NAME) {
        syntax(st, "key is longer than 48 bytes");
        return false;
    }
    st->have_key = true;
    return true;
}

/* Decides what a line is and whether inih may see it. */
static bool check_line(reader_state *st, const char *line, size_t len)
{
    if (memchr(line, '\0', len)) {
        syntax(st, "line contains a NUL byte");
        return false;
    }
    if (!mt_utf8_valid(line, len)) {
        syntax(st, "line is not valid UTF-8");
        return false;
    }
    if (len > MT_INI_MAX_LINE) {
        char msg[160];
        snprintf(msg, sizeof msg, "line is %zu bytes long, the limit is %d: "
                 "continue long texts on indented lines", len, MT_INI_MAX_LINE);
        syntax(st, msg);
        return false;
    }
    const char *start = line;
    while (is_blank(*start))
        start++;
    st->continuation = false;
    if (*start == '\0' || *start == ';' || *start == '#')
        return true;
    if (start > line && st->have_key) {
        st->continuation = true;
        return true;
    }
    if (*start == '[')
        return check_section(st, start);
    return check_key(st, start);
}

/* inih's reader: one line, validated, without its line end. */
static char *read_line(char *str, int num, void *stream)
{
    reader_state *st = stream;
    if (st->pos >= st->size)
        return NULL;
    const char *line = st->text + st->pos;
    const char *nl = memchr(line, '\n', st->size - st->pos);
    size_t len = nl ? (size_t)(nl - line) : st->size - st->pos;
    st->pos += len + (nl ? 1 : 0);
    st->line++;
    if (len && line[len - 1] == '\r')
        len--;
    if (st->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    /* Checks run on a NUL-terminated copy; a line too long for inih's
     * buffer is reported by check_line before anything is copied. */
    bool fits = len <= MT_INI_MAX_LINE && (int)len < num;
    if (fits) {
        memcpy(str, line, len);
        str[len] = '\0';
    }
    if (!check_line(st, fits ? str : line, len) || !fits) {
        strcpy(str, ";");   /* inih skips it; line numbers stay in step */
        st->continuation = false;
    }
    return str;
}

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
    reader_state *st = user;
    if (!st->cb->on_key)
        return 1;
    return st->cb->on_key(st->cb->user, section, name, value, st->line, st->continuation);
}

mt_error mt_ini_parse_buffer(const char *name, const char *text, size_t size,
                             const mt_ini_callbacks *cb, mt_diags *diags)
{
    reader_state st = {
        .name = name, .text = text, .size = size, .cb = cb, .diags = diags,
    };
    int r = ini_parse_stream(read_line, &st, on_pair, &st);
    if (r == -2)
        return MT_ERROR_NOMEM;
    if (r > 0 && !st.syntax_error) {
        /* inih found something our checks did not: still name the line. */
        mt_diags_add(diags, name, r, MT_SEV_ERROR, "syntax error");
        st.syntax_error = true;
    }
    return st.syntax_error ? MT_ERROR_INI_SYNTAX : MT_OK;
}

/* Opening a FIFO that no one writes to would wait for ever: open without
 * waiting, then read normally (a pipe without a writer reads as empty). */
static FILE *open_for_reading(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return fp;
}

/* ---- text or not ---------------------------------------------------------- */

#define NOT_TEXT(what) "this is not a text file (it looks like " what ")"

/* File signatures of what is most often given by mistake: the reports the
 * tool writes, office files, images, archives. */
static const struct signature {
    const char *bytes;
    size_t len;
    const char *message;   /* NULL: a ZIP file, see zip_kind */
} signatures[] = {
    { "%PDF-", 5, NOT_TEXT("a PDF document") },
    { "PK\x03\x04", 4, NULL },
    { "PK\x05\x06", 4, NULL },
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
      NOT_TEXT("an Excel or Word file of the old kind, .xls or .doc") },
    { "\x89PNG\r\n\x1A\n", 8, NOT_TEXT("a PNG image") },
    { "\xFF\xD8\xFF", 3, NOT_TEXT("a JPEG image") },
    { "GIF87a", 6, NOT_TEXT("a GIF image") },
    { "GIF89a", 6, NOT_TEXT("a GIF image") },
    { "\x1F\x8B", 2, NOT_TEXT("a gzip-compressed file") },
    { "\x7F" "ELF", 4, NOT_TEXT("a program") },
};

/* A ZIP file's first entries are named in the clear: an XLSX workbook has
 * xl/ parts, a DOCX document word/ parts. */
static const char *zip_kind(const char *data, size_t n)
{
    if (memmem(data, n, "xl/", 3))
        return NOT_TEXT("an XLSX workbook");
    if (memmem(data, n, "word/", 5))
        return NOT_TEXT("a DOCX document");
    return NOT_TEXT("an XLSX workbook or other ZIP file");
}

static const char *signature_kind(const char *data, size_t n)
{
    for (size_t i = 0; i < sizeof signatures / sizeof signatures[0]; i++) {
        const struct signature *s = &signatures[i];
        if (n >= s->len && memcmp(data, s->bytes, s->len) == 0)
            return s->message ? s->message : zip_kind(data, n);
    }
    return NULL;
}

/* UTF-16 text has a byte-order mark, or, in Latin script, a NUL in every
 * other byte. */
static bool looks_utf16(const unsigned char *p, size_t n, size_t nul_even, size_t nul_odd)
{
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return true;
    size_t nul = nul_even + nul_odd, most = nul_even > nul_odd ? nul_even : nul_odd;
    return n >= 16 && nul * 4 >= n && most * 10 >= nul * 9;
}

/* What a sample holds that text does not, counted in bytes (NUL) and in
 * pieces: lines, and lines longer than PIECE bytes in parts of PIECE. A
 * binary file spreads its bad bytes over many pieces, a text file with a
 * damaged line or a pasted character has them in a few. */
typedef struct sample_counts {
    size_t nul_even, nul_odd;  /* NUL bytes at even and odd offsets */
    size_t non_ascii;          /* pieces with a NUL or a byte above 0x7F */
    size_t bad;                /* of those, the ones with a NUL or invalid UTF-8 */
    size_t control;            /* of those, the ones with a NUL or a control code */
} sample_counts;

#define PIECE 256

/* A control code no text file holds: white space and ESC (which hostile
 * text brings, and the loaders neutralise) do not count. */
static bool is_control(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r'
           && c != 0x1B;
}

static size_t utf8_expected_len(unsigned char c)
{
    return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
}

/* Counts the piece that starts at p[*i] and ends at the line end `end` or
 * PIECE bytes on (a character is not split); *i moves past it. n is the
 * size of the sample. */
static void count_piece(const unsigned char *p, size_t *i, size_t end, size_t n,
                        sample_counts *c)
{
    bool non_ascii = false, bad = false, control = false;
    size_t stop = *i + PIECE < end ? *i + PIECE : end;
    while (*i < stop) {
        unsigned char b = p[*i];
        if (b < 0x80) {
            if (b == 0)
                *(*i % 2 ? &c->nul_odd : &c->nul_even) += 1;
            non_ascii |= b == 0;
            bad |= b == 0;
            control |= is_control(b);
            (*i)++;
            continue;
        }
        size_t len = utf8_expected_len(b);
        if (*i + len > n) {
            *i = end;   /* cut by the end of the sample: not known to be bad */
            break;
        }
        bool valid = len > 1 && *i + len <= end && mt_utf8_valid((const char *)p + *i, len);
        non_ascii = true;
        bad |= !valid;
        *i += valid ? len : 1;
    }
    c->non_ascii += non_ascii;
    c->bad += bad;
    c->control += bad && control;
}

static sample_counts count_sample(const unsigned char *p, size_t n)
{
    sample_counts c = { 0 };
    for (size_t i = 0; i < n;) {
        const unsigned char *nl = memchr(p + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - p) : n;
        while (i < end)
            count_piece(p, &i, end, n, &c);
        i = end + 1;
    }
    return c;
}

const char *mt_not_text_reason(const char *data, size_t size)
{
    size_t n = size < MT_SNIFF_BYTES ? size : MT_SNIFF_BYTES;
    const char *known = signature_kind(data, n);
    if (known)
        return known;
    const unsigned char *p = (const unsigned char *)data;
    sample_counts c = count_sample(p, n);
    size_t nul = c.nul_even + c.nul_odd;
    if (looks_utf16(p, n, c.nul_even, c.nul_odd))
        return "this is not a UTF-8 text file (it looks like UTF-16 text): save it as UTF-8";
    if (n >= 16 && nul * 10 >= n * 9)
        return "this is not a text file (it is almost all NUL bytes)";
    /* A text file with a few bad pieces keeps its line checks, which name
     * their lines; one that is mostly bad pieces is binary when they hold
     * control codes, else text in another encoding. */
    if (c.bad < MT_SNIFF_FEW_PIECES || c.bad * 2 <= c.non_ascii)
        return NULL;
    if (c.control * 4 >= c.bad)
        return NOT_TEXT("binary data");
    return "this is not a UTF-8 text file (it looks like text in another encoding, "
           "such as Windows-1252 or ISO-8859-8): save it as UTF-8";
}

/* "16 MiB", or "64 KiB" for a limit under a mebibyte. */
static void format_size(char *buf, size_t len, size_t bytes)
{
    if (bytes >= 1024u * 1024u)
        snprintf(buf, len, "%zu MiB", bytes / (1024u * 1024u));
    else
        snprintf(buf, len, "%zu KiB", bytes / 1024u);
}

/* Reads fp to its end into *buf (n bytes, NUL-terminated room kept). */
static mt_error read_stream(FILE *fp, const char *path, size_t max_size, bool text_only,
                            char **buf, size_t *n, mt_diags *diags)
{
    size_t cap = 0;
    for (;;) {
        if (!mt_grow((void **)buf, &cap, *n + 65536 + 1, 1))
            return MT_ERROR_NOMEM;
        size_t got = fread(*buf + *n, 1, cap - *n - 1, fp);
        /* Judged on the first block, before the size: a 100 MB PDF is
         * named as a PDF, and /dev/zero is not read to the limit. */
        const char *not_text = text_only && *n == 0 ? mt_not_text_reason(*buf, got) : NULL;
        *n += got;
        if (not_text) {
            mt_diags_add(diags, path, 0, MT_SEV_ERROR, "%s", not_text);
            return MT_ERROR_NOT_TEXT;
        }
        if (*n > max_size) {
            char limit[32];
            format_size(limit, sizeof limit, max_size);
            mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                         "file is larger than %s, more than any file maturity reads", limit);
            return MT_ERROR_FILE_OPEN;
        }
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot read: %s", strerror(errno));
        return MT_ERROR_FILE_OPEN;
    }
    return MT_OK;
}

static mt_error read_whole(const char *path, size_t max_size, bool text_only, char **out,
                           size_t *size, mt_diags *diags)
{
    *out = NULL;
    *size = 0;
    FILE *fp = open_for_reading(path);
    if (!fp) {
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot open: %s", strerror(errno));
        return MT_ERROR_FILE_OPEN;
    }
    struct stat sb;
    if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(fp);
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "is a folder, not a file");
        return MT_ERROR_FILE_OPEN;
    }
    char *buf = NULL;
    size_t n = 0;
    mt_error err = read_stream(fp, path, max_size, text_only, &buf, &n, diags);
    fclose(fp);
    if (err) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *out = buf;
    *size = n;
    return MT_OK;
}

mt_error mt_read_file(const char *path, size_t max_size, char **out, size_t *size,
                      mt_diags *diags)
{
    return read_whole(path, max_size, true, out, size, diags);
}

mt_error mt_read_bytes(const char *path, size_t max_size, char **out, size_t *size,
                       mt_diags *diags)
{
    return read_whole(path, max_size, false, out, size, diags);
}
