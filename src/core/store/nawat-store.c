/* nawat-store.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-codec.h"
#include "nawat-store-internal-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* Files larger than this skip PRAGMA quick_check at open: it reads every
 * page, and the start-up time must not grow with the store.  SQLite still
 * reports damaged pages (SQLITE_CORRUPT) whenever it reads them.
 */
#define QUICK_CHECK_MAX_SIZE (8 * 1024 * 1024)
/* How long a connection waits for another (a process or a thread) that
 * holds the write lock before it reports the store busy.
 */
#define STORE_BUSY_TIMEOUT_MS 5000

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

gboolean
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

gboolean
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
void
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
                              "PRAGMA cache_size = -" G_STRINGIFY (STORE_CACHE_KIB) ";"
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

static void
nawat_store_dispose (GObject *object)
{
  _nawat_store_indexer_stop (NAWAT_STORE (object));
  _nawat_store_file_texts_stop (NAWAT_STORE (object));

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
  g_mutex_clear (&self->file_texts_lock);
  _nawat_store_queue_free (self);
  g_mutex_clear (&self->queue_lock);
  g_cond_clear (&self->saves_done);
  g_mutex_clear (&self->signals_lock);
  g_clear_pointer (&self->changed_pending, g_ptr_array_unref);
  g_clear_pointer (&self->changed_set, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

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
   * evaluations, whichever thread wrote: from the loop of the main
   * context the store was opened in (the thread-default one of the
   * thread that opened it), once for each project changed since the
   * last emission.
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
   * #NawatStore::project-changed it is emitted from the loop of the
   * store's main context.
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
  g_mutex_init (&self->file_texts_lock);
  g_mutex_init (&self->queue_lock);
  g_cond_init (&self->saves_done);
  g_mutex_init (&self->signals_lock);
  self->context = g_main_context_ref_thread_default ();
  _nawat_store_set_index_upto (self, -1);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            store_stmt_finalize);
  self->rubrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Whether a handler waits for the store's signals: without one, a write
 * queues none (nawat-cli, which runs no main loop).
 */
gboolean
_nawat_store_has_listeners (NawatStore *self)
{
  return g_signal_has_handler_pending (self, signals[PROJECT_CHANGED], 0, FALSE)
         || g_signal_has_handler_pending (self, signals[RESET], 0, FALSE);
}

void
_nawat_store_emit_project_changed_now (NawatStore *self,
                                       const char *project_id)
{
  g_signal_emit (self, signals[PROJECT_CHANGED], 0, project_id);
}

void
_nawat_store_emit_reset_now (NawatStore *self)
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

GMutex *
_nawat_store_get_lock (NawatStore *self)
{
  return &self->lock;
}

sqlite3 *
_nawat_store_open_reader (const char  *path,
                          int          flags,
                          GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_set_error_literal (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                           _("A store in memory cannot be read from another connection: "
                             "this needs a store in a file"));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | flags, NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, db, rc, path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, STORE_BUSY_TIMEOUT_MS);

  return db;
}

/* Statements */

gboolean
_nawat_store_exec_with_id (NawatStore  *self,
                           const char  *sql,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  return store_step_done (self, stmt, error);
}

/* Rubrics */

NawatRubric *
_nawat_store_lookup_rubric (NawatStore *self,
                            const char *id)
{
  NawatRubric *rubric;
  g_autofree char *json = NULL;

  if (id == NULL)
    return NULL;

  rubric = g_hash_table_lookup (self->rubrics, id);
  if (rubric != NULL)
    return rubric;

  if (_nawat_store_query_text_for_text (self, "SELECT json FROM rubrics WHERE id = ?", id, &json,
                                        NULL) && json != NULL)
    {
      g_autoptr(NawatDocument) doc = nawat_codec_from_data (json, -1, NULL);

      if (doc != NULL && NAWAT_IS_RUBRIC (doc))
        rubric = NAWAT_RUBRIC (g_steal_pointer (&doc));
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

/* Counting */

gint64
_nawat_store_count (NawatStore *self,
                    const char *sql)
{
  g_autoptr(NawatStoreStmt) stmt = store_prepare (self, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

gboolean
nawat_store_is_empty (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;

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

/* One-parameter queries */

/* Runs @sql with @param as its one text parameter, up to its first row:
 * @row is the statement on that row, or NULL when there is none.
 */
static gboolean
step_for_text (NawatStore      *self,
               const char      *sql,
               const char      *param,
               NawatStoreStmt **row,
               GError         **error)
{
  NawatStoreStmt *stmt = store_prepare (self, sql, error);
  int rc;

  *row = NULL;
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, param);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *row = stmt;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    _nawat_store_set_error (error, self->db, rc, self->path);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
_nawat_store_query_int_for_text (NawatStore  *self,
                                 const char  *sql,
                                 const char  *param,
                                 gint64      *value,
                                 GError     **error)
{
  g_autoptr(NawatStoreStmt) row = NULL;

  if (!step_for_text (self, sql, param, &row, error))
    return FALSE;
  if (row != NULL)
    *value = sqlite3_column_int64 (row, 0);
  return TRUE;
}

gboolean
_nawat_store_query_text_for_text (NawatStore  *self,
                                  const char  *sql,
                                  const char  *param,
                                  char       **value,
                                  GError     **error)
{
  g_autoptr(NawatStoreStmt) row = NULL;

  *value = NULL;
  if (!step_for_text (self, sql, param, &row, error))
    return FALSE;
  if (row != NULL)
    *value = g_strdup ((const char *) sqlite3_column_text (row, 0));
  return TRUE;
}
