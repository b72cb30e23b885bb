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
