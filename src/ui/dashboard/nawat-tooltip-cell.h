/* nawat-tooltip-cell.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NAWAT_TYPE_TOOLTIP_CELL (nawat_tooltip_cell_get_type ())

G_DECLARE_FINAL_TYPE (NawatTooltipCell, nawat_tooltip_cell, NAWAT, TOOLTIP_CELL, GtkWidget)

/* A cell of the ranking table that shows its tooltip when asked for: its
 * "child" and the text of its "tooltip" (NULL for none).
 * GtkWidget:tooltip-text looks for the pointer each time it is set, a
 * round trip to the display server for every row the table fills.
 */

G_END_DECLS
