/* nawat-report-pdf.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-report-private.h"

#include "nawat-file-output.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

/* PDF */

/* Heap memory that glibc keeps when it is freed at the top of the heap,
 * rather than giving it back to the system at once.
 */
#define TRIM_THRESHOLD (8 * 1024 * 1024)

/* cairo compresses each page with a zlib stream of its own: some 270 KiB
 * allocated at the top of the heap and freed at the page's end.  With
 * glibc's default threshold of 128 KiB every page then gave that memory
 * back to the system and faulted it in again, which cost more than
 * compressing the page.  The threshold is raised once for the process;
 * the memory is given back when the PDF is written.
 */
static void
pdf_keep_heap (void)
{
#ifdef __GLIBC__
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      mallopt (M_TRIM_THRESHOLD, TRIM_THRESHOLD);
      g_once_init_leave (&once, 1);
    }
#endif
}

static void
pdf_release_heap (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

typedef struct
{
  GOutputStream *output;
  GCancellable  *cancellable;
  GError        *error;
} PdfWriter;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfWriter *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (w->output, data, length, NULL, w->cancellable, &w->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  NawatReport *self;
  guint        page;
} Turn;

static void
pdf_turn_page (NawatReportFlow *f,
               gpointer         data)
{
  Turn *turn = data;

  _nawat_report_draw_furniture (turn->self, f->cr, f->page);
  cairo_show_page (f->cr);
}

static void
pdf_add_outline (NawatReport      *self,
                 cairo_surface_t  *surface)
{
  static const NawatWord titles[] = {
      NAWAT_WORD_RANKING, NAWAT_WORD_DISAGREEMENTS, NAWAT_WORD_AGREEMENT, NAWAT_WORD_COVERAGE,
      NAWAT_WORD_PROGRESS };

  if (self->kind != NAWAT_REPORT_PORTFOLIO)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *link = g_strdup_printf ("page=%u",
                                               g_array_index (self->section_pages, guint, SECTION_RANKING + i) + 1);

      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, W (self, titles[i]), link, 0);
    }
  if (self->projects->len > 0)
    {
      g_autofree char *link = g_strdup_printf ("page=%u",
                                               g_array_index (self->section_pages, guint, self->n_fixed) + 1);
      int parent = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, W (self, NAWAT_WORD_PROJECTS),
                                                  link, 0);

      for (guint i = 0; i < self->projects->len; i++)
        {
          const char *id = g_ptr_array_index (self->projects, i);
          g_autofree char *entry = NULL;
          g_autofree char *project_link = NULL;

          g_autofree char *code = NULL;
          g_autofree char *title = _nawat_report_dup_title (self, id, &code);

          if (title != NULL)
            entry = g_strdup_printf ("%s (%s)", title, code);
          project_link = g_strdup_printf ("page=%u",
                                          g_array_index (self->section_pages, guint, self->n_fixed + i) + 1);
          cairo_pdf_surface_add_outline (surface, parent, entry != NULL ? entry : id, project_link, 0);
        }
    }
}

gboolean
nawat_report_write_pdf_stream (NawatReport    *self,
                               GOutputStream  *output,
                               GCancellable   *cancellable,
                               GError        **error)
{
  PdfWriter writer = { output, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  NawatReportFlow f;
  Turn turn = { self, 0 };
  cairo_status_t status;
  gboolean ok;

  g_return_val_if_fail (NAWAT_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (!self->prepared && !nawat_report_prepare (self, cancellable, error))
    return FALSE;

  pdf_keep_heap ();
  surface = cairo_pdf_surface_create_for_stream (pdf_write, &writer, PAGE_W, PAGE_H);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s",
                                              text_get (self, nawat_call_get_title (self->call)),
                                              self->kind == NAWAT_REPORT_PORTFOLIO ?
                                                W (self, NAWAT_WORD_PORTFOLIO_REPORT) : W (self, NAWAT_WORD_PROJECT_REPORT));
    g_autofree char *date = g_date_time_format_iso8601 (self->date);

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Nawat " PACKAGE_VERSION);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  }
  pdf_add_outline (self, surface);
  cr = cairo_create (surface);

  _nawat_flow_init (&f, self);
  f.cr = cr;
  f.target = -1;
  f.cancellable = cancellable;
  f.turn_page = pdf_turn_page;
  f.turn_page_data = &turn;

  _nawat_store_reader_begin (self->reader, NULL);
  for (guint s = 0; s < _nawat_report_n_sections (self) && !f.done && writer.error == NULL; s++)
    _nawat_report_run_section (&f, self, s);
  _nawat_store_reader_commit (self->reader);
  if (!f.done && writer.error == NULL)
    {
      _nawat_report_draw_furniture (self, cr, f.page);
      cairo_show_page (cr);
    }

  ok = f.error == NULL && writer.error == NULL &&
       !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (ok && f.page + 1 != self->n_pages)
    {
      /* the store changed between the passes */
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED,
                   _("The store changed while the report was written; try again"));
      ok = FALSE;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (f.error != NULL)
    g_propagate_error (error, g_steal_pointer (&f.error));
  else if (writer.error != NULL)
    g_propagate_error (error, g_steal_pointer (&writer.error));
  else if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED,
                   _("Cannot write the PDF: %s"), cairo_status_to_string (status));
      ok = FALSE;
    }
  g_clear_error (&writer.error);
  _nawat_flow_clear (&f);
  pdf_release_heap ();
  return ok;
}

gboolean
nawat_report_write_pdf (NawatReport   *self,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(NawatFileOutput) output = NULL;

  g_return_val_if_fail (NAWAT_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->prepared && !nawat_report_prepare (self, cancellable, error))
    return FALSE;
  file = g_file_new_for_path (path);
  /* Written whole or not at all: a failure leaves no file, or the old one. */
  output = nawat_file_output_new (file, cancellable, error);
  if (output == NULL)
    return FALSE;
  return nawat_report_write_pdf_stream (self, nawat_file_output_get_stream (output),
                                        cancellable, error)
         && nawat_file_output_commit (output, cancellable, error);
}
