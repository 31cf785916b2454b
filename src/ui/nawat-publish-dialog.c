/* nawat-publish-dialog.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-publish-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nawat-couch.h"
#include "nawat-credentials.h"
#include "nawat-publish.h"
#include "nawat-sync-session.h"

/* What the main button does next. */
typedef enum
{
  STEP_PUBLISH,
  /* the databases are missing: an admin prepares the call, then publish */
  STEP_PREPARE,
} Step;

struct _NawatPublishDialog
{
  AdwWindow     parent_instance;

  NawatStore   *store;
  char         *call_id;
  char         *server_url;
  char         *user;
  GCancellable *cancellable;
  gboolean      busy;
  gboolean      allow_insecure;
  /* the server failed the security probe: the button publishes anyway */
  gboolean      offer_insecure;
  Step          step;

  GtkWidget    *password_row;
  GtkWidget    *admin_group;
  GtkWidget    *admin_user_row;
  GtkWidget    *admin_password_row;
  GtkWidget    *spinner;
  GtkWidget    *progress_label;
  GtkLabel     *outcome_label;
  GtkWidget    *publish_button;
};

G_DEFINE_FINAL_TYPE (NawatPublishDialog, nawat_publish_dialog, ADW_TYPE_WINDOW)

/* The work of one click, done on a worker thread. */
typedef struct
{
  NawatStore         *store;
  char               *call_id;
  char               *server_url;
  char               *user;
  char               *password;
  char               *admin_user;
  char               *admin_password;
  NawatPublishFlags   flags;
  gboolean            prepared;
  NawatPublishResult  prepare_result;
  NawatPublishResult  result;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_free (job->call_id);
  g_free (job->server_url);
  g_free (job->user);
  nawat_credentials_free_password (job->password);
  g_free (job->admin_user);
  nawat_credentials_free_password (job->admin_password);
  nawat_publish_result_clear (&job->prepare_result);
  nawat_publish_result_clear (&job->result);
  g_free (job);
}

/* Errors of the admin's step, told apart from the coordinator's. */
#define ADMIN_STEP_FAILED "nawat-publish-dialog-admin-step"

static void
publish_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;

  if (job->password == NULL)
    {
      g_autoptr(GError) keyring_error = NULL;

      job->password = nawat_credentials_lookup (job->server_url, job->user, cancellable,
                                                &keyring_error);
      if (job->password == NULL)
        {
          g_task_return_new_error (task, NAWAT_SYNC_SESSION_ERROR,
                                   NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD, "%s",
                                   keyring_error != NULL ? keyring_error->message : "");
          return;
        }
    }

  if (job->admin_user != NULL)
    {
      g_autoptr(NawatCouch) admin = nawat_couch_new (job->server_url, &error);

      if (admin != NULL)
        {
          nawat_couch_set_credentials (admin, job->admin_user, job->admin_password);
          job->prepared = nawat_publish_prepare (job->store, admin, job->call_id, job->flags,
                                                 &job->prepare_result, cancellable, &error);
        }
      if (!job->prepared)
        {
          g_object_set_data (G_OBJECT (task), ADMIN_STEP_FAILED, GINT_TO_POINTER (TRUE));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  couch = nawat_couch_new (job->server_url, &error);
  if (couch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  nawat_couch_set_credentials (couch, job->user, job->password);
  if (!nawat_publish_run (job->store, couch, job->call_id, job->flags, &job->result,
                          cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (NawatPublishDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_widget_set_visible (self->progress_label, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  /* The rows stay sensitive: the run has its own copy of what they hold,
   * and a focused entry made insensitive would lose its focus-out.
   */
  gtk_widget_set_sensitive (self->publish_button, !busy);
}

static void
set_step (NawatPublishDialog *self,
          Step                step)
{
  const char *label = _("_Publish");
  g_autofree char *accessible = NULL;

  self->step = step;
  if (self->offer_insecure)
    label = _("Publish _Anyway");
  else if (step == STEP_PREPARE)
    label = _("P_repare and Publish");
  gtk_button_set_label (GTK_BUTTON (self->publish_button), label);
  accessible = g_strdup (label);
  /* The mnemonic's underline is not read out. */
  for (char *c = accessible; *c != '\0'; c++)
    if (*c == '_')
      memmove (c, c + 1, strlen (c));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->publish_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_visible (self->admin_group, step == STEP_PREPARE);
}

static void
set_outcome (NawatPublishDialog *self,
             const char         *text)
{
  gtk_label_set_text (self->outcome_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), text != NULL && *text != '\0');
}

/* What publish created and updated, on two lines. */
static void
append_counts (GString                  *text,
               const NawatPublishResult *r)
{
  g_string_append_printf (text, _("Created: %u of %u databases."),
                          r->databases_created, r->databases);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Updated: %u of %u documents (the call, its rubric and its projects), "
                                  "%u design documents, %u security objects."),
                          r->documents_uploaded, r->documents, r->designs_updated,
                          r->security_updated);
}

static char *
format_success (NawatPublishDialog *self,
                Job                *job)
{
  const NawatPublishResult *r = &job->result;
  GString *text = g_string_new (NULL);

  if (nawat_publish_result_changed (r) || job->prepared)
    g_string_append_printf (text, _("Published %s to %s."), self->call_id, r->server);
  else
    g_string_append_printf (text, _("Nothing changed: %s already held %s as it is here."),
                            r->server, self->call_id);
  if (job->prepared)
    {
      g_string_append_c (text, '\n');
      /* Translators: what the server admin's step did */
      g_string_append_printf (text, _("Prepared by the administrator: %u of %u databases created, "
                                      "%u security objects set."),
                              job->prepare_result.databases_created, job->prepare_result.databases,
                              job->prepare_result.security_updated);
    }
  g_string_append_c (text, '\n');
  append_counts (text, r);
  g_string_append_c (text, '\n');
  g_string_append (text, _("Refused: none."));
  if (r->insecure != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Warning: %s. Evaluators’ scores are not private on this server."),
                              r->insecure);
    }
  return g_string_free (text, FALSE);
}

enum {
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_publish_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(NawatPublishDialog) self = user_data;
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean admin_step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), ADMIN_STEP_FAILED));

  set_busy (self, FALSE);
  if (g_task_propagate_boolean (task, &error))
    {
      text = format_success (self, job);
      set_outcome (self, text);
      self->offer_insecure = FALSE;
      set_step (self, STEP_PUBLISH);
      gtk_editable_set_text (GTK_EDITABLE (self->admin_password_row), "");
      g_signal_emit (self, signals[PUBLISHED], 0);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, NAWAT_SYNC_SESSION_ERROR, NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD))
    {
      gtk_widget_set_visible (self->password_row, TRUE);
      text = g_strdup_printf (_("Type the password of %s on %s to publish."),
                              self->user, self->server_url);
      gtk_widget_grab_focus (self->password_row);
    }
  else if (g_error_matches (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED))
    {
      if (admin_step)
        text = g_strdup_printf (_("The server refused the administrator’s user name or password: %s"),
                                error->message);
      else
        {
          gtk_widget_set_visible (self->password_row, TRUE);
          text = g_strdup_printf (_("The server refused the password of %s: %s"),
                                  self->user, error->message);
        }
    }
  else if (g_error_matches (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_INSECURE_SERVER))
    {
      text = g_strdup_printf (_("%s\nEvaluators’ scores would not be private there. Publish to "
                                "Apache CouchDB; publish anyway only for tests and demos."),
                              error->message);
      /* The step stays: an admin's prepare probes the server too. */
      self->offer_insecure = TRUE;
      set_step (self, self->step);
    }
  else if (g_error_matches (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_NOT_ADMIN) && !admin_step)
    {
      text = g_strdup (_("The server has no databases for this call yet. A server administrator "
                         "must prepare the call once; after that you publish with your own account. "
                         "If you have an administrator’s user name and password, give them below to "
                         "prepare the call now: they are used once and not stored."));
      set_step (self, STEP_PREPARE);
      gtk_widget_grab_focus (self->admin_user_row);
    }
  else if (g_error_matches (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_REFUSED))
    {
      /* What the server took is counted; what it refused is listed. */
      g_autoptr(GString) details = g_string_new (NULL);

      append_counts (details, &job->result);
      g_string_append_printf (details, "\n%s", error->message);
      text = g_strdup_printf (_("Not everything was published. %s"), details->str);
    }
  else if (admin_step)
    text = g_strdup_printf (_("The call could not be prepared: %s"), error->message);
  else
    text = g_strdup_printf (_("The call could not be published: %s"), error->message);
  set_outcome (self, text);
}

void
nawat_publish_dialog_activate (NawatPublishDialog *self)
{
  g_autoptr(GTask) task = NULL;
  const char *password;
  Job *job;

  g_return_if_fail (NAWAT_IS_PUBLISH_DIALOG (self));

  if (self->busy)
    return;

  job = g_new0 (Job, 1);
  job->store = g_object_ref (self->store);
  job->call_id = g_strdup (self->call_id);
  job->server_url = g_strdup (self->server_url);
  job->user = g_strdup (self->user);
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (*password != '\0')
    job->password = g_strdup (password);

  if (self->offer_insecure)
    self->allow_insecure = TRUE;
  if (self->allow_insecure)
    job->flags |= NAWAT_PUBLISH_ALLOW_INSECURE_SERVER;

  if (self->step == STEP_PREPARE)
    {
      const char *admin_user = gtk_editable_get_text (GTK_EDITABLE (self->admin_user_row));
      const char *admin_password = gtk_editable_get_text (GTK_EDITABLE (self->admin_password_row));

      if (*admin_user == '\0' || *admin_password == '\0')
        {
          job_free (job);
          set_outcome (self, _("Give an administrator’s user name and password to prepare the call."));
          return;
        }
      job->admin_user = g_strdup (admin_user);
      job->admin_password = g_strdup (admin_password);
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  set_outcome (self, NULL);
  gtk_label_set_text (GTK_LABEL (self->progress_label),
                      job->admin_user != NULL ? _("Preparing the call, then publishing it…")
                                              : _("Publishing the call…"));

  task = g_task_new (NULL, self->cancellable, on_publish_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, nawat_publish_dialog_activate);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, publish_thread);
}

gboolean
nawat_publish_dialog_get_busy (NawatPublishDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_PUBLISH_DIALOG (self), FALSE);

  return self->busy;
}

static void
on_publish_clicked_cb (NawatPublishDialog *self)
{
  nawat_publish_dialog_activate (self);
}

static void
label_accessible (GtkWidget  *widget,
                  const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
info_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_strdup_printf ("%s: %s", title, value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  label_accessible (row, name);
  return row;
}

static void
nawat_publish_dialog_dispose (GObject *object)
{
  NawatPublishDialog *self = NAWAT_PUBLISH_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nawat_publish_dialog_parent_class)->dispose (object);
}

static void
nawat_publish_dialog_finalize (GObject *object)
{
  NawatPublishDialog *self = NAWAT_PUBLISH_DIALOG (object);

  g_free (self->call_id);
  g_free (self->server_url);
  g_free (self->user);

  G_OBJECT_CLASS (nawat_publish_dialog_parent_class)->finalize (object);
}

static void
nawat_publish_dialog_class_init (NawatPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_publish_dialog_dispose;
  object_class->finalize = nawat_publish_dialog_finalize;

  /**
   * NawatPublishDialog::published:
   *
   * The call was published: the store records it
   * (nawat_store_get_published()).
   */
  signals[PUBLISHED] =
    g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nawat_publish_dialog_init (NawatPublishDialog *self)
{
}

static void
build (NawatPublishDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *server_group = adw_preferences_group_new ();
  GtkWidget *progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *report = adw_preferences_group_new ();
  GtkWidget *actions = adw_preferences_group_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Publish Call"), self->call_id));
  gtk_box_append (GTK_BOX (toolbar), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (server_group), _("Server"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (server_group),
                                         _("Puts the call, its rubric, its projects and the evaluators’ "
                                           "assignments on the server. Publish again after changing "
                                           "assignments or the deadline."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group),
                             info_row (_("Server Address"), self->server_url));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group),
                             info_row (_("Your Account"), self->user));

  self->password_row = adw_password_entry_row_new ();
  gtk_widget_set_name (self->password_row, "password");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Your Password"));
  label_accessible (self->password_row, _("Your Password"));
  gtk_widget_set_tooltip_text (self->password_row, _("Used for this publish only; sync keeps the one in the keyring"));
  /* Shown when the keyring holds none, or the server refused it. */
  gtk_widget_set_visible (self->password_row, FALSE);
  g_signal_connect_object (self->password_row, "entry-activated",
                           G_CALLBACK (on_publish_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group), self->password_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (server_group));

  self->admin_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->admin_group),
                                   _("Server Administrator"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->admin_group),
                                         _("Creates the call’s databases once. The password is used "
                                           "for this step only and is not stored."));
  self->admin_user_row = adw_entry_row_new ();
  gtk_widget_set_name (self->admin_user_row, "admin-user");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->admin_user_row),
                                 _("Administrator’s User Name"));
  label_accessible (self->admin_user_row, _("Administrator’s User Name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->admin_group), self->admin_user_row);
  self->admin_password_row = adw_password_entry_row_new ();
  gtk_widget_set_name (self->admin_password_row, "admin-password");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->admin_password_row),
                                 _("Administrator’s Password"));
  label_accessible (self->admin_password_row, _("Administrator’s Password"));
  g_signal_connect_object (self->admin_password_row, "entry-activated",
                           G_CALLBACK (on_publish_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->admin_group), self->admin_password_row);

  self->spinner = gtk_spinner_new ();
  label_accessible (self->spinner, _("Publishing"));
  self->progress_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->progress_label, "progress");
  gtk_box_append (GTK_BOX (progress_box), self->spinner);
  gtk_box_append (GTK_BOX (progress_box), self->progress_label);
  gtk_box_append (GTK_BOX (box), progress_box);

  self->outcome_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->outcome_label), "outcome");
  gtk_label_set_wrap (self->outcome_label, TRUE);
  gtk_label_set_xalign (self->outcome_label, 0);
  gtk_label_set_selectable (self->outcome_label, TRUE);
  label_accessible (GTK_WIDGET (self->outcome_label), _("Outcome"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("What the last publish did"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->outcome_label));

  self->publish_button = gtk_button_new ();
  gtk_widget_set_name (self->publish_button, "publish-button");
  gtk_button_set_use_underline (GTK_BUTTON (self->publish_button), TRUE);
  gtk_widget_add_css_class (self->publish_button, "suggested-action");
  gtk_widget_add_css_class (self->publish_button, "pill");
  gtk_widget_set_halign (self->publish_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->publish_button, "clicked",
                           G_CALLBACK (on_publish_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (actions), self->publish_button);
  /* The outcome, which explains the administrator's step, comes above it. */
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (report), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (report));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->admin_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (actions));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  set_busy (self, FALSE);
  set_step (self, STEP_PUBLISH);
  set_outcome (self, NULL);
}

NawatPublishDialog *
nawat_publish_dialog_new (GtkWindow  *parent,
                          NawatStore *store,
                          const char *call_id,
                          const char *server_url,
                          const char *user)
{
  NawatPublishDialog *self;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL && server_url != NULL && user != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_PUBLISH_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Publish Call"),
                       "default-width", 520,
                       "default-height", 560,
                       NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->server_url = g_strdup (server_url);
  self->user = g_strdup (user);
  build (self);
  return self;
}
