/* nawat-export-dialog-private.h: what the tests read and drive of the widget
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-export-dialog.h"

G_BEGIN_DECLS

/* The choice shown in the dialog. */
NawatReportKind    nawat_export_dialog_get_kind              (NawatExportDialog  *self);
void               nawat_export_dialog_set_kind              (NawatExportDialog  *self,
                                                              NawatReportKind     kind);
NawatExportFormat  nawat_export_dialog_get_format            (NawatExportDialog  *self);
void               nawat_export_dialog_set_format            (NawatExportDialog  *self,
                                                              NawatExportFormat   format);
/* How the statistics of the portfolio aggregate: the confidence weight
 * when chosen, for a portfolio as PDF or JSON.
 */
NawatStatsFlags    nawat_export_dialog_get_stats_flags       (NawatExportDialog  *self);
/* Whether the current choice can be exported (the "export" response). */
gboolean           nawat_export_dialog_can_export            (NawatExportDialog  *self);
/* The name proposed in the file chooser: "<call>-<code>.pdf",
 * "<call>-portfolio.csv" and so on.
 */
char              *nawat_export_dialog_dup_default_file_name (NawatExportDialog  *self);
/* Tells that the report is in @file, with a button that opens it; returns
 * the toast (NULL when @parent has no toast overlay).
 */
AdwToast          *_nawat_export_dialog_show_exported        (GtkWindow          *parent,
                                                              GFile              *file);

G_END_DECLS
