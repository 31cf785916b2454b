/* nawat-sync-private.h: what the sync engine's files share
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "nawat-sync.h"

G_BEGIN_DECLS

struct _NawatSync
{
  GObject          parent_instance;

  NawatStore      *store;
  NawatCouch      *couch;
  char            *call_id;
  char            *user;
  guint            batch_size;

  GNetworkMonitor *monitor;
  gboolean         network_available;
  gboolean         running;
};

/* The state of one round. */
typedef struct
{
  NawatSync       *self;
  GCancellable    *cancellable;
  NawatSyncResult *result;
  /* where "progress" goes; NULL: emitted in the running thread */
  GMainContext    *context;
  guint            documents;
  /* evaluations refused or failed in this round: not pushed again */
  GHashTable      *skip;
  /* the user coordinates the call: their store's edits of any evaluator's
   * evaluation (a reopening) go to that evaluator's database
   */
  gboolean         coordinator;
  /* bytes of the files' contents fetched (or found partly fetched), and
   * what the files lacking came to at the start
   */
  gint64           files_done;
  gint64           files_total;
} NawatSyncRound;

/* What the evaluations pulled from an evaluation database are checked
 * against: the call and its rubric as the store holds them (NULL when
 * missing).
 */
typedef struct
{
  NawatCall   *call;
  NawatRubric *rubric;
} NawatSyncRules;

/* nawat-sync.c */

/* Adds "<@id>: <@reason>" to the round's messages. */
void             _nawat_sync_add_message      (NawatSyncRound   *round,
                                               const char       *id,
                                               const char       *reason);
/* Emits "progress" with the documents and bytes moved so far. */
void             _nawat_sync_report_progress  (NawatSyncRound   *round);
/* The string member @name of @object, or NULL. */
const char      *_nawat_sync_member_string    (JsonObject       *object,
                                               const char       *name);
/* Sets @error to an invalid answer of the server about @what; FALSE. */
gboolean         _nawat_sync_invalid_answer   (const char       *what,
                                               GError          **error);

/* nawat-sync-pull.c */

void             _nawat_sync_rules_clear      (NawatSyncRules   *rules);
gboolean         _nawat_sync_load_rules       (NawatSync        *self,
                                               NawatSyncRules   *rules,
                                               GError          **error);
char            *_nawat_sync_dup_refusal      (NawatSync        *self,
                                               NawatSyncRules   *rules,
                                               const char       *owner,
                                               NawatEvaluation  *evaluation);
/* Pulls the call database, then the evaluation databases of the round. */
gboolean         _nawat_sync_pull_all         (NawatSyncRound   *round,
                                               GError          **error);

/* nawat-sync-push.c */

/* Pushes the outbox's evaluations of the round, merging on conflicts. */
gboolean         _nawat_sync_push_all         (NawatSyncRound   *round,
                                               GError          **error);
/* Counts the conflicts and the edits left in the outbox once the round is over. */
gboolean         _nawat_sync_count_left       (NawatSyncRound   *round,
                                               GError          **error);

/* nawat-sync-attachments.c */

/* Fetches the contents of the call's files the store lacks. */
gboolean         _nawat_sync_pull_attachments (NawatSyncRound  *round,
                                               GError         **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NawatSyncRules, _nawat_sync_rules_clear)

G_END_DECLS
