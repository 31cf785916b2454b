/* nawat-level-group.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nawat-criterion.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_LEVEL_GROUP (nawat_level_group_get_type ())

G_DECLARE_FINAL_TYPE (NawatLevelGroup, nawat_level_group, NAWAT, LEVEL_GROUP, GtkWidget)

/* The levels of one criterion, a toggle button each, chosen like radio
 * buttons: one tab stop, on the chosen level (or the first).  Clicking the
 * chosen level again clears it (::level-toggled with active FALSE).
 */
void       nawat_level_group_set_levels       (NawatLevelGroup  *self,
                                               NawatCriterion   *criterion,
                                               const char       *key,
                                               const char       *label,
                                               const char       *language);
/* Shows @level (NULL: none) as chosen, without emitting ::level-toggled. */
void       nawat_level_group_set_chosen       (NawatLevelGroup  *self,
                                               const NawatLevel *level);
/* The button the focus goes to: the chosen level's, else the first. */
GtkWidget *nawat_level_group_get_focus_target (NawatLevelGroup  *self);

G_END_DECLS
