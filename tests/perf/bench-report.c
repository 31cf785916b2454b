/* bench-report.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The portfolio PDF of a generated call of 100 and of 1,000 projects (or
 * --small N and --projects N): the time of the first pass (layout), of
 * writing the PDF, the CPU time, the number of pages and the peak memory.
 * Each size is written in its own process so that its peak memory is its
 * own; memory should stay flat in the number of projects.  Beside each,
 * cairo alone: the same pages, recorded, then written as a PDF, which
 * is what the report costs beyond laying its pages out and shaping their
 * text (painting a recorded page costs cairo somewhat more than drawing
 * it directly, so this is a little above cairo's share).  The load
 * average is printed at the start and at the end: on a busy machine, read
 * the CPU times.
 *
 *   bench-report [--projects N] [--small N] [--lang th|en] [--dir DIR]
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-generator.h"
#include "nawat-report.h"
#include "nawat-store.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#define CALL_ID "bench"

/* Generates and imports @n_projects into @store_path. */
static int
phase_setup (const char *store_path,
             guint       n_projects)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!nawat_generator_write (memory, CALL_ID, n_projects, 6, 42, NULL, &error) ||
      !g_output_stream_close (memory, NULL, &error))
    g_error ("%s", error->message);
  store = nawat_store_open (store_path, &error);
  if (store == NULL ||
      !nawat_store_import_data (store,
                                g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                                g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                                &n, &problems, &error))
    g_error ("import failed: %s", error != NULL ? error->message :
             (const char *) g_ptr_array_index (problems, 0));
  return 0;
}

/* The portfolio report of the call in @store_path, not yet prepared. */
static NawatReport *
open_report (const char *store_path,
             const char *lang)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = nawat_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  return nawat_report_new (store, CALL_ID, NAWAT_REPORT_PORTFOLIO, NULL, lang, NULL);
}

/* Writes the portfolio PDF; prints "report <prepare s> <write s> <cpu s>
 * <pages> <peak KiB> <bytes>".
 */
static int
phase_report (const char *store_path,
              const char *pdf_path,
              const char *lang)
{
  g_autoptr(NawatReport) report = open_report (store_path, lang);
  g_autoptr(GError) error = NULL;
  double start, prepared, written, cpu0;
  GStatBuf st;

  cpu0 = cpu_seconds ();
  start = now ();
  if (!nawat_report_prepare (report, NULL, &error))
    g_error ("%s", error->message);
  prepared = now ();
  if (!nawat_report_write_pdf (report, pdf_path, NULL, &error))
    g_error ("%s", error->message);
  written = now ();
  if (g_stat (pdf_path, &st) != 0)
    st.st_size = 0;
  g_print ("report %.3f %.3f %.3f %u %ld %.0f\n", prepared - start, written - prepared,
           cpu_seconds () - cpu0, nawat_report_get_n_pages (report), peak_rss_kib (),
           (double) st.st_size);
  return 0;
}

static cairo_status_t
floor_write (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
}

/* Cairo alone: each page of the report is drawn into a recording surface
 * (not counted), then painted on a PDF surface and shown (counted).
 * Prints "floor <wall s> <cpu s> <bytes>".
 */
static int
phase_floor (const char *store_path,
             const char *pdf_path,
             const char *lang)
{
  g_autoptr(NawatReport) report = open_report (store_path, lang);
  g_autoptr(GError) error = NULL;
  cairo_rectangle_t extents = { 0, 0, NAWAT_REPORT_A4_WIDTH, NAWAT_REPORT_A4_HEIGHT };
  cairo_surface_t *pdf;
  cairo_t *cr;
  double wall = 0, cpu = 0, start, cpu0;
  FILE *file;
  GStatBuf st;

  if (!nawat_report_prepare (report, NULL, &error))
    g_error ("%s", error->message);
  file = fopen (pdf_path, "wb");
  if (file == NULL)
    g_error ("%s: %s", pdf_path, g_strerror (errno));

  pdf = cairo_pdf_surface_create_for_stream (floor_write, file, extents.width, extents.height);
  cr = cairo_create (pdf);
  for (guint page = 0; page < nawat_report_get_n_pages (report); page++)
    {
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *rc = cairo_create (recording);

      nawat_report_render_page (report, rc, page, extents.width, extents.height);
      cairo_destroy (rc);

      start = now ();
      cpu0 = thread_cpu_seconds ();
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_show_page (cr);
      cpu += thread_cpu_seconds () - cpu0;
      wall += now () - start;
      cairo_surface_destroy (recording);
    }
  start = now ();
  cpu0 = thread_cpu_seconds ();
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  cpu += thread_cpu_seconds () - cpu0;
  wall += now () - start;
  if (cairo_surface_status (pdf) != CAIRO_STATUS_SUCCESS)
    g_error ("the floor's PDF: %s", cairo_status_to_string (cairo_surface_status (pdf)));
  cairo_surface_destroy (pdf);
  fclose (file);
  if (g_stat (pdf_path, &st) != 0)
    st.st_size = 0;
  g_print ("floor %.3f %.3f %.0f\n", wall, cpu, (double) st.st_size);
  return 0;
}

static void
bench_size (const char *self,
            const char *dir,
            guint       n_projects,
            const char *lang,
            double     *cpu,
            long       *peak)
{
  g_autofree char *n_s = g_strdup_printf ("%u", n_projects);
  g_autofree char *db = g_strdup_printf ("%s/report-%u.db", dir, n_projects);
  g_autofree char *pdf = g_strdup_printf ("%s/report-%u.pdf", dir, n_projects);
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) floor = NULL;
  double floor_cpu;

  g_strfreev (bench_run_phase (self, "setup", db, n_s, NULL));
  fields = bench_run_phase (self, "report", db, pdf, lang);
  if (g_strv_length (fields) < 7)
    g_error ("unexpected output of the report phase");
  g_print ("%u projects: %s pages, layout %s s, PDF %s s, CPU %s s, peak %s KiB, %.1f MB\n",
           n_projects, fields[4], fields[1], fields[2], fields[3], fields[5],
           g_ascii_strtod (fields[6], NULL) / (1024 * 1024));
  *cpu = g_ascii_strtod (fields[3], NULL);
  *peak = atol (fields[5]);
  floor = bench_run_phase (self, "floor", db, pdf, lang);
  if (g_strv_length (floor) < 4)
    g_error ("unexpected output of the floor phase");
  floor_cpu = g_ascii_strtod (floor[2], NULL);
  g_print ("  cairo alone, writing the same pages recorded: %s s, CPU %s s, %.1f MB; "
           "report/cairo CPU %.2fx\n", floor[1], floor[2],
           g_ascii_strtod (floor[3], NULL) / (1024 * 1024), floor_cpu > 0 ? *cpu / floor_cpu : 0);
  g_unlink (db);
  g_unlink (pdf);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *phase = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *lang = NULL;
  int n_big = 1000, n_small = 100;
  const GOptionEntry entries[] = {
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_big, "Projects of the large call", "N" },
    { "small", 0, 0, G_OPTION_ARG_INT, &n_small, "Projects of the small call", "N" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "th or en (th)", "LANG" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Working directory", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  double cpu_small, cpu_big;
  long peak_small, peak_big;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (phase != NULL)
    {
      if (g_str_equal (phase, "setup") && argc >= 3)
        return phase_setup (argv[1], (guint) atoi (argv[2]));
      if (g_str_equal (phase, "report") && argc >= 4)
        return phase_report (argv[1], argv[2], argv[3]);
      if (g_str_equal (phase, "floor") && argc >= 4)
        return phase_floor (argv[1], argv[2], argv[3]);
      g_error ("unknown phase %s", phase);
    }

  if (n_small < 1 || n_big < 1)
    g_error ("--projects and --small must be positive");
  if (lang == NULL)
    lang = g_strdup ("th");
  if (dir == NULL)
    {
      tmp = g_dir_make_tmp ("nawat-bench-report-XXXXXX", &error);
      if (tmp == NULL)
        g_error ("%s", error->message);
    }

  g_print ("# portfolio PDF (%s), generated calls, 6 evaluators\n", lang);
  bench_print_load ("at the start");
  bench_size (argv[0], dir != NULL ? dir : tmp, (guint) n_small, lang, &cpu_small, &peak_small);
  bench_size (argv[0], dir != NULL ? dir : tmp, (guint) n_big, lang, &cpu_big, &peak_big);
  g_print ("# CPU %d/%d projects: %.2fx; peak memory %d/%d projects: %.2fx\n",
           n_big, n_small, cpu_small > 0 ? cpu_big / cpu_small : 0,
           n_big, n_small, peak_small > 0 ? (double) peak_big / peak_small : 0);
  bench_print_load ("at the end");
  if (tmp != NULL)
    g_rmdir (tmp);
  return 0;
}
