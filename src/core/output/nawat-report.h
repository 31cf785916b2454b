/* nawat-report.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "nawat-stats.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* The printed reports (DESIGN.md, "Reports"): the per-project report and
 * the portfolio report of a call, laid out in pages with cairo and pango.
 * The same renderer writes a PDF (nawat_report_write_pdf) and draws the
 * pages of a GtkPrintOperation (nawat_report_render_page), so a printed
 * report and an exported one are the same.
 *
 * Text from proposals and evaluations is data: it is never parsed as
 * pango markup.  Reports use the font families of
 * nawat_report_get_font_family() ("Noto Sans Thai, Noto Sans") so that a
 * report looks the same on every machine, and their own pango font map,
 * so a report can be prepared and rendered in a worker thread.
 *
 * Memory does not grow with the pages: the first pass measures every page
 * and keeps only where each page starts; a page is drawn from the store
 * when it is rendered.
 */

#define NAWAT_REPORT_ERROR (nawat_report_error_quark ())

typedef enum
{
  NAWAT_REPORT_ERROR_NOT_FOUND,
  NAWAT_REPORT_ERROR_INVALID,
  NAWAT_REPORT_ERROR_FAILED,
} NawatReportError;

typedef enum
{
  /* one project: its facts, charts, every score and comment */
  NAWAT_REPORT_PROJECT,
  /* a whole call: summary, contents, ranking, disagreements, agreement,
   * coverage, progress, then one page or more per project
   */
  NAWAT_REPORT_PORTFOLIO,
} NawatReportKind;

/* ISO 216 A4, in points: the page size of the layout. */
#define NAWAT_REPORT_A4_WIDTH  595.2756
#define NAWAT_REPORT_A4_HEIGHT 841.8898

#define NAWAT_TYPE_REPORT (nawat_report_get_type ())

G_DECLARE_FINAL_TYPE (NawatReport, nawat_report, NAWAT, REPORT, GObject)

GQuark       nawat_report_error_quark       (void);

/* A report of @call_id (the short id, "c1").  @project_id (the document
 * id "project:<call>:<code>") is required for NAWAT_REPORT_PROJECT and
 * ignored otherwise.  @language: "th" or "en" (anything else is English).
 * @evaluator: NULL for the coordinator's view (every evaluator side by
 * side, with the statistics), or an evaluator's name for that evaluator's
 * own view (only their own scores and comments, no statistics; only the
 * per-project report).  Cheap: nothing is read before
 * nawat_report_prepare().
 */
NawatReport *nawat_report_new               (NawatStore       *store,
                                             const char       *call_id,
                                             NawatReportKind   kind,
                                             const char       *project_id,
                                             const char       *language,
                                             const char       *evaluator);

/* The date printed in the running header; the default is the time of
 * nawat_report_prepare(), or $SOURCE_DATE_EPOCH when set.
 */
void         nawat_report_set_date          (NawatReport      *self,
                                             GDateTime        *date);

/* How the statistics aggregate (nawat_call_stats_compute_full()); the
 * report says so when each evaluation weighs its evaluator's confidence.
 * The default is NAWAT_STATS_FLAGS_NONE.
 */
void         nawat_report_set_stats_flags   (NawatReport      *self,
                                             NawatStatsFlags   flags);

/* Reads the call and lays out every page once (the first pass), so that
 * the number of pages and the table of contents are known.  Blocking: in
 * the UI, run it in a thread (GtkPrintOperation::begin-print or a GTask).
 * Calling it again lays out again, from the store as it is now.
 */
gboolean     nawat_report_prepare           (NawatReport      *self,
                                             GCancellable     *cancellable,
                                             GError          **error);

/* The number of pages; 0 before nawat_report_prepare(). */
guint        nawat_report_get_n_pages       (NawatReport      *self);

/* The first page (0-based) of @project_id in the report, or -1. */
int          nawat_report_get_project_page  (NawatReport      *self,
                                             const char       *project_id);

/* Draws page @page (0-based) of a prepared report on @cr, whose user
 * space is in points with the page at (0, 0) and @width_pt × @height_pt
 * (GtkPrintOperation with GTK_UNIT_POINTS: gtk_print_context_get_width
 * and _get_height).  The A4 layout is scaled down uniformly and centred
 * when the page is smaller.  Does not call cairo_show_page().  A failure
 * to read the store is drawn on the page.
 */
void         nawat_report_render_page       (NawatReport      *self,
                                             cairo_t          *cr,
                                             guint             page,
                                             double            width_pt,
                                             double            height_pt);

/* Writes the whole report as an A4 PDF with embedded fonts, page by page
 * (preparing it first when needed).  write_pdf replaces @path only when
 * the report is complete.
 */
gboolean     nawat_report_write_pdf         (NawatReport      *self,
                                             const char       *path,
                                             GCancellable     *cancellable,
                                             GError          **error);
gboolean     nawat_report_write_pdf_stream  (NawatReport      *self,
                                             GOutputStream    *output,
                                             GCancellable     *cancellable,
                                             GError          **error);

/* The pango font family list of every report. */
const char  *nawat_report_get_font_family   (void);

G_END_DECLS
