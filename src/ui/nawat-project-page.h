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
#include "nawat-store.h"

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

/* The project's files: their names, types and sizes, and whether @store
 * holds their contents (else "Not downloaded yet").  Activating a file
 * held emits "open-file" with its name.  When @can_attach (a
 * coordinator), an "Attach Files…" button (the window's
 * "win.attach-files") and files dropped on the page ("files-dropped",
 * with a GPtrArray of GFile) attach files to the project.
 */
void          nawat_project_page_set_store        (NawatProjectPage *self,
                                                   NawatStore       *store);
void          nawat_project_page_set_can_attach   (NawatProjectPage *self,
                                                   gboolean          can_attach);
/* Gives the keyboard focus to the row of file @name. */
gboolean      nawat_project_page_focus_file       (NawatProjectPage *self,
                                                   const char       *name);
/* Reads again which files the store holds (after a sync). */
void          nawat_project_page_refresh_files    (NawatProjectPage *self);

G_END_DECLS
