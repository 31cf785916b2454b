/* nawat-scoring.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-evaluation.h"
#include "nawat-rubric.h"

G_BEGIN_DECLS

#define NAWAT_SCORING_ERROR (nawat_scoring_error_quark ())

typedef enum
{
  NAWAT_SCORING_ERROR_UNKNOWN_CRITERION,
  NAWAT_SCORING_ERROR_OUT_OF_RANGE,
  NAWAT_SCORING_ERROR_INCOMPLETE,
  NAWAT_SCORING_ERROR_CONFLICT_OF_INTEREST,
} NawatScoringError;

/* The result of scoring an evaluation with a rubric (DOMAIN.md). */
typedef struct
{
  /* 0–100; meaningful only when @complete */
  double   composite;
  /* every required criterion is scored */
  gboolean complete;
  /* scored required criteria / required criteria, 0–1 */
  double   completeness;
  guint    n_required;
  guint    n_scored_required;
} NawatScore;

GQuark   nawat_scoring_error_quark         (void);
/* (score − min) / (max − min) */
double   nawat_scoring_normalise           (NawatCriterion   *criterion,
                                            double            score);
/* The group score S_g in [0, 1]; FALSE when no criterion of it is scored. */
gboolean nawat_scoring_group_score         (NawatRubricGroup *group,
                                            NawatEvaluation  *evaluation,
                                            double           *score);
void     nawat_scoring_compute             (NawatRubric      *rubric,
                                            NawatEvaluation  *evaluation,
                                            NawatScore       *score);
/* Checks that "<group>.<criterion>" exists and @value is a level of its
 * scale (a whole number from min to max).
 */
gboolean nawat_scoring_check_score         (NawatRubric      *rubric,
                                            const char       *key,
                                            double            value,
                                            GError          **error);
/* The required keys still without a score, in rubric order. */
GStrv    nawat_scoring_dup_missing         (NawatRubric      *rubric,
                                            NawatEvaluation  *evaluation);
/* Marks @evaluation submitted when it is complete and no conflict of
 * interest is declared; otherwise an error naming what is missing.
 */
gboolean nawat_scoring_submit              (NawatRubric      *rubric,
                                            NawatEvaluation  *evaluation,
                                            GError          **error);

G_END_DECLS
