/* nawat-conflicts-dialog.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_CONFLICTS_DIALOG (nawat_conflicts_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NawatConflictsDialog, nawat_conflicts_dialog, NAWAT, CONFLICTS_DIALOG, AdwWindow)

/* The evaluations of @call_id whose edits clash with the server's version,
 * field by field, this computer's value beside the server's.  Applying
 * saves the chosen values with nawat_store_save_resolution(), so that the
 * next sync pushes them.  @language ("th" or "en") is the rubric's.
 *
 * Signals:
 *   "applied" (NawatConflictsDialog *self, guint n_evaluations)
 *     the resolutions are saved; the dialog closes itself.
 */
NawatConflictsDialog *nawat_conflicts_dialog_new          (GtkWindow            *parent,
                                                           NawatStore           *store,
                                                           const char           *call_id,
                                                           const char           *language);
/* Chooses the server's value (@theirs) or this computer's for @field of
 * @evaluation_id, or for every field of it when @field is NULL.
 */
gboolean              nawat_conflicts_dialog_choose       (NawatConflictsDialog *self,
                                                           const char           *evaluation_id,
                                                           const char           *field,
                                                           gboolean              theirs);
/* Saves every choice, as the Apply button does. */
void                  nawat_conflicts_dialog_apply        (NawatConflictsDialog *self);

G_END_DECLS
