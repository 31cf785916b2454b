/* test-export.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-export.h"
#include "nawat-exporter.h"
#include "nawat-file-output.h"
#include "nawat-generator.h"
#include "nawat-json.h"
#include "nawat-rubric.h"
#include "nawat-scoring.h"
#include "nawat-stats.h"
#include "nawat-store-internal-private.h"
#include "nawat-store-read-private.h"
#include "nawat-store.h"
#include "nawat-xlsx.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

/* The default rubric's keys, in rubric order (DOMAIN.md). */
static const char * const score_keys[] = {
  "domains.environment", "domains.food-water-energy", "domains.government-education",
  "domains.finance-welfare", "domains.sustainable-agriculture", "domains.urbanization",
  "domains.health", "domains.tourism-culture", "domains.disaster-management",
  "helix.government", "helix.academia", "helix.private", "helix.civil-society",
  "helix.environment",
  "merit.innovation", "merit.impact", "merit.feasibility", "merit.sustainability",
  "merit.participation",
};
#define N_KEYS G_N_ELEMENTS (score_keys)
#define NO_SCORE (-1)

static const char *title_markup = "<b>&amp; \"x\"";
static const char *title_thai = "การอนุรักษ์สิ่งแวดล้อมโดยชุมชน จังหวัดน่าน";
static const char *title_tricky = "Rivers, \"wells\"\r\nand rain";

/* Hand-chosen scores: 9 domains (0–4), 5 helix sectors (0–4), 5 merit (1–5). */
static const int scores_somchai[N_KEYS] = {
  4, 0, 0, 0, 0, 0, 0, 0, 0,   2, 2, 2, 2, 2,   5, 4, 3, 2, 1,
};
static const int scores_malee[N_KEYS] = {
  0, 2, 1, 0, 0, 0, 0, 0, 0,   4, 4, 0, 4, 0,   5, 5, 5, 4, 4,
};
static const int scores_wichai[N_KEYS] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1,   NO_SCORE, NO_SCORE, NO_SCORE, NO_SCORE, NO_SCORE,
  3, NO_SCORE, NO_SCORE, NO_SCORE, NO_SCORE,
};

/* DOMAIN.md's composite, written out for the default rubric: domains take
 * the largest normalised score (weight 20), helix and merit the mean
 * (weights 20 and 60).  Returns NAN when a score is missing.
 */
static double
expected_composite (const int *scores)
{
  double domains = 0, helix = 0, merit = 0;

  for (guint i = 0; i < N_KEYS; i++)
    if (scores[i] == NO_SCORE)
      return NAN;
  for (guint i = 0; i < 9; i++)
    domains = MAX (domains, scores[i] / 4.0);
  for (guint i = 9; i < 14; i++)
    helix += scores[i] / 4.0 / 5;
  for (guint i = 14; i < 19; i++)
    merit += (scores[i] - 1) / 4.0 / 5;
  return 100 * (20 * domains + 20 * helix + 60 * merit) / 100;
}

static double
expected_completeness (const int *scores)
{
  guint n = 0;

  for (guint i = 0; i < N_KEYS; i++)
    n += scores[i] != NO_SCORE;
  return (double) n / N_KEYS;
}

static void
append_json_string (GString    *s,
                    const char *str)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), str);
  g_autofree char *data = json_to_string (node, FALSE);

  g_string_append (s, data);
}

static void
append_project (GString    *s,
                const char *call,
                const char *code,
                const char *title_th,
                const char *title_en,
                const char *province,
                const char *domains)
{
  g_string_append_printf (s, ",{\"_id\": \"project:%s:%s\", \"type\": \"project\", \"schema\": 1,"
                          " \"call\": \"%s\", \"code\": \"%s\", \"title\": {\"th\": ",
                          call, code, call, code);
  append_json_string (s, title_th);
  g_string_append (s, ", \"en\": ");
  append_json_string (s, title_en);
  g_string_append_printf (s, "}, \"summary\": {\"th\": \"สรุปโครงการ\", \"en\": \"Summary\"},"
                          " \"organisation\": \"วิสาหกิจชุมชนบ้านดอนแก้ว\", \"province\": \"%s\","
                          " \"reach\": \"community\", \"domains\": %s,"
                          " \"partners\": [{\"name\": \"เทศบาลเมืองน่าน\", \"sector\": \"government\"}],"
                          " \"budget_thb\": 500000, \"duration_months\": 12,"
                          " \"submitted\": \"2026-03-01T09:00:00Z\","
                          " \"assigned\": [\"malee\", \"somchai\", \"wichai\"]}",
                          province, domains);
}

static void
append_evaluation (GString    *s,
                   const char *code,
                   const char *evaluator,
                   const int  *scores,
                   const char *status,
                   const char *recommendation,
                   gboolean    conflict)
{
  g_string_append_printf (s, ",{\"_id\": \"evaluation:t1:%s:%s\", \"type\": \"evaluation\","
                          " \"schema\": 1, \"project\": \"project:t1:%s\", \"evaluator\": \"%s\","
                          " \"rubric\": \"rubric:default:1\", \"scores\": {",
                          code, evaluator, code, evaluator);
  for (guint i = 0; scores != NULL && i < N_KEYS; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      if (scores[i] == NO_SCORE)
        g_string_append_printf (s, "\"%s\": null", score_keys[i]);
      else
        g_string_append_printf (s, "\"%s\": %d", score_keys[i], scores[i]);
    }
  g_string_append_printf (s, "}, \"comments\": {}, \"overall_comment\": \"\","
                          " \"recommendation\": %s,"
                          " \"conflict_of_interest\": {\"declared\": %s, \"note\": \"%s\"%s},"
                          " \"status\": \"%s\", \"updated\": \"2026-08-01T10:00:00Z\"}",
                          recommendation, conflict ? "true" : "false",
                          conflict ? "ญาติของผู้เสนอ" : "",
                          conflict ? ", \"type\": \"personal\"" : "", status);
}

typedef struct
{
  char       *dir;
  NawatStore *store;
} Fixture;

/* Imports the @length bytes of @text into the fixture's store, printing
 * what the import refused; returns the documents imported.
 */
static guint
import_text (Fixture    *fixture,
             const char *text,
             gsize       length)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  nawat_store_import_data (fixture->store, text, length, &n_imported, &problems, &error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  return n_imported;
}

/* Imports a generated call @call of @n_projects with @n_evaluators. */
static guint
import_generated (Fixture    *fixture,
                  const char *call,
                  guint       n_projects,
                  guint       n_evaluators,
                  guint       seed)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  guint n_imported;

  g_assert_true (nawat_generator_write (memory, call, n_projects, n_evaluators, seed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, &error));
  g_assert_no_error (error);
  n_imported = import_text (fixture,
                            g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                            g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  g_assert_cmpuint (n_imported, >, n_projects);
  return n_imported;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("{\"docs\": [");
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("nawat-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = nawat_store_open (path, &error);
  g_assert_no_error (error);

  g_string_append (s, "{\"_id\": \"call:t1\", \"type\": \"call\", \"schema\": 1,"
                   " \"title\": {\"th\": \"ทุนทดสอบ\", \"en\": \"Test call\"}, \"year_be\": 2569,"
                   " \"rubric\": \"rubric:default:1\", \"deadline\": \"2026-12-31T17:00:00Z\","
                   " \"theme\": \"recovery\","
                   " \"evaluators\": [\"malee\", \"somchai\", \"wichai\"]}");
  g_string_append (s, ",{\"_id\": \"call:t2\", \"type\": \"call\", \"schema\": 1,"
                   " \"title\": {\"en\": \"Another call\"}, \"year_be\": 2568,"
                   " \"rubric\": \"rubric:default:1\", \"deadline\": \"2025-12-31T17:00:00Z\","
                   " \"evaluators\": []}");
  append_project (s, "t1", "a01", title_thai, title_markup, "TH-55",
                  "[\"environment\", \"tourism-culture\"]");
  append_project (s, "t1", "b02", "ธนาคารขยะรีไซเคิล", title_tricky, "TH-10", "[\"urbanization\"]");
  append_project (s, "t1", "c03", "การแพทย์ทางไกล", "Telemedicine", "TH-90", "[\"health\"]");
  append_project (s, "t2", "z99", "โครงการของอีกทุน", "Other call's project", "TH-50", "[\"health\"]");
  append_evaluation (s, "a01", "somchai", scores_somchai, "submitted", "\"fund\"", FALSE);
  append_evaluation (s, "a01", "malee", scores_malee, "submitted", "\"fund-with-conditions\"", FALSE);
  append_evaluation (s, "a01", "wichai", scores_wichai, "draft", "null", FALSE);
  append_evaluation (s, "b02", "malee", NULL, "draft", "null", TRUE);
  g_string_append (s, "]}");

  g_assert_cmpuint (import_text (fixture, s->str, s->len), ==, 10);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GBytes *
export (Fixture    *fixture,
        gboolean    csv,
        const char *call_id)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (csv)
    ok = nawat_export_portfolio_csv (fixture->store, call_id, output, NULL, &error);
  else
    ok = nawat_export_portfolio_json (fixture->store, call_id, output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static JsonObject *
find_evaluation (JsonArray  *evaluations,
                 const char *evaluator)
{
  for (guint i = 0; i < json_array_get_length (evaluations); i++)
    {
      JsonObject *object = json_array_get_object_element (evaluations, i);

      if (g_strcmp0 (json_object_get_string_member (object, "evaluator"), evaluator) == 0)
        return object;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_json_evaluation (JsonObject *object,
                        const int  *scores,
                        const char *status)
{
  JsonObject *json_scores = json_object_get_object_member (object, "scores");
  double composite = expected_composite (scores);

  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, status);
  g_assert_cmpuint (json_object_get_size (json_scores), ==, N_KEYS);
  for (guint i = 0; i < N_KEYS; i++)
    {
      JsonNode *node = json_object_get_member (json_scores, score_keys[i]);

      g_assert_nonnull (node);
      if (scores[i] == NO_SCORE)
        g_assert_true (JSON_NODE_HOLDS_NULL (node));
      else
        g_assert_cmpint (json_node_get_int (node), ==, scores[i]);
    }
  if (isnan (composite))
    g_assert_true (json_object_get_null_member (object, "composite"));
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "composite"),
                                    composite, 1e-4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "completeness"),
                                  expected_completeness (scores), 1e-4);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export (fixture, FALSE, "t1");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *a, *b, *c, *title, *somchai;
  JsonArray *projects, *domains;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  /* Worked out by hand from the scores above: (60 + 76) / 2. */
  const double mean = 68;

  g_assert_cmpfloat_with_epsilon (expected_composite (scores_somchai), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (expected_composite (scores_malee), 76, 1e-9);

  g_assert_true (json_parser_load_from_data (parser, text, length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "call"), "_id"),
                   ==, "call:t1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "call"), "theme"),
                   ==, "recovery");
  projects = json_object_get_array_member (root, "projects");
  g_assert_cmpuint (json_array_get_length (projects), ==, 3);
  a = json_array_get_object_element (projects, 0);
  b = json_array_get_object_element (projects, 1);
  c = json_array_get_object_element (projects, 2);

  g_assert_cmpstr (json_object_get_string_member (a, "_id"), ==, "project:t1:a01");
  g_assert_cmpstr (json_object_get_string_member (a, "code"), ==, "a01");
  g_assert_cmpstr (json_object_get_string_member (a, "province"), ==, "TH-55");
  g_assert_cmpstr (json_object_get_string_member (a, "reach"), ==, "community");
  g_assert_cmpint (json_object_get_int_member (a, "budget_thb"), ==, 500000);
  /* Every reach level in order, then none; the other call's project is
   * not counted.
   */
  {
    JsonArray *totals = json_object_get_array_member (root, "reach_totals");
    JsonObject *community, *none;

    g_assert_cmpuint (json_array_get_length (totals), ==, NAWAT_N_REACH + 1);
    for (guint i = 0; i < NAWAT_N_REACH; i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (totals, i), "reach"),
                       ==, nawat_reach_levels ()[i].key);
    community = json_array_get_object_element (totals, 0);
    g_assert_cmpint (json_object_get_int_member (community, "projects"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (community, "budget_thb"), ==, 1500000);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (totals, 1), "projects"),
                     ==, 0);
    none = json_array_get_object_element (totals, NAWAT_N_REACH);
    g_assert_true (json_object_get_null_member (none, "reach"));
    g_assert_cmpint (json_object_get_int_member (none, "projects"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (none, "budget_thb"), ==, 0);
  }
  title = json_object_get_object_member (a, "title");
  g_assert_cmpstr (json_object_get_string_member (title, "en"), ==, title_markup);
  g_assert_cmpstr (json_object_get_string_member (title, "th"), ==, title_thai);
  domains = json_object_get_array_member (a, "domains");
  g_assert_cmpuint (json_array_get_length (domains), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (domains, 0), ==, "environment");
  /* The evaluators assigned, as stored. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "assigned")), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (a, "assigned"), 2),
                   ==, "wichai");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "evaluations")), ==, 3);
  assert_json_evaluation (find_evaluation (json_object_get_array_member (a, "evaluations"), "somchai"),
                          scores_somchai, "submitted");
  assert_json_evaluation (find_evaluation (json_object_get_array_member (a, "evaluations"), "malee"),
                          scores_malee, "submitted");
  assert_json_evaluation (find_evaluation (json_object_get_array_member (a, "evaluations"), "wichai"),
                          scores_wichai, "draft");
  /* Every other member of the stored evaluation, as stored; not the
   * store's bookkeeping. */
  somchai = find_evaluation (json_object_get_array_member (a, "evaluations"), "somchai");
  g_assert_cmpstr (json_object_get_string_member (somchai, "_id"), ==, "evaluation:t1:a01:somchai");
  g_assert_cmpstr (json_object_get_string_member (somchai, "recommendation"), ==, "fund");
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (somchai,
                                                                                 "conflict_of_interest"),
                                                  "declared"));
  g_assert_cmpstr (json_object_get_string_member (somchai, "updated"), ==, "2026-08-01T10:00:00Z");
  g_assert_false (json_object_has_member (somchai, "_rev"));
  g_assert_false (json_object_has_member (somchai, "type"));
  g_assert_false (json_object_has_member (somchai, "schema"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a, "composite_mean"),
                                  (expected_composite (scores_somchai) +
                                   expected_composite (scores_malee)) / 2, 1e-4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a, "composite_mean"), mean, 1e-4);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (b, "title"), "en"),
                   ==, title_tricky);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b, "evaluations")), ==, 1);
  g_assert_true (json_object_get_null_member (b, "composite_mean"));

  g_assert_cmpstr (json_object_get_string_member (c, "_id"), ==, "project:t1:c03");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "evaluations")), ==, 0);
  g_assert_true (json_object_get_null_member (c, "composite_mean"));
}

/* A strict RFC 4180 reader: CRLF record ends, fields quoted only as a
 * whole, quotes doubled inside; anything else fails the test.
 */
static GPtrArray *
parse_csv (const char *data,
           gsize       length)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = NULL;
  gsize i = 0;

  g_assert_true (g_utf8_validate (data, length, NULL));
  g_assert_false (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0);

  while (i < length)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (record == NULL)
        {
          record = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (records, record);
        }

      if (data[i] == '"')
        {
          i++;
          for (;;)
            {
              g_assert_cmpuint (i, <, length);
              if (data[i] == '"')
                {
                  if (i + 1 < length && data[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              g_string_append_c (field, data[i++]);
            }
        }
      else
        {
          while (i < length && data[i] != ',' && data[i] != '\r')
            {
              g_assert_cmpint (data[i], !=, '"');
              g_assert_cmpint (data[i], !=, '\n');
              g_string_append_c (field, data[i++]);
            }
        }

      g_ptr_array_add (record, g_string_free (g_steal_pointer (&field), FALSE));
      g_assert_cmpuint (i, <, length);
      if (data[i] == ',')
        i++;
      else
        {
          g_assert_cmpint (data[i], ==, '\r');
          g_assert_cmpuint (i + 1, <, length);
          g_assert_cmpint (data[i + 1], ==, '\n');
          i += 2;
          record = NULL;
        }
    }
  g_assert_null (record);
  return records;
}

static const char *
field (GPtrArray *record,
       guint      index)
{
  g_assert_cmpuint (index, <, record->len);
  return g_ptr_array_index (record, index);
}

static void
assert_csv_scores (GPtrArray *record,
                   const int *scores)
{
  double composite = expected_composite (scores);
  char expected[32];

  for (guint i = 0; i < N_KEYS; i++)
    {
      if (scores[i] == NO_SCORE)
        g_assert_cmpstr (field (record, 19 + i), ==, "");
      else
        {
          g_snprintf (expected, sizeof expected, "%d", scores[i]);
          g_assert_cmpstr (field (record, 19 + i), ==, expected);
        }
    }
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (field (record, 17), NULL),
                                  expected_completeness (scores), 1e-4);
  if (isnan (composite))
    g_assert_cmpstr (field (record, 18), ==, "");
  else
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (field (record, 18), NULL), composite, 1e-4);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  static const char * const columns[] = {
    "project_id", "code", "title_th", "title_en", "province", "province_th", "province_en",
    "region", "reach", "budget_thb", "primary_domain",
    "evaluator", "status", "recommendation", "confidence", "conflict_of_interest",
    "conflict_type", "completeness", "composite",
  };
  g_autoptr(GBytes) bytes = export (fixture, TRUE, "t1");
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *header, *row;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  /* The markup title is quoted because of its quotes, and nothing else. */
  g_assert_nonnull (g_strstr_len (text, length, ",\"<b>&amp; \"\"x\"\"\","));
  records = parse_csv (text, length);

  /* Header, then a01 (malee, somchai, wichai), b02 (malee); c03, which no
   * one has evaluated, has no row: a row is an evaluation.
   */
  g_assert_cmpuint (records->len, ==, 1 + 4);
  header = g_ptr_array_index (records, 0);
  g_assert_cmpuint (header->len, ==, G_N_ELEMENTS (columns) + N_KEYS);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpstr (field (header, i), ==, columns[i]);
  for (guint i = 0; i < N_KEYS; i++)
    g_assert_cmpstr (field (header, G_N_ELEMENTS (columns) + i), ==, score_keys[i]);
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, i))->len, ==, header->len);

  row = g_ptr_array_index (records, 1);
  g_assert_cmpstr (field (row, 0), ==, "project:t1:a01");
  g_assert_cmpstr (field (row, 1), ==, "a01");
  g_assert_cmpstr (field (row, 2), ==, title_thai);
  g_assert_cmpstr (field (row, 3), ==, title_markup);
  g_assert_cmpstr (field (row, 4), ==, "TH-55");
  /* The province's names and region, the project's reach and budget. */
  g_assert_cmpstr (field (row, 5), ==, "น่าน");
  g_assert_cmpstr (field (row, 6), ==, "Nan");
  g_assert_cmpstr (field (row, 7), ==, "north");
  g_assert_cmpstr (field (row, 8), ==, "community");
  g_assert_cmpstr (field (row, 9), ==, "500000");
  g_assert_cmpstr (field (row, 10), ==, "environment");
  g_assert_cmpstr (field (row, 11), ==, "malee");
  g_assert_cmpstr (field (row, 12), ==, "submitted");
  g_assert_cmpstr (field (row, 13), ==, "fund-with-conditions");
  g_assert_cmpstr (field (row, 15), ==, "false");
  assert_csv_scores (row, scores_malee);

  row = g_ptr_array_index (records, 2);
  g_assert_cmpstr (field (row, 11), ==, "somchai");
  g_assert_cmpstr (field (row, 13), ==, "fund");
  assert_csv_scores (row, scores_somchai);

  row = g_ptr_array_index (records, 3);
  g_assert_cmpstr (field (row, 11), ==, "wichai");
  g_assert_cmpstr (field (row, 12), ==, "draft");
  g_assert_cmpstr (field (row, 13), ==, "");
  assert_csv_scores (row, scores_wichai);

  row = g_ptr_array_index (records, 4);
  g_assert_cmpstr (field (row, 0), ==, "project:t1:b02");
  g_assert_cmpstr (field (row, 3), ==, title_tricky);
  g_assert_cmpstr (field (row, 5), ==, "กรุงเทพมหานคร");
  g_assert_cmpstr (field (row, 7), ==, "central");
  g_assert_cmpstr (field (row, 11), ==, "malee");
  g_assert_cmpstr (field (row, 15), ==, "true");
  g_assert_cmpstr (field (row, 16), ==, "personal");
  g_assert_cmpstr (field (row, 18), ==, "");
  g_assert_null (g_strstr_len (text, length, "project:t1:c03"));
}

/* Exports @call_id as CSV and as XLSX into the fixture's folder, then has
 * a real spreadsheet reader, openpyxl (tests/compare-xlsx-csv.py), read
 * the workbook back and compare it with the CSV cell by cell: values,
 * types, number formats, the frozen bold header.  Returns the workbook's
 * path.
 */
static char *
assert_xlsx_matches_csv (Fixture    *fixture,
                         const char *call_id)
{
  g_autofree char *csv_name = g_strdup_printf ("%s.csv", call_id);
  g_autofree char *xlsx_name = g_strdup_printf ("%s.xlsx", call_id);
  g_autofree char *csv_path = g_build_filename (fixture->dir, csv_name, NULL);
  char *xlsx_path = g_build_filename (fixture->dir, xlsx_name, NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "compare-xlsx-csv.py", NULL);
  const char *python = g_getenv ("NAWAT_OPENPYXL_PYTHON");
  const char *argv[] = { python, script, xlsx_path, csv_path, NULL };
  g_autoptr(GBytes) csv = export (fixture, TRUE, call_id);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) xlsx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_true (nawat_export_portfolio_xlsx (fixture->store, call_id, output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  xlsx = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  /* A zip archive */
  g_assert_cmpuint (g_bytes_get_size (xlsx), >, 4);
  g_assert_cmpmem (g_bytes_get_data (xlsx, NULL), 4, "PK\x03\x04", 4);
  g_assert_true (g_file_set_contents (csv_path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                      NULL));
  g_assert_true (g_file_set_contents (xlsx_path, g_bytes_get_data (xlsx, NULL),
                                      g_bytes_get_size (xlsx), NULL));

  if (python == NULL || *python == '\0')
    g_error ("No Python with openpyxl: install python3-openpyxl (build-aux/install-deps)");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", out);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The workbook differs from the CSV:\n%s", out);
  return xlsx_path;
}

/* The XLSX export carries the CSV's table: openpyxl reads it back the
 * same, and so does Nawat's own reader (nawat-xlsx.h), Thai included.
 */
static void
test_xlsx (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = assert_xlsx_matches_csv (fixture, "t1");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  char **row;

  rows = nawat_xlsx_read_rows (path, "t1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1 + 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "project_id");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, "project:t1:a01");
  g_assert_cmpstr (row[2], ==, title_thai);
  g_assert_cmpstr (row[3], ==, title_markup);
  row = g_ptr_array_index (rows, 4);
  g_assert_cmpstr (row[3], ==, title_tricky);

  /* A call without evaluations: the header row alone. */
  g_free (assert_xlsx_matches_csv (fixture, "t2"));
}

/* Texts that a spreadsheet would run as formulas are written as text: a
 * leading ' (OWASP's advice), in every text column; numbers stay numbers.
 */
static void
test_csv_formulas (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const starts[] = { "=", "+", "-", "@", "\t", "\r" };
  g_autoptr(GString) s = g_string_new ("{\"docs\": [");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *text;
  gsize length;

  /* The four that can start a user name are evaluators' names too. */
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (names, "%s\"%sevil\"", i > 0 ? ", " : "", starts[i]);

  g_string_append_printf (s, "{\"_id\": \"call:t3\", \"type\": \"call\", \"schema\": 1,"
                          " \"title\": {\"en\": \"Formulas\"}, \"year_be\": 2569,"
                          " \"rubric\": \"rubric:default:1\", \"deadline\": \"2100-01-01T00:00:00Z\","
                          " \"evaluators\": [%s]}", names->str);
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autofree char *title_th = g_strconcat (starts[i], "SUM(1+1)*cmd|' /C calc'!A0", NULL);
      g_autofree char *title_en = g_strconcat (starts[i], "HYPERLINK(\"https://x.example\",\"y\")",
                                               NULL);
      const char *evaluator = i < 4 ? starts[i] : "-";

      g_string_append_printf (s, ",{\"_id\": \"project:t3:f%u\", \"type\": \"project\", \"schema\": 1,"
                              " \"call\": \"t3\", \"code\": \"f%u\", \"title\": {\"th\": ", i, i);
      append_json_string (s, title_th);
      g_string_append (s, ", \"en\": ");
      append_json_string (s, title_en);
      g_string_append_printf (s, "}, \"summary\": {\"en\": \"Summary\"}, \"organisation\": ");
      append_json_string (s, title_th);
      g_string_append_printf (s, ", \"province\": \"TH-50\", \"reach\": \"community\","
                              " \"domains\": [\"health\"],"
                              " \"partners\": [{\"name\": \"=1+1\", \"sector\": \"government\"}],"
                              " \"budget_thb\": 1000, \"duration_months\": 1,"
                              " \"submitted\": \"2026-03-01T09:00:00Z\", \"assigned\": [%s]}",
                              names->str);
      g_string_append_printf (s, ",{\"_id\": \"evaluation:t3:f%u:%sevil\", \"type\": \"evaluation\","
                              " \"schema\": 1, \"project\": \"project:t3:f%u\","
                              " \"evaluator\": \"%sevil\", \"rubric\": \"rubric:default:1\","
                              " \"scores\": {\"merit.impact\": 3},"
                              " \"comments\": {\"merit.impact\": \"=2+3\"}, \"overall_comment\": \"-1\","
                              " \"recommendation\": null, \"conflict_of_interest\": {\"declared\": false},"
                              " \"status\": \"draft\", \"updated\": \"2026-08-01T10:00:00Z\"}",
                              i, evaluator, i, evaluator);
    }
  g_string_append (s, "]}");
  g_assert_cmpuint (import_text (fixture, s->str, s->len), ==, 1 + 2 * G_N_ELEMENTS (starts));

  bytes = export (fixture, TRUE, "t3");
  text = g_bytes_get_data (bytes, &length);
  records = parse_csv (text, length);
  g_assert_cmpuint (records->len, ==, 1 + G_N_ELEMENTS (starts));

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      GPtrArray *row = g_ptr_array_index (records, 1 + i);
      g_autofree char *title_th = g_strconcat ("'", starts[i], "SUM(1+1)*cmd|' /C calc'!A0", NULL);
      g_autofree char *title_en = g_strconcat ("'", starts[i],
                                               "HYPERLINK(\"https://x.example\",\"y\")", NULL);
      g_autofree char *evaluator = g_strconcat ("'", i < 4 ? starts[i] : "-", "evil", NULL);
      g_autofree char *code = g_strdup_printf ("f%u", i);

      /* Each text cell starts with the quote, then the text as it was. */
      g_assert_cmpstr (field (row, 1), ==, code);
      g_assert_cmpstr (field (row, 2), ==, title_th);
      g_assert_cmpstr (field (row, 3), ==, title_en);
      g_assert_cmpstr (field (row, 11), ==, evaluator);
      for (guint j = 0; j < row->len; j++)
        {
          const char *cell = field (row, j);

          g_assert_false (cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL);
        }

      /* The numeric columns are bare numbers: completeness, the score. */
      g_assert_true (g_ascii_isdigit (field (row, 17)[0]));
      g_assert_cmpstr (field (row, 19 + 15), ==, "3");
    }

  /* The workbook has the texts as they are, as text cells. */
  g_free (assert_xlsx_matches_csv (fixture, "t3"));
}

/* Another call's projects stay out. */
static void
test_other_call (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) csv = export (fixture, TRUE, "t2");
  g_autoptr(GBytes) json = export (fixture, FALSE, "t2");
  g_autoptr(GPtrArray) records = NULL;
  gsize length;
  const char *text = g_bytes_get_data (csv, &length);

  /* Nobody has evaluated z99: the CSV has its header only. */
  records = parse_csv (text, length);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_null (g_strstr_len (text, length, "project:t1:"));

  text = g_bytes_get_data (json, &length);
  g_assert_nonnull (g_strstr_len (text, length, "\"project:t2:z99\""));
  g_assert_null (g_strstr_len (text, length, "project:t1:"));
}

static void
test_unknown_call (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_false (nawat_export_portfolio_json (fixture->store, "nope", output, NULL, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (nawat_export_portfolio_csv (fixture->store, "nope", output, NULL, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
write_text (NawatFileOutput *output,
            const char      *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (nawat_file_output_get_stream (output), text,
                                            strlen (text), NULL, NULL, &error));
  g_assert_no_error (error);
}

/* An export that fails leaves no file where there was none, and the old
 * contents where there was one; one that succeeds replaces them whole.
 */
static void
test_file_output (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-file-output-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  NawatFileOutput *output;

  g_assert_no_error (error);

  /* Abandoned halfway (more than the stream's buffer): nothing is left. */
  output = nawat_file_output_new (file, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10000; i++)
    write_text (output, "project_id,code,title_th,title_en\r\n");
  nawat_file_output_free (output);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);

  /* Over an existing file: it keeps its contents until the commit. */
  g_assert_true (g_file_set_contents (path, "old contents", -1, &error));
  output = nawat_file_output_new (file, NULL, &error);
  g_assert_no_error (error);
  write_text (output, "new");
  nawat_file_output_free (output);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "old contents");
  g_clear_pointer (&contents, g_free);

  output = nawat_file_output_new (file, NULL, &error);
  g_assert_no_error (error);
  write_text (output, "new contents");
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "old contents");
  g_clear_pointer (&contents, g_free);
  g_assert_true (nawat_file_output_commit (output, NULL, &error));
  g_assert_no_error (error);
  nawat_file_output_free (output);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "new contents");
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "report.csv");

  /* A directory that does not exist: an error, and nothing made. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing", "report.csv", NULL);
    g_autoptr(GFile) nowhere = g_file_new_for_path (missing);

    g_assert_null (nawat_file_output_new (nowhere, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* An edit saved through the store shows in the next export. */
static void
test_after_save (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *a;
  gsize length;
  const char *text;
  int scores[N_KEYS];

  evaluation = nawat_store_get_evaluation (fixture->store, "evaluation:t1:a01:wichai", &error);
  g_assert_no_error (error);
  memcpy (scores, scores_wichai, sizeof scores);
  for (guint i = 0; i < N_KEYS; i++)
    {
      if (scores[i] == NO_SCORE)
        scores[i] = i >= 14 ? 5 : 4;
      nawat_evaluation_set_score (evaluation, score_keys[i], scores[i]);
    }
  g_assert_true (nawat_store_save_evaluation (fixture->store, evaluation, &error));
  g_assert_no_error (error);

  bytes = export (fixture, FALSE, "t1");
  text = g_bytes_get_data (bytes, &length);
  g_assert_true (json_parser_load_from_data (parser, text, length, &error));
  g_assert_no_error (error);
  a = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                   "projects"), 0);
  assert_json_evaluation (find_evaluation (json_object_get_array_member (a, "evaluations"), "wichai"),
                          scores, "draft");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a, "composite_mean"),
                                  (expected_composite (scores_somchai) +
                                   expected_composite (scores_malee) +
                                   expected_composite (scores)) / 3, 1e-4);
}

/* Every criterion of a group at one level: the composite is
 * 5 (domains + helix levels) + 15 (merit level − 1).
 */
static void
fill_levels (int *scores,
             int  domains,
             int  helix,
             int  merit)
{
  for (guint i = 0; i < N_KEYS; i++)
    scores[i] = i < 9 ? domains : i < 14 ? helix : merit;
}

static JsonObject *
find_project (JsonArray  *projects,
              const char *id)
{
  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *object = json_array_get_object_element (projects, i);

      if (g_strcmp0 (json_object_get_string_member (object, "_id"), id) == 0)
        return object;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The statistics of each project (nawat-stats.h): somchai scores a01 60,
 * b02 100 and c03 50 (mean 70, sd √700), so is normalised; wichai (b02 40,
 * c03 50) and malee (a01 76) score too few projects to be.
 */
static void
test_json_stats (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) s = g_string_new ("[{\"_id\": \"x\"}");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *projects, *reasons;
  JsonObject *a, *b, *c;
  int scores[N_KEYS];
  const char *text;
  gsize length;

  fill_levels (scores, 4, 4, 5);
  append_evaluation (s, "b02", "somchai", scores, "submitted", "\"fund\"", FALSE);
  fill_levels (scores, 1, 1, 3);
  append_evaluation (s, "b02", "wichai", scores, "submitted", "\"fund-with-conditions\"", FALSE);
  fill_levels (scores, 2, 2, 3);
  append_evaluation (s, "c03", "somchai", scores, "submitted", "\"fund\"", FALSE);
  append_evaluation (s, "c03", "wichai", scores, "submitted", "\"reject\"", FALSE);
  g_string_append_c (s, ']');
  /* Drop the placeholder that let every evaluation start with a comma. */
  g_string_erase (s, 1, strlen ("{\"_id\": \"x\"},"));
  g_assert_cmpuint (import_text (fixture, s->str, s->len), ==, 4);

  bytes = export (fixture, FALSE, "t1");
  text = g_bytes_get_data (bytes, &length);
  g_assert_true (json_parser_load_from_data (parser, text, length, &error));
  g_assert_no_error (error);
  projects = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "projects");
  a = find_project (projects, "project:t1:a01");
  b = find_project (projects, "project:t1:b02");
  c = find_project (projects, "project:t1:c03");

  /* Means: a01 68, b02 70, c03 50. */
  g_assert_cmpint (json_object_get_int_member (b, "rank"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (a, "rank"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (c, "rank"), ==, 3);
  g_assert_false (json_object_get_boolean_member (a, "rank_tied"));

  /* Only somchai's z-scores count. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a, "z_mean"),
                                  -10 / sqrt (700), 1e-4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (b, "z_mean"),
                                  30 / sqrt (700), 1e-4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "z_mean"),
                                  -20 / sqrt (700), 1e-4);

  /* a01: 60 and 76, both funded. */
  g_assert_false (json_object_get_boolean_member (a, "disagreement"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "disagreement_reasons")),
                    ==, 0);
  /* b02: 100 and 40 span 60 points. */
  g_assert_true (json_object_get_boolean_member (b, "disagreement"));
  reasons = json_object_get_array_member (b, "disagreement_reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (reasons, 0), "60.0"));
  /* c03: equal composites, but fund against reject. */
  g_assert_true (json_object_get_boolean_member (c, "disagreement"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "disagreement_reasons")),
                    ==, 1);
}

/* A JSON member that is null (or absent) or an integer, as a rank. */
static guint
rank_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? 0 : (guint) json_node_get_int (node);
}

/* The "projects" of the call @call_id's JSON portfolio, parsed by @parser. */
static JsonArray *
export_projects (Fixture    *fixture,
                 const char *call_id,
                 JsonParser *parser)
{
  g_autoptr(GBytes) bytes = export (fixture, FALSE, call_id);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  g_assert_true (json_parser_load_from_data (parser, text, length, &error));
  g_assert_no_error (error);
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "projects");
}

/* The export writes each project's ranks, z-mean and disagreement as
 * the call's statistics compute them, on a generated call of several
 * evaluators with ties, unscored projects and disagreements.
 */
static void
test_json_stats_generated (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(NawatCallStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *projects;
  guint n_tied = 0, n_unranked = 0, n_flagged = 0;

  import_generated (fixture, "gen", 400, 4, 7);

  stats = nawat_call_stats_compute (fixture->store, "gen", NAWAT_STATS_DEFAULT_THRESHOLD,
                                    NULL, &error);
  g_assert_no_error (error);
  projects = export_projects (fixture, "gen", parser);
  g_assert_cmpuint (json_array_get_length (projects), ==, 400);
  g_assert_cmpuint (nawat_call_stats_get_n_projects (stats), ==, 400);

  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);
      const NawatProjectStats *ps =
        nawat_call_stats_lookup_project (stats, json_object_get_string_member (p, "_id"));
      JsonArray *reasons = json_object_get_array_member (p, "disagreement_reasons");

      g_assert_nonnull (ps);
      g_assert_cmpuint (rank_member (p, "rank"), ==, ps->rank_mean);
      g_assert_cmpint (json_object_get_boolean_member (p, "rank_tied"), ==, ps->rank_mean_tied);
      g_assert_cmpuint (rank_member (p, "rank_z"), ==, ps->rank_z);
      if (isnan (ps->z_mean))
        g_assert_true (json_object_get_null_member (p, "z_mean"));
      else
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "z_mean"),
                                        ps->z_mean, 6e-5);
      g_assert_cmpint (json_object_get_boolean_member (p, "disagreement"), ==, ps->disagreement);
      g_assert_cmpuint (json_array_get_length (reasons), ==,
                        ps->reasons != NULL ? g_strv_length (ps->reasons) : 0);
      for (guint r = 0; r < json_array_get_length (reasons); r++)
        g_assert_cmpstr (json_array_get_string_element (reasons, r), ==, ps->reasons[r]);
      n_tied += ps->rank_mean_tied;
      n_unranked += ps->rank_mean == 0;
      n_flagged += ps->disagreement;
    }
  /* The call has every case the ranking handles. */
  g_assert_cmpuint (n_tied, >, 0);
  g_assert_cmpuint (n_unranked, >, 0);
  g_assert_cmpuint (n_flagged, >, 0);
}

/* An evaluation made with another rubric than the call's takes the slow
 * path through the codec; its row has the same columns as the others.
 */
static void
test_csv_other_rubric (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) s = g_string_new ("[{\"_id\": \"x\"}");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *header, *row = NULL;
  g_autofree char *composite = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text;
  gsize length;
  char *rubric;

  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (nawat_rubric_get_default ()));
  g_autofree char *rubric_json = NULL;

  /* A copy of the default rubric under another id. */
  json_object_set_string_member (json_node_get_object (node), "_id", "rubric:copy:1");
  json_object_remove_member (json_node_get_object (node), "_rev");
  rubric_json = json_to_string (node, FALSE);
  g_string_append_printf (s, ",%s", rubric_json);
  append_evaluation (s, "c03", "somchai", scores_somchai, "submitted", "\"fund\"", FALSE);
  g_string_append_c (s, ']');
  g_string_erase (s, 1, strlen ("{\"_id\": \"x\"},"));
  rubric = strstr (s->str, "\"rubric\": \"rubric:default:1\"");
  g_assert_nonnull (rubric);
  memcpy (rubric, "\"rubric\": \"rubric:copy:1\"    ", strlen ("\"rubric\": \"rubric:default:1\""));
  g_assert_cmpuint (import_text (fixture, s->str, s->len), ==, 2);

  bytes = export (fixture, TRUE, "t1");
  text = g_bytes_get_data (bytes, &length);
  records = parse_csv (text, length);
  g_assert_cmpuint (records->len, ==, 1 + 5);
  header = g_ptr_array_index (records, 0);
  for (guint i = 1; i < records->len; i++)
    {
      GPtrArray *record = g_ptr_array_index (records, i);

      g_assert_cmpuint (record->len, ==, header->len);
      if (g_str_equal (field (record, 0), "project:t1:c03"))
        row = record;
    }
  g_assert_nonnull (row);
  g_assert_cmpstr (field (row, 11), ==, "somchai");
  g_assert_cmpstr (field (row, 13), ==, "fund");
  /* The same rubric under another id: the same composite. */
  composite = g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", expected_composite (scores_somchai)));
  g_assert_cmpstr (field (row, 18), ==, composite);
  g_assert_cmpstr (field (row, 19), ==, "4");
}

/* Documents for the pinned export: every kind of member an evaluation
 * carries (comments with escapes, a reopening, the evaluator's
 * confidence, unknown members with numbers and nesting), an evaluation
 * made with another rubric than the call's, and texts stored in an
 * order and a spacing other than the codec's.
 */
/* Runs @sql on @db, which is to change one row. */
static void
update_one (sqlite3    *db,
            const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
}

static void
add_pinned_documents (Fixture *fixture)
{
  g_autoptr(GString) s = g_string_new ("[");
  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (nawat_rubric_get_default ()));
  g_autofree char *rubric_json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  json_object_set_string_member (json_node_get_object (node), "_id", "rubric:copy:1");
  json_object_remove_member (json_node_get_object (node), "_rev");
  rubric_json = json_to_string (node, FALSE);
  g_string_append (s, rubric_json);
  g_string_append (s, ",{\"_id\": \"evaluation:t1:c03:somchai\", \"type\": \"evaluation\","
                   " \"schema\": 1, \"project\": \"project:t1:c03\", \"evaluator\": \"somchai\","
                   " \"rubric\": \"rubric:default:1\","
                   " \"x_review\": {\"round\": 2, \"ratio\": 0.1, \"tiny\": 1e-10,"
                   " \"flags\": [true, null, \"a\\\"b\\\\c\\u0001\"], \"empty\": {}},"
                   " \"scores\": {\"merit.impact\": 4, \"domains.health\": 3, \"merit.innovation\": 5},"
                   " \"comments\": {\"merit.innovation\": \"ดีมาก \\\"quoted\\\" back\\\\slash\\ttab\\n\","
                   " \"domains.health\": \"</script>\"},"
                   " \"overall_comment\": \"ควรปรับงบประมาณ\", \"recommendation\": \"reject\","
                   " \"confidence\": 3, \"conflict_answered\": true,"
                   " \"conflict_of_interest\": {\"declared\": false, \"note\": \"\"},"
                   " \"status\": \"draft\", \"updated\": \"2026-08-02T11:00:00Z\","
                   " \"reopened\": {\"by\": \"coordinator\", \"at\": \"2026-08-01T12:00:00Z\"}}");
  g_string_append (s, ",{\"_id\": \"evaluation:t1:c03:malee\", \"type\": \"evaluation\","
                   " \"schema\": 1, \"project\": \"project:t1:c03\", \"evaluator\": \"malee\","
                   " \"rubric\": \"rubric:copy:1\", \"scores\": {\"merit.impact\": 2},"
                   " \"comments\": {}, \"recommendation\": \"fund\", \"confidence\": 1,"
                   " \"conflict_of_interest\": {\"declared\": false},"
                   " \"status\": \"draft\", \"updated\": \"2026-08-03T09:30:00Z\"}");
  g_string_append_c (s, ']');
  g_assert_cmpuint (import_text (fixture, s->str, s->len), ==, 3);

  /* Texts another version of Nawat may have stored: a member out of the
   * codec's order, and spaces between the members.
   */
  path = g_build_filename (fixture->dir, "store.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  update_one (db, "UPDATE evaluations SET json = json_set ("
              "json_remove (json, '$.project'), '$.project',"
              " json_extract (json, '$.project'))"
              " WHERE id = 'evaluation:t1:a01:malee'");
  update_one (db, "UPDATE evaluations SET json = replace ("
              "json, ',\"status\":', ', \"status\": ')"
              " WHERE id = 'evaluation:t1:a01:wichai'");
  /* A member the codec always writes, missing; a member the codec writes
   * before the ones it keeps as JSON, after them.
   */
  update_one (db, "UPDATE evaluations SET json = json_remove ("
              "json, '$.recommendation')"
              " WHERE id = 'evaluation:t1:b02:malee'");
  update_one (db, "UPDATE evaluations SET json = json_set ("
              "json_remove (json, '$.reopened'), '$.reopened',"
              " json (json_extract (json, '$.reopened')))"
              " WHERE id = 'evaluation:t1:c03:somchai'");
  /* The evaluator's confidence, which weighs a composite: a member set
   * in the text in place.
   */
  update_one (db, "UPDATE evaluations SET json = json_set ("
              "json, '$.confidence', 3)"
              " WHERE id = 'evaluation:t1:a01:somchai'");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The JSON portfolio's text, byte for byte, as tests/export/ holds it:
 * what it carries of each document, in which order and how each value is
 * written, with the composites weighted by confidence or not.
 */
static void
test_json_pinned (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const files[] = { "portfolio-t1.json", "portfolio-t1-confidence.json" };

  add_pinned_documents (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "export", files[i], NULL);
      g_autofree char *expected = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (nawat_export_portfolio_json_full (fixture->store, "t1",
                                                       i == 0 ? NAWAT_STATS_FLAGS_NONE
                                                              : NAWAT_STATS_WEIGHT_CONFIDENCE,
                                                       output, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_write_all (output, "", 1, NULL, NULL, &error));
      g_assert_true (g_output_stream_close (output, NULL, &error));
      text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
      g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, expected);
    }
}

/* @exported, an evaluation as the export wrote it: its evaluator, status,
 * scores (every key of the rubric), composite and completeness, then the
 * members of its stored document as the codec writes them, in the
 * codec's order, but for those and the bookkeeping.
 */
static void
assert_evaluation_members (NawatStore *store,
                           JsonObject *exported)
{
  static const char * const first[] = {
    "evaluator", "status", "scores", "composite", "completeness",
  };
  static const char * const left_out[] = { "_rev", "type", "schema", NULL };
  const char *id = json_object_get_string_member (exported, "_id");
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *scores = json_object_get_object_member (exported, "scores");
  JsonObjectIter expected_iter, iter;
  const char *expected_name, *name;
  JsonNode *expected_member, *member;
  NawatScore score;

  evaluation = nawat_store_get_evaluation (store, id, &error);
  g_assert_no_error (error);
  node = nawat_codec_to_node (NAWAT_DOCUMENT (evaluation));
  nawat_scoring_compute (nawat_rubric_get_default (), evaluation, &score);

  g_assert_cmpstr (json_object_get_string_member (exported, "evaluator"), ==,
                   nawat_evaluation_get_evaluator (evaluation));
  g_assert_cmpstr (json_object_get_string_member (exported, "status"), ==,
                   nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  g_assert_cmpuint (json_object_get_size (scores), ==, N_KEYS);
  for (guint i = 0; i < N_KEYS; i++)
    {
      double value;

      if (nawat_evaluation_get_score (evaluation, score_keys[i], &value))
        g_assert_cmpfloat (json_object_get_double_member (scores, score_keys[i]), ==, value);
      else
        g_assert_true (json_object_get_null_member (scores, score_keys[i]));
    }
  if (score.complete)
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (exported, "composite"),
                                    score.composite, 1e-4);
  else
    g_assert_true (json_object_get_null_member (exported, "composite"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (exported, "completeness"),
                                  score.completeness, 1e-4);

  json_object_iter_init_ordered (&iter, exported);
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      g_assert_true (json_object_iter_next_ordered (&iter, &name, &member));
      g_assert_cmpstr (name, ==, first[i]);
    }
  json_object_iter_init_ordered (&expected_iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&expected_iter, &expected_name, &expected_member))
    {
      g_autofree char *expected_text = NULL;
      g_autofree char *text = NULL;

      if (g_strv_contains (left_out, expected_name) ||
          g_strv_contains ((const char * const *) first, expected_name))
        continue;
      g_assert_true (json_object_iter_next_ordered (&iter, &name, &member));
      g_assert_cmpstr (name, ==, expected_name);
      expected_text = nawat_json_to_string (expected_member, FALSE, NULL);
      text = nawat_json_to_string (member, FALSE, NULL);
      g_assert_cmpstr (text, ==, expected_text);
    }
  g_assert_false (json_object_iter_next_ordered (&iter, &name, &member));
}

/* Every evaluation of a generated call carries what its document holds. */
static void
test_json_generated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *projects;
  guint n_evaluations = 0;

  import_generated (fixture, "gen", 200, 3, 11);

  projects = export_projects (fixture, "gen", parser);
  g_assert_cmpuint (json_array_get_length (projects), ==, 200);
  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);
      JsonArray *evaluations = json_object_get_array_member (p, "evaluations");

      for (guint j = 0; j < json_array_get_length (evaluations); j++)
        assert_evaluation_members (fixture->store, json_array_get_object_element (evaluations, j));
      n_evaluations += json_array_get_length (evaluations);
    }
  g_assert_cmpuint (n_evaluations, >, 200);
}

/* What json_extract() gives of the project @id's @path, as the export
 * writes it: the JSON text, or "[]" when it is not an array.
 */
static char *
dup_stored_array (sqlite3    *db,
                  const char *id,
                  const char *path)
{
  g_autofree char *sql = g_strdup_printf ("SELECT json_extract (json, '%s') FROM projects"
                                          " WHERE id = '%s'", path, id);
  sqlite3_stmt *stmt = NULL;
  const char *text;
  char *array;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = (const char *) sqlite3_column_text (stmt, 0);
  array = g_strdup (text != NULL && text[0] == '[' ? text : "[]");
  sqlite3_finalize (stmt);
  return array;
}

static gint64
stored_budget (sqlite3    *db,
               const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT json_extract (json, '$.budget_thb') FROM projects"
                                          " WHERE id = '%s'", id);
  sqlite3_stmt *stmt = NULL;
  gint64 budget = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    budget = (gint64) sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return budget;
}

/* The projects' domains, assigned evaluators, recusals and budget are
 * read from their stored texts without SQLite's JSON functions where the
 * text allows it, and through them where it does not: either way the
 * export writes what json_extract() reads, the first of a member given
 * twice, and the files of a project that has some.
 */
static void
test_json_project_texts (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const paths[] = { "$.domains", "$.assigned", "$.recusals" };
  static const char * const members[] = { "domains", "assigned", "recusals" };
  g_autofree char *path = g_build_filename (fixture->dir, "store.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *projects;
  sqlite3 *db = NULL;

  import_generated (fixture, "gen", 12, 3, 5);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Spaces: not the codec's text. */
  update_one (db, "UPDATE projects SET json = replace (json, ',\"domains\":', ', \"domains\": ')"
              " WHERE code = 'p000001'");
  /* Budgets that are not whole numbers of a few digits. */
  update_one (db, "UPDATE projects SET json = json_set (json, '$.budget_thb', 1234567.75)"
              " WHERE code = 'p000002'");
  update_one (db, "UPDATE projects SET json = json_set (json, '$.budget_thb', '900')"
              " WHERE code = 'p000003'");
  update_one (db, "UPDATE projects SET json = json_set (json, '$.budget_thb', 12345678901234567)"
              " WHERE code = 'p000004'");
  update_one (db, "UPDATE projects SET json = json_set (json, '$.budget_thb', json ('null'))"
              " WHERE code = 'p000005'");
  update_one (db, "UPDATE projects SET json = json_remove (json, '$.budget_thb', '$.assigned')"
              " WHERE code = 'p000006'");
  /* A member given twice: json_extract() takes the first. */
  update_one (db, "UPDATE projects SET json = '{\"domains\":[\"health\"],\"budget_thb\":7,'"
              " || substr (json, 2) WHERE code = 'p000007'");
  /* A domain with an escape the codec does not write. */
  update_one (db, "UPDATE projects SET json = replace (json, '\"domains\":[', '\"domains\":[\"\\u0041\",')"
              " WHERE code = 'p000008'");
  /* Files, whose pages the store keeps. */
  update_one (db, "UPDATE projects SET json = json_set (json, '$._attachments',"
              " json ('{\"plan.pdf\":{\"content_type\":\"application/pdf\",\"length\":3,"
              "\"digest\":\"md5-AAAA\",\"stub\":true}}')) WHERE code = 'p000009'");

  projects = export_projects (fixture, "gen", parser);
  g_assert_cmpuint (json_array_get_length (projects), ==, 12);
  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *p = json_array_get_object_element (projects, i);
      const char *id = json_object_get_string_member (p, "_id");
      const char *code = json_object_get_string_member (p, "code");
      JsonArray *documents = json_object_get_array_member (p, "documents");

      for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
        {
          g_autofree char *stored = dup_stored_array (db, id, paths[k]);
          g_autoptr(JsonNode) node = json_from_string (stored, &error);
          g_autofree char *expected = nawat_json_to_string (node, FALSE, NULL);
          g_autofree char *written = nawat_json_to_string (json_object_get_member (p, members[k]),
                                                           FALSE, NULL);

          g_assert_no_error (error);
          g_assert_cmpstr (written, ==, expected);
        }
      g_assert_cmpint (json_object_get_int_member (p, "budget_thb"), ==, stored_budget (db, id));
      if (g_str_equal (code, "p000009"))
        {
          g_assert_cmpuint (json_array_get_length (documents), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 0),
                                                          "name"), ==, "plan.pdf");
        }
      else
        g_assert_cmpuint (json_array_get_length (documents), ==, 0);
    }
  /* The changed texts say what the test means them to. */
  g_assert_cmpint (stored_budget (db, "project:gen:p000002"), ==, 1234567);
  g_assert_cmpint (stored_budget (db, "project:gen:p000003"), ==, 900);
  g_assert_cmpint (stored_budget (db, "project:gen:p000005"), ==, 0);
  {
    g_autofree char *first = dup_stored_array (db, "project:gen:p000007", "$.domains");
    g_autofree char *escaped = dup_stored_array (db, "project:gen:p000008", "$.domains");

    g_assert_cmpstr (first, ==, "[\"health\"]");
    g_assert_true (g_str_has_prefix (escaped, "[\"\\u0041\","));
  }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The formats the window and nawat-cli share, and the rules of what can
 * be exported in which.
 */
static void
test_formats (void)
{
  NawatExportFormat format = NAWAT_EXPORT_FORMAT_PDF;
  g_autoptr(GError) error = NULL;

  for (NawatExportFormat f = NAWAT_EXPORT_FORMAT_PDF; f <= NAWAT_EXPORT_FORMAT_XLSX; f++)
    {
      g_assert_true (nawat_export_format_from_string (nawat_export_format_to_string (f), &format));
      g_assert_cmpint (format, ==, f);
      g_assert_nonnull (nawat_export_format_get_mime_type (f));
      g_assert_nonnull (nawat_export_format_get_label (f));
    }
  g_assert_false (nawat_export_format_from_string ("ods", &format));
  g_assert_false (nawat_export_format_from_string (NULL, &format));
  g_assert_cmpstr (nawat_export_default_language ("th"), ==, "th");
  g_assert_cmpstr (nawat_export_default_language ("fr"), ==, "en");

  g_assert_true (nawat_export_check (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_CSV, NULL, NULL,
                                     &error));
  g_assert_true (nawat_export_check (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_PDF, "project:c:p1",
                                     "somchai", &error));
  g_assert_false (nawat_export_check (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_PDF, NULL, NULL,
                                      &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (nawat_export_check (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_JSON, NULL,
                                      "somchai", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (nawat_export_check (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_CSV, "project:c:p1",
                                      NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The evaluation @id as the reader @reader reads it. */
static char *
reader_dup_evaluation (NawatStoreReader *reader,
                       const char       *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStoreCursor) cursor = NULL;
  NawatStoreRow row;

  cursor = _nawat_store_reader_query (reader, NAWAT_STORE_READ_EVALUATION, id, &error);
  g_assert_no_error (error);
  g_assert_true (_nawat_store_cursor_next (cursor, &row, &error));
  return g_strndup (row.json, row.json_length);
}

/* The exports' reader maps the store's file rather than copying it page
 * by page, keeps to its snapshot while the store writes, and sees what
 * was written (the pages in the WAL) from its next read transaction.
 */
static void
test_reader_mapped (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *id = "evaluation:t1:a01:somchai";
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStoreReader) reader = NULL;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  reader = _nawat_store_reader_open (nawat_store_get_path (fixture->store), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (_nawat_store_reader_get_db (reader), "PRAGMA mmap_size", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 0);
  sqlite3_finalize (stmt);

  g_assert_true (_nawat_store_reader_begin (reader, &error));
  before = reader_dup_evaluation (reader, id);
  g_assert_nonnull (strstr (before, "\"recommendation\":\"fund\""));

  g_assert_cmpint (sqlite3_open (nawat_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE evaluations SET json = replace (json,"
                                 " '\"recommendation\":\"fund\"', '\"recommendation\":\"reject\"')"
                                 " WHERE id = 'evaluation:t1:a01:somchai'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  during = reader_dup_evaluation (reader, id);
  g_assert_cmpstr (during, ==, before);
  _nawat_store_reader_commit (reader);

  g_assert_true (_nawat_store_reader_begin (reader, &error));
  after = reader_dup_evaluation (reader, id);
  g_assert_nonnull (strstr (after, "\"recommendation\":\"reject\""));
  _nawat_store_reader_commit (reader);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/export/json", Fixture, NULL, fixture_setup, test_json, fixture_teardown);
  g_test_add ("/nawat/export/json-stats", Fixture, NULL, fixture_setup, test_json_stats, fixture_teardown);
  g_test_add ("/nawat/export/json-stats-generated", Fixture, NULL, fixture_setup,
              test_json_stats_generated, fixture_teardown);
  g_test_add ("/nawat/export/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/nawat/export/xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/nawat/export/csv-formulas", Fixture, NULL, fixture_setup, test_csv_formulas,
              fixture_teardown);
  g_test_add_func ("/nawat/export/file-output", test_file_output);
  g_test_add ("/nawat/export/reader-mapped", Fixture, NULL, fixture_setup, test_reader_mapped,
              fixture_teardown);
  g_test_add_func ("/nawat/export/formats", test_formats);
  g_test_add ("/nawat/export/csv-other-rubric", Fixture, NULL, fixture_setup, test_csv_other_rubric, fixture_teardown);
  g_test_add ("/nawat/export/other-call", Fixture, NULL, fixture_setup, test_other_call, fixture_teardown);
  g_test_add ("/nawat/export/unknown-call", Fixture, NULL, fixture_setup, test_unknown_call, fixture_teardown);
  g_test_add ("/nawat/export/after-save", Fixture, NULL, fixture_setup, test_after_save, fixture_teardown);
  g_test_add ("/nawat/export/json-pinned", Fixture, NULL, fixture_setup, test_json_pinned,
              fixture_teardown);
  g_test_add ("/nawat/export/json-generated", Fixture, NULL, fixture_setup, test_json_generated,
              fixture_teardown);
  g_test_add ("/nawat/export/json-project-texts", Fixture, NULL, fixture_setup,
              test_json_project_texts, fixture_teardown);

  return g_test_run ();
}
