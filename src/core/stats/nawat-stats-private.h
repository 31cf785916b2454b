/* nawat-stats-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-rubric.h"
#include "nawat-scoring.h"
#include "nawat-stats.h"
#include "nawat-store-read-private.h"

G_BEGIN_DECLS

/* A rubric laid out flat for scoring many evaluations quickly, straight
 * from the store's JSON: its criterion keys in rubric order, and the
 * composite of DOMAIN.md computed from an array of levels (NAN where not
 * scored), exactly as nawat_scoring_compute() does from an evaluation.
 * Not thread-safe: one plan per thread.
 */
typedef struct _NawatRubricPlan NawatRubricPlan;

NawatRubricPlan    *_nawat_rubric_plan_new          (NawatRubric      *rubric);
void                _nawat_rubric_plan_free         (NawatRubricPlan  *plan);
guint               _nawat_rubric_plan_get_n_keys   (NawatRubricPlan  *plan);
/* The "<group>.<criterion>" keys, NULL-terminated. */
const char * const *_nawat_rubric_plan_get_keys     (NawatRubricPlan  *plan);
/* Reads the text of the store's column of these keys' levels
 * (_nawat_store_append_scores_sql()) into @scores (n_keys values, NAN
 * for null).
 */
void                _nawat_rubric_plan_parse        (NawatRubricPlan  *plan,
                                                     const char       *text,
                                                     double           *scores);
void                _nawat_rubric_plan_score        (NawatRubricPlan  *plan,
                                                     const double     *scores,
                                                     gboolean          conflict_declared,
                                                     NawatScore       *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatRubricPlan, _nawat_rubric_plan_free)

/* Why evaluators disagree on a project (DOMAIN.md, "Several evaluators") */
typedef enum
{
  /* its @n complete composites span the threshold or more */
  NAWAT_DISAGREEMENT_SPREAD = 1 << 0,
  /* one evaluator recommends funding and another rejection */
  NAWAT_DISAGREEMENT_FUND_REJECT = 1 << 1,
} NawatDisagreement;

NawatDisagreement   _nawat_disagreement             (guint             n,
                                                     double            spread,
                                                     guint             n_fund,
                                                     guint             n_reject,
                                                     double            threshold);

/* The index of @project_id (nawat_call_stats_get_project()), or -1. */
int                 _nawat_call_stats_find_project  (NawatCallStats   *self,
                                                     const char       *project_id);

/* A project's ranks and disagreement, as in its NawatProjectStats. */
typedef struct
{
  guint    rank_mean;
  gboolean rank_mean_tied;
  guint    rank_z;
  gboolean rank_z_tied;
  double   z_mean;
  gboolean disagreement;
} NawatProjectRank;

/* The ranks of a call's projects for an export that writes them in the
 * order (call, code): the same figures as nawat_call_stats_compute_full()
 * with @rubric (the call's) and @flags, read through the caller's @reader,
 * inside its read transaction, so that they agree with what it exports.
 * Only the two ranks are kept per project (8 bytes); the rest of a
 * project's figures are read again as the export reaches it.
 */
typedef struct _NawatCallRanks NawatCallRanks;

NawatCallRanks     *_nawat_call_ranks_compute       (NawatStoreReader  *reader,
                                                     NawatRubric       *rubric,
                                                     const char        *call_id,
                                                     double             disagreement_threshold,
                                                     NawatStatsFlags    flags,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
/* Fills @out and @reasons (translated, NULL when not flagged) for
 * @project_id, which follows the previous one asked for in that order.
 * FALSE when the call has no such project, or with @error set on failure.
 */
gboolean            _nawat_call_ranks_next          (NawatCallRanks    *self,
                                                     const char        *project_id,
                                                     NawatProjectRank  *out,
                                                     char            ***reasons,
                                                     GError           **error);
void                _nawat_call_ranks_free          (NawatCallRanks    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatCallRanks, _nawat_call_ranks_free)

G_END_DECLS
