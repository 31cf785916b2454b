/* bench-export.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The CSV export of a large call against the sqlite3 shell's own
 * ".mode csv" export of the same rows from the same database (target:
 * within 2×), and the peak memory of the CSV and of the JSON export on
 * the large store against a store of a tenth of its projects (target:
 * flat).  Each export runs in its own process, so that its peak memory is
 * its own; the two exporters alternate, and the median of the runs is
 * printed.
 *
 *   bench-export [--store FILE --call ID] [--projects N] [--small N]
 *                [--runs N] [--dir DIR]
 *
 * Without --store, a call of N generated projects (3 evaluators each) is
 * imported first.  The small store is generated, of --small projects (by
 * default a tenth of the large call's).  The store is opened read-write
 * (it may be migrated): pass a copy.
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-export.h"
#include "nawat-generator.h"
#include "nawat-rubric.h"
#include "nawat-store.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define CALL_ID "bench"

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static guint64
count_lines (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  const char *data;
  gsize length;
  guint64 n = 0;

  if (mapped == NULL)
    return 0;
  data = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  for (const char *p = data; p != NULL && p < data + length; p++)
    {
      p = memchr (p, '\n', data + length - p);
      if (p == NULL)
        break;
      n++;
    }
  return n;
}

/* Phases, each in its own process; they print one line "key value …". */

static int
phase_generate (const char *store_path,
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
      !nawat_generator_write (G_OUTPUT_STREAM (stream), CALL_ID, n_projects, 3, 42, NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    g_error ("%s", error->message);

  store = nawat_store_open (store_path, &error);
  if (store == NULL ||
      !nawat_store_import_file (store, json_path, &n, &problems, &error))
    g_error ("import failed: %s", error ? error->message : (char *) g_ptr_array_index (problems, 0));
  g_unlink (json_path);
  g_print ("generate %u\n", n);
  return 0;
}

static int
phase_nawat (const char *store_path,
             const char *call_id,
             const char *csv_path,
             gboolean    json)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  double start = now ();

  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (stream == NULL ||
      !(json ? nawat_export_portfolio_json (store, call_id, G_OUTPUT_STREAM (stream), NULL, &error)
             : nawat_export_portfolio_csv (store, call_id, G_OUTPUT_STREAM (stream), NULL, &error)) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    g_error ("%s", error->message);

  g_print ("nawat %.3f %ld\n", now () - start, peak_rss_kib ());
  return 0;
}

/* The sqlite3 shell's script: the same rows, its own CSV writer; with
 * @raw, each evaluation's document as one column instead of its fields
 * taken apart (no JSON work at all).
 */
static char *
sqlite_script (const char *call_id,
               const char *csv_path,
               gboolean    raw)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (nawat_rubric_get_default ());

  g_string_append_printf (s, ".headers on\n.mode csv\n.once '%s'\n", csv_path);
  if (raw)
    {
      g_string_append_printf (s, "SELECT p.id, p.code, p.title_th, p.title_en, p.province,"
                              " p.region, p.primary_domain, e.evaluator, e.status, e.completeness,"
                              " e.composite, e.json FROM projects AS p"
                              " JOIN evaluations AS e ON e.project = p.id"
                              " WHERE p.call = '%s' ORDER BY p.call, p.code, e.evaluator;\n",
                              call_id);
      return g_string_free (g_steal_pointer (&s), FALSE);
    }
  g_string_append (s, "SELECT p.id, p.code, p.title_th, p.title_en, p.province, p.region,"
                      " json_extract (p.json, '$.reach'), json_extract (p.json, '$.budget_thb'),"
                      " p.primary_domain,"
                      " e.evaluator, e.status, json_extract (e.json, '$.recommendation'),"
                      " json_extract (e.json, '$.confidence'),"
                      " json_extract (e.json, '$.conflict_of_interest.declared'),"
                      " e.completeness, e.composite");
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (s, ", json_extract (e.json, '$.scores.\"%s\"') AS \"%s\"",
                            keys[i], keys[i]);
  g_string_append_printf (s, " FROM projects AS p JOIN evaluations AS e ON e.project = p.id"
                          " WHERE p.call = '%s' ORDER BY p.call, p.code, e.evaluator;\n",
                          call_id);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The driver. */

static int
count_projects (const char *db,
                const char *call_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM projects WHERE call = '%s'", call_id);
  const char *argv[] = { "sqlite3", "-readonly", db, sql, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 failed: %s", error->message);
  return atoi (out);
}

/* Runs the sqlite3 shell on @script; returns the wall time. */
static double
run_sqlite (const char *db,
            const char *script_path)
{
  g_autofree char *command = NULL;
  double start = now ();
  int status;

  command = g_strdup_printf ("sqlite3 -readonly '%s' < '%s'", db, script_path);
  status = system (command);
  if (status == -1 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("sqlite3 failed (%d): is the sqlite3 shell installed?", status);
  return now () - start;
}

static double
nawat_run (const char *self,
           const char *phase,
           const char *db,
           const char *call_id,
           const char *csv,
           double     *peak_kib)
{
  g_auto(GStrv) fields = bench_run_phase (self, phase, db, call_id, csv);

  if (peak_kib != NULL)
    *peak_kib = g_ascii_strtod (fields[2], NULL);
  return g_ascii_strtod (fields[1], NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *store = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *small_db = NULL;
  g_autofree char *nawat_csv = NULL;
  g_autofree char *sqlite_csv = NULL;
  g_autofree char *script = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *raw_script = NULL;
  g_autofree char *raw_script_path = NULL;
  g_autoptr(GArray) t_raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_nawat = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_sqlite = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) env_argv = NULL;
  int n_projects = 400000;
  int n_small = 0;
  int n_big;
  int runs = 3;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store, "An existing store (a copy: it may be migrated)", "FILE" },
    { "call", 0, 0, G_OPTION_ARG_STRING, &call_id, "Its call (default: bench)", "ID" },
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_projects, "Projects to generate without --store", "N" },
    { "small", 0, 0, G_OPTION_ARG_INT, &n_small, "Projects in the small store (a tenth of the large call's)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each exporter", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to keep the stores and files", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };
  double peak_big = 0, peak_small = 0, peak_json_big = 0, peak_json_small = 0, tn, ts, tr, t_json;
  guint64 rows_nawat, rows_sqlite;
  g_autofree char *small_csv = NULL;

  /* Options from the environment when run by meson. */
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
      if (g_str_equal (phase, "generate") && argc == 4)
        return phase_generate (argv[1], argv[2], atoi (argv[3]));
      if (g_str_equal (phase, "nawat") && argc == 4)
        return phase_nawat (argv[1], argv[2], argv[3], FALSE);
      if (g_str_equal (phase, "json") && argc == 4)
        return phase_nawat (argv[1], argv[2], argv[3], TRUE);
      return 2;
    }

  if (dir == NULL)
    dir = g_dir_make_tmp ("nawat-bench-export-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  if (call_id == NULL)
    call_id = g_strdup (CALL_ID);
  runs = MAX (runs, 1);

  if (store == NULL)
    {
      g_autofree char *json = g_build_filename (dir, "big.json", NULL);
      g_autofree char *n = g_strdup_printf ("%d", n_projects);

      store = g_strdup_printf ("%s/export-%d.db", dir, n_projects);
      if (!g_file_test (store, G_FILE_TEST_EXISTS))
        {
          double start = now ();

          g_strfreev (bench_run_phase (argv[0], "generate", store, json, n));
          g_print ("generated and imported %d projects in %.1f s\n", n_projects, now () - start);
        }
      g_clear_pointer (&call_id, g_free);
      call_id = g_strdup (CALL_ID);
    }
  n_big = count_projects (store, call_id);
  if (n_small <= 0)
    n_small = MAX (n_big / 10, 1);
  small_db = g_strdup_printf ("%s/export-small-%d.db", dir, n_small);
  if (!g_file_test (small_db, G_FILE_TEST_EXISTS))
    {
      g_autofree char *json = g_build_filename (dir, "small.json", NULL);
      g_autofree char *n = g_strdup_printf ("%d", n_small);

      g_strfreev (bench_run_phase (argv[0], "generate", small_db, json, n));
    }

  nawat_csv = g_build_filename (dir, "nawat.csv", NULL);
  sqlite_csv = g_build_filename (dir, "sqlite.csv", NULL);
  small_csv = g_build_filename (dir, "small.csv", NULL);
  script_path = g_build_filename (dir, "export.sql", NULL);
  raw_script_path = g_build_filename (dir, "export-raw.sql", NULL);
  script = sqlite_script (call_id, sqlite_csv, FALSE);
  raw_script = sqlite_script (call_id, sqlite_csv, TRUE);
  if (!g_file_set_contents (script_path, script, -1, &error) ||
      !g_file_set_contents (raw_script_path, raw_script, -1, &error))
    g_error ("%s", error->message);

  g_print ("# Nawat CSV export: call “%s” of %s vs the sqlite3 shell (.mode csv), %d runs\n",
           call_id, store, runs);

  /* Once each to open (and migrate) the store and warm the page cache. */
  nawat_run (argv[0], "nawat", store, call_id, nawat_csv, NULL);
  run_sqlite (store, script_path);

  for (int i = 0; i < runs; i++)
    {
      double peak;

      tn = nawat_run (argv[0], "nawat", store, call_id, nawat_csv, &peak);
      tr = run_sqlite (store, raw_script_path);
      ts = run_sqlite (store, script_path);
      g_array_append_val (t_nawat, tn);
      g_array_append_val (t_sqlite, ts);
      g_array_append_val (t_raw, tr);
      peak_big = MAX (peak_big, peak);
    }
  nawat_run (argv[0], "nawat", small_db, CALL_ID, small_csv, &peak_small);
  {
    g_autofree char *json = g_build_filename (dir, "nawat.json", NULL);

    t_json = nawat_run (argv[0], "json", store, call_id, json, &peak_json_big);
    nawat_run (argv[0], "json", small_db, CALL_ID, json, &peak_json_small);
    g_unlink (json);
  }

  rows_nawat = count_lines (nawat_csv);
  rows_sqlite = count_lines (sqlite_csv);
  tn = median (t_nawat);
  ts = median (t_sqlite);
  g_print ("rows: nawat %" G_GUINT64_FORMAT ", sqlite3 %" G_GUINT64_FORMAT "%s\n",
           rows_nawat > 0 ? rows_nawat - 1 : 0, rows_sqlite > 0 ? rows_sqlite - 1 : 0,
           rows_nawat == rows_sqlite ? "" : " (MISMATCH)");
  tr = median (t_raw);
  g_print ("csv export: nawat %.2f s, sqlite3 shell %.2f s: ratio %.2f (target <= 2)\n",
           tn, ts, tn / ts);
  g_print ("  against the shell dumping each evaluation's document whole: %.2f s: ratio %.2f\n",
           tr, tn / tr);
  g_print ("json export: nawat %.2f s\n", t_json);
  g_print ("peak memory, %d projects vs %d: csv %.1f MiB vs %.1f MiB: ratio %.2f; "
           "json %.1f MiB vs %.1f MiB: ratio %.2f (target: flat)\n",
           n_big, n_small, peak_big / 1024, peak_small / 1024, peak_big / peak_small,
           peak_json_big / 1024, peak_json_small / 1024, peak_json_big / peak_json_small);

  g_unlink (nawat_csv);
  g_unlink (sqlite_csv);
  g_unlink (small_csv);
  g_unlink (script_path);
  g_unlink (raw_script_path);
  return 0;
}
