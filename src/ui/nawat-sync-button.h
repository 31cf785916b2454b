/* nawat-sync-button.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

/* What the header says about synchronisation, most urgent first. */
typedef enum
{
  /* a round is running (or looking up the password) */
  NAWAT_SYNC_STATE_RUNNING,
  /* no server configured: the store is local */
  NAWAT_SYNC_STATE_LOCAL,
  /* the network is down */
  NAWAT_SYNC_STATE_OFFLINE,
  /* the last round failed, or it needs a password */
  NAWAT_SYNC_STATE_ERROR,
  /* evaluations wait for the user to resolve conflicts */
  NAWAT_SYNC_STATE_CONFLICTS,
  /* edits wait to be sent */
  NAWAT_SYNC_STATE_PENDING,
  /* a server is configured, but this call never synced */
  NAWAT_SYNC_STATE_NEVER,
  NAWAT_SYNC_STATE_UP_TO_DATE,
} NawatSyncState;

#define NAWAT_TYPE_SYNC_STATE  (nawat_sync_state_get_type ())
#define NAWAT_TYPE_SYNC_BUTTON (nawat_sync_button_get_type ())

GType nawat_sync_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (NawatSyncButton, nawat_sync_button, NAWAT, SYNC_BUTTON, GtkWidget)

/* The header's sync button: its main part syncs (or cancels a running
 * round, or opens the preferences when no server is set up), its arrow
 * opens the details.  Rounds run with nawat_sync_run_async(); the password
 * comes from the keyring or, for a round the user started, a prompt.
 * Outcomes are shown as toasts in the AdwToastOverlay it is inside.
 *
 * Properties: "state" (NawatSyncState), "running", "conflicts" (read-only).
 * Signals:
 *   "synced" (NawatSyncButton *self, guint pulled, guint pushed)
 *     a round finished; the store may hold new documents.
 */
NawatSyncButton *nawat_sync_button_new            (void);
/* The application's settings: "server-url" and "server-user". */
void             nawat_sync_button_set_settings   (NawatSyncButton *self,
                                                   GSettings       *settings);
void             nawat_sync_button_set_store      (NawatSyncButton *self,
                                                   NawatStore      *store);
void             nawat_sync_button_set_call_id    (NawatSyncButton *self,
                                                   const char      *call_id);
/* The edits waiting to be sent, as the window counts them. */
void             nawat_sync_button_set_pending    (NawatSyncButton *self,
                                                   gint64           pending);
/* Reads the call's last sync time and its conflicts again. */
void             nawat_sync_button_refresh        (NawatSyncButton *self);
void             nawat_sync_button_set_compact    (NawatSyncButton *self,
                                                   gboolean         compact);
/* Starts a round.  @interactive: the user asked for it, so a missing
 * password is asked for and a missing server opens the preferences.
 */
void             nawat_sync_button_sync           (NawatSyncButton *self,
                                                   gboolean         interactive);
void             nawat_sync_button_cancel         (NawatSyncButton *self);

/* "Synced 5 minutes ago" for @last_sync seen at @now (seconds). */
char            *nawat_sync_format_last_sync      (gint64           last_sync,
                                                   gint64           now);

G_END_DECLS
