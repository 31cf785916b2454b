/* nawat-scoring.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-scoring.h"
#include "nawat-scoring-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (nawat-scoring-error-quark, nawat_scoring_error)

double
nawat_scoring_normalise (NawatCriterion *criterion,
                         double          score)
{
  int min, max;

  g_return_val_if_fail (NAWAT_IS_CRITERION (criterion), 0.0);

  min = nawat_criterion_get_min (criterion);
  max = nawat_criterion_get_max (criterion);

  if (max <= min)
    return 0.0;

  return CLAMP ((score - min) / (double) (max - min), 0.0, 1.0);
}

gboolean
nawat_scoring_group_score (NawatRubricGroup *group,
                           NawatEvaluation  *evaluation,
                           double           *score)
{
  GListModel *criteria;
  NawatAggregation aggregation;
  double sum = 0.0;
  double weights = 0.0;
  double best = 0.0;
  gboolean any = FALSE;
  guint n;

  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (group), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);

  criteria = nawat_rubric_group_get_criteria (group);
  aggregation = nawat_rubric_group_get_aggregation (group);
  n = g_list_model_get_n_items (criteria);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, i);
      g_autofree char *key = nawat_rubric_group_dup_score_key (group, criterion);
      double value;
      double norm;

      if (!nawat_evaluation_get_score (evaluation, key, &value))
        continue;

      norm = nawat_scoring_normalise (criterion, value);

      if (!any || norm > best)
        best = norm;
      sum += nawat_criterion_get_weight (criterion) * norm;
      weights += nawat_criterion_get_weight (criterion);
      any = TRUE;
    }

  if (!any)
    return FALSE;

  if (aggregation == NAWAT_AGGREGATION_MAX)
    {
      *score = best;
      return TRUE;
    }

  /* A weighted mean whose scored criteria all weigh nothing is undefined. */
  if (weights <= 0.0)
    return FALSE;

  *score = sum / weights;
  return TRUE;
}

static void
count_required (NawatRubric     *rubric,
                NawatEvaluation *evaluation,
                guint           *n_required,
                guint           *n_scored)
{
  GListModel *groups = nawat_rubric_get_groups (rubric);
  guint n_groups = g_list_model_get_n_items (groups);

  *n_required = 0;
  *n_scored = 0;

  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);
      guint n = g_list_model_get_n_items (criteria);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, i);
          g_autofree char *key = NULL;

          if (!nawat_criterion_get_required (criterion))
            continue;

          key = nawat_rubric_group_dup_score_key (group, criterion);
          (*n_required)++;
          if (nawat_evaluation_get_score (evaluation, key, NULL))
            (*n_scored)++;
        }
    }
}

/* The composite is 100 × Σ W_g·S_g / Σ W_g over the groups that have a
 * score; a group whose criteria are all optional and unscored takes no part.
 * An evaluation with a declared conflict of interest is never complete: the
 * project is not to be scored by that evaluator.
 */
void
nawat_scoring_compute (NawatRubric     *rubric,
                       NawatEvaluation *evaluation,
                       NawatScore      *score)
{
  GListModel *groups;
  double sum = 0.0;
  double weights = 0.0;
  guint n_groups;

  g_return_if_fail (NAWAT_IS_RUBRIC (rubric));
  g_return_if_fail (NAWAT_IS_EVALUATION (evaluation));
  g_return_if_fail (score != NULL);

  memset (score, 0, sizeof *score);

  count_required (rubric, evaluation, &score->n_required, &score->n_scored_required);
  score->completeness = score->n_required > 0
                        ? (double) score->n_scored_required / score->n_required
                        : 1.0;

  groups = nawat_rubric_get_groups (rubric);
  n_groups = g_list_model_get_n_items (groups);

  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      double s;

      if (!nawat_scoring_group_score (group, evaluation, &s))
        continue;

      sum += nawat_rubric_group_get_weight (group) * s;
      weights += nawat_rubric_group_get_weight (group);
    }

  score->complete = score->n_scored_required == score->n_required &&
                    weights > 0.0 &&
                    !nawat_evaluation_get_conflict_declared (evaluation);
  score->composite = score->complete ? 100.0 * sum / weights : 0.0;
}

char *
_nawat_scoring_check_reason (NawatRubric *rubric,
                             const char  *key,
                             double       value)
{
  NawatCriterion *criterion;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  criterion = nawat_rubric_find_criterion (rubric, key, NULL);
  if (criterion == NULL)
    return g_strdup_printf (_("unknown criterion “%s”"), key);

  /* Every score of every evaluation imported or pulled comes here: a
   * valid one costs three comparisons, and is never formatted.
   */
  if (isfinite (value) && value == round (value) &&
      value >= nawat_criterion_get_min (criterion) &&
      value <= nawat_criterion_get_max (criterion))
    return NULL;

  /* The shortest form that reads back the same, so that 3.0000000001
   * is not shown as 3.
   */
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);

  /* Exactly: a fraction, however small, would be stored rounded while the
   * composite used it.
   */
  if (!isfinite (value) || value != round (value))
    return g_strdup_printf (_("%s is not a whole number"), buf);
  if (value < nawat_criterion_get_min (criterion))
    return g_strdup_printf (_("%s is below the minimum %d"), buf,
                            nawat_criterion_get_min (criterion));
  if (value > nawat_criterion_get_max (criterion))
    return g_strdup_printf (_("%s is above the maximum %d"), buf,
                            nawat_criterion_get_max (criterion));

  return NULL;
}

gboolean
nawat_scoring_check_score (NawatRubric  *rubric,
                           const char   *key,
                           double        value,
                           GError      **error)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (NAWAT_IS_RUBRIC (rubric), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  reason = _nawat_scoring_check_reason (rubric, key, value);
  if (reason == NULL)
    return TRUE;

  g_set_error (error, NAWAT_SCORING_ERROR,
               nawat_rubric_find_criterion (rubric, key, NULL) == NULL
               ? NAWAT_SCORING_ERROR_UNKNOWN_CRITERION
               : NAWAT_SCORING_ERROR_OUT_OF_RANGE,
               "%s: %s", key, reason);
  return FALSE;
}

GStrv
nawat_scoring_dup_missing (NawatRubric     *rubric,
                           NawatEvaluation *evaluation)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (NAWAT_IS_RUBRIC (rubric), NULL);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), NULL);

  keys = nawat_rubric_dup_score_keys (rubric);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (rubric, keys[i], NULL);

      if (nawat_criterion_get_required (criterion) &&
          !nawat_evaluation_get_score (evaluation, keys[i], NULL))
        g_strv_builder_add (builder, keys[i]);
    }

  return g_strv_builder_end (builder);
}

gboolean
nawat_scoring_submit (NawatRubric      *rubric,
                      NawatEvaluation  *evaluation,
                      GError          **error)
{
  g_auto(GStrv) missing = NULL;

  g_return_val_if_fail (NAWAT_IS_RUBRIC (rubric), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);

  if (nawat_evaluation_get_conflict_declared (evaluation))
    {
      g_set_error_literal (error, NAWAT_SCORING_ERROR,
                           NAWAT_SCORING_ERROR_CONFLICT_OF_INTEREST,
                           _("A conflict of interest is declared: this project cannot be scored"));
      return FALSE;
    }

  missing = nawat_scoring_dup_missing (rubric, evaluation);
  if (missing[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", missing);

      g_set_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_INCOMPLETE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The evaluation is incomplete: %u criterion has no score: %s",
                                "The evaluation is incomplete: %u criteria have no score: %s",
                                g_strv_length (missing)),
                   g_strv_length (missing), list);
      return FALSE;
    }

  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  return TRUE;
}
