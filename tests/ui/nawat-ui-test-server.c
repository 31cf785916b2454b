/* nawat-ui-test-server.c: UI tests against the test server
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "nawat-ui-test-server.h"

#include "nawat-test-keyring.h"
#include "nawat-ui-test.h"

int
nawat_ui_test_init_with_keyring (int         *argc,
                                 char      ***argv,
                                 const char  *display_test)
{
  if (nawat_test_keyring_home () == NULL &&
      (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL))
    return nawat_test_keyring_run (*argc, *argv);

  if (!nawat_ui_test_init (argc, argv, display_test))
    return g_test_run ();

  if (!nawat_test_keyring_wait ())
    return 1;
  return -1;
}

gboolean
nawat_ui_test_server_start (NawatUiTestServer *server,
                            const char        *dir_template,
                            const char        *store_name)
{
  g_autoptr(GError) error = NULL;

  server->dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  server->server_dir = g_build_filename (server->dir, "server", NULL);
  server->store_path = g_build_filename (server->dir, store_name, NULL);

  server->url = nawat_ui_test_start_server (server->server_dir);
  if (server->url == NULL)
    {
      g_test_fail_printf ("The PouchDB Server did not start: run build-aux/install-deps");
      return FALSE;
    }
  return TRUE;
}

void
nawat_ui_test_server_stop (NawatUiTestServer *server)
{
  nawat_ui_test_stop_server (server->server_dir);
  nawat_test_remove_tree (server->dir);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->server_dir, g_free);
  g_clear_pointer (&server->store_path, g_free);
  g_clear_pointer (&server->url, g_free);
}
