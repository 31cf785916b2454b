/* nawat-xlsx.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NAWAT_XLSX_ERROR (nawat_xlsx_error_quark ())

typedef enum
{
  /* not a zip archive */
  NAWAT_XLSX_ERROR_NOT_ZIP,
  /* a zip archive without a workbook (xl/workbook.xml) */
  NAWAT_XLSX_ERROR_NOT_WORKBOOK,
  /* the sheet asked for, or any sheet, is not there */
  NAWAT_XLSX_ERROR_NO_SHEET,
  /* a part of the workbook is not what Office Open XML says */
  NAWAT_XLSX_ERROR_MALFORMED,
} NawatXlsxError;

GQuark     nawat_xlsx_error_quark (void);

/* The rows of a sheet of the Office Open XML workbook (.xlsx) at @path:
 * the sheet named @sheet_name, or the first one when NULL.  Each row is a
 * GStrv, the first row (the header) first; an empty row in the middle is
 * an empty GStrv, so that row n of the array is row n + 1 of the sheet.
 * A cell holds its text as Excel stores it: shared and inline strings (rich
 * text runs joined), "TRUE"/"FALSE", numbers ("2500000", "0.1"; integers
 * without ".0", others with the digits that give back the same double), a
 * date or time in ISO 8601 when the cell's number format is one
 * ("2024-03-01", "2024-03-01T08:30:00", "08:30:00"), the error's code
 * ("#N/A"); an empty cell before a filled one of the same row is "".
 */
GPtrArray *nawat_xlsx_read_rows   (const char  *path,
                                   const char  *sheet_name,
                                   GError     **error);
/* The names of the sheets of the workbook at @path, in the workbook's
 * order (a workbook without any gives an empty GStrv).
 */
char     **nawat_xlsx_list_sheets (const char  *path,
                                   GError     **error);

G_END_DECLS
