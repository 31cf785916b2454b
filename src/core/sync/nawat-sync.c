/* nawat-sync.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-sync.h"
#include "nawat-sync-private.h"

#include <glib/gi18n-lib.h>

/* Changes per request, written in one transaction (some 80 ms for 1,000
 * projects; autosaves wait for it off the main thread).  Smaller requests
 * cost the server more: a call of 400,000 projects took PouchDB Server 43 s
 * of processor time to send in batches of 1,000, 56 s in batches of 250.
 */
#define DEFAULT_BATCH_SIZE 1000

G_DEFINE_FINAL_TYPE (NawatSync, nawat_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COUCH,
  PROP_CALL_ID,
  PROP_USER,
  PROP_NETWORK_AVAILABLE,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROGRESS,
  NETWORK_RETURNED,
  FILES_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
nawat_sync_result_free (NawatSyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->messages, g_ptr_array_unref);
  g_free (result);
}

gboolean
nawat_sync_result_is_complete (NawatSyncResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  return result->conflicts == 0 && result->refused == 0 && result->errors == 0
         && result->quarantined == 0 && result->pending == 0 && result->files_refused == 0;
}

char *
nawat_sync_result_to_string (NawatSyncResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (result->files_refused > 0)
    return g_strdup_printf (_("pulled %u, pushed %u (merged %u), conflicts %u, refused %u, "
                              "quarantined %u, errors %u, pending %u, files refused %u"),
                            result->pulled, result->pushed, result->merged,
                            result->conflicts, result->refused, result->quarantined,
                            result->errors, result->pending, result->files_refused);
  return g_strdup_printf (_("pulled %u, pushed %u (merged %u), conflicts %u, refused %u, "
                            "quarantined %u, errors %u, pending %u"),
                          result->pulled, result->pushed, result->merged,
                          result->conflicts, result->refused, result->quarantined,
                          result->errors, result->pending);
}

void
_nawat_sync_add_message (NawatSyncRound *round,
                         const char     *id,
                         const char     *reason)
{
  g_autofree char *prefix = g_strconcat (id, ": ", NULL);

  /* The codec's messages already start with the document id. */
  if (g_str_has_prefix (reason, prefix))
    g_ptr_array_add (round->result->messages, g_strdup (reason));
  else
    g_ptr_array_add (round->result->messages, g_strconcat (prefix, reason, NULL));
}

/* Progress */

typedef struct
{
  NawatSync *self;
  guint      documents;
  guint64    bytes;
  gint64     files_done;
  gint64     files_total;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
emit_progress_cb (gpointer data)
{
  Progress *progress = data;

  g_signal_emit (progress->self, signals[PROGRESS], 0, progress->documents, progress->bytes);
  if (progress->files_total > 0)
    g_signal_emit (progress->self, signals[FILES_PROGRESS], 0, progress->files_done,
                   progress->files_total);
  return G_SOURCE_REMOVE;
}

void
_nawat_sync_report_progress (NawatSyncRound *round)
{
  NawatCouch *couch = round->self->couch;
  guint64 bytes = nawat_couch_get_bytes_received (couch) + nawat_couch_get_bytes_sent (couch);

  if (round->context == NULL)
    {
      g_signal_emit (round->self, signals[PROGRESS], 0, round->documents, bytes);
      if (round->files_total > 0)
        g_signal_emit (round->self, signals[FILES_PROGRESS], 0, round->files_done,
                       round->files_total);
    }
  else
    {
      Progress *progress = g_new0 (Progress, 1);
      GSource *source = g_idle_source_new ();

      progress->self = g_object_ref (round->self);
      progress->documents = round->documents;
      progress->bytes = bytes;
      progress->files_done = round->files_done;
      progress->files_total = round->files_total;
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_progress_cb, progress, (GDestroyNotify) progress_free);
      g_source_attach (source, round->context);
      g_source_unref (source);
    }
}

/* Helpers shared by the pull and the push */

const char *
_nawat_sync_member_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_nawat_sync_invalid_answer (const char  *what,
                            GError     **error)
{
  g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
               _("The server sent an invalid answer: %s"), what);
  return FALSE;
}

static NawatSyncResult *
run_round (NawatSyncRound  *round,
           GError         **error)
{
  if (g_cancellable_set_error_if_cancelled (round->cancellable, error))
    return NULL;
  /* The scores go out before the files come in. */
  if (!_nawat_sync_pull_all (round, error) || !_nawat_sync_push_all (round, error)
      || !_nawat_sync_pull_attachments (round, error) || !_nawat_sync_count_left (round, error))
    return NULL;
  return g_steal_pointer (&round->result);
}

static NawatSyncRound *
round_new (NawatSync    *self,
           GCancellable *cancellable,
           GMainContext *context)
{
  NawatSyncRound *round = g_new0 (NawatSyncRound, 1);

  round->self = g_object_ref (self);
  round->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  round->context = context != NULL ? g_main_context_ref (context) : NULL;
  round->result = g_new0 (NawatSyncResult, 1);
  round->result->messages = g_ptr_array_new_with_free_func (g_free);
  round->skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return round;
}

static void
round_free (NawatSyncRound *round)
{
  g_clear_object (&round->self);
  g_clear_object (&round->cancellable);
  g_clear_pointer (&round->context, g_main_context_unref);
  g_clear_pointer (&round->result, nawat_sync_result_free);
  g_clear_pointer (&round->skip, g_hash_table_unref);
  g_free (round);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatSyncRound, round_free)

/* GObject */

static void
set_running (NawatSync *self,
             gboolean   running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_network_changed_cb (NawatSync       *self,
                       gboolean         available,
                       GNetworkMonitor *monitor)
{
  gboolean was = self->network_available;

  if (was == available)
    return;
  self->network_available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_AVAILABLE]);
  if (available)
    g_signal_emit (self, signals[NETWORK_RETURNED], 0);
}

static void
nawat_sync_constructed (GObject *object)
{
  NawatSync *self = NAWAT_SYNC (object);

  G_OBJECT_CLASS (nawat_sync_parent_class)->constructed (object);

  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
nawat_sync_dispose (GObject *object)
{
  NawatSync *self = NAWAT_SYNC (object);

  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->couch);

  G_OBJECT_CLASS (nawat_sync_parent_class)->dispose (object);
}

static void
nawat_sync_finalize (GObject *object)
{
  NawatSync *self = NAWAT_SYNC (object);

  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (nawat_sync_parent_class)->finalize (object);
}

static void
nawat_sync_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NawatSync *self = NAWAT_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COUCH:
      g_value_set_object (value, self->couch);
      break;
    case PROP_CALL_ID:
      g_value_set_string (value, self->call_id);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->network_available);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_sync_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NawatSync *self = NAWAT_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_COUCH:
      self->couch = g_value_dup_object (value);
      break;
    case PROP_CALL_ID:
      self->call_id = g_value_dup_string (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_sync_class_init (NawatSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nawat_sync_constructed;
  object_class->dispose = nawat_sync_dispose;
  object_class->finalize = nawat_sync_finalize;
  object_class->get_property = nawat_sync_get_property;
  object_class->set_property = nawat_sync_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, NAWAT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUCH] =
    g_param_spec_object ("couch", NULL, NULL, NAWAT_TYPE_COUCH,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALL_ID] =
    g_param_spec_string ("call-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORK_AVAILABLE] =
    g_param_spec_boolean ("network-available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NawatSync::progress:
   * @self: the sync
   * @documents: documents pulled and pushed so far in this round
   * @bytes: bytes received and sent so far
   *
   * Emitted on the caller's main context while a round runs.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT64);

  /**
   * NawatSync::files-progress:
   * @self: the sync
   * @done: bytes of the projects' files fetched so far in this round
   * @total: what the files lacking at the start came to, in bytes
   *
   * Emitted as "progress" is, while the files' contents are fetched.
   */
  signals[FILES_PROGRESS] =
    g_signal_new ("files-progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  /**
   * NawatSync::network-returned:
   * @self: the sync
   *
   * The network became available again: the UI may start a round.
   */
  signals[NETWORK_RETURNED] =
    g_signal_new ("network-returned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
nawat_sync_init (NawatSync *self)
{
  self->batch_size = DEFAULT_BATCH_SIZE;
  self->network_available = TRUE;
}

NawatSync *
nawat_sync_new (NawatStore *store,
                NawatCouch *couch,
                const char *call_id,
                const char *user)
{
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (NAWAT_IS_COUCH (couch), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  return g_object_new (NAWAT_TYPE_SYNC,
                       "store", store,
                       "couch", couch,
                       "call-id", call_id,
                       "user", user,
                       NULL);
}

gboolean
nawat_sync_get_network_available (NawatSync *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC (self), FALSE);

  return self->network_available;
}

gboolean
nawat_sync_get_running (NawatSync *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC (self), FALSE);

  return self->running;
}

void
nawat_sync_set_batch_size (NawatSync *self,
                           guint      batch_size)
{
  g_return_if_fail (NAWAT_IS_SYNC (self));
  g_return_if_fail (batch_size > 0);

  self->batch_size = batch_size;
}

NawatSyncResult *
nawat_sync_run (NawatSync     *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(NawatSyncRound) round = NULL;

  g_return_val_if_fail (NAWAT_IS_SYNC (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  round = round_new (self, cancellable, NULL);
  return run_round (round, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NawatSyncRound *round = task_data;
  GError *error = NULL;
  NawatSyncResult *result = run_round (round, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) nawat_sync_result_free);
}

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
} Done;

static void
on_round_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Done *done = data;

  /* The round is over before the caller hears of it. */
  set_running (NAWAT_SYNC (source), FALSE);
  if (done->callback != NULL)
    done->callback (source, result, done->user_data);
  g_free (done);
}

void
nawat_sync_run_async (NawatSync           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GMainContext *context;

  g_return_if_fail (NAWAT_IS_SYNC (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->running)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, nawat_sync_run_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sync is already running"));
      return;
    }

  {
    Done *done = g_new0 (Done, 1);

    done->callback = callback;
    done->user_data = user_data;
    task = g_task_new (self, cancellable, on_round_done_cb, done);
  }
  g_task_set_source_tag (task, nawat_sync_run_async);

  set_running (self, TRUE);
  context = g_main_context_get_thread_default ();
  if (context == NULL)
    context = g_main_context_default ();
  g_task_set_task_data (task, round_new (self, cancellable, context),
                        (GDestroyNotify) round_free);
  g_task_run_in_thread (task, run_thread);
}

NawatSyncResult *
nawat_sync_run_finish (NawatSync     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (NAWAT_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nawat_sync_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
