/* bench-ui.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Benchmarks of the application window on a large store, under a display
 * (Xvfb): the time from launch to the first frame that shows the list,
 * against a small store; the time from a search to the frame that shows
 * its result; and the longest stall of the main loop while the whole list
 * is scrolled, and while the coordinator's dashboard sorts its ranking
 * table by each column.  Each measure runs in its own process.  The
 * search and the sorting are given in processor time of the main thread
 * (what the application's own work costs, whatever else the machine runs)
 * beside wall time and the load average.
 *
 *   bench-ui [--projects N] [--small N] [--dir DIR] [--only MEASURE …]
 *
 * The stores are those of bench-store (DIR/big-N.db, DIR/small-N.db); when
 * they are missing they are made with nawat-cli ($NAWAT_CLI).
 */

#include "config.h"

#include "bench-common.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "nawat-application.h"
#include "nawat-dashboard-private.h"
#include "nawat-project-list.h"
#include "nawat-project-row.h"
#include "nawat-window-private.h"

#define CALL_ID "bench"

/* Words as an evaluator types them, one keystroke at a time. */
static const char * const words[] = {
  "อนุรักษ์",
  "น้ำท่วม",
  "ผู้สูงอายุ",
  "เชียงใหม่",
  "community",
  "flood",
  "tourism",
  "solar",
};

static gint64 process_start;

/* Processor time, in microseconds, of the calling thread or of the whole
 * process: what the work cost, whatever else the machine was doing.
 */
static gint64
cpu_time (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Waiting inside the application */

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

/* Whether the rows the list view shows are filled in. */
static gboolean
visible_rows_loaded (NawatProjectList *list,
                     GtkAdjustment    *adjustment)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  double upper = gtk_adjustment_get_upper (adjustment);
  guint first = 0;
  guint last;

  if (n_items == 0)
    return TRUE;

  if (upper > 0)
    first = (guint) (gtk_adjustment_get_value (adjustment) / upper * n_items);
  last = MIN (n_items, first + 20);

  for (guint i = first; i < last; i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (nawat_project_row_get_loading (row))
        return FALSE;
    }

  return TRUE;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "project-list"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A benchmark that waits forever measures nothing: one minute at most. */
static void
check_deadline (NawatWindow *window,
                gint64       started,
                const char  *what)
{
  NawatProjectList *list = nawat_window_get_project_list (window);

  if (g_get_monotonic_time () - started > 60 * G_USEC_PER_SEC)
    {
      g_printerr ("bench-ui: still waiting for %s after a minute (search “%s”, %u items%s)\n",
                  what, list != NULL ? nawat_project_list_get_search (list) : "",
                  list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0,
                  list != NULL && nawat_project_list_get_loading (list) ? ", loading" : "");
      exit (1);
    }
}

/* Whether the window shows the list (or that nothing matches), its rows
 * in view filled in.
 */
static gboolean
list_is_shown (NawatWindow *window)
{
  NawatProjectList *list = nawat_window_get_project_list (window);
  GtkWidget *view;

  if ((g_strcmp0 (nawat_window_get_page (window), "list") != 0 &&
       g_strcmp0 (nawat_window_get_page (window), "no-match") != 0) ||
      list == NULL || nawat_project_list_get_loading (list))
    return FALSE;
  view = find_list_view (GTK_WIDGET (window));
  return visible_rows_loaded (list, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)));
}

static void
wait_list_shown (NawatWindow *window)
{
  gint64 started = g_get_monotonic_time ();

  while (!list_is_shown (window))
    {
      g_main_context_iteration (NULL, TRUE);
      check_deadline (window, started, "the list");
    }
  wait_for_frame (GTK_WIDGET (window));
}

/* The longest stall of the main loop: a high-priority tick every 2 ms
 * records the longest gap between two of its runs.
 */
typedef struct
{
  gint64 last;
  gint64 longest;
  /* the main thread's processor time between two ticks */
  gint64 last_cpu;
  gint64 longest_cpu;
} Stall;

static gboolean
stall_tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 t = g_get_monotonic_time ();
  gint64 cpu = cpu_time (CLOCK_THREAD_CPUTIME_ID);

  if (stall->last != 0 && t - stall->last > stall->longest)
    stall->longest = t - stall->last;
  if (stall->last_cpu != 0 && cpu - stall->last_cpu > stall->longest_cpu)
    stall->longest_cpu = cpu - stall->last_cpu;
  stall->last = t;
  stall->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

/* The phases, each run by the application's activate handler */

typedef void (*PhaseFunc) (NawatWindow *window);

static void
phase_launch (NawatWindow *window)
{
  wait_list_shown (window);
  g_print ("launch %.4f %u %.4f\n", (g_get_monotonic_time () - process_start) / 1e6,
           g_list_model_get_n_items (G_LIST_MODEL (nawat_window_get_project_list (window))),
           cpu_time (CLOCK_PROCESS_CPUTIME_ID) / 1e6);
}

typedef struct
{
  NawatWindow *window;
  gint64       changed_at;
  gint64       changed_cpu;
  gint64       changed_main_cpu;
  /* The end of the first frame that showed the result */
  gint64       shown_at;
  gint64       shown_cpu;
  gint64       shown_main_cpu;
} SearchTiming;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   SearchTiming  *timing)
{
  if (timing->changed_at != 0 && timing->shown_at == 0 && list_is_shown (timing->window))
    {
      timing->shown_at = g_get_monotonic_time ();
      timing->shown_cpu = cpu_time (CLOCK_PROCESS_CPUTIME_ID);
      timing->shown_main_cpu = cpu_time (CLOCK_THREAD_CPUTIME_ID);
    }
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      SearchTiming   *timing)
{
  timing->changed_at = g_get_monotonic_time ();
  timing->changed_cpu = cpu_time (CLOCK_PROCESS_CPUTIME_ID);
  timing->changed_main_cpu = cpu_time (CLOCK_THREAD_CPUTIME_ID);
}

static void
phase_search (NawatWindow *window)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_samples = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *entry = nawat_window_get_search_entry (window);
  SearchTiming timing = { window, 0, 0, 0, 0, 0, 0 };
  double longest = 0;

  wait_list_shown (window);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed_cb), &timing);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &timing);

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      glong length = g_utf8_strlen (words[w], -1);

      for (glong n = 1; n <= length; n++)
        {
          const char *start = g_utf8_offset_to_pointer (words[w], n - 1);
          const char *end = g_utf8_offset_to_pointer (words[w], n);
          int position = -1;
          double elapsed;
          double cpu;
          double main_cpu;

          /* A keystroke: one character added at the end, as typed (set
           * whole, the text would be cleared first, and a cleared entry
           * reports at once).  The entry reports it after its own delay.
           * The result counts as shown at the end of the first frame that
           * painted it.
           */
          timing.changed_at = 0;
          timing.shown_at = 0;
          gtk_editable_insert_text (GTK_EDITABLE (entry), start, end - start, &position);
          while (timing.changed_at == 0)
            g_main_context_iteration (NULL, TRUE);
          while (timing.shown_at == 0)
            {
              g_main_context_iteration (NULL, TRUE);
              check_deadline (window, timing.changed_at, "the search result");
              /* A result that changes nothing on screen (the same rows)
               * draws nothing: a frame still ends its wait.
               */
              if (list_is_shown (window))
                gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                               GDK_FRAME_CLOCK_PHASE_PAINT);
            }

          elapsed = (timing.shown_at - timing.changed_at) / 1e3;
          cpu = (timing.shown_cpu - timing.changed_cpu) / 1e3;
          main_cpu = (timing.shown_main_cpu - timing.changed_main_cpu) / 1e3;
          g_array_append_val (samples, elapsed);
          g_array_append_val (cpu_samples, cpu);
          g_array_append_val (main_samples, main_cpu);
          longest = MAX (longest, elapsed);
        }

      /* Clearing reports at once, from inside set_text. */
      timing.changed_at = 0;
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      while (timing.changed_at == 0)
        g_main_context_iteration (NULL, TRUE);
      wait_list_shown (window);
    }

  g_print ("search %u %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f\n", samples->len,
           percentile (samples, 0.5), percentile (samples, 0.95), longest,
           percentile (cpu_samples, 0.5), percentile (cpu_samples, 0.95),
           percentile (main_samples, 0.5), percentile (main_samples, 0.95),
           percentile (main_samples, 1.0));
}

static void
phase_scroll (NawatWindow *window)
{
  Stall stall = { 0 };
  GtkAdjustment *adjustment;
  GtkWidget *view;
  guint source;
  guint frames = 0;
  double start;

  wait_list_shown (window);
  view = find_list_view (GTK_WIDGET (window));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  source = g_timeout_add_full (G_PRIORITY_HIGH, 2, stall_tick_cb, &stall, NULL);
  start = now ();

  /* The whole list in 400 jumps, each shown filled in; then 200 pages one
   * after the other, as a held Page Down key scrolls.
   */
  for (guint step = 0; step <= 400; step++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, upper * step / 400.0);
      wait_for_frame (GTK_WIDGET (window));
      frames++;
      while (!visible_rows_loaded (nawat_window_get_project_list (window), adjustment))
        g_main_context_iteration (NULL, TRUE);
    }

  for (guint page = 0; page < 200; page++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment) * page);
      wait_for_frame (GTK_WIDGET (window));
      frames++;
    }
  while (!visible_rows_loaded (nawat_window_get_project_list (window), adjustment))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (source);
  g_print ("scroll %u %.2f %.2f %.2f\n", frames, stall.longest / 1e3, now () - start,
           stall.longest_cpu / 1e3);
}

static void
wait_dashboard_idle (NawatDashboard *dashboard)
{
  while (nawat_dashboard_get_busy (dashboard))
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (GTK_WIDGET (dashboard));
}

/* Every column of the ranking table, sorted one way then the other, as a
 * coordinator clicks its headers.
 */
static void
phase_dashboard (NawatWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  NawatDashboard *dashboard = NULL;
  GtkColumnView *view;
  GListModel *columns;
  Stall stall = { 0 };
  guint source;
  guint sorts = 0;
  double start;

  wait_list_shown (window);
  start = now ();
  if (!gtk_widget_activate_action (GTK_WIDGET (window), "win.dashboard", NULL))
    g_error ("no dashboard action");
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (NAWAT_IS_DASHBOARD (l->data))
      dashboard = l->data;
  g_assert (dashboard != NULL);
  wait_dashboard_idle (dashboard);
  nawat_dashboard_show_ranking (dashboard);
  wait_dashboard_idle (dashboard);
  g_printerr ("dashboard computed in %.1f s\n", now () - start);

  view = nawat_dashboard_get_column_view (dashboard);
  columns = gtk_column_view_get_columns (view);
  source = g_timeout_add_full (G_PRIORITY_HIGH, 2, stall_tick_cb, &stall, NULL);
  start = now ();
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_sorter (column) == NULL)
        continue;
      for (GtkSortType order = GTK_SORT_ASCENDING; order <= GTK_SORT_DESCENDING; order++)
        {
          gint64 started = cpu_time (CLOCK_THREAD_CPUTIME_ID);
          double cpu;

          /* The main thread's processor time from the click to the frame
           * that shows the new order: the worker's sorting is not in it.
           */
          gtk_column_view_sort_by_column (view, column, order);
          wait_dashboard_idle (dashboard);
          cpu = (cpu_time (CLOCK_THREAD_CPUTIME_ID) - started) / 1e3;
          g_array_append_val (cpu_samples, cpu);
          sorts++;
        }
    }
  g_source_remove (source);
  g_print ("dashboard %u %.2f %.2f %.2f %u %.2f %.2f %.2f\n", sorts, stall.longest / 1e3,
           now () - start, stall.longest_cpu / 1e3,
           g_list_model_get_n_items (nawat_dashboard_get_ranking_model (dashboard)),
           percentile (cpu_samples, 0.5), percentile (cpu_samples, 0.95),
           percentile (cpu_samples, 1.0));
}

typedef struct
{
  PhaseFunc         func;
  NawatApplication *app;
} Driver;

static gboolean
drive_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (driver->app));
  GList *windows;

  while (!nawat_application_get_ready (driver->app))
    g_main_context_iteration (NULL, TRUE);

  driver->func (NAWAT_WINDOW (window));

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (driver->app))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (driver->app));

  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                Driver       *driver)
{
  g_idle_add (drive_cb, driver);
}

static int
run_phase_in_app (const char *phase,
                  const char *store_path)
{
  g_autoptr(NawatApplication) app = NULL;
  char *argv[] = { (char *) "nawat", (char *) "--store", (char *) store_path, NULL };
  Driver driver = { NULL, NULL };

  if (g_str_equal (phase, "launch"))
    driver.func = phase_launch;
  else if (g_str_equal (phase, "search"))
    driver.func = phase_search;
  else if (g_str_equal (phase, "scroll"))
    driver.func = phase_scroll;
  else if (g_str_equal (phase, "dashboard"))
    driver.func = phase_dashboard;
  else
    g_error ("unknown phase %s", phase);

  adw_init ();
  /* The frame that shows a result, not the end of a crossfade to it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = nawat_application_new ();
  driver.app = app;
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &driver);

  return g_application_run (G_APPLICATION (app), 3, argv);
}

/* The parent: stores, phases and figures */

static char **
run_phase (const char *self,
           const char *phase,
           const char *store)
{
  const char *argv[] = { self, "--phase", phase, store, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDERR, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("phase %s failed: %s", phase, error->message);

  /* The last line is the figures; GTK may print before it. */
  g_strchomp (out);
  return g_strsplit (strrchr (out, '\n') != NULL ? strrchr (out, '\n') + 1 : out, " ", -1);
}

static void
run_cli (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", argv[1], error->message);
}

static void
ensure_store (const char *dir,
              const char *store,
              int         n_projects)
{
  const char *cli = g_getenv ("NAWAT_CLI");
  g_autofree char *json = NULL;
  g_autofree char *n = NULL;
  double start = now ();

  if (g_file_test (store, G_FILE_TEST_EXISTS))
    return;

  if (cli == NULL)
    g_error ("%s is missing and NAWAT_CLI is not set to make it", store);

  json = g_build_filename (dir, "bench-ui.json", NULL);
  n = g_strdup_printf ("%d", n_projects);
  run_cli ((const char *[]) { cli, "generate", "--projects", n, "--evaluators", "3",
                              "--seed", "42", "--call", CALL_ID, "--output", json, NULL });
  run_cli ((const char *[]) { cli, "--store", store, "import", json, NULL });
  g_unlink (json);
  g_print ("made %s (%d projects) in %.0f s\n", store, n_projects, now () - start);
}

/* The wall-clock time and the processor time of a launch. */
static void
launch_time (const char *self,
             const char *store,
             GArray     *times,
             GArray     *cpu_times)
{
  g_auto(GStrv) figures = run_phase (self, "launch", store);
  double t = g_ascii_strtod (figures[1], NULL);
  double cpu = g_ascii_strtod (figures[3], NULL);

  g_array_append_val (times, t);
  g_array_append_val (cpu_times, cpu);
}

static gboolean
wants (char       **only,
       const char  *measure)
{
  return only == NULL || g_strv_contains ((const char * const *) only, measure);
}

static void
measure_launch (const char *self,
                const char *big,
                int         n_projects,
                const char *small,
                int         n_small)
{
  g_autoptr(GArray) launch_big = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) launch_small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_big = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_small = g_array_new (FALSE, FALSE, sizeof (double));
  double t_big;
  double t_small;

  /* Alternated, so that both see the same machine. */
  for (guint run = 0; run < 5; run++)
    {
      launch_time (self, big, launch_big, cpu_big);
      launch_time (self, small, launch_small, cpu_small);
    }
  bench_print_load ("now");
  t_big = percentile (launch_big, 0.5);
  t_small = percentile (launch_small, 0.5);
  g_print ("launch to the first frame with the list: %.0f ms (%d projects) vs %.0f ms (%d): "
           "ratio %.2f (target <= 1.2)\n",
           t_big * 1000, n_projects, t_small * 1000, n_small, t_big / t_small);
  t_big = percentile (cpu_big, 0.5);
  t_small = percentile (cpu_small, 0.5);
  g_print ("  processor time of those launches: %.0f ms vs %.0f ms: ratio %.2f\n",
           t_big * 1000, t_small * 1000, t_big / t_small);
}

static void
measure_search (const char *self,
                const char *big,
                int         n_projects)
{
  g_auto(GStrv) search = run_phase (self, "search", big);

  bench_print_load ("now");
  g_print ("keystroke to frame: p95 processor time of the main thread per keystroke %s ms "
           "(target < 20 ms), %d projects\n", search[8], n_projects);
  g_print ("search, from the entry's search-changed to the frame showing the result, "
           "%s keystrokes on %d projects:\n"
           "  processor time of the main thread per keystroke: p50 %s ms, p95 %s ms "
           "(target < 20), max %s ms;\n"
           "  wall time: p50 %s ms, p95 %s ms, max %s ms; processor time of the whole "
           "application (its worker threads too): p50 %s ms, p95 %s ms\n",
           search[1], n_projects, search[7], search[8], search[9],
           search[2], search[3], search[4], search[5], search[6]);
}

static void
measure_scroll (const char *self,
                const char *big)
{
  g_auto(GStrv) scroll = run_phase (self, "scroll", big);

  bench_print_load ("now");
  g_print ("scrolling the whole list (%s frames, %s s): longest main-loop stall %s ms "
           "(target < 50); most processor time the main thread spent in one stall %s ms\n",
           scroll[1], scroll[3], scroll[2], scroll[4]);
}

static void
measure_dashboard (const char *self,
                   const char *big)
{
  g_auto(GStrv) dashboard = run_phase (self, "dashboard", big);

  bench_print_load ("now");
  g_print ("ranking sort: p95 processor time of the main thread per sort %s ms "
           "(target < 50 ms), %s projects\n"
           "  sorting the dashboard's ranking by each column both ways (%s sorts, %s s), "
           "processor time of the main thread from the click to the frame that shows it: "
           "p50 %s ms, p95 %s ms, max %s ms;\n"
           "  most processor time the main thread spent in one stall %s ms; "
           "longest main-loop stall (wall) %s ms\n",
           dashboard[7], dashboard[5], dashboard[1], dashboard[3], dashboard[6], dashboard[7],
           dashboard[8], dashboard[4], dashboard[2]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *phase = NULL;
  g_auto(GStrv) only = NULL;
  g_auto(GStrv) env_argv = NULL;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  int n_projects = 400000;
  int n_small = 100;
  GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_projects, "Projects in the large store", "N" },
    { "small", 0, 0, G_OPTION_ARG_INT, &n_small, "Projects in the small store", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the stores are kept", "DIR" },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only,
      "Run only this measure: launch, search, scroll or dashboard (repeatable)", "MEASURE" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };

  process_start = g_get_monotonic_time ();

  /* Options from the environment when run by meson. */
  env_argv = bench_args_from_env (&argc, &argv);

  context = g_option_context_new ("- benchmarks of the Nawat window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (phase != NULL)
    {
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
      g_setenv ("GTK_A11Y", "none", FALSE);
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
      g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
      return run_phase_in_app (phase, argv[1]);
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-ui needs a display: run it under xvfb-run\n");
      return 1;
    }

  if (dir == NULL)
    dir = g_strdup (g_getenv ("NAWAT_BENCH_DIR"));
  if (dir == NULL)
    dir = g_dir_make_tmp ("nawat-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  big = g_strdup_printf ("%s/big-%d.db", dir, n_projects);
  small = g_strdup_printf ("%s/small-%d.db", dir, n_small);
  g_print ("# Nawat window benchmarks: %d projects vs %d, in %s\n", n_projects, n_small, dir);
  ensure_store (dir, big, n_projects);
  ensure_store (dir, small, n_small);

  if (wants (only, "launch"))
    measure_launch (argv[0], big, n_projects, small, n_small);
  if (wants (only, "search"))
    measure_search (argv[0], big, n_projects);
  if (wants (only, "scroll"))
    measure_scroll (argv[0], big);
  if (wants (only, "dashboard"))
    measure_dashboard (argv[0], big);

  return 0;
}
