/*
 * labels.c - the tool's own words, per language.
 *
 * One row per key: English first, then Hebrew. Keys are grouped by the
 * view that uses them (common., prompt., text., pdf., xlsx.). To add a
 * language, add a column and its code to label_langs.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/labels.h"

#include <string.h>

static const char *const label_langs[] = { "en", "he" };
#define NLANGS (sizeof label_langs / sizeof label_langs[0])

struct label {
    const char *key;
    const char *text[NLANGS];
};

static const struct label labels[] = {
    /* common: shared by every view */
    { "common.dont_know", { "don't know", "לא יודע/ת" } },
    { "common.unanswered", { "not answered", "לא נענה" } },
    { "common.insufficient", { "insufficient data", "אין די נתונים" } },
    { "common.hybrid", { "Hybrid", "היברידי" } },
    { "common.none", { "none", "אין" } },
    { "common.stage_none", { "No stage reached yet", "טרם הושג שלב" } },
    { "common.all_stages", { "Every stage reached", "כל השלבים הושגו" } },
    { "common.priority.high", { "High", "גבוהה" } },
    { "common.priority.medium", { "Medium", "בינונית" } },
    { "common.priority.low", { "Low", "נמוכה" } },
    { "common.horizon.quick_win", { "Quick win", "הישג מהיר" } },
    { "common.horizon.90_days", { "Next 90 days", "ב-90 הימים הקרובים" } },
    { "common.horizon.12_months", { "Next 12 months", "ב-12 החודשים הקרובים" } },
    { "common.score", { "Score", "ציון" } },
    { "common.coverage", { "Coverage", "כיסוי" } },
    { "common.band", { "Band", "רמה" } },
    { "common.stage", { "Stage", "שלב" } },
    { "common.next_stage", { "Next stage", "השלב הבא" } },
    { "common.dominant", { "Dominant archetype", "ארכיטיפ דומיננטי" } },
    { "common.short_form", { "This is the short form: treat the results as a first conversation, not a full assessment.",
                             "זהו השאלון המקוצר: יש לראות בתוצאות פתיחה לשיחה, לא הערכה מלאה." } },
    /* why a recommendation fired (recommender_why) */
    { "why.stage_reached", { "stage reached", "השלב שהושג" } },
    { "why.next_stage", { "next stage", "השלב הבא" } },
    { "why.dominant", { "dominant archetype", "ארכיטיפ דומיננטי" } },
    { "why.hybrid", { "hybrid profile", "פרופיל היברידי" } },
    /* text: the terminal views of `maturity score` and `maturity explain` */
    { "text.no_organisation", { "(organisation not given)", "(לא צוין ארגון)" } },
    { "text.questionnaire", { "Questionnaire", "שאלון" } },
    { "text.respondent", { "Respondent", "משיב/ה" } },
    { "text.role", { "Role", "תפקיד" } },
    { "text.date", { "Date", "תאריך" } },
    { "text.assessor", { "Assessor", "מעריך/ה" } },
    { "text.answered", { "Answered", "נענו" } },
    { "text.profile", { "Archetype profile", "פרופיל ארכיטיפים" } },
    { "text.runner_up", { "Runner-up", "במקום השני" } },
    { "text.margin", { "margin", "פער" } },
    { "text.unclassified", { "Not enough data to classify the archetypes.",
                             "אין די נתונים לסיווג הארכיטיפים." } },
    { "text.roadmap", { "Roadmap", "מפת דרכים" } },
    { "text.stage_reached", { "Stage reached", "השלב שהושג" } },
    { "text.missing", { "Missing for the next stage", "חסר לשלב הבא" } },
    { "text.scores", { "Scores", "ציונים" } },
    { "text.kind.archetype", { "Archetypes", "ארכיטיפים" } },
    { "text.kind.barrier", { "Barriers (higher is worse)", "חסמים (גבוה יותר = חמור יותר)" } },
    { "text.kind.capability", { "Capabilities", "יכולות" } },
    { "text.kind.index", { "Indexes", "מדדים" } },
    { "text.recommendations", { "Recommendations", "המלצות" } },
    { "text.no_recommendations", { "No recommendation fired for these answers.",
                                   "אף המלצה לא הופעלה עבור תשובות אלה." } },
    { "text.why", { "Why", "למה" } },
    { "text.source", { "Source", "מקור" } },
    { "text.explain.item", { "item", "פריט" } },
    { "text.explain.answer", { "answer", "תשובה" } },
    { "text.explain.weight", { "weight", "משקל" } },
    { "text.explain.reverse", { "reverse", "הפוך" } },
    { "text.explain.item_score", { "score", "ציון" } },
    { "text.explain.points", { "points", "נקודות" } },
    { "text.explain.text", { "text", "נוסח" } },
    { "text.explain.yes", { "yes", "כן" } },
    { "text.explain.no", { "no", "לא" } },
    { "text.explain.minimum", { "minimum", "מינימום" } },
    { "text.explain.sum_points", { "sum of points", "סכום הנקודות" } },
    { "text.explain.nothing", { "nothing answered", "לא נענה דבר" } },
};

static int lang_column(const char *lang)
{
    if (!lang)
        return 0;
    for (size_t i = 0; i < NLANGS; i++)
        if (strcmp(label_langs[i], lang) == 0)
            return (int)i;
    return -1;
}

const char *mt_label(const char *lang, const char *key)
{
    int col = lang_column(lang);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (strcmp(labels[i].key, key) != 0)
            continue;
        if (col > 0 && labels[i].text[col])
            return labels[i].text[col];
        return labels[i].text[0];
    }
    return key;
}

int mt_lang_is_rtl(const char *lang)
{
    static const char *const rtl[] = { "he", "ar", "fa", "ur", "yi" };
    if (!lang)
        return 0;
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
        if (strncmp(lang, rtl[i], 2) == 0 && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_'))
            return 1;
    return 0;
}
