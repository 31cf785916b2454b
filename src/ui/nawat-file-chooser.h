/* nawat-file-chooser.h: asking for a file to open or to save to
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*NawatFileChosenFunc) (GFile    *file,
                                     gpointer  user_data);

/* A filter named @name for files of @mime_type or whose names match
 * @pattern ("*.json").
 */
GtkFileFilter *nawat_file_filter_new (const char           *name,
                                      const char           *mime_type,
                                      const char           *pattern);
/* Asks for a file, modal on @parent, with a GtkFileChooserNative (the
 * portal's chooser in a sandbox): one to open when @action is
 * GTK_FILE_CHOOSER_ACTION_OPEN, where to save one, proposed as
 * @current_name (or none), when it is GTK_FILE_CHOOSER_ACTION_SAVE.
 * @filter, when given, is the one filter offered.  @func is called with
 * the file once one is chosen, and not at all otherwise; @destroy frees
 * @user_data either way.
 */
void           nawat_file_chooser_run (GtkWindow            *parent,
                                       const char           *title,
                                       GtkFileChooserAction  action,
                                       const char           *accept_label,
                                       const char           *current_name,
                                       GtkFileFilter        *filter,
                                       NawatFileChosenFunc   func,
                                       gpointer              user_data,
                                       GDestroyNotify        destroy);

typedef void (*NawatFilesChosenFunc) (GPtrArray *files,
                                      gpointer   user_data);

/* Asks for one file or more to open, as nawat_file_chooser_run () does:
 * @func gets them (GFile) once chosen.
 */
void           nawat_file_chooser_run_multiple (GtkWindow            *parent,
                                                const char           *title,
                                                const char           *accept_label,
                                                NawatFilesChosenFunc  func,
                                                gpointer              user_data,
                                                GDestroyNotify        destroy);

G_END_DECLS
