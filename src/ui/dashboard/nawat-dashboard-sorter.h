/* nawat-dashboard-sorter.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nawat-dashboard-snapshot.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_DASHBOARD_SORTER (nawat_dashboard_sorter_get_type ())

G_DECLARE_FINAL_TYPE (NawatDashboardSorter, nawat_dashboard_sorter, NAWAT, DASHBOARD_SORTER, GtkSorter)

/* The sorter of one column of the ranking table, by its "key": "rank",
 * "code", "title", "n-evaluations", "mean", "z-mean", "spread" or
 * "disagreement".
 *
 * Filters and sorts the projects of @snapshot in a worker thread: those
 * whose code or title contains @search (ASCII letters in lower case; NULL
 * for every project), only those flagged for disagreement if
 * @flagged_only, in the order of the column @view is sorted by.  The
 * result is a GArray of project indices into the statistics.
 */
void    nawat_dashboard_sorter_order_async  (GtkColumnView           *view,
                                             NawatDashboardSnapshot  *snapshot,
                                             const char              *search,
                                             gboolean                 flagged_only,
                                             gpointer                 source_object,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
GArray *nawat_dashboard_sorter_order_finish (GAsyncResult            *result,
                                             GError                 **error);

GtkColumnViewColumn *nawat_dashboard_sorter_get_sort_column   (GtkColumnView        *view,
                                                               GtkSortType          *order);
gboolean             nawat_dashboard_sorter_get_highest_first (NawatDashboardSorter *self);

G_END_DECLS
