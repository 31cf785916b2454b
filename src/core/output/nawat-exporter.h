/* nawat-exporter.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-report.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* What the window and nawat-cli export (DESIGN.md, "Reports"): the PDF
 * report of one project or of the portfolio, and the portfolio as CSV or
 * JSON, written by one exporter for both.
 */
typedef enum
{
  NAWAT_EXPORT_FORMAT_PDF,
  /* CSV, JSON and XLSX are the portfolio only (nawat-export.h) */
  NAWAT_EXPORT_FORMAT_CSV,
  NAWAT_EXPORT_FORMAT_JSON,
  NAWAT_EXPORT_FORMAT_XLSX,
} NawatExportFormat;

/* "pdf", "csv", "json", "xlsx": the command line's name and the file's
 * extension.
 */
const char *nawat_export_format_to_string     (NawatExportFormat   format);
gboolean    nawat_export_format_from_string   (const char         *name,
                                               NawatExportFormat  *format);
const char *nawat_export_format_get_mime_type (NawatExportFormat   format);
/* The kind of file, translated ("PDF documents"), for a file chooser. */
const char *nawat_export_format_get_label     (NawatExportFormat   format);

/* @language if given ("th" or anything else: "en"), else the locale's. */
const char *nawat_export_default_language     (const char         *language);

/* Whether this export can be made: a project's report needs @project_id;
 * CSV, JSON and XLSX are the whole call, in the coordinator's view (no
 * @evaluator).  G_IO_ERROR_INVALID_ARGUMENT with the reason otherwise.
 */
gboolean    nawat_export_check                (NawatReportKind     kind,
                                               NawatExportFormat   format,
                                               const char         *project_id,
                                               const char         *evaluator,
                                               GError            **error);

/* One export, as chosen: @project_id for a project's report, @language
 * "th" or "en" (NULL: the locale's), @evaluator for an evaluator's own
 * view (NULL: the coordinator's).
 */
typedef struct
{
  NawatStore        *store;
  char              *call_id;
  NawatReportKind    kind;
  NawatExportFormat  format;
  char              *project_id;
  char              *language;
  char              *evaluator;
  /* how the statistics aggregate; NAWAT_STATS_FLAGS_NONE by default */
  NawatStatsFlags    stats_flags;
} NawatExportRequest;

NawatExportRequest *nawat_export_request_new  (NawatStore               *store,
                                               const char               *call_id,
                                               NawatReportKind           kind,
                                               NawatExportFormat         format,
                                               const char               *project_id,
                                               const char               *language,
                                               const char               *evaluator);
void        nawat_export_request_free         (NawatExportRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatExportRequest, nawat_export_request_free)

/* Writes the export to @output (blocking; the caller's thread).
 * @stats_flags: how the portfolio's statistics aggregate, in the JSON and
 * PDF portfolio (nawat_call_stats_compute_full()).
 */
gboolean    nawat_export_write                (NawatStore         *store,
                                               const char         *call_id,
                                               NawatReportKind     kind,
                                               NawatExportFormat   format,
                                               const char         *project_id,
                                               const char         *language,
                                               const char         *evaluator,
                                               NawatStatsFlags     stats_flags,
                                               GOutputStream      *output,
                                               GCancellable       *cancellable,
                                               GError            **error);

/* Writes the export @request (taken) to @file in a thread, replacing @file
 * only when the export is complete: a failed export leaves an existing
 * file as it was and never makes a new one.
 */
void        nawat_export_run_async            (NawatExportRequest *request,
                                               GFile              *file,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean    nawat_export_run_finish           (GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
