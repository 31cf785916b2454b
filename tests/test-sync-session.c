/* test-sync-session.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The password flow of a sync session, against a small server that takes
 * one password, and a real gnome-keyring in a session bus of the test's own.
 */

#include "config.h"

#include "nawat-credentials.h"
#include "nawat-store.h"
#include "nawat-sync-session.h"

#include "nawat-test-http.h"
#include "nawat-test-keyring.h"
#include "nawat-test-network.h"

#define CALL "si-2569"
#define USER "somchai"
#define RIGHT "right-รหัสผ่าน"

/* The server: one account, empty databases. */

static GMutex server_lock;
static guint  logins;
static guint  refusals;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/_session") && g_str_equal (method, "POST"))
    {
      g_autofree char *body = test_http_dup_body (msg);
      g_autoptr(JsonNode) root = json_from_string (body, NULL);
      JsonObject *object = root != NULL ? json_node_get_object (root) : NULL;
      const char *password = object != NULL
                             ? json_object_get_string_member_with_default (object, "password", "")
                             : "";

      g_mutex_lock (&server_lock);
      logins++;
      if (g_str_equal (password, RIGHT))
        {
          soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                       "Set-Cookie", "AuthSession=fake; Path=/");
          test_http_reply (msg, 200, "{\"ok\":true,\"userCtx\":{\"name\":\"" USER "\",\"roles\":[\"nawat-evaluator\"]}}");
        }
      else
        {
          refusals++;
          test_http_reply (msg, 401, "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}");
        }
      g_mutex_unlock (&server_lock);
      return;
    }
  if (g_str_equal (path, "/_session"))
    test_http_reply (msg, 200, "{\"ok\":true,\"userCtx\":{\"name\":\"" USER "\",\"roles\":[\"nawat-evaluator\"]}}");
  else if (g_str_has_suffix (path, "/_changes"))
    test_http_reply (msg, 200, "{\"results\":[],\"last_seq\":\"0\"}");
  else
    test_http_reply (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
}

/* Fixture */

typedef struct
{
  TestHttp   *http;
  char       *dir;
  NawatStore *store;
  /* "password-needed" emissions, and what to answer */
  guint       missing;
  guint       refused;
  char       *last_detail;
  const char *answer;
  gboolean    remember;
} Fixture;

static void
dispatch_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
keyring_password (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *password = nawat_credentials_lookup (fixture->http->url, USER, NULL, &error);

  g_assert_no_error (error);
  return password;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  logins = refusals = 0;
  fixture->http = test_http_start (server_cb, NULL);
  fixture->dir = g_dir_make_tmp ("nawat-sync-session-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  nawat_credentials_clear (fixture->http->url, USER, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  nawat_credentials_clear (fixture->http->url, USER, NULL, NULL);
  g_clear_object (&fixture->store);
  test_http_stop (fixture->http);
  nawat_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->last_detail);
  dispatch_pending ();
}

static void
on_password_needed_cb (NawatSyncSession *session,
                       int               reason,
                       const char       *detail,
                       Fixture          *fixture)
{
  if (reason == NAWAT_SYNC_PASSWORD_MISSING)
    fixture->missing++;
  else
    fixture->refused++;
  g_free (fixture->last_detail);
  fixture->last_detail = g_strdup (detail);
  if (fixture->answer != NULL)
    nawat_sync_session_set_password (session, fixture->answer, fixture->remember);
  /* One answer per question. */
  fixture->answer = NULL;
}

static NawatSyncSession *
new_session (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  NawatSyncSession *session;

  session = nawat_sync_session_new (fixture->store, fixture->http->url, USER, CALL, &error);
  g_assert_no_error (error);
  nawat_couch_set_retry_policy (nawat_sync_session_get_couch (session), 1, 2, 2);
  g_signal_connect (session, "password-needed", G_CALLBACK (on_password_needed_cb), fixture);
  return session;
}

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One round through the async API, driven by the main loop. */
static NawatSyncResult *
run_async (NawatSyncSession  *session,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nawat_sync_session_run_async (session, NULL, on_run_done_cb, &result);
  g_assert_true (nawat_sync_session_get_running (session));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (nawat_sync_session_get_running (session));
  return nawat_sync_session_run_finish (session, result, error);
}

/* Tests */

static void
test_keyring (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(NawatSyncSession) session = NULL;
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_credentials_store (fixture->http->url, USER, RIGHT, NULL, &error));
  g_assert_no_error (error);

  session = new_session (fixture);
  result = nawat_sync_session_run (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_clear_pointer (&result, nawat_sync_result_free);

  result = run_async (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (fixture->missing + fixture->refused, ==, 0);
  g_assert_cmpuint (refusals, ==, 0);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(NawatSyncSession) session = new_session (fixture);
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  /* Nobody answers: the round fails before reaching the server. */
  result = run_async (session, &error);
  g_assert_error (error, NAWAT_SYNC_SESSION_ERROR, NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD);
  g_assert_null (result);
  g_assert_cmpuint (fixture->missing, ==, 1);
  g_assert_null (fixture->last_detail);
  g_assert_cmpuint (logins, ==, 0);
  g_clear_error (&error);

  result = nawat_sync_session_run (session, NULL, &error);
  g_assert_error (error, NAWAT_SYNC_SESSION_ERROR, NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD);
  g_assert_cmpuint (fixture->missing, ==, 2);
  g_clear_error (&error);

  /* An answer during the signal lets the round go on; not remembered. */
  fixture->answer = RIGHT;
  result = run_async (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (fixture->missing, ==, 3);
  g_assert_true (nawat_sync_session_has_password (session));
  stored = keyring_password (fixture);
  g_assert_null (stored);

  /* The password given is used again, without asking. */
  g_clear_pointer (&result, nawat_sync_result_free);
  result = nawat_sync_session_run (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (fixture->missing, ==, 3);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(NawatSyncSession) session = new_session (fixture);
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  /* A wrong password to remember: refused, asked again, nothing stored. */
  nawat_sync_session_set_password (session, "wrong", TRUE);
  result = run_async (session, &error);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED);
  g_assert_null (result);
  g_assert_cmpuint (fixture->refused, ==, 1);
  g_assert_nonnull (fixture->last_detail);
  g_assert_false (nawat_sync_session_has_password (session));
  stored = keyring_password (fixture);
  g_assert_null (stored);
  g_clear_error (&error);

  /* The same through the blocking API. */
  nawat_sync_session_set_password (session, "wrong", TRUE);
  result = nawat_sync_session_run (session, NULL, &error);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (fixture->refused, ==, 2);
  stored = keyring_password (fixture);
  g_assert_null (stored);
  g_clear_error (&error);
}

static void
test_remembered (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(NawatSyncSession) session = new_session (fixture);
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  /* Refused, then answered during the signal: stored once accepted. */
  nawat_sync_session_set_password (session, "wrong", TRUE);
  fixture->answer = RIGHT;
  fixture->remember = TRUE;
  result = run_async (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (fixture->refused, ==, 1);
  stored = keyring_password (fixture);
  g_assert_cmpstr (stored, ==, RIGHT);
  g_clear_pointer (&stored, g_free);
  g_clear_pointer (&result, nawat_sync_result_free);

  /* The blocking API stores it too. */
  nawat_credentials_clear (fixture->http->url, USER, NULL, NULL);
  nawat_sync_session_set_password (session, RIGHT, TRUE);
  result = nawat_sync_session_run (session, NULL, &error);
  g_assert_no_error (error);
  stored = keyring_password (fixture);
  g_assert_cmpstr (stored, ==, RIGHT);
  g_clear_pointer (&stored, g_free);

  /* Not remembered: nothing stored. */
  nawat_credentials_clear (fixture->http->url, USER, NULL, NULL);
  g_clear_pointer (&result, nawat_sync_result_free);
  nawat_sync_session_set_password (session, RIGHT, FALSE);
  result = run_async (session, &error);
  g_assert_no_error (error);
  stored = keyring_password (fixture);
  g_assert_null (stored);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* Asked to, the session starts a round of its own when the network
 * returns, with the keyring's password.
 */
static void
test_network_returns (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(NawatSyncSession) session = new_session (fixture);
  g_autoptr(GError) error = NULL;
  guint returned = 0;
  guint notified = 0;

  g_assert_true (nawat_credentials_store (fixture->http->url, USER, RIGHT, NULL, &error));
  g_assert_no_error (error);
  nawat_sync_session_set_sync_on_network (session, TRUE);
  g_signal_connect_swapped (session, "network-returned", G_CALLBACK (count_signal), &returned);
  g_signal_connect_swapped (session, "notify::network-available", G_CALLBACK (count_signal),
                            &notified);

  nawat_test_network_set_available (FALSE);
  while (nawat_sync_session_get_network_available (session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (logins, ==, 0);

  nawat_test_network_set_available (TRUE);
  while (returned == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (nawat_sync_session_get_running (session));
  while (nawat_sync_session_get_running (session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (logins, ==, 1);
  g_assert_cmpuint (fixture->missing + fixture->refused, ==, 0);
}

static void
test_bad_url (void)
{
  g_autoptr(NawatStore) store = nawat_store_open (":memory:", NULL);
  g_autoptr(NawatSyncSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  session = nawat_sync_session_new (store, "http://example.org", USER, CALL, &error);
  g_assert_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INSECURE);
  g_assert_null (session);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (nawat_test_keyring_home () == NULL)
    return nawat_test_keyring_run (argc, argv);
  if (!nawat_test_keyring_wait ())
    return 1;

  g_test_init (&argc, &argv, NULL);
  nawat_test_network_install ();

#define ADD(name, func) \
  g_test_add ("/nawat/sync-session/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("keyring", test_keyring);
  ADD ("missing", test_missing);
  ADD ("refused", test_refused);
  ADD ("remembered", test_remembered);
  ADD ("network-returns", test_network_returns);
#undef ADD
  g_test_add_func ("/nawat/sync-session/bad-url", test_bad_url);

  status = g_test_run ();
  dispatch_pending ();
  return status;
}
