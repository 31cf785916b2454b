/* test-places.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nawat-domains.h"
#include "nawat-places.h"

static void
test_provinces_count (void)
{
  const NawatProvince *provinces = nawat_provinces ();
  guint n_bangkok = 0;

  g_assert_nonnull (provinces);

  for (int i = 0; i < NAWAT_N_PROVINCES; i++)
    {
      const NawatProvince *p = &provinces[i];

      g_assert_nonnull (p->code);
      g_assert_nonnull (p->th);
      g_assert_nonnull (p->en);
      g_assert_nonnull (p->region);
      g_assert_true (g_utf8_validate (p->th, -1, NULL));
      g_assert_cmpuint (strlen (p->th), >, 0);
      g_assert_cmpuint (strlen (p->en), >, 0);
      g_assert_cmpint (nawat_region_index (p->region), >=, 0);
      if (g_str_equal (p->en, "Bangkok"))
        n_bangkok++;
    }

  g_assert_cmpint (NAWAT_N_PROVINCES, ==, 77);
  g_assert_cmpuint (n_bangkok, ==, 1);
}

static void
test_provinces_codes (void)
{
  const NawatProvince *provinces = nawat_provinces ();
  g_autoptr(GHashTable) th_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) en_names = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 0; i < NAWAT_N_PROVINCES; i++)
    {
      const char *code = provinces[i].code;

      /* "TH-" and two digits, from 10 (Bangkok) to 96 (Narathiwat). */
      g_assert_cmpuint (strlen (code), ==, 5);
      g_assert_true (g_str_has_prefix (code, "TH-"));
      g_assert_true (g_ascii_isdigit (code[3]));
      g_assert_true (g_ascii_isdigit (code[4]));
      g_assert_cmpint (atoi (code + 3), >=, 10);
      g_assert_cmpint (atoi (code + 3), <=, 96);

      if (i > 0)
        g_assert_cmpstr (provinces[i - 1].code, <, code);

      g_assert_true (g_hash_table_add (th_names, (gpointer) provinces[i].th));
      g_assert_true (g_hash_table_add (en_names, (gpointer) provinces[i].en));

      /* Every province can be found by its own code. */
      g_assert_true (nawat_province_lookup (code) == &provinces[i]);
    }

  g_assert_cmpstr (provinces[0].code, ==, "TH-10");
  g_assert_cmpstr (provinces[NAWAT_N_PROVINCES - 1].code, ==, "TH-96");
}

static void
test_regions_counts (void)
{
  static const struct {
    const char *key;
    const char *th;
    guint count;
  } expected[] = {
    { "north",     "ภาคเหนือ",             9 },
    { "northeast", "ภาคตะวันออกเฉียงเหนือ", 20 },
    { "central",   "ภาคกลาง",              22 },
    { "east",      "ภาคตะวันออก",           7 },
    { "west",      "ภาคตะวันตก",            5 },
    { "south",     "ภาคใต้",                14 },
  };
  const NawatProvince *provinces = nawat_provinces ();
  const NawatTerm *regions = nawat_regions ();
  guint counts[NAWAT_N_REGIONS] = { 0 };
  guint total = 0;

  g_assert_cmpint (G_N_ELEMENTS (expected), ==, NAWAT_N_REGIONS);

  for (int i = 0; i < NAWAT_N_PROVINCES; i++)
    counts[nawat_region_index (provinces[i].region)]++;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int index = nawat_region_index (expected[i].key);

      g_assert_cmpint (index, ==, (int) i);
      g_assert_cmpstr (regions[index].key, ==, expected[i].key);
      g_assert_cmpstr (nawat_term_get_label (&regions[index], "th"), ==, expected[i].th);
      g_assert_cmpuint (counts[index], ==, expected[i].count);
      total += counts[index];
    }

  g_assert_cmpuint (total, ==, NAWAT_N_PROVINCES);
  g_assert_cmpint (nawat_region_index ("middle"), ==, -1);
  g_assert_cmpint (nawat_region_index (NULL), ==, -1);
}

static void
test_provinces_lookup (void)
{
  static const struct {
    const char *code;
    const char *th;
    const char *en;
    const char *region;
  } known[] = {
    { "TH-10", "กรุงเทพมหานคร", "Bangkok",    "central" },
    { "TH-21", "ระยอง",        "Rayong",     "east" },
    { "TH-38", "บึงกาฬ",        "Bueng Kan",  "northeast" },
    { "TH-40", "ขอนแก่น",       "Khon Kaen",  "northeast" },
    { "TH-50", "เชียงใหม่",      "Chiang Mai", "north" },
    { "TH-55", "น่าน",          "Nan",        "north" },
    { "TH-63", "ตาก",          "Tak",        "west" },
    { "TH-65", "พิษณุโลก",      "Phitsanulok", "central" },
    { "TH-83", "ภูเก็ต",         "Phuket",     "south" },
    { "TH-90", "สงขลา",        "Songkhla",   "south" },
    { "TH-96", "นราธิวาส",      "Narathiwat", "south" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const NawatProvince *p = nawat_province_lookup (known[i].code);

      g_assert_nonnull (p);
      g_assert_cmpstr (p->code, ==, known[i].code);
      g_assert_cmpstr (nawat_province_get_label (p, "th"), ==, known[i].th);
      g_assert_cmpstr (nawat_province_get_label (p, "en"), ==, known[i].en);
      g_assert_cmpstr (nawat_province_get_label (p, NULL), ==, known[i].en);
      g_assert_cmpstr (p->region, ==, known[i].region);
    }
}

static void
test_provinces_unknown (void)
{
  static const char * const unknown[] = {
    "", "TH-00", "TH-09", "TH-28", "TH-59", "TH-97", "TH-99",
    "th-50", "TH-5", "TH-500", "50", "TH50", "XX-10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_null (nawat_province_lookup (unknown[i]));

  g_assert_null (nawat_province_lookup (NULL));
}

static void
test_domains (void)
{
  static const struct {
    const char *key;
    const char *th;
  } expected[] = {
    { "environment",             "ด้านการอนุรักษ์สิ่งแวดล้อม" },
    { "food-water-energy",       "ด้านความเชื่อมโยงระหว่าง อาหาร น้ำ และพลังงาน" },
    { "government-education",    "ด้านภาครัฐและการศึกษา" },
    { "finance-welfare",         "ด้านการเงิน การจ้างงาน และสวัสดิการสังคม" },
    { "sustainable-agriculture", "ด้านเกษตรกรรมยั่งยืน" },
    { "urbanization",            "ด้านความเป็นเมือง" },
    { "health",                  "ด้านสุขภาพ" },
    { "tourism-culture",         "ด้านการท่องเที่ยวและวัฒนธรรม" },
    { "disaster-management",     "ด้านการจัดการภัยพิบัติ" },
  };
  const NawatTerm *domains = nawat_domains ();

  g_assert_cmpint (G_N_ELEMENTS (expected), ==, NAWAT_N_DOMAINS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (nawat_domain_index (expected[i].key), ==, (int) i);
      g_assert_cmpstr (domains[i].key, ==, expected[i].key);
      g_assert_cmpstr (nawat_term_get_label (&domains[i], "th"), ==, expected[i].th);
      g_assert_cmpstr (nawat_term_get_label (&domains[i], "th_TH.UTF-8"), ==, expected[i].th);
      g_assert_cmpstr (nawat_term_get_label (&domains[i], "en"), ==, domains[i].en);
      g_assert_cmpuint (strlen (domains[i].en), >, 0);
    }

  g_assert_cmpstr (nawat_term_get_label (&domains[6], "en"), ==, "Health");
  g_assert_cmpint (nawat_domain_index ("Health"), ==, -1);
  g_assert_cmpint (nawat_domain_index ("civil-society"), ==, -1);
  g_assert_cmpint (nawat_domain_index (""), ==, -1);
  g_assert_cmpint (nawat_domain_index (NULL), ==, -1);
}

static void
test_helix (void)
{
  static const struct {
    const char *key;
    const char *th;
  } expected[] = {
    { "government",    "ภาครัฐ" },
    { "academia",      "ภาคการศึกษา" },
    { "private",       "ภาคเอกชน" },
    { "civil-society", "ภาคประชาสังคม" },
    { "environment",   "สิ่งแวดล้อม" },
  };
  const NawatTerm *sectors = nawat_helix_sectors ();

  g_assert_cmpint (G_N_ELEMENTS (expected), ==, NAWAT_N_HELIX);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (nawat_helix_index (expected[i].key), ==, (int) i);
      g_assert_cmpstr (nawat_term_get_label (&sectors[i], "th"), ==, expected[i].th);
      g_assert_cmpstr (nawat_term_get_label (&sectors[i], "fr"), ==, sectors[i].en);
    }

  /* The helix sector "environment" and the domain "environment" share a key
   * but are different terms.
   */
  g_assert_cmpint (nawat_helix_index ("environment"), ==, 4);
  g_assert_cmpint (nawat_domain_index ("environment"), ==, 0);
  g_assert_cmpstr (nawat_term_get_label (&sectors[4], "th"), !=,
                   nawat_term_get_label (&nawat_domains ()[0], "th"));
  g_assert_cmpint (nawat_helix_index ("health"), ==, -1);
  g_assert_cmpint (nawat_helix_index (NULL), ==, -1);
}

static void
test_reach (void)
{
  static const char * const keys[] = {
    "community", "city", "regional", "national", "global",
  };
  const NawatTerm *levels = nawat_reach_levels ();
  g_autoptr(GHashTable) th_names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (G_N_ELEMENTS (keys), ==, NAWAT_N_REACH);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *th;

      g_assert_cmpint (nawat_reach_index (keys[i]), ==, (int) i);
      g_assert_cmpstr (levels[i].key, ==, keys[i]);
      th = nawat_term_get_label (&levels[i], "th");
      g_assert_true (g_utf8_validate (th, -1, NULL));
      g_assert_cmpstr (th, !=, levels[i].en);
      g_assert_true (g_hash_table_add (th_names, (gpointer) th));
    }

  g_assert_nonnull (strstr (levels[0].th, "ชุมชน"));
  g_assert_nonnull (strstr (levels[4].th, "โลก"));
  g_assert_cmpint (nawat_reach_index ("province"), ==, -1);
  g_assert_cmpint (nawat_reach_index (NULL), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/places/provinces/count", test_provinces_count);
  g_test_add_func ("/nawat/places/provinces/codes", test_provinces_codes);
  g_test_add_func ("/nawat/places/provinces/lookup", test_provinces_lookup);
  g_test_add_func ("/nawat/places/provinces/unknown", test_provinces_unknown);
  g_test_add_func ("/nawat/places/regions/counts", test_regions_counts);
  g_test_add_func ("/nawat/places/domains", test_domains);
  g_test_add_func ("/nawat/places/helix", test_helix);
  g_test_add_func ("/nawat/places/reach", test_reach);

  return g_test_run ();
}
