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

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "nawat-credentials.h"

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

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

/* The daemon started in the background may not own its bus name yet. */
static gboolean
wait_for_keyring (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (bus == NULL)
    return FALSE;

  for (int i = 0; i < 600; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                           -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

/* libsecret 0.20 leaks a little of each item proxy it creates: the child
 * runs with the project's LeakSanitizer suppressions plus one for
 * libsecret's own frames (slow unwinding, so that they are seen through the
 * uninstrumented libraries).
 */
static char **
sanitizer_environ (char       **env,
                   const char  *dir)
{
  const char *lsan = g_environ_getenv (env, "LSAN_OPTIONS");
  const char *asan = g_environ_getenv (env, "ASAN_OPTIONS");
  g_autoptr(GString) supp = g_string_new ("leak:libsecret-1.so.0\n");
  g_autoptr(GString) options = g_string_new (NULL);
  g_autofree char *supp_path = g_build_filename (dir, "lsan.supp", NULL);
  g_autofree char *asan_options = NULL;
  g_auto(GStrv) tokens = g_strsplit (lsan != NULL ? lsan : "", ":", -1);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;

      if (*tokens[i] == '\0')
        continue;
      if (!g_str_has_prefix (tokens[i], "suppressions="))
        {
          g_string_append_printf (options, "%s:", tokens[i]);
          continue;
        }
      if (g_file_get_contents (tokens[i] + strlen ("suppressions="), &contents, NULL, NULL))
        g_string_append (supp, contents);
    }
  g_string_append_printf (options, "suppressions=%s", supp_path);

  g_file_set_contents (supp_path, supp->str, supp->len, &error);
  g_assert_no_error (error);

  asan_options = g_strconcat (asan != NULL ? asan : "", asan != NULL ? ":" : "",
                              "fast_unwind_on_malloc=0", NULL);
  env = g_environ_setenv (env, "LSAN_OPTIONS", options->str, TRUE);
  return g_environ_setenv (env, "ASAN_OPTIONS", asan_options, TRUE);
}

/* Starts this program again under a private session bus with an unlocked
 * gnome-keyring whose home is a temporary directory; returns its exit status.
 */
static int
run_in_keyring_session (int    argc,
                        char **argv)
{
  static const char script[] =
    "export HOME=\"$NAWAT_TEST_KEYRING_HOME\" XDG_DATA_HOME=\"$NAWAT_TEST_KEYRING_HOME/share\" "
    "XDG_RUNTIME_DIR=\"$NAWAT_TEST_KEYRING_HOME/run\"\n"
    "mkdir -p \"$XDG_DATA_HOME\" \"$XDG_RUNTIME_DIR\" && chmod 700 \"$XDG_RUNTIME_DIR\" || exit 1\n"
    "printf unlock-the-test-keyring | "
    "gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null &\n"
    "daemon=$!\n"
    "\"$@\"\n"
    "status=$?\n"
    "kill $daemon 2>/dev/null\n"
    "wait $daemon 2>/dev/null\n"
    "exit $status\n";
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *self = NULL;
  g_auto(GStrv) env = NULL;
  int status = 1;

  home = g_dir_make_tmp ("nawat-keyring-XXXXXX", &error);
  g_assert_no_error (error);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  g_ptr_array_add (args, g_strdup ("dbus-run-session"));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup ("sh"));
  g_ptr_array_add (args, g_strdup ("-c"));
  g_ptr_array_add (args, g_strdup (script));
  g_ptr_array_add (args, g_strdup ("sh"));
  g_ptr_array_add (args, g_strdup (self));
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  env = g_get_environ ();
  env = g_environ_setenv (env, "NAWAT_TEST_KEYRING_HOME", home, TRUE);
  env = sanitizer_environ (env, home);

  if (!g_spawn_sync (NULL, (char **) args->pdata, env,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      /* A missing dbus-run-session or gnome-keyring is a failure, not a skip. */
      g_printerr ("Bail out! cannot start a keyring session: %s\n", error->message);
      status = 1;
    }
  else if (!g_spawn_check_wait_status (status, NULL))
    status = WIFEXITED (status) ? WEXITSTATUS (status) : 1;
  else
    status = 0;

  remove_tree (home);
  return status;
}

int
main (int    argc,
      char **argv)
{
  int status;

  keyring_home = g_getenv ("NAWAT_TEST_KEYRING_HOME");
  if (keyring_home == NULL)
    return run_in_keyring_session (argc, argv);
  if (!wait_for_keyring ())
    {
      g_printerr ("Bail out! gnome-keyring-daemon did not appear on the session bus\n");
      return 1;
    }

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
