/*
 * baseline.c - changes between a baseline result and the current one.
 * See documentation in header file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/baseline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Deltas are snapped as scores are, so that 72 - 70 is 2 and compares
 * with a tolerance of 2 as equal. */
static double snap(double x)
{
    return round(x * 1e9) / 1e9;
}

const char *mt_direction_name(mt_direction d)
{
    static const char *const names[] = { "same", "up", "down", "unknown", "new", "gone" };
    return (size_t)d < sizeof names / sizeof names[0] ? names[d] : "unknown";
}

const char *mt_sense_name(mt_sense s)
{
    static const char *const names[] = { "neutral", "better", "worse" };
    return (size_t)s < sizeof names / sizeof names[0] ? names[s] : "neutral";
}

/* --------------------------------------------------------- constructs */

static mt_sense sense_of(mt_construct_kind kind, mt_direction d)
{
    if ((d != MT_DIR_UP && d != MT_DIR_DOWN) || kind == MT_KIND_ARCHETYPE)
        return MT_SENSE_NEUTRAL;
    bool up = d == MT_DIR_UP;
    if (kind == MT_KIND_BARRIER)
        return up ? MT_SENSE_WORSE : MT_SENSE_BETTER;
    return up ? MT_SENSE_BETTER : MT_SENSE_WORSE;
}

/* Bands are compared by id: the two questionnaires may number them apart. */
static bool band_changed(const mt_snapshot *cur, size_t c, const mt_snapshot *base, size_t bc)
{
    const mt_band *now = questionnaire_band(cur->q, c, cur->result->constructs[c].band);
    const mt_band *then = questionnaire_band(base->q, bc, base->result->constructs[bc].band);
    return now && then && strcmp(now->id, then->id) != 0;
}

static void compare_construct(const mt_snapshot *cur, size_t c, const mt_snapshot *base,
                              long bc, double tolerance, mt_construct_change *ch)
{
    const mt_construct_score *now = &cur->result->constructs[c];
    ch->id = cur->q->constructs[c].id;
    ch->construct = (long)c;
    ch->base_construct = bc;
    ch->has_current = now->sufficient;
    ch->current = now->sufficient ? now->score : 0;
    if (bc < 0) {
        ch->direction = MT_DIR_NEW;
        return;
    }
    const mt_construct_score *then = &base->result->constructs[bc];
    ch->has_baseline = then->sufficient;
    ch->baseline = then->sufficient ? then->score : 0;
    if (!now->sufficient || !then->sufficient) {
        ch->direction = MT_DIR_UNKNOWN;
        return;
    }
    ch->delta = snap(now->score - then->score);
    ch->direction = fabs(ch->delta) <= tolerance ? MT_DIR_SAME
                  : ch->delta > 0 ? MT_DIR_UP : MT_DIR_DOWN;
    ch->sense = sense_of(cur->q->constructs[c].kind, ch->direction);
    ch->band_changed = band_changed(cur, c, base, (size_t)bc);
}

static void gone_construct(const mt_snapshot *base, size_t bc, mt_construct_change *ch)
{
    const mt_construct_score *then = &base->result->constructs[bc];
    ch->id = base->q->constructs[bc].id;
    ch->construct = -1;
    ch->base_construct = (long)bc;
    ch->has_baseline = then->sufficient;
    ch->baseline = then->sufficient ? then->score : 0;
    ch->direction = MT_DIR_GONE;
}

static mt_error compare_constructs(const mt_snapshot *cur, const mt_snapshot *base,
                                   mt_baseline *b)
{
    const mt_questionnaire *q = cur->q, *bq = base->q;
    b->constructs = calloc(q->nconstructs + bq->nconstructs + 1, sizeof *b->constructs);
    if (!b->constructs)
        return MT_ERROR_NOMEM;
    for (size_t c = 0; c < q->nconstructs; c++)
        compare_construct(cur, c, base, questionnaire_find_construct(bq, q->constructs[c].id),
                          b->tolerance, &b->constructs[b->nconstructs++]);
    for (size_t bc = 0; bc < bq->nconstructs; bc++)
        if (questionnaire_find_construct(q, bq->constructs[bc].id) < 0)
            gone_construct(base, bc, &b->constructs[b->nconstructs++]);
    return MT_OK;
}

/* -------------------------------------------------------------- stages */

static void compare_stages(const mt_snapshot *cur, const mt_snapshot *base, mt_baseline *b)
{
    b->stage = cur->result->stage_reached;
    b->base_stage = base->result->stage_reached;
    if (b->base_stage < 0)
        b->base_stage_now = -1;
    else {
        long now = questionnaire_find_stage(cur->q, base->q->stages[b->base_stage].id);
        b->base_stage_now = now >= 0 ? now : -2;
    }
    if (b->base_stage_now == -2) {
        b->stage_direction = MT_DIR_UNKNOWN;
        return;
    }
    b->stage_steps = b->stage - b->base_stage_now;
    b->stage_direction = b->stage_steps > 0 ? MT_DIR_UP
                       : b->stage_steps < 0 ? MT_DIR_DOWN : MT_DIR_SAME;
}

/* ------------------------------------------------------- recommendations */

static bool fires(const mt_snapshot *s, const char *rule_id)
{
    for (size_t i = 0; s->recs && i < s->recs->count; i++)
        if (strcmp(s->q->rules[s->recs->items[i].rule].id, rule_id) == 0)
            return true;
    return false;
}

/* The rules of `from` that do (want true) or do not fire in `other`. */
static mt_error pick_rules(const mt_snapshot *from, const mt_snapshot *other, bool want,
                           size_t **out, size_t *n)
{
    size_t count = from->recs ? from->recs->count : 0;
    *out = calloc(count + 1, sizeof **out);
    if (!*out)
        return MT_ERROR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        size_t rule = from->recs->items[i].rule;
        if (fires(other, from->q->rules[rule].id) == want)
            (*out)[(*n)++] = rule;
    }
    return MT_OK;
}

static mt_error compare_rules(const mt_snapshot *cur, const mt_snapshot *base, mt_baseline *b)
{
    mt_error err = pick_rules(base, cur, false, &b->gone, &b->ngone);
    if (!err)
        err = pick_rules(cur, base, false, &b->added, &b->nadded);
    if (!err)
        err = pick_rules(cur, base, true, &b->kept, &b->nkept);
    return err;
}

/* ------------------------------------------------------------------ run */

mt_error baseline_check_questionnaire(const char *file, int line, const char *base_id,
                                      const mt_questionnaire *current, mt_diags *diags)
{
    if (strcmp(current->id, base_id) == 0)
        return MT_OK;
    mt_diags_add(diags, file, line, MT_SEV_ERROR,
                 "the baseline uses questionnaire '%s', the current assessment '%s': "
                 "only assessments with the same questionnaire can be compared",
                 base_id, current->id);
    return MT_ERROR_MISMATCH;
}

/* Messages name the baseline's answers file when the caller gave it:
 * that is the file the user named, not the questionnaire found for it. */
static mt_error check_same_questionnaire(const mt_snapshot *cur, const mt_snapshot *base,
                                         mt_diags *diags)
{
    const mt_questionnaire *q = cur->q, *bq = base->q;
    const char *file = base->source ? base->source : bq->path;
    int line = base->source ? base->source_line : 0;
    mt_error err = baseline_check_questionnaire(file, line, bq->id, q, diags);
    if (err)
        return err;
    if (strcmp(q->version, bq->version) != 0)
        mt_diags_add(diags, file, 0, MT_SEV_WARNING,
                     "the baseline uses version %s of '%s', the current assessment version "
                     "%s: constructs, stages and rules are compared by id",
                     bq->version, q->id, q->version);
    return MT_OK;
}

mt_error baseline_compare(const mt_snapshot *current, const mt_snapshot *baseline,
                          double tolerance, mt_baseline **out, mt_diags *diags)
{
    *out = NULL;
    mt_error err = check_same_questionnaire(current, baseline, diags);
    if (err)
        return err;
    mt_baseline *b = calloc(1, sizeof *b);
    if (!b)
        return MT_ERROR_NOMEM;
    b->tolerance = tolerance < 0 ? MT_BASELINE_TOLERANCE : tolerance;
    err = compare_constructs(current, baseline, b);
    if (!err) {
        compare_stages(current, baseline, b);
        err = compare_rules(current, baseline, b);
    }
    if (err) {
        baseline_free(b);
        return err;
    }
    *out = b;
    return MT_OK;
}

void baseline_free(mt_baseline *b)
{
    if (!b)
        return;
    free(b->constructs);
    free(b->gone);
    free(b->added);
    free(b->kept);
    free(b);
}
