/* test-credentials.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against a real gnome-keyring: the program starts itself again inside
 * its own session bus (dbus-run-session) with an unlocked keyring in a
 * temporary home, so the user's keyring is never touched.
 */

#include "config.h"

#include <string.h>

#include "nawat-credentials.h"
#include "nawat-test-keyring.h"

#define SERVER "https://couch.example.org:6984"
#define PASSWORD "s3cret-นวัตกรรม-pw"

static const char *keyring_home;

/* libsecret's proxies receive the keyring's signals (ItemCreated, …) in the
 * default main context; dispatch them so that nothing stays queued at exit.
 */
static void
dispatch_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  char *password;
  gboolean ok;

  password = nawat_credentials_lookup (SERVER, "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  ok = nawat_credentials_store (SERVER, "somchai", PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  password = nawat_credentials_lookup (SERVER, "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);
  nawat_credentials_free_password (password);

  /* The same server written with a final slash is the same account. */
  password = nawat_credentials_lookup (SERVER "/", "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);
  nawat_credentials_free_password (password);

  /* Another user, or another server, has no password. */
  password = nawat_credentials_lookup (SERVER, "malee", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);
  password = nawat_credentials_lookup ("https://other.example.org", "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  /* Storing again replaces the password. */
  ok = nawat_credentials_store (SERVER, "somchai", "second", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  password = nawat_credentials_lookup (SERVER, "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "second");
  nawat_credentials_free_password (password);

  ok = nawat_credentials_clear (SERVER, "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  password = nawat_credentials_lookup (SERVER, "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  /* Clearing what is not there is no error. */
  ok = nawat_credentials_clear (SERVER, "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_two_accounts (void)
{
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_true (nawat_credentials_store (SERVER, "somchai", "somchai-pw", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_credentials_store (SERVER, "malee", "malee-pw", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (nawat_credentials_clear (SERVER, "malee", NULL, &error));
  g_assert_no_error (error);

  password = nawat_credentials_lookup (SERVER, "somchai", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "somchai-pw");
  nawat_credentials_free_password (password);
  password = nawat_credentials_lookup (SERVER, "malee", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  g_assert_true (nawat_credentials_clear (SERVER, "somchai", NULL, &error));
  g_assert_no_error (error);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (nawat_credentials_store (SERVER, "somchai", PASSWORD, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= length && i <= length - n; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (void)
{
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  nawat_credentials_store_async (SERVER, "malee", PASSWORD, NULL, on_result_cb, &stored);
  g_assert_true (nawat_credentials_store_finish (wait_for_result (&stored), &error));
  g_assert_no_error (error);

  nawat_credentials_lookup_async (SERVER, "malee", NULL, on_result_cb, &found);
  password = nawat_credentials_lookup_finish (wait_for_result (&found), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);
  nawat_credentials_free_password (password);

  g_assert_true (nawat_credentials_clear (SERVER, "malee", NULL, &error));
  g_assert_no_error (error);

  nawat_credentials_lookup_async (SERVER, "malee", NULL, on_result_cb, &missing);
  password = nawat_credentials_lookup_finish (wait_for_result (&missing), &error);
  g_assert_no_error (error);
  g_assert_null (password);
}

/* Returns TRUE when some file under @path holds @needle. */
static gboolean
tree_contains (const char *path,
               const char *needle)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return FALSE;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        return FALSE;
      return bytes_contain (contents, length, needle);
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (tree_contains (child, needle))
        return TRUE;
    }
  return FALSE;
}

static void
test_never_in_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring_file = NULL;

  g_assert_true (nawat_credentials_store (SERVER, "somchai", PASSWORD, NULL, &error));
  g_assert_no_error (error);

  /* The keyring was written to disk, encrypted: the password is in no file. */
  keyring_file = g_build_filename (keyring_home, "share", "keyrings", "login.keyring", NULL);
  g_assert_true (g_file_test (keyring_file, G_FILE_TEST_EXISTS));
  g_assert_false (tree_contains (keyring_home, PASSWORD));

  g_assert_true (nawat_credentials_clear (SERVER, "somchai", NULL, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  int status;

  keyring_home = nawat_test_keyring_home ();
  if (keyring_home == NULL)
    return nawat_test_keyring_run (argc, argv);
  if (!nawat_test_keyring_wait ())
    return 1;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/credentials/round-trip", test_round_trip);
  g_test_add_func ("/nawat/credentials/two-accounts", test_two_accounts);
  g_test_add_func ("/nawat/credentials/cancelled", test_cancelled);
  g_test_add_func ("/nawat/credentials/async", test_async);
  g_test_add_func ("/nawat/credentials/never-in-files", test_never_in_files);

  status = g_test_run ();
  dispatch_pending ();
  return status;
}
