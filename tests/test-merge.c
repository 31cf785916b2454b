/* test-merge.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-evaluation-fields.h"
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
  g_autofree char *priority = NULL;
  g_autofree char *note = NULL;

  g_assert_true (nawat_merge_set_field_json (mine, "priority", "4", &error));
  g_assert_no_error (error);
  g_assert_true (nawat_merge_set_field_json (theirs, "reviewer_note", "{\"seen\":true}", &error));
  g_assert_no_error (error);
  nawat_evaluation_set_score (theirs, "merit.impact", 4);

  fields = nawat_merge_dup_fields (mine, theirs);
  g_assert_true (g_strv_contains ((const char * const *) fields, "priority"));
  g_assert_true (g_strv_contains ((const char * const *) fields, "reviewer_note"));

  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  priority = nawat_merge_dup_field_json (merged, "priority");
  note = nawat_merge_dup_field_json (merged, "reviewer_note");
  g_assert_cmpstr (priority, ==, "4");
  g_assert_cmpstr (note, ==, "{\"seen\":true}");
  g_assert_cmpfloat (score (merged, "merit.impact"), ==, 4);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (merged)), ==, "2-bbb");

  /* Both changed it differently: a conflict that keeps mine. */
  g_assert_true (nawat_merge_set_field_json (theirs, "priority", "2", &error));
  clash = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->field, ==, "priority");
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->base_json, ==, "null");
  g_assert_cmpstr (((NawatMergeConflict *) conflicts->pdata[0])->theirs_json, ==, "2");
  g_clear_pointer (&priority, g_free);
  priority = nawat_merge_dup_field_json (clash, "priority");
  g_assert_cmpstr (priority, ==, "4");

  /* null takes it away. */
  g_assert_true (nawat_merge_set_field_json (clash, "priority", "null", &error));
  g_clear_pointer (&fields, g_strfreev);
  fields = nawat_merge_dup_fields (clash, NULL);
  g_assert_false (g_strv_contains ((const char * const *) fields, "priority"));
}

/* The evaluator's confidence merges as a whole: set here and a score
 * there merge, set differently on both sides is a conflict under its label.
 */
static void
test_confidence (void)
{
  g_autoptr(NawatEvaluation) base = make_base ();
  g_autoptr(NawatEvaluation) mine = fork_version (base, "1-aaa", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) theirs = fork_version (base, "2-bbb", "2026-01-03T00:00:00Z");
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(NawatEvaluation) clash = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  NawatMergeConflict *conflict;

  nawat_evaluation_set_confidence (mine, NAWAT_CONFIDENCE_HIGH);
  nawat_evaluation_set_score (theirs, "merit.impact", 4);
  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpint (nawat_evaluation_get_confidence (merged), ==, NAWAT_CONFIDENCE_HIGH);
  g_assert_cmpfloat (score (merged, "merit.impact"), ==, 4);

  nawat_evaluation_set_confidence (theirs, NAWAT_CONFIDENCE_LOW);
  clash = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->field, ==, "confidence");
  g_assert_cmpstr (conflict->mine_json, ==, "3");
  g_assert_cmpstr (conflict->theirs_json, ==, "1");
  g_assert_cmpstr (nawat_evaluation_fields_get_label (conflict->field), ==, "Confidence");
}

/* Every member the codec writes for an evaluation is merged, or names it:
 * a field added to the evaluation and the codec but not to merge fails
 * here rather than being lost on a 409.
 */
/* A member that only the data knows (a newer version of Nawat, or a
 * form that writes it): it comes in with an import, both sides of a 409
 * keep what the other did not change, and it goes out again as it came.
 */
static void
test_new_member_survives (void)
{
  static const char *document =
    "{\"_id\":\"evaluation:cmu:p1:somchai\",\"_rev\":\"1-aaa\",\"type\":\"evaluation\","
    "\"schema\":1,\"project\":\"project:cmu:p1\",\"evaluator\":\"somchai\","
    "\"rubric\":\"rubric:default:1\",\"scores\":{\"merit.impact\":2},\"comments\":{},"
    "\"overall_comment\":\"Promising\",\"recommendation\":null,"
    "\"conflict_of_interest\":{\"declared\":false},\"status\":\"draft\","
    "\"updated\":\"2026-01-01T00:00:00Z\",\"site_visit\":{\"done\":false,\"on\":null}}";
  g_autoptr(NawatDocument) imported = NULL;
  g_autoptr(NawatEvaluation) mine = NULL;
  g_autoptr(NawatEvaluation) theirs = NULL;
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(NawatDocument) again = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *visit = NULL;

  g_assert_null (nawat_evaluation_fields_lookup ("site_visit"));
  imported = nawat_codec_from_data (document, -1, &error);
  g_assert_no_error (error);
  g_assert_true (NAWAT_IS_EVALUATION (imported));

  /* This computer records the visit; the server's copy got a new comment. */
  mine = fork_version (NAWAT_EVALUATION (imported), "1-aaa", "2026-01-02T00:00:00Z");
  theirs = fork_version (NAWAT_EVALUATION (imported), "2-bbb", "2026-01-03T00:00:00Z");
  g_assert_true (nawat_merge_set_field_json (mine, "site_visit",
                                             "{\"done\":true,\"on\":\"2026-01-02\"}", &error));
  g_assert_no_error (error);
  nawat_evaluation_set_overall_comment (theirs, "Strong");

  merged = nawat_merge_evaluations (NAWAT_EVALUATION (imported), mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (merged), ==, "Strong");
  visit = nawat_merge_dup_field_json (merged, "site_visit");
  g_assert_cmpstr (visit, ==, "{\"done\":true,\"on\":\"2026-01-02\"}");

  /* Written out, and read back, it is still there, last as it came. */
  written = nawat_codec_to_data (NAWAT_DOCUMENT (merged), NULL);
  g_assert_true (g_str_has_suffix (written, ",\"site_visit\":{\"done\":true,\"on\":\"2026-01-02\"}}"));
  again = nawat_codec_from_data (written, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&visit, g_free);
  visit = nawat_merge_dup_field_json (NAWAT_EVALUATION (again), "site_visit");
  g_assert_cmpstr (visit, ==, "{\"done\":true,\"on\":\"2026-01-02\"}");
}

/* Every member the codec writes is in the table of the evaluation's
 * members, and every member of the table that the codec reads itself is
 * one it writes: the codec keeps any other member as JSON.
 */
static void
test_table_matches_codec (void)
{
  g_autoptr(NawatEvaluation) evaluation = make_base ();
  g_autoptr(JsonNode) node = NULL;
  const char * const *typed = nawat_evaluation_fields_get_typed ();
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;

  nawat_evaluation_set_reopened (evaluation, "coordinator", "2026-01-05T00:00:00Z");
  node = nawat_codec_to_node (NAWAT_DOCUMENT (evaluation));
  object = json_node_get_object (node);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (typed, name))
      g_error ("the codec writes “%s”, which the table of members does not know", name);
  for (guint i = 0; typed[i] != NULL; i++)
    if (!json_object_has_member (object, typed[i]))
      g_error ("the table's member “%s” is not written by the codec", typed[i]);

  g_assert_cmpstr (nawat_evaluation_fields_lookup_path ("scores.merit.impact")->name, ==, "scores");
  g_assert_cmpstr (nawat_evaluation_fields_lookup_path ("comments.merit.impact")->name, ==, "comments");
  g_assert_null (nawat_evaluation_fields_lookup_path ("status.x"));
  g_assert_cmpstr (nawat_evaluation_fields_get_label ("reopened"), ==, "Reopening");
  g_assert_cmpstr (nawat_evaluation_fields_get_label ("status"), ==, "Status");
}

static void
test_every_member (void)
{
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
      if (!merged && nawat_evaluation_fields_lookup (name) != NULL
          && nawat_evaluation_fields_lookup (name)->merge == NAWAT_FIELD_MERGE_IDENTITY)
        continue;
      if (!merged)
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
  g_test_add_func ("/nawat/merge/confidence", test_confidence);
  g_test_add_func ("/nawat/merge/every-member", test_every_member);
  g_test_add_func ("/nawat/merge/new-member-survives", test_new_member_survives);
  g_test_add_func ("/nawat/merge/table-matches-codec", test_table_matches_codec);

  return g_test_run ();
}
