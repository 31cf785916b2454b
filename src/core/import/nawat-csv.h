/* nawat-csv.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NAWAT_CSV_ERROR (nawat_csv_error_quark ())

typedef enum
{
  /* neither UTF-8 nor TIS-620 / Windows-874 */
  NAWAT_CSV_ERROR_ENCODING,
  /* not RFC 4180: an unterminated quote, text after a closing quote, NUL */
  NAWAT_CSV_ERROR_MALFORMED,
} NawatCsvError;

typedef enum
{
  NAWAT_CSV_ENCODING_UTF8,
  /* TIS-620 or its superset Windows-874, read as Windows-874 */
  NAWAT_CSV_ENCODING_TIS620,
} NawatCsvEncoding;

GQuark     nawat_csv_error_quark (void);

/* Reads RFC 4180 text (fields quoted or not, "" for a quote inside a quoted
 * field, newlines inside quoted fields, lines ending in CRLF or LF) in
 * UTF-8, with or without a byte order mark, or in TIS-620 / Windows-874,
 * which is converted to UTF-8.  Returns the rows in order (GStrv, each as
 * long as the line had fields; the header first); blank lines are left
 * out.  @encoding (may be NULL) receives the encoding found.  Messages of
 * errors name the line.
 */
GPtrArray *nawat_csv_parse       (const char        *data,
                                  gsize              length,
                                  NawatCsvEncoding  *encoding,
                                  GError           **error);
GPtrArray *nawat_csv_read_file   (const char        *path,
                                  NawatCsvEncoding  *encoding,
                                  GError           **error);
/* Appends @cells as one RFC 4180 line ending in CRLF to @out, quoting the
 * fields that need it.
 */
void       nawat_csv_append_row  (GString           *out,
                                  const char * const *cells);

G_END_DECLS
