/* test-report.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The PDF reports, read back with poppler's command-line tools (pdftotext
 * -raw, pdffonts, pdfinfo): the demo call and a generated call of 1,000
 * projects (150 under AddressSanitizer; NAWAT_TEST_REPORT_PROJECTS sets
 * another size), in Thai and
 * English, the portfolio and the per-project report, the coordinator's and
 * an evaluator's view.
 */

#include "config.h"

#include "nawat-call.h"
#include "nawat-domains.h"
#include "nawat-generator.h"
#include "nawat-report.h"
#include "nawat-stats.h"
#include "nawat-store-attachments.h"
#include "nawat-store-file-text.h"
#include "nawat-store.h"
#include "nawat-test-pdf.h"
#include "nawat-vocabulary.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

/* A sanitised build is several times slower: it checks a smaller call. */
#if defined(__SANITIZE_ADDRESS__)
#define DEFAULT_GENERATED 150
#else
#define DEFAULT_GENERATED 1000
#endif

#define INJECTION "<b>&amp; \"x\" </i>"

typedef struct
{
  char       *dir;
  NawatStore *store;
} Fixture;

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdffonts");
  g_autofree char *c = g_find_program_in_path ("pdfinfo");

  return a != NULL && b != NULL && c != NULL;
}

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s %s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

/* The text of @path, pages @first to @last (1-based; 0 for all). */
static char *
pdf_text (const char *path,
          guint       first,
          guint       last)
{
  g_autofree char *f = g_strdup_printf ("%u", first);
  g_autofree char *l = g_strdup_printf ("%u", last);
  const char *all[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  const char *range[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL };

  return run (first > 0 ? range : all);
}

/* @s without any white space: a wrapped line breaks a title where it had
 * no space (Thai) or a space.
 */
static char *
squeeze (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run (argv);
  const char *line = strstr (out, "\nPages:");

  g_assert_nonnull (line);
  return (guint) atoi (line + strlen ("\nPages:"));
}

/* Every font of @path is embedded; returns how many there are. */
static guint
assert_fonts_embedded (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = 0;

  /* name, type…, encoding, then emb sub uni object ID */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint len;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      fields = g_strsplit_set (lines[i], " ", -1);
      {
        g_autoptr(GPtrArray) words = g_ptr_array_new ();

        for (guint k = 0; fields[k] != NULL; k++)
          if (*fields[k] != '\0')
            g_ptr_array_add (words, fields[k]);
        len = words->len;
        g_assert_cmpuint (len, >=, 6);
        /* emb is the fifth field from the end */
        g_assert_cmpstr (g_ptr_array_index (words, len - 5), ==, "yes");
      }
      g_assert_true (strstr (lines[i], "Noto") != NULL);
      n++;
    }
  return n;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize length;
  guint n = 0;
  const char *extra =
    "{\"docs\": ["
    "{\"_id\": \"project:si-2569:zz-markup\", \"type\": \"project\", \"schema\": 1,"
    " \"call\": \"si-2569\", \"code\": \"zz-markup\","
    " \"title\": {\"th\": \"" "<b>&amp; \\\"x\\\" </i>" "\", \"en\": \"" "<b>&amp; \\\"x\\\" </i>" "\"},"
    " \"summary\": {\"en\": \"<span foreground='red'>not markup</span> & <\"},"
    " \"organisation\": \"Org <i>\", \"province\": \"TH-50\", \"reach\": \"community\","
    " \"domains\": [\"health\"], \"partners\": [{\"name\": \"A & B <c>\", \"sector\": \"private\"}],"
    " \"budget_thb\": 1234567, \"duration_months\": 12, \"submitted\": \"2026-03-05T03:00:00Z\","
    " \"assigned\": [\"somchai\"]}"
    "]}";

  fx->dir = g_dir_make_tmp ("nawat-test-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = nawat_store_open (path, &error);
  g_assert_no_error (error);

  demo = g_build_filename (g_getenv ("NAWAT_SOURCE_ROOT") != NULL ? g_getenv ("NAWAT_SOURCE_ROOT") : ".",
                           "resources", "demo", "demo.json", NULL);
  g_file_get_contents (demo, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_import_data (fx->store, contents, length, &n, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 40);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (nawat_store_import_data (fx->store, extra, strlen (extra), &n, &problems, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  g_clear_object (&fx->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

/* Each entry of the contents names the page its project starts on: the
 * page whose text has the project's heading "(code)" and whose previous
 * page does not.
 */
static void
check_contents (NawatReport *report,
                const char  *pdf,
                const char  *call_id,
                guint        n_projects,
                guint        stride)
{
  g_autofree char *text = pdf_text (pdf, 2, 2);
  guint checked = 0;

  g_assert_nonnull (text);
  for (guint i = 0; i < n_projects; i += stride)
    {
      g_autofree char *code = g_strdup_printf ("p%03u", i + 1);
      g_autofree char *id = g_strdup_printf ("project:%s:%s", call_id, code);
      int page = nawat_report_get_project_page (report, id);
      g_autofree char *needle = NULL;
      g_autofree char *on_page = NULL;
      g_autofree char *squeezed = NULL;

      if (page < 0)
        continue;
      /* the page shows the project's heading */
      on_page = pdf_text (pdf, (guint) page + 1, (guint) page + 1);
      needle = g_strdup_printf ("(%s)", code);
      squeezed = squeeze (on_page);
      g_assert_nonnull (strstr (squeezed, needle));
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

/* The contents pages list each project with the page number where it
 * really is.
 */
static void
check_toc_numbers (const char *pdf,
                   guint       n_pages)
{
  g_autofree char *text = pdf_text (pdf, 2, MIN (n_pages, 60));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint checked = 0;

  for (guint i = 0; lines[i] != NULL && checked < 25; i++)
    {
      /* "N. Title (code) PAGE" */
      const char *open = strrchr (lines[i], '(');
      const char *close = open != NULL ? strchr (open, ')') : NULL;
      g_autofree char *code = NULL;
      g_autofree char *needle = NULL;
      g_autofree char *page_text = NULL;
      g_autofree char *prev_text = NULL;
      g_autofree char *squeezed = NULL;
      g_autofree char *prev_squeezed = NULL;
      guint page;

      if (close == NULL || close[1] != ' ' || !g_ascii_isdigit (close[2]))
        continue;
      page = (guint) atoi (close + 2);
      code = g_strndup (open + 1, close - open - 1);
      g_assert_cmpuint (page, >=, 1);
      g_assert_cmpuint (page, <=, n_pages);
      page_text = pdf_text (pdf, page, page);
      needle = g_strdup_printf ("(%s)", code);
      squeezed = squeeze (page_text);
      /* the heading is on that page… */
      g_assert_nonnull (strstr (squeezed, needle));
      /* …and not on the page before (past the contents) */
      prev_text = pdf_text (pdf, page - 1, page - 1);
      prev_squeezed = squeeze (prev_text);
      if (strstr (prev_squeezed, "สารบัญ") == NULL && strstr (prev_squeezed, "Contents") == NULL)
        g_assert_null (strstr (prev_squeezed, needle));
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_demo_portfolio (Fixture       *fx,
                     gconstpointer  data)
{
  const char *lang = data;
  g_autoptr(NawatReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 5, 10, 0, 0);
  g_autofree char *pdf = g_build_filename (fx->dir, "portfolio.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  gboolean thai = g_str_equal (lang, "th");
  guint n_pages;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  report = nawat_report_new (fx->store, "si-2569", NAWAT_REPORT_PORTFOLIO, NULL, lang, NULL);
  nawat_report_set_date (report, date);
  g_assert_cmpuint (nawat_report_get_n_pages (report), ==, 0);
  g_assert_true (nawat_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);

  n_pages = nawat_report_get_n_pages (report);
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  /* a page or more per project (41), and the portfolio's own pages */
  g_assert_cmpuint (n_pages, >=, 41 + 5);
  g_assert_cmpuint (n_pages, <=, 41 * 6 + 20);
  g_assert_cmpuint (assert_fonts_embedded (pdf), >=, 2);

  text = pdf_text (pdf, 0, 0);
  squeezed = squeeze (text);
  /* the nine domains, by name, in the report's language */
  for (guint i = 0; i < NAWAT_N_DOMAINS; i++)
    {
      g_autofree char *name = squeeze (thai ? nawat_domains ()[i].th : nawat_domains ()[i].en);

      g_assert_nonnull (strstr (squeezed, name));
    }
  /* BE years and Thai month names in Thai, CE in English.  Column headers
   * wrap only before their parenthesised part, which stays whole, and no
   * word of theirs is broken.
   */
  if (thai)
    {
      g_assert_nonnull (strstr (text, "5 มีนาคม 2569"));
      g_assert_nonnull (strstr (text, "หน้า 1 จาก"));
      g_assert_nonnull (strstr (text, "สารบัญ"));
      g_assert_nonnull (strstr (text, "อันดับ\n(ค่าเฉลี่ย)\n"));
      g_assert_nonnull (strstr (text, "อันดับ\n(ปรับมาตรฐาน)\n"));
      g_assert_nonnull (strstr (text, "คะแนนปรับมาตรฐาน\n(z)\n"));
    }
  else
    {
      g_assert_nonnull (strstr (text, "5 March 2026"));
      g_assert_nonnull (strstr (text, "Page 1 of"));
      g_assert_nonnull (strstr (text, "Contents"));
      g_assert_nonnull (strstr (text, "Rank\n(mean)\n"));
      g_assert_nonnull (strstr (text, "Rank\n(normalised)\n"));
      g_assert_nonnull (strstr (text, "Normalised\n(z)\n"));
      /* the demo call states no yearly theme */
      g_assert_nonnull (strstr (squeezed, "YearlythemeNotstated"));
    }
  /* the budget with thousands separators */
  g_assert_nonnull (strstr (text, "1,234,567"));
  /* the projects and budget per reach level, every level named */
  {
    g_autofree char *heading = squeeze (nawat_vocabulary_get (NAWAT_WORD_REACH_TOTALS, lang));
    g_autofree char *total = squeeze (nawat_vocabulary_get (NAWAT_WORD_TOTAL, lang));

    g_assert_nonnull (strstr (squeezed, heading));
    g_assert_nonnull (strstr (squeezed, total));
    for (guint i = 0; i < NAWAT_N_REACH; i++)
      {
        g_autofree char *name = squeeze (nawat_term_get_label (&nawat_reach_levels ()[i], lang));

        g_assert_nonnull (strstr (squeezed, name));
      }
  }
  /* markup in data prints literally */
  g_assert_nonnull (strstr (text, INJECTION));
  g_assert_nonnull (strstr (text, "<span foreground='red'>not markup</span> & <"));
  g_assert_nonnull (strstr (text, "A & B <c>"));

  check_toc_numbers (pdf, n_pages);
  check_contents (report, pdf, "si-2569", 40, 7);
}

/* A page rendered on its own (as GtkPrintOperation does) is the same page
 * as in the PDF written in one go.
 */
static void
test_render_page (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(NawatReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 5, 10, 0, 0);
  g_autofree char *pdf = g_build_filename (fx->dir, "all.pdf", NULL);
  guint n_pages;
  guint pages[] = { 0, 1, 3, 4, 8, 9, 10, 11, 12 };

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  report = nawat_report_new (fx->store, "si-2569", NAWAT_REPORT_PORTFOLIO, NULL, "th", NULL);
  nawat_report_set_date (report, date);
  g_assert_true (nawat_report_prepare (report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);
  n_pages = nawat_report_get_n_pages (report);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      guint page = pages[i] < n_pages ? pages[i] : n_pages - 1;
      g_autofree char *one = g_build_filename (fx->dir, "one.pdf", NULL);
      cairo_surface_t *surface = cairo_pdf_surface_create (one, NAWAT_REPORT_A4_WIDTH, NAWAT_REPORT_A4_HEIGHT);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      nawat_report_render_page (report, cr, page, NAWAT_REPORT_A4_WIDTH, NAWAT_REPORT_A4_HEIGHT);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);

      a = pdf_text (pdf, page + 1, page + 1);
      b = pdf_text (one, 1, 1);
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpuint (strlen (a), >, 20);
    }

  /* a smaller page: scaled, still drawn */
  {
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 420);
    cairo_t *cr = cairo_create (image);
    guint32 *pixels;
    gboolean ink = FALSE;

    nawat_report_render_page (report, cr, 0, 300, 420);
    cairo_surface_flush (image);
    pixels = (guint32 *) cairo_image_surface_get_data (image);
    for (int k = 0; k < 300 * 420 && !ink; k++)
      ink = (pixels[k] & 0xffffff) != 0xffffff;
    g_assert_true (ink);
    cairo_destroy (cr);
    cairo_surface_destroy (image);
  }
}

static void
test_project_report (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 5, 10, 0, 0);
  g_autofree char *pdf = g_build_filename (fx->dir, "project.pdf", NULL);
  g_autofree char *own = g_build_filename (fx->dir, "own.pdf", NULL);
  g_autoptr(NawatReport) report = NULL;
  g_autoptr(NawatReport) mine = NULL;
  g_autoptr(NawatReport) missing = NULL;
  g_autoptr(NawatReport) portfolio = NULL;
  g_autofree char *text = NULL;
  g_autofree char *own_text = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  const char *project_id = "project:si-2569:p001";
  const char *evaluator;
  const char *other = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  evaluations = nawat_store_list_evaluations (fx->store, project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evaluations->len, >=, 2);
  evaluator = nawat_evaluation_get_evaluator (g_ptr_array_index (evaluations, 0));
  other = nawat_evaluation_get_evaluator (g_ptr_array_index (evaluations, 1));

  /* the first evaluator's confidence, beside their scores; the second
   * gave none, which the default rubric asks */
  nawat_evaluation_set_confidence (g_ptr_array_index (evaluations, 0), NAWAT_CONFIDENCE_HIGH);
  nawat_evaluation_set_confidence (g_ptr_array_index (evaluations, 1), NAWAT_CONFIDENCE_NONE);
  g_assert_true (nawat_store_save_evaluation (fx->store, g_ptr_array_index (evaluations, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_save_evaluation (fx->store, g_ptr_array_index (evaluations, 1), &error));
  g_assert_no_error (error);

  report = nawat_report_new (fx->store, "si-2569", NAWAT_REPORT_PROJECT, project_id, "th", NULL);
  nawat_report_set_date (report, date);
  g_assert_true (nawat_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (pdf), ==, nawat_report_get_n_pages (report));
  g_assert_cmpuint (pdf_pages (pdf), >=, 2);
  assert_fonts_embedded (pdf);
  text = pdf_text (pdf, 0, 0);
  /* every evaluator, side by side */
  g_assert_nonnull (strstr (text, evaluator));
  g_assert_nonnull (strstr (text, other));
  g_assert_nonnull (strstr (text, "บาท"));
  g_assert_nonnull (strstr (text, "เดือน"));
  g_assert_nonnull (strstr (text, "ความมั่นใจ: สูง"));
  g_assert_nonnull (strstr (text, "ความมั่นใจ: ไม่ได้ระบุ"));

  /* a comment's line break stays one, in Thai too */
  nawat_evaluation_set_overall_comment (g_ptr_array_index (evaluations, 0),
                                        "Fits the call well\nงบประมาณสมเหตุสมผล");
  g_assert_true (nawat_store_save_evaluation (fx->store, g_ptr_array_index (evaluations, 0), &error));
  g_assert_no_error (error);

  /* an evaluator's own view: not the others' scores */
  mine = nawat_report_new (fx->store, "si-2569", NAWAT_REPORT_PROJECT, project_id, "en", evaluator);
  nawat_report_set_date (mine, date);
  g_assert_true (nawat_report_write_pdf (mine, own, NULL, &error));
  g_assert_no_error (error);
  own_text = pdf_text (own, 0, 0);
  g_assert_nonnull (strstr (own_text, evaluator));
  g_assert_null (strstr (own_text, other));
  g_assert_nonnull (strstr (own_text, "THB "));
  g_assert_nonnull (strstr (own_text, "Confidence: High"));
  g_assert_nonnull (strstr (own_text, "Fits the call well\nงบประมาณสมเหตุสมผล"));

  /* errors */
  missing = nawat_report_new (fx->store, "si-2569", NAWAT_REPORT_PROJECT,
                              "project:si-2569:nope", "en", NULL);
  g_assert_false (nawat_report_prepare (missing, NULL, &error));
  g_assert_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  portfolio = nawat_report_new (fx->store, "si-2569", NAWAT_REPORT_PORTFOLIO, NULL, "en", evaluator);
  g_assert_false (nawat_report_prepare (portfolio, NULL, &error));
  g_assert_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&portfolio);
  portfolio = nawat_report_new (fx->store, "no-such-call", NAWAT_REPORT_PORTFOLIO, NULL, "en", NULL);
  g_assert_false (nawat_report_write_pdf (portfolio, own, NULL, &error));
  g_assert_nonnull (error);
  /* the earlier file is left as it was */
  g_assert_cmpuint (pdf_pages (own), ==, nawat_report_get_n_pages (mine));
}

/* A project's section lists its files: name, pages (once read) and size. */
static void
test_project_documents (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) proposal = nawat_test_pdf_new (3, "ข้อเสนอโครงการเต็มฉบับ หน้า %u", 0);
  g_autofree char *in = g_build_filename (fx->dir, "ข้อเสนอฉบับเต็ม.pdf", NULL);
  g_autofree char *pdf = g_build_filename (fx->dir, "documents.pdf", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s/store.blobs'", fx->dir);
  g_autoptr(GFile) file = g_file_new_for_path (in);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *size = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  g_file_set_contents (in, g_bytes_get_data (proposal, NULL), g_bytes_get_size (proposal), &error);
  g_assert_no_error (error);
  g_ptr_array_add (files, file);
  project = nawat_store_attach_files (fx->store, "project:si-2569:p001", files, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_finish_file_texts (fx->store, NULL, &error));
  g_assert_no_error (error);

  report = nawat_report_new (fx->store, "si-2569", NAWAT_REPORT_PROJECT, "project:si-2569:p001",
                             "th", NULL);
  g_assert_true (nawat_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 0, 0);
  squeezed = squeeze (text);
  size = g_strdup_printf ("%.0fKB", (double) g_bytes_get_size (proposal) / 1024);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (squeezed, "เอกสาร"));
  g_assert_nonnull (strstr (squeezed, "ไฟล์จำนวนหน้าขนาด"));
  /* the row: name, 3 pages, size */
  {
    g_autofree char *row = g_strdup_printf ("ข้อเสนอฉบับเต็ม.pdf3%s", size);

    g_assert_nonnull (strstr (squeezed, row));
  }
  g_assert_cmpint (system (rm), ==, 0);
}

/* No page of @text (pdftotext's, pages separated by form feeds) ends
 * with one of the portfolio's section headings: a heading goes to the
 * page of what it heads.
 */
static void
assert_no_orphan_heading (const char *text)
{
  static const char * const headings[] = {
    "ความเห็นที่แตกต่างกันของผู้ประเมิน",
    "ความสอดคล้องระหว่างผู้ประเมิน",
    "ความคืบหน้าของผู้ประเมินแต่ละคน",
    "ความครอบคลุม",
    "การจัดอันดับ",
  };
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();
      const char *last = NULL;

      for (guint l = 0; lines[l] != NULL; l++)
        if (*lines[l] != '\0')
          g_ptr_array_add (shown, lines[l]);
      /* The page's own text comes first, then the running header (the
       * date and the call) and the footer ("หน้า N จาก M").
       */
      if (shown->len < 4 || !g_str_has_prefix (g_ptr_array_index (shown, shown->len - 1), "หน้า "))
        continue;
      last = g_ptr_array_index (shown, shown->len - 4);
      for (guint h = 0; last != NULL && h < G_N_ELEMENTS (headings); h++)
        if (g_str_equal (last, headings[h]))
          g_error ("Page %u ends with the heading “%s”", p + 1, last);
    }
}

/* A store in @dir holding a generated call */
static NawatStore *
generated_store (const char *dir,
                 const char *call_id,
                 guint       n_projects,
                 guint       n_evaluators,
                 guint64     seed)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "gen.db", NULL);
  NawatStore *store;
  guint n = 0;

  g_assert_true (nawat_generator_write (memory, call_id, n_projects, n_evaluators, seed, NULL, &error));
  g_assert_true (g_output_stream_close (memory, NULL, &error));
  store = nawat_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_import_data (store,
                                          g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                                          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                                          &n, &problems, &error));
  g_assert_no_error (error);
  return store;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A small call whose disagreement list once fell at the foot of a page,
 * its heading left behind: headings go with what they head, and the
 * reasons are in the report's language.
 */
static void
test_generated_small (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatReport) report = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  dir = g_dir_make_tmp ("nawat-test-report-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "small.pdf", NULL);
  store = generated_store (dir, "c1", 30, 3, 7);
  /* A call of the yearly theme of BE 2566 */
  {
    g_autoptr(NawatCall) call = nawat_store_get_call (store, "call:c1", &error);
    g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);

    g_assert_no_error (error);
    nawat_call_set_theme (call, "networks-impact");
    g_ptr_array_add (docs, g_object_ref (call));
    g_assert_true (nawat_store_put_documents (store, docs, &error));
    g_assert_no_error (error);
  }
  report = nawat_report_new (store, "c1", NAWAT_REPORT_PORTFOLIO, NULL, "th", NULL);
  g_assert_true (nawat_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);

  text = pdf_text (pdf, 0, 0);
  {
    g_autofree char *squeezed = squeeze (text);
    g_autofree char *theme = squeeze ("ปีแห่งการสร้างเครือข่ายและสร้างผลกระทบเชิงสังคม");
    g_autofree char *label = squeeze ("เป้าหมายประจำปี");

    g_assert_nonnull (strstr (squeezed, label));
    g_assert_nonnull (strstr (squeezed, theme));
  }
  g_assert_nonnull (strstr (text, "คะแนนรวมต่างกัน"));
  g_assert_null (strstr (text, "Composite scores span"));
  assert_no_orphan_heading (text);

  g_clear_object (&report);
  g_clear_object (&store);
  remove_dir (dir);
}

/* The text of @path without white space (squeeze()). */
static char *
squeeze_pdf_text (const char *path)
{
  g_autofree char *text = pdf_text (path, 0, 0);

  return squeeze (text);
}

static void
assert_squeezed_contains (const char *squeezed,
                          const char *needle)
{
  g_autofree char *squeezed_needle = squeeze (needle);

  if (strstr (squeezed, squeezed_needle) == NULL)
    g_error ("“%s” is not in the report", needle);
}

/* A call with few projects, some of them still missing evaluations: the
 * agreement section says there is not enough data yet and why, and the
 * ranking shows each project's evaluations in of those expected, marks
 * the partial ones, and gives no spread for a single evaluation.
 */
static void
test_generated_evidence (gconstpointer data)
{
  const char *lang = data;
  gboolean thai = g_str_equal (lang, "th");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatReport) report = NULL;
  g_autoptr(NawatCallStats) stats = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shortfall = NULL;
  NawatAgreement agreement;
  guint n_partial = 0;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  dir = g_dir_make_tmp ("nawat-test-report-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "evidence.pdf", NULL);
  store = generated_store (dir, "c1", 4, 3, 7);
  stats = nawat_call_stats_compute (store, "c1", NAWAT_STATS_DEFAULT_THRESHOLD, NULL, &error);
  g_assert_no_error (error);
  report = nawat_report_new (store, "c1", NAWAT_REPORT_PORTFOLIO, NULL, lang, NULL);
  g_assert_true (nawat_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);
  text = squeeze_pdf_text (pdf);

  nawat_call_stats_get_composite (stats, NULL, &agreement);
  g_assert_false (nawat_stats_agreement_is_enough (&agreement));
  if (thai)
    shortfall = g_strdup_printf ("ข้อมูลยังไม่พอ: การวัดความสอดคล้องต้องมีโครงการที่มีผลการประเมิน"
                                 "ตั้งแต่สองรายการขึ้นไป %u โครงการ ขณะนี้มี %u โครงการ",
                                 NAWAT_STATS_MIN_AGREEMENT_UNITS, agreement.n_pairable_units);
  else
    shortfall = g_strdup_printf ("Not enough data yet: agreement needs %u projects with two or "
                                 "more evaluations (so far: %u).",
                                 NAWAT_STATS_MIN_AGREEMENT_UNITS, agreement.n_pairable_units);
  assert_squeezed_contains (text, shortfall);

  for (guint i = 0; i < nawat_call_stats_get_n_projects (stats); i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (stats, i);
      g_autofree char *of = g_strdup_printf (thai ? "%u จาก %u" : "%u of %u",
                                             ps->n_evaluations, ps->expected);

      assert_squeezed_contains (text, of);
      n_partial += ps->n_evaluations > 0 && ps->n_evaluations < ps->expected;
    }
  g_assert_cmpuint (n_partial, >, 0);
  assert_squeezed_contains (text, thai ? "[ยังไม่ครบ]" : "[partial]");

  g_clear_object (&report);
  g_clear_object (&store);
  remove_dir (dir);
}

static void
test_generated (void)
{
  const char *env = g_getenv ("NAWAT_TEST_REPORT_PROJECTS");
  guint n_projects = env != NULL ? (guint) atoi (env) : DEFAULT_GENERATED;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  guint n_pages;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  if (n_projects < 10)
    n_projects = 10;

  dir = g_dir_make_tmp ("nawat-test-report-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "gen.pdf", NULL);
  store = generated_store (dir, "gen", n_projects, 8, 5);

  report = nawat_report_new (store, "gen", NAWAT_REPORT_PORTFOLIO, NULL, "th", NULL);
  g_assert_true (nawat_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);
  n_pages = nawat_report_get_n_pages (report);
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  g_assert_cmpuint (n_pages, >=, n_projects + 5);
  g_assert_cmpuint (n_pages, <=, n_projects * 8 + 100);
  assert_fonts_embedded (pdf);

  text = pdf_text (pdf, 0, 0);
  squeezed = squeeze (text);
  for (guint i = 0; i < NAWAT_N_DOMAINS; i++)
    {
      g_autofree char *name = squeeze (nawat_domains ()[i].th);

      g_assert_nonnull (strstr (squeezed, name));
    }
  /* titles of projects, from the first to the last */
  for (guint i = 0; i < n_projects; i += n_projects / 10)
    {
      g_autofree char *id = g_strdup_printf ("project:gen:p%06u", i + 1);
      g_autoptr(NawatProject) project = nawat_store_get_project (store, id, NULL);
      g_autofree char *title = NULL;

      g_assert_nonnull (project);
      title = squeeze (nawat_text_get (nawat_project_get_title (project), "th"));
      g_assert_nonnull (strstr (squeezed, title));
    }
  check_toc_numbers (pdf, n_pages);
  /* The reasons, when there are any, are in the report's language */
  g_assert_null (strstr (text, "Composite scores span"));
  assert_no_orphan_heading (text);

  g_clear_object (&report);
  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/demo/portfolio/th", Fixture, "th",
              fixture_set_up, test_demo_portfolio, fixture_tear_down);
  g_test_add ("/report/demo/portfolio/en", Fixture, "en",
              fixture_set_up, test_demo_portfolio, fixture_tear_down);
  g_test_add ("/report/demo/render-page", Fixture, NULL,
              fixture_set_up, test_render_page, fixture_tear_down);
  g_test_add ("/report/demo/project", Fixture, NULL,
              fixture_set_up, test_project_report, fixture_tear_down);
  g_test_add ("/report/demo/documents", Fixture, NULL,
              fixture_set_up, test_project_documents, fixture_tear_down);
  g_test_add_func ("/report/generated/small", test_generated_small);
  g_test_add_data_func ("/report/generated/evidence/en", "en", test_generated_evidence);
  g_test_add_data_func ("/report/generated/evidence/th", "th", test_generated_evidence);
  g_test_add_func ("/report/generated", test_generated);

  return g_test_run ();
}
