/*
 * questionnaire.h - the in-memory assessment model and its loader.
 *
 * A questionnaire file is the single source of truth for items, scales,
 * constructs, bands, roadmap stages and recommendation rules; every other
 * module reads this model and nothing about the marketing model lives in C.
 * The file format is documented in docs/questionnaire-format.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_QUESTIONNAIRE_H
#define MATURITY_QUESTIONNAIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "maturity/error.h"

#define MT_MAX_LANGS 8
#define MT_MAX_OPTIONS 64   /* a multi answer is a 64-bit mask */

/** A human text in every declared language; v[i] is for q->languages[i]. */
typedef struct mt_text {
    char *v[MT_MAX_LANGS];
} mt_text;

typedef enum mt_item_type {
    MT_ITEM_LIKERT,   /**< a point on a scale */
    MT_ITEM_CHOICE,   /**< one option, each option scored per construct */
    MT_ITEM_MULTI,    /**< several options, their scores summed (capped at 100) */
    MT_ITEM_NUMBER,   /**< a number in a range, scored by bands */
    MT_ITEM_TEXT      /**< free text, never scored */
} mt_item_type;

typedef enum mt_construct_kind {
    MT_KIND_ARCHETYPE,
    MT_KIND_BARRIER,     /**< severity: higher is worse */
    MT_KIND_CAPABILITY,
    MT_KIND_INDEX
} mt_construct_kind;

typedef struct mt_scale {
    char *id;
    int line;
    int points;          /**< values 1..points */
    bool dont_know;      /**< whether "don't know" is offered */
    mt_text *labels;     /**< points entries */
} mt_scale;

typedef struct mt_section {
    char *id;
    int line;
    mt_text title;
    mt_text intro;
} mt_section;

/** How an item loads on a construct. */
typedef struct mt_load {
    size_t construct;    /**< index into q->constructs */
    double weight;       /**< > 0 */
    bool reverse;        /**< agreement lowers the construct */
} mt_load;

/** An option's score (0..100) on one construct. */
typedef struct mt_option_score {
    size_t construct;
    double score;
} mt_option_score;

typedef struct mt_option {
    mt_text label;
    mt_option_score *scores;
    size_t nscores;
} mt_option;

/** Number items: a value >= from scores `score` (0..100), highest from wins. */
typedef struct mt_number_band {
    double from;
    double score;
} mt_number_band;

typedef struct mt_item {
    char *id;
    int line;
    mt_item_type type;
    size_t section;       /**< index into q->sections */
    size_t scale;         /**< likert only: index into q->scales */
    bool required;
    bool dont_know;       /**< "don't know" allowed (likert: from its scale) */
    mt_text text;
    mt_text help;         /**< may be empty */
    mt_option *options;   /**< choice and multi */
    size_t noptions;
    double min, max;      /**< number only */
    mt_number_band *bands; /**< number only, ascending by from */
    size_t nbands;
    mt_text unit;         /**< number only, may be empty */
    mt_load *loads;
    size_t nloads;
} mt_item;

/** A band of a band set: scores >= min (and below the next band's min). */
typedef struct mt_band {
    char *id;             /**< e.g. "low", "moderate", "high" */
    double min;
    mt_text label;
} mt_band;

typedef struct mt_bandset {
    char *id;
    int line;
    mt_band *bands;       /**< ascending by min; the first has min 0 */
    size_t nbands;
} mt_bandset;

typedef struct mt_construct {
    char *id;
    int line;
    mt_construct_kind kind;
    mt_text name;
    mt_text description;  /**< one line: what it measures */
    mt_text detail;       /**< a paragraph: what it means, how it looks in practice */
    size_t bandset;       /**< index into q->bandsets */
} mt_construct;

typedef struct mt_stage {
    char *id;
    int line;
    mt_text name;
    mt_text description;
    size_t *items;        /**< indicator items, indexes into q->items */
    size_t nitems;
    double threshold;     /**< 0..100: mean indicator score needed */
} mt_stage;

typedef struct mt_source {
    char *id;
    int line;
    mt_text title;
    mt_text note;         /**< what in it the rules rest on; may be empty */
} mt_source;

typedef enum mt_priority { MT_PRIORITY_HIGH, MT_PRIORITY_MEDIUM, MT_PRIORITY_LOW } mt_priority;
typedef enum mt_horizon { MT_HORIZON_QUICK_WIN, MT_HORIZON_90_DAYS, MT_HORIZON_12_MONTHS } mt_horizon;

typedef enum mt_clause_kind {
    MT_CLAUSE_SCORE,      /**< construct OP number */
    MT_CLAUSE_BAND,       /**< construct is band[|band...] */
    MT_CLAUSE_STAGE,      /**< stage OP stage-id|none (stage reached) */
    MT_CLAUSE_NEXT_STAGE, /**< next_stage is stage-id|none */
    MT_CLAUSE_DOMINANT,   /**< dominant is archetype-id (also when one of a hybrid's two) */
    MT_CLAUSE_HYBRID      /**< dominant is hybrid */
} mt_clause_kind;

typedef enum mt_op { MT_OP_LT, MT_OP_LE, MT_OP_GT, MT_OP_GE, MT_OP_EQ, MT_OP_NE } mt_op;

/** Stage values in clauses: -1 is "none" (no stage reached / nothing next). */
typedef struct mt_clause {
    mt_clause_kind kind;
    size_t construct;     /**< SCORE, BAND, DOMINANT */
    mt_op op;             /**< SCORE, STAGE */
    double value;         /**< SCORE */
    uint32_t band_mask;   /**< BAND: bit i = band i of the construct's band set */
    int stage;            /**< STAGE, NEXT_STAGE: index into q->stages or -1 */
} mt_clause;

typedef struct mt_rule {
    char *id;
    int line;
    mt_clause *clauses;   /**< all must hold */
    size_t nclauses;
    mt_priority priority;
    mt_horizon horizon;
    mt_text title;        /**< short headline */
    mt_text text;         /**< what to do */
    size_t source;        /**< index into q->sources */
} mt_rule;

typedef struct mt_questionnaire {
    char *path;           /**< as given */
    char hash[17];        /**< FNV-1a 64 of the file bytes, hex */
    char *id;
    char *version;
    char *languages[MT_MAX_LANGS];
    size_t nlangs;        /**< the first language is the default */
    mt_text title;
    mt_text description;
    double hybrid_margin; /**< points (0..100) under which the top two are a hybrid */
    double min_coverage;  /**< 0..100: below it a score is "insufficient data" */
    int minutes;          /**< estimated time to answer; 0 when not given */
    bool short_form;      /**< a quick form; reports say so */

    mt_scale *scales;          size_t nscales;
    mt_section *sections;      size_t nsections;
    mt_item *items;            size_t nitems;
    mt_bandset *bandsets;      size_t nbandsets;
    mt_construct *constructs;  size_t nconstructs;
    mt_stage *stages;          size_t nstages;   /* in order: cumulative */
    mt_source *sources;        size_t nsources;
    mt_rule *rules;            size_t nrules;
} mt_questionnaire;

/**
 * Loads and validates a questionnaire. Every problem found is added to
 * diags (errors and warnings). On MT_OK *out is a complete model, which the
 * caller frees with questionnaire_free(); on error *out is NULL.
 */
mt_error questionnaire_load_file(const char *path, mt_questionnaire **out, mt_diags *diags);
/** The same from memory; name is used in messages and as q->path. */
mt_error questionnaire_load_string(const char *name, const char *text, size_t size,
                                   mt_questionnaire **out, mt_diags *diags);
/**
 * true when the file at path is an answers file ([meta] naming a
 * questionnaire, [answers], no [questionnaire] and no [item]): loading it
 * as a questionnaire gives the one error "this is an answers file, not a
 * questionnaire", and a command can say what to do with it instead.
 */
bool questionnaire_file_is_answers(const char *path);
void questionnaire_free(mt_questionnaire *q);

/** Index of language code in q, or -1. */
int questionnaire_lang_index(const mt_questionnaire *q, const char *code);
/** Text in language lang (an index), falling back to the default language, then "". Never NULL. */
const char *mt_text_get(const mt_text *t, int lang);
/** true when the text has no value in any language. */
bool mt_text_empty(const mt_text *t);

/** Lookups by id: index, or -1 when absent. */
long questionnaire_find_item(const mt_questionnaire *q, const char *id);
long questionnaire_find_construct(const mt_questionnaire *q, const char *id);
long questionnaire_find_stage(const mt_questionnaire *q, const char *id);

/** Band index of score in construct c's band set. */
size_t questionnaire_band_of(const mt_questionnaire *q, size_t construct, double score);
const mt_band *questionnaire_band(const mt_questionnaire *q, size_t construct, size_t band);

/** Stable names used in files and JSON ("likert", "archetype", "quick_win", ...). */
const char *mt_item_type_name(mt_item_type t);
const char *mt_kind_name(mt_construct_kind k);
const char *mt_priority_name(mt_priority p);
const char *mt_horizon_name(mt_horizon h);

/** Whether an item of this type can be answered "don't know" is item->dont_know. */
/** Points of the item's answer space: likert points, option count, else 0. */
int questionnaire_item_points(const mt_questionnaire *q, const mt_item *item);

#endif
