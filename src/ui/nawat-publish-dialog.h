/* nawat-publish-dialog.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_PUBLISH_DIALOG (nawat_publish_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NawatPublishDialog, nawat_publish_dialog, NAWAT, PUBLISH_DIALOG, AdwWindow)

/* Publishes @call_id of @store to @server_url as @user (a coordinator),
 * with nawat_publish_run() on a worker thread, and says what it created,
 * updated or what the server refused.  The password comes from the
 * keyring, or is asked for.  When the call's databases do not exist yet,
 * it explains that a server admin prepares the call once, and offers to
 * do it now with an admin's user name and password (used once, never
 * stored): nawat_publish_prepare(), then the publish.  A server that
 * fails publish's security probe (PouchDB Server) is refused unless the
 * user chooses "Publish Anyway".
 *
 * The widgets a test drives are named: "password", "admin-user",
 * "admin-password", "publish-button", and the label "outcome".
 */
NawatPublishDialog *nawat_publish_dialog_new      (GtkWindow          *parent,
                                                   NawatStore         *store,
                                                   const char         *call_id,
                                                   const char         *server_url,
                                                   const char         *user);
/* Starts what the main button offers now, as a click on it does. */
void                nawat_publish_dialog_activate (NawatPublishDialog *self);
/* TRUE while a publish (or a prepare) runs. */
gboolean            nawat_publish_dialog_get_busy (NawatPublishDialog *self);

G_END_DECLS
