/* bench-store.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Benchmarks of the store at the scale of the Thailand Innovation Portal:
 * import, opening with the first page shown, search and autosave, measured
 * side by side in one run and printed as figures and ratios.  Each phase
 * runs in its own process so that its peak memory is its own.
 *
 *   bench-store [--projects N] [--small N] [--dir DIR]
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-codec.h"
#include "nawat-generator.h"
#include "nawat-project-list.h"
#include "nawat-scoring.h"
#include "nawat-store.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#define CALL_ID "bench"

/* Thai and English queries of the kinds evaluators type: words, parts of
 * words, a province, an organisation kind, and short ones that trigrams
 * cannot match.
 */
static const char * const queries[] = {
  "อนุรักษ์",
  "น้ำท่วม",
  "ผู้สูงอายุ",
  "วิสาหกิจชุมชน",
  "เกษตรอินทรีย์",
  "ท่องเที่ยว",
  "เชียงใหม่",
  "มหาวิทยาลัย",
  "community",
  "flood",
  "elderly",
  "tourism",
  "water",
  "solar",
  "น้ำ",
  "ai",
};

static void
wait_loaded (NawatProjectList *list)
{
  while (nawat_project_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* Phases, each in its own process; they print one line "key value …". */

static int
phase_generate (const char *path,
                guint       n_projects)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (stream == NULL ||
      !nawat_generator_write (G_OUTPUT_STREAM (stream), CALL_ID, n_projects, 3, 42, NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    g_error ("%s", error->message);

  return 0;
}

static int
phase_import (const char *store_path,
              const char *data_path)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint n = 0;
  double start;

  /* The file is read in bounded pieces, so memory does not grow with it. */
  start = now ();
  store = nawat_store_open (store_path, &error);
  if (store == NULL ||
      !nawat_store_import_file (store, data_path, &n, &problems, &error))
    g_error ("import failed: %s", error ? error->message : (char *) g_ptr_array_index (problems, 0));
  g_clear_object (&store);

  if (g_stat (store_path, &st) != 0)
    st.st_size = 0;
  g_print ("import %.3f %ld %u %.0f\n", now () - start, peak_rss_kib (), n,
           (double) st.st_size / (1024 * 1024));
  return 0;
}

static int
phase_open (const char *store_path)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProjectList) list = NULL;
  g_autoptr(NawatProjectRow) row = NULL;
  g_autoptr(GError) error = NULL;
  double start = now ();

  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  list = nawat_project_list_new (store, CALL_ID, "evaluator-01");
  wait_loaded (list);

  /* The first page is shown: its rows are read and filled. */
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  wait_loaded (list);
  for (guint i = 0; i < 30 && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(NawatProjectRow) r = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (nawat_project_row_get_loading (r))
        wait_loaded (list);
    }
  if (nawat_project_row_get_loading (row))
    g_error ("the first row is still loading");

  g_print ("open %.4f %ld %u\n", now () - start, peak_rss_kib (),
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  return 0;
}

static int
phase_search (const char *store_path)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProjectList) list = NULL;
  g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_listed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  list = nawat_project_list_new (store, CALL_ID, "evaluator-01");
  wait_loaded (list);

  for (guint round = 0; round < 5; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_auto(GStrv) ids = NULL;
        g_autoptr(NawatProjectRow) row = NULL;
        double start = now ();
        double cpu_start;
        double t;

        /* What nawat-cli search does: the best 50 ids. */
        ids = nawat_store_search (store, queries[q], 50, &error);
        if (ids == NULL)
          g_error ("%s", error->message);
        t = (now () - start) * 1000;
        g_array_append_val (direct, t);

        /* What a keystroke costs in the window: the new count and first page. */
        start = now ();
        cpu_start = cpu_seconds ();
        nawat_project_list_set_search (list, queries[q]);
        wait_loaded (list);
        if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
          {
            row = g_list_model_get_item (G_LIST_MODEL (list), 0);
            wait_loaded (list);
          }
        t = (now () - start) * 1000;

        /* The first query of a word reads its pages from the disk; the
         * others find them in memory, as a user's next keystrokes do.
         */
        g_array_append_val (round == 0 ? first : listed, t);
        t = (cpu_seconds () - cpu_start) * 1000;
        g_array_append_val (round == 0 ? cpu_first : cpu_listed, t);

        if (round == 0)
          g_printerr ("  %-16s %6u matches  %7.2f ms, processor %7.2f ms; best 50 ids %7.2f ms\n",
                      queries[q], g_list_model_get_n_items (G_LIST_MODEL (list)),
                      g_array_index (first, double, first->len - 1), t,
                      g_array_index (direct, double, direct->len - 1));
      }

  g_print ("search %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f\n",
           percentile (direct, 0.5), percentile (direct, 0.95),
           percentile (listed, 0.5), percentile (listed, 0.95),
           percentile (listed, 1.0), percentile (first, 0.5), percentile (first, 0.95),
           percentile (cpu_listed, 0.5), percentile (cpu_listed, 0.95),
           percentile (cpu_first, 0.5), percentile (cpu_first, 0.95));
  return 0;
}

static int
phase_autosave (const char *store_path)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  evaluation = nawat_evaluation_new ("project:" CALL_ID ":p000777", "bench-evaluator",
                                     NAWAT_DEFAULT_RUBRIC_ID);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *comment = g_strdup_printf ("บันทึกครั้งที่ %u", i);
      double start;
      double t;

      nawat_evaluation_set_score (evaluation, "merit.innovation", 1 + i % 5);
      nawat_evaluation_set_overall_comment (evaluation, comment);
      nawat_evaluation_touch (evaluation);

      start = now ();
      if (!nawat_store_save_evaluation (store, evaluation, &error))
        g_error ("%s", error->message);
      t = (now () - start) * 1000;
      g_array_append_val (samples, t);
    }

  g_print ("autosave %.3f %.3f %.3f\n", percentile (samples, 0.5),
           percentile (samples, 0.95), percentile (samples, 1.0));
  return 0;
}

/* The driver. */

static double
median_of (const char *self,
           const char *phase,
           const char *store,
           guint       field,
           guint       runs)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      g_auto(GStrv) fields = bench_run_phase (self, phase, store, NULL, NULL);
      double v = g_ascii_strtod (fields[field], NULL);

      g_array_append_val (values, v);
    }

  return percentile (values, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *big_json = NULL;
  g_autofree char *small_json = NULL;
  g_autofree char *big_db = NULL;
  g_autofree char *small_db = NULL;
  int n_projects = 400000;
  int n_small = 100;
  GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_projects, "Projects in the large store", "N" },
    { "small", 0, 0, G_OPTION_ARG_INT, &n_small, "Projects in the small store", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to keep the stores", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };
  double t_open_big, t_open_small, m_open_big, m_open_small;
  g_auto(GStrv) import_big = NULL;
  g_auto(GStrv) search = NULL;
  g_auto(GStrv) autosave = NULL;

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (phase != NULL)
    {
      if (g_str_equal (phase, "generate") && argc == 3)
        return phase_generate (argv[1], atoi (argv[2]));
      if (g_str_equal (phase, "import") && argc == 3)
        return phase_import (argv[1], argv[2]);
      if (g_str_equal (phase, "open") && argc == 2)
        return phase_open (argv[1]);
      if (g_str_equal (phase, "search") && argc == 2)
        return phase_search (argv[1]);
      if (g_str_equal (phase, "autosave") && argc == 2)
        return phase_autosave (argv[1]);
      return 2;
    }

  if (dir == NULL)
    dir = g_dir_make_tmp ("nawat-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  big_json = g_build_filename (dir, "big.json", NULL);
  small_json = g_build_filename (dir, "small.json", NULL);
  big_db = g_strdup_printf ("%s/big-%d.db", dir, n_projects);
  small_db = g_strdup_printf ("%s/small-%d.db", dir, n_small);

  g_print ("# Nawat store benchmarks: %d projects vs %d, in %s\n", n_projects, n_small, dir);

  if (!g_file_test (big_db, G_FILE_TEST_EXISTS))
    {
      g_autofree char *n_big_s = g_strdup_printf ("%d", n_projects);
      g_autofree char *n_small_s = g_strdup_printf ("%d", n_small);
      g_auto(GStrv) import_small = NULL;
      double start = now ();

      g_strfreev (bench_run_phase (argv[0], "generate", big_json, n_big_s, NULL));
      g_print ("generate: %d projects in %.1f s\n", n_projects, now () - start);
      g_strfreev (bench_run_phase (argv[0], "generate", small_json, n_small_s, NULL));

      import_big = bench_run_phase (argv[0], "import", big_db, big_json, NULL);
      import_small = bench_run_phase (argv[0], "import", small_db, small_json, NULL);
      g_print ("import: %s documents in %s s, peak memory %.0f MiB\n",
               import_big[3], import_big[1], g_ascii_strtod (import_big[2], NULL) / 1024);
      g_print ("import: store size %s MiB\n", import_big[4]);
      g_print ("import: %.0f documents/s\n",
               g_ascii_strtod (import_big[3], NULL) / g_ascii_strtod (import_big[1], NULL));
      g_unlink (big_json);
      g_unlink (small_json);
    }

  /* Alternate the two stores so that both see the same machine state. */
  t_open_big = median_of (argv[0], "open", big_db, 1, 5);
  t_open_small = median_of (argv[0], "open", small_db, 1, 5);
  m_open_big = median_of (argv[0], "open", big_db, 2, 3);
  m_open_small = median_of (argv[0], "open", small_db, 2, 3);

  g_print ("open + first page: %.1f ms (%d) vs %.1f ms (%d): ratio %.2f (target <= 1.2)\n",
           t_open_big * 1000, n_projects, t_open_small * 1000, n_small,
           t_open_big / t_open_small);
  g_print ("open + first page peak memory: %.1f MiB vs %.1f MiB: ratio %.2f (target <= 1.2)\n",
           m_open_big / 1024, m_open_small / 1024, m_open_big / m_open_small);

  search = bench_run_phase (argv[0], "search", big_db, NULL, NULL);
  g_print ("search (%zu queries x 5) on %d projects; a search lists at most 1,000 matches:\n",
           G_N_ELEMENTS (queries), n_projects);
  g_print ("  best 50 ids (nawat-cli search): p50 %s ms, p95 %s ms\n", search[1], search[2]);
  g_print ("  window list (count + first page), repeated: p50 %s ms, p95 %s ms, max %s ms"
           " (target p95 < 20)\n", search[3], search[4], search[5]);
  g_print ("  window list, first query of each word since the store was opened: p50 %s ms, p95 %s ms\n",
           search[6], search[7]);
  g_print ("  window list, processor time: repeated p50 %s ms, p95 %s ms;"
           " first query p50 %s ms, p95 %s ms\n", search[8], search[9], search[10], search[11]);

  autosave = bench_run_phase (argv[0], "autosave", big_db, NULL, NULL);
  g_print ("autosave on %d projects: p50 %s ms, p95 %s ms, max %s ms (target < 5)\n",
           n_projects, autosave[1], autosave[2], autosave[3]);

  return 0;
}
