/*
 * report_xlsx.c - the workbook a consultant keeps working in.
 * See documentation in header file (report.h).
 *
 * Sheets: Summary, Answers, Scoring, Recommendations, About, Model.
 * Every score on Scoring is a live formula over the Answers sheet (with
 * the C scorer's value as its cached result), so a changed answer and a
 * recalculation update every score, band, the profile, the stage and the
 * charts. The Model sheet holds what the formulas look up: option scores,
 * number bands, band thresholds, scale labels and the few words formulas
 * return. Texts typed by people only ever go through
 * worksheet_write_string, so "=1+1" in a note stays text.
 *
 * With --baseline a Follow-up sheet compares with the earlier result, its
 * current scores and changes linked to the live ones; with --norms a last
 * Norms sheet holds the portfolio's histograms and every percentile is a
 * formula over it.
 *
 * The group workbook (report_group_xlsx_write) has Summary, Respondents
 * (one row per respondent, a score column per construct), Pivot data (one
 * row per respondent per construct, plain values), Hotspots, Roles (when
 * roles are given), Alpha (from MT_GROUP_ALPHA_MIN respondents),
 * Recommendations, Follow-up, About and Norms. The Summary's statistics
 * are formulas over the Respondents sheet, so they stay cheap to
 * recalculate with 10,000 respondents (the 110,000-row pivot sheet holds
 * no formulas); what needs the answers themselves (agreement, hotspots,
 * alpha, bands, profiles) is written as computed by group.c.
 * Roles follow the PDF's privacy rule (group_roles.h): the Roles sheet
 * shows only the columns it lets through. Without --names nothing in the
 * file ties a respondent to a role, as in the PDF: no role beside R1..Rn,
 * and the role counts and means are numbers from group_roles.c, since a
 * formula would need a column saying which role each R counts in. With
 * --names (the role then beside each name) they are formulas reading a
 * hidden column that numbers each respondent's Roles row.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/report.h"

#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "maturity/atomic.h"
#include "maturity/brand.h"
#include "maturity/group_roles.h"
#include "maturity/labels.h"
#include "maturity/util.h"

#ifndef MT_VERSION
#define MT_VERSION "unknown"
#endif

/* Excel keeps at most 32767 characters in a cell. */
#define CELL_MAX 32767
/* Room for one cell name such as $XFD$1048576. */
#define CELL_LEN LXW_MAX_CELL_NAME_LENGTH

/* Answers sheet columns. */
enum {
    AC_SECTION, AC_ID, AC_QUESTION, AC_TYPE, AC_ANSWER, AC_LABEL,
    AC_DK, AC_ALLOWED, AC_NOTE, AC_WEIGHT0
};
/* Scoring sheet: construct table columns. */
enum {
    SC_ID, SC_NAME, SC_KIND, SC_SCORE, SC_COVERAGE, SC_SUFFICIENT, SC_BAND,
    SC_ANSWERED, SC_DK, SC_ITEMS, SC_KEY, SC_KEY2
};
/* Scoring sheet: stage table columns. */
enum {
    ST_ID, ST_NAME, ST_THRESHOLD, ST_SCORE, ST_COVERAGE, ST_SUFFICIENT,
    ST_MET, ST_REACHED
};
/* Scoring sheet: item score grid columns. */
enum { GC_ID, GC_INDICATOR, GC_LIST, GC_CONSTRUCT0 };

/* Model sheet: the words formulas return, one per row from words_first. */
enum { W_INSUFFICIENT, W_NONE_STAGE, W_ALL_STAGES, W_HYBRID, W_UNCLASSIFIED,
       W_DONT_KNOW, W_UNANSWERED, W_NONE, W_COUNT };

typedef struct xlsx_formats {
    lxw_format *title, *heading, *key, *text, *wrap, *number, *score, *pct, *grid,
        *weight, *weight_rev, *input, *input_wrap, *flag, *dk_flag, *note, *hint, *dec2;
} xlsx_formats;

/* A follow-up against a baseline (report.h), from either kind of report. */
typedef struct xlsx_followup {
    const mt_baseline *b;           /* NULL: no follow-up sheet */
    const mt_questionnaire *bq;
    const char *label, *date;
    size_t respondents;
} xlsx_followup;

/* Column widths of the sheet being written, so that rows with wrapped
 * text can be made tall enough: spreadsheets do not grow a row to fit
 * its text when they open a file. */
#define MAX_FIT_COLS 16
typedef struct row_fit {
    double width[MAX_FIT_COLS];
    lxw_row_t row;
    int lines;
} row_fit;

/* Where things landed, so that formulas on one sheet can point at another. */
typedef struct xlsx_layout {
    lxw_row_t ans_first;      /* Answers: row of the first item */
    lxw_row_t cons_first;     /* Scoring: first construct row */
    lxw_row_t class_first;    /* Scoring: classification block */
    lxw_row_t stage_first;    /* Scoring: first stage row */
    lxw_row_t stage_summary;  /* Scoring: stage reached / next rows */
    lxw_row_t grid_first;     /* Scoring: first item row of the grid */
    lxw_row_t words_first;    /* Model: first word row */
    lxw_row_t scales_head, opts_head, nb_head, bs_head;  /* Model: table headings */
    lxw_row_t *opt_row;       /* Model: per item, first option row */
    lxw_row_t *nb_row;        /* Model: per item, first number band row */
    lxw_row_t *bs_row;        /* Model: per band set, first band row */
    lxw_row_t *scale_row;     /* Model: per scale, first label row */
} xlsx_layout;

typedef struct xlsx_writer {
    const mt_assessment *as;  /* one respondent's workbook, or NULL */
    const mt_group_view *gv;  /* a group's workbook, or NULL */
    const mt_questionnaire *q;
    const mt_result *r;       /* the respondent's or the group's result */
    const mt_recommendations *recs;
    const mt_norms *norms;    /* --norms, or NULL */
    xlsx_followup fu;
    const mt_brand *brand;    /* --brand, or NULL */
    mt_diags *diags;
    const char *lc;           /* label language code */
    int lang;                 /* text language index */
    bool rtl;
    lxw_workbook *wb;
    lxw_error lxw_err;        /* first library error */
    bool nomem;
    xlsx_formats f;
    lxw_worksheet *summary, *answers, *scoring, *recs_ws, *about, *model, *followup;
    /* group workbook */
    lxw_worksheet *respondents, *pivot, *hotspots, *roles, *alpha;
    char *answers_ref, *scoring_ref, *model_ref;  /* quoted sheet names */
    char *respondents_ref, *summary_ref;
    const char *hotspots_name;
    /* The live current score of each construct, for the follow-up: the
     * cell on sheet score_ref at score_row[c], score_col. */
    const char *score_ref;
    lxw_row_t *score_row;
    lxw_col_t score_col;
    /* Beside it, on the same row: the band's cell, and the cell saying
     * whether the score has enough data (-1: none, it is as written). */
    lxw_col_t band_col;
    int suff_col;
    lxw_row_t resp_first;     /* Respondents: first respondent row */
    /* The roles the privacy rule lets the Roles sheet show (group_roles.h);
     * key_col: the Respondents column that numbers each respondent's row
     * on the Roles sheet, only with --names; else 0. */
    mt_role_view rv;
    lxw_col_t key_col;
    /* Norms sheet (with --norms): construct c's histogram column, 0 when
     * the norms have no results for it. */
    lxw_worksheet *norms_ws;
    char *norms_ref;
    lxw_col_t *norm_col;
    const char *summary_name;
    xlsx_layout at;
    row_fit fit;
} xlsx_writer;

static const char *L(const xlsx_writer *x, const char *key)
{
    return mt_label(x->lc, key);
}

static const char *T(const xlsx_writer *x, const mt_text *t)
{
    return mt_text_get(t, x->lang);
}

static void check(xlsx_writer *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->lxw_err == LXW_NO_ERROR)
        x->lxw_err = e;
}

static bool failed(const xlsx_writer *x)
{
    return x->nomem || x->lxw_err != LXW_NO_ERROR;
}

/* ------------------------------------------------------------ strings -- */

/* A growing string for long formulas; a failed allocation is remembered. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
    bool fail;
} strbuf;

static void sb_add(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(strbuf *b, const char *fmt, ...)
{
    if (b->fail)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !mt_grow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1)) {
        b->fail = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Takes the buffer's string; NULL (and the buffer freed) when it failed. */
static char *sb_take(strbuf *b)
{
    if (b->fail || !b->s) {
        free(b->s);
        b->s = NULL;
        return NULL;
    }
    return b->s;
}

/* 'Sheet name' for formulas: always quoted, inner quotes doubled, so any
 * language's sheet names work in references. */
static char *quote_sheet(const char *name)
{
    strbuf b = { 0 };
    sb_add(&b, "'");
    for (const char *p = name; *p; p++)
        sb_add(&b, *p == '\'' ? "''" : "%c", *p);
    sb_add(&b, "'");
    return sb_take(&b);
}

/* $C$7 */
static void cell_abs(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell_abs(buf, row, col, 1, 1);
}

/* Sheet!$C$7 */
static char *ref(const char *sheet, lxw_row_t row, lxw_col_t col)
{
    char cell[CELL_LEN];
    cell_abs(cell, row, col);
    return mt_asprintf("%s!%s", sheet, cell);
}

/* Sheet!$C$7:$C$9 */
static char *range_ref(const char *sheet, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range_abs(range, r1, c1, r2, c2);
    return sheet ? mt_asprintf("%s!%s", sheet, range) : mt_strdup(range);
}

/* A number as a formula literal: shortest form that reads back exactly.
 * Formulas want a decimal point; the tool never sets a numeric locale. */
static void number_literal(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.15g", v);
    double back = strtod(buf, NULL);
    if (back != v)
        snprintf(buf, n, "%.17g", v);
}

/* ------------------------------------------------------------- cells -- */

/* Sets the current sheet's column widths (one per column from 0). */
static void set_widths(xlsx_writer *x, lxw_worksheet *ws, const double *w, size_t n)
{
    memset(&x->fit, 0, sizeof x->fit);
    for (size_t c = 0; c < n; c++) {
        if (c < MAX_FIT_COLS)
            x->fit.width[c] = w[c];
        check(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL));
    }
}

/* Lines a wrapped text takes in a column: characters per line are about
 * the width (counted in digits of the default font), paragraph by paragraph. */
static int text_lines(const char *s, double width)
{
    double per_line = width > 2 ? width * 1.05 : 2;
    int lines = 0;
    while (s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char *para = mt_strndup(s, len);
        size_t chars = para ? mt_utf8_len(para) : len;
        free(para);
        lines += chars ? (int)((double)(chars - 1) / per_line) + 1 : 1;
        s = nl ? nl + 1 : NULL;
    }
    return lines;
}

static bool wraps(const xlsx_writer *x, const lxw_format *fmt)
{
    return fmt && (fmt == x->f.wrap || fmt == x->f.heading || fmt == x->f.input_wrap ||
                   fmt == x->f.note);
}

/* Makes the row tall enough for the text about to be written in it. */
static void fit_row(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const char *s, const lxw_format *fmt)
{
    if (!s || !*s || !wraps(x, fmt) || col >= MAX_FIT_COLS || x->fit.width[col] <= 0)
        return;
    if (row != x->fit.row) {
        x->fit.row = row;
        x->fit.lines = 1;
    }
    int lines = text_lines(s, x->fit.width[col]);
    if (lines > 27)
        lines = 27;   /* 409 points is the tallest row a spreadsheet allows */
    if (lines > x->fit.lines) {
        x->fit.lines = lines;
        check(x, worksheet_set_row(ws, row, 15.0 * lines, NULL));
    }
}

/* Writes any text, typed by a person or not, as a string cell. Overlong
 * texts are cut at a character boundary rather than failing the file. */
static void put_string(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *s, lxw_format *fmt)
{
    if (!s || !*s) {
        if (fmt)
            check(x, worksheet_write_blank(ws, row, col, fmt));
        return;
    }
    fit_row(x, ws, row, col, s, fmt);
    size_t len = strlen(s);
    if (len <= CELL_MAX) {
        check(x, worksheet_write_string(ws, row, col, s, fmt));
        return;
    }
    char *cut = mt_strndup(s, mt_utf8_floor(s, CELL_MAX));
    if (!cut) {
        x->nomem = true;
        return;
    }
    check(x, worksheet_write_string(ws, row, col, cut, fmt));
    free(cut);
}

static void put_number(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       double v, lxw_format *fmt)
{
    check(x, worksheet_write_number(ws, row, col, v, fmt));
}

/* Writes a formula (taking ownership) with a numeric cached result. */
static void put_formula_num(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            char *formula, lxw_format *fmt, double cached)
{
    if (!formula) {
        x->nomem = true;
        return;
    }
    check(x, worksheet_write_formula_num(ws, row, col, formula, fmt, cached));
    free(formula);
}

/* Writes a formula (taking ownership) with a text cached result. */
static void put_formula_str(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            char *formula, lxw_format *fmt, const char *cached)
{
    if (!formula) {
        x->nomem = true;
        return;
    }
    fit_row(x, ws, row, col, cached, fmt);
    check(x, worksheet_write_formula_str(ws, row, col, formula, fmt, cached ? cached : ""));
    free(formula);
}

/* The labels of a heading row, from column A. */
static void put_headings(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row,
                         const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_string(x, ws, row, (lxw_col_t)i, L(x, keys[i]), x->f.heading);
}

/* ----------------------------------------------------------- formats -- */

static lxw_format *new_format(xlsx_writer *x)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        x->nomem = true;
        return NULL;
    }
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (x->rtl)
        format_set_reading_order(f, 2);
    return f;
}

/* A number format built from the tool's words; out of memory is remembered. */
static void set_num_format_words(xlsx_writer *x, lxw_format *f, char *code)
{
    if (!code) {
        x->nomem = true;
        return;
    }
    format_set_num_format(f, code);
    free(code);
}

static void style_text_formats(xlsx_writer *x)
{
    xlsx_formats *f = &x->f;
    format_set_bold(f->title);
    format_set_font_size(f->title, 16);
    if (x->brand && x->brand->has_colour) {
        const unsigned char *c = x->brand->colour;
        format_set_font_color(f->title, (lxw_color_t)(c[0] << 16 | c[1] << 8 | c[2]));
    }
    format_set_bold(f->heading);
    format_set_align(f->heading, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bg_color(f->heading, 0xDCE6F1);
    format_set_bottom(f->heading, LXW_BORDER_THIN);
    format_set_text_wrap(f->heading);
    format_set_bold(f->key);
    format_set_text_wrap(f->wrap);
    format_set_text_wrap(f->note);
    format_set_italic(f->note);
    format_set_italic(f->hint);
    /* The cells a consultant edits stand out. */
    format_set_bg_color(f->input, 0xFFF2CC);
    format_set_border(f->input, LXW_BORDER_THIN);
    format_set_align(f->input, LXW_ALIGN_CENTER);
    format_set_bg_color(f->input_wrap, 0xFFF2CC);
    format_set_border(f->input_wrap, LXW_BORDER_THIN);
    format_set_text_wrap(f->input_wrap);
}

static void style_number_formats(xlsx_writer *x)
{
    xlsx_formats *f = &x->f;
    format_set_num_format(f->number, "General");
    /* Counts sit beside their labels: at the start of the reading direction. */
    format_set_align(f->number, x->rtl ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
    format_set_num_format(f->score, "0.0");
    format_set_align(f->score, LXW_ALIGN_CENTER);
    format_set_num_format(f->pct, "0\"%\"");
    format_set_align(f->pct, LXW_ALIGN_CENTER);
    format_set_num_format(f->grid, "0.000");
    format_set_num_format(f->dec2, "0.00");
    format_set_align(f->dec2, LXW_ALIGN_CENTER);
    format_set_num_format(f->weight, "General");
    format_set_font_color(f->weight_rev, 0xC00000);
    format_set_italic(f->weight_rev);
    set_num_format_words(x, f->weight_rev, mt_asprintf("General\" (%s)\"", L(x, "xlsx.reverse")));
    /* Flags are 1/0 numbers for formulas, shown as words. */
    const char *yes = L(x, "xlsx.yes"), *no = L(x, "xlsx.no");
    set_num_format_words(x, f->flag, mt_asprintf("\"%s\";\"%s\";\"%s\"", yes, yes, no));
    format_set_align(f->flag, LXW_ALIGN_CENTER);
    set_num_format_words(x, f->dk_flag, mt_asprintf("\"%s\";\"%s\";\"\"", yes, yes));
    format_set_align(f->dk_flag, LXW_ALIGN_CENTER);
}

/* Every format is created once, before any cell is written. */
static void make_formats(xlsx_writer *x)
{
    xlsx_formats *f = &x->f;
    lxw_format **all[] = {
        &f->title, &f->heading, &f->key, &f->text, &f->wrap, &f->number, &f->score, &f->pct,
        &f->grid, &f->weight, &f->weight_rev, &f->input, &f->input_wrap, &f->flag, &f->dk_flag,
        &f->note, &f->hint, &f->dec2,
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!(*all[i] = new_format(x)))
            return;
    style_text_formats(x);
    style_number_formats(x);
}

/* ------------------------------------------------------------- model -- */

static size_t likert_points(const mt_questionnaire *q, const mt_item *it)
{
    return it->scale < q->nscales ? (size_t)q->scales[it->scale].points : 0;
}

/* The row count of the Model sheet blocks, so that positions are known
 * before any formula that points at them is written. */
static bool plan_model(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    xlsx_layout *at = &x->at;
    at->opt_row = calloc(q->nitems + 1, sizeof *at->opt_row);
    at->nb_row = calloc(q->nitems + 1, sizeof *at->nb_row);
    at->bs_row = calloc(q->nbandsets + 1, sizeof *at->bs_row);
    at->scale_row = calloc(q->nscales + 1, sizeof *at->scale_row);
    if (!at->opt_row || !at->nb_row || !at->bs_row || !at->scale_row)
        return false;
    /* Settings at rows 2-3, words from row 5; then the tables, each with a
     * heading row and a blank row after it. */
    at->words_first = 5;
    lxw_row_t row = at->words_first + W_COUNT + 1;
    at->scales_head = row++;
    for (size_t s = 0; s < q->nscales; s++) {
        at->scale_row[s] = row;
        row += (lxw_row_t)q->scales[s].points;
    }
    row++;
    at->opts_head = row++;
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *it = &q->items[i];
        if (it->type != MT_ITEM_CHOICE && it->type != MT_ITEM_MULTI)
            continue;
        at->opt_row[i] = row;
        row += (lxw_row_t)it->noptions;
    }
    row++;
    at->nb_head = row++;
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *it = &q->items[i];
        if (it->type != MT_ITEM_NUMBER)
            continue;
        at->nb_row[i] = row;
        row += (lxw_row_t)it->nbands;
    }
    row++;
    at->bs_head = row++;
    for (size_t b = 0; b < q->nbandsets; b++) {
        at->bs_row[b] = row;
        row += (lxw_row_t)q->bandsets[b].nbands;
    }
    return true;
}

static const char *word_text(const xlsx_writer *x, int w)
{
    static const char *const keys[W_COUNT] = {
        "common.insufficient", "common.stage_none", "common.all_stages", "common.hybrid",
        "xlsx.unclassified", "common.dont_know", "common.unanswered", "common.none",
    };
    return L(x, keys[w]);
}

static char *word_ref(const xlsx_writer *x, int w)
{
    return ref(x->model_ref, x->at.words_first + (lxw_row_t)w, 1);
}

/* A workbook-wide name for one cell, so that formulas and readers can say
 * MinCoverage or Profile instead of a cell address. */
static void name_cell(xlsx_writer *x, const char *name, const char *sheet, lxw_row_t row,
                      lxw_col_t col)
{
    char *r = ref(sheet, row, col);
    char *f = r ? mt_asprintf("=%s", r) : NULL;
    if (f)
        check(x, workbook_define_name(x->wb, name, f));
    else
        x->nomem = true;
    free(r);
    free(f);
}

static void write_model_settings(xlsx_writer *x)
{
    lxw_worksheet *ws = x->model;
    put_string(x, ws, 0, 0, L(x, "xlsx.model.title"), x->f.title);
    put_string(x, ws, 2, 0, L(x, "xlsx.model.min_coverage"), x->f.key);
    put_number(x, ws, 2, 1, x->q->min_coverage, x->f.number);
    put_string(x, ws, 3, 0, L(x, "xlsx.model.hybrid_margin"), x->f.key);
    put_number(x, ws, 3, 1, x->q->hybrid_margin, x->f.number);
    put_string(x, ws, x->at.words_first - 1, 0, L(x, "xlsx.model.words"), x->f.heading);
    put_string(x, ws, x->at.words_first - 1, 1, "", x->f.heading);
    for (int w = 0; w < W_COUNT; w++)
        put_string(x, ws, x->at.words_first + (lxw_row_t)w, 1, word_text(x, w), x->f.text);
    /* Names keep the formulas readable: =IF(E5>=MinCoverage, ...). */
    name_cell(x, "MinCoverage", x->model_ref, 2, 1);
    name_cell(x, "HybridMargin", x->model_ref, 3, 1);
}

static void write_model_scales(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->model;
    static const char *const head[] = { "xlsx.model.scale", "xlsx.model.point",
                                        "xlsx.col.label" };
    put_headings(x, ws, x->at.scales_head, head, 3);
    for (size_t s = 0; s < q->nscales; s++) {
        const mt_scale *sc = &q->scales[s];
        for (int p = 0; p < sc->points; p++) {
            lxw_row_t row = x->at.scale_row[s] + (lxw_row_t)p;
            put_string(x, ws, row, 0, sc->id, x->f.text);
            put_number(x, ws, row, 1, p + 1, x->f.number);
            put_string(x, ws, row, 2, sc->labels ? T(x, &sc->labels[p]) : "", x->f.text);
        }
    }
}

/* One column per construct: the option's score on it (0 when not named). */
static double option_score(const mt_option *o, size_t c)
{
    for (size_t k = 0; k < o->nscores; k++)
        if (o->scores[k].construct == c)
            return o->scores[k].score;
    return 0;
}

static void write_model_options(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->model;
    lxw_row_t head = x->at.opts_head;
    static const char *const keys[] = { "xlsx.col.item", "xlsx.model.option",
                                        "xlsx.col.label" };
    put_headings(x, ws, head, keys, 3);
    for (size_t c = 0; c < q->nconstructs; c++)
        put_string(x, ws, head, (lxw_col_t)(3 + c), q->constructs[c].id, x->f.heading);
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *it = &q->items[i];
        if (it->type != MT_ITEM_CHOICE && it->type != MT_ITEM_MULTI)
            continue;
        for (size_t o = 0; o < it->noptions; o++) {
            lxw_row_t row = x->at.opt_row[i] + (lxw_row_t)o;
            put_string(x, ws, row, 0, it->id, x->f.text);
            put_number(x, ws, row, 1, (double)(o + 1), x->f.number);
            put_string(x, ws, row, 2, T(x, &it->options[o].label), x->f.text);
            for (size_t c = 0; c < q->nconstructs; c++)
                put_number(x, ws, row, (lxw_col_t)(3 + c),
                           option_score(&it->options[o], c), x->f.number);
        }
    }
}

static void write_model_number_bands(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->model;
    lxw_row_t head = x->at.nb_head;
    static const char *const keys[] = { "xlsx.col.item", "xlsx.model.from",
                                        "xlsx.col.score", "xlsx.model.unit" };
    put_headings(x, ws, head, keys, 4);
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_item *it = &q->items[i];
        if (it->type != MT_ITEM_NUMBER)
            continue;
        for (size_t b = 0; b < it->nbands; b++) {
            lxw_row_t row = x->at.nb_row[i] + (lxw_row_t)b;
            put_string(x, ws, row, 0, it->id, x->f.text);
            put_number(x, ws, row, 1, it->bands[b].from, x->f.number);
            put_number(x, ws, row, 2, it->bands[b].score, x->f.number);
            if (b == 0)
                put_string(x, ws, row, 3, T(x, &it->unit), x->f.text);
        }
    }
}

static void write_model_bandsets(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->model;
    static const char *const keys[] = { "xlsx.model.bandset", "xlsx.col.band",
                                        "xlsx.model.from", "xlsx.col.label" };
    put_headings(x, ws, x->at.bs_head, keys, 4);
    for (size_t s = 0; s < q->nbandsets; s++) {
        const mt_bandset *bs = &q->bandsets[s];
        for (size_t b = 0; b < bs->nbands; b++) {
            lxw_row_t row = x->at.bs_row[s] + (lxw_row_t)b;
            put_string(x, ws, row, 0, bs->id, x->f.text);
            put_string(x, ws, row, 1, bs->bands[b].id, x->f.text);
            put_number(x, ws, row, 2, bs->bands[b].min, x->f.number);
            put_string(x, ws, row, 3, T(x, &bs->bands[b].label), x->f.text);
        }
    }
}

static void write_model(xlsx_writer *x)
{
    static const double widths[] = { 24, 14, 40, 12 };
    set_widths(x, x->model, widths, 4);
    write_model_settings(x);
    write_model_scales(x);
    write_model_options(x);
    write_model_number_bands(x);
    write_model_bandsets(x);
    if (x->q->nconstructs)
        check(x, worksheet_set_column(x->model, 4, (lxw_col_t)(3 + x->q->nconstructs), 12, NULL));
}

/* ----------------------------------------------------------- answers -- */

/* The answer cell of item i on the Answers sheet. */
static char *answer_ref(const xlsx_writer *x, size_t i)
{
    return ref(x->answers_ref, x->at.ans_first + (lxw_row_t)i, AC_ANSWER);
}

static const char *type_label(const xlsx_writer *x, mt_item_type t)
{
    switch (t) {
    case MT_ITEM_LIKERT: return L(x, "xlsx.type.likert");
    case MT_ITEM_CHOICE: return L(x, "xlsx.type.choice");
    case MT_ITEM_MULTI: return L(x, "xlsx.type.multi");
    case MT_ITEM_NUMBER: return L(x, "xlsx.type.number");
    case MT_ITEM_TEXT: return L(x, "xlsx.type.text");
    }
    return "";
}

static void fmt_num(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.10g", v);
}

/* What may be typed in the answer cell, e.g. "1-5, dk". */
static char *allowed_text(const xlsx_writer *x, const mt_item *it)
{
    const char *dk = it->dont_know ? ", " MT_DONT_KNOW : "";
    char lo[32], hi[32];
    switch (it->type) {
    case MT_ITEM_LIKERT:
        return mt_asprintf("1-%zu%s", likert_points(x->q, it), dk);
    case MT_ITEM_CHOICE:
        return mt_asprintf("1-%zu%s", it->noptions, dk);
    case MT_ITEM_MULTI:
        return mt_asprintf("1-%zu (%s), none%s", it->noptions, L(x, "xlsx.allowed.multi"), dk);
    case MT_ITEM_NUMBER:
        fmt_num(lo, sizeof lo, it->min);
        fmt_num(hi, sizeof hi, it->max);
        return mt_asprintf("%s-%s%s", lo, hi, dk);
    case MT_ITEM_TEXT:
        return mt_asprintf("%s%s", L(x, "xlsx.allowed.text"), dk);
    }
    return mt_strdup("");
}

/* "1,3,4" or "none", as in an answers file. */
static char *multi_value(uint64_t mask)
{
    strbuf b = { 0 };
    for (int k = 0; k < MT_MAX_OPTIONS; k++)
        if (mask & (UINT64_C(1) << k))
            sb_add(&b, "%s%d", b.len ? "," : "", k + 1);
    if (!b.len)
        sb_add(&b, "none");
    return sb_take(&b);
}

/* The answer cell as typed: numbers stay numbers so formulas can use them. */
static void write_answer_value(xlsx_writer *x, lxw_row_t row, const mt_item *it,
                               const mt_answer *ans)
{
    lxw_worksheet *ws = x->answers;
    lxw_format *in = it->type == MT_ITEM_TEXT ? x->f.input_wrap : x->f.input;
    if (ans->state == MT_ANSWER_NONE) {
        check(x, worksheet_write_blank(ws, row, AC_ANSWER, in));
        return;
    }
    if (ans->state == MT_ANSWER_DONT_KNOW) {
        put_string(x, ws, row, AC_ANSWER, MT_DONT_KNOW, in);
        return;
    }
    switch (it->type) {
    case MT_ITEM_LIKERT:
    case MT_ITEM_CHOICE:
        put_number(x, ws, row, AC_ANSWER, (double)ans->value, in);
        break;
    case MT_ITEM_NUMBER:
        put_number(x, ws, row, AC_ANSWER, ans->number, in);
        break;
    case MT_ITEM_MULTI: {
        char *v = multi_value(ans->mask);
        if (!v) {
            x->nomem = true;
            return;
        }
        put_string(x, ws, row, AC_ANSWER, v, in);
        free(v);
        break;
    }
    case MT_ITEM_TEXT:
        put_string(x, ws, row, AC_ANSWER, ans->text, in);
        break;
    }
}

/* The label the answer reads as now, for the label cell's cached value. */
static char *answer_label_now(const xlsx_writer *x, const mt_item *it, const mt_answer *ans)
{
    if (ans->state == MT_ANSWER_NONE)
        return mt_strdup(word_text(x, W_UNANSWERED));
    if (ans->state == MT_ANSWER_DONT_KNOW)
        return mt_strdup(word_text(x, W_DONT_KNOW));
    switch (it->type) {
    case MT_ITEM_LIKERT: {
        const mt_scale *sc = &x->q->scales[it->scale];
        if (ans->value < 1 || ans->value > sc->points || !sc->labels)
            return mt_strdup("");
        return mt_strdup(T(x, &sc->labels[ans->value - 1]));
    }
    case MT_ITEM_CHOICE:
        if (ans->value < 1 || (size_t)ans->value > it->noptions)
            return mt_strdup("");
        return mt_strdup(T(x, &it->options[ans->value - 1].label));
    case MT_ITEM_MULTI: {
        if (!ans->mask)
            return mt_strdup(word_text(x, W_NONE));
        strbuf b = { 0 };
        for (size_t k = 0; k < it->noptions && k < MT_MAX_OPTIONS; k++)
            if (ans->mask & (UINT64_C(1) << k))
                sb_add(&b, "%s%s", b.len ? "; " : "", T(x, &it->options[k].label));
        if (!b.s)
            sb_add(&b, "%s", "");
        return sb_take(&b);
    }
    case MT_ITEM_NUMBER: {
        char v[32];
        fmt_num(v, sizeof v, ans->number);
        const char *unit = T(x, &it->unit);
        return *unit ? mt_asprintf("%s %s", v, unit) : mt_strdup(v);
    }
    case MT_ITEM_TEXT:
        return mt_strdup("");
    }
    return mt_strdup("");
}

/* The grid cell that holds a multi answer as ",1,3," (see write_list). */
static char *list_ref(const xlsx_writer *x, size_t i)
{
    return ref(x->scoring_ref, x->at.grid_first + (lxw_row_t)i, GC_LIST);
}

/* ISNUMBER(SEARCH(",k,",LIST)): is option k chosen? The commas around
 * every number stop 1 from matching 12. */
static void sb_member(strbuf *b, const char *list, size_t k)
{
    sb_add(b, "ISNUMBER(SEARCH(\",%zu,\",%s))", k, list ? list : "\"\"");
    b->fail |= !list;
}

/* IF(dk, "don't know", IF(blank, "not answered", "")): the tail every
 * label formula ends with. */
static void sb_label_tail(strbuf *b, const xlsx_writer *x, const char *v)
{
    char *dk = word_ref(x, W_DONT_KNOW);
    char *na = word_ref(x, W_UNANSWERED);
    if (!dk || !na)
        b->fail = true;
    else
        sb_add(b, "IF(OR(%s=\"dk\",%s=\"-\"),%s,IF(%s=\"\",%s,\"\"))", v, v, dk, v, na);
    free(dk);
    free(na);
}

static char *label_formula(const xlsx_writer *x, size_t i, const char *v)
{
    const mt_item *it = &x->q->items[i];
    strbuf b = { 0 };
    char *labels = NULL;
    sb_add(&b, "=");
    switch (it->type) {
    case MT_ITEM_LIKERT:
    case MT_ITEM_CHOICE: {
        size_t n = it->type == MT_ITEM_LIKERT ? likert_points(x->q, it) : it->noptions;
        lxw_row_t first = it->type == MT_ITEM_LIKERT ? x->at.scale_row[it->scale] : x->at.opt_row[i];
        labels = range_ref(x->model_ref, first, 2, first + (lxw_row_t)n - 1, 2);
        sb_add(&b, "IF(ISNUMBER(%s),IFERROR(INDEX(%s,%s),\"\"),", v, labels ? labels : "", v);
        break;
    }
    case MT_ITEM_MULTI: {
        char *none = word_ref(x, W_NONE);
        sb_add(&b, "IF(OR(%s=\"\",%s=\"dk\",%s=\"-\"),", v, v, v);
        sb_label_tail(&b, x, v);
        sb_add(&b, ",IF(LOWER(%s)=\"none\",%s,MID(\"\"", v, none ? none : "\"\"");
        free(none);
        char *list = list_ref(x, i);
        for (size_t k = 0; k < it->noptions; k++) {
            char *lab = ref(x->model_ref, x->at.opt_row[i] + (lxw_row_t)k, 2);
            sb_add(&b, "&IF(");
            sb_member(&b, list, k + 1);
            sb_add(&b, ",\"; \"&%s,\"\")", lab ? lab : "\"\"");
            free(lab);
        }
        free(list);
        sb_add(&b, ",3,%d)))", CELL_MAX);
        return sb_take(&b);
    }
    case MT_ITEM_NUMBER: {
        /* The unit is model text: the formula points at its cell on the
         * Model sheet rather than quoting it. */
        char *unit = it->nbands && *T(x, &it->unit) ? ref(x->model_ref, x->at.nb_row[i], 3) : NULL;
        if (unit)
            sb_add(&b, "IF(ISNUMBER(%s),%s&\" \"&%s,", v, v, unit);
        else
            sb_add(&b, "IF(ISNUMBER(%s),%s&\"\",", v, v);
        free(unit);
        break;
    }
    case MT_ITEM_TEXT:
        break;
    }
    sb_label_tail(&b, x, v);
    if (it->type != MT_ITEM_TEXT)
        sb_add(&b, ")");
    free(labels);
    return sb_take(&b);
}

/* A copy of s cut to at most max bytes at a character boundary. */
static char *cut_utf8(const char *s, size_t max)
{
    size_t len = strlen(s);
    return len <= max ? mt_strdup(s) : mt_strndup(s, mt_utf8_floor(s, max));
}

/* Scale points and option numbers get a drop-down list of what may be
 * typed; every answer cell shows the allowed values when selected. */
static void add_answer_validation(xlsx_writer *x, lxw_row_t row, const mt_item *it,
                                  const char *allowed)
{
    enum { MAX_LIST = 24 };
    char values[MAX_LIST + 1][24];
    char *list[MAX_LIST + 2] = { 0 };
    size_t n = it->type == MT_ITEM_LIKERT ? likert_points(x->q, it)
             : it->type == MT_ITEM_CHOICE ? it->noptions : 0;
    lxw_data_validation dv = { .validate = LXW_VALIDATION_TYPE_ANY };
    if (n > 0 && n <= MAX_LIST) {
        size_t k = 0;
        for (; k < n; k++) {
            snprintf(values[k], sizeof values[k], "%zu", k + 1);
            list[k] = values[k];
        }
        if (it->dont_know) {
            snprintf(values[k], sizeof values[k], "%s", MT_DONT_KNOW);
            list[k] = values[k];
        }
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = list;
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    }
    /* The library refuses a title over 32 or a message over 255 characters. */
    char *title = cut_utf8(it->id, 32);
    char *message = cut_utf8(allowed, 255);
    if (!title || !message) {
        x->nomem = true;
    } else {
        dv.input_title = title;
        dv.input_message = message;
        check(x, worksheet_data_validation_cell(x->answers, row, AC_ANSWER, &dv));
    }
    free(title);
    free(message);
}

static void write_answer_row(xlsx_writer *x, size_t i)
{
    const mt_questionnaire *q = x->q;
    const mt_item *it = &q->items[i];
    const mt_answer *ans = &x->as->answers->items[i];
    lxw_worksheet *ws = x->answers;
    lxw_row_t row = x->at.ans_first + (lxw_row_t)i;
    put_string(x, ws, row, AC_SECTION,
               it->section < q->nsections ? T(x, &q->sections[it->section].title) : "",
               x->f.wrap);
    put_string(x, ws, row, AC_ID, it->id, x->f.text);
    put_string(x, ws, row, AC_QUESTION, T(x, &it->text), x->f.wrap);
    put_string(x, ws, row, AC_TYPE, type_label(x, it->type), x->f.text);
    write_answer_value(x, row, it, ans);

    char *v = answer_ref(x, i);
    char *now = answer_label_now(x, it, ans);
    char *allowed = allowed_text(x, it);
    if (!v || !now || !allowed) {
        x->nomem = true;
    } else {
        put_formula_str(x, ws, row, AC_LABEL, label_formula(x, i, v), x->f.wrap, now);
        put_formula_num(x, ws, row, AC_DK,
                        mt_asprintf("=IF(OR(%s=\"dk\",%s=\"-\"),1,0)", v, v), x->f.dk_flag,
                        ans->state == MT_ANSWER_DONT_KNOW ? 1 : 0);
        put_string(x, ws, row, AC_ALLOWED, allowed, x->f.text);
        add_answer_validation(x, row, it, allowed);
    }
    free(v);
    free(now);
    free(allowed);
    put_string(x, ws, row, AC_NOTE, ans->note, x->f.note);
    for (size_t l = 0; l < it->nloads; l++) {
        const mt_load *ld = &it->loads[l];
        put_number(x, ws, row, (lxw_col_t)(AC_WEIGHT0 + ld->construct), ld->weight,
                   ld->reverse ? x->f.weight_rev : x->f.weight);
    }
}

static void write_answers(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->answers;
    double widths[AC_WEIGHT0] = {
        [AC_SECTION] = 16, [AC_ID] = 8, [AC_QUESTION] = 60, [AC_TYPE] = 14,
        [AC_ANSWER] = 20, [AC_LABEL] = 28, [AC_DK] = 10, [AC_ALLOWED] = 20, [AC_NOTE] = 36,
    };
    /* Ids are short codes in some questionnaires and words in others. */
    for (size_t i = 0; i < q->nitems; i++) {
        double w = (double)strlen(q->items[i].id) + 2;
        if (w > widths[AC_ID])
            widths[AC_ID] = w < 28 ? w : 28;
    }
    set_widths(x, ws, widths, AC_WEIGHT0);
    for (size_t c = 0; c < q->nconstructs && AC_WEIGHT0 + c < MAX_FIT_COLS; c++)
        x->fit.width[AC_WEIGHT0 + c] = 13;
    if (q->nconstructs)
        check(x, worksheet_set_column(ws, AC_WEIGHT0,
                                      (lxw_col_t)(AC_WEIGHT0 + q->nconstructs - 1), 13, NULL));
    put_string(x, ws, 0, 0, L(x, "xlsx.answers.title"), x->f.title);
    put_string(x, ws, 1, 0, L(x, "xlsx.answers.hint"), x->f.hint);
    lxw_row_t head = 3;
    x->at.ans_first = head + 1;
    static const char *const keys[] = {
        "xlsx.col.section", "xlsx.col.item", "xlsx.col.question", "xlsx.col.type",
        "xlsx.col.answer", "xlsx.col.label", "xlsx.col.dont_know", "xlsx.col.allowed",
        "xlsx.col.note",
    };
    put_headings(x, ws, head, keys, sizeof keys / sizeof keys[0]);
    put_string(x, ws, head - 1, AC_WEIGHT0, L(x, "xlsx.col.weights"), x->f.key);
    for (size_t c = 0; c < q->nconstructs; c++)
        put_string(x, ws, head, (lxw_col_t)(AC_WEIGHT0 + c), T(x, &q->constructs[c].name),
                   x->f.heading);
    for (size_t i = 0; i < q->nitems; i++)
        write_answer_row(x, i);
    worksheet_freeze_panes(ws, head + 1, AC_QUESTION);
    check(x, worksheet_repeat_rows(ws, head, head));
    if (q->nitems)
        check(x, worksheet_autofilter(ws, head, 0, head + (lxw_row_t)q->nitems,
                                      (lxw_col_t)(AC_WEIGHT0 + q->nconstructs - 1 + !q->nconstructs)));
}

/* ----------------------------------------------------------- scoring -- */

/* A column wide enough for every construct name (within reason). */
static double names_width(const xlsx_writer *x, double least)
{
    double w = least;
    for (size_t c = 0; c < x->q->nconstructs; c++) {
        double need = (double)mt_utf8_len(T(x, &x->q->constructs[c].name)) + 2;
        if (need > w)
            w = need < 60 ? need : 60;
    }
    return w;
}


/* IF(ISNUMBER(V),IF(AND(V>=1,V<=n,INT(V)=V),expr,""),""): a scale point
 * or option number that is a whole number in range, else not counted. */
static void sb_whole_in_range(strbuf *b, const char *v, size_t n, const char *rev,
                              const char *expr)
{
    sb_add(b, "IF(ISNUMBER(%s),IF(AND(%s>=1,%s<=%zu,INT(%s)=%s),%s%s,\"\"),\"\")",
           v, v, v, n, v, v, rev, expr);
}

static void sb_likert(strbuf *b, const xlsx_writer *x, const mt_item *it, const char *v,
                      const char *rev)
{
    size_t p = likert_points(x->q, it);
    char *expr = mt_asprintf("(%s-1)/%zu", v, p > 1 ? p - 1 : 1);
    b->fail |= !expr;
    sb_whole_in_range(b, v, p, rev, expr ? expr : "");
    free(expr);
}

static void sb_choice(strbuf *b, const xlsx_writer *x, size_t i, size_t c, const char *v,
                      const char *rev)
{
    const mt_item *it = &x->q->items[i];
    lxw_row_t first = x->at.opt_row[i];
    char *col = range_ref(x->model_ref, first, (lxw_col_t)(3 + c),
                          first + (lxw_row_t)it->noptions - 1, (lxw_col_t)(3 + c));
    char *expr = col ? mt_asprintf("INDEX(%s,%s)/100", col, v) : NULL;
    b->fail |= !expr;
    sb_whole_in_range(b, v, it->noptions, rev, expr ? expr : "");
    free(col);
    free(expr);
}

/* Chosen options' scores added up, at most 100. "none" chooses nothing
 * and still counts; a blank, don't know, or a value that names no option
 * (a typo) does not count. */
static void sb_multi(strbuf *b, const xlsx_writer *x, size_t i, size_t c, const char *v,
                     const char *rev)
{
    const mt_item *it = &x->q->items[i];
    char *list = list_ref(x, i);
    sb_add(b, "IF(OR(LOWER(%s)=\"none\",0", v);
    for (size_t k = 0; k < it->noptions; k++) {
        sb_add(b, "+");
        sb_member(b, list, k + 1);
    }
    sb_add(b, ">0),%sMIN(100,0", rev);
    for (size_t k = 0; k < it->noptions; k++) {
        char *sc = ref(x->model_ref, x->at.opt_row[i] + (lxw_row_t)k, (lxw_col_t)(3 + c));
        sb_add(b, "+%s*", sc ? sc : "0");
        b->fail |= !sc;
        free(sc);
        sb_member(b, list, k + 1);
    }
    sb_add(b, ")/100,\"\")");
    free(list);
}

/* The score of the highest band whose lower bound is not above the value
 * (LOOKUP on the ascending bounds); no such band scores 0, as in the scorer. */
static void sb_number(strbuf *b, const xlsx_writer *x, size_t i, const char *v, const char *rev)
{
    const mt_item *it = &x->q->items[i];
    lxw_row_t first = x->at.nb_row[i], last = first + (lxw_row_t)it->nbands - 1;
    char *from = range_ref(x->model_ref, first, 1, last, 1);
    char *score = range_ref(x->model_ref, first, 2, last, 2);
    char lo[40], hi[40];
    number_literal(lo, sizeof lo, it->min);
    number_literal(hi, sizeof hi, it->max);
    sb_add(b, "IF(ISNUMBER(%s),IF(AND(%s>=%s,%s<=%s),%sIFERROR(LOOKUP(%s,%s,%s),0)/100,\"\"),\"\")",
           v, v, lo, v, hi, rev, v, from ? from : "", score ? score : "");
    b->fail |= !from || !score;
    free(from);
    free(score);
}

/* The item's 0..1 score on construct c as an expression (reversed when
 * asked), guarded so that don't know, a blank or a value out of range
 * gives "" (not counted), as the scorer leaves such answers out. c
 * matters for choice and multi items only. NULL for text items. */
static char *raw_score_expr(const xlsx_writer *x, size_t i, size_t c, bool reverse)
{
    const mt_item *it = &x->q->items[i];
    char *v = answer_ref(x, i);
    if (!v)
        return NULL;
    const char *rev = reverse ? "1-" : "";
    strbuf b = { 0 };
    switch (it->type) {
    case MT_ITEM_LIKERT: sb_likert(&b, x, it, v, rev); break;
    case MT_ITEM_CHOICE: sb_choice(&b, x, i, c, v, rev); break;
    case MT_ITEM_MULTI: sb_multi(&b, x, i, c, v, rev); break;
    case MT_ITEM_NUMBER: sb_number(&b, x, i, v, rev); break;
    case MT_ITEM_TEXT: break;
    }
    free(v);
    return sb_take(&b);
}

/* One grid cell: a formula with the scorer's own value as its cache. */
static void put_item_score(xlsx_writer *x, lxw_row_t row, lxw_col_t col, char *expr,
                           bool counted, double value)
{
    char *f = expr ? mt_asprintf("=%s", expr) : NULL;
    free(expr);
    if (counted)
        put_formula_num(x, x->scoring, row, col, f, x->f.grid, value);
    else
        put_formula_str(x, x->scoring, row, col, f, x->f.grid, "");
}

/* A multi answer as ",1,3,": spaces dropped and ";" read as ",", so that
 * "1, 3" and "1;3" choose the same options as "1,3". */
static void write_list(xlsx_writer *x, size_t i, lxw_row_t row)
{
    const mt_answer *ans = &x->as->answers->items[i];
    char *v = answer_ref(x, i);
    char *now = NULL;
    if (ans->state == MT_ANSWER_VALUE) {
        char *m = multi_value(ans->mask);
        now = m ? mt_asprintf(",%s,", m) : NULL;
        free(m);
    } else {
        now = mt_strdup(ans->state == MT_ANSWER_DONT_KNOW ? "," MT_DONT_KNOW "," : ",,");
    }
    char *f = v ? mt_asprintf("=\",\"&SUBSTITUTE(SUBSTITUTE(%s,\" \",\"\"),\";\",\",\")&\",\"", v) : NULL;
    x->nomem |= !now;
    put_formula_str(x, x->scoring, row, GC_LIST, f, x->f.text, now ? now : "");
    free(v);
    free(now);
}

static void write_grid_row(xlsx_writer *x, size_t i)
{
    const mt_questionnaire *q = x->q;
    const mt_item *it = &q->items[i];
    const mt_answer *ans = &x->as->answers->items[i];
    lxw_row_t row = x->at.grid_first + (lxw_row_t)i;
    put_string(x, x->scoring, row, GC_ID, it->id, x->f.text);
    if (it->type == MT_ITEM_TEXT)
        return;
    if (it->type == MT_ITEM_MULTI)
        write_list(x, i, row);
    /* The stage indicator: likert and number items on their own scale,
     * choice and multi items on the first construct they load on. */
    bool has_indicator = it->type == MT_ITEM_LIKERT || it->type == MT_ITEM_NUMBER || it->nloads;
    if (has_indicator) {
        double s = 0;
        bool counted = scorer_indicator_score(q, it, ans, &s);
        size_t c = it->nloads ? it->loads[0].construct : 0;
        put_item_score(x, row, GC_INDICATOR, raw_score_expr(x, i, c, false), counted, s);
    }
    for (size_t l = 0; l < it->nloads; l++) {
        const mt_load *ld = &it->loads[l];
        double s = 0;
        bool counted = scorer_item_score(q, it, ans, ld->construct, &s);
        put_item_score(x, row, (lxw_col_t)(GC_CONSTRUCT0 + ld->construct),
                       raw_score_expr(x, i, ld->construct, ld->reverse), counted, s);
    }
}

static void write_grid(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->scoring;
    lxw_row_t head = x->at.grid_first - 1;
    put_string(x, ws, head - 1, 0, L(x, "xlsx.grid.title"), x->f.key);
    put_string(x, ws, head, GC_ID, L(x, "xlsx.col.item"), x->f.heading);
    put_string(x, ws, head, GC_INDICATOR, L(x, "xlsx.grid.indicator"), x->f.heading);
    put_string(x, ws, head, GC_LIST, L(x, "xlsx.grid.list"), x->f.heading);
    for (size_t c = 0; c < q->nconstructs; c++)
        put_string(x, ws, head, (lxw_col_t)(GC_CONSTRUCT0 + c), T(x, &q->constructs[c].name),
                   x->f.heading);
    for (size_t i = 0; i < q->nitems; i++)
        write_grid_row(x, i);
}

/* Ranges over all items: a construct's weight column on Answers and its
 * column in the grid. */
static char *weights_range(const xlsx_writer *x, size_t c)
{
    lxw_row_t last = x->at.ans_first + (lxw_row_t)x->q->nitems - 1;
    return range_ref(x->answers_ref, x->at.ans_first, (lxw_col_t)(AC_WEIGHT0 + c), last,
                     (lxw_col_t)(AC_WEIGHT0 + c));
}

static char *grid_range(const xlsx_writer *x, size_t c)
{
    lxw_row_t last = x->at.grid_first + (lxw_row_t)x->q->nitems - 1;
    return range_ref(NULL, x->at.grid_first, (lxw_col_t)(GC_CONSTRUCT0 + c), last,
                     (lxw_col_t)(GC_CONSTRUCT0 + c));
}

static char *answers_range(const xlsx_writer *x)
{
    lxw_row_t last = x->at.ans_first + (lxw_row_t)x->q->nitems - 1;
    return range_ref(x->answers_ref, x->at.ans_first, AC_ANSWER, last, AC_ANSWER);
}

static const char *kind_label(const xlsx_writer *x, mt_construct_kind k)
{
    switch (k) {
    case MT_KIND_ARCHETYPE: return L(x, "xlsx.kind.archetype");
    case MT_KIND_BARRIER: return L(x, "xlsx.kind.barrier");
    case MT_KIND_CAPABILITY: return L(x, "xlsx.kind.capability");
    case MT_KIND_INDEX: return L(x, "xlsx.kind.index");
    }
    return "";
}

/* score = 100 x SUM(weight x s) / SUM(weight answered); coverage =
 * answered weight / all weight. The grid holds "" for items that do not
 * count, which SUMPRODUCT takes as 0 and ISNUMBER leaves out. */
static void write_construct_scores(xlsx_writer *x, size_t c, lxw_row_t row,
                                   const char *w, const char *g, const char *answers)
{
    lxw_worksheet *ws = x->scoring;
    const mt_construct_score *cs = &x->r->constructs[c];
    char ans_c[CELL_LEN], cov_c[CELL_LEN];
    lxw_rowcol_to_cell(ans_c, row, SC_ANSWERED);
    lxw_rowcol_to_cell(cov_c, row, SC_COVERAGE);
    put_formula_num(x, ws, row, SC_SCORE,
                    mt_asprintf("=IF(SUMPRODUCT(%s,--ISNUMBER(%s))>0,"
                                "ROUND(100*SUMPRODUCT(%s,%s)/SUMPRODUCT(%s,--ISNUMBER(%s)),9),0)",
                                w, g, w, g, w, g),
                    x->f.score, cs->score);
    put_formula_num(x, ws, row, SC_COVERAGE,
                    mt_asprintf("=IF(SUM(%s)>0,ROUND(100*SUMPRODUCT(%s,--ISNUMBER(%s))/SUM(%s),9),0)",
                                w, w, g, w),
                    x->f.pct, cs->coverage);
    put_formula_num(x, ws, row, SC_SUFFICIENT,
                    mt_asprintf("=IF(AND(%s>0,%s>=MinCoverage),1,0)", ans_c, cov_c), x->f.flag,
                    cs->sufficient ? 1 : 0);
    put_formula_num(x, ws, row, SC_ANSWERED, mt_asprintf("=COUNT(%s)", g), x->f.number,
                    (double)cs->answered);
    put_formula_num(x, ws, row, SC_DK,
                    mt_asprintf("=SUMPRODUCT(((%s=\"dk\")+(%s=\"-\"))*(%s>0))", answers, answers, w),
                    x->f.number, (double)cs->dont_know);
    put_formula_num(x, ws, row, SC_ITEMS, mt_asprintf("=COUNT(%s)", w), x->f.number,
                    (double)cs->items);
}

/* band = the label of the highest band whose lower bound is not above
 * the score; an insufficient score gets no band. */
static void write_construct_band(xlsx_writer *x, size_t c, lxw_row_t row)
{
    const mt_questionnaire *q = x->q;
    const mt_construct *con = &q->constructs[c];
    const mt_construct_score *cs = &x->r->constructs[c];
    if (con->bandset >= q->nbandsets || q->bandsets[con->bandset].nbands == 0)
        return;
    const mt_bandset *bs = &q->bandsets[con->bandset];
    lxw_row_t first = x->at.bs_row[con->bandset], last = first + (lxw_row_t)bs->nbands - 1;
    char *from = range_ref(x->model_ref, first, 2, last, 2);
    char *labels = range_ref(x->model_ref, first, 3, last, 3);
    char *insufficient = word_ref(x, W_INSUFFICIENT);
    char score_c[CELL_LEN], suff_c[CELL_LEN];
    lxw_rowcol_to_cell(score_c, row, SC_SCORE);
    lxw_rowcol_to_cell(suff_c, row, SC_SUFFICIENT);
    char *f = from && labels && insufficient
        ? mt_asprintf("=IF(%s=1,LOOKUP(%s,%s,%s),%s)", suff_c, score_c, from, labels, insufficient)
        : NULL;
    const char *now = word_text(x, W_INSUFFICIENT);
    if (cs->sufficient) {
        const mt_band *band = questionnaire_band(q, c, cs->band);
        now = band ? T(x, &band->label) : "";
    }
    put_formula_str(x, x->scoring, row, SC_BAND, f, x->f.text, now);
    free(from);
    free(labels);
    free(insufficient);
}

static void write_construct_row(xlsx_writer *x, size_t c)
{
    const mt_questionnaire *q = x->q;
    const mt_construct *con = &q->constructs[c];
    const mt_construct_score *cs = &x->r->constructs[c];
    lxw_worksheet *ws = x->scoring;
    lxw_row_t row = x->at.cons_first + (lxw_row_t)c;
    put_string(x, ws, row, SC_ID, con->id, x->f.text);
    put_string(x, ws, row, SC_NAME, T(x, &con->name), x->f.text);
    put_string(x, ws, row, SC_KIND, kind_label(x, con->kind), x->f.text);
    char *w = weights_range(x, c), *g = grid_range(x, c), *answers = answers_range(x);
    if (w && g && answers)
        write_construct_scores(x, c, row, w, g, answers);
    else
        x->nomem = true;
    free(w);
    free(g);
    free(answers);
    write_construct_band(x, c, row);
    /* Ranking keys for the classification: a sufficient archetype's score,
     * else -1; the second key hides the leader to find the runner-up. */
    char score_c[CELL_LEN], suff_c[CELL_LEN], key_c[CELL_LEN];
    lxw_rowcol_to_cell(score_c, row, SC_SCORE);
    lxw_rowcol_to_cell(suff_c, row, SC_SUFFICIENT);
    lxw_rowcol_to_cell(key_c, row, SC_KEY);
    double key = con->kind == MT_KIND_ARCHETYPE && cs->sufficient ? cs->score : -1;
    if (con->kind == MT_KIND_ARCHETYPE)
        put_formula_num(x, ws, row, SC_KEY, mt_asprintf("=IF(%s=1,%s,-1)", suff_c, score_c),
                        x->f.number, key);
    else
        put_number(x, ws, row, SC_KEY, -1, x->f.number);
    put_formula_num(x, ws, row, SC_KEY2, mt_asprintf("=IF(Leader=%zu,-1,%s)", c + 1, key_c),
                    x->f.number, x->r->dominant == (long)c ? -1 : key);
}

/* The profile in words as the scorer sees it: the cached value of the
 * Profile formula. Caller frees. */
static char *profile_of(const xlsx_writer *x, const mt_result *r)
{
    const mt_construct *c = x->q->constructs;
    if (r->dominant < 0)
        return mt_strdup(word_text(x, W_UNCLASSIFIED));
    if (r->hybrid && r->runner_up >= 0)
        return mt_asprintf("%s: %s + %s", word_text(x, W_HYBRID), T(x, &c[r->dominant].name),
                           T(x, &c[r->runner_up].name));
    return mt_strdup(T(x, &c[r->dominant].name));
}

static char *profile_now(const xlsx_writer *x)
{
    return profile_of(x, x->r);
}

/* Ranges of the construct table's columns used by the classification. */
typedef struct class_ranges {
    char *keys, *keys2, *names, *scores, *hybrid_w, *none_w;
} class_ranges;

static bool class_ranges_make(const xlsx_writer *x, class_ranges *cr)
{
    lxw_row_t first = x->at.cons_first;
    lxw_row_t last = first + (lxw_row_t)(x->q->nconstructs ? x->q->nconstructs - 1 : 0);
    cr->keys = range_ref(NULL, first, SC_KEY, last, SC_KEY);
    cr->keys2 = range_ref(NULL, first, SC_KEY2, last, SC_KEY2);
    cr->names = range_ref(NULL, first, SC_NAME, last, SC_NAME);
    cr->scores = range_ref(NULL, first, SC_SCORE, last, SC_SCORE);
    cr->hybrid_w = word_ref(x, W_HYBRID);
    cr->none_w = word_ref(x, W_UNCLASSIFIED);
    return cr->keys && cr->keys2 && cr->names && cr->scores && cr->hybrid_w && cr->none_w;
}

static void class_ranges_free(class_ranges *cr)
{
    free(cr->keys);
    free(cr->keys2);
    free(cr->names);
    free(cr->scores);
    free(cr->hybrid_w);
    free(cr->none_w);
}

/* Classification rows: the leader's and runner-up's positions in the
 * construct table (0 for none), the margin, hybrid, and the profile in
 * words. MATCH finds the first maximum, so ties go to file order, as in
 * the scorer. */
static void write_classification(xlsx_writer *x)
{
    const mt_result *r = x->r;
    lxw_worksheet *ws = x->scoring;
    lxw_row_t row = x->at.class_first;
    class_ranges cr;
    if (!class_ranges_make(x, &cr)) {
        x->nomem = true;
        class_ranges_free(&cr);
        return;
    }
    static const char *const heads[] = { "xlsx.class.dominant", "xlsx.class.runner_up",
                                         "xlsx.class.margin", "xlsx.class.hybrid",
                                         "xlsx.class.profile" };
    static const char *const names[] = { "Leader", "RunnerUp", "Margin", "Hybrid", "Profile" };
    for (int k = 0; k < 5; k++) {
        put_string(x, ws, row + (lxw_row_t)k, 0, L(x, heads[k]), x->f.key);
        name_cell(x, names[k], x->scoring_ref, row + (lxw_row_t)k, 1);
    }
    put_formula_num(x, ws, row, 1,
                    mt_asprintf("=IF(MAX(%s)<0,0,MATCH(MAX(%s),%s,0))", cr.keys, cr.keys, cr.keys),
                    x->f.number, (double)(r->dominant + 1));
    put_formula_num(x, ws, row + 1, 1,
                    mt_asprintf("=IF(MAX(%s)<0,0,MATCH(MAX(%s),%s,0))", cr.keys2, cr.keys2, cr.keys2),
                    x->f.number, (double)(r->runner_up + 1));
    char *mf = mt_asprintf("=IF(RunnerUp>0,ROUND(INDEX(%s,Leader)-INDEX(%s,RunnerUp),9),\"\")",
                           cr.scores, cr.scores);
    if (r->runner_up >= 0)
        put_formula_num(x, ws, row + 2, 1, mf, x->f.score, r->margin);
    else
        put_formula_str(x, ws, row + 2, 1, mf, x->f.score, "");
    put_formula_num(x, ws, row + 3, 1,
                    mt_strdup("=IF(RunnerUp>0,IF(Margin<HybridMargin,1,0),0)"), x->f.flag,
                    r->hybrid ? 1 : 0);
    char *now = profile_now(x);
    put_formula_str(x, ws, row + 4, 1,
                    mt_asprintf("=IF(Leader=0,%s,IF(Hybrid=1,%s&\": \"&INDEX(%s,Leader)"
                                "&\" + \"&INDEX(%s,RunnerUp),INDEX(%s,Leader)))",
                                cr.none_w, cr.hybrid_w, cr.names, cr.names, cr.names),
                    x->f.key, now ? now : "");
    free(now);
    class_ranges_free(&cr);
}

/* A stage's indicator cells in the grid, as a list for COUNT/AVERAGE. */
static char *indicator_list(const xlsx_writer *x, const mt_stage *st)
{
    strbuf b = { 0 };
    for (size_t k = 0; k < st->nitems; k++) {
        char cell[CELL_LEN];
        lxw_rowcol_to_cell(cell, x->at.grid_first + (lxw_row_t)st->items[k], GC_INDICATOR);
        sb_add(&b, "%s%s", k ? "," : "", cell);
    }
    return sb_take(&b);
}

static void write_stage_row(xlsx_writer *x, size_t s)
{
    const mt_stage *st = &x->q->stages[s];
    const mt_stage_score *ss = &x->r->stages[s];
    lxw_worksheet *ws = x->scoring;
    lxw_row_t row = x->at.stage_first + (lxw_row_t)s;
    put_string(x, ws, row, ST_ID, st->id, x->f.text);
    put_string(x, ws, row, ST_NAME, T(x, &st->name), x->f.text);
    put_number(x, ws, row, ST_THRESHOLD, st->threshold, x->f.number);
    char *list = indicator_list(x, st);
    if (!list || st->nitems == 0) {
        x->nomem |= !list && st->nitems;
        free(list);
        return;
    }
    char score_c[CELL_LEN], cov_c[CELL_LEN], suff_c[CELL_LEN], met_c[CELL_LEN], thr_c[CELL_LEN], prev_c[CELL_LEN];
    lxw_rowcol_to_cell(score_c, row, ST_SCORE);
    lxw_rowcol_to_cell(cov_c, row, ST_COVERAGE);
    lxw_rowcol_to_cell(suff_c, row, ST_SUFFICIENT);
    lxw_rowcol_to_cell(met_c, row, ST_MET);
    lxw_rowcol_to_cell(thr_c, row, ST_THRESHOLD);
    lxw_rowcol_to_cell(prev_c, row ? row - 1 : 0, ST_REACHED);
    put_formula_num(x, ws, row, ST_SCORE,
                    mt_asprintf("=IF(COUNT(%s)>0,ROUND(100*AVERAGE(%s),9),0)", list, list), x->f.score,
                    ss->score);
    put_formula_num(x, ws, row, ST_COVERAGE,
                    mt_asprintf("=ROUND(100*COUNT(%s)/%zu,9)", list, st->nitems),
                    x->f.pct, ss->coverage);
    put_formula_num(x, ws, row, ST_SUFFICIENT,
                    mt_asprintf("=IF(AND(COUNT(%s)>0,%s>=MinCoverage),1,0)", list, cov_c),
                    x->f.flag, ss->sufficient ? 1 : 0);
    put_formula_num(x, ws, row, ST_MET,
                    mt_asprintf("=IF(AND(%s=1,%s>=%s),1,0)", suff_c, score_c, thr_c), x->f.flag,
                    ss->met ? 1 : 0);
    /* Stages are cumulative: reached only when every earlier one is. */
    char *reached = s == 0 ? mt_asprintf("=%s", met_c)
                           : mt_asprintf("=IF(AND(%s=1,%s=1),1,0)", met_c, prev_c);
    put_formula_num(x, ws, row, ST_REACHED, reached, x->f.flag, ss->reached ? 1 : 0);
    free(list);
}

static void write_stage_summary(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    const mt_result *r = x->r;
    lxw_worksheet *ws = x->scoring;
    lxw_row_t row = x->at.stage_summary;
    if (q->nstages == 0)
        return;
    lxw_row_t last = x->at.stage_first + (lxw_row_t)q->nstages - 1;
    char *reached = range_ref(NULL, x->at.stage_first, ST_REACHED, last, ST_REACHED);
    char *names = range_ref(NULL, x->at.stage_first, ST_NAME, last, ST_NAME);
    char *none_w = word_ref(x, W_NONE_STAGE), *all_w = word_ref(x, W_ALL_STAGES);
    if (!reached || !names || !none_w || !all_w) {
        x->nomem = true;
    } else {
        char n_c[CELL_LEN];
        cell_abs(n_c, row, 1);
        name_cell(x, "StagesReached", x->scoring_ref, row, 1);
        name_cell(x, "StageReached", x->scoring_ref, row + 1, 1);
        name_cell(x, "NextStage", x->scoring_ref, row + 2, 1);
        put_string(x, ws, row, 0, L(x, "xlsx.stage.count"), x->f.key);
        put_string(x, ws, row + 1, 0, L(x, "common.stage"), x->f.key);
        put_string(x, ws, row + 2, 0, L(x, "common.next_stage"), x->f.key);
        put_formula_num(x, ws, row, 1, mt_asprintf("=SUM(%s)", reached), x->f.number,
                        (double)(r->stage_reached + 1));
        put_formula_str(x, ws, row + 1, 1,
                        mt_asprintf("=IF(%s=0,%s,INDEX(%s,%s))", n_c, none_w, names, n_c), x->f.key,
                        r->stage_reached >= 0 ? T(x, &q->stages[r->stage_reached].name)
                                              : word_text(x, W_NONE_STAGE));
        put_formula_str(x, ws, row + 2, 1,
                        mt_asprintf("=IF(%s>=%zu,%s,INDEX(%s,%s+1))", n_c, q->nstages, all_w,
                                    names, n_c),
                        x->f.key,
                        r->next_stage >= 0 ? T(x, &q->stages[r->next_stage].name)
                                           : word_text(x, W_ALL_STAGES));
    }
    free(reached);
    free(names);
    free(none_w);
    free(all_w);
}

/* Row plan of the Scoring sheet: constructs, classification, stages, grid. */
static void plan_scoring(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    x->at.cons_first = 3;
    x->at.class_first = x->at.cons_first + (lxw_row_t)q->nconstructs + 1;
    x->at.stage_first = x->at.class_first + 5 + 2;
    x->at.stage_summary = x->at.stage_first + (lxw_row_t)q->nstages + 1;
    x->at.grid_first = x->at.stage_summary + 3 + 3;
}

static void write_scoring(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->scoring;
    double widths[] = { 30, names_width(x, 30), 12, 12, 12, 12, 16, 12, 12, 12, 12, 14 };
    size_t ncols = sizeof widths / sizeof widths[0];
    set_widths(x, ws, widths, ncols);
    if (GC_CONSTRUCT0 + q->nconstructs > ncols)
        check(x, worksheet_set_column(ws, (lxw_col_t)ncols,
                                      (lxw_col_t)(GC_CONSTRUCT0 + q->nconstructs - 1), 12, NULL));
    put_string(x, ws, 0, 0, L(x, "xlsx.scoring.title"), x->f.title);
    put_string(x, ws, 1, 0, L(x, "xlsx.scoring.hint"), x->f.hint);
    static const char *const cons[] = {
        "xlsx.col.construct_id", "xlsx.col.construct", "xlsx.col.kind", "common.score",
        "common.coverage", "xlsx.col.sufficient", "common.band", "xlsx.col.answered",
        "xlsx.col.dont_know", "xlsx.col.items", "xlsx.col.key", "xlsx.col.key2",
    };
    put_headings(x, ws, x->at.cons_first - 1, cons, sizeof cons / sizeof cons[0]);
    for (size_t c = 0; c < q->nconstructs; c++)
        write_construct_row(x, c);
    write_classification(x);
    static const char *const stages[] = {
        "xlsx.col.stage_id", "common.stage", "xlsx.col.threshold", "common.score",
        "common.coverage", "xlsx.col.sufficient", "xlsx.col.met", "xlsx.col.reached",
    };
    if (q->nstages)
        put_headings(x, ws, x->at.stage_first - 1, stages, sizeof stages / sizeof stages[0]);
    for (size_t s = 0; s < q->nstages; s++)
        write_stage_row(x, s);
    write_stage_summary(x);
    write_grid(x);
    worksheet_freeze_panes(ws, x->at.cons_first, 2);
}

/* ----------------------------------------------------------- summary -- */

static void put_meta(xlsx_writer *x, lxw_row_t row, const char *key, const char *value)
{
    put_string(x, x->summary, row, 0, L(x, key), x->f.key);
    put_string(x, x->summary, row, 1, value, x->f.text);
}

/* A cell of Scoring shown on Summary: a formula, so it follows changes. */
static void put_scoring_link_num(xlsx_writer *x, lxw_row_t row, lxw_col_t col, lxw_row_t srow,
                                 lxw_col_t scol, lxw_format *fmt, double cached)
{
    char *r = ref(x->scoring_ref, srow, scol);
    put_formula_num(x, x->summary, row, col, r ? mt_asprintf("=%s", r) : NULL, fmt, cached);
    free(r);
}

static void put_scoring_link_str(xlsx_writer *x, lxw_row_t row, lxw_col_t col, lxw_row_t srow,
                                 lxw_col_t scol, lxw_format *fmt, const char *cached)
{
    char *r = ref(x->scoring_ref, srow, scol);
    put_formula_str(x, x->summary, row, col, r ? mt_asprintf("=%s", r) : NULL, fmt, cached);
    free(r);
}

static lxw_row_t write_summary_meta(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    const mt_meta *m = &x->as->answers->meta;
    put_string(x, x->summary, 0, 0, T(x, &q->title), x->f.title);
    lxw_row_t row = 2;
    put_meta(x, row++, "xlsx.meta.organisation", m->organisation);
    put_meta(x, row++, "xlsx.meta.respondent", m->respondent);
    put_meta(x, row++, "xlsx.meta.role", m->role);
    put_meta(x, row++, "xlsx.meta.assessor", m->assessor);
    put_meta(x, row++, "xlsx.meta.date", m->date);
    char *qv = mt_asprintf("%s (%s %s)", T(x, &q->title), q->id ? q->id : "",
                           q->version ? q->version : "");
    if (!qv)
        x->nomem = true;
    put_meta(x, row++, "xlsx.meta.questionnaire", qv);
    free(qv);
    if (x->brand) {
        const char *who = brand_text_get(&x->brand->consultant, x->lc);
        const char *contact = brand_text_get(&x->brand->contact, x->lc);
        if (who)
            put_meta(x, row++, "xlsx.meta.prepared_by", who);
        if (contact) {
            put_string(x, x->summary, row, 0, L(x, "xlsx.meta.contact"), x->f.key);
            put_string(x, x->summary, row++, 1, contact, x->f.wrap);
        }
    }
    if (q->short_form)
        put_string(x, x->summary, row++, 0, L(x, "common.short_form"), x->f.hint);
    return row + 1;
}

static lxw_row_t write_summary_profile(xlsx_writer *x, lxw_row_t row)
{
    const mt_questionnaire *q = x->q;
    const mt_result *r = x->r;
    const mt_answers *a = x->as->answers;
    lxw_worksheet *ws = x->summary;
    char *now = profile_now(x);
    put_string(x, ws, row, 0, L(x, "common.dominant"), x->f.key);
    put_scoring_link_str(x, row++, 1, x->at.class_first + 4, 1, x->f.key, now ? now : "");
    free(now);
    if (q->nstages) {
        put_string(x, ws, row, 0, L(x, "common.stage"), x->f.key);
        put_scoring_link_str(x, row++, 1, x->at.stage_summary + 1, 1, x->f.key,
                             r->stage_reached >= 0 ? T(x, &q->stages[r->stage_reached].name)
                                                   : word_text(x, W_NONE_STAGE));
        put_string(x, ws, row, 0, L(x, "common.next_stage"), x->f.key);
        put_scoring_link_str(x, row++, 1, x->at.stage_summary + 2, 1, x->f.key,
                             r->next_stage >= 0 ? T(x, &q->stages[r->next_stage].name)
                                                : word_text(x, W_ALL_STAGES));
    }
    /* Counts follow the Answers sheet too. */
    char *ans = answers_range(x);
    if (!ans) {
        x->nomem = true;
        return row + 1;
    }
    char dk_c[CELL_LEN], na_c[CELL_LEN];
    cell_abs(dk_c, row + 1, 1);
    cell_abs(na_c, row + 2, 1);
    put_string(x, ws, row, 0, L(x, "xlsx.counts.answered"), x->f.key);
    put_formula_num(x, ws, row, 1, mt_asprintf("=%zu-%s-%s", q->nitems, dk_c, na_c), x->f.number,
                    (double)answers_count(a, MT_ANSWER_VALUE));
    put_string(x, ws, row + 1, 0, L(x, "xlsx.col.dont_know"), x->f.key);
    put_formula_num(x, ws, row + 1, 1,
                    mt_asprintf("=COUNTIF(%s,\"dk\")+COUNTIF(%s,\"-\")", ans, ans), x->f.number,
                    (double)answers_count(a, MT_ANSWER_DONT_KNOW));
    put_string(x, ws, row + 2, 0, L(x, "xlsx.counts.unanswered"), x->f.key);
    put_formula_num(x, ws, row + 2, 1, mt_asprintf("=COUNTBLANK(%s)", ans), x->f.number,
                    (double)answers_count(a, MT_ANSWER_NONE));
    free(ans);
    return row + 4;
}

/* Pixel height of a PNG or JPEG file, or 0 when it cannot be read: the
 * logo is scaled to a fixed height beside the title. */
static unsigned image_height(const char *path, mt_logo_format format)
{
    unsigned char buf[65536];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    if (format == MT_LOGO_PNG)
        return n >= 24 ? (unsigned)(buf[20] << 8 | buf[21]) : 0;
    /* JPEG: the frame header (SOF0..SOF15 but DHT, JPG, DAC) holds the size. */
    for (size_t i = 2; i + 8 < n;) {
        if (buf[i] != 0xFF)
            return 0;
        unsigned marker = buf[i + 1], len = (unsigned)(buf[i + 2] << 8 | buf[i + 3]);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return (unsigned)(buf[i + 5] << 8 | buf[i + 6]);
        i += 2 + len;
    }
    return 0;
}

/* The consultant's logo at the top of the Summary. A logo the library
 * cannot read is left out with a warning rather than failing the file. */
static void insert_logo(xlsx_writer *x)
{
    if (!x->brand || !x->brand->logo)
        return;
    unsigned h = image_height(x->brand->logo, x->brand->logo_format);
    double scale = h > 0 ? 48.0 / h : 1;
    lxw_image_options opt = { .x_scale = scale, .y_scale = scale, .x_offset = 4, .y_offset = 2 };
    lxw_error e = worksheet_insert_image_opt(x->summary, 0, 3, x->brand->logo, &opt);
    if (e != LXW_NO_ERROR)
        mt_diags_add(x->diags, x->brand->logo, 0, MT_SEV_WARNING,
                     "the logo is left out of the workbook: %s", lxw_strerror(e));
}

static void put_percentile(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                           size_t c, const char *score_cell, const char *known, bool sufficient,
                           double score);
static lxw_row_t write_norms_note(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row);

/* Constructs grouped by kind, so that archetypes and barriers each sit
 * in one block that a chart can point at; with norms, each score's
 * percentile beside it (as of the answers when the workbook was written).
 * Returns the next free row. */
static lxw_row_t write_summary_kind(xlsx_writer *x, lxw_row_t row, mt_construct_kind kind,
                                    lxw_row_t *first, lxw_row_t *last)
{
    const mt_questionnaire *q = x->q;
    *first = row;
    for (size_t c = 0; c < q->nconstructs; c++) {
        const mt_construct *con = &q->constructs[c];
        const mt_construct_score *cs = &x->r->constructs[c];
        if (con->kind != kind)
            continue;
        lxw_row_t srow = x->at.cons_first + (lxw_row_t)c;
        const mt_band *band = cs->sufficient ? questionnaire_band(q, c, cs->band) : NULL;
        put_string(x, x->summary, row, 0, T(x, &con->name), x->f.text);
        put_string(x, x->summary, row, 1, kind_label(x, kind), x->f.text);
        put_scoring_link_num(x, row, 2, srow, SC_SCORE, x->f.score, cs->score);
        put_scoring_link_str(x, row, 3, srow, SC_BAND, x->f.text,
                             band ? T(x, &band->label) : word_text(x, W_INSUFFICIENT));
        put_scoring_link_num(x, row, 4, srow, SC_COVERAGE, x->f.pct, cs->coverage);
        char score_c[CELL_LEN];
        lxw_rowcol_to_cell(score_c, row, 2);
        char *suff = ref(x->scoring_ref, srow, SC_SUFFICIENT);
        char *known = suff ? mt_asprintf("%s=1", suff) : NULL;
        x->nomem |= !known;
        if (known)
            put_percentile(x, x->summary, row, 5, c, score_c, known, cs->sufficient, cs->score);
        free(suff);
        free(known);
        row++;
    }
    *last = row;   /* one past */
    return row;
}

static void add_chart(xlsx_writer *x, uint8_t type, const char *title_key, lxw_row_t first,
                      lxw_row_t end, lxw_row_t at_row)
{
    if (end <= first)
        return;
    lxw_chart *chart = workbook_add_chart(x->wb, type);
    if (!chart) {
        x->nomem = true;
        return;
    }
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    if (!s) {
        x->nomem = true;
        return;
    }
    chart_series_set_categories(s, x->summary_name, first, 0, end - 1, 0);
    chart_series_set_values(s, x->summary_name, first, 2, end - 1, 2);
    chart_series_set_name(s, L(x, "common.score"));
    chart_title_set_name(chart, L(x, title_key));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* In a bar chart the value axis is x. */
    lxw_chart_axis *value_axis = type == LXW_CHART_BAR ? chart->x_axis : chart->y_axis;
    chart_axis_set_min(value_axis, 0);
    chart_axis_set_max(value_axis, 100);
    chart_axis_set_major_unit(value_axis, 20);
    if (type == LXW_CHART_BAR) {
        chart_axis_set_reverse(chart->y_axis);   /* first barrier on top */
        chart_series_set_labels(s);
        chart_series_set_labels_num_format(s, "0");
    }
    lxw_chart_options opt = { .x_scale = 1.25, .y_scale = 1.2 };
    check(x, worksheet_insert_chart_opt(x->summary, at_row, 6, chart, &opt));
}

static void write_summary(xlsx_writer *x)
{
    lxw_worksheet *ws = x->summary;
    double widths[] = { names_width(x, 34), 36, 10, 18, 11, 11 };
    size_t ncols = x->norms ? 6 : 5;
    set_widths(x, ws, widths, ncols);
    insert_logo(x);
    check(x, worksheet_set_row(ws, 0, 40, NULL));
    lxw_row_t row = write_summary_meta(x);
    row = write_summary_profile(x, row);
    static const char *const heads[] = { "xlsx.col.construct", "xlsx.col.kind", "common.score",
                                         "common.band", "common.coverage",
                                         "xlsx.norms.percentile" };
    put_headings(x, ws, row++, heads, ncols);
    static const mt_construct_kind order[] = { MT_KIND_ARCHETYPE, MT_KIND_BARRIER,
                                               MT_KIND_CAPABILITY, MT_KIND_INDEX };
    lxw_row_t first[4], end[4];
    lxw_row_t table = row;
    for (int k = 0; k < 4; k++)
        row = write_summary_kind(x, row, order[k], &first[k], &end[k]);
    /* A bar in each score cell, on the same 0..100 scale for every row. */
    lxw_conditional_format bars = {
        .type = LXW_CONDITIONAL_DATA_BAR, .bar_solid = 1, .bar_color = 0x9DC3E6,
        .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = 0,
        .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 100,
    };
    if (row > table)
        check(x, worksheet_conditional_format_range(ws, table, 2, row - 1, 2, &bars));
    write_norms_note(x, ws, row + 1);
    add_chart(x, LXW_CHART_RADAR_FILLED, "xlsx.chart.archetypes", first[0], end[0], 1);
    add_chart(x, LXW_CHART_BAR, "xlsx.chart.barriers", first[1], end[1], 20);
    worksheet_freeze_panes(ws, 1, 0);
}

/* --------------------------------------------------- recommendations -- */

static const char *priority_label(const xlsx_writer *x, mt_priority p)
{
    switch (p) {
    case MT_PRIORITY_HIGH: return L(x, "common.priority.high");
    case MT_PRIORITY_MEDIUM: return L(x, "common.priority.medium");
    case MT_PRIORITY_LOW: return L(x, "common.priority.low");
    }
    return "";
}

static const char *horizon_label(const xlsx_writer *x, mt_horizon h)
{
    switch (h) {
    case MT_HORIZON_QUICK_WIN: return L(x, "common.horizon.quick_win");
    case MT_HORIZON_90_DAYS: return L(x, "common.horizon.90_days");
    case MT_HORIZON_12_MONTHS: return L(x, "common.horizon.12_months");
    }
    return "";
}

static void write_recommendation(xlsx_writer *x, lxw_row_t row, size_t n)
{
    const mt_questionnaire *q = x->q;
    const mt_recommendation *rec = &x->recs->items[n];
    const mt_rule *rule = &q->rules[rec->rule];
    lxw_worksheet *ws = x->recs_ws;
    put_number(x, ws, row, 0, (double)(n + 1), x->f.number);
    put_string(x, ws, row, 1, priority_label(x, rule->priority), x->f.text);
    put_string(x, ws, row, 2, horizon_label(x, rule->horizon), x->f.text);
    put_string(x, ws, row, 3, T(x, &rule->title), x->f.wrap);
    put_string(x, ws, row, 4, T(x, &rule->text), x->f.wrap);
    char *why = recommender_why(q, x->r, rec, x->lang);
    put_string(x, ws, row, 5, why, x->f.wrap);
    free(why);
    put_string(x, ws, row, 6, rule->source < q->nsources ? T(x, &q->sources[rule->source].title) : "",
               x->f.wrap);
    put_string(x, ws, row, 7, rule->id, x->f.text);
}

static void write_recommendations(xlsx_writer *x)
{
    lxw_worksheet *ws = x->recs_ws;
    const mt_recommendations *recs = x->recs;
    static const double widths[] = { 5, 12, 16, 30, 60, 30, 30, 18 };
    set_widths(x, ws, widths, 8);
    put_string(x, ws, 0, 0, L(x, "xlsx.recs.title"), x->f.title);
    put_string(x, ws, 1, 0, L(x, "xlsx.recs.hint"), x->f.hint);
    static const char *const heads[] = { "xlsx.col.number", "xlsx.recs.priority",
                                         "xlsx.recs.horizon", "xlsx.recs.headline",
                                         "xlsx.recs.text", "xlsx.recs.why", "xlsx.recs.source",
                                         "xlsx.recs.rule" };
    put_headings(x, ws, 3, heads, 8);
    size_t n = recs ? recs->count : 0;
    for (size_t i = 0; i < n; i++)
        write_recommendation(x, 4 + (lxw_row_t)i, i);
    if (n == 0)
        put_string(x, ws, 4, 0, L(x, "xlsx.recs.none"), x->f.text);
    worksheet_freeze_panes(ws, 4, 0);
}

/* ------------------------------------------------------------- about -- */

static void put_about(xlsx_writer *x, lxw_row_t row, const char *key, const char *value)
{
    put_string(x, x->about, row, 0, L(x, key), x->f.key);
    put_string(x, x->about, row, 1, value, x->f.wrap);
}

static void write_about(xlsx_writer *x, const char *tool_version, const char *generated)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->about;
    static const double widths[] = { 30, 100 };
    set_widths(x, ws, widths, 2);
    put_string(x, ws, 0, 0, L(x, "xlsx.about.title"), x->f.title);
    lxw_row_t row = 2;
    put_about(x, row++, "xlsx.meta.questionnaire", T(x, &q->title));
    put_about(x, row++, "xlsx.about.id", q->id);
    put_about(x, row++, "xlsx.about.version", q->version);
    put_about(x, row++, "xlsx.about.hash", q->hash);
    put_about(x, row++, "xlsx.about.answers_hash", x->as->answers->meta.hash);
    put_about(x, row++, "xlsx.about.language", x->lc);
    put_about(x, row++, "xlsx.about.tool", tool_version);
    put_about(x, row++, "xlsx.about.generated", generated);
    row++;
    put_about(x, row++, "xlsx.about.method_title", L(x, "xlsx.about.method"));
    put_about(x, row++, "xlsx.about.editing_title", L(x, "xlsx.about.editing"));
    put_about(x, row++, "xlsx.about.sheets_title", L(x, "xlsx.about.sheets"));
}

/* ------------------------------------------------------ fill-ins, sheets -- */

/* A label with {1}, {2}, {3} filled in. Caller frees. */
static char *fill(const char *tmpl, const char *a1, const char *a2, const char *a3)
{
    const char *args[3] = { a1, a2, a3 };
    strbuf b = { 0 };
    sb_add(&b, "%s", "");
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
            const char *a = args[p[1] - '1'];
            sb_add(&b, "%s", a ? a : "");
            p += 2;
        } else {
            sb_add(&b, "%c", *p);
        }
    }
    return sb_take(&b);
}

/* Writes the label `key` with its blanks filled in. */
static void put_filled(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *key, const char *a1, const char *a2, const char *a3,
                       lxw_format *fmt)
{
    char *s = fill(L(x, key), a1, a2, a3);
    if (!s)
        x->nomem = true;
    put_string(x, ws, row, col, s, fmt);
    free(s);
}

static void count_text(char *buf, size_t n, size_t v)
{
    snprintf(buf, n, "%zu", v);
}

/* A sheet in the report's direction, printed landscape one page wide. */
static lxw_worksheet *new_sheet(xlsx_writer *x, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        return NULL;
    if (x->rtl)
        worksheet_right_to_left(ws);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    return ws;
}

/* A formula pointing at one cell of another sheet. */
static char *link_to(const char *sheet, lxw_row_t row, lxw_col_t col)
{
    char *r = ref(sheet, row, col);
    char *f = r ? mt_asprintf("=%s", r) : NULL;
    free(r);
    return f;
}

/* -------------------------------------------------------------- norms -- */

/* The percentile of a construct's score in the portfolio, when there are
 * norms, the score is known and the norms have results for it. */
static bool percentile_for(const xlsx_writer *x, size_t c, double score, bool sufficient,
                           double *out)
{
    if (!x->norms || !sufficient)
        return false;
    const mt_norm *norm = norms_find(x->norms, x->q->constructs[c].id);
    return norm && norms_percentile(norm, score, out);
}

/* The lines that say which norms the percentiles come from. Returns the
 * next free row. */
static lxw_row_t write_norms_note(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row)
{
    if (!x->norms)
        return row;
    char results[24];
    count_text(results, sizeof results, x->norms->results);
    /* The file by name only: the workbook may go to the client. */
    char *name = mt_path_label(x->norms->path ? x->norms->path : "");
    x->nomem |= !name;
    put_filled(x, ws, row++, 0, "xlsx.norms.intro", name ? name : "", results, NULL, x->f.hint);
    free(name);
    put_string(x, ws, row++, 0, L(x, "xlsx.norms.how_to_read"), x->f.hint);
    if (x->norms->results < 10)
        put_string(x, ws, row++, 0, L(x, "xlsx.norms.few"), x->f.hint);
    return row;
}

/* Norms sheet rows: n, mean, sd, then the count of each whole point. */
enum { NR_N = 6, NR_MEAN, NR_SD, NR_POINT0 };

/* Which constructs get a histogram column on the Norms sheet. */
static bool plan_norms(xlsx_writer *x)
{
    if (!x->norms)
        return true;
    x->norm_col = calloc(x->q->nconstructs + 1, sizeof *x->norm_col);
    if (!x->norm_col)
        return false;
    lxw_col_t col = 1;
    for (size_t c = 0; c < x->q->nconstructs; c++) {
        const mt_norm *norm = norms_find(x->norms, x->q->constructs[c].id);
        if (norm && norm->n)
            x->norm_col[c] = col++;
    }
    return true;
}

/* The portfolio as the percentile formulas read it: per construct, how
 * many earlier results scored each whole point. */
static void write_norms_sheet(xlsx_writer *x)
{
    lxw_worksheet *ws = x->norms_ws;
    const mt_questionnaire *q = x->q;
    if (!ws)
        return;
    double widths[] = { 22 };
    set_widths(x, ws, widths, 1);
    put_string(x, ws, 0, 0, L(x, "xlsx.norms.title"), x->f.title);
    write_norms_note(x, ws, 1);
    static const char *const rows[] = { "xlsx.norms.n", "xlsx.norms.mean", "xlsx.norms.sd" };
    put_string(x, ws, NR_N - 1, 0, L(x, "xlsx.norms.point"), x->f.heading);
    for (int i = 0; i < 3; i++)
        put_string(x, ws, (lxw_row_t)(NR_N + i), 0, L(x, rows[i]), x->f.key);
    for (int p = 0; p < MT_NORMS_POINTS; p++)
        put_number(x, ws, (lxw_row_t)(NR_POINT0 + p), 0, p, x->f.number);
    for (size_t c = 0; c < q->nconstructs; c++) {
        lxw_col_t col = x->norm_col[c];
        const mt_norm *norm = col ? norms_find(x->norms, q->constructs[c].id) : NULL;
        if (!norm)
            continue;
        check(x, worksheet_set_column(ws, col, col, 14, NULL));
        put_string(x, ws, NR_N - 1, col, T(x, &q->constructs[c].name), x->f.heading);
        put_number(x, ws, NR_N, col, (double)norm->n, x->f.number);
        put_number(x, ws, NR_MEAN, col, norm->mean, x->f.score);
        put_number(x, ws, NR_SD, col, norm->sd, x->f.score);
        for (int p = 0; p < MT_NORMS_POINTS; p++)
            put_number(x, ws, (lxw_row_t)(NR_POINT0 + p), col, (double)norm->counts[p], x->f.number);
    }
    worksheet_freeze_panes(ws, NR_N, 1);
}

/* The percentile of the score in `score_cell` as a live formula over the
 * Norms sheet: 100 x (results below + half of those equal) / n, on whole
 * points, as norms_percentile() does; blank unless `known` (an
 * expression) holds. The cached value is the C one. */
static void put_percentile(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                           size_t c, const char *score_cell, const char *known, bool sufficient,
                           double score)
{
    lxw_col_t nc = x->norm_col ? x->norm_col[c] : 0;
    if (!nc)
        return;
    lxw_row_t last = NR_POINT0 + MT_NORMS_POINTS - 1;
    char *points = range_ref(x->norms_ref, NR_POINT0, 0, last, 0);
    char *counts = range_ref(x->norms_ref, NR_POINT0, nc, last, nc);
    char *n = ref(x->norms_ref, NR_N, nc);
    char *f = points && counts && n
        ? mt_asprintf("=IF(AND(ISNUMBER(%s),%s),ROUND(100*(SUMPRODUCT((%s<ROUND(%s,0))*%s)"
                      "+INDEX(%s,ROUND(%s,0)+1)/2)/%s,9),\"\")",
                      score_cell, known, points, score_cell, counts, counts, score_cell, n)
        : NULL;
    double pct;
    if (percentile_for(x, c, score, sufficient, &pct))
        put_formula_num(x, ws, row, col, f, x->f.score, pct);
    else
        put_formula_str(x, ws, row, col, f, x->f.score, "");
    free(points);
    free(counts);
    free(n);
}

/* ---------------------------------------------------------- follow-up -- */

/* Follow-up sheet columns. */
enum {
    FC_ID, FC_NAME, FC_KIND, FC_BASE, FC_CUR, FC_CHANGE, FC_DIR, FC_SENSE, FC_BAND_THEN,
    FC_BAND_NOW, FC_COUNT
};

static const char *direction_key(mt_direction d)
{
    switch (d) {
    case MT_DIR_UP: return "xlsx.followup.dir.up";
    case MT_DIR_DOWN: return "xlsx.followup.dir.down";
    case MT_DIR_SAME: return "xlsx.followup.dir.same";
    case MT_DIR_UNKNOWN: return "xlsx.followup.dir.unknown";
    case MT_DIR_NEW: return "xlsx.followup.dir.new";
    case MT_DIR_GONE: return "xlsx.followup.dir.gone";
    }
    return "xlsx.followup.dir.unknown";
}

static const char *sense_text(const xlsx_writer *x, const mt_construct_change *ch)
{
    bool moved = ch->direction == MT_DIR_UP || ch->direction == MT_DIR_DOWN;
    if (!moved || ch->sense == MT_SENSE_NEUTRAL)
        return "";
    return L(x, ch->sense == MT_SENSE_BETTER ? "xlsx.followup.better" : "xlsx.followup.worse");
}

/* The construct a change is about, in whichever questionnaire has it. */
static const mt_construct *change_construct(const xlsx_writer *x, const mt_construct_change *ch)
{
    if (ch->construct >= 0)
        return &x->q->constructs[ch->construct];
    if (ch->base_construct >= 0 && x->fu.bq)
        return &x->fu.bq->constructs[ch->base_construct];
    return NULL;
}

static bool has_delta(const mt_construct_change *ch)
{
    return ch->direction == MT_DIR_UP || ch->direction == MT_DIR_DOWN ||
           ch->direction == MT_DIR_SAME;
}

/* The band labels then and now, where both sides have a score. */
static void write_change_bands(xlsx_writer *x, lxw_row_t row, const mt_construct_change *ch)
{
    lxw_worksheet *ws = x->followup;
    const mt_questionnaire *bq = x->fu.bq;
    if (has_delta(ch) && bq && ch->base_construct >= 0) {
        size_t bc = (size_t)ch->base_construct;
        const mt_band *then = questionnaire_band(bq, bc, questionnaire_band_of(bq, bc, ch->baseline));
        put_string(x, ws, row, FC_BAND_THEN, then ? T(x, &then->label) : "", x->f.text);
    }
    if (ch->construct >= 0 && ch->direction != MT_DIR_UNKNOWN) {
        const mt_construct_score *cs = &x->r->constructs[ch->construct];
        const mt_band *now = cs->sufficient ? questionnaire_band(x->q, (size_t)ch->construct, cs->band)
                                            : NULL;
        const char *label = now ? T(x, &now->label) : "";
        if (has_delta(ch) && now)   /* the band beside the live score */
            put_formula_str(x, ws, row, FC_BAND_NOW,
                            link_to(x->score_ref, x->score_row[ch->construct], x->band_col),
                            x->f.text, label);
        else
            put_string(x, ws, row, FC_BAND_NOW, label, x->f.text);
    }
}

/* A text as a formula's string literal: "a ""b""". Caller frees. */
static char *text_literal(const char *s)
{
    strbuf b = { 0 };
    sb_add(&b, "\"");
    for (const char *p = s ? s : ""; *p; p++)
        sb_add(&b, *p == '"' ? "\"\"" : "%c", *p);
    sb_add(&b, "\"");
    return sb_take(&b);
}

/* The label `key` as a formula's string literal. Caller frees. */
static char *label_literal(const xlsx_writer *x, const char *key)
{
    return text_literal(L(x, key));
}

/* The condition under which the change is unknown: the current score
 * lacks data (only where that is live), as baseline.c says. */
static char *unknown_test(const xlsx_writer *x, const mt_construct_change *ch)
{
    if (x->suff_col < 0)
        return NULL;
    char *r = ref(x->score_ref, x->score_row[ch->construct], (lxw_col_t)x->suff_col);
    char *t = r ? mt_asprintf("%s<>1", r) : NULL;
    free(r);
    return t;
}

/* Direction and better or worse as baseline.c decides them: no change
 * within the tolerance, else up or down; for a barrier down is better,
 * for a capability or an index up, an archetype is neither. */
static void write_live_direction(xlsx_writer *x, lxw_row_t row, const mt_construct_change *ch,
                                 const mt_construct *con)
{
    lxw_worksheet *ws = x->followup;
    char chg[CELL_LEN], tol[40];
    lxw_rowcol_to_cell(chg, row, FC_CHANGE);
    number_literal(tol, sizeof tol, x->fu.b->tolerance);
    char *unknown = unknown_test(x, ch);
    char *w_unknown = label_literal(x, "xlsx.followup.dir.unknown");
    char *w_same = label_literal(x, "xlsx.followup.dir.same");
    char *w_up = label_literal(x, "xlsx.followup.dir.up");
    char *w_down = label_literal(x, "xlsx.followup.dir.down");
    bool barrier = con && con->kind == MT_KIND_BARRIER;
    char *w_better = label_literal(x, barrier ? "xlsx.followup.worse" : "xlsx.followup.better");
    char *w_worse = label_literal(x, barrier ? "xlsx.followup.better" : "xlsx.followup.worse");
    char *dir = NULL, *sense = NULL;
    if (w_unknown && w_same && w_up && w_down && w_better && w_worse &&
        (unknown || x->suff_col < 0)) {
        char *moved = mt_asprintf("IF(ABS(%s)<=%s,%s,IF(%s>0,%s,%s))", chg, tol, w_same, chg,
                                  w_up, w_down);
        char *good = mt_asprintf("IF(ABS(%s)<=%s,\"\",IF(%s>0,%s,%s))", chg, tol, chg,
                                 w_better, w_worse);
        if (moved && good) {
            dir = unknown ? mt_asprintf("=IF(%s,%s,%s)", unknown, w_unknown, moved)
                          : mt_asprintf("=%s", moved);
            sense = unknown ? mt_asprintf("=IF(%s,\"\",%s)", unknown, good)
                            : mt_asprintf("=%s", good);
        }
        free(moved);
        free(good);
    }
    put_formula_str(x, ws, row, FC_DIR, dir, x->f.text, L(x, direction_key(ch->direction)));
    if (con && con->kind == MT_KIND_ARCHETYPE)
        free(sense);   /* a change of profile, neither better nor worse */
    else
        put_formula_str(x, ws, row, FC_SENSE, sense, x->f.text, sense_text(x, ch));
    free(unknown);
    free(w_unknown);
    free(w_same);
    free(w_up);
    free(w_down);
    free(w_better);
    free(w_worse);
}

/* One construct's change. The current score, the change, the direction,
 * better or worse and the band now are live: they follow the current
 * score's cells; the baseline and its band are as written. */
static void write_change_row(xlsx_writer *x, lxw_row_t row, const mt_construct_change *ch)
{
    lxw_worksheet *ws = x->followup;
    const mt_construct *con = change_construct(x, ch);
    put_string(x, ws, row, FC_ID, ch->id, x->f.text);
    put_string(x, ws, row, FC_NAME, con ? T(x, &con->name) : "", x->f.text);
    put_string(x, ws, row, FC_KIND, con ? kind_label(x, con->kind) : "", x->f.text);
    if (has_delta(ch)) {
        char base_c[CELL_LEN], cur_c[CELL_LEN];
        lxw_rowcol_to_cell(base_c, row, FC_BASE);
        lxw_rowcol_to_cell(cur_c, row, FC_CUR);
        put_number(x, ws, row, FC_BASE, ch->baseline, x->f.score);
        put_formula_num(x, ws, row, FC_CUR,
                        link_to(x->score_ref, x->score_row[ch->construct], x->score_col),
                        x->f.score, ch->current);
        put_formula_num(x, ws, row, FC_CHANGE, mt_asprintf("=ROUND(%s-%s,9)", cur_c, base_c),
                        x->f.score, ch->delta);
        write_live_direction(x, row, ch, con);
        write_change_bands(x, row, ch);
        return;
    }
    /* new, gone or unknown: each side that has a score shows it, as in the
     * PDF; a side scored on too few answers is empty, never a 0 */
    if (ch->has_baseline)
        put_number(x, ws, row, FC_BASE, ch->baseline, x->f.score);
    if (ch->has_current)
        put_number(x, ws, row, FC_CUR, ch->current, x->f.score);
    put_string(x, ws, row, FC_DIR, L(x, direction_key(ch->direction)), x->f.text);
    put_string(x, ws, row, FC_SENSE, sense_text(x, ch), x->f.text);
    write_change_bands(x, row, ch);
}

static const char *stage_name_in(const xlsx_writer *x, const mt_questionnaire *q, long stage)
{
    if (!q || stage < 0 || (size_t)stage >= q->nstages)
        return L(x, "xlsx.followup.no_stage");
    return T(x, &q->stages[stage].name);
}

/* The stage is a formula only in a respondent's workbook (Scoring's
 * StageReached); a group's is the one its answers gave. */
static bool stage_is_live(const xlsx_writer *x)
{
    return x->as != NULL;
}

/* StageReached, in the follow-up's word for no stage. Caller frees. */
static char *live_stage_now(const xlsx_writer *x)
{
    char *none = label_literal(x, "xlsx.followup.no_stage");
    char *f = none ? mt_asprintf("=IF(StagesReached=0,%s,StageReached)", none) : NULL;
    free(none);
    return f;
}

/* "Up {1} stages" with its number in words around it: a label's text
 * before and after {1}, as string literals. */
static char *steps_text(const xlsx_writer *x, const char *key, const char *n)
{
    const char *t = L(x, key), *at = strstr(t, "{1}");
    if (!at)
        return label_literal(x, key);
    char *pre = mt_strndup(t, (size_t)(at - t));
    char *a = text_literal(pre), *b = text_literal(at + 3);
    char *out = a && b ? mt_asprintf("%s&%s&%s", a, n, b) : NULL;
    free(pre);
    free(a);
    free(b);
    return out;
}

/* The stage move as a formula over StagesReached, so it follows the
 * answers; the steps beside it too. cached: the text as written (taken). */
static void write_live_stage_move(xlsx_writer *x, lxw_row_t row, char *cached)
{
    const mt_baseline *b = x->fu.b;
    lxw_worksheet *ws = x->followup;
    char n_c[CELL_LEN], neg[CELL_LEN + 2];
    lxw_rowcol_to_cell(n_c, row, 2);
    snprintf(neg, sizeof neg, "-%s", n_c);
    /* StagesReached counts the stages reached: the last one's index + 1. */
    put_formula_num(x, ws, row, 2, mt_asprintf("=StagesReached-1-(%ld)", b->base_stage_now),
                    x->f.number, (double)b->stage_steps);
    char *up = steps_text(x, "xlsx.followup.stage_up", n_c);
    char *up1 = label_literal(x, "xlsx.followup.stage_up_one");
    char *same = label_literal(x, "xlsx.followup.stage_same");
    char *down1 = label_literal(x, "xlsx.followup.stage_down_one");
    char *down = steps_text(x, "xlsx.followup.stage_down", neg);
    char *f = up && up1 && same && down1 && down
        ? mt_asprintf("=IF(%s>1,%s,IF(%s=1,%s,IF(%s=0,%s,IF(%s=-1,%s,%s))))", n_c, up, n_c, up1,
                      n_c, same, n_c, down1, down)
        : NULL;
    put_formula_str(x, ws, row, 1, f, x->f.text, cached ? cached : "");
    x->nomem |= !cached;
    free(cached);
    free(up);
    free(up1);
    free(same);
    free(down1);
    free(down);
}

static lxw_row_t write_followup_stage(xlsx_writer *x, lxw_row_t row)
{
    const mt_baseline *b = x->fu.b;
    lxw_worksheet *ws = x->followup;
    if (x->q->nstages == 0)
        return row;
    put_string(x, ws, row++, 0, L(x, "xlsx.followup.stage"), x->f.key);
    put_string(x, ws, row, 0, L(x, "xlsx.followup.then"), x->f.key);
    put_string(x, ws, row++, 1, stage_name_in(x, x->fu.bq, b->base_stage), x->f.text);
    put_string(x, ws, row, 0, L(x, "xlsx.followup.now"), x->f.key);
    if (stage_is_live(x))
        put_formula_str(x, ws, row++, 1, live_stage_now(x), x->f.text,
                        stage_name_in(x, x->q, b->stage));
    else
        put_string(x, ws, row++, 1, stage_name_in(x, x->q, b->stage), x->f.text);
    char steps[24];
    snprintf(steps, sizeof steps, "%ld", b->stage_steps < 0 ? -b->stage_steps : b->stage_steps);
    bool one = b->stage_steps == 1 || b->stage_steps == -1;
    const char *key = b->stage_direction == MT_DIR_UP
                          ? (one ? "xlsx.followup.stage_up_one" : "xlsx.followup.stage_up")
                    : b->stage_direction == MT_DIR_DOWN
                          ? (one ? "xlsx.followup.stage_down_one" : "xlsx.followup.stage_down")
                    : b->stage_direction == MT_DIR_SAME ? "xlsx.followup.stage_same"
                    : "xlsx.followup.stage_unknown";
    put_string(x, ws, row, 0, L(x, "xlsx.followup.move"), x->f.key);
    if (b->stage_direction != MT_DIR_UNKNOWN && stage_is_live(x)) {
        write_live_stage_move(x, row++, fill(L(x, key), steps, NULL, NULL));
    } else {
        put_filled(x, ws, row++, 1, key, steps, NULL, NULL, x->f.text);
        if (b->stage_direction != MT_DIR_UNKNOWN)
            put_number(x, ws, row - 1, 2, (double)b->stage_steps, x->f.number);
    }
    if (!stage_is_live(x))
        put_string(x, ws, row++, 0, L(x, "xlsx.followup.stage_fixed"), x->f.hint);
    return row + 1;
}

/* A list of rules by title and id, from the questionnaire they index. */
static lxw_row_t write_rule_list(xlsx_writer *x, lxw_row_t row, const char *heading_key,
                                 const mt_questionnaire *q, const size_t *rules, size_t n)
{
    lxw_worksheet *ws = x->followup;
    /* The heading runs on over the empty name column; the count after it. */
    put_string(x, ws, row, 0, L(x, heading_key), x->f.key);
    put_number(x, ws, row++, FC_KIND, (double)n, x->f.number);
    if (n == 0 || !q)
        put_string(x, ws, row++, 1, L(x, "xlsx.followup.none"), x->f.hint);
    for (size_t i = 0; q && i < n; i++, row++) {
        const mt_rule *rule = &q->rules[rules[i]];
        put_string(x, ws, row, 0, rule->id, x->f.text);
        put_string(x, ws, row, 1, T(x, &rule->title), x->f.wrap);
    }
    return row + 1;
}

static lxw_row_t write_followup_intro(xlsx_writer *x)
{
    lxw_worksheet *ws = x->followup;
    char n[24], tol[32];
    count_text(n, sizeof n, x->fu.respondents);
    snprintf(tol, sizeof tol, "%g", x->fu.b->tolerance);
    put_string(x, ws, 0, 0, L(x, "xlsx.followup.title"), x->f.title);
    lxw_row_t row = 1;
    put_filled(x, ws, row++, 0, x->fu.respondents == 1 ? "xlsx.followup.intro_one"
                                                       : "xlsx.followup.intro_group",
               x->fu.label ? x->fu.label : "", n,
               x->fu.date ? x->fu.date : L(x, "xlsx.followup.no_date"), x->f.hint);
    if (x->fu.bq && x->fu.bq->version && x->q->version &&
        strcmp(x->fu.bq->version, x->q->version) != 0)
        put_filled(x, ws, row++, 0, "xlsx.followup.versions", x->fu.bq->version, x->q->version,
                   NULL, x->f.hint);
    put_string(x, ws, row++, 0, L(x, "xlsx.followup.how_to_read"), x->f.hint);
    put_filled(x, ws, row++, 0, "xlsx.followup.tolerance", tol, NULL, NULL, x->f.hint);
    return row + 1;
}

static void write_followup(xlsx_writer *x)
{
    const mt_baseline *b = x->fu.b;
    lxw_worksheet *ws = x->followup;
    if (!b || !ws)
        return;
    double widths[FC_COUNT] = { 18, names_width(x, 30), 14, 12, 12, 12, 24, 14, 16, 16 };
    set_widths(x, ws, widths, FC_COUNT);
    lxw_row_t row = write_followup_intro(x);
    static const char *const heads[FC_COUNT] = {
        "xlsx.col.construct_id", "xlsx.col.construct", "xlsx.col.kind", "xlsx.followup.baseline",
        "xlsx.followup.current", "xlsx.followup.change", "xlsx.followup.direction",
        "xlsx.followup.sense", "xlsx.followup.band_then", "xlsx.followup.band_now",
    };
    lxw_row_t head = row;
    put_headings(x, ws, head, heads, FC_COUNT);
    row++;
    for (size_t i = 0; i < b->nconstructs; i++)
        write_change_row(x, row++, &b->constructs[i]);
    worksheet_freeze_panes(ws, head + 1, 2);
    row = write_followup_stage(x, row + 1);
    put_string(x, ws, row++, 0, L(x, "xlsx.followup.recs"), x->f.title);
    row = write_rule_list(x, row, "xlsx.followup.recs_gone", x->fu.bq, b->gone, b->ngone);
    row = write_rule_list(x, row, "xlsx.followup.recs_new", x->q, b->added, b->nadded);
    write_rule_list(x, row, "xlsx.followup.recs_kept", x->q, b->kept, b->nkept);
}

/* =============================================================== group == */

/* Group Summary: the construct table's columns. */
enum {
    GS_NAME, GS_ID, GS_KIND, GS_N, GS_INSUFFICIENT, GS_MEAN, GS_MEDIAN, GS_SD, GS_MIN, GS_Q1,
    GS_Q3, GS_MAX, GS_RWG, GS_READING, GS_BAND, GS_PCT, GS_COUNT
};
/* Respondents: one row per respondent, one score column per construct.
 * Pivot data: one row per respondent per construct. On both the role
 * column (1) is there only with --names, as in the PDF: a role beside R5
 * can tell who R5 is. group_col() gives a column's place. */
enum { RC_LABEL, RC_ROLE, RC_PROFILE, RC_STAGE, RC_SCORE0 };
enum {
    PC_LABEL, PC_ROLE, PC_ID, PC_NAME, PC_KIND, PC_SCORE, PC_COVERAGE, PC_SUFFICIENT, PC_PCT,
    PC_COUNT
};
/* Hotspots: the ranked table; answer counts from HC_COUNT0. */
enum {
    HC_RANK, HC_ID, HC_QUESTION, HC_PART, HC_ANSWERED, HC_DK, HC_UNANSWERED, HC_DISPERSION,
    HC_AGREEMENT, HC_READING, HC_COUNT0
};
/* Roles: one row per role, a mean per construct from RL_MEAN0. */
enum { RL_NAME, RL_N, RL_PROFILE, RL_STAGE, RL_MEAN0 };
/* Alpha: one row per construct. */
enum { AL_NAME, AL_ID, AL_ITEMS, AL_CASES, AL_ALPHA, AL_READING, AL_COUNT };

/* Where data rows start on the sheets with a title, a hint and a heading. */
#define DATA_FIRST 4
/* Answer count columns on the Hotspots sheet: options beyond are summed up
 * in no column (an item has at most MT_MAX_OPTIONS). */
#define HOT_COUNTS_MAX MT_MAX_OPTIONS

static const mt_group *grp(const xlsx_writer *x)
{
    return x->gv->group;
}

/* Rows of a data sheet that fit under Excel's row limit. */
static size_t rows_that_fit(size_t want)
{
    size_t room = (size_t)LXW_ROW_MAX - DATA_FIRST;
    return want < room ? want : room;
}

static size_t respondent_rows(const xlsx_writer *x)
{
    return rows_that_fit(grp(x)->n);
}

/* Where column c (RC_ or PC_) of Respondents or Pivot data lands: the
 * columns after the role column move left when it is not there. */
static lxw_col_t group_col(const xlsx_writer *x, int c)
{
    return (lxw_col_t)(c > RC_ROLE && !x->gv->names ? c - 1 : c);
}

static const char *role_name(const xlsx_writer *x, const mt_group_member *m)
{
    const mt_group *g = grp(x);
    if (m->role < 0 || (size_t)m->role >= g->nroles)
        return NULL;
    return g->roles[m->role].name;
}

static const char *stage_of(const xlsx_writer *x, const mt_result *r)
{
    if (x->q->nstages == 0)
        return "";
    return r->stage_reached >= 0 ? T(x, &x->q->stages[r->stage_reached].name)
                                 : word_text(x, W_NONE_STAGE);
}

/* How to read an agreement index, in words (docs/group-statistics.md). */
static const char *agreement_key(double rwg)
{
    if (rwg >= 0.995)
        return "xlsx.group.agree.full";
    if (rwg >= MT_GROUP_AGREEMENT)
        return "xlsx.group.agree.strong";
    if (rwg >= 0.5)
        return "xlsx.group.agree.moderate";
    return "xlsx.group.agree.weak";
}

/* The mean agreement over the constructs that have one. */
static bool overall_agreement(const xlsx_writer *x, double *out)
{
    const mt_group *g = grp(x);
    double sum = 0;
    size_t n = 0;
    for (size_t c = 0; c < x->q->nconstructs; c++)
        if (g->constructs[c].has_agreement) {
            sum += g->constructs[c].agreement;
            n++;
        }
    if (n)
        *out = sum / (double)n;
    return n > 0;
}

/* A construct's score column on the Respondents sheet. */
static char *scores_range(const xlsx_writer *x, size_t c)
{
    lxw_row_t last = x->resp_first + (lxw_row_t)respondent_rows(x) - 1;
    lxw_col_t col = (lxw_col_t)(group_col(x, RC_SCORE0) + c);
    return range_ref(x->respondents_ref, x->resp_first, col, last, col);
}

static char *respondents_column(const xlsx_writer *x, lxw_col_t col)
{
    lxw_row_t last = x->resp_first + (lxw_row_t)respondent_rows(x) - 1;
    return range_ref(x->respondents_ref, x->resp_first, col, last, col);
}

/* ------------------------------------------------------- respondents -- */

static void write_respondent_row(xlsx_writer *x, size_t i)
{
    const mt_group_member *m = &grp(x)->members[i];
    lxw_worksheet *ws = x->respondents;
    lxw_row_t row = x->resp_first + (lxw_row_t)i;
    put_string(x, ws, row, RC_LABEL, m->label, x->f.text);
    if (x->gv->names)
        put_string(x, ws, row, RC_ROLE, role_name(x, m), x->f.text);
    char *profile = profile_of(x, &m->result);
    x->nomem |= !profile;
    put_string(x, ws, row, group_col(x, RC_PROFILE), profile, x->f.text);
    free(profile);
    put_string(x, ws, row, group_col(x, RC_STAGE), stage_of(x, &m->result), x->f.text);
    /* A score without enough answers is left blank, as the statistics
     * leave it out; the Pivot data sheet still shows it. */
    lxw_col_t score0 = group_col(x, RC_SCORE0);
    for (size_t c = 0; c < x->q->nconstructs; c++)
        if (m->result.constructs[c].sufficient)
            put_number(x, ws, row, (lxw_col_t)(score0 + c), m->result.constructs[c].score,
                       x->f.score);
    long k = x->key_col ? group_roles_col_of(grp(x), &x->rv, i) : -1;
    if (k >= 0)
        put_number(x, ws, row, x->key_col, (double)(k + 1), NULL);
}

/* The hidden column the Roles sheet's formulas read (--names only): which
 * of its rows each respondent counts in, never the role itself. */
static void role_key_column(xlsx_writer *x, lxw_row_t head)
{
    lxw_row_col_options hidden = { .hidden = 1 };
    check(x, worksheet_set_column_opt(x->respondents, x->key_col, x->key_col, 14, NULL, &hidden));
    put_string(x, x->respondents, head, x->key_col, L(x, "xlsx.group.col.role_group"),
               x->f.heading);
}

static void write_respondents(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->respondents;
    bool names = x->gv->names;
    lxw_col_t score0 = group_col(x, RC_SCORE0);
    static const double widths[] = { 16, 18, 34, 22 }, unnamed[] = { 16, 34, 22 };
    set_widths(x, ws, names ? widths : unnamed, score0);
    if (q->nconstructs)
        check(x, worksheet_set_column(ws, score0, (lxw_col_t)(score0 + q->nconstructs - 1), 14,
                                      NULL));
    put_string(x, ws, 0, 0, L(x, "xlsx.group.respondents.title"), x->f.title);
    put_string(x, ws, 1, 0, L(x, names ? "xlsx.group.respondents.hint_named"
                                       : "xlsx.group.respondents.hint"), x->f.hint);
    lxw_row_t head = DATA_FIRST - 1;
    static const char *const keys[] = { "xlsx.group.col.respondent", "xlsx.meta.role",
                                        "xlsx.class.profile", "common.stage" };
    static const char *const unnamed_keys[] = { "xlsx.group.col.respondent",
                                                "xlsx.class.profile", "common.stage" };
    put_headings(x, ws, head, names ? keys : unnamed_keys, score0);
    for (size_t c = 0; c < q->nconstructs; c++) {
        put_string(x, ws, head - 1, (lxw_col_t)(score0 + c), q->constructs[c].id, x->f.hint);
        put_string(x, ws, head, (lxw_col_t)(score0 + c), T(x, &q->constructs[c].name),
                   x->f.heading);
    }
    if (x->key_col)
        role_key_column(x, head);
    size_t n = respondent_rows(x);
    for (size_t i = 0; i < n && !failed(x); i++)
        write_respondent_row(x, i);
    if (n < grp(x)->n)
        put_string(x, ws, 1, score0, L(x, "xlsx.group.rows_cut"), x->f.hint);
    lxw_row_t last = head + (lxw_row_t)n;
    worksheet_freeze_panes(ws, head + 1, 1);
    /* the key column filters and sorts with its rows */
    lxw_col_t end = x->key_col ? x->key_col : (lxw_col_t)(score0 + q->nconstructs - !!q->nconstructs);
    check(x, worksheet_autofilter(ws, head, 0, last, end));
    /* Each respondent's profile at a glance: a bar in every score cell. */
    lxw_conditional_format bars = {
        .type = LXW_CONDITIONAL_DATA_BAR, .bar_solid = 1, .bar_color = 0x9DC3E6,
        .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = 0,
        .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 100,
    };
    if (q->nconstructs && n)
        check(x, worksheet_conditional_format_range(ws, head + 1, score0, last,
                                                    (lxw_col_t)(score0 + q->nconstructs - 1),
                                                    &bars));
}

/* -------------------------------------------------------- pivot data -- */

/* A construct's texts on every one of its Pivot data rows, looked up once
 * (a label lookup per row was a tenth of the sheet's time). */
typedef struct pivot_texts {
    const char *id, *name, *kind;
} pivot_texts;

static void write_pivot_row(xlsx_writer *x, lxw_row_t row, const mt_group_member *m, size_t c,
                            const pivot_texts *t)
{
    lxw_worksheet *ws = x->pivot;
    const mt_construct_score *cs = &m->result.constructs[c];
    /* Left to right, text cells in the default style: these one-line rows
     * need no alignment, and the ~110,000 rows of a large group are
     * smaller without a style on each cell. Right to left, the reading
     * order keeps ids such as arch_a at the start of their cells. */
    lxw_format *text = x->rtl ? x->f.text : NULL;
    put_string(x, ws, row, PC_LABEL, m->label, text);
    if (x->gv->names)
        put_string(x, ws, row, PC_ROLE, role_name(x, m), text);
    put_string(x, ws, row, group_col(x, PC_ID), t->id, text);
    put_string(x, ws, row, group_col(x, PC_NAME), t->name, text);
    put_string(x, ws, row, group_col(x, PC_KIND), t->kind, text);
    /* A score resting on no answer at all has no value (null in the JSON
     * output), never a 0 a pivot table would add up: its cell stays empty. */
    if (cs->coverage > 0)
        put_number(x, ws, row, group_col(x, PC_SCORE), cs->score, x->f.score);
    put_number(x, ws, row, group_col(x, PC_COVERAGE), cs->coverage, x->f.pct);
    put_number(x, ws, row, group_col(x, PC_SUFFICIENT), cs->sufficient ? 1 : 0, x->f.flag);
    double pct;
    if (percentile_for(x, c, cs->score, cs->sufficient, &pct))
        put_number(x, ws, row, group_col(x, PC_PCT), pct, x->f.score);
}

/* Long format, for pivot tables and filters: plain values, not formulas. */
static void write_pivot(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    const mt_group *g = grp(x);
    lxw_worksheet *ws = x->pivot;
    const double all_widths[PC_COUNT] = { 16, 18, 18, names_width(x, 26), 14, 10, 11, 11, 11 };
    static const char *const all_keys[PC_COUNT] = {
        "xlsx.group.col.respondent", "xlsx.meta.role", "xlsx.col.construct_id",
        "xlsx.col.construct", "xlsx.col.kind", "common.score", "common.coverage",
        "xlsx.col.sufficient", "xlsx.norms.percentile",
    };
    double widths[PC_COUNT];
    const char *keys[PC_COUNT];
    size_t ncols = 0;
    for (int c = 0; c < (x->norms ? PC_COUNT : PC_PCT); c++)
        if (c != PC_ROLE || x->gv->names) {
            widths[ncols] = all_widths[c];
            keys[ncols++] = all_keys[c];
        }
    set_widths(x, ws, widths, ncols);
    put_string(x, ws, 0, 0, L(x, "xlsx.group.pivot.title"), x->f.title);
    put_string(x, ws, 1, 0, L(x, "xlsx.group.pivot.hint"), x->f.hint);
    lxw_row_t head = DATA_FIRST - 1;
    put_headings(x, ws, head, keys, ncols);
    pivot_texts *texts = calloc(q->nconstructs + 1, sizeof *texts);
    if (!texts) {
        x->nomem = true;
        return;
    }
    for (size_t c = 0; c < q->nconstructs; c++)
        texts[c] = (pivot_texts){ q->constructs[c].id, T(x, &q->constructs[c].name),
                                  kind_label(x, q->constructs[c].kind) };
    size_t want = g->n * q->nconstructs, n = rows_that_fit(want);
    lxw_row_t row = head + 1;
    for (size_t i = 0, k = 0; i < g->n && k < n && !failed(x); i++)
        for (size_t c = 0; c < q->nconstructs && k < n; c++, k++)
            write_pivot_row(x, row++, &g->members[i], c, &texts[c]);
    free(texts);
    if (n < want) {
        put_string(x, ws, 1, group_col(x, PC_SCORE), L(x, "xlsx.group.rows_cut"), x->f.hint);
        mt_diags_add(x->diags, NULL, 0, MT_SEV_WARNING,
                     "the workbook's pivot data holds the first %zu of %zu rows: a sheet has "
                     "at most %d", n, want, LXW_ROW_MAX);
    }
    worksheet_freeze_panes(ws, head + 1, 1);
    check(x, worksheet_autofilter(ws, head, 0, head + (lxw_row_t)n, (lxw_col_t)(ncols - 1)));
}

/* ----------------------------------------------------------- summary -- */

/* One statistic as a live formula over the construct's column on the
 * Respondents sheet, with the C value cached; blank when no one has a
 * score. */
static void put_stat(xlsx_writer *x, lxw_row_t row, lxw_col_t col, const char *fn,
                     const char *range, size_t n, double value)
{
    char *f = mt_asprintf("=IF(COUNT(%s)>0,%s(%s),\"\")", range, fn, range);
    if (n > 0)
        put_formula_num(x, x->summary, row, col, f, x->f.score, value);
    else
        put_formula_str(x, x->summary, row, col, f, x->f.score, "");
}

static void put_quartile(xlsx_writer *x, lxw_row_t row, lxw_col_t col, const char *range,
                         int quart, size_t n, double value)
{
    /* QUARTILE is QUARTILE.INC, the interpolation group.c uses. */
    char *f = mt_asprintf("=IF(COUNT(%s)>0,QUARTILE(%s,%d),\"\")", range, range, quart);
    if (n > 0)
        put_formula_num(x, x->summary, row, col, f, x->f.score, value);
    else
        put_formula_str(x, x->summary, row, col, f, x->f.score, "");
}

static void write_group_stats(xlsx_writer *x, lxw_row_t row, size_t c, const char *range,
                              const char *labels)
{
    const mt_group_stat *s = &grp(x)->constructs[c].stat;
    lxw_worksheet *ws = x->summary;
    put_formula_num(x, ws, row, GS_N, mt_asprintf("=COUNT(%s)", range), x->f.number, (double)s->n);
    put_formula_num(x, ws, row, GS_INSUFFICIENT,
                    mt_asprintf("=COUNTA(%s)-COUNT(%s)", labels, range), x->f.number,
                    (double)s->insufficient);
    put_stat(x, row, GS_MEAN, "AVERAGE", range, s->n, s->mean);
    put_stat(x, row, GS_MEDIAN, "MEDIAN", range, s->n, s->median);
    /* The sample standard deviation; 0 for one respondent, as group.c says. */
    put_formula_num(x, ws, row, GS_SD, mt_asprintf("=IF(COUNT(%s)>1,STDEV(%s),0)", range, range),
                    x->f.score, s->sd);
    put_stat(x, row, GS_MIN, "MIN", range, s->n, s->min);
    put_quartile(x, row, GS_Q1, range, 1, s->n, s->q1);
    put_quartile(x, row, GS_Q3, range, 3, s->n, s->q3);
    put_stat(x, row, GS_MAX, "MAX", range, s->n, s->max);
}

static void write_group_construct(xlsx_writer *x, lxw_row_t row, size_t c, const char *labels)
{
    const mt_questionnaire *q = x->q;
    const mt_construct *con = &q->constructs[c];
    const mt_group_construct *gc = &grp(x)->constructs[c];
    const mt_construct_score *cs = &x->r->constructs[c];
    lxw_worksheet *ws = x->summary;
    put_string(x, ws, row, GS_NAME, T(x, &con->name), x->f.text);
    put_string(x, ws, row, GS_ID, con->id, x->f.text);
    put_string(x, ws, row, GS_KIND, kind_label(x, con->kind), x->f.text);
    char *range = scores_range(x, c);
    if (range && labels)
        write_group_stats(x, row, c, range, labels);
    else
        x->nomem = true;
    free(range);
    if (gc->has_agreement)
        put_number(x, ws, row, GS_RWG, gc->agreement, x->f.dec2);
    put_string(x, ws, row, GS_READING,
               L(x, gc->has_agreement ? agreement_key(gc->agreement) : "xlsx.group.agree.none"),
               x->f.wrap);
    const mt_band *band = cs->sufficient ? questionnaire_band(q, c, cs->band) : NULL;
    put_string(x, ws, row, GS_BAND, band ? T(x, &band->label) : word_text(x, W_INSUFFICIENT),
               x->f.text);
    /* The group's mean follows the Respondents sheet; whether it has
     * enough data is as written (it needs the coverage of the answers). */
    char mean_c[CELL_LEN];
    lxw_rowcol_to_cell(mean_c, row, GS_MEAN);
    put_percentile(x, ws, row, GS_PCT, c, mean_c, cs->sufficient ? "TRUE()" : "FALSE()",
                   cs->sufficient, cs->score);
}

static lxw_row_t write_group_meta(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    const mt_group *g = grp(x);
    lxw_worksheet *ws = x->summary;
    put_string(x, ws, 0, 0, T(x, &q->title), x->f.title);
    put_string(x, ws, 1, 0, L(x, "xlsx.group.subtitle"), x->f.hint);
    lxw_row_t row = 3;
    put_meta(x, row++, "xlsx.meta.organisation",
             g->organisation ? g->organisation : L(x, "xlsx.group.several_organisations"));
    put_string(x, ws, row, 0, L(x, "xlsx.group.respondents"), x->f.key);
    put_number(x, ws, row++, 1, (double)g->n, x->f.number);
    char *dates = g->date_first && g->date_last && strcmp(g->date_first, g->date_last) != 0
                ? mt_asprintf("%s \xE2\x80\x93 %s", g->date_first, g->date_last)
                : mt_strdup(g->date_first ? g->date_first : "");
    x->nomem |= !dates;
    put_meta(x, row++, "xlsx.group.dates", dates);
    free(dates);
    char *qv = mt_asprintf("%s (%s %s)", T(x, &q->title), q->id ? q->id : "",
                           q->version ? q->version : "");
    x->nomem |= !qv;
    put_meta(x, row++, "xlsx.meta.questionnaire", qv);
    free(qv);
    put_meta(x, row++, "xlsx.group.labels",
             L(x, x->gv->names ? "xlsx.group.named" : "xlsx.group.anonymised"));
    if (x->brand) {
        const char *who = brand_text_get(&x->brand->consultant, x->lc);
        const char *contact = brand_text_get(&x->brand->contact, x->lc);
        if (who)
            put_meta(x, row++, "xlsx.meta.prepared_by", who);
        if (contact)
            put_meta(x, row++, "xlsx.meta.contact", contact);
    }
    if (q->short_form)
        put_string(x, ws, row++, 0, L(x, "common.short_form"), x->f.hint);
    return row + 1;
}

/* The hotspots as the PDF counts them: the MT_GROUP_HOTSPOTS_SHOWN most
 * disputed questions; the Hotspots sheet lists every one with some. */
static void write_hotspot_count(xlsx_writer *x, lxw_row_t row)
{
    lxw_worksheet *ws = x->summary;
    size_t all = grp(x)->nhotspots;
    size_t shown = all < MT_GROUP_HOTSPOTS_SHOWN ? all : MT_GROUP_HOTSPOTS_SHOWN;
    put_string(x, ws, row, 0, L(x, "xlsx.group.hotspots"), x->f.key);
    put_number(x, ws, row, 1, (double)shown, x->f.number);
    if (all > shown) {
        char n[24];
        count_text(n, sizeof n, all);
        put_filled(x, ws, row, 2, "xlsx.group.hotspots_top", n, NULL, NULL, x->f.text);
        return;
    }
    put_string(x, ws, row, 2,
               L(x, all == 0 ? "xlsx.group.no_hotspots"
                  : all == 1 ? "xlsx.group.hotspots_see_one" : "xlsx.group.hotspots_see"),
               x->f.text);
}

/* The group's profile, stage, overall agreement and hotspot count. */
static lxw_row_t write_group_profile(xlsx_writer *x, lxw_row_t row, lxw_row_t table_first,
                                     lxw_row_t table_last)
{
    const mt_questionnaire *q = x->q;
    const mt_result *r = x->r;
    lxw_worksheet *ws = x->summary;
    char n[24];
    count_text(n, sizeof n, grp(x)->n);
    put_filled(x, ws, row++, 0, "xlsx.group.summary_intro", n, NULL, NULL, x->f.hint);
    char *now = profile_now(x);
    x->nomem |= !now;
    put_string(x, ws, row, 0, L(x, "common.dominant"), x->f.key);
    put_string(x, ws, row++, 1, now, x->f.key);
    free(now);
    if (q->nstages) {
        put_meta(x, row++, "common.stage", stage_of(x, r));
        put_meta(x, row++, "common.next_stage", r->next_stage >= 0
                 ? T(x, &q->stages[r->next_stage].name) : word_text(x, W_ALL_STAGES));
    }
    put_string(x, ws, row, 0, L(x, "xlsx.group.agreement"), x->f.key);
    double a;
    char *rwg = range_ref(NULL, table_first, GS_RWG, table_last, GS_RWG);
    char *f = rwg ? mt_asprintf("=IF(COUNT(%s)>0,AVERAGE(%s),\"\")", rwg, rwg) : NULL;
    free(rwg);
    bool has = overall_agreement(x, &a);
    if (has)
        put_formula_num(x, ws, row, 1, f, x->f.dec2, a);
    else
        put_formula_str(x, ws, row, 1, f, x->f.dec2, "");
    put_string(x, ws, row++, 2, L(x, has ? agreement_key(a) : "xlsx.group.agree.none"), x->f.text);
    write_hotspot_count(x, row++);
    return write_norms_note(x, ws, row) + 1;
}

/* Rows the profile block takes, so the table's place is known first. */
static lxw_row_t group_profile_rows(const xlsx_writer *x)
{
    lxw_row_t rows = 4 + (x->q->nstages ? 2 : 0);
    if (x->norms)
        rows += 2 + (x->norms->results < 10);
    return rows + 1;
}

/* A chart with its title (set once: the library keeps only the last). */
static lxw_chart *new_chart(xlsx_writer *x, uint8_t type, const char *title)
{
    lxw_chart *chart = workbook_add_chart(x->wb, type);
    if (!chart) {
        x->nomem = true;
        return NULL;
    }
    chart_title_set_name(chart, title);
    return chart;
}

static lxw_chart_series *add_series(xlsx_writer *x, lxw_chart *chart, const char *name_key,
                                    lxw_row_t first, lxw_row_t last, lxw_col_t col)
{
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    if (!s) {
        x->nomem = true;
        return NULL;
    }
    chart_series_set_categories(s, x->summary_name, first, GS_NAME, last, GS_NAME);
    chart_series_set_values(s, x->summary_name, first, col, last, col);
    chart_series_set_name(s, L(x, name_key));
    return s;
}

static void value_axis_0_100(lxw_chart_axis *axis)
{
    chart_axis_set_min(axis, 0);
    chart_axis_set_max(axis, 100);
    chart_axis_set_major_unit(axis, 20);
}

static void insert_summary_chart(xlsx_writer *x, lxw_chart *chart, lxw_row_t row, int slot)
{
    lxw_chart_options opt = { .x_offset = 10 + 520 * slot, .y_offset = 4,
                              .x_scale = 1.05, .y_scale = 1.15 };
    check(x, worksheet_insert_chart_opt(x->summary, row, 0, chart, &opt));
}

/* A radar of the archetype means and a bar chart of the barrier means. */
static void group_mean_charts(xlsx_writer *x, const lxw_row_t *first, const lxw_row_t *end,
                              lxw_row_t at)
{
    if (end[0] > first[0]) {
        lxw_chart *radar = new_chart(x, LXW_CHART_RADAR_FILLED, L(x, "xlsx.chart.archetypes"));
        if (radar && add_series(x, radar, "xlsx.group.mean", first[0], end[0] - 1, GS_MEAN)) {
            chart_legend_set_position(radar, LXW_CHART_LEGEND_NONE);
            value_axis_0_100(radar->y_axis);
            insert_summary_chart(x, radar, at, 0);
        }
    }
    if (end[1] > first[1]) {
        lxw_chart *bar = new_chart(x, LXW_CHART_BAR, L(x, "xlsx.chart.barriers"));
        lxw_chart_series *s = bar ? add_series(x, bar, "xlsx.group.mean", first[1], end[1] - 1,
                                               GS_MEAN) : NULL;
        if (s) {
            chart_legend_set_position(bar, LXW_CHART_LEGEND_NONE);
            value_axis_0_100(bar->x_axis);
            chart_axis_set_reverse(bar->y_axis);   /* first barrier on top */
            chart_series_set_labels(s);
            chart_series_set_labels_num_format(s, "0");
            insert_summary_chart(x, bar, at, 1);
        }
    }
}

/* The spread per construct: min, quartiles, median and max as markers on
 * one vertical line each (high-low lines), a box plot in spreadsheet terms. */
static void group_spread_chart(xlsx_writer *x, lxw_row_t first, lxw_row_t end, lxw_row_t at)
{
    if (end <= first)
        return;
    lxw_chart *chart = new_chart(x, LXW_CHART_LINE, L(x, "xlsx.group.chart.spread"));
    if (!chart)
        return;
    /* (Dash markers would suit the ends, but this libxlsxwriter writes
     * their names in a form that openpyxl and Excel refuse.) */
    static const struct {
        const char *key; lxw_col_t col; uint8_t marker, size; lxw_color_t colour;
    } series[] = {
        { "xlsx.group.min", GS_MIN, LXW_CHART_MARKER_SQUARE, 6, 0x7F7F7F },
        { "xlsx.group.q1", GS_Q1, LXW_CHART_MARKER_TRIANGLE, 7, 0x5B9BD5 },
        { "xlsx.group.median", GS_MEDIAN, LXW_CHART_MARKER_DIAMOND, 10, 0xC00000 },
        { "xlsx.group.q3", GS_Q3, LXW_CHART_MARKER_TRIANGLE, 7, 0x5B9BD5 },
        { "xlsx.group.max", GS_MAX, LXW_CHART_MARKER_SQUARE, 6, 0x7F7F7F },
    };
    lxw_chart_line none = { .none = 1 };
    for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
        lxw_chart_series *s = add_series(x, chart, series[i].key, first, end - 1, series[i].col);
        if (!s)
            return;
        chart_series_set_line(s, &none);
        chart_series_set_marker_type(s, series[i].marker);
        chart_series_set_marker_size(s, series[i].size);
        lxw_chart_fill fill = { .color = series[i].colour };
        lxw_chart_line edge = { .color = series[i].colour };
        chart_series_set_marker_fill(s, &fill);
        chart_series_set_marker_line(s, &edge);
    }
    lxw_chart_line whisker = { .color = 0x7F7F7F, .width = 1.5 };
    chart_set_high_low_lines(chart, &whisker);
    value_axis_0_100(chart->y_axis);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    /* Wide and tall enough for a dozen construct names under the axis. */
    lxw_chart_options opt = { .x_offset = 10 + 520 * 2, .y_offset = 4, .x_scale = 1.7,
                              .y_scale = 1.6 };
    check(x, worksheet_insert_chart_opt(x->summary, at, 0, chart, &opt));
}

static void write_group_summary(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->summary;
    size_t ncols = x->norms ? GS_COUNT : GS_PCT;
    double widths[GS_COUNT] = { names_width(x, 34), 16, 14, 8, 12, 9, 9, 9, 9, 10, 10, 9, 12, 40,
                                18, 11 };
    set_widths(x, ws, widths, ncols);
    insert_logo(x);
    check(x, worksheet_set_row(ws, 0, 40, NULL));
    lxw_row_t row = write_group_meta(x);
    lxw_row_t head = row + group_profile_rows(x);
    static const char *const heads[GS_COUNT] = {
        "xlsx.col.construct", "xlsx.col.construct_id", "xlsx.col.kind", "xlsx.group.n",
        "xlsx.group.insufficient", "xlsx.group.mean", "xlsx.group.median", "xlsx.group.sd",
        "xlsx.group.min", "xlsx.group.q1", "xlsx.group.q3", "xlsx.group.max", "xlsx.group.rwg",
        "xlsx.group.reading", "common.band", "xlsx.norms.percentile",
    };
    put_headings(x, ws, head, heads, ncols);
    static const mt_construct_kind order[] = { MT_KIND_ARCHETYPE, MT_KIND_BARRIER,
                                               MT_KIND_CAPABILITY, MT_KIND_INDEX };
    lxw_row_t first[4], end[4], at = head + 1;
    char *labels = respondents_column(x, RC_LABEL);
    for (int k = 0; k < 4; k++) {
        first[k] = at;
        for (size_t c = 0; c < q->nconstructs; c++)
            if (q->constructs[c].kind == order[k]) {
                x->score_row[c] = at;
                write_group_construct(x, at++, c, labels);
            }
        end[k] = at;
    }
    free(labels);
    /* r_wg needs the item answers, which the workbook does not hold. */
    put_string(x, ws, at, 0, L(x, "xlsx.group.agreement_fixed"), x->f.hint);
    write_group_profile(x, row, head + 1, at > head + 1 ? at - 1 : head + 1);
    lxw_conditional_format bars = {
        .type = LXW_CONDITIONAL_DATA_BAR, .bar_solid = 1, .bar_color = 0x9DC3E6,
        .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = 0,
        .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 100,
    };
    if (at > head + 1)
        check(x, worksheet_conditional_format_range(ws, head + 1, GS_MEAN, at - 1, GS_MEAN, &bars));
    group_mean_charts(x, first, end, at + 2);
    group_spread_chart(x, head + 1, at, at + 2);
    worksheet_freeze_panes(ws, 1, 0);
}

/* ---------------------------------------------------------- hotspots -- */

static const char *dispersion_key(double d)
{
    if (d >= 1.0)
        return "xlsx.group.hot.split";
    if (d >= 0.5)
        return "xlsx.group.hot.spread";
    return "xlsx.group.hot.some";
}

/* The label of answer point or option i of the item. */
static const char *point_label(const xlsx_writer *x, const mt_item *it, size_t i)
{
    if (it->type == MT_ITEM_LIKERT) {
        const mt_scale *sc = &x->q->scales[it->scale];
        return sc->labels && (int)i < sc->points ? T(x, &sc->labels[i]) : "";
    }
    return i < it->noptions ? T(x, &it->options[i].label) : "";
}

/* The constructs the item loads on. Caller frees; NULL for none. */
static char *item_constructs(xlsx_writer *x, const mt_item *it)
{
    char *out = NULL;
    for (size_t i = 0; i < it->nloads; i++)
        if (!mt_str_append(&out, ", ", T(x, &x->q->constructs[it->loads[i].construct].name)))
            x->nomem = true;
    return out;
}

static size_t hot_count_columns(const xlsx_writer *x)
{
    const mt_group *g = grp(x);
    size_t k = 0;
    for (size_t h = 0; h < g->nhotspots; h++) {
        size_t n = g->items[g->hotspots[h]].ncounts;
        k = n > k ? n : k;
    }
    return k < HOT_COUNTS_MAX ? k : HOT_COUNTS_MAX;
}

static void write_hotspot_row(xlsx_writer *x, lxw_row_t row, size_t rank, size_t kcols)
{
    const mt_group_item *gi = &grp(x)->items[grp(x)->hotspots[rank]];
    const mt_item *it = &x->q->items[gi->item];
    lxw_worksheet *ws = x->hotspots;
    put_number(x, ws, row, HC_RANK, (double)(rank + 1), x->f.number);
    put_string(x, ws, row, HC_ID, it->id, x->f.text);
    put_string(x, ws, row, HC_QUESTION, T(x, &it->text), x->f.wrap);
    char *part = item_constructs(x, it);
    put_string(x, ws, row, HC_PART, part, x->f.wrap);
    free(part);
    put_number(x, ws, row, HC_ANSWERED, (double)gi->n, x->f.number);
    put_number(x, ws, row, HC_DK, (double)gi->dont_know, x->f.number);
    put_number(x, ws, row, HC_UNANSWERED, (double)gi->unanswered, x->f.number);
    put_number(x, ws, row, HC_DISPERSION, gi->dispersion, x->f.dec2);
    put_number(x, ws, row, HC_AGREEMENT, gi->agreement, x->f.dec2);
    put_string(x, ws, row, HC_READING, L(x, dispersion_key(gi->dispersion)), x->f.text);
    size_t k = gi->ncounts < kcols ? gi->ncounts : kcols;
    for (size_t i = 0; i < k; i++)
        put_number(x, ws, row, (lxw_col_t)(HC_COUNT0 + i), (double)gi->counts[i], x->f.number);
    /* Bars within the row: where the room's answers pile up. */
    lxw_conditional_format bars = { .type = LXW_CONDITIONAL_DATA_BAR, .bar_solid = 1,
                                    .bar_color = 0xF4B183,
                                    .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                    .min_value = 0 };
    if (k)
        check(x, worksheet_conditional_format_range(ws, row, HC_COUNT0, row,
                                                    (lxw_col_t)(HC_COUNT0 + k - 1), &bars));
}

/* One hotspot's answers with their labels and shares, and a bar chart of
 * them: ready to put on the screen in the room. Returns the next row. */
static lxw_row_t write_hotspot_block(xlsx_writer *x, lxw_row_t row, size_t rank, size_t shown)
{
    const mt_group_item *gi = &grp(x)->items[grp(x)->hotspots[rank]];
    const mt_item *it = &x->q->items[gi->item];
    lxw_worksheet *ws = x->hotspots;
    char k[24], of[24];
    count_text(k, sizeof k, rank + 1);
    count_text(of, sizeof of, shown);
    put_filled(x, ws, row, HC_RANK, "xlsx.group.hot.rank", k, of, NULL, x->f.key);
    put_string(x, ws, row++, HC_QUESTION, T(x, &it->text), x->f.key);
    static const char *const heads[] = { "xlsx.group.hot.answer", "xlsx.group.hot.count",
                                         "xlsx.group.hot.share" };
    for (int i = 0; i < 3; i++)
        put_string(x, ws, row, (lxw_col_t)(HC_QUESTION + i), L(x, heads[i]), x->f.heading);
    lxw_row_t first = ++row;
    double total = (double)(gi->n + gi->dont_know);
    size_t nrows = gi->ncounts + (gi->dont_know ? 1 : 0), most = gi->dont_know;
    for (size_t i = 0; i < gi->ncounts; i++)
        most = gi->counts[i] > most ? gi->counts[i] : most;
    for (size_t i = 0; i < nrows; i++, row++) {
        bool dk = i == gi->ncounts;
        size_t count = dk ? gi->dont_know : gi->counts[i];
        put_string(x, ws, row, HC_QUESTION, dk ? L(x, "common.dont_know") : point_label(x, it, i),
                   x->f.text);
        put_number(x, ws, row, HC_QUESTION + 1, (double)count, x->f.number);
        put_number(x, ws, row, HC_QUESTION + 2, total > 0 ? 100.0 * (double)count / total : 0,
                   x->f.pct);
    }
    lxw_chart *chart = nrows ? new_chart(x, LXW_CHART_BAR, it->id) : NULL;
    lxw_chart_series *s = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (s) {
        chart_series_set_categories(s, x->hotspots_name, first, HC_QUESTION, row - 1, HC_QUESTION);
        chart_series_set_values(s, x->hotspots_name, first, HC_QUESTION + 1, row - 1,
                                HC_QUESTION + 1);
        chart_series_set_name(s, L(x, "xlsx.group.hot.count"));
        chart_series_set_labels(s);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        chart_axis_set_reverse(chart->y_axis);   /* the first answer on top */
        /* Whole respondents on the axis, about five steps. */
        chart_axis_set_min(chart->x_axis, 0);
        chart_axis_set_major_unit(chart->x_axis, most > 5 ? ceil((double)most / 5.0) : 1);
        lxw_chart_options opt = { .x_offset = 10, .x_scale = 1.1, .y_scale = 0.9 };
        check(x, worksheet_insert_chart_opt(ws, first - 1, HC_DK, chart, &opt));
    } else if (chart) {
        x->nomem = true;
    }
    lxw_row_t least = first + 14;   /* room for the chart */
    return (row > least ? row : least) + 1;
}

static void write_hotspots(xlsx_writer *x)
{
    const mt_group *g = grp(x);
    lxw_worksheet *ws = x->hotspots;
    size_t kcols = hot_count_columns(x);
    double widths[HC_COUNT0] = { 8, 12, 50, 24, 11, 11, 11, 11, 11, 24 };
    set_widths(x, ws, widths, HC_COUNT0);
    if (kcols)
        check(x, worksheet_set_column(ws, HC_COUNT0, (lxw_col_t)(HC_COUNT0 + kcols - 1), 6, NULL));
    put_string(x, ws, 0, 0, L(x, "xlsx.group.hot.title"), x->f.title);
    if (g->nhotspots == 0) {
        put_string(x, ws, 1, 0, L(x, "xlsx.group.no_hotspots"), x->f.key);
        return;
    }
    put_string(x, ws, 1, 0, L(x, "xlsx.group.hot.hint"), x->f.hint);
    lxw_row_t head = DATA_FIRST - 1;
    static const char *const keys[HC_COUNT0] = {
        "xlsx.group.hot.rank_col", "xlsx.col.item", "xlsx.col.question", "xlsx.group.hot.part",
        "xlsx.group.hot.answered", "xlsx.col.dont_know", "xlsx.counts.unanswered",
        "xlsx.group.hot.dispersion", "xlsx.group.hot.agreement", "xlsx.group.reading",
    };
    put_headings(x, ws, head, keys, HC_COUNT0);
    if (kcols)
        put_string(x, ws, head - 1, HC_COUNT0, L(x, "xlsx.group.hot.counts"), x->f.hint);
    for (size_t i = 0; i < kcols; i++) {
        char n[24];
        count_text(n, sizeof n, i + 1);
        put_string(x, ws, head, (lxw_col_t)(HC_COUNT0 + i), n, x->f.heading);
    }
    lxw_row_t row = head + 1;
    for (size_t h = 0; h < g->nhotspots; h++)
        write_hotspot_row(x, row++, h, kcols);
    worksheet_freeze_panes(ws, head + 1, 0);
    check(x, worksheet_autofilter(ws, head, 0, row - 1, (lxw_col_t)(HC_COUNT0 + kcols - !!kcols)));
    size_t shown = g->nhotspots < MT_GROUP_HOTSPOTS_SHOWN ? g->nhotspots : MT_GROUP_HOTSPOTS_SHOWN;
    row += 2;
    for (size_t h = 0; h < shown; h++)
        row = write_hotspot_block(x, row, h, shown);
}

/* ------------------------------------------------------------- roles -- */

static bool has_roles(const mt_group *g)
{
    for (size_t r = 0; r < g->nroles; r++)
        if (g->roles[r].name)
            return true;
    return false;
}

/* (key column = row k of the Roles table) as an array expression. */
static char *role_match(const xlsx_writer *x, size_t k)
{
    char *keys = respondents_column(x, x->key_col);
    char *match = keys ? mt_asprintf("(%s=%zu)", keys, k + 1) : NULL;
    free(keys);
    return match;
}

/* A role as first written, or "Other roles" or the no-role group. */
static const char *role_col_name(const xlsx_writer *x, const mt_role_col *col)
{
    if (col->role == MT_ROLE_OTHER)
        return L(x, "xlsx.group.other_roles");
    const char *name = grp(x)->roles[col->role].name;
    return name ? name : L(x, "xlsx.group.no_role");
}

/* --names: the count and means as formulas over the key column. */
static void live_role_cells(xlsx_writer *x, lxw_row_t row, size_t k)
{
    const mt_questionnaire *q = x->q;
    const mt_role_col *col = &x->rv.cols[k];
    lxw_worksheet *ws = x->roles;
    char *match = role_match(x, k);
    if (!match) {
        x->nomem = true;
        return;
    }
    put_formula_num(x, ws, row, RL_N, mt_asprintf("=SUMPRODUCT(--%s)", match), x->f.number,
                    (double)col->n);
    for (size_t c = 0; c < q->nconstructs; c++) {
        char *scores = scores_range(x, c);
        char *f = scores ? mt_asprintf("=IFERROR(SUMPRODUCT(%s*ISNUMBER(%s),%s)/"
                                       "SUMPRODUCT(%s*ISNUMBER(%s)),\"\")",
                                       match, scores, scores, match, scores) : NULL;
        const mt_group_stat *s = &col->stats[c];
        if (s->n)
            put_formula_num(x, ws, row, (lxw_col_t)(RL_MEAN0 + c), f, x->f.score, s->mean);
        else
            put_formula_str(x, ws, row, (lxw_col_t)(RL_MEAN0 + c), f, x->f.score, "");
        free(scores);
    }
    free(match);
}

/* Anonymised: the count and means as the PDF shows them, as numbers. */
static void fixed_role_cells(xlsx_writer *x, lxw_row_t row, size_t k)
{
    const mt_role_col *col = &x->rv.cols[k];
    put_number(x, x->roles, row, RL_N, (double)col->n, x->f.number);
    for (size_t c = 0; c < x->q->nconstructs; c++)
        if (col->stats[c].n)
            put_number(x, x->roles, row, (lxw_col_t)(RL_MEAN0 + c), col->stats[c].mean,
                       x->f.score);
}

static void write_role_row(xlsx_writer *x, lxw_row_t row, size_t k)
{
    const mt_role_col *col = &x->rv.cols[k];
    lxw_worksheet *ws = x->roles;
    bool named = col->role != MT_ROLE_OTHER && grp(x)->roles[col->role].name;
    put_string(x, ws, row, RL_NAME, role_col_name(x, col), named ? x->f.text : x->f.hint);
    if (x->key_col)
        live_role_cells(x, row, k);
    else
        fixed_role_cells(x, row, k);
    char *profile = col->result ? profile_of(x, col->result) : NULL;
    put_string(x, ws, row, RL_PROFILE, profile, x->f.text);
    free(profile);
    if (col->result)
        put_string(x, ws, row, RL_STAGE, stage_of(x, col->result), x->f.text);
}

/* Below the table: why the numbers are fixed, without names, then what
 * the privacy rule merged, in the PDF's words. */
static void write_roles_rule(xlsx_writer *x, lxw_row_t row)
{
    char min[24], other[24];
    count_text(min, sizeof min, MT_GROUP_ROLE_MIN);
    count_text(other, sizeof other, x->rv.other_n);
    if (!x->key_col)
        put_string(x, x->roles, row++, 0, L(x, "xlsx.group.roles_fixed"), x->f.hint);
    put_filled(x, x->roles, row++, 0, "xlsx.group.roles_rule", min, NULL, NULL, x->f.hint);
    if (x->rv.other_n)
        put_filled(x, x->roles, row, 0, x->rv.joined ? "xlsx.group.roles_joined"
                                                     : "xlsx.group.roles_merged",
                   other, NULL, NULL, x->f.hint);
}

static void write_roles(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->roles;
    double widths[] = { 24, 8, 34, 22 };
    set_widths(x, ws, widths, 4);
    put_string(x, ws, 0, 0, L(x, "xlsx.group.roles.title"), x->f.title);
    if (!x->rv.shown) {
        char min[24];
        count_text(min, sizeof min, MT_GROUP_ROLE_MIN);
        put_filled(x, ws, 1, 0, "xlsx.group.roles_none", min, NULL, NULL, x->f.key);
        return;
    }
    if (q->nconstructs)
        check(x, worksheet_set_column(ws, RL_MEAN0, (lxw_col_t)(RL_MEAN0 + q->nconstructs - 1),
                                      14, NULL));
    put_string(x, ws, 1, 0, L(x, x->key_col ? "xlsx.group.roles.hint_named"
                                            : "xlsx.group.roles.hint"), x->f.hint);
    lxw_row_t head = DATA_FIRST - 1;
    static const char *const keys[] = { "xlsx.meta.role", "xlsx.group.n", "xlsx.class.profile",
                                        "common.stage" };
    put_headings(x, ws, head, keys, 4);
    for (size_t c = 0; c < q->nconstructs; c++) {
        put_string(x, ws, head - 1, (lxw_col_t)(RL_MEAN0 + c), q->constructs[c].id, x->f.hint);
        put_string(x, ws, head, (lxw_col_t)(RL_MEAN0 + c), T(x, &q->constructs[c].name),
                   x->f.heading);
    }
    for (size_t k = 0; k < x->rv.ncols; k++)
        write_role_row(x, head + 1 + (lxw_row_t)k, k);
    write_roles_rule(x, head + 2 + (lxw_row_t)x->rv.ncols);
    worksheet_freeze_panes(ws, head + 1, 1);
}

/* ------------------------------------------------------------- alpha -- */

static const char *alpha_key(const mt_group_construct *gc)
{
    switch (gc->alpha_status) {
    case MT_ALPHA_TOO_FEW: return "xlsx.group.alpha.too_few";
    case MT_ALPHA_ONE_ITEM: return "xlsx.group.alpha.one_item";
    case MT_ALPHA_NO_VARIANCE: return "xlsx.group.alpha.no_variance";
    case MT_ALPHA_OK: break;
    }
    if (gc->alpha < 0)
        return "xlsx.group.alpha.negative";
    if (gc->alpha >= 0.7)
        return "xlsx.group.alpha.consistent";
    if (gc->alpha >= 0.6)
        return "xlsx.group.alpha.acceptable";
    return "xlsx.group.alpha.apart";
}

static void write_alpha(xlsx_writer *x)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->alpha;
    double widths[AL_COUNT] = { names_width(x, 30), 16, 10, 14, 10, 36 };
    set_widths(x, ws, widths, AL_COUNT);
    char min[24];
    count_text(min, sizeof min, MT_GROUP_ALPHA_MIN);
    put_string(x, ws, 0, 0, L(x, "xlsx.group.alpha.title"), x->f.title);
    put_filled(x, ws, 1, 0, "xlsx.group.alpha.how", min, NULL, NULL, x->f.hint);
    lxw_row_t head = DATA_FIRST - 1;
    static const char *const keys[AL_COUNT] = {
        "xlsx.col.construct", "xlsx.col.construct_id", "xlsx.col.items",
        "xlsx.group.alpha.cases", "xlsx.group.alpha.value", "xlsx.group.reading",
    };
    put_headings(x, ws, head, keys, AL_COUNT);
    for (size_t c = 0; c < q->nconstructs; c++) {
        const mt_group_construct *gc = &grp(x)->constructs[c];
        lxw_row_t row = head + 1 + (lxw_row_t)c;
        put_string(x, ws, row, AL_NAME, T(x, &q->constructs[c].name), x->f.text);
        put_string(x, ws, row, AL_ID, q->constructs[c].id, x->f.text);
        put_number(x, ws, row, AL_ITEMS, (double)gc->alpha_items, x->f.number);
        put_number(x, ws, row, AL_CASES, (double)gc->alpha_n, x->f.number);
        if (gc->alpha_status == MT_ALPHA_OK)
            put_number(x, ws, row, AL_ALPHA, gc->alpha, x->f.dec2);
        put_string(x, ws, row, AL_READING, L(x, alpha_key(gc)), x->f.text);
    }
    worksheet_freeze_panes(ws, head + 1, 0);
}

/* ------------------------------------------------------------- about -- */

static void write_group_about(xlsx_writer *x, const char *tool_version, const char *generated)
{
    const mt_questionnaire *q = x->q;
    lxw_worksheet *ws = x->about;
    static const double widths[] = { 30, 100 };
    set_widths(x, ws, widths, 2);
    put_string(x, ws, 0, 0, L(x, "xlsx.group.about.title"), x->f.title);
    lxw_row_t row = 2;
    char n[24];
    count_text(n, sizeof n, grp(x)->n);
    put_about(x, row++, "xlsx.meta.questionnaire", T(x, &q->title));
    put_about(x, row++, "xlsx.about.id", q->id);
    put_about(x, row++, "xlsx.about.version", q->version);
    put_about(x, row++, "xlsx.about.hash", q->hash);
    put_about(x, row++, "xlsx.group.respondents", n);
    put_about(x, row++, "xlsx.group.labels",
              L(x, x->gv->names ? "xlsx.group.named" : "xlsx.group.anonymised"));
    put_about(x, row++, "xlsx.about.language", x->lc);
    put_about(x, row++, "xlsx.about.tool", tool_version);
    put_about(x, row++, "xlsx.about.generated", generated);
    row++;
    static const char *const blocks[][2] = {
        { "xlsx.group.about.stats_title", "xlsx.group.about.stats" },
        { "xlsx.group.about.agreement_title", "xlsx.group.about.agreement" },
        { "xlsx.group.about.hotspots_title", "xlsx.group.about.hotspots" },
        { "xlsx.group.about.roles_title", "xlsx.group.about.roles" },
        { "xlsx.group.about.alpha_title", "xlsx.group.about.alpha" },
        { "xlsx.group.about.live_title", "xlsx.group.about.live" },
        { "xlsx.about.sheets_title", "xlsx.group.about.sheets" },
    };
    char min[24];
    count_text(min, sizeof min, MT_GROUP_ROLE_MIN);
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
        char *text = fill(L(x, blocks[i][1]), min, NULL, NULL);   /* {1}: the roles' minimum */
        x->nomem |= !text;
        put_about(x, row++, blocks[i][0], text);
        free(text);
    }
    if (x->fu.b)
        put_about(x, row++, "xlsx.followup.title", L(x, "xlsx.followup.how_to_read"));
    if (x->norms)
        put_about(x, row++, "xlsx.norms.title", L(x, "xlsx.norms.how_to_read"));
}

/* ---------------------------------------------------------- workbook -- */

/* The file's date: SOURCE_DATE_EPOCH when set, so that two runs give the
 * same bytes; else now. */
static time_t report_time(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    long v;
    if (epoch && mt_parse_int(epoch, &v) && v >= 0)
        return (time_t)v;
    return time(NULL);
}

/* The Norms sheet comes last: it is what the percentiles look up. */
static bool add_norms_sheet(xlsx_writer *x)
{
    if (!x->norms)
        return true;
    const char *name = L(x, "xlsx.norms.sheet");
    x->norms_ws = new_sheet(x, name);
    x->norms_ref = x->norms_ws ? quote_sheet(name) : NULL;
    return x->norms_ref && plan_norms(x);
}

static bool add_sheets(xlsx_writer *x)
{
    x->summary_name = L(x, "xlsx.sheet.summary");
    const char *answers = L(x, "xlsx.sheet.answers"), *scoring = L(x, "xlsx.sheet.scoring");
    const char *model = L(x, "xlsx.sheet.model");
    x->summary = new_sheet(x, x->summary_name);
    x->answers = new_sheet(x, answers);
    x->scoring = new_sheet(x, scoring);
    x->recs_ws = new_sheet(x, L(x, "xlsx.sheet.recommendations"));
    if (x->fu.b)
        x->followup = new_sheet(x, L(x, "xlsx.followup.sheet"));
    x->about = new_sheet(x, L(x, "xlsx.sheet.about"));
    x->model = new_sheet(x, model);
    if (!x->summary || !x->answers || !x->scoring || !x->recs_ws || !x->about || !x->model ||
        (x->fu.b && !x->followup) || !add_norms_sheet(x))
        return false;
    x->answers_ref = quote_sheet(answers);
    x->scoring_ref = quote_sheet(scoring);
    x->model_ref = quote_sheet(model);
    return x->answers_ref && x->scoring_ref && x->model_ref;
}

static void set_properties(xlsx_writer *x, time_t when)
{
    const char *company = NULL, *author = NULL;
    if (x->as) {
        company = x->as->answers->meta.organisation;
        author = x->as->answers->meta.assessor;
    } else {
        company = grp(x)->organisation;
    }
    lxw_doc_properties props = {
        .title = (char *)T(x, &x->q->title),
        .company = (char *)company,
        .author = (char *)author,
        .comments = (char *)L(x, x->as ? "xlsx.about.title" : "xlsx.group.about.title"),
        .created = when,
    };
    check(x, workbook_set_properties(x->wb, &props));
}

static void free_writer(xlsx_writer *x)
{
    free(x->answers_ref);
    free(x->scoring_ref);
    free(x->model_ref);
    free(x->respondents_ref);
    free(x->summary_ref);
    free(x->score_row);
    free(x->norms_ref);
    free(x->norm_col);
    free(x->at.opt_row);
    free(x->at.nb_row);
    free(x->at.bs_row);
    free(x->at.scale_row);
    group_roles_view_free(&x->rv);
}

static void generated_text(time_t when, char *buf, size_t n)
{
    struct tm tm;
    if (gmtime_r(&when, &tm))
        strftime(buf, n, "%Y-%m-%d %H:%M UTC", &tm);
    else
        buf[0] = '\0';
}

/* One row per construct for the follow-up's links to the current score. */
static bool alloc_score_rows(xlsx_writer *x)
{
    x->score_row = calloc(x->q->nconstructs + 1, sizeof *x->score_row);
    return x->score_row != NULL;
}

static void write_sheets(xlsx_writer *x, const char *tool_version, time_t when)
{
    char generated[32];
    generated_text(when, generated, sizeof generated);
    make_formats(x);
    if (failed(x) || !add_sheets(x) || !plan_model(x) || !alloc_score_rows(x)) {
        x->nomem = true;
        return;
    }
    plan_scoring(x);
    for (size_t c = 0; c < x->q->nconstructs; c++)
        x->score_row[c] = x->at.cons_first + (lxw_row_t)c;
    x->score_ref = x->scoring_ref;
    x->score_col = SC_SCORE;
    x->band_col = SC_BAND;
    x->suff_col = SC_SUFFICIENT;
    set_properties(x, when);
    write_model(x);
    write_answers(x);
    write_scoring(x);
    write_summary(x);
    write_recommendations(x);
    write_followup(x);
    write_about(x, tool_version, generated);
    write_norms_sheet(x);
    worksheet_activate(x->summary);
}

static bool add_group_sheets(xlsx_writer *x)
{
    const mt_group *g = grp(x);
    x->summary_name = L(x, "xlsx.sheet.summary");
    const char *respondents = L(x, "xlsx.group.sheet.respondents");
    x->hotspots_name = L(x, "xlsx.group.sheet.hotspots");
    x->summary = new_sheet(x, x->summary_name);
    x->respondents = new_sheet(x, respondents);
    x->pivot = new_sheet(x, L(x, "xlsx.group.sheet.pivot"));
    x->hotspots = new_sheet(x, x->hotspots_name);
    if (has_roles(g))
        x->roles = new_sheet(x, L(x, "xlsx.group.sheet.roles"));
    if (g->n >= MT_GROUP_ALPHA_MIN)
        x->alpha = new_sheet(x, L(x, "xlsx.group.sheet.alpha"));
    x->recs_ws = new_sheet(x, L(x, "xlsx.sheet.recommendations"));
    if (x->fu.b)
        x->followup = new_sheet(x, L(x, "xlsx.followup.sheet"));
    x->about = new_sheet(x, L(x, "xlsx.sheet.about"));
    if (!x->summary || !x->respondents || !x->pivot || !x->hotspots || !x->recs_ws ||
        !x->about || (has_roles(g) && !x->roles) || (g->n >= MT_GROUP_ALPHA_MIN && !x->alpha) ||
        (x->fu.b && !x->followup) || !add_norms_sheet(x))
        return false;
    x->respondents_ref = quote_sheet(respondents);
    x->summary_ref = quote_sheet(x->summary_name);
    return x->respondents_ref && x->summary_ref;
}

static void write_group_sheets(xlsx_writer *x, const char *tool_version, time_t when)
{
    char generated[32];
    generated_text(when, generated, sizeof generated);
    make_formats(x);
    if (failed(x) || !add_group_sheets(x) || !alloc_score_rows(x)) {
        x->nomem = true;
        return;
    }
    if (group_roles_view(grp(x), &x->rv) != MT_OK) {
        x->nomem = true;
        return;
    }
    /* Without names a key column would tie each R to a role: none then. */
    if (x->roles && x->rv.shown && x->gv->names)
        x->key_col = (lxw_col_t)(group_col(x, RC_SCORE0) + x->q->nconstructs);
    x->resp_first = DATA_FIRST;
    x->score_ref = x->summary_ref;
    x->score_col = GS_MEAN;
    x->band_col = GS_BAND;
    x->suff_col = -1;   /* the group's coverage needs the answers */
    set_properties(x, when);
    write_respondents(x);
    write_pivot(x);
    write_group_summary(x);
    write_hotspots(x);
    if (x->roles)
        write_roles(x);
    if (x->alpha)
        write_alpha(x);
    write_recommendations(x);
    write_followup(x);
    write_group_about(x, tool_version, generated);
    write_norms_sheet(x);
    worksheet_activate(x->summary);
}

/* Library scratch files go beside the target, which is known to be
 * writable (the temporary file was just created there). */
static char *scratch_dir(const char *target)
{
    char *copy = mt_strdup(target);
    if (!copy)
        return NULL;
    char *dir = mt_strdup(dirname(copy));
    free(copy);
    return dir;
}

/* Renames the finished file into place, or removes it after any failure
 * so that the previous file stays as it was. */
static mt_error finish(const xlsx_writer *x, mt_atomic *tmp, const char *path, mt_diags *diags)
{
    mt_error err = MT_OK;
    if (x->nomem) {
        mt_atomic_abort(tmp);
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write the workbook: out of memory");
        return MT_ERROR_NOMEM;
    }
    if (x->lxw_err != LXW_NO_ERROR) {
        mt_atomic_abort(tmp);
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write the workbook: %s",
                     lxw_strerror(x->lxw_err));
        return MT_ERROR_XLSX;
    }
    err = mt_atomic_commit(tmp);
    if (err)
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write the workbook: %s",
                     mt_strerror(err));
    return err;
}

typedef void (*sheets_writer)(xlsx_writer *x, const char *tool_version, time_t when);

/* The workbook around the sheets: the temporary file, the brand, the
 * library's workbook, and the rename into place. */
static mt_error write_workbook(xlsx_writer *x, const mt_report_options *opt, const char *path,
                               sheets_writer sheets)
{
    mt_diags *diags = x->diags;
    mt_atomic tmp;
    mt_error err = mt_atomic_begin_path(&tmp, path);
    if (err) {
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot create the workbook: %s",
                     mt_strerror(err));
        return err;
    }
    mt_brand *brand = NULL;
    if (opt && opt->brand_path && (err = brand_load_file(opt->brand_path, &brand, diags)) != MT_OK) {
        mt_atomic_abort(&tmp);
        return err;
    }
    x->brand = brand;
    x->rtl = mt_lang_is_rtl(x->lc);
    char *dir = scratch_dir(tmp.tmp_path);   /* for "-" or /dev/null it is $TMPDIR */
    lxw_workbook_options wopt = { .tmpdir = dir };
    x->wb = dir ? workbook_new_opt(tmp.tmp_path, &wopt) : NULL;
    if (!x->wb) {
        free(dir);
        brand_free(brand);
        mt_atomic_abort(&tmp);
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "cannot write the workbook: out of memory");
        return MT_ERROR_NOMEM;
    }
    sheets(x, opt && opt->tool_version ? opt->tool_version : MT_VERSION, report_time());
    check(x, workbook_close(x->wb));   /* frees the workbook in any case */
    free(dir);
    brand_free(brand);
    x->brand = NULL;
    free_writer(x);
    return finish(x, &tmp, path, diags);
}

mt_error report_xlsx_write(const mt_assessment *as, const mt_report_options *opt,
                           const char *path, mt_diags *diags)
{
    if (!as || !as->q || !as->answers || !as->result || !path)
        return MT_ERROR_USAGE;
    xlsx_writer x = {
        .as = as, .q = as->q, .r = as->result, .recs = as->recs, .norms = as->norms,
        .lang = as->lang, .diags = diags, .lc = as->lang_code ? as->lang_code : "en",
        .fu = { as->baseline, as->baseline_q, as->baseline_label, as->baseline_date,
                as->baseline_respondents },
    };
    return write_workbook(&x, opt, path, write_sheets);
}

mt_error report_group_xlsx_write(const mt_group_view *gv, const mt_report_options *opt,
                                 const char *path, mt_diags *diags)
{
    if (!gv || !gv->q || !gv->group || !gv->group->result || gv->group->n == 0 || !path)
        return MT_ERROR_USAGE;
    xlsx_writer x = {
        .gv = gv, .q = gv->q, .r = gv->group->result, .recs = gv->recs, .norms = gv->norms,
        .lang = gv->lang, .diags = diags, .lc = gv->lang_code ? gv->lang_code : "en",
        .fu = { gv->baseline, gv->baseline_q, gv->baseline_label, gv->baseline_date,
                gv->baseline_respondents },
    };
    return write_workbook(&x, opt, path, write_group_sheets);
}
