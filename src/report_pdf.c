/*
 * report_pdf.c - the PDF report: what a consultant hands to a client.
 * See documentation in report.h.
 *
 * The only module that includes <hpdf.h>. A small layout layer sits on top
 * of libharu: a cursor that flows down the content box and breaks pages,
 * a word-wrap loop of our own, and mirrored coordinates for right-to-left
 * languages, so that the section code says "at the start of the line" and
 * never "at the left". Every word the tool says comes from mt_label();
 * everything about the marketing model comes from the questionnaire.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/report.h"

#include <hpdf.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <libgen.h>
#include <time.h>
#include <unistd.h>

#include "maturity/atomic.h"
#include "maturity/bidi.h"
#include "maturity/brand.h"
#include "maturity/fonts.h"
#include "maturity/group_roles.h"
#include "maturity/labels.h"
#include "maturity/util.h"

/* ------------------------------------------------------------------ */
/* Geometry and styles                                                 */

#define MARGIN_SIDE 56.0f
#define MARGIN_TOP 72.0f
#define MARGIN_BOTTOM 64.0f
#define HEADER_Y 40.0f    /* baseline of the running header, from the top */
#define FOOTER_Y 34.0f    /* baseline of the footer, from the bottom */

typedef struct rgb {
    float r, g, b;
} rgb;

static const rgb INK = { 0.13f, 0.14f, 0.17f };
static const rgb MUTED = { 0.42f, 0.43f, 0.47f };
static const rgb RULE = { 0.80f, 0.81f, 0.84f };
static const rgb PALE = { 0.94f, 0.95f, 0.96f };
static const rgb WHITE = { 1.0f, 1.0f, 1.0f };
static const rgb DEFAULT_ACCENT = { 0.12f, 0.36f, 0.60f };
/* Band zones: good end and bad end; bands in between are mixed. */
static const rgb ZONE_GOOD = { 0.80f, 0.91f, 0.82f };
static const rgb ZONE_BAD = { 0.97f, 0.80f, 0.78f };
/* Archetypes are profiles, neither good nor bad: their zones go from light
 * to darker grey-blue, with no red or green. */
static const rgb ZONE_PLAIN_LOW = { 0.94f, 0.95f, 0.97f };
static const rgb ZONE_PLAIN_HIGH = { 0.80f, 0.84f, 0.90f };

typedef enum colour_role { C_INK, C_MUTED, C_ACCENT, C_WHITE } colour_role;

typedef struct style {
    bool bold;
    float size;
    float leading;
    colour_role colour;
} style;

static const style S_TITLE = { true, 26.0f, 32.0f, C_INK };
static const style S_H1 = { true, 18.0f, 24.0f, C_ACCENT };
static const style S_H2 = { true, 13.0f, 18.0f, C_ACCENT };
static const style S_H3 = { true, 10.5f, 15.0f, C_INK };
static const style S_BODY = { false, 9.5f, 13.5f, C_INK };
static const style S_BOLD = { true, 9.5f, 13.5f, C_INK };
static const style S_SMALL = { false, 8.0f, 11.0f, C_MUTED };
static const style S_NOTE = { false, 8.5f, 12.0f, C_MUTED };
static const style S_BIG = { true, 16.0f, 21.0f, C_ACCENT };
static const style S_CHART = { false, 7.5f, 9.5f, C_INK };
static const style S_CHART_BOLD = { true, 7.5f, 9.5f, C_INK };

/** Physical alignment of one line around x. */
typedef enum align { AL_LEFT, AL_RIGHT, AL_CENTER } align;

/* ------------------------------------------------------------------ */
/* The writer's state                                                  */

typedef struct pdf {
    HPDF_Doc doc;
    HPDF_Font regular, bold;
    HPDF_Page page;
    HPDF_Page *pages;
    size_t npages, cap;
    HPDF_PageSizes paper;
    float pw, ph;          /* page size */
    float left, right;     /* content box, physical */
    float top, bottom;
    float y;               /* cursor: top of the next line */
    bool rtl;
    const mt_assessment *as;       /* one respondent's report, else NULL */
    const mt_group_view *gv;       /* a group's report, else NULL */
    const mt_questionnaire *q;
    /* what every section reads, from either: the result shown and its rules */
    const mt_result *result;
    const mt_recommendations *recs;
    const char *org;               /* for the running header; NULL when none */
    /* follow-up and norms, from either; NULL when not asked for */
    const mt_baseline *baseline;
    const mt_questionnaire *baseline_q;
    const char *baseline_label, *baseline_date;
    size_t baseline_respondents;
    const mt_norms *norms;
    const mt_brand *brand;
    const mt_report_options *opt;
    const char *lang;      /* label language */
    int li;                /* questionnaire language index */
    rgb accent;
    HPDF_ExtGState translucent;
    HPDF_ExtGState half_opaque;   /* the group's dots: overlaps darken */
    const char *replacement;   /* stands for a control character in people's text */
    /* the first error libharu reported, and our own */
    HPDF_STATUS error_no, detail_no;
    bool failed, nomem;
    const char *failed_logo;   /* set when it was the logo that failed */
} pdf;

/* libharu calls this for every error; the first one is the one that
 * explains the rest, so only it is kept. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf *p = user;
    if (!p->failed) {
        p->error_no = error_no;
        p->detail_no = detail_no;
    }
    p->failed = true;
}

static bool broken(const pdf *p)
{
    return p->failed || p->nomem;
}

static const char *L(const pdf *p, const char *key)
{
    return mt_label(p->lang, key);
}

static const char *T(const pdf *p, const mt_text *t)
{
    return mt_text_get(t, p->li);
}

static float content_width(const pdf *p)
{
    return p->right - p->left;
}

/** Physical x of a box that starts lx points from the start of the line and is w wide. */
static float phys_x(const pdf *p, float lx, float w)
{
    return p->rtl ? p->right - lx - w : p->left + lx;
}

static align start_align(const pdf *p)
{
    return p->rtl ? AL_RIGHT : AL_LEFT;
}

static align end_align(const pdf *p)
{
    return p->rtl ? AL_LEFT : AL_RIGHT;
}

static rgb mix(rgb a, rgb b, float t)
{
    rgb c = { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
    return c;
}

static rgb role_colour(const pdf *p, colour_role role)
{
    switch (role) {
    case C_MUTED: return MUTED;
    case C_ACCENT: return p->accent;
    case C_WHITE: return WHITE;
    default: return INK;
    }
}

static void fill_colour(const pdf *p, rgb c)
{
    HPDF_Page_SetRGBFill(p->page, c.r, c.g, c.b);
}

static void stroke_colour(const pdf *p, rgb c)
{
    HPDF_Page_SetRGBStroke(p->page, c.r, c.g, c.b);
}

static void fill_rect(const pdf *p, float x, float y, float w, float h, rgb c)
{
    if (w <= 0 || h <= 0)
        return;
    fill_colour(p, c);
    HPDF_Page_Rectangle(p->page, x, y, w, h);
    HPDF_Page_Fill(p->page);
}

static void hline(const pdf *p, float x0, float x1, float y, float width, rgb c)
{
    stroke_colour(p, c);
    HPDF_Page_SetLineWidth(p->page, width);
    HPDF_Page_MoveTo(p->page, x0, y);
    HPDF_Page_LineTo(p->page, x1, y);
    HPDF_Page_Stroke(p->page);
}

/* ------------------------------------------------------------------ */
/* Text: measuring, bidi, drawing one line                             */

static HPDF_Font font_of(const pdf *p, const style *st)
{
    return st->bold ? p->bold : p->regular;
}

/* HPDF_Font_TextWidth is right for UTF-8 (HPDF_Font_MeasureText is not). */
static float width_of(const pdf *p, HPDF_Font font, float size, const char *s, size_t n)
{
    (void)p;
    if (n == 0)
        return 0;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)n);
    return (float)tw.width * size / 1000.0f;
}

static float text_width(const pdf *p, const style *st, const char *s)
{
    return width_of(p, font_of(p, st), st->size, s, strlen(s));
}

/* Every text is laid out and drawn as mt_text_clean leaves it: names,
 * notes and answers are typed or pasted by people, and a control code
 * would reach the page as a glyph-less character (and come back out of
 * pdftotext raw), a bidi override could reverse the text around it. The
 * layout (wrap_text, ellipsize) and the drawing (draw_line_in) both clean,
 * so widths are measured on what is drawn. NULL when out of memory. */
static char *clean(pdf *p, const char *s, size_t n)
{
    char *c = mt_text_clean(s, n, p->replacement ? p->replacement : "?");
    if (!c)
        p->nomem = true;
    return c;
}

/* The base direction of a paragraph: right to left in a right-to-left
 * report, unless the paragraph has no right-to-left letter at all (an
 * English organisation name in a Hebrew report), which then keeps its own
 * punctuation in place; it is still aligned to the start of the line.
 * An override character does not count as a letter. */
static bool paragraph_rtl(pdf *p, const char *text)
{
    if (!p->rtl)
        return false;
    char *c = clean(p, text, strlen(text));
    bool rtl = c && bidi_has_rtl(c);
    free(c);
    return rtl;
}

/* Draws one line, given in logical order, reordered for display. */
static void draw_line_in(pdf *p, const style *st, float x, float baseline, const char *text,
                         align al, bool rtl_base)
{
    char *logical = text[0] ? clean(p, text, strlen(text)) : NULL;
    char *vis = NULL;
    if (!logical || !logical[0]) {
        free(logical);
        return;
    }
    mt_error err = bidi_visual_line(logical, rtl_base, &vis);
    free(logical);
    if (err != MT_OK) {
        p->nomem = true;
        return;
    }
    float w = text_width(p, st, vis);
    if (al == AL_RIGHT)
        x -= w;
    else if (al == AL_CENTER)
        x -= w / 2;
    rgb c = role_colour(p, st->colour);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, font_of(p, st), st->size);
    HPDF_Page_SetRGBFill(p->page, c.r, c.g, c.b);
    HPDF_Page_TextOut(p->page, x, baseline, vis);
    HPDF_Page_EndText(p->page);
    free(vis);
}

static void draw_line(pdf *p, const style *st, float x, float baseline, const char *logical,
                      align al)
{
    draw_line_in(p, st, x, baseline, logical, al, paragraph_rtl(p, logical));
}

/* Replaces {1}, {2}, {3} in a label with the arguments (NULL ones are empty). */
static char *fill_in(pdf *p, const char *label, const char *a1, const char *a2, const char *a3)
{
    const char *args[3] = { a1, a2, a3 };
    char *out = mt_strdup("");
    for (const char *s = label; out && *s; s++) {
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '3' && s[2] == '}') {
            const char *a = args[s[1] - '1'];
            if (a && !mt_str_append(&out, "", a)) {
                free(out);
                out = NULL;
            }
            s += 2;
            continue;
        }
        char one[2] = { *s, '\0' };
        if (!mt_str_append(&out, "", one)) {
            free(out);
            out = NULL;
        }
    }
    if (!out)
        p->nomem = true;
    return out;
}

static char *fill_label(pdf *p, const char *key, const char *a1, const char *a2, const char *a3)
{
    return fill_in(p, L(p, key), a1, a2, a3);
}

/* Scores are shown as whole numbers; snprintf with %ld is locale-proof. */
static void format_score(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%ld", lround(v));
}

/* ------------------------------------------------------------------ */
/* Word wrap                                                           */

typedef struct lines {
    char **v;
    size_t n, cap;
} lines;

static void lines_free(lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i]);
    free(ls->v);
    memset(ls, 0, sizeof *ls);
}

static bool lines_push(lines *ls, const char *s, size_t n)
{
    if (!mt_grow((void **)&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v))
        return false;
    char *line = mt_strndup(s, n);
    if (!line)
        return false;
    ls->v[ls->n++] = line;
    return true;
}

static size_t utf8_next(const char *s, size_t i, size_t n)
{
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The longest prefix of a word (whole code points, at least one) that fits. */
static size_t fitting_prefix(const pdf *p, HPDF_Font f, float size, float width, const char *w,
                             size_t n)
{
    size_t fit = utf8_next(w, 0, n);
    for (size_t i = fit; i < n;) {
        size_t next = utf8_next(w, i, n);
        if (width_of(p, f, size, w, next) > width)
            break;
        fit = i = next;
    }
    return fit;
}

/* A line under construction: words joined by single spaces. */
typedef struct linebuf {
    char *s;
    size_t n, cap;
} linebuf;

static bool linebuf_add(linebuf *b, const char *word, size_t n)
{
    size_t need = b->n + (b->n ? 1 : 0) + n + 1;
    if (!mt_grow((void **)&b->s, &b->cap, need, 1))
        return false;
    if (b->n)
        b->s[b->n++] = ' ';
    memcpy(b->s + b->n, word, n);
    b->n += n;
    b->s[b->n] = '\0';
    return true;
}

/* Does the line plus one more word fit in width? */
static bool fits_with(const pdf *p, HPDF_Font f, float size, float width, linebuf *b,
                      const char *word, size_t n)
{
    size_t saved = b->n;
    if (!linebuf_add(b, word, n))
        return false;
    bool fits = width_of(p, f, size, b->s, b->n) <= width;
    b->n = saved;
    b->s[saved] = '\0';
    return fits;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Wraps one paragraph (no '\n') into ls; a word longer than a line is
 * broken between code points rather than left to overflow. */
static bool wrap_paragraph(const pdf *p, HPDF_Font f, float size, float width, const char *s,
                           size_t n, lines *ls)
{
    linebuf b = { 0 };
    bool ok = true;
    size_t i = 0;
    while (ok && i < n) {
        while (i < n && is_space(s[i]))
            i++;
        size_t start = i;
        while (i < n && !is_space(s[i]))
            i++;
        const char *word = s + start;
        size_t wn = i - start;
        while (ok && wn > 0) {
            if (fits_with(p, f, size, width, &b, word, wn)) {
                ok = linebuf_add(&b, word, wn);
                break;
            }
            if (b.n) {                 /* the word goes on the next line */
                ok = lines_push(ls, b.s, b.n);
                b.n = 0;
                continue;
            }
            size_t cut = fitting_prefix(p, f, size, width, word, wn);
            ok = lines_push(ls, word, cut);
            word += cut;
            wn -= cut;
        }
    }
    if (ok && (b.n || ls->n == 0))
        ok = lines_push(ls, b.s ? b.s : "", b.n);
    free(b.s);
    return ok;
}

/* Wraps text into lines no wider than width; '\n' starts a new paragraph. */
static bool wrap_text(pdf *p, const style *st, float width, const char *text, lines *ls)
{
    memset(ls, 0, sizeof *ls);
    HPDF_Font f = font_of(p, st);
    const char *s = text ? text : "";
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *para = clean(p, s, n);
        bool ok = para && wrap_paragraph(p, f, st->size, width, para, strlen(para), ls);
        free(para);
        if (!ok)
            break;
        if (!nl)
            return true;
        s = nl + 1;
    }
    lines_free(ls);
    p->nomem = true;
    return false;
}

/* Cuts a line to fit width, ending it with an ellipsis. Caller frees. */
static char *ellipsize(pdf *p, const style *st, const char *raw, float width)
{
    char *text = clean(p, raw, strlen(raw));
    if (!text || text_width(p, st, text) <= width)
        return text;
    static const char dots[] = "\xE2\x80\xA6";   /* U+2026 */
    size_t n = strlen(text);
    char *out = malloc(n + sizeof dots);
    if (!out) {
        free(text);
        return NULL;
    }
    float avail = width - text_width(p, st, dots);
    size_t cut = 0;
    for (size_t i = 0; i < n;) {
        size_t next = utf8_next(text, i, n);
        if (width_of(p, font_of(p, st), st->size, text, next) > avail)
            break;
        cut = i = next;
    }
    while (cut > 0 && text[cut - 1] == ' ')
        cut--;
    memcpy(out, text, cut);
    memcpy(out + cut, dots, sizeof dots);
    free(text);
    return out;
}

/* ------------------------------------------------------------------ */
/* Pages and the flowing cursor                                        */

static void running_header(pdf *p);

static void new_page(pdf *p)
{
    if (broken(p))
        return;
    if (!mt_grow((void **)&p->pages, &p->cap, p->npages + 1, sizeof *p->pages)) {
        p->nomem = true;
        return;
    }
    p->page = HPDF_AddPage(p->doc);
    if (!p->page)
        return;
    HPDF_Page_SetSize(p->page, p->paper, HPDF_PAGE_PORTRAIT);
    p->pages[p->npages++] = p->page;
    p->y = p->top;
    if (p->npages > 1)
        running_header(p);
}

/* Makes sure h points fit below the cursor, else starts a new page. */
static void need(pdf *p, float h)
{
    if (p->y - h < p->bottom && p->y < p->top)
        new_page(p);
}

static void gap(pdf *p, float h)
{
    p->y -= h;
    if (p->y < p->bottom)
        new_page(p);
}

/* Flows text in a column lx..lx+w (from the start of the line), breaking
 * pages as needed. */
static void flow_box(pdf *p, const style *st, float lx, float w, const char *text)
{
    lines ls;
    if (!text || !text[0] || !wrap_text(p, st, w, text, &ls))
        return;
    bool rtl_base = paragraph_rtl(p, text);
    for (size_t i = 0; i < ls.n && !broken(p); i++) {
        need(p, st->leading);
        float baseline = p->y - st->size;
        float x = p->rtl ? phys_x(p, lx, w) + w : phys_x(p, lx, w);
        draw_line_in(p, st, x, baseline, ls.v[i], start_align(p), rtl_base);
        p->y -= st->leading;
    }
    lines_free(&ls);
}

static void flow(pdf *p, const style *st, const char *text)
{
    flow_box(p, st, 0, content_width(p), text);
}

static void flow_indented(pdf *p, const style *st, float indent, const char *text)
{
    flow_box(p, st, indent, content_width(p) - indent, text);
}

/* Flows a label with {1}..{3} filled in. */
static void flow_label(pdf *p, const style *st, const char *key, const char *a1,
                       const char *a2, const char *a3)
{
    char *s = fill_label(p, key, a1, a2, a3);
    if (s)
        flow(p, st, s);
    free(s);
}

/* Height a text takes in a column, for keeping blocks together. */
static float text_height(pdf *p, const style *st, float w, const char *text)
{
    lines ls;
    if (!text || !text[0] || !wrap_text(p, st, w, text, &ls))
        return 0;
    float h = (float)ls.n * st->leading;
    lines_free(&ls);
    return h;
}

/* A section starts on a new page with its heading and a rule under it. */
static void section_heading(pdf *p, const char *text)
{
    new_page(p);
    flow(p, &S_H1, text);
    hline(p, p->left, p->right, p->y - 2, 1.2f, p->accent);
    p->y -= 14;
}

static float heading_gap(const style *st)
{
    return st == &S_H2 ? 8 : 4;
}

/* The height subheading() takes for a heading, gap above included: what a
 * heading keeps when the first thing under it is another heading. */
static float heading_height(pdf *p, const style *st, const char *text)
{
    return heading_gap(st) + text_height(p, st, content_width(p), text) + 2;
}

/* A heading is never left alone at the foot of a page: keep is the height
 * of what must stay on its page under it, at least the first line or row
 * of its content, and for a heading followed by a heading, that one's
 * heading_height() and its own keep. */
static void subheading(pdf *p, const style *st, const char *text, float keep)
{
    gap(p, heading_gap(st));
    need(p, text_height(p, st, content_width(p), text) + 2 + keep);
    flow(p, st, text);
    p->y -= 2;
}

/* A bullet (or number) at the start of the line and the text beside it. */
#define BULLET_INDENT 14.0f
#define NUMBER_INDENT 24.0f   /* room for "100." */

static void bullet(pdf *p, const style *st, const char *mark, float indent, const char *text)
{
    need(p, st->leading);
    float baseline = p->y - st->size;
    float x = p->rtl ? p->right : p->left;
    /* "1." reads ".1" in a right-to-left list, as Hebrew readers expect */
    draw_line_in(p, st, x, baseline, mark, start_align(p), p->rtl);
    flow_indented(p, st, indent, text);
}

/* ------------------------------------------------------------------ */
/* Running header and footer                                           */

static const char *organisation(const pdf *p)
{
    return p->org && p->org[0] ? p->org : NULL;
}

static void running_header(pdf *p)
{
    float base = p->ph - HEADER_Y;
    float half = content_width(p) / 2 - 8;
    char *title = ellipsize(p, &S_SMALL, T(p, &p->q->title), half);
    const char *org = organisation(p);
    char *org_short = org ? ellipsize(p, &S_SMALL, org, half) : NULL;
    if (!title || (org && !org_short))
        p->nomem = true;
    float start = p->rtl ? p->right : p->left, end = p->rtl ? p->left : p->right;
    if (title)
        draw_line(p, &S_SMALL, start, base, title, start_align(p));
    if (org_short)
        draw_line(p, &S_SMALL, end, base, org_short, end_align(p));
    hline(p, p->left, p->right, base - 6, 0.5f, RULE);
    free(title);
    free(org_short);
}

static const char *footer_credit(const pdf *p)
{
    const char *who = p->brand ? brand_text_get(&p->brand->consultant, p->lang) : NULL;
    return who ? who : NULL;
}

/* Footers are drawn once the page count is known ("Page 3 of 9"). */
static void draw_footers(pdf *p)
{
    char total[24];
    snprintf(total, sizeof total, "%zu", p->npages);
    float half = content_width(p) / 2 - 8;
    const char *credit = footer_credit(p);
    char *tool = fill_label(p, "pdf.footer.tool", p->opt && p->opt->tool_version
                                                      ? p->opt->tool_version : "", NULL, NULL);
    for (size_t i = 0; i < p->npages && !broken(p); i++) {
        p->page = p->pages[i];
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        char *label = fill_label(p, "pdf.page_of", num, total, NULL);
        char *left = ellipsize(p, &S_SMALL, credit ? credit : (tool ? tool : ""), half);
        float start = p->rtl ? p->right : p->left, end = p->rtl ? p->left : p->right;
        hline(p, p->left, p->right, FOOTER_Y + 12, 0.5f, RULE);
        if (left)
            draw_line(p, &S_SMALL, start, FOOTER_Y, left, start_align(p));
        if (label)
            draw_line(p, &S_SMALL, end, FOOTER_Y, label, end_align(p));
        free(label);
        free(left);
    }
    free(tool);
}

/* ------------------------------------------------------------------ */
/* Model helpers                                                       */

static const mt_construct_score *score_of(const pdf *p, size_t c)
{
    return &p->result->constructs[c];
}

static const mt_group *group_of(const pdf *p);

/* Whether construct c has a score at all. One respondent's score rests on
 * no answer when nothing loading on it was answered (coverage 0); a
 * group's when no respondent has a score on it. Such a score is shown as
 * "no data", never as a 0 that reads like a measured one, and is not
 * plotted; a low but non-zero coverage keeps its value, marked. */
static bool has_value(const pdf *p, size_t c)
{
    if (p->gv)
        return group_of(p)->constructs[c].stat.n > 0;
    return score_of(p, c)->coverage > 0;
}

/* Whether construct c's score is shown as a number and drawn: it has one,
 * resting on enough answers. A score on too few answers is given no
 * number, not even the one it has: "0 · insufficient data" reads as a
 * measured 0. */
static bool scored(const pdf *p, size_t c)
{
    return has_value(p, c) && score_of(p, c)->sufficient;
}

static const char *band_label(const pdf *p, size_t c)
{
    const mt_construct_score *s = score_of(p, c);
    if (!has_value(p, c))
        return L(p, "pdf.no_data");
    if (!s->sufficient)
        return L(p, "common.insufficient");
    const mt_band *b = questionnaire_band(p->q, c, s->band);
    return b ? T(p, &b->label) : "";
}

static bool percentile_of(const pdf *p, size_t c, double *out);

/* "72 · High", or "insufficient data (coverage 25%)", or "no data
 * (nothing answered)"; with norms, "72 · High · percentile 64". Caller frees. */
static char *score_phrase(pdf *p, size_t c)
{
    const mt_construct_score *s = score_of(p, c);
    char score[16], cov[16], pct[16];
    if (!has_value(p, c))
        return mt_strdup(L(p, p->gv ? "pdf.score_no_data_group" : "pdf.score_no_data"));
    format_score(score, sizeof score, s->score);
    format_score(cov, sizeof cov, s->coverage);
    if (!s->sufficient)
        return fill_label(p, "pdf.score_insufficient", L(p, "common.insufficient"), cov, NULL);
    double v;
    if (!percentile_of(p, c, &v))
        return fill_label(p, "pdf.score_band", score, band_label(p, c), cov);
    format_score(pct, sizeof pct, v);
    return fill_label(p, "pdf.norms.score_band_percentile", score, band_label(p, c), pct);
}

/* Constructs of one kind, in file order. Caller frees. */
static size_t *constructs_of(pdf *p, mt_construct_kind kind, size_t *n)
{
    *n = 0;
    size_t *v = calloc(p->q->nconstructs + 1, sizeof *v);
    if (!v) {
        p->nomem = true;
        return NULL;
    }
    for (size_t i = 0; i < p->q->nconstructs; i++)
        if (p->q->constructs[i].kind == kind)
            v[(*n)++] = i;
    return v;
}

static const char *construct_name(const pdf *p, long c)
{
    return c >= 0 ? T(p, &p->q->constructs[c].name) : "";
}

/* Bands above the lowest are the ones worth a reader's attention. */
static bool barrier_flagged(const pdf *p, size_t c)
{
    const mt_construct_score *s = score_of(p, c);
    return s->sufficient && s->band > 0;
}

static bool barrier_top_band(const pdf *p, size_t c)
{
    const mt_construct_score *s = score_of(p, c);
    const mt_bandset *bs = &p->q->bandsets[p->q->constructs[c].bandset];
    return s->sufficient && bs->nbands > 1 && s->band + 1 == bs->nbands;
}

/* ------------------------------------------------------------------ */
/* Cover                                                               */

static void draw_logo(pdf *p, float *logo_h)
{
    *logo_h = 0;
    if (!p->brand || !p->brand->logo)
        return;
    HPDF_Image img = p->brand->logo_format == MT_LOGO_PNG
                         ? HPDF_LoadPngImageFromFile(p->doc, p->brand->logo)
                         : HPDF_LoadJpegImageFromFile(p->doc, p->brand->logo);
    if (!img) {
        p->failed_logo = p->brand->logo;
        return;
    }
    float iw = (float)HPDF_Image_GetWidth(img), ih = (float)HPDF_Image_GetHeight(img);
    if (iw <= 0 || ih <= 0)
        return;
    float scale = fminf(150.0f / iw, 64.0f / ih);
    float w = iw * scale, h = ih * scale;
    HPDF_Page_DrawImage(p->page, img, phys_x(p, 0, w), p->y - h, w, h);
    *logo_h = h;
}

/* One "label: value" line of the cover's table, value wrapped beside it. */
static void cover_field(pdf *p, const char *key, const char *value)
{
    if (!value || !value[0])
        return;
    float col = 130;
    float h = text_height(p, &S_BODY, content_width(p) - col, value);
    need(p, h);
    float top = p->y;
    flow_box(p, &S_SMALL, 0, col - 8, L(p, key));
    float after_label = p->y;
    p->y = top;
    flow_box(p, &S_BODY, col, content_width(p) - col, value);
    if (after_label < p->y)
        p->y = after_label;
    p->y -= 4;
}

static void cover_meta(pdf *p)
{
    const mt_meta *m = &p->as->answers->meta;
    char *who = NULL;
    if (m->respondent && m->respondent[0] && m->role && m->role[0])
        who = fill_label(p, "pdf.cover.respondent_role", m->respondent, m->role, NULL);
    else
        who = mt_strdup(m->respondent && m->respondent[0] ? m->respondent : m->role);
    cover_field(p, "pdf.cover.respondent", who);
    free(who);
    cover_field(p, "pdf.cover.assessor", m->assessor);
    cover_field(p, "pdf.cover.date", m->date && m->date[0] ? m->date : L(p, "pdf.cover.no_date"));
    char *qline = fill_label(p, "pdf.cover.questionnaire_version", T(p, &p->q->title),
                             p->q->version, NULL);
    cover_field(p, "pdf.cover.questionnaire", qline);
    free(qline);
}

static void cover_brand(pdf *p)
{
    if (!p->brand)
        return;
    const char *who = brand_text_get(&p->brand->consultant, p->lang);
    const char *contact = brand_text_get(&p->brand->contact, p->lang);
    if (!who && !contact)
        return;
    gap(p, 18);
    need(p, 60);
    flow(p, &S_SMALL, L(p, "pdf.cover.prepared_by"));
    flow(p, &S_H2, who);
    flow(p, &S_BODY, contact);
}

static void iso_date(time_t t, char *buf, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%d", &tm);
}

/* When the report is written: SOURCE_DATE_EPOCH when set, so that two runs
 * give the same bytes. */
static time_t report_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    long v = 0;
    if (sde && mt_parse_int(sde, &v) && v >= 0)
        return (time_t)v;
    return time(NULL);
}

static void cover_small_print(pdf *p)
{
    char date[16];
    iso_date(report_time(), date, sizeof date);
    const char *ans_hash = p->as ? p->as->answers->meta.hash : NULL;
    char *line1 = fill_label(p, "pdf.cover.hash", p->q->id, p->q->version, p->q->hash);
    char *line2 = fill_label(p, "pdf.cover.written", date,
                             p->opt && p->opt->tool_version ? p->opt->tool_version : "", NULL);
    char *line3 = NULL;
    if (ans_hash && ans_hash[0] && strcmp(ans_hash, p->q->hash) != 0)
        line3 = fill_label(p, "pdf.cover.hash_differs", ans_hash, NULL, NULL);
    float h = text_height(p, &S_SMALL, content_width(p), line1) +
              text_height(p, &S_SMALL, content_width(p), line2) +
              text_height(p, &S_SMALL, content_width(p), line3);
    if (p->y - h > p->bottom + 10)
        p->y = p->bottom + 10 + h;
    flow(p, &S_SMALL, line1);
    flow(p, &S_SMALL, line2);
    flow(p, &S_SMALL, line3);
    free(line1);
    free(line2);
    free(line3);
}

static void write_cover(pdf *p)
{
    new_page(p);
    fill_rect(p, 0, p->ph - 14, p->pw, 14, p->accent);
    p->y = p->ph - 48;
    float logo_h = 0;
    draw_logo(p, &logo_h);
    p->y -= logo_h > 0 ? logo_h + 36 : 60;
    flow(p, &S_H2, T(p, &p->q->title));
    flow(p, &S_SMALL, L(p, "pdf.cover.subtitle"));
    gap(p, 18);
    const char *org = organisation(p);
    flow(p, &S_TITLE, org ? org : L(p, "pdf.cover.no_organisation"));
    hline(p, p->left, p->right, p->y - 4, 2.0f, p->accent);
    p->y -= 22;
    cover_meta(p);
    if (p->q->short_form) {
        gap(p, 10);
        flow(p, &S_BOLD, L(p, "common.short_form"));
    }
    cover_brand(p);
    cover_small_print(p);
}

/* ------------------------------------------------------------------ */
/* Summary                                                             */

static void summary_archetype(pdf *p)
{
    const mt_result *r = p->result;
    subheading(p, &S_H2, L(p, "common.dominant"), 60);
    if (!r->classified || r->dominant < 0) {
        flow(p, &S_BODY, L(p, "pdf.summary.unclassified"));
        return;
    }
    const mt_construct *d = &p->q->constructs[r->dominant];
    if (r->hybrid && r->runner_up >= 0) {
        char *h = fill_label(p, "pdf.summary.hybrid_of", construct_name(p, r->dominant),
                             construct_name(p, r->runner_up), NULL);
        flow(p, &S_BIG, h);
        free(h);
        char margin[16];
        format_score(margin, sizeof margin, r->margin);
        /* as shown: a margin of 0.4 reads "0", a tie; 1.2 reads "1", one point */
        const char *key = strcmp(margin, "0") == 0 ? "pdf.summary.hybrid_tie"
                        : strcmp(margin, "1") == 0 ? "pdf.summary.hybrid_margin_one"
                                                   : "pdf.summary.hybrid_margin";
        flow_label(p, &S_SMALL, key, margin, NULL, NULL);
        p->y -= 3;
        flow(p, &S_BODY, T(p, &d->description));
        flow(p, &S_BODY, T(p, &p->q->constructs[r->runner_up].description));
        return;
    }
    flow(p, &S_BIG, T(p, &d->name));
    p->y -= 3;
    flow(p, &S_BODY, T(p, &d->description));
    if (!mt_text_empty(&d->detail)) {
        p->y -= 3;
        flow(p, &S_BODY, T(p, &d->detail));
    }
}

static void stage_reached(pdf *p)
{
    const mt_result *r = p->result;
    if (r->stage_reached < 0) {
        flow(p, &S_BOLD, L(p, "common.stage_none"));
    } else {
        char k[24], n[24];
        snprintf(k, sizeof k, "%ld", r->stage_reached + 1);
        snprintf(n, sizeof n, "%zu", p->q->nstages);
        const mt_stage *s = &p->q->stages[r->stage_reached];
        flow_label(p, &S_BOLD, "pdf.stage.reached_of", T(p, &s->name), k, n);
        flow(p, &S_BODY, T(p, &s->description));
    }
    if (r->next_stage >= 0)
        flow_label(p, &S_BODY, "pdf.summary.next_stage",
                   T(p, &p->q->stages[r->next_stage].name), NULL, NULL);
    else
        flow(p, &S_BODY, L(p, "common.all_stages"));
}

static void summary_stage(pdf *p)
{
    if (p->q->nstages == 0)
        return;   /* a questionnaire without a roadmap (the quick form) */
    subheading(p, &S_H2, L(p, "pdf.summary.stage"), 40);
    stage_reached(p);
}

static void summary_barriers(pdf *p)
{
    size_t n = 0, shown = 0;
    size_t *bs = constructs_of(p, MT_KIND_BARRIER, &n);
    if (!bs)
        return;
    subheading(p, &S_H2, L(p, "pdf.summary.barriers"), 30);
    char *unknown = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!score_of(p, bs[i])->sufficient) {
            if (!mt_str_append(&unknown, ", ", construct_name(p, (long)bs[i])))
                p->nomem = true;
            continue;
        }
        if (!barrier_flagged(p, bs[i]))
            continue;
        char *phrase = score_phrase(p, bs[i]);
        char *line = fill_in(p, "{1}: {2}", construct_name(p, (long)bs[i]), phrase, NULL);
        bullet(p, &S_BODY, "\xE2\x80\xA2", BULLET_INDENT, line);
        free(line);
        free(phrase);
        shown++;
    }
    if (shown == 0)
        flow(p, &S_BODY, L(p, "pdf.summary.no_barriers"));
    if (unknown)
        flow_label(p, &S_NOTE, "pdf.summary.barriers_unknown", unknown, NULL, NULL);
    free(unknown);
    free(bs);
}

static void recommendation_why(pdf *p, const mt_recommendation *rec, float indent)
{
    char *why = recommender_why(p->q, p->result, rec, p->li);
    if (!why) {
        p->nomem = true;
        return;
    }
    char *line = fill_label(p, "pdf.recs.why", why, NULL, NULL);
    flow_indented(p, &S_NOTE, indent, line);
    free(line);
    free(why);
}

static void summary_recommendations(pdf *p)
{
    const mt_recommendations *recs = p->recs;
    subheading(p, &S_H2, L(p, "pdf.summary.top_recs"), 3 * S_BODY.leading);
    if (!recs || recs->count == 0) {
        flow(p, &S_BODY, L(p, "pdf.recs.none"));
        return;
    }
    for (size_t i = 0; i < recs->count && i < 3 && !broken(p); i++) {
        const mt_rule *rule = &p->q->rules[recs->items[i].rule];
        char num[24];
        snprintf(num, sizeof num, "%zu.", i + 1);
        need(p, 3 * S_BODY.leading);
        bullet(p, &S_BOLD, num, NUMBER_INDENT, T(p, &rule->title));
        recommendation_why(p, &recs->items[i], NUMBER_INDENT);
        p->y -= 3;
    }
}

/* "Based on 45 answered questions; 2 answered "don't know", 22 not
 * answered.", each clause left out when its count is 0: "in 0 answered
 * don't know" reads oddly, in Hebrew more so. */
static void summary_counts(pdf *p)
{
    const mt_result *r = p->result;
    char a[16], d[16], u[16];
    snprintf(a, sizeof a, "%zu", r->answered);
    snprintf(d, sizeof d, "%zu", r->dont_know);
    snprintf(u, sizeof u, "%zu", r->unanswered);
    static const char *const keys[2][2] = {
        { "pdf.summary.counts_all", "pdf.summary.counts_unanswered" },
        { "pdf.summary.counts_dont_know", "pdf.summary.counts" },
    };
    gap(p, 8);
    flow_label(p, &S_NOTE, keys[r->dont_know > 0][r->unanswered > 0], a, d, u);
}

static void write_summary(pdf *p)
{
    section_heading(p, L(p, "pdf.section.summary"));
    summary_archetype(p);
    summary_stage(p);
    summary_barriers(p);
    summary_recommendations(p);
    summary_counts(p);
}

/* ------------------------------------------------------------------ */
/* Archetype radar                                                     */

typedef struct pt {
    float x, y;
} pt;

/* Axis i of n: clockwise from the top, or anticlockwise in a mirrored
 * (right-to-left) report, so that the order reads the reader's way. */
static pt radar_point(const pdf *p, pt c, float r, size_t i, size_t n)
{
    double a = 2.0 * M_PI * (double)i / (double)n;
    double dir = p->rtl ? -1.0 : 1.0;
    pt q = { c.x + (float)(r * sin(a) * dir), c.y + (float)(r * cos(a)) };
    return q;
}

static void radar_grid(pdf *p, pt c, float r, size_t n)
{
    stroke_colour(p, RULE);
    HPDF_Page_SetLineWidth(p->page, 0.5f);
    for (int ring = 1; ring <= 4; ring++) {
        for (size_t i = 0; i <= n; i++) {
            pt q = radar_point(p, c, r * (float)ring / 4.0f, i % n, n);
            if (i == 0)
                HPDF_Page_MoveTo(p->page, q.x, q.y);
            else
                HPDF_Page_LineTo(p->page, q.x, q.y);
        }
        HPDF_Page_Stroke(p->page);
    }
    for (size_t i = 0; i < n; i++) {
        pt q = radar_point(p, c, r, i, n);
        HPDF_Page_MoveTo(p->page, c.x, c.y);
        HPDF_Page_LineTo(p->page, q.x, q.y);
    }
    HPDF_Page_Stroke(p->page);
}

/* Ring values beside the first axis, drawn after the profile on a white
 * box: the profile's outline may pass there, and must not hide them. */
static void radar_ring_values(pdf *p, pt c, float r, size_t n)
{
    for (int ring = 1; ring <= 4; ring++) {
        char v[8];
        snprintf(v, sizeof v, "%d", ring * 25);
        pt q = radar_point(p, c, r * (float)ring / 4.0f, 0, n);
        float w = text_width(p, &S_SMALL, v), x = q.x + (p->rtl ? -5 : 5);
        fill_rect(p, p->rtl ? x - w - 1.5f : x - 1.5f, q.y, w + 3, S_SMALL.size + 1, WHITE);
        draw_line(p, &S_SMALL, x, q.y + 2, v, start_align(p));
    }
}

/* The profile's outline through the axes that have a score with enough
 * answers; any other axis is passed by, not pulled to the centre as if it
 * were 0. */
static size_t radar_path(pdf *p, pt c, float r, const size_t *arch, size_t n)
{
    size_t drawn = 0;
    for (size_t i = 0; i < n; i++) {
        if (!scored(p, arch[i]))
            continue;
        float v = (float)score_of(p, arch[i])->score / 100.0f;
        pt q = radar_point(p, c, r * v, i, n);
        if (drawn++ == 0)
            HPDF_Page_MoveTo(p->page, q.x, q.y);
        else
            HPDF_Page_LineTo(p->page, q.x, q.y);
    }
    if (drawn > 0)
        HPDF_Page_ClosePath(p->page);
    return drawn;
}

static void radar_shape(pdf *p, pt c, float r, const size_t *arch, size_t n)
{
    size_t with_value = 0;
    for (size_t i = 0; i < n; i++)
        with_value += scored(p, arch[i]);
    if (with_value < 2)
        return;   /* a point or nothing: the markers say it all */
    /* the graphics state is saved before the path: libharu allows no
     * state change while a path is being built */
    HPDF_Page_GSave(p->page);
    if (p->translucent)
        HPDF_Page_SetExtGState(p->page, p->translucent);
    fill_colour(p, p->accent);
    radar_path(p, c, r, arch, n);
    HPDF_Page_Fill(p->page);
    HPDF_Page_GRestore(p->page);
    stroke_colour(p, p->accent);
    HPDF_Page_SetLineWidth(p->page, 1.5f);
    radar_path(p, c, r, arch, n);
    HPDF_Page_Stroke(p->page);
}

static void radar_marker(pdf *p, pt q)
{
    fill_colour(p, p->accent);
    HPDF_Page_Circle(p->page, q.x, q.y, 3.0f);
    HPDF_Page_Fill(p->page);
}

/* Name and score beside the end of an axis, pointing away from the centre. */
static void radar_label(pdf *p, pt c, float r, size_t i, size_t n, size_t construct)
{
    pt q = radar_point(p, c, r + 10, i, n);
    float dx = q.x - c.x;
    align al = dx > r * 0.2f ? AL_LEFT : dx < -r * 0.2f ? AL_RIGHT : AL_CENTER;
    char *phrase = score_phrase(p, construct);
    lines name, score;
    bool ok = wrap_text(p, &S_CHART_BOLD, 110, construct_name(p, (long)construct), &name);
    if (!ok || !wrap_text(p, &S_CHART, 110, phrase ? phrase : "", &score)) {
        if (ok)
            lines_free(&name);
        free(phrase);
        return;
    }
    float h = (float)(name.n + score.n) * S_CHART.leading;
    float y = q.y;               /* top of the block: below a bottom axis */
    if (q.y > c.y + r * 0.5f)
        y = q.y + h + 4;         /* above the top axis, clear of the ring values */
    else if (q.y > c.y - r * 0.5f)
        y = q.y + h / 2;         /* beside a side axis */
    for (size_t k = 0; k < name.n; k++, y -= S_CHART.leading)
        draw_line(p, &S_CHART_BOLD, q.x, y - S_CHART.size, name.v[k], al);
    style st = S_CHART;
    st.colour = score_of(p, construct)->sufficient ? C_INK : C_MUTED;
    for (size_t k = 0; k < score.n; k++, y -= S_CHART.leading)
        draw_line(p, &st, q.x, y - S_CHART.size, score.v[k], al);
    lines_free(&name);
    lines_free(&score);
    free(phrase);
}

static void draw_radar(pdf *p, const size_t *arch, size_t n)
{
    float r = 105, h = 2 * r + 90;
    need(p, h);
    pt c = { (p->left + p->right) / 2, p->y - h / 2 };
    radar_grid(p, c, r, n);
    radar_shape(p, c, r, arch, n);
    for (size_t i = 0; i < n; i++) {
        const mt_construct_score *s = score_of(p, arch[i]);
        if (scored(p, arch[i]))
            radar_marker(p, radar_point(p, c, r * (float)s->score / 100.0f, i, n));
        radar_label(p, c, r, i, n, arch[i]);
    }
    radar_ring_values(p, c, r, n);
    p->y -= h;
}

/* ------------------------------------------------------------------ */
/* Bars with band zones                                                */

#define BAR_LABEL_W 150.0f
#define BAR_SCORE_W 96.0f
#define BAR_H 14.0f

/* Zone colour of band i of n: only barriers (high is bad) and
 * capabilities and indexes (high is good) have a direction, from the good
 * end to the bad end; archetypes get a plain scale. */
static rgb zone_colour(size_t i, size_t n, mt_construct_kind kind)
{
    float t = n > 1 ? (float)i / (float)(n - 1) : 0.0f;
    switch (kind) {
    case MT_KIND_ARCHETYPE: return mix(ZONE_PLAIN_LOW, ZONE_PLAIN_HIGH, t);
    case MT_KIND_BARRIER: return mix(ZONE_GOOD, ZONE_BAD, t);
    default: return mix(ZONE_BAD, ZONE_GOOD, t);
    }
}

static void bar_zones(pdf *p, size_t c, float bx, float bw, float y)
{
    const mt_bandset *bs = &p->q->bandsets[p->q->constructs[c].bandset];
    mt_construct_kind kind = p->q->constructs[c].kind;
    for (size_t i = 0; i < bs->nbands; i++) {
        float from = (float)bs->bands[i].min, to = i + 1 < bs->nbands ? (float)bs->bands[i + 1].min : 100;
        float lx = bw * from / 100, w = bw * (to - from) / 100;
        float x = p->rtl ? bx + bw - lx - w : bx + lx;
        fill_rect(p, x, y, w, BAR_H, zone_colour(i, bs->nbands, kind));
        /* the band's name under its zone, when it fits */
        char *name = ellipsize(p, &S_CHART, T(p, &bs->bands[i].label), w - 2);
        style st = S_CHART;
        st.colour = C_MUTED;
        if (name && text_width(p, &st, name) <= w - 2)
            draw_line(p, &st, x + w / 2, y - 9, name, AL_CENTER);
        free(name);
    }
}

static void bar_value(pdf *p, size_t c, float bx, float bw, float y)
{
    const mt_construct_score *s = score_of(p, c);
    if (!scored(p, c))
        return;   /* no bar at all: a sliver would read as a score near 0 */
    float w = bw * (float)s->score / 100;
    float x = p->rtl ? bx + bw - w : bx;
    fill_rect(p, x, y + 4, w, BAR_H - 8, p->accent);
}

/* One row: the construct's name at the start, the bar, its score at the end. */
static void band_bar(pdf *p, size_t c)
{
    const char *name = construct_name(p, (long)c);
    float cw = content_width(p);
    float bw = cw - BAR_LABEL_W - BAR_SCORE_W - 16;
    float name_h = text_height(p, &S_BOLD, BAR_LABEL_W - 6, name);
    float row = fmaxf(name_h, BAR_H + 12) + 8;
    need(p, row);
    float top = p->y;
    flow_box(p, &S_BOLD, 0, BAR_LABEL_W - 6, name);
    float bx = phys_x(p, BAR_LABEL_W, bw);
    float y = top - BAR_H - 1;
    bar_zones(p, c, bx, bw, y);
    bar_value(p, c, bx, bw, y);
    char *phrase = score_phrase(p, c);
    p->y = top;
    style st = S_CHART;
    st.colour = score_of(p, c)->sufficient ? C_INK : C_MUTED;
    flow_box(p, &st, cw - BAR_SCORE_W, BAR_SCORE_W, phrase);
    free(phrase);
    p->y = top - row;
}

static void bars_of_kind(pdf *p, mt_construct_kind kind)
{
    size_t n = 0;
    size_t *cs = constructs_of(p, kind, &n);
    for (size_t i = 0; cs && i < n && !broken(p); i++)
        band_bar(p, cs[i]);
    free(cs);
}

/* ------------------------------------------------------------------ */
/* Archetypes, barriers, capabilities                                  */

/* The legends for "insufficient data" and "no data", each shown only
 * where such a score is. */
static void insufficient_legend(pdf *p, mt_construct_kind k1, mt_construct_kind k2)
{
    bool low = false, none = false;
    for (size_t i = 0; i < p->q->nconstructs; i++) {
        mt_construct_kind k = p->q->constructs[i].kind;
        if (k != k1 && k != k2)
            continue;
        none = none || !has_value(p, i);
        low = low || (has_value(p, i) && !score_of(p, i)->sufficient);
    }
    if (low)
        flow(p, &S_NOTE, L(p, "pdf.insufficient_legend"));
    if (none)
        flow(p, &S_NOTE, L(p, "pdf.no_data_legend"));
}

/* "Name: score phrase", the heading of a construct's paragraph. Caller frees. */
static char *construct_head(pdf *p, size_t c)
{
    char *phrase = score_phrase(p, c);
    char *head = fill_in(p, "{1}: {2}", T(p, &p->q->constructs[c].name), phrase, NULL);
    free(phrase);
    return head;
}

/* The height a construct's paragraph keeps together: heading and two lines. */
static float paragraph_keep(pdf *p, size_t c)
{
    char *head = construct_head(p, c);
    float h = heading_height(p, &S_H3, head) + 2 * S_BODY.leading;
    free(head);
    return h;
}

static void construct_paragraph(pdf *p, size_t c, bool with_detail)
{
    const mt_construct *k = &p->q->constructs[c];
    char *head = construct_head(p, c);
    subheading(p, &S_H3, head, 2 * S_BODY.leading);
    free(head);
    flow(p, &S_BODY, T(p, &k->description));
    if (with_detail && !mt_text_empty(&k->detail)) {
        p->y -= 2;
        flow(p, &S_BODY, T(p, &k->detail));
    }
    p->y -= 4;
}

static void write_archetypes(pdf *p)
{
    section_heading(p, L(p, "pdf.section.archetypes"));
    size_t n = 0;
    size_t *arch = constructs_of(p, MT_KIND_ARCHETYPE, &n);
    if (!arch)
        return;
    flow(p, &S_BODY, L(p, "pdf.archetypes.intro"));
    gap(p, 6);
    if (n >= 3)
        draw_radar(p, arch, n);
    else
        bars_of_kind(p, MT_KIND_ARCHETYPE);
    insufficient_legend(p, MT_KIND_ARCHETYPE, MT_KIND_ARCHETYPE);
    for (size_t i = 0; i < n && !broken(p); i++)
        construct_paragraph(p, arch[i], true);
    free(arch);
}

static void write_barriers(pdf *p)
{
    section_heading(p, L(p, "pdf.section.barriers"));
    flow(p, &S_BODY, L(p, "pdf.barriers.intro"));
    gap(p, 10);
    bars_of_kind(p, MT_KIND_BARRIER);
    insufficient_legend(p, MT_KIND_BARRIER, MT_KIND_BARRIER);
    size_t n = 0, high = 0;
    size_t *bs = constructs_of(p, MT_KIND_BARRIER, &n);
    float keep = S_BODY.leading;
    for (size_t i = 0; bs && i < n; i++)
        if (barrier_top_band(p, bs[i]) && high++ == 0)
            keep = paragraph_keep(p, bs[i]);
    subheading(p, &S_H2, L(p, "pdf.barriers.in_practice"), keep);
    if (high == 0)
        flow(p, &S_BODY, L(p, "pdf.barriers.none_high"));
    for (size_t i = 0; bs && i < n && !broken(p); i++)
        if (barrier_top_band(p, bs[i]))
            construct_paragraph(p, bs[i], true);
    free(bs);
}

/* The roadmap as a staircase: reached steps filled, the next one outlined. */
static void stage_ladder(pdf *p)
{
    size_t n = p->q->nstages;
    if (n == 0)
        return;
    const mt_result *r = p->result;
    float cw = content_width(p), sw = cw / (float)n, step = 16, base = 22;
    float name_h = 0;
    for (size_t i = 0; i < n; i++)
        name_h = fmaxf(name_h, text_height(p, &S_CHART_BOLD, sw - 8, T(p, &p->q->stages[i].name)));
    float h = base + step * (float)(n - 1) + name_h + 12;
    need(p, h);
    float floor_y = p->y - base - step * (float)(n - 1);
    for (size_t i = 0; i < n; i++) {
        float bh = base + step * (float)i;
        float x = phys_x(p, sw * (float)i, sw) + 2;
        bool reached = (long)i <= r->stage_reached;
        bool next = (long)i == r->next_stage;
        fill_rect(p, x, floor_y, sw - 4, bh, reached ? p->accent : PALE);
        if (next) {
            stroke_colour(p, p->accent);
            HPDF_Page_SetLineWidth(p->page, 1.5f);
            HPDF_Page_Rectangle(p->page, x, floor_y, sw - 4, bh);
            HPDF_Page_Stroke(p->page);
        }
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        style st = S_BOLD;
        st.colour = reached ? C_WHITE : C_MUTED;
        draw_line(p, &st, x + (sw - 4) / 2, floor_y + 6, num, AL_CENTER);
        lines ls;
        if (!wrap_text(p, &S_CHART_BOLD, sw - 8, T(p, &p->q->stages[i].name), &ls))
            continue;
        for (size_t k = 0; k < ls.n; k++)
            draw_line(p, &S_CHART_BOLD, x + (sw - 4) / 2,
                      floor_y - 10 - (float)k * S_CHART.leading, ls.v[k], AL_CENTER);
        lines_free(&ls);
    }
    p->y -= h;
}

static void missing_for_next(pdf *p)
{
    const mt_result *r = p->result;
    if (r->next_stage < 0) {
        flow(p, &S_BODY, L(p, "common.all_stages"));
        return;
    }
    const mt_stage *s = &p->q->stages[r->next_stage];
    char *head = fill_label(p, "pdf.stage.missing_for", T(p, &s->name), NULL, NULL);
    subheading(p, &S_H3, head, 2 * S_BODY.leading);
    free(head);
    flow(p, &S_BODY, T(p, &s->description));
    if (!p->as)
        return;   /* the missing indicators are one respondent's answers */
    size_t *items = NULL, n = 0;
    if (scorer_missing_indicators(p->q, p->as->answers, (size_t)r->next_stage, &items, &n)) {
        p->nomem = true;
        return;
    }
    p->y -= 3;
    if (n == 0)
        flow(p, &S_BODY, L(p, "pdf.stage.nothing_missing"));
    for (size_t i = 0; i < n && !broken(p); i++)
        bullet(p, &S_BODY, "\xE2\x80\xA2", BULLET_INDENT, T(p, &p->q->items[items[i]].text));
    free(items);
}

static void write_capabilities(pdf *p)
{
    section_heading(p, L(p, "pdf.section.capabilities"));
    flow(p, &S_BODY, L(p, "pdf.capabilities.intro"));
    gap(p, 10);
    bars_of_kind(p, MT_KIND_CAPABILITY);
    bars_of_kind(p, MT_KIND_INDEX);
    insufficient_legend(p, MT_KIND_CAPABILITY, MT_KIND_INDEX);
    for (size_t i = 0; i < p->q->nconstructs && !broken(p); i++) {
        mt_construct_kind k = p->q->constructs[i].kind;
        if (k == MT_KIND_CAPABILITY || k == MT_KIND_INDEX)
            construct_paragraph(p, i, false);
    }
    if (p->q->nstages == 0)
        return;   /* a questionnaire without a roadmap (the quick form) */
    subheading(p, &S_H2, L(p, "pdf.section.roadmap"), 120);
    stage_ladder(p);
    stage_reached(p);
    missing_for_next(p);
}

/* ------------------------------------------------------------------ */
/* Recommendations                                                     */

static const char *horizon_key(mt_horizon h)
{
    switch (h) {
    case MT_HORIZON_QUICK_WIN: return "common.horizon.quick_win";
    case MT_HORIZON_90_DAYS: return "common.horizon.90_days";
    default: return "common.horizon.12_months";
    }
}

static const char *priority_key(mt_priority pr)
{
    switch (pr) {
    case MT_PRIORITY_HIGH: return "common.priority.high";
    case MT_PRIORITY_MEDIUM: return "common.priority.medium";
    default: return "common.priority.low";
    }
}

/* What stays under a recommendation's title: its tag and up to four lines. */
static float recommendation_keep(pdf *p, const mt_rule *rule)
{
    float text = text_height(p, &S_BODY, content_width(p), T(p, &rule->text));
    return fminf(text, 4 * S_BODY.leading) + S_NOTE.leading;
}

/* What stays under a horizon's heading: its first recommendation's title
 * and what that keeps, or the line saying there is none. */
static float horizon_keep(pdf *p, mt_horizon h)
{
    for (size_t i = 0; i < p->recs->count; i++) {
        const mt_rule *rule = &p->q->rules[p->recs->items[i].rule];
        if (rule->horizon == h)
            return heading_height(p, &S_H3, T(p, &rule->title)) + recommendation_keep(p, rule);
    }
    return S_NOTE.leading;
}

static void one_recommendation(pdf *p, const mt_recommendation *rec)
{
    const mt_rule *rule = &p->q->rules[rec->rule];
    subheading(p, &S_H3, T(p, &rule->title), recommendation_keep(p, rule));
    const char *source = rule->source < p->q->nsources ? T(p, &p->q->sources[rule->source].title) : "";
    char *tag = fill_label(p, "pdf.recs.priority_source", L(p, priority_key(rule->priority)),
                           source, NULL);
    flow(p, &S_NOTE, tag);
    free(tag);
    flow(p, &S_BODY, T(p, &rule->text));
    recommendation_why(p, rec, 0);
    p->y -= 4;
}

static void write_recommendations(pdf *p)
{
    section_heading(p, L(p, "pdf.section.recommendations"));
    const mt_recommendations *recs = p->recs;
    if (!recs || recs->count == 0) {
        flow(p, &S_BODY, L(p, "pdf.recs.none"));
        return;
    }
    flow(p, &S_BODY, L(p, "pdf.recs.intro"));
    static const mt_horizon horizons[] = { MT_HORIZON_QUICK_WIN, MT_HORIZON_90_DAYS,
                                           MT_HORIZON_12_MONTHS };
    for (size_t h = 0; h < sizeof horizons / sizeof horizons[0]; h++) {
        subheading(p, &S_H2, L(p, horizon_key(horizons[h])), horizon_keep(p, horizons[h]));
        size_t shown = 0;
        for (size_t i = 0; i < recs->count && !broken(p); i++) {
            if (p->q->rules[recs->items[i].rule].horizon != horizons[h])
                continue;
            one_recommendation(p, &recs->items[i]);
            shown++;
        }
        if (shown == 0)
            flow(p, &S_NOTE, L(p, "pdf.recs.none_in_horizon"));
    }
}

/* ------------------------------------------------------------------ */
/* Appendix                                                            */

/* Numbers as typed: the fewest decimals that give the value back (12.5,
 * not 12.50; 3, not 3.00). 15 significant digits are all a typed number
 * can carry through a double, and hide its binary tail (0.1 stays 0.1). */
static void format_number(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.15g", v);
    for (char *c = buf; *c; c++)
        if (*c == ',')
            *c = '.';   /* whatever the locale */
    if (strcmp(buf, "-0") == 0)
        memmove(buf, buf + 1, strlen(buf));
}

static char *multi_text(pdf *p, const mt_item *it, uint64_t mask)
{
    if (mask == 0)
        return mt_strdup(L(p, "pdf.answer.none_of_them"));
    char *out = NULL;
    for (size_t i = 0; i < it->noptions && i < MT_MAX_OPTIONS; i++)
        if ((mask >> i) & 1u)
            if (!mt_str_append(&out, "; ", T(p, &it->options[i].label))) {
                free(out);
                return NULL;
            }
    return out ? out : mt_strdup("");
}

/* The answer as a reader understands it: the scale's or option's words. Caller frees. */
static char *answer_text(pdf *p, const mt_item *it, const mt_answer *a)
{
    if (a->state == MT_ANSWER_NONE)
        return mt_strdup(L(p, "common.unanswered"));
    if (a->state == MT_ANSWER_DONT_KNOW)
        return mt_strdup(L(p, "common.dont_know"));
    char num[48];
    switch (it->type) {
    case MT_ITEM_LIKERT: {
        const mt_scale *sc = &p->q->scales[it->scale];
        const char *lab = a->value >= 1 && a->value <= sc->points ? T(p, &sc->labels[a->value - 1]) : "";
        snprintf(num, sizeof num, "%ld", a->value);
        return fill_in(p, "{1} \xE2\x80\x93 {2}", num, lab, NULL);
    }
    case MT_ITEM_CHOICE:
        return mt_strdup(a->value >= 1 && (size_t)a->value <= it->noptions
                             ? T(p, &it->options[a->value - 1].label) : "");
    case MT_ITEM_MULTI:
        return multi_text(p, it, a->mask);
    case MT_ITEM_NUMBER:
        format_number(num, sizeof num, a->number);
        if (mt_text_empty(&it->unit))
            return mt_strdup(num);
        return fill_in(p, "{1} {2}", num, T(p, &it->unit), NULL);
    default:
        return mt_strdup(a->text ? a->text : "");
    }
}

static void appendix_item(pdf *p, size_t i, size_t number)
{
    const mt_item *it = &p->q->items[i];
    const mt_answer *a = &p->as->answers->items[i];
    char num[24];
    snprintf(num, sizeof num, "%zu.", number);
    need(p, 2 * S_BOLD.leading);
    bullet(p, &S_BOLD, num, NUMBER_INDENT, T(p, &it->text));
    char *ans = answer_text(p, it, a);
    if (!ans) {
        p->nomem = true;
        return;
    }
    style st = S_BODY;
    st.colour = a->state == MT_ANSWER_VALUE ? C_ACCENT : C_MUTED;
    char *line = fill_label(p, "pdf.appendix.answer", ans, NULL, NULL);
    flow_indented(p, &st, NUMBER_INDENT, line);
    free(line);
    free(ans);
    if (a->note && a->note[0]) {
        char *note = fill_label(p, "pdf.appendix.note", a->note, NULL, NULL);
        flow_indented(p, &S_NOTE, NUMBER_INDENT, note);
        free(note);
    }
    p->y -= 4;
}

static void appendix_answers(pdf *p)
{
    /* the first section's heading and its first question stay with it */
    float keep = p->q->nsections
                     ? heading_height(p, &S_H3, T(p, &p->q->sections[0].title)) + 2 * S_BOLD.leading
                     : S_BODY.leading;
    subheading(p, &S_H2, L(p, "pdf.appendix.answers"), keep);
    size_t number = 0;
    for (size_t s = 0; s < p->q->nsections && !broken(p); s++) {
        subheading(p, &S_H3, T(p, &p->q->sections[s].title), 2 * S_BOLD.leading);
        for (size_t i = 0; i < p->q->nitems && !broken(p); i++)
            if (p->q->items[i].section == s)
                appendix_item(p, i, ++number);
    }
}

/* A table of every score; columns run from the start of the line. */
typedef struct column {
    const char *key;
    float lx, w;
} column;

static const column score_columns[] = {
    { "pdf.table.construct", 0, 170 },
    { "pdf.table.kind", 172, 66 },
    { "common.score", 240, 44 },
    { "common.band", 286, 92 },
    { "common.coverage", 380, 50 },
    { "pdf.table.answered", 432, 51 },
};
#define NCOLUMNS (sizeof score_columns / sizeof score_columns[0])

static void table_header(pdf *p);

static void table_row(pdf *p, const style *st, char *const *cells, bool shaded, bool body)
{
    float h = 0;
    for (size_t c = 0; c < NCOLUMNS; c++)
        h = fmaxf(h, text_height(p, st, score_columns[c].w, cells[c]));
    /* a table that goes on over a page break repeats its header there */
    if (body && p->y - h - 4 < p->bottom) {
        new_page(p);
        table_header(p);
    }
    need(p, h + 4);
    float top = p->y;
    if (shaded)
        fill_rect(p, p->left, top - h - 3, content_width(p), h + 3, PALE);
    for (size_t c = 0; c < NCOLUMNS; c++) {
        p->y = top - 1;
        flow_box(p, st, score_columns[c].lx, score_columns[c].w, cells[c]);
    }
    p->y = top - h - 4;
}

static void table_header(pdf *p)
{
    char *cells[NCOLUMNS];
    for (size_t c = 0; c < NCOLUMNS; c++)
        cells[c] = (char *)L(p, score_columns[c].key);
    style st = S_CHART_BOLD;
    st.colour = C_MUTED;
    table_row(p, &st, cells, false, false);
    hline(p, p->left, p->right, p->y + 2, 0.5f, RULE);
}

static const char *kind_key(mt_construct_kind k)
{
    switch (k) {
    case MT_KIND_ARCHETYPE: return "pdf.kind.archetype";
    case MT_KIND_BARRIER: return "pdf.kind.barrier";
    case MT_KIND_CAPABILITY: return "pdf.kind.capability";
    default: return "pdf.kind.index";
    }
}

static void score_row(pdf *p, size_t c, bool shaded)
{
    const mt_construct_score *s = score_of(p, c);
    char score[16], cov[16], ans[48];
    if (scored(p, c))
        format_score(score, sizeof score, s->score);
    else
        snprintf(score, sizeof score, "\xE2\x80\x93");
    format_score(cov, sizeof cov, s->coverage);
    snprintf(ans, sizeof ans, "%zu/%zu", s->answered, s->items);
    char *covp = fill_in(p, "{1}%", cov, NULL, NULL);
    char *cells[NCOLUMNS] = { (char *)construct_name(p, (long)c), (char *)L(p, kind_key(p->q->constructs[c].kind)),
                              score, (char *)band_label(p, c), covp, ans };
    style st = S_CHART;
    st.colour = s->sufficient ? C_INK : C_MUTED;
    if (covp)
        table_row(p, &st, cells, shaded, true);
    free(covp);
}

static void appendix_scores(pdf *p)
{
    char pct[16];
    snprintf(pct, sizeof pct, "%ld", lround(p->q->min_coverage));
    char *intro = fill_label(p, "pdf.appendix.scores_intro", pct, NULL, NULL);
    /* the note, the table's header and its first row */
    subheading(p, &S_H2, L(p, "pdf.appendix.scores"),
               text_height(p, &S_NOTE, content_width(p), intro) + 4 + 4 * (S_CHART.leading + 4));
    flow(p, &S_NOTE, intro);
    free(intro);
    p->y -= 4;
    table_header(p);
    size_t row = 0;
    static const mt_construct_kind kinds[] = { MT_KIND_ARCHETYPE, MT_KIND_BARRIER,
                                               MT_KIND_CAPABILITY, MT_KIND_INDEX };
    for (size_t k = 0; k < 4; k++)
        for (size_t c = 0; c < p->q->nconstructs && !broken(p); c++)
            if (p->q->constructs[c].kind == kinds[k])
                score_row(p, c, row++ % 2 == 1);
}

static void write_appendix(pdf *p)
{
    section_heading(p, L(p, "pdf.section.appendix"));
    appendix_scores(p);
    appendix_answers(p);
}

/* ------------------------------------------------------------------ */
/* Tables of any shape                                                 */

/* Columns and the header texts repeated after a page break. */
typedef struct table {
    const column *cols;
    size_t ncols;
    char *const *head;
} table;

static float row_height(pdf *p, const table *t, const style *st, char *const *cells)
{
    float h = 0;
    for (size_t c = 0; c < t->ncols; c++)
        h = fmaxf(h, text_height(p, st, t->cols[c].w, cells[c]));
    return fmaxf(h, st->leading);
}

static void grid_header(pdf *p, const table *t);

/* One row; a body row that would cross the foot of the page starts a new
 * page with the header again. Returns the top of the row. */
static float grid_row(pdf *p, const table *t, const style *st, char *const *cells, bool shaded,
                      bool body)
{
    float h = row_height(p, t, st, cells);
    if (body && p->y - h - 4 < p->bottom) {
        new_page(p);
        grid_header(p, t);
    }
    need(p, h + 4);
    float top = p->y;
    if (shaded)
        fill_rect(p, p->left, top - h - 3, content_width(p), h + 3, PALE);
    for (size_t c = 0; c < t->ncols; c++) {
        p->y = top - 1;
        flow_box(p, st, t->cols[c].lx, t->cols[c].w, cells[c]);
    }
    p->y = top - h - 4;
    return top;
}

static void grid_header(pdf *p, const table *t)
{
    style st = S_CHART_BOLD;
    st.colour = C_MUTED;
    grid_row(p, t, &st, t->head, false, false);
    hline(p, p->left, p->right, p->y + 2, 0.5f, RULE);
}

/* Numbers with a fixed number of decimals and a point, whatever the locale. */
static void format_decimal(char *buf, size_t size, double v, int decimals)
{
    snprintf(buf, size, "%.*f", decimals, v);
    for (char *c = buf; *c; c++)
        if (*c == ',')
            *c = '.';
    if (strcmp(buf, "-0.0") == 0 || strcmp(buf, "-0.00") == 0 || strcmp(buf, "-0") == 0)
        memmove(buf, buf + 1, strlen(buf));
}

/* A change in points with its sign: "+4.2", "-3.0", "0.0". */
static void format_delta(char *buf, size_t size, double v)
{
    char num[32];
    format_decimal(num, sizeof num, v, 1);
    bool plus = v > 0 && strcmp(num, "0.0") != 0;
    if ((size_t)snprintf(buf, size, "%s%.24s", plus ? "+" : "", num) >= size)
        buf[size - 1] = '\0';
}

static void format_count(char *buf, size_t size, size_t n)
{
    snprintf(buf, size, "%zu", n);
}

/* ------------------------------------------------------------------ */
/* Follow-up: what changed since the baseline                          */

static const char *direction_key(mt_direction d)
{
    switch (d) {
    case MT_DIR_UP: return "pdf.followup.dir.up";
    case MT_DIR_DOWN: return "pdf.followup.dir.down";
    case MT_DIR_SAME: return "pdf.followup.dir.same";
    case MT_DIR_NEW: return "pdf.followup.dir.new";
    case MT_DIR_GONE: return "pdf.followup.dir.gone";
    default: return "pdf.followup.dir.unknown";
    }
}

static const char *sense_key(mt_sense s)
{
    switch (s) {
    case MT_SENSE_BETTER: return "pdf.followup.better";
    case MT_SENSE_WORSE: return "pdf.followup.worse";
    default: return NULL;
    }
}

/* The construct's name from whichever questionnaire has it. */
static const char *change_name(const pdf *p, const mt_construct_change *ch)
{
    if (ch->construct >= 0)
        return T(p, &p->q->constructs[ch->construct].name);
    if (ch->base_construct >= 0 && p->baseline_q)
        return T(p, &p->baseline_q->constructs[ch->base_construct].name);
    return ch->id;
}

/* "up · better", and the band change under it when there is one. Caller frees. */
static char *change_direction(pdf *p, const mt_construct_change *ch)
{
    const char *sense = sense_key(ch->sense);
    bool moved = ch->direction == MT_DIR_UP || ch->direction == MT_DIR_DOWN;
    char *out = moved && sense ? fill_in(p, "{1} \xC2\xB7 {2}", L(p, direction_key(ch->direction)),
                                         L(p, sense), NULL)
                               : mt_strdup(L(p, direction_key(ch->direction)));
    if (out && ch->band_changed && ch->construct >= 0 && ch->base_construct >= 0 && p->baseline_q) {
        const mt_questionnaire *bq = p->baseline_q;
        const mt_band *was = questionnaire_band(bq, (size_t)ch->base_construct,
                                                questionnaire_band_of(bq, (size_t)ch->base_construct,
                                                                      ch->baseline));
        const mt_band *now = questionnaire_band(p->q, (size_t)ch->construct,
                                                score_of(p, (size_t)ch->construct)->band);
        char *band = fill_label(p, "pdf.followup.band_change", was ? mt_text_get(&was->label, p->li) : "",
                                now ? T(p, &now->label) : "", NULL);
        if (!band || !mt_str_append(&out, "\n", band))
            p->nomem = true;
        free(band);
    }
    if (!out)
        p->nomem = true;
    return out;
}

static const column followup_columns[] = {
    { NULL, 0, 168 }, { NULL, 170, 50 }, { NULL, 222, 50 }, { NULL, 274, 50 }, { NULL, 326, 157 },
};

static void followup_row(pdf *p, const table *t, const mt_construct_change *ch, bool shaded)
{
    char before[32] = "", now[32] = "", delta[32] = "";
    /* a side scored on too few answers has no number, never a 0 */
    if (ch->has_baseline)
        format_decimal(before, sizeof before, ch->baseline, 1);
    if (ch->has_current)
        format_decimal(now, sizeof now, ch->current, 1);
    if (ch->direction == MT_DIR_UP || ch->direction == MT_DIR_DOWN || ch->direction == MT_DIR_SAME)
        format_delta(delta, sizeof delta, ch->delta);
    char *dir = change_direction(p, ch);
    char *cells[] = { (char *)change_name(p, ch), before, now, delta, dir ? dir : "" };
    grid_row(p, t, &S_CHART, cells, shaded, true);
    free(dir);
}

static void followup_constructs(pdf *p)
{
    char *head[] = { (char *)L(p, "pdf.table.construct"), (char *)L(p, "pdf.followup.before"),
                     (char *)L(p, "pdf.followup.now"), (char *)L(p, "pdf.followup.change"),
                     (char *)L(p, "pdf.followup.direction") };
    table t = { followup_columns, 5, head };
    char tol[16];
    format_decimal(tol, sizeof tol, p->baseline->tolerance, 0);
    char *note = fill_label(p, "pdf.followup.tolerance", tol, NULL, NULL);
    /* the note, the table's header and its first row */
    subheading(p, &S_H2, L(p, "pdf.followup.constructs"),
               text_height(p, &S_NOTE, content_width(p), note) + 4 + 4 * (S_CHART.leading + 4));
    flow(p, &S_NOTE, note);
    free(note);
    p->y -= 4;
    grid_header(p, &t);
    for (size_t i = 0; i < p->baseline->nconstructs && !broken(p); i++)
        followup_row(p, &t, &p->baseline->constructs[i], i % 2 == 1);
}

static const char *stage_name_in(const pdf *p, const mt_questionnaire *q, long stage)
{
    if (!q || stage < 0 || (size_t)stage >= q->nstages)
        return L(p, "pdf.followup.no_stage");
    return mt_text_get(&q->stages[stage].name, p->li);
}

static void followup_stage(pdf *p)
{
    const mt_baseline *b = p->baseline;
    if (p->q->nstages == 0)
        return;
    subheading(p, &S_H2, L(p, "pdf.followup.stage"), 40);
    flow_label(p, &S_BODY, "pdf.followup.stage_then_now", stage_name_in(p, p->baseline_q, b->base_stage),
               stage_name_in(p, p->q, b->stage), NULL);
    char steps[24];
    snprintf(steps, sizeof steps, "%ld", b->stage_steps < 0 ? -b->stage_steps : b->stage_steps);
    bool one = b->stage_steps == 1 || b->stage_steps == -1;
    if (b->stage_direction == MT_DIR_UP)
        flow_label(p, &S_BOLD, one ? "pdf.followup.stage_up_one" : "pdf.followup.stage_up", steps,
                   NULL, NULL);
    else if (b->stage_direction == MT_DIR_DOWN)
        flow_label(p, &S_BOLD, one ? "pdf.followup.stage_down_one" : "pdf.followup.stage_down",
                   steps, NULL, NULL);
    else if (b->stage_direction == MT_DIR_SAME)
        flow(p, &S_BOLD, L(p, "pdf.followup.stage_same"));
    else
        flow(p, &S_BOLD, L(p, "pdf.followup.stage_unknown"));
}

/* Rule titles, from the questionnaire the indexes point into. */
static void rule_list(pdf *p, const char *heading, const mt_questionnaire *q, const size_t *rules,
                      size_t n, const char *none)
{
    subheading(p, &S_H3, heading, 2 * S_BODY.leading);
    if (n == 0 || !q)
        flow(p, &S_NOTE, none);
    for (size_t i = 0; q && i < n && !broken(p); i++)
        bullet(p, &S_BODY, "\xE2\x80\xA2", BULLET_INDENT, mt_text_get(&q->rules[rules[i]].title, p->li));
}

static void followup_rules(pdf *p)
{
    const mt_baseline *b = p->baseline;
    subheading(p, &S_H2, L(p, "pdf.followup.recs"),
               heading_height(p, &S_H3, L(p, "pdf.followup.recs_gone")) + 2 * S_BODY.leading);
    rule_list(p, L(p, "pdf.followup.recs_gone"), p->baseline_q, b->gone, b->ngone,
              L(p, "pdf.followup.recs_gone_none"));
    rule_list(p, L(p, "pdf.followup.recs_new"), p->q, b->added, b->nadded,
              L(p, "pdf.followup.recs_new_none"));
    rule_list(p, L(p, "pdf.followup.recs_kept"), p->q, b->kept, b->nkept,
              L(p, "pdf.followup.recs_kept_none"));
}

static void followup_intro(pdf *p)
{
    char n[24];
    format_count(n, sizeof n, p->baseline_respondents);
    const char *label = p->baseline_label ? p->baseline_label : "";
    const char *date = p->baseline_date ? p->baseline_date : L(p, "pdf.cover.no_date");
    flow_label(p, &S_BODY, p->baseline_respondents == 1 ? "pdf.followup.intro_one"
                                                         : "pdf.followup.intro_group",
               label, n, date);
    if (p->baseline_q && strcmp(p->baseline_q->version, p->q->version) != 0)
        flow_label(p, &S_NOTE, "pdf.followup.versions", p->baseline_q->version, p->q->version, NULL);
    flow(p, &S_NOTE, L(p, "pdf.followup.how_to_read"));
}

static void write_followup(pdf *p)
{
    if (!p->baseline)
        return;
    section_heading(p, L(p, "pdf.followup.section"));
    followup_intro(p);
    followup_constructs(p);
    followup_stage(p);
    followup_rules(p);
}

/* ------------------------------------------------------------------ */
/* Portfolio norms                                                     */

/* The percentile of construct c's score, when the norms know it. */
static bool percentile_of(const pdf *p, size_t c, double *out)
{
    if (!p->norms || !score_of(p, c)->sufficient)
        return false;
    const mt_norm *norm = norms_find(p->norms, p->q->constructs[c].id);
    return norm && norms_percentile(norm, score_of(p, c)->score, out);
}

static const column norms_columns[] = {
    { NULL, 0, 168 }, { NULL, 170, 50 }, { NULL, 222, 70 }, { NULL, 294, 60 }, { NULL, 356, 60 },
    { NULL, 418, 60 },
};

static void norms_row(pdf *p, const table *t, size_t c, bool shaded)
{
    const mt_norm *norm = norms_find(p->norms, p->q->constructs[c].id);
    char score[16] = "", pct[16] = "", n[24] = "", mean[16] = "", sd[16] = "";
    double v;
    if (score_of(p, c)->sufficient)
        format_score(score, sizeof score, score_of(p, c)->score);
    else
        snprintf(score, sizeof score, "\xE2\x80\x93");
    if (percentile_of(p, c, &v))
        format_score(pct, sizeof pct, v);
    else
        snprintf(pct, sizeof pct, "\xE2\x80\x93");
    if (norm) {
        format_count(n, sizeof n, norm->n);
        format_decimal(mean, sizeof mean, norm->mean, 1);
        format_decimal(sd, sizeof sd, norm->sd, 1);
    }
    char *cells[] = { (char *)construct_name(p, (long)c), score, pct, n, mean, sd };
    grid_row(p, t, &S_CHART, cells, shaded, true);
}

static void write_norms(pdf *p)
{
    if (!p->norms)
        return;
    section_heading(p, L(p, "pdf.norms.section"));
    char results[24];
    format_count(results, sizeof results, p->norms->results);
    char *name = mt_path_label(p->norms->path ? p->norms->path : "");
    if (!name)
        p->nomem = true;
    flow_label(p, &S_BODY, "pdf.norms.intro", name ? name : "", results, NULL);
    free(name);
    flow(p, &S_NOTE, L(p, "pdf.norms.how_to_read"));
    if (p->norms->results < 10)
        flow(p, &S_NOTE, L(p, "pdf.norms.few"));
    p->y -= 6;
    char *head[] = { (char *)L(p, "pdf.table.construct"), (char *)L(p, "common.score"),
                     (char *)L(p, "pdf.norms.percentile"), (char *)L(p, "pdf.norms.n"),
                     (char *)L(p, "pdf.norms.mean"), (char *)L(p, "pdf.norms.sd") };
    table t = { norms_columns, 6, head };
    grid_header(p, &t);
    for (size_t c = 0; c < p->q->nconstructs && !broken(p); c++)
        norms_row(p, &t, c, c % 2 == 1);
}

/* ------------------------------------------------------------------ */
/* Group: cover and summary                                            */

static const mt_group *group_of(const pdf *p)
{
    return p->gv->group;
}

static void group_cover_meta(pdf *p)
{
    const mt_group *g = group_of(p);
    char n[24];
    format_count(n, sizeof n, g->n);
    char *who = fill_label(p, g->n == 1 ? "pdf.group.respondents_one" : "pdf.group.respondents_n",
                           n, NULL, NULL);
    cover_field(p, "pdf.group.respondents", who);
    free(who);
    char *dates = NULL;
    if (g->date_first && g->date_last && strcmp(g->date_first, g->date_last) != 0)
        dates = fill_in(p, "{1} \xE2\x80\x93 {2}", g->date_first, g->date_last, NULL);
    else
        dates = mt_strdup(g->date_first ? g->date_first : L(p, "pdf.cover.no_date"));
    cover_field(p, "pdf.group.dates", dates);
    free(dates);
    char *qline = fill_label(p, "pdf.cover.questionnaire_version", T(p, &p->q->title),
                             p->q->version, NULL);
    cover_field(p, "pdf.cover.questionnaire", qline);
    free(qline);
    cover_field(p, "pdf.group.labels", L(p, p->gv->names ? "pdf.group.named" : "pdf.group.anonymised"));
}

static void write_group_cover(pdf *p)
{
    new_page(p);
    fill_rect(p, 0, p->ph - 14, p->pw, 14, p->accent);
    p->y = p->ph - 48;
    float logo_h = 0;
    draw_logo(p, &logo_h);
    p->y -= logo_h > 0 ? logo_h + 36 : 60;
    flow(p, &S_H2, T(p, &p->q->title));
    flow(p, &S_SMALL, L(p, "pdf.group.subtitle"));
    gap(p, 18);
    const char *org = organisation(p);
    flow(p, &S_TITLE, org ? org : L(p, "pdf.group.several_organisations"));
    hline(p, p->left, p->right, p->y - 4, 2.0f, p->accent);
    p->y -= 22;
    group_cover_meta(p);
    if (p->q->short_form) {
        gap(p, 10);
        flow(p, &S_BOLD, L(p, "common.short_form"));
    }
    cover_brand(p);
    cover_small_print(p);
}

/* How to read an agreement index, in words. */
static const char *agreement_key(double rwg)
{
    if (rwg >= 0.995)
        return "pdf.group.agree.full";
    if (rwg >= MT_GROUP_AGREEMENT)
        return "pdf.group.agree.strong";
    if (rwg >= 0.5)
        return "pdf.group.agree.moderate";
    return "pdf.group.agree.weak";
}

static const char *construct_agreement(const pdf *p, size_t c)
{
    const mt_group_construct *gc = &group_of(p)->constructs[c];
    return L(p, gc->has_agreement ? agreement_key(gc->agreement) : "pdf.group.agree.none");
}

/* The mean agreement over the constructs that have one. */
static bool overall_agreement(const pdf *p, double *out)
{
    const mt_group *g = group_of(p);
    double sum = 0;
    size_t n = 0;
    for (size_t c = 0; c < p->q->nconstructs; c++)
        if (g->constructs[c].has_agreement) {
            sum += g->constructs[c].agreement;
            n++;
        }
    if (n)
        *out = sum / (double)n;
    return n > 0;
}

static void group_summary_agreement(pdf *p)
{
    subheading(p, &S_H2, L(p, "pdf.group.agreement"), 40);
    double a;
    if (group_of(p)->n == 1) {
        flow(p, &S_BODY, L(p, "pdf.group.one_respondent"));
        return;
    }
    if (!overall_agreement(p, &a)) {
        flow(p, &S_BODY, L(p, "pdf.group.agree.none"));
        return;
    }
    char v[16], word[48], says[48];
    format_decimal(v, sizeof v, a, 2);
    snprintf(word, sizeof word, "%s.word", agreement_key(a));
    snprintf(says, sizeof says, "%s.says", agreement_key(a));
    flow_label(p, &S_BIG, "pdf.group.agreement_value", v, L(p, word), L(p, says));
    char hot[24];
    size_t shown = group_of(p)->nhotspots < MT_GROUP_HOTSPOTS_SHOWN ? group_of(p)->nhotspots
                                                                     : MT_GROUP_HOTSPOTS_SHOWN;
    format_count(hot, sizeof hot, shown);
    if (shown == 0)
        flow(p, &S_BODY, L(p, "pdf.group.no_hotspots"));
    else
        flow_label(p, &S_BODY, "pdf.group.hotspots_ahead", hot, NULL, NULL);
}

static void write_group_summary(pdf *p)
{
    section_heading(p, L(p, "pdf.section.summary"));
    char n[24];
    format_count(n, sizeof n, group_of(p)->n);
    if (group_of(p)->n == 1)
        flow(p, &S_NOTE, L(p, "pdf.group.summary_intro_one"));
    else
        flow_label(p, &S_NOTE, "pdf.group.summary_intro", n, NULL, NULL);
    summary_archetype(p);
    summary_stage(p);
    summary_barriers(p);
    group_summary_agreement(p);
    summary_recommendations(p);
}

/* ------------------------------------------------------------------ */
/* Group: statistics and distributions per construct                   */

/* Respondents and Agreement are spelt out in their headers: wide enough
 * not to be broken mid-word. */
static const column stat_columns[] = {
    { NULL, 0, 106 }, { NULL, 108, 58 }, { NULL, 168, 36 }, { NULL, 206, 32 },
    { NULL, 240, 28 }, { NULL, 270, 46 }, { NULL, 318, 48 }, { NULL, 368, 115 },
};

static void stat_row(pdf *p, const table *t, size_t c, bool shaded)
{
    const mt_group_construct *gc = &group_of(p)->constructs[c];
    const mt_group_stat *s = &gc->stat;
    char n[48], med[16] = "", mean[16] = "", sd[16] = "", range[40] = "", rwg[16] = "";
    if (s->insufficient) {
        char scored[24], all[24];
        format_count(scored, sizeof scored, s->n);
        format_count(all, sizeof all, s->n + s->insufficient);
        char *of = fill_label(p, "pdf.group.n_of", scored, all, NULL);
        snprintf(n, sizeof n, "%s", of ? of : "");
        free(of);
    } else
        format_count(n, sizeof n, s->n);
    if (s->n) {
        format_decimal(med, sizeof med, s->median, 1);
        format_decimal(mean, sizeof mean, s->mean, 1);
        if (s->n > 1)   /* one score has no spread, not a spread of 0 */
            format_decimal(sd, sizeof sd, s->sd, 1);
        char lo[16], hi[16];
        format_score(lo, sizeof lo, s->min);
        format_score(hi, sizeof hi, s->max);
        snprintf(range, sizeof range, "%s\xE2\x80\x93%s", lo, hi);
    }
    if (gc->has_agreement)
        format_decimal(rwg, sizeof rwg, gc->agreement, 2);
    char *cells[] = { (char *)construct_name(p, (long)c), n, med, mean, sd, range, rwg,
                      (char *)construct_agreement(p, c) };
    style st = S_CHART;
    st.colour = s->n ? C_INK : C_MUTED;
    grid_row(p, t, &st, cells, shaded, true);
}

static void stat_table(pdf *p)
{
    char *head[] = { (char *)L(p, "pdf.table.construct"), (char *)L(p, "pdf.group.n"),
                     (char *)L(p, "pdf.group.median"), (char *)L(p, "pdf.group.mean"),
                     (char *)L(p, "pdf.group.sd"), (char *)L(p, "pdf.group.range"),
                     (char *)L(p, "pdf.group.rwg"), (char *)L(p, "pdf.group.reading") };
    table t = { stat_columns, 8, head };
    grid_header(p, &t);
    size_t row = 0;
    static const mt_construct_kind kinds[] = { MT_KIND_ARCHETYPE, MT_KIND_BARRIER,
                                               MT_KIND_CAPABILITY, MT_KIND_INDEX };
    for (size_t k = 0; k < 4; k++)
        for (size_t c = 0; c < p->q->nconstructs && !broken(p); c++)
            if (p->q->constructs[c].kind == kinds[k])
                stat_row(p, &t, c, row++ % 2 == 1);
}

/* Up to this many respondents each is a dot; above it, a histogram. */
#define DOTS_MAX 60
#define DIST_BINS 50
#define DIST_H 18.0f

static float axis_x(const pdf *p, float bx, float bw, double score)
{
    float lx = bw * (float)(score < 0 ? 0 : score > 100 ? 100 : score) / 100.0f;
    return p->rtl ? bx + bw - lx : bx + lx;
}

/* Dots, one per respondent, stacked where scores fall in one bin. Each is
 * a half-opaque fill in a darker accent with a solid outline: clear on a
 * projector, and dots on top of each other still darken where many fall. */
static void dist_dots(pdf *p, size_t c, float bx, float bw, float base)
{
    const mt_group *g = group_of(p);
    unsigned char stack[DIST_BINS] = { 0 };
    HPDF_Page_GSave(p->page);
    if (p->half_opaque)
        HPDF_Page_SetExtGState(p->page, p->half_opaque);
    rgb dark = mix(p->accent, INK, 0.35f);
    fill_colour(p, dark);
    stroke_colour(p, dark);
    HPDF_Page_SetLineWidth(p->page, 0.6f);
    for (size_t i = 0; i < g->n; i++) {
        const mt_construct_score *s = &g->members[i].result.constructs[c];
        if (!s->sufficient)
            continue;
        size_t bin = (size_t)(s->score / 100.0 * (DIST_BINS - 1) + 0.5);
        float y = base + 3 + 4.0f * (float)(stack[bin] % 4);
        stack[bin]++;
        HPDF_Page_Circle(p->page, axis_x(p, bx, bw, s->score), y, 2.2f);
        HPDF_Page_FillStroke(p->page);
    }
    HPDF_Page_GRestore(p->page);
}

/* A histogram strip: bar heights relative to the fullest bin. */
static void dist_histogram(pdf *p, size_t c, float bx, float bw, float base)
{
    const mt_group *g = group_of(p);
    size_t bins[DIST_BINS] = { 0 }, most = 0;
    for (size_t i = 0; i < g->n; i++) {
        const mt_construct_score *s = &g->members[i].result.constructs[c];
        if (!s->sufficient)
            continue;
        size_t bin = (size_t)(s->score / 100.0 * DIST_BINS);
        bin = bin >= DIST_BINS ? DIST_BINS - 1 : bin;
        if (++bins[bin] > most)
            most = bins[bin];
    }
    float w = bw / DIST_BINS;
    for (size_t b = 0; b < DIST_BINS && most; b++) {
        float h = (DIST_H - 2) * (float)bins[b] / (float)most;
        float x0 = axis_x(p, bx, bw, 100.0 * (double)b / DIST_BINS);
        float x = p->rtl ? x0 - w : x0;
        if (bins[b])
            fill_rect(p, x + 0.3f, base + 1, w - 0.6f, h > 0.8f ? h : 0.8f, p->accent);
    }
}

/* The box plot over the band zones: whiskers min-max, box quartiles, median. */
static void dist_box(pdf *p, const mt_group_stat *s, float bx, float bw, float y)
{
    float mid = y + BAR_H / 2;
    float x0 = axis_x(p, bx, bw, s->min), x1 = axis_x(p, bx, bw, s->max);
    float q1 = axis_x(p, bx, bw, s->q1), q3 = axis_x(p, bx, bw, s->q3);
    float med = axis_x(p, bx, bw, s->median);
    stroke_colour(p, INK);
    HPDF_Page_SetLineWidth(p->page, 0.8f);
    HPDF_Page_MoveTo(p->page, fminf(x0, x1), mid);
    HPDF_Page_LineTo(p->page, fmaxf(x0, x1), mid);
    HPDF_Page_MoveTo(p->page, x0, mid - 3);
    HPDF_Page_LineTo(p->page, x0, mid + 3);
    HPDF_Page_MoveTo(p->page, x1, mid - 3);
    HPDF_Page_LineTo(p->page, x1, mid + 3);
    HPDF_Page_Stroke(p->page);
    float bl = fminf(q1, q3), bwid = fmaxf(fabsf(q3 - q1), 1.0f);
    fill_colour(p, WHITE);
    HPDF_Page_Rectangle(p->page, bl, y + 2, bwid, BAR_H - 4);
    HPDF_Page_FillStroke(p->page);
    stroke_colour(p, p->accent);
    HPDF_Page_SetLineWidth(p->page, 2.0f);
    HPDF_Page_MoveTo(p->page, med, y + 1);
    HPDF_Page_LineTo(p->page, med, y + BAR_H - 1);
    HPDF_Page_Stroke(p->page);
}

static void distribution_row(pdf *p, size_t c)
{
    const mt_group_stat *s = &group_of(p)->constructs[c].stat;
    const char *name = construct_name(p, (long)c);
    float cw = content_width(p);
    float bw = cw - BAR_LABEL_W - BAR_SCORE_W - 16;
    float row = fmaxf(text_height(p, &S_BOLD, BAR_LABEL_W - 6, name), DIST_H + BAR_H + 12) + 8;
    need(p, row);
    float top = p->y;
    flow_box(p, &S_BOLD, 0, BAR_LABEL_W - 6, name);
    float bx = phys_x(p, BAR_LABEL_W, bw);
    float y = top - DIST_H - BAR_H - 1;
    bar_zones(p, c, bx, bw, y);
    if (s->n > 0) {
        if (group_of(p)->n <= DOTS_MAX)
            dist_dots(p, c, bx, bw, y + BAR_H);
        else
            dist_histogram(p, c, bx, bw, y + BAR_H);
        dist_box(p, s, bx, bw, y);
    }
    char med[16], n[24];
    format_score(med, sizeof med, s->median);
    format_count(n, sizeof n, s->n);
    char *phrase = s->n ? fill_label(p, "pdf.group.dist_phrase", med, n, NULL)
                        : mt_strdup(L(p, "common.insufficient"));
    p->y = top - DIST_H;
    style st = S_CHART;
    st.colour = s->n ? C_INK : C_MUTED;
    flow_box(p, &st, cw - BAR_SCORE_W, BAR_SCORE_W, phrase);
    free(phrase);
    p->y = top - row;
}

static void distributions(pdf *p)
{
    const char *how = L(p, group_of(p)->n <= DOTS_MAX ? "pdf.group.dist_dots"
                                                      : "pdf.group.dist_histogram");
    /* the note and the first chart row */
    subheading(p, &S_H2, L(p, "pdf.group.distributions"),
               text_height(p, &S_NOTE, content_width(p), how) + 6 + DIST_H + BAR_H + 20);
    flow(p, &S_NOTE, how);
    gap(p, 6);
    static const mt_construct_kind kinds[] = { MT_KIND_ARCHETYPE, MT_KIND_BARRIER,
                                               MT_KIND_CAPABILITY, MT_KIND_INDEX };
    for (size_t k = 0; k < 4; k++)
        for (size_t c = 0; c < p->q->nconstructs && !broken(p); c++)
            if (p->q->constructs[c].kind == kinds[k])
                distribution_row(p, c);
}

/* ------------------------------------------------------------------ */
/* Group: internal consistency                                         */

static const char *alpha_key(const mt_group_construct *gc)
{
    switch (gc->alpha_status) {
    case MT_ALPHA_TOO_FEW: return "pdf.group.alpha.too_few";
    case MT_ALPHA_ONE_ITEM: return "pdf.group.alpha.one_item";
    case MT_ALPHA_NO_VARIANCE: return "pdf.group.alpha.no_variance";
    default: break;
    }
    if (gc->alpha < 0)
        return "pdf.group.alpha.negative";
    if (gc->alpha >= 0.7)
        return "pdf.group.alpha.consistent";
    if (gc->alpha >= 0.6)
        return "pdf.group.alpha.acceptable";
    return "pdf.group.alpha.apart";
}

static const column alpha_columns[] = {
    { NULL, 0, 168 }, { NULL, 170, 40 }, { NULL, 212, 60 }, { NULL, 274, 44 }, { NULL, 320, 163 },
};

static void alpha_row(pdf *p, const table *t, size_t c, bool shaded)
{
    const mt_group_construct *gc = &group_of(p)->constructs[c];
    char k[24], n[24], a[16] = "";
    format_count(k, sizeof k, gc->alpha_items);
    format_count(n, sizeof n, gc->alpha_n);
    if (gc->alpha_status == MT_ALPHA_OK)
        format_decimal(a, sizeof a, gc->alpha, 2);
    char *cells[] = { (char *)construct_name(p, (long)c), k, n, a, (char *)L(p, alpha_key(gc)) };
    grid_row(p, t, &S_CHART, cells, shaded, true);
}

static void consistency(pdf *p)
{
    subheading(p, &S_H2, L(p, "pdf.group.alpha"), 60);
    char min[16];
    format_count(min, sizeof min, MT_GROUP_ALPHA_MIN);
    if (group_of(p)->n < MT_GROUP_ALPHA_MIN) {
        char n[24];
        format_count(n, sizeof n, group_of(p)->n);
        flow_label(p, &S_BODY, "pdf.group.alpha_too_small", min, n, NULL);
        return;
    }
    flow_label(p, &S_NOTE, "pdf.group.alpha_how", min, NULL, NULL);
    p->y -= 4;
    char *head[] = { (char *)L(p, "pdf.table.construct"), (char *)L(p, "pdf.group.alpha_items"),
                     (char *)L(p, "pdf.group.alpha_cases"), (char *)L(p, "pdf.group.alpha_value"),
                     (char *)L(p, "pdf.group.reading") };
    table t = { alpha_columns, 5, head };
    grid_header(p, &t);
    for (size_t c = 0; c < p->q->nconstructs && !broken(p); c++)
        alpha_row(p, &t, c, c % 2 == 1);
}

static void write_group_statistics(pdf *p)
{
    section_heading(p, L(p, "pdf.group.section.statistics"));
    flow(p, &S_BODY, L(p, "pdf.group.statistics_intro"));
    flow(p, &S_NOTE, L(p, "pdf.group.rwg_how"));
    gap(p, 6);
    stat_table(p);
    distributions(p);
    consistency(p);
}

/* ------------------------------------------------------------------ */
/* Group: roles that can be shown without picking anyone out           */

/* The columns of the by-role views, under the rule of MT_GROUP_ROLE_MIN
 * (group_roles.h), the same as the workbook's. */
static bool role_view(pdf *p, mt_role_view *v)
{
    if (group_roles_view(group_of(p), v) == MT_OK)
        return true;
    p->nomem = true;
    return false;
}

/* "Marketing (4)", the no-role group or "Other roles (5)". Caller frees. */
static char *col_title(pdf *p, const mt_role_col *col)
{
    const mt_group *g = group_of(p);
    const char *name = col->role == MT_ROLE_OTHER ? L(p, "pdf.group.other_roles")
                       : g->roles[col->role].name ? g->roles[col->role].name
                                                  : L(p, "pdf.group.no_role");
    char n[24];
    format_count(n, sizeof n, col->n);
    return fill_in(p, "{1} ({2})", name, n, NULL);
}

/* What the rule left out or merged, in a sentence or two. */
static void roles_rule_note(pdf *p, const mt_role_view *rc)
{
    char min[16], other[24];
    format_count(min, sizeof min, MT_GROUP_ROLE_MIN);
    format_count(other, sizeof other, rc->other_n);
    flow_label(p, &S_NOTE, "pdf.group.roles_rule", min, NULL, NULL);
    if (rc->other_n >= MT_GROUP_ROLE_MIN && rc->joined == 0)
        flow_label(p, &S_NOTE, "pdf.group.roles_merged", other, NULL, NULL);
    if (rc->other_n >= MT_GROUP_ROLE_MIN && rc->joined > 0)
        flow_label(p, &S_NOTE, "pdf.group.roles_joined", other, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Group: discussion hotspots, one to a page, to project in the room   */

static const style S_HOT_TITLE = { true, 20.0f, 27.0f, C_INK };
static const style S_HOT = { false, 13.0f, 18.0f, C_INK };
static const style S_HOT_BOLD = { true, 13.0f, 18.0f, C_INK };

/* The spread of an item's answers in words, with its scale: the number
 * alone ("dispersion 2.29") says nothing to a room. Caller frees. */
static char *spread_phrase(pdf *p, const mt_group_item *gi, const mt_item *it, const char *reading)
{
    char v[16];
    format_decimal(v, sizeof v, gi->dispersion, 1);
    return fill_label(p, it->type == MT_ITEM_CHOICE ? "pdf.group.hot.reading_choice"
                                                    : "pdf.group.hot.reading_scale",
                      reading, v, NULL);
}

static const char *dispersion_key(double d)
{
    if (d >= 1.0)
        return "pdf.group.hot.split";
    if (d >= 0.5)
        return "pdf.group.hot.spread";
    return "pdf.group.hot.some";
}

/* The label of answer point or option i of the item. */
static const char *point_label(const pdf *p, const mt_item *it, size_t i)
{
    if (it->type == MT_ITEM_LIKERT) {
        const mt_scale *sc = &p->q->scales[it->scale];
        return (int)i < sc->points ? T(p, &sc->labels[i]) : "";
    }
    return i < it->noptions ? T(p, &it->options[i].label) : "";
}

#define HOT_LABEL_W 180.0f
#define HOT_COUNT_W 108.0f

/* The colour of answer point i of n: light to the accent, so that a bar
 * by role can be read against the bars of the whole room above it. */
static rgb point_colour(const pdf *p, size_t i, size_t n)
{
    float t = n > 1 ? (float)i / (float)(n - 1) : 1.0f;
    return mix(mix(WHITE, p->accent, 0.25f), p->accent, t);
}

static void hot_bar_in(pdf *p, const char *label, size_t count, size_t most, size_t total,
                       rgb colour);

/* One answer's bar: its label, a bar as long as its share, the count;
 * muted for answers that are no position ("don't know"). */
static void hot_bar(pdf *p, const char *label, size_t count, size_t most, size_t total,
                    bool muted)
{
    hot_bar_in(p, label, count, most, total, muted ? MUTED : p->accent);
}

static void hot_bar_in(pdf *p, const char *label, size_t count, size_t most, size_t total,
                       rgb colour)
{
    float cw = content_width(p);
    float bw = cw - HOT_LABEL_W - HOT_COUNT_W - 12;
    char n[24], pct[16];
    format_count(n, sizeof n, count);
    format_score(pct, sizeof pct, total ? 100.0 * (double)count / (double)total : 0);
    char *text = fill_label(p, "pdf.group.hot.count", n, pct, NULL);
    float row = fmaxf(text_height(p, &S_HOT, HOT_LABEL_W - 8, label), 22);
    row = fmaxf(row, text_height(p, &S_HOT_BOLD, HOT_COUNT_W, text)) + 6;
    need(p, row);
    float top = p->y;
    flow_box(p, &S_HOT, 0, HOT_LABEL_W - 8, label);
    float bx = phys_x(p, HOT_LABEL_W, bw);
    fill_rect(p, bx, top - 18, bw, 16, PALE);
    float w = most ? bw * (float)count / (float)most : 0;
    fill_rect(p, p->rtl ? bx + bw - w : bx, top - 18, w, 16, colour);
    p->y = top;
    flow_box(p, &S_HOT_BOLD, cw - HOT_COUNT_W, HOT_COUNT_W, text);
    free(text);
    p->y = top - row;
}

/* The constructs the item loads on, for context. Caller frees. */
static char *item_constructs(pdf *p, const mt_item *it)
{
    char *out = NULL;
    for (size_t i = 0; i < it->nloads; i++)
        if (!mt_str_append(&out, ", ", construct_name(p, (long)it->loads[i].construct)))
            p->nomem = true;
    return out;
}

#define ROLE_BAR_H 14.0f

/* Column k's answers to the item as one bar, a segment per point in
 * the colours of the bars above, "don't know" muted at the end. */
static void role_answer_bar(pdf *p, const mt_role_view *rc, size_t k, const mt_group_item *gi)
{
    const mt_group *g = group_of(p);
    size_t *counts = calloc(gi->ncounts + 2, sizeof *counts);
    if (!counts) {
        p->nomem = true;
        return;
    }
    size_t total = 0;
    for (size_t m = 0; m < g->n; m++) {
        if (group_roles_col_of(g, rc, m) != (long)k)
            continue;
        int code = group_member_answer(g, m, gi->item);
        if (code == MT_GROUP_ANSWER_DK)
            counts[gi->ncounts]++;
        else if (code >= 1 && (size_t)code <= gi->ncounts)
            counts[code - 1]++;
        else
            continue;
        total++;
    }
    char *title = col_title(p, &rc->cols[k]);
    float cw = content_width(p), bw = cw - HOT_LABEL_W - HOT_COUNT_W - 12;
    float row = fmaxf(text_height(p, &S_HOT, HOT_LABEL_W - 8, title ? title : ""), 20) + 4;
    need(p, row);
    float top = p->y;
    flow_box(p, &S_HOT, 0, HOT_LABEL_W - 8, title);
    float bx = phys_x(p, HOT_LABEL_W, bw), at = 0;
    fill_rect(p, bx, top - 16, bw, ROLE_BAR_H, PALE);
    for (size_t i = 0; i <= gi->ncounts && total; i++) {
        float w = bw * (float)counts[i] / (float)total;
        rgb c = i < gi->ncounts ? point_colour(p, i, gi->ncounts) : MUTED;
        fill_rect(p, p->rtl ? bx + bw - at - w : bx + at, top - 16, w, ROLE_BAR_H, c);
        at += w;
    }
    char n[24];
    format_count(n, sizeof n, total);
    char *text = fill_label(p, "pdf.group.hot.role_answered", n, NULL, NULL);
    p->y = top;
    flow_box(p, &S_HOT, cw - HOT_COUNT_W, HOT_COUNT_W, text);
    free(text);
    free(title);
    free(counts);
    p->y = top - row;
}

/* Who answered what: the bar of each role the privacy rule lets through. */
static void hotspot_by_role(pdf *p, const mt_group_item *gi)
{
    mt_role_view rc;
    if (!role_view(p, &rc))
        return;
    if (rc.shown) {
        subheading(p, &S_HOT_BOLD, L(p, "pdf.group.hot.by_role"), 2 * S_HOT.leading);
        for (size_t k = 0; k < rc.ncols && !broken(p); k++)
            role_answer_bar(p, &rc, k, gi);
        if (rc.small_roles) {
            char min[16];
            format_count(min, sizeof min, MT_GROUP_ROLE_MIN);
            flow_label(p, &S_NOTE, "pdf.group.roles_rule", min, NULL, NULL);
        }
    }
    group_roles_view_free(&rc);
}

static void hotspot_page(pdf *p, size_t rank, size_t shown)
{
    const mt_group_item *gi = &group_of(p)->items[group_of(p)->hotspots[rank]];
    const mt_item *it = &p->q->items[gi->item];
    section_heading(p, L(p, "pdf.group.section.hotspots"));
    char k[16], of[16];
    format_count(k, sizeof k, rank + 1);
    format_count(of, sizeof of, shown);
    flow_label(p, &S_NOTE, "pdf.group.hot.rank", k, of, NULL);
    gap(p, 8);
    flow(p, &S_HOT_TITLE, T(p, &it->text));
    char *on = item_constructs(p, it);
    if (on)
        flow_label(p, &S_NOTE, "pdf.group.hot.measures", on, NULL, NULL);
    free(on);
    gap(p, 6);
    char *reading = spread_phrase(p, gi, it, L(p, dispersion_key(gi->dispersion)));
    flow(p, &S_HOT_BOLD, reading);
    free(reading);
    gap(p, 14);
    size_t most = gi->dont_know;
    for (size_t i = 0; i < gi->ncounts; i++)
        most = gi->counts[i] > most ? gi->counts[i] : most;
    size_t total = gi->n + gi->dont_know;
    for (size_t i = 0; i < gi->ncounts && !broken(p); i++)
        hot_bar_in(p, point_label(p, it, i), gi->counts[i], most, total,
                   point_colour(p, i, gi->ncounts));
    if (gi->dont_know)
        hot_bar(p, L(p, "common.dont_know"), gi->dont_know, most, total, true);
    if (gi->unanswered) {
        char u[24];
        format_count(u, sizeof u, gi->unanswered);
        gap(p, 6);
        flow_label(p, &S_NOTE, "pdf.group.hot.unanswered", u, NULL, NULL);
    }
    gap(p, 10);
    flow(p, &S_HOT, L(p, "pdf.group.hot.prompt"));
    gap(p, 6);
    hotspot_by_role(p, gi);
}

static void write_hotspots(pdf *p)
{
    const mt_group *g = group_of(p);
    size_t shown = g->nhotspots < MT_GROUP_HOTSPOTS_SHOWN ? g->nhotspots : MT_GROUP_HOTSPOTS_SHOWN;
    if (shown == 0) {
        /* one respondent cannot disagree with anyone: "answered alike" would be untrue */
        section_heading(p, L(p, "pdf.group.section.hotspots"));
        flow(p, &S_HOT, L(p, g->n == 1 ? "pdf.group.one_respondent" : "pdf.group.no_hotspots"));
        return;
    }
    for (size_t i = 0; i < shown && !broken(p); i++)
        hotspot_page(p, i, shown);
}

/* ------------------------------------------------------------------ */
/* Group: by role                                                      */

#define ROLE_NAME_W 150.0f
#define ROLES_PER_TABLE 5

/* Construct means for columns [from, to): a table of up to ROLES_PER_TABLE columns. */
static void role_table(pdf *p, const mt_role_view *rc, size_t from, size_t to)
{
    column cols[1 + ROLES_PER_TABLE];
    char *head[1 + ROLES_PER_TABLE];
    float w = (content_width(p) - ROLE_NAME_W) / ROLES_PER_TABLE;
    cols[0] = (column){ NULL, 0, ROLE_NAME_W - 2 };
    head[0] = (char *)L(p, "pdf.table.construct");
    size_t nc = 1;
    for (size_t r = from; r < to; r++, nc++) {
        cols[nc] = (column){ NULL, ROLE_NAME_W + w * (float)(nc - 1), w - 4 };
        head[nc] = col_title(p, &rc->cols[r]);
    }
    table t = { cols, nc, head };
    grid_header(p, &t);
    for (size_t c = 0; c < p->q->nconstructs && !broken(p); c++) {
        char vals[ROLES_PER_TABLE][16];
        char *cells[1 + ROLES_PER_TABLE];
        cells[0] = (char *)construct_name(p, (long)c);
        for (size_t r = from; r < to; r++) {
            const mt_group_stat *s = &rc->cols[r].stats[c];
            if (s->n)
                format_score(vals[r - from], sizeof vals[0], s->mean);
            else
                snprintf(vals[r - from], sizeof vals[0], "\xE2\x80\x93");
            cells[1 + r - from] = vals[r - from];
        }
        grid_row(p, &t, &S_CHART, cells, c % 2 == 1, true);
    }
    for (size_t i = 1; i < nc; i++)
        free(head[i]);
    gap(p, 10);
}

/* "Marketing (4): Data-driven; stage 2, Integrated" per column. */
static void role_profiles(pdf *p, const mt_role_view *rc)
{
    subheading(p, &S_H2, L(p, "pdf.group.role_profiles"), 40);
    for (size_t r = 0; r < rc->ncols && !broken(p); r++) {
        const mt_result *res = rc->cols[r].result;
        char *title = col_title(p, &rc->cols[r]);
        const char *dom = !res || !res->classified || res->dominant < 0
                              ? L(p, "pdf.group.unclassified")
                              : construct_name(p, res->dominant);
        char *hyb = NULL;
        if (res && res->hybrid && res->runner_up >= 0)
            hyb = fill_label(p, "pdf.summary.hybrid_of", construct_name(p, res->dominant),
                             construct_name(p, res->runner_up), NULL);
        const char *stage = !res || p->q->nstages == 0 ? NULL
                            : res->stage_reached < 0 ? L(p, "common.stage_none")
                                                     : T(p, &p->q->stages[res->stage_reached].name);
        char *line = stage ? fill_label(p, "pdf.group.role_line_stage", title, hyb ? hyb : dom, stage)
                           : fill_label(p, "pdf.group.role_line", title, hyb ? hyb : dom, NULL);
        bullet(p, &S_BODY, "\xE2\x80\xA2", BULLET_INDENT, line);
        free(line);
        free(hyb);
        free(title);
    }
}

static void write_roles(pdf *p)
{
    const mt_group *g = group_of(p);
    /* one group with no role given says nothing by role */
    if (g->nroles == 0 || (g->nroles == 1 && !g->roles[0].name))
        return;
    mt_role_view rc;
    if (!role_view(p, &rc))
        return;
    section_heading(p, L(p, "pdf.group.section.roles"));
    if (!rc.shown) {
        char min[16];
        format_count(min, sizeof min, MT_GROUP_ROLE_MIN);
        flow_label(p, &S_BODY, "pdf.group.roles_none", min, NULL, NULL);
        group_roles_view_free(&rc);
        return;
    }
    flow(p, &S_BODY, L(p, "pdf.group.roles_intro"));
    roles_rule_note(p, &rc);
    gap(p, 6);
    size_t n = rc.ncols;
    for (size_t from = 0; from < n && !broken(p); from += ROLES_PER_TABLE)
        role_table(p, &rc, from, from + ROLES_PER_TABLE < n ? from + ROLES_PER_TABLE : n);
    role_profiles(p, &rc);
    group_roles_view_free(&rc);
}

/* ------------------------------------------------------------------ */
/* Group: each respondent's profile                                    */

#define RESP_LABEL_W 70.0f
#define RESP_ROLE_W 80.0f
#define RESP_DOM_W 110.0f

static char *member_profile(pdf *p, const mt_result *r)
{
    if (!r->classified || r->dominant < 0)
        return mt_strdup(L(p, "pdf.group.unclassified"));
    if (r->hybrid && r->runner_up >= 0)
        return fill_label(p, "pdf.summary.hybrid_of", construct_name(p, r->dominant),
                          construct_name(p, r->runner_up), NULL);
    return mt_strdup(construct_name(p, r->dominant));
}

/* A score and a short bar beside it, in a column lx..lx+w. */
static void mini_bar(pdf *p, float top, float lx, float w, const mt_construct_score *s)
{
    char v[16];
    format_score(v, sizeof v, s->score);
    style st = S_CHART;
    st.colour = s->sufficient ? C_INK : C_MUTED;
    p->y = top - 1;
    flow_box(p, &st, lx, 16, s->sufficient ? v : "\xE2\x80\x93");
    float bw = w - 20;
    if (bw < 6 || !s->sufficient)
        return;
    float bx = phys_x(p, lx + 18, bw);
    fill_rect(p, bx, top - 8, bw, 5, PALE);
    float fw = bw * (float)s->score / 100.0f;
    fill_rect(p, p->rtl ? bx + bw - fw : bx, top - 8, fw, 5, p->accent);
}

static void respondent_rows(pdf *p, const size_t *arch, size_t narch)
{
    const mt_group *g = group_of(p);
    float aw = (content_width(p) - RESP_LABEL_W - RESP_ROLE_W - RESP_DOM_W) / (float)narch;
    column cols[3 + 16];
    char *head[3 + 16];
    size_t nc = 0;
    /* a role beside R5 could tell who R5 is: roles go with names only */
    bool roles = p->gv->names;
    float role_w = roles ? RESP_ROLE_W : 0;
    aw += roles ? 0 : RESP_ROLE_W / (float)narch;
    cols[nc] = (column){ NULL, 0, RESP_LABEL_W - 4 };
    head[nc++] = (char *)L(p, "pdf.group.respondent");
    if (roles) {
        cols[nc] = (column){ NULL, RESP_LABEL_W, RESP_ROLE_W - 4 };
        head[nc++] = (char *)L(p, "pdf.group.role");
    }
    size_t first_arch = nc + 1;
    cols[nc] = (column){ NULL, RESP_LABEL_W + role_w, RESP_DOM_W - 4 };
    head[nc++] = (char *)L(p, "pdf.group.profile");
    float lx0 = RESP_LABEL_W + role_w + RESP_DOM_W;
    for (size_t a = 0; a < narch && a < 16; a++) {
        cols[nc] = (column){ NULL, lx0 + aw * (float)a, aw - 4 };
        head[nc++] = (char *)construct_name(p, (long)arch[a]);
    }
    table t = { cols, nc, head };
    grid_header(p, &t);
    for (size_t i = 0; i < g->n && !broken(p); i++) {
        const mt_group_member *m = &g->members[i];
        const char *role = m->role >= 0 && (size_t)m->role < g->nroles && g->roles[m->role].name
                               ? g->roles[m->role].name : "";
        char *profile = member_profile(p, &m->result);
        char *cells[3 + 16];
        size_t k = 0;
        cells[k++] = m->label;
        if (roles)
            cells[k++] = (char *)role;
        cells[k++] = profile ? profile : "";
        for (size_t c = first_arch; c < nc; c++)
            cells[c] = "";
        /* the archetype columns are drawn as bars; the text cells set the height */
        float top = grid_row(p, &t, &S_CHART, cells, i % 2 == 1, true);
        float after = p->y;
        for (size_t a = 0; a < narch && a < 16; a++)
            mini_bar(p, top, lx0 + aw * (float)a, aw - 4, &m->result.constructs[arch[a]]);
        p->y = after;
        free(profile);
    }
}

/* Above DOTS_MAX respondents: how many have each profile, not a row each. */
static void profile_distribution(pdf *p, const size_t *arch, size_t narch)
{
    const mt_group *g = group_of(p);
    size_t *count = calloc(narch + 2, sizeof *count);
    if (!count) {
        p->nomem = true;
        return;
    }
    for (size_t i = 0; i < g->n; i++) {
        const mt_result *r = &g->members[i].result;
        size_t slot = narch + 1;   /* not classified */
        if (r->classified && r->dominant >= 0 && r->hybrid)
            slot = narch;
        else if (r->classified && r->dominant >= 0)
            for (size_t a = 0; a < narch; a++)
                if ((long)arch[a] == r->dominant)
                    slot = a;
        count[slot]++;
    }
    size_t most = 0;
    for (size_t s = 0; s < narch + 2; s++)
        most = count[s] > most ? count[s] : most;
    for (size_t s = 0; s < narch + 2 && !broken(p); s++) {
        const char *name = s < narch ? construct_name(p, (long)arch[s])
                           : s == narch ? L(p, "common.hybrid") : L(p, "pdf.group.unclassified");
        hot_bar(p, name, count[s], most, g->n, s > narch);
    }
    free(count);
}

static void write_respondents(pdf *p)
{
    size_t narch = 0;
    size_t *arch = constructs_of(p, MT_KIND_ARCHETYPE, &narch);
    if (!arch)
        return;
    section_heading(p, L(p, "pdf.group.section.respondents"));
    char n[24], max[16];
    format_count(n, sizeof n, group_of(p)->n);
    format_count(max, sizeof max, DOTS_MAX);
    if (narch == 0) {
        flow(p, &S_BODY, L(p, "pdf.summary.unclassified"));
    } else if (group_of(p)->n <= DOTS_MAX) {
        flow(p, &S_BODY, L(p, p->gv->names ? "pdf.group.respondents_named"
                                           : "pdf.group.respondents_anon"));
        gap(p, 6);
        respondent_rows(p, arch, narch);
    } else {
        flow_label(p, &S_BODY, "pdf.group.profiles_many", n, max, NULL);
        gap(p, 6);
        profile_distribution(p, arch, narch);
    }
    free(arch);
}

static void write_group(pdf *p)
{
    write_group_cover(p);
    write_group_summary(p);
    write_archetypes(p);
    write_barriers(p);
    write_capabilities(p);
    write_group_statistics(p);
    write_hotspots(p);
    write_roles(p);
    write_respondents(p);
    write_recommendations(p);
    write_followup(p);
    write_norms(p);
    draw_footers(p);
}

/* ------------------------------------------------------------------ */
/* Document setup and saving                                           */

static mt_error set_paper(pdf *p, const char *paper, mt_diags *diags)
{
    if (!paper || strcmp(paper, "a4") == 0 || strcmp(paper, "A4") == 0) {
        p->paper = HPDF_PAGE_SIZE_A4;
        p->pw = 595.276f;
        p->ph = 841.89f;
    } else if (strcmp(paper, "letter") == 0) {
        p->paper = HPDF_PAGE_SIZE_LETTER;
        p->pw = 612.0f;
        p->ph = 792.0f;
    } else {
        mt_diags_add(diags, NULL, 0, MT_SEV_ERROR, "unknown paper size '%s' (a4 or letter)", paper);
        return MT_ERROR_USAGE;
    }
    p->left = MARGIN_SIDE;
    p->right = p->pw - MARGIN_SIDE;
    p->top = p->ph - MARGIN_TOP;
    p->bottom = MARGIN_BOTTOM;
    return MT_OK;
}

static void set_dates(pdf *p)
{
    time_t t = report_time();
    struct tm tm;
    gmtime_r(&t, &tm);
    HPDF_Date d = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                    tm.tm_sec, 'Z', 0, 0 };
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, d);
}

/* libharu 2.3 gives each UTF-8 font a ToUnicode map written as an encoding
 * CMap (begincidrange, which a ToUnicode map may not use), and poppler
 * warns about it a few dozen times on every read (docs/errors.md). The
 * codes libharu writes are the characters' own UTF-16 values, so the right
 * map is the identity: one bfrange for each high byte, surrogates left
 * out. It is put in place through libharu's object API before the
 * document is written; the bytes are never patched afterwards. The old
 * map stays in the file, unreferenced. */
static void identity_to_unicode(pdf *p, HPDF_Font font)
{
    HPDF_Dict map = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
    if (!map)
        return;   /* the error handler has it */
    map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream out = map->stream;
    HPDF_Stream_WriteStr(out, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                              "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                              "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    static const unsigned ranges = 256 - 8;   /* high bytes D8..DF are surrogates */
    unsigned written = 0;
    for (unsigned hi = 0; hi < 256; hi++) {
        if (hi >= 0xD8 && hi <= 0xDF)
            continue;
        char line[64];
        if (written % 100 == 0) {   /* at most 100 entries to a block */
            unsigned left = ranges - written;
            snprintf(line, sizeof line, "%u beginbfrange\n", left < 100 ? left : 100);
            HPDF_Stream_WriteStr(out, line);
        }
        snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
        HPDF_Stream_WriteStr(out, line);
        if (++written % 100 == 0 || written == ranges)
            HPDF_Stream_WriteStr(out, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_Dict_Add(font, "ToUnicode", map);
}

/* Whether the font draws the character, rather than its empty .notdef box. */
static bool has_glyph(HPDF_Font font, HPDF_UINT16 unicode)
{
    HPDF_FontAttr attr = font ? (HPDF_FontAttr)font->attr : NULL;
    if (!attr || !attr->fontdef || attr->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE)
        return false;
    return HPDF_TTFontDef_GetGlyphid(attr->fontdef, unicode) != 0;
}

static mt_error load_fonts(pdf *p, mt_diags *diags)
{
    mt_fonts f;
    mt_error err = fonts_find(&f, diags);
    if (err)
        return err;
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    const char *reg = HPDF_LoadTTFontFromFile(p->doc, f.regular, HPDF_TRUE);
    const char *bold = HPDF_LoadTTFontFromFile(p->doc, f.bold, HPDF_TRUE);
    if (reg)
        p->regular = HPDF_GetFont(p->doc, reg, "UTF-8");
    if (bold)
        p->bold = HPDF_GetFont(p->doc, bold, "UTF-8");
    if (!p->regular || !p->bold) {
        mt_diags_add(diags, f.regular, 0, MT_SEV_ERROR,
                     "the PDF library could not load this font (error 0x%04lX)",
                     (unsigned long)p->error_no);
        fonts_free(&f);
        return MT_ERROR_FONT;
    }
    fonts_free(&f);
    identity_to_unicode(p, p->regular);
    identity_to_unicode(p, p->bold);
    p->replacement = has_glyph(p->regular, 0xFFFD) && has_glyph(p->bold, 0xFFFD)
                         ? "\xEF\xBF\xBD" : "?";
    return MT_OK;
}

/* Document information, in plain ASCII where libharu would otherwise
 * pass our UTF-8 through its single-byte encoder. */
static void set_info(pdf *p)
{
    char creator[64];
    snprintf(creator, sizeof creator, "maturity %s",
             p->opt && p->opt->tool_version ? p->opt->tool_version : "");
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, creator);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, creator);
}

/* The document, its fonts and its geometry, for either kind of report:
 * p->q, p->li and p->lang are set by the caller. */
static mt_error setup(pdf *p, const mt_report_options *opt, mt_diags *diags)
{
    p->opt = opt;
    if (!p->lang)
        p->lang = p->q->nlangs ? p->q->languages[0] : "en";
    p->rtl = mt_lang_is_rtl(p->lang) != 0;
    p->accent = DEFAULT_ACCENT;
    mt_error err = set_paper(p, opt ? opt->paper : NULL, diags);
    if (err)
        return err;
    p->doc = HPDF_New(on_hpdf_error, p);
    if (!p->doc)
        return MT_ERROR_NOMEM;
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    set_dates(p);
    set_info(p);
    err = load_fonts(p, diags);
    if (err)
        return err;
    p->translucent = HPDF_CreateExtGState(p->doc);
    if (p->translucent)
        HPDF_ExtGState_SetAlphaFill(p->translucent, 0.22f);
    p->half_opaque = HPDF_CreateExtGState(p->doc);
    if (p->half_opaque)
        HPDF_ExtGState_SetAlphaFill(p->half_opaque, 0.5f);
    return MT_OK;
}

static mt_error load_brand(pdf *p, const mt_report_options *opt, mt_brand **brand,
                           mt_diags *diags)
{
    *brand = NULL;
    if (!opt || !opt->brand_path)
        return MT_OK;
    mt_error err = brand_load_file(opt->brand_path, brand, diags);
    if (err)
        return err;
    if ((*brand)->has_colour) {
        const unsigned char *c = (*brand)->colour;
        rgb a = { c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f };
        p->accent = a;
    }
    p->brand = *brand;
    return MT_OK;
}

/* libpng, under libharu, aborts the whole process on some damaged PNG
 * files instead of returning an error. So a PNG logo is first loaded in a
 * child process; only one that loads there is loaded for real. */
static bool png_loads_safely(const char *path)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return true;   /* cannot check: libharu will report what it can */
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDERR_FILENO);   /* libpng's own complaint is not ours */
        HPDF_Doc doc = HPDF_New(NULL, NULL);
        HPDF_Image img = doc ? HPDF_LoadPngImageFromFile(doc, path) : NULL;
        int loaded = img != NULL;
        HPDF_Free(doc);   /* a leak checker watching the child must see it clean */
        _exit(loaded ? 0 : 1);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return true;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static mt_error check_logo(const mt_brand *brand, mt_diags *diags)
{
    if (!brand || brand->logo_format != MT_LOGO_PNG || png_loads_safely(brand->logo))
        return MT_OK;
    mt_diags_add(diags, brand->path, 0, MT_SEV_ERROR,
                 "the logo %s is a damaged PNG file, or one the PDF library cannot read",
                 brand->logo);
    return MT_ERROR_BRAND;   /* read, but not a usable image: as a logo that is no image */
}

static void write_all(pdf *p)
{
    write_cover(p);
    write_summary(p);
    write_archetypes(p);
    write_barriers(p);
    write_capabilities(p);
    write_recommendations(p);
    write_followup(p);
    write_norms(p);
    write_appendix(p);
    draw_footers(p);
}

/* Copies the document from libharu's memory stream into fp. Reading exactly
 * the stream's size never reaches its end, which libharu reports as an error. */
static bool copy_stream(pdf *p, FILE *fp)
{
    HPDF_UINT32 left = HPDF_GetStreamSize(p->doc);
    HPDF_BYTE buf[16384];
    while (left > 0 && !p->failed) {
        HPDF_UINT32 n = left < sizeof buf ? left : (HPDF_UINT32)sizeof buf;
        if (HPDF_ReadFromStream(p->doc, buf, &n) != HPDF_OK || n == 0)
            return false;
        if (fwrite(buf, 1, n, fp) != n)
            return false;
        left -= n;
    }
    return !p->failed;
}

/* Why the report cannot be created at path, in words that name the folder:
 * "cannot write: folder 'nodir' does not exist", not the bare errno of
 * the temporary file beside it. */
static void cannot_create(const char *path, int err, mt_diags *diags)
{
    char *copy = mt_strdup(path);
    const char *dir = copy ? dirname(copy) : ".";
    switch (err) {
    case ENOENT:
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write: folder '%s' does not exist", dir);
        break;
    case ENOTDIR:
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write: '%s' is not a folder", dir);
        break;
    case EACCES:
    case EPERM:
        mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                     "cannot write: no permission to create a file in folder '%s'", dir);
        break;
    case EROFS:
        mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                     "cannot write: folder '%s' is on a read-only file system", dir);
        break;
    case EISDIR:
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write: it is a folder");
        break;
    default:
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write: %s", strerror(err));
        break;
    }
    free(copy);
}

/* The document is built in memory and written through our own stream:
 * HPDF_SaveToFile ignores the result of its fclose, so a disk that fills
 * at the last flush would pass for a written report. */
static mt_error save(pdf *p, const char *path, mt_diags *diags)
{
    if (HPDF_SaveToStream(p->doc) != HPDF_OK || p->failed) {
        mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                     "the PDF could not be produced (libharu error 0x%04lX, detail %lu)",
                     (unsigned long)p->error_no, (unsigned long)p->detail_no);
        return MT_ERROR_PDF;
    }
    mt_atomic at;
    if (mt_atomic_begin(&at, path) != MT_OK) {
        cannot_create(path, errno, diags);
        return MT_ERROR_FILE_WRITE;
    }
    bool copied = copy_stream(p, at.fp);
    int saved = errno;
    if (!copied && p->failed) {
        mt_atomic_abort(&at);
        mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                     "the PDF could not be produced (libharu error 0x%04lX, detail %lu)",
                     (unsigned long)p->error_no, (unsigned long)p->detail_no);
        return MT_ERROR_PDF;
    }
    if (!copied) {
        mt_atomic_abort(&at);
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot be written: %s", strerror(saved));
        return MT_ERROR_FILE_WRITE;
    }
    if (mt_atomic_commit(&at) != MT_OK) {
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot be written: %s", strerror(errno));
        return MT_ERROR_FILE_WRITE;
    }
    return MT_OK;
}

/* Lays out and saves a report whose view fields (q, lang, result, ...)
 * are set: the steps both kinds of report share. */
static mt_error render(pdf *p, const mt_report_options *opt, void (*write)(pdf *),
                       const char *path, mt_diags *diags)
{
    mt_brand *brand = NULL;
    mt_error err = load_brand(p, opt, &brand, diags);
    if (!err)
        err = check_logo(brand, diags);
    if (!err)
        err = setup(p, opt, diags);
    if (!err) {
        write(p);
        if (p->nomem)
            err = MT_ERROR_NOMEM;
        else if (p->failed && p->failed_logo) {
            mt_diags_add(diags, p->failed_logo, 0, MT_SEV_ERROR,
                         "the PDF library could not read this logo (libharu error 0x%04lX)",
                         (unsigned long)p->error_no);
            err = MT_ERROR_PDF;
        } else if (p->failed) {
            mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                         "the PDF library failed while laying out the report "
                         "(libharu error 0x%04lX, detail %lu)",
                         (unsigned long)p->error_no, (unsigned long)p->detail_no);
            err = MT_ERROR_PDF;
        } else
            err = save(p, path, diags);
    }
    if (p->doc)
        HPDF_Free(p->doc);
    free(p->pages);
    brand_free(brand);
    return err;
}

mt_error report_pdf_write(const mt_assessment *as, const mt_report_options *opt,
                          const char *path, mt_diags *diags)
{
    pdf p;
    memset(&p, 0, sizeof p);
    p.as = as;
    p.q = as->q;
    p.li = as->lang;
    p.lang = as->lang_code;
    p.result = as->result;
    p.recs = as->recs;
    p.org = as->answers->meta.organisation;
    p.baseline = as->baseline;
    p.baseline_q = as->baseline_q;
    p.baseline_label = as->baseline_label;
    p.baseline_date = as->baseline_date;
    p.baseline_respondents = as->baseline_respondents;
    p.norms = as->norms;
    return render(&p, opt, write_all, path, diags);
}

mt_error report_group_pdf_write(const mt_group_view *gv, const mt_report_options *opt,
                                const char *path, mt_diags *diags)
{
    pdf p;
    memset(&p, 0, sizeof p);
    p.gv = gv;
    p.q = gv->q;
    p.li = gv->lang;
    p.lang = gv->lang_code;
    p.result = gv->group->result;
    p.recs = gv->recs;
    p.org = gv->group->organisation;
    p.baseline = gv->baseline;
    p.baseline_q = gv->baseline_q;
    p.baseline_label = gv->baseline_label;
    p.baseline_date = gv->baseline_date;
    p.baseline_respondents = gv->baseline_respondents;
    p.norms = gv->norms;
    return render(&p, opt, write_group, path, diags);
}
