/* nawat-preferences.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NAWAT_TYPE_PREFERENCES (nawat_preferences_get_type ())

G_DECLARE_FINAL_TYPE (NawatPreferences, nawat_preferences, NAWAT, PREFERENCES, AdwPreferencesWindow)

/* The preferences window, its rows bound to @settings (the application's
 * io.github.nawat.Nawat settings), modal over @parent.
 */
NawatPreferences *nawat_preferences_new                  (GtkWindow   *parent,
                                                          GSettings   *settings);

/* Whether @url can be the sync server: empty (no server), https, or http on
 * a loopback address.  Otherwise fills @error (G_IO_ERROR_INVALID_ARGUMENT)
 * with a message for people.
 */
gboolean          nawat_preferences_check_server_url     (const char  *url,
                                                          GError     **error);
/* Whether @name can be an evaluator's user name (printable ASCII, no ':'). */
gboolean          nawat_preferences_check_evaluator_name (const char  *name,
                                                          GError     **error);

/* The About window, modal over @parent. */
void              nawat_show_about                       (GtkWindow   *parent);

G_END_DECLS
