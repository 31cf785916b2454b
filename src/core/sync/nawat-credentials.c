/* nawat-credentials.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-credentials.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "io.github.nawat.Nawat.Account",
    SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The same server written with or without a final slash is one account. */
static char *
normalize_url (const char *server_url)
{
  gsize len = strlen (server_url);

  while (len > 0 && server_url[len - 1] == '/')
    len--;
  return g_strndup (server_url, len);
}

static void
prefix_error (GError     **error,
              const char  *what)
{
  if (error != NULL && *error != NULL &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, "%s: ", what);
}

gboolean
nawat_credentials_store (const char    *server_url,
                         const char    *user,
                         const char    *password,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *server = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  server = normalize_url (server_url);
  /* Translators: the name of a password in the keyring; %s are a user name
   * and a server address. */
  label = g_strdup_printf (_("Nawat account %s on %s"), user, server);

  if (!secret_password_store_sync (account_schema (), SECRET_COLLECTION_DEFAULT, label,
                                   password, cancellable, error,
                                   "server", server,
                                   "user", user,
                                   NULL))
    {
      prefix_error (error, _("Could not store the password in the keyring"));
      return FALSE;
    }

  return TRUE;
}

char *
nawat_credentials_lookup (const char    *server_url,
                          const char    *user,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *server = NULL;
  GError *local_error = NULL;
  GList *items = NULL;
  char *password = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  server = normalize_url (server_url);
  items = secret_password_search_sync (account_schema (),
                                       SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                       cancellable, &local_error,
                                       "server", server,
                                       "user", user,
                                       NULL);
  if (local_error == NULL && items != NULL)
    {
      g_autoptr(SecretValue) value = NULL;

      value = secret_retrievable_retrieve_secret_sync (items->data, cancellable, &local_error);
      if (value != NULL)
        password = g_strdup (secret_value_get_text (value));
    }
  g_list_free_full (items, g_object_unref);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      prefix_error (error, _("Could not read the password from the keyring"));
      return NULL;
    }

  return password;
}

gboolean
nawat_credentials_clear (const char    *server_url,
                         const char    *user,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *server = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  server = normalize_url (server_url);
  /* FALSE without an error means there was nothing to remove. */
  secret_password_clear_sync (account_schema (), cancellable, &local_error,
                              "server", server,
                              "user", user,
                              NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      prefix_error (error, _("Could not remove the password from the keyring"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char *server_url;
  char *user;
  char *password;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->server_url);
  g_free (request->user);
  nawat_credentials_free_password (request->password);
  g_free (request);
}

/* Runs @thread on a copy of the request, in a worker thread. */
static void
run_request (const char          *server_url,
             const char          *user,
             const char          *password,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag,
             GTaskThreadFunc      thread)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->server_url = g_strdup (server_url);
  request->user = g_strdup (user);
  request->password = g_strdup (password);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, thread);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;

  if (nawat_credentials_store (request->server_url, request->user, request->password,
                               cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
nawat_credentials_store_async (const char          *server_url,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (user != NULL);
  g_return_if_fail (password != NULL);

  run_request (server_url, user, password, cancellable, callback, user_data,
               nawat_credentials_store_async, store_thread);
}

gboolean
nawat_credentials_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nawat_credentials_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  char *password;

  password = nawat_credentials_lookup (request->server_url, request->user, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) nawat_credentials_free_password);
}

void
nawat_credentials_lookup_async (const char          *server_url,
                                const char          *user,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (user != NULL);

  run_request (server_url, user, NULL, cancellable, callback, user_data,
               nawat_credentials_lookup_async, lookup_thread);
}

char *
nawat_credentials_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nawat_credentials_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
nawat_credentials_free_password (char *password)
{
  if (password == NULL)
    return;
  secret_password_wipe (password);
  g_free (password);
}
