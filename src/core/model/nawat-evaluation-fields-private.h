/* nawat-evaluation-fields-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-evaluation-fields.h"

G_BEGIN_DECLS

void _nawat_evaluation_fields_set_extra (const NawatEvaluationField *extra,
                                         guint                       n_extra);

G_END_DECLS
