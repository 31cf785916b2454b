/* nawat-domains.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-domains.h"
#include "nawat-domains-private.h"

/* The keys are stable identifiers stored in documents and in the database,
 * and the order is the order of every chart axis, so neither may change.
 * The names are vocabulary words (nawat-vocabulary.c); their Thai, quoted
 * verbatim from NIA's social-innovation strategy (the nine domains and the
 * Quintuple Helix) and its networks document (the reach levels), is in
 * po/th.po.
 */
static const NawatTerm domains[NAWAT_N_DOMAINS] = {
  NAWAT_TERM ("environment", DOMAIN_ENVIRONMENT),
  NAWAT_TERM ("food-water-energy", DOMAIN_FOOD_WATER_ENERGY),
  NAWAT_TERM ("government-education", DOMAIN_GOVERNMENT_EDUCATION),
  NAWAT_TERM ("finance-welfare", DOMAIN_FINANCE_WELFARE),
  NAWAT_TERM ("sustainable-agriculture", DOMAIN_SUSTAINABLE_AGRICULTURE),
  NAWAT_TERM ("urbanization", DOMAIN_URBANIZATION),
  NAWAT_TERM ("health", DOMAIN_HEALTH),
  NAWAT_TERM ("tourism-culture", DOMAIN_TOURISM_CULTURE),
  NAWAT_TERM ("disaster-management", DOMAIN_DISASTER_MANAGEMENT),
};

static const NawatTerm helix_sectors[NAWAT_N_HELIX] = {
  NAWAT_TERM ("government", SECTOR_GOVERNMENT),
  NAWAT_TERM ("academia", SECTOR_ACADEMIA),
  NAWAT_TERM ("private", SECTOR_PRIVATE),
  NAWAT_TERM ("civil-society", SECTOR_CIVIL_SOCIETY),
  NAWAT_TERM ("environment", SECTOR_ENVIRONMENT),
};

static const NawatTerm reach_levels[NAWAT_N_REACH] = {
  NAWAT_TERM ("community", REACH_COMMUNITY),
  NAWAT_TERM ("city", REACH_CITY),
  NAWAT_TERM ("regional", REACH_REGIONAL),
  NAWAT_TERM ("national", REACH_NATIONAL),
  NAWAT_TERM ("global", REACH_GLOBAL),
};

/* In the order of their years, from NAWAT_THEMES_FIRST_YEAR_BE. */
static const NawatTerm themes[NAWAT_N_THEMES] = {
  NAWAT_TERM ("recovery", THEME_RECOVERY),
  NAWAT_TERM ("regional-scaling", THEME_REGIONAL_SCALING),
  NAWAT_TERM ("networks-impact", THEME_NETWORKS_IMPACT),
  NAWAT_TERM ("ecosystem", THEME_ECOSYSTEM),
};

static int
find_term (const NawatTerm *terms,
           int              n_terms,
           const char      *key)
{
  if (key == NULL)
    return -1;

  for (int i = 0; i < n_terms; i++)
    {
      if (g_str_equal (terms[i].key, key))
        return i;
    }

  return -1;
}

const NawatTerm *
nawat_domains (void)
{
  return domains;
}

const NawatTerm *
nawat_helix_sectors (void)
{
  return helix_sectors;
}

const NawatTerm *
nawat_reach_levels (void)
{
  return reach_levels;
}

const NawatTerm *
nawat_call_themes (void)
{
  return themes;
}

int
nawat_theme_index (const char *key)
{
  return find_term (themes, NAWAT_N_THEMES, key);
}

int
nawat_domain_index (const char *key)
{
  return find_term (domains, NAWAT_N_DOMAINS, key);
}

int
nawat_helix_index (const char *key)
{
  return find_term (helix_sectors, NAWAT_N_HELIX, key);
}

int
nawat_reach_index (const char *key)
{
  return find_term (reach_levels, NAWAT_N_REACH, key);
}

void
nawat_reach_totals_add (NawatReachTotal *totals,
                        const char      *reach,
                        gint64           budget_thb)
{
  int index = nawat_reach_index (reach);

  g_return_if_fail (totals != NULL);

  if (index < 0)
    index = NAWAT_N_REACH;
  totals[index].n_projects++;
  totals[index].budget_thb += MAX (budget_thb, 0);
}

/* @lang is a language code such as "th", "th_TH" or "en"; anything that is
 * not Thai gets the English name, which is also the fallback when a term has
 * no Thai name.
 */
const char *
nawat_term_get_label (const NawatTerm *term,
                      const char      *lang)
{
  g_return_val_if_fail (term != NULL, NULL);

  if (lang != NULL && g_str_has_prefix (lang, "th") && term->th != NULL)
    return term->th;

  return term->en != NULL ? term->en : term->th;
}
