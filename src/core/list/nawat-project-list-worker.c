/* nawat-project-list-worker.c: the list's worker thread, what it keeps of the store
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project-list-private.h"

#include <string.h>

/* What the list knows of a query, without SQL */

static gboolean
query_is_filtered (const NawatStoreListQuery *query)
{
  return query->domain != NULL || query->region != NULL || query->province != NULL ||
         query->reach != NULL || query->status >= 0 || query->search != NULL ||
         _nawat_store_list_query_uses_assigned (query);
}

static gboolean
status_matches (const NawatStoreListQuery *query,
                int                        status)
{
  return query->status < 0 || query->status == status;
}

static int
key_compare (const NawatStoreListQuery *query,
             const NawatStoreListKey   *a,
             const NawatStoreListKey   *b)
{
  int cmp = 0;

  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      cmp = strcmp (a->sort_title ? a->sort_title : "", b->sort_title ? b->sort_title : "");
      break;

    case NAWAT_PROJECT_SORT_STATUS:
      cmp = (a->state.status > b->state.status) - (a->state.status < b->state.status);
      break;

    case NAWAT_PROJECT_SORT_COMPOSITE:
      if (a->state.has_composite != b->state.has_composite)
        cmp = a->state.has_composite ? -1 : 1;
      else if (a->state.has_composite)
        cmp = (a->state.composite < b->state.composite) - (a->state.composite > b->state.composite);
      break;

    case NAWAT_PROJECT_SORT_CODE:
    default:
      break;
    }

  return cmp != 0 ? cmp : strcmp (a->code, b->code);
}

/* The worker, on its thread */

static gboolean
worker_open (NawatProjectListWorker  *worker,
             GError                 **error)
{
  if (worker->reader != NULL)
    return TRUE;

  worker->reader = _nawat_store_reader_open_list (worker->path, error);
  return worker->reader != NULL;
}

static void
on_own_state_cb (const char               *project_id,
                 const NawatStoreOwnState *state,
                 gpointer                  user_data)
{
  NawatProjectListWorker *worker = user_data;

  worker->snapshot_seq = MAX (worker->snapshot_seq, state->seq);
  g_hash_table_replace (worker->snapshot, g_strdup (project_id), g_memdup2 (state, sizeof *state));
}

/* Brings the snapshot up to date: everything when it is not valid, else
 * only the evaluations written since it was last read.
 */
static gboolean
worker_refresh_snapshot (NawatProjectListWorker     *worker,
                         const NawatStoreListQuery  *query,
                         GError                    **error)
{
  guint last_seq = 0;

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

  if (!_nawat_store_list_read_own_states (worker->reader, query->evaluator, worker->snapshot_seq,
                                          on_own_state_cb, worker, error))
    {
      worker->snapshot_valid = FALSE;
      return FALSE;
    }

  /* Evaluations of other evaluators count too: their seq is below ours. */
  if (!_nawat_store_list_get_last_seq (worker->reader, &last_seq, error))
    return FALSE;
  worker->snapshot_seq = MAX (worker->snapshot_seq, (gint64) last_seq);

  return TRUE;
}

static gboolean worker_count_search (NawatProjectListWorker     *worker,
                                     const NawatStoreListQuery  *query,
                                     guint                      *count,
                                     gboolean                   *truncated,
                                     GError                    **error);

/* The number of rows of @query as stored; a whole call is counted by the
 * store as it writes, so that opening it does not read every row.
 */
static gboolean
worker_count_all (NawatProjectListWorker     *worker,
                  const NawatStoreListQuery  *query,
                  guint                      *count,
                  GError                    **error)
{
  if (!query_is_filtered (query))
    return _nawat_store_list_count_stored (worker->reader, query->call_id, count, error);

  /* A search alone: count its matches without visiting the projects. */
  if (_nawat_store_list_query_is_search_only (query))
    {
      gboolean truncated;

      return worker_count_search (worker, query, count, &truncated, error);
    }

  return _nawat_store_list_count_filtered (worker->reader, query, count, error);
}

/* The matches of the search, up to the list's limit, and whether there are
 * more than that.
 */
static gboolean
worker_count_search (NawatProjectListWorker     *worker,
                     const NawatStoreListQuery  *query,
                     guint                      *count,
                     gboolean                   *truncated,
                     GError                    **error)
{
  gboolean has_words;
  guint n = 0;

  *truncated = FALSE;
  if (!_nawat_store_list_count_search (worker->reader, query, &has_words, &n, error))
    return FALSE;
  if (!has_words)
    return worker_count_all (worker,
                             &(NawatStoreListQuery) { .call_id = query->call_id, .status = -1 },
                             count, error);

  *truncated = n > NAWAT_PROJECT_LIST_SEARCH_LIMIT;
  *count = MIN (n, NAWAT_PROJECT_LIST_SEARCH_LIMIT);
  return TRUE;
}

/* Whether the store holds projects of another call than @query's. */
static gboolean
worker_check_only_call (NawatProjectListWorker     *worker,
                        const NawatStoreListQuery  *query,
                        GError                    **error)
{
  guint n_other;

  if (!_nawat_store_list_count_other_calls (worker->reader, query->call_id, &n_other, error))
    return FALSE;

  worker->only_call = n_other == 0;
  return TRUE;
}

/* How the call assigns its projects, then how many are the evaluator's. */
static gboolean
worker_read_assigned (NawatProjectListWorker  *worker,
                      NawatProjectListTask    *task,
                      GError                 **error)
{
  worker->assigned = NAWAT_STORE_ASSIGNED_EVERY;
  if (task->query->evaluator != NULL &&
      !_nawat_store_list_read_assigned (worker->reader, task->query, &worker->assigned, error))
    return FALSE;

  task->query->assigned = worker->assigned;
  return TRUE;
}

static gboolean worker_run_page (NawatProjectListWorker  *worker,
                                 NawatProjectListTask    *task,
                                 GError                 **error);

static gboolean
worker_run_count (NawatProjectListWorker  *worker,
                  NawatProjectListTask    *task,
                  GError                 **error)
{
  gboolean ok;

  if (!worker_open (worker, error))
    return FALSE;

  if (task->reset)
    worker->snapshot_valid = FALSE;

  /* The snapshot and the count come from one read transaction. */
  _nawat_store_reader_begin (worker->reader, NULL);
  ok = worker_check_only_call (worker, task->query, error);
  task->query->only_call = worker->only_call;
  ok = ok && worker_read_assigned (worker, task, error) &&
       _nawat_store_list_count_progress (worker->reader, task->query, &task->n_assigned,
                                         &task->n_submitted, error);
  ok = ok && (!_nawat_store_list_query_uses_status (task->query) ||
              worker_refresh_snapshot (worker, task->query, error));
  if (ok && task->query->search != NULL)
    {
      guint n_search;

      /* Alone, the search gives the count; with other filters, only
       * whether it was cut.
       */
      ok = worker_count_search (worker, task->query, &n_search, &task->truncated, error);
      if (_nawat_store_list_query_is_search_only (task->query))
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
  _nawat_store_reader_commit (worker->reader);

  if (ok)
    worker->count = task->n_items;
  return ok;
}

static gboolean
worker_run_page (NawatProjectListWorker  *worker,
                 NawatProjectListTask    *task,
                 GError                 **error)
{
  return _nawat_store_list_read_page (worker->reader, task->query, task->page, &task->rows, error);
}

/* A project whose own evaluation was written after the snapshot was read:
 * the list may still show it in its earlier state.
 */
typedef struct
{
  char               *id;
  char               *code;
  char               *sort_title;
  NawatStoreOwnState  shown;
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
static NawatStoreOwnState
shown_state (NawatProjectListWorker   *worker,
             const char               *project_id,
             const NawatStoreOwnState *stored)
{
  NawatStoreOwnState *known = g_hash_table_lookup (worker->snapshot, project_id);
  NawatStoreOwnState none = { NAWAT_PROJECT_STATUS_NOT_STARTED, FALSE, 0, 0 };

  if (stored->seq <= worker->snapshot_seq || (known != NULL && known->seq >= stored->seq))
    return *stored;

  return known != NULL ? *known : none;
}

typedef struct
{
  NawatProjectListWorker *worker;
  GPtrArray              *recent;
} ReadRecent;

static void
on_recent_cb (const char               *project_id,
              const char               *code,
              const char               *sort_title,
              const NawatStoreOwnState *stored,
              gpointer                  user_data)
{
  ReadRecent *read = user_data;
  Recent *item = g_new0 (Recent, 1);

  item->id = g_strdup (project_id);
  item->code = g_strdup (code);
  item->sort_title = g_strdup (sort_title);
  item->shown = shown_state (read->worker, item->id, stored);
  g_ptr_array_add (read->recent, item);
}

/* The projects of the filter (status aside) written since the snapshot. */
static gboolean
worker_read_recent (NawatProjectListWorker     *worker,
                    const NawatStoreListQuery  *query,
                    GPtrArray                 **recent,
                    GError                    **error)
{
  ReadRecent read = { worker, NULL };

  *recent = read.recent = g_ptr_array_new_with_free_func (recent_free);
  return _nawat_store_list_read_recent (worker->reader, query, worker->snapshot_seq,
                                        on_recent_cb, &read, error);
}

/* Counts the rows the list shows, except @project_id, that come before
 * @key (every row when @key is NULL).  Rows written since the snapshot are
 * counted in the state the list shows them in, not as stored.
 */
static gboolean
worker_shown_count (NawatProjectListWorker     *worker,
                    const NawatStoreListQuery  *query,
                    GPtrArray                  *recent,
                    const char                 *project_id,
                    const NawatStoreListKey    *key,
                    guint                      *count,
                    GError                    **error)
{
  gboolean uses_status = _nawat_store_list_query_uses_status (query);

  if (!_nawat_store_list_count_before (worker->reader, query, project_id, key, worker->snapshot_seq,
                                       count, error))
    return FALSE;

  for (guint i = 0; uses_status && recent != NULL && i < recent->len; i++)
    {
      Recent *item = g_ptr_array_index (recent, i);
      NawatStoreListKey item_key = { item->code, item->sort_title, item->shown };

      if (g_strcmp0 (item->id, project_id) == 0 ||
          !status_matches (query, item->shown.status))
        continue;
      if (key == NULL || key_compare (query, &item_key, key) < 0)
        (*count)++;
    }

  return TRUE;
}

static gboolean
worker_run_changed (NawatProjectListWorker  *worker,
                    NawatProjectListTask    *task,
                    GError                 **error)
{
  const NawatStoreListQuery *query = task->query;
  g_autoptr(GPtrArray) recent = NULL;
  NawatStoreOwnState old_state = { NAWAT_PROJECT_STATUS_NOT_STARTED, FALSE, 0, 0 };
  NawatStoreOwnState new_state = { NAWAT_PROJECT_STATUS_NOT_STARTED, FALSE, 0, 0 };
  gboolean uses_status = _nawat_store_list_query_uses_status (query);
  NawatStoreListRow *row = NULL;
  g_autofree char *sort_title = NULL;
  gboolean ok = FALSE;
  guint total = 0;

  if (!worker_open (worker, error))
    return FALSE;

  _nawat_store_reader_begin (worker->reader, NULL);

  if (uses_status && !worker->snapshot_valid &&
      !worker_refresh_snapshot (worker, query, error))
    goto out;

  if (!_nawat_store_list_read_project (worker->reader, query, task->project_id, &row, &sort_title,
                                       &new_state.seq, error))
    goto out;
  if (row != NULL)
    {
      new_state.status = row->status;
      new_state.has_composite = row->composite >= 0;
      new_state.composite = row->composite;
    }

  old_state = new_state;
  if (uses_status && row != NULL)
    old_state = shown_state (worker, task->project_id, &new_state);

  /* Other projects changed meanwhile still show their earlier state. */
  if (uses_status && !worker_read_recent (worker, query, &recent, error))
    goto out;

  if (row != NULL)
    {
      NawatStoreListKey old_key = { row->code, sort_title, old_state };
      NawatStoreListKey new_key = { row->code, sort_title, new_state };

      task->old_in = status_matches (query, old_state.status);
      task->new_in = status_matches (query, new_state.status);

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

      task->rows = g_ptr_array_new_with_free_func (_nawat_store_list_row_free);
      g_ptr_array_add (task->rows, g_steal_pointer (&row));
    }

  /* What the list shows after this change; when it does not add up (a
   * project added or removed behind its back) everything is read again.
   */
  if (!query_is_filtered (query))
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

  if (!_nawat_store_list_count_progress (worker->reader, query, &task->n_assigned,
                                         &task->n_submitted, error))
    goto out;

  task->n_items = total;
  worker->count = total;
  ok = TRUE;

out:
  if (row != NULL)
    _nawat_store_list_row_free (row);
  _nawat_store_reader_commit (worker->reader);
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
  NawatProjectListTask *task = user_data;

  return task->generation != (guint) g_atomic_int_get (&task->shared->generation);
}

void
_nawat_project_list_worker_run (gpointer data,
                                gpointer user_data)
{
  NawatProjectListTask *task = data;
  NawatProjectListWorker *worker = user_data;

  /* Nothing to do when the list no longer shows what this task would read. */
  if (task->generation != (guint) g_atomic_int_get (&task->shared->generation) ||
      !worker_open (worker, &task->error))
    {
      _nawat_project_list_attach_idle (task->shared->context, _nawat_project_list_task_apply, task,
                                       _nawat_project_list_task_free);
      return;
    }

  _nawat_store_reader_set_progress (worker->reader, on_worker_progress_cb, task);
  task->query->only_call = worker->only_call;
  task->query->assigned = worker->assigned;

  switch (task->kind)
    {
    case NAWAT_PROJECT_LIST_TASK_COUNT:
      worker_run_count (worker, task, &task->error);
      break;

    case NAWAT_PROJECT_LIST_TASK_PAGE:
      worker_run_page (worker, task, &task->error);
      break;

    case NAWAT_PROJECT_LIST_TASK_CHANGED:
      worker_run_changed (worker, task, &task->error);
      break;

    default:
      g_assert_not_reached ();
    }

  _nawat_store_reader_set_progress (worker->reader, NULL, NULL);

  /* Not g_main_context_invoke(): from a thread without a thread-default
   * context it would run _nawat_project_list_task_apply() right here when
   * the list's context is the global default and nobody iterates it at
   * this instant.
   */
  _nawat_project_list_attach_idle (task->shared->context, _nawat_project_list_task_apply, task,
                                   _nawat_project_list_task_free);
}
