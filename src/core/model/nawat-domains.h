/* nawat-domains.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fixed vocabulary entry: a stable key and its Thai and English names
 * (the Thai ones quoted from the seed documents, DOMAIN.md).
 */
typedef struct
{
  const char *key;
  const char *th;
  const char *en;
} NawatTerm;

#define NAWAT_N_DOMAINS 9
#define NAWAT_N_HELIX   5
#define NAWAT_N_REACH   5
#define NAWAT_N_THEMES  4

/* The year of the first yearly theme: the themes are those of BE 2564 to
 * 2567, in order.
 */
#define NAWAT_THEMES_FIRST_YEAR_BE 2564

/* The nine social-issue domains in the seed's order. */
const NawatTerm *nawat_domains        (void);
/* The five Quintuple Helix sectors. */
const NawatTerm *nawat_helix_sectors  (void);
/* community, city, regional, national, global */
const NawatTerm *nawat_reach_levels   (void);
/* The yearly themes of NIA's phase 2: recovery (BE 2564),
 * regional-scaling (2565), networks-impact (2566), ecosystem (2567).
 */
const NawatTerm *nawat_call_themes    (void);
/* The index of @key, or -1 when unknown. */
int              nawat_domain_index   (const char      *key);
int              nawat_helix_index    (const char      *key);
int              nawat_reach_index    (const char      *key);
int              nawat_theme_index    (const char      *key);
/* The projects of one reach level and their budget. */
typedef struct
{
  guint  n_projects;
  gint64 budget_thb;
} NawatReachTotal;

/* Counts a project of @reach (a reach key) and @budget_thb into @totals:
 * @totals[i] for nawat_reach_levels()[i], @totals[NAWAT_N_REACH] for a
 * project that states no reach (or an unknown one).
 */
void             nawat_reach_totals_add (NawatReachTotal *totals,
                                         const char      *reach,
                                         gint64           budget_thb);

/* th or en, falling back to en. */
const char      *nawat_term_get_label (const NawatTerm *term,
                                       const char      *lang);

G_END_DECLS
