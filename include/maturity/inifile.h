/*
 * inifile.h - reads INI files for every loader, with real line numbers.
 *
 * The only module that includes <ini.h>. Debian's inih cuts lines longer
 * than 200 bytes without saying so; this reader refuses them instead, naming
 * the real line, and also rejects NUL bytes, invalid UTF-8 and over-long
 * section names and keys, which inih would truncate silently. Every file
 * the tool reads (the CSV of an import too) is read by mt_read_file, which
 * refuses one that is not text at all (a PDF, a workbook) with one message
 * instead of one for each of its lines.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_INIFILE_H
#define MATURITY_INIFILE_H

#include "maturity/error.h"

/** Longest line, in bytes, without its line end. */
#define MT_INI_MAX_LINE 198
/** Longest section name or key, in bytes. */
#define MT_INI_MAX_NAME 48

/**
 * Called for every key. `line` is the line the key (or the continuation)
 * is on. `continuation` is nonzero when value continues the previous key on
 * an indented line. Strings are valid only during the call. Return 0 to
 * report nothing more (the handler should add its own diagnostic).
 */
typedef int (*mt_ini_handler)(void *user, const char *section, const char *key,
                              const char *value, int line, int continuation);
/** Called for every section header, even an empty section. May be NULL. */
typedef void (*mt_ini_section_handler)(void *user, const char *section, int line);

typedef struct mt_ini_callbacks {
    mt_ini_handler on_key;
    mt_ini_section_handler on_section;
    void *user;
} mt_ini_callbacks;

/**
 * Parses `size` bytes of INI text named `name` (for messages). Every problem
 * goes to diags; parsing goes on after an error so that all are reported.
 * Returns MT_OK, MT_ERROR_INI_SYNTAX when a syntax problem was found, or
 * MT_ERROR_NOMEM.
 */
mt_error mt_ini_parse_buffer(const char *name, const char *text, size_t size,
                             const mt_ini_callbacks *cb, mt_diags *diags);

/** How much of the start of a file mt_not_text_reason looks at. */
#define MT_SNIFF_BYTES 8192
/** Fewer pieces (lines, and 256-byte parts of longer ones) with a NUL or
 *  invalid UTF-8 than this in those bytes are stray bad bytes in a text
 *  file, which the line checks name one by one. */
#define MT_SNIFF_FEW_PIECES 8

/**
 * Why data, the start of a file, is not text maturity reads, as the message
 * to give: "this is not a text file (it looks like a PDF document)", or an
 * XLSX workbook or other ZIP file, an image (by their signatures); UTF-16
 * text; almost all NUL bytes; binary data or text in another encoding
 * (MT_SNIFF_FEW_PIECES pieces or more with a NUL or invalid UTF-8, and
 * more of them than pieces with valid UTF-8 beyond ASCII: binary when a
 * quarter of them hold NUL bytes or control codes). NULL when it is text,
 * a few stray bad bytes included. Looks at the first MT_SNIFF_BYTES only.
 */
const char *mt_not_text_reason(const char *data, size_t size);

/**
 * Reads a whole file into a NUL-terminated buffer (at most max_size bytes).
 * MT_ERROR_FILE_OPEN when it cannot be read or is too large,
 * MT_ERROR_NOT_TEXT when its start is not text (mt_not_text_reason), each
 * with one diagnostic naming the file.
 */
mt_error mt_read_file(const char *path, size_t max_size, char **out, size_t *size,
                      mt_diags *diags);
/** mt_read_file for any content, text or not (the fuzz corpus replay). */
mt_error mt_read_bytes(const char *path, size_t max_size, char **out, size_t *size,
                       mt_diags *diags);

/** Largest file any loader reads: a questionnaire or answers file is far smaller. */
#define MT_MAX_INPUT_FILE (16u * 1024u * 1024u)

#endif
