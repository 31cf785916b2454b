/* nawat-import-dialog-private.h: what the tests read and drive of the dialog
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-import-dialog.h"
#include "nawat-import.h"

G_BEGIN_DECLS

/* Whether the file has been read (or could not be). */
gboolean     nawat_import_dialog_is_loaded       (NawatImportDialog *self);
/* The rows as checked with the mapping shown, or NULL. */
NawatImport *nawat_import_dialog_get_import      (NawatImportDialog *self);
/* Where the skipped rows are written. */
const char  *nawat_import_dialog_get_skipped_path (NawatImportDialog *self);
/* What the "Save Mapping…" and "Load Mapping…" buttons do with the file
 * chosen: save the mapping shown; load one and show it, or show why it
 * cannot be and change nothing.
 */
gboolean     nawat_import_dialog_save_mapping    (NawatImportDialog *self,
                                                  GFile             *file);
gboolean     nawat_import_dialog_load_mapping    (NawatImportDialog *self,
                                                  GFile             *file);
/* What the "Documents Folder…" button does with the folder chosen: its
 * files, named by project code, are checked with the rows and attached
 * with the import.
 */
void         nawat_import_dialog_set_documents   (NawatImportDialog *self,
                                                  GFile             *folder);

G_END_DECLS
