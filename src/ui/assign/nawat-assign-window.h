/* nawat-assign-window.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_ASSIGN_WINDOW (nawat_assign_window_get_type ())

G_DECLARE_FINAL_TYPE (NawatAssignWindow, nawat_assign_window, NAWAT, ASSIGN_WINDOW, AdwWindow)

/* The coordinator's assignment of evaluators to the projects of a call:
 * a matrix of projects × evaluators, filtered by text, domain or the
 * projects short of K, with bulk actions on the projects shown and
 * automatic assignment (nawat_assign_solve(), off the main thread).  Each
 * change is written into the projects' documents in the store
 * (nawat_store_set_assigned()), which publishing puts on the server.
 * @language ("th" or "en") is the language of the data shown.
 */
NawatAssignWindow *nawat_assign_window_present (GtkWindow  *parent,
                                                NawatStore *store,
                                                const char *call_id,
                                                const char *language);
/* Reads the call from the store again. */
void               nawat_assign_window_reload  (NawatAssignWindow *self);

G_END_DECLS
