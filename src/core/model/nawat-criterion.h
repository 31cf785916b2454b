/* nawat-criterion.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-level.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_CRITERION (nawat_criterion_get_type ())

G_DECLARE_FINAL_TYPE (NawatCriterion, nawat_criterion, NAWAT, CRITERION, GObject)

NawatCriterion  *nawat_criterion_new            (const char       *key);
const char      *nawat_criterion_get_key        (NawatCriterion   *self);
const NawatText *nawat_criterion_get_label      (NawatCriterion   *self);
void             nawat_criterion_set_label      (NawatCriterion   *self,
                                                 const NawatText  *label);
int              nawat_criterion_get_min        (NawatCriterion   *self);
void             nawat_criterion_set_min        (NawatCriterion   *self,
                                                 int               min);
int              nawat_criterion_get_max        (NawatCriterion   *self);
void             nawat_criterion_set_max        (NawatCriterion   *self,
                                                 int               max);
double           nawat_criterion_get_weight     (NawatCriterion   *self);
void             nawat_criterion_set_weight     (NawatCriterion   *self,
                                                 double            weight);
gboolean         nawat_criterion_get_required   (NawatCriterion   *self);
void             nawat_criterion_set_required   (NawatCriterion   *self,
                                                 gboolean          required);
/* The levels, ordered by value: an array of NawatLevel. */
GPtrArray       *nawat_criterion_get_levels     (NawatCriterion   *self);
void             nawat_criterion_add_level      (NawatCriterion   *self,
                                                 const NawatLevel *level);
const NawatLevel *nawat_criterion_find_level    (NawatCriterion   *self,
                                                 int               value);

G_END_DECLS
