/* nawat-store-internal-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the files of src/core/store/ share, and only they include: the
 * store's structure, the statement helpers and the functions one file of
 * the store uses from another.
 */

#include <sqlite3.h>

#include "nawat-scoring.h"
#include "nawat-store-private.h"
#include "nawat-store-read-private.h"

G_BEGIN_DECLS

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

  /* A pull's batch is being applied: its writes bring the server's
   * version, not a local change (nawat-store-documents.c).
   */
  gboolean     pulling;
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

  /* The database thread (nawat-store-queue.c): its jobs, run one at a
   * time in the order asked for, how many of them are saves not made yet,
   * and the thread running a job (NULL between jobs).
   */
  GMutex       queue_lock;
  GCond        saves_done;
  GThreadPool *queue;
  guint        n_saves;
  GThread     *queue_thread;

  /* The signals of writes, waiting for the main context the store was
   * opened in: the projects changed, in order, and whether a reset is.
   */
  GMainContext *context;
  GMutex        signals_lock;
  GPtrArray    *changed_pending;
  GHashTable   *changed_set;
  gboolean      reset_pending;
  gboolean      signals_queued;

  /* The pool that reads the files' text (nawat-store-file-text.c), its
   * stop request, and whether a pass is waiting to begin.
   */
  GMutex        file_texts_lock;
  GThreadPool  *file_texts_pool;
  gint          file_texts_stop;
  gint          file_texts_queued;
};

/* A row of the checkpoints table that no database name can take (they
 * start with a letter), present while the search index catches up after a
 * pull into an empty store: its value is the key of the last project in
 * the index.
 */
#define PULL_FTS_MARKER "#search-index-pending"

/* The page cache of the store's connection, in KiB, and that of an import
 * while it runs (nawat-store-import.c).
 */
#define STORE_CACHE_KIB 32768
#define STORE_IMPORT_CACHE_KIB 262144

/* Statements: small, and used by every file of the store, so they are
 * defined here (static inline) rather than called across files.
 */

/* A statement taken from the cache; reset when it goes out of scope so that
 * no read transaction stays open.
 */
typedef sqlite3_stmt NawatStoreStmt;

static inline void
store_stmt_release (NawatStoreStmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatStoreStmt, store_stmt_release)

static inline NawatStoreStmt *
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

static inline gboolean
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

static inline gboolean
store_exec (NawatStore  *self,
            const char  *sql,
            GError     **error)
{
  NawatStoreStmt *stmt = store_prepare (self, sql, error);

  return stmt != NULL && store_step_done (self, stmt, error);
}

/* The text of the first column of every row @stmt gives. */
static inline GStrv
store_collect_strv (NawatStore    *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static inline void
bind_text_static (sqlite3_stmt *stmt,
                  int           column,
                  const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* Runs one statement of up to four text parameters, ?1 to ?4, the lock
 * taken here.
 */
static inline gboolean
store_write (NawatStore  *self,
             const char  *sql,
             const char  *a,
             const char  *b,
             const char  *c,
             const char  *d,
             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
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

static inline void
rollback (NawatStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A write that failed: the transaction is rolled back, the rubrics read
 * inside it are forgotten (they may be gone with it), and the lock is let
 * go.  Returns FALSE, for the caller to return.
 */
static inline gboolean
store_abandon_write (NawatStore *self)
{
  rollback (self);
  g_hash_table_remove_all (self->rubrics);
  g_mutex_unlock (&self->lock);
  return FALSE;
}

/* nawat-store.c */

gboolean         _nawat_store_exec_sql                   (sqlite3             *db,
                                                          const char          *sql,
                                                          GError             **error);
gboolean         _nawat_store_query_int                  (sqlite3             *db,
                                                          const char          *sql,
                                                          gint64              *value,
                                                          GError             **error);
/* Under the lock. */
void             _nawat_store_set_index_upto             (NawatStore          *self,
                                                          gint64               upto);
gboolean         _nawat_store_has_listeners              (NawatStore          *self);
void             _nawat_store_emit_project_changed_now   (NawatStore          *self,
                                                          const char          *project_id);
void             _nawat_store_emit_reset_now             (NawatStore          *self);
gboolean         _nawat_store_exec_with_id               (NawatStore          *self,
                                                          const char          *sql,
                                                          const char          *id,
                                                          GError             **error);
NawatRubric     *_nawat_store_lookup_rubric              (NawatStore          *self,
                                                          const char          *id);
gint64           _nawat_store_count                      (NawatStore          *self,
                                                          const char          *sql);
/* These two run @sql, of one text parameter @param, lock held, and read
 * the first column of its first row: @value is left as it is when there is
 * no row (the int), or is NULL (the text).
 */
gboolean         _nawat_store_query_int_for_text         (NawatStore          *self,
                                                          const char          *sql,
                                                          const char          *param,
                                                          gint64              *value,
                                                          GError             **error);
gboolean         _nawat_store_query_text_for_text        (NawatStore          *self,
                                                          const char          *sql,
                                                          const char          *param,
                                                          char               **value,
                                                          GError             **error);

/* nawat-store-schema.c */

gboolean         _nawat_store_register_functions         (sqlite3             *db,
                                                          GError             **error);

/* nawat-store-documents.c */

/* These three: the caller holds the lock and a transaction. */
gboolean         _nawat_store_add_terms                  (NawatStore          *self,
                                                          gint64               after,
                                                          gint64               upto,
                                                          GError             **error);
gboolean         _nawat_store_put_document               (NawatStore          *self,
                                                          NawatDocument       *document,
                                                          const char          *text,
                                                          GError             **error);
gboolean         _nawat_store_delete_document_locked     (NawatStore          *self,
                                                          const char          *id,
                                                          char               **project,
                                                          GError             **error);
/* Lock held. */
NawatDocument   *_nawat_store_document_from_column       (NawatStore          *self,
                                                          sqlite3_stmt        *stmt,
                                                          int                  column,
                                                          GType                type,
                                                          GError             **error);
/* These two take the lock. */
GPtrArray       *_nawat_store_list                       (NawatStore          *self,
                                                          const char          *sql,
                                                          const char          *param,
                                                          GType                type,
                                                          GError             **error);
gpointer         _nawat_store_get                        (NawatStore          *self,
                                                          const char          *sql,
                                                          const char          *id,
                                                          GType                type,
                                                          GError             **error);

/* nawat-store-round.c */

/* Project @id as stored, lock held; NAWAT_STORE_ERROR_NOT_FOUND when none. */
NawatDocument   *_nawat_store_read_project_locked        (NawatStore          *self,
                                                          const char          *id,
                                                          GError             **error);

/* nawat-store-attachments.c: the caller holds the lock and a transaction. */

gboolean         _nawat_store_put_attachments            (NawatStore          *self,
                                                          NawatProject        *project,
                                                          gint64               pk,
                                                          GError             **error);

/* nawat-store-evaluations.c */

gboolean         _nawat_store_check_evaluation           (NawatStore          *self,
                                                          NawatEvaluation     *evaluation,
                                                          NawatScore          *score,
                                                          GError             **error);
gboolean         _nawat_store_put_evaluation             (NawatStore          *self,
                                                          NawatEvaluation     *evaluation,
                                                          const char          *json,
                                                          gboolean             local,
                                                          GError             **error);
gboolean         _nawat_store_dup_evaluation_json_locked (NawatStore          *self,
                                                          const char          *id,
                                                          char               **json,
                                                          GError             **error);
NawatEvaluation *_nawat_store_edit                       (NawatStore          *self,
                                                          const char          *id,
                                                          NawatEvaluation     *initial,
                                                          NawatStoreEditFunc   edit,
                                                          gpointer             user_data,
                                                          gboolean             resolve,
                                                          GError             **error);

/* nawat-store-queue.c */

void             _nawat_store_queue_push                 (NawatStore          *self,
                                                          GTask               *task,
                                                          GTaskThreadFunc      func,
                                                          gboolean             save);
void             _nawat_store_wait_for_saves             (NawatStore          *self);
void             _nawat_store_queue_free                 (NawatStore          *self);
/* Emitted on the store's main context, after the write. */
void             _nawat_store_emit_project_changed       (NawatStore          *self,
                                                          const char          *project_id);
void             _nawat_store_emit_reset                 (NawatStore          *self);

/* nawat-store-search.c */

void             _nawat_store_indexer_stop               (NawatStore          *self);

/* FTS5's own merge policy, which the indexes keep outside a catching up
 * or an import.
 */
#define NAWAT_FTS5_AUTOMERGE   4
#define NAWAT_FTS5_CRISISMERGE 16

/* Sets 'automerge' and 'crisismerge' of both search indexes; the caller
 * holds the lock and a transaction.
 */
gboolean         _nawat_store_set_merge_policy           (NawatStore          *self,
                                                          int                  automerge,
                                                          int                  crisismerge,
                                                          GError             **error);

/* nawat-store-file-text.c */
void             _nawat_store_file_texts_stop            (NawatStore          *self);

/* nawat-store-reader.c: a reader's connection, opened with @flags added
 * to SQLITE_OPEN_READONLY
 */

NawatStoreReader *_nawat_store_reader_open_flags         (const char          *path,
                                                          int                  flags,
                                                          GError             **error);
sqlite3         *_nawat_store_reader_get_db              (NawatStoreReader    *self);
const char      *_nawat_store_reader_get_path            (NawatStoreReader    *self);

G_END_DECLS
