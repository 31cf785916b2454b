/* nawat-store-reader.c: a read-only connection of its own to a store's file
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store-read-private.h"

#include "nawat-store-internal-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* The columns a row can have (NawatStoreRow). */
typedef enum
{
  COLUMN_END,
  COLUMN_PROJECT,
  COLUMN_CODE,
  COLUMN_TITLE_TH,
  COLUMN_TITLE_EN,
  COLUMN_PROVINCE,
  COLUMN_PRIMARY_DOMAIN,
  COLUMN_DOMAINS,
  COLUMN_ASSIGNED,
  COLUMN_EVALUATION,
  COLUMN_EVALUATOR,
  COLUMN_STATUS,
  COLUMN_RECOMMENDATION,
  COLUMN_RUBRIC,
  COLUMN_SCORES,
  COLUMN_REACH,
  COLUMN_CONFLICT,
  COLUMN_BUDGET,
  COLUMN_CONFIDENCE,
  COLUMN_CONFLICT_TYPE,
  COLUMN_RECUSALS,
  COLUMN_JSON,
  COLUMN_DOCUMENTS,
} Column;

static const gsize text_offsets[] = {
  [COLUMN_PROJECT] = G_STRUCT_OFFSET (NawatStoreRow, project),
  [COLUMN_CODE] = G_STRUCT_OFFSET (NawatStoreRow, code),
  [COLUMN_TITLE_TH] = G_STRUCT_OFFSET (NawatStoreRow, title_th),
  [COLUMN_TITLE_EN] = G_STRUCT_OFFSET (NawatStoreRow, title_en),
  [COLUMN_PROVINCE] = G_STRUCT_OFFSET (NawatStoreRow, province),
  [COLUMN_PRIMARY_DOMAIN] = G_STRUCT_OFFSET (NawatStoreRow, primary_domain),
  [COLUMN_DOMAINS] = G_STRUCT_OFFSET (NawatStoreRow, domains),
  [COLUMN_ASSIGNED] = G_STRUCT_OFFSET (NawatStoreRow, assigned),
  [COLUMN_EVALUATION] = G_STRUCT_OFFSET (NawatStoreRow, evaluation),
  [COLUMN_EVALUATOR] = G_STRUCT_OFFSET (NawatStoreRow, evaluator),
  [COLUMN_STATUS] = G_STRUCT_OFFSET (NawatStoreRow, status),
  [COLUMN_RECOMMENDATION] = G_STRUCT_OFFSET (NawatStoreRow, recommendation),
  [COLUMN_RUBRIC] = G_STRUCT_OFFSET (NawatStoreRow, rubric),
  [COLUMN_SCORES] = G_STRUCT_OFFSET (NawatStoreRow, scores),
  [COLUMN_REACH] = G_STRUCT_OFFSET (NawatStoreRow, reach),
  [COLUMN_CONFLICT_TYPE] = G_STRUCT_OFFSET (NawatStoreRow, conflict_type),
  [COLUMN_RECUSALS] = G_STRUCT_OFFSET (NawatStoreRow, recusals),
  [COLUMN_DOCUMENTS] = G_STRUCT_OFFSET (NawatStoreRow, documents),
};

#define MAX_COLUMNS 20

/* How much of the store's file a reader maps into memory rather than
 * copying each page it reads with a system call: a read of a whole call
 * (an export, the statistics) goes over most of the file.  SQLite keeps
 * to its own limit (SQLITE_MAX_MMAP_SIZE, 2 GiB by default) and falls
 * back on reading when the mapping fails; inside a read transaction no
 * checkpoint shrinks the file under the mapping.
 */
#define READER_MMAP_SIZE 2147418112

/* A project's files, a JSON array in the order of their names: each
 * file's name, content type, length and digest from its stub, and its
 * pages when its text has been read (json_patch() drops "pages": null).
 */
#define DOCUMENTS_SQL \
  "(SELECT json_group_array (json (d)) FROM (SELECT json_patch ('{}', json_object (" \
  "'name', j.key, 'content_type', json_extract (j.value, '$.content_type'), " \
  "'length', json_extract (j.value, '$.length'), " \
  "'digest', json_extract (j.value, '$.digest'), " \
  "'pages', (SELECT t.pages FROM blobs AS b JOIN file_texts AS t ON t.sha256 = b.sha256 " \
  "WHERE b.digest = json_extract (j.value, '$.digest') AND t.state = 1 LIMIT 1))) AS d " \
  "FROM json_each (projects.json, '$._attachments') AS j ORDER BY j.key))"

/* Each read's SQL (the score keys' column goes where "%s" is) and its
 * columns, in order.  Every one follows an index: projects (id), (call,
 * code), evaluations (id), (project, evaluator).
 */
static const struct
{
  const char *sql;
  Column      columns[MAX_COLUMNS];
} reads[NAWAT_STORE_N_READS] = {
  [NAWAT_STORE_READ_PROJECT] = {
    "SELECT json FROM projects WHERE id = ?1",
    { COLUMN_JSON },
  },
  [NAWAT_STORE_READ_PROJECT_TITLE] = {
    "SELECT code, title_th, title_en FROM projects WHERE id = ?1",
    { COLUMN_CODE, COLUMN_TITLE_TH, COLUMN_TITLE_EN },
  },
  [NAWAT_STORE_READ_PROJECT_EVALUATIONS] = {
    "SELECT json FROM evaluations WHERE project = ?1 ORDER BY project, evaluator",
    { COLUMN_JSON },
  },
  [NAWAT_STORE_READ_EVALUATION] = {
    "SELECT json FROM evaluations WHERE id = ?1",
    { COLUMN_JSON },
  },
  [NAWAT_STORE_READ_CALL_PROJECTS] = {
    "SELECT id FROM projects WHERE call = ?1 ORDER BY call, code",
    { COLUMN_PROJECT },
  },
  [NAWAT_STORE_READ_CALL_ASSIGNMENTS] = {
    "SELECT id, json_extract (json, '$.assigned') FROM projects "
    "WHERE call = ?1 ORDER BY call, code",
    { COLUMN_PROJECT, COLUMN_ASSIGNED },
  },
  [NAWAT_STORE_READ_CALL_WORK] = {
    "SELECT id, code, title_th, title_en, json_extract (json, '$.assigned') FROM projects "
    "WHERE call = ?1 ORDER BY call, code",
    { COLUMN_PROJECT, COLUMN_CODE, COLUMN_TITLE_TH, COLUMN_TITLE_EN, COLUMN_ASSIGNED },
  },
  /* The evaluations' columns only: no document is read. */
  [NAWAT_STORE_READ_CALL_STATUSES] = {
    "SELECT p.id, e.evaluator, e.status, e.conflict "
    "FROM projects AS p JOIN evaluations AS e ON e.project = p.id "
    "WHERE p.call = ?1 ORDER BY p.call, p.code, e.evaluator",
    { COLUMN_PROJECT, COLUMN_EVALUATOR, COLUMN_STATUS, COLUMN_CONFLICT },
  },
  [NAWAT_STORE_READ_CALL_EXPORT] = {
    "SELECT id, code, title_th, title_en, province, primary_domain, reach, json "
    "FROM projects WHERE call = ?1 ORDER BY call, code",
    { COLUMN_PROJECT, COLUMN_CODE, COLUMN_TITLE_TH, COLUMN_TITLE_EN, COLUMN_PROVINCE,
      COLUMN_PRIMARY_DOMAIN, COLUMN_REACH, COLUMN_JSON },
  },
  [NAWAT_STORE_READ_PROJECT_EXPORT] = {
    "SELECT json_extract (json, '$.domains'), json_extract (json, '$.assigned'), "
    "json_extract (json, '$.recusals'), json_extract (json, '$.budget_thb'), "
    DOCUMENTS_SQL " "
    "FROM projects WHERE id = ?1",
    { COLUMN_DOMAINS, COLUMN_ASSIGNED, COLUMN_RECUSALS, COLUMN_BUDGET, COLUMN_DOCUMENTS },
  },
  /* The documents are read whole, by the caller's scanner: SQLite's
   * json_extract() parses a document once per path.
   */
  [NAWAT_STORE_READ_CALL_RATING_DOCUMENTS] = {
    "SELECT p.id, e.id, e.evaluator, e.status, e.conflict, e.json "
    "FROM projects AS p JOIN evaluations AS e ON e.project = p.id "
    "WHERE p.call = ?1 ORDER BY p.call, p.code, e.evaluator",
    { COLUMN_PROJECT, COLUMN_EVALUATION, COLUMN_EVALUATOR, COLUMN_STATUS, COLUMN_CONFLICT,
      COLUMN_JSON },
  },
  [NAWAT_STORE_READ_RATING_OF_DOCUMENT] = {
    "SELECT json_extract (e.json, '$.recommendation'), json_extract (e.json, '$.confidence'), %s "
    "FROM evaluations AS e WHERE e.id = ?1",
    { COLUMN_RECOMMENDATION, COLUMN_CONFIDENCE, COLUMN_SCORES },
  },
  /* The scores leave SQLite as one small JSON array per row: no
   * evaluation document is parsed whole, which is most of the cost of an
   * export.
   */
  [NAWAT_STORE_READ_CALL_EVALUATIONS] = {
    "SELECT p.id, p.code, p.title_th, p.title_en, p.province, p.primary_domain, "
    "json_extract (p.json, '$.reach'), json_extract (p.json, '$.budget_thb'), "
    "e.id, e.evaluator, e.status, json_extract (e.json, '$.recommendation'), "
    "json_extract (e.json, '$.conflict_of_interest.declared'), "
    "json_extract (e.json, '$.rubric'), json_extract (e.json, '$.confidence'), "
    "json_extract (e.json, '$.conflict_of_interest.type'), %s "
    "FROM projects AS p JOIN evaluations AS e ON e.project = p.id "
    "WHERE p.call = ?1 ORDER BY p.call, p.code, e.evaluator",
    { COLUMN_PROJECT, COLUMN_CODE, COLUMN_TITLE_TH, COLUMN_TITLE_EN, COLUMN_PROVINCE,
      COLUMN_PRIMARY_DOMAIN, COLUMN_REACH, COLUMN_BUDGET, COLUMN_EVALUATION, COLUMN_EVALUATOR,
      COLUMN_STATUS, COLUMN_RECOMMENDATION, COLUMN_CONFLICT, COLUMN_RUBRIC, COLUMN_CONFIDENCE,
      COLUMN_CONFLICT_TYPE, COLUMN_SCORES },
  },
  [NAWAT_STORE_READ_CALL_EVALUATION_DOCUMENTS] = {
    "SELECT e.project, e.json FROM projects AS p JOIN evaluations AS e ON e.project = p.id "
    "WHERE p.call = ?1 ORDER BY p.call, p.code, e.evaluator",
    { COLUMN_PROJECT, COLUMN_JSON },
  },
};

struct _NawatStoreCursor
{
  NawatStoreReader *reader;
  sqlite3_stmt     *stmt;
  const Column     *columns;
  /* a statement of the reader's, kept for the next query */
  gboolean          cached;
};

struct _NawatStoreReader
{
  char             *path;
  sqlite3          *db;
  NawatStoreCursor *cursors[NAWAT_STORE_N_READS];
};

static void
reader_set_error (NawatStoreReader  *self,
                  GError           **error)
{
  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
               _("Cannot read the store %s: %s"),
               self->path, self->db != NULL ? sqlite3_errmsg (self->db) : _("out of memory"));
}

NawatStoreReader *
_nawat_store_reader_open_flags (const char  *path,
                                int          flags,
                                GError     **error)
{
  g_autoptr(NawatStoreReader) self = g_new0 (NawatStoreReader, 1);

  self->path = g_strdup (path);
  self->db = _nawat_store_open_reader (path, flags, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* A reader of a whole call maps the file; the project list's reader,
 * which reads a page of rows at a time for as long as the window is open,
 * does not, so that the window's memory does not grow with the store.
 */
NawatStoreReader *
_nawat_store_reader_open (const char  *path,
                          GError     **error)
{
  NawatStoreReader *self = _nawat_store_reader_open_flags (path, SQLITE_OPEN_NOMUTEX, error);

  if (self != NULL)
    sqlite3_exec (self->db, "PRAGMA mmap_size = " G_STRINGIFY (READER_MMAP_SIZE), NULL, NULL,
                  NULL);
  return self;
}

sqlite3 *
_nawat_store_reader_get_db (NawatStoreReader *self)
{
  return self->db;
}

const char *
_nawat_store_reader_get_path (NawatStoreReader *self)
{
  return self->path;
}

static void
cursor_free (NawatStoreCursor *cursor)
{
  sqlite3_finalize (cursor->stmt);
  g_free (cursor);
}

void
_nawat_store_reader_free (NawatStoreReader *self)
{
  if (self == NULL)
    return;
  /* Its statements go before the connection they were made on. */
  for (guint i = 0; i < NAWAT_STORE_N_READS; i++)
    g_clear_pointer (&self->cursors[i], cursor_free);
  if (self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_free (self->path);
  g_free (self);
}

gboolean
_nawat_store_reader_begin (NawatStoreReader  *self,
                           GError           **error)
{
  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      reader_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
_nawat_store_reader_commit (NawatStoreReader *self)
{
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

guint
_nawat_store_reader_count_projects (NawatStoreReader *self,
                                    const char       *call_id)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM projects WHERE call = ?1", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  n = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  return n;
}

static NawatStoreCursor *
cursor_new (NawatStoreReader  *self,
            NawatStoreRead     what,
            const char        *sql,
            GError           **error)
{
  NawatStoreCursor *cursor;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      reader_set_error (self, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  cursor = g_new0 (NawatStoreCursor, 1);
  cursor->reader = self;
  cursor->stmt = stmt;
  cursor->columns = reads[what].columns;
  return cursor;
}

static NawatStoreCursor *
cursor_start (NawatStoreCursor *cursor,
              const char       *arg)
{
  sqlite3_reset (cursor->stmt);
  sqlite3_bind_text (cursor->stmt, 1, arg, -1, SQLITE_TRANSIENT);
  return cursor;
}

NawatStoreCursor *
_nawat_store_reader_query (NawatStoreReader  *self,
                           NawatStoreRead     what,
                           const char        *arg,
                           GError           **error)
{
  g_assert (what < NAWAT_STORE_N_READS && strstr (reads[what].sql, "%s") == NULL);

  if (self->cursors[what] == NULL)
    {
      self->cursors[what] = cursor_new (self, what, reads[what].sql, error);
      if (self->cursors[what] == NULL)
        return NULL;
      self->cursors[what]->cached = TRUE;
    }
  return cursor_start (self->cursors[what], arg);
}

NawatStoreCursor *
_nawat_store_reader_query_scores (NawatStoreReader    *self,
                                  NawatStoreRead       what,
                                  const char          *arg,
                                  const char * const  *keys,
                                  GError             **error)
{
  g_autoptr(GString) scores = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *hole;
  NawatStoreCursor *cursor;

  g_assert (what < NAWAT_STORE_N_READS);
  hole = strstr (reads[what].sql, "%s");
  g_assert (hole != NULL);

  _nawat_store_append_scores_sql (scores, keys, "e.json");
  g_string_append_len (sql, reads[what].sql, hole - reads[what].sql);
  g_string_append (sql, scores->str);
  g_string_append (sql, hole + 2);
  cursor = cursor_new (self, what, sql->str, error);
  return cursor != NULL ? cursor_start (cursor, arg) : NULL;
}

static void
cursor_fill (NawatStoreCursor *self,
             NawatStoreRow    *row)
{
  sqlite3_stmt *stmt = self->stmt;

  memset (row, 0, sizeof *row);
  row->budget = NAN;
  for (int i = 0; i < MAX_COLUMNS && self->columns[i] != COLUMN_END; i++)
    {
      Column column = self->columns[i];

      if (column == COLUMN_CONFLICT)
        row->conflict = sqlite3_column_int (stmt, i) != 0;
      else if (column == COLUMN_BUDGET)
        row->budget = sqlite3_column_type (stmt, i) == SQLITE_NULL ? NAN
                                                                   : sqlite3_column_double (stmt, i);
      else if (column == COLUMN_CONFIDENCE)
        row->confidence = sqlite3_column_int (stmt, i);
      else if (column == COLUMN_JSON)
        {
          row->json = (const char *) sqlite3_column_text (stmt, i);
          row->json_length = (gsize) sqlite3_column_bytes (stmt, i);
        }
      else
        G_STRUCT_MEMBER (const char *, row, text_offsets[column]) =
          (const char *) sqlite3_column_text (stmt, i);
    }
}

gboolean
_nawat_store_cursor_next (NawatStoreCursor  *self,
                          NawatStoreRow     *row,
                          GError           **error)
{
  int rc = sqlite3_step (self->stmt);

  if (rc == SQLITE_ROW)
    {
      cursor_fill (self, row);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    reader_set_error (self->reader, error);
  return FALSE;
}

void
_nawat_store_cursor_rewind (NawatStoreCursor *self)
{
  sqlite3_reset (self->stmt);
}

void
_nawat_store_cursor_restart (NawatStoreCursor *self,
                             const char       *arg)
{
  cursor_start (self, arg);
}

void
_nawat_store_cursor_close (NawatStoreCursor *self)
{
  if (self == NULL)
    return;
  if (self->cached)
    sqlite3_reset (self->stmt);
  else
    cursor_free (self);
}

/* A JSON path for @key, quoted: keys are [a-z0-9-] parts joined by '.'. */
static void
append_score_path (GString    *sql,
                   const char *key)
{
  g_string_append (sql, ", '$.scores.\"");
  for (const char *p = key; *p != '\0'; p++)
    {
      /* Anything else could not be in a path: the codec refuses it. */
      if (*p == '\'' || *p == '"' || *p == '\\')
        continue;
      g_string_append_c (sql, *p);
    }
  g_string_append (sql, "\"'");
}

/* json_extract() with two paths or more returns a JSON array of the
 * values, one parse per row; the first key is repeated when alone.
 */
void
_nawat_store_append_scores_sql (GString            *sql,
                                const char * const *keys,
                                const char         *json_column)
{
  guint n_keys = keys != NULL ? g_strv_length ((char **) keys) : 0;

  g_string_append_printf (sql, "json_extract (%s", json_column);
  for (guint i = 0; i < MAX (n_keys, 2); i++)
    append_score_path (sql, n_keys > 0 ? keys[i % n_keys] : "");
  g_string_append_c (sql, ')');
}
