/* nawat-dashboard-remind.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-dashboard-private.h"
#include "nawat-outstanding.h"

/* The reminder to an evaluator, from the progress list: their outstanding
 * work is read from the store in a worker thread when asked for, then the
 * message goes to the mail client (a "mailto:" URI, through the portal
 * when sandboxed) or to the clipboard.
 */

typedef enum
{
  REMIND_MAIL,
  REMIND_COPY,
} RemindAction;

typedef struct
{
  NawatStore   *store;
  char         *call_id;
  char         *evaluator;
  RemindAction  action;
} RemindData;

static void
remind_data_free (RemindData *data)
{
  g_clear_object (&data->store);
  g_free (data->call_id);
  g_free (data->evaluator);
  g_free (data);
}

static void
remind_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RemindData *data = task_data;
  g_autoptr(GPtrArray) list = NULL;
  GError *error = NULL;

  list = nawat_outstanding_list (data->store, data->call_id, data->evaluator, &error);
  if (list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_ptr_array_steal_index (list, 0),
                         (GDestroyNotify) nawat_outstanding_free);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NawatDashboard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    _nawat_dashboard_add_toast (self, error->message);
}
#endif

static void
open_mail (NawatDashboard *self,
           const char     *uri)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, on_launched_cb,
                           g_object_ref (self));
#else
  /* GTK 4.8 (Debian 12): gtk_show_uri() goes through the OpenURI portal
   * too, but says nothing of a failure.
   */
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
#endif
}

static void
on_outstanding_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (source);
  RemindData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(NawatOutstanding) outstanding = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  outstanding = g_task_propagate_pointer (G_TASK (result), &error);
  if (outstanding == NULL)
    {
      _nawat_dashboard_add_toast (self, error->message);
      return;
    }
  /* The call is the snapshot's: a refresh brings the one the store holds. */
  if (self->snapshot == NULL)
    return;

  subject = nawat_outstanding_dup_subject (self->snapshot->call, outstanding, self->language);
  body = nawat_outstanding_dup_message (self->snapshot->call, outstanding, self->language);
  if (data->action == REMIND_COPY)
    {
      g_autofree char *toast = NULL;

      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), body);
      /* Translators: the evaluator's name */
      toast = g_strdup_printf (_("The reminder to %s is copied"), outstanding->display_name);
      _nawat_dashboard_add_toast (self, toast);
    }
  else
    {
      g_autofree char *uri = nawat_outstanding_dup_mailto (subject, body);

      open_mail (self, uri);
    }
}

static void
remind (GtkWidget    *button,
        RemindAction  action)
{
  NawatDashboard *self = NAWAT_DASHBOARD (gtk_widget_get_root (button));
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GTask) task = NULL;
  RemindData *data;

  data = g_new0 (RemindData, 1);
  data->store = g_object_ref (self->store);
  data->call_id = g_strdup (self->call_id);
  data->evaluator = g_strdup (gtk_widget_get_name (row));
  data->action = action;

  task = g_task_new (self, NULL, on_outstanding_cb, NULL);
  g_task_set_source_tag (task, remind);
  g_task_set_task_data (task, data, (GDestroyNotify) remind_data_free);
  /* A worker thread, as the statistics: a large call's read must not hold
   * up the saves queued on the store's own thread.
   */
  g_task_run_in_thread (task, remind_thread);
}

static void
on_remind_clicked_cb (GtkButton *button)
{
  remind (GTK_WIDGET (button), REMIND_MAIL);
}

static void
on_copy_clicked_cb (GtkButton *button)
{
  remind (GTK_WIDGET (button), REMIND_COPY);
}

void
_nawat_dashboard_add_remind_buttons (NawatDashboard *self,
                                     AdwActionRow   *row,
                                     const char     *evaluator)
{
  GtkWidget *mail = gtk_button_new_with_label (_("Remind"));
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autofree char *mail_tooltip = NULL;
  g_autofree char *copy_tooltip = NULL;

  /* Translators: the evaluator's name */
  mail_tooltip = g_strdup_printf (_("Write a reminder to %s in your mail application"), evaluator);
  /* Translators: the evaluator's name */
  copy_tooltip = g_strdup_printf (_("Copy the reminder to %s"), evaluator);

  gtk_widget_set_name (mail, "remind");
  gtk_widget_set_valign (mail, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (mail, mail_tooltip);
  g_signal_connect (mail, "clicked", G_CALLBACK (on_remind_clicked_cb), NULL);

  gtk_widget_set_name (copy, "copy");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, copy_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, copy_tooltip, -1);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), NULL);

  adw_action_row_add_suffix (row, mail);
  adw_action_row_add_suffix (row, copy);
}
