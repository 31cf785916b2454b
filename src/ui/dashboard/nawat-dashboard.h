/* nawat-dashboard.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

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
/* Computes everything again from the store. */
void            nawat_dashboard_refresh            (NawatDashboard *self);
/* Shows the ranking or the overview. */
void            nawat_dashboard_show_ranking       (NawatDashboard *self);
void            nawat_dashboard_show_overview      (NawatDashboard *self);
/* Reads @project_id and its evaluations in a thread and shows every
 * evaluator's scores side by side.
 */
void            nawat_dashboard_open_project       (NawatDashboard *self,
                                                    const char     *project_id);

/* Who the coordinator is (the window's evaluator name), recorded when they
 * reopen an evaluation; NULL: reopening is refused until they say.
 */
void            nawat_dashboard_set_coordinator    (NawatDashboard *self,
                                                    const char     *name);
/* Moves the deadline of the whole call (@evaluator NULL) or gives one
 * evaluator an extension (the call's "extensions") until @until, and saves
 * the call in the store, on its database thread (nawat_store_extend_deadline();
 * "dashboard.extend-deadline" asks for the day in a dialog).  Publishing
 * puts it on the server.
 */
void            nawat_dashboard_extend_deadline        (NawatDashboard       *self,
                                                        const char           *evaluator,
                                                        GDateTime            *until,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
NawatCall      *nawat_dashboard_extend_deadline_finish (NawatDashboard       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* Sends the submitted evaluation @evaluation_id back to draft as the
 * coordinator, at any time, recording "reopened", and saves it
 * (nawat_store_reopen_evaluation(); "dashboard.reopen", from the scores
 * side by side).
 */
void            nawat_dashboard_reopen                 (NawatDashboard       *self,
                                                        const char           *evaluation_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
NawatEvaluation *nawat_dashboard_reopen_finish         (NawatDashboard       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
