/* nawat-assign-row.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-assign-row.h"

struct _NawatAssignRow
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (NawatAssignRow, nawat_assign_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
nawat_assign_row_class_init (NawatAssignRowClass *klass)
{
  /**
   * NawatAssignRow::changed:
   *
   * The project's evaluators changed in the matrix.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nawat_assign_row_init (NawatAssignRow *self)
{
}

NawatAssignRow *
nawat_assign_row_new (guint index)
{
  NawatAssignRow *self = g_object_new (NAWAT_TYPE_ASSIGN_ROW, NULL);

  self->index = index;
  return self;
}

guint
nawat_assign_row_get_index (NawatAssignRow *self)
{
  g_return_val_if_fail (NAWAT_IS_ASSIGN_ROW (self), 0);

  return self->index;
}

void
nawat_assign_row_changed (NawatAssignRow *self)
{
  g_return_if_fail (NAWAT_IS_ASSIGN_ROW (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
