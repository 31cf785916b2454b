/* nawat-project-list-worker.c: the list's worker thread and its queries
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project-list-private.h"

/* The worker, on its thread */

static gboolean
worker_open (Worker  *worker,
             GError **error)
{
  if (worker->db != NULL)
    return TRUE;

  worker->db = _nawat_store_open_reader (worker->path, SQLITE_OPEN_FULLMUTEX, error);
  if (worker->db == NULL)
    return FALSE;

  /* A keystroke counts the matches, then orders them for the page: with
   * room for what the count read (a long word of common trigrams reads
   * hundreds of pages of the index), the page reads nothing twice.
   */
  sqlite3_exec (worker->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
  return TRUE;
}

static gboolean
worker_prepare (Worker        *worker,
                const char    *sql,
                GPtrArray     *params,
                sqlite3_stmt **stmt,
                GError       **error)
{
  int rc;

  if (!worker_open (worker, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (worker->db, sql, -1, stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, worker->db, rc, worker->path);
      sqlite3_finalize (*stmt);
      *stmt = NULL;
      return FALSE;
    }

  _nawat_project_list_bind_params (*stmt, params);
  return TRUE;
}

static gboolean
worker_count (Worker      *worker,
              const char  *sql,
              GPtrArray   *params,
              guint       *count,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!worker_prepare (worker, sql, params, &stmt, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _nawat_store_set_error (error, worker->db, rc, worker->path);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static OwnState *
own_state_from_stmt (sqlite3_stmt *stmt,
                     int           first)
{
  OwnState *state = g_new0 (OwnState, 1);

  state->status = sqlite3_column_int (stmt, first);
  state->has_composite = sqlite3_column_type (stmt, first + 1) != SQLITE_NULL;
  state->composite = sqlite3_column_double (stmt, first + 1);
  state->seq = sqlite3_column_int64 (stmt, first + 2);

  return state;
}

/* Brings the snapshot up to date: everything when it is not valid, else
 * only the evaluations written since it was last read.
 */
static gboolean
worker_refresh_snapshot (Worker       *worker,
                         const Query  *query,
                         GError      **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!worker->snapshot_valid || g_strcmp0 (worker->snapshot_evaluator, query->evaluator) != 0)
    {
      g_hash_table_remove_all (worker->snapshot);
      g_free (worker->snapshot_evaluator);
      worker->snapshot_evaluator = g_strdup (query->evaluator);
      worker->snapshot_seq = -1;
      worker->snapshot_valid = TRUE;
    }

  if (query->evaluator == NULL)
    return TRUE;

  _nawat_project_list_params_add_int (params, worker->snapshot_seq);
  _nawat_project_list_params_add_string (params, query->evaluator);
  if (!worker_prepare (worker,
                       "SELECT e.project, " NAWAT_STORE_STATUS_SQL ", e.composite, e.seq"
                       " FROM evaluations e WHERE e.seq > ? AND e.evaluator = ?",
                       params, &stmt, error))
    {
      worker->snapshot_valid = FALSE;
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwnState *state = own_state_from_stmt (stmt, 1);

      worker->snapshot_seq = MAX (worker->snapshot_seq, state->seq);
      g_hash_table_replace (worker->snapshot,
                            g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                            state);
    }

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      worker->snapshot_valid = FALSE;
      _nawat_store_set_error (error, worker->db, rc, worker->path);
      return FALSE;
    }

  /* Evaluations of other evaluators count too: their seq is below ours. */
  {
    guint max_seq = 0;
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    if (!worker_count (worker, "SELECT coalesce (max (seq), 0) FROM evaluations", none,
                       &max_seq, error))
      return FALSE;
    worker->snapshot_seq = MAX (worker->snapshot_seq, (gint64) max_seq);
  }

  return TRUE;
}

static gboolean worker_count_search (Worker       *worker,
                                     const Query  *query,
                                     guint        *count,
                                     gboolean     *truncated,
                                     GError      **error);

/* The number of rows of @query as stored; a whole call is counted by the
 * store as it writes, so that opening it does not read every row.
 */
static gboolean
worker_count_all (Worker       *worker,
                  const Query  *query,
                  guint        *count,
                  GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (!_nawat_project_list_query_is_filtered (query))
    {
      _nawat_project_list_params_add_string (params, query->call_id ? query->call_id : "");
      return worker_count (worker,
                           "SELECT coalesce ((SELECT n FROM project_counts WHERE call = ?), 0)",
                           params, count, error);
    }

  /* A search alone: count its matches without visiting the projects. */
  if (_nawat_project_list_query_is_search_only (query))
    {
      gboolean truncated;

      return worker_count_search (worker, query, count, &truncated, error);
    }

  _nawat_project_list_build_from_where (query, TRUE, FALSE, sql, params);
  return worker_count (worker, sql->str, params, count, error);
}

/* The matches of the search, up to the list's limit, and whether there are
 * more than that.
 */
static gboolean
worker_count_search (Worker       *worker,
                     const Query  *query,
                     guint        *count,
                     gboolean     *truncated,
                     GError      **error)
{
  g_autoptr(GString) search = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  guint n;

  *truncated = FALSE;
  if (!_nawat_store_build_search (query->search, _nawat_project_list_search_call (query),
                                  NAWAT_PROJECT_LIST_SEARCH_LIMIT + 1, search, words))
    return worker_count_all (worker, &(Query) { .call_id = query->call_id, .status = -1 },
                             count, error);

  for (guint i = 0; i < words->len; i++)
    _nawat_project_list_params_add_string (params, g_ptr_array_index (words, i));
  g_string_printf (sql, "SELECT count(*) FROM (%s)", search->str);
  if (!worker_count (worker, sql->str, params, &n, error))
    return FALSE;

  *truncated = n > NAWAT_PROJECT_LIST_SEARCH_LIMIT;
  *count = MIN (n, NAWAT_PROJECT_LIST_SEARCH_LIMIT);
  return TRUE;
}

/* Whether the store holds projects of another call than @query's. */
static gboolean
worker_check_only_call (Worker       *worker,
                        const Query  *query,
                        GError      **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  guint n_other;

  _nawat_project_list_params_add_string (params, query->call_id ? query->call_id : "");
  if (!worker_count (worker, "SELECT count(*) FROM project_counts WHERE call != ? AND n > 0",
                     params, &n_other, error))
    return FALSE;

  worker->only_call = n_other == 0;
  return TRUE;
}

static gboolean worker_run_page (Worker  *worker,
                                 Task    *task,
                                 GError **error);

static gboolean
worker_run_count (Worker  *worker,
                  Task    *task,
                  GError **error)
{
  gboolean ok;

  if (!worker_open (worker, error))
    return FALSE;

  if (task->reset)
    worker->snapshot_valid = FALSE;

  /* The snapshot and the count come from one read transaction. */
  sqlite3_exec (worker->db, "BEGIN", NULL, NULL, NULL);
  ok = worker_check_only_call (worker, task->query, error);
  task->query->only_call = worker->only_call;
  ok = ok && (!_nawat_project_list_query_uses_status (task->query) ||
              worker_refresh_snapshot (worker, task->query, error));
  if (ok && task->query->search != NULL)
    {
      guint n_search;

      /* Alone, the search gives the count; with other filters, only
       * whether it was cut.
       */
      ok = worker_count_search (worker, task->query, &n_search, &task->truncated, error);
      if (_nawat_project_list_query_is_search_only (task->query))
        task->n_items = n_search;
      else
        ok = ok && worker_count_all (worker, task->query, &task->n_items, error);
    }
  else
    ok = ok && worker_count_all (worker, task->query, &task->n_items, error);
  /* The first page comes with the count: the list shows filled rows in
   * its first frame, without another trip to this thread.
   */
  if (ok && task->n_items > 0)
    {
      task->page = 0;
      ok = worker_run_page (worker, task, error);
    }
  sqlite3_exec (worker->db, "COMMIT", NULL, NULL, NULL);

  if (ok)
    worker->count = task->n_items;
  return ok;
}

static void
row_data_free (gpointer data)
{
  RowData *row = data;

  g_free (row->id);
  g_free (row->code);
  g_free (row->title_th);
  g_free (row->title_en);
  g_free (row->organisation);
  g_free (row->province);
  g_free (row->primary_domain);
  g_free (row);
}

static RowData *
row_data_from_stmt (sqlite3_stmt *stmt)
{
  RowData *row = g_new0 (RowData, 1);

  row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->title_th = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->title_en = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  row->province = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  row->primary_domain = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  row->status = sqlite3_column_int (stmt, 7);
  row->composite = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 8);

  return row;
}

#define ROW_COLUMNS \
  "SELECT p.id, p.code, p.title_th, p.title_en, p.organisation, p.province," \
  " p.primary_domain, " NAWAT_STORE_STATUS_SQL ", e.composite"

static gboolean
worker_run_page (Worker  *worker,
                 Task    *task,
                 GError **error)
{
  g_autoptr(GString) sql = g_string_new (ROW_COLUMNS);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *keys = _nawat_project_list_build_order_keys (task->query);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (_nawat_project_list_query_uses_status (task->query))
    {
      _nawat_project_list_build_from_where (task->query, TRUE, TRUE, sql, params);
      g_string_append_printf (sql, " ORDER BY %s LIMIT ? OFFSET ?", keys);
      _nawat_project_list_params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      _nawat_project_list_params_add_int (params,
                                          (gint64) task->page * NAWAT_PROJECT_LIST_PAGE_SIZE);
    }
  else if (_nawat_project_list_query_is_search_only (task->query) &&
           task->query->sort == NAWAT_PROJECT_SORT_CODE)
    {
      g_autoptr(GString) inner = g_string_new (NULL);

      /* A thousand matches are ordered in a narrow index of (key, call,
       * code), then the page's rows alone and their own evaluations are
       * read.
       */
      _nawat_project_list_build_from_where (task->query, TRUE, FALSE, inner, params);
      g_string_replace (inner, " FROM project_list p",
                        " FROM project_list p INDEXED BY project_list_order_code", 1);
      g_string_append_printf (sql, " FROM (SELECT p.pk%s ORDER BY p.code LIMIT ? OFFSET ?) AS s"
                              " JOIN project_list p ON p.pk = s.pk"
                              " LEFT JOIN evaluations e ON e.project = p.id AND e.evaluator = ?"
                              " ORDER BY p.code", inner->str);
      _nawat_project_list_params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      _nawat_project_list_params_add_int (params,
                                          (gint64) task->page * NAWAT_PROJECT_LIST_PAGE_SIZE);
      _nawat_project_list_params_add_string (params, task->query->evaluator);
    }
  else
    {
      /* The order does not depend on the evaluations: pick the page's
       * rows first, then look up the own evaluation of those alone.
       */
      g_string_append (sql, " FROM (SELECT p.id, p.code, p.title_th, p.title_en,"
                       " p.organisation, p.province, p.primary_domain, p.sort_th, p.sort_en");
      _nawat_project_list_build_from_where (task->query, TRUE, FALSE, sql, params);
      g_string_append_printf (sql, " ORDER BY %s LIMIT ? OFFSET ?) AS p"
                              " LEFT JOIN evaluations e ON e.project = p.id AND e.evaluator = ?"
                              " ORDER BY %s", keys, keys);
      _nawat_project_list_params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      _nawat_project_list_params_add_int (params,
                                          (gint64) task->page * NAWAT_PROJECT_LIST_PAGE_SIZE);
      _nawat_project_list_params_add_string (params, task->query->evaluator);
    }

  if (!worker_prepare (worker, sql->str, params, &stmt, error))
    return FALSE;

  task->rows = g_ptr_array_new_with_free_func (row_data_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (task->rows, row_data_from_stmt (stmt));

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, worker->db, rc, worker->path);
      return FALSE;
    }

  return TRUE;
}

/* A project whose own evaluation was written after the snapshot was read:
 * the list may still show it in its earlier state.
 */
typedef struct
{
  char     *id;
  char     *code;
  char     *sort_title;
  OwnState  shown;
} Recent;

static void
recent_free (gpointer data)
{
  Recent *recent = data;

  g_free (recent->id);
  g_free (recent->code);
  g_free (recent->sort_title);
  g_free (recent);
}

/* The state of a project as the list shows it, given its stored state. */
static OwnState
shown_state (Worker         *worker,
             const char     *project_id,
             const OwnState *stored)
{
  OwnState *known = g_hash_table_lookup (worker->snapshot, project_id);
  OwnState none = { NAWAT_PROJECT_STATUS_NOT_STARTED, FALSE, 0, 0 };

  if (stored->seq <= worker->snapshot_seq || (known != NULL && known->seq >= stored->seq))
    return *stored;

  return known != NULL ? *known : none;
}

/* The projects of the filter (status aside) written since the snapshot. */
static gboolean
worker_read_recent (Worker       *worker,
                    const Query  *query,
                    GPtrArray   **recent,
                    GError      **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  *recent = g_ptr_array_new_with_free_func (recent_free);
  if (query->evaluator == NULL)
    return TRUE;

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "SELECT p.id, p.code, %s, " NAWAT_STORE_STATUS_SQL
                          ", e.composite, e.seq", _nawat_project_list_sort_title_column (query));
  _nawat_project_list_build_from_where (query, FALSE, TRUE, sql, params);
  g_string_append (sql, " AND e.seq > ?");
  _nawat_project_list_params_add_int (params, worker->snapshot_seq);

  if (!worker_prepare (worker, sql->str, params, &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Recent *item = g_new0 (Recent, 1);
      g_autofree OwnState *stored = own_state_from_stmt (stmt, 3);

      item->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      item->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->sort_title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      item->shown = shown_state (worker, item->id, stored);
      g_ptr_array_add (*recent, item);
    }

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, worker->db, rc, worker->path);
      return FALSE;
    }

  return TRUE;
}

/* Counts the rows the list shows, except @project_id, that come before
 * @key (every row when @key is NULL).  Rows written since the snapshot are
 * counted in the state the list shows them in, not as stored.
 */
static gboolean
worker_shown_count (Worker       *worker,
                    const Query  *query,
                    GPtrArray    *recent,
                    const char   *project_id,
                    const Key    *key,
                    guint        *count,
                    GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  gboolean uses_status = _nawat_project_list_query_uses_status (query);

  _nawat_project_list_build_from_where (query, TRUE, uses_status, sql, params);

  if (project_id != NULL)
    {
      g_string_append (sql, " AND p.id != ?");
      _nawat_project_list_params_add_string (params, project_id);
    }

  if (key != NULL)
    {
      g_autofree char *order = _nawat_project_list_build_order_keys (query);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

      _nawat_project_list_key_to_params (query, key, values);
      g_string_append_printf (sql, " AND (%s) < (?", order);
      for (guint i = 1; i < values->len; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
      for (guint i = 0; i < values->len; i++)
        g_ptr_array_add (params, g_variant_ref (g_ptr_array_index (values, i)));
    }

  if (uses_status)
    {
      g_string_append (sql, " AND coalesce (e.seq, 0) <= ?");
      _nawat_project_list_params_add_int (params, worker->snapshot_seq);
    }

  if (!worker_count (worker, sql->str, params, count, error))
    return FALSE;

  for (guint i = 0; uses_status && recent != NULL && i < recent->len; i++)
    {
      Recent *item = g_ptr_array_index (recent, i);
      Key item_key = { item->code, item->sort_title, item->shown };

      if (g_strcmp0 (item->id, project_id) == 0 ||
          !_nawat_project_list_status_matches (query, item->shown.status))
        continue;
      if (key == NULL || _nawat_project_list_key_compare (query, &item_key, key) < 0)
        (*count)++;
    }

  return TRUE;
}

static gboolean
worker_run_changed (Worker  *worker,
                    Task    *task,
                    GError **error)
{
  const Query *query = task->query;
  g_autoptr(GString) sql = g_string_new (ROW_COLUMNS);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GPtrArray) recent = NULL;
  sqlite3_stmt *stmt = NULL;
  OwnState old_state = { NAWAT_PROJECT_STATUS_NOT_STARTED, FALSE, 0, 0 };
  OwnState new_state = { NAWAT_PROJECT_STATUS_NOT_STARTED, FALSE, 0, 0 };
  gboolean uses_status = _nawat_project_list_query_uses_status (query);
  RowData *row = NULL;
  g_autofree char *sort_title = NULL;
  gboolean ok = FALSE;
  guint total = 0;
  int rc;

  if (!worker_open (worker, error))
    return FALSE;

  sqlite3_exec (worker->db, "BEGIN", NULL, NULL, NULL);

  if (uses_status && !worker->snapshot_valid &&
      !worker_refresh_snapshot (worker, query, error))
    goto out;

  g_string_append_printf (sql, ", %s, e.seq", _nawat_project_list_sort_title_column (query));
  _nawat_project_list_build_from_where (query, FALSE, TRUE, sql, params);
  g_string_append (sql, " AND p.pk = (SELECT pk FROM projects WHERE id = ?)");
  _nawat_project_list_params_add_string (params, task->project_id);

  if (!worker_prepare (worker, sql->str, params, &stmt, error))
    goto out;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = row_data_from_stmt (stmt);
      sort_title = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      new_state.status = row->status;
      new_state.has_composite = row->composite >= 0;
      new_state.composite = row->composite;
      new_state.seq = sqlite3_column_int64 (stmt, 10);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, worker->db, rc, worker->path);
      goto out;
    }

  old_state = new_state;
  if (uses_status && row != NULL)
    old_state = shown_state (worker, task->project_id, &new_state);

  /* Other projects changed meanwhile still show their earlier state. */
  if (uses_status && !worker_read_recent (worker, query, &recent, error))
    goto out;

  if (row != NULL)
    {
      Key old_key = { row->code, sort_title, old_state };
      Key new_key = { row->code, sort_title, new_state };

      task->old_in = _nawat_project_list_status_matches (query, old_state.status);
      task->new_in = _nawat_project_list_status_matches (query, new_state.status);

      if (task->old_in &&
          !worker_shown_count (worker, query, recent, task->project_id, &old_key,
                               &task->old_pos, error))
        goto out;

      if (task->new_in && !uses_status)
        task->new_pos = task->old_pos;
      else if (task->new_in &&
               !worker_shown_count (worker, query, recent, task->project_id, &new_key,
                                    &task->new_pos, error))
        goto out;

      task->rows = g_ptr_array_new_with_free_func (row_data_free);
      g_ptr_array_add (task->rows, g_steal_pointer (&row));
    }

  /* What the list shows after this change; when it does not add up (a
   * project added or removed behind its back) everything is read again.
   */
  if (!_nawat_project_list_query_is_filtered (query))
    {
      if (!worker_count_all (worker, query, &total, error))
        goto out;
    }
  else
    {
      if (!worker_shown_count (worker, query, recent, task->project_id, NULL, &total, error))
        goto out;
      total += task->new_in ? 1 : 0;
    }

  if (uses_status && task->rows != NULL && query->evaluator != NULL)
    g_hash_table_replace (worker->snapshot, g_strdup (task->project_id),
                          g_memdup2 (&new_state, sizeof new_state));

  if (total != worker->count + (task->new_in ? 1 : 0) - (task->old_in ? 1 : 0))
    {
      task->recount = TRUE;
      worker->snapshot_valid = FALSE;
      if ((uses_status && !worker_refresh_snapshot (worker, query, error)) ||
          !worker_count_all (worker, query, &total, error))
        goto out;
    }

  task->n_items = total;
  worker->count = total;
  ok = TRUE;

out:
  if (row != NULL)
    row_data_free (row);
  sqlite3_exec (worker->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

void
_nawat_project_list_attach_idle (GMainContext   *context,
                                 GSourceFunc     func,
                                 gpointer        data,
                                 GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[nawat] project list");
  g_source_attach (source, context);
  g_source_unref (source);
}

/* Asked by SQLite every few thousand steps: a query of a filter that a
 * newer one replaced (the next keystroke) stops at once.
 */
static int
on_worker_progress_cb (gpointer user_data)
{
  Task *task = user_data;

  return task->generation != (guint) g_atomic_int_get (&task->shared->generation);
}

void
_nawat_project_list_worker_run (gpointer data,
                                gpointer user_data)
{
  Task *task = data;
  Worker *worker = user_data;

  /* Nothing to do when the list no longer shows what this task would read. */
  if (task->generation != (guint) g_atomic_int_get (&task->shared->generation) ||
      !worker_open (worker, &task->error))
    {
      _nawat_project_list_attach_idle (task->shared->context, _nawat_project_list_task_apply, task,
                                       _nawat_project_list_task_free);
      return;
    }

  sqlite3_progress_handler (worker->db, 4000, on_worker_progress_cb, task);
  task->query->only_call = worker->only_call;

  switch (task->kind)
    {
    case TASK_COUNT:
      worker_run_count (worker, task, &task->error);
      break;

    case TASK_PAGE:
      worker_run_page (worker, task, &task->error);
      break;

    case TASK_CHANGED:
      worker_run_changed (worker, task, &task->error);
      break;

    default:
      g_assert_not_reached ();
    }

  sqlite3_progress_handler (worker->db, 0, NULL, NULL);

  /* Not g_main_context_invoke(): from a thread without a thread-default
   * context it would run _nawat_project_list_task_apply() right here when
   * the list's context is the global default and nobody iterates it at
   * this instant.
   */
  _nawat_project_list_attach_idle (task->shared->context, _nawat_project_list_task_apply, task,
                                   _nawat_project_list_task_free);
}
