/* nawat-stats.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-store.h"

G_BEGIN_DECLS

/* Statistics across several evaluators (DOMAIN.md, "Several evaluators").
 *
 * The pure functions work on plain arrays and need no store; NawatCallStats
 * computes everything a coordinator needs for one call from a store.
 * Undefined figures are NAN (isnan()), never 0.
 */

#define NAWAT_STATS_ERROR (nawat_stats_error_quark ())

typedef enum
{
  NAWAT_STATS_ERROR_NOT_FOUND,
  NAWAT_STATS_ERROR_FAILED,
} NawatStatsError;

/* The default disagreement threshold, in composite points (0–100). */
#define NAWAT_STATS_DEFAULT_THRESHOLD 25.0

/* Projects and evaluators with fewer scored items are not normalised. */
#define NAWAT_STATS_MIN_NORMALISED 3

typedef enum
{
  NAWAT_ALPHA_NOMINAL,
  NAWAT_ALPHA_ORDINAL,
  NAWAT_ALPHA_INTERVAL,
} NawatAlphaMetric;

/* Descriptive statistics of the values that are not NAN.  Every double is
 * NAN when n == 0; sd is the sample standard deviation (n − 1), NAN when
 * n < 2.
 */
typedef struct
{
  guint  n;
  double mean;
  double median;
  double sd;
  double min;
  double max;
} NawatSummary;

/* Inter-rater agreement over a units × raters matrix.  n_units counts the
 * units with at least one rating, n_pairable the ratings in units rated at
 * least twice (the values alpha is computed from) and n_pairable_units
 * those units.  Each coefficient is NAN when undefined (no unit rated
 * twice, or no variation at all).
 */
typedef struct
{
  double alpha_interval;
  double alpha_ordinal;
  double icc_1_1;
  guint  n_units;
  guint  n_pairable;
  guint  n_pairable_units;
} NawatAgreement;

/* Agreement is reported only over at least this many projects rated by
 * two evaluators or more: with fewer, alpha and ICC swing from one
 * evaluation to the next and mean nothing yet.
 */
#define NAWAT_STATS_MIN_AGREEMENT_UNITS 5

GQuark   nawat_stats_error_quark           (void);

/* How a project's evaluations make its aggregate score. */
typedef enum
{
  NAWAT_STATS_FLAGS_NONE = 0,
  /* Each evaluation's composite weighs its evaluator's confidence
   * (nawat_stats_confidence_weight()) in its project's mean and mean
   * z-score, and so in the ranking; off, every evaluation weighs the same.
   */
  NAWAT_STATS_WEIGHT_CONFIDENCE = 1 << 0,
} NawatStatsFlags;

/* The weight of an evaluation whose evaluator gave @confidence: low 1,
 * medium 2, high 3; one given none weighs as medium, 2.
 */
double   nawat_stats_confidence_weight     (int               confidence);
/* Σ wᵢ vᵢ / Σ wᵢ over the values that are not NAN; NAN when there is none
 * or the weights add up to nothing.
 */
double   nawat_stats_weighted_mean         (const double     *values,
                                            const double     *weights,
                                            guint             n);

/* Skips NAN values; @values may be NULL when @n is 0. */
void     nawat_stats_summarise             (const double     *values,
                                            guint             n,
                                            NawatSummary     *out);

/* Krippendorff's alpha of @matrix, row-major: @n_units rows of @n_raters
 * values, NAN where a rater did not rate a unit.  Units with fewer than two
 * ratings are not pairable and take no part.  Krippendorff, K. (2011),
 * "Computing Krippendorff's Alpha-Reliability", Annenberg School for
 * Communication, University of Pennsylvania.
 */
double   nawat_stats_krippendorff_alpha    (const double     *matrix,
                                            guint             n_units,
                                            guint             n_raters,
                                            NawatAlphaMetric  metric);

/* The one-way random-effects intraclass correlation ICC(1,1) of @matrix
 * (as above, NAN for missing), for units with k_i ratings each:
 *   ICC(1,1) = (MSB − MSW) / (MSB + (k0 − 1) MSW)
 * with MSB = Σ k_i (ȳ_i − ȳ)² / (n − 1), MSW = Σ Σ (y_ij − ȳ_i)² / (N − n),
 * N = Σ k_i and k0 = (N − Σ k_i² / N) / (n − 1), over the n units rated at
 * least once (the unbalanced one-way ANOVA estimator: Shrout & Fleiss 1979,
 * case 1; Snedecor & Cochran, "Statistical Methods", for k0).  NAN when
 * N − n < 1, n < 2 or the denominator is 0.
 */
double   nawat_stats_icc_1_1               (const double     *matrix,
                                            guint             n_units,
                                            guint             n_raters);

/* Both alphas (interval, ordinal) and ICC(1,1) of @matrix. */
void     nawat_stats_agreement             (const double     *matrix,
                                            guint             n_units,
                                            guint             n_raters,
                                            NawatAgreement   *out);

/* Whether @agreement rests on enough projects to be reported
 * (NAWAT_STATS_MIN_AGREEMENT_UNITS rated twice or more).
 */
gboolean nawat_stats_agreement_is_enough   (const NawatAgreement *agreement);
/* NULL when nawat_stats_agreement_is_enough(); otherwise why the agreement
 * is not reported yet, in @language (NULL: the user interface's):
 * "Not enough data yet: agreement needs 5 projects with two or more
 * evaluations (so far: 3)."
 */
char    *nawat_stats_agreement_dup_shortfall (const NawatAgreement *agreement,
                                              const char           *language);

/* Standard competition ranking ("1224") of @values, highest first: equal
 * values share the best rank of their group and @tied[i] is TRUE.  NAN
 * values rank last of all, unranked (rank 0).  @ranks and @tied (may be
 * NULL) have @n elements.
 */
void     nawat_stats_rank                  (const double     *values,
                                            guint             n,
                                            guint            *ranks,
                                            gboolean         *tied);

/* Per evaluator of a call. */
typedef struct
{
  const char *name;
  /* submitted complete evaluations (composites) */
  guint       n_scored;
  /* of the evaluator's composites; NAN when none, sd NAN when n_scored < 2 */
  double      mean;
  double      sd;
  /* FALSE (and so flagged) with fewer than NAWAT_STATS_MIN_NORMALISED
   * scored projects or zero spread: their z-scores are not used.
   */
  gboolean    normalised;
  /* progress: projects assigned, evaluations in draft, submitted, and
   * declared conflicts of interest
   */
  guint       assigned;
  guint       draft;
  guint       submitted;
  guint       conflict;
} NawatEvaluatorStats;

/* Per project of a call. */
typedef struct
{
  const char *project_id;
  /* submitted complete evaluations without a declared conflict */
  guint       n_evaluations;
  /* of their composites (0–100); NAN when n_evaluations is 0 */
  double      mean;
  double      median;
  /* max − min */
  double      spread;
  double      min;
  double      max;
  /* the mean of the normalised evaluators' z-scores; NAN when none */
  double      z_mean;
  gboolean    disagreement;
  /* translated, human-readable reasons of the disagreement; NULL when none */
  char      **reasons;
  /* 1-based competition ranks ("1224") by mean and by z_mean; 0 when
   * unranked (no score); the _tied flags are TRUE when the rank is shared
   */
  guint       rank_mean;
  guint       rank_z;
  gboolean    rank_mean_tied;
  gboolean    rank_z_tied;
  /* recommendations of the submitted evaluations */
  guint       n_fund;
  guint       n_fund_with_conditions;
  guint       n_reject;
  /* progress: evaluators assigned, evaluations in draft, submitted, and
   * declared conflicts of interest
   */
  guint       assigned;
  guint       draft;
  guint       submitted;
  guint       conflict;
  /* the evaluations to expect: the evaluators assigned (the call's
   * evaluators when none is), less those who declared a conflict of
   * interest; at least n_evaluations
   */
  guint       expected;
} NawatProjectStats;

/* Whether every evaluation @ps expects is in: a project ranked before
 * then rests on partial evidence.
 */
gboolean nawat_project_stats_is_complete (const NawatProjectStats *ps);

#define NAWAT_TYPE_CALL_STATS (nawat_call_stats_get_type ())

G_DECLARE_FINAL_TYPE (NawatCallStats, nawat_call_stats, NAWAT, CALL_STATS, GObject)

/* Computes the statistics of @call_id over its submitted evaluations (a
 * declared conflict of interest excludes that pair).  Streams the
 * evaluations from @store, keeping a few numbers per project and per
 * submitted evaluation (no document, no criterion score); the
 * NawatProjectStats are made when first asked for.
 * @disagreement_threshold is in composite points
 * (NAWAT_STATS_DEFAULT_THRESHOLD).  Scores are read with the call's
 * rubric.  Reads a snapshot through its own read-only connection, so
 * @store must be a file (not ":memory:").  Blocking: call it from a
 * thread in the UI.
 */
NawatCallStats            *nawat_call_stats_compute            (NawatStore     *store,
                                                                const char     *call_id,
                                                                double          disagreement_threshold,
                                                                GCancellable   *cancellable,
                                                                GError        **error);
/* As nawat_call_stats_compute(), aggregating as @flags say. */
NawatCallStats            *nawat_call_stats_compute_full       (NawatStore      *store,
                                                                const char      *call_id,
                                                                double           disagreement_threshold,
                                                                NawatStatsFlags  flags,
                                                                GCancellable    *cancellable,
                                                                GError         **error);
NawatStatsFlags            nawat_call_stats_get_flags          (NawatCallStats *self);
const char                *nawat_call_stats_get_call_id        (NawatCallStats *self);
double                     nawat_call_stats_get_threshold      (NawatCallStats *self);

/* The composite's summary (over every submitted complete evaluation) and
 * agreement (projects × evaluators).  Either may be NULL.
 */
void                       nawat_call_stats_get_composite      (NawatCallStats *self,
                                                                NawatSummary   *summary,
                                                                NawatAgreement *agreement);
/* The criterion keys "<group>.<criterion>", in rubric order. */
const char * const        *nawat_call_stats_get_criteria       (NawatCallStats *self);
/* FALSE when @key is not a criterion of the call's rubric. */
gboolean                   nawat_call_stats_get_criterion      (NawatCallStats *self,
                                                                const char     *key,
                                                                NawatSummary   *summary,
                                                                NawatAgreement *agreement);

/* Evaluators, ordered by name: those named by the call, assigned to a
 * project, or with an evaluation.
 */
guint                      nawat_call_stats_get_n_evaluators   (NawatCallStats *self);
const NawatEvaluatorStats *nawat_call_stats_get_evaluator      (NawatCallStats *self,
                                                                guint           index);
const NawatEvaluatorStats *nawat_call_stats_lookup_evaluator   (NawatCallStats *self,
                                                                const char     *name);

/* Projects of the call, ordered by id. */
guint                      nawat_call_stats_get_n_projects     (NawatCallStats *self);
const NawatProjectStats   *nawat_call_stats_get_project        (NawatCallStats *self,
                                                                guint           index);
const NawatProjectStats   *nawat_call_stats_lookup_project     (NawatCallStats *self,
                                                                const char     *project_id);
/* The project indices in ranking order (by rank_mean, or by rank_z when
 * @normalised), unranked projects last, ties by id.  Returns
 * nawat_call_stats_get_n_projects() indices, owned by @self.
 */
const guint               *nawat_call_stats_get_ranking        (NawatCallStats *self,
                                                                gboolean        normalised);
/* The indices of the flagged projects, by id; @n_out receives how many. */
const guint               *nawat_call_stats_get_disagreements  (NawatCallStats *self,
                                                                guint          *n_out);

G_END_DECLS
