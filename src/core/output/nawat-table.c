/* nawat-table.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-table.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

struct _NawatTable
{
  GOutputStream *output;
  GCancellable  *cancellable;
  /* CSV: the rows not yet written */
  GString       *buffer;
  guint          column;

  /* XLSX: the workbook, written to a temporary file copied to @output
   * once complete (libxlsxwriter writes a file by its name)
   */
  char          *path;
  lxw_workbook  *workbook;
  lxw_worksheet *sheet;
  lxw_format    *header;
  lxw_format    *money;
  lxw_format    *score;
  lxw_row_t      row;
  /* the first failure, reported when the workbook is closed */
  lxw_error      error;
};

/* What nawat_table_append_number() writes, without printf, for a number
 * whose rounding to four decimals is beyond doubt (the scaled value is
 * below 10⁹ and not within a millionth of a half): FALSE, with nothing
 * written, for any other.
 */
static gboolean
append_short_number (GString *s,
                     double   value)
{
  double scaled = fabs (value) * 10000;
  double rounded;
  gint64 digits;
  char buf[32];
  char *p = buf + sizeof buf;
  int decimals = 4;

  if (!(scaled < 1e9))
    return FALSE;
  rounded = floor (scaled + 0.5);
  if (fabs (fabs (scaled - floor (scaled)) - 0.5) < 1e-6)
    return FALSE;
  digits = (gint64) rounded;
  /* The decimals, less the zeros they end with. */
  while (decimals > 0 && digits % 10 == 0)
    {
      digits /= 10;
      decimals--;
    }
  do
    {
      *--p = '0' + digits % 10;
      digits /= 10;
      if (--decimals == 0)
        *--p = '.';
    }
  while (digits > 0 || decimals >= 0);
  if (value < 0 && rounded > 0)
    *--p = '-';
  g_string_append_len (s, p, buf + sizeof buf - p);
  return TRUE;
}

void
nawat_table_append_number (GString *s,
                           double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_return_if_fail (s != NULL);

  if (append_short_number (s, value))
    return;
  g_ascii_formatd (buf, sizeof buf, "%.4f", value);
  if (strchr (buf, '.') != NULL)
    {
      end = buf + strlen (buf) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_equal (buf, "-0"))
    g_strlcpy (buf, "0", sizeof buf);
  g_string_append (s, buf);
}

gboolean
nawat_table_format_from_path (const char       *path,
                              NawatTableFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx"))
    *format = NAWAT_TABLE_XLSX;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = NAWAT_TABLE_CSV;
  else
    return FALSE;
  return TRUE;
}

static gboolean
open_workbook (NawatTable  *self,
               const char  *sheet_name,
               GError     **error)
{
  lxw_workbook_options options = {
    /* rows go to the file as they are written */
    .constant_memory = LXW_TRUE,
    .tmpdir = (char *) g_get_tmp_dir (),
  };
  /* A sheet's name has at most 31 characters. */
  g_autofree char *name = g_utf8_substring (sheet_name, 0, MIN (g_utf8_strlen (sheet_name, -1), 31));
  int fd;

  fd = g_file_open_tmp ("nawat-table-XXXXXX.xlsx", &self->path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);

  self->workbook = workbook_new_opt (self->path, &options);
  if (self->workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot make the workbook"));
      return FALSE;
    }
  self->sheet = workbook_add_worksheet (self->workbook, name);
  if (self->sheet == NULL)
    self->sheet = workbook_add_worksheet (self->workbook, NULL);
  self->header = workbook_add_format (self->workbook);
  format_set_bold (self->header);
  self->money = workbook_add_format (self->workbook);
  format_set_num_format (self->money, "#,##0");
  self->score = workbook_add_format (self->workbook);
  format_set_num_format (self->score, "0.00");
  worksheet_freeze_panes (self->sheet, 1, 0);
  return TRUE;
}

NawatTable *
nawat_table_new (NawatTableFormat   format,
                 const char        *sheet_name,
                 GOutputStream     *output,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(NawatTable) self = NULL;

  g_return_val_if_fail (sheet_name != NULL, NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (NawatTable, 1);
  self->output = g_object_ref (output);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  if (format == NAWAT_TABLE_CSV)
    self->buffer = g_string_sized_new (80 * 1024);
  else if (!open_workbook (self, sheet_name, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
nawat_table_free (NawatTable *self)
{
  if (self == NULL)
    return;
  if (self->workbook != NULL)
    workbook_close (g_steal_pointer (&self->workbook));
  if (self->path != NULL)
    g_unlink (self->path);
  g_free (self->path);
  if (self->buffer != NULL)
    g_string_free (self->buffer, TRUE);
  g_clear_object (&self->output);
  g_clear_object (&self->cancellable);
  g_free (self);
}

/* Appends a text cell.  A spreadsheet runs a cell that starts with one of
 * these as a formula (=HYPERLINK(…), or a command through DDE): as OWASP
 * recommends, such a cell gets a leading ' and is read as text.  Numbers
 * never come through here (nawat_table_append_number()), so a numeric
 * column stays numeric, negative numbers included.
 */
static void
append_csv_field (GString    *s,
                  const char *value)
{
  gboolean formula;

  if (value == NULL)
    return;
  formula = *value != '\0' && strchr ("=+-@\t\r", *value) != NULL;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      if (formula)
        g_string_append_c (s, '\'');
      g_string_append (s, value);
      return;
    }
  g_string_append_c (s, '"');
  if (formula)
    g_string_append_c (s, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/* An XLSX cell holds its type (a number, a boolean, text), never a
 * formula: its text needs no leading '.
 */
static void
check (NawatTable *self,
       lxw_error   error)
{
  if (self->error == LXW_NO_ERROR)
    self->error = error;
}

static void
separate (NawatTable *self)
{
  if (self->buffer != NULL && self->column > 0)
    g_string_append_c (self->buffer, ',');
}

void
nawat_table_text (NawatTable *self,
                  const char *value)
{
  g_return_if_fail (self != NULL);

  separate (self);
  if (self->buffer != NULL)
    append_csv_field (self->buffer, value);
  else if (value != NULL && *value != '\0')
    check (self, worksheet_write_string (self->sheet, self->row, self->column, value, NULL));
  self->column++;
}

/* A width for the column @name, in characters: the titles wide, the
 * others their header's width within bounds.
 */
static double
column_width (const char *name)
{
  if (g_str_has_prefix (name, "title_"))
    return 40;
  if (g_str_equal (name, "project_id"))
    return 24;
  return CLAMP (strlen (name) + 2, 10, 24);
}

void
nawat_table_header (NawatTable *self,
                    const char *name,
                    double      width)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  separate (self);
  if (self->buffer != NULL)
    append_csv_field (self->buffer, name);
  else
    {
      check (self, worksheet_write_string (self->sheet, self->row, self->column, name,
                                           self->header));
      check (self, worksheet_set_column (self->sheet, self->column, self->column,
                                         width > 0 ? width : column_width (name), NULL));
    }
  self->column++;
}

void
nawat_table_number (NawatTable       *self,
                    double            value,
                    NawatTableNumber  format)
{
  lxw_format *formats[] = { NULL, NULL, NULL };

  g_return_if_fail (self != NULL);

  separate (self);
  if (self->buffer != NULL && !isnan (value))
    nawat_table_append_number (self->buffer, value);
  else if (self->buffer == NULL && !isnan (value))
    {
      formats[NAWAT_TABLE_NUMBER_MONEY] = self->money;
      formats[NAWAT_TABLE_NUMBER_SCORE] = self->score;
      check (self, worksheet_write_number (self->sheet, self->row, self->column, value,
                                           formats[format]));
    }
  self->column++;
}

void
nawat_table_boolean (NawatTable *self,
                     gboolean    value)
{
  g_return_if_fail (self != NULL);

  separate (self);
  if (self->buffer != NULL)
    g_string_append (self->buffer, value ? "true" : "false");
  else
    check (self, worksheet_write_boolean (self->sheet, self->row, self->column, value, NULL));
  self->column++;
}

void
nawat_table_end_row (NawatTable *self)
{
  g_return_if_fail (self != NULL);

  if (self->buffer != NULL)
    g_string_append (self->buffer, "\r\n");
  else
    self->row++;
  self->column = 0;
}

gboolean
nawat_table_flush (NawatTable  *self,
                   gsize        threshold,
                   GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->buffer == NULL || self->buffer->len == 0 || self->buffer->len < threshold)
    return TRUE;
  if (!g_output_stream_write_all (self->output, self->buffer->str, self->buffer->len,
                                  NULL, self->cancellable, error))
    return FALSE;
  g_string_truncate (self->buffer, 0);
  return TRUE;
}

/* Closes the workbook, which writes its file, and copies the file. */
static gboolean
close_workbook (NawatTable  *self,
                GError     **error)
{
  lxw_error status = workbook_close (g_steal_pointer (&self->workbook));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;

  check (self, status);
  if (self->error != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the workbook: %s"),
                   lxw_strerror (self->error));
      return FALSE;
    }
  file = g_file_new_for_path (self->path);
  input = g_file_read (file, self->cancellable, error);
  return input != NULL &&
         g_output_stream_splice (self->output, G_INPUT_STREAM (input),
                                 G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                 self->cancellable, error) >= 0;
}

gboolean
nawat_table_close (NawatTable  *self,
                   GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->buffer != NULL ? !nawat_table_flush (self, 0, error) : !close_workbook (self, error))
    return FALSE;
  return g_output_stream_flush (self->output, self->cancellable, error);
}
