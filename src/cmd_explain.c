/*
 * cmd_explain.c - `maturity explain ANSWERS.ini [CONSTRUCT] [-q Q] [--lang L]`:
 * every item's part in every score, with the totals, so that nobody has to
 * trust a black box: the points column adds up to the score.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/commands.h"
#include "maturity/labels.h"
#include "maturity/output.h"
#include "maturity/util.h"

#define TEXT_COLUMN 44

typedef struct explain_args {
    const char *answers;
    const char *construct;
    const char *qpath;
    const char *lang;
} explain_args;

static int parse_args(int argc, char **argv, explain_args *a)
{
    static const struct option longopts[] = {
        { "questionnaire", required_argument, NULL, 'q' },
        { "lang", required_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":q:l:", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': a->qpath = optarg; break;
        case 'l': a->lang = optarg; break;
        default: return cli_option_error("explain", c, argv);
        }
    }
    int rest = argc - optind;
    if (rest < 1)
        return cli_usage_error("explain", "give an answers file");
    if (rest > 2)
        return cli_usage_error("explain", "give an answers file and at most one construct");
    a->answers = argv[optind];
    a->construct = rest == 2 ? argv[optind + 1] : NULL;
    return MT_EXIT_OK;
}

static const char *label(const mt_assessment *as, const char *key)
{
    return mt_label(as->lang_code, key);
}

/* The item's text cut to the last column's width. */
static void print_item_text(const mt_assessment *as, const mt_item *it)
{
    const char *text = mt_text_get(&it->text, as->lang);
    if (mt_utf8_len(text) <= TEXT_COLUMN) {
        printf("%s\n", text);
        return;
    }
    size_t keep = 0;
    for (size_t n = 0; text[keep] && n < TEXT_COLUMN - 3; n++) {
        keep++;
        while (((unsigned char)text[keep] & 0xC0) == 0x80)
            keep++;
    }
    printf("%.*s...\n", (int)keep, text);
}

static char *answer_text(const mt_assessment *as, size_t item)
{
    const mt_answer *ans = &as->answers->items[item];
    if (ans->state == MT_ANSWER_NONE)
        return mt_strdup(label(as, "common.unanswered"));
    if (ans->state == MT_ANSWER_DONT_KNOW)
        return mt_strdup(label(as, "common.dont_know"));
    char *v = answers_format_value(as->q, &as->q->items[item], ans);
    return v ? v : mt_strdup("?");
}

static void print_row(const mt_assessment *as, const mt_contribution *ct, int idw)
{
    const mt_item *it = &as->q->items[ct->item];
    char *answer = answer_text(as, ct->item);
    printf("  %-*s ", idw, it->id);
    output_pad(stdout, answer ? answer : "", 14);
    printf(" %6.2f  ", ct->weight);
    output_pad(stdout, label(as, ct->reverse ? "text.explain.yes" : "text.explain.no"), 7);
    putchar(' ');
    free(answer);
    if (ct->counted)
        printf("%6.4f  %6.2f  ", ct->item_score, output_round2(ct->share));
    else
        printf("%6s  %6s  ", "-", "-");
    print_item_text(as, it);
}

typedef struct totals {
    double weight, answered_weight, weighted_sum, points;
} totals;

/* The column heads, padded like the rows: item, answer, weight, reverse,
 * item score, points, text. */
static void print_header_row(const mt_assessment *as, int idw)
{
    static const struct { const char *key; size_t width; } heads[] = {
        { "text.explain.answer", 14 },
        { "text.explain.weight", 7 },  { "text.explain.reverse", 7 },
        { "text.explain.item_score", 7 }, { "text.explain.points", 7 },
    };
    fputs("  ", stdout);
    output_pad(stdout, label(as, "text.explain.item"), (size_t)idw);
    putchar(' ');
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        output_pad(stdout, label(as, heads[i].key), heads[i].width);
        putchar(' ');
    }
    printf("%s\n", label(as, "text.explain.text"));
}

static void print_totals(const mt_assessment *as, size_t c, const totals *t)
{
    const mt_construct_score *cs = &as->result->constructs[c];
    printf("  %s = %.2f / %.2f = %.2f%% (%s %g%%)\n", label(as, "common.coverage"),
           t->answered_weight, t->weight, output_round2(cs->coverage),
           label(as, "text.explain.minimum"), as->q->min_coverage);
    if (t->answered_weight > 0)
        printf("  %s = 100 x %.4f / %.2f = %.2f (%s %.2f)\n", label(as, "common.score"),
               t->weighted_sum, t->answered_weight, output_round2(cs->score),
               label(as, "text.explain.sum_points"), output_round2(t->points));
    else
        printf("  %s: %s\n", label(as, "common.score"), label(as, "text.explain.nothing"));
    if (cs->sufficient)
        printf("  %s: %s\n", label(as, "common.band"),
               mt_text_get(&questionnaire_band(as->q, c, cs->band)->label, as->lang));
    else
        printf("  %s: %s\n", label(as, "common.band"), label(as, "common.insufficient"));
}

/* The item column: as wide as the longest id listed, and its heading. */
static int id_width(const mt_assessment *as, const mt_contribution *ct, size_t n)
{
    int w = (int)mt_utf8_len(label(as, "text.explain.item"));
    for (size_t i = 0; i < n; i++) {
        int len = (int)strlen(as->q->items[ct[i].item].id);
        w = len > w ? len : w;
    }
    return w;
}

static mt_error explain_construct(const mt_assessment *as, size_t c)
{
    const mt_construct *con = &as->q->constructs[c];
    mt_contribution *ct = NULL;
    size_t n = 0;
    mt_error err = scorer_explain(as->q, as->answers, c, &ct, &n);
    if (err != MT_OK)
        return err;
    printf("%s: %s (%s)\n", con->id, mt_text_get(&con->name, as->lang), mt_kind_name(con->kind));
    int idw = id_width(as, ct, n);
    print_header_row(as, idw);
    totals t = { 0 };
    for (size_t i = 0; i < n; i++) {
        print_row(as, &ct[i], idw);
        t.weight += ct[i].weight;
        if (ct[i].counted) {
            t.answered_weight += ct[i].weight;
            t.weighted_sum += ct[i].weight * ct[i].item_score;
            t.points += ct[i].share;
        }
    }
    print_totals(as, c, &t);
    free(ct);
    return MT_OK;
}

/* The construct whose id is name with a slip of the fingers, in full or
 * in its first strlen(name) bytes ("faer" for fear_of_change); NULL when
 * there is none, or more than one. Ids are ASCII (mt_valid_id). */
static const char *near_construct(const mt_questionnaire *q, const char *name)
{
    const char **ids = calloc(q->nconstructs + 1, sizeof *ids);
    char **starts = calloc(q->nconstructs + 1, sizeof *starts);
    const char *near = NULL;
    size_t len = strlen(name);
    for (size_t c = 0; ids && starts && c < q->nconstructs; c++) {
        ids[c] = q->constructs[c].id;
        size_t idlen = strlen(ids[c]);
        starts[c] = mt_strndup(ids[c], idlen < len ? idlen : len);
    }
    if (ids && starts && !(near = mt_suggest(name, ids, q->nconstructs))) {
        const char *start = mt_suggest(name, (const char *const *)starts, q->nconstructs);
        for (size_t c = 0; start && c < q->nconstructs; c++)
            if (starts[c] && strcmp(starts[c], start) == 0)
                near = near ? "" : ids[c];   /* "": two ids start so */
    }
    for (size_t c = 0; starts && c < q->nconstructs; c++)
        free(starts[c]);
    free(starts);
    free(ids);
    return near && *near ? near : NULL;
}

static int unknown_construct(const mt_questionnaire *q, const char *name)
{
    const char *near = near_construct(q, name);
    fprintf(stderr, "maturity explain: unknown construct '%s'; %s has:", name, q->id);
    for (size_t c = 0; c < q->nconstructs; c++)
        fprintf(stderr, " %s", q->constructs[c].id);
    if (near)
        fprintf(stderr, "; did you mean '%s'?", near);
    fputc('\n', stderr);
    return MT_EXIT_USAGE;
}

static int ambiguous_construct(const mt_questionnaire *q, const char *name)
{
    size_t len = strlen(name);
    fprintf(stderr, "maturity explain: '%s' is the start of more than one construct:", name);
    for (size_t c = 0; c < q->nconstructs; c++)
        if (strncmp(q->constructs[c].id, name, len) == 0)
            fprintf(stderr, " %s", q->constructs[c].id);
    fputs("; give more of its id\n", stderr);
    return MT_EXIT_USAGE;
}

/* The construct name names: its id, or the start of one id only, as a
 * long option may be shortened ("fear" for fear_of_change). -1, with the
 * exit code in *rc, when there is none or more than one. */
static long find_construct(const mt_questionnaire *q, const char *name, int *rc)
{
    long found = questionnaire_find_construct(q, name);
    size_t len = strlen(name), starts = 0;
    bool exact = found >= 0;
    for (size_t c = 0; !exact && len && c < q->nconstructs; c++)
        if (strncmp(q->constructs[c].id, name, len) == 0 && starts++ == 0)
            found = (long)c;
    if (starts > 1) {
        *rc = ambiguous_construct(q, name);
        return -1;
    }
    if (found < 0)
        *rc = unknown_construct(q, name);
    return found;
}

static int explain(const mt_assessment *as, const char *name)
{
    long only = -1;
    int rc = MT_EXIT_OK;
    if (name && (only = find_construct(as->q, name, &rc)) < 0)
        return rc;
    mt_error err = MT_OK;
    for (size_t c = 0; c < as->q->nconstructs && err == MT_OK; c++) {
        if (only >= 0 && (size_t)only != c)
            continue;
        if (only < 0 && c > 0)
            putchar('\n');
        err = explain_construct(as, c);
    }
    if (err != MT_OK)
        fprintf(stderr, "maturity: error: %s\n", mt_strerror(err));
    return cli_exit_code(err);
}

int cmd_explain(int argc, char **argv)
{
    explain_args a = { 0 };
    int rc = parse_args(argc, argv, &a);
    if (rc != MT_EXIT_OK)
        return rc;
    mt_loaded l;
    rc = cli_load_assessment(a.answers, a.qpath, a.lang, &l);
    if (rc != MT_EXIT_OK)
        return rc;
    rc = explain(&l.as, a.construct);
    cli_assessment_free(&l);
    return rc;
}
