/* nawat-rubric.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-document.h"
#include "nawat-rubric-group.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_RUBRIC (nawat_rubric_get_type ())

G_DECLARE_FINAL_TYPE (NawatRubric, nawat_rubric, NAWAT, RUBRIC, NawatDocument)

#define NAWAT_DEFAULT_RUBRIC_ID "rubric:default:1"

/* Called with each criterion of a rubric and the group holding it. */
typedef void (*NawatRubricCriterionFunc) (NawatRubricGroup *group,
                                          NawatCriterion   *criterion,
                                          gpointer          user_data);

NawatRubric      *nawat_rubric_new               (const char               *id);
/* The built-in default rubric, parsed from the resource by the codec. */
NawatRubric      *nawat_rubric_get_default       (void);
const NawatText  *nawat_rubric_get_title         (NawatRubric              *self);
void              nawat_rubric_set_title         (NawatRubric              *self,
                                                  const NawatText          *title);
/* Whether the form asks the evaluator's confidence (the member
 * "ask_confidence"; absent: not asked).
 */
gboolean          nawat_rubric_get_asks_confidence (NawatRubric            *self);
/* The groups: a list model of NawatRubricGroup. */
GListModel       *nawat_rubric_get_groups        (NawatRubric              *self);
void              nawat_rubric_add_group         (NawatRubric              *self,
                                                  NawatRubricGroup         *group);
NawatRubricGroup *nawat_rubric_find_group        (NawatRubric              *self,
                                                  const char               *key);
/* Looks up "<group>.<criterion>"; sets @group when not NULL. */
NawatCriterion   *nawat_rubric_find_criterion    (NawatRubric              *self,
                                                  const char               *score_key,
                                                  NawatRubricGroup        **group);
/* The number of criteria over every group. */
guint             nawat_rubric_get_n_criteria    (NawatRubric              *self);
/* Every "<group>.<criterion>" key in rubric order, NULL-terminated. */
GStrv             nawat_rubric_dup_score_keys    (NawatRubric              *self);
/* Calls @func with every criterion, group by group, in rubric order. */
void              nawat_rubric_foreach_criterion (NawatRubric              *self,
                                                  NawatRubricCriterionFunc  func,
                                                  gpointer                  user_data);

G_END_DECLS
