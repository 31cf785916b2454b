/* nawat-dashboard-sorter.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-dashboard-row-private.h"
#include "nawat-dashboard-sorter.h"

#include <math.h>
#include <string.h>

/* The table is sorted in a worker thread over the statistics' arrays
 * (nawat_dashboard_sorter_order_async): GtkSortListModel would make a row
 * object for every project.  Each column still has a sorter, so that the
 * column view shows its headers as sortable; the sorters only tell which
 * key and direction the user chose (read_sort_order).  Figures sort
 * highest first, undefined ones last; rank, code and title in increasing
 * order.
 */

typedef enum
{
  SORT_RANK,
  SORT_CODE,
  SORT_TITLE,
  SORT_EVALUATIONS,
  SORT_MEAN,
  SORT_Z_MEAN,
  SORT_SPREAD,
  SORT_DISAGREEMENT,
} SortKey;

static const char * const sort_keys[] = {
  "rank", "code", "title", "n-evaluations", "mean", "z-mean", "spread", "disagreement",
};

struct _NawatDashboardSorter
{
  GtkSorter parent_instance;

  SortKey   key;
};

G_DEFINE_FINAL_TYPE (NawatDashboardSorter, nawat_dashboard_sorter, GTK_TYPE_SORTER)

enum {
  SORTER_PROP_0,
  SORTER_PROP_KEY,
  SORTER_N_PROPS
};

static GParamSpec *sorter_properties[SORTER_N_PROPS];

static int
compare_numbers (double a,
                 double b)
{
  /* Highest first; undefined last */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a < b) - (a > b);
}

/* Projects @index1 and @index2 of @snapshot in the order of @key */
static int
compare_projects (const NawatDashboardSnapshot *snapshot,
                  SortKey                       key,
                  guint                         index1,
                  guint                         index2)
{
  const NawatProjectStats *a = nawat_call_stats_get_project (snapshot->stats, index1);
  const NawatProjectStats *b = nawat_call_stats_get_project (snapshot->stats, index2);

  switch (key)
    {
    case SORT_RANK:
      /* Unranked (0) last */
      return (a->rank_mean - 1u > b->rank_mean - 1u) - (a->rank_mean - 1u < b->rank_mean - 1u);
    case SORT_CODE:
      return strcmp (a->project_id, b->project_id);
    case SORT_TITLE:
      return strcmp (nawat_dashboard_snapshot_get_title (snapshot, index1),
                     nawat_dashboard_snapshot_get_title (snapshot, index2));
    case SORT_EVALUATIONS:
      return (a->n_evaluations < b->n_evaluations) - (a->n_evaluations > b->n_evaluations);
    case SORT_MEAN:
      return compare_numbers (a->mean, b->mean);
    case SORT_Z_MEAN:
      return compare_numbers (a->z_mean, b->z_mean);
    case SORT_SPREAD:
      return compare_numbers (a->n_evaluations >= 2 ? a->spread : NAN,
                              b->n_evaluations >= 2 ? b->spread : NAN);
    case SORT_DISAGREEMENT:
      return (int) b->disagreement - (int) a->disagreement;
    default:
      g_assert_not_reached ();
    }
}

static GtkOrdering
nawat_dashboard_sorter_compare (GtkSorter *sorter,
                                gpointer   item1,
                                gpointer   item2)
{
  NawatDashboardSorter *self = NAWAT_DASHBOARD_SORTER (sorter);
  NawatDashboardRow *row1 = item1;
  NawatDashboardRow *row2 = item2;

  /* A probe of read_sort_order(): note the key and stop there */
  if (row1->snapshot == NULL)
    {
      row1->index = self->key;
      return GTK_ORDERING_SMALLER;
    }
  return gtk_ordering_from_cmpfunc (compare_projects (row1->snapshot, self->key,
                                                      row1->index, row2->index));
}

static GtkSorterOrder
nawat_dashboard_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
nawat_dashboard_sorter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  NawatDashboardSorter *self = NAWAT_DASHBOARD_SORTER (object);

  switch (prop_id)
    {
    case SORTER_PROP_KEY:
      for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
        if (g_strcmp0 (g_value_get_string (value), sort_keys[i]) == 0 && self->key != i)
          {
            self->key = i;
            gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
            g_object_notify_by_pspec (object, pspec);
          }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_sorter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  NawatDashboardSorter *self = NAWAT_DASHBOARD_SORTER (object);

  switch (prop_id)
    {
    case SORTER_PROP_KEY:
      g_value_set_string (value, sort_keys[self->key]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_sorter_class_init (NawatDashboardSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->set_property = nawat_dashboard_sorter_set_property;
  object_class->get_property = nawat_dashboard_sorter_get_property;
  sorter_class->compare = nawat_dashboard_sorter_compare;
  sorter_class->get_order = nawat_dashboard_sorter_get_order;

  /* One of sort_keys[] */
  sorter_properties[SORTER_PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, "rank",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SORTER_N_PROPS, sorter_properties);
}

static void
nawat_dashboard_sorter_init (NawatDashboardSorter *self)
{
  self->key = SORT_RANK;
}

/* Ordering, in a worker thread */

typedef struct
{
  NawatDashboardSnapshot *snapshot;
  SortKey                 key;
  gboolean                descending;
  /* ASCII letters in lower case; NULL to show every project */
  char                   *search;
  gboolean                flagged_only;
} OrderData;

static void
order_data_free (OrderData *data)
{
  nawat_dashboard_snapshot_unref (data->snapshot);
  g_free (data->search);
  g_free (data);
}

/* Whether @needle (ASCII letters folded to lower case) occurs in
 * @haystack, ignoring the case of ASCII letters; Thai has no case.
 */
static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  gsize n = strlen (needle);

  if (haystack == NULL)
    return FALSE;
  for (const char *p = haystack; *p != '\0'; p++)
    {
      gsize i = 0;

      while (i < n && p[i] != '\0' && g_ascii_tolower (p[i]) == needle[i])
        i++;
      if (i == n)
        return TRUE;
    }
  return FALSE;
}

static gboolean
order_data_matches (const OrderData *data,
                    guint            index)
{
  const NawatProjectStats *ps = nawat_call_stats_get_project (data->snapshot->stats, index);

  if (data->flagged_only && !ps->disagreement)
    return FALSE;
  if (data->search == NULL)
    return TRUE;
  return contains_folded (nawat_dashboard_project_code (ps->project_id), data->search) ||
         contains_folded (data->snapshot->titles[index], data->search);
}

/* Positions in the ranking, compared by the chosen key; ties keep the
 * ranking order whichever the direction.
 */
static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const OrderData *data = user_data;
  guint position1 = *(const guint *) a;
  guint position2 = *(const guint *) b;
  int order = compare_projects (data->snapshot, data->key,
                                data->snapshot->ranking[position1],
                                data->snapshot->ranking[position2]);

  if (data->descending)
    order = -order;
  if (order == 0)
    order = (position1 > position2) - (position1 < position2);
  return order;
}

static void
order_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OrderData *data = task_data;
  const NawatDashboardSnapshot *snapshot = data->snapshot;
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), snapshot->n_projects);

  for (guint position = 0; position < snapshot->n_projects; position++)
    {
      if (position % 4096 == 0 && g_task_return_error_if_cancelled (task))
        return;
      if (order_data_matches (data, snapshot->ranking[position]))
        g_array_append_val (order, position);
    }

  if (data->key != SORT_RANK || data->descending)
    g_array_sort_with_data (order, compare_positions, data);
  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = 0; i < order->len; i++)
    g_array_index (order, guint, i) = snapshot->ranking[g_array_index (order, guint, i)];
  g_task_return_pointer (task, g_steal_pointer (&order), (GDestroyNotify) g_array_unref);
}

/* GTK 4.8 does not say which column the table is sorted by.  Comparing
 * two probe rows through the table's sorter tells: the table asks the
 * sorter of its primary column first, which writes its key into the first
 * probe and answers "smaller", and the table turns that answer round when
 * the column is sorted in descending order.
 */
static void
read_sort_order (GtkColumnView *view,
                 SortKey       *key,
                 gboolean      *descending)
{
  g_autoptr(NawatDashboardRow) probe = g_object_new (NAWAT_TYPE_DASHBOARD_ROW, NULL);
  g_autoptr(NawatDashboardRow) other = g_object_new (NAWAT_TYPE_DASHBOARD_ROW, NULL);
  GtkOrdering ordering = gtk_sorter_compare (gtk_column_view_get_sorter (view), probe, other);

  *key = ordering == GTK_ORDERING_EQUAL ? SORT_RANK : (SortKey) probe->index;
  *descending = ordering == GTK_ORDERING_LARGER;
}

void
nawat_dashboard_sorter_order_async (GtkColumnView          *view,
                                    NawatDashboardSnapshot *snapshot,
                                    const char             *search,
                                    gboolean                flagged_only,
                                    gpointer                source_object,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  OrderData *data = g_new0 (OrderData, 1);

  data->snapshot = nawat_dashboard_snapshot_ref (snapshot);
  read_sort_order (view, &data->key, &data->descending);
  data->search = g_strdup (search);
  data->flagged_only = flagged_only;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, nawat_dashboard_sorter_order_async);
  g_task_set_task_data (task, data, (GDestroyNotify) order_data_free);
  g_task_run_in_thread (task, order_thread);
}

GArray *
nawat_dashboard_sorter_order_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * nawat_dashboard_sorter_get_sort_column:
 * @view: the ranking's column view
 * @order: (out): the direction it is sorted in
 *
 * Returns: (transfer none) (nullable): the column @view is sorted by
 */
GtkColumnViewColumn *
nawat_dashboard_sorter_get_sort_column (GtkColumnView *view,
                                        GtkSortType   *order)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  gboolean descending;
  SortKey key;

  read_sort_order (view, &key, &descending);
  *order = descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (NAWAT_IS_DASHBOARD_SORTER (sorter) && NAWAT_DASHBOARD_SORTER (sorter)->key == key)
        return column;
    }

  return NULL;
}

/* TRUE where ascending order puts the highest figure first (figures),
 * FALSE where it is increasing order (rank, code, title).
 */
gboolean
nawat_dashboard_sorter_get_highest_first (NawatDashboardSorter *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD_SORTER (self), FALSE);

  return self->key != SORT_RANK && self->key != SORT_CODE && self->key != SORT_TITLE;
}
