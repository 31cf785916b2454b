/* nawat-window-identity.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-codec.h"
#include "nawat-dashboard.h"
#include "nawat-score-form.h"
#include "nawat-window-private.h"

#include <string.h>

/* "Who is scoring?": the evaluator's name, from the settings or asked for
 * in the bar above the detail pane, and what follows when it changes.
 */

/* The evaluator whose evaluations the window shows and saves: the
 * server's user name once a server is set up, else the name the user gave
 * for this store; NULL when there is neither.  Never a name the user did not
 * choose: not the call's first evaluator, not the login name.
 */
char *
_nawat_window_choose_evaluator (NawatWindow *self)
{
  if (self->settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "server-url");
      g_autofree char *server_user = g_settings_get_string (self->settings, "server-user");
      g_autofree char *name = g_settings_get_string (self->settings, "evaluator-name");

      /* Synchronised, the evaluations are the server user's: those are
       * the ones a sync pushes.
       */
      if (*url != '\0' && nawat_codec_is_user_name (server_user))
        return g_steal_pointer (&server_user);

      if (nawat_codec_is_user_name (name))
        return g_steal_pointer (&name);

      return NULL;
    }

  return g_strdup (self->typed_evaluator);
}

/* Until the evaluator is known, the question in the detail pane (the form
 * says "Scoring as …" once it is).
 */
void
_nawat_window_update_identity (NawatWindow *self)
{
  gboolean known = self->evaluator != NULL;
  const char * const *names = self->call != NULL ? nawat_call_get_evaluators (self->call) : NULL;
  g_autoptr(GString) text = NULL;

  gtk_widget_set_visible (self->identity_bar, !known && self->call != NULL);
  if (known)
    return;

  text = g_string_new (_("Your scores are saved under the name you give here, and stay under it. "
                         "If you synchronise with a server, use your user name there."));
  if (names != NULL && names[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (GStrv) names);

      g_string_append_c (text, '\n');
      /* Translators: %s is a list of user names, separated by commas. */
      g_string_append_printf (text, _("The evaluators of this call: %s"), list);
    }
  gtk_label_set_text (self->identity_description, text->str);
}

/* The dashboards open over this window reopen evaluations in the name of
 * the evaluator, as a coordinator.
 */
static void
nawat_window_update_dashboards (NawatWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (NAWAT_IS_DASHBOARD (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      nawat_dashboard_set_coordinator (l->data, self->evaluator);
}

/* What was typed under the former name is stored (on the store's
 * thread): the open project follows the evaluator now.
 */
static void
on_identity_flushed_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(NawatWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;

  if (!nawat_score_form_flush_finish (NAWAT_SCORE_FORM (source), result, &error))
    {
      /* The window is closing. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _nawat_window_add_toast (self, error->message);
    }

  if (self->store == NULL || self->call == NULL || self->project == NULL)
    return;

  project_id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (self->project)));
  nawat_window_open_project (self, project_id, self->cancellable,
                             _nawat_window_open_project_cb, NULL);
}

/* The evaluator may have changed (the preferences, or the question
 * answered): the list and the open project follow.  Evaluations saved
 * under the former name stay under it; a new name starts its own.
 */
static void
nawat_window_identity_changed (NawatWindow *self)
{
  g_autofree char *evaluator = _nawat_window_choose_evaluator (self);

  if (g_strcmp0 (evaluator, self->evaluator) == 0)
    return;

  g_free (self->evaluator);
  self->evaluator = g_steal_pointer (&evaluator);
  _nawat_window_update_identity (self);
  nawat_window_update_dashboards (self);
  if (self->store != NULL && self->call != NULL)
    _nawat_window_make_list (self);

  /* What was typed so far is stored under the name it was typed under
   * (the evaluation in the form holds it), before the project is read
   * again under the new one.
   */
  nawat_score_form_flush_async (self->score_form, self->cancellable,
                                on_identity_flushed_cb, g_object_ref (self));
}

static void
on_identity_setting_changed_cb (NawatWindow *self,
                                const char  *key,
                                GSettings   *settings)
{
  nawat_window_identity_changed (self);
}

static gboolean
check_identity_entry (NawatWindow *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->identity_entry));
  gboolean valid = nawat_codec_is_user_name (name);
  gboolean show_error = !valid && name[0] != '\0';

  gtk_widget_set_sensitive (self->identity_start, valid);
  gtk_widget_set_visible (GTK_WIDGET (self->identity_error), show_error);
  if (show_error)
    {
      const char *message = strlen (name) > 64
                            ? _("The user name is too long (at most 64 characters)")
                            : _("Use Latin letters, digits, “-” or “_” only, without spaces, such as somchai");

      gtk_label_set_text (self->identity_error, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->identity_entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->identity_entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->identity_entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->identity_entry),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }

  return valid;
}

static void
on_identity_entry_changed_cb (NawatWindow *self)
{
  check_identity_entry (self);
}

/* The name typed becomes the evaluator's: kept in the preferences, where
 * it can be changed later (for new evaluations).
 */
static void
on_identity_start_clicked_cb (NawatWindow *self)
{
  g_autofree char *name = NULL;

  if (!check_identity_entry (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->identity_entry)));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "evaluator-name", name);
  else
    {
      g_free (self->typed_evaluator);
      self->typed_evaluator = g_strdup (name);
    }

  nawat_window_identity_changed (self);
  if (self->evaluator == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->identity_entry), "");
  /* The entry is gone: scoring goes on in the form, from its first criterion. */
  if (self->project != NULL)
    nawat_score_form_focus_criterion (self->score_form, NULL);
}

void
_nawat_window_watch_identity (NawatWindow *self,
                              GSettings   *settings)
{
  g_signal_connect_object (settings, "changed::evaluator-name",
                           G_CALLBACK (on_identity_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::server-url",
                           G_CALLBACK (on_identity_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::server-user",
                           G_CALLBACK (on_identity_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_nawat_window_bind_identity_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_identity_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_identity_start_clicked_cb);
}
