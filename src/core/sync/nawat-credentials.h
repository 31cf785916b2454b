/* nawat-credentials.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Passwords of server accounts, kept in the Secret Service (the keyring)
 * under the schema "io.github.nawat.Nawat.Account" with the attributes
 * "server" (the base URL) and "user".  Synchronous: for the CLI and worker
 * threads, never the main thread.
 */
gboolean  nawat_credentials_store  (const char    *server_url,
                                    const char    *user,
                                    const char    *password,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* Returns NULL without an error when no password is stored; free the
 * result with nawat_credentials_free_password() (or g_free()).
 */
char     *nawat_credentials_lookup (const char    *server_url,
                                    const char    *user,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* Succeeds also when no password was stored. */
gboolean  nawat_credentials_clear  (const char    *server_url,
                                    const char    *user,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* The same off the calling thread, for the UI. */
void      nawat_credentials_store_async   (const char           *server_url,
                                           const char           *user,
                                           const char           *password,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  nawat_credentials_store_finish  (GAsyncResult         *result,
                                           GError              **error);
void      nawat_credentials_lookup_async  (const char           *server_url,
                                           const char           *user,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* NULL without an error when no password is stored. */
char     *nawat_credentials_lookup_finish (GAsyncResult         *result,
                                           GError              **error);

/* Wipes the password from memory before freeing it; NULL is allowed. */
void      nawat_credentials_free_password (char *password);

G_END_DECLS
