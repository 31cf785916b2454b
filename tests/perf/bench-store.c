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
 * The import is measured against its floor in the same run: the sqlite3
 * shell loading the same generated file, with json_each(), into an empty
 * store made by Nawat (the same schema) and building the same search
 * indexes at the end (target: within 1.5×), wall and processor time side
 * by side, at several sizes (10,000 and 100,000 projects by default), with
 * a warning when a figure grows faster than the data between them.
 *
 *   bench-store [--projects N] [--small N] [--dir DIR]
 *               [--import-sizes N,N,…] [--runs N] [--only import|store]
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-codec.h"
#include "nawat-generator.h"
#include "nawat-project-list.h"
#include "nawat-scoring.h"
#include "nawat-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define CALL_ID "bench"


typedef struct
{
  int     n_projects;
  guint   n_documents;
  Timing  nawat;
  Timing  floor;
  double  peak_kib;
} ImportSize;

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
  double cpu_start = cpu_seconds ();

  /* The file is read in bounded pieces, so memory does not grow with it. */
  start = now ();
  store = nawat_store_open (store_path, &error);
  if (store == NULL ||
      !nawat_store_import_file (store, data_path, &n, &problems, &error))
    g_error ("import failed: %s", error ? error->message : (char *) g_ptr_array_index (problems, 0));
  g_clear_object (&store);

  if (g_stat (store_path, &st) != 0)
    st.st_size = 0;
  g_print ("import %.3f %ld %u %.0f %.3f\n", now () - start, peak_rss_kib (), n,
           (double) st.st_size / (1024 * 1024), cpu_seconds () - cpu_start);
  return 0;
}

/* An empty store, made by Nawat: the schema the floor loads into. */
static int
phase_empty (const char *store_path)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  g_print ("empty\n");
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

/* The import's floor */

/* The sqlite3 shell's script: the documents of @json_path, read with
 * json_each(), into the tables and indexes of an empty store, and the two
 * search indexes built at the end, as Nawat does into an empty store.  It
 * writes the same rows, with the store's own functions for the sort keys,
 * the regions, the casefolded texts and the short words' grams; it
 * validates nothing and leaves the evaluations' composite and
 * completeness unscored, so it does less than the import: a floor.
 */
static char *
floor_script (const char *json_path)
{
  return g_strdup_printf (
    ".bail on\n"
    ".load '%s'\n"
    /* The page cache Nawat's import runs with (STORE_IMPORT_CACHE_KIB). */
    "PRAGMA cache_size = -262144;\n"
    "PRAGMA temp_store = MEMORY;\n"
    "BEGIN IMMEDIATE;\n"
    "CREATE TEMP TABLE doc (type TEXT, j TEXT);\n"
    "INSERT INTO doc SELECT value ->> 'type', value FROM json_each (readfile ('%s'), '$.docs');\n"
    "INSERT INTO calls (id, year_be, json) SELECT j ->> '_id', j ->> 'year_be', j"
    " FROM doc WHERE type = 'call';\n"
    "INSERT INTO rubrics (id, json) SELECT j ->> '_id', j FROM doc WHERE type = 'rubric';\n"
    "INSERT INTO projects (id, call, code, title_th, title_en, sort_th, sort_en, organisation,"
    " province, region, primary_domain, domain_mask, json, reach)"
    " SELECT j ->> '_id', j ->> 'call', j ->> 'code', j ->> '$.title.th', j ->> '$.title.en',"
    " nawat_sort_key (coalesce (j ->> '$.title.th', j ->> '$.title.en')),"
    " nawat_sort_key (coalesce (j ->> '$.title.en', j ->> '$.title.th')),"
    " j ->> 'organisation', j ->> 'province', nawat_region (j ->> 'province'),"
    " j ->> '$.domains[0]',"
    " (SELECT coalesce (sum (nawat_domain_bit (value)), 0) FROM json_each (j, '$.domains')),"
    " j, j ->> 'reach' FROM doc WHERE type = 'project';\n"
    "INSERT INTO project_list (pk, id, call, code, title_th, title_en, sort_th, sort_en,"
    " organisation, province, region, primary_domain, domain_mask, reach)"
    " SELECT pk, id, call, code, title_th, title_en, sort_th, sort_en, organisation, province,"
    " region, primary_domain, domain_mask, reach FROM projects;\n"
    "INSERT INTO project_partners (pk, names) SELECT p.pk, (SELECT group_concat (value ->> 'name',"
    " char (10)) FROM json_each (p.json, '$.partners')) FROM projects AS p;\n"
    "INSERT INTO project_text (pk, text) SELECT p.pk, nawat_casefold (coalesce (p.title_th, '')"
    " || char (10) || coalesce (p.title_en, '') || char (10) || coalesce (p.organisation, '')"
    " || char (10) || coalesce (n.names, '')) FROM projects AS p"
    " JOIN project_partners AS n ON n.pk = p.pk;\n"
    "INSERT OR IGNORE INTO project_assigned (call, evaluator, code, pk)"
    " SELECT p.call, a.value, p.code, p.pk FROM projects AS p,"
    " json_each (p.json, '$.assigned') AS a;\n"
    "INSERT INTO evaluations (id, project, evaluator, status, composite, completeness, conflict,"
    " json, rev, updated, dirty, base_json, seq)"
    " SELECT j ->> '_id', j ->> 'project', j ->> 'evaluator', j ->> 'status', NULL, 0,"
    " coalesce (j ->> '$.conflict_of_interest.declared', 0), j, j ->> '_rev', j ->> 'updated',"
    " 0, NULL, row_number () OVER () FROM doc WHERE type = 'evaluation';\n"
    "INSERT INTO project_fts (project_fts, rank) VALUES ('automerge', 0);\n"
    "INSERT INTO project_fts (project_fts, rank) VALUES ('crisismerge', 1000000);\n"
    "INSERT INTO project_grams (project_grams, rank) VALUES ('automerge', 0);\n"
    "INSERT INTO project_grams (project_grams, rank) VALUES ('crisismerge', 1000000);\n"
    "INSERT INTO project_fts (project_fts) VALUES ('rebuild');\n"
    "INSERT INTO project_grams (rowid, grams) SELECT pk, nawat_grams (text) FROM project_text;\n"
    "INSERT INTO project_fts (project_fts) VALUES ('optimize');\n"
    "INSERT INTO project_grams (project_grams) VALUES ('optimize');\n"
    "INSERT INTO project_fts (project_fts, rank) VALUES ('automerge', 4);\n"
    "INSERT INTO project_fts (project_fts, rank) VALUES ('crisismerge', 16);\n"
    "INSERT INTO project_grams (project_grams, rank) VALUES ('automerge', 4);\n"
    "INSERT INTO project_grams (project_grams, rank) VALUES ('crisismerge', 16);\n"
    "COMMIT;\n",
    BENCH_SQLITE_FUNCTIONS, json_path);
}

/* What a search finds in the store @db, for comparing two stores: the
 * rows of the documents, the index's matches of a Thai and an English
 * word, and the entries of the short words' index.
 */
static char *
store_summary (const char *db)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM projects),"
    " (SELECT count(*) FROM evaluations), (SELECT count(*) FROM project_assigned),"
    " (SELECT group_concat (rowid) FROM (SELECT rowid FROM project_fts"
    "  WHERE project_fts MATCH 'อนุรักษ์' ORDER BY rowid LIMIT 20)),"
    " (SELECT count(*) FROM project_fts WHERE project_fts MATCH 'community'),"
    " (SELECT count(*) FROM project_grams)";

  return bench_sqlite_query (db, sql);
}

static void
remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *blobs = g_strconcat (path, ".blobs", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (blobs);
}

/* Imports @size's generated file with Nawat and with the floor, @runs
 * times each, alternating, into fresh stores; prints the medians.
 */
static void
measure_import (const char *self,
                ImportSize *size,
                const char *dir,
                int         runs,
                gboolean    keep)
{
  g_autofree char *json = g_strdup_printf ("%s/import-%d.json", dir, size->n_projects);
  g_autofree char *empty = g_build_filename (dir, "import-empty.db", NULL);
  g_autofree char *nawat_db = g_build_filename (dir, "import-nawat.db", NULL);
  g_autofree char *floor_db = g_build_filename (dir, "import-floor.db", NULL);
  g_autofree char *script = g_build_filename (dir, "import-floor.sql", NULL);
  g_autofree char *sql = floor_script (json);
  g_autofree char *empty_data = NULL;
  g_autofree char *nawat_summary = NULL;
  g_autofree char *floor_summary = NULL;
  g_autoptr(GArray) nawat = g_array_new (FALSE, FALSE, sizeof (Timing));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (Timing));
  g_autoptr(GError) error = NULL;
  gsize empty_length;

  if (!g_file_test (json, G_FILE_TEST_EXISTS))
    {
      g_autofree char *n = g_strdup_printf ("%d", size->n_projects);
      double start = now ();

      g_strfreev (bench_run_phase (self, "generate", json, n, NULL));
      g_print ("# generated %d projects in %.1f s\n", size->n_projects, now () - start);
    }

  remove_store (empty);
  g_strfreev (bench_run_phase (self, "empty", empty, NULL, NULL));
  if (!g_file_get_contents (empty, &empty_data, &empty_length, &error) ||
      !g_file_set_contents (script, sql, -1, &error))
    g_error ("%s", error->message);

  for (int i = 0; i < runs; i++)
    {
      g_auto(GStrv) fields = NULL;
      Timing t;

      remove_store (floor_db);
      if (!g_file_set_contents (floor_db, empty_data, empty_length, &error))
        g_error ("%s", error->message);
      t = bench_run_sqlite ("", floor_db, script);
      g_array_append_val (floor, t);

      remove_store (nawat_db);
      fields = bench_run_phase (self, "import", nawat_db, json, NULL);
      t = (Timing) { g_ascii_strtod (fields[1], NULL), g_ascii_strtod (fields[5], NULL) };
      g_array_append_val (nawat, t);
      size->peak_kib = MAX (size->peak_kib, g_ascii_strtod (fields[2], NULL));
      size->n_documents = atoi (fields[3]);
    }
  size->nawat = bench_median_timing (nawat);
  size->floor = bench_median_timing (floor);

  nawat_summary = store_summary (nawat_db);
  floor_summary = store_summary (floor_db);

  g_print ("\n## import of %d projects, %u documents, %d run%s each\n", size->n_projects,
           size->n_documents, runs, runs == 1 ? "" : "s");
  g_print ("import: nawat %.2f s (processor %.2f s), sqlite3 shell floor %.2f s (processor %.2f s):"
           " ratio %.2f (processor %.2f) (target <= 1.5)\n",
           size->nawat.wall, size->nawat.cpu, size->floor.wall, size->floor.cpu,
           size->nawat.wall / size->floor.wall, size->nawat.cpu / size->floor.cpu);
  g_print ("  nawat %.0f documents/s (processor %.0f), floor %.0f documents/s (processor %.0f);"
           " peak memory %.1f MiB\n",
           size->n_documents / size->nawat.wall, size->n_documents / size->nawat.cpu,
           size->n_documents / size->floor.wall, size->n_documents / size->floor.cpu,
           size->peak_kib / 1024);
  g_print ("  stored (calls|projects|evaluations|assignments|first matches|matches|grams):\n"
           "    nawat %s\n    floor %s%s\n", nawat_summary, floor_summary,
           g_str_equal (nawat_summary, floor_summary) ? "" : " (MISMATCH)");
  bench_print_load ("after it");

  remove_store (nawat_db);
  remove_store (floor_db);
  remove_store (empty);
  g_unlink (script);
  if (!keep)
    g_unlink (json);
}

static void
print_import_growth (GArray *sizes)
{
  const ImportSize *from = &g_array_index (sizes, ImportSize, 0);

  for (guint i = 1; i < sizes->len; i++)
    {
      const ImportSize *to = &g_array_index (sizes, ImportSize, i);
      double peak = to->peak_kib / from->peak_kib;

      g_print ("\n# import from %d to %d projects (x%.1f the documents)\n", from->n_projects,
               to->n_projects, (double) to->n_documents / from->n_documents);
      bench_print_growth ("nawat, wall", from->nawat.wall, to->nawat.wall,
                          from->n_documents, to->n_documents, "document");
      bench_print_growth ("nawat, processor", from->nawat.cpu, to->nawat.cpu,
                          from->n_documents, to->n_documents, "document");
      bench_print_growth ("floor, wall", from->floor.wall, to->floor.wall,
                          from->n_documents, to->n_documents, "document");
      bench_print_growth ("floor, processor", from->floor.cpu, to->floor.cpu,
                          from->n_documents, to->n_documents, "document");
      g_print ("  peak memory: %.1f MiB vs %.1f MiB: ratio %.2f (target: flat)%s\n",
               to->peak_kib / 1024, from->peak_kib / 1024, peak,
               peak > GROWTH_LIMIT ? ": GROWS WITH THE DATA" : "");
    }
}

/* The import against its floor at each of @sizes_list's sizes; the
 * generated files stay in @dir when @keep.
 */
static void
bench_import (const char *self,
              const char *sizes_list,
              const char *dir,
              int         runs,
              gboolean    keep)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, TRUE, sizeof (ImportSize));
  g_auto(GStrv) list = g_strsplit (sizes_list, ",", -1);

  g_print ("# Nawat import vs the sqlite3 shell loading the same file (the floor)\n");
  bench_print_load ("at the start");
  for (guint i = 0; list[i] != NULL; i++)
    {
      ImportSize size = { atoi (list[i]), };

      if (size.n_projects <= 0)
        g_error ("--import-sizes: “%s” is not a number of projects", list[i]);
      measure_import (self, &size, dir, runs, keep);
      g_array_append_val (sizes, size);
    }
  print_import_growth (sizes);
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
  g_autofree char *import_sizes = NULL;
  g_autofree char *only = NULL;
  g_auto(GStrv) env_argv = NULL;
  int n_projects = 400000;
  int n_small = 100;
  int runs = 1;
  gboolean keep;
  GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_projects, "Projects in the large store", "N" },
    { "small", 0, 0, G_OPTION_ARG_INT, &n_small, "Projects in the small store", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to keep the stores", "DIR" },
    { "import-sizes", 0, 0, G_OPTION_ARG_STRING, &import_sizes,
      "Projects of each import measured against its floor (default: 10000,100000)", "N,N,…" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each import and of its floor", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Only the import against its floor (import), or only the large store (store)", "WHAT" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };
  double t_open_big, t_open_small, m_open_big, m_open_small;
  g_auto(GStrv) import_big = NULL;
  g_auto(GStrv) search = NULL;
  g_auto(GStrv) autosave = NULL;

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
      if (g_str_equal (phase, "generate") && argc == 3)
        return phase_generate (argv[1], atoi (argv[2]));
      if (g_str_equal (phase, "import") && argc == 3)
        return phase_import (argv[1], argv[2]);
      if (g_str_equal (phase, "empty") && argc == 2)
        return phase_empty (argv[1]);
      if (g_str_equal (phase, "open") && argc == 2)
        return phase_open (argv[1]);
      if (g_str_equal (phase, "search") && argc == 2)
        return phase_search (argv[1]);
      if (g_str_equal (phase, "autosave") && argc == 2)
        return phase_autosave (argv[1]);
      return 2;
    }

  if (only != NULL && !g_str_equal (only, "import") && !g_str_equal (only, "store"))
    {
      g_printerr ("--only: “%s” is neither import nor store\n", only);
      return 2;
    }

  keep = dir != NULL;
  if (dir == NULL)
    dir = g_dir_make_tmp ("nawat-bench-XXXXXX", &error);
  else if (g_mkdir_with_parents (dir, 0700) != 0)
    g_error ("%s: %s", dir, g_strerror (errno));
  if (dir == NULL)
    g_error ("%s", error->message);

  if (only == NULL || g_str_equal (only, "import"))
    bench_import (argv[0], import_sizes != NULL ? import_sizes : "10000,100000", dir,
                  MAX (runs, 1), keep);
  if (only != NULL && g_str_equal (only, "import"))
    return 0;

  big_json = g_build_filename (dir, "big.json", NULL);
  small_json = g_build_filename (dir, "small.json", NULL);
  big_db = g_strdup_printf ("%s/big-%d.db", dir, n_projects);
  small_db = g_strdup_printf ("%s/small-%d.db", dir, n_small);

  g_print ("\n# Nawat store benchmarks: %d projects vs %d, in %s\n", n_projects, n_small, dir);
  bench_print_load ("at the start");

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
  bench_print_load ("at the end");

  return 0;
}
