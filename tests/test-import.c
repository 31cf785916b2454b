/* test-import.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "nawat-csv.h"
#include "nawat-import.h"
#include "nawat-store-attachments.h"

/* A call "c1" and its project "p-9", already stored. */
static const char base[] =
  "[{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1, \"title\": {\"en\": \"Call\"},"
  " \"rubric\": \"rubric:default:1\"},"
  " {\"_id\": \"project:c1:p-9\", \"type\": \"project\", \"schema\": 1, \"call\": \"c1\","
  " \"code\": \"p-9\", \"title\": {\"en\": \"Stored\"}, \"organisation\": \"Org\","
  " \"province\": \"TH-50\", \"domains\": [\"health\"]}]";

typedef struct
{
  char       *dir;
  NawatStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("test-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  nawat_store_import_data (fixture->store, base, strlen (base), NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_true (problems == NULL || problems->len == 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  listing = g_dir_open (fixture->dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
rows_of (const char *csv)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = nawat_csv_parse (csv, strlen (csv), NULL, &error);

  g_assert_no_error (error);
  return rows;
}

static gint64
n_projects (NawatStore *store)
{
  NawatStoreStats stats;
  g_autoptr(GError) error = NULL;

  nawat_store_get_stats (store, &stats, &error);
  g_assert_no_error (error);
  return stats.projects;
}

static NawatImport *
checked_import (Fixture    *fixture,
                const char *csv)
{
  g_autoptr(GPtrArray) rows = rows_of (csv);
  g_autoptr(GError) error = NULL;
  NawatImport *import = nawat_import_new ("c1", rows, NULL);

  nawat_import_check (import, fixture->store, &error);
  g_assert_no_error (error);
  return import;
}

static const char thai_csv[] =
  "รหัส,ชื่อโครงการ,ชื่อโครงการ (ภาษาอังกฤษ),หน่วยงาน,จังหวัด,ประเด็น,ภาคี,งบประมาณ,ระดับ,สรุป,"
  "ระยะเวลา (เดือน),หมายเหตุ\n"
  "P-1,น้ำสะอาด,Clean water,มูลนิธิ ก,จ. เชียงใหม่,\"ด้านสุขภาพ; Food, water and energy nexus\","
  "\"เทศบาล (ภาครัฐ); Chiang Mai University (academia)\",\"1,250,000 บาท\",ระดับชุมชน,"
  "\"บรรทัดหนึ่ง\nบรรทัดสอง\",12,ไม่นำเข้า\n"
  "p-2,Clean air,,Org B,th-10,environment,,฿300000.00,global,An English summary,,\n";

static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(NawatImport) import = checked_import (fixture, thai_csv);
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GError) error = NULL;
  NawatProject *p;
  NawatPartner *partner;
  guint n_imported = 0;

  g_assert_cmpuint (nawat_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (nawat_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (nawat_import_get_n_invalid (import), ==, 0);

  preview = nawat_import_preview (import, 1);
  g_assert_cmpuint (preview->len, ==, 1);
  p = g_ptr_array_index (preview, 0);
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (p)), ==, "project:c1:p-1");
  g_assert_cmpstr (nawat_project_get_title (p)->th, ==, "น้ำสะอาด");
  g_assert_cmpstr (nawat_project_get_title (p)->en, ==, "Clean water");
  g_assert_cmpstr (nawat_project_get_organisation (p), ==, "มูลนิธิ ก");
  g_assert_cmpstr (nawat_project_get_province (p), ==, "TH-50");
  g_assert_cmpstrv (nawat_project_get_domains (p),
                    ((const char *[]) { "health", "food-water-energy", NULL }));
  g_assert_cmpuint (nawat_project_get_partners (p)->len, ==, 2);
  partner = g_ptr_array_index (nawat_project_get_partners (p), 0);
  g_assert_cmpstr (partner->name, ==, "เทศบาล");
  g_assert_cmpstr (partner->sector, ==, "government");
  partner = g_ptr_array_index (nawat_project_get_partners (p), 1);
  g_assert_cmpstr (partner->name, ==, "Chiang Mai University");
  g_assert_cmpstr (partner->sector, ==, "academia");
  g_assert_cmpint (nawat_project_get_budget_thb (p), ==, 1250000);
  g_assert_cmpstr (nawat_project_get_reach (p), ==, "community");
  g_assert_cmpstr (nawat_project_get_summary (p)->th, ==, "บรรทัดหนึ่ง\nบรรทัดสอง");
  g_assert_cmpint (nawat_project_get_duration_months (p), ==, 12);

  nawat_import_store (import, fixture->store, FALSE, &n_imported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (n_projects (fixture->store), ==, 3);

  g_clear_pointer (&preview, g_ptr_array_unref);
  p = nawat_store_get_project (fixture->store, "project:c1:p-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_project_get_province (p), ==, "TH-10");
  g_assert_cmpstr (nawat_project_get_title (p)->en, ==, "Clean air");
  g_assert_null (nawat_project_get_title (p)->th);
  g_assert_cmpstr (nawat_project_get_summary (p)->en, ==, "An English summary");
  g_assert_cmpint (nawat_project_get_budget_thb (p), ==, 300000);
  g_assert_cmpstr (nawat_project_get_reach (p), ==, "global");
  g_object_unref (p);
}

static const char bad_csv[] =
  "code,title,organisation,province,domains,budget,partners\n"
  "p-1,Good,Org,Chiang Mai,health,100,\n"
  "p-2,Bad province,Org,Atlantis,health,100,\n"
  "p-3,Bad budget,Org,TH-50,health,a lot,\n"
  "p-1,Twice,Org,TH-50,health,,\n"
  "P-9,Stored,Org,TH-50,health,,\n"
  "p-4,,Org,TH-50,health,,\n"
  "p-5,Domain,Org,TH-50,\"health, cooking\",,\n"
  "p-6,Partner,Org,TH-50,health,,Someone\n"
  "p-7,Ragged,Org,TH-50,health,,,extra\n"
  "p 8,Good code?,Org,TH-50,health,,\n"
  "p-10,Good too,Org,ภูเก็ต,สุขภาพ,,\n";

typedef struct
{
  guint       row;
  const char *header;
  const char *message;
} Expected;

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  const Expected expected[] = {
    { 3, "province", "“Atlantis” is not the name or code of a Thai province" },
    { 4, "budget", "“a lot” is not an amount of whole baht" },
    { 5, "code", "the code “p-1” is also on row 2" },
    { 6, "code", "a project with the code “p-9” is already in the store" },
    { 7, "title", "the title is missing" },
    { 8, "domains", "“cooking” is not one of the nine domains" },
    { 9, "partners", "“Someone”: write a partner as “name (sector)”" },
    { 10, NULL, "the row has 8 cells, more than the 7 columns of the header" },
    { 11, "code", "“p 8” is not a code" },
  };
  g_autoptr(NawatImport) import = checked_import (fixture, bad_csv);
  GPtrArray *problems = nawat_import_get_problems (import);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "skipped.csv", NULL);
  g_autofree char *text = NULL;
  const char * const *last;
  guint n_imported = 0;

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      const NawatImportProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->row, ==, expected[i].row);
      g_assert_cmpstr (problem->header, ==, expected[i].header);
      if (!g_str_has_prefix (problem->message, expected[i].message))
        g_error ("row %u: “%s”, expected “%s”", problem->row, problem->message,
                 expected[i].message);
    }
  g_assert_cmpuint (nawat_import_get_n_invalid (import), ==, 9);

  text = nawat_import_problem_to_string (g_ptr_array_index (problems, 0));
  g_assert_cmpstr (text, ==, "row 3, column “province”: "
                   "“Atlantis” is not the name or code of a Thai province");

  /* Nothing is stored while a row is invalid. */
  g_assert_false (nawat_import_store (import, fixture->store, FALSE, &n_imported, &error));
  g_assert_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_INVALID_ROWS);
  g_assert_cmpint (n_projects (fixture->store), ==, 1);
  g_clear_error (&error);

  /* Skipping them stores the others, and the skipped rows can be fixed. */
  nawat_import_store (import, fixture->store, TRUE, &n_imported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (n_projects (fixture->store), ==, 3);

  nawat_import_write_skipped (import, path, &error);
  g_assert_no_error (error);
  skipped = nawat_csv_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->len, ==, 10);
  g_assert_cmpstrv (g_ptr_array_index (skipped, 0),
                    ((const char *[]) { "code", "title", "organisation", "province", "domains",
                                        "budget", "partners", "Reason", NULL }));
  g_assert_cmpstrv (g_ptr_array_index (skipped, 1),
                    ((const char *[]) { "p-2", "Bad province", "Org", "Atlantis", "health",
                                        "100", "", "row 3, column “province”: “Atlantis” is "
                                        "not the name or code of a Thai province", NULL }));
  last = g_ptr_array_index (skipped, 9);
  g_assert_cmpstr (last[0], ==, "p 8");
}

static void
check_refused (Fixture            *fixture,
               const char         *call_id,
               const char         *csv,
               NawatImportMapping *mapping,
               NawatImportError    code,
               const char         *message)
{
  g_autoptr(GPtrArray) rows = rows_of (csv);
  g_autoptr(NawatImport) import = nawat_import_new (call_id, rows, mapping);
  g_autoptr(GError) error = NULL;

  g_assert_false (nawat_import_check (import, fixture->store, &error));
  g_assert_error (error, NAWAT_IMPORT_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(NawatImportMapping) mapping = nawat_import_mapping_new ();
  const char *header = "code,title,organisation,province,domains\n";

  check_refused (fixture, "c1", "", NULL, NAWAT_IMPORT_ERROR_HEADER,
                 "the file is empty: it needs a header row and a row per project");
  check_refused (fixture, "c1", "title,organisation,province,domains\n", NULL,
                 NAWAT_IMPORT_ERROR_HEADER, "no column gives the field “Code”");
  check_refused (fixture, "c2", header, NULL, NAWAT_IMPORT_ERROR_NO_CALL,
                 "the call “c2” is not in the store");

  nawat_import_mapping_set (mapping, "organisation", NAWAT_IMPORT_FIELD_PROVINCE);
  {
    g_autoptr(NawatImportMapping) guessed = nawat_import_mapping_guess (
      (const char *[]) { "code", "title", "organisation", "province", "domains", NULL });

    nawat_import_mapping_update (guessed, mapping);
    check_refused (fixture, "c1", header, guessed, NAWAT_IMPORT_ERROR_HEADER,
                   "the columns “organisation” and “province” both give the field “Province”");
  }
  g_assert_cmpint (n_projects (fixture->store), ==, 1);
}

static void
test_values (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(NawatImport) import = checked_import (
    fixture,
    "code,title,organisation,province,domains,budget,duration,submitted,reach,partners\n"
    "a,T,O,กรุงเทพฯ,\"food-water-energy\nด้านการท่องเที่ยวและวัฒนธรรม\",\"2,500\","
    "6 เดือน,2026-03-12,City,\"Acme, Ltd. (Private sector)\nวัด (civil society)\"\n"
    "b,T,O,TH-50,Health,1.5,0,12 March,everywhere,x (media)\n");
  GPtrArray *problems = nawat_import_get_problems (import);
  g_autoptr(GPtrArray) preview = nawat_import_preview (import, 10);
  NawatProject *p;
  const char *messages[] = {
    "“1.5” is not an amount of whole baht",
    "“0” is not a number of months from 1 to 120",
    "“12 March” is not a date such as 2026-03-12",
    "“everywhere” is not a reach level",
    "“media” is not a Quintuple Helix sector",
  };

  g_assert_cmpuint (preview->len, ==, 1);
  p = g_ptr_array_index (preview, 0);
  g_assert_cmpstr (nawat_project_get_province (p), ==, "TH-10");
  g_assert_cmpstrv (nawat_project_get_domains (p),
                    ((const char *[]) { "food-water-energy", "tourism-culture", NULL }));
  g_assert_cmpint (nawat_project_get_budget_thb (p), ==, 2500);
  g_assert_cmpint (nawat_project_get_duration_months (p), ==, 6);
  g_assert_cmpstr (nawat_project_get_submitted (p), ==, "2026-03-12T00:00:00+07:00");
  g_assert_cmpstr (nawat_project_get_reach (p), ==, "city");
  g_assert_cmpstr (((NawatPartner *) g_ptr_array_index (nawat_project_get_partners (p), 0))->name,
                   ==, "Acme, Ltd.");
  g_assert_cmpstr (((NawatPartner *) g_ptr_array_index (nawat_project_get_partners (p), 1))->sector,
                   ==, "civil-society");

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (messages));
  for (guint i = 0; i < problems->len; i++)
    {
      const NawatImportProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->row, ==, 3);
      if (!g_str_has_prefix (problem->message, messages[i]))
        g_error ("“%s”, expected “%s”", problem->message, messages[i]);
    }
}

/* A file of @dir (made with its parents) named @name holding @contents. */
static void
put_file (const char *dir,
          const char *name,
          const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static NawatImport *
documents_import (Fixture    *fixture,
                  const char *dir)
{
  g_autoptr(GPtrArray) rows = rows_of (thai_csv);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  NawatImport *import = nawat_import_new ("c1", rows, NULL);

  nawat_import_set_documents (import, folder);
  nawat_import_check (import, fixture->store, &error);
  g_assert_no_error (error);
  return import;
}

static guint
n_files_of (Fixture    *fixture,
            const char *project_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) project = nawat_store_get_project (fixture->store, project_id, &error);

  g_assert_no_error (error);
  return nawat_project_get_attachments (project)->len;
}

/* A folder of files named by project code: "CODE.ext" and "CODE/…" go
 * to that project; a file of no project is listed and stops the import;
 * a refused file makes its row invalid; nothing is written before all
 * is checked.
 */
static void
test_documents (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *docs = g_build_filename (fixture->dir, "docs", NULL);
  g_autofree char *stray = g_build_filename (docs, "x-9.pdf", NULL);
  g_autofree char *bad = g_build_filename (docs, "p-2", "_bad.pdf", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s/docs' '%s/store.blobs'", fixture->dir,
                                         fixture->dir);
  g_autoptr(NawatImport) first = NULL;
  g_autoptr(NawatImport) second = NULL;
  g_autoptr(NawatImport) third = NULL;
  g_autoptr(NawatProject) p1 = NULL;
  g_autoptr(GError) error = NULL;
  const NawatImportProblem *problem;
  GPtrArray *unmatched;
  guint n_imported = 0;

  put_file (docs, "P-1.pdf", "%PDF-1.4 ข้อเสนอ P-1");
  put_file (docs, "p-2/ข้อเสนอโครงการ.pdf", "%PDF-1.4 ข้อเสนอ p-2");
  put_file (docs, "p-2/งบประมาณ.pdf", "%PDF-1.4 งบประมาณ p-2");
  put_file (docs, ".hidden", "not a proposal's");
  put_file (docs, "x-9.pdf", "%PDF-1.4 of no project");
  put_file (docs, "p-2/_bad.pdf", "a name CouchDB reserves");

  /* A file of no project, and one refused: nothing is stored. */
  first = documents_import (fixture, docs);
  unmatched = nawat_import_get_unmatched_documents (first);
  g_assert_cmpuint (unmatched->len, ==, 1);
  g_assert_true (g_str_has_suffix (unmatched->pdata[0], "x-9.pdf"));
  g_assert_cmpuint (nawat_import_get_n_invalid (first), ==, 1);
  problem = nawat_import_get_problems (first)->pdata[0];
  g_assert_cmpuint (problem->row, ==, 3);
  g_assert_nonnull (strstr (problem->message, "_bad.pdf"));
  g_assert_false (nawat_import_store (first, fixture->store, FALSE, NULL, &error));
  g_assert_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_INVALID_ROWS);
  g_clear_error (&error);
  g_assert_cmpint (n_projects (fixture->store), ==, 1);
  g_assert_cmpint (g_unlink (bad), ==, 0);

  second = documents_import (fixture, docs);
  g_assert_cmpuint (nawat_import_get_n_invalid (second), ==, 0);
  g_assert_cmpuint (nawat_import_get_n_documents (second), ==, 3);
  g_assert_false (nawat_import_store (second, fixture->store, FALSE, NULL, &error));
  g_assert_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_DOCUMENTS);
  g_assert_nonnull (strstr (error->message, "1 file of the documents folder matches no project"));
  g_clear_error (&error);
  g_assert_cmpint (n_projects (fixture->store), ==, 1);
  g_assert_cmpint (g_unlink (stray), ==, 0);

  /* Every file to its project, in the same run. */
  third = documents_import (fixture, docs);
  g_assert_cmpuint (nawat_import_get_unmatched_documents (third)->len, ==, 0);
  g_assert_true (nawat_import_store (third, fixture->store, FALSE, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpuint (n_files_of (fixture, "project:c1:p-1"), ==, 1);
  g_assert_cmpuint (n_files_of (fixture, "project:c1:p-2"), ==, 2);
  p1 = nawat_store_get_project (fixture->store, "project:c1:p-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (nawat_project_get_attachment (p1, "P-1.pdf"));
  g_assert_true (nawat_store_holds_attachment (fixture->store,
                                               nawat_project_get_attachment (p1, "P-1.pdf")));

  g_assert_cmpint (system (rm), ==, 0);
}

/* Over the limit per file: the row is invalid, with the limit named. */
static void
test_documents_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *docs = g_build_filename (fixture->dir, "docs", NULL);
  g_autofree char *big = g_build_filename (docs, "p-2.pdf", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s/docs'", fixture->dir);
  g_autoptr(NawatImport) import = NULL;
  const NawatImportProblem *problem;
  FILE *f;

  g_assert_cmpint (g_mkdir_with_parents (docs, 0700), ==, 0);
  f = fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), (gint64) (NAWAT_STORE_MAX_FILE_MB + 1) * 1024 * 1024),
                   ==, 0);
  fclose (f);

  import = documents_import (fixture, docs);
  g_assert_cmpuint (nawat_import_get_n_invalid (import), ==, 1);
  problem = nawat_import_get_problems (import)->pdata[0];
  g_assert_cmpuint (problem->row, ==, 3);
  g_assert_nonnull (strstr (problem->message, "over the limit of 50 MB per file"));
  g_assert_cmpuint (nawat_import_get_n_documents (import), ==, 0);

  g_assert_cmpint (system (rm), ==, 0);
}

/* The progress of nawat_import_store_async(), as told. */
typedef struct
{
  GThread      *thread;    /* where it is to be told */
  GArray       *done;      /* n_done, each time */
  guint         n_total;
  int           n_freed;   /* atomic */
  GAsyncResult *result;
} StoreRun;

static void
on_store_progress (guint    n_done,
                   guint    n_total,
                   gpointer data)
{
  StoreRun *run = data;

  g_assert_true (g_thread_self () == run->thread);
  g_array_append_val (run->done, n_done);
  run->n_total = n_total;
}

/* Called where the task is let go of, maybe its thread: wakes the loop. */
static void
on_store_progress_free (gpointer data)
{
  StoreRun *run = data;

  g_atomic_int_inc (&run->n_freed);
  g_main_context_wakeup (NULL);
}

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  StoreRun *run = data;

  run->result = g_object_ref (result);
}

static void
store_run (NawatImport  *import,
           Fixture      *fixture,
           GCancellable *cancellable,
           StoreRun     *run)
{
  run->thread = g_thread_self ();
  run->done = g_array_new (FALSE, FALSE, sizeof (guint));
  nawat_import_store_async (import, fixture->store, FALSE, on_store_progress, run,
                            on_store_progress_free, cancellable, on_store_done, run);
  while (run->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Drops the result, and waits for the task to let go of @run: every
 * progress told by then.
 */
static void
store_run_finish (StoreRun *run,
                  int       n_freed)
{
  g_clear_object (&run->result);
  while (g_atomic_int_get (&run->n_freed) < n_freed)
    g_main_context_iteration (NULL, TRUE);
}

/* Stored in a thread: the progress told in the caller's thread, file by
 * file; cancelled before it starts, nothing is stored.
 */
static void
test_store_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *docs = g_build_filename (fixture->dir, "docs", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s/docs' '%s/store.blobs'", fixture->dir,
                                         fixture->dir);
  g_autoptr(NawatImport) import = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  StoreRun run = { 0 };
  guint n_imported = 0;

  put_file (docs, "P-1.pdf", "%PDF-1.4 ข้อเสนอ P-1");
  put_file (docs, "p-2/ข้อเสนอโครงการ.pdf", "%PDF-1.4 ข้อเสนอ p-2");
  put_file (docs, "p-2/งบประมาณ.pdf", "%PDF-1.4 งบประมาณ p-2");
  import = documents_import (fixture, docs);

  g_cancellable_cancel (cancellable);
  store_run (import, fixture, cancellable, &run);
  g_assert_false (nawat_import_store_finish (import, run.result, &n_imported, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (n_projects (fixture->store), ==, 1);
  store_run_finish (&run, 1);
  g_assert_cmpuint (run.done->len, ==, 0);
  g_clear_pointer (&run.done, g_array_unref);

  store_run (import, fixture, NULL, &run);
  g_assert_true (nawat_import_store_finish (import, run.result, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (n_projects (fixture->store), ==, 3);
  g_assert_cmpuint (n_files_of (fixture, "project:c1:p-1"), ==, 1);
  g_assert_cmpuint (n_files_of (fixture, "project:c1:p-2"), ==, 2);
  /* Told once the projects are stored, then after each project's files. */
  store_run_finish (&run, 2);
  g_assert_cmpuint (run.n_total, ==, 3);
  g_assert_cmpuint (run.done->len, ==, 3);
  g_assert_cmpuint (g_array_index (run.done, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (run.done, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (run.done, guint, 2), ==, 3);
  g_clear_pointer (&run.done, g_array_unref);

  g_assert_cmpint (system (rm), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/import/valid", Fixture, NULL, fixture_set_up, test_valid,
              fixture_tear_down);
  g_test_add ("/nawat/import/invalid", Fixture, NULL, fixture_set_up, test_invalid,
              fixture_tear_down);
  g_test_add ("/nawat/import/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/nawat/import/values", Fixture, NULL, fixture_set_up, test_values,
              fixture_tear_down);
  g_test_add ("/nawat/import/documents", Fixture, NULL, fixture_set_up, test_documents,
              fixture_tear_down);
  g_test_add ("/nawat/import/documents-limit", Fixture, NULL, fixture_set_up,
              test_documents_limit, fixture_tear_down);
  g_test_add ("/nawat/import/store-async", Fixture, NULL, fixture_set_up,
              test_store_async, fixture_tear_down);

  return g_test_run ();
}
