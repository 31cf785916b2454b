/* nawat-store.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-merge.h"
#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-store-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

/* Files larger than this skip PRAGMA quick_check at open: it reads every
 * page, and the start-up time must not grow with the store.  SQLite still
 * reports damaged pages (SQLITE_CORRUPT) whenever it reads them.
 */
#define QUICK_CHECK_MAX_SIZE (8 * 1024 * 1024)
/* How long a connection waits for another (a process or a thread) that
 * holds the write lock before it reports the store busy.
 */
#define STORE_BUSY_TIMEOUT_MS 5000

struct _NawatStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;

  /* Serialises the use of the cached statements and keeps transactions
   * whole when the store is used from several threads.
   */
  GMutex       lock;
  GHashTable  *statements;
  GHashTable  *rubrics;

  /* An import into an empty store: the search index is built at the end. */
  gboolean     defer_fts;
  /* After a pull into an empty store, the search index catches up in
   * short transactions: the projects after this key are not in it yet
   * (-1: every project is).  PULL_FTS_MARKER keeps it across restarts.
   */
  gint64       index_upto;
  /* whether index_upto is -1, read without the lock */
  gint         index_complete;
  /* the thread that catches the index up, and its stop request */
  GMutex       indexer_lock;
  GThread     *indexer;
  gint         indexer_stop;

  /* Saves asked for by nawat_store_save_evaluation_async(), made one at a
   * time in the order asked for, and how many are not made yet.
   */
  GMutex       saves_lock;
  GCond        saves_done;
  GThreadPool *saves;
  guint        n_saves;
};

/* A row of the checkpoints table that no database name can take (they
 * start with a letter), present while the search index catches up after a
 * pull into an empty store: its value is the key of the last project in
 * the index.
 */
#define PULL_FTS_MARKER "#search-index-pending"
/* Projects added to the index in one transaction: a few tens of
 * milliseconds of work, so that an autosave waits no longer.
 */
#define INDEX_CHUNK 200
/* Pages of each search index one step of merging writes: a step held the
 * store 7 ms a table, at most 45, with 20,000 projects.
 */
#define MERGE_PAGES 100

static void nawat_store_initable_iface_init       (GInitableIface      *iface);
static void nawat_store_async_initable_iface_init (GAsyncInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NawatStore, nawat_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      nawat_store_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE,
                                                      nawat_store_async_initable_iface_init))

G_DEFINE_QUARK (nawat-store-error-quark, nawat_store_error)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROJECT_CHANGED,
  RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A statement taken from the cache; reset when it goes out of scope so that
 * no read transaction stays open.
 */
typedef sqlite3_stmt StoreStmt;

static void
store_stmt_release (StoreStmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreStmt, store_stmt_release)

/* Schema */

static const char *migration_1 =
  "CREATE TABLE calls ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  year_be INTEGER,"
  "  json TEXT NOT NULL);"
  "CREATE TABLE rubrics ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  json TEXT NOT NULL);"
  "CREATE TABLE projects ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  call TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  title_th TEXT,"
  "  title_en TEXT,"
  "  sort_th TEXT NOT NULL DEFAULT '',"
  "  sort_en TEXT NOT NULL DEFAULT '',"
  "  organisation TEXT,"
  "  province TEXT,"
  "  region TEXT,"
  "  primary_domain TEXT,"
  "  domain_mask INTEGER NOT NULL DEFAULT 0,"
  "  json TEXT NOT NULL);"
  "CREATE UNIQUE INDEX projects_call_code ON projects (call, code);"
  "CREATE INDEX projects_call_sort_th ON projects (call, sort_th, code);"
  "CREATE INDEX projects_call_sort_en ON projects (call, sort_en, code);"
  "CREATE INDEX projects_call_region ON projects (call, region, code);"
  "CREATE INDEX projects_call_province ON projects (call, province, code);"
  "CREATE TABLE evaluations ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  project TEXT NOT NULL,"
  "  evaluator TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  composite REAL,"
  "  completeness REAL NOT NULL DEFAULT 0,"
  "  conflict INTEGER NOT NULL DEFAULT 0,"
  "  json TEXT NOT NULL,"
  "  rev TEXT,"
  "  dirty INTEGER NOT NULL DEFAULT 0,"
  "  updated TEXT);"
  "CREATE UNIQUE INDEX evaluations_project_evaluator ON evaluations (project, evaluator);"
  "CREATE INDEX evaluations_evaluator_status ON evaluations (evaluator, status);"
  "CREATE VIRTUAL TABLE project_fts USING fts5 ("
  "  title_th, title_en, summary_th, summary_en, organisation, partners,"
  "  tokenize = 'trigram case_sensitive 0');";

/* Version 2 prepares the store for sync: the merge base of each evaluation,
 * a fast outbox, conflicts, quarantine and pull checkpoints.
 */
static const char *migration_2 =
  "ALTER TABLE evaluations ADD COLUMN base_json TEXT;"
  /* A store-wide write sequence: lists catch up on what changed since. */
  "ALTER TABLE evaluations ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX evaluations_seq ON evaluations (seq);"
  "CREATE INDEX evaluations_dirty ON evaluations (dirty) WHERE dirty != 0;"
  "CREATE TABLE conflicts ("
  "  evaluation TEXT NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,"
  "  field TEXT NOT NULL,"
  "  local_json TEXT,"
  "  remote_json TEXT,"
  "  PRIMARY KEY (evaluation, field));"
  "CREATE TABLE quarantine ("
  "  doc_id TEXT PRIMARY KEY NOT NULL,"
  "  json TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  time TEXT NOT NULL);"
  "CREATE TABLE checkpoints ("
  "  database TEXT PRIMARY KEY NOT NULL,"
  "  seq_json TEXT NOT NULL);"
  /* The short texts of each project, casefolded, for queries of one or
   * two characters that the trigram index cannot answer: scanning them is
   * much cheaper than scanning the summaries too.
   */
  "CREATE TABLE project_text ("
  "  pk INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL);"
  "INSERT INTO project_text (pk, text) SELECT rowid, lower (coalesce (title_th, '') || char (10) ||"
  "  coalesce (title_en, '') || char (10) || coalesce (organisation, '') || char (10) ||"
  "  coalesce (partners, '')) FROM project_fts;"
  /* The number of projects of each call, so that opening a whole call
   * does not count 400,000 rows.
   */
  "CREATE TABLE project_counts ("
  "  call TEXT PRIMARY KEY NOT NULL,"
  "  n INTEGER NOT NULL);"
  "INSERT INTO project_counts (call, n) SELECT call, count(*) FROM projects GROUP BY call;"
  "CREATE TRIGGER projects_count_insert AFTER INSERT ON projects BEGIN"
  "  INSERT INTO project_counts (call, n) VALUES (new.call, 1)"
  "  ON CONFLICT (call) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER projects_count_delete AFTER DELETE ON projects BEGIN"
  "  UPDATE project_counts SET n = n - 1 WHERE call = old.call;"
  "END;"
  "CREATE TRIGGER projects_count_update AFTER UPDATE OF call ON projects"
  "  WHEN old.call != new.call BEGIN"
  "  UPDATE project_counts SET n = n - 1 WHERE call = old.call;"
  "  INSERT INTO project_counts (call, n) VALUES (new.call, 1)"
  "  ON CONFLICT (call) DO UPDATE SET n = n + 1;"
  "END;";

/* Version 3 keeps the lists and the search off the documents.  The list
 * reads and sorts a slim copy of the columns it shows, a few hundred bytes
 * a row, so that sorting a thousand matches reads a few hundred pages, not
 * a thousand documents.  The search index no longer keeps its own copy of
 * the texts: its content is a view over the documents (external content),
 * which it reads only to be rebuilt or to delete a row's old terms.
 */
static const char *migration_3 =
  "CREATE TABLE project_list ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL,"
  "  call TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  title_th TEXT,"
  "  title_en TEXT,"
  "  sort_th TEXT NOT NULL DEFAULT '',"
  "  sort_en TEXT NOT NULL DEFAULT '',"
  "  organisation TEXT,"
  "  province TEXT,"
  "  region TEXT,"
  "  primary_domain TEXT,"
  "  domain_mask INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO project_list SELECT pk, id, call, code, title_th, title_en, sort_th, sort_en,"
  "  organisation, province, region, primary_domain, domain_mask FROM projects ORDER BY pk;"
  "CREATE INDEX project_list_call_code ON project_list (call, code);"
  "CREATE INDEX project_list_call_sort_th ON project_list (call, sort_th, code);"
  "CREATE INDEX project_list_call_sort_en ON project_list (call, sort_en, code);"
  "CREATE INDEX project_list_call_region ON project_list (call, region, code);"
  "CREATE INDEX project_list_call_province ON project_list (call, province, code);"
  /* A search's matches come as keys; this orders a thousand of them by
   * code, and checks their call, from a hundred-odd pages.
   */
  "CREATE INDEX project_list_order_code ON project_list (pk, call, code);"
  "DROP INDEX projects_call_sort_th;"
  "DROP INDEX projects_call_sort_en;"
  "DROP INDEX projects_call_region;"
  "DROP INDEX projects_call_province;"
  "DROP TABLE project_fts;"
  /* The partners' names, one a line (json_each cannot run inside the
   * index's rebuild).
   */
  "CREATE TABLE project_partners ("
  "  pk INTEGER PRIMARY KEY,"
  "  names TEXT);"
  "INSERT INTO project_partners (pk, names) SELECT p.pk,"
  "  (SELECT group_concat (json_extract (j.value, '$.name'), char (10))"
  "   FROM json_each (p.json, '$.partners') AS j) FROM projects AS p ORDER BY p.pk;"
  "CREATE VIEW project_fts_src (pk, title_th, title_en, summary_th, summary_en,"
  "  organisation, partners) AS"
  "  SELECT p.pk, p.title_th, p.title_en, json_extract (p.json, '$.summary.th'),"
  "  json_extract (p.json, '$.summary.en'), p.organisation, n.names"
  "  FROM projects AS p LEFT JOIN project_partners AS n ON n.pk = p.pk;"
  "CREATE VIRTUAL TABLE project_fts USING fts5 ("
  "  title_th, title_en, summary_th, summary_en, organisation, partners,"
  "  content = 'project_fts_src', content_rowid = 'pk',"
  "  tokenize = 'trigram case_sensitive 0');"
  "INSERT INTO project_fts (project_fts) VALUES ('rebuild');";

/* Version 4 answers words of one or two characters, which trigrams cannot,
 * from an index of their own: every character and every pair of
 * characters of the short texts (project_text), as nawat_grams() writes
 * them.  It keeps no copy of the texts, nor positions, so it stays small,
 * and a word of any frequency is found by reading its own list of
 * projects, not by scanning the texts.  Projects a pull's catching up has
 * not reached yet stay out of it, as they stay out of the trigram index.
 */
static const char *migration_4 =
  "CREATE VIRTUAL TABLE project_grams USING fts5 ("
  "  grams, content = '', detail = 'none', tokenize = 'ascii');"
  "INSERT INTO project_grams (rowid, grams) SELECT pk, nawat_grams (text) FROM project_text"
  "  WHERE pk <= coalesce ((SELECT CAST (seq_json AS INTEGER) FROM checkpoints"
  "  WHERE database = '" PULL_FTS_MARKER "'), 9223372036854775807);";

static void
sql_grams (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, _nawat_search_grams (text, sqlite3_value_bytes (argv[0])),
                         -1, g_free);
}

/* The functions of the store's own SQL; the readers of other connections
 * do not need them.
 */
static gboolean
_nawat_store_register_functions (sqlite3  *db,
                                 GError  **error)
{
  int rc = sqlite3_create_function_v2 (db, "nawat_grams", 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                       NULL, sql_grams, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, db, rc, sqlite3_db_filename (db, "main"));
      return FALSE;
    }

  return TRUE;
}

void
_nawat_store_set_error (GError     **error,
                        sqlite3     *db,
                        int          rc,
                        const char  *path)
{
  int code = NAWAT_STORE_ERROR_FAILED;
  int primary = rc & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = NAWAT_STORE_ERROR_CORRUPT;

  if (primary == SQLITE_BUSY)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_BUSY,
                   _("The store “%s” is busy: another program kept it locked for too long; "
                     "nothing was changed, try again"),
                   path ? path : ":memory:");
      return;
    }

  g_set_error (error, NAWAT_STORE_ERROR, code,
               _("Database error in “%s”: %s"),
               path ? path : ":memory:",
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static gboolean
_nawat_store_exec_sql (sqlite3     *db,
                       const char  *sql,
                       GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, db, rc, sqlite3_db_filename (db, "main"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
_nawat_store_query_int (sqlite3     *db,
                        const char  *sql,
                        gint64      *value,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }

  _nawat_store_set_error (error, db, rc, sqlite3_db_filename (db, "main"));
  sqlite3_finalize (stmt);
  return FALSE;
}

gboolean
_nawat_store_migrate (sqlite3     *db,
                      int          version,
                      GError     **error)
{
  const char *steps[] = { NULL, migration_1, migration_2, migration_3, migration_4 };
  gint64 current = 0;
  g_autofree char *set_version = NULL;
  g_autofree char *set_id = NULL;

  g_return_val_if_fail (version > 0 && version <= NAWAT_STORE_SCHEMA_VERSION, FALSE);

  /* Up to date: no write lock, so that the CLI opens a store the
   * application is writing to without waiting.
   */
  if (!_nawat_store_query_int (db, "PRAGMA user_version", &current, error))
    return FALSE;
  if (current >= version)
    return TRUE;

  if (!_nawat_store_register_functions (db, error))
    return FALSE;

  if (!_nawat_store_exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!_nawat_store_query_int (db, "PRAGMA user_version", &current, error))
    goto fail;

  for (int v = current + 1; v <= version; v++)
    if (!_nawat_store_exec_sql (db, steps[v], error))
      goto fail;

  if (current < version)
    {
      set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
      set_id = g_strdup_printf ("PRAGMA application_id = %d", NAWAT_STORE_APPLICATION_ID);
      if (!_nawat_store_exec_sql (db, set_version, error) ||
          !_nawat_store_exec_sql (db, set_id, error))
        goto fail;
    }

  return _nawat_store_exec_sql (db, "COMMIT", error);

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Opening */

static gboolean
check_header (const char  *path,
              gboolean    *exists,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16];
  gsize n_read = 0;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          *exists = FALSE;
          return TRUE;
        }
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  *exists = TRUE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header,
                                &n_read, NULL, &local_error))
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  /* SQLite treats an empty file as a new database. */
  if (n_read == 0)
    return TRUE;

  if (n_read < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Nawat store: it is not an SQLite database"),
                   path);
      return FALSE;
    }

  return TRUE;
}

/* Checks, through a read-only connection, that an existing database is a
 * healthy Nawat store this version can use; nothing is written to it.
 */
static gboolean
check_existing (const char  *path,
                GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;
  g_autofree char *wal = NULL;
  g_autofree char *uri = NULL;
  gboolean ok = FALSE;
  GStatBuf st;
  int rc;

  /* Without a write-ahead log the main file holds everything: read it as
   * immutable, so that not even a -shm or -wal file appears next to it.
   */
  wal = g_strconcat (path, "-wal", NULL);
  if (!g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      if (file_uri != NULL)
        uri = g_strconcat (file_uri, "?immutable=1", NULL);
    }

  rc = sqlite3_open_v2 (uri ? uri : path, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, db, rc, path);
      goto out;
    }
  /* Another process may be writing, or closing the log: wait for it as
   * the store's own connection does.
   */
  sqlite3_busy_timeout (db, STORE_BUSY_TIMEOUT_MS);

  if (!_nawat_store_query_int (db, "PRAGMA application_id", &app_id, error) ||
      !_nawat_store_query_int (db, "PRAGMA user_version", &version, error) ||
      !_nawat_store_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    {
      if (error && *error && (*error)->code == NAWAT_STORE_ERROR_CORRUPT)
        {
          g_clear_error (error);
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be opened"), path);
        }
      goto out;
    }

  if (app_id == 0 && version == 0 && n_objects == 0)
    {
      ok = TRUE;
      goto out;
    }

  if (app_id != NAWAT_STORE_APPLICATION_ID)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another application, not a Nawat store"),
                   path);
      goto out;
    }

  if (version > NAWAT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Nawat (schema %d, this version reads %d)"),
                   path, (int) version, NAWAT_STORE_SCHEMA_VERSION);
      goto out;
    }

  if (g_stat (path, &st) == 0 && st.st_size <= QUICK_CHECK_MAX_SIZE)
    {
      const char *result = NULL;

      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        result = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (result, "ok") != 0)
        {
          g_autofree char *reason = NULL;
          const char *first = result ? result : sqlite3_errmsg (db);

          /* quick_check lists every damaged page: the first one will do. */
          if (g_str_has_prefix (first, "***") && strchr (first, '\n') != NULL)
            first = strchr (first, '\n') + 1;
          reason = g_strndup (first, strcspn (first, "\n"));
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: %s"), path, reason);
          goto out;
        }
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* Under the lock. */
static void
_nawat_store_set_index_upto (NawatStore *self,
                             gint64      upto)
{
  self->index_upto = upto;
  g_atomic_int_set (&self->index_complete, upto < 0);
}

static gboolean
nawat_store_initable_init (GInitable     *initable,
                           GCancellable  *cancellable,
                           GError       **error)
{
  NawatStore *self = NAWAT_STORE (initable);
  gboolean exists = FALSE;
  gint64 upto = -1;
  int rc;

  g_return_val_if_fail (self->path != NULL, FALSE);

  if (self->db != NULL)
    return TRUE;

  if (g_strcmp0 (self->path, ":memory:") != 0)
    {
      if (!check_header (self->path, &exists, error))
        return FALSE;
      if (exists && !check_existing (self->path, error))
        return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, STORE_BUSY_TIMEOUT_MS);
  if (!_nawat_store_register_functions (self->db, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  /* synchronous=FULL syncs the WAL at every commit: an acknowledged save
   * survives a power cut, not only a killed process.
   */
  if (!_nawat_store_exec_sql (self->db,
                              "PRAGMA journal_mode = WAL;"
                              "PRAGMA synchronous = FULL;"
                              "PRAGMA foreign_keys = ON;"
                              "PRAGMA cache_size = -32768;"
                              /* Checkpoints copy the log into the database and sync it
                               * twice.  Pulling 20,000 projects spent 1.05 s committing
                               * with one every 4 MB of log, 0.81 s every 16 MB and 0.73 s
                               * every 40 MB.
                               */
                              "PRAGMA wal_autocheckpoint = 8192;"
                              /* The savepoint around each pulled document journals the
                               * pages it changes: in memory, not once more on disk.
                               */
                              "PRAGMA temp_store = MEMORY;",
                              error) ||
      !_nawat_store_migrate (self->db, NAWAT_STORE_SCHEMA_VERSION, error) ||
      /* 'null', from an older pull that left the whole index for later,
       * is 0: no project is in the index.
       */
      !_nawat_store_query_int (self->db, "SELECT coalesce ((SELECT CAST (seq_json AS INTEGER) "
                               "FROM checkpoints WHERE database = '" PULL_FTS_MARKER "'), -1)",
                               &upto, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  _nawat_store_set_index_upto (self, upto);

  return TRUE;
}

static void
nawat_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = nawat_store_initable_init;
}

static void
nawat_store_async_initable_iface_init (GAsyncInitableIface *iface)
{
  /* The default implementation runs GInitable.init in a thread. */
}

static void _nawat_store_indexer_stop (NawatStore *self);

static void
nawat_store_dispose (GObject *object)
{
  _nawat_store_indexer_stop (NAWAT_STORE (object));

  G_OBJECT_CLASS (nawat_store_parent_class)->dispose (object);
}

static void
nawat_store_finalize (GObject *object)
{
  NawatStore *self = (NawatStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->rubrics, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->indexer_lock);
  /* Every save is made: each held a reference.  This may run on the pool's
   * own thread, which must not wait for itself.
   */
  if (self->saves != NULL)
    g_thread_pool_free (self->saves, FALSE, FALSE);
  g_mutex_clear (&self->saves_lock);
  g_cond_clear (&self->saves_done);

  G_OBJECT_CLASS (nawat_store_parent_class)->finalize (object);
}

static void
nawat_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NawatStore *self = NAWAT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_store_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NawatStore *self = NAWAT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_store_class_init (NawatStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nawat_store_dispose;
  object_class->finalize = nawat_store_finalize;
  object_class->get_property = nawat_store_get_property;
  object_class->set_property = nawat_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NawatStore::project-changed:
   * @self: the store
   * @project_id: the id of the project
   *
   * Emitted after a committed write changed a project or one of its
   * evaluations.  It is emitted on the thread that wrote, which may not be
   * the main thread: handlers hop to their own context.
   */
  signals[PROJECT_CHANGED] =
    g_signal_new ("project-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * NawatStore::reset:
   * @self: the store
   *
   * Emitted after a committed write that changed many documents (an
   * import): every list over the store should be read again.  Like
   * #NawatStore::project-changed it is emitted on the writing thread.
   */
  signals[RESET] =
    g_signal_new ("reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
store_stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
nawat_store_init (NawatStore *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->indexer_lock);
  g_mutex_init (&self->saves_lock);
  g_cond_init (&self->saves_done);
  _nawat_store_set_index_upto (self, -1);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            store_stmt_finalize);
  self->rubrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
_nawat_store_emit_project_changed (NawatStore *self,
                                   const char *project_id)
{
  g_signal_emit (self, signals[PROJECT_CHANGED], 0, project_id);
}

static void
_nawat_store_emit_reset (NawatStore *self)
{
  g_signal_emit (self, signals[RESET], 0);
}

NawatStore *
nawat_store_open (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (NAWAT_TYPE_STORE, NULL, error, "path", path, NULL);
}

const char *
nawat_store_get_path (NawatStore *self)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  return self->path;
}

char *
nawat_store_dup_default_path (const char *profile)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "nawat", NULL);
  g_autofree char *name = NULL;

  if (profile == NULL || *profile == '\0')
    profile = "demo";

  g_mkdir_with_parents (dir, 0700);
  name = g_strconcat (profile, ".db", NULL);

  return g_build_filename (dir, name, NULL);
}

/* Statements */

static StoreStmt *
store_prepare (NawatStore  *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
store_step_done (NawatStore    *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
store_exec (NawatStore  *self,
            const char  *sql,
            GError     **error)
{
  StoreStmt *stmt = store_prepare (self, sql, error);

  return stmt != NULL && store_step_done (self, stmt, error);
}

static void
bind_text_static (sqlite3_stmt *stmt,
                  int           column,
                  const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static void
rollback (NawatStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Rubrics */

static NawatRubric *
_nawat_store_lookup_rubric (NawatStore *self,
                            const char *id)
{
  NawatRubric *rubric;
  g_autoptr(StoreStmt) stmt = NULL;

  if (id == NULL)
    return NULL;

  rubric = g_hash_table_lookup (self->rubrics, id);
  if (rubric != NULL)
    return rubric;

  stmt = store_prepare (self, "SELECT json FROM rubrics WHERE id = ?", NULL);
  if (stmt != NULL)
    {
      bind_text_static (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(NawatDocument) doc =
            nawat_codec_from_data ((const char *) sqlite3_column_text (stmt, 0), -1, NULL);

          if (doc != NULL && NAWAT_IS_RUBRIC (doc))
            rubric = NAWAT_RUBRIC (g_steal_pointer (&doc));
        }
    }

  if (rubric == NULL && g_strcmp0 (id, NAWAT_DEFAULT_RUBRIC_ID) == 0)
    {
      rubric = nawat_rubric_get_default ();
      if (rubric != NULL)
        g_object_ref (rubric);
    }

  if (rubric != NULL)
    g_hash_table_insert (self->rubrics, g_strdup (id), rubric);

  return rubric;
}

/* Writing documents; the caller holds the lock and a transaction. */

static gboolean
put_call (NawatStore  *self,
          NawatCall   *call,
          const char  *json,
          GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  stmt = store_prepare (self,
                        "INSERT INTO calls (id, year_be, json) VALUES (?, ?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET year_be = excluded.year_be, "
                        "json = excluded.json",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, nawat_document_get_id (NAWAT_DOCUMENT (call)));
  sqlite3_bind_int (stmt, 2, nawat_call_get_year_be (call));
  bind_text_static (stmt, 3, json);

  return store_step_done (self, stmt, error);
}

static gboolean
put_rubric (NawatStore   *self,
            NawatRubric  *rubric,
            const char   *json,
            GError      **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (rubric));

  stmt = store_prepare (self,
                        "INSERT INTO rubrics (id, json) VALUES (?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET json = excluded.json",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, id);
  bind_text_static (stmt, 2, json);
  if (!store_step_done (self, stmt, error))
    return FALSE;

  g_hash_table_replace (self->rubrics, g_strdup (id), g_object_ref (rubric));
  return TRUE;
}

static char *
join_partners (NawatProject *project)
{
  GPtrArray *partners = nawat_project_get_partners (project);
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      const NawatPartner *partner = g_ptr_array_index (partners, i);

      if (partner->name == NULL)
        continue;
      if (str->len > 0)
        g_string_append_c (str, '\n');
      g_string_append (str, partner->name);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* The key of the last project in the search index: those after it are
 * left to the catching up (or, during an import, to the rebuild at its end).
 */
static gint64
caught_up_to (NawatStore *self)
{
  return self->index_upto >= 0 ? self->index_upto : G_MAXINT64;
}

static gint64
indexed_upto (NawatStore *self)
{
  return self->defer_fts ? 0 : caught_up_to (self);
}

/* Take the terms of the project with id ?1, as stored, out of the search
 * indexes, if they are in them (key up to ?2): terms never added must not
 * be taken out.
 */
static const char * const delete_terms_sql[] = {
  "INSERT INTO project_fts (project_fts, rowid, title_th, title_en, summary_th, summary_en, "
  "organisation, partners) SELECT 'delete', pk, title_th, title_en, summary_th, summary_en, "
  "organisation, partners FROM project_fts_src "
  "WHERE pk = (SELECT pk FROM projects WHERE id = ?1) AND pk <= ?2",
  "INSERT INTO project_grams (project_grams, rowid, grams) SELECT 'delete', pk, "
  "nawat_grams (text) FROM project_text "
  "WHERE pk = (SELECT pk FROM projects WHERE id = ?1) AND pk <= ?2",
};

/* Put the terms of the projects with keys in (?1, ?2] into the search
 * indexes.
 */
static const char * const add_terms_sql[] = {
  "INSERT INTO project_fts (rowid, title_th, title_en, summary_th, summary_en, organisation, "
  "partners) SELECT pk, title_th, title_en, summary_th, summary_en, organisation, partners "
  "FROM project_fts_src WHERE pk > ?1 AND pk <= ?2",
  "INSERT INTO project_grams (rowid, grams) SELECT pk, nawat_grams (text) FROM project_text "
  "WHERE pk > ?1 AND pk <= ?2",
};

static gboolean
_nawat_store_add_terms (NawatStore  *self,
                        gint64       after,
                        gint64       upto,
                        GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (add_terms_sql); i++)
    {
      g_autoptr(StoreStmt) stmt = store_prepare (self, add_terms_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, after);
      sqlite3_bind_int64 (stmt, 2, upto);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
delete_project_terms (NawatStore  *self,
                      const char  *id,
                      GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (delete_terms_sql); i++)
    {
      g_autoptr(StoreStmt) stmt = store_prepare (self, delete_terms_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      bind_text_static (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, indexed_upto (self));
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
put_project (NawatStore    *self,
             NawatProject  *project,
             const char    *json,
             GError       **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  const NawatText *title = nawat_project_get_title (project);
  const char * const *domains = nawat_project_get_domains (project);
  const char *title_th = title ? title->th : NULL;
  const char *title_en = title ? title->en : NULL;
  const NawatProvince *province = NULL;
  g_autofree char *sort_th = NULL;
  g_autofree char *sort_en = NULL;
  g_autofree char *partners = NULL;
  gint64 mask = 0;
  gint64 pk;

  if (nawat_project_get_province (project) != NULL)
    province = nawat_province_lookup (nawat_project_get_province (project));

  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    {
      int index = nawat_domain_index (domains[i]);

      if (index >= 0)
        mask |= G_GINT64_CONSTANT (1) << index;
    }

  sort_th = _nawat_sort_key (title_th ? title_th : title_en);
  sort_en = _nawat_sort_key (title_en ? title_en : title_th);

  /* The index keeps no copy of the texts: the terms of the version being
   * replaced are taken out while it is still stored.
   */
  if (!delete_project_terms (self, nawat_document_get_id (NAWAT_DOCUMENT (project)), error))
    return FALSE;

  stmt = store_prepare (self,
                        "INSERT INTO projects (id, call, code, title_th, title_en, "
                        "sort_th, sort_en, organisation, province, region, "
                        "primary_domain, domain_mask, json) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET call = excluded.call, "
                        "code = excluded.code, title_th = excluded.title_th, "
                        "title_en = excluded.title_en, sort_th = excluded.sort_th, "
                        "sort_en = excluded.sort_en, organisation = excluded.organisation, "
                        "province = excluded.province, region = excluded.region, "
                        "primary_domain = excluded.primary_domain, "
                        "domain_mask = excluded.domain_mask, json = excluded.json "
                        "RETURNING pk",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, nawat_document_get_id (NAWAT_DOCUMENT (project)));
  bind_text_static (stmt, 2, nawat_project_get_call (project));
  bind_text_static (stmt, 3, nawat_project_get_code (project));
  bind_text_static (stmt, 4, title_th);
  bind_text_static (stmt, 5, title_en);
  bind_text_static (stmt, 6, sort_th);
  bind_text_static (stmt, 7, sort_en);
  bind_text_static (stmt, 8, nawat_project_get_organisation (project));
  bind_text_static (stmt, 9, nawat_project_get_province (project));
  bind_text_static (stmt, 10, province ? province->region : NULL);
  bind_text_static (stmt, 11, domains ? domains[0] : NULL);
  sqlite3_bind_int64 (stmt, 12, mask);
  bind_text_static (stmt, 13, json);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, sqlite3_reset (stmt), self->path);
      return FALSE;
    }
  pk = sqlite3_column_int64 (stmt, 0);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  stmt = store_prepare (self,
                        "INSERT OR REPLACE INTO project_list (pk, id, call, code, title_th, "
                        "title_en, sort_th, sort_en, organisation, province, region, "
                        "primary_domain, domain_mask) SELECT pk, id, call, code, title_th, "
                        "title_en, iif (pk > ?2, '', sort_th), iif (pk > ?2, '', sort_en), "
                        "organisation, province, region, primary_domain, domain_mask "
                        "FROM projects WHERE pk = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  /* A bulk load leaves the order by title to the catching up too: it
   * would insert at random places in the list's indexes by title, and
   * rewrite most of their pages with each batch.  (An import sorts them
   * at once.)
   */
  sqlite3_bind_int64 (stmt, 2, caught_up_to (self));
  if (!store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  partners = join_partners (project);
  {
    g_autofree char *joined = g_strjoin ("\n", title_th ? title_th : "", title_en ? title_en : "",
                                         nawat_project_get_organisation (project)
                                           ? nawat_project_get_organisation (project) : "",
                                         partners, NULL);
    g_autofree char *folded = _nawat_casefold (joined);

    stmt = store_prepare (self, "INSERT OR REPLACE INTO project_text (pk, text) VALUES (?, ?)",
                          error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, pk);
    bind_text_static (stmt, 2, folded);
    if (!store_step_done (self, stmt, error))
      return FALSE;
    g_clear_pointer (&stmt, store_stmt_release);
  }

  stmt = store_prepare (self,
                        "INSERT OR REPLACE INTO project_partners (pk, names) VALUES (?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  bind_text_static (stmt, 2, *partners != '\0' ? partners : NULL);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  /* A bulk load into an empty store builds the indexes after it. */
  if (pk > indexed_upto (self))
    return TRUE;

  return _nawat_store_add_terms (self, pk - 1, pk, error);
}

static gboolean
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
static gboolean
_nawat_store_put_evaluation (NawatStore       *self,
                             NawatEvaluation  *evaluation,
                             const char       *json,
                             gboolean          local,
                             GError          **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
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

/* Stores @document; @text, when not NULL, is its JSON as the server sent
 * it.
 */
static gboolean
_nawat_store_put_document (NawatStore     *self,
                           NawatDocument  *document,
                           const char     *text,
                           GError        **error)
{
  g_autofree char *json = NULL;

  /* A project's text as it came is as good as the codec's, and writing it
   * again is a good part of a pull's time.  An evaluation's is always the
   * codec's: it is compared with the texts of its later versions.
   */
  if (NAWAT_IS_PROJECT (document) && text != NULL)
    return put_project (self, NAWAT_PROJECT (document), text, error);

  json = nawat_codec_to_data (document, NULL);
  if (NAWAT_IS_PROJECT (document))
    return put_project (self, NAWAT_PROJECT (document), json, error);
  if (NAWAT_IS_EVALUATION (document))
    return _nawat_store_put_evaluation (self, NAWAT_EVALUATION (document), json, FALSE, error);
  if (NAWAT_IS_CALL (document))
    return put_call (self, NAWAT_CALL (document), json, error);
  if (NAWAT_IS_RUBRIC (document))
    return put_rubric (self, NAWAT_RUBRIC (document), json, error);

  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
               _("%s: type: unknown document type"),
               nawat_document_get_id (document));
  return FALSE;
}

gboolean
nawat_store_put_documents (NawatStore  *self,
                           GPtrArray   *documents,
                           GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  g_mutex_lock (&self->lock);

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    goto fail;

  for (guint i = 0; i < documents->len; i++)
    if (!_nawat_store_put_document (self, g_ptr_array_index (documents, i), NULL, error))
      goto fail;

  if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);
  _nawat_store_emit_reset (self);
  return TRUE;

fail:
  rollback (self);
  g_hash_table_remove_all (self->rubrics);
  g_mutex_unlock (&self->lock);
  return FALSE;
}

/* Import */

static gint64 _nawat_store_count (NawatStore *self,
                                  const char *sql);

typedef struct
{
  NawatStore *self;
  GPtrArray  *problems;
  /* evaluations whose rubric may come later in the batch */
  GPtrArray  *evaluations;
  guint       n_imported;
  /* added to the codec's offsets to make them offsets in the file */
  gint64      shift;
} ImportState;

/* Records that the file holds @id at @offset; a second document with the
 * same id is a problem (the last one would otherwise win silently).
 */
static gboolean
import_note_id (ImportState  *state,
                const char   *id,
                gint64        offset,
                GError      **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  NawatStore *self = state->self;

  stmt = store_prepare (self, "INSERT OR IGNORE INTO temp.import_ids (id, offset) VALUES (?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, offset);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  g_clear_pointer (&stmt, store_stmt_release);
  stmt = store_prepare (self, "SELECT offset FROM temp.import_ids WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, sqlite3_reset (stmt), self->path);
      return FALSE;
    }

  g_ptr_array_add (state->problems,
                   g_strdup_printf (_("%s: _id: at byte %lu: the document is given twice in "
                                      "the file (first at byte %lu)"),
                                    id, (unsigned long) offset,
                                    (unsigned long) sqlite3_column_int64 (stmt, 0)));
  return TRUE;
}

/* @message, and where @document starts in the file. */
static char *
import_located (NawatStore    *self,
                NawatDocument *document,
                const char    *message)
{
  g_autoptr(StoreStmt) stmt = NULL;

  stmt = store_prepare (self, "SELECT offset FROM temp.import_ids WHERE id = ?", NULL);
  if (stmt == NULL)
    return g_strdup (message);
  bind_text_static (stmt, 1, nawat_document_get_id (document));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (message);

  return g_strdup_printf (_("%s (the document at byte %lu)"), message,
                          (unsigned long) sqlite3_column_int64 (stmt, 0));
}

static gboolean
import_document_cb (guint      index,
                    gsize      offset,
                    JsonNode  *node,
                    gpointer   user_data,
                    GError   **error)
{
  ImportState *state = user_data;
  g_autoptr(NawatDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 at = state->shift + (gint64) offset;
  guint n_problems = state->problems->len;

  document = nawat_codec_from_node (node, &local_error);
  if (document == NULL)
    {
      /* TRANSLATORS: a problem of a document, then where it starts in the file */
      g_ptr_array_add (state->problems, g_strdup_printf (_("%s (the document at byte %lu)"),
                                                         local_error->message,
                                                         (unsigned long) at));
      return TRUE;
    }

  if (!import_note_id (state, nawat_document_get_id (document), at, error))
    return FALSE;
  if (state->problems->len > n_problems)
    return TRUE;

  state->n_imported++;

  /* An evaluation whose rubric may come later in the batch waits for the
   * end; the others are written (or checked) at once, so that a large
   * import does not hold its documents in memory.
   */
  if (NAWAT_IS_EVALUATION (document) &&
      _nawat_store_lookup_rubric (state->self,
                                  nawat_evaluation_get_rubric (NAWAT_EVALUATION (document))) == NULL)
    {
      g_ptr_array_add (state->evaluations, g_steal_pointer (&document));
      return TRUE;
    }

  /* Once a document is invalid nothing is written: only validate. */
  if (state->problems->len > 0)
    {
      NawatScore score;

      if (NAWAT_IS_EVALUATION (document) &&
          !_nawat_store_check_evaluation (state->self, NAWAT_EVALUATION (document), &score,
                                          &local_error))
        g_ptr_array_add (state->problems, g_strdup_printf (_("%s (the document at byte %lu)"),
                                                           local_error->message,
                                                           (unsigned long) at));
      return TRUE;
    }

  if (!_nawat_store_put_document (state->self, document, NULL, &local_error))
    {
      if (local_error->domain == NAWAT_STORE_ERROR &&
          local_error->code == NAWAT_STORE_ERROR_INVALID)
        g_ptr_array_add (state->problems, g_strdup_printf (_("%s (the document at byte %lu)"),
                                                           local_error->message,
                                                           (unsigned long) at));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

typedef enum
{
  DANGLING_CALL,
  DANGLING_RUBRIC,
  DANGLING_PROJECT,
  NOT_CALL_EVALUATOR,
  NOT_ASSIGNED,
} Dangling;

/* Adds a problem for each row of @sql: the document's id, its offset in
 * the file, and two arguments of the reason.
 */
static gboolean
import_report_rows (NawatStore  *self,
                    const char  *sql,
                    Dangling     kind,
                    GPtrArray   *problems,
                    GError     **error)
{
  g_autoptr(StoreStmt) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      unsigned long at = sqlite3_column_int64 (stmt, 1);
      const char *a = (const char *) sqlite3_column_text (stmt, 2);
      const char *b = (const char *) sqlite3_column_text (stmt, 3);
      char *problem = NULL;

      switch (kind)
        {
        case DANGLING_CALL:
          problem = g_strdup_printf (_("%s: call: at byte %lu: the call “%s” is neither in "
                                       "the file nor in the store"), id, at, a);
          break;
        case DANGLING_RUBRIC:
          problem = g_strdup_printf (_("%s: rubric: at byte %lu: the rubric “%s” is neither in "
                                       "the file nor in the store"), id, at, a);
          break;
        case DANGLING_PROJECT:
          problem = g_strdup_printf (_("%s: project: at byte %lu: the project “%s” is neither "
                                       "in the file nor in the store"), id, at, a);
          break;
        case NOT_CALL_EVALUATOR:
          problem = g_strdup_printf (_("%s: evaluator: at byte %lu: “%s” is not one of the "
                                       "evaluators of %s"), id, at, a, b);
          break;
        case NOT_ASSIGNED:
          problem = g_strdup_printf (_("%s: evaluator: at byte %lu: “%s” is not assigned to %s"),
                                     id, at, a, b);
          break;
        default:
          g_assert_not_reached ();
        }
      g_ptr_array_add (problems, problem);
    }

  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* The references of the documents imported, checked against the file and
 * the store together: a project's call, a call's rubric, an evaluation's
 * project, and its evaluator, who must be one of the call's evaluators and
 * assigned to the project.
 */
static gboolean
import_check_references (NawatStore  *self,
                         GPtrArray   *problems,
                         GError     **error)
{
  return
    import_report_rows (self,
                        "SELECT i.id, i.offset, 'call:' || p.call, NULL "
                        "FROM temp.import_ids i JOIN projects p ON p.id = i.id "
                        "WHERE i.id >= 'project:' AND i.id < 'project;' "
                        "AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.id = 'call:' || p.call)",
                        DANGLING_CALL, problems, error) &&
    import_report_rows (self,
                        "SELECT i.id, i.offset, json_extract (c.json, '$.rubric') AS rubric, NULL "
                        "FROM temp.import_ids i JOIN calls c ON c.id = i.id "
                        "WHERE i.id >= 'call:' AND i.id < 'call;' "
                        "AND rubric IS NOT NULL AND rubric != '" NAWAT_DEFAULT_RUBRIC_ID "' "
                        "AND NOT EXISTS (SELECT 1 FROM rubrics r WHERE r.id = rubric)",
                        DANGLING_RUBRIC, problems, error) &&
    import_report_rows (self,
                        "SELECT i.id, i.offset, e.project, NULL "
                        "FROM temp.import_ids i JOIN evaluations e ON e.id = i.id "
                        "WHERE i.id >= 'evaluation:' AND i.id < 'evaluation;' "
                        "AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = e.project)",
                        DANGLING_PROJECT, problems, error) &&
    import_report_rows (self,
                        "SELECT i.id, i.offset, e.evaluator, 'call:' || p.call "
                        "FROM temp.import_ids i JOIN evaluations e ON e.id = i.id "
                        "  JOIN projects p ON p.id = e.project "
                        "  JOIN calls c ON c.id = 'call:' || p.call "
                        "WHERE i.id >= 'evaluation:' AND i.id < 'evaluation;' "
                        "AND NOT EXISTS (SELECT 1 FROM json_each (c.json, '$.evaluators') "
                        "                WHERE value = e.evaluator)",
                        NOT_CALL_EVALUATOR, problems, error) &&
    import_report_rows (self,
                        "SELECT i.id, i.offset, e.evaluator, e.project "
                        "FROM temp.import_ids i JOIN evaluations e ON e.id = i.id "
                        "  JOIN projects p ON p.id = e.project "
                        "WHERE i.id >= 'evaluation:' AND i.id < 'evaluation;' "
                        "AND NOT EXISTS (SELECT 1 FROM json_each (p.json, '$.assigned') "
                        "                WHERE value = e.evaluator)",
                        NOT_ASSIGNED, problems, error);
}

/* Feeds documents to import_document_cb; FALSE with @error set on failure. */
typedef gboolean (*ImportWalk) (gpointer      walk_data,
                                ImportState  *state,
                                GError      **error);

/* Imports, in one transaction, the documents @walk feeds in. */
static gboolean
import_locked (NawatStore  *self,
               ImportWalk   walk,
               gpointer     walk_data,
               guint       *n_imported,
               GPtrArray  **problems,
               GError     **error)
{
  g_autoptr(GPtrArray) evaluations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  ImportState state = { self, found, evaluations, 0, 0 };

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;

  g_mutex_lock (&self->lock);

  /* The ids of the file, where they are, to find duplicates and check the
   * references of the documents imported: a temporary table keeps memory
   * flat whatever the size of the file.
   */
  if (!store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS import_ids ("
                   "  id TEXT PRIMARY KEY NOT NULL, offset INTEGER NOT NULL) WITHOUT ROWID",
                   error) ||
      !store_exec (self, "BEGIN IMMEDIATE", error) ||
      !store_exec (self, "DELETE FROM temp.import_ids", error))
    goto fail;

  /* Into an empty store, the search index is built in one pass at the
   * end, much faster than row by row.
   */
  self->defer_fts = _nawat_store_count (self, "SELECT NOT EXISTS (SELECT 1 FROM projects)") != 0;

  if (!walk (walk_data, &state, error))
    goto fail;

  for (guint i = 0; i < evaluations->len; i++)
    {
      NawatDocument *document = g_ptr_array_index (evaluations, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *json = NULL;
      NawatScore score;

      if (found->len > 0)
        {
          if (!_nawat_store_check_evaluation (self, NAWAT_EVALUATION (document), &score,
                                              &local_error))
            g_ptr_array_add (found, import_located (self, document, local_error->message));
          continue;
        }

      json = nawat_codec_to_data (document, NULL);
      if (!_nawat_store_put_evaluation (self, NAWAT_EVALUATION (document), json, FALSE,
                                        &local_error))
        {
          if (local_error->domain != NAWAT_STORE_ERROR ||
              local_error->code != NAWAT_STORE_ERROR_INVALID)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto fail;
            }
          g_ptr_array_add (found, import_located (self, document, local_error->message));
        }
    }

  /* Every document of the file is now in the store: what they refer to
   * must be there too, from the file or from before.
   */
  if (found->len == 0 && !import_check_references (self, found, error))
    goto fail;

  if (found->len > 0)
    {
      rollback (self);
      self->defer_fts = FALSE;
      g_hash_table_remove_all (self->rubrics);
      g_mutex_unlock (&self->lock);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u invalid document: nothing was imported",
                                "%u invalid documents: nothing was imported",
                                state.problems->len),
                   state.problems->len);
      return FALSE;
    }

  if (!store_exec (self, "DELETE FROM temp.import_ids", error))
    goto fail;

  if (self->defer_fts)
    {
      /* The rebuild indexes every project, pulled ones included. */
      self->defer_fts = FALSE;
      if (!store_exec (self, "INSERT INTO project_fts (project_fts) VALUES ('rebuild')", error) ||
          !store_exec (self, "INSERT INTO project_grams (project_grams) VALUES ('delete-all')",
                       error) ||
          !store_exec (self, "INSERT INTO project_grams (rowid, grams) "
                       "SELECT pk, nawat_grams (text) FROM project_text", error) ||
          /* Each in one segment, which queries read fastest. */
          !store_exec (self, "INSERT INTO project_fts (project_fts) VALUES ('optimize')", error) ||
          !store_exec (self, "INSERT INTO project_grams (project_grams) VALUES ('optimize')",
                       error) ||
          !store_exec (self, "DELETE FROM checkpoints WHERE database = '" PULL_FTS_MARKER "'",
                       error))
        goto fail;
      if (!store_exec (self, "COMMIT", error))
        goto fail;
      _nawat_store_set_index_upto (self, -1);
    }
  else if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);

  if (n_imported != NULL)
    *n_imported = state.n_imported;
  _nawat_store_emit_reset (self);
  return TRUE;

fail:
  rollback (self);
  self->defer_fts = FALSE;
  g_hash_table_remove_all (self->rubrics);
  g_mutex_unlock (&self->lock);
  return FALSE;
}

typedef struct
{
  const char *data;
  gsize       length;
} WholeData;

static gboolean
walk_whole (gpointer      walk_data,
            ImportState  *state,
            GError      **error)
{
  WholeData *whole = walk_data;

  return nawat_codec_foreach_document (whole->data, whole->length, import_document_cb,
                                       state, error);
}

gboolean
nawat_store_import_data (NawatStore  *self,
                         const char  *data,
                         gsize        length,
                         guint       *n_imported,
                         GPtrArray  **problems,
                         GError     **error)
{
  WholeData whole = { data, length };

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  return import_locked (self, walk_whole, &whole, n_imported, problems, error);
}

GMutex *
_nawat_store_get_lock (NawatStore *self)
{
  return &self->lock;
}

/* Importing a file in bounded pieces: the documents of the array are cut
 * at their boundaries into pieces of about 8 MiB, each parsed
 * on its own, and the pages of the file already read are given back, so
 * that memory stays flat however large the file.  A file this light
 * scanner does not understand is handed whole to the codec, whose
 * messages say what is wrong.
 */
static gsize import_chunk_size = 8 * 1024 * 1024;

void
_nawat_store_set_import_chunk_size (gsize size)
{
  import_chunk_size = size;
}

typedef struct
{
  const char *data;
  const char *p;
  const char *end;
  /* the first byte not yet given back to the system */
  const char *released;
  /* the documents are the "docs" member of an object */
  gboolean    in_object;
  gboolean    unsure;
} Chunker;

static void
chunker_skip_ws (Chunker *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

/* Moves past one JSON value; FALSE when it is not well formed enough to
 * find its end.
 */
static gboolean
chunker_skip_value (Chunker *c)
{
  int depth = 0;

  chunker_skip_ws (c);
  if (c->p >= c->end)
    return FALSE;

  do
    {
      if (c->p >= c->end)
        return FALSE;

      switch (*c->p)
        {
        case '"':
          for (c->p++; c->p < c->end && *c->p != '"'; c->p++)
            if (*c->p == '\\' && c->p + 1 < c->end)
              c->p++;
          if (c->p >= c->end)
            return FALSE;
          c->p++;
          break;

        case '{':
        case '[':
          depth++;
          c->p++;
          break;

        case '}':
        case ']':
          if (depth == 0)
            return FALSE;
          depth--;
          c->p++;
          break;

        default:
          c->p++;
          break;
        }
    }
  while (depth > 0);

  return TRUE;
}

/* Gives back the whole pages of the file before @upto. */
static void
chunker_release (Chunker    *c,
                 const char *upto)
{
#ifdef MADV_DONTNEED
  gsize page = sysconf (_SC_PAGESIZE);
  guintptr from = ((guintptr) c->released + page - 1) / page * page;
  guintptr to = (guintptr) upto / page * page;

  if ((guintptr) c->data <= from && to > from)
    {
      madvise ((void *) from, to - from, MADV_DONTNEED);
      c->released = (const char *) to;
    }
#endif
}

static gboolean
chunker_feed (Chunker      *c,
              ImportState  *state,
              const char   *from,
              const char   *to,
              GError      **error)
{
  g_autoptr(GString) piece = g_string_sized_new (to - from + 2);
  g_autoptr(GError) local_error = NULL;

  g_string_append_c (piece, '[');
  g_string_append_len (piece, from, to - from);
  g_string_append_c (piece, ']');
  /* The piece starts with the '[' added before @from. */
  state->shift = (from - c->data) - 1;
  if (!nawat_codec_foreach_document (piece->str, piece->len, import_document_cb, state,
                                     &local_error))
    {
      /* A failure of the store is final; any other is a fault of the file,
       * which the codec explains best when it reads the file whole.
       */
      if (local_error->domain == NAWAT_STORE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        c->unsure = TRUE;
      return FALSE;
    }

  chunker_release (c, to);
  return TRUE;
}

/* Finds the array of documents: the top level, or the "docs" member. */
static gboolean
chunker_find_array (Chunker *c)
{
  if (c->end - c->p >= 3 && memcmp (c->p, "\xEF\xBB\xBF", 3) == 0)
    c->p += 3;
  chunker_skip_ws (c);
  if (c->p < c->end && *c->p == '[')
    return TRUE;
  if (c->p >= c->end || *c->p != '{')
    return FALSE;

  c->in_object = TRUE;
  c->p++;
  for (;;)
    {
      const char *key;

      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != '"')
        return FALSE;
      key = c->p;
      if (!chunker_skip_value (c))
        return FALSE;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != ':')
        return FALSE;
      c->p++;
      chunker_skip_ws (c);
      if (c->p - key >= 6 && memcmp (key, "\"docs\"", 6) == 0 &&
          c->p < c->end && *c->p == '[')
        return TRUE;
      if (!chunker_skip_value (c))
        return FALSE;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != ',')
        return FALSE;
      c->p++;
    }
}

static gboolean
walk_chunks (gpointer      walk_data,
             ImportState  *state,
             GError      **error)
{
  Chunker *c = walk_data;
  const char *start;

  if (!chunker_find_array (c))
    goto unsure;

  c->p++;
  chunker_skip_ws (c);
  start = c->p;
  if (c->p < c->end && *c->p == ']')
    {
      c->p++;
      goto tail;
    }

  for (;;)
    {
      if (!chunker_skip_value (c))
        goto unsure;
      chunker_skip_ws (c);
      if (c->p >= c->end)
        goto unsure;

      if (*c->p == ']')
        {
          if (!chunker_feed (c, state, start, c->p, error))
            return FALSE;
          c->p++;
          break;
        }
      if (*c->p != ',')
        goto unsure;

      if ((gsize) (c->p - start) >= import_chunk_size)
        {
          if (!chunker_feed (c, state, start, c->p, error))
            return FALSE;
          c->p++;
          chunker_skip_ws (c);
          start = c->p;
        }
      else
        c->p++;
    }

tail:
  /* The rest of the object around the documents is only checked to be
   * well formed; what follows it must be blank.
   */
  chunker_skip_ws (c);
  while (c->in_object && c->p < c->end && *c->p == ',')
    {
      c->p++;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != '"' || !chunker_skip_value (c))
        goto unsure;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != ':')
        goto unsure;
      c->p++;
      if (!chunker_skip_value (c))
        goto unsure;
      chunker_skip_ws (c);
    }
  if (c->in_object)
    {
      if (c->p >= c->end || *c->p != '}')
        goto unsure;
      c->p++;
      chunker_skip_ws (c);
    }
  if (c->p < c->end)
    goto unsure;

  return TRUE;

unsure:
  c->unsure = TRUE;
  return FALSE;
}

gboolean
nawat_store_import_file (NawatStore  *self,
                         const char  *path,
                         guint       *n_imported,
                         GPtrArray  **problems,
                         GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  Chunker chunker = { NULL, };

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  chunker.data = g_mapped_file_get_contents (mapped);
  if (chunker.data == NULL)
    chunker.data = "";
  chunker.p = chunker.released = chunker.data;
  chunker.end = chunker.data + g_mapped_file_get_length (mapped);

  if (import_locked (self, walk_chunks, &chunker, n_imported, problems, &local_error))
    return TRUE;

  if (!chunker.unsure)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Nothing was written: the codec reads it all and says what is wrong. */
  if (problems != NULL)
    g_clear_pointer (problems, g_ptr_array_unref);
  g_clear_pointer (&mapped, g_mapped_file_unref);
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return FALSE;

  return nawat_store_import_data (self,
                                  g_mapped_file_get_contents (mapped) ? g_mapped_file_get_contents (mapped) : "",
                                  g_mapped_file_get_length (mapped), n_imported, problems, error);
}

/* Reading */

static gint64
_nawat_store_count (NawatStore *self,
                    const char *sql)
{
  g_autoptr(StoreStmt) stmt = store_prepare (self, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

gboolean
nawat_store_is_empty (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), TRUE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT EXISTS (SELECT 1 FROM calls) OR "
                        "EXISTS (SELECT 1 FROM projects) OR "
                        "EXISTS (SELECT 1 FROM evaluations)",
                        NULL);

  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
         sqlite3_column_int (stmt, 0) == 0;
}

static NawatDocument *
_nawat_store_document_from_column (NawatStore    *self,
                                   sqlite3_stmt  *stmt,
                                   int            column,
                                   GType          type,
                                   GError       **error)
{
  const char *json = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(NawatDocument) document = NULL;

  if (json == NULL)
    return NULL;

  document = nawat_codec_from_data (json, -1, error);
  if (document == NULL)
    return NULL;

  if (!g_type_is_a (G_OBJECT_TYPE (document), type))
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                   _("%s: type: unexpected document type in the store"),
                   nawat_document_get_id (document));
      return NULL;
    }

  return g_steal_pointer (&document);
}

/* The documents of the JSON in the first column of every row of @stmt;
 * called with the store's lock held.
 */
static GPtrArray *
collect_documents (NawatStore    *self,
                   sqlite3_stmt  *stmt,
                   GType          type,
                   GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NawatDocument *document = _nawat_store_document_from_column (self, stmt, 0, type, error);

      if (document == NULL)
        return NULL;
      g_ptr_array_add (result, document);
    }

  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&result);
}

static GPtrArray *
_nawat_store_list (NawatStore  *self,
                   const char  *sql,
                   const char  *param,
                   GType        type,
                   GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(StoreStmt) stmt = NULL;

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (param != NULL)
    bind_text_static (stmt, 1, param);

  return collect_documents (self, stmt, type, error);
}

static gpointer
_nawat_store_get (NawatStore  *self,
                  const char  *sql,
                  const char  *id,
                  GType        type,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = _nawat_store_list (self, sql, id, type, error);

  if (list == NULL)
    return NULL;

  if (list->len == 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                   _("No document “%s” in the store"), id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (list, 0));
}

GPtrArray *
nawat_store_list_calls (NawatStore  *self,
                        GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  return _nawat_store_list (self, "SELECT json FROM calls ORDER BY year_be DESC, id",
                            NULL, NAWAT_TYPE_CALL, error);
}

NawatCall *
nawat_store_get_call (NawatStore  *self,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _nawat_store_get (self, "SELECT json FROM calls WHERE id = ?", id, NAWAT_TYPE_CALL, error);
}

NawatRubric *
nawat_store_get_rubric (NawatStore  *self,
                        const char  *id,
                        GError     **error)
{
  NawatRubric *rubric;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  rubric = _nawat_store_lookup_rubric (self, id);
  if (rubric != NULL)
    g_object_ref (rubric);
  g_mutex_unlock (&self->lock);

  if (rubric == NULL)
    g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                 _("No document “%s” in the store"), id);

  return rubric;
}

NawatProject *
nawat_store_get_project (NawatStore  *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _nawat_store_get (self, "SELECT json FROM projects WHERE id = ?", id,
                           NAWAT_TYPE_PROJECT, error);
}

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

GPtrArray *
nawat_store_list_projects_page (NawatStore  *self,
                                const char  *call_id,
                                const char  *after_code,
                                guint        limit,
                                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT json FROM projects WHERE call = ? AND code > ? "
                        "ORDER BY code LIMIT ?", error);
  if (stmt == NULL)
    return NULL;

  bind_text_static (stmt, 1, call_id);
  bind_text_static (stmt, 2, after_code != NULL ? after_code : "");
  sqlite3_bind_int64 (stmt, 3, limit);

  return collect_documents (self, stmt, NAWAT_TYPE_PROJECT, error);
}

/* The autosave path */

static gboolean _nawat_store_exec_with_id (NawatStore  *self,
                                           const char  *sql,
                                           const char  *id,
                                           GError     **error);

/* The JSON of evaluation @id as stored; NULL with no error when there is
 * none.  Lock held.
 */
static gboolean
_nawat_store_dup_evaluation_json_locked (NawatStore  *self,
                                         const char  *id,
                                         char       **json,
                                         GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  *json = NULL;
  stmt = store_prepare (self, "SELECT json FROM evaluations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
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

/* Waits for the saves asked for before, which are older versions. */
static void
_nawat_store_wait_for_saves (NawatStore *self)
{
  g_mutex_lock (&self->saves_lock);
  while (self->n_saves > 0)
    g_cond_wait (&self->saves_done, &self->saves_lock);
  g_mutex_unlock (&self->saves_lock);
}

/* One write transaction around edit_locked(); @resolve: the conflicts of
 * @id are forgotten in it too.
 */
static NawatEvaluation *
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
save_in_pool (gpointer data,
              gpointer user_data)
{
  GTask *task = data;
  NawatStore *self = g_task_get_source_object (task);
  GError *error = NULL;
  NawatEvaluation *saved = save_job_run (self, g_task_get_task_data (task), &error);

  g_mutex_lock (&self->saves_lock);
  self->n_saves--;
  g_cond_broadcast (&self->saves_done);
  g_mutex_unlock (&self->saves_lock);

  if (saved != NULL)
    g_task_return_pointer (task, saved, g_object_unref);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static void
save_async (NawatStore          *self,
            SaveJob             *job,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);

  g_mutex_lock (&self->saves_lock);
  if (self->saves == NULL)
    self->saves = g_thread_pool_new (save_in_pool, NULL, 1, FALSE, NULL);
  self->n_saves++;
  g_mutex_unlock (&self->saves_lock);

  g_thread_pool_push (self->saves, task, NULL);
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

/* Search */

/* Above this many matches, ranking every match by bm25 costs more than a
 * keystroke may: matches in titles come first instead, then the others.
 */
#define RANK_MAX_MATCHES 1000

static void
append_escaped_phrase (GString    *match,
                       const char *word)
{
  if (match->len > 0)
    g_string_append_c (match, ' ');
  g_string_append_c (match, '"');
  for (const char *p = word; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
}

/* Splits @text into an FTS5 expression for the words of three characters
 * or more (every one must match; each is a quoted string, so no FTS5
 * syntax gets through) and the casefolded shorter words; @words, if not
 * NULL, receives every word casefolded.
 */
static gboolean
parse_search (const char  *text,
              char       **match,
              GPtrArray   *shorts,
              GPtrArray   *words_out)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  *match = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  words = g_strsplit_set (text, " \t\n\r\f\v", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (words_out != NULL)
        g_ptr_array_add (words_out, g_utf8_casefold (words[i], -1));
      if (g_utf8_strlen (words[i], -1) >= 3)
        append_escaped_phrase (str, words[i]);
      else
        g_ptr_array_add (shorts, g_utf8_casefold (words[i], -1));
    }

  if (str->len > 0)
    *match = g_string_free (g_steal_pointer (&str), FALSE);

  return *match != NULL || shorts->len > 0;
}

/* All the texts of project "s" in project_fts_src, casefolded as far as
 * SQLite can (lower() folds ASCII only; Thai has no case).
 */
#define UNINDEXED_TEXT_SQL \
  "lower (coalesce (s.title_th, '') || char (10) || coalesce (s.title_en, '') || char (10) || " \
  "coalesce (s.summary_th, '') || char (10) || coalesce (s.summary_en, '') || char (10) || " \
  "coalesce (s.organisation, '') || char (10) || coalesce (s.partners, ''))"

/* " AND instr (<texts of s>, ?) > 0" for each word. */
static void
append_unindexed_words (GString   *sql,
                        GPtrArray *words,
                        GPtrArray *params)
{
  for (guint i = 0; i < words->len; i++)
    {
      g_string_append (sql, " AND instr (" UNINDEXED_TEXT_SQL ", ?) > 0");
      g_ptr_array_add (params, g_strdup (g_ptr_array_index (words, i)));
    }
}

/* " AND instr (t.text, ?) > 0" for each short word, over the short texts
 * joined as "t".
 */
static void
append_shorts (GString    *sql,
               GPtrArray  *shorts,
               GPtrArray  *params)
{
  for (guint i = 0; i < shorts->len; i++)
    {
      g_string_append (sql, " AND instr (t.text, ?) > 0");
      g_ptr_array_add (params, g_strdup (g_ptr_array_index (shorts, i)));
    }
}

/* " CROSS JOIN project_list c … ON c.pk = @key AND c.call = ?" when
 * @call_id is not NULL.
 */
static void
append_call_join (GString    *sql,
                  const char *key,
                  const char *call_id,
                  GPtrArray  *params)
{
  if (call_id == NULL)
    return;

  g_string_append_printf (sql, " CROSS JOIN project_list c INDEXED BY project_list_order_code"
                          " ON c.pk = %s AND c.call = ?", key);
  g_ptr_array_add (params, g_strdup (call_id));
}

gboolean
_nawat_store_build_search (const char *text,
                           const char *call_id,
                           guint       limit,
                           GString    *sql,
                           GPtrArray  *params)
{
  g_autoptr(GPtrArray) shorts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *match = NULL;
  gboolean trigrams;
  const char *key;

  if (!parse_search (text, &match, shorts, words))
    return FALSE;

  /* An index drives the loop, so that the scan stops after @limit rows:
   * the trigram index for the longer words, whose matches the short texts
   * then filter by the short words; or, for short words only, their own
   * index.  CROSS JOIN keeps SQLite from starting with the call's projects
   * and querying the index once for each of them.
   */
  trigrams = match != NULL;
  if (!trigrams)
    match = _nawat_search_grams_match ((const char * const *) shorts->pdata, shorts->len);

  key = trigrams ? "project_fts.rowid" : "project_grams.rowid";
  g_string_append_printf (sql, "SELECT %s FROM %s", key,
                          trigrams ? "project_fts" : "project_grams");
  if (trigrams && shorts->len > 0)
    g_string_append (sql, " CROSS JOIN project_text t ON t.pk = project_fts.rowid");
  append_call_join (sql, key, call_id, params);
  g_string_append_printf (sql, " WHERE %s MATCH ?", trigrams ? "project_fts" : "project_grams");
  g_ptr_array_add (params, g_steal_pointer (&match));
  if (trigrams)
    append_shorts (sql, shorts, params);

  /* Then the projects the indexes have not caught up with yet, read in
   * key order.  When the indexes are complete, the marker's key is NULL
   * and this reads nothing.
   */
  key = trigrams ? "s.pk" : "t.pk";
  g_string_append_printf (sql, " UNION ALL SELECT %s FROM %s", key,
                          trigrams ? "project_fts_src s" : "project_text t");
  append_call_join (sql, key, call_id, params);
  g_string_append_printf (sql, " WHERE %s > (SELECT CAST (seq_json AS INTEGER) FROM checkpoints"
                          " WHERE database = '" PULL_FTS_MARKER "')", key);
  if (trigrams)
    append_unindexed_words (sql, words, params);
  else
    append_shorts (sql, shorts, params);

  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  return TRUE;
}

/* Runs @sql (parameters: @params, then @limit) and appends the ids it
 * returns, skipping those already found.
 */
static gboolean
search_collect (NawatStore   *self,
                const char   *sql,
                GPtrArray    *params,
                gint64        limit,
                GPtrArray    *found,
                GHashTable   *seen,
                GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, params->len + 1, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, g_strdup (id));
      g_ptr_array_add (found, g_strdup (id));
    }

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
search_count_matches (NawatStore  *self,
                      const char  *match,
                      gint64      *count,
                      GError     **error)
{
  g_autoptr(StoreStmt) stmt =
    store_prepare (self,
                   "SELECT count(*) FROM (SELECT rowid FROM project_fts "
                   "WHERE project_fts MATCH ? LIMIT ?)",
                   error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, RANK_MAX_MATCHES + 1);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GStrv
nawat_store_search (NawatStore  *self,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(GPtrArray) shorts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *match = NULL;
  gint64 max = limit > 0 ? (gint64) limit : G_MAXINT64;
  gint64 n_matches = 0;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  if (!parse_search (text, &match, shorts, words))
    return g_new0 (char *, 1);

  locker = g_mutex_locker_new (&self->lock);

  if (match == NULL)
    {
      /* Only short words: their index, in the order of import, then the
       * projects it has not caught up with yet.
       */
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (params, _nawat_search_grams_match ((const char * const *) shorts->pdata,
                                                             shorts->len));
      if (!search_collect (self, "SELECT p.id FROM project_grams JOIN project_list p "
                           "ON p.pk = project_grams.rowid WHERE project_grams MATCH ? "
                           "ORDER BY project_grams.rowid LIMIT ?",
                           params, max, found, seen, error))
        return NULL;

      if (self->index_upto >= 0 && (gint64) found->len < max)
        {
          g_autoptr(GString) sql = g_string_new (NULL);

          g_ptr_array_set_size (params, 0);
          g_string_printf (sql, "SELECT p.id FROM project_text t JOIN project_list p "
                           "ON p.pk = t.pk WHERE t.pk > %" G_GINT64_FORMAT, self->index_upto);
          append_shorts (sql, shorts, params);
          g_string_append (sql, " ORDER BY t.pk LIMIT ?");
          if (!search_collect (self, sql->str, params, max - found->len, found, seen, error))
            return NULL;
        }
    }
  else
    {
      g_autoptr(GString) shorts_sql = g_string_new (NULL);
      g_autoptr(GPtrArray) short_params = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *in_titles = g_strdup_printf ("{title_th title_en} : (%s)", match);
      g_autofree char *not_titles = g_strdup_printf ("(%s) NOT {title_th title_en} : (%s)",
                                                     match, match);
      const char *stages[2] = { NULL, NULL };

      append_shorts (shorts_sql, shorts, short_params);

      if (!search_count_matches (self, match, &n_matches, error))
        return NULL;

      if (n_matches <= RANK_MAX_MATCHES)
        stages[0] = match;
      else
        {
          stages[0] = in_titles;
          stages[1] = not_titles;
        }

      for (guint i = 0; i < G_N_ELEMENTS (stages) && stages[i] != NULL; i++)
        {
          g_autoptr(GString) sql = g_string_new ("SELECT p.id FROM project_fts JOIN project_list p "
                                                 "ON p.pk = project_fts.rowid");
          g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

          if ((gint64) found->len >= max)
            break;

          g_ptr_array_add (params, g_strdup (stages[i]));
          if (shorts->len > 0)
            g_string_append (sql, " CROSS JOIN project_text t ON t.pk = project_fts.rowid");
          g_string_append_printf (sql, " WHERE project_fts MATCH ?%s", shorts_sql->str);
          for (guint k = 0; k < short_params->len; k++)
            g_ptr_array_add (params, g_strdup (g_ptr_array_index (short_params, k)));

          /* bm25 when it is affordable, else the index order. */
          g_string_append (sql, stages[1] == NULL ? " ORDER BY project_fts.rank LIMIT ?"
                                                  : " LIMIT ?");
          if (!search_collect (self, sql->str, params, max - found->len, found, seen, error))
            return NULL;
        }

      /* Then the projects the index has not caught up with yet. */
      if (self->index_upto >= 0 && (gint64) found->len < max)
        {
          g_autoptr(GString) sql = g_string_new (NULL);
          g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

          g_string_printf (sql, "SELECT p.id FROM project_fts_src s JOIN project_list p "
                           "ON p.pk = s.pk WHERE s.pk > %" G_GINT64_FORMAT, self->index_upto);
          append_unindexed_words (sql, words, params);
          g_string_append (sql, " ORDER BY s.pk LIMIT ?");
          if (!search_collect (self, sql->str, params, max - found->len, found, seen, error))
            return NULL;
        }
    }

  g_ptr_array_add (found, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

gboolean
nawat_store_get_stats (NawatStore       *self,
                       NawatStoreStats  *stats,
                       GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stats->calls = _nawat_store_count (self, "SELECT count(*) FROM calls");
  stats->projects = _nawat_store_count (self, "SELECT count(*) FROM projects");
  stats->evaluations = _nawat_store_count (self, "SELECT count(*) FROM evaluations");
  stats->submitted = _nawat_store_count (self, "SELECT count(*) FROM evaluations "
                                         "WHERE status = 'submitted'");
  stats->drafts = _nawat_store_count (self, "SELECT count(*) FROM evaluations "
                                      "WHERE status = 'draft'");
  stats->pending_push = _nawat_store_count (self, "SELECT count(*) FROM evaluations "
                                            "WHERE dirty != 0");

  return TRUE;
}

/* The evaluations edited here and not pushed yet; cheap at any size (an
 * index holds only them), unlike nawat_store_get_stats ().
 */
gint64
nawat_store_count_pending (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->lock);

  return _nawat_store_count (self, "SELECT count(*) FROM evaluations WHERE dirty != 0");
}

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
  g_autoptr(StoreStmt) stmt = NULL;
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

static gboolean
store_write (NawatStore  *self,
             const char  *sql,
             const char  *a,
             const char  *b,
             const char  *c,
             const char  *d,
             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(StoreStmt) stmt = NULL;
  int n;

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  n = sqlite3_bind_parameter_count (stmt);
  if (n >= 1)
    bind_text_static (stmt, 1, a);
  if (n >= 2)
    bind_text_static (stmt, 2, b);
  if (n >= 3)
    bind_text_static (stmt, 3, c);
  if (n >= 4)
    bind_text_static (stmt, 4, d);

  return store_step_done (self, stmt, error);
}

char *
nawat_store_dup_checkpoint (NawatStore  *self,
                            const char  *database,
                            GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (database != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, "SELECT seq_json FROM checkpoints WHERE database = ?", error);
  if (stmt == NULL)
    return NULL;

  bind_text_static (stmt, 1, database);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    _nawat_store_set_error (error, self->db, rc, self->path);

  return NULL;
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

gboolean
nawat_store_quarantine (NawatStore  *self,
                        const char  *doc_id,
                        const char  *json,
                        const char  *reason,
                        GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  return store_write (self,
                      "INSERT INTO quarantine (doc_id, json, reason, time) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (doc_id) DO UPDATE SET json = excluded.json, "
                      "reason = excluded.reason, time = excluded.time",
                      doc_id, json, reason, time, error);
}

GPtrArray *
nawat_store_list_quarantine (NawatStore  *self,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(StoreStmt) stmt = NULL;
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
  g_autoptr(StoreStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  stmt = store_prepare (self, "SELECT field FROM conflicts WHERE evaluation = ? ORDER BY field", error);
  if (stmt == NULL)
    return NULL;

  bind_text_static (stmt, 1, evaluation_id);
  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_strv_builder_end (builder);
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
  g_autoptr(StoreStmt) stmt = NULL;
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

/* Deletes @id inside the caller's transaction, lock held; @project receives
 * the project whose rows changed, if any.
 */
static gboolean
_nawat_store_delete_document_locked (NawatStore  *self,
                                     const char  *id,
                                     char       **project,
                                     GError     **error)
{
  if (g_str_has_prefix (id, "project:"))
    {
      const char *sqls[] = {
        "DELETE FROM project_text WHERE pk = (SELECT pk FROM projects WHERE id = ?)",
        "DELETE FROM project_list WHERE pk = (SELECT pk FROM projects WHERE id = ?)",
        "DELETE FROM project_partners WHERE pk = (SELECT pk FROM projects WHERE id = ?)",
      };

      if (!delete_project_terms (self, id, error))
        return FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
        {
          g_autoptr(StoreStmt) stmt = store_prepare (self, sqls[i], error);

          if (stmt == NULL)
            return FALSE;
          bind_text_static (stmt, 1, id);
          if (!store_step_done (self, stmt, error))
            return FALSE;
        }
      *project = g_strdup (id);
    }
  else if (g_str_has_prefix (id, "evaluation:"))
    {
      g_autoptr(StoreStmt) stmt =
        store_prepare (self, "SELECT project FROM evaluations WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      bind_text_static (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *project = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }

  {
    const char *sql = NULL;
    g_autoptr(StoreStmt) stmt = NULL;

    if (g_str_has_prefix (id, "project:"))
      sql = "DELETE FROM projects WHERE id = ?";
    else if (g_str_has_prefix (id, "evaluation:"))
      sql = "DELETE FROM evaluations WHERE id = ?";
    else if (g_str_has_prefix (id, "call:"))
      sql = "DELETE FROM calls WHERE id = ?";
    else if (g_str_has_prefix (id, "rubric:"))
      sql = "DELETE FROM rubrics WHERE id = ?";

    if (sql != NULL)
      {
        stmt = store_prepare (self, sql, error);
        if (stmt == NULL)
          return FALSE;
        bind_text_static (stmt, 1, id);
        if (!store_step_done (self, stmt, error))
          return FALSE;
      }
  }

  g_hash_table_remove (self->rubrics, id);
  return TRUE;
}

gboolean
nawat_store_delete_document (NawatStore  *self,
                             const char  *id,
                             GError     **error)
{
  g_autofree char *project = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  g_mutex_lock (&self->lock);

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    goto fail;

  if (!_nawat_store_delete_document_locked (self, id, &project, error))
    goto fail;

  if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);

  /* A deletion moves every row after it: lists read everything again. */
  if (project != NULL)
    _nawat_store_emit_reset (self);
  return TRUE;

fail:
  rollback (self);
  g_mutex_unlock (&self->lock);
  return FALSE;
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

static gboolean
quarantine_locked (NawatStore  *self,
                   const char  *doc_id,
                   const char  *json,
                   const char  *reason,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autoptr(StoreStmt) stmt = NULL;

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

static gboolean
_nawat_store_exec_with_id (NawatStore  *self,
                           const char  *sql,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(StoreStmt) stmt = store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  return store_step_done (self, stmt, error);
}

/* TRUE when @id is an evaluation with unpushed local edits. */
static gboolean
is_dirty_locked (NawatStore *self,
                 const char *id)
{
  g_autoptr(StoreStmt) stmt = store_prepare (self,
                                             "SELECT dirty FROM evaluations WHERE id = ?",
                                             NULL);

  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
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
_nawat_store_index_some (NawatStore  *self,
                         guint        max,
                         gboolean    *done,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(StoreStmt) stmt = NULL;
  gint64 last = -1;
  int rc;

  *done = self->index_upto < 0;
  if (*done)
    return TRUE;

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = store_prepare (self,
                        "SELECT max (pk) FROM (SELECT pk FROM projects WHERE pk > ? "
                        "ORDER BY pk LIMIT ?)",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->index_upto);
  sqlite3_bind_int64 (stmt, 2, max);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      goto fail;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    last = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, store_stmt_release);

  if (last < 0)
    {
      if (!store_exec (self, "DELETE FROM checkpoints WHERE database = '" PULL_FTS_MARKER "'",
                       error) ||
          !store_exec (self, "COMMIT", error))
        goto fail;
      _nawat_store_set_index_upto (self, -1);
      *done = TRUE;

      /* Lists ordered by title, or searching, read again. */
      g_clear_pointer (&locker, g_mutex_locker_free);
      _nawat_store_emit_reset (self);
      return TRUE;
    }

  /* The chunk's terms go into the search indexes, its sort keys into the
   * list.
   */
  if (!_nawat_store_add_terms (self, self->index_upto, last, error))
    goto fail;
  stmt = store_prepare (self,
                        "UPDATE project_list SET sort_th = p.sort_th, sort_en = p.sort_en "
                        "FROM projects AS p WHERE p.pk = project_list.pk "
                        "AND project_list.pk > ?1 AND project_list.pk <= ?2",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->index_upto);
  sqlite3_bind_int64 (stmt, 2, last);
  if (!store_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, store_stmt_release);

  stmt = store_prepare (self,
                        "UPDATE checkpoints SET seq_json = ? WHERE database = '"
                        PULL_FTS_MARKER "'",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, last);
  if (!store_step_done (self, stmt, error) || !store_exec (self, "COMMIT", error))
    goto fail;

  _nawat_store_set_index_upto (self, last);
  return TRUE;

fail:
  g_clear_pointer (&stmt, store_stmt_release);
  rollback (self);
  return FALSE;
}

/* A bulk load leaves the search indexes in many segments, and a query
 * reads each of them: one step of merging them all into one, in a
 * transaction of its own.  Sets @done when there was nothing to merge.
 */
static gboolean
merge_index_some (NawatStore  *self,
                  gboolean    *done,
                  GError     **error)
{
  static const char * const merge_sql[] = {
    "INSERT INTO project_fts (project_fts, rank) VALUES ('merge', -"
    G_STRINGIFY (MERGE_PAGES) ")",
    "INSERT INTO project_grams (project_grams, rank) VALUES ('merge', -"
    G_STRINGIFY (MERGE_PAGES) ")",
  };
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  *done = TRUE;
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (merge_sql); i++)
    {
      int before = sqlite3_total_changes (self->db);

      if (!store_exec (self, merge_sql[i], error))
        {
          rollback (self);
          return FALSE;
        }
      /* FTS5 writes at least two rows when it merged something. */
      if (sqlite3_total_changes (self->db) - before >= 2)
        *done = FALSE;
    }
  if (!store_exec (self, "COMMIT", error))
    {
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gpointer
indexer_thread (gpointer data)
{
  NawatStore *self = data;
  gboolean done = FALSE;

  while (!done && !g_atomic_int_get (&self->indexer_stop))
    {
      g_autoptr(GError) error = NULL;

      /* Searches still find the projects left out, more slowly; the
       * next pull or start goes on from here.
       */
      if (!_nawat_store_index_some (self, INDEX_CHUNK, &done, &error))
        {
          g_warning ("%s", error->message);
          return NULL;
        }
      /* Lets a thread that waits for the store, an autosave, in first:
       * a mutex is not fair, and this thread would take it back at once.
       */
      g_usleep (1000);
    }

  /* Then the indexes are made compact; stopped, they stay correct. */
  done = FALSE;
  while (!done && !g_atomic_int_get (&self->indexer_stop))
    {
      g_autoptr(GError) error = NULL;

      if (!merge_index_some (self, &done, &error))
        {
          g_warning ("%s", error->message);
          break;
        }
      g_usleep (1000);
    }
  return NULL;
}

static void
_nawat_store_indexer_stop (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->indexer_lock);

  if (self->indexer == NULL)
    return;
  g_atomic_int_set (&self->indexer_stop, TRUE);
  g_clear_pointer (&self->indexer, g_thread_join);
  g_atomic_int_set (&self->indexer_stop, FALSE);
}

void
nawat_store_index_later (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (NAWAT_IS_STORE (self));

  if (nawat_store_search_index_complete (self))
    return;
  locker = g_mutex_locker_new (&self->indexer_lock);
  if (self->indexer == NULL)
    self->indexer = g_thread_new ("nawat-index", indexer_thread, self);
}

gboolean
nawat_store_search_index_complete (NawatStore *self)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->index_complete);
}

gboolean
nawat_store_finish_search_index (NawatStore    *self,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  gboolean done = FALSE;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);

  _nawat_store_indexer_stop (self);
  /* A complete index stays as it is: merging it all again would rewrite
   * every page of it.
   */
  if (nawat_store_search_index_complete (self))
    return TRUE;
  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !_nawat_store_index_some (self, INDEX_CHUNK, &done, error))
        return FALSE;
    }
  done = FALSE;
  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !merge_index_some (self, &done, error))
        return FALSE;
    }
  return TRUE;
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
    g_autoptr(StoreStmt) stmt =
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
  rollback (self);
  g_hash_table_remove_all (self->rubrics);
  g_mutex_unlock (&self->lock);
  return FALSE;
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
      g_autoptr(StoreStmt) stmt = NULL;

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
      g_autoptr(StoreStmt) stmt =
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
  g_autoptr(StoreStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, "SELECT DISTINCT evaluation FROM conflicts ORDER BY evaluation", error);
  if (stmt == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* Sort keys */

char *
_nawat_casefold (const char *text)
{
  GString *folded = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      guchar c = *p;

      if (c < 0x80)
        {
          g_string_append_c (folded, g_ascii_tolower (c));
          p++;
        }
      /* U+0E00 to U+0E7F, the Thai block, which has no case. */
      else if (c == 0xE0 && ((guchar) p[1] == 0xB8 || (guchar) p[1] == 0xB9) && p[2] != '\0')
        {
          g_string_append_len (folded, p, 3);
          p += 3;
        }
      else
        {
          const char *next = g_utf8_next_char (p);
          g_autofree char *one = g_utf8_casefold (p, next - p);

          g_string_append (folded, one);
          p = next;
        }
    }

  return g_string_free (folded, FALSE);
}

/* Search grams */

/* Adds the pieces of @text to @grams: each character (when @singles) and
 * each pair of adjacent characters (when @pairs), as keys that sort pieces
 * apart: a pair's first character in the high 32 bits.  Whitespace, which
 * no search word holds, breaks pairs; an invalid byte does too.
 */
static void
collect_grams (const char *text,
               gsize       length,
               gboolean    singles,
               gboolean    pairs,
               GArray     *grams)
{
  const char *p = text;
  const char *end = text + length;
  gunichar prev = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      guint64 key;

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

      if (singles)
        {
          key = c;
          g_array_append_val (grams, key);
        }
      if (pairs && prev != 0)
        {
          key = ((guint64) prev << 32) | c;
          g_array_append_val (grams, key);
        }
      prev = c;
    }
}

static int
compare_grams (gconstpointer a,
               gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
append_hex (GString  *out,
            gunichar  c)
{
  char digits[8];
  int n = 0;

  do
    {
      digits[n++] = "0123456789abcdef"[c & 0xf];
      c >>= 4;
    }
  while (c != 0);

  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* Writes each distinct gram of @grams, space-separated: its characters'
 * code points in hexadecimal, joined by 'x' ("61x69" for "ai"), which the
 * ascii tokenizer of FTS5 takes for one token whatever the characters.
 * @quote puts each in double quotes, for a MATCH expression.
 */
static char *
write_grams (GArray   *grams,
             gboolean  quote)
{
  GString *out = g_string_sized_new (grams->len * 8);

  g_array_sort (grams, compare_grams);
  for (guint i = 0; i < grams->len; i++)
    {
      guint64 key = g_array_index (grams, guint64, i);

      if (i > 0 && key == g_array_index (grams, guint64, i - 1))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (quote)
        g_string_append_c (out, '"');
      if (key >> 32 != 0)
        {
          append_hex (out, key >> 32);
          g_string_append_c (out, 'x');
        }
      append_hex (out, key & 0xffffffff);
      if (quote)
        g_string_append_c (out, '"');
    }

  return g_string_free (out, FALSE);
}

char *
_nawat_search_grams (const char *text,
                     gsize       length)
{
  g_autoptr(GArray) grams = g_array_sized_new (FALSE, FALSE, sizeof (guint64), length);

  collect_grams (text, length, TRUE, TRUE, grams);
  return write_grams (grams, FALSE);
}

char *
_nawat_search_grams_match (const char * const *words,
                           guint               n_words)
{
  g_autoptr(GArray) grams = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint i = 0; i < n_words; i++)
    {
      gsize length = strlen (words[i]);

      /* A word of one character is that character; a longer one (a pair,
       * or more if casefolding lengthened it) is each of its pairs.
       */
      collect_grams (words[i], length, g_utf8_strlen (words[i], length) == 1, TRUE, grams);
    }

  return write_grams (grams, TRUE);
}

static gboolean
is_thai_leading_vowel (gunichar c)
{
  return c >= 0x0E40 && c <= 0x0E44;
}

static gboolean
is_thai_consonant (gunichar c)
{
  return c >= 0x0E01 && c <= 0x0E2E;
}

char *
_nawat_sort_key (const char *title)
{
  g_autofree char *folded = NULL;
  GString *key;

  if (title == NULL)
    return g_strdup ("");

  folded = _nawat_casefold (title);
  key = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_thai_leading_vowel (c) && *next && is_thai_consonant (g_utf8_get_char (next)))
        {
          g_string_append_unichar (key, g_utf8_get_char (next));
          g_string_append_unichar (key, c);
          p = next;
          continue;
        }

      g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
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
