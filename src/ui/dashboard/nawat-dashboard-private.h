/* nawat-dashboard-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-chart-view.h"
#include "nawat-dashboard.h"
#include "nawat-dashboard-snapshot.h"
#include "nawat-ranking-model.h"
#include "nawat-stats.h"
#include "nawat-table.h"

G_BEGIN_DECLS

/* The dashboard spans nawat-dashboard.c (the window, the overview and the
 * ranking) and nawat-dashboard-project.c (one project's scores side by
 * side).
 */
struct _NawatDashboard
{
  AdwWindow           parent_instance;

  /* Template children */
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *back_button;
  GtkWidget          *refresh_button;
  GtkStack           *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle     *project_title;
  GtkStack           *main_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  AdwViewStack       *view_stack;
  GtkLabel           *note_label;
  GtkFlowBox         *summary_box;
  AdwPreferencesGroup *agreement_group;
  AdwActionRow       *alpha_interval_row;
  AdwActionRow       *alpha_ordinal_row;
  AdwActionRow       *icc_row;
  GtkLabel           *alpha_interval_label;
  GtkLabel           *alpha_ordinal_label;
  GtkLabel           *icc_label;
  NawatChartView     *progress_chart;
  GtkListBox         *progress_list;
  GtkToggleButton    *by_evaluator_button;
  GtkToggleButton    *by_project_button;
  GtkStack           *progress_stack;
  GtkLabel           *outstanding_label;
  GtkListView        *outstanding_view;
  GtkNoSelection     *outstanding_selection;
  NawatChartView     *heatmap_chart;
  GtkListBox         *reach_list;
  NawatChartView     *distribution_chart;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *flagged_button;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *rank_column;
  GtkColumnViewColumn *evaluations_column;
  GtkColumnViewColumn *z_column;
  GtkColumnViewColumn *spread_column;
  GtkNoSelection     *selection;
  GtkStack           *project_stack;
  GtkSpinner         *project_spinner;
  GtkBox             *project_box;

  NawatStore         *store;
  char               *call_id;
  char               *language;
  GCancellable       *cancellable;
  GCancellable       *project_cancellable;
  NawatDashboardSnapshot *snapshot;
  /* Shown in the table, or NULL */
  NawatRankingModel       *ranking;
  GCancellable       *order_cancellable;
  /* The per-project outstanding work being read */
  GCancellable       *outstanding_cancellable;
  char               *project_id;
  /* Who reopens evaluations here (the window's evaluator), or NULL */
  char               *coordinator;

  guint               narrow_idle;
  guint               narrow : 1;
  guint               sorted : 1;
  guint               computing : 1;
  guint               loading_project : 1;
  guint               ordering : 1;
  guint               outstanding_loaded : 1;
  guint               loading_outstanding : 1;
  guint               saving_outstanding : 1;
};

void            _nawat_dashboard_set_busy          (NawatDashboard *self,
                                                    gboolean        computing,
                                                    gboolean        loading_project);
void            _nawat_dashboard_add_toast         (NawatDashboard *self,
                                                    const char     *title);
/* Empties a flow box, list box, box or other container */
void            _nawat_dashboard_remove_children   (GtkWidget      *widget);
/* The "Remind" and "Copy" buttons of an evaluator's progress row, whose
 * widget name is @evaluator (nawat-dashboard-remind.c).
 */
void            _nawat_dashboard_add_remind_buttons (NawatDashboard *self,
                                                     AdwActionRow   *row,
                                                     const char     *evaluator);
/* The progress per project and the saving of the outstanding work
 * (nawat-dashboard-outstanding.c).
 */
void            _nawat_dashboard_set_outstanding_busy (NawatDashboard *self,
                                                       gboolean        loading,
                                                       gboolean        saving);
void            _nawat_dashboard_setup_outstanding (NawatDashboard *self);
void            _nawat_dashboard_class_init_outstanding (GtkWidgetClass *widget_class);
/* Reads the per-project view again, now if it is shown, else when it is */
void            _nawat_dashboard_update_outstanding (NawatDashboard *self);
/* Writes the outstanding work, per project or per evaluator, to @file */
void            _nawat_dashboard_save_outstanding  (NawatDashboard   *self,
                                                    GFile            *file,
                                                    NawatTableFormat  format,
                                                    gboolean          by_project);
/* A figure and what it counts, as a card; @name names the figure's label */
void            _nawat_dashboard_setup_headers     (NawatDashboard *self);
void            _nawat_dashboard_update_headers    (NawatDashboard *self);
GtkWidget      *_nawat_dashboard_new_card          (const char     *value,
                                                    const char     *caption,
                                                    const char     *name);

/* For the tests */
const char     *nawat_dashboard_get_call_id        (NawatDashboard *self);
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
/* The project shown side by side, or NULL. */
const char     *nawat_dashboard_get_project_id     (NawatDashboard *self);

G_END_DECLS
