/* test-file-text.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-export.h"
#include "nawat-project-list.h"
#include "nawat-project-row.h"
#include "nawat-store-attachments.h"
#include "nawat-store-file-text.h"
#include "nawat-store.h"
#include "nawat-test-pdf.h"

#include <json-glib/json-glib.h>
#include <string.h>

typedef struct
{
  char       *dir;
  char       *path;
  NawatStore *store;
} Fixture;

/* Words the projects' own texts do not hold: only the PDF does. */
#define PDF_TEXT "เครื่องสีข้าวพลังงานแสงอาทิตย์ของชุมชน หน้า %u"

static const char *call_json =
  "{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1,"
  " \"title\": {\"th\": \"ทุนนวัตกรรมสังคม\", \"en\": \"Social innovation grants\"},"
  " \"year_be\": 2569, \"rubric\": \"rubric:default:1\","
  " \"deadline\": \"2099-12-31T17:00:00Z\", \"evaluators\": [\"somchai\"]}";

static char *
project_json (const char *code)
{
  return g_strdup_printf ("{\"_id\": \"project:c1:%s\", \"type\": \"project\", \"schema\": 1,"
                          " \"call\": \"c1\", \"code\": \"%s\","
                          " \"title\": {\"th\": \"ป่าชุมชน %s\"}, \"organisation\": \"วิสาหกิจ\","
                          " \"province\": \"TH-50\", \"domains\": [\"environment\"]}",
                          code, code, code);
}

static void
import (Fixture    *fixture,
        const char *json)
{
  g_autofree char *docs = g_strdup_printf ("[%s]", json);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_store_import_data (fixture->store, docs, strlen (docs), NULL, &problems,
                                          &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = project_json ("p1");
  g_autofree char *p2 = project_json ("p2");

  fixture->dir = g_dir_make_tmp ("nawat-file-text-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "nawat.db", NULL);
  fixture->store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  import (fixture, call_json);
  import (fixture, p1);
  import (fixture, p2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_clear_object (&fixture->store);
  g_assert_cmpint (system (rm), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GFile *
make_file (Fixture    *fixture,
           const char *name,
           GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
attach (Fixture    *fixture,
        const char *project_id,
        const char *name,
        GBytes     *bytes)
{
  g_autoptr(GFile) file = make_file (fixture, name, bytes);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) project = NULL;

  g_ptr_array_add (files, file);
  project = nawat_store_attach_files (fixture->store, project_id, files, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
}

static NawatFileTextState
state_of (Fixture    *fixture,
          const char *project_id,
          const char *name,
          int        *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) project = nawat_store_get_project (fixture->store, project_id, &error);
  const NawatAttachment *attachment;

  g_assert_no_error (error);
  attachment = nawat_project_get_attachment (project, name);
  g_assert_nonnull (attachment);
  return nawat_store_get_file_text_state (fixture->store, attachment, n_pages);
}

static GBytes *
truncated (GBytes *bytes)
{
  return g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) / 2);
}

/* Tests */

static void
test_read_pdf (void)
{
  g_autoptr(GBytes) pdf = nawat_test_pdf_new (3, PDF_TEXT, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int n_pages = 0;

  g_assert_true (nawat_pdf_read_text (pdf, &n_pages, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, ==, 3);
  g_assert_nonnull (strstr (text, "เครื่องสีข้าวพลังงานแสงอาทิตย์"));
  g_assert_nonnull (strstr (text, "หน้า 3"));
}

/* Garbage, a PDF header on garbage and half a PDF: refused or read, never
 * a crash.
 */
static void
test_read_garbage (void)
{
  static const char junk[] = "\x89PNG\r\n\x1a\n not a PDF at all";
  static const char fake[] = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n"
                             "trailer << /Root 1 0 R >>\n%%EOF\n";
  g_autoptr(GBytes) junk_bytes = g_bytes_new_static (junk, sizeof junk - 1);
  g_autoptr(GBytes) fake_bytes = g_bytes_new_static (fake, sizeof fake - 1);
  g_autoptr(GBytes) pdf = nawat_test_pdf_new (4, PDF_TEXT, 0);
  g_autoptr(GBytes) half = truncated (pdf);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  GBytes *cases[] = { junk_bytes, fake_bytes, half, empty };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      int n_pages = -1;

      if (nawat_pdf_read_text (cases[i], &n_pages, &text, &error))
        {
          g_assert_no_error (error);
          g_assert_cmpint (n_pages, >=, 0);
          g_assert_cmpint (n_pages, <=, 4);
          g_assert_nonnull (text);
        }
      else
        {
          g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
          g_assert_null (text);
        }
    }

  /* The garbage and the empty file are not PDFs at all. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    int n_pages;

    g_assert_false (nawat_pdf_read_text (junk_bytes, &n_pages, &text, &error));
    g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  }
}

/* Each held contents is read once: a PDF's pages, a file that is not a
 * PDF and a damaged one remembered as such.
 */
static void
test_store_states (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n";
  static const char broken[] = "%PDF-1.4\n%garbage that poppler cannot read\n";
  g_autoptr(GBytes) pdf = nawat_test_pdf_new (3, PDF_TEXT, 0);
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png - 1);
  g_autoptr(GBytes) broken_bytes = g_bytes_new_static (broken, sizeof broken - 1);
  g_autoptr(GError) error = NULL;
  int n_pages = -1;

  attach (fixture, "project:c1:p1", "ข้อเสนอ.pdf", pdf);
  attach (fixture, "project:c1:p2", "photo.png", png_bytes);
  attach (fixture, "project:c1:p2", "broken.pdf", broken_bytes);
  /* The same contents under another name, in another project: read once. */
  attach (fixture, "project:c1:p2", "copy.pdf", pdf);

  g_assert_true (nawat_store_finish_file_texts (fixture->store, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (state_of (fixture, "project:c1:p1", "ข้อเสนอ.pdf", &n_pages), ==,
                   NAWAT_FILE_TEXT_READ);
  g_assert_cmpint (n_pages, ==, 3);
  g_assert_cmpint (state_of (fixture, "project:c1:p2", "copy.pdf", &n_pages), ==,
                   NAWAT_FILE_TEXT_READ);
  g_assert_cmpint (n_pages, ==, 3);
  g_assert_cmpint (state_of (fixture, "project:c1:p2", "photo.png", &n_pages), ==,
                   NAWAT_FILE_TEXT_NOT_PDF);
  g_assert_cmpint (n_pages, ==, 0);
  g_assert_cmpint (state_of (fixture, "project:c1:p2", "broken.pdf", &n_pages), ==,
                   NAWAT_FILE_TEXT_DAMAGED);

  /* Nothing is left to read: the damaged file is not tried again. */
  g_assert_true (nawat_store_finish_file_texts (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (fixture, "project:c1:p2", "broken.pdf", NULL), ==,
                   NAWAT_FILE_TEXT_DAMAGED);
}

/* Attaching starts the reading in the background. */
static void
test_background (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) pdf = nawat_test_pdf_new (2, PDF_TEXT, 0);
  g_autoptr(GBytes) half = truncated (pdf);
  int n_pages = 0;

  attach (fixture, "project:c1:p1", "ข้อเสนอ.pdf", pdf);
  attach (fixture, "project:c1:p2", "half.pdf", half);

  while (state_of (fixture, "project:c1:p1", "ข้อเสนอ.pdf", &n_pages) == NAWAT_FILE_TEXT_UNKNOWN ||
         state_of (fixture, "project:c1:p2", "half.pdf", NULL) == NAWAT_FILE_TEXT_UNKNOWN)
    g_usleep (10 * 1000);
  g_assert_cmpint (n_pages, ==, 2);
  g_assert_cmpint (state_of (fixture, "project:c1:p2", "half.pdf", NULL), !=,
                   NAWAT_FILE_TEXT_NOT_PDF);
}

static void
assert_file_matches (Fixture    *fixture,
                     const char *text,
                     const char *project_id,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = nawat_store_search_files (fixture->store, text, "c1", 0, &error);
  NawatFileMatch *match;

  g_assert_no_error (error);
  g_assert_nonnull (matches);
  if (project_id == NULL)
    {
      g_assert_cmpuint (matches->len, ==, 0);
      return;
    }
  g_assert_cmpuint (matches->len, ==, 1);
  match = matches->pdata[0];
  g_assert_cmpstr (match->project_id, ==, project_id);
  g_assert_cmpstr (match->name, ==, name);
}

static void
settle (NawatProjectList *list)
{
  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!nawat_project_list_get_loading (list))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The ids the list shows for @search. */
static char *
list_ids (NawatProjectList *list,
          const char       *search)
{
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  nawat_project_list_set_search (list, search);
  settle (list);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (rows, g_list_model_get_item (model, i));
  settle (list);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            nawat_project_row_get_id (rows->pdata[i]));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* A Thai word of the PDF, long (trigrams) and of two characters (no
 * trigram), is found in the file only, with the option only.
 */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) pdf = nawat_test_pdf_new (2, PDF_TEXT, 0);
  g_autoptr(GBytes) other = nawat_test_pdf_new (1, "รายงานการเงิน หน้า %u", 0);
  g_autoptr(NawatProjectList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) plain = NULL;
  /* "ข้" is two characters (a consonant and its tone mark). */
  const char *words[] = { "สีข้าว", "ข้", "แสงอาทิตย์ ข้", NULL };

  attach (fixture, "project:c1:p1", "ข้อเสนอ.pdf", pdf);
  attach (fixture, "project:c1:p2", "การเงิน.pdf", other);
  g_assert_true (nawat_store_finish_file_texts (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_finish_search_index (fixture->store, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_test_message ("searching for “%s”", words[i]);
      assert_file_matches (fixture, words[i], "project:c1:p1", "ข้อเสนอ.pdf");
      /* The projects' own texts do not hold it. */
      plain = nawat_store_search (fixture->store, words[i], 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (plain), ==, 0);
      g_clear_pointer (&plain, g_strfreev);
    }
  assert_file_matches (fixture, "การเงิน", "project:c1:p2", "การเงิน.pdf");
  assert_file_matches (fixture, "สีข้าว การเงิน", NULL, NULL);
  assert_file_matches (fixture, "ไม่มีคำนี้", NULL, NULL);

  list = nawat_project_list_new (fixture->store, "c1", "somchai");
  settle (list);
  g_assert_false (nawat_project_list_get_search_files (list));
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *without = NULL;
      g_autofree char *with = NULL;

      nawat_project_list_set_search_files (list, FALSE);
      without = list_ids (list, words[i]);
      g_assert_cmpstr (without, ==, "");
      nawat_project_list_set_search_files (list, TRUE);
      settle (list);
      with = list_ids (list, words[i]);
      g_assert_cmpstr (with, ==, "project:c1:p1");
      nawat_project_list_set_search (list, NULL);
    }
  {
    g_autofree char *both = NULL;

    /* The projects' own texts still match, beside the files. */
    both = list_ids (list, "ป่าชุมชน");
    g_assert_cmpstr (both, ==, "project:c1:p1 project:c1:p2");
  }
}

/* The portfolio JSON lists each project's files with CouchDB's digest,
 * and the pages of those read.
 */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n";
  g_autoptr(GBytes) pdf = nawat_test_pdf_new (3, PDF_TEXT, 0);
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png - 1);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(NawatProject) p1 = NULL;
  g_autoptr(GError) error = NULL;
  const NawatAttachment *stub;
  JsonArray *projects;
  JsonArray *documents;
  JsonObject *document;

  attach (fixture, "project:c1:p1", "ข้อเสนอ.pdf", pdf);
  attach (fixture, "project:c1:p1", "photo.png", png_bytes);
  g_assert_true (nawat_store_finish_file_texts (fixture->store, NULL, &error));
  g_assert_no_error (error);
  p1 = nawat_store_get_project (fixture->store, "project:c1:p1", &error);
  g_assert_no_error (error);
  stub = nawat_project_get_attachment (p1, "ข้อเสนอ.pdf");

  g_assert_true (nawat_export_portfolio_json (fixture->store, "c1", out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_true (json_parser_load_from_data (parser,
                                             g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                             g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                                             &error));
  g_assert_no_error (error);
  projects = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "projects");
  g_assert_cmpuint (json_array_get_length (projects), ==, 2);

  /* p1: its two files, by name; p2: none. */
  documents = json_object_get_array_member (json_array_get_object_element (projects, 0),
                                            "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 2);
  document = json_array_get_object_element (documents, 1);
  g_assert_cmpstr (json_object_get_string_member (document, "name"), ==, "ข้อเสนอ.pdf");
  g_assert_cmpstr (json_object_get_string_member (document, "content_type"), ==,
                   "application/pdf");
  g_assert_cmpint (json_object_get_int_member (document, "length"), ==, g_bytes_get_size (pdf));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (document, "digest"), "md5-"));
  g_assert_cmpstr (json_object_get_string_member (document, "digest"), ==, stub->digest);
  g_assert_cmpint (json_object_get_int_member (document, "pages"), ==, 3);
  document = json_array_get_object_element (documents, 0);
  g_assert_cmpstr (json_object_get_string_member (document, "name"), ==, "photo.png");
  g_assert_false (json_object_has_member (document, "pages"));
  documents = json_object_get_array_member (json_array_get_object_element (projects, 1),
                                            "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/file-text/read-pdf", test_read_pdf);
  g_test_add_func ("/nawat/file-text/read-garbage", test_read_garbage);
  g_test_add ("/nawat/file-text/store-states", Fixture, NULL,
              fixture_set_up, test_store_states, fixture_tear_down);
  g_test_add ("/nawat/file-text/background", Fixture, NULL,
              fixture_set_up, test_background, fixture_tear_down);
  g_test_add ("/nawat/file-text/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);

  g_test_add ("/nawat/file-text/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);

  return g_test_run ();
}
