/* nawat-sync.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-sync.h"

#include "nawat-codec.h"
#include "nawat-merge.h"
#include "nawat-round.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Changes per request, written in one transaction (some 80 ms for 1,000
 * projects; autosaves wait for it off the main thread).  Smaller requests
 * cost the server more: a call of 400,000 projects took PouchDB Server 43 s
 * of processor time to send in batches of 1,000, 56 s in batches of 250.
 */
#define DEFAULT_BATCH_SIZE 1000
#define PUSH_BATCH_SIZE    100
/* Merged versions are pushed again; the server may move on meanwhile. */
#define MAX_PUSH_ROUNDS    3

struct _NawatSync
{
  GObject          parent_instance;

  NawatStore      *store;
  NawatCouch      *couch;
  char            *call_id;
  char            *user;
  guint            batch_size;

  GNetworkMonitor *monitor;
  gboolean         network_available;
  gboolean         running;
};

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
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The state of one round. */
typedef struct
{
  NawatSync       *self;
  GCancellable    *cancellable;
  NawatSyncResult *result;
  /* where "progress" goes; NULL: emitted in the running thread */
  GMainContext    *context;
  guint            documents;
  /* evaluations refused or failed in this round: not pushed again */
  GHashTable      *skip;
  /* the user coordinates the call: their store's edits of any evaluator's
   * evaluation (a reopening) go to that evaluator's database
   */
  gboolean         coordinator;
} Round;

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
         && result->quarantined == 0 && result->pending == 0;
}

char *
nawat_sync_result_to_string (NawatSyncResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_strdup_printf (_("pulled %u, pushed %u (merged %u), conflicts %u, refused %u, "
                            "quarantined %u, errors %u, pending %u"),
                          result->pulled, result->pushed, result->merged,
                          result->conflicts, result->refused, result->quarantined,
                          result->errors, result->pending);
}

static void
add_message (Round      *round,
             const char *id,
             const char *reason)
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
  return G_SOURCE_REMOVE;
}

static void
report_progress (Round *round)
{
  NawatCouch *couch = round->self->couch;
  guint64 bytes = nawat_couch_get_bytes_received (couch) + nawat_couch_get_bytes_sent (couch);

  if (round->context == NULL)
    {
      g_signal_emit (round->self, signals[PROGRESS], 0, round->documents, bytes);
    }
  else
    {
      Progress *progress = g_new0 (Progress, 1);
      GSource *source = g_idle_source_new ();

      progress->self = g_object_ref (round->self);
      progress->documents = round->documents;
      progress->bytes = bytes;
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_progress_cb, progress, (GDestroyNotify) progress_free);
      g_source_attach (source, round->context);
      g_source_unref (source);
    }
}

/* Pull */

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

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
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

static gboolean
invalid_answer (const char  *what,
                GError     **error)
{
  g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
               _("The server sent an invalid answer: %s"), what);
  return FALSE;
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
 * document as the server sent it, read strictly here, or NULL when the
 * change's text was read so already.
 */
static void
sort_change (Batch      *batch,
             JsonObject *change,
             const char *text,
             gsize       text_len)
{
  const char *id = member_string (change, "id");
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
  if (text != NULL && !nawat_codec_check_text (text, text_len, &error))
    {
      g_autofree char *json = json_to_string (doc, FALSE);

      batch_reject (batch, id, json, error->message);
      return;
    }

  document = nawat_codec_from_node (doc, &error);
  if (document == NULL)
    {
      g_autofree char *json = json_to_string (doc, FALSE);

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

/* The last_seq of a _changes answer, as json_to_string() writes it, read
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
  return json_to_string (node, FALSE);
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
          invalid_answer (_("its list of changes is not in the form CouchDB uses"), &batch->error);
          return g_steal_pointer (&batch);
        }
      batch->last_seq = json_to_string (last, FALSE);
    }

  /* No change after @seq_json: the end of the feed. */
  batch->last = g_strcmp0 (seq_json, batch->last_seq) == 0;
  return g_steal_pointer (&batch);
}

static JsonNode *
parse_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

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
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  changes = nawat_codec_split_changes (g_bytes_get_data (batch->body, NULL),
                                       g_bytes_get_size (batch->body));
  if (changes == NULL)
    return invalid_answer (_("not JSON"), error);

  batch->n_changes = changes->len / 2;
  for (guint i = 0; i < changes->len; i += 2)
    {
      const char *text = changes->pdata[i];
      const char *raw_id = changes->pdata[i + 1];
      g_autoptr(GError) local_error = NULL;
      JsonNode *root;

      if (nawat_codec_check_text (text, strlen (text), &local_error)
          && json_parser_load_from_data (parser, text, -1, &local_error)
          && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          sort_change (batch, json_node_get_object (root), NULL, 0);
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

  if (batch->root == NULL)
    batch->root = parse_body (batch->body);
  if (batch->root == NULL)
    return decode_changes (self, batch, error);

  object = JSON_NODE_HOLDS_OBJECT (batch->root) ? json_node_get_object (batch->root) : NULL;
  results = object != NULL ? json_object_get_member (object, "results") : NULL;
  last = object != NULL ? json_object_get_member (object, "last_seq") : NULL;
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results) || last == NULL
      || JSON_NODE_HOLDS_NULL (last))
    return invalid_answer (_("its list of changes is not in the form CouchDB uses"), error);

  /* The next request went out with the sequence read from the text. */
  last_seq = json_to_string (last, FALSE);
  if (g_strcmp0 (last_seq, batch->last_seq) != 0)
    return invalid_answer (_("its list of changes is not in the form CouchDB uses"), error);

  array = json_node_get_array (results);
  batch->n_changes = json_array_get_length (array);
  spans = nawat_codec_scan_changes (g_bytes_get_data (batch->body, NULL),
                                    g_bytes_get_size (batch->body), batch->n_changes);
  /* Each document is read strictly below, from its own text; an answer
   * laid out otherwise is read strictly as a whole.
   */
  if (spans == NULL && !nawat_codec_check_text (g_bytes_get_data (batch->body, NULL),
                                                g_bytes_get_size (batch->body), NULL))
    return invalid_answer (_("not JSON"), error);
  for (guint i = 0; i < batch->n_changes; i++)
    {
      JsonNode *change = json_array_get_element (array, i);
      const char *text = spans != NULL ? spans[2 * i] : NULL;

      if (JSON_NODE_HOLDS_OBJECT (change))
        sort_change (batch, json_node_get_object (change), text,
                     text != NULL ? (gsize) (spans[2 * i + 1] - text) : 0);
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
reader_start (Round      *round,
              const char *escaped_db,
              const char *seq_json)
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
reader_finish (Round  *round,
               Reader *reader)
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

/* What the evaluations pulled from an evaluation database are checked
 * against: the call and its rubric as the store holds them (NULL when
 * missing).
 */
typedef struct
{
  NawatCall   *call;
  NawatRubric *rubric;
} Rules;

static void
rules_clear (Rules *rules)
{
  g_clear_object (&rules->call);
  g_clear_object (&rules->rubric);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rules, rules_clear)

static gboolean
load_rules (NawatSync  *self,
            Rules      *rules,
            GError    **error)
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
static char *
dup_refusal (NawatSync       *self,
             Rules           *rules,
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
screen_batch (Round      *round,
              Rules      *rules,
              const char *owner,
              Batch      *batch)
{
  for (guint i = 0; i < batch->documents->len;)
    {
      NawatDocument *document = g_ptr_array_index (batch->documents, i);
      const char *text = g_ptr_array_index (batch->texts, i);
      g_autofree char *reason = NULL;
      g_autofree char *json = NULL;

      if (NAWAT_IS_EVALUATION (document))
        reason = dup_refusal (round->self, rules, owner, NAWAT_EVALUATION (document));
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
apply_batch (Round       *round,
             const char  *db,
             Rules       *rules,
             const char  *owner,
             Batch       *batch,
             gboolean    *done,
             GError     **error)
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
  report_progress (round);

  *done = batch->last;
  return *done || !g_cancellable_set_error_if_cancelled (round->cancellable, error);
}

/* Pulls @db, the evaluation database of @owner (NULL: the call
 * database), from its checkpoint to the end, batch by batch; the next
 * batches are read while one is written.
 */
static gboolean
pull_database (Round       *round,
               const char  *db,
               const char  *owner,
               GError     **error)
{
  NawatSync *self = round->self;
  g_autofree char *escaped = nawat_couch_escape_db (db);
  g_autofree char *seq_json = NULL;
  g_auto(Rules) rules = { NULL, NULL };
  g_autoptr(GError) local_error = NULL;
  gboolean done = FALSE;
  gboolean ok = TRUE;
  Reader *reader;

  seq_json = nawat_store_dup_checkpoint (self->store, db, &local_error);
  if (local_error == NULL && owner != NULL)
    load_rules (self, &rules, &local_error);
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
pull_databases (Round   *round,
                GError **error)
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
static gboolean
pull_all (Round   *round,
          GError **error)
{
  NawatStore *store = round->self->store;
  gboolean ok;

  if (!nawat_store_begin_pull (store, error))
    return FALSE;
  ok = pull_databases (round, error);
  nawat_store_index_later (store);
  return ok;
}

/* Push */

/* Whether @evaluation is pushed in this round: an evaluation of the call,
 * the user's own, or any evaluator's when the user coordinates the call.
 */
static gboolean
belongs_to_round (Round           *round,
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
list_pushable (Round   *round,
               GError **error)
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
skip (Round      *round,
      const char *id)
{
  g_hash_table_add (round->skip, g_strdup (id));
}

/* Fetches the server's version of @mine and merges it against the merge
 * base.  Returns FALSE only on a failure that stops the round.
 */
static gboolean
merge_with_server (Round            *round,
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
  g_auto(Rules) rules = { NULL, NULL };
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
      add_message (round, id, local_error->message);
      skip (round, id);
      return TRUE;
    }

  theirs = nawat_codec_from_node (node, &local_error);
  if (theirs == NULL || !NAWAT_IS_EVALUATION (theirs))
    {
      round->result->errors++;
      add_message (round, id, local_error != NULL ? local_error->message
                                                  : _("the server’s version is not an evaluation"));
      skip (round, id);
      return TRUE;
    }

  /* The server's version is merged only if it could have been pulled. */
  if (!load_rules (self, &rules, error))
    return FALSE;
  refusal = dup_refusal (self, &rules, nawat_evaluation_get_evaluator (mine),
                         NAWAT_EVALUATION (theirs));
  if (refusal != NULL)
    {
      g_autofree char *json = json_to_string (node, FALSE);

      if (!nawat_store_quarantine (self->store, id, json, refusal, error))
        return FALSE;
      round->result->quarantined++;
      add_message (round, id, refusal);
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
      add_message (round, id, local_error->message);
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
push_batch (Round       *round,
            const char  *escaped_db,
            GPtrArray   *batch,
            gboolean    *merged_again,
            GError     **error)
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
              add_message (round, id, local_error->message);
              skip (round, id);
            }
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (answer))
    return invalid_answer (_("its answer to the saved evaluations is not in the form CouchDB uses"), error);
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
      id = member_string (item, "id");
      mine = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
      if (mine == NULL)
        continue;
      g_hash_table_remove (by_id, id);

      rev = member_string (item, "rev");
      err = member_string (item, "error");
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
          const char *reason = member_string (item, "reason");
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
          add_message (round, id, message);
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
          add_message (round, key, _("the server did not answer for this document"));
          skip (round, key);
        }
    }

  report_progress (round);
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
push_evaluator (Round      *round,
                GPtrArray  *evaluations,
                guint       start,
                guint       end,
                gboolean   *merged_again,
                GError    **error)
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

static gboolean
push_all (Round   *round,
          GError **error)
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
static gboolean
count_left (Round   *round,
            GError **error)
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

static NawatSyncResult *
run_round (Round   *round,
           GError **error)
{
  if (g_cancellable_set_error_if_cancelled (round->cancellable, error))
    return NULL;
  if (!pull_all (round, error) || !push_all (round, error) || !count_left (round, error))
    return NULL;
  return g_steal_pointer (&round->result);
}

static Round *
round_new (NawatSync    *self,
           GCancellable *cancellable,
           GMainContext *context)
{
  Round *round = g_new0 (Round, 1);

  round->self = g_object_ref (self);
  round->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  round->context = context != NULL ? g_main_context_ref (context) : NULL;
  round->result = g_new0 (NawatSyncResult, 1);
  round->result->messages = g_ptr_array_new_with_free_func (g_free);
  round->skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return round;
}

static void
round_free (Round *round)
{
  g_clear_object (&round->self);
  g_clear_object (&round->cancellable);
  g_clear_pointer (&round->context, g_main_context_unref);
  g_clear_pointer (&round->result, nawat_sync_result_free);
  g_clear_pointer (&round->skip, g_hash_table_unref);
  g_free (round);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Round, round_free)

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
  g_autoptr(Round) round = NULL;

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
  Round *round = task_data;
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
