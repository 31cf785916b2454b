/* bench-files-pull.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One sync round into STORE, run as the window runs it (NawatSync in its
 * worker thread, a 1 ms tick on the main loop), for
 * bench-sync-attachments.sh:
 *
 *   bench-files-pull URL CALL USER PASSWORD STORE
 *
 * prints "<wall s> <cpu s> <peak KiB> <longest main-loop gap ms> <p99 ms>
 * <longest main-thread work between two ticks ms> <files bytes>": on a
 * loaded machine a gap may be the scheduler's (other processes, the
 * round's threads), not work done on the main loop.
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-couch.h"
#include "nawat-store.h"
#include "nawat-sync.h"

#include <time.h>

typedef struct
{
  GMainLoop       *loop;
  GArray          *gaps;
  /* processor time the main thread spent between two ticks */
  GArray          *busy;
  gint64           last;
  double           last_cpu;
  gint64           files_done;
  NawatSyncResult *result;
  GError          *error;
} Run;

static gboolean
on_tick_cb (gpointer data)
{
  Run *run = data;
  gint64 t = g_get_monotonic_time ();
  double cpu = thread_cpu_seconds ();
  double gap = (t - run->last) / 1000.0;
  double busy = (cpu - run->last_cpu) * 1000;

  g_array_append_val (run->gaps, gap);
  g_array_append_val (run->busy, busy);
  run->last = t;
  run->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
on_files_progress_cb (NawatSync *sync,
                      gint64     done,
                      gint64     total,
                      gpointer   data)
{
  Run *run = data;

  run->files_done = done;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Run *run = data;

  run->result = nawat_sync_run_finish (NAWAT_SYNC (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(NawatSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0, };
  double start;
  double cpu;
  guint tick;

  if (argc != 6)
    {
      g_printerr ("usage: bench-files-pull URL CALL USER PASSWORD STORE\n");
      return 2;
    }

  store = nawat_store_open (argv[5], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  couch = nawat_couch_new (argv[1], &error);
  if (couch == NULL)
    g_error ("%s", error->message);
  nawat_couch_set_credentials (couch, argv[3], argv[4]);
  sync = nawat_sync_new (store, couch, argv[2], argv[3]);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.gaps = g_array_new (FALSE, FALSE, sizeof (double));
  run.busy = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (sync, "files-progress", G_CALLBACK (on_files_progress_cb), &run);
  start = now ();
  cpu = cpu_seconds ();
  run.last = g_get_monotonic_time ();
  run.last_cpu = thread_cpu_seconds ();
  tick = g_timeout_add (1, on_tick_cb, &run);
  nawat_sync_run_async (sync, NULL, on_done_cb, &run);
  g_main_loop_run (run.loop);
  g_source_remove (tick);
  if (run.result == NULL)
    g_error ("%s", run.error->message);

  g_print ("%.3f %.3f %ld %.1f %.1f %.1f %" G_GINT64_FORMAT "\n", now () - start,
           cpu_seconds () - cpu, peak_rss_kib (), percentile (run.gaps, 1.0),
           percentile (run.gaps, 0.99), percentile (run.busy, 1.0), run.files_done);
  nawat_sync_result_free (run.result);
  g_array_unref (run.gaps);
  g_array_unref (run.busy);
  g_main_loop_unref (run.loop);
  return 0;
}
