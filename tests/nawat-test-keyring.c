/* nawat-test-keyring.c: a real gnome-keyring for tests
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-test-keyring.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#define HOME_VARIABLE "NAWAT_TEST_KEYRING_HOME"

const char *
nawat_test_keyring_home (void)
{
  return g_getenv (HOME_VARIABLE);
}

void
nawat_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          nawat_test_remove_tree (child);
        }
    }
  g_remove (path);
}

/* The daemon started in the background may not own its bus name yet. */
gboolean
nawat_test_keyring_wait (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  for (int i = 0; bus != NULL && i < 600; i++)
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

  g_print ("Bail out! gnome-keyring-daemon did not appear on the session bus\n");
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

int
nawat_test_keyring_run (int    argc,
                        char **argv)
{
  static const char script[] =
    "export HOME=\"$" HOME_VARIABLE "\" XDG_DATA_HOME=\"$" HOME_VARIABLE "/share\" "
    "XDG_RUNTIME_DIR=\"$" HOME_VARIABLE "/run\"\n"
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
  env = g_environ_setenv (env, HOME_VARIABLE, home, TRUE);
  env = sanitizer_environ (env, home);

  if (!g_spawn_sync (NULL, (char **) args->pdata, env,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      /* A missing dbus-run-session or gnome-keyring is a failure, not a skip. */
      g_print ("Bail out! cannot start a keyring session: %s\n", error->message);
      status = 1;
    }
  else if (!g_spawn_check_wait_status (status, NULL))
    status = WIFEXITED (status) ? WEXITSTATUS (status) : 1;
  else
    status = 0;

  nawat_test_remove_tree (home);
  return status;
}
