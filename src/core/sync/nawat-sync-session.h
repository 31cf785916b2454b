/* nawat-sync-session.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-couch.h"
#include "nawat-store.h"
#include "nawat-sync.h"

G_BEGIN_DECLS

#define NAWAT_SYNC_SESSION_ERROR (nawat_sync_session_error_quark ())

typedef enum
{
  /* no password in the keyring (or the keyring could not be read) and
   * none was given
   */
  NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD,
} NawatSyncSessionError;

/* Why "password-needed" is emitted. */
typedef enum
{
  /* the keyring holds no password for the account, or could not be read */
  NAWAT_SYNC_PASSWORD_MISSING,
  /* the server refused the password it was given */
  NAWAT_SYNC_PASSWORD_REFUSED,
} NawatSyncPasswordReason;

#define NAWAT_TYPE_SYNC_SESSION (nawat_sync_session_get_type ())

G_DECLARE_FINAL_TYPE (NawatSyncSession, nawat_sync_session, NAWAT, SYNC_SESSION, GObject)

/* The sync workflow the window and the CLI share: one account on one
 * server, for one call of one store.  It owns the NawatCouch and the
 * NawatSync, reads the password from the keyring, asks the face for one
 * when there is none or the server refused it, and keeps a typed password
 * in the keyring only once the server accepted it.
 *
 * Properties: "running", "network-available" (read-only, follows the
 * engine).
 *
 * Signals, emitted on the main context of the thread that created the
 * session (in the calling thread for nawat_sync_session_run()):
 *   "password-needed" (NawatSyncSession *self, NawatSyncPasswordReason reason,
 *                      const char *detail)
 *     a round needs a password: @detail is the server's refusal, or the
 *     reason the keyring could not be read, or NULL.  A handler answering
 *     with nawat_sync_session_set_password() during the emission lets the
 *     round go on; otherwise the round fails, and an answer given later is
 *     used by the next round.
 *   "progress" (NawatSyncSession *self, guint documents, guint64 bytes)
 *     forwarded from the engine.
 *   "network-returned" (NawatSyncSession *self)
 *     the network became available again; the session then starts a round
 *     of its own if nawat_sync_session_set_sync_on_network() asked it to.
 *   "password-not-saved" (NawatSyncSession *self, const char *message)
 *     the server accepted a password to remember, but the keyring could
 *     not store it.
 *   "files-progress" (NawatSyncSession *self, gint64 done, gint64 total)
 *     forwarded from the engine: bytes of the projects' files fetched.
 */
GQuark            nawat_sync_session_error_quark        (void);

/* Fails as nawat_couch_new() does on an invalid or insecure URL. */
NawatSyncSession *nawat_sync_session_new                (NawatStore        *store,
                                                         const char        *server_url,
                                                         const char        *user,
                                                         const char        *call_id,
                                                         GError           **error);
NawatStore       *nawat_sync_session_get_store          (NawatSyncSession  *self);
const char       *nawat_sync_session_get_server_url     (NawatSyncSession  *self);
const char       *nawat_sync_session_get_user           (NawatSyncSession  *self);
const char       *nawat_sync_session_get_call_id        (NawatSyncSession  *self);
NawatCouch       *nawat_sync_session_get_couch          (NawatSyncSession  *self);
NawatSync        *nawat_sync_session_get_sync           (NawatSyncSession  *self);
gboolean          nawat_sync_session_get_running        (NawatSyncSession  *self);
gboolean          nawat_sync_session_get_network_available (NawatSyncSession *self);

/* The password to use, instead of the keyring's; with @remember, it is
 * stored in the keyring once the server accepted it.
 */
void              nawat_sync_session_set_password       (NawatSyncSession  *self,
                                                         const char        *password,
                                                         gboolean           remember);
/* Whether the session holds a password given with set_password(). */
gboolean          nawat_sync_session_has_password       (NawatSyncSession  *self);
/* Starts a round (nawat_sync_session_run_async() without a callback) each
 * time the network returns.
 */
void              nawat_sync_session_set_sync_on_network (NawatSyncSession *self,
                                                          gboolean          sync_on_network);

/* One round: the password, then nawat_sync_run().  Fails with
 * NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD, NAWAT_COUCH_ERROR_UNAUTHORIZED when
 * the server refused the password and nobody gave another, or as
 * nawat_sync_run() does.  Blocking: for the CLI and worker threads.
 */
NawatSyncResult  *nawat_sync_session_run                (NawatSyncSession  *self,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
/* The same without blocking the main loop. */
void              nawat_sync_session_run_async          (NawatSyncSession  *self,
                                                         GCancellable      *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer           user_data);
NawatSyncResult  *nawat_sync_session_run_finish         (NawatSyncSession  *self,
                                                         GAsyncResult      *result,
                                                         GError           **error);

G_END_DECLS
