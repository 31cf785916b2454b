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
} NawatPublishError;

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
} NawatPublishResult;

GQuark    nawat_publish_error_quark     (void);

/* Creates or updates, as @couch's user, the call database of @call_id and
 * the evaluation database of every evaluator of the call (those of the call
 * document and those assigned to a project), their _security objects and
 * design documents (data/couchdb/), and uploads the call, its rubric and
 * its projects from @store through _bulk_docs.  Documents the server
 * already holds unchanged are not written again, so a second run changes
 * nothing.  Creating a database needs a server admin; updating one needs
 * an admin of that database (a coordinator).  Synchronous: for the CLI and
 * worker threads.
 */
gboolean  nawat_publish_run             (NawatStore          *store,
                                         NawatCouch          *couch,
                                         const char          *call_id,
                                         NawatPublishResult  *result,
                                         GCancellable        *cancellable,
                                         GError             **error);
/* TRUE when the run changed something on the server. */
gboolean  nawat_publish_result_changed  (const NawatPublishResult *result);
/* A one-line summary for people. */
char     *nawat_publish_result_to_string (const NawatPublishResult *result);

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
