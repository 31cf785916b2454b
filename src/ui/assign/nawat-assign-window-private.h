/* nawat-assign-window-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-assign-model.h"
#include "nawat-assign-window.h"

G_BEGIN_DECLS

/* For the tests. */

/* Whether the window is reading, solving or writing. */
gboolean          nawat_assign_window_get_busy        (NawatAssignWindow *self);
const char       *nawat_assign_window_get_call_id     (NawatAssignWindow *self);
NawatAssignModel *nawat_assign_window_get_model       (NawatAssignWindow *self);
/* The report dialog of the last automatic assignment, while it is open. */
AdwMessageDialog *nawat_assign_window_get_report      (NawatAssignWindow *self);
/* The recusal dialog, while it is open. */
AdwMessageDialog *nawat_assign_window_get_recusal     (NawatAssignWindow *self);
/* The check button of project @code and @evaluator, when shown. */
GtkWidget        *nawat_assign_window_find_cell       (NawatAssignWindow *self,
                                                       const char        *code,
                                                       const char        *evaluator);

G_END_DECLS
