/* nawat-places.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-domains.h"

G_BEGIN_DECLS

#define NAWAT_N_PROVINCES 77
#define NAWAT_N_REGIONS   6

typedef struct
{
  /* ISO 3166-2:TH, "TH-10" (Bangkok) to "TH-96" */
  const char *code;
  const char *th;
  const char *en;
  /* north, northeast, central, east, west, south */
  const char *region;
} NawatProvince;

/* The 77 provinces, ordered by code. */
const NawatProvince *nawat_provinces        (void);
const NawatProvince *nawat_province_lookup  (const char          *code);
/* The six regions: north, northeast, central, east, west, south. */
const NawatTerm     *nawat_regions          (void);
int                  nawat_region_index     (const char          *key);
const char          *nawat_province_get_label (const NawatProvince *province,
                                               const char          *lang);

G_END_DECLS
