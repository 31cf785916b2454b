/* nawat-import-dialog.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

/* Importing the proposals of a call from a spreadsheet (a CSV or XLSX
 * file): the column mapping guessed from the header row, which the user
 * can change, save to a file and load from one (the file of nawat-cli
 * import --save-mapping and --mapping), the sheet of a workbook that has
 * several, a preview of the first rows as they will be stored, the
 * problems of every invalid row, and the import itself through the core
 * importer (nawat-import.h).  The file, or the sheet chosen, is read in a
 * thread.  The outcome is shown as a toast in the parent's first
 * AdwToastOverlay, and the "imported" signal tells the number of projects
 * stored.
 */

#define NAWAT_TYPE_IMPORT_DIALOG (nawat_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NawatImportDialog, nawat_import_dialog, NAWAT, IMPORT_DIALOG, AdwWindow)

NawatImportDialog *nawat_import_dialog_new        (GtkWindow  *parent,
                                                   NawatStore *store,
                                                   const char *call_id,
                                                   GFile      *file);
typedef void (*NawatImportChosenFunc) (GFile    *file,
                                       gpointer  user_data);

/* Asks for a spreadsheet (GtkFileChooserNative, CSV or XLSX), and calls
 * @func with it when one is chosen.
 */
void               nawat_import_dialog_choose     (GtkWindow             *parent,
                                                   NawatImportChosenFunc  func,
                                                   gpointer               user_data);
/* Whether @file's name is that of a spreadsheet the dialog reads. */
gboolean           nawat_import_dialog_can_read   (GFile      *file);

G_END_DECLS
