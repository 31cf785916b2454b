/* test-couch.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-couch.h"

#include "nawat-test-http.h"

/* What the server does; read and written under @lock. */
typedef struct
{
  GMutex        lock;
  guint         hits;
  guint         sessions;
  GCancellable *cancel_on_hit;
  char         *last_cookie;
  char         *last_authorization;
  char         *last_accept_encoding;
} Fixture;

static Fixture fx;

static void
fixture_reset (void)
{
  g_mutex_lock (&fx.lock);
  fx.hits = 0;
  fx.sessions = 0;
  g_clear_object (&fx.cancel_on_hit);
  g_clear_pointer (&fx.last_cookie, g_free);
  g_clear_pointer (&fx.last_authorization, g_free);
  g_clear_pointer (&fx.last_accept_encoding, g_free);
  g_mutex_unlock (&fx.lock);
}

static guint
count_hit (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  guint hits;

  g_mutex_lock (&fx.lock);
  hits = ++fx.hits;
  g_free (fx.last_cookie);
  fx.last_cookie = g_strdup (soup_message_headers_get_one (headers, "Cookie"));
  g_free (fx.last_authorization);
  fx.last_authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_free (fx.last_accept_encoding);
  fx.last_accept_encoding = g_strdup (soup_message_headers_get_one (headers, "Accept-Encoding"));
  if (fx.cancel_on_hit != NULL)
    g_cancellable_cancel (fx.cancel_on_hit);
  g_mutex_unlock (&fx.lock);
  return hits;
}

static void
handle_session (SoupServerMessage *msg)
{
  g_autofree char *body = test_http_dup_body (msg);
  g_autofree char *cookie = NULL;
  guint n;

  if (strstr (body, "\"right-pw\"") == NULL)
    {
      test_http_reply (msg, 401, "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}");
      return;
    }
  g_mutex_lock (&fx.lock);
  n = ++fx.sessions;
  g_mutex_unlock (&fx.lock);
  cookie = g_strdup_printf ("AuthSession=token%u; Version=1; Path=/; HttpOnly", n);
  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "Set-Cookie", cookie);
  test_http_reply (msg, 200, "{\"ok\":true,\"name\":\"somchai\",\"roles\":[]}");
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  guint hit;

  if (g_str_equal (path, "/_session"))
    {
      handle_session (msg);
      return;
    }
  if (g_str_has_prefix (path, "/nosession/_session"))
    {
      test_http_reply (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
      return;
    }

  hit = count_hit (msg);

  if (g_str_equal (path, "/flaky"))
    {
      if (hit == 1)
        test_http_reply (msg, 500, "{\"error\":\"internal\",\"reason\":\"boom\"}");
      else if (hit == 2)
        test_http_reply (msg, 503, "{\"error\":\"unavailable\",\"reason\":\"busy\"}");
      else
        test_http_reply (msg, 200, "{\"ok\":true,\"hit\":3}");
    }
  else if (g_str_equal (path, "/down"))
    test_http_reply (msg, 503, "{\"error\":\"unavailable\",\"reason\":\"busy\"}");
  else if (g_str_equal (path, "/drop"))
    {
      if (hit == 1)
        test_http_reply_raw (msg, NULL);
      else
        test_http_reply (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/truncated"))
    {
      if (hit == 1)
        test_http_reply_raw (msg, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 200\r\n\r\n{\"ok\":tr");
      else
        test_http_reply (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/malformed"))
    test_http_reply (msg, 200, "{\"ok\": tru");
  else if (g_str_equal (path, "/forbidden"))
    test_http_reply (msg, 403, "{\"error\":\"forbidden\",\"reason\":\"Only coordinators write projects.\"}");
  else if (g_str_equal (path, "/missing"))
    test_http_reply (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
  else if (g_str_equal (path, "/conflict"))
    test_http_reply (msg, 409, "{\"error\":\"conflict\",\"reason\":\"Document update conflict.\"}");
  else if (g_str_equal (path, "/private"))
    {
      g_autofree char *cookie = NULL;

      g_mutex_lock (&fx.lock);
      cookie = g_strdup (fx.last_cookie);
      g_mutex_unlock (&fx.lock);
      /* The first session token has "expired". */
      if (g_strcmp0 (cookie, "AuthSession=token2") == 0)
        test_http_reply (msg, 200, "{\"secret\":42}");
      else
        test_http_reply (msg, 401, "{\"error\":\"unauthorized\",\"reason\":\"Session expired\"}");
    }
  else if (g_str_equal (path, "/nosession/private"))
    {
      g_autofree char *expected = NULL;
      g_autofree char *authorization = NULL;
      g_autofree char *encoded = g_base64_encode ((const guchar *) "somchai:right-pw", 16);

      expected = g_strconcat ("Basic ", encoded, NULL);
      g_mutex_lock (&fx.lock);
      authorization = g_strdup (fx.last_authorization);
      g_mutex_unlock (&fx.lock);
      if (g_strcmp0 (authorization, expected) == 0)
        test_http_reply (msg, 200, "{\"secret\":43}");
      else
        test_http_reply (msg, 401, "{\"error\":\"unauthorized\",\"reason\":\"no\"}");
    }
  else if (g_str_equal (path, "/redirect"))
    {
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Location", "http://example.org/elsewhere");
      test_http_reply (msg, 302, "{}");
    }
  else if (g_str_equal (path, "/stall"))
    test_http_reply (msg, 503, "{}");
  else
    test_http_reply (msg, 200, "{\"ok\":true}");
}

static TestHttp *http;

static NawatCouch *
new_couch (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (http->url, prefix, NULL);
  NawatCouch *couch;

  fixture_reset ();
  couch = nawat_couch_new (url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (couch);
  nawat_couch_set_retry_policy (couch, 1, 4, 4);
  return couch;
}

static gint64
get_int (JsonNode   *node,
         const char *member)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_int_member (json_node_get_object (node), member);
}

static void
test_retry_then_success (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = nawat_couch_request (couch, "GET", "/flaky", NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (get_int (node, "hit"), ==, 3);
  g_assert_cmpuint (fx.hits, ==, 3);
}

/* Nothing to gain from compressed answers on loopback: none are asked for. */
static void
test_no_compression_on_loopback (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = nawat_couch_request (couch, "GET", "/flaky", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fx.hits, ==, 3);
  g_assert_null (fx.last_accept_encoding);
}

static void
test_retry_bounded (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = nawat_couch_request (couch, "GET", "/down", NULL, &status, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "busy"));
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpuint (fx.hits, ==, 4);
}

static void
test_dropped_connection (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = nawat_couch_request (couch, "GET", "/drop", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (fx.hits, ==, 2);
}

static void
test_truncated_body (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = nawat_couch_request (couch, "GET", "/truncated", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (fx.hits, ==, 2);
}

static void
test_malformed_json (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;

  node = nawat_couch_request (couch, "GET", "/malformed", NULL, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE);

  /* The raw API hands back the bytes as they came. */
  g_clear_error (&error);
  bytes = nawat_couch_send (couch, "GET", "/malformed", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, strlen ("{\"ok\": tru"));
}

static void
test_client_errors (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = nawat_couch_request (couch, "PUT", "/forbidden", NULL, &status, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "Only coordinators write projects."));
  g_assert_cmpuint (status, ==, 403);
  /* 4xx are not retried. */
  g_assert_cmpuint (fx.hits, ==, 1);

  /* Redirects are not followed: they could lead away from https. */
  g_clear_error (&error);
  node = nawat_couch_request (couch, "GET", "/redirect", NULL, &status, NULL, &error);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_BAD_REQUEST);
  g_assert_cmpuint (status, ==, 302);

  g_clear_error (&error);
  node = nawat_couch_request (couch, "GET", "/missing", NULL, &status, NULL, &error);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  node = nawat_couch_request (couch, "PUT", "/conflict", NULL, &status, NULL, &error);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_CONFLICT);
  g_assert_cmpuint (status, ==, 409);
  g_assert_cmpuint (fx.hits, ==, 4);
}

static void
test_session_renewal (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  nawat_couch_set_credentials (couch, "somchai", "right-pw");
  node = nawat_couch_request (couch, "GET", "/private", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_int (node, "secret"), ==, 42);
  /* token1 refused with 401, session renewed once, token2 accepted. */
  g_assert_cmpuint (fx.sessions, ==, 2);
  g_assert_cmpuint (fx.hits, ==, 2);
}

static void
test_wrong_password (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  nawat_couch_set_credentials (couch, "somchai", "wrong-secret-pw");
  node = nawat_couch_request (couch, "GET", "/private", NULL, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Name or password is incorrect."));
  g_assert_null (strstr (error->message, "wrong-secret-pw"));
  g_assert_cmpuint (fx.hits, ==, 0);
}

static void
test_basic_fallback (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("/nosession");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  nawat_couch_set_credentials (couch, "somchai", "right-pw");
  node = nawat_couch_request (couch, "GET", "/private", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_int (node, "secret"), ==, 43);
}

static void
test_https_only (void)
{
  const char *good[] = {
    "https://couch.example.org", "https://couch.example.org:6984/db/",
    "http://127.0.0.1:5984", "http://localhost:5984/", "http://[::1]:5984",
  };
  const char *insecure[] = {
    "http://couch.example.org", "http://10.0.0.1:5984", "http://127.0.0.1.example.org",
  };
  const char *invalid[] = {
    "not a url", "ftp://couch.example.org", "https://", "https://user:pw@example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatCouch) couch = nawat_couch_new (good[i], &error);

      g_assert_no_error (error);
      g_assert_false (g_str_has_suffix (nawat_couch_get_base_url (couch), "/"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatCouch) couch = nawat_couch_new (insecure[i], &error);

      g_assert_null (couch);
      g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INSECURE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatCouch) couch = nawat_couch_new (invalid[i], &error);

      g_assert_null (couch);
      g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE);
      g_assert_null (strstr (error->message, ":pw@"));
    }
}

static void
test_cancellation (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* Already cancelled: nothing is sent. */
  g_cancellable_cancel (cancellable);
  node = nawat_couch_request (couch, "GET", "/flaky", NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fx.hits, ==, 0);

  /* Cancelled while waiting to retry: the long backoff is cut short. */
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  nawat_couch_set_retry_policy (couch, 600000, 600000, 10);
  g_mutex_lock (&fx.lock);
  fx.cancel_on_hit = g_object_ref (cancellable);
  g_mutex_unlock (&fx.lock);
  node = nawat_couch_request (couch, "GET", "/stall", NULL, NULL, cancellable, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fx.hits, ==, 1);
}

static void
on_progress_cb (NawatCouch *couch,
                guint64     received,
                guint64     sent,
                gpointer    user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (received, >=, last[0]);
  last[0] = received;
  last[1] = sent;
  last[2]++;
}

static void
test_progress (void)
{
  g_autoptr(NawatCouch) couch = new_couch ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"docs\":[{\"_id\":\"a\"}]}", NULL);
  g_autoptr(JsonNode) node = NULL;
  guint64 last[3] = { 0, 0, 0 };

  g_signal_connect (couch, "progress", G_CALLBACK (on_progress_cb), last);
  node = nawat_couch_request (couch, "POST", "/anything", body, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last[2], ==, 1);
  g_assert_cmpuint (last[0], ==, strlen ("{\"ok\":true}"));
  g_assert_cmpuint (last[1], ==, strlen ("{\"docs\":[{\"_id\":\"a\"}]}"));
  g_assert_cmpuint (nawat_couch_get_bytes_received (couch), ==, last[0]);
}

static void
test_db_names (void)
{
  g_autofree char *call = nawat_couch_call_db_name ("cmu-2569");
  g_autofree char *eval = nawat_couch_evaluation_db_name ("cmu-2569", "somchai");
  g_autofree char *thai = nawat_couch_evaluation_db_name ("x", "ก");
  g_autofree char *escaped = nawat_couch_escape_db ("a/b+c$(d)");

  g_assert_cmpstr (call, ==, "nawat-cmu-2569");
  g_assert_cmpstr (eval, ==, "nawat-cmu-2569-e-736f6d63686169");
  g_assert_cmpstr (thai, ==, "nawat-x-e-e0b881");
  g_assert_cmpstr (escaped, ==, "a%2Fb%2Bc%24%28d%29");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_mutex_init (&fx.lock);
  http = test_http_start (server_cb, NULL);

  g_test_add_func ("/nawat/couch/retry-then-success", test_retry_then_success);
  g_test_add_func ("/nawat/couch/retry-bounded", test_retry_bounded);
  g_test_add_func ("/nawat/couch/no-compression-on-loopback", test_no_compression_on_loopback);
  g_test_add_func ("/nawat/couch/dropped-connection", test_dropped_connection);
  g_test_add_func ("/nawat/couch/truncated-body", test_truncated_body);
  g_test_add_func ("/nawat/couch/malformed-json", test_malformed_json);
  g_test_add_func ("/nawat/couch/client-errors", test_client_errors);
  g_test_add_func ("/nawat/couch/session-renewal", test_session_renewal);
  g_test_add_func ("/nawat/couch/wrong-password", test_wrong_password);
  g_test_add_func ("/nawat/couch/basic-fallback", test_basic_fallback);
  g_test_add_func ("/nawat/couch/https-only", test_https_only);
  g_test_add_func ("/nawat/couch/cancellation", test_cancellation);
  g_test_add_func ("/nawat/couch/progress", test_progress);
  g_test_add_func ("/nawat/couch/db-names", test_db_names);

  ret = g_test_run ();

  test_http_stop (http);
  fixture_reset ();
  g_mutex_clear (&fx.lock);
  return ret;
}
