/* nawat-window-documents.c: the proposal's files in the window
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-file-chooser.h"
#include "nawat-pdf-view.h"
#include "nawat-store-attachments.h"
#include "nawat-window-private.h"

/* A PDF opens in the viewer beside the scoring form, in a pane the
 * evaluator resizes; when the window is too narrow for both (the leaflet
 * folded), the viewer takes the detail pane and its close button goes
 * back to the form.  Other files are written to the user's cache and
 * opened with the system's application (through the portal in a sandbox).
 * The contents are read, and the reader's place written, off the main
 * thread.
 */

#define PLACE_SAVE_DELAY_MS 500

/* The person at the window is a coordinator of the call shown when the
 * call does not name them among its evaluators: an evaluator scores, a
 * coordinator prepares the call (its files among the rest).
 */
static gboolean
is_coordinator (NawatWindow *self)
{
  const char * const *evaluators;

  if (self->call == NULL || self->store == NULL)
    return FALSE;
  evaluators = nawat_call_get_evaluators (self->call);
  return self->evaluator == NULL || evaluators == NULL
         || !g_strv_contains (evaluators, self->evaluator);
}

static void
update_layout (NawatWindow *self)
{
  gboolean reading = gtk_widget_get_visible (GTK_WIDGET (self->pdf_view));
  int width = gtk_widget_get_width (GTK_WIDGET (self->reading_paned));
  gboolean narrow = adw_leaflet_get_folded (self->leaflet);
  const char *back = reading && narrow ? _("Close Document") : _("Back to the Projects");

  gtk_widget_set_visible (GTK_WIDGET (self->score_form), !reading || !narrow);
  /* Narrow, the header's back button (shown then) closes the document
   * first: one arrow, not the viewer's too
   */
  nawat_pdf_view_set_closable (self->pdf_view, !narrow);
  gtk_widget_set_tooltip_text (self->back_button, back);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, back, -1);
  /* Half each, the form no narrower than it reads well (the paned keeps
   * each side's minimum).  The panes around give their room to the paned
   * after it opens, so the split follows its width until the reader moves
   * the handle.
   */
  if (reading && !narrow && self->reading_split_pending && width > 0)
    {
      self->reading_split_width = width;
      self->setting_split = TRUE;
      gtk_paned_set_position (self->reading_paned, MAX (width / 2, 360));
      self->setting_split = FALSE;
    }
}

static gboolean
layout_idle_cb (gpointer user_data)
{
  NawatWindow *self = user_data;

  self->layout_idle = 0;
  update_layout (self);
  return G_SOURCE_REMOVE;
}

/* The paned is being allocated (its width changed): the panes are
 * arranged after.
 */
static void
on_max_position_cb (NawatWindow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->pdf_view)) && self->layout_idle == 0)
    self->layout_idle = g_idle_add (layout_idle_cb, self);
}

/* The handle moved, not by update_layout () nor by a new width (which
 * moves it too, the allocation keeping each side's minimum): the reader
 * moved it, and the split stays where they put it.
 */
static void
on_position_cb (NawatWindow *self)
{
  if (!self->setting_split
      && gtk_widget_get_width (GTK_WIDGET (self->reading_paned)) == self->reading_split_width)
    self->reading_split_pending = FALSE;
}

/* The place */

typedef struct
{
  NawatStore *store;
  char       *digest;
  guint       page;
  double      zoom;
} Place;

static void
place_free (Place *place)
{
  g_clear_object (&place->store);
  g_free (place->digest);
  g_free (place);
}

static void
save_place_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Place *place = task_data;
  g_autoptr(GError) error = NULL;

  /* Only a convenience: a failure loses the place, nothing else. */
  if (!nawat_store_set_document_place (place->store, place->digest, place->page, place->zoom,
                                       &error))
    g_debug ("Cannot remember the place in %s: %s", place->digest, error->message);
  g_task_return_boolean (task, TRUE);
}

static void
save_place (NawatWindow *self)
{
  g_autoptr(GTask) task = NULL;
  Place *place;

  g_clear_handle_id (&self->place_timeout, g_source_remove);
  if (self->store == NULL || self->pdf_digest == NULL
      || !nawat_pdf_view_get_loaded (self->pdf_view)
      || nawat_pdf_view_get_n_pages (self->pdf_view) == 0)
    return;

  place = g_new0 (Place, 1);
  place->store = g_object_ref (self->store);
  place->digest = g_strdup (self->pdf_digest);
  place->page = nawat_pdf_view_get_page (self->pdf_view);
  place->zoom = nawat_pdf_view_get_zoom (self->pdf_view);
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, place, (GDestroyNotify) place_free);
  g_task_run_in_thread (task, save_place_thread);
}

static gboolean
on_place_timeout_cb (gpointer user_data)
{
  NawatWindow *self = user_data;

  self->place_timeout = 0;
  save_place (self);
  return G_SOURCE_REMOVE;
}

static void
on_place_changed_cb (NawatWindow *self)
{
  g_clear_handle_id (&self->place_timeout, g_source_remove);
  self->place_timeout = g_timeout_add (PLACE_SAVE_DELAY_MS, on_place_timeout_cb, self);
}

static void
close_document (NawatWindow *self)
{
  gboolean had_focus = gtk_widget_get_visible (GTK_WIDGET (self->pdf_view));

  save_place (self);
  g_clear_pointer (&self->pdf_digest, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->pdf_view), FALSE);
  if (self->flap_hidden_for_reading)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  self->flap_hidden_for_reading = FALSE;
  if (self->list_hidden_for_reading)
    gtk_widget_set_visible (self->list_pane, TRUE);
  self->list_hidden_for_reading = FALSE;
  update_layout (self);
  /* Back to the file's row, where the reader opened it */
  if (had_focus && (self->pdf_name == NULL
                    || !nawat_project_page_focus_file (self->project_page, self->pdf_name)))
    nawat_score_form_focus_unscored (self->score_form);
  g_clear_pointer (&self->pdf_name, g_free);
  nawat_pdf_view_clear (self->pdf_view);
}

/* Opening a file */

typedef struct
{
  NawatStore      *store;
  NawatAttachment *attachment;
  gboolean         pdf;
  GBytes          *bytes;
  guint            page;
  double           zoom;
  GFile           *file;
} OpenFile;

static void
open_file_free (OpenFile *open)
{
  g_clear_object (&open->store);
  g_clear_pointer (&open->attachment, nawat_attachment_free);
  g_clear_pointer (&open->bytes, g_bytes_unref);
  g_clear_object (&open->file);
  g_free (open);
}

/* "<cache>/nawat/files/<digest>/<name>": the digest's Base64 made safe
 * for a file name.
 */
static GFile *
cache_file (const NawatAttachment *attachment)
{
  g_autofree char *digest = g_strdup (attachment->digest);
  g_autofree char *path = NULL;

  g_strdelimit (digest, "/+=", '_');
  path = g_build_filename (g_get_user_cache_dir (), "nawat", "files", digest, attachment->name,
                           NULL);
  return g_file_new_for_path (path);
}

/* Damaged contents are forgotten, so that the next sync fetches them
 * again; @error is taken.
 */
static void
return_open_error (GTask    *task,
                   OpenFile *open,
                   GError   *error)
{
  if (g_error_matches (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT))
    nawat_store_forget_attachment (open->store, open->attachment, NULL);
  g_task_return_error (task, error);
}

static void
open_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OpenFile *open = task_data;
  GError *error = NULL;

  if (open->pdf)
    {
      open->bytes = nawat_store_read_attachment (open->store, open->attachment, &error);
      if (open->bytes == NULL)
        {
          return_open_error (task, open, error);
          return;
        }
      open->page = 0;
      open->zoom = 0;
      nawat_store_get_document_place (open->store, open->attachment->digest, &open->page,
                                      &open->zoom);
    }
  else
    {
      g_autoptr(GFile) dir = NULL;
      g_autoptr(GFileInfo) info = NULL;

      open->file = cache_file (open->attachment);
      dir = g_file_get_parent (open->file);
      info = g_file_query_info (open->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info == NULL || g_file_info_get_size (info) != open->attachment->length)
        {
          if ((!g_file_make_directory_with_parents (dir, NULL, &error)
               && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
              || (g_clear_error (&error),
                  !nawat_store_extract_attachment (open->store, open->attachment, open->file,
                                                   &error)))
            {
              return_open_error (task, open, error);
              return;
            }
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NawatWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _nawat_window_add_toast (self, _("No application on this computer opens this file"));
}

static void
on_file_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NawatWindow *self = NAWAT_WINDOW (source);
  OpenFile *open = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is a file's name, then why it cannot be opened */
          message = g_strdup_printf (_("Cannot open %s: %s"), open->attachment->name,
                                     error->message);
          _nawat_window_add_toast (self, message);
        }
      return;
    }

  if (!open->pdf)
    {
      g_autofree char *uri = g_file_get_uri (open->file);

      gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, self->cancellable,
                         on_launched_cb, g_object_ref (self));
      return;
    }

  save_place (self);
  /* The calls' sidebar and the list give their room to the document and
   * the form side by side, until it closes
   */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->pdf_view)) && !adw_flap_get_folded (self->flap)
      && adw_flap_get_reveal_flap (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      self->flap_hidden_for_reading = TRUE;
    }
  if (!gtk_widget_get_visible (GTK_WIDGET (self->pdf_view)) && !adw_leaflet_get_folded (self->leaflet)
      && gtk_widget_get_visible (self->list_pane))
    {
      gtk_widget_set_visible (self->list_pane, FALSE);
      self->list_hidden_for_reading = TRUE;
    }
  g_free (self->pdf_digest);
  self->pdf_digest = g_strdup (open->attachment->digest);
  g_free (self->pdf_name);
  self->pdf_name = g_strdup (open->attachment->name);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->pdf_view)))
    {
      self->reading_split_pending = TRUE;
      self->reading_split_width = -1;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pdf_view), TRUE);
  nawat_pdf_view_set_can_copy_to_comment (self->pdf_view,
                                          nawat_score_form_get_editable (self->score_form));
  nawat_pdf_view_load (self->pdf_view, open->bytes, open->attachment->name, open->page,
                       open->zoom);
  update_layout (self);
  nawat_pdf_view_focus_pages (self->pdf_view);
}

static void
on_open_file_cb (NawatWindow *self,
                 const char  *name)
{
  g_autoptr(GTask) task = NULL;
  const NawatAttachment *attachment;
  OpenFile *open;

  if (self->project == NULL || self->store == NULL)
    return;
  attachment = nawat_project_get_attachment (self->project, name);
  if (attachment == NULL)
    return;
  if (!nawat_store_holds_attachment (self->store, attachment))
    {
      _nawat_window_add_toast (self, _("Not downloaded yet: sync to get it"));
      return;
    }

  open = g_new0 (OpenFile, 1);
  open->store = g_object_ref (self->store);
  open->attachment = nawat_attachment_copy (attachment);
  open->pdf = g_strcmp0 (attachment->content_type, "application/pdf") == 0;
  task = g_task_new (self, self->cancellable, on_file_read_cb, NULL);
  g_task_set_task_data (task, open, (GDestroyNotify) open_file_free);
  g_task_run_in_thread (task, open_file_thread);
}

static void
on_copy_to_comment_cb (NawatWindow *self,
                       const char  *text)
{
  if (!nawat_score_form_append_comment (self->score_form, text))
    _nawat_window_add_toast (self, _("This evaluation cannot be changed"));
  else
    _nawat_window_add_toast (self, _("Added to the overall comment"));
}

/* Attaching */

typedef struct
{
  NawatStore *store;
  char       *project_id;
  GPtrArray  *files;
} Attach;

static void
attach_free (Attach *attach)
{
  g_clear_object (&attach->store);
  g_free (attach->project_id);
  g_clear_pointer (&attach->files, g_ptr_array_unref);
  g_free (attach);
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Attach *attach = task_data;
  g_autoptr(NawatProject) project = NULL;
  GError *error = NULL;

  project = nawat_store_attach_files (attach->store, attach->project_id, attach->files, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_attached_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  NawatWindow *self = NAWAT_WINDOW (source);
  Attach *attach = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->attaching = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why, e.g. a file over the limit */
      message = g_strdup_printf (_("Cannot attach the files: %s"), error->message);
      _nawat_window_add_toast (self, message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file attached",
                                          "%u files attached", attach->files->len),
                             attach->files->len);
  _nawat_window_add_toast (self, message);
  if (self->project != NULL
      && g_strcmp0 (attach->project_id, nawat_document_get_id (NAWAT_DOCUMENT (self->project))) == 0)
    _nawat_window_open_project_again (self);
}

static void
attach_files (NawatWindow *self,
              GPtrArray   *files)
{
  g_autoptr(GTask) task = NULL;
  Attach *attach;

  if (!is_coordinator (self) || self->project == NULL || files == NULL || files->len == 0)
    return;
  if (self->attaching)
    {
      _nawat_window_add_toast (self, _("Files are being attached: try again once they are"));
      return;
    }

  attach = g_new0 (Attach, 1);
  attach->store = g_object_ref (self->store);
  attach->project_id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (self->project)));
  attach->files = g_ptr_array_ref (files);
  self->attaching = TRUE;
  task = g_task_new (self, self->cancellable, on_attached_cb, NULL);
  g_task_set_task_data (task, attach, (GDestroyNotify) attach_free);
  g_task_run_in_thread (task, attach_thread);
}

static void
on_files_dropped_cb (NawatWindow *self,
                     GPtrArray   *files)
{
  attach_files (self, files);
}

static void
on_files_chosen (GPtrArray *files,
                 gpointer   user_data)
{
  attach_files (user_data, files);
}

static void
attach_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (!is_coordinator (self) || self->project == NULL)
    return;
  nawat_file_chooser_run_multiple (GTK_WINDOW (self), _("Attach Files to the Proposal"),
                                   _("_Attach"), on_files_chosen, g_object_ref (self),
                                   g_object_unref);
}

/* For the window */

gboolean
_nawat_window_close_covering_document (NawatWindow *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->pdf_view))
      || !adw_leaflet_get_folded (self->leaflet))
    return FALSE;
  close_document (self);
  return TRUE;
}

/* Alt+Left (or the Back key) in the document: the folded leaflet, which
 * takes these keys for itself, would show the list, the document still
 * open; the document closes first.
 */
static gboolean
back_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return _nawat_window_close_covering_document (user_data);
}

void
_nawat_window_setup_documents (NawatWindow *self)
{
  GtkEventController *back;

  self->reading_paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_widget_set_vexpand (GTK_WIDGET (self->reading_paned), TRUE);
  gtk_paned_set_wide_handle (self->reading_paned, TRUE);
  /* Its handle is a Tab stop: a screen reader says what it divides */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reading_paned),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scoring and the proposal’s document"), -1);
  gtk_paned_set_shrink_start_child (self->reading_paned, FALSE);
  gtk_paned_set_shrink_end_child (self->reading_paned, FALSE);
  gtk_paned_set_start_child (self->reading_paned, GTK_WIDGET (self->score_form));
  self->pdf_view = NAWAT_PDF_VIEW (nawat_pdf_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->pdf_view), 300, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->pdf_view), FALSE);
  gtk_paned_set_end_child (self->reading_paned, GTK_WIDGET (self->pdf_view));
  gtk_box_append (self->detail_box, GTK_WIDGET (self->reading_paned));

  g_signal_connect_object (self->project_page, "open-file", G_CALLBACK (on_open_file_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project_page, "files-dropped",
                           G_CALLBACK (on_files_dropped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pdf_view, "close", G_CALLBACK (close_document), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pdf_view, "place-changed", G_CALLBACK (on_place_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pdf_view, "copy-to-comment",
                           G_CALLBACK (on_copy_to_comment_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_layout), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reading_paned, "notify::max-position",
                           G_CALLBACK (on_max_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reading_paned, "notify::position",
                           G_CALLBACK (on_position_cb), self, G_CONNECT_SWAPPED);
  back = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (back),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Left|Back"),
                                                          gtk_callback_action_new (back_shortcut_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->reading_paned), back);
}

void
_nawat_window_bind_documents_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.attach-files", NULL, attach_files_action);
}

/* A project is shown: its files, and the document open stays only if it
 * is one of them.
 */
void
_nawat_window_update_documents (NawatWindow *self)
{
  gboolean kept = FALSE;
  GPtrArray *attachments;

  nawat_project_page_set_store (self->project_page, self->store);
  nawat_project_page_set_can_attach (self->project_page, is_coordinator (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.attach-files", is_coordinator (self));

  attachments = self->project != NULL ? nawat_project_get_attachments (self->project) : NULL;
  for (guint i = 0; self->pdf_digest != NULL && attachments != NULL && i < attachments->len; i++)
    if (g_strcmp0 (((NawatAttachment *) attachments->pdata[i])->digest, self->pdf_digest) == 0)
      kept = TRUE;
  if (self->pdf_digest != NULL && !kept)
    close_document (self);
  if (kept)
    nawat_pdf_view_set_can_copy_to_comment (self->pdf_view,
                                            nawat_score_form_get_editable (self->score_form));
}

/* The place is written now: the window goes away. */
void
_nawat_window_dispose_documents (NawatWindow *self)
{
  if (self->pdf_view != NULL)
    save_place (self);
  g_clear_handle_id (&self->place_timeout, g_source_remove);
  g_clear_handle_id (&self->layout_idle, g_source_remove);
  g_clear_pointer (&self->pdf_digest, g_free);
  g_clear_pointer (&self->pdf_name, g_free);
}

GtkWidget *
nawat_window_get_pdf_view (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->pdf_view);
}
