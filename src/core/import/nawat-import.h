/* nawat-import.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-import-mapping.h"
#include "nawat-project.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* Why a row cannot be imported. */
typedef struct
{
  /* the row's number in the sheet: the header row is row 1 */
  guint  row;
  /* the column, from 0, or -1 for the row as a whole */
  int    column;
  /* the column's header, or NULL */
  char  *header;
  /* the reason, in the user's language */
  char  *message;
} NawatImportProblem;

#define NAWAT_TYPE_IMPORT (nawat_import_get_type ())

G_DECLARE_FINAL_TYPE (NawatImport, nawat_import, NAWAT, IMPORT, GObject)

/* Proposals of the call @call_id from @rows (GStrv, the header row first,
 * as nawat_csv_parse() or a spreadsheet reader gives them), each column
 * giving the field @mapping names for its header (NULL: guessed).
 */
NawatImport        *nawat_import_new             (const char          *call_id,
                                                  GPtrArray           *rows,
                                                  NawatImportMapping  *mapping);
NawatImportMapping *nawat_import_get_mapping     (NawatImport         *self);
/* Converts every row to a project and checks it, against the other rows
 * and against @store (may be NULL): its codes already stored, the call.
 * Fails only when the rows cannot be read at all (no header row, a field
 * given by two columns, a call the store does not hold); an invalid row
 * is a problem (nawat_import_get_problems()).
 */
gboolean            nawat_import_check           (NawatImport         *self,
                                                  NawatStore          *store,
                                                  GError             **error);
/* The rows below the header, and those with a problem. */
guint               nawat_import_get_n_rows      (NawatImport         *self);
guint               nawat_import_get_n_invalid   (NawatImport         *self);
/* NawatImportProblem, by row then column. */
GPtrArray          *nawat_import_get_problems    (NawatImport         *self);
/* "row 3, “จังหวัด”: …", in the user's language. */
char               *nawat_import_problem_to_string (const NawatImportProblem *problem);
/* The first @n_rows valid rows as they will be stored (NawatProject). */
GPtrArray          *nawat_import_preview         (NawatImport         *self,
                                                  guint                n_rows);
/* Writes the invalid rows to @path as CSV: the header and the cells as
 * they came, and a last column with the reasons, for correction.
 */
gboolean            nawat_import_write_skipped   (NawatImport         *self,
                                                  const char          *path,
                                                  GError             **error);
/* Stores the valid rows' projects in one transaction: all or none.
 * Refuses (NAWAT_IMPORT_ERROR_INVALID_ROWS) and stores nothing while a row
 * is invalid, unless @skip_invalid.
 */
gboolean            nawat_import_store           (NawatImport         *self,
                                                  NawatStore          *store,
                                                  gboolean             skip_invalid,
                                                  guint               *n_imported,
                                                  GError             **error);

/* The folder of the proposals' files, before nawat_import_check(): a file
 * "CODE.ext" and every file of a folder "CODE/" in @dir go to the project
 * of that code (in any case), each under its own name.  The check then
 * checks them as attaching does (readable, names, the limits per file and
 * per call): a refused file makes its project's row invalid, and a file
 * that matches no row is listed (nawat_import_get_unmatched_documents()).
 * nawat_import_store() stores the projects, then attaches their files;
 * it refuses, storing nothing, while a file matches no project, unless
 * it skips invalid rows.
 */
void                nawat_import_set_documents   (NawatImport         *self,
                                                  GFile               *dir);
/* The documents folder's files that match no project, as paths to show. */
GPtrArray          *nawat_import_get_unmatched_documents (NawatImport *self);
/* The files to attach to the valid rows' projects. */
guint               nawat_import_get_n_documents (NawatImport         *self);

/* Called as the files are attached: @n_done of @n_total. */
typedef void      (*NawatImportProgressFunc)     (guint                n_done,
                                                  guint                n_total,
                                                  gpointer             user_data);
/* nawat_import_store() in a thread, so that reading, hashing and writing
 * hundreds of files keeps the caller's main loop free: @progress (may be
 * NULL) is called in the caller's thread-default main context as each
 * project's files are attached, never after @cancellable is cancelled;
 * @progress_notify frees @progress_data when the task is done.  Nothing
 * is stored when @cancellable is cancelled before the projects are; once
 * they are, it stops between two projects' files, leaving the projects
 * stored with the files attached so far (G_IO_ERROR_CANCELLED).  The
 * import is not to be used until @callback is called.
 */
void                nawat_import_store_async     (NawatImport             *self,
                                                  NawatStore              *store,
                                                  gboolean                 skip_invalid,
                                                  NawatImportProgressFunc  progress,
                                                  gpointer                 progress_data,
                                                  GDestroyNotify           progress_notify,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
gboolean            nawat_import_store_finish    (NawatImport             *self,
                                                  GAsyncResult            *result,
                                                  guint                   *n_imported,
                                                  GError                 **error);

G_END_DECLS
