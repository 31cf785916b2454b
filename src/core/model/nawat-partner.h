/* nawat-partner.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A partner of a project, tagged with one Quintuple Helix sector key. */
typedef struct _NawatPartner
{
  char *name;
  char *sector;
} NawatPartner;

#define NAWAT_TYPE_PARTNER (nawat_partner_get_type ())

GType         nawat_partner_get_type (void) G_GNUC_CONST;
NawatPartner *nawat_partner_new      (const char         *name,
                                      const char         *sector);
NawatPartner *nawat_partner_copy     (const NawatPartner *self);
void          nawat_partner_free     (NawatPartner       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatPartner, nawat_partner_free)

G_END_DECLS
