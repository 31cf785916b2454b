/* test-core-header.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Includes nawat-core.h and nothing else: this program compiles only if the
 * umbrella header brings in every type it uses below on its own.
 */
#include "nawat-core.h"

static void
test_object_types (void)
{
  const GType types[] = {
    NAWAT_TYPE_CALL, NAWAT_TYPE_CALL_STATS, NAWAT_TYPE_COUCH,
    NAWAT_TYPE_CRITERION, NAWAT_TYPE_DOCUMENT, NAWAT_TYPE_EVALUATION,
    NAWAT_TYPE_PROJECT, NAWAT_TYPE_PROJECT_LIST, NAWAT_TYPE_PROJECT_ROW,
    NAWAT_TYPE_REPORT, NAWAT_TYPE_RUBRIC, NAWAT_TYPE_RUBRIC_GROUP,
    NAWAT_TYPE_STORE, NAWAT_TYPE_SYNC,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_true (G_TYPE_IS_OBJECT (types[i]));
      g_assert_true (g_str_has_prefix (g_type_name (types[i]), "Nawat"));
    }
  g_assert_true (g_type_is_a (NAWAT_TYPE_PROJECT, NAWAT_TYPE_DOCUMENT));
}

static void
test_value_types (void)
{
  const GType boxed[] = { NAWAT_TYPE_LEVEL, NAWAT_TYPE_PARTNER, NAWAT_TYPE_TEXT };
  const GType enums[] = {
    NAWAT_TYPE_AGGREGATION, NAWAT_TYPE_EVALUATION_STATUS,
    NAWAT_TYPE_PROJECT_SORT, NAWAT_TYPE_PROJECT_STATUS,
    NAWAT_TYPE_RECOMMENDATION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (boxed); i++)
    g_assert_true (G_TYPE_IS_BOXED (boxed[i]));
  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    g_assert_true (G_TYPE_IS_ENUM (enums[i]));
}

static void
test_error_domains (void)
{
  const GQuark domains[] = {
    NAWAT_CODEC_ERROR, NAWAT_COUCH_ERROR, NAWAT_PUBLISH_ERROR,
    NAWAT_REPORT_ERROR, NAWAT_SCORING_ERROR, NAWAT_STATS_ERROR,
    NAWAT_STORE_ERROR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_assert_cmpuint (domains[i], !=, 0);
      for (guint j = 0; j < i; j++)
        g_assert_cmpuint (domains[i], !=, domains[j]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/core-header/object-types", test_object_types);
  g_test_add_func ("/nawat/core-header/value-types", test_value_types);
  g_test_add_func ("/nawat/core-header/error-domains", test_error_domains);

  return g_test_run ();
}
