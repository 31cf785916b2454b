/* test-stats.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-evaluation-text-private.h"
#include "nawat-export.h"
#include "nawat-scoring.h"
#include "nawat-stats-private.h"
#include "nawat-stats.h"
#include "nawat-store-read-private.h"
#include "nawat-store.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#define M NAN

static void
test_summarise (void)
{
  const double values[] = { 4, M, 1, 3, 2 };
  const double one[] = { 7 };
  NawatSummary s;

  nawat_stats_summarise (values, G_N_ELEMENTS (values), &s);
  g_assert_cmpuint (s.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (s.mean, 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.median, 2.5, 1e-12);
  /* Σ (x − 2.5)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, over n − 1 = 3. */
  g_assert_cmpfloat_with_epsilon (s.sd, sqrt (5.0 / 3.0), 1e-12);
  g_assert_cmpfloat (s.min, ==, 1);
  g_assert_cmpfloat (s.max, ==, 4);

  nawat_stats_summarise (values, 3, &s);
  g_assert_cmpuint (s.n, ==, 2);
  g_assert_cmpfloat (s.median, ==, 2.5);

  nawat_stats_summarise (one, 1, &s);
  g_assert_cmpuint (s.n, ==, 1);
  g_assert_cmpfloat (s.median, ==, 7);
  g_assert_true (isnan (s.sd));

  nawat_stats_summarise (NULL, 0, &s);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_true (isnan (s.mean));
  g_assert_true (isnan (s.median));
  g_assert_true (isnan (s.min));
}

/* Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability".
 * Annenberg School for Communication, University of Pennsylvania,
 * https://repository.upenn.edu/asc_papers/43, section C ("multiple values
 * and missing data"): 4 observers (A–D) × 12 units, "." missing.  The
 * paper reports α = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval).
 * Here units are rows and observers columns.
 */
static const double krippendorff_2011[12 * 4] = {
  /*  A  B  C  D */
  1, 1, M, 1,
  2, 2, 3, 2,
  3, 3, 3, 3,
  3, 3, 3, 3,
  2, 2, 2, 2,
  1, 2, 3, 4,
  4, 4, 4, 4,
  1, 1, 2, 1,
  2, 2, 2, 2,
  M, 5, 5, 5,
  M, M, 1, 1,
  M, M, 3, M,
};

static void
test_alpha_krippendorff_2011 (void)
{
  NawatAgreement agreement;

  g_assert_cmpfloat_with_epsilon (nawat_stats_krippendorff_alpha (krippendorff_2011, 12, 4,
                                                                  NAWAT_ALPHA_NOMINAL),
                                  0.743, 0.0005);
  g_assert_cmpfloat_with_epsilon (nawat_stats_krippendorff_alpha (krippendorff_2011, 12, 4,
                                                                  NAWAT_ALPHA_ORDINAL),
                                  0.815, 0.0005);
  g_assert_cmpfloat_with_epsilon (nawat_stats_krippendorff_alpha (krippendorff_2011, 12, 4,
                                                                  NAWAT_ALPHA_INTERVAL),
                                  0.849, 0.0005);

  nawat_stats_agreement (krippendorff_2011, 12, 4, &agreement);
  g_assert_cmpfloat_with_epsilon (agreement.alpha_interval, 0.849, 0.0005);
  g_assert_cmpfloat_with_epsilon (agreement.alpha_ordinal, 0.815, 0.0005);
  /* The paper's n.. = 40 pairable values: unit 12 has one value only. */
  g_assert_cmpuint (agreement.n_pairable, ==, 40);
  g_assert_cmpuint (agreement.n_units, ==, 12);
  g_assert_cmpuint (agreement.n_pairable_units, ==, 11);
  g_assert_true (nawat_stats_agreement_is_enough (&agreement));
  g_assert_null (nawat_stats_agreement_dup_shortfall (&agreement, "en"));
}

static void
test_alpha_undefined (void)
{
  const double single[] = { 1, M, M, 2, M, M };
  const double same[] = { 3, 3, 3, 3 };
  const double perfect[] = { 1, 1, 4, 4, 2, 2 };

  /* No unit rated twice: nothing to compare. */
  g_assert_true (isnan (nawat_stats_krippendorff_alpha (single, 2, 3, NAWAT_ALPHA_INTERVAL)));
  g_assert_true (isnan (nawat_stats_icc_1_1 (single, 2, 3)));
  /* No variation at all: expected disagreement is 0. */
  g_assert_true (isnan (nawat_stats_krippendorff_alpha (same, 2, 2, NAWAT_ALPHA_NOMINAL)));
  g_assert_true (isnan (nawat_stats_krippendorff_alpha (same, 2, 2, NAWAT_ALPHA_ORDINAL)));
  /* Perfect agreement. */
  g_assert_cmpfloat (nawat_stats_krippendorff_alpha (perfect, 3, 2, NAWAT_ALPHA_INTERVAL), ==, 1.0);
  g_assert_cmpfloat (nawat_stats_krippendorff_alpha (perfect, 3, 2, NAWAT_ALPHA_NOMINAL), ==, 1.0);
  g_assert_cmpfloat (nawat_stats_icc_1_1 (perfect, 3, 2), ==, 1.0);
}

/* Shrout, P. E. & Fleiss, J. L. (1979). "Intraclass correlations: uses in
 * assessing rater reliability". Psychological Bulletin 86(2), 420–428.
 * Table 2: four judges rate six targets; Table 4 reports ICC(1,1) = .17
 * (from BMS = 11.24 and WMS = 6.26 of Table 3).
 */
static const double shrout_fleiss_1979[6 * 4] = {
  9, 2, 5, 8,
  6, 1, 3, 2,
  8, 4, 6, 8,
  7, 1, 2, 6,
  10, 5, 6, 9,
  6, 2, 4, 7,
};

static void
test_icc_shrout_fleiss (void)
{
  double icc = nawat_stats_icc_1_1 (shrout_fleiss_1979, 6, 4);

  g_assert_cmpfloat_with_epsilon (icc, 0.17, 0.005);
  /* The same through the published mean squares: (11.24 − 6.26) /
   * (11.24 + 3 × 6.26) = 0.1659, to the precision of the table.
   */
  g_assert_cmpfloat_with_epsilon (icc, (11.24 - 6.26) / (11.24 + 3 * 6.26), 0.0005);
}

/* Unbalanced data, by hand: units {1, 3}, {2, 4, 6}, {5}, {7, 7}.
 * N = 8, grand mean 35/8; unit means 2, 4, 5, 7.
 * SSB = 2(2 − 4.375)² + 3(4 − 4.375)² + (5 − 4.375)² + 2(7 − 4.375)² = 25.875,
 * SSW = 2 + 8 + 0 + 0 = 10; MSB = 25.875/3 = 8.625, MSW = 10/4 = 2.5;
 * k0 = (8 − 18/8)/3 = 23/12; ICC = 6.125 / (8.625 + (11/12) 2.5) = 73.5/131.
 */
static void
test_icc_unbalanced (void)
{
  const double matrix[4 * 3] = {
    1, M, 3,
    2, 4, 6,
    M, 5, M,
    7, M, 7,
  };

  g_assert_cmpfloat_with_epsilon (nawat_stats_icc_1_1 (matrix, 4, 3), 73.5 / 131.0, 1e-12);
}

static void
test_rank (void)
{
  const double values[] = { 70, 80, 80, 60, M, 80, 60 };
  guint ranks[G_N_ELEMENTS (values)];
  gboolean tied[G_N_ELEMENTS (values)];
  const guint expected_ranks[] = { 4, 1, 1, 5, 0, 1, 5 };
  const gboolean expected_tied[] = { FALSE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE };

  nawat_stats_rank (values, G_N_ELEMENTS (values), ranks, tied);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_assert_cmpuint (ranks[i], ==, expected_ranks[i]);
      g_assert_cmpint (tied[i], ==, expected_tied[i]);
    }
}

/* A store: call t1 (default rubric), evaluators a, b, c, d.  Every
 * criterion of a group gets the same level, so that a composite is
 * 5 (domains + helix levels) + 15 (merit level − 1) (DOMAIN.md: domains
 * max ×20, helix mean ×20, merit mean ×60, over 100).
 */

static const char * const score_keys[] = {
  "domains.environment", "domains.food-water-energy", "domains.government-education",
  "domains.finance-welfare", "domains.sustainable-agriculture", "domains.urbanization",
  "domains.health", "domains.tourism-culture", "domains.disaster-management",
  "helix.government", "helix.academia", "helix.private", "helix.civil-society",
  "helix.environment",
  "merit.innovation", "merit.impact", "merit.feasibility", "merit.sustainability",
  "merit.participation",
};

typedef struct
{
  const char *project;
  const char *evaluator;
  const char *status;
  gboolean    conflict;
  int         domains, helix, merit;
  const char *recommendation;
  double      composite;
} Row;

static const Row rows[] = {
  { "p1", "a", "submitted", FALSE, 4, 4, 3, "\"fund\"", 70 },
  { "p1", "b", "submitted", FALSE, 1, 1, 3, "\"fund-with-conditions\"", 40 },
  { "p1", "c", "submitted", FALSE, 4, 4, 5, "\"fund\"", 100 },
  { "p2", "a", "submitted", FALSE, 2, 2, 3, "\"fund-with-conditions\"", 50 },
  { "p2", "b", "submitted", FALSE, 2, 2, 3, "\"fund-with-conditions\"", 50 },
  { "p2", "c", "submitted", FALSE, 3, 3, 3, "\"fund-with-conditions\"", 60 },
  { "p3", "a", "submitted", FALSE, 4, 4, 5, "\"fund\"", 100 },
  { "p3", "b", "submitted", FALSE, 2, 2, 5, "\"fund\"", 80 },
  { "p4", "a", "submitted", FALSE, 4, 4, 3, "\"fund\"", 70 },
  { "p4", "b", "submitted", FALSE, 4, 4, 3, "\"reject\"", 70 },
  { "p4", "d", "draft", FALSE, -1, -1, -1, "null", NAN },
  { "p5", "c", "draft", FALSE, 2, 2, -1, "null", NAN },
  { "p5", "d", "draft", TRUE, -1, -1, -1, "null", NAN },
};

/* Each row's evaluator's confidence (0: not given): ignored unless the
 * statistics weigh it (test_call_weight_confidence()).
 */
static const int confidences[] = { 3, 1, 0, 0, 1, 3, 1, 3, 2, 3, 0, 0, 0 };

G_STATIC_ASSERT (G_N_ELEMENTS (confidences) == G_N_ELEMENTS (rows));

static void
append_evaluation (GString    *s,
                   const Row  *row)
{
  int confidence = confidences[row - rows];

  g_string_append_printf (s, ",{\"_id\": \"evaluation:t1:%s:%s\", \"type\": \"evaluation\","
                          " \"schema\": 1, \"project\": \"project:t1:%s\", \"evaluator\": \"%s\","
                          " \"rubric\": \"rubric:default:1\", \"scores\": {",
                          row->project, row->evaluator, row->project, row->evaluator);
  for (guint i = 0; i < G_N_ELEMENTS (score_keys); i++)
    {
      int level = i < 9 ? row->domains : i < 14 ? row->helix : row->merit;

      if (level < 0)
        g_string_append_printf (s, "%s\"%s\": null", i > 0 ? ", " : "", score_keys[i]);
      else
        g_string_append_printf (s, "%s\"%s\": %d", i > 0 ? ", " : "", score_keys[i], level);
    }
  g_string_append_printf (s, "}, \"comments\": {}, \"overall_comment\": \"\","
                          " \"recommendation\": %s,"
                          " \"conflict_of_interest\": {\"declared\": %s, \"note\": \"\"},"
                          " \"status\": \"%s\", \"updated\": \"2026-08-01T10:00:00Z\"",
                          row->recommendation, row->conflict ? "true" : "false", row->status);
  if (confidence > 0)
    g_string_append_printf (s, ", \"confidence\": %d", confidence);
  g_string_append_c (s, '}');
}

static void
append_project (GString    *s,
                const char *call,
                const char *code,
                const char *assigned)
{
  g_string_append_printf (s, ",{\"_id\": \"project:%s:%s\", \"type\": \"project\", \"schema\": 1,"
                          " \"call\": \"%s\", \"code\": \"%s\","
                          " \"title\": {\"th\": \"โครงการ %s\", \"en\": \"Project %s\"},"
                          " \"summary\": {\"th\": \"สรุป\", \"en\": \"Summary\"},"
                          " \"organisation\": \"วิสาหกิจชุมชน\", \"province\": \"TH-50\","
                          " \"reach\": \"community\", \"domains\": [\"health\"],"
                          " \"partners\": [], \"budget_thb\": 100000, \"duration_months\": 12,"
                          " \"submitted\": \"2026-03-01T09:00:00Z\", \"assigned\": %s}",
                          call, code, call, code, code, code, assigned);
}

typedef struct
{
  char       *dir;
  NawatStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("{\"docs\": [");
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = NULL;
  guint n_imported = 0;

  fixture->dir = g_dir_make_tmp ("nawat-stats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = nawat_store_open (path, &error);
  g_assert_no_error (error);

  g_string_append (s, "{\"_id\": \"call:t1\", \"type\": \"call\", \"schema\": 1,"
                   " \"title\": {\"en\": \"Test call\"}, \"year_be\": 2569,"
                   " \"rubric\": \"rubric:default:1\", \"deadline\": \"2026-12-31T17:00:00Z\","
                   " \"evaluators\": [\"e-idle\", \"d\", \"c\", \"b\", \"a\"]}");
  g_string_append (s, ",{\"_id\": \"call:t2\", \"type\": \"call\", \"schema\": 1,"
                   " \"title\": {\"en\": \"Other\"}, \"year_be\": 2569,"
                   " \"rubric\": \"rubric:default:1\", \"deadline\": \"2026-12-31T17:00:00Z\","
                   " \"evaluators\": [\"a\"]}");
  append_project (s, "t1", "p1", "[\"a\", \"b\", \"c\"]");
  append_project (s, "t1", "p2", "[\"a\", \"b\", \"c\"]");
  append_project (s, "t1", "p3", "[\"a\", \"b\"]");
  append_project (s, "t1", "p4", "[\"a\", \"b\", \"d\"]");
  append_project (s, "t1", "p5", "[\"c\", \"d\"]");
  append_project (s, "t2", "z9", "[\"a\"]");
  /* Assigned to nobody yet: the call's evaluators are expected. */
  append_project (s, "t2", "z8", "[]");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    append_evaluation (s, &rows[i]);
  /* An evaluation of the other call must not count. */
  g_string_append (s, ",{\"_id\": \"evaluation:t2:z9:a\", \"type\": \"evaluation\", \"schema\": 1,"
                   " \"project\": \"project:t2:z9\", \"evaluator\": \"a\","
                   " \"rubric\": \"rubric:default:1\", \"scores\": {}, \"comments\": {},"
                   " \"overall_comment\": \"\", \"recommendation\": null,"
                   " \"conflict_of_interest\": {\"declared\": false, \"note\": \"\"},"
                   " \"status\": \"draft\", \"updated\": \"2026-08-01T10:00:00Z\"}");
  g_string_append (s, "]}");

  if (!nawat_store_import_data (fixture->store, s->str, s->len, &n_imported, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2 + 7 + G_N_ELEMENTS (rows) + 1);
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

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Composites of evaluator @name, from the table above. */
static void
evaluator_moments (const char *name,
                   double     *mean,
                   double     *sd)
{
  double sum = 0, ss = 0;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].evaluator, name) && !isnan (rows[i].composite))
      {
        sum += rows[i].composite;
        n++;
      }
  *mean = sum / n;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].evaluator, name) && !isnan (rows[i].composite))
      ss += (rows[i].composite - *mean) * (rows[i].composite - *mean);
  *sd = sqrt (ss / (n - 1));
}

static void
test_call_evaluators (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  const NawatEvaluatorStats *e;
  const char * const names[] = { "a", "b", "c", "d", "e-idle" };

  stats = nawat_call_stats_compute (fixture->store, "t1", NAWAT_STATS_DEFAULT_THRESHOLD, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);

  g_assert_cmpuint (nawat_call_stats_get_n_evaluators (stats), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (nawat_call_stats_get_evaluator (stats, i)->name, ==, names[i]);

  /* a: 70, 50, 100, 70: mean 72.5, SS = 1275, sd = √425. */
  e = nawat_call_stats_lookup_evaluator (stats, "a");
  g_assert_nonnull (e);
  g_assert_cmpuint (e->n_scored, ==, 4);
  g_assert_cmpfloat_with_epsilon (e->mean, 72.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->sd, sqrt (425.0), 1e-9);
  g_assert_true (e->normalised);
  g_assert_cmpuint (e->assigned, ==, 4);
  g_assert_cmpuint (e->submitted, ==, 4);

  /* c scored two projects only: left unnormalised. */
  e = nawat_call_stats_lookup_evaluator (stats, "c");
  g_assert_cmpuint (e->n_scored, ==, 2);
  g_assert_false (e->normalised);
  g_assert_cmpuint (e->assigned, ==, 3);
  g_assert_cmpuint (e->draft, ==, 1);

  e = nawat_call_stats_lookup_evaluator (stats, "d");
  g_assert_cmpuint (e->n_scored, ==, 0);
  g_assert_false (e->normalised);
  g_assert_true (isnan (e->mean));
  g_assert_cmpuint (e->assigned, ==, 2);
  g_assert_cmpuint (e->draft, ==, 1);
  g_assert_cmpuint (e->conflict, ==, 1);
  g_assert_cmpuint (e->submitted, ==, 0);

  e = nawat_call_stats_lookup_evaluator (stats, "e-idle");
  g_assert_cmpuint (e->assigned, ==, 0);
  g_assert_null (nawat_call_stats_lookup_evaluator (stats, "nobody"));
}

static void
test_call_projects (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  const NawatProjectStats *p;
  double mean_a, sd_a, mean_b, sd_b;
  double z[4];
  const guint *order;
  const guint *flagged;
  guint n_flagged;

  stats = nawat_call_stats_compute (fixture->store, "call:t1", NAWAT_STATS_DEFAULT_THRESHOLD,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nawat_call_stats_get_n_projects (stats), ==, 5);
  g_assert_cmpstr (nawat_call_stats_get_project (stats, 0)->project_id, ==, "project:t1:p1");
  g_assert_null (nawat_call_stats_lookup_project (stats, "project:t2:z9"));

  evaluator_moments ("a", &mean_a, &sd_a);
  evaluator_moments ("b", &mean_b, &sd_b);
  /* The mean z-score of a and b (c is not normalised). */
  z[0] = ((70 - mean_a) / sd_a + (40 - mean_b) / sd_b) / 2;
  z[1] = ((50 - mean_a) / sd_a + (50 - mean_b) / sd_b) / 2;
  z[2] = ((100 - mean_a) / sd_a + (80 - mean_b) / sd_b) / 2;
  z[3] = ((70 - mean_a) / sd_a + (70 - mean_b) / sd_b) / 2;

  /* p1: 70, 40, 100: spread 60 ≥ 25. */
  p = nawat_call_stats_lookup_project (stats, "project:t1:p1");
  g_assert_nonnull (p);
  g_assert_cmpuint (p->n_evaluations, ==, 3);
  g_assert_cmpfloat_with_epsilon (p->mean, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->median, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->spread, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->min, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->max, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->z_mean, z[0], 1e-9);
  g_assert_true (p->disagreement);
  g_assert_cmpuint (g_strv_length (p->reasons), ==, 1);
  g_assert_cmpuint (p->n_fund, ==, 2);
  g_assert_cmpuint (p->n_fund_with_conditions, ==, 1);
  /* By mean: p3 90, then p1 and p4 70 (tied at 2), p2 53.3 (4), p5 none. */
  g_assert_cmpuint (p->rank_mean, ==, 2);
  g_assert_true (p->rank_mean_tied);
  /* By z: p3, p4, p1, p2. */
  g_assert_cmpuint (p->rank_z, ==, 3);
  g_assert_false (p->rank_z_tied);

  p = nawat_call_stats_lookup_project (stats, "project:t1:p2");
  g_assert_cmpfloat_with_epsilon (p->mean, 160.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->z_mean, z[1], 1e-9);
  g_assert_false (p->disagreement);
  g_assert_null (p->reasons);
  g_assert_cmpuint (p->rank_mean, ==, 4);
  g_assert_cmpuint (p->rank_z, ==, 4);

  p = nawat_call_stats_lookup_project (stats, "project:t1:p3");
  g_assert_cmpfloat_with_epsilon (p->spread, 20, 1e-9);
  g_assert_false (p->disagreement);
  g_assert_cmpuint (p->rank_mean, ==, 1);
  g_assert_false (p->rank_mean_tied);
  g_assert_cmpuint (p->expected, ==, 2);
  g_assert_true (nawat_project_stats_is_complete (p));
  g_assert_cmpfloat_with_epsilon (p->z_mean, z[2], 1e-9);
  g_assert_cmpuint (p->rank_z, ==, 1);

  /* p4: the same composite, but fund against reject. */
  p = nawat_call_stats_lookup_project (stats, "project:t1:p4");
  g_assert_cmpfloat_with_epsilon (p->spread, 0, 1e-9);
  g_assert_true (p->disagreement);
  g_assert_cmpuint (g_strv_length (p->reasons), ==, 1);
  g_assert_cmpuint (p->n_reject, ==, 1);
  g_assert_cmpuint (p->rank_mean, ==, 2);
  g_assert_true (p->rank_mean_tied);
  g_assert_cmpfloat_with_epsilon (p->z_mean, z[3], 1e-9);
  g_assert_cmpuint (p->rank_z, ==, 2);
  g_assert_cmpuint (p->assigned, ==, 3);
  g_assert_cmpuint (p->submitted, ==, 2);
  g_assert_cmpuint (p->draft, ==, 1);
  /* Ranked on 2 of its 3 evaluations. */
  g_assert_cmpuint (p->expected, ==, 3);
  g_assert_false (nawat_project_stats_is_complete (p));

  p = nawat_call_stats_lookup_project (stats, "project:t1:p5");
  g_assert_cmpuint (p->n_evaluations, ==, 0);
  g_assert_true (isnan (p->mean));
  g_assert_true (isnan (p->z_mean));
  g_assert_cmpuint (p->rank_mean, ==, 0);
  g_assert_cmpuint (p->rank_z, ==, 0);
  g_assert_false (p->disagreement);
  g_assert_cmpuint (p->assigned, ==, 2);
  g_assert_cmpuint (p->draft, ==, 1);
  g_assert_cmpuint (p->conflict, ==, 1);
  /* d declared a conflict: only c's evaluation is to come. */
  g_assert_cmpuint (p->expected, ==, 1);
  g_assert_false (nawat_project_stats_is_complete (p));

  order = nawat_call_stats_get_ranking (stats, FALSE);
  g_assert_cmpuint (order[0], ==, 2);
  g_assert_cmpuint (order[1], ==, 0);
  g_assert_cmpuint (order[2], ==, 3);
  g_assert_cmpuint (order[3], ==, 1);
  g_assert_cmpuint (order[4], ==, 4);
  order = nawat_call_stats_get_ranking (stats, TRUE);
  g_assert_cmpuint (order[0], ==, 2);
  g_assert_cmpuint (order[1], ==, 3);
  g_assert_cmpuint (order[2], ==, 0);

  flagged = nawat_call_stats_get_disagreements (stats, &n_flagged);
  g_assert_cmpuint (n_flagged, ==, 2);
  g_assert_cmpuint (flagged[0], ==, 0);
  g_assert_cmpuint (flagged[1], ==, 3);

  /* z8 is assigned to nobody: the call's one evaluator is expected. */
  g_clear_object (&stats);
  stats = nawat_call_stats_compute (fixture->store, "t2", NAWAT_STATS_DEFAULT_THRESHOLD, NULL, &error);
  g_assert_no_error (error);
  p = nawat_call_stats_lookup_project (stats, "project:t2:z8");
  g_assert_nonnull (p);
  g_assert_cmpuint (p->assigned, ==, 0);
  g_assert_cmpuint (p->expected, ==, 1);
  g_assert_false (nawat_project_stats_is_complete (p));
}

/* The weight of a confidence, and a weighted mean, by hand. */
static void
test_weighted_mean (void)
{
  const double values[] = { 80, NAN, 40 };
  const double weights[] = { 3, 1, 1 };
  const double none[] = { NAN, NAN };
  const double zero[] = { 0, 0 };

  g_assert_cmpfloat (nawat_stats_confidence_weight (NAWAT_CONFIDENCE_LOW), ==, 1);
  g_assert_cmpfloat (nawat_stats_confidence_weight (NAWAT_CONFIDENCE_MEDIUM), ==, 2);
  g_assert_cmpfloat (nawat_stats_confidence_weight (NAWAT_CONFIDENCE_HIGH), ==, 3);
  g_assert_cmpfloat (nawat_stats_confidence_weight (NAWAT_CONFIDENCE_NONE), ==, 2);
  /* (3 × 80 + 1 × 40) / (3 + 1): the NAN and its weight are left out. */
  g_assert_cmpfloat_with_epsilon (nawat_stats_weighted_mean (values, weights, 3), 70, 1e-12);
  g_assert_true (isnan (nawat_stats_weighted_mean (none, weights, 2)));
  g_assert_true (isnan (nawat_stats_weighted_mean (values, zero, 1)));
  g_assert_true (isnan (nawat_stats_weighted_mean (NULL, NULL, 0)));
}

/* The JSON portfolio's member @name of project @code, as a double. */
static double
portfolio_member (JsonNode   *root,
                  const char *code,
                  const char *name)
{
  JsonArray *projects = json_object_get_array_member (json_node_get_object (root), "projects");

  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *project = json_array_get_object_element (projects, i);

      if (g_str_equal (json_object_get_string_member (project, "code"), code))
        return json_object_get_double_member (project, name);
    }
  g_assert_not_reached ();
}

static JsonNode *
export_portfolio (Fixture         *fixture,
                  NawatStatsFlags  flags)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *root;

  g_assert_true (nawat_export_portfolio_json_full (fixture->store, "t1", flags, output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);
  return root;
}

/* Each evaluation weighs its evaluator's confidence (none: medium) in its
 * project's mean and mean z-score, which reorders the ranking; the median
 * and spread stay; the JSON portfolio agrees and says so.
 */
static void
test_call_weight_confidence (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(JsonNode) weighted = NULL;
  const NawatProjectStats *p;
  const guint *order;
  double mean_a, sd_a, mean_b, sd_b;

  stats = nawat_call_stats_compute_full (fixture->store, "t1", NAWAT_STATS_DEFAULT_THRESHOLD,
                                         NAWAT_STATS_WEIGHT_CONFIDENCE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nawat_call_stats_get_flags (stats), ==, NAWAT_STATS_WEIGHT_CONFIDENCE);
  evaluator_moments ("a", &mean_a, &sd_a);
  evaluator_moments ("b", &mean_b, &sd_b);

  /* p1: 70 high, 40 low, 100 none: (3·70 + 1·40 + 2·100) / 6 = 75. */
  p = nawat_call_stats_lookup_project (stats, "project:t1:p1");
  g_assert_cmpfloat_with_epsilon (p->mean, 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->median, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->spread, 60, 1e-9);
  /* c is not normalised: a's z weighs 3, b's 1. */
  g_assert_cmpfloat_with_epsilon (p->z_mean,
                                  (3 * (70 - mean_a) / sd_a + 1 * (40 - mean_b) / sd_b) / 4, 1e-9);
  g_assert_cmpuint (p->rank_mean, ==, 2);
  g_assert_false (p->rank_mean_tied);
  /* p2: 50 none, 50 low, 60 high: (2·50 + 1·50 + 3·60) / 6 = 55. */
  p = nawat_call_stats_lookup_project (stats, "project:t1:p2");
  g_assert_cmpfloat_with_epsilon (p->mean, 55, 1e-9);
  g_assert_cmpuint (p->rank_mean, ==, 4);
  /* p3: 100 low, 80 high: (100 + 3·80) / 4 = 85. */
  p = nawat_call_stats_lookup_project (stats, "project:t1:p3");
  g_assert_cmpfloat_with_epsilon (p->mean, 85, 1e-9);
  g_assert_cmpuint (p->rank_mean, ==, 1);
  /* p4: 70 medium, 70 high: 70, no longer tied with p1. */
  p = nawat_call_stats_lookup_project (stats, "project:t1:p4");
  g_assert_cmpfloat_with_epsilon (p->mean, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->z_mean,
                                  (2 * (70 - mean_a) / sd_a + 3 * (70 - mean_b) / sd_b) / 5, 1e-9);
  g_assert_cmpuint (p->rank_mean, ==, 3);
  g_assert_false (p->rank_mean_tied);

  order = nawat_call_stats_get_ranking (stats, FALSE);
  g_assert_cmpuint (order[0], ==, 2);
  g_assert_cmpuint (order[1], ==, 0);
  g_assert_cmpuint (order[2], ==, 3);
  g_assert_cmpuint (order[3], ==, 1);

  /* The export: unweighted as before, weighted as above, and said. */
  plain = export_portfolio (fixture, NAWAT_STATS_FLAGS_NONE);
  weighted = export_portfolio (fixture, NAWAT_STATS_WEIGHT_CONFIDENCE);
  g_assert_false (json_object_has_member (json_node_get_object (plain), "weight_confidence"));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (weighted), "weight_confidence"));
  g_assert_cmpfloat_with_epsilon (portfolio_member (plain, "p1", "composite_mean"), 70, 1e-9);
  g_assert_cmpint ((int) portfolio_member (plain, "p1", "rank"), ==, 2);
  g_assert_cmpint ((int) portfolio_member (plain, "p4", "rank"), ==, 2);
  g_assert_cmpfloat_with_epsilon (portfolio_member (weighted, "p1", "composite_mean"), 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (portfolio_member (weighted, "p2", "composite_mean"), 55, 1e-9);
  g_assert_cmpint ((int) portfolio_member (weighted, "p1", "rank"), ==, 2);
  g_assert_cmpint ((int) portfolio_member (weighted, "p4", "rank"), ==, 3);
  g_assert_cmpint ((int) portfolio_member (weighted, "p3", "rank"), ==, 1);
}

/* Runs @sql on the fixture's store file, past the store. */
static void
store_exec (Fixture    *fixture,
            const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (nawat_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* How many evaluations of call t1 the text scanner reads. */
static guint
count_scanned (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCall) call = nawat_store_get_call (fixture->store, "call:t1", &error);
  g_autoptr(NawatRubric) rubric = nawat_store_get_call_rubric (fixture->store, call, &error);
  g_autoptr(NawatRubricPlan) plan = _nawat_rubric_plan_new (rubric);
  static const char * const none[] = { NULL };
  g_autoptr(NawatEvaluationText) text =
    _nawat_evaluation_text_new (nawat_document_get_id (NAWAT_DOCUMENT (rubric)),
                                _nawat_rubric_plan_get_keys (plan), none);
  NawatEvaluationFields fields;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0, n_rows = 0;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (nawat_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json FROM evaluations WHERE project LIKE 'project:t1:%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n_rows++;
      n += _nawat_evaluation_text_read (text, (const char *) sqlite3_column_text (stmt, 0),
                                        sqlite3_column_bytes (stmt, 0), &fields);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n_rows, ==, G_N_ELEMENTS (rows));
  return n;
}

static void
append_bits (GString *s,
             double   value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  g_string_append_printf (s, " %016" G_GINT64_MODIFIER "x", bits);
}

static void
append_summary (GString            *s,
                const NawatSummary *summary)
{
  g_string_append_printf (s, " n %u", summary->n);
  append_bits (s, summary->mean);
  append_bits (s, summary->median);
  append_bits (s, summary->sd);
  append_bits (s, summary->min);
  append_bits (s, summary->max);
}

static void
append_agreement (GString              *s,
                  const NawatAgreement *agreement)
{
  append_bits (s, agreement->alpha_interval);
  append_bits (s, agreement->alpha_ordinal);
  append_bits (s, agreement->icc_1_1);
  g_string_append_printf (s, " %u %u %u\n", agreement->n_units, agreement->n_pairable,
                          agreement->n_pairable_units);
}

static void
append_reasons (GString     *s,
                char * const *reasons)
{
  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    g_string_append_printf (s, " [%s]", reasons[i]);
  g_string_append_c (s, '\n');
}

/* The ranks of call t1 as the export reads them. */
static void
append_ranks (GString         *s,
              Fixture         *fixture,
              NawatCallStats  *stats,
              NawatStatsFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCall) call = nawat_store_get_call (fixture->store, "call:t1", &error);
  g_autoptr(NawatRubric) rubric = nawat_store_get_call_rubric (fixture->store, call, &error);
  g_autoptr(NawatStoreReader) reader = NULL;
  g_autoptr(NawatCallRanks) ranks = NULL;

  g_assert_no_error (error);
  reader = _nawat_store_reader_open (nawat_store_get_path (fixture->store), &error);
  g_assert_no_error (error);
  g_assert_true (_nawat_store_reader_begin (reader, &error));
  ranks = _nawat_call_ranks_compute (reader, rubric, "t1", NAWAT_STATS_DEFAULT_THRESHOLD, flags,
                                     NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < nawat_call_stats_get_n_projects (stats); i++)
    {
      const NawatProjectStats *p = nawat_call_stats_get_project (stats, i);
      g_auto(GStrv) reasons = NULL;
      NawatProjectRank rank;

      g_assert_true (_nawat_call_ranks_next (ranks, p->project_id, &rank, &reasons, &error));
      g_assert_no_error (error);
      g_string_append_printf (s, "rank %s %u %d %u %d %d", p->project_id, rank.rank_mean,
                              rank.rank_mean_tied, rank.rank_z, rank.rank_z_tied, rank.disagreement);
      append_bits (s, rank.z_mean);
      append_reasons (s, reasons);
    }
  g_clear_pointer (&ranks, _nawat_call_ranks_free);
  _nawat_store_reader_commit (reader);
}

/* Every figure of call t1's statistics with @flags, and the export's
 * ranks, each double to the bit.
 */
static void
append_figures (GString         *s,
                Fixture         *fixture,
                NawatStatsFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  const char * const *criteria;
  NawatSummary summary;
  NawatAgreement agreement;
  const guint *indices;
  guint n;

  stats = nawat_call_stats_compute_full (fixture->store, "t1", NAWAT_STATS_DEFAULT_THRESHOLD, flags,
                                         NULL, &error);
  g_assert_no_error (error);
  nawat_call_stats_get_composite (stats, &summary, &agreement);
  g_string_append (s, "composite");
  append_summary (s, &summary);
  append_agreement (s, &agreement);
  criteria = nawat_call_stats_get_criteria (stats);
  for (guint i = 0; criteria[i] != NULL; i++)
    {
      g_assert_true (nawat_call_stats_get_criterion (stats, criteria[i], &summary, &agreement));
      g_string_append (s, criteria[i]);
      append_summary (s, &summary);
      append_agreement (s, &agreement);
    }
  for (guint i = 0; i < nawat_call_stats_get_n_evaluators (stats); i++)
    {
      const NawatEvaluatorStats *e = nawat_call_stats_get_evaluator (stats, i);

      g_string_append_printf (s, "evaluator %s %u %d %u %u %u %u", e->name, e->n_scored,
                              e->normalised, e->assigned, e->draft, e->submitted, e->conflict);
      append_bits (s, e->mean);
      append_bits (s, e->sd);
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; i < nawat_call_stats_get_n_projects (stats); i++)
    {
      const NawatProjectStats *p = nawat_call_stats_get_project (stats, i);

      g_string_append_printf (s, "project %s %u %d %u %u %d %d %u %u %u %u %u %u %u %u",
                              p->project_id, p->n_evaluations, p->disagreement, p->rank_mean,
                              p->rank_z, p->rank_mean_tied, p->rank_z_tied, p->n_fund,
                              p->n_fund_with_conditions, p->n_reject, p->assigned, p->draft,
                              p->submitted, p->conflict, p->expected);
      append_bits (s, p->mean);
      append_bits (s, p->median);
      append_bits (s, p->spread);
      append_bits (s, p->min);
      append_bits (s, p->max);
      append_bits (s, p->z_mean);
      append_reasons (s, p->reasons);
    }
  for (int normalised = 0; normalised < 2; normalised++)
    {
      indices = nawat_call_stats_get_ranking (stats, normalised);
      g_string_append (s, "ranking");
      for (guint i = 0; i < nawat_call_stats_get_n_projects (stats); i++)
        g_string_append_printf (s, " %u", indices[i]);
      g_string_append_c (s, '\n');
    }
  indices = nawat_call_stats_get_disagreements (stats, &n);
  g_string_append (s, "disagreements");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, " %u", indices[i]);
  g_string_append_c (s, '\n');
  append_ranks (s, fixture, stats, flags);
}

static char *
dup_figures (Fixture *fixture)
{
  GString *s = g_string_new (NULL);

  append_figures (s, fixture, NAWAT_STATS_FLAGS_NONE);
  append_figures (s, fixture, NAWAT_STATS_WEIGHT_CONFIDENCE);
  return g_string_free (s, FALSE);
}

/* The statistics and the export's ranks read each evaluation from the
 * text the store keeps of it, or, when that is not the codec's text,
 * through SQLite: every figure is the same to the bit either way.
 */
static void
test_call_stored_texts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *mixed = NULL;
  g_autofree char *spaced = NULL;

  /* A confidence out of range (the statistics clamp it, the export's
   * ranks weigh it as none), and one given as a string, which SQLite
   * reads as a number and the scanner as none.
   */
  store_exec (fixture,
              "UPDATE evaluations SET json = json_set (json, '$.confidence', 7)"
              " WHERE id = 'evaluation:t1:p1:c';"
              "UPDATE evaluations SET json = json_set (json, '$.confidence', '3')"
              " WHERE id = 'evaluation:t1:p2:a';");
  g_assert_cmpuint (count_scanned (fixture), ==, G_N_ELEMENTS (rows));
  canonical = dup_figures (fixture);
  /* p1: 70 high, 40 low, 100 clamped to high: (3·70 + 40 + 3·100) / 7;
   * p2: 50 high (SQLite's reading), 50 low, 60 high: (3·50 + 50 + 3·60) / 7.
   */
  stats = nawat_call_stats_compute_full (fixture->store, "t1", NAWAT_STATS_DEFAULT_THRESHOLD,
                                         NAWAT_STATS_WEIGHT_CONFIDENCE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (nawat_call_stats_lookup_project (stats, "project:t1:p1")->mean,
                                  550.0 / 7, 1e-9);
  g_assert_cmpfloat_with_epsilon (nawat_call_stats_lookup_project (stats, "project:t1:p2")->mean,
                                  380.0 / 7, 1e-9);

  /* Spaced, out of order, without a member, of another rubric. */
  store_exec (fixture,
              "UPDATE evaluations SET json = replace (json, '\":', '\": ')"
              " WHERE id IN ('evaluation:t1:p1:a', 'evaluation:t1:p3:b', 'evaluation:t1:p4:b');"
              "UPDATE evaluations SET json = json_set (json_remove (json, '$.scores'), '$.scores',"
              " json (json_extract (json, '$.scores')))"
              " WHERE id IN ('evaluation:t1:p1:b', 'evaluation:t1:p2:c');"
              "UPDATE evaluations SET json = json_remove (json, '$.evaluator')"
              " WHERE id = 'evaluation:t1:p3:a';"
              "UPDATE evaluations SET json = json_set (json, '$.rubric', 'rubric:other:1')"
              " WHERE id = 'evaluation:t1:p4:a';");
  g_assert_cmpuint (count_scanned (fixture), ==, G_N_ELEMENTS (rows) - 7);
  mixed = dup_figures (fixture);
  g_assert_cmpstr (mixed, ==, canonical);

  /* None the scanner reads. */
  store_exec (fixture, "UPDATE evaluations SET json = replace (json, ',\"', ', \"')");
  g_assert_cmpuint (count_scanned (fixture), ==, 0);
  spaced = dup_figures (fixture);
  g_assert_cmpstr (spaced, ==, canonical);
}

static void
test_call_threshold (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  guint n_flagged;

  /* p1 spans 60: flagged at 60, not above. */
  stats = nawat_call_stats_compute (fixture->store, "t1", 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_call_stats_lookup_project (stats, "project:t1:p1")->disagreement);
  g_clear_object (&stats);

  stats = nawat_call_stats_compute (fixture->store, "t1", 60.5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (nawat_call_stats_get_threshold (stats), ==, 60.5);
  g_assert_false (nawat_call_stats_lookup_project (stats, "project:t1:p1")->disagreement);
  nawat_call_stats_get_disagreements (stats, &n_flagged);
  g_assert_cmpuint (n_flagged, ==, 1);
}

static void
test_call_agreement (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  const char * const evaluators[] = { "a", "b", "c", "d" };
  const char * const projects[] = { "p1", "p2", "p3", "p4", "p5" };
  double composites[5 * 4];
  double merit[5 * 4];
  double all[G_N_ELEMENTS (rows)];
  NawatSummary summary, expected_summary;
  NawatAgreement agreement, expected;
  const char * const *criteria;
  g_autofree char *shortfall = NULL;
  guint n = 0;

  stats = nawat_call_stats_compute (fixture->store, "t1", NAWAT_STATS_DEFAULT_THRESHOLD, NULL, &error);
  g_assert_no_error (error);

  /* The projects × evaluators matrices of the submitted evaluations. */
  for (guint p = 0; p < 5; p++)
    for (guint e = 0; e < 4; e++)
      {
        composites[p * 4 + e] = merit[p * 4 + e] = NAN;
        for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
          if (g_str_equal (rows[i].project, projects[p]) &&
              g_str_equal (rows[i].evaluator, evaluators[e]) &&
              g_str_equal (rows[i].status, "submitted"))
            {
              composites[p * 4 + e] = rows[i].composite;
              merit[p * 4 + e] = rows[i].merit;
              all[n++] = rows[i].composite;
            }
      }

  nawat_call_stats_get_composite (stats, &summary, &agreement);
  nawat_stats_summarise (all, n, &expected_summary);
  g_assert_cmpuint (summary.n, ==, 10);
  g_assert_cmpfloat_with_epsilon (summary.mean, 69, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary.median, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary.sd, expected_summary.sd, 1e-9);
  nawat_stats_agreement (composites, 5, 4, &expected);
  g_assert_cmpfloat_with_epsilon (agreement.alpha_interval, expected.alpha_interval, 1e-9);
  g_assert_cmpfloat_with_epsilon (agreement.alpha_ordinal, expected.alpha_ordinal, 1e-9);
  g_assert_cmpfloat_with_epsilon (agreement.icc_1_1, expected.icc_1_1, 1e-9);
  g_assert_cmpuint (agreement.n_units, ==, 4);
  g_assert_cmpuint (agreement.n_pairable, ==, 10);
  /* Four projects rated twice or more: too few to report agreement. */
  g_assert_cmpuint (agreement.n_pairable_units, ==, 4);
  g_assert_false (nawat_stats_agreement_is_enough (&agreement));
  shortfall = nawat_stats_agreement_dup_shortfall (&agreement, "en");
  g_assert_cmpstr (shortfall, ==,
                   "Not enough data yet: agreement needs 5 projects with two or more "
                   "evaluations (so far: 4).");
  g_clear_pointer (&shortfall, g_free);
  shortfall = nawat_stats_agreement_dup_shortfall (&agreement, "th");
  g_assert_nonnull (strstr (shortfall, "5"));
  g_assert_nonnull (strstr (shortfall, "4"));
  g_assert_null (strstr (shortfall, "agreement"));

  criteria = nawat_call_stats_get_criteria (stats);
  g_assert_cmpuint (g_strv_length ((char **) criteria), ==, G_N_ELEMENTS (score_keys));
  for (guint i = 0; i < G_N_ELEMENTS (score_keys); i++)
    g_assert_cmpstr (criteria[i], ==, score_keys[i]);

  g_assert_true (nawat_call_stats_get_criterion (stats, "merit.impact", &summary, &agreement));
  /* merit levels: 3, 3, 5, 3, 3, 3, 5, 5, 3, 3. */
  g_assert_cmpuint (summary.n, ==, 10);
  g_assert_cmpfloat_with_epsilon (summary.mean, 3.6, 1e-9);
  g_assert_cmpfloat (summary.median, ==, 3);
  g_assert_cmpfloat (summary.min, ==, 3);
  g_assert_cmpfloat (summary.max, ==, 5);
  nawat_stats_agreement (merit, 5, 4, &expected);
  g_assert_cmpfloat_with_epsilon (agreement.alpha_interval, expected.alpha_interval, 1e-9);
  g_assert_cmpfloat_with_epsilon (agreement.icc_1_1, expected.icc_1_1, 1e-9);
  g_assert_cmpuint (agreement.n_pairable_units, ==, 4);
  g_assert_false (nawat_call_stats_get_criterion (stats, "merit.nothing", NULL, NULL));
}

static void
test_call_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;

  stats = nawat_call_stats_compute (fixture->store, "nope", 25, NULL, &error);
  g_assert_error (error, NAWAT_STATS_ERROR, NAWAT_STATS_ERROR_NOT_FOUND);
  g_assert_null (stats);
}

static void
test_call_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  stats = nawat_call_stats_compute (fixture->store, "t1", 25, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (stats);
}

/* The flat rubric plan that streams composites must agree with the
 * scoring module on any evaluation, complete or not.
 */
static void
test_plan_matches_scoring (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(NawatRubricPlan) plan = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char * const *keys;
  guint n_keys;

  g_assert_nonnull (rubric);
  plan = _nawat_rubric_plan_new (rubric);
  keys = _nawat_rubric_plan_get_keys (plan);
  n_keys = _nawat_rubric_plan_get_n_keys (plan);
  g_assert_cmpuint (n_keys, ==, G_N_ELEMENTS (score_keys));

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new ("project:t1:p1", "a",
                                                                    NAWAT_DEFAULT_RUBRIC_ID);
      g_autofree double *scores = g_new (double, n_keys);
      gboolean conflict = g_rand_int_range (rand, 0, 10) == 0;
      NawatScore expected, score;

      for (guint k = 0; k < n_keys; k++)
        {
          int min = g_str_has_prefix (keys[k], "merit.") ? 1 : 0;

          scores[k] = NAN;
          /* Mostly complete, sometimes a score missing. */
          if (g_rand_int_range (rand, 0, round % 3 == 0 ? 4 : 40) == 0)
            continue;
          scores[k] = g_rand_int_range (rand, min, min + 5);
          nawat_evaluation_set_score (evaluation, keys[k], scores[k]);
        }
      nawat_evaluation_set_conflict (evaluation, conflict, conflict ? "x" : "");
      nawat_scoring_compute (rubric, evaluation, &expected);
      _nawat_rubric_plan_score (plan, scores, conflict, &score);
      g_assert_cmpint (score.complete, ==, expected.complete);
      g_assert_cmpuint (score.n_required, ==, expected.n_required);
      g_assert_cmpuint (score.n_scored_required, ==, expected.n_scored_required);
      g_assert_cmpfloat_with_epsilon (score.completeness, expected.completeness, 1e-12);
      g_assert_cmpfloat_with_epsilon (score.composite, expected.composite, 1e-9);
    }
}

static void
test_plan_parse (void)
{
  g_autoptr(NawatRubricPlan) plan = _nawat_rubric_plan_new (nawat_rubric_get_default ());
  double scores[G_N_ELEMENTS (score_keys)];
  g_autoptr(GString) sql = g_string_new (NULL);

  _nawat_rubric_plan_parse (plan, "[1, null,3,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,2.0]", scores);
  g_assert_cmpfloat (scores[0], ==, 1);
  g_assert_true (isnan (scores[1]));
  g_assert_cmpfloat (scores[2], ==, 3);
  g_assert_cmpfloat (scores[18], ==, 2);
  /* Too short, or not an array: nothing is scored. */
  _nawat_rubric_plan_parse (plan, "[1, 2]", scores);
  g_assert_true (isnan (scores[18]));
  _nawat_rubric_plan_parse (plan, "{\"a\": 1}", scores);
  g_assert_true (isnan (scores[0]));
  _nawat_rubric_plan_parse (plan, NULL, scores);
  g_assert_true (isnan (scores[0]));

  _nawat_store_append_scores_sql (sql, _nawat_rubric_plan_get_keys (plan), "e.json");
  g_assert_true (g_str_has_prefix (sql->str, "json_extract (e.json, '$.scores.\"domains.environment\"'"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/stats/summarise", test_summarise);
  g_test_add_func ("/nawat/stats/alpha-krippendorff-2011", test_alpha_krippendorff_2011);
  g_test_add_func ("/nawat/stats/alpha-undefined", test_alpha_undefined);
  g_test_add_func ("/nawat/stats/icc-shrout-fleiss-1979", test_icc_shrout_fleiss);
  g_test_add_func ("/nawat/stats/icc-unbalanced", test_icc_unbalanced);
  g_test_add_func ("/nawat/stats/rank", test_rank);
  g_test_add_func ("/nawat/stats/plan-matches-scoring", test_plan_matches_scoring);
  g_test_add_func ("/nawat/stats/plan-parse", test_plan_parse);
  g_test_add_func ("/nawat/stats/weighted-mean", test_weighted_mean);
  g_test_add ("/nawat/stats/call-weight-confidence", Fixture, NULL,
              fixture_setup, test_call_weight_confidence, fixture_teardown);
  g_test_add ("/nawat/stats/call-evaluators", Fixture, NULL,
              fixture_setup, test_call_evaluators, fixture_teardown);
  g_test_add ("/nawat/stats/call-projects", Fixture, NULL,
              fixture_setup, test_call_projects, fixture_teardown);
  g_test_add ("/nawat/stats/call-threshold", Fixture, NULL,
              fixture_setup, test_call_threshold, fixture_teardown);
  g_test_add ("/nawat/stats/call-agreement", Fixture, NULL,
              fixture_setup, test_call_agreement, fixture_teardown);
  g_test_add ("/nawat/stats/call-missing", Fixture, NULL,
              fixture_setup, test_call_missing, fixture_teardown);
  g_test_add ("/nawat/stats/call-cancelled", Fixture, NULL,
              fixture_setup, test_call_cancelled, fixture_teardown);
  g_test_add ("/nawat/stats/call-stored-texts", Fixture, NULL,
              fixture_setup, test_call_stored_texts, fixture_teardown);

  return g_test_run ();
}
