/* nawat-project-list.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project-list.h"
#include "nawat-project-list-private.h"

#include "nawat-store-private.h"
#include "nawat-text.h"

/* How many pages of rows stay cached: the least recently used go first. */
#define MAX_PAGES 40

/* How many pages of rows stay when the list is read again: the rows GTK
 * 4.8's list view makes widgets for at the top (some 200).
 */
#define KEPT_PAGES 5

typedef struct
{
  guint64    serial;
  guint64    last_used;
  gboolean   loaded;
  GPtrArray *rows;
} Page;

struct _NawatProjectList
{
  GObject                 parent_instance;

  NawatStore             *store;
  NawatStoreListQuery     query;

  NawatProjectListShared *shared;
  NawatProjectListWorker *worker;
  GThreadPool            *pool;
  gulong                  changed_handler;
  gulong                  reset_handler;

  guint                   n_items;
  gboolean                truncated;
  guint                   n_assigned;
  guint                   n_submitted;
  guint                   generation;
  guint                   n_pending;
  guint64                 clock;
  guint64                 page_serial;
  GHashTable             *pages;
  /* The first page, read with the count, until a view asks for it */
  GPtrArray              *first_rows;
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
  PROP_REACH,
  PROP_STATUS,
  PROP_SORT,
  PROP_LANGUAGE,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_TRUNCATED,
  PROP_ASSIGNED_ONLY,
  PROP_N_ASSIGNED,
  PROP_N_SUBMITTED,
  PROP_SEARCH_FILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Small helpers */

static void
query_clear (NawatStoreListQuery *query)
{
  g_clear_pointer (&query->call_id, g_free);
  g_clear_pointer (&query->evaluator, g_free);
  g_clear_pointer (&query->search, g_free);
  g_clear_pointer (&query->domain, g_free);
  g_clear_pointer (&query->region, g_free);
  g_clear_pointer (&query->province, g_free);
  g_clear_pointer (&query->reach, g_free);
  g_clear_pointer (&query->lang, g_free);
}

static NawatStoreListQuery *
query_copy (const NawatStoreListQuery *query)
{
  NawatStoreListQuery *copy = g_new0 (NawatStoreListQuery, 1);

  copy->call_id = g_strdup (query->call_id);
  copy->evaluator = g_strdup (query->evaluator);
  copy->search = g_strdup (query->search);
  copy->domain = g_strdup (query->domain);
  copy->region = g_strdup (query->region);
  copy->province = g_strdup (query->province);
  copy->reach = g_strdup (query->reach);
  copy->lang = g_strdup (query->lang);
  copy->status = query->status;
  copy->sort = query->sort;
  copy->assigned_only = query->assigned_only;
  copy->search_files = query->search_files;

  return copy;
}

static void
query_free (NawatStoreListQuery *query)
{
  query_clear (query);
  g_free (query);
}

static NawatProjectListShared *
shared_ref (NawatProjectListShared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (gpointer data)
{
  NawatProjectListShared *shared = data;

  if (g_atomic_ref_count_dec (&shared->ref_count))
    {
      g_weak_ref_clear (&shared->list);
      g_main_context_unref (shared->context);
      g_free (shared);
    }
}

void
_nawat_project_list_task_free (gpointer data)
{
  NawatProjectListTask *task = data;

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
worker_free (NawatProjectListWorker *worker)
{
  g_clear_pointer (&worker->reader, _nawat_store_reader_free);
  g_clear_pointer (&worker->snapshot, g_hash_table_unref);
  g_clear_pointer (&worker->snapshot_evaluator, g_free);
  g_clear_pointer (&worker->path, g_free);
  g_free (worker);
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
push_task (NawatProjectList     *self,
           NawatProjectListTask *task)
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
  NawatProjectListTask *task = g_new0 (NawatProjectListTask, 1);

  task->kind = NAWAT_PROJECT_LIST_TASK_COUNT;
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
fill_row (NawatProjectRow   *row,
          NawatStoreListRow *data)
{
  /* The snippet first: the row is whole when it stops loading. */
  _nawat_project_row_set_snippet (row, data->match, g_steal_pointer (&data->snippet),
                                  g_steal_pointer (&data->snippet_ranges));
  _nawat_project_row_fill (row, data->id, data->code, data->title_th, data->title_en,
                           data->organisation, data->province, data->primary_domain,
                           data->status, data->composite);
}

/* Reads a page of rows on the worker. */
static void
load_page (NawatProjectList *self,
           guint             index,
           Page             *page)
{
  NawatProjectListTask *task = g_new0 (NawatProjectListTask, 1);

  task->kind = NAWAT_PROJECT_LIST_TASK_PAGE;
  task->page = index;
  task->page_serial = page->serial;
  push_task (self, task);
}

/* Fills @page with @rows; whatever they lack is read on the worker. */
static void
refill_page (NawatProjectList *self,
             guint             index,
             Page             *page,
             GPtrArray        *rows)
{
  guint n = rows != NULL ? MIN (rows->len, page->rows->len) : 0;

  page->serial = ++self->page_serial;
  for (guint i = 0; i < page->rows->len; i++)
    {
      if (i < n)
        fill_row (g_ptr_array_index (page->rows, i), g_ptr_array_index (rows, i));
      else
        _nawat_project_row_unfill (g_ptr_array_index (page->rows, i));
    }

  page->loaded = n == page->rows->len;
  if (!page->loaded)
    load_page (self, index, page);
}

/* The first pages of rows stay, refilled with the rows of the new count
 * (the first from @first_rows, the others read again), and the others go;
 * returns how many rows stayed.  A list view finds the rows it shows among
 * the new ones and keeps their widgets: a search typed makes none again.
 */
static guint
keep_first_pages (NawatProjectList *self,
                  guint             n_items,
                  GPtrArray        *first_rows)
{
  guint n_kept = 0;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  while (n_kept < KEPT_PAGES &&
         (n_kept + 1) * NAWAT_PROJECT_LIST_PAGE_SIZE <= MIN (self->n_items, n_items) &&
         g_hash_table_contains (self->pages, GUINT_TO_POINTER (n_kept)))
    n_kept++;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint index = GPOINTER_TO_UINT (key);

      if (index >= n_kept)
        g_hash_table_iter_remove (&iter);
      else
        refill_page (self, index, value, index == 0 ? first_rows : NULL);
    }

  return n_kept * NAWAT_PROJECT_LIST_PAGE_SIZE;
}

static void
apply_count (NawatProjectList     *self,
             NawatProjectListTask *task)
{
  GPtrArray *first_rows = task->kind == NAWAT_PROJECT_LIST_TASK_COUNT ? task->rows : NULL;
  guint n_old = self->n_items;
  guint kept;

  g_clear_pointer (&self->first_rows, g_ptr_array_unref);
  kept = keep_first_pages (self, task->n_items, first_rows);
  if (kept == 0 && first_rows != NULL && task->n_items > 0)
    self->first_rows = g_steal_pointer (&task->rows);

  /* The rows kept are said to be new, in place.  The others, as a removal
   * then an addition: told both at once, GTK's list views look for each
   * old row among the added ones, reading every row of the call when a
   * search is cleared.
   */
  if (kept > 0)
    emit_items_changed (self, 0, kept, kept);
  if (n_old > kept && task->n_items > kept)
    {
      emit_items_changed (self, kept, n_old - kept, 0);
      emit_items_changed (self, kept, 0, task->n_items - kept);
    }
  else if (n_old > kept || task->n_items > kept)
    emit_items_changed (self, kept, n_old - kept, task->n_items - kept);

  if (self->truncated != task->truncated)
    {
      self->truncated = task->truncated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUNCATED]);
    }
}

static void
apply_progress (NawatProjectList     *self,
                NawatProjectListTask *task)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_assigned != task->n_assigned)
    {
      self->n_assigned = task->n_assigned;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ASSIGNED]);
    }
  if (self->n_submitted != task->n_submitted)
    {
      self->n_submitted = task->n_submitted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBMITTED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
apply_page (NawatProjectList     *self,
            NawatProjectListTask *task)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (task->page));

  if (page == NULL || page->serial != task->page_serial || page->loaded)
    return;

  page->loaded = TRUE;
  for (guint i = 0; i < page->rows->len && i < task->rows->len; i++)
    fill_row (g_ptr_array_index (page->rows, i), g_ptr_array_index (task->rows, i));
}

static void
apply_changed (NawatProjectList     *self,
               NawatProjectListTask *task)
{
  NawatStoreListRow *data =
    task->rows && task->rows->len > 0 ? g_ptr_array_index (task->rows, 0) : NULL;

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

gboolean
_nawat_project_list_task_apply (gpointer data)
{
  NawatProjectListTask *task = data;
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
      if (task->kind == NAWAT_PROJECT_LIST_TASK_PAGE && task->generation == self->generation)
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
        case NAWAT_PROJECT_LIST_TASK_COUNT:
          apply_count (self, task);
          apply_progress (self, task);
          break;

        case NAWAT_PROJECT_LIST_TASK_PAGE:
          apply_page (self, task);
          break;

        case NAWAT_PROJECT_LIST_TASK_CHANGED:
          apply_changed (self, task);
          apply_progress (self, task);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  set_loading (self, was_loading);
  return G_SOURCE_REMOVE;
}

/* Store signals: they may come from any thread. */

/* The store tells its writes on the main context, from its loop: never
 * inside the writer.
 */
static void
on_store_project_changed_cb (NawatProjectList *self,
                             const char       *project_id,
                             NawatStore       *store)
{
  NawatProjectListTask *task;

  if (self->pool == NULL)
    return;

  task = g_new0 (NawatProjectListTask, 1);
  task->kind = NAWAT_PROJECT_LIST_TASK_CHANGED;
  task->project_id = g_strdup (project_id);
  push_task (self, task);
}

static void
on_store_reset_cb (NawatProjectList *self,
                   NawatStore       *store)
{
  if (self->pool != NULL)
    refresh_full (self, TRUE);
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
        load_page (self, index, page);
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

  self->shared = g_new0 (NawatProjectListShared, 1);
  g_atomic_ref_count_init (&self->shared->ref_count);
  g_weak_ref_init (&self->shared->list, self);
  self->shared->context = g_main_context_ref_thread_default ();

  self->worker = g_new0 (NawatProjectListWorker, 1);
  self->worker->path = g_strdup (nawat_store_get_path (self->store));
  self->worker->snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->pool = g_thread_pool_new_full (_nawat_project_list_worker_run, self->worker,
                                       _nawat_project_list_task_free, 1, FALSE, NULL);

  self->changed_handler =
    g_signal_connect_swapped (self->store, "project-changed",
                              G_CALLBACK (on_store_project_changed_cb), self);
  self->reset_handler =
    g_signal_connect_swapped (self->store, "reset", G_CALLBACK (on_store_reset_cb), self);

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

    case PROP_REACH:
      g_value_set_string (value, self->query.reach);
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

    case PROP_ASSIGNED_ONLY:
      g_value_set_boolean (value, self->query.assigned_only);
      break;

    case PROP_N_ASSIGNED:
      g_value_set_uint (value, self->n_assigned);
      break;

    case PROP_N_SUBMITTED:
      g_value_set_uint (value, self->n_submitted);
      break;

    case PROP_SEARCH_FILES:
      g_value_set_boolean (value, self->query.search_files);
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

    case PROP_REACH:
      nawat_project_list_set_reach (self, g_value_get_string (value));
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

    case PROP_ASSIGNED_ONLY:
      nawat_project_list_set_assigned_only (self, g_value_get_boolean (value));
      break;

    case PROP_SEARCH_FILES:
      nawat_project_list_set_search_files (self, g_value_get_boolean (value));
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
  properties[PROP_REACH] = string_property ("reach");
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

  /**
   * NawatProjectList:assigned-only:
   *
   * Whether the list shows only the projects assigned to its evaluator
   * (every project when the call assigns none, or there is no evaluator).
   */
  properties[PROP_ASSIGNED_ONLY] =
    g_param_spec_boolean ("assigned-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * NawatProjectList:n-assigned:
   *
   * How many projects of the call are the evaluator's own, whatever the
   * filters; read with the count, off the calling thread.
   */
  properties[PROP_N_ASSIGNED] =
    g_param_spec_uint ("n-assigned", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * NawatProjectList:n-submitted:
   *
   * How many of the evaluator's own projects they have submitted.
   */
  properties[PROP_N_SUBMITTED] =
    g_param_spec_uint ("n-submitted", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NawatProjectList:search-files:
   *
   * Whether the search also lists the projects one of whose files' text
   * holds every word (off by default).
   */
  properties[PROP_SEARCH_FILES] =
    g_param_spec_boolean ("search-files", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

const char *
nawat_project_list_get_reach (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), NULL);

  return self->query.reach;
}

void
nawat_project_list_set_reach (NawatProjectList *self,
                              const char       *reach)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  set_query_string (self, &self->query.reach, reach, PROP_REACH);
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

gboolean
nawat_project_list_get_assigned_only (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), FALSE);

  return self->query.assigned_only;
}

void
nawat_project_list_set_assigned_only (NawatProjectList *self,
                                      gboolean          assigned_only)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  assigned_only = !!assigned_only;
  if (self->query.assigned_only == assigned_only)
    return;

  self->query.assigned_only = assigned_only;
  if (self->pool != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNED_ONLY]);
}

guint
nawat_project_list_get_n_assigned (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), 0);

  return self->n_assigned;
}

guint
nawat_project_list_get_n_submitted (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), 0);

  return self->n_submitted;
}

gboolean
nawat_project_list_get_search_files (NawatProjectList *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_LIST (self), FALSE);

  return self->query.search_files;
}

void
nawat_project_list_set_search_files (NawatProjectList *self,
                                     gboolean          search_files)
{
  g_return_if_fail (NAWAT_IS_PROJECT_LIST (self));

  search_files = !!search_files;
  if (self->query.search_files == search_files)
    return;

  self->query.search_files = search_files;
  if (self->pool != NULL && self->query.search != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_FILES]);
}
