/* nawat-dashboard-row-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-dashboard-row.h"
#include "nawat-dashboard-snapshot.h"

G_BEGIN_DECLS

/* A row of the ranking table: the project at one position of the table.
 * When the table is sorted or filtered again, the rows it shows stay and
 * change their project, so that the table keeps its widgets.
 */
struct _NawatDashboardRow
{
  GObject                 parent_instance;

  NawatDashboardSnapshot *snapshot;
  /* of the project, in the statistics */
  guint                   index;
  /* The NawatRankingModel that made the row, while the row is at @position */
  gpointer                model;
  guint                   position;
};

NawatDashboardRow *_nawat_dashboard_row_new       (NawatDashboardSnapshot *snapshot,
                                                   guint                   index);
/* Shows project @index of the snapshot, telling every property's change,
 * then emitting "changed"
 */
void               _nawat_dashboard_row_set_index (NawatDashboardRow      *self,
                                                   guint                   index);
/* The texts of the "partial" and "disagreement" marks */
const char        *_nawat_dashboard_row_get_partial_label (void);
const char        *_nawat_dashboard_row_get_flagged_label (void);

G_END_DECLS
