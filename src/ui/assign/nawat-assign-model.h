/* nawat-assign-model.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-assign-row.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_ASSIGN_MODEL (nawat_assign_model_get_type ())

G_DECLARE_FINAL_TYPE (NawatAssignModel, nawat_assign_model, NAWAT, ASSIGN_MODEL, GObject)

/* The projects the assignment matrix shows, as a list of NawatAssignRow:
 * it holds their indices only and makes a row when a view asks for one,
 * so that a call of 100,000 projects costs no object per project.  A row
 * alive is given again while it is, so that nawat_assign_model_changed()
 * reaches the cells showing it.
 */
NawatAssignModel *nawat_assign_model_new         (void);
/* Shows the projects @indices (guint, taken), in their order. */
void              nawat_assign_model_set_indices (NawatAssignModel *self,
                                                  GArray           *indices);
/* Tells the cells showing project @index that its evaluators changed. */
void              nawat_assign_model_changed     (NawatAssignModel *self,
                                                  guint             index);
/* Tells every cell shown. */
void              nawat_assign_model_changed_all (NawatAssignModel *self);
guint             nawat_assign_model_get_index   (NawatAssignModel *self,
                                                  guint             position);

G_END_DECLS
