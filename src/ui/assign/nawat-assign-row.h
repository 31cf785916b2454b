/* nawat-assign-row.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NAWAT_TYPE_ASSIGN_ROW (nawat_assign_row_get_type ())

G_DECLARE_FINAL_TYPE (NawatAssignRow, nawat_assign_row, NAWAT, ASSIGN_ROW, GObject)

/* One project of the assignment matrix, made when a view asks for it: it
 * holds only the project's index in the matrix.  "changed" tells the
 * cells showing it to read the matrix again.
 */
NawatAssignRow *nawat_assign_row_new        (guint           index);
guint           nawat_assign_row_get_index  (NawatAssignRow *self);
void            nawat_assign_row_changed    (NawatAssignRow *self);

G_END_DECLS
