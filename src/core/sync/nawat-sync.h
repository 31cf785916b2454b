/* nawat-sync.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-couch.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* What one sync round did, and what is left. */
typedef struct
{
  /* documents stored or deleted by the pull */
  guint      pulled;
  /* evaluations the server accepted (merged ones included) */
  guint      pushed;
  /* of which merged automatically with the server's version first */
  guint      merged;
  /* evaluations of the call with conflicts waiting for the user */
  guint      conflicts;
  /* edits the server refused (403, validation): still in the outbox */
  guint      refused;
  /* pulled documents that failed validation */
  guint      quarantined;
  /* other failures on single documents */
  guint      errors;
  /* edits of this call still in the outbox after the round */
  guint      pending;
  /* "<doc id>: <reason>" for each refusal, quarantine and error */
  GPtrArray *messages;
  /* files whose contents were refused (over a limit, not matching their
   * digest, gone from the server): the rest of the round went on
   */
  guint      files_refused;
} NawatSyncResult;

void             nawat_sync_result_free       (NawatSyncResult *result);
/* TRUE when everything was pulled and pushed and nothing waits for the user. */
gboolean         nawat_sync_result_is_complete (NawatSyncResult *result);
/* A translated one-line summary. */
char            *nawat_sync_result_to_string  (NawatSyncResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatSyncResult, nawat_sync_result_free)

#define NAWAT_TYPE_SYNC (nawat_sync_get_type ())

G_DECLARE_FINAL_TYPE (NawatSync, nawat_sync, NAWAT, SYNC, GObject)

/* Properties: "store", "couch", "call-id", "user" (construct-only),
 * "network-available" (read-only, follows GNetworkMonitor), "running".
 *
 * Signals:
 *   "progress" (NawatSync *self, guint documents, guint64 bytes)
 *     documents pulled or pushed so far and bytes moved; emitted on the
 *     main context of the caller of nawat_sync_run_async() (in the calling
 *     thread for nawat_sync_run()).
 *   "files-progress" (NawatSync *self, gint64 done, gint64 total)
 *     bytes of the projects' files fetched so far, of what the files
 *     lacking came to; emitted as "progress" is (from the fetching
 *     threads for nawat_sync_run()).
 *   "network-returned" (NawatSync *self)
 *     the network became available again: a good moment to sync.
 */
NawatSync       *nawat_sync_new               (NawatStore           *store,
                                               NawatCouch           *couch,
                                               const char           *call_id,
                                               const char           *user);
gboolean         nawat_sync_get_network_available (NawatSync     *self);
gboolean         nawat_sync_get_running       (NawatSync            *self);
/* Documents per _changes request (default 1000). */
void             nawat_sync_set_batch_size    (NawatSync            *self,
                                               guint                 batch_size);

/* Pulls the call and the evaluations, then pushes the outbox.  Fails only
 * when the round could not run at all (server unreachable, login refused,
 * cancelled, store failure); problems with single documents are counted in
 * the result.  Blocking: for the CLI and worker threads.
 */
NawatSyncResult *nawat_sync_run               (NawatSync            *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
/* The same in a worker thread; the main loop is never blocked. */
void             nawat_sync_run_async         (NawatSync            *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
NawatSyncResult *nawat_sync_run_finish        (NawatSync            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
