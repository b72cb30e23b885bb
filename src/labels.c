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
    /* xlsx: the workbook (report_xlsx.c). Labels used in number formats
     * (xlsx.yes, xlsx.no, xlsx.reverse) must not contain a double quote. */
    { "xlsx.sheet.summary", { "Summary", "סיכום" } },
    { "xlsx.sheet.answers", { "Answers", "תשובות" } },
    { "xlsx.sheet.scoring", { "Scoring", "חישוב הציונים" } },
    { "xlsx.sheet.recommendations", { "Recommendations", "המלצות" } },
    { "xlsx.sheet.about", { "About", "אודות" } },
    { "xlsx.sheet.model", { "Model", "מודל" } },
    { "xlsx.yes", { "yes", "כן" } },
    { "xlsx.no", { "no", "לא" } },
    { "xlsx.reverse", { "reverse", "הפוך" } },
    { "xlsx.unclassified", { "Not enough data to classify", "אין די נתונים לסיווג" } },
    { "xlsx.meta.organisation", { "Organisation", "ארגון" } },
    { "xlsx.meta.respondent", { "Respondent", "משיב/ה" } },
    { "xlsx.meta.role", { "Role", "תפקיד" } },
    { "xlsx.meta.assessor", { "Assessor", "מעריך/ה" } },
    { "xlsx.meta.date", { "Date", "תאריך" } },
    { "xlsx.meta.questionnaire", { "Questionnaire", "שאלון" } },
    { "xlsx.meta.prepared_by", { "Prepared by", "הוכן על ידי" } },
    { "xlsx.meta.contact", { "Contact", "פרטי קשר" } },
    { "xlsx.counts.answered", { "Answered", "נענו" } },
    { "xlsx.counts.unanswered", { "Not answered", "לא נענו" } },
    { "xlsx.chart.archetypes", { "Archetype profile", "פרופיל הארכיטיפים" } },
    { "xlsx.chart.barriers", { "Barriers (higher is worse)", "חסמים (גבוה יותר = חמור יותר)" } },
    { "xlsx.col.section", { "Section", "פרק" } },
    { "xlsx.col.item", { "Item", "פריט" } },
    { "xlsx.col.question", { "Question", "שאלה" } },
    { "xlsx.col.type", { "Type", "סוג" } },
    { "xlsx.col.answer", { "Answer (edit here)", "תשובה (לעריכה)" } },
    { "xlsx.col.label", { "Answer reads", "פירוש התשובה" } },
    { "xlsx.col.dont_know", { "Don't know", "לא יודע/ת" } },
    { "xlsx.col.allowed", { "Allowed values", "ערכים מותרים" } },
    { "xlsx.col.note", { "Note", "הערה" } },
    { "xlsx.col.weights", { "Weight on each construct (reverse: agreement lowers the score)",
                            "משקל בכל מדד (הפוך: הסכמה מורידה את הציון)" } },
    { "xlsx.col.construct_id", { "Construct id", "מזהה מדד" } },
    { "xlsx.col.construct", { "Construct", "מדד" } },
    { "xlsx.col.kind", { "Kind", "סוג" } },
    { "xlsx.col.sufficient", { "Enough data", "די נתונים" } },
    { "xlsx.col.band", { "Band id", "מזהה רמה" } },
    { "xlsx.col.score", { "Score", "ציון" } },
    { "xlsx.col.answered", { "Answered", "נענו" } },
    { "xlsx.col.items", { "Items", "פריטים" } },
    { "xlsx.col.key", { "Rank key", "מפתח דירוג" } },
    { "xlsx.col.key2", { "Rank key without leader", "מפתח דירוג ללא המוביל" } },
    { "xlsx.col.stage_id", { "Stage id", "מזהה שלב" } },
    { "xlsx.col.threshold", { "Threshold", "סף" } },
    { "xlsx.col.met", { "Met", "הושג בעצמו" } },
    { "xlsx.col.reached", { "Reached", "הושג" } },
    { "xlsx.col.number", { "#", "#" } },
    { "xlsx.type.likert", { "Scale", "סולם" } },
    { "xlsx.type.choice", { "One choice", "בחירה אחת" } },
    { "xlsx.type.multi", { "Several choices", "בחירה מרובה" } },
    { "xlsx.type.number", { "Number", "מספר" } },
    { "xlsx.type.text", { "Free text", "טקסט חופשי" } },
    { "xlsx.allowed.multi", { "several: 1,3", "כמה: 1,3" } },
    { "xlsx.allowed.text", { "any text", "כל טקסט" } },
    { "xlsx.kind.archetype", { "Archetype", "ארכיטיפ" } },
    { "xlsx.kind.barrier", { "Barrier", "חסם" } },
    { "xlsx.kind.capability", { "Capability", "יכולת" } },
    { "xlsx.kind.index", { "Index", "מדד" } },
    { "xlsx.answers.title", { "Answers", "תשובות" } },
    { "xlsx.answers.hint", { "Change an answer in the yellow column, then recalculate: every score, band and chart follows.",
                             "שנו תשובה בעמודה הצהובה וחשבו מחדש: כל הציונים, הרמות והתרשימים מתעדכנים." } },
    { "xlsx.scoring.title", { "Scoring", "חישוב הציונים" } },
    { "xlsx.scoring.hint", { "Live formulas over the Answers sheet; the item scores they add up are at the bottom.",
                             "נוסחאות חיות על גיליון התשובות; ציוני הפריטים שהן מסכמות מופיעים בתחתית." } },
    { "xlsx.class.dominant", { "Leader (row in the table)", "המוביל (שורה בטבלה)" } },
    { "xlsx.class.runner_up", { "Runner-up (row in the table)", "השני (שורה בטבלה)" } },
    { "xlsx.class.margin", { "Margin", "פער" } },
    { "xlsx.class.hybrid", { "Hybrid", "היברידי" } },
    { "xlsx.class.profile", { "Profile", "פרופיל" } },
    { "xlsx.stage.count", { "Stages reached", "שלבים שהושגו" } },
    { "xlsx.grid.title", { "Item scores (0 to 1, after reverse keying; empty = not counted)",
                           "ציוני פריטים (0 עד 1, אחרי היפוך; ריק = לא נספר)" } },
    { "xlsx.grid.indicator", { "Roadmap indicator", "מדד מפת הדרכים" } },
    { "xlsx.recs.title", { "Recommendations", "המלצות" } },
    { "xlsx.recs.hint", { "As of the answers when the workbook was written; they are not recalculated.",
                          "נכון לתשובות בעת הפקת החוברת; ההמלצות אינן מחושבות מחדש." } },
    { "xlsx.recs.priority", { "Priority", "עדיפות" } },
    { "xlsx.recs.horizon", { "Horizon", "טווח זמן" } },
    { "xlsx.recs.headline", { "Recommendation", "המלצה" } },
    { "xlsx.recs.text", { "What to do", "מה לעשות" } },
    { "xlsx.recs.why", { "Why", "למה" } },
    { "xlsx.recs.source", { "Source", "מקור" } },
    { "xlsx.recs.rule", { "Rule", "כלל" } },
    { "xlsx.recs.none", { "No recommendation applies to these answers.", "אין המלצה שחלה על תשובות אלה." } },
    { "xlsx.about.title", { "About this workbook", "אודות חוברת העבודה" } },
    { "xlsx.about.id", { "Questionnaire id", "מזהה השאלון" } },
    { "xlsx.about.version", { "Questionnaire version", "גרסת השאלון" } },
    { "xlsx.about.hash", { "Questionnaire hash", "טביעת השאלון" } },
    { "xlsx.about.answers_hash", { "Hash the answers were given to", "הטביעה שלפיה נענו התשובות" } },
    { "xlsx.about.language", { "Language", "שפה" } },
    { "xlsx.about.tool", { "Tool version", "גרסת הכלי" } },
    { "xlsx.about.generated", { "Written", "הופק" } },
    { "xlsx.about.method_title", { "How scores are computed", "איך מחושבים הציונים" } },
    { "xlsx.about.method", { "Each answered item gives a score from 0 to 1 on each construct it measures: "
                             "(point - 1) / (points - 1) on a scale; the option's score / 100 for one choice; "
                             "the chosen options' scores added up, at most 100, / 100 for several choices; "
                             "the band's score / 100 for a number. A reverse-keyed item counts 1 - s. "
                             "A construct's score is 100 x the sum of weight x s over the items answered, "
                             "divided by the sum of their weights; don't know and unanswered items are left out, "
                             "never counted as zero. Coverage is the answered share of the construct's weight; "
                             "below the minimum coverage the score is shown but gets no band. The leading "
                             "archetype is the highest with enough data; when the runner-up is within the "
                             "hybrid margin the profile is a hybrid. A roadmap stage is met when the mean of "
                             "its indicators reaches its threshold, and reached when every earlier stage is too.",
                             "כל פריט שנענה נותן ציון בין 0 ל-1 בכל מדד שהוא מודד: (הנקודה - 1) / (מספר הנקודות - 1) בסולם; "
                             "ציון האפשרות / 100 בבחירה אחת; סכום ציוני האפשרויות שנבחרו, עד 100, / 100 בבחירה מרובה; "
                             "ציון הטווח / 100 במספר. פריט הפוך נספר 1 - s. ציון המדד הוא 100 כפול סכום המשקל כפול s "
                             "על הפריטים שנענו, חלקי סכום משקליהם; \"לא יודע/ת\" ופריטים שלא נענו אינם נספרים, ולעולם "
                             "אינם נחשבים לאפס. הכיסוי הוא החלק שנענה ממשקל המדד; מתחת לכיסוי המזערי הציון מוצג "
                             "אך אינו מקבל רמה. הארכיטיפ המוביל הוא הגבוה ביותר שיש לו די נתונים; כשהשני קרוב ממנו "
                             "פחות ממרווח ההיברידיות, הפרופיל היברידי. שלב במפת הדרכים מושג בעצמו כשממוצע המדדים "
                             "שלו מגיע לסף, ומושג כשגם כל השלבים שלפניו הושגו." } },
    { "xlsx.about.editing_title", { "Working on the answers", "עבודה על התשובות" } },
    { "xlsx.about.editing", { "Change the yellow Answer column on the Answers sheet: a point of the scale or an "
                              "option number; for several choices the option numbers separated by commas "
                              "(e.g. 1,3) or none; a number within the range shown; dk for don't know; an empty "
                              "cell for not answered. A value outside the allowed values is not counted. Then "
                              "recalculate (LibreOffice: Data > Calculate > Recalculate Hard; Excel recalculates "
                              "by itself). Scores, bands, the profile, the stage and the charts follow. Weights "
                              "on the Answers sheet and option scores, number bands and band limits on the Model "
                              "sheet may be changed too.",
                              "שנו את עמודת התשובה הצהובה בגיליון התשובות: נקודה בסולם או מספר אפשרות; בבחירה "
                              "מרובה מספרי האפשרויות מופרדים בפסיקים (למשל 1,3) או none; מספר בטווח המוצג; dk "
                              "עבור \"לא יודע/ת\"; תא ריק עבור \"לא נענה\". ערך מחוץ לערכים המותרים אינו נספר. "
                              "אחר כך חשבו מחדש (LibreOffice: נתונים > חישוב > חישוב מחדש מלא; Excel מחשב מעצמו). "
                              "הציונים, הרמות, הפרופיל, השלב והתרשימים מתעדכנים. אפשר לשנות גם את המשקלים בגיליון "
                              "התשובות ואת ציוני האפשרויות, טווחי המספרים וגבולות הרמות בגיליון המודל." } },
    { "xlsx.about.sheets_title", { "Sheets", "גיליונות" } },
    { "xlsx.about.sheets", { "Summary: the results at a glance. Answers: every answer, editable. Scoring: the "
                             "live formulas. Recommendations: what to do, as of the answers given. Model: what "
                             "the formulas look up (option scores, number bands, band limits, scale labels).",
                             "סיכום: התוצאות במבט אחד. תשובות: כל התשובות, ניתנות לעריכה. חישוב הציונים: הנוסחאות "
                             "החיות. המלצות: מה לעשות, לפי התשובות שניתנו. מודל: מה שהנוסחאות מחפשות (ציוני "
                             "אפשרויות, טווחי מספרים, גבולות רמות, תוויות סולמות)." } },
    { "xlsx.model.title", { "Model: what the formulas look up", "מודל: מה שהנוסחאות מחפשות" } },
    { "xlsx.model.min_coverage", { "Minimum coverage (%)", "כיסוי מזערי (%)" } },
    { "xlsx.model.hybrid_margin", { "Hybrid margin (points)", "מרווח היברידיות (נקודות)" } },
    { "xlsx.model.words", { "Words the formulas show", "מילים שהנוסחאות מציגות" } },
    { "xlsx.model.scale", { "Scale", "סולם" } },
    { "xlsx.model.point", { "Point", "נקודה" } },
    { "xlsx.model.option", { "Option", "אפשרות" } },
    { "xlsx.model.from", { "From", "החל מ-" } },
    { "xlsx.model.unit", { "Unit", "יחידה" } },
    { "xlsx.model.bandset", { "Band set", "מערכת רמות" } },
    /* pdf: the PDF report ({1}, {2}, {3} are filled in by the report) */
    { "pdf.page_of", { "Page {1} of {2}", "עמוד {1} מתוך {2}" } },
    { "pdf.footer.tool", { "maturity {1}", "maturity {1}" } },
    { "pdf.section.summary", { "Summary", "תקציר" } },
    { "pdf.section.archetypes", { "Archetype profile", "פרופיל הארכיטיפים" } },
    { "pdf.section.barriers", { "Barriers", "חסמים" } },
    { "pdf.section.capabilities", { "Capabilities", "יכולות" } },
    { "pdf.section.roadmap", { "Roadmap stage", "שלב במפת הדרכים" } },
    { "pdf.section.recommendations", { "Recommendations", "המלצות" } },
    { "pdf.section.appendix", { "Appendix: answers and scores", "נספח: תשובות וציונים" } },
    { "pdf.cover.subtitle", { "Assessment report", "דוח הערכה" } },
    { "pdf.cover.no_organisation", { "Organisation not named", "שם הארגון לא צוין" } },
    { "pdf.cover.respondent", { "Respondent", "ממלא/ת השאלון" } },
    { "pdf.cover.respondent_role", { "{1}, {2}", "{1}, {2}" } },
    { "pdf.cover.assessor", { "Assessor", "מעריך/ה" } },
    { "pdf.cover.date", { "Date of assessment", "תאריך ההערכה" } },
    { "pdf.cover.no_date", { "not given", "לא צוין" } },
    { "pdf.cover.questionnaire", { "Questionnaire", "שאלון" } },
    { "pdf.cover.questionnaire_version", { "{1}, version {2}", "{1}, גרסה {2}" } },
    { "pdf.cover.prepared_by", { "Prepared by", "הוכן על ידי" } },
    { "pdf.cover.hash", { "Questionnaire {1} {2}, content hash {3}", "שאלון {1} {2}, חתימת תוכן {3}" } },
    { "pdf.cover.hash_differs", { "The answers were given to a different wording of the questionnaire (hash {1}).",
                                  "התשובות ניתנו לנוסח אחר של השאלון (חתימה {1})." } },
    { "pdf.cover.written", { "Report written {1} by maturity {2}", "הדוח הופק ב-{1} על ידי maturity {2}" } },
    { "pdf.score_band", { "{1} \xC2\xB7 {2}", "{1} \xC2\xB7 {2}" } },
    { "pdf.score_insufficient", { "{1} \xC2\xB7 {2} (coverage {3}%)", "{1} \xC2\xB7 {2} (כיסוי {3}%)" } },
    { "pdf.insufficient_legend", { "Scores marked \"insufficient data\" rest on too few answers to be relied on; they are drawn dashed or hollow.",
                                   "ציונים המסומנים \"אין די נתונים\" נשענים על מעט מדי תשובות; הם מוצגים בקו מקווקו או בעיגול ריק." } },
    { "pdf.summary.unclassified", { "Too few answers on the archetypes to name a dominant one.",
                                    "אין די תשובות על הארכיטיפים כדי לקבוע ארכיטיפ דומיננטי." } },
    { "pdf.summary.hybrid_of", { "Hybrid: {1} and {2}", "היברידי: {1} ו{2}" } },
    { "pdf.summary.hybrid_margin", { "The two leading archetypes are only {1} points apart.",
                                     "שני הארכיטיפים המובילים רחוקים זה מזה ב-{1} נקודות בלבד." } },
    { "pdf.summary.stage", { "Roadmap stage", "שלב במפת הדרכים" } },
    { "pdf.stage.reached_of", { "{1} (stage {2} of {3})", "{1} (שלב {2} מתוך {3})" } },
    { "pdf.summary.next_stage", { "Next stage: {1}", "השלב הבא: {1}" } },
    { "pdf.summary.barriers", { "Barriers to work on", "חסמים שדורשים טיפול" } },
    { "pdf.summary.no_barriers", { "No barrier is above its lowest band.", "אף חסם אינו מעל הרמה הנמוכה ביותר." } },
    { "pdf.summary.barriers_unknown", { "Not enough answers to judge: {1}.", "אין די תשובות כדי להעריך: {1}." } },
    { "pdf.summary.top_recs", { "Three most important recommendations", "שלוש ההמלצות החשובות ביותר" } },
    { "pdf.summary.counts", { "Based on {1} answered questions; {2} answered \"don't know\", {3} not answered.",
                              "מבוסס על {1} שאלות שנענו; ב-{2} נענה \"לא יודע/ת\", {3} לא נענו." } },
    { "pdf.archetypes.intro", { "How strongly each archetype shows in the answers (0 to 100).",
                                "עד כמה כל ארכיטיפ בא לידי ביטוי בתשובות (0 עד 100)." } },
    { "pdf.barriers.intro", { "How strongly each barrier holds the organisation back (0 to 100; higher is worse). The coloured zones are the bands.",
                              "עד כמה כל חסם מעכב את הארגון (0 עד 100; גבוה יותר - חמור יותר). האזורים הצבעוניים הם הרמות." } },
    { "pdf.barriers.in_practice", { "What the high barriers look like in practice", "איך החסמים הגבוהים נראים בפועל" } },
    { "pdf.barriers.none_high", { "No barrier is in its highest band.", "אף חסם אינו ברמה הגבוהה ביותר." } },
    { "pdf.capabilities.intro", { "Capabilities and indexes (0 to 100; higher is better). The coloured zones are the bands.",
                                  "יכולות ומדדים (0 עד 100; גבוה יותר - טוב יותר). האזורים הצבעוניים הם הרמות." } },
    { "pdf.stage.missing_for", { "What is missing for the next stage: {1}", "מה חסר לשלב הבא: {1}" } },
    { "pdf.stage.nothing_missing", { "Every indicator of this stage is met; the earlier stages hold it back.",
                                     "כל המדדים של שלב זה מתקיימים; השלבים הקודמים הם שמעכבים." } },
    { "pdf.recs.intro", { "Grouped by when to act; within each group the most important come first.",
                          "מקובצות לפי מועד הפעולה; בכל קבוצה החשובות ביותר קודם." } },
    { "pdf.recs.none", { "No recommendation applies to these answers.", "אין המלצה שחלה על התשובות האלה." } },
    { "pdf.recs.none_in_horizon", { "Nothing for this horizon.", "אין המלצות לטווח זה." } },
    { "pdf.recs.priority_source", { "Priority: {1} \xC2\xB7 Source: {2}", "עדיפות: {1} \xC2\xB7 מקור: {2}" } },
    { "pdf.recs.why", { "Why: {1}", "למה: {1}" } },
    { "pdf.appendix.scores", { "Scores and coverage", "ציונים וכיסוי" } },
    { "pdf.appendix.scores_intro", { "Coverage is the share of a score's questions that were answered; below {1}% a score is marked insufficient data.",
                                     "כיסוי הוא חלק השאלות של הציון שנענו; מתחת ל-{1}% הציון מסומן \"אין די נתונים\"." } },
    { "pdf.appendix.answers", { "Every question and the answer given", "כל השאלות והתשובות שניתנו" } },
    { "pdf.appendix.answer", { "Answer: {1}", "תשובה: {1}" } },
    { "pdf.appendix.note", { "Note: {1}", "הערה: {1}" } },
    { "pdf.answer.none_of_them", { "none of them", "אף אחת מהן" } },
    { "pdf.table.construct", { "Measure", "מדד" } },
    { "pdf.table.kind", { "Kind", "סוג" } },
    { "pdf.table.answered", { "Answered", "נענו" } },
    { "pdf.kind.archetype", { "Archetype", "ארכיטיפ" } },
    { "pdf.kind.barrier", { "Barrier", "חסם" } },
    { "pdf.kind.capability", { "Capability", "יכולת" } },
    { "pdf.kind.index", { "Index", "מדד" } },
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
    /* prompt: the interactive questionnaire (`maturity assess`) */
    { "prompt.position", { "Question %zu of %zu", "שאלה %zu מתוך %zu" } },
    { "prompt.required", { "(required)", "(חובה)" } },
    { "prompt.multi_how", { "Several answers: type their numbers separated by commas, e.g. 1,3 (none: none of them).",
                            "אפשר לבחור כמה תשובות: הקלידו את המספרים מופרדים בפסיקים, למשל 1,3 (none: אף אחת מהן)." } },
    { "prompt.multi_none", { "none of them", "אף אחת מהן" } },
    { "prompt.number_how", { "A number from %s to %s %s", "מספר בין %s ל-%s %s" } },
    { "prompt.text_how", { "Free text, on one line.", "טקסט חופשי, בשורה אחת." } },
    { "prompt.no_dont_know", { "No \"don't know\" on this question.", "בשאלה זו אין אפשרות \"לא יודע/ת\"." } },
    { "prompt.current", { "Current answer: %s (Enter keeps it)", "התשובה הנוכחית: %s (Enter משאיר אותה)" } },
    { "prompt.keys", { "s skip for now · b back · ? help · q save and quit",
                       "s דילוג בינתיים · b חזרה · ? עזרה · q שמירה ויציאה" } },
    { "prompt.keys_required", { "this question needs an answer · b back · ? help · q save and quit",
                                "שאלה זו דורשת תשובה · b חזרה · ? עזרה · q שמירה ויציאה" } },
    { "prompt.keys_help", { "Keys, then Enter: a value answers · 0 or - don't know · s skip for now · b back · ? help · q save and quit · Enter alone keeps the current answer.",
                            "מקשים, ואחריהם Enter: ערך הוא תשובה · 0 או - לא יודע/ת · s דילוג בינתיים · b חזרה · ? עזרה · q שמירה ויציאה · Enter לבדו משאיר את התשובה הנוכחית." } },
    { "prompt.no_help", { "There is no help text for this question.", "אין טקסט עזרה לשאלה זו." } },
    { "prompt.hint_scale", { "Type a number from 1 to %d (? for help).", "הקלידו מספר בין 1 ל-%d (? לעזרה)." } },
    { "prompt.hint_choice", { "Type an option number from 1 to %d (? for help).",
                              "הקלידו מספר אפשרות בין 1 ל-%d (? לעזרה)." } },
    { "prompt.hint_multi", { "Type option numbers from 1 to %d separated by commas, e.g. 1,3, or none.",
                             "הקלידו מספרי אפשרויות בין 1 ל-%d מופרדים בפסיקים, למשל 1,3, או none." } },
    { "prompt.hint_number", { "Type a number from %s to %s, digits and a decimal point only.",
                              "הקלידו מספר בין %s ל-%s, ספרות ונקודה עשרונית בלבד." } },
    { "prompt.hint_text", { "Type your answer on one line.", "הקלידו את התשובה בשורה אחת." } },
    { "prompt.hint_no_dont_know", { "This question has no \"don't know\": choose an answer, or s to skip it for now.",
                                    "בשאלה זו אין \"לא יודע/ת\": בחרו תשובה, או s לדילוג בינתיים." } },
    { "prompt.hint_utf8", { "That text is not valid UTF-8; please type it again.",
                            "הטקסט אינו UTF-8 תקין; נא להקליד שוב." } },
    { "prompt.hint_required", { "This question is required: please answer it (q saves and quits).",
                                "זוהי שאלת חובה: נא לענות עליה (q שומר ויוצא)." } },
    { "prompt.hint_empty", { "Type an answer, or s to skip it for now (? for help).",
                             "הקלידו תשובה, או s לדילוג בינתיים (? לעזרה)." } },
    { "prompt.hint_first", { "This is the first question; there is none before it.",
                             "זוהי השאלה הראשונה; אין שאלה לפניה." } },
    { "prompt.skipped", { "Skipped for now.", "השאלה דולגה בינתיים." } },
    { "prompt.again", { "%zu question(s) still unanswered; here they are once more (s leaves one unanswered).",
                        "נותרו %zu שאלות ללא תשובה; הנה הן שוב (s משאיר שאלה ללא תשובה)." } },
    { "prompt.save_failed", { "Could not save the answers to %s: %s", "לא ניתן לשמור את התשובות ב-%s: %s" } },
    { "prompt.length_minutes", { "%zu questions, about %d minutes.", "%zu שאלות, כ-%d דקות." } },
    { "prompt.length", { "%zu questions.", "%zu שאלות." } },
    { "prompt.how", { "Type your answer and press Enter. Every answer is saved as soon as it is given.",
                      "הקלידו תשובה והקישו Enter. כל תשובה נשמרת מיד כשהיא ניתנת." } },
    { "prompt.meta_organisation", { "Organisation", "ארגון" } },
    { "prompt.meta_respondent", { "Your name", "שמך" } },
    { "prompt.meta_role", { "Your role", "תפקידך" } },
    { "prompt.meta_file", { "Save the answers in", "שמירת התשובות בקובץ" } },
    { "prompt.exists", { "%s already exists: r resume it, o overwrite it, c cancel",
                         "%s כבר קיים: r להמשיך אותו, o לכתוב עליו מחדש, c לבטל" } },
    { "prompt.nothing_saved", { "Stopped before anything was saved; no file was changed.",
                                "הופסק לפני שנשמר דבר; אף קובץ לא שונה." } },
    { "prompt.saving_to", { "Answers are saved in %s as you go.", "התשובות נשמרות ב-%s תוך כדי." } },
    { "prompt.resuming", { "Resuming %s: %zu of %zu questions answered.",
                           "ממשיכים את %s: נענו %zu מתוך %zu שאלות." } },
    { "prompt.stopped", { "Stopped: %zu of %zu questions answered, saved in %s.",
                          "הופסק: נענו %zu מתוך %zu שאלות, שמורות ב-%s." } },
    { "prompt.interrupted", { "Interrupted: %zu of %zu questions answered, saved in %s.",
                              "נקטע: נענו %zu מתוך %zu שאלות, שמורות ב-%s." } },
    { "prompt.eof", { "Input ended before the questionnaire did: %zu of %zu questions answered, saved in %s.",
                      "הקלט הסתיים לפני סוף השאלון: נענו %zu מתוך %zu שאלות, שמורות ב-%s." } },
    { "prompt.resume_with", { "To continue where you left off:", "כדי להמשיך מאותה נקודה:" } },
    { "prompt.summary", { "Summary", "סיכום" } },
    { "prompt.summary_hybrid", { "%s: %s and %s", "%s: %s ו-%s" } },
    { "prompt.summary_barriers", { "Top barriers", "החסמים המובילים" } },
    { "prompt.summary_counts", { "Answered: %zu of %zu · don't know: %zu · unanswered: %zu",
                                 "נענו: %zu מתוך %zu · לא יודע/ת: %zu · ללא תשובה: %zu" } },
    { "prompt.summary_recs", { "Recommendations: %zu, the most important first:", "המלצות: %zu, החשובות ראשונות:" } },
    { "prompt.reports_with", { "Write the PDF report and the workbook with:", "להפקת דוח ה-PDF וחוברת העבודה:" } },
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
