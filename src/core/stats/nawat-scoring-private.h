/* nawat-scoring-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-scoring.h"

G_BEGIN_DECLS

/* Why @value cannot be the score of @key, or NULL when it can. */
char *_nawat_scoring_check_reason (NawatRubric *rubric,
                                   const char  *key,
                                   double       value);

G_END_DECLS
