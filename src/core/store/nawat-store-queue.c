/* nawat-store-queue.c: the store's database thread, and its signals
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store-internal-private.h"

/* The database thread.
 *
 * Every _async function of the store, and every job a face hands to
 * nawat_store_run_async(), runs on one thread of the store, one at a time,
 * in the order asked for: a read asked for after a save sees it, and the
 * main thread never waits for the store (a pull's batch, another process's
 * write).  The synchronous functions stay for nawat-cli, the tests and the
 * threads of their own (sync, export, statistics); a save made with them
 * first waits for the saves queued before it.
 */

typedef struct
{
  NawatStore      *store;
  GTask           *task;
  GTaskThreadFunc  func;
  gboolean         save;
} QueueJob;

static void
queue_run (gpointer data,
           gpointer user_data)
{
  QueueJob *job = data;
  NawatStore *self = job->store;

  g_atomic_pointer_set (&self->queue_thread, g_thread_self ());

  if (!g_task_return_error_if_cancelled (job->task))
    job->func (job->task, g_task_get_source_object (job->task),
               g_task_get_task_data (job->task), g_task_get_cancellable (job->task));

  if (job->save)
    {
      g_mutex_lock (&self->queue_lock);
      self->n_saves--;
      g_cond_broadcast (&self->saves_done);
      g_mutex_unlock (&self->queue_lock);
    }

  g_atomic_pointer_set (&self->queue_thread, NULL);
  g_object_unref (job->task);
  /* The last reference may go here: finalize then frees the pool without
   * waiting for this thread.
   */
  g_object_unref (job->store);
  g_free (job);
}

/* Queues @func for @task on the database thread; @save: it is a save,
 * which _nawat_store_wait_for_saves() waits for.
 */
void
_nawat_store_queue_push (NawatStore      *self,
                         GTask           *task,
                         GTaskThreadFunc  func,
                         gboolean         save)
{
  QueueJob *job = g_new (QueueJob, 1);

  job->store = g_object_ref (self);
  job->task = g_object_ref (task);
  job->func = func;
  job->save = save;

  g_mutex_lock (&self->queue_lock);
  if (self->queue == NULL)
    self->queue = g_thread_pool_new (queue_run, NULL, 1, FALSE, NULL);
  if (save)
    self->n_saves++;
  g_mutex_unlock (&self->queue_lock);

  g_thread_pool_push (self->queue, job, NULL);
}

/* Waits for the saves asked for before, which are older versions; on the
 * database thread itself they are made already (it runs jobs in order).
 */
void
_nawat_store_wait_for_saves (NawatStore *self)
{
  if (g_atomic_pointer_get (&self->queue_thread) == g_thread_self ())
    return;

  g_mutex_lock (&self->queue_lock);
  while (self->n_saves > 0)
    g_cond_wait (&self->saves_done, &self->queue_lock);
  g_mutex_unlock (&self->queue_lock);
}

void
_nawat_store_queue_free (NawatStore *self)
{
  /* Every job is run: each held a reference.  This may run on the pool's
   * own thread, which must not wait for itself.
   */
  if (self->queue != NULL)
    g_thread_pool_free (g_steal_pointer (&self->queue), FALSE, FALSE);
}

/**
 * nawat_store_run_async:
 * @self: a store
 * @task: the task @func returns its result to
 * @func: what to do with the store
 *
 * Runs @func on the store's database thread, after every job and save
 * asked for before, as g_task_run_in_thread() would on a thread of its
 * own.  @func uses the store's synchronous functions.  A task whose
 * cancellable is cancelled by then returns %G_IO_ERROR_CANCELLED without
 * running @func.
 */
void
nawat_store_run_async (NawatStore      *self,
                       GTask           *task,
                       GTaskThreadFunc  func)
{
  g_return_if_fail (NAWAT_IS_STORE (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  _nawat_store_queue_push (self, task, func, FALSE);
}

/* Opening a project */

typedef struct
{
  NawatCall       *call;
  char            *project_id;
  char            *evaluator;
  NawatProject    *project;
  NawatRubric     *rubric;
  NawatEvaluation *evaluation;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->call);
  g_free (job->project_id);
  g_free (job->evaluator);
  g_clear_object (&job->project);
  g_clear_object (&job->rubric);
  g_clear_object (&job->evaluation);
  g_free (job);
}

/* The evaluator's own evaluation of the project: the stored one, or a new
 * draft, stored only once something is entered.
 */
static NawatEvaluation *
dup_own_evaluation (NawatStore    *self,
                    OpenJob       *job,
                    GError       **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) local_error = NULL;
  NawatEvaluation *evaluation;

  id = g_strdup_printf ("evaluation:%s:%s:%s",
                        nawat_project_get_call (job->project),
                        nawat_project_get_code (job->project),
                        job->evaluator);
  evaluation = nawat_store_get_evaluation (self, id, &local_error);
  if (evaluation != NULL)
    return evaluation;

  if (!g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return nawat_evaluation_new (job->project_id, job->evaluator,
                               nawat_document_get_id (NAWAT_DOCUMENT (job->rubric)));
}

static void
open_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  NawatStore *self = source_object;
  OpenJob *job = task_data;
  GError *error = NULL;

  job->project = nawat_store_get_project (self, job->project_id, &error);
  if (job->project != NULL)
    job->rubric = nawat_store_get_call_rubric (self, job->call, &error);
  if (job->rubric != NULL && job->evaluator != NULL)
    job->evaluation = dup_own_evaluation (self, job, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * nawat_store_open_project_async:
 * @self: a store
 * @call: the call the project is shown in
 * @project_id: the project's document id
 * @evaluator: (nullable): who scores it, or %NULL when the project is only
 *   read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the project is read
 * @user_data: data for @callback
 *
 * Reads, on the database thread, what a window shows of a project: the
 * project, the call's rubric (or the default one) and @evaluator's own
 * evaluation of it, the stored one or a new draft.
 */
void
nawat_store_open_project_async (NawatStore          *self,
                                NawatCall           *call,
                                const char          *project_id,
                                const char          *evaluator,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (NAWAT_IS_STORE (self));
  g_return_if_fail (NAWAT_IS_CALL (call));
  g_return_if_fail (project_id != NULL);

  job = g_new0 (OpenJob, 1);
  job->call = g_object_ref (call);
  job->project_id = g_strdup (project_id);
  job->evaluator = g_strdup (evaluator);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nawat_store_open_project_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  _nawat_store_queue_push (self, task, open_project_thread, FALSE);
}

/**
 * nawat_store_open_project_finish:
 * @self: a store
 * @result: the result given to the callback
 * @project: (out) (transfer full): the project
 * @rubric: (out) (transfer full): the rubric it is scored with
 * @evaluation: (out) (transfer full) (nullable): the evaluator's
 *   evaluation, %NULL when no evaluator was given
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the project was read
 */
gboolean
nawat_store_open_project_finish (NawatStore       *self,
                                 GAsyncResult     *result,
                                 NawatProject    **project,
                                 NawatRubric     **rubric,
                                 NawatEvaluation **evaluation,
                                 GError          **error)
{
  OpenJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        nawat_store_open_project_async, FALSE);
  g_return_val_if_fail (project != NULL && rubric != NULL && evaluation != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  *project = g_steal_pointer (&job->project);
  *rubric = g_steal_pointer (&job->rubric);
  *evaluation = g_steal_pointer (&job->evaluation);
  return TRUE;
}

/* Signals
 *
 * A write may be committed on any thread; its signals are emitted on the
 * main context the store was opened in, from that context's loop, in the
 * order of the writes.  The projects changed while the loop was busy are
 * told once each; a reset makes the projects changed before it moot.
 */

static gboolean
emit_pending_cb (gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(NawatStore) self = g_weak_ref_get (ref);
  g_autoptr(GPtrArray) changed = NULL;
  gboolean reset;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->signals_lock);
  changed = g_steal_pointer (&self->changed_pending);
  g_clear_pointer (&self->changed_set, g_hash_table_unref);
  reset = self->reset_pending;
  self->reset_pending = FALSE;
  self->signals_queued = FALSE;
  g_mutex_unlock (&self->signals_lock);

  if (reset)
    _nawat_store_emit_reset_now (self);
  for (guint i = 0; changed != NULL && i < changed->len; i++)
    _nawat_store_emit_project_changed_now (self, g_ptr_array_index (changed, i));

  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Under signals_lock. */
static void
queue_emission (NawatStore *self)
{
  GWeakRef *ref;
  g_autoptr(GSource) source = NULL;

  if (self->signals_queued)
    return;
  self->signals_queued = TRUE;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_pending_cb, ref, weak_ref_free);
  g_source_set_static_name (source, "[nawat] store signals");
  g_source_attach (source, self->context);
}

void
_nawat_store_emit_project_changed (NawatStore *self,
                                   const char *project_id)
{
  if (!_nawat_store_has_listeners (self))
    return;

  g_mutex_lock (&self->signals_lock);
  if (self->changed_pending == NULL)
    {
      self->changed_pending = g_ptr_array_new_with_free_func (g_free);
      self->changed_set = g_hash_table_new (g_str_hash, g_str_equal);
    }
  /* Told once each, in the order first changed. */
  if (!g_hash_table_contains (self->changed_set, project_id))
    {
      char *id = g_strdup (project_id);

      g_ptr_array_add (self->changed_pending, id);
      g_hash_table_add (self->changed_set, id);
    }
  queue_emission (self);
  g_mutex_unlock (&self->signals_lock);
}

void
_nawat_store_emit_reset (NawatStore *self)
{
  if (!_nawat_store_has_listeners (self))
    return;

  g_mutex_lock (&self->signals_lock);
  g_clear_pointer (&self->changed_set, g_hash_table_unref);
  g_clear_pointer (&self->changed_pending, g_ptr_array_unref);
  self->reset_pending = TRUE;
  queue_emission (self);
  g_mutex_unlock (&self->signals_lock);
}
