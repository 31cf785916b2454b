/* nawat-ranking-model.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-dashboard-snapshot.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_RANKING_MODEL (nawat_ranking_model_get_type ())

G_DECLARE_FINAL_TYPE (NawatRankingModel, nawat_ranking_model, NAWAT, RANKING_MODEL, GObject)

/* The ranking as a list model over the statistics' arrays: its rows are
 * made when asked for, so the table costs nothing per project it does not
 * show.  It shows the projects of an order (indices into the statistics),
 * or all of them in ranking order while it has none.
 */
NawatRankingModel      *nawat_ranking_model_new          (NawatDashboardSnapshot *snapshot);
NawatDashboardSnapshot *nawat_ranking_model_get_snapshot (NawatRankingModel      *self);
void                    nawat_ranking_model_set_order    (NawatRankingModel      *self,
                                                          GArray                 *order);
/* A row of the model at @position is finalized (NawatDashboardRow). */
void                    nawat_ranking_model_forget_row   (gpointer                model,
                                                          guint                   position);

G_END_DECLS
