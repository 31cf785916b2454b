/* nawat-store-sync.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-codec.h"
#include "nawat-merge.h"
#include "nawat-store-internal-private.h"

#include <glib/gi18n-lib.h>

/* Sync support */

GPtrArray *
nawat_store_list_outbox (NawatStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  return _nawat_store_list (self,
                            "SELECT json FROM evaluations WHERE dirty != 0 ORDER BY updated, id",
                            NULL, NAWAT_TYPE_EVALUATION, error);
}

NawatEvaluation *
nawat_store_get_merge_base (NawatStore  *self,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  list = _nawat_store_list (self,
                            "SELECT base_json FROM evaluations "
                            "WHERE id = ? AND base_json IS NOT NULL",
                            id, NAWAT_TYPE_EVALUATION, error);
  if (list == NULL || list->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (list, 0));
}

gboolean
nawat_store_mark_pushed (NawatStore       *self,
                         NawatEvaluation  *evaluation,
                         GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  g_autoptr(NawatDocument) current = NULL;
  g_autofree char *pushed_json = NULL;
  g_autofree char *current_json = NULL;
  const char *id;
  const char *rev;
  gboolean unchanged;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);

  id = nawat_document_get_id (NAWAT_DOCUMENT (evaluation));
  rev = nawat_document_get_rev (NAWAT_DOCUMENT (evaluation));
  pushed_json = nawat_codec_to_data (NAWAT_DOCUMENT (evaluation), NULL);

  locker = g_mutex_locker_new (&self->lock);

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = store_prepare (self, "SELECT json FROM evaluations WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text_static (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                   _("No document “%s” in the store"), id);
      goto fail;
    }
  current = _nawat_store_document_from_column (self, stmt, 0, NAWAT_TYPE_EVALUATION, error);
  g_clear_pointer (&stmt, store_stmt_release);
  if (current == NULL)
    goto fail;

  /* The local copy was not edited since it was pushed when it differs from
   * the pushed version only by the revision the server gave it.
   */
  nawat_document_set_rev (current, rev);
  current_json = nawat_codec_to_data (current, NULL);
  unchanged = g_strcmp0 (current_json, pushed_json) == 0;

  stmt = store_prepare (self,
                        "UPDATE evaluations SET rev = ?, json = ?, base_json = ?, "
                        "dirty = ? WHERE id = ?",
                        error);
  if (stmt == NULL)
    goto fail;
  bind_text_static (stmt, 1, rev);
  bind_text_static (stmt, 2, current_json);
  bind_text_static (stmt, 3, pushed_json);
  sqlite3_bind_int (stmt, 4, unchanged ? 0 : 1);
  bind_text_static (stmt, 5, id);
  if (!store_step_done (self, stmt, error))
    goto fail;

  if (!store_exec (self, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  g_clear_pointer (&stmt, store_stmt_release);
  rollback (self);
  return FALSE;
}

char *
nawat_store_dup_checkpoint (NawatStore  *self,
                            const char  *database,
                            GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  char *seq_json = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (database != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  _nawat_store_query_text_for_text (self, "SELECT seq_json FROM checkpoints WHERE database = ?",
                                    database, &seq_json, error);
  return seq_json;
}

gboolean
nawat_store_set_checkpoint (NawatStore  *self,
                            const char  *database,
                            const char  *seq_json,
                            GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (seq_json != NULL, FALSE);

  return store_write (self,
                      "INSERT INTO checkpoints (database, seq_json) VALUES (?, ?) "
                      "ON CONFLICT (database) DO UPDATE SET seq_json = excluded.seq_json",
                      database, seq_json, NULL, NULL, error);
}

static gboolean
quarantine_locked (NawatStore  *self,
                   const char  *doc_id,
                   const char  *json,
                   const char  *reason,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autoptr(NawatStoreStmt) stmt = NULL;

  stmt = store_prepare (self,
                        "INSERT INTO quarantine (doc_id, json, reason, time) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (doc_id) DO UPDATE SET json = excluded.json, "
                        "reason = excluded.reason, time = excluded.time",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, doc_id);
  bind_text_static (stmt, 2, json != NULL ? json : "");
  bind_text_static (stmt, 3, reason);
  bind_text_static (stmt, 4, time);
  return store_step_done (self, stmt, error);
}

gboolean
nawat_store_quarantine (NawatStore  *self,
                        const char  *doc_id,
                        const char  *json,
                        const char  *reason,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return quarantine_locked (self, doc_id, json, reason, error);
}

GPtrArray *
nawat_store_list_quarantine (NawatStore  *self,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, "SELECT doc_id, reason FROM quarantine ORDER BY time, doc_id", error);
  if (stmt == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_strdup_printf ("%s: %s",
                                              sqlite3_column_text (stmt, 0),
                                              sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&result);
}

gboolean
nawat_store_add_conflict (NawatStore  *self,
                          const char  *evaluation_id,
                          const char  *field,
                          const char  *local_json,
                          const char  *remote_json,
                          GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (evaluation_id != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return store_write (self,
                      "INSERT INTO conflicts (evaluation, field, local_json, remote_json) "
                      "VALUES (?, ?, ?, ?) ON CONFLICT (evaluation, field) DO UPDATE SET "
                      "local_json = excluded.local_json, remote_json = excluded.remote_json",
                      evaluation_id, field, local_json, remote_json, error);
}

/* Lock held. */
static GStrv
dup_conflict_fields_locked (NawatStore  *self,
                            const char  *evaluation_id,
                            GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;

  stmt = store_prepare (self, "SELECT field FROM conflicts WHERE evaluation = ? ORDER BY field", error);
  if (stmt == NULL)
    return NULL;

  bind_text_static (stmt, 1, evaluation_id);
  return store_collect_strv (self, stmt, error);
}

GStrv
nawat_store_dup_conflict_fields (NawatStore  *self,
                                 const char  *evaluation_id,
                                 GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (evaluation_id != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  return dup_conflict_fields_locked (self, evaluation_id, error);
}

gboolean
nawat_store_get_conflict (NawatStore  *self,
                          const char  *evaluation_id,
                          const char  *field,
                          char       **local_json,
                          char       **remote_json,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (evaluation_id != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT local_json, remote_json FROM conflicts "
                        "WHERE evaluation = ? AND field = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, evaluation_id);
  bind_text_static (stmt, 2, field);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (local_json != NULL)
        *local_json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (remote_json != NULL)
        *remote_json = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }

  if (rc == SQLITE_DONE)
    g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                 _("No conflict on “%s” of “%s”"), field, evaluation_id);
  else
    _nawat_store_set_error (error, self->db, rc, self->path);

  return FALSE;
}

gboolean
nawat_store_resolve_conflict (NawatStore  *self,
                              const char  *evaluation_id,
                              const char  *field,
                              GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (evaluation_id != NULL, FALSE);

  if (field == NULL)
    return store_write (self, "DELETE FROM conflicts WHERE evaluation = ?",
                        evaluation_id, NULL, NULL, NULL, error);

  return store_write (self, "DELETE FROM conflicts WHERE evaluation = ? AND field = ?",
                      evaluation_id, field, NULL, NULL, error);
}

/* Pull and merge (sync) */

NawatStoreRejected *
nawat_store_rejected_new (const char *doc_id,
                          const char *json,
                          const char *reason)
{
  NawatStoreRejected *rejected = g_new0 (NawatStoreRejected, 1);

  rejected->doc_id = g_strdup (doc_id);
  rejected->json = g_strdup (json);
  rejected->reason = g_strdup (reason);
  return rejected;
}

void
nawat_store_rejected_free (NawatStoreRejected *rejected)
{
  if (rejected == NULL)
    return;
  g_free (rejected->doc_id);
  g_free (rejected->json);
  g_free (rejected->reason);
  g_free (rejected);
}

/* TRUE when @id is an evaluation with unpushed local edits. */
static gboolean
is_dirty_locked (NawatStore *self,
                 const char *id)
{
  gint64 dirty = 0;

  return _nawat_store_query_int_for_text (self, "SELECT dirty FROM evaluations WHERE id = ?", id,
                                          &dirty, NULL) && dirty != 0;
}

/* Stores one pulled document under a savepoint: a document the store
 * refuses is quarantined and the rest of the batch goes on.
 */
static gboolean
apply_pulled_document (NawatStore            *self,
                       NawatDocument         *document,
                       const char            *text,
                       NawatStorePullCounts  *counts,
                       GError               **error)
{
  const char *id = nawat_document_get_id (document);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  /* Unpushed edits stay: the push meets the server's version (409) and
   * merges it against the merge base.
   */
  if (NAWAT_IS_EVALUATION (document) && is_dirty_locked (self, id))
    {
      counts->kept_local++;
      return TRUE;
    }

  if (!store_exec (self, "SAVEPOINT pulled", error))
    return FALSE;

  if (!_nawat_store_put_document (self, document, text, &local_error))
    {
      if (!store_exec (self, "ROLLBACK TO pulled", error)
          || !store_exec (self, "RELEASE pulled", error))
        return FALSE;
      if (local_error->domain != NAWAT_STORE_ERROR
          || local_error->code != NAWAT_STORE_ERROR_INVALID)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      json = nawat_codec_to_data (document, NULL);
      counts->quarantined++;
      if (counts->messages != NULL)
        g_ptr_array_add (counts->messages, g_str_has_prefix (local_error->message, id)
                                           ? g_strdup (local_error->message)
                                           : g_strconcat (id, ": ", local_error->message, NULL));
      return quarantine_locked (self, id, json, local_error->message, error);
    }

  counts->applied++;
  return _nawat_store_exec_with_id (self, "DELETE FROM quarantine WHERE doc_id = ?", id, error)
         && store_exec (self, "RELEASE pulled", error);
}

gboolean
nawat_store_begin_pull (NawatStore  *self,
                        GError     **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);

  /* The pull has the processor to itself; the index goes on after it. */
  _nawat_store_indexer_stop (self);

  g_mutex_lock (&self->lock);
  if (self->index_upto < 0 &&
      _nawat_store_count (self, "SELECT NOT EXISTS (SELECT 1 FROM projects)") != 0)
    {
      ok = store_exec (self, "BEGIN IMMEDIATE", error) &&
           store_exec (self, "INSERT OR REPLACE INTO checkpoints (database, seq_json) "
                       "VALUES ('" PULL_FTS_MARKER "', '0')", error) &&
           store_exec (self, "COMMIT", error);
      if (ok)
        _nawat_store_set_index_upto (self, 0);
      else
        rollback (self);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

gboolean
nawat_store_apply_pull (NawatStore            *self,
                        const char            *database,
                        const char            *seq_json,
                        GPtrArray             *documents,
                        GPtrArray             *texts,
                        GPtrArray             *deleted_ids,
                        GPtrArray             *rejected,
                        NawatStorePullCounts  *counts,
                        GError               **error)
{
  NawatStorePullCounts local_counts = { 0, };
  g_autoptr(GPtrArray) messages = NULL;
  gboolean changed;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (seq_json != NULL, FALSE);
  g_return_val_if_fail (texts == NULL || (documents != NULL && texts->len == documents->len),
                        FALSE);

  if (counts != NULL && counts->messages != NULL)
    {
      messages = g_ptr_array_new_with_free_func (g_free);
      local_counts.messages = messages;
    }

  g_mutex_lock (&self->lock);

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    goto fail;

  self->pulling = TRUE;
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    if (!apply_pulled_document (self, g_ptr_array_index (documents, i),
                                texts != NULL ? g_ptr_array_index (texts, i) : NULL,
                                &local_counts, error))
      goto fail;

  for (guint i = 0; deleted_ids != NULL && i < deleted_ids->len; i++)
    {
      const char *id = g_ptr_array_index (deleted_ids, i);
      g_autofree char *project = NULL;

      if (g_str_has_prefix (id, "evaluation:") && is_dirty_locked (self, id))
        {
          local_counts.kept_local++;
          continue;
        }
      if (!_nawat_store_delete_document_locked (self, id, &project, error)
          || !_nawat_store_exec_with_id (self, "DELETE FROM quarantine WHERE doc_id = ?", id,
                                         error))
        goto fail;
      local_counts.deleted++;
    }

  for (guint i = 0; rejected != NULL && i < rejected->len; i++)
    {
      NawatStoreRejected *r = g_ptr_array_index (rejected, i);

      if (!quarantine_locked (self, r->doc_id, r->json, r->reason, error))
        goto fail;
      local_counts.quarantined++;
    }

  {
    g_autoptr(NawatStoreStmt) stmt =
      store_prepare (self,
                     "INSERT INTO checkpoints (database, seq_json) VALUES (?, ?) "
                     "ON CONFLICT (database) DO UPDATE SET seq_json = excluded.seq_json",
                     error);
    if (stmt == NULL)
      goto fail;
    bind_text_static (stmt, 1, database);
    bind_text_static (stmt, 2, seq_json);
    if (!store_step_done (self, stmt, error))
      goto fail;
  }

  self->pulling = FALSE;
  if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);

  /* Reported only once the batch is in. */
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    g_ptr_array_add (counts->messages, g_steal_pointer (&messages->pdata[i]));
  if (counts != NULL)
    {
      local_counts.messages = counts->messages;
      *counts = local_counts;
    }
  changed = local_counts.applied > 0 || local_counts.deleted > 0;
  if (changed)
    _nawat_store_emit_reset (self);
  return TRUE;

fail:
  self->pulling = FALSE;
  return store_abandon_write (self);
}

gboolean
nawat_store_save_merge (NawatStore       *self,
                        NawatEvaluation  *mine,
                        NawatEvaluation  *theirs,
                        NawatEvaluation  *merged,
                        GPtrArray        *conflicts,
                        gboolean         *saved,
                        GError          **error)
{
  g_autofree char *mine_json = NULL;
  g_autofree char *theirs_json = NULL;
  g_autofree char *merged_json = NULL;
  g_autofree char *current_json = NULL;
  const char *id;
  gboolean clean;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (mine), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (theirs), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (merged), FALSE);
  g_return_val_if_fail (saved != NULL, FALSE);

  *saved = FALSE;
  id = nawat_document_get_id (NAWAT_DOCUMENT (mine));
  mine_json = nawat_codec_to_data (NAWAT_DOCUMENT (mine), NULL);
  theirs_json = nawat_codec_to_data (NAWAT_DOCUMENT (theirs), NULL);
  merged_json = nawat_codec_to_data (NAWAT_DOCUMENT (merged), NULL);
  /* Nothing of mine is left to push: the server's version is the truth. */
  clean = (conflicts == NULL || conflicts->len == 0)
          && nawat_evaluation_equal_content (merged, theirs);

  g_mutex_lock (&self->lock);

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    goto fail;

  /* Edited again while the merge ran: the next sync merges the new edit. */
  if (!_nawat_store_dup_evaluation_json_locked (self, id, &current_json, error))
    goto fail;
  if (g_strcmp0 (current_json, mine_json) != 0)
    {
      rollback (self);
      g_mutex_unlock (&self->lock);
      return TRUE;
    }

  if (clean)
    {
      if (!_nawat_store_put_evaluation (self, theirs, theirs_json, FALSE, error))
        goto fail;
    }
  else
    {
      g_autoptr(NawatStoreStmt) stmt = NULL;

      if (!_nawat_store_put_evaluation (self, merged, merged_json, TRUE, error))
        goto fail;
      stmt = store_prepare (self, "UPDATE evaluations SET base_json = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      bind_text_static (stmt, 1, theirs_json);
      bind_text_static (stmt, 2, id);
      if (!store_step_done (self, stmt, error))
        goto fail;
    }

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      NawatMergeConflict *c = g_ptr_array_index (conflicts, i);
      g_autoptr(NawatStoreStmt) stmt =
        store_prepare (self,
                       "INSERT INTO conflicts (evaluation, field, local_json, remote_json) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (evaluation, field) DO UPDATE SET "
                       "local_json = excluded.local_json, remote_json = excluded.remote_json",
                       error);
      if (stmt == NULL)
        goto fail;
      bind_text_static (stmt, 1, id);
      bind_text_static (stmt, 2, c->field);
      bind_text_static (stmt, 3, c->mine_json);
      bind_text_static (stmt, 4, c->theirs_json);
      if (!store_step_done (self, stmt, error))
        goto fail;
    }

  if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);
  *saved = TRUE;
  _nawat_store_emit_project_changed (self, nawat_evaluation_get_project (merged));
  return TRUE;

fail:
  rollback (self);
  g_mutex_unlock (&self->lock);
  return FALSE;
}

typedef struct
{
  NawatStore      *store;
  NawatEvaluation *chosen;
} Resolution;

/* Takes the value of each field in conflict now from the chosen version;
 * lock held, inside the write transaction.
 */
static gboolean
apply_resolution (NawatEvaluation  *stored,
                  gboolean          was_stored,
                  gpointer          user_data,
                  GError          **error)
{
  Resolution *resolution = user_data;
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (stored));
  g_auto(GStrv) fields = dup_conflict_fields_locked (resolution->store, id, error);

  if (fields == NULL)
    return FALSE;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *json = nawat_merge_dup_field_json (resolution->chosen, fields[i]);

      if (!nawat_merge_set_field_json (stored, fields[i], json, error))
        return FALSE;
    }
  nawat_evaluation_set_updated (stored, nawat_evaluation_get_updated (resolution->chosen));
  return TRUE;
}

gboolean
nawat_store_save_resolution (NawatStore       *self,
                             NawatEvaluation  *evaluation,
                             GError          **error)
{
  Resolution resolution = { self, evaluation };
  g_autoptr(NawatEvaluation) saved = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);

  _nawat_store_wait_for_saves (self);
  saved = _nawat_store_edit (self, nawat_document_get_id (NAWAT_DOCUMENT (evaluation)), NULL,
                             apply_resolution, &resolution, TRUE, error);
  return saved != NULL;
}

GStrv
nawat_store_list_conflicted (NawatStore  *self,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, "SELECT DISTINCT evaluation FROM conflicts ORDER BY evaluation", error);
  if (stmt == NULL)
    return NULL;

  return store_collect_strv (self, stmt, error);
}

/* Last sync times */

/* ':' is not allowed in a CouchDB database name: no checkpoint collides. */
#define LAST_SYNC_PREFIX "last-sync:"

gint64
nawat_store_get_last_sync (NawatStore  *self,
                           const char  *call_id,
                           GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  gint64 time;

  g_return_val_if_fail (NAWAT_IS_STORE (self), 0);
  g_return_val_if_fail (call_id != NULL, 0);

  key = g_strconcat (LAST_SYNC_PREFIX, call_id, NULL);
  json = nawat_store_dup_checkpoint (self, key, error);
  if (json == NULL || !g_ascii_string_to_signed (json, 10, 0, G_MAXINT64, &time, NULL))
    return 0;

  return time;
}

gboolean
nawat_store_set_last_sync (NawatStore  *self,
                           const char  *call_id,
                           gint64       time,
                           GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (time >= 0, FALSE);

  key = g_strconcat (LAST_SYNC_PREFIX, call_id, NULL);
  json = g_strdup_printf ("%" G_GINT64_FORMAT, time);

  return nawat_store_set_checkpoint (self, key, json, error);
}
