/* test-vocabulary.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-vocabulary.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

/* The words that are symbols, the same in every language. */
static gboolean
is_symbol (NawatWord word)
{
  switch ((int) word)
    {
    case NAWAT_WORD_N:
    case NAWAT_WORD_TIED:
    case NAWAT_WORD_ALPHA_INTERVAL:
    case NAWAT_WORD_ALPHA_ORDINAL:
    case NAWAT_WORD_ICC:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
test_every_word (void)
{
  for (NawatWord w = 0; w < NAWAT_N_WORDS; w++)
    {
      const char *th = nawat_vocabulary_get (w, "th");
      const char *en = nawat_vocabulary_get (w, "en");

      g_test_message ("word %d: “%s” / “%s”", w, en, th);
      g_assert_nonnull (th);
      g_assert_nonnull (en);
      g_assert_cmpstr (th, !=, "");
      g_assert_cmpstr (en, !=, "");
      g_assert_true (g_utf8_validate (th, -1, NULL));
      if (is_symbol (w))
        g_assert_cmpstr (th, ==, en);
      else
        g_assert_cmpstr (th, !=, en);
      /* "th_TH.UTF-8" is Thai; any other language is English. */
      g_assert_true (nawat_vocabulary_get (w, "th_TH.UTF-8") == th);
      g_assert_true (nawat_vocabulary_get (w, "de") == en);
    }
}

static void
test_words (void)
{
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_FUND, "th"), ==, "สมควรให้ทุน");
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_FUND, "en"), ==, "Fund");
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_SD, "th"), ==, "ส่วนเบี่ยงเบนมาตรฐาน");
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_SD_SHORT, "th"), ==, "S.D.");
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_SD_SHORT, "en"), ==, "SD");
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_DEADLINE, "th"), ==, "กำหนดส่ง");

  g_assert_cmpstr (nawat_vocabulary_recommendation (NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS, "en"),
                   ==, "Fund with conditions");
  g_assert_cmpstr (nawat_vocabulary_recommendation (NAWAT_RECOMMENDATION_REJECT, "th"),
                   ==, "ไม่สมควรให้ทุน");
  g_assert_cmpstr (nawat_vocabulary_recommendation (NAWAT_RECOMMENDATION_NONE, "en"),
                   ==, "No recommendation yet");
  g_assert_cmpstr (nawat_vocabulary_evaluation_status (NAWAT_EVALUATION_SUBMITTED, "th"),
                   ==, "ส่งแล้ว");
  g_assert_cmpstr (nawat_vocabulary_evaluation_status (NAWAT_EVALUATION_DRAFT, "en"), ==, "Draft");
  g_assert_cmpstr (nawat_vocabulary_project_status (NAWAT_PROJECT_STATUS_CONFLICT, "en"),
                   ==, "Conflict of interest");
  g_assert_cmpstr (nawat_vocabulary_project_status (NAWAT_PROJECT_STATUS_NOT_STARTED, "th"),
                   ==, "ยังไม่เริ่ม");
}

static const char *
recommendation_label (int         value,
                      const char *language)
{
  return nawat_vocabulary_recommendation ((NawatRecommendation) value, language);
}

static const char *
evaluation_status_label (int         value,
                         const char *language)
{
  return nawat_vocabulary_evaluation_status ((NawatEvaluationStatus) value, language);
}

static const char *
project_status_label (int         value,
                      const char *language)
{
  return nawat_vocabulary_project_status ((NawatProjectStatus) value, language);
}

/* Every value of the enumerations people read has a word. */
static void
test_enums (void)
{
  const struct
  {
    GType type;
    const char *(*label) (int value, const char *language);
  } enums[] = {
    { NAWAT_TYPE_RECOMMENDATION, recommendation_label },
    { NAWAT_TYPE_EVALUATION_STATUS, evaluation_status_label },
    { NAWAT_TYPE_PROJECT_STATUS, project_status_label },
  };

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enums[i].type);

      for (guint v = 0; v < klass->n_values; v++)
        {
          int value = klass->values[v].value;

          g_assert_cmpstr (enums[i].label (value, "en"), !=, "");
          g_assert_cmpstr (enums[i].label (value, "th"), !=, "");
          g_assert_cmpstr (enums[i].label (value, "th"), !=, enums[i].label (value, "en"));
        }
    }
}

/* Each kind of conflict of interest has its words, Thai and English. */
static void
test_conflict_types (void)
{
  g_assert_cmpstr (nawat_vocabulary_conflict_type (NAWAT_CONFLICT_TYPE_FINANCIAL, "en"), ==, "Financial");
  g_assert_cmpstr (nawat_vocabulary_conflict_type (NAWAT_CONFLICT_TYPE_SAME_ORGANISATION, "th"), ==,
                   "องค์กรเดียวกัน");
  for (NawatConflictType t = NAWAT_CONFLICT_TYPE_NONE; t < NAWAT_N_CONFLICT_TYPES; t++)
    {
      g_assert_cmpstr (nawat_vocabulary_conflict_type (t, "th"), !=, "");
      g_assert_cmpstr (nawat_vocabulary_conflict_type (t, "th"), !=,
                       nawat_vocabulary_conflict_type (t, "en"));
    }
  g_assert_cmpstr (nawat_vocabulary_confidence (NAWAT_CONFIDENCE_HIGH, "th"), ==, "สูง");
  g_assert_cmpstr (nawat_vocabulary_confidence (NAWAT_CONFIDENCE_LOW, "en"), ==, "Low");
}

/* The terms' names are the vocabulary's words, in the same order. */
static void
test_terms (void)
{
  const struct
  {
    const NawatTerm *terms;
    int n_terms;
    NawatWord first;
  } lists[] = {
    { nawat_domains (), NAWAT_N_DOMAINS, NAWAT_WORD_DOMAIN_ENVIRONMENT },
    { nawat_helix_sectors (), NAWAT_N_HELIX, NAWAT_WORD_SECTOR_GOVERNMENT },
    { nawat_reach_levels (), NAWAT_N_REACH, NAWAT_WORD_REACH_COMMUNITY },
    { nawat_regions (), NAWAT_N_REGIONS, NAWAT_WORD_REGION_NORTH },
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (int i = 0; i < lists[l].n_terms; i++)
      {
        const NawatTerm *term = &lists[l].terms[i];
        NawatWord word = (NawatWord) (lists[l].first + i);

        g_assert_cmpstr (nawat_term_get_label (term, "th"), ==, nawat_vocabulary_get (word, "th"));
        g_assert_cmpstr (nawat_term_get_label (term, "en"), ==, nawat_vocabulary_get (word, "en"));
      }
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_DOMAIN_HEALTH, "th"), ==, "ด้านสุขภาพ");
  g_assert_cmpstr (nawat_vocabulary_get (NAWAT_WORD_REGION_NORTHEAST, "th"), ==,
                   "ภาคตะวันออกเฉียงเหนือ");
}

static void
test_months (void)
{
  g_assert_cmpstr (nawat_vocabulary_month (1, "en"), ==, "January");
  g_assert_cmpstr (nawat_vocabulary_month (5, "en"), ==, "May");
  g_assert_cmpstr (nawat_vocabulary_month (12, "th"), ==, "ธันวาคม");
  for (int m = 1; m <= 12; m++)
    g_assert_cmpstr (nawat_vocabulary_month (m, "th"), !=, nawat_vocabulary_month (m, "en"));
}

static void
test_spread_reason (void)
{
  g_autofree char *en = nawat_vocabulary_dup_spread_reason (31.04, 25, "en");
  g_autofree char *th = nawat_vocabulary_dup_spread_reason (31.04, 25, "th");

  g_assert_cmpstr (en, ==, "Composite scores span 31.0 points (threshold 25)");
  g_assert_cmpstr (th, ==, "คะแนนรวมต่างกัน 31.0 คะแนน (เกณฑ์ 25 คะแนน)");
}

static void
test_page_of (void)
{
  g_autofree char *en = nawat_vocabulary_dup_page_of (3, 12, "en");
  g_autofree char *th = nawat_vocabulary_dup_page_of (3, 12, "th");

  g_assert_cmpstr (en, ==, "Page 3 of 12");
  g_assert_cmpstr (th, ==, "หน้า 3 จาก 12");
}

/* NULL is the user interface's language, through gettext: with the build's
 * Thai catalog, the words read in Thai there are the same as the Thai table
 * generated from po/th.po.
 */
static void
test_user_interface (void)
{
  g_autofree char *podir = g_build_filename (g_getenv ("NAWAT_BUILD_ROOT"), "po", NULL);

  g_assert_nonnull (bindtextdomain (GETTEXT_PACKAGE, podir));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  for (NawatWord w = 0; w < NAWAT_N_WORDS; w++)
    g_assert_cmpstr (nawat_vocabulary_get (w, NULL), ==, nawat_vocabulary_get (w, "en"));

  g_setenv ("LANGUAGE", "th", TRUE);
  setlocale (LC_ALL, "");
  for (NawatWord w = 0; w < NAWAT_N_WORDS; w++)
    g_assert_cmpstr (nawat_vocabulary_get (w, NULL), ==, nawat_vocabulary_get (w, "th"));
  g_assert_cmpstr (nawat_vocabulary_recommendation (NAWAT_RECOMMENDATION_FUND, NULL),
                   ==, "สมควรให้ทุน");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* A report in a worker thread asks for its own language while others ask
 * for another one: the answers never mix.
 */
static gpointer
read_words (gpointer data)
{
  const char *language = data;
  NawatWord probe = NAWAT_WORD_PORTFOLIO_REPORT;
  const char *expected = nawat_vocabulary_get (probe, language);

  for (guint i = 0; i < 20000; i++)
    {
      if (nawat_vocabulary_get (probe, language) != expected)
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("words", read_words, (gpointer) (i % 2 ? "th" : "en"));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/vocabulary/every-word", test_every_word);
  g_test_add_func ("/nawat/vocabulary/conflict-types", test_conflict_types);
  g_test_add_func ("/nawat/vocabulary/words", test_words);
  g_test_add_func ("/nawat/vocabulary/enums", test_enums);
  g_test_add_func ("/nawat/vocabulary/terms", test_terms);
  g_test_add_func ("/nawat/vocabulary/months", test_months);
  g_test_add_func ("/nawat/vocabulary/spread-reason", test_spread_reason);
  g_test_add_func ("/nawat/vocabulary/page-of", test_page_of);
  g_test_add_func ("/nawat/vocabulary/user-interface", test_user_interface);
  g_test_add_func ("/nawat/vocabulary/threads", test_threads);

  return g_test_run ();
}
