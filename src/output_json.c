/*
 * output_json.c - `maturity score --format json`: the schema of docs/json.md.
 *
 * The only module that includes <jansson.h>. Scores are rounded to two
 * decimals and printed with a fixed precision so that 66.67 reads 66.67,
 * not 66.670000000000002. See documentation in the header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/output.h"

#include <jansson.h>
#include <stdlib.h>

#include "maturity/util.h"

#define SCHEMA "maturity/score/1"

/* jansson's set_new steals the value and tolerates NULL (returns -1). */
static void put(json_t *obj, const char *key, json_t *value)
{
    json_object_set_new(obj, key, value ? value : json_null());
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *score_value(double x)
{
    return json_real(output_round2(x));
}

/* A score resting on no answer at all has no value: null, never a 0 that
 * reads like a measured one. A low but non-zero coverage keeps its value
 * (with sufficient false), as the reader may still want to see it. */
static json_t *score_if_answered(double score, double coverage)
{
    return coverage > 0 ? score_value(score) : json_null();
}

static json_t *text_value(const mt_assessment *as, const mt_text *t)
{
    return json_string(mt_text_get(t, as->lang));
}

static json_t *construct_id(const mt_assessment *as, long c)
{
    return c >= 0 ? json_string(as->q->constructs[c].id) : json_null();
}

static json_t *stage_id(const mt_assessment *as, long s)
{
    return s >= 0 ? json_string(as->q->stages[s].id) : json_null();
}

static json_t *band_id(const mt_assessment *as, size_t c, size_t band)
{
    return json_string(questionnaire_band(as->q, c, band)->id);
}

static json_t *questionnaire_json(const mt_assessment *as)
{
    const mt_questionnaire *q = as->q;
    json_t *o = json_object();
    put(o, "id", json_string(q->id));
    put(o, "version", json_string(q->version));
    put(o, "hash", json_string(q->hash));
    put(o, "title", text_value(as, &q->title));
    put(o, "short_form", json_boolean(q->short_form));
    return o;
}

static json_t *meta_json(const mt_meta *m)
{
    json_t *o = json_object();
    put(o, "organisation", str_or_null(m->organisation));
    put(o, "respondent", str_or_null(m->respondent));
    put(o, "role", str_or_null(m->role));
    put(o, "date", str_or_null(m->date));
    put(o, "language", str_or_null(m->language));
    put(o, "assessor", str_or_null(m->assessor));
    return o;
}

static json_t *counts_json(const mt_assessment *as)
{
    const mt_result *r = as->result;
    json_t *o = json_object();
    put(o, "items", json_integer((json_int_t)as->q->nitems));
    put(o, "answered", json_integer((json_int_t)r->answered));
    put(o, "dont_know", json_integer((json_int_t)r->dont_know));
    put(o, "unanswered", json_integer((json_int_t)r->unanswered));
    return o;
}

static json_t *construct_json(const mt_assessment *as, size_t c)
{
    const mt_construct *con = &as->q->constructs[c];
    const mt_construct_score *cs = &as->result->constructs[c];
    json_t *o = json_object();
    put(o, "id", json_string(con->id));
    put(o, "kind", json_string(mt_kind_name(con->kind)));
    put(o, "name", text_value(as, &con->name));
    put(o, "score", score_if_answered(cs->score, cs->coverage));
    put(o, "coverage", score_value(cs->coverage));
    put(o, "sufficient", json_boolean(cs->sufficient));
    if (cs->sufficient) {
        put(o, "band", band_id(as, c, cs->band));
        put(o, "band_label", text_value(as, &questionnaire_band(as->q, c, cs->band)->label));
    } else {
        put(o, "band", json_null());
        put(o, "band_label", json_null());
    }
    put(o, "items", json_integer((json_int_t)cs->items));
    put(o, "answered", json_integer((json_int_t)cs->answered));
    put(o, "dont_know", json_integer((json_int_t)cs->dont_know));
    return o;
}

static json_t *constructs_json(const mt_assessment *as)
{
    json_t *a = json_array();
    for (size_t c = 0; c < as->q->nconstructs; c++)
        json_array_append_new(a, construct_json(as, c));
    return a;
}

static json_t *classification_json(const mt_assessment *as)
{
    const mt_result *r = as->result;
    json_t *o = json_object();
    put(o, "classified", json_boolean(r->classified));
    put(o, "dominant", construct_id(as, r->classified ? r->dominant : -1));
    put(o, "runner_up", construct_id(as, r->classified ? r->runner_up : -1));
    put(o, "hybrid", json_boolean(r->hybrid));
    put(o, "margin", score_value(r->margin));
    return o;
}

static json_t *stage_json(const mt_assessment *as, size_t s)
{
    const mt_stage *st = &as->q->stages[s];
    const mt_stage_score *ss = &as->result->stages[s];
    json_t *o = json_object();
    put(o, "id", json_string(st->id));
    put(o, "name", text_value(as, &st->name));
    put(o, "score", score_if_answered(ss->score, ss->coverage));
    put(o, "coverage", score_value(ss->coverage));
    put(o, "threshold", json_real(st->threshold));
    put(o, "sufficient", json_boolean(ss->sufficient));
    put(o, "met", json_boolean(ss->met));
    put(o, "reached", json_boolean(ss->reached));
    return o;
}

static mt_error missing_json(const mt_assessment *as, json_t **out)
{
    *out = json_array();
    if (as->result->next_stage < 0)
        return MT_OK;
    size_t *items = NULL, n = 0;
    mt_error err = scorer_missing_indicators(as->q, as->answers,
                                             (size_t)as->result->next_stage, &items, &n);
    if (err != MT_OK)
        return err;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(*out, json_string(as->q->items[items[i]].id));
    free(items);
    return MT_OK;
}

static mt_error roadmap_json(const mt_assessment *as, json_t **out)
{
    json_t *o = json_object();
    put(o, "reached", stage_id(as, as->result->stage_reached));
    put(o, "next", stage_id(as, as->result->next_stage));
    json_t *stages = json_array();
    for (size_t s = 0; s < as->q->nstages; s++)
        json_array_append_new(stages, stage_json(as, s));
    put(o, "stages", stages);
    json_t *missing = NULL;
    mt_error err = missing_json(as, &missing);
    put(o, "missing", missing);
    *out = o;
    return err;
}

static const char *clause_name(mt_clause_kind k)
{
    switch (k) {
    case MT_CLAUSE_SCORE: return "score";
    case MT_CLAUSE_BAND: return "band";
    case MT_CLAUSE_STAGE: return "stage";
    case MT_CLAUSE_NEXT_STAGE: return "next_stage";
    case MT_CLAUSE_DOMINANT: return "dominant";
    case MT_CLAUSE_HYBRID: return "hybrid";
    }
    return "unknown";
}

static json_t *reason_json(const mt_assessment *as, const mt_reason *why)
{
    json_t *o = json_object();
    put(o, "clause", json_string(clause_name(why->kind)));
    switch (why->kind) {
    case MT_CLAUSE_SCORE:
    case MT_CLAUSE_BAND:
        put(o, "construct", construct_id(as, why->construct));
        put(o, "score", why->construct >= 0
                            ? score_if_answered(why->score,
                                                as->result->constructs[why->construct].coverage)
                            : score_value(why->score));
        if (why->construct >= 0)
            put(o, "band", band_id(as, (size_t)why->construct, why->band));
        break;
    case MT_CLAUSE_STAGE:
    case MT_CLAUSE_NEXT_STAGE:
        put(o, "stage", stage_id(as, why->stage));
        break;
    case MT_CLAUSE_DOMINANT:
    case MT_CLAUSE_HYBRID:
        put(o, "dominant", construct_id(as, as->result->dominant));
        put(o, "hybrid", json_boolean(as->result->hybrid));
        break;
    }
    return o;
}

static json_t *recommendation_json(const mt_assessment *as, const mt_recommendation *rec)
{
    const mt_rule *rule = &as->q->rules[rec->rule];
    const mt_source *src = &as->q->sources[rule->source];
    json_t *o = json_object();
    put(o, "rule", json_string(rule->id));
    put(o, "priority", json_string(mt_priority_name(rule->priority)));
    put(o, "horizon", json_string(mt_horizon_name(rule->horizon)));
    put(o, "title", text_value(as, &rule->title));
    put(o, "text", text_value(as, &rule->text));
    json_t *source = json_object();
    put(source, "id", json_string(src->id));
    put(source, "title", text_value(as, &src->title));
    put(o, "source", source);
    char *why = recommender_why(as->q, as->result, rec, as->lang);
    put(o, "why", str_or_null(why));
    free(why);
    json_t *reasons = json_array();
    for (size_t i = 0; i < rec->nreasons; i++)
        json_array_append_new(reasons, reason_json(as, &rec->reasons[i]));
    put(o, "reasons", reasons);
    return o;
}

static json_t *recommendations_json(const mt_assessment *as)
{
    json_t *a = json_array();
    for (size_t i = 0; i < as->recs->count; i++)
        json_array_append_new(a, recommendation_json(as, &as->recs->items[i]));
    return a;
}

static mt_error assessment_json(const mt_assessment *as, const char *tool_version, json_t **out)
{
    json_t *o = json_object();
    put(o, "schema", json_string(SCHEMA));
    put(o, "tool_version", json_string(tool_version));
    put(o, "language", json_string(as->lang_code));
    put(o, "questionnaire", questionnaire_json(as));
    put(o, "meta", meta_json(&as->answers->meta));
    put(o, "counts", counts_json(as));
    put(o, "constructs", constructs_json(as));
    put(o, "classification", classification_json(as));
    json_t *roadmap = NULL;
    mt_error err = roadmap_json(as, &roadmap);
    put(o, "roadmap", roadmap);
    put(o, "recommendations", recommendations_json(as));
    *out = o;
    return err;
}

mt_error output_json_score(FILE *out, const mt_assessment *as, const char *tool_version)
{
    json_t *root = NULL;
    mt_error err = assessment_json(as, tool_version, &root);
    if (err != MT_OK || !root) {
        json_decref(root);
        return err != MT_OK ? err : MT_ERROR_NOMEM;
    }
    /* 15 significant digits: enough for any rounded score, and 66.67 stays 66.67 */
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    json_decref(root);
    if (rc != 0)
        return MT_ERROR_FILE_WRITE;
    fputc('\n', out);
    return ferror(out) ? MT_ERROR_FILE_WRITE : MT_OK;
}
