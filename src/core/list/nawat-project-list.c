/* nawat-project-list.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project-list.h"

#include "nawat-domains.h"
#include "nawat-store-private.h"
#include "nawat-text.h"

#include <string.h>

/* How many pages of rows stay cached: the least recently used go first. */
#define MAX_PAGES 40

/* The filter and order of a list, copied into each task of the worker. */
typedef struct
{
  char             *call_id;
  char             *evaluator;
  char             *search;
  char             *domain;
  char             *region;
  char             *province;
  char             *lang;
  int               status;
  NawatProjectSort  sort;
  /* Set by the worker: the store holds no other call, so a search need
   * not check which call its matches belong to.
   */
  gboolean          only_call;
} Query;

/* State shared by the list, its store handlers and its tasks. */
typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         list;
  GMainContext    *context;
  /* the list's generation, read by the worker to drop superseded work */
  int              generation;
} Shared;

/* An evaluator's own evaluation of a project, as the list last showed it. */
typedef struct
{
  int      status;
  gboolean has_composite;
  double   composite;
  /* the evaluation's write sequence number (0: none) */
  gint64   seq;
} OwnState;

/* Only ever used on the worker thread (the pool runs one task at a time). */
typedef struct
{
  char       *path;
  sqlite3    *db;
  /* The evaluator's own evaluations as the list shows them, read only
   * when the filter or the order depends on them; kept up to date with the
   * store's write sequence.
   */
  GHashTable *snapshot;
  char       *snapshot_evaluator;
  gboolean    snapshot_valid;
  gint64      snapshot_seq;
  guint       count;
  gboolean    only_call;
} Worker;

typedef struct
{
  char   *id;
  char   *code;
  char   *title_th;
  char   *title_en;
  char   *organisation;
  char   *province;
  char   *primary_domain;
  int     status;
  double  composite;
} RowData;

typedef enum
{
  TASK_COUNT,
  TASK_PAGE,
  TASK_CHANGED,
} TaskKind;

typedef struct
{
  TaskKind   kind;
  Shared    *shared;
  guint      generation;
  Query     *query;

  /* TASK_PAGE */
  guint      page;
  guint64    page_serial;
  /* TASK_CHANGED */
  char      *project_id;
  /* TASK_COUNT: after an import, forget what is known */
  gboolean   reset;

  /* results */
  GError    *error;
  guint      n_items;
  gboolean   truncated;
  GPtrArray *rows;
  gboolean   recount;
  gboolean   old_in;
  gboolean   new_in;
  guint      old_pos;
  guint      new_pos;
} Task;

typedef struct
{
  guint64    serial;
  guint64    last_used;
  gboolean   loaded;
  GPtrArray *rows;
} Page;

struct _NawatProjectList
{
  GObject      parent_instance;

  NawatStore  *store;
  Query        query;

  Shared      *shared;
  Worker      *worker;
  GThreadPool *pool;
  gulong       changed_handler;
  gulong       reset_handler;

  guint        n_items;
  gboolean     truncated;
  guint        generation;
  guint        n_pending;
  guint64      clock;
  guint64      page_serial;
  GHashTable  *pages;
  /* The first page, read with the count, until a view asks for it */
  GPtrArray   *first_rows;
};

static void nawat_project_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NawatProjectList, nawat_project_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      nawat_project_list_model_iface_init))

G_DEFINE_ENUM_TYPE (NawatProjectSort, nawat_project_sort,
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_SORT_CODE, "code"),
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_SORT_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_SORT_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_SORT_COMPOSITE, "composite"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CALL_ID,
  PROP_EVALUATOR,
  PROP_SEARCH,
  PROP_DOMAIN,
  PROP_REGION,
  PROP_PROVINCE,
  PROP_STATUS,
  PROP_SORT,
  PROP_LANGUAGE,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_TRUNCATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Small helpers */

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->call_id, g_free);
  g_clear_pointer (&query->evaluator, g_free);
  g_clear_pointer (&query->search, g_free);
  g_clear_pointer (&query->domain, g_free);
  g_clear_pointer (&query->region, g_free);
  g_clear_pointer (&query->province, g_free);
  g_clear_pointer (&query->lang, g_free);
}

static Query *
query_copy (const Query *query)
{
  Query *copy = g_new0 (Query, 1);

  copy->call_id = g_strdup (query->call_id);
  copy->evaluator = g_strdup (query->evaluator);
  copy->search = g_strdup (query->search);
  copy->domain = g_strdup (query->domain);
  copy->region = g_strdup (query->region);
  copy->province = g_strdup (query->province);
  copy->lang = g_strdup (query->lang);
  copy->status = query->status;
  copy->sort = query->sort;

  return copy;
}

static void
query_free (Query *query)
{
  query_clear (query);
  g_free (query);
}

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (gpointer data)
{
  Shared *shared = data;

  if (g_atomic_ref_count_dec (&shared->ref_count))
    {
      g_weak_ref_clear (&shared->list);
      g_main_context_unref (shared->context);
      g_free (shared);
    }
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

static void
task_free (gpointer data)
{
  Task *task = data;

  g_clear_pointer (&task->shared, shared_unref);
  g_clear_pointer (&task->query, query_free);
  g_clear_pointer (&task->project_id, g_free);
  g_clear_pointer (&task->rows, g_ptr_array_unref);
  g_clear_error (&task->error);
  g_free (task);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
worker_free (Worker *worker)
{
  if (worker->db != NULL)
    sqlite3_close (worker->db);
  g_clear_pointer (&worker->snapshot, g_hash_table_unref);
  g_clear_pointer (&worker->snapshot_evaluator, g_free);
  g_clear_pointer (&worker->path, g_free);
  g_free (worker);
}

/* SQL, built on the worker */

static void
params_add_string (GPtrArray  *params,
                   const char *value)
{
  g_ptr_array_add (params, g_variant_ref_sink (value ? g_variant_new_string (value)
                                                     : g_variant_new ("ms", NULL)));
}

static void
params_add_int (GPtrArray *params,
                gint64     value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (value)));
}

static void
params_add_double (GPtrArray *params,
                   double     value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_double (value)));
}

static void
bind_params (sqlite3_stmt *stmt,
             GPtrArray    *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_STATIC);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (value));
      else
        sqlite3_bind_null (stmt, i + 1);
    }
}

/* Appends " FROM … WHERE …" for @query to @sql. */
static gboolean
query_uses_status (const Query *query)
{
  return query->status >= 0 ||
         query->sort == NAWAT_PROJECT_SORT_STATUS ||
         query->sort == NAWAT_PROJECT_SORT_COMPOSITE;
}

/* The call a search must check its matches against, or NULL. */
static const char *
search_call (const Query *query)
{
  if (query->only_call)
    return NULL;
  return query->call_id ? query->call_id : "";
}

/* A search alone, with no other filter: counted in the search index. */
static gboolean
query_is_search_only (const Query *query)
{
  return query->search != NULL && query->domain == NULL && query->region == NULL &&
         query->province == NULL && query->status < 0;
}

/* Appends " FROM … WHERE …" for @query to @sql; the own evaluation is
 * joined (as "e") only when @join or the status filter needs it, so that
 * counts stay on the project indexes.
 */
static void
build_from_where (const Query *query,
                  gboolean     with_status,
                  gboolean     join,
                  GString     *sql,
                  GPtrArray   *params)
{
  join = join || (with_status && query->status >= 0);

  g_string_append (sql, " FROM project_list p");
  if (join)
    {
      g_string_append (sql,
                       " LEFT JOIN evaluations e"
                       " ON e.project = p.id AND e.evaluator = ?");
      params_add_string (params, query->evaluator);
    }
  /* With a search, SQLite must start from its (at most a thousand)
   * matches, not walk the call's index: "+" keeps it from using one.
   */
  g_string_append (sql, query->search != NULL ? " WHERE +p.call = ?" : " WHERE p.call = ?");
  params_add_string (params, query->call_id ? query->call_id : "");

  if (query->domain != NULL)
    {
      int index = nawat_domain_index (query->domain);

      g_string_append (sql, " AND (p.domain_mask & ?) != 0");
      params_add_int (params, index >= 0 ? G_GINT64_CONSTANT (1) << index : 0);
    }

  if (query->region != NULL)
    {
      g_string_append (sql, " AND p.region = ?");
      params_add_string (params, query->region);
    }

  if (query->province != NULL)
    {
      g_string_append (sql, " AND p.province = ?");
      params_add_string (params, query->province);
    }

  if (with_status && query->status >= 0)
    {
      g_string_append (sql, " AND " NAWAT_STORE_STATUS_SQL " = ?");
      params_add_int (params, query->status);
    }

  if (query->search != NULL)
    {
      g_autoptr(GString) search = g_string_new (NULL);
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      if (_nawat_store_build_search (query->search, search_call (query),
                                     NAWAT_PROJECT_LIST_SEARCH_LIMIT, search, words))
        {
          g_string_append_printf (sql, " AND p.pk IN (%s)", search->str);
          for (guint i = 0; i < words->len; i++)
            params_add_string (params, g_ptr_array_index (words, i));
        }
    }
}

static const char *
sort_title_column (const Query *query)
{
  return g_strcmp0 (query->lang, "en") == 0 ? "p.sort_en" : "p.sort_th";
}

/* The expressions the rows are ordered by, the code last. */
static char *
build_order_keys (const Query *query)
{
  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      return g_strdup_printf ("%s, p.code", sort_title_column (query));

    case NAWAT_PROJECT_SORT_STATUS:
      return g_strdup (NAWAT_STORE_STATUS_SQL ", p.code");

    case NAWAT_PROJECT_SORT_COMPOSITE:
      return g_strdup ("(e.composite IS NULL), -coalesce (e.composite, 0), p.code");

    case NAWAT_PROJECT_SORT_CODE:
    default:
      return g_strdup ("p.code");
    }
}

/* The values of the order keys of one project in a given own state. */
static void
add_key_values (const Query *query,
                GPtrArray   *params,
                const char  *code,
                const char  *sort_title,
                int          status,
                gboolean     has_composite,
                double       composite)
{
  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      params_add_string (params, sort_title ? sort_title : "");
      break;

    case NAWAT_PROJECT_SORT_STATUS:
      params_add_int (params, status);
      break;

    case NAWAT_PROJECT_SORT_COMPOSITE:
      params_add_int (params, has_composite ? 0 : 1);
      params_add_double (params, has_composite ? -composite : 0);
      break;

    case NAWAT_PROJECT_SORT_CODE:
    default:
      break;
    }

  params_add_string (params, code);
}

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

  bind_params (*stmt, params);
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

  params_add_int (params, worker->snapshot_seq);
  params_add_string (params, query->evaluator);
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

static gboolean
query_is_filtered (const Query *query)
{
  return query->domain != NULL || query->region != NULL || query->province != NULL ||
         query->status >= 0 || query->search != NULL;
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

  if (!query_is_filtered (query))
    {
      params_add_string (params, query->call_id ? query->call_id : "");
      return worker_count (worker,
                           "SELECT coalesce ((SELECT n FROM project_counts WHERE call = ?), 0)",
                           params, count, error);
    }

  /* A search alone: count its matches without visiting the projects. */
  if (query_is_search_only (query))
    {
      gboolean truncated;

      return worker_count_search (worker, query, count, &truncated, error);
    }

  build_from_where (query, TRUE, FALSE, sql, params);
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
  if (!_nawat_store_build_search (query->search, search_call (query),
                                  NAWAT_PROJECT_LIST_SEARCH_LIMIT + 1, search, words))
    return worker_count_all (worker, &(Query) { .call_id = query->call_id, .status = -1 },
                             count, error);

  for (guint i = 0; i < words->len; i++)
    params_add_string (params, g_ptr_array_index (words, i));
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

  params_add_string (params, query->call_id ? query->call_id : "");
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
  ok = ok && (!query_uses_status (task->query) ||
              worker_refresh_snapshot (worker, task->query, error));
  if (ok && task->query->search != NULL)
    {
      guint n_search;

      /* Alone, the search gives the count; with other filters, only
       * whether it was cut.
       */
      ok = worker_count_search (worker, task->query, &n_search, &task->truncated, error);
      if (query_is_search_only (task->query))
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
  g_autofree char *keys = build_order_keys (task->query);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (query_uses_status (task->query))
    {
      build_from_where (task->query, TRUE, TRUE, sql, params);
      g_string_append_printf (sql, " ORDER BY %s LIMIT ? OFFSET ?", keys);
      params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_int (params, (gint64) task->page * NAWAT_PROJECT_LIST_PAGE_SIZE);
    }
  else if (query_is_search_only (task->query) && task->query->sort == NAWAT_PROJECT_SORT_CODE)
    {
      g_autoptr(GString) inner = g_string_new (NULL);

      /* A thousand matches are ordered in a narrow index of (key, call,
       * code), then the page's rows alone and their own evaluations are
       * read.
       */
      build_from_where (task->query, TRUE, FALSE, inner, params);
      g_string_replace (inner, " FROM project_list p",
                        " FROM project_list p INDEXED BY project_list_order_code", 1);
      g_string_append_printf (sql, " FROM (SELECT p.pk%s ORDER BY p.code LIMIT ? OFFSET ?) AS s"
                              " JOIN project_list p ON p.pk = s.pk"
                              " LEFT JOIN evaluations e ON e.project = p.id AND e.evaluator = ?"
                              " ORDER BY p.code", inner->str);
      params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_int (params, (gint64) task->page * NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_string (params, task->query->evaluator);
    }
  else
    {
      /* The order does not depend on the evaluations: pick the page's
       * rows first, then look up the own evaluation of those alone.
       */
      g_string_append (sql, " FROM (SELECT p.id, p.code, p.title_th, p.title_en,"
                       " p.organisation, p.province, p.primary_domain, p.sort_th, p.sort_en");
      build_from_where (task->query, TRUE, FALSE, sql, params);
      g_string_append_printf (sql, " ORDER BY %s LIMIT ? OFFSET ?) AS p"
                              " LEFT JOIN evaluations e ON e.project = p.id AND e.evaluator = ?"
                              " ORDER BY %s", keys, keys);
      params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_int (params, (gint64) task->page * NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_string (params, task->query->evaluator);
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

static gboolean
status_matches (const Query *query,
                int          status)
{
  return query->status < 0 || query->status == status;
}

/* A project's place in the order: its keys in one own state. */
typedef struct
{
  const char *code;
  const char *sort_title;
  OwnState    state;
} Key;

static void
key_to_params (const Query *query,
               const Key   *key,
               GPtrArray   *params)
{
  add_key_values (query, params, key->code, key->sort_title, key->state.status,
                  key->state.has_composite, key->state.composite);
}

static int
key_compare (const Query *query,
             const Key   *a,
             const Key   *b)
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
                          ", e.composite, e.seq", sort_title_column (query));
  build_from_where (query, FALSE, TRUE, sql, params);
  g_string_append (sql, " AND e.seq > ?");
  params_add_int (params, worker->snapshot_seq);

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
  gboolean uses_status = query_uses_status (query);

  build_from_where (query, TRUE, uses_status, sql, params);

  if (project_id != NULL)
    {
      g_string_append (sql, " AND p.id != ?");
      params_add_string (params, project_id);
    }

  if (key != NULL)
    {
      g_autofree char *order = build_order_keys (query);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

      key_to_params (query, key, values);
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
      params_add_int (params, worker->snapshot_seq);
    }

  if (!worker_count (worker, sql->str, params, count, error))
    return FALSE;

  for (guint i = 0; uses_status && recent != NULL && i < recent->len; i++)
    {
      Recent *item = g_ptr_array_index (recent, i);
      Key item_key = { item->code, item->sort_title, item->shown };

      if (g_strcmp0 (item->id, project_id) == 0 || !status_matches (query, item->shown.status))
        continue;
      if (key == NULL || key_compare (query, &item_key, key) < 0)
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
  gboolean uses_status = query_uses_status (query);
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

  g_string_append_printf (sql, ", %s, e.seq", sort_title_column (query));
  build_from_where (query, FALSE, TRUE, sql, params);
  g_string_append (sql, " AND p.pk = (SELECT pk FROM projects WHERE id = ?)");
  params_add_string (params, task->project_id);

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

      task->rows = g_ptr_array_new_with_free_func (row_data_free);
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

  task->n_items = total;
  worker->count = total;
  ok = TRUE;

out:
  if (row != NULL)
    row_data_free (row);
  sqlite3_exec (worker->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

static gboolean task_apply (gpointer data);

static void
attach_idle (GMainContext   *context,
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

static void
worker_run (gpointer data,
            gpointer user_data)
{
  Task *task = data;
  Worker *worker = user_data;

  /* Nothing to do when the list no longer shows what this task would read. */
  if (task->generation != (guint) g_atomic_int_get (&task->shared->generation) ||
      !worker_open (worker, &task->error))
    {
      attach_idle (task->shared->context, task_apply, task, task_free);
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
   * context it would run task_apply right here when the list's context is
   * the global default and nobody iterates it at this instant.
   */
  attach_idle (task->shared->context, task_apply, task, task_free);
}

/* The list, on its own context */

static void
set_loading (NawatProjectList *self,
             gboolean          was_loading)
{
  if (was_loading != (self->n_pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
push_task (NawatProjectList *self,
           Task             *task)
{
  gboolean was_loading = self->n_pending > 0;

  task->shared = shared_ref (self->shared);
  task->generation = self->generation;
  task->query = query_copy (&self->query);

  self->n_pending++;
  g_thread_pool_push (self->pool, task, NULL);
  set_loading (self, was_loading);
}

static void
refresh_full (NawatProjectList *self,
              gboolean          reset)
{
  Task *task = g_new0 (Task, 1);

  task->kind = TASK_COUNT;
  task->reset = reset;
  self->generation++;
  g_atomic_int_set (&self->shared->generation, (int) self->generation);
  push_task (self, task);
}

static void
refresh (NawatProjectList *self)
{
  refresh_full (self, FALSE);
}

/* Emits items-changed, then notify::n-items when the number changed. */
static void
emit_items_changed (NawatProjectList *self,
                    guint             position,
                    guint             removed,
                    guint             added)
{
  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
fill_row (NawatProjectRow *row,
          RowData         *data)
{
  _nawat_project_row_fill (row, data->id, data->code, data->title_th, data->title_en,
                           data->organisation, data->province, data->primary_domain,
                           data->status, data->composite);
}

static void
apply_count (NawatProjectList *self,
             Task             *task)
{
  g_hash_table_remove_all (self->pages);

  g_clear_pointer (&self->first_rows, g_ptr_array_unref);
  if (task->kind == TASK_COUNT && task->n_items > 0)
    self->first_rows = g_steal_pointer (&task->rows);

  /* Every row is new: said as a removal then an addition.  Told both at
   * once, GTK's list views look for each old row among the added ones,
   * reading every row of the call when a search is cleared.
   */
  if (self->n_items > 0 && task->n_items > 0)
    {
      emit_items_changed (self, 0, self->n_items, 0);
      emit_items_changed (self, 0, 0, task->n_items);
    }
  else if (self->n_items > 0 || task->n_items > 0)
    emit_items_changed (self, 0, self->n_items, task->n_items);

  if (self->truncated != task->truncated)
    {
      self->truncated = task->truncated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUNCATED]);
    }
}

static void
apply_page (NawatProjectList *self,
            Task             *task)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (task->page));

  if (page == NULL || page->serial != task->page_serial || page->loaded)
    return;

  page->loaded = TRUE;
  for (guint i = 0; i < page->rows->len && i < task->rows->len; i++)
    fill_row (g_ptr_array_index (page->rows, i), g_ptr_array_index (task->rows, i));
}

static void
apply_changed (NawatProjectList *self,
               Task             *task)
{
  RowData *data = task->rows && task->rows->len > 0 ? g_ptr_array_index (task->rows, 0) : NULL;

  if (task->recount ||
      (task->old_in && task->old_pos >= self->n_items) ||
      (task->new_in && task->new_pos > self->n_items - (task->old_in ? 1 : 0)))
    {
      g_debug ("Project list: %s changed, reading everything again", task->project_id);
      apply_count (self, task);
      return;
    }

  if (task->old_in && task->new_in && task->old_pos == task->new_pos)
    {
      guint pos = task->new_pos;
      Page *page = g_hash_table_lookup (self->pages,
                                        GUINT_TO_POINTER (pos / NAWAT_PROJECT_LIST_PAGE_SIZE));

      if (page != NULL && page->loaded && data != NULL &&
          pos % NAWAT_PROJECT_LIST_PAGE_SIZE < page->rows->len)
        fill_row (g_ptr_array_index (page->rows, pos % NAWAT_PROJECT_LIST_PAGE_SIZE), data);

      emit_items_changed (self, pos, 1, 1);
      return;
    }

  if (!task->old_in && !task->new_in)
    return;

  /* Rows moved: the cached pages no longer match their positions. */
  g_hash_table_remove_all (self->pages);
  g_clear_pointer (&self->first_rows, g_ptr_array_unref);

  if (task->old_in)
    emit_items_changed (self, task->old_pos, 1, 0);

  if (task->new_in)
    emit_items_changed (self, task->new_pos, 0, 1);
}

static gboolean
task_apply (gpointer data)
{
  Task *task = data;
  g_autoptr(NawatProjectList) self = g_weak_ref_get (&task->shared->list);
  gboolean was_loading;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  was_loading = self->n_pending > 0;
  g_assert (self->n_pending > 0);
  self->n_pending--;

  if (task->error != NULL)
    {
      g_debug ("Project list: %s", task->error->message);

      /* A page that could not be read is read again when next asked for. */
      if (task->kind == TASK_PAGE && task->generation == self->generation)
        {
          Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (task->page));

          if (page != NULL && page->serial == task->page_serial)
            g_hash_table_remove (self->pages, GUINT_TO_POINTER (task->page));
        }
    }
  else if (task->generation == self->generation)
    {
      switch (task->kind)
        {
        case TASK_COUNT:
          apply_count (self, task);
          break;

        case TASK_PAGE:
          apply_page (self, task);
          break;

        case TASK_CHANGED:
          apply_changed (self, task);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  set_loading (self, was_loading);
  return G_SOURCE_REMOVE;
}

/* Store signals: they may come from any thread. */

typedef struct
{
  Shared *shared;
  char   *project_id;
  gboolean reset;
} Event;

static void
event_free (gpointer data)
{
  Event *event = data;

  shared_unref (event->shared);
  g_free (event->project_id);
  g_free (event);
}

static gboolean
event_apply (gpointer data)
{
  Event *event = data;
  g_autoptr(NawatProjectList) self = g_weak_ref_get (&event->shared->list);

  if (self == NULL || self->pool == NULL)
    return G_SOURCE_REMOVE;

  if (event->reset)
    refresh_full (self, TRUE);
  else
    {
      Task *task = g_new0 (Task, 1);

      task->kind = TASK_CHANGED;
      task->project_id = g_strdup (event->project_id);
      push_task (self, task);
    }

  return G_SOURCE_REMOVE;
}

static void
post_event (Shared     *shared,
            const char *project_id,
            gboolean    reset)
{
  Event *event = g_new0 (Event, 1);

  event->shared = shared_ref (shared);
  event->project_id = g_strdup (project_id);
  event->reset = reset;

  /* Always through an idle: the list must not change inside the writer. */
  attach_idle (shared->context, event_apply, event, event_free);
}

static void
on_store_project_changed_cb (NawatStore *store,
                             const char *project_id,
                             gpointer    user_data)
{
  post_event (user_data, project_id, FALSE);
}

static void
on_store_reset_cb (NawatStore *store,
                   gpointer    user_data)
{
  post_event (user_data, NULL, TRUE);
}

static void
shared_closure_notify (gpointer  data,
                       GClosure *closure)
{
  shared_unref (data);
}

/* GListModel */

static GType
nawat_project_list_get_item_type (GListModel *model)
{
  return NAWAT_TYPE_PROJECT_ROW;
}

static guint
nawat_project_list_get_n_items (GListModel *model)
{
  return NAWAT_PROJECT_LIST (model)->n_items;
}

static void
evict_pages (NawatProjectList *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;

          if (page->last_used < oldest)
            {
              oldest = page->last_used;
              oldest_key = key;
            }
        }

      g_hash_table_remove (self->pages, oldest_key);
    }
}

static gpointer
nawat_project_list_get_item (GListModel *model,
                             guint       position)
{
  NawatProjectList *self = NAWAT_PROJECT_LIST (model);
  guint index = position / NAWAT_PROJECT_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    {
      guint first = index * NAWAT_PROJECT_LIST_PAGE_SIZE;
      guint n = MIN (NAWAT_PROJECT_LIST_PAGE_SIZE, self->n_items - first);

      page = g_new0 (Page, 1);
      page->serial = ++self->page_serial;
      page->rows = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (page->rows, _nawat_project_row_new_loading ());
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);

      if (index == 0 && self->first_rows != NULL)
        {
          for (guint i = 0; i < n && i < self->first_rows->len; i++)
            fill_row (g_ptr_array_index (page->rows, i), g_ptr_array_index (self->first_rows, i));
          page->loaded = self->first_rows->len >= n;
          g_clear_pointer (&self->first_rows, g_ptr_array_unref);
        }

      if (!page->loaded)
        {
          Task *task = g_new0 (Task, 1);

          task->kind = TASK_PAGE;
          task->page = index;
          task->page_serial = page->serial;
          push_task (self, task);
        }
    }

  page->last_used = ++self->clock;
  evict_pages (self);

  g_assert (position % NAWAT_PROJECT_LIST_PAGE_SIZE < page->rows->len);
  return g_object_ref (g_ptr_array_index (page->rows, position % NAWAT_PROJECT_LIST_PAGE_SIZE));
}

static void
nawat_project_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = nawat_project_list_get_item_type;
  iface->get_n_items = nawat_project_list_get_n_items;
  iface->get_item = nawat_project_list_get_item;
}

/* GObject */

static void
nawat_project_list_constructed (GObject *object)
{
  NawatProjectList *self = (NawatProjectList *)object;

  G_OBJECT_CLASS (nawat_project_list_parent_class)->constructed (object);

  g_return_if_fail (NAWAT_IS_STORE (self->store));

  self->shared = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&self->shared->ref_count);
  g_weak_ref_init (&self->shared->list, self);
  self->shared->context = g_main_context_ref_thread_default ();

  self->worker = g_new0 (Worker, 1);
  self->worker->path = g_strdup (nawat_store_get_path (self->store));
  self->worker->snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->pool = g_thread_pool_new_full (worker_run, self->worker, task_free, 1, FALSE, NULL);

  self->changed_handler =
    g_signal_connect_data (self->store, "project-changed",
                           G_CALLBACK (on_store_project_changed_cb),
                           shared_ref (self->shared), shared_closure_notify, 0);
  self->reset_handler =
    g_signal_connect_data (self->store, "reset",
                           G_CALLBACK (on_store_reset_cb),
                           shared_ref (self->shared), shared_closure_notify, 0);

  refresh (self);
}

static void
nawat_project_list_dispose (GObject *object)
{
  NawatProjectList *self = (NawatProjectList *)object;

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->store);
      g_clear_signal_handler (&self->reset_handler, self->store);
    }

  if (self->pool != NULL)
    {
      /* Every task is out of date: the queued ones are handed back at
       * once, to be freed by their idles, and the running one is
       * interrupted.  Dropped from the queue, they would be lost.
       */
      g_atomic_int_set (&self->shared->generation, (int) (self->generation + 1));
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
    }

  g_clear_pointer (&self->worker, worker_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->first_rows, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nawat_project_list_parent_class)->dispose (object);
}

static void
nawat_project_list_finalize (GObject *object)
{
  NawatProjectList *self = (NawatProjectList *)object;

  query_clear (&self->query);
  g_clear_pointer (&self->shared, shared_unref);

  G_OBJECT_CLASS (nawat_project_list_parent_class)->finalize (object);
}

static void
nawat_project_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatProjectList *self = NAWAT_PROJECT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CALL_ID:
      g_value_set_string (value, self->query.call_id);
      break;

    case PROP_EVALUATOR:
      g_value_set_string (value, self->query.evaluator);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->query.search);
      break;

    case PROP_DOMAIN:
      g_value_set_string (value, self->query.domain);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->query.region);
      break;

    case PROP_PROVINCE:
      g_value_set_string (value, self->query.province);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->query.status);
      break;

    case PROP_SORT:
      g_value_set_enum (value, self->query.sort);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->query.lang);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->n_pending > 0);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_TRUNCATED:
      g_value_set_boolean (value, self->truncated);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_project_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NawatProjectList *self = NAWAT_PROJECT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CALL_ID:
      nawat_project_list_set_call_id (self, g_value_get_string (value));
      break;

    case PROP_EVALUATOR:
      nawat_project_list_set_evaluator (self, g_value_get_string (value));
      break;

    case PROP_SEARCH:
      nawat_project_list_set_search (self, g_value_get_string (value));
      break;

    case PROP_DOMAIN:
      nawat_project_list_set_domain (self, g_value_get_string (value));
      break;

    case PROP_REGION:
      nawat_project_list_set_region (self, g_value_get_string (value));
      break;

    case PROP_PROVINCE:
      nawat_project_list_set_province (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      nawat_project_list_set_status (self, g_value_get_int (value));
      break;

    case PROP_SORT:
      nawat_project_list_set_sort (self, g_value_get_enum (value));
      break;

    case PROP_LANGUAGE:
      nawat_project_list_set_language (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
nawat_project_list_class_init (NawatProjectListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nawat_project_list_constructed;
  object_class->dispose = nawat_project_list_dispose;
  object_class->finalize = nawat_project_list_finalize;
  object_class->get_property = nawat_project_list_get_property;
  object_class->set_property = nawat_project_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         NAWAT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALL_ID] =
    g_param_spec_string ("call-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVALUATOR] =
    g_param_spec_string ("evaluator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] = string_property ("search");
  properties[PROP_DOMAIN] = string_property ("domain");
  properties[PROP_REGION] = string_property ("region");
  properties[PROP_PROVINCE] = string_property ("province");
  properties[PROP_LANGUAGE] = string_property ("language");
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      -1, NAWAT_PROJECT_STATUS_CONFLICT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       NAWAT_TYPE_PROJECT_SORT, NAWAT_PROJECT_SORT_CODE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * NawatProjectList:truncated:
   *
   * Whether more projects match the search than the list holds (the first
   * %NAWAT_PROJECT_LIST_SEARCH_LIMIT of them, in the order of the index).
   */
  properties[PROP_TRUNCATED] =
    g_param_spec_boolean ("truncated", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_project_list_init (NawatProjectList *self)
{
  self->query.status = -1;
  self->query.sort = NAWAT_PROJECT_SORT_CODE;
  self->query.lang = g_strdup ("th");
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
}

NawatProjectList *
nawat_project_list_new (NawatStore *store,
                        const char *call_id,
                        const char *evaluator)
{
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);

  return g_object_new (NAWAT_TYPE_PROJECT_LIST,
                       "store", store,
                       "call-id", call_id,
                       "evaluator", evaluator,
                       NULL);
}

/* Changes a string of the query; the list is read again when constructed. */
static void
set_query_string (NawatProjectList *self,
                  char            **field,
                  const char       *value,
                  int               prop)
{
  if (value != NULL && *value == '\0' && prop != PROP_CALL_ID)
    value = NULL;

  if (!nawat_set_str (field, value))
    return;

  if (self->pool != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
nawat_project_list_get_call_id (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NULL);

  return self->query.call_id;
}

void
nawat_project_list_set_call_id (NawatProjectList *self,
                                const char       *call_id)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  set_query_string (self, &self->query.call_id, call_id, PROP_CALL_ID);
}

const char *
nawat_project_list_get_evaluator (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NULL);

  return self->query.evaluator;
}

void
nawat_project_list_set_evaluator (NawatProjectList *self,
                                  const char       *evaluator)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  set_query_string (self, &self->query.evaluator, evaluator, PROP_EVALUATOR);
}

const char *
nawat_project_list_get_search (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NULL);

  return self->query.search;
}

void
nawat_project_list_set_search (NawatProjectList *self,
                               const char       *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  if (text != NULL)
    stripped = g_strstrip (g_strdup (text));

  set_query_string (self, &self->query.search, stripped, PROP_SEARCH);
}

const char *
nawat_project_list_get_domain (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NULL);

  return self->query.domain;
}

void
nawat_project_list_set_domain (NawatProjectList *self,
                               const char       *domain)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  set_query_string (self, &self->query.domain, domain, PROP_DOMAIN);
}

const char *
nawat_project_list_get_region (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NULL);

  return self->query.region;
}

void
nawat_project_list_set_region (NawatProjectList *self,
                               const char       *region)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  set_query_string (self, &self->query.region, region, PROP_REGION);
}

const char *
nawat_project_list_get_province (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NULL);

  return self->query.province;
}

void
nawat_project_list_set_province (NawatProjectList *self,
                                 const char       *province)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  set_query_string (self, &self->query.province, province, PROP_PROVINCE);
}

int
nawat_project_list_get_status (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), -1);

  return self->query.status;
}

void
nawat_project_list_set_status (NawatProjectList *self,
                               int               status)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));
  g_return_if_fail (status >= -1 && status <= NAWAT_PROJECT_STATUS_CONFLICT);

  if (self->query.status == status)
    return;

  self->query.status = status;
  if (self->pool != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

NawatProjectSort
nawat_project_list_get_sort (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NAWAT_PROJECT_SORT_CODE);

  return self->query.sort;
}

void
nawat_project_list_set_sort (NawatProjectList *self,
                             NawatProjectSort  sort)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  if (self->query.sort == sort)
    return;

  self->query.sort = sort;
  if (self->pool != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

void
nawat_project_list_set_language (NawatProjectList *self,
                                 const char       *lang)
{
  gboolean resort;

  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  if (g_strcmp0 (lang, "en") != 0)
    lang = "th";

  if (g_strcmp0 (self->query.lang, lang) == 0)
    return;

  resort = self->query.sort == NAWAT_PROJECT_SORT_TITLE;
  nawat_set_str (&self->query.lang, lang);
  if (resort && self->pool != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

gboolean
nawat_project_list_get_truncated (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), FALSE);

  return self->truncated;
}

gboolean
nawat_project_list_get_loading (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), FALSE);

  return self->n_pending > 0;
}
