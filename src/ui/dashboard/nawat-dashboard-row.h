/* nawat-dashboard-row.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "nawat-stats.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_DASHBOARD_ROW (nawat_dashboard_row_get_type ())

G_DECLARE_FINAL_TYPE (NawatDashboardRow, nawat_dashboard_row, NAWAT, DASHBOARD_ROW, GObject)

/* One row of the ranking table: a view of the call's statistics, made
 * when the table asks for it, which shows another project when the table
 * is sorted or filtered again.  Its properties are what the columns
 * show ("code", "title", "rank-text", "evaluations-text", "progress-text",
 * "mean-text", "z-text", "spread-text", "disagreement",
 * "disagreement-text" and "reasons").
 */
const char              *nawat_dashboard_row_get_project_id (NawatDashboardRow *self);
const NawatProjectStats *nawat_dashboard_row_get_stats      (NawatDashboardRow *self);
const char              *nawat_dashboard_row_get_title      (NawatDashboardRow *self);

G_END_DECLS
