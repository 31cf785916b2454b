/* nawat-window.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-application.h"
#include "nawat-project-list.h"

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

G_END_DECLS
