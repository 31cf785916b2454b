/* nawat-sync-pull.c: pulling the call's and the evaluators' databases
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-sync-private.h"

#include "nawat-codec.h"
#include "nawat-json.h"
#include "nawat-round.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The "since" parameter from a stored sequence: strings (CouchDB 2+) are
 * sent as their value, numbers (PouchDB) as written.
 */
static char *
dup_since (const char *seq_json)
{
  g_autoptr(JsonNode) node = NULL;

  if (seq_json == NULL)
    return g_strdup ("0");
  node = json_from_string (seq_json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_uri_escape_string (json_node_get_string (node), NULL, FALSE);
  return g_uri_escape_string (seq_json, NULL, FALSE);
}

static gboolean
member_true (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

/* One batch of the _changes feed, read and decoded ahead of its turn. */
typedef struct
{
  GPtrArray *documents;
  /* each document's text as the server sent it, or NULL */
  GPtrArray *texts;
  GPtrArray *deleted;
  GPtrArray *rejected;
  /* "<doc id>: <reason>" for the rejected */
  GPtrArray *messages;
  /* stored verbatim: an integer from PouchDB, a string from CouchDB */
  char      *last_seq;
  guint      n_changes;
  /* the end of the feed */
  gboolean   last;
  /* the request failed; NOT_FOUND: the database does not exist (yet) */
  GError    *error;
  /* read, not yet decoded: the answer as it came, or parsed */
  GBytes    *body;
  JsonNode  *root;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->documents, g_ptr_array_unref);
  g_clear_pointer (&batch->texts, g_ptr_array_unref);
  g_clear_pointer (&batch->deleted, g_ptr_array_unref);
  g_clear_pointer (&batch->rejected, g_ptr_array_unref);
  g_clear_pointer (&batch->messages, g_ptr_array_unref);
  g_clear_pointer (&batch->last_seq, g_free);
  g_clear_error (&batch->error);
  g_clear_pointer (&batch->body, g_bytes_unref);
  g_clear_pointer (&batch->root, json_node_unref);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->documents = g_ptr_array_new_with_free_func (g_object_unref);
  batch->texts = g_ptr_array_new_with_free_func (g_free);
  batch->deleted = g_ptr_array_new_with_free_func (g_free);
  batch->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_store_rejected_free);
  batch->messages = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

static void
batch_reject (Batch      *batch,
              const char *id,
              const char *json,
              const char *reason)
{
  g_autofree char *prefix = g_strconcat (id, ": ", NULL);

  g_ptr_array_add (batch->rejected, nawat_store_rejected_new (id, json, reason));
  /* The codec's messages already start with the document id. */
  if (g_str_has_prefix (reason, prefix))
    g_ptr_array_add (batch->messages, g_strdup (reason));
  else
    g_ptr_array_add (batch->messages, g_strconcat (prefix, reason, NULL));
}

/* Sorts one change into the lists of the batch; @text is the text of its
 * document as the server sent it, kept with it and read strictly here
 * unless @checked says the whole answer was read so already, or NULL when
 * the change's text was read so already.
 */
static void
sort_change (Batch      *batch,
             JsonObject *change,
             const char *text,
             gsize       text_len,
             gboolean    checked)
{
  const char *id = _nawat_sync_member_string (change, "id");
  JsonNode *doc = json_object_get_member (change, "doc");
  g_autoptr(GError) error = NULL;
  NawatDocument *document;

  /* Design documents and anything that is not ours. */
  if (id == NULL || id[0] == '_')
    return;

  if (member_true (change, "deleted"))
    {
      g_ptr_array_add (batch->deleted, g_strdup (id));
      return;
    }

  if (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
    {
      batch_reject (batch, id, "null", _("the change carries no document"));
      return;
    }

  /* json-glib is lenient (a NUL cuts a string short, a member given twice
   * keeps the last): the text as sent must pass the codec's strict reading.
   */
  if (text != NULL && !checked && !nawat_codec_check_text (text, text_len, &error))
    {
      g_autofree char *json = nawat_json_to_string (doc, FALSE, NULL);

      batch_reject (batch, id, json, error->message);
      return;
    }

  document = nawat_codec_from_node (doc, &error);
  if (document == NULL)
    {
      g_autofree char *json = nawat_json_to_string (doc, FALSE, NULL);

      batch_reject (batch, id, json, error->message);
      return;
    }
  g_ptr_array_add (batch->documents, document);
  g_ptr_array_add (batch->texts, text != NULL ? g_strndup (text, text_len) : NULL);
}

static char *
changes_path (NawatSync  *self,
              const char *escaped_db,
              const char *seq_json)
{
  g_autofree char *since = dup_since (seq_json);

  return g_strdup_printf ("/%s/_changes?include_docs=true&since=%s&limit=%u",
                          escaped_db, since, self->batch_size);
}

/* The last_seq of a _changes answer, as nawat_json_to_string() writes it, read
 * from the end of the text without parsing the rest (CouchDB and PouchDB
 * write it after the results); NULL if it is not there.
 */
static char *
scan_last_seq (GBytes *body)
{
  static const char key[] = "\"last_seq\"";
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  gsize tail = MIN (size, 4096);
  const char *end = data + size;
  const char *p;
  const char *value;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;

  p = g_strrstr_len (end - tail, tail, key);
  if (p == NULL)
    return NULL;
  for (p += strlen (key); p < end && g_ascii_isspace (*p); p++)
    ;
  if (p == end || *p++ != ':')
    return NULL;
  for (; p < end && g_ascii_isspace (*p); p++)
    ;
  value = p;
  if (p < end && *p == '"')
    {
      for (p++; p < end && *p != '"'; p++)
        if (*p == '\\')
          p++;
      if (p >= end)
        return NULL;
      p++;
    }
  else
    while (p < end && (g_ascii_isdigit (*p) || strchr ("+-.eE", *p) != NULL))
      p++;
  if (p == value)
    return NULL;

  text = g_strndup (value, p - value);
  node = json_from_string (text, NULL);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return nawat_json_to_string (node, FALSE, NULL);
}

/* Reads the batch of changes after @seq_json; the applying side decodes
 * it, so that the next request goes out at once.
 */
static Batch *
fetch_batch (NawatSync    *self,
             const char   *escaped_db,
             const char   *seq_json,
             GCancellable *cancellable)
{
  g_autoptr(Batch) batch = batch_new ();
  g_autofree char *path = changes_path (self, escaped_db, seq_json);

  batch->body = nawat_couch_send (self->couch, "GET", path, NULL, NULL, cancellable, &batch->error);
  if (batch->body == NULL)
    return g_steal_pointer (&batch);

  batch->last_seq = scan_last_seq (batch->body);
  if (batch->last_seq == NULL)
    {
      JsonNode *last;

      /* Cut or broken: read again, parsed, with the usual retries. */
      g_clear_pointer (&batch->body, g_bytes_unref);
      batch->root = nawat_couch_request_text (self->couch, "GET", path, NULL, &batch->body, NULL,
                                              cancellable, &batch->error);
      if (batch->root == NULL)
        return g_steal_pointer (&batch);
      last = JSON_NODE_HOLDS_OBJECT (batch->root)
             ? json_object_get_member (json_node_get_object (batch->root), "last_seq") : NULL;
      if (last == NULL || JSON_NODE_HOLDS_NULL (last))
        {
          _nawat_sync_invalid_answer (_("its list of changes is not in the form CouchDB uses"),
                                      &batch->error);
          return g_steal_pointer (&batch);
        }
      batch->last_seq = nawat_json_to_string (last, FALSE, NULL);
    }

  /* No change after @seq_json: the end of the feed. */
  batch->last = g_strcmp0 (seq_json, batch->last_seq) == 0;
  return g_steal_pointer (&batch);
}

/* Parses a batch's answer; @checked is set when the whole of it passed
 * the codec's strict reading, which then builds the tree from the text
 * it has read, and which holds for each of its documents (valid UTF-8
 * included), so that none is read strictly again.  An answer
 * that does not pass is parsed as before, and its documents are read
 * strictly one by one, each refused with its own message.
 */
static JsonNode *
parse_body (GBytes   *body,
            gboolean *checked)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root = size > 0 ? nawat_codec_parse_text (data, size, NULL) : NULL;

  *checked = root != NULL;
  if (root != NULL)
    return root;
  parser = json_parser_new_immutable ();
  if (size == 0 || !g_utf8_validate (data, size, NULL)
      || !json_parser_load_from_data (parser, data, size, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* Decodes, change by change, an answer json-glib refuses as a whole: a
 * change that is not strict JSON is refused on its own, and the others go
 * on (their text is checked here, so none is kept for a second check).
 */
static gboolean
decode_changes (NawatSync  *self,
                Batch      *batch,
                GError    **error)
{
  g_autoptr(GPtrArray) changes = NULL;

  changes = nawat_codec_split_changes (g_bytes_get_data (batch->body, NULL),
                                       g_bytes_get_size (batch->body));
  if (changes == NULL)
    return _nawat_sync_invalid_answer (_("not JSON"), error);

  batch->n_changes = changes->len / 2;
  for (guint i = 0; i < changes->len; i += 2)
    {
      const char *text = changes->pdata[i];
      const char *raw_id = changes->pdata[i + 1];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) root = nawat_codec_parse_text (text, strlen (text), &local_error);

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          sort_change (batch, json_node_get_object (root), NULL, 0, TRUE);
          continue;
        }

      /* Its id as a string if it reads as one, else as written. */
      {
        g_autoptr(JsonNode) id = raw_id != NULL ? json_from_string (raw_id, NULL) : NULL;
        const char *name = id != NULL && JSON_NODE_HOLDS_VALUE (id)
                           && json_node_get_value_type (id) == G_TYPE_STRING
                           ? json_node_get_string (id) : raw_id;

        if (name != NULL && name[0] == '_')
          continue;
        batch_reject (batch, name != NULL ? name : "?", text,
                      local_error != NULL ? local_error->message : _("not a change"));
      }
    }

  g_clear_pointer (&batch->body, g_bytes_unref);
  batch->last = batch->last || batch->n_changes < self->batch_size;
  return TRUE;
}

/* Decodes a batch read by fetch_batch() into its lists. */
static gboolean
decode_batch (NawatSync  *self,
              Batch      *batch,
              GError    **error)
{
  JsonObject *object;
  JsonNode *results;
  JsonNode *last;
  JsonArray *array;
  g_autofree char *last_seq = NULL;
  g_autofree const char **spans = NULL;
  gboolean checked = FALSE;

  if (batch->root == NULL)
    batch->root = parse_body (batch->body, &checked);
  if (batch->root == NULL)
    return decode_changes (self, batch, error);

  object = JSON_NODE_HOLDS_OBJECT (batch->root) ? json_node_get_object (batch->root) : NULL;
  results = object != NULL ? json_object_get_member (object, "results") : NULL;
  last = object != NULL ? json_object_get_member (object, "last_seq") : NULL;
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results) || last == NULL
      || JSON_NODE_HOLDS_NULL (last))
    return _nawat_sync_invalid_answer (_("its list of changes is not in the form CouchDB uses"),
                                       error);

  /* The next request went out with the sequence read from the text. */
  last_seq = nawat_json_to_string (last, FALSE, NULL);
  if (g_strcmp0 (last_seq, batch->last_seq) != 0)
    return _nawat_sync_invalid_answer (_("its list of changes is not in the form CouchDB uses"),
                                       error);

  array = json_node_get_array (results);
  batch->n_changes = json_array_get_length (array);
  spans = nawat_codec_scan_changes (g_bytes_get_data (batch->body, NULL),
                                    g_bytes_get_size (batch->body), batch->n_changes);
  /* Each document is read strictly below, from its own text; an answer
   * laid out otherwise is read strictly as a whole.
   */
  if (spans == NULL && !checked
      && !nawat_codec_check_text (g_bytes_get_data (batch->body, NULL),
                                  g_bytes_get_size (batch->body), NULL))
    return _nawat_sync_invalid_answer (_("not JSON"), error);
  for (guint i = 0; i < batch->n_changes; i++)
    {
      JsonNode *change = json_array_get_element (array, i);
      const char *text = spans != NULL ? spans[2 * i] : NULL;

      if (JSON_NODE_HOLDS_OBJECT (change))
        sort_change (batch, json_node_get_object (change), text,
                     text != NULL ? (gsize) (spans[2 * i + 1] - text) : 0, checked);
    }
  g_clear_pointer (&batch->body, g_bytes_unref);
  batch->last = batch->last || batch->n_changes < self->batch_size;
  g_clear_pointer (&batch->root, json_node_unref);
  return TRUE;
}

/* The reading side of a pull: one thread reads the next batches and
 * another decodes them, while the previous ones are written to the store,
 * at most PULL_AHEAD batches ahead.
 */
#define PULL_AHEAD 4

typedef struct
{
  NawatSync    *self;
  char         *escaped_db;
  char         *seq_json;
  /* Batch *, in order, read and not yet decoded; the Reader itself ends it */
  GAsyncQueue  *read;
  /* Batch *, in order, up to the last one or the first failure */
  GAsyncQueue  *ready;
  /* Batch *, written: freed by the decoding thread, off the writing one */
  GAsyncQueue  *spent;
  /* one token per batch the reader may read ahead */
  GAsyncQueue  *tokens;
  GCancellable *cancellable;
  /* forwards the round's cancellation */
  gulong        handler;
  GThread      *thread;
  GThread      *decoder;
  gint          stop;
} Reader;

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  g_autofree char *seq_json = g_strdup (reader->seq_json);

  for (;;)
    {
      Batch *batch;
      gboolean done;

      g_async_queue_pop (reader->tokens);
      if (g_atomic_int_get (&reader->stop))
        break;
      batch = fetch_batch (reader->self, reader->escaped_db, seq_json, reader->cancellable);
      done = batch->error != NULL || batch->last;
      if (batch->last_seq != NULL)
        {
          g_free (seq_json);
          seq_json = g_strdup (batch->last_seq);
        }
      g_async_queue_push (reader->read, batch);
      if (done)
        break;
    }
  g_async_queue_push (reader->read, reader);
  return NULL;
}

static gpointer
decoder_thread (gpointer data)
{
  Reader *reader = data;
  Batch *batch;

  while ((batch = g_async_queue_pop (reader->read)) != (gpointer) reader)
    {
      Batch *spent;

      while ((spent = g_async_queue_try_pop (reader->spent)) != NULL)
        batch_free (spent);
      if (batch->error == NULL)
        decode_batch (reader->self, batch, &batch->error);
      g_async_queue_push (reader->ready, batch);
    }
  return NULL;
}

static void
on_round_cancelled_cb (GCancellable *cancellable,
                       gpointer      data)
{
  g_cancellable_cancel (data);
}

static Reader *
reader_start (NawatSyncRound *round,
              const char     *escaped_db,
              const char     *seq_json)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->self = round->self;
  reader->escaped_db = g_strdup (escaped_db);
  reader->seq_json = g_strdup (seq_json);
  reader->read = g_async_queue_new ();
  reader->ready = g_async_queue_new_full ((GDestroyNotify) batch_free);
  reader->spent = g_async_queue_new_full ((GDestroyNotify) batch_free);
  reader->tokens = g_async_queue_new ();
  reader->cancellable = g_cancellable_new ();
  if (round->cancellable != NULL)
    reader->handler = g_cancellable_connect (round->cancellable,
                                             G_CALLBACK (on_round_cancelled_cb),
                                             g_object_ref (reader->cancellable),
                                             g_object_unref);
  for (guint i = 0; i < PULL_AHEAD; i++)
    g_async_queue_push (reader->tokens, GINT_TO_POINTER (1));
  reader->thread = g_thread_new ("nawat-pull", reader_thread, reader);
  reader->decoder = g_thread_new ("nawat-decode", decoder_thread, reader);
  return reader;
}

/* Stops the reader, which may be reading past the end, and frees it. */
static void
reader_finish (NawatSyncRound *round,
               Reader         *reader)
{
  g_atomic_int_set (&reader->stop, TRUE);
  g_cancellable_cancel (reader->cancellable);
  g_async_queue_push (reader->tokens, GINT_TO_POINTER (1));
  g_thread_join (reader->thread);
  g_thread_join (reader->decoder);
  if (reader->handler != 0)
    g_cancellable_disconnect (round->cancellable, reader->handler);

  g_async_queue_unref (reader->read);
  g_async_queue_unref (reader->ready);
  g_async_queue_unref (reader->spent);
  g_async_queue_unref (reader->tokens);
  g_object_unref (reader->cancellable);
  g_free (reader->escaped_db);
  g_free (reader->seq_json);
  g_free (reader);
}

/* The call whose rules the evaluations pulled from an evaluation database
 * must follow, as the store holds it after the call database's pull; NULL
 * when it is not there.
 */
static NawatCall *
load_call (NawatSync  *self,
           GError    **error)
{
  g_autofree char *call_id = g_strconcat ("call:", self->call_id, NULL);
  g_autoptr(GError) local_error = NULL;
  NawatCall *call;

  call = nawat_store_get_call (self->store, call_id, &local_error);
  if (call == NULL && !g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return call;
}

void
_nawat_sync_rules_clear (NawatSyncRules *rules)
{
  g_clear_object (&rules->call);
  g_clear_object (&rules->rubric);
}

gboolean
_nawat_sync_load_rules (NawatSync       *self,
                        NawatSyncRules  *rules,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *rubric_id;

  rules->call = load_call (self, error);
  if (rules->call == NULL)
    return error == NULL || *error == NULL;

  rubric_id = nawat_call_get_rubric (rules->call);
  if (rubric_id == NULL)
    {
      /* A call without a rubric is scored against the default one. */
      if (nawat_rubric_get_default () != NULL)
        rules->rubric = g_object_ref (nawat_rubric_get_default ());
      return TRUE;
    }
  rules->rubric = nawat_store_get_rubric (self->store, rubric_id, &local_error);
  if (rules->rubric == NULL &&
      !g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Why @evaluation, pulled from @owner's database (NULL: the call's), must
 * not be applied: the round's rules, then the call's rubric; NULL when it
 * may be.
 */
char *
_nawat_sync_dup_refusal (NawatSync       *self,
                         NawatSyncRules  *rules,
                         const char      *owner,
                         NawatEvaluation *evaluation)
{
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (owner != NULL)
    project = nawat_store_get_project (self->store, nawat_evaluation_get_project (evaluation),
                                       NULL);
  if (nawat_round_check_received (rules->call, project, evaluation, owner, &error))
    {
      if (rules->rubric != NULL &&
          nawat_codec_check_evaluation (evaluation, rules->rubric, &error))
        return NULL;
      if (rules->rubric == NULL)
        g_set_error (&error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH,
                     _("The call’s rubric “%s” is not in the store, so the evaluation "
                       "cannot be checked against it"),
                     nawat_call_get_rubric (rules->call));
    }

  /* TRANSLATORS: a pulled evaluation kept aside; %s is the rule it breaks */
  return g_strdup_printf (_("Not applied, kept in quarantine: %s"), error->message);
}

/* Why @document, not an evaluation, has no place in @owner's evaluation
 * database (NULL: the call database); NULL when it belongs there.
 */
static char *
dup_misplaced (NawatSync     *self,
               const char    *owner,
               NawatDocument *document)
{
  const char *id = nawat_document_get_id (document);
  gboolean other_call = FALSE;

  if (owner != NULL)
    return g_strdup_printf (_("Not applied, kept in quarantine: the database of %s holds "
                              "only their evaluations, not “%s”"), owner, id);

  if (NAWAT_IS_CALL (document))
    other_call = g_strcmp0 (nawat_call_get_call_id (NAWAT_CALL (document)), self->call_id) != 0;
  else if (NAWAT_IS_PROJECT (document))
    other_call = g_strcmp0 (nawat_project_get_call (NAWAT_PROJECT (document)), self->call_id) != 0;
  if (other_call)
    return g_strdup_printf (_("Not applied, kept in quarantine: the database of call “%s” "
                              "holds only that call and its projects, not “%s”"),
                            self->call_id, id);
  return NULL;
}

/* Defence in depth: the documents of @batch that sit in the wrong database,
 * and the evaluations that break the round's rules, go to the quarantine
 * instead, with the reason, whatever the server let through.
 */
static void
screen_batch (NawatSyncRound *round,
              NawatSyncRules *rules,
              const char     *owner,
              Batch          *batch)
{
  for (guint i = 0; i < batch->documents->len;)
    {
      NawatDocument *document = g_ptr_array_index (batch->documents, i);
      const char *text = g_ptr_array_index (batch->texts, i);
      g_autofree char *reason = NULL;
      g_autofree char *json = NULL;

      if (NAWAT_IS_EVALUATION (document))
        reason = _nawat_sync_dup_refusal (round->self, rules, owner,
                                          NAWAT_EVALUATION (document));
      else
        reason = dup_misplaced (round->self, owner, document);
      if (reason == NULL)
        {
          i++;
          continue;
        }

      json = text != NULL ? g_strdup (text) : nawat_codec_to_data (document, NULL);
      batch_reject (batch, nawat_document_get_id (document), json, reason);
      g_ptr_array_remove_index (batch->documents, i);
      g_ptr_array_remove_index (batch->texts, i);
    }
}

/* Writes one batch with its checkpoint; FALSE with @error when the pull
 * stops.  Sets @done at the end of the feed.
 */
static gboolean
apply_batch (NawatSyncRound  *round,
             const char      *db,
             NawatSyncRules  *rules,
             const char      *owner,
             Batch           *batch,
             gboolean        *done,
             GError         **error)
{
  NawatSync *self = round->self;
  NawatStorePullCounts counts = { 0, };

  *done = FALSE;
  if (batch->error != NULL)
    {
      /* A database that does not exist (yet) has nothing to pull. */
      *done = g_error_matches (batch->error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NOT_FOUND);
      if (*done)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&batch->error));
      return FALSE;
    }

  screen_batch (round, rules, owner, batch);
  counts.messages = batch->messages;
  if (!nawat_store_apply_pull (self->store, db, batch->last_seq, batch->documents, batch->texts,
                               batch->deleted, batch->rejected, &counts, error))
    return FALSE;

  for (guint i = 0; i < batch->messages->len; i++)
    g_ptr_array_add (round->result->messages, g_steal_pointer (&batch->messages->pdata[i]));
  round->result->pulled += counts.applied + counts.deleted;
  round->result->quarantined += counts.quarantined;
  round->documents += batch->n_changes;
  _nawat_sync_report_progress (round);

  *done = batch->last;
  return *done || !g_cancellable_set_error_if_cancelled (round->cancellable, error);
}

/* Pulls @db, the evaluation database of @owner (NULL: the call
 * database), from its checkpoint to the end, batch by batch; the next
 * batches are read while one is written.
 */
static gboolean
pull_database (NawatSyncRound  *round,
               const char      *db,
               const char      *owner,
               GError         **error)
{
  NawatSync *self = round->self;
  g_autofree char *escaped = nawat_couch_escape_db (db);
  g_autofree char *seq_json = NULL;
  g_auto(NawatSyncRules) rules = { NULL, NULL };
  g_autoptr(GError) local_error = NULL;
  gboolean done = FALSE;
  gboolean ok = TRUE;
  Reader *reader;

  seq_json = nawat_store_dup_checkpoint (self->store, db, &local_error);
  if (local_error == NULL && owner != NULL)
    _nawat_sync_load_rules (self, &rules, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reader = reader_start (round, escaped, seq_json);
  while (ok && !done)
    {
      Batch *batch = g_async_queue_pop (reader->ready);

      g_async_queue_push (reader->tokens, GINT_TO_POINTER (1));
      ok = apply_batch (round, db, &rules, owner, batch, &done, error);
      g_async_queue_push (reader->spent, batch);
    }
  reader_finish (round, reader);
  return ok;
}

static gboolean
has_role (JsonNode   *session,
          const char *role)
{
  JsonObject *object;
  JsonNode *ctx;
  JsonNode *roles;
  JsonArray *array;

  if (session == NULL || !JSON_NODE_HOLDS_OBJECT (session))
    return FALSE;
  object = json_node_get_object (session);
  ctx = json_object_get_member (object, "userCtx");
  if (ctx == NULL || !JSON_NODE_HOLDS_OBJECT (ctx))
    return FALSE;
  roles = json_object_get_member (json_node_get_object (ctx), "roles");
  if (roles == NULL || !JSON_NODE_HOLDS_ARRAY (roles))
    return FALSE;
  array = json_node_get_array (roles);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && g_strcmp0 (json_node_get_string (node), role) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
pull_databases (NawatSyncRound  *round,
                GError         **error)
{
  NawatSync *self = round->self;
  g_autofree char *call_db = nawat_couch_call_db_name (self->call_id);
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean coordinator;

  session = nawat_couch_request (self->couch, "GET", "/_session", NULL, NULL,
                                 round->cancellable, error);
  if (session == NULL)
    return FALSE;
  coordinator = has_role (session, "nawat-coordinator") || has_role (session, "_admin");
  round->coordinator = coordinator;

  if (!pull_database (round, call_db, NULL, error))
    return FALSE;

  if (coordinator)
    {
      g_autofree char *call_id = g_strconcat ("call:", self->call_id, NULL);
      g_autoptr(NawatCall) call = nawat_store_get_call (self->store, call_id, &local_error);
      const char * const *evaluators;

      if (call == NULL)
        {
          if (!g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }
      evaluators = nawat_call_get_evaluators (call);
      for (guint i = 0; evaluators != NULL && evaluators[i] != NULL; i++)
        {
          g_autofree char *db = nawat_couch_evaluation_db_name (self->call_id, evaluators[i]);

          if (!pull_database (round, db, evaluators[i], error))
            return FALSE;
        }
      if (self->user != NULL && evaluators != NULL
          && g_strv_contains (evaluators, self->user))
        return TRUE;
    }

  if (self->user != NULL)
    {
      g_autofree char *db = nawat_couch_evaluation_db_name (self->call_id, self->user);

      return pull_database (round, db, self->user, error);
    }
  return TRUE;
}

/* Into an empty store, the search index catches up after the pull, in the
 * background, also when the pull failed or was cancelled part-way.
 */
gboolean
_nawat_sync_pull_all (NawatSyncRound  *round,
                      GError         **error)
{
  NawatStore *store = round->self->store;
  gboolean ok;

  if (!nawat_store_begin_pull (store, error))
    return FALSE;
  ok = pull_databases (round, error);
  nawat_store_index_later (store);
  return ok;
}
