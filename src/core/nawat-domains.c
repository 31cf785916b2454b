/* nawat-domains.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-domains.h"

/* The Thai names are quoted verbatim from NIA's social-innovation strategy
 * (the nine domains and the Quintuple Helix) and its networks document (the
 * reach levels).  The keys are stable identifiers stored in documents and in
 * the database, and the order is the order of every chart axis, so neither
 * may change.
 */
static const NawatTerm domains[NAWAT_N_DOMAINS] = {
  { "environment",
    "ด้านการอนุรักษ์สิ่งแวดล้อม",
    "Environmental conservation" },
  { "food-water-energy",
    "ด้านความเชื่อมโยงระหว่าง อาหาร น้ำ และพลังงาน",
    "Food, water and energy nexus" },
  { "government-education",
    "ด้านภาครัฐและการศึกษา",
    "Public sector and education" },
  { "finance-welfare",
    "ด้านการเงิน การจ้างงาน และสวัสดิการสังคม",
    "Finance, employment and social welfare" },
  { "sustainable-agriculture",
    "ด้านเกษตรกรรมยั่งยืน",
    "Sustainable agriculture" },
  { "urbanization",
    "ด้านความเป็นเมือง",
    "Urbanisation" },
  { "health",
    "ด้านสุขภาพ",
    "Health" },
  { "tourism-culture",
    "ด้านการท่องเที่ยวและวัฒนธรรม",
    "Tourism and culture" },
  { "disaster-management",
    "ด้านการจัดการภัยพิบัติ",
    "Disaster management" },
};

static const NawatTerm helix_sectors[NAWAT_N_HELIX] = {
  { "government",    "ภาครัฐ",       "Government" },
  { "academia",      "ภาคการศึกษา",  "Academia" },
  { "private",       "ภาคเอกชน",     "Private sector" },
  { "civil-society", "ภาคประชาสังคม", "Civil society" },
  { "environment",   "สิ่งแวดล้อม",    "Natural environment" },
};

static const NawatTerm reach_levels[NAWAT_N_REACH] = {
  { "community", "ระดับชุมชน",   "Community" },
  { "city",      "ระดับเมือง",    "City" },
  { "regional",  "ระดับภูมิภาค",  "Regional" },
  { "national",  "ระดับประเทศ",  "National" },
  { "global",    "ระดับโลก",     "Global" },
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
