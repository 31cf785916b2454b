/* nawat-rubric-group.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-criterion.h"

G_BEGIN_DECLS

typedef enum
{
  NAWAT_AGGREGATION_MEAN,
  NAWAT_AGGREGATION_MAX,
} NawatAggregation;

#define NAWAT_TYPE_AGGREGATION  (nawat_aggregation_get_type ())
#define NAWAT_TYPE_RUBRIC_GROUP (nawat_rubric_group_get_type ())

/* The enum's nicks are the JSON strings, "mean" and "max". */
GType nawat_aggregation_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (NawatRubricGroup, nawat_rubric_group, NAWAT, RUBRIC_GROUP, GObject)

NawatRubricGroup *nawat_rubric_group_new             (const char       *key);
const char       *nawat_rubric_group_get_key         (NawatRubricGroup *self);
/* "<group>.<criterion>", the key of @criterion's score in an evaluation. */
char             *nawat_rubric_group_dup_score_key   (NawatRubricGroup *self,
                                                      NawatCriterion   *criterion);
const NawatText  *nawat_rubric_group_get_label       (NawatRubricGroup *self);
void              nawat_rubric_group_set_label       (NawatRubricGroup *self,
                                                      const NawatText  *label);
double            nawat_rubric_group_get_weight      (NawatRubricGroup *self);
void              nawat_rubric_group_set_weight      (NawatRubricGroup *self,
                                                      double            weight);
NawatAggregation  nawat_rubric_group_get_aggregation (NawatRubricGroup *self);
void              nawat_rubric_group_set_aggregation (NawatRubricGroup *self,
                                                      NawatAggregation  aggregation);
/* The criteria: a list model of NawatCriterion. */
GListModel       *nawat_rubric_group_get_criteria    (NawatRubricGroup *self);
void              nawat_rubric_group_add_criterion   (NawatRubricGroup *self,
                                                      NawatCriterion   *criterion);
NawatCriterion   *nawat_rubric_group_find_criterion  (NawatRubricGroup *self,
                                                      const char       *key);

G_END_DECLS
