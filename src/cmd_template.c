/*
 * cmd_template.c - `maturity template [-q Q] [-o FILE] [--lang L] [--force]`:
 * a blank answers file to fill in by hand.
 *
 * The [meta] keys are there with empty values; every item of the
 * questionnaire is an empty `id =` line, with a comment above it that
 * gives its question, its type and the values it takes, section by
 * section. An empty value is "not answered" (docs/answers-format.md), so
 * the template loads with `maturity score` as it is, and after any part
 * of it is filled in. Everything about the items comes from the
 * questionnaire; the template's own words from labels.c (text.template.).
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "maturity/atomic.h"
#include "maturity/commands.h"
#include "maturity/labels.h"
#include "maturity/util.h"

#define DEFAULT_QUESTIONNAIRE "digital-marketing"
/* Comment lines stay far below the reader's 198-byte limit, in Hebrew too. */
#define COMMENT_CHARS 72
#define COMMENT_BYTES 160

typedef struct template_args {
    const char *qarg;
    const char *output;
    const char *lang;
    bool force;
} template_args;

/* What the template is written with: the model, the language, the text. */
typedef struct template {
    const mt_questionnaire *q;
    int lang;
    const char *code;
    char *text;
    bool nomem;
} template;

static int parse_args(int argc, char **argv, template_args *a)
{
    enum { OPT_LANG = 256, OPT_FORCE };
    static const struct option longopts[] = {
        { "questionnaire", required_argument, NULL, 'q' },
        { "output", required_argument, NULL, 'o' },
        { "lang", required_argument, NULL, OPT_LANG },
        { "force", no_argument, NULL, OPT_FORCE },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":q:o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': a->qarg = optarg; break;
        case 'o': a->output = optarg; break;
        case OPT_LANG: a->lang = optarg; break;
        case OPT_FORCE: a->force = true; break;
        default: return cli_option_error("template", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("template", "unexpected argument '%s'", argv[optind]);
    return MT_EXIT_OK;
}

/* ---- building the text ---------------------------------------------------- */

static const char *L(const template *t, const char *key)
{
    return mt_label(t->code, key);
}

static const char *T(const template *t, const mt_text *text)
{
    return mt_text_get(text, t->lang);
}

static void put(template *t, const char *s)
{
    if (!t->nomem && !mt_str_append(&t->text, "", s))
        t->nomem = true;
}

static void putf(template *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void putf(template *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    if (!s)
        t->nomem = true;
    else
        put(t, s);
    free(s);
}

/* Bytes of the longest prefix of word that fits in chars characters and
 * bytes bytes, never cutting a character. */
static size_t fitting_bytes(const char *word, size_t len, size_t chars, size_t bytes)
{
    size_t i = 0, n = 0;
    while (i < len && n < chars) {
        size_t next = i + 1;
        while (next < len && ((unsigned char)word[next] & 0xC0) == 0x80)
            next++;
        if (next > bytes)
            break;
        i = next;
        n++;
    }
    return i ? i : (len ? 1 : 0);
}

/* Characters and bytes used on the comment line being built. */
typedef struct comment_line {
    size_t chars, bytes;
    bool empty;
    const char *hang;    /* the lead of the lines after the first */
} comment_line;

static void comment_start(template *t, comment_line *cl, const char *lead)
{
    put(t, "; ");
    put(t, lead);
    cl->chars = cl->bytes = strlen(lead);
    cl->empty = true;
}

static size_t chars_of(const char *s, size_t len)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

static void comment_word(template *t, comment_line *cl, const char *word, size_t len)
{
    size_t chars = chars_of(word, len);
    if (!cl->empty && (cl->chars + 1 + chars > COMMENT_CHARS ||
                       cl->bytes + 1 + len > COMMENT_BYTES)) {
        put(t, "\n");
        comment_start(t, cl, cl->hang);
    }
    while (len) {
        if (!cl->empty) {
            put(t, " ");
            cl->chars++;
            cl->bytes++;
        }
        size_t room_chars = COMMENT_CHARS > cl->chars ? COMMENT_CHARS - cl->chars : 1;
        size_t room_bytes = COMMENT_BYTES > cl->bytes ? COMMENT_BYTES - cl->bytes : 1;
        size_t take = fitting_bytes(word, len, room_chars, room_bytes);
        char *piece = mt_strndup(word, take);
        put(t, piece ? piece : "");
        free(piece);
        cl->chars += chars_of(word, take);
        cl->bytes += take;
        cl->empty = false;
        word += take;
        len -= take;
        if (len) {   /* a word longer than a line goes on, cut */
            put(t, "\n");
            comment_start(t, cl, cl->hang);
        }
    }
}

/*
 * Writes text as comment lines ("; " and lead on the first, hang on the
 * others), wrapped at spaces. Line breaks and other control characters in
 * text become spaces: a comment is one line, and the reader must never
 * see a line that is not one.
 */
static void comment_hanging(template *t, const char *lead, const char *hang, const char *text)
{
    comment_line cl = { .hang = hang };
    comment_start(t, &cl, lead);
    const char *p = text ? text : "";
    for (;;) {
        while (*p && (unsigned char)*p <= ' ')
            p++;
        if (!*p)
            break;
        size_t len = 0;
        while (p[len] && (unsigned char)p[len] > ' ')
            len++;
        comment_word(t, &cl, p, len);
        p += len;
    }
    put(t, "\n");
}

static void comment(template *t, const char *lead, const char *text)
{
    comment_hanging(t, lead, lead, text);
}

static void commentf(template *t, const char *lead, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void commentf(template *t, const char *lead, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    if (!s)
        t->nomem = true;
    else
        comment(t, lead, s);
    free(s);
}

static void write_header(template *t)
{
    const mt_questionnaire *q = t->q;
    commentf(t, "", L(t, "text.template.title"), T(t, &q->title), q->id, q->version);
    comment(t, "", L(t, "text.template.how"));
    comment(t, "", L(t, "text.template.check"));
    put(t, "\n[meta]\n");
    putf(t, "questionnaire = %s\nversion = %s\nhash = %s\n", q->id, q->version, q->hash);
    comment(t, "", L(t, "text.template.meta"));
    put(t, "organisation =\nrespondent =\nrole =\n");
    comment(t, "", L(t, "text.template.date"));
    putf(t, "date =\nlanguage = %s\nassessor =\n", t->code);
}

static char *shortest(double v)
{
    return mt_asprintf("%g", v);
}

/* "  2 Winning new customers ...", continued under the label's first word. */
static void write_option(template *t, size_t number, const char *label)
{
    char lead[32];
    snprintf(lead, sizeof lead, "  %zu ", number);
    char hang[32];
    snprintf(hang, sizeof hang, "%*s", (int)strlen(lead), "");
    comment_hanging(t, lead, hang, label);
}

/* What the item takes, in words: "a point from 1 to 5", "option numbers ...". */
static void write_values(template *t, const mt_item *it)
{
    const mt_questionnaire *q = t->q;
    switch (it->type) {
    case MT_ITEM_LIKERT: {
        const mt_scale *sc = &q->scales[it->scale];
        commentf(t, "", L(t, "text.template.likert"), sc->points);
        for (int i = 0; i < sc->points; i++)
            write_option(t, (size_t)i + 1, T(t, &sc->labels[i]));
        break;
    }
    case MT_ITEM_CHOICE:
    case MT_ITEM_MULTI:
        commentf(t, "", L(t, it->type == MT_ITEM_CHOICE ? "text.template.choice"
                                                        : "text.template.multi"),
                 it->noptions);
        for (size_t i = 0; i < it->noptions; i++)
            write_option(t, i + 1, T(t, &it->options[i].label));
        break;
    case MT_ITEM_NUMBER: {
        char *lo = shortest(it->min), *hi = shortest(it->max);
        commentf(t, "", L(t, "text.template.number"), lo ? lo : "", hi ? hi : "",
                 T(t, &it->unit));
        free(lo);
        free(hi);
        break;
    }
    case MT_ITEM_TEXT:
        comment(t, "", L(t, "text.template.text"));
        break;
    }
    if (it->dont_know)
        comment(t, "", L(t, "text.template.dont_know"));
}

static void write_item(template *t, const mt_item *it)
{
    put(t, "\n");
    commentf(t, "", "%s · %s%s%s", it->id, mt_item_type_name(it->type),
             it->required ? " · " : "", it->required ? L(t, "text.template.required") : "");
    comment(t, "", T(t, &it->text));
    write_values(t, it);
    putf(t, "%s =\n", it->id);
}

static void write_answers(template *t)
{
    const mt_questionnaire *q = t->q;
    put(t, "\n[answers]\n");
    long section = -1;
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *it = &q->items[i];
        if ((long)it->section != section) {
            section = (long)it->section;
            put(t, "\n");
            commentf(t, "", "==== %s ====", T(t, &q->sections[section].title));
        }
        write_item(t, it);
    }
}

static void write_notes(template *t)
{
    put(t, "\n[notes]\n");
    comment(t, "", L(t, "text.template.notes"));
}

/* ---- the command ------------------------------------------------------------ */

static int choose_language(const mt_questionnaire *q, const char *want, template *t)
{
    int i = want ? questionnaire_lang_index(q, want) : 0;
    if (i < 0) {
        fprintf(stderr, "maturity template: unknown language '%s'; %s declares:", want, q->id);
        for (size_t k = 0; k < q->nlangs; k++)
            fprintf(stderr, " %s", q->languages[k]);
        fputc('\n', stderr);
        return MT_EXIT_USAGE;
    }
    t->lang = i;
    t->code = q->languages[i];
    return MT_EXIT_OK;
}

/* An existing file may hold answers: it is replaced only with --force. */
static int check_target(const template_args *a)
{
    struct stat st;
    if (!a->output || strcmp(a->output, "-") == 0 || a->force || stat(a->output, &st) != 0 ||
        !S_ISREG(st.st_mode))
        return MT_EXIT_OK;
    fprintf(stderr, "%s: error: the file exists (it may hold answers); give another name, "
                    "or --force to replace it\n", a->output);
    return MT_EXIT_OUTPUT;
}

static int write_out(const template_args *a, const char *text)
{
    if (!a->output || strcmp(a->output, "-") == 0) {
        fputs(text, stdout);
        return MT_EXIT_OK;   /* a failed write to stdout is found by the final flush */
    }
    errno = 0;
    mt_error err = mt_atomic_write(a->output, text, strlen(text));
    if (err != MT_OK) {
        int why = errno;
        fprintf(stderr, "%s: error: cannot write the template: %s\n", a->output,
                err == MT_ERROR_FILE_WRITE && why ? strerror(why) : mt_strerror(err));
        return cli_exit_code(err);
    }
    fprintf(stderr, "wrote %s\n", a->output);
    return MT_EXIT_OK;
}

int cmd_template(int argc, char **argv)
{
    template_args a = { 0 };
    int rc = parse_args(argc, argv, &a);
    if (rc == MT_EXIT_OK)
        rc = check_target(&a);
    if (rc != MT_EXIT_OK)
        return rc;
    char *path = NULL;
    mt_questionnaire *q = NULL;
    rc = cli_resolve_questionnaire("template", a.qarg ? a.qarg : DEFAULT_QUESTIONNAIRE, &path);
    if (rc == MT_EXIT_OK)
        rc = cli_load_questionnaire(path, &q);
    template t = { .q = q };
    if (rc == MT_EXIT_OK)
        rc = choose_language(q, a.lang, &t);
    if (rc == MT_EXIT_OK) {
        write_header(&t);
        write_answers(&t);
        write_notes(&t);
        rc = t.nomem ? MT_EXIT_SOFTWARE : write_out(&a, t.text);
        if (t.nomem)
            fprintf(stderr, "maturity template: out of memory\n");
    }
    free(t.text);
    questionnaire_free(q);
    free(path);
    return rc;
}
