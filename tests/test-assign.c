/* test-assign.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-assign.h"
#include "nawat-codec.h"

#include <glib/gstdio.h>
#include <string.h>

/* A small instance kept beside the problem, to check results against. */
typedef struct
{
  guint    n_p, n_e, k;
  guint32  p_domains[8];
  int      primary[8];
  guint32  e_domains[6];
  int      max_load[6];
  gboolean excluded[8][6];
} Instance;

static guint
pair_weight (const Instance *in,
             guint           p,
             guint           e)
{
  guint w = (guint) __builtin_popcount (in->p_domains[p] & in->e_domains[e]);

  if (in->primary[p] >= 0 && (in->e_domains[e] & (1u << in->primary[p])) != 0)
    w++;
  return w;
}

/* The rules, checked on loads: within the limit, and an evaluator more
 * than one below another is at their limit.
 */
static gboolean
loads_balanced (const Instance *in,
                const guint    *load)
{
  for (guint e = 0; e < in->n_e; e++)
    {
      guint limit = 0;

      for (guint p = 0; p < in->n_p; p++)
        limit += !in->excluded[p][e];
      if (in->max_load[e] >= 0 && (guint) in->max_load[e] < limit)
        limit = (guint) in->max_load[e];
      if (load[e] > limit)
        return FALSE;
      for (guint f = 0; f < in->n_e; f++)
        if (load[e] + 1 < load[f] && load[e] != limit)
          return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const Instance *in;
  guint           load[6];
  gint64          best;
} Search;

static void
search (Search *s,
        guint   p,
        gint64  weight)
{
  const Instance *in = s->in;

  if (p == in->n_p)
    {
      if (loads_balanced (in, s->load) && weight > s->best)
        s->best = weight;
      return;
    }

  for (guint set = 0; set < (1u << in->n_e); set++)
    {
      gint64 w = 0;

      if ((guint) __builtin_popcount (set) != in->k)
        continue;
      for (guint e = 0; e < in->n_e; e++)
        if ((set & (1u << e)) != 0 && in->excluded[p][e])
          goto next;
      for (guint e = 0; e < in->n_e; e++)
        if ((set & (1u << e)) != 0)
          {
            s->load[e]++;
            w += pair_weight (in, p, e);
          }
      search (s, p + 1, weight + w);
      for (guint e = 0; e < in->n_e; e++)
        if ((set & (1u << e)) != 0)
          s->load[e]--;
    next:
      ;
    }
}

static NawatAssignProblem *
make_problem (const Instance *in)
{
  NawatAssignProblem *problem = nawat_assign_problem_new (in->k);

  for (guint e = 0; e < in->n_e; e++)
    {
      g_autofree char *name = g_strdup_printf ("e%u", e);

      nawat_assign_problem_add_evaluator (problem, name, in->e_domains[e], in->max_load[e]);
    }
  for (guint p = 0; p < in->n_p; p++)
    {
      g_autofree char *code = g_strdup_printf ("p%u", p);

      nawat_assign_problem_add_project (problem, code, in->p_domains[p], in->primary[p]);
      for (guint e = 0; e < in->n_e; e++)
        if (in->excluded[p][e])
          nawat_assign_problem_exclude (problem, p, e);
    }
  return problem;
}

/* Random small instances: the solver finds an assignment exactly when one
 * exists, it keeps every rule, and its weight is the brute-force optimum.
 */
static void
test_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  guint n_feasible = 0, n_infeasible = 0;

  for (guint round = 0; round < 1500; round++)
    {
      Instance in = { 0 };
      g_autoptr(NawatAssignProblem) problem = NULL;
      g_autoptr(NawatAssignResult) result = NULL;
      Search s = { &in, { 0 }, -1 };
      guint load[6] = { 0 };
      gint64 weight = 0;

      in.n_p = g_rand_int_range (rand, 1, 6);
      in.n_e = g_rand_int_range (rand, 2, 5);
      in.k = g_rand_int_range (rand, 1, MIN (in.n_e, 3) + 1);
      for (guint p = 0; p < in.n_p; p++)
        {
          in.p_domains[p] = g_rand_int_range (rand, 0, 8);
          in.primary[p] = -1;
          for (guint d = 0; d < 3; d++)
            if ((in.p_domains[p] & (1u << d)) != 0 && in.primary[p] < 0 && g_rand_boolean (rand))
              in.primary[p] = d;
          for (guint e = 0; e < in.n_e; e++)
            in.excluded[p][e] = g_rand_int_range (rand, 0, 6) == 0;
        }
      for (guint e = 0; e < in.n_e; e++)
        {
          in.e_domains[e] = g_rand_int_range (rand, 0, 8);
          in.max_load[e] = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0, 4) : -1;
        }

      search (&s, 0, 0);
      problem = make_problem (&in);
      result = nawat_assign_solve (problem);

      if (s.best < 0)
        {
          g_assert_cmpuint (result->problems->len, >, 0);
          n_infeasible++;
          continue;
        }
      n_feasible++;
      if (result->problems->len > 0)
        g_error ("round %u: %s", round, (char *) g_ptr_array_index (result->problems, 0));
      g_assert_cmpuint (result->n_short, ==, 0);

      for (guint p = 0; p < in.n_p; p++)
        {
          g_assert_cmpuint (result->offsets[p + 1] - result->offsets[p], ==, in.k);
          for (guint i = result->offsets[p]; i < result->offsets[p + 1]; i++)
            {
              guint e = result->assigned[i];

              g_assert_false (in.excluded[p][e]);
              if (i > result->offsets[p])
                g_assert_cmpuint (result->assigned[i - 1], <, e);
              load[e]++;
              weight += pair_weight (&in, p, e);
            }
        }
      for (guint e = 0; e < in.n_e; e++)
        g_assert_cmpuint (load[e], ==, result->load[e]);
      g_assert_true (loads_balanced (&in, load));
      g_assert_cmpint (weight, ==, s.best);
      g_assert_cmpint ((gint64) result->weight, ==, s.best);
    }

  /* Both kinds were tried. */
  g_assert_cmpuint (n_feasible, >, 100);
  g_assert_cmpuint (n_infeasible, >, 100);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
assignment_string (NawatAssignProblem *problem,
                   NawatAssignResult  *result)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; p < result->n_projects; p++)
    {
      g_autoptr(GString) line = g_string_new (nawat_assign_problem_get_project (problem, p));

      for (guint i = result->offsets[p]; i < result->offsets[p + 1]; i++)
        g_string_append_printf (line, " %s",
                                nawat_assign_problem_get_evaluator (problem, result->assigned[i]));
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (s, FALSE);
}

/* The same input, in any order, gives the same assignment; and the loads
 * of a larger instance differ by at most one.
 */
static void
test_deterministic (void)
{
  g_autofree char *first = NULL;

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(NawatAssignProblem) problem = nawat_assign_problem_new (3);
      g_autoptr(NawatAssignResult) result = NULL;
      g_autofree char *text = NULL;
      guint min_load = G_MAXUINT, max_load = 0;
      guint n = 300;

      for (guint e = 0; e < 17; e++)
        {
          guint i = run == 1 ? 16 - e : e;
          g_autofree char *name = g_strdup_printf ("evaluator-%02u", i);

          nawat_assign_problem_add_evaluator (problem, name, 1u << (i % 9) | 1u << ((i * 5) % 9), -1);
        }
      for (guint j = 0; j < n; j++)
        {
          guint i = run == 2 ? n - 1 - j : j;
          g_autofree char *code = g_strdup_printf ("p%04u", i);
          guint project = nawat_assign_problem_add_project (problem, code,
                                                            1u << (i % 9) | 1u << ((i / 9) % 9),
                                                            (int) (i % 9));

          /* the same exclusions whatever the order */
          nawat_assign_problem_exclude (problem, project, run == 1 ? 16 - i % 17 : i % 17);
        }
      result = nawat_assign_solve (problem);
      g_assert_cmpuint (result->problems->len, ==, 0);
      for (guint e = 0; e < 17; e++)
        {
          min_load = MIN (min_load, result->load[e]);
          max_load = MAX (max_load, result->load[e]);
        }
      g_assert_cmpuint (max_load - min_load, <=, 1);
      g_assert_cmpuint (min_load, ==, 3 * n / 17);

      text = assignment_string (problem, result);
      if (first == NULL)
        first = g_steal_pointer (&text);
      else
        g_assert_cmpstr (text, ==, first);
    }
}

static void
assert_problem (NawatAssignResult *result,
                const char        *part)
{
  for (guint i = 0; i < result->problems->len; i++)
    if (strstr (g_ptr_array_index (result->problems, i), part) != NULL)
      return;
  for (guint i = 0; i < result->problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (result->problems, i));
  g_error ("no problem says “%s”", part);
}

/* Each rule that cannot be kept is named, with the projects. */
static void
test_infeasible (void)
{
  g_autoptr(NawatAssignProblem) few = nawat_assign_problem_new (2);
  g_autoptr(NawatAssignProblem) full = nawat_assign_problem_new (2);
  g_autoptr(NawatAssignProblem) hall = nawat_assign_problem_new (1);
  g_autoptr(NawatAssignProblem) balance = nawat_assign_problem_new (1);
  g_autoptr(NawatAssignResult) result = NULL;

  /* p2 has one evaluator left after a conflict, and needs two. */
  nawat_assign_problem_add_evaluator (few, "a", 0, -1);
  nawat_assign_problem_add_evaluator (few, "b", 0, -1);
  nawat_assign_problem_add_project (few, "p1", 0, -1);
  nawat_assign_problem_add_project (few, "p2", 0, -1);
  nawat_assign_problem_exclude (few, 1, 0);
  result = nawat_assign_solve (few);
  assert_problem (result, "Project p2 has only 1 evaluator");
  assert_problem (result, "can take 3 assignments at most");
  g_assert_cmpuint (result->n_short, ==, 1);
  g_clear_pointer (&result, nawat_assign_result_free);

  /* Three projects × two evaluators, and the maximum loads allow five. */
  nawat_assign_problem_add_evaluator (full, "a", 0, 2);
  nawat_assign_problem_add_evaluator (full, "b", 0, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *code = g_strdup_printf ("p%u", i);
      nawat_assign_problem_add_project (full, code, 0, -1);
    }
  result = nawat_assign_solve (full);
  assert_problem (result, "can take 5 assignments at most");
  assert_problem (result, "need 6");
  g_clear_pointer (&result, nawat_assign_result_free);

  /* p1 and p2 may have only a, who takes one project at most; there is
   * room enough in all and each project has an evaluator.
   */
  nawat_assign_problem_add_evaluator (hall, "a", 0, 1);
  nawat_assign_problem_add_evaluator (hall, "b", 0, -1);
  nawat_assign_problem_add_evaluator (hall, "c", 0, -1);
  nawat_assign_problem_add_project (hall, "p1", 0, -1);
  nawat_assign_problem_add_project (hall, "p2", 0, -1);
  nawat_assign_problem_add_project (hall, "p3", 0, -1);
  for (guint p = 0; p < 2; p++)
    for (guint e = 1; e < 3; e++)
      nawat_assign_problem_exclude (hall, p, e);
  result = nawat_assign_solve (hall);
  assert_problem (result, "the evaluators these projects may have are full: ");
  g_assert_cmpuint (result->n_short, ==, 1);
  g_clear_pointer (&result, nawat_assign_result_free);

  /* Four projects: a may take p4 only, b p1 to p3.  a is held at the one
   * project they may take, so b takes three: the loads differ by two, and
   * that keeps the rule.
   */
  nawat_assign_problem_add_evaluator (balance, "a", 0, -1);
  nawat_assign_problem_add_evaluator (balance, "b", 0, -1);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *code = g_strdup_printf ("p%u", i);
      nawat_assign_problem_add_project (balance, code, 0, -1);
    }
  nawat_assign_problem_exclude (balance, 0, 0);
  nawat_assign_problem_exclude (balance, 1, 0);
  nawat_assign_problem_exclude (balance, 2, 0);
  nawat_assign_problem_exclude (balance, 3, 1);
  result = nawat_assign_solve (balance);
  g_assert_cmpuint (result->problems->len, ==, 0);
  g_assert_cmpuint (result->load[0], ==, 1);
  g_assert_cmpuint (result->load[1], ==, 3);
}

/* From documents: the same organisation or a partner's (Thai, other case
 * and spaces) and a declared conflict exclude; expertise is preferred.
 */
static void
test_documents (void)
{
  static const char call_json[] =
    "{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1, \"title\": {\"en\": \"G\"},"
    " \"evaluators\": [\"somchai\", \"malee\", \"anan\", \"jane\"],"
    " \"evaluator_profiles\": {"
    "  \"somchai\": {\"organisation\": \" มหาวิทยาลัยเชียงใหม่ \", \"domains\": [\"health\"]},"
    "  \"malee\": {\"organisation\": \"Green Earth Foundation\", \"domains\": [\"health\"]},"
    "  \"anan\": {\"domains\": [\"environment\"]}}}";
  static const char project_json[] =
    "{\"_id\": \"project:c1:p1\", \"type\": \"project\", \"schema\": 1, \"call\": \"c1\","
    " \"code\": \"p1\", \"title\": {\"en\": \"P\"}, \"organisation\": \"มหาวิทยาลัยเชียงใหม่\", \"province\": \"TH-50\","
    " \"domains\": [\"health\", \"environment\"],"
    " \"partners\": [{\"name\": \"GREEN EARTH  foundation\", \"sector\": \"civil-society\"},"
    "                {\"name\": \"green earth foundation \", \"sector\": \"civil-society\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatDocument) call = nawat_codec_from_data (call_json, -1, &error);
  g_autoptr(NawatDocument) project = NULL;
  g_autoptr(NawatAssignProblem) problem = NULL;
  g_autoptr(NawatAssignResult) result = NULL;
  const char * const conflicted[] = { "jane", NULL };
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  project = nawat_codec_from_data (project_json, -1, &error);
  g_assert_no_error (error);

  /* somchai: same organisation; malee: a partner ("GREEN EARTH  foundation"
   * has two spaces, so only the second partner matches); jane: conflict.
   */
  problem = nawat_assign_problem_new_for_call (NAWAT_CALL (call), 1, -1);
  nawat_assign_problem_add_document (problem, NAWAT_CALL (call), NAWAT_PROJECT (project), conflicted);
  result = nawat_assign_solve (problem);
  g_assert_cmpuint (result->problems->len, ==, 0);
  text = assignment_string (problem, result);
  g_assert_cmpstr (text, ==, "p1 anan\n");
  g_assert_cmpuint (result->matched_pairs, ==, 1);
  g_assert_cmpuint (result->weight, ==, 1);
  g_clear_pointer (&result, nawat_assign_result_free);
  g_clear_pointer (&problem, nawat_assign_problem_free);
  g_clear_pointer (&text, g_free);

  /* Without the conflict, jane (no expertise) is the only other one. */
  problem = nawat_assign_problem_new_for_call (NAWAT_CALL (call), 2, -1);
  nawat_assign_problem_add_document (problem, NAWAT_CALL (call), NAWAT_PROJECT (project), NULL);
  result = nawat_assign_solve (problem);
  text = assignment_string (problem, result);
  g_assert_cmpstr (text, ==, "p1 anan jane\n");
  g_assert_cmpuint (result->weight, ==, 1);
}

static gboolean
collect_exclusions (NawatProject  *project,
                    guint          index,
                    const guint8  *exclusions,
                    gpointer       user_data,
                    GError       **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "%u %s:", index, nawat_project_get_code (project));
  for (guint e = 0; e < 4; e++)
    g_string_append_printf (out, " %u", exclusions[e]);
  g_string_append_c (out, '\n');
  return TRUE;
}

/* From a store: the conflicts declared in evaluations (read for the whole
 * call at once) and the organisations exclude, each with its reason; the
 * assignment written back changes the projects' "assigned" only.
 */
static void
test_store (void)
{
  static const char data[] =
    "[{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1, \"title\": {\"en\": \"G\"},"
    "  \"evaluators\": [\"anan\", \"jane\", \"malee\", \"somchai\"],"
    "  \"evaluator_profiles\": {\"somchai\": {\"organisation\": \"CMU\"}, \"malee\": {\"organisation\": \"GEF\"}}},"
    " {\"_id\": \"project:c1:p1\", \"type\": \"project\", \"schema\": 1, \"call\": \"c1\", \"code\": \"p1\","
    "  \"title\": {\"en\": \"P1\"}, \"province\": \"TH-50\", \"organisation\": \"cmu\", \"domains\": [\"health\"], \"budget_thb\": 5,"
    "  \"partners\": [{\"name\": \"gef\", \"sector\": \"civil-society\"}], \"assigned\": [\"jane\"]},"
    " {\"_id\": \"project:c1:p2\", \"type\": \"project\", \"schema\": 1, \"call\": \"c1\", \"code\": \"p2\","
    "  \"title\": {\"en\": \"P2\"}, \"province\": \"TH-10\", \"organisation\": \"x\", \"domains\": [\"health\"], \"assigned\": [\"jane\"]},"
    " {\"_id\": \"evaluation:c1:p1:jane\", \"type\": \"evaluation\", \"schema\": 1,"
    "  \"project\": \"project:c1:p1\", \"evaluator\": \"jane\", \"rubric\": \"rubric:default:1\","
    "  \"scores\": {}, \"comments\": {}, \"overall_comment\": \"\", \"recommendation\": null,"
    "  \"conflict_of_interest\": {\"declared\": true, \"note\": \"n\"}, \"status\": \"draft\","
    "  \"updated\": \"2026-01-01T00:00:00Z\"}]";
  g_autofree char *dir = g_dir_make_tmp ("nawat-test-assign-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(NawatStore) store = nawat_store_open (path, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatAssignProblem) problem = NULL;
  g_autoptr(GHashTable) conflicts = NULL;
  g_autoptr(GHashTable) assigned = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(NawatProject) project = NULL;
  const char *p1[] = { "anan", NULL };
  guint n = 0;

  g_assert_nonnull (store);
  if (!nawat_store_import_data (store, data, sizeof data - 1, &n, &problems, &error))
    g_error ("%s: %s", error != NULL ? error->message : "", problems != NULL && problems->len > 0 ? (char *) g_ptr_array_index (problems, 0) : "");

  conflicts = nawat_store_dup_declared_conflicts (store, "c1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (conflicts), ==, 1);
  g_assert_cmpstrv (g_hash_table_lookup (conflicts, "project:c1:p1"), ((const char *[]) { "jane", NULL }));
  g_clear_pointer (&conflicts, g_hash_table_unref);
  conflicts = nawat_store_dup_declared_conflicts (store, "other", &error);
  g_assert_cmpuint (g_hash_table_size (conflicts), ==, 0);
  g_clear_pointer (&conflicts, g_hash_table_unref);

  call = nawat_store_get_call (store, "call:c1", &error);
  g_assert_no_error (error);
  problem = nawat_assign_problem_new_for_call (call, 1, -1);
  g_assert_true (nawat_assign_problem_read_store (problem, store, call, collect_exclusions, seen,
                                                  NULL, &error));
  g_assert_no_error (error);
  /* anan, jane (conflict), malee (partner), somchai (organisation) */
  g_assert_cmpstr (seen->str, ==, "0 p1: 0 1 3 2\n1 p2: 0 0 0 0\n");

  assigned = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  g_hash_table_insert (assigned, "project:c1:p1", p1);
  g_hash_table_insert (assigned, "project:c1:p9", p1);
  g_assert_false (nawat_store_set_assigned (store, assigned, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* All or none: p1 is as it was. */
  project = nawat_store_get_project (store, "project:c1:p1", &error);
  g_assert_cmpstrv (nawat_project_get_assigned (project), ((const char *[]) { "jane", NULL }));
  g_clear_object (&project);

  g_hash_table_remove (assigned, "project:c1:p9");
  g_assert_true (nawat_store_set_assigned (store, assigned, &error));
  g_assert_no_error (error);
  project = nawat_store_get_project (store, "project:c1:p1", &error);
  g_assert_cmpstrv (nawat_project_get_assigned (project), p1);
  g_assert_cmpstr (nawat_project_get_organisation (project), ==, "cmu");
  g_assert_cmpint (nawat_project_get_budget_thb (project), ==, 5);
  g_clear_object (&project);

  /* The declared conflict's type: jane said none. */
  conflicts = nawat_store_dup_declared_conflict_types (store, "c1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (conflicts), ==, 1);
  g_assert_true (g_hash_table_contains (g_hash_table_lookup (conflicts, "project:c1:p1"), "jane"));
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (g_hash_table_lookup (conflicts, "project:c1:p1"), "jane")),
                   ==, NAWAT_CONFLICT_TYPE_NONE);
  g_clear_pointer (&conflicts, g_hash_table_unref);

  /* A recusal: refused without a type, for someone not in the call or a
   * project not stored, changing nothing; then recorded and unassigned.
   */
  g_assert_false (nawat_store_recuse (store, call, "project:c1:p2", "jane", NAWAT_CONFLICT_TYPE_NONE, NULL, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nawat_store_recuse (store, call, "project:c1:p2", "nobody", NAWAT_CONFLICT_TYPE_FINANCIAL, NULL, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nawat_store_recuse (store, call, "project:c1:p9", "jane", NAWAT_CONFLICT_TYPE_FINANCIAL, NULL, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  project = nawat_store_get_project (store, "project:c1:p2", &error);
  g_assert_cmpstrv (nawat_project_get_assigned (project), ((const char *[]) { "jane", NULL }));
  g_assert_cmpint (nawat_project_get_recusal (project, "jane"), ==, NAWAT_CONFLICT_TYPE_NONE);
  g_clear_object (&project);

  g_assert_true (nawat_store_recuse (store, call, "project:c1:p2", "jane", NAWAT_CONFLICT_TYPE_FINANCIAL,
                                     "board member", &error));
  g_assert_no_error (error);
  project = nawat_store_get_project (store, "project:c1:p2", &error);
  g_assert_cmpstrv (nawat_project_get_assigned (project), ((const char *[]) { NULL }));
  g_assert_cmpint (nawat_project_get_recusal (project, "jane"), ==, NAWAT_CONFLICT_TYPE_FINANCIAL);
  g_assert_cmpstr (nawat_project_get_province (project), ==, "TH-10");
  g_clear_object (&project);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/assign/brute-force", test_brute_force);
  g_test_add_func ("/nawat/assign/deterministic", test_deterministic);
  g_test_add_func ("/nawat/assign/infeasible", test_infeasible);
  g_test_add_func ("/nawat/assign/documents", test_documents);
  g_test_add_func ("/nawat/assign/store", test_store);

  return g_test_run ();
}
