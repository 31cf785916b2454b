/* nawat-conflicts-dialog-private.h: what the tests read and drive of the widget
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-conflicts-dialog.h"

G_BEGIN_DECLS

/* TRUE until the conflicts are read (off the main thread). */
gboolean              nawat_conflicts_dialog_get_loading  (NawatConflictsDialog *self);
/* The evaluations listed, in order. */
GStrv                 nawat_conflicts_dialog_dup_evaluations (NawatConflictsDialog *self);
/* The fields of @evaluation_id listed ("scores.merit.innovation", …). */
GStrv                 nawat_conflicts_dialog_dup_fields   (NawatConflictsDialog *self,
                                                           const char           *evaluation_id);
/* The values as shown: this computer's and the server's. */
gboolean              nawat_conflicts_dialog_get_values   (NawatConflictsDialog *self,
                                                           const char           *evaluation_id,
                                                           const char           *field,
                                                           const char          **mine,
                                                           const char          **theirs);

G_END_DECLS
