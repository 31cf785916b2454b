/* nawat-round.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-call.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"

G_BEGIN_DECLS

/* The rules of a round, in one place: the form, nawat-cli, the store and sync
 * ask these functions, and publish generates the same rules into the server's
 * validate_doc_update.
 *
 * 1. An evaluator may score a project only if named in the call's
 *    "evaluators" and in the project's "assigned".
 * 2. While an evaluation declares a conflict of interest it carries no scores
 *    and cannot be submitted.
 * 3. An evaluator's deadline is the later of the call's "deadline" and their
 *    "extensions" entry (none: the round never closes); after it the
 *    evaluator can change nothing.  The deadline instant itself is still open.
 * 4. A submitted evaluation changes only by going back to draft, recording
 *    "reopened": by its evaluator before their deadline, or by a coordinator
 *    at any time.
 *
 * Every error message says which rule and what to do about it.  @now NULL
 * means the current time.
 */

#define NAWAT_ROUND_ERROR (nawat_round_error_quark ())

typedef enum
{
  /* the evaluator is not one of the call's evaluators */
  NAWAT_ROUND_ERROR_NOT_IN_CALL,
  /* the project is not assigned to the evaluator */
  NAWAT_ROUND_ERROR_NOT_ASSIGNED,
  /* a declared conflict of interest with scores, or submitted */
  NAWAT_ROUND_ERROR_CONFLICT,
  /* a submitted evaluation changed without going back to draft */
  NAWAT_ROUND_ERROR_SUBMITTED,
  /* the evaluator's deadline has passed */
  NAWAT_ROUND_ERROR_CLOSED,
  /* a reopening that is not one: a draft, someone else's, or with edits */
  NAWAT_ROUND_ERROR_REOPEN,
  /* the documents do not belong together (another project, call or
   * evaluator, or an evaluation found where it does not belong)
   */
  NAWAT_ROUND_ERROR_MISMATCH,
} NawatRoundError;

GQuark     nawat_round_error_quark      (void);

/* The effective deadline of @evaluator: the later of the call's deadline and
 * the evaluator's extension.  NULL when neither is set (the round never
 * closes).  Dates without a time zone are UTC.
 */
GDateTime *nawat_round_dup_deadline     (NawatCall              *call,
                                         const char             *evaluator);
/* Whether the deadline of @evaluator has passed at @now. */
gboolean   nawat_round_is_closed        (NawatCall              *call,
                                         const char             *evaluator,
                                         GDateTime              *now);
/* Rule 1: @evaluator is one of the call's evaluators and the project, of
 * that call, is assigned to them.
 */
gboolean   nawat_round_check_assigned   (NawatCall              *call,
                                         NawatProject           *project,
                                         const char             *evaluator,
                                         GError                **error);
/* Rules 1 to 4 for a change made by the evaluator of @after: @before is the
 * stored version (NULL for a new evaluation), @after the one to be saved.
 * A change that leaves the content as it was (nawat_evaluation_equal_content)
 * is always allowed: nothing changes.  A reopening by the evaluator is
 * status submitted → draft with a new "reopened" by them and nothing else
 * changed; a coordinator's reopening goes through nawat_round_reopen().
 */
gboolean   nawat_round_check_change     (NawatCall              *call,
                                         NawatProject           *project,
                                         NawatEvaluation        *before,
                                         NawatEvaluation        *after,
                                         GDateTime              *now,
                                         GError                **error);
/* Whether @evaluator can edit their evaluation of @project now (@evaluation
 * NULL: none yet): FALSE with the reason a form shows when it is read-only.
 * A declared conflict leaves the form editable (the declaration can be
 * withdrawn).
 */
gboolean   nawat_round_check_editable   (NawatCall              *call,
                                         NawatProject           *project,
                                         NawatEvaluation        *evaluation,
                                         const char             *evaluator,
                                         GDateTime              *now,
                                         GError                **error);
/* Rule 4: whether @by may send the submitted @evaluation back to draft:
 * its own evaluator before their deadline, or a coordinator
 * (@by_coordinator) at any time.
 */
gboolean   nawat_round_check_reopen     (NawatCall              *call,
                                         NawatEvaluation        *evaluation,
                                         const char             *by,
                                         gboolean                by_coordinator,
                                         GDateTime              *now,
                                         GError                **error);
/* nawat_round_check_reopen(), then the reopening itself: status draft,
 * "reopened" {by, at: @now}, and "updated" @now when the evaluator reopens
 * it ("updated" dates the evaluator's own changes, which a coordinator's
 * reopening after the deadline must not move past it).
 */
gboolean   nawat_round_reopen           (NawatCall              *call,
                                         NawatEvaluation        *evaluation,
                                         const char             *by,
                                         gboolean                by_coordinator,
                                         GDateTime              *now,
                                         GError                **error);

/* Defence in depth, for an evaluation received from the server: whether it
 * may be applied.  @owner is the user whose evaluation database it came
 * from, NULL for the call database (which holds no evaluations); @call
 * and @project are its call and project as the store holds them, NULL when
 * missing (then it cannot be checked, and is refused).  It must be
 * @owner's own, of a project of @call assigned to them, with no scores
 * under a declared conflict, and its "updated" no later than the
 * evaluator's deadline (a change dated after it, or undated in a call that
 * has one, is suspect).  The server's clock is not known here: "updated" is
 * what the document says of itself.
 */
gboolean   nawat_round_check_received   (NawatCall              *call,
                                         NawatProject           *project,
                                         NawatEvaluation        *evaluation,
                                         const char             *owner,
                                         GError                **error);

G_END_DECLS
