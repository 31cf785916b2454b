/* nawat-vocabulary.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-vocabulary.h"

#include <glib/gi18n-lib.h>

/* Each word once, in English, marked for gettext: the user interface's
 * language reads it through gettext, and build-aux/vocabulary-table.py
 * reads this table and po/th.po to generate the Thai one (vocabulary_th,
 * NULL for the symbols, which are not translated).  Keep one entry per
 * line or string, in this form, for that script.
 */
typedef struct
{
  const char *context;
  const char *msgid;
} Entry;

static const Entry entries[NAWAT_N_WORDS] = {
  [NAWAT_WORD_FUND] = { "recommendation", NC_("recommendation", "Fund") },
  [NAWAT_WORD_FUND_WITH_CONDITIONS] = { "recommendation",
                                        NC_("recommendation", "Fund with conditions") },
  [NAWAT_WORD_REJECT] = { "recommendation", NC_("recommendation", "Reject") },
  [NAWAT_WORD_NO_RECOMMENDATION] = { NULL, N_("No recommendation yet") },
  [NAWAT_WORD_RECOMMENDATION] = { NULL, N_("Recommendation") },
  [NAWAT_WORD_RECOMMENDATIONS] = { NULL, N_("Recommendations") },
  /* TRANSLATORS: an evaluator's confidence in their evaluation, their
   * expertise in the proposal
   */
  [NAWAT_WORD_CONFIDENCE_LOW] = { "confidence", NC_("confidence", "Low") },
  [NAWAT_WORD_CONFIDENCE_MEDIUM] = { "confidence", NC_("confidence", "Medium") },
  [NAWAT_WORD_CONFIDENCE_HIGH] = { "confidence", NC_("confidence", "High") },
  [NAWAT_WORD_CONFIDENCE_NONE] = { "confidence", NC_("confidence", "Not given") },
  [NAWAT_WORD_CONFIDENCE] = { "report", NC_("report", "Confidence") },
  [NAWAT_WORD_CONFLICT_NOT_SAID] = { "conflict type", NC_("conflict type", "Not said") },
  [NAWAT_WORD_CONFLICT_SAME_ORGANISATION] = { "conflict type",
                                              NC_("conflict type", "Same organisation") },
  [NAWAT_WORD_CONFLICT_PARTNER_ORGANISATION] = { "conflict type",
                                                 NC_("conflict type", "Partner organisation") },
  [NAWAT_WORD_CONFLICT_COLLABORATOR] = { "conflict type", NC_("conflict type", "Collaborator") },
  [NAWAT_WORD_CONFLICT_PERSONAL] = { "conflict type", NC_("conflict type", "Personal") },
  [NAWAT_WORD_CONFLICT_FINANCIAL] = { "conflict type", NC_("conflict type", "Financial") },
  [NAWAT_WORD_CONFLICT_OTHER] = { "conflict type", NC_("conflict type", "Other") },
  [NAWAT_WORD_CONFIDENCE_WEIGHTED] = { NULL, N_("Each evaluation's composite score is weighted "
                                                "by its evaluator's confidence (low 1, medium 2, "
                                                "high 3); an evaluation without one weighs 2.") },
  [NAWAT_WORD_SUBMITTED] = { NULL, N_("Submitted") },
  [NAWAT_WORD_DRAFT] = { NULL, N_("Draft") },
  [NAWAT_WORD_DRAFTS] = { NULL, N_("Drafts") },
  [NAWAT_WORD_NOT_STARTED] = { NULL, N_("Not started") },
  [NAWAT_WORD_CONFLICT] = { NULL, N_("Conflict of interest declared") },
  [NAWAT_WORD_CONFLICT_OF_INTEREST] = { NULL, N_("Conflict of interest") },
  [NAWAT_WORD_CONFLICTS] = { NULL, N_("Conflicts") },
  /* TRANSLATORS: the spread and the threshold, in composite points */
  [NAWAT_WORD_SPREAD_REASON] = { NULL, N_("Composite scores span %s points (threshold %s)") },
  [NAWAT_WORD_FUND_AND_REJECT] = { NULL,
                                   N_("One evaluator recommends funding and another rejection") },
  /* TRANSLATORS: a month's name in a date, "5 March 2026" */
  [NAWAT_WORD_JANUARY] = { "month", NC_("month", "January") },
  [NAWAT_WORD_FEBRUARY] = { "month", NC_("month", "February") },
  [NAWAT_WORD_MARCH] = { "month", NC_("month", "March") },
  [NAWAT_WORD_APRIL] = { "month", NC_("month", "April") },
  [NAWAT_WORD_MAY] = { "month", NC_("month", "May") },
  [NAWAT_WORD_JUNE] = { "month", NC_("month", "June") },
  [NAWAT_WORD_JULY] = { "month", NC_("month", "July") },
  [NAWAT_WORD_AUGUST] = { "month", NC_("month", "August") },
  [NAWAT_WORD_SEPTEMBER] = { "month", NC_("month", "September") },
  [NAWAT_WORD_OCTOBER] = { "month", NC_("month", "October") },
  [NAWAT_WORD_NOVEMBER] = { "month", NC_("month", "November") },
  [NAWAT_WORD_DECEMBER] = { "month", NC_("month", "December") },
  [NAWAT_WORD_CONTENTS] = { NULL, N_("Contents") },
  /* The report's own wording where the user interface words it otherwise */
  [NAWAT_WORD_SUMMARY] = { "report", NC_("report", "Summary") },
  [NAWAT_WORD_RANKING] = { NULL, N_("Ranking") },
  [NAWAT_WORD_DISAGREEMENTS] = { NULL, N_("Disagreements between evaluators") },
  [NAWAT_WORD_AGREEMENT] = { NULL, N_("Agreement between evaluators") },
  [NAWAT_WORD_COVERAGE] = { NULL, N_("Coverage") },
  [NAWAT_WORD_PROGRESS] = { NULL, N_("Progress per evaluator") },
  [NAWAT_WORD_PROJECTS] = { NULL, N_("Projects") },
  [NAWAT_WORD_PROJECT] = { "report", NC_("report", "Project") },
  [NAWAT_WORD_CODE] = { NULL, N_("Code") },
  [NAWAT_WORD_TITLE] = { NULL, N_("Title") },
  [NAWAT_WORD_ORGANISATION] = { "report", NC_("report", "Organisation") },
  [NAWAT_WORD_PROVINCE] = { NULL, N_("Province") },
  [NAWAT_WORD_REACH] = { NULL, N_("Reach") },
  [NAWAT_WORD_DOMAINS] = { "report", NC_("report", "Domains") },
  [NAWAT_WORD_PARTNERS] = { NULL, N_("Partners") },
  [NAWAT_WORD_BUDGET] = { NULL, N_("Budget") },
  [NAWAT_WORD_DURATION] = { NULL, N_("Duration") },
  [NAWAT_WORD_SUBMITTED_ON] = { NULL, N_("Submitted on") },
  [NAWAT_WORD_ASSIGNED_COUNT] = { NULL, N_("Assigned") },
  [NAWAT_WORD_PROPOSAL_SUMMARY] = { NULL, N_("Summary of the proposal") },
  [NAWAT_WORD_CHARTS] = { NULL, N_("Profiles") },
  [NAWAT_WORD_DOMAIN_PROFILE] = { NULL, N_("Impact across the nine domains") },
  [NAWAT_WORD_HELIX_PROFILE] = { NULL, N_("Quintuple Helix engagement") },
  [NAWAT_WORD_SCORES] = { NULL, N_("Scores and comments") },
  [NAWAT_WORD_CRITERION] = { NULL, N_("Criterion") },
  [NAWAT_WORD_OVERALL] = { NULL, N_("Overall comments and recommendations") },
  [NAWAT_WORD_STATISTICS] = { NULL, N_("Statistics") },
  [NAWAT_WORD_EVALUATIONS] = { NULL, N_("Evaluations") },
  [NAWAT_WORD_EVALUATORS] = { NULL, N_("Evaluators") },
  [NAWAT_WORD_COMPOSITE] = { NULL, N_("Composite") },
  [NAWAT_WORD_COMPOSITE_SCORE] = { NULL, N_("Composite score") },
  [NAWAT_WORD_COMPLETENESS] = { NULL, N_("Completeness") },
  [NAWAT_WORD_MEAN] = { NULL, N_("Mean") },
  [NAWAT_WORD_MEDIAN] = { NULL, N_("Median") },
  [NAWAT_WORD_SD] = { NULL, N_("SD") },
  /* TRANSLATORS: the heading of a narrow table column: the abbreviation
   * that tables use for the standard deviation
   */
  [NAWAT_WORD_SD_SHORT] = { "narrow column", NC_("narrow column", "SD") },
  [NAWAT_WORD_SPREAD] = { NULL, N_("Spread") },
  [NAWAT_WORD_MIN_MAX] = { NULL, N_("Range") },
  [NAWAT_WORD_RANK] = { NULL, N_("Rank") },
  [NAWAT_WORD_RANK_MEAN] = { NULL, N_("Rank (mean)") },
  [NAWAT_WORD_RANK_Z] = { NULL, N_("Rank (normalised)") },
  [NAWAT_WORD_Z_MEAN] = { NULL, N_("Normalised (z)") },
  [NAWAT_WORD_FLAG] = { NULL, N_("Disagreement") },
  [NAWAT_WORD_REASONS] = { NULL, N_("Reasons") },
  [NAWAT_WORD_NOT_SCORED] = { NULL, N_("Not scored") },
  [NAWAT_WORD_NO_COMMENT] = { NULL, N_("No comment") },
  [NAWAT_WORD_COMMENT] = { "report", NC_("report", "Comment") },
  [NAWAT_WORD_NO_EVALUATIONS] = { NULL, N_("No evaluation yet.") },
  [NAWAT_WORD_NONE] = { NULL, N_("None") },
  [NAWAT_WORD_NORMALISED] = { NULL, N_("Normalised") },
  [NAWAT_WORD_NOT_NORMALISED] = { NULL, N_("Not normalised (too few projects or no spread)") },
  [NAWAT_WORD_YES] = { NULL, N_("Yes") },
  [NAWAT_WORD_NO] = { NULL, N_("No") },
  [NAWAT_WORD_OVERALL_PROGRESS] = { NULL, N_("Evaluations submitted") },
  [NAWAT_WORD_DISAGREEMENT_NONE] = { NULL, N_("No project is flagged.") },
  [NAWAT_WORD_HEAT_MAP] = { NULL, N_("Projects by domain and region") },
  [NAWAT_WORD_HELIX_COVERAGE] = { NULL, N_("Partners per helix sector and mean engagement") },
  [NAWAT_WORD_DISTRIBUTION] = { NULL, N_("Distribution of mean composite scores") },
  [NAWAT_WORD_PORTFOLIO_REPORT] = { NULL, N_("Portfolio report") },
  [NAWAT_WORD_PROJECT_REPORT] = { NULL, N_("Project report") },
  [NAWAT_WORD_EVALUATOR_VIEW] = { NULL, N_("Evaluator's own report") },
  [NAWAT_WORD_YEAR] = { NULL, N_("Year") },
  [NAWAT_WORD_RUBRIC] = { NULL, N_("Rubric") },
  [NAWAT_WORD_DEADLINE] = { NULL, N_("Deadline") },
  [NAWAT_WORD_AGREEMENT_NOTE] = { NULL, N_("Krippendorff's alpha and ICC(1,1) over submitted "
                                            "evaluations; — where undefined.") },
  [NAWAT_WORD_RANKING_NOTE] = { NULL, N_("Composite scores 0–100; = marks a shared rank.") },
  [NAWAT_WORD_MONTH] = { NULL, N_("month") },
  [NAWAT_WORD_MONTHS] = { NULL, N_("months") },
  /* TRANSLATORS: the heading of the page numbers in a report's contents */
  [NAWAT_WORD_PAGE] = { NULL, N_("Page") },
  /* TRANSLATORS: a report's page footer: the page and the number of pages */
  [NAWAT_WORD_PAGE_OF] = { NULL, N_("Page %u of %u") },
  /* TRANSLATORS: marks a project flagged in a report's table of disagreements */
  [NAWAT_WORD_DISAGREEMENT_MARK] = { NULL, N_("[disagreement]") },
  /* TRANSLATORS: the projects needed, then those there are so far */
  [NAWAT_WORD_AGREEMENT_SHORTFALL] = { NULL, N_("Not enough data yet: agreement needs %u projects "
                                                "with two or more evaluations (so far: %u).") },
  /* TRANSLATORS: a project's evaluations submitted of those expected, "1 of 2" */
  [NAWAT_WORD_EVALUATIONS_OF] = { NULL, N_("%u of %u") },
  /* TRANSLATORS: marks a project ranked before all its evaluations are in */
  [NAWAT_WORD_PARTIAL_MARK] = { NULL, N_("[partial]") },
  [NAWAT_WORD_PARTIAL_NOTE] = { NULL, N_("[partial]: not all the evaluations expected are in; "
                                         "the rank may change.") },
  [NAWAT_WORD_ERROR_PAGE] = { NULL, N_("This page could not be drawn:") },
  [NAWAT_WORD_NO_DATA] = { NULL, N_("No data") },
  /* TRANSLATORS: the subject of a reminder e-mail to an evaluator; the call's title */
  [NAWAT_WORD_REMIND_SUBJECT] = { NULL, N_("Evaluations still to submit: %s") },
  /* TRANSLATORS: the first line of a reminder e-mail; the evaluator's name */
  [NAWAT_WORD_REMIND_GREETING] = { NULL, N_("Dear %s,") },
  /* TRANSLATORS: a reminder e-mail, before the list of proposals; the call's title */
  [NAWAT_WORD_REMIND_INTRO] = { NULL, N_("These proposals of “%s” are still waiting for your "
                                         "evaluation:") },
  /* TRANSLATORS: a reminder e-mail to an evaluator who has nothing left; the call's title */
  [NAWAT_WORD_REMIND_NOTHING] = { NULL, N_("All your evaluations of “%s” are submitted.") },
  /* TRANSLATORS: a reminder e-mail: the day (e.g. "15 January 2027") and the time (e.g. "17:00") */
  [NAWAT_WORD_REMIND_DEADLINE] = { NULL, N_("Please submit them in Nawat by %s at %s, "
                                            "Thailand time.") },
  [NAWAT_WORD_REMIND_NO_DEADLINE] = { NULL, N_("Please submit them in Nawat as soon as you can.") },
  [NAWAT_WORD_REMIND_THANKS] = { NULL, N_("Thank you.") },
  [NAWAT_WORD_ENGAGEMENT_LEVEL] = { NULL, N_("Engagement level") },
  [NAWAT_WORD_REACH_TOTALS] = { NULL, N_("Projects and budget by reach") },
  /* TRANSLATORS: a project's reach, or a call's yearly theme, left empty */
  [NAWAT_WORD_NOT_STATED] = { NULL, N_("Not stated") },
  /* TRANSLATORS: the last row of a table, summing the rows above */
  [NAWAT_WORD_TOTAL] = { NULL, N_("Total") },
  /* TRANSLATORS: the goal NIA's phase 2 sets for the year of a call */
  [NAWAT_WORD_THEME] = { NULL, N_("Yearly theme") },
  /* TRANSLATORS: the heading of a project's files (its full proposal) in a report */
  [NAWAT_WORD_DOCUMENTS] = { NULL, N_("Documents") },
  /* TRANSLATORS: the heading of the column of the files' names in a report */
  [NAWAT_WORD_FILE] = { "report", NC_("report", "File") },
  /* TRANSLATORS: the heading of the column of a document's number of pages */
  [NAWAT_WORD_PAGES] = { NULL, N_("Pages") },
  /* TRANSLATORS: the heading of the column of a file's size */
  [NAWAT_WORD_SIZE] = { NULL, N_("Size") },
  /* TRANSLATORS: the nine social-issue domains, in the words of NIA's
   * social-innovation strategy (DOMAIN.md)
   */
  [NAWAT_WORD_DOMAIN_ENVIRONMENT] = { "domain", NC_("domain", "Environmental conservation") },
  [NAWAT_WORD_DOMAIN_FOOD_WATER_ENERGY] = { "domain",
                                            NC_("domain", "Food, water and energy nexus") },
  [NAWAT_WORD_DOMAIN_GOVERNMENT_EDUCATION] = { "domain",
                                               NC_("domain", "Public sector and education") },
  [NAWAT_WORD_DOMAIN_FINANCE_WELFARE] = { "domain",
                                          NC_("domain", "Finance, employment and social welfare") },
  [NAWAT_WORD_DOMAIN_SUSTAINABLE_AGRICULTURE] = { "domain",
                                                  NC_("domain", "Sustainable agriculture") },
  [NAWAT_WORD_DOMAIN_URBANIZATION] = { "domain", NC_("domain", "Urbanisation") },
  [NAWAT_WORD_DOMAIN_HEALTH] = { "domain", NC_("domain", "Health") },
  [NAWAT_WORD_DOMAIN_TOURISM_CULTURE] = { "domain", NC_("domain", "Tourism and culture") },
  [NAWAT_WORD_DOMAIN_DISASTER_MANAGEMENT] = { "domain", NC_("domain", "Disaster management") },
  /* TRANSLATORS: the five sectors of the Quintuple Helix */
  [NAWAT_WORD_SECTOR_GOVERNMENT] = { "helix sector", NC_("helix sector", "Government") },
  [NAWAT_WORD_SECTOR_ACADEMIA] = { "helix sector", NC_("helix sector", "Academia") },
  [NAWAT_WORD_SECTOR_PRIVATE] = { "helix sector", NC_("helix sector", "Private sector") },
  [NAWAT_WORD_SECTOR_CIVIL_SOCIETY] = { "helix sector", NC_("helix sector", "Civil society") },
  [NAWAT_WORD_SECTOR_ENVIRONMENT] = { "helix sector", NC_("helix sector", "Natural environment") },
  /* TRANSLATORS: how far a project reaches, in the words of NIA's networks
   * document
   */
  [NAWAT_WORD_REACH_COMMUNITY] = { "reach", NC_("reach", "Community") },
  [NAWAT_WORD_REACH_CITY] = { "reach", NC_("reach", "City") },
  [NAWAT_WORD_REACH_REGIONAL] = { "reach", NC_("reach", "Regional") },
  [NAWAT_WORD_REACH_NATIONAL] = { "reach", NC_("reach", "National") },
  [NAWAT_WORD_REACH_GLOBAL] = { "reach", NC_("reach", "Global") },
  /* TRANSLATORS: the yearly themes of NIA's phase 2 (BE 2564 to 2567), in
   * the words of its social-innovation strategy
   */
  [NAWAT_WORD_THEME_RECOVERY] = { "theme", NC_("theme", "Social innovation for the country's "
                                                        "recovery from crisis") },
  [NAWAT_WORD_THEME_REGIONAL_SCALING] = { "theme", NC_("theme", "Scaling social innovation up "
                                                                "to the regions") },
  [NAWAT_WORD_THEME_NETWORKS_IMPACT] = { "theme", NC_("theme", "Building networks and social "
                                                               "impact") },
  [NAWAT_WORD_THEME_ECOSYSTEM] = { "theme", NC_("theme", "Developing the social-innovation "
                                                         "ecosystem") },
  /* TRANSLATORS: Thailand's six regions */
  [NAWAT_WORD_REGION_NORTH] = { "region", NC_("region", "North") },
  [NAWAT_WORD_REGION_NORTHEAST] = { "region", NC_("region", "Northeast") },
  [NAWAT_WORD_REGION_CENTRAL] = { "region", NC_("region", "Central") },
  [NAWAT_WORD_REGION_EAST] = { "region", NC_("region", "East") },
  [NAWAT_WORD_REGION_WEST] = { "region", NC_("region", "West") },
  [NAWAT_WORD_REGION_SOUTH] = { "region", NC_("region", "South") },

  /* Symbols: no translation */
  [NAWAT_WORD_N] = { NULL, "n" },
  [NAWAT_WORD_TIED] = { NULL, "=" },
  [NAWAT_WORD_ALPHA_INTERVAL] = { NULL, "α interval" },
  [NAWAT_WORD_ALPHA_ORDINAL] = { NULL, "α ordinal" },
  [NAWAT_WORD_ICC] = { NULL, "ICC(1,1)" },
};

#include "nawat-vocabulary-th.h"

G_STATIC_ASSERT (G_N_ELEMENTS (vocabulary_th) == NAWAT_N_WORDS);

static gboolean
is_thai (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "th");
}

const char *
nawat_vocabulary_get (NawatWord   word,
                      const char *language)
{
  const Entry *entry;

  g_return_val_if_fail (word < NAWAT_N_WORDS, "");

  entry = &entries[word];
  if (vocabulary_th[word] == NULL)
    return entry->msgid;
  if (language == NULL)
    return entry->context != NULL
      ? g_dpgettext2 (GETTEXT_PACKAGE, entry->context, entry->msgid)
      : g_dgettext (GETTEXT_PACKAGE, entry->msgid);
  return is_thai (language) ? vocabulary_th[word] : entry->msgid;
}

/* The word of each value of an enumeration. */
static const NawatWord recommendation_words[] = {
  [NAWAT_RECOMMENDATION_NONE] = NAWAT_WORD_NO_RECOMMENDATION,
  [NAWAT_RECOMMENDATION_FUND] = NAWAT_WORD_FUND,
  [NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS] = NAWAT_WORD_FUND_WITH_CONDITIONS,
  [NAWAT_RECOMMENDATION_REJECT] = NAWAT_WORD_REJECT,
};

static const NawatWord confidence_words[] = {
  [NAWAT_CONFIDENCE_NONE] = NAWAT_WORD_CONFIDENCE_NONE,
  [NAWAT_CONFIDENCE_LOW] = NAWAT_WORD_CONFIDENCE_LOW,
  [NAWAT_CONFIDENCE_MEDIUM] = NAWAT_WORD_CONFIDENCE_MEDIUM,
  [NAWAT_CONFIDENCE_HIGH] = NAWAT_WORD_CONFIDENCE_HIGH,
};

static const NawatWord conflict_type_words[] = {
  [NAWAT_CONFLICT_TYPE_NONE] = NAWAT_WORD_CONFLICT_NOT_SAID,
  [NAWAT_CONFLICT_TYPE_SAME_ORGANISATION] = NAWAT_WORD_CONFLICT_SAME_ORGANISATION,
  [NAWAT_CONFLICT_TYPE_PARTNER_ORGANISATION] = NAWAT_WORD_CONFLICT_PARTNER_ORGANISATION,
  [NAWAT_CONFLICT_TYPE_COLLABORATOR] = NAWAT_WORD_CONFLICT_COLLABORATOR,
  [NAWAT_CONFLICT_TYPE_PERSONAL] = NAWAT_WORD_CONFLICT_PERSONAL,
  [NAWAT_CONFLICT_TYPE_FINANCIAL] = NAWAT_WORD_CONFLICT_FINANCIAL,
  [NAWAT_CONFLICT_TYPE_OTHER] = NAWAT_WORD_CONFLICT_OTHER,
};

static const NawatWord evaluation_status_words[] = {
  [NAWAT_EVALUATION_DRAFT] = NAWAT_WORD_DRAFT,
  [NAWAT_EVALUATION_SUBMITTED] = NAWAT_WORD_SUBMITTED,
};

static const NawatWord project_status_words[] = {
  [NAWAT_PROJECT_STATUS_NOT_STARTED] = NAWAT_WORD_NOT_STARTED,
  [NAWAT_PROJECT_STATUS_DRAFT] = NAWAT_WORD_DRAFT,
  [NAWAT_PROJECT_STATUS_SUBMITTED] = NAWAT_WORD_SUBMITTED,
  [NAWAT_PROJECT_STATUS_CONFLICT] = NAWAT_WORD_CONFLICT_OF_INTEREST,
};

const char *
nawat_vocabulary_recommendation (NawatRecommendation  recommendation,
                                 const char          *language)
{
  g_return_val_if_fail ((guint) recommendation < G_N_ELEMENTS (recommendation_words), "");

  return nawat_vocabulary_get (recommendation_words[recommendation], language);
}

const char *
nawat_vocabulary_confidence (int         confidence,
                             const char *language)
{
  g_return_val_if_fail (confidence >= 0 && (guint) confidence < G_N_ELEMENTS (confidence_words),
                        "");

  return nawat_vocabulary_get (confidence_words[confidence], language);
}

const char *
nawat_vocabulary_conflict_type (NawatConflictType  type,
                                const char        *language)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (conflict_type_words), "");

  return nawat_vocabulary_get (conflict_type_words[type], language);
}

const char *
nawat_vocabulary_evaluation_status (NawatEvaluationStatus  status,
                                    const char            *language)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (evaluation_status_words), "");

  return nawat_vocabulary_get (evaluation_status_words[status], language);
}

const char *
nawat_vocabulary_project_status (NawatProjectStatus  status,
                                 const char         *language)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (project_status_words), "");

  return nawat_vocabulary_get (project_status_words[status], language);
}

const char *
nawat_vocabulary_month (int         month,
                        const char *language)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return nawat_vocabulary_get ((NawatWord) (NAWAT_WORD_JANUARY + month - 1), language);
}

/**
 * nawat_vocabulary_dup_printf:
 * @word: a word that is a printf format
 * @language: "th" or another language for English
 * @...: what the format takes
 *
 * Applies @word as a format.  Its English is in this file and its Thai has
 * the same conversions in the same order, which
 * build-aux/vocabulary-table.py checks: the caller passes what both take.
 *
 * Returns: (transfer full): the text
 */
char *
nawat_vocabulary_dup_printf (NawatWord   word,
                             const char *language,
                             ...)
{
  va_list args;
  char *out;

  va_start (args, language);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  out = g_strdup_vprintf (nawat_vocabulary_get (word, language), args);
#pragma GCC diagnostic pop
  va_end (args);

  return out;
}

char *
nawat_vocabulary_dup_spread_reason (double      spread,
                                    double      threshold,
                                    const char *language)
{
  char spread_text[G_ASCII_DTOSTR_BUF_SIZE];
  char threshold_text[G_ASCII_DTOSTR_BUF_SIZE];

  /* The numbers the same in every locale, as the reports print them. */
  g_ascii_formatd (spread_text, sizeof spread_text, "%.1f", spread);
  g_ascii_formatd (threshold_text, sizeof threshold_text, "%.0f", threshold);

  return nawat_vocabulary_dup_printf (NAWAT_WORD_SPREAD_REASON, language, spread_text, threshold_text);
}

char *
nawat_vocabulary_dup_agreement_shortfall (guint       needed,
                                          guint       have,
                                          const char *language)
{
  return nawat_vocabulary_dup_printf (NAWAT_WORD_AGREEMENT_SHORTFALL, language, needed, have);
}

char *
nawat_vocabulary_dup_evaluations_of (guint       n,
                                     guint       expected,
                                     const char *language)
{
  return nawat_vocabulary_dup_printf (NAWAT_WORD_EVALUATIONS_OF, language, n, expected);
}

char *
nawat_vocabulary_dup_page_of (guint       page,
                              guint       n_pages,
                              const char *language)
{
  return nawat_vocabulary_dup_printf (NAWAT_WORD_PAGE_OF, language, page, n_pages);
}
