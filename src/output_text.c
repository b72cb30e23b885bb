/*
 * output_text.c - the terminal summary of `maturity score`.
 *
 * Reads only the model, the result and the recommendations; every word
 * about the marketing model comes from the questionnaire, the tool's own
 * words from labels.c. See documentation in the header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/labels.h"
#include "maturity/util.h"

#define WIDTH 78
#define NAME_COLUMN_MAX 44
#define STAGE_COLUMN 34

double output_round2(double x)
{
    double r = round(x * 100.0) / 100.0;
    return r == 0.0 ? 0.0 : r; /* no "-0" */
}

/* Bytes of the longest prefix of s that holds at most n code points. */
static size_t utf8_prefix_bytes(const char *s, size_t n)
{
    size_t i = 0;
    while (s[i] && n > 0) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

/* Writes n bytes of s with control characters shown as '?': texts from an
 * answers file must not be able to send escape sequences to the terminal.
 * Bidi overrides go too, so a name cannot reverse the line it is on. */
static void put_clean(FILE *out, const char *s, size_t n)
{
    /* C1 controls too: U+009B is a CSI on many terminals, as ESC [ is */
    char *clean = mt_text_clean(s, n, "?");
    if (clean)
        fputs(clean, out);
    free(clean);
}

void output_wrap(FILE *out, const char *s, int col, int indent, int width)
{
    const char *p = s;
    while (*p == ' ')
        p++;
    int first = 1;
    while (*p) {
        const char *end = p;
        while (*end && *end != ' ' && *end != '\n')
            end++;
        char *word = mt_strndup(p, (size_t)(end - p));
        int wlen = word ? (int)mt_utf8_len(word) : 0;
        if (!first && col + 1 + wlen > width) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', out);
            col++;
        }
        if (word)
            put_clean(out, word, strlen(word));
        col += wlen;
        free(word);
        first = 0;
        if (*end == '\n') {
            /* a line break written in the text (\n in a note) starts a fresh line */
            fprintf(out, "\n%*s", indent, "");
            col = indent;
            first = 1;
        }
        p = end;
        while (*p == ' ' || *p == '\n')
            p++;
    }
    fputc('\n', out);
}

void output_pad(FILE *out, const char *s, size_t width)
{
    size_t len = mt_utf8_len(s);
    if (len > width) {
        put_clean(out, s, utf8_prefix_bytes(s, width - 1));
        fputc('~', out);
        return;
    }
    put_clean(out, s, strlen(s));
    for (size_t i = len; i < width; i++)
        fputc(' ', out);
}

static const char *label(const mt_assessment *as, const char *key)
{
    return mt_label(as->lang_code, key);
}

static const char *construct_name(const mt_assessment *as, long c)
{
    if (c < 0)
        return label(as, "common.none");
    return mt_text_get(&as->q->constructs[c].name, as->lang);
}

static void print_meta_line(FILE *out, const mt_assessment *as, const char *key,
                            const char *value)
{
    if (!value || !*value)
        return;
    int col = fprintf(out, "  %s: ", label(as, key));
    output_wrap(out, value, col, 4, WIDTH);
}

static void print_header(FILE *out, const mt_assessment *as)
{
    const mt_meta *m = &as->answers->meta;
    const mt_result *r = as->result;
    const char *org = m->organisation && *m->organisation ? m->organisation
                                                           : label(as, "text.no_organisation");
    output_wrap(out, org, 0, 0, WIDTH);
    fprintf(out, "  %s: %s %s (%s)\n", label(as, "text.questionnaire"),
            mt_text_get(&as->q->title, as->lang), as->q->version, as->q->id);
    print_meta_line(out, as, "text.respondent", m->respondent);
    print_meta_line(out, as, "text.role", m->role);
    print_meta_line(out, as, "text.date", m->date);
    print_meta_line(out, as, "text.assessor", m->assessor);
    fprintf(out, "  %s: %zu / %zu, %s %zu, %s %zu\n", label(as, "text.answered"), r->answered,
            as->q->nitems, label(as, "common.dont_know"), r->dont_know,
            label(as, "common.unanswered"), r->unanswered);
    if (as->q->short_form) {
        fputs("  ", out);
        output_wrap(out, label(as, "common.short_form"), 2, 2, WIDTH);
    }
}

static bool has_archetypes(const mt_questionnaire *q)
{
    for (size_t c = 0; c < q->nconstructs; c++)
        if (q->constructs[c].kind == MT_KIND_ARCHETYPE)
            return true;
    return false;
}

static void print_profile(FILE *out, const mt_assessment *as)
{
    const mt_result *r = as->result;
    if (!has_archetypes(as->q))
        return;
    fprintf(out, "\n%s\n", label(as, "text.profile"));
    if (!r->classified || r->dominant < 0) {
        fprintf(out, "  %s\n", label(as, "text.unclassified"));
        return;
    }
    double lead = r->constructs[r->dominant].score;
    if (r->hybrid && r->runner_up >= 0) {
        fprintf(out, "  %s: %s (%.2f) + %s (%.2f), %s %.2f\n", label(as, "common.hybrid"),
                construct_name(as, r->dominant), output_round2(lead),
                construct_name(as, r->runner_up),
                output_round2(r->constructs[r->runner_up].score), label(as, "text.margin"),
                output_round2(r->margin));
        return;
    }
    fprintf(out, "  %s: %s (%.2f)\n", label(as, "common.dominant"),
            construct_name(as, r->dominant), output_round2(lead));
    if (r->runner_up >= 0)
        fprintf(out, "  %s: %s (%.2f), %s %.2f\n", label(as, "text.runner_up"),
                construct_name(as, r->runner_up),
                output_round2(r->constructs[r->runner_up].score), label(as, "text.margin"),
                output_round2(r->margin));
}

static void print_stage_ladder(FILE *out, const mt_assessment *as)
{
    const mt_questionnaire *q = as->q;
    const mt_result *r = as->result;
    for (size_t s = 0; s < q->nstages; s++) {
        const mt_stage_score *ss = &r->stages[s];
        const char *mark = ss->reached ? "[x]" : "[ ]";
        fprintf(out, "  %s ", mark);
        output_pad(out, mt_text_get(&q->stages[s].name, as->lang), STAGE_COLUMN);
        if (ss->sufficient)
            fprintf(out, " %6.2f / %g", output_round2(ss->score), q->stages[s].threshold);
        else
            fprintf(out, " %s", label(as, "common.insufficient"));
        if ((long)s == r->next_stage)
            fprintf(out, "  <- %s", label(as, "common.next_stage"));
        fputc('\n', out);
    }
}

/* One missing indicator: its id in a column idw wide, then its text cut to the line. */
static void print_short_item(FILE *out, const mt_assessment *as, size_t item, int idw)
{
    const mt_item *it = &as->q->items[item];
    int col = fprintf(out, "    %-*s  ", idw, it->id);
    const char *text = mt_text_get(&it->text, as->lang);
    size_t room = col < WIDTH - 20 ? (size_t)(WIDTH - col) : 20;
    if (mt_utf8_len(text) > room)
        output_pad(out, text, room);
    else
        put_clean(out, text, strlen(text));
    fputc('\n', out);
}

static mt_error print_missing(FILE *out, const mt_assessment *as)
{
    const mt_result *r = as->result;
    if (r->next_stage < 0)
        return MT_OK;
    size_t *items = NULL, n = 0;
    mt_error err = scorer_missing_indicators(as->q, as->answers, (size_t)r->next_stage,
                                             &items, &n);
    if (err != MT_OK)
        return err;
    int idw = 0;
    for (size_t i = 0; i < n; i++) {
        int len = (int)strlen(as->q->items[items[i]].id);
        idw = len > idw ? len : idw;
    }
    if (n > 0)
        fprintf(out, "  %s:\n", label(as, "text.missing"));
    for (size_t i = 0; i < n; i++)
        print_short_item(out, as, items[i], idw);
    free(items);
    return MT_OK;
}

static mt_error print_roadmap(FILE *out, const mt_assessment *as)
{
    const mt_questionnaire *q = as->q;
    const mt_result *r = as->result;
    if (q->nstages == 0)
        return MT_OK;
    fprintf(out, "\n%s\n", label(as, "text.roadmap"));
    if (r->stage_reached >= 0)
        fprintf(out, "  %s: %s\n", label(as, "text.stage_reached"),
                mt_text_get(&q->stages[r->stage_reached].name, as->lang));
    else
        fprintf(out, "  %s\n", label(as, "common.stage_none"));
    if (r->next_stage >= 0)
        fprintf(out, "  %s: %s\n", label(as, "common.next_stage"),
                mt_text_get(&q->stages[r->next_stage].name, as->lang));
    else
        fprintf(out, "  %s\n", label(as, "common.all_stages"));
    print_stage_ladder(out, as);
    return print_missing(out, as);
}

static size_t name_column(const mt_assessment *as)
{
    size_t w = 0;
    for (size_t c = 0; c < as->q->nconstructs; c++) {
        size_t len = mt_utf8_len(mt_text_get(&as->q->constructs[c].name, as->lang));
        if (len > w)
            w = len;
    }
    return w > NAME_COLUMN_MAX ? NAME_COLUMN_MAX : w;
}

static void print_construct(FILE *out, const mt_assessment *as, size_t c, size_t width)
{
    const mt_construct_score *cs = &as->result->constructs[c];
    fputs("    ", out);
    output_pad(out, mt_text_get(&as->q->constructs[c].name, as->lang), width);
    if (cs->answered > 0)
        fprintf(out, " %6.2f  ", output_round2(cs->score));
    else
        fprintf(out, " %6s  ", "--");
    const char *band = label(as, "common.insufficient");
    if (cs->sufficient)
        band = mt_text_get(&questionnaire_band(as->q, c, cs->band)->label, as->lang);
    output_pad(out, band, 18);
    fprintf(out, " %s %3.0f%%\n", label(as, "common.coverage"), cs->coverage);
}

static void print_constructs(FILE *out, const mt_assessment *as)
{
    static const char *const kind_keys[] = {
        [MT_KIND_ARCHETYPE] = "text.kind.archetype",
        [MT_KIND_BARRIER] = "text.kind.barrier",
        [MT_KIND_CAPABILITY] = "text.kind.capability",
        [MT_KIND_INDEX] = "text.kind.index",
    };
    size_t width = name_column(as);
    fprintf(out, "\n%s\n", label(as, "text.scores"));
    for (size_t k = 0; k < sizeof kind_keys / sizeof kind_keys[0]; k++) {
        int heading = 0;
        for (size_t c = 0; c < as->q->nconstructs; c++) {
            if (as->q->constructs[c].kind != (mt_construct_kind)k)
                continue;
            if (!heading++)
                fprintf(out, "  %s\n", label(as, kind_keys[k]));
            print_construct(out, as, c, width);
        }
    }
}

static void print_recommendation(FILE *out, const mt_assessment *as, size_t i)
{
    const mt_questionnaire *q = as->q;
    const mt_recommendation *rec = &as->recs->items[i];
    const mt_rule *rule = &q->rules[rec->rule];
    char key[64];
    int col = fprintf(out, "  %2zu. ", i + 1);
    output_wrap(out, mt_text_get(&rule->title, as->lang), col, 6, WIDTH);
    snprintf(key, sizeof key, "common.priority.%s", mt_priority_name(rule->priority));
    fprintf(out, "      %s", label(as, key));
    snprintf(key, sizeof key, "common.horizon.%s", mt_horizon_name(rule->horizon));
    fprintf(out, " | %s\n", label(as, key));
    char *why = recommender_why(q, as->result, rec, as->lang);
    if (why) {
        col = fprintf(out, "      %s: ", label(as, "text.why"));
        output_wrap(out, why, col, 8, WIDTH);
        free(why);
    }
    fputs("      ", out);
    output_wrap(out, mt_text_get(&rule->text, as->lang), 6, 6, WIDTH);
    col = fprintf(out, "      %s: ", label(as, "text.source"));
    output_wrap(out, mt_text_get(&q->sources[rule->source].title, as->lang), col, 8, WIDTH);
}

static void print_recommendations(FILE *out, const mt_assessment *as)
{
    fprintf(out, "\n%s\n", label(as, "text.recommendations"));
    if (as->recs->count == 0) {
        fprintf(out, "  %s\n", label(as, "text.no_recommendations"));
        return;
    }
    for (size_t i = 0; i < as->recs->count; i++)
        print_recommendation(out, as, i);
}

mt_error output_text_score(FILE *out, const mt_assessment *as)
{
    print_header(out, as);
    print_profile(out, as);
    mt_error err = print_roadmap(out, as);
    if (err != MT_OK)
        return err;
    print_constructs(out, as);
    print_recommendations(out, as);
    return ferror(out) ? MT_ERROR_FILE_WRITE : MT_OK;
}
