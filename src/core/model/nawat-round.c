/* nawat-round.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-round.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (nawat-round-error-quark, nawat_round_error)

static GDateTime *
parse_date (const char *iso)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (iso == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (iso, utc);
}

/* A deadline as people read it, in UTC so that every reader sees the same. */
static char *
format_deadline (GDateTime *deadline)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (deadline);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

static GDateTime *
dup_now (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
}

GDateTime *
nawat_round_dup_deadline (NawatCall  *call,
                          const char *evaluator)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) extension = NULL;

  g_return_val_if_fail (NAWAT_IS_CALL (call), NULL);

  /* The codec accepts only dates that parse: one that does not is absent. */
  deadline = parse_date (nawat_call_get_deadline (call));
  if (evaluator != NULL)
    extension = parse_date (nawat_call_get_extension (call, evaluator));

  if (deadline == NULL)
    return g_steal_pointer (&extension);
  if (extension != NULL && g_date_time_compare (extension, deadline) > 0)
    return g_steal_pointer (&extension);

  return g_steal_pointer (&deadline);
}

gboolean
nawat_round_is_closed (NawatCall  *call,
                       const char *evaluator,
                       GDateTime  *now)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) at = NULL;

  g_return_val_if_fail (NAWAT_IS_CALL (call), TRUE);

  deadline = nawat_round_dup_deadline (call, evaluator);
  if (deadline == NULL)
    return FALSE;

  at = dup_now (now);
  return g_date_time_compare (at, deadline) > 0;
}

static gboolean
check_open (NawatCall   *call,
            const char  *evaluator,
            GDateTime   *now,
            GError     **error)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autofree char *when = NULL;

  if (!nawat_round_is_closed (call, evaluator, now))
    return TRUE;

  deadline = nawat_round_dup_deadline (call, evaluator);
  when = format_deadline (deadline);
  g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED,
               _("The deadline passed on %s; ask the coordinator for an extension"), when);
  return FALSE;
}

gboolean
nawat_round_check_assigned (NawatCall     *call,
                            NawatProject  *project,
                            const char    *evaluator,
                            GError       **error)
{
  g_return_val_if_fail (NAWAT_IS_CALL (call), FALSE);
  g_return_val_if_fail (NAWAT_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (evaluator != NULL, FALSE);

  if (g_strcmp0 (nawat_project_get_call (project), nawat_call_get_call_id (call)) != 0)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH,
                   _("Project “%s” is not part of call “%s”"),
                   nawat_project_get_code (project), nawat_call_get_call_id (call));
      return FALSE;
    }

  if (!g_strv_contains (nawat_call_get_evaluators (call), evaluator))
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL,
                   _("%s is not an evaluator of call “%s”; ask the coordinator to add them"),
                   evaluator, nawat_call_get_call_id (call));
      return FALSE;
    }

  if (!g_strv_contains (nawat_project_get_assigned (project), evaluator))
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_ASSIGNED,
                   _("Project “%s” is not assigned to %s; ask the coordinator to assign it"),
                   nawat_project_get_code (project), evaluator);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_of_project (NawatProject     *project,
                  NawatEvaluation  *evaluation,
                  const char       *evaluator,
                  GError          **error)
{
  if (g_strcmp0 (nawat_evaluation_get_project (evaluation),
                 nawat_document_get_id (NAWAT_DOCUMENT (project))) != 0 ||
      g_strcmp0 (nawat_evaluation_get_evaluator (evaluation), evaluator) != 0)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH,
                   _("“%s” is not an evaluation of project “%s” by %s"),
                   nawat_document_get_id (NAWAT_DOCUMENT (evaluation)),
                   nawat_project_get_code (project), evaluator);
      return FALSE;
    }

  return TRUE;
}

/* Rule 2, on the version to be saved. */
static gboolean
check_conflict (NawatEvaluation  *evaluation,
                GError          **error)
{
  g_auto(GStrv) keys = NULL;

  if (!nawat_evaluation_get_conflict_declared (evaluation))
    return TRUE;

  keys = nawat_evaluation_dup_score_keys (evaluation);
  if (keys[0] != NULL)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CONFLICT,
                   _("A conflict of interest is declared, so the evaluation can carry no "
                     "scores; clear the scores or withdraw the declaration"));
      return FALSE;
    }

  if (nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CONFLICT,
                   _("A conflict of interest is declared, so the evaluation cannot be "
                     "submitted; withdraw the declaration first"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
same_reopened (NawatEvaluation *a,
               NawatEvaluation *b)
{
  return g_strcmp0 (nawat_evaluation_get_reopened_by (a),
                    nawat_evaluation_get_reopened_by (b)) == 0 &&
         g_strcmp0 (nawat_evaluation_get_reopened_at (a),
                    nawat_evaluation_get_reopened_at (b)) == 0;
}

/* Rule 4: @before is submitted.  Either @after is the same, or it is
 * @before sent back to draft by its evaluator, with nothing else changed.
 */
static gboolean
check_submitted_change (NawatEvaluation  *before,
                        NawatEvaluation  *after,
                        const char       *evaluator,
                        GError          **error)
{
  g_autoptr(NawatEvaluation) reopened = NULL;

  if (nawat_evaluation_get_status (after) == NAWAT_EVALUATION_SUBMITTED)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED,
                   _("The evaluation is submitted: reopen it to change it"));
      return FALSE;
    }

  if (nawat_evaluation_get_reopened_by (after) == NULL || same_reopened (before, after))
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                   _("A submitted evaluation goes back to draft only by reopening it, "
                     "which records who reopened it and when"));
      return FALSE;
    }

  if (g_strcmp0 (nawat_evaluation_get_reopened_by (after), evaluator) != 0)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                   _("Only %s or a coordinator can reopen this evaluation"), evaluator);
      return FALSE;
    }

  reopened = nawat_evaluation_copy (before);
  nawat_evaluation_set_status (reopened, NAWAT_EVALUATION_DRAFT);
  nawat_evaluation_set_reopened (reopened,
                                 nawat_evaluation_get_reopened_by (after),
                                 nawat_evaluation_get_reopened_at (after));
  if (!nawat_evaluation_equal_content (reopened, after))
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED,
                   _("Reopening changes nothing but the status; reopen the evaluation "
                     "first, then change it"));
      return FALSE;
    }

  return TRUE;
}

gboolean
nawat_round_check_change (NawatCall        *call,
                          NawatProject     *project,
                          NawatEvaluation  *before,
                          NawatEvaluation  *after,
                          GDateTime        *now,
                          GError          **error)
{
  const char *evaluator;

  g_return_val_if_fail (NAWAT_IS_CALL (call), FALSE);
  g_return_val_if_fail (NAWAT_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (before == NULL || NAWAT_IS_EVALUATION (before), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (after), FALSE);

  evaluator = nawat_evaluation_get_evaluator (after);

  if (!check_of_project (project, after, evaluator, error) ||
      (before != NULL && !check_of_project (project, before, evaluator, error)))
    return FALSE;

  if (before != NULL && nawat_evaluation_equal_content (before, after))
    return TRUE;

  if (!nawat_round_check_assigned (call, project, evaluator, error) ||
      !check_open (call, evaluator, now, error))
    return FALSE;

  if (before != NULL && nawat_evaluation_get_status (before) == NAWAT_EVALUATION_SUBMITTED)
    return check_submitted_change (before, after, evaluator, error);

  /* "reopened" is recorded by a reopening only, never written by hand. */
  if (before != NULL && !same_reopened (before, after))
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                   _("Only reopening a submitted evaluation records who reopened it"));
      return FALSE;
    }

  return check_conflict (after, error);
}

gboolean
nawat_round_check_editable (NawatCall        *call,
                            NawatProject     *project,
                            NawatEvaluation  *evaluation,
                            const char       *evaluator,
                            GDateTime        *now,
                            GError          **error)
{
  g_return_val_if_fail (NAWAT_IS_CALL (call), FALSE);
  g_return_val_if_fail (NAWAT_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (evaluation == NULL || NAWAT_IS_EVALUATION (evaluation), FALSE);
  g_return_val_if_fail (evaluator != NULL, FALSE);

  if (!nawat_round_check_assigned (call, project, evaluator, error) ||
      (evaluation != NULL && !check_of_project (project, evaluation, evaluator, error)) ||
      !check_open (call, evaluator, now, error))
    return FALSE;

  if (evaluation != NULL &&
      nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED,
                   _("The evaluation is submitted: reopen it to change it"));
      return FALSE;
    }

  return TRUE;
}

gboolean
nawat_round_check_reopen (NawatCall        *call,
                          NawatEvaluation  *evaluation,
                          const char       *by,
                          gboolean          by_coordinator,
                          GDateTime        *now,
                          GError          **error)
{
  const char *evaluator;

  g_return_val_if_fail (NAWAT_IS_CALL (call), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);
  g_return_val_if_fail (by != NULL, FALSE);

  evaluator = nawat_evaluation_get_evaluator (evaluation);

  if (nawat_evaluation_get_status (evaluation) != NAWAT_EVALUATION_SUBMITTED)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                   _("The evaluation is a draft: there is nothing to reopen"));
      return FALSE;
    }

  if (by_coordinator)
    return TRUE;

  if (g_strcmp0 (by, evaluator) != 0)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                   _("Only %s or a coordinator can reopen this evaluation"), evaluator);
      return FALSE;
    }

  return check_open (call, evaluator, now, error);
}

gboolean
nawat_round_reopen (NawatCall        *call,
                    NawatEvaluation  *evaluation,
                    const char       *by,
                    gboolean          by_coordinator,
                    GDateTime        *now,
                    GError          **error)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) at_utc = NULL;
  g_autofree char *iso = NULL;

  if (!nawat_round_check_reopen (call, evaluation, by, by_coordinator, now, error))
    return FALSE;

  at = dup_now (now);
  at_utc = g_date_time_to_utc (at);
  iso = g_date_time_format (at_utc, "%Y-%m-%dT%H:%M:%SZ");

  g_object_freeze_notify (G_OBJECT (evaluation));
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_DRAFT);
  nawat_evaluation_set_reopened (evaluation, by, iso);
  /* "updated" dates the evaluator's own changes, which must come before
   * their deadline; a coordinator's reopening is dated by "reopened".
   */
  if (!by_coordinator)
    nawat_evaluation_set_updated (evaluation, iso);
  g_object_thaw_notify (G_OBJECT (evaluation));

  return TRUE;
}

gboolean
nawat_round_check_received (NawatCall        *call,
                            NawatProject     *project,
                            NawatEvaluation  *evaluation,
                            const char       *owner,
                            GError          **error)
{
  const char *evaluator;
  const char *updated;
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (call == NULL || NAWAT_IS_CALL (call), FALSE);
  g_return_val_if_fail (project == NULL || NAWAT_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);

  evaluator = nawat_evaluation_get_evaluator (evaluation);

  if (owner == NULL)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH,
                   _("An evaluation has no place in the call’s database, where evaluators "
                     "cannot keep their scores apart"));
      return FALSE;
    }
  if (g_strcmp0 (owner, evaluator) != 0)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH,
                   _("An evaluation by %s was found in the database of %s, which holds only "
                     "%s’s own"), evaluator, owner, owner);
      return FALSE;
    }
  if (call == NULL)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH,
                   _("Its call is not in the store, so it cannot be checked against the "
                     "call’s rules"));
      return FALSE;
    }
  if (project == NULL)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH,
                   _("Its project “%s” is not part of the call"),
                   nawat_evaluation_get_project (evaluation));
      return FALSE;
    }

  if (!check_of_project (project, evaluation, evaluator, error) ||
      !nawat_round_check_assigned (call, project, evaluator, error) ||
      !check_conflict (evaluation, error))
    return FALSE;

  deadline = nawat_round_dup_deadline (call, evaluator);
  if (deadline == NULL)
    return TRUE;

  updated = nawat_evaluation_get_updated (evaluation);
  when = parse_date (updated);
  if (when == NULL)
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED,
                   _("It has no date of change to hold against %s’s deadline"), evaluator);
      return FALSE;
    }
  if (g_date_time_compare (when, deadline) > 0)
    {
      g_autofree char *deadline_text = format_deadline (deadline);
      g_autofree char *when_text = format_deadline (when);

      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED,
                   _("It was changed on %s, after %s’s deadline of %s, with no extension "
                     "to cover it"), when_text, evaluator, deadline_text);
      return FALSE;
    }

  return TRUE;
}
