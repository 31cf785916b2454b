/* nawat-sync-button.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-couch.h"
#include "nawat-store.h"
#include "nawat-sync.h"
#include "nawat-sync-session.h"
#include "nawat-sync-button.h"
#include "nawat-sync-button-private.h"

struct _NawatSyncButton
{
  GtkWidget          parent_instance;

  AdwSplitButton    *button;
  GtkStack          *icon_stack;
  GtkImage          *icon;
  GtkSpinner        *spinner;
  GtkLabel          *label;
  GtkPopover        *popover;
  GtkLabel          *title;
  GtkLabel          *detail;
  GtkLabel          *progress;
  GtkButton         *sync_now_button;
  GtkWidget         *conflicts_button;
  GtkWidget         *password_button;
  GtkButton         *settings_button;
  GtkExpander       *kept_aside;
  GtkLabel          *kept_aside_list;
  AdwMessageDialog  *password_dialog;

  GSettings         *settings;
  NawatStore        *store;
  char              *call_id;
  /* The engine, the server, the account and the password */
  NawatSyncSession  *session;
  /* The round running, and everything this widget started */
  GCancellable      *round_cancellable;
  GCancellable      *cancellable;

  NawatSyncState     state;
  char              *label_text;
  char              *detail_text;
  char              *error_message;
  gint64             pending;
  gint64             last_sync;
  guint              conflicts;
  /* the documents a sync kept aside, "<doc id>: <reason>" */
  guint              quarantined;
  guint              documents;
  guint64            bytes;
  /* the bytes of the projects' files fetched, of those lacking */
  gint64             files_done;
  gint64             files_total;
  guint              generation;
  guint              tick_id;

  guint              busy : 1;
  guint              interactive : 1;
  guint              needs_password : 1;
  /* the engine started the round, past the password lookup */
  guint              round_started : 1;
};

G_DEFINE_FINAL_TYPE (NawatSyncButton, nawat_sync_button, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (NawatSyncState, nawat_sync_state,
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_LOCAL, "local"),
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_CONFLICTS, "conflicts"),
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_NEVER, "never"),
                    G_DEFINE_ENUM_VALUE (NAWAT_SYNC_STATE_UP_TO_DATE, "up-to-date"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_RUNNING,
  PROP_CONFLICTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void nawat_sync_button_update (NawatSyncButton *self);
static void start_round (NawatSyncButton *self);

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
add_toast (NawatSyncButton *self,
           AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
add_toast_text (NawatSyncButton *self,
                const char      *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  add_toast (self, toast);
}

/* Last sync time */

char *
nawat_sync_format_last_sync (gint64 last_sync,
                             gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  gint64 seconds = now - last_sync;
  int n;

  if (last_sync <= 0)
    return g_strdup (_("Not synced yet"));
  if (seconds < 60)
    return g_strdup (_("Synced just now"));
  if (seconds < 60 * 60)
    {
      n = (int) (seconds / 60);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d minute ago",
                                           "Synced %d minutes ago", n), n);
    }
  if (seconds < 24 * 60 * 60)
    {
      n = (int) (seconds / (60 * 60));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d hour ago",
                                           "Synced %d hours ago", n), n);
    }
  if (seconds < 2 * 24 * 60 * 60)
    return g_strdup (_("Synced yesterday"));

  n = (int) (seconds / (24 * 60 * 60));
  if (n < 30)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d day ago",
                                         "Synced %d days ago", n), n);

  then = g_date_time_new_from_unix_local (last_sync);
  if (then == NULL)
    return g_strdup (_("Not synced yet"));
  {
    g_autofree char *date = g_date_time_format (then, "%x");

    /* Translators: %s is a date */
    return g_strdup_printf (_("Synced on %s"), date);
  }
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The call's last sync time and conflicts, read off the main thread. */

typedef struct
{
  NawatStore *store;
  char       *call_id;
  gint64      last_sync;
  guint       conflicts;
  GPtrArray  *quarantine;
  guint       generation;
} CallState;

static void
call_state_free (CallState *state)
{
  g_clear_object (&state->store);
  g_free (state->call_id);
  g_clear_pointer (&state->quarantine, g_ptr_array_unref);
  g_free (state);
}

static guint
count_conflicts (NawatStore  *store,
                 const char  *call_id,
                 GError     **error)
{
  g_autofree char *prefix = g_strconcat ("evaluation:", call_id, ":", NULL);
  g_auto(GStrv) ids = nawat_store_list_conflicted (store, error);
  guint n = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_str_has_prefix (ids[i], prefix))
      n++;
  return n;
}

static void
call_state_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CallState *state = task_data;
  GError *error = NULL;

  state->last_sync = nawat_store_get_last_sync (state->store, state->call_id, &error);
  if (error == NULL)
    state->conflicts = count_conflicts (state->store, state->call_id, &error);
  if (error == NULL)
    state->quarantine = nawat_store_list_quarantine (state->store, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_conflicts (NawatSyncButton *self,
               guint            conflicts)
{
  if (self->conflicts == conflicts)
    return;
  self->conflicts = conflicts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
}

/* The documents kept aside, listed in the popover, their reasons in full. */
static void
set_quarantine (NawatSyncButton *self,
                GPtrArray       *quarantine)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint n = quarantine != NULL ? quarantine->len : 0;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? "\n\n" : "",
                            (const char *) quarantine->pdata[i]);
  self->quarantined = n;
  /* Translators: documents from the server that were not applied */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document kept aside",
                                          "%u documents kept aside", n),
                             n);
  gtk_expander_set_label (self->kept_aside, heading);
  gtk_label_set_label (self->kept_aside_list, list->str);
  gtk_widget_set_visible (GTK_WIDGET (self->kept_aside), n > 0);
}

static void
on_call_state_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  NawatSyncButton *self = NAWAT_SYNC_BUTTON (object);
  CallState *state = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast_text (self, error->message);
      return;
    }
  /* A call shown since then has its own answer coming. */
  if (state->generation != self->generation)
    return;

  self->last_sync = state->last_sync;
  set_conflicts (self, state->conflicts);
  set_quarantine (self, state->quarantine);
  nawat_sync_button_update (self);
}

/* Compact, the button shows its icon alone (its tooltip and accessible
 * name still say the state): a narrow window's header keeps its room for
 * the title.
 */
void
nawat_sync_button_set_compact (NawatSyncButton *self,
                               gboolean         compact)
{
  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));

  gtk_widget_set_visible (GTK_WIDGET (self->label), !compact);
}

void
nawat_sync_button_refresh (NawatSyncButton *self)
{
  g_autoptr(GTask) task = NULL;
  CallState *state;

  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));

  self->generation++;
  if (self->store == NULL || self->call_id == NULL)
    {
      self->last_sync = 0;
      set_conflicts (self, 0);
      set_quarantine (self, NULL);
      nawat_sync_button_update (self);
      return;
    }

  state = g_new0 (CallState, 1);
  state->store = g_object_ref (self->store);
  state->call_id = g_strdup (self->call_id);
  state->generation = self->generation;

  task = g_task_new (self, self->cancellable, on_call_state_done_cb, NULL);
  g_task_set_source_tag (task, nawat_sync_button_refresh);
  g_task_set_task_data (task, state, (GDestroyNotify) call_state_free);
  nawat_store_run_async (self->store, task, call_state_thread);
}

static void
save_last_sync_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  CallState *state = task_data;
  GError *error = NULL;

  if (nawat_store_set_last_sync (state->store, state->call_id, state->last_sync, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_last_sync_saved_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_toast_text (NAWAT_SYNC_BUTTON (object), error->message);
}

static void
save_last_sync (NawatSyncButton *self,
                const char      *call_id,
                gint64           time)
{
  g_autoptr(GTask) task = NULL;
  CallState *state = g_new0 (CallState, 1);

  state->store = g_object_ref (self->store);
  state->call_id = g_strdup (call_id);
  state->last_sync = time;

  task = g_task_new (self, self->cancellable, on_last_sync_saved_cb, NULL);
  g_task_set_source_tag (task, save_last_sync);
  g_task_set_task_data (task, state, (GDestroyNotify) call_state_free);
  nawat_store_run_async (self->store, task, save_last_sync_thread);
}

/* State */

static char *
dup_setting (NawatSyncButton *self,
             const char      *key)
{
  char *value;

  if (self->settings == NULL)
    return NULL;
  value = g_strstrip (g_settings_get_string (self->settings, key));
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static NawatSyncState
compute_state (NawatSyncButton *self)
{
  g_autofree char *url = dup_setting (self, "server-url");

  if (self->busy)
    return NAWAT_SYNC_STATE_RUNNING;
  if (url == NULL)
    return NAWAT_SYNC_STATE_LOCAL;
  if (self->session != NULL && !nawat_sync_session_get_network_available (self->session))
    return NAWAT_SYNC_STATE_OFFLINE;
  if (self->error_message != NULL)
    return NAWAT_SYNC_STATE_ERROR;
  if (self->conflicts > 0)
    return NAWAT_SYNC_STATE_CONFLICTS;
  if (self->pending > 0)
    return NAWAT_SYNC_STATE_PENDING;
  if (self->last_sync <= 0)
    return NAWAT_SYNC_STATE_NEVER;
  return NAWAT_SYNC_STATE_UP_TO_DATE;
}

static char *
progress_text (NawatSyncButton *self)
{
  g_autofree char *size = g_format_size (self->bytes);
  g_autofree char *documents = NULL;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *files = NULL;

  /* Translators: sync progress: documents, then an amount of data */
  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document, %s",
                                            "%u documents, %s", self->documents),
                               self->documents, size);
  if (self->files_total <= 0)
    return g_steal_pointer (&documents);

  done = g_format_size (self->files_done);
  total = g_format_size (self->files_total);
  /* Translators: sync progress, the line under the documents: the
   * proposals' files fetched, an amount of data of another, e.g.
   * "Files: 12.5 MB of 400 MB"
   */
  files = g_strdup_printf (_("Files: %s of %s"), done, total);
  return g_strconcat (documents, "\n", files, NULL);
}

/* AdwSplitButton 1.2 names neither of its own buttons, which a reader
 * then calls "GtkButton" and "GtkMenuButton": each gets what its tooltip
 * says.
 */
static void
name_split_parts (NawatSyncButton *self,
                  const char      *tooltip,
                  const char      *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Synchronisation Details"),
                                        -1);
      else if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                        -1);
    }
}

static void
nawat_sync_button_update (NawatSyncButton *self)
{
  g_autofree char *last = nawat_sync_format_last_sync (self->last_sync, now_seconds ());
  g_autofree char *url = dup_setting (self, "server-url");
  g_autofree char *user = dup_setting (self, "server-user");
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *tooltip = NULL;
  const char *icon = "emblem-synchronizing-symbolic";
  NawatSyncState state = compute_state (self);
  int pending = (int) CLAMP (self->pending, 0, G_MAXINT);

  switch (state)
    {
    case NAWAT_SYNC_STATE_RUNNING:
      label = g_strdup (_("Syncing…"));
      title = g_strdup (_("Syncing with the server"));
      detail = g_strdup (url);
      tooltip = g_strdup (_("Cancel the sync"));
      break;

    case NAWAT_SYNC_STATE_LOCAL:
      icon = "computer-symbolic";
      label = g_strdup (_("Local only"));
      title = g_strdup (_("Stored on this computer only"));
      if (pending > 0)
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "No server is set up: %d edit is kept in the store on this computer.",
                                               "No server is set up: %d edits are kept in the store on this computer.",
                                               pending),
                                  pending);
      else
        detail = g_strdup (_("No server is set up: every edit is kept in the store on this computer."));
      tooltip = g_strdup (_("Set up a server to synchronise"));
      break;

    case NAWAT_SYNC_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      label = g_strdup (_("Offline"));
      title = g_strdup (_("Offline"));
      if (pending > 0)
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%d edit is kept on this computer and will be sent when the network returns. %s.",
                                               "%d edits are kept on this computer and will be sent when the network returns. %s.",
                                               pending),
                                  pending, last);
      else
        detail = g_strdup_printf (_("Nawat syncs when the network returns. %s."), last);
      tooltip = g_strdup (_("Offline: try to sync now"));
      break;

    case NAWAT_SYNC_STATE_ERROR:
      icon = self->needs_password ? "dialog-password-symbolic" : "dialog-warning-symbolic";
      label = g_strdup (self->needs_password ? _("Password needed") : _("Sync failed"));
      title = g_strdup (self->needs_password ? _("The server needs your password")
                                             : _("The last sync failed"));
      detail = g_strdup_printf (_("%s\nNothing was lost: every edit is kept on this computer. %s."),
                                self->error_message, last);
      tooltip = g_strdup_printf (_("Sync failed: %s"), self->error_message);
      break;

    case NAWAT_SYNC_STATE_CONFLICTS:
      icon = "dialog-warning-symbolic";
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts",
                                            self->conflicts),
                               self->conflicts);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u evaluation differs from the server’s version",
                                            "%u evaluations differ from the server’s version",
                                            self->conflicts),
                               self->conflicts);
      detail = g_strdup_printf (_("Choose which values to keep, then sync. %s."), last);
      tooltip = g_strdup (_("Sync now"));
      break;

    case NAWAT_SYNC_STATE_PENDING:
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d pending", "%d pending", pending),
                               pending);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d edit waits to be sent",
                                            "%d edits wait to be sent", pending),
                               pending);
      detail = g_strdup (last);
      tooltip = g_strdup (_("Sync now"));
      break;

    case NAWAT_SYNC_STATE_NEVER:
      label = g_strdup (_("Not synced"));
      title = g_strdup (_("Not synced yet"));
      detail = g_strdup_printf (_("Sync to get the call from %s and send your evaluations."), url);
      tooltip = g_strdup (_("Sync now"));
      break;

    case NAWAT_SYNC_STATE_UP_TO_DATE:
    default:
      icon = "emblem-ok-symbolic";
      label = g_strdup (_("Up to date"));
      title = g_strdup (_("Up to date"));
      detail = g_strdup (last);
      tooltip = g_strdup_printf (_("%s. Sync now"), last);
      break;
    }

  if (state != NAWAT_SYNC_STATE_LOCAL && user != NULL && url != NULL)
    {
      g_autofree char *account = NULL;

      /* Translators: a user name on a server */
      account = g_strdup_printf (_("%s on %s"), user, url);
      if (state != NAWAT_SYNC_STATE_RUNNING)
        {
          g_autofree char *with = g_strconcat (detail, "\n", account, NULL);

          g_free (detail);
          detail = g_steal_pointer (&with);
        }
      else
        {
          g_free (detail);
          detail = g_steal_pointer (&account);
        }
    }

  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_stack_set_visible_child (self->icon_stack,
                               state == NAWAT_SYNC_STATE_RUNNING
                               ? GTK_WIDGET (self->spinner) : GTK_WIDGET (self->icon));
  gtk_spinner_set_spinning (self->spinner, state == NAWAT_SYNC_STATE_RUNNING);
  gtk_label_set_label (self->label, label);
  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->detail, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
  name_split_parts (self, tooltip, title);

  gtk_widget_set_visible (GTK_WIDGET (self->progress), state == NAWAT_SYNC_STATE_RUNNING);
  if (state == NAWAT_SYNC_STATE_RUNNING)
    {
      g_autofree char *progress = progress_text (self);

      gtk_label_set_label (self->progress, progress);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sync_now_button), state != NAWAT_SYNC_STATE_LOCAL);
  gtk_button_set_label (self->sync_now_button,
                        state == NAWAT_SYNC_STATE_RUNNING ? _("_Cancel Sync") : _("_Sync Now"));
  gtk_widget_set_visible (self->conflicts_button, self->conflicts > 0);
  gtk_widget_set_visible (self->password_button, self->needs_password && url != NULL);
  gtk_button_set_label (self->settings_button,
                        state == NAWAT_SYNC_STATE_LOCAL ? _("Set _Up a Server…")
                                                        : _("Server _Settings…"));

  if (state == NAWAT_SYNC_STATE_ERROR || state == NAWAT_SYNC_STATE_CONFLICTS)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");

  set_string (&self->label_text, label);
  set_string (&self->detail_text, detail);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_busy (NawatSyncButton *self,
          gboolean         busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  nawat_sync_button_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_error (NawatSyncButton *self,
           const char      *message)
{
  set_string (&self->error_message, message);
  nawat_sync_button_update (self);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  nawat_sync_button_update (user_data);
  return G_SOURCE_CONTINUE;
}

/* The engine */

static void
on_sync_progress_cb (NawatSyncButton *self,
                     guint            documents,
                     guint64          bytes,
                     NawatSyncSession *session)
{
  g_autofree char *progress = NULL;

  self->documents = documents;
  self->bytes = bytes;
  progress = progress_text (self);
  gtk_label_set_label (self->progress, progress);
}

static void
on_sync_files_progress_cb (NawatSyncButton  *self,
                           gint64            done,
                           gint64            total,
                           NawatSyncSession *session)
{
  g_autofree char *progress = NULL;

  self->files_done = done;
  self->files_total = total;
  progress = progress_text (self);
  gtk_label_set_label (self->progress, progress);
}

static void
on_engine_running_cb (NawatSyncButton *self,
                      GParamSpec      *pspec,
                      NawatSync       *sync)
{
  if (nawat_sync_get_running (sync))
    self->round_started = TRUE;
}

static void
on_sync_network_cb (NawatSyncButton *self)
{
  nawat_sync_button_update (self);
}

static void
on_sync_network_returned_cb (NawatSyncButton *self)
{
  g_debug ("The network returned: syncing");
  nawat_sync_button_sync (self, FALSE);
}

static void
on_password_not_saved_cb (NawatSyncButton *self,
                          const char      *reason)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("The password could not be saved in the keyring: %s"), reason);
  add_toast_text (self, message);
}

/* Drops the engine: the server, the account, the store or the call changed. */
static void
reset_engine (NawatSyncButton *self)
{
  if (self->round_cancellable != NULL)
    g_cancellable_cancel (self->round_cancellable);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (nawat_sync_session_get_sync (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_clear_object (&self->session);
  self->needs_password = FALSE;
  g_clear_pointer (&self->error_message, g_free);
}

/* Creates the engine for the current settings; it also follows the
 * network between rounds.  FALSE with the reason when it cannot.
 */
static gboolean
ensure_engine (NawatSyncButton  *self,
               GError          **error)
{
  g_autofree char *url = dup_setting (self, "server-url");
  g_autofree char *user = dup_setting (self, "server-user");

  if (self->session != NULL)
    return TRUE;

  if (url == NULL || self->store == NULL || self->call_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("No server is set up"));
      return FALSE;
    }
  if (user == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Enter your user name on the server in the preferences"));
      return FALSE;
    }

  self->session = nawat_sync_session_new (self->store, url, user, self->call_id, error);
  if (self->session == NULL)
    return FALSE;

  g_signal_connect_object (self->session, "progress", G_CALLBACK (on_sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "files-progress",
                           G_CALLBACK (on_sync_files_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::network-available",
                           G_CALLBACK (on_sync_network_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "network-returned",
                           G_CALLBACK (on_sync_network_returned_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nawat_sync_session_get_sync (self->session), "notify::running",
                           G_CALLBACK (on_engine_running_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "password-not-saved",
                           G_CALLBACK (on_password_not_saved_cb), self, G_CONNECT_SWAPPED);
  return TRUE;
}

static void
on_settings_changed_cb (NawatSyncButton *self,
                        const char      *key)
{
  if (g_strcmp0 (key, "server-url") != 0 && g_strcmp0 (key, "server-user") != 0)
    return;

  reset_engine (self);
  ensure_engine (self, NULL);
  nawat_sync_button_update (self);
}

static void
show_outcome (NawatSyncButton *self,
              NawatSyncResult *result)
{
  g_autofree char *summary = nawat_sync_result_to_string (result);

  if (result->conflicts > 0)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u evaluation differs from the server’s version",
                                            "%u evaluations differ from the server’s version",
                                            result->conflicts),
                               result->conflicts);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Resolve…"));
      adw_toast_set_action_name (toast, "win.conflicts");
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 10);
      add_toast (self, toast);
    }

  /* The server's own reasons for refusals, quarantines and errors. */
  if (result->messages->len > 0)
    {
      g_autofree char *title = NULL;
      const char *first = g_ptr_array_index (result->messages, 0);
      AdwToast *toast;

      if (result->refused > 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The server refused %u edit, kept on this computer: %s",
                                              "The server refused %u edits, kept on this computer: %s",
                                              result->refused),
                                 result->refused, first);
      else if (result->quarantined > 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u document from the server was kept aside, not applied; the sync menu lists it",
                                              "%u documents from the server were kept aside, not applied; the sync menu lists them",
                                              result->quarantined),
                                 result->quarantined);
      else
        title = g_strdup_printf (_("Not everything was synced: %s"), first);
      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 10);
      add_toast (self, toast);
    }

  if (self->interactive || result->pulled > 0 || result->pushed > 0)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      if (nawat_sync_result_is_complete (result))
        title = g_strdup_printf (_("Synced: %s"), summary);
      else
        title = g_strdup_printf (_("Sync finished with problems: %s"), summary);
      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 4);
      add_toast (self, toast);
    }
}

static void present_password_dialog (NawatSyncButton *self,
                                     const char      *problem);

static void
on_round_done_cb (GObject      *object,
                  GAsyncResult *async_result,
                  gpointer      user_data)
{
  g_autoptr(NawatSyncButton) self = user_data;
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  NawatSyncSession *session = NAWAT_SYNC_SESSION (object);
  const char *call_id;

  result = nawat_sync_session_run_finish (session, async_result, &error);
  g_clear_object (&self->round_cancellable);

  /* The engine was replaced (new settings or call) during the round. */
  if (session != self->session)
    {
      set_busy (self, FALSE);
      if (result != NULL)
        g_signal_emit (self, signals[SYNCED], 0, result->pulled, result->pushed);
      return;
    }

  if (result == NULL)
    {
      set_busy (self, FALSE);
      /* Cancelled while the password was looked up: nothing was tried. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->round_started)
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          add_toast_text (self, _("Sync cancelled: nothing was lost"));
          return;
        }
      /* No password in the keyring, and none typed this session. */
      if (g_error_matches (error, NAWAT_SYNC_SESSION_ERROR, NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD))
        {
          self->needs_password = TRUE;
          set_error (self, error->message);
          if (self->interactive)
            present_password_dialog (self, NULL);
          return;
        }
      g_debug ("Sync failed: %s", error->message);
      if (g_error_matches (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED))
        {
          self->needs_password = TRUE;
          set_error (self, error->message);
          if (self->interactive)
            present_password_dialog (self, error->message);
          return;
        }
      set_error (self, error->message);
      if (self->interactive)
        {
          g_autofree char *message = g_strdup_printf (_("Sync failed: %s"), error->message);

          add_toast_text (self, message);
        }
      return;
    }

  call_id = self->call_id;
  self->needs_password = FALSE;
  g_clear_pointer (&self->error_message, g_free);
  self->last_sync = now_seconds ();
  self->pending = result->pending;
  set_conflicts (self, result->conflicts);
  save_last_sync (self, call_id, self->last_sync);
  set_busy (self, FALSE);

  show_outcome (self, result);
  /* The quarantine, which this round may have added to or emptied. */
  nawat_sync_button_refresh (self);
  g_signal_emit (self, signals[SYNCED], 0, result->pulled, result->pushed);
}

static void
start_round (NawatSyncButton *self)
{
  self->documents = 0;
  self->bytes = 0;
  self->files_done = 0;
  self->files_total = 0;
  self->round_started = FALSE;
  gtk_label_set_label (self->progress, "");
  set_busy (self, TRUE);
  if (self->round_cancellable == NULL)
    self->round_cancellable = g_cancellable_new ();
  nawat_sync_session_run_async (self->session, self->round_cancellable, on_round_done_cb,
                                g_object_ref (self));
}

/* The password */

static void
on_password_entry_changed_cb (AdwMessageDialog *dialog,
                              GtkEditable      *entry)
{
  adw_message_dialog_set_response_enabled (dialog, "sync",
                                           *gtk_editable_get_text (entry) != '\0');
}

static void
on_password_response_cb (NawatSyncButton  *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *entry = gtk_widget_get_first_child (box);
  GtkWidget *check = gtk_widget_get_next_sibling (entry);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->password_dialog == dialog)
    self->password_dialog = NULL;

  if (g_strcmp0 (response, "sync") != 0 || *text == '\0' || self->session == NULL
      || self->busy)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      return;
    }

  nawat_sync_session_set_password (self->session, text,
                                   gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  self->interactive = TRUE;
  start_round (self);
}

static void
present_password_dialog (NawatSyncButton *self,
                         const char      *problem)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  const char *user;
  const char *server_url;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *check;

  if (self->password_dialog != NULL || self->session == NULL)
    return;
  user = nawat_sync_session_get_user (self->session);
  server_url = nawat_sync_session_get_server_url (self->session);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Server Password"), NULL));
  if (problem != NULL)
    body = g_strdup_printf (_("%s\n\nEnter the password of “%s” on %s again."),
                            problem, user, server_url);
  else
    body = g_strdup_printf (_("Enter the password of “%s” on %s to sync."),
                            user, server_url);
  adw_message_dialog_set_body (dialog, body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  check = gtk_check_button_new_with_mnemonic (_("_Remember in keyring"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), check);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sync", _("_Sync"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sync", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "sync");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "sync", FALSE);

  g_signal_connect_object (entry, "changed", G_CALLBACK (on_password_entry_changed_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response_cb),
                           self, G_CONNECT_SWAPPED);

  self->password_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
nawat_sync_button_sync (NawatSyncButton *self,
                        gboolean         interactive)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));

  if (self->busy || self->password_dialog != NULL)
    return;

  if (compute_state (self) == NAWAT_SYNC_STATE_LOCAL)
    {
      if (interactive)
        gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
      return;
    }

  if (!ensure_engine (self, &error))
    {
      set_error (self, error->message);
      if (interactive)
        gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
      return;
    }

  self->interactive = !!interactive;
  g_clear_pointer (&self->error_message, g_free);
  g_clear_object (&self->round_cancellable);
  self->round_cancellable = g_cancellable_new ();
  start_round (self);
}

void
nawat_sync_button_cancel (NawatSyncButton *self)
{
  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));

  if (self->round_cancellable != NULL)
    g_cancellable_cancel (self->round_cancellable);
}

/* Widgets */

static void
on_button_clicked_cb (NawatSyncButton *self)
{
  if (self->busy)
    nawat_sync_button_cancel (self);
  else
    nawat_sync_button_sync (self, TRUE);
}

static void
on_sync_now_clicked_cb (NawatSyncButton *self)
{
  gtk_popover_popdown (self->popover);
  on_button_clicked_cb (self);
}

static void
on_password_clicked_cb (NawatSyncButton *self)
{
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (self->popover);
  if (self->busy)
    return;
  if (!ensure_engine (self, &error))
    {
      set_error (self, error->message);
      return;
    }
  present_password_dialog (self, NULL);
}

static void
on_popover_button_clicked_cb (NawatSyncButton *self)
{
  gtk_popover_popdown (self->popover);
}

static GtkWidget *
new_popover_button (NawatSyncButton *self,
                    const char      *label,
                    const char      *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_popover_button_clicked_cb),
                               self, G_CONNECT_SWAPPED);
    }
  return button;
}

static GtkWidget *
new_popover_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_width_chars (GTK_LABEL (label), 28);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
build_popover (NawatSyncButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  self->title = GTK_LABEL (new_popover_label ("heading"));
  self->detail = GTK_LABEL (new_popover_label ("dim-label"));
  self->progress = GTK_LABEL (new_popover_label ("numeric"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->detail));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));

  /* What a sync kept aside, each with the reason, to read and copy. */
  {
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    self->kept_aside_list = GTK_LABEL (new_popover_label (NULL));
    gtk_label_set_selectable (self->kept_aside_list, TRUE);
    gtk_widget_set_valign (GTK_WIDGET (self->kept_aside_list), GTK_ALIGN_START);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                    GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                   GTK_WIDGET (self->kept_aside_list));
    self->kept_aside = GTK_EXPANDER (gtk_expander_new (NULL));
    gtk_expander_set_child (self->kept_aside, scrolled);
    gtk_widget_set_visible (GTK_WIDGET (self->kept_aside), FALSE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->kept_aside));
  }

  gtk_widget_set_margin_top (buttons, 6);
  self->sync_now_button = GTK_BUTTON (new_popover_button (self, _("_Sync Now"), NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->sync_now_button), "suggested-action");
  g_signal_connect_object (self->sync_now_button, "clicked",
                           G_CALLBACK (on_sync_now_clicked_cb), self, G_CONNECT_SWAPPED);
  self->conflicts_button = new_popover_button (self, _("_Resolve Conflicts…"), "win.conflicts");
  self->password_button = new_popover_button (self, _("Enter _Password…"), NULL);
  g_signal_connect_object (self->password_button, "clicked",
                           G_CALLBACK (on_password_clicked_cb), self, G_CONNECT_SWAPPED);
  self->settings_button = GTK_BUTTON (new_popover_button (self, _("Server _Settings…"),
                                                          "app.preferences"));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->sync_now_button));
  gtk_box_append (GTK_BOX (buttons), self->conflicts_button);
  gtk_box_append (GTK_BOX (buttons), self->password_button);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->settings_button));
  gtk_box_append (GTK_BOX (box), buttons);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  adw_split_button_set_popover (self->button, self->popover);
}

/* GObject */

static void
nawat_sync_button_dispose (GObject *object)
{
  NawatSyncButton *self = NAWAT_SYNC_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  reset_engine (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->password_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->password_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->password_dialog));
      self->password_dialog = NULL;
    }
  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->button));
  self->button = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (nawat_sync_button_parent_class)->dispose (object);
}

static void
nawat_sync_button_finalize (GObject *object)
{
  NawatSyncButton *self = NAWAT_SYNC_BUTTON (object);

  g_clear_object (&self->round_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->label_text, g_free);
  g_clear_pointer (&self->detail_text, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (nawat_sync_button_parent_class)->finalize (object);
}

static void
nawat_sync_button_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NawatSyncButton *self = NAWAT_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_sync_button_class_init (NawatSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_sync_button_dispose;
  object_class->finalize = nawat_sync_button_finalize;
  object_class->get_property = nawat_sync_button_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       NAWAT_TYPE_SYNC_STATE, NAWAT_SYNC_STATE_LOCAL,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NawatSyncButton::synced:
   * @self: the button
   * @pulled: documents stored or deleted by the pull
   * @pushed: evaluations the server accepted
   *
   * A round finished: lists and the open evaluation may need reading again.
   */
  signals[SYNCED] =
    g_signal_new ("synced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nawat-sync-button");
}

static void
nawat_sync_button_init (NawatSyncButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cancellable = g_cancellable_new ();
  self->state = NAWAT_SYNC_STATE_LOCAL;

  self->icon_stack = GTK_STACK (gtk_stack_new ());
  self->icon = GTK_IMAGE (gtk_image_new_from_icon_name ("computer-symbolic"));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_stack_add_child (self->icon_stack, GTK_WIDGET (self->icon));
  gtk_stack_add_child (self->icon_stack, GTK_WIDGET (self->spinner));
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon_stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  self->button = ADW_SPLIT_BUTTON (adw_split_button_new ());
  adw_split_button_set_child (self->button, box);
  adw_split_button_set_dropdown_tooltip (self->button, _("Synchronisation Details"));
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  g_signal_connect_object (self->button, "clicked", G_CALLBACK (on_button_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  build_popover (self);

  /* "Synced 5 minutes ago" stays true. */
  self->tick_id = g_timeout_add_seconds (30, on_tick_cb, self);

  nawat_sync_button_update (self);
}

NawatSyncButton *
nawat_sync_button_new (void)
{
  return g_object_new (NAWAT_TYPE_SYNC_BUTTON, NULL);
}

void
nawat_sync_button_set_settings (NawatSyncButton *self,
                                GSettings       *settings)
{
  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb),
                             self, G_CONNECT_SWAPPED);
  on_settings_changed_cb (self, "server-url");
}

void
nawat_sync_button_set_store (NawatSyncButton *self,
                             NawatStore      *store)
{
  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));
  g_return_if_fail (store == NULL || NAWAT_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  reset_engine (self);
  ensure_engine (self, NULL);
  nawat_sync_button_refresh (self);
}

void
nawat_sync_button_set_call_id (NawatSyncButton *self,
                               const char      *call_id)
{
  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));

  if (!set_string (&self->call_id, call_id))
    return;
  reset_engine (self);
  ensure_engine (self, NULL);
  nawat_sync_button_refresh (self);
}

void
nawat_sync_button_set_pending (NawatSyncButton *self,
                               gint64           pending)
{
  g_return_if_fail (NAWAT_IS_SYNC_BUTTON (self));

  self->pending = MAX (pending, 0);
  nawat_sync_button_update (self);
}

NawatSyncState
nawat_sync_button_get_state (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), NAWAT_SYNC_STATE_LOCAL);

  return self->state;
}

gboolean
nawat_sync_button_get_running (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), FALSE);

  return self->busy;
}

guint
nawat_sync_button_get_conflicts (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), 0);

  return self->conflicts;
}

guint
_nawat_sync_button_get_quarantined (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), 0);

  return self->quarantined;
}

const char *
_nawat_sync_button_get_kept_aside (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->kept_aside))
         ? gtk_label_get_label (self->kept_aside_list) : NULL;
}

const char *
nawat_sync_button_get_label (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), NULL);

  return self->label_text;
}

const char *
nawat_sync_button_get_detail (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), NULL);

  return self->detail_text;
}

gint64
nawat_sync_button_get_last_sync (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), 0);

  return self->last_sync;
}

AdwMessageDialog *
nawat_sync_button_get_password_dialog (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), NULL);

  return self->password_dialog;
}

const char *
_nawat_sync_button_get_progress (NawatSyncButton *self)
{
  g_return_val_if_fail (NAWAT_IS_SYNC_BUTTON (self), NULL);

  return gtk_label_get_label (self->progress);
}
