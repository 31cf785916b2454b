/* bench-file-text.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What reading the projects' PDFs costs: N projects each attached a PDF
 * of P pages of Thai text (made by nawat_test_pdf_new(), each its own
 * contents), then the store reads every file's pages and text with
 * poppler and indexes it (nawat_store_finish_file_texts(), the work the
 * background reader does), then searches the files' text for a Thai word
 * (trigrams) and a two-character one (instr() over every text).
 *
 *   bench-file-text [--projects N] [--pages P]
 *
 * Measured on a release build, 2 processors shared with other work (load
 * average 11 to 13), 200 projects with a PDF of 20 pages each (11.1 MB),
 * "meson test -C _build/release --benchmark --suite perf file-text":
 *
 *   poppler alone                      11.5-21.2 s wall  4.5-5.1 s cpu (~25 ms cpu a PDF)
 *   attach all, then read and index   14.0-18.0 s wall  6.1-6.3 s cpu, peak RSS 36 MiB,
 *                                      store +34.5 MB (text, trigram index and WAL)
 *   search the files' text             Thai word (trigrams) 61-116 ms, two characters
 *                                      (instr() over every text) 48-93 ms, all 200 match
 *
 * The processor time is the figure to trust on a loaded machine: reading
 * costs about 1.3 ms of processor per page, in a thread of its own.
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-store-attachments.h"
#include "nawat-store-file-text.h"
#include "nawat-store.h"
#include "nawat-test-pdf.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_TEXT \
  "โครงการที่ %s หน้า %%u: เครื่องสีข้าวพลังงานแสงอาทิตย์ของวิสาหกิจชุมชน " \
  "ลดต้นทุนการผลิตและเพิ่มรายได้ให้สมาชิก ด้วยการแปรรูปข้าวอินทรีย์ " \
  "และการจัดการน้ำในแปลงนาอย่างยั่งยืน ร่วมกับมหาวิทยาลัยและองค์การบริหารส่วนตำบล"

typedef struct
{
  double wall;
  double cpu;
} Span;

static Span
span_start (void)
{
  return (Span) { now (), cpu_seconds () };
}

static Span
span_end (Span start)
{
  return (Span) { now () - start.wall, cpu_seconds () - start.cpu };
}

static void
import_call (NawatStore *store,
             int         n_projects)
{
  g_autoptr(GString) docs = g_string_new ("[{\"_id\": \"call:b1\", \"type\": \"call\", "
                                          "\"schema\": 1, \"title\": {\"th\": \"ทุนทดสอบ\"}, "
                                          "\"year_be\": 2569, \"rubric\": \"rubric:default:1\", "
                                          "\"deadline\": \"2099-12-31T17:00:00Z\"}");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n_projects; i++)
    g_string_append_printf (docs, ",{\"_id\": \"project:b1:p%04d\", \"type\": \"project\", "
                            "\"schema\": 1, \"call\": \"b1\", \"code\": \"p%04d\", "
                            "\"title\": {\"th\": \"โครงการ %d\"}, \"organisation\": \"วิสาหกิจ\", \"province\": \"TH-50\", "
                            "\"domains\": [\"environment\"]}", i, i, i);
  g_string_append_c (docs, ']');
  if (!nawat_store_import_data (store, docs->str, docs->len, NULL, &problems, &error))
    g_error ("%s", error->message);
}

/* The median wall time of @runs searches of @text, in milliseconds, and
 * how many files matched.
 */
static double
time_search (NawatStore *store,
             const char *text,
             int         runs,
             guint      *n_matches)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) matches = NULL;
      double start = now ();
      double ms;

      matches = nawat_store_search_files (store, text, "b1", 0, &error);
      if (matches == NULL)
        g_error ("%s", error->message);
      ms = (now () - start) * 1000;
      g_array_append_val (samples, ms);
      *n_matches = matches->len;
    }
  return percentile (samples, 0.5);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : 0;
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) env_args = bench_args_from_env (&argc, &argv);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *rm = NULL;
  int n_projects = 200;
  int n_pages = 20;
  GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_projects, "Projects, one PDF each", "N" },
    { "pages", 0, 0, G_OPTION_ARG_INT, &n_pages, "Pages of each PDF", "P" },
    { NULL }
  };
  gint64 pdf_bytes = 0;
  gint64 db_before;
  guint n_long = 0;
  guint n_short = 0;
  double long_ms;
  double short_ms;
  Span making, extracting, attaching, reading, s;

  (void) env_args;
  setlocale (LC_ALL, "");
  context = g_option_context_new ("— reading and indexing the projects' PDFs");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("nawat-bench-file-text-XXXXXX", NULL);
  path = g_build_filename (dir, "bench.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  store = nawat_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  import_call (store, n_projects);

  g_print ("# %d projects, a PDF of %d pages each, in %s; %u processors\n",
           n_projects, n_pages, dir, g_get_num_processors ());
  bench_print_load ("at the start");

  /* Each project's own PDF, on disk. */
  s = span_start ();
  for (int i = 0; i < n_projects; i++)
    {
      g_autofree char *code = g_strdup_printf ("p%04d", i);
      g_autofree char *text = g_strdup_printf (PAGE_TEXT, code);
      g_autofree char *name = g_strdup_printf ("%s.pdf", code);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) pdf = nawat_test_pdf_new (n_pages, text, 0);

      pdf_bytes += g_bytes_get_size (pdf);
      if (!g_file_set_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                &error))
        g_error ("%s", error->message);
    }
  making = span_end (s);
  g_print ("making the PDFs: %.2f s wall %.2f s cpu, %.1f MB in all\n",
           making.wall, making.cpu, pdf_bytes / 1048576.0);

  /* poppler alone: pages and text of every PDF, in this thread. */
  s = span_start ();
  for (int i = 0; i < n_projects; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%04d.pdf", i);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      int pages;

      if (!g_file_get_contents (file, &contents, &length, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (!nawat_pdf_read_text (bytes, &pages, &text, &error))
        g_error ("%s", error->message);
      g_assert (pages == n_pages);
    }
  extracting = span_end (s);
  g_print ("poppler alone (pages and text): %.2f s wall %.2f s cpu, %.1f ms per PDF, "
           "%.2f ms per page\n", extracting.wall, extracting.cpu,
           extracting.wall * 1000 / n_projects, extracting.wall * 1000 / (n_projects * n_pages));

  /* Attached one project at a time, as a coordinator does, while the
   * store's reader reads them in the background; then until every text
   * is read and indexed.
   */
  db_before = file_size (path) + file_size (wal);
  s = span_start ();
  for (int i = 0; i < n_projects; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%04d.pdf", i);
      g_autofree char *id = g_strdup_printf ("project:b1:p%04d", i);
      g_autoptr(GFile) file = g_file_new_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new ();
      g_autoptr(NawatProject) project = NULL;

      g_ptr_array_add (files, file);
      project = nawat_store_attach_files (store, id, files, &error);
      if (project == NULL)
        g_error ("%s", error->message);
    }
  attaching = span_end (s);
  if (!nawat_store_finish_file_texts (store, NULL, &error))
    g_error ("%s", error->message);
  reading = span_end (s);
  g_print ("attaching: %.2f s wall; attaching until every text is read and indexed: "
           "%.2f s wall %.2f s cpu; peak RSS %ld MiB; store +%.1f MB\n",
           attaching.wall, reading.wall, reading.cpu, peak_rss_kib () / 1024,
           (file_size (path) + file_size (wal) - db_before) / 1048576.0);

  long_ms = time_search (store, "สีข้าวพลังงาน", 9, &n_long);
  short_ms = time_search (store, "ข้", 9, &n_short);
  g_print ("search the files' text: \"สีข้าวพลังงาน\" %.2f ms (%u files), "
           "\"ข้\" %.2f ms (%u files), median of 9\n", long_ms, n_long, short_ms, n_short);
  bench_print_load ("at the end");

  g_clear_object (&store);
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  return system (rm) == 0 ? 0 : 1;
}
