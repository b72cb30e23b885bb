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

mt_error mt_read_file(const char *path, size_t max_size, char **out, size_t *size,
                      mt_diags *diags)
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
    size_t cap = 0, n = 0;
    char *buf = NULL;
    mt_error err = MT_OK;
    for (;;) {
        if (!mt_grow((void **)&buf, &cap, n + 65536 + 1, 1)) {
            err = MT_ERROR_NOMEM;
            break;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (n > max_size) {
            mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                         "file is larger than %zu MiB, more than any file maturity reads",
                         max_size / (1024 * 1024));
            err = MT_ERROR_FILE_OPEN;
            break;
        }
        if (got == 0)
            break;
    }
    if (!err && ferror(fp)) {
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot read: %s", strerror(errno));
        err = MT_ERROR_FILE_OPEN;
    }
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
