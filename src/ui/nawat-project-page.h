/* nawat-project-page.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-call.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"
#include "nawat-rubric.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_PROJECT_PAGE (nawat_project_page_get_type ())

G_DECLARE_FINAL_TYPE (NawatProjectPage, nawat_project_page, NAWAT, PROJECT_PAGE, AdwBin)

/* The facts of one project.  The page does not scroll by itself: put it in
 * a GtkScrolledWindow (with the scoring form, if wanted).
 */
GtkWidget    *nawat_project_page_new              (void);
NawatCall    *nawat_project_page_get_call         (NawatProjectPage *self);
/* Shows @project (NULL clears the page); @call, when given, names the call. */
void          nawat_project_page_set_project      (NawatProjectPage *self,
                                                   NawatProject     *project,
                                                   NawatCall        *call);
void          nawat_project_page_set_language     (NawatProjectPage *self,
                                                   const char       *language);
/* Buddhist Era years in the Thai interface (the "use-be-years" setting). */
gboolean      nawat_project_page_get_use_be_years (NawatProjectPage *self);
void          nawat_project_page_set_use_be_years (NawatProjectPage *self,
                                                   gboolean          use_be_years);
/* An empty vertical box below the facts, named "chart-slot", for the
 * nine-domain radar chart.
 */
GtkBox       *nawat_project_page_get_chart_slot   (NawatProjectPage *self);
/* Shows, in the chart slot, the nine-domain radar of @evaluation (the
 * evaluator's own; NULL draws an empty radar) under @rubric.  Call it after
 * nawat_project_page_set_project(), and nawat_project_page_refresh_chart()
 * after the scores of @evaluation changed.
 */
void          nawat_project_page_set_evaluation   (NawatProjectPage *self,
                                                   NawatRubric      *rubric,
                                                   NawatEvaluation  *evaluation);
void          nawat_project_page_refresh_chart    (NawatProjectPage *self);

G_END_DECLS
