/* nawat-partner.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-partner.h"

G_DEFINE_BOXED_TYPE (NawatPartner, nawat_partner, nawat_partner_copy, nawat_partner_free)

NawatPartner *
nawat_partner_new (const char *name,
                   const char *sector)
{
  NawatPartner *self = g_new0 (NawatPartner, 1);

  self->name = g_strdup (name);
  self->sector = g_strdup (sector);

  return self;
}

NawatPartner *
nawat_partner_copy (const NawatPartner *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return nawat_partner_new (self->name, self->sector);
}

void
nawat_partner_free (NawatPartner *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->sector);
  g_free (self);
}
