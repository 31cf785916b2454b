/* test-store.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-generator.h"
#include "nawat-merge.h"
#include "nawat-scoring.h"
#include "nawat-store.h"
#include "nawat-store-attachments.h"
#include "nawat-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("nawat-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Documents */

static char *
project_json (const char *call,
              const char *code,
              const char *title_th,
              const char *title_en,
              const char *summary_th,
              const char *organisation,
              const char *province,
              const char *domain,
              const char *partner)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = g_strdup_printf ("project:%s:%s", call, code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "project");
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "call");
  json_builder_add_string_value (builder, call);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  if (title_th)
    {
      json_builder_set_member_name (builder, "th");
      json_builder_add_string_value (builder, title_th);
    }
  if (title_en)
    {
      json_builder_set_member_name (builder, "en");
      json_builder_add_string_value (builder, title_en);
    }
  json_builder_end_object (builder);
  if (summary_th)
    {
      json_builder_set_member_name (builder, "summary");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "th");
      json_builder_add_string_value (builder, summary_th);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "organisation");
  json_builder_add_string_value (builder, organisation);
  json_builder_set_member_name (builder, "province");
  json_builder_add_string_value (builder, province);
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, domain);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "partners");
  json_builder_begin_array (builder);
  if (partner)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, partner);
      json_builder_set_member_name (builder, "sector");
      json_builder_add_string_value (builder, "civil-society");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "budget_thb");
  json_builder_add_int_value (builder, 500000);
  json_builder_set_member_name (builder, "duration_months");
  json_builder_add_int_value (builder, 12);
  json_builder_set_member_name (builder, "assigned");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "somchai");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static const char *call_json =
  "{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1,"
  " \"title\": {\"th\": \"ทุนนวัตกรรมสังคม\", \"en\": \"Social innovation grants\"},"
  " \"year_be\": 2569, \"rubric\": \"rubric:default:1\","
  " \"deadline\": \"2026-12-31T17:00:00Z\", \"evaluators\": [\"somchai\"]}";

static char *
batch (const char *first,
       ...)
{
  g_autoptr(GString) str = g_string_new ("{\"docs\": [");
  va_list args;

  va_start (args, first);
  for (const char *doc = first; doc != NULL; doc = va_arg (args, const char *))
    {
      if (str->str[str->len - 1] != '[')
        g_string_append (str, ", ");
      g_string_append (str, doc);
    }
  va_end (args);

  g_string_append (str, "]}");
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
import_ok (NawatStore *store,
           const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n = 0;
  gboolean ok;

  ok = nawat_store_import_data (store, data, strlen (data), &n, &problems, &error);
  if (problems != NULL)
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n, >, 0);
}

/* Imports three projects of call c1. */
static void
import_sample (NawatStore *store)
{
  g_autofree char *p1 = project_json ("c1", "p001",
                                      "การอนุรักษ์สิ่งแวดล้อมชุมชนริมน้ำ", "River Community Conservation",
                                      "ฟื้นฟูป่าชายเลนโดยชุมชน", "มูลนิธิรักษ์น้ำ", "TH-50",
                                      "environment", "Chiang Mai University");
  g_autofree char *p2 = project_json ("c1", "p002",
                                      "เกษตรอินทรีย์เพื่อชุมชน", "Organic Farming for Villages",
                                      NULL, "Green Valley Cooperative", "TH-40",
                                      "sustainable-agriculture", "สหกรณ์การเกษตร");
  g_autofree char *p3 = project_json ("c1", "p003",
                                      "ระบบเตือนภัยน้ำท่วม", "Flood \"Early\" Warning",
                                      NULL, "Songkhla Rescue", "TH-90",
                                      "disaster-management", NULL);
  g_autofree char *data = batch (call_json, p1, p2, p3, NULL);

  import_ok (store, data);
}

static NawatEvaluation *
make_evaluation (const char *project_id,
                 const char *evaluator,
                 gboolean    complete)
{
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new (project_id, evaluator,
                                                                NAWAT_DEFAULT_RUBRIC_ID);
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (rubric);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (rubric, keys[i], NULL);

      if (!complete && i == 0)
        continue;
      nawat_evaluation_set_score (evaluation, keys[i], nawat_criterion_get_max (criterion));
    }
  nawat_evaluation_touch (evaluation);

  return g_steal_pointer (&evaluation);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The integer @sql returns, with the texts of @params (or NULL) bound. */
static gint64
sql_int_with (const char *path,
              const char *sql,
              GPtrArray  *params)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; params != NULL && i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* The number of segments of FTS5 table @table, read from its structure
 * record: a 4-byte cookie, then the number of levels and of segments as
 * varints.
 */
static guint64
n_segments (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT block FROM %s_data WHERE id = 10", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const guint8 *block;
  int size;
  int p = 4;
  guint64 values[2] = { 0, 0 };

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  block = sqlite3_column_blob (stmt, 0);
  size = sqlite3_column_bytes (stmt, 0);
  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    for (guint i = 0; i < 9; i++)
      {
        g_assert_cmpint (p, <, size);
        if (i == 8)
          {
            values[v] = (values[v] << 8) | block[p++];
            break;
          }
        values[v] = (values[v] << 7) | (block[p] & 0x7f);
        if ((block[p++] & 0x80) == 0)
          break;
      }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return values[1];
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  return sql_int_with (path, sql, NULL);
}

static gboolean
strv_contains (GStrv       strv,
               const char *str)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, str);
}

/* Tests */

static void
test_open_new (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  NawatStoreStats stats;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (nawat_store_get_path (store), ==, fixture->path);
  g_assert_true (nawat_store_is_empty (store));

  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA application_id"), ==, NAWAT_STORE_APPLICATION_ID);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);

  g_assert_true (nawat_store_get_stats (store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.projects, ==, 0);
  g_assert_cmpint (stats.pending_push, ==, 0);

  g_clear_object (&store);

  /* Reopening an existing store works and keeps it. */
  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
on_async_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) store = NULL;
  g_autoptr(GObject) source = NULL;

  g_async_initable_new_async (NAWAT_TYPE_STORE, G_PRIORITY_DEFAULT, NULL,
                              on_async_ready, &result, "path", fixture->path, NULL);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  source = g_async_result_get_source_object (result);
  store = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, &error);
  g_assert_no_error (error);
  g_assert_true (NAWAT_IS_STORE (store));
  g_assert_true (nawat_store_is_empty (NAWAT_STORE (store)));
}

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(NawatEvaluation) base = NULL;
  g_autofree char *pjson = project_json ("c1", "old", "โครงการเดิมจากรุ่นแรก", "Legacy project",
                                         NULL, "Old Org", "TH-10", "health", NULL);
  g_autoptr(NawatEvaluation) made = make_evaluation ("project:c1:old", "somchai", TRUE);
  g_autofree char *ejson = nawat_codec_to_data (NAWAT_DOCUMENT (made), NULL);
  g_autofree char *checkpoint = NULL;
  g_auto(GStrv) found = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A store as the first schema wrote it, with data. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_nawat_store_migrate (db, 1, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO projects (pk, id, call, code, title_th, title_en, "
                                       "sort_th, sort_en, organisation, province, region, primary_domain, "
                                       "domain_mask, json) VALUES (7, 'project:c1:old', 'c1', 'old', ?, "
                                       "'Legacy project', ?, 'legacy project', 'Old Org', 'TH-10', "
                                       "'central', 'health', 64, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "โครงการเดิมจากรุ่นแรก", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "โครงการเดิมจากรุ่นแรก", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pjson, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO project_fts (rowid, title_th, title_en) "
                                       "VALUES (7, ?, 'Legacy project')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "โครงการเดิมจากรุ่นแรก", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO evaluations (id, project, evaluator, status, "
                                       "composite, completeness, conflict, json, rev, dirty, updated) "
                                       "VALUES ('evaluation:c1:old:somchai', 'project:c1:old', "
                                       "'somchai', 'draft', 100, 1, 0, ?, '1-abc', 0, "
                                       "'2026-01-01T00:00:00Z')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, ejson, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_schema WHERE name = 'checkpoints'"), ==, 0);

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM pragma_table_info('evaluations') "
                            "WHERE name = 'base_json'"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT n FROM project_counts WHERE call = 'c1'"), ==, 1);

  project = nawat_store_get_project (store, "project:c1:old", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_project_get_title (project)->en, ==, "Legacy project");

  evaluation = nawat_store_get_evaluation (store, "evaluation:c1:old:somchai", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_evaluator (evaluation), ==, "somchai");

  /* The old data is searchable and the new tables work. */
  found = nawat_store_search (store, "รุ่นแรก", 0, &error);
  g_assert_no_error (error);
  g_assert_true (strv_contains (found, "project:c1:old"));

  base = nawat_store_get_merge_base (store, "evaluation:c1:old:somchai", &error);
  g_assert_no_error (error);
  g_assert_null (base);

  g_assert_true (nawat_store_set_checkpoint (store, "nawat-c1", "\"12-abc\"", &error));
  g_assert_no_error (error);
  checkpoint = nawat_store_dup_checkpoint (store, "nawat-c1", &error);
  g_assert_cmpstr (checkpoint, ==, "\"12-abc\"");
}

/* Checks that the index of short words holds exactly the grams of the
 * short texts of the projects in it (those up to the catching up's
 * marker): the number of projects of each gram, against the texts.
 */
static void
assert_grams_consistent (sqlite3 *db)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  guint n_terms = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT text FROM project_text WHERE pk <= coalesce ("
                                       "(SELECT CAST (seq_json AS INTEGER) FROM checkpoints "
                                       "WHERE database = '#search-index-pending'), pk)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *grams = _nawat_search_grams ((const char *) sqlite3_column_text (stmt, 0),
                                                    sqlite3_column_bytes (stmt, 0));
      g_auto(GStrv) split = g_strsplit (grams, " ", -1);

      for (guint i = 0; split[i] != NULL && *split[i] != '\0'; i++)
        {
          gpointer n = g_hash_table_lookup (expected, split[i]);

          g_hash_table_replace (expected, g_strdup (split[i]), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
        }
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.grams_vocab USING fts5vocab "
                                 "(main, project_grams, 'row')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT term, doc FROM temp.grams_vocab", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *term = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_cmpuint (sqlite3_column_int (stmt, 1), ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (expected, term)));
      n_terms++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_terms, ==, g_hash_table_size (expected));
}

/* Runs FTS5's own check that the search index matches its content, and
 * the same check of the index of short words.
 */
static void
assert_fts_consistent (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "INSERT INTO project_fts (project_fts) VALUES ('integrity-check')",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_error ("integrity-check: %s", sqlite3_errmsg (db));
  assert_grams_consistent (db);
  sqlite3_close (db);
}

static void
put_json (NawatStore *store,
          const char *json)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  NawatDocument *doc = nawat_codec_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_ptr_array_add (docs, doc);
  g_assert_true (nawat_store_put_documents (store, docs, &error));
  g_assert_no_error (error);
}

/* A call made in the window: checked, stored whole or not at all. */
static void
test_save_call (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatCall) call = nawat_call_new ("new-2567");
  g_autoptr(NawatCall) stored = NULL;
  g_autoptr(NawatText) title = nawat_text_new ("ทุนนวัตกรรมเพื่อสังคม 2567", NULL);
  g_autoptr(NawatEvaluatorProfile) profile = nawat_evaluator_profile_new ();
  const char *evaluators[] = { "somchai", "malee", NULL };
  const char *domains[] = { "health", NULL };
  g_autoptr(GPtrArray) calls = NULL;

  g_assert_no_error (error);

  /* No title, then no year, then no deadline: refused, nothing stored. */
  g_assert_false (nawat_store_save_call (store, call, NULL, TRUE, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  nawat_call_set_title (call, title);
  g_assert_false (nawat_store_save_call (store, call, NULL, TRUE, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  nawat_call_set_year_be (call, 2567);
  g_assert_false (nawat_store_save_call (store, call, NULL, TRUE, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* An unknown theme and a bad user name: the codec's rules. */
  nawat_call_set_deadline (call, "2024-09-30T17:00:00Z");
  nawat_call_set_theme (call, "prosperity");
  g_assert_false (nawat_store_save_call (store, call, NULL, TRUE, &error));
  g_assert_nonnull (strstr (error->message, "theme"));
  g_clear_error (&error);
  nawat_call_set_theme (call, "ecosystem");
  {
    const char *bad[] = { "has space", NULL };

    nawat_call_set_evaluators (call, bad);
    g_assert_false (nawat_store_save_call (store, call, NULL, TRUE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  calls = nawat_store_list_calls (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);

  nawat_call_set_evaluators (call, evaluators);
  nawat_call_set_rubric (call, "rubric:default:1");
  profile->display_name = g_strdup ("สมชาย ใจดี");
  g_strfreev (profile->domains);
  profile->domains = g_strdupv ((char **) domains);
  nawat_call_set_profile (call, "somchai", profile);
  g_assert_true (nawat_store_save_call (store, call, NULL, TRUE, &error));
  g_assert_no_error (error);

  stored = nawat_store_get_call (store, "call:new-2567", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_call_get_title (stored)->th, ==, "ทุนนวัตกรรมเพื่อสังคม 2567");
  g_assert_cmpint (nawat_call_get_year_be (stored), ==, 2567);
  g_assert_cmpstr (nawat_call_get_theme (stored), ==, "ecosystem");
  g_assert_cmpstr (nawat_call_get_deadline (stored), ==, "2024-09-30T17:00:00Z");
  g_assert_cmpstr (nawat_call_get_evaluators (stored)[1], ==, "malee");
  g_assert_cmpstr (nawat_call_get_profile (stored, "somchai")->display_name, ==, "สมชาย ใจดี");
  g_assert_cmpstr (nawat_call_get_profile (stored, "somchai")->domains[0], ==, "health");

  /* Made again: refused; edited: stored. */
  g_assert_false (nawat_store_save_call (store, call, NULL, TRUE, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  nawat_call_set_theme (call, NULL);
  g_assert_true (nawat_store_save_call (store, call, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = nawat_store_get_call (store, "call:new-2567", &error);
  g_assert_null (nawat_call_get_theme (stored));
}

/* A store of the fifth schema learns its projects' reach from their
 * documents, for the list's filter.
 */
static void
test_migrate_v5 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  sqlite3 *db = NULL;
  const char *inserts =
    "INSERT INTO projects (pk, id, call, code, province, region, json) VALUES "
    "(1, 'project:c:a', 'c', 'a', 'TH-50', 'north', '{\"reach\": \"city\"}'),"
    "(2, 'project:c:b', 'c', 'b', 'TH-50', 'north', '{}');"
    "INSERT INTO project_list (pk, id, call, code, province, region)"
    "  SELECT pk, id, call, code, province, region FROM projects;";

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_nawat_store_migrate (db, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, inserts, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_list "
                            "WHERE pk = 1 AND reach = 'city'"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_list "
                            "WHERE pk = 2 AND reach IS NULL"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM projects "
                            "WHERE pk = 1 AND reach = 'city'"), ==, 1);
}

static void
test_migrate_v2 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autofree char *pjson = project_json ("c2", "two", "การอนุรักษ์สิ่งแวดล้อมรุ่นสอง", "Second schema",
                                         "ปลูกป่าชายเลนร่วมกับโรงเรียน", "Mangrove Org", "TH-90",
                                         "environment", "เครือข่ายประมงพื้นบ้าน");
  g_autofree char *renamed = project_json ("c2", "two", "ชื่อใหม่ของโครงการ", "Renamed",
                                           NULL, "Mangrove Org", "TH-90", "environment", NULL);
  g_auto(GStrv) by_title = NULL;
  g_auto(GStrv) by_summary = NULL;
  g_auto(GStrv) by_partner = NULL;
  g_auto(GStrv) short_word = NULL;
  g_auto(GStrv) old_title = NULL;
  g_auto(GStrv) new_title = NULL;
  g_auto(GStrv) gone = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *inserts[] = {
    "INSERT INTO projects (pk, id, call, code, title_th, title_en, sort_th, sort_en, "
    "organisation, province, region, primary_domain, domain_mask, json) VALUES (3, "
    "'project:c2:two', 'c2', 'two', 'การอนุรักษ์สิ่งแวดล้อมรุ่นสอง', 'Second schema', "
    "'การอนุรักษ์สิ่งแวดล้อมรุ่นสอง', 'second schema', 'Mangrove Org', 'TH-90', 'south', "
    "'environment', 1, ?)",
    "INSERT INTO project_fts (rowid, title_th, title_en, summary_th, organisation, partners) "
    "VALUES (3, 'การอนุรักษ์สิ่งแวดล้อมรุ่นสอง', 'Second schema', 'ปลูกป่าชายเลนร่วมกับโรงเรียน', "
    "'Mangrove Org', 'เครือข่ายประมงพื้นบ้าน')",
    "INSERT INTO project_text (pk, text) VALUES (3, 'การอนุรักษ์สิ่งแวดล้อมรุ่นสอง' || char (10) || "
    "'second schema' || char (10) || 'mangrove org' || char (10) || 'เครือข่ายประมงพื้นบ้าน')",
  };

  /* A store as the second schema wrote it, with a project. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_nawat_store_migrate (db, 2, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (inserts); i++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, inserts[i], -1, &stmt, NULL), ==, SQLITE_OK);
      if (i == 0)
        sqlite3_bind_text (stmt, 1, pjson, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 2);

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_list WHERE pk = 3 AND "
                            "id = 'project:c2:two' AND code = 'two' AND region = 'south'"), ==, 1);
  /* The index keeps no copy of the texts any more. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sqlite_schema "
                            "WHERE name = 'project_fts_content'"), ==, 0);
  assert_fts_consistent (fixture->path);

  project = nawat_store_get_project (store, "project:c2:two", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_project_get_title (project)->en, ==, "Second schema");

  /* Titles, summaries, partners and one-character words are found. */
  by_title = nawat_store_search (store, "อนุรักษ์", 0, &error);
  g_assert_no_error (error);
  g_assert_true (strv_contains (by_title, "project:c2:two"));
  by_summary = nawat_store_search (store, "ชายเลน", 0, &error);
  g_assert_no_error (error);
  g_assert_true (strv_contains (by_summary, "project:c2:two"));
  by_partner = nawat_store_search (store, "ประมง", 0, &error);
  g_assert_no_error (error);
  g_assert_true (strv_contains (by_partner, "project:c2:two"));
  short_word = nawat_store_search (store, "ปร", 0, &error);
  g_assert_no_error (error);
  g_assert_true (strv_contains (short_word, "project:c2:two"));

  /* Replacing the project takes its old terms out of the index. */
  put_json (store, renamed);
  old_title = nawat_store_search (store, "ชายเลน", 0, &error);
  g_assert_no_error (error);
  g_assert_false (strv_contains (old_title, "project:c2:two"));
  new_title = nawat_store_search (store, "ชื่อใหม่", 0, &error);
  g_assert_no_error (error);
  g_assert_true (strv_contains (new_title, "project:c2:two"));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_list "
                            "WHERE title_en = 'Renamed'"), ==, 1);
  assert_fts_consistent (fixture->path);

  /* Deleting it empties every table behind the list and the search. */
  g_assert_true (nawat_store_delete_document (store, "project:c2:two", &error));
  g_assert_no_error (error);
  gone = nawat_store_search (store, "ชื่อใหม่", 0, &error);
  g_assert_no_error (error);
  g_assert_false (strv_contains (gone, "project:c2:two"));
  g_assert_cmpint (sql_int (fixture->path, "SELECT (SELECT count(*) FROM project_list) + "
                            "(SELECT count(*) FROM project_partners) + "
                            "(SELECT count(*) FROM project_text)"), ==, 0);
  assert_fts_consistent (fixture->path);
}

static void
assert_refused (const char *path,
                int         code)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;

  store = nawat_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, NAWAT_STORE_ERROR, code);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
make_sqlite (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refuse_foreign (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *random = g_build_filename (fixture->dir, "random.bin", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *other_id = g_build_filename (fixture->dir, "other-id.db", NULL);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  guint8 bytes[8192];
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (text, "Meeting notes: not a database.\n", -1, NULL));
  assert_refused (text, NAWAT_STORE_ERROR_CORRUPT);

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (random, (char *) bytes, sizeof bytes, NULL));
  assert_refused (random, NAWAT_STORE_ERROR_CORRUPT);

  make_sqlite (foreign, "CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT);"
                        "INSERT INTO messages (body) VALUES ('hello');");
  assert_refused (foreign, NAWAT_STORE_ERROR_FOREIGN);

  make_sqlite (other_id, "PRAGMA application_id = 1234;");
  assert_refused (other_id, NAWAT_STORE_ERROR_FOREIGN);

  make_sqlite (newer, "PRAGMA application_id = 1312905044; PRAGMA user_version = 99;"
                      "CREATE TABLE future (x);");
  assert_refused (newer, NAWAT_STORE_ERROR_TOO_NEW);

  /* A real store whose pages were overwritten past the header. */
  {
    g_autoptr(NawatStore) store = nawat_store_open (damaged, NULL);

    g_assert_nonnull (store);
    import_sample (store);
  }
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  assert_refused (damaged, NAWAT_STORE_ERROR_CORRUPT);
}

static void
count_signal_cb (gpointer  instance,
                 guint    *counter)
{
  (*counter)++;
}

/* Runs what the main context has pending: the store's signals. */
static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
record_project_cb (NawatStore *store,
                   const char *project_id,
                   GPtrArray  *ids)
{
  g_ptr_array_add (ids, g_strdup (project_id));
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(NawatEvaluation) made = make_evaluation ("project:c1:p001", "somchai", FALSE);
  g_autofree char *ejson = nawat_codec_to_data (NAWAT_DOCUMENT (made), NULL);
  g_autofree char *again = NULL;
  g_autofree char *replaced = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  g_auto(GStrv) found = NULL;
  NawatStoreStats stats;
  guint resets = 0;

  g_assert_no_error (error);
  g_signal_connect (store, "reset", G_CALLBACK (count_signal_cb), &resets);

  import_sample (store);
  /* Told from the main context's loop, not during the write. */
  g_assert_cmpuint (resets, ==, 0);
  drain_main_context ();
  g_assert_cmpuint (resets, ==, 1);
  g_assert_false (nawat_store_is_empty (store));

  g_assert_true (nawat_store_get_stats (store, &stats, &error));
  g_assert_cmpint (stats.calls, ==, 1);
  g_assert_cmpint (stats.projects, ==, 3);
  g_assert_cmpint (stats.evaluations, ==, 0);

  project = nawat_store_get_project (store, "project:c1:p002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_project_get_organisation (project), ==, "Green Valley Cooperative");
  g_assert_cmpstr (nawat_project_get_province (project), ==, "TH-40");

  /* Columns extracted for the lists: the region comes from the province. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM projects WHERE id = 'project:c1:p002' "
                            "AND region = 'northeast' AND primary_domain = 'sustainable-agriculture'"),
                   ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT domain_mask FROM projects WHERE id = 'project:c1:p001'"),
                   ==, 1 << nawat_domain_index ("environment"));

  call = nawat_store_get_call (store, "call:c1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nawat_call_get_year_be (call), ==, 2569);
  calls = nawat_store_list_calls (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 1);

  g_clear_object (&project);
  project = nawat_store_get_project (store, "project:c1:nope", &error);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_assert_null (project);
  g_clear_error (&error);

  /* The same _id again replaces the document, and its search entry. */
  replaced = project_json ("c1", "p002", "ข้าวหอมมะลิแปลงใหญ่", "Jasmine Rice Plots",
                           NULL, "Rice Network", "TH-30", "food-water-energy", NULL);
  again = batch (replaced, ejson, NULL);
  import_ok (store, again);

  g_assert_true (nawat_store_get_stats (store, &stats, &error));
  g_assert_cmpint (stats.projects, ==, 3);
  g_assert_cmpint (stats.evaluations, ==, 1);
  /* Replacing a project does not count it twice. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT n FROM project_counts WHERE call = 'c1'"), ==, 3);
  /* An imported evaluation is not an edit to push. */
  g_assert_cmpint (stats.pending_push, ==, 0);
  g_assert_cmpint (stats.drafts, ==, 1);

  g_clear_object (&project);
  project = nawat_store_get_project (store, "project:c1:p002", &error);
  g_assert_cmpstr (nawat_project_get_title (project)->en, ==, "Jasmine Rice Plots");

  found = nawat_store_search (store, "Organic", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 0);
  g_clear_pointer (&found, g_strfreev);
  found = nawat_store_search (store, "หอมมะลิ", 0, &error);
  g_assert_true (strv_contains (found, "project:c1:p002"));
  g_assert_cmpuint (g_strv_length (found), ==, 1);

  evaluations = nawat_store_list_evaluations (store, "project:c1:p001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evaluations->len, ==, 1);
  /* Incomplete: no composite. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM evaluations WHERE composite IS NULL "
                            "AND completeness > 0 AND completeness < 1"), ==, 1);
}

static char *
write_generated (const char *dir,
                 const char *name,
                 guint       n_projects)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_generator_write (G_OUTPUT_STREAM (stream), "gen", n_projects, 2, 7,
                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static char *
search_joined (NawatStore *store,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = nawat_store_search (store, text, 0, &error);

  g_assert_no_error (error);
  return g_strjoinv (" ", found);
}

/* A file read in small pieces gives the same store as the same data read
 * whole, into an empty store (index built at the end) as into a full one.
 */
/* A large import leaves each search index in one segment, which queries
 * read fastest (its rebuild alone writes several).
 */
static void
test_import_compact (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *gen = write_generated (fixture->dir, "gen.json", 3000);
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (nawat_store_import_file (store, gen, &n, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 3000);
  g_assert_cmpuint (n_segments (fixture->path, "project_fts"), ==, 1);
  g_assert_cmpuint (n_segments (fixture->path, "project_grams"), ==, 1);
  assert_fts_consistent (fixture->path);
}

static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *gen = write_generated (fixture->dir, "gen.json", 60);
  g_autofree char *whole_path = g_build_filename (fixture->dir, "whole.db", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.json", NULL);
  g_autofree char *extra = g_build_filename (fixture->dir, "extra.json", NULL);
  g_autofree char *more = project_json ("gen", "zz-extra", "โครงการเพิ่มเติมท้ายแฟ้ม", "Added late",
                                        NULL, "Org", "TH-10", "health", NULL);
  g_autofree char *extra_text = g_strdup_printf ("{\"note\": [1, {\"a\": \"]\\\"\"}],"
                                                 " \"docs\": [%s], \"other\": {}}", more);
  g_autofree char *contents = NULL;
  g_autoptr(NawatStore) chunked = NULL;
  g_autoptr(NawatStore) whole = NULL;
  const char *words[] = { "ชุมชน", "water", "น้ำ", "ai", "เกษตร" };
  NawatStoreStats a, b;
  gsize length;
  guint n_file = 0;
  guint n_whole = 0;

  chunked = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  whole = nawat_store_open (whole_path, &error);
  g_assert_no_error (error);

  _nawat_store_set_import_chunk_size (4096);
  g_assert_true (nawat_store_import_file (chunked, gen, &n_file, &problems, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (gen, &contents, &length, &error));
  g_assert_true (nawat_store_import_data (whole, contents, length, &n_whole, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_file, >, 60);
  g_assert_cmpuint (n_file, ==, n_whole);

  g_assert_true (nawat_store_get_stats (chunked, &a, &error));
  g_assert_true (nawat_store_get_stats (whole, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a.projects, ==, 60);
  g_assert_cmpint (a.projects, ==, b.projects);
  g_assert_cmpint (a.evaluations, ==, b.evaluations);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *x = search_joined (chunked, words[i]);
      g_autofree char *y = search_joined (whole, words[i]);

      g_assert_cmpstr (x, ==, y);
    }
  assert_fts_consistent (fixture->path);

  /* A second import into the full store, with members around "docs". */
  write_text (extra, extra_text);
  g_assert_true (nawat_store_import_file (chunked, extra, &n_file, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_file, ==, 1);
  {
    g_autofree char *found = search_joined (chunked, "เพิ่มเติมท้าย");

    g_assert_cmpstr (found, ==, "project:gen:zz-extra");
  }
  assert_fts_consistent (fixture->path);

  /* A broken file changes nothing and is explained as the codec does. */
  write_text (broken, "{\"docs\": [{\"_id\": \"call:x\"}, {\"_id\": ");
  g_assert_false (nawat_store_import_file (chunked, broken, &n_file, &problems, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (n_file, ==, 0);
  {
    g_autoptr(GError) direct = NULL;
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (broken, &text, &length, NULL));
    g_assert_false (nawat_store_import_data (chunked, text, length, NULL, NULL, &direct));
    g_assert_cmpstr (error->message, ==, direct->message);
  }
  g_clear_error (&error);
  g_assert_true (nawat_store_get_stats (chunked, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (b.projects, ==, 61);

  _nawat_store_set_import_chunk_size (8 * 1024 * 1024);
}

static void
test_import_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *good = project_json ("c1", "p100", "โครงการดี", "A good one",
                                        NULL, "Org", "TH-10", "health", NULL);
  g_autofree char *bad_province = project_json ("c1", "p101", "จังหวัดผิด", "Bad province",
                                                NULL, "Org", "TH-00", "health", NULL);
  g_autoptr(NawatEvaluation) made = make_evaluation ("project:c1:p100", "somchai", TRUE);
  g_autofree char *ejson = nawat_codec_to_data (NAWAT_DOCUMENT (made), NULL);
  g_autofree char *bad_score = NULL;
  g_autofree char *batch_data = NULL;
  NawatStoreStats stats;
  guint n = 99;
  char *at;

  g_assert_no_error (error);
  import_sample (store);

  /* merit.innovation is 1–5: 5 becomes 7. */
  at = strstr (ejson, "\"merit.innovation\"");
  g_assert_nonnull (at);
  bad_score = g_strdup (ejson);
  at = strstr (bad_score, "\"merit.innovation\"") + strlen ("\"merit.innovation\"");
  while (*at == ' ' || *at == ':')
    at++;
  g_assert_true (*at == '5');
  *at = '7';

  batch_data = batch (good, bad_province, bad_score, "{\"_id\": \"x\", \"type\": \"mystery\"}", NULL);
  g_assert_false (nawat_store_import_data (store, batch_data, strlen (batch_data), &n, &problems, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "project:c1:p101"));
  g_assert_cmpuint (n, ==, 0);

  /* Nothing changed, not even the valid project. */
  g_assert_true (nawat_store_get_stats (store, &stats, NULL));
  g_assert_cmpint (stats.projects, ==, 3);
  g_assert_cmpint (stats.evaluations, ==, 0);
  g_assert_null (nawat_store_get_project (store, "project:c1:p100", NULL));
  g_clear_object (&store);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM projects"), ==, 3);

  /* Malformed JSON is an error of its own. */
  store = nawat_store_open (fixture->path, NULL);
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (nawat_store_import_data (store, "{\"docs\": [", 10, &n, &problems, &error));
  g_assert_nonnull (error);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  struct {
    const char *query;
    const char *expected;
    guint       n;
  } cases[] = {
    { "อนุรักษ์", "project:c1:p001", 1 },           /* Thai substring inside a word */
    { "ป่าชายเลน", "project:c1:p001", 1 },          /* in the summary */
    { "อินทรีย์", "project:c1:p002", 1 },
    { "ชุ", "project:c1:p001", 2 },                 /* two Thai characters */
    { "river", "project:c1:p001", 1 },              /* case-insensitive Latin */
    { "RIVER conservation", "project:c1:p001", 1 }, /* every word must match */
    { "river organic", NULL, 0 },
    { "Z", NULL, 0 },
    { "g", "project:c1:p003", 3 },                  /* one Latin character */
    { "w", "project:c1:p003", 1 },
    { "University", "project:c1:p001", 1 },         /* partners */
    { "สหกรณ์", "project:c1:p002", 1 },
    { "Songkhla", "project:c1:p003", 1 },           /* organisation */
    { "\"Early\"", "project:c1:p003", 1 },          /* quotes are text */
    { "\"", "project:c1:p003", 1 },                /* a quote is a character too */
    { "  ", NULL, 0 },
  };

  g_assert_no_error (error);
  import_sample (store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) found = nawat_store_search (store, cases[i].query, 0, &error);

      g_test_message ("search “%s”", cases[i].query);
      g_assert_no_error (error);
      g_assert_nonnull (found);
      g_assert_cmpuint (g_strv_length (found), ==, cases[i].n);
      if (cases[i].expected)
        g_assert_true (strv_contains (found, cases[i].expected));
    }

  /* The limit applies, and the best match comes first. */
  {
    g_auto(GStrv) found = nawat_store_search (store, "g", 2, &error);

    g_assert_cmpuint (g_strv_length (found), ==, 2);
  }
  {
    g_autofree char *more = project_json ("c1", "p004", "อนุรักษ์ อนุรักษ์ อนุรักษ์", "Conserve",
                                          "อนุรักษ์ทุกวัน อนุรักษ์ทุกคน", "อนุรักษ์", "TH-10",
                                          "environment", NULL);
    g_autofree char *batch_data = batch (more, NULL);
    g_auto(GStrv) found = NULL;

    import_ok (store, batch_data);
    found = nawat_store_search (store, "อนุรักษ์", 0, &error);
    g_assert_cmpuint (g_strv_length (found), ==, 2);
    g_assert_cmpstr (found[0], ==, "project:c1:p004");
  }
}

static void
test_search_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(GString) docs = g_string_new (NULL);
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) best = NULL;
  const guint n = 1300;

  g_string_append_printf (docs, "[%s", call_json);

  g_assert_no_error (error);

  /* Many projects mention ชุมชน in their summary, three in their title. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("m%04u", i);
      g_autofree char *title = g_strdup_printf (i % 500 == 7 ? "ป่าชุมชนแห่งที่ %u" : "โครงการที่ %u", i);
      g_autofree char *json = project_json ("c1", code, title, "Project", "งานของชุมชนในพื้นที่",
                                            "Org", "TH-10", "health", NULL);

      g_string_append (docs, ", ");
      g_string_append (docs, json);
    }
  g_string_append (docs, "]");
  import_ok (store, docs->str);

  all = nawat_store_search (store, "ชุมชน", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (all), ==, n);

  best = nawat_store_search (store, "ชุมชน", 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (best), ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_str_equal (best[i], "project:c1:m0007") ||
                   g_str_equal (best[i], "project:c1:m0507") ||
                   g_str_equal (best[i], "project:c1:m1007"));
  g_assert_false (g_str_equal (best[3], "project:c1:m0007") ||
                  g_str_equal (best[3], "project:c1:m0507") ||
                  g_str_equal (best[3], "project:c1:m1007"));
}

typedef struct
{
  GArray *done;     /* the numbers of the saves made, in the order reported */
  GError *error;    /* the last save's error */
} Saves;

typedef struct
{
  Saves *saves;
  guint  number;
} SaveTicket;

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  SaveTicket *ticket = data;

  g_clear_error (&ticket->saves->error);
  if (nawat_store_save_evaluation_finish (NAWAT_STORE (source), result, &ticket->saves->error))
    g_array_append_val (ticket->saves->done, ticket->number);
  else
    g_array_append_val (ticket->saves->done, (guint) { 0 });
  g_free (ticket);
}

static void
save_async (NawatStore      *store,
            NawatEvaluation *evaluation,
            Saves           *saves,
            guint            number)
{
  SaveTicket *ticket = g_new0 (SaveTicket, 1);

  ticket->saves = saves;
  ticket->number = number;
  nawat_store_save_evaluation_async (store, evaluation, on_saved_cb, ticket);
}

static char *
stored_overall_comment (NawatStore *store,
                        const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatEvaluation) stored = nawat_store_get_evaluation (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (nawat_evaluation_get_overall_comment (stored));
}

/* Saves made on the store's thread: the caller does not wait for a busy
 * store, the saves are made in order, of the version asked for, before a
 * save made at once, and even when the caller lets the store go.
 */
static void
test_save_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatEvaluation) evaluation = make_evaluation ("project:c1:p001", "somchai", FALSE);
  g_autoptr(NawatEvaluation) foreign = nawat_evaluation_new ("project:c1:p002", "somchai",
                                                             "rubric:unknown:1");
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (evaluation));
  Saves saves = { done, NULL };
  g_autofree char *comment = NULL;

  g_assert_no_error (error);
  import_sample (store);

  /* Asked for while the store is busy: the call returns at once. */
  g_mutex_lock (_nawat_store_get_lock (store));
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("version %u", i);

      nawat_evaluation_set_overall_comment (evaluation, text);
      save_async (store, evaluation, &saves, i);
    }
  /* The versions asked for, not the evaluation as it is when they run. */
  nawat_evaluation_set_overall_comment (evaluation, "not saved yet");
  g_assert_cmpuint (done->len, ==, 0);
  g_mutex_unlock (_nawat_store_get_lock (store));
  while (done->len < 20)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (g_array_index (done, guint, i), ==, i + 1);
  comment = stored_overall_comment (store, id);
  g_assert_cmpstr (comment, ==, "version 20");
  g_clear_pointer (&comment, g_free);

  /* A save made at once comes after those asked for before. */
  g_mutex_lock (_nawat_store_get_lock (store));
  nawat_evaluation_set_overall_comment (evaluation, "queued");
  save_async (store, evaluation, &saves, 21);
  g_mutex_unlock (_nawat_store_get_lock (store));
  nawat_evaluation_set_overall_comment (evaluation, "final");
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_no_error (error);
  comment = stored_overall_comment (store, id);
  g_assert_cmpstr (comment, ==, "final");
  g_clear_pointer (&comment, g_free);
  while (done->len < 21)
    g_main_context_iteration (NULL, TRUE);

  /* A refused save says why, and changes nothing. */
  save_async (store, foreign, &saves, 22);
  while (done->len < 22)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_array_index (done, guint, 21), ==, 0);
  g_assert_error (saves.error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&saves.error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM evaluations"), ==, 1);

  /* The store let go with a save pending: it is made all the same. */
  nawat_evaluation_set_overall_comment (evaluation, "after close");
  save_async (store, evaluation, &saves, 23);
  g_clear_object (&store);
  while (done->len < 23)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_array_index (done, guint, 22), ==, 23);

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  comment = stored_overall_comment (store, id);
  g_assert_cmpstr (comment, ==, "after close");
}

static void
test_save_evaluation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatEvaluation) evaluation = make_evaluation ("project:c1:p001", "somchai", FALSE);
  g_autoptr(NawatEvaluation) loaded = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) outbox = NULL;
  NawatStoreStats stats;
  NawatScore score;
  double value = 0;

  g_assert_no_error (error);
  import_sample (store);
  g_signal_connect (store, "project-changed", G_CALLBACK (record_project_cb), changed);

  nawat_evaluation_set_overall_comment (evaluation, "ยังไม่ครบ");
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, "project:c1:p001");

  loaded = nawat_store_get_evaluation (store, "evaluation:c1:p001:somchai", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (loaded), ==, "ยังไม่ครบ");
  g_assert_true (nawat_evaluation_get_score (loaded, "merit.innovation", &value));
  g_assert_cmpfloat (value, ==, 5);

  /* Incomplete: composite NULL in SQL. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM evaluations WHERE composite IS NULL AND dirty = 1"),
                   ==, 1);

  g_assert_true (nawat_store_get_stats (store, &stats, &error));
  g_assert_cmpint (stats.drafts, ==, 1);
  g_assert_cmpint (stats.pending_push, ==, 1);

  /* Submitting an incomplete evaluation is refused and changes nothing. */
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  g_assert_false (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  drain_main_context ();
  g_assert_cmpuint (changed->len, ==, 1);

  /* Out of range (merit is 1–5) is refused. */
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_DRAFT);
  nawat_evaluation_set_score (evaluation, "merit.impact", 9);
  g_assert_false (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Unknown criterion. */
  nawat_evaluation_set_score (evaluation, "merit.impact", 3);
  nawat_evaluation_set_score (evaluation, "merit.charisma", 3);
  g_assert_false (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  nawat_evaluation_clear_score (evaluation, "merit.charisma");

  /* Complete and submitted: the composite is stored. */
  g_clear_object (&evaluation);
  evaluation = make_evaluation ("project:c1:p001", "somchai", TRUE);
  nawat_scoring_compute (nawat_rubric_get_default (), evaluation, &score);
  g_assert_true (score.complete);
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (changed->len, ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM evaluations WHERE "
                                            "abs(composite - %.6f) < 1e-6 AND "
                                            "status = 'submitted' AND completeness = 1",
                                            score.composite);

    g_assert_cmpint (sql_int (fixture->path, sql), ==, 1);
  }

  outbox = nawat_store_list_outbox (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpint (nawat_evaluation_get_status (g_ptr_array_index (outbox, 0)), ==,
                   NAWAT_EVALUATION_SUBMITTED);
}

static void
test_sync_support (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatEvaluation) evaluation = make_evaluation ("project:c1:p002", "somchai", FALSE);
  g_autoptr(NawatEvaluation) pushed = NULL;
  g_autoptr(NawatEvaluation) base = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) quarantined = NULL;
  g_autofree char *seq = NULL;
  g_autofree char *local = NULL;
  g_autofree char *remote = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_no_error (error);
  import_sample (store);

  base = nawat_store_get_merge_base (store, "evaluation:c1:p002:somchai", &error);
  g_assert_no_error (error);
  g_assert_null (base);

  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  outbox = nawat_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  /* The server accepted it as revision 1: it leaves the outbox. */
  pushed = nawat_store_get_evaluation (store, "evaluation:c1:p002:somchai", &error);
  nawat_document_set_rev (NAWAT_DOCUMENT (pushed), "1-aaa");
  g_assert_true (nawat_store_mark_pushed (store, pushed, &error));
  g_assert_no_error (error);
  outbox = nawat_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  base = nawat_store_get_merge_base (store, "evaluation:c1:p002:somchai", &error);
  g_assert_no_error (error);
  g_assert_nonnull (base);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (base)), ==, "1-aaa");
  g_clear_object (&base);

  /* Edited while a push of the previous version was under way: it stays
   * in the outbox, with the new revision to push against.
   */
  g_clear_object (&evaluation);
  evaluation = nawat_store_get_evaluation (store, "evaluation:c1:p002:somchai", &error);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (evaluation)), ==, "1-aaa");
  nawat_evaluation_set_overall_comment (evaluation, "แก้ไขแล้ว");
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  nawat_document_set_rev (NAWAT_DOCUMENT (pushed), "2-bbb");
  g_assert_true (nawat_store_mark_pushed (store, pushed, &error));
  outbox = nawat_store_list_outbox (store, &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (nawat_document_get_rev (g_ptr_array_index (outbox, 0)), ==, "2-bbb");
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (g_ptr_array_index (outbox, 0)), ==,
                   "แก้ไขแล้ว");
  base = nawat_store_get_merge_base (store, "evaluation:c1:p002:somchai", &error);
  g_assert_cmpstr (nawat_document_get_rev (NAWAT_DOCUMENT (base)), ==, "2-bbb");
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (base), !=, "แก้ไขแล้ว");

  /* Checkpoints are kept verbatim, whatever JSON they are. */
  g_assert_null (nawat_store_dup_checkpoint (store, "nawat-c1", &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_set_checkpoint (store, "nawat-c1", "42", &error));
  g_assert_true (nawat_store_set_checkpoint (store, "nawat-c1", "\"43-g1AAAA\"", &error));
  seq = nawat_store_dup_checkpoint (store, "nawat-c1", &error);
  g_assert_cmpstr (seq, ==, "\"43-g1AAAA\"");

  /* Quarantine. */
  g_assert_true (nawat_store_quarantine (store, "project:c1:bad", "{\"_id\": \"project:c1:bad\"}",
                                         "project:c1:bad: title: the field is missing", &error));
  quarantined = nawat_store_list_quarantine (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantined->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (quarantined, 0), "project:c1:bad: "));

  /* Conflicts. */
  g_assert_true (nawat_store_add_conflict (store, "evaluation:c1:p002:somchai",
                                           "scores.merit.impact", "3", "4", &error));
  g_assert_true (nawat_store_add_conflict (store, "evaluation:c1:p002:somchai",
                                           "overall_comment", "\"a\"", "\"b\"", &error));
  g_assert_no_error (error);
  fields = nawat_store_dup_conflict_fields (store, "evaluation:c1:p002:somchai", &error);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_cmpstr (fields[0], ==, "overall_comment");
  g_assert_true (nawat_store_get_conflict (store, "evaluation:c1:p002:somchai",
                                           "scores.merit.impact", &local, &remote, &error));
  g_assert_cmpstr (local, ==, "3");
  g_assert_cmpstr (remote, ==, "4");
  g_assert_true (nawat_store_resolve_conflict (store, "evaluation:c1:p002:somchai",
                                               "scores.merit.impact", &error));
  g_clear_pointer (&fields, g_strfreev);
  fields = nawat_store_dup_conflict_fields (store, "evaluation:c1:p002:somchai", &error);
  g_assert_cmpuint (g_strv_length (fields), ==, 1);
  g_assert_false (nawat_store_get_conflict (store, "evaluation:c1:p002:somchai",
                                            "scores.merit.impact", NULL, NULL, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A conflict must belong to a stored evaluation. */
  g_assert_false (nawat_store_add_conflict (store, "evaluation:c1:p009:nobody", "x", "1", "2",
                                            &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Deleting the evaluation removes its conflicts. */
  g_assert_true (nawat_store_delete_document (store, "evaluation:c1:p002:somchai", &error));
  g_assert_no_error (error);
  g_assert_null (nawat_store_get_evaluation (store, "evaluation:c1:p002:somchai", NULL));
  g_clear_pointer (&fields, g_strfreev);
  fields = nawat_store_dup_conflict_fields (store, "evaluation:c1:p002:somchai", &error);
  g_assert_cmpuint (g_strv_length (fields), ==, 0);

  /* Deleting a project removes it from the search and the count too. */
  g_assert_true (nawat_store_delete_document (store, "project:c1:p001", &error));
  g_assert_cmpint (sql_int (fixture->path, "SELECT n FROM project_counts WHERE call = 'c1'"), ==, 2);
  {
    g_auto(GStrv) found = nawat_store_search (store, "อนุรักษ์", 0, &error);

    g_assert_cmpuint (g_strv_length (found), ==, 0);
  }
}

/* Two writers on one store file */

#define TWO_ID "evaluation:c1:p002:somchai"

typedef struct
{
  const char *key;      /* a score, or NULL */
  double      value;
  const char *overall;  /* an overall comment, or NULL */
} SetEdit;

static gboolean
apply_set_edit (NawatEvaluation  *evaluation,
                gboolean          stored,
                gpointer          user_data,
                GError          **error)
{
  SetEdit *edit = user_data;

  if (edit->key != NULL)
    nawat_evaluation_set_score (evaluation, edit->key, edit->value);
  if (edit->overall != NULL)
    nawat_evaluation_set_overall_comment (evaluation, edit->overall);
  nawat_evaluation_touch (evaluation);
  return TRUE;
}

/* Edits TWO_ID through @store, as another process would. */
static void
edit_through (NawatStore *store,
              const char *key,
              double      value,
              const char *overall)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatEvaluation) initial = nawat_evaluation_new ("project:c1:p002", "somchai",
                                                             NAWAT_DEFAULT_RUBRIC_ID);
  g_autoptr(NawatEvaluation) saved = NULL;
  SetEdit edit = { key, value, overall };

  saved = nawat_store_edit_evaluation (store, TWO_ID, initial, apply_set_edit, &edit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
}

static void
assert_score (NawatStore *store,
              const char *key,
              double      expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatEvaluation) stored = nawat_store_get_evaluation (store, TWO_ID, &error);
  double value = -1;

  g_assert_no_error (error);
  g_assert_true (nawat_evaluation_get_score (stored, key, &value));
  g_assert_cmpfloat (value, ==, expected);
}

static char *
dup_overall (NawatStore *store)
{
  return stored_overall_comment (store, TWO_ID);
}

static void
on_changes_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  NawatEvaluation **saved = data;
  g_autoptr(GError) error = NULL;
  guint n_clashes = 99;

  *saved = nawat_store_save_changes_finish (NAWAT_STORE (source), result, &n_clashes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_clashes, ==, 0);
}

/* The form's saves, from one connection, while another process writes
 * through a second one: a field the form did not change keeps the other's
 * value, and a field both changed is reported.
 */
static void
test_two_writers_form (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) window = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatStore) cli = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatEvaluation) base = NULL;
  g_autoptr(NawatEvaluation) form = NULL;
  g_autoptr(NawatEvaluation) saved = NULL;
  g_autofree char *overall = NULL;
  guint n_clashes = 99;

  g_assert_no_error (error);
  import_sample (window);
  edit_through (cli, "merit.innovation", 3, NULL);

  /* The window opens the evaluation; the form changes one score. */
  base = nawat_store_get_evaluation (window, TWO_ID, &error);
  g_assert_no_error (error);
  form = nawat_evaluation_copy (base);
  nawat_evaluation_set_score (form, "merit.impact", 2);

  /* Meanwhile another process comments and scores another criterion. */
  edit_through (cli, "merit.feasibility", 4, "จากอีกโปรแกรม");

  saved = nawat_store_save_changes (window, base, form, &n_clashes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpuint (n_clashes, ==, 0);
  assert_score (cli, "merit.innovation", 3);
  assert_score (cli, "merit.impact", 2);
  assert_score (cli, "merit.feasibility", 4);
  overall = dup_overall (cli);
  g_assert_cmpstr (overall, ==, "จากอีกโปรแกรม");

  /* Both change the same score: the form's value, the one on screen,
   * stays, and the clash is reported.
   */
  g_clear_object (&base);
  base = g_steal_pointer (&saved);
  g_clear_object (&form);
  form = nawat_evaluation_copy (base);
  nawat_evaluation_set_score (form, "merit.innovation", 1);
  edit_through (cli, "merit.innovation", 4, NULL);
  saved = nawat_store_save_changes (window, base, form, &n_clashes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_clashes, ==, 1);
  assert_score (cli, "merit.innovation", 1);
  assert_score (cli, "merit.feasibility", 4);

  /* The same on the store's save thread. */
  g_clear_object (&base);
  base = g_steal_pointer (&saved);
  g_clear_object (&form);
  form = nawat_evaluation_copy (base);
  nawat_evaluation_set_comment (form, "merit.impact", "หลักฐานชัดเจน");
  edit_through (cli, NULL, 0, "แก้อีกครั้ง");
  nawat_store_save_changes_async (window, base, form, on_changes_saved_cb, &saved);
  while (saved == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&overall, g_free);
  overall = dup_overall (cli);
  g_assert_cmpstr (overall, ==, "แก้อีกครั้ง");
  g_assert_cmpstr (nawat_evaluation_get_comment (saved, "merit.impact"), ==, "หลักฐานชัดเจน");
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (saved), ==, "แก้อีกครั้ง");
}

/* Sync's writes from one connection while another process edits through
 * a second one: nothing the other process saved is lost.
 */
static void
test_two_writers_sync (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) sync = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatStore) cli = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatEvaluation) pushed = NULL;
  g_autoptr(NawatEvaluation) theirs = NULL;
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(NawatEvaluation) chosen = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) conflicts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  g_autofree char *overall = NULL;
  g_auto(GStrv) fields = NULL;
  NawatStorePullCounts counts = { 0, };
  gboolean saved = TRUE;

  g_assert_no_error (error);
  import_sample (sync);
  edit_through (cli, "merit.innovation", 3, NULL);

  /* Pushed as revision 1: clean, with a merge base. */
  pushed = nawat_store_get_evaluation (sync, TWO_ID, &error);
  g_assert_no_error (error);
  nawat_document_set_rev (NAWAT_DOCUMENT (pushed), "1-aaa");
  g_assert_true (nawat_store_mark_pushed (sync, pushed, &error));
  g_assert_no_error (error);

  /* A pull brings revision 2 while the other process has edited: the
   * local edit stays for the push to merge.
   */
  theirs = nawat_evaluation_copy (pushed);
  nawat_document_set_rev (NAWAT_DOCUMENT (theirs), "2-bbb");
  nawat_evaluation_set_score (theirs, "merit.impact", 4);
  g_ptr_array_add (docs, g_object_ref (theirs));
  edit_through (cli, NULL, 0, "ยังแก้อยู่");
  g_assert_true (nawat_store_apply_pull (sync, "nawat-c1-e-x", "7", docs, NULL, NULL, NULL,
                                         &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.kept_local, ==, 1);
  overall = dup_overall (cli);
  g_assert_cmpstr (overall, ==, "ยังแก้อยู่");

  /* The push meets revision 2 (409) and merges it, but the other process
   * edits again before the merge is saved: the merge is not saved, the
   * edit stays, and the next sync merges it.
   */
  outbox = nawat_store_list_outbox (sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  merged = nawat_merge_evaluations (pushed, g_ptr_array_index (outbox, 0), theirs, conflicts);
  edit_through (cli, "merit.feasibility", 1, NULL);
  g_assert_true (nawat_store_save_merge (sync, g_ptr_array_index (outbox, 0), theirs, merged,
                                         conflicts, &saved, &error));
  g_assert_no_error (error);
  g_assert_false (saved);
  assert_score (cli, "merit.feasibility", 1);

  /* A conflict resolved in one process while the other edits another
   * field: the resolution takes the field in conflict only.
   */
  g_assert_true (nawat_store_add_conflict (cli, TWO_ID, "scores.merit.impact", "3", "4", &error));
  chosen = nawat_store_get_evaluation (sync, TWO_ID, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_merge_set_field_json (chosen, "scores.merit.impact", "4", &error));
  nawat_evaluation_touch (chosen);
  edit_through (cli, NULL, 0, "หลังความขัดแย้ง");
  g_assert_true (nawat_store_save_resolution (sync, chosen, &error));
  g_assert_no_error (error);
  assert_score (cli, "merit.impact", 4);
  assert_score (cli, "merit.feasibility", 1);
  g_clear_pointer (&overall, g_free);
  overall = dup_overall (cli);
  g_assert_cmpstr (overall, ==, "หลังความขัดแย้ง");
  fields = nawat_store_dup_conflict_fields (cli, TWO_ID, &error);
  g_assert_cmpuint (g_strv_length (fields), ==, 0);
}

/* Applies one pulled batch of project documents. */
static void
apply_projects (NawatStore  *store,
                const char  *seq,
                const char **jsons)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  NawatStorePullCounts counts = { 0, };

  for (guint i = 0; jsons[i] != NULL; i++)
    {
      NawatDocument *doc = nawat_codec_from_data (jsons[i], -1, &error);

      g_assert_no_error (error);
      g_ptr_array_add (docs, doc);
    }
  g_assert_true (nawat_store_apply_pull (store, "nawat-c1", seq, docs, NULL, NULL, NULL, &counts,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.applied, ==, docs->len);
}

/* Whether call c1 counts as published, and as changed since. */
static void
assert_published (NawatStore *store,
                  gboolean    published,
                  gboolean    changed)
{
  g_auto(NawatStorePublished) state = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_store_get_published (store, "c1", &state, &error));
  g_assert_no_error (error);
  g_assert_true ((state.time != NULL) == published);
  g_assert_true (state.changed == changed);
}

static void
publish_c1 (NawatStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_store_begin_publish (store, "c1", &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_record_publish (store, "c1", "http://127.0.0.1:5984", "2-abc", &error));
  g_assert_no_error (error);
}

static void
assign_p001 (NawatStore *store,
             const char *evaluator)
{
  g_autoptr(GHashTable) assigned = g_hash_table_new (g_str_hash, g_str_equal);
  const char *names[] = { evaluator, NULL };
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (assigned, "project:c1:p001", names);
  g_assert_true (nawat_store_set_assigned (store, assigned, &error));
  g_assert_no_error (error);
}

/* A call's last publish: recorded by a publish that succeeded, marked
 * changed by a local edit of the call or an assignment, not by a pull nor
 * by writing what is stored again, and cleared by the next publish; an
 * edit made while a publish runs is not taken as published.
 */
static void
test_published (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_auto(NawatStorePublished) state = { 0 };
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_utc (2027, 1, 15, 10, 0, 0);
  g_autofree char *pulled = project_json ("c1", "p002", "ชื่อจากเซิร์ฟเวอร์", "From the server",
                                          NULL, "Green Valley Cooperative", "TH-40",
                                          "sustainable-agriculture", NULL);
  g_autofree char *fresh = project_json ("c1", "p004", "โครงการใหม่", "A new project", NULL,
                                         "Songkhla Rescue", "TH-90", "disaster-management", NULL);
  g_autofree char *fresh_batch = batch (fresh, NULL);
  const char *pulled_docs[] = { pulled, NULL };

  g_assert_no_error (error);
  import_sample (store);
  assert_published (store, FALSE, FALSE);

  /* A publish that began but never succeeded records nothing, nor one
   * of a call the store does not hold.
   */
  g_assert_true (nawat_store_begin_publish (store, "c1", &error));
  g_assert_no_error (error);
  assert_published (store, FALSE, FALSE);
  g_assert_true (nawat_store_begin_publish (store, "c2", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM call_published WHERE call = 'c2'"),
                   ==, 0);

  publish_c1 (store);
  g_assert_true (nawat_store_get_published (store, "c1", &state, &error));
  g_assert_no_error (error);
  g_assert_nonnull (state.time);
  g_assert_cmpstr (state.server, ==, "http://127.0.0.1:5984");
  g_assert_cmpstr (state.rev, ==, "2-abc");
  g_assert_false (state.changed);
  /* Another call is not published. */
  g_assert_true (nawat_store_get_published (store, "c2", &state, &error));
  g_assert_null (state.time);

  /* The call written again as it is, and a pull: nothing changed here. */
  put_json (store, call_json);
  apply_projects (store, "1", pulled_docs);
  assert_published (store, TRUE, FALSE);

  /* An assignment changed: publish again; the next publish clears it. */
  assign_p001 (store, "malee");
  assert_published (store, TRUE, TRUE);
  publish_c1 (store);
  assert_published (store, TRUE, FALSE);

  /* The deadline moved while a publish runs: still changed after it. */
  g_assert_true (nawat_store_begin_publish (store, "c1", &error));
  call = nawat_store_extend_deadline (store, "c1", NULL, later, &error);
  g_assert_no_error (error);
  g_assert_nonnull (call);
  g_assert_true (nawat_store_record_publish (store, "c1", "http://127.0.0.1:5984", "3-def", &error));
  g_assert_no_error (error);
  assert_published (store, TRUE, TRUE);

  /* A failed publish leaves it changed; a new project of the call counts. */
  publish_c1 (store);
  g_assert_true (nawat_store_begin_publish (store, "c1", &error));
  import_ok (store, fresh_batch);
  assert_published (store, TRUE, TRUE);
}

/* A store of the seventh schema knows of no publish: its calls are not
 * published, and a publish and an edit then count as they should.
 */
static void
test_migrate_v7 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_nawat_store_migrate (db, 7, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM call_published"), ==, 0);

  import_sample (store);
  assert_published (store, FALSE, FALSE);
  publish_c1 (store);
  assert_published (store, TRUE, FALSE);
  assign_p001 (store, "malee");
  assert_published (store, TRUE, TRUE);
}

/* A store of the eighth schema has no files' text: the table comes
 * empty, and a text row goes with its contents.
 */
static void
test_migrate_v8 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_nawat_store_migrate (db, 8, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM file_texts"), ==, 0);

  make_sqlite (fixture->path,
               "INSERT INTO blobs VALUES ('ab12', 'md5-x', 3);"
               "INSERT INTO file_texts (sha256, state, pages, text)"
               "  VALUES ('ab12', 1, 1, 'เครื่องสีข้าว');");
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM file_fts WHERE file_fts MATCH 'สีข้าว'"), ==, 1);
  make_sqlite (fixture->path, "DELETE FROM blobs WHERE sha256 = 'ab12';");
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM file_texts"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM file_fts WHERE file_fts MATCH 'สีข้าว'"), ==, 0);
}

static guint
count_found (NawatStore *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = nawat_store_search (store, text, 0, &error);

  g_assert_no_error (error);
  return g_strv_length (found);
}

/* What the project list's search finds in call c1 (its SQL, run on a
 * connection of its own, as the list's worker does).
 */
static guint
count_listed (const char *path,
              const char *text)
{
  g_autoptr(GString) search = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;

  g_assert_true (_nawat_store_build_search (text, "c1", FALSE, 1000, search, params));
  sql = g_strdup_printf ("SELECT count(*) FROM (%s)", search->str);
  return sql_int_with (path, sql, params);
}

/* Both searches, the CLI's and the list's, find @n projects. */
static void
assert_found (Fixture    *fixture,
              NawatStore *store,
              const char *text,
              guint       n)
{
  g_assert_cmpuint (count_found (store, text), ==, n);
  g_assert_cmpuint (count_listed (fixture->path, text), ==, n);
}

/* After a pull into an empty store, the search index catches up in short
 * steps, also after an interruption; the searches meanwhile find the
 * projects left out by reading them.
 */
static void
test_pull_into_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autofree char *p1 = project_json ("c1", "p001", "อนุรักษ์ป่าชายเลน", "Mangroves",
                                      "ฟื้นฟูป่าชายเลนโดยชุมชน", "Org A", "TH-50", "environment", NULL);
  g_autofree char *p1b = project_json ("c1", "p001", "ป่าโกงกาง", "Mangrove forest",
                                       "ฟื้นฟูป่าโกงกางโดยชุมชน", "Org A", "TH-50", "environment",
                                       NULL);
  g_autofree char *p2 = project_json ("c1", "p002", "อนุรักษ์แหล่งน้ำ", "Water",
                                      NULL, "Org B", "TH-10", "environment", "กลุ่มประมงพื้นบ้าน");
  g_autofree char *p2b = project_json ("c1", "p002", "ห้องสมุดชุมชน", "Library",
                                       NULL, "Org B", "TH-10", "government-education", NULL);
  g_autofree char *p3 = project_json ("c1", "p003", "อนุรักษ์ดนตรีไทย", "Music",
                                      NULL, "Org C", "TH-40", "tourism-culture", NULL);
  const char *first[] = { p1, p2, NULL };
  const char *second[] = { p1b, p2b, p3, NULL };
  const char *third[] = { p2, NULL };
  gboolean done = TRUE;
  guint n_resets = 0;

  g_assert_no_error (error);
  g_assert_true (nawat_store_begin_pull (store, &error));
  g_assert_no_error (error);
  apply_projects (store, "2", first);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_list"), ==, 2);
  g_assert_false (nawat_store_search_index_complete (store));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_fts "
                                           "WHERE project_fts MATCH '\"อนุรักษ์\"'"), ==, 0);
  /* The order by title waits too. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_list "
                                           "WHERE sort_th = '' AND sort_en = ''"), ==, 2);

  /* Not indexed yet, found all the same: titles, summaries, partners. */
  assert_found (fixture, store, "อนุรักษ์", 2);
  assert_found (fixture, store, "ชายเลน", 1);
  assert_found (fixture, store, "ประมง", 1);
  assert_found (fixture, store, "mangroves", 1);
  /* Short words too, in titles, organisations and partners. */
  assert_found (fixture, store, "ชา", 1);
  assert_found (fixture, store, "ปร", 1);
  assert_found (fixture, store, "rg", 2);

  /* Interrupted after the first project went into the index: reopened,
   * the store goes on from there.
   */
  g_assert_true (_nawat_store_index_some (store, 1, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  /* While catching up, the chunks' segments are merged only at the end. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT v FROM project_fts_config "
                                           "WHERE k = 'automerge'"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT v FROM project_grams_config "
                                           "WHERE k = 'crisismerge'"), ==, 64);
  g_clear_object (&store);
  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (nawat_store_search_index_complete (store));
  g_assert_true (nawat_store_begin_pull (store, &error));

  /* One renamed project is indexed, the other not, and one is new. */
  apply_projects (store, "4", second);
  assert_found (fixture, store, "อนุรักษ์", 1);
  assert_found (fixture, store, "ชายเลน", 0);
  assert_found (fixture, store, "โกงกาง", 1);
  assert_found (fixture, store, "ห้องสมุด", 1);
  assert_found (fixture, store, "ประมง", 0);
  /* One from the index, one read: each once. */
  assert_found (fixture, store, "ชุมชน", 2);
  assert_found (fixture, store, "ชุมชน ห้อง", 1);
  assert_found (fixture, store, "ชา", 0);
  assert_found (fixture, store, "กง", 1);
  assert_found (fixture, store, "มุ", 1);
  assert_found (fixture, store, "rg", 3);

  g_signal_connect (store, "reset", G_CALLBACK (count_signal_cb), &n_resets);
  g_assert_true (nawat_store_finish_search_index (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_search_index_complete (store));
  /* Each index in one segment. */
  g_assert_cmpuint (n_segments (fixture->path, "project_fts"), ==, 1);
  g_assert_cmpuint (n_segments (fixture->path, "project_grams"), ==, 1);
  /* Later writes are merged as they come again, as FTS5 does by default. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT v FROM project_grams_config "
                                           "WHERE k = 'automerge'"), ==, 4);
  g_assert_cmpint (sql_int (fixture->path, "SELECT v FROM project_fts_config "
                                           "WHERE k = 'crisismerge'"), ==, 16);
  /* The lists read again, in the order by title now known. */
  drain_main_context ();
  g_assert_cmpuint (n_resets, ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM checkpoints "
                                           "WHERE database NOT LIKE 'nawat-%'"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_list AS l "
                                           "JOIN projects AS p ON p.pk = l.pk "
                                           "WHERE l.sort_th = p.sort_th AND l.sort_en = p.sort_en "
                                           "AND l.sort_th != ''"), ==, 3);
  assert_fts_consistent (fixture->path);
  assert_found (fixture, store, "อนุรักษ์", 1);
  assert_found (fixture, store, "ชายเลน", 0);
  assert_found (fixture, store, "ชุมชน", 2);
  assert_found (fixture, store, "กง", 1);
  assert_found (fixture, store, "มุ", 1);
  assert_found (fixture, store, "rg", 3);

  /* Into a store that has projects, each batch updates the index itself. */
  g_assert_true (nawat_store_begin_pull (store, &error));
  apply_projects (store, "5", third);
  g_assert_true (nawat_store_search_index_complete (store));
  assert_found (fixture, store, "ประมง", 1);
  assert_found (fixture, store, "ห้องสมุด", 0);
  assert_fts_consistent (fixture->path);
}

/* The number of projects of the list whose sort keys are those of their
 * titles.
 */
static gint64
n_sorted (const char *path)
{
  return sql_int (path, "SELECT count(*) FROM project_list AS l JOIN projects AS p "
                        "ON p.pk = l.pk WHERE l.sort_th = p.sort_th AND l.sort_en = p.sort_en "
                        "AND l.sort_th != ''");
}

/* The catching up brings the order by title into the list in runs of
 * 2,000 keys, and the rest with its last chunk, also when it was
 * interrupted part-way.
 */
static void
test_pull_sort_keys_in_runs (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);
  gboolean done = TRUE;

  g_assert_no_error (error);
  for (guint i = 0; i < 2500; i++)
    {
      g_autofree char *code = g_strdup_printf ("p%04u", i);
      g_autofree char *title_th = g_strdup_printf ("โครงการที่ %u", 2500 - i);
      g_autofree char *title_en = g_strdup_printf ("Project %u", 2500 - i);

      g_ptr_array_add (jsons, project_json ("c1", code, title_th, title_en, NULL, "Org",
                                            "TH-50", "environment", NULL));
    }
  g_ptr_array_add (jsons, NULL);
  g_assert_true (nawat_store_begin_pull (store, &error));
  g_assert_no_error (error);
  apply_projects (store, "2", (const char **) jsons->pdata);
  g_assert_cmpint (n_sorted (fixture->path), ==, 0);

  /* No run complete yet: the keys wait, the terms do not. */
  g_assert_true (_nawat_store_index_some (store, 1500, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  g_assert_cmpint (n_sorted (fixture->path), ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_fts "
                                           "WHERE project_fts MATCH '\"project\"'"), ==, 1500);
  g_assert_cmpuint (count_found (store, "โครงการที่"), ==, 2500);

  /* The first run of 2,000 is complete. */
  g_assert_true (_nawat_store_index_some (store, 1000, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  g_assert_cmpint (n_sorted (fixture->path), ==, 2000);
  g_assert_cmpint (sql_int (fixture->path, "SELECT max (l.pk) FROM project_list AS l "
                                           "WHERE l.sort_th != ''"), ==, 2000);

  /* Interrupted, then finished: the rest comes with the last chunk. */
  g_clear_object (&store);
  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (nawat_store_search_index_complete (store));
  g_assert_true (nawat_store_finish_search_index (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_search_index_complete (store));
  g_assert_cmpint (n_sorted (fixture->path), ==, 2500);
  assert_fts_consistent (fixture->path);
  g_assert_cmpuint (count_found (store, "โครงการที่"), ==, 2500);
  assert_found (fixture, store, "2499", 1);
}

/* The index catches up in a thread of the store's own, which stops when
 * the store goes.
 */
static void
test_index_later (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *code = g_strdup_printf ("p%04u", i);
      g_autofree char *title = g_strdup_printf ("โครงการที่ %u", i);

      g_ptr_array_add (jsons, project_json ("c1", code, title, NULL, "ฟื้นฟูป่าชายเลน",
                                            "Org", "TH-50", "environment", NULL));
    }
  g_ptr_array_add (jsons, NULL);

  g_assert_no_error (error);
  g_assert_true (nawat_store_begin_pull (store, &error));
  apply_projects (store, "1000", (const char **) jsons->pdata);
  nawat_store_index_later (store);
  /* Gone while it works: the rest is left for later. */
  g_clear_object (&store);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM checkpoints "
                                           "WHERE database NOT LIKE 'nawat-%'"), <=, 1);

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  nawat_store_index_later (store);
  for (guint i = 0; i < 1000 && !nawat_store_search_index_complete (store); i++)
    g_usleep (10000);
  g_assert_true (nawat_store_search_index_complete (store));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM project_fts "
                                           "WHERE project_fts MATCH '\"ชายเลน\"'"), ==, 1000);
  /* Then the thread merges each index into one segment. */
  for (guint i = 0; i < 1000 && (n_segments (fixture->path, "project_fts") > 1
                                 || n_segments (fixture->path, "project_grams") > 1); i++)
    g_usleep (10000);
  g_assert_cmpuint (n_segments (fixture->path, "project_fts"), ==, 1);
  g_assert_cmpuint (n_segments (fixture->path, "project_grams"), ==, 1);
  assert_fts_consistent (fixture->path);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* nawat_grams() written the plain way: GLib reads each character, GLib
 * sorts, a hash table finds each piece once.
 */
static char *
reference_grams (const char *text,
                 gsize       length)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GString *out = g_string_new (NULL);
  const char *p = text;
  gunichar prev = 0;

  while (p < text + length)
    {
      gunichar c = g_utf8_get_char_validated (p, text + length - p);
      guint64 key[2];
      guint n = 0;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          prev = 0;
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (c == 0 || (c < 0x80 && g_ascii_isspace (c)))
        {
          prev = 0;
          continue;
        }
      key[n++] = c;
      if (prev != 0)
        key[n++] = ((guint64) prev << 32) | c;
      for (guint i = 0; i < n; i++)
        if (!g_hash_table_contains (seen, &key[i]))
          {
            g_hash_table_add (seen, g_memdup2 (&key[i], sizeof key[i]));
            g_array_append_val (keys, key[i]);
          }
      prev = c;
    }
  g_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      guint64 key = g_array_index (keys, guint64, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (key >> 32 != 0)
        g_string_append_printf (out, "%xx", (guint) (key >> 32));
      g_string_append_printf (out, "%x", (guint) (key & 0xffffffff));
    }
  return g_string_free (out, FALSE);
}

/* Texts of random pieces: ASCII, Thai, characters of two and four bytes,
 * and what UTF-8 refuses (a lone continuation byte, a cut sequence, an
 * overlong one, a surrogate, beyond U+10FFFF), each piece's grams as the
 * reference finds them.
 */
static void
test_grams_random (void)
{
  static const char * const pieces[] = {
    "a", "Z", " ", "\t", "\n", "ก", "ไ", "่", "ำ", "é", "ß", "Ω", "😀", "𠀀", "\xef\xbf\xbf",
    "\x80", "\xe0\xb8", "\xe0\x80\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
    "\xff", "\xe0", "x\xe0\xb8", "1",
  };
  GRand *rand = g_rand_new_with_seed (20);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, round < 1000 ? 12 : 400);
      g_autofree char *grams = NULL;
      g_autofree char *expected = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      grams = _nawat_search_grams (text->str, text->len);
      expected = reference_grams (text->str, text->len);
      g_assert_cmpstr (grams, ==, expected);
    }
  g_rand_free (rand);
}

/* The pieces the index of short words holds, and the expression that
 * finds them.
 */
static void
test_grams (void)
{
  struct {
    const char *text;
    const char *grams;
  } cases[] = {
    { "ai a\nไทย", "61 69 e17 e22 e44 61x69 e17xe22 e44xe17" },
    { "a\xff" "b", "61 62" },                /* an invalid byte breaks pairs */
    { "aa aa", "61 61x61" },                   /* each piece once */
    { "\"x\"", "22 78 22x78 78x22" },
    { " \t\n", "" },
  };
  struct {
    const char *words[3];
    const char *match;
  } queries[] = {
    { { "ai", NULL }, "\"61x69\"" },
    { { "a", "ไท", NULL }, "\"61\" \"e44xe17\"" },
    { { "ss", "ß", NULL }, "\"df\" \"73x73\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *grams = _nawat_search_grams (cases[i].text, strlen (cases[i].text));

      g_assert_cmpstr (grams, ==, cases[i].grams);
    }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *match = _nawat_search_grams_match (queries[i].words,
                                                          g_strv_length ((GStrv) queries[i].words));

      g_assert_cmpstr (match, ==, queries[i].match);
    }
}

/* The projects whose short texts hold @word, by reading every one, in key
 * order and space-separated.
 */
static char *
scan_short_texts (const char *path,
                  const char *word)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *ids = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT p.id FROM project_text t JOIN projects p "
                                       "ON p.pk = t.pk WHERE instr (t.text, ?) > 0 ORDER BY t.pk",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (ids, FALSE);
}

/* On generated projects, words of one and two characters find, through
 * their index, exactly the projects whose short texts hold them.
 */
static void
test_search_short (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autofree char *gen = write_generated (fixture->dir, "gen.json", 200);
  const char *words[] = { "ก", "น", "ไ", "ๆ", "a", "z", "q", "1", "-", "อน", "ชุ", "รร",
                          "in", "th", "ai", "ce", "ก็", "มห", "xy", "ฤๅ" };
  guint n_some = 0;

  g_assert_no_error (error);
  g_assert_true (nawat_store_import_file (store, gen, NULL, &problems, &error));
  g_assert_no_error (error);
  assert_fts_consistent (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *expected = scan_short_texts (fixture->path, words[i]);
      g_autofree char *found = search_joined (store, words[i]);
      g_autoptr(GString) search = g_string_new (NULL);
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sql = NULL;
      g_auto(GStrv) ids = NULL;

      g_test_message ("short word “%s”", words[i]);
      g_assert_cmpstr (found, ==, expected);

      g_assert_true (_nawat_store_build_search (words[i], "gen", FALSE, 0, search, params));
      sql = g_strdup_printf ("SELECT count(*) FROM (%s)", search->str);
      ids = g_strsplit (expected, " ", -1);
      g_assert_cmpint (sql_int_with (fixture->path, sql, params), ==,
                       *expected == '\0' ? 0 : g_strv_length (ids));
      if (*expected != '\0')
        n_some++;
    }
  /* The words are not all missing, nor all everywhere. */
  g_assert_cmpuint (n_some, >, 10);
  g_assert_cmpuint (n_some, <, G_N_ELEMENTS (words));
}

/* The fast casefold is g_utf8_casefold() for every character. */
static void
test_casefold (void)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *folded = NULL;

  for (gunichar c = 1; c <= 0x10FFFF; c++)
    {
      char one[8];
      int n;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (!g_unichar_validate (c))
        continue;
      n = g_unichar_to_utf8 (c, one);
      one[n] = '\0';
      a = g_utf8_casefold (one, -1);
      b = _nawat_casefold (one);
      if (g_strcmp0 (a, b) != 0)
        g_error ("U+%04X folds to %s, not %s", c, b, a);
      if (c < 0x3000 || c % 97 == 0)
        g_string_append (all, one);
    }

  expected = g_utf8_casefold (all->str, -1);
  folded = _nawat_casefold (all->str);
  g_assert_cmpstr (folded, ==, expected);
  g_free (folded);
  folded = _nawat_casefold ("");
  g_assert_cmpstr (folded, ==, "");
}

static void
test_sort_key (void)
{
  struct {
    const char *a;
    const char *b;
  } ordered[] = {
    /* ไก่ (k) before ขา (kh): the leading vowel does not count first. */
    { "ไก่ชน", "ขาวมณี" },
    { "กา", "เก" },
    { "เกษตร", "แข็งแรง" },
    { "โคก", "งาน" },
    { "apple", "Banana" },
    { "Banana", "cherry" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ordered); i++)
    {
      g_autofree char *a = _nawat_sort_key (ordered[i].a);
      g_autofree char *b = _nawat_sort_key (ordered[i].b);

      g_test_message ("%s < %s", ordered[i].a, ordered[i].b);
      g_assert_cmpint (strcmp (a, b), <, 0);
    }

  {
    g_autofree char *upper = _nawat_sort_key ("HELLO");
    g_autofree char *lower = _nawat_sort_key ("hello");

    g_assert_cmpstr (upper, ==, lower);
  }
}

/* A call is scored against the rubric it names, else the default one. */
static void
test_call_rubric (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCall) call = nawat_call_new ("c1");
  g_autoptr(NawatDocument) own = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  g_autofree char *default_json = NULL;
  g_autofree char *own_json = NULL;
  g_auto(GStrv) parts = NULL;
  NawatRubric *rubric;

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* None named, or one the store does not hold: the default. */
  rubric = nawat_store_get_call_rubric (store, call, &error);
  g_assert_no_error (error);
  g_assert_true (rubric == nawat_rubric_get_default ());
  g_object_unref (rubric);
  nawat_call_set_rubric (call, "rubric:nowhere:1");
  rubric = nawat_store_get_call_rubric (store, call, &error);
  g_assert_no_error (error);
  g_assert_true (rubric == nawat_rubric_get_default ());
  g_object_unref (rubric);

  /* One the store holds: that one. */
  default_json = nawat_codec_to_data (NAWAT_DOCUMENT (nawat_rubric_get_default ()), NULL);
  parts = g_strsplit (default_json, NAWAT_DEFAULT_RUBRIC_ID, -1);
  own_json = g_strjoinv ("rubric:own:1", parts);
  own = nawat_codec_from_data (own_json, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (docs, own);
  g_assert_true (nawat_store_put_documents (store, docs, &error));
  g_assert_no_error (error);
  nawat_call_set_rubric (call, "rubric:own:1");
  rubric = nawat_store_get_call_rubric (store, call, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (rubric)), ==, "rubric:own:1");
  g_object_unref (rubric);
}

/* Readers of their own (statistics, reports, the export, the project
 * list) need the store in a file: one in memory is refused at once.
 */
static void
test_open_reader (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  sqlite3 *db;

  for (guint i = 0; i < 3; i++)
    {
      const char *paths[] = { ":memory:", "", NULL };

      g_assert_null (_nawat_store_open_reader (paths[i], SQLITE_OPEN_NOMUTEX, &error));
      g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED);
      g_clear_error (&error);
    }

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  db = _nawat_store_open_reader (nawat_store_get_path (store), SQLITE_OPEN_NOMUTEX, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (sqlite3_db_readonly (db, "main") == 1);
  sqlite3_close (db);
}

static void
test_default_path (void)
{
  g_autofree char *path = nawat_store_dup_default_path ("demo");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "nawat", "demo.db", NULL);

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
}

/* The time of the last sync round of each call survives reopening the
 * store and is not a checkpoint of any database.
 */
/* A pulled document the store's own checks refuse is quarantined and
 * named in the counts' messages, so that sync reports it (issue 15).
 */
static void
test_pull_refused_reported (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) quarantine = NULL;
  NawatStorePullCounts counts = { 0, };
  NawatEvaluation *evaluation = nawat_evaluation_new ("project:c1:p001", "somchai",
                                                      "rubric:nowhere:1");

  g_assert_no_error (error);
  g_ptr_array_add (docs, evaluation);
  counts.messages = messages;
  g_assert_true (nawat_store_apply_pull (store, "nawat-c1-e-736f6d63686169", "1", docs, NULL, NULL,
                                         NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.quarantined, ==, 1);
  g_assert_true (counts.messages == messages);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_true (g_str_has_prefix (messages->pdata[0], "evaluation:c1:p001:somchai: "));
  g_assert_nonnull (strstr (messages->pdata[0], "rubric:nowhere:1"));

  quarantine = nawat_store_list_quarantine (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantine->len, ==, 1);
}

static void
test_last_sync (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatStore) again = NULL;
  g_autofree char *seq = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (nawat_store_get_last_sync (store, "si-2569", &error), ==, 0);
  g_assert_no_error (error);

  g_assert_true (nawat_store_set_checkpoint (store, "nawat-si-2569", "17", &error));
  g_assert_true (nawat_store_set_last_sync (store, "si-2569", 1795000000, &error));
  g_assert_true (nawat_store_set_last_sync (store, "si-2569", 1795000600, &error));
  g_assert_true (nawat_store_set_last_sync (store, "c2", 1700000000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nawat_store_get_last_sync (store, "si-2569", &error), ==, 1795000600);
  g_assert_cmpint (nawat_store_get_last_sync (store, "c2", &error), ==, 1700000000);
  g_assert_cmpint (nawat_store_get_last_sync (store, "c3", &error), ==, 0);
  g_assert_no_error (error);

  /* The pull checkpoint of the call's database is untouched. */
  seq = nawat_store_dup_checkpoint (store, "nawat-si-2569", &error);
  g_assert_cmpstr (seq, ==, "17");

  g_clear_object (&store);
  again = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nawat_store_get_last_sync (again, "si-2569", &error), ==, 1795000600);
  g_assert_no_error (error);
}

/* A conflict declared after scoring clears the scores: neither the
 * stored document nor the one the outbox sends carries them.
 */
static void
test_declare_conflict (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_no_error (error);
  evaluation = make_evaluation ("project:c1:p1", "somchai", TRUE);
  g_assert_false (nawat_evaluation_get_conflict_answered (evaluation));
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_no_error (error);

  nawat_evaluation_declare_conflict (evaluation);
  g_assert_true (nawat_store_save_evaluation (store, evaluation, &error));
  g_assert_no_error (error);

  stored = nawat_store_get_evaluation (store, nawat_document_get_id (NAWAT_DOCUMENT (evaluation)),
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  keys = nawat_evaluation_dup_score_keys (stored);
  g_assert_cmpuint (g_strv_length (keys), ==, 0);
  g_assert_true (nawat_evaluation_get_conflict_declared (stored));
  g_assert_true (nawat_evaluation_get_conflict_answered (stored));
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM evaluations e, json_each (e.json, '$.scores')"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT json_extract (json, '$.conflict_answered') FROM evaluations"), ==, 1);

  outbox = nawat_store_list_outbox (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_clear_pointer (&keys, g_strfreev);
  keys = nawat_evaluation_dup_score_keys (g_ptr_array_index (outbox, 0));
  g_assert_cmpuint (g_strv_length (keys), ==, 0);
}

/* A store of the ninth schema remembers no place in a document; once
 * migrated, it keeps the reader's page and zoom by the document's digest,
 * across closing and opening the store.
 */
static void
test_migrate_v9 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  const char *digest = "md5-2jmj7l5rSw0yVb/vlWAYkK==";
  sqlite3 *db = NULL;
  guint page = 99;
  double zoom = -1;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_nawat_store_migrate (db, 9, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM document_places"), ==, 0);

  g_assert_false (nawat_store_get_document_place (store, digest, &page, &zoom));
  g_assert_cmpuint (page, ==, 99);
  g_assert_true (nawat_store_set_document_place (store, digest, 4, 0, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_set_document_place (store, digest, 7, 1.5, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_get_document_place (store, digest, &page, &zoom));
  g_assert_cmpuint (page, ==, 7);
  g_assert_cmpfloat (zoom, ==, 1.5);
  g_assert_false (nawat_store_get_document_place (store, "md5-other", NULL, NULL));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM document_places"), ==, 1);
}

static const char *progress_calls[] = { "c1", "c2" };
static const char *progress_evaluators[] = { "somchai", "malee", "ann" };

/* Asserts that the evaluators' progress kept by the store's triggers is
 * what counting the tables gives; returns the sum of the counts.
 */
static gint64
assert_progress_counted (const char *path)
{
  gint64 sum = 0;

  for (guint c = 0; c < G_N_ELEMENTS (progress_calls); c++)
    for (guint v = 0; v < G_N_ELEMENTS (progress_evaluators); v++)
      {
        g_autoptr(GPtrArray) params = g_ptr_array_new ();
        const char *kept[] = { "assigned", "submitted", "submitted_assigned" };
        const char *counted[] = {
          "SELECT count(*) FROM project_assigned WHERE call = ?1 AND evaluator = ?2",
          "SELECT count(*) FROM evaluations e JOIN projects p ON p.id = e.project"
          " WHERE e.evaluator = ?2 AND e.status = 'submitted' AND p.call = ?1",
          "SELECT count(*) FROM evaluations e JOIN projects p ON p.id = e.project"
          " WHERE e.evaluator = ?2 AND e.status = 'submitted' AND p.call = ?1"
          " AND EXISTS (SELECT 1 FROM project_assigned a WHERE a.call = p.call"
          " AND a.evaluator = ?2 AND a.code = p.code)",
        };

        g_ptr_array_add (params, (gpointer) progress_calls[c]);
        g_ptr_array_add (params, (gpointer) progress_evaluators[v]);
        for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
          {
            g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT %s FROM evaluator_progress"
                                                    " WHERE call = ?1 AND evaluator = ?2), 0)",
                                                    kept[i]);
            gint64 expected = sql_int_with (path, counted[i], params);

            g_assert_cmpint (sql_int_with (path, sql, params), ==, expected);
            sum += expected;
          }
      }

  /* Nothing counted for anyone else. */
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM evaluator_progress WHERE"
                                  " evaluator NOT IN ('somchai', 'malee', 'ann') AND"
                                  " (assigned != 0 OR submitted != 0 OR submitted_assigned != 0)"),
                   ==, 0);
  return sum;
}

static char *
progress_project_json (const char *call,
                       const char *code,
                       guint       assigned_mask)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_printf (json, "{\"_id\": \"project:%s:%s\", \"type\": \"project\", \"schema\": 1,"
                   " \"call\": \"%s\", \"code\": \"%s\", \"title\": {\"th\": \"โครงการ %s\"},"
                   " \"organisation\": \"มูลนิธิ\", \"province\": \"TH-50\", \"domains\": [\"environment\"],"
                   " \"partners\": [], \"budget_thb\": 1000, \"duration_months\": 6, \"assigned\": [",
                   call, code, call, code, code);
  for (guint v = 0; v < G_N_ELEMENTS (progress_evaluators); v++)
    if (assigned_mask & (1u << v))
      g_string_append_printf (json, "%s\"%s\"", json->str[json->len - 1] == '[' ? "" : ", ",
                              progress_evaluators[v]);
  g_string_append (json, "]}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* An evaluator's progress in a call (their projects, their submitted
 * evaluations) is kept as the store changes, whatever the order: a
 * project stored after its evaluations, assignments changed, projects and
 * evaluations removed; then rows changed in ways the store itself never
 * does (a project's code, an evaluation's evaluator).  After every step
 * the kept counts are what counting the tables gives.
 */
static void
test_progress_counts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (fixture->path, &error);
  const char *codes[] = { "p1", "p2", "p3" };
  guint n_saved = 0;
  gint64 most = 0;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_test_summary ("The evaluators' progress kept by triggers matches a count of the tables");

  for (guint step = 0; step < 240; step++)
    {
      const char *call = progress_calls[g_test_rand_int_range (0, G_N_ELEMENTS (progress_calls))];
      const char *code = codes[g_test_rand_int_range (0, G_N_ELEMENTS (codes))];
      const char *evaluator = progress_evaluators[g_test_rand_int_range (0, G_N_ELEMENTS (progress_evaluators))];
      g_autofree char *project_id = g_strdup_printf ("project:%s:%s", call, code);
      g_autofree char *evaluation_id = g_strdup_printf ("evaluation:%s:%s:%s", call, code, evaluator);

      switch (g_test_rand_int_range (0, 5))
        {
        case 0:
          {
            g_autofree char *json = progress_project_json (call, code, g_test_rand_int_range (0, 8));

            put_json (store, json);
          }
          break;

        case 1:
          if (!nawat_store_delete_document (store, project_id, &error))
            g_clear_error (&error);
          break;

        case 2:
        case 3:
          {
            g_autoptr(NawatEvaluation) evaluation = make_evaluation (project_id, evaluator, TRUE);

            if (g_test_rand_bit ())
              nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
            if (nawat_store_save_evaluation (store, evaluation, &error))
              n_saved++;
            g_clear_error (&error);
          }
          break;

        default:
          if (!nawat_store_delete_document (store, evaluation_id, &error))
            g_clear_error (&error);
          break;
        }

      most = MAX (most, assert_progress_counted (fixture->path));
    }
  g_assert_cmpuint (n_saved, >, 0);
  g_assert_cmpint (most, >, 0);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  for (guint step = 0; step < 120; step++)
    {
      const char *sqls[] = {
        "UPDATE OR IGNORE projects SET code = ?2 WHERE pk IN (SELECT pk FROM projects ORDER BY random () LIMIT 1)",
        "UPDATE OR IGNORE projects SET call = ?1 WHERE pk IN (SELECT pk FROM projects ORDER BY random () LIMIT 1)",
        "UPDATE OR IGNORE evaluations SET evaluator = ?3 WHERE id IN (SELECT id FROM evaluations ORDER BY random () LIMIT 1)",
        "UPDATE OR IGNORE evaluations SET status = CASE status WHEN 'draft' THEN 'submitted' ELSE 'draft' END"
        " WHERE id IN (SELECT id FROM evaluations ORDER BY random () LIMIT 1)",
        "UPDATE OR IGNORE evaluations SET project = (SELECT id FROM projects ORDER BY random () LIMIT 1)"
        " WHERE id IN (SELECT id FROM evaluations ORDER BY random () LIMIT 1)",
        "UPDATE OR IGNORE project_assigned SET evaluator = ?3"
        " WHERE code IN (SELECT code FROM project_assigned ORDER BY random () LIMIT 1)",
        "INSERT OR IGNORE INTO project_assigned (call, evaluator, code, pk) SELECT call, ?3, code, pk"
        " FROM projects ORDER BY random () LIMIT 1",
        "DELETE FROM project_assigned WHERE code IN (SELECT code FROM project_assigned ORDER BY random () LIMIT 1)",
        "DELETE FROM projects WHERE pk IN (SELECT pk FROM projects ORDER BY random () LIMIT 1)",
      };
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sqls[g_test_rand_int_range (0, G_N_ELEMENTS (sqls))], -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, progress_calls[g_test_rand_int_range (0, G_N_ELEMENTS (progress_calls))],
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, codes[g_test_rand_int_range (0, G_N_ELEMENTS (codes))], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, progress_evaluators[g_test_rand_int_range (0, G_N_ELEMENTS (progress_evaluators))],
                         -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      assert_progress_counted (fixture->path);
    }
  sqlite3_close (db);
}

/* A store of version 10 counts its evaluators' progress when it opens. */
static void
test_migrate_v10 (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_nawat_store_migrate (db, 10, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO projects (pk, id, call, code, json) VALUES"
                                 " (1, 'project:c1:p1', 'c1', 'p1', '{}'),"
                                 " (2, 'project:c1:p2', 'c1', 'p2', '{}'),"
                                 " (3, 'project:c2:p1', 'c2', 'p1', '{}');"
                                 "INSERT INTO project_assigned (call, evaluator, code, pk) VALUES"
                                 " ('c1', 'somchai', 'p1', 1), ('c1', 'malee', 'p2', 2),"
                                 " ('c2', 'somchai', 'p1', 3);"
                                 "INSERT INTO evaluations (id, project, evaluator, status, json) VALUES"
                                 " ('evaluation:c1:p1:somchai', 'project:c1:p1', 'somchai', 'submitted', '{}'),"
                                 " ('evaluation:c1:p2:somchai', 'project:c1:p2', 'somchai', 'submitted', '{}'),"
                                 " ('evaluation:c1:p2:malee', 'project:c1:p2', 'malee', 'draft', '{}'),"
                                 " ('evaluation:c2:p1:somchai', 'project:c2:p1', 'somchai', 'draft', '{}'),"
                                 " ('evaluation:c3:p1:ann', 'project:c3:p1', 'ann', 'submitted', '{}');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, NAWAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (assert_progress_counted (fixture->path), ==, 6);
  g_assert_cmpint (sql_int (fixture->path, "SELECT submitted_assigned FROM evaluator_progress"
                                           " WHERE call = 'c1' AND evaluator = 'somchai'"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT submitted FROM evaluator_progress"
                                           " WHERE call = 'c1' AND evaluator = 'somchai'"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  setlocale (LC_ALL, "");
  home = g_dir_make_tmp ("nawat-store-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/store/declare-conflict", Fixture, NULL, fixture_setup, test_declare_conflict,
              fixture_teardown);
  g_test_add ("/nawat/store/open-new", Fixture, NULL, fixture_setup, test_open_new, fixture_teardown);
  g_test_add ("/nawat/store/open-async", Fixture, NULL, fixture_setup, test_open_async, fixture_teardown);
  g_test_add ("/nawat/store/migrate-v1", Fixture, NULL, fixture_setup, test_migrate_v1, fixture_teardown);
  g_test_add ("/nawat/store/migrate-v2", Fixture, NULL, fixture_setup, test_migrate_v2, fixture_teardown);
  g_test_add ("/nawat/store/migrate-v5", Fixture, NULL, fixture_setup, test_migrate_v5, fixture_teardown);
  g_test_add ("/nawat/store/migrate-v7", Fixture, NULL, fixture_setup, test_migrate_v7, fixture_teardown);
  g_test_add ("/nawat/store/migrate-v8", Fixture, NULL, fixture_setup, test_migrate_v8, fixture_teardown);
  g_test_add ("/nawat/store/migrate-v9", Fixture, NULL, fixture_setup, test_migrate_v9, fixture_teardown);
  g_test_add ("/nawat/store/progress-counts", Fixture, NULL, fixture_setup, test_progress_counts,
              fixture_teardown);
  g_test_add ("/nawat/store/migrate-v10", Fixture, NULL, fixture_setup, test_migrate_v10, fixture_teardown);
  g_test_add ("/nawat/store/published", Fixture, NULL, fixture_setup, test_published, fixture_teardown);
  g_test_add ("/nawat/store/save-call", Fixture, NULL, fixture_setup, test_save_call, fixture_teardown);
  g_test_add ("/nawat/store/refuse-foreign", Fixture, NULL, fixture_setup, test_refuse_foreign, fixture_teardown);
  g_test_add ("/nawat/store/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/nawat/store/import-file", Fixture, NULL, fixture_setup, test_import_file, fixture_teardown);
  g_test_add ("/nawat/store/import-compact", Fixture, NULL, fixture_setup, test_import_compact,
              fixture_teardown);
  g_test_add ("/nawat/store/import-invalid", Fixture, NULL, fixture_setup, test_import_invalid, fixture_teardown);
  g_test_add ("/nawat/store/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/nawat/store/search-short", Fixture, NULL, fixture_setup, test_search_short, fixture_teardown);
  g_test_add ("/nawat/store/search-many", Fixture, NULL, fixture_setup, test_search_many, fixture_teardown);
  g_test_add ("/nawat/store/save-evaluation", Fixture, NULL, fixture_setup, test_save_evaluation, fixture_teardown);
  g_test_add ("/nawat/store/save-async", Fixture, NULL, fixture_setup, test_save_async, fixture_teardown);
  g_test_add ("/nawat/store/sync-support", Fixture, NULL, fixture_setup, test_sync_support, fixture_teardown);
  g_test_add ("/nawat/store/two-writers-form", Fixture, NULL, fixture_setup, test_two_writers_form,
              fixture_teardown);
  g_test_add ("/nawat/store/two-writers-sync", Fixture, NULL, fixture_setup, test_two_writers_sync,
              fixture_teardown);
  g_test_add ("/nawat/store/pull-into-empty", Fixture, NULL, fixture_setup, test_pull_into_empty, fixture_teardown);
  g_test_add ("/nawat/store/pull-sort-keys-in-runs", Fixture, NULL, fixture_setup,
              test_pull_sort_keys_in_runs, fixture_teardown);
  g_test_add ("/nawat/store/index-later", Fixture, NULL, fixture_setup, test_index_later, fixture_teardown);
  g_test_add ("/nawat/store/last-sync", Fixture, NULL, fixture_setup, test_last_sync, fixture_teardown);
  g_test_add ("/nawat/store/pull-refused-reported", Fixture, NULL, fixture_setup,
              test_pull_refused_reported, fixture_teardown);
  g_test_add ("/nawat/store/call-rubric", Fixture, NULL, fixture_setup, test_call_rubric,
              fixture_teardown);
  g_test_add ("/nawat/store/open-reader", Fixture, NULL, fixture_setup, test_open_reader,
              fixture_teardown);
  g_test_add_func ("/nawat/store/grams", test_grams);
  g_test_add_func ("/nawat/store/grams-random", test_grams_random);
  g_test_add_func ("/nawat/store/casefold", test_casefold);
  g_test_add_func ("/nawat/store/sort-key", test_sort_key);
  g_test_add_func ("/nawat/store/default-path", test_default_path);

  ret = g_test_run ();

  remove_tree (home);
  return ret;
}
