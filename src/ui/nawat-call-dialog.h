/* nawat-call-dialog.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_CALL_DIALOG (nawat_call_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NawatCallDialog, nawat_call_dialog, NAWAT, CALL_DIALOG, AdwWindow)

/* The coordinator's dialog that makes a call, or edits @call when it is
 * given: its id, titles, year, deadline, yearly theme, rubric (the
 * default or one imported from a JSON file) and evaluators with their
 * display names and domains of expertise.  @language ("th" or "en") names
 * the themes and domains; with @be_years the deadline's date is typed and
 * shown in the Buddhist Era.  "Create" (or "Save") checks the call and
 * stores it with nawat_store_save_call() on the store's thread; an
 * invalid call is not stored and the reason shows in the dialog.  The
 * dialog emits "saved" with the call's short id, then closes.
 */
NawatCallDialog *nawat_call_dialog_new       (GtkWindow   *parent,
                                              NawatStore  *store,
                                              NawatCall   *call,
                                              const char  *language,
                                              gboolean     be_years);
/* The reason the last attempt was refused, or NULL. */
const char      *nawat_call_dialog_get_error (NawatCallDialog *self);

G_END_DECLS
