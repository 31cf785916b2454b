/* nawat-level.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-level.h"

G_DEFINE_BOXED_TYPE (NawatLevel, nawat_level, nawat_level_copy, nawat_level_free)

/* Copies @label and @descriptor, either of which may be NULL. */
NawatLevel *
nawat_level_new (int              value,
                 const NawatText *label,
                 const NawatText *descriptor)
{
  NawatLevel *self = g_new0 (NawatLevel, 1);

  self->value = value;
  self->label = label != NULL ? nawat_text_copy (label) : NULL;
  self->descriptor = descriptor != NULL ? nawat_text_copy (descriptor) : NULL;

  return self;
}

NawatLevel *
nawat_level_copy (const NawatLevel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return nawat_level_new (self->value, self->label, self->descriptor);
}

void
nawat_level_free (NawatLevel *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->label, nawat_text_free);
  g_clear_pointer (&self->descriptor, nawat_text_free);
  g_free (self);
}
