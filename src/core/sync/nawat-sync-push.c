/* nawat-sync-push.c: pushing the outbox, merging on conflicts
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-sync-private.h"

#include "nawat-codec.h"
#include "nawat-json.h"
#include "nawat-merge.h"

#include <glib/gi18n-lib.h>

/* Evaluations per _bulk_docs request. */
#define PUSH_BATCH_SIZE    100
/* Merged versions are pushed again; the server may move on meanwhile. */
#define MAX_PUSH_ROUNDS    3

/* Whether @evaluation is pushed in this round: an evaluation of the call,
 * the user's own, or any evaluator's when the user coordinates the call.
 */
static gboolean
belongs_to_round (NawatSyncRound  *round,
                  NawatEvaluation *evaluation)
{
  NawatSync *self = round->self;
  g_autofree char *prefix = g_strconcat ("evaluation:", self->call_id, ":", NULL);
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (evaluation));

  return g_str_has_prefix (id, prefix)
         && (round->coordinator
             || g_strcmp0 (nawat_evaluation_get_evaluator (evaluation), self->user) == 0);
}

static gboolean
has_conflicts (NawatSync  *self,
               const char *id)
{
  g_auto(GStrv) fields = nawat_store_dup_conflict_fields (self->store, id, NULL);

  return fields != NULL && fields[0] != NULL;
}

/* The evaluations to push in this round. */
static GPtrArray *
list_pushable (NawatSyncRound  *round,
               GError         **error)
{
  NawatSync *self = round->self;
  g_autoptr(GPtrArray) outbox = nawat_store_list_outbox (self->store, error);
  GPtrArray *pushable;

  if (outbox == NULL)
    return NULL;

  pushable = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < outbox->len; i++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (outbox, i);
      const char *id = nawat_document_get_id (NAWAT_DOCUMENT (evaluation));

      if (!belongs_to_round (round, evaluation)
          || g_hash_table_contains (round->skip, id)
          || has_conflicts (self, id))
        continue;
      g_ptr_array_add (pushable, g_object_ref (evaluation));
    }
  return pushable;
}

static void
skip (NawatSyncRound *round,
      const char     *id)
{
  g_hash_table_add (round->skip, g_strdup (id));
}

/* Fetches the server's version of @mine and merges it against the merge
 * base.  Returns FALSE only on a failure that stops the round.
 */
static gboolean
merge_with_server (NawatSyncRound   *round,
                   const char       *escaped_db,
                   NawatEvaluation  *mine,
                   gboolean         *merged_out,
                   GError          **error)
{
  NawatSync *self = round->self;
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (mine));
  g_autofree char *escaped_id = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s", escaped_db, escaped_id);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(NawatDocument) theirs = NULL;
  g_autoptr(NawatEvaluation) base = NULL;
  g_autoptr(NawatEvaluation) merged = NULL;
  g_auto(NawatSyncRules) rules = { NULL, NULL };
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  g_autofree char *refusal = NULL;
  gboolean saved = FALSE;

  *merged_out = FALSE;
  node = nawat_couch_request (self->couch, "GET", path, NULL, NULL, round->cancellable, &local_error);
  if (node == NULL)
    {
      if (local_error->domain != NAWAT_COUCH_ERROR
          || local_error->code == NAWAT_COUCH_ERROR_NETWORK
          || local_error->code == NAWAT_COUCH_ERROR_UNAUTHORIZED)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      round->result->errors++;
      _nawat_sync_add_message (round, id, local_error->message);
      skip (round, id);
      return TRUE;
    }

  theirs = nawat_codec_from_node (node, &local_error);
  if (theirs == NULL || !NAWAT_IS_EVALUATION (theirs))
    {
      round->result->errors++;
      _nawat_sync_add_message (round, id,
                               local_error != NULL ? local_error->message
                                                   : _("the server’s version is not an evaluation"));
      skip (round, id);
      return TRUE;
    }

  /* The server's version is merged only if it could have been pulled. */
  if (!_nawat_sync_load_rules (self, &rules, error))
    return FALSE;
  refusal = _nawat_sync_dup_refusal (self, &rules, nawat_evaluation_get_evaluator (mine),
                                     NAWAT_EVALUATION (theirs));
  if (refusal != NULL)
    {
      g_autofree char *json = nawat_json_to_string (node, FALSE, NULL);

      if (!nawat_store_quarantine (self->store, id, json, refusal, error))
        return FALSE;
      round->result->quarantined++;
      _nawat_sync_add_message (round, id, refusal);
      skip (round, id);
      return TRUE;
    }

  base = nawat_store_get_merge_base (self->store, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  merged = nawat_merge_evaluations (base, mine, NAWAT_EVALUATION (theirs), conflicts);
  if (!nawat_store_save_merge (self->store, mine, NAWAT_EVALUATION (theirs), merged,
                               conflicts, &saved, &local_error))
    {
      /* The merged version breaks a rule (e.g. submitted but incomplete). */
      round->result->errors++;
      _nawat_sync_add_message (round, id, local_error->message);
      skip (round, id);
      return TRUE;
    }

  *merged_out = saved && conflicts->len == 0;
  return TRUE;
}

/* Pushes one batch through _bulk_docs; @merged_again is set when some
 * evaluation was merged and is ready to be pushed again.
 */
static gboolean
push_batch (NawatSyncRound  *round,
            const char      *escaped_db,
            GPtrArray       *batch,
            gboolean        *merged_again,
            GError         **error)
{
  NawatSync *self = round->self;
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", escaped_db);
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonObject) body_object = json_object_new ();
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *results;

  for (guint i = 0; i < batch->len; i++)
    {
      NawatDocument *document = g_ptr_array_index (batch, i);

      json_array_add_element (docs, nawat_codec_to_node (document));
      g_hash_table_insert (by_id, (gpointer) nawat_document_get_id (document), document);
    }
  json_object_set_array_member (body_object, "docs", json_array_ref (docs));
  json_node_set_object (body, body_object);

  answer = nawat_couch_request (self->couch, "POST", path, body, NULL, round->cancellable, &local_error);
  if (answer == NULL)
    {
      /* The whole batch refused: not a member of the database, or a
       * design document that rejects everything.
       */
      if (g_error_matches (local_error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_FORBIDDEN)
          || g_error_matches (local_error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_BAD_REQUEST)
          || g_error_matches (local_error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NOT_FOUND))
        {
          for (guint i = 0; i < batch->len; i++)
            {
              const char *id = nawat_document_get_id (g_ptr_array_index (batch, i));

              round->result->refused++;
              _nawat_sync_add_message (round, id, local_error->message);
              skip (round, id);
            }
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (answer))
    return _nawat_sync_invalid_answer (_("its answer to the saved evaluations is not in the form "
                                         "CouchDB uses"), error);
  results = json_node_get_array (answer);

  /* Matched by id: the order of the answer is not trusted. */
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *item;
      const char *id;
      const char *rev;
      const char *err;
      NawatEvaluation *mine;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      id = _nawat_sync_member_string (item, "id");
      mine = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
      if (mine == NULL)
        continue;
      g_hash_table_remove (by_id, id);

      rev = _nawat_sync_member_string (item, "rev");
      err = _nawat_sync_member_string (item, "error");
      if (err == NULL && rev != NULL)
        {
          g_autoptr(NawatEvaluation) pushed = nawat_evaluation_copy (mine);

          nawat_document_set_rev (NAWAT_DOCUMENT (pushed), rev);
          if (!nawat_store_mark_pushed (self->store, pushed, error))
            return FALSE;
          round->result->pushed++;
          round->documents++;
        }
      else if (g_strcmp0 (err, "conflict") == 0)
        {
          gboolean merged = FALSE;

          if (!merge_with_server (round, escaped_db, mine, &merged, error))
            return FALSE;
          if (merged)
            {
              round->result->merged++;
              *merged_again = TRUE;
            }
        }
      else
        {
          const char *reason = _nawat_sync_member_string (item, "reason");
          g_autofree char *message = NULL;

          if (reason == NULL)
            reason = err != NULL ? err : _("no revision in the answer");
          if (g_strcmp0 (err, "forbidden") == 0 || g_strcmp0 (err, "unauthorized") == 0)
            {
              message = g_strdup_printf (_("The server refused the change: %s"), reason);
              round->result->refused++;
            }
          else
            {
              message = g_strdup_printf (_("The server did not store the change: %s"), reason);
              round->result->errors++;
            }
          _nawat_sync_add_message (round, id, message);
          skip (round, id);
        }
    }

  /* Documents the answer forgot: tried again in the next round. */
  if (g_hash_table_size (by_id) > 0)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, by_id);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          round->result->errors++;
          _nawat_sync_add_message (round, key, _("the server did not answer for this document"));
          skip (round, key);
        }
    }

  _nawat_sync_report_progress (round);
  return TRUE;
}

static int
compare_evaluators (gconstpointer a,
                    gconstpointer b)
{
  NawatEvaluation *ea = *(NawatEvaluation **) a;
  NawatEvaluation *eb = *(NawatEvaluation **) b;

  return g_strcmp0 (nawat_evaluation_get_evaluator (ea), nawat_evaluation_get_evaluator (eb));
}

/* Pushes @evaluations, all of one evaluator, to that evaluator's
 * database, in batches.
 */
static gboolean
push_evaluator (NawatSyncRound  *round,
                GPtrArray       *evaluations,
                guint            start,
                guint            end,
                gboolean        *merged_again,
                GError         **error)
{
  NawatSync *self = round->self;
  const char *evaluator = nawat_evaluation_get_evaluator (g_ptr_array_index (evaluations, start));
  g_autofree char *db = nawat_couch_evaluation_db_name (self->call_id, evaluator);
  g_autofree char *escaped = nawat_couch_escape_db (db);

  for (guint first = start; first < end; first += PUSH_BATCH_SIZE)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      for (guint i = first; i < MIN (first + PUSH_BATCH_SIZE, end); i++)
        g_ptr_array_add (batch, g_ptr_array_index (evaluations, i));
      if (!push_batch (round, escaped, batch, merged_again, error))
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (round->cancellable, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_nawat_sync_push_all (NawatSyncRound  *round,
                      GError         **error)
{
  NawatSync *self = round->self;

  if (self->user == NULL)
    return TRUE;

  for (guint pass = 0; pass < MAX_PUSH_ROUNDS; pass++)
    {
      g_autoptr(GPtrArray) pushable = list_pushable (round, error);
      gboolean merged_again = FALSE;
      guint start = 0;

      if (pushable == NULL)
        return FALSE;
      if (pushable->len == 0)
        break;

      /* Each evaluator's evaluations go to their own database. */
      g_ptr_array_sort (pushable, compare_evaluators);
      while (start < pushable->len)
        {
          guint end = start + 1;

          while (end < pushable->len &&
                 compare_evaluators (&pushable->pdata[start], &pushable->pdata[end]) == 0)
            end++;
          if (!push_evaluator (round, pushable, start, end, &merged_again, error))
            return FALSE;
          start = end;
        }

      if (!merged_again)
        break;
    }
  return TRUE;
}

/* What is left once the round is over. */
gboolean
_nawat_sync_count_left (NawatSyncRound  *round,
                        GError         **error)
{
  NawatSync *self = round->self;
  g_autofree char *prefix = g_strconcat ("evaluation:", self->call_id, ":", NULL);
  g_auto(GStrv) conflicted = nawat_store_list_conflicted (self->store, error);
  g_autoptr(GPtrArray) outbox = NULL;

  if (conflicted == NULL)
    return FALSE;
  for (guint i = 0; conflicted[i] != NULL; i++)
    if (g_str_has_prefix (conflicted[i], prefix))
      round->result->conflicts++;

  outbox = nawat_store_list_outbox (self->store, error);
  if (outbox == NULL)
    return FALSE;
  for (guint i = 0; i < outbox->len; i++)
    if (belongs_to_round (round, g_ptr_array_index (outbox, i)))
      round->result->pending++;
  return TRUE;
}
