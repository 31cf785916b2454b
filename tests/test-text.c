/* test-text.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-level.h"
#include "nawat-partner.h"
#include "nawat-text.h"

static void
test_text_fallback (void)
{
  g_autoptr(NawatText) both = nawat_text_new ("สุขภาพ", "Health");
  g_autoptr(NawatText) thai_only = nawat_text_new ("สุขภาพ", NULL);
  g_autoptr(NawatText) english_empty = nawat_text_new ("สุขภาพ", "");
  g_autoptr(NawatText) english_only = nawat_text_new (NULL, "Health");
  g_autoptr(NawatText) none = nawat_text_new (NULL, NULL);

  g_assert_cmpstr (nawat_text_get (both, "th"), ==, "สุขภาพ");
  g_assert_cmpstr (nawat_text_get (both, "th_TH.UTF-8"), ==, "สุขภาพ");
  g_assert_cmpstr (nawat_text_get (both, "en"), ==, "Health");
  g_assert_cmpstr (nawat_text_get (both, "fr"), ==, "Health");
  g_assert_cmpstr (nawat_text_get (both, NULL), ==, "Health");

  g_assert_cmpstr (nawat_text_get (thai_only, "en"), ==, "สุขภาพ");
  g_assert_cmpstr (nawat_text_get (english_empty, "en"), ==, "สุขภาพ");
  g_assert_cmpstr (nawat_text_get (english_only, "th"), ==, "Health");
  g_assert_null (nawat_text_get (none, "th"));
  g_assert_null (nawat_text_get (NULL, "en"));
}

static void
test_text_copy_equal (void)
{
  g_autoptr(NawatText) text = nawat_text_new ("ก", "a");
  g_autoptr(NawatText) copy = nawat_text_copy (text);
  g_autoptr(NawatText) other = nawat_text_new ("ก", "b");
  g_autoptr(NawatText) boxed = NULL;

  g_assert_true (copy != text);
  g_assert_true (copy->th != text->th);
  g_assert_true (nawat_text_equal (text, copy));
  g_assert_false (nawat_text_equal (text, other));
  g_assert_false (nawat_text_equal (text, NULL));
  g_assert_true (nawat_text_equal (NULL, NULL));

  boxed = g_boxed_copy (NAWAT_TYPE_TEXT, text);
  g_assert_true (nawat_text_equal (boxed, text));
  g_assert_true (G_TYPE_IS_BOXED (NAWAT_TYPE_TEXT));
}

static void
test_text_set_str (void)
{
  g_autofree char *dest = NULL;
  g_autofree char *source = g_strdup ("abc");
  const char *before;

  g_assert_true (nawat_set_str (&dest, "abc"));
  g_assert_cmpstr (dest, ==, "abc");
  g_assert_true (dest != source);

  before = dest;
  g_assert_false (nawat_set_str (&dest, source));
  g_assert_true (dest == before);

  g_assert_true (nawat_set_str (&dest, ""));
  g_assert_cmpstr (dest, ==, "");

  g_assert_true (nawat_set_str (&dest, NULL));
  g_assert_null (dest);
  g_assert_false (nawat_set_str (&dest, NULL));
  g_assert_null (dest);
}

static void
test_text_set_text (void)
{
  g_autoptr(NawatText) dest = NULL;
  g_autoptr(NawatText) value = nawat_text_new ("ก", "a");
  g_autoptr(NawatText) same = nawat_text_new ("ก", "a");
  g_autoptr(NawatText) changed = nawat_text_new ("ก", "b");
  const NawatText *before;

  g_assert_true (nawat_set_text (&dest, value));
  g_assert_true (dest != value);
  g_assert_true (nawat_text_equal (dest, value));

  before = dest;
  g_assert_false (nawat_set_text (&dest, same));
  g_assert_true (dest == before);

  g_assert_true (nawat_set_text (&dest, changed));
  g_assert_cmpstr (dest->en, ==, "b");

  g_assert_true (nawat_set_text (&dest, NULL));
  g_assert_null (dest);
  g_assert_false (nawat_set_text (&dest, NULL));
}

static void
test_partner_copy (void)
{
  g_autoptr(NawatPartner) partner = nawat_partner_new ("เทศบาลนครเชียงใหม่", "government");
  g_autoptr(NawatPartner) copy = nawat_partner_copy (partner);
  g_autoptr(NawatPartner) boxed = g_boxed_copy (NAWAT_TYPE_PARTNER, partner);

  g_assert_true (copy != partner);
  g_assert_true (copy->name != partner->name);
  g_assert_cmpstr (copy->name, ==, "เทศบาลนครเชียงใหม่");
  g_assert_cmpstr (copy->sector, ==, "government");
  g_assert_cmpstr (boxed->sector, ==, "government");
}

static void
test_level_copy (void)
{
  g_autoptr(NawatText) label = nawat_text_new ("บางส่วน", "Partial");
  g_autoptr(NawatText) descriptor = nawat_text_new ("มีผลบางส่วน", "Some effect");
  g_autoptr(NawatLevel) level = nawat_level_new (2, label, descriptor);
  g_autoptr(NawatLevel) copy = nawat_level_copy (level);
  g_autoptr(NawatLevel) bare = nawat_level_new (0, NULL, NULL);
  g_autoptr(NawatLevel) bare_copy = nawat_level_copy (bare);

  /* The level keeps its own copies of the texts. */
  g_assert_true (level->label != label);
  g_assert_true (copy->label != level->label);
  g_assert_true (copy->descriptor != level->descriptor);
  g_assert_cmpint (copy->value, ==, 2);
  g_assert_true (nawat_text_equal (copy->label, label));
  g_assert_true (nawat_text_equal (copy->descriptor, descriptor));

  g_assert_cmpint (bare_copy->value, ==, 0);
  g_assert_null (bare_copy->label);
  g_assert_null (bare_copy->descriptor);
}

static void
test_format_date (void)
{
  struct {
    const char *iso;
    const char *lang;
    gboolean    be;
    const char *expected;
  } cases[] = {
    { "2026-03-12T02:00:00Z", "th", TRUE,  "12 มีนาคม 2569" },
    { "2026-03-12T02:00:00Z", "th", FALSE, "12 มีนาคม ค.ศ. 2026" },
    { "2026-03-12T02:00:00Z", "en", FALSE, "12 March 2026" },
    { "2026-03-12T02:00:00Z", "en", TRUE,  "12 March 2569 BE" },
    /* 20:00 UTC is already the next day in Thailand (UTC+7). */
    { "2026-12-31T17:00:00Z", "th_TH.UTF-8", TRUE, "1 มกราคม 2570" },
    { "2026-12-31T16:59:59Z", "en", FALSE, "31 December 2026" },
    { "2024-02-29", "th", TRUE, "29 กุมภาพันธ์ 2567" },
    { "2024-02-29", NULL, FALSE, "29 February 2024" },
    { "2026-06-04T09:00:00+07:00", "en", FALSE, "4 June 2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nawat_format_date (cases[i].iso, cases[i].lang, cases[i].be);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_null (nawat_format_date (NULL, "th", TRUE));
  g_assert_null (nawat_format_date ("", "th", TRUE));
  g_assert_null (nawat_format_date ("2026-02-30", "en", FALSE));
  g_assert_null (nawat_format_date ("next tuesday", "en", FALSE));
}

static void
test_format_thb (void)
{
  struct {
    gint64      value;
    const char *grouped;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1,000" },
    { 65432, "65,432" },
    { 1250000, "1,250,000" },
    { 100000000, "100,000,000" },
    { -1234, "-1,234" },
    { G_MAXINT64, "9,223,372,036,854,775,807" },
    { G_MININT64, "-9,223,372,036,854,775,808" },
  };
  g_autofree char *thai = nawat_format_thb (1250000, "th");
  g_autofree char *english = nawat_format_thb (1250000, "en");
  g_autofree char *zero = nawat_format_thb (0, "en");
  g_autofree char *negative = nawat_format_thb (-5000, "en");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nawat_format_integer (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].grouped);
    }

  g_assert_cmpstr (thai, ==, "1,250,000 บาท");
  g_assert_cmpstr (english, ==, "฿1,250,000");
  g_assert_cmpstr (zero, ==, "฿0");
  g_assert_cmpstr (negative, ==, "-฿5,000");
}

static void
test_snippet (void)
{
  const char *english[] = { "flood", NULL };
  const char *thai[] = { "อนุรักษ์", NULL };
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (NawatTextRange));
  g_autofree char *snippet = NULL;
  NawatTextRange *range;

  snippet = nawat_text_snippet ("A long story of a village by the river, whose Flood warnings "
                                "& sirens save lives.", english, 40, ranges);
  g_assert_nonnull (snippet);
  g_assert_true (g_str_has_prefix (snippet, "…"));
  g_assert_cmpuint (ranges->len, ==, 1);
  range = &g_array_index (ranges, NawatTextRange, 0);
  g_assert_cmpint (strncmp (snippet + range->start, "Flood", range->end - range->start), ==, 0);
  g_clear_pointer (&snippet, g_free);

  g_array_set_size (ranges, 0);
  snippet = nawat_text_snippet ("โครงการของชุมชนริมน้ำเพื่อการอนุรักษ์ป่าชายเลน\nและอนุรักษ์ปลา",
                                thai, 200, ranges);
  g_assert_nonnull (snippet);
  g_assert_null (strchr (snippet, '\n'));
  g_assert_cmpuint (ranges->len, ==, 2);
  range = &g_array_index (ranges, NawatTextRange, 1);
  g_assert_cmpint (strncmp (snippet + range->start, "อนุรักษ์", range->end - range->start), ==, 0);
  g_clear_pointer (&snippet, g_free);

  g_assert_null (nawat_text_snippet ("nothing here", thai, 40, ranges));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/text/fallback", test_text_fallback);
  g_test_add_func ("/nawat/text/copy-equal", test_text_copy_equal);
  g_test_add_func ("/nawat/text/set-str", test_text_set_str);
  g_test_add_func ("/nawat/text/set-text", test_text_set_text);
  g_test_add_func ("/nawat/text/partner-copy", test_partner_copy);
  g_test_add_func ("/nawat/text/level-copy", test_level_copy);
  g_test_add_func ("/nawat/text/format-date", test_format_date);
  g_test_add_func ("/nawat/text/format-thb", test_format_thb);

  g_test_add_func ("/nawat/text/snippet", test_snippet);

  return g_test_run ();
}
