/* nawat-file-chooser.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-file-chooser.h"

#include <glib/gi18n.h>

/* GtkFileDialog is GTK 4.10, newer than the 4.8 the project builds on:
 * the native chooser is what GTK 4.8 has, and it goes through the portal
 * in a sandbox.
 */

typedef struct
{
  NawatFileChosenFunc func;
  gpointer            user_data;
  GDestroyNotify      destroy;
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  if (chooser->destroy != NULL)
    chooser->destroy (chooser->user_data);
  g_free (chooser);
}

GtkFileFilter *
nawat_file_filter_new (const char *name,
                       const char *mime_type,
                       const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

static void
on_response_cb (GtkNativeDialog *native,
                int              response,
                gpointer         user_data)
{
  Chooser *chooser = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        chooser->func (file, chooser->user_data);
    }

  chooser_free (chooser);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
nawat_file_chooser_run (GtkWindow            *parent,
                        const char           *title,
                        GtkFileChooserAction  action,
                        const char           *accept_label,
                        const char           *current_name,
                        GtkFileFilter        *filter,
                        NawatFileChosenFunc   func,
                        gpointer              user_data,
                        GDestroyNotify        destroy)
{
  GtkFileChooserNative *native;
  Chooser *chooser;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  chooser = g_new0 (Chooser, 1);
  chooser->func = func;
  chooser->user_data = user_data;
  chooser->destroy = destroy;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (current_name != NULL && action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), current_name);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (on_response_cb), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct
{
  NawatFilesChosenFunc func;
  gpointer             user_data;
  GDestroyNotify       destroy;
} FilesChooser;

static void
on_files_response_cb (GtkNativeDialog *native,
                      int              response,
                      gpointer         user_data)
{
  FilesChooser *chooser = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (files, g_list_model_get_item (model, i));
      if (files->len > 0)
        chooser->func (files, chooser->user_data);
    }

  if (chooser->destroy != NULL)
    chooser->destroy (chooser->user_data);
  g_free (chooser);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
nawat_file_chooser_run_multiple (GtkWindow            *parent,
                                 const char           *title,
                                 const char           *accept_label,
                                 NawatFilesChosenFunc  func,
                                 gpointer              user_data,
                                 GDestroyNotify        destroy)
{
  GtkFileChooserNative *native;
  FilesChooser *chooser;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  chooser = g_new0 (FilesChooser, 1);
  chooser->func = func;
  chooser->user_data = user_data;
  chooser->destroy = destroy;

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, accept_label,
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_files_response_cb), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
