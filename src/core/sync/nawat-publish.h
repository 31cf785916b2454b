/* nawat-publish.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-couch.h"
#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_PUBLISH_ERROR (nawat_publish_error_quark ())

typedef enum
{
  /* the call, or its rubric, is not in the store */
  NAWAT_PUBLISH_ERROR_NOT_FOUND,
  /* a database is missing and the user may not create databases */
  NAWAT_PUBLISH_ERROR_NOT_ADMIN,
  /* the server refused some documents */
  NAWAT_PUBLISH_ERROR_REFUSED,
  /* the call holds something the server's rules cannot be made from */
  NAWAT_PUBLISH_ERROR_INVALID,
  /* the server lets anonymous clients read a members-only database */
  NAWAT_PUBLISH_ERROR_INSECURE_SERVER,
  /* a project's file is not in the store or is damaged there */
  NAWAT_PUBLISH_ERROR_FILE,
} NawatPublishError;

typedef enum
{
  NAWAT_PUBLISH_FLAGS_NONE = 0,
  /* publish even to a server that fails the security probe (PouchDB
   * Server in tests and demos); the result says what it let through
   */
  NAWAT_PUBLISH_ALLOW_INSECURE_SERVER = 1 << 0,
} NawatPublishFlags;

/* The round's rules for one evaluator, as publish writes them into the
 * config of their evaluation database's validate function.
 */
typedef struct
{
  const char         *evaluator;
  /* bounds the scores */
  NawatRubric        *rubric;
  /* the codes of the projects the evaluator may score (NULL-terminated) */
  const char * const *assigned;
  /* ISO 8601, or NULL: the call's deadline and the evaluator's extension;
   * the later of the two closes the evaluator's round, on the server's clock
   */
  const char         *deadline;
  const char         *extension;
} NawatPublishRules;

typedef struct
{
  /* the call database and the evaluation database of each evaluator */
  guint databases;
  guint databases_created;
  guint security_updated;
  guint designs_updated;
  /* call, rubric and project documents */
  guint documents;
  guint documents_uploaded;
  /* the projects' files, those uploaded (their bytes), and those the
   * server had and no longer has
   */
  guint   files;
  guint   files_uploaded;
  guint64 bytes_uploaded;
  guint   files_removed;
  /* the server's make and version, from GET / (e.g. "Apache CouchDB 3.4.3") */
  char *server;
  /* with NAWAT_PUBLISH_ALLOW_INSECURE_SERVER, what the server let an
   * anonymous client do; NULL when it refused everything
   */
  char *insecure;
} NawatPublishResult;

GQuark    nawat_publish_error_quark     (void);

/* Before anything is uploaded, probes the server: GET / identifies it, and
 * the call database, members-only, must refuse an anonymous _bulk_get and
 * _find, and the server an anonymous listing of its databases (_all_dbs).
 * A server that lets any of these through is refused with
 * NAWAT_PUBLISH_ERROR_INSECURE_SERVER, unless @flags allow it.
 *
 * Creates or updates, as @couch's user, the call database of @call_id and
 * the evaluation database of every evaluator of the call (those of the call
 * document and those assigned to a project), their _security objects and
 * design documents (data/couchdb/), and uploads the call, its rubric and
 * its projects from @store through _bulk_docs, then each project's files
 * that the server does not hold as they are (by digest), one PUT each,
 * checked against their digest as they are read from the store; the
 * server's files that a project no longer has are removed with it.
 * Documents and files the server already holds unchanged are not written
 * again, so a second run changes nothing.  Creating a database needs a
 * server admin; updating one needs an admin of that database (a
 * coordinator).  A run that succeeds records
 * in @store that the call is published, with the time, the server and the
 * call document's revision there (nawat_store_get_published()); a run that
 * fails or is refused records nothing.  @result is overwritten (clear
 * it with nawat_publish_result_clear()).  Synchronous: for the CLI and
 * worker threads.
 */
gboolean  nawat_publish_run             (NawatStore          *store,
                                         NawatCouch          *couch,
                                         const char          *call_id,
                                         NawatPublishFlags    flags,
                                         NawatPublishResult  *result,
                                         GCancellable        *cancellable,
                                         GError             **error);
/* The step of publishing that needs a server admin, run once per call (and
 * again when evaluators join it): creates, as @couch's user, who must be a
 * server admin, the call database of @call_id and the evaluation database
 * of every evaluator of the call (those of the call document and those
 * assigned to a project), and sets their _security objects, after the
 * same probe of the server as nawat_publish_run().  Nothing else is
 * written: the coordinator then publishes, and publishes again, with
 * their own account (an admin of those databases through their role).
 * Databases and security objects already right are left as they are, so
 * a second run changes nothing.  Refused with
 * NAWAT_PUBLISH_ERROR_NOT_ADMIN for a user who is not a server admin.
 */
gboolean  nawat_publish_prepare         (NawatStore          *store,
                                         NawatCouch          *couch,
                                         const char          *call_id,
                                         NawatPublishFlags    flags,
                                         NawatPublishResult  *result,
                                         GCancellable        *cancellable,
                                         GError             **error);
/* Frees what @result holds; it may then be used again. */
void      nawat_publish_result_clear    (NawatPublishResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NawatPublishResult, nawat_publish_result_clear)

/* TRUE when the run changed something on the server. */
gboolean  nawat_publish_result_changed  (const NawatPublishResult *result);
/* A one-line summary for people. */
char     *nawat_publish_result_to_string (const NawatPublishResult *result);

/* "Published on <date>" (in @language's words, with Buddhist Era years
 * when @be_years), "Published" for a call that came from the server, or
 * "Not published", for people.
 */
char     *nawat_publish_state_label     (NawatCall                 *call,
                                         const NawatStorePublished *published,
                                         const char                *language,
                                         gboolean                   be_years);
/* What a coordinator should know besides: that the call, its rubric or an
 * assignment changed since the publish, so that only publishing again
 * brings it to the evaluators; NULL when nothing did.
 */
const char *nawat_publish_state_note    (const NawatStorePublished *published);

/* The design document "_design/nawat" of the call database, or of an
 * evaluator's evaluation database when @rules is given.
 */
JsonNode *nawat_publish_design_document (const char              *call_id,
                                         const NawatPublishRules *rules);
/* The _security object of the call database, or of @user's evaluation
 * database when @user is given.
 */
JsonNode *nawat_publish_security        (const char          *user);

G_END_DECLS
