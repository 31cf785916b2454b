/* nawat-level.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-text.h"

G_BEGIN_DECLS

/* One level of a criterion's scale: its value, a short label and the
 * descriptor an evaluator reads before choosing it.
 */
typedef struct _NawatLevel
{
  int        value;
  NawatText *label;
  NawatText *descriptor;
} NawatLevel;

#define NAWAT_TYPE_LEVEL (nawat_level_get_type ())

GType       nawat_level_get_type (void) G_GNUC_CONST;
NawatLevel *nawat_level_new      (int               value,
                                  const NawatText  *label,
                                  const NawatText  *descriptor);
NawatLevel *nawat_level_copy     (const NawatLevel *self);
void        nawat_level_free     (NawatLevel       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatLevel, nawat_level_free)

G_END_DECLS
