/* nawat-assign.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-call.h"
#include "nawat-project.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* Automatic assignment of evaluators to a call's projects.
 *
 * Every project gets @per_project evaluators, none excluded from it (a
 * declared conflict of interest, or the evaluator's organisation is the
 * project's organisation or one of its partners).  An evaluator's limit is
 * the smaller of their max_load and the number of projects they may
 * evaluate; the loads are balanced: every evaluator takes L or L + 1
 * projects, except one whose limit is below L, who takes exactly their
 * limit (L is the one level at which the loads add up to per_project × the
 * number of projects).
 *
 * Among the assignments that keep these rules, the one chosen has the most
 * matched domains: a pair (project, evaluator) is worth the number of the
 * project's domains in the evaluator's expertise, the project's primary
 * domain counting twice.  It is solved exactly as a minimum-cost flow
 * (projects with the same domains and the same excluded evaluators are one
 * node), and the same input always gives the same assignment.
 */

typedef struct _NawatAssignProblem NawatAssignProblem;

/* Why an evaluator may not be assigned to a project. */
typedef enum
{
  NAWAT_ASSIGN_ALLOWED,
  /* they declared a conflict of interest on it */
  NAWAT_ASSIGN_EXCLUDED_CONFLICT,
  /* their organisation is the project's */
  NAWAT_ASSIGN_EXCLUDED_ORGANISATION,
  /* their organisation is one of the project's partners */
  NAWAT_ASSIGN_EXCLUDED_PARTNER,
} NawatAssignExclusion;

/* Called for each project nawat_assign_problem_read_store() adds, in code
 * order, with its index and the NawatAssignExclusion of each evaluator (in
 * the problem's order); returns FALSE with @error to stop the reading.
 */
typedef gboolean (*NawatAssignReadFunc) (NawatProject  *project,
                                         guint          index,
                                         const guint8  *exclusions,
                                         gpointer       user_data,
                                         GError       **error);

typedef struct
{
  guint    n_projects;
  guint    n_evaluators;
  guint    per_project;
  /* for project i, its evaluators (indices, in name order) are
   * assigned[offsets[i]] .. assigned[offsets[i + 1] - 1]
   */
  guint   *offsets;
  guint   *assigned;
  /* per evaluator */
  guint   *load;
  /* assigned pairs with at least one domain in common, of all pairs */
  guint64  matched_pairs;
  guint64  pairs;
  /* the objective: the matched domains, the primary counting twice */
  guint64  weight;
  /* the projects with fewer than per_project evaluators */
  guint    n_short;
  /* translated sentences: why no assignment keeps the rules; empty when
   * the assignment keeps them all
   */
  GPtrArray *problems;
} NawatAssignResult;

NawatAssignProblem *nawat_assign_problem_new           (guint               per_project);
void                nawat_assign_problem_free          (NawatAssignProblem *self);
/* @domains: a bit per domain (1 << nawat_domain_index ()); @max_load -1
 * for none.  Returns the evaluator's index.
 */
guint               nawat_assign_problem_add_evaluator (NawatAssignProblem *self,
                                                        const char         *name,
                                                        guint32             domains,
                                                        int                 max_load);
/* @primary: the primary domain's index, or -1.  Returns the project's index. */
guint               nawat_assign_problem_add_project   (NawatAssignProblem *self,
                                                        const char         *code,
                                                        guint32             domains,
                                                        int                 primary);
void                nawat_assign_problem_exclude       (NawatAssignProblem *self,
                                                        guint               project,
                                                        guint               evaluator);
const char         *nawat_assign_problem_get_evaluator (NawatAssignProblem *self,
                                                        guint               evaluator);
const char         *nawat_assign_problem_get_project   (NawatAssignProblem *self,
                                                        guint               project);

/* The call's evaluators, with their profiles; @max_load >= 0 caps every
 * evaluator's load besides their own max_load.
 */
NawatAssignProblem *nawat_assign_problem_new_for_call  (NawatCall          *call,
                                                        guint               per_project,
                                                        int                 max_load);
/* Adds @project, excluding the evaluators of the call's organisation or a
 * partner's (compared case-folded, spaces trimmed) and those in
 * @conflicted (who declared a conflict of interest on it).
 */
guint               nawat_assign_problem_add_document  (NawatAssignProblem *self,
                                                        NawatCall          *call,
                                                        NawatProject       *project,
                                                        const char * const *conflicted);
/* The same, giving the NawatAssignExclusion of each evaluator in
 * @exclusions (as many as the problem's evaluators; may be NULL).
 */
guint               nawat_assign_problem_add_document_full (NawatAssignProblem *self,
                                                            NawatCall          *call,
                                                            NawatProject       *project,
                                                            const char * const *conflicted,
                                                            guint8             *exclusions);
/* Adds every project of @call in @store, in code order, with the
 * conflicts declared on it (read in one query for the call), page by page;
 * @func (may be NULL) sees each.
 */
gboolean            nawat_assign_problem_read_store    (NawatAssignProblem *self,
                                                        NawatStore         *store,
                                                        NawatCall          *call,
                                                        NawatAssignReadFunc func,
                                                        gpointer            user_data,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
/* The organisation name as compared: trimmed, case-folded, NFKC. */
char               *nawat_assign_normalise_name        (const char         *name);

/* Always returns a result: a partial one with its problems when no
 * assignment keeps the rules.
 */
NawatAssignResult  *nawat_assign_solve                 (NawatAssignProblem *self);
void                nawat_assign_result_free           (NawatAssignResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatAssignProblem, nawat_assign_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatAssignResult, nawat_assign_result_free)

G_END_DECLS
