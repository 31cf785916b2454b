/* nawat-generator.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-generator.h"

#include "nawat-codec.h"
#include "nawat-codec-private.h"
#include "nawat-domains.h"
#include "nawat-json.h"
#include "nawat-places.h"
#include "nawat-rubric.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The generator writes JSON by hand, with a fixed member order and integers
 * only, so that its output depends on nothing but its arguments (no locale,
 * no hash-table order, no clock).  Every project draws its values from its
 * own random stream, derived from the seed and its index, so that the
 * evaluations, written after all the projects, can replay a project's
 * values without keeping anything in memory.
 */

#define FLUSH_SIZE (64 * 1024)
#define MAX_DOMAINS 3
#define MAX_PARTNERS 5
#define MAX_ASSIGNED 3

typedef struct
{
  const char *th;
  const char *en;
} Pair;

/* Per domain, in the order of nawat_domains (): the core of a title. */
static const Pair cores[NAWAT_N_DOMAINS][5] = {
  {
    { "การอนุรักษ์สิ่งแวดล้อมโดยชุมชน", "Community-led environmental conservation" },
    { "ธนาคารขยะรีไซเคิล", "Recycling waste bank" },
    { "การฟื้นฟูป่าชายเลน", "Mangrove restoration" },
    { "เครือข่ายเฝ้าระวังฝุ่น PM2.5", "PM2.5 haze monitoring network" },
    { "การอนุรักษ์ป่าต้นน้ำ", "Upland watershed forest conservation" },
  },
  {
    { "ระบบสูบน้ำพลังงานแสงอาทิตย์", "Solar-powered water pumping" },
    { "ธนาคารอาหารชุมชน", "Community food bank" },
    { "ก๊าซชีวภาพจากมูลสัตว์", "Biogas from livestock waste" },
    { "ระบบประปาหมู่บ้านอัจฉริยะ", "Smart village water supply" },
    { "โรงไฟฟ้าชุมชนขนาดเล็ก", "Small community power plant" },
  },
  {
    { "ห้องเรียนสะเต็มในโรงเรียนขนาดเล็ก", "STEM classrooms in small schools" },
    { "แพลตฟอร์มการเรียนรู้ดิจิทัล", "Digital learning platform" },
    { "ระบบติดตามนักเรียนกลุ่มเสี่ยงหลุดออกจากระบบการศึกษา", "Early detection of students at risk of dropping out" },
    { "บริการภาครัฐแบบเปิด", "Open public services" },
    { "สภาเยาวชนดิจิทัล", "Digital youth council" },
  },
  {
    { "กองทุนสวัสดิการชุมชน", "Community welfare fund" },
    { "การจ้างงานผู้สูงอายุ", "Employment for older people" },
    { "สินเชื่อรายย่อยเพื่อการประกอบอาชีพ", "Microcredit for livelihoods" },
    { "การพัฒนาทักษะอาชีพคนพิการ", "Vocational skills for people with disabilities" },
    { "การออมและแก้หนี้ครัวเรือน", "Household savings and debt relief" },
  },
  {
    { "เกษตรอินทรีย์แบบมีส่วนร่วม", "Participatory organic farming" },
    { "การแปรรูปผลผลิตทางการเกษตร", "Agricultural product processing" },
    { "เกษตรแม่นยำ", "Precision farming" },
    { "ระบบวนเกษตร", "Agroforestry" },
    { "การอนุรักษ์ข้าวพันธุ์พื้นเมือง", "Native rice seed conservation" },
  },
  {
    { "การเดินทางในเมืองอย่างยั่งยืน", "Sustainable urban mobility" },
    { "สวนผักคนเมือง", "Urban vegetable gardens" },
    { "ที่อยู่อาศัยราคาประหยัด", "Affordable housing" },
    { "ย่านนวัตกรรม", "Innovation district" },
    { "ทางเท้าปลอดภัย", "Safe walkways" },
  },
  {
    { "การดูแลผู้สูงอายุติดเตียง", "Care for bedridden older people" },
    { "การแพทย์ทางไกล", "Telemedicine" },
    { "การดูแลสุขภาพจิตเยาวชน", "Youth mental health care" },
    { "การป้องกันโรคไข้เลือดออก", "Dengue prevention" },
    { "สมุนไพรพื้นบ้าน", "Traditional herbal medicine" },
  },
  {
    { "การท่องเที่ยวโดยชุมชน", "Community-based tourism" },
    { "การสืบสานผ้าทอพื้นเมือง", "Revival of local hand-woven textiles" },
    { "อาหารถิ่นเพื่อการท่องเที่ยว", "Local cuisine for tourism" },
    { "พิพิธภัณฑ์ชุมชนมีชีวิต", "Living community museum" },
    { "เส้นทางท่องเที่ยวเชิงเกษตร", "Agritourism route" },
  },
  {
    { "ระบบเตือนภัยน้ำท่วมชุมชน", "Community flood early-warning system" },
    { "การป้องกันไฟป่าและหมอกควัน", "Forest fire and haze prevention" },
    { "การรับมือภัยแล้ง", "Drought resilience" },
    { "การเตรียมพร้อมรับมือดินถล่ม", "Landslide preparedness" },
    { "ศูนย์ฟื้นฟูหลังภัยพิบัติ", "Post-disaster recovery centre" },
  },
};

/* Per domain: the problem a summary opens with. */
static const Pair problems[NAWAT_N_DOMAINS][2] = {
  { { "ป่าเสื่อมโทรมและขยะล้นชุมชน", "degraded forests and overflowing waste" },
    { "มลพิษทางอากาศจากการเผาในที่โล่ง", "air pollution from open burning" } },
  { { "การขาดแคลนน้ำในฤดูแล้ง", "dry-season water shortages" },
    { "ค่าพลังงานที่สูงขึ้น", "rising energy costs" } },
  { { "ความเหลื่อมล้ำทางการศึกษา", "unequal access to education" },
    { "การเข้าถึงบริการภาครัฐที่จำกัด", "limited access to public services" } },
  { { "หนี้สินครัวเรือนและรายได้ที่ไม่แน่นอน", "household debt and unstable incomes" },
    { "การขาดหลักประกันทางสังคม", "a lack of social protection" } },
  { { "ต้นทุนการผลิตสูงและราคาผลผลิตตกต่ำ", "high production costs and low crop prices" },
    { "ดินเสื่อมจากการใช้สารเคมี", "soil degraded by agrochemicals" } },
  { { "การจราจรติดขัดและพื้นที่สีเขียวที่มีน้อย", "congestion and scarce green space" },
    { "ชุมชนแออัดในเมือง", "crowded urban settlements" } },
  { { "บริการสุขภาพที่อยู่ห่างไกล", "distant health services" },
    { "ภาระการดูแลผู้ป่วยในครอบครัว", "the burden of family caregiving" } },
  { { "รายได้จากการท่องเที่ยวที่ไม่ถึงมือชุมชน", "tourism income that bypasses communities" },
    { "ภูมิปัญญาท้องถิ่นที่กำลังสูญหาย", "disappearing local knowledge" } },
  { { "น้ำท่วมฉับพลันซ้ำซาก", "recurrent flash floods" },
    { "ไฟป่าและภัยแล้งที่รุนแรงขึ้น", "worsening forest fires and droughts" } },
};

static const Pair methods[] = {
  { "", "" },
  { "ด้วยเทคโนโลยีไอโอที", " using IoT technology" },
  { "ผ่านแอปพลิเคชันบนมือถือ", " through a mobile app" },
  { "ด้วยข้อมูลดาวเทียม", " with satellite data" },
  { "โดยความร่วมมือของภาคีเครือข่าย", " through a partner network" },
  { "ด้วยภูมิปัญญาท้องถิ่น", " drawing on local wisdom" },
  { "ด้วยปัญญาประดิษฐ์", " with artificial intelligence" },
  { "แบบวิสาหกิจเพื่อสังคม", " as a social enterprise" },
};

static const Pair targets[] = {
  { "วิสาหกิจชุมชน", "community enterprises" },
  { "ผู้สูงอายุ", "older people" },
  { "เกษตรกรรายย่อย", "smallholder farmers" },
  { "เยาวชน", "young people" },
  { "กลุ่มสตรี", "women's groups" },
  { "ชาวประมงพื้นบ้าน", "small-scale fishers" },
  { "คนพิการ", "people with disabilities" },
  { "แรงงานนอกระบบ", "informal workers" },
  { "กลุ่มชาติพันธุ์", "ethnic communities" },
  { "ชุมชนเมือง", "urban communities" },
};

/* Village names, without the "บ้าน" / "Ban" prefix. */
static const Pair villages[] = {
  { "ดอนแก้ว", "Don Kaeo" },
  { "หนองบัว", "Nong Bua" },
  { "ป่าแดง", "Pa Daeng" },
  { "ห้วยทราย", "Huai Sai" },
  { "โคกสูง", "Khok Sung" },
  { "นาเกลือ", "Na Kluea" },
  { "แม่ทา", "Mae Tha" },
  { "ท่าช้าง", "Tha Chang" },
  { "หัวเขา", "Hua Khao" },
  { "คลองน้ำใส", "Khlong Nam Sai" },
  { "สันติสุข", "Santi Suk" },
  { "บางปลา", "Bang Pla" },
  { "โนนสะอาด", "Non Sa-at" },
  { "ทุ่งกุลา", "Thung Kula" },
};

/* Templates: %1$s is a village, %2$s a province name (both in the
 * language of the template).
 */
static const char * const organisations[] = {
  "วิสาหกิจชุมชนบ้าน%1$s",
  "มูลนิธิพัฒนาชุมชน%2$s",
  "สหกรณ์การเกษตรบ้าน%1$s จำกัด",
  "เครือข่ายนวัตกรรมสังคม%2$s",
  "กลุ่มอาสาสมัครบ้าน%1$s",
  "บริษัท %1$s ฟิวเจอร์ จำกัด (วิสาหกิจเพื่อสังคม)",
  "%2$s Social Innovation Lab",
  "Ban %1$s Community Enterprise",
};
/* Which templates above are English: their names come from the "en" side. */
static const gboolean organisation_en[] = {
  FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE,
};

/* Partner name templates per helix sector, in the order of
 * nawat_helix_sectors (); same arguments as organisations, all Thai.
 */
static const char * const partners[NAWAT_N_HELIX][5] = {
  {
    "องค์การบริหารส่วนตำบล%1$s",
    "สำนักงานเกษตรจังหวัด%2$s",
    "โรงพยาบาลส่งเสริมสุขภาพตำบล%1$s",
    "เทศบาลเมือง%2$s",
    "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด%2$s",
  },
  {
    "มหาวิทยาลัยราชภัฏ%2$s",
    "วิทยาลัยเทคนิค%2$s",
    "โรงเรียนบ้าน%1$s",
    "วิทยาลัยเกษตรและเทคโนโลยี%2$s",
    "ศูนย์การศึกษานอกระบบและการศึกษาตามอัธยาศัยอำเภอ%1$s",
  },
  {
    "หอการค้าจังหวัด%2$s",
    "บริษัท %1$s กรีนเทค จำกัด",
    "ห้างหุ้นส่วนจำกัด %1$s ออร์แกนิก",
    "สมาคมโรงแรมและการท่องเที่ยว%2$s",
    "บริษัท สยามโซลาร์ %2$s จำกัด",
  },
  {
    "สภาองค์กรชุมชนตำบล%1$s",
    "มูลนิธิรักษ์%2$s",
    "อาสาสมัครสาธารณสุขประจำหมู่บ้าน%1$s",
    "สมาคมผู้สูงอายุจังหวัด%2$s",
    "เครือข่ายเยาวชน%2$s",
  },
  {
    "เครือข่ายอนุรักษ์ป่าต้นน้ำบ้าน%1$s",
    "กลุ่มอนุรักษ์ป่าชุมชนบ้าน%1$s",
    "ชมรมรักษ์แม่น้ำ%2$s",
    "กลุ่มอนุรักษ์ป่าชายเลนบ้าน%1$s",
    "เครือข่ายธนาคารต้นไม้%2$s",
  },
};

static const Pair comments_good[] = {
  { "แนวคิดชัดเจนและตอบโจทย์ปัญหาของชุมชน", "A clear idea that answers the community's problem." },
  { "ทีมงานมีประสบการณ์ในพื้นที่และมีภาคีที่เข้มแข็ง", "An experienced local team with strong partners." },
  { "มีแผนการขยายผลที่เป็นรูปธรรม", "A concrete plan for scaling up." },
};
static const Pair comments_weak[] = {
  { "งบประมาณบางรายการยังไม่สมเหตุสมผล", "Some budget items are not justified." },
  { "ควรระบุตัวชี้วัดผลลัพธ์ทางสังคมให้ชัดเจนขึ้น", "The social outcome indicators should be clearer." },
  { "ยังขาดแผนความยั่งยืนหลังสิ้นสุดโครงการ", "There is no plan for after the funding ends." },
};

static const char * const reaches[] = {
  "community", "city", "regional", "national", "global",
};
/* Share of each reach, in percent; and budget range in thousands of baht. */
static const guint reach_share[] = { 40, 20, 20, 15, 5 };
static const guint reach_budget[][2] = {
  { 100, 1000 }, { 300, 3000 }, { 500, 5000 }, { 1000, 10000 }, { 2000, 20000 },
};

static const guint month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

/* splitmix64: tiny, fast and good enough for synthetic data. */
typedef struct
{
  guint64 state;
} Rng;

static guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint64
rng_next (Rng *rng)
{
  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (rng->state);
}

/* A number in [0, n). */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  g_assert (n > 0);
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* A number in [lo, hi]. */
static guint
rng_range (Rng   *rng,
           guint  lo,
           guint  hi)
{
  return lo + rng_below (rng, hi - lo + 1);
}

/* TRUE with probability @percent / 100. */
static gboolean
rng_chance (Rng   *rng,
            guint  percent)
{
  return rng_below (rng, 100) < percent;
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  index,
          guint64  stream)
{
  rng->state = mix64 (seed ^ mix64 (index * 4 + stream + 1));
}

typedef struct
{
  guint index;
  guint domains[MAX_DOMAINS];
  guint n_domains;
  guint core;
  guint method;
  guint target;
  guint problem;
  guint village;
  guint province;
  guint organisation;
  guint reach;
  guint sectors[MAX_PARTNERS];
  guint partner_names[MAX_PARTNERS];
  guint partner_villages[MAX_PARTNERS];
  guint n_partners;
  guint budget_thousands;
  guint duration;
  guint households;
  guint day_of_year;
  guint minute_of_day;
  /* 0–100: how good the proposal is, shared by its evaluators */
  guint quality;
  guint assigned[MAX_ASSIGNED];
  guint n_assigned;
} Project;

typedef struct
{
  GOutputStream *output;
  GCancellable  *cancellable;
  GString       *buffer;
  const char    *call_id;
  const char    *deadline;
  const char    *theme;
  guint64        seed;
  guint          n_evaluators;
  gboolean       first;
} Writer;

static gboolean
writer_flush (Writer  *w,
              GError **error)
{
  if (w->buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (w->output, w->buffer->str, w->buffer->len,
                                  NULL, w->cancellable, error))
    return FALSE;
  g_string_truncate (w->buffer, 0);
  return TRUE;
}

static gboolean
writer_maybe_flush (Writer  *w,
                    GError **error)
{
  if (w->buffer->len < FLUSH_SIZE)
    return TRUE;
  return writer_flush (w, error);
}

static void
append_member (GString    *s,
               const char *key,
               const char *value)
{
  _nawat_codec_append_string (s, key);
  g_string_append_c (s, ':');
  _nawat_codec_append_string (s, value);
}

static void
append_text (GString    *s,
             const char *key,
             const char *th,
             const char *en)
{
  _nawat_codec_append_string (s, key);
  g_string_append (s, ":{");
  append_member (s, "th", th);
  g_string_append_c (s, ',');
  append_member (s, "en", en);
  g_string_append_c (s, '}');
}

static void
begin_doc (Writer *w)
{
  g_string_append (w->buffer, w->first ? "\n" : ",\n");
  w->first = FALSE;
}

/* "2026-03-14T02:27:00Z" from a day of 2026 (0-based) and a minute. */
static void
append_date (GString *s,
             guint    day_of_year,
             guint    minute_of_day)
{
  guint month = 0;

  while (month < 11 && day_of_year >= month_days[month])
    day_of_year -= month_days[month++];
  g_string_append_printf (s, "\"2026-%02u-%02uT%02u:%02u:00Z\"",
                          month + 1, day_of_year + 1,
                          minute_of_day / 60, minute_of_day % 60);
}

static char *
evaluator_name (guint index)
{
  return g_strdup_printf ("evaluator-%02u", index + 1);
}

static void
project_code (char  *buf,
              gsize  size,
              guint  index)
{
  g_snprintf (buf, size, "p%06u", index + 1);
}

/* Draws every value of project @index; the same on every call. */
static void
project_init (Project *p,
              guint64  seed,
              guint    index,
              guint    n_evaluators)
{
  Rng rng;
  guint pick;
  guint order[NAWAT_N_HELIX] = { 0, 1, 2, 3, 4 };

  memset (p, 0, sizeof *p);
  rng_init (&rng, seed, index, 0);
  p->index = index;

  p->n_domains = rng_chance (&rng, 45) ? 1 : rng_range (&rng, 2, MAX_DOMAINS);
  for (guint i = 0; i < p->n_domains; i++)
    {
      gboolean again;

      do
        {
          p->domains[i] = rng_below (&rng, NAWAT_N_DOMAINS);
          again = FALSE;
          for (guint j = 0; j < i; j++)
            again |= p->domains[j] == p->domains[i];
        }
      while (again);
    }

  p->core = rng_below (&rng, G_N_ELEMENTS (cores[0]));
  p->method = rng_below (&rng, G_N_ELEMENTS (methods));
  p->target = rng_below (&rng, G_N_ELEMENTS (targets));
  p->problem = rng_below (&rng, G_N_ELEMENTS (problems[0]));
  p->village = rng_below (&rng, G_N_ELEMENTS (villages));
  p->province = rng_below (&rng, NAWAT_N_PROVINCES);
  p->organisation = rng_below (&rng, G_N_ELEMENTS (organisations));

  pick = rng_below (&rng, 100);
  for (p->reach = 0; p->reach < G_N_ELEMENTS (reaches) - 1; p->reach++)
    {
      if (pick < reach_share[p->reach])
        break;
      pick -= reach_share[p->reach];
    }

  /* Partners from distinct sectors: a partial shuffle of the five. */
  p->n_partners = rng_range (&rng, 2, MAX_PARTNERS);
  for (guint i = 0; i < p->n_partners; i++)
    {
      guint j = i + rng_below (&rng, NAWAT_N_HELIX - i);
      guint tmp = order[i];

      order[i] = order[j];
      order[j] = tmp;
      p->sectors[i] = order[i];
      p->partner_names[i] = rng_below (&rng, G_N_ELEMENTS (partners[0]));
      p->partner_villages[i] = rng_below (&rng, G_N_ELEMENTS (villages));
    }

  p->budget_thousands = rng_range (&rng, reach_budget[p->reach][0], reach_budget[p->reach][1]);
  p->duration = 6 * rng_range (&rng, 1, 6);
  p->households = 10 * rng_range (&rng, 3, 200);
  /* 5 January to 29 June, office hours in Bangkok (UTC+7). */
  p->day_of_year = rng_range (&rng, 4, 179);
  p->minute_of_day = rng_range (&rng, 60, 10 * 60);
  p->quality = rng_below (&rng, 101);

  if (n_evaluators > 0)
    {
      guint start = rng_below (&rng, n_evaluators);
      guint wanted = rng_chance (&rng, 70) ? 3u : 2u;

      /* MIN evaluates its arguments twice: draw once, before it. */
      p->n_assigned = MIN (n_evaluators, wanted);
      for (guint i = 0; i < p->n_assigned; i++)
        p->assigned[i] = (start + i) % n_evaluators;
    }
}

static const char *
province_label (const NawatProvince *province,
                gboolean             thai)
{
  return thai ? province->th : province->en;
}

static void
append_place_th (GString             *s,
                 const NawatProvince *province)
{
  if (g_str_equal (province->code, "TH-10"))
    g_string_append (s, province->th);
  else
    g_string_append_printf (s, "จังหวัด%s", province->th);
}

static void
append_template (GString             *s,
                 const char          *template,
                 const Pair          *village,
                 const NawatProvince *province,
                 gboolean             thai)
{
  const char *village_name = thai ? village->th : village->en;
  const char *province_name = province_label (province, thai);

  /* Only %1$s and %2$s occur: expanded here rather than through printf so
   * that no format string is ever built from data.
   */
  for (const char *p = template; *p != '\0'; p++)
    {
      if (*p != '%')
        g_string_append_c (s, *p);
      else if (g_str_has_prefix (p, "%1$s"))
        {
          g_string_append (s, village_name);
          p += 3;
        }
      else if (g_str_has_prefix (p, "%2$s"))
        {
          g_string_append (s, province_name);
          p += 3;
        }
      else
        g_string_append_c (s, *p);
    }
}

/* Thai runs words together, but Latin text ("PM2.5") is set off by spaces. */
static void
append_thai_core (GString    *s,
                  const Pair *core,
                  const Pair *method)
{
  gsize len = strlen (core->th);

  g_string_append (s, core->th);
  if (len > 0 && g_ascii_isalnum (core->th[len - 1]))
    g_string_append_c (s, ' ');
  g_string_append (s, method->th);
}

static void
write_project (Writer        *w,
               const Project *p)
{
  const NawatTerm *domains = nawat_domains ();
  const NawatTerm *sectors = nawat_helix_sectors ();
  const NawatProvince *province = &nawat_provinces ()[p->province];
  const Pair *core = &cores[p->domains[0]][p->core];
  const Pair *method = &methods[p->method];
  const Pair *target = &targets[p->target];
  const Pair *problem = &problems[p->domains[0]][p->problem];
  const Pair *village = &villages[p->village];
  GString *s = w->buffer;
  g_autoptr(GString) th = g_string_new (NULL);
  g_autoptr(GString) en = g_string_new (NULL);
  char code[32];

  project_code (code, sizeof code, p->index);
  begin_doc (w);
  g_string_append (s, "{\"_id\":");
  g_string_append_printf (s, "\"project:%s:%s\"", w->call_id, code);
  g_string_append (s, ",\"type\":\"project\",\"schema\":1,");
  append_member (s, "call", w->call_id);
  g_string_append_c (s, ',');
  append_member (s, "code", code);
  g_string_append_c (s, ',');

  append_thai_core (th, core, method);
  g_string_append_printf (th, "สำหรับ%s ", target->th);
  append_place_th (th, province);
  g_string_append_printf (en, "%s%s for %s, %s", core->en, method->en, target->en, province->en);
  append_text (s, "title", th->str, en->str);
  g_string_append_c (s, ',');

  g_string_truncate (th, 0);
  g_string_truncate (en, 0);
  g_string_append_printf (th, "โครงการนี้มุ่งแก้ปัญหา%sของ%sในพื้นที่บ้าน%s ",
                          problem->th, target->th, village->th);
  append_place_th (th, province);
  g_string_append (th, " โดยพัฒนา");
  append_thai_core (th, core, method);
  g_string_append_printf (th, " ร่วมกับภาคี %u ภาคส่วน "
                          "คาดว่าจะเกิดประโยชน์แก่ประชาชนประมาณ %u ครัวเรือนภายใน %u เดือน",
                          p->n_partners, p->households, p->duration);
  g_string_append_printf (en, "This project tackles %s faced by %s in Ban %s, %s. "
                          "Approach: %s%s, built with partners from %u sectors. "
                          "It expects to benefit about %u households within %u months.",
                          problem->en, target->en, village->en, province->en,
                          core->en, method->en,
                          p->n_partners, p->households, p->duration);
  append_text (s, "summary", th->str, en->str);
  g_string_append_c (s, ',');

  g_string_truncate (th, 0);
  append_template (th, organisations[p->organisation], village, province,
                   !organisation_en[p->organisation]);
  append_member (s, "organisation", th->str);
  g_string_append_c (s, ',');
  append_member (s, "province", province->code);
  g_string_append_c (s, ',');
  append_member (s, "reach", reaches[p->reach]);

  g_string_append (s, ",\"domains\":[");
  for (guint i = 0; i < p->n_domains; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      _nawat_codec_append_string (s, domains[p->domains[i]].key);
    }

  g_string_append (s, "],\"partners\":[");
  for (guint i = 0; i < p->n_partners; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_truncate (th, 0);
      append_template (th, partners[p->sectors[i]][p->partner_names[i]],
                       &villages[p->partner_villages[i]], province, TRUE);
      g_string_append_c (s, '{');
      append_member (s, "name", th->str);
      g_string_append_c (s, ',');
      append_member (s, "sector", sectors[p->sectors[i]].key);
      g_string_append_c (s, '}');
    }

  g_string_append_printf (s, "],\"budget_thb\":%" G_GINT64_FORMAT ",\"duration_months\":%u,"
                          "\"submitted\":",
                          (gint64) p->budget_thousands * 1000, p->duration);
  append_date (s, p->day_of_year, p->minute_of_day);

  g_string_append (s, ",\"assigned\":[");
  for (guint i = 0; i < p->n_assigned; i++)
    {
      g_autofree char *name = evaluator_name (p->assigned[i]);

      if (i > 0)
        g_string_append_c (s, ',');
      _nawat_codec_append_string (s, name);
    }
  g_string_append (s, "]}");
}

static gboolean
project_has_domain (const Project *p,
                    int            domain,
                    gboolean      *primary)
{
  for (guint i = 0; i < p->n_domains; i++)
    {
      if ((int) p->domains[i] == domain)
        {
          *primary = i == 0;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
project_has_sector (const Project *p,
                    int            sector)
{
  for (guint i = 0; i < p->n_partners; i++)
    if ((int) p->sectors[i] == sector)
      return TRUE;
  return FALSE;
}

/* A plausible level for @key: strong on the project's own domains and
 * partner sectors, weak elsewhere; merit follows the proposal's quality,
 * shifted by the evaluator's leniency.
 */
static int
draw_score (Rng            *rng,
            const Project  *p,
            const char     *key,
            NawatCriterion *criterion,
            int             leniency)
{
  int min = nawat_criterion_get_min (criterion);
  int max = nawat_criterion_get_max (criterion);
  int span = max - min;
  int level;
  gboolean primary = FALSE;

  if (g_str_has_prefix (key, "domains."))
    {
      if (project_has_domain (p, nawat_domain_index (key + strlen ("domains.")), &primary))
        level = primary ? max - (int) rng_below (rng, 2) : max - 1 - (int) rng_below (rng, 2);
      else
        level = min + (rng_chance (rng, 30) ? 1 : 0);
    }
  else if (g_str_has_prefix (key, "helix."))
    {
      if (project_has_sector (p, nawat_helix_index (key + strlen ("helix."))))
        level = min + 2 + (int) rng_below (rng, 3);
      else
        level = min + (int) rng_below (rng, 2);
    }
  else
    {
      int percent = (int) p->quality + leniency + (int) rng_below (rng, 41) - 20;

      level = min + (span * CLAMP (percent, 0, 100) + 50) / 100;
    }

  return CLAMP (level, min, max);
}

static void
write_evaluation (Writer        *w,
                  const Project *p,
                  guint          slot,
                  NawatRubric   *rubric,
                  const char    *rubric_id,
                  GStrv          keys,
                  Rng           *rng)
{
  GString *s = w->buffer;
  g_autofree char *evaluator = evaluator_name (p->assigned[slot]);
  guint n_keys = g_strv_length (keys);
  /* Each evaluator is a little lenient or harsh, always the same way. */
  int leniency = (int) (mix64 (w->seed ^ (p->assigned[slot] + 1)) % 21) - 10;
  gboolean conflict = rng_chance (rng, 2);
  gboolean submitted = !conflict && rng_chance (rng, 75);
  guint n_scored = conflict ? 0 : submitted ? n_keys : rng_range (rng, n_keys / 4, n_keys - 1);
  guint good = rng_below (rng, G_N_ELEMENTS (comments_good));
  guint weak = rng_below (rng, G_N_ELEMENTS (comments_weak));
  guint day = rng_range (rng, 181, 272);
  guint minute = rng_range (rng, 0, 24 * 60 - 1);
  gboolean thai = rng_chance (rng, 70);
  char code[32];

  project_code (code, sizeof code, p->index);
  begin_doc (w);
  g_string_append_printf (s, "{\"_id\":\"evaluation:%s:%s:%s\",\"type\":\"evaluation\",\"schema\":1,"
                          "\"project\":\"project:%s:%s\",",
                          w->call_id, code, evaluator, w->call_id, code);
  append_member (s, "evaluator", evaluator);
  g_string_append_c (s, ',');
  append_member (s, "rubric", rubric_id);

  g_string_append (s, ",\"scores\":{");
  for (guint i = 0; i < n_keys; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (rubric, keys[i], NULL);

      if (i > 0)
        g_string_append_c (s, ',');
      _nawat_codec_append_string (s, keys[i]);
      if (i < n_scored)
        g_string_append_printf (s, ":%d", draw_score (rng, p, keys[i], criterion, leniency));
      else
        g_string_append (s, ":null");
    }

  g_string_append (s, "},\"comments\":{");
  if (n_scored == n_keys)
    {
      append_member (s, "merit.innovation", thai ? comments_good[good].th : comments_good[good].en);
      g_string_append_c (s, ',');
      append_member (s, "merit.feasibility", thai ? comments_weak[weak].th : comments_weak[weak].en);
    }
  g_string_append (s, "},");

  if (conflict)
    {
      append_member (s, "overall_comment", "");
      g_string_append (s, ",\"recommendation\":null,\"conflict_of_interest\":{\"declared\":true,");
      append_member (s, "note", thai ? "เคยเป็นที่ปรึกษาให้กับหน่วยงานผู้เสนอโครงการ"
                                     : "I advised the applicant organisation last year.");
      g_string_append (s, "}");
    }
  else
    {
      const char *recommendation = "null";

      if (submitted)
        {
          int merit = (int) p->quality + leniency;

          recommendation = merit >= 65 ? "\"fund\"" : merit >= 40 ? "\"fund-with-conditions\"" : "\"reject\"";
        }
      append_member (s, "overall_comment",
                     !submitted ? "" : thai ? comments_good[good].th : comments_good[good].en);
      g_string_append_printf (s, ",\"recommendation\":%s,"
                              "\"conflict_of_interest\":{\"declared\":false,\"note\":\"\"}",
                              recommendation);
    }

  g_string_append_printf (s, ",\"status\":\"%s\",\"updated\":", submitted ? "submitted" : "draft");
  append_date (s, day, minute);
  g_string_append_c (s, '}');
}

static void
write_call (Writer     *w,
            const char *rubric_id)
{
  GString *s = w->buffer;

  begin_doc (w);
  g_string_append_printf (s, "{\"_id\":\"call:%s\",\"type\":\"call\",\"schema\":1,", w->call_id);
  append_text (s, "title",
               "ทุนสนับสนุนนวัตกรรมเพื่อสังคม ประจำปี 2569 (ข้อมูลสังเคราะห์)",
               "Social Innovation Fund 2026 (synthetic data)");
  g_string_append (s, ",\"year_be\":2569,");
  append_member (s, "rubric", rubric_id);
  g_string_append_c (s, ',');
  append_member (s, "deadline", w->deadline);
  if (w->theme != NULL)
    {
      g_string_append_c (s, ',');
      append_member (s, "theme", w->theme);
    }
  g_string_append (s, ",\"evaluators\":[");
  for (guint i = 0; i < w->n_evaluators; i++)
    {
      g_autofree char *name = evaluator_name (i);

      if (i > 0)
        g_string_append_c (s, ',');
      _nawat_codec_append_string (s, name);
    }
  g_string_append (s, "]}");
}

static void
write_rubric (Writer      *w,
              NawatRubric *rubric)
{
  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (rubric));

  begin_doc (w);
  nawat_json_append (w->buffer, node);
}

static gboolean
check_call_id (const char  *call_id,
               GError     **error)
{
  gboolean ok = call_id != NULL && (g_ascii_islower (call_id[0]) || g_ascii_isdigit (call_id[0]));

  for (const char *p = call_id; ok && *p != '\0'; p++)
    ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-';
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("“%s” is not a valid call id: use lower-case letters, digits and dashes"),
                 call_id != NULL ? call_id : "");
  return ok;
}

static gboolean
check_deadline (const char  *deadline,
                GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (deadline != NULL && strlen (deadline) <= 64)
    parsed = g_date_time_new_from_iso8601 (deadline, utc);
  if (parsed == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("“%s” is not an ISO 8601 date and time, e.g. 2027-06-30T17:00:00Z"),
                 deadline != NULL ? deadline : "");
  return parsed != NULL;
}

gboolean
nawat_generator_write (GOutputStream  *output,
                       const char     *call_id,
                       guint           n_projects,
                       guint           n_evaluators,
                       guint64         seed,
                       GCancellable   *cancellable,
                       GError        **error)
{
  return nawat_generator_write_with_deadline (output, call_id, n_projects, n_evaluators, seed,
                                              NAWAT_GENERATOR_DEFAULT_DEADLINE,
                                              cancellable, error);
}

gboolean
nawat_generator_write_with_deadline (GOutputStream  *output,
                                     const char     *call_id,
                                     guint           n_projects,
                                     guint           n_evaluators,
                                     guint64         seed,
                                     const char     *deadline,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  return nawat_generator_write_with_theme (output, call_id, n_projects, n_evaluators, seed,
                                           deadline, NULL, cancellable, error);
}

gboolean
nawat_generator_write_with_theme (GOutputStream  *output,
                                  const char     *call_id,
                                  guint           n_projects,
                                  guint           n_evaluators,
                                  guint64         seed,
                                  const char     *deadline,
                                  const char     *theme,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_autoptr(GString) buffer = NULL;
  NawatRubric *rubric;
  g_auto(GStrv) keys = NULL;
  const char *rubric_id;
  Writer w;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_call_id (call_id, error) || !check_deadline (deadline, error))
    return FALSE;
  if (theme != NULL && nawat_theme_index (theme) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a yearly theme"), theme);
      return FALSE;
    }

  rubric = nawat_rubric_get_default ();
  if (rubric == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The built-in default rubric could not be loaded"));
      return FALSE;
    }
  rubric_id = nawat_document_get_id (NAWAT_DOCUMENT (rubric));
  keys = nawat_rubric_dup_score_keys (rubric);

  buffer = g_string_sized_new (FLUSH_SIZE + 16 * 1024);
  w = (Writer) {
    .output = output,
    .cancellable = cancellable,
    .buffer = buffer,
    .call_id = call_id,
    .deadline = deadline,
    .theme = theme,
    .seed = seed,
    .n_evaluators = n_evaluators,
    .first = TRUE,
  };

  g_string_append (buffer, "{\"docs\":[");
  write_call (&w, rubric_id);
  write_rubric (&w, rubric);

  for (guint i = 0; i < n_projects; i++)
    {
      Project p;

      project_init (&p, seed, i, n_evaluators);
      write_project (&w, &p);
      if (!writer_maybe_flush (&w, error))
        return FALSE;
    }

  for (guint i = 0; n_evaluators > 0 && i < n_projects; i++)
    {
      Project p;
      Rng rng;

      project_init (&p, seed, i, n_evaluators);
      rng_init (&rng, seed, i, 1);
      for (guint slot = 0; slot < p.n_assigned; slot++)
        {
          if (!rng_chance (&rng, 70))
            continue;
          write_evaluation (&w, &p, slot, rubric, rubric_id, keys, &rng);
        }
      if (!writer_maybe_flush (&w, error))
        return FALSE;
    }

  g_string_append (buffer, "\n]}\n");
  if (!writer_flush (&w, error))
    return FALSE;

  return g_output_stream_flush (output, cancellable, error);
}
