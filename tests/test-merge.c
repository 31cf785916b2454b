/* test-merge.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-merge.h"

static NawatEvaluation *
make_base (void)
{
  NawatEvaluation *evaluation = nawat_evaluation_new ("project:cmu:p1", "somchai",
                                                      "rubric:default:1");

  nawat_document_set_rev (NAWAT_DOCUMENT (evaluation), "1-aaa");
  nawat_evaluation_set_score (evaluation, "merit.innovation", 3);
  nawat_evaluation_set_score (evaluation, "merit.impact", 2);
  nawat_evaluation_set_comment (evaluation, "merit.impact", "Modest reach");
  nawat_evaluation_set_overall_comment (evaluation, "Promising");
  nawat_evaluation_set_updated (evaluation, "2026-01-01T00:00:00Z");
  return evaluation;
}

static NawatEvaluation *
fork_version (NawatEvaluation *base,
              const char      *rev,
              const char      *updated)
{
  NawatEvaluation *copy = nawat_evaluation_copy (base);

  nawat_document_set_rev (NAWAT_DOCUMENT (copy), rev);
  nawat_evaluation_set_updated (copy, updated);
  return copy;
}

static double
score (NawatEvaluation *evaluation,
       const char      *key)
{
  double value = -1;

  nawat_evaluation_get_score (evaluation, key, &value);
  return value;
}

static void
test_different_fields (void)
{
  g_autoptr(NawatEvaluation) base = make_base ();
  g_autoptr(NawatEvaluation) mine = fork_version (base, "1-aaa", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) theirs = fork_version (base, "2-bbb", "2026-01-03T00:00:00Z");
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);

  nawat_evaluation_set_score (mine, "merit.innovation", 5);
  nawat_evaluation_set_comment (mine, "merit.innovation", "Very new");
  nawat_evaluation_set_recommendation (mine, NAWAT_RECOMMENDATION_FUND);
  nawat_evaluation_set_score (theirs, "merit.impact", 4);
  nawat_evaluation_clear_score (theirs, "merit.innovation");
  nawat_evaluation_set_score (theirs, "merit.innovation", 3);
  nawat_evaluation_set_overall_comment (theirs, "Strong team");
  nawat_evaluation_set_conflict (theirs, FALSE, "Checked");

  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpfloat (score (merged, "merit.innovation"), ==, 5);
  g_assert_cmpfloat (score (merged, "merit.impact"), ==, 4);
  g_assert_cmpstr (nawat_evaluation_get_comment (merged, "merit.innovation"), ==, "Very new");
  g_assert_cmpstr (nawat_evaluation_get_comment (merged, "merit.impact"), ==, "Modest reach");
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (merged), ==, "Strong team");
  g_assert_cmpint (nawat_evaluation_get_recommendation (merged), ==, NAWAT_RECOMMENDATION_FUND);
  g_assert_cmpstr (nawat_evaluation_get_conflict_note (merged), ==, "Checked");
  /* The server's revision, so that the push that follows is accepted. */
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (merged)), ==, "2-bbb");
  g_assert_cmpstr (nawat_evaluation_get_updated (merged), ==, "2026-01-03T00:00:00Z");
}

static void
test_identical_changes (void)
{
  g_autoptr(NawatEvaluation) base = make_base ();
  g_autoptr(NawatEvaluation) mine = fork_version (base, "1-aaa", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) theirs = fork_version (base, "2-bbb", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);

  nawat_evaluation_set_score (mine, "merit.impact", 5);
  nawat_evaluation_set_score (theirs, "merit.impact", 5);
  nawat_evaluation_set_status (mine, NAWAT_EVALUATION_SUBMITTED);
  nawat_evaluation_set_status (theirs, NAWAT_EVALUATION_SUBMITTED);
  nawat_evaluation_clear_score (mine, "merit.innovation");
  nawat_evaluation_clear_score (theirs, "merit.innovation");

  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpfloat (score (merged, "merit.impact"), ==, 5);
  g_assert_cmpfloat (score (merged, "merit.innovation"), ==, -1);
  g_assert_cmpint (nawat_evaluation_get_status (merged), ==, NAWAT_EVALUATION_SUBMITTED);
}

static void
test_same_field_conflict (void)
{
  g_autoptr(NawatEvaluation) base = make_base ();
  g_autoptr(NawatEvaluation) mine = fork_version (base, "1-aaa", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) theirs = fork_version (base, "2-bbb", "2026-01-03T00:00:00Z");
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  NawatMergeConflict *c;

  nawat_evaluation_set_score (mine, "merit.innovation", 4);
  nawat_evaluation_set_score (theirs, "merit.innovation", 1);
  nawat_evaluation_set_comment (mine, "merit.impact", "ผลกระทบสูง");
  nawat_evaluation_set_comment (theirs, "merit.impact", "Low impact");
  nawat_evaluation_set_score (mine, "merit.feasibility", 2);

  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 2);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->field, ==, "comments.merit.impact");
  g_assert_cmpstr (c->base_json, ==, "\"Modest reach\"");
  g_assert_cmpstr (c->mine_json, ==, "\"ผลกระทบสูง\"");
  g_assert_cmpstr (c->theirs_json, ==, "\"Low impact\"");
  c = g_ptr_array_index (conflicts, 1);
  g_assert_cmpstr (c->field, ==, "scores.merit.innovation");
  g_assert_cmpstr (c->base_json, ==, "3");
  g_assert_cmpstr (c->mine_json, ==, "4");
  g_assert_cmpstr (c->theirs_json, ==, "1");
  /* The non-clashing edit still merges; a clash keeps the local value. */
  g_assert_cmpfloat (score (merged, "merit.feasibility"), ==, 2);
  g_assert_cmpfloat (score (merged, "merit.innovation"), ==, 4);
}

static void
test_whole_fields_conflict (void)
{
  g_autoptr(NawatEvaluation) base = make_base ();
  g_autoptr(NawatEvaluation) mine = fork_version (base, "1-aaa", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) theirs = fork_version (base, "2-bbb", "2026-01-03T00:00:00Z");
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  g_autoptr(GError) error = NULL;

  nawat_evaluation_set_recommendation (mine, NAWAT_RECOMMENDATION_FUND);
  nawat_evaluation_set_recommendation (theirs, NAWAT_RECOMMENDATION_REJECT);
  nawat_evaluation_set_conflict (mine, TRUE, "My cousin");
  nawat_evaluation_set_conflict (theirs, FALSE, "None");
  nawat_evaluation_set_overall_comment (mine, "A");
  nawat_evaluation_set_overall_comment (theirs, "B");
  nawat_evaluation_set_status (theirs, NAWAT_EVALUATION_SUBMITTED);

  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 3);
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->field, ==, "conflict_of_interest");
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[1])->field, ==, "overall_comment");
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[2])->field, ==, "recommendation");
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[2])->base_json, ==, "null");
  g_assert_cmpint (nawat_evaluation_get_status (merged), ==, NAWAT_EVALUATION_SUBMITTED);

  /* Taking theirs, field by field, through the JSON values. */
  for (guint i = 0; i < conflicts->len; i++)
    {
      NawatMergeConflict *c = conflicts->pdata[i];

      g_assert_true (nawat_merge_set_field_json (merged, c->field, c->theirs_json, &error));
      g_assert_no_error (error);
    }
  g_assert_true (nawat_evaluation_equal_content (merged, theirs));
}

static void
test_no_base (void)
{
  g_autoptr(NawatEvaluation) mine = make_base ();
  g_autoptr(NawatEvaluation) theirs = make_base ();
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);

  nawat_evaluation_set_score (theirs, "merit.impact", 1);
  merged = nawat_merge_evaluations (NULL, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->field, ==, "scores.merit.impact");
  g_assert_null (((NawatMergeConflict *) conflicts->pdata[0])->base_json);
}

static void
test_field_json (void)
{
  g_autoptr(NawatEvaluation) evaluation = make_base ();
  g_autoptr(GError) error = NULL;
  g_autofree char *coi = NULL;

  g_assert_true (nawat_merge_set_field_json (evaluation, "scores.merit.impact", "null", &error));
  g_assert_cmpfloat (score (evaluation, "merit.impact"), ==, -1);
  g_assert_false (nawat_merge_set_field_json (evaluation, "scores.merit.impact", "\"x\"", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* Reserved and identity members, and fields with no name. */
  for (guint i = 0; i < 6; i++)
    {
      static const char *refused[] = { "_nonsense", "project", "updated", "scores", "scores.", "" };

      g_assert_false (nawat_merge_set_field_json (evaluation, refused[i], "1", &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  g_assert_false (nawat_merge_set_field_json (evaluation, "status", "\"maybe\"", &error));
  g_clear_error (&error);
  g_assert_false (nawat_merge_set_field_json (evaluation, "overall_comment", "{broken", &error));
  g_clear_error (&error);
  g_assert_true (nawat_merge_set_field_json (evaluation, "conflict_of_interest",
                                             "{\"declared\":true,\"note\":\"ญาติ\"}", &error));
  g_assert_no_error (error);
  coi = nawat_merge_dup_field_json (evaluation, "conflict_of_interest");
  g_assert_cmpstr (coi, ==, "{\"declared\":true,\"note\":\"ญาติ\"}");
}

/* A member only this test knows (as a newer version of Nawat would write
 * it): merged like any other, never lost on a 409.
 */
static void
test_unknown_field (void)
{
  g_autoptr(NawatEvaluation) base = make_base ();
  g_autoptr(NawatEvaluation) mine = fork_version (base, "1-aaa", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) theirs = fork_version (base, "2-bbb", "2026-01-03T00:00:00Z");
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(NawatEvaluation) clash = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *confidence = NULL;
  g_autofree char *note = NULL;

  g_assert_true (nawat_merge_set_field_json (mine, "confidence", "4", &error));
  g_assert_no_error (error);
  g_assert_true (nawat_merge_set_field_json (theirs, "reviewer_note", "{\"seen\":true}", &error));
  g_assert_no_error (error);
  nawat_evaluation_set_score (theirs, "merit.impact", 4);

  fields = nawat_merge_dup_fields (mine, theirs);
  g_assert_true (g_strv_contains ((const char * const *) fields, "confidence"));
  g_assert_true (g_strv_contains ((const char * const *) fields, "reviewer_note"));

  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  confidence = nawat_merge_dup_field_json (merged, "confidence");
  note = nawat_merge_dup_field_json (merged, "reviewer_note");
  g_assert_cmpstr (confidence, ==, "4");
  g_assert_cmpstr (note, ==, "{\"seen\":true}");
  g_assert_cmpfloat (score (merged, "merit.impact"), ==, 4);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (merged)), ==, "2-bbb");

  /* Both changed it differently: a conflict that keeps mine. */
  g_assert_true (nawat_merge_set_field_json (theirs, "confidence", "2", &error));
  clash = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->field, ==, "confidence");
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->base_json, ==, "null");
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->theirs_json, ==, "2");
  g_clear_pointer (&confidence, g_free);
  confidence = nawat_merge_dup_field_json (clash, "confidence");
  g_assert_cmpstr (confidence, ==, "4");

  /* null takes it away. */
  g_assert_true (nawat_merge_set_field_json (clash, "confidence", "null", &error));
  g_clear_pointer (&fields, g_strfreev);
  fields = nawat_merge_dup_fields (clash, NULL);
  g_assert_false (g_strv_contains ((const char * const *) fields, "confidence"));
}

/* Every member the codec writes for an evaluation is merged, or names it:
 * a field added to the evaluation and the codec but not to merge fails
 * here rather than being lost on a 409.
 */
static void
test_every_member (void)
{
  static const char *identity[] = {
    "_id", "_rev", "type", "schema", "project", "evaluator", "rubric", "updated", NULL
  };
  g_autoptr(NawatEvaluation) evaluation = make_base ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  JsonObjectIter iter;
  const char *name;

  nawat_evaluation_set_recommendation (evaluation, NAWAT_RECOMMENDATION_FUND);
  nawat_evaluation_set_conflict (evaluation, TRUE, "ญาติ");
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  nawat_evaluation_set_reopened (evaluation, "coordinator", "2026-01-05T00:00:00Z");
  g_assert_true (nawat_merge_set_field_json (evaluation, "confidence", "4", &error));
  node = nawat_codec_to_node (NAWAT_DOCUMENT (evaluation));
  fields = nawat_merge_dup_fields (evaluation, NULL);

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, NULL))
    {
      gboolean merged = g_strv_contains ((const char * const *) fields, name);

      if (g_str_equal (name, "scores") || g_str_equal (name, "comments"))
        {
          g_autofree char *prefix = g_strconcat (name, ".", NULL);

          for (guint i = 0; fields[i] != NULL && !merged; i++)
            merged = g_str_has_prefix (fields[i], prefix);
        }
      if (!merged && !g_strv_contains (identity, name))
        g_error ("the evaluation's member “%s” is neither merged nor its identity", name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/merge/different-fields", test_different_fields);
  g_test_add_func ("/nawat/merge/identical-changes", test_identical_changes);
  g_test_add_func ("/nawat/merge/same-field-conflict", test_same_field_conflict);
  g_test_add_func ("/nawat/merge/whole-fields-conflict", test_whole_fields_conflict);
  g_test_add_func ("/nawat/merge/no-base", test_no_base);
  g_test_add_func ("/nawat/merge/field-json", test_field_json);
  g_test_add_func ("/nawat/merge/unknown-field", test_unknown_field);
  g_test_add_func ("/nawat/merge/every-member", test_every_member);

  return g_test_run ();
}
