/* nawat-vocabulary.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nawat-evaluation.h"
#include "nawat-project-row.h"

G_BEGIN_DECLS

/* The words people read that more than one place shows: the labels of
 * recommendations and statuses, the names of the months, of the domains,
 * helix sectors, reach levels and regions (whose tables in nawat-domains.c
 * and nawat-places.c take them from here), and the wording of the reports
 * and the charts.  Each is written once, in English, as a
 * gettext message; its Thai is po/th.po's translation.
 *
 * @language chooses the language of a lookup: NULL for the user interface's
 * (gettext, following the locale), "th…" for Thai and anything else for
 * English, whatever the user interface's, so that a Thai report can be
 * written from an English session and the other way round.  The Thai table
 * is generated from po/th.po at build time (build-aux/vocabulary-table.py):
 * a report never depends on which catalogs or locales are installed, and a
 * lookup is a read of constant data, safe from any thread.
 */
typedef enum
{
  /* Recommendations */
  NAWAT_WORD_FUND,
  NAWAT_WORD_FUND_WITH_CONDITIONS,
  NAWAT_WORD_REJECT,
  NAWAT_WORD_NO_RECOMMENDATION,
  NAWAT_WORD_RECOMMENDATION,
  NAWAT_WORD_RECOMMENDATIONS,

  /* An evaluator's confidence in an evaluation */
  NAWAT_WORD_CONFIDENCE_LOW,
  NAWAT_WORD_CONFIDENCE_MEDIUM,
  NAWAT_WORD_CONFIDENCE_HIGH,
  NAWAT_WORD_CONFIDENCE_NONE,
  NAWAT_WORD_CONFIDENCE,
  NAWAT_WORD_CONFIDENCE_WEIGHTED,

  /* The kinds of a conflict of interest */
  NAWAT_WORD_CONFLICT_NOT_SAID,
  NAWAT_WORD_CONFLICT_SAME_ORGANISATION,
  NAWAT_WORD_CONFLICT_PARTNER_ORGANISATION,
  NAWAT_WORD_CONFLICT_COLLABORATOR,
  NAWAT_WORD_CONFLICT_PERSONAL,
  NAWAT_WORD_CONFLICT_FINANCIAL,
  NAWAT_WORD_CONFLICT_OTHER,

  /* Statuses of an evaluation, or of a project for its evaluator */
  NAWAT_WORD_SUBMITTED,
  NAWAT_WORD_DRAFT,
  NAWAT_WORD_DRAFTS,
  NAWAT_WORD_NOT_STARTED,
  NAWAT_WORD_CONFLICT,
  NAWAT_WORD_CONFLICT_OF_INTEREST,
  NAWAT_WORD_CONFLICTS,

  /* Why the evaluators of a project disagree */
  NAWAT_WORD_SPREAD_REASON,
  NAWAT_WORD_FUND_AND_REJECT,

  /* The months, January to December */
  NAWAT_WORD_JANUARY,
  NAWAT_WORD_FEBRUARY,
  NAWAT_WORD_MARCH,
  NAWAT_WORD_APRIL,
  NAWAT_WORD_MAY,
  NAWAT_WORD_JUNE,
  NAWAT_WORD_JULY,
  NAWAT_WORD_AUGUST,
  NAWAT_WORD_SEPTEMBER,
  NAWAT_WORD_OCTOBER,
  NAWAT_WORD_NOVEMBER,
  NAWAT_WORD_DECEMBER,

  /* Reports and charts */
  NAWAT_WORD_CONTENTS,
  NAWAT_WORD_SUMMARY,
  NAWAT_WORD_RANKING,
  NAWAT_WORD_DISAGREEMENTS,
  NAWAT_WORD_AGREEMENT,
  NAWAT_WORD_COVERAGE,
  NAWAT_WORD_PROGRESS,
  NAWAT_WORD_PROJECTS,
  NAWAT_WORD_PROJECT,
  NAWAT_WORD_CODE,
  NAWAT_WORD_TITLE,
  NAWAT_WORD_ORGANISATION,
  NAWAT_WORD_PROVINCE,
  NAWAT_WORD_REACH,
  NAWAT_WORD_DOMAINS,
  NAWAT_WORD_PARTNERS,
  NAWAT_WORD_BUDGET,
  NAWAT_WORD_DURATION,
  NAWAT_WORD_SUBMITTED_ON,
  NAWAT_WORD_ASSIGNED_COUNT,
  NAWAT_WORD_PROPOSAL_SUMMARY,
  NAWAT_WORD_CHARTS,
  NAWAT_WORD_DOMAIN_PROFILE,
  NAWAT_WORD_HELIX_PROFILE,
  NAWAT_WORD_SCORES,
  NAWAT_WORD_CRITERION,
  NAWAT_WORD_OVERALL,
  NAWAT_WORD_STATISTICS,
  NAWAT_WORD_EVALUATIONS,
  NAWAT_WORD_EVALUATORS,
  NAWAT_WORD_COMPOSITE,
  NAWAT_WORD_COMPOSITE_SCORE,
  NAWAT_WORD_COMPLETENESS,
  NAWAT_WORD_MEAN,
  NAWAT_WORD_MEDIAN,
  NAWAT_WORD_SD,
  NAWAT_WORD_SD_SHORT,
  NAWAT_WORD_SPREAD,
  NAWAT_WORD_MIN_MAX,
  NAWAT_WORD_RANK,
  NAWAT_WORD_RANK_MEAN,
  NAWAT_WORD_RANK_Z,
  NAWAT_WORD_Z_MEAN,
  NAWAT_WORD_FLAG,
  NAWAT_WORD_REASONS,
  NAWAT_WORD_NOT_SCORED,
  NAWAT_WORD_NO_COMMENT,
  NAWAT_WORD_COMMENT,
  NAWAT_WORD_NO_EVALUATIONS,
  NAWAT_WORD_NONE,
  NAWAT_WORD_NORMALISED,
  NAWAT_WORD_NOT_NORMALISED,
  NAWAT_WORD_YES,
  NAWAT_WORD_NO,
  NAWAT_WORD_OVERALL_PROGRESS,
  NAWAT_WORD_DISAGREEMENT_NONE,
  NAWAT_WORD_HEAT_MAP,
  NAWAT_WORD_HELIX_COVERAGE,
  NAWAT_WORD_DISTRIBUTION,
  NAWAT_WORD_PORTFOLIO_REPORT,
  NAWAT_WORD_PROJECT_REPORT,
  NAWAT_WORD_EVALUATOR_VIEW,
  NAWAT_WORD_YEAR,
  NAWAT_WORD_RUBRIC,
  NAWAT_WORD_DEADLINE,
  NAWAT_WORD_AGREEMENT_NOTE,
  NAWAT_WORD_RANKING_NOTE,
  NAWAT_WORD_MONTH,
  NAWAT_WORD_MONTHS,
  NAWAT_WORD_PAGE,
  NAWAT_WORD_PAGE_OF,
  NAWAT_WORD_DISAGREEMENT_MARK,
  NAWAT_WORD_AGREEMENT_SHORTFALL,
  NAWAT_WORD_EVALUATIONS_OF,
  NAWAT_WORD_PARTIAL_MARK,
  NAWAT_WORD_PARTIAL_NOTE,
  NAWAT_WORD_ERROR_PAGE,
  NAWAT_WORD_NO_DATA,
  /* The reminder to an evaluator (nawat-outstanding.h) */
  NAWAT_WORD_REMIND_SUBJECT,
  NAWAT_WORD_REMIND_GREETING,
  NAWAT_WORD_REMIND_INTRO,
  NAWAT_WORD_REMIND_NOTHING,
  NAWAT_WORD_REMIND_DEADLINE,
  NAWAT_WORD_REMIND_NO_DEADLINE,
  NAWAT_WORD_REMIND_THANKS,
  NAWAT_WORD_ENGAGEMENT_LEVEL,
  NAWAT_WORD_REACH_TOTALS,
  NAWAT_WORD_NOT_STATED,
  NAWAT_WORD_TOTAL,
  NAWAT_WORD_THEME,
  NAWAT_WORD_DOCUMENTS,
  NAWAT_WORD_FILE,
  NAWAT_WORD_PAGES,
  NAWAT_WORD_SIZE,

  /* The terms of nawat-domains.h and nawat-places.h */
  NAWAT_WORD_DOMAIN_ENVIRONMENT,
  NAWAT_WORD_DOMAIN_FOOD_WATER_ENERGY,
  NAWAT_WORD_DOMAIN_GOVERNMENT_EDUCATION,
  NAWAT_WORD_DOMAIN_FINANCE_WELFARE,
  NAWAT_WORD_DOMAIN_SUSTAINABLE_AGRICULTURE,
  NAWAT_WORD_DOMAIN_URBANIZATION,
  NAWAT_WORD_DOMAIN_HEALTH,
  NAWAT_WORD_DOMAIN_TOURISM_CULTURE,
  NAWAT_WORD_DOMAIN_DISASTER_MANAGEMENT,
  NAWAT_WORD_SECTOR_GOVERNMENT,
  NAWAT_WORD_SECTOR_ACADEMIA,
  NAWAT_WORD_SECTOR_PRIVATE,
  NAWAT_WORD_SECTOR_CIVIL_SOCIETY,
  NAWAT_WORD_SECTOR_ENVIRONMENT,
  NAWAT_WORD_REACH_COMMUNITY,
  NAWAT_WORD_REACH_CITY,
  NAWAT_WORD_REACH_REGIONAL,
  NAWAT_WORD_REACH_NATIONAL,
  NAWAT_WORD_REACH_GLOBAL,
  NAWAT_WORD_THEME_RECOVERY,
  NAWAT_WORD_THEME_REGIONAL_SCALING,
  NAWAT_WORD_THEME_NETWORKS_IMPACT,
  NAWAT_WORD_THEME_ECOSYSTEM,
  NAWAT_WORD_REGION_NORTH,
  NAWAT_WORD_REGION_NORTHEAST,
  NAWAT_WORD_REGION_CENTRAL,
  NAWAT_WORD_REGION_EAST,
  NAWAT_WORD_REGION_WEST,
  NAWAT_WORD_REGION_SOUTH,

  /* Symbols, the same in every language */
  NAWAT_WORD_N,
  NAWAT_WORD_TIED,
  NAWAT_WORD_ALPHA_INTERVAL,
  NAWAT_WORD_ALPHA_ORDINAL,
  NAWAT_WORD_ICC,

  NAWAT_N_WORDS
} NawatWord;

const char *nawat_vocabulary_get                (NawatWord            word,
                                                 const char          *language);
char       *nawat_vocabulary_dup_printf         (NawatWord            word,
                                                 const char          *language,
                                                 ...);
const char *nawat_vocabulary_recommendation     (NawatRecommendation  recommendation,
                                                 const char          *language);
const char *nawat_vocabulary_evaluation_status  (NawatEvaluationStatus status,
                                                 const char          *language);
const char *nawat_vocabulary_project_status     (NawatProjectStatus   status,
                                                 const char          *language);
/* @confidence: NAWAT_CONFIDENCE_NONE to NAWAT_CONFIDENCE_HIGH */
const char *nawat_vocabulary_confidence         (int                  confidence,
                                                 const char          *language);
const char *nawat_vocabulary_conflict_type      (NawatConflictType    type,
                                                 const char          *language);
/* @month: 1 to 12 */
const char *nawat_vocabulary_month              (int                  month,
                                                 const char          *language);
/* "Composite scores span 31.0 points (threshold 25)": the composite scores
 * of a project's evaluations differ by @spread, more than @threshold.
 */
char       *nawat_vocabulary_dup_spread_reason  (double               spread,
                                                 double               threshold,
                                                 const char          *language);
/* "Not enough data yet: agreement needs 5 projects with two or more
 * evaluations (so far: 3)."
 */
char       *nawat_vocabulary_dup_agreement_shortfall (guint          needed,
                                                      guint          have,
                                                      const char    *language);
/* "1 of 2": @n evaluations in of the @expected */
char       *nawat_vocabulary_dup_evaluations_of (guint               n,
                                                 guint               expected,
                                                 const char         *language);
/* "Page 3 of 12" */
char       *nawat_vocabulary_dup_page_of        (guint                page,
                                                 guint                n_pages,
                                                 const char          *language);

G_END_DECLS
