/* nawat-window.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-application.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_WINDOW (nawat_window_get_type ())

G_DECLARE_FINAL_TYPE (NawatWindow, nawat_window, NAWAT, WINDOW, AdwApplicationWindow)

NawatWindow *nawat_window_new          (NawatApplication  *application);
/* Shows @project_id in the detail pane, with the evaluator's evaluation */
void         nawat_window_open_project        (NawatWindow          *self,
                                               const char           *project_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean     nawat_window_open_project_finish (NawatWindow          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
