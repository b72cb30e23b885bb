/*
 * recommender.c - which rules fire, in what order, and why.
 * See documentation in header file; rules are described in
 * docs/questionnaire-format.md ("[rule ID]").
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/recommender.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/labels.h"
#include "maturity/util.h"

/* ------------------------------------------------------------- clauses */

static bool compare(double a, mt_op op, double b)
{
    switch (op) {
    case MT_OP_LT: return a < b;
    case MT_OP_LE: return a <= b;
    case MT_OP_GT: return a > b;
    case MT_OP_GE: return a >= b;
    case MT_OP_EQ: return a == b;
    case MT_OP_NE: return a != b;
    }
    return false;
}

/* The tool does not recommend on what it does not know: a clause about a
 * construct without sufficient data never holds. */
static bool known(const mt_result *r, size_t construct)
{
    return construct < r->q->nconstructs && r->constructs[construct].sufficient;
}

static bool clause_holds(const mt_result *r, const mt_clause *cl)
{
    switch (cl->kind) {
    case MT_CLAUSE_SCORE:
        return known(r, cl->construct)
            && compare(r->constructs[cl->construct].score, cl->op, cl->value);
    case MT_CLAUSE_BAND:
        return known(r, cl->construct) && r->constructs[cl->construct].band < 32
            && (cl->band_mask >> r->constructs[cl->construct].band) & 1u;
    case MT_CLAUSE_STAGE:
        return compare((double)r->stage_reached, cl->op, (double)cl->stage);
    case MT_CLAUSE_NEXT_STAGE:
        return r->next_stage == (long)cl->stage;
    case MT_CLAUSE_DOMINANT:
        return known(r, cl->construct) && r->classified
            && (r->dominant == (long)cl->construct
                || (r->hybrid && r->runner_up == (long)cl->construct));
    case MT_CLAUSE_HYBRID:
        return r->classified && r->hybrid;
    }
    return false;
}

static bool rule_fires(const mt_result *r, const mt_rule *rule)
{
    for (size_t i = 0; i < rule->nclauses; i++)
        if (!clause_holds(r, &rule->clauses[i]))
            return false;
    return rule->nclauses > 0;
}

/* The fact behind a clause, as it stood in the result. */
static mt_reason reason_for(const mt_result *r, const mt_clause *cl)
{
    mt_reason rs = { .kind = cl->kind, .construct = -1, .stage = -1 };
    switch (cl->kind) {
    case MT_CLAUSE_SCORE:
    case MT_CLAUSE_BAND:
    case MT_CLAUSE_DOMINANT:
        rs.construct = (long)cl->construct;
        break;
    case MT_CLAUSE_HYBRID:
        rs.construct = r->dominant;
        break;
    case MT_CLAUSE_STAGE:
        rs.stage = r->stage_reached;
        break;
    case MT_CLAUSE_NEXT_STAGE:
        rs.stage = r->next_stage;
        break;
    }
    if (rs.construct >= 0 && (size_t)rs.construct < r->q->nconstructs) {
        rs.score = r->constructs[rs.construct].score;
        rs.band = r->constructs[rs.construct].band;
    }
    return rs;
}

/* --------------------------------------------------------------- order */

static int compare_recommendations(const void *pa, const void *pb, void *user)
{
    const mt_questionnaire *q = user;
    const mt_rule *a = &q->rules[((const mt_recommendation *)pa)->rule];
    const mt_rule *b = &q->rules[((const mt_recommendation *)pb)->rule];
    if (a->priority != b->priority)
        return a->priority < b->priority ? -1 : 1;
    if (a->horizon != b->horizon)
        return a->horizon < b->horizon ? -1 : 1;
    size_t ia = ((const mt_recommendation *)pa)->rule;
    size_t ib = ((const mt_recommendation *)pb)->rule;
    return ia < ib ? -1 : ia > ib;
}

/* ---------------------------------------------------------------- run */

static mt_error add_recommendation(const mt_questionnaire *q, const mt_result *r, size_t rule,
                                   mt_recommendation *rec)
{
    const mt_rule *ru = &q->rules[rule];
    rec->rule = rule;
    rec->nreasons = ru->nclauses;
    rec->reasons = calloc(ru->nclauses ? ru->nclauses : 1, sizeof *rec->reasons);
    if (!rec->reasons)
        return MT_ERROR_NOMEM;
    for (size_t c = 0; c < ru->nclauses; c++)
        rec->reasons[c] = reason_for(r, &ru->clauses[c]);
    return MT_OK;
}

mt_error recommender_run(const mt_questionnaire *q, const mt_result *r, mt_recommendations **out)
{
    *out = NULL;
    mt_recommendations *recs = calloc(1, sizeof *recs);
    if (!recs)
        return MT_ERROR_NOMEM;
    recs->items = calloc(q->nrules ? q->nrules : 1, sizeof *recs->items);
    if (!recs->items) {
        free(recs);
        return MT_ERROR_NOMEM;
    }
    for (size_t i = 0; i < q->nrules; i++) {
        if (!rule_fires(r, &q->rules[i]))
            continue;
        if (add_recommendation(q, r, i, &recs->items[recs->count]) != MT_OK) {
            recommender_free(recs);
            return MT_ERROR_NOMEM;
        }
        recs->count++;
    }
    qsort_r(recs->items, recs->count, sizeof *recs->items, compare_recommendations, (void *)q);
    *out = recs;
    return MT_OK;
}

void recommender_free(mt_recommendations *recs)
{
    if (!recs)
        return;
    for (size_t i = 0; i < recs->count; i++)
        free(recs->items[i].reasons);
    free(recs->items);
    free(recs);
}

/* ----------------------------------------------------------------- why */

/* The language code for mt_label: the questionnaire's own code. */
static const char *lang_code(const mt_questionnaire *q, int lang)
{
    if (lang >= 0 && (size_t)lang < q->nlangs && q->languages[lang])
        return q->languages[lang];
    return q->nlangs ? q->languages[0] : "en";
}

static long rounded(double score)
{
    return lround(score);
}

/* "Data obsession 72 (high)"; "(insufficient data)" when it is not known. */
static char *construct_part(const mt_questionnaire *q, const mt_result *r, long c, int lang)
{
    if (c < 0 || (size_t)c >= q->nconstructs)
        return mt_strdup("");
    const char *name = mt_text_get(&q->constructs[c].name, lang);
    const mt_construct_score *cs = &r->constructs[c];
    const char *band = mt_label(lang_code(q, lang), "common.insufficient");
    if (cs->sufficient) {
        const mt_band *b = questionnaire_band(q, (size_t)c, cs->band);
        band = b ? mt_text_get(&b->label, lang) : "";
    }
    return mt_asprintf("%s %ld (%s)", name, rounded(cs->score), band);
}

static const char *stage_name(const mt_questionnaire *q, long s, int lang)
{
    if (s < 0 || (size_t)s >= q->nstages)
        return mt_label(lang_code(q, lang), "common.none");
    return mt_text_get(&q->stages[s].name, lang);
}

static char *named_construct(const mt_questionnaire *q, const mt_result *r, long c, int lang)
{
    if (c < 0 || (size_t)c >= q->nconstructs)
        return mt_strdup(mt_label(lang_code(q, lang), "common.none"));
    return mt_asprintf("%s %ld", mt_text_get(&q->constructs[c].name, lang),
                       rounded(r->constructs[c].score));
}

static char *hybrid_part(const mt_questionnaire *q, const mt_result *r, int lang)
{
    char *a = named_construct(q, r, r->dominant, lang);
    char *b = named_construct(q, r, r->runner_up, lang);
    char *s = a && b ? mt_asprintf("%s: %s, %s", mt_label(lang_code(q, lang), "why.hybrid"),
                                   a, b)
                     : NULL;
    free(a);
    free(b);
    return s;
}

static char *reason_part(const mt_questionnaire *q, const mt_result *r, const mt_reason *rs,
                         int lang)
{
    const char *code = lang_code(q, lang);
    switch (rs->kind) {
    case MT_CLAUSE_SCORE:
    case MT_CLAUSE_BAND:
        return construct_part(q, r, rs->construct, lang);
    case MT_CLAUSE_STAGE:
        if (rs->stage < 0)
            return mt_strdup(mt_label(code, "common.stage_none"));
        return mt_asprintf("%s: %s", mt_label(code, "why.stage_reached"),
                           stage_name(q, rs->stage, lang));
    case MT_CLAUSE_NEXT_STAGE:
        if (rs->stage < 0)
            return mt_strdup(mt_label(code, "common.all_stages"));
        return mt_asprintf("%s: %s", mt_label(code, "why.next_stage"),
                           stage_name(q, rs->stage, lang));
    case MT_CLAUSE_DOMINANT: {
        /* the runner-up of a hybrid is not "the dominant": say hybrid */
        if (r->hybrid && rs->construct != r->dominant)
            return hybrid_part(q, r, lang);
        char *c = named_construct(q, r, rs->construct, lang);
        char *s = c ? mt_asprintf("%s: %s", mt_label(code, "why.dominant"), c) : NULL;
        free(c);
        return s;
    }
    case MT_CLAUSE_HYBRID:
        return hybrid_part(q, r, lang);
    }
    return mt_strdup("");
}

/* Two clauses on one construct ("brand >= 40 and brand is high") say the
 * same thing: the explanation names it once. */
static bool already_said(const char *said, const char *part)
{
    size_t n = strlen(part);
    for (const char *p = said; (p = strstr(p, part)) != NULL; p++) {
        bool starts = p == said || (p - said >= 2 && p[-2] == ';' && p[-1] == ' ');
        bool ends = p[n] == '\0' || p[n] == ';';
        if (starts && ends)
            return true;
    }
    return false;
}

char *recommender_why(const mt_questionnaire *q, const mt_result *r,
                      const mt_recommendation *rec, int lang)
{
    char *s = mt_strdup("");
    for (size_t i = 0; s && i < rec->nreasons; i++) {
        char *part = reason_part(q, r, &rec->reasons[i], lang);
        if (!part) {
            free(s);
            return NULL;
        }
        bool ok = !*part || already_said(s, part) || mt_str_append(&s, "; ", part);
        free(part);
        if (!ok) {
            free(s);
            return NULL;
        }
    }
    return s;
}
