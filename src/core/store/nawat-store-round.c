/* nawat-store-round.c: the coordinator's changes to a round
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nawat-codec.h"
#include "nawat-round.h"
#include "nawat-store-internal-private.h"

/* What the dashboard and nawat-cli both do to a round, written once: move
 * a deadline, reopen a submitted evaluation.  They read and save through
 * the store's own functions, and change only what the round's rules
 * (nawat-round.c) allow.
 */

/**
 * nawat_store_get_project_call:
 * @self: a store
 * @project: a project
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the call @project belongs to; when the store
 *   does not hold it, %NAWAT_STORE_ERROR_NOT_FOUND naming both
 */
NawatCall *
nawat_store_get_project_call (NawatStore    *self,
                              NawatProject  *project,
                              GError       **error)
{
  g_autofree char *call_doc_id = NULL;
  g_autoptr(GError) local_error = NULL;
  NawatCall *call;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (NAWAT_IS_PROJECT (project), NULL);

  call_doc_id = g_strconcat ("call:", nawat_project_get_call (project), NULL);
  call = nawat_store_get_call (self, call_doc_id, &local_error);
  if (call == NULL && g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                 _("The call “%s” of project “%s” is not in the store: import or sync it first"),
                 nawat_project_get_call (project), nawat_project_get_code (project));
  else if (call == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return call;
}

static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * nawat_store_extend_deadline:
 * @self: a store
 * @call_id: the call's id (not its document id)
 * @evaluator: (nullable): the evaluator given a deadline of their own, or
 *   %NULL for the call's deadline
 * @until: the new deadline
 * @error: return location for a #GError
 *
 * Moves the call's deadline to @until, earlier or later (closing a round
 * early is the coordinator's to decide), or gives @evaluator an extension
 * until @until, recorded in the call: an extension counts when it is later
 * than the call's deadline, so one that is not later than @evaluator's
 * deadline now is refused (%G_IO_ERROR_INVALID_ARGUMENT), as is a name
 * that is not one of the call's evaluators (%NAWAT_ROUND_ERROR_NOT_IN_CALL).
 * Publishing the call puts it on the server.
 *
 * Returns: (transfer full): the call as stored, or %NULL
 */
NawatCall *
nawat_store_extend_deadline (NawatStore  *self,
                             const char  *call_id,
                             const char  *evaluator,
                             GDateTime   *until,
                             GError     **error)
{
  g_autofree char *call_doc_id = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (until != NULL, NULL);

  call_doc_id = g_strconcat ("call:", call_id, NULL);
  call = nawat_store_get_call (self, call_doc_id, error);
  if (call == NULL)
    return NULL;

  iso = format_utc (until);
  if (evaluator == NULL)
    nawat_call_set_deadline (call, iso);
  else
    {
      g_autoptr(GDateTime) current = NULL;

      if (!g_strv_contains (nawat_call_get_evaluators (call), evaluator))
        {
          g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL,
                       _("%s is not one of this call’s evaluators"), evaluator);
          return NULL;
        }

      current = nawat_round_dup_deadline (call, evaluator);
      if (current != NULL && g_date_time_compare (until, current) <= 0)
        {
          g_autofree char *when = format_utc (current);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The new deadline must be later than the current one, %s"), when);
          return NULL;
        }
      nawat_call_set_extension (call, evaluator, iso);
    }

  documents = g_ptr_array_new ();
  g_ptr_array_add (documents, call);
  if (!nawat_store_put_documents (self, documents, error))
    return NULL;

  return g_steal_pointer (&call);
}

static gboolean
refuse_call (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
nawat_store_save_call (NawatStore   *self,
                       NawatCall    *call,
                       NawatRubric  *rubric,
                       gboolean      create,
                       GError      **error)
{
  const NawatText *title;
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_CALL (call), FALSE);
  g_return_val_if_fail (rubric == NULL || NAWAT_IS_RUBRIC (rubric), FALSE);

  title = nawat_call_get_title (call);
  if (title == NULL || ((title->th == NULL || *title->th == '\0') &&
                        (title->en == NULL || *title->en == '\0')))
    return refuse_call (error, _("The call needs a title, in Thai or in English"));
  if (nawat_call_get_year_be (call) == 0)
    return refuse_call (error, _("The call needs its year (Buddhist Era)"));
  if (nawat_call_get_deadline (call) == NULL)
    return refuse_call (error, _("The call needs a deadline"));
  if (rubric != NULL &&
      g_strcmp0 (nawat_call_get_rubric (call), nawat_document_get_id (NAWAT_DOCUMENT (rubric))) != 0)
    return refuse_call (error, _("The call does not name the rubric given with it"));
  if (!nawat_codec_check_document (NAWAT_DOCUMENT (call), error) ||
      (rubric != NULL && !nawat_codec_check_document (NAWAT_DOCUMENT (rubric), error)))
    return FALSE;

  if (create)
    {
      g_autoptr(NawatCall) existing = NULL;
      g_autoptr(GError) local_error = NULL;

      existing = nawat_store_get_call (self, nawat_document_get_id (NAWAT_DOCUMENT (call)),
                                       &local_error);
      if (existing != NULL)
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                       _("A call with the id “%s” exists already"), nawat_call_get_call_id (call));
          return FALSE;
        }
      if (!g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  documents = g_ptr_array_new ();
  if (rubric != NULL)
    g_ptr_array_add (documents, rubric);
  g_ptr_array_add (documents, call);
  return nawat_store_put_documents (self, documents, error);
}

/**
 * nawat_store_reopen_evaluation:
 * @self: a store
 * @evaluation_id: a submitted evaluation's id
 * @coordinator: the coordinator's user name, recorded in "reopened"
 * @error: return location for a #GError
 *
 * Sends a submitted evaluation back to draft as the coordinator, at any
 * time, the deadline passed or not (nawat_round_reopen()), and saves it;
 * the next sync pushes it.
 *
 * Returns: (transfer full): the evaluation as stored, or %NULL
 */
NawatEvaluation *
nawat_store_reopen_evaluation (NawatStore  *self,
                               const char  *evaluation_id,
                               const char  *coordinator,
                               GError     **error)
{
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatCall) call = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (evaluation_id != NULL, NULL);
  g_return_val_if_fail (coordinator != NULL, NULL);

  evaluation = nawat_store_get_evaluation (self, evaluation_id, error);
  if (evaluation == NULL)
    return NULL;
  project = nawat_store_get_project (self, nawat_evaluation_get_project (evaluation), error);
  if (project == NULL)
    return NULL;
  call = nawat_store_get_project_call (self, project, error);
  if (call == NULL
      || !nawat_round_reopen (call, evaluation, coordinator, TRUE, NULL, error)
      || !nawat_store_save_evaluation (self, evaluation, error))
    return NULL;

  return g_steal_pointer (&evaluation);
}

/**
 * nawat_store_dup_declared_conflicts:
 * @self: a store
 * @call_id: the call's id (not its document id)
 * @error: return location for a #GError
 *
 * Reads, in one query for the whole call, who declared a conflict of
 * interest on which of its projects.
 *
 * Returns: (transfer full): a table from a project's id to the names of
 *   the evaluators who declared a conflict on it (a #GStrv, sorted)
 */
GHashTable *
nawat_store_dup_declared_conflicts (NawatStore  *self,
                                    const char  *call_id,
                                    GError     **error)
{
  g_autoptr(GHashTable) builders = NULL;
  g_autoptr(GHashTable) conflicts = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  builders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_strv_builder_unref);
  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT e.project, e.evaluator FROM evaluations AS e "
                        "JOIN projects AS p ON p.id = e.project "
                        "WHERE p.call = ? AND e.conflict != 0 ORDER BY e.project, e.evaluator",
                        error);
  if (stmt == NULL)
    return NULL;
  bind_text_static (stmt, 1, call_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *project = (const char *) sqlite3_column_text (stmt, 0);
      GStrvBuilder *builder = g_hash_table_lookup (builders, project);

      if (builder == NULL)
        {
          builder = g_strv_builder_new ();
          g_hash_table_insert (builders, g_strdup (project), builder);
        }
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_hash_table_iter_init (&iter, builders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (conflicts, g_strdup (key), g_strv_builder_end (value));
  return g_steal_pointer (&conflicts);
}

NawatDocument *
_nawat_store_read_project_locked (NawatStore  *self,
                                  const char  *id,
                                  GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = store_prepare (self, "SELECT json FROM projects WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text_static (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _nawat_store_document_from_column (self, stmt, 0, NAWAT_TYPE_PROJECT, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                 _("No document “%s” in the store"), id);
  else
    _nawat_store_set_error (error, self->db, rc, self->path);
  return NULL;
}

/**
 * nawat_store_set_assigned:
 * @self: a store
 * @assigned: (element-type utf8 GStrv): a project's id to the names of the
 *   evaluators it is assigned to, in place of those it has
 * @error: return location for a #GError
 *
 * Writes the evaluators of every project of @assigned into the project's
 * document as stored now, in one write transaction: all or none.  The
 * other members of the documents keep their stored values; publishing the
 * call puts the change on the server.  A project the store does not hold
 * is refused with %NAWAT_STORE_ERROR_NOT_FOUND.
 *
 * Returns: %TRUE when every project was written
 */
gboolean
nawat_store_set_assigned (NawatStore  *self,
                          GHashTable  *assigned,
                          GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (assigned != NULL, FALSE);

  g_mutex_lock (&self->lock);
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return store_abandon_write (self);

  g_hash_table_iter_init (&iter, assigned);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(NawatDocument) document = _nawat_store_read_project_locked (self, key, error);

      if (document == NULL)
        return store_abandon_write (self);
      nawat_project_set_assigned (NAWAT_PROJECT (document), value);
      if (!_nawat_store_put_document (self, document, NULL, error))
        return store_abandon_write (self);
    }

  if (!store_exec (self, "COMMIT", error))
    return store_abandon_write (self);
  g_mutex_unlock (&self->lock);
  _nawat_store_emit_reset (self);
  return TRUE;
}

/**
 * nawat_store_dup_declared_conflict_types:
 * @self: a store
 * @call_id: the call's id (not its document id)
 * @error: return location for a #GError
 *
 * Reads, in one query for the whole call, the type of each conflict of
 * interest declared on its projects.
 *
 * Returns: (transfer full): a table from a project's id to a table from
 *   an evaluator's name to the #NawatConflictType they declared
 *   (GINT_TO_POINTER; %NAWAT_CONFLICT_TYPE_NONE when they said none)
 */
GHashTable *
nawat_store_dup_declared_conflict_types (NawatStore  *self,
                                         const char  *call_id,
                                         GError     **error)
{
  g_autoptr(GHashTable) types = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_hash_table_unref);
  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT e.project, e.evaluator, "
                        "json_extract (e.json, '$.conflict_of_interest.type') "
                        "FROM evaluations AS e JOIN projects AS p ON p.id = e.project "
                        "WHERE p.call = ? AND e.conflict != 0",
                        error);
  if (stmt == NULL)
    return NULL;
  bind_text_static (stmt, 1, call_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *project = (const char *) sqlite3_column_text (stmt, 0);
      GHashTable *evaluators = g_hash_table_lookup (types, project);
      NawatConflictType type = NAWAT_CONFLICT_TYPE_NONE;

      if (!nawat_conflict_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &type))
        type = NAWAT_CONFLICT_TYPE_NONE;
      if (evaluators == NULL)
        {
          evaluators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (types, g_strdup (project), evaluators);
        }
      g_hash_table_insert (evaluators, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           GINT_TO_POINTER (type));
    }
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&types);
}

/**
 * nawat_store_recuse:
 * @self: a store
 * @call: the call
 * @project_id: the id of one of @call's projects
 * @evaluator: one of @call's evaluators
 * @type: the conflict's type, not %NAWAT_CONFLICT_TYPE_NONE
 * @note: (nullable): why, for the record
 * @error: return location for a #GError
 *
 * Recuses @evaluator from the project as stored now, in one write
 * transaction: records the recusal and takes them out of its assigned
 * evaluators (nawat_project_recuse()).  Publishing the call puts it on
 * the server.  A project the store does not hold is refused with
 * %NAWAT_STORE_ERROR_NOT_FOUND; a project of another call, an evaluator
 * who is not the call's or no type with %NAWAT_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE when the recusal was written
 */
gboolean
nawat_store_recuse (NawatStore         *self,
                    NawatCall          *call,
                    const char         *project_id,
                    const char         *evaluator,
                    NawatConflictType   type,
                    const char         *note,
                    GError            **error)
{
  g_autoptr(NawatDocument) document = NULL;
  g_autofree char *call_doc_id = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_CALL (call), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (evaluator != NULL, FALSE);

  call_doc_id = g_strconcat ("call:", nawat_call_get_call_id (call), NULL);
  if (type == NAWAT_CONFLICT_TYPE_NONE || (guint) type >= NAWAT_N_CONFLICT_TYPES)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("The type must be same-organisation, partner-organisation, "
                     "collaborator, personal, financial or other"));
      return FALSE;
    }
  if (!g_strv_contains (nawat_call_get_evaluators (call), evaluator))
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("%s is not one of the evaluators of %s"), evaluator, call_doc_id);
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return store_abandon_write (self);
  document = _nawat_store_read_project_locked (self, project_id, error);
  if (document == NULL)
    return store_abandon_write (self);
  if (g_strcmp0 (nawat_project_get_call (NAWAT_PROJECT (document)), nawat_call_get_call_id (call)) != 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("The project %s is not of the call %s"), project_id, call_doc_id);
      return store_abandon_write (self);
    }
  nawat_project_recuse (NAWAT_PROJECT (document), evaluator, type, note);
  if (!_nawat_store_put_document (self, document, NULL, error)
      || !store_exec (self, "COMMIT", error))
    return store_abandon_write (self);
  g_mutex_unlock (&self->lock);
  _nawat_store_emit_reset (self);
  return TRUE;
}
