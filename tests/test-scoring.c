/* test-scoring.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-scoring.h"

#include <math.h>
#include <string.h>

#define PROJECT "project:c1:017"

/* A focused project: it is core to one domain only, so the domains group,
 * aggregated by max, counts it fully.  The values are computed by hand:
 *   domains: max n = 4/4 = 1
 *   helix: (2,3,1,4,2)/4 = (.5,.75,.25,1,.5), mean 0.6
 *   merit: (5,4,3,4,5) on 1–5 = (1,.75,.5,.75,1), mean 0.8
 *   composite = 100 × (20×1 + 20×0.6 + 60×0.8) / 100 = 80
 */
static NawatEvaluation *
focused_evaluation (void)
{
  static const struct { const char *key; double value; } scores[] = {
    { "domains.environment", 4 },
    { "domains.food-water-energy", 0 },
    { "domains.government-education", 0 },
    { "domains.finance-welfare", 0 },
    { "domains.sustainable-agriculture", 0 },
    { "domains.urbanization", 0 },
    { "domains.health", 0 },
    { "domains.tourism-culture", 0 },
    { "domains.disaster-management", 0 },
    { "helix.government", 2 },
    { "helix.academia", 3 },
    { "helix.private", 1 },
    { "helix.civil-society", 4 },
    { "helix.environment", 2 },
    { "merit.innovation", 5 },
    { "merit.impact", 4 },
    { "merit.feasibility", 3 },
    { "merit.sustainability", 4 },
    { "merit.participation", 5 },
  };
  NawatEvaluation *evaluation;

  evaluation = nawat_evaluation_new (PROJECT, "somchai", NAWAT_DEFAULT_RUBRIC_ID);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    nawat_evaluation_set_score (evaluation, scores[i].key, scores[i].value);

  return evaluation;
}

static void
test_focused_project (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(NawatEvaluation) evaluation = focused_evaluation ();
  NawatRubricGroup *domains = nawat_rubric_find_group (rubric, "domains");
  NawatRubricGroup *helix = nawat_rubric_find_group (rubric, "helix");
  NawatRubricGroup *merit = nawat_rubric_find_group (rubric, "merit");
  NawatScore score;
  double s;

  g_assert_true (nawat_scoring_group_score (domains, evaluation, &s));
  g_assert_cmpfloat_with_epsilon (s, 1.0, 1e-12);
  g_assert_true (nawat_scoring_group_score (helix, evaluation, &s));
  g_assert_cmpfloat_with_epsilon (s, 0.6, 1e-12);
  g_assert_true (nawat_scoring_group_score (merit, evaluation, &s));
  g_assert_cmpfloat_with_epsilon (s, 0.8, 1e-12);

  nawat_scoring_compute (rubric, evaluation, &score);
  g_assert_true (score.complete);
  g_assert_cmpuint (score.n_required, ==, 19);
  g_assert_cmpuint (score.n_scored_required, ==, 19);
  g_assert_cmpfloat_with_epsilon (score.completeness, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.composite, 80.0, 1e-9);
}

static void
test_missing_criterion (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(NawatEvaluation) evaluation = focused_evaluation ();
  g_auto(GStrv) missing = NULL;
  NawatScore score;

  nawat_evaluation_clear_score (evaluation, "merit.participation");
  nawat_scoring_compute (rubric, evaluation, &score);

  g_assert_false (score.complete);
  g_assert_cmpuint (score.n_scored_required, ==, 18);
  g_assert_cmpfloat_with_epsilon (score.completeness, 18.0 / 19.0, 1e-12);

  missing = nawat_scoring_dup_missing (rubric, evaluation);
  g_assert_cmpuint (g_strv_length (missing), ==, 1);
  g_assert_cmpstr (missing[0], ==, "merit.participation");
}

static void
test_extremes (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(NawatEvaluation) low = nawat_evaluation_new (PROJECT, "a", NAWAT_DEFAULT_RUBRIC_ID);
  g_autoptr(NawatEvaluation) high = nawat_evaluation_new (PROJECT, "b", NAWAT_DEFAULT_RUBRIC_ID);
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (rubric);
  NawatScore score;

  g_assert_cmpuint (g_strv_length (keys), ==, 19);

  for (guint i = 0; keys[i]; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (rubric, keys[i], NULL);

      nawat_evaluation_set_score (low, keys[i], nawat_criterion_get_min (criterion));
      nawat_evaluation_set_score (high, keys[i], nawat_criterion_get_max (criterion));
    }

  nawat_scoring_compute (rubric, low, &score);
  g_assert_true (score.complete);
  g_assert_cmpfloat_with_epsilon (score.composite, 0.0, 1e-12);

  nawat_scoring_compute (rubric, high, &score);
  g_assert_true (score.complete);
  g_assert_cmpfloat_with_epsilon (score.composite, 100.0, 1e-12);
}

/* A rubric with unequal weights and an optional criterion:
 *   group a (mean, weight 1): x 0–10 weight 3 = 10 → 1; y 0–10 weight 1 = 0 → 0
 *     S_a = (3×1 + 1×0) / 4 = 0.75
 *   group b (max, weight 3): z 1–5 = 3 → 0.5; w 0–4 optional, unscored
 *     S_b = 0.5
 *   composite = 100 × (1×0.75 + 3×0.5) / 4 = 56.25
 */
static NawatRubric *
weighted_rubric (void)
{
  NawatRubric *rubric = nawat_rubric_new ("rubric:weighted:1");
  g_autoptr(NawatRubricGroup) a = nawat_rubric_group_new ("a");
  g_autoptr(NawatRubricGroup) b = nawat_rubric_group_new ("b");
  static const struct { const char *key; int min, max; double weight; gboolean required; } spec[] = {
    { "x", 0, 10, 3, TRUE },
    { "y", 0, 10, 1, TRUE },
    { "z", 1, 5, 1, TRUE },
    { "w", 0, 4, 1, FALSE },
  };

  nawat_rubric_group_set_weight (a, 1);
  nawat_rubric_group_set_aggregation (a, NAWAT_AGGREGATION_MEAN);
  nawat_rubric_group_set_weight (b, 3);
  nawat_rubric_group_set_aggregation (b, NAWAT_AGGREGATION_MAX);

  for (guint i = 0; i < G_N_ELEMENTS (spec); i++)
    {
      g_autoptr(NawatCriterion) criterion = nawat_criterion_new (spec[i].key);

      nawat_criterion_set_min (criterion, spec[i].min);
      nawat_criterion_set_max (criterion, spec[i].max);
      nawat_criterion_set_weight (criterion, spec[i].weight);
      nawat_criterion_set_required (criterion, spec[i].required);
      nawat_rubric_group_add_criterion (i < 2 ? a : b, criterion);
    }

  nawat_rubric_add_group (rubric, a);
  nawat_rubric_add_group (rubric, b);
  return rubric;
}

static void
test_weights_and_optional (void)
{
  g_autoptr(NawatRubric) rubric = weighted_rubric ();
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new (PROJECT, "a", "rubric:weighted:1");
  NawatScore score;

  nawat_evaluation_set_score (evaluation, "a.x", 10);
  nawat_evaluation_set_score (evaluation, "a.y", 0);
  nawat_evaluation_set_score (evaluation, "b.z", 3);

  nawat_scoring_compute (rubric, evaluation, &score);
  g_assert_true (score.complete);
  g_assert_cmpuint (score.n_required, ==, 3);
  g_assert_cmpfloat_with_epsilon (score.composite, 56.25, 1e-9);

  /* The optional criterion takes part once scored: max(0.5, 4/4) = 1.
   * composite = 100 × (0.75 + 3) / 4 = 93.75 */
  nawat_evaluation_set_score (evaluation, "b.w", 4);
  nawat_scoring_compute (rubric, evaluation, &score);
  g_assert_cmpfloat_with_epsilon (score.composite, 93.75, 1e-9);
}

static void
test_conflict (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(NawatEvaluation) evaluation = focused_evaluation ();
  g_autoptr(GError) error = NULL;
  NawatScore score;

  nawat_evaluation_set_conflict (evaluation, TRUE, "I advised this team in 2568");
  nawat_scoring_compute (rubric, evaluation, &score);
  g_assert_false (score.complete);

  g_assert_false (nawat_scoring_submit (rubric, evaluation, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_CONFLICT_OF_INTEREST);
  g_assert_cmpint (nawat_evaluation_get_status (evaluation), ==, NAWAT_EVALUATION_DRAFT);
}

static void
test_check_score (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_scoring_check_score (rubric, "merit.innovation", 5, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_scoring_check_score (rubric, "domains.health", 0, &error));
  g_assert_no_error (error);

  g_assert_false (nawat_scoring_check_score (rubric, "merit.innovation", 7, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "7 is above the maximum 5"));
  g_clear_error (&error);

  g_assert_false (nawat_scoring_check_score (rubric, "merit.innovation", 0, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_false (nawat_scoring_check_score (rubric, "merit.innovation", 2.5, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_false (nawat_scoring_check_score (rubric, "merit.luck", 3, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_UNKNOWN_CRITERION);
  g_clear_error (&error);

  /* The domain and the helix sector called "environment" do not collide. */
  g_assert_false (nawat_scoring_check_score (rubric, "environment", 3, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_UNKNOWN_CRITERION);
}

static void
test_submit (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(NawatEvaluation) evaluation = focused_evaluation ();
  g_autoptr(GError) error = NULL;

  nawat_evaluation_clear_score (evaluation, "merit.impact");
  nawat_evaluation_clear_score (evaluation, "helix.private");

  g_assert_false (nawat_scoring_submit (rubric, evaluation, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "helix.private, merit.impact"));
  g_assert_cmpint (nawat_evaluation_get_status (evaluation), ==, NAWAT_EVALUATION_DRAFT);
  g_clear_error (&error);

  nawat_evaluation_set_score (evaluation, "merit.impact", 2);
  nawat_evaluation_set_score (evaluation, "helix.private", 0);
  g_assert_true (nawat_scoring_submit (rubric, evaluation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nawat_evaluation_get_status (evaluation), ==, NAWAT_EVALUATION_SUBMITTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/scoring/focused-project", test_focused_project);
  g_test_add_func ("/nawat/scoring/missing-criterion", test_missing_criterion);
  g_test_add_func ("/nawat/scoring/extremes", test_extremes);
  g_test_add_func ("/nawat/scoring/weights-and-optional", test_weights_and_optional);
  g_test_add_func ("/nawat/scoring/conflict", test_conflict);
  g_test_add_func ("/nawat/scoring/check-score", test_check_score);
  g_test_add_func ("/nawat/scoring/submit", test_submit);

  return g_test_run ();
}
