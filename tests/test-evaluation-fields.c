/* test-evaluation-fields.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-evaluation-fields-private.h"
#include "nawat-evaluation-fields.h"
#include "nawat-evaluation.h"
#include "nawat-export.h"
#include "nawat-merge.h"
#include "nawat-publish.h"
#include "nawat-rubric.h"
#include "nawat-store.h"

#include <glib/gstdio.h>
#include <string.h>

/* A member of the evaluation that only the table knows, as a newer version
 * of Nawat would add it: nothing else in src/ names it, and every test here
 * proves that the codec, the merge, the exports and the server's validate
 * function handle it all the same.
 */
static const NawatEvaluationField priority = {
  .name = "priority",
  .kind = NAWAT_FIELD_KIND_INTEGER,
  .merge = NAWAT_FIELD_MERGE_WHOLE,
  .typed = FALSE,
  .sealed = TRUE,
  .label = "Priority",
  .csv_column = "priority",
};

/* An evaluation of project:t1:<code> by @evaluator with @priority_json
 * as its "priority".
 */
static char *
evaluation_json (const char *code,
                 const char *evaluator,
                 const char *status,
                 const char *priority_json)
{
  return g_strdup_printf ("{\"_id\":\"evaluation:t1:%s:%s\",\"type\":\"evaluation\",\"schema\":1,"
                          "\"project\":\"project:t1:%s\",\"evaluator\":\"%s\","
                          "\"rubric\":\"rubric:default:1\",\"scores\":{\"merit.impact\":2},"
                          "\"comments\":{},\"overall_comment\":\"Promising\","
                          "\"recommendation\":null,\"conflict_of_interest\":{\"declared\":false},"
                          "\"status\":\"%s\",\"updated\":\"2026-01-01T00:00:00Z\","
                          "\"priority\":%s}",
                          code, evaluator, code, evaluator, status, priority_json);
}

static NawatEvaluation *
read_evaluation (const char *json)
{
  g_autoptr(GError) error = NULL;
  NawatDocument *document = nawat_codec_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (NAWAT_IS_EVALUATION (document));
  return NAWAT_EVALUATION (document);
}

static void
test_table (void)
{
  const NawatEvaluationField *fields;
  guint n_fields;

  fields = nawat_evaluation_fields_get (&n_fields);
  g_assert_cmpstr (fields[n_fields - 1].name, ==, "priority");
  g_assert_true (nawat_evaluation_fields_lookup ("priority") == &fields[n_fields - 1]);
  g_assert_cmpstr (nawat_evaluation_fields_get_label ("priority"), ==, "Priority");
  /* The codec does not read it itself: it keeps it as JSON. */
  g_assert_false (g_strv_contains (nawat_evaluation_fields_get_typed (), "priority"));
}

/* Read and written back unchanged, where the codec writes the members it
 * keeps as JSON: after its own.
 */
static void
test_codec (void)
{
  g_autofree char *json = evaluation_json ("a01", "somchai", "draft", "4");
  g_autoptr(NawatEvaluation) evaluation = read_evaluation (json);
  g_autofree char *written = nawat_codec_to_data (NAWAT_DOCUMENT (evaluation), NULL);
  g_autofree char *value = nawat_merge_dup_field_json (evaluation, "priority");

  g_assert_cmpstr (value, ==, "4");
  g_assert_true (g_str_has_suffix (written, ",\"priority\":4}"));
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

static void
set_priority (NawatEvaluation *evaluation,
                const char      *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_merge_set_field_json (evaluation, "priority", json, &error));
  g_assert_no_error (error);
}

/* A 409: only this computer changed it, so the merge keeps its value; both
 * changed it, so the merge reports a conflict, shown with its label.
 */
static void
test_merge (void)
{
  g_autofree char *json = evaluation_json ("a01", "somchai", "draft", "3");
  g_autoptr(NawatEvaluation) base = read_evaluation (json);
  g_autoptr(NawatEvaluation) mine = fork_version (base, "1-aaa", "2026-01-02T00:00:00Z");
  g_autoptr(NawatEvaluation) theirs = fork_version (base, "2-bbb", "2026-01-03T00:00:00Z");
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  g_autofree char *value = NULL;
  NawatMergeConflict *conflict;

  set_priority (mine, "4");
  nawat_evaluation_set_overall_comment (theirs, "Strong");
  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  value = nawat_merge_dup_field_json (merged, "priority");
  g_assert_cmpstr (value, ==, "4");
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (merged), ==, "Strong");

  g_clear_object (&merged);
  g_clear_pointer (&value, g_free);
  set_priority (theirs, "5");
  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "priority");
  g_assert_cmpstr (conflict->base_json, ==, "3");
  g_assert_cmpstr (conflict->mine_json, ==, "4");
  g_assert_cmpstr (conflict->theirs_json, ==, "5");
  g_assert_cmpstr (nawat_evaluation_fields_get_label (conflict->field), ==, "Priority");
}

static NawatStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GString) s = g_string_new ("{\"docs\": [");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (path, &error);
  g_autofree char *a = evaluation_json ("a01", "malee", "draft", "2");
  g_autofree char *b = evaluation_json ("a01", "somchai", "draft", "4,\"confidence\":2");
  g_autofree char *c = evaluation_json ("b02", "somchai", "draft", "null");
  guint n_imported = 0;

  g_assert_no_error (error);
  g_string_append (s, "{\"_id\": \"call:t1\", \"type\": \"call\", \"schema\": 1,"
                   " \"title\": {\"en\": \"Test call\"}, \"year_be\": 2569,"
                   " \"rubric\": \"rubric:default:1\", \"deadline\": \"2026-12-31T17:00:00Z\","
                   " \"evaluators\": [\"malee\", \"somchai\"]}");
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (s, ",{\"_id\": \"project:t1:%s\", \"type\": \"project\","
                            " \"schema\": 1, \"call\": \"t1\", \"code\": \"%s\","
                            " \"title\": {\"th\": \"โครงการ\", \"en\": \"Project\"},"
                            " \"summary\": {\"th\": \"สรุป\", \"en\": \"Summary\"},"
                            " \"organisation\": \"วิสาหกิจชุมชน\", \"province\": \"TH-50\","
                            " \"reach\": \"community\", \"domains\": [\"health\"],"
                            " \"partners\": [], \"budget_thb\": 500000,"
                            " \"duration_months\": 12, \"submitted\": \"2026-03-01T09:00:00Z\","
                            " \"assigned\": [\"malee\", \"somchai\"]}",
                            i == 0 ? "a01" : "b02", i == 0 ? "a01" : "b02");
  g_string_append_printf (s, ",%s,%s,%s]}", a, b, c);

  g_assert_true (nawat_store_import_data (store, s->str, s->len, &n_imported, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems != NULL ? problems->len : 0, ==, 0);
  g_assert_cmpuint (n_imported, ==, 6);
  return g_steal_pointer (&store);
}

static char *
export (NawatStore *store,
        gboolean    csv)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (csv)
    g_assert_true (nawat_export_portfolio_csv (store, "t1", output, NULL, &error));
  else
    g_assert_true (nawat_export_portfolio_json (store, "t1", output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Its column in the CSV export, after the columns of the members before it
 * in the table; in the JSON export, as stored.
 */
static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-fields-XXXXXX", &error);
  g_autoptr(NawatStore) store = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  store = open_store (dir);

  csv = export (store, TRUE);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "project_id,code,title_th,title_en,province,"
                                   "province_th,province_en,region,reach,budget_thb,"
                                   "primary_domain,evaluator,status,recommendation,confidence,"
                                   "conflict_of_interest,conflict_type,priority,completeness,"
                                   "composite,"));
  /* Ordered by project and evaluator; null as nothing. */
  g_assert_nonnull (strstr (lines[1], ",malee,draft,,,false,,2,0.0526,"));
  g_assert_nonnull (strstr (lines[2], ",somchai,draft,,2,false,,4,0.0526,"));
  g_assert_nonnull (strstr (lines[3], ",somchai,draft,,,false,,,0.0526,"));
  g_assert_cmpstr (lines[4], ==, "");

  json = export (store, FALSE);
  g_assert_nonnull (strstr (json, ",\"priority\":4"));
  g_assert_nonnull (strstr (json, ",\"priority\":2"));
  g_assert_nonnull (strstr (json, "\"confidence\":2"));

  g_clear_object (&store);
  remove_dir (dir);
}

static JsonNode *
publish_config (void)
{
  NawatPublishRules rules = { .evaluator = "somchai", .rubric = nawat_rubric_get_default () };
  const char * const assigned[] = { "p001", NULL };
  g_autoptr(JsonNode) design = NULL;
  const char *source;
  const char *start;
  const char *end;
  g_autofree char *config = NULL;

  rules.assigned = assigned;
  design = nawat_publish_design_document ("si-2569", &rules);
  source = json_object_get_string_member (json_node_get_object (design), "validate_doc_update");
  start = strstr (source, "var config = ");
  end = strstr (source, "; /* nawat:config */");
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  start += strlen ("var config = ");
  config = g_strndup (start, end - start);
  return json_from_string (config, NULL);
}

/* The design document's config names its type, and a submitted
 * evaluation keeps it.
 */
static void
test_publish_config (void)
{
  g_autoptr(JsonNode) config = publish_config ();
  JsonObject *object = json_node_get_object (config);
  JsonObject *fields = json_object_get_object_member (object, "fields");
  JsonArray *sealed = json_object_get_array_member (object, "sealed");
  guint n = json_array_get_length (sealed);

  g_assert_cmpstr (json_object_get_string_member (fields, "priority"), ==, "integer");
  g_assert_cmpstr (json_array_get_string_element (sealed, n - 1), ==, "priority");
}

/* What the published validate function says to somchai writing @doc over
 * @old: "accepted", or its refusal.
 */
static char *
validate (const char *node,
          const char *source_path,
          const char *doc,
          const char *old)
{
  static const char *script =
    "const src = require('fs').readFileSync(process.argv[1], 'utf8');"
    "const validate = eval('(' + src + ')');"
    "try {"
    "  validate(JSON.parse(process.argv[2]), JSON.parse(process.argv[3]),"
    "           { name: 'somchai', roles: [] }, {});"
    "  console.log('accepted');"
    "} catch (e) { console.log(e.forbidden || String(e)); }";
  const char *argv[] = { node, "-e", script, source_path, doc, old, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (g_steal_pointer (&out));
}

static void
test_validate (void)
{
  NawatPublishRules rules = { .evaluator = "somchai", .rubric = nawat_rubric_get_default () };
  const char * const assigned[] = { "p001", NULL };
  g_autofree char *node = g_find_program_in_path ("node");
  g_autoptr(JsonNode) design = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *submitted = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *high = NULL;
  g_autofree char *beyond = NULL;
  g_autofree char *rival = NULL;
  g_autofree char *answer = NULL;
  const char *source;

  if (node == NULL)
    {
      g_test_skip ("Node.js is not installed");
      return;
    }

  rules.assigned = assigned;
  design = nawat_publish_design_document ("si-2569", &rules);
  source = json_object_get_string_member (json_node_get_object (design), "validate_doc_update");
  dir = g_dir_make_tmp ("nawat-fields-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "validate.js", NULL);
  g_assert_true (g_file_set_contents (path, source, -1, &error));
  g_assert_no_error (error);

#define EVALUATION(status, priority) \
  "{\"_id\":\"evaluation:si-2569:p001:somchai\",\"type\":\"evaluation\",\"schema\":1," \
  "\"project\":\"project:si-2569:p001\",\"evaluator\":\"somchai\"," \
  "\"rubric\":\"rubric:default:1\",\"status\":\"" status "\",\"priority\":" priority "}"
  draft = g_strdup (EVALUATION ("draft", "4"));
  wrong = g_strdup (EVALUATION ("draft", "\"high\""));
  submitted = g_strdup (EVALUATION ("submitted", "4"));
  changed = g_strdup (EVALUATION ("submitted", "5"));
  high = g_strdup (EVALUATION ("draft", "1,\"confidence\":3"));
  beyond = g_strdup (EVALUATION ("draft", "1,\"confidence\":4"));
  rival = g_strdup (EVALUATION ("draft", "1,\"conflict_of_interest\":{\"declared\":true,\"type\":\"rival\"}"));
#undef EVALUATION

  answer = validate (node, path, draft, "null");
  g_assert_cmpstr (answer, ==, "accepted");
  g_clear_pointer (&answer, g_free);
  answer = validate (node, path, wrong, "null");
  g_assert_cmpstr (answer, ==, "The member priority of evaluation:si-2569:p001:somchai "
                               "must be of the type integer or null.");
  g_clear_pointer (&answer, g_free);
  /* The built-in confidence, from 1 to 3. */
  answer = validate (node, path, high, "null");
  g_assert_cmpstr (answer, ==, "accepted");
  g_clear_pointer (&answer, g_free);
  answer = validate (node, path, rival, "null");
  g_assert_cmpstr (answer, ==, "The type of the conflict of interest of evaluation:si-2569:p001:somchai "
                               "must be \"same-organisation\", \"partner-organisation\", \"collaborator\", "
                               "\"personal\", \"financial\", \"other\" or null.");
  g_clear_pointer (&answer, g_free);
  answer = validate (node, path, beyond, "null");
  g_assert_cmpstr (answer, ==, "The member confidence of evaluation:si-2569:p001:somchai "
                               "must be a whole number from 1 to 3 or null, not 4.");
  g_clear_pointer (&answer, g_free);
  /* Submitted, it stays as it is until reopened. */
  answer = validate (node, path, changed, submitted);
  g_assert_true (g_str_has_prefix (answer, "The evaluation evaluation:si-2569:p001:somchai is "
                                           "submitted"));

  g_unlink (path);
  g_rmdir (dir);
}

/* The built-in member "confidence": 1 to 3 or absent, read, written and
 * refused out of range with the path and the reason.
 */
static void
test_confidence_codec (void)
{
  static const struct { const char *json; const char *error; } refused[] = {
    { "0", "evaluation:t1:a01:somchai: confidence: 0 is below the minimum 1" },
    { "4", "evaluation:t1:a01:somchai: confidence: 4 is above the maximum 3" },
    { "2.5", "evaluation:t1:a01:somchai: confidence: 2.5 is not a whole number" },
    { "\"high\"", "evaluation:t1:a01:somchai: confidence: expected a number, not a string" },
  };
  g_autofree char *high = evaluation_json ("a01", "somchai", "draft", "1,\"confidence\":3");
  g_autofree char *none = evaluation_json ("a01", "somchai", "draft", "1,\"confidence\":null");
  g_autoptr(NawatEvaluation) evaluation = read_evaluation (high);
  g_autoptr(NawatEvaluation) absent = read_evaluation (none);
  g_autofree char *written = NULL;
  g_autofree char *cleared = NULL;

  g_assert_cmpint (nawat_evaluation_get_confidence (evaluation), ==, NAWAT_CONFIDENCE_HIGH);
  g_assert_cmpint (nawat_evaluation_get_confidence (absent), ==, NAWAT_CONFIDENCE_NONE);

  nawat_evaluation_set_confidence (evaluation, NAWAT_CONFIDENCE_LOW);
  g_assert_cmpint (nawat_evaluation_get_confidence (evaluation), ==, NAWAT_CONFIDENCE_LOW);
  written = nawat_codec_to_data (NAWAT_DOCUMENT (evaluation), NULL);
  g_assert_nonnull (strstr (written, "\"confidence\":1"));

  nawat_evaluation_set_confidence (evaluation, NAWAT_CONFIDENCE_NONE);
  cleared = nawat_codec_to_data (NAWAT_DOCUMENT (evaluation), NULL);
  g_assert_null (strstr (cleared, "confidence"));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *members = g_strconcat ("1,\"confidence\":", refused[i].json, NULL);
      g_autofree char *json = evaluation_json ("a01", "somchai", "draft", members);
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatDocument) document = NULL;

      document = nawat_codec_from_data (json, -1, &error);
      g_assert_null (document);
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, refused[i].error);
    }
}

/* The type of a conflict of interest: read, written, merged as part of
 * the declaration, and refused when it is not one of HotCRP's.
 */
static void
test_conflict_type (void)
{
#define DECLARED(type) \
    "{\"_id\":\"evaluation:t1:a01:somchai\",\"type\":\"evaluation\",\"schema\":1," \
    "\"project\":\"project:t1:a01\",\"evaluator\":\"somchai\",\"rubric\":\"rubric:default:1\"," \
    "\"conflict_of_interest\":{\"declared\":true,\"note\":\"board member\",\"type\":\"" type "\"}," \
    "\"status\":\"draft\"}"
  const char *financial = DECLARED ("financial");
  const char *wrong = DECLARED ("rival");
#undef DECLARED
  g_autoptr(NawatEvaluation) evaluation = read_evaluation (financial);
  g_autoptr(NawatEvaluation) copy = nawat_evaluation_copy (evaluation);
  g_autofree char *written = nawat_codec_to_data (NAWAT_DOCUMENT (evaluation), NULL);
  g_autofree char *json = nawat_merge_dup_field_json (evaluation, "conflict_of_interest");
  g_autoptr(NawatDocument) refused = NULL;
  g_autoptr(GError) error = NULL;
  NawatConflictType type;

  g_assert_cmpint (nawat_evaluation_get_conflict_type (evaluation), ==, NAWAT_CONFLICT_TYPE_FINANCIAL);
  g_assert_nonnull (strstr (written, "\"type\":\"financial\""));
  g_assert_cmpstr (json, ==, "{\"declared\":true,\"note\":\"board member\",\"type\":\"financial\"}");
  g_assert_true (nawat_evaluation_equal_content (evaluation, copy));

  /* Merged as part of the declaration. */
  g_assert_true (nawat_merge_set_field_json (copy, "conflict_of_interest",
                                             "{\"declared\":true,\"note\":\"\",\"type\":\"collaborator\"}",
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (nawat_evaluation_get_conflict_type (copy), ==, NAWAT_CONFLICT_TYPE_COLLABORATOR);
  g_assert_false (nawat_evaluation_equal_content (evaluation, copy));
  g_assert_false (nawat_merge_set_field_json (copy, "conflict_of_interest",
                                              "{\"declared\":true,\"type\":\"rival\"}", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (nawat_evaluation_get_conflict_type (copy), ==, NAWAT_CONFLICT_TYPE_COLLABORATOR);

  refused = nawat_codec_from_data (wrong, -1, &error);
  g_assert_null (refused);
  g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "evaluation:t1:a01:somchai: conflict_of_interest.type: “rival” is not one of "
                   "“same-organisation”, “partner-organisation”, “collaborator”, “personal”, "
                   "“financial” or “other”");

  for (NawatConflictType t = NAWAT_CONFLICT_TYPE_SAME_ORGANISATION; t <= NAWAT_CONFLICT_TYPE_OTHER; t++)
    {
      g_assert_true (nawat_conflict_type_from_string (nawat_conflict_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
    }
}

/* The default rubric asks it; a rubric says so with a boolean only. */
static void
test_confidence_rubric (void)
{
#define RUBRIC(flag) \
    "{\"_id\":\"rubric:short:1\",\"type\":\"rubric\",\"schema\":1," flag \
    "\"groups\":[{\"key\":\"merit\",\"label\":{\"en\":\"Merit\"},\"weight\":1," \
    "\"aggregation\":\"mean\",\"criteria\":[{\"key\":\"impact\",\"label\":{\"en\":\"Impact\"}," \
    "\"min\":0,\"max\":4,\"weight\":1,\"required\":true,\"levels\":[]}]}]}"
  const char *silent = RUBRIC ("");
  const char *asks = RUBRIC ("\"ask_confidence\":true,");
  const char *wrong = RUBRIC ("\"ask_confidence\":\"yes\",");
#undef RUBRIC
  g_autoptr(NawatDocument) a = NULL;
  g_autoptr(NawatDocument) b = NULL;
  g_autoptr(NawatDocument) c = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_rubric_get_asks_confidence (nawat_rubric_get_default ()));

  a = nawat_codec_from_data (silent, -1, &error);
  g_assert_no_error (error);
  g_assert_false (nawat_rubric_get_asks_confidence (NAWAT_RUBRIC (a)));
  b = nawat_codec_from_data (asks, -1, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_rubric_get_asks_confidence (NAWAT_RUBRIC (b)));
  written = nawat_codec_to_data (b, NULL);
  g_assert_nonnull (strstr (written, "\"ask_confidence\":true"));

  c = nawat_codec_from_data (wrong, -1, &error);
  g_assert_null (c);
  g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "rubric:short:1: ask_confidence: expected true or false, not a string");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  _nawat_evaluation_fields_set_extra (&priority, 1);

  g_test_add_func ("/nawat/evaluation-fields/table", test_table);
  g_test_add_func ("/nawat/evaluation-fields/codec", test_codec);
  g_test_add_func ("/nawat/evaluation-fields/merge", test_merge);
  g_test_add_func ("/nawat/evaluation-fields/export", test_export);
  g_test_add_func ("/nawat/evaluation-fields/publish-config", test_publish_config);
  g_test_add_func ("/nawat/evaluation-fields/validate", test_validate);
  g_test_add_func ("/nawat/evaluation-fields/confidence-codec", test_confidence_codec);
  g_test_add_func ("/nawat/evaluation-fields/confidence-rubric", test_confidence_rubric);
  g_test_add_func ("/nawat/evaluation-fields/conflict-type", test_conflict_type);

  return g_test_run ();
}
