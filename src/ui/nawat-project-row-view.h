/* nawat-project-row-view.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nawat-project-row.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_PROJECT_ROW_VIEW (nawat_project_row_view_get_type ())

G_DECLARE_FINAL_TYPE (NawatProjectRowView, nawat_project_row_view, NAWAT, PROJECT_ROW_VIEW, GtkWidget)

/* One row of the project list: code, title, organisation, province,
 * primary domain and the evaluator's own status, drawn rather than built
 * of labels.  A list view keeps up to two hundred rows alive and measures
 * each of them; this row's height comes from the font alone, and its text
 * is shaped only when it is drawn.  Below a width it leaves out the
 * province and the domain.  Its accessible label says everything it shows.
 */
GtkWidget       *nawat_project_row_view_new      (const char          *language);
/* Shows @row (may be NULL), and follows its changes. */
void             nawat_project_row_view_set_row  (NawatProjectRowView *self,
                                                  NawatProjectRow     *row);
NawatProjectRow *nawat_project_row_view_get_row  (NawatProjectRowView *self);
/* Marks the row selected, for a reader, while it shows @project_id. */
void             nawat_project_row_view_set_open (NawatProjectRowView *self,
                                                  const char          *project_id);
/* What the row says, in words: its accessible label. */
const char      *nawat_project_row_view_get_text (NawatProjectRowView *self);
gboolean         nawat_project_row_view_get_statuses_fit
                                                 (NawatProjectRowView *self);

/* The evaluator's own status in words. */
const char      *nawat_project_status_label      (NawatProjectStatus   status);

G_END_DECLS
