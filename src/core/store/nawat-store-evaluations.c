/* nawat-store-evaluations.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-codec.h"
#include "nawat-merge.h"
#include "nawat-scoring.h"
#include "nawat-store-internal-private.h"

#include <glib/gi18n-lib.h>

/* Checking and writing */

gboolean
_nawat_store_check_evaluation (NawatStore       *self,
                               NawatEvaluation  *evaluation,
                               NawatScore       *score,
                               GError          **error)
{
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (evaluation));
  NawatRubric *rubric = _nawat_store_lookup_rubric (self, nawat_evaluation_get_rubric (evaluation));
  g_autoptr(GError) local_error = NULL;

  if (rubric == NULL)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("%s: rubric: unknown rubric “%s”"),
                   id, nawat_evaluation_get_rubric (evaluation));
      return FALSE;
    }

  if (!nawat_codec_check_evaluation (evaluation, rubric, &local_error))
    {
      g_set_error_literal (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }

  nawat_scoring_compute (rubric, evaluation, score);

  if (nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
    {
      if (nawat_evaluation_get_conflict_declared (evaluation))
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                       _("%s: status: a conflict of interest is declared, the evaluation cannot be submitted"),
                       id);
          return FALSE;
        }
      if (!score->complete)
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                       _("%s: status: the evaluation is incomplete and cannot be submitted"),
                       id);
          return FALSE;
        }
    }

  return TRUE;
}

/* Writes an evaluation.  @local: an edit of this computer (it goes to the
 * outbox); otherwise a version from outside, which becomes the merge base
 * when it carries a server revision.
 */
gboolean
_nawat_store_put_evaluation (NawatStore       *self,
                             NawatEvaluation  *evaluation,
                             const char       *json,
                             gboolean          local,
                             GError          **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;
  NawatScore score = { 0, };
  const char *rev = nawat_document_get_rev (NAWAT_DOCUMENT (evaluation));

  if (!_nawat_store_check_evaluation (self, evaluation, &score, error))
    return FALSE;

  if (local)
    stmt = store_prepare (self,
                          "INSERT INTO evaluations (id, project, evaluator, status, "
                          "composite, completeness, conflict, json, rev, updated, dirty, seq) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, "
                          "(SELECT coalesce (max (seq), 0) + 1 FROM evaluations)) "
                          "ON CONFLICT (id) DO UPDATE SET project = excluded.project, "
                          "evaluator = excluded.evaluator, status = excluded.status, "
                          "composite = excluded.composite, "
                          "completeness = excluded.completeness, "
                          "conflict = excluded.conflict, json = excluded.json, "
                          "rev = excluded.rev, updated = excluded.updated, dirty = 1, "
                          "seq = excluded.seq",
                          error);
  else
    stmt = store_prepare (self,
                          "INSERT INTO evaluations (id, project, evaluator, status, "
                          "composite, completeness, conflict, json, rev, updated, "
                          "dirty, base_json, seq) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, "
                          "(SELECT coalesce (max (seq), 0) + 1 FROM evaluations)) "
                          "ON CONFLICT (id) DO UPDATE SET project = excluded.project, "
                          "evaluator = excluded.evaluator, status = excluded.status, "
                          "composite = excluded.composite, "
                          "completeness = excluded.completeness, "
                          "conflict = excluded.conflict, json = excluded.json, "
                          "rev = excluded.rev, updated = excluded.updated, dirty = 0, "
                          "base_json = excluded.base_json, seq = excluded.seq",
                          error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, nawat_document_get_id (NAWAT_DOCUMENT (evaluation)));
  bind_text_static (stmt, 2, nawat_evaluation_get_project (evaluation));
  bind_text_static (stmt, 3, nawat_evaluation_get_evaluator (evaluation));
  bind_text_static (stmt, 4, nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  if (score.complete)
    sqlite3_bind_double (stmt, 5, score.composite);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_double (stmt, 6, score.completeness);
  sqlite3_bind_int (stmt, 7, nawat_evaluation_get_conflict_declared (evaluation) ? 1 : 0);
  bind_text_static (stmt, 8, json);
  bind_text_static (stmt, 9, rev);
  bind_text_static (stmt, 10, nawat_evaluation_get_updated (evaluation));
  if (!local)
    bind_text_static (stmt, 11, rev != NULL ? json : NULL);

  return store_step_done (self, stmt, error);
}

/* Reading */

NawatEvaluation *
nawat_store_get_evaluation (NawatStore  *self,
                            const char  *id,
                            GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _nawat_store_get (self, "SELECT json FROM evaluations WHERE id = ?", id,
                           NAWAT_TYPE_EVALUATION, error);
}

GPtrArray *
nawat_store_list_evaluations (NawatStore  *self,
                              const char  *project_id,
                              GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return _nawat_store_list (self,
                            "SELECT json FROM evaluations WHERE project = ? ORDER BY evaluator",
                            project_id, NAWAT_TYPE_EVALUATION, error);
}

/* The autosave path */

/* The JSON of evaluation @id as stored; NULL with no error when there is
 * none.  Lock held.
 */
gboolean
_nawat_store_dup_evaluation_json_locked (NawatStore  *self,
                                         const char  *id,
                                         char       **json,
                                         GError     **error)
{
  return _nawat_store_query_text_for_text (self, "SELECT json FROM evaluations WHERE id = ?", id,
                                           json, error);
}

/* Reads, edits and writes evaluation @id; lock held, inside the caller's
 * write transaction, which is what keeps another writer out between the
 * read and the write.
 */
static NawatEvaluation *
edit_locked (NawatStore          *self,
             const char          *id,
             NawatEvaluation     *initial,
             NawatStoreEditFunc   edit,
             gpointer             user_data,
             gboolean             resolve,
             GError             **error)
{
  g_autofree char *stored_json = NULL;
  g_autofree char *json = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;

  if (!_nawat_store_dup_evaluation_json_locked (self, id, &stored_json, error))
    return NULL;

  if (stored_json != NULL)
    {
      g_autoptr(NawatDocument) document = nawat_codec_from_data (stored_json, -1, error);

      if (document == NULL)
        return NULL;
      if (!NAWAT_IS_EVALUATION (document))
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                       _("%s: type: unexpected document type in the store"), id);
          return NULL;
        }
      evaluation = NAWAT_EVALUATION (g_steal_pointer (&document));
    }
  else if (initial != NULL)
    evaluation = nawat_evaluation_copy (initial);
  else
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                   _("No document “%s” in the store"), id);
      return NULL;
    }

  if (!edit (evaluation, stored_json != NULL, user_data, error))
    return NULL;

  /* Writing what is stored would only queue it for push again; a
   * resolution is written whatever it chose, to be pushed.
   */
  json = nawat_codec_to_data (NAWAT_DOCUMENT (evaluation), NULL);
  if ((resolve || g_strcmp0 (json, stored_json) != 0) &&
      !_nawat_store_put_evaluation (self, evaluation, json, TRUE, error))
    return NULL;

  return g_steal_pointer (&evaluation);
}

/* One write transaction around edit_locked(); @resolve: the conflicts of
 * @id are forgotten in it too.
 */
NawatEvaluation *
_nawat_store_edit (NawatStore          *self,
                   const char          *id,
                   NawatEvaluation     *initial,
                   NawatStoreEditFunc   edit,
                   gpointer             user_data,
                   gboolean             resolve,
                   GError             **error)
{
  g_autoptr(NawatEvaluation) evaluation = NULL;

  g_mutex_lock (&self->lock);

  /* BEGIN IMMEDIATE takes the write lock before the read (waiting for
   * another connection as long as the busy timeout allows): a plain BEGIN
   * would read first and could then fail to write, or write over a version
   * it did not read.
   */
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    goto fail;
  evaluation = edit_locked (self, id, initial, edit, user_data, resolve, error);
  if (evaluation == NULL)
    goto fail;
  if (resolve
      && !_nawat_store_exec_with_id (self, "DELETE FROM conflicts WHERE evaluation = ?", id, error))
    goto fail;
  if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);
  _nawat_store_emit_project_changed (self, nawat_evaluation_get_project (evaluation));
  return g_steal_pointer (&evaluation);

fail:
  rollback (self);
  g_mutex_unlock (&self->lock);
  return NULL;
}

NawatEvaluation *
nawat_store_edit_evaluation (NawatStore          *self,
                             const char          *id,
                             NawatEvaluation     *initial,
                             NawatStoreEditFunc   edit,
                             gpointer             user_data,
                             GError             **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (initial == NULL || NAWAT_IS_EVALUATION (initial), NULL);
  g_return_val_if_fail (edit != NULL, NULL);

  _nawat_store_wait_for_saves (self);
  return _nawat_store_edit (self, id, initial, edit, user_data, FALSE, error);
}

typedef struct
{
  NawatEvaluation *base;        /* nullable */
  NawatEvaluation *evaluation;
  gboolean         whole;       /* replace the stored version */
  guint            n_clashes;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->base);
  g_clear_object (&job->evaluation);
  g_free (job);
}

/* Applies the changes from job->base to job->evaluation onto the stored
 * version, field by field: the fields of nawat_merge_dup_fields(), and the
 * time of the change.  Every other member keeps its stored value, so a
 * member that a form may change must be one of those fields (as it must
 * for sync's merge).
 */
static gboolean
apply_changes (NawatEvaluation  *stored,
               gboolean          was_stored,
               gpointer          user_data,
               GError          **error)
{
  SaveJob *job = user_data;
  g_auto(GStrv) fields = nawat_merge_dup_fields (job->base, job->evaluation);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *mine = nawat_merge_dup_field_json (job->evaluation, fields[i]);
      g_autofree char *base = NULL;
      g_autofree char *now = NULL;

      if (job->base != NULL)
        {
          base = nawat_merge_dup_field_json (job->base, fields[i]);
          if (g_strcmp0 (base, mine) == 0)
            continue;
        }

      now = nawat_merge_dup_field_json (stored, fields[i]);
      if (g_strcmp0 (now, mine) == 0)
        continue;
      /* Changed here and, since @base, there too. */
      if (job->base != NULL && g_strcmp0 (now, base) != 0)
        job->n_clashes++;
      if (!nawat_merge_set_field_json (stored, fields[i], mine, error))
        return FALSE;
    }

  nawat_evaluation_set_updated (stored, nawat_evaluation_get_updated (job->evaluation));
  return TRUE;
}

static NawatEvaluation *
save_job_run (NawatStore  *self,
              SaveJob     *job,
              GError     **error)
{
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (job->evaluation));
  g_autofree char *json = NULL;
  gboolean saved;

  if (!job->whole)
    return _nawat_store_edit (self, id, job->evaluation, apply_changes, job, FALSE, error);

  json = nawat_codec_to_data (NAWAT_DOCUMENT (job->evaluation), NULL);

  g_mutex_lock (&self->lock);
  saved = store_exec (self, "BEGIN IMMEDIATE", error)
          && _nawat_store_put_evaluation (self, job->evaluation, json, TRUE, error)
          && store_exec (self, "COMMIT", error);
  if (!saved)
    rollback (self);
  g_mutex_unlock (&self->lock);

  if (!saved)
    return NULL;
  _nawat_store_emit_project_changed (self, nawat_evaluation_get_project (job->evaluation));
  return g_object_ref (job->evaluation);
}

static SaveJob *
save_job_new (NawatEvaluation *base,
              NawatEvaluation *evaluation,
              gboolean         whole)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  /* The versions of now: the caller goes on editing its own. */
  job->base = base != NULL ? nawat_evaluation_copy (base) : NULL;
  job->evaluation = nawat_evaluation_copy (evaluation);
  job->whole = whole;
  return job;
}

gboolean
nawat_store_save_evaluation (NawatStore       *self,
                             NawatEvaluation  *evaluation,
                             GError          **error)
{
  SaveJob job = { NULL, evaluation, TRUE, 0 };
  g_autoptr(NawatEvaluation) saved = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);

  _nawat_store_wait_for_saves (self);
  saved = save_job_run (self, &job, error);
  return saved != NULL;
}

NawatEvaluation *
nawat_store_save_changes (NawatStore       *self,
                          NawatEvaluation  *base,
                          NawatEvaluation  *evaluation,
                          guint            *n_clashes,
                          GError          **error)
{
  SaveJob job = { base, evaluation, FALSE, 0 };
  NawatEvaluation *saved;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (base == NULL || NAWAT_IS_EVALUATION (base), NULL);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), NULL);

  _nawat_store_wait_for_saves (self);
  saved = save_job_run (self, &job, error);
  if (n_clashes != NULL)
    *n_clashes = job.n_clashes;
  return saved;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  NawatEvaluation *saved = save_job_run (source_object, task_data, &error);

  if (saved != NULL)
    g_task_return_pointer (task, saved, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
save_async (NawatStore          *self,
            SaveJob             *job,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  _nawat_store_queue_push (self, task, save_thread, TRUE);
}

void
nawat_store_save_evaluation_async (NawatStore          *self,
                                   NawatEvaluation     *evaluation,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (NAWAT_IS_STORE (self));
  g_return_if_fail (NAWAT_IS_EVALUATION (evaluation));

  save_async (self, save_job_new (NULL, evaluation, TRUE),
              nawat_store_save_evaluation_async, callback, user_data);
}

gboolean
nawat_store_save_evaluation_finish (NawatStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(NawatEvaluation) saved = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        nawat_store_save_evaluation_async, FALSE);

  saved = g_task_propagate_pointer (G_TASK (result), error);
  return saved != NULL;
}

void
nawat_store_save_changes_async (NawatStore          *self,
                                NawatEvaluation     *base,
                                NawatEvaluation     *evaluation,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (NAWAT_IS_STORE (self));
  g_return_if_fail (base == NULL || NAWAT_IS_EVALUATION (base));
  g_return_if_fail (NAWAT_IS_EVALUATION (evaluation));

  save_async (self, save_job_new (base, evaluation, FALSE),
              nawat_store_save_changes_async, callback, user_data);
}

NawatEvaluation *
nawat_store_save_changes_finish (NawatStore    *self,
                                 GAsyncResult  *result,
                                 guint         *n_clashes,
                                 GError       **error)
{
  SaveJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        nawat_store_save_changes_async, NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (n_clashes != NULL)
    *n_clashes = job->n_clashes;
  return g_task_propagate_pointer (G_TASK (result), error);
}
