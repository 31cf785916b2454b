/* nawat-score-form-submit.c: how the score form submits the evaluation,
 * and sends it back to draft
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-score-form-private.h"

#include "nawat-round.h"
#include "nawat-scoring.h"

/* Submitting and reopening change the evaluation in the form at once and
 * store it on the store's thread, as the autosave does: the window never
 * waits for a store busy with a pull.  Until it is stored the form is
 * locked (_nawat_score_form_get_locked ()): nothing can be typed,
 * submitted or reopened meanwhile.  Not stored, the evaluation is as it
 * was and the form unlocks, saying why.
 */

typedef struct
{
  NawatEvaluation *evaluation;  /* the form's, changed */
  NawatEvaluation *before;      /* a copy of it as it was */
  gboolean         reopening;
  /* Whether the focus was in the form when the change began: locking
   * the form for the store moves it out of the widget that had it.
   */
  gboolean         had_focus;
} Change;

static void
change_free (Change *change)
{
  g_object_unref (change->evaluation);
  g_object_unref (change->before);
  g_free (change);
}

/* One submission or reopening at a time. */
static gboolean
check_idle (NawatScoreForm  *self,
            GError         **error)
{
  if (self->pending == NULL)
    return TRUE;

  g_set_error_literal (error, NAWAT_SCORE_FORM_ERROR, NAWAT_SCORE_FORM_ERROR_LOCKED,
                       _("The evaluation is being saved"));
  return FALSE;
}

/* In the form */

/* What the evaluator's Submit checks, in the form: the form shows why it
 * cannot submit.  TRUE when the evaluation is submitted (not stored yet).
 */
static gboolean
submit_in_form (NawatScoreForm  *self,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) missing = NULL;

  if (!_nawat_score_form_check_editable (self, error))
    return FALSE;

  missing = nawat_scoring_dup_missing (self->rubric, self->evaluation);
  if (!nawat_evaluation_get_conflict_declared (self->evaluation) && missing[0] != NULL)
    {
      g_autofree char *text = nawat_score_summary_dup_missing_text (self->rubric, missing,
                                                                    self->language);

      nawat_score_summary_show_problem (self->summary, text);
      _nawat_score_form_focus_missing (self, missing[0]);
      g_set_error_literal (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_INCOMPLETE, text);
      return FALSE;
    }

  if (!nawat_scoring_submit (self->rubric, self->evaluation, &local_error))
    {
      nawat_score_summary_show_problem (self->summary, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
_nawat_score_form_check_reopen (NawatScoreForm  *self,
                                GError         **error)
{
  return _nawat_score_form_check_shown (self, error) &&
         nawat_round_check_reopen (self->call, self->evaluation,
                                   nawat_evaluation_get_evaluator (self->evaluation), FALSE,
                                   NULL, error);
}

/* Sends the evaluation back to draft in the form, recording the
 * reopening in it ("reopened": who, when).
 */
static gboolean
reopen_in_form (NawatScoreForm  *self,
                GError         **error)
{
  return _nawat_score_form_check_reopen (self, error) &&
         nawat_round_reopen (self->call, self->evaluation,
                             nawat_evaluation_get_evaluator (self->evaluation), FALSE, NULL, error);
}

/* Storing */

/* Not stored: a submission stays a draft, a reopened evaluation stays
 * submitted, as it was.
 */
static void
undo_change (Change *change)
{
  if (!change->reopening)
    {
      nawat_evaluation_set_status (change->evaluation, NAWAT_EVALUATION_DRAFT);
      return;
    }

  g_object_freeze_notify (G_OBJECT (change->evaluation));
  nawat_evaluation_set_status (change->evaluation, NAWAT_EVALUATION_SUBMITTED);
  nawat_evaluation_set_reopened (change->evaluation,
                                 nawat_evaluation_get_reopened_by (change->before),
                                 nawat_evaluation_get_reopened_at (change->before));
  nawat_evaluation_set_updated (change->evaluation, nawat_evaluation_get_updated (change->before));
  g_object_thaw_notify (G_OBJECT (change->evaluation));
}

/* The form shows the outcome, unless it shows another evaluation by now:
 * why the change was not stored stays in the problem bar (after the
 * update, which would put the list of missing scores there).
 */
static void
show_stored (NawatScoreForm *self,
             Change         *change,
             const GError   *error)
{
  if (change->evaluation != self->evaluation)
    return;

  if (error != NULL && change->reopening)
    _nawat_score_form_set_saving (self, FALSE);
  _nawat_score_form_update_all (self);
  nawat_score_summary_show_problem (self->summary, error != NULL ? error->message : NULL);

  if (error == NULL)
    _nawat_score_form_focus_changed (self, !change->reopening, change->had_focus);
  if (error == NULL && !change->reopening)
    _nawat_score_form_emit_submitted (self);
}

static void
on_change_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (source);
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (self->pending == task)
    g_clear_object (&self->pending);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    undo_change (change);
  show_stored (self, change, error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Stores the change @task made to the evaluation, the form locked
 * meanwhile.
 */
static void
store_change (NawatScoreForm *self,
              GTask          *task)
{
  g_autoptr(GTask) save = g_task_new (self, NULL, on_change_stored_cb, g_object_ref (task));

  g_set_object (&self->pending, task);
  _nawat_score_form_set_saving (self, TRUE);
  _nawat_score_form_update_all (self);
  _nawat_score_form_save_async (self, save);
}

/* Submits or reopens in the form, then stores the evaluation; what keeps
 * it from changing is returned at once.
 */
static void
change_async (NawatScoreForm      *self,
              gboolean             reopening,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(NawatEvaluation) before = NULL;
  Change *change;
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  if (!check_idle (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  before = self->evaluation != NULL ? nawat_evaluation_copy (self->evaluation) : NULL;
  if (!(reopening ? reopen_in_form (self, &error) : submit_in_form (self, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  change = g_new0 (Change, 1);
  change->evaluation = g_object_ref (self->evaluation);
  change->before = g_steal_pointer (&before);
  change->reopening = reopening;
  change->had_focus = _nawat_score_form_has_focus (self);
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);
  store_change (self, task);
}

static gboolean
change_finish (NawatScoreForm  *self,
               GAsyncResult    *result,
               gpointer         source_tag,
               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Submit */

/**
 * nawat_score_form_submit_async:
 * @self: a score form
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the submission is stored, or could not be
 * @user_data: data for @callback
 *
 * Submits the evaluation, with everything typed so far, and stores it on
 * the store's thread.  When it is incomplete (or cannot change) it is
 * not submitted and the outcome comes at once: the error (and the form)
 * lists the criteria still without a score.  A submission asked for is
 * stored even when @cancellable is cancelled.
 */
void
nawat_score_form_submit_async (NawatScoreForm      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (NAWAT_IS_SCORE_FORM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  change_async (self, FALSE, nawat_score_form_submit_async, cancellable, callback, user_data);
}

gboolean
nawat_score_form_submit_finish (NawatScoreForm  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return change_finish (self, result, nawat_score_form_submit_async, error);
}

void
_nawat_score_form_submit_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  /* The form shows why it could not submit. */
  nawat_score_form_submit_async (NAWAT_SCORE_FORM (widget), NULL, NULL, NULL);
}

/* Reopen */

gboolean
_nawat_score_form_can_reopen (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  return self->pending == NULL && _nawat_score_form_check_reopen (self, NULL);
}

/**
 * nawat_score_form_reopen_async:
 * @self: a score form
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the evaluation is stored as a draft again, or
 *   could not be
 * @user_data: data for @callback
 *
 * Sends the submitted evaluation back to draft, on the store's thread.
 * When the round's rules do not allow it, the outcome comes at once.  A
 * reopening asked for is stored even when @cancellable is cancelled.
 */
void
nawat_score_form_reopen_async (NawatScoreForm      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (NAWAT_IS_SCORE_FORM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  change_async (self, TRUE, nawat_score_form_reopen_async, cancellable, callback, user_data);
}

gboolean
nawat_score_form_reopen_finish (NawatScoreForm  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return change_finish (self, result, nawat_score_form_reopen_async, error);
}

static void
on_reopen_action_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nawat_score_form_reopen_finish (NAWAT_SCORE_FORM (source), result, &error))
    gtk_widget_error_bell (GTK_WIDGET (source));
}

void
_nawat_score_form_reopen_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  nawat_score_form_reopen_async (NAWAT_SCORE_FORM (widget), NULL, on_reopen_action_done_cb, NULL);
}
