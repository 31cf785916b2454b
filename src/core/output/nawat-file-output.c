/* nawat-file-output.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-file-output.h"

#include <errno.h>

struct _NawatFileOutput
{
  GFile         *file;
  GFile         *temporary;
  GOutputStream *stream;    /* buffered, over the temporary file's */
  gboolean       committed;
};

/* Names taken by other writers are skipped; this many tries is plenty. */
#define MAX_TRIES 100

NawatFileOutput *
nawat_file_output_new (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parent = g_file_get_parent (file);
  basename = g_file_get_basename (file);
  if (parent == NULL || basename == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           g_strerror (EISDIR));
      return NULL;
    }

  for (guint i = 0; i < MAX_TRIES; i++)
    {
      /* In the same directory, so that the rename stays on one file
       * system; hidden, so that nobody opens it meanwhile.
       */
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
      g_autoptr(GFile) temporary = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GFileOutputStream) stream = NULL;
      NawatFileOutput *self;

      stream = g_file_create (temporary, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      self = g_new0 (NawatFileOutput, 1);
      self->file = g_object_ref (file);
      self->temporary = g_steal_pointer (&temporary);
      self->stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
      return self;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, g_strerror (EEXIST));
  return NULL;
}

GOutputStream *
nawat_file_output_get_stream (NawatFileOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

gboolean
nawat_file_output_commit (NawatFileOutput  *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!g_output_stream_close (self->stream, cancellable, error))
    return FALSE;

  /* A rename: the file changes from its old contents to the new ones at
   * once, as g_file_set_contents() does.
   */
  if (!g_file_move (self->temporary, self->file,
                    G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    cancellable, NULL, NULL, error))
    return FALSE;

  self->committed = TRUE;
  return TRUE;
}

void
nawat_file_output_free (NawatFileOutput *self)
{
  if (self == NULL)
    return;

  if (!self->committed)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Closed without writing out what is buffered, then removed. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (self->stream, cancelled, NULL);
      g_file_delete (self->temporary, NULL, NULL);
    }

  g_clear_object (&self->stream);
  g_clear_object (&self->temporary);
  g_clear_object (&self->file);
  g_free (self);
}
