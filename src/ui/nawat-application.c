/* nawat-application.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-application.h"
#include "nawat-application-private.h"
#include "nawat-preferences.h"
#include "nawat-rubric.h"
#include "nawat-store.h"
#include "nawat-window.h"

#define DEMO_RESOURCE RESOURCE_BASE "/demo/demo.json"

struct _NawatApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GCancellable   *cancellable;
  NawatStore     *store;
  GError         *store_error;
  char           *store_path;
  const char     *language;

  guint           ready : 1;
  guint           imported_demo : 1;
};

G_DEFINE_FINAL_TYPE (NawatApplication, nawat_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Everything the worker thread needs to fill an empty store. */
typedef struct
{
  NawatStore  *store;
  NawatRubric *rubric;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->rubric);
  g_free (data);
}

static const char *
language_from_environment (void)
{
  const char * const *names = g_get_language_names ();

  if (names != NULL && names[0] != NULL && g_str_has_prefix (names[0], "th"))
    return "th";

  return "en";
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* The application also runs uninstalled without its schema. */
  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* The setting's "default", "light" and "dark" to an AdwColorScheme. */
static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  if (g_strcmp0 (nick, "light") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (nick, "dark") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);

  return TRUE;
}

static void
nawat_application_set_ready (NawatApplication *self)
{
  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
nawat_application_fail (NawatApplication *self,
                        GError           *error)
{
  /* Cancelled, the application is going away: there is nothing to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  self->store_error = error;
  g_debug ("Cannot open the store %s: %s", self->store_path, error->message);
  nawat_application_set_ready (self);
}

/* The demo is there to be tried: its call stays open for DEMO_OPEN_DAYS
 * after the first start, whatever date its file was written with (after
 * the deadline, the round's rules make every evaluation read-only).
 */
#define DEMO_OPEN_DAYS 30

static gboolean
open_demo_calls (NawatStore  *store,
                 GError     **error)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = g_date_time_add_days (now, DEMO_OPEN_DAYS);
  g_autofree char *iso = g_date_time_format (until, "%Y-%m-%dT%H:%M:%SZ");

  calls = nawat_store_list_calls (store, error);
  if (calls == NULL)
    return FALSE;

  for (guint i = 0; i < calls->len; i++)
    nawat_call_set_deadline (g_ptr_array_index (calls, i), iso);

  return calls->len == 0 || nawat_store_put_documents (store, calls, error);
}

static gboolean
import_demo (NawatStore   *store,
             NawatRubric  *rubric,
             GError      **error)
{
  g_autoptr(GPtrArray) rubrics = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length = 0;
  guint n_imported = 0;

  bytes = g_resources_lookup_data (DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  /* The rubric first: the demo's evaluations are checked against it. */
  if (rubric != NULL)
    {
      g_ptr_array_add (rubrics, rubric);
      if (!nawat_store_put_documents (store, rubrics, error))
        return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  if (!nawat_store_import_data (store, data, length, &n_imported, &problems, error))
    {
      if (error != NULL && *error == NULL)
        {
          const char *first = NULL;

          if (problems != NULL && problems->len > 0)
            first = g_ptr_array_index (problems, 0);
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                       _("The demo data is invalid: %s"),
                       first != NULL ? first : _("unknown problem"));
        }
      return FALSE;
    }

  g_debug ("Imported %u demo documents", n_imported);

  return open_demo_calls (store, error);
}

static void
prepare_store_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PrepareData *data = task_data;
  GError *error = NULL;

  if (!nawat_store_is_empty (data->store))
    {
      g_task_return_int (task, FALSE);
      return;
    }

  if (!import_demo (data->store, data->rubric, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, TRUE);
}

static void
on_store_prepared_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  NawatApplication *self = NAWAT_APPLICATION (object);
  GError *error = NULL;
  gssize imported;

  imported = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      nawat_application_fail (self, error);
      return;
    }

  self->imported_demo = imported != 0;
  nawat_application_set_ready (self);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(NawatApplication) self = user_data;
  g_autoptr(GObject) store = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  PrepareData *data;

  store = g_async_initable_new_finish (G_ASYNC_INITABLE (object), result, &error);
  if (store == NULL)
    {
      nawat_application_fail (self, error);
      return;
    }

  self->store = NAWAT_STORE (g_steal_pointer (&store));
  /* A first pull that was stopped leaves the search index behind. */
  nawat_store_index_later (self->store);

  data = g_new0 (PrepareData, 1);
  data->store = g_object_ref (self->store);
  /* The built-in rubric is a shared instance: take a reference. */
  if (nawat_rubric_get_default () != NULL)
    data->rubric = g_object_ref (nawat_rubric_get_default ());

  task = g_task_new (self, self->cancellable, on_store_prepared_cb, NULL);
  g_task_set_source_tag (task, on_store_opened_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_store_thread);
}

static void
nawat_application_open_store (NawatApplication *self)
{
  if (self->store_path == NULL)
    self->store_path = nawat_store_dup_default_path ("demo");

  g_async_initable_new_async (NAWAT_TYPE_STORE,
                              G_PRIORITY_DEFAULT,
                              self->cancellable,
                              on_store_opened_cb,
                              g_object_ref (self),
                              "path", self->store_path,
                              NULL);
}

static void
nawat_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  NawatApplication *self = user_data;
  GList *windows;

  /* Closing rather than destroying lets each window save its state. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
nawat_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  NawatApplication *self = user_data;

  nawat_show_about (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
nawat_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  NawatApplication *self = user_data;
  NawatPreferences *preferences;

  if (self->settings == NULL)
    return;

  preferences = nawat_preferences_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                       self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", nawat_application_quit_action },
  { "about", nawat_application_about_action },
  { "preferences", nawat_application_preferences_action },
};

static int
nawat_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  NawatApplication *self = NAWAT_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "store", "^&ay", &path) && path != NULL && *path != '\0')
    {
      g_free (self->store_path);
      self->store_path = g_canonicalize_filename (path, NULL);
    }

  return G_APPLICATION_CLASS (nawat_application_parent_class)->handle_local_options (app, options);
}

static void
nawat_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  NawatApplication *self = NAWAT_APPLICATION (app);
  g_autofree char *language = NULL;

  G_APPLICATION_CLASS (nawat_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  self->settings = settings_new_if_installed ();
  if (self->settings != NULL)
    {
      language = g_settings_get_string (self->settings, "language");
      g_settings_bind_with_mapping (self->settings, "color-scheme",
                                    adw_style_manager_get_default (), "color-scheme",
                                    G_SETTINGS_BIND_GET,
                                    color_scheme_get_mapping, NULL, NULL, NULL);
    }

  if (g_strcmp0 (language, "th") == 0)
    self->language = "th";
  else if (g_strcmp0 (language, "en") == 0)
    self->language = "en";
  else
    self->language = language_from_environment ();

  nawat_application_open_store (self);
}

static void
nawat_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (nawat_window_new (NAWAT_APPLICATION (app)));

  gtk_window_present (window);
}

static void
nawat_application_shutdown (GApplication *app)
{
  NawatApplication *self = NAWAT_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (nawat_application_parent_class)->shutdown (app);
}

static void
nawat_application_dispose (GObject *object)
{
  NawatApplication *self = NAWAT_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (nawat_application_parent_class)->dispose (object);
}

static void
nawat_application_finalize (GObject *object)
{
  NawatApplication *self = NAWAT_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->store_path, g_free);

  G_OBJECT_CLASS (nawat_application_parent_class)->finalize (object);
}

static void
nawat_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NawatApplication *self = NAWAT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_application_class_init (NawatApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = nawat_application_dispose;
  object_class->finalize = nawat_application_finalize;
  object_class->get_property = nawat_application_get_property;

  app_class->handle_local_options = nawat_application_handle_local_options;
  app_class->startup = nawat_application_startup;
  app_class->activate = nawat_application_activate;
  app_class->shutdown = nawat_application_shutdown;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         NAWAT_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_application_init (NawatApplication *self)
{
  static const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the store FILE instead of the default one"), N_("FILE") },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  self->language = "en";

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

NawatApplication *
nawat_application_new (void)
{
  return g_object_new (NAWAT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

NawatStore *
nawat_application_get_store (NawatApplication *self)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (self), NULL);

  return self->ready ? self->store : NULL;
}

const char *
nawat_application_get_store_path (NawatApplication *self)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (self), NULL);

  return self->store_path;
}

const GError *
nawat_application_get_store_error (NawatApplication *self)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (self), NULL);

  return self->store_error;
}

gboolean
nawat_application_get_ready (NawatApplication *self)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (self), FALSE);

  return self->ready;
}

gboolean
nawat_application_get_imported_demo (NawatApplication *self)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (self), FALSE);

  return self->imported_demo;
}

const char *
nawat_application_get_language (NawatApplication *self)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (self), "en");

  return self->language;
}

GSettings *
nawat_application_get_settings (NawatApplication *self)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (self), NULL);

  return self->settings;
}
