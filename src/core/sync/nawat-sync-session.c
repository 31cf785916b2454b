/* nawat-sync-session.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-sync-session.h"

#include "nawat-credentials.h"

#include <glib/gi18n-lib.h>

struct _NawatSyncSession
{
  GObject     parent_instance;

  NawatStore *store;
  char       *server_url;
  char       *user;
  char       *call_id;
  NawatCouch *couch;
  NawatSync  *sync;

  /* A password given with set_password(), and whether to keep it in the
   * keyring once the server took it.
   */
  char       *password;
  /* set_password() answers since the session was made */
  guint       answers;

  guint       remember : 1;
  /* The next round uses @password without reading the keyring first. */
  guint       fresh : 1;
  guint       running : 1;
  guint       sync_on_network : 1;
};

G_DEFINE_FINAL_TYPE (NawatSyncSession, nawat_sync_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (nawat-sync-session-error-quark, nawat_sync_session_error)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_NETWORK_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PASSWORD_NEEDED,
  PASSWORD_NOT_SAVED,
  PROGRESS,
  NETWORK_RETURNED,
  FILES_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_running (NawatSyncSession *self,
             gboolean          running)
{
  if (self->running == !!running)
    return;
  self->running = !!running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* The password given was refused: the next round reads the keyring again. */
static void
forget_password (NawatSyncSession *self)
{
  g_clear_pointer (&self->password, nawat_credentials_free_password);
  self->remember = FALSE;
  self->fresh = FALSE;
}

/* TRUE when a handler answered with set_password() during the emission. */
static gboolean
ask_password (NawatSyncSession        *self,
              NawatSyncPasswordReason  reason,
              const char              *detail)
{
  guint answers = self->answers;

  g_signal_emit (self, signals[PASSWORD_NEEDED], 0, reason, detail);
  if (self->answers == answers)
    return FALSE;
  self->fresh = FALSE;
  return TRUE;
}

static void
set_no_password_error (GError       **error,
                       const GError  *keyring_error)
{
  if (keyring_error != NULL)
    g_set_error (error, NAWAT_SYNC_SESSION_ERROR, NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD,
                 _("The keyring could not be read: %s"), keyring_error->message);
  else
    g_set_error_literal (error, NAWAT_SYNC_SESSION_ERROR, NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD,
                         _("No password is saved for this account"));
}

/* After a keyring lookup: the password to use is set on the client.
 * FALSE when there is none and nobody gave one.
 */
static gboolean
use_password (NawatSyncSession *self,
              char             *keyring_password,
              const GError     *keyring_error)
{
  if (keyring_password != NULL)
    {
      nawat_couch_set_credentials (self->couch, self->user, keyring_password);
      nawat_credentials_free_password (keyring_password);
      return TRUE;
    }
  /* A password given earlier and not kept in the keyring. */
  if (self->password != NULL)
    {
      nawat_couch_set_credentials (self->couch, self->user, self->password);
      return TRUE;
    }
  return ask_password (self, NAWAT_SYNC_PASSWORD_MISSING,
                       keyring_error != NULL ? keyring_error->message : NULL);
}

static void
on_sync_progress_cb (NawatSyncSession *self,
                     guint             documents,
                     guint64           bytes)
{
  g_signal_emit (self, signals[PROGRESS], 0, documents, bytes);
}

static void
on_sync_files_progress_cb (NawatSyncSession *self,
                           gint64            done,
                           gint64            total)
{
  g_signal_emit (self, signals[FILES_PROGRESS], 0, done, total);
}

static void
on_sync_network_cb (NawatSyncSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_AVAILABLE]);
}

static void
on_sync_network_returned_cb (NawatSyncSession *self)
{
  g_signal_emit (self, signals[NETWORK_RETURNED], 0);
  if (self->sync_on_network && !self->running)
    nawat_sync_session_run_async (self, NULL, NULL, NULL);
}

/* Blocking */

NawatSyncResult *
nawat_sync_session_run (NawatSyncSession  *self,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);
  g_return_val_if_fail (!self->running, NULL);

  if (self->fresh)
    self->fresh = FALSE;
  else
    {
      char *password = nawat_credentials_lookup (self->server_url, self->user,
                                                 cancellable, &local_error);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!use_password (self, password, local_error))
        {
          set_no_password_error (error, local_error);
          return NULL;
        }
      g_clear_error (&local_error);
    }

  set_running (self, TRUE);
  for (;;)
    {
      result = nawat_sync_run (self->sync, cancellable, &local_error);
      if (result != NULL
          || !g_error_matches (local_error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED))
        break;
      forget_password (self);
      if (!ask_password (self, NAWAT_SYNC_PASSWORD_REFUSED, local_error->message))
        break;
      g_clear_error (&local_error);
    }
  set_running (self, FALSE);

  if (result == NULL)
    {
      self->remember = FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (self->remember)
    {
      self->remember = FALSE;
      if (!nawat_credentials_store (self->server_url, self->user, self->password,
                                    NULL, &local_error))
        g_signal_emit (self, signals[PASSWORD_NOT_SAVED], 0, local_error->message);
    }
  return g_steal_pointer (&result);
}

/* Asynchronous */

static void start_round (GTask *task);

/* The round is over, with @result: the session is no longer running. */
static void
return_result (GTask           *task,
               NawatSyncResult *result)
{
  NawatSyncSession *self = g_task_get_source_object (task);

  set_running (self, FALSE);
  g_task_return_pointer (task, result, (GDestroyNotify) nawat_sync_result_free);
}

static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *async_result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NawatSyncSession *self = g_task_get_source_object (task);
  NawatSyncResult *result = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!nawat_credentials_store_finish (async_result, &error))
    g_signal_emit (self, signals[PASSWORD_NOT_SAVED], 0, error->message);
  g_task_set_task_data (task, NULL, NULL);
  return_result (task, result);
}

static void
on_round_done_cb (GObject      *object,
                  GAsyncResult *async_result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NawatSyncSession *self = g_task_get_source_object (task);
  NawatSyncResult *result;
  g_autoptr(GError) error = NULL;

  result = nawat_sync_run_finish (NAWAT_SYNC (object), async_result, &error);
  if (result == NULL)
    {
      if (g_error_matches (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED))
        {
          forget_password (self);
          if (ask_password (self, NAWAT_SYNC_PASSWORD_REFUSED, error->message))
            {
              start_round (g_steal_pointer (&task));
              return;
            }
        }
      self->remember = FALSE;
      set_running (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->remember)
    {
      self->remember = FALSE;
      g_task_set_task_data (task, result, NULL);
      nawat_credentials_store_async (self->server_url, self->user, self->password, NULL,
                                     on_password_stored_cb, g_steal_pointer (&task));
      return;
    }
  return_result (task, result);
}

static void
start_round (GTask *task)
{
  NawatSyncSession *self = g_task_get_source_object (task);

  set_running (self, TRUE);
  nawat_sync_run_async (self->sync, g_task_get_cancellable (task), on_round_done_cb, task);
}

static void
on_lookup_done_cb (GObject      *object,
                   GAsyncResult *async_result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NawatSyncSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) no_password = NULL;
  char *password;

  password = nawat_credentials_lookup_finish (async_result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_running (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (use_password (self, password, error))
    {
      start_round (g_steal_pointer (&task));
      return;
    }
  set_running (self, FALSE);
  set_no_password_error (&no_password, error);
  g_task_return_error (task, g_steal_pointer (&no_password));
}

void
nawat_sync_session_run_async (NawatSyncSession    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (NAWAT_IS_SYNC_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nawat_sync_session_run_async);
  set_running (self, TRUE);
  if (self->fresh)
    {
      self->fresh = FALSE;
      start_round (g_steal_pointer (&task));
      return;
    }
  nawat_credentials_lookup_async (self->server_url, self->user, cancellable,
                                  on_lookup_done_cb, g_steal_pointer (&task));
}

NawatSyncResult *
nawat_sync_session_run_finish (NawatSyncSession  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors */

void
nawat_sync_session_set_password (NawatSyncSession *self,
                                 const char       *password,
                                 gboolean          remember)
{
  g_return_if_fail (NAWAT_IS_SYNC_SESSION (self));
  g_return_if_fail (password != NULL);

  g_clear_pointer (&self->password, nawat_credentials_free_password);
  self->password = g_strdup (password);
  self->remember = !!remember;
  self->fresh = TRUE;
  self->answers++;
  nawat_couch_set_credentials (self->couch, self->user, password);
}

gboolean
nawat_sync_session_has_password (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), FALSE);

  return self->password != NULL;
}

void
nawat_sync_session_set_sync_on_network (NawatSyncSession *self,
                                        gboolean          sync_on_network)
{
  g_return_if_fail (NAWAT_IS_SYNC_SESSION (self));

  self->sync_on_network = !!sync_on_network;
}

NawatStore *
nawat_sync_session_get_store (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);

  return self->store;
}

const char *
nawat_sync_session_get_server_url (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);

  return self->server_url;
}

const char *
nawat_sync_session_get_user (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);

  return self->user;
}

const char *
nawat_sync_session_get_call_id (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);

  return self->call_id;
}

NawatCouch *
nawat_sync_session_get_couch (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);

  return self->couch;
}

NawatSync *
nawat_sync_session_get_sync (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), NULL);

  return self->sync;
}

gboolean
nawat_sync_session_get_running (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), FALSE);

  return self->running;
}

gboolean
nawat_sync_session_get_network_available (NawatSyncSession *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_SESSION (self), FALSE);

  return nawat_sync_get_network_available (self->sync);
}

/* GObject */

static void
nawat_sync_session_dispose (GObject *object)
{
  NawatSyncSession *self = NAWAT_SYNC_SESSION (object);

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->couch);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nawat_sync_session_parent_class)->dispose (object);
}

static void
nawat_sync_session_finalize (GObject *object)
{
  NawatSyncSession *self = NAWAT_SYNC_SESSION (object);

  g_clear_pointer (&self->password, nawat_credentials_free_password);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->call_id, g_free);

  G_OBJECT_CLASS (nawat_sync_session_parent_class)->finalize (object);
}

static void
nawat_sync_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatSyncSession *self = NAWAT_SYNC_SESSION (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, nawat_sync_session_get_network_available (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_sync_session_class_init (NawatSyncSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nawat_sync_session_dispose;
  object_class->finalize = nawat_sync_session_finalize;
  object_class->get_property = nawat_sync_session_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NETWORK_AVAILABLE] =
    g_param_spec_boolean ("network-available", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NawatSyncSession::password-needed:
   * @self: the session
   * @reason: a #NawatSyncPasswordReason
   * @detail: (nullable): the server's refusal or the keyring's problem
   *
   * A round needs a password; answer with nawat_sync_session_set_password().
   */
  signals[PASSWORD_NEEDED] =
    g_signal_new ("password-needed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  /**
   * NawatSyncSession::password-not-saved:
   * @self: the session
   * @message: why the keyring refused it
   *
   * The server accepted a password to remember; the keyring could not
   * store it.
   */
  signals[PASSWORD_NOT_SAVED] =
    g_signal_new ("password-not-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * NawatSyncSession::progress:
   * @self: the session
   * @documents: documents pulled or pushed so far
   * @bytes: bytes moved so far
   *
   * The round moves on.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT64);

  /**
   * NawatSyncSession::network-returned:
   * @self: the session
   *
   * The network became available again: a good moment to sync.
   */
  signals[NETWORK_RETURNED] =
    g_signal_new ("network-returned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * NawatSyncSession::files-progress:
   * @self: the session
   * @done: bytes of the projects' files fetched so far
   * @total: what the files lacking came to, in bytes
   *
   * The files' contents come in.
   */
  signals[FILES_PROGRESS] =
    g_signal_new ("files-progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
nawat_sync_session_init (NawatSyncSession *self)
{
}

NawatSyncSession *
nawat_sync_session_new (NawatStore  *store,
                        const char  *server_url,
                        const char  *user,
                        const char  *call_id,
                        GError     **error)
{
  g_autoptr(NawatSyncSession) self = NULL;
  g_autoptr(NawatCouch) couch = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  couch = nawat_couch_new (server_url, error);
  if (couch == NULL)
    return NULL;

  self = g_object_new (NAWAT_TYPE_SYNC_SESSION, NULL);
  self->store = g_object_ref (store);
  self->server_url = g_strdup (server_url);
  self->user = g_strdup (user);
  self->call_id = g_strdup (call_id);
  self->couch = g_steal_pointer (&couch);
  self->sync = nawat_sync_new (store, self->couch, call_id, user);
  g_signal_connect_object (self->sync, "progress", G_CALLBACK (on_sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "files-progress", G_CALLBACK (on_sync_files_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::network-available",
                           G_CALLBACK (on_sync_network_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "network-returned",
                           G_CALLBACK (on_sync_network_returned_cb), self, G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}
