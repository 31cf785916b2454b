/* test-publish.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The design documents and security objects that publish installs; the
 * publishing itself runs against a real server in tests/server/.
 */

#include "config.h"

#include <string.h>

#include "nawat-evaluation-fields.h"
#include "nawat-publish.h"
#include "nawat-rubric.h"

static JsonObject *
object_member (JsonNode   *node,
               const char *name)
{
  return json_object_get_object_member (json_node_get_object (node), name);
}

/* The "var config = …;" line of a validate function, as JSON. */
static JsonNode *
config_of (const char *source)
{
  const char *start = strstr (source, "var config = ");
  const char *end;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_nonnull (start);
  start += strlen ("var config = ");
  end = strstr (start, "; /* nawat:config */");
  g_assert_nonnull (end);

  json = g_strndup (start, end - start);
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
read_source_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("NAWAT_SOURCE_ROOT"), "data", "couchdb",
                                            name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* @source with its config line back to the file's "var config = null;". */
static char *
without_config (const char *source)
{
  const char *start = strstr (source, "var config = ");
  const char *end = strstr (source, "; /* nawat:config */");

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  return g_strdup_printf ("%.*svar config = null%s", (int) (start - source), source, end);
}

static void
test_call_design (void)
{
  g_autoptr(JsonNode) design = nawat_publish_design_document ("si-2569", NULL);
  g_autoptr(JsonNode) config = NULL;
  g_autofree char *file = read_source_file ("call-validate.js");
  g_autofree char *original = NULL;
  JsonObject *object = json_node_get_object (design);
  const char *source;

  g_assert_cmpstr (json_object_get_string_member (object, "_id"), ==, "_design/nawat");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "javascript");
  source = json_object_get_string_member (object, "validate_doc_update");
  g_assert_true (g_str_has_prefix (source, "function ("));
  /* The function is the file's, from its first line on. */
  g_assert_nonnull (strstr (source, "Only a coordinator may change the documents of a call."));
  original = without_config (source);
  g_assert_cmpstr (strstr (file, "\nfunction (") + 1, ==, original);

  config = config_of (source);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (config), "call"), ==,
                   "si-2569");
  g_assert_false (json_object_has_member (json_node_get_object (config), "evaluator"));
}

/* The table of the evaluation's members, in the config: every member
 * with its JSON type, and what a submitted evaluation keeps, exactly what
 * the function of @file keeps without a config (its default_sealed).
 */
static void
assert_fields (JsonNode   *config,
               const char *file)
{
  static const char * const sealed_names[] = {
    "project", "evaluator", "rubric", "scores", "comments", "overall_comment",
    "recommendation", "confidence", "conflict_of_interest", "conflict_answered",
  };
  JsonObject *fields = object_member (config, "fields");
  JsonArray *sealed = json_object_get_array_member (json_node_get_object (config), "sealed");
  guint n_table;
  g_autoptr(JsonNode) defaults = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  const char *start;
  const char *end;

  nawat_evaluation_fields_get (&n_table);
  g_assert_cmpuint (json_object_get_size (fields), ==, n_table);
  g_assert_cmpstr (json_object_get_string_member (fields, "_id"), ==, "string");
  g_assert_cmpstr (json_object_get_string_member (fields, "schema"), ==, "integer");
  g_assert_cmpstr (json_object_get_string_member (fields, "scores"), ==, "object");
  g_assert_cmpstr (json_object_get_string_member (fields, "recommendation"), ==, "string");
  g_assert_cmpstr (json_object_get_string_member (fields, "reopened"), ==, "object");

  g_assert_cmpuint (json_array_get_length (sealed), ==, G_N_ELEMENTS (sealed_names));
  for (guint i = 0; i < G_N_ELEMENTS (sealed_names); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (sealed); j++)
        found |= g_str_equal (json_array_get_string_element (sealed, j), sealed_names[i]);
      g_assert_true (found);
    }

  /* The function's own list, for a database published without a config. */
  start = strstr (file, "var default_sealed = [");
  g_assert_nonnull (start);
  start += strlen ("var default_sealed = ");
  end = strchr (start, ']');
  g_assert_nonnull (end);
  list = g_strndup (start, end + 1 - start);
  g_strdelimit (list, "'", '"');
  defaults = json_from_string (list, &error);
  g_assert_no_error (error);
  g_assert_true (json_array_equal (json_node_get_array (defaults), sealed));
}

static void
test_evaluation_design (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  const char * const assigned[] = { "p001", "p003", NULL };
  /* An offset and a fraction of a millisecond: UTC, rounded up. */
  NawatPublishRules rules = {
    .evaluator = "somchai", .rubric = rubric, .assigned = assigned,
    .deadline = "2026-12-15T17:00:00.0004+07:00", .extension = "2026-12-20T10:00:00Z",
  };
  g_autoptr(JsonNode) design = nawat_publish_design_document ("si-2569", &rules);
  JsonArray *codes;
  g_autoptr(JsonNode) config = NULL;
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (rubric);
  g_autofree char *file = read_source_file ("evaluation-validate.js");
  g_autofree char *original = NULL;
  const char *source;
  JsonObject *ranges;
  JsonArray *range;

  source = json_object_get_string_member (json_node_get_object (design), "validate_doc_update");
  g_assert_true (g_str_has_prefix (source, "function ("));
  g_assert_nonnull (strstr (source, "You may only write your own evaluations"));
  original = without_config (source);
  g_assert_cmpstr (strstr (file, "\nfunction (") + 1, ==, original);

  config = config_of (source);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (config), "evaluator"), ==,
                   "somchai");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (config), "call"), ==,
                   "si-2569");

  /* One range per criterion of the rubric, with its bounds. */
  ranges = object_member (config, "ranges");
  g_assert_cmpuint (json_object_get_size (ranges), ==, g_strv_length (keys));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (ranges, keys[i]));
  range = json_object_get_array_member (ranges, "merit.innovation");
  g_assert_cmpint (json_array_get_int_element (range, 0), ==, 1);
  g_assert_cmpint (json_array_get_int_element (range, 1), ==, 5);
  g_assert_true (json_array_get_boolean_element (range, 2));
  range = json_object_get_array_member (ranges, "domains.environment");
  g_assert_cmpint (json_array_get_int_element (range, 0), ==, 0);
  g_assert_cmpint (json_array_get_int_element (range, 1), ==, 4);

  /* The round's rules: assignments, deadline and extension, in the one
   * form every JavaScript engine's Date.parse reads. */
  codes = json_object_get_array_member (json_node_get_object (config), "assigned");
  g_assert_cmpuint (json_array_get_length (codes), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (codes, 0), ==, "p001");
  g_assert_cmpstr (json_array_get_string_element (codes, 1), ==, "p003");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (config), "deadline"), ==,
                   "2026-12-15T10:00:00.001Z");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (config), "extension"), ==,
                   "2026-12-20T10:00:00.000Z");

  assert_fields (config, file);
}

static void
test_evaluation_design_without_deadline (void)
{
  NawatPublishRules rules = { .evaluator = "malee", .rubric = nawat_rubric_get_default () };
  g_autoptr(JsonNode) design = nawat_publish_design_document ("si-2569", &rules);
  g_autoptr(JsonNode) config = NULL;
  JsonObject *object;

  config = config_of (json_object_get_string_member (json_node_get_object (design),
                                                     "validate_doc_update"));
  object = json_node_get_object (config);
  /* No project assigned: none may be scored; no deadline: never closes. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "assigned")), ==, 0);
  g_assert_true (json_object_get_null_member (object, "deadline"));
  g_assert_true (json_object_get_null_member (object, "extension"));
}

static void
test_security (void)
{
  g_autoptr(JsonNode) call = nawat_publish_security (NULL);
  g_autoptr(JsonNode) evaluation = nawat_publish_security ("malee");
  JsonObject *members;
  JsonObject *admins;
  JsonArray *names;

  members = object_member (call, "members");
  admins = object_member (call, "admins");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (members, "names")), ==, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (members, "roles"), 0),
                   ==, "nawat-evaluator");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (admins, "roles"), 0),
                   ==, "nawat-coordinator");

  /* Only the evaluator and the coordinators read an evaluation database. */
  members = object_member (evaluation, "members");
  names = json_object_get_array_member (members, "names");
  g_assert_cmpuint (json_array_get_length (names), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "malee");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (members, "roles")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (members, "roles"), 0),
                   ==, "nawat-coordinator");
}

static void
test_result_string (void)
{
  NawatPublishResult result = { 0 };
  g_autofree char *unchanged = NULL;
  g_autofree char *changed = NULL;

  result.databases = 4;
  result.documents = 42;
  g_assert_false (nawat_publish_result_changed (&result));
  unchanged = nawat_publish_result_to_string (&result);
  g_assert_nonnull (strstr (unchanged, "nothing changed"));

  result.designs_updated = 1;
  g_assert_true (nawat_publish_result_changed (&result));
  changed = nawat_publish_result_to_string (&result);
  g_assert_null (strstr (changed, "nothing changed"));
  g_assert_null (strstr (changed, "files"));
}

static void
test_result_string_files (void)
{
  NawatPublishResult result = { 0 };
  g_autofree char *unchanged = NULL;
  g_autofree char *uploaded = NULL;
  g_autofree char *removed = NULL;

  result.databases = 4;
  result.documents = 42;
  result.files = 7;
  g_assert_false (nawat_publish_result_changed (&result));
  unchanged = nawat_publish_result_to_string (&result);
  g_assert_nonnull (strstr (unchanged, "nothing changed"));
  g_assert_nonnull (strstr (unchanged, "7 files"));

  /* A file uploaded is a change, with no document uploaded. */
  result.files_uploaded = 2;
  result.bytes_uploaded = 3 * 1000 * 1000;
  g_assert_true (nawat_publish_result_changed (&result));
  uploaded = nawat_publish_result_to_string (&result);
  g_assert_nonnull (strstr (uploaded, "2 of 7 files uploaded (3.0\xc2\xa0MB), 0 removed"));

  /* So is a file removed. */
  result.files_uploaded = 0;
  result.bytes_uploaded = 0;
  result.files_removed = 1;
  g_assert_true (nawat_publish_result_changed (&result));
  removed = nawat_publish_result_to_string (&result);
  g_assert_nonnull (strstr (removed, "1 removed from the server"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/publish/call-design", test_call_design);
  g_test_add_func ("/nawat/publish/evaluation-design", test_evaluation_design);
  g_test_add_func ("/nawat/publish/evaluation-design-without-deadline",
                   test_evaluation_design_without_deadline);
  g_test_add_func ("/nawat/publish/security", test_security);
  g_test_add_func ("/nawat/publish/result-string", test_result_string);
  g_test_add_func ("/nawat/publish/result-string-files", test_result_string_files);

  return g_test_run ();
}
