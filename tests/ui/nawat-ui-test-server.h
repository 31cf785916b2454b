/* nawat-ui-test-server.h: UI tests against the test server
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For main () of a test that talks to a server: the test runs again in a
 * session of its own with a keyring (nawat-test-keyring.h), then sets up
 * as nawat_ui_test_init () does.  Returns -1 when main () is to add its
 * tests and run them, else the status main () returns.
 */
int              nawat_ui_test_init_with_keyring (int         *argc,
                                                  char      ***argv,
                                                  const char  *display_test);

/* A test's temporary directory, the test server's folder in it, a store
 * path in it and the running server's URL.
 */
typedef struct
{
  char *dir;
  char *server_dir;
  char *store_path;
  char *url;
} NawatUiTestServer;

/* Makes a directory from @dir_template (e.g. "nawat-round-XXXXXX") and
 * starts the test server in it; the store is @store_name in it.  Returns
 * FALSE, the test failed, when the server did not start.
 */
gboolean         nawat_ui_test_server_start      (NawatUiTestServer  *server,
                                                  const char         *dir_template,
                                                  const char         *store_name);
/* Stops the server, removes the directory and clears @server. */
void             nawat_ui_test_server_stop       (NawatUiTestServer  *server);

G_END_DECLS
