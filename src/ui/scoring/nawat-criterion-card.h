/* nawat-criterion-card.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nawat-criterion.h"
#include "nawat-evaluation.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_CRITERION_CARD (nawat_criterion_card_get_type ())

G_DECLARE_FINAL_TYPE (NawatCriterionCard, nawat_criterion_card, NAWAT, CRITERION_CARD, GtkBox)

/* One criterion of the rubric as the score form shows it: its levels
 * (NawatLevelGroup), the chosen level's descriptor and an expandable
 * comment.  @key is "<group>.<criterion>", @language the rubric texts'.
 */
NawatCriterionCard *nawat_criterion_card_new           (NawatCriterion     *criterion,
                                                        const char         *key,
                                                        const char         *language);
const char         *nawat_criterion_card_get_key       (NawatCriterionCard *self);
NawatCriterion     *nawat_criterion_card_get_criterion (NawatCriterionCard *self);
/* Shows the criterion's score and comment in @evaluation. */
void                nawat_criterion_card_update        (NawatCriterionCard *self,
                                                        NawatEvaluation    *evaluation,
                                                        gboolean            locked);
/* The level @delta steps away from the one chosen in @evaluation (none:
 * the first going forward, the last going back).  FALSE past either end.
 */
gboolean            nawat_criterion_card_step_level    (NawatCriterionCard *self,
                                                        NawatEvaluation    *evaluation,
                                                        int                 delta,
                                                        int                *value);
/* Gives the focus to the chosen level (else the first, else the card). */
gboolean            nawat_criterion_card_focus         (NawatCriterionCard *self);

G_END_DECLS
