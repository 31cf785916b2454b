/* test-import-mapping.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nawat-import-mapping.h"

static void
test_guess_thai (void)
{
  const char *header[] = {
    "รหัส", "ชื่อโครงการ", "องค์กร", "จังหวัด", "ประเด็น", "ภาคี", "งบประมาณ (บาท)",
    "สรุป", "ระยะเวลา (เดือน)", "ระดับ", "หมายเหตุ", NULL
  };
  const NawatImportField expected[] = {
    NAWAT_IMPORT_FIELD_CODE, NAWAT_IMPORT_FIELD_TITLE, NAWAT_IMPORT_FIELD_ORGANISATION,
    NAWAT_IMPORT_FIELD_PROVINCE, NAWAT_IMPORT_FIELD_DOMAINS, NAWAT_IMPORT_FIELD_PARTNERS,
    NAWAT_IMPORT_FIELD_BUDGET, NAWAT_IMPORT_FIELD_SUMMARY, NAWAT_IMPORT_FIELD_DURATION,
    NAWAT_IMPORT_FIELD_REACH, NAWAT_IMPORT_FIELD_NONE,
  };
  g_autoptr(NawatImportMapping) mapping = nawat_import_mapping_guess (header);

  for (guint i = 0; header[i] != NULL; i++)
    g_assert_cmpint (nawat_import_mapping_get (mapping, header[i]), ==, expected[i]);
  /* Every header is named, the ones not imported too, in order. */
  g_assert_cmpstrv (nawat_import_mapping_get_headers (mapping), header);
}

static void
test_guess_english (void)
{
  g_assert_cmpint (nawat_import_guess_field ("Project Code"), ==, NAWAT_IMPORT_FIELD_CODE);
  g_assert_cmpint (nawat_import_guess_field ("  TITLE "), ==, NAWAT_IMPORT_FIELD_TITLE);
  g_assert_cmpint (nawat_import_guess_field ("Title (EN)"), ==, NAWAT_IMPORT_FIELD_TITLE_EN);
  g_assert_cmpint (nawat_import_guess_field ("title_th"), ==, NAWAT_IMPORT_FIELD_TITLE_TH);
  g_assert_cmpint (nawat_import_guess_field ("ชื่อโครงการ (ภาษาอังกฤษ)"), ==,
                   NAWAT_IMPORT_FIELD_TITLE_EN);
  g_assert_cmpint (nawat_import_guess_field ("Organization"), ==,
                   NAWAT_IMPORT_FIELD_ORGANISATION);
  g_assert_cmpint (nawat_import_guess_field ("หน่วยงาน"), ==, NAWAT_IMPORT_FIELD_ORGANISATION);
  g_assert_cmpint (nawat_import_guess_field ("Budget (THB)"), ==, NAWAT_IMPORT_FIELD_BUDGET);
  g_assert_cmpint (nawat_import_guess_field ("Social-issue domains"), ==,
                   NAWAT_IMPORT_FIELD_NONE);
  g_assert_cmpint (nawat_import_guess_field ("Domains"), ==, NAWAT_IMPORT_FIELD_DOMAINS);
  g_assert_cmpint (nawat_import_guess_field ("Reach"), ==, NAWAT_IMPORT_FIELD_REACH);
  g_assert_cmpint (nawat_import_guess_field (""), ==, NAWAT_IMPORT_FIELD_NONE);
  g_assert_cmpint (nawat_import_guess_field ("\xFF"), ==, NAWAT_IMPORT_FIELD_NONE);
}

static void
test_guess_twice (void)
{
  const char *header[] = { "จังหวัด", "Province", "ชื่อโครงการ", "Title", NULL };
  g_autoptr(NawatImportMapping) mapping = nawat_import_mapping_guess (header);

  /* A field goes to its first column; the title to both (Thai, English). */
  g_assert_cmpint (nawat_import_mapping_get (mapping, "จังหวัด"), ==, NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_cmpint (nawat_import_mapping_get (mapping, "Province"), ==, NAWAT_IMPORT_FIELD_NONE);
  g_assert_cmpint (nawat_import_mapping_get (mapping, "ชื่อโครงการ"), ==, NAWAT_IMPORT_FIELD_TITLE);
  g_assert_cmpint (nawat_import_mapping_get (mapping, "Title"), ==, NAWAT_IMPORT_FIELD_TITLE);
  g_assert_false (nawat_import_mapping_contains (mapping, "Code"));
}

static void
test_keys (void)
{
  for (int i = 0; i < NAWAT_IMPORT_N_FIELDS; i++)
    {
      g_assert_cmpint (nawat_import_field_from_key (nawat_import_field_get_key (i)), ==, i);
      g_assert_nonnull (nawat_import_field_get_label (i));
    }
  g_assert_cmpint (nawat_import_field_from_key ("budget"), ==, -1);
  g_assert_cmpint (nawat_import_field_from_key (NULL), ==, -1);
}

static void
test_save_load (void)
{
  const char *header[] = { "รหัส", "ชื่อ \"โครงการ\"", "อื่น ๆ", NULL };
  g_autoptr(NawatImportMapping) mapping = nawat_import_mapping_guess (header);
  g_autoptr(NawatImportMapping) loaded = NULL;
  g_autoptr(NawatImportMapping) update = nawat_import_mapping_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-mapping-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "mapping.json", NULL);

  nawat_import_mapping_set (mapping, "ชื่อ \"โครงการ\"", NAWAT_IMPORT_FIELD_TITLE_TH);
  nawat_import_mapping_save (mapping, path, &error);
  g_assert_no_error (error);

  loaded = nawat_import_mapping_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (nawat_import_mapping_get_headers (loaded), header);
  g_assert_cmpint (nawat_import_mapping_get (loaded, "รหัส"), ==, NAWAT_IMPORT_FIELD_CODE);
  g_assert_cmpint (nawat_import_mapping_get (loaded, "ชื่อ \"โครงการ\""), ==,
                   NAWAT_IMPORT_FIELD_TITLE_TH);
  g_assert_true (nawat_import_mapping_contains (loaded, "อื่น ๆ"));
  g_assert_cmpint (nawat_import_mapping_get (loaded, "อื่น ๆ"), ==, NAWAT_IMPORT_FIELD_NONE);

  /* A loaded mapping overrides a guess header by header. */
  nawat_import_mapping_set (update, "รหัส", NAWAT_IMPORT_FIELD_NONE);
  nawat_import_mapping_set (update, "extra", NAWAT_IMPORT_FIELD_REACH);
  nawat_import_mapping_update (loaded, update);
  g_assert_cmpint (nawat_import_mapping_get (loaded, "รหัส"), ==, NAWAT_IMPORT_FIELD_NONE);
  g_assert_cmpint (nawat_import_mapping_get (loaded, "extra"), ==, NAWAT_IMPORT_FIELD_REACH);
  g_assert_cmpuint (g_strv_length ((GStrv) nawat_import_mapping_get_headers (loaded)), ==, 4);

  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_refused (const char *data,
                const char *message)
{
  g_autoptr(NawatImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;

  mapping = nawat_import_mapping_new_from_data (data, strlen (data), &error);
  g_assert_null (mapping);
  g_assert_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_MAPPING);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_refused (void)
{
  assert_refused ("{", "not a column mapping");
  assert_refused ("[]", "it has no “columns” list");
  assert_refused ("{\"columns\": [{\"header\": \"a\"}]}", "column 1 needs a “header”");
  assert_refused ("{\"columns\": [{\"header\": \"a\", \"field\": \"code\"},"
                  " {\"header\": \"b\", \"field\": \"money\"}]}",
                  "column 2: “money” is not a project field");
  assert_refused ("{\"columns\": [{\"header\": \"a\", \"field\": \"code\"},"
                  " {\"header\": \" a \", \"field\": \"title\"}]}",
                  "column 2: the header “ a ” is given twice");
}

/* A mapping fits a file whose header has every column it names. */
static void
test_fits (void)
{
  const char *header[] = { " รหัส", "ชื่อโครงการ ", "หมายเหตุ", NULL };
  const char *other[] = { "รหัส", "งบประมาณ", NULL };
  g_autoptr(NawatImportMapping) mapping = nawat_import_mapping_new ();
  g_autoptr(GError) error = NULL;

  nawat_import_mapping_set (mapping, "รหัส", NAWAT_IMPORT_FIELD_CODE);
  nawat_import_mapping_set (mapping, "ชื่อโครงการ", NAWAT_IMPORT_FIELD_TITLE);
  /* Spaces around a header aside; a column it does not name is fine. */
  g_assert_true (nawat_import_mapping_fits (mapping, header, &error));
  g_assert_no_error (error);

  g_assert_false (nawat_import_mapping_fits (mapping, other, &error));
  g_assert_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "“ชื่อโครงการ”"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/import-mapping/guess-thai", test_guess_thai);
  g_test_add_func ("/nawat/import-mapping/guess-english", test_guess_english);
  g_test_add_func ("/nawat/import-mapping/guess-twice", test_guess_twice);
  g_test_add_func ("/nawat/import-mapping/keys", test_keys);
  g_test_add_func ("/nawat/import-mapping/save-load", test_save_load);
  g_test_add_func ("/nawat/import-mapping/refused", test_refused);
  g_test_add_func ("/nawat/import-mapping/fits", test_fits);

  return g_test_run ();
}
