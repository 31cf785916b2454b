/* nawat-sync-button-private.h: what the tests read of the sync button
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-sync-button.h"

G_BEGIN_DECLS

/* How many documents a sync kept aside, and their list as the popover
 * shows it (NULL while it is hidden).
 */
guint       _nawat_sync_button_get_quarantined (NawatSyncButton *self);
const char *_nawat_sync_button_get_kept_aside  (NawatSyncButton *self);
/* The last round's progress as the details show it while it runs. */
const char *_nawat_sync_button_get_progress    (NawatSyncButton *self);

NawatSyncState   nawat_sync_button_get_state      (NawatSyncButton *self);
gboolean         nawat_sync_button_get_running    (NawatSyncButton *self);
guint            nawat_sync_button_get_conflicts  (NawatSyncButton *self);
/* The short state on the button ("Up to date", "3 pending", …) and the
 * details under it ("Synced 5 minutes ago", an error's reason, …).
 */
const char      *nawat_sync_button_get_label      (NawatSyncButton *self);
const char      *nawat_sync_button_get_detail     (NawatSyncButton *self);
/* Seconds since the epoch of the call's last round, 0 when never. */
gint64           nawat_sync_button_get_last_sync  (NawatSyncButton *self);
/* The password prompt while it is shown, else NULL. */
AdwMessageDialog *nawat_sync_button_get_password_dialog (NawatSyncButton *self);

G_END_DECLS
