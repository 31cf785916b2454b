/* test-sync.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-merge.h"
#include "nawat-round.h"
#include "nawat-store.h"
#include "nawat-sync.h"

#include "nawat-test-http.h"
#include "nawat-test-network.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

/* A small CouchDB 2+ lookalike: string sequences, _bulk_docs answers in
 * reverse order, refusals by validate_doc_update.
 */

typedef struct
{
  JsonNode *doc;
  guint     seq;
  gboolean  deleted;
  /* the change as sent, for what json-glib cannot write (fake_put_raw()) */
  char     *raw;
} FakeDoc;

typedef struct
{
  GMutex      lock;
  GHashTable *dbs;   /* name → GHashTable id → FakeDoc */
  guint       seq;
  gboolean    coordinator;
  guint       bulk_requests;
} Fake;

static Fake fake;

static void
fake_doc_free (FakeDoc *doc)
{
  json_node_unref (doc->doc);
  g_free (doc->raw);
  g_free (doc);
}

static GHashTable *
fake_db (const char *name,
         gboolean    create)
{
  GHashTable *db = g_hash_table_lookup (fake.dbs, name);

  if (db == NULL && create)
    {
      db = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) fake_doc_free);
      g_hash_table_insert (fake.dbs, g_strdup (name), db);
    }
  return db;
}

static const char *
doc_rev (JsonNode *doc)
{
  JsonObject *object = json_node_get_object (doc);

  return json_object_has_member (object, "_rev")
         ? json_object_get_string_member (object, "_rev") : NULL;
}

/* Stores @doc (taking it) as a new revision; lock held. */
static char *
fake_store_locked (const char *db_name,
                   JsonNode   *doc,
                   gboolean    deleted)
{
  GHashTable *db = fake_db (db_name, TRUE);
  JsonObject *object = json_node_get_object (doc);
  const char *id = json_object_get_string_member (object, "_id");
  FakeDoc *old = g_hash_table_lookup (db, id);
  FakeDoc *entry = g_new0 (FakeDoc, 1);
  guint generation = old != NULL ? (guint) g_ascii_strtoull (doc_rev (old->doc), NULL, 10) : 0;
  char *rev;

  fake.seq++;
  rev = g_strdup_printf ("%u-%08x", generation + 1, g_str_hash (id) ^ fake.seq);
  json_object_set_string_member (object, "_rev", rev);
  entry->doc = doc;
  entry->seq = fake.seq;
  entry->deleted = deleted;
  g_hash_table_replace (db, g_strdup (id), entry);
  return rev;
}

static void
fake_put (const char *db_name,
          const char *json)
{
  g_autofree char *rev = NULL;

  g_mutex_lock (&fake.lock);
  rev = fake_store_locked (db_name, json_from_string (json, NULL), FALSE);
  g_mutex_unlock (&fake.lock);
}

static void
fake_delete (const char *db_name,
             const char *id)
{
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"_deleted\":true}", id);
  g_autofree char *rev = NULL;

  g_mutex_lock (&fake.lock);
  rev = fake_store_locked (db_name, json_from_string (json, NULL), TRUE);
  g_mutex_unlock (&fake.lock);
}

/* A change whose document is @raw_doc, sent as written: text a server
 * could send and json-glib would read leniently; @key only names it here.
 */
static void
fake_put_raw (const char *db_name,
              const char *key,
              const char *raw_id,
              const char *raw_doc)
{
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\"}", key);
  FakeDoc *doc;
  g_autofree char *rev = NULL;

  g_mutex_lock (&fake.lock);
  rev = fake_store_locked (db_name, json_from_string (json, NULL), FALSE);
  doc = g_hash_table_lookup (fake_db (db_name, FALSE), key);
  doc->raw = g_strdup_printf ("{\"seq\":\"%u-g1AAAAfake\",\"id\":%s,\"changes\":[{\"rev\":\"%s\"}],"
                              "\"doc\":%s}", doc->seq, raw_id, rev, raw_doc);
  g_mutex_unlock (&fake.lock);
}

/* A copy of the current document, or NULL. */
static JsonNode *
fake_get (const char *db_name,
          const char *id)
{
  GHashTable *db;
  FakeDoc *doc;
  JsonNode *copy = NULL;

  g_mutex_lock (&fake.lock);
  db = fake_db (db_name, FALSE);
  doc = db != NULL ? g_hash_table_lookup (db, id) : NULL;
  /* A deep copy: json_node_copy() shares the object. */
  if (doc != NULL && !doc->deleted)
    {
      g_autofree char *json = json_to_string (doc->doc, FALSE);

      copy = json_from_string (json, NULL);
    }
  g_mutex_unlock (&fake.lock);
  return copy;
}

static int
compare_seq (gconstpointer a,
             gconstpointer b)
{
  const FakeDoc *x = *(FakeDoc * const *) a;
  const FakeDoc *y = *(FakeDoc * const *) b;

  return (x->seq > y->seq) - (x->seq < y->seq);
}

static void
handle_changes (SoupServerMessage *msg,
                GHashTable        *db,
                GHashTable        *query)
{
  const char *since_str = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  const char *limit_str = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint since = since_str != NULL ? (guint) g_ascii_strtoull (since_str, NULL, 10) : 0;
  guint limit = limit_str != NULL ? (guint) g_ascii_strtoull (limit_str, NULL, 10) : G_MAXUINT;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GPtrArray) raw = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GString *json;
  g_autofree char *last = g_strdup_printf ("%u-g1AAAAfake", since);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, db);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((FakeDoc *) value)->seq > since)
      g_ptr_array_add (list, value);
  g_ptr_array_sort (list, compare_seq);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len && i < limit; i++)
    {
      FakeDoc *doc = list->pdata[i];
      JsonObject *object = json_node_get_object (doc->doc);

      g_free (last);
      last = g_strdup_printf ("%u-g1AAAAfake", doc->seq);
      if (doc->raw != NULL)
        {
          /* A placeholder, replaced by the raw text below. */
          g_autofree char *mark = g_strdup_printf ("@raw-%u@", raw->len);

          json_builder_add_string_value (builder, mark);
          g_ptr_array_add (raw, doc->raw);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_string_value (builder, last);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, json_object_get_string_member (object, "_id"));
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rev");
      json_builder_add_string_value (builder, doc_rev (doc->doc));
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      if (doc->deleted)
        {
          json_builder_set_member_name (builder, "deleted");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_set_member_name (builder, "doc");
      json_builder_add_value (builder, json_node_copy (doc->doc));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "last_seq");
  json_builder_add_string_value (builder, last);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  json = g_string_new (text);
  for (guint i = 0; i < raw->len; i++)
    {
      g_autofree char *mark = g_strdup_printf ("\"@raw-%u@\"", i);

      g_string_replace (json, mark, raw->pdata[i], 1);
    }
  test_http_reply (msg, 200, json->str);
  g_string_free (json, TRUE);
}

static void
handle_bulk_docs (SoupServerMessage *msg,
                  const char        *db_name)
{
  g_autofree char *body = test_http_dup_body (msg);
  g_autoptr(JsonNode) root = json_from_string (body, NULL);
  JsonArray *docs = json_object_get_array_member (json_node_get_object (root), "docs");
  g_autoptr(JsonArray) results = json_array_new ();
  g_autoptr(JsonNode) answer = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *json = NULL;
  guint n = json_array_get_length (docs);

  fake.bulk_requests++;
  /* Answered in reverse order: clients must match by id. */
  for (guint k = n; k > 0; k--)
    {
      JsonNode *doc = json_array_get_element (docs, k - 1);
      JsonObject *object = json_node_get_object (doc);
      const char *id = json_object_get_string_member (object, "_id");
      GHashTable *db = fake_db (db_name, TRUE);
      FakeDoc *current = g_hash_table_lookup (db, id);
      const char *rev = json_object_has_member (object, "_rev")
                        ? json_object_get_string_member (object, "_rev") : NULL;
      JsonObject *result = json_object_new ();
      const char *comment = json_object_has_member (object, "overall_comment")
                            ? json_object_get_string_member (object, "overall_comment") : NULL;

      json_object_set_string_member (result, "id", id);
      if (comment != NULL && strstr (comment, "REFUSE") != NULL)
        {
          json_object_set_string_member (result, "error", "forbidden");
          json_object_set_string_member (result, "reason", "Only the evaluator may write this evaluation.");
        }
      else if ((current != NULL && !current->deleted && g_strcmp0 (rev, doc_rev (current->doc)) != 0)
               || (current == NULL && rev != NULL))
        {
          json_object_set_string_member (result, "error", "conflict");
          json_object_set_string_member (result, "reason", "Document update conflict.");
        }
      else
        {
          g_autofree char *copy = json_to_string (doc, FALSE);
          g_autofree char *new_rev = fake_store_locked (db_name, json_from_string (copy, NULL), FALSE);

          json_object_set_boolean_member (result, "ok", TRUE);
          json_object_set_string_member (result, "rev", new_rev);
        }
      json_array_add_object_element (results, result);
    }

  json_node_set_array (answer, results);
  json = json_to_string (answer, FALSE);
  test_http_reply (msg, 201, json);
}

static void
fake_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 2);
  g_autofree char *db_name = g_uri_unescape_string (parts[0], NULL);
  g_autofree char *rest = parts[1] != NULL ? g_uri_unescape_string (parts[1], NULL) : NULL;
  GHashTable *db;

  if (g_str_equal (path, "/_session"))
    {
      if (g_str_equal (method, "POST"))
        soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                     "Set-Cookie", "AuthSession=fake; Path=/");
      g_mutex_lock (&fake.lock);
      test_http_reply (msg, 200, fake.coordinator
                                 ? "{\"ok\":true,\"userCtx\":{\"name\":\"coordinator\",\"roles\":[\"nawat-coordinator\"]}}"
                                 : "{\"ok\":true,\"userCtx\":{\"name\":\"somchai\",\"roles\":[\"nawat-evaluator\"]}}");
      g_mutex_unlock (&fake.lock);
      return;
    }

  g_mutex_lock (&fake.lock);
  db = fake_db (db_name, FALSE);
  if (db == NULL)
    test_http_reply (msg, 404, "{\"error\":\"not_found\",\"reason\":\"Database does not exist.\"}");
  else if (g_strcmp0 (rest, "_changes") == 0)
    handle_changes (msg, db, query);
  else if (g_strcmp0 (rest, "_bulk_docs") == 0 && g_str_equal (method, "POST"))
    handle_bulk_docs (msg, db_name);
  else if (rest != NULL && g_str_equal (method, "GET"))
    {
      FakeDoc *doc = g_hash_table_lookup (db, rest);

      if (doc == NULL || doc->deleted)
        test_http_reply (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
      else
        {
          g_autofree char *json = json_to_string (doc->doc, FALSE);

          test_http_reply (msg, 200, json);
        }
    }
  else
    test_http_reply (msg, 400, "{\"error\":\"bad_request\",\"reason\":\"unsupported\"}");
  g_mutex_unlock (&fake.lock);
}

/* Fixture */

typedef struct
{
  TestHttp *http;
  char     *dir;
  guint     n_projects;
} Fixture;

#define CALL      "si-2569"
#define CALL_DB   "nawat-si-2569"
#define SOMCHAI_DB "nawat-si-2569-e-736f6d63686169"
#define MALEE_DB  "nawat-si-2569-e-6d616c6565"

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "demo", "demo.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *docs;

  g_mutex_init (&fake.lock);
  fake.dbs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  fake.seq = 0;
  fake.coordinator = FALSE;
  fake.bulk_requests = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  root = json_from_string (contents, &error);
  g_assert_no_error (error);
  docs = json_object_get_array_member (json_node_get_object (root), "docs");
  fake_db (SOMCHAI_DB, TRUE);
  fake_db (MALEE_DB, TRUE);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      g_autofree char *json = NULL;

      if (g_str_equal (json_object_get_string_member (doc, "type"), "evaluation"))
        continue;
      /* The round stays open whatever the date the tests run on. */
      if (g_str_equal (json_object_get_string_member (doc, "type"), "call"))
        json_object_set_string_member (doc, "deadline", "2099-12-31T17:00:00Z");
      json = json_to_string (json_array_get_element (docs, i), FALSE);
      fake_put (CALL_DB, json);
      if (g_str_equal (json_object_get_string_member (doc, "type"), "project"))
        fixture->n_projects++;
    }

  fixture->http = test_http_start (fake_cb, NULL);
  fixture->dir = g_dir_make_tmp ("nawat-sync-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  test_http_stop (fixture->http);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_hash_table_unref (fake.dbs);
  g_mutex_clear (&fake.lock);
}

static NawatStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  NawatStore *store = nawat_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static NawatSync *
new_sync (Fixture    *fixture,
          NawatStore *store,
          const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCouch) couch = nawat_couch_new (fixture->http->url, &error);
  NawatSync *sync;

  g_assert_no_error (error);
  nawat_couch_set_retry_policy (couch, 1, 2, 2);
  nawat_couch_set_credentials (couch, user, "pw");
  sync = nawat_sync_new (store, couch, CALL, user);
  nawat_sync_set_batch_size (sync, 7);
  return sync;
}

static NawatSyncResult *
run_ok (NawatSync *sync)
{
  g_autoptr(GError) error = NULL;
  NawatSyncResult *result = nawat_sync_run (sync, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static NawatEvaluation *
get_evaluation (NawatStore *store,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  NawatEvaluation *evaluation = nawat_store_get_evaluation (store, id, &error);

  g_assert_no_error (error);
  return evaluation;
}

static void
save (NawatStore      *store,
      NawatEvaluation *evaluation)
{
  g_autoptr(GError) error = NULL;

  nawat_evaluation_touch (evaluation);
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_no_error (error);
}

static double
server_score (const char *db,
              const char *id,
              const char *key)
{
  g_autoptr(JsonNode) doc = fake_get (db, id);
  JsonObject *scores;

  g_assert_nonnull (doc);
  scores = json_object_get_object_member (json_node_get_object (doc), "scores");
  if (!json_object_has_member (scores, key) || json_object_get_null_member (scores, key))
    return -1;
  return json_object_get_double_member (scores, key);
}

static double
local_score (NawatStore *store,
             const char *id,
             const char *key)
{
  g_autoptr(NawatEvaluation) evaluation = get_evaluation (store, id);
  double value = -1;

  nawat_evaluation_get_score (evaluation, key, &value);
  return value;
}

#define EVAL_ID "evaluation:si-2569:p001:somchai"

/* The JSON of project @id as @fixture's store "a.db" holds it. */
static char *
stored_project_json (Fixture    *fixture,
                     const char *id)
{
  g_autofree char *path = g_build_filename (fixture->dir, "a.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *json = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json FROM projects WHERE id = ?", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return json;
}

/* A pulled project is stored as the server sent it. */
static void
assert_stored_as_sent (Fixture    *fixture,
                       const char *id)
{
  g_autoptr(JsonNode) doc = fake_get (CALL_DB, id);
  g_autofree char *sent = json_to_string (doc, FALSE);
  g_autofree char *stored = stored_project_json (fixture, id);

  g_assert_cmpstr (stored, ==, sent);
}

static void
test_pull_string_seq (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(NawatSyncResult) first = NULL;
  g_autoptr(NawatSyncResult) second = NULL;
  g_autoptr(NawatSyncResult) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) gone = NULL;
  g_autoptr(NawatProject) changed = NULL;
  g_autofree char *checkpoint = NULL;
  g_autoptr(JsonNode) p2 = NULL;
  g_autofree char *p2_json = NULL;

  first = run_ok (sync);
  g_assert_cmpuint (first->pulled, ==, fixture->n_projects + 1);
  g_assert_true (nawat_sync_result_is_complete (first));
  assert_stored_as_sent (fixture, "project:si-2569:p001");

  /* The CouchDB 2+ form, kept verbatim as a JSON string. */
  checkpoint = nawat_store_dup_checkpoint (store, CALL_DB, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checkpoint);
  g_assert_true (g_str_has_prefix (checkpoint, "\""));
  g_assert_true (g_str_has_suffix (checkpoint, "-g1AAAAfake\""));

  second = run_ok (sync);
  g_assert_cmpuint (second->pulled, ==, 0);

  /* The coordinator deletes one project and renames another. */
  fake_delete (CALL_DB, "project:si-2569:p003");
  p2 = fake_get (CALL_DB, "project:si-2569:p002");
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (p2), "title"),
                                 "en", "Renamed by the coordinator");
  p2_json = json_to_string (p2, FALSE);
  fake_put (CALL_DB, p2_json);

  third = run_ok (sync);
  g_assert_cmpuint (third->pulled, ==, 2);
  gone = nawat_store_get_project (store, "project:si-2569:p003", &error);
  g_assert_null (gone);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  changed = nawat_store_get_project (store, "project:si-2569:p002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_project_get_title (changed)->en, ==, "Renamed by the coordinator");
  assert_stored_as_sent (fixture, "project:si-2569:p002");
}

static void
test_quarantine (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GPtrArray) quarantine = NULL;
  g_autoptr(JsonNode) p1 = fake_get (CALL_DB, "project:si-2569:p001");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (json_node_get_object (p1), "budget_thb", -5);
  json_object_remove_member (json_node_get_object (p1), "_rev");
  json_object_set_string_member (json_node_get_object (p1), "_id", "project:si-2569:bad");
  json_object_set_string_member (json_node_get_object (p1), "code", "bad");
  json = json_to_string (p1, FALSE);
  fake_put (CALL_DB, json);

  result = run_ok (sync);
  g_assert_cmpuint (result->quarantined, ==, 1);
  g_assert_cmpuint (result->pulled, ==, fixture->n_projects + 1);
  g_assert_false (nawat_sync_result_is_complete (result));
  g_assert_cmpuint (result->messages->len, ==, 1);
  g_assert_true (g_str_has_prefix (result->messages->pdata[0], "project:si-2569:bad: "));

  quarantine = nawat_store_list_quarantine (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantine->len, ==, 1);
  g_assert_nonnull (strstr (quarantine->pdata[0], "budget_thb"));
}

/* The text of project p001, titled "Planted", with @old replaced by @new:
 * a project planted under another id, with a member the codec refuses.
 */
static char *
p001_with (const char *old,
           const char *new)
{
  g_autoptr(JsonNode) p1 = fake_get (CALL_DB, "project:si-2569:p001");
  g_autoptr(GString) text = NULL;
  g_autofree char *json = NULL;

  JsonObject *title = json_object_new ();

  json_object_set_string_member (title, "th", "ปลอม");
  json_object_set_string_member (title, "en", "Planted");
  json_object_set_object_member (json_node_get_object (p1), "title", title);
  json_object_remove_member (json_node_get_object (p1), "_rev");
  json = json_to_string (p1, FALSE);
  text = g_string_new (json);
  g_assert_cmpuint (g_string_replace (text, old, new, 1), ==, 1);
  return g_strdup (text->str);
}

/* Issue 15: json-glib reads what RFC 8259 does not allow and cuts a string
 * at a NUL; a pulled document is read strictly from its text as the server
 * sent it, and what fails is quarantined, never stored.
 */
static void
test_strict_pull (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *key;
    const char *raw_id;
    const char *old;
    const char *new;
    const char *reason;
  } planted[] = {
    /* cut at the NUL, it would overwrite p001 */
    { "nul", "\"project:si-2569:p001\\u0000\"", "\"_id\":\"project:si-2569:p001\"",
      "\"_id\":\"project:si-2569:p001\\u0000\"", "NUL" },
    { "surrogate", "\"project:si-2569:p201\"", "\"_id\":\"project:si-2569:p001\"",
      "\"_id\":\"project:si-2569:p201\",\"note\":\"\\ud800\"", "unpaired surrogate" },
    { "wrap", "\"project:si-2569:p202\"", "\"_id\":\"project:si-2569:p001\"",
      "\"_id\":\"project:si-2569:p202\",\"budget_thb\":-18446744073709551613", "2^53" },
    { "twice", "\"project:si-2569:p203\"", "\"_id\":\"project:si-2569:p001\"",
      "\"_id\":\"project:si-2569:p203\",\"_id\":\"project:si-2569:p001\"", "_id" },
    { "control", "\"project:si-2569:p204\"", "\"_id\":\"project:si-2569:p001\"",
      "\"_id\":\"project:si-2569:p204\",\"note\":\"a\tb\"", "byte" },
  };
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GPtrArray) quarantine = NULL;
  g_autoptr(NawatProject) p1 = NULL;
  g_autoptr(JsonNode) sent = fake_get (CALL_DB, "project:si-2569:p001");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_autofree char *doc = p001_with (planted[i].old, planted[i].new);

      fake_put_raw (CALL_DB, planted[i].key, planted[i].raw_id, doc);
    }

  result = run_ok (sync);
  g_assert_cmpuint (result->quarantined, ==, G_N_ELEMENTS (planted));
  /* the call and its projects, none of the planted */
  g_assert_cmpuint (result->pulled, ==, fixture->n_projects + 1);
  g_assert_false (nawat_sync_result_is_complete (result));

  quarantine = nawat_store_list_quarantine (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantine->len, ==, G_N_ELEMENTS (planted));
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < result->messages->len && !found; j++)
        found = strstr (result->messages->pdata[j], planted[i].reason) != NULL
                && strstr (result->messages->pdata[j], "byte") != NULL;
      if (!found)
        g_error ("the %s document is not reported with “%s”", planted[i].key, planted[i].reason);
    }

  /* p001 is the server's own, the planted ones are nowhere. */
  p1 = nawat_store_get_project (store, "project:si-2569:p001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_text_get (nawat_project_get_title (p1), "en"), ==,
                   json_object_get_string_member (json_object_get_object_member (
                     json_node_get_object (sent), "title"), "en"));
  g_assert_cmpstr (nawat_text_get (nawat_project_get_title (p1), "en"), !=, "Planted");
  for (guint i = 201; i <= 204; i++)
    {
      g_autofree char *id = g_strdup_printf ("project:si-2569:p%u", i);
      g_autoptr(NawatProject) none = nawat_store_get_project (store, id, NULL);

      g_assert_null (none);
    }
}

/* The title of project p001 in @store, in English. */
static char *
dup_p001_title (NawatStore *store)
{
  g_autoptr(NawatProject) p1 = NULL;
  g_autoptr(GError) error = NULL;

  p1 = nawat_store_get_project (store, "project:si-2569:p001", &error);
  g_assert_no_error (error);
  return g_strdup (nawat_text_get (nawat_project_get_title (p1), "en"));
}

/* An answer read strictly as a whole is not read again document by
 * document: its escapes still decode as they should.  One that fails is
 * read document by document, the others go on, and the one that fails is
 * refused at its own byte.
 */
static void
test_strict_pull_answer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(NawatSyncResult) again = NULL;
  g_autoptr(GPtrArray) quarantine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = p001_with ("\"Planted\"",
                                        "\"Caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\\/\\n\"");
  g_autofree char *renamed = p001_with ("\"Planted\"", "\"Caf\\u00e9 again\"");
  g_autofree char *broken = p001_with ("\"_id\":\"project:si-2569:p001\"",
                                       "\"_id\":\"project:si-2569:p206\",\"note\":\"a\xff\"");
  g_autofree char *title = NULL;
  gboolean found = FALSE;
  gsize offset;

  fake_put_raw (CALL_DB, "escaped", "\"project:si-2569:p001\"", escaped);
  result = run_ok (sync);
  g_assert_cmpuint (result->quarantined, ==, 0);
  g_assert_cmpuint (result->pulled, ==, fixture->n_projects + 2);
  title = dup_p001_title (store);
  g_assert_cmpstr (title, ==, "Caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\"/\n");
  g_clear_pointer (&title, g_free);

  /* Invalid UTF-8 in one document of the next answer. */
  fake_put_raw (CALL_DB, "broken", "\"project:si-2569:p206\"", broken);
  fake_put_raw (CALL_DB, "renamed", "\"project:si-2569:p001\"", renamed);
  again = run_ok (sync);
  g_assert_cmpuint (again->quarantined, ==, 1);
  g_assert_cmpuint (again->pulled, ==, 1);
  title = dup_p001_title (store);
  g_assert_cmpstr (title, ==, "Caf\xc3\xa9 again");

  /* Read from its change, at the byte of the change's text. */
  offset = (gsize) (strchr (broken, '\xff') - broken);
  for (guint i = 0; i < again->messages->len && !found; i++)
    {
      const char *message = again->messages->pdata[i];
      const char *prefix = "project:si-2569:p206: doc.note: at byte ";
      char *end = NULL;
      guint64 at;

      if (!g_str_has_prefix (message, prefix))
        continue;
      at = g_ascii_strtoull (message + strlen (prefix), &end, 10);
      g_assert_cmpstr (end, ==, ": byte 0xFF is not valid UTF-8 here");
      /* the change's members before its document */
      g_assert_cmpuint (at, >, offset + strlen ("{\"seq\":\"1-g1AAAAfake\",\"doc\":"));
      g_assert_cmpuint (at, <, offset + 200);
      found = TRUE;
    }
  if (!found)
    g_error ("the document with invalid UTF-8 is not reported at its byte: %s",
             again->messages->len > 0 ? (char *) again->messages->pdata[0] : "none");

  quarantine = nawat_store_list_quarantine (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantine->len, ==, 1);
  g_assert_null (nawat_store_get_project (store, "project:si-2569:p206", NULL));
}

/* An evaluation's JSON as a server would hold it. */
static char *
evaluation_json (const char *code,
                 const char *evaluator,
                 const char *updated,
                 gboolean    conflict)
{
  return g_strdup_printf ("{\"_id\":\"evaluation:si-2569:%s:%s\",\"type\":\"evaluation\","
                          "\"schema\":1,\"project\":\"project:si-2569:%s\",\"evaluator\":\"%s\","
                          "\"rubric\":\"rubric:default:1\",\"scores\":{\"merit.impact\":4},"
                          "\"comments\":{},\"overall_comment\":\"\",\"recommendation\":null,"
                          "\"conflict_of_interest\":{\"declared\":%s,\"note\":\"\"},"
                          "\"status\":\"draft\",\"updated\":\"%s\"}",
                          code, evaluator, code, evaluator, conflict ? "true" : "false", updated);
}

static void
plant (const char *db,
       const char *code,
       const char *evaluator,
       const char *updated,
       gboolean    conflict)
{
  g_autofree char *json = evaluation_json (code, evaluator, updated, conflict);

  fake_put (db, json);
}

/* The quarantine entry of @id ("<id>: <reason>"), or NULL. */
static const char *
find_quarantined (GPtrArray  *quarantine,
                  const char *id)
{
  g_autofree char *prefix = g_strconcat (id, ": ", NULL);

  for (guint i = 0; i < quarantine->len; i++)
    if (g_str_has_prefix (quarantine->pdata[i], prefix))
      return quarantine->pdata[i];
  return NULL;
}

static void
assert_quarantined (NawatStore *store,
                    GPtrArray  *quarantine,
                    const char *id,
                    const char *reason)
{
  const char *entry = find_quarantined (quarantine, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatEvaluation) applied = nawat_store_get_evaluation (store, id, &error);

  if (entry == NULL || strstr (entry, reason) == NULL)
    g_error ("%s is not quarantined with “%s”: %s", id, reason, entry);
  g_assert_null (applied);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
}

static gboolean
has_message (NawatSyncResult *result,
             const char      *id,
             const char      *reason)
{
  g_autofree char *prefix = g_strconcat (id, ": ", NULL);

  for (guint i = 0; i < result->messages->len; i++)
    if (g_str_has_prefix (result->messages->pdata[i], prefix) &&
        strstr (result->messages->pdata[i], reason) != NULL)
      return TRUE;
  return FALSE;
}

/* Defence in depth (issue 15): whatever the server lets through, an
 * evaluation is applied only from its evaluator's own database and only if
 * it keeps the round's rules; the rest is quarantined with the reason and
 * reported, never applied, never dropped.
 */
static void
test_rules_quarantine (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *reason;
  } refused[] = {
    { "evaluation:si-2569:p003:somchai", "no place in the call’s database" },
    { "evaluation:si-2569:p001:malee", "found in the database of somchai" },
    { "evaluation:si-2569:p008:somchai", "is not assigned to somchai" },
    { "evaluation:si-2569:p002:somchai", "after somchai’s deadline of 2099-12-31 17:00 UTC" },
    { "evaluation:si-2569:p005:somchai", "conflict of interest is declared" },
    { "project:si-2569:p099", "the database of somchai holds only their evaluations" },
    { "project:other:p001", "holds only that call and its projects" },
  };
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(NawatSyncResult) again = NULL;
  g_autoptr(GPtrArray) quarantine = NULL;
  g_autoptr(NawatEvaluation) good = NULL;
  g_autoptr(JsonNode) project = NULL;
  g_autoptr(NawatProject) misplaced = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  plant (CALL_DB, "p003", "somchai", "2026-01-01T00:00:00Z", FALSE);
  plant (SOMCHAI_DB, "p001", "malee", "2026-01-01T00:00:00Z", FALSE);
  plant (SOMCHAI_DB, "p008", "somchai", "2026-01-01T00:00:00Z", FALSE);
  plant (SOMCHAI_DB, "p002", "somchai", "2100-01-01T00:00:00Z", FALSE);
  plant (SOMCHAI_DB, "p005", "somchai", "2026-01-01T00:00:00Z", TRUE);
  plant (SOMCHAI_DB, "p001", "somchai", "2026-01-01T00:00:00Z", FALSE);
  /* Projects where they do not belong: in an evaluator's database, and one
   * of another call in the call's database.
   */
  project = fake_get (CALL_DB, "project:si-2569:p001");
  object = json_node_get_object (project);
  json_object_remove_member (object, "_rev");
  json_object_set_string_member (object, "_id", "project:si-2569:p099");
  json_object_set_string_member (object, "code", "p099");
  json = json_to_string (project, FALSE);
  fake_put (SOMCHAI_DB, json);
  g_clear_pointer (&json, g_free);
  json_object_remove_member (object, "_rev");
  json_object_set_string_member (object, "_id", "project:other:p001");
  json_object_set_string_member (object, "call", "other");
  json_object_set_string_member (object, "code", "p001");
  json = json_to_string (project, FALSE);
  fake_put (CALL_DB, json);

  result = run_ok (sync);
  g_assert_cmpuint (result->quarantined, ==, G_N_ELEMENTS (refused));
  g_assert_cmpuint (result->pulled, ==, fixture->n_projects + 1 + 1);
  g_assert_false (nawat_sync_result_is_complete (result));

  quarantine = nawat_store_list_quarantine (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantine->len, ==, G_N_ELEMENTS (refused));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *entry = find_quarantined (quarantine, refused[i].id);

      if (entry == NULL || strstr (entry, refused[i].reason) == NULL)
        g_error ("%s is not quarantined with “%s”: %s", refused[i].id, refused[i].reason, entry);
      g_assert_true (has_message (result, refused[i].id, refused[i].reason));
      if (g_str_has_prefix (refused[i].id, "evaluation:"))
        assert_quarantined (store, quarantine, refused[i].id, refused[i].reason);
    }
  misplaced = nawat_store_get_project (store, "project:si-2569:p099", &error);
  g_assert_null (misplaced);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The one that keeps the rules is applied. */
  good = nawat_store_get_evaluation (store, "evaluation:si-2569:p001:somchai", &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);

  /* Nothing of the quarantined is pushed back or counted as pending. */
  again = run_ok (sync);
  g_assert_cmpuint (again->pushed, ==, 0);
  g_assert_cmpuint (again->pending, ==, 0);
}

/* The coordinator's pull of every evaluator's database keeps the same
 * rules; an extension covers a change after the call's deadline.
 */
static void
test_rules_coordinator (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "c.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "coordinator");
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GPtrArray) quarantine = NULL;
  g_autoptr(JsonNode) call = fake_get (CALL_DB, "call:si-2569");
  g_autoptr(JsonObject) extensions = json_object_new ();
  g_autoptr(NawatEvaluation) late = NULL;
  g_autofree char *call_json = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (extensions, "malee", "2101-01-01T00:00:00Z");
  json_object_set_object_member (json_node_get_object (call), "extensions",
                                 json_object_ref (extensions));
  call_json = json_to_string (call, FALSE);
  fake_put (CALL_DB, call_json);

  plant (MALEE_DB, "p001", "somchai", "2026-01-01T00:00:00Z", FALSE);
  plant (MALEE_DB, "p002", "malee", "2026-01-01T00:00:00Z", FALSE);
  plant (MALEE_DB, "p003", "malee", "2100-06-01T00:00:00Z", FALSE);
  plant (SOMCHAI_DB, "p003", "somchai", "2100-06-01T00:00:00Z", FALSE);
  g_mutex_lock (&fake.lock);
  fake.coordinator = TRUE;
  g_mutex_unlock (&fake.lock);

  result = run_ok (sync);
  g_assert_cmpuint (result->quarantined, ==, 3);
  quarantine = nawat_store_list_quarantine (store, &error);
  g_assert_no_error (error);
  assert_quarantined (store, quarantine, "evaluation:si-2569:p001:somchai",
                      "found in the database of malee");
  assert_quarantined (store, quarantine, "evaluation:si-2569:p002:malee",
                      "is not assigned to malee");
  assert_quarantined (store, quarantine, "evaluation:si-2569:p003:somchai",
                      "after somchai’s deadline");

  /* malee's extension covers her late change. */
  late = nawat_store_get_evaluation (store, "evaluation:si-2569:p003:malee", &error);
  g_assert_no_error (error);
  g_assert_nonnull (late);
}

/* A coordinator's reopening is pushed to the evaluator's database; an
 * evaluator's store never pushes someone else's evaluation.
 */
static void
test_coordinator_reopen (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "c.db");
  g_autoptr(NawatStore) other = open_store (fixture, "m.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "coordinator");
  g_autoptr(NawatSync) malee = new_sync (fixture, other, "malee");
  g_autoptr(NawatEvaluation) submitted = nawat_evaluation_new ("project:si-2569:p001", "somchai",
                                                               "rubric:default:1");
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(NawatEvaluation) forged = NULL;
  g_autoptr(NawatSyncResult) first = NULL;
  g_autoptr(NawatSyncResult) second = NULL;
  g_autoptr(NawatSyncResult) third = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(JsonNode) pushed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (nawat_rubric_get_default ());
  g_autofree char *json = NULL;
  JsonObject *object;

  for (guint i = 0; keys[i] != NULL; i++)
    nawat_evaluation_set_score (submitted, keys[i], 1);
  nawat_evaluation_set_status (submitted, NAWAT_EVALUATION_SUBMITTED);
  nawat_evaluation_set_updated (submitted, "2026-01-01T00:00:00Z");
  json = nawat_codec_to_data (NAWAT_DOCUMENT (submitted), NULL);
  fake_put (SOMCHAI_DB, json);
  g_mutex_lock (&fake.lock);
  fake.coordinator = TRUE;
  g_mutex_unlock (&fake.lock);

  first = run_ok (sync);
  g_assert_true (nawat_sync_result_is_complete (first));
  evaluation = get_evaluation (store, "evaluation:si-2569:p001:somchai");
  call = nawat_store_get_call (store, "call:si-2569", &error);
  g_assert_no_error (error);
  g_assert_true (nawat_round_reopen (call, evaluation, "coordinator", TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_no_error (error);

  second = run_ok (sync);
  g_assert_cmpuint (second->pushed, ==, 1);
  g_assert_cmpuint (second->pending, ==, 0);
  pushed = fake_get (SOMCHAI_DB, "evaluation:si-2569:p001:somchai");
  object = json_node_get_object (pushed);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "reopened"),
                                                  "by"), ==, "coordinator");
  g_assert_cmpstr (json_object_get_string_member (object, "updated"), ==, "2026-01-01T00:00:00Z");

  /* An evaluator's store holding somchai's evaluation (imported, say)
   * does not push it.
   */
  g_mutex_lock (&fake.lock);
  fake.coordinator = FALSE;
  g_mutex_unlock (&fake.lock);
  forged = nawat_evaluation_copy (evaluation);
  nawat_document_set_rev (NAWAT_DOCUMENT (forged), NULL);
  nawat_evaluation_set_overall_comment (forged, "not malee's to write");
  g_assert_true (nawat_store_save_evaluation (other, forged, &error));
  g_assert_no_error (error);
  third = run_ok (malee);
  g_assert_cmpuint (third->pushed, ==, 0);
  g_clear_pointer (&pushed, json_node_unref);
  pushed = fake_get (SOMCHAI_DB, "evaluation:si-2569:p001:somchai");
  g_clear_pointer (&json, g_free);
  json = json_to_string (pushed, FALSE);
  g_assert_null (strstr (json, "not malee's to write"));
}

static NawatEvaluation *
new_evaluation (void)
{
  NawatEvaluation *evaluation = nawat_evaluation_new ("project:si-2569:p001", "somchai",
                                                      "rubric:default:1");

  nawat_evaluation_set_score (evaluation, "merit.innovation", 3);
  nawat_evaluation_set_score (evaluation, "merit.impact", 3);
  nawat_evaluation_set_score (evaluation, "merit.feasibility", 3);
  nawat_evaluation_set_overall_comment (evaluation, "ดี");
  return evaluation;
}

static void
test_push (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(NawatSyncResult) pull = run_ok (sync);
  g_autoptr(NawatSyncResult) push = NULL;
  g_autoptr(NawatEvaluation) evaluation = new_evaluation ();
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(NawatEvaluation) base = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(JsonNode) server = NULL;
  g_autoptr(GError) error = NULL;

  save (store, evaluation);
  push = run_ok (sync);
  g_assert_cmpuint (push->pushed, ==, 1);
  g_assert_true (nawat_sync_result_is_complete (push));

  server = fake_get (SOMCHAI_DB, EVAL_ID);
  g_assert_nonnull (server);
  stored = get_evaluation (store, EVAL_ID);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (stored)), ==, doc_rev (server));
  base = nawat_store_get_merge_base (store, EVAL_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (base);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (base)), ==, doc_rev (server));
  outbox = nawat_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpfloat (server_score (SOMCHAI_DB, EVAL_ID, "merit.innovation"), ==, 3);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(NawatSyncResult) pull = run_ok (sync);
  g_autoptr(NawatSyncResult) push = NULL;
  g_autoptr(NawatEvaluation) evaluation = new_evaluation ();
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;

  nawat_evaluation_set_overall_comment (evaluation, "REFUSE me");
  save (store, evaluation);
  push = run_ok (sync);
  g_assert_cmpuint (push->pushed, ==, 0);
  g_assert_cmpuint (push->refused, ==, 1);
  g_assert_cmpuint (push->pending, ==, 1);
  g_assert_false (nawat_sync_result_is_complete (push));
  g_assert_nonnull (strstr (push->messages->pdata[0], "Only the evaluator may write this evaluation."));
  outbox = nawat_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_null (fake_get (SOMCHAI_DB, EVAL_ID));
}

static void
test_two_desktops (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(NawatStore) a = open_store (fixture, "a.db");
  g_autoptr(NawatStore) b = open_store (fixture, "b.db");
  g_autoptr(NawatSync) sync_a = new_sync (fixture, a, "somchai");
  g_autoptr(NawatSync) sync_b = new_sync (fixture, b, "somchai");
  g_autoptr(NawatEvaluation) evaluation = new_evaluation ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *local = NULL;
  g_autofree char *remote = NULL;

  nawat_sync_result_free (run_ok (sync_a));
  save (a, evaluation);
  nawat_sync_result_free (run_ok (sync_a));
  nawat_sync_result_free (run_ok (sync_b));
  g_assert_cmpfloat (local_score (b, EVAL_ID, "merit.innovation"), ==, 3);

  /* Different criteria on each desktop: merged with no conflict. */
  {
    g_autoptr(NawatEvaluation) on_a = get_evaluation (a, EVAL_ID);
    g_autoptr(NawatEvaluation) on_b = get_evaluation (b, EVAL_ID);
    g_autoptr(NawatSyncResult) ra = NULL;
    g_autoptr(NawatSyncResult) rb = NULL;

    nawat_evaluation_set_score (on_a, "merit.innovation", 5);
    save (a, on_a);
    nawat_evaluation_set_score (on_b, "merit.impact", 1);
    save (b, on_b);
    ra = run_ok (sync_a);
    rb = run_ok (sync_b);
    g_assert_cmpuint (ra->pushed, ==, 1);
    g_assert_cmpuint (rb->merged, ==, 1);
    g_assert_cmpuint (rb->pushed, ==, 1);
    g_assert_cmpuint (rb->conflicts, ==, 0);
    g_assert_true (nawat_sync_result_is_complete (rb));
    g_assert_cmpfloat (server_score (SOMCHAI_DB, EVAL_ID, "merit.innovation"), ==, 5);
    g_assert_cmpfloat (server_score (SOMCHAI_DB, EVAL_ID, "merit.impact"), ==, 1);
    nawat_sync_result_free (run_ok (sync_a));
    g_assert_cmpfloat (local_score (a, EVAL_ID, "merit.impact"), ==, 1);
  }

  /* The same criterion: exactly one conflict, both values kept. */
  {
    g_autoptr(NawatEvaluation) on_a = get_evaluation (a, EVAL_ID);
    g_autoptr(NawatEvaluation) on_b = get_evaluation (b, EVAL_ID);
    g_autoptr(NawatSyncResult) ra = NULL;
    g_autoptr(NawatSyncResult) rb = NULL;

    nawat_evaluation_set_score (on_a, "merit.feasibility", 2);
    save (a, on_a);
    nawat_evaluation_set_score (on_b, "merit.feasibility", 4);
    nawat_evaluation_set_comment (on_b, "merit.innovation", "ใหม่จริง");
    save (b, on_b);
    ra = run_ok (sync_a);
    rb = run_ok (sync_b);
    g_assert_cmpuint (rb->conflicts, ==, 1);
    g_assert_cmpuint (rb->pushed, ==, 0);
    g_assert_false (nawat_sync_result_is_complete (rb));
    /* Nothing was overwritten on the server. */
    g_assert_cmpfloat (server_score (SOMCHAI_DB, EVAL_ID, "merit.feasibility"), ==, 2);
  }

  fields = nawat_store_dup_conflict_fields (b, EVAL_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_cmpstr (fields[0], ==, "scores.merit.feasibility");
  g_assert_true (nawat_store_get_conflict (b, EVAL_ID, fields[0], &local, &remote, &error));
  g_assert_cmpstr (local, ==, "4");
  g_assert_cmpstr (remote, ==, "2");

  /* Keeping mine pushes cleanly, with the comment that merged. */
  {
    g_autoptr(NawatEvaluation) on_b = get_evaluation (b, EVAL_ID);
    g_autoptr(NawatSyncResult) rb = NULL;
    g_autoptr(GError) local_error = NULL;
    g_auto(GStrv) left = NULL;

    g_assert_true (nawat_merge_set_field_json (on_b, fields[0], local, &local_error));
    g_assert_true (nawat_store_save_resolution (b, on_b, &local_error));
    g_assert_no_error (local_error);
    rb = run_ok (sync_b);
    g_assert_cmpuint (rb->pushed, ==, 1);
    g_assert_cmpuint (rb->conflicts, ==, 0);
    g_assert_true (nawat_sync_result_is_complete (rb));
    g_assert_cmpfloat (server_score (SOMCHAI_DB, EVAL_ID, "merit.feasibility"), ==, 4);
    left = nawat_store_list_conflicted (b, &local_error);
    g_assert_cmpuint (g_strv_length (left), ==, 0);
  }
}

static void
test_coordinator (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "c.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "coordinator");
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  fake_put (SOMCHAI_DB, "{\"_id\":\"evaluation:si-2569:p001:somchai\",\"type\":\"evaluation\",\"schema\":1,"
                        "\"project\":\"project:si-2569:p001\",\"evaluator\":\"somchai\","
                        "\"rubric\":\"rubric:default:1\",\"scores\":{\"merit.impact\":4},\"comments\":{},"
                        "\"overall_comment\":\"\",\"recommendation\":null,"
                        "\"conflict_of_interest\":{\"declared\":false,\"note\":\"\"},"
                        "\"status\":\"draft\",\"updated\":\"2026-01-01T00:00:00Z\"}");
  fake_put (MALEE_DB, "{\"_id\":\"evaluation:si-2569:p001:malee\",\"type\":\"evaluation\",\"schema\":1,"
                      "\"project\":\"project:si-2569:p001\",\"evaluator\":\"malee\","
                      "\"rubric\":\"rubric:default:1\",\"scores\":{\"merit.impact\":2},\"comments\":{},"
                      "\"overall_comment\":\"\",\"recommendation\":null,"
                      "\"conflict_of_interest\":{\"declared\":false,\"note\":\"\"},"
                      "\"status\":\"draft\",\"updated\":\"2026-01-01T00:00:00Z\"}");
  g_mutex_lock (&fake.lock);
  fake.coordinator = TRUE;
  g_mutex_unlock (&fake.lock);

  result = run_ok (sync);
  g_assert_cmpuint (result->pulled, ==, fixture->n_projects + 1 + 2);
  list = nawat_store_list_evaluations (store, "project:si-2569:p001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
}

typedef struct
{
  GMainLoop       *loop;
  GThread         *main_thread;
  NawatSyncResult *result;
  GError          *error;
  guint            progress;
  guint            last_documents;
} AsyncState;

static void
on_progress_cb (NawatSync *sync,
                guint      documents,
                guint64    bytes,
                gpointer   user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (documents, >=, state->last_documents);
  g_assert_cmpuint (bytes, >, 0);
  state->last_documents = documents;
  state->progress++;
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  g_assert_false (nawat_sync_get_running (NAWAT_SYNC (source)));
  state->result = nawat_sync_run_finish (NAWAT_SYNC (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  AsyncState state = { 0, };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress_cb), &state);

  nawat_sync_run_async (sync, NULL, on_run_done_cb, &state);
  g_assert_true (nawat_sync_get_running (sync));
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.result);
  g_assert_cmpuint (state.result->pulled, ==, fixture->n_projects + 1);
  /* Drain progress emitted before the end. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.progress, >=, 2);
  g_assert_cmpuint (state.last_documents, ==, fixture->n_projects + 1);

  nawat_sync_result_free (state.result);
  g_main_loop_unref (state.loop);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* The engine follows the network: it says when it goes, and when it comes
 * back it signals, once, that a round may start.
 */
static void
test_network_available (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  guint notified = 0;
  guint returned = 0;
  gboolean available = FALSE;

  g_object_get (sync, "network-available", &available, NULL);
  g_assert_true (available);
  g_signal_connect_swapped (sync, "notify::network-available", G_CALLBACK (count_signal), &notified);
  g_signal_connect_swapped (sync, "network-returned", G_CALLBACK (count_signal), &returned);

  nawat_test_network_set_available (FALSE);
  while (nawat_sync_get_network_available (sync))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (returned, ==, 0);

  nawat_test_network_set_available (TRUE);
  while (!nawat_sync_get_network_available (sync))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (returned, ==, 1);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(NawatStore) store = open_store (fixture, "a.db");
  g_autoptr(NawatSync) sync = new_sync (fixture, store, "somchai");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatSyncResult) result = NULL;
  g_autofree char *checkpoint = NULL;

  g_cancellable_cancel (cancellable);
  result = nawat_sync_run (sync, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  checkpoint = nawat_store_dup_checkpoint (store, CALL_DB, NULL);
  g_assert_null (checkpoint);
}

static void
test_unreachable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nawat-sync-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "x.db", NULL);
  g_autoptr(NawatStore) store = nawat_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  /* Port 9 (discard) on loopback: nothing listens there in a test run. */
  g_autoptr(NawatCouch) couch = nawat_couch_new ("http://127.0.0.1:9", &error);
  g_autoptr(NawatSync) sync = NULL;
  g_autoptr(NawatSyncResult) result = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_no_error (error);
  nawat_couch_set_retry_policy (couch, 1, 2, 2);
  sync = nawat_sync_new (store, couch, CALL, "somchai");
  result = nawat_sync_run (sync, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NETWORK);

  g_clear_object (&sync);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nawat_test_network_install ();

#define ADD(name, func) \
  g_test_add ("/nawat/sync/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("pull-string-seq", test_pull_string_seq);
  ADD ("quarantine", test_quarantine);
  ADD ("strict-pull", test_strict_pull);
  ADD ("strict-pull-answer", test_strict_pull_answer);
  ADD ("rules-quarantine", test_rules_quarantine);
  ADD ("rules-coordinator", test_rules_coordinator);
  ADD ("coordinator-reopen", test_coordinator_reopen);
  ADD ("push", test_push);
  ADD ("refused", test_refused);
  ADD ("two-desktops", test_two_desktops);
  ADD ("coordinator", test_coordinator);
  ADD ("async", test_async);
  ADD ("cancelled", test_cancelled);
  ADD ("network-available", test_network_available);
#undef ADD
  g_test_add_func ("/nawat/sync/unreachable", test_unreachable);

  return g_test_run ();
}
