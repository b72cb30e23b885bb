/*
 * gen-answers.c - deterministic synthetic answers files for `make bench`.
 *
 *   gen-answers QUESTIONNAIRE.ini COUNT DIR [SEED]
 *
 * Writes DIR/r00001.ini ... DIR/rCOUNT.ini, each one respondent's answers
 * to the questionnaire, the same bytes for the same seed on every machine.
 * The respondents are one organisation's staff: the organisation has a
 * level on each construct, each person sits around it with their own view,
 * and answers each item around their level with some noise, so scores,
 * agreement and hotspots spread the way a real workshop's do. Some people
 * know less than others (more "don't know"), a few items are skipped, a
 * few get a note. Everything about the items comes from the questionnaire.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/answers.h"
#include "maturity/questionnaire.h"
#include "maturity/util.h"

#define DEFAULT_SEED 20261201u

/* splitmix64: small, fast and the same everywhere, unlike rand(). */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Normal(0, sd), Box-Muller; one value per call keeps the stream simple. */
static double rng_normal(rng *r, double sd)
{
    double u = rng_unit(r), v = rng_unit(r);
    return sd * sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * M_PI * v);
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* One respondent: a level (0..1) on every construct, and how much they know. */
typedef struct person {
    double *level;      /* q->nconstructs */
    double general;     /* for items that load on no construct */
    double dont_know;   /* chance of "don't know" where offered */
} person;

static void person_draw(person *p, const double *org, size_t n, rng *r)
{
    for (size_t c = 0; c < n; c++)
        p->level[c] = clamp01(org[c] + rng_normal(r, 0.15));
    p->general = clamp01(0.5 + rng_normal(r, 0.2));
    p->dont_know = rng_unit(r) < 0.2 ? 0.15 + 0.2 * rng_unit(r) : 0.03 * rng_unit(r);
}

/* The person's level on what the item measures: the weighted mean over
 * the constructs it loads on, each turned for reverse keying, so that an
 * item shared by two constructs agrees with the other items of both. */
static double item_level(const person *p, const mt_item *it)
{
    if (it->nloads == 0)
        return p->general;
    double sum = 0, weights = 0;
    for (size_t k = 0; k < it->nloads; k++) {
        double l = p->level[it->loads[k].construct];
        sum += it->loads[k].weight * (it->loads[k].reverse ? 1.0 - l : l);
        weights += it->loads[k].weight;
    }
    return sum / weights;
}

/* The level on one construct, for option scores that name it. */
static double construct_level(const person *p, const mt_load *load)
{
    double l = p->level[load->construct];
    return load->reverse ? 1.0 - l : l;
}

static void answer_likert(const mt_questionnaire *q, const mt_item *it, const person *p,
                          mt_answer *a, rng *r)
{
    int points = q->scales[it->scale].points;
    double v = clamp01(item_level(p, it) + rng_normal(r, 0.12));
    a->state = MT_ANSWER_VALUE;
    a->value = 1 + lround(v * (points - 1));
}

/* An option's score on one construct (0 when the option does not name it). */
static double option_score(const mt_option *o, size_t construct)
{
    for (size_t s = 0; s < o->nscores; s++)
        if (o->scores[s].construct == construct)
            return o->scores[s].score;
    return 0;
}

/* The option whose scores on the item's constructs lie nearest the
 * person's levels on them; one answer in five is another option
 * altogether. */
static void answer_choice(const mt_item *it, const person *p, mt_answer *a, rng *r)
{
    size_t best = 0;
    if (rng_unit(r) < 0.2 || it->nloads == 0) {
        best = (size_t)(rng_unit(r) * (double)it->noptions);
    } else {
        double gap = 1e300;
        for (size_t o = 0; o < it->noptions; o++) {
            double d = 0;
            for (size_t k = 0; k < it->nloads; k++) {
                double want = 100.0 * construct_level(p, &it->loads[k]);
                d += fabs(option_score(&it->options[o], it->loads[k].construct) - want);
            }
            d += 20.0 * rng_unit(r);              /* near ties go either way */
            if (d < gap) {
                gap = d;
                best = o;
            }
        }
    }
    a->state = MT_ANSWER_VALUE;
    a->value = (long)best + 1;
}

static void answer_multi(const mt_item *it, const person *p, mt_answer *a, rng *r)
{
    double chance = 0.1 + 0.7 * item_level(p, it);
    a->state = MT_ANSWER_VALUE;
    a->mask = 0;
    for (size_t o = 0; o < it->noptions; o++)
        if (rng_unit(r) < chance)
            a->mask |= UINT64_C(1) << o;
}

/* A whole number across the part of the range the bands tell apart, so
 * that every band is reached; reverse-scored bands (high is bad) follow
 * from the questionnaire, not from here. */
static void answer_number(const mt_item *it, const person *p, mt_answer *a, rng *r)
{
    double top = it->nbands ? it->bands[it->nbands - 1].from * 1.3 : it->max;
    if (top > it->max)
        top = it->max;
    double lo = it->min;
    double v = lo + clamp01(item_level(p, it) + rng_normal(r, 0.15)) * (top - lo);
    a->state = MT_ANSWER_VALUE;
    a->number = floor(v + 0.5);
}

static const char *const texts[] = {
    "We send a monthly newsletter and post on two social networks.",
    "A customer club with about four thousand members; little use of its data so far.",
    "Most campaigns are planned with the agency once a year.",
    "We have started to record service calls in the CRM.",
};

static const char *const notes[] = {
    "Not sure this holds for every team.",
    "This changed last quarter.",
    "Depends on the product line.",
};

static void answer_text(mt_answer *a, rng *r)
{
    a->state = MT_ANSWER_VALUE;
    a->text = mt_strdup(texts[rng_next(r) % (sizeof texts / sizeof *texts)]);
}

static void answer_item(const mt_questionnaire *q, const mt_item *it, const person *p,
                        mt_answer *a, rng *r)
{
    if (!it->required && rng_unit(r) < 0.02)
        return;                                  /* skipped for good */
    if (it->dont_know && rng_unit(r) < p->dont_know) {
        a->state = MT_ANSWER_DONT_KNOW;
    } else {
        switch (it->type) {
        case MT_ITEM_LIKERT: answer_likert(q, it, p, a, r); break;
        case MT_ITEM_CHOICE: answer_choice(it, p, a, r); break;
        case MT_ITEM_MULTI:  answer_multi(it, p, a, r); break;
        case MT_ITEM_NUMBER: answer_number(it, p, a, r); break;
        case MT_ITEM_TEXT:
            if (rng_unit(r) < 0.4)
                answer_text(a, r);
            break;
        }
    }
    if (rng_unit(r) < 0.04)
        a->note = mt_strdup(notes[rng_next(r) % (sizeof notes / sizeof *notes)]);
}

static const char *const roles[] = {
    "Head of marketing", "Marketing manager", "Sales", "Customer service",
    "IT", "Management", "Digital marketing specialist",
};

static int write_respondent(const mt_questionnaire *q, const person *p, size_t i,
                            const char *dir, rng *r)
{
    mt_answers *a = NULL;
    if (answers_new(q, &a) != MT_OK)
        return -1;
    char name[32];
    snprintf(name, sizeof name, "Respondent %05zu", i);
    answers_set_meta(a, "organisation", "Synthetic Outdoor Ltd");
    answers_set_meta(a, "respondent", name);
    answers_set_meta(a, "role", roles[i % (sizeof roles / sizeof *roles)]);
    answers_set_meta(a, "date", "2026-11-01");
    answers_set_meta(a, "language", q->languages[0]);
    for (size_t k = 0; k < q->nitems; k++)
        answer_item(q, &q->items[k], p, &a->items[k], r);
    char *text = NULL, *path = mt_asprintf("%s/r%05zu.ini", dir, i);
    int rc = -1;
    FILE *f = NULL;
    /* plain writes: the product's atomic, synced save is not what is measured */
    if (path && answers_to_string(a, &text) == MT_OK && (f = fopen(path, "w")) != NULL) {
        rc = fputs(text, f) < 0 ? -1 : 0;
        if (fclose(f) != 0)
            rc = -1;
    }
    if (rc != 0)
        fprintf(stderr, "gen-answers: cannot write %s\n", path ? path : dir);
    free(text);
    free(path);
    answers_free(a);
    return rc;
}

static int generate(const mt_questionnaire *q, size_t count, const char *dir, uint64_t seed)
{
    rng r = { seed };
    double *org = calloc(q->nconstructs + 1, sizeof *org);
    person p = { .level = calloc(q->nconstructs + 1, sizeof *p.level) };
    int rc = org && p.level ? 0 : -1;
    for (size_t c = 0; rc == 0 && c < q->nconstructs; c++)
        org[c] = 0.25 + 0.5 * rng_unit(&r);       /* the organisation's own profile */
    for (size_t i = 1; rc == 0 && i <= count; i++) {
        person_draw(&p, org, q->nconstructs, &r);
        rc = write_respondent(q, &p, i, dir, &r);
    }
    free(org);
    free(p.level);
    return rc;
}

int main(int argc, char **argv)
{
    long count = 0, seed = DEFAULT_SEED;
    if (argc < 4 || argc > 5 || !mt_parse_int(argv[2], &count) || count < 1 ||
        (argc == 5 && !mt_parse_int(argv[4], &seed))) {
        fputs("usage: gen-answers QUESTIONNAIRE.ini COUNT DIR [SEED]\n", stderr);
        return 2;
    }
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    if (questionnaire_load_file(argv[1], &q, &d) != MT_OK) {
        mt_diags_print(&d, stderr);
        mt_diags_free(&d);
        return 1;
    }
    mt_diags_free(&d);
    int rc = generate(q, (size_t)count, argv[3], (uint64_t)seed);
    questionnaire_free(q);
    return rc == 0 ? 0 : 1;
}
