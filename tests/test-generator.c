/* test-generator.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-generator.h"
#include "nawat-places.h"
#include "nawat-scoring.h"

#include <locale.h>
#include <string.h>

static GBytes *
generate (const char *call_id,
          guint       n_projects,
          guint       n_evaluators,
          guint64     seed)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_generator_write (output, call_id, n_projects, n_evaluators,
                                        seed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static JsonArray *
parse_docs (GBytes     *bytes,
            JsonNode  **root_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, data, length, &error));
  g_assert_no_error (error);
  *root_out = json_node_copy (json_parser_get_root (parser));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root_out));
  root = json_node_get_object (*root_out);
  g_assert_true (json_object_has_member (root, "docs"));
  return json_object_get_array_member (root, "docs");
}

static void
test_same_seed_same_bytes (void)
{
  g_autoptr(GBytes) a = generate ("bench", 60, 7, 42);
  g_autoptr(GBytes) b = generate ("bench", 60, 7, 42);
  g_autoptr(GBytes) c = generate ("bench", 60, 7, 43);
  g_autoptr(GBytes) d = generate ("bench", 60, 8, 42);

  g_assert_cmpuint (g_bytes_get_size (a), >, 0);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
  g_assert_false (g_bytes_equal (a, d));
}

/* The same bytes whatever the locale's number format. */
static void
test_locale_independent (void)
{
  g_autoptr(GBytes) a = generate ("bench", 20, 4, 5);
  g_autoptr(GBytes) b = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL &&
      setlocale (LC_ALL, "fr_FR.UTF-8") == NULL &&
      setlocale (LC_ALL, "th_TH.UTF-8") == NULL)
    {
      g_test_skip ("no other locale installed");
      return;
    }
  b = generate ("bench", 20, 4, 5);
  setlocale (LC_ALL, saved);
  g_assert_true (g_bytes_equal (a, b));
}

static NawatRubric *
find_rubric (JsonArray *docs)
{
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *object = json_array_get_object_element (docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""), "rubric") == 0)
        {
          g_autoptr(GError) error = NULL;
          NawatDocument *doc = nawat_codec_from_node (json_array_get_element (docs, i), &error);

          g_assert_no_error (error);
          g_assert_true (NAWAT_IS_RUBRIC (doc));
          return NAWAT_RUBRIC (doc);
        }
    }
  g_assert_not_reached ();
  return NULL;
}

typedef struct
{
  guint calls;
  guint rubrics;
  guint projects;
  guint evaluations;
  guint submitted;
  guint drafts;
  guint conflicts;
  guint partial_drafts;
  guint regions[NAWAT_N_REGIONS];
  guint domains_seen;
  guint sectors_seen;
} Census;

static void
check_project (NawatProject *project,
               GHashTable   *evaluators,
               Census       *census)
{
  const char * const *domains = nawat_project_get_domains (project);
  const char * const *assigned = nawat_project_get_assigned (project);
  GPtrArray *partners = nawat_project_get_partners (project);
  const NawatProvince *province = nawat_province_lookup (nawat_project_get_province (project));
  const NawatText *title = nawat_project_get_title (project);
  guint n_domains = g_strv_length ((char **) domains);

  g_assert_nonnull (province);
  census->regions[nawat_region_index (province->region)]++;

  g_assert_cmpuint (n_domains, >=, 1);
  g_assert_cmpuint (n_domains, <=, 3);
  for (guint i = 0; i < n_domains; i++)
    {
      g_assert_cmpint (nawat_domain_index (domains[i]), >=, 0);
      census->domains_seen |= 1u << nawat_domain_index (domains[i]);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (domains[i], !=, domains[j]);
    }

  g_assert_cmpuint (partners->len, >=, 2);
  g_assert_cmpuint (partners->len, <=, 5);
  for (guint i = 0; i < partners->len; i++)
    {
      NawatPartner *partner = g_ptr_array_index (partners, i);

      g_assert_cmpint (nawat_helix_index (partner->sector), >=, 0);
      census->sectors_seen |= 1u << nawat_helix_index (partner->sector);
      g_assert_cmpstr (partner->name, !=, "");
    }

  g_assert_nonnull (title);
  g_assert_nonnull (title->th);
  g_assert_nonnull (title->en);
  /* Thai text really is Thai: it has characters of the Thai block. */
  g_assert_nonnull (strstr (title->th, "\xe0\xb8"));
  g_assert_cmpint (nawat_project_get_budget_thb (project), >, 0);
  g_assert_cmpint (nawat_project_get_duration_months (project), >=, 1);
  g_assert_cmpint (nawat_project_get_duration_months (project), <=, 120);
  g_assert_true (g_str_has_prefix (nawat_project_get_submitted (project), "2026-"));

  g_assert_cmpuint (g_strv_length ((char **) assigned), <=, 3);
  for (guint i = 0; assigned != NULL && assigned[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (evaluators, assigned[i]));
}

static void
check_evaluation (NawatEvaluation *evaluation,
                  NawatRubric     *rubric,
                  GHashTable      *projects,
                  Census          *census)
{
  g_autoptr(GError) error = NULL;
  NawatProject *project = g_hash_table_lookup (projects, nawat_evaluation_get_project (evaluation));
  const char * const *assigned;
  gboolean is_assigned = FALSE;
  NawatScore score;

  g_assert_true (nawat_codec_check_evaluation (evaluation, rubric, &error));
  g_assert_no_error (error);

  /* Only assigned evaluators evaluate. */
  g_assert_nonnull (project);
  assigned = nawat_project_get_assigned (project);
  for (guint i = 0; assigned[i] != NULL; i++)
    is_assigned |= g_str_equal (assigned[i], nawat_evaluation_get_evaluator (evaluation));
  g_assert_true (is_assigned);

  nawat_scoring_compute (rubric, evaluation, &score);
  if (nawat_evaluation_get_conflict_declared (evaluation))
    {
      g_auto(GStrv) keys = nawat_evaluation_dup_score_keys (evaluation);

      census->conflicts++;
      g_assert_cmpint (nawat_evaluation_get_status (evaluation), ==, NAWAT_EVALUATION_DRAFT);
      g_assert_cmpuint (g_strv_length (keys), ==, 0);
    }
  if (nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
    {
      census->submitted++;
      g_assert_true (score.complete);
      g_assert_cmpfloat (score.composite, >=, 0);
      g_assert_cmpfloat (score.composite, <=, 100);
      g_assert_cmpint (nawat_evaluation_get_recommendation (evaluation), !=, NAWAT_RECOMMENDATION_NONE);
    }
  else
    {
      census->drafts++;
      if (!nawat_evaluation_get_conflict_declared (evaluation) && score.completeness > 0)
        {
          g_assert_false (score.complete);
          census->partial_drafts++;
        }
    }
}

static void
test_documents_valid (void)
{
  g_autoptr(GBytes) bytes = generate ("c2569", 400, 12, 2026);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *docs = parse_docs (bytes, &root);
  g_autoptr(NawatRubric) rubric = find_rubric (docs);
  g_autoptr(GHashTable) projects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) evaluators = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  Census census = { 0 };
  NawatCall *call = NULL;

  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      NawatDocument *doc = nawat_codec_from_node (json_array_get_element (docs, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (doc);
      g_ptr_array_add (all, doc);

      if (NAWAT_IS_CALL (doc))
        {
          const char * const *names;

          census.calls++;
          call = NAWAT_CALL (doc);
          g_assert_cmpstr (nawat_document_get_id (doc), ==, "call:c2569");
          g_assert_cmpstr (nawat_call_get_rubric (call), ==, NAWAT_DEFAULT_RUBRIC_ID);
          names = nawat_call_get_evaluators (call);
          g_assert_cmpuint (g_strv_length ((char **) names), ==, 12);
          g_assert_cmpstr (names[0], ==, "evaluator-01");
          for (guint j = 0; names[j] != NULL; j++)
            g_hash_table_add (evaluators, (gpointer) names[j]);
        }
      else if (NAWAT_IS_RUBRIC (doc))
        {
          g_auto(GStrv) keys = nawat_rubric_dup_score_keys (NAWAT_RUBRIC (doc));

          census.rubrics++;
          g_assert_cmpstr (nawat_document_get_id (doc), ==, NAWAT_DEFAULT_RUBRIC_ID);
          g_assert_cmpuint (g_strv_length (keys), ==, 19);
        }
      else if (NAWAT_IS_PROJECT (doc))
        {
          census.projects++;
          g_assert_nonnull (call);
          g_assert_cmpstr (nawat_project_get_call (NAWAT_PROJECT (doc)), ==, "c2569");
          check_project (NAWAT_PROJECT (doc), evaluators, &census);
          g_assert_false (g_hash_table_contains (projects, nawat_document_get_id (doc)));
          g_hash_table_insert (projects, (gpointer) nawat_document_get_id (doc), g_object_ref (doc));
        }
      else if (NAWAT_IS_EVALUATION (doc))
        {
          census.evaluations++;
          check_evaluation (NAWAT_EVALUATION (doc), rubric, projects, &census);
        }
      else
        g_assert_not_reached ();
    }

  g_assert_cmpuint (census.calls, ==, 1);
  g_assert_cmpuint (census.rubrics, ==, 1);
  g_assert_cmpuint (census.projects, ==, 400);
  /* Up to three evaluators per project, about 70 % of assignments done. */
  g_assert_cmpuint (census.evaluations, >, 400 * 2 * 60 / 100);
  g_assert_cmpuint (census.evaluations, <, 400 * 3 * 80 / 100);
  g_assert_cmpuint (census.submitted, >, census.drafts);
  g_assert_cmpuint (census.partial_drafts, >, 0);
  g_assert_cmpuint (census.conflicts, >, 0);
  g_assert_cmpuint (census.conflicts, <, census.evaluations / 10);
  g_assert_cmpuint (census.submitted + census.drafts, ==, census.evaluations);
  for (guint i = 0; i < NAWAT_N_REGIONS; i++)
    g_assert_cmpuint (census.regions[i], >, 0);
  g_assert_cmpuint (census.domains_seen, ==, (1u << NAWAT_N_DOMAINS) - 1);
  g_assert_cmpuint (census.sectors_seen, ==, (1u << NAWAT_N_HELIX) - 1);
}

/* The whole output is a valid batch for import, as the CLI uses it. */
static void
test_batch_valid (void)
{
  /* Every number of evaluators, fewer than a project's usual three too. */
  for (guint n_evaluators = 1; n_evaluators <= 5; n_evaluators++)
    {
      g_autoptr(GBytes) bytes = generate ("c1", 50, n_evaluators, 9);
      g_autoptr(GPtrArray) documents = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      nawat_codec_parse_batch (data, length, NULL, NULL, &documents, &problems, &error);
      g_assert_no_error (error);
      if (problems != NULL && problems->len > 0)
        g_error ("%u evaluators: %s", n_evaluators, (char *) g_ptr_array_index (problems, 0));
      g_assert_nonnull (documents);
      g_assert_cmpuint (documents->len, >=, 2 + 50);
    }
}

static void
test_no_evaluators (void)
{
  g_autoptr(GBytes) bytes = generate ("c1", 30, 0, 1);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *docs = parse_docs (bytes, &root);
  guint projects = 0;

  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *object = json_array_get_object_element (docs, i);
      const char *type = json_object_get_string_member (object, "type");

      g_assert_cmpstr (type, !=, "evaluation");
      if (g_str_equal (type, "project"))
        {
          projects++;
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "assigned")), ==, 0);
        }
    }
  g_assert_cmpuint (projects, ==, 30);
}

static void
test_empty (void)
{
  g_autoptr(GBytes) bytes = generate ("c1", 0, 0, 1);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *docs = parse_docs (bytes, &root);

  g_assert_cmpuint (json_array_get_length (docs), ==, 2);
}

static void
test_bad_call_id (void)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_false (nawat_generator_write (output, "Bad Id", 3, 1, 1, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (nawat_generator_write (output, "-x", 3, 1, 1, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static char *
generated_deadline (const char *deadline)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *docs;

  if (deadline == NULL)
    g_assert_true (nawat_generator_write (output, "c1", 2, 1, 1, NULL, &error));
  else
    g_assert_true (nawat_generator_write_with_deadline (output, "c1", 2, 1, 1, deadline,
                                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  docs = parse_docs (bytes, &root);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (docs, 0),
                                                  "deadline"));
}

/* Generated calls stay open to scoring: the default deadline is far ahead
 * (it was 2026-06-30, which had passed), and --deadline sets another.
 */
static void
test_deadline (void)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *by_default = generated_deadline (NULL);
  g_autofree char *given = generated_deadline ("2027-01-15T10:00:00+07:00");

  g_assert_cmpstr (by_default, ==, NAWAT_GENERATOR_DEFAULT_DEADLINE);
  g_assert_cmpstr (by_default, >, "2090");
  g_assert_cmpstr (given, ==, "2027-01-15T10:00:00+07:00");

  g_assert_false (nawat_generator_write_with_deadline (output, "c1", 2, 1, 1, "next June",
                                                       NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (nawat_generator_write_with_deadline (output, "c1", 2, 1, 1,
                                                       "2027-01-15T10:00:00Z\",\"x\":\"",
                                                       NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The call states the yearly theme asked for, a known key or nothing. */
static void
test_theme (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *call;

      g_assert_true (nawat_generator_write_with_theme (output, "c1", 2, 1, 1,
                                                       NAWAT_GENERATOR_DEFAULT_DEADLINE,
                                                       i == 0 ? "ecosystem" : NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (output, NULL, NULL));
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
      call = json_array_get_object_element (parse_docs (bytes, &root), 0);
      if (i == 0)
        g_assert_cmpstr (json_object_get_string_member (call, "theme"), ==, "ecosystem");
      else
        g_assert_false (json_object_has_member (call, "theme"));
    }

  {
    g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
    g_autoptr(GError) error = NULL;

    g_assert_false (nawat_generator_write_with_theme (output, "c1", 2, 1, 1,
                                                      NAWAT_GENERATOR_DEFAULT_DEADLINE,
                                                      "prosperity", NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/generator/same-seed-same-bytes", test_same_seed_same_bytes);
  g_test_add_func ("/nawat/generator/locale-independent", test_locale_independent);
  g_test_add_func ("/nawat/generator/documents-valid", test_documents_valid);
  g_test_add_func ("/nawat/generator/batch-valid", test_batch_valid);
  g_test_add_func ("/nawat/generator/no-evaluators", test_no_evaluators);
  g_test_add_func ("/nawat/generator/empty", test_empty);
  g_test_add_func ("/nawat/generator/bad-call-id", test_bad_call_id);
  g_test_add_func ("/nawat/generator/theme", test_theme);
  g_test_add_func ("/nawat/generator/deadline", test_deadline);

  return g_test_run ();
}
