/*
 * group_roles.c - the by-role columns a view may show.
 * See documentation in header file (group_roles.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/group_roles.h"

#include <stdlib.h>
#include <string.h>

void group_roles_view_free(mt_role_view *v)
{
    free(v->cols);
    free(v->in_other);
    free(v->col_of);
    free(v->other_stats);
    free(v->other_result.constructs);
    free(v->other_result.stages);
    memset(v, 0, sizeof *v);
}

/* The smallest role not yet under "other roles", or -1. */
static long smallest_apart(const mt_group *g, const bool *in_other)
{
    long best = -1;
    for (size_t r = 0; r < g->nroles; r++)
        if (!in_other[r] && (best < 0 || g->roles[r].n < g->roles[best].n))
            best = (long)r;
    return best;
}

/* Small roles into "other roles", then the smallest others while too few. */
static void merge_small_roles(const mt_group *g, mt_role_view *v)
{
    for (size_t r = 0; r < g->nroles; r++)
        if (g->roles[r].n < MT_GROUP_ROLE_MIN) {
            v->in_other[r] = true;
            v->other_n += g->roles[r].n;
            v->small_roles++;
        }
    long r;
    while (v->other_n > 0 && v->other_n < MT_GROUP_ROLE_MIN
           && (r = smallest_apart(g, v->in_other)) >= 0) {
        v->in_other[r] = true;
        v->other_n += g->roles[r].n;
        v->joined++;
    }
}

static bool in_other(const mt_group *g, const mt_role_view *v, size_t m)
{
    long role = g->members[m].role;
    return role >= 0 && (size_t)role < g->nroles && v->in_other[role];
}

static void other_construct(const mt_group *g, mt_role_view *v, size_t c, double *values)
{
    size_t n = 0, members = 0, insufficient = 0;
    double coverage = 0;
    for (size_t m = 0; m < g->n; m++) {
        if (!in_other(g, v, m))
            continue;
        const mt_construct_score *cs = &g->members[m].result.constructs[c];
        coverage += cs->coverage;
        members++;
        if (cs->sufficient)
            values[n++] = cs->score;
        else
            insufficient++;
    }
    v->other_stats[c].insufficient = insufficient;
    group_describe(values, n, &v->other_stats[c]);
    mt_construct_score *out = &v->other_result.constructs[c];
    out->score = v->other_stats[c].mean;
    out->coverage = members ? coverage / (double)members : 0;
    out->sufficient = n > 0 && out->coverage >= g->q->min_coverage;
    out->band = out->sufficient ? questionnaire_band_of(g->q, c, out->score) : 0;
}

static void other_stage(const mt_group *g, mt_role_view *v, size_t s)
{
    double score = 0, coverage = 0;
    size_t members = 0, sufficient = 0;
    for (size_t m = 0; m < g->n; m++) {
        if (!in_other(g, v, m))
            continue;
        const mt_stage_score *ss = &g->members[m].result.stages[s];
        coverage += ss->coverage;
        members++;
        if (ss->sufficient) {
            score += ss->score;
            sufficient++;
        }
    }
    mt_stage_score *out = &v->other_result.stages[s];
    out->score = sufficient ? score / (double)sufficient : 0;
    out->coverage = members ? coverage / (double)members : 0;
    out->sufficient = sufficient > 0 && out->coverage >= g->q->min_coverage;
}

/* "Other roles"' statistics and result, as group.c builds a role's. */
static bool build_other(const mt_group *g, mt_role_view *v)
{
    size_t nc = g->q->nconstructs, ns = g->q->nstages;
    double *values = malloc((g->n + 1) * sizeof *values);
    v->other_stats = calloc(nc + 1, sizeof *v->other_stats);
    v->other_result.constructs = calloc(nc + 1, sizeof *v->other_result.constructs);
    v->other_result.stages = calloc(ns + 1, sizeof *v->other_result.stages);
    if (!values || !v->other_stats || !v->other_result.constructs || !v->other_result.stages) {
        free(values);
        return false;
    }
    v->other_result.q = g->q;
    for (size_t c = 0; c < nc; c++)
        other_construct(g, v, c, values);
    for (size_t s = 0; s < ns; s++)
        other_stage(g, v, s);
    scorer_classify(g->q, &v->other_result);
    scorer_resolve_stages(g->q, &v->other_result);
    free(values);
    return true;
}

static bool worth_showing(const mt_group *g, const mt_role_view *v)
{
    if (v->ncols == 0)
        return false;
    if (v->ncols == 1 && v->cols[0].role == MT_ROLE_OTHER)
        return false;   /* "other roles" alone is the whole group again */
    return !(v->ncols == 1 && !g->roles[v->cols[0].role].name);   /* no role given by anyone */
}

mt_error group_roles_view(const mt_group *g, mt_role_view *out)
{
    mt_role_view *v = out;
    memset(v, 0, sizeof *v);
    v->cols = calloc(g->nroles + 2, sizeof *v->cols);
    v->in_other = calloc(g->nroles + 1, sizeof *v->in_other);
    v->col_of = malloc((g->nroles + 1) * sizeof *v->col_of);
    if (!v->cols || !v->in_other || !v->col_of)
        goto nomem;
    merge_small_roles(g, v);
    for (size_t r = 0; r < g->nroles; r++) {
        v->col_of[r] = v->in_other[r] ? -1 : (long)v->ncols;
        if (!v->in_other[r])
            v->cols[v->ncols++] = (mt_role_col){ (long)r, g->roles[r].n, g->roles[r].constructs,
                                                 g->roles[r].result };
    }
    if (v->other_n >= MT_GROUP_ROLE_MIN) {
        if (!build_other(g, v))
            goto nomem;
        for (size_t r = 0; r < g->nroles; r++)
            if (v->in_other[r])
                v->col_of[r] = (long)v->ncols;
        v->cols[v->ncols++] = (mt_role_col){ MT_ROLE_OTHER, v->other_n, v->other_stats,
                                             &v->other_result };
    } else {
        v->hidden = v->other_n;
        v->other_n = 0;
    }
    v->shown = worth_showing(g, v);
    return MT_OK;
nomem:
    group_roles_view_free(v);
    return MT_ERROR_NOMEM;
}

long group_roles_col_of(const mt_group *g, const mt_role_view *v, size_t member)
{
    if (member >= g->n || !v->col_of)
        return -1;
    long role = g->members[member].role;
    return role >= 0 && (size_t)role < g->nroles ? v->col_of[role] : -1;
}
