/* bench-assign.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Automatic assignment of a generated call: K evaluators for each of 10,000
 * and 100,000 projects, from 30 and from 300 evaluators.  For each size it
 * prints, each in a process of its own so that its peak memory is its own:
 * the reading of the call's projects and conflicts (one query for the
 * call's conflicts) beside the reading as it was (one query per project),
 * the solver, and the peak memory; wall time beside processor time, and
 * the load average, as the machine is shared.
 *
 *   bench-assign [--projects N,N…] [--evaluators N,N…] [--per-project K]
 *                [--dir DIR]
 *
 * The stores are kept in DIR (a temporary folder by default) and reused.
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-assign.h"
#include "nawat-domains.h"
#include "nawat-generator.h"
#include "nawat-store.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#define CALL_ID "bench"
/* The generated call names this many evaluators; a run takes the first N. */
#define MAX_EVALUATORS 300

/* Generates and imports @n_projects, 3 of the 300 evaluators assigned to
 * each with their evaluations (some declaring a conflict).
 */
static int
phase_setup (const char *store_path,
             const char *json_path,
             guint       n_projects)
{
  g_autoptr(GFile) file = g_file_new_for_path (json_path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (stream == NULL ||
      !nawat_generator_write (G_OUTPUT_STREAM (stream), CALL_ID, n_projects, MAX_EVALUATORS, 42,
                              NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    g_error ("%s", error->message);
  store = nawat_store_open (store_path, &error);
  if (store == NULL ||
      !nawat_store_import_file (store, json_path, &n, &problems, &error))
    g_error ("import failed: %s", error != NULL ? error->message :
             (const char *) g_ptr_array_index (problems, 0));
  g_unlink (json_path);
  return 0;
}

/* The call with its first @n_evaluators evaluators, two domains of
 * expertise each.
 */
static NawatCall *
load_call (NawatStore *store,
           guint       n_evaluators)
{
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  const char * const *all;

  call = nawat_store_get_call (store, "call:" CALL_ID, &error);
  if (call == NULL)
    g_error ("%s", error->message);
  all = nawat_call_get_evaluators (call);
  for (guint i = 0; i < n_evaluators && all[i] != NULL; i++)
    {
      g_autoptr(NawatEvaluatorProfile) profile = nawat_evaluator_profile_new ();
      const char *domains[] = { nawat_domains ()[i % NAWAT_N_DOMAINS].key,
                                nawat_domains ()[(i * 4 + 1) % NAWAT_N_DOMAINS].key, NULL };

      g_strfreev (profile->domains);
      profile->domains = g_strdupv ((char **) domains);
      nawat_call_set_profile (call, all[i], profile);
      g_strv_builder_add (builder, all[i]);
    }
  names = g_strv_builder_end (builder);
  nawat_call_set_evaluators (call, (const char * const *) names);
  return g_steal_pointer (&call);
}

/* The reading as it was: the evaluations of each project, one query each. */
static void
read_per_project (NawatStore         *store,
                  NawatCall          *call,
                  NawatAssignProblem *problem)
{
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) page = nawat_store_list_projects_page (store, CALL_ID, after, 1000, &error);

      if (page == NULL)
        g_error ("%s", error->message);
      for (guint i = 0; i < page->len; i++)
        {
          NawatProject *project = g_ptr_array_index (page, i);
          g_autoptr(GPtrArray) evaluations =
            nawat_store_list_evaluations (store, nawat_document_get_id (NAWAT_DOCUMENT (project)), &error);
          g_autoptr(GStrvBuilder) conflicted = g_strv_builder_new ();
          g_auto(GStrv) names = NULL;

          if (evaluations == NULL)
            g_error ("%s", error->message);
          for (guint j = 0; j < evaluations->len; j++)
            if (nawat_evaluation_get_conflict_declared (g_ptr_array_index (evaluations, j)))
              g_strv_builder_add (conflicted,
                                  nawat_evaluation_get_evaluator (g_ptr_array_index (evaluations, j)));
          names = g_strv_builder_end (conflicted);
          nawat_assign_problem_add_document (problem, call, project, (const char * const *) names);
        }
      if (page->len < 1000)
        break;
      g_free (after);
      after = g_strdup (nawat_project_get_code (g_ptr_array_index (page, page->len - 1)));
    }
}

/* Prints "assign <read wall> <read cpu> <old read wall> <old read cpu>
 * <solve wall> <solve cpu> <peak KiB> <short> <match rate> <min load>
 * <max load> <problems>".
 */
static int
phase_assign (const char *store_path,
              guint       n_evaluators,
              guint       per_project)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatAssignProblem) problem = NULL;
  g_autoptr(NawatAssignProblem) old_problem = NULL;
  g_autoptr(NawatAssignResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double t0, c0, read_wall, read_cpu, old_wall, old_cpu, solve_wall, solve_cpu;
  guint min_load = G_MAXUINT, max_load = 0;

  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  call = load_call (store, n_evaluators);

  /* The reading as it was first, so that the page cache is as warm for
   * the reading measured after it.
   */
  old_problem = nawat_assign_problem_new_for_call (call, per_project, -1);
  t0 = now ();
  c0 = cpu_seconds ();
  read_per_project (store, call, old_problem);
  old_wall = now () - t0;
  old_cpu = cpu_seconds () - c0;
  g_clear_pointer (&old_problem, nawat_assign_problem_free);

  problem = nawat_assign_problem_new_for_call (call, per_project, -1);
  t0 = now ();
  c0 = cpu_seconds ();
  if (!nawat_assign_problem_read_store (problem, store, call, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  read_wall = now () - t0;
  read_cpu = cpu_seconds () - c0;

  t0 = now ();
  c0 = cpu_seconds ();
  result = nawat_assign_solve (problem);
  solve_wall = now () - t0;
  solve_cpu = cpu_seconds () - c0;

  for (guint e = 0; e < result->n_evaluators; e++)
    {
      min_load = MIN (min_load, result->load[e]);
      max_load = MAX (max_load, result->load[e]);
    }
  g_print ("assign %.3f %.3f %.3f %.3f %.3f %.3f %ld %u %.3f %u %u %u\n",
           read_wall, read_cpu, old_wall, old_cpu, solve_wall, solve_cpu, peak_rss_kib (),
           result->n_short, result->pairs > 0 ? (double) result->matched_pairs / result->pairs : 0,
           min_load, max_load, result->problems->len);
  return 0;
}

static double
field (char **fields,
       guint  i)
{
  return g_ascii_strtod (fields[i], NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *projects_arg = NULL;
  g_autofree char *evaluators_arg = NULL;
  g_auto(GStrv) env_argv = NULL;
  g_auto(GStrv) sizes = NULL;
  g_auto(GStrv) panels = NULL;
  int per_project = 3;
  GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_STRING, &projects_arg, "Projects per call (default 10000,100000)", "N,N" },
    { "evaluators", 0, 0, G_OPTION_ARG_STRING, &evaluators_arg, "Evaluators (default 30,300; at most 300)", "N,N" },
    { "per-project", 0, 0, G_OPTION_ARG_INT, &per_project, "Evaluators per project (default 3)", "K" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to keep the stores", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };

  env_argv = bench_args_from_env (&argc, &argv);

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (phase != NULL)
    {
      if (g_str_equal (phase, "setup") && argc == 4)
        return phase_setup (argv[1], argv[2], atoi (argv[3]));
      if (g_str_equal (phase, "assign") && argc == 4)
        return phase_assign (argv[1], atoi (argv[2]), atoi (argv[3]));
      return 2;
    }

  if (dir == NULL)
    dir = g_dir_make_tmp ("nawat-bench-assign-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  sizes = g_strsplit (projects_arg != NULL ? projects_arg : "10000,100000", ",", -1);
  panels = g_strsplit (evaluators_arg != NULL ? evaluators_arg : "30,300", ",", -1);

  g_print ("# Automatic assignment, K = %d: reading with one query for the call's conflicts "
           "vs one query per project, then the minimum-cost flow\n", per_project);
  bench_print_load ("at start");

  for (guint s = 0; sizes[s] != NULL; s++)
    {
      g_autofree char *store = g_strdup_printf ("%s/assign-%s.db", dir, sizes[s]);
      g_autofree char *k = g_strdup_printf ("%d", per_project);

      if (!g_file_test (store, G_FILE_TEST_EXISTS))
        {
          g_autofree char *json = g_build_filename (dir, "call.json", NULL);
          double start = now ();

          g_strfreev (bench_run_phase (argv[0], "setup", store, json, sizes[s]));
          g_print ("generated and imported %s projects in %.1f s\n", sizes[s], now () - start);
        }

      for (guint e = 0; panels[e] != NULL; e++)
        {
          g_auto(GStrv) f = bench_run_phase (argv[0], "assign", store, panels[e], k);

          g_print ("%s projects, %s evaluators:\n", sizes[s], panels[e]);
          g_print ("  read: %.2f s (cpu %.2f s); one query per project: %.2f s (cpu %.2f s): "
                   "ratio %.2f (cpu %.2f)\n",
                   field (f, 1), field (f, 2), field (f, 3), field (f, 4),
                   field (f, 3) / field (f, 1), field (f, 4) / field (f, 2));
          g_print ("  solve: %.2f s (cpu %.2f s); peak memory %.1f MiB\n",
                   field (f, 5), field (f, 6), field (f, 7) / 1024);
          g_print ("  loads %s to %s, %s short of K, expertise match %.1f%%, %s problems\n",
                   f[10], f[11], f[8], 100 * field (f, 9), f[12]);
          bench_print_load ("now");
        }
    }

  return 0;
}
