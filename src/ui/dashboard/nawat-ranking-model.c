/* nawat-ranking-model.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-dashboard-row-private.h"
#include "nawat-ranking-model.h"

struct _NawatRankingModel
{
  GObject                 parent_instance;

  NawatDashboardSnapshot *snapshot;
  GArray                 *order;
  /* Position → the NawatDashboardRow made for it and still alive */
  GHashTable             *rows;
};

static GType
nawat_ranking_model_get_item_type (GListModel *model)
{
  return NAWAT_TYPE_DASHBOARD_ROW;
}

static guint
nawat_ranking_model_get_n_items (GListModel *model)
{
  NawatRankingModel *self = NAWAT_RANKING_MODEL (model);

  return self->order != NULL ? self->order->len : self->snapshot->n_projects;
}

static guint
nawat_ranking_model_get_index (NawatRankingModel *self,
                               guint              position)
{
  if (self->order != NULL)
    return g_array_index (self->order, guint, position);
  return self->snapshot->ranking[position];
}

static gpointer
nawat_ranking_model_get_item (GListModel *model,
                              guint       position)
{
  NawatRankingModel *self = NAWAT_RANKING_MODEL (model);
  NawatDashboardRow *row;

  if (position >= nawat_ranking_model_get_n_items (model))
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  row = _nawat_dashboard_row_new (self->snapshot, nawat_ranking_model_get_index (self, position));
  row->model = self;
  row->position = position;
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
  return row;
}

void
nawat_ranking_model_forget_row (gpointer model,
                                guint    position)
{
  g_hash_table_remove (NAWAT_RANKING_MODEL (model)->rows, GUINT_TO_POINTER (position));
}

/* Leaves @row to its holders, no longer a row of the model */
static gboolean
detach_row (gpointer key,
            gpointer value,
            gpointer user_data)
{
  NAWAT_DASHBOARD_ROW (value)->model = NULL;
  return TRUE;
}

static void
nawat_ranking_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = nawat_ranking_model_get_item_type;
  iface->get_n_items = nawat_ranking_model_get_n_items;
  iface->get_item = nawat_ranking_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (NawatRankingModel, nawat_ranking_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      nawat_ranking_model_list_model_init))

static void
nawat_ranking_model_finalize (GObject *object)
{
  NawatRankingModel *self = NAWAT_RANKING_MODEL (object);

  g_hash_table_foreach_remove (self->rows, detach_row, NULL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->snapshot, nawat_dashboard_snapshot_unref);
  g_clear_pointer (&self->order, g_array_unref);

  G_OBJECT_CLASS (nawat_ranking_model_parent_class)->finalize (object);
}

static void
nawat_ranking_model_class_init (NawatRankingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nawat_ranking_model_finalize;
}

static void
nawat_ranking_model_init (NawatRankingModel *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
}

NawatRankingModel *
nawat_ranking_model_new (NawatDashboardSnapshot *snapshot)
{
  NawatRankingModel *self = g_object_new (NAWAT_TYPE_RANKING_MODEL, NULL);

  self->snapshot = nawat_dashboard_snapshot_ref (snapshot);
  return self;
}

/* Rows past the end of the table, once it is shorter */
static gboolean
detach_row_past (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  if (GPOINTER_TO_UINT (key) < GPOINTER_TO_UINT (user_data))
    return FALSE;
  return detach_row (key, value, NULL);
}

/* Shows the projects of @order, in that order.  The rows shown change
 * their project in place and only the difference in length is announced:
 * the table's widgets stay, where replacing every row would rebuild them.
 */
void
nawat_ranking_model_set_order (NawatRankingModel *self,
                               GArray            *order)
{
  guint old_n = nawat_ranking_model_get_n_items (G_LIST_MODEL (self));
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_clear_pointer (&self->order, g_array_unref);
  self->order = g_array_ref (order);
  g_hash_table_foreach_remove (self->rows, detach_row_past, GUINT_TO_POINTER (order->len));

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      NawatDashboardRow *row = value;

      _nawat_dashboard_row_set_index (row, nawat_ranking_model_get_index (self, row->position));
    }

  if (order->len < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), order->len, old_n - order->len, 0);
  else if (order->len > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, order->len - old_n);
}

NawatDashboardSnapshot *
nawat_ranking_model_get_snapshot (NawatRankingModel *self)
{
  g_return_val_if_fail (NAWAT_IS_RANKING_MODEL (self), NULL);

  return self->snapshot;
}
