/* nawat-dashboard.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-stats.h"
#include "nawat-store.h"

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

#define NAWAT_TYPE_DASHBOARD (nawat_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (NawatDashboard, nawat_dashboard, NAWAT, DASHBOARD, AdwWindow)

/* The coordinator's dashboard of one call (DESIGN.md, "User interface"):
 * progress, agreement, coverage and the ranking, computed in a thread
 * (nawat_call_stats_compute) from the evaluations held in @store, and
 * every evaluator's scores of a project side by side.  @language ("th"
 * or "en") is the language of the data shown.
 */
NawatDashboard *nawat_dashboard_new                (GtkWindow      *parent,
                                                    NawatStore     *store,
                                                    const char     *call_id,
                                                    const char     *language);
/* Presents the dashboard of @call_id transient for @parent, opening one
 * when there is none yet, and returns it.
 */
NawatDashboard *nawat_dashboard_present            (GtkWindow      *parent,
                                                    NawatStore     *store,
                                                    const char     *call_id,
                                                    const char     *language);
const char     *nawat_dashboard_get_call_id        (NawatDashboard *self);
/* Computes everything again from the store. */
void            nawat_dashboard_refresh            (NawatDashboard *self);
/* TRUE while the statistics or a project are being read. */
gboolean        nawat_dashboard_get_busy           (NawatDashboard *self);
/* What the dashboard shows: "loading", "empty", "error", "overview",
 * "ranking" or "project".
 */
const char     *nawat_dashboard_get_page           (NawatDashboard *self);
/* The statistics shown; NULL before they are computed. */
NawatCallStats *nawat_dashboard_get_stats          (NawatDashboard *self);
GtkColumnView  *nawat_dashboard_get_column_view    (NawatDashboard *self);
/* The rows of the table as shown (filtered and sorted). */
GListModel     *nawat_dashboard_get_ranking_model  (NawatDashboard *self);
/* Shows the ranking or the overview. */
void            nawat_dashboard_show_ranking       (NawatDashboard *self);
void            nawat_dashboard_show_overview      (NawatDashboard *self);
/* Reads @project_id and its evaluations in a thread and shows every
 * evaluator's scores side by side.
 */
void            nawat_dashboard_open_project       (NawatDashboard *self,
                                                    const char     *project_id);
/* The project shown side by side, or NULL. */
const char     *nawat_dashboard_get_project_id     (NawatDashboard *self);

/* Who the coordinator is (the window's evaluator name), recorded when they
 * reopen an evaluation; NULL: reopening is refused until they say.
 */
void            nawat_dashboard_set_coordinator    (NawatDashboard *self,
                                                    const char     *name);
/* Extends the deadline of the whole call (@evaluator NULL) or of one
 * evaluator (the call's "extensions") to @until, which must be later than
 * the current one, and saves the call in the store ("dashboard.extend-deadline"
 * asks for the day in a dialog).  Publishing puts it on the server.
 */
gboolean        nawat_dashboard_extend_deadline    (NawatDashboard *self,
                                                    const char     *evaluator,
                                                    GDateTime      *until,
                                                    GError        **error);
/* Sends the submitted evaluation @evaluation_id back to draft as the
 * coordinator (nawat_round_reopen ()), at any time, recording "reopened",
 * and saves it ("dashboard.reopen", from the scores side by side).
 */
gboolean        nawat_dashboard_reopen             (NawatDashboard *self,
                                                    const char     *evaluation_id,
                                                    GError        **error);

G_END_DECLS
