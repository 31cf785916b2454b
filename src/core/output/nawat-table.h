/* nawat-table.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A table written cell by cell, row by row, as RFC 4180 CSV (UTF-8) or as
 * an Office Open XML workbook (.xlsx, libxlsxwriter): the same calls make
 * both, so the two hold the same cells.  In a workbook the header row is
 * bold and frozen, each column as wide as its header says, numbers are
 * numbers and text is text; in CSV a text cell a spreadsheet would run as
 * a formula gets a leading '.
 */

typedef enum
{
  NAWAT_TABLE_CSV,
  NAWAT_TABLE_XLSX,
} NawatTableFormat;

typedef enum
{
  NAWAT_TABLE_NUMBER_PLAIN,
  /* thousands separators (budgets) */
  NAWAT_TABLE_NUMBER_MONEY,
  /* two decimals (composites, completeness) */
  NAWAT_TABLE_NUMBER_SCORE,
} NawatTableNumber;

typedef struct _NawatTable NawatTable;

/* A table writing to @output; a workbook's one sheet is named @sheet_name
 * (at most 31 characters are kept).
 */
NawatTable *nawat_table_new        (NawatTableFormat   format,
                                    const char        *sheet_name,
                                    GOutputStream     *output,
                                    GCancellable      *cancellable,
                                    GError           **error);
void        nawat_table_free       (NawatTable        *self);

/* A header cell: bold in a workbook, its column's width in characters
 * (0: the header's own width, within bounds).
 */
void        nawat_table_header     (NawatTable        *self,
                                    const char        *name,
                                    double             width);
/* A text cell; NULL or "" is an empty cell. */
void        nawat_table_text       (NawatTable        *self,
                                    const char        *value);
/* A number, or an empty cell for NAN. */
void        nawat_table_number     (NawatTable        *self,
                                    double             value,
                                    NawatTableNumber   format);
void        nawat_table_boolean    (NawatTable        *self,
                                    gboolean           value);
void        nawat_table_end_row    (NawatTable        *self);

/* Writes the CSV rows held once they reach @threshold bytes (a workbook
 * goes to its file as it is written).
 */
gboolean    nawat_table_flush      (NawatTable        *self,
                                    gsize              threshold,
                                    GError           **error);
/* Writes what is left (a workbook whole) to the output and flushes it. */
gboolean    nawat_table_close      (NawatTable        *self,
                                    GError           **error);

/* Numbers as the tables and the JSON exports write them: at most four
 * decimals, '.' whatever the locale, no trailing zeros ("75", "0.5").
 */
void        nawat_table_append_number (GString        *s,
                                       double          value);

/* The format a file name's extension says (".xlsx", ".csv", any case);
 * FALSE for another.
 */
gboolean    nawat_table_format_from_path (const char       *path,
                                          NawatTableFormat *format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatTable, nawat_table_free)

G_END_DECLS
