/* nawat-window.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-application.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"
#include "nawat-project-list.h"
#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_WINDOW (nawat_window_get_type ())

G_DECLARE_FINAL_TYPE (NawatWindow, nawat_window, NAWAT, WINDOW, AdwApplicationWindow)

NawatWindow      *nawat_window_new              (NawatApplication *application);
/* The projects of the call shown; NULL until the store is open. */
NawatProjectList *nawat_window_get_project_list (NawatWindow      *self);
GtkWidget        *nawat_window_get_search_entry (NawatWindow      *self);
/* The short id of the call shown, or NULL. */
const char       *nawat_window_get_call_id      (NawatWindow      *self);
/* What the window shows: "loading", "list", "no-match", "no-projects",
 * "no-calls" or "error".
 */
const char       *nawat_window_get_page         (NawatWindow      *self);
/* The store, the project open in the detail pane and the evaluator's
 * evaluation of it (a new draft until something is saved), or NULL.
 */
NawatStore       *nawat_window_get_store        (NawatWindow      *self);
NawatProject     *nawat_window_get_project      (NawatWindow      *self);
NawatEvaluation  *nawat_window_get_evaluation   (NawatWindow      *self);
const char       *nawat_window_get_evaluator    (NawatWindow      *self);
/* The NawatScoreForm and the NawatProjectPage of the detail pane. */
GtkWidget        *nawat_window_get_score_form   (NawatWindow      *self);
GtkWidget        *nawat_window_get_project_page (NawatWindow      *self);
gboolean          nawat_window_open_project     (NawatWindow      *self,
                                                 const char       *project_id,
                                                 GError          **error);

G_END_DECLS
