/* nawat-preferences.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-codec.h"
#include "nawat-credentials.h"
#include "nawat-preferences.h"
#include "nawat-preferences-private.h"

#include <string.h>

struct _NawatPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *evaluator_row;
  GtkLabel             *evaluator_error;
  AdwComboRow          *language_row;
  GtkSwitch            *be_years_switch;
  AdwComboRow          *color_scheme_row;
  AdwEntryRow          *server_url_row;
  GtkLabel             *server_url_error;
  AdwEntryRow          *server_user_row;
  AdwEntryRow          *password_row;
  AdwActionRow         *keyring_row;
  GtkWidget            *forget_button;

  GCancellable         *cancellable;
  /* Bumped by each keyring check: only the last one is shown */
  guint                 keyring_serial;
};

G_DEFINE_FINAL_TYPE (NawatPreferences, nawat_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The combo rows' positions and the values of their settings. */
static const char * const language_values[] = { "", "th", "en" };
static const char * const color_scheme_values[] = { "default", "light", "dark" };

/* Validation */

gboolean
nawat_preferences_check_server_url (const char  *url,
                                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || url[0] == '\0')
    return TRUE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Enter a full address, such as https://nawat.example.org"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The address must start with https://"));
      return FALSE;
    }

  /* Plain http would send the password in the clear: only this computer. */
  address = g_inet_address_new_from_string (host);
  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      (address != NULL && g_inet_address_get_is_loopback (address)))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Use https://. Plain http is allowed only for this computer (localhost)."));

  return FALSE;
}

gboolean
nawat_preferences_check_evaluator_name (const char  *name,
                                        GError     **error)
{
  if (name == NULL || name[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Enter your user name, such as somchai"));
      return FALSE;
    }

  /* The same rule as the documents' evaluator field. */
  if (strlen (name) > 64)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The user name is too long (at most 64 characters)"));
      return FALSE;
    }

  if (!nawat_codec_is_user_name (name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Use Latin letters, digits, “-” or “_” only, without spaces, such as somchai"));
      return FALSE;
    }

  return TRUE;
}

typedef gboolean (*CheckFunc) (const char *text, GError **error);

/* Shows the problem with @row's text under it; returns whether it is valid. */
static gboolean
validate_row (AdwEntryRow *row,
              GtkLabel    *message,
              CheckFunc    check)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean valid = check (text, &error);

  gtk_widget_set_visible (GTK_WIDGET (message), !valid);
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      gtk_label_set_label (message, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }

  return valid;
}

/* Stores @row's text in @key when it is valid and new. */
static void
commit_row (NawatPreferences *self,
            AdwEntryRow      *row,
            GtkLabel         *message,
            CheckFunc         check,
            const char       *key)
{
  g_autofree char *current = NULL;
  const char *text;

  if (self->settings == NULL || !validate_row (row, message, check))
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (row));
  current = g_settings_get_string (self->settings, key);
  if (g_strcmp0 (current, text) != 0)
    g_settings_set_string (self->settings, key, text);
}

static void
on_evaluator_row_changed_cb (NawatPreferences *self)
{
  validate_row (self->evaluator_row, self->evaluator_error, nawat_preferences_check_evaluator_name);
}

static void
on_evaluator_row_apply_cb (NawatPreferences *self)
{
  commit_row (self, self->evaluator_row, self->evaluator_error,
              nawat_preferences_check_evaluator_name, "evaluator-name");
}

static void
on_server_url_row_changed_cb (NawatPreferences *self)
{
  validate_row (self->server_url_row, self->server_url_error, nawat_preferences_check_server_url);
}

static void
on_server_url_row_apply_cb (NawatPreferences *self)
{
  commit_row (self, self->server_url_row, self->server_url_error,
              nawat_preferences_check_server_url, "server-url");
}

/* The password of the account, in the keyring */

/* The account's server and user, or FALSE when either is unset. */
static gboolean
get_account (NawatPreferences  *self,
             char             **url,
             char             **user)
{
  if (self->settings == NULL)
    return FALSE;

  *url = g_strstrip (g_settings_get_string (self->settings, "server-url"));
  *user = g_strstrip (g_settings_get_string (self->settings, "server-user"));
  if (**url != '\0' && **user != '\0' && nawat_preferences_check_server_url (*url, NULL))
    return TRUE;

  g_clear_pointer (url, g_free);
  g_clear_pointer (user, g_free);
  return FALSE;
}

typedef struct
{
  NawatPreferences *self;
  guint             serial;
} KeyringCheck;

static void
on_keyring_checked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  KeyringCheck *check = user_data;
  g_autoptr(NawatPreferences) self = check->self;
  g_autoptr(GError) error = NULL;
  char *password;
  guint serial = check->serial;

  g_free (check);
  password = nawat_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || serial != self->keyring_serial)
    {
      nawat_credentials_free_password (password);
      return;
    }

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The keyring could not be read: %s"),
                                                  error->message);

      adw_action_row_set_subtitle (self->keyring_row, message);
    }
  else if (password != NULL)
    adw_action_row_set_subtitle (self->keyring_row, _("Saved: Nawat syncs without asking"));
  else
    adw_action_row_set_subtitle (self->keyring_row, _("Not saved: Nawat asks for it when it syncs"));
  gtk_widget_set_sensitive (self->forget_button, password != NULL);
  nawat_credentials_free_password (password);
}

static void
nawat_preferences_check_keyring (NawatPreferences *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  KeyringCheck *check;
  gboolean account = get_account (self, &url, &user);

  self->keyring_serial++;
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), account);
  gtk_widget_set_sensitive (self->forget_button, FALSE);
  if (!account)
    {
      adw_action_row_set_subtitle (self->keyring_row,
                                   _("Enter the server address and the user name first"));
      return;
    }

  check = g_new0 (KeyringCheck, 1);
  check->self = g_object_ref (self);
  check->serial = self->keyring_serial;
  nawat_credentials_lookup_async (url, user, self->cancellable, on_keyring_checked_cb, check);
}

/* Says how a change to the keyring went: @done, or @failed formatted with
 * the error's message (a cancelled change says nothing).
 */
static void
report_keyring_change (NawatPreferences *self,
                       const GError     *error,
                       const char       *done,
                       const char       *failed,
                       ...) G_GNUC_PRINTF (4, 5);

static void
report_keyring_change (NawatPreferences *self,
                       const GError     *error,
                       const char       *done,
                       const char       *failed,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (done));
      nawat_preferences_check_keyring (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  va_start (args, failed);
  message = g_strdup_vprintf (failed, args);
  va_end (args);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(NawatPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (nawat_credentials_store_finish (result, &error))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  report_keyring_change (self, error, _("Password saved in the keyring"),
                         _("The password could not be saved in the keyring: %s"),
                         error != NULL ? error->message : "");
}

static void
on_password_row_apply_cb (NawatPreferences *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*password == '\0' || !get_account (self, &url, &user))
    return;

  nawat_credentials_store_async (url, user, password, self->cancellable,
                                 on_password_stored_cb, g_object_ref (self));
}

static void
forget_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **account = task_data;
  GError *error = NULL;

  if (nawat_credentials_clear (account[0], account[1], cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_forgotten_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NawatPreferences *self = NAWAT_PREFERENCES (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  report_keyring_change (self, error, _("Password removed from the keyring"),
                         _("The password could not be removed from the keyring: %s"),
                         error != NULL ? error->message : "");
}

static void
on_forget_clicked_cb (NawatPreferences *self)
{
  g_autoptr(GTask) task = NULL;
  char *url = NULL;
  char *user = NULL;

  if (!get_account (self, &url, &user))
    return;

  gtk_widget_set_sensitive (self->forget_button, FALSE);
  task = g_task_new (self, self->cancellable, on_forgotten_cb, NULL);
  g_task_set_source_tag (task, on_forget_clicked_cb);
  g_task_set_task_data (task, g_strdupv ((char *[]) { url, user, NULL }), (GDestroyNotify) g_strfreev);
  g_free (url);
  g_free (user);
  g_task_run_in_thread (task, forget_thread);
}

/* Puts the stored value in @row, without an error for an unset name. */
static void
load_row (NawatPreferences *self,
          AdwEntryRow      *row,
          GtkLabel         *message,
          const char       *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  gtk_editable_set_text (GTK_EDITABLE (row), value);
  gtk_widget_set_visible (GTK_WIDGET (message), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_settings_changed_cb (NawatPreferences *self,
                        const char       *key)
{
  if (g_strcmp0 (key, "evaluator-name") == 0)
    load_row (self, self->evaluator_row, self->evaluator_error, key);
  else if (g_strcmp0 (key, "server-url") == 0)
    load_row (self, self->server_url_row, self->server_url_error, key);

  if (g_strcmp0 (key, "server-url") == 0 || g_strcmp0 (key, "server-user") == 0)
    nawat_preferences_check_keyring (self);
}

/* The combo rows */

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *values = user_data;
  const char *stored = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < 3; i++)
    if (g_str_equal (values[i], stored))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);

  return TRUE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *values = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= 3)
    return NULL;

  return g_variant_new_string (values[selected]);
}

/* Commits an edit still in the entries: closing never loses it. */
static gboolean
nawat_preferences_close_request (GtkWindow *window)
{
  NawatPreferences *self = NAWAT_PREFERENCES (window);

  on_evaluator_row_apply_cb (self);
  on_server_url_row_apply_cb (self);

  return GTK_WINDOW_CLASS (nawat_preferences_parent_class)->close_request (window);
}

static void
nawat_preferences_set_settings (NawatPreferences *self,
                                GSettings        *settings)
{
  g_assert (self->settings == NULL);

  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  self->settings = g_object_ref (settings);

  load_row (self, self->evaluator_row, self->evaluator_error, "evaluator-name");
  load_row (self, self->server_url_row, self->server_url_error, "server-url");
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_settings_bind (settings, "server-user", self->server_user_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "use-be-years", self->be_years_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) language_values, NULL);
  g_settings_bind_with_mapping (settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) color_scheme_values, NULL);
  nawat_preferences_check_keyring (self);
}

static void
nawat_preferences_dispose (GObject *object)
{
  NawatPreferences *self = NAWAT_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (nawat_preferences_parent_class)->dispose (object);
}

static void
nawat_preferences_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NawatPreferences *self = NAWAT_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_preferences_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NawatPreferences *self = NAWAT_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      nawat_preferences_set_settings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_preferences_class_init (NawatPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = nawat_preferences_dispose;
  object_class->get_property = nawat_preferences_get_property;
  object_class->set_property = nawat_preferences_set_property;
  window_class->close_request = nawat_preferences_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/nawat-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, evaluator_row);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, evaluator_error);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, language_row);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, be_years_switch);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, server_url_row);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, server_url_error);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, server_user_row);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, NawatPreferences, forget_button);
  gtk_widget_class_bind_template_callback (widget_class, on_password_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_evaluator_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_evaluator_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_url_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_url_row_apply_cb);
}

static void
nawat_preferences_init (NawatPreferences *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->evaluator_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->evaluator_error, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->server_url_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->server_url_error, NULL,
                                  -1);
}

NawatPreferences *
nawat_preferences_new (GtkWindow *parent,
                       GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (NAWAT_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

GSettings *
nawat_preferences_get_settings (NawatPreferences *self)
{
  g_return_val_if_fail (NAWAT_IS_PREFERENCES (self), NULL);

  return self->settings;
}

/* The About window */

void
nawat_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "The Nawat authors", NULL };
  GtkWidget *about;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-icon", APP_ID,
                        "application-name", _("Nawat"),
                        "version", PACKAGE_VERSION,
                        "developer-name", "The Nawat authors",
                        "developers", developers,
                        "copyright", "© 2026 The Nawat authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/nawat/nawat",
                        "issue-url", "https://github.com/nawat/nawat/issues",
                        /* Translators: replace with your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Score social-innovation funding proposals, offline first."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}
