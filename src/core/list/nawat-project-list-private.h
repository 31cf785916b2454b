/* nawat-project-list-private.h: what the list's files share
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-project-list.h"
#include "nawat-store-private.h"

G_BEGIN_DECLS

/* What the files of the list share (nawat-project-list.c, the object and
 * its GListModel; -worker.c, the worker thread and its queries; the
 * store's nawat-store-list.c, the filters and the order turned into SQL):
 * the query, the worker, the
 * tasks between them and the helpers each calls in another.
 */

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

/* A project's place in the order: its keys in one own state. */
typedef struct
{
  const char *code;
  const char *sort_title;
  OwnState    state;
} Key;

/* nawat-project-list.c */
void        _nawat_project_list_task_free            (gpointer        data);
gboolean    _nawat_project_list_task_apply           (gpointer        data);

/* nawat-project-list-worker.c */
void        _nawat_project_list_attach_idle          (GMainContext   *context,
                                                      GSourceFunc     func,
                                                      gpointer        data,
                                                      GDestroyNotify  destroy);
void        _nawat_project_list_worker_run           (gpointer        data,
                                                      gpointer        user_data);

/* nawat-store-list.c */
void        _nawat_project_list_params_add_string    (GPtrArray      *params,
                                                      const char     *value);
void        _nawat_project_list_params_add_int       (GPtrArray      *params,
                                                      gint64          value);
void        _nawat_project_list_bind_params          (sqlite3_stmt   *stmt,
                                                      GPtrArray      *params);
gboolean    _nawat_project_list_query_uses_status    (const Query    *query);
const char *_nawat_project_list_search_call          (const Query    *query);
gboolean    _nawat_project_list_query_is_search_only (const Query    *query);
void        _nawat_project_list_build_from_where     (const Query    *query,
                                                      gboolean        with_status,
                                                      gboolean        join,
                                                      GString        *sql,
                                                      GPtrArray      *params);
const char *_nawat_project_list_sort_title_column    (const Query    *query);
char       *_nawat_project_list_build_order_keys     (const Query    *query);
gboolean    _nawat_project_list_query_is_filtered    (const Query    *query);
gboolean    _nawat_project_list_status_matches       (const Query    *query,
                                                      int             status);
void        _nawat_project_list_key_to_params        (const Query    *query,
                                                      const Key      *key,
                                                      GPtrArray      *params);
int         _nawat_project_list_key_compare          (const Query    *query,
                                                      const Key      *a,
                                                      const Key      *b);

G_END_DECLS
