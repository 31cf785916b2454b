/* nawat-test-keyring.h: a real gnome-keyring for tests
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program starts itself again inside its own session bus
 * (dbus-run-session) with an unlocked gnome-keyring in a temporary home, so
 * the user's keyring is never touched:
 *
 *   if (nawat_test_keyring_home () == NULL)
 *     return nawat_test_keyring_run (argc, argv);
 *   if (!nawat_test_keyring_wait ())
 *     return 1;
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The temporary home of the keyring when this program runs inside its
 * keyring session, else NULL.
 */
const char *nawat_test_keyring_home (void);

/* Starts this program again, with @argv's arguments, under a private
 * session bus with an unlocked gnome-keyring whose home is a temporary
 * directory, removed afterwards; returns the exit status to end with.
 */
int         nawat_test_keyring_run  (int    argc,
                                     char **argv);

/* Inside the session: waits until the keyring owns its bus name.  Returns
 * FALSE, after a TAP "Bail out!" line, when it never does.
 */
gboolean    nawat_test_keyring_wait (void);

/* Removes @path and everything below it, as far as it can; follows no
 * symbolic link.
 */
void        nawat_test_remove_tree  (const char *path);

G_END_DECLS
