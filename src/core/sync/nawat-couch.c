/* nawat-couch.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-couch.h"

#include "nawat-json.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#define DEFAULT_INITIAL_DELAY_MS 100
#define DEFAULT_MAX_DELAY_MS     5000
#define DEFAULT_MAX_ATTEMPTS     5
#define DEFAULT_TIMEOUT_S        60

typedef enum
{
  AUTH_NONE,
  AUTH_COOKIE,
  AUTH_BASIC,
} AuthMode;

struct _NawatCouch
{
  GObject      parent_instance;

  char        *base_url;
  SoupSession *session;

  /* Guards the credentials, the cookie and the counters: a couch may be
   * shared by the main thread (settings) and one worker.
   */
  GMutex       lock;
  char        *user;
  char        *password;
  char        *cookie;
  AuthMode     auth_mode;

  guint        initial_delay_ms;
  guint        max_delay_ms;
  guint        max_attempts;

  guint64      bytes_received;
  guint64      bytes_sent;
};

G_DEFINE_FINAL_TYPE (NawatCouch, nawat_couch, G_TYPE_OBJECT)

G_DEFINE_QUARK (nawat-couch-error-quark, nawat_couch_error)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
nawat_couch_dispose (GObject *object)
{
  NawatCouch *self = NAWAT_COUCH (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (nawat_couch_parent_class)->dispose (object);
}

static void
nawat_couch_finalize (GObject *object)
{
  NawatCouch *self = NAWAT_COUCH (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->cookie, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (nawat_couch_parent_class)->finalize (object);
}

static void
nawat_couch_class_init (NawatCouchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nawat_couch_dispose;
  object_class->finalize = nawat_couch_finalize;

  /**
   * NawatCouch::progress:
   * @self: the couch
   * @bytes_received: body bytes received so far by this couch
   * @bytes_sent: body bytes sent so far by this couch
   *
   * Emitted in the thread that sent the request, after each answer.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
nawat_couch_init (NawatCouch *self)
{
  g_mutex_init (&self->lock);
  self->initial_delay_ms = DEFAULT_INITIAL_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0
         || g_strcmp0 (host, "::1") == 0
         || g_strcmp0 (host, "[::1]") == 0
         || g_ascii_strcasecmp (host, "localhost") == 0;
}

NawatCouch *
nawat_couch_new (const char  *base_url,
                 GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(NawatCouch) self = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0
          && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      /* Never echo an address that may carry a password. */
      g_set_error (error, NAWAT_COUCH_ERROR,
                   NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                   _("“%s” is not a valid server address; use https://host[:port]"),
                   strchr (base_url, '@') == NULL ? base_url : "…");
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback (host))
    {
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INSECURE,
                   _("Refusing unencrypted http to “%s”: use https"),
                   host);
      return NULL;
    }

  self = g_object_new (NAWAT_TYPE_COUCH, NULL);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';

  /* TLS certificates are checked by libsoup's default database. */
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_S,
                                                 "user-agent", "Nawat/" PACKAGE_VERSION,
                                                 NULL);
  /* Compressed answers save time across a network; on this machine they
   * only cost the server and us processor time (a pull of 400,000 projects
   * compresses some 860 MB).
   */
  if (is_loopback (host))
    soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  return g_steal_pointer (&self);
}

const char *
nawat_couch_get_base_url (NawatCouch *self)
{
  g_return_val_if_fail (NAWAT_IS_COUCH (self), NULL);

  return self->base_url;
}

void
nawat_couch_set_credentials (NawatCouch *self,
                             const char *user,
                             const char *password)
{
  g_return_if_fail (NAWAT_IS_COUCH (self));

  g_mutex_lock (&self->lock);
  g_free (self->user);
  self->user = g_strdup (user);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);
  g_clear_pointer (&self->cookie, g_free);
  self->auth_mode = AUTH_NONE;
  g_mutex_unlock (&self->lock);
}

const char *
nawat_couch_get_user (NawatCouch *self)
{
  g_return_val_if_fail (NAWAT_IS_COUCH (self), NULL);

  return self->user;
}

void
nawat_couch_set_retry_policy (NawatCouch *self,
                              guint       initial_delay_ms,
                              guint       max_delay_ms,
                              guint       max_attempts)
{
  g_return_if_fail (NAWAT_IS_COUCH (self));

  self->initial_delay_ms = initial_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, initial_delay_ms);
  self->max_attempts = MAX (max_attempts, 1);
}

void
nawat_couch_set_timeout (NawatCouch *self,
                         guint       seconds)
{
  g_return_if_fail (NAWAT_IS_COUCH (self));

  g_object_set (self->session, "timeout", seconds, NULL);
}

/* A byte count, which the threads sending requests update. */
static guint64
read_count (NawatCouch    *self,
            const guint64 *count)
{
  guint64 n;

  g_mutex_lock (&self->lock);
  n = *count;
  g_mutex_unlock (&self->lock);
  return n;
}

guint64
nawat_couch_get_bytes_received (NawatCouch *self)
{
  g_return_val_if_fail (NAWAT_IS_COUCH (self), 0);

  return read_count (self, &self->bytes_received);
}

guint64
nawat_couch_get_bytes_sent (NawatCouch *self)
{
  g_return_val_if_fail (NAWAT_IS_COUCH (self), 0);

  return read_count (self, &self->bytes_sent);
}

/* The "reason" (else "error") of a CouchDB error body, or NULL. */
static char *
dup_reason (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  const char *data;
  gsize size;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "reason")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "reason"))
      && json_object_get_string_member (object, "reason") != NULL)
    return g_utf8_make_valid (json_object_get_string_member (object, "reason"), -1);
  if (json_object_has_member (object, "error")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "error"))
      && json_object_get_string_member (object, "error") != NULL)
    return g_utf8_make_valid (json_object_get_string_member (object, "error"), -1);
  return NULL;
}

static void
set_status_error (GError     **error,
                  guint        status,
                  const char  *path,
                  GBytes      *body)
{
  g_autofree char *reason = dup_reason (body);
  const char *why = reason != NULL ? reason : soup_status_get_phrase (status);

  if (why == NULL)
    why = "";

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED,
                   _("The server did not accept the user name or password: %s"),
                   why);
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_FORBIDDEN,
                   _("The server refused the change: %s"), why);
      break;
    case SOUP_STATUS_NOT_FOUND:
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NOT_FOUND,
                   _("Not found on the server (%s): %s"), path, why);
      break;
    case SOUP_STATUS_CONFLICT:
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_CONFLICT,
                   _("The document was changed on the server: %s"), why);
      break;
    default:
      if (status >= 500)
        g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_SERVER,
                     _("The server failed (HTTP %u): %s"), status, why);
      else
        g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_BAD_REQUEST,
                     _("The server rejected the request (HTTP %u): %s"),
                     status, why);
      break;
    }
}

static gboolean
sleep_cancellable (guint          ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (now >= end)
        return TRUE;
      g_usleep (MIN (end - now, 10000));
    }
}

static char *
dup_basic_auth (const char *user,
                const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  explicit_bzero (pair, strlen (pair));
  return g_strconcat ("Basic ", encoded, NULL);
}

/* Adds the current credentials to @msg; the caller holds no lock. */
static void
add_auth (NawatCouch  *self,
          SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  g_mutex_lock (&self->lock);
  if (self->auth_mode == AUTH_COOKIE && self->cookie != NULL)
    {
      g_autofree char *value = g_strconcat ("AuthSession=", self->cookie, NULL);
      soup_message_headers_replace (headers, "Cookie", value);
    }
  else if (self->auth_mode == AUTH_BASIC && self->user != NULL)
    {
      g_autofree char *value = dup_basic_auth (self->user, self->password != NULL ? self->password : "");
      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
is_retryable_io_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  if (error->domain == G_TLS_ERROR)
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return FALSE;
  return TRUE;
}

static void
set_io_error (GError       **error,
              const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, cause->message);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INSECURE,
                 _("The server’s certificate could not be verified: %s"),
                 cause->message);
  else
    g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NETWORK,
                 _("Could not reach the server: %s"), cause->message);
}

static void
count_bytes (NawatCouch *self,
             gsize       received,
             gsize       sent)
{
  guint64 total_received;
  guint64 total_sent;

  g_mutex_lock (&self->lock);
  self->bytes_received += received;
  self->bytes_sent += sent;
  total_received = self->bytes_received;
  total_sent = self->bytes_sent;
  g_mutex_unlock (&self->lock);

  g_signal_emit (self, signals[PROGRESS], 0, total_received, total_sent);
}

/* One exchange, no retry.  Returns the body (possibly of an error status),
 * or NULL with @error set on a transport failure.
 */
static GBytes *
exchange_once (NawatCouch    *self,
               const char    *method,
               const char    *path_and_query,
               GBytes        *body,
               const char    *content_type,
               gboolean       with_auth,
               guint         *status,
               SoupMessage  **msg_out,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path_and_query, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) answer = NULL;

  *status = 0;
  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                   _("Invalid request path “%s”"), path_and_query);
      return NULL;
    }
  /* A redirect could lead away from https or from the server: refused. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Accept", "application/json");
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  if (with_auth)
    add_auth (self, msg);

  answer = soup_session_send_and_read (self->session, msg, cancellable, error);
  if (answer == NULL)
    return NULL;

  count_bytes (self, g_bytes_get_size (answer),
               body != NULL ? g_bytes_get_size (body) : 0);
  *status = soup_message_get_status (msg);
  if (msg_out != NULL)
    *msg_out = g_steal_pointer (&msg);
  return g_steal_pointer (&answer);
}

/* POST /_session.  Returns FALSE with @error on a refusal; switches to basic
 * auth when the server has no session endpoint.
 */
static gboolean
open_session (NawatCouch    *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoslist(SoupCookie) cookies = NULL;
  char *data;
  gsize length;
  guint status = 0;

  g_mutex_lock (&self->lock);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, self->password != NULL ? self->password : "");
  json_builder_end_object (builder);
  g_mutex_unlock (&self->lock);

  root = json_builder_get_root (builder);
  data = nawat_json_to_string (root, FALSE, NULL);
  length = strlen (data);
  body = g_bytes_new_with_free_func (data, length, g_free, data);

  for (guint attempt = 0; ; attempt++)
    {
      g_clear_pointer (&answer, g_bytes_unref);
      g_clear_object (&msg);
      g_clear_error (&local_error);
      answer = exchange_once (self, "POST", "/_session", body, "application/json",
                              FALSE, &status, &msg, cancellable, &local_error);
      if (answer != NULL && status < 500)
        break;
      if (answer == NULL && !is_retryable_io_error (local_error))
        break;
      if (attempt + 1 >= self->max_attempts)
        break;
      if (!sleep_cancellable (MIN (self->initial_delay_ms << MIN (attempt, 16),
                                   self->max_delay_ms),
                              cancellable, error))
        return FALSE;
    }

  /* Scrub the password from the request copy. */
  explicit_bzero (data, length);

  if (answer == NULL)
    {
      set_io_error (error, local_error);
      return FALSE;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED
      || status == SOUP_STATUS_NOT_IMPLEMENTED)
    {
      g_mutex_lock (&self->lock);
      self->auth_mode = AUTH_BASIC;
      g_mutex_unlock (&self->lock);
      return TRUE;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (error, status, "/_session", answer);
      return FALSE;
    }

  cookies = soup_cookies_from_response (msg);
  for (GSList *l = cookies; l != NULL; l = l->next)
    {
      SoupCookie *cookie = l->data;

      if (g_strcmp0 (soup_cookie_get_name (cookie), "AuthSession") == 0)
        {
          g_mutex_lock (&self->lock);
          g_free (self->cookie);
          self->cookie = g_strdup (soup_cookie_get_value (cookie));
          self->auth_mode = AUTH_COOKIE;
          g_mutex_unlock (&self->lock);
          return TRUE;
        }
    }

  /* A session answer without a cookie: basic auth still works. */
  g_mutex_lock (&self->lock);
  self->auth_mode = AUTH_BASIC;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
needs_session (NawatCouch *self)
{
  gboolean needs;

  g_mutex_lock (&self->lock);
  needs = self->user != NULL && self->auth_mode == AUTH_NONE;
  g_mutex_unlock (&self->lock);
  return needs;
}

static gboolean
uses_cookie (NawatCouch *self)
{
  gboolean cookie;

  g_mutex_lock (&self->lock);
  cookie = self->auth_mode == AUTH_COOKIE;
  g_mutex_unlock (&self->lock);
  return cookie;
}

/* Parses @bytes; NULL with NAWAT_COUCH_ERROR_INVALID_RESPONSE when not JSON. */
static JsonNode *
parse_json (GBytes  *bytes,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || !g_utf8_validate (data, size, NULL)
      || !json_parser_load_from_data (parser, data, size, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      /* The parser's message quotes a piece of the answer: for the log
       * only, not for the person syncing.
       */
      if (local_error != NULL)
        g_debug ("Invalid JSON from the server: %s", local_error->message);
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                   _("The server sent an invalid answer: %s"), _("not JSON"));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static GBytes *
couch_exchange_typed (NawatCouch    *self,
                      const char    *method,
                      const char    *path_and_query,
                      GBytes        *body,
                      const char    *content_type,
                      gboolean       want_json,
                      JsonNode     **node_out,
                      guint         *status_out,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) last_error = NULL;
  gboolean renewed = FALSE;
  guint status = 0;

  if (status_out != NULL)
    *status_out = 0;

  if (needs_session (self) && !open_session (self, cancellable, error))
    return NULL;

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) local_error = NULL;

      /* Every branch below that does not return or continue retries. */
      answer = exchange_once (self, method, path_and_query, body,
                              content_type, TRUE, &status, NULL,
                              cancellable, &local_error);
      if (status_out != NULL)
        *status_out = status;

      if (answer == NULL)
        {
          if (!is_retryable_io_error (local_error))
            {
              set_io_error (error, local_error);
              return NULL;
            }
          g_clear_error (&last_error);
          set_io_error (&last_error, local_error);
        }
      else if (status == SOUP_STATUS_UNAUTHORIZED && !renewed && uses_cookie (self))
        {
          /* The session expired: open a new one and try again, once. */
          renewed = TRUE;
          if (!open_session (self, cancellable, error))
            return NULL;
          attempt--;
          continue;
        }
      else if (status >= 500 || status < 100)
        {
          g_clear_error (&last_error);
          set_status_error (&last_error, status, path_and_query, answer);
        }
      else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          set_status_error (error, status, path_and_query, answer);
          return NULL;
        }
      else if (want_json)
        {
          JsonNode *node = parse_json (answer, &local_error);

          if (node == NULL)
            {
              g_clear_error (&last_error);
              last_error = g_steal_pointer (&local_error);
            }
          else
            {
              *node_out = node;
              return g_steal_pointer (&answer);
            }
        }
      else
        {
          return g_steal_pointer (&answer);
        }

      if (attempt + 1 >= self->max_attempts)
        break;
      if (!sleep_cancellable (MIN ((guint64) self->initial_delay_ms << MIN (attempt, 16),
                                   self->max_delay_ms),
                              cancellable, error))
        return NULL;
    }

  g_propagate_error (error, g_steal_pointer (&last_error));
  return NULL;
}

static GBytes *
couch_exchange (NawatCouch    *self,
                const char    *method,
                const char    *path_and_query,
                GBytes        *body,
                gboolean       want_json,
                JsonNode     **node_out,
                guint         *status_out,
                GCancellable  *cancellable,
                GError       **error)
{
  return couch_exchange_typed (self, method, path_and_query, body, "application/json",
                               want_json, node_out, status_out, cancellable, error);
}

GBytes *
nawat_couch_send (NawatCouch    *self,
                  const char    *method,
                  const char    *path_and_query,
                  GBytes        *json_body,
                  guint         *status_out,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (NAWAT_IS_COUCH (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);

  return couch_exchange (self, method, path_and_query, json_body, FALSE, NULL,
                         status_out, cancellable, error);
}

JsonNode *
nawat_couch_request (NawatCouch    *self,
                     const char    *method,
                     const char    *path_and_query,
                     JsonNode      *body,
                     guint         *status_out,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return nawat_couch_request_text (self, method, path_and_query, body, NULL, status_out,
                                   cancellable, error);
}

JsonNode *
nawat_couch_request_text (NawatCouch    *self,
                          const char    *method,
                          const char    *path_and_query,
                          JsonNode      *body,
                          GBytes       **text_out,
                          guint         *status_out,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) answer = NULL;
  JsonNode *node = NULL;

  g_return_val_if_fail (NAWAT_IS_COUCH (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);

  if (body != NULL)
    {
      gsize length;
      char *data = nawat_json_to_string (body, FALSE, NULL);

      length = strlen (data);
      bytes = g_bytes_new_take (data, length);
    }

  answer = couch_exchange (self, method, path_and_query, bytes, TRUE, &node,
                           status_out, cancellable, error);
  if (answer == NULL)
    return NULL;
  if (text_out != NULL)
    *text_out = g_steal_pointer (&answer);
  return node;
}

char *
nawat_couch_escape_db (const char *db_name)
{
  g_return_val_if_fail (db_name != NULL, NULL);

  return g_uri_escape_string (db_name, NULL, FALSE);
}

char *
nawat_couch_call_db_name (const char *call_id)
{
  g_return_val_if_fail (call_id != NULL, NULL);

  return g_strconcat ("nawat-", call_id, NULL);
}

char *
nawat_couch_evaluation_db_name (const char *call_id,
                                const char *user)
{
  GString *name;

  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);

  name = g_string_new ("nawat-");
  g_string_append (name, call_id);
  g_string_append (name, "-e-");
  for (const guchar *p = (const guchar *) user; *p != '\0'; p++)
    g_string_append_printf (name, "%02x", *p);
  return g_string_free (name, FALSE);
}

/* Streams */

/* Sends GET @path_and_query, from byte @offset when it is over 0; the
 * answer's status, its stream, or NULL with @error on a transport failure.
 */
static GInputStream *
open_once (NawatCouch    *self,
           const char    *path_and_query,
           gint64         offset,
           SoupMessage  **msg_out,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path_and_query, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  GInputStream *stream;

  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    {
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                   _("Invalid request path “%s”"), path_and_query);
      return NULL;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "*/*");
  if (offset > 0)
    soup_message_headers_set_range (soup_message_get_request_headers (msg), offset, -1);
  add_auth (self, msg);

  stream = soup_session_send (self->session, msg, cancellable, error);
  if (stream != NULL)
    *msg_out = g_steal_pointer (&msg);
  return stream;
}

GInputStream *
nawat_couch_open_read (NawatCouch    *self,
                       const char    *path_and_query,
                       gint64         offset,
                       gint64        *offset_out,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) last_error = NULL;
  gboolean renewed = FALSE;

  g_return_val_if_fail (NAWAT_IS_COUCH (self), NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);
  g_return_val_if_fail (offset_out != NULL, NULL);

  *offset_out = 0;
  if (needs_session (self) && !open_session (self, cancellable, error))
    return NULL;

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      guint status;

      stream = open_once (self, path_and_query, offset, &msg, cancellable, &local_error);
      if (stream == NULL)
        {
          if (!is_retryable_io_error (local_error))
            {
              set_io_error (error, local_error);
              return NULL;
            }
          g_clear_error (&last_error);
          set_io_error (&last_error, local_error);
        }
      else if ((status = soup_message_get_status (msg)) == SOUP_STATUS_OK)
        {
          return g_steal_pointer (&stream);
        }
      else if (status == SOUP_STATUS_PARTIAL_CONTENT)
        {
          goffset start = 0;
          goffset end = 0;
          goffset total = 0;

          /* Only the range asked for, from where it was asked. */
          if (!soup_message_headers_get_content_range (soup_message_get_response_headers (msg),
                                                       &start, &end, &total) || start != offset)
            {
              g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                           _("The server sent an invalid answer: %s"),
                           _("not the part of the file asked for"));
              return NULL;
            }
          *offset_out = start;
          return g_steal_pointer (&stream);
        }
      else
        {
          g_autoptr(GBytes) body = g_input_stream_read_bytes (stream, 64 * 1024, cancellable,
                                                              NULL);

          if (status == SOUP_STATUS_UNAUTHORIZED && !renewed && uses_cookie (self))
            {
              renewed = TRUE;
              if (!open_session (self, cancellable, error))
                return NULL;
              attempt--;
              continue;
            }
          if (status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE && offset > 0)
            {
              /* From the start, then. */
              offset = 0;
              attempt--;
              continue;
            }
          if (status < 500)
            {
              set_status_error (error, status, path_and_query, body);
              return NULL;
            }
          g_clear_error (&last_error);
          set_status_error (&last_error, status, path_and_query, body);
        }

      if (attempt + 1 >= self->max_attempts)
        break;
      if (!sleep_cancellable (MIN ((guint64) self->initial_delay_ms << MIN (attempt, 16),
                                   self->max_delay_ms),
                              cancellable, error))
        return NULL;
    }

  g_propagate_error (error, g_steal_pointer (&last_error));
  return NULL;
}

JsonNode *
nawat_couch_request_bytes (NawatCouch    *self,
                           const char    *method,
                           const char    *path_and_query,
                           GBytes        *body,
                           const char    *content_type,
                           guint         *status_out,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GBytes) answer = NULL;
  JsonNode *node = NULL;

  g_return_val_if_fail (NAWAT_IS_COUCH (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path_and_query != NULL && path_and_query[0] == '/', NULL);
  g_return_val_if_fail (body != NULL && content_type != NULL, NULL);

  answer = couch_exchange_typed (self, method, path_and_query, body, content_type, TRUE, &node,
                                 status_out, cancellable, error);
  if (answer == NULL)
    return NULL;
  return node;
}
