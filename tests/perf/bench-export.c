/* bench-export.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The portfolio exports of a large call against their floors, measured in
 * the same run on the same database: the CSV export against the sqlite3
 * shell's own ".mode csv" export of the same rows, and the JSON export
 * against the sqlite3 shell writing the same documents' stored JSON, each
 * project's with its evaluations', in the export's order (target: within
 * 2× each); wall and processor time side by side, and the peak memory of
 * each export (target: flat).  It runs at several sizes, 10,000 and
 * 100,000 projects by default, and says when a figure grows faster than
 * the data between them.  Each export runs in its own process, so that its
 * time and peak memory are its own; the exporters alternate, and the
 * median of the runs is printed.
 *
 *   bench-export [--sizes N,N,…] [--store FILE --call ID] [--runs N]
 *                [--dir DIR]
 *
 * Without --store, a call of N generated projects (3 evaluators each) is
 * imported for each size; --sizes 10000,100000,400000 adds the full scale.
 * Keep the stores between runs with --dir.  A store is opened read-write
 * (it may be migrated): pass a copy.
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-export.h"
#include "nawat-generator.h"
#include "nawat-rubric.h"
#include "nawat-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define CALL_ID "bench"


typedef struct
{
  int     n_projects;
  int     n_evaluations;
  char   *store;
  Timing  csv;
  Timing  csv_sqlite;
  Timing  csv_raw;
  Timing  json;
  Timing  json_sqlite;
  double  csv_peak_kib;
  double  json_peak_kib;
  double  csv_resident_kib;
  double  json_resident_kib;
  guint64 json_bytes;
  guint64 json_sqlite_bytes;
} Size;

static void
size_clear (gpointer data)
{
  g_free (((Size *) data)->store);
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

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (guint64) buf.st_size : 0;
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

/* Prints the wall time, processor time and peak memory of the export:
 * its own, and resident with the store's file that its readers map.
 */
static int
phase_nawat (const char *store_path,
             const char *call_id,
             const char *path,
             gboolean    json)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  double start = now ();
  double cpu_start = cpu_seconds ();
  BenchPeak peak;

  bench_peak_start (&peak);
  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (stream == NULL ||
      !(json ? nawat_export_portfolio_json (store, call_id, G_OUTPUT_STREAM (stream), NULL, &error)
             : nawat_export_portfolio_csv (store, call_id, G_OUTPUT_STREAM (stream), NULL, &error)) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    g_error ("%s", error->message);

  g_print ("nawat %.3f %.3f %ld %ld\n", now () - start, cpu_seconds () - cpu_start,
           bench_peak_stop (&peak), peak_rss_kib ());
  return 0;
}

/* The sqlite3 shell's script: the same rows, its own CSV writer; with
 * @raw, each evaluation's document as one column instead of its fields
 * taken apart (no JSON work at all).
 */
static char *
sqlite_csv_script (const char *call_id,
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

/* The JSON export's floor: the sqlite3 shell writes the stored JSON of
 * the call's documents as they are, in one pass and in the export's order,
 * a line per project: its document, then its evaluations' documents
 * joined by commas.  It writes more than the export (the projects'
 * summaries and partners too), and builds nothing.
 */
static char *
sqlite_json_script (const char *call_id,
                    const char *json_path)
{
  return g_strdup_printf (".headers off\n.mode list\n.once '%s'\n"
                          "SELECT p.json, (SELECT group_concat (e.json, ',') FROM"
                          " (SELECT json FROM evaluations WHERE project = p.id ORDER BY evaluator)"
                          " AS e) FROM projects AS p WHERE p.call = '%s'"
                          " ORDER BY p.call, p.code;\n",
                          json_path, call_id);
}

/* The driver. */

static int
sqlite_count (const char *db,
              const char *sql)
{
  g_autofree char *out = bench_sqlite_query (db, sql);

  return atoi (out);
}

static Timing
nawat_run (const char *self,
           const char *phase,
           const char *db,
           const char *call_id,
           const char *path,
           double     *peak_kib,
           double     *resident_kib)
{
  g_auto(GStrv) fields = bench_run_phase (self, phase, db, call_id, path);

  if (peak_kib != NULL)
    {
      *peak_kib = MAX (*peak_kib, g_ascii_strtod (fields[3], NULL));
      *resident_kib = MAX (*resident_kib, g_ascii_strtod (fields[4], NULL));
    }
  return (Timing) { g_ascii_strtod (fields[1], NULL), g_ascii_strtod (fields[2], NULL) };
}

static char *
write_script (const char *dir,
              const char *name,
              char       *script)
{
  g_autofree char *owned = script;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, owned, -1, &error))
    g_error ("%s", error->message);
  return path;
}

static void
print_ratio (const char   *what,
             const Timing *nawat,
             const char   *floor_name,
             const Timing *floor)
{
  g_print ("%s: nawat %.2f s (processor %.2f s), %s %.2f s (processor %.2f s): "
           "ratio %.2f (processor %.2f) (target <= 2)\n",
           what, nawat->wall, nawat->cpu, floor_name, floor->wall, floor->cpu,
           nawat->wall / floor->wall, nawat->cpu / floor->cpu);
}

/* Both exports of @size's store and their floors, @runs times each. */
static void
measure_size (const char *self,
              Size       *size,
              const char *dir,
              const char *call_id,
              int         runs)
{
  g_autofree char *nawat_csv = g_build_filename (dir, "nawat.csv", NULL);
  g_autofree char *sqlite_csv = g_build_filename (dir, "sqlite.csv", NULL);
  g_autofree char *nawat_json = g_build_filename (dir, "nawat.json", NULL);
  g_autofree char *sqlite_json = g_build_filename (dir, "sqlite.json", NULL);
  g_autofree char *csv_script = write_script (dir, "export.sql",
                                              sqlite_csv_script (call_id, sqlite_csv, FALSE));
  g_autofree char *raw_script = write_script (dir, "export-raw.sql",
                                              sqlite_csv_script (call_id, sqlite_csv, TRUE));
  g_autofree char *json_script = write_script (dir, "export-json.sql",
                                               sqlite_json_script (call_id, sqlite_json));
  g_autoptr(GArray) csv = g_array_new (FALSE, FALSE, sizeof (Timing));
  g_autoptr(GArray) csv_sqlite = g_array_new (FALSE, FALSE, sizeof (Timing));
  g_autoptr(GArray) csv_raw = g_array_new (FALSE, FALSE, sizeof (Timing));
  g_autoptr(GArray) json = g_array_new (FALSE, FALSE, sizeof (Timing));
  g_autoptr(GArray) json_sqlite = g_array_new (FALSE, FALSE, sizeof (Timing));
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM projects AS p"
                                                " JOIN evaluations AS e ON e.project = p.id"
                                                " WHERE p.call = '%s'", call_id);
  guint64 rows_nawat, rows_sqlite;

  size->n_evaluations = sqlite_count (size->store, count_sql);
  g_print ("\n## %d projects, %d evaluations (%s)\n",
           size->n_projects, size->n_evaluations, size->store);

  /* Once each to open (and migrate) the store and warm the page cache. */
  nawat_run (self, "nawat", size->store, call_id, nawat_csv, NULL, NULL);
  bench_run_sqlite ("-readonly", size->store, csv_script);
  nawat_run (self, "json", size->store, call_id, nawat_json, NULL, NULL);
  bench_run_sqlite ("-readonly", size->store, json_script);

  for (int i = 0; i < runs; i++)
    {
      Timing t;

      t = nawat_run (self, "nawat", size->store, call_id, nawat_csv, &size->csv_peak_kib,
                     &size->csv_resident_kib);
      g_array_append_val (csv, t);
      t = bench_run_sqlite ("-readonly", size->store, raw_script);
      g_array_append_val (csv_raw, t);
      t = bench_run_sqlite ("-readonly", size->store, csv_script);
      g_array_append_val (csv_sqlite, t);
      t = nawat_run (self, "json", size->store, call_id, nawat_json, &size->json_peak_kib,
                     &size->json_resident_kib);
      g_array_append_val (json, t);
      t = bench_run_sqlite ("-readonly", size->store, json_script);
      g_array_append_val (json_sqlite, t);
    }
  size->csv = bench_median_timing (csv);
  size->csv_sqlite = bench_median_timing (csv_sqlite);
  size->csv_raw = bench_median_timing (csv_raw);
  size->json = bench_median_timing (json);
  size->json_sqlite = bench_median_timing (json_sqlite);
  size->json_bytes = file_size (nawat_json);
  size->json_sqlite_bytes = file_size (sqlite_json);

  rows_nawat = count_lines (nawat_csv);
  rows_sqlite = count_lines (sqlite_csv);
  g_print ("csv rows: nawat %" G_GUINT64_FORMAT ", sqlite3 %" G_GUINT64_FORMAT "%s\n",
           rows_nawat > 0 ? rows_nawat - 1 : 0, rows_sqlite > 0 ? rows_sqlite - 1 : 0,
           rows_nawat == rows_sqlite ? "" : " (MISMATCH)");
  print_ratio ("csv export", &size->csv, "sqlite3 shell (.mode csv)", &size->csv_sqlite);
  g_print ("  against the shell dumping each evaluation's document whole: %.2f s: ratio %.2f\n",
           size->csv_raw.wall, size->csv.wall / size->csv_raw.wall);
  print_ratio ("json export", &size->json, "sqlite3 shell writing the documents",
               &size->json_sqlite);
  g_print ("  written: nawat %.1f MiB, sqlite3 shell %.1f MiB\n",
           size->json_bytes / 1048576.0, size->json_sqlite_bytes / 1048576.0);
  g_print ("peak memory of its own: csv %.1f MiB, json %.1f MiB"
           " (resident with the store's file mapped: csv %.1f MiB, json %.1f MiB)\n",
           size->csv_peak_kib / 1024, size->json_peak_kib / 1024,
           size->csv_resident_kib / 1024, size->json_resident_kib / 1024);

  g_unlink (nawat_csv);
  g_unlink (sqlite_csv);
  g_unlink (nawat_json);
  g_unlink (sqlite_json);
  g_unlink (csv_script);
  g_unlink (raw_script);
  g_unlink (json_script);
}

static void
print_peak_growth (const char *what,
                   double      small,
                   double      big)
{
  g_print ("  peak memory, %s: %.1f MiB vs %.1f MiB: ratio %.2f (target: flat)%s\n",
           what, big / 1024, small / 1024, big / small,
           big / small > GROWTH_LIMIT ? ": GROWS WITH THE DATA" : "");
}

static void
print_sizes (GArray *sizes)
{
  const Size *from = &g_array_index (sizes, Size, 0);

  for (guint i = 1; i < sizes->len; i++)
    {
      const Size *to = &g_array_index (sizes, Size, i);

      g_print ("\n# from %d to %d projects (x%.1f the data)\n", from->n_projects, to->n_projects,
               (double) to->n_projects / from->n_projects);
      bench_print_growth ("json export, wall", from->json.wall, to->json.wall,
                          from->n_projects, to->n_projects, "project");
      bench_print_growth ("json export, processor", from->json.cpu, to->json.cpu,
                          from->n_projects, to->n_projects, "project");
      bench_print_growth ("its floor, wall", from->json_sqlite.wall, to->json_sqlite.wall,
                          from->n_projects, to->n_projects, "project");
      bench_print_growth ("csv export, wall", from->csv.wall, to->csv.wall,
                          from->n_projects, to->n_projects, "project");
      bench_print_growth ("csv export, processor", from->csv.cpu, to->csv.cpu,
                          from->n_projects, to->n_projects, "project");
      bench_print_growth ("its floor, wall", from->csv_sqlite.wall, to->csv_sqlite.wall,
                          from->n_projects, to->n_projects, "project");
      print_peak_growth ("json", from->json_peak_kib, to->json_peak_kib);
      print_peak_growth ("csv", from->csv_peak_kib, to->csv_peak_kib);
    }
}

/* The stores to measure: @store, or one generated for each of @sizes. */
static GArray *
prepare_sizes (const char *self,
               const char *store,
               const char *call_id,
               const char *sizes_list,
               const char *dir)
{
  GArray *sizes = g_array_new (FALSE, TRUE, sizeof (Size));
  g_auto(GStrv) list = g_strsplit (sizes_list, ",", -1);

  g_array_set_clear_func (sizes, size_clear);
  if (store != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM projects WHERE call = '%s'",
                                              call_id);
      Size size = { sqlite_count (store, sql), 0, g_strdup (store) };

      g_array_append_val (sizes, size);
      return sizes;
    }

  for (guint i = 0; list[i] != NULL; i++)
    {
      Size size = { atoi (list[i]), 0, NULL };
      g_autofree char *json = g_build_filename (dir, "generated.json", NULL);
      g_autofree char *n = g_strdup_printf ("%d", size.n_projects);

      if (size.n_projects <= 0)
        g_error ("--sizes: “%s” is not a number of projects", list[i]);
      size.store = g_strdup_printf ("%s/export-%d.db", dir, size.n_projects);
      if (!g_file_test (size.store, G_FILE_TEST_EXISTS))
        {
          double start = now ();

          g_strfreev (bench_run_phase (self, "generate", size.store, json, n));
          g_print ("# generated and imported %d projects in %.1f s\n", size.n_projects,
                   now () - start);
        }
      g_array_append_val (sizes, size);
    }
  return sizes;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *store = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *sizes_list = NULL;
  g_auto(GStrv) env_argv = NULL;
  int runs = 3;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_list,
      "Projects of each generated call (default: 10000,100000)", "N,N,…" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store, "An existing store (a copy: it may be migrated)", "FILE" },
    { "call", 0, 0, G_OPTION_ARG_STRING, &call_id, "Its call (default: bench)", "ID" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each exporter", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to keep the stores and files", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };

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
  else if (g_mkdir_with_parents (dir, 0700) != 0)
    g_error ("%s: %s", dir, g_strerror (errno));
  if (dir == NULL)
    g_error ("%s", error->message);
  if (call_id == NULL || store == NULL)
    {
      g_free (call_id);
      call_id = g_strdup (CALL_ID);
    }
  runs = MAX (runs, 1);

  g_print ("# Nawat portfolio exports vs the sqlite3 shell on the same database, %d runs each\n",
           runs);
  bench_print_load ("at the start");
  sizes = prepare_sizes (argv[0], store, call_id, sizes_list != NULL ? sizes_list : "10000,100000",
                         dir);
  for (guint i = 0; i < sizes->len; i++)
    measure_size (argv[0], &g_array_index (sizes, Size, i), dir, call_id, runs);
  print_sizes (sizes);
  bench_print_load ("at the end");
  return 0;
}
