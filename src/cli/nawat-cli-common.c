/* nawat-cli-common.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

void
_nawat_cli_print_error (const char *message)
{
  g_printerr ("nawat-cli: %s\n", message);
}

/* Says why the command stops and returns @status, the exit status: a
 * usage error (EXIT_USAGE) also points to the command's --help.
 */
int
_nawat_cli_refuse (int         status,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _nawat_cli_print_error (message);
  if (status == EXIT_USAGE)
    g_printerr (_("Run “%s --help” for the options.\n"), g_get_prgname ());
  return status;
}

/* A refusal for the reason @error gives. */
int
_nawat_cli_refuse_error (const GError *error)
{
  return _nawat_cli_refuse (EXIT_REFUSED, "%s", error->message);
}

/* Parses a command's options, with the command's @summary (or none) and
 * its @entries (or none); FALSE after printing the problem.
 */
gboolean
_nawat_cli_parse_options (GOptionContext      *context,
                          const char          *summary,
                          const GOptionEntry  *entries,
                          int                 *argc,
                          char              ***argv)
{
  g_autoptr(GError) error = NULL;

  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _nawat_cli_print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

NawatStore *
_nawat_cli_open_store (NawatCliGlobals  *globals,
                       GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (globals->store_path != NULL)
    path = g_strdup (globals->store_path);
  else
    path = nawat_store_dup_default_path ("demo");

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  return nawat_store_open (path, error);
}

void
_nawat_cli_output_free (NawatCliOutput *output)
{
  /* A file not committed is left as it was: absent, or its old contents. */
  g_clear_pointer (&output->file, nawat_file_output_free);
  if (output->stream != NULL && !g_output_stream_is_closed (output->stream))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Not even the buffer after a failure. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (output->stream, cancelled, NULL);
    }
  g_clear_object (&output->stream);
  g_free (output);
}

/* An output on @path, or standard output for "-". */
NawatCliOutput *
_nawat_cli_output_open (const char  *path,
                        GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(NawatCliOutput) output = g_new0 (NawatCliOutput, 1);

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      output->stream = g_buffered_output_stream_new_sized (out, 64 * 1024);
      return g_steal_pointer (&output);
    }

  file = g_file_new_for_commandline_arg (path);
  /* A device or a pipe (/dev/null, a FIFO) is written to, not replaced. */
  if (g_file_query_exists (file, NULL) &&
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_SPECIAL)
    {
      g_autoptr(GFileOutputStream) stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);

      if (stream == NULL)
        return NULL;
      output->stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
      return g_steal_pointer (&output);
    }

  output->file = nawat_file_output_new (file, NULL, error);
  if (output->file == NULL)
    return NULL;
  output->stream = g_object_ref (nawat_file_output_get_stream (output->file));
  return g_steal_pointer (&output);
}

/* Finishes a successful write: the file takes its new contents. */
gboolean
_nawat_cli_output_close (NawatCliOutput  *output,
                         GError         **error)
{
  if (output->file != NULL)
    return nawat_file_output_commit (output->file, NULL, error);
  return g_output_stream_close (output->stream, NULL, error);
}

gboolean
_nawat_cli_parse_unsigned (const char *str,
                           guint64     max,
                           guint64    *value)
{
  return str != NULL && g_ascii_string_to_unsigned (str, 10, 0, max, value, NULL);
}

/* An ISO 8601 date and time, UTC unless it says otherwise; NULL if it is
 * not one.
 */
GDateTime *
_nawat_cli_parse_date (const char *str)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (str == NULL || strlen (str) > 64)
    return NULL;
  return g_date_time_new_from_iso8601 (str, utc);
}

char *
_nawat_cli_format_utc (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

