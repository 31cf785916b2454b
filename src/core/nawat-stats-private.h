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
/* Appends to @sql "json_extract (@json_column, '$.scores.\"<key>\"', …)",
 * a column whose text is a JSON array of every key's level (or null).
 */
void                _nawat_rubric_plan_append_sql   (NawatRubricPlan  *plan,
                                                     GString          *sql,
                                                     const char       *json_column);
/* Reads that column's @text into @scores (n_keys values, NAN for null). */
void                _nawat_rubric_plan_parse        (NawatRubricPlan  *plan,
                                                     const char       *text,
                                                     double           *scores);
void                _nawat_rubric_plan_score        (NawatRubricPlan  *plan,
                                                     const double     *scores,
                                                     gboolean          conflict_declared,
                                                     NawatScore       *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatRubricPlan, _nawat_rubric_plan_free)

/* A project's ranks without the rest of its NawatProjectStats, which a
 * call's statistics make only when first asked for: an export of a large
 * call reads these and keeps memory to a few numbers per project.
 */
typedef struct
{
  guint    rank_mean;
  gboolean rank_mean_tied;
  guint    rank_z;
  gboolean rank_z_tied;
  double   z_mean;
  gboolean disagreement;
} NawatProjectRank;

/* The index of @project_id (nawat_call_stats_get_project()), or -1. */
int                 _nawat_call_stats_find_project  (NawatCallStats   *self,
                                                     const char       *project_id);
void                _nawat_call_stats_get_rank      (NawatCallStats   *self,
                                                     guint             index,
                                                     NawatProjectRank *out);
/* (transfer full) The translated reasons of a flagged project, or NULL. */
char              **_nawat_call_stats_dup_reasons   (NawatCallStats   *self,
                                                     guint             index);

G_END_DECLS
