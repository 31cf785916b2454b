/* nawat-stats-internal-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-stats-private.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* A call's evaluation as the statistics read it: the store's columns,
 * and what they need of its document.  The texts and the scores are the
 * reader's, until its next row.
 */
typedef struct
{
  const char   *project;
  const char   *evaluator;
  const char   *status;
  gboolean      conflict;
  /* "fund", "fund-with-conditions", "reject", another text, or NULL */
  const char   *recommendation;
  /* "confidence" as SQLite reads it into an int, 0 when not given */
  int           confidence;
  /* the level of each of the plan's keys, NAN where not scored */
  const double *scores;
} NawatStatsEvaluation;

/* Reads a call's evaluations, in the order (call, code, evaluator), from
 * the text the store keeps of each (_nawat_evaluation_text_read()); a
 * text the scanner refuses is read again through SQLite's json_extract(),
 * as before the scanner, so that each figure is the same to the bit.
 */
typedef struct _NawatStatsEvaluations NawatStatsEvaluations;

NawatStatsEvaluations *_nawat_stats_evaluations_open (NawatStoreReader      *reader,
                                                      NawatRubric           *rubric,
                                                      NawatRubricPlan       *plan,
                                                      const char            *call_id,
                                                      GError               **error);
/* Fills @row with the next evaluation: TRUE with one, FALSE at the end
 * (@error unset) or on failure (a store's error).
 */
gboolean               _nawat_stats_evaluations_next (NawatStatsEvaluations *self,
                                                      NawatStatsEvaluation  *row,
                                                      GError               **error);
void                   _nawat_stats_evaluations_free (NawatStatsEvaluations *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatStatsEvaluations, _nawat_stats_evaluations_free)

/* Ratings grouped by unit: unit u holds values[starts[u]] up to
 * values[starts[u + 1]] (excluded), NAN where missing.
 */
typedef struct
{
  const double *values;
  const guint  *starts;
  guint         n_units;
} NawatStatsRatings;

void                _nawat_stats_ratings_agreement  (const NawatStatsRatings *r,
                                                     NawatAgreement          *out);

/* Marks a shared rank in the ranks _nawat_stats_rank_compact() makes. */
#define NAWAT_STATS_RANK_TIED (1u << 31)

void                _nawat_stats_rank_compact       (const double     *values,
                                                     guint             n,
                                                     guint            *order,
                                                     guint32          *ranks);
void                _nawat_stats_rank_with_order    (const double     *values,
                                                     guint             n,
                                                     guint            *order,
                                                     guint            *ranks,
                                                     gboolean         *tied);

/* The statistics of one criterion, accumulated project by project so
 * that no criterion score is kept: the values a criterion takes (whole
 * levels, a handful of them) with their counts, Krippendorff's
 * coincidences between them, and the sums of the one-way ANOVA.
 */
#define NAWAT_STATS_MAX_CRITERION_VALUES 256

typedef struct
{
  /* distinct values, in order of arrival, with their counts over all
   * ratings and over the pairable ones (units rated twice or more)
   */
  GArray   *values;
  GArray   *counts;
  GArray   *pairable;
  /* capacity × capacity: Σ 2/(m_u − 1) over the pairs of different
   * values (i < j in value index) of each unit
   */
  double   *coincidences;
  guint     capacity;
  gboolean  overflow;
  guint     n_pairable;
  guint     n_pairable_units;
  /* Σ_u 2 m_u SS_u / (m_u − 1), the interval metric's disagreement */
  double    observed_interval;
  /* ICC(1,1): units rated at least once, ratings, Σ y, Σ k², Σ k ȳ², SSW */
  guint     n_rated;
  guint     total;
  double    sum;
  double    sum_k2;
  double    sum_means2;
  double    ssw;
} NawatStatsCriterion;

void                _nawat_stats_criterion_add_unit (NawatStatsCriterion *cs,
                                                     const double        *values,
                                                     guint               *index,
                                                     guint                m);
void                _nawat_stats_criterion_finish   (NawatStatsCriterion *cs,
                                                     NawatSummary        *summary,
                                                     NawatAgreement      *agreement);

/* One submitted evaluation without a declared conflict: all that is
 * kept of it once its project is done (its z-score follows from its
 * evaluator's mean and spread).
 */
typedef struct
{
  double  composite;
  guint32 evaluator;
  /* the evaluator's confidence, 0 when not given */
  guint8  confidence;
} NawatStatsRating;

/* What is kept per project (NawatProjectStats less what its ratings
 * give back: n, median, spread, min, max and the reasons).
 */
typedef struct
{
  double  mean;
  double  z_mean;
  guint32 rank_mean;
  guint32 rank_z;
  guint32 n_fund;
  guint32 n_fund_with_conditions;
  guint32 n_reject;
  guint32 assigned;
  guint32 draft;
  guint32 submitted;
  guint32 conflict;
  guint32 flags;
} NawatStatsProjectRow;

struct _NawatCallStats
{
  GObject                parent_instance;

  char                  *call_id;
  double                 threshold;
  NawatStatsFlags        flags;
  GStringChunk          *strings;

  NawatSummary           composite_summary;
  NawatAgreement         composite_agreement;
  char                 **criteria;
  NawatSummary          *criterion_summaries;
  NawatAgreement        *criterion_agreements;

  GArray                *evaluators;
  /* how many evaluators the call names */
  guint                  n_call_evaluators;
  /* per project: compact rows, ids, and the first of its ratings (and
   * one more); the public NawatProjectStats are made from them when
   * first asked for, so that a caller that needs only ranks or the
   * call's figures never holds them
   */
  NawatStatsProjectRow  *rows;
  const char           **ids;
  GArray                *starts;
  GArray                *ratings;
  NawatProjectStats     *projects;
  guint                  n_projects;
  guint                 *ranking_mean;
  guint                 *ranking_z;
  GArray                *disagreements;
};

/* nawat_call_stats_compute() at work: nawat-stats-read.c streams the
 * store's snapshot into it, nawat-call-stats.c makes the figures.
 */
typedef struct
{
  NawatCallStats      *self;
  NawatStore          *store;
  NawatStoreReader    *reader;
  NawatStoreCursor    *projects;
  NawatStatsEvaluations *evaluations;
  /* the evaluations' current row */
  NawatStatsEvaluation rating;
  NawatRubric         *rubric;
  NawatRubricPlan     *plan;
  /* evaluator name → index + 1 into self->evaluators (in order of arrival) */
  GHashTable          *evaluator_index;
  GArray              *ratings;
  /* n_keys doubles per rating of the current project, NAN where not scored */
  GArray              *scores;
  NawatStatsCriterion *criteria;
  guint                n_keys;
  /* the first rating of each project, and one more */
  GArray              *starts;
  GArray              *rows;
  GPtrArray           *ids;
  GPtrArray           *names;
} NawatStatsCompute;

void                _nawat_stats_compute_clear      (NawatStatsCompute *c);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NawatStatsCompute, _nawat_stats_compute_clear)

gboolean            _nawat_stats_compute_load_rubric (NawatStatsCompute  *c,
                                                      const char         *call_id,
                                                      GError            **error);
gboolean            _nawat_stats_compute_open       (NawatStatsCompute  *c,
                                                     const char         *call_id,
                                                     GError            **error);
gboolean            _nawat_stats_compute_stream     (NawatStatsCompute  *c,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
NawatEvaluatorStats *_nawat_stats_evaluator_at      (NawatStatsCompute *c,
                                                     guint              index);

void                _nawat_stats_parse_strings      (const char       *text,
                                                     GPtrArray        *out);

double              _nawat_stats_evaluator_sd       (double            squares,
                                                     guint             n_scored,
                                                     double            mean,
                                                     gboolean         *normalised);
gboolean            _nawat_stats_is_disagreement    (double              threshold,
                                                     const NawatSummary *summary,
                                                     guint               n_fund,
                                                     guint               n_reject);
char              **_nawat_stats_dup_reasons        (double              threshold,
                                                     const NawatSummary *summary,
                                                     guint               n_fund,
                                                     guint               n_reject);

G_END_DECLS
