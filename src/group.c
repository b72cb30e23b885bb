/*
 * group.c - statistics of a group of respondents.
 * See documentation in header file; the statistics are explained, with a
 * worked example, in docs/group-statistics.md.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/group.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "maturity/util.h"

/* Means are snapped as the scorer snaps its scores, so that a group mean
 * of exactly 40 compares with a band edge of 40 as 40. */
static double snap(double x)
{
    return round(x * 1e9) / 1e9;
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* ----------------------------------------------------- build-time state */

/* Running mean and sum of squared deviations (Welford): stays exactly 0
 * for identical values, where sum-of-squares formulas leave rounding dust. */
typedef struct running {
    size_t n;
    double mean, m2;
} running;

static void running_add(running *r, double x)
{
    r->n++;
    double d = x - r->mean;
    r->mean += d / (double)r->n;
    r->m2 += d * (x - r->mean);
}

static double running_var(const running *r)
{
    return r->n > 1 ? r->m2 / (double)(r->n - 1) : 0;
}

/* One construct's items for Cronbach's alpha, and its complete cases. */
typedef struct alpha_acc {
    size_t *items;       /* item indexes (scored items loading on it) */
    size_t k;
    running *part;       /* per item */
    running total;
    double *scratch;     /* one respondent's item scores */
} alpha_acc;

/* Number items: their answers, for mean and median. */
typedef struct number_acc {
    double *v;
    size_t n, cap;
} number_acc;

struct mt_group_build {
    mt_group_options opt;
    size_t cap;                 /* members, cs, ss, roles capacity */
    mt_construct_score *cs;     /* cap x nconstructs */
    mt_stage_score *ss;         /* cap x nstages */
    char **role_raw;            /* trimmed role per member, NULL for none */
    alpha_acc *alpha;           /* nconstructs */
    number_acc *numbers;        /* nitems (used by number items) */
    short *answers;             /* cap x nitems: group_member_answer() codes */
    bool org_differs;
    bool finished;
};

/* ------------------------------------------------------------- strings */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A trimmed copy, or NULL for NULL or an empty result. *nomem on failure. */
static char *trimmed(const char *s, bool *nomem)
{
    if (!s)
        return NULL;
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    if (!n)
        return NULL;
    char *t = mt_strndup(s, n);
    if (!t)
        *nomem = true;
    return t;
}

/* -------------------------------------------------------------- new/add */

static mt_error alpha_init(const mt_questionnaire *q, size_t c, alpha_acc *acc)
{
    for (size_t i = 0; i < q->nitems; i++)
        for (size_t l = 0; l < q->items[i].nloads; l++)
            if (q->items[i].loads[l].construct == c && q->items[i].type != MT_ITEM_TEXT)
                acc->k++;
    size_t k = acc->k ? acc->k : 1;
    acc->items = calloc(k, sizeof *acc->items);
    acc->part = calloc(k, sizeof *acc->part);
    acc->scratch = calloc(k, sizeof *acc->scratch);
    if (!acc->items || !acc->part || !acc->scratch)
        return MT_ERROR_NOMEM;
    size_t j = 0;
    for (size_t i = 0; i < q->nitems; i++)
        for (size_t l = 0; l < q->items[i].nloads; l++)
            if (q->items[i].loads[l].construct == c && q->items[i].type != MT_ITEM_TEXT)
                acc->items[j++] = i;
    return MT_OK;
}

static size_t counted_points(const mt_questionnaire *q, const mt_item *item)
{
    if (item->type == MT_ITEM_LIKERT)
        return (size_t)questionnaire_item_points(q, item);
    if (item->type == MT_ITEM_CHOICE)
        return item->noptions;
    return 0;
}

static mt_error items_init(mt_group *g)
{
    const mt_questionnaire *q = g->q;
    for (size_t i = 0; i < q->nitems; i++) {
        mt_group_item *gi = &g->items[i];
        gi->item = i;
        gi->ncounts = counted_points(q, &q->items[i]);
        if (gi->ncounts && !(gi->counts = calloc(gi->ncounts, sizeof *gi->counts)))
            return MT_ERROR_NOMEM;
    }
    return MT_OK;
}

mt_error group_new(const mt_questionnaire *q, const mt_group_options *opt, mt_group **out)
{
    *out = NULL;
    mt_group *g = calloc(1, sizeof *g);
    if (!g)
        return MT_ERROR_NOMEM;
    g->q = q;
    g->build = calloc(1, sizeof *g->build);
    g->constructs = calloc(q->nconstructs + 1, sizeof *g->constructs);
    g->items = calloc(q->nitems + 1, sizeof *g->items);
    mt_error err = g->build && g->constructs && g->items ? MT_OK : MT_ERROR_NOMEM;
    if (!err) {
        if (opt)
            g->build->opt = *opt;
        g->build->alpha = calloc(q->nconstructs + 1, sizeof *g->build->alpha);
        g->build->numbers = calloc(q->nitems + 1, sizeof *g->build->numbers);
        if (!g->build->alpha || !g->build->numbers)
            err = MT_ERROR_NOMEM;
    }
    for (size_t c = 0; !err && c < q->nconstructs; c++)
        err = alpha_init(q, c, &g->build->alpha[c]);
    if (!err)
        err = items_init(g);
    if (err) {
        group_free(g);
        return err;
    }
    *out = g;
    return MT_OK;
}

/* Grows every per-member array together. */
static bool reserve(mt_group *g, size_t need)
{
    struct mt_group_build *b = g->build;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap * 2 : 16;
    size_t nc = g->q->nconstructs ? g->q->nconstructs : 1;
    size_t ns = g->q->nstages ? g->q->nstages : 1;
    if (cap > SIZE_MAX / sizeof(mt_construct_score) / nc)
        return false;
    void *m = realloc(g->members, cap * sizeof *g->members);
    if (m)
        g->members = m;
    void *cs = realloc(b->cs, cap * nc * sizeof *b->cs);
    if (cs)
        b->cs = cs;
    void *ss = realloc(b->ss, cap * ns * sizeof *b->ss);
    if (ss)
        b->ss = ss;
    void *rr = realloc(b->role_raw, cap * sizeof *b->role_raw);
    if (rr)
        b->role_raw = rr;
    size_t ni = g->q->nitems ? g->q->nitems : 1;
    void *an = cap <= SIZE_MAX / ni / sizeof *b->answers
                   ? realloc(b->answers, cap * ni * sizeof *b->answers) : NULL;
    if (an)
        b->answers = an;
    if (!m || !cs || !ss || !rr || !an)
        return false;
    b->cap = cap;
    return true;
}

static bool number_push(number_acc *acc, double v)
{
    if (!mt_grow((void **)&acc->v, &acc->cap, acc->n + 1, sizeof *acc->v))
        return false;
    acc->v[acc->n++] = v;
    return true;
}

/* Counts how each item was answered. */
static bool add_item_answers(mt_group *g, const mt_answers *a)
{
    for (size_t i = 0; i < g->q->nitems; i++) {
        const mt_answer *ans = &a->items[i];
        mt_group_item *gi = &g->items[i];
        if (ans->state == MT_ANSWER_DONT_KNOW) {
            gi->dont_know++;
            continue;
        }
        if (ans->state != MT_ANSWER_VALUE) {
            gi->unanswered++;
            continue;
        }
        gi->n++;
        if (gi->counts && ans->value >= 1 && (size_t)ans->value <= gi->ncounts)
            gi->counts[ans->value - 1]++;
        if (g->q->items[i].type == MT_ITEM_NUMBER
            && !number_push(&g->build->numbers[i], ans->number))
            return false;
    }
    return true;
}

/* A small code per item: the point or option chosen, so that views can
 * break a hotspot's answers down by role (roles are known only at the end). */
static void note_answers(mt_group *g, size_t member, const mt_answers *a)
{
    size_t ni = g->q->nitems;
    short *codes = &g->build->answers[member * (ni ? ni : 1)];
    for (size_t i = 0; i < ni; i++) {
        const mt_answer *ans = &a->items[i];
        const mt_group_item *gi = &g->items[i];
        int code = MT_GROUP_ANSWER_NONE;
        if (ans->state == MT_ANSWER_DONT_KNOW)
            code = MT_GROUP_ANSWER_DK;
        else if (ans->state == MT_ANSWER_VALUE)
            code = gi->counts && ans->value >= 1 && (size_t)ans->value <= gi->ncounts
                       && ans->value <= SHRT_MAX ? (int)ans->value : 1;
        codes[i] = (short)code;
    }
}

int group_member_answer(const mt_group *g, size_t member, size_t item)
{
    if (!g || !g->build || !g->build->answers || member >= g->n || item >= g->q->nitems)
        return MT_GROUP_ANSWER_NONE;
    return g->build->answers[member * g->q->nitems + item];
}

/* A complete case (every item of the construct answered with a value)
 * enters alpha; any other respondent is left out of it. */
static void add_alpha(const mt_questionnaire *q, const mt_answers *a, size_t c, alpha_acc *acc)
{
    double total = 0;
    for (size_t j = 0; j < acc->k; j++) {
        size_t it = acc->items[j];
        if (!scorer_item_score(q, &q->items[it], &a->items[it], c, &acc->scratch[j]))
            return;
        total += acc->scratch[j];
    }
    for (size_t j = 0; j < acc->k; j++)
        running_add(&acc->part[j], acc->scratch[j]);
    running_add(&acc->total, total);
}

static void note_meta(mt_group *g, const mt_meta *m)
{
    const char *org = m->organisation;
    if (org && *org && !g->build->org_differs) {
        if (!g->organisation)
            g->organisation = mt_strdup(org);
        else if (strcmp(g->organisation, org) != 0)
            g->build->org_differs = true;
    }
    const char *d = m->date;
    if (d && *d) {
        if (!g->date_first || strcmp(d, g->date_first) < 0) {
            free(g->date_first);
            g->date_first = mt_strdup(d);
        }
        if (!g->date_last || strcmp(d, g->date_last) > 0) {
            free(g->date_last);
            g->date_last = mt_strdup(d);
        }
    }
}

static char *member_label(const mt_group *g, const mt_meta *m, size_t index, bool *nomem)
{
    char *name = g->build->opt.names ? trimmed(m->respondent, nomem) : NULL;
    if (name || *nomem)
        return name;
    char *label = mt_asprintf("R%zu", index + 1);
    if (!label)
        *nomem = true;
    return label;
}

mt_error group_add(mt_group *g, const mt_answers *a, const mt_result *r)
{
    const mt_questionnaire *q = g->q;
    struct mt_group_build *b = g->build;
    if (!b || b->finished || a->q != q || r->q != q)
        return MT_ERROR_USAGE;
    if (!reserve(g, g->n + 1))
        return MT_ERROR_NOMEM;
    size_t i = g->n;
    bool nomem = false;
    mt_group_member *m = &g->members[i];
    memset(m, 0, sizeof *m);
    m->label = member_label(g, &a->meta, i, &nomem);
    b->role_raw[i] = trimmed(a->meta.role, &nomem);
    m->result = *r;
    m->result.constructs = NULL;   /* pointed into b->cs by group_finish */
    m->result.stages = NULL;
    memcpy(&b->cs[i * q->nconstructs], r->constructs, q->nconstructs * sizeof *r->constructs);
    memcpy(&b->ss[i * q->nstages], r->stages, q->nstages * sizeof *r->stages);
    g->n++;   /* counted now, so that group_free frees its strings */
    if (nomem || !add_item_answers(g, a))
        return MT_ERROR_NOMEM;
    note_answers(g, i, a);
    for (size_t c = 0; c < q->nconstructs; c++)
        add_alpha(q, a, c, &b->alpha[c]);
    note_meta(g, &a->meta);
    return MT_OK;
}

/* ------------------------------------------------------ descriptive stats */

static int compare_doubles(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Linear interpolation between order statistics (R type 7, Excel
 * QUARTILE.INC, Python statistics.quantiles method="inclusive"). */
static double quantile_sorted(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return v[lo] + (h - (double)lo) * (v[hi] - v[lo]);
}

void group_describe(double *values, size_t n, mt_group_stat *out)
{
    size_t insufficient = out->insufficient;
    memset(out, 0, sizeof *out);
    out->insufficient = insufficient;
    if (!n)
        return;
    qsort(values, n, sizeof *values, compare_doubles);
    running r = { 0 };
    for (size_t i = 0; i < n; i++)
        running_add(&r, values[i]);
    out->n = n;
    out->mean = r.mean;
    out->sd = sqrt(running_var(&r));
    out->median = quantile_sorted(values, n, 0.5);
    out->q1 = quantile_sorted(values, n, 0.25);
    out->q3 = quantile_sorted(values, n, 0.75);
    out->min = values[0];
    out->max = values[n - 1];
}

/* ------------------------------------------------------- item statistics */

/* The k-th smallest answer (0-based) of a count table over points 1..n. */
static double point_at(const size_t *counts, size_t ncounts, size_t k)
{
    size_t seen = 0;
    for (size_t p = 0; p < ncounts; p++) {
        seen += counts[p];
        if (k < seen)
            return (double)(p + 1);
    }
    return (double)ncounts;
}

static void describe_points(mt_group_item *gi)
{
    running r = { 0 };
    bool any = false;
    for (size_t p = 0; p < gi->ncounts; p++) {
        for (size_t k = 0; k < gi->counts[p]; k++)
            running_add(&r, (double)(p + 1));
        if (gi->counts[p] && !any) {
            gi->min = (double)(p + 1);
            any = true;
        }
        if (gi->counts[p])
            gi->max = (double)(p + 1);
    }
    if (!r.n)
        return;
    gi->mean = r.mean;
    gi->sd = sqrt(running_var(&r));
    gi->median = (point_at(gi->counts, gi->ncounts, (r.n - 1) / 2)
                  + point_at(gi->counts, gi->ncounts, r.n / 2)) / 2;
}

/* Variance of a uniform answer over the points 1..A: (A^2 - 1) / 12. */
static double uniform_points_variance(size_t points)
{
    return ((double)points * (double)points - 1.0) / 12.0;
}

/* Normalised Gini-Simpson: 1 - sum p^2, scaled so that an even spread over
 * every option is 1. */
static double nominal_dispersion(const size_t *counts, size_t k, size_t n)
{
    double sum = 0;
    for (size_t o = 0; o < k; o++) {
        double p = (double)counts[o] / (double)n;
        sum += p * p;
    }
    return (double)k / (double)(k - 1) * (1.0 - sum);
}

static void rate_item(const mt_questionnaire *q, mt_group_item *gi)
{
    const mt_item *item = &q->items[gi->item];
    if (gi->n < 2 || gi->ncounts < 2)
        return;
    if (item->type == MT_ITEM_LIKERT) {
        gi->dispersion = gi->sd * gi->sd / uniform_points_variance(gi->ncounts);
    } else {
        gi->dispersion = nominal_dispersion(gi->counts, gi->ncounts, gi->n);
    }
    gi->dispersion = snap(gi->dispersion);
    gi->agreement = clamp01(1.0 - gi->dispersion);
    gi->rated = true;
}

static void describe_numbers(mt_group_item *gi, number_acc *acc)
{
    mt_group_stat st = { 0 };
    group_describe(acc->v, acc->n, &st);
    gi->mean = st.mean;
    gi->sd = st.sd;
    gi->median = st.median;
    gi->min = st.min;
    gi->max = st.max;
}

static void describe_items(mt_group *g)
{
    for (size_t i = 0; i < g->q->nitems; i++) {
        mt_group_item *gi = &g->items[i];
        if (gi->counts && g->q->items[i].type == MT_ITEM_LIKERT)
            describe_points(gi);
        else if (g->q->items[i].type == MT_ITEM_NUMBER)
            describe_numbers(gi, &g->build->numbers[i]);
        rate_item(g->q, gi);
    }
}

/* ------------------------------------------------------------- hotspots */

static int compare_hotspots(const void *pa, const void *pb, void *user)
{
    const mt_group_item *items = user;
    const mt_group_item *a = &items[*(const size_t *)pa];
    const mt_group_item *b = &items[*(const size_t *)pb];
    if (a->dispersion != b->dispersion)
        return a->dispersion > b->dispersion ? -1 : 1;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->item < b->item ? -1 : a->item > b->item;
}

static mt_error find_hotspots(mt_group *g)
{
    g->hotspots = calloc(g->q->nitems + 1, sizeof *g->hotspots);
    if (!g->hotspots)
        return MT_ERROR_NOMEM;
    for (size_t i = 0; i < g->q->nitems; i++)
        if (g->items[i].rated && g->items[i].dispersion > 0)
            g->hotspots[g->nhotspots++] = i;
    qsort_r(g->hotspots, g->nhotspots, sizeof *g->hotspots, compare_hotspots, g->items);
    return MT_OK;
}

/* ------------------------------------------------------------- agreement */

/* Observed and uniform-null variance of an item's 0..1 scores on construct
 * c, from its answer counts. false when the item has no null variance. */
static bool item_variances(const mt_questionnaire *q, const mt_group_item *gi, size_t c,
                           double *observed, double *expected)
{
    const mt_item *item = &q->items[gi->item];
    running obs = { 0 }, null = { 0 };
    for (size_t p = 0; p < gi->ncounts; p++) {
        mt_answer ans = { .state = MT_ANSWER_VALUE, .value = (long)p + 1 };
        double s;
        if (!scorer_item_score(q, item, &ans, c, &s))
            return false;
        running_add(&null, s);
        for (size_t k = 0; k < gi->counts[p]; k++)
            running_add(&obs, s);
    }
    *observed = running_var(&obs);
    *expected = null.n ? null.m2 / (double)null.n : 0;  /* over the points: population */
    return *expected > 1e-12;
}

static void construct_agreement(const mt_group *g, size_t c, mt_group_construct *gc)
{
    const mt_questionnaire *q = g->q;
    double sum = 0;
    size_t j = 0;
    for (size_t i = 0; i < q->nitems; i++) {
        const mt_group_item *gi = &g->items[i];
        double observed, expected;
        if (!gi->counts || gi->n < 2)
            continue;
        if (!item_variances(q, gi, c, &observed, &expected))
            continue;
        sum += observed / expected;
        j++;
    }
    gc->agreement_items = j;
    gc->has_agreement = j > 0;
    if (!j)
        return;
    double m = sum / (double)j;   /* mean observed / expected variance */
    gc->agreement = snap(clamp01(1.0 - m));
    double J = (double)j;
    gc->rwg_j = m >= 1 ? 0 : snap(clamp01(J * (1 - m) / (J * (1 - m) + m)));
}

/* ------------------------------------------------------------------ alpha */

static void construct_alpha(const alpha_acc *acc, mt_group_construct *gc)
{
    gc->alpha_items = acc->k;
    gc->alpha_n = acc->total.n;
    if (acc->k < 2) {
        gc->alpha_status = MT_ALPHA_ONE_ITEM;
        return;
    }
    if (acc->total.n < MT_GROUP_ALPHA_MIN) {
        gc->alpha_status = MT_ALPHA_TOO_FEW;
        return;
    }
    double total_var = running_var(&acc->total);
    if (total_var < 1e-12) {
        gc->alpha_status = MT_ALPHA_NO_VARIANCE;
        return;
    }
    double parts = 0;
    for (size_t j = 0; j < acc->k; j++)
        parts += running_var(&acc->part[j]);
    double k = (double)acc->k;
    gc->alpha = snap(k / (k - 1) * (1 - parts / total_var));
    gc->alpha_status = MT_ALPHA_OK;
}

/* ------------------------------------------------------------------ roles */

typedef struct role_key {
    const char *role;
    size_t member;
} role_key;

static int compare_role_keys(const void *pa, const void *pb)
{
    const role_key *a = pa, *b = pb;
    int c = strcasecmp(a->role, b->role);
    if (c)
        return c;
    return a->member < b->member ? -1 : a->member > b->member;
}

/* Runs (distinct roles) ordered by their first member. */
static int compare_runs(const void *pa, const void *pb, void *user)
{
    const size_t *first = user;
    size_t a = first[*(const size_t *)pa], b = first[*(const size_t *)pb];
    return a < b ? -1 : a > b;
}

typedef struct role_work {
    role_key *keys;
    size_t *run_of;     /* member -> run */
    size_t *run_first;  /* run -> its first member */
    size_t *order;      /* runs in order of first appearance */
    size_t *rank;       /* run -> role index */
} role_work;

static void role_work_free(role_work *w)
{
    free(w->keys);
    free(w->run_of);
    free(w->run_first);
    free(w->order);
    free(w->rank);
}

/* Sorted by role ignoring case, each run of equal roles is one role, named
 * as its first member wrote it; roles are then ordered by first
 * appearance. O(n log n) however many roles there are. */
static size_t find_runs(const mt_group *g, role_work *w)
{
    char **raw = g->build->role_raw;
    size_t nk = 0, nruns = 0;
    for (size_t i = 0; i < g->n; i++)
        if (raw[i])
            w->keys[nk++] = (role_key){ raw[i], i };
    qsort(w->keys, nk, sizeof *w->keys, compare_role_keys);
    for (size_t i = 0; i < nk; i++) {
        if (i == 0 || strcasecmp(w->keys[i].role, w->keys[i - 1].role) != 0)
            w->run_first[nruns++] = w->keys[i].member;
        w->run_of[w->keys[i].member] = nruns - 1;
    }
    for (size_t r = 0; r < nruns; r++)
        w->order[r] = r;
    qsort_r(w->order, nruns, sizeof *w->order, compare_runs, w->run_first);
    for (size_t r = 0; r < nruns; r++)
        w->rank[w->order[r]] = r;
    return nruns;
}

static mt_error assign_roles(mt_group *g)
{
    size_t n = g->n + 1;
    role_work w = {
        calloc(n, sizeof *w.keys), calloc(n, sizeof *w.run_of), calloc(n, sizeof *w.run_first),
        calloc(n, sizeof *w.order), calloc(n, sizeof *w.rank),
    };
    g->roles = calloc(n, sizeof *g->roles);
    if (!w.keys || !w.run_of || !w.run_first || !w.order || !w.rank || !g->roles) {
        role_work_free(&w);
        return MT_ERROR_NOMEM;
    }
    char **raw = g->build->role_raw;
    size_t nruns = find_runs(g, &w);
    mt_error err = MT_OK;
    for (size_t r = 0; r < nruns; r++)
        if (!(g->roles[w.rank[r]].name = mt_strdup(raw[w.run_first[r]])))
            err = MT_ERROR_NOMEM;
    g->nroles = nruns;
    for (size_t i = 0; i < g->n; i++) {
        g->members[i].role = raw[i] ? (long)w.rank[w.run_of[i]] : (long)nruns;
        if (!raw[i])
            g->nroles = nruns + 1;   /* the respondents who gave no role, last */
    }
    for (size_t i = 0; i < g->n; i++)
        g->roles[g->members[i].role].n++;
    role_work_free(&w);
    return err;
}

/* ---------------------------------------------------------- group results */

static bool in_subset(const mt_group *g, size_t i, long role)
{
    return role < 0 || g->members[i].role == role;
}

/* Per-construct statistics over the members of role (all when role < 0). */
static mt_error describe_constructs(const mt_group *g, long role, mt_group_stat *stats)
{
    const mt_questionnaire *q = g->q;
    double *v = malloc((g->n ? g->n : 1) * sizeof *v);
    if (!v)
        return MT_ERROR_NOMEM;
    for (size_t c = 0; c < q->nconstructs; c++) {
        size_t n = 0, insufficient = 0;
        for (size_t i = 0; i < g->n; i++) {
            if (!in_subset(g, i, role))
                continue;
            const mt_construct_score *cs = &g->members[i].result.constructs[c];
            if (cs->sufficient)
                v[n++] = cs->score;
            else
                insufficient++;
        }
        stats[c].insufficient = insufficient;
        group_describe(v, n, &stats[c]);
    }
    free(v);
    return MT_OK;
}

/* A construct of the group result: see the header for the rules. */
static void group_construct_score(const mt_group *g, long role, size_t c,
                                  const mt_group_stat *st, mt_construct_score *out)
{
    double coverage = 0;
    size_t members = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < g->n; i++) {
        if (!in_subset(g, i, role))
            continue;
        const mt_construct_score *cs = &g->members[i].result.constructs[c];
        coverage += cs->coverage;
        out->answered += cs->answered;
        out->dont_know += cs->dont_know;
        out->items = cs->items;
        members++;
    }
    out->score = snap(st->mean);
    out->coverage = members ? snap(coverage / (double)members) : 0;
    out->sufficient = st->n > 0 && out->coverage >= g->q->min_coverage;
    out->band = out->sufficient ? questionnaire_band_of(g->q, c, out->score) : 0;
}

static void group_stage_score(const mt_group *g, long role, size_t s, mt_stage_score *out)
{
    double score = 0, coverage = 0;
    size_t members = 0, sufficient = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < g->n; i++) {
        if (!in_subset(g, i, role))
            continue;
        const mt_stage_score *ss = &g->members[i].result.stages[s];
        coverage += ss->coverage;
        members++;
        if (ss->sufficient) {
            score += ss->score;
            sufficient++;
        }
    }
    out->score = sufficient ? snap(score / (double)sufficient) : 0;
    out->coverage = members ? snap(coverage / (double)members) : 0;
    out->sufficient = sufficient > 0 && out->coverage >= g->q->min_coverage;
}

static mt_error build_result(const mt_group *g, long role, const mt_group_stat *stats,
                             mt_result **out)
{
    const mt_questionnaire *q = g->q;
    mt_result *r = calloc(1, sizeof *r);
    if (!r)
        return MT_ERROR_NOMEM;
    r->q = q;
    r->constructs = calloc(q->nconstructs + 1, sizeof *r->constructs);
    r->stages = calloc(q->nstages + 1, sizeof *r->stages);
    if (!r->constructs || !r->stages) {
        scorer_result_free(r);
        return MT_ERROR_NOMEM;
    }
    for (size_t c = 0; c < q->nconstructs; c++)
        group_construct_score(g, role, c, &stats[c], &r->constructs[c]);
    for (size_t s = 0; s < q->nstages; s++)
        group_stage_score(g, role, s, &r->stages[s]);
    scorer_classify(q, r);
    scorer_resolve_stages(q, r);
    for (size_t i = 0; i < g->n; i++) {
        if (!in_subset(g, i, role))
            continue;
        r->answered += g->members[i].result.answered;
        r->dont_know += g->members[i].result.dont_know;
        r->unanswered += g->members[i].result.unanswered;
    }
    *out = r;
    return MT_OK;
}

static mt_error summarise_group(mt_group *g)
{
    size_t nc = g->q->nconstructs;
    mt_group_stat *stats = calloc(nc + 1, sizeof *stats);
    if (!stats)
        return MT_ERROR_NOMEM;
    mt_error err = describe_constructs(g, -1, stats);
    if (!err)
        err = build_result(g, -1, stats, &g->result);
    for (size_t c = 0; !err && c < nc; c++) {
        g->constructs[c].stat = stats[c];
        construct_agreement(g, c, &g->constructs[c]);
        construct_alpha(&g->build->alpha[c], &g->constructs[c]);
    }
    free(stats);
    if (!err)
        err = recommender_run(g->q, g->result, &g->recs);
    return err;
}

static mt_error summarise_roles(mt_group *g)
{
    for (size_t r = 0; r < g->nroles; r++) {
        mt_group_role *role = &g->roles[r];
        role->constructs = calloc(g->q->nconstructs + 1, sizeof *role->constructs);
        if (!role->constructs)
            return MT_ERROR_NOMEM;
        mt_error err = describe_constructs(g, (long)r, role->constructs);
        if (!err)
            err = build_result(g, (long)r, role->constructs, &role->result);
        if (err)
            return err;
    }
    return MT_OK;
}

/* Members' results point into the group's arrays, which no longer move. */
static void attach_member_results(mt_group *g)
{
    for (size_t i = 0; i < g->n; i++) {
        g->members[i].result.constructs = &g->build->cs[i * g->q->nconstructs];
        g->members[i].result.stages = &g->build->ss[i * g->q->nstages];
    }
}

mt_error group_finish(mt_group *g)
{
    if (!g->build || g->build->finished)
        return MT_ERROR_USAGE;
    g->build->finished = true;
    if (g->build->org_differs) {
        free(g->organisation);
        g->organisation = NULL;
    }
    if (!reserve(g, 1))   /* members, possibly none, must be an array */
        return MT_ERROR_NOMEM;
    attach_member_results(g);
    describe_items(g);
    mt_error err = find_hotspots(g);
    if (!err)
        err = assign_roles(g);
    if (!err)
        err = summarise_group(g);
    if (!err)
        err = summarise_roles(g);
    return err;
}

/* ------------------------------------------------------------------ free */

static void build_free(const mt_questionnaire *q, struct mt_group_build *b, size_t n)
{
    if (!b)
        return;
    for (size_t i = 0; b->role_raw && i < n; i++)
        free(b->role_raw[i]);
    free(b->role_raw);
    free(b->answers);
    free(b->cs);
    free(b->ss);
    for (size_t c = 0; b->alpha && c < q->nconstructs; c++) {
        free(b->alpha[c].items);
        free(b->alpha[c].part);
        free(b->alpha[c].scratch);
    }
    free(b->alpha);
    for (size_t i = 0; b->numbers && i < q->nitems; i++)
        free(b->numbers[i].v);
    free(b->numbers);
    free(b);
}

void group_free(mt_group *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++)
        free(g->members[i].label);
    free(g->members);
    free(g->constructs);
    for (size_t i = 0; g->items && i < g->q->nitems; i++)
        free(g->items[i].counts);
    free(g->items);
    free(g->hotspots);
    for (size_t r = 0; g->roles && r < g->nroles; r++) {
        free(g->roles[r].name);
        free(g->roles[r].constructs);
        scorer_result_free(g->roles[r].result);
    }
    free(g->roles);
    scorer_result_free(g->result);
    recommender_free(g->recs);
    free(g->organisation);
    free(g->date_first);
    free(g->date_last);
    build_free(g->q, g->build, g->n);
    free(g);
}

/* ---------------------------------------------------------------- loading */

/* A file of another questionnaire is named as such, once, instead of the
 * many item errors loading it against this one would give. */
static mt_error check_questionnaire(const mt_questionnaire *q, const char *path,
                                    mt_diags *diags)
{
    char *id = NULL, *version = NULL;
    mt_error err = answers_peek_questionnaire(path, &id, &version, diags);
    if (err == MT_OK && (!id || !version || strcmp(id, q->id) != 0
                         || strcmp(version, q->version) != 0)) {
        mt_diags_add(diags, path, 0, MT_SEV_ERROR,
                     "these answers are for questionnaire '%s' version %s, but the group "
                     "uses '%s' version %s: every file of a group must use the same "
                     "questionnaire",
                     id && *id ? id : "(none)", version && *version ? version : "(none)",
                     q->id, q->version);
        err = MT_ERROR_MISMATCH;
    }
    free(id);
    free(version);
    return err;
}

static mt_error load_one(mt_group *g, const char *path, mt_diags *diags)
{
    size_t errors_before = diags->errors;
    mt_error err = check_questionnaire(g->q, path, diags);
    mt_answers *a = NULL;
    mt_result *r = NULL;
    if (!err)
        err = answers_load_file(g->q, path, &a, diags);
    if (!err)
        err = scorer_score(g->q, a, &r);
    if (!err)
        err = group_add(g, a, r);
    if (err && err != MT_ERROR_NOMEM && diags->errors == errors_before)
        mt_diags_add(diags, path, 0, MT_SEV_ERROR, "%s", mt_strerror(err));
    scorer_result_free(r);
    answers_free(a);
    return err;
}

/* Every file is read, so that every bad one is reported in one run; the
 * first error is returned. */
mt_error group_load_files(const mt_questionnaire *q, char *const *paths, size_t npaths,
                          const mt_group_options *opt, mt_group **out, mt_diags *diags)
{
    *out = NULL;
    if (!npaths) {
        mt_diags_add(diags, NULL, 0, MT_SEV_ERROR, "a group needs at least one answers file");
        return MT_ERROR_USAGE;
    }
    mt_group *g = NULL;
    mt_error first = group_new(q, opt, &g);
    for (size_t i = 0; g && first != MT_ERROR_NOMEM && i < npaths; i++) {
        mt_error err = load_one(g, paths[i], diags);
        if (err && !first)
            first = err;
        if (g->build->opt.progress)
            g->build->opt.progress(i + 1, npaths, g->build->opt.progress_user);
    }
    if (first == MT_OK)
        first = group_finish(g);
    if (first) {
        group_free(g);
        return first;
    }
    *out = g;
    return MT_OK;
}

/* ------------------------------------------------------------------ paths */

static bool is_ini_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".ini") == 0;
}

static int compare_paths(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static bool push_path(path_list *l, char *path)
{
    if (!path || !mt_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v)) {
        free(path);
        return false;
    }
    l->v[l->n++] = path;
    return true;
}

static mt_error add_folder(path_list *l, const char *dir, mt_diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        mt_diags_add(diags, dir, 0, MT_SEV_ERROR, "cannot read the folder: %s", strerror(errno));
        return MT_ERROR_FILE_OPEN;
    }
    size_t before = l->n;
    size_t len = strlen(dir);
    const char *sep = len && dir[len - 1] == '/' ? "" : "/";
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d)) != NULL)
        if (is_ini_name(e->d_name))
            ok = push_path(l, mt_asprintf("%s%s%s", dir, sep, e->d_name));
    closedir(d);
    if (!ok)
        return MT_ERROR_NOMEM;
    if (l->n == before) {
        mt_diags_add(diags, dir, 0, MT_SEV_ERROR, "the folder has no *.ini answers files");
        return MT_ERROR_FILE_OPEN;
    }
    qsort(l->v + before, l->n - before, sizeof *l->v, compare_paths);
    return MT_OK;
}

static mt_error add_argument(path_list *l, const char *arg, mt_diags *diags)
{
    struct stat st;
    if (stat(arg, &st) != 0) {
        mt_diags_add(diags, arg, 0, MT_SEV_ERROR, "cannot open: %s", strerror(errno));
        return MT_ERROR_FILE_OPEN;
    }
    if (S_ISDIR(st.st_mode))
        return add_folder(l, arg, diags);
    return push_path(l, mt_strdup(arg)) ? MT_OK : MT_ERROR_NOMEM;
}

typedef struct file_id {
    dev_t dev;
    ino_t ino;
    size_t index;   /* into the path list */
} file_id;

static int compare_file_ids(const void *a, const void *b)
{
    const file_id *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* One file named twice (as itself and inside its folder, or by two
 * spellings) would count one respondent twice: that is an error. */
static mt_error check_duplicates(const path_list *l, mt_diags *diags)
{
    file_id *ids = calloc(l->n ? l->n : 1, sizeof *ids);
    if (!ids)
        return MT_ERROR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) {
        struct stat st;
        if (stat(l->v[i], &st) == 0)
            ids[n++] = (file_id){ st.st_dev, st.st_ino, i };
    }
    qsort(ids, n, sizeof *ids, compare_file_ids);
    mt_error err = MT_OK;
    for (size_t i = 1; i < n; i++) {
        if (ids[i].dev == ids[i - 1].dev && ids[i].ino == ids[i - 1].ino) {
            mt_diags_add(diags, l->v[ids[i].index], 0, MT_SEV_ERROR,
                         "given twice (also as %s): each file counts once",
                         l->v[ids[i - 1].index]);
            err = MT_ERROR_USAGE;
        }
    }
    free(ids);
    return err;
}

mt_error group_expand_paths(char *const *args, size_t nargs, char ***paths, size_t *npaths,
                            mt_diags *diags)
{
    path_list l = { 0 };
    mt_error first = MT_OK;
    *paths = NULL;
    *npaths = 0;
    for (size_t i = 0; i < nargs && first != MT_ERROR_NOMEM; i++) {
        mt_error err = add_argument(&l, args[i], diags);
        if (err && !first)
            first = err;
    }
    if (!first)
        first = check_duplicates(&l, diags);
    if (first) {
        group_free_paths(l.v, l.n);
        return first;
    }
    *paths = l.v;
    *npaths = l.n;
    return MT_OK;
}

void group_free_paths(char **paths, size_t npaths)
{
    for (size_t i = 0; paths && i < npaths; i++)
        free(paths[i]);
    free(paths);
}
