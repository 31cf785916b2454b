/* test-rubric.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-call.h"
#include "nawat-domains.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"
#include "nawat-rubric.h"

typedef struct
{
  guint  count;
  char  *last_key;
} SignalLog;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
on_keyed_cb (NawatEvaluation *evaluation,
             const char      *key,
             SignalLog       *log)
{
  log->count++;
  g_free (log->last_key);
  log->last_key = g_strdup (key);
}

static guint
connect_notify (gpointer    object,
                const char *property,
                guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  return g_signal_connect (object, signal, G_CALLBACK (on_notify_cb), count);
}

static NawatCriterion *
make_criterion (const char *key,
                int         min,
                int         max)
{
  NawatCriterion *criterion = nawat_criterion_new (key);

  nawat_criterion_set_min (criterion, min);
  nawat_criterion_set_max (criterion, max);
  for (int value = max; value >= min; value--)
    {
      g_autofree char *label = g_strdup_printf ("level %d", value);
      g_autoptr(NawatText) text = nawat_text_new (NULL, label);
      g_autoptr(NawatLevel) level = nawat_level_new (value, text, text);

      nawat_criterion_add_level (criterion, level);
    }

  return criterion;
}

/* Two groups: "alpha" (a, b) and "beta" (c, and "x.y", whose key holds a dot),
 * plus "alpha.x" (z) to check that the group is what precedes the FIRST dot.
 */
static NawatRubric *
make_rubric (void)
{
  NawatRubric *rubric = nawat_rubric_new ("rubric:test:1");
  const char *layout[][4] = {
    { "alpha", "a", "b", NULL },
    { "beta", "c", "x.y", NULL },
    { "alpha.x", "z", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (layout); i++)
    {
      g_autoptr(NawatRubricGroup) group = nawat_rubric_group_new (layout[i][0]);

      for (guint j = 1; layout[i][j] != NULL; j++)
        {
          g_autoptr(NawatCriterion) criterion = make_criterion (layout[i][j], 1, 5);

          nawat_rubric_group_add_criterion (group, criterion);
        }
      nawat_rubric_add_group (rubric, group);
    }

  return rubric;
}

static void
test_rubric_find (void)
{
  g_autoptr(NawatRubric) rubric = make_rubric ();
  NawatRubricGroup *group = NULL;
  NawatCriterion *criterion;

  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (rubric)), ==, "rubric:test:1");
  g_assert_cmpstr (nawat_document_get_doc_type (NAWAT_DOCUMENT (rubric)), ==, "rubric");
  g_assert_cmpuint (g_list_model_get_n_items (nawat_rubric_get_groups (rubric)), ==, 3);
  g_assert_cmpuint (nawat_rubric_get_n_criteria (rubric), ==, 5);

  g_assert_nonnull (nawat_rubric_find_group (rubric, "beta"));
  g_assert_null (nawat_rubric_find_group (rubric, "gamma"));
  g_assert_null (nawat_rubric_find_group (rubric, "alph"));

  criterion = nawat_rubric_find_criterion (rubric, "alpha.b", &group);
  g_assert_nonnull (criterion);
  g_assert_cmpstr (nawat_criterion_get_key (criterion), ==, "b");
  g_assert_cmpstr (nawat_rubric_group_get_key (group), ==, "alpha");

  /* Split at the first dot: group "beta", criterion "x.y". */
  criterion = nawat_rubric_find_criterion (rubric, "beta.x.y", &group);
  g_assert_nonnull (criterion);
  g_assert_cmpstr (nawat_criterion_get_key (criterion), ==, "x.y");
  g_assert_cmpstr (nawat_rubric_group_get_key (group), ==, "beta");

  /* "alpha.x.z" means group "alpha", criterion "x.z", which does not exist. */
  group = (NawatRubricGroup *)rubric;
  g_assert_null (nawat_rubric_find_criterion (rubric, "alpha.x.z", &group));
  g_assert_null (group);

  g_assert_null (nawat_rubric_find_criterion (rubric, "alpha", NULL));
  g_assert_null (nawat_rubric_find_criterion (rubric, "alpha.c", NULL));
  g_assert_null (nawat_rubric_find_criterion (rubric, "gamma.a", NULL));
  g_assert_null (nawat_rubric_find_criterion (rubric, ".a", NULL));
  g_assert_null (nawat_rubric_find_criterion (rubric, "alpha.", NULL));
  g_assert_nonnull (nawat_rubric_find_criterion (rubric, "alpha.a", NULL));
}

static void
test_rubric_score_keys (void)
{
  g_autoptr(NawatRubric) rubric = make_rubric ();
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (rubric);
  const char * const expected[] = { "alpha.a", "alpha.b", "beta.c", "beta.x.y", "alpha.x.z", NULL };

  g_assert_cmpstrv (keys, expected);
  g_assert_cmpuint (g_strv_length (keys), ==, nawat_rubric_get_n_criteria (rubric));

  /* Every key finds its criterion, but for the group whose own key holds a
   * dot: the split at the first dot makes it unreachable.
   */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (g_str_equal (keys[i], "alpha.x.z"))
        g_assert_null (nawat_rubric_find_criterion (rubric, keys[i], NULL));
      else
        g_assert_nonnull (nawat_rubric_find_criterion (rubric, keys[i], NULL));
    }
}

static void
test_rubric_empty (void)
{
  g_autoptr(NawatRubric) rubric = nawat_rubric_new ("rubric:empty:1");
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (rubric);

  g_assert_nonnull (keys);
  g_assert_null (keys[0]);
  g_assert_cmpuint (nawat_rubric_get_n_criteria (rubric), ==, 0);
}

static void
test_criterion_levels (void)
{
  g_autoptr(NawatCriterion) criterion = make_criterion ("impact", 1, 5);
  g_autoptr(NawatText) label = nawat_text_new ("สูง", "High");
  g_autoptr(NawatLevel) replacement = nawat_level_new (4, label, NULL);
  GPtrArray *levels = nawat_criterion_get_levels (criterion);
  const NawatLevel *level;

  /* Added from 5 down to 1, kept in value order. */
  g_assert_cmpuint (levels->len, ==, 5);
  for (guint i = 0; i < levels->len; i++)
    g_assert_cmpint (((NawatLevel *)g_ptr_array_index (levels, i))->value, ==, (int)i + 1);

  nawat_criterion_add_level (criterion, replacement);
  g_assert_cmpuint (levels->len, ==, 5);
  level = nawat_criterion_find_level (criterion, 4);
  g_assert_nonnull (level);
  g_assert_true (level != replacement);
  g_assert_cmpstr (level->label->en, ==, "High");
  g_assert_null (nawat_criterion_find_level (criterion, 0));
  g_assert_null (nawat_criterion_find_level (criterion, 6));

  g_assert_cmpfloat (nawat_criterion_get_weight (criterion), ==, 1.0);
  g_assert_true (nawat_criterion_get_required (criterion));
}

static void
test_notify_once (void)
{
  g_autoptr(NawatCriterion) criterion = nawat_criterion_new ("a");
  g_autoptr(NawatRubricGroup) group = nawat_rubric_group_new ("g");
  g_autoptr(NawatText) label = nawat_text_new ("ก", "A");
  g_autoptr(NawatText) same_label = nawat_text_new ("ก", "A");
  g_autoptr(NawatText) other_label = nawat_text_new ("ข", "A");
  guint label_count = 0;
  guint max_count = 0;
  guint weight_count = 0;
  guint required_count = 0;
  guint aggregation_count = 0;
  guint group_weight_count = 0;
  NawatAggregation aggregation;

  connect_notify (criterion, "label", &label_count);
  connect_notify (criterion, "max", &max_count);
  connect_notify (criterion, "weight", &weight_count);
  connect_notify (criterion, "required", &required_count);

  nawat_criterion_set_label (criterion, label);
  nawat_criterion_set_label (criterion, same_label);
  g_assert_cmpuint (label_count, ==, 1);
  nawat_criterion_set_label (criterion, other_label);
  g_assert_cmpuint (label_count, ==, 2);
  g_object_set (criterion, "label", other_label, NULL);
  g_assert_cmpuint (label_count, ==, 2);
  nawat_criterion_set_label (criterion, NULL);
  g_assert_cmpuint (label_count, ==, 3);

  nawat_criterion_set_max (criterion, 4);
  nawat_criterion_set_max (criterion, 4);
  g_object_set (criterion, "max", 4, NULL);
  g_assert_cmpuint (max_count, ==, 1);

  nawat_criterion_set_weight (criterion, 1.0);
  g_assert_cmpuint (weight_count, ==, 0);
  nawat_criterion_set_weight (criterion, 2.5);
  nawat_criterion_set_weight (criterion, 2.5);
  g_assert_cmpuint (weight_count, ==, 1);

  nawat_criterion_set_required (criterion, TRUE);
  g_assert_cmpuint (required_count, ==, 0);
  nawat_criterion_set_required (criterion, FALSE);
  nawat_criterion_set_required (criterion, FALSE);
  g_assert_cmpuint (required_count, ==, 1);

  connect_notify (group, "aggregation", &aggregation_count);
  connect_notify (group, "weight", &group_weight_count);
  nawat_rubric_group_set_aggregation (group, NAWAT_AGGREGATION_MAX);
  nawat_rubric_group_set_aggregation (group, NAWAT_AGGREGATION_MAX);
  g_assert_cmpuint (aggregation_count, ==, 1);
  g_object_get (group, "aggregation", &aggregation, NULL);
  g_assert_cmpint (aggregation, ==, NAWAT_AGGREGATION_MAX);
  nawat_rubric_group_set_weight (group, 20);
  nawat_rubric_group_set_weight (group, 20);
  g_assert_cmpuint (group_weight_count, ==, 1);
}

static void
test_project (void)
{
  g_autoptr(NawatProject) project = nawat_project_new ("c1", "p-001");
  g_autoptr(NawatPartner) partner = nawat_partner_new ("มหาวิทยาลัยเชียงใหม่", "academia");
  const char * const domains[] = { "health", "environment", NULL };
  const char * const same_domains[] = { "health", "environment", NULL };
  const char * const other_domains[] = { "environment", "health", NULL };
  g_auto(GStrv) from_property = NULL;
  guint domains_count = 0;
  guint budget_count = 0;
  guint organisation_count = 0;
  gint64 budget = 0;

  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (project)), ==, "project:c1:p-001");
  g_assert_cmpstr (nawat_document_get_doc_type (NAWAT_DOCUMENT (project)), ==, "project");
  g_assert_cmpstr (nawat_project_get_call (project), ==, "c1");
  g_assert_cmpstr (nawat_project_get_code (project), ==, "p-001");
  g_assert_nonnull (nawat_project_get_domains (project));
  g_assert_null (nawat_project_get_domains (project)[0]);

  connect_notify (project, "domains", &domains_count);
  connect_notify (project, "budget-thb", &budget_count);
  connect_notify (project, "organisation", &organisation_count);

  nawat_project_set_domains (project, domains);
  nawat_project_set_domains (project, same_domains);
  g_assert_cmpuint (domains_count, ==, 1);
  nawat_project_set_domains (project, other_domains);
  g_assert_cmpuint (domains_count, ==, 2);
  g_assert_cmpstrv (nawat_project_get_domains (project), other_domains);
  g_object_get (project, "domains", &from_property, NULL);
  g_assert_cmpstrv (from_property, other_domains);

  nawat_project_set_budget_thb (project, 1500000);
  g_object_set (project, "budget-thb", (gint64)1500000, NULL);
  g_assert_cmpuint (budget_count, ==, 1);
  g_object_get (project, "budget-thb", &budget, NULL);
  g_assert_cmpint (budget, ==, 1500000);

  nawat_project_set_organisation (project, "มูลนิธิ");
  nawat_project_set_organisation (project, "มูลนิธิ");
  g_assert_cmpuint (organisation_count, ==, 1);

  nawat_project_add_partner (project, partner);
  g_assert_cmpuint (nawat_project_get_partners (project)->len, ==, 1);
  g_assert_true (g_ptr_array_index (nawat_project_get_partners (project), 0) != partner);
}

static void
test_call (void)
{
  g_autoptr(NawatCall) call = nawat_call_new ("c2569");
  const char * const evaluators[] = { "somchai", "evaluator-03", NULL };
  guint count = 0;

  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (call)), ==, "call:c2569");
  g_assert_cmpstr (nawat_call_get_call_id (call), ==, "c2569");
  g_assert_cmpstr (nawat_document_get_doc_type (NAWAT_DOCUMENT (call)), ==, "call");
  g_assert_nonnull (nawat_call_get_evaluators (call));

  connect_notify (call, "evaluators", &count);
  nawat_call_set_evaluators (call, evaluators);
  nawat_call_set_evaluators (call, evaluators);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstrv (nawat_call_get_evaluators (call), evaluators);
  nawat_call_set_evaluators (call, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_null (nawat_call_get_evaluators (call)[0]);
}

static void
test_document_base (void)
{
  g_autoptr(NawatCall) call = nawat_call_new ("c1");
  g_autoptr(JsonObject) extra = json_object_new ();
  guint rev_count = 0;
  guint extra_count = 0;

  connect_notify (call, "rev", &rev_count);
  connect_notify (call, "extra", &extra_count);

  g_assert_null (nawat_document_get_rev (NAWAT_DOCUMENT (call)));
  nawat_document_set_rev (NAWAT_DOCUMENT (call), "1-abc");
  nawat_document_set_rev (NAWAT_DOCUMENT (call), "1-abc");
  g_assert_cmpuint (rev_count, ==, 1);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (call)), ==, "1-abc");

  json_object_set_string_member (extra, "x-future", "kept");
  nawat_document_set_extra (NAWAT_DOCUMENT (call), extra);
  nawat_document_set_extra (NAWAT_DOCUMENT (call), extra);
  g_assert_cmpuint (extra_count, ==, 1);
  g_assert_true (nawat_document_get_extra (NAWAT_DOCUMENT (call)) == extra);
}

static void
test_evaluation_id (void)
{
  g_autoptr(NawatEvaluation) evaluation = NULL;

  evaluation = nawat_evaluation_new ("project:c1:p-001", "evaluator-03", NAWAT_DEFAULT_RUBRIC_ID);
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (evaluation)), ==,
                   "evaluation:c1:p-001:evaluator-03");
  g_assert_cmpstr (nawat_document_get_doc_type (NAWAT_DOCUMENT (evaluation)), ==, "evaluation");
  g_assert_cmpstr (nawat_evaluation_get_project (evaluation), ==, "project:c1:p-001");
  g_assert_cmpstr (nawat_evaluation_get_evaluator (evaluation), ==, "evaluator-03");
  g_assert_cmpstr (nawat_evaluation_get_rubric (evaluation), ==, NAWAT_DEFAULT_RUBRIC_ID);
  g_assert_cmpint (nawat_evaluation_get_status (evaluation), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_cmpint (nawat_evaluation_get_recommendation (evaluation), ==, NAWAT_RECOMMENDATION_NONE);
}

static void
test_evaluation_scores (void)
{
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new ("project:c1:p1", "somchai", NAWAT_DEFAULT_RUBRIC_ID);
  SignalLog all = { 0 };
  SignalLog health = { 0 };
  SignalLog comments = { 0 };
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) comment_keys = NULL;
  const char * const expected_keys[] = { "domains.health", "merit.impact", NULL };
  double value = -1;

  g_signal_connect (evaluation, "score-changed", G_CALLBACK (on_keyed_cb), &all);
  g_signal_connect (evaluation, "score-changed::domains.health", G_CALLBACK (on_keyed_cb), &health);
  g_signal_connect (evaluation, "comment-changed", G_CALLBACK (on_keyed_cb), &comments);

  g_assert_false (nawat_evaluation_get_score (evaluation, "domains.health", &value));
  g_assert_cmpfloat (value, ==, -1);

  nawat_evaluation_set_score (evaluation, "domains.health", 3);
  g_assert_cmpuint (all.count, ==, 1);
  g_assert_cmpuint (health.count, ==, 1);
  g_assert_cmpstr (health.last_key, ==, "domains.health");
  g_assert_true (nawat_evaluation_get_score (evaluation, "domains.health", &value));
  g_assert_cmpfloat (value, ==, 3);

  /* The same value again changes nothing. */
  nawat_evaluation_set_score (evaluation, "domains.health", 3);
  g_assert_cmpuint (all.count, ==, 1);

  nawat_evaluation_set_score (evaluation, "merit.impact", 5);
  g_assert_cmpuint (all.count, ==, 2);
  g_assert_cmpuint (health.count, ==, 1);
  g_assert_cmpstr (all.last_key, ==, "merit.impact");

  nawat_evaluation_set_score (evaluation, "domains.health", 4);
  g_assert_cmpuint (health.count, ==, 2);

  keys = nawat_evaluation_dup_score_keys (evaluation);
  g_assert_cmpstrv (keys, expected_keys);

  nawat_evaluation_clear_score (evaluation, "domains.health");
  g_assert_cmpuint (health.count, ==, 3);
  g_assert_false (nawat_evaluation_get_score (evaluation, "domains.health", NULL));
  nawat_evaluation_clear_score (evaluation, "domains.health");
  g_assert_cmpuint (health.count, ==, 3);
  g_assert_cmpuint (all.count, ==, 4);

  nawat_evaluation_set_comment (evaluation, "merit.impact", "ดีมาก");
  nawat_evaluation_set_comment (evaluation, "merit.impact", "ดีมาก");
  g_assert_cmpuint (comments.count, ==, 1);
  g_assert_cmpstr (comments.last_key, ==, "merit.impact");
  g_assert_cmpstr (nawat_evaluation_get_comment (evaluation, "merit.impact"), ==, "ดีมาก");
  nawat_evaluation_set_comment (evaluation, "domains.health", "");
  g_assert_cmpuint (comments.count, ==, 1);
  comment_keys = nawat_evaluation_dup_comment_keys (evaluation);
  g_assert_cmpuint (g_strv_length (comment_keys), ==, 1);
  nawat_evaluation_set_comment (evaluation, "merit.impact", NULL);
  g_assert_cmpuint (comments.count, ==, 2);
  g_assert_null (nawat_evaluation_get_comment (evaluation, "merit.impact"));

  g_free (all.last_key);
  g_free (health.last_key);
  g_free (comments.last_key);
}

static void
test_evaluation_properties (void)
{
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new ("project:c1:p1", "somchai", NAWAT_DEFAULT_RUBRIC_ID);
  guint recommendation_count = 0;
  guint declared_count = 0;
  guint note_count = 0;
  guint status_count = 0;
  guint comment_count = 0;
  NawatRecommendation recommendation;

  connect_notify (evaluation, "recommendation", &recommendation_count);
  connect_notify (evaluation, "conflict-declared", &declared_count);
  connect_notify (evaluation, "conflict-note", &note_count);
  connect_notify (evaluation, "status", &status_count);
  connect_notify (evaluation, "overall-comment", &comment_count);

  nawat_evaluation_set_recommendation (evaluation, NAWAT_RECOMMENDATION_FUND);
  g_object_set (evaluation, "recommendation", NAWAT_RECOMMENDATION_FUND, NULL);
  g_assert_cmpuint (recommendation_count, ==, 1);
  g_object_get (evaluation, "recommendation", &recommendation, NULL);
  g_assert_cmpint (recommendation, ==, NAWAT_RECOMMENDATION_FUND);

  nawat_evaluation_set_conflict (evaluation, TRUE, "ญาติ");
  g_assert_cmpuint (declared_count, ==, 1);
  g_assert_cmpuint (note_count, ==, 1);
  nawat_evaluation_set_conflict (evaluation, TRUE, "ญาติ");
  g_assert_cmpuint (declared_count, ==, 1);
  g_assert_cmpuint (note_count, ==, 1);
  nawat_evaluation_set_conflict (evaluation, FALSE, "ญาติ");
  g_assert_cmpuint (declared_count, ==, 2);
  g_assert_cmpuint (note_count, ==, 1);
  g_object_set (evaluation, "conflict-note", "ญาติ", NULL);
  g_assert_cmpuint (note_count, ==, 1);
  g_assert_false (nawat_evaluation_get_conflict_declared (evaluation));
  g_assert_cmpstr (nawat_evaluation_get_conflict_note (evaluation), ==, "ญาติ");

  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_DRAFT);
  g_assert_cmpuint (status_count, ==, 0);
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  g_assert_cmpuint (status_count, ==, 1);

  nawat_evaluation_set_overall_comment (evaluation, "สรุป");
  nawat_evaluation_set_overall_comment (evaluation, "สรุป");
  g_assert_cmpuint (comment_count, ==, 1);
}

static void
test_evaluation_touch (void)
{
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new ("project:c1:p1", "somchai", NAWAT_DEFAULT_RUBRIC_ID);
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GDateTime) before_s = NULL;
  guint count = 0;

  connect_notify (evaluation, "updated", &count);

  before = g_date_time_new_now_utc ();
  nawat_evaluation_touch (evaluation);
  after = g_date_time_new_now_utc ();

  g_assert_cmpuint (count, ==, 1);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       nawat_evaluation_get_updated (evaluation), 0, 0));
  updated = g_date_time_new_from_iso8601 (nawat_evaluation_get_updated (evaluation), NULL);
  g_assert_nonnull (updated);
  /* Seconds precision: compare against the start truncated to the second. */
  before_s = g_date_time_add (before, -(g_date_time_get_microsecond (before)));
  g_assert_cmpint (g_date_time_compare (before_s, updated), <=, 0);
  g_assert_cmpint (g_date_time_compare (updated, after), <=, 0);
}

static void
test_evaluation_copy_equal (void)
{
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new ("project:c1:p1", "somchai", NAWAT_DEFAULT_RUBRIC_ID);
  g_autoptr(NawatEvaluation) copy = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) nested = json_object_new ();
  JsonObject *copied_extra;

  json_object_set_string_member (nested, "inner", "value");
  json_object_set_object_member (extra, "x-future", json_object_ref (nested));
  nawat_document_set_extra (NAWAT_DOCUMENT (evaluation), extra);
  nawat_document_set_rev (NAWAT_DOCUMENT (evaluation), "3-abc");
  nawat_evaluation_set_score (evaluation, "merit.impact", 4);
  nawat_evaluation_set_comment (evaluation, "merit.impact", "ok");
  nawat_evaluation_set_overall_comment (evaluation, "overall");
  nawat_evaluation_set_recommendation (evaluation, NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS);
  nawat_evaluation_set_conflict (evaluation, TRUE, "note");
  nawat_evaluation_set_updated (evaluation, "2026-11-23T08:30:00Z");

  copy = nawat_evaluation_copy (evaluation);
  g_assert_true (copy != evaluation);
  g_assert_true (nawat_evaluation_equal_content (evaluation, copy));
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (copy)), ==,
                   nawat_document_get_id (NAWAT_DOCUMENT (evaluation)));
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (copy)), ==, "3-abc");
  g_assert_cmpstr (nawat_evaluation_get_updated (copy), ==, "2026-11-23T08:30:00Z");
  g_assert_cmpstr (nawat_evaluation_get_comment (copy, "merit.impact"), ==, "ok");
  g_assert_cmpint (nawat_evaluation_get_recommendation (copy), ==, NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS);
  g_assert_true (nawat_evaluation_get_conflict_declared (copy));

  /* The extra members are copied deeply. */
  copied_extra = nawat_document_get_extra (NAWAT_DOCUMENT (copy));
  g_assert_nonnull (copied_extra);
  g_assert_true (copied_extra != extra);
  g_assert_true (json_object_get_object_member (copied_extra, "x-future") != nested);
  json_object_set_string_member (nested, "inner", "changed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (copied_extra, "x-future"), "inner"),
                   ==, "value");
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
  json_object_set_string_member (nested, "inner", "value");
  g_assert_true (nawat_evaluation_equal_content (evaluation, copy));

  /* Revision and "updated" do not count. */
  nawat_document_set_rev (NAWAT_DOCUMENT (copy), "4-def");
  nawat_evaluation_touch (copy);
  g_assert_true (nawat_evaluation_equal_content (evaluation, copy));

  nawat_evaluation_set_score (copy, "merit.impact", 3);
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
  nawat_evaluation_set_score (copy, "merit.impact", 4);
  g_assert_true (nawat_evaluation_equal_content (evaluation, copy));

  nawat_evaluation_set_score (copy, "merit.feasibility", 4);
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
  nawat_evaluation_clear_score (copy, "merit.feasibility");
  g_assert_true (nawat_evaluation_equal_content (evaluation, copy));

  nawat_evaluation_set_comment (copy, "merit.impact", "changed");
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
  nawat_evaluation_set_comment (copy, "merit.impact", "ok");

  nawat_evaluation_set_status (copy, NAWAT_EVALUATION_SUBMITTED);
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
  nawat_evaluation_set_status (copy, NAWAT_EVALUATION_DRAFT);

  nawat_evaluation_set_conflict (copy, TRUE, "other");
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
  nawat_evaluation_set_conflict (copy, TRUE, "note");
  g_assert_true (nawat_evaluation_equal_content (evaluation, copy));

  nawat_evaluation_set_recommendation (copy, NAWAT_RECOMMENDATION_REJECT);
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
}

static void
test_enum_strings (void)
{
  const NawatRecommendation recommendations[] = {
    NAWAT_RECOMMENDATION_NONE,
    NAWAT_RECOMMENDATION_FUND,
    NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS,
    NAWAT_RECOMMENDATION_REJECT,
  };
  const NawatEvaluationStatus statuses[] = {
    NAWAT_EVALUATION_DRAFT,
    NAWAT_EVALUATION_SUBMITTED,
  };
  g_autoptr(GEnumClass) recommendation_class = g_type_class_ref (NAWAT_TYPE_RECOMMENDATION);
  g_autoptr(GEnumClass) status_class = g_type_class_ref (NAWAT_TYPE_EVALUATION_STATUS);
  g_autoptr(GEnumClass) aggregation_class = g_type_class_ref (NAWAT_TYPE_AGGREGATION);
  NawatRecommendation recommendation;
  NawatEvaluationStatus status;

  for (guint i = 0; i < G_N_ELEMENTS (recommendations); i++)
    {
      const char *str = nawat_recommendation_to_string (recommendations[i]);

      recommendation = -1;
      g_assert_true (nawat_recommendation_from_string (str, &recommendation));
      g_assert_cmpint (recommendation, ==, recommendations[i]);

      /* The GEnum nicks are the JSON strings. */
      if (str != NULL)
        g_assert_cmpint (g_enum_get_value_by_nick (recommendation_class, str)->value,
                         ==, recommendations[i]);
    }
  g_assert_null (nawat_recommendation_to_string (NAWAT_RECOMMENDATION_NONE));
  g_assert_cmpstr (nawat_recommendation_to_string (NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS),
                   ==, "fund-with-conditions");
  recommendation = NAWAT_RECOMMENDATION_FUND;
  g_assert_false (nawat_recommendation_from_string ("maybe", &recommendation));
  g_assert_false (nawat_recommendation_from_string ("", &recommendation));
  g_assert_false (nawat_recommendation_from_string ("Fund", &recommendation));
  g_assert_cmpint (recommendation, ==, NAWAT_RECOMMENDATION_FUND);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      const char *str = nawat_evaluation_status_to_string (statuses[i]);

      g_assert_nonnull (str);
      status = -1;
      g_assert_true (nawat_evaluation_status_from_string (str, &status));
      g_assert_cmpint (status, ==, statuses[i]);
      g_assert_cmpint (g_enum_get_value_by_nick (status_class, str)->value, ==, statuses[i]);
    }
  g_assert_cmpstr (nawat_evaluation_status_to_string (NAWAT_EVALUATION_SUBMITTED), ==, "submitted");
  g_assert_false (nawat_evaluation_status_from_string (NULL, &status));
  g_assert_false (nawat_evaluation_status_from_string ("final", &status));

  g_assert_cmpint (g_enum_get_value_by_nick (aggregation_class, "mean")->value, ==, NAWAT_AGGREGATION_MEAN);
  g_assert_cmpint (g_enum_get_value_by_nick (aggregation_class, "max")->value, ==, NAWAT_AGGREGATION_MAX);
}

static void
check_group_keys (NawatRubricGroup *group,
                  const NawatTerm  *terms,
                  guint             n_terms)
{
  GListModel *criteria = nawat_rubric_group_get_criteria (group);

  g_assert_cmpuint (g_list_model_get_n_items (criteria), ==, n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, i);

      g_assert_cmpstr (nawat_criterion_get_key (criterion), ==, terms[i].key);
    }
}

static void
check_text (const NawatText *text)
{
  g_assert_nonnull (text);
  g_assert_nonnull (text->th);
  g_assert_nonnull (text->en);
  g_assert_cmpstr (text->th, !=, "");
  g_assert_cmpstr (text->en, !=, "");
}

static void
test_default_rubric (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  const struct {
    const char       *key;
    double            weight;
    NawatAggregation  aggregation;
    int               min;
    int               max;
  } expected[] = {
    { "domains", 20, NAWAT_AGGREGATION_MAX, 0, 4 },
    { "helix", 20, NAWAT_AGGREGATION_MEAN, 0, 4 },
    { "merit", 60, NAWAT_AGGREGATION_MEAN, 1, 5 },
  };
  const char * const merit_keys[] = { "innovation", "impact", "feasibility", "sustainability", "participation" };
  GListModel *groups;

  g_assert_nonnull (rubric);
  g_assert_true (rubric == nawat_rubric_get_default ());
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (rubric)), ==, NAWAT_DEFAULT_RUBRIC_ID);
  check_text (nawat_rubric_get_title (rubric));

  groups = nawat_rubric_get_groups (rubric);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (nawat_rubric_get_n_criteria (rubric), ==,
                    NAWAT_N_DOMAINS + NAWAT_N_HELIX + G_N_ELEMENTS (merit_keys));
  g_assert_cmpuint (nawat_rubric_get_n_criteria (rubric), ==, 19);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, i);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);
      guint n = g_list_model_get_n_items (criteria);

      g_assert_cmpstr (nawat_rubric_group_get_key (group), ==, expected[i].key);
      g_assert_cmpfloat (nawat_rubric_group_get_weight (group), ==, expected[i].weight);
      g_assert_cmpint (nawat_rubric_group_get_aggregation (group), ==, expected[i].aggregation);
      check_text (nawat_rubric_group_get_label (group));

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, j);
          GPtrArray *levels = nawat_criterion_get_levels (criterion);

          g_assert_cmpint (nawat_criterion_get_min (criterion), ==, expected[i].min);
          g_assert_cmpint (nawat_criterion_get_max (criterion), ==, expected[i].max);
          g_assert_cmpfloat (nawat_criterion_get_weight (criterion), ==, 1.0);
          g_assert_true (nawat_criterion_get_required (criterion));
          check_text (nawat_criterion_get_label (criterion));

          g_assert_cmpuint (levels->len, ==, expected[i].max - expected[i].min + 1);
          for (guint k = 0; k < levels->len; k++)
            {
              const NawatLevel *level = g_ptr_array_index (levels, k);

              g_assert_cmpint (level->value, ==, expected[i].min + (int)k);
              check_text (level->label);
              check_text (level->descriptor);
            }
        }
    }

  check_group_keys (nawat_rubric_find_group (rubric, "domains"), nawat_domains (), NAWAT_N_DOMAINS);
  check_group_keys (nawat_rubric_find_group (rubric, "helix"), nawat_helix_sectors (), NAWAT_N_HELIX);
  for (guint i = 0; i < G_N_ELEMENTS (merit_keys); i++)
    {
      g_autofree char *key = g_strconcat ("merit.", merit_keys[i], NULL);

      g_assert_nonnull (nawat_rubric_find_criterion (rubric, key, NULL));
    }
  g_assert_nonnull (nawat_rubric_find_criterion (rubric, "helix.civil-society", NULL));
  g_assert_nonnull (nawat_rubric_find_criterion (rubric, "domains.environment", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/rubric/find", test_rubric_find);
  g_test_add_func ("/nawat/rubric/score-keys", test_rubric_score_keys);
  g_test_add_func ("/nawat/rubric/empty", test_rubric_empty);
  g_test_add_func ("/nawat/rubric/criterion-levels", test_criterion_levels);
  g_test_add_func ("/nawat/rubric/notify-once", test_notify_once);
  g_test_add_func ("/nawat/rubric/project", test_project);
  g_test_add_func ("/nawat/rubric/call", test_call);
  g_test_add_func ("/nawat/rubric/document-base", test_document_base);
  g_test_add_func ("/nawat/rubric/evaluation-id", test_evaluation_id);
  g_test_add_func ("/nawat/rubric/evaluation-scores", test_evaluation_scores);
  g_test_add_func ("/nawat/rubric/evaluation-properties", test_evaluation_properties);
  g_test_add_func ("/nawat/rubric/evaluation-touch", test_evaluation_touch);
  g_test_add_func ("/nawat/rubric/evaluation-copy-equal", test_evaluation_copy_equal);
  g_test_add_func ("/nawat/rubric/enum-strings", test_enum_strings);
  g_test_add_func ("/nawat/rubric/default", test_default_rubric);

  return g_test_run ();
}
