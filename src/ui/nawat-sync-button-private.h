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

G_END_DECLS
