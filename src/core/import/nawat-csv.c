/* nawat-csv.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (nawat-csv-error-quark, nawat_csv_error)

typedef enum
{
  END_FIELD,
  END_LINE,
  END_DATA,
} FieldEnd;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
} Reader;

/* The line (from 1) on which byte @offset of @data lies. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Whether Windows-874 (TIS-620 and the few marks Windows added at
 * 0x80-0x9F) has a character at the byte @c.
 */
static gboolean
is_cp874_byte (guchar c)
{
  return c < 0x80 || c == 0x80 || c == 0x85 || (c >= 0x91 && c <= 0x97) ||
         (c >= 0xA0 && c <= 0xDA) || (c >= 0xDF && c <= 0xFB);
}

/* Windows-874 to UTF-8, or TIS-620 (without Windows' marks at
 * 0x80-0x9F) where iconv does not know Windows-874.
 */
static char *
from_tis620 (const char  *data,
             gsize        length,
             gsize       *out_length,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  text = g_convert (data, length, "UTF-8", "CP874", NULL, out_length, &local_error);
  if (text == NULL && g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    {
      g_clear_error (&local_error);
      text = g_convert (data, length, "UTF-8", "TIS-620", NULL, out_length, &local_error);
    }
  if (text == NULL)
    g_set_error (error, NAWAT_CSV_ERROR, NAWAT_CSV_ERROR_ENCODING,
                 _("the text could not be converted from TIS-620 (Windows-874): %s"),
                 local_error->message);
  return text;
}

/* @data as UTF-8: as it is (without its byte order mark), or converted
 * from TIS-620 / Windows-874 when it is not UTF-8 and every byte is a
 * Thai one there.
 */
static char *
to_utf8 (const char        *data,
         gsize              length,
         NawatCsvEncoding  *encoding,
         gsize             *out_length,
         GError           **error)
{
  gboolean bom = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
  const char *end = NULL;
  const char *nul = memchr (data, '\0', length);

  if (nul != NULL)
    {
      g_set_error (error, NAWAT_CSV_ERROR, NAWAT_CSV_ERROR_MALFORMED,
                   _("line %u: the file holds a NUL character, which no text has"),
                   line_at (data, nul - data));
      return NULL;
    }

  *encoding = NAWAT_CSV_ENCODING_UTF8;
  if (g_utf8_validate_len (data, length, &end))
    {
      if (bom)
        {
          data += 3;
          length -= 3;
        }
      *out_length = length;
      return g_strndup (data, length);
    }

  if (!bom)
    {
      gsize i;

      for (i = 0; i < length; i++)
        if (!is_cp874_byte ((guchar) data[i]))
          break;
      if (i == length)
        {
          *encoding = NAWAT_CSV_ENCODING_TIS620;
          return from_tis620 (data, length, out_length, error);
        }
      end = data + i;
      g_set_error (error, NAWAT_CSV_ERROR, NAWAT_CSV_ERROR_ENCODING,
                   _("line %u: byte 0x%02X is neither UTF-8 nor TIS-620 (Windows-874); "
                     "save the file as CSV UTF-8"),
                   line_at (data, end - data), (guchar) *end);
      return NULL;
    }

  g_set_error (error, NAWAT_CSV_ERROR, NAWAT_CSV_ERROR_ENCODING,
               _("line %u: byte 0x%02X is not valid UTF-8"),
               line_at (data, end - data), (guchar) *end);
  return NULL;
}

static gboolean
read_quoted (Reader   *reader,
             GString  *field,
             GError  **error)
{
  guint opened = reader->line;

  /* past the opening quote */
  reader->pos++;
  while (reader->pos < reader->length)
    {
      char c = reader->data[reader->pos];

      if (c == '"')
        {
          if (reader->pos + 1 < reader->length && reader->data[reader->pos + 1] == '"')
            {
              g_string_append_c (field, '"');
              reader->pos += 2;
              continue;
            }
          reader->pos++;
          return TRUE;
        }

      if (c == '\n')
        reader->line++;
      /* A newline inside a field reads "\n", whatever the line ends were. */
      if (c != '\r' || reader->pos + 1 >= reader->length || reader->data[reader->pos + 1] != '\n')
        g_string_append_c (field, c == '\r' ? '\n' : c);
      reader->pos++;
    }

  g_set_error (error, NAWAT_CSV_ERROR, NAWAT_CSV_ERROR_MALFORMED,
               _("line %u: the quote that opens a field here is never closed"), opened);
  return FALSE;
}

/* Reads one field into @field and what ends it. */
static gboolean
read_field (Reader    *reader,
            GString   *field,
            gboolean  *quoted,
            FieldEnd  *field_end,
            GError   **error)
{
  g_string_truncate (field, 0);
  *quoted = reader->pos < reader->length && reader->data[reader->pos] == '"';

  if (*quoted)
    {
      char next;

      if (!read_quoted (reader, field, error))
        return FALSE;
      next = reader->pos < reader->length ? reader->data[reader->pos] : ',';
      if (next != ',' && next != '\r' && next != '\n')
        {
          g_set_error (error, NAWAT_CSV_ERROR, NAWAT_CSV_ERROR_MALFORMED,
                       _("line %u: text follows the closing quote of a field; a quote "
                         "inside a quoted field is written twice (\"\")"),
                       reader->line);
          return FALSE;
        }
    }

  /* An unquoted field (a quote inside one is taken as it is), or the
   * delimiter after a quoted one.
   */
  while (reader->pos < reader->length)
    {
      char c = reader->data[reader->pos];

      if (c == ',')
        {
          reader->pos++;
          *field_end = END_FIELD;
          return TRUE;
        }
      if (c == '\r' || c == '\n')
        {
          reader->pos += (c == '\r' && reader->pos + 1 < reader->length &&
                          reader->data[reader->pos + 1] == '\n') ? 2 : 1;
          reader->line++;
          *field_end = END_LINE;
          return TRUE;
        }
      g_string_append_c (field, c);
      reader->pos++;
    }

  *field_end = END_DATA;
  return TRUE;
}

static GPtrArray *
parse_utf8 (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  Reader reader = { data, length, 0, 1 };
  guint n_fields = 0;
  gboolean blank = TRUE;

  for (;;)
    {
      FieldEnd field_end;
      gboolean quoted;

      if (!read_field (&reader, field, &quoted, &field_end, error))
        return NULL;

      g_strv_builder_add (row, field->str);
      n_fields++;
      if (field->len > 0 || quoted)
        blank = FALSE;
      if (field_end == END_FIELD)
        continue;

      /* A blank line (one empty field) is no row. */
      if (!blank || n_fields > 1)
        g_ptr_array_add (rows, g_strv_builder_end (row));
      g_clear_pointer (&row, g_strv_builder_unref);
      row = g_strv_builder_new ();
      n_fields = 0;
      blank = TRUE;

      if (field_end == END_DATA)
        break;
    }

  return g_steal_pointer (&rows);
}

GPtrArray *
nawat_csv_parse (const char        *data,
                 gsize              length,
                 NawatCsvEncoding  *encoding,
                 GError           **error)
{
  NawatCsvEncoding found = NAWAT_CSV_ENCODING_UTF8;
  g_autofree char *text = NULL;
  gsize text_length = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = to_utf8 (data != NULL ? data : "", length, &found, &text_length, error);
  if (text == NULL)
    return NULL;
  if (encoding != NULL)
    *encoding = found;

  return parse_utf8 (text, text_length, error);
}

GPtrArray *
nawat_csv_read_file (const char        *path,
                     NawatCsvEncoding  *encoding,
                     GError           **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  return nawat_csv_parse (data, length, encoding, error);
}

void
nawat_csv_append_row (GString            *out,
                      const char * const *cells)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; cells != NULL && cells[i] != NULL; i++)
    {
      const char *cell = cells[i];

      if (i > 0)
        g_string_append_c (out, ',');
      /* A row of one empty cell is quoted, or it would read as a blank line. */
      if (strpbrk (cell, ",\"\r\n") == NULL && (*cell != '\0' || i > 0 || cells[1] != NULL))
        {
          g_string_append (out, cell);
          continue;
        }
      g_string_append_c (out, '"');
      for (const char *p = cell; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}
