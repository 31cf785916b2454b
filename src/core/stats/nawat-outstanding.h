/* nawat-outstanding.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-call.h"
#include "nawat-project-row.h"
#include "nawat-store.h"
#include "nawat-table.h"
#include "nawat-text.h"

G_BEGIN_DECLS

/* The work still to do in a call, per evaluator, and the reminder a
 * coordinator sends them.  A project is outstanding for an evaluator when
 * it is assigned to them (the project's "assigned") and their evaluation
 * of it is not submitted: none yet, or a draft.  A declared conflict of
 * interest is not outstanding: there is nothing more to do.
 */

typedef struct
{
  char               *project_id;
  char               *code;
  NawatText          *title;
  /* NAWAT_PROJECT_STATUS_NOT_STARTED or NAWAT_PROJECT_STATUS_DRAFT */
  NawatProjectStatus  status;
} NawatOutstandingProject;

typedef struct
{
  char      *evaluator;
  /* the call's display name of the evaluator, else the user name */
  char      *display_name;
  /* projects assigned, evaluations submitted, conflicts declared */
  guint      n_assigned;
  guint      n_submitted;
  guint      n_conflict;
  /* NawatOutstandingProject, ordered by code */
  GPtrArray *projects;
} NawatOutstanding;

#define NAWAT_TYPE_OUTSTANDING (nawat_outstanding_get_type ())

GType      nawat_outstanding_get_type    (void) G_GNUC_CONST;
NawatOutstanding *nawat_outstanding_copy (const NawatOutstanding *self);
void       nawat_outstanding_free        (NawatOutstanding       *self);

/* Every evaluator of @call_id (the call's "evaluators" and anyone a project
 * is assigned to), ordered by user name, with their outstanding projects;
 * only @evaluator when not NULL (an error when the call neither names nor
 * assigns them).  An unknown call is an error.
 */
GPtrArray *nawat_outstanding_list        (NawatStore             *store,
                                          const char             *call_id,
                                          const char             *evaluator,
                                          GError                **error);

/* The reminder to @outstanding's evaluator in @language ("th…" Thai,
 * anything else English): a subject naming the call, and a body with their
 * outstanding projects' codes and titles and their deadline (the call's,
 * or their extension; Buddhist Era years in Thai).
 */
char      *nawat_outstanding_dup_subject (NawatCall              *call,
                                          const NawatOutstanding *outstanding,
                                          const char             *language);
char      *nawat_outstanding_dup_message (NawatCall              *call,
                                          const NawatOutstanding *outstanding,
                                          const char             *language);

/* A "mailto:" URI with @subject and @body, for the user's mail client;
 * no recipient (the call holds no e-mail addresses).
 */
char      *nawat_outstanding_dup_mailto  (const char             *subject,
                                          const char             *body);

/* Writes the outstanding work of @list (NawatOutstanding) to @output as a
 * table in @format (CSV or XLSX, nawat-table.h): a header row, then one
 * row per evaluator and project (evaluator, project code, title, status),
 * titles and statuses in @language; a workbook's sheet is "outstanding".
 */
gboolean   nawat_outstanding_write       (GPtrArray              *list,
                                          const char             *language,
                                          NawatTableFormat        format,
                                          GOutputStream          *output,
                                          GError                **error);

/* The same work seen from the projects: an assigned evaluator of a project
 * whose evaluation of it is not submitted (none, or a draft).  A declared
 * conflict of interest is not outstanding: the evaluator has done all
 * they can, and it is the coordinator's to reassign the project.  An
 * evaluation by someone the project is not assigned to is not counted.
 */
typedef struct
{
  char               *evaluator;
  /* the call's display name of the evaluator, else the user name */
  char               *display_name;
  /* NAWAT_PROJECT_STATUS_NOT_STARTED or NAWAT_PROJECT_STATUS_DRAFT */
  NawatProjectStatus  status;
} NawatOutstandingEvaluator;

typedef struct
{
  char      *project_id;
  char      *code;
  NawatText *title;
  /* evaluators assigned, of them who submitted, who declared a conflict */
  guint      n_assigned;
  guint      n_submitted;
  guint      n_conflict;
  /* NawatOutstandingEvaluator, ordered by user name */
  GPtrArray *evaluators;
} NawatProjectOutstanding;

void       nawat_project_outstanding_free (NawatProjectOutstanding *self);

/* The projects of @call_id with outstanding work, ordered by code, each
 * with its evaluators who have not submitted; a project with none (all
 * submitted, or not assigned) is left out.  Reads the call's projects and
 * evaluations in one pass over the store's file (a store in memory is
 * refused).  An unknown call is an error.
 */
GPtrArray *nawat_outstanding_list_by_project  (NawatStore       *store,
                                               const char       *call_id,
                                               GCancellable     *cancellable,
                                               GError          **error);

/* Writes @list (NawatProjectOutstanding) as a table: one row per project
 * and outstanding evaluator (project code, title, evaluator, status), as
 * nawat_outstanding_write() does.
 */
gboolean   nawat_outstanding_write_by_project (GPtrArray        *list,
                                               const char       *language,
                                               NawatTableFormat  format,
                                               GOutputStream    *output,
                                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatOutstanding, nawat_outstanding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatProjectOutstanding, nawat_project_outstanding_free)

G_END_DECLS
