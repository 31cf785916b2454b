/* nawat-export-dialog.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-exporter.h"
#include "nawat-report.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* Exporting and printing the reports of a call (DESIGN.md, "Reports"): the
 * PDF of one project or of the portfolio, and the portfolio as CSV or JSON.
 * The work runs in a thread; the result is shown as a toast in the first
 * AdwToastOverlay of the parent window (a dialog when it has none).
 */


#define NAWAT_TYPE_EXPORT_DIALOG (nawat_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NawatExportDialog, nawat_export_dialog, NAWAT, EXPORT_DIALOG, AdwMessageDialog)

/* The dialog where the report (this project or the whole call) and the
 * format are chosen.  @project_id: the open project ("project:<call>:<code>")
 * or NULL.  @language: "th" or "en" (NULL: the locale's).  @evaluator: an
 * evaluator's name for their own view (only their own project report, as
 * PDF), or NULL for the coordinator's view.  Its "export" response asks for
 * a file (GtkFileChooserNative) and runs nawat_export_run_async().
 */
NawatExportDialog *nawat_export_dialog_new                   (GtkWindow          *parent,
                                                              NawatStore         *store,
                                                              const char         *call_id,
                                                              const char         *project_id,
                                                              const char         *language,
                                                              const char         *evaluator);
void               nawat_export_dialog_present               (GtkWindow          *parent,
                                                              NawatStore         *store,
                                                              const char         *call_id,
                                                              const char         *project_id,
                                                              const char         *language,
                                                              const char         *evaluator);

/* A print operation for the prepared @report: A4 by default, in points,
 * one page per page of the report, drawn with nawat_report_render_page().
 */
GtkPrintOperation *nawat_print_operation_new                 (NawatReport        *report);
/* Prepares the report (NAWAT_REPORT_PROJECT when @project_id is given,
 * the portfolio otherwise) in a thread, then shows the print dialog.
 */
void               nawat_print_report                        (GtkWindow          *parent,
                                                              NawatStore         *store,
                                                              const char         *call_id,
                                                              const char         *project_id,
                                                              const char         *language,
                                                              const char         *evaluator);

G_END_DECLS
