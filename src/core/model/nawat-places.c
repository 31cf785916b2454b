/* nawat-places.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nawat-domains-private.h"
#include "nawat-places.h"

/* Thailand's 77 provinces (76 and Bangkok).  The ISO 3166-2:TH codes are
 * the country's own two-digit province codes; the table is sorted by code
 * so that a lookup is a binary search.  Regions follow the six-region
 * grouping used for statistics and reports.
 */
static const NawatProvince provinces[NAWAT_N_PROVINCES] = {
  { "TH-10", "กรุงเทพมหานคร", "Bangkok", "central" },
  { "TH-11", "สมุทรปราการ", "Samut Prakan", "central" },
  { "TH-12", "นนทบุรี", "Nonthaburi", "central" },
  { "TH-13", "ปทุมธานี", "Pathum Thani", "central" },
  { "TH-14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya", "central" },
  { "TH-15", "อ่างทอง", "Ang Thong", "central" },
  { "TH-16", "ลพบุรี", "Lop Buri", "central" },
  { "TH-17", "สิงห์บุรี", "Sing Buri", "central" },
  { "TH-18", "ชัยนาท", "Chai Nat", "central" },
  { "TH-19", "สระบุรี", "Saraburi", "central" },
  { "TH-20", "ชลบุรี", "Chon Buri", "east" },
  { "TH-21", "ระยอง", "Rayong", "east" },
  { "TH-22", "จันทบุรี", "Chanthaburi", "east" },
  { "TH-23", "ตราด", "Trat", "east" },
  { "TH-24", "ฉะเชิงเทรา", "Chachoengsao", "east" },
  { "TH-25", "ปราจีนบุรี", "Prachin Buri", "east" },
  { "TH-26", "นครนายก", "Nakhon Nayok", "central" },
  { "TH-27", "สระแก้ว", "Sa Kaeo", "east" },
  { "TH-30", "นครราชสีมา", "Nakhon Ratchasima", "northeast" },
  { "TH-31", "บุรีรัมย์", "Buri Ram", "northeast" },
  { "TH-32", "สุรินทร์", "Surin", "northeast" },
  { "TH-33", "ศรีสะเกษ", "Si Sa Ket", "northeast" },
  { "TH-34", "อุบลราชธานี", "Ubon Ratchathani", "northeast" },
  { "TH-35", "ยโสธร", "Yasothon", "northeast" },
  { "TH-36", "ชัยภูมิ", "Chaiyaphum", "northeast" },
  { "TH-37", "อำนาจเจริญ", "Amnat Charoen", "northeast" },
  { "TH-38", "บึงกาฬ", "Bueng Kan", "northeast" },
  { "TH-39", "หนองบัวลำภู", "Nong Bua Lam Phu", "northeast" },
  { "TH-40", "ขอนแก่น", "Khon Kaen", "northeast" },
  { "TH-41", "อุดรธานี", "Udon Thani", "northeast" },
  { "TH-42", "เลย", "Loei", "northeast" },
  { "TH-43", "หนองคาย", "Nong Khai", "northeast" },
  { "TH-44", "มหาสารคาม", "Maha Sarakham", "northeast" },
  { "TH-45", "ร้อยเอ็ด", "Roi Et", "northeast" },
  { "TH-46", "กาฬสินธุ์", "Kalasin", "northeast" },
  { "TH-47", "สกลนคร", "Sakon Nakhon", "northeast" },
  { "TH-48", "นครพนม", "Nakhon Phanom", "northeast" },
  { "TH-49", "มุกดาหาร", "Mukdahan", "northeast" },
  { "TH-50", "เชียงใหม่", "Chiang Mai", "north" },
  { "TH-51", "ลำพูน", "Lamphun", "north" },
  { "TH-52", "ลำปาง", "Lampang", "north" },
  { "TH-53", "อุตรดิตถ์", "Uttaradit", "north" },
  { "TH-54", "แพร่", "Phrae", "north" },
  { "TH-55", "น่าน", "Nan", "north" },
  { "TH-56", "พะเยา", "Phayao", "north" },
  { "TH-57", "เชียงราย", "Chiang Rai", "north" },
  { "TH-58", "แม่ฮ่องสอน", "Mae Hong Son", "north" },
  { "TH-60", "นครสวรรค์", "Nakhon Sawan", "central" },
  { "TH-61", "อุทัยธานี", "Uthai Thani", "central" },
  { "TH-62", "กำแพงเพชร", "Kamphaeng Phet", "central" },
  { "TH-63", "ตาก", "Tak", "west" },
  { "TH-64", "สุโขทัย", "Sukhothai", "central" },
  { "TH-65", "พิษณุโลก", "Phitsanulok", "central" },
  { "TH-66", "พิจิตร", "Phichit", "central" },
  { "TH-67", "เพชรบูรณ์", "Phetchabun", "central" },
  { "TH-70", "ราชบุรี", "Ratchaburi", "west" },
  { "TH-71", "กาญจนบุรี", "Kanchanaburi", "west" },
  { "TH-72", "สุพรรณบุรี", "Suphan Buri", "central" },
  { "TH-73", "นครปฐม", "Nakhon Pathom", "central" },
  { "TH-74", "สมุทรสาคร", "Samut Sakhon", "central" },
  { "TH-75", "สมุทรสงคราม", "Samut Songkhram", "central" },
  { "TH-76", "เพชรบุรี", "Phetchaburi", "west" },
  { "TH-77", "ประจวบคีรีขันธ์", "Prachuap Khiri Khan", "west" },
  { "TH-80", "นครศรีธรรมราช", "Nakhon Si Thammarat", "south" },
  { "TH-81", "กระบี่", "Krabi", "south" },
  { "TH-82", "พังงา", "Phang Nga", "south" },
  { "TH-83", "ภูเก็ต", "Phuket", "south" },
  { "TH-84", "สุราษฎร์ธานี", "Surat Thani", "south" },
  { "TH-85", "ระนอง", "Ranong", "south" },
  { "TH-86", "ชุมพร", "Chumphon", "south" },
  { "TH-90", "สงขลา", "Songkhla", "south" },
  { "TH-91", "สตูล", "Satun", "south" },
  { "TH-92", "ตรัง", "Trang", "south" },
  { "TH-93", "พัทลุง", "Phatthalung", "south" },
  { "TH-94", "ปัตตานี", "Pattani", "south" },
  { "TH-95", "ยะลา", "Yala", "south" },
  { "TH-96", "นราธิวาส", "Narathiwat", "south" },
};

static const NawatTerm regions[NAWAT_N_REGIONS] = {
  NAWAT_TERM ("north", REGION_NORTH),
  NAWAT_TERM ("northeast", REGION_NORTHEAST),
  NAWAT_TERM ("central", REGION_CENTRAL),
  NAWAT_TERM ("east", REGION_EAST),
  NAWAT_TERM ("west", REGION_WEST),
  NAWAT_TERM ("south", REGION_SOUTH),
};

const NawatProvince *
nawat_provinces (void)
{
  return provinces;
}

static int
compare_province_code (const void *key,
                       const void *member)
{
  const NawatProvince *province = member;

  return strcmp (key, province->code);
}

/* Returns the province whose ISO 3166-2:TH code is @code ("TH-50"), or
 * %NULL when there is none.
 */
const NawatProvince *
nawat_province_lookup (const char *code)
{
  if (code == NULL)
    return NULL;

  return bsearch (code, provinces, NAWAT_N_PROVINCES, sizeof provinces[0],
                  compare_province_code);
}

const NawatTerm *
nawat_regions (void)
{
  return regions;
}

int
nawat_region_index (const char *key)
{
  if (key == NULL)
    return -1;

  for (int i = 0; i < NAWAT_N_REGIONS; i++)
    {
      if (g_str_equal (regions[i].key, key))
        return i;
    }

  return -1;
}

/* th or en, falling back to en, as nawat_term_get_label(). */
const char *
nawat_province_get_label (const NawatProvince *province,
                          const char          *lang)
{
  g_return_val_if_fail (province != NULL, NULL);

  if (lang != NULL && g_str_has_prefix (lang, "th") && province->th != NULL)
    return province->th;

  return province->en != NULL ? province->en : province->th;
}
