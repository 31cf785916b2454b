/* nawat-ranking-cell.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nawat-dashboard-row.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_RANKING_CELL (nawat_ranking_cell_get_type ())

G_DECLARE_FINAL_TYPE (NawatRankingCell, nawat_ranking_cell, NAWAT, RANKING_CELL, GtkWidget)

/* A cell of the ranking table: one "field" of its "row" ("rank", "code",
 * "title", "evaluations", "mean", "z-mean", "spread" or "disagreement"),
 * drawn on one line.
 *
 * Its size depends on its font, never on its text: when the table is
 * sorted, its rows change their project and nothing is measured again;
 * the text is laid out only when the cell is drawn, for the rows on
 * screen.  The tooltip is asked for when shown (GtkWidget:tooltip-text
 * looks for the pointer each time it is set, a round trip to the display
 * server for every row the table fills).
 */

const char *nawat_ranking_cell_get_field (NawatRankingCell *self);
/* What the cell shows, as a screen reader reads it */
const char *nawat_ranking_cell_get_text  (NawatRankingCell *self);
NawatDashboardRow *nawat_ranking_cell_get_row (NawatRankingCell *self);

G_END_DECLS
