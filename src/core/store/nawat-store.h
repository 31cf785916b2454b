/* nawat-store.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-call.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"
#include "nawat-rubric.h"

G_BEGIN_DECLS

#define NAWAT_STORE_ERROR (nawat_store_error_quark ())

typedef enum
{
  /* the file is not an SQLite database, or is damaged */
  NAWAT_STORE_ERROR_CORRUPT,
  /* an SQLite database of another application */
  NAWAT_STORE_ERROR_FOREIGN,
  /* written by a newer version of Nawat */
  NAWAT_STORE_ERROR_TOO_NEW,
  NAWAT_STORE_ERROR_NOT_FOUND,
  /* a document or an edit that fails validation */
  NAWAT_STORE_ERROR_INVALID,
  /* any other SQLite failure (disk full, I/O) */
  NAWAT_STORE_ERROR_FAILED,
  /* another connection held the write lock longer than the store waits */
  NAWAT_STORE_ERROR_BUSY,
} NawatStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define NAWAT_STORE_SCHEMA_VERSION 11

typedef struct
{
  gint64 calls;
  gint64 projects;
  gint64 evaluations;
  gint64 submitted;
  gint64 drafts;
  gint64 pending_push;
} NawatStoreStats;

#define NAWAT_TYPE_STORE (nawat_store_get_type ())

G_DECLARE_FINAL_TYPE (NawatStore, nawat_store, NAWAT, STORE, GObject)

/* Opens (creating when missing, migrating when older) the store at @path.
 * A file that is not a Nawat store is reported and never written to.
 * NawatStore implements GInitable and GAsyncInitable: the UI opens it with
 * g_async_initable_new_async (NAWAT_TYPE_STORE, …, "path", path, NULL).
 */
GQuark           nawat_store_error_quark              (void);
NawatStore      *nawat_store_open                     (const char       *path,
                                                       GError          **error);
const char      *nawat_store_get_path                 (NawatStore       *self);
/* The default store: $XDG_DATA_HOME/nawat/<profile>.db ("demo" or a server). */
char            *nawat_store_dup_default_path         (const char       *profile);

/* Stores documents (as parsed by the codec) in one transaction: all or none. */
gboolean         nawat_store_put_documents            (NawatStore       *self,
                                                       GPtrArray        *documents,
                                                       GError          **error);
/* Validates and stores a JSON array or {"docs": [...]} in one transaction;
 * on invalid documents returns FALSE, fills @problems and changes nothing.
 */
gboolean         nawat_store_import_data              (NawatStore       *self,
                                                       const char       *data,
                                                       gsize             length,
                                                       guint            *n_imported,
                                                       GPtrArray       **problems,
                                                       GError          **error);
/* The same for a file, read in bounded pieces so that memory does not
 * grow with its size.
 */
gboolean         nawat_store_import_file              (NawatStore       *self,
                                                       const char       *path,
                                                       guint            *n_imported,
                                                       GPtrArray       **problems,
                                                       GError          **error);
gboolean         nawat_store_is_empty                 (NawatStore       *self);

/* Calls, ordered by year (newest first) then id. */
GPtrArray       *nawat_store_list_calls               (NawatStore       *self,
                                                       GError          **error);
NawatCall       *nawat_store_get_call                 (NawatStore       *self,
                                                       const char       *id,
                                                       GError          **error);
NawatRubric     *nawat_store_get_rubric               (NawatStore       *self,
                                                       const char       *id,
                                                       GError          **error);
/* The rubric @call is scored against: the one it names, or the default
 * rubric when it names none or the store does not hold it.
 */
NawatRubric     *nawat_store_get_call_rubric          (NawatStore       *self,
                                                       NawatCall        *call,
                                                       GError          **error);
NawatProject    *nawat_store_get_project              (NawatStore       *self,
                                                       const char       *id,
                                                       GError          **error);
NawatEvaluation *nawat_store_get_evaluation           (NawatStore       *self,
                                                       const char       *id,
                                                       GError          **error);
/* Every evaluation of @project_id, ordered by evaluator. */
GPtrArray       *nawat_store_list_evaluations         (NawatStore       *self,
                                                       const char       *project_id,
                                                       GError          **error);

/* At most @limit projects of @call_id (NawatProject) whose code sorts after
 * @after_code (NULL: from the first), ordered by code: a call is read page by
 * page, so memory does not grow with its size.
 */
GPtrArray       *nawat_store_list_projects_page       (NawatStore       *self,
                                                       const char       *call_id,
                                                       const char       *after_code,
                                                       guint             limit,
                                                       GError          **error);

/* Changes an evaluation in place: called inside the store's write
 * transaction with the version stored at that moment (@stored TRUE), or
 * with a copy of the caller's initial version when none is stored yet;
 * returns FALSE with @error to change nothing.  It must not call the store.
 */
typedef gboolean (*NawatStoreEditFunc) (NawatEvaluation  *evaluation,
                                        gboolean          stored,
                                        gpointer          user_data,
                                        GError          **error);

/* Reads evaluation @id, applies @edit to it and stores the result (checked
 * against its rubric, in the outbox), all in one write transaction: no
 * other writer (another process, the autosave, a sync) comes between the
 * read and the write, so none of their saves is lost.  When @id is not
 * stored, @edit changes a copy of @initial, or the call fails with
 * NAWAT_STORE_ERROR_NOT_FOUND when @initial is NULL.  An edit that leaves
 * the stored version as it was writes nothing (and queues nothing for
 * push).  Returns the version stored.  Waits for the saves asked for before, as the functions below.
 */
NawatEvaluation *nawat_store_edit_evaluation          (NawatStore          *self,
                                                       const char          *id,
                                                       NawatEvaluation     *initial,
                                                       NawatStoreEditFunc   edit,
                                                       gpointer             user_data,
                                                       GError             **error);

/* The form's path: stores the changes from @base (the version the caller
 * started from; NULL: every field) to @evaluation, applied to the version
 * stored now, in one write transaction.  Fields @evaluation did not change
 * keep their stored value, so that a change made meanwhile by another
 * process or a sync stays; a field changed both here and there takes
 * @evaluation's value and counts in @n_clashes (may be NULL).  Returns the
 * version stored, which the caller adopts as its next @base.
 */
NawatEvaluation *nawat_store_save_changes             (NawatStore          *self,
                                                       NawatEvaluation     *base,
                                                       NawatEvaluation     *evaluation,
                                                       guint               *n_clashes,
                                                       GError             **error);
/* The same on the store's database thread (see
 * nawat_store_save_evaluation_async()), of @base and @evaluation as they
 * are now.
 */
void             nawat_store_save_changes_async       (NawatStore          *self,
                                                       NawatEvaluation     *base,
                                                       NawatEvaluation     *evaluation,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
NawatEvaluation *nawat_store_save_changes_finish      (NawatStore          *self,
                                                       GAsyncResult        *result,
                                                       guint               *n_clashes,
                                                       GError             **error);

/* Replaces the stored evaluation with @evaluation as a whole, checked
 * against its rubric, in the outbox, in one short transaction: for a
 * version made from nothing (tests, tools).  An edit of a stored version
 * goes through nawat_store_edit_evaluation() or nawat_store_save_changes(),
 * which cannot lose another writer's change.  When this returns TRUE the
 * edit survives the process being killed.  It comes after the saves asked
 * for before with nawat_store_save_evaluation_async(), and waits for them.
 */
gboolean         nawat_store_save_evaluation          (NawatStore       *self,
                                                       NawatEvaluation  *evaluation,
                                                       GError          **error);

/* The same, made on the store's database thread, so that the caller never
 * waits for a pull or the search index writing: saves are made one at a
 * time, in the order they were asked for, of @evaluation as it is now.  A
 * save cannot be cancelled; the store stays alive until it is made.
 */
void             nawat_store_save_evaluation_async    (NawatStore          *self,
                                                       NawatEvaluation     *evaluation,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         nawat_store_save_evaluation_finish   (NawatStore       *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);

/* The coordinator's changes to a round (nawat-store-round.c). */
NawatCall       *nawat_store_get_project_call         (NawatStore          *self,
                                                       NawatProject        *project,
                                                       GError             **error);
NawatCall       *nawat_store_extend_deadline          (NawatStore          *self,
                                                       const char          *call_id,
                                                       const char          *evaluator,
                                                       GDateTime           *until,
                                                       GError             **error);
/* Stores a call made or edited in the window, with the rubric it names
 * when @rubric is given (an imported one), after checking them: a title,
 * a year and a deadline, and the codec's rules.  With @create, a call of
 * the same id must not exist yet.  Nothing is stored when any check fails.
 */
gboolean         nawat_store_save_call                (NawatStore          *self,
                                                       NawatCall           *call,
                                                       NawatRubric         *rubric,
                                                       gboolean             create,
                                                       GError             **error);
NawatEvaluation *nawat_store_reopen_evaluation        (NawatStore          *self,
                                                       const char          *evaluation_id,
                                                       const char          *coordinator,
                                                       GError             **error);
/* The coordinator's recusal of @evaluator (one of @call's evaluators)
 * from project @project_id of @call for a conflict of interest of @type
 * (not NAWAT_CONFLICT_TYPE_NONE), with an optional @note: recorded in the
 * stored project (nawat_project_recuse()), which no longer has them among
 * its assigned evaluators.  Nothing changes when a check fails.
 */
gboolean         nawat_store_recuse                   (NawatStore          *self,
                                                       NawatCall           *call,
                                                       const char          *project_id,
                                                       const char          *evaluator,
                                                       NawatConflictType    type,
                                                       const char          *note,
                                                       GError             **error);
/* The types of the conflicts declared on @call_id's projects, in one
 * query: a project's id to a table from an evaluator's name to their
 * NawatConflictType (GINT_TO_POINTER).
 */
GHashTable      *nawat_store_dup_declared_conflict_types (NawatStore       *self,
                                                          const char       *call_id,
                                                          GError          **error);
/* Who declared a conflict on which project of @call_id, in one query:
 * a project's id to the evaluators' names (GStrv, sorted).
 */
GHashTable      *nawat_store_dup_declared_conflicts   (NawatStore          *self,
                                                       const char          *call_id,
                                                       GError             **error);
/* Writes each project's evaluators (@assigned: project id to GStrv) into
 * its stored document, in one write transaction.
 */
gboolean         nawat_store_set_assigned             (NawatStore          *self,
                                                       GHashTable          *assigned,
                                                       GError             **error);

/* A call's last successful publish (nawat-store-published.c). */
typedef struct
{
  /* when it succeeded (ISO 8601, UTC), or NULL: never published */
  char     *time;
  /* the server's address */
  char     *server;
  /* the call document's revision on the server after it */
  char     *rev;
  /* the call, its rubric or one of its projects was changed here since:
   * the change reaches evaluators with the next publish
   */
  gboolean  changed;
} NawatStorePublished;

/* Called by publish before it reads the call: from now on a change to
 * the call counts as made during the publish.
 */
gboolean         nawat_store_begin_publish            (NawatStore          *self,
                                                       const char          *call_id,
                                                       GError             **error);
/* Called by publish when it succeeded: @call_id is published now to
 * @server, its call document at revision @rev; it counts as changed only
 * when it changed after nawat_store_begin_publish().
 */
gboolean         nawat_store_record_publish           (NawatStore          *self,
                                                       const char          *call_id,
                                                       const char          *server,
                                                       const char          *rev,
                                                       GError             **error);
/* Fills @published (cleared first) with @call_id's last publish; a call
 * never published gets a NULL time.
 */
gboolean         nawat_store_get_published            (NawatStore          *self,
                                                       const char          *call_id,
                                                       NawatStorePublished *published,
                                                       GError             **error);
void             nawat_store_published_clear          (NawatStorePublished *published);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NawatStorePublished, nawat_store_published_clear)

/* The database thread: what the window asks of the store runs there, in
 * the order asked for, after the saves above (nawat-store-queue.c).
 */
void             nawat_store_run_async                (NawatStore          *self,
                                                       GTask               *task,
                                                       GTaskThreadFunc      func);
void             nawat_store_open_project_async       (NawatStore          *self,
                                                       NawatCall           *call,
                                                       const char          *project_id,
                                                       const char          *evaluator,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         nawat_store_open_project_finish      (NawatStore          *self,
                                                       GAsyncResult        *result,
                                                       NawatProject       **project,
                                                       NawatRubric        **rubric,
                                                       NawatEvaluation    **evaluation,
                                                       GError             **error);

/* Project ids matching @text (titles, summaries, organisation, partners;
 * Thai substrings included), best first.
 */
GStrv            nawat_store_search                   (NawatStore       *self,
                                                       const char       *text,
                                                       guint             limit,
                                                       GError          **error);
gboolean         nawat_store_get_stats                (NawatStore       *self,
                                                       NawatStoreStats  *stats,
                                                       GError          **error);
gint64           nawat_store_count_pending            (NawatStore       *self);

/* Sync support: the outbox, merge bases, checkpoints, quarantine, conflicts. */
GPtrArray       *nawat_store_list_outbox              (NawatStore       *self,
                                                       GError          **error);
/* The last version both sides agreed on; NULL (no error) when none. */
NawatEvaluation *nawat_store_get_merge_base           (NawatStore       *self,
                                                       const char       *id,
                                                       GError          **error);
/* Records that the server holds @evaluation at its revision: the merge base
 * becomes @evaluation and it leaves the outbox unless edited since.
 */
gboolean         nawat_store_mark_pushed              (NawatStore       *self,
                                                       NawatEvaluation  *evaluation,
                                                       GError          **error);
/* The opaque sequence JSON of @database's last pull; NULL when none. */
char            *nawat_store_dup_checkpoint           (NawatStore       *self,
                                                       const char       *database,
                                                       GError          **error);
gboolean         nawat_store_set_checkpoint           (NawatStore       *self,
                                                       const char       *database,
                                                       const char       *seq_json,
                                                       GError          **error);
gboolean         nawat_store_quarantine               (NawatStore       *self,
                                                       const char       *doc_id,
                                                       const char       *json,
                                                       const char       *reason,
                                                       GError          **error);
gboolean         nawat_store_add_conflict             (NawatStore       *self,
                                                       const char       *evaluation_id,
                                                       const char       *field,
                                                       const char       *local_json,
                                                       const char       *remote_json,
                                                       GError          **error);
/* The fields of @evaluation_id in conflict, sorted. */
GStrv            nawat_store_dup_conflict_fields      (NawatStore       *self,
                                                       const char       *evaluation_id,
                                                       GError          **error);
gboolean         nawat_store_get_conflict             (NawatStore       *self,
                                                       const char       *evaluation_id,
                                                       const char       *field,
                                                       char            **local_json,
                                                       char            **remote_json,
                                                       GError          **error);
/* Forgets the conflict on @field, or every conflict of @evaluation_id when
 * @field is NULL.
 */
gboolean         nawat_store_resolve_conflict         (NawatStore       *self,
                                                       const char       *evaluation_id,
                                                       const char       *field,
                                                       GError          **error);
/* "<doc id>: <reason>" of each quarantined document, oldest first. */
GPtrArray       *nawat_store_list_quarantine          (NawatStore       *self,
                                                       GError          **error);
/* Removes a document deleted on the server (no error when absent). */
gboolean         nawat_store_delete_document          (NawatStore       *self,
                                                       const char       *id,
                                                       GError          **error);

/* Sync: applying a pulled batch and the results of a merge. */
typedef struct
{
  char *doc_id;
  char *json;
  char *reason;
} NawatStoreRejected;

NawatStoreRejected *nawat_store_rejected_new     (const char         *doc_id,
                                                  const char         *json,
                                                  const char         *reason);
void             nawat_store_rejected_free       (NawatStoreRejected *rejected);

typedef struct
{
  guint applied;
  guint deleted;
  /* refused by the codec (in @rejected) or by the store's own checks */
  guint quarantined;
  /* evaluations with unpushed local edits, left for the push to merge */
  guint kept_local;
  /* when not NULL, gets "<doc id>: <reason>" (char *) for each document
   * the store's own checks quarantined, so that none goes unreported
   */
  GPtrArray *messages;
} NawatStorePullCounts;

/* Starts a pull.  Into a store that holds no project yet, the batches
 * leave the search index and the list's order by title aside; they catch
 * up after the pull, a few projects a transaction, in the background with
 * nawat_store_index_later() (which also reads the text of the files that
 * have none yet: nawat_store_read_file_texts_later()) or at once with
 * nawat_store_finish_search_index().  Meanwhile searches find the projects
 * not yet indexed by reading their texts, which is slower, and those sort
 * first by title.  The store remembers how far the index got: a later pull
 * or start goes on from there.  Once caught up, the index is merged into
 * one segment a step at a time, which makes searches faster.
 */
gboolean         nawat_store_begin_pull          (NawatStore            *self,
                                                  GError               **error);
void             nawat_store_index_later         (NawatStore            *self);
gboolean         nawat_store_search_index_complete (NawatStore          *self);
gboolean         nawat_store_finish_search_index (NawatStore            *self,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
/* Applies one pulled batch and its checkpoint in one transaction:
 * @documents (NawatDocument, with their _rev) upserted, @deleted_ids (char *)
 * removed, @rejected (NawatStoreRejected) and documents the store refuses
 * quarantined with the reason, and @seq_json stored for @database.
 * @texts, when not NULL, holds each document's JSON as the server sent it
 * (char *, NULL where unknown), which is stored instead of writing the
 * document again.
 */
gboolean         nawat_store_apply_pull          (NawatStore            *self,
                                                  const char            *database,
                                                  const char            *seq_json,
                                                  GPtrArray             *documents,
                                                  GPtrArray             *texts,
                                                  GPtrArray             *deleted_ids,
                                                  GPtrArray             *rejected,
                                                  NawatStorePullCounts  *counts,
                                                  GError               **error);
/* Stores the result of merging the server's version @theirs into the local
 * @mine, in one transaction: @merged (with @theirs' _rev) in the outbox, the
 * merge base set to @theirs, @conflicts (NawatMergeConflict) recorded.  When
 * @mine is no longer the stored version (edited meanwhile), changes nothing
 * and sets @saved to FALSE.
 */
gboolean         nawat_store_save_merge          (NawatStore       *self,
                                                  NawatEvaluation  *mine,
                                                  NawatEvaluation  *theirs,
                                                  NawatEvaluation  *merged,
                                                  GPtrArray        *conflicts,
                                                  gboolean         *saved,
                                                  GError          **error);
/* Resolves the conflicts of @evaluation: takes the value of each field in
 * conflict from @evaluation into the version stored now, saves it (to the
 * outbox) and forgets the conflicts, in one write transaction.  The other
 * fields keep their stored values.
 */
gboolean         nawat_store_save_resolution     (NawatStore       *self,
                                                  NawatEvaluation  *evaluation,
                                                  GError          **error);
/* The ids of the evaluations with conflicts, sorted. */
GStrv            nawat_store_list_conflicted     (NawatStore       *self,
                                                  GError          **error);

/* When a sync round of @call_id last finished, in seconds since the epoch
 * (UTC); 0 without an error when it never did.  Kept with the checkpoints,
 * under a key that no CouchDB database name can take.
 */
gint64           nawat_store_get_last_sync       (NawatStore       *self,
                                                  const char       *call_id,
                                                  GError          **error);
gboolean         nawat_store_set_last_sync       (NawatStore       *self,
                                                  const char       *call_id,
                                                  gint64            time,
                                                  GError          **error);

G_END_DECLS
