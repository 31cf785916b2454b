/* bench-pdf-view.c: the PDF viewer on a 100-page document
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <poppler.h>

#include "bench-common.h"
#include "nawat-pdf-view.h"
#include "nawat-pdf-view-private.h"
#include "nawat-test-pdf.h"

/* Opens a generated Thai PDF of N_PAGES pages in the viewer, in a window
 * on the display (xvfb-run), and measures:
 *  - the time to the first page on screen (its rendering drawn in a
 *    frame), beside the same page opened and rendered by poppler alone
 *    on the main thread: their ratio is what the worker and the widgets
 *    cost;
 *  - the longest the main loop went without running (a 2 ms timer's
 *    lateness) while the viewer paged through every page, each waited
 *    for until drawn, and rendered every thumbnail;
 *  - beside it, the most processor time the main thread itself spent
 *    between two ticks: on a loaded machine the lateness includes the
 *    time the thread waited for a processor, this does not.
 * Wall and processor times, and the load average.
 */

#define N_PAGES 100
#define TICK_MS 2

static double last_tick;
static double last_tick_cpu;
static double longest_gap;
static double longest_work;

static gboolean
tick_cb (gpointer data)
{
  double t = now ();
  double cpu = thread_cpu_seconds ();

  if (last_tick > 0)
    {
      longest_gap = MAX (longest_gap, t - last_tick - TICK_MS / 1000.0);
      longest_work = MAX (longest_work, cpu - last_tick_cpu);
    }
  last_tick = t;
  last_tick_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static double
direct_first_page (GBytes *bytes)
{
  double start = now ();
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &error);
  PopplerPage *page = poppler_document_get_page (document, 0);
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * 1.2),
                                        (int) (height * 1.2));
  cr = cairo_create (surface);
  cairo_scale (cr, 1.2, 1.2);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
  return now () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *window;
  NawatPdfView *view;
  double start, cpu, open_wall, open_cpu, direct, page_wall, page_cpu, open_gap, open_work;
  guint tick;

  gtk_init ();
  adw_init ();
  bytes = nawat_test_pdf_new (N_PAGES, "การประเมินโครงการนวัตกรรมสังคม หน้าที่ %u "
                              "ชุมชนบ้านป่าชายเลนอนุรักษ์ทรัพยากรชายฝั่ง", 0);
  g_print ("PDF of %u pages, %zu bytes\n", N_PAGES, g_bytes_get_size (bytes));
  bench_print_load ("at the start");

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1000);
  view = NAWAT_PDF_VIEW (nawat_pdf_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);

  direct = direct_first_page (bytes);

  tick = g_timeout_add (TICK_MS, tick_cb, NULL);
  start = now ();
  cpu = cpu_seconds ();
  nawat_pdf_view_load (view, bytes, "bench.pdf", 0, 0);
  while (nawat_pdf_view_get_page_texture (view, 0) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (window);
  open_wall = now () - start;
  open_cpu = cpu_seconds () - cpu;
  open_gap = longest_gap;
  open_work = longest_work;
  longest_gap = 0;
  longest_work = 0;

  start = now ();
  cpu = cpu_seconds ();
  for (guint i = 1; i < N_PAGES; i++)
    {
      nawat_pdf_view_set_page (view, i);
      while (nawat_pdf_view_get_page_texture (view, i) == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  while (nawat_pdf_view_get_n_thumbnails (view) < N_PAGES)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (window);
  page_wall = now () - start;
  page_cpu = cpu_seconds () - cpu;
  g_source_remove (tick);

  g_print ("first page on screen: %.0f ms wall, %.0f ms processor (all threads); "
           "poppler alone, opening and rendering it: %.0f ms; ratio %.2f; "
           "longest main-loop stall meanwhile %.1f ms, of which the main thread's "
           "own work %.1f ms\n",
           open_wall * 1000, open_cpu * 1000, direct * 1000, open_wall / MAX (direct, 1e-6),
           open_gap * 1000, open_work * 1000);
  g_print ("every page and thumbnail: %.2f s wall, %.2f s processor; "
           "longest main-loop stall %.1f ms, of which the main thread's own work "
           "%.1f ms (target <= 50)\n",
           page_wall, page_cpu, longest_gap * 1000, longest_work * 1000);
  g_print ("cached pages at the end: %u of %u\n", nawat_pdf_view_get_n_cached (view), N_PAGES);
  bench_print_load ("at the end");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
