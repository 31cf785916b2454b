/* nawat-project-list-private.h: what the list's files share
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-project-list.h"
#include "nawat-store-list-private.h"
#include "nawat-store-private.h"

G_BEGIN_DECLS

/* What the files of the list share (nawat-project-list.c, the object and
 * its GListModel; -worker.c, the worker thread, which reads through the
 * store's nawat-store-list.c): the query, the worker, the tasks between
 * them and the helpers each calls in another.
 */

/* State shared by the list, its store handlers and its tasks. */
typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         list;
  GMainContext    *context;
  /* the list's generation, read by the worker to drop superseded work */
  int              generation;
} NawatProjectListShared;

/* Only ever used on the worker thread (the pool runs one task at a time). */
typedef struct
{
  char             *path;
  NawatStoreReader *reader;
  /* The evaluator's own evaluations as the list shows them, read only
   * when the filter or the order depends on them; kept up to date with the
   * store's write sequence.
   */
  GHashTable       *snapshot;
  char             *snapshot_evaluator;
  gboolean          snapshot_valid;
  gint64            snapshot_seq;
  guint             count;
  gboolean          only_call;
  NawatStoreAssigned assigned;
} NawatProjectListWorker;

typedef enum
{
  NAWAT_PROJECT_LIST_TASK_COUNT,
  NAWAT_PROJECT_LIST_TASK_PAGE,
  NAWAT_PROJECT_LIST_TASK_CHANGED,
} NawatProjectListTaskKind;

typedef struct
{
  NawatProjectListTaskKind  kind;
  NawatProjectListShared   *shared;
  guint                     generation;
  /* the filter and order of the list, copied into each task */
  NawatStoreListQuery      *query;

  /* NAWAT_PROJECT_LIST_TASK_PAGE */
  guint                     page;
  guint64                   page_serial;
  /* NAWAT_PROJECT_LIST_TASK_CHANGED */
  char                     *project_id;
  /* NAWAT_PROJECT_LIST_TASK_COUNT: after an import, forget what is known */
  gboolean                  reset;

  /* results */
  GError                   *error;
  guint                     n_items;
  gboolean                  truncated;
  GPtrArray                *rows;
  gboolean                  recount;
  gboolean                  old_in;
  gboolean                  new_in;
  guint                     old_pos;
  guint                     new_pos;
  /* COUNT and CHANGED: the evaluator's projects, and those submitted */
  guint                     n_assigned;
  guint                     n_submitted;
} NawatProjectListTask;

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

G_END_DECLS
