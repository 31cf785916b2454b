/* nawat-sync-attachments.c: pulling the contents of the projects' files
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Once the documents are pulled (and the outbox pushed: scores go first),
 * the store lists the call's files whose contents it lacks, one per
 * digest, and they are fetched with one "GET /db/doc/name" each, by
 * WORKERS threads at once, streamed to the store, which checks each
 * against its stub's length and digest before it counts as held.  A
 * download cut short leaves its partial file, and the next round asks
 * for the rest with an HTTP Range request (CouchDB honours it; PouchDB
 * Server answers the whole file, which is then written from the start);
 * what is complete is never fetched again.  A file over the limit per
 * file or per call (the stub gives its length) is refused before it is
 * asked for, at every round: not a byte of it is downloaded.
 *
 * Why one GET per file: the three ways were measured side by side with
 * tests/perf/bench-sync-attachments.sh (200 projects, a 2 MB generated
 * PDF each, 381.6 MiB in all, PouchDB Server on loopback; 2 processors
 * shared with other work, load average 15 to 17), from
 * "meson test -C _build/test --benchmark --suite perf sync-attachments":
 *
 *                                           wall     client cpu  server cpu
 *   curl, one GET per file, in turn         3.56 s    0.74 s      1.11 s
 *   curl, one GET per file, 3 at a time     5.68 s    0.68 s      1.30 s
 *   curl, GET doc?attachments=true,
 *     multipart/related, 3 at a time       20.16 s    1.06 s      7.85 s
 *   curl, _changes?attachments=true
 *     (the files in Base64 in the JSON)    31.41 s    0.93 s     13.78 s
 *   nawat-cli sync, first pull             16.91 s    4.87 s      1.10 s
 *     (documents and files, 28.8 MiB peak; the main loop of the same
 *     round run as the window runs it was blocked 42.6 ms at most)
 *
 * The replication protocol's ways cost the server 6 to 12 times the
 * processor time (it rebuilds each document with its files, or encodes
 * them in Base64), and a Base64 feed must be held and decoded whole.  A
 * GET per file is streamed to disk in pieces of 256 kB, so memory stays
 * flat whatever the files' size, and it is what a resumption needs (a
 * Range request on one file).  Nawat's time over curl's is the checking
 * and the durability curl does not give: both digests of every byte, and
 * each file synced to disk before it counts as held (400 MB written with
 * fsync took 9.25 s in tests/perf/bench-attachments.c).  Three at a time,
 * one file's hashing and syncing overlaps another's download; on loopback
 * curl alone gains nothing from it, across a real network it hides the
 * round trips.
 */

#include "config.h"

#include "nawat-sync-private.h"

#include "nawat-store-attachments.h"

#include <glib/gi18n-lib.h>

#define WORKERS 3
/* Progress is told at most this often, in microseconds. */
#define PROGRESS_INTERVAL (100 * 1000)

typedef struct
{
  NawatSyncRound *round;
  char           *escaped_db;
  GPtrArray      *missing;
  /* stops the other workers after a failure of the round */
  GCancellable   *cancellable;
  gulong          handler;

  GMutex          lock;
  guint           next;
  GError         *error;
  gint64          last_report;
} Fetch;

static void
add_done (Fetch  *fetch,
          gint64  n_bytes)
{
  gint64 now = g_get_monotonic_time ();

  /* Told under the lock: the workers' counts in order. */
  g_mutex_lock (&fetch->lock);
  fetch->round->files_done += n_bytes;
  if (now - fetch->last_report >= PROGRESS_INTERVAL ||
      fetch->round->files_done == fetch->round->files_total)
    {
      fetch->last_report = now;
      _nawat_sync_report_progress (fetch->round);
    }
  g_mutex_unlock (&fetch->lock);
}

static void
on_contents_cb (gsize    n_bytes,
                gpointer data)
{
  add_done (data, n_bytes);
}

/* Whether @error concerns one file alone: the round goes on without it. */
static gboolean
is_file_problem (const GError *error)
{
  return g_error_matches (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID) ||
         g_error_matches (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT) ||
         g_error_matches (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NOT_FOUND) ||
         g_error_matches (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_FORBIDDEN);
}

static gboolean
fetch_one (Fetch              *fetch,
           NawatStoreMissing  *missing,
           GError            **error)
{
  NawatSync *self = fetch->round->self;
  const NawatAttachment *attachment = missing->attachment;
  g_autofree char *doc = g_uri_escape_string (missing->project_id, NULL, FALSE);
  g_autofree char *name = g_uri_escape_string (attachment->name, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s/%s", fetch->escaped_db, doc, name);
  g_autoptr(GInputStream) stream = NULL;
  gint64 partial;
  gint64 start = 0;

  /* The limits again: the files taken meanwhile count towards the call's. */
  if (!nawat_store_check_file_to_download (self->store, missing->call_id, attachment, 0, error))
    return FALSE;
  partial = nawat_store_get_partial_attachment (self->store, attachment);
  stream = nawat_couch_open_read (self->couch, path, partial, &start, fetch->cancellable, error);
  if (stream == NULL)
    return FALSE;
  /* The part held already counts as done; asked for and not honoured, it
   * is fetched again.
   */
  if (start > 0)
    add_done (fetch, start);
  return nawat_store_add_attachment_contents (self->store, missing->call_id, attachment, stream,
                                              start, on_contents_cb, fetch, fetch->cancellable,
                                              error);
}

static gpointer
worker_thread (gpointer data)
{
  Fetch *fetch = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      NawatStoreMissing *missing;

      g_mutex_lock (&fetch->lock);
      missing = fetch->error == NULL && fetch->next < fetch->missing->len
                ? fetch->missing->pdata[fetch->next++] : NULL;
      g_mutex_unlock (&fetch->lock);
      if (missing == NULL)
        break;

      if (fetch_one (fetch, missing, &error))
        continue;

      g_mutex_lock (&fetch->lock);
      if (is_file_problem (error))
        {
          g_autofree char *id = g_strdup_printf ("%s/%s", missing->project_id,
                                                 missing->attachment->name);

          fetch->round->result->files_refused++;
          _nawat_sync_add_message (fetch->round, id, error->message);
        }
      else if (fetch->error == NULL)
        {
          fetch->error = g_steal_pointer (&error);
          g_cancellable_cancel (fetch->cancellable);
        }
      g_mutex_unlock (&fetch->lock);
    }
  return NULL;
}

/* Leaves out of @missing the files over a limit, each told as refused,
 * before anything is asked of the server; @total loses their bytes.  The
 * files kept count towards the call's limit in their order (the projects'
 * codes), so that files fetched at once cannot pass it together.
 */
static gboolean
leave_out_over_limits (NawatSyncRound  *round,
                       GPtrArray       *missing,
                       gint64          *total,
                       GError         **error)
{
  gint64 pending = 0;
  guint i = 0;

  while (i < missing->len)
    {
      NawatStoreMissing *m = missing->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autofree char *id = NULL;

      if (nawat_store_check_file_to_download (round->self->store, m->call_id, m->attachment,
                                              pending, &local_error))
        {
          pending += m->attachment->length;
          i++;
          continue;
        }
      if (!g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      id = g_strdup_printf ("%s/%s", m->project_id, m->attachment->name);
      round->result->files_refused++;
      _nawat_sync_add_message (round, id, local_error->message);
      *total -= m->attachment->length;
      g_ptr_array_remove_index (missing, i);
    }
  return TRUE;
}

static void
on_round_cancelled_cb (GCancellable *cancellable,
                       gpointer      data)
{
  g_cancellable_cancel (data);
}

gboolean
_nawat_sync_pull_attachments (NawatSyncRound  *round,
                              GError         **error)
{
  NawatSync *self = round->self;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree char *db = nawat_couch_call_db_name (self->call_id);
  g_autofree char *escaped = nawat_couch_escape_db (db);
  g_autofree char *blobs = nawat_store_dup_blobs_dir (self->store);
  gint64 total = 0;
  Fetch fetch = { 0, };

  /* A store in memory (tests) holds no files. */
  if (blobs == NULL)
    return TRUE;
  /* What the pulled projects no longer use goes first. */
  if (!nawat_store_collect_attachments (self->store, NULL, error))
    return FALSE;
  missing = nawat_store_list_missing_attachments (self->store, self->call_id, &total, error);
  if (missing == NULL || !leave_out_over_limits (round, missing, &total, error))
    return FALSE;
  if (missing->len == 0)
    return TRUE;

  fetch.round = round;
  fetch.escaped_db = escaped;
  fetch.missing = missing;
  fetch.cancellable = g_cancellable_new ();
  g_mutex_init (&fetch.lock);
  if (round->cancellable != NULL)
    fetch.handler = g_cancellable_connect (round->cancellable, G_CALLBACK (on_round_cancelled_cb),
                                           g_object_ref (fetch.cancellable), g_object_unref);
  round->files_total += total;
  _nawat_sync_report_progress (round);

  for (guint i = 0; i < MIN (WORKERS, missing->len); i++)
    g_ptr_array_add (threads, g_thread_new ("nawat-files", worker_thread, &fetch));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  if (fetch.handler != 0)
    g_cancellable_disconnect (round->cancellable, fetch.handler);
  g_object_unref (fetch.cancellable);
  g_mutex_clear (&fetch.lock);
  _nawat_sync_report_progress (round);

  if (fetch.error != NULL)
    {
      /* The round's own cancellation is told as such. */
      if (g_cancellable_set_error_if_cancelled (round->cancellable, error))
        g_clear_error (&fetch.error);
      else
        g_propagate_error (error, fetch.error);
      return FALSE;
    }
  return TRUE;
}
